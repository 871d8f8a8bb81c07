/*
 * test_util.c - unit tests of util.c: diagnostics format, UUIDs, dates,
 * UTF-8 validation, decoding and column widths, and string buffers.
 *
 * The width test compares utf8_cp_width with glibc's wcwidth in C.UTF-8
 * for every code point. When glibc moves to a new Unicode version and the
 * two part, run this program with DUO_DUMP_WIDTHS=1 to print new tables
 * for util.c.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "unit.h"
#include "util.h"

TEST(diag_formats_file_line_col)
{
	struct diags d = {0};
	char *s;

	diag_add(&d, "gezin.yaml", 14, 7, "onbekende sleutel '%s'", "foo");
	diag_add(&d, "gezin.yaml", 3, 0, "zonder kolom");
	diag_add(&d, NULL, 0, 0, "zonder bestand");
	CHECK_INT(d.n, 3);
	s = diag_format(&d.v[0]);
	CHECK_STR(s, "gezin.yaml:14:7: onbekende sleutel 'foo'");
	free(s);
	s = diag_format(&d.v[1]);
	CHECK_STR(s, "gezin.yaml:3: zonder kolom");
	free(s);
	s = diag_format(&d.v[2]);
	CHECK_STR(s, "zonder bestand");
	free(s);
	diags_free(&d);
}

TEST(uuid_new_is_valid_v4_and_unique)
{
	char a[UUID_STR_LEN], b[UUID_STR_LEN];

	uuid_new(a);
	uuid_new(b);
	CHECK(uuid_is_valid(a));
	CHECK(strcmp(a, b) != 0);
	CHECK(a[14] == '4'); /* version 4: random, no MAC or time inside */
}

TEST(uuid_is_valid_rejects_malformed)
{
	CHECK(uuid_is_valid("5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11"));
	CHECK(!uuid_is_valid("5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d1"));
	CHECK(!uuid_is_valid("5b0f6a52x3c8e-4d7e-9a51-0f4f3b1c2d11"));
	CHECK(!uuid_is_valid("zb0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11"));
	CHECK(!uuid_is_valid(""));
	CHECK(!uuid_is_valid(NULL));
}

TEST(date_validity_follows_the_calendar)
{
	CHECK(date_is_valid("2026-10-14"));
	CHECK(date_is_valid("2028-02-29"));
	CHECK(date_is_valid("2000-02-29"));
	CHECK(!date_is_valid("1900-02-29"));
	CHECK(!date_is_valid("2026-02-29"));
	CHECK(!date_is_valid("2026-02-30"));
	CHECK(!date_is_valid("2026-13-01"));
	CHECK(!date_is_valid("2026-04-31"));
	CHECK(!date_is_valid("2026-4-1"));
	CHECK(!date_is_valid("14-10-2026"));
	CHECK(!date_is_valid("2026-10-14 "));
}

TEST(date_today_honours_duo_today)
{
	char d[11];

	setenv("DUO_TODAY", "2026-11-23", 1);
	date_today(d);
	CHECK_STR(d, "2026-11-23");
	setenv("DUO_TODAY", "2026-02-30", 1); /* invalid: ignored */
	date_today(d);
	CHECK(date_is_valid(d));
	unsetenv("DUO_TODAY");
}

