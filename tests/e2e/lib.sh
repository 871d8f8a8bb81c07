# tests/e2e/lib.sh - drive the real duo screens in tmux, for end-to-end tests.
#
# Each test script sources this file (which sources tests/cli/lib.sh for t,
# ok, fail, $TMP and the duo CLI helper), calls t "name", starts duo with
# start_duo, types with keys / type_text, syncs with wait_for and compares
# whole screens with expect_screen. Every duo runs inside its own tmux
# server (tmux -S $TMP/tmux.N -f /dev/null, a socket removed with $TMP)
# whose pane has a pinned size (100x30 unless the test says otherwise),
# TERM, locale, time zone, user, dates and XDG directories, so screen dumps
# are the same on every machine. Two duos on one database: save_as / use.
#
# duo's stderr goes to a file; stop_duo (and wait_exit) fail the test when
# duo exited non-zero or the sanitizers printed anything. The tmux servers
# are killed when the script exits.
#
# Synchronisation is always by polling the screen (every 20 ms, up to
# $E2E_TIMEOUT seconds), never by sleeping alone. On a timeout the failure
# message carries the screen as it was. After the first failure of a test
# the helpers do nothing (alive), so it ends at once. Lists, forms and
# dialogs are driven by what they show: select_row TEXT, focus_field LABEL,
# choose TEXT, tick TEXT.
#
# UPDATE_SCREENS=1 makes expect_screen write tests/e2e/screens/NAME.txt
# (and session.sh its expected export) instead of comparing: read every
# file it writes before keeping it. E2E_TRACE=1 prints a time stamp per
# wait_for on stderr, to see where a test spends its time.

. "$(dirname "$0")/../cli/lib.sh"

E2E_DIR="$TESTS_DIR/e2e"
SCREENS="$E2E_DIR/screens"
E2E_TIMEOUT=${E2E_TIMEOUT:-10}
DUO_FORMS=${DUO_FORMS:-$ROOT/forms}
export DUO_FORMS

command -v tmux >/dev/null 2>&1 || {
	echo "not ok - e2e: tmux is not installed (make test installs it via .ci/deps test)"
	exit 1
}

# The environment every duo of a test runs with (start_duo puts exactly
# these variables in the pane, nothing else of the caller's environment;
# an empty DUO_USER / DUO_ROLE is left out, for the first start).
E2E_TERM=xterm-256color
E2E_LANG=C.UTF-8
E2E_USER="Fatima El Amrani"
E2E_ROLE=lokaal
E2E_NO_COLOR=""
E2E_KEYS=""        # a DUO_KEYS file, or empty
E2E_COLS=100
E2E_ROWS=30
export DUO_DB="$TMP/duo.db"
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
export DUO_USER="$E2E_USER" DUO_ROLE="$E2E_ROLE"
mkdir -p "$TMP/config" "$TMP/data" "$TMP/home"

