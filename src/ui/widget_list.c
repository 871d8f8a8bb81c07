/*
 * widget_list.c - a scrolling list of rows: headings, fields (label and
 * value), items of a section with a dim detail line and a red line for
 * what is missing, and "+ Nieuw ..." rows. The household screen and the
 * stages 0, 2, 3 and 4 are such lists; each builds its rows from the
 * document and the list draws and moves through them.
 *
 * Only the visible rows are measured and drawn: a row's height (its text
 * word-wrapped at the list's width) is computed when it is first needed
 * and cached until the width changes or the rows are rebuilt.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define INDENT_STEP   2   /* items under a heading, and again under a sub */
#define LABEL_GAP     2   /* columns between a field's label and value */
#define TAG_GAP       1   /* after a tag such as [V] */
#define META_LINES    2   /* rows of the dim detail line at most */
#define INFO_LINES    3   /* rows of an explanation at most */

static void row_free(struct ui_row *r)
{
	free(r->ident);
	free(r->text);
	free(r->label);
	free(r->meta);
	free(r->warn);
	free(r->tag);
	free(r->item_id);
}

/* See ui_impl.h. */
void ui_list_clear(struct ui_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		row_free(&l->rows[i]);
	l->n = 0;
	l->label_w = 0;
}

/* See ui_impl.h. */
void ui_list_free(struct ui_list *l)
{
	ui_list_clear(l);
	free(l->rows);
	l->rows = NULL;
	l->cap = 0;
}

/* See ui_impl.h. */
struct ui_row *ui_list_add(struct ui_list *l, enum ui_row_kind kind,
                           const char *ident, const char *text)
{
	struct ui_row *r;
	int indent = 0;

	/* items sit under the nearest heading */
	for (size_t i = l->n; i-- > 0; ) {
		if (l->rows[i].kind == UI_ROW_HEAD) {
			indent = INDENT_STEP;
			break;
		}
		if (l->rows[i].kind == UI_ROW_SUB) {
			indent = 2 * INDENT_STEP;
			break;
		}
	}
	if (kind == UI_ROW_HEAD)
		indent = 0;
	else if (kind == UI_ROW_SUB || (kind == UI_ROW_ADD && indent))
		indent = INDENT_STEP;
	xgrow(&l->rows, &l->cap, l->n + 1, sizeof *l->rows);
	r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->ident = xstrdup(ident ? ident : "");
	r->text = xstrdup(text ? text : "");
	r->indent = indent;
	r->maxlines = kind == UI_ROW_INFO ? INFO_LINES : 1;
	return r;
}

/* See ui_impl.h. */
int ui_row_selectable(const struct ui_row *r)
{
	return r->kind == UI_ROW_FIELD || r->kind == UI_ROW_ITEM ||
	       r->kind == UI_ROW_ADD;
}

/* See ui_impl.h. */
struct ui_row *ui_list_current(struct ui_list *l)
{
	if (l->cur < l->n && ui_row_selectable(&l->rows[l->cur]))
		return &l->rows[l->cur];
	return NULL;
}

/* Put the cursor on a selectable row at or after (dir > 0) or before it. */
static void settle(struct ui_list *l, int dir)
{
	if (l->n == 0) {
		l->cur = 0;
		return;
	}
	if (l->cur >= l->n)
		l->cur = l->n - 1;
	for (size_t i = l->cur; i < l->n && dir >= 0; i++)
		if (ui_row_selectable(&l->rows[i])) {
			l->cur = i;
			return;
		}
	for (size_t i = l->cur + 1; i-- > 0; )
		if (ui_row_selectable(&l->rows[i])) {
			l->cur = i;
			return;
		}
	for (size_t i = l->cur; i < l->n; i++)
		if (ui_row_selectable(&l->rows[i])) {
			l->cur = i;
			return;
		}
}

/* See ui_impl.h. */
int ui_list_select(struct ui_list *l, const char *ident)
{
	if (ident)
		for (size_t i = 0; i < l->n; i++)
			if (str_eq(l->rows[i].ident, ident) &&
			    ui_row_selectable(&l->rows[i])) {
				l->cur = i;
				return 1;
			}
	settle(l, 1);
	return 0;
}

/* The row of section that holds item_id, else the field row key, else the
 * section's first row; -1 when there is none. */
static long find_item(const struct ui_list *l, const char *section,
                      const char *item_id, const char *key)
{
	long first = -1;

	for (size_t i = 0; i < l->n; i++) {
		const struct ui_row *r = &l->rows[i];

		if (!ui_row_selectable(r) || !str_eq(r->section, section))
			continue;
		if (item_id ? r->kind == UI_ROW_ITEM && str_eq(r->item_id, item_id) :
		    key && r->kind == UI_ROW_FIELD && str_eq(r->key, key))
			return (long)i;
		if (first < 0 && !item_id && r->kind != UI_ROW_ADD)
			first = (long)i;
	}
	return first;
}

