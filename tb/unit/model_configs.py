#!/usr/bin/env python3
"""The C model in many configurations: every scenario, on the model-only
runner (built with ASan/UBSan), in COUNT configurations of virq_top's seven
parameters drawn from SEED by scripts/synth_params.py's draw(): each
parameter from its range as virq_top declares it, an eighth of the draws
its lowest value, an eighth its highest, the rest log-uniform between
them, so the small, the large and the odd sizes all come up.

A scenario whose needs a configuration does not meet refuses to start
(exit 2, "could not start") and is counted as not run; `random` runs in
every configuration, so its refusal is a failure.  Any other non-zero exit
(a scenario's own check, a sanitizer report) fails with the configuration
and the command that replays it.  The RTL is not run here (a Verilator
build per configuration takes about 20 s): make test's lockstep runs take
four fixed configurations through the RTL (docs/design.md
"Configurations").

usage: model_configs.py MODELSIM [COUNT] [SEED]"""
import os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import synth_params  # noqa: E402

SCENARIOS = ["mod_a", "mod_b", "regs", "eq", "route", "stream", "msix", "random", "eq_random", "vf_sweep", "drv"]
RANDOM_CYCLES = 30000   # random, eq_random (eq_random needs 20 000)

if not 2 <= len(sys.argv) <= 4:
    sys.exit("usage: model_configs.py MODELSIM [COUNT] [SEED]")
modelsim = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 48
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
decl = synth_params.declared(os.path.join(ROOT, "rtl", "virq_top.v"))


failures, ran, refused = [], {s: 0 for s in SCENARIOS}, 0
for i, cfg in enumerate(synth_params.draw(decl, seed, count)):
    opts = [f"--{n.lower().replace('_', '-')}={v}" for n, v in cfg.items()]
    for scn in SCENARIOS:
        cmd = [modelsim, f"--scenario={scn}", f"--seed={seed * 1000 + i}"] + opts
        if scn in ("random", "eq_random"):
            cmd.append(f"--cycles={RANDOM_CYCLES}")
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode == 2 and "could not start" in r.stderr and scn != "random":
            refused += 1
            continue
        if r.returncode != 0:
            last = (r.stderr.strip().splitlines() or r.stdout.strip().splitlines() or [""])[-1]
            failures.append(f"{' '.join(cmd)}: exit {r.returncode}: {last}")
            continue
        ran[scn] += 1

if failures:
    print("model-configs: FAIL\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"model-configs: {count} configurations (seed {seed}), {sum(ran.values())} runs pass, {refused} refused by "
      f"scenarios' needs; runs per scenario: " + ", ".join(f"{s} {n}" for s, n in ran.items()))
