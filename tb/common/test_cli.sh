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
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect WHAT RC WORDS COMMAND...: the exit status is RC and the output
# (stdout and stderr) contains WORDS
expect() {
    local what=$1 rc=$2 words=$3 out got
    shift 3
    out=$("$@" 2>&1)
    got=$?
    if [ "$got" -eq "$rc" ] && [[ $out == *"$words"* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $what: exit $got (want $rc), output lacks '$words':"
        echo "$out" | tail -3 | sed 's/^/    /'
    fi
}

m() { "$model" "$@"; }
expect "unknown option" 2 "unknown option '--sead=3'" m --scenario=regs --sead=3
expect "unknown scenario" 2 "no scenario 'regz'" m --scenario=regz
expect "signed number" 2 "'--seed=-1' needs a decimal number" m --scenario=regs --seed=-1
expect "leading zero (octal to C and Verilator)" 2 "'--seed=010' needs a decimal number in range, without leading zeros" \
    m --scenario=regs --seed=010
expect "hexadecimal" 2 "'--cycles=0x10' needs a decimal number" m --scenario=regs --cycles=0x10
expect "overflow" 2 "'--seed=18446744073709551616' needs a decimal number" m --scenario=regs --seed=18446744073709551616
expect "parameter out of range" 2 "bad parameters: num_vec must be 1..64" m --scenario=regs --num-vec=65
expect "bare option at the end" 2 "option '--seed' needs a value" m --scenario=regs --seed
expect "an option is not a value" 2 "option '--wave' needs a value" m --scenario=regs --wave --seed=3
expect "open-ended scenario, no cycles" 2 "0 would never end" m --scenario=random --cycles=0
expect "model and a waveform" 2 "the model alone writes no waveform" m --scenario=regs --wave="$tmp/w.fst"
expect "a scenario that does not fit" 4 "needs" m --scenario=eq --num-eq=8
expect "well formed, '--opt value'" 0 "regs: PASS" m --scenario regs --seed 7
expect "seed 0" 0 "regs: PASS" m --scenario=regs --seed=0

if [ -n "$vl" ]; then
    expect "verilator: waveform in a missing directory" 2 "cannot write the waveform '$tmp/no/w.fst'" \
        "$vl" --scenario=regs --wave="$tmp/no/w.fst"
    expect "verilator: empty waveform name" 2 "cannot write the waveform ''" "$vl" --scenario=regs --wave=
    expect "verilator: another configuration" 2 "this simulator was built with" "$vl" --scenario=regs --num-vec=5
    expect "verilator: a waveform" 0 "regs: PASS" "$vl" --scenario=regs --wave="$tmp/v.fst"
    [ -s "$tmp/v.fst" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL verilator: no waveform written"; }
    # a refused run neither empties an existing waveform nor leaves a new one
    cp "$tmp/v.fst" "$tmp/keep.fst"
    expect "verilator: refused run beside a waveform" 2 "no scenario 'regz'" "$vl" --scenario=regz --wave="$tmp/keep.fst"
    expect "verilator: refused run, new waveform" 2 "this simulator was built with" \
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
    expect "icarus: a '--' word is not a plusarg" 2 "argument '--scenario=regs' is not a plusarg" \
        iv --scenario=regs +seed=5
    expect "icarus: waveform in a missing directory" 2 "cannot write the waveform '$tmp/no/w.fst'" \
        iv +scenario=regs "+wave=$tmp/no/w.fst"
    expect "icarus: unknown plusarg" 2 "unknown option '+sead=3'" iv +scenario=regs +sead=3
    expect "icarus: well formed" 0 "regs: PASS" iv +scenario=regs +seed=3
    expect "icarus: a vvp option of its own" 0 "regs: PASS" iv -lxt2-speed +scenario=regs +seed=3
    # the design file under any name: the words after it are still checked
    cp "$vvp" "$tmp/tb.bin"
    expect "icarus: design file not named .vvp" 2 "argument '--scenario=regs' is not a plusarg" \
        vvp -n -M "$root/build/icarus" -m virq_tb "$tmp/tb.bin" -fst --scenario=regs
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
