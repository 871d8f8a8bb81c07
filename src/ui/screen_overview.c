/*
 * screen_overview.c - the team lead's overview, o from the household list:
 * three lists, the same as `duo overview` (overview.h):
 *
 *   Wachten op beoordeling   the latest version is ter-review, the one
 *                            waiting longest first;
 *   Evaluatie te laat        the evaluation date has passed and there is
 *                            no later version, most overdue first;
 *   Geen sessie in meer dan N dagen   quiet households (config
 *                            quiet_days), the quietest first.
 *
 * Enter on a waiting or overdue version opens its session walk (with the
 * household screen under it, so Esc goes household, then back here); on a
 * quiet household it opens the household. Coming back, the lists are read
 * again: a session handed in or fixed meanwhile moves.
 */
#include <stdlib.h>
#include <string.h>

#include "overview.h"
#include "ui_impl.h"

#define OV_NAME_LINES 1
#define OV_TITLE_ROWS 2   /* "Overzicht op ..." and a blank */

enum ov_kind { OV_REVIEW, OV_OVERDUE, OV_QUIET };

struct ui_ovview {
	struct ui_view view;
	struct ui_list list;
	int page;
	struct overview ov;
};

static const struct ui_view_ops overview_ops;

/* "1 dag", "12 dagen". */
static char *days_text(long days)
{
	return xasprintf("%ld %s", days, days == 1 ? "dag" : "dagen");
}

/* The rows of one list: a heading with the count, then its households,
 * or a line saying the list is empty. */
static void add_list(struct ui_app *app, struct ui_list *l,
                     const struct overview_list *ol, enum ov_kind kind,
                     const char *title, const char *empty)
{
	char *head = xasprintf("%s (%zu)", title, ol->n);

	ui_list_add(l, UI_ROW_HEAD, NULL, head);
	free(head);
	if (ol->n == 0)
		ui_list_add(l, UI_ROW_INFO, NULL, empty);
	for (size_t i = 0; i < ol->n; i++) {
		const struct overview_item *it = &ol->v[i];
		char *ident = xasprintf("%d:%s", (int)kind, it->household_id);
		char *days = days_text(it->days);
		char *text;
		struct ui_row *r;

		if (it->version)
			text = xasprintf("%s%sversie %d", it->name ? it->name :
			                 "(zonder naam)", ui_glyph(app, UI_G_SEP),
			                 it->version);
		else
			text = xasprintf("%s%sgeen sessie", it->name ? it->name :
			                 "(zonder naam)", ui_glyph(app, UI_G_SEP));
		r = ui_list_add(l, UI_ROW_ITEM, ident, text);
		free(text);
		free(ident);
		r->item_id = xstrdup(it->household_id);
		r->a = it->version;
		r->b = (int)kind;
		r->maxlines = OV_NAME_LINES;
		switch (kind) {
		case OV_REVIEW:
			r->meta = xasprintf("ter beoordeling sinds %s (%s)", it->date,
			                    days);
			r->help = "Enter opent deze versie om te lezen.";
			break;
		case OV_OVERDUE:
			r->meta = xasprintf("evaluatie %s, %s te laat", it->date, days);
			r->flags |= UI_ROW_URGENT;
			r->tag = xstrdup("!");
			r->help = "Enter opent de laatste versie. Een evaluatie begin "
			          "je op het huishouden met s.";
			break;
		case OV_QUIET:
			r->meta = it->version ?
			          xasprintf("laatste sessie %s (%s geleden)", it->date,
			                    days) :
			          xasprintf("aangemaakt %s, nog geen sessie (%s)",
			                    it->date, days);
			r->help = "Enter opent het huishouden.";
			break;
		}
		free(days);
	}
}

