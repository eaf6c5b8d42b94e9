#!/usr/bin/env python3
"""Plots of the multi-VM benchmark (tb/bench/multivm.c), standard library only.

usage: plot_multivm.py MULTIVM_JSON OUTDIR
       plot_multivm.py --sweep OUT_MD MULTIVM_JSON...


Writes OUTDIR/multivm_timeline.svg (one guest over the timeline window: for
each policy whether the guest runs, its packets (dropped ones in red), the
interrupts it takes, those that reach the hypervisor, wake-ups and the
entries in its ring) and OUTDIR/multivm_policies.svg (each policy as a point
on guest interrupts/s against dropped packets).

With --sweep, the runs of an interval sweep (make multivm-sweep: each run
with --interval-us T --adaptive-max-us T, so every policy's interval is the
same T: fixed's period, ratelimit's and the cooperated latency interval, the
longest interval the adaptive tuner may pick) become one Markdown table in
OUT_MD: per T and policy the rates, losses and latencies, and each policy's
guest interrupt rate against the best baseline of the same T and against the
best baseline of the whole sweep.

Exit status: 0 written, 2 a bad command line, an input that is not multivm's
JSON output (a one-line message names the file and what is wrong) or an
output that cannot be written."""
import json
import math
import os
import sys
from xml.sax.saxutils import escape

COLORS = {
    "run": "#cfe3f7", "arrive": "#777777", "drop": "#d62728", "guest_irq": "#2ca02c",
    "hv_irq": "#ff7f0e", "wakeup": "#9467bd", "occ": "#1f3f8f", "axis": "#333333", "grid": "#e4e4e4",
    "baseline": "#1f77b4", "cooperated": "#d62728",
}
FONT = 'font-family="sans-serif"'


class Svg:
    """A minimal SVG writer."""

    def __init__(self, width, height):
        self.width, self.height, self.items = width, height, []

    def add(self, item):
        self.items.append(item)

    def line(self, x1, y1, x2, y2, color, width=1.0, extra=""):
        self.add(f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" stroke="{color}" '
                 f'stroke-width="{width}"{extra}/>')

    def rect(self, x, y, w, h, fill, extra=""):
        self.add(f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(w, 0.5):.2f}" height="{h:.2f}" fill="{fill}"{extra}/>')

    def text(self, x, y, s, size=12, anchor="start", color="#000", extra=""):
        self.add(f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" text-anchor="{anchor}" fill="{color}" '
                 f'{FONT}{extra}>{escape(str(s))}</text>')

    def polyline(self, pts, color, width=1.0):
        if len(pts) > 1:
            p = " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)
            self.add(f'<polyline points="{p}" fill="none" stroke="{color}" stroke-width="{width}"/>')

    def marker(self, kind, x, y, color, size=4.0):
        if kind == "triangle":
            p = f"{x:.2f},{y - size:.2f} {x - size:.2f},{y + size:.2f} {x + size:.2f},{y + size:.2f}"
        else:  # diamond
            p = f"{x:.2f},{y - size:.2f} {x + size:.2f},{y:.2f} {x:.2f},{y + size:.2f} {x - size:.2f},{y:.2f}"
        self.add(f'<polygon points="{p}" fill="{color}"/>')

    def write(self, path):
        with open(path, "w") as f:
            f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                    f'viewBox="0 0 {self.width} {self.height}">\n')
            f.write(f'<rect width="{self.width}" height="{self.height}" fill="white"/>\n')
            f.write("\n".join(self.items))
            f.write("\n</svg>\n")


def nice_step(span, target):
    raw = span / max(target, 1)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def legend(svg, x, y, entries):
    for label, draw in entries:
        draw(x + 6, y - 4)
        svg.text(x + 16, y, label, 11)
        x += 16 + 6.2 * len(label) + 18


