#!/bin/sh
# tests/e2e/lead.sh - the team lead's screens, tried as a team lead would:
# o on the household list shows what waits for review and which
# evaluations are late (the lists of `duo overview`), Enter opens the
# session; in the session v shows what changed in each stage against the
# version before (added, removed, changed, scores) beside the sidebar, and
# on the household L shows the audit trail with who did what in which
# role, oldest first.
. "$(dirname "$0")/lib.sh"

KRAMER="$E2E_DIR/cases/gezin-kramer-lead.yaml"

# line_of TEXT: the screen row TEXT is first on (0 when it is not there).
line_of() {
	screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | grep . || echo 0
}
# expect_above FIRST SECOND: both are on the screen, FIRST on a row above
# SECOND.
expect_above() {
	alive || return 1
	_a=$(line_of "$1")
	_b=$(line_of "$2")
	[ "$_a" -gt 0 ] && [ "$_b" -gt "$_a" ] ||
		screen_fail "'$1' (row $_a) is not above '$2' (row $_b)"
}

# The demo, and Gezin Kramer handed in by its duo; then the team lead.
lead_db() {
	demo_db "$1"
	DUO_NOW=2026-09-03T08:00:00Z DUO_USER="Marloes de Wit" DUO_ROLE=lokaal \
		duo import "$KRAMER"
	[ "$RC" = 0 ] || fail "import: $(head -c 400 "$ERR")"
	DUO_NOW=2026-11-16T14:30:00Z DUO_USER="Marloes de Wit" DUO_ROLE=lokaal \
		duo submit "Gezin Kramer"
	[ "$RC" = 0 ] || fail "submit: $(head -c 400 "$ERR")"
	DUO_USER="Henk Postma"
	DUO_ROLE=teamleider
}
as_duo() {
	DUO_USER="$E2E_USER"
	DUO_ROLE="$E2E_ROLE"
}

t "the overview: what waits oldest first, what is late, empty lists say so"
lead_db overview
start_duo
wait_for "Gezin Visser"
keys o
wait_for "Overzicht op 2026-11-23"
expect_text "Wachten op beoordeling (2)"
# Kramer's version 2 is dated 2026-09-03, Van Dijk's 2026-11-10
expect_above "Gezin Kramer · versie 2" "Echtpaar Van Dijk · versie 1"
expect_text "ter beoordeling sinds 2026-09-03 (81 dagen)"
expect_text "Evaluatie te laat (2)"
expect_above "Gezin Mulder · versie 1" "Gezin Bulut · versie 2"
expect_text "evaluatie 2026-11-18, 5 dagen te laat"
expect_text "Geen sessie in meer dan 90 dagen (0)"
expect_text "Elk huishouden had onlangs nog een sessie."
ok

t "Enter opens the waiting session; Esc goes back through the household"
select_row "Gezin Kramer · versie 2" && keys Enter
wait_for "Gezin Kramer › versie 2 (Ter beoordeling) – alleen lezen"
wait_for "0  Huishouden en aanwezigen"
keys Escape
wait_for "Leden van het huishouden"
keys Escape
wait_for "Overzicht op 2026-11-23"
ok

t "Enter opens an overdue session"
select_row "Gezin Mulder · versie 1" && keys Enter
wait_for "Gezin Mulder › versie 1"
wait_for "0  Huishouden en aanwezigen"
expect_text "Evaluatie op  2026-11-18"
keys Escape
wait_for "Leden van het huishouden"
keys Escape
wait_for "Overzicht op 2026-11-23"
keys Escape
wait_for "Enter open"
expect_no_text "Overzicht op"
stop_duo
ok

t "a quiet household (quiet_days from the configuration) opens its household"
mkdir -p "$XDG_CONFIG_HOME/duo"
printf 'quiet_days = 60\n' >"$XDG_CONFIG_HOME/duo/config"
start_duo
wait_for "Gezin Visser"
keys o
wait_for "Geen sessie in meer dan 60 dagen (1)"
expect_text "laatste sessie 2026-09-03 (81 dagen geleden)"
select_row "laatste sessie 2026-09-03" && keys Enter
wait_for "Leden van het huishouden"
expect_text "Noëlle Kramer"
expect_no_text "0  Huishouden en aanwezigen"
keys Escape
wait_for "Overzicht op"
stop_duo C-c
rm -f "$XDG_CONFIG_HOME/duo/config"
ok

