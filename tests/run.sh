#!/bin/sh
# tests/run.sh - run every test of duo and end with "N passed, N failed".
#
# Unit test binaries in $UNIT_DIR, CLI tests tests/cli/*.sh and end-to-end
# tests tests/e2e/*.sh each print "ok - name" or "not ok - name: why" per
# test; a program that crashes or exits non-zero without a "not ok" line
# counts as one failure of its own, so nothing fails silently. A test that
# cannot run on this machine prints "skip - name: why"; skips are shown
# and counted apart, never as passed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${UNIT_DIR:?}" "${DUO_BIN:?}"
export DUO_BIN DUO_FORMS
log=$(mktemp "${TMPDIR:-/tmp}/duo-run.XXXXXX")
passed=0
failed=0
skipped=0

run_one() {
	name=$1; shift
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	sk=$(grep -c '^skip - ' "$log")
	grep '^not ok - \|^skip - ' "$log"
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok - $name: exited $rc without a failed test; last lines:"
		tail -n 15 "$log" | sed 's/^/    /'
		f=1
	fi
	if [ "$sk" = 0 ]; then
		printf '%-28s %3d passed, %d failed\n' "$name" "$p" "$f"
	else
		printf '%-28s %3d passed, %d failed, %d skipped\n' "$name" "$p" "$f" "$sk"
	fi
	skipped=$((skipped + sk))
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in "$here"/cli/*.sh "$here"/e2e/*.sh; do
	case $t in */lib.sh) continue ;; esac
	[ -f "$t" ] && run_one "${t#"$here"/}" sh "$t"
done
rm -f "$log"
[ "$skipped" = 0 ] || echo "$skipped skipped (not run on this machine; see the skip lines above)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