/* See ui_impl.h. */
int ui_list_select_item(struct ui_list *l, const char *section,
                        const char *item_id, const char *key)
{
	long i = section ? find_item(l, section, item_id, key) : -1;

	if (i < 0)
		return 0;
	l->cur = (size_t)i;
	return 1;
}

/* See ui_impl.h. */
void ui_list_move(struct ui_list *l, int delta)
{
	size_t i = l->cur;

	while (delta > 0 && i + 1 < l->n) {
		i++;
		if (ui_row_selectable(&l->rows[i])) {
			l->cur = i;
			delta--;
		}
	}
	while (delta < 0 && i > 0) {
		i--;
		if (ui_row_selectable(&l->rows[i])) {
			l->cur = i;
			delta++;
		}
	}
	settle(l, 1);
}

/* See ui_impl.h. */
void ui_list_first(struct ui_list *l)
{
	l->cur = 0;
	l->top = 0;
	settle(l, 1);
}

/* See ui_impl.h. */
void ui_list_last(struct ui_list *l)
{
	l->cur = l->n ? l->n - 1 : 0;
	settle(l, -1);
}

/* ---- measuring ------------------------------------------------------------ */

static int tag_width(const struct ui_row *r)
{
	return r->tag ? ui_width(r->tag) + TAG_GAP : 0;
}

/* Rows of a row's detail line at text width tw. */
static int meta_rows(const struct ui_row *r, int tw)
{
	return r->meta ? ui_wrapped_rows(r->meta, tw > 0 ? tw : 1, META_LINES)
	               : 0;
}

/* The columns of a field row's label. */
static int label_width(struct ui_list *l, int width)
{
	int w = l->label_w;

	if (w == 0) {
		for (size_t i = 0; i < l->n; i++)
			if (l->rows[i].kind == UI_ROW_FIELD &&
			    ui_width(l->rows[i].label) > w)
				w = ui_width(l->rows[i].label);
		l->label_w = w;
	}
	return w < width / 2 ? w : width / 2;
}

/* Rows row i takes at width. */
static int row_height(struct ui_list *l, size_t i, int width)
{
	struct ui_row *r = &l->rows[i];
	int h = 1, tw;

	if (l->width != width) {
		for (size_t k = 0; k < l->n; k++)
			l->rows[k].height = 0;
		l->width = width;
	}
	if (r->height)
		return r->height;
	switch (r->kind) {
	case UI_ROW_HEAD:
		h = i > 0 ? 2 : 1;
		break;
	case UI_ROW_SUB:
	case UI_ROW_ADD:
		h = 1;
		break;
	case UI_ROW_INFO:
		h = ui_wrapped_rows(r->text, width - r->indent, r->maxlines);
		break;
	case UI_ROW_FIELD:
		tw = width - r->indent - label_width(l, width) - LABEL_GAP;
		h = ui_wrapped_rows(r->text, tw, r->maxlines);
		h += meta_rows(r, tw) + (r->warn != NULL);
		break;
	case UI_ROW_ITEM:
		tw = width - r->indent - tag_width(r);
		h = ui_wrapped_rows(r->text, tw, r->maxlines);
		h += meta_rows(r, tw) + (r->warn != NULL);
		break;
	}
	r->height = h < 1 ? 1 : h;
	return r->height;
}

/* Scroll so that the cursor row is visible in h rows. */
static void scroll_to_cursor(struct ui_list *l, int h, int width)
{
	int sum = 0;

	if (l->top >= l->n)
		l->top = l->n ? l->n - 1 : 0;
	if (l->cur < l->top) {
		l->top = l->cur;
		/* show the headings above the first item of a group */
		while (l->top > 0 && !ui_row_selectable(&l->rows[l->top - 1])) {
			int need = 0;

			for (size_t i = l->top - 1; i <= l->cur; i++)
				need += row_height(l, i, width);
			if (need > h)
				break;
			l->top--;
		}
		return;
	}
	for (size_t i = l->top; i <= l->cur && i < l->n; i++)
		sum += row_height(l, i, width);
	while (sum > h && l->top < l->cur) {
		sum -= row_height(l, l->top, width);
		l->top++;
	}
}

