#!/usr/bin/env python3
"""Generate the virq register headers and reference from include/virq_regs.toml.

Outputs (all derived, never edited by hand):
  include/virq_regs.h   C: offsets, field shift/width/mask, reset and write masks
  include/virq_regs.vh  Verilog-2005 `defines with the same names
  docs/registers.md     the human-readable register reference

Usage: gen_regs.py [--check] [--root DIR]
  --check  write nothing; exit 1 naming every generated file that differs
           from what the source would produce (stale or hand-edited).

Why a small generator of our own rather than SystemRDL/PeakRDL: the map is
small and flat, the RTL wants plain `defines (PeakRDL has no exporter for
that), and the freshness check in `make test` then needs nothing beyond the
Python standard library on a fresh machine.
"""
import argparse
import copy
import os
import sys
import tomllib

ACCESS = ("ro", "rw", "wo")


class MapError(Exception):
    pass


def _field_mask(f):
    return ((1 << f["width"]) - 1) << f["lsb"]


def check_reg(reg, where, span):
    """Validate one register; return it with derived masks."""
    for key in ("name", "offset", "access", "desc"):
        if key not in reg:
            raise MapError(f"{where}: register is missing '{key}'")
    name = reg["name"]
    if reg["access"] not in ACCESS:
        raise MapError(f"{where} {name}: access '{reg['access']}' is not one of {ACCESS}")
    if reg["offset"] % 4 or not 0 <= reg["offset"] < span:
        raise MapError(f"{where} {name}: offset {reg['offset']:#x} must be 4-aligned and below {span:#x}")
    used = 0
    reset = 0
    fields = reg.get("field", [])
    if not fields:
        raise MapError(f"{where} {name}: a register needs at least one field")
    for f in fields:
        for key in ("name", "lsb", "width", "desc"):
            if key not in f:
                raise MapError(f"{where} {name}: field is missing '{key}'")
        if f["width"] < 1 or f["lsb"] < 0 or f["lsb"] + f["width"] > 32:
            raise MapError(f"{where} {name}.{f['name']}: bits [{f['lsb'] + f['width'] - 1}:{f['lsb']}] do not fit in 32 bits")
        m = _field_mask(f)
        if used & m:
            raise MapError(f"{where} {name}.{f['name']}: overlaps another field")
        used |= m
        r = f.get("reset", 0)
        if r >> f["width"]:
            raise MapError(f"{where} {name}.{f['name']}: reset {r:#x} does not fit in {f['width']} bits")
        if "param" in f and r:
            raise MapError(f"{where} {name}.{f['name']}: a parameter field takes its value from the instance, not 'reset'")
        reset |= r << f["lsb"]
    reg["fields_mask"] = used
    reg["wmask"] = 0 if reg["access"] == "ro" else used
    reg["reset"] = reset
    return reg


def _resolve_like(m):
    """Copy the fields of a `like = "REG"` / `"ARRAY.REG"` register, and the
    registers of a `like = "ARRAY"` array, before validation."""
    regs = {r["name"]: r for r in m.get("reg", [])}
    arrays = {a["name"]: a for a in m.get("array", [])}
    for r in m.get("reg", []):
        if "like" in r:
            arr, _, name = r["like"].rpartition(".")
            src = [x for x in arrays[arr]["reg"] if x["name"] == name] if arr in arrays else \
                  ([regs[name]] if not arr and name in regs else [])
            if not src:
                raise MapError(f"reg {r['name']}: like = '{r['like']}' names no register")
            r.setdefault("field", copy.deepcopy(src[0]["field"]))
    for a in m.get("array", []):
        if "like" in a:
            if a["like"] not in arrays or "like" in arrays[a["like"]]:
                raise MapError(f"array {a['name']}: like = '{a['like']}' names no array with registers of its own")
            a.setdefault("reg", copy.deepcopy(arrays[a["like"]]["reg"]))


def _array_end(a):
    """End of an array's span: exact for a numeric count, from max_count for
    a parameter count (None if neither is known)."""
    n = a["count"] if isinstance(a["count"], int) else a.get("max_count")
    return None if n is None else a["base"] + n * a["stride"]