TEST(utf8_validation_finds_first_bad_byte)
{
	size_t bad = 99;
	const char ok[] = "Zo\xc3\xab Ru\xc5\x9f" "en \xf0\x9f\x99\x82";

	CHECK(utf8_valid(ok, strlen(ok), NULL));
	CHECK(!utf8_valid("ab\xff", 3, &bad));
	CHECK_INT(bad, 2);
	CHECK(!utf8_valid("a\xc0\xaf", 3, &bad)); /* overlong '/' */
	CHECK_INT(bad, 1);
	CHECK(!utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
	CHECK(!utf8_valid("a\0b", 3, &bad));
	CHECK_INT(bad, 1);
	CHECK(!utf8_valid("\xc3", 1, &bad)); /* truncated */
}

TEST(strbuf_grows_and_formats)
{
	struct strbuf sb = {0};
	char *s;

	CHECK_STR(sb_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		sb_addf(&sb, "%d,", i);
	CHECK(sb.len > 2000);
	CHECK(strncmp(sb.s, "0,1,2,", 6) == 0);
	s = sb_steal(&sb);
	CHECK(sb.s == NULL && sb.len == 0);
	free(s);
	sb_addc(&sb, 'x');
	sb_addn(&sb, "yz", 1);
	CHECK_STR(sb_str(&sb), "xy");
	sb_free(&sb);
}

TEST(utf8_decode_strict)
{
	unsigned long cp;

	CHECK_INT(utf8_decode("a", 1, &cp), 1);
	CHECK_INT(cp, 'a');
	CHECK_INT(utf8_decode("", 1, &cp), 1);              /* NUL */
	CHECK_INT(cp, 0);
	CHECK_INT(utf8_decode("\xc3\xab!", 3, &cp), 2);     /* ë */
	CHECK_INT(cp, 0xeb);
	CHECK_INT(utf8_decode("\xe6\xbc\xa2", 3, &cp), 3);  /* 漢 */
	CHECK_INT(cp, 0x6f22);
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);  /* 😀 */
	CHECK_INT(cp, 0x1f600);
	CHECK_INT(utf8_decode("\xef\xbf\xbd", 3, &cp), 3);  /* a real U+FFFD */
	CHECK_INT(cp, 0xfffd);
	CHECK_INT(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	CHECK_INT(cp, 0x10ffff);
	CHECK_INT(utf8_decode("\xed\x9f\xbf", 3, &cp), 3);  /* before surrogates */
	CHECK_INT(cp, 0xd7ff);
	/* Each invalid case: U+FFFD, one byte. */
	static const struct {
		const char *s;
		size_t n;
	} bad[] = {
		{"\x80", 1},                 /* lone continuation byte */
		{"\xbf", 1},
		{"\xc0\xaf", 2},             /* overlong '/' */
		{"\xc1\xbf", 2},
		{"\xe0\x80\xaf", 3},         /* overlong, three bytes */
		{"\xe0\x9f\xbf", 3},
		{"\xf0\x80\x80\xaf", 4},     /* overlong, four bytes */
		{"\xf0\x8f\xbf\xbf", 4},
		{"\xed\xa0\x80", 3},         /* U+D800, a surrogate */
		{"\xed\xbf\xbf", 3},         /* U+DFFF */
		{"\xf4\x90\x80\x80", 4},     /* U+110000 */
		{"\xf5\x80\x80\x80", 4},
		{"\xff", 1},
		{"\xc3", 1},                 /* truncated */
		{"\xc3\xab", 1},             /* truncated by n */
		{"\xe6\xbc", 2},
		{"\xf0\x9f\x98", 3},
		{"\xc3(", 2},                /* not a continuation byte */
		{"\xe6\xbc(", 3},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp = 0;
		CHECK_INT(utf8_decode(bad[i].s, bad[i].n, &cp), 1);
		CHECK_INT(cp, 0xfffd);
	}
}

TEST(utf8_widths)
{
	CHECK_INT(utf8_cp_width('a'), 1);
	CHECK_INT(utf8_cp_width(0xeb), 1);       /* ë */
	CHECK_INT(utf8_cp_width(0x6f22), 2);     /* 漢 */
	CHECK_INT(utf8_cp_width(0x301), 0);      /* combining acute */
	CHECK_INT(utf8_cp_width(0x1f600), 2);    /* 😀 */
	CHECK_INT(utf8_cp_width(0x1f680), 2);    /* 🚀 */
	CHECK_INT(utf8_cp_width(0x200b), 0);     /* zero width space */
	CHECK_INT(utf8_cp_width(0xfe0f), 0);     /* variation selector 16 */
	CHECK_INT(utf8_cp_width(0xfeff), 0);
	CHECK_INT(utf8_cp_width(0x2600), 1);     /* ☀, text by default */
	CHECK_INT(utf8_cp_width(0x26a1), 2);     /* ⚡, emoji by default */
	CHECK_INT(utf8_cp_width(0xff21), 2);     /* fullwidth A */
	CHECK_INT(utf8_cp_width(0xac00), 2);     /* Hangul syllable */
	CHECK_INT(utf8_cp_width(0x2a6df), 2);
	CHECK_INT(utf8_cp_width(0x3fffd), 2);
	CHECK_INT(utf8_cp_width(0xe0100), 0);    /* variation selector 17 */
	CHECK_INT(utf8_cp_width(0), 1);          /* controls: callers replace */
	CHECK_INT(utf8_cp_width(0x1b), 1);
	CHECK_INT(utf8_cp_width(0x85), 1);
	CHECK_INT(utf8_cp_width(0x2028), 1);
	CHECK_INT(utf8_cp_width(0x10ffff), 1);
	CHECK_INT(utf8_width("", 0), 0);
	/* Z o ë 漢 😀 e+U+0301 */
	CHECK_INT(utf8_width("Zo\xc3\xab\xe6\xbc\xa2\xf0\x9f\x98\x80" "e\xcc\x81",
	                     14), 8);
	CHECK_INT(utf8_width("\xe6\xbc\xa2", 2), 2);  /* two invalid bytes */
}

/* Is cp a C0 or C1 control character or DEL? */
static int is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/*
 * utf8_cp_width is glibc's wcwidth in C.UTF-8 (the tables in util.c were
 * made from it), with these documented exceptions: where wcwidth says -1
 * (controls, surrogates, unassigned code points) or 0 for NUL, ours says
 * 1, or 2 for an unassigned code point among wide ones; controls are 1.
 */
TEST(utf8_width_agrees_with_glibc_wcwidth)
{
	char *old = xstrdup(setlocale(LC_ALL, NULL));
	unsigned long first = 0, count = 0, cp;
	int ok = setlocale(LC_ALL, "C.UTF-8") != NULL;
	char why[160] = "";

	for (cp = 0; ok && cp <= 0x10ffff; cp++) {
		int g = wcwidth((wchar_t)cp), ours = utf8_cp_width(cp);
		int agree;

		if (g < 0 || cp == 0)
			agree = is_control(cp) ? ours == 1 : ours == 1 || ours == 2;
		else
			agree = ours == g;
		if (!agree && count++ == 0) {
			first = cp;
			snprintf(why, sizeof why, "U+%04lX: wcwidth %d, ours %d",
			         cp, g, ours);
		}
	}
	setlocale(LC_ALL, old);
	free(old);
	CHECK(ok);   /* the C.UTF-8 locale exists */
	if (count)
		printf("# %lu code points disagree, the first U+%04lX\n", count,
		       first);
	CHECK_STR(why, "");
}

/* Print one range of a table, wrapping lines as util.c has them. */
static void dump_range(unsigned long lo, unsigned long hi, int *col)
{
	char item[40];
	int len = snprintf(item, sizeof item, "{0x%04lx, 0x%04lx},", lo, hi);

	if (*col && *col + 1 + len > 72) {
		printf("\n");
		*col = 0;
	}
	printf("%s%s", *col ? " " : "\t", item);
	*col += (*col ? 1 : 0) + len;
}

/* Print the width tables of util.c as wcwidth in C.UTF-8 makes them, by
 * the rules above; see the comment over them in util.c. */
static int dump_width_tables(void)
{
	static const char *name[] = {"utf8_zero_width", "utf8_double_width"};
	static const int want[] = {0, 2};

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	for (int t = 0; t < 2; t++) {
		/* Wide ones stop at plane 2, which is wide as a whole. */
		unsigned long end = want[t] == 2 ? 0x20000 : 0x110000;
		unsigned long lo = 0, hi = 0, cp;
		int open = 0, col = 0;

		printf("static const struct utf8_range %s[] = {\n", name[t]);
		for (cp = 1; cp <= end; cp++) {
			int g = cp < end ? wcwidth((wchar_t)cp) : -2;

			/* A wide run bridges unassigned (-1) gaps. */
			if (g == want[t] && open && (hi + 1 == cp || want[t] == 2)) {
				hi = cp;
				continue;
			}
			if (g == -1 && want[t] == 2)
				continue;
			if (open)
				dump_range(lo, hi, &col);
			open = g == want[t];
			lo = hi = cp;
		}
		if (want[t] == 2) {
			dump_range(0x20000, 0x2fffd, &col);
			dump_range(0x30000, 0x3fffd, &col);
		}
		printf("\n};\n");
	}
	return 0;
}

int main(void)
{
	if (getenv("DUO_DUMP_WIDTHS"))
		return dump_width_tables();
	RUN(diag_formats_file_line_col);
	RUN(uuid_new_is_valid_v4_and_unique);
	RUN(uuid_is_valid_rejects_malformed);
	RUN(date_validity_follows_the_calendar);
	RUN(date_today_honours_duo_today);
	RUN(utf8_validation_finds_first_bad_byte);
	RUN(strbuf_grows_and_formats);
	RUN(utf8_decode_strict);
	RUN(utf8_widths);
	RUN(utf8_width_agrees_with_glibc_wcwidth);
	return unit_done();
}
