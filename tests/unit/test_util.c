/*
 * test_util.c - unit tests of util.c: diagnostics format, UUIDs, dates,
 * UTF-8 validation and string buffers.
 */
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	RUN(diag_formats_file_line_col);
	RUN(uuid_new_is_valid_v4_and_unique);
	RUN(uuid_is_valid_rejects_malformed);
	RUN(date_validity_follows_the_calendar);
	RUN(date_today_honours_duo_today);
	RUN(utf8_validation_finds_first_bad_byte);
	RUN(strbuf_grows_and_formats);
	return unit_done();
}
