#!/bin/sh
# tests/cli/overview.sh - duo overview: the team lead's three lists with a
# pinned date, agreeing with duo list --status ter-review and --overdue;
# --days and quiet_days from the config file; bad values.
. "$(dirname "$0")/lib.sh"

fresh_db overview
for f in "$EXAMPLES/gezin-visser.yaml" "$CASES"/good/*.yaml \
    "$CASES/versions/gezin-kramer.yaml"; do
	DUO_NOW=2026-05-01T10:00:00Z duo import "$f"
	expect_rc 0
done

t "three lists on a pinned date"
DUO_TODAY=2027-03-23 duo overview --days 100
expect_rc 0
save "$TMP/ov"
head -n 1 "$OUT" | grep -qxF "Overzicht op 2027-03-23" || fail "$(head -n 1 "$OUT")"
expect_out "Wachten op beoordeling (1), de langst wachtende eerst"
grep -qE '^  [0-9a-f]{8}  Echtpaar De Wit  versie 1    sinds 2026-11-02  \(141 dagen\)$' "$OUT" ||
	fail "review line: $(grep Echtpaar "$OUT")"
expect_out "Evaluatie te laat (5), de oudste eerst"
expect_out "evaluatie 2026-11-04  (139 dagen te laat)"
expect_out "Geen sessie in meer dan 100 dagen (6), de langst stille eerst"
expect_out "laatste sessie 2026-09-02  (202 dagen)"
[ -s "$ERR" ] && fail "stderr: $(cat "$ERR")"
ok

t "the lists agree with duo list"
for d in 2026-11-23 2027-03-23; do
	DUO_TODAY=$d duo overview
	sed -n '/^Wachten/,/^$/p' "$OUT" | grep -oE '^  [0-9a-f]{8}' | sort >"$TMP/a"
	duo list --status ter-review
	cut -c1-8 "$OUT" | sed 's/^/  /' | sort >"$TMP/b"
	expect_same "$TMP/a" "$TMP/b"
	DUO_TODAY=$d duo overview
	sed -n '/^Evaluatie/,/^$/p' "$OUT" | grep -oE '^  [0-9a-f]{8}' | sort >"$TMP/a"
	duo list --overdue --date $d
	cut -c1-8 "$OUT" | sed 's/^/  /' | sort >"$TMP/b"
	expect_same "$TMP/a" "$TMP/b"
done
ok

t "--date instead of DUO_TODAY; empty lists say so"
DUO_TODAY=2030-01-01 duo overview --date 2026-05-02 --days 3000
expect_rc 0
expect_out "Overzicht op 2026-05-02"
grep -A1 -xF "Evaluatie te laat (0), de oudste eerst" "$OUT" | tail -n 1 |
	grep -qxF "  (geen)" || fail "$(cat "$OUT")"
ok

t "quiet_days from the config file, --days over it"
mkdir -p "$TMP/conf/duo"
printf 'quiet_days = 150\n' >"$TMP/conf/duo/config"
XDG_CONFIG_HOME="$TMP/conf" DUO_TODAY=2027-03-23 duo overview
expect_rc 0
expect_out "Geen sessie in meer dan 150 dagen (5)"
XDG_CONFIG_HOME="$TMP/conf" DUO_TODAY=2027-03-23 duo overview --days 100
expect_out "Geen sessie in meer dan 100 dagen (6)"
DUO_TODAY=2027-03-23 duo overview
expect_out "Geen sessie in meer dan 90 dagen"
printf 'quiet_days = altijd\n' >"$TMP/conf/duo/config"
XDG_CONFIG_HOME="$TMP/conf" DUO_TODAY=2027-03-23 duo overview
expect_rc 0
expect_err "config:1:1: quiet_days: verwacht een aantal dagen"
expect_out "Geen sessie in meer dan 90 dagen"
ok

t "bad values: exit 2"
duo overview --date 2027-02-30
expect_rc 2
expect_err "geen geldige datum"
duo overview --days 0
expect_rc 2
expect_err "--days vraagt een aantal dagen"
duo overview extra
expect_rc 2
ok