def load(path):
    with open(path, "rb") as fh:
        try:
            m = tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise MapError(f"{path}: {e}") from None
    for key in ("reg",):
        if key not in m:
            raise MapError(f"{path}: missing [{key}] section")
    windows = {}
    for w in m.get("window", []):
        for key in ("name", "base", "stride", "count", "desc"):
            if key not in w:
                raise MapError(f"window: missing '{key}'")
        if w["stride"] & (w["stride"] - 1) or w["base"] % w["stride"]:
            raise MapError(f"window {w['name']}: stride must be a power of two dividing the base")
        windows[w["name"]] = w
    _resolve_like(m)
    # one address space for the PF window, one per function window
    spans = {None: []}
    spans.update({w: [] for w in windows})
    for r in m["reg"]:
        w = r.get("window")
        if w is not None and w not in windows:
            raise MapError(f"reg {r['name']}: window '{w}' is not defined")
        check_reg(r, "reg", windows[w]["stride"] if w else windows_base(windows))
        spans[w].append((r["offset"], r["offset"] + 4, r["name"]))
    for a in m.get("array", []):
        for key in ("name", "base", "stride", "count", "desc", "reg"):
            if key not in a:
                raise MapError(f"array: missing '{key}'")
        w = a.get("window")
        if w is not None and w not in windows:
            raise MapError(f"array {a['name']}: window '{w}' is not defined")
        if a["stride"] & (a["stride"] - 1) or a["stride"] < 4:
            raise MapError(f"array {a['name']}: stride {a['stride']:#x} must be a power of two")
        if a["base"] % a["stride"]:
            raise MapError(f"array {a['name']}: base {a['base']:#x} must be a multiple of the stride")
        for r in a["reg"]:
            check_reg(r, f"array {a['name']}", a["stride"])
        offs = [r["offset"] for r in a["reg"]]
        if len(set(offs)) != len(offs):
            raise MapError(f"array {a['name']}: two registers share an offset")
        limit = windows[w]["stride"] if w else windows_base(windows)
        end = _array_end(a)
        if end is not None and end > limit:
            raise MapError(f"array {a['name']}: ends at {end:#x}, beyond its address space ({limit:#x})")
        spans[w].append((a["base"], end, a["name"]))
    for space in spans.values():
        known = sorted(s for s in space if s[1] is not None)
        for (a0, a1, an), (b0, _, bn) in zip(known, known[1:]):
            if b0 < a1:
                raise MapError(f"{an} and {bn} overlap at {b0:#x}")
        for base, end, name in space:
            if end is None:
                for r0, r1, rn in space:
                    if rn != name and r0 >= base:
                        raise MapError(f"{rn} at {r0:#x} lies inside array {name} (base {base:#x}, no max_count)")
    return m


def windows_base(windows):
    """The PF window ends where the first function window begins."""
    return min((w["base"] for w in windows.values()), default=1 << 16)


def _version(m):
    v = next(r for r in m["reg"] if r["name"] == "VERSION")["reset"]
    return f"{v >> 16 & 0xFF}.{v >> 8 & 0xFF}.{v & 0xFF}"


