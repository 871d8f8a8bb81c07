/*
 * screen_diff.c - beside a session: what changed in the stage shown
 * against another version (the one before it unless another is chosen
 * with V), from versiondiff.h: items added and removed, fields changed
 * with old and new text, safety scores per person, and the status of the
 * two versions on top. Stage 5 (the summary) shows every stage.
 *
 * It is a view of the session walk (the sidebar stays) on top of the
 * stage's own view: v in a stage opens it, v or Esc closes it, 0-5 and
 * [ ] move to another stage and keep comparing. On a wide terminal the
 * stage's panel stays visible on the left (read only while comparing);
 * narrower, the differences take the panel's place. Nothing can be
 * changed here, and it does not open while the household watches (F3):
 * a removed item may be one the household may not see.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"
#include "versiondiff.h"

#define DIFF_WIDE_COLS   160 /* from this width the stage stays beside */
#define DIFF_HEAD_ROWS   2   /* rows of the versions compared at most */
#define DIFF_TEXT_LINES  12  /* lines of one change shown at most */
#define DIFF_INLINE_COLS 24  /* values this short go on one line */
#define DIFF_STAGES      6

struct ui_diffview {
	struct ui_view view;
	struct ui_list list;
	int page;
	int stage;
	int asked;      /* the version chosen with V; 0: the one before */
	int from, to;   /* compared in the last build; from 0: nothing */
	char *head;     /* "versie 1 (...) → versie 2 (...)" */
};

static const struct ui_view_ops diff_ops;

/* The version number of the current session; 0 when unknown. */
static int current_version(struct ui_app *app)
{
	const char *v = doc_map_str(ui_case_session(app), "version");

	return v ? atoi(v) : 0;
}

/* "versie 1 (2026-06-02, Herzien)" */
static void put_version(struct ui_app *app, struct strbuf *sb, int version,
                        const char *date, const char *status)
{
	sb_addf(sb, "versie %d (%s", version, date ? date : "zonder datum");
	if (status && ui_field_visible(app, "sessions", "status"))
		sb_addf(sb, ", %s", versiondiff_value(&app->fs, "sessions",
		        "status", status));
	sb_add(sb, ")");
}

/* A value short enough and on one line: "nee → ja" fits one row. */
static int inline_value(const char *s)
{
	return !strchr(s, '\n') && ui_width(s) <= DIFF_INLINE_COLS;
}

/* One change as a row: a tag saying what happened, the item and field,
 * and the old and new values. */
static void add_change(struct ui_app *app, struct ui_list *l,
                       const struct vd_change *c, size_t index)
{
	const char *b = versiondiff_value(&app->fs, c->section, c->key,
	                                  c->before);
	const char *a = versiondiff_value(&app->fs, c->section, c->key,
	                                  c->after);
	struct strbuf sb = {0};
	const char *tag = "";
	const char *text;
	char ident[32];
	struct ui_row *r;

	switch (c->what) {
	case VD_ADDED:
	case VD_REMOVED:
		tag = c->what == VD_ADDED ? "+ nieuw" : "- weg";
		sb_add(&sb, c->name ? c->name : "");
		text = c->what == VD_ADDED ? c->after : c->before;
		if (text && !(c->name && strstr(c->name, text)))
			sb_addf(&sb, ": %s", text);
		break;
	case VD_ORDER:
		tag = "~ volgorde";
		sb_addf(&sb, "%s: andere volgorde\nwas: %s\nnu:  %s",
		        c->name ? c->name : "", b, a);
		break;
	case VD_CHANGED:
		tag = "~ anders";
		sb_addf(&sb, "%s, %s", c->name ? c->name : "",
		        c->label ? c->label : c->key ? c->key : "");
		if (c->person)
			sb_addf(&sb, " (%s)", ui_person_name(app, c->person));
		if (inline_value(b) && inline_value(a))
			sb_addf(&sb, ": %s \u2192 %s", b, a);
		else
			sb_addf(&sb, "\nwas: %s\nnu:  %s", b, a);
		break;
	}
	snprintf(ident, sizeof ident, "change:%zu", index);
	r = ui_list_add(l, UI_ROW_ITEM, ident, sb_str(&sb));
	r->tag = xstrdup(tag);
	r->maxlines = DIFF_TEXT_LINES;
	r->a = (int)c->what;
	if (c->what == VD_REMOVED)
		r->flags |= UI_ROW_URGENT;
	sb_free(&sb);
}

/* The title of stage s as the sidebar says it ("Stap 1 Feiten, ..."). */
static char *stage_heading(struct ui_app *app, int s)
{
	const struct form *f = s >= 0 ? formset_stage(&app->fs, s) : NULL;

	if (s < 0)
		return xstrdup("Overig");
	return f && f->title ? xasprintf("Stap %d %s", s, f->title) :
	       xasprintf("Stap %d", s);
}