E2E_SERVERS=""
E2E_N=0
SOCK=""     # the tmux socket of the current duo
PANE=""     # its pane
E2E_ERR=""  # its stderr file
e2e_cleanup() {
	for s in $E2E_SERVERS; do
		tmux -S "$s" kill-server >/dev/null 2>&1
	done
	rm -rf "$TMP"
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM HUP

# Once a test has failed, the helpers below do nothing and return 1, so a
# test stops at its first failure instead of timing out step after step.
alive() { [ "$T_FAILED" = 0 ]; }

# tm ARGS...: tmux on the current socket.
tm() { tmux -S "$SOCK" "$@"; }

# start_duo [ARGS...]: start duo (with these arguments) in a new tmux
# server with a pane of $E2E_COLS x $E2E_ROWS. Sets SOCK, PANE, E2E_ERR.
# A wrapper shell runs duo as its child (so that $E2E_RC gets the exit
# status: tmux's own #{pane_dead_status} is sometimes lost) and the child
# writes its pid before it becomes duo (exec), for kill_duo.
start_duo() {
	alive || return 1
	E2E_N=$((E2E_N + 1))
	SOCK="$TMP/tmux.$E2E_N"
	E2E_SERVERS="$E2E_SERVERS $SOCK"
	E2E_ERR="$TMP/stderr.$E2E_N"
	E2E_RC="$TMP/rc.$E2E_N"
	E2E_PIDFILE="$TMP/pid.$E2E_N"
	: >"$E2E_ERR"
	rm -f "$E2E_RC" "$E2E_PIDFILE"
	wrap="$TMP/wrap.$E2E_N"
	{
		echo '#!/bin/sh'
		printf "sh -c 'echo \$\$ >\"\$0\"; exec \"\$@\"' %s" \
			"'$E2E_PIDFILE'"
		printf ' env -i PATH=/usr/bin:/bin HOME=%s' "'$TMP/home'"
		printf ' TERM=%s LANG=%s LC_ALL=%s TZ=Europe/Amsterdam' \
			"'$E2E_TERM'" "'$E2E_LANG'" "'$E2E_LANG'"
		printf ' DUO_DB=%s DUO_FORMS=%s' "'$DUO_DB'" "'$DUO_FORMS'"
		[ -n "$DUO_USER" ] && printf ' DUO_USER=%s' "'$DUO_USER'"
		[ -n "$DUO_ROLE" ] && printf ' DUO_ROLE=%s' "'$DUO_ROLE'"
		[ -n "$E2E_KEYS" ] && printf ' DUO_KEYS=%s' "'$E2E_KEYS'"
		printf ' DUO_TODAY=2026-11-23 DUO_NOW=2026-11-23T10:00:00Z'
		printf ' XDG_CONFIG_HOME=%s XDG_DATA_HOME=%s' \
			"'$XDG_CONFIG_HOME'" "'$XDG_DATA_HOME'"
		printf ' ASAN_OPTIONS=detect_leaks=1'
		[ -n "$E2E_NO_COLOR" ] && printf ' NO_COLOR=%s' "'$E2E_NO_COLOR'"
		printf ' %s' "'$DUO_BIN'"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf ' 2>%s\n' "'$E2E_ERR'"
		printf 'echo $? >%s\n' "'$E2E_RC.tmp'"
		printf 'mv %s %s\n' "'$E2E_RC.tmp'" "'$E2E_RC'"
	} >"$wrap"
	chmod +x "$wrap"
	# (tmux 3.3a dies on "set -g window-size" before the first session)
	tmux -S "$SOCK" -f /dev/null start-server \; \
		set -g status off \; set -g escape-time 0 \; \
		set -g remain-on-exit on \; set -g history-limit 0 \; \
		set -g default-size "${E2E_COLS}x$E2E_ROWS" \; \
		new-session -d -s duo -c "$TMP" -x "$E2E_COLS" -y "$E2E_ROWS" "$wrap" \; \
		set -g window-size manual ||
		{ fail "tmux could not start"; return 1; }
	PANE="duo:0.0"
	poll test -s "$E2E_PIDFILE" || { fail "duo did not start"; return 1; }
}

# save_as NAME / use NAME: keep the handles of the duo just started under
# NAME, and make NAME's duo the one the helpers talk to (two duos on one
# database).
save_as() {
	eval "E2E_${1}_SOCK=\$SOCK E2E_${1}_ERR=\$E2E_ERR E2E_${1}_RC=\$E2E_RC E2E_${1}_PIDFILE=\$E2E_PIDFILE"
}
use() {
	eval "SOCK=\$E2E_${1}_SOCK E2E_ERR=\$E2E_${1}_ERR E2E_RC=\$E2E_${1}_RC E2E_PIDFILE=\$E2E_${1}_PIDFILE"
}

# duo_pid: the process id of the running duo.
duo_pid() { cat "$E2E_PIDFILE" 2>/dev/null; }

# The pane as text, from capture-pane -e: SGR and other escape sequences
# removed, DEC line-drawing characters (ncurses sends ACS between SO and SI
# on xterm; plain capture-pane would show "x" and "q") turned into their
# Unicode forms, trailing blanks cut. With marks=1 a last line names the
# rows drawn (partly) in reverse video: the selection, which plain text
# cannot show.
E2E_RENDER='
function sgr(p,    a, n, i, v) {
	n = split(p, a, ";")
	if (n == 0) { rev = 0; return }
	for (i = 1; i <= n; i++) {
		v = a[i] + 0
		if (a[i] == "" || v == 0) rev = 0
		else if (v == 7) rev = 1
		else if (v == 27) rev = 0
		else if ((v == 38 || v == 48 || v == 58) && a[i + 1] == "5") i += 2
		else if ((v == 38 || v == 48 || v == 58) && a[i + 1] == "2") i += 4
	}
}
BEGIN {
	acs["x"] = "│"; acs["q"] = "─"; acs["l"] = "┌"; acs["k"] = "┐"
	acs["m"] = "└"; acs["j"] = "┘"; acs["t"] = "├"; acs["u"] = "┤"
	acs["w"] = "┬"; acs["v"] = "┴"; acs["n"] = "┼"; acs["a"] = "▒"
	acs["`"] = "◆"; acs["~"] = "·"; acs["f"] = "°"; acs["g"] = "±"
	acs["h"] = "░"; acs["0"] = "█"; acs["y"] = "≤"; acs["z"] = "≥"
	acs["{"] = "π"; acs["|"] = "≠"; acs["}"] = "£"; acs[","] = "←"
	acs["+"] = "→"; acs["."] = "↓"; acs["-"] = "↑"; acs["o"] = "⎺"
	acs["s"] = "⎽"; acs["p"] = "⎻"; acs["r"] = "⎼"; acs["i"] = "␋"
	rev = 0; so = 0; rows = ""
}
{
	line = $0; n = length(line); out = ""; here = 0; i = 1; bar = 0
	if (index(line, "\016x") || index(line, "│")) hasbar = 1; else hasbar = 0
	while (i <= n) {
		c = substr(line, i, 1)
		if (c == "\033") {
			d = substr(line, i + 1, 1)
			if (d == "[") {
				j = i + 2
				while (j <= n && substr(line, j, 1) !~ /[@-~]/) j++
				if (substr(line, j, 1) == "m") sgr(substr(line, i + 2, j - i - 2))
				i = j + 1
			} else if (d == "(" || d == ")") {
				so = (d == "(" && substr(line, i + 2, 1) == "0")
				i += 3
			} else i += 2
			continue
		}
		if (c == "\016") { so = 1; i++; continue }
		if (c == "\017") { so = 0; i++; continue }
		if (so && (c in acs)) c = acs[c]
		else if (substr(line, i, 3) == "│") { c = "│"; i += 2 }
		if (c == "│") bar = 1
		if (rev && (bar || !hasbar) && NR > 1 && selrow !~ ("(^|,)" NR "$"))
			selrow = selrow (selrow == "" ? "" : ",") NR
		if (rev) { here = 1; sel = sel c }
		else if (sel != "" && substr(sel, length(sel)) != "|") sel = sel "|"
		out = out c
		i++
	}
	sub(/ +$/, "", out)
	if (mode == "selrow") ;
	else if (mode != "sel") print out
	else if (sel != "") print sel
	sel = ""
	if (here) rows = rows (rows == "" ? "" : ",") NR
}
END {
	if (mode == "selrow") { print selrow; exit }
	if (marks && mode != "sel") print "-- reverse video on rows: " (rows == "" ? "none" : rows) }
'
# screen: the visible text of the pane.
screen() {
	tm capture-pane -p -e -t "$PANE" 2>/dev/null | awk -v marks=0 "$E2E_RENDER"
}
# selection: the text drawn in reverse video, one line per row (parts of
# a row separated by |); the key bar (last row) left out.
selection() {
	tm capture-pane -p -e -t "$PANE" -E $((E2E_ROWS - 2)) 2>/dev/null |
		awk -v mode=sel "$E2E_RENDER"
}
# screen_dump: screen, then where reverse video is and where the cursor is
# (1-based row and column, or hidden): what a golden file holds.
screen_dump() {
	tm capture-pane -p -e -t "$PANE" 2>/dev/null | awk -v marks=1 "$E2E_RENDER"
	tm display -p -t "$PANE" \
		'#{?cursor_flag,-- cursor: row #{e|+:#{cursor_y},1} column #{e|+:#{cursor_x},1},-- cursor: hidden}'
}

# screen_fail MESSAGE: fail with MESSAGE and the screen as it is.
screen_fail() {
	fail "$1; the screen:
$(screen | sed 's/^/    |/')
    stderr: $(head -c 600 "$E2E_ERR" 2>/dev/null)"
}

# keys KEY...: tmux key names (Enter, Escape, Tab, BTab, Up, C-c, F1, ...).
keys() { alive || return 1; tm send-keys -t "$PANE" "$@"; }
# type_text TEXT: type TEXT literally (UTF-8 as it is).
type_text() { alive || return 1; tm send-keys -t "$PANE" -l -- "$1"; }

# poll CMD...: run CMD every 20 ms until it succeeds or $E2E_TIMEOUT
# seconds have passed; returns its last status. poll_within SECONDS CMD...
# the same with another limit.
poll() { poll_within "$E2E_TIMEOUT" "$@"; }
poll_within() {
	alive || return 1
	_pn=$(($1 * 50))
	shift
	_pi=0
	while :; do
		"$@" && return 0
		_pi=$((_pi + 1))
		[ "$_pi" -ge "$_pn" ] && return 1
		sleep 0.02
	done
}
screen_has() { screen | grep -qF -- "$1"; }
screen_lacks() { ! screen | grep -qF -- "$1"; }

# wait_for TEXT: wait until TEXT is on the screen; fail with the screen
# (and return 1) when it does not come.
wait_for() {
	alive || return 1
	[ -n "${E2E_TRACE:-}" ] && echo "# $(date +%s.%N | cut -c7-14) wait_for $1" >&2
	poll screen_has "$1" && return 0
	screen_fail "waited ${E2E_TIMEOUT}s for '$1'"
	return 1
}
# wait_gone TEXT: wait until TEXT is no longer on the screen.
wait_gone() {
	alive || return 1
	poll screen_lacks "$1" && return 0
	screen_fail "waited ${E2E_TIMEOUT}s for '$1' to go"
	return 1
}
# expect_text TEXT / expect_no_text TEXT: the screen has / lacks it now.
expect_text() { alive || return 1; screen_has "$1" || screen_fail "the screen lacks '$1'"; }
expect_no_text() { screen_has "$1" && screen_fail "the screen has '$1'"; return 0; }

# expect_screen NAME: the pane shows exactly tests/e2e/screens/NAME.txt
# (polled, so a screen still being drawn gets its time). With
# UPDATE_SCREENS=1 the current screen is written there instead.
screen_is() { screen_dump >"$TMP/screen.now" && cmp -s "$TMP/screen.now" "$1"; }
expect_screen() {
	alive || return 1
	golden="$SCREENS/$1.txt"
	if [ "${UPDATE_SCREENS:-0}" = 1 ]; then
		mkdir -p "$SCREENS"
		screen_dump >"$golden"
		echo "# wrote $golden" >&2
		return 0
	fi
	[ -f "$golden" ] || { screen_fail "no golden screen $golden (make it with UPDATE_SCREENS=1, then read it)"; return 1; }
	poll screen_is "$golden" && return 0
	fail "the screen differs from screens/$1.txt (- golden, + now):
$(diff -u "$golden" "$TMP/screen.now" | tail -n +3 | sed 's/^/    /')"
	return 1
}

# select_row TEXT: move the list cursor until the selected row shows
# TEXT. When TEXT is on the screen, Up or Down towards the nearest row
# showing it; otherwise Down, and once the end of the list is reached, g
# (the top; Home is no use here: tmux sends \E[1~, the xterm-256color
# terminfo says \EOH) and Down again. Fails when there is no such row.
selected_has() { selection | grep -qF -- "$1"; }
selection_changed() { [ "$(selection)" != "$1" ]; }
# sel_rows: the rows with reverse video right of the sidebar line (or
# anywhere on rows without one), comma-separated: where the cursor is.
sel_rows() {
	tm capture-pane -p -e -t "$PANE" -E $((E2E_ROWS - 2)) 2>/dev/null |
		awk -v mode=selrow "$E2E_RENDER"
}
# target_dir TEXT: Up or Down from the cursor towards the nearest row
# showing TEXT; nothing when TEXT is not on the screen. With a dialog
# open, only the rows inside its box count.
target_dir() {
	screen | head -n $((E2E_ROWS - 4)) | awk -v t="$1" -v sel="$(sel_rows)" '
		{ row[NR] = $0 }
		index($0, "┌─") && !top { top = NR }
		index($0, "└─") && top && !bot { bot = NR }
		END {
			if (!top) { top = 1; bot = NR }
			n = split(sel, s, ",")
			for (i = 1; i <= n; i++)
				if (s[i] >= top && s[i] <= bot) cur = s[i]
			if (cur == "") exit
			for (r = top; r <= bot; r++) {
				if (!index(row[r], t)) continue
				d = r - cur; a = d < 0 ? -d : d
				if (best == "" || a < best) { best = a; dir = d < 0 ? "Up" : "Down" }
			}
			print dir
		}'
}
# step KEY: press KEY and wait (up to 1 s) until the selection moved;
# 1 when it did not (the end of the list).
step() {
	alive || return 1
	_sb=$(selection)
	keys "$1"
	poll_within 1 selection_changed "$_sb"
}
select_row() {
	alive || return 1
	_sw=0
	_si=0
	while ! selected_has "$1"; do
		_si=$((_si + 1))
		[ "$_si" -gt 80 ] && break
		_sd=$(target_dir "$1")
		step "${_sd:-Down}" && continue
		[ "$_sw" = 1 ] && break
		_sw=1
		step g
	done
	selected_has "$1" && return 0
	screen_fail "no row '$1' to select"
	return 1
}

# focus_field LABEL: in an item's form, Tab (or, past the last field,
# Shift-Tab) until the field LABEL has the focus (the "› " mark).
screen_changed() { [ "$(screen)" != "$1" ]; }
focus_field() {
	alive || return 1
	_fr=$(screen | awk -v t="$1" '
		index($0, "› ") && !f && NR > 1 { f = NR }
		index($0, "  " t) && !l { l = NR }
		END { if (f && l && l < f) print "BTab"; else print "Tab" }')
	for _fk in $_fr Tab BTab; do
		_fi=0
		while ! screen_has "› $1" && [ "$_fi" -lt 16 ]; do
			_fi=$((_fi + 1))
			_fs=$(screen)
			keys "$_fk"
			poll_within 1 screen_changed "$_fs" || break
		done
		screen_has "› $1" && return 0
	done
	screen_fail "no field '$1' in the form"
	return 1
}
# choose TEXT: in a pick dialog, choose the entry showing TEXT, and wait
# until the dialog has closed.
choose() {
	select_row "$1" || return 1
	_fs=$(screen)
	keys Enter
	poll screen_changed "$_fs" || screen_fail "Enter on '$1' changed nothing"
}
# tick TEXT: in a pick-many dialog, tick the entry showing TEXT.
tick() {
	alive || return 1
	select_row "$1" || return 1
	_fs=$(screen)
	keys Space
	poll_within 1 screen_changed "$_fs"
}

# status_saved: the status line says everything is saved ("bewaard", not
# "wordt bewaard" or "NIET BEWAARD").
status_saved() {
	_h=$(tm display -p -t "$PANE" '#{pane_height}' 2>/dev/null)
	[ -n "$_h" ] || return 1
	_st=$(screen | sed -n "$((_h - 1))p")
	case $_st in *"wordt bewaard") return 1 ;; *" bewaard") return 0 ;; esac
	return 1
}

