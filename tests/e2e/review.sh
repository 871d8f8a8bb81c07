#!/bin/sh
# tests/e2e/review.sh - the screens keep to the review steps (review.h):
# the status of a version is not a field to choose, a version handed in is
# read-only like a fixed one, and s starts an evaluation only from a fixed
# version. The steps themselves are the command line's for now
# (tests/cli/review.sh); here one handing-in by `duo submit` shows up in a
# running screen program as read-only.
. "$(dirname "$0")/lib.sh"

t "the status field is set only by the review steps"
demo_db status
start_duo
wait_for "Gezin Bulut"
select_row "Gezin Bulut" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 2" && keys Enter
wait_for "Deze sessie"
select_row "Status" && keys Enter
wait_for "› Status"
keys Enter
wait_for "De status verandert alleen door indienen, vaststellen of terugsturen"
expect_no_text "Ter beoordeling"
stop_duo C-c
duo export --format text --session 2 "Gezin Bulut"
expect_out "status: Concept"
ok

t "s on a household whose latest version is a concept says why"
start_duo
wait_for "Gezin Bulut"
select_row "Gezin Bulut" && keys Enter
wait_for "Leden van het huishouden"
keys s
wait_for "Versie 2 is nog een concept; werk daarin verder"
expect_no_text "Versie 3"
stop_duo C-c
duo comments --session 3 "Gezin Bulut"
expect_err "versie 3 bestaat niet"
ok

t "a version handed in is read-only, also one handed in meanwhile"
start_duo
wait_for "Echtpaar Van Dijk"
select_row "Echtpaar Van Dijk" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 1" && keys Enter
wait_for "alleen lezen"
wait_for "Versie 1 is ingediend en wacht op de teamleider"
keys 1
wait_for "1  Feiten, zorgen en meningen"
keys n
wait_for "Aanpassen kan weer als de teamleider"
keys Escape
wait_for "Leden van het huishouden"
keys Escape
wait_for "Gezin Bulut"
select_row "Gezin Bulut" && keys Enter
wait_for "Leden van het huishouden"
select_row "Versie 2" && keys Enter
wait_for "Deze sessie"
expect_no_text "alleen lezen"
# the duo at another machine hands version 2 in
DUO_ROLE=lokaal duo submit "Gezin Bulut"
expect_rc 0
expect_out "ingediend: Gezin Bulut versie 2"
wait_for "versie 2 (Ter beoordeling) – alleen lezen"
keys n
wait_for "Versie 2 is ingediend en wacht op de teamleider"
stop_duo C-c
ok
