#!/usr/bin/env bash
# Build and run everything of the Toeplitz hash into build/toeplitz/:
#   toeplitz-unit           C unit test (Microsoft suite + random agreement), -O2
#   toeplitz-unit-portable  the same with -DVIRQ_TOEPLITZ_PORTABLE (no PCLMUL path)
#   toeplitz-unit-asan      the same under ASan/UBSan
#   toeplitz-bench          benchmark, quick mode, JSON in build/toeplitz/bench.json
#   toeplitz-bench-portable the same for the portable one-shot code
#   toeplitz-lint           verilator --lint-only -Wall, and iverilog -g2005 -Wall
#   toeplitz-rtl            Verilator testbench of rtl/virq_toeplitz.v against libvirq
#
# usage: tb/toeplitz/build.sh [--seed N] [--tuples N] [--full-bench]
# Environment: BUILD (default build), CC (default gcc).  Ends with
# "N passed, N failed" (scripts/checks.sh; one log per check in
# build/toeplitz/logs/) and exits non-zero if anything failed.
# The checks run one at a time (JOBS=1) so the benchmarks have a core to
# themselves; they report the speed target but do not fail on it (timing on
# a shared machine is not a functional failure); run the bench with
# --require-target for that.
set -euo pipefail
cd "$(dirname "$0")/../.."

seed=1
tuples=200000
bench_mode=--quick
while [ $# -gt 0 ]; do
    case $1 in
        --seed) seed=$2; shift 2 ;;
        --tuples) tuples=$2; shift 2 ;;
        --full-bench) bench_mode=; shift ;;
        *) echo "usage: $0 [--seed N] [--tuples N] [--full-bench]" >&2; exit 2 ;;
    esac
done

out=${BUILD:-build}/toeplitz
cc=${CC:-gcc}
cflags="-std=c11 -Wall -Wextra -Werror -O2 -Iinclude -Itb/common"
san="-std=c11 -Wall -Wextra -Werror -O1 -g -Iinclude -Itb/common -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
user_w=24
# the latency the testbench checks is the RTL's own localparam
lat=$(sed -n 's/^[[:space:]]*localparam integer LAT[[:space:]]*=[[:space:]]*\([0-9][0-9]*\);.*/\1/p' rtl/virq_toeplitz.v)
if [ -z "$lat" ]; then
    echo "build.sh: no 'localparam integer LAT = N;' in rtl/virq_toeplitz.v" >&2
    exit 1
fi
mkdir -p "$out"
abs_out=$(cd "$out" && pwd)
root=$(pwd)

unit_src="tb/unit/test_toeplitz.c cmodel/toeplitz.c"
bench_src="tb/bench/bench_toeplitz.c cmodel/toeplitz.c"
rtl_build="$cc $cflags -c cmodel/toeplitz.c -o $out/toeplitz.o && \
verilator --cc --exe --build -j 2 -Wall -Iinclude --top-module virq_toeplitz -GUSER_W=$user_w \
  --Mdir $out/verilator -o Vtb_toeplitz \
  -CFLAGS '-O2 -I$root/include -I$root/tb/common -DVIRQ_TOEPLITZ_LAT=$lat -DUSER_W=$user_w' \
  rtl/virq_toeplitz.v $root/tb/toeplitz/tb_toeplitz.cpp $abs_out/toeplitz.o"

# one check at a time, so that nothing competes with the benchmarks for a core
JOBS=1 exec scripts/checks.sh "$out/logs" \
    "toeplitz-unit=$cc $cflags $unit_src -o $out/test_toeplitz && $out/test_toeplitz" \
    "toeplitz-unit-portable=$cc $cflags -DVIRQ_TOEPLITZ_PORTABLE $unit_src -o $out/test_toeplitz_portable && $out/test_toeplitz_portable" \
    "toeplitz-unit-asan=$cc $san $unit_src -o $out/test_toeplitz_asan && $out/test_toeplitz_asan" \
    "toeplitz-bench=$cc $cflags $bench_src -o $out/bench_toeplitz && $out/bench_toeplitz $bench_mode --json $out/bench.json" \
    "toeplitz-bench-portable=$cc $cflags -DVIRQ_TOEPLITZ_PORTABLE $bench_src -o $out/bench_toeplitz_portable && $out/bench_toeplitz_portable $bench_mode --json $out/bench_portable.json" \
    "toeplitz-lint=verilator --lint-only -Wall -Iinclude rtl/virq_toeplitz.v && \
w=\$(iverilog -g2005 -Wall -o $out/virq_toeplitz.vvp rtl/virq_toeplitz.v 2>&1) && \
{ [ -z \"\$w\" ] || { echo \"\$w\"; false; }; } && echo lint clean" \
    "toeplitz-rtl=$rtl_build && $out/verilator/Vtb_toeplitz --seed $seed --tuples $tuples"
