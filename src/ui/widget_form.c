/*
 * widget_form.c - the form of one item: every field of its form section,
 * label beside value, the help of the focused field on the help line.
 *
 * Typing goes straight into the focused text field (no edit mode); Tab and
 * Shift-Tab move between fields, so do the arrows where they do not move
 * inside the text. Choice, person, member, statement and factor fields open
 * a list on Enter; yes/no fields switch on Enter or Space. F2, Ctrl-D and
 * Esc close the form. Nothing is ever thrown away: leaving a field puts its
 * text in the document, except a value validate_scalar refuses, which
 * stays in the field with the reason under it.
 *
 * Leaving the form checks the fields the form makes required for this kind
 * of item (required_if, such as the consequence of a voorwaarde): when one
 * is empty the user chooses between filling it in now and going back; the
 * field and the sidebar keep saying it is missing.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define FORM_TITLE_ROWS  2   /* the title and a blank row */
#define FORM_LABEL_MIN   12  /* label column, at least */
#define FORM_LABEL_MAX   26  /* and at most */
#define FORM_LABEL_GAP   2
#define FORM_VALUE_ROWS  6   /* rows of a long value of a field not focused */
#define FORM_MARK_COLS   2   /* the marker before the focused label */
#define FORM_NOTE_ROWS   2   /* rows of a message under a field */

struct ui_formview {
	struct ui_view view;
	const struct form_section *sec;
	const char *section;
	char *item_id;
	size_t *fields;          /* indexes into sec->fields of shown fields */
	size_t nfields;
	size_t focus;            /* index into fields */
	size_t first;            /* first field on screen */
	struct ui_edit edit;     /* the focused field, when it is typed */
	char **bad;              /* per field: refused text kept, or NULL */
	char **badmsg;           /* and why */
	int fresh;               /* the item was made for this form */
	size_t undo_mark;        /* undo depth just after it was made */
	int locked;              /* the session may not change */
};

static const struct ui_view_ops form_ops, form_ops_session;

/* Field i of the form. */
static const struct form_field *field_at(const struct ui_formview *fv,
                                         size_t i)
{
	return &fv->sec->fields[fv->fields[i]];
}

/* The item of the form, or NULL when it is gone. */
static struct doc_node *form_item(struct ui_app *app, struct ui_formview *fv)
{
	return ui_case_item(app, fv->section, fv->item_id);
}

/* 1 when field i is typed into on screen. */
static int field_typed(const struct ui_formview *fv, size_t i)
{
	const struct form_field *f = field_at(fv, i);

	return ui_field_is_typed(f) && !ui_field_readonly(fv->section, f) &&
	       !fv->locked;
}

/* 1 when item needs field f (required, or required_if met) and lacks it. */
static int field_needed(const struct doc_node *item, const struct form_field *f)
{
	struct doc_node *n = doc_map_get(item, f->key);
	int empty = !n || doc_is_null(n) || (n->type == DOC_SCALAR ?
	            !*n->text : n->len == 0);

	if (!empty || f->type == FT_ID || f->type == FT_REF)
		return 0;
	if (f->required)
		return 1;
	return f->required_if_key &&
	       str_eq(doc_map_str(item, f->required_if_key),
	              f->required_if_value);
}

/* "een voorwaarde": the condition of a required_if field, in words
 * (the choice label, lower case, with an article). Owned. */
static char *condition_text(const struct ui_formview *fv,
                            const struct form_field *f)
{
	const struct form_field *cond = form_section_field(fv->sec,
	                                                   f->required_if_key);
	const struct form_choice *c = cond ? form_field_choice(cond,
	                              f->required_if_value) : NULL;
	char *s;

	if (!c)
		return xasprintf("%s %s", f->required_if_key, f->required_if_value);
	s = xasprintf("een %s", c->label);
	if (s[4] >= 'A' && s[4] <= 'Z')
		s[4] = (char)(s[4] - 'A' + 'a');
	return s;
}

/* Put the focused field's text in the document; keep a refused one. */
static void leave_field(struct ui_app *app, struct ui_formview *fv)
{
	if (!fv->edit.active)
		return;
	free(fv->bad[fv->focus]);
	free(fv->badmsg[fv->focus]);
	fv->bad[fv->focus] = fv->badmsg[fv->focus] = NULL;
	if (ui_edit_commit(app, &fv->edit, 1) != 0 && fv->edit.msg) {
		fv->bad[fv->focus] = xstrdup(te_text(&fv->edit.te));
		fv->badmsg[fv->focus] = xstrdup(fv->edit.msg);
	}
	ui_edit_free(app, &fv->edit);
}

