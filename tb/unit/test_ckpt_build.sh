#!/usr/bin/env bash
# A checkpoint is for the build that wrote it (docs/design.md
# "Checkpoints"): tb/unit/ckpt_tool.c built against the Makefile's libvirq
# (its build identity is the hash of the model's sources) and from the
# same sources with identities given here.  Another build with the same
# identity (another optimisation level) takes the checkpoint; another
# identity, or none (a build outside the Makefile), refuses it.
# usage: test_ckpt_build.sh BUILD_DIR MODEL_SOURCES...
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR MODEL_SOURCES..." >&2
    exit 2
fi
build=$1
shift
out=$build/ckpt_build
mkdir -p "$out"
cc="${CC:-gcc} -std=c11 -Wall -Wextra -Werror -Iinclude -Icmodel"
fail=0
compile() { # name, flags...
    local name=$1
    shift
    $cc "$@" -o "$out/$name" || { echo "FAIL: building $name"; exit 1; }
}
compile lib -O2 tb/unit/ckpt_tool.c "$build/libvirq.a"
compile a -O2 -DVIRQ_MODEL_ID='"aaaa"' tb/unit/ckpt_tool.c "$@"
compile a0 -O0 -DVIRQ_MODEL_ID='"aaaa"' tb/unit/ckpt_tool.c "$@"
compile b -O2 -DVIRQ_MODEL_ID='"bbbb"' tb/unit/ckpt_tool.c "$@"
compile none -O2 tb/unit/ckpt_tool.c "$@"
expect() { # exit status, tool, command
    local want=$1
    shift
    "$out/$1" "$2" "$out/$3.ckpt"
    local got=$?
    if [ "$got" -eq "$want" ]; then
        echo "ok: $1 $2 $3.ckpt -> $got"
    else
        echo "FAIL: $1 $2 $3.ckpt -> $got, expected $want"
        fail=1
    fi
}
expect 0 a save a
expect 0 a restore a
expect 0 a0 restore a     # the same identity, another compilation
expect 3 b restore a      # another identity
expect 3 none restore a
expect 0 lib save lib
expect 0 lib restore lib
expect 3 none restore lib # the Makefile's library has an identity
expect 3 a restore lib
expect 0 none save none
expect 0 none restore none
exit $fail
