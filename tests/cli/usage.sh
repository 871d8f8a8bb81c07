#!/bin/sh
# tests/cli/usage.sh - the command line itself: help, version, exit status 2
# for wrong usage with a hint to --help, options before and after the
# command.
. "$(dirname "$0")/lib.sh"

t "--help exits 0 and names every command and option"
duo --help
expect_rc 0
for w in "Gebruik: duo" import export list check --db --forms --replace \
    --format --audience --session -o --status --overdue --date --version; do
	expect_out "$w"
done
ok

t "--version exits 0"
duo --version
expect_rc 0
grep -qE '^duo [0-9]+\.[0-9]+\.[0-9]+$' "$OUT" || fail "version line: $(cat "$OUT")"
ok

t "every command has its own --help"
for c in import export list check; do
	duo "$c" --help
	expect_rc 0
	expect_out "Gebruik: duo $c"
done
duo export --help
expect_out "--session"
expect_out "--audience"
expect_out "--check"
expect_out "De woordenlijst is jargon.yaml in de datamap"
ok

t "-h is --help"
duo -h
expect_rc 0
expect_out "Opdrachten:"
ok

t "no command and no terminal: exit 2, pointing at the commands"
duo </dev/null
expect_rc 2
expect_err "duo: het schermprogramma heeft een terminal nodig; zie duo --help"
[ -s "$OUT" ] && fail "stdout not empty"
ok

t "unknown command: exit 2 with a hint"
duo frobnicate
expect_rc 2
expect_err "onbekende opdracht: frobnicate"
expect_err "duo --help"
[ "$(wc -l <"$ERR")" -le 2 ] || fail "more than message and hint: $(cat "$ERR")"
ok

t "unknown global option: exit 2"
duo --frobnicate list
expect_rc 2
expect_err "onbekende optie: --frobnicate"
expect_err "duo --help"
ok

t "unknown command option: exit 2"
duo list --frobnicate
expect_rc 2
expect_err "onbekende optie: --frobnicate"
expect_err "duo list --help"
duo export -x "Gezin Visser"
expect_rc 2
expect_err "onbekende optie: -x"
ok

t "missing option value: exit 2"
duo --db
expect_rc 2
expect_err "optie --db vraagt een waarde"
duo export "Gezin Visser" --format
expect_rc 2
expect_err "--format vraagt een waarde"
ok

t "missing or extra arguments: exit 2"
duo import
expect_rc 2
expect_err "BESTAND ontbreekt"
duo export
expect_rc 2
expect_err "HUISHOUDEN ontbreekt"
duo export a b
expect_rc 2
expect_err "onverwacht argument: b"
duo list extra
expect_rc 2
duo check extra
expect_rc 2
ok

t "bad option values of export: exit 2"
duo export --format pdf x
expect_rc 2
expect_err "onbekend formaat: pdf"
for v in 0 -1 abc 1x 99999999999; do
	duo export --format text --session "$v" x
	expect_rc 2
	expect_err "--session"
done
duo export --session 1 x
expect_rc 2
expect_err "--session hoort bij --format text"
ok

t "--audience huishouden: yaml and unknown formats: exit 2"
duo export --format yaml --audience huishouden x
expect_rc 2
expect_err "nooit voor het huishouden"
duo export --format pdf --audience huishouden x
expect_rc 2
expect_err "onbekend formaat: pdf (kies text, markdown of html)"
duo export --format markdown x
expect_rc 2
expect_err "alleen voor de samenvatting"
duo export --audience iedereen x
expect_rc 2
expect_err "kies professional of huishouden"
ok

t "an empty option value or file name: exit 2"
duo --db "" list
expect_rc 2
expect_err "optie --db vraagt een waarde"
duo --forms= check
expect_rc 2
expect_err "optie --forms vraagt een waarde"
duo export -o "" x
expect_rc 2
expect_err "optie -o vraagt een waarde"
duo import ""
expect_rc 2
expect_err "lege bestandsnaam"
ok

t "global options also after the command"
duo import "$EXAMPLES/gezin-visser.yaml" --db "$TMP/after.db"
expect_rc 0
[ -f "$TMP/after.db" ] || fail "--db after the command was not used"
duo list --db "$TMP/after.db"
expect_rc 0
expect_out "Gezin Visser"
duo --forms "$TMP/no-such-dir" import "$EXAMPLES/gezin-visser.yaml"
expect_rc 1
ok
