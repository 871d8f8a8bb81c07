#!/bin/sh
# tests/e2e/review-round.sh - a whole review round in the screens, by two
# duo processes on one database: the duo (Fatima El Amrani, lokaal) and a
# team lead (Marieke Jansen, teamleider), each in their own tmux server.
# The duo hands version 2 in (i), the team lead comments on a statement
# (c) and sends it back (T); the duo sees the comment under the statement
# and the count in the sidebar without doing anything (the poll), replies
# (r), resolves it (x) and hands it in again; the team lead fixes it (V)
# and starts an evaluation (s): version 3, a concept. Refused steps show
# the message the user sees.
. "$(dirname "$0")/lib.sh"

# open_v2: from the household list, the session walk of Gezin Bulut v2.
open_v2() {
	wait_for "Gezin Bulut"
	select_row "Gezin Bulut" && keys Enter
	wait_for "Leden van het huishouden"
	select_row "Versie 2" && keys Enter
	wait_for "Deze sessie"
}

t "a duo and a team lead take version 2 through a review round"
demo_db round
start_duo
save_as DUO
open_v2
# the key bar offers the duo's step, not the team lead's
expect_text "i indienen"
expect_no_text "vaststellen"
keys V
wait_for "Alleen een teamleider kan vaststellen (je rol is lokaal team)."
keys i
wait_for "Indienen?"
expect_text "De teamleider krijgt versie 2 te lezen"
keys j
wait_for "Versie 2 is ingediend: de teamleider leest haar."
keys n
wait_for "Versie 2 is ingediend en wacht op de teamleider"

DUO_USER="Marieke Jansen" DUO_ROLE=teamleider start_duo
save_as LEAD
open_v2
expect_text "V vaststellen"
expect_no_text "i indienen"
keys T
wait_for "Terugsturen kan niet zonder opmerking: schrijf eerst met c"
keys 2
wait_for "2  TOP-3"
keys c
wait_for "Opmerking bij top3/1"
type_text "Hoe weet de school dit?"
keys Enter
wait_for "Opmerking bij top3/1 geplaatst"
wait_for "Opmerking van Marieke Jansen: Hoe weet de school dit?"
wait_for "opmerkingen: 1/1 open"
# a comment on stage 5 itself: at the top of its panel
keys 5
wait_for "5  Samenvatting"
keys c
wait_for "Opmerking bij samenvatting"
type_text "Maak de samenvatting korter."
keys Enter
wait_for "Opmerkingen van de teamleider bij deze stap"
expect_text "Opmerking van Marieke Jansen: Maak de samenvatting korter."
keys T
wait_for "Terugsturen?"
expect_text "met je 2 opmerkingen"
keys j
wait_for "Versie 2 is teruggestuurd naar het duo"

# the duo's screen follows by itself
use DUO
wait_for "Versie 2 is weer een concept"
wait_for "opmerkingen: 1/1 open"
keys 2
wait_for "Opmerking van Marieke Jansen: Hoe weet de school dit?"
keys i
wait_for "Versie 2 heeft nog 2 open opmerkingen; beantwoord ze (r)"
select_row "Opmerking van Marieke Jansen"
keys r
wait_for "Antwoord op de opmerking"
type_text "De mentor belde ons op 3 november."
keys Enter
wait_for "Antwoord bewaard."
wait_for "Antwoord van Fatima El Amrani: De mentor belde ons op 3 november."
keys x
wait_for "Opmerking afgehandeld."
wait_for "opmerkingen: 0/1 open"
keys 5
wait_for "Opmerking van Marieke Jansen: Maak de samenvatting korter."
keys x
wait_for "Opmerking afgehandeld."
keys i
wait_for "Indienen?"
keys j
wait_for "Versie 2 is ingediend"

use LEAD
wait_for "Bijgewerkt, nu alleen lezen"
expect_text "Nog geen antwoord · afgehandeld"
keys 2
wait_for "Antwoord van Fatima El Amrani: De mentor belde ons op 3 november."
keys V
wait_for "Vaststellen?"
keys j
wait_for "Versie 2 is vastgesteld."
keys n
wait_for "Versie 2 is vastgesteld en verandert niet meer"
keys c
wait_for "Versie 2 is vastgesteld; de opmerkingen liggen daarmee ook vast."
keys Escape
wait_for "Leden van het huishouden"
keys s
wait_for "versie 3 (Concept)"
stop_duo C-c

use DUO
wait_for "Bijgewerkt"
stop_duo C-c
duo list
expect_out "Gezin Bulut        3  concept"
duo log "Gezin Bulut"
expect_out "versie 2: ter-review → vastgesteld"
ok
