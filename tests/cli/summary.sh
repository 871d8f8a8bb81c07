#!/bin/sh
# tests/cli/summary.sh - duo export --audience huishouden: the summary for
# the household in each format (text, markdown, html), compared with golden
# files; a confidential text copied into a shown field refuses it (exit 1,
# nothing written); the data directory (--data, $DUO_DATA) and its
# mistakes; -o and --session.
#
# UPDATE_GOLDEN=1 rewrites tests/golden/summary-FORMAT/* from the current
# output: read the diff before keeping it.
. "$(dirname "$0")/lib.sh"

GOLDEN="$TESTS_DIR/golden/summary-text"
GOLDEN_DIR="$TESTS_DIR/golden"
SUM="$CASES/summary"
export DUO_DATA="$ROOT/data"

fresh_db summary
duo import "$EXAMPLES/gezin-visser.yaml" "$SUM/huishouden-zonder-kinderen.yaml" \
	"$SUM/gezin-drie-zorgen.yaml" "$SUM/lek-vertrouwelijk.yaml" \
	"$SUM/tekens-in-tekst.yaml"
[ "$RC" = 0 ] || { echo "not ok - import the cases: $(cat "$ERR")"; exit 1; }

# golden NAME ARGS...: the summary of ARGS in each format is
# tests/golden/summary-FORMAT/NAME.EXT
golden() {
	name=$1; shift
	for fmt in text:txt markdown:md html:html; do
		dir="$GOLDEN_DIR/summary-${fmt%%:*}"
		file="$dir/$name.${fmt#*:}"
		duo export --audience huishouden --format "${fmt%%:*}" "$@"
		expect_rc 0
		if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
			mkdir -p "$dir"
			cp "$OUT" "$file"
		elif [ ! -f "$file" ]; then
			fail "no golden file $file (make it with UPDATE_GOLDEN=1)"
		else
			diff -u "$file" "$OUT" >"$TMP/diff" ||
				fail "differs from $file: $(head -n 20 "$TMP/diff" | tr '\n' '|')"
		fi
	done
}

# flat FILE: the text on one line, white space runs made one space, so a
# wrapped sentence can be found whole.
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }
# shows TEXT / hides TEXT: the last output has / has not TEXT, wrapped or not.
shows() { flat "$OUT" | grep -qF -- "$1" || fail "the summary lacks: $1"; }
hides() { flat "$OUT" | grep -qF -- "$1" && fail "the summary shows: $1"; return 0; }

t "Gezin Visser (the shared example): the golden files"
golden gezin-visser "Gezin Visser"
ok

t "Gezin Visser: every concern, plan item, consequence and the evaluation date"
duo export --audience huishouden "Gezin Visser"
shows "Zorg 1: Ruzies met geweld waar de kinderen bij zijn"
shows "Zorg 2: Geldzorgen van Ramon"
shows "Ramon komt niet naar het huis als hij gedronken heeft."
shows "Ramon ziet de kinderen op zaterdag van 10 tot 16 uur bij oma thuis."
shows "Fatima meldt Ramon aan bij de schuldhulpverlening van de gemeente."
shows "Anouk en Ramon kunnen samen afspraken over de kinderen maken zonder ruzie."
shows "Als dit toch gebeurt, belt Anouk de politie en bespreken wij met jullie of er een maatregel van de kinderrechter nodig is."
shows "Op 15 december 2026 kijken we samen hoe het gaat."
ok

t "Gezin Visser: no review comment, source or test plan of a hypothesis"
duo export --audience huishouden "Gezin Visser"
hides "Let bij de evaluatie op wat Sem zelf zegt"
hides "Marieke Jansen akkoord"
hides "Politie, mutatie 30-09-2026"
hides "Bijhouden of ruzies samenvallen"
hides "Na aanmelding bij schuldhulp kijken"
hides "vastgesteld"
ok

t "a household without children: the golden files"
golden huishouden-zonder-kinderen "Huishouden Dekker-Öztürk"
ok

t "a household without children: no confidential address, no comments"
duo export --audience huishouden "Huishouden Dekker-Öztürk"
hides "Kastanjelaan"
hides "telefoon controleert"
hides "Controleer dit voordat de brief weggaat"
hides "bovenburen hoe vaak"
hides "kinderen"
shows "Wat dit met jullie doet:"
shows "Op 20 januari 2027 kijken we samen hoe het gaat."
ok

t "three concerns, version 2: the golden files"
golden gezin-drie-zorgen-v2 "Gezin Janssen-Yıldız"
ok

t "three concerns, version 1 (--session 1): the golden files"
golden gezin-drie-zorgen-v1 --session 1 "Gezin Janssen-Yıldız"
ok

