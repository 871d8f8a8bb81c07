/*
 * stage_analysis.c - stage 3 of a session: the verklarende analyse. The
 * model (a model form, 4P by default) gives the categories; factors are
 * shown per category and, within it, per member (then gezin, omgeving).
 * Hypotheses follow, each with the factors it rests on and the top-3
 * concerns it explains (both chosen in its form from lists).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define FACTOR_LINES 2
#define HYPO_LINES   3
#define NO_CATEGORY  -1

/* The name a factor's about is shown under. */
static const char *about_name(struct ui_app *app, const char *about)
{
	if (!about || !ui_ref_visible(app, "factors", "about", about))
		return "Zonder persoon";
	if (str_eq(about, "gezin"))
		return "Het gezin";
	if (str_eq(about, "omgeving"))
		return "De omgeving";
	return ui_person_name(app, about);
}

/* Add the factors of category cat that are about `about` (NULL: those
 * whose about is none of members/gezin/omgeving, when others is set). */
static void add_group(struct ui_app *app, struct ui_list *l,
                      const struct doc_node *factors, const char *cat,
                      int cat_index, const char *about, int others)
{
	const struct form_section *sec = formset_section(&app->fs, "factors");
	int head = 0;

	for (size_t i = 0; factors && i < factors->len; i++) {
		const struct doc_node *f = factors->item[i];
		const char *id = doc_map_str(f, STORE_ITEM_ID);
		const char *fa = doc_map_str(f, "about");
		struct ui_row *r;

		if (!id || !ui_item_visible(app, "factors", f))
			continue;
		if (!str_eq(doc_map_str(f, "category"), cat))
			continue;
		if (others ? (fa && (ui_member_name(app, fa) ||
		                     str_eq(fa, "gezin") ||
		                     str_eq(fa, "omgeving")))
		           : !str_eq(fa, about))
			continue;
		if (!head++)
			ui_list_add(l, UI_ROW_SUB, NULL, about_name(app, others ? fa
			            : about));
		r = ui_list_add(l, UI_ROW_ITEM, id, doc_map_str(f, "text") ?
		                doc_map_str(f, "text") : "(nog zonder tekst)");
		r->section = "factors";
		r->item_id = xstrdup(id);
		r->tag = xstrdup(doc_map_str(f, "ref") ? doc_map_str(f, "ref") :
		                 "?");
		r->maxlines = FACTOR_LINES;
		r->a = cat_index;
		r->warn = ui_row_missing(app, "factors", f);
		r->help = sec ? sec->help : NULL;
	}
}

/* Add the factors of one category, grouped by member. */
static void add_category(struct ui_app *app, struct ui_list *l,
                         const struct doc_node *factors, const char *value,
                         const char *label, const char *help, int index)
{
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);
	size_t before;
	struct ui_row *r;
	char *ident;

	ui_list_add(l, UI_ROW_HEAD, NULL, label);
	before = l->n;
	for (size_t i = 0; members && i < members->len; i++)
		add_group(app, l, factors, value, index,
		          doc_map_str(members->item[i], "ref"), 0);
	add_group(app, l, factors, value, index, "gezin", 0);
	add_group(app, l, factors, value, index, "omgeving", 0);
	add_group(app, l, factors, value, index, NULL, 1);
	for (size_t i = before; i < l->n; i++)
		l->rows[i].help = help;
	ident = xasprintf("add:factors:%s", value ? value : "");
	r = ui_list_add(l, UI_ROW_ADD, ident, NULL);
	free(r->text);
	r->text = xasprintf("+ Nieuwe factor: %s", label);
	free(ident);
	r->section = "factors";
	r->a = index;
	r->help = help;
}

