#!/usr/bin/env python3
"""make synth-engine PARAMS='NAME=VALUE ...': checks the parameters against
virq_top's own declarations and prints the Yosys command that sets them.

usage: synth_params.py RTL_TOP "PARAMS"

The names and ranges come from the parameter list of RTL_TOP
(rtl/virq_top.v): each `parameter integer NAME = DEFAULT, // text, LO..HI`.
A wrong entry gives a message naming it and exit status 2; an empty PARAMS
prints nothing (the defaults).  The RTL's own range checks would stop Yosys
too, but only with "System task $finish executed", which does not say which
parameter is wrong.
"""
import math
import random
import re
import sys

DECL = re.compile(r"parameter\s+integer\s+(\w+)\s*=\s*(\d+)\s*,?\s*//.*?(\d+)\s*\.\.\s*(\d+)")


def declared(path):
    """{NAME: (default, lo, hi)} from the module's parameter list."""
    text = open(path).read()
    header = text[text.index("#("):text.index(") (")]
    found = {}
    for line in header.splitlines():
        if "parameter" not in line:
            continue
        m = DECL.search(line)
        if not m:
            raise SystemExit(f"synth: cannot read a range from {path}: {line.strip()}")
        found[m.group(1)] = tuple(int(m.group(i)) for i in (2, 3, 4))
    return found


def draw(decl, seed, count):
    """count configurations {NAME: value} drawn from seed, each parameter
    from its declared range: its lowest value an eighth of the time, its
    highest an eighth, log-uniform between them otherwise (the tests'
    drawn configurations: tb/common/configs.py, tb/synth/test_param_ranges.py)"""
    rng = random.Random(seed)

    def one(lo, hi):
        u = rng.random()
        if u < 0.125 or lo == hi:
            return lo
        if u < 0.25:
            return hi
        return min(hi, int(round(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))))
    return [{n: one(lo, hi) for n, (_, lo, hi) in decl.items()} for _ in range(count)]


def parse(params, decl, path):
    """[(NAME, value)] in the given order, or SystemExit with a message."""
    out = []
    for entry in params.split():
        name, eq, value = entry.partition("=")
        if not eq or not name or not re.fullmatch(r"0|[1-9][0-9]*", value):
            sys.stderr.write(f"PARAMS entry '{entry}' is not NAME=VALUE with a decimal whole number VALUE "
                             f"(no leading zeros: Verilator reads 010 as octal 8)\n")
            raise SystemExit(2)
        if name not in decl:
            sys.stderr.write(f"PARAMS names {name}, which virq_top does not have "
                             f"(it has {', '.join(decl)})\n")
            raise SystemExit(2)
        if name in dict(out):
            sys.stderr.write(f"PARAMS gives {name} twice\n")
            raise SystemExit(2)
        _, lo, hi = decl[name]
        if not lo <= int(value) <= hi:
            sys.stderr.write(f"PARAMS gives {name}={int(value)}; virq_top takes {lo}..{hi} ({path})\n")
            raise SystemExit(2)
        out.append((name, int(value)))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: synth_params.py RTL_TOP "PARAMS"')
    path, params = sys.argv[1], sys.argv[2]
    given = parse(params, declared(path), path)
    if given:
        print("chparam " + " ".join(f"-set {n} {v}" for n, v in given) + " virq_top;")


if __name__ == "__main__":
    main()
