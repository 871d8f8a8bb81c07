/*
 * textedit.c - the text being typed into one field, and how it wraps (see
 * textedit.h).
 *
 * The text is kept normalised: valid UTF-8 whose only control characters
 * are newlines (and those only in a multi-line field). Everything typed,
 * pasted or set goes through te_normalise, so the layout and the screen
 * never meet a tab, an escape sequence or a stray byte.
 *
 * The cursor moves over clusters: a character with the zero-width
 * characters after it (combining marks, variation selectors, Hangul medial
 * jamo). So it never sits between an e and its U+0301, where the screen
 * could not show it, and backspace removes what looks like one character.
 * (Inserting before a mark at the very start of the text is the one way to
 * put the cursor inside a cluster; moving on repairs it.)
 *
 * Wrapping: a line takes clusters while they fit. Spaces always go on the
 * line they follow, even past the edge, and the line may break after them;
 * a word that does not fit moves to the next line, and a word wider than
 * the whole width is broken before the first cluster that does not fit (so
 * a wide character never straddles the edge). Every line holds at least
 * one cluster, even one wider than the width. A newline ends its line and
 * is in no line.
 *
 * Every operation is O(n) in the length of the text: the ones that need
 * lines (up, down, home, end, the cursor position) lay the text out again,
 * which costs microseconds for the few KB a field holds.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textedit.h"

/* ---- characters and clusters ----------------------------------------- */

static int te_is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* Words are runs of anything but these. */
static int te_is_space(char c)
{
	return c == ' ' || c == '\n';
}

/* The invariants of a textedit: the cursor inside the text, on a character
 * boundary; the text NUL-terminated when it has storage. */
static void te_check(const struct textedit *te)
{
	assert(te->cur <= te->text.len);
	assert(te->text.s || te->text.len == 0);
	assert(!te->text.s || te->text.s[te->text.len] == '\0');
	assert(te->cur == te->text.len || !te_is_cont(te->text.s[te->cur]));
}

/* The start of the character before byte pos (pos > 0). */
static size_t te_char_before(const char *s, size_t pos)
{
	assert(pos > 0);
	pos--;
	while (pos > 0 && te_is_cont(s[pos]))
		pos--;
	return pos;
}

/* The end of the cluster that starts at pos (< len), and in *width its
 * columns. A newline is a cluster of its own. */
static size_t te_cluster_end(const char *s, size_t len, size_t pos, int *width)
{
	unsigned long cp;
	size_t i;

	assert(pos < len);
	i = pos + utf8_decode(s + pos, len - pos, &cp);
	*width = utf8_cp_width(cp);
	if (cp == '\n')
		return i;
	/* Nothing below U+0300, which starts with byte 0xcc, is zero-width:
	 * plain text never decodes the character after. */
	while (i < len && (unsigned char)s[i] >= 0xcc) {
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (utf8_cp_width(cp) != 0)
			break;
		i += k;
	}
	return i;
}

/* The start of the cluster that ends at pos (> 0). */
static size_t te_cluster_start(const char *s, size_t pos)
{
	size_t i = te_char_before(s, pos);

	for (;;) {
		unsigned long cp;
		size_t j;

		utf8_decode(s + i, pos - i, &cp);
		if (i == 0 || cp == '\n' || utf8_cp_width(cp) != 0)
			return i;
		/* A zero-width character: its cluster begins at the character
		 * before it, unless that is a newline. */
		j = te_char_before(s, i);
		utf8_decode(s + j, i - j, &cp);
		if (cp == '\n')
			return i;
		i = j;
	}
}

/* Append s[0..n) to out as a field holds it: invalid UTF-8 becomes U+FFFD,
 * CR LF and CR become LF, LF becomes a space in a single-line field, a tab
 * becomes a space and other control characters (C0, DEL, C1) go. */
static void te_normalise(struct strbuf *out, const char *s, size_t n,
                         int multiline)
{
	size_t i = 0;

	while (i < n) {
		unsigned long cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (cp == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				k = 2;
			cp = '\n';
		}
		if (cp == '\n')
			sb_addc(out, multiline ? '\n' : ' ');
		else if (cp == '\t')
			sb_addc(out, ' ');
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			;  /* dropped */
		else if (cp == 0xfffd && k == 1)
			sb_add(out, "\xef\xbf\xbd");  /* an invalid byte */
		else
			sb_addn(out, s + i, k);
		i += k;
	}
}

/* ---- editing ------------------------------------------------------------ */

void te_init(struct textedit *te, const char *text, int multiline)
{
	memset(te, 0, sizeof *te);
	te->multiline = multiline;
	te->goal_col = -1;
	te_set(te, text);
	te->changed = 0;
}

void te_free(struct textedit *te)
{
	sb_free(&te->text);
	te->cur = 0;
}

