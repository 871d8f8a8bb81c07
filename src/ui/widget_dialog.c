/*
 * widget_dialog.c - the small windows that ask something: a message, a
 * yes/no question (default no), a choice between two ways on, a list to
 * choose one or many from, a line of text to type, the safety scores of a
 * top-3 concern, and the two versions of a field changed by two people.
 *
 * A dialog is a modal view on the view stack: it is drawn over the view
 * below it and takes every key. When it closes it is first taken off the
 * stack, then its done callback runs (which may open the next dialog), then
 * it is freed with its context.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define PICK_HELP_ROWS   3   /* rows of the explanation above a list */
#define PICK_MIN_ROWS    3   /* rows of a list at the least */
#define CONFLICT_ROWS    6   /* rows per version in a conflict */
#define SCORE_MAX        10
#define SCORE_NAME_COLS  28  /* the name column of the scores table */
#define SCORE_BAR_COLS   10  /* one mark per point */

static const struct ui_view_ops dialog_ops;

/* ---- life ------------------------------------------------------------------ */

static struct ui_dialog *dialog_new(int kind, const char *title,
                                    const char *text)
{
	struct ui_dialog *dl = xcalloc(1, sizeof *dl);

	dl->view.ops = &dialog_ops;
	dl->view.undo_tag = UI_TAG_NONE;
	dl->kind = kind;
	dl->title = xstrdup(title ? title : "");
	dl->text = xstrdup(text);
	dl->digits = -1;
	dl->view.typing = kind == UI_SC_PROMPT || kind == UI_SC_SCORES;
	return dl;
}

/* Free a dialog, its items and its context. */
static void dialog_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_dialog *dl = (struct ui_dialog *)v;

	if (dl->ctx && dl->ctx_free)
		dl->ctx_free(dl->ctx);
	for (size_t i = 0; i < dl->nitems; i++) {
		free(dl->items[i].value);
		free(dl->items[i].label);
		free(dl->items[i].help);
	}
	free(dl->items);
	ui_edit_free(app, &dl->edit);
	free(dl->title);
	free(dl->text);
	free(dl->msg);
	free(dl->item_id);
	free(dl->mine);
	free(dl->theirs);
	free(dl);
}

/* Take the dialog off the stack, run done, free it. */
static void dialog_close(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct ui_view **pp = &app->top;

	while (*pp && *pp != &dl->view)
		pp = &(*pp)->below;
	if (*pp)
		*pp = dl->view.below;
	dl->view.below = NULL;
	if (dl->done)
		dl->done(app, dl, ok);
	dialog_free(app, &dl->view);
}

/* See ui_impl.h. */
void ui_dialog_show(struct ui_app *app, struct ui_dialog *dl,
                    ui_dialog_done done, void *ctx, void (*ctx_free)(void *))
{
	dl->done = done;
	dl->ctx = ctx;
	dl->ctx_free = ctx_free;
	ui_view_push(app, &dl->view);
}

/* See ui_impl.h. */
void ui_dialog_discard(struct ui_app *app, struct ui_dialog *dl)
{
	dialog_free(app, &dl->view);
}

/* See ui_impl.h. */
void ui_message(struct ui_app *app, const char *title, const char *text)
{
	ui_dialog_show(app, dialog_new(UI_SC_MESSAGE, title, text), NULL, NULL,
	               NULL);
}

/* See ui_impl.h. */
struct ui_dialog *ui_confirm(struct ui_app *app, const char *title,
                             const char *text, ui_dialog_done done,
                             void *ctx, void (*ctx_free)(void *))
{
	struct ui_dialog *dl = dialog_new(UI_SC_CONFIRM, title, text);

	ui_dialog_show(app, dl, done, ctx, ctx_free);
	return dl;
}

/* See ui_impl.h. */
struct ui_dialog *ui_pick_new(const char *title, const char *text, int many)
{
	return dialog_new(many ? UI_SC_PICKMANY : UI_SC_PICK, title, text);
}

