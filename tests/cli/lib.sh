# tests/cli/lib.sh - helpers for CLI tests of the real duo binary.
#
# Each test script sources this file, calls t "name" before each test and
# ok / fail at its end; run.sh counts the "ok -" / "not ok -" lines.
# A test that cannot run on this machine (the browser test without
# chromium) prints "skip - name: why" instead; run.sh shows and counts
# those apart, never as passed.
# $DUO_BIN is the binary under test, $DUO_FORMS the forms, $EXAMPLES the
# shared examples, $CASES tests/cases. Every script gets its own $TMP.

set -u
: "${DUO_BIN:?DUO_BIN must name the duo binary}"
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
CASES="$TESTS_DIR/cases"
EXAMPLES=${EXAMPLES:-$ROOT/../shared/examples}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/duo-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export DUO_DB="$TMP/duo.db" DUO_USER="Test Gebruiker" DUO_ROLE=lokaal
export DUO_TODAY=2026-11-23 DUO_NOW=2026-11-23T10:00:00Z
export LC_ALL=C.UTF-8 TZ=Europe/Amsterdam
unset XDG_DATA_HOME XDG_CONFIG_HOME

T_NAME=""
T_FAILED=0
t() { T_NAME=$1; T_FAILED=0; }
ok() { [ "$T_FAILED" = 0 ] && echo "ok - $T_NAME"; }
fail() {
	[ "$T_FAILED" = 0 ] && echo "not ok - $T_NAME: $*"
	T_FAILED=1
}

# duo ARGS...: run the binary; sets $OUT, $ERR (file names) and $RC.
OUT="$TMP/out" ERR="$TMP/err"
duo() {
	"$DUO_BIN" "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

expect_rc() { [ "$RC" = "$1" ] || fail "exit $RC, want $1; stderr: $(head -c 400 "$ERR")"; }
expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks '$1': $(head -c 400 "$OUT")"; }
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks '$1': $(head -c 400 "$ERR")"; }
expect_no_out() { grep -qF -- "$1" "$OUT" && fail "stdout has '$1'"; return 0; }

# fresh_db NAME: point DUO_DB at a new, empty database file $TMP/NAME.db.
fresh_db() {
	DUO_DB="$TMP/$1.db"
	export DUO_DB
	rm -f "$DUO_DB" "$DUO_DB-wal" "$DUO_DB-shm"
}
# expect_same FILE1 FILE2: the files are byte-identical.
expect_same() {
	cmp -s "$1" "$2" ||
		fail "$1 and $2 differ: $(diff "$1" "$2" | head -n 6 | tr '\n' '|')"
}
# expect_mode FILE MODE: the permission bits of FILE are MODE (e.g. 600).
expect_mode() {
	m=$(stat -c %a "$1" 2>/dev/null)
	[ "$m" = "$2" ] || fail "$1 has mode ${m:-?}, want $2"
}
# save FILE: keep the stdout of the last duo run as FILE.
save() { cp "$OUT" "$1"; }
