#!/usr/bin/env bash
# Line coverage of the RTL by the lockstep regression (make coverage).
#
# Runs the Verilator testbench built with --coverage-line (VL_BIN; make
# coverage builds build/verilator-cov/Vvirq_tb with the Makefile's
# verilator_build) through the directed scenarios (SCENARIOS, seed 1) and the
# random ones (RANDOM_SCENARIOS, seeds SEEDS, CYCLES each) in lockstep
# against the model, merges the counts and writes the RTL annotated with
# them to build/coverage/annotated/ ("%000000" marks a line no run reached).
# Prints the total and, per file, the lines never reached other than
# parameter checks ($display/$finish at elaboration) and function bodies.
#
# Read the list with care: Verilator splits combinational blocks, and a line
# inside an always @* block can show 0 although the runs depend on it.  A
# line shown as reached was reached.  What the list found in the
# twenty-first session: virq_msix's refusal of a write to VEC_DROP_CNT and
# LEASE_EXP_CNT, never reached (answering OKAY passed every lockstep run; the
# regs scenario now checks every read-only register).  In the twenty-second:
# virq_route's global-event count saturating at 65 535, never reached; the
# pulses beyond it were dropped silently (now counted in GEV_LOST_CNT, and
# the gev scenario saturates two inputs).  What it shows after
# that, with the defaults (1 000 000 cycles per random run), and why:
#   virq_moderation.v 123/126 (a write with reserved bits): reached, not
#     counted (the same error planted there fails regs, random, vf_sweep);
#   virq_route.v 699 (the write kinds' default): unreachable;
#   virq_toeplitz.v 123-128, 186: the WORD_LEN = 0 input path and
#     in_valid_i = 0, which virq_route does not use (it sets WORD_LEN 1 and
#     in_valid_i 1); tb/toeplitz tests the block alone.
#
# MODE=toggle (make coverage-toggle): VL_BIN is a --coverage-toggle build;
# the counts go to $BUILD/coverage-toggle and scripts/toggle_report.py
# lists the register and port bits no run toggled.  Toggle counting makes
# the runs about 50 times slower: make coverage-toggle runs 200 000 cycles
# per random run unless CYCLES says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
MODE=${MODE:-line}
case "$MODE" in line|toggle) ;; *) echo "coverage.sh: MODE must be line or toggle, got '$MODE'" >&2; exit 2 ;; esac
VL_BIN=${VL_BIN:-$BUILD/verilator-cov/Vvirq_tb}
CYCLES=${CYCLES:-1000000}
SCENARIOS=${SCENARIOS:-"mod_a mod_b regs reset eq route stream gev msix vf_sweep drv"}
RANDOM_SCENARIOS=${RANDOM_SCENARIOS:-"random eq_random"}
SEEDS=${SEEDS:-"1 2 3"}
case "$CYCLES" in ''|*[!0-9]*) echo "coverage.sh: CYCLES must be a number of cycles, got '$CYCLES'" >&2; exit 2 ;; esac
[ -x "$VL_BIN" ] || { echo "coverage.sh: no coverage build at $VL_BIN (make coverage builds it)" >&2; exit 2; }

out=$BUILD/coverage
[ "$MODE" = toggle ] && out=$BUILD/coverage-toggle
rm -rf "$out"
mkdir -p "$out"

run() { # name, harness options
    local name=$1; shift
    if ! VIRQ_COVERAGE_FILE="$out/$name.dat" "$VL_BIN" "$@" > "$out/$name.log" 2>&1; then
        tail -5 "$out/$name.log" >&2
        echo "coverage: the run $name failed (see $out/$name.log)" >&2
        exit 1
    fi
    echo "  $(tail -n 1 "$out/$name.log")"
}
echo "coverage: running the scenarios"
for s in $SCENARIOS; do run "$s" --scenario="$s" --seed=1; done
for k in $SEEDS; do
    for s in $RANDOM_SCENARIOS; do run "$s-$k" --scenario="$s" --seed="$k" --cycles="$CYCLES"; done
done

verilator_coverage --write "$out/merged.dat" "$out"/*.dat > /dev/null
if [ "$MODE" = toggle ]; then
    echo "register and port bits no run toggled (see scripts/toggle_report.py for what to make of them):"
    python3 scripts/toggle_report.py "$out/merged.dat"
    echo "written: $out/merged.dat (scripts/toggle_report.py $out/merged.dat --all: every signal)"
    exit 0
fi
verilator_coverage --annotate "$out/annotated" --annotate-min 1 "$out/merged.dat" 2>&1 | grep -i "total coverage" || true
echo "lines no run reached (elaboration-time parameter checks and function bodies, which Verilator"
echo "does not count, left out; see the caveat at the top of scripts/coverage.sh):"
for f in "$out"/annotated/*.v; do
    awk -v f="$(basename "$f")" '
        { zero = ($0 ~ /^%000000/); src = $0; sub(/^(%[0-9]+| *[0-9]+)?\t/, "", src)
          if (src ~ /^[ \t]*function[ \t]/) infn = 1
          if (src ~ /^[ \t]*verilator_coverage:/) {
              if (zero && !infn && !upper(prev)) printf "  %s:%d: a branch of: %s\n", f, prevnr, trim(prev)
              next }
          if (zero && !infn && !upper(src) && src !~ /\$display|\$finish/) printf "  %s:%d: %s\n", f, NR, trim(src)
          if (src ~ /^[ \t]*endfunction/) infn = 0
          if (src !~ /^[ \t]*$/) { prev = src; prevnr = NR } }
        # a line whose names are all upper case (parameters, macros): an elaboration-time check
        function upper(x,   y) { y = " " x " "; gsub(/\/\/.*/, "", y); gsub(/[0-9]+\047[hdbo][0-9a-fA-F_xz]+/, "", y)
                                 gsub(/[^A-Za-z0-9_](if|else|begin|end)[^A-Za-z0-9_]/, " ", y)
                                 return y !~ /[a-z]/ }
        function trim(x) { sub(/^[ \t]+/, "", x); return x }' "$f"
done
echo "written: $out/annotated/ (every RTL line with its count), $out/merged.dat"
