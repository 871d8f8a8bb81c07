/*
 * ui_case.c - the household that is open on screen: its document, saving,
 * undo, and living beside another duo on the same database.
 *
 * The screens change app->cs.doc through casedoc and call ui_case_changed.
 * Saving (ui_case_save) first puts the text of the field being typed into
 * the document, then writes the whole document with store_save_case; the
 * audit lines are casedoc_diff(base, doc). The timers in ui_case_tick save
 * a second after the last change, at least every five seconds while typing,
 * and at once after a structural change (delete, move, new item).
 *
 * Undo keeps snapshots (doc_clone) taken before each change, tagged with
 * the screen the change was made on; only the newest can be undone, and
 * only from that screen, so undo never throws away a later change made
 * elsewhere.
 *
 * Another duo: store_data_version is polled every second. When our
 * household's revision moved, an unchanged document is reloaded; a changed
 * one is merged (casedoc_merge) and saved. A field both changed is asked
 * about in a dialog, one conflict at a time; nothing is overwritten
 * silently. STORE_CONFLICT from a save takes the same road.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui_impl.h"

/* How often a save is retried at once after STORE_CONFLICT and merging
 * (another duo saving again in between). */
#define MERGE_ROUNDS 3

/* Forget every undo snapshot. */
static void undo_clear(struct ui_case *cs)
{
	for (size_t i = 0; i < cs->nundo; i++)
		doc_free(cs->undo[i].doc);
	cs->nundo = 0;
}

static void renames_clear(struct ui_case *cs);

/* Forget the cached missing lines of the sidebar. */
static void missing_clear(struct ui_case *cs)
{
	for (int i = 0; i < 5; i++) {
		free(cs->missing_first[i]);
		cs->missing_first[i] = NULL;
		cs->missing_n[i] = 0;
	}
	cs->missing_gen = 0;
}

/* Replace the document (and its base) after a load, merge or undo. */
static void set_doc(struct ui_app *app, struct doc_node *doc)
{
	struct ui_case *cs = &app->cs;

	if (cs->doc != doc)
		doc_free(cs->doc);
	cs->doc = doc;
	cs->gen++;
}

/* See ui_impl.h. */
void ui_case_refresh_views(struct ui_app *app)
{
	for (struct ui_view *v = app->top; v; v = v->below)
		if (v->ops->reload)
			v->ops->reload(app, v);
	if (app->edit)
		ui_edit_resync(app, app->edit);
}

/* See ui_impl.h. */
int ui_case_open(struct ui_app *app, const char *id, struct diags *d)
{
	struct ui_case *cs = &app->cs;
	long rev = 0;
	struct doc_node *doc;

	ui_case_close(app);
	doc = store_load_case(app->store, &app->fs, id, &rev, d);
	if (!doc)
		return -1;
	snprintf(cs->id, sizeof cs->id, "%s", id);
	cs->doc = doc;
	cs->base = doc_clone(doc);
	cs->rev = rev;
	cs->gen++;
	cs->dirty = 0;
	cs->save_failed = 0;
	cs->sess_id[0] = '\0';
	cs->data_version = store_data_version(app->store);
	cs->poll_at = app->now + UI_POLL_MS;
	return 0;
}

/* Write the document beside the database so that nothing typed is lost
 * when the database refuses it; says where on the status line. */
static void rescue(struct ui_app *app)
{
	struct diags d = {0};
	char *text = doc_emit_string(app->cs.doc, &d);
	char *dir = xstrdup(app->db_path), *slash = strrchr(dir, '/');
	char *path;
	FILE *f;
	int ok = 0;

	if (slash)
		*slash = '\0';
	path = xasprintf("%s/duo-gered-%.8s.yaml", slash ? dir : ".",
	                 app->cs.id);
	f = text ? fopen(path, "w") : NULL;
	if (f) {
		int bad = fputs(text, f) < 0;

		bad |= fclose(f) != 0;
		f = NULL;
		ok = !bad;
	}
	if (ok) {
		ui_error(app, "Niet in de database bewaard; veiliggesteld in %s",
		         path);
		fprintf(stderr, "duo: niet in de database bewaard; wat je typte "
		        "staat in %s\n", path);
	} else {
		fprintf(stderr, "duo: niet bewaard en niet veilig te stellen in "
		        "%s\n", path);
	}
	free(path);
	free(dir);
	free(text);
	diags_free(&d);
}

