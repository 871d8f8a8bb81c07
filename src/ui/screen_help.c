/*
 * screen_help.c - the help screen (? or F1): what the screen below is for,
 * and every key it answers to, generated from the keymap table and the
 * scopes of that screen, so it always says what the keys really do. Keys
 * with the same action and text share a line ("j, ↓  Omlaag").
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define KEY_COL_W   18   /* the column with the keys */
#define MAX_KEYS    48   /* length of the keys text of one line */

enum help_kind { HL_HEAD, HL_TEXT, HL_KEY, HL_BLANK };

struct help_line {
	enum help_kind kind;
	char *keys;   /* owned, HL_KEY */
	char *text;   /* owned */
};

struct ui_helpview {
	struct ui_view view;
	struct help_line *lines;
	size_t n, cap;
	size_t top;
	int page;
};

static const struct ui_view_ops help_ops;

/* Append one line to the help screen. */
static void add(struct ui_helpview *hv, enum help_kind kind, const char *keys,
                const char *text)
{
	struct help_line *l;

	xgrow(&hv->lines, &hv->cap, hv->n + 1, sizeof *hv->lines);
	l = &hv->lines[hv->n++];
	l->kind = kind;
	l->keys = xstrdup(keys);
	l->text = xstrdup(text ? text : "");
}

/* 1 when key is taken by one of scopes[0..upto). */
static int shadowed(const enum ui_scope *scopes, int upto, int key)
{
	return ui_keymap_lookup(scopes, upto, key) != UI_A_NONE;
}

/* The lines of one scope: keys with the same action and help together. */
static void add_scope(struct ui_helpview *hv, const enum ui_scope *scopes,
                      int s, int typing)
{
	int head = 0;
	char *done = xcalloc(ui_keymap_len, 1);
	char name[32];

	for (size_t k = 0; k < ui_keymap_len; k++) {
		const struct ui_keydef *kd = &ui_keymap[k];
		struct strbuf keys = {0};

		if (kd->scope != scopes[s] || done[k])
			continue;
		for (size_t j = k; j < ui_keymap_len; j++) {
			const struct ui_keydef *o = &ui_keymap[j];

			if (o->scope != kd->scope || o->action != kd->action ||
			    !str_eq(o->help, kd->help) || done[j])
				continue;
			done[j] = 1;
			if ((typing && ui_key_printable(o->key)) ||
			    shadowed(scopes, s, o->key))
				continue;
			if (keys.len)
				sb_add(&keys, ", ");
			sb_add(&keys, ui_key_name(o->key, name, sizeof name));
		}
		if (!keys.len)
			continue;
		if (!head++)
			add(hv, HL_HEAD, NULL, ui_scope_title(scopes[s]));
		add(hv, HL_KEY, sb_str(&keys), kd->help);
		sb_free(&keys);
	}
	if (head)
		add(hv, HL_BLANK, NULL, NULL);
	free(done);
}

/* See ui_impl.h. */
struct ui_view *ui_help_new(struct ui_app *app, struct ui_view *of)
{
	struct ui_helpview *hv = xcalloc(1, sizeof *hv);
	enum ui_scope scopes[UI_SCOPES_MAX];
	int n = of->ops->scopes(app, of, scopes);
	const char *about = of->ops->help ? of->ops->help(app, of) : NULL;
	int stage = ui_session_stage(app);
	const struct form *f = stage >= 0 && stage < 5 ?
	                       formset_stage(&app->fs, stage) : NULL;

	hv->view.ops = &help_ops;
	hv->view.undo_tag = of->undo_tag;
	if (f && f->help) {
		add(hv, HL_HEAD, NULL, f->title ? f->title : "Deze stap");
		add(hv, HL_TEXT, NULL, f->help);
		add(hv, HL_BLANK, NULL, NULL);
	}
	if (about && (!f || !str_eq(about, f->help))) {
		add(hv, HL_HEAD, NULL, "Wat je nu ziet");
		add(hv, HL_TEXT, NULL, about);
		add(hv, HL_BLANK, NULL, NULL);
	}
	if (of->typing) {
		add(hv, HL_TEXT, NULL, "Je typt nu in een veld: letters en cijfers "
		    "komen in de tekst. Hieronder staan de andere toetsen.");
		add(hv, HL_BLANK, NULL, NULL);
	}
	for (int s = 0; s < n; s++)
		add_scope(hv, scopes, s, of->typing);
	add(hv, HL_TEXT, NULL, "Alles wat je typt wordt vanzelf bewaard, uiterlijk "
	    "een seconde nadat je stopt met typen. Er is geen knop om op te "
	    "slaan.");
	return &hv->view;
}

