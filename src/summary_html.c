/*
 * summary_html.c - the household summary as one self-contained HTML file,
 * to open on a phone or print on A4 (summary.h).
 *
 * It walks the blocks of the model in order and knows nothing of the case.
 * The file has lang="nl", UTF-8, a viewport for phones, its CSS inline and
 * nothing else: no script, no image, no font or style sheet from anywhere.
 * Headings are h1..h4; a list is a ul whose items carry their details as a
 * dl; the pairs of a concern are a dl; the household's own words are a q.
 * Every text is escaped (& < > " '); a line break inside a text is a <br>.
 * Long words may break anywhere, so nothing is cut off on a narrow screen
 * or on paper, except phone numbers and e-mail addresses, which stay
 * whole on one line; the print style keeps a heading with what follows
 * it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "summary_impl.h"

static const char style[] =
	"html{font-family:system-ui,\"Segoe UI\",Roboto,\"Helvetica Neue\","
	"Arial,sans-serif;font-size:112.5%;line-height:1.5;color:#1a1a1a;"
	"background:#fff}\n"
	"body{margin:0 auto;max-width:40em;padding:1em 1.25em 3em;"
	"overflow-wrap:anywhere;word-break:break-word}\n"
	"h1{font-size:1.6em;line-height:1.25;margin:.5em 0 .75em}\n"
	"h2{font-size:1.3em;line-height:1.3;margin:1.75em 0 .5em;"
	"padding-bottom:.2em;border-bottom:2px solid #2b6cb0}\n"
	"h3{font-size:1.1em;line-height:1.3;margin:1.5em 0 .4em}\n"
	"h4{font-size:1em;margin:1.2em 0 .3em;color:#2b4a6f}\n"
	"p{margin:0 0 .8em}\n"
	"ul{padding-left:1.25em;margin:0 0 1em}\n"
	"li{margin:0 0 .6em}\n"
	"li>p{margin:0}\n"
	"dl{margin:.3em 0 1em}\n"
	"li>dl{margin:.25em 0 0}\n"
	"dt{font-weight:600}\n"
	"dd{margin:0 0 .5em 1.25em}\n"
	"q{font-style:italic}\n"
	".nw{white-space:nowrap}\n"
	"@page{size:A4;margin:18mm 18mm 20mm}\n"
	"@media print{html{font-size:11pt}body{max-width:none;padding:0}"
	"h2{border-color:#000}h1,h2,h3,h4,dt{break-after:avoid;"
	"page-break-after:avoid}li,dd,p{break-inside:avoid;"
	"page-break-inside:avoid}}\n";

/* Append n bytes of s escaped for HTML; a line break becomes <br>. */
static void add_escaped(struct strbuf *sb, const char *s, size_t n)
{
	for (const char *p = s; p < s + n; p++) {
		switch (*p) {
		case '&': sb_add(sb, "&amp;"); break;
		case '<': sb_add(sb, "&lt;"); break;
		case '>': sb_add(sb, "&gt;"); break;
		case '"': sb_add(sb, "&quot;"); break;
		case '\'': sb_add(sb, "&#39;"); break;
		case '\n': sb_add(sb, "<br>\n"); break;
		default: sb_addc(sb, *p); break;
		}
	}
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A character of the part of an e-mail address before the @. */
static int is_local(char c)
{
	return is_alnum(c) || (c && strchr("._%+-", c));
}

/* The length of the e-mail address at p (name@domain.tld), or 0. */
static size_t email_len(const char *p)
{
	size_t n = 0, at, end, dot = 0;

	while (is_local(p[n]))
		n++;
	if (n == 0 || p[n] != '@')
		return 0;
	at = n++;
	while (is_alnum(p[n]) || p[n] == '.' || p[n] == '-')
		n++;
	end = n;
	while (end > at + 1 && (p[end - 1] == '.' || p[end - 1] == '-'))
		end--;  /* the full stop of the sentence is not part of it */
	for (size_t i = at + 2; i < end; i++)
		if (p[i] == '.')
			dot = i;
	return dot ? end : 0;
}

/* The length of the phone number at p, or 0: a 0 or + and at least
 * PHONE_MIN_DIGITS digits in groups parted by one blank or hyphen
 * ("0318 000 101", "06-12345678", "+31 6 1234 5678"). */
#define PHONE_MIN_DIGITS 8
static size_t phone_len(const char *p)
{
	size_t n = 0, digits = 0;

	if (*p == '+')
		n++;
	else if (*p != '0')
		return 0;
	while (1) {
		if (is_digit(p[n])) {
			digits++;
			n++;
		} else if ((p[n] == ' ' || p[n] == '-') && n > 0 &&
		           is_digit(p[n - 1]) && is_digit(p[n + 1])) {
			n++;
		} else {
			break;
		}
	}
	if (digits < PHONE_MIN_DIGITS || is_alnum(p[n]))
		return 0;
	return n;
}

/* Append text escaped for HTML. Phone numbers and e-mail addresses are
 * kept on one line (class nw): a number broken over two lines is easily
 * misread or half copied. */
static void add_text(struct strbuf *sb, const char *text)
{
	char *c = summary_clean(text);
	const char *done = c;

	for (const char *p = c; *p; p++) {
		size_t n = 0;

		if (p > c && (is_local(p[-1]) || p[-1] == '@'))
			continue;  /* not at the start of a word */
		if (!(n = phone_len(p)))
			n = email_len(p);
		if (!n)
			continue;
		add_escaped(sb, done, (size_t)(p - done));
		sb_add(sb, "<span class=\"nw\">");
		add_escaped(sb, p, n);
		sb_add(sb, "</span>");
		p += n - 1;
		done = p + 1;
	}
	add_escaped(sb, done, strlen(done));
	free(c);
}

static void add_pairs(struct strbuf *sb, const struct summary_pair *v,
                      size_t n)
{
	sb_add(sb, "<dl>\n");
	for (size_t i = 0; i < n; i++) {
		sb_add(sb, "<dt>");
		add_text(sb, v[i].label);
		sb_add(sb, "</dt>\n<dd>");
		if (v[i].flags & SUMMARY_OWN_WORDS)
			sb_add(sb, "<q>");
		add_text(sb, v[i].value);
		if (v[i].flags & SUMMARY_OWN_WORDS)
			sb_add(sb, "</q>");
		sb_add(sb, "</dd>\n");
	}
	sb_add(sb, "</dl>\n");
}

/* See summary.h. */
int summary_render_html(FILE *out, const struct summary *s,
                        const struct summary_render_opts *o,
                        struct diags *d)
{
	struct strbuf sb = {0};

	(void)o;
	sb_add(&sb, "<!DOCTYPE html>\n<html lang=\"");
	add_text(&sb, s->lang ? s->lang : "nl");
	sb_add(&sb, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, "
	       "initial-scale=1\">\n<title>");
	add_text(&sb, s->title);
	sb_add(&sb, "</title>\n<style>\n");
	sb_add(&sb, style);
	sb_add(&sb, "</style>\n</head>\n<body>\n<main>\n");
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct summary_block *b = &s->blocks[i];
		int level = b->level < 1 ? 1 : b->level > 4 ? 4 : b->level;

		switch (b->type) {
		case SUMMARY_HEADING:
			sb_addf(&sb, "<h%d>", level);
			add_text(&sb, b->text);
			sb_addf(&sb, "</h%d>\n", level);
			break;
		case SUMMARY_PARAGRAPH:
			sb_add(&sb, "<p>");
			add_text(&sb, b->text);
			sb_add(&sb, "</p>\n");
			break;
		case SUMMARY_LIST:
			sb_add(&sb, "<ul>\n");
			for (size_t j = 0; j < b->nitems; j++) {
				const struct summary_item *it = &b->items[j];

				sb_add(&sb, it->npairs ? "<li><p>" : "<li>");
				add_text(&sb, it->text);
				sb_add(&sb, it->npairs ? "</p>\n" : "");
				if (it->npairs)
					add_pairs(&sb, it->pairs, it->npairs);
				sb_add(&sb, "</li>\n");
			}
			sb_add(&sb, "</ul>\n");
			break;
		case SUMMARY_PAIRS:
			add_pairs(&sb, b->pairs, b->npairs);
			break;
		}
	}
	sb_add(&sb, "</main>\n</body>\n</html>\n");
	errno = 0;
	if (fwrite(sb.s, 1, sb.len, out) != sb.len || fflush(out) != 0) {
		diag_add(d, NULL, 0, 0, "schrijven mislukt: %s",
		         output_why(errno));
		sb_free(&sb);
		return -1;
	}
	sb_free(&sb);
	return 0;
}
