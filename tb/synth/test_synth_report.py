#!/usr/bin/env python3
"""Checks scripts/synth_report.py (make synth's report) on hand-made nextpnr
and Yosys outputs: the median and range over seeds, the slowest seed's path
and endpoints, its late pins from the detailed timing report, a seed stopped by PNR_TIMEOUT, a block that routed with no
seed, iCE40's single run, the cell counts, that blocks outside this
run's list are left out, and virq_top's PARAMS in the report.  Every expected value below is worked out by hand
from the inputs written here."""
import json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []

def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")

def log_text(fmax, routed, hist=None):
    """a nextpnr log as far as the report reads it: the placement estimate
    first, the routed figure last (if routed), and a slack histogram"""
    t = ["Info: Max frequency for clock 'clk_i': %.2f MHz (FAIL at 150.00 MHz)" % (fmax - 5.0 if routed else fmax)]
    if routed:
        t.append("Warning: Max frequency for clock 'clk_i': %.2f MHz (FAIL at 150.00 MHz)" % fmax)
    if hist:
        t.append("Info: Slack histogram:")
        t.append("Info:  legend: * represents 10 endpoint(s)")
        t.append("Info:          + represents [1,10) endpoint(s)")
        t += ["Info: [%6d, %6d) |%s" % (lo, hi, bar) for lo, hi, bar in hist]
    return "\n".join(t) + "\n"

def pnr_json(fmax, src, dst):
    path = [
        {"type": "clk-to-q", "from": {"cell": src, "port": "CLK"}, "to": {"cell": src, "port": "Q"}, "delay": 0.5},
        {"type": "routing", "from": {"cell": src, "port": "Q"}, "to": {"cell": "lut1", "port": "A"}, "delay": 2.0},
        {"type": "logic", "from": {"cell": "lut1", "port": "A"}, "to": {"cell": "lut1", "port": "F"}, "delay": 0.25},
        {"type": "routing", "from": {"cell": "lut1", "port": "F"}, "to": {"cell": "cc", "port": "FCI"}, "delay": 0.0},
        {"type": "logic", "from": {"cell": "cc", "port": "FCI"}, "to": {"cell": "cc", "port": "FCO"}, "delay": 0.05},
        {"type": "routing", "from": {"cell": "cc", "port": "FCO"}, "to": {"cell": dst, "port": "DI"}, "delay": 1.2},
    ]
    return {"fmax": {"clk_i": {"achieved": fmax, "constraint": 150.0}},
            "critical_paths": [{"from": "clk_i", "to": "clk_i", "path": path}]}

def net_timings():
    """nextpnr's detailed_net_timings: per net, each sink pin's arrival
    ([min, max] ns); at 150 MHz a pin is late past 6.667 ns"""
    def ep(cell, port, t):
        return {"cell": cell, "port": port, "delay": [t - 1.0, t], "event": "posedge clk_i"}
    # a reset-like net of 70 sinks: 40 late at 7.0 ns, 30 on time
    rst = [ep(f"u_route.fdef_q_TRELLIS_FF_Q_{i}", "LSR", 7.0 if i < 40 else 5.0) for i in range(70)]
    return [{"net": "rst_x_Z", "driver": "rst_x", "port": "Z", "endpoints": rst},
            {"net": "a", "driver": "la", "port": "F", "endpoints": [ep("rd_eq_q_TRELLIS_FF_Q_3", "DI", 9.5),
                                                                     ep("u_eq.ri_m.3.2", "WAD0", 6.0)]},
            {"net": "b", "driver": "lb", "port": "F", "endpoints": [
                ep("u_mod.g_unit[5].u_unit.lat_rl_q_TRELLIS_FF_Q", "DI", 8.0),
                ep("u_mod.g_unit[7].u_unit.lat_rl_q_TRELLIS_FF_Q", "DI", 8.5),
                ep("u_eq.wi_m.4.0", "WAD1", 6.7)]},
            {"net": "c", "driver": "lc", "port": "F", "endpoints": [ep("u_eq.wbcnt_m.1.0$DPRAM_COMB3", "WRE", 7.5),
                                                                     ep("u_eq.wbcnt_m.0.1$DPRAM_COMB0", "WRE", 7.25)]}]

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text if isinstance(text, str) else json.dumps(text))