/* See ui_impl.h. */
struct ui_pick_item *ui_pick_add(struct ui_dialog *dl, const char *value,
                                 const char *label, const char *help)
{
	struct ui_pick_item *it;

	xgrow(&dl->items, &dl->capitems, dl->nitems + 1, sizeof *dl->items);
	it = &dl->items[dl->nitems++];
	memset(it, 0, sizeof *it);
	it->value = xstrdup(value ? value : "");
	it->label = xstrdup(label ? label : "");
	it->help = xstrdup(help);
	if (dl->items[dl->cur].heading)
		dl->cur = dl->nitems - 1;
	return it;
}

/* See ui_impl.h. */
void ui_pick_heading(struct ui_dialog *dl, const char *label)
{
	struct ui_pick_item *it = ui_pick_add(dl, "", label, NULL);

	it->heading = 1;
}

/* See ui_impl.h. */
void ui_pick_select(struct ui_dialog *dl, const char *value)
{
	for (size_t i = 0; i < dl->nitems; i++)
		if (!dl->items[i].heading && str_eq(dl->items[i].value, value)) {
			dl->cur = i;
			return;
		}
}

/* See ui_impl.h. */
const struct ui_pick_item *ui_pick_chosen(const struct ui_dialog *dl)
{
	if (dl->cur < dl->nitems && !dl->items[dl->cur].heading)
		return &dl->items[dl->cur];
	return NULL;
}

/* See ui_impl.h. */
struct ui_dialog *ui_prompt(struct ui_app *app, const char *title,
                            const char *text, const char *initial,
                            int (*check)(struct ui_app *, const char *,
                                         char *, size_t),
                            ui_dialog_done done, void *ctx,
                            void (*ctx_free)(void *))
{
	struct ui_dialog *dl = dialog_new(UI_SC_PROMPT, title, text);

	ui_edit_init(&dl->edit, initial, 0);
	te_finish(&dl->edit.te);
	dl->check = check;
	ui_dialog_show(app, dl, done, ctx, ctx_free);
	return dl;
}

/* See ui_impl.h. */
const char *ui_prompt_text(const struct ui_dialog *dl)
{
	return te_text(&dl->edit.te);
}

/* See ui_impl.h. */
struct ui_dialog *ui_conflict(struct ui_app *app, const char *title,
                              const char *mine, const char *theirs,
                              ui_dialog_done done, void *ctx,
                              void (*ctx_free)(void *))
{
	struct ui_dialog *dl = dialog_new(UI_SC_CONFLICT, title,
	                                  "Jij en een ander veranderden dit "
	                                  "tegelijk. Welke versie blijft?");

	dl->mine = xstrdup(mine);
	dl->theirs = xstrdup(theirs);
	ui_dialog_show(app, dl, done, ctx, ctx_free);
	return dl;
}

/* ---- scores ------------------------------------------------------------------ */

/* The current score of the person of row i, or -1. */
static int score_of(struct ui_app *app, struct ui_dialog *dl, size_t i)
{
	struct doc_node *item = ui_case_item(app, dl->section, dl->item_id);
	struct doc_node *map = item ? doc_map_get(item, dl->field->key) : NULL;
	const char *v;

	if (!map || map->type != DOC_MAP || i >= dl->nitems)
		return -1;
	v = doc_map_str(map, dl->items[i].value);
	return v ? atoi(v) : -1;
}

/* Set the score of the person under the cursor (-1: remove). */
static void score_set(struct ui_app *app, struct ui_dialog *dl, int score)
{
	struct doc_node *item = ui_case_item(app, dl->section, dl->item_id);

	if (!item || dl->cur >= dl->nitems || score > SCORE_MAX)
		return;
	if (score_of(app, dl, dl->cur) == score)
		return;
	if (!dl->choice) {
		ui_case_snapshot(app, dl->undo_tag);
		dl->choice = 1;   /* one snapshot for the whole table */
	}
	casedoc_set_score(&app->fs, dl->section, item, dl->field->key,
	                  dl->items[dl->cur].value, score);
	ui_case_changed(app, 0);
	ui_case_refresh_views(app);
}

/* See ui_impl.h. */
void ui_scores_open(struct ui_app *app, const char *section,
                    const char *item_id, const struct form_field *f,
                    int undo_tag)
{
	struct ui_dialog *dl = dialog_new(UI_SC_SCORES, f->label, f->help);
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);

	dl->section = section;
	dl->item_id = xstrdup(item_id);
	dl->field = f;
	dl->undo_tag = undo_tag;
	ui_pick_add(dl, "duo", "Het duo", NULL);
	for (size_t i = 0; members && i < members->len; i++) {
		const char *ref = doc_map_str(members->item[i], "ref");
		const char *name = doc_map_str(members->item[i], "name");

		if (ref)
			ui_pick_add(dl, ref, name ? name : ref, NULL);
	}
	ui_dialog_show(app, dl, NULL, NULL, NULL);
}

