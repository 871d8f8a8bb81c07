/*
 * unit.h - a minimal unit-test harness for duo's core.
 *
 * A test file defines static void test functions with TEST(name) and a
 * main() that calls RUN(name) for each and returns unit_done(). Each test
 * prints one line, "ok - name" or "not ok - name: file:line: what", which
 * tests/run.sh counts. A failed CHECK ends the test at once.
 */
#ifndef DUO_UNIT_H
#define DUO_UNIT_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf unit_jmp;
static int unit_failed_count;
static int unit_passed_count;
static char unit_why[1024];

#define TEST(name) static void name(void)

#define CHECK(cond) do { \
	if (!(cond)) { \
		snprintf(unit_why, sizeof unit_why, "%s:%d: %s", __FILE__, \
		         __LINE__, #cond); \
		longjmp(unit_jmp, 1); \
	} \
} while (0)

/* Compare strings, showing both on failure. NULL is shown as (null). */
#define CHECK_STR(got, want) do { \
	const char *unit_g = (got), *unit_w = (want); \
	if (!((unit_g == NULL && unit_w == NULL) || \
	      (unit_g && unit_w && strcmp(unit_g, unit_w) == 0))) { \
		snprintf(unit_why, sizeof unit_why, \
		         "%s:%d: %s: got \"%.400s\", want \"%.400s\"", \
		         __FILE__, __LINE__, #got, unit_g ? unit_g : "(null)", \
		         unit_w ? unit_w : "(null)"); \
		longjmp(unit_jmp, 1); \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long unit_g = (long)(got), unit_w = (long)(want); \
	if (unit_g != unit_w) { \
		snprintf(unit_why, sizeof unit_why, "%s:%d: %s: got %ld, want %ld", \
		         __FILE__, __LINE__, #got, unit_g, unit_w); \
		longjmp(unit_jmp, 1); \
	} \
} while (0)

/* Substring check, for messages. */
#define CHECK_CONTAINS(hay, needle) do { \
	const char *unit_h = (hay), *unit_n = (needle); \
	if (!unit_h || !strstr(unit_h, unit_n)) { \
		snprintf(unit_why, sizeof unit_why, \
		         "%s:%d: \"%.400s\" does not contain \"%s\"", __FILE__, \
		         __LINE__, unit_h ? unit_h : "(null)", unit_n); \
		longjmp(unit_jmp, 1); \
	} \
} while (0)

#define RUN(name) do { \
	if (setjmp(unit_jmp) == 0) { \
		name(); \
		printf("ok - %s\n", #name); \
		unit_passed_count++; \
	} else { \
		printf("not ok - %s: %s\n", #name, unit_why); \
		unit_failed_count++; \
	} \
	fflush(stdout); \
} while (0)

static inline int unit_done(void)
{
	return unit_failed_count ? 1 : 0;
}

#endif
