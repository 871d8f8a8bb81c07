/*
 * screen_household.c - one household: its name, municipality and team, its
 * members (add, edit, delete) and its sessions (versions). Enter on a
 * session opens the session walk; s (or Enter on "+ Nieuwe sessie") starts
 * a new version.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

struct ui_hhscreen {
	struct ui_view view;
	struct ui_list list;
	int page;
};

static const struct ui_view_ops household_ops;

/* "Ouder · 1990 · woont hier" for a member. */
static char *member_meta(struct ui_app *app, const struct doc_node *m)
{
	const struct form_section *sec = formset_section(&app->fs, "members");
	struct strbuf sb = {0};
	const char *sep = ui_glyph(app, UI_G_SEP);

	for (size_t i = 0; sec && i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		char *v;

		if (f->type == FT_ID || f->type == FT_REF || str_eq(f->key, "name"))
			continue;
		if (str_eq(f->key, "lives_here")) {
			const char *lh = doc_map_str(m, "lives_here");

			if (!lh)
				continue;
			v = xstrdup(str_eq(lh, "true") ? "woont hier" : "woont elders");
		} else if (!(v = ui_field_text(app, "members", f, m))) {
			continue;
		}
		if (sb.len)
			sb_add(&sb, sep);
		if (str_eq(f->key, "born"))
			sb_add(&sb, "geboren ");
		sb_add(&sb, v);
		free(v);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* The Dutch label of a session status. */
static const char *status_label(struct ui_app *app, const char *status)
{
	const struct form_section *s = formset_section(&app->fs, "sessions");
	const struct form_field *f = s ? form_section_field(s, "status") : NULL;
	const struct form_choice *c = f && status ? form_field_choice(f, status)
	                                          : NULL;

	return c ? c->label : status ? status : "";
}

/* The rows of the household screen from the document. */
static void build(struct ui_app *app, struct ui_hhscreen *hs)
{
	struct ui_list *l = &hs->list;
	const struct form_section *hsec = formset_section(&app->fs, "household");
	const struct form_section *msec = formset_section(&app->fs, "members");
	const struct form_section *ssec = formset_section(&app->fs, "sessions");
	struct doc_node *hh = ui_case_item(app, "household", NULL);
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);
	struct doc_node *sessions = doc_map_get(app->cs.doc, "sessions");
	char *keep = ui_list_current(l) ? xstrdup(ui_list_current(l)->ident)
	                                : NULL;
	struct ui_row *r;

	ui_list_clear(l);
	ui_list_add(l, UI_ROW_HEAD, NULL, hsec ? hsec->label : "Huishouden");
	for (size_t i = 0; hsec && i < hsec->nfields; i++) {
		const struct form_field *f = &hsec->fields[i];
		char *ident;

		if (f->type == FT_ID)
			continue;
		ident = xasprintf("field:%s", f->key);
		r = ui_list_add(l, UI_ROW_FIELD, ident, NULL);
		free(r->text);
		r->text = ui_field_text(app, "household", f, hh);
		r->label = xstrdup(f->label);
		r->section = "household";
		r->key = f->key;
		r->help = f->help;
		free(ident);
	}
	ui_list_add(l, UI_ROW_HEAD, NULL, msec ? msec->label : "Leden");
	for (size_t i = 0; members && i < members->len; i++) {
		const struct doc_node *m = members->item[i];
		const char *id = doc_map_str(m, STORE_ITEM_ID);
		const char *name = doc_map_str(m, "name");

		if (!ui_item_visible(app, "members", m))
			continue;
		r = ui_list_add(l, UI_ROW_ITEM, id, name ? name : "(zonder naam)");
		r->section = "members";
		r->item_id = xstrdup(id);
		r->meta = member_meta(app, m);
		r->warn = ui_item_missing(msec, m);
		if (r->warn) {
			char *w = xasprintf("nog invullen: %s", r->warn);

			free(r->warn);
			r->warn = w;
			r->flags |= UI_ROW_WARN;
		}
		r->help = msec ? msec->help : NULL;
	}
	if (!members || members->len == 0)
		ui_list_add(l, UI_ROW_INFO, NULL, "Nog geen leden. Niet elk "
		            "huishouden heeft kinderen: voeg iedereen toe die erbij "
		            "hoort of een grote rol speelt.");
	r = ui_list_add(l, UI_ROW_ADD, "add:members", "+ Nieuw lid");
	r->section = "members";
	r->help = msec ? msec->help : NULL;
	ui_list_add(l, UI_ROW_HEAD, NULL, ssec ? ssec->label : "Sessies");
	for (size_t i = sessions && sessions->type == DOC_SEQ ? sessions->len : 0;
	     i-- > 0; ) {
		const struct doc_node *s = sessions->item[i];
		const char *id = doc_map_str(s, "id");
		const char *ev = doc_map_str(s, "evaluation");
		char *text;

		if (!id)
			continue;
		text = xasprintf("Versie %s%s%s", doc_map_str(s, "version") ?
		                 doc_map_str(s, "version") : "?",
		                 ui_glyph(app, UI_G_SEP), doc_map_str(s, "date") ?
		                 doc_map_str(s, "date") : "zonder datum");
		r = ui_list_add(l, UI_ROW_ITEM, id, text);
		free(text);
		r->section = "sessions";
		r->item_id = xstrdup(id);
		if (ui_field_visible(app, "sessions", "status"))
			r->meta = xasprintf("%s%s%s", status_label(app,
			                    doc_map_str(s, "status")), ev ?
			                    ", evaluatie " : "", ev ? ev : "");
		else if (ev)
			r->meta = xasprintf("evaluatie %s", ev);
		r->help = ssec ? ssec->help : NULL;
	}
	r = ui_list_add(l, UI_ROW_ADD, "add:sessions",
	                "+ Nieuwe sessie beginnen (s)");
	r->section = "sessions";
	r->help = ssec ? ssec->help : NULL;
	ui_list_select(l, ui_case_follow(app, keep));
	free(keep);
	hs->view.gen = app->cs.gen;
}

/* See ui_impl.h. */
struct ui_view *ui_household_new(struct ui_app *app)
{
	struct ui_hhscreen *hs = xcalloc(1, sizeof *hs);

	hs->view.ops = &household_ops;
	hs->view.undo_tag = UI_TAG_HOUSEHOLD;
	build(app, hs);
	/* start on the first member, or on "+ Nieuw lid" */
	ui_list_select(&hs->list, "add:members");
	for (size_t i = 0; i < hs->list.n; i++)
		if (str_eq(hs->list.rows[i].section, "members") &&
		    hs->list.rows[i].kind == UI_ROW_ITEM) {
			hs->list.cur = i;
			break;
		}
	return &hs->view;
}

/* Free the household view. */
static void household_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_hhscreen *hs = (struct ui_hhscreen *)v;

	(void)app;
	ui_list_free(&hs->list);
	free(hs);
}

