/*
 * util.h - small things every module of duo uses: allocation wrappers that
 * never return NULL, a growable string buffer, the one way duo reports
 * problems (a list of file:line:column diagnostics), UUIDs, dates and UTF-8.
 *
 * Nothing here knows about SQLite, YAML or the terminal.
 */
#ifndef DUO_UTIL_H
#define DUO_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define DUO_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DUO_PRINTF(a, b)
#endif

/* Allocation: on failure these print a message and exit(3); never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) DUO_PRINTF(1, 2);

/* Grow *v (an array of *cap elements of size elem) so that it holds need. */
void xgrow(void *vp, size_t *cap, size_t need, size_t elem);

/* A growable NUL-terminated string. Zero-initialise; sb_free releases. */
struct strbuf {
	char *s;     /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) DUO_PRINTF(2, 3);
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
char *sb_steal(struct strbuf *sb);       /* caller owns; sb is reset */
const char *sb_str(const struct strbuf *sb); /* "" when empty */
void sb_free(struct strbuf *sb);

/*
 * Diagnostics: the single error-reporting convention of duo. Every problem a
 * user can cause becomes one entry "file:line:column: message" (line and
 * column 1-based; 0 means unknown and is left out when printed). Messages
 * are Dutch, for the professional who reads them.
 */
struct diag {
	char *file;  /* may be NULL */
	int line;
	int col;
	char *msg;
};
struct diags {
	struct diag *v;
	size_t n;
	size_t cap;
};
void diag_add(struct diags *d, const char *file, int line, int col,
              const char *fmt, ...) DUO_PRINTF(5, 6);
void diag_vadd(struct diags *d, const char *file, int line, int col,
               const char *fmt, va_list ap);
/* Format one diagnostic as "file:line:col: msg"; caller frees. */
char *diag_format(const struct diag *g);
void diags_print(FILE *f, const struct diags *d);  /* one per line */
void diags_clear(struct diags *d);                 /* free entries, keep usable */
void diags_free(struct diags *d);

/* UUIDs: random (v4) only; time-based ids leak the MAC and time. */
#define UUID_STR_LEN 37 /* 36 characters and the NUL */
void uuid_new(char out[UUID_STR_LEN]);             /* lowercase */
int uuid_is_valid(const char *s);                  /* 1 if canonical 8-4-4-4-12 */

/* Dates are "YYYY-MM-DD" strings on the proleptic Gregorian calendar. */
int date_is_valid(const char *s);                  /* 1 if a real calendar day */
/* Today as YYYY-MM-DD in local time; $DUO_TODAY (a valid date) overrides,
 * so tests and benchmarks are deterministic. */
void date_today(char out[11]);
/* Now as an ISO-8601 UTC timestamp "YYYY-MM-DDTHH:MM:SSZ"; $DUO_NOW
 * (same format) overrides, for deterministic tests. */
void time_now_iso(char out[21]);

/* UTF-8: 1 if s[0..n) is valid UTF-8 without NUL bytes; on failure *bad
 * (if not NULL) is the byte offset of the first invalid byte. */
int utf8_valid(const char *s, size_t n, size_t *bad);
/* Decode one character from s[0..n) (n >= 1) into *cp and return its
 * length in bytes; an invalid sequence gives U+FFFD and length 1. */
size_t utf8_decode(const char *s, size_t n, unsigned long *cp);
/* Terminal columns of a character, independent of the locale: 0 for
 * combining marks and zero-width characters, 2 for East Asian wide and
 * emoji, 1 otherwise (control characters count 1: callers replace them). */
int utf8_cp_width(unsigned long cp);
/* Columns of the first n bytes of s. */
int utf8_width(const char *s, size_t n);

/* String helpers. */
int str_eq(const char *a, const char *b);          /* NULL-safe equality */
int str_empty(const char *s);                      /* NULL or "" */
int str_has_prefix(const char *s, const char *prefix);
/* s as a whole number >= 0 (decimal, nothing else), or -1. */
long str_whole(const char *s);

#endif
