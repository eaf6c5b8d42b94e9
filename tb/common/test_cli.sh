#!/usr/bin/env bash
# The lockstep harness's command line: each malformed run is refused with
# exit 2 and a message that names what is wrong, before any cycle runs; a
# few well-formed ones still run.  The harness (tb/common/lockstep.c) is
# shared, so the model runner covers its parsing; the simulators' own
# wrappers are checked where they add something (Icarus: plusargs, the
# waveform before vvp's $dumpfile; Verilator: the waveform).
# usage: tb/common/test_cli.sh MODEL_RUNNER [VERILATOR_BIN] [ICARUS_VVP]
set -u
model=$1 vl=${2:-} vvp=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect_dir=$tmp
. "$(dirname "$0")/expect.sh"
# the checks run in $tmp: the programs by absolute path
abs() { case $1 in /* | '') echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
model=$(abs "$model") vl=$(abs "$vl") vvp=$(abs "$vvp")

m() { "$model" "$@"; }
# unknown option
expect 2 "unknown option '--sead=3'" m --scenario=regs --sead=3
# unknown scenario
expect 2 "no scenario 'regz'" m --scenario=regz
# signed number
expect 2 "'--seed=-1' needs a decimal number" m --scenario=regs --seed=-1
# leading zero (octal to C and Verilator)
expect 2 "'--seed=010' needs a decimal number in range, without leading zeros" \
    m --scenario=regs --seed=010
# hexadecimal
expect 2 "'--cycles=0x10' needs a decimal number" m --scenario=regs --cycles=0x10
# overflow
expect 2 "'--seed=18446744073709551616' needs a decimal number" m --scenario=regs --seed=18446744073709551616
# parameter out of range
expect 2 "bad parameters: num_vec must be 1..64" m --scenario=regs --num-vec=65
# bare option at the end
expect 2 "option '--seed' needs a value" m --scenario=regs --seed
# an option is not a value
expect 2 "option '--wave' needs a value" m --scenario=regs --wave --seed=3
# open-ended scenario, no cycles
expect 2 "0 would never end" m --scenario=random --cycles=0
# model and a waveform
expect 2 "the model alone writes no waveform" m --scenario=regs --wave="$tmp/w.fst"
# a scenario that does not fit
expect 4 "needs" m --scenario=eq --num-eq=8
# well formed, '--opt value'
expect 0 "regs: PASS" m --scenario regs --seed 7
# seed 0
expect 0 "regs: PASS" m --scenario=regs --seed=0

if [ -n "$vl" ]; then
    # verilator: waveform in a missing directory
    expect 2 "cannot write the waveform '$tmp/no/w.fst'" \
        "$vl" --scenario=regs --wave="$tmp/no/w.fst"
    # verilator: empty waveform name
    expect 2 "cannot write the waveform ''" "$vl" --scenario=regs --wave=
    # verilator: another configuration
    expect 2 "this simulator was built with" "$vl" --scenario=regs --num-vec=5
    # verilator: a waveform
    expect 0 "regs: PASS" "$vl" --scenario=regs --wave="$tmp/v.fst"
    [ -s "$tmp/v.fst" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL verilator: no waveform written"; }
    # a refused run neither empties an existing waveform nor leaves a new one
    cp "$tmp/v.fst" "$tmp/keep.fst"
    # verilator: refused run beside a waveform
    expect 2 "no scenario 'regz'" "$vl" --scenario=regz --wave="$tmp/keep.fst"
    # verilator: refused run, new waveform
    expect 2 "this simulator was built with" \
        "$vl" --scenario=regs --num-vec=5 --wave="$tmp/new.fst"
    if cmp -s "$tmp/v.fst" "$tmp/keep.fst" && [ ! -e "$tmp/new.fst" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL verilator: a refused run changed an existing waveform or left a new one"
    fi
fi
if [ -n "$vvp" ]; then
    root=$(cd "$(dirname "$0")/../.." && pwd)
    iv() { vvp -n -M "$root/build/icarus" -m virq_tb "$vvp" -fst "$@"; }
    # icarus: a '--' word is not a plusarg
    expect 2 "argument '--scenario=regs' is not a plusarg" \
        iv --scenario=regs +seed=5
    # icarus: waveform in a missing directory
    expect 2 "cannot write the waveform '$tmp/no/w.fst'" \
        iv +scenario=regs "+wave=$tmp/no/w.fst"
    # icarus: unknown plusarg
    expect 2 "unknown option '\+sead=3'" iv +scenario=regs +sead=3
    # icarus: well formed
    expect 0 "regs: PASS" iv +scenario=regs +seed=3
    # icarus: a vvp option of its own
    expect 0 "regs: PASS" iv -lxt2-speed +scenario=regs +seed=3
    # the design file under any name: the words after it are still checked
    cp "$vvp" "$tmp/tb.bin"
    # icarus: design file not named .vvp
    expect 2 "argument '--scenario=regs' is not a plusarg" \
        vvp -n -M "$root/build/icarus" -m virq_tb "$tmp/tb.bin" -fst --scenario=regs
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
