#!/bin/sh
# tests/e2e/saveas.sh - stage 5 "opslaan als" (o): the household summary
# of made-up Gezin Visser saved as text, markdown and html is, byte for
# byte, what `duo export --audience huishouden` writes for that session,
# with mode 0600; an existing file is replaced only after "j"; a summary
# the filter refuses (made-up Gezin Van Leeuwen: a confidential address
# copied into a concern), a missing directory, a read-only one and a full
# disk each give a Dutch message naming the file, and leave no file and
# no temporary file behind. The preview scrolls with Space and PgUp.
. "$(dirname "$0")/lib.sh"

import_demo
duo import "$CASES/summary/lek-vertrouwelijk.yaml"
[ "$RC" = 0 ] || fail "import lek-vertrouwelijk: $(head -c 400 "$ERR")"

VOL="$TMP/vol"
vol_cleanup() {
	umount "$VOL" 2>/dev/null
	e2e_cleanup
}
trap vol_cleanup EXIT

# open_stage5 HOUSEHOLD: from the list, its version 1 at stage 5.
open_stage5() {
	wait_for "$1" || return 1
	select_row "$1" && keys Enter
	wait_for "Leden van het huishouden" || return 1
	select_row "Versie 1" && keys Enter
	wait_for "0  Huishouden en aanwezigen" || return 1
	keys 5
	wait_for "Zo staat de sessie op papier"
}

# save_summary FORMAT-LABEL [NAME]: o, pick the format, type NAME (or
# keep the name offered), Enter.
save_summary() {
	keys o
	wait_for "In welke vorm?" || return 1
	choose "$1" || return 1
	wait_for "Onder welke naam?" || return 1
	if [ -n "${2:-}" ]; then
		keys C-a C-k
		type_text "$2"
	fi
	keys Enter
}

# no_file PATH: neither PATH nor a temporary file beside it exists.
no_file() {
	[ -e "$1" ] && fail "$1 was written"
	ls -a "$(dirname "$1")" | grep -q '^\.samenvatting' &&
		fail "a temporary file was left in $(dirname "$1")"
	return 0
}