/* Free the help view and its lines. */
static void help_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_helpview *hv = (struct ui_helpview *)v;

	(void)app;
	for (size_t i = 0; i < hv->n; i++) {
		free(hv->lines[i].keys);
		free(hv->lines[i].text);
	}
	free(hv->lines);
	free(hv);
}

/* Rows help line l takes at width w. */
static int line_rows(const struct help_line *l, int w)
{
	switch (l->kind) {
	case HL_KEY:
		return ui_wrapped_rows(l->text, w - KEY_COL_W, 0);
	case HL_TEXT:
		return ui_wrapped_rows(l->text, w, 0);
	default:
		return 1;
	}
}

/* Draw the visible help lines. */
static void help_draw(struct ui_app *app, struct ui_view *v, struct ui_rect r)
{
	struct ui_helpview *hv = (struct ui_helpview *)v;
	int x = r.x + UI_PAD, w = r.w - 2 * UI_PAD, y = r.y + 2;

	ui_put(app, r.y, x, w, "Hulp", ui_look(app, UI_LOOK_HEADING));
	hv->page = r.h - 2;
	if (hv->top >= hv->n)
		hv->top = hv->n ? hv->n - 1 : 0;
	for (size_t i = hv->top; i < hv->n && y < r.y + r.h; i++) {
		const struct help_line *l = &hv->lines[i];
		int rows = line_rows(l, w);

		if (y + rows > r.y + r.h)
			rows = r.y + r.h - y;
		switch (l->kind) {
		case HL_HEAD:
			ui_put_cut(app, y, x, w, l->text, ui_look(app, UI_LOOK_HEADING));
			break;
		case HL_TEXT:
			ui_put_wrapped(app, (struct ui_rect){y, x, rows, w}, l->text,
			               A_NORMAL);
			break;
		case HL_KEY:
			ui_put_cut(app, y, x + 2, KEY_COL_W - 3, l->keys, A_BOLD);
			ui_put_wrapped(app, (struct ui_rect){y, x + KEY_COL_W, rows,
			               w - KEY_COL_W}, l->text, A_NORMAL);
			break;
		case HL_BLANK:
			break;
		}
		y += rows;
	}
}

/* The keys of the help screen. */
static int help_scopes(struct ui_app *app, struct ui_view *v,
                       enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_HELP;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* Scroll, or go back. */
static int help_action(struct ui_app *app, struct ui_view *v, enum ui_action a,
                       int key)
{
	struct ui_helpview *hv = (struct ui_helpview *)v;
	size_t page = hv->page > 2 ? (size_t)hv->page / 2 : 1;

	(void)key;
	switch (a) {
	case UI_A_BACK:
	case UI_A_HELP:
		ui_view_pop(app);
		return 1;
	case UI_A_UP:
		if (hv->top > 0)
			hv->top--;
		return 1;
	case UI_A_DOWN:
		if (hv->top + 1 < hv->n)
			hv->top++;
		return 1;
	case UI_A_PGUP:
		hv->top = hv->top > page ? hv->top - page : 0;
		return 1;
	case UI_A_PGDN:
		hv->top = hv->top + page < hv->n ? hv->top + page : hv->top;
		return 1;
	case UI_A_TOP:
		hv->top = 0;
		return 1;
	case UI_A_BOTTOM:
		hv->top = hv->n > page ? hv->n - page : 0;
		return 1;
	default:
		return 0;
	}
}

static const struct ui_view_ops help_ops = {
	.name = "help",
	.flags = UI_VIEW_FULL,
	.scopes = help_scopes,
	.draw = help_draw,
	.action = help_action,
	.free = help_free,
};
