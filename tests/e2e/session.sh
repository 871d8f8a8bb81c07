#!/bin/sh
# tests/e2e/session.sh - a whole session typed from an empty database, as a
# duo would: a new household and its members, a session with participants,
# feiten (with source and date), zorgen and meningen, one statement moved
# to another column, a zorg promoted to the TOP-3 with evidence and scores,
# factors and a hypothesis, plan items (a voorwaarde with its consequence)
# and the evaluation date. Then duo is quit and `duo export --format yaml`
# must equal tests/e2e/cases/expected-session.yaml.
#
# The household and session ids are random UUIDs made by duo, so they are
# compared as "<id>" (every "id: <uuid>" line is normalised with sed by
# without_ids); everything else is compared byte for byte.
. "$(dirname "$0")/lib.sh"

EXPECTED="$E2E_DIR/cases/expected-session.yaml"

# back TEXT: Esc, then wait for TEXT (an Esc followed at once by another
# key would reach duo as Alt plus that key).
back() { keys Escape && wait_for "$1"; }

# new_member NAME ROLE BORN LIVES(ja|nee): on the household screen.
new_member() {
	keys n
	wait_for "Nieuw lid" || return 1
	type_text "$1"
	keys Enter
	wait_for "Lid $1" || return 1
	focus_field Rol && keys Enter && wait_for "Welke plaats" &&
		choose "$2" && wait_for "› Geboren" || return 1
	type_text "$3"
	keys Enter
	wait_for "› Woont hier" || return 1
	keys Space
	[ "$4" = nee ] && { wait_for "Woont hier    ja" && keys Space; }
	wait_for "Woont hier    $4" && back "Leden van het huishouden"
}

# other_participant NAME ORGANISATION ROLE: stage 0.
other_participant() {
	select_row "+ Andere aanwezige" && keys Enter || return 1
	wait_for "› Naam" || return 1
	type_text "$1"
	keys Enter
	type_text "$2"
	keys Enter
	wait_for "› Rol" && keys Enter && wait_for "In welke rol" &&
		choose "$3" && wait_for "Rol                     $3" &&
		back "Aanwezigen"
}

# statement TEXT: n in the current column of stage 1, then the text.
statement() {
	keys n
	wait_for "› Tekst" || return 1
	type_text "$1"
}

t "a whole session typed from an empty household"
start_duo
wait_for "Er zijn nog geen huishoudens"

# the household and its members
keys n
wait_for "Nieuw huishouden"
type_text "Gezin De Vries"
keys Enter
wait_for "Huishouden gemaakt"
select_row "Gemeente" && keys Enter
wait_for "› Gemeente"
type_text "Ede"
keys Enter
type_text "Sociaal team Ede-Zuid"
keys Enter
wait_for "Dit is het laatste veld"
back "Leden van het huishouden"
new_member "Sanne de Vries" Ouder 1988 ja
new_member "Mark de Vries" Ouder 1986 nee
new_member "Daan" Kind 2016 ja
wait_for "Kind · geboren 2016 · woont hier"

# a session, who takes part, and when we look again
keys s
wait_for "versie 1 (Concept)"
select_row "+ Leden van het huishouden aanvinken" && keys Enter
wait_for "Wie van het huishouden doen mee?"
tick "Sanne de Vries" && keys Enter
wait_for "lid van het huishouden"
other_participant "Fatima El Amrani" "Sociaal team Ede-Zuid" "Lokaal team"
other_participant "Joost Bakker" "Regionaal Veiligheidsteam FoodValley" \
	"Regionaal Veiligheidsteam"
select_row "Evaluatie op" && keys Enter
wait_for "› Evaluatie op"
type_text "2027-01-15"
keys F2
wait_for "0  Huishouden en aanwezigen" && wait_for "Evaluatie op  2027-01-15"

# feiten, zorgen en meningen
keys 1
wait_for "Feiten (0)"
statement "De politie kwam op 2 november 's avonds na een melding van de buren over geschreeuw."
focus_field Bron
type_text "Politie, mutatie 02-11-2026"
keys Enter
type_text "2026-11-02"
keys Enter
wait_for "› Over" && keys Enter && wait_for "Kies er één of meer."
tick "Sanne de Vries" && tick "Mark de Vries" && keys Enter
wait_for "Over                     Sanne de Vries, Mark de Vries"
focus_field Bevestigd && keys Space
focus_field "Reactie van het"
type_text "Mark zegt dat het maar een ruzie was."
keys F2
wait_for "Feiten (1)"