/* Focus field i, starting the editor when it is typed. */
static void enter_field(struct ui_app *app, struct ui_formview *fv, size_t i)
{
	fv->focus = i;
	fv->view.typing = 0;
	if (!field_typed(fv, i))
		return;
	ui_edit_begin(app, &fv->edit, fv->section, fv->item_id, field_at(fv, i),
	              fv->view.undo_tag);
	te_finish(&fv->edit.te);
	if (fv->bad[i]) {
		te_set(&fv->edit.te, fv->bad[i]);
		fv->edit.te.changed = 0;
		fv->edit.pending = 1;
		fv->edit.msg = xstrdup(fv->badmsg[i]);
	}
	fv->view.typing = 1;
}

/* Leave the focused field and focus field i. */
static void focus_field(struct ui_app *app, struct ui_formview *fv, size_t i)
{
	if (i >= fv->nfields)
		return;
	leave_field(app, fv);
	enter_field(app, fv, i);
}

/* ---- life -------------------------------------------------------------------- */

void ui_form_open(struct ui_app *app, const char *section, const char *item_id,
                  const char *focus_key)
{
	const struct form_section *sec = formset_section(&app->fs, section);
	struct ui_view *below = ui_view_top(app);
	struct ui_formview *fv;
	size_t focus = SIZE_MAX;

	if (!sec || !ui_case_item(app, section, item_id))
		return;
	fv = xcalloc(1, sizeof *fv);
	fv->view.ops = below && (below->ops->flags & UI_VIEW_SIDEBAR) ?
	               &form_ops_session : &form_ops;
	fv->view.undo_tag = below ? below->undo_tag : UI_TAG_NONE;
	fv->sec = sec;
	fv->section = sec->key;
	fv->item_id = xstrdup(item_id);
	fv->fields = xcalloc(sec->nfields ? sec->nfields : 1,
	                     sizeof *fv->fields);
	fv->bad = xcalloc(sec->nfields ? sec->nfields : 1, sizeof *fv->bad);
	fv->badmsg = xcalloc(sec->nfields ? sec->nfields : 1,
	                     sizeof *fv->badmsg);
	fv->locked = !str_eq(section, "household") &&
	             !str_eq(section, "members") && ui_case_locked(app, 0);
	for (size_t i = 0; i < sec->nfields; i++) {
		if (sec->fields[i].type == FT_ID)
			continue;
		if (focus == SIZE_MAX && focus_key &&
		    str_eq(sec->fields[i].key, focus_key))
			focus = fv->nfields;
		fv->fields[fv->nfields++] = i;
	}
	if (focus == SIZE_MAX)
		for (size_t i = 0; i < fv->nfields; i++)
			if (field_typed(fv, i) &&
			    (field_at(fv, i)->type == FT_TEXT ||
			     field_at(fv, i)->type == FT_LINES)) {
				focus = i;
				break;
			}
	if (focus == SIZE_MAX)
		focus = 0;
	ui_view_push(app, &fv->view);
	if (fv->nfields)
		enter_field(app, fv, focus);
	if (fv->locked)
		ui_case_locked(app, 1);
}

/* Mark the form as belonging to an item made for it (n on a list). */
void ui_form_mark_fresh(struct ui_app *app)
{
	struct ui_view *v = ui_view_top(app);

	if (v && (v->ops == &form_ops || v->ops == &form_ops_session)) {
		((struct ui_formview *)v)->fresh = 1;
		((struct ui_formview *)v)->undo_mark = app->cs.nundo;
	}
}

/* Free the form. */
static void form_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_formview *fv = (struct ui_formview *)v;

	ui_edit_free(app, &fv->edit);
	for (size_t i = 0; i < fv->sec->nfields; i++) {
		free(fv->bad[i]);
		free(fv->badmsg[i]);
	}
	free(fv->bad);
	free(fv->badmsg);
	free(fv->fields);
	free(fv->item_id);
	free(fv);
}

