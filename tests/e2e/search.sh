#!/bin/sh
# tests/e2e/search.sh - / on the household list searches everything typed
# in all households as you type: names of households, and full-text hits
# (household, version, stage, item, a snippet), accents folded. Enter on
# a hit opens the household at the hit's stage with the cursor on the
# item; a hit in a comment opens the item the comment is on; a hit in a
# household field opens the household screen on that field. No hits are
# said; many hits scroll and are counted.
. "$(dirname "$0")/lib.sh"

import_demo

# search TEXT: / on the list, type TEXT, wait until the search ran.
search() {
	keys / && type_text "$1" && wait_for "Zoek: $1" && wait_for "op naam"
}

t "/ and a word without its accent: names and text found as you type"
start_duo
wait_for "Gezin Visser"
search noelle
wait_for "In de tekst: 3 gevonden"
expect_text "Geen huishouden met deze naam."
expect_text "Echtpaar Van Dijk · versie 1 · stap 3 Verklarende analyse · hypothese h1"
expect_text "    …voor een gesprek met Noëlle over zijn eigen geldzaken, voor 1 december."
expect_text "Echtpaar Van Dijk · versie 1 · stap 4 Plan · doel p5"
expect_text "Echtpaar Van Dijk · versie 1 · stap 0 Huishouden en aanwezigen · aanwezige Noëlle Verbeek"
# typing on narrows it: still as you type, no Enter
type_text " geldzaken"
wait_for "In de tekst: 1 gevonden"
expect_no_text "doel p5"
stop_duo C-c
ok

t "Enter on a hit opens its stage with the item selected"
start_duo
wait_for "Gezin Visser"
search noelle
wait_for "In de tekst: 3 gevonden"
keys Enter
wait_for "Enter opent dit punt"
select_row "hypothese h1"
keys Enter
wait_for "3  Verklarende analyse"
expect_text "Echtpaar Van Dijk › versie 1"
selected_has "h1 Marco heeft zelf geen inkomen" ||
	screen_fail "h1 is not selected"
# back to the list: the search and the cursor on the hit are still there
keys Escape
wait_for "Leden van het huishouden"
keys Escape
wait_for "In de tekst: 3 gevonden"
selected_has "hypothese h1" || screen_fail "the cursor left the hit"
select_row "doel p5"
keys Enter
wait_for "4  Plan"
selected_has "p5" || screen_fail "p5 is not selected"
stop_duo C-c
ok

t "a hit in a comment opens the item the comment is on"
start_duo
wait_for "Gezin Visser"
search goedpraat
wait_for "In de tekst: 1 gevonden"
expect_text "Gezin Bulut · versie 1 · stap 6 Beoordeling door de teamleider · opmerking op h1"
expect_text "    …het geweld niet goedpraat. Toets hem ook bij Kerem zelf."
keys Enter
wait_for "Enter opent dit punt"
keys Enter
wait_for "3  Verklarende analyse"
expect_text "Gezin Bulut › versie 1"
selected_has "h1 " || screen_fail "h1 is not selected"
stop_duo C-c
ok

t "a hit in a household field opens the household on that field"
start_duo
wait_for "Gezin Visser"
search holtenbroek
wait_for "In de tekst: 2 gevonden"
expect_text "Echtpaar Van Dijk · huishouden"
keys Enter
wait_for "Enter opent dit punt"
keys Enter
wait_for "Leden van het huishouden"
selected_has "Wijkteam Zwolle-Holtenbroek" || screen_fail "the team is not selected"
stop_duo C-c
ok

t "no hits: said, and Esc clears the search"
start_duo
wait_for "Gezin Visser"
search xyzzy
wait_for "Niets gevonden voor “xyzzy”, niet in de namen en niet in de tekst."
keys Escape
wait_for "4 huishoudens"
stop_duo C-c
ok

t "many hits: counted, and the list scrolls to the last"
start_duo
wait_for "Gezin Visser"
search gesprek
wait_for "In de tekst: 14 gevonden"
keys Enter
wait_for "Enter opent dit punt"
first=$(screen | grep -m 1 " · versie ")
keys G
wait_for "opmerking op f5"
poll screen_lacks "$first" || screen_fail "the first hit did not scroll away"
selected_has "opmerking op f5" || screen_fail "the cursor is not on the last hit"
# its snippet is the last line of the list, above the help line
screen | sed -n 26,28p | grep -qF "…dat voor het gesprek met Peter." ||
	screen_fail "the last hit is not at the bottom"
stop_duo C-c
ok

t "more hits than are shown: said so"
fresh_db many
for n in 1 2 3; do
	for f in "$ROOT"/data/demo/*.yaml; do
		sed "s/^household:\$/household:\\n  id: e2e0000$n-0000-4000-8000-$(basename "$f" .yaml | cksum | cut -c1-8)0000/" \
			"$f" >"$TMP/many-$n-$(basename "$f")"
	done
done
duo import "$TMP"/many-*.yaml
[ "$RC" = 0 ] || fail "import: $(head -c 300 "$ERR")"
start_duo
wait_for "12 huishoudens"
search de
wait_for "In de tekst: meer dan 100 gevonden"
keys Enter
keys G
wait_for "Er is meer. Typ meer woorden om het te verfijnen."
stop_duo C-c
ok

t "while the household watches only names are searched"
DUO_DB="$TMP/duo.db"
start_duo
wait_for "Gezin Visser"
keys F3
wait_for "HUISHOUDEN KIJKT MEE"
search goedpraat
wait_for "Zoeken in de tekst staat uit terwijl het huishouden meekijkt (F3)."
expect_no_text "goedpraat."
expect_no_text "opmerking op h1"
keys F3
wait_for "In de tekst: 1 gevonden"
stop_duo C-c
ok
