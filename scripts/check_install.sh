#!/usr/bin/env bash
# scripts/check_install.sh -- `make install` works for people who link the model.
#
# Installs libvirq into a scratch prefix under $BUILD (default build/), builds
# examples/link_model from a copy outside the source tree with pkg-config
# only, runs it linked dynamically (LD_LIBRARY_PATH) and statically, checks
# `pkg-config --modversion virq` against the VERSION register's reset value,
# a DESTDIR staged install, and `make uninstall`.  Ends with
# "install: N passed, N failed"; exits non-zero on any failure.
# Installs pkg-config with apt-get if it is missing.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD"
T=$(cd "$BUILD" && pwd)/install-test
# the makes below see only their own command line, not a calling make's
unset MAKEFLAGS MFLAGS MAKELEVEL
PREFIX=$T/prefix
STAGE=$T/stage
SRC=$T/link_model

pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
check() { # check NAME COMMAND...: run COMMAND, pass when it exits 0
    local name=$1
    shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}
finish() {
    echo "install: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}

# ---- pkg-config (quiet when present) ----------------------------------------
if ! command -v pkg-config >/dev/null 2>&1; then
    echo "check_install: pkg-config not found, installing the Debian package pkg-config"
    SUDO=()
    [ "$(id -u)" = 0 ] || SUDO=(sudo -n)
    (
        # apt must not run twice at once (scripts/bootstrap.sh takes the same lock)
        command -v flock >/dev/null 2>&1 && { mkdir -p build; exec 9>build/.bootstrap.lock; flock 9; }
        export DEBIAN_FRONTEND=noninteractive
        "${SUDO[@]}" apt-get install -y -q --no-install-recommends pkg-config >/dev/null 2>&1 ||
            { "${SUDO[@]}" apt-get update -q >/dev/null 2>&1 &&
              "${SUDO[@]}" apt-get install -y -q --no-install-recommends pkg-config >/dev/null 2>&1; }
    )
    hash -r
    if ! command -v pkg-config >/dev/null 2>&1; then
        bad "pkg-config (install it: apt-get install pkg-config)"
        finish
    fi
fi

# `make install` once the Makefile includes mk/install.mk; until then name it
MAKE_INSTALL=(make --no-print-directory BUILD="$BUILD")
grep -q '^include mk/install.mk' Makefile || MAKE_INSTALL+=(-f Makefile -f mk/install.mk)

# the register-interface version, straight from the generated header
hex=$(sed -n 's/^#define VIRQ_VERSION_RESET 0x\([0-9A-Fa-f]*\)u.*/\1/p' include/virq_regs.h)
want_version=$(( 0x$hex >> 16 & 255 )).$(( 0x$hex >> 8 & 255 )).$(( 0x$hex & 255 ))
echo "register interface version $want_version (VIRQ_VERSION_RESET 0x$hex)"
# the ABI: the soname's number (include/virq/virq_model.h)
abi=$(sed -n 's/^#define VIRQ_ABI_VERSION \([0-9][0-9]*\)$/\1/p' include/virq/virq_model.h)
echo "ABI $abi (VIRQ_ABI_VERSION): soname libvirq.so.$abi, file libvirq.so.$abi.$want_version"
real=libvirq.so.$abi.$want_version

rm -rf "$T"
mkdir -p "$T"

# ---- install into a prefix ------------------------------------------------------
if ! "${MAKE_INSTALL[@]}" install PREFIX="$PREFIX" >"$T/install.log" 2>&1; then
    tail -20 "$T/install.log"
    bad "make install PREFIX=$PREFIX"
    finish
fi
ok "make install PREFIX=$PREFIX"

files_ok() {
    local f missing=0
    for f in lib/libvirq.a lib/$real lib/pkgconfig/virq.pc include/virq_regs.h \
             $(cd include && ls virq/*.h | sed 's|^|include/|'); do
        [ -f "$PREFIX/$f" ] || { echo "  missing $PREFIX/$f"; missing=1; }
    done
    [ "$(readlink "$PREFIX/lib/libvirq.so.$abi")" = "$real" ] ||
        { echo "  lib/libvirq.so.$abi is not a link to $real"; missing=1; }
    [ -e "$PREFIX/lib/libvirq.so" ] && [ -L "$PREFIX/lib/libvirq.so" ] ||
        { echo "  lib/libvirq.so is not a working link"; missing=1; }
    return $missing
}
check "installed files and links" files_ok

soname=$(readelf -d "$PREFIX/lib/$real" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
check "soname libvirq.so.$abi, the ABI's (is '$soname')" [ "$soname" = "libvirq.so.$abi" ]

export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
got_version=$(pkg-config --modversion virq 2>&1)
check "pkg-config --modversion virq = $want_version (is '$got_version')" [ "$got_version" = "$want_version" ]

# ---- the example, built out of tree with pkg-config only ------------------------------
cp -r examples/link_model "$SRC"
rm -f "$SRC/link_model" "$SRC/link_model_static"
if make --no-print-directory -C "$SRC" >"$T/example-build.log" 2>&1; then
    ok "example builds with pkg-config (out of tree)"
else
    tail -20 "$T/example-build.log"
    bad "example builds with pkg-config (out of tree)"
fi

# every virq header the example sees is the installed copy, none from the tree
headers_ok() {
    local deps
    deps=$(cd "$SRC" && cc -std=c11 $(pkg-config --cflags virq) -M link_model.c) || return 1
    if printf '%s\n' "$deps" | tr ' \\' '\n\n' | grep -F "$ROOT/" | grep -vF -e "$PREFIX/" -e "$SRC/"; then
        echo "  ^ headers from outside the installed prefix"
        return 1
    fi
    # virq.h reaches the register header as virq/../virq_regs.h
    printf '%s\n' "$deps" | tr ' \\' '\n\n' | grep -F "$PREFIX/include/" | grep -q '/virq_regs\.h$'
}
check "example includes only installed headers" headers_ok

needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
check "link_model needs libvirq.so.$abi" \
    bash -c "readelf -d '$SRC/link_model' | grep -q 'NEEDED.*\[libvirq.so.$abi\]'"
check "link_model_static needs no libvirq.so" \
    bash -c "! readelf -d '$SRC/link_model_static' | grep -q 'NEEDED.*libvirq'"

run_example() { # run_example BINARY [ENV...]
    local bin=$1 out rc
    shift
    out=$(cd "$SRC" && env "$@" "./$bin" 2>&1)
    rc=$?
    printf '%s\n' "$out" | sed 's/^/  /'
    [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "^libvirq $want_version " &&
        printf '%s\n' "$out" | grep -q '^link_model: PASS$'
}
check "link_model runs (shared, LD_LIBRARY_PATH)" run_example link_model LD_LIBRARY_PATH="$PREFIX/lib"
check "link_model_static runs" run_example link_model_static LD_LIBRARY_PATH=

# ---- only the virq_ API is global: the model's internal names are free ----------------------
only_virq() { # only_virq LISTING: nm's defined globals, each named virq_*
    local other
    other=$(printf '%s\n' "$1" | awk 'NF == 3 { print $3 }' | grep -v '^virq_')
    [ -z "$other" ] || { printf '  not virq_: %s\n' $other | head -5; return 1; }
}
check "libvirq.so exports only virq_ symbols" only_virq "$(nm -D --defined-only "$PREFIX/lib/libvirq.so")"
check "libvirq.a defines only virq_ symbols globally" only_virq "$(nm -g --defined-only "$PREFIX/lib/libvirq.a")"
# a program with its own tick_out and eq_commit (names of model internals)
# links against either library, and the model still runs its own
own_names_ok() { # own_names_ok static|shared
    local kind=$1 lib
    cat >"$T/own_names.c" <<'C'
#include <stdio.h>
#include <virq/virq.h>
static int calls;
int tick_out(const void *t) { (void)t; return ++calls; }
void eq_commit(void) { calls += 100; }
int main(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    virq_in_t in = {0};
    virq_out_t out;
    in.rst_ni = 1;
    for (int c = 0; c < 100; c++)
        virq_step(m, &in, &out);
    virq_destroy(m);
    printf("own_names: calls %d\n", calls);
    return calls != 0;
}
C
    if [ "$kind" = static ]; then lib=$(pkg-config --variable=libdir virq)/libvirq.a; else lib=$(pkg-config --libs virq); fi
    cc -std=c11 -Wall $(pkg-config --cflags virq) "$T/own_names.c" $lib -o "$T/own_names_$kind" >"$T/own_names_$kind.log" 2>&1 ||
        { sed 's/^/  /' "$T/own_names_$kind.log" | head -5; return 1; }
    LD_LIBRARY_PATH="$PREFIX/lib" "$T/own_names_$kind" | sed 's/^/  /'
    [ "${PIPESTATUS[0]}" -eq 0 ]
}
check "a program's own tick_out/eq_commit link beside libvirq.a, model unaffected" own_names_ok static
check "... and beside libvirq.so" own_names_ok shared

# the headers from C++ with -Wshadow (a struct tag named like the getter
# virq_params() was an error there) and -Wold-style-cast (the register
# macros' casts), and the README's use, C++ style
cxx_ok() {
    command -v c++ >/dev/null 2>&1 || { echo "  no C++ compiler (scripts/bootstrap.sh core installs g++)"; return 1; }
    cat >"$T/use.cpp" <<'CXX'
#include <cstdio>
#include <virq/virq.h>
int main()
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    virq_reg_write(m, VIRQ_MOD_LAT_IVL(3), 20);
    virq_in_t in{};
    in.rst_ni = 1;
    virq_out_t out;
    virq_step(m, &in, &out);
    std::printf("use.cpp: NUM_VEC %u\n", virq_params(m)->num_vec);
    virq_destroy(m);
    return 0;
}
CXX
    c++ -std=c++11 -Wall -Wextra -Wshadow -Wold-style-cast -Werror $(pkg-config --cflags virq) "$T/use.cpp" \
        "$(pkg-config --variable=libdir virq)/libvirq.a" -o "$T/use_cpp" >"$T/use_cpp.log" 2>&1 ||
        { sed 's/^/  /' "$T/use_cpp.log" | head -5; return 1; }
    "$T/use_cpp" | sed 's/^/  /'
    [ "${PIPESTATUS[0]}" -eq 0 ]
}
check "C++11 with -Wall -Wextra -Wshadow -Wold-style-cast -Werror: headers and the README's calls" cxx_ok

# ---- DESTDIR: staged install for packaging ----------------------------------------------
staged_ok() {
    "${MAKE_INSTALL[@]}" install DESTDIR="$STAGE" PREFIX=/opt/virq >"$T/stage.log" 2>&1 || return 1
    [ -f "$STAGE/opt/virq/lib/libvirq.a" ] && [ -f "$STAGE/opt/virq/include/virq/virq.h" ] &&
        grep -qx 'prefix=/opt/virq' "$STAGE/opt/virq/lib/pkgconfig/virq.pc" &&
        [ "$(PKG_CONFIG_PATH=$STAGE/opt/virq/lib/pkgconfig pkg-config --variable=includedir virq)" = /opt/virq/include ]
}
check "make install DESTDIR=... PREFIX=/opt/virq stages under DESTDIR" staged_ok

# ---- uninstall removes everything install put there ----------------------------------------
uninstall_ok() {
    "${MAKE_INSTALL[@]}" uninstall PREFIX="$PREFIX" >"$T/uninstall.log" 2>&1 || return 1
    local left
    left=$(find "$PREFIX" ! -type d)
    [ -z "$left" ] || { echo "  left behind: $left"; return 1; }
}
check "make uninstall PREFIX=... removes every installed file" uninstall_ok

finish
