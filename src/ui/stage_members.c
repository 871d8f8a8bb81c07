/*
 * stage_members.c - stage 0 of a session: the session itself (date,
 * status, evaluation), who takes part (members ticked in a list, or a
 * named person with organisation and role) and the household's members.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define ADD_MEMBERS  "add:participants:members"
#define ADD_PERSON   "add:participants:person"
#define ADD_MEMBER   "add:members"

/* "Sociaal team Ede-Zuid · Lokaal team" or "lid van het huishouden". */
static char *participant_meta(struct ui_app *app, const struct doc_node *p)
{
	const struct form_section *sec = formset_section(&app->fs,
	                                                 "participants");
	const struct form_field *role = sec ? form_section_field(sec, "role")
	                                    : NULL;
	const char *org = doc_map_str(p, "organisation");
	char *r = role ? ui_field_text(app, "participants", role, p) : NULL;
	char *s;

	if (doc_map_str(p, "member"))
		s = xstrdup("lid van het huishouden");
	else if (org && r)
		s = xasprintf("%s%s%s", org, ui_glyph(app, UI_G_SEP), r);
	else
		s = xstrdup(org ? org : r ? r : "");
	free(r);
	return s;
}

/* The fields of the session (a mapping) as rows. */
static void add_field_rows(struct ui_app *app, struct ui_list *l,
                           const char *section)
{
	const struct form_section *sec = formset_section(&app->fs, section);
	struct doc_node *item = ui_case_item(app, section, NULL);

	for (size_t i = 0; sec && i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		char *ident;
		struct ui_row *r;

		if (f->type == FT_ID)
			continue;
		ident = xasprintf("field:%s:%s", section, f->key);
		r = ui_list_add(l, UI_ROW_FIELD, ident, NULL);
		free(ident);
		free(r->text);
		r->text = ui_field_text(app, section, f, item);
		r->label = xstrdup(f->label);
		r->section = sec->key;
		r->key = f->key;
		r->help = f->help;
		if (!r->text && f->required) {
			r->warn = xasprintf("%s nog invullen",
			                    ui_glyph(app, UI_G_WARN));
			r->flags |= UI_ROW_WARN;
		}
	}
}

/* The rows of stage 0: the session, who takes part, the members. */
static void build(struct ui_app *app, struct ui_stageview *sv)
{
	struct ui_list *l = &sv->list;
	struct doc_node *sess = ui_case_session(app);
	const struct form_section *psec = formset_section(&app->fs,
	                                                  "participants");
	const struct form_section *msec = formset_section(&app->fs, "members");
	struct doc_node *parts = casedoc_list(app->cs.doc, sess, "participants",
	                                      0);
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);
	struct ui_row *r;

	ui_list_clear(l);
	ui_list_add(l, UI_ROW_HEAD, NULL, "Deze sessie");
	add_field_rows(app, l, "sessions");
	ui_list_add(l, UI_ROW_HEAD, NULL, psec ? psec->label : "Aanwezigen");
	for (size_t i = 0; parts && i < parts->len; i++) {
		const struct doc_node *p = parts->item[i];
		const char *id = doc_map_str(p, STORE_ITEM_ID);
		const char *name = doc_map_str(p, "name");

		if (!id || !ui_item_visible(app, "participants", p))
			continue;
		if (!name)
			name = ui_member_name(app, doc_map_str(p, "member"));
		r = ui_list_add(l, UI_ROW_ITEM, id, name ? name :
		                "(naam nog invullen)");
		r->section = "participants";
		r->item_id = xstrdup(id);
		r->meta = participant_meta(app, p);
		if (!*r->meta) {
			free(r->meta);
			r->meta = NULL;
		}
		r->help = psec ? psec->help : NULL;
	}
	if (!parts || parts->len == 0)
		ui_list_add(l, UI_ROW_INFO, NULL, "Nog niemand. Vink de leden aan "
		            "die meedoen, en voeg de twee professionals toe.");
	r = ui_list_add(l, UI_ROW_ADD, ADD_MEMBERS,
	                "+ Leden van het huishouden aanvinken");
	r->section = "participants";
	r->help = psec ? psec->help : NULL;
	r = ui_list_add(l, UI_ROW_ADD, ADD_PERSON,
	                "+ Andere aanwezige (naam, organisatie, rol)");
	r->section = "participants";
	r->help = psec ? psec->help : NULL;

	ui_list_add(l, UI_ROW_HEAD, NULL, msec ? msec->label : "Leden");
	for (size_t i = 0; members && i < members->len; i++) {
		const struct doc_node *m = members->item[i];
		const char *id = doc_map_str(m, STORE_ITEM_ID);
		char *role;
		const struct form_field *rf = msec ? form_section_field(msec, "role")
		                                   : NULL;

		if (!id || !ui_item_visible(app, "members", m))
			continue;
		r = ui_list_add(l, UI_ROW_ITEM, id, doc_map_str(m, "name") ?
		                doc_map_str(m, "name") : "(zonder naam)");
		r->section = "members";
		r->item_id = xstrdup(id);
		role = rf ? ui_field_text(app, "members", rf, m) : NULL;
		r->meta = role;
		r->warn = ui_row_missing(app, "members", m);
		if (r->warn)
			r->flags |= UI_ROW_WARN;
		r->help = msec ? msec->help : NULL;
	}
	r = ui_list_add(l, UI_ROW_ADD, ADD_MEMBER, "+ Nieuw lid");
	r->section = "members";
	r->help = msec ? msec->help : NULL;
}

