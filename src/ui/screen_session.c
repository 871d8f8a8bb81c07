/*
 * screen_session.c - the walk through one session: the sidebar with the
 * stages 0..5 (each with a check mark when complete, or the first thing
 * still missing and how many more), moving between stages, and the shared
 * machinery of the stages that are a list of rows (0, 2, 3 and 4).
 *
 * Every stage is its own view (stage_*.c) with the session's sidebar
 * beside it; 0-5 replaces the stage view, Esc goes back to the household.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define UI_STAGES        6
#define SIDEBAR_TITLE_MAX 2   /* rows of a stage title at most */
#define SIDEBAR_NOTE_MAX  2   /* rows of what is missing at most */
#define STAGE_TITLE_ROWS  2   /* the title line of a panel and a blank */

static const char *const stage_names[UI_STAGES] = {
	"Huishouden en aanwezigen", "Feiten, zorgen en meningen", "TOP-3",
	"Verklarende analyse", "Plan", "Samenvatting",
};

/* The title of stage s: from its form, else the fixed name. */
static const char *stage_title(struct ui_app *app, int s)
{
	const struct form *f = s >= 0 && s < 5 ? formset_stage(&app->fs, s)
	                                       : NULL;

	if (f && f->title)
		return f->title;
	return s >= 0 && s < UI_STAGES ? stage_names[s] : "";
}

/* See ui_impl.h. */
int ui_session_stage(struct ui_app *app)
{
	for (struct ui_view *v = app->top; v; v = v->below)
		if (v->ops->flags & UI_VIEW_SIDEBAR)
			return v->undo_tag;
	return -1;
}

/* See ui_impl.h. */
struct ui_view *ui_stage_new(struct ui_app *app, int stage)
{
	switch (stage) {
	case 0: return ui_stage_members_new(app);
	case 1: return ui_stage_statements_new(app);
	case 2: return ui_stage_top3_new(app);
	case 3: return ui_stage_analysis_new(app);
	case 4: return ui_stage_plan_new(app);
	default: return ui_stage_preview_new(app);
	}
}

/* See ui_impl.h. */
void ui_session_open(struct ui_app *app, const char *sess_id, int stage)
{
	snprintf(app->cs.sess_id, sizeof app->cs.sess_id, "%s", sess_id);
	app->cs.gen++;
	ui_view_push(app, ui_stage_new(app, stage));
	if (!app->cfg.household_view && ui_case_locked(app, 0)) {
		char why[256];

		review_editable(ui_case_session(app), why, sizeof why);
		ui_status(app, "Alleen lezen. %s", why);
	}
}

/* See ui_impl.h. */
int ui_session_open_at(struct ui_app *app, const char *sess_id, int stage,
                       const char *section, const char *item_id,
                       const char *key)
{
	struct ui_view *v;

	ui_session_open(app, sess_id, stage);
	v = app->top;
	return section && v && v->ops->select &&
	       v->ops->select(app, v, section, item_id, key);
}

/* See ui_impl.h. */
void ui_session_goto(struct ui_app *app, int stage)
{
	if (stage < 0 || stage >= UI_STAGES || !ui_case_session(app))
		return;
	/* close forms and dialogs above the stage first */
	while (app->top && app->top->below &&
	       (app->top->below->ops->flags & UI_VIEW_SIDEBAR))
		ui_view_pop(app);
	ui_view_replace(app, ui_stage_new(app, stage));
}

/* See ui_impl.h. */
int ui_session_action(struct ui_app *app, struct ui_view *v, enum ui_action a)
{
	int stage = v->undo_tag;

	switch (a) {
	case UI_A_STAGE_0: case UI_A_STAGE_1: case UI_A_STAGE_2:
	case UI_A_STAGE_3: case UI_A_STAGE_4: case UI_A_STAGE_5:
		ui_session_goto(app, (int)(a - UI_A_STAGE_0));
		return 1;
	case UI_A_STAGE_NEXT:
		if (stage + 1 < UI_STAGES)
			ui_session_goto(app, stage + 1);
		return 1;
	case UI_A_STAGE_PREV:
		if (stage > 0)
			ui_session_goto(app, stage - 1);
		return 1;
	case UI_A_UNDO:
		ui_case_undo(app, stage);
		return 1;
	case UI_A_DIFF:
		ui_diff_open(app);
		return 1;
	case UI_A_SUBMIT: case UI_A_APPROVE: case UI_A_RETURN:
	case UI_A_COMMENT: case UI_A_REPLY: case UI_A_RESOLVE:
		return ui_review_action(app, v, a);
	case UI_A_BACK:
		ui_case_save(app);
		app->cs.sess_id[0] = '\0';
		app->cs.gen++;
		ui_view_pop(app);
		return 1;
	default:
		return 0;
	}
}