/* See ui_impl.h. */
void ui_case_close(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;

	if (!cs->doc)
		return;
	if (ui_case_save(app) != 0 && cs->dirty)
		rescue(app);
	doc_free(cs->doc);
	doc_free(cs->base);
	cs->doc = cs->base = NULL;
	undo_clear(cs);
	free(cs->undo);
	cs->undo = NULL;
	cs->capundo = 0;
	missing_clear(cs);
	review_comments_free(&cs->comments);
	cs->comments_gen = 0;
	renames_clear(cs);
	free(cs->save_error);
	cs->save_error = NULL;
	cs->id[0] = '\0';
	cs->sess_id[0] = '\0';
	cs->dirty = 0;
}

/* See ui_impl.h. */
int ui_case_create(struct ui_app *app, const char *name)
{
	struct diags d = {0};
	struct doc_node *doc = casedoc_new_household(name);
	struct doc_node *hh = doc_map_get(doc, "household");
	char *line = xasprintf("huishouden %s gemaakt", name);
	long rev = 0;
	int rc;

	rc = store_save_case(app->store, doc, 0, &rev, &line, 1, &d);
	free(line);
	if (rc != 0 || !doc_map_str(hh, "id")) {
		ui_error(app, "Het huishouden is niet gemaakt: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
		diags_free(&d);
		doc_free(doc);
		return -1;
	}
	ui_case_close(app);
	snprintf(app->cs.id, sizeof app->cs.id, "%s", doc_map_str(hh, "id"));
	app->cs.doc = doc;
	app->cs.base = doc_clone(doc);
	app->cs.rev = rev;
	app->cs.gen++;
	app->cs.data_version = store_data_version(app->store);
	app->cs.poll_at = app->now + UI_POLL_MS;
	diags_free(&d);
	return 0;
}

/* See ui_impl.h. */
struct doc_node *ui_case_session(struct ui_app *app)
{
	struct doc_node *sessions = doc_map_get(app->cs.doc, "sessions");

	if (!sessions || sessions->type != DOC_SEQ || !app->cs.sess_id[0])
		return NULL;
	for (size_t i = 0; i < sessions->len; i++)
		if (str_eq(doc_map_str(sessions->item[i], "id"), app->cs.sess_id))
			return sessions->item[i];
	return NULL;
}

/* The session with this id in doc, or NULL. */
static struct doc_node *session_by_id(struct doc_node *doc, const char *id)
{
	struct doc_node *sessions = doc_map_get(doc, "sessions");

	if (!sessions || sessions->type != DOC_SEQ || !id)
		return NULL;
	for (size_t i = 0; i < sessions->len; i++)
		if (str_eq(doc_map_str(sessions->item[i], "id"), id))
			return sessions->item[i];
	return NULL;
}

/* ---- a new version ---------------------------------------------------------- */

/* See ui_impl.h: an evaluation starts from the latest version. */
struct doc_node *ui_case_new_version(struct ui_app *app)
{
	return casedoc_new_version(app->cs.doc, app->today);
}

/* ---- ids the store renamed ------------------------------------------------ */

const char *ui_case_follow(struct ui_app *app, const char *id)
{
	struct ui_case *cs = &app->cs;

	for (size_t i = 0; id && i < cs->nren; i++)
		if (strcmp(cs->ren[i].from, id) == 0)
			id = cs->ren[i].to;
	return id;
}

/* See ui_impl.h. */
struct doc_node *ui_case_find(struct ui_app *app, struct doc_node *session,
                              const char *section, const char *item_id,
                              size_t *index)
{
	struct doc_node *n;
	const char *now;

	if (!app->cs.doc || !item_id)
		return NULL;
	n = casedoc_find(app->cs.doc, session, section, item_id, index);
	if (!n && (now = ui_case_follow(app, item_id)) != item_id)
		n = casedoc_find(app->cs.doc, session, section, now, index);
	return n;
}

/* An item mapping whose "_id" the store may replace, and that id. */
struct temp_id {
	struct doc_node *item;
	char *id;
};

/* 1 for an "_id" that is not a row id (casedoc_add's temporary one). */
static int temporary_id(const char *id)
{
	return id && id[strspn(id, "0123456789")] != '\0';
}

/* Every item of n with a temporary "_id", into *v. */
static void collect_temp(struct doc_node *n, struct temp_id **v, size_t *len,
                         size_t *cap)
{
	if (!n || n->type == DOC_SCALAR)
		return;
	if (n->type == DOC_MAP) {
		const char *id = doc_map_str(n, STORE_ITEM_ID);

		if (temporary_id(id)) {
			xgrow(v, cap, *len + 1, sizeof **v);
			(*v)[*len].item = n;
			(*v)[(*len)++].id = xstrdup(id);
		}
		for (size_t i = 0; i < n->len; i++)
			collect_temp(n->pair[i].value, v, len, cap);
	} else {
		for (size_t i = 0; i < n->len; i++)
			collect_temp(n->item[i], v, len, cap);
	}
}

/* Rewrite renamed "_id"s in a kept document (an undo snapshot), so that
 * undoing never turns a saved item back into an unsaved one. */
static void apply_renames(struct ui_app *app, struct doc_node *n)
{
	if (!n || n->type == DOC_SCALAR)
		return;
	if (n->type == DOC_MAP) {
		for (size_t i = 0; i < n->len; i++) {
			struct doc_node *v = n->pair[i].value;

			if (strcmp(n->pair[i].key, STORE_ITEM_ID) == 0 &&
			    v->type == DOC_SCALAR && temporary_id(v->text)) {
				const char *now = ui_case_follow(app, v->text);

				if (now != v->text) {
					char *t = xstrdup(now);

					free(v->text);
					v->text = t;
				}
			} else {
				apply_renames(app, v);
			}
		}
	} else {
		for (size_t i = 0; i < n->len; i++)
			apply_renames(app, n->item[i]);
	}
}

/* After a save: learn which temporary ids became row ids. */
static void learn_renames(struct ui_app *app, struct temp_id *v, size_t n)
{
	struct ui_case *cs = &app->cs;
	size_t before = cs->nren;

	for (size_t i = 0; i < n; i++) {
		const char *now = doc_map_str(v[i].item, STORE_ITEM_ID);

		if (now && strcmp(now, v[i].id) != 0) {
			xgrow(&cs->ren, &cs->capren, cs->nren + 1, sizeof *cs->ren);
			cs->ren[cs->nren].from = xstrdup(v[i].id);
			cs->ren[cs->nren++].to = xstrdup(now);
		}
	}
	if (cs->nren != before)
		for (size_t i = 0; i < cs->nundo; i++)
			apply_renames(app, cs->undo[i].doc);
}

/* Forget the renamed ids. */
static void renames_clear(struct ui_case *cs)
{
	for (size_t i = 0; i < cs->nren; i++) {
		free(cs->ren[i].from);
		free(cs->ren[i].to);
	}
	free(cs->ren);
	cs->ren = NULL;
	cs->nren = cs->capren = 0;
}

/* See ui_impl.h. */
struct doc_node *ui_case_item(struct ui_app *app, const char *section,
                              const char *item_id)
{
	struct doc_node *root = app->cs.doc, *sess = ui_case_session(app);

	if (!root || !section)
		return NULL;
	if (strcmp(section, "household") == 0)
		return doc_map_get(root, "household");
	if (strcmp(section, "sessions") == 0)
		return item_id ? session_by_id(root, item_id) : sess;
	if (strcmp(section, "analysis") == 0) {
		if (!sess)
			return NULL;
		if (!doc_map_get(sess, "analysis"))
			casedoc_list(root, sess, "factors", 1);
		return doc_map_get(sess, "analysis");
	}
	if (!item_id)
		return NULL;
	if (strcmp(section, "members") == 0)
		return ui_case_find(app, NULL, section, item_id, NULL);
	return sess ? ui_case_find(app, sess, section, item_id, NULL) : NULL;
}

/* See ui_impl.h: the store edits only a concept (review.h). */
int ui_case_locked(struct ui_app *app, int tell)
{
	struct doc_node *sess = ui_case_session(app);
	char why[256];

	if (ui_household_view_locked(app, tell))
		return 1;
	if (!sess || review_editable(sess, why, sizeof why))
		return 0;
	if (tell)
		ui_error(app, "%s", why);
	return 1;
}

/* See ui_impl.h. */
void ui_case_snapshot(struct ui_app *app, int tag)
{
	struct ui_case *cs = &app->cs;

	if (!cs->doc)
		return;
	if (cs->nundo == UI_UNDO_MAX) {
		doc_free(cs->undo[0].doc);
		memmove(cs->undo, cs->undo + 1, (cs->nundo - 1) * sizeof *cs->undo);
		cs->nundo--;
	}
	xgrow(&cs->undo, &cs->capundo, cs->nundo + 1, sizeof *cs->undo);
	cs->undo[cs->nundo].doc = doc_clone(cs->doc);
	cs->undo[cs->nundo].tag = tag;
	cs->nundo++;
}

/* See ui_impl.h. */
void ui_case_changed(struct ui_app *app, int soon)
{
	struct ui_case *cs = &app->cs;

	cs->gen++;
	if (!cs->first_change)
		cs->first_change = app->now;
	cs->dirty = 1;
	cs->changed_at = app->now;
	if (soon)
		cs->save_now = 1;
}

/* ---- merging with another duo ------------------------------------------------ */

/* The mapping a conflict names, in doc. */
static struct doc_node *conflict_item(struct doc_node *doc,
                                      const struct casedoc_change *c)
{
	struct doc_node *sessions = doc_map_get(doc, "sessions");

	if (str_eq(c->section, "household"))
		return doc_map_get(doc, "household");
	if (str_eq(c->section, "sessions"))
		return session_by_id(doc, c->item_id);
	if (str_eq(c->section, "analysis")) {
		struct doc_node *s = session_by_id(doc, c->item_id);

		return s ? doc_map_get(s, "analysis") : NULL;
	}
	if (str_eq(c->section, "members"))
		return casedoc_find(doc, NULL, "members", c->item_id, NULL);
	for (size_t i = 0; sessions && sessions->type == DOC_SEQ &&
	     i < sessions->len; i++) {
		struct doc_node *it = casedoc_find(doc, sessions->item[i],
		                                   c->section, c->item_id, NULL);
		if (it)
			return it;
	}
	return NULL;
}

/* The conflicts still to be asked about. */
struct merge_ctx {
	struct casedoc_change *conf;
	size_t n, i;
};

/* Free the conflicts still to ask about. */
static void merge_ctx_free(void *p)
{
	struct merge_ctx *m = p;

	casedoc_changes_free(m->conf, m->n);
	free(m);
}

static void ask_next(struct ui_app *app, struct merge_ctx *m);

/* One conflict answered: keep mine (set it again) or theirs; ask the next. */
static void conflict_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct merge_ctx *m = dl->ctx;
	const struct casedoc_change *c = &m->conf[m->i];

	(void)ok;
	if (dl->choice == 1 && c->key && c->key[0] != '_') {
		struct doc_node *item = conflict_item(app->cs.doc, c);

		if (item) {
			casedoc_set(&app->fs, c->section, item, c->key, c->before);
			ui_case_changed(app, 1);
		}
	}
	m->i++;
	/* the dialog's ctx is freed with it: hand the rest to a new one */
	dl->ctx = NULL;
	ask_next(app, m);
}

