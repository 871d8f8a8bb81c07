#!/bin/sh
# tests/cli/search.sh - duo search: household, version, stage and a snippet
# per hit; accents both ways; several words; text only in a review
# comment; exit 0 with hits, 1 without, 2 without a word to search; the
# index in step after import --replace.
. "$(dirname "$0")/lib.sh"

VISSER="$EXAMPLES/gezin-visser.yaml"
KRAMER="$CASES/versions/gezin-kramer.yaml"

fresh_db search
duo import "$VISSER" "$KRAMER"
expect_rc 0

t "a hit: short id, household, version, stage; item, field and snippet"
duo search trap
expect_rc 0
[ "$(grep -c '' "$OUT")" = 4 ] || fail "want 2 hits of 2 lines: $(cat "$OUT")"
grep -qE '^[0-9a-f]{8}  Gezin Visser, versie 1, stap 1 Feiten, zorgen en meningen$' "$OUT" ||
	fail "first line: $(head -n 1 "$OUT")"
expect_out "    feit f1, Tekst: …en stond op de [trap]."
expect_out "    TOP-3 1, Wat er gebeurt: "
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "accents do not count, both ways"
duo search noelle
expect_rc 0
expect_out "lid noelle, Naam: [Noëlle] Kramer"
duo search RUŞEN
expect_rc 0
expect_out "[Ruşen] Yılmaz"
duo search yilmaz
expect_rc 0
expect_out "Ruşen [Yılmaz]"
duo search lois school
expect_rc 0
expect_out "[Loïs] was in mei vijf dagen niet op [school]."
ok

t "several words: all in the same item"
duo search sem blauwe
expect_rc 0
[ "$(grep -c '' "$OUT")" = 2 ] || fail "want one hit: $(cat "$OUT")"
duo search sem beschermingsbewind
expect_rc 1
[ -s "$OUT" ] && fail "stdout: $(cat "$OUT")"
expect_err "niets gevonden voor: sem beschermingsbewind"
ok

t "text only in a review comment"
duo search buurtapp
expect_rc 0
expect_out "Gezin Kramer, versie 1, stap 6 Beoordeling door de teamleider"
expect_out "opmerking op top3/1, Opmerking: Vraag de [buurtapp]-berichten op als bron."
ok

t "text only in the duo's reply to a comment, kept in step with the reply"
fresh_db reply
duo import "$VISSER"
expect_rc 0
DUO_USER="Fatima El Amrani" DUO_ROLE=lokaal duo evaluate "Gezin Visser"
expect_rc 0
DUO_USER="Marieke Jansen" DUO_ROLE=teamleider duo comment --on f1 "Gezin Visser" "Hoe weet de school dit?"
expect_rc 0
duo search grietje
expect_rc 1
DUO_USER="Fatima El Amrani" DUO_ROLE=lokaal duo reply "Gezin Visser" 1 "De mentor belde met oma Grietje."
expect_rc 0
duo search grietje
expect_rc 0
[ "$(grep -c '' "$OUT")" = 2 ] || fail "want one hit: $(cat "$OUT")"
expect_out "Gezin Visser, versie 2, stap 6 Beoordeling door de teamleider"
expect_out "    opmerking op f1, Antwoord van het duo: …belde met oma [Grietje]."
duo search school grietje
expect_rc 0
expect_out "opmerking op f1"
DUO_USER="Fatima El Amrani" DUO_ROLE=lokaal duo reply "Gezin Visser" 1 "De mentor belde zelf."
expect_rc 0
duo search grietje
expect_rc 1
duo search mentor zelf
expect_rc 0
expect_out "De [mentor] belde [zelf]."
DUO_DB="$TMP/search.db"   # back to the database of the other tests
ok

t "a word of two letters or more also finds the words it begins"
duo search schuldhulpverl
expect_rc 0
expect_out "[schuldhulpverlening]"
ok

t "--limit, and more than the limit is said"
duo search --limit 1 sem
expect_rc 0
[ "$(grep -c '' "$OUT")" = 2 ] || fail "want one hit: $(cat "$OUT")"
expect_err "meer dan 1 resultaten"
duo search --limit 0 sem
expect_rc 2
expect_err "--limit vraagt een aantal"
ok

t "nothing to search for: exit 2"
duo search '!!!'
expect_rc 2
expect_err "geen woord om op te zoeken in '!!!'"
duo search
expect_rc 2
expect_err "TEKST ontbreekt"
ok

t "after import --replace the old words are gone"
# in version 2, the concept: version 1 is herzien and may not change
sed 's/steun van de kerk/steun van de moskee/' "$KRAMER" >"$TMP/kramer.yaml"
duo search kerk
expect_rc 0
duo import --replace "$TMP/kramer.yaml"
expect_rc 0
duo search kerk
expect_rc 1
duo search moskee
expect_rc 0
expect_out "[moskee]"
duo check
expect_rc 0
ok

t "text from the database cannot reach the terminal as escapes"
printf 'format: duo-case/1\nhousehold:\n  name: "Gezin Esc\\e[31mape"\n' >"$TMP/esc.yaml"
duo import "$TMP/esc.yaml"
expect_rc 0
duo search esc
expect_rc 0
grep -q "$(printf '\033')" "$OUT" && fail "an escape reached stdout"
expect_out "Gezin Esc?[31mape"
ok

t "a database of schema 2 gets its index when opened, and says so"
if command -v sqlite3 >/dev/null 2>&1; then
	fresh_db old
	duo import "$VISSER"
	expect_rc 0
	sqlite3 "$DUO_DB" "SELECT 'DROP ' || type || ' ' || name || ';' FROM sqlite_schema
	    WHERE name LIKE '%search%' AND type IN ('view', 'trigger')" >"$TMP/drop.sql"
	sqlite3 "$DUO_DB" <"$TMP/drop.sql"
	sqlite3 "$DUO_DB" "DROP TABLE search; DROP TABLE search_queue; PRAGMA user_version = 2"
	duo list
	expect_rc 0
	expect_out "Gezin Visser"
	expect_err "duo: zoekindex opbouwen (eenmalig; even geduld)"
	expect_err "duo: zoekindex opbouwen: klaar"
	duo search blauwe plek
	expect_rc 0
	expect_out "[blauwe] [plek]"
	[ -s "$ERR" ] && fail "stderr the second time: $(cat "$ERR")"
fi
ok
