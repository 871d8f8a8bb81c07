/*
 * textedit.h - the text being typed into one field, and how it wraps.
 *
 * A UTF-8 buffer with a cursor, and the editing operations of a field:
 * insert (typed or pasted), delete, move by character, word and line, and a
 * word-wrapped layout for a given width in terminal columns (wide
 * characters count two, combining marks zero; utf8_cp_width in util.h).
 * No terminal here: the screen draws a layout, this module computes it.
 *
 * The cursor is a byte offset that always sits on a character boundary.
 */
#ifndef DUO_TEXTEDIT_H
#define DUO_TEXTEDIT_H

#include <stddef.h>

#include "util.h"

struct textedit {
	struct strbuf text;  /* the UTF-8 text, no NUL inside */
	size_t cur;          /* cursor: byte offset into text */
	int multiline;       /* 0: newlines become spaces */
	size_t max_bytes;    /* 0: no limit; inserts beyond it are cut at a
	                        character boundary */
	int goal_col;        /* column kept while moving up and down; -1 none */
	int changed;         /* set by every edit; the caller clears it */
};

/* One line of the wrapped layout: bytes [start, end) of the text, and its
 * width in columns. A line ends before a newline or at a wrap point (the
 * space at a wrap point belongs to the line it ends). Only spaces hanging
 * past the edge at a wrap point make width exceed the layout width, so
 * draw at most that many columns of a line. */
struct te_line {
	size_t start, end;
	int width;
};

void te_init(struct textedit *te, const char *text, int multiline);
void te_free(struct textedit *te);
/* Replace the text, normalised as by te_insert but never cut at max_bytes;
 * the cursor goes to the end. */
void te_set(struct textedit *te, const char *text);
const char *te_text(const struct textedit *te);        /* never NULL */

/* Insert n bytes at the cursor. Invalid UTF-8 becomes U+FFFD, CR LF and CR
 * become LF (a space in a single-line field), a tab becomes a space, other
 * control characters are dropped: a pasted paragraph arrives intact. */
void te_insert(struct textedit *te, const char *s, size_t n);
void te_backspace(struct textedit *te);
void te_delete(struct textedit *te);
void te_delete_word_back(struct textedit *te);       /* Ctrl-W */
void te_kill_to_end(struct textedit *te);            /* Ctrl-K: to line end */

void te_left(struct textedit *te);
void te_right(struct textedit *te);
void te_word_left(struct textedit *te);
void te_word_right(struct textedit *te);
void te_home(struct textedit *te, int width);  /* start of the wrapped line */
void te_end(struct textedit *te, int width);   /* end of the wrapped line */
/* Up and down a wrapped line, keeping goal_col; 0 (and no move) when
 * already on the top or bottom line, so the caller can leave the field. */
int te_up(struct textedit *te, int width);
int te_down(struct textedit *te, int width);
void te_start(struct textedit *te);
void te_finish(struct textedit *te);

/* Wrap the text at width columns (width >= 1), breaking at spaces where
 * possible and inside a word only when it is longer than the width.
 * Returns the number of lines (at least 1) and an array the caller frees. */
size_t te_layout(const struct textedit *te, int width, struct te_line **lines);
/* The cursor's wrapped line and column for width. The column is at most
 * width - 1: at the end of a line that fills the width the cursor is shown
 * on its last column. */
void te_cursor_pos(const struct textedit *te, int width, size_t *line,
                   int *col);

#endif
