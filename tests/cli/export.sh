#!/bin/sh
# tests/cli/export.sh - duo export: the yaml round trip (export, import into
# a fresh database, export again: the same bytes, and every value of the
# original still there), finding a household by name or id prefix, -o, and
# the professional text.
. "$(dirname "$0")/lib.sh"

VISSER="$EXAMPLES/gezin-visser.yaml"
BOS="$CASES/good/gezin-bos-twee-sessies.yaml"
ALL="$CASES/good/alle-velden.yaml"
UTF8="$CASES/good/gezin-aydin-martens-utf8.yaml"

# import_one FILE: import into the current database; $ID is its short id.
import_one() {
	duo import "$1"
	expect_rc 0
	ID=$(sed -n 's/^geïmporteerd: .* (\([0-9a-f]\{8\}\)) uit .*/\1/p' "$OUT")
	[ -n "$ID" ] || fail "no id in: $(cat "$OUT")"
}

# values FILE: every value a case file writes, one per line: the value of
# each "key: value" line (unquoted, without a trailing comment) and each
# line of block text. Lines with characters outside the BMP are left out:
# the YAML writer escapes those (\U0001F622), which grep cannot match.
values() {
	sed -e 's/^[[:space:]]*//' -e 's/^- //' "$1" |
		grep -v -e '^#' -e '^$' -e '^[a-z_"]*:$' |
		sed -e 's/^"\{0,1\}[a-z_]*"\{0,1\}: //' -e 's/[[:space:]]#.*$//' |
		grep -v -e '^[|>][-+]\{0,1\}$' -e '^$' |
		sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'\$/\1/" |
		LC_ALL=C grep -v "$(printf '[\360-\364]')"
}

# roundtrip FILE: import, export, import the export into a fresh database,
# export again; both exports must be the same bytes and hold every value.
roundtrip() {
	name=$(basename "$1" .yaml)
	fresh_db "rt1-$name"
	import_one "$1"
	duo export "$ID"
	expect_rc 0
	save "$TMP/$name.1.yaml"
	fresh_db "rt2-$name"
	import_one "$TMP/$name.1.yaml"
	duo export "$ID"
	expect_rc 0
	save "$TMP/$name.2.yaml"
	expect_same "$TMP/$name.1.yaml" "$TMP/$name.2.yaml"
	values "$1" >"$TMP/$name.values"
	while IFS= read -r v; do
		grep -qF -- "$v" "$TMP/$name.1.yaml" || fail "value lost: $v"
	done <"$TMP/$name.values"
	[ -s "$TMP/$name.values" ] || fail "no values read from $1"
}

t "round trip of the shared example: identical bytes, every value kept"
roundtrip "$VISSER"
ok