def c_header(m):
    out = [
        "/* virq register map. GENERATED by scripts/gen_regs.py from",
        " * include/virq_regs.toml: do not edit; run `make regs`. */",
        "#ifndef VIRQ_REGS_H",
        "#define VIRQ_REGS_H",
        "",
        "#include <stdint.h>",
        "",
        "/* the index of an array register as a 32-bit address term (a C++",
        " * cast in C++, so -Wold-style-cast builds take these macros) */",
        "#ifdef __cplusplus",
        "#define VIRQ_U32(x) static_cast<uint32_t>(x)",
        "#else",
        "#define VIRQ_U32(x) ((uint32_t)(x))",
        "#endif",
        "",
        f"#define VIRQ_VERSION_STRING \"{_version(m)}\" /* of the register interface */",
        "",
    ]
    for c in m.get("const", []):
        out.append(f"#define VIRQ_{c['name']} {c['value']}u /* {c['desc']} */")
    out.append("")

    def reg_lines(prefix, r, offset_name):
        lines = [f"/* {r['name']} ({r['access']}): {r['desc']} */",
                 f"#define {prefix}_{offset_name} 0x{r['offset']:03X}u",
                 f"#define {prefix}_RESET 0x{r['reset']:08X}u",
                 f"#define {prefix}_WMASK 0x{r['wmask']:08X}u"]
        for f in r["field"]:
            fp = f"{prefix}_{f['name']}"
            lines += [f"#define {fp}_SHIFT {f['lsb']}u",
                      f"#define {fp}_WIDTH {f['width']}u",
                      f"#define {fp}_MASK 0x{_field_mask(f):08X}u"]
        return lines + [""]

    for w in m.get("window", []):
        p = f"VIRQ_{w['name']}_WIN"
        out += [f"/* window {w['name']}[{w['count']}]: {w['desc']} */",
                f"#define {p}_BASE 0x{w['base']:X}u",
                f"#define {p}_STRIDE 0x{w['stride']:X}u",
                f"#define {p}(f) ({p}_BASE + VIRQ_U32(f) * {p}_STRIDE)", ""]
    for r in m["reg"]:
        if "window" in r:
            out.append(f"/* offset within window {r['window']} */")
        out += reg_lines(f"VIRQ_{r['name']}", r, "OFFSET")
    for a in m.get("array", []):
        p = f"VIRQ_{a['name']}"
        if "window" in a:
            out.append(f"/* offsets within window {a['window']} */")
        out += [f"/* {a['name']}[{a['count']}]: {a['desc']} */",
                f"#define {p}_BASE 0x{a['base']:03X}u",
                f"#define {p}_STRIDE 0x{a['stride']:03X}u", ""]
        for r in a["reg"]:
            q = f"{p}_{r['name']}"
            out += reg_lines(q, r, "OFF")
            out += [f"#define {q}(i) ({p}_BASE + VIRQ_U32(i) * {p}_STRIDE + {q}_OFF)", ""]
    # every read-only register of the PF's address space (an array's
    # element 0), as an X-macro: tests and tools iterate it, so a register
    # added to the map is checked without a test edit
    ro = [(r["name"], f"VIRQ_{r['name']}_OFFSET", f"VIRQ_{r['name']}_RESET")
          for r in m["reg"] if r["access"] == "ro" and "window" not in r]
    ro += [(f"{a['name']}_{r['name']}", f"VIRQ_{a['name']}_{r['name']}(0)", f"VIRQ_{a['name']}_{r['name']}_RESET")
           for a in m.get("array", []) if "window" not in a for r in a["reg"] if r["access"] == "ro"]
    out += ["/* The read-only registers of the PF's address space (arrays: element 0),",
            " * X(name, address, reset value), for tools and tests that check them. */",
            "#define VIRQ_RO_REGS(X) \\"]
    out += [f"    X({n}, {o}, {v})" + (" \\" if i + 1 < len(ro) else "") for i, (n, o, v) in enumerate(ro)]
    out += ["", "#endif /* VIRQ_REGS_H */", ""]
    return "\n".join(out)


def v_header(m):
    out = [
        "// virq register map. GENERATED by scripts/gen_regs.py from",
        "// include/virq_regs.toml: do not edit; run `make regs`.",
        "`ifndef VIRQ_REGS_VH",
        "`define VIRQ_REGS_VH",
        "",
    ]
    for c in m.get("const", []):
        out.append(f"`define VIRQ_{c['name']} {c['value']}")
    out.append("")

    def reg_lines(prefix, r, offset_name):
        lines = [f"// {r['name']} ({r['access']})",
                 f"`define {prefix}_{offset_name} 32'h{r['offset']:08X}",
                 f"`define {prefix}_RESET 32'h{r['reset']:08X}",
                 f"`define {prefix}_WMASK 32'h{r['wmask']:08X}"]
        for f in r["field"]:
            fp = f"{prefix}_{f['name']}"
            lines += [f"`define {fp}_SHIFT {f['lsb']}",
                      f"`define {fp}_WIDTH {f['width']}",
                      f"`define {fp}_MASK 32'h{_field_mask(f):08X}"]
        return lines

    for w in m.get("window", []):
        out += [f"`define VIRQ_{w['name']}_WIN_BASE 32'h{w['base']:08X}",
                f"`define VIRQ_{w['name']}_WIN_STRIDE 32'h{w['stride']:08X}"]
    for r in m["reg"]:
        out += reg_lines(f"VIRQ_{r['name']}", r, "OFFSET")
    for a in m.get("array", []):
        p = f"VIRQ_{a['name']}"
        out += [f"`define {p}_BASE 32'h{a['base']:08X}",
                f"`define {p}_STRIDE 32'h{a['stride']:08X}"]
        for r in a["reg"]:
            out += reg_lines(f"{p}_{r['name']}", r, "OFF")
    out += ["", "`endif // VIRQ_REGS_VH", ""]
    return "\n".join(out)


