#!/bin/sh
# tests/cli/bad-cases.sh - every file in tests/cases/bad is refused by duo
# import: exit 1, the diagnostic its first line expects
# ("# expect: LINE:COL: substring") as FILE:LINE:COL: ..., and nothing in
# the database changes.
. "$(dirname "$0")/lib.sh"

fresh_db bad
duo import "$EXAMPLES/gezin-visser.yaml" "$CASES/good/alle-velden.yaml"
[ "$RC" = 0 ] || echo "not ok - setup: import of the good cases failed: $(cat "$ERR")"
duo list
save "$TMP/list.before"
duo export 7c1e4b2a
save "$TMP/export.before"

for f in "$CASES"/bad/*.yaml; do
	base=$(basename "$f")
	t "bad case $base is refused"
	expect=$(sed -n '1s/^# expect: //p' "$f")
	pos=${expect%%: *}
	msg=${expect#*: }
	if [ -z "$expect" ] || [ "$pos" = "$expect" ]; then
		fail "no '# expect: LINE:COL: message' first line"
		continue
	fi
	duo import "$f"
	expect_rc 1
	grep -F -- "$base:$pos: " "$ERR" | grep -qF -- "$msg" ||
		fail "want '$base:$pos: ...$msg...', got: $(head -c 300 "$ERR")"
	expect_no_out "geïmporteerd"
	duo list
	expect_same "$TMP/list.before" "$OUT"
	ok
done

t "the database is the same after all bad imports"
duo export 7c1e4b2a
expect_same "$TMP/export.before" "$OUT"
duo check
expect_rc 0
ok

t "all bad cases in one import: exit 1, one diagnostic or more each"
duo import "$CASES"/bad/*.yaml
expect_rc 1
for f in "$CASES"/bad/*.yaml; do
	grep -qF -- "$(basename "$f"):" "$ERR" || fail "nothing about $(basename "$f")"
done
expect_no_out "geïmporteerd"
duo list
expect_same "$TMP/list.before" "$OUT"
ok