/* ---- the sidebar ---------------------------------------------------------------- */

/* One stage in the sidebar. */
struct side_entry {
	char *title, *note, *comments;
	enum ui_look look;
	int trows, nrows, crows, copen;
};

/* Rows the sidebar needs with gap blank rows between the stages. */
static int side_total(const struct side_entry *e, int gap)
{
	int sum = 0;

	for (int s = 0; s < UI_STAGES; s++)
		sum += e[s].trows + e[s].nrows + e[s].crows + (s ? gap : 0);
	return sum;
}

/* See ui_impl.h. */
void ui_sidebar_draw(struct ui_app *app, struct ui_rect r, int stage)
{
	struct side_entry e[UI_STAGES];
	int x = r.x + UI_PAD, w = r.w - 2 * UI_PAD, open = 0, gap = 1;
	int y = r.y;

	for (int s = 0; s < 5; s++)
		open += ui_case_missing(app, s, NULL) > 0;
	for (int s = 0; s < UI_STAGES; s++) {
		const char *first = NULL;
		int n = s < 5 ? ui_case_missing(app, s, &first) : 0;

		e[s].title = xasprintf("%d %s", s, stage_title(app, s));
		if (s < 5 && n == 0) {
			e[s].note = xasprintf("%s compleet", ui_glyph(app, UI_G_CHECK));
			e[s].look = UI_LOOK_OK;
		} else if (s < 5) {
			e[s].note = n > 1 ? xasprintf("%s (+%d)", first ? first :
			                              "niet compleet", n - 1) :
			            xstrdup(first ? first : "niet compleet");
			e[s].look = UI_LOOK_NORMAL;
		} else {
			e[s].note = open ? xasprintf("%d %s nog niet compleet", open,
			                             open == 1 ? "stap" : "stappen") :
			            xstrdup("klaar om na te lezen");
			e[s].look = UI_LOOK_DIM;
		}
		e[s].comments = ui_review_sidebar(app, s, &e[s].copen);
		e[s].crows = e[s].comments != NULL;
		e[s].trows = ui_wrapped_rows(e[s].title, w, SIDEBAR_TITLE_MAX);
		e[s].nrows = ui_wrapped_rows(e[s].note, w - 2, SIDEBAR_NOTE_MAX);
	}
	/* make it fit: first without blank rows, then shorter notes and
	 * titles */
	if (side_total(e, gap) > r.h)
		gap = 0;
	for (int s = 0; s < UI_STAGES && side_total(e, gap) > r.h; s++)
		e[s].nrows = 1;
	for (int s = 0; s < UI_STAGES && side_total(e, gap) > r.h; s++)
		e[s].trows = 1;
	for (int s = 0; s < UI_STAGES; s++) {
		int tr = e[s].trows, nr = e[s].nrows;

		if (y + tr > r.y + r.h)
			tr = r.y + r.h - y;
		if (tr > 0) {
			if (s == stage)
				ui_fill((struct ui_rect){y, r.x, tr, r.w},
				        ui_look(app, UI_LOOK_SELECTED));
			ui_put_wrapped(app, (struct ui_rect){y, x, tr, w}, e[s].title,
			               s == stage ? ui_look(app, UI_LOOK_SELECTED) :
			               A_BOLD);
			y += tr;
		}
		if (y + nr > r.y + r.h)
			nr = r.y + r.h - y;
		if (nr > 0)
			y += ui_put_wrapped(app, (struct ui_rect){y, x + 2, nr, w - 2},
			                    e[s].note, ui_look(app, e[s].look));
		if (e[s].crows && y < r.y + r.h)
			y += ui_put_wrapped(app, (struct ui_rect){y, x + 2, 1, w - 2},
			                    e[s].comments, ui_look(app, e[s].copen ?
			                    UI_LOOK_URGENT : UI_LOOK_DIM));
		y += gap;
		free(e[s].title);
		free(e[s].note);
		free(e[s].comments);
	}
}

