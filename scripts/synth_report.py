#!/usr/bin/env python3
"""make synth's report: build/synth/report.json and a table on stdout, from
the Yosys statistics (stat.json) and nextpnr runs (nextpnr_s<seed>.log and
pnr_s<seed>.json per seed on ECP5, nextpnr.log and pnr.json on iCE40) under
OUT/<target>/<block>/.

usage: synth_report.py OUT FREQ_MHZ "TARGETS" "BLOCKS" ["PARAMS"]
  (TARGETS and BLOCKS are this run's, so that leftovers of older runs under
  OUT are not reported; PARAMS, NAME=VALUE separated by spaces as checked
  by synth_params.py, are virq_top's parameters other than the defaults)

Per block: luts, carry, ffs, brams, lutram; fmax_mhz (the median over the
routed seeds), fmax_range_mhz (with more than one routed seed), endpoints_failing,
slack_histogram_ps and critical_path (those of the slowest routed seed),
late (the same seed's endpoints whose arrival is past the period, counted
exactly from nextpnr's --detailed-timing-report: in all, by block, by
register, and the nets of 64 sinks or more that reach late ones),
seeds (each seed's own figures); for runs that PNR_TIMEOUT stopped,
fmax_placement_estimate_mhz and routed: false.  With PARAMS, virq_top's
entry has params ({NAME: value}) and the note names them.
"""
import json, os, re, statistics, sys
if len(sys.argv) not in (5, 6):
    sys.exit('usage: synth_report.py OUT FREQ_MHZ "TARGETS" "BLOCKS" ["PARAMS"]')
out, freq = sys.argv[1], sys.argv[2]
run_targets, run_blocks = sys.argv[3].split(), sys.argv[4].split()  # this run's, not older runs' leftovers
params = {n: int(v) for n, _, v in (p.partition("=") for p in (sys.argv[5] if len(sys.argv) == 6 else "").split())}

def cells(path):
    st = json.load(open(path))
    mods = st.get("modules", {})
    top = st.get("design", {}) or next(iter(mods.values()))
    return top.get("num_cells_by_type", {})

def count(c, names):
    return sum(v for k, v in c.items() if any(re.fullmatch(n, k) for n in names))

def slack_histogram(log):
    """the last slack histogram of a nextpnr log: [[lo_ps, hi_ps, min, max], ...]"""
    if not os.path.exists(log):
        return None
    n, bins = None, None
    for line in open(log, errors="replace"):
        m = re.search(r"legend: \* represents (\d+) endpoint", line)
        if m:
            n, bins = int(m.group(1)), []
            continue
        m = re.search(r"\[\s*(-?\d+),\s*(-?\d+)\)\s*\|(\**)(\+?)", line)
        if m and bins is not None:
            stars, plus = len(m.group(3)) * n, m.group(4) == "+"
            bins.append([int(m.group(1)), int(m.group(2)), stars + plus, stars + (n - 1 if plus else 0)])
    return bins or None

def late_endpoints(r, period_ns, top=12):
    """where a run misses the target, from nextpnr's detailed_net_timings
    (one entry per sink pin; its "delay" is the signal's arrival at that
    pin from the launching clock edge, so a pin is late when it arrives
    after the period; setup times, 0 to a few tenths of a ns, are not
    counted).  Groups: the block (the first name component of the sink
    cell: u_eq, u_route, ...; "top" for virq_top's own), and the register
    or LUT-RAM array the pin belongs to, with Yosys's suffixes taken off
    (rd_eq_q_TRELLIS_FF_Q_30 -> rd_eq_q, u_eq.ri_m.3.2 -> u_eq.ri_m,
    u_eq.wbcnt_m.1.0$DPRAM_COMB3 -> u_eq.wbcnt_m, indices of generated
    instances as [])."""
    nets = r.get("detailed_net_timings")
    if not nets:
        return None
    def arrival(ep):  # [min, max] in nextpnr 0.11's report
        return ep["delay"][1] if isinstance(ep["delay"], list) else ep["delay"]
    def reg(cell):
        n = re.sub(r"_TRELLIS_FF_Q.*|\.\d+\.\d+(\$DPRAM_COMB\d+)?$", "", cell)
        return re.sub(r"\[\d+\]", "[]", n)
    total, blocks, regs, fan = 0, {}, {}, []
    for net in nets:
        late = 0
        for ep in net.get("endpoints", []):
            t = arrival(ep)
            if t <= period_ns:
                continue
            late += 1
            g = reg(ep["cell"])
            b = g.split(".")[0] if "." in g else "top"
            blocks[b] = blocks.get(b, 0) + 1
            k = f"{g}.{ep['port']}"
            n, w = regs.get(k, (0, 0.0))
            regs[k] = (n + 1, max(w, t))
        total += late
        sinks = len(net.get("endpoints", []))
        if sinks >= 64 and late:
            worst = max(arrival(ep) for ep in net["endpoints"])
            fan.append({"net": net["net"], "sinks": sinks, "late": late, "worst_ns": round(worst, 2)})
    by_reg = sorted(regs.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))[:top]
    return {"endpoints": total,
            "by_block": dict(sorted(blocks.items(), key=lambda kv: -kv[1])),
            "by_register": [{"pin": k, "late": n, "worst_ns": round(w, 2)} for k, (n, w) in by_reg],
            "slowest_registers": [{"pin": k, "late": n, "worst_ns": round(w, 2)} for k, (n, w) in
                                  sorted(regs.items(), key=lambda kv: -kv[1][1])[:top]],
            "fanout_nets": sorted(fan, key=lambda f: -f["late"])[:8]}