def markdown(m):
    ver = next(r for r in m["reg"] if r["name"] == "VERSION")["reset"]
    out = [
        "# virq register reference",
        "",
        "GENERATED by `scripts/gen_regs.py` from `include/virq_regs.toml`; run `make regs`.",
        "",
        f"Interface version {ver >> 16 & 0xFF}.{ver >> 8 & 0xFF}.{ver & 0xFF} (`VERSION` register). All registers are 32 bits, little-endian, on an AXI4-Lite slave.",
        "",
        "Access rules, the same in the RTL and the C model:",
        "",
        "- every access is 32 bits wide and 4-byte aligned (WSTRB = `0xF`), otherwise SLVERR;",
        "- a write to a read-only (`ro`) register, or one that sets a bit outside the register's fields, is refused with SLVERR;",
        "- an address that maps no register answers DECERR (reads return 0);",
        "- a write-only (`wo`) register reads as 0;",
        "- a refused access changes no state except `BUS_ERR_CNT` and `BUS_ERR_INFO`.",
        "",
        "Bus timing (`rtl/virq_axil_slave.v`; the C model's cycle API is the same):",
        "",
        "- AWREADY and WREADY are high together, and only in a cycle with both AWVALID and WVALID high (and no write in flight): the slave waits for address and data, and its ready depends on those valids in the same cycle (AXI allows it; a master must not wait for AWREADY before raising WVALID, nor the reverse); ARREADY does not depend on ARVALID;",
        "- every request is decoded in its handshake cycle and registered: virq_top keeps the translated address, the region and (for a write) the data for the block it goes to, so no path runs from the AXI ports into a block's checks, write enables or read multiplexers;",
        "- a write accepted (AW+W handshake) in cycle h is decided in its decision cycle w = h + 1 (its response is fixed there) and B is valid from w + 1 = h + 2; the next write can be accepted in h + 3 at the earliest, so writes are decided every third cycle at most;",
        "- a write to the global registers, the event queues (`FN_DB` included) or routing takes effect at the edge ending w; a write to the moderation units (`MOD[]`, `FN_MOD[]`) or to the delivery block (`FN_CTL[]`, `VEC[]`, the function windows' INTx, MSI-X control and table registers) at the edge ending w + 1, from a registered accept, so its effects (a unit's new interval, state or restart, a message, `intx_o`, a vector's new owner) come one cycle later;",
        "- the response always describes what takes effect: a window write (`FN_MOD[]` or the delivery block's) to a vector whose lease ends at the edge ending w or w + 1 is refused with SLVERR (the ownership and lease checks are made in w, not at the handshake);",
        "- a read accepted (AR handshake) in cycle r returns the registers as they are in its answer cycle a = r + 1: its data and what decides its response (the owner of the vector that a window's table read or `FN_MOD[]` read addresses) are registered at the edge ending a, and the response is composed from them in a + 1, so no read multiplexer or owner selection runs into the R register; R is valid from r + 3, and AR is not accepted again until R is taken, so reads can follow each other every fourth cycle;",
        "- AR is not accepted in a write's decision cycle w, so a read is answered either before the write is decided or after its last effect: a read accepted after the write's handshake cycle (answered in w + 2 at the earliest) sees the write, a read accepted in the same cycle (answered in w) does not;",
        "- a refused access is counted (`BUS_ERR_CNT`, `BUS_ERR_INFO`, `FN_CTL[f].ERR_CNT`) from a registered copy of the refusal: a write refused in its decision cycle w at the edge ending w + 1, a read refused in its answer cycle a at the edge ending a + 2 (its response is composed in a + 1); the next read is answered in w + 2 or a + 4 at the earliest, so every later read sees it; where a write and a read are refused in the same cycle (w = a), `BUS_ERR_INFO` keeps the write;",
        "- reset: `rst_ni` is registered, so `rst_ni` low in cycle c resets the engine at the edge ending c + 1, and in c + 1 AWREADY, WREADY and ARREADY are 0: a request offered from the first cycle after `rst_ni` rises is taken after the reset, not lost; a request in flight when the reset takes effect gets no response, and BVALID and RVALID are 0 in c and c + 1 (design.md \"Reset\");",
        "- the zero-time helpers of the C model (`virq_reg_write`, `virq_reg_read`) apply a write at once.",
        "",
        "## Constants",
        "",
        "| name | value | meaning |",
        "|---|---|---|",
    ]
    for c in m.get("const", []):
        out.append(f"| `VIRQ_{c['name']}` | {c['value']} | {c['desc']} |")
    def in_win(x, w):
        return x.get("window") == w

    def map_rows(w):
        rows = ["| offset | name | access | description |", "|---|---|---|---|"]
        for r in m["reg"]:
            if in_win(r, w):
                rows.append(f"| `0x{r['offset']:03X}` | `{r['name']}` | {r['access']} | {r['desc']} |")
        for a in m.get("array", []):
            if in_win(a, w):
                rows.append(f"| `0x{a['base']:03X} + i*0x{a['stride']:X}` | `{a['name']}[i]`, i < {a['count']} | | {a['desc']} |")
        return rows

    out += ["", "## Address map", ""]
    for w in m.get("window", []):
        out += [f"The PF window holds everything below `0x{w['base']:X}`; function windows `{w['name']}[f]`, "
                f"f < {w['count']}, start at `0x{w['base']:X} + f*0x{w['stride']:X}` (section below)."]
    out += ["", "### PF window", ""] + map_rows(None)
    for w in m.get("window", []):
        out += ["", f"### Function window `{w['name']}[f]` — base `0x{w['base']:X} + f*0x{w['stride']:X}`, f < {w['count']}",
                "", w["desc"], "", "Offsets are relative to the window.", ""] + map_rows(w["name"])

    def fields_table(r):
        rows = ["", "| bits | field | reset | description |", "|---|---|---|---|"]
        for f in sorted(r["field"], key=lambda f: -f["lsb"]):
            hi = f["lsb"] + f["width"] - 1
            bits = f"{hi}:{f['lsb']}" if hi != f["lsb"] else f"{hi}"
            reset = f"parameter {f['param']}" if "param" in f else f"`0x{f.get('reset', 0):X}`"
            rows.append(f"| {bits} | `{f['name']}` | {reset} | {f['desc']} |")
        unused = ~r["fields_mask"] & 0xFFFFFFFF
        if unused:
            rows.append(f"| other | reserved | 0 | reads 0; writing 1 is refused (mask `0x{unused:08X}`) |")
        return rows

    def like_note(x):
        return [f"Same fields as `{x['like']}`.", ""] if "like" in x else []

    out += ["", "## Registers", ""]
    for r in m["reg"]:
        where = f"window {r['window']} offset" if "window" in r else "offset"
        out += [f"### `{r['name']}` — {where} `0x{r['offset']:03X}`, {r['access']}", "", r["desc"]]
        out += fields_table(r) + [""]
    for a in m.get("array", []):
        where = f"window {a['window']} base" if "window" in a else "base"
        out += [f"### Array `{a['name']}[i]` — {where} `0x{a['base']:03X}`, stride `0x{a['stride']:X}`, {a['count']} elements", "", a["desc"], ""]
        out += like_note(a)
        for r in a["reg"]:
            out += [f"#### `{a['name']}[i].{r['name']}` — `0x{a['base']:03X} + i*0x{a['stride']:X} + 0x{r['offset']:02X}`, {r['access']}", "", r["desc"]]
            out += fields_table(r) + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report stale generated files, write nothing")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = ap.parse_args()
    src = os.path.join(args.root, "include", "virq_regs.toml")
    try:
        m = load(src)
    except (MapError, OSError) as e:
        print(f"gen_regs: {e}", file=sys.stderr)
        return 2
    outputs = {
        os.path.join("include", "virq_regs.h"): c_header(m),
        os.path.join("include", "virq_regs.vh"): v_header(m),
        os.path.join("docs", "registers.md"): markdown(m),
    }
    stale = []
    for rel, text in outputs.items():
        path = os.path.join(args.root, rel)
        try:
            with open(path, encoding="utf-8") as fh:
                old = fh.read()
        except FileNotFoundError:
            old = None
        if old == text:
            continue
        if args.check:
            stale.append(rel)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            print(f"gen_regs: wrote {rel}")
    if stale:
        print("gen_regs: stale generated files (run `make regs`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