t "v in the session: added, removed and changed items of each stage"
start_duo
wait_for "Gezin Visser"
keys o
wait_for "Overzicht op"
select_row "Gezin Kramer · versie 2" && keys Enter
wait_for "0  Huishouden en aanwezigen"
keys 1
wait_for "1  Feiten, zorgen en meningen"
keys v
wait_for "Vergeleken: versie 1 (2026-06-02, Herzien) → versie 2"
# the sidebar stays: still in the session
expect_text "5 Samenvatting"
expect_text "+ nieuw feit f3: Ruşen heeft sinds augustus weer werk."
expect_text "- weg feit f2: Loïs was in mei vijf dagen niet op school."
expect_text "~ anders feit f1, Bron"
expect_text "was: Melding Veilig Thuis"
expect_text "nu:  Melding Veilig Thuis, bevestigd door de politie"
expect_text "~ anders feit f1, Bevestigd: nee → ja"
# another stage keeps comparing
keys 2
wait_for "2  TOP-3 zorgen"
# (at 100 columns the line of a score wraps after the person's first name)
wait_for "~ anders TOP-3 2 (Ruzies waar Loïs bij is), Veiligheidsscores (Noëlle"
expect_text "Kramer): 6 → 7"
expect_text "Yılmaz): (leeg) → 6"
expect_text "~ anders TOP-3 1 (Geldzorgen), Plaats: 2 → 1"
expect_no_text "feit f3"
# v again: the stage itself, nothing compared
keys v
wait_for "TOP-3 (2 van 3)"
expect_no_text "Vergeleken:"
keys v
wait_for "Vergeleken:"
keys Escape
wait_for "TOP-3 (2 van 3)"
ok

t "V compares with another version; version 1 has nothing to compare with"
keys Escape
wait_for "Leden van het huishouden"
select_row "Versie 1" && keys Enter
wait_for "versie 1 (Herzien)"
keys v
wait_for "Versie 1 is de eerste versie: er is niets om mee te vergelijken."
keys V
wait_for "Met welke versie vergelijk je deze?"
keys Enter
wait_for "Vergeleken: versie 2 (2026-09-03, Ter beoordeling) → versie 1"
expect_text "- weg aanwezige Sanne Hoekstra"
expect_text "+ nieuw aanwezige Kees Brouwer"
stop_duo C-c
ok

t "L on the household: who did what in which role, oldest first"
DUO_NOW=2026-11-23T10:00:00Z duo approve "Gezin Kramer"
[ "$RC" = 0 ] || fail "approve: $(head -c 400 "$ERR")"
start_duo
wait_for "Gezin Kramer"
select_row "Gezin Kramer" && keys Enter
wait_for "Leden van het huishouden"
keys L
wait_for "Logboek van Gezin Kramer (3), het oudste eerst"
expect_text "2026-09-03 10:00 Marloes de Wit (lokaal team): ingelezen"
expect_text "2026-11-16 15:30 Marloes de Wit (lokaal team): ingediend ter"
expect_text "2026-11-23 11:00 Henk Postma (teamleider): vastgesteld"
expect_above "Marloes de Wit (lokaal team): ingelezen" \
	"Marloes de Wit (lokaal team): ingediend"
expect_above "Marloes de Wit (lokaal team): ingediend" \
	"Henk Postma (teamleider): vastgesteld"
expect_text "versie 2: ter-review → vastgesteld"
keys Escape
wait_for "Leden van het huishouden"
stop_duo C-c
duo log "Gezin Kramer"
expect_out "2026-11-23 11:00  Henk Postma (teamleider)  vastgesteld"
ok

t "a wide terminal keeps the stage beside the differences"
E2E_COLS=170
start_duo
wait_for "Gezin Kramer"
select_row "Gezin Kramer" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 2" && keys Enter
wait_for "0  Huishouden en aanwezigen"
keys 1 v
wait_for "Vergeleken: versie 1"
expect_text "+ nieuw feit f3"
# the stage's own columns are still there, on the left
expect_text "Feiten (2)"
stop_duo C-c
E2E_COLS=100
ok

t "while the household watches (F3) there is no diff and no log"
start_duo
wait_for "Gezin Kramer"
select_row "Gezin Kramer" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 2" && keys Enter
wait_for "0  Huishouden en aanwezigen"
keys 1 v
wait_for "Vergeleken: versie 1"
keys F3
wait_for "HUISHOUDEN KIJKT MEE"
wait_gone "Vergeleken:"
keys v
wait_for "Vergelijken kan niet terwijl het huishouden meekijkt"
expect_no_text "Vergeleken:"
keys Escape
wait_for "Leden van het huishouden"
keys L
wait_for "je kunt nu alleen lezen"
expect_no_text "Logboek van"
keys F3
wait_gone "HUISHOUDEN KIJKT MEE"
stop_duo C-c
ok