/* ---- drawing ------------------------------------------------------------------ */

/* Rows the content of a dialog would like at width w. */
static int content_rows(struct ui_dialog *dl, int w)
{
	int text = dl->text ? ui_wrapped_rows(dl->text, w, 0) : 0;

	switch (dl->kind) {
	case UI_SC_PICK:
	case UI_SC_PICKMANY:
		return (text > PICK_HELP_ROWS ? PICK_HELP_ROWS : text) +
		       (text ? 1 : 0) + (int)dl->nitems;
	case UI_SC_PROMPT:
		return text + 1 + 1 + 1;
	case UI_SC_SCORES:
		return (text > PICK_HELP_ROWS ? PICK_HELP_ROWS : text) + 1 +
		       (int)dl->nitems;
	case UI_SC_CONFLICT:
		return text + 4 +
		       ui_wrapped_rows(*dl->mine ? dl->mine : "-", w - 2,
		                       CONFLICT_ROWS) +
		       ui_wrapped_rows(*dl->theirs ? dl->theirs : "-", w - 2,
		                       CONFLICT_ROWS);
	default:
		return text + 2;
	}
}

/* Draw a pick list in r. */
static void pick_draw(struct ui_app *app, struct ui_dialog *dl,
                      struct ui_rect r)
{
	int many = dl->kind == UI_SC_PICKMANY;

	if (dl->cur < dl->top)
		dl->top = dl->cur;
	if (dl->cur >= dl->top + (size_t)r.h)
		dl->top = dl->cur - (size_t)r.h + 1;
	for (int i = 0; i < r.h && dl->top + (size_t)i < dl->nitems; i++) {
		size_t k = dl->top + (size_t)i;
		const struct ui_pick_item *it = &dl->items[k];
		attr_t a = k == dl->cur ? ui_look(app, UI_LOOK_SELECTED) :
		           ui_look(app, UI_LOOK_NORMAL);
		int x = r.x;

		if (it->heading) {
			ui_put_cut(app, r.y + i, x, r.w, it->label,
			           ui_look(app, UI_LOOK_HEADING));
			continue;
		}
		if (k == dl->cur)
			ui_fill((struct ui_rect){r.y + i, r.x, 1, r.w}, a);
		if (many) {
			x += ui_put(app, r.y + i, x, r.w, ui_glyph(app, it->checked ?
			            UI_G_BOX_ON : UI_G_BOX_OFF), a);
			x++;
		}
		ui_put_cut(app, r.y + i, x, r.w - (x - r.x), it->label, a);
	}
}

/* Draw the scores table: name, score and a bar of ten. */
static void scores_draw(struct ui_app *app, struct ui_dialog *dl,
                        struct ui_rect r)
{
	int namew = r.w - SCORE_BAR_COLS - 6;

	if (namew > SCORE_NAME_COLS)
		namew = SCORE_NAME_COLS;
	if (dl->cur < dl->top)
		dl->top = dl->cur;
	if (dl->cur >= dl->top + (size_t)r.h)
		dl->top = dl->cur - (size_t)r.h + 1;
	for (int i = 0; i < r.h && dl->top + (size_t)i < dl->nitems; i++) {
		size_t k = dl->top + (size_t)i;
		int s = score_of(app, dl, k), x = r.x;
		attr_t a = k == dl->cur ? ui_look(app, UI_LOOK_SELECTED) :
		           ui_look(app, UI_LOOK_NORMAL);
		char num[16];

		if (k == dl->cur)
			ui_fill((struct ui_rect){r.y + i, r.x, 1, r.w}, a);
		ui_put_cut(app, r.y + i, x, namew, dl->items[k].label, a);
		x += namew + 1;
		snprintf(num, sizeof num, s < 0 ? "  -" : "%3d", s);
		x += ui_put(app, r.y + i, x, 3, num, a | A_BOLD) + 2;
		for (int b = 0; b < SCORE_BAR_COLS && s >= 0; b++)
			ui_put(app, r.y + i, x + b, 1, b < s ? "#" : ".", a);
	}
}

