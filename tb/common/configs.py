#!/usr/bin/env python3
"""Every scenario in COUNT configurations of virq_top drawn from SEED
(scripts/synth_params.py's draw(): each parameter from its range as
virq_top declares it, its lowest value an eighth of the time, its highest
an eighth, log-uniform between them otherwise, so the small, the large and
the odd sizes all come up).

  configs.py model MODELSIM COUNT SEED
      make test's model-configs-asan: on the model-only runner (built with
      ASan/UBSan), random and eq_random for 30 000 cycles; no RTL.
  configs.py verilator COUNT SEED CYCLES BUILD
      make sim-configs: each configuration gets its own Verilator build,
      BUILD/verilator-cfg-d<SEED>_<i>/ (about 20 s; make's pattern rule with
      CONFIG_d<SEED>_<i> on its command line), and every scenario runs in
      lockstep with the model, random and eq_random for CYCLES cycles
      (make's CYCLES, 1 000 000: at 300 000, random's end-of-run coverage
      missed an expired lease in two of sixteen configurations, with 2- and
      8-entry queues; both pass at 1 000 000).

The scenarios are those the harness lists (--list).  One whose needs a
configuration does not meet refuses to start (exit 4) and is counted as
not run; `random` runs in every configuration, so its
refusal fails.  Any other non-zero exit (a mismatch, a scenario's own
check, a sanitizer report) fails with the configuration and the command
that replays it."""
import os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import synth_params  # noqa: E402

USAGE = ("usage: configs.py model MODELSIM COUNT SEED\n"
         "       configs.py verilator COUNT SEED CYCLES BUILD   (whole numbers)")
RANDOM_SCENARIOS = ("random", "eq_random")


def scenarios(binary):
    """the scenario names the harness lists"""
    out = subprocess.run([binary, "--list"], capture_output=True, text=True).stdout
    return re.findall(r"^  (\w+) ", out.split("scenarios:", 1)[-1], re.M)


def main():
    mode, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if not ((mode == "model" and len(args) == 3 and all(a.isdigit() for a in args[1:]))
            or (mode == "verilator" and len(args) == 4 and all(a.isdigit() for a in args[:3]))):
        sys.exit(USAGE)
    if mode == "model":
        modelsim, count, seed, cycles, build = args[0], int(args[1]), int(args[2]), 30000, None
        names = scenarios(modelsim)
    else:
        count, seed, cycles, build = int(args[0]), int(args[1]), int(args[2]), args[3]
        names = None   # from the first build
    decl = synth_params.declared(os.path.join(ROOT, "rtl", "virq_top.v"))
    failures, ran, refused = [], {}, 0
    for i, cfg in enumerate(synth_params.draw(decl, seed, count)):
        given = " ".join(f"{n}={v}" for n, v in cfg.items())
        if mode == "model":
            base = [modelsim] + [f"--{n.lower().replace('_', '-')}={v}" for n, v in cfg.items()]
            run_seed, env = seed * 1000 + i, None
        else:
            name = f"d{seed}_{i}"
            binary = os.path.join(build, f"verilator-cfg-{name}", "Vvirq_tb")
            print(f"sim-configs: {name}: {given}", flush=True)
            b = subprocess.run(["make", "--no-print-directory", f"BUILD={build}", binary, f"CONFIG_{name}={given}"],
                               cwd=ROOT, capture_output=True, text=True)
            if b.returncode != 0:
                failures.append(f"{given}: the Verilator build failed: {(b.stdout + b.stderr).strip().splitlines()[-1:]}")
                continue
            names = names or scenarios(os.path.join(ROOT, binary))
            base = [os.path.join(ROOT, "scripts", "lockstep.sh"), "verilator"]
            run_seed, env = seed, dict(os.environ, VL_BIN=os.path.abspath(os.path.join(ROOT, binary)))
        for scn in names:
            cmd = base + ([f"--scenario={scn}", f"--seed={run_seed}"] if mode == "model" else [scn, str(run_seed)])
            if scn in RANDOM_SCENARIOS:
                cmd.append(f"--cycles={cycles}")
            r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
            if r.returncode == 4 and scn != "random":   # the scenario refused the configuration
                refused += 1
                continue
            if r.returncode != 0:
                out = (r.stdout + r.stderr).strip().splitlines()
                keep = [l for l in out if re.search(r"mismatch|FAIL|replay|waveform|hole|ERROR|runtime error", l)]
                failures.append(f"{given}: {scn}: exit {r.returncode}: " + " | ".join(keep or out[-1:]))
                continue
            ran[scn] = ran.get(scn, 0) + 1
            if mode == "verilator":
                print(f"  {r.stdout.strip().splitlines()[-1]}", flush=True)
    what = "model-configs" if mode == "model" else "sim-configs"
    if not failures and (count == 0 or "random" not in ran):
        # nothing ran, or not even the random scenario (it takes every
        # configuration): the runner or its scenario list is broken
        failures.append(f"no run of the random scenario among {sum(ran.values())} runs "
                        f"(scenarios listed: {', '.join(names or []) or 'none'})")
    if failures:
        print(f"{what}: FAIL\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"{what}: {count} drawn configurations (seed {seed}), {sum(ran.values())} runs pass"
          f"{' in lockstep on Verilator' if mode == 'verilator' else ''}, {refused} refused by scenarios' needs; "
          "runs per scenario: " + ", ".join(f"{s} {n}" for s, n in ran.items()))


if __name__ == "__main__":
    main()
