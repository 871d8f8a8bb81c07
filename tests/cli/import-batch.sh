#!/bin/sh
# tests/cli/import-batch.sh - duo import of many files at once: they are
# stored in batches (several files to a transaction, each file all or
# nothing), yet every file lands or is refused on its own, and the
# "geïmporteerd" lines come in the order of the files on the command line.
. "$(dirname "$0")/lib.sh"

# small N: a minimal household "Gezin N" in $TMP/files/hN.yaml.
small() {
	cat >"$TMP/files/h$1.yaml" <<EOF
format: duo-case/1
household:
  name: Gezin $1
  members:
    - {ref: a, name: Ada, role: ouder}
EOF
}
mkdir -p "$TMP/files"
for i in $(seq 1 300); do
	small "$(printf '%03d' "$i")"
done

# The files named by "uit FILE" on stdout, one a line.
stored_files() { sed -n 's/^geïmporteerd: .* uit //p' "$OUT"; }

t "300 files in one call (more than one batch): all land, in file order"
fresh_db many
# newest first, so that file order is not name order
files=$(for i in $(seq 300 -1 1); do printf '%s\n' "$TMP/files/h$(printf '%03d' "$i").yaml"; done)
# shellcheck disable=SC2086 # the names have no spaces
duo import $files
expect_rc 0
[ -s "$ERR" ] && fail "stderr not empty: $(head -c 300 "$ERR")"
[ "$(stored_files)" = "$files" ] || fail "lines not in file order: $(head -n 3 "$OUT" | tr '\n' '|')"
grep -qE '^geïmporteerd: Gezin 300 \([0-9a-f]{8}\) uit ' "$OUT" ||
	fail "first line: $(head -n 1 "$OUT")"
duo list
expect_rc 0
[ "$(wc -l <"$OUT")" = 300 ] || fail "list has $(wc -l <"$OUT") lines"
expect_out "Gezin 001"
expect_out "Gezin 300"
duo check
expect_rc 0
ok

t "a bad file in the middle of a batch is refused alone"
fresh_db middle
bad="$CASES/bad/feit-no-source.yaml"
dup="$TMP/files/dup.yaml"
cp "$CASES/good/alle-velden.yaml" "$dup"
before=""
after=""
for i in 001 002 003 004 005; do before="$before $TMP/files/h$i.yaml"; done
for i in 006 007 008 009 010; do after="$after $TMP/files/h$i.yaml"; done
# a file that does not load, and one the store refuses inside the batch
# (its household is already there: the one from the file before it)
# shellcheck disable=SC2086
duo import $before "$CASES/good/alle-velden.yaml" "$bad" "$dup" $after
expect_rc 1
expect_err "feit-no-source.yaml:"
expect_err "dup.yaml"
expect_err "--replace"
expect_no_out "feit-no-source"
expect_no_out "dup.yaml"
want=$(printf '%s\n' $before "$CASES/good/alle-velden.yaml" $after)
[ "$(stored_files)" = "$want" ] || fail "stdout: $(tr '\n' '|' <"$OUT")"
duo list
[ "$(wc -l <"$OUT")" = 11 ] || fail "want 11 households: $(cat "$OUT")"
expect_out "Gezin 005"
expect_out "Gezin 006"
duo check
expect_rc 0
ok

t "only bad files: nothing stored, the database unchanged"
fresh_db onlybad
duo import "$dup"
duo list
save "$TMP/list.before"
# the last one is refused by the store: its household is there already
duo import "$bad" "$TMP/nope.yaml" "$dup"
expect_rc 1
expect_err "feit-no-source.yaml:"
expect_err "$TMP/nope.yaml"
expect_err "dup.yaml"
expect_no_out "geïmporteerd"
duo list
expect_same "$TMP/list.before" "$OUT"
ok

t "the audit trail has one import row per stored file"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$TMP/middle.db" "SELECT count(*) FROM audit WHERE action = 'import'")
	[ "$n" = 11 ] || fail "$n audit rows in middle.db, want 11"
fi
ok

t "files that cannot be read, among 600, are refused alone and in order"
fresh_db unreadable
for i in $(seq 301 600); do
	small "$(printf '%03d' "$i")"
done
files=""
want=""
for i in $(seq 1 600); do
	f="$TMP/files/h$(printf '%03d' "$i").yaml"
	case $i in
	100) f="$TMP/er-niet.yaml" ;;   # missing: fails on the loader thread
	290) f="$TMP/files" ;;          # a directory
	450) f="$CASES/bad/feit-no-source.yaml" ;;
	*) want="$want$f
" ;;
	esac
	files="$files $f"
done
# shellcheck disable=SC2086
duo import $files
expect_rc 1
expect_err "$TMP/er-niet.yaml: kan niet openen"
expect_err "$TMP/files: is geen gewoon bestand"
expect_err "feit-no-source.yaml:"
[ "$(stored_files)" = "$(printf '%s' "$want")" ] ||
	fail "stdout not the 597 good files in order: $(head -n 2 "$OUT" | tr '\n' '|')"
[ "$(grep -c . "$ERR")" -ge 3 ] || fail "stderr: $(cat "$ERR")"
duo list
[ "$(wc -l <"$OUT")" = 597 ] || fail "list has $(wc -l <"$OUT") lines"
ok

t "killed during a long import: every file it reported is stored, the database whole"
fresh_db killed
mkdir -p "$TMP/big"
for i in $(seq 1 600); do
	sed "s/^  name: Gezin Visser\$/  name: Gezin V$i/" \
		"$EXAMPLES/gezin-visser.yaml" >"$TMP/big/v$i.yaml"
done
"$DUO_BIN" import "$TMP"/big/v*.yaml >"$TMP/killed.out" 2>"$TMP/killed.err" &
pid=$!
# wait for the first transaction's lines, then kill -9 at once
n=0
while ! grep -q '^geïmporteerd' "$TMP/killed.out" 2>/dev/null && [ $n -lt 3000 ]; do
	sleep 0.01
	n=$((n + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
reported=$(sed -n 's/^geïmporteerd: \(Gezin V[0-9]*\) .*/\1/p' "$TMP/killed.out" | sort)
[ -n "$reported" ] || fail "nothing reported before the kill"
duo check
expect_rc 0
duo list
stored=$(sed -n 's/.*\(Gezin V[0-9]*\).*/\1/p' "$OUT" | sort)
printf '%s\n' "$stored" >"$TMP/stored"
missing=$(printf '%s\n' "$reported" | comm -23 - "$TMP/stored")
[ -z "$missing" ] || fail "reported but not stored: $(echo "$missing" | head -n 3 | tr '\n' ' ')"
[ "$(printf '%s\n' "$stored" | wc -l)" -lt 600 ] || fail "all 600 stored: the kill came too late to test anything"
if command -v sqlite3 >/dev/null 2>&1; then
	# each stored household whole: its members and sessions all there
	n=$(sqlite3 "$DUO_DB" "SELECT count(*) FROM household h WHERE
		(SELECT count(*) FROM member WHERE household_id = h.id) !=
		(SELECT count(*) FROM member WHERE household_id =
		 (SELECT min(id) FROM household)) OR
		(SELECT count(*) FROM session WHERE household_id = h.id) !=
		(SELECT count(*) FROM session WHERE household_id =
		 (SELECT min(id) FROM household))")
	[ "$n" = 0 ] || fail "$n households stored in part"
fi
ok