/* 1 when every text field of a fresh item is still empty. */
static int fresh_and_empty(struct ui_app *app, struct ui_formview *fv)
{
	struct doc_node *item = form_item(app, fv);

	if (!fv->fresh || !item)
		return 0;
	for (size_t i = 0; i < fv->sec->nfields; i++) {
		const struct form_field *f = &fv->sec->fields[i];
		const char *v = doc_map_str(item, f->key);

		if ((f->type == FT_TEXT || f->type == FT_LINES ||
		     f->type == FT_MEMBER) && !str_empty(v))
			return 0;
	}
	return 1;
}

/* Close the form for good. */
static void form_close(struct ui_app *app, struct ui_formview *fv)
{
	int empty;
	size_t mark = fv->undo_mark;
	const char *section = fv->section;
	char *id = xstrdup(fv->item_id);

	leave_field(app, fv);
	empty = fresh_and_empty(app, fv);
	ui_view_pop(app);   /* fv is gone from here on */
	if (empty) {
		ui_case_revert_to(app, mark, section, id);
		ui_status(app, "Niets ingevuld, dus niets toegevoegd.");
	} else {
		ui_case_save(app);
	}
	free(id);
}

/* A refused value: back to correct it, or throw it away and close. */
static void bad_choice(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct ui_formview *fv = dl->ctx;

	(void)ok;
	dl->ctx = NULL;
	if (dl->choice)
		return;  /* back to the field to correct it */
	for (size_t i = 0; i < fv->nfields; i++) {
		free(fv->bad[i]);
		free(fv->badmsg[i]);
		fv->bad[i] = fv->badmsg[i] = NULL;
	}
	form_close(app, fv);
}

/* A required field is empty: fill it in now, or close the form. */
static void need_choice(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct ui_formview *fv = dl->ctx;

	(void)ok;
	dl->ctx = NULL;
	if (dl->choice) {
		for (size_t i = 0; i < fv->nfields; i++)
			if (field_needed(form_item(app, fv), field_at(fv, i)) &&
			    field_at(fv, i)->required_if_key) {
				focus_field(app, fv, i);
				return;
			}
		return;
	}
	form_close(app, fv);
}

/* F2, Ctrl-D, Esc: check, ask when needed, close. */
static void form_done(struct ui_app *app, struct ui_formview *fv)
{
	struct doc_node *item;

	leave_field(app, fv);
	for (size_t i = 0; i < fv->nfields; i++)
		if (fv->bad[i]) {
			char *text = xasprintf("%s: %s. Wat je typte is niet bewaard.",
			                       field_at(fv, i)->label, fv->badmsg[i]);

			focus_field(app, fv, i);
			ui_choose(app, "Niet bewaard", text, "verbeteren",
			          "weggooien en sluiten", bad_choice, fv, NULL);
			free(text);
			return;
		}
	item = form_item(app, fv);
	if (item && !fresh_and_empty(app, fv) && !fv->locked)
		for (size_t i = 0; i < fv->nfields; i++) {
			const struct form_field *f = field_at(fv, i);
			char *text, *what;

			if (!f->required_if_key || !field_needed(item, f))
				continue;
			what = condition_text(fv, f);
			text = xasprintf("Bij %s hoort ook: %s. %s Vul het nu in, of "
			                 "ga terug: het punt blijft bewaard en "
			                 "gemarkeerd tot het is ingevuld.", what,
			                 f->label, f->help ? f->help : "");
			free(what);
			ui_choose(app, "Nog niet compleet", text, "nu invullen",
			          "terug naar de lijst", need_choice, fv, NULL);
			free(text);
			return;
		}
	form_close(app, fv);
}

/* ---- drawing -------------------------------------------------------------------- */

struct form_geom {
	int label_w, value_x, value_w;
};

/* The label column and the value column for r. */
static struct form_geom geometry(struct ui_formview *fv, struct ui_rect r)
{
	struct form_geom g;
	int lw = FORM_LABEL_MIN;

	for (size_t i = 0; i < fv->nfields; i++)
		if (ui_width(field_at(fv, i)->label) > lw)
			lw = ui_width(field_at(fv, i)->label);
	if (lw > FORM_LABEL_MAX)
		lw = FORM_LABEL_MAX;
	if (lw > r.w / 3)
		lw = r.w / 3;
	g.label_w = lw;
	g.value_x = r.x + FORM_MARK_COLS + lw + FORM_LABEL_GAP;
	g.value_w = r.w - FORM_MARK_COLS - lw - FORM_LABEL_GAP;
	if (g.value_w < 1)
		g.value_w = 1;
	return g;
}

