#!/usr/bin/env bash
# test_multivm_cli: bad command lines of the multi-VM benchmark and of its
# plot script are refused before any work, with exit status 2 and a message
# that names what is wrong (docs/multivm.md).  Each case runs in well under
# a second: a refused command runs no policy.
# usage: tb/bench/test_multivm_cli.sh [MULTIVM_BINARY]   (default build/multivm)
set -u
mv=${1:-build/multivm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect_dir=$tmp
. "$(dirname "$0")/../common/expect.sh"

case $mv in /*) ;; *) mv=$PWD/$mv ;; esac
plot="python3 $(cd "$(dirname "$0")/../.." && pwd)/scripts/plot_multivm.py"

# more than one packet per engine cycle in total: refused, not lost
expect 2 'guests <= gap_us x clk_mhz' "$mv" --guests 7 --cpus 1 --gap-us 1 --clk-mhz 1 --burst-us 10000000 \
    --idle-us 1 --ms 3 --quiet
expect 2 '--guests 6 with --gap-us 1 .* --clk-mhz 5' "$mv" --guests 6 --cpus 1 --gap-us 1 --clk-mhz 5 --ms 1
expect 0 '' "$mv" --guests 7 --cpus 1 --gap-us 7 --clk-mhz 1 --ms 1 --quiet # exactly one per cycle

# the derived overflow interval must fit the 16-bit moderation counters
expect 2 'O = .* = 102300 us \(--ring-log2 10, --gap-us 200\).*65535' "$mv" --gap-us 200 --ring-log2 10
expect 0 '' "$mv" --gap-us 200 --ring-log2 10 --ovf-us 1000 --ms 1 --quiet
expect 0 '' "$mv" --gap-us 128 --ring-log2 10 --ms 1 --quiet # O = 65472 us fits

# --json takes a file name, as --json FILE or --json=FILE
expect 2 "--json needs a file name, not '--quiet'" "$mv" --ms 1 --json --quiet
[ ! -e "$tmp/--quiet" ] || { fail=$((fail + 1)); echo "FAIL: --json --quiet wrote a file named --quiet"; }
expect 2 '--json needs a file name$' "$mv" --ms 1 --json
expect 2 '--json needs a file name$' "$mv" --ms 1 --json=
expect 0 '' "$mv" --ms 1 --quiet --json=j1.json
expect 0 '' "$mv" --ms 1 --quiet --json j2.json
for f in j1.json j2.json; do
    python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/$f" 2>/dev/null && pass=$((pass + 1)) ||
        { fail=$((fail + 1)); echo "FAIL: $f is not the JSON output"; }
done

# an unwritable --json path is refused before the runs: nothing on stdout
expect 2 '--json nodir/x.json: cannot write: No such file or directory' "$mv" --ms 1 --json nodir/x.json
[ ! -s "$tmp/.stdout" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: ran before refusing the --json path"; }

# the timeline window lies inside the run
expect 2 'timeline window \(--timeline-start-ms 9000, --timeline-ms 12 by default\) ends at 9012 ms, after the run \(--ms 1\)' \
    "$mv" --timeline-start-ms 9000 --ms 1
expect 2 'timeline window \(--timeline-ms 30\) is longer than the run \(--ms 20\)' "$mv" --timeline-ms 30 --ms 20
expect 0 '' "$mv" --timeline-start-ms 1 --timeline-ms 2 --ms 3 --quiet --json tl.json
expect 0 '' "$mv" --ms 2 --quiet --json tl_auto.json # the automatic window is cut to the run
python3 - "$tmp/tl.json" "$tmp/tl_auto.json" <<'PY' && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: timeline_window"; }
import json, sys
w = json.load(open(sys.argv[1]))["timeline_window"]
assert (w["start_ms"], w["length_ms"]) == (1, 2), w
w = json.load(open(sys.argv[2]))["timeline_window"]
assert (w["start_ms"], w["length_ms"]) == (0, 2), w
PY

# the plot script: one line and exit 2 for bad arguments and malformed input
echo '{}' >"$tmp/empty.json"
echo 'not json' >"$tmp/bad.json"
python3 - "$tmp/j1.json" "$tmp/nokey.json" "$tmp/badtl.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["policies"][2]["latency_p99_us"]
json.dump(d, open(sys.argv[2], "w"))
d = json.load(open(sys.argv[1]))
d["policies"][0]["timeline"] = [[1.0, "arrive"]]
json.dump(d, open(sys.argv[3], "w"))
PY
expect 2 "^plot_multivm.py: empty.json: no 'parameters'" $plot empty.json out
expect 2 "^plot_multivm.py: empty.json: no 'parameters'" $plot --sweep s.md empty.json
expect 2 '^plot_multivm.py: --sweep needs an output file and at least one MULTIVM_JSON' $plot --sweep s.md
expect 2 "^plot_multivm.py: '--sweep' is not a file name" $plot j1.json --sweep
expect 2 '^plot_multivm.py: expected MULTIVM_JSON OUTDIR, got 1' $plot j1.json
expect 2 '^plot_multivm.py: bad.json: not JSON' $plot bad.json out
expect 2 '^plot_multivm.py: missing.json: cannot read' $plot missing.json out
expect 2 "^plot_multivm.py: nokey.json: no 'latency_p99_us' in policies\[2\]" $plot nokey.json out
expect 2 '^plot_multivm.py: badtl.json: policies\[0\].timeline is not a list' $plot badtl.json out
expect 2 '^plot_multivm.py: nodir/s.md: cannot write' $plot --sweep nodir/s.md j1.json
for c in "empty.json out" "--sweep s.md" "nokey.json out"; do # one line, no traceback
    (cd "$tmp" && $plot $c 2>&1 | wc -l | grep -qx 1) && pass=$((pass + 1)) ||
        { fail=$((fail + 1)); echo "FAIL: plot_multivm.py $c: not one line"; }
done
expect 0 '' $plot j1.json out
expect 0 '' $plot --sweep s.md j1.json j2.json

echo "test_multivm_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