void te_set(struct textedit *te, const char *text)
{
	struct strbuf sb = {0};

	te_normalise(&sb, text ? text : "", text ? strlen(text) : 0,
	             te->multiline);
	if (!str_eq(sb_str(&sb), te_text(te)))
		te->changed = 1;
	sb_free(&te->text);
	te->text = sb;
	te->cur = sb.len;
	te->goal_col = -1;
	te_check(te);
}

const char *te_text(const struct textedit *te)
{
	return sb_str(&te->text);
}

/* Remove bytes [a, b) of the text, which are on cluster boundaries, and put
 * the cursor at a. */
static void te_remove(struct textedit *te, size_t a, size_t b)
{
	struct strbuf *t = &te->text;

	assert(a <= b && b <= t->len);
	te->goal_col = -1;
	if (a == b)
		return;
	memmove(t->s + a, t->s + b, t->len - b + 1);  /* with the NUL */
	t->len -= b - a;
	te->cur = a;
	te->changed = 1;
	te_check(te);
}

void te_insert(struct textedit *te, const char *s, size_t n)
{
	struct strbuf add = {0};
	struct strbuf *t = &te->text;
	size_t room = SIZE_MAX, k;

	te_check(te);
	te->goal_col = -1;
	te_normalise(&add, s, n, te->multiline);
	if (te->max_bytes)
		room = t->len >= te->max_bytes ? 0 : te->max_bytes - t->len;
	k = add.len;
	if (k > room) {
		k = room;
		while (k > 0 && te_is_cont(add.s[k]))
			k--;  /* back to the start of the character cut in two */
	}
	if (k > 0) {
		xgrow(&t->s, &t->cap, t->len + k + 1, 1);
		memmove(t->s + te->cur + k, t->s + te->cur, t->len - te->cur);
		memcpy(t->s + te->cur, add.s, k);
		t->len += k;
		t->s[t->len] = '\0';
		te->cur += k;
		te->changed = 1;
	}
	sb_free(&add);
	te_check(te);
}

void te_backspace(struct textedit *te)
{
	te_check(te);
	if (te->cur == 0) {
		te->goal_col = -1;
		return;
	}
	te_remove(te, te_cluster_start(te->text.s, te->cur), te->cur);
}

void te_delete(struct textedit *te)
{
	int w;

	te_check(te);
	if (te->cur == te->text.len) {
		te->goal_col = -1;
		return;
	}
	te_remove(te, te->cur,
	          te_cluster_end(te->text.s, te->text.len, te->cur, &w));
}

/* Where a move one word to the left from pos ends: the start of the word
 * before it, skipping the spaces and newlines in between. */
static size_t te_word_start(const char *s, size_t pos)
{
	while (pos > 0 && te_is_space(s[pos - 1]))
		pos--;
	while (pos > 0 && !te_is_space(s[pos - 1]))
		pos--;
	return pos;
}

void te_delete_word_back(struct textedit *te)
{
	te_check(te);
	te_remove(te, te_word_start(te_text(te), te->cur), te->cur);
}

/* Delete to the end of the logical line; at its end, join the next line
 * to it (delete the newline), as Ctrl-K does in Emacs and readline. */
void te_kill_to_end(struct textedit *te)
{
	const char *s = te_text(te);
	size_t e = te->cur;

	te_check(te);
	while (e < te->text.len && s[e] != '\n')
		e++;
	if (e == te->cur && e < te->text.len)
		e++;
	te_remove(te, te->cur, e);
}

/* ---- moving --------------------------------------------------------------- */

void te_left(struct textedit *te)
{
	te_check(te);
	te->goal_col = -1;
	if (te->cur > 0)
		te->cur = te_cluster_start(te->text.s, te->cur);
}

void te_right(struct textedit *te)
{
	int w;

	te_check(te);
	te->goal_col = -1;
	if (te->cur < te->text.len)
		te->cur = te_cluster_end(te->text.s, te->text.len, te->cur, &w);
}

void te_word_left(struct textedit *te)
{
	te_check(te);
	te->goal_col = -1;
	te->cur = te_word_start(te_text(te), te->cur);
}

/* To the end of the word after the cursor, skipping spaces before it. */
void te_word_right(struct textedit *te)
{
	const char *s = te_text(te);
	size_t p = te->cur;

	te_check(te);
	te->goal_col = -1;
	while (p < te->text.len && te_is_space(s[p]))
		p++;
	while (p < te->text.len && !te_is_space(s[p]))
		p++;
	te->cur = p;
}

void te_start(struct textedit *te)
{
	te->goal_col = -1;
	te->cur = 0;
}

void te_finish(struct textedit *te)
{
	te->goal_col = -1;
	te->cur = te->text.len;
}

/* ---- layout ----------------------------------------------------------------- */

static void te_line_add(struct te_line **v, size_t *n, size_t *cap,
                        size_t start, size_t end, int width)
{
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*v)[*n].width = width;
	(*n)++;
}