for f in "$CASES"/good/*.yaml; do
	t "round trip of $(basename "$f"): identical bytes, every value kept"
	roundtrip "$f"
	ok
done

t "UTF-8 and multi-line text survive the round trip"
fresh_db utf8
import_one "$TMP/gezin-aydin-martens-utf8.1.yaml"
duo export "$ID"
expect_out "Ruşen Aydın"
expect_out "Noëlle Martens"
expect_out "Inès Çelik"
duo export --format text "$ID"
expect_out "Ruşen Aydın"
expect_out "weer zo boos 😢"
expect_out "zag dat Zoë"
expect_out "     drie ochtenden achter elkaar huilend werd gebracht."
ok

fresh_db find
duo import "$VISSER" "$BOS" "$ALL"
expect_rc 0

t "export by exact name"
duo export "Gezin Visser"
expect_rc 0
expect_out "name: Gezin Visser"
expect_no_out "Gezin Bos"
ok

t "export by id prefix"
duo export 7c1e4b2a
expect_rc 0
expect_out "id: 7c1e4b2a-9f3d-4e58-b6a1-2d8f0c4e9a13"
duo export 7c1e
expect_rc 0
expect_out "name: Huishouden Chaouch-Peters"
ok

t "an ambiguous prefix: exit 1 naming both candidates"
for n in 1 2; do
	printf 'format: duo-case/1\nhousehold:\n  id: %s\n  name: Gezin %s\n' \
		"abcd1234-0000-4000-8000-00000000000$n" "Twee$n" >"$TMP/twin$n.yaml"
done
duo import "$TMP/twin1.yaml" "$TMP/twin2.yaml"
expect_rc 0
duo export abcd1234
expect_rc 1
expect_err "Gezin Twee1"
expect_err "Gezin Twee2"
[ -s "$OUT" ] && fail "stdout not empty"
duo export abcd1234-0000-4000-8000-000000000002
expect_rc 0
expect_out "name: Gezin Twee2"
ok

t "a household that does not exist: exit 1"
duo export "Gezin Niemand"
expect_rc 1
expect_err "niet gevonden"
[ -s "$OUT" ] && fail "stdout not empty"
ok

t "-o writes a 0600 file with the same bytes, even with umask 022"
duo export "Gezin Visser"
save "$TMP/stdout.yaml"
mkdir "$TMP/dest"
(umask 022 && "$DUO_BIN" export -o "$TMP/dest/visser.yaml" "Gezin Visser" \
	>"$OUT" 2>"$ERR")
expect_mode "$TMP/dest/visser.yaml" 600
expect_same "$TMP/stdout.yaml" "$TMP/dest/visser.yaml"
[ "$(ls -A "$TMP/dest")" = visser.yaml ] || fail "left behind: $(ls -A "$TMP/dest")"
[ -s "$OUT" ] && fail "stdout not empty"
ok

t "-o replaces an existing file whole, and makes it 0600"
printf 'oud\n' >"$TMP/dest/old.txt"
chmod 644 "$TMP/dest/old.txt"
duo export --format text --output "$TMP/dest/old.txt" "Gezin Visser"
expect_rc 0
expect_mode "$TMP/dest/old.txt" 600
grep -q "^Huishouden: Gezin Visser" "$TMP/dest/old.txt" || fail "not replaced"
ok

t "a failed export leaves no file behind"
duo export -o "$TMP/dest/none.yaml" "Gezin Niemand"
expect_rc 1
duo export -o "$TMP/no-such-dir/x.yaml" "Gezin Visser"
expect_rc 1
expect_err "no-such-dir"
duo export --format text --session 7 -o "$TMP/dest/v7.txt" "Gezin Visser"
expect_rc 1
[ "$(ls -A "$TMP/dest" | sort | tr '\n' ' ')" = "old.txt visser.yaml " ] ||
	fail "left behind: $(ls -A "$TMP/dest")"
ok

t "text: every stage heading, in order"
duo export --format text "Gezin Visser"
expect_rc 0
save "$TMP/visser.txt"
prev=0
for f in "$DUO_FORMS"/[0-9]-*.yaml; do
	title=$(sed -n 's/^title: //p' "$f")
	n=$(grep -nxF -- "$title" "$TMP/visser.txt" | head -n 1 | cut -d: -f1)
	[ -n "$n" ] || { fail "no heading '$title'"; continue; }
	[ "$n" -gt "$prev" ] || fail "heading '$title' out of order"
	prev=$n
done
ok

t "text: header, member names, labels instead of codes"
expect_out "Huishouden: Gezin Visser"
expect_out "Gemeente: Ede"
expect_out "Versie 1 van 2026-10-14, status: Vastgesteld, evaluatie: 2026-12-15"
for name in "Anouk Visser" "Ramon Visser" "Sem" "Lotte" "Ria de Groot"; do
	expect_out "- $name"
done
expect_out "Over: Anouk Visser, Ramon Visser, Sem"
expect_out "Van wie: Ria de Groot"
expect_out "Rol: Ouder"
expect_no_out "about: "
expect_no_out "Over: anouk"
ok

t "text: a voorwaarde with who, when and its consequence"
expect_out "[Voorwaarde] Ramon komt niet naar het huis als hij gedronken heeft."
expect_out "— wie: Ramon Visser, uiterlijk: 2026-10-15"
expect_out "Gevolg als dit niet gebeurt: Als dit toch gebeurt, belt"
ok

t "text: lines fit in 72 columns"
w=$(wc -L <"$TMP/visser.txt")
[ "$w" -le 72 ] || fail "a line of $w columns"
grep -q ' $' "$TMP/visser.txt" && fail "trailing spaces"
ok

t "text: a confidential item is marked [VERTROUWELIJK]"
duo export --format text 7c1e4b2a-9f3d
expect_rc 0
grep -F "[VERTROUWELIJK]" "$OUT" | grep -qF "Samira logeert" ||
	fail "mark not next to the confidential item"
grep -F "Op 11 oktober 2026 heeft Kevin" "$OUT" | grep -qF VERTROUWELIJK &&
	fail "a non-confidential item is marked"
ok

t "text: --session picks a version, the highest by default"
duo export --format text "Gezin Bos"
expect_rc 0
expect_out "Versie 2 van "
duo export --format text --session 1 "Gezin Bos"
expect_rc 0
expect_out "Versie 1 van "
expect_no_out "Versie 2 van "
duo export --format text --session=2 "Gezin Bos"
expect_rc 0
expect_out "Versie 2 van "
ok

t "text: an unknown session: exit 1 listing those that exist"
duo export --format text --session 3 "Gezin Bos"
expect_rc 1
expect_err "duo: versie 3 bestaat niet (wel: 1, 2)"
[ -s "$OUT" ] && fail "stdout not empty"
ok

t "text: a household without sessions: exit 1"
printf 'format: duo-case/1\nhousehold:\n  name: Gezin Leeg\n' >"$TMP/leeg.yaml"
duo import "$TMP/leeg.yaml"
expect_rc 0
duo export --format text "Gezin Leeg"
expect_rc 1
expect_err "geen sessies"
duo export "Gezin Leeg"
expect_rc 0
expect_out "name: Gezin Leeg"
ok
