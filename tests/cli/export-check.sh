#!/bin/sh
# tests/cli/export-check.sh - duo export --check: the plain-language check
# of the duo's own text that the household reads. Jargon and long
# sentences named by item and field with the plain alternative, the
# average, exit 0 clean / 1 something to improve; the household's own
# words, confidential items, review comments and fields the household is
# not shown (the summary's filter, audience.h) left alone; --session, -o,
# usage errors, --data, and a missing or broken word list.
. "$(dirname "$0")/lib.sh"

HELDER="$CASES/plain/gezin-helder.yaml"
VAKTAAL="$CASES/plain/gezin-vaktaal.yaml"

fresh_db plain
duo import "$HELDER" "$VAKTAAL"
expect_rc 0

t "clean text: exit 0, the average, and 'in orde'"
duo export --check "Gezin Helder"
expect_rc 0
expect_out "Taalcheck van de tekst voor het huishouden: Gezin Helder, versie 1."
expect_out "Niet gecontroleerd, want in de eigen woorden van het huishouden: 4 teksten."
# 18 sentences: the hypothesis's check is not shown to the household
# (audience.h), so it is not checked either
expect_out "Gemiddelde zinslengte: 6,8 woorden per zin (18 zinnen); streef naar hoogstens 15."
expect_out "In orde: geen vaktaal en geen zinnen van meer dan 20 woorden."
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "the household's own words, confidential items and comments are not checked"
# each of these is jargon in Gezin Helder, but only in text the duo did
# not write for the household
for w in OTS GI "Veilig Thuis" RVT voorwaarde casusregie uithuisplaatsing \
    gezagsbe Kastanjelaan opvang gesignaleerd "Reactie" "Mening m1" \
    "Zo ziet" "Verklaring" "Zorg z2" 'vaktaal "' "zin van"; do
	expect_no_out "$w"
done
ok