/* "Factoren: a1 · Verklaart zorg: 1 · Stand: Te toetsen". Owned. */
static char *hypothesis_meta(struct ui_app *app, const struct doc_node *h)
{
	const struct form_section *sec = formset_section(&app->fs, "hypotheses");
	static const char *const keys[] = {"factors", "explains", "status"};
	struct strbuf sb = {0};

	for (size_t k = 0; sec && k < sizeof keys / sizeof *keys; k++) {
		const struct form_field *f = form_section_field(sec, keys[k]);
		char *v = f ? ui_field_text(app, "hypotheses", f, h) : NULL;

		if (!v)
			continue;
		if (sb.len)
			sb_add(&sb, ui_glyph(app, UI_G_SEP));
		sb_addf(&sb, "%s: %s", f->label, v);
		free(v);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* The rows of stage 3: model, factors per category and member, hypotheses. */
static void build(struct ui_app *app, struct ui_stageview *sv)
{
	struct ui_list *l = &sv->list;
	struct doc_node *sess = ui_case_session(app);
	const struct form_model *m = ui_case_model(app);
	const struct form_section *asec = formset_section(&app->fs, "analysis");
	const struct form_section *hsec = formset_section(&app->fs, "hypotheses");
	const struct form_field *mf = asec ? form_section_field(asec, "model")
	                                   : NULL;
	struct doc_node *an = sess ? doc_map_get(sess, "analysis") : NULL;
	struct doc_node *factors = casedoc_list(app->cs.doc, sess, "factors", 0);
	struct doc_node *hyps = casedoc_list(app->cs.doc, sess, "hypotheses", 0);
	struct ui_row *r;
	int unknown = 0;

	ui_list_clear(l);
	if (mf) {
		r = ui_list_add(l, UI_ROW_FIELD, "field:analysis:model", NULL);
		free(r->text);
		r->text = an ? ui_field_text(app, "analysis", mf, an) : NULL;
		if (!r->text && m)
			r->text = xstrdup(m->title ? m->title : m->name);
		r->label = xstrdup(mf->label);
		r->section = "analysis";
		r->key = mf->key;
		r->help = m && m->help ? m->help : mf->help;
	}
	for (size_t c = 0; m && c < m->ncategories; c++)
		add_category(app, l, factors, m->categories[c].value,
		             m->categories[c].label, m->categories[c].help, (int)c);
	/* factors whose category the model does not know */
	for (size_t i = 0; factors && i < factors->len; i++) {
		const char *cat = doc_map_str(factors->item[i], "category");
		int known = 0;

		for (size_t c = 0; m && c < m->ncategories; c++)
			known |= str_eq(m->categories[c].value, cat);
		unknown |= !known;
	}
	if (unknown) {
		ui_list_add(l, UI_ROW_HEAD, NULL, "Zonder categorie van dit model");
		for (size_t i = 0; factors && i < factors->len; i++) {
			const struct doc_node *f = factors->item[i];
			const char *cat = doc_map_str(f, "category");
			int known = 0;

			for (size_t c = 0; m && c < m->ncategories; c++)
				known |= str_eq(m->categories[c].value, cat);
			if (known || !doc_map_str(f, STORE_ITEM_ID))
				continue;
			r = ui_list_add(l, UI_ROW_ITEM, doc_map_str(f, STORE_ITEM_ID),
			                doc_map_str(f, "text") ? doc_map_str(f, "text")
			                                       : "");
			r->section = "factors";
			r->item_id = xstrdup(doc_map_str(f, STORE_ITEM_ID));
			r->tag = xstrdup(doc_map_str(f, "ref") ? doc_map_str(f, "ref") :
			                 "?");
			r->a = NO_CATEGORY;
			r->warn = ui_row_missing(app, "factors", f);
		}
	}
	ui_list_add(l, UI_ROW_HEAD, NULL, hsec ? hsec->label : "Hypothesen");
	for (size_t i = 0; hyps && i < hyps->len; i++) {
		const struct doc_node *h = hyps->item[i];
		const char *id = doc_map_str(h, STORE_ITEM_ID);

		if (!id || !ui_item_visible(app, "hypotheses", h))
			continue;
		r = ui_list_add(l, UI_ROW_ITEM, id, doc_map_str(h, "text") ?
		                doc_map_str(h, "text") : "(nog zonder tekst)");
		r->section = "hypotheses";
		r->item_id = xstrdup(id);
		r->tag = xstrdup(doc_map_str(h, "ref") ? doc_map_str(h, "ref") : "?");
		r->maxlines = HYPO_LINES;
		r->meta = hypothesis_meta(app, h);
		r->warn = ui_row_missing(app, "hypotheses", h);
		r->help = hsec ? hsec->help : NULL;
	}
	r = ui_list_add(l, UI_ROW_ADD, "add:hypotheses", "+ Nieuwe hypothese");
	r->section = "hypotheses";
	r->help = hsec ? hsec->help : NULL;
}

/* Add a factor in the category and about of the current row. */
static void new_factor(struct ui_app *app, struct ui_row *r)
{
	const struct form_model *m = ui_case_model(app);
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *f, *cur;
	const char *about = NULL;
	char err[256] = "";

	ui_case_snapshot(app, 3);
	f = casedoc_add(&app->fs, app->cs.doc, sess, "factors", NULL, NULL, err,
	                sizeof err);
	if (!f) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	if (r && m && r->a >= 0 && (size_t)r->a < m->ncategories)
		casedoc_set(&app->fs, "factors", f, "category",
		            m->categories[r->a].value);
	cur = r && r->kind == UI_ROW_ITEM ? ui_case_find(app, sess,
	      "factors", r->item_id, NULL) : NULL;
	if (cur)
		about = doc_map_str(cur, "about");
	if (about)
		casedoc_set(&app->fs, "factors", f, "about", about);
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_form_open(app, "factors", doc_map_str(f, STORE_ITEM_ID),
	             about ? "text" : "about");
	ui_form_mark_fresh(app);
}

/* Add a hypothesis and open its form. */
static void new_hypothesis(struct ui_app *app)
{
	char err[256] = "";
	struct doc_node *h;

	ui_case_snapshot(app, 3);
	h = casedoc_add(&app->fs, app->cs.doc, ui_case_session(app),
	                "hypotheses", NULL, NULL, err, sizeof err);
	if (!h) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_form_open(app, "hypotheses", doc_map_str(h, STORE_ITEM_ID), "text");
	ui_form_mark_fresh(app);
}

/* Enter on the model; n or Enter on a "+" row adds a factor or hypothesis. */
static int act(struct ui_app *app, struct ui_stageview *sv, enum ui_action a,
               struct ui_row *r)
{
	(void)sv;
	if (a == UI_A_OPEN && r && r->kind == UI_ROW_FIELD) {
		if (ui_case_locked(app, 1))
			return 1;
		ui_form_open(app, "analysis", NULL, r->key);
		return 1;
	}
	if (a != UI_A_NEW && !(a == UI_A_OPEN && r && r->kind == UI_ROW_ADD))
		return 0;
	if (ui_case_locked(app, 1))
		return 1;
	if (r && str_eq(r->section, "hypotheses"))
		new_hypothesis(app);
	else
		new_factor(app, r);
	return 1;
}

/* See ui_impl.h. */
struct ui_view *ui_stage_analysis_new(struct ui_app *app)
{
	return ui_stageview_new(app, 3, build, act, UI_SC_COUNT);
}