/* Draw the dialog box centred in the body. */
static void dialog_draw(struct ui_app *app, struct ui_view *v,
                        struct ui_rect body)
{
	struct ui_dialog *dl = (struct ui_dialog *)v;
	int w = body.w - 2 * UI_DIALOG_MARGIN, h, inner, y, text_rows;
	struct ui_rect box, in;

	if (w > UI_DIALOG_MAXW)
		w = UI_DIALOG_MAXW;
	inner = w - 2 - 2 * UI_PAD;
	h = content_rows(dl, inner) + 2;
	if (h > body.h - UI_DIALOG_MARGIN)
		h = body.h - UI_DIALOG_MARGIN;
	if (h < PICK_MIN_ROWS + 2)
		h = PICK_MIN_ROWS + 2;
	box = (struct ui_rect){body.y + (body.h - h) / 2,
	                       body.x + (body.w - w) / 2, h, w};
	ui_fill(box, A_NORMAL);
	ui_box(app, box, ui_look(app, UI_LOOK_HEADING));
	if (*dl->title) {
		ui_put(app, box.y, box.x + 2, 1, " ", A_NORMAL);
		ui_put_cut(app, box.y, box.x + 3, box.w - 6, dl->title,
		           ui_look(app, UI_LOOK_HEADING));
		ui_put(app, box.y, box.x + 3 + (ui_width(dl->title) < box.w - 6 ?
		       ui_width(dl->title) : box.w - 6), 1, " ", A_NORMAL);
	}
	in = (struct ui_rect){box.y + 1, box.x + 1 + UI_PAD, box.h - 2, inner};
	y = in.y;
	text_rows = dl->text ? ui_wrapped_rows(dl->text, in.w, 0) : 0;
	switch (dl->kind) {
	case UI_SC_PICK:
	case UI_SC_PICKMANY:
		if (text_rows) {
			int tr = text_rows > PICK_HELP_ROWS ? PICK_HELP_ROWS : text_rows;

			y += ui_put_wrapped(app, (struct ui_rect){y, in.x, tr, in.w},
			                    dl->text, ui_look(app, UI_LOOK_DIM)) + 1;
		}
		pick_draw(app, dl, (struct ui_rect){y, in.x, in.y + in.h - y,
		                                    in.w});
		break;
	case UI_SC_SCORES:
		if (text_rows) {
			int tr = text_rows > PICK_HELP_ROWS ? PICK_HELP_ROWS : text_rows;

			y += ui_put_wrapped(app, (struct ui_rect){y, in.x, tr, in.w},
			                    dl->text, ui_look(app, UI_LOOK_DIM)) + 1;
		}
		scores_draw(app, dl, (struct ui_rect){y, in.x, in.y + in.h - y,
		                                      in.w});
		break;
	case UI_SC_PROMPT:
		y += ui_put_wrapped(app, (struct ui_rect){y, in.x, in.h - 3, in.w},
		                    dl->text, A_NORMAL) + 1;
		ui_put(app, y, in.x, 2, ui_glyph(app, UI_G_ARROW),
		       ui_look(app, UI_LOOK_HEADING));
		ui_fill((struct ui_rect){y, in.x + 2, 1, in.w - 2}, A_UNDERLINE);
		ui_edit_draw(app, &dl->edit, (struct ui_rect){y, in.x + 2, 1,
		             in.w - 2}, 1);
		if (dl->msg)
			ui_put_cut(app, y + 1, in.x, in.w, dl->msg,
			           ui_look(app, UI_LOOK_ERROR));
		break;
	case UI_SC_CONFLICT:
		y += ui_put_wrapped(app, (struct ui_rect){y, in.x, in.h, in.w},
		                    dl->text, A_NORMAL) + 1;
		ui_put(app, y++, in.x, in.w, "Jouw versie (j):",
		       ui_look(app, UI_LOOK_HEADING));
		y += ui_put_wrapped(app, (struct ui_rect){y, in.x + 2, CONFLICT_ROWS,
		                    in.w - 2}, *dl->mine ? dl->mine : "(leeg)",
		                    A_NORMAL) + 1;
		ui_put(app, y++, in.x, in.w, "De andere versie (a):",
		       ui_look(app, UI_LOOK_HEADING));
		ui_put_wrapped(app, (struct ui_rect){y, in.x + 2, CONFLICT_ROWS,
		               in.w - 2}, *dl->theirs ? dl->theirs : "(leeg)",
		               A_NORMAL);
		break;
	case UI_SC_CONFIRM:
		ui_put_wrapped(app, (struct ui_rect){y, in.x, in.h - 1, in.w},
		               dl->text, A_NORMAL);
		ui_put(app, in.y + in.h - 1, in.x, in.w,
		       "j = ja    n = nee (Enter, Esc)", ui_look(app, UI_LOOK_DIM));
		break;
	case UI_SC_CHOOSE: {
		char *keys = xasprintf("Enter = %s    Esc = %s", dl->yes ? dl->yes :
		                       "ja", dl->no ? dl->no : "nee");

		ui_put_wrapped(app, (struct ui_rect){y, in.x, in.h - 1, in.w},
		               dl->text, A_NORMAL);
		ui_put_cut(app, in.y + in.h - 1, in.x, in.w, keys,
		           ui_look(app, UI_LOOK_DIM));
		free(keys);
		break;
	}
	default:
		ui_put_wrapped(app, (struct ui_rect){y, in.x, in.h - 1, in.w},
		               dl->text, A_NORMAL);
		ui_put(app, in.y + in.h - 1, in.x, in.w, "Enter = verder",
		       ui_look(app, UI_LOOK_DIM));
		break;
	}
}

