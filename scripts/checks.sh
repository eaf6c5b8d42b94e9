#!/usr/bin/env bash
# Run named checks, one log each, and close with "N passed, N failed".
# usage: checks.sh LOGDIR NAME=COMMAND [NAME=COMMAND ...]
# Each COMMAND runs with bash -c; exit 0 passes.  A failing check's log tail
# is shown.  Exit status: 0 when every check passed, 1 otherwise.
set -u
logdir=$1
shift
mkdir -p "$logdir"
pass=0
fail=0
failed=()
for spec in "$@"; do
    name=${spec%%=*}
    cmd=${spec#*=}
    log="$logdir/$name.log"
    start=$(date +%s.%N)
    if bash -c "$cmd" >"$log" 2>&1; then
        status=PASS
        pass=$((pass + 1))
    else
        status=FAIL
        fail=$((fail + 1))
        failed+=("$name")
    fi
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    # the last line a check prints is its own summary
    last=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1 | cut -c1-110)
    printf '%-4s %-28s %6ss  %s\n' "$status" "$name" "$secs" "$last"
    if [ "$status" = FAIL ]; then
        echo "---- last lines of $log ----"
        tail -n 25 "$log"
        echo "----"
    fi
done
if [ "$fail" -gt 0 ]; then
    echo "failed: ${failed[*]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
