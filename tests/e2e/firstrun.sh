#!/bin/sh
# tests/e2e/firstrun.sh - the first start on a machine, without DUO_USER
# and DUO_ROLE: a calm welcome asks the name and the role, keeps them in
# $XDG_CONFIG_HOME/duo/config (mode 0600), and never asks again.
. "$(dirname "$0")/lib.sh"

t "the first start asks name and role, and remembers them"
DUO_USER="" DUO_ROLE=""
start_duo
wait_for "Welkom bij duo" && wait_for "Hoe heet je?" && expect_screen firstrun
type_text "Sanne de Ruiter"
keys Enter
wait_for "Wat is je rol?"
choose "Regionaal Veiligheidsteam"
wait_for "Er zijn nog geen huishoudens"
expect_text "Sanne de Ruiter · Regionaal Veiligheidsteam"
stop_duo q
cfg="$XDG_CONFIG_HOME/duo/config"
if [ -f "$cfg" ]; then
	expect_mode "$cfg" 600
	grep -q "Sanne de Ruiter" "$cfg" || fail "the name is not in $cfg"
	grep -q "rvt" "$cfg" || fail "the role is not in $cfg"
else
	fail "no $cfg"
fi
start_duo
wait_for "Er zijn nog geen huishoudens"
expect_text "Sanne de Ruiter · Regionaal Veiligheidsteam"
expect_no_text "Welkom bij duo"
stop_duo q
ok

t "Esc at the first question stops duo without a trace"
rm -rf "$XDG_CONFIG_HOME/duo"
start_duo
wait_for "Hoe heet je?"
keys Escape
wait_exit 0
[ -e "$XDG_CONFIG_HOME/duo/config" ] && fail "a config file was written"
ok