def pnr_run(log, pnr):
    """one nextpnr run's figures: Fmax, endpoints missing the target, the
    worst path; or, for a run stopped by PNR_TIMEOUT, the placement estimate"""
    e = {}
    if os.path.exists(pnr):
        # (only for a finished run: an unfinished one's log has the
        # placement estimate's histogram)
        hist = slack_histogram(log)
        if hist:
            # endpoints that miss the target, as far as nextpnr's histogram
            # tells (each bar is rounded: a '+' stands for 1..N-1): a figure
            # that moves with every path fixed, where Fmax shows only the worst
            lo = sum(h[2] for h in hist if h[1] <= 0)
            hi = sum(h[3] for h in hist if h[0] < 0)
            e["endpoints_failing"] = [lo, hi]
            e["slack_histogram_ps"] = hist
        r = json.load(open(pnr))
        f = [v.get("achieved") for v in r.get("fmax", {}).values() if v.get("achieved")]
        e["fmax_mhz"] = round(min(f), 1) if f else None
        # the worst path from the JSON report (nextpnr 0.11's log ends the
        # path with an empty line, which the former log pattern missed)
        paths = [c["path"] for c in r.get("critical_paths", []) if c.get("path")]
        if paths:
            cp = max(paths, key=lambda q: sum(s["delay"] for s in q))
            ns = sum(s["delay"] for s in cp)
            lv = sum(1 for s in cp if s["type"] == "logic" and s["from"]["port"] != "FCI")
            e["critical_path"] = [f"from {cp[0]['from']['cell']}.{cp[0]['from']['port']}",
                                  f"to {cp[-1]['to']['cell']}.{cp[-1]['to']['port']}",
                                  f"{ns:.2f} ns, {lv} logic levels (carry ripple not counted)"]
        late = late_endpoints(r, 1000.0 / float(freq))
        if late:
            e["late"] = late
    elif os.path.exists(log):
        # routing did not finish (PNR_TIMEOUT): the placer's estimate,
        # reported as such (it is not a routed figure)
        est = [float(m.group(1)) for m in
               (re.search(r"Max frequency for clock '[^']*': ([0-9.]+) MHz", l)
                for l in open(log, errors="replace")) if m]
        if est:
            e["fmax_placement_estimate_mhz"] = round(est[0], 1)
            e["routed"] = False
    return e

KINDS = {
    "ecp5":  dict(luts=["LUT4"], carry=["CCU2C"], ffs=["TRELLIS_FF"], brams=["DP16KD", "PDPW16KD"],
                  lutram=["TRELLIS_DPR16X4"]),
    "ice40": dict(luts=["SB_LUT4"], carry=["SB_CARRY"], ffs=[r"SB_DFF.*"], brams=[r"SB_RAM40_4K.*"], lutram=[]),
    "xc7":   dict(luts=[r"LUT[1-6]"], carry=["CARRY4"], ffs=[r"FD[RSCP]E"], brams=[r"RAMB(18|36)E1"],
                  lutram=[r"RAM(32|64|128|256)[XM].*"]),
}
given = " ".join(f"{n}={v}" for n, v in params.items())
report = {"note": "Yosys (YoWASP) generic synthesis, default parameters of each module"
                  + (f" except virq_top's {given}" if params else "") + "; "
                  f"Fmax from nextpnr-ecp5 (LFE5U-85F, speed 8; router2 for virq_top and virq_top_ring, router1 for the blocks) "
                  f"and nextpnr-ice40 (HX8K) with a {freq} MHz target; where a block lists seeds, fmax_mhz is the "
                  f"median over its routed seeds and the path and endpoints are those of the slowest",
          "targets": {}}
