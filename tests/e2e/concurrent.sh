#!/bin/sh
# tests/e2e/concurrent.sh - two duos on one database (two laptops on a
# shared disk, or two windows): both open the same statement and change the
# same field. B saves first; A, who typed too, is shown both versions and
# chooses; the database then holds what A chose, and B shows it within a
# few seconds. Nothing is overwritten silently.
. "$(dirname "$0")/lib.sh"

# open_f4 NAME: start a duo, keep it as NAME, and open the form of feit f4
# of Gezin Bulut's version 2; the cursor is at the end of its text.
open_f4() {
	start_duo && save_as "$1"
	wait_for "Gezin Visser" || return 1
	keys Down Enter
	wait_for "Leden van het huishouden" || return 1
	keys G Up Up Enter
	wait_for "0  Huishouden en aanwezigen" || return 1
	keys 1
	wait_for "Feiten (5)" || return 1
	select_row "f4 De juf" && keys Enter
	wait_for "Feit f4" && wait_for "› Tekst"
}

F4="De juf zegt dat Elif weer meer speelt met andere kinderen en beter slaapt."

# both_typed: A and B have typed at the end of f4's text; B has left the
# field and saved, A is still typing (its change not yet saved).
both_typed() {
	open_f4 A && open_f4 B || return 1
	use A
	type_text " Volgens Sanne."
	use B
	type_text " Volgens Hüseyin."
	keys F2
	wait_for "Feiten (5)" && poll status_saved ||
		{ screen_fail "B did not save"; return 1; }
	use A
}

t "the same field changed in two duos: A is shown both versions"
demo_db mine
grep -qF "$F4" "$ROOT/data/demo/gezin-bulut.yaml" || fail "f4 of Gezin Bulut is not '$F4'"
both_typed
wait_for "Tegelijk veranderd"
expect_text "Volgens Sanne."
expect_text "Volgens Hüseyin."
# a dialog without a text field shows no text cursor (finding F8: it
# blinked in the field behind the dialog); the golden is made after that
[ "$(tm display -p -t "$PANE" '#{cursor_flag}')" = 0 ] ||
	screen_fail "the text cursor is visible behind the conflict dialog"
expect_screen dialog-conflict
ok

t "A keeps its own version: the database and B show it"
keys j
wait_gone "Tegelijk veranderd"
poll status_saved || screen_fail "A did not save its choice"
use B
# what A saved appears in B within a few seconds
wait_for "f4 De juf zegt dat"
keys Enter
# (the text wraps: look for the words that end it)
wait_for "Sanne." && expect_no_text "Hüseyin."
stop_duo C-c
use A
stop_duo C-c
duo export "Gezin Bulut"
grep -qF "text: $F4 Volgens Sanne." "$OUT" || fail "the database does not hold A's text: $(grep -F 'De juf' "$OUT")"
grep -qF "Volgens Hüseyin" "$OUT" && fail "B's text is in the database too"
ok

t "the same field changed in two duos: A chooses the other version"
demo_db theirs
both_typed
wait_for "Tegelijk veranderd"
keys a
wait_gone "Tegelijk veranderd"
wait_for "Hüseyin." && expect_no_text "Sanne."
poll status_saved || screen_fail "A did not save its choice"
stop_duo C-c
use B
stop_duo C-c
duo export "Gezin Bulut"
grep -qF "text: $F4 Volgens Hüseyin." "$OUT" || fail "the database does not hold B's text: $(grep -F 'De juf' "$OUT")"
ok

t "a change saved in one duo appears in the other within a few seconds"
demo_db live
open_f4 A
keys Escape
wait_for "Feiten (5)"
start_duo && save_as B
wait_for "Gezin Visser"
keys Down Enter
wait_for "Leden van het huishouden"
keys G Up Up Enter
wait_for "0  Huishouden en aanwezigen"
keys 1
wait_for "Zorgen (1)"
keys Right n
wait_for "Zorg z2"
type_text "Zeynep maakt zich zorgen om Yusuf."
keys F2
wait_for "Zorgen (2)"
use A
E2E_TIMEOUT=5
wait_for "Zorgen (2)" && wait_for "z2 Zeynep maakt zich"
E2E_TIMEOUT=10
stop_duo C-c
use B
stop_duo C-c
ok