size_t te_layout(const struct textedit *te, int width, struct te_line **lines)
{
	const char *s = te_text(te);
	size_t len = te->text.len, n = 0, cap = 0;
	size_t start = 0, pos = 0;
	size_t brk = 0;      /* after the last space on the line; start: none */
	int w = 0, brkw = 0; /* columns of [start, pos) and [start, brk) */
	struct te_line *v = NULL;

	assert(width >= 1);
	te_check(te);
	while (pos < len) {
		size_t next;
		int cw;

		if (s[pos] == '\n') {
			te_line_add(&v, &n, &cap, start, pos, w);
			start = brk = ++pos;
			w = 0;
			continue;
		}
		next = te_cluster_end(s, len, pos, &cw);
		if (s[pos] == ' ') {
			/* A space always fits: it hangs past the edge if need be. */
			w += cw;
			pos = brk = next;
			brkw = w;
			continue;
		}
		if (w + cw > width && pos > start) {
			if (brk > start) {
				/* Move the word to the next line; look again. */
				te_line_add(&v, &n, &cap, start, brk, brkw);
				w -= brkw;
				start = brk;
				continue;
			}
			/* A word wider than the line: break it here. */
			te_line_add(&v, &n, &cap, start, pos, w);
			start = brk = pos;
			w = 0;
		}
		w += cw;
		pos = next;
	}
	te_line_add(&v, &n, &cap, start, len, w);
	*lines = v;
	return n;
}

/* 1 if line i of n ends at a wrap point: the cursor at its end is shown at
 * the start of the next line. */
static int te_soft(const struct textedit *te, const struct te_line *v,
                   size_t n, size_t i)
{
	return i + 1 < n && te_text(te)[v[i].end] != '\n';
}

/* The line of the cursor among the n lines v. */
static size_t te_line_of(const struct textedit *te, const struct te_line *v,
                         size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (te->cur < v[i].end ||
		    (te->cur == v[i].end && !te_soft(te, v, n, i)))
			return i;
	assert(0 && "cursor outside the layout");
	return n - 1;
}

/* The column of the cursor on line l, at most width - 1. */
static int te_col_on(const struct textedit *te, const struct te_line *l,
                     int width)
{
	int col;

	assert(te->cur >= l->start && te->cur <= l->end);
	col = utf8_width(te_text(te) + l->start, te->cur - l->start);
	return col < width ? col : width - 1;
}

void te_cursor_pos(const struct textedit *te, int width, size_t *line,
                   int *col)
{
	struct te_line *v;
	size_t n = te_layout(te, width, &v), i = te_line_of(te, v, n);

	*line = i;
	*col = te_col_on(te, &v[i], width);
	free(v);
}

/* The last place on line i where the cursor is shown on that line whose
 * column is at most goal. */
static size_t te_pos_at_col(const struct textedit *te, const struct te_line *v,
                            size_t n, size_t i, int goal)
{
	const char *s = te_text(te);
	size_t pos = v[i].start;
	int col = 0, soft = te_soft(te, v, n, i);

	while (pos < v[i].end) {
		int cw;
		size_t next = te_cluster_end(s, te->text.len, pos, &cw);

		if ((soft && next >= v[i].end) || col + cw > goal)
			break;
		col += cw;
		pos = next;
	}
	return pos;
}

/* Move to the line dir (-1 or 1) away, to the goal column. */
static int te_vertical(struct textedit *te, int width, int dir)
{
	struct te_line *v;
	size_t n, i;
	int moved = 0;

	te_check(te);
	n = te_layout(te, width, &v);
	i = te_line_of(te, v, n);
	if ((dir < 0 && i > 0) || (dir > 0 && i + 1 < n)) {
		if (te->goal_col < 0)
			te->goal_col = te_col_on(te, &v[i], width);
		te->cur = te_pos_at_col(te, v, n, dir < 0 ? i - 1 : i + 1,
		                        te->goal_col);
		moved = 1;
	}
	free(v);
	te_check(te);
	return moved;
}

int te_up(struct textedit *te, int width)
{
	return te_vertical(te, width, -1);
}

int te_down(struct textedit *te, int width)
{
	return te_vertical(te, width, 1);
}

void te_home(struct textedit *te, int width)
{
	struct te_line *v;
	size_t n = te_layout(te, width, &v);

	te->cur = v[te_line_of(te, v, n)].start;
	te->goal_col = -1;
	free(v);
	te_check(te);
}

/* The end of a wrapped line is before its last cluster: the place after it
 * is the start of the next line. */
void te_end(struct textedit *te, int width)
{
	struct te_line *v;
	size_t n = te_layout(te, width, &v), i = te_line_of(te, v, n);

	te->cur = te_soft(te, v, n, i) ? te_cluster_start(te->text.s, v[i].end)
	                              : v[i].end;
	te->goal_col = -1;
	free(v);
	te_check(te);
}
