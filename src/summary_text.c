/*
 * summary_text.c - the household summary as plain text (summary.h): for
 * the terminal, the screen's preview and a printer without frills.
 *
 * It walks the blocks of the model in order and knows nothing of the case.
 * The title is underlined with '=', a part with '-', a concern with '~';
 * a phase stands on a line of its own and the list under it is indented.
 * Text is wrapped at the width counted in display columns of UTF-8 text
 * (util.h); a word longer than the line is cut. Control characters and
 * invalid bytes are dropped, so a case file cannot send escape sequences
 * to a terminal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "summary_impl.h"

#define DEFAULT_WIDTH 72
#define MIN_WIDTH 20
#define STEP 2          /* indent of nested text */

struct out {
	struct strbuf sb;
	int width;
	int indent;         /* of lists and pairs under a level-4 heading */
};

/* Bytes of s[0..n) that fit in cols columns (at least one character). */
static size_t fit(const char *s, size_t n, int cols)
{
	size_t i = 0, ok = 0;
	int w = 0;

	while (i < n) {
		unsigned long cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		w += utf8_cp_width(cp);
		if (w > cols && ok > 0)
			break;
		i += k;
		ok = i;
		if (w >= cols)
			break;
	}
	return ok;
}

static void spaces(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_addc(sb, ' ');
}

/*
 * Write text wrapped: the first line starts with lead (at column col) and
 * a space, every other line at column hang. Each line of text is a line of its
 * own; an empty one stays empty. Ends with a newline.
 */
static void put_wrapped(struct out *o, int col, const char *lead, int hang,
                        const char *text)
{
	char *c = summary_clean(text);
	const char *p = c;
	int first = 1;

	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		int cur, content = 0;
		size_t i = 0;

		if (first) {
			spaces(&o->sb, col);
			cur = col;
			if (lead && *lead) {
				sb_add(&o->sb, lead);
				cur += utf8_width(lead, strlen(lead));
				content = 1;
			}
		} else {
			cur = 0;
		}
		while (i < n) {
			size_t start, len;
			int w;

			while (i < n && p[i] == ' ')
				i++;
			if (i == n)
				break;
			start = i;
			while (i < n && p[i] != ' ')
				i++;
			len = i - start;
			w = utf8_width(p + start, len);
			if (!first && !content && cur == 0) {
				spaces(&o->sb, hang);
				cur = hang;
			}
			if (content && cur + 1 + w > o->width) {
				sb_addc(&o->sb, '\n');
				spaces(&o->sb, hang);
				cur = hang;
				content = 0;
			}
			if (content) {
				sb_addc(&o->sb, ' ');
				cur++;
			}
			while (cur + w > o->width) {
				/* a word longer than the line: cut it */
				size_t k = fit(p + start, len, o->width - cur);

				sb_addn(&o->sb, p + start, k);
				start += k;
				len -= k;
				w = utf8_width(p + start, len);
				sb_addc(&o->sb, '\n');
				spaces(&o->sb, hang);
				cur = hang;
			}
			sb_addn(&o->sb, p + start, len);
			cur += w;
			content = 1;
		}
		sb_addc(&o->sb, '\n');
		first = 0;
		if (!eol)
			break;
		p = eol + 1;
	}
	free(c);
}

static void blank(struct out *o)
{
	if (o->sb.len)
		sb_addc(&o->sb, '\n');
}

static void put_heading(struct out *o, const struct summary_block *b)
{
	static const char under[] = {0, '=', '-', '~', 0};
	char *c = summary_clean(b->text);
	int level = b->level < 1 ? 1 : b->level > 4 ? 4 : b->level;
	int w = utf8_width(c, strlen(c));

	blank(o);
	o->indent = 0;
	put_wrapped(o, 0, NULL, 0, c);
	if (under[level]) {
		if (w > o->width)
			w = o->width;
		for (int i = 0; i < w; i++)
			sb_addc(&o->sb, under[level]);
		sb_addc(&o->sb, '\n');
	}
	if (level == 4)
		o->indent = STEP;
	free(c);
}

/* "Label: value" on one line when it fits, else the label on its line and
 * the value under it, indented. The household's own words in quotes. */
static void put_pair(struct out *o, int col, const struct summary_pair *p)
{
	char *label = summary_clean(p->label), *value = summary_clean(p->value);
	struct strbuf lead = {0}, v = {0};
	size_t ll;

	sb_add(&lead, label);
	ll = strlen(label);
	if (ll == 0 || (label[ll - 1] != '?' && label[ll - 1] != ':'))
		sb_addc(&lead, ':');
	if (p->flags & SUMMARY_OWN_WORDS)
		sb_addf(&v, "\"%s\"", value);
	else
		sb_add(&v, value);
	if (!strchr(v.s, '\n') &&
	    col + utf8_width(lead.s, lead.len) + 1 + utf8_width(v.s, v.len) <=
	    o->width) {
		put_wrapped(o, col, lead.s, col + STEP, v.s);
	} else {
		put_wrapped(o, col, NULL, col, lead.s);
		put_wrapped(o, col + STEP, NULL, col + STEP, v.s);
	}
	sb_free(&lead);
	sb_free(&v);
	free(label);
	free(value);
}

static void put_list(struct out *o, const struct summary_block *b)
{
	int col = o->indent, details = 0;

	for (size_t i = 0; i < b->nitems; i++)
		details |= b->items[i].npairs > 0;
	for (size_t i = 0; i < b->nitems; i++) {
		const struct summary_item *it = &b->items[i];

		/* items with details get a blank line between them */
		if (i == 0 || details)
			blank(o);
		put_wrapped(o, col, "-", col + STEP, it->text);
		for (size_t j = 0; j < it->npairs; j++)
			put_pair(o, col + STEP, &it->pairs[j]);
	}
}

static void put_pairs(struct out *o, const struct summary_block *b)
{
	blank(o);
	for (size_t i = 0; i < b->npairs; i++)
		put_pair(o, o->indent, &b->pairs[i]);
}

/* See summary.h. */
int summary_render_text(FILE *out, const struct summary *s,
                        const struct summary_render_opts *opts,
                        struct diags *d)
{
	struct out o = {{0}, DEFAULT_WIDTH, 0};

	if (opts && opts->width > 0)
		o.width = opts->width < MIN_WIDTH ? MIN_WIDTH : opts->width;
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct summary_block *b = &s->blocks[i];

		switch (b->type) {
		case SUMMARY_HEADING:
			put_heading(&o, b);
			break;
		case SUMMARY_PARAGRAPH:
			blank(&o);
			put_wrapped(&o, 0, NULL, 0, b->text);
			break;
		case SUMMARY_LIST:
			put_list(&o, b);
			break;
		case SUMMARY_PAIRS:
			put_pairs(&o, b);
			break;
		}
	}
	errno = 0;
	if (o.sb.len && (fwrite(o.sb.s, 1, o.sb.len, out) != o.sb.len ||
	                 fflush(out) != 0)) {
		diag_add(d, NULL, 0, 0, "schrijven mislukt: %s",
		         output_why(errno));
		sb_free(&o.sb);
		return -1;
	}
	sb_free(&o.sb);
	return 0;
}