t "two versions: the confidential texts of both never show"
for v in 1 2; do
	duo export --audience huishouden --session "$v" "Gezin Janssen-Yıldız"
	expect_rc 0
	hides "Meeuwenweg"
	hides "volgt om te zien waar ze woont"
	hides "nergens in de brief aan Mehmet"
	hides "wijkagent navragen"
	hides "bijhouden op welke dagen"
done
shows "Zorg 3: Schulden van Mehmet"
shows "Als hij zich niet meldt, vragen wij de rechter om de bijdrage voor de kinderen te regelen."
shows "Op 14 januari 2027 kijken we samen hoe het gaat."
ok

t "confidential text in a shown field: refused, exit 1, saying where and what to do"
duo export --audience huishouden -o "$TMP/lek.txt" "Gezin Van Leeuwen"
expect_rc 1
expect_err "Gezin Van Leeuwen, versie 1, zorg 1 'Tom duwt Merel als Sara erbij is', veld 'Wat er gebeurt'"
expect_err "uitspraak f2, die vertrouwelijk is"
expect_err "Haal de tekst uit dit veld"
[ -s "$OUT" ] && fail "something on stdout: $(head -c 200 "$OUT")"
[ -e "$TMP/lek.txt" ] && fail "the output file was made"
ls -a "$TMP" | grep -q '^\.lek' && fail "a temporary file was left"
grep -q Wilgenhof "$ERR" && fail "the message repeats the confidential text"
ok

t "-o writes the summary whole, mode 0600"
duo export --audience huishouden -o "$TMP/visser.txt" "Gezin Visser"
expect_rc 0
expect_mode "$TMP/visser.txt" 600
expect_same "$TMP/visser.txt" "$GOLDEN/gezin-visser.txt"
ok

t "--session that does not exist: exit 1 naming the versions"
duo export --audience huishouden --session 3 "Gezin Janssen-Yıldız"
expect_rc 1
expect_err "versie 3 bestaat niet (wel: 1, 2)"
ok

t "--data and DUO_DATA choose the wording; mistakes as file:line:col"
mkdir -p "$TMP/data/summary"
cp "$ROOT/data/team.yaml" "$TMP/data/"
sed 's/^  title: Samenvatting voor {huishouden}$/  title: Brief voor {huishouden}/' \
	"$ROOT/data/summary/nl.yaml" >"$TMP/data/summary/nl.yaml"
duo export --audience huishouden --data "$TMP/data" "Gezin Visser"
expect_rc 0
expect_out "Brief voor Gezin Visser"
DUO_DATA="$TMP/data" duo export --audience huishouden "Gezin Visser"
expect_out "Brief voor Gezin Visser"
sed -i 's/^  title: Brief voor {huishouden}$/  title: Brief voor {naam}/' \
	"$TMP/data/summary/nl.yaml"
line=$(grep -n '^  title:' "$TMP/data/summary/nl.yaml" | cut -d: -f1)
duo --data "$TMP/data" export --audience huishouden "Gezin Visser"
expect_rc 1
expect_err "$TMP/data/summary/nl.yaml:$line:10: 'title' mag {naam} niet gebruiken (wel: {huishouden})"
duo export --audience huishouden --data "$TMP/nergens" "Gezin Visser"
expect_rc 1
expect_err "$TMP/nergens/summary/nl.yaml"
ok

t "text that looks like markup: the golden files"
golden tekens-in-tekst "Gezin <b>Smit</b> & \"Zonen\""
ok

t "html: one self-contained page, every text escaped"
duo export --audience huishouden --format html -o "$TMP/visser.html" "Gezin Visser"
expect_rc 0
expect_mode "$TMP/visser.html" 600
head -n 2 "$TMP/visser.html" | grep -qF '<html lang="nl">' || fail "no lang=nl"
grep -qiE '<script|<link|src=|url\(|@import|https?:' "$TMP/visser.html" &&
	fail "the page fetches or runs something"
duo export --audience huishouden --format html "Gezin <b>Smit</b> & \"Zonen\""
grep -qF '<b>' "$OUT" && fail "a <b> from the case is markup"
grep -qF '<script' "$OUT" && fail "a <script> from the case is markup"
expect_out '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'
ok

t "markdown and html refuse a leak like text does"
for f in markdown html; do
	duo export --audience huishouden --format "$f" "Gezin Van Leeuwen"
	expect_rc 1
	expect_err "veld 'Wat er gebeurt'"
	[ -s "$OUT" ] && fail "$f wrote something"
done
ok

t "the professional text still shows everything, marked"
duo export --format text --audience professional "Huishouden Dekker-Öztürk"
expect_rc 0
expect_out "[VERTROUWELIJK]"
expect_out "Kastanjelaan"
ok