/* Compare again and make the rows of this stage (every stage on 5). */
static void build(struct ui_app *app, struct ui_diffview *dv)
{
	struct ui_list *l = &dv->list;
	struct versiondiff vd = {0};
	struct diags d = {0};
	struct strbuf sb = {0};
	char *keep = ui_list_current(l) ? xstrdup(ui_list_current(l)->ident)
	                                : NULL;
	size_t shown = 0;
	int last = -2;

	ui_list_clear(l);
	free(dv->head);
	dv->head = NULL;
	dv->view.gen = app->cs.gen;
	dv->to = current_version(app);
	dv->from = dv->asked ? dv->asked :
	           versiondiff_previous(app->cs.doc, dv->to);
	if (dv->from <= 0) {
		char *t = xasprintf("Versie %d is de eerste versie: er is niets om "
		                    "mee te vergelijken.", dv->to);

		ui_list_add(l, UI_ROW_INFO, NULL, t);
		free(t);
		free(keep);
		return;
	}
	if (versiondiff_make(&app->fs, app->cs.doc, dv->from, dv->to, &vd,
	                     &d) != 0) {
		ui_list_add(l, UI_ROW_INFO, NULL, d.n ? d.v[0].msg :
		            "Vergelijken lukte niet.");
		diags_free(&d);
		free(keep);
		return;
	}
	sb_add(&sb, "Vergeleken: ");
	put_version(app, &sb, vd.from, vd.date_from, vd.status_from);
	sb_add(&sb, " \u2192 ");
	put_version(app, &sb, vd.to, vd.date_to, vd.status_to);
	dv->head = sb_steal(&sb);
	for (size_t i = 0; i < vd.n; i++) {
		const struct vd_change *c = &vd.v[i];

		if (dv->stage < DIFF_STAGES - 1 && c->stage != dv->stage)
			continue;
		if (dv->stage == DIFF_STAGES - 1 && c->stage != last) {
			char *h = stage_heading(app, c->stage);

			ui_list_add(l, UI_ROW_HEAD, NULL, h);
			free(h);
			last = c->stage;
		}
		add_change(app, l, c, i);
		shown++;
	}
	if (!shown) {
		char *t = dv->stage == DIFF_STAGES - 1 ?
		          xasprintf("Geen verschillen tussen versie %d en versie %d.",
		                    vd.from, vd.to) :
		          xasprintf("In deze stap is niets veranderd tegenover "
		                    "versie %d.", vd.from);

		ui_list_add(l, UI_ROW_INFO, NULL, t);
		free(t);
	}
	versiondiff_free(&vd);
	if (!keep || !ui_list_select(l, keep))
		ui_list_first(l);
	free(keep);
}

/* See ui_impl.h. */
struct ui_view *ui_diff_new(struct ui_app *app, int stage, int from)
{
	struct ui_diffview *dv = xcalloc(1, sizeof *dv);

	dv->view.ops = &diff_ops;
	dv->view.undo_tag = stage;
	dv->stage = stage;
	dv->asked = from;
	build(app, dv);
	return &dv->view;
}

/* See ui_impl.h. */
void ui_diff_open(struct ui_app *app)
{
	int stage = ui_session_stage(app);

	if (stage < 0 || !ui_case_session(app))
		return;
	if (app->cfg.household_view) {
		ui_status(app, "Vergelijken kan niet terwijl het huishouden "
		          "meekijkt. F3 zet het uit.");
		return;
	}
	ui_view_push(app, ui_diff_new(app, stage, 0));
}

static void diff_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_diffview *dv = (struct ui_diffview *)v;

	(void)app;
	ui_list_free(&dv->list);
	free(dv->head);
	free(dv);
}

/* The stage's title, the versions compared, the changes; on a wide
 * terminal the stage's own panel on the left. */
static void diff_draw(struct ui_app *app, struct ui_view *v, struct ui_rect r)
{
	struct ui_diffview *dv = (struct ui_diffview *)v;
	struct ui_rect body;

	if (v->gen != app->cs.gen)
		build(app, dv);
	if (COLS >= DIFF_WIDE_COLS && v->below &&
	    (v->below->ops->flags & UI_VIEW_SIDEBAR)) {
		int lw = r.w / 2;

		v->below->ops->draw(app, v->below, (struct ui_rect){r.y, r.x, r.h,
		                    lw});
		ui_vline(app, r.y, r.x + lw, r.h, ui_look(app, UI_LOOK_FRAME));
		r = (struct ui_rect){r.y, r.x + lw + 1, r.h, r.w - lw - 1};
		app->cur_y = app->cur_x = -1;
	}
	body = ui_stage_title(app, dv->stage, r);
	if (dv->head) {
		int rows = ui_put_wrapped(app, (struct ui_rect){body.y, body.x +
		                          UI_PAD, DIFF_HEAD_ROWS, body.w - 2 * UI_PAD},
		                          dv->head, A_BOLD);

		body.y += rows + 1;
		body.h -= rows + 1;
	}
	dv->page = body.h;
	ui_list_draw(app, &dv->list, (struct ui_rect){body.y, body.x + UI_PAD,
	             body.h, body.w - 2 * UI_PAD}, 1);
}

