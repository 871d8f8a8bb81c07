/*
 * screen_log.c - the audit trail of the open household, L from the
 * household screen: who changed what and when, oldest first, the user with
 * the role they acted in (lokaal team, RVT, teamleider), the same entries
 * as `duo log` (auditlog.h). Read only; it scrolls, Esc goes back.
 */
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "ui_impl.h"

#define LOG_LINES_MAX 12  /* lines of one entry shown at most */
#define LOG_TITLE_ROWS 2  /* "Logboek van ..." and a blank */

struct ui_logview {
	struct ui_view view;
	struct ui_list list;
	int page;
	size_t entries;
};

static const struct ui_view_ops log_ops;

/* Read the trail and make a row per entry: the time as its tag, then who
 * (and in which role) did what, and a line per change. */
static void load(struct ui_app *app, struct ui_logview *lv)
{
	struct auditlog l = {0};
	struct diags d = {0};
	char *keep = ui_list_current(&lv->list) ?
	             xstrdup(ui_list_current(&lv->list)->ident) : NULL;

	ui_list_clear(&lv->list);
	if (auditlog_load(app->store, app->cs.id, &l, &d) != 0)
		ui_error(app, "Het logboek is niet gelezen: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
	diags_free(&d);
	lv->entries = l.n;
	for (size_t i = 0; i < l.n; i++) {
		const struct auditlog_entry *e = &l.v[i];
		struct strbuf sb = {0};
		char ident[32];
		struct ui_row *r;
		size_t shown = e->nlines > LOG_LINES_MAX ? LOG_LINES_MAX - 1
		                                         : e->nlines;

		sb_add(&sb, e->user ? e->user : "onbekend");
		if (e->role_label)
			sb_addf(&sb, " (%s)", e->role_label);
		sb_addf(&sb, ": %s", e->label);
		for (size_t j = 0; j < shown; j++)
			sb_addf(&sb, "\n%s %s", ui_glyph(app, UI_G_BULLET),
			        e->lines[j]);
		if (shown < e->nlines)
			sb_addf(&sb, "\n%s en nog %zu", ui_glyph(app, UI_G_ELLIPSIS),
			        e->nlines - shown);
		snprintf(ident, sizeof ident, "entry:%zu", i);
		r = ui_list_add(&lv->list, UI_ROW_ITEM, ident, sb_str(&sb));
		r->tag = xstrdup(e->when);
		r->maxlines = (int)(shown < e->nlines ? shown + 2 : shown + 1);
		sb_free(&sb);
	}
	auditlog_free(&l);
	if (!keep || !ui_list_select(&lv->list, keep))
		ui_list_first(&lv->list);
	free(keep);
	lv->view.gen = app->cs.gen;
}

/* See ui_impl.h. */
struct ui_view *ui_log_new(struct ui_app *app)
{
	struct ui_logview *lv = xcalloc(1, sizeof *lv);

	lv->view.ops = &log_ops;
	lv->view.undo_tag = UI_TAG_NONE;
	lv->list.empty = "Er staat nog niets in het logboek: er is nog niets "
	                 "bewaard.";
	ui_case_save(app); /* what was typed is part of the trail */
	load(app, lv);
	return &lv->view;
}

static void log_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_logview *lv = (struct ui_logview *)v;

	(void)app;
	ui_list_free(&lv->list);
	free(lv);
}

/* The title, then the entries; read again when the household changed
 * (another duo saved). */
static void log_draw(struct ui_app *app, struct ui_view *v, struct ui_rect r)
{
	struct ui_logview *lv = (struct ui_logview *)v;
	const struct doc_node *hh = doc_map_get(app->cs.doc, "household");
	char *title;

	if (v->gen != app->cs.gen)
		load(app, lv);
	title = xasprintf("Logboek van %s (%zu), het oudste eerst",
	                  doc_map_str(hh, "name") ? doc_map_str(hh, "name") :
	                  "(zonder naam)", lv->entries);
	ui_put_cut(app, r.y, r.x + UI_PAD, r.w - 2 * UI_PAD, title,
	           ui_look(app, UI_LOOK_HEADING));
	free(title);
	lv->page = r.h - LOG_TITLE_ROWS;
	ui_list_draw(app, &lv->list, (struct ui_rect){r.y + LOG_TITLE_ROWS,
	             r.x + UI_PAD, r.h - LOG_TITLE_ROWS, r.w - 2 * UI_PAD}, 1);
}

static int log_scopes(struct ui_app *app, struct ui_view *v,
                      enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_LOG;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

static int log_action(struct ui_app *app, struct ui_view *v, enum ui_action a,
                      int key)
{
	struct ui_logview *lv = (struct ui_logview *)v;

	(void)key;
	if (ui_list_action(&lv->list, a, lv->page))
		return 1;
	if (a == UI_A_BACK) {
		ui_view_pop(app);
		return 1;
	}
	return 0;
}

/* The household changed: read the trail again at the next draw. */
static void log_reload(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	v->gen = 0;
}

static const char *log_help(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	(void)v;
	return "Wie wat veranderde en wanneer, met de rol waarin. Blader met "
	       "\u2191 \u2193 en PgUp PgDn; Esc gaat terug.";
}

static const struct ui_view_ops log_ops = {
	.name = "log",
	.flags = 0,
	.scopes = log_scopes,
	.draw = log_draw,
	.action = log_action,
	.reload = log_reload,
	.help = log_help,
	.free = log_free,
};
