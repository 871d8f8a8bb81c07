/*
 * stage_plan.c - stage 4 of a session: the plan, grouped by top-3 concern
 * (rank and title, then what belongs to the whole plan) and within it by
 * phase (directe, stabiele, duurzame veiligheid). Each item says whether it
 * is a doel, afspraak or voorwaarde, who does it and by when; a voorwaarde
 * without its consequence is marked in red here, in its form and in the
 * sidebar. The date of the next evaluation stands on top.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define PLAN_LINES  2
#define WHOLE_PLAN  0    /* the group of items without a concern */

static const struct form_field *plan_field(struct ui_app *app,
                                           const char *key)
{
	const struct form_section *sec = formset_section(&app->fs, "plan");

	return sec ? form_section_field(sec, key) : NULL;
}

/* "Wie: Ramon · Klaar op: 2026-10-21 · gedaan". */
static char *item_meta(struct ui_app *app, const struct doc_node *p)
{
	static const char *const keys[] = {"who", "due"};
	struct strbuf sb = {0};

	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		const struct form_field *f = plan_field(app, keys[k]);
		char *v = f ? ui_field_text(app, "plan", f, p) : NULL;

		if (!v)
			continue;
		if (sb.len)
			sb_add(&sb, ui_glyph(app, UI_G_SEP));
		sb_addf(&sb, "%s: %s", f->label, v);
		free(v);
	}
	if (str_eq(doc_map_str(p, "done"), "true")) {
		if (sb.len)
			sb_add(&sb, ui_glyph(app, UI_G_SEP));
		sb_addf(&sb, "%s gedaan", ui_glyph(app, UI_G_CHECK));
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* 1 when the item belongs to the group of concern rank (WHOLE_PLAN: no
 * concern, or one that is not in the top-3). */
static int in_group(const struct doc_node *p, const char *rank,
                    const struct doc_node *top3)
{
	const char *c = doc_map_str(p, "concern");

	if (rank)
		return str_eq(c, rank);
	if (!c)
		return 1;
	for (size_t i = 0; top3 && i < top3->len; i++)
		if (str_eq(doc_map_str(top3->item[i], "rank"), c))
			return 0;
	return 1;
}

/* The rows of one group: per phase, then items without a phase. */
static void add_group(struct ui_app *app, struct ui_list *l,
                      const struct doc_node *plan, const char *rank,
                      const struct doc_node *top3, int group)
{
	const struct form_field *phase = plan_field(app, "phase");
	const struct form_field *kind = plan_field(app, "kind");
	const struct form_section *sec = formset_section(&app->fs, "plan");
	size_t nph = phase ? phase->nchoices : 0;
	struct ui_row *r;
	char *ident;

	for (size_t ph = 0; ph <= nph; ph++) {
		const char *pv = ph < nph ? phase->choices[ph].value : NULL;
		int head = 0;

		for (size_t i = 0; plan && i < plan->len; i++) {
			const struct doc_node *p = plan->item[i];
			const char *id = doc_map_str(p, STORE_ITEM_ID);
			const char *ps = doc_map_str(p, "phase");
			const char *k = doc_map_str(p, "kind");
			const struct form_choice *kc = kind && k ?
			                               form_field_choice(kind, k) : NULL;
			int known = 0;
			char *text;

			if (!id || !in_group(p, rank, top3) ||
			    !ui_item_visible(app, "plan", p))
				continue;
			for (size_t c = 0; c < nph; c++)
				known |= str_eq(phase->choices[c].value, ps);
			if (pv ? !str_eq(ps, pv) : known)
				continue;
			if (!head++)
				ui_list_add(l, UI_ROW_SUB, NULL, pv ? phase->choices[ph].label
				            : "Zonder fase");
			text = xasprintf("%s: %s", kc ? kc->label : k ? k : "Punt",
			                 doc_map_str(p, "text") ? doc_map_str(p, "text")
			                                        : "(nog zonder tekst)");
			r = ui_list_add(l, UI_ROW_ITEM, id, text);
			free(text);
			r->section = "plan";
			r->item_id = xstrdup(id);
			r->tag = xstrdup(doc_map_str(p, "ref") ? doc_map_str(p, "ref")
			                                       : "?");
			r->maxlines = PLAN_LINES;
			r->meta = item_meta(app, p);
			r->warn = ui_row_missing(app, "plan", p);
			if (r->warn)
				r->flags |= UI_ROW_WARN;
			r->a = group;
			r->b = (int)ph;
			r->help = kc && kc->help ? kc->help : sec ? sec->help : NULL;
		}
	}
	ident = xasprintf("add:plan:%d", group);
	r = ui_list_add(l, UI_ROW_ADD, ident, group == WHOLE_PLAN ?
	                "+ Nieuw punt voor het hele plan" : NULL);
	if (group != WHOLE_PLAN) {
		free(r->text);
		r->text = xasprintf("+ Nieuw punt bij zorg %s", rank);
	}
	free(ident);
	r->section = "plan";
	r->a = group;
	r->b = 0;
	r->help = sec ? sec->help : NULL;
}

/* The rows of stage 4: evaluation date, then the items per concern and
 * phase. */
static void build(struct ui_app *app, struct ui_stageview *sv)
{
	struct ui_list *l = &sv->list;
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *top3 = casedoc_list(app->cs.doc, sess, "top3", 0);
	struct doc_node *plan = casedoc_list(app->cs.doc, sess, "plan", 0);
	const struct form_section *ssec = formset_section(&app->fs, "sessions");
	const struct form_field *ev = ssec ? form_section_field(ssec,
	                                                        "evaluation")
	                                   : NULL;

	ui_list_clear(l);
	ui_list_add(l, UI_ROW_HEAD, NULL, "Evaluatie");
	if (ev) {
		struct ui_row *r = ui_list_add(l, UI_ROW_FIELD, "field:sessions:evaluation", NULL);
		free(r->text);
		r->text = ui_field_text(app, "sessions", ev, sess);
		r->label = xstrdup(ev->label);
		r->section = "sessions";
		r->key = ev->key;
		r->help = ev->help;
		if (!r->text) {
			r->warn = xasprintf("%s spreek een datum af met het huishouden",
			                    ui_glyph(app, UI_G_WARN));
		}
	}
	for (size_t i = 0; top3 && i < top3->len; i++) {
		const char *rank = doc_map_str(top3->item[i], "rank");
		const char *title = doc_map_str(top3->item[i], "title");
		char *head;

		if (!rank)
			continue;
		head = xasprintf("Zorg %s: %s", rank, title ? title : "");
		ui_list_add(l, UI_ROW_HEAD, NULL, head);
		free(head);
		add_group(app, l, plan, rank, top3, atoi(rank));
	}
	ui_list_add(l, UI_ROW_HEAD, NULL, "Bij het hele plan");
	add_group(app, l, plan, NULL, top3, WHOLE_PLAN);
}

struct new_ctx {
	int group;       /* concern rank, WHOLE_PLAN */
	int phase;       /* index into the phase choices */
};

/* The kind of a new plan item was chosen: add it in its group. */
static void kind_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct new_ctx *c = dl->ctx;
	const struct ui_pick_item *it = ui_pick_chosen(dl);
	const struct form_field *phase = plan_field(app, "phase");
	struct doc_node *p;
	char err[256] = "";

	if (!ok || !it)
		return;
	ui_case_snapshot(app, 4);
	p = casedoc_add(&app->fs, app->cs.doc, ui_case_session(app), "plan",
	                it->value, NULL, err, sizeof err);
	if (!p) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	if (c->group != WHOLE_PLAN) {
		char rank[16];

		snprintf(rank, sizeof rank, "%d", c->group);
		casedoc_set(&app->fs, "plan", p, "concern", rank);
	}
	if (phase && c->phase >= 0 && (size_t)c->phase < phase->nchoices)
		casedoc_set(&app->fs, "plan", p, "phase",
		            phase->choices[c->phase].value);
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_form_open(app, "plan", doc_map_str(p, STORE_ITEM_ID), "text");
	ui_form_mark_fresh(app);
}

