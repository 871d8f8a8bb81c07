#!/bin/sh
# tests/cli/check.sh - duo check: forms and database; every problem of a
# broken form as file:line:col; a damaged or foreign database file refused
# and left alone.
. "$(dirname "$0")/lib.sh"

NFORMS=$(ls "$DUO_FORMS"/*.yaml | wc -l)

t "a healthy database: exit 0, both in orde"
fresh_db healthy
duo import "$EXAMPLES/gezin-visser.yaml"
expect_rc 0
duo check
expect_rc 0
expect_out "forms: in orde ($NFORMS bestanden)"
grep -qE "^database: in orde \(schema [0-9]+\)$" "$OUT" || fail "stdout: $(cat "$OUT")"
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "without --forms or DUO_FORMS the forms next to the program are found"
(cd "$TMP" && env -u DUO_FORMS "$DUO_BIN" check >"$OUT" 2>"$ERR")
expect_out "forms: in orde ($NFORMS bestanden)"
ok

t "a broken form: exit 1 with file:line:col"
mkdir "$TMP/forms"
cp "$DUO_FORMS"/*.yaml "$TMP/forms/"
line=$(grep -n 'type: lines' "$TMP/forms/1-feiten.yaml" | head -n 1 | cut -d: -f1)
sed -i "${line}s/type: lines/type: roman/" "$TMP/forms/1-feiten.yaml"
duo --forms "$TMP/forms" check
expect_rc 1
grep -qE "1-feiten\.yaml:$line:[0-9]+: " "$ERR" ||
	fail "no 1-feiten.yaml:$line:col: in: $(cat "$ERR")"
expect_no_out "forms: in orde"
expect_out "database: in orde"
ok

t "every problem of the forms is reported"
line2=$(grep -n 'type: choice' "$TMP/forms/4-plan.yaml" | head -n 1 | cut -d: -f1)
sed -i "${line2}s/type: choice/type: keuze/" "$TMP/forms/4-plan.yaml"
DUO_FORMS="$TMP/forms" duo check
expect_rc 1
grep -qE "1-feiten\.yaml:$line:[0-9]+: " "$ERR" || fail "first problem missing"
grep -qE "4-plan\.yaml:$line2:[0-9]+: " "$ERR" || fail "second problem missing"
ok

t "broken forms stop import and export too"
duo --forms "$TMP/forms" import "$CASES/good/alle-velden.yaml"
expect_rc 1
expect_err "1-feiten.yaml:$line:"
expect_no_out "geïmporteerd"
ok

t "the data of the summary is checked too: file:line:col"
mkdir -p "$TMP/data/summary"
cp "$ROOT/data/team.yaml" "$TMP/data/"
sed 's/^  evaluation: Op {datum} kijken/  evaluation: Op {dag} kijken/' \
	"$ROOT/data/summary/nl.yaml" >"$TMP/data/summary/nl.yaml"
line=$(grep -n '^  evaluation: Op {dag}' "$TMP/data/summary/nl.yaml" | cut -d: -f1)
[ -n "$line" ] || fail "the test could not break nl.yaml"
duo --data "$TMP/data" check
expect_rc 1
expect_err "$TMP/data/summary/nl.yaml:$line:15: 'evaluation' mag {dag} niet gebruiken"
expect_out "forms: in orde"
expect_out "database: in orde"
expect_no_out "data: in orde"
duo --data "$ROOT/data" check
expect_rc 0
expect_out "data: in orde ($ROOT/data)"
ok

t "a database that does not exist: exit 1, and not created"
duo --db "$TMP/nothing.db" check
expect_rc 1
expect_err "nothing.db"
[ -e "$TMP/nothing.db" ] && fail "check created the database"
ok

t "a file that is not SQLite: exit 1 with a clear message, unchanged"
head -c 20000 /dev/urandom >"$TMP/random.db" 2>/dev/null ||
	printf 'geen database\n' >"$TMP/random.db"
cp "$TMP/random.db" "$TMP/random.orig"
duo --db "$TMP/random.db" check
expect_rc 1
expect_err "random.db"
expect_same "$TMP/random.orig" "$TMP/random.db"
[ -e "$TMP/random.db-wal" ] && fail "a -wal file appeared"
ok

t "a SQLite database of another program: exit 1, unchanged"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$TMP/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
	cp "$TMP/other.db" "$TMP/other.orig"
	duo --db "$TMP/other.db" list
	expect_rc 1
	expect_err "other.db"
	expect_same "$TMP/other.orig" "$TMP/other.db"
fi
ok
