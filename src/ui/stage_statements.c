/*
 * stage_statements.c - stage 1 of a session: feiten, zorgen en meningen
 * side by side in three columns. ← → (h l) change column, ↑ ↓ (j k) move
 * in it; < and > (or H and L) move the statement to the column on the left
 * or right in one key (casedoc_reclassify, which gives it a ref of its
 * new kind: f2 becomes m4), the cursor going with it.
 * Enter opens its form, n adds one to the current column, d deletes.
 *
 * Each statement is a card: its ref and tags ([V] vertrouwelijk, a check
 * for a verified feit), up to three lines of text, then a dim line with
 * source and date (feit) or whose it is (zorg, mening), and the household's
 * response. Only the cards that fit whole are measured and drawn; a
 * column that goes on says so (▲ at its heading, "▼ nog 3" at its foot).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define COLS_N       3
#define COL_GAP      2    /* columns between two columns */
#define CARD_LINES   4    /* rows of a statement's text */
#define CARD_GAP     1    /* blank rows between cards */
#define HEAD_ROWS    2    /* column heading and its rule */
#define MORE_ROWS    1    /* "▼ nog 3" under a column that goes on */

static const char *const kinds[COLS_N] = {"feit", "zorg", "mening"};
static const char *const heads[COLS_N] = {"Feiten", "Zorgen", "Meningen"};
static const char *const plural[COLS_N] = {"feiten", "zorgen", "meningen"};

struct ui_stmtview {
	struct ui_view view;
	size_t *col[COLS_N];      /* indexes into the statements list */
	size_t ncol[COLS_N], capcol[COLS_N];
	int c;                    /* the current column */
	char *back_id;            /* where the cursor was before n, to return
	                             to when the new statement is left empty */
	size_t cur[COLS_N], top[COLS_N];
	int page;
};

static const struct ui_view_ops stmt_ops;

/* The statements of the session, or NULL. */
static struct doc_node *statements(struct ui_app *app)
{
	return casedoc_list(app->cs.doc, ui_case_session(app), "statements", 0);
}

/* The statement under the cursor, or NULL. */
static struct doc_node *current(struct ui_app *app, struct ui_stmtview *sv)
{
	struct doc_node *list = statements(app);
	int c = sv->c;

	if (!list || sv->cur[c] >= sv->ncol[c] || sv->col[c][sv->cur[c]] >=
	    list->len)
		return NULL;
	return list->item[sv->col[c][sv->cur[c]]];
}

/* Sort the statements into their columns, keeping the cursor on the same
 * statement (by _id) in every column. */
static void build(struct ui_app *app, struct ui_stmtview *sv)
{
	struct doc_node *list = statements(app);
	char *keep[COLS_N] = {NULL};

	for (int c = 0; c < COLS_N; c++) {
		if (list && sv->cur[c] < sv->ncol[c] && sv->col[c][sv->cur[c]] <
		    list->len)
			keep[c] = xstrdup(doc_map_str(list->item[sv->col[c][sv->cur[c]]],
			                              STORE_ITEM_ID));
		sv->ncol[c] = 0;
	}
	for (size_t i = 0; list && i < list->len; i++) {
		const char *k = doc_map_str(list->item[i], "kind");
		int c = 0;

		if (!ui_item_visible(app, "statements", list->item[i]))
			continue;
		for (int j = 0; j < COLS_N; j++)
			if (str_eq(k, kinds[j]))
				c = j;
		xgrow(&sv->col[c], &sv->capcol[c], sv->ncol[c] + 1,
		      sizeof *sv->col[c]);
		sv->col[c][sv->ncol[c]++] = i;
	}
	for (int c = 0; c < COLS_N; c++) {
		int found = 0;

		for (size_t i = 0; keep[c] && i < sv->ncol[c]; i++)
			if (str_eq(doc_map_str(list->item[sv->col[c][i]], STORE_ITEM_ID),
			           ui_case_follow(app, keep[c]))) {
				sv->cur[c] = i;
				found = 1;
				break;
			}
		for (size_t i = 0; !found && sv->back_id && i < sv->ncol[c]; i++)
			if (str_eq(doc_map_str(list->item[sv->col[c][i]], STORE_ITEM_ID),
			           ui_case_follow(app, sv->back_id))) {
				sv->cur[c] = i;
				break;
			}
		if (sv->cur[c] >= sv->ncol[c])
			sv->cur[c] = sv->ncol[c] ? sv->ncol[c] - 1 : 0;
		free(keep[c]);
	}
	sv->view.gen = app->cs.gen;
}