# resize COLS ROWS: make the pane this size (as a terminal window would).
resize() { alive || return 1; tm resize-window -t duo -x "$1" -y "$2"; }

duo_exited() { [ -f "$E2E_RC" ]; }

# wait_exit [STATUS]: wait until duo has exited; fail unless it exited
# with STATUS (default 0) and printed no sanitizer report.
wait_exit() {
	alive || return 1
	want=${1:-0}
	if ! poll duo_exited; then
		screen_fail "duo did not exit within ${E2E_TIMEOUT}s"
		return 1
	fi
	st=$(cat "$E2E_RC")
	check_stderr || return 1
	[ "$st" = "$want" ] || { fail "duo exited $st, want $want; stderr: $(head -c 600 "$E2E_ERR")"; return 1; }
	return 0
}
# check_stderr: fail when the sanitizers reported anything.
check_stderr() {
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$E2E_ERR"; then
		fail "sanitizer report: $(grep -A 12 -E 'ERROR:|runtime error' "$E2E_ERR" | head -n 20)"
		return 1
	fi
	return 0
}

# stop_duo [KEYS...]: quit duo (default with q; pass C-c to test Ctrl-C)
# and check it exited 0 and clean.
stop_duo() {
	alive || return 1
	[ $# = 0 ] && set -- q
	keys "$@"
	wait_exit 0
}

# kill_duo: kill -9 the running duo (for crash tests) and wait until the
# wrapper saw it end.
kill_duo() {
	alive || return 1
	pid=$(duo_pid)
	[ -n "$pid" ] || { fail "no pid of duo"; return 1; }
	kill -9 "$pid"
	poll duo_exited || { fail "duo did not die"; return 1; }
}

# export_yaml HOUSEHOLD FILE: duo export --format yaml into FILE; fail on error.
export_yaml() {
	duo export --format yaml "$1"
	[ "$RC" = 0 ] || { fail "duo export failed ($RC): $(head -c 400 "$ERR")"; return 1; }
	cp "$OUT" "$2"
}
# import_demo: the made-up demo households of data/demo in $DUO_DB, each
# with a fixed household id (e2e00001-..., in the order of the file names)
# so that the short ids on screen are the same on every run.
import_demo() {
	_di=0
	mkdir -p "$TMP/demo"
	for f in "$ROOT"/data/demo/*.yaml; do
		_di=$((_di + 1))
		sed "s/^household:\$/household:\\n  id: e2e0000$_di-0000-4000-8000-00000000000$_di/" \
			"$f" >"$TMP/demo/$(basename "$f")"
	done
	duo import "$TMP"/demo/*.yaml
	[ "$RC" = 0 ] || fail "importing the demo failed: $(head -c 400 "$ERR")"
}
# demo_db NAME: point DUO_DB at a new database $TMP/NAME.db with the demo.
demo_db() {
	fresh_db "$1"
	import_demo
}
# without_ids FILE: FILE with every "id:" value replaced (they are random
# UUIDs, different on every run).
without_ids() {
	sed -E 's/^([ -]*id:) [0-9a-f-]{36}$/\1 <id>/' "$1"
}
