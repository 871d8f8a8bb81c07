#!/bin/sh
# tests/cli/man.sh - man/duo.1 renders cleanly and documents every command,
# option and environment variable the program knows.
. "$(dirname "$0")/lib.sh"

PAGE="$ROOT/man/duo.1"

t "the man page renders with man -l"
MANWIDTH=80 man -l "$PAGE" >"$OUT" 2>"$ERR"
[ $? = 0 ] || fail "man -l failed: $(head -c 300 "$ERR")"
expect_out "duo"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "FILE FORMAT" FORMS FILES \
    ENVIRONMENT "EXIT STATUS" EXAMPLES "SECURITY AND PRIVACY" "SEE ALSO"; do
	grep -q "^$s" "$OUT" || fail "no section $s"
done
[ -s "$ERR" ] && fail "man warned: $(head -c 300 "$ERR")"
w=$(wc -L <"$OUT")
[ "$w" -le 80 ] || fail "a line of $w columns at MANWIDTH=80"
ok

t "groff -man -ww -z is silent"
groff -man -ww -z "$PAGE" >"$OUT" 2>&1
[ -s "$OUT" ] && fail "groff: $(head -c 400 "$OUT")"
ok

t "every command, option and variable is documented"
MANWIDTH=200 man -l "$PAGE" >"$TMP/man.txt" 2>/dev/null
for w in import export list check submit approve return evaluate comment \
    comments reply resolve search diff log overview --limit --from --to \
    --days quiet_days --on --open --reopen REVIEW --db --forms --data --help --version --replace \
    --format --audience --session --output --status --overdue --date \
    huishouden DUO_DB DUO_FORMS DUO_DATA DUO_USER DUO_ROLE DUO_TODAY DUO_NOW XDG_DATA_HOME \
    XDG_CONFIG_HOME duo-case/1 VERTROUWELIJK 0600 team.yaml nl.yaml \
    --check jargon.yaml "PLAIN-LANGUAGE CHECK" "author: duo"; do
	grep -qF -- "$w" "$TMP/man.txt" || fail "man page lacks $w"
done
ok

t "the options in --help and in the man page are the same"
duo --help
for o in $(grep -o -- '--[a-z]*' "$OUT" | sort -u); do
	grep -qF -- "$o" "$TMP/man.txt" || fail "--help has $o, the man page not"
done
for c in import export list check submit approve return evaluate comment \
    comments reply resolve search diff log overview; do
	duo "$c" --help
	for o in $(grep -o -- '--[a-z]*' "$OUT" | sort -u); do
		grep -qF -- "$o" "$TMP/man.txt" || fail "$c --help has $o, man not"
	done
done
ok
