#!/bin/sh
# tests/cli/summary-pdf.sh - the HTML summary for the household in a real
# browser: each made-up household (the shared example and
# tests/cases/summary/) is exported with --format html, printed to PDF by
# headless Chromium and read back with poppler. The PDF must be A4, have a
# sane number of pages, show every top-3 title, plan item, consequence and
# the evaluation date, hide confidential statements, review comments,
# sources and hypothesis checks (taken from the case file by
# case-texts.py), and keep every word inside the printed area.
#
# Where chromium, poppler-utils or python3-yaml are missing (.ci/deps test
# installs them as root), every test prints "skip - name: why" instead;
# tests/run.sh counts and shows those lines.
. "$(dirname "$0")/lib.sh"

SUM="$CASES/summary"
export DUO_DATA="$ROOT/data"

# what is rendered, one a line: NAME|CASE FILE|VERSION (empty: the
# latest)|HOUSEHOLD. lek-vertrouwelijk.yaml is left out: its export is
# refused (tests/cli/summary.sh).
renders="gezin-visser|$EXAMPLES/gezin-visser.yaml||Gezin Visser
gezin-drie-zorgen-v2|$SUM/gezin-drie-zorgen.yaml||Gezin Janssen-Yıldız
gezin-drie-zorgen-v1|$SUM/gezin-drie-zorgen.yaml|1|Gezin Janssen-Yıldız
huishouden-zonder-kinderen|$SUM/huishouden-zonder-kinderen.yaml||Huishouden Dekker-Öztürk
tekens-in-tekst|$SUM/tekens-in-tekst.yaml||Gezin <b>Smit</b> & \"Zonen\""

why=""
for tool in chromium pdfinfo pdftotext python3; do
	command -v "$tool" >/dev/null 2>&1 || why="$why $tool"
done
if [ -n "$why" ]; then
	why="not installed:$why (.ci/deps test installs chromium and poppler-utils as root)"
elif ! python3 -c 'import yaml' 2>/dev/null; then
	why="python3 has no yaml module (apt-get install python3-yaml)"
fi
if [ -n "$why" ]; then
	echo "$renders" | while IFS='|' read -r name _ _ _; do
		echo "skip - $name in a browser: $why"
	done
	exit 0
fi

fresh_db summary-pdf
duo import "$EXAMPLES/gezin-visser.yaml" "$SUM/huishouden-zonder-kinderen.yaml" \
	"$SUM/gezin-drie-zorgen.yaml" "$SUM/tekens-in-tekst.yaml"
[ "$RC" = 0 ] || { echo "not ok - import the cases: $(cat "$ERR")"; exit 1; }

# pdf HTML PDF: print HTML to PDF with headless Chromium, at most 60 s.
# The flags keep it from the network, the GPU, a profile and a sandbox
# (which needs user namespaces a container often lacks);
# --no-pdf-header-footer leaves out the date and file name Chromium prints.
pdf() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$TMP/profile" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$1" >"$TMP/chromium.log" 2>&1
}

# flat FILE: the text on one line, white space runs made one space.
flat() { tr '\n\f' '  ' <"$1" | tr -s ' '; }

echo "$renders" | while IFS='|' read -r name file version who; do
	t "$name in a browser: A4, a sane page count, all shown, nothing hidden, nothing cut off"
	set -- --audience huishouden --format html -o "$TMP/$name.html"
	[ -n "$version" ] && set -- "$@" --session "$version"
	duo export "$@" "$who"
	expect_rc 0
	if ! pdf "$TMP/$name.html" "$TMP/$name.pdf" || [ ! -s "$TMP/$name.pdf" ]; then
		fail "chromium made no PDF: $(grep -v dbus "$TMP/chromium.log" | tail -n 3 | tr '\n' '|')"
		continue
	fi
	pdfinfo "$TMP/$name.pdf" >"$TMP/info" 2>&1 || fail "pdfinfo: $(cat "$TMP/info")"
	pdftotext -enc UTF-8 "$TMP/$name.pdf" "$TMP/$name.txt"
	flat "$TMP/$name.txt" >"$TMP/flat"

	grep -q '^Page size:.*(A4)' "$TMP/info" ||
		fail "not A4: $(grep '^Page size' "$TMP/info")"
	# Pages: at least one, and at most one per 150 words of text plus
	# one. A page of running text at 11pt holds about 450 words; this
	# letter, with its headings, lists and whole items kept on one page,
	# prints about 190 (the five households here: 3 to 6 pages for 477 to
	# 1110 words). Fewer than 150 a page means empty pages or a layout that
	# strands a few words per page.
	pages=$(sed -n 's/^Pages: *//p' "$TMP/info")
	words=$(wc -w <"$TMP/$name.txt")
	max=$((words / 150 + 1))
	if [ "${pages:-0}" -lt 1 ] || [ "$pages" -gt "$max" ]; then
		fail "$pages pages for $words words (want 1 to $max)"
	fi

	python3 "$(dirname "$0")/case-texts.py" "$file" ${version:+"$version"} >"$TMP/texts" ||
		fail "case-texts.py could not read $file"
	[ "$(grep -c '^show' "$TMP/texts")" -ge 2 ] ||
		fail "case-texts.py found nothing to show in $file"
	while IFS='	' read -r what text; do
		case $what in
		show) grep -qF -- "$text" "$TMP/flat" || fail "the PDF lacks: $text" ;;
		hide) grep -qF -- "$text" "$TMP/flat" && fail "the PDF shows: $text" ;;
		esac
	done <"$TMP/texts"
	date=$(grep '^show' "$TMP/texts" | tail -n 1 | cut -f 2)
	grep -qF "Op $date kijken we samen hoe het gaat." "$TMP/flat" ||
		fail "the PDF lacks the evaluation date: Op $date kijken we ..."

	# Nothing cut off at the right: every word lies inside the page and
	# inside its right margin (18 mm in the @page rule of the summary, 1 pt
	# slack), and the longest word of the shown texts prints whole.
	pdftotext -bbox "$TMP/$name.pdf" "$TMP/bbox.html"
	width=$(sed -n 's/.*<page width="\([0-9.]*\)".*/\1/p' "$TMP/bbox.html" | head -n 1)
	out=$(sed -n 's/.*<word xMin="\([-0-9.]*\)".* xMax="\([-0-9.]*\)".*>\(.*\)<\/word>.*/\1 \2 \3/p' \
		"$TMP/bbox.html" | awk -v w="$width" \
		'$1 < 0 || $2 > w - 18 * 72 / 25.4 + 1 { print; n++ } n >= 3 { exit }')
	[ -z "$out" ] || fail "words outside the printed area (page $width pt wide): $out"
	long=$(grep '^show' "$TMP/texts" | cut -f 2 | tr ' ' '\n' |
		awk '{ if (length($0) > length(l)) l = $0 } END { print l }')
	grep -qF -- "$long" "$TMP/$name.txt" || fail "the longest word '$long' is not whole"
	ok
done