for t in sorted(os.listdir(out)):
    if t not in KINDS or t not in run_targets:
        continue
    for b in sorted(os.listdir(os.path.join(out, t))):
        if b not in run_blocks:
            continue
        p = os.path.join(out, t, b, "stat.json")
        if not os.path.exists(p):
            continue
        c = cells(p)
        k = KINDS[t]
        e = {n: count(c, k[n]) for n in ("luts", "carry", "ffs", "brams", "lutram")}
        e["fmax_mhz"] = None
        # place-and-route runs: nextpnr_s<seed>.log / pnr_s<seed>.json (ECP5,
        # one per seed), nextpnr.log / pnr.json (iCE40, default seed)
        d = os.path.join(out, t, b)
        runs = sorted(((int(m.group(1)) if m.group(1) else None, f) for f in os.listdir(d)
                       for m in [re.fullmatch(r"nextpnr(?:_s(\d+))?\.log", f)] if m),
                      key=lambda run: (run[0] is not None, run[0] or 0))
        per_seed = {}
        for seed, logname in runs:
            sfx = "" if seed is None else f"_s{seed}"
            r = pnr_run(os.path.join(d, logname), os.path.join(d, f"pnr{sfx}.json"))
            if r:
                per_seed[seed] = r
        routed = [r for r in per_seed.values() if r.get("fmax_mhz")]
        if routed:
            # the median over the seeds, and the worst seed's path and endpoints
            fs = sorted(r["fmax_mhz"] for r in routed)
            e["fmax_mhz"] = round(statistics.median(fs), 1)
            worst = min(routed, key=lambda r: r["fmax_mhz"])
            e.update({n: worst[n] for n in ("endpoints_failing", "critical_path", "slack_histogram_ps", "late") if n in worst})
            if len(fs) > 1:
                e["fmax_range_mhz"] = [fs[0], fs[-1]]
        else:
            est = sorted(r["fmax_placement_estimate_mhz"] for r in per_seed.values() if "fmax_placement_estimate_mhz" in r)
            if est:
                e["fmax_placement_estimate_mhz"] = round(statistics.median(est), 1)
                e["routed"] = False
        if any(seed is not None for seed in per_seed):
            e["seeds"] = {str(seed): {n: v for n, v in r.items() if n not in ("slack_histogram_ps", "late")}
                               | ({"late_endpoints": r["late"]["endpoints"]} if "late" in r else {})
                          for seed, r in sorted(per_seed.items())}
        if b == "virq_top" and params:
            e["params"] = dict(params)
        report["targets"].setdefault(t, {})[b] = e
json.dump(report, open(os.path.join(out, "report.json"), "w"), indent=2)
if params:
    print(f"virq_top's parameters: {given} (the rest at their defaults)")
print(f"{'target':6s} {'block':16s} {'LUTs':>7s} {'carry':>6s} {'FFs':>6s} {'BRAM':>5s} {'LUTRAM':>7s} {'Fmax MHz':>9s}")
for t, bl in report["targets"].items():
    for b, e in bl.items():
        fm = f"{e['fmax_mhz']:.1f}" if e["fmax_mhz"] else "-"
        if not e["fmax_mhz"] and e.get("fmax_placement_estimate_mhz"):
            fm = f"({e['fmax_placement_estimate_mhz']:.1f})"
        print(f"{t:6s} {b:16s} {e['luts']:7d} {e['carry']:6d} {e['ffs']:6d} {e['brams']:5d} {e['lutram']:7d} {fm:>9s}")
        if e.get("routed") is False:
            print(f"       not routed in PNR_TIMEOUT: ({e['fmax_placement_estimate_mhz']:.1f}) is nextpnr's placement estimate")
        sd = e.get("seeds", {})
        if len(sd) > 1:
            rng = e.get("fmax_range_mhz")
            print(f"       {'median' if e['fmax_mhz'] else 'placement estimates'} over seeds "
                  + ", ".join(f"{k}: {v['fmax_mhz'] if v.get('fmax_mhz') else '(%s)' % v.get('fmax_placement_estimate_mhz', '-')}"
                              for k, v in sd.items())
                  + (f"; range {rng[0]}-{rng[1]} MHz; worst seed's figures below" if rng else ""))
        if "endpoints_failing" in e:
            print(f"       endpoints missing {freq} MHz: {e['endpoints_failing'][0]}-{e['endpoints_failing'][1]} (nextpnr's slack histogram)")
        for l in e.get("critical_path", []):
            print(f"       critical path: {l}")
        lt = e.get("late")
        if lt and lt["endpoints"]:
            print(f"       late pins (arrival past {1000.0 / float(freq):.2f} ns): {lt['endpoints']}; by block: "
                  + ", ".join(f"{k} {v}" for k, v in lt["by_block"].items()))
            print("       most late pins: " + ", ".join(f"{g['pin']} {g['late']} ({g['worst_ns']} ns)" for g in lt["by_register"][:8]))
            print("       latest pins: " + ", ".join(f"{g['pin']} {g['worst_ns']} ns" for g in lt["slowest_registers"][:8]))
            for f in lt["fanout_nets"][:4]:
                print(f"       net {f['net']}: {f['sinks']} sinks, {f['late']} late, latest {f['worst_ns']} ns")
print(f"written: {out}/report.json")
