/*
 * stage_top3.c - stage 2 of a session: the TOP-3, at most three concerns,
 * ranked. A concern comes from a zorg of stage 1 (p, casedoc_promote) or
 * starts empty; K/J (or +/-) move it up or down (casedoc_move renumbers the
 * ranks and every pointer follows). A fourth is refused with casedoc's
 * reason on the status line. Enter opens the concern's form: evidence is
 * picked from the statements (feiten first), scores are a small table.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define ADD_PROMOTE "add:top3:promote"
#define ADD_EMPTY   "add:top3:empty"
#define TOP3_LINES  2   /* rows of a concern's title */
#define ZORG_LINES  2   /* rows of a zorg's text */

/* "Onderbouwd met f1, f2 · Herkenning: Deels · duo 3 · Anouk 6". */
static char *concern_meta(struct ui_app *app, const struct doc_node *t)
{
	const struct form_section *sec = formset_section(&app->fs, "top3");
	const struct form_field *ev = sec ? form_section_field(sec, "evidence")
	                                  : NULL;
	const struct form_field *ag = sec ? form_section_field(sec, "agreement")
	                                  : NULL;
	const struct form_field *sc = sec ? form_section_field(sec, "scores")
	                                  : NULL;
	char *v;
	struct strbuf sb = {0};
	const char *sep = ui_glyph(app, UI_G_SEP);

	if (ev && (v = ui_field_text(app, "top3", ev, t))) {
		sb_addf(&sb, "%s %s", ev->label, v);
		free(v);
	}
	if (ag && (v = ui_field_text(app, "top3", ag, t))) {
		sb_addf(&sb, "%sherkenning: %s", sb.len ? sep : "", v);
		free(v);
	}
	if (sc && (v = ui_field_text(app, "top3", sc, t))) {
		sb_addf(&sb, "%sscores: %s", sb.len ? sep : "", v);
		free(v);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* The rows of stage 2: the concerns, "+" rows, the zorgen of stage 1. */
static void build(struct ui_app *app, struct ui_stageview *sv)
{
	struct ui_list *l = &sv->list;
	struct doc_node *sess = ui_case_session(app);
	const struct form_section *sec = formset_section(&app->fs, "top3");
	struct doc_node *top3 = casedoc_list(app->cs.doc, sess, "top3", 0);
	struct doc_node *st = casedoc_list(app->cs.doc, sess, "statements", 0);
	size_t n = top3 ? top3->len : 0;
	int max = sec && sec->max_items ? sec->max_items : 3;
	struct ui_row *r;
	char *head;

	ui_list_clear(l);
	head = xasprintf("%s (%zu van %d)", sec ? sec->label : "TOP-3", n, max);
	ui_list_add(l, UI_ROW_HEAD, NULL, head);
	free(head);
	for (size_t i = 0; i < n; i++) {
		const struct doc_node *t = top3->item[i];
		const char *id = doc_map_str(t, STORE_ITEM_ID);
		const char *title = doc_map_str(t, "title");
		int urgent = str_eq(doc_map_str(t, "urgent"), "true");

		if (!id || !ui_item_visible(app, "top3", t))
			continue;
		r = ui_list_add(l, UI_ROW_ITEM, id, title ? title :
		                "(nog zonder titel)");
		r->section = "top3";
		r->item_id = xstrdup(id);
		r->tag = xasprintf("%s.%s", doc_map_str(t, "rank") ?
		                   doc_map_str(t, "rank") : "?",
		                   urgent ? " DRINGEND" : "");
		if (urgent)
			r->flags |= UI_ROW_URGENT;
		r->maxlines = TOP3_LINES;
		r->meta = concern_meta(app, t);
		r->warn = ui_row_missing(app, "top3", t);
		r->help = sec ? sec->help : NULL;
	}
	if (n == 0)
		ui_list_add(l, UI_ROW_INFO, NULL, "Nog geen zorgen in de TOP-3. "
		            "Kies een zorg uit stap 1 met p, of begin een nieuwe.");
	if ((int)n < max) {
		r = ui_list_add(l, UI_ROW_ADD, ADD_PROMOTE,
		                "+ Een zorg uit stap 1 kiezen (p)");
		r->help = "Zet een zorg uit stap 1 in de TOP-3. De eerste zin wordt "
		          "de titel, de tekst komt bij Wat er gebeurt.";
		r = ui_list_add(l, UI_ROW_ADD, ADD_EMPTY, "+ Nieuwe zorg, leeg");
		r->help = sec ? sec->help : NULL;
	}
	ui_list_add(l, UI_ROW_HEAD, NULL, "Zorgen uit stap 1");
	n = 0;
	for (size_t i = 0; st && i < st->len; i++) {
		const struct doc_node *z = st->item[i];
		const char *id = doc_map_str(z, STORE_ITEM_ID);
		const char *holder = doc_map_str(z, "holder");

		if (!id || !str_eq(doc_map_str(z, "kind"), "zorg") ||
		    !ui_item_visible(app, "statements", z))
			continue;
		r = ui_list_add(l, UI_ROW_ITEM, id, doc_map_str(z, "text") ?
		                doc_map_str(z, "text") : "");
		r->section = "statements";
		r->item_id = xstrdup(id);
		r->tag = xstrdup(doc_map_str(z, "ref") ? doc_map_str(z, "ref") : "?");
		r->maxlines = ZORG_LINES;
		if (holder && ui_ref_visible(app, "statements", "holder", holder))
			r->meta = xasprintf("van %s", ui_person_name(app, holder));
		r->help = "p zet deze zorg in de TOP-3. Enter opent haar in stap 1.";
		n++;
	}
	if (n == 0)
		ui_list_add(l, UI_ROW_INFO, NULL, "Nog geen zorgen in stap 1.");
}

/* Promote the zorg with this _id; the cursor goes to the new concern. */
static void promote(struct ui_app *app, struct ui_stageview *sv,
                    const char *zorg_id)
{
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *z = ui_case_find(app, sess, "statements",
	                                  zorg_id, NULL);
	struct doc_node *t;
	char err[256] = "";

	if (!z)
		return;
	ui_case_snapshot(app, 2);
	t = casedoc_promote(&app->fs, app->cs.doc, sess, z, err, sizeof err);
	if (!t) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	sv->build(app, sv);
	sv->view.gen = app->cs.gen;
	ui_list_select(&sv->list, doc_map_str(t, STORE_ITEM_ID));
	ui_status(app, "%s staat nu in de TOP-3 op plaats %s. Enter vult haar "
	          "verder in.", doc_map_str(z, "ref") ? doc_map_str(z, "ref") :
	          "De zorg", doc_map_str(t, "rank") ? doc_map_str(t, "rank") :
	          "?");
}

/* Value of the "new, empty concern" entry of the pick list. */
#define PICK_EMPTY "\x01leeg"

/* Add an empty concern and open its form. */
static void add_empty(struct ui_app *app)
{
	char err[256] = "";
	struct doc_node *t;

	ui_case_snapshot(app, 2);
	t = casedoc_add(&app->fs, app->cs.doc, ui_case_session(app), "top3",
	                NULL, NULL, err, sizeof err);
	if (!t) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_form_open(app, "top3", doc_map_str(t, STORE_ITEM_ID), "title");
	ui_form_mark_fresh(app);
}

/* 1 when the TOP-3 can take no more concerns; then casedoc's reason is
 * on the status line (asked of casedoc_add, which changes nothing when
 * the section is full). */
static int top3_full(struct ui_app *app)
{
	const struct form_section *sec = formset_section(&app->fs, "top3");
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *top3 = casedoc_list(app->cs.doc, sess, "top3", 0);
	size_t max = sec && sec->max_items > 0 ? (size_t)sec->max_items : 3;
	char err[256] = "";

	if (!top3 || top3->len < max)
		return 0;
	if (casedoc_add(&app->fs, app->cs.doc, sess, "top3", NULL, NULL, err,
	                sizeof err) != NULL) {
		/* casedoc took one after all: take it back, it is not full */
		size_t last = top3->len - 1;

		casedoc_remove(app->cs.doc, sess, "top3", last);
		return 0;
	}
	ui_error(app, "%s", err);
	return 1;
}

/* A zorg (or the empty concern) was chosen. */
static void promote_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	const struct ui_pick_item *it = ui_pick_chosen(dl);

	if (!ok || !it || !*it->value)
		return;
	if (str_eq(it->value, PICK_EMPTY))
		add_empty(app);
	else
		promote(app, dl->ctx, it->value);
}

/* Choose a zorg of stage 1 to promote; with_empty: also offer a new,
 * empty concern (n), and go straight to it when there is no zorg. */
static void pick_zorg(struct ui_app *app, struct ui_stageview *sv,
                      int with_empty)
{
	struct doc_node *st = casedoc_list(app->cs.doc, ui_case_session(app),
	                                   "statements", 0);
	struct ui_dialog *dl;

	if (top3_full(app))
		return;
	dl = ui_pick_new("Welke zorg komt in de TOP-3?", "De eerste zin wordt de "
	                 "titel. Daarna vul je de zorg verder in.", 0);
	for (size_t i = 0; st && i < st->len; i++) {
		const struct doc_node *z = st->item[i];
		char *label;

		if (!str_eq(doc_map_str(z, "kind"), "zorg") ||
		    !doc_map_str(z, STORE_ITEM_ID) ||
		    !ui_item_visible(app, "statements", z))
			continue;
		label = xasprintf("%s %s", doc_map_str(z, "ref") ?
		                  doc_map_str(z, "ref") : "?",
		                  doc_map_str(z, "text") ? doc_map_str(z, "text")
		                                         : "");
		ui_pick_add(dl, doc_map_str(z, STORE_ITEM_ID), label, NULL);
		free(label);
	}
	if (dl->nitems == 0) {
		ui_dialog_discard(app, dl);
		if (with_empty)
			add_empty(app);
		else
			ui_status(app, "Er staan nog geen zorgen in stap 1. Een lege "
			          "zorg begin je met n.");
		return;
	}
	if (with_empty)
		ui_pick_add(dl, PICK_EMPTY, "Nieuwe zorg, leeg", "Een zorg die nog "
		            "niet in stap 1 staat.");
	ui_dialog_show(app, dl, promote_done, sv, NULL);
}

/* Move a concern one place up (-1) or down (+1). */
static void move_concern(struct ui_app *app, struct ui_row *r, int dir)
{
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *top3 = casedoc_list(app->cs.doc, sess, "top3", 0);
	size_t i;

	if (!r || !str_eq(r->section, "top3") || r->kind != UI_ROW_ITEM) {
		ui_status(app, "Kies eerst een zorg uit de TOP-3.");
		return;
	}
	if (!ui_case_find(app, sess, "top3", r->item_id, &i) || !top3)
		return;
	if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= top3->len))
		return;
	ui_case_snapshot(app, 2);
	casedoc_move(app->cs.doc, sess, "top3", i, dir < 0 ? i - 1 : i + 1);
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
}