/* ---- stages that are a list of rows ------------------------------------------------ */

static const struct ui_view_ops stageview_ops;

/* See ui_impl.h. */
struct ui_rect ui_stage_title(struct ui_app *app, int stage, struct ui_rect r)
{
	char *t = xasprintf("%d  %s", stage, stage_title(app, stage));

	ui_put_cut(app, r.y, r.x + UI_PAD, r.w - 2 * UI_PAD, t,
	           ui_look(app, UI_LOOK_HEADING));
	free(t);
	return (struct ui_rect){r.y + STAGE_TITLE_ROWS, r.x, r.h -
	                        STAGE_TITLE_ROWS, r.w};
}

/* See ui_impl.h. */
char *ui_row_missing(struct ui_app *app, const char *section,
                     const struct doc_node *item)
{
	char *m = ui_item_missing(formset_section(&app->fs, section), item);
	char *s;

	if (!m)
		return NULL;
	s = xasprintf("%s nog invullen: %s", ui_glyph(app, UI_G_WARN), m);
	free(m);
	return s;
}

/* See ui_impl.h. */
struct ui_view *ui_stageview_new(struct ui_app *app, int stage,
                                 void (*build)(struct ui_app *,
                                               struct ui_stageview *),
                                 int (*act)(struct ui_app *,
                                            struct ui_stageview *,
                                            enum ui_action, struct ui_row *),
                                 enum ui_scope extra)
{
	struct ui_stageview *sv = xcalloc(1, sizeof *sv);

	sv->view.ops = &stageview_ops;
	sv->view.undo_tag = stage;
	sv->stage = stage;
	sv->build = build;
	sv->act = act;
	sv->extra = extra;
	build(app, sv);
	ui_review_rows(app, &sv->list, stage);
	sv->view.gen = app->cs.gen;
	ui_list_first(&sv->list);
	return &sv->view;
}

/* Free a stage view and its rows. */
static void stageview_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_stageview *sv = (struct ui_stageview *)v;

	(void)app;
	ui_list_free(&sv->list);
	free(sv);
}

/* Rebuild when the document changed, keeping the cursor on its row. */
static void stageview_sync(struct ui_app *app, struct ui_stageview *sv)
{
	char *keep;

	if (sv->view.gen == app->cs.gen)
		return;
	keep = ui_list_current(&sv->list) ?
	       xstrdup(ui_list_current(&sv->list)->ident) : NULL;
	sv->build(app, sv);
	ui_review_rows(app, &sv->list, sv->stage);
	ui_list_select(&sv->list, ui_case_follow(app, keep));
	free(keep);
	sv->view.gen = app->cs.gen;
}

/* Draw the stage title and the rows. */
static void stageview_draw(struct ui_app *app, struct ui_view *v,
                           struct ui_rect r)
{
	struct ui_stageview *sv = (struct ui_stageview *)v;
	struct ui_rect body = ui_stage_title(app, sv->stage, r);

	stageview_sync(app, sv);
	sv->page = body.h;
	ui_list_draw(app, &sv->list, (struct ui_rect){body.y, body.x + UI_PAD,
	             body.h, body.w - 2 * UI_PAD}, 1);
}

/* The keys of a stage: its own, items, session, moving. */
static int stageview_scopes(struct ui_app *app, struct ui_view *v,
                            enum ui_scope out[UI_SCOPES_MAX])
{
	struct ui_stageview *sv = (struct ui_stageview *)v;
	int n = 0;