/* Put the cursor on the statement with this _id, in whatever column. */
static void select_id(struct ui_app *app, struct ui_stmtview *sv,
                      const char *id)
{
	struct doc_node *list = statements(app);

	for (int c = 0; list && c < COLS_N; c++)
		for (size_t i = 0; i < sv->ncol[c]; i++)
			if (str_eq(doc_map_str(list->item[sv->col[c][i]], STORE_ITEM_ID),
			           ui_case_follow(app, id))) {
				sv->c = c;
				sv->cur[c] = i;
				return;
			}
}

/* Rebuild the columns when the document changed. */
static void sync(struct ui_app *app, struct ui_stmtview *sv)
{
	if (sv->view.gen != app->cs.gen)
		build(app, sv);
}

/* See ui_impl.h. */
struct ui_view *ui_stage_statements_new(struct ui_app *app)
{
	struct ui_stmtview *sv = xcalloc(1, sizeof *sv);

	sv->view.ops = &stmt_ops;
	sv->view.undo_tag = 1;
	build(app, sv);
	return &sv->view;
}

/* Free the view. */
static void stmt_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_stmtview *sv = (struct ui_stmtview *)v;

	(void)app;
	for (int c = 0; c < COLS_N; c++)
		free(sv->col[c]);
	free(sv->back_id);
	free(sv);
}

/* ---- cards ------------------------------------------------------------------------ */

/* The tag before a card's text: "f1", "f1 [V]", "f1 ✓". Owned. */
static char *card_tag(struct ui_app *app, const struct doc_node *s)
{
	struct strbuf sb = {0};

	sb_add(&sb, doc_map_str(s, "ref") ? doc_map_str(s, "ref") : "?");
	if (str_eq(doc_map_str(s, "confidential"), "true"))
		sb_add(&sb, " [V]");
	if (str_eq(doc_map_str(s, "kind"), "feit") &&
	    str_eq(doc_map_str(s, "verified"), "true"))
		sb_addf(&sb, " %s", ui_glyph(app, UI_G_CHECK));
	return sb_steal(&sb);
}

/* The dim line under a card: source and date, or whose it is; and whom it
 * is about. Owned, or NULL. */