t "save as text, markdown and html: what duo export writes, mode 0600"
start_duo
open_stage5 "Gezin Visser"
for f in "Tekst (.txt):text:txt" "Markdown (.md):markdown:md" "Html (.html):html:html"; do
	label=${f%%:*}; rest=${f#*:}; fmt=${rest%%:*}; ext=${rest#*:}
	file="samenvatting-gezin-visser-versie-1.$ext"
	save_summary "$label"
	wait_for "Opgeslagen: " || break
	expect_text "$file"
	[ -f "$TMP/$file" ] || { fail "$TMP/$file is not there"; break; }
	[ "$(stat -c %a "$TMP/$file")" = 600 ] ||
		fail "$file has mode $(stat -c %a "$TMP/$file"), want 600"
	duo export --audience huishouden --format "$fmt" --session 1 "Gezin Visser"
	expect_rc 0
	cmp -s "$OUT" "$TMP/$file" ||
		fail "$file differs from duo export: $(diff "$OUT" "$TMP/$file" | head -n 5)"
done
no_file "$TMP/none"
grep -q "Samenvatting voor Gezin Visser" "$TMP/samenvatting-gezin-visser-versie-1.txt" ||
	fail "the text file is not the summary"
stop_duo C-c
ok

t "an existing file is replaced only when you say j"
echo "oude brief" >"$TMP/brief.html"
start_duo
open_stage5 "Gezin Visser"
save_summary "Html (.html)" "$TMP/brief.html"
wait_for "bestaat al" && wait_for "vervangen"
keys Enter
wait_for "het bestaande bestand is gebleven"
[ "$(cat "$TMP/brief.html")" = "oude brief" ] || fail "Enter replaced the file"
save_summary "Html (.html)" "$TMP/brief.html"
wait_for "bestaat al"
keys j
wait_for "Opgeslagen: "
expect_text "brief.html"
grep -q '<html lang="nl">' "$TMP/brief.html" || fail "j did not replace the file"
[ "$(stat -c %a "$TMP/brief.html")" = 600 ] || fail "the replaced file is not 0600"
# a directory typed: the name offered is put in it
mkdir -p "$TMP/map"
save_summary "Tekst (.txt)" "$TMP/map"
wait_for "Opgeslagen: "
[ -f "$TMP/map/samenvatting-gezin-visser-versie-1.txt" ] ||
	fail "a directory typed did not get the offered name"
stop_duo C-c
ok

t "a summary the filter refuses: a message that says what and where, no file"
start_duo
open_stage5 "Gezin Van Leeuwen"
save_summary "Html (.html)"
wait_for "Niet opgeslagen"
expect_text "Er is geen bestand geschreven"
expect_text "Gezin Van Leeuwen"
expect_text "vertrouwelijk"
no_file "$TMP/samenvatting-gezin-van-leeuwen-versie-1.html"
keys Enter
wait_gone "Er is geen bestand geschreven"
stop_duo C-c
duo export --audience huishouden --format html "Gezin Van Leeuwen"
[ "$RC" != 0 ] || fail "duo export does not refuse it either"
ok

t "a missing directory, a read-only one, a full disk: a Dutch message, no file"
start_duo
open_stage5 "Gezin Visser"
save_summary "Html (.html)" "$TMP/bestaat-niet/brief.html"
wait_for "Niet opgeslagen"
expect_text "de map bestaat niet"
expect_text "bestaat-niet/brief.html"
keys Enter
wait_gone "Er is geen bestand geschreven"
mkdir -p "$VOL"
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$VOL"
	save_summary "Html (.html)" "$VOL/brief.html"
	wait_for "Niet opgeslagen"
	expect_text "je mag in deze map niet schrijven"
	keys Enter
	no_file "$VOL/brief.html"
	stop_duo C-c
	ok
	echo "skip - a full disk: only root can mount a small file system"
	exit 0
fi
if ! mount -t tmpfs -o ro,size=8k tmpfs "$VOL" 2>/dev/null; then
	stop_duo C-c
	ok
	echo "skip - a read-only directory and a full disk: mount is not allowed here"
	exit 0
fi
save_summary "Html (.html)" "$VOL/brief.html"
wait_for "Niet opgeslagen"
expect_text "de schijf kan alleen gelezen worden"
keys Enter
wait_gone "Er is geen bestand geschreven"
no_file "$VOL/brief.html"
umount "$VOL"
mount -t tmpfs -o size=8k tmpfs "$VOL" || fail "mount a small tmpfs"
# fill it up, leaving a few bytes: mkstemp works, the summary does not fit
head -c 1048576 /dev/zero >"$VOL/vol" 2>/dev/null
truncate -s -100 "$VOL/vol"
save_summary "Html (.html)" "$VOL/brief.html"
wait_for "Niet opgeslagen"
expect_text "de schijf is vol"
expect_text "er is niets opgeslagen"
keys Enter
wait_gone "Er is geen bestand geschreven"
no_file "$VOL/brief.html"
stop_duo C-c
umount "$VOL"
ok

t "the preview scrolls with Space and PgUp and shows the summary that is saved"
start_duo
open_stage5 "Gezin Visser"
keys F3
wait_for "Zo krijgt het huishouden de samenvatting"
wait_for "Samenvatting voor Gezin Visser"
wait_for "regel 1-"
keys Space
wait_gone "regel 1-"
wait_for "regel "
keys PageUp
wait_for "regel 1-"
expect_text "Samenvatting voor Gezin Visser"
keys G
# the end of the summary on screen is the end of the file saved
save_summary "Tekst (.txt)" "$TMP/eind.txt"
wait_for "Opgeslagen: "
last=$(grep -v '^ *$' "$TMP/eind.txt" | tail -n 1 | cut -c 1-40)
[ -n "$last" ] || fail "the saved text is empty"
keys G
wait_for "$last"
keys F3
wait_gone "HUISHOUDEN KIJKT MEE"
stop_duo C-c
ok
