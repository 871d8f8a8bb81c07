#!/bin/sh
# tests/cli/review.sh - review and versions on the command line: a duo
# (DUO_ROLE=lokaal) and a team lead (DUO_ROLE=teamleider) take a version
# through evaluate, submit, comment, return, reply, resolve and approve.
# Every refused step says why on stderr, exits 1 and leaves the database
# as it was (the whole export compared); wrong usage exits 2. Comments
# with replies travel through export and import unchanged.
. "$(dirname "$0")/lib.sh"

VISSER="$EXAMPLES/gezin-visser.yaml"
H="Gezin Visser"
export XDG_CONFIG_HOME="$TMP/config"   # no config file of the tester's own

as_duo() { DUO_USER="Fatima El Amrani" DUO_ROLE=lokaal duo "$@"; }
as_lead() { DUO_USER="Marieke Jansen" DUO_ROLE=teamleider duo "$@"; }

# state: the whole household as it is now, in $TMP/state.yaml
state() { "$DUO_BIN" export --allow-incomplete "$H" >"$TMP/state.yaml" 2>&1; }
# refused WANT-ON-STDERR: exit 1, the message, and nothing changed
refused() {
	expect_rc 1
	expect_err "$1"
	"$DUO_BIN" export --allow-incomplete "$H" >"$TMP/after.yaml" 2>&1
	expect_same "$TMP/state.yaml" "$TMP/after.yaml"
}
status_of() { # VERSION: the status of that version, from the text export
	"$DUO_BIN" export --format text --session "$1" "$H" 2>/dev/null |
		sed -n 's/.*, status: \([A-Za-z ]*\).*/\1/p' | head -n 1
}

fresh_db review
"$DUO_BIN" import "$VISSER" >/dev/null

