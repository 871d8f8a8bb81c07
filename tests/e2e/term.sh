#!/bin/sh
# tests/e2e/term.sh - duo starts on the terminals people have (xterm,
# screen/tmux, the Linux console, a plain vt100), without colour when
# NO_COLOR asks for it, and refuses a locale that is not UTF-8 with a Dutch
# message instead of drawing garbage.
. "$(dirname "$0")/lib.sh"

import_demo

for term in xterm-256color screen-256color linux vt100; do
	t "TERM=$term starts and shows the household list"
	E2E_TERM=$term
	start_duo
	wait_for "Gezin Visser" && wait_for "Echtpaar Van Dijk" &&
		wait_for "Fatima El Amrani" && wait_for "F1 hulp"
	# the cursor row is visible on every terminal (reverse video)
	[ -n "$(sel_rows)" ] || screen_fail "no selected row to be seen"
	stop_duo
	ok
done
E2E_TERM=xterm-256color

t "NO_COLOR=1 starts, shows the list and uses no colour"
E2E_NO_COLOR=1
start_duo
if wait_for "Gezin Visser"; then
	# capture-pane -e shows colours as SGR sequences: 3x/4x (8 colours),
	# 38;5/48;5 (256) or 9x/10x (bright). Bold and reverse are fine.
	colours=$(tm capture-pane -p -e -t "$PANE" |
		grep -oE '\[[0-9;]*m' | tr '[m' '  ' | tr ';' '\n' |
		grep -E '^ *(3[0-8]|4[0-8]|9[0-7]|10[0-7]) *$' | head -n 3)
	[ -z "$colours" ] || fail "colour attributes with NO_COLOR: $colours"
	# without colour the selection still shows, in reverse video
	[ -n "$(sel_rows)" ] || screen_fail "no selected row to be seen"
	stop_duo
fi
E2E_NO_COLOR=""
ok

t "a non-UTF-8 locale gets a Dutch message about UTF-8 and exit 1"
env LANG=C LC_ALL=C TERM=xterm-256color "$DUO_BIN" >"$OUT" 2>"$ERR" </dev/null
RC=$?
[ "$RC" = 1 ] || fail "exit $RC in the C locale, want 1"
expect_err "UTF-8"
grep -qiE 'ERROR: AddressSanitizer|runtime error' "$ERR" && fail "sanitizer: $(head -c 300 "$ERR")"
[ -s "$OUT" ] && fail "something on stdout: $(head -c 200 "$OUT")"
ok

t "the C locale in a real terminal: the same message and exit 1"
E2E_LANG=C
start_duo
wait_exit 1
grep -q "UTF-8" "$E2E_ERR" || fail "no UTF-8 message: $(head -c 300 "$E2E_ERR")"
# curses never started: nothing was drawn (but tmux's own line about the
# ended pane)
screen | grep -v '^Pane is dead' | grep -q '[^ ]' &&
	screen_fail "duo drew on the terminal"
E2E_LANG=C.UTF-8
ok