/* Ask about the next conflict; after the last, save. */
static void ask_next(struct ui_app *app, struct merge_ctx *m)
{
	while (m->i < m->n) {
		const struct casedoc_change *c = &m->conf[m->i];
		struct doc_node *item = conflict_item(app->cs.doc, c);
		char *title, *what = item ? ui_item_title(app, c->section, item) :
		       xstrdup(c->section ? c->section : "");
		if (!c->key || c->key[0] == '_') {
			/* an item kept or left out: say so, nothing to choose */
			char *text = xasprintf("%s is tegelijk bij jou veranderd en "
			                       "bij de andere versie verwijderd of "
			                       "verplaatst. %s", what,
			                       c->after || item ? "Het blijft staan; "
			                       "verwijder het zelf als het weg moet." :
			                       "Het paste niet meer en is niet "
			                       "opgenomen.");
			ui_message(app, "Tegelijk veranderd", text);
			free(text);
			free(what);
			m->i++;
			continue;
		}
		{
			const struct form_section *sec =
				formset_section(&app->fs, c->section);
			const struct form_field *f =
				sec ? form_section_field(sec, c->key) : NULL;

			title = xasprintf("Tegelijk veranderd: %s, %s", what,
			                  f ? f->label : c->key);
		}
		free(what);
		app->cs.merging = 1;
		ui_conflict(app, title, c->before ? c->before : "",
		            c->after ? c->after : "", conflict_done, m,
		            merge_ctx_free);
		free(title);
		return;
	}
	merge_ctx_free(m);
	app->cs.merging = 0;
	ui_case_refresh_views(app);
	ui_case_save(app);
}