/* The ticks of the member list: ref and ticked, for each member. */
struct ticks {
	char **refs;
	int *on;
	size_t n;
};

/* Free the ticks. */
static void ticks_free(void *p)
{
	struct ticks *t = p;

	for (size_t i = 0; i < t->n; i++)
		free(t->refs[i]);
	free(t->refs);
	free(t->on);
	free(t);
}

/* The index of the participant who is member ref, or SIZE_MAX. */
static size_t participant_of(struct doc_node *parts, const char *ref)
{
	for (size_t k = 0; parts && k < parts->len; k++)
		if (str_eq(doc_map_str(parts->item[k], "member"), ref))
			return k;
	return SIZE_MAX;
}

/* Make the participants follow the ticks: add the new ones, remove the
 * ones no longer ticked. */
static void apply_ticks(struct ui_app *app, const struct ticks *t)
{
	struct doc_node *sess = ui_case_session(app);
	int changed = 0;

	if (!sess)
		return;
	ui_case_snapshot(app, 0);
	for (size_t i = 0; i < t->n; i++) {
		struct doc_node *parts = casedoc_list(app->cs.doc, sess,
		                                      "participants", 1);
		size_t at = participant_of(parts, t->refs[i]);

		if (t->on[i] && at == SIZE_MAX) {
			char err[256];
			struct doc_node *p = casedoc_add(&app->fs, app->cs.doc, sess,
			                                 "participants", NULL, NULL,
			                                 err, sizeof err);

			if (p) {
				casedoc_set(&app->fs, "participants", p, "member",
				            t->refs[i]);
				changed = 1;
			}
		} else if (!t->on[i] && at != SIZE_MAX) {
			casedoc_remove(app->cs.doc, sess, "participants", at);
			changed = 1;
		}
	}
	if (!changed) {
		ui_case_revert_last(app);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
}

/* Taking members off the list was confirmed (or not). */
static void untick_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	if (ok && dl->choice == 1)
		apply_ticks(app, dl->ctx);
}

/* The member list was confirmed: apply it, asking first when someone is
 * taken off (that deletes a participant). */
