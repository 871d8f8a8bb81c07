#!/bin/sh
# tests/cli/list.sh - duo list: one clean line per household (no header when
# stdout is not a terminal), aligned columns counting characters, the
# --status and --overdue filters, and exit 2 for bad filter values.
. "$(dirname "$0")/lib.sh"

VISSER="$EXAMPLES/gezin-visser.yaml"

t "an empty database lists nothing"
fresh_db empty
duo list
expect_rc 0
[ -s "$OUT" ] && fail "stdout: $(cat "$OUT")"
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "the shared example: Gezin Visser, version 1, vastgesteld, 2026-12-15"
fresh_db list
duo import "$VISSER"
expect_rc 0
duo list
expect_rc 0
[ "$(wc -l <"$OUT")" = 1 ] || fail "want one line, no header: $(cat "$OUT")"
grep -qE '^[0-9a-f]{8}  Gezin Visser  1  vastgesteld  2026-12-15$' "$OUT" ||
	fail "line: $(cat "$OUT")"
ok

t "several households: sorted by name, columns aligned by characters"
for f in "$CASES"/good/*.yaml; do
	duo import "$f"
	expect_rc 0
done
printf 'format: duo-case/1\nhousehold:\n  name: Gezin Zonder Sessie\n' \
	>"$TMP/nosession.yaml"
duo import "$TMP/nosession.yaml"
expect_rc 0
duo list
expect_rc 0
save "$TMP/all"
[ "$(wc -l <"$TMP/all")" = 6 ] || fail "want 6 lines: $(cat "$TMP/all")"
cut -c11- "$TMP/all" | sed 's/   *.*//' >"$TMP/names"
sort "$TMP/names" | cmp -s - "$TMP/names" || fail "not sorted: $(cat "$TMP/names")"
grep -q "Gezin Aydın-Martens" "$TMP/all" || fail "UTF-8 name missing"
# the last column starts at the same character on every line
while IFS= read -r line; do
	prefix=${line%  *}
	printf '%s\n' "$prefix" | wc -L
done <"$TMP/all" | sort -u >"$TMP/widths"
[ "$(wc -l <"$TMP/widths")" = 1 ] || fail "columns not aligned: $(cat "$TMP/all")"
ok

t "a household without sessions shows -"
grep -qE '^[0-9a-f]{8}  Gezin Zonder Sessie +-  -  +-$' "$TMP/all" ||
	fail "line: $(grep "Zonder Sessie" "$TMP/all")"
ok

t "--status keeps only that status"
duo list --status vastgesteld
expect_rc 0
expect_out "Gezin Visser"
grep -v -q "vastgesteld" "$OUT" && fail "other status: $(cat "$OUT")"
duo list --status ter-review
expect_rc 0
expect_no_out "Gezin Visser"
[ -s "$OUT" ] || fail "no ter-review household"
ok

t "--overdue --date: before and after the evaluation date"
duo list --overdue --date 2027-01-01
expect_rc 0
expect_out "Gezin Visser"
expect_no_out "Gezin Zonder Sessie"
duo list --overdue --date 2026-12-01
expect_rc 0
expect_no_out "Gezin Visser"
duo list --overdue --date 2026-12-15
expect_rc 0
expect_no_out "Gezin Visser"
ok

t "--overdue without --date uses today (DUO_TODAY)"
DUO_TODAY=2027-01-01 duo list --overdue
expect_rc 0
expect_out "Gezin Visser"
DUO_TODAY=2026-11-01 duo list --overdue
expect_rc 0
expect_no_out "Gezin Visser"
ok

t "bad filter values: exit 2"
for d in 2026-13-01 2026-02-30 morgen 2026-1-1; do
	duo list --overdue --date "$d"
	expect_rc 2
	expect_err "geen geldige datum"
done
duo list --date 2027-01-01
expect_rc 2
expect_err "--date hoort bij --overdue"
duo list --status klaar
expect_rc 2
expect_err "onbekende status: klaar"
ok

t "a header only on a terminal"
if command -v script >/dev/null 2>&1; then
	script -qec "'$DUO_BIN' list" /dev/null >"$TMP/tty" 2>&1
	head -n 1 "$TMP/tty" | grep -q "NAAM" || fail "no header: $(head -n 2 "$TMP/tty")"
	[ "$(grep -c . "$TMP/tty")" = 7 ] || fail "$(cat "$TMP/tty")"
fi
ok