/* See ui_impl.h. */
void ui_list_page(struct ui_list *l, int dir, int h)
{
	int sum = 0;
	size_t i = l->cur;
	int width = l->width > 0 ? l->width : 1;

	while (sum < h) {
		if (dir > 0 ? i + 1 >= l->n : i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
		sum += row_height(l, i, width);
	}
	l->cur = i;
	settle(l, dir);
}

/* See ui_impl.h. */
int ui_list_action(struct ui_list *l, enum ui_action a, int h)
{
	switch (a) {
	case UI_A_UP:
		ui_list_move(l, -1);
		return 1;
	case UI_A_DOWN:
		ui_list_move(l, 1);
		return 1;
	case UI_A_PGUP:
		ui_list_page(l, -1, h);
		return 1;
	case UI_A_PGDN:
		ui_list_page(l, 1, h);
		return 1;
	case UI_A_TOP:
		ui_list_first(l);
		return 1;
	case UI_A_BOTTOM:
		ui_list_last(l);
		return 1;
	default:
		return 0;
	}
}

/* ---- drawing ---------------------------------------------------------------- */

/* The look of a part of a row: the selection overrides. */
static attr_t part(struct ui_app *app, int selected, enum ui_look look)
{
	if (!selected)
		return ui_look(app, look);
	if (look == UI_LOOK_ERROR || look == UI_LOOK_URGENT)
		return ui_look(app, UI_LOOK_SELECTED) | A_BOLD;
	return ui_look(app, UI_LOOK_SELECTED);
}

/* Draw row i at y with height h (already clipped to the panel). */
static void row_draw(struct ui_app *app, struct ui_list *l, size_t i,
                     struct ui_rect r, int y, int h, int selected)
{
	struct ui_row *row = &l->rows[i];
	int x = r.x + row->indent, w = r.w - row->indent;
	struct ui_rect t;
	int used;

	if (selected)
		ui_fill((struct ui_rect){y, r.x, h, r.w},
		        ui_look(app, UI_LOOK_SELECTED));
	switch (row->kind) {
	case UI_ROW_HEAD:
		if (i > 0)
			y++;
		ui_put_cut(app, y, x, w, row->text, ui_look(app, UI_LOOK_HEADING));
		return;
	case UI_ROW_SUB:
		ui_put_cut(app, y, x, w, row->text, A_BOLD);
		return;
	case UI_ROW_ADD:
		ui_put_cut(app, y, x, w, row->text,
		           part(app, selected, UI_LOOK_TAG));
		return;
	case UI_ROW_INFO:
		ui_put_wrapped(app, (struct ui_rect){y, x, h, w}, row->text,
		               ui_look(app, UI_LOOK_DIM));
		return;
	case UI_ROW_FIELD: {
		int lw = label_width(l, r.w);

		ui_put_cut(app, y, x, lw, row->label, part(app, selected,
		           UI_LOOK_DIM));
		x += lw + LABEL_GAP;
		w -= lw + LABEL_GAP;
		break;
	}
	case UI_ROW_ITEM:
		if (row->tag) {
			ui_put(app, y, x, w, row->tag, part(app, selected,
			       row->flags & UI_ROW_URGENT ? UI_LOOK_URGENT :
			       UI_LOOK_TAG));
			x += tag_width(row);
			w -= tag_width(row);
		}
		break;
	}
	if (w <= 0)
		return;
	t = (struct ui_rect){y, x, h - meta_rows(row, w) - (row->warn != NULL),
	                     w};
	if (t.h < 1)
		t.h = 1;
	if (str_empty(row->text) && row->kind == UI_ROW_FIELD)
		used = ui_put(app, y, x, w, "\u2014", part(app, selected,
		              UI_LOOK_DIM));
	else
		used = ui_put_wrapped(app, t, row->text, part(app, selected,
		                      row->flags & UI_ROW_DIMMED ? UI_LOOK_DIM :
		                      UI_LOOK_NORMAL));
	(void)used;
	y += t.h;
	if (row->meta && y < r.y + r.h) {
		int mr = meta_rows(row, w);

		if (y + mr > r.y + r.h)
			mr = r.y + r.h - y;
		y += ui_put_wrapped(app, (struct ui_rect){y, x, mr, w}, row->meta,
		                    part(app, selected, UI_LOOK_DIM));
	}
	if (row->warn && y < r.y + r.h)
		ui_put_cut(app, y, x, w, row->warn, part(app, selected,
		           row->flags & UI_ROW_WARN ? UI_LOOK_ERROR : UI_LOOK_DIM));
}

/* See ui_impl.h. */
void ui_list_draw(struct ui_app *app, struct ui_list *l, struct ui_rect r,
                  int focused)
{
	int y = r.y;

	if (r.w <= 0 || r.h <= 0)
		return;
	if (l->n == 0) {
		if (l->empty)
			ui_put_wrapped(app, r, l->empty, ui_look(app, UI_LOOK_DIM));
		return;
	}
	settle(l, 1);
	scroll_to_cursor(l, r.h, r.w);
	for (size_t i = l->top; i < l->n && y < r.y + r.h; i++) {
		int h = row_height(l, i, r.w);

		if (y + h > r.y + r.h)
			h = r.y + r.h - y;
		row_draw(app, l, i, r, y, h, focused && i == l->cur &&
		         ui_row_selectable(&l->rows[i]));
		y += h;
	}
}