/* The text shown for field i when it is not being typed in (owned). */
static char *shown_value(struct ui_app *app, struct ui_formview *fv, size_t i,
                         const struct doc_node *item)
{
	if (fv->bad[i])
		return xstrdup(fv->bad[i]);
	return ui_field_text(app, fv->section, field_at(fv, i), item);
}

/* The line under field i: a refusal, or what is missing; NULL if none. */
static char *field_note(struct ui_formview *fv, size_t i,
                        const struct doc_node *item, int *error)
{
	const struct form_field *f = field_at(fv, i);

	*error = 1;
	if (i == fv->focus && fv->edit.active && fv->edit.msg)
		return xstrdup(fv->edit.msg);
	if (fv->bad[i])
		return xstrdup(fv->badmsg[i]);
	if (field_needed(item, f) && f->required_if_key) {
		char *what = condition_text(fv, f);
		char *s = xasprintf("Nog invullen: verplicht bij %s", what);

		free(what);
		return s;
	}
	*error = 0;
	return NULL;
}

/* Rows field i takes. */
static int field_rows(struct ui_app *app, struct ui_formview *fv, size_t i,
                      const struct doc_node *item, struct form_geom g)
{
	int rows, err;
	char *note = field_note(fv, i, item, &err);
	int lrows = ui_wrapped_rows(field_at(fv, i)->label, g.label_w, 0);

	if (i == fv->focus && fv->edit.active) {
		rows = ui_edit_height(&fv->edit, g.value_w);
	} else {
		char *v = shown_value(app, fv, i, item);

		rows = v ? ui_wrapped_rows(v, g.value_w, FORM_VALUE_ROWS) : 1;
		free(v);
	}
	if (lrows > rows)
		rows = lrows;
	rows += note ? ui_wrapped_rows(note, g.value_w, FORM_NOTE_ROWS) : 0;
	free(note);
	return rows;
}

/* Draw the title and the fields, scrolled so the focused one shows. */
static void form_draw(struct ui_app *app, struct ui_view *v, struct ui_rect r)
{
	struct ui_formview *fv = (struct ui_formview *)v;
	struct doc_node *item = form_item(app, fv);
	struct form_geom g;
	struct ui_rect body;
	int y;
	char *title;

	if (!item) {
		ui_put(app, r.y, r.x + UI_PAD, r.w, "Dit punt bestaat niet meer.",
		       ui_look(app, UI_LOOK_ERROR));
		return;
	}
	r.x += UI_PAD;
	r.w -= 2 * UI_PAD;
	title = ui_item_title(app, fv->section, item);
	ui_put_cut(app, r.y, r.x, r.w, title, ui_look(app, UI_LOOK_HEADING));
	if (fv->locked)
		ui_put(app, r.y, r.x + ui_width(title) + 2, r.w - ui_width(title) -
		       2, "(alleen lezen)", ui_look(app, UI_LOOK_DIM));
	free(title);
	body = (struct ui_rect){r.y + FORM_TITLE_ROWS, r.x, r.h - FORM_TITLE_ROWS,
	                        r.w};
	g = geometry(fv, body);
	/* scroll by whole fields so that the focused one shows */
	if (fv->focus < fv->first)
		fv->first = fv->focus;
	for (;;) {
		int sum = 0;

		for (size_t i = fv->first; i <= fv->focus && i < fv->nfields; i++)
			sum += field_rows(app, fv, i, item, g);
		if (sum <= body.h || fv->first >= fv->focus)
			break;
		fv->first++;
	}
	y = body.y;
	for (size_t i = fv->first; i < fv->nfields && y < body.y + body.h; i++) {
		const struct form_field *f = field_at(fv, i);
		int rows = field_rows(app, fv, i, item, g), err = 0;
		int avail = body.y + body.h - y, focused = i == fv->focus;
		char *note = field_note(fv, i, item, &err);
		int nrows = note ? ui_wrapped_rows(note, g.value_w, FORM_NOTE_ROWS)
		                 : 0;
		int vrows = rows - nrows;
		attr_t la = focused ? ui_look(app, UI_LOOK_SELECTED) :
		            ui_look(app, UI_LOOK_DIM);

		if (rows > avail)
			rows = avail;
		if (vrows > avail)
			vrows = avail;
		if (focused)
			ui_put(app, y, r.x, FORM_MARK_COLS, ui_glyph(app, UI_G_ARROW),
			       ui_look(app, UI_LOOK_HEADING));
		ui_put_wrapped(app, (struct ui_rect){y, r.x + FORM_MARK_COLS, vrows,
		               g.label_w}, f->label, la);
		if (focused && fv->edit.active) {
			ui_edit_draw(app, &fv->edit, (struct ui_rect){y, g.value_x,
			             vrows, g.value_w}, 1);
		} else {
			char *val = shown_value(app, fv, i, item);
			attr_t va = ui_field_readonly(fv->section, f) ?
			            ui_look(app, UI_LOOK_DIM) : A_NORMAL;

			if (focused)
				va = ui_look(app, UI_LOOK_SELECTED);
			if (val)
				ui_put_wrapped(app, (struct ui_rect){y, g.value_x, vrows,
				               g.value_w}, val, va);
			else if (field_needed(item, f))
				ui_put(app, y, g.value_x, g.value_w, "(nog invullen)",
				       focused ? va : ui_look(app, UI_LOOK_ERROR));
			else
				ui_put(app, y, g.value_x, g.value_w, "\u2014", focused ? va
				       : ui_look(app, UI_LOOK_DIM));
			free(val);
		}
		if (note && vrows < rows)
			ui_put_wrapped(app, (struct ui_rect){y + vrows, g.value_x,
			               rows - vrows, g.value_w}, note,
			           ui_look(app, err ? UI_LOOK_ERROR : UI_LOOK_DIM));
		free(note);
		y += rows;
	}
}