/* Draw the rows (rebuilt when the document changed). */
static void household_draw(struct ui_app *app, struct ui_view *v,
                           struct ui_rect r)
{
	struct ui_hhscreen *hs = (struct ui_hhscreen *)v;

	if (v->gen != app->cs.gen)
		build(app, hs);
	hs->page = r.h;
	ui_list_draw(app, &hs->list, (struct ui_rect){r.y, r.x + UI_PAD, r.h,
	             r.w - 2 * UI_PAD}, 1);
}

/* The keys of the household screen. */
static int household_scopes(struct ui_app *app, struct ui_view *v,
                            enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_HOUSEHOLD;
	out[n++] = UI_SC_ITEMS;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* ---- actions ------------------------------------------------------------------- */

/* An evaluation: version N+1 from the vastgesteld version N, made and
 * audited by the store in one step (review_evaluate); then the household
 * is read again and the new version opened. */
static void evaluate(struct ui_app *app)
{
	struct diags d = {0};
	struct doc_node *s;
	char why[256], id[UUID_STR_LEN];
	int v;

	if (review_can_evaluate(app->cs.doc, why, sizeof why) != 0) {
		why[0] = (char)(why[0] >= 'a' && why[0] <= 'z' ?
		                why[0] - 'a' + 'A' : why[0]);
		ui_error(app, "%s.", why);
		return;
	}
	if (ui_case_save(app) != 0)
		return; /* it says why */
	snprintf(id, sizeof id, "%s", app->cs.id);
	v = review_evaluate(app->store, &app->fs, id, &d);
	if (v < 0 || ui_case_open(app, id, &d) != 0) {
		ui_error(app, "Evaluatie niet begonnen: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
		diags_free(&d);
		return;
	}
	diags_free(&d);
	ui_case_refresh_views(app);
	s = casedoc_session(app->cs.doc, v);
	if (s && doc_map_str(s, "id")) {
		char *sid = xstrdup(doc_map_str(s, "id"));

		ui_session_open(app, sid, 0);
		ui_status(app, "Evaluatie begonnen: versie %d, een kopie van "
		          "versie %d. Pas aan wat veranderde.", v, v - 1);
		free(sid);
	}
}

static void new_session(struct ui_app *app)
{
	struct doc_node *s;

	if (casedoc_session(app->cs.doc, 0)) {
		evaluate(app);
		return;
	}
	ui_case_snapshot(app, UI_TAG_HOUSEHOLD);
	s = ui_case_new_version(app);
	ui_case_changed(app, 1);
	ui_case_save(app);
	if (s && doc_map_str(s, "id")) {
		char *id = xstrdup(doc_map_str(s, "id"));

		ui_session_open(app, id, 0);
		ui_status(app, "Nieuwe sessie begonnen. Vul eerst in wie er zijn.");
		free(id);
	}
}

/* A member needs a name. */
static int member_name_ok(struct ui_app *app, const char *text, char *msg,
                          size_t len)
{
	(void)app;
	if (text[strspn(text, " ")])
		return 0;
	snprintf(msg, len, "Typ de naam, zoals het lid zelf genoemd wil "
	         "worden.");
	return -1;
}

/* The name of a new member was typed: add it and open its form. */
static void member_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	char err[256] = "";
	struct doc_node *m;

	if (!ok)
		return;
	ui_case_snapshot(app, UI_TAG_HOUSEHOLD);
	m = casedoc_add(&app->fs, app->cs.doc, NULL, "members", NULL,
	                ui_prompt_text(dl) + strspn(ui_prompt_text(dl), " "), err,
	                sizeof err);
	if (!m) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_form_open(app, "members", doc_map_str(m, STORE_ITEM_ID), "role");
}

/* Ask the name of a new member, add it, open its form. */
void ui_member_new(struct ui_app *app)
{
	ui_prompt(app, "Nieuw lid", "Wat is de naam van het nieuwe lid? "
	          "Daarna vul je rol, geboortejaar en woonplek in.", NULL,
	          member_name_ok, member_done, NULL, NULL);
}

/* Open, add, delete, undo, start a session, go back. */
static int household_action(struct ui_app *app, struct ui_view *v,
                            enum ui_action a, int key)
{
	struct ui_hhscreen *hs = (struct ui_hhscreen *)v;
	struct ui_row *r = ui_list_current(&hs->list);

	(void)key;
	if (ui_list_action(&hs->list, a, hs->page))
		return 1;
	switch (a) {
	case UI_A_OPEN:
		if (!r)
			return 1;
		if (r->kind == UI_ROW_FIELD)
			ui_form_open(app, "household", NULL, r->key);
		else if (r->kind == UI_ROW_ADD && str_eq(r->section, "members"))
			ui_member_new(app);
		else if (r->kind == UI_ROW_ADD)
			new_session(app);
		else if (str_eq(r->section, "members"))
			ui_form_open(app, "members", r->item_id, NULL);
		else if (str_eq(r->section, "sessions"))
			ui_session_open(app, r->item_id, 0);
		return 1;
	case UI_A_NEW:
		if (r && str_eq(r->section, "sessions"))
			new_session(app);
		else
			ui_member_new(app);
		return 1;
	case UI_A_NEW_SESSION:
		new_session(app);
		return 1;
	case UI_A_LOG:
		if (!ui_household_view_locked(app, 1))
			ui_view_push(app, ui_log_new(app));
		return 1;
	case UI_A_DELETE:
		if (r && r->kind == UI_ROW_ITEM && str_eq(r->section, "members"))
			ui_item_delete(app, "members", r->item_id, UI_TAG_HOUSEHOLD);
		else if (r && r->kind == UI_ROW_ITEM)
			ui_status(app, "Een sessie blijft bewaard, zodat zichtbaar "
			          "blijft wat er veranderde.");
		else
			ui_status(app, "Kies eerst een lid om te verwijderen.");
		return 1;
	case UI_A_UNDO:
		ui_case_undo(app, UI_TAG_HOUSEHOLD);
		return 1;
	case UI_A_BACK:
		ui_case_save(app);
		ui_view_pop(app);
		return 1;
	default:
		return 0;
	}
}

/* The document changed: rebuild at the next draw. */
static void household_refresh(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	v->gen = 0;
}

/* The help of the selected row. */
static const char *household_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_hhscreen *hs = (struct ui_hhscreen *)v;
	struct ui_row *r = ui_list_current(&hs->list);

	(void)app;
	return r && r->help ? r->help : NULL;
}

/* The cursor on a field, member or session (search hits). */
static int household_select(struct ui_app *app, struct ui_view *v,
                            const char *section, const char *item_id,
                            const char *key)
{
	struct ui_hhscreen *hs = (struct ui_hhscreen *)v;

	if (v->gen != app->cs.gen)
		build(app, hs);
	return ui_list_select_item(&hs->list, section, item_id ?
	                           ui_case_follow(app, item_id) : NULL, key);
}

static const struct ui_view_ops household_ops = {
	.name = "household",
	.flags = 0,
	.scopes = household_scopes,
	.draw = household_draw,
	.action = household_action,
	.reload = household_refresh,
	.help = household_help,
	.free = household_free,
	.select = household_select,
};