/* Read the three lists again and rebuild the rows, keeping the cursor. */
static void load(struct ui_app *app, struct ui_ovview *ov)
{
	struct ui_list *l = &ov->list;
	struct diags d = {0};
	char *keep = ui_list_current(l) ? xstrdup(ui_list_current(l)->ident)
	                                : NULL;
	char *quiet;

	overview_free(&ov->ov);
	if (overview_load(app->store, NULL, config_quiet_days(&app->cfg),
	                  &ov->ov, &d) != 0)
		ui_error(app, "Het overzicht is niet gelezen: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
	diags_free(&d);
	ui_list_clear(l);
	add_list(app, l, &ov->ov.review, OV_REVIEW, "Wachten op beoordeling",
	         "Er wacht niets op beoordeling.");
	add_list(app, l, &ov->ov.overdue, OV_OVERDUE, "Evaluatie te laat",
	         "Geen evaluatie is te laat.");
	quiet = xasprintf("Geen sessie in meer dan %d dagen",
	                  ov->ov.quiet_days);
	add_list(app, l, &ov->ov.quiet, OV_QUIET, quiet,
	         "Elk huishouden had onlangs nog een sessie.");
	free(quiet);
	if (!keep || !ui_list_select(l, keep))
		ui_list_first(l);
	free(keep);
}

/* See ui_impl.h. */
struct ui_view *ui_overview_new(struct ui_app *app)
{
	struct ui_ovview *ov = xcalloc(1, sizeof *ov);

	ov->view.ops = &overview_ops;
	ov->view.undo_tag = UI_TAG_NONE;
	load(app, ov);
	return &ov->view;
}

static void overview_free_view(struct ui_app *app, struct ui_view *v)
{
	struct ui_ovview *ov = (struct ui_ovview *)v;

	(void)app;
	ui_list_free(&ov->list);
	overview_free(&ov->ov);
	free(ov);
}

/* The date on top, then the lists. */
static void overview_draw(struct ui_app *app, struct ui_view *v,
                          struct ui_rect r)
{
	struct ui_ovview *ov = (struct ui_ovview *)v;
	char *title = xasprintf("Overzicht op %s", ov->ov.today[0] ?
	                        ov->ov.today : app->today);

	ui_put_cut(app, r.y, r.x + UI_PAD, r.w - 2 * UI_PAD, title,
	           ui_look(app, UI_LOOK_TITLE));
	free(title);
	ov->page = r.h - OV_TITLE_ROWS;
	ui_list_draw(app, &ov->list, (struct ui_rect){r.y + OV_TITLE_ROWS,
	             r.x + UI_PAD, r.h - OV_TITLE_ROWS, r.w - 2 * UI_PAD}, 1);
}

static int overview_scopes(struct ui_app *app, struct ui_view *v,
                           enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_OVERVIEW;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* Open the household of row r, and for a version its session walk. */
static void open_row(struct ui_app *app, const struct ui_row *r)
{
	struct diags d = {0};
	char *id = xstrdup(r->item_id);
	int version = r->b == OV_QUIET ? 0 : r->a;

	if (app->cs.doc)
		ui_case_close(app);
	if (ui_case_open(app, id, &d) != 0) {
		ui_error(app, "%s", d.n ? d.v[0].msg : "niet gevonden");
		diags_free(&d);
		free(id);
		return;
	}
	ui_view_push(app, ui_household_new(app));
	if (version && ui_app_open_session(app, version, 0) != 0)
		ui_error(app, "Versie %d bestaat niet meer; het huishouden is "
		         "geopend.", version);
	free(id);
}

static int overview_action(struct ui_app *app, struct ui_view *v,
                           enum ui_action a, int key)
{
	struct ui_ovview *ov = (struct ui_ovview *)v;
	struct ui_row *r = ui_list_current(&ov->list);

	(void)key;
	if (ui_list_action(&ov->list, a, ov->page))
		return 1;
	switch (a) {
	case UI_A_OPEN:
		if (r && r->kind == UI_ROW_ITEM)
			open_row(app, r);
		return 1;
	case UI_A_BACK:
		ui_view_pop(app);
		return 1;
	default:
		return 0;
	}
}

/* Back on top after a household: close it and read the lists again. */
static void overview_reload(struct ui_app *app, struct ui_view *v)
{
	if (app->top != v)
		return;
	if (app->cs.doc)
		ui_case_close(app);
	load(app, (struct ui_ovview *)v);
}

static const char *overview_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_ovview *ov = (struct ui_ovview *)v;
	struct ui_row *r = ui_list_current(&ov->list);

	(void)app;
	if (r && r->help)
		return r->help;
	return "Wat op jou wacht. Kies met \u2191 en \u2193 en open met Enter.";
}

static const struct ui_view_ops overview_ops = {
	.name = "overview",
	.flags = 0,
	.scopes = overview_scopes,
	.draw = overview_draw,
	.action = overview_action,
	.reload = overview_reload,
	.help = overview_help,
	.free = overview_free_view,
};
