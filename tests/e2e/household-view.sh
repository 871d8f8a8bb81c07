#!/bin/sh
# tests/e2e/household-view.sh - "huishouden kijkt mee" (F3): with the mode
# on, every stage of a session of made-up Gezin Bulut (version 1 has a
# confidential statement about a shelter and two review comments) shows
# neither, the banner is on every screen, nothing can be changed, stage 5
# is the household summary; the mode survives a restart and F3 turns it
# off, after which the confidential statement is on the screen again.
. "$(dirname "$0")/lib.sh"

import_demo

# What the household must never see of Gezin Bulut version 1: the
# confidential statement f4, the review comments on p1 and h1, and the
# marks and fields of confidentiality.
SECRETS="vrouwenopvang|Wageningen|Goede voorwaarde|Spreek af wie Kerem|Let op dat de hypothese|goedpraat|VERTROUWELIJK|Vertrouwelijk|vertrouwelijk punt"

# clean WHERE: the screen shows the banner and none of the secrets.
clean() {
	alive || return 1
	expect_text "HUISHOUDEN KIJKT MEE" || return 1
	expect_text "F3 huishouden kijkt mee uitzetten" || return 1
	_old=$IFS; IFS='|'
	for s in $SECRETS; do
		if screen_has "$s"; then
			IFS=$_old
			screen_fail "$1 shows '$s' while the household watches"
			return 1
		fi
	done
	IFS=$_old
}

# find NAME: while the household watches the list shows no other
# household: search for the whole name, then go to the list.
find() {
	keys /
	type_text "$1"
	wait_for "1 op naam" || return 1
	keys Enter
}

# open_v1: from the household list, version 1 of Gezin Bulut at stage 0.
open_v1() {
	find "Gezin Bulut"
	select_row "Gezin Bulut" && keys Enter
	wait_for "Leden van het huishouden" || return 1
	select_row "Versie 1" && keys Enter
	wait_for "0  Huishouden en aanwezigen"
}

t "the mode hides every confidential item and review comment on every stage"
start_duo
wait_for "Gezin Visser"
keys F3
wait_for "HUISHOUDEN KIJKT MEE" && clean "the household list"
open_v1 && clean "stage 0"
keys 1; wait_for "1  Feiten, zorgen en meningen" && clean "stage 1"
# the other three facts of version 1 are there, f4 is not, and no
# statement's source (not for the household: it can name a shelter)
expect_text "Feiten (3)"
expect_text "f1"
expect_no_text "Melding huisarts"
keys 2; wait_for "2  TOP-3 zorgen" && clean "stage 2"
keys 3; wait_for "3  Verklarende analyse" && clean "stage 3"
keys 4; wait_for "4  Plan" && clean "stage 4"
keys 5; wait_for "Zo krijgt het huishouden de samenvatting" && clean "stage 5"
expect_text "Samenvatting voor Gezin Bulut"
expect_no_text "niet te maken"
# the household summary, scrolled to its end, page by page
for _p in 1 2 3 4 5 6 7 8 9 10; do
	keys Space
	wait_for "HUISHOUDEN KIJKT MEE" && clean "stage 5, page $_p"
done
stop_duo C-c
ok

t "while the household watches nothing can be changed"
start_duo
wait_for "HUISHOUDEN KIJKT MEE"
find "Gezin Bulut"
select_row "Gezin Bulut" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 2" && keys Enter
wait_for "0  Huishouden en aanwezigen"
keys 1
wait_for "1  Feiten, zorgen en meningen"
# version 2's confidential opinion (m3) is gone too
expect_no_text "aangifte"
expect_no_text "n nieuw"
keys n
wait_for "je kunt nu alleen lezen" && clean "stage 1 after n"
keys Enter
wait_for "› " && clean "a statement's form"
expect_no_text "Vertrouwelijk"
type_text "xyz"
expect_no_text "xyz"
keys Escape
stop_duo C-c
duo export --format text --session 2 "Gezin Bulut"
expect_out "aangifte"
ok

t "the mode survives a restart and F3 turns it off"
start_duo
wait_for "HUISHOUDEN KIJKT MEE" && clean "the household list after a restart"
open_v1 && clean "stage 0 after a restart"
keys 1
wait_for "1  Feiten, zorgen en meningen" && clean "stage 1 after a restart"
keys F3
wait_gone "HUISHOUDEN KIJKT MEE"
wait_for "Feiten (4)"
expect_text "Melding huisarts"
keys G
wait_for "vrouwenopvang"
expect_no_text "F3 huishouden kijkt mee uitzetten"
expect_text "Fatima El Amrani"
stop_duo C-c
grep -q "^household_view = 0$" "$XDG_CONFIG_HOME/duo/config" ||
	fail "the configuration does not say the mode is off"
ok

t "while the household watches the list shows no other household's name"
start_duo
wait_for "Gezin Visser"
expect_text "Gezin Bulut"
keys F3
wait_for "de namen van andere huishoudens zijn verborgen"
for n in "Gezin Visser" "Gezin Bulut" "Gezin Mulder" "Echtpaar Van Dijk" "4 huishoudens"; do
	expect_no_text "$n"
done
# part of a name finds nothing; the whole name (any case) finds one
keys /
type_text "Gezin"
wait_for "Geen huishouden met precies deze naam"
expect_text "0 op naam"
expect_no_text "Gezin Visser"
keys C-a C-k
type_text "gezin bulut"
wait_for "1 op naam"
wait_for "Gezin Bulut"
expect_no_text "Gezin Visser"
keys Enter Escape
wait_for "de namen van andere huishoudens zijn verborgen"
expect_no_text "Gezin Bulut"
find "Gezin Bulut"
select_row "Gezin Bulut" && keys Enter
wait_for "Leden van het huishouden"
# back on the list, the search cleared: only the household that was open
keys Escape
wait_for "Zoek: "
keys Escape
wait_gone "Zoek: "
wait_for "Gezin Bulut"
expect_no_text "Gezin Visser"
expect_no_text "Gezin Mulder"
expect_no_text "Echtpaar Van Dijk"
keys F3
wait_for "Gezin Visser"
expect_text "Gezin Mulder"
expect_text "4 huishoudens"
stop_duo C-c
ok