keys Right
statement "Wij zijn bang dat Daan de ruzies ziet en hoort, en daar bang van wordt."
focus_field Over && keys Enter && wait_for "Kies er één of meer."
tick "Daan" && keys Enter
wait_for "Over                     Daan"
focus_field "Van wie" && keys Enter && wait_for "Wiens zorg"
choose "Het duo"
wait_for "Van wie                  het duo"
keys F2
wait_for "Zorgen (1)"

keys Right
statement "Sanne vindt dat het de laatste weken rustiger is thuis."
focus_field "Van wie" && keys Enter && wait_for "Wiens zorg"
choose "Sanne de Vries"
wait_for "Van wie                  Sanne de Vries"
keys F2
wait_for "Meningen (1)"

# typed as a feit, but it is what Mark told: move it two columns right;
# its short name follows the column (f2, z2, m2: never "mening f2")
keys Left Left
statement "Mark zegt dat hij nooit drinkt als Daan thuis is."
focus_field Bron
type_text "Gesprek met Mark"
keys F2
wait_for "Feiten (2)"
select_row "Mark zegt dat hij" && keys ">"
wait_for "Zorgen (2)" && wait_for "f2 staat nu bij de zorgen en heet z2."
keys ">"
wait_for "Meningen (2)" && wait_for "z2 staat nu bij de meningen en heet m2."
# undo takes the last move back, short name and all
keys u
wait_for "Zorgen (2)" && wait_for "z2 Mark zegt"
expect_text "Meningen (1)"
keys Left
select_row "z2 Mark zegt" && keys ">"
wait_for "Meningen (2)"
keys Enter
wait_for "Mening m2"
focus_field "Van wie" && keys Enter && wait_for "Wiens zorg"
choose "Mark de Vries"
wait_for "Van wie                  Mark de Vries"
keys F2
wait_for "Meningen (2)"

# the TOP-3: the zorg promoted, with evidence, the household's view and
# scores
keys 2
wait_for "TOP-3 (0 van 3)"
keys p
wait_for "Welke zorg komt in de TOP-3?"
choose "z1 Wij zijn bang"
wait_for "TOP-3 (1 van 3)"
keys Enter
wait_for "Zorg 1:"
focus_field Gevolgen
type_text "Daan slaapt slecht en is stil op school."
focus_field "Onderbouwd met" && keys Enter && wait_for "Minstens één daarvan"
tick "f1 De politie" && keys Enter
wait_for "Onderbouwd met           f1"
focus_field "Zo ziet het huishouden"
type_text "Sanne herkent de zorg. Mark vindt dat het wel meevalt."
focus_field "Herkent het huishouden" && keys Enter && wait_for "Is het huishouden het eens"
choose "Deels"
wait_for "Herkent het huishouden   Deels"
focus_field Veiligheidsscores && keys Enter
wait_for "Per persoon een cijfer"
keys 4 Down 6 Down 7
wait_for "7  #######"
keys Enter
wait_for "duo 4 · Sanne de Vries 6 · Mark de Vries 7"
focus_field "Direct veiligheid nodig" && keys Space
wait_for "Direct veiligheid nodig  ja"
back "TOP-3 (1 van 3)"

# the explanatory analysis: two factors and a hypothesis
keys 3
wait_for "Model  4P-model"
select_row "+ Nieuwe factor: Uitlokkend" && keys Enter
wait_for "Factor a1"
focus_field Over && keys Enter && wait_for "Of gezin voor het huishouden"
choose "Mark de Vries"
wait_for "› Factor"
type_text "Mark drinkt in het weekend en komt dan onaangekondigd langs."
back "a1 Mark drinkt"
select_row "+ Nieuwe factor: Beschermend" && keys Enter
wait_for "Factor a2"
focus_field Over && keys Enter && wait_for "Of gezin voor het huishouden"
choose "Sanne de Vries"
wait_for "› Factor"
type_text "Sanne wil hulp en praat open met het duo."
back "a2 Sanne wil hulp"
select_row "+ Nieuwe hypothese" && keys Enter
wait_for "Hypothese h1"
focus_field Hypothese
type_text "Als Mark gedronken heeft en onaangekondigd komt, lopen ruzies uit de hand."
focus_field Factoren && keys Enter && wait_for "Op welke factoren"
tick "a1 Uitlokkend" && keys Enter
wait_for "Factoren                 a1"
focus_field "Verklaart zorg" && keys Enter && wait_for "Welke zorgen uit de TOP-3"
tick "1" && keys Enter
focus_field "Zo toetsen we het"
type_text "Bijhouden wanneer Mark langskomt en of hij gedronken heeft."
back "h1 Als Mark gedronken heeft"