/* ---- keys ------------------------------------------------------------------------ */

static int form_scopes(struct ui_app *app, struct ui_view *v,
                       enum ui_scope out[UI_SCOPES_MAX])
{
	struct ui_formview *fv = (struct ui_formview *)v;
	int n = 0;

	(void)app;
	if (fv->edit.active) {
		out[n++] = fv->edit.field->type == FT_LINES ? UI_SC_LINES :
		           UI_SC_TEXT;
		out[n++] = UI_SC_EDIT;
	}
	out[n++] = UI_SC_FORM;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* After choosing a single value: on to the next field. */
static void after_pick(struct ui_app *app, void *ctx)
{
	struct ui_formview *fv = ctx;

	if (ui_view_top(app) == &fv->view && fv->focus + 1 < fv->nfields)
		focus_field(app, fv, fv->focus + 1);
}

/* Enter or Space on a field that is not typed. */
static void open_field(struct ui_app *app, struct ui_formview *fv, int toggle)
{
	const struct form_field *f = field_at(fv, fv->focus);
	struct doc_node *item = form_item(app, fv);

	if (!item)
		return;
	if (fv->locked) {
		ui_case_locked(app, 1);
		return;
	}
	if (str_eq(fv->section, "sessions") && str_eq(f->key, "status")) {
		ui_status(app, "De status verandert alleen door indienen, "
		          "vaststellen of terugsturen (duo submit, duo approve, "
		          "duo return).");
		return;
	}
	if (ui_field_readonly(fv->section, f)) {
		ui_status(app, "%s vult duo zelf in.", f->label);
		return;
	}
	if (f->type == FT_BOOL) {
		const char *v = casedoc_get(item, f->key);

		ui_case_snapshot(app, fv->view.undo_tag);
		casedoc_set(&app->fs, fv->section, item, f->key,
		            str_eq(v, "true") ? "false" : "true");
		ui_case_changed(app, 1);
		ui_case_refresh_views(app);
		return;
	}
	(void)toggle;
	ui_field_pick(app, fv->section, fv->item_id, f, fv->view.undo_tag,
	              field_type_is_list(f->type) || f->type == FT_SCORES ? NULL :
	              after_pick, fv);
}

/* Move between fields, edit, choose, clear, close. */
static int form_action(struct ui_app *app, struct ui_view *v, enum ui_action a,
                       int key)
{
	struct ui_formview *fv = (struct ui_formview *)v;

	(void)key;
	if (fv->nfields == 0) {
		if (a == UI_A_DONE || a == UI_A_BACK)
			form_close(app, fv);
		return 1;
	}
	switch (a) {
	case UI_A_NEXT_FIELD:
		if (fv->focus + 1 < fv->nfields)
			focus_field(app, fv, fv->focus + 1);
		else
			ui_status(app, "Dit is het laatste veld. F2 of Esc: klaar.");
		return 1;
	case UI_A_PREV_FIELD:
		if (fv->focus > 0)
			focus_field(app, fv, fv->focus - 1);
		return 1;
	case UI_A_TE_UP:
		if (!ui_edit_action(&fv->edit, a) && fv->focus > 0)
			focus_field(app, fv, fv->focus - 1);
		return 1;
	case UI_A_TE_DOWN:
		if (!ui_edit_action(&fv->edit, a) && fv->focus + 1 < fv->nfields)
			focus_field(app, fv, fv->focus + 1);
		return 1;
	case UI_A_DONE:
	case UI_A_BACK:
		form_done(app, fv);
		return 1;
	case UI_A_OPEN:
		if (!fv->edit.active)
			open_field(app, fv, 0);
		return 1;
	case UI_A_TOGGLE:
		if (!fv->edit.active)
			open_field(app, fv, 1);
		return 1;
	case UI_A_CLEAR:
		if (!fv->edit.active && !fv->locked &&
		    !ui_field_readonly(fv->section, field_at(fv, fv->focus))) {
			struct doc_node *item = form_item(app, fv);

			if (item && casedoc_get(item, field_at(fv, fv->focus)->key)) {
				ui_case_snapshot(app, fv->view.undo_tag);
				casedoc_set(&app->fs, fv->section, item,
				            field_at(fv, fv->focus)->key, NULL);
				ui_case_changed(app, 1);
				ui_case_refresh_views(app);
			} else if (item && doc_map_get(item,
			                               field_at(fv, fv->focus)->key)) {
				ui_case_snapshot(app, fv->view.undo_tag);
				casedoc_set(&app->fs, fv->section, item,
				            field_at(fv, fv->focus)->key, NULL);
				ui_case_changed(app, 1);
				ui_case_refresh_views(app);
			}
		}
		return 1;
	default:
		if (fv->edit.active && a >= UI_A_TE_LEFT && a <= UI_A_TE_NEWLINE) {
			ui_edit_action(&fv->edit, a);
			return 1;
		}
		return 0;
	}
}

/* Typed keys: into the focused text field; j/n on a yes/no field. */
static int form_text(struct ui_app *app, struct ui_view *v, int key)
{
	struct ui_formview *fv = (struct ui_formview *)v;
	const struct form_field *f;
	struct doc_node *item;

	if (fv->edit.active) {
		ui_edit_type(app, &fv->edit, key);
		return 1;
	}
	if (fv->nfields == 0 || fv->locked)
		return 0;
	f = field_at(fv, fv->focus);
	item = form_item(app, fv);
	if (f->type == FT_BOOL && item && (key == 'j' || key == 'n')) {
		ui_case_snapshot(app, fv->view.undo_tag);
		casedoc_set(&app->fs, fv->section, item, f->key,
		            key == 'j' ? "true" : "false");
		ui_case_changed(app, 1);
		ui_case_refresh_views(app);
		return 1;
	}
	return 0;
}

/* The document changed: lock state and the typed text follow. */
static void form_refresh(struct ui_app *app, struct ui_view *v)
{
	struct ui_formview *fv = (struct ui_formview *)v;

	fv->locked = !str_eq(fv->section, "household") &&
	             !str_eq(fv->section, "members") && ui_case_locked(app, 0);
	if (fv->edit.active)
		ui_edit_resync(app, &fv->edit);
}

/* The help of the focused field. */
static const char *form_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_formview *fv = (struct ui_formview *)v;
	const struct form_field *f;

	(void)app;
	if (fv->nfields == 0)
		return fv->sec->help;
	f = field_at(fv, fv->focus);
	return f->help ? f->help : fv->sec->help;
}

static const struct ui_view_ops form_ops = {
	.name = "form",
	.flags = 0,
	.scopes = form_scopes,
	.draw = form_draw,
	.action = form_action,
	.text = form_text,
	.reload = form_refresh,
	.help = form_help,
	.free = form_free,
};

static const struct ui_view_ops form_ops_session = {
	.name = "form",
	.flags = UI_VIEW_SIDEBAR,
	.scopes = form_scopes,
	.draw = form_draw,
	.action = form_action,
	.text = form_text,
	.reload = form_refresh,
	.help = form_help,
	.free = form_free,
};
