/*
 * summary_markdown.c - the household summary as Markdown (CommonMark),
 * for a team that pastes it into a mail or a document (summary.h).
 *
 * It walks the blocks of the model in order and knows nothing of the case.
 * Headings are ATX headings (# to ####); lists are "- " items with their
 * details as a nested list of "**Label:** value"; the pairs of a concern
 * are a list of the same kind; the household's own words are in italics.
 * A line break inside a text is a hard break (a backslash at the end of
 * the line), a blank line a new paragraph.
 *
 * Every text comes from people, so everything Markdown could read as
 * syntax is escaped with a backslash: inline markers anywhere (\ ` * _ [ ]
 * < > & | ~ !), and what starts a block at the start of a line (#, >, -,
 * +, =, "1." and "1)"). Leading spaces of a line are dropped, so a text
 * never becomes a code block. Control characters are dropped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "summary_impl.h"

/* Append one line of text (no newline inside) escaped for Markdown. */
static void add_line(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	/* what would start a block at the start of a line (> is escaped
	 * below, with the inline markers) */
	if (i < n && strchr("#-+=", s[i]))
		sb_addc(sb, '\\');
	else if (i < n && s[i] >= '0' && s[i] <= '9') {
		size_t j = i;

		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j < n && (s[j] == '.' || s[j] == ')')) {
			sb_addn(sb, s + i, j - i);
			sb_addc(sb, '\\');
			i = j;
		}
	}
	for (; i < n; i++) {
		if (strchr("\\`*_[]<>&|~!", s[i]))
			sb_addc(sb, '\\');
		sb_addc(sb, s[i]);
	}
}

/* Append text escaped; each line after the first starts with indent and
 * follows a hard break. */
static void add_text(struct strbuf *sb, const char *text, const char *indent)
{
	char *c = summary_clean(text);
	const char *p = c;

	for (int first = 1;; first = 0) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		if (!first) {
			/* an empty line would end the paragraph: keep it a break */
			sb_add(sb, "\\\n");
			sb_add(sb, indent);
		}
		add_line(sb, p, n);
		if (!eol)
			break;
		p = eol + 1;
	}
	free(c);
}

/* "- **Label:** value" at indent; own words in italics. */
static void add_pair(struct strbuf *sb, const char *indent,
                     const struct summary_pair *p)
{
	char *label = summary_clean(p->label);
	size_t n = strlen(label);
	char *more = xasprintf("%s  ", indent);

	sb_add(sb, indent);
	sb_add(sb, "- **");
	add_line(sb, label, n);
	if (n == 0 || (label[n - 1] != '?' && label[n - 1] != ':'))
		sb_addc(sb, ':');
	sb_add(sb, "** ");
	if (p->flags & SUMMARY_OWN_WORDS)
		sb_addc(sb, '*');
	add_text(sb, p->value, more);
	if (p->flags & SUMMARY_OWN_WORDS)
		sb_addc(sb, '*');
	sb_addc(sb, '\n');
	free(more);
	free(label);
}

/* See summary.h. */
int summary_render_markdown(FILE *out, const struct summary *s,
                            const struct summary_render_opts *o,
                            struct diags *d)
{
	struct strbuf sb = {0};

	(void)o;
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct summary_block *b = &s->blocks[i];
		int level = b->level < 1 ? 1 : b->level > 4 ? 4 : b->level;

		if (sb.len)
			sb_addc(&sb, '\n');
		switch (b->type) {
		case SUMMARY_HEADING: {
			/* a heading is one line: line breaks become spaces */
			char *one = summary_clean(b->text);

			for (char *q = one; *q; q++)
				if (*q == '\n')
					*q = ' ';
			for (int k = 0; k < level; k++)
				sb_addc(&sb, '#');
			sb_addc(&sb, ' ');
			add_line(&sb, one, strlen(one));
			sb_addc(&sb, '\n');
			free(one);
			break;
		}
		case SUMMARY_PARAGRAPH:
			add_text(&sb, b->text, "");
			sb_addc(&sb, '\n');
			break;
		case SUMMARY_LIST:
			for (size_t j = 0; j < b->nitems; j++) {
				const struct summary_item *it = &b->items[j];

				sb_add(&sb, "- ");
				add_text(&sb, it->text, "  ");
				sb_addc(&sb, '\n');
				for (size_t k = 0; k < it->npairs; k++)
					add_pair(&sb, "  ", &it->pairs[k]);
			}
			break;
		case SUMMARY_PAIRS:
			for (size_t j = 0; j < b->npairs; j++)
				add_pair(&sb, "", &b->pairs[j]);
			break;
		}
	}
	errno = 0;
	if (sb.len && (fwrite(sb.s, 1, sb.len, out) != sb.len ||
	               fflush(out) != 0)) {
		diag_add(d, NULL, 0, 0, "schrijven mislukt: %s",
		         output_why(errno));
		sb_free(&sb);
		return -1;
	}
	sb_free(&sb);
	return 0;
}
