#!/usr/bin/env bash
# make bench: measured figures, written to build/bench.json and printed.
#   - virq_toeplitz (one-shot, context, bit-serial reference) per 36-byte hash
#   - events per clock through the event path with no backpressure, latency
#     from event accept to DMA write and to the guest interrupt (stream)
#   - lockstep simulation speed on Verilator and on Icarus (random scenario)
#   - C model alone: cycles/s through the cycle API (model-only runner)
#   - the multi-VM workload (make multivm: six moderation policies, guests
#     time-sliced on fewer CPUs), merged into build/bench.json as "multivm"
# Each speed is the median of RUNS runs (default 3); ratios are more stable
# than absolute figures on a shared machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-3}
out=build/bench
mkdir -p "$out"

# speed of one lockstep/model run, cycles/s, from the harness's last line
speed() {  # sim cycles
    scripts/lockstep.sh "$1" random 1 --cycles="$2" | sed -n 's/.* \([0-9][0-9]*\) cycles\/s$/\1/p' | tail -n 1
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "bench: Toeplitz hash"
gcc -std=c11 -Wall -Wextra -Werror -O2 -Iinclude tb/bench/bench_toeplitz.c cmodel/toeplitz.c -o "$out/bench_toeplitz"
"$out/bench_toeplitz" --json "$out/toeplitz.json" | tee "$out/toeplitz.txt"

echo "bench: event path (Verilator RTL, checked against the model)"
scripts/lockstep.sh verilator stream 1 | grep '^stream: [0-9]' | tee "$out/stream.txt"

echo "bench: lockstep and model speed (median of $runs)"
v=$(for i in $(seq "$runs"); do speed verilator 1000000; done | median)
i=$(for i in $(seq "$runs"); do speed icarus 20000; done | median)
m=$(for i in $(seq "$runs"); do speed model 1000000; done | median)
python3 - "$out/toeplitz.json" "$v" "$i" "$m" "$out/stream.txt" <<'PY'
import json, re, sys
tp = json.load(open(sys.argv[1]))
st = open(sys.argv[5]).read()
m = re.search(r"([0-9.]+) events per clock; accept -> DMA write (\d+) .*accept -> guest interrupt (-?\d+) cycles", st)
res = {"toeplitz": tp,
       "event_path": {"events_per_clock": float(m.group(1)), "accept_to_dma_cycles": int(m.group(2)),
                      "accept_to_guest_irq_cycles": int(m.group(3))} if m else None,
       "lockstep_cycles_per_s": {"verilator": int(sys.argv[2]), "icarus": int(sys.argv[3])},
       "model_cycles_per_s": int(sys.argv[4]),
       "note": "random scenario, default configuration; model figure is the model-only runner (two model instances per cycle)"}
json.dump(res, open("build/bench.json", "w"), indent=2)
print(f"{'lockstep, Verilator':32s} {int(sys.argv[2]):>12,d} cycles/s")
print(f"{'lockstep, Icarus':32s} {int(sys.argv[3]):>12,d} cycles/s")
print(f"{'C model (two instances)':32s} {int(sys.argv[4]):>12,d} cycles/s")
print("written: build/bench.json")
PY

echo "bench: multi-VM workload (moderation policies; docs/multivm.md)"
make --no-print-directory multivm
python3 - "$out/multivm.json" <<'PY'
import json, sys
res = json.load(open("build/bench.json"))
mv = json.load(open(sys.argv[1]))
for p in mv["policies"]:
    p.pop("timeline", None)  # the plot's raw events stay in build/bench/multivm.json
res["multivm"] = mv
json.dump(res, open("build/bench.json", "w"), indent=2)
print("merged: build/bench/multivm.json into build/bench.json (key multivm)")
PY
