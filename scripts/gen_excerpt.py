#!/usr/bin/env python3
"""Keep docs/integration.md's Verilog excerpt equal to its source,
examples/integration/virq_inst.v (which `make lint` checks), so the page
cannot show an instantiation that no longer builds.

The excerpt is the first ```verilog block after the line
"<!-- excerpt: examples/integration/virq_inst.v -->".  It holds the
module's parameter list (from "module" to the line ") ("), then the page's
own summary of the port list (free text, kept as it is), then the body
(from the line ");" that ends the port list up to, not including,
"endmodule", without trailing blank lines).

Usage: gen_excerpt.py [--check] [--root DIR]
  --check  write nothing; exit 1 (with the first differing line) if the
           excerpt is stale.
"""
import argparse
import os
import sys

DOC = "docs/integration.md"
SRC = "examples/integration/virq_inst.v"
MARK = "<!-- excerpt: %s -->" % SRC


def fail(msg):
    sys.stderr.write("gen_excerpt: %s\n" % msg)
    sys.exit(2)


def source_parts(lines):
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("module "))
        hdr_end = next(i for i in range(start, len(lines)) if lines[i].rstrip() == ") (")
        body = next(i for i in range(hdr_end, len(lines)) if lines[i].rstrip() == ");")
        end = next(i for i in range(body, len(lines)) if lines[i].startswith("endmodule"))
    except StopIteration:
        fail("%s: no 'module ... #(' / ') (' / ');' / 'endmodule' structure" % SRC)
    tail = lines[body:end]
    while tail and not tail[-1].strip():
        tail.pop()
    return lines[start:hdr_end + 1], tail


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    a = ap.parse_args()
    doc_path, src_path = os.path.join(a.root, DOC), os.path.join(a.root, SRC)
    src = open(src_path, encoding="utf-8").read().split("\n")
    doc = open(doc_path, encoding="utf-8").read().split("\n")
    head, body = source_parts(src)
    try:
        m = doc.index(MARK)
        b0 = next(i for i in range(m, len(doc)) if doc[i].strip() == "```verilog")
        b1 = next(i for i in range(b0 + 1, len(doc)) if doc[i].strip() == "```")
        h1 = next(i for i in range(b0 + 1, b1) if doc[i].rstrip() == ") (")
        e0 = next(i for i in range(h1 + 1, b1) if doc[i].rstrip() == ");")
    except (ValueError, StopIteration):
        fail("%s: no '%s' followed by a ```verilog block with ') (' and ');' lines" % (DOC, MARK))
    summary = doc[h1 + 1:e0]
    want = doc[:b0 + 1] + head + summary + body + doc[b1:]
    if want == doc:
        return 0
    if a.check:
        for i, (x, y) in enumerate(zip(doc, want)):
            if x != y:
                sys.stderr.write("gen_excerpt: %s:%d is stale against %s (make regs rewrites it):\n  has:  %s\n"
                                 "  want: %s\n" % (DOC, i + 1, SRC, x, y))
                break
        else:
            sys.stderr.write("gen_excerpt: %s's excerpt is stale against %s (make regs rewrites it)\n" % (DOC, SRC))
        return 1
    open(doc_path, "w", encoding="utf-8").write("\n".join(want))
    print("gen_excerpt: wrote %s's excerpt of %s" % (DOC, SRC))
    return 0


if __name__ == "__main__":
    sys.exit(main())