# the plan: a voorwaarde with its consequence, and an afspraak
keys 4
wait_for "4  Plan"
select_row "+ Nieuw punt bij zorg 1" && keys Enter
wait_for "Wat voor punt?"
choose "Voorwaarde"
wait_for "› Omschrijving"
type_text "Mark komt niet naar het huis als hij gedronken heeft."
focus_field Wie && keys Enter && wait_for "Wie dit doet"
choose "Mark de Vries"
focus_field "Klaar op"
type_text "2026-12-01"
focus_field "Als het niet gebeurt"
type_text "Dan belt Sanne de politie en bespreken wij met jullie wat er nodig is."
expect_text "Directe veiligheid"
back "p1 Voorwaarde"
select_row "+ Nieuw punt bij zorg 1" && keys Enter
wait_for "Wat voor punt?"
choose "Afspraak"
wait_for "› Omschrijving"
type_text "Joost zoekt met Mark een plek waar hij hulp krijgt bij zijn drinken."
focus_field Fase && keys Enter && wait_for "In welke fase"
choose "Stabiele veiligheid"
focus_field Wie && keys Enter && wait_for "Wie dit doet"
choose "Joost Bakker"
focus_field "Klaar op"
type_text "2026-12-15"
back "p2 Afspraak"

# everything complete? then quit from the list, and compare the export
keys 0
wait_for "0  Huishouden en aanwezigen"
back "Sessies"
back "Huishoudens"
stop_duo q
if [ "$T_FAILED" = 0 ]; then
	export_yaml "Gezin De Vries" "$TMP/got.yaml"
	without_ids "$TMP/got.yaml" >"$TMP/got-noids.yaml"
	if [ "${UPDATE_SCREENS:-0}" = 1 ]; then
		cp "$TMP/got-noids.yaml" "$EXPECTED"
		echo "# wrote $EXPECTED" >&2
	elif ! cmp -s "$EXPECTED" "$TMP/got-noids.yaml"; then
		fail "the export differs from cases/expected-session.yaml (- expected, + got):
$(diff -u "$EXPECTED" "$TMP/got-noids.yaml" | tail -n +3 | sed 's/^/    /')"
	fi
fi
ok

t "a DUO_KEYS script types a household and quits"
fresh_db keys
cat >"$TMP/keys" <<'KEYS'
# the example of the man page (KEYS, Scripted keys)
n "Gezin Visser" Enter   # a new household
C-c
KEYS
E2E_KEYS="$TMP/keys"
start_duo
wait_exit 0
E2E_KEYS=""
duo list
expect_out "Gezin Visser"
ok

t "an item left empty is not kept, so the export imports again"
demo_db empty
start_duo
wait_for "Gezin Visser"
select_row "Gezin Bulut" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 2" && keys Enter
wait_for "0  Huishouden en aanwezigen"
keys 3
wait_for "3  Verklarende analyse"
select_row "+ Nieuwe hypothese" && keys Enter
wait_for "› Hypothese"
keys Escape
wait_for "+ Nieuwe hypothese"
stop_duo C-c
duo export -o "$TMP/bulut.yaml" "Gezin Bulut"
[ "$RC" = 0 ] || fail "export failed: $(head -c 300 "$ERR")"
grep -q "ref: h2" "$TMP/bulut.yaml" && fail "the empty hypothesis h2 was kept"
fresh_db moved
duo import "$TMP/bulut.yaml"
[ "$RC" = 0 ] || fail "the export does not import again: $(head -c 300 "$ERR")"
ok
