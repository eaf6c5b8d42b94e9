#!/usr/bin/env bash
# Run named checks, one log each, JOBS at a time (default: the number of
# cores), and close with "N passed, N failed".
# usage: checks.sh LOGDIR NAME=COMMAND [NAME=COMMAND ...]
# Each COMMAND runs with bash -c; exit 0 passes, exit 77 is a skip (the
# automake convention: a check that does not apply here).  A line per check
# is printed as it finishes; a failing check's log tail is shown.  Exit
# status: 0 when no check failed, 1 otherwise.
set -u
logdir=$1
shift
mkdir -p "$logdir"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
if ! [[ $jobs =~ ^[1-9][0-9]*$ ]]; then
    echo "checks.sh: JOBS must be a whole number from 1, got '$jobs'" >&2
    exit 2
fi

run_one() {  # name cmd -> writes $logdir/name.log and $logdir/name.status
    local name=$1 cmd=$2 start rc
    start=$(date +%s.%N)
    bash -c "$cmd" >"$logdir/$name.log" 2>&1
    rc=$?
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }' >"$logdir/$name.secs"
    echo "$rc" >"$logdir/$name.status"
}

report() {  # name -> prints the line; returns 0 passed, 1 failed, 2 skipped
    local name=$1 rc secs last status
    rc=$(cat "$logdir/$name.status")
    secs=$(cat "$logdir/$name.secs")
    # the last line a check prints is its own summary
    last=$(grep -v '^[[:space:]]*$' "$logdir/$name.log" | tail -n 1 | cut -c1-110)
    status=PASS
    [ "$rc" -eq 0 ] || status=FAIL
    if [ "$rc" -eq 77 ]; then
        printf '%-4s %-28s %6ss  %s\n' SKIP "$name" "$secs" "$last"
        return 2
    fi
    printf '%-4s %-28s %6ss  %s\n' "$status" "$name" "$secs" "$last"
    if [ "$status" = FAIL ]; then
        echo "---- last lines of $logdir/$name.log ----"
        tail -n 25 "$logdir/$name.log"
        echo "----"
    fi
    [ "$rc" -eq 0 ]
}

names=()
declare -A pid_of=()
pass=0
skip=0
fail=0
failed=()
reap() {  # wait for one running check to finish and report it
    local n
    wait -n "${pid_of[@]}" 2>/dev/null || true
    for n in "${!pid_of[@]}"; do
        if [ -f "$logdir/$n.status" ]; then
            wait "${pid_of[$n]}" 2>/dev/null
            unset "pid_of[$n]"
            report "$n"
            case $? in
                0) pass=$((pass + 1)) ;;
                2) skip=$((skip + 1)) ;;
                *) fail=$((fail + 1)); failed+=("$n") ;;
            esac
        fi
    done
}
for spec in "$@"; do
    name=${spec%%=*}
    cmd=${spec#*=}
    rm -f "$logdir/$name.status"
    while [ "${#pid_of[@]}" -ge "$jobs" ]; do reap; done
    run_one "$name" "$cmd" &
    pid_of[$name]=$!
done
while [ "${#pid_of[@]}" -gt 0 ]; do reap; done
if [ "$fail" -gt 0 ]; then
    echo "failed: ${failed[*]}"
fi
if [ "$skip" -gt 0 ]; then
    echo "$pass passed, $skip skipped, $fail failed"
else
    echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
