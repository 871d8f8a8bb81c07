#!/bin/sh
# tests/e2e/versions.sh - an evaluation is a new version of the analysis:
# s on the household starts it from the latest version (domain.md: "a
# fixed analysis is not edited; an evaluation starts a new version from
# it"), so nothing is typed twice and what changed stays visible; the fixed
# version itself is not changed.
. "$(dirname "$0")/lib.sh"

t "an evaluation starts from the latest version"
demo_db eval
start_duo
wait_for "Gezin Visser"
select_row "Gezin Visser" && keys Enter
wait_for "Leden van het huishouden"
keys s
wait_for "versie 2 (Concept)"
keys 1
# version 1 has 3 feiten, 2 zorgen and 2 meningen
wait_for "1  Feiten, zorgen en meningen"
expect_text "Feiten (3)"
expect_text "Zorgen (2)"
expect_text "Meningen (2)"
keys 2
wait_for "2  TOP-3 zorgen"
expect_text "TOP-3 (2 van 3)"
stop_duo C-c
duo export --format text --session 1 "Gezin Visser"
expect_out "Vastgesteld"
ok
