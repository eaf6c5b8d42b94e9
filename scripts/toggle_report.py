#!/usr/bin/env python3
"""Bits of the RTL's registers and block ports that no lockstep run toggled.

usage: scripts/toggle_report.py MERGED.dat [--all]

Reads a Verilator coverage file from a --coverage-toggle build (make
coverage-toggle writes build/coverage-toggle/merged.dat) and prints, per
signal of rtl/*.v with at least one bit that never changed, which bits
those are.  By default only registers (names ending in _q) and block ports
(_i, _o) are listed; --all lists every signal (next-state wires, RAMs,
decodes).

A report to read, not a check.  A bit can be unreachable in the
configuration that ran: padding up to a power of two or to a maximum
(functions 8-15 with NUM_FUNC = 8, vectors 32-63 with NUM_VEC = 32),
reserved register bits, the high bits of a saturating counter.  What it
found in the twenty-second session: no run ever raised a legacy queue's
INTx level (virq_eq's intx_o), queues 8-31 never came alive, and no
MSI-X message came from functions 4-7 (the msix scenario's part G and the
random scenario's wider choices came from that)."""
import collections
import re
import sys


def bit_ranges(bits):
    """[0, 1, 2, 5, 7, 8] -> '0-2, 5, 7-8'"""
    out, start, prev = [], None, None
    for b in sorted(bits):
        if start is None:
            start = prev = b
        elif b == prev + 1:
            prev = b
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = b
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        sys.exit("usage: scripts/toggle_report.py MERGED.dat [--all]")
    show_all = "--all" in argv[2:]
    unknown = [a for a in argv[2:] if a != "--all"]
    if unknown:
        sys.exit(f"toggle_report: unknown option {unknown[0]} (only --all)")
    # (file, line, signal) -> {index tuple: count}; a point's name is
    # signal[i] or signal[i][j] (an array's element and bit)
    sigs = collections.defaultdict(dict)
    try:
        f = open(argv[1], encoding="latin-1")
    except OSError as e:
        sys.exit(f"toggle_report: {e}")
    with f:
        for line in f:
            if not line.startswith("C '"):
                continue
            body, count = line[3:].rstrip("\n").rsplit("' ", 1)
            keys = dict(p.split("\x02", 1) for p in body.split("\x01") if "\x02" in p)
            if keys.get("page", "").split("/")[0] != "v_toggle" or "rtl/" not in keys.get("f", ""):
                continue
            m = re.match(r"(.*?)((?:\[\d+\])*)$", keys.get("o", ""))
            idx = tuple(int(i) for i in re.findall(r"\d+", m.group(2)))
            key = (keys["f"].split("/")[-1], int(keys.get("l", 0)), m.group(1))
            sigs[key][idx] = sigs[key].get(idx, 0) + int(count)
    if not sigs:
        sys.exit(f"toggle_report: no toggle points of rtl/ in {argv[1]} (a --coverage-toggle build?)")
    shown = total = 0
    for (fname, lno, name), pts in sorted(sigs.items()):
        total += 1
        if not show_all and not re.search(r"_(q|i|o)$", name):
            continue
        zero = [i for i, c in pts.items() if c == 0]
        if not zero:
            continue
        shown += 1
        if all(len(i) == 1 for i in zero):
            where = "bits " + bit_ranges(i[0] for i in zero)
        elif all(len(i) == 2 for i in zero):
            by_el = collections.defaultdict(list)
            for el, b in zero:
                by_el[el].append(b)
            where = "; ".join(f"[{el}] bits {bit_ranges(b)}" for el, b in sorted(by_el.items())[:8])
            if len(by_el) > 8:
                where += f"; ... ({len(by_el)} elements)"
        else:
            where = "(scalar)"
        print(f"  {fname}:{lno}: {name}: {len(zero)} of {len(pts)} never toggled: {where}")
    kind = "signals" if show_all else "registers and ports"
    print(f"toggle_report: {shown} {kind} with bits never toggled ({total} signals of rtl/ counted)")


if __name__ == "__main__":
    main(sys.argv)
