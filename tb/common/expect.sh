# The command-line tests' one check, sourced by tb/common/test_cli.sh and
# tb/bench/test_multivm_cli.sh.  Set expect_dir (a scratch directory the
# caller removes) before the first call; pass and fail count the checks.
#
# expect RC PATTERN COMMAND...: COMMAND, run in $expect_dir, exits RC and
# a line of its output (stdout or stderr) matches PATTERN, an extended
# regular expression (empty: anything).  The output stays in
# $expect_dir/.stdout and $expect_dir/.stderr for further checks.
pass=0
fail=0
expect() {
    local rc=$1 pat=$2 got
    shift 2
    (cd "$expect_dir" && "$@") >"$expect_dir/.stdout" 2>"$expect_dir/.stderr"
    got=$?
    if [ "$got" -eq "$rc" ] && { [ -z "$pat" ] || cat "$expect_dir/.stdout" "$expect_dir/.stderr" | grep -Eq -- "$pat"; }; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $* -> exit $got (want $rc), output:"
        cat "$expect_dir/.stdout" "$expect_dir/.stderr" | tail -5 | sed 's/^/    /'
        echo "    (want a line matching: $pat)"
    fi
}