	(void)app;
	if (sv->extra != UI_SC_COUNT)
		out[n++] = sv->extra;
	out[n++] = UI_SC_REVIEW;
	out[n++] = UI_SC_ITEMS;
	out[n++] = UI_SC_SESSION;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* Move, the stage's own actions, open, delete, the session's. */
static int stageview_action(struct ui_app *app, struct ui_view *v,
                            enum ui_action a, int key)
{
	struct ui_stageview *sv = (struct ui_stageview *)v;
	struct ui_row *r;

	(void)key;
	stageview_sync(app, sv);
	r = ui_list_current(&sv->list);
	if (ui_list_action(&sv->list, a, sv->page))
		return 1;
	if (r && (r->flags & UI_ROW_COMMENT)) {
		/* a comment row is no item of the stage */
		if (a == UI_A_OPEN)
			a = str_eq(app->cfg.role, "teamleider") ? UI_A_NONE :
			    UI_A_REPLY;
		if (a == UI_A_OPEN || a == UI_A_DELETE || a == UI_A_NONE ||
		    a == UI_A_MOVE_LEFT || a == UI_A_MOVE_RIGHT ||
		    a == UI_A_RANK_UP || a == UI_A_RANK_DOWN) {
			ui_status(app, "Dit is een opmerking van de teamleider: "
			          "r reageert (het duo), x handelt haar af.");
			return 1;
		}
		if (a != UI_A_NEW && a != UI_A_PROMOTE)
			return ui_session_action(app, v, a);
		/* n adds where the item the comment is on is */
		for (size_t i = (size_t)(r - sv->list.rows); r; i--) {
			r = i > 0 ? &sv->list.rows[i - 1] : NULL;
			if (r && !(r->flags & UI_ROW_COMMENT) &&
			    ui_row_selectable(r))
				break;
		}
	}
	if (sv->act && sv->act(app, sv, a, r))
		return 1;
	switch (a) {
	case UI_A_OPEN:
		if (!r)
			return 1;
		if (r->kind == UI_ROW_FIELD)
			ui_form_open(app, r->section, r->item_id, r->key);
		else if (r->kind == UI_ROW_ITEM)
			ui_form_open(app, r->section, r->item_id, NULL);
		return 1;
	case UI_A_DELETE:
		if (!r || r->kind != UI_ROW_ITEM) {
			ui_status(app, "Kies eerst een punt om te verwijderen.");
			return 1;
		}
		if (!str_eq(r->section, "members") && ui_case_locked(app, 1))
			return 1;
		ui_item_delete(app, r->section, r->item_id, sv->stage);
		return 1;
	default:
		return ui_session_action(app, v, a);
	}
}

/* The document changed: rebuild at the next draw. */
static void stageview_refresh(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	v->gen = 0;
}

/* The cursor on an item (ui_session_open_at). */
static int stageview_select(struct ui_app *app, struct ui_view *v,
                            const char *section, const char *item_id,
                            const char *key)
{
	struct ui_stageview *sv = (struct ui_stageview *)v;

	stageview_sync(app, sv);
	return ui_list_select_item(&sv->list, section, item_id ?
	                           ui_case_follow(app, item_id) : NULL, key);
}

/* The help of the selected row, else of the stage's form. */
static const char *stageview_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_stageview *sv = (struct ui_stageview *)v;
	struct ui_row *r = ui_list_current(&sv->list);
	const struct form *f = formset_stage(&app->fs, sv->stage);

	if (r && r->help)
		return r->help;
	return f ? f->help : NULL;
}

/* The comment target of the selected row (or the comment under it). */
static char *stageview_target(struct ui_app *app, struct ui_view *v,
                              long *comment)
{
	struct ui_stageview *sv = (struct ui_stageview *)v;
	struct ui_row *r;

	stageview_sync(app, sv);
	r = ui_list_current(&sv->list);
	*comment = ui_review_row_comment(r);
	return ui_review_row_target(app, r);
}

static const struct ui_view_ops stageview_ops = {
	.name = "stage",
	.flags = UI_VIEW_SIDEBAR,
	.scopes = stageview_scopes,
	.draw = stageview_draw,
	.action = stageview_action,
	.reload = stageview_refresh,
	.help = stageview_help,
	.review_target = stageview_target,
	.free = stageview_free,
	.select = stageview_select,
};