t "jargon and a long sentence: exit 1, each named by item and field"
duo export --check "Gezin Vaktaal"
expect_rc 1
expect_out "Taalcheck van de tekst voor het huishouden: Gezin Vaktaal, versie 2."
expect_out 'Feit f1, Tekst: vaktaal "Veilig Thuis"; in gewone woorden: de organisatie waar je terechtkunt bij huiselijk geweld en kindermishandeling'
expect_out 'Feit f1, Tekst: vaktaal "zorgmelding"; in gewone woorden:'
expect_out 'Zorg z1, Tekst: vaktaal "escalatie" (escaleren); in gewone woorden: uit de hand lopen'
expect_out 'TOP-3 1, Wat er gebeurt: vaktaal "gesignaleerd" (signaleren); in gewone woorden: zien of merken'
# "monitoren" is in how the hypothesis will be tested: hidden from the
# household (audience.h), so not checked
expect_no_out 'monitoren'
expect_no_out 'Zo toetsen we het'
expect_out 'Voorwaarde p1, Als het niet gebeurt: vaktaal "ondertoezichtstelling"; in gewone woorden:'
expect_out 'Voorwaarde p1, Als het niet gebeurt: zin van 22 woorden (hoogstens 20): "Als Milan in de komende weken'
expect_out "Gemiddelde zinslengte: 8,5 woorden per zin (8 zinnen); streef naar hoogstens 15."
expect_out "6 punten om te verbeteren: 5 keer vaktaal, 1 zin van meer dan 20 woorden."
# the source of a feit is a label, not the duo's prose
expect_no_out "Bron"
[ "$(grep -c 'vaktaal "' "$OUT")" = 5 ] || fail "want 5 jargon lines: $(cat "$OUT")"
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "--session picks the version; the latest is the default"
duo export --check --session 1 "Gezin Vaktaal"
expect_rc 0
expect_out "Gezin Vaktaal, versie 1."
expect_out "In orde"
duo export --check --session 2 "Gezin Vaktaal"
expect_rc 1
expect_out "Gezin Vaktaal, versie 2."
duo export --check --session 3 "Gezin Vaktaal"
expect_rc 1
expect_err "versie 3 bestaat niet (wel: 1, 2)"
ok

t "--audience huishouden is what --check means; another audience or --format is wrong usage"
duo export --check --audience huishouden "Gezin Helder"
expect_rc 0
expect_out "In orde"
duo export --check --audience professional "Gezin Helder"
expect_rc 2
expect_err "--check controleert de tekst voor het huishouden"
duo export --check --format text "Gezin Helder"
expect_rc 2
expect_err "laat --format weg"
duo export --check --session twee "Gezin Helder"
expect_rc 2
expect_err "--session vraagt een versienummer"
duo export --check
expect_rc 2
expect_err "HUISHOUDEN ontbreekt"
ok

t "-o writes the report to a file, also when there is something to improve"
duo export --check -o "$TMP/check.txt" "Gezin Vaktaal"
expect_rc 1
[ -s "$OUT" ] && fail "stdout not empty: $(cat "$OUT")"
grep -qF "6 punten om te verbeteren" "$TMP/check.txt" || fail "report: $(cat "$TMP/check.txt")"
expect_mode "$TMP/check.txt" 600
ok

t "an unknown household: exit 1 with a message"
duo export --check "Gezin Onbekend"
expect_rc 1
[ -s "$ERR" ] || fail "no message"
ok

t "the word list is data: DUO_DATA points at another one"
mkdir -p "$TMP/data"
cat >"$TMP/data/jargon.yaml" <<'EOF'
jargon:
  - term: ontbijt
    plain: eten in de ochtend
EOF
DUO_DATA="$TMP/data" duo export --check --session 1 "Gezin Vaktaal"
expect_rc 1
expect_out 'Afspraak p1, Omschrijving: vaktaal "ontbijt"; in gewone woorden: eten in de ochtend'
# --data is the same data directory as the summary's, and wins over
# $DUO_DATA
DUO_DATA="$TMP/nowhere" duo --data "$TMP/data" export --check --session 1 "Gezin Vaktaal"
expect_rc 1
expect_out 'Afspraak p1, Omschrijving: vaktaal "ontbijt"'
ok

t "a broken word list: exit 1 with file:line:col, nothing on stdout"
cat >"$TMP/data/jargon.yaml" <<'EOF'
jargon:
  - term: OTS
    plain: een besluit van de kinderrechter
  - term: ots
    plain: nog eens
EOF
DUO_DATA="$TMP/data" duo export --check "Gezin Helder"
expect_rc 1
expect_err "$TMP/data/jargon.yaml:4:11: 'ots' staat al in de lijst op regel 2"
[ -s "$OUT" ] && fail "stdout: $(cat "$OUT")"
DUO_DATA="$TMP/nowhere" duo export --check "Gezin Helder"
expect_rc 1
expect_err "$TMP/nowhere/jargon.yaml"
ok

t "confidential text copied into a shown field: refused as the summary is"
duo import "$CASES/summary/lek-vertrouwelijk.yaml"
expect_rc 0
duo export --check -o "$TMP/lek.txt" "Gezin Van Leeuwen"
expect_rc 1
expect_err "Gezin Van Leeuwen, versie 1, zorg 1 'Tom duwt Merel als Sara erbij is', veld 'Wat er gebeurt'"
expect_err "uitspraak f2, die vertrouwelijk is"
[ -s "$OUT" ] && fail "something on stdout: $(head -c 200 "$OUT")"
[ -e "$TMP/lek.txt" ] && fail "the report file was made"
grep -q Wilgenhof "$ERR" && fail "the message repeats the confidential text"
ok

t "the demo households are checked without touching their confidential text"
fresh_db demo
duo import "$ROOT"/data/demo/*.yaml
expect_rc 0
for h in "Gezin Visser" "Gezin Bulut" "Echtpaar Van Dijk" "Gezin Mulder"; do
	duo export --check "$h"
	[ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "$h: exit $RC"
	expect_out "Gemiddelde zinslengte:"
	[ -s "$ERR" ] && fail "$h: stderr: $(cat "$ERR")"
done
# Gezin Mulder's confidential address
duo export --check "Gezin Mulder"
expect_no_out "Beukenlaan"
expect_no_out "f5"
ok
