#!/usr/bin/env python3
"""Checks scripts/synth_params.py (make synth-engine PARAMS=...): the
parameters and ranges it reads from rtl/virq_top.v, the Yosys command it
prints, and that each kind of wrong entry gives exit status 2 and a message
naming it.  The expected names, defaults and ranges are those written in
virq_top's parameter list and checked by its initial block (NUM_VEC 1..64,
NUM_EQ 1..256, NUM_FUNC 1..16, EQ_MAX_LOG2 1..16, ADDR_W 17..32, NUM_PRS
1..2048, NUM_CPU 1..64), read by hand; a hand-made module checks that a
parameter without a range is an error, not silently unchecked."""
import os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "synth_params.py")
TOP = os.path.join(ROOT, "rtl", "virq_top.v")
failures = []

def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")

def run(params, top=TOP):
    r = subprocess.run([sys.executable, SCRIPT, top, params], capture_output=True, text=True)
    return r.returncode, r.stdout.strip(), r.stderr.strip()

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import synth_params  # noqa: E402
check("declared parameters", synth_params.declared(TOP), {
    "NUM_VEC": (32, 1, 64), "NUM_EQ": (32, 1, 256), "NUM_FUNC": (8, 1, 16), "EQ_MAX_LOG2": (16, 1, 16),
    "ADDR_W": (17, 17, 32), "NUM_PRS": (128, 1, 2048), "NUM_CPU": (8, 1, 64)})

check("empty: defaults, nothing printed", run(""), (0, "", ""))
check("two parameters, in the order given", run("NUM_EQ=8 NUM_VEC=16"),
      (0, "chparam -set NUM_EQ 8 -set NUM_VEC 16 virq_top;", ""))
check("both ends of a range", run("NUM_VEC=1 NUM_PRS=2048"),
      (0, "chparam -set NUM_VEC 1 -set NUM_PRS 2048 virq_top;", ""))
for params, words in (("NUM_VEC=65", "NUM_VEC=65; virq_top takes 1..64"),
                      ("NUM_VEC=0", "NUM_VEC=0; virq_top takes 1..64"),
                      ("ADDR_W=16", "ADDR_W=16; virq_top takes 17..32"),
                      ("NUM_VECS=8", "names NUM_VECS, which virq_top does not have"),
                      ("num_vec=8", "names num_vec, which virq_top does not have"),
                      ("NUM_VEC", "'NUM_VEC' is not NAME=VALUE"),
                      ("NUM_VEC=", "'NUM_VEC=' is not NAME=VALUE"),
                      ("=8", "'=8' is not NAME=VALUE"),
                      ("NUM_VEC=-1", "'NUM_VEC=-1' is not NAME=VALUE"),
                      ("NUM_VEC=0x10", "'NUM_VEC=0x10' is not NAME=VALUE"),
                      # Verilator's -G reads 010 as octal 8, Yosys and Icarus as 10
                      ("NUM_EQ=010", "no leading zeros"),
                      ("NUM_VEC=8 NUM_VEC=16", "gives NUM_VEC twice")):
    rc, out, err = run(params)
    check(f"'{params}': exit status and no command", (rc, out), (2, ""))
    check(f"'{params}': the message", words in err, True)

with tempfile.TemporaryDirectory() as d:
    bad = os.path.join(d, "top.v")
    with open(bad, "w") as f:
        f.write("module virq_top #(\n    parameter integer A = 1,  // 1..4\n"
                "    parameter integer B = 2   // no range\n) (\n    input wire x\n);\nendmodule\n")
    rc, out, err = run("A=2", bad)
    check("a parameter without a range: an error", rc != 0 and "cannot read a range" in err, True)

if failures:
    print("synth-params: FAIL\n  " + "\n  ".join(failures))
    sys.exit(1)
print("synth-params: virq_top's names and ranges, the chparam command and each wrong entry's message")
