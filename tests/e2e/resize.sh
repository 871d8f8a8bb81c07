#!/bin/sh
# tests/e2e/resize.sh - the terminal changes size while a text field is
# being typed in: what was typed stays, typing goes on, and the layout fits
# the new size; a window too small (40x10) shows a calm message and, grown
# again, the same field with the same text.
. "$(dirname "$0")/lib.sh"

# open_form: Gezin Bulut, version 2, stage 1, a new zorg; its text field
# is open.
open_form() {
	keys /
	wait_for "Zoek: " || return 1
	type_text "Bulut"
	wait_for "1 op naam" || return 1
	keys Enter
	wait_for "Enter open" || return 1
	keys Enter
	wait_for "Leden van het huishouden" || return 1
	keys G Up Up Enter
	wait_for "0  Huishouden en aanwezigen" || return 1
	keys 1
	wait_for "Zorgen (1)" || return 1
	keys Right n
	wait_for "Zorg z2" && wait_for "› Tekst"
}

# fits COLS ROWS: the pane is COLS x ROWS and duo drew for that size: the
# title on the first row, the save state at the right end of the status
# row (one blank column after it), the key bar on the last row.
fits() {
	pw=$(tm display -p -t "$PANE" '#{pane_width}x#{pane_height}')
	[ "$pw" = "${1}x$2" ] || { fail "the pane is $pw, not ${1}x$2"; return 1; }
	screen | head -n 1 | grep -q '^ duo ' || screen_fail "no title on the first row"
	st=$(screen | sed -n "$(($2 - 1))p")
	case $st in *bewaard) ;; *) screen_fail "no save state on row $(($2 - 1))" ;; esac
	[ "$(printf '%s' "$st" | wc -m)" = $(($1 - 1)) ] ||
		screen_fail "the status row is not $(($1 - 1)) columns wide"
	screen | sed -n "${2}p" | grep -q 'F1 hulp\|Esc terug' ||
		screen_fail "no key bar on the last row"
}

t "a resize while typing keeps the text, and the layout fits"
demo_db resize
start_duo
wait_for "Gezin Visser"
open_form
type_text "Wij zijn bang dat Kerem weer voor de deur staat als hij"
wait_for "staat als hij"
resize 80 24
wait_for "Wij zijn bang dat Kerem" && fits 80 24
type_text " gedronken heeft."
wait_for "gedronken heeft."
poll status_saved || screen_fail "not saved"
expect_screen resize-80x24
resize 120 40
wait_for "Wij zijn bang dat Kerem weer voor de deur staat als hij" &&
	fits 120 40 && expect_screen resize-120x40
keys F2
wait_for "Zorgen (2)"
stop_duo C-c
duo export "Gezin Bulut"
grep -qF "Wij zijn bang dat Kerem weer voor de deur staat als hij gedronken heeft." "$OUT" ||
	fail "the database lacks the typed text"
ok

t "40x10: a calm message; grown back, the field and its text return"
demo_db small
start_duo
wait_for "Gezin Visser"
open_form
type_text "Elif tekent veel"
wait_for "Elif tekent veel"
resize 40 10
wait_for "Venster te klein (nu 40×10, nodig 80×24)"
expect_no_text "Elif"
# keys typed while the window is too small change nothing
type_text "xyz"
resize 100 30
wait_for "Elif tekent veel"
expect_no_text "xyz"
type_text " met zwarte kleuren."
wait_for "Elif tekent veel met zwarte kleuren."
stop_duo C-c
duo export "Gezin Bulut"
grep -qF "Elif tekent veel met zwarte kleuren." "$OUT" ||
	fail "the database lacks the typed text"
ok