/* ---- keys ---------------------------------------------------------------------- */

static int dialog_scopes(struct ui_app *app, struct ui_view *v,
                         enum ui_scope out[UI_SCOPES_MAX])
{
	struct ui_dialog *dl = (struct ui_dialog *)v;
	int n = 0;

	(void)app;
	out[n++] = (enum ui_scope)dl->kind;
	if (dl->kind == UI_SC_PICK || dl->kind == UI_SC_PICKMANY)
		out[n++] = UI_SC_MOVE;
	if (dl->kind == UI_SC_PROMPT)
		out[n++] = UI_SC_EDIT;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* Move the cursor of a pick list over the headings. */
static void pick_move(struct ui_dialog *dl, int delta)
{
	size_t i = dl->cur;

	if (dl->nitems == 0)
		return;
	while (delta != 0) {
		size_t next = delta > 0 ? i + 1 : i - 1;

		if ((delta > 0 && i + 1 >= dl->nitems) || (delta < 0 && i == 0))
			break;
		i = next;
		if (!dl->items[i].heading) {
			dl->cur = i;
			delta += delta > 0 ? -1 : 1;
		}
	}
}

/* The keys of each kind of dialog. */
static int dialog_action(struct ui_app *app, struct ui_view *v,
                         enum ui_action a, int key)
{
	struct ui_dialog *dl = (struct ui_dialog *)v;
	int s;