/* Merge our changes with what another duo saved; 0 when merged (conflicts
 * may still be asked), -1 when theirs could not be read. */
static int merge(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;
	struct diags d = {0};
	long trev = 0;
	struct doc_node *theirs, *merged;
	struct casedoc_change *conf = NULL;
	size_t nconf = 0;

	theirs = store_load_case(app->store, &app->fs, cs->id, &trev, &d);
	if (!theirs) {
		ui_error(app, "De andere versie is niet te lezen: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
		diags_free(&d);
		return -1;
	}
	merged = casedoc_merge(&app->fs, cs->base, cs->doc, theirs, &conf,
	                       &nconf);
	set_doc(app, merged);
	doc_free(cs->base);
	cs->base = theirs;
	cs->rev = trev;
	cs->dirty = 1;
	cs->save_now = 1;
	undo_clear(cs);
	ui_case_refresh_views(app);
	if (nconf) {
		struct merge_ctx *m = xcalloc(1, sizeof *m);

		m->conf = conf;
		m->n = nconf;
		cs->merging = 1;
		ask_next(app, m);
	} else {
		casedoc_changes_free(conf, nconf);
		ui_status(app, "Samengevoegd met de wijzigingen van de andere "
		          "versie.");
	}
	diags_free(&d);
	return 0;
}

/* The status of the current session, owned (to see it change). */
static char *session_status(struct ui_app *app)
{
	struct doc_node *sess = ui_case_session(app);
	const char *st = sess ? doc_map_str(sess, "status") : NULL;

	return st ? xstrdup(st) : NULL;
}

/* Reload an unchanged document after another duo saved it. */
static void reload(struct ui_app *app)
{
	char *before = session_status(app), *after;
	struct doc_node *sess;

	ui_case_reload(app);
	after = session_status(app);
	sess = ui_case_session(app);
	if (sess && before && after && !str_eq(before, after)) {
		char why[256];

		if (review_editable(sess, why, sizeof why))
			ui_status(app, "Versie %s is weer een concept: je kunt "
			          "haar aanpassen.", doc_map_str(sess, "version"));
		else
			ui_status(app, "Bijgewerkt, nu alleen lezen. %s", why);
	} else {
		ui_status(app, "Bijgewerkt: de andere versie is opgehaald.");
	}
	free(before);
	free(after);
}

/* See ui_impl.h. */
void ui_case_reload(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;
	struct diags d = {0};
	long rev = 0;
	struct doc_node *doc = store_load_case(app->store, &app->fs, cs->id,
	                                       &rev, &d);

	if (!doc) {
		diags_free(&d);
		return;
	}
	set_doc(app, doc);
	doc_free(cs->base);
	cs->base = doc_clone(doc);
	cs->rev = rev;
	undo_clear(cs);
	ui_case_refresh_views(app);
	diags_free(&d);
}

/* ---- saving ---------------------------------------------------------------------- */

int ui_case_save(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;

	if (!cs->doc)
		return 0;
	if (app->edit && app->edit->pending)
		ui_edit_commit(app, app->edit, 0);
	if (cs->merging)
		return -1;
	for (int round = 0; round < MERGE_ROUNDS && cs->dirty; round++) {
		struct casedoc_change *ch = NULL;
		size_t n = casedoc_diff(&app->fs, cs->base, cs->doc, &ch);
		char **lines = xcalloc(n + 1, sizeof *lines);
		struct diags d = {0};
		struct temp_id *tmp = NULL;
		size_t ntmp = 0, captmp = 0;
		long rev = 0;
		int rc;

		for (size_t i = 0; i < n; i++)
			lines[i] = ch[i].line;
		collect_temp(cs->doc, &tmp, &ntmp, &captmp);
		rc = store_save_case(app->store, cs->doc, cs->rev, &rev, lines, n,
		                     &d);
		free(lines);
		casedoc_changes_free(ch, n);
		if (rc == 0)
			learn_renames(app, tmp, ntmp);
		for (size_t i = 0; i < ntmp; i++)
			free(tmp[i].id);
		free(tmp);
		if (rc == 0) {
			doc_free(cs->base);
			cs->base = doc_clone(cs->doc);
			cs->rev = rev;
			cs->dirty = 0;
			cs->save_now = 0;
			cs->first_change = 0;
			cs->data_version = store_data_version(app->store);
			if (cs->save_failed)
				ui_status(app, "Alles is weer bewaard.");
			cs->save_failed = 0;
			diags_free(&d);
			return 0;
		}
		if (rc == STORE_CONFLICT) {
			diags_free(&d);
			if (merge(app) != 0 || cs->merging)
				break;
			continue;
		}
		free(cs->save_error);
		cs->save_error = xstrdup(d.n ? d.v[0].msg : "onbekende fout");
		cs->save_failed = 1;
		cs->retry_at = app->now + UI_RETRY_MS;
		cs->save_now = 0;
		ui_error(app, "Niet bewaard: %s", cs->save_error);
		diags_free(&d);
		return -1;
	}
	return cs->dirty ? -1 : 0;
}

/* See ui_impl.h. */
void ui_case_revert_last(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;

	if (!cs->doc || cs->nundo == 0)
		return;
	set_doc(app, cs->undo[cs->nundo - 1].doc);
	cs->nundo--;
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
}

/* See ui_impl.h. */
void ui_case_revert_to(struct ui_app *app, size_t mark, const char *section,
                       const char *item_id)
{
	struct ui_case *cs = &app->cs;
	size_t index;

	if (!cs->doc)
		return;
	if (mark > 0 && cs->nundo >= mark) {
		/* back to the document before the item was made */
		set_doc(app, cs->undo[mark - 1].doc);
		for (size_t i = mark; i < cs->nundo; i++)
			doc_free(cs->undo[i].doc);
		cs->nundo = mark - 1;
	} else {
		/* the undo stack was cleared (a merge): just take it out */
		struct doc_node *sess = str_eq(section, "members") ? NULL :
		                        ui_case_session(app);

		if (!ui_case_find(app, sess, section, item_id, &index))
			return;
		casedoc_remove(cs->doc, sess, section, index);
	}
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
}

/* See ui_impl.h. */
void ui_case_undo(struct ui_app *app, int tag)
{
	struct ui_case *cs = &app->cs;
	struct ui_undo *u;

	if (!cs->doc || cs->nundo == 0) {
		ui_status(app, "Er is hier niets om terug te draaien.");
		return;
	}
	u = &cs->undo[cs->nundo - 1];
	if (u->tag != tag) {
		if (u->tag == UI_TAG_HOUSEHOLD)
			ui_status(app, "De laatste wijziging was op het scherm van "
			          "het huishouden; draai haar daar terug.");
		else
			ui_status(app, "De laatste wijziging was in stap %d; druk "
			          "%d en dan u om haar terug te draaien.", u->tag,
			          u->tag);
		return;
	}
	set_doc(app, u->doc);
	cs->nundo--;
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_status(app, "De laatste wijziging is teruggedraaid.");
}

/* See ui_impl.h. */
void ui_case_tick(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;
	int typing = app->edit && app->edit->pending;

	if (!cs->doc || cs->merging)
		return;
	if (cs->save_failed) {
		if (app->now >= cs->retry_at)
			ui_case_save(app);
	} else if ((cs->dirty || typing) &&
	           (cs->save_now || app->now - cs->changed_at >= UI_SAVE_QUIET_MS ||
	            app->now - cs->first_change >= UI_SAVE_MAX_MS)) {
		ui_case_save(app);
		/* a value still refused (a half-typed date) waits for more keys */
		cs->first_change = 0;
		cs->changed_at = app->now;
	}
	if (app->now >= cs->poll_at) {
		long v = store_data_version(app->store);

		cs->poll_at = app->now + UI_POLL_MS;
		if (v != cs->data_version) {
			long rev = 0;
			struct diags d = {0};

			cs->data_version = v;
			if (store_household_rev(app->store, cs->id, &rev, &d) == 0 &&
			    rev != 0 && rev != cs->rev) {
				if (cs->dirty || (app->edit && app->edit->pending)) {
					if (app->edit && app->edit->pending)
						ui_edit_commit(app, app->edit, 0);
					if (merge(app) == 0 && !cs->merging)
						ui_case_save(app);
				} else {
					reload(app);
				}
			}
			diags_free(&d);
		}
	}
}

/* ---- derived ---------------------------------------------------------------- */

int ui_case_missing(struct ui_app *app, int stage, const char **first)
{
	struct ui_case *cs = &app->cs;
	struct doc_node *sess = ui_case_session(app);

	if (stage < 0 || stage > 4 || !sess) {
		if (first)
			*first = NULL;
		return 0;
	}
	if (cs->missing_gen != cs->gen) {
		missing_clear(cs);
		for (int s = 0; s < 5; s++) {
			struct diags d = {0};

			cs->missing_n[s] = casedoc_missing(&app->fs, cs->doc, sess, s,
			                                   &d);
			cs->missing_first[s] = d.n ? xstrdup(d.v[0].msg) : NULL;
			diags_free(&d);
		}
		cs->missing_gen = cs->gen;
	}
	if (first)
		*first = cs->missing_first[stage];
	return cs->missing_n[stage];
}

/* See ui_impl.h. */
const struct review_comments *ui_case_comments(struct ui_app *app)
{
	struct ui_case *cs = &app->cs;
	struct doc_node *sess = ui_case_session(app);

	if (!sess)
		return NULL;
	if (cs->comments_gen != cs->gen) {
		review_comments_free(&cs->comments);
		review_comments(&app->fs, sess, &cs->comments);
		cs->comments_gen = cs->gen;
	}
	return &cs->comments;
}

/* See ui_impl.h. */
const struct form_model *ui_case_model(struct ui_app *app)
{
	struct doc_node *sess = ui_case_session(app);
	struct doc_node *an = sess ? doc_map_get(sess, "analysis") : NULL;
	const char *name = an ? doc_map_str(an, "model") : NULL;
	const struct form_model *m = formset_model(&app->fs,
	                                           name ? name : "4p");

	if (!m && app->fs.nmodels)
		m = &app->fs.models[0];
	return m;
}