static void members_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct doc_node *parts = casedoc_list(app->cs.doc, ui_case_session(app),
	                                      "participants", 0);
	struct ticks *t;
	struct strbuf gone = {0};

	if (!ok)
		return;
	t = xcalloc(1, sizeof *t);
	t->refs = xcalloc(dl->nitems + 1, sizeof *t->refs);
	t->on = xcalloc(dl->nitems + 1, sizeof *t->on);
	for (size_t i = 0; i < dl->nitems; i++) {
		t->refs[t->n] = xstrdup(dl->items[i].value);
		t->on[t->n] = dl->items[i].checked;
		if (!dl->items[i].checked &&
		    participant_of(parts, dl->items[i].value) != SIZE_MAX) {
			if (gone.len)
				sb_add(&gone, ", ");
			sb_add(&gone, dl->items[i].label);
		}
		t->n++;
	}
	if (gone.len) {
		char *q = xasprintf("%s niet meer bij de aanwezigen?", sb_str(&gone));

		ui_confirm(app, q, "Wie je uitvinkt, staat niet meer bij de "
		           "aanwezigen van deze sessie. Met u draai je het terug.",
		           untick_done, t, ticks_free);
		free(q);
	} else {
		apply_ticks(app, t);
		ticks_free(t);
	}
	sb_free(&gone);
}

/* Tick which members take part. */
static void pick_members(struct ui_app *app)
{
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);
	struct doc_node *parts = casedoc_list(app->cs.doc, sess, "participants",
	                                      0);
	struct ui_dialog *dl;

	if (!members || members->len == 0) {
		ui_status(app, "Er zijn nog geen leden. Voeg ze eerst toe onder "
		          "Leden van het huishouden.");
		return;
	}
	dl = ui_pick_new("Wie van het huishouden doen mee?", "Vink aan wie "
	                 "bij dit gesprek is (spatie), en druk Enter.", 1);
	for (size_t i = 0; i < members->len; i++) {
		const char *ref = doc_map_str(members->item[i], "ref");
		const char *name = doc_map_str(members->item[i], "name");
		struct ui_pick_item *it;

		if (!ref)
			continue;
		it = ui_pick_add(dl, ref, name ? name : ref, NULL);
		for (size_t k = 0; parts && k < parts->len; k++)
			if (str_eq(doc_map_str(parts->item[k], "member"), ref))
				it->checked = 1;
	}
	ui_dialog_show(app, dl, members_done, NULL, NULL);
}

/* Add a participant who is not a member and open its form. */
static void add_person(struct ui_app *app)
{
	char err[256] = "";
	struct doc_node *p;

	ui_case_snapshot(app, 0);
	p = casedoc_add(&app->fs, app->cs.doc, ui_case_session(app),
	                "participants", NULL, NULL, err, sizeof err);
	if (!p) {
		ui_case_revert_last(app);
		ui_error(app, "%s", err);
		return;
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_form_open(app, "participants", doc_map_str(p, STORE_ITEM_ID), "name");
	ui_form_mark_fresh(app);
}

/* Adding members and participants; a participant of a fixed version opens
 * read-only. */
static int act(struct ui_app *app, struct ui_stageview *sv, enum ui_action a,
               struct ui_row *r)
{
	int on_members = r && str_eq(r->section, "members");
	int on_parts = r && str_eq(r->section, "participants");

	(void)sv;
	if (a == UI_A_NEW || (a == UI_A_OPEN && r && r->kind == UI_ROW_ADD)) {
		if (on_members) {
			ui_member_new(app);
			return 1;
		}
		if (ui_case_locked(app, 1))
			return 1;
		if (a == UI_A_OPEN && str_eq(r->ident, ADD_MEMBERS))
			pick_members(app);
		else if (on_parts || a == UI_A_OPEN)
			add_person(app);
		else
			ui_status(app, "Kies eerst waar je iets toevoegt: bij de "
			          "aanwezigen of bij de leden.");
		return 1;
	}
	if (a == UI_A_OPEN && r && r->kind == UI_ROW_ITEM && on_parts &&
	    ui_case_locked(app, 0)) {
		ui_form_open(app, r->section, r->item_id, NULL);
		return 1;
	}
	return 0;
}

/* See ui_impl.h. */
struct ui_view *ui_stage_members_new(struct ui_app *app)
{
	return ui_stageview_new(app, 0, build, act, UI_SC_COUNT);
}
