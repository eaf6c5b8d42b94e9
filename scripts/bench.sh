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
out=build/bench
json=build/bench.json
tp_opts=
mv_opts=
if [ "$smoke" = 1 ]; then
    runs=1 cycles=20000 icarus_cycles=500
    out=build/bench-smoke json=build/bench-smoke.json tp_opts="--quick --runs 1" mv_opts="--ms 20"
fi
mkdir -p "$out"

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
python3 - "$out/toeplitz.json" "$out/stream.txt" "$runs" "$vl" "$va" "$ic" "$ml" "$ma" "$json" <<'PY'
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
res = {"toeplitz": tp,
       "event_path": event_path,
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
print("written:", sys.argv[9])
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