/* Ask doel, afspraak or voorwaarde, then add the item in the group. */
static void new_item(struct ui_app *app, struct ui_row *r)
{
	const struct form_field *kind = plan_field(app, "kind");
	struct new_ctx *c = xcalloc(1, sizeof *c);
	struct ui_dialog *dl = ui_pick_new("Wat voor punt?", kind ? kind->help :
	                                   NULL, 0);

	c->group = r ? r->a : WHOLE_PLAN;
	c->phase = r && r->kind == UI_ROW_ITEM ? r->b : 0;
	for (size_t i = 0; kind && i < kind->nchoices; i++)
		ui_pick_add(dl, kind->choices[i].value, kind->choices[i].label,
		            kind->choices[i].help);
	ui_dialog_show(app, dl, kind_done, c, free);
}

/* Enter on the evaluation date; n or Enter on a "+" row adds an item. */
static int act(struct ui_app *app, struct ui_stageview *sv, enum ui_action a,
               struct ui_row *r)
{
	(void)sv;
	if (a == UI_A_OPEN && r && r->kind == UI_ROW_FIELD) {
		if (ui_case_locked(app, 1))
			return 1;
		ui_form_open(app, "sessions", NULL, r->key);
		return 1;
	}
	if (a != UI_A_NEW && !(a == UI_A_OPEN && r && r->kind == UI_ROW_ADD))
		return 0;
	if (ui_case_locked(app, 1))
		return 1;
	new_item(app, r && r->kind != UI_ROW_FIELD ? r : NULL);
	return 1;
}

/* See ui_impl.h. */
struct ui_view *ui_stage_plan_new(struct ui_app *app)
{
	return ui_stageview_new(app, 4, build, act, UI_SC_COUNT);
}