static int diff_scopes(struct ui_app *app, struct ui_view *v,
                       enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_DIFF;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* Another stage, still comparing with the same version. */
static void diff_goto(struct ui_app *app, int stage, int asked)
{
	if (stage < 0 || stage >= DIFF_STAGES)
		return;
	ui_session_goto(app, stage); /* closes this view */
	if (ui_session_stage(app) == stage)
		ui_view_push(app, ui_diff_new(app, stage, asked));
}

/* A version was chosen to compare with (the dialog is off the stack:
 * the diff view is on top again). */
static void from_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	const struct ui_pick_item *it = ui_pick_chosen(dl);
	struct ui_view *v = app->top;

	if (!ok || !it || !v || v->ops != &diff_ops)
		return;
	((struct ui_diffview *)v)->asked = atoi(it->value);
	v->gen = 0;
}

/* Ask which version to compare with: every other one. */
static void choose_from(struct ui_app *app, struct ui_diffview *dv)
{
	struct doc_node *list = doc_map_get(app->cs.doc, "sessions");
	struct ui_dialog *dl = ui_pick_new("Vergelijken met", "Met welke "
	                                   "versie vergelijk je deze?", 0);
	size_t n = 0;

	for (size_t i = list && list->type == DOC_SEQ ? list->len : 0;
	     i-- > 0; ) {
		const struct doc_node *s = list->item[i];
		const char *ver = doc_map_str(s, "version");
		struct strbuf sb = {0};

		if (!ver || atoi(ver) == dv->to)
			continue;
		put_version(app, &sb, atoi(ver), doc_map_str(s, "date"),
		            doc_map_str(s, "status"));
		ui_pick_add(dl, ver, sb_str(&sb), NULL);
		sb_free(&sb);
		n++;
	}
	if (!n) {
		ui_dialog_discard(app, dl);
		ui_status(app, "Er is maar een versie: er is niets om mee te "
		          "vergelijken.");
		return;
	}
	if (dv->from > 0) {
		char cur[16];

		snprintf(cur, sizeof cur, "%d", dv->from);
		ui_pick_select(dl, cur);
	}
	ui_dialog_show(app, dl, from_done, NULL, NULL);
}

static int diff_action(struct ui_app *app, struct ui_view *v, enum ui_action a,
                       int key)
{
	struct ui_diffview *dv = (struct ui_diffview *)v;

	(void)key;
	if (ui_list_action(&dv->list, a, dv->page))
		return 1;
	switch (a) {
	case UI_A_DIFF:
	case UI_A_BACK:
		ui_view_pop(app);
		return 1;
	case UI_A_DIFF_FROM:
		choose_from(app, dv);
		return 1;
	case UI_A_STAGE_0: case UI_A_STAGE_1: case UI_A_STAGE_2:
	case UI_A_STAGE_3: case UI_A_STAGE_4: case UI_A_STAGE_5:
		diff_goto(app, (int)(a - UI_A_STAGE_0), dv->asked);
		return 1;
	case UI_A_STAGE_NEXT:
		diff_goto(app, dv->stage + 1, dv->asked);
		return 1;
	case UI_A_STAGE_PREV:
		diff_goto(app, dv->stage - 1, dv->asked);
		return 1;
	default:
		return 0;
	}
}

/* The household changed: compare again at the next draw. */
static void diff_reload(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	v->gen = 0;
}

static const char *diff_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_diffview *dv = (struct ui_diffview *)v;

	(void)app;
	if (dv->from <= 0)
		return "Er is geen eerdere versie. v of Esc gaat terug naar de "
		       "stap.";
	return "+ nieuw in deze versie, - weg, ~ anders (was en nu). Met 0-5 "
	       "vergelijk je een andere stap, met V een andere versie; v of "
	       "Esc gaat terug naar de stap.";
}

static const struct ui_view_ops diff_ops = {
	.name = "diff",
	.flags = UI_VIEW_SIDEBAR,
	.scopes = diff_scopes,
	.draw = diff_draw,
	.action = diff_action,
	.reload = diff_reload,
	.help = diff_help,
	.free = diff_free,
};
