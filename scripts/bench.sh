#!/usr/bin/env bash
# make bench: measured figures, written to build/bench.json and printed.
#   - virq_toeplitz (one-shot, context, bit-serial reference) per 36-byte hash
#   - events per clock through the event path with no backpressure, latency
#     from event accept to the event-queue (DMA) write, to the guest
#     interrupt and to the MSI-X message (m_msi_valid_o), moderation off
#     (stream scenario, Verilator RTL checked against the model; the scenario
#     fails unless each latency is the one worked out from the docs)
#   - simulation speed, random scenario, default configuration:
#       lockstep on Verilator and on Icarus (RTL and model, every output
#       compared every cycle), Verilator RTL alone (--no-model: the same
#       scenario, nothing compared), the model-only runner (two model
#       instances compared) and the model alone (one instance, --no-model)
#   - the C model's events per second through the cycle API: the stream
#     scenario (one event per clock) on the model alone
#   - instructions per simulated cycle (valgrind's callgrind, random scenario
#     seed 1, the difference between an ICOUNT_BASE- and an ICOUNT_BASE +
#     ICOUNT_CYCLES-cycle run, so start-up is not counted): a count, not a
#     time, so it does not move with the machine's load, and two commits'
#     simulation speed can be compared by it; times cycles/s it gives the
#     instructions per second the machine ran at during the speed runs
#   - the multi-VM workload (make multivm: eight moderation policies, guests
#     time-sliced on fewer CPUs), merged into build/bench.json as "multivm"
# Every figure is the median of RUNS runs (default 3); BENCH_CYCLES (default
# 10^6) and BENCH_ICARUS_CYCLES (20 000) set the length of a speed run.  Speeds are given by
# wall-clock time and by the process's CPU time; on a shared machine the CPU
# figure and the ratios between simulators are the steadier ones.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# --smoke (make test): one short run of everything, written to
# build/bench-smoke/ and build/bench-smoke.json, so that the real figures in
# build/bench.json are not overwritten; the figures of a smoke run mean nothing
smoke=0
case "${1:-}" in
    "") ;;
    --smoke) smoke=1 ;;
    *) echo "usage: scripts/bench.sh [--smoke]  (RUNS, BENCH_CYCLES, BENCH_ICARUS_CYCLES in the environment)" >&2; exit 2 ;;