def timeline(data, path):
    win, par, pols = data["timeline_window"], data["parameters"], data["policies"]
    length_us = win["length_ms"] * 1000.0
    left, right, top, lane_h, gap = 120, 30, 70, 64, 14
    width = 1200
    height = top + len(pols) * (lane_h + gap) + 60
    plot_w = width - left - right
    svg = Svg(width, height)
    xs = lambda t: left + plot_w * t / length_us
    ring = par["ring_entries"]
    svg.text(left, 22, f"Guest {win['guest']} from {win['start_ms']} ms to {win['start_ms'] + win['length_ms']} ms "
             f"({par['guests']} guests on {par['cpus']} CPUs, slice {par['slice_us']} us, ring {ring}, "
             f"T {par['interval_us']} us, O {par['overflow_us']} us)", 14, extra=' font-weight="bold"')
    legend(svg, left, 44, [
        ("running", lambda x, y: svg.rect(x - 5, y - 5, 10, 10, COLORS["run"])),
        ("packet", lambda x, y: svg.line(x, y - 5, x, y + 5, COLORS["arrive"])),
        ("dropped", lambda x, y: svg.line(x, y - 5, x, y + 5, COLORS["drop"], 2)),
        ("interrupt to the guest", lambda x, y: svg.line(x, y - 5, x, y + 5, COLORS["guest_irq"], 2)),
        ("interrupt to the hypervisor", lambda x, y: svg.marker("triangle", x, y, COLORS["hv_irq"])),
        ("wake-up", lambda x, y: svg.marker("diamond", x, y, COLORS["wakeup"])),
        (f"ring entries (0..{ring})", lambda x, y: svg.line(x - 5, y, x + 5, y, COLORS["occ"], 1.5)),
    ])
    for i, pol in enumerate(pols):
        y0 = top + i * (lane_h + gap)
        svg.text(left - 8, y0 + lane_h / 2 - 2, pol["key"], 12, "end", extra=' font-weight="bold"')
        # a drop is reported when it is found (at the next handler) with the time the packet came
        ev = sorted(pol["timeline"], key=lambda e: e[0])
        shown = sum(1 for e in ev if e[1] == "drop")
        svg.text(left - 8, y0 + lane_h / 2 + 12, f"{shown} dropped here", 10, "end", "#666")
        svg.text(left - 8, y0 + lane_h / 2 + 24, f"{pol['dropped']} in the run", 10, "end", "#666")
        svg.rect(left, y0, plot_w, lane_h, "none", ' stroke="#bbbbbb"')
        # schedule: running intervals (a guest running at the window start has no sched_in in it)
        first = next((e for e in ev if e[1] in ("sched_in", "sched_out")), None)
        start = 0.0 if first is not None and first[1] == "sched_out" else None
        for t, kind, _arg, _occ in ev:
            if kind == "sched_in":
                start = t
            elif kind == "sched_out" and start is not None:
                svg.rect(xs(start), y0, xs(t) - xs(start), lane_h, COLORS["run"])
                start = None
        if start is not None:
            svg.rect(xs(start), y0, xs(length_us) - xs(start), lane_h, COLORS["run"])
        # ring occupancy
        occ_y = lambda n: y0 + lane_h - 2 - (lane_h - 20) * min(n, ring) / ring
        pts = []
        for t, kind, _a, occ in ev:  # a step function: the count holds until the next event
            if kind == "drop":  # its count is the one at the time it was found
                continue
            if pts:
                pts.append((xs(t), pts[-1][1]))
            pts.append((xs(t), occ_y(occ)))
        if pts:
            pts.append((xs(length_us), pts[-1][1]))
        svg.polyline(pts, COLORS["occ"], 1.2)
        for t, kind, arg, _occ in ev:
            x = xs(t)
            if kind == "arrive":
                svg.line(x, y0 + 2, x, y0 + 9, COLORS["arrive"], 0.6)
            elif kind == "drop":
                svg.line(x, y0 + 1, x, y0 + 14, COLORS["drop"], 1.2)
            elif kind == "guest_irq":
                svg.line(x, y0 + lane_h - 16, x, y0 + lane_h - 2, COLORS["guest_irq"], 1.2)
            elif kind == "hv_irq":
                svg.marker("triangle", x, y0 + 22, COLORS["hv_irq"], 3.5)
            elif kind == "wakeup":
                svg.marker("diamond", x, y0 + 34, COLORS["wakeup"], 4.0)
    # time axis
    ya = top + len(pols) * (lane_h + gap) - gap + 6
    svg.line(left, ya, left + plot_w, ya, COLORS["axis"])
    step = nice_step(length_us / 1000.0, 12)
    k = 0
    while k * step <= win["length_ms"] + 1e-9:
        x = xs(k * step * 1000.0)
        svg.line(x, ya, x, ya + 5, COLORS["axis"])
        svg.text(x, ya + 18, f"{win['start_ms'] + k * step:g}", 11, "middle")
        k += 1
    svg.text(left + plot_w / 2, ya + 36, "time (ms)", 12, "middle")
    svg.write(path)


