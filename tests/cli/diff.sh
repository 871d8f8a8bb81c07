#!/bin/sh
# tests/cli/diff.sh - duo diff: what changed between two versions, by stage,
# with the forms' labels; the last two versions by default; --from/--to;
# a household with one version; bad versions.
. "$(dirname "$0")/lib.sh"

KRAMER="$CASES/versions/gezin-kramer.yaml"
VISSER="$EXAMPLES/gezin-visser.yaml"

fresh_db diff
duo import "$KRAMER" "$VISSER"
expect_rc 0

t "the last two versions by default, every stage that changed"
duo diff "Gezin Kramer"
expect_rc 0
save "$TMP/default"
head -n 1 "$OUT" | grep -qxF "Gezin Kramer (7c0d2a4e): versie 1 (2026-06-02, Herzien) → versie 2 (2026-09-03, Concept)" ||
	fail "header: $(head -n 1 "$OUT")"
for s in "Stap 0 Huishouden en aanwezigen" "Stap 1 Feiten, zorgen en meningen" \
    "Stap 2 TOP-3 zorgen" "Stap 3 Verklarende analyse" "Stap 4 Plan"; do
	grep -qxF "$s" "$OUT" || fail "no line '$s'"
done
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "items added, removed and changed, with old and new text"
expect_out "  ~ sessie 2, Status: Herzien → Concept"
expect_out "  - aanwezige Kees Brouwer"
expect_out "  + aanwezige Sanne Hoekstra"
expect_out "  - feit f2: Loïs was in mei vijf dagen niet op school."
expect_out "  + feit f3: Ruşen heeft sinds augustus weer werk."
expect_out "  ~ feit f1, Bevestigd: nee → ja"
grep -A2 -F "  ~ feit f1, Bron" "$OUT" >"$TMP/bron"
grep -qF "      was: Melding Veilig Thuis" "$TMP/bron" || fail "$(cat "$TMP/bron")"
grep -qF "      nu:  Melding Veilig Thuis, bevestigd door de politie" "$TMP/bron" ||
	fail "$(cat "$TMP/bron")"
expect_out "  ~ hypothese h1, Stand: Te toetsen → Bevestigd"
expect_out "  + voorwaarde p3: De huur wordt elke maand op tijd betaald."
expect_out "  ~ afspraak p1, Gedaan: nee → ja"
ok

t "scores per person, a concern that moved keeps its history"
expect_out "  ~ TOP-3 1 (Geldzorgen), Plaats: 2 → 1"
expect_out "  ~ TOP-3 2 (Ruzies waar Loïs bij is), Veiligheidsscores (noelle): 6 → 7"
expect_out "  ~ TOP-3 2 (Ruzies waar Loïs bij is), Veiligheidsscores (rusen): (leeg) → 6"
expect_no_out "Verklaart zorg"
expect_no_out "Bij zorg"
expect_no_out "Beoordeling"
ok

t "--from and --to name the versions; the other way round too"
duo diff --from 1 --to 2 7c0d2a4e
expect_rc 0
cmp -s "$OUT" "$TMP/default" || fail "differs from the default"
duo diff --from 2 --to 1 "Gezin Kramer"
expect_rc 0
expect_out "  + feit f2: Loïs was in mei vijf dagen niet op school."
expect_out "  - feit f3: Ruşen heeft sinds augustus weer werk."
duo diff --to 1 "Gezin Kramer"
expect_rc 0
expect_out "versie 2 (2026-09-03, Concept) → versie 1"
ok

t "one version: nothing to compare; unknown versions are named"
duo diff "Gezin Visser"
expect_rc 1
expect_err "Gezin Visser heeft minder dan twee versies"
duo diff --from 1 --to 5 "Gezin Kramer"
expect_rc 1
expect_err "versie 5 bestaat niet; er zijn: 1, 2"
duo diff --from 2 --to 2 "Gezin Kramer"
expect_rc 2
expect_err "dezelfde versie"
duo diff --from nul "Gezin Kramer"
expect_rc 2
expect_err "--from vraagt een versienummer"
duo diff "Gezin Onbekend"
expect_rc 1
expect_err "niet gevonden"
duo diff
expect_rc 2
expect_err "HUISHOUDEN ontbreekt"
ok