with tempfile.TemporaryDirectory() as out:
    ecp5_stat = {"design": {"num_cells_by_type": {"LUT4": 100, "CCU2C": 5, "TRELLIS_FF": 40,
                                                   "TRELLIS_DPR16X4": 3, "DP16KD": 1, "PFUMX": 7}}}
    ice40_stat = {"design": {"num_cells_by_type": {"SB_LUT4": 50, "SB_CARRY": 4, "SB_DFF": 6, "SB_DFFSR": 4}}}
    # virq_top: four routed seeds and one stopped by PNR_TIMEOUT
    top = os.path.join(out, "ecp5", "virq_top")
    write(os.path.join(top, "stat.json"), ecp5_stat)
    for seed, fmax in ((1, 60.0), (2, 70.0), (3, 62.0), (4, 66.0)):
        # seed 1 is the slowest: its histogram has [-6000,-3000) 2 stars and
        # a '+' (21..29 endpoints) and [-3000,0) one star (10): 31..39 miss
        hist = [(-6000, -3000, "**+"), (-3000, 0, "*"), (0, 3000, "***")] if seed == 1 else [(-3000, 0, "*")]
        write(os.path.join(top, f"nextpnr_s{seed}.log"), log_text(fmax, True, hist))
        pj = pnr_json(fmax, f"src{seed}", f"dst{seed}")
        if seed in (1, 2):  # seed 2 has a detailed report too, but is not the slowest
            pj["detailed_net_timings"] = net_timings()[:1 if seed == 2 else 4]
        write(os.path.join(top, f"pnr_s{seed}.json"), pj)
    write(os.path.join(top, "nextpnr_s5.log"), log_text(58.0, False))  # no pnr_s5.json
    # virq_top_ring: neither seed routed; placement estimates 55 and 57
    ring = os.path.join(out, "ecp5", "virq_top_ring")
    write(os.path.join(ring, "stat.json"), ecp5_stat)
    write(os.path.join(ring, "nextpnr_s1.log"), log_text(55.0, False))
    write(os.path.join(ring, "nextpnr_s2.log"), log_text(57.0, False))
    # virq_route: seed 1 routed at 140, seed 2 stopped: no range from one figure
    route = os.path.join(out, "ecp5", "virq_route")
    write(os.path.join(route, "stat.json"), ecp5_stat)
    write(os.path.join(route, "nextpnr_s1.log"), log_text(140.0, True))
    write(os.path.join(route, "pnr_s1.json"), pnr_json(140.0, "r", "s"))
    write(os.path.join(route, "nextpnr_s2.log"), log_text(100.0, False))
    # iCE40: one run without a seed
    ice = os.path.join(out, "ice40", "virq_tick")
    write(os.path.join(ice, "stat.json"), ice40_stat)
    write(os.path.join(ice, "nextpnr.log"), log_text(180.0, True))
    write(os.path.join(ice, "pnr.json"), pnr_json(180.0, "a", "b"))
    # a leftover of an older run, not in this run's blocks
    write(os.path.join(out, "ecp5", "virq_eq", "stat.json"), ecp5_stat)

    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "synth_report.py"), out, "150",
                        "ecp5 ice40", "virq_top virq_top_ring virq_route virq_tick"], capture_output=True, text=True)
    check("exit status", r.returncode, 0)
    rep = json.load(open(os.path.join(out, "report.json")))
    e = rep["targets"]["ecp5"]["virq_top"]
    check("ecp5 cell counts", [e[k] for k in ("luts", "carry", "ffs", "brams", "lutram")], [100, 5, 40, 1, 3])
    check("median of 60, 62, 66, 70", e["fmax_mhz"], 64.0)
    check("range", e["fmax_range_mhz"], [60.0, 70.0])
    check("slowest seed's endpoints", e.get("endpoints_failing"), [31, 39])
    check("slowest seed's path", e.get("critical_path"),
          ["from src1.CLK", "to dst1.DI", "4.00 ns, 1 logic levels (carry ripple not counted)"])
    # the slowest seed's late pins, by hand from net_timings(): 40 of the
    # reset net, rd_eq_q (9.5), both lat_rl_q (8.0, 8.5), wi_m's WAD1
    # (6.7 > 6.667) and both of wbcnt_m's WRE (7.5, 7.25; two RAM cells
    # with Yosys's $DPRAM_COMB suffix, one array); ri_m's WAD0 (6.0) is on time
    lt = e.get("late", {})
    check("late pins", lt.get("endpoints"), 46)
    check("late pins by block", lt.get("by_block"), {"u_route": 40, "u_mod": 2, "top": 1, "u_eq": 3})
    check("late pins by register (count, then the latest first)", lt.get("by_register"),
          [{"pin": "u_route.fdef_q.LSR", "late": 40, "worst_ns": 7.0},
           {"pin": "u_mod.g_unit[].u_unit.lat_rl_q.DI", "late": 2, "worst_ns": 8.5},
           {"pin": "u_eq.wbcnt_m.WRE", "late": 2, "worst_ns": 7.5},
           {"pin": "rd_eq_q.DI", "late": 1, "worst_ns": 9.5},
           {"pin": "u_eq.wi_m.WAD1", "late": 1, "worst_ns": 6.7}])
    check("latest registers", [g["pin"] for g in lt.get("slowest_registers", [])],
          ["rd_eq_q.DI", "u_mod.g_unit[].u_unit.lat_rl_q.DI", "u_eq.wbcnt_m.WRE", "u_route.fdef_q.LSR", "u_eq.wi_m.WAD1"])
    check("nets of 64 sinks or more", lt.get("fanout_nets"), [{"net": "rst_x_Z", "sinks": 70, "late": 40, "worst_ns": 7.0}])
    check("seed 1's late pins in its own entry", e["seeds"]["1"].get("late_endpoints"), 46)
    check("seed 2's (reset net only)", e["seeds"]["2"].get("late_endpoints"), 40)
    check("seed 3 has no detailed report", "late_endpoints" in e["seeds"]["3"], False)
    check("table: late pins", "late pins (arrival past 6.67 ns): 46; by block: u_route 40, u_eq 3, u_mod 2, top 1" in r.stdout, True)
    check("table: the net", "net rst_x_Z: 70 sinks, 40 late, latest 7.0 ns" in r.stdout, True)
    check("seeds listed", sorted(e.get("seeds", {})), ["1", "2", "3", "4", "5"])
    check("seed 3", e["seeds"]["3"].get("fmax_mhz"), 62.0)
    check("seed 5 (stopped)", e["seeds"]["5"], {"fmax_placement_estimate_mhz": 58.0, "routed": False})
    check("a routed block has no 'routed: false'", "routed" in e, False)
    g = rep["targets"]["ecp5"]["virq_top_ring"]
    check("unrouted block's Fmax", g["fmax_mhz"], None)
    check("unrouted block's estimate (median of 55, 57)", g.get("fmax_placement_estimate_mhz"), 56.0)
    check("unrouted block flagged", g.get("routed"), False)
    q = rep["targets"]["ecp5"]["virq_route"]
    check("one routed seed of two: its Fmax", q["fmax_mhz"], 140.0)
    check("one routed seed of two: no range", "fmax_range_mhz" in q, False)
    check("one routed seed of two: the stopped one listed", q["seeds"]["2"], {"fmax_placement_estimate_mhz": 100.0, "routed": False})
    i = rep["targets"]["ice40"]["virq_tick"]
    check("ice40 cell counts", [i[k] for k in ("luts", "carry", "ffs", "brams", "lutram")], [50, 4, 10, 0, 0])
    check("ice40 Fmax", i["fmax_mhz"], 180.0)
    check("ice40 has no seeds", "seeds" in i, False)
    check("leftover block left out", "virq_eq" in rep["targets"]["ecp5"], False)
    check("table names the median", "median over seeds 1: 60.0, 2: 70.0, 3: 62.0, 4: 66.0, 5: (58.0); range 60.0-70.0 MHz" in r.stdout, True)
    check("no PARAMS: no params entry", "params" in e, False)
    check("no PARAMS: the note says default parameters", "default parameters of each module;" in rep["note"], True)

    # the same runs reported with virq_top's PARAMS (make synth-engine PARAMS=...)
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "synth_report.py"), out, "150",
                        "ecp5", "virq_top virq_top_ring", "NUM_VEC=8 NUM_EQ=4"], capture_output=True, text=True)
    check("PARAMS: exit status", r.returncode, 0)
    rep = json.load(open(os.path.join(out, "report.json")))
    check("PARAMS: virq_top's params", rep["targets"]["ecp5"]["virq_top"].get("params"), {"NUM_VEC": 8, "NUM_EQ": 4})
    check("PARAMS: the ring has none", "params" in rep["targets"]["ecp5"]["virq_top_ring"], False)
    check("PARAMS: the note names them", "default parameters of each module except virq_top's NUM_VEC=8 NUM_EQ=4;" in rep["note"], True)
    check("PARAMS: the table names them", "virq_top's parameters: NUM_VEC=8 NUM_EQ=4 (the rest at their defaults)" in r.stdout, True)
    check("PARAMS: the median unchanged", rep["targets"]["ecp5"]["virq_top"]["fmax_mhz"], 64.0)

if failures:
    print("synth-report: FAIL\n  " + "\n  ".join(failures))
    sys.exit(1)
print("synth-report: median, range, slowest seed, stopped runs, iCE40 and leftovers as worked out by hand")
