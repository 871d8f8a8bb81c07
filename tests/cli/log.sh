#!/bin/sh
# tests/cli/log.sh - duo log: who changed what, when, oldest first, in local
# time and in Dutch, with the role each user acted in; the trail of a
# household that is gone.
. "$(dirname "$0")/lib.sh"

KRAMER="$CASES/versions/gezin-kramer.yaml"

fresh_db log

t "import and replace, oldest first, local time, who in which role and what"
DUO_NOW=2026-11-20T08:15:00Z DUO_USER="Marloes de Wit" duo import "$KRAMER"
expect_rc 0
# only the household's team: version 1 is herzien and may not change
sed '8s/Wijkteam Zutphen-Noord/Wijkteam Zutphen-Zuid/' "$KRAMER" >"$TMP/k.yaml"
DUO_NOW=2026-11-23T10:00:00Z DUO_USER="Sanne Hoekstra" DUO_ROLE=rvt duo import --replace "$TMP/k.yaml"
expect_rc 0
duo log "Gezin Kramer"
expect_rc 0
cat >"$TMP/want" <<EOT
2026-11-20 09:15  Marloes de Wit (lokaal team)  ingelezen
    geïmporteerd uit $KRAMER: 3 leden, 2 sessies
2026-11-23 11:00  Sanne Hoekstra (Regionaal Veiligheidsteam)  vervangen door import
    vervangen door import uit $TMP/k.yaml: 3 leden, 2 sessies
EOT
expect_same "$OUT" "$TMP/want"
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "a row from before roles were kept shows no role"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$DUO_DB" "UPDATE audit SET role = NULL WHERE action = 'import'"
	duo log "Gezin Kramer"
	expect_rc 0
	head -n 1 "$OUT" | grep -qxF "2026-11-20 09:15  Marloes de Wit  ingelezen" ||
		fail "$(head -n 1 "$OUT")"
	sqlite3 "$DUO_DB" "UPDATE audit SET role = 'lokaal' WHERE action = 'import'"
fi
ok

t "the trail outlives the household: a whole id still shows it"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$DUO_DB" "PRAGMA foreign_keys = ON; DELETE FROM household"
	duo log 7c0d2a4e
	expect_rc 1
	expect_err "niet gevonden"
	duo log 7C0D2A4E-5B1F-4E3A-9C2D-1A2B3C4D5E6F
	expect_rc 0
	expect_same "$OUT" "$TMP/want"
fi
ok

t "an unknown household: exit 1; no household: exit 2"
duo log 00000000-0000-4000-8000-000000000000
expect_rc 1
expect_err "niet gevonden"
duo log
expect_rc 2
ok