/* Promote, add, reorder. */
static int act(struct ui_app *app, struct ui_stageview *sv, enum ui_action a,
               struct ui_row *r)
{
	switch (a) {
	case UI_A_PROMOTE:
		if (ui_case_locked(app, 1))
			return 1;
		if (top3_full(app))
			return 1;
		if (r && r->kind == UI_ROW_ITEM && str_eq(r->section, "statements"))
			promote(app, sv, r->item_id);
		else
			pick_zorg(app, sv, 0);
		return 1;
	case UI_A_NEW:
		if (ui_case_locked(app, 1))
			return 1;
		pick_zorg(app, sv, 1);
		return 1;
	case UI_A_OPEN:
		if (!r || r->kind != UI_ROW_ADD)
			return 0;
		if (ui_case_locked(app, 1))
			return 1;
		if (str_eq(r->ident, ADD_PROMOTE))
			pick_zorg(app, sv, 0);
		else if (!top3_full(app))
			add_empty(app);
		return 1;
	case UI_A_RANK_UP:
	case UI_A_RANK_DOWN:
		if (ui_case_locked(app, 1))
			return 1;
		move_concern(app, r, a == UI_A_RANK_UP ? -1 : 1);
		return 1;
	default:
		return 0;
	}
}

/* See ui_impl.h. */
struct ui_view *ui_stage_top3_new(struct ui_app *app)
{
	return ui_stageview_new(app, 2, build, act, UI_SC_TOP3);
}