t "duo --help names the review commands in Dutch"
duo --help
expect_rc 0
for c in "submit:de laatste versie indienen bij de teamleider (het duo)" \
	"approve:de ingediende versie vaststellen (teamleider)" \
	"return:de ingediende versie terugsturen naar het duo (teamleider)" \
	"evaluate:een evaluatie beginnen: een nieuwe versie van de vastgestelde" \
	"comment:een opmerking plaatsen bij een onderdeel (teamleider)" \
	"comments:de opmerkingen bij een versie tonen, met het aantal per stap" \
	"reply:antwoorden op een opmerking (het duo)" \
	"resolve:een opmerking afhandelen, of weer openzetten"; do
	expect_out "$(printf '  %-8s %s' "${c%%:*}" "${c#*:}")"
done
duo comment --help
expect_rc 0
expect_out "Gebruik: duo comment --on ONDERDEEL HUISHOUDEN TEKST"
expect_out "een TOP-3 zorg (top3/1)"
ok

t "a fixed version is not handed in again, and a lokaal user does not fix it"
state
as_duo submit "$H"
refused "duo: versie 1 is vastgesteld; alleen een concept kan worden ingediend"
as_duo approve "$H"
refused "duo: alleen een teamleider stelt een analyse vast (je rol is lokaal team)"
ok

t "an import does not change a fixed version"
state
sed 's/Sem was wakker en stond op de trap/Sem sliep/' "$TMP/state.yaml" >"$TMP/edited.yaml"
as_duo import --replace "$TMP/edited.yaml"
refused "edited.yaml: dit bestand verandert versie 1, maar die is in de database vastgesteld en verandert niet meer"
ok

t "evaluate starts version 2 as a concept copy of version 1"
as_duo evaluate "$H"
expect_rc 0
expect_out "evaluatie begonnen: Gezin Visser versie 2 (concept), een kopie van versie 1"
[ "$(status_of 2)" = "Concept" ] || fail "version 2 is $(status_of 2)"
[ "$(status_of 1)" = "Vastgesteld" ] || fail "version 1 is $(status_of 1)"
state
as_duo evaluate "$H"
refused "duo: versie 2 is nog een concept; werk daarin verder"
ok

t "an incomplete concept is not handed in"
state
as_duo submit "$H"
refused "duo: versie 2 is nog niet af en kan nog niet worden ingediend; vul eerst aan: stap 4 (Plan): geen evaluatiedatum"
ok

t "the duo completes it through a file and hands it in, once"
awk '/^  version: 2$/ { v2 = 1 } { print } v2 && /^  status: concept$/ { print "  evaluation: 2027-02-15"; v2 = 0 }' \
	"$TMP/state.yaml" >"$TMP/v2.yaml"
as_duo import --replace "$TMP/v2.yaml"
expect_rc 0
as_lead submit "$H"
expect_rc 1
expect_err "het duo (lokaal team of RVT) dient een analyse in"
as_duo submit "$H"
expect_rc 0
expect_out "ingediend: Gezin Visser versie 2 (concept → ter-review)"
duo list --status ter-review
expect_out "Gezin Visser  2  ter-review  2027-02-15"
state
as_duo submit "$H"
refused "duo: versie 2 is al ingediend en wacht op de teamleider"
ok

t "the team lead returns it only with a comment on something that exists"
state
as_lead return "$H"
refused "duo: schrijf eerst in een opmerking wat het duo moet aanpassen; terugsturen zonder opmerking kan niet"
as_lead comment "$H" --on top3/3 Waarom?
refused "duo: versie 2: onbekend doel 'top3/3': geen TOP-3 zorg met rang 3 in deze sessie"
as_duo comment "$H" --on f1 Waarom?
refused "duo: alleen een teamleider plaatst opmerkingen (je rol is lokaal team)"
as_lead comment "$H" Waarom?
expect_rc 2
expect_err "--on ONDERDEEL ontbreekt"
as_lead comment "$H" --on f1
expect_rc 2
expect_err "TEKST ontbreekt"
as_lead comment "$H" --on top3/1 Hoe vaak gebeurt dit nu nog?
expect_rc 0
expect_out "opmerking 1 geplaatst bij top3/1: Gezin Visser versie 2"
as_lead comment "$H" --on plan "Wie belt de huisarts?"
expect_out "opmerking 2 geplaatst bij plan: Gezin Visser versie 2"
as_lead return "$H"
expect_rc 0
expect_out "teruggestuurd: Gezin Visser versie 2 (ter-review → concept)"
ok

t "comments lists them with a count per stage"
as_duo comments "$H"
expect_rc 0
expect_out "Gezin Visser, versie 2 (concept): 2 opmerkingen, 2 open"
expect_out "  stap 2 TOP-3 zorgen: 1, open 1"
expect_out "  stap 4 Plan: 1, open 1"
expect_out "1. top3/1 (stap 2) · open"
expect_out "   van Marieke Jansen, 2026-11-23, teruggestuurd"
expect_out "   Hoe vaak gebeurt dit nu nog?"
as_duo comments --session 1 "$H"
expect_out "Gezin Visser, versie 1 (vastgesteld): 1 opmerking, 1 open"
expect_out "   van Marieke Jansen, 2026-10-16, akkoord"
as_duo comments --session 9 "$H"
expect_rc 1
expect_err "versie 9 bestaat niet bij dit huishouden"
ok

t "open comments keep the duo from handing in; the duo replies and resolves"
state
as_duo submit "$H"
refused "duo: versie 2 heeft nog 2 open opmerkingen (bij top3/1, plan); beantwoord ze en handel ze af voordat het duo indient"
as_lead reply "$H" 1 Zo.
refused "duo: het duo (lokaal team of RVT) beantwoordt opmerkingen"
as_duo reply "$H" 3 Zo.
refused "duo: opmerking 3 bestaat niet bij versie 2 (er zijn er 2; zie duo comments)"
as_duo reply "$H" een Zo.
expect_rc 2
expect_err "NUMMER moet een opmerkingnummer zijn (1, 2, ...), niet: een"
as_duo reply "$H" 1 Twee keer sinds oktober, zegt Anouk.
expect_rc 0
expect_out "antwoord bij opmerking 1 bewaard: Gezin Visser versie 2"
as_duo resolve "$H" 1
expect_out "opmerking 1 afgehandeld: Gezin Visser versie 2"
as_duo resolve "$H" 2
as_lead resolve --reopen "$H" 2
expect_rc 0
expect_out "opmerking 2 staat weer open: Gezin Visser versie 2"
as_duo comments --open "$H"
expect_out "2 opmerkingen, 1 open"
expect_no_out "1. top3/1"
expect_out "2. plan (stap 4) · open"
as_duo resolve "$H" 2
as_duo comments "$H"
expect_out "   antwoord van Fatima El Amrani:"
expect_out "     Twee keer sinds oktober, zegt Anouk."
as_duo submit "$H"
expect_rc 0
ok

t "the team lead fixes it; version 1 becomes herzien"
as_duo approve "$H"
expect_rc 1
as_lead approve "$H"
expect_rc 0
expect_out "vastgesteld: Gezin Visser versie 2 (ter-review → vastgesteld)"
[ "$(status_of 2)" = "Vastgesteld" ] || fail "version 2 is $(status_of 2)"
[ "$(status_of 1)" = "Herzien" ] || fail "version 1 is $(status_of 1)"
state
as_lead comment "$H" --on f1 Nog iets.
refused "duo: versie 2 is vastgesteld; de opmerkingen liggen daarmee ook vast"
as_lead return "$H"
refused "duo: versie 2 is vastgesteld en gaat niet meer terug; een evaluatie begint een nieuwe versie"
ok

t "the professional text shows comments, replies and resolution"
duo export --format text --session 2 "$H"
expect_rc 0
expect_out "Opmerkingen"
expect_out "Antwoord van het duo: Twee keer sinds oktober, zegt Anouk."
expect_out "Beantwoord door: Fatima El Amrani"
expect_out "Afgehandeld: ja"
ok

t "comments, replies and resolution round trip byte for byte"
duo export "$H"
expect_rc 0
save "$TMP/one.yaml"
grep -q "replied_by: Fatima El Amrani" "$TMP/one.yaml" || fail "no replied_by"
grep -q "resolved: true" "$TMP/one.yaml" || fail "no resolved"
fresh_db roundtrip
duo import "$TMP/one.yaml"
expect_rc 0
duo export "$H"
save "$TMP/two.yaml"
expect_same "$TMP/one.yaml" "$TMP/two.yaml"
ok

t "without a role nothing changes, and duo says how to set one"
fresh_db norole
"$DUO_BIN" import "$VISSER" >/dev/null
state
DUO_ROLE= DUO_USER=Iemand duo evaluate "$H"
expect_rc 0
state
DUO_ROLE= DUO_USER=Iemand duo submit "$H"
refused "duo: je rol is niet bekend; kies lokaal, rvt of teamleider (bij de eerste start van duo, of met DUO_ROLE)"
ok

t "the role comes from the config file when DUO_ROLE is not set"
mkdir -p "$XDG_CONFIG_HOME/duo"
printf 'user = Marieke Jansen\nrole = teamleider\n' >"$XDG_CONFIG_HOME/duo/config"
state
env -u DUO_ROLE -u DUO_USER "$DUO_BIN" submit "$H" >"$OUT" 2>"$ERR"
RC=$?
refused "duo: het duo (lokaal team of RVT) dient een analyse in"
rm -f "$XDG_CONFIG_HOME/duo/config"
ok

t "usage errors exit 2"
duo submit
expect_rc 2
expect_err "HUISHOUDEN ontbreekt"
duo approve "$H" extra
expect_rc 2
expect_err "onverwacht argument: extra"
duo resolve "$H"
expect_rc 2
duo comments --session nul "$H"
expect_rc 2
duo submit "Gezin Niemand"
expect_rc 1
expect_err "huishouden 'Gezin Niemand' niet gevonden"
ok

t "fixing a version ends another team lead's review with vervallen"
state
awk '/^  version: 2$/ { v2 = 1 } { print } v2 && /^  status: concept$/ { print "  evaluation: 2027-02-15"; v2 = 0 }' \
	"$TMP/state.yaml" >"$TMP/v2.yaml"
as_duo import --replace "$TMP/v2.yaml"
as_duo submit "$H"
expect_rc 0
DUO_USER="Jan de Wit" DUO_ROLE=teamleider duo comment "$H" --on f1 "Klopt de datum?"
expect_rc 0
as_lead approve "$H"
expect_rc 0
expect_out "vastgesteld: Gezin Visser versie 2 (ter-review → vastgesteld)"
as_duo comments "$H"
expect_out "   van Jan de Wit, 2026-11-23, vervallen (een andere teamleider stelde vast)"
duo log "$H"
expect_out "beoordeling vervallen van Jan de Wit"
duo export --allow-incomplete "$H"
expect_out "decision: vervallen"
"$DUO_BIN" export --allow-incomplete "$H" >"$TMP/lapsed.yaml"
fresh_db review-lapsed
duo import "$TMP/lapsed.yaml"
expect_rc 0
ok
