#!/usr/bin/env python3
"""make sim-configs: the lockstep regression on Verilator in COUNT
configurations of virq_top drawn from SEED (scripts/synth_params.py's
draw(), as tb/unit/model_configs.py draws them for the model alone).

Each configuration gets its own build, build/verilator-cfg-d<SEED>_<i>/
(about 20 s; make's pattern rule with CONFIG_d<SEED>_<i> set on its
command line), then every scenario runs in lockstep with the model;
`random` and `eq_random` for CYCLES cycles (make's CYCLES, 1 000 000: at
300 000, `random`'s end-of-run coverage missed an expired lease in two of
sixteen configurations, with 2- and 8-entry queues, and both pass at
1 000 000).  A scenario whose needs the
configuration does not meet refuses to start and is counted as not run
(`random` runs in every configuration, so its refusal fails).  A failure
prints the configuration, the scenario's last line and the command that
replays it (with a waveform: scripts/lockstep.sh).

usage: sim_configs.py COUNT SEED CYCLES [BUILD]"""
import os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import synth_params  # noqa: E402

SCENARIOS = ["mod_a", "mod_b", "regs", "eq", "route", "stream", "msix", "random", "eq_random", "vf_sweep", "drv"]

if len(sys.argv) not in (4, 5) or not all(a.isdigit() for a in sys.argv[1:4]):
    sys.exit("usage: sim_configs.py COUNT SEED CYCLES [BUILD]  (whole numbers; make sim-configs COUNT=N SEED=N CYCLES=N)")
count, seed, cycles = (int(a) for a in sys.argv[1:4])
build = sys.argv[4] if len(sys.argv) == 5 else "build"
decl = synth_params.declared(os.path.join(ROOT, "rtl", "virq_top.v"))

failures, ran, refused = [], 0, 0
for i, cfg in enumerate(synth_params.draw(decl, seed, count)):
    name = f"d{seed}_{i}"
    given = " ".join(f"{n}={v}" for n, v in cfg.items())
    binary = os.path.join(build, f"verilator-cfg-{name}", "Vvirq_tb")
    print(f"sim-configs: {name}: {given}", flush=True)
    b = subprocess.run(["make", "--no-print-directory", f"BUILD={build}", binary, f"CONFIG_{name}={given}"],
                       cwd=ROOT, capture_output=True, text=True)
    if b.returncode != 0:
        failures.append(f"{name} ({given}): the Verilator build failed: {(b.stdout + b.stderr).strip().splitlines()[-1:]}")
        continue
    for scn in SCENARIOS:
        cmd = [os.path.join(ROOT, "scripts", "lockstep.sh"), "verilator", scn, str(seed)]
        if scn in ("random", "eq_random"):
            cmd.append(f"--cycles={cycles}")
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                           env=dict(os.environ, VL_BIN=os.path.abspath(os.path.join(ROOT, binary))))
        if r.returncode == 2 and "could not start" in r.stderr and scn != "random":
            refused += 1
            continue
        if r.returncode != 0:
            out = (r.stdout + r.stderr).strip().splitlines()
            failures.append(f"{name} ({given}): {scn}: exit {r.returncode}: "
                            + " | ".join(l for l in out if "mismatch" in l or "FAIL" in l or "replay" in l or "waveform" in l))
            continue
        ran += 1
        print(f"  {scn}: {r.stdout.strip().splitlines()[-1]}", flush=True)

if failures:
    print("sim-configs: FAIL\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"sim-configs: {count} drawn configurations (seed {seed}), {ran} lockstep runs pass on Verilator, "
      f"{refused} refused by scenarios' needs")