esac
runs=${RUNS:-3}
cycles=${BENCH_CYCLES:-1000000}              # per Verilator / model speed run
icarus_cycles=${BENCH_ICARUS_CYCLES:-20000}  # per Icarus run (about 100x slower)
ic_base=${ICOUNT_BASE:-10000}                # instruction counts: the shorter run
ic_cycles=${ICOUNT_CYCLES:-30000}            #   and how many cycles longer the other is
for v in RUNS=$runs BENCH_CYCLES=$cycles BENCH_ICARUS_CYCLES=$icarus_cycles ICOUNT_BASE=$ic_base ICOUNT_CYCLES=$ic_cycles; do
    if ! [[ ${v#*=} =~ ^[1-9][0-9]*$ ]]; then
        echo "bench.sh: ${v%%=*} must be a whole number from 1, got '${v#*=}'" >&2
        exit 2
    fi
done
out=build/bench
json=build/bench.json
tp_opts=
mv_opts=
if [ "$smoke" = 1 ]; then
    runs=1 cycles=20000 icarus_cycles=500 ic_base=1000 ic_cycles=1000
    out=build/bench-smoke json=build/bench-smoke.json tp_opts="--quick --runs 1" mv_opts="--ms 20"
fi
mkdir -p "$out"
scripts/bootstrap.sh --quiet bench  # valgrind for the instruction counts

# one run's rates from the harness's result line:
#   "...: PASS after N cycles, W s, X cycles/s; cpu C s, Y cycles/s"
# prints "X Y"; a run that does not pass (or, --no-model, finish) stops the bench
speed() {  # sim scenario cycles [harness options]
    local sim=$1 scn=$2 cyc=$3 log
    shift 3
    log=$(scripts/lockstep.sh "$sim" "$scn" 1 --cycles="$cyc" "$@" 2>&1) || true
    local last
    last=$(printf '%s\n' "$log" | tail -n 1)
    if ! printf '%s\n' "$last" | grep -Eq ": (PASS|DONE, UNCHECKED \(--no-model\)) after "; then
        printf '%s\n' "$log" | tail -n 20 >&2
        echo "bench: $sim $scn $* did not pass" >&2
        exit 1
    fi
    printf '%s\n' "$last" | sed -n 's/.* \([0-9][0-9]*\) cycles\/s; cpu .* \([0-9][0-9]*\) cycles\/s$/\1 \2/p'
}
# RUNS runs of one configuration: "wall_median cpu_median" (cycles/s)
speeds() {
    local i
    for i in $(seq "$runs"); do speed "$@"; done > "$out/runs.tmp"
    printf '%s %s\n' "$(cut -d' ' -f1 "$out/runs.tmp" | median)" "$(cut -d' ' -f2 "$out/runs.tmp" | median)"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# instructions of one run under callgrind: binary options...
icount() {
    local log n
    log=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null) || {
        printf '%s\n' "$log" | tail -n 20 >&2; echo "bench: $* failed under valgrind" >&2; exit 1; }
    n=$(printf '%s\n' "$log" | sed -n 's/.*Collected : *\([0-9][0-9]*\)$/\1/p')
    [ -n "$n" ] || { echo "bench: no instruction count from valgrind for $*" >&2; exit 1; }
    echo "$n"
}
# instructions per simulated cycle of the random scenario: binary [options]
per_cycle() {
    local bin=$1 a b
    shift
    # (a command substitution does not inherit set -e: each failure is tested)
    a=$(icount "$bin" --scenario=random --seed=1 --cycles="$ic_base" "$@") || exit 1
    b=$(icount "$bin" --scenario=random --seed=1 --cycles="$((ic_base + ic_cycles))" "$@") || exit 1
    echo $(( (b - a + ic_cycles / 2) / ic_cycles ))
}

echo "bench: Toeplitz hash"
gcc -std=c11 -Wall -Wextra -Werror -O2 -Iinclude tb/bench/bench_toeplitz.c cmodel/toeplitz.c -o "$out/bench_toeplitz"
"$out/bench_toeplitz" $tp_opts --json "$out/toeplitz.json" | tee "$out/toeplitz.txt"

echo "bench: event path (Verilator RTL, checked against the model; $runs runs)"
: > "$out/stream.txt"
for i in $(seq "$runs"); do
    log=$(scripts/lockstep.sh verilator stream 1 2>&1) || { printf '%s\n' "$log" | tail -n 20 >&2; echo "bench: stream failed" >&2; exit 1; }
    printf '%s\n' "$log" | grep '^stream: [0-9]' >> "$out/stream.txt"
done
tail -n 1 "$out/stream.txt"

echo "bench: simulation speed, random scenario (median of $runs runs each)"
vl=$(speeds verilator random "$cycles")
va=$(speeds verilator random "$cycles" --no-model)
ic=$(speeds icarus random "$icarus_cycles")
ml=$(speeds model random "$cycles")
ma=$(speeds model random "$cycles" --no-model)
rm -f "$out/runs.tmp"

echo "bench: C model, events per second through the cycle API (stream scenario, model alone; $runs runs)"
: > "$out/model_stream.txt"
for i in $(seq "$runs"); do
    log=$(scripts/lockstep.sh model stream 1 --no-model 2>&1) || { printf '%s\n' "$log" | tail -n 20 >&2; echo "bench: stream on the model failed" >&2; exit 1; }
    printf '%s\n' "$log" | grep -E '^stream: [0-9]|: stream: DONE' | tr '\n' ' ' >> "$out/model_stream.txt"
    echo >> "$out/model_stream.txt"
done

echo "bench: instructions per simulated cycle (valgrind callgrind; random seed 1, $((ic_base + ic_cycles)) - $ic_base cycles)"
vl_bin=build/verilator/Vvirq_tb
# one assignment each, so that set -e stops the bench at a failed count
ic_vl=$(per_cycle "$vl_bin")
ic_va=$(per_cycle "$vl_bin" --no-model)
ic_ml=$(per_cycle build/virq_modelsim)
ic_ma=$(per_cycle build/virq_modelsim --no-model)
icn="$ic_vl $ic_va $ic_ml $ic_ma"
python3 - "$out/toeplitz.json" "$out/stream.txt" "$runs" "$vl" "$va" "$ic" "$ml" "$ma" "$json" "$out/model_stream.txt" "$icn" "$ic_cycles" <<'PY'
import json, re, statistics, sys
tp = json.load(open(sys.argv[1]))
runs = int(sys.argv[3])
pat = re.compile(r"([0-9.]+) events per clock; accept -> DMA write (\d+) .*accept -> guest interrupt (-?\d+) cycles"
                 r"; accept -> MSI-X message (-?\d+) cycles")
rows = [m.groups() for m in map(pat.search, open(sys.argv[2])) if m]
if len(rows) != runs:
    sys.exit(f"bench: {len(rows)} stream result lines for {runs} runs")
med = lambda i, f: statistics.median_low([f(r[i]) for r in rows])
event_path = {"events_per_clock": med(0, float), "accept_to_dma_cycles": med(1, int),
              "accept_to_guest_irq_cycles": med(2, int), "accept_to_msix_cycles": med(3, int),
              "moderation": "off (interval 0)", "runs": runs}
names = ["verilator_lockstep", "verilator_rtl_alone", "icarus_lockstep", "model_lockstep", "model_alone"]
sp = {}
for n, v in zip(names, sys.argv[4:9]):
    wall, cpu = (int(x) for x in v.split())
    sp[n] = {"wall_cycles_per_s": wall, "cpu_cycles_per_s": cpu}
# the model's events per second: the stream's events over the run's CPU time
# (the run's cycles at its CPU cycles/s; the run has ~260 cycles of set-up
# and checks around the stream's events)
mpat = re.compile(r"stream: (\d+) events in .*: stream: DONE, UNCHECKED \(--no-model\) after (\d+) cycles, .* cpu [0-9.]+ s, (\d+) cycles/s")
mrows = [m.groups() for m in map(mpat.search, open(sys.argv[10])) if m]
if len(mrows) != runs:
    sys.exit(f"bench: {len(mrows)} model stream result lines for {runs} runs")
model_events = {"events_per_s": statistics.median_low([int(int(e) * int(cps) / int(c)) for e, c, cps in mrows]),
                "events_per_run": int(mrows[0][0]), "runs": runs,
                "how": "stream scenario (one event per clock) on the C model alone (--no-model), by CPU time"}
ipc = dict(zip(["verilator_lockstep", "verilator_rtl_alone", "model_lockstep", "model_alone"],
               (int(x) for x in sys.argv[11].split())))
# what the machine ran at during the speed runs, and what 2e6 cycles/s would allow
ips = {n: round(ipc[n] * sp[n]["cpu_cycles_per_s"] / 1e9, 2) for n in ipc}
icount = {"per_cycle": ipc,
          "implied_1e9_instructions_per_cpu_s": ips,
          "per_cycle_for_2e6_cycles_per_s": int(ips["verilator_lockstep"] * 1e9 / 2e6),
          "how": f"valgrind --tool=callgrind, random scenario seed 1, the difference of two runs {sys.argv[12]} cycles apart"}
res = {"toeplitz": tp,
       "event_path": event_path,
       "model_events": model_events,
       "instructions": icount,
       "speed": sp,
       # the earlier keys, wall-clock medians
       "lockstep_cycles_per_s": {"verilator": sp["verilator_lockstep"]["wall_cycles_per_s"],
                                 "icarus": sp["icarus_lockstep"]["wall_cycles_per_s"]},
       "model_cycles_per_s": sp["model_lockstep"]["wall_cycles_per_s"],
       "ratios_by_cpu_time": {
           "verilator_rtl_alone_over_lockstep": round(sp["verilator_rtl_alone"]["cpu_cycles_per_s"] / sp["verilator_lockstep"]["cpu_cycles_per_s"], 2),
           "model_alone_over_verilator_lockstep": round(sp["model_alone"]["cpu_cycles_per_s"] / sp["verilator_lockstep"]["cpu_cycles_per_s"], 2),
           "verilator_lockstep_over_icarus_lockstep": round(sp["verilator_lockstep"]["cpu_cycles_per_s"] / sp["icarus_lockstep"]["cpu_cycles_per_s"], 1)},
       "runs": runs,
       "note": ("medians of `runs` runs; random scenario seed 1, default configuration (NUM_VEC 32); "
                "lockstep = RTL and model, every output compared every cycle; rtl_alone and model_alone = "
                "--no-model (the scenario on one simulator, nothing compared; bench only); model_lockstep = "
                "the model-only runner (two model instances compared); cpu = cycles per second of process CPU time")}
json.dump(res, open(sys.argv[9], "w"), indent=2)
ep = event_path
print(f"{'event path':36s} {ep['events_per_clock']:.3f} events per clock; accept -> DMA write {ep['accept_to_dma_cycles']}, "
      f"-> guest interrupt {ep['accept_to_guest_irq_cycles']}, -> MSI-X message {ep['accept_to_msix_cycles']} cycles (moderation off)")
print(f"{'simulation speed, median of ' + str(runs):36s} {'wall cycles/s':>14s} {'CPU cycles/s':>14s}")
labels = {"verilator_lockstep": "lockstep, Verilator", "verilator_rtl_alone": "Verilator RTL alone (--no-model)",
          "icarus_lockstep": "lockstep, Icarus", "model_lockstep": "model-only runner (two instances)",
          "model_alone": "C model alone (--no-model)"}
for n in names:
    print(f"  {labels[n]:34s} {sp[n]['wall_cycles_per_s']:>14,d} {sp[n]['cpu_cycles_per_s']:>14,d}")
for k, v in res["ratios_by_cpu_time"].items():
    print(f"  ratio {k.replace('_', ' '):44s} {v}")
print(f"{'C model through the cycle API':36s} {model_events['events_per_s']:,d} events/s by CPU "
      f"(stream scenario, one event per clock, model alone; median of {runs})")
print(f"{'instructions per simulated cycle':36s} {'per cycle':>14s} {'1e9 instr/s':>14s}")
for n in ipc:
    print(f"  {labels[n]:34s} {ipc[n]:>14,d} {ips[n]:>14.2f}")
print(f"  2e6 cycles/s at the lockstep run's instructions per second: {icount['per_cycle_for_2e6_cycles_per_s']:,d} instructions per cycle "
      f"for RTL, model and harness together")
print("written:", sys.argv[9])
PY

# virq_run (docs/design.md "Skipping idle cycles"): the multi-VM workload's
# model time with its quiet stretches through virq_run against the same run
# stepped every cycle (the two print the same figures: test_guestsim checks
# it), at the engine's own 250 MHz and at multivm's default 25 MHz
echo "bench: the C model's idle cycles skipped by virq_run (multi-VM workload, every cycle against quiet runs)"
make --no-print-directory build/multivm >/dev/null
qr_ms=40
[ "$smoke" = 1 ] && qr_ms=2
: > "$out/quiet_runs.txt"
for mhz in 250 25; do
    for ec in 1 $(seq "$runs" | sed 's/.*/0/'); do
        t0=$(date +%s.%N)
        build/multivm --quiet --ms "$qr_ms" --clk-mhz "$mhz" --every-cycle "$ec" --json "$out/quiet_runs_$ec.json" > /dev/null
        t1=$(date +%s.%N)
        echo "$mhz $ec $t0 $t1" >> "$out/quiet_runs.txt"
    done
    # the same figures either way, but for the wall times
    if ! cmp -s <(sed 's/"wall_s": [0-9.]*//' "$out/quiet_runs_0.json") <(sed 's/"wall_s": [0-9.]*//' "$out/quiet_runs_1.json"); then
        echo "bench: multivm at $mhz MHz prints other figures with --every-cycle 1 than with virq_run" >&2
        exit 1
    fi
done
python3 - "$out/quiet_runs.txt" "$json" "$qr_ms" <<'PY'
import json, statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
res = json.load(open(sys.argv[2]))
q = {"how": f"build/multivm --quiet --ms {sys.argv[3]} (8 policies, {sys.argv[3]} ms each) by wall time: --every-cycle 1 "
            "(virq_step every cycle, one run) against the default (quiet stretches through virq_run, median); "
            "the JSON output is the same but for wall times"}
for mhz in ("250", "25"):
    ec = [float(r[3]) - float(r[2]) for r in rows if r[0] == mhz and r[1] == "1"]
    qr = [float(r[3]) - float(r[2]) for r in rows if r[0] == mhz and r[1] == "0"]
    q[f"{mhz}_mhz"] = {"every_cycle_s": round(statistics.median(ec), 3), "virq_run_s": round(statistics.median(qr), 3),
                       "speedup": round(statistics.median(ec) / statistics.median(qr), 1)}
    print(f"  multi-VM workload at {mhz:>3s} MHz: {q[mhz + '_mhz']['every_cycle_s']:.2f} s stepped every cycle, "
          f"{q[mhz + '_mhz']['virq_run_s']:.2f} s with virq_run ({q[mhz + '_mhz']['speedup']} x), the same figures")
res["model_quiet_runs"] = q
json.dump(res, open(sys.argv[2], "w"), indent=2)
PY

echo "bench: multi-VM workload (moderation policies; docs/multivm.md)"
if [ "$smoke" = 1 ]; then
    make --no-print-directory build/multivm >/dev/null
    build/multivm $mv_opts --quiet --json "$out/multivm.json" > "$out/multivm.txt"
    python3 scripts/plot_multivm.py "$out/multivm.json" "$out"
else
    make --no-print-directory multivm
fi
python3 - "$out/multivm.json" "$json" <<'PY'
import json, sys
res = json.load(open(sys.argv[2]))
mv = json.load(open(sys.argv[1]))
for p in mv["policies"]:
    p.pop("timeline", None)  # the plot's raw events stay in build/bench/multivm.json
res["multivm"] = mv
json.dump(res, open(sys.argv[2], "w"), indent=2)
print(f"merged: {sys.argv[1]} into {sys.argv[2]} (key multivm)")
PY
