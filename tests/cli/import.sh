#!/bin/sh
# tests/cli/import.sh - duo import: one line per stored file, each file all
# or nothing, going on after a bad file; the database file and its
# directory are private whatever the umask; a file that is not a database
# is refused and left alone.
. "$(dirname "$0")/lib.sh"

VISSER="$EXAMPLES/gezin-visser.yaml"
BOS="$CASES/good/gezin-bos-twee-sessies.yaml"
WITH_ID="$CASES/good/alle-velden.yaml"

t "import the shared example: one line on stdout, exit 0"
fresh_db one
duo import "$VISSER"
expect_rc 0
grep -qE "^geïmporteerd: Gezin Visser \([0-9a-f]{8}\) uit $VISSER\$" "$OUT" ||
	fail "stdout: $(cat "$OUT")"
[ -s "$ERR" ] && fail "stderr not empty: $(cat "$ERR")"
ok

t "import of every good case file"
fresh_db good
for f in "$CASES"/good/*.yaml; do
	duo import "$f"
	expect_rc 0
	expect_out "uit $f"
done
duo list
[ "$(wc -l <"$OUT")" = "$(ls "$CASES"/good/*.yaml | wc -l)" ] ||
	fail "list has $(wc -l <"$OUT") lines"
ok

t "a file with a known id: refused without --replace, replaced with it"
fresh_db replace
duo import "$WITH_ID"
expect_rc 0
duo list
save "$TMP/before"
duo import "$WITH_ID"
expect_rc 1
expect_err "alle-velden.yaml"
expect_err "--replace"
expect_no_out "geïmporteerd"
duo list
expect_same "$TMP/before" "$OUT"
duo import --replace "$WITH_ID"
expect_rc 0
expect_out "geïmporteerd: Huishouden Chaouch-Peters (7c1e4b2a)"
duo list
expect_same "$TMP/before" "$OUT"
ok

t "several files, one bad: the good ones land, exit 1"
fresh_db several
duo import "$VISSER" "$CASES/bad/feit-no-source.yaml" "$BOS"
expect_rc 1
expect_out "geïmporteerd: Gezin Visser"
expect_out "geïmporteerd: Gezin Bos"
expect_no_out "feit-no-source"
expect_err "feit-no-source.yaml:"
duo list
[ "$(wc -l <"$OUT")" = 2 ] || fail "want 2 households: $(cat "$OUT")"
ok

t "a file that does not exist: exit 1 naming it"
fresh_db missing
duo import "$TMP/nope.yaml"
expect_rc 1
expect_err "$TMP/nope.yaml"
ok

t "database file 0600 and its directory 0700 with umask 022"
home="$TMP/home"
mkdir -p "$home"
(
	umask 022
	unset DUO_DB
	HOME="$home" "$DUO_BIN" import "$VISSER" >"$OUT" 2>"$ERR"
)
db="$home/.local/share/duo/duo.db"
[ -f "$db" ] || fail "no database at $db: $(cat "$ERR")"
expect_mode "$db" 600
expect_mode "$home/.local/share/duo" 700
for f in "$db-wal" "$db-shm"; do
	[ -e "$f" ] && expect_mode "$f" 600
done
ok

t "XDG_DATA_HOME decides where the default database is"
(
	unset DUO_DB
	HOME="$TMP/nohome" XDG_DATA_HOME="$TMP/xdg" "$DUO_BIN" import "$VISSER" \
		>"$OUT" 2>"$ERR"
)
[ -f "$TMP/xdg/duo/duo.db" ] || fail "no database in XDG_DATA_HOME: $(cat "$ERR")"
[ -e "$TMP/nohome" ] && fail "HOME was used"
ok

t "--db beats DUO_DB"
fresh_db env
duo --db "$TMP/option.db" import "$VISSER"
expect_rc 0
[ -f "$TMP/option.db" ] || fail "--db not used"
[ -f "$DUO_DB" ] && fail "DUO_DB used"
ok

t "a file that is not a database: exit 1, clear message, file unchanged"
printf 'Dit is geen database.\nMaar wel belangrijk.\n' >"$TMP/notes.txt"
cp "$TMP/notes.txt" "$TMP/notes.orig"
duo --db "$TMP/notes.txt" import "$VISSER"
expect_rc 1
expect_err "notes.txt"
expect_no_out "geïmporteerd"
expect_same "$TMP/notes.orig" "$TMP/notes.txt"
duo --db "$TMP/notes.txt" list
expect_rc 1
expect_same "$TMP/notes.orig" "$TMP/notes.txt"
ok

t "the audit user comes from DUO_USER"
fresh_db audit
DUO_USER="Fatima El Amrani" duo import "$VISSER"
expect_rc 0
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$DUO_DB" .dump | grep -q "Fatima El Amrani" ||
		fail "DUO_USER not in the audit trail"
fi
ok
