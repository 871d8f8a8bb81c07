#!/bin/sh
# tests/e2e/crash.sh - nothing typed is lost: not when duo is killed with
# kill -9 a moment after the typing stopped, not on Ctrl-C in the middle of
# a word, not when the terminal window is closed (SIGHUP).
. "$(dirname "$0")/lib.sh"

# new_zorg TEXT: from the list, a new zorg in stage 1 of Gezin Bulut's
# version 2 (a concept), with TEXT typed and the form left open.
new_zorg() {
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
	wait_for "Zorg z2" && wait_for "› Tekst" || return 1
	type_text "$1"
	wait_for "$1"
}

# saved_text TEXT: the database holds TEXT (checked with duo export).
saved_text() {
	duo export "Gezin Bulut"
	[ "$RC" = 0 ] || { fail "export failed: $(head -c 300 "$ERR")"; return 1; }
	grep -qF -- "$1" "$OUT" || fail "the database lacks '$1'"
}

# reopen_zorg TEXT: start duo again and find TEXT as zorg z2.
reopen_zorg() {
	start_duo
	wait_for "Gezin Visser" || return 1
	keys Down Enter
	wait_for "Leden van het huishouden" || return 1
	keys G Up Up Enter
	wait_for "0  Huishouden en aanwezigen" || return 1
	keys 1
	wait_for "Zorgen (2)" && wait_for "z2 $1"
}

t "kill -9 1.5 s after typing stopped: the text is there after a restart"
demo_db kill9
start_duo
new_zorg "Wij zijn bang dat de kinderen"
# typing stopped: within 1.5 s the status line must say it is saved
# typing stopped: the status line says "bewaard" within 2 s (a save at
# most a second after the last key, and a tick), then 1.5 s more
poll_within 2 status_saved || screen_fail "not saved 2 s after the last key"
sleep 1.5
kill_duo
check_stderr
reopen_zorg "Wij zijn bang dat"
stop_duo C-c
saved_text "Wij zijn bang dat de kinderen"
ok

t "Ctrl-C in the middle of typing saves the text and exits 0"
demo_db ctrlc
start_duo
new_zorg "Merve slaapt slecht sinds de ruzie in"
keys C-c
wait_exit 0
saved_text "Merve slaapt slecht sinds de ruzie in"
ok

t "closing the terminal (SIGHUP) while typing saves the text"
demo_db sighup
start_duo
new_zorg "Elif vraagt vaak naar haar vader"
pid=$(duo_pid)
pid_gone() { ! kill -0 "$pid" 2>/dev/null; }
tm kill-server
poll pid_gone || fail "duo did not end after SIGHUP"
check_stderr
saved_text "Elif vraagt vaak naar haar vader"
ok