static char *card_meta(struct ui_app *app, const struct doc_node *s)
{
	const struct form_section *sec = formset_section(&app->fs, "statements");
	const struct form_field *about = sec ? form_section_field(sec, "about")
	                                     : NULL;
	struct strbuf sb = {0};
	const char *src = ui_field_visible(app, "statements", "source") ?
	                  doc_map_str(s, "source") : NULL;
	const char *date = doc_map_str(s, "date");
	const char *holder = doc_map_str(s, "holder");
	char *ab = about ? ui_field_text(app, "statements", about, s) : NULL;

	if (src)
		sb_add(&sb, src);
	if (date) {
		if (sb.len)
			sb_add(&sb, ui_glyph(app, UI_G_SEP));
		sb_add(&sb, date);
	}
	if (holder && !str_eq(doc_map_str(s, "kind"), "feit") &&
	    ui_ref_visible(app, "statements", "holder", holder)) {
		if (sb.len)
			sb_add(&sb, ui_glyph(app, UI_G_SEP));
		sb_addf(&sb, "van %s", ui_person_name(app, holder));
	}
	if (ab) {
		if (sb.len)
			sb_add(&sb, ui_glyph(app, UI_G_SEP));
		sb_addf(&sb, "over %s", ab);
		free(ab);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* The text of a card: its tag and then its text, wrapped together so
 * that the lines after the first use the whole width. Owned. */
static char *card_text(const char *tag, const struct doc_node *s)
{
	const char *text = doc_map_str(s, "text");

	return xasprintf("%s %s", tag, str_empty(text) ? "(nog zonder tekst)" :
	                 text);
}

#define CARD_COMMENT_ROWS 2   /* rows of one comment under a card */
#define CARD_COMMENTS_MAX 3   /* comments shown under a card */

/* The comments on a card, one a line (owned), and the rows they take at
 * width w. */
static char *card_comments(struct ui_app *app, const struct doc_node *s,
                           int w, int *rows)
{
	long first;
	char *note = ui_review_note(app, doc_map_str(s, "ref"), &first);
	int n = 0;

	*rows = 0;
	for (const char *p = note; p && *p && n < CARD_COMMENTS_MAX; n++) {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);

		*rows += ui_wrapped_rows(line, w > 2 ? w - 1 : 1,
		                         CARD_COMMENT_ROWS);
		free(line);
		p = nl ? nl + 1 : p + strlen(p);
	}
	return note;
}

/* Rows a card takes at width w (without the gap after it). */
static int card_rows(struct ui_app *app, const struct doc_node *s, int w)
{
	char *tag = card_tag(app, s);
	char *text = card_text(tag, s);
	int rows = ui_wrapped_rows(text, w > 1 ? w : 1, CARD_LINES);
	char *miss = ui_item_missing(formset_section(&app->fs, "statements"), s);
	char *meta = card_meta(app, s);

	int nc;
	char *com = card_comments(app, s, w, &nc);

	rows += (meta || miss) ? 1 : 0;
	rows += doc_map_str(s, "response") ? 1 : 0;
	rows += nc;
	free(com);
	free(tag);
	free(text);
	free(miss);
	free(meta);
	return rows;
}

/* Draw one card in r, highlighted when selected. */
static void card_draw(struct ui_app *app, const struct doc_node *s,
                      struct ui_rect r, int selected)
{
	char *tag = card_tag(app, s);
	char *text = card_text(tag, s);
	char *miss = ui_item_missing(formset_section(&app->fs, "statements"), s);
	char *meta = card_meta(app, s);
	const char *resp = doc_map_str(s, "response");
	attr_t base = selected ? ui_look(app, UI_LOOK_SELECTED) : A_NORMAL;
	attr_t dim = selected ? base : ui_look(app, UI_LOOK_DIM);
	int y = r.y, rows, nc, shown = 0;
	char *com = card_comments(app, s, r.w, &nc);

	if (selected)
		ui_fill(r, base);
	rows = r.h - ((meta || miss) ? 1 : 0) - (resp ? 1 : 0) - nc;
	if (rows < 1)
		rows = 1;
	rows = ui_put_wrapped(app, (struct ui_rect){y, r.x, rows > CARD_LINES ?
	                      CARD_LINES : rows, r.w}, text, base);
	/* the tag again, in bold, over the start of the first line */
	ui_put(app, y, r.x, r.w, tag, base | A_BOLD);
	y += rows > 0 ? rows : 1;
	if ((meta || miss) && y < r.y + r.h) {
		if (miss) {
			char *m = xasprintf("%s nog: %s", ui_glyph(app, UI_G_WARN), miss);

			ui_put_cut(app, y, r.x, r.w, m, selected ? base | A_BOLD :
			           ui_look(app, UI_LOOK_ERROR));
			free(m);
		} else {
			ui_put_cut(app, y, r.x, r.w, meta, dim);
		}
		y++;
	}
	if (resp && y < r.y + r.h) {
		char *t = xasprintf("Reactie: %s", resp);

		ui_put_cut(app, y, r.x, r.w, t, dim);
		free(t);
		y++;
	}
	for (char *p = com; p && *p && shown < CARD_COMMENTS_MAX &&
	     y < r.y + r.h; shown++) {
		char *nl = strchr(p, '\n');
		int open, h = CARD_COMMENT_ROWS;

		if (nl)
			*nl = '\0';
		open = strstr(p, "\u00b7 open") != NULL;
		if (y + h > r.y + r.h)
			h = r.y + r.h - y;
		y += ui_put_wrapped(app, (struct ui_rect){y, r.x + 1, h, r.w - 1},
		                    p, selected ? base : ui_look(app, open ?
		                    UI_LOOK_URGENT : UI_LOOK_DIM));
		p = nl ? nl + 1 : p + strlen(p);
	}
	free(com);
	free(tag);
	free(text);
	free(miss);
	free(meta);
}

/* Scroll column c so that its cursor card shows in h rows. */
static void column_scroll(struct ui_app *app, struct ui_stmtview *sv, int c,
                          struct doc_node *list, int w, int h)
{
	int sum = 0;

	if (sv->top[c] > sv->cur[c])
		sv->top[c] = sv->cur[c];
	for (size_t i = sv->top[c]; i <= sv->cur[c] && i < sv->ncol[c]; i++)
		sum += card_rows(app, list->item[sv->col[c][i]], w) + CARD_GAP;
	while (sum - CARD_GAP > h && sv->top[c] < sv->cur[c]) {
		sum -= card_rows(app, list->item[sv->col[c][sv->top[c]]], w) +
		       CARD_GAP;
		sv->top[c]++;
	}
}

/* The first card of column c, from its top, that does not fit whole in h
 * rows: ncol[c] when all do. */
static size_t column_end(struct ui_app *app, struct ui_stmtview *sv, int c,
                         struct doc_node *list, int w, int h)
{
	size_t i;
	int y = 0;

	for (i = sv->top[c]; i < sv->ncol[c]; i++) {
		int rows = card_rows(app, list->item[sv->col[c][i]], w);

		if (y + rows > h)
			break;
		y += rows + CARD_GAP;
	}
	return i;
}

/* Draw column c: heading, rule, the cards that fit whole, and a calm
 * marker where the column goes on: ▲ after the heading, "▼ nog 3" on
 * its last row. */
static void column_draw(struct ui_app *app, struct ui_stmtview *sv, int c,
                        struct ui_rect r, int focused)
{
	struct doc_node *list = statements(app);
	char *head = xasprintf("%s (%zu)", heads[c], sv->ncol[c]);
	int y = r.y + HEAD_ROWS, h = r.h - HEAD_ROWS;
	size_t end;

	ui_put_cut(app, r.y, r.x, r.w, head, focused ?
	           ui_look(app, UI_LOOK_HEADING) : A_BOLD);
	free(head);
	ui_hline(app, r.y + 1, r.x, r.w, focused ? ui_look(app, UI_LOOK_HEADING)
	         : ui_look(app, UI_LOOK_FRAME));
	if (sv->ncol[c] == 0) {
		char *hint = xasprintf("Nog geen %s. n voegt er een toe.",
		                       plural[c]);

		ui_put_wrapped(app, (struct ui_rect){y, r.x, h, r.w}, hint,
		               ui_look(app, UI_LOOK_DIM));
		free(hint);
		return;
	}
	column_scroll(app, sv, c, list, r.w, h);
	if (column_end(app, sv, c, list, r.w, h) < sv->ncol[c] && h > MORE_ROWS) {
		h -= MORE_ROWS;   /* room for "▼ nog 3" */
		column_scroll(app, sv, c, list, r.w, h);
	}
	end = column_end(app, sv, c, list, r.w, h);
	if (end == sv->top[c])
		end++;            /* a card taller than the column: cut it */
	if (sv->top[c] > 0)
		ui_put(app, r.y, r.x + r.w - 1, 1, ui_glyph(app, UI_G_MORE_UP),
		       ui_look(app, UI_LOOK_DIM));
	for (size_t i = sv->top[c]; i < end; i++) {
		const struct doc_node *s = list->item[sv->col[c][i]];
		int rows = card_rows(app, s, r.w);

		if (rows > h)
			rows = h;
		card_draw(app, s, (struct ui_rect){y, r.x, rows, r.w},
		          focused && i == sv->cur[c]);
		y += rows + CARD_GAP;
	}
	if (end < sv->ncol[c]) {
		char *more = xasprintf("%s nog %zu", ui_glyph(app, UI_G_MORE_DOWN),
		                       sv->ncol[c] - end);

		ui_put_cut(app, r.y + r.h - 1, r.x, r.w, more,
		           ui_look(app, UI_LOOK_DIM));
		free(more);
	}
}

/* Draw the stage title and the three columns. */
static void stmt_draw(struct ui_app *app, struct ui_view *v, struct ui_rect r)
{
	struct ui_stmtview *sv = (struct ui_stmtview *)v;
	struct ui_rect body = ui_stage_title(app, 1, r);
	int w = (body.w - 2 * UI_PAD - (COLS_N - 1) * COL_GAP) / COLS_N;

	sync(app, sv);
	sv->page = body.h - HEAD_ROWS;
	for (int c = 0; c < COLS_N; c++)
		column_draw(app, sv, c, (struct ui_rect){body.y, body.x + UI_PAD +
		            c * (w + COL_GAP), body.h, w}, c == sv->c);
}

/* ---- keys --------------------------------------------------------------------------- */

static int stmt_scopes(struct ui_app *app, struct ui_view *v,
                       enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_STATEMENTS;
	out[n++] = UI_SC_REVIEW;
	out[n++] = UI_SC_ITEMS;
	out[n++] = UI_SC_SESSION;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* Move the current statement to column to. */
static void reclassify(struct ui_app *app, struct ui_stmtview *sv, int to)
{
	struct doc_node *s = current(app, sv);
	const char *ref;
	char *id, *was;

	if (!s || to < 0 || to >= COLS_N)
		return;
	if (ui_case_locked(app, 1))
		return;
	id = xstrdup(doc_map_str(s, STORE_ITEM_ID));
	was = doc_map_str(s, "ref") ? xstrdup(doc_map_str(s, "ref")) : NULL;
	ui_case_snapshot(app, 1);
	if (casedoc_reclassify(&app->fs, app->cs.doc, ui_case_session(app), s,
	                       kinds[to]) != 0) {
		ui_case_revert_last(app);
		free(id);
		free(was);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	build(app, sv);
	select_id(app, sv, id);
	ref = doc_map_str(s, "ref");
	if (was && ref && !str_eq(was, ref))
		ui_status(app, "%s staat nu bij de %s en heet %s.", was, plural[to],
		          ref);
	else
		ui_status(app, "%s staat nu bij de %s.", ref ? ref : "Het punt",
		          plural[to]);
	free(id);
	free(was);
}

/* Add a statement of the current column's kind and open its form. */
static void add_statement(struct ui_app *app, struct ui_stmtview *sv)
{
	char err[256] = "";
	struct doc_node *s;

	if (ui_case_locked(app, 1))
		return;
	free(sv->back_id);
	s = current(app, sv);
	sv->back_id = s ? xstrdup(doc_map_str(s, STORE_ITEM_ID)) : NULL;
	ui_case_snapshot(app, 1);
	s = casedoc_add(&app->fs, app->cs.doc, ui_case_session(app),
	                "statements", kinds[sv->c], NULL, err, sizeof err);
	if (!s) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	build(app, sv);
	select_id(app, sv, doc_map_str(s, STORE_ITEM_ID));
	ui_form_open(app, "statements", doc_map_str(s, STORE_ITEM_ID), "text");
	ui_form_mark_fresh(app);
}

/* Move, change column, reclassify, open, add, delete, the session's. */
static int stmt_action(struct ui_app *app, struct ui_view *v, enum ui_action a,
                       int key)
{
	struct ui_stmtview *sv = (struct ui_stmtview *)v;
	struct doc_node *s;
	int c;
	size_t page = sv->page > 4 ? (size_t)sv->page / 4 : 1;

	(void)key;
	sync(app, sv);
	c = sv->c;
	switch (a) {
	case UI_A_LEFT:
		if (sv->c > 0)
			sv->c--;
		return 1;
	case UI_A_RIGHT:
		if (sv->c + 1 < COLS_N)
			sv->c++;
		return 1;
	case UI_A_UP:
		if (sv->cur[c] > 0)
			sv->cur[c]--;
		return 1;
	case UI_A_DOWN:
		if (sv->cur[c] + 1 < sv->ncol[c])
			sv->cur[c]++;
		return 1;
	case UI_A_PGUP:
		sv->cur[c] = sv->cur[c] > page ? sv->cur[c] - page : 0;
		return 1;
	case UI_A_PGDN:
		sv->cur[c] = sv->cur[c] + page < sv->ncol[c] ? sv->cur[c] + page :
		             sv->ncol[c] ? sv->ncol[c] - 1 : 0;
		return 1;
	case UI_A_TOP:
		sv->cur[c] = 0;
		return 1;
	case UI_A_BOTTOM:
		sv->cur[c] = sv->ncol[c] ? sv->ncol[c] - 1 : 0;
		return 1;
	case UI_A_MOVE_LEFT:
		reclassify(app, sv, c - 1);
		return 1;
	case UI_A_MOVE_RIGHT:
		reclassify(app, sv, c + 1);
		return 1;
	case UI_A_OPEN:
		s = current(app, sv);
		if (s)
			ui_form_open(app, "statements", doc_map_str(s, STORE_ITEM_ID),
			             NULL);
		else
			add_statement(app, sv);
		return 1;
	case UI_A_NEW:
		add_statement(app, sv);
		return 1;
	case UI_A_DELETE:
		s = current(app, sv);
		if (!s)
			return 1;
		if (ui_case_locked(app, 1))
			return 1;
		ui_item_delete(app, "statements", doc_map_str(s, STORE_ITEM_ID), 1);
		return 1;
	default:
		return ui_session_action(app, v, a);
	}
}

/* The document changed: rebuild at the next draw. */
static void stmt_refresh(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	v->gen = 0;
}

/* The help of the current column's kind (from the form). */
static const char *stmt_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_stmtview *sv = (struct ui_stmtview *)v;
	const struct form_section *sec = formset_section(&app->fs, "statements");
	const struct form_field *kind = sec ? form_section_field(sec, "kind")
	                                    : NULL;
	const struct form_choice *ch = kind ? form_field_choice(kind,
	                                                        kinds[sv->c])
	                                    : NULL;

	return ch && ch->help ? ch->help : sec ? sec->help : NULL;
}

/* The cursor on a statement (ui_session_open_at). */
static int stmt_select(struct ui_app *app, struct ui_view *v,
                       const char *section, const char *item_id,
                       const char *key)
{
	struct ui_stmtview *sv = (struct ui_stmtview *)v;
	const struct doc_node *s;

	(void)key;
	if (!str_eq(section, "statements") || !item_id)
		return 0;
	sync(app, sv);
	select_id(app, sv, item_id);
	s = current(app, sv);
	return s && str_eq(doc_map_str(s, STORE_ITEM_ID),
	                   ui_case_follow(app, item_id));
}

/* The ref of the selected card, and the first open comment on it. */
static char *stmt_target(struct ui_app *app, struct ui_view *v, long *comment)
{
	struct ui_stmtview *sv = (struct ui_stmtview *)v;
	struct doc_node *s;
	const char *ref;
	char *note;

	sync(app, sv);
	s = current(app, sv);
	ref = s ? doc_map_str(s, "ref") : NULL;
	*comment = 0;
	note = ui_review_note(app, ref, comment);
	free(note);
	return ref ? xstrdup(ref) : NULL;
}

static const struct ui_view_ops stmt_ops = {
	.name = "statements",
	.flags = UI_VIEW_SIDEBAR,
	.scopes = stmt_scopes,
	.review_target = stmt_target,
	.draw = stmt_draw,
	.action = stmt_action,
	.reload = stmt_refresh,
	.help = stmt_help,
	.free = stmt_free,
	.select = stmt_select,
};