def policies_plot(data, path):
    pols, par = data["policies"], data["parameters"]
    width, height = 900, 560
    left, right, top, bottom = 90, 40, 60, 70
    pw, ph = width - left - right, height - top - bottom
    svg = Svg(width, height)
    rates = [p["guest_irqs_per_s"] for p in pols]
    drops = [100.0 * p["drop_fraction"] for p in pols]
    lo = 10 ** math.floor(math.log10(max(min(rates), 1.0)))
    hi = 10 ** math.ceil(math.log10(max(max(rates), 1.0) * 1.05))  # a run without interrupts: 1..10
    ymax = max(drops) * 1.2 if max(drops) > 0 else 1.0
    ystep = nice_step(ymax, 6)
    ymax = math.ceil(ymax / ystep) * ystep
    xs = lambda r: left + pw * (math.log10(max(r, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    ys = lambda d: top + ph - ph * d / ymax
    svg.text(left, 24, "Moderation policies: interrupts to the guests vs dropped packets", 14,
             extra=' font-weight="bold"')
    svg.text(left, 42, f"{par['guests']} guests on {par['cpus']} CPUs, slice {par['slice_us']} us, ring "
             f"{par['ring_entries']}, {par['sim_ms']} ms per policy; label: policy, p99 latency, "
             f"[interrupts to the hypervisor per second]", 11, color="#555")
    # grid and axes
    decade = lo
    while decade <= hi * 1.0001:
        for m in range(1, 10):
            v = decade * m
            if v > hi * 1.0001:
                break
            x = xs(v)
            svg.line(x, top, x, top + ph, COLORS["grid"], 1.0 if m == 1 else 0.5)
            if m in (1, 2, 5):
                svg.text(x, top + ph + 18, f"{v:,.0f}", 11, "middle")
        decade *= 10
    k = 0
    while k * ystep <= ymax + 1e-12:
        y = ys(k * ystep)
        svg.line(left, y, left + pw, y, COLORS["grid"])
        svg.text(left - 8, y + 4, f"{k * ystep:g}", 11, "end")
        k += 1
    svg.line(left, top + ph, left + pw, top + ph, COLORS["axis"])
    svg.line(left, top, left, top + ph, COLORS["axis"])
    svg.text(left + pw / 2, height - 22, "interrupts to the guests per second (sum over guests, log scale)", 12,
             "middle")
    svg.add(f'<text x="22" y="{top + ph / 2:.1f}" font-size="12" text-anchor="middle" {FONT} '
            f'transform="rotate(-90 22 {top + ph / 2:.1f})">dropped packets (% of arrived)</text>')
    placed = []
    for p, r, d in zip(pols, rates, drops):
        x, y = xs(r), ys(d)
        color = COLORS["cooperated"] if p["cooperated"] else COLORS["baseline"]
        if p["cooperated"]:
            svg.marker("diamond", x, y, color, 6)
        else:
            svg.add(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="5" fill="{color}"/>')
        ly = y - 10
        while any(abs(ly - py) < 14 and abs(x - px) < 150 for px, py in placed):
            ly -= 14
        placed.append((x, ly))
        label = f"{p['key']}, p99 {p['latency_p99_us']:.0f} us [{p['hv_irqs_per_s']:.0f}]"
        near_right = x > left + pw - 260
        svg.text(x - 8 if near_right else x + 8, ly, label, 11, "end" if near_right else "start", color=color)
    legend(svg, left + pw - 300, top + 16, [
        ("baseline", lambda x, y: svg.add(f'<circle cx="{x}" cy="{y}" r="5" fill="{COLORS["baseline"]}"/>')),
        ("cooperated", lambda x, y: svg.marker("diamond", x, y, COLORS["cooperated"], 6)),
    ])
    svg.write(path)


def sweep_table(out_md, runs):
    runs = list(runs)
    runs.sort(key=lambda d: d["parameters"]["interval_us"])

    def baselines(d):
        return [p for p in d["policies"] if not p["cooperated"]]

    best_all = min((p["guest_irqs_per_s"], d["parameters"]["interval_us"], p["key"], p["dropped"])
                   for d in runs for p in baselines(d))
    nodrop = [(p["guest_irqs_per_s"], d["parameters"]["interval_us"], p["key"])
              for d in runs for p in baselines(d) if p["dropped"] == 0]
    best_nodrop = min(nodrop) if nodrop else None
    par = runs[0]["parameters"]
    lines = [
        f"Interval sweep: {par['sim_ms']} ms per run, seed {par['seed']}, {par['guests']} guests on "
        f"{par['cpus']} CPUs, slice {par['slice_us']} us, ring {par['ring_entries']}, O = {par['overflow_us']} us.",
        "T is fixed's period, ratelimit's interval, coop-a/coop-b's latency interval and the longest interval "
        "the tuner of adaptive, coop-a-dim and coop-b-dim may pick.",
        f"Best baseline of the whole sweep: {best_all[2]} at T = {best_all[1]} us, {best_all[0]:.0f} guest irq/s, "
        f"{best_all[3]} dropped; best baseline without drops: "
        + (f"{best_nodrop[2]} at T = {best_nodrop[1]} us, {best_nodrop[0]:.0f}/s." if best_nodrop else "none."),
        "",
        "| T us | policy | guest irq/s | x best of this T | x best of sweep | hv irq/s | wake-ups/s | overflows "
        "| dropped | p50 us | p99 us | tuned interval us |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    def ratio(x, y):  # a short run may have no interrupts at all
        return f"{x / y:.2f}" if y > 0 else "n/a"

    for d in runs:
        t = d["parameters"]["interval_us"]
        best = min(baselines(d), key=lambda p: p["guest_irqs_per_s"])
        for p in d["policies"]:
            tuned = f"{p['tuned_interval_mean_us']:.0f}" if p["key"] in ("adaptive", "coop-a-dim", "coop-b-dim") else ""
            lines.append(
                f"| {t} | {p['key']} | {p['guest_irqs_per_s']:.0f} | {ratio(p['guest_irqs_per_s'], best['guest_irqs_per_s'])} "
                f"| {ratio(p['guest_irqs_per_s'], best_all[0])} | {p['hv_irqs_per_s']:.0f} | {p['wakeups_per_s']:.0f} "
                f"| {p['ring_overflows']} | {p['dropped']} | {p['latency_p50_us']:.1f} | {p['latency_p99_us']:.0f} "
                f"| {tuned} |")
    with open(out_md, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written: {out_md}")
    return 0


class Malformed(Exception):
    """An input that is not multivm's JSON output; the message says why."""


# what the plots and the sweep table read (multivm writes more)
PARAM_KEYS = ("sim_ms", "seed", "guests", "cpus", "slice_us", "ring_entries", "interval_us", "overflow_us")
POLICY_KEYS = ("guest_irqs_per_s", "hv_irqs_per_s", "wakeups_per_s", "drop_fraction", "dropped", "ring_overflows",
               "latency_p50_us", "latency_p99_us", "tuned_interval_mean_us")
WINDOW_KEYS = ("guest", "start_ms", "length_ms")


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_obj(obj, where, keys):
    if not isinstance(obj, dict):
        raise Malformed(f"{where} is not an object")
    for k in keys:
        if k not in obj:
            raise Malformed(f"no '{k}' in {where}")
        if not is_num(obj[k]):
            raise Malformed(f"{where}.{k} is not a number")


def load(path, with_timeline):
    """multivm's JSON output from path, checked for everything this script reads."""
    try:
        with open(path) as f:
            data = json.load(f)
    except OSError as e:
        raise Malformed(f"cannot read: {e.strerror}") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise Malformed(f"not JSON: {e}") from None
    if not isinstance(data, dict):
        raise Malformed("not a JSON object")
    for k in ("parameters", "policies") + (("timeline_window",) if with_timeline else ()):
        if k not in data:
            raise Malformed(f"no '{k}' (not the output of build/multivm --json)")
    check_obj(data["parameters"], "parameters", PARAM_KEYS)
    if data["parameters"]["ring_entries"] <= 0:
        raise Malformed("parameters.ring_entries is not positive")
    pols = data["policies"]
    if not isinstance(pols, list) or not pols:
        raise Malformed("'policies' is not a non-empty list")
    for i, p in enumerate(pols):
        check_obj(p, f"policies[{i}]", POLICY_KEYS)
        if not isinstance(p.get("key"), str) or not isinstance(p.get("cooperated"), bool):
            raise Malformed(f"policies[{i}] has no string 'key' or boolean 'cooperated'")
        if with_timeline:
            tl = p.get("timeline")
            if not isinstance(tl, list) or not all(
                    isinstance(e, list) and len(e) == 4 and is_num(e[0]) and isinstance(e[1], str)
                    and is_num(e[2]) and is_num(e[3]) for e in tl):
                raise Malformed(f"policies[{i}].timeline is not a list of [us, kind, arg, entries]")
    if not any(not p["cooperated"] for p in pols):
        raise Malformed("no baseline policy ('cooperated': false)")
    if with_timeline:
        check_obj(data["timeline_window"], "timeline_window", WINDOW_KEYS)
        if data["timeline_window"]["length_ms"] <= 0:
            raise Malformed("timeline_window.length_ms is not positive")
    return data


USAGE = "usage: plot_multivm.py MULTIVM_JSON OUTDIR | plot_multivm.py --sweep OUT_MD MULTIVM_JSON..."


def fail(msg):
    sys.stderr.write(f"plot_multivm.py: {msg}\n")
    return 2


def main(argv):
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        sys.stdout.write(__doc__ + "\n")
        return 0
    sweep = bool(args) and args[0] == "--sweep"
    if sweep:
        args = args[1:]
        if len(args) < 2:
            return fail(f"--sweep needs an output file and at least one MULTIVM_JSON ({USAGE})")
    elif len(args) != 2:
        return fail(f"expected MULTIVM_JSON OUTDIR, got {len(args)} argument(s) ({USAGE})")
    for a in args:
        if a.startswith("-"):
            return fail(f"'{a}' is not a file name ({USAGE})")
    inputs = args[1:] if sweep else args[:1]
    data = []
    for path in inputs:
        try:
            data.append(load(path, not sweep))
        except Malformed as e:
            return fail(f"{path}: {e}")
    try:
        if sweep:
            return sweep_table(args[0], data)
        os.makedirs(args[1], exist_ok=True)
        out_t = os.path.join(args[1], "multivm_timeline.svg")
        out_p = os.path.join(args[1], "multivm_policies.svg")
        timeline(data[0], out_t)
        policies_plot(data[0], out_p)
    except OSError as e:
        return fail(f"{e.filename or args[-1]}: cannot write: {e.strerror}")
    print(f"written: {out_t}, {out_p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