	(void)key;
	switch (dl->kind) {
	case UI_SC_MESSAGE:
		if (a == UI_A_BACK) {
			dialog_close(app, dl, 1);
			return 1;
		}
		return 0;
	case UI_SC_CONFIRM:
	case UI_SC_CHOOSE:
		if (a == UI_A_YES || a == UI_A_NO) {
			dl->choice = a == UI_A_YES;
			dialog_close(app, dl, 1);
			return 1;
		}
		return 0;
	case UI_SC_CONFLICT:
		if (a == UI_A_MINE || a == UI_A_THEIRS) {
			dl->choice = a == UI_A_MINE ? 1 : 2;
			dialog_close(app, dl, 1);
			return 1;
		}
		return 0;
	case UI_SC_PICK:
	case UI_SC_PICKMANY:
		switch (a) {
		case UI_A_UP: pick_move(dl, -1); return 1;
		case UI_A_DOWN: pick_move(dl, 1); return 1;
		case UI_A_PGUP: pick_move(dl, -10); return 1;
		case UI_A_PGDN: pick_move(dl, 10); return 1;
		case UI_A_TOP: dl->cur = 0; pick_move(dl, 1); pick_move(dl, -1);
			return 1;
		case UI_A_BOTTOM: pick_move(dl, (int)dl->nitems); return 1;
		case UI_A_TOGGLE:
			if (dl->cur < dl->nitems && !dl->items[dl->cur].heading)
				dl->items[dl->cur].checked ^= 1;
			return 1;
		case UI_A_OPEN:
			if (!ui_pick_chosen(dl))
				return 1;
			dialog_close(app, dl, 1);
			return 1;
		case UI_A_DONE:
			dialog_close(app, dl, 1);
			return 1;
		case UI_A_BACK:
			dialog_close(app, dl, 0);
			return 1;
		default:
			return 0;
		}
	case UI_SC_PROMPT:
		if (a == UI_A_BACK) {
			dialog_close(app, dl, 0);
			return 1;
		}
		if (a == UI_A_DONE) {
			char msg[256] = "";

			if (dl->check && dl->check(app, ui_prompt_text(dl), msg,
			                           sizeof msg) != 0) {
				free(dl->msg);
				dl->msg = xstrdup(msg);
				return 1;
			}
			dialog_close(app, dl, 1);
			return 1;
		}
		if (ui_edit_action(&dl->edit, a))
			return 1;
		return a >= UI_A_TE_LEFT;
	case UI_SC_SCORES:
		s = score_of(app, dl, dl->cur);
		switch (a) {
		case UI_A_UP:
			if (dl->cur > 0)
				dl->cur--;
			dl->digits = -1;
			return 1;
		case UI_A_DOWN:
			if (dl->cur + 1 < dl->nitems)
				dl->cur++;
			dl->digits = -1;
			return 1;
		case UI_A_INC:
			score_set(app, dl, s < 0 ? 0 : s < SCORE_MAX ? s + 1 : s);
			return 1;
		case UI_A_DEC:
			score_set(app, dl, s < 0 ? SCORE_MAX : s > 0 ? s - 1 : s);
			return 1;
		case UI_A_CLEAR:
			score_set(app, dl, -1);
			return 1;
		case UI_A_DONE:
			if (dl->choice)
				ui_case_changed(app, 1);
			dialog_close(app, dl, 1);
			return 1;
		default:
			return 0;
		}
	default:
		return 0;
	}
}

/* Typed keys: text of a prompt, digits of a score. */
static int dialog_text(struct ui_app *app, struct ui_view *v, int key)
{
	struct ui_dialog *dl = (struct ui_dialog *)v;

	if (dl->kind == UI_SC_PROMPT) {
		ui_edit_type(app, &dl->edit, key);
		free(dl->msg);
		dl->msg = NULL;
		return 1;
	}
	if (dl->kind == UI_SC_SCORES && key >= '0' && key <= '9') {
		int d = key - '0';

		/* "1" then "0" is ten */
		if (dl->digits == 1 && d == 0)
			d = SCORE_MAX;
		dl->digits = key - '0';
		score_set(app, dl, d);
		return 1;
	}
	return 0;
}

/* The help line: the help of the item under the cursor. */
static const char *dialog_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_dialog *dl = (struct ui_dialog *)v;

	(void)app;
	if ((dl->kind == UI_SC_PICK || dl->kind == UI_SC_PICKMANY) &&
	    dl->cur < dl->nitems && dl->items[dl->cur].help)
		return dl->items[dl->cur].help;
	if (dl->kind == UI_SC_SCORES)
		return "Typ een cijfer van 0 tot 10 (10: typ 1 en dan 0), of "
		       "gebruik \u2190 en \u2192. Delete wist het cijfer.";
	return NULL;
}

static const struct ui_view_ops dialog_ops = {
	.name = "dialog",
	.flags = UI_VIEW_MODAL,
	.scopes = dialog_scopes,
	.draw = dialog_draw,
	.action = dialog_action,
	.text = dialog_text,
	.help = dialog_help,
	.free = dialog_free,
};

/* See ui_impl.h. */
struct ui_dialog *ui_choose(struct ui_app *app, const char *title,
                            const char *text, const char *yes,
                            const char *no, ui_dialog_done done, void *ctx,
                            void (*ctx_free)(void *))
{
	struct ui_dialog *dl = dialog_new(UI_SC_CHOOSE, title, text);

	dl->yes = yes;
	dl->no = no;
	ui_dialog_show(app, dl, done, ctx, ctx_free);
	return dl;
}
