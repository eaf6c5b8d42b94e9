#!/usr/bin/env bash
# Run one lockstep scenario on one simulator; on a failure, run it again with
# the same seed and leave an FST waveform of the failing run in build/waves/.
# usage: lockstep.sh verilator|icarus|model SCENARIO SEED [extra harness options]
# VL_BIN: the Verilator binary (default build/verilator/Vvirq_tb; make test's
# other configurations are build/verilator-cfg-NAME/Vvirq_tb); IV_VVP: the
# Icarus testbench (default build/icarus/tb_top.vvp); SKIP_UNFIT: a scenario
# that refuses the configuration (exit 4) is a skip, exit 77 (make sim
# PARAMS=...), instead of a failure (make test: each configuration lists the
# scenarios it must run)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 3 ]; then
    echo "usage: $0 verilator|icarus|model SCENARIO SEED [--cycles=N] [other harness options]" >&2
    exit 2
fi
sim=$1 scn=$2 seed=$3
shift 3
# "--opt value" as "--opt=value": Icarus takes the options as plusargs,
# one word each (a word after a flag such as --no-model becomes its
# "value", which the harness refuses as it would the stray word)
args=()
while [ $# -gt 0 ]; do
    if [[ $1 == --* && $1 != *=* && $# -gt 1 && $2 != -* && $2 != +* ]]; then
        args+=("$1=$2")
        shift 2
    else
        args+=("$1")
        shift
    fi
done
set -- "${args[@]+"${args[@]}"}"
# the simulator's binary (or testbench), the make command that builds it,
# and how to run it
case "$sim" in
    verilator) need=${VL_BIN:-$root/build/verilator/Vvirq_tb} how="make sim"
               run() { "$need" "$@"; } ;;
    icarus)    need=${IV_VVP:-$root/build/icarus/tb_top.vvp} how="make sim SIM=icarus"
               run() { vvp -n -M "$root/build/icarus" -m virq_tb "$need" -fst $(printf '+%s ' "${@#--}"); } ;;
    model)     need=$root/build/virq_modelsim how="make sim SIM=model"
               run() { "$need" "$@"; } ;;
    *) echo "lockstep.sh: unknown simulator '$sim' (verilator, icarus or model)" >&2; exit 2 ;;
esac
if [ ! -e "$need" ]; then
    echo "lockstep.sh: $need is not built ($how builds it)" >&2
    exit 2
fi
run --scenario="$scn" --seed="$seed" "$@"
rc=$?
# 4: the scenario does not fit this configuration (it printed what it needs)
if [ "$rc" -eq 4 ] && [ -n "${SKIP_UNFIT:-}" ]; then
    echo "lockstep.sh: SKIP: scenario $scn does not fit this configuration (not run)"
    exit 77  # a skip for scripts/checks.sh
fi
if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ] && [ "$rc" -ne 4 ] && [ "$sim" != model ]; then
    mkdir -p "$root/build/waves"
    bin=${VL_BIN:-}
    [ "$sim" = icarus ] && bin=${IV_VVP:-}
    wave="$root/build/waves/$sim${bin:+-$(basename "$(dirname "$bin")")}-$scn-$seed.fst"
    echo "lockstep.sh: failed (exit $rc); rerunning with a waveform"
    rm -f "$wave"
    run --scenario="$scn" --seed="$seed" --wave="$wave" "$@" >/dev/null 2>&1
    if [ -s "$wave" ]; then
        echo "lockstep.sh: waveform of the failing run: $wave"
    else
        echo "lockstep.sh: the rerun left no waveform ($wave)"
    fi
fi
exit "$rc"
