/*
 * screen_households.c - the first screen: every household with its latest
 * version, status and evaluation date; / searches by name as you type, n
 * makes a new household, Enter opens one, q quits.
 *
 * The rows come from store_list (name_contains for a search) and live in
 * one string arena, so 10,000 households cost a few hundred kilobytes. To
 * show the first screen fast, the list first loads only what fits on the
 * screen and loads the rest on the next tick (or at once when the cursor
 * goes beyond it). Only visible rows are drawn.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define HH_HEAD_ROWS    2    /* title/search line and column headings */
#define HH_ID_COLS      8    /* short id */
#define HH_VERSION_COLS 6
#define HH_STATUS_COLS  16
#define HH_DATE_COLS    12   /* a date and a mark when it is overdue */
#define HH_GAP          2
#define HH_FIRST_EXTRA  8    /* rows loaded beyond the first screen */

struct hh_row {
	size_t id, name, status, evaluation;  /* offsets into the arena */
	int version;
};

struct ui_hhview {
	struct ui_view view;
	struct strbuf arena;
	struct hh_row *rows;
	size_t n, cap;
	int complete;           /* every matching row is loaded */
	size_t limit;           /* while loading: stop after this many */
	size_t cur, top;
	struct ui_edit search;  /* what is typed after / */
	int searching;
	char *query;            /* the applied filter, or NULL */
	long long search_at;    /* apply the typed search then; 0: none */
	long data_version;
	long long poll_at;
	char *want;             /* put the cursor on this id after loading */
	int page;               /* rows on screen, from the last draw */
};

static const struct ui_view_ops hh_ops;

/* The string at offset off of the arena. */
static const char *arena_str(const struct ui_hhview *hv, size_t off)
{
	return hv->arena.s + off;
}

/* Copy s into the arena; its offset. */
static size_t arena_add(struct ui_hhview *hv, const char *s)
{
	size_t off = hv->arena.len;

	sb_add(&hv->arena, s ? s : "");
	sb_addc(&hv->arena, '\0');
	return off;
}

/* store_list callback: keep one household (stops at the limit). */
static int add_row(const struct store_list_row *r, void *arg)
{
	struct ui_hhview *hv = arg;
	struct hh_row *row;

	if (hv->limit && hv->n >= hv->limit) {
		hv->complete = 0;
		return 1;
	}
	xgrow(&hv->rows, &hv->cap, hv->n + 1, sizeof *hv->rows);
	row = &hv->rows[hv->n++];
	row->id = arena_add(hv, r->id);
	row->name = arena_add(hv, r->name);
	row->status = arena_add(hv, r->status);
	row->evaluation = arena_add(hv, r->evaluation);
	row->version = r->version;
	return 0;
}

/* Load the rows (at most limit, 0: all), keeping the cursor on the same
 * household when it is still there. */
static void load(struct ui_app *app, struct ui_hhview *hv, size_t limit)
{
	struct store_list_filter filter = {0};
	struct diags d = {0};
	char *keep = hv->want ? xstrdup(hv->want) : hv->cur < hv->n ?
	             xstrdup(arena_str(hv, hv->rows[hv->cur].id)) : NULL;

	hv->n = 0;
	hv->arena.len = 0;
	if (hv->arena.s)
		hv->arena.s[0] = '\0';
	hv->limit = limit;
	hv->complete = 1;
	filter.name_contains = hv->query;
	if (store_list(app->store, &filter, add_row, hv, &d) != 0)
		ui_error(app, "De lijst is niet te lezen: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
	diags_free(&d);
	hv->data_version = store_data_version(app->store);
	hv->cur = 0;
	if (keep) {
		size_t i;

		for (i = 0; i < hv->n; i++)
			if (str_eq(arena_str(hv, hv->rows[i].id), keep))
				break;
		if (i < hv->n) {
			hv->cur = i;
			free(hv->want);
			hv->want = NULL;
		} else if (!hv->complete && hv->want) {
			/* not loaded yet: look again after the full load */
		} else {
			free(hv->want);
			hv->want = NULL;
		}
	}
	free(keep);
	if (hv->top > hv->cur)
		hv->top = hv->cur;
}

/* Load the rows the first screen did not need. */
static void load_all(struct ui_app *app, struct ui_hhview *hv)
{
	if (!hv->complete)
		load(app, hv, 0);
}

/* See ui_impl.h. */
struct ui_view *ui_households_new(struct ui_app *app)
{
	struct ui_hhview *hv = xcalloc(1, sizeof *hv);
	int page = LINES - UI_TITLE_ROWS - UI_HELP_ROWS - UI_STATUS_ROWS -
	           UI_KEYBAR_ROWS - HH_HEAD_ROWS;

	hv->view.ops = &hh_ops;
	hv->view.undo_tag = UI_TAG_NONE;
	load(app, hv, (size_t)(page > 0 ? page : 1) + HH_FIRST_EXTRA);
	hv->poll_at = app->now + UI_POLL_MS;
	return &hv->view;
}

/* See ui_impl.h. */
void ui_households_reload(struct ui_app *app, const char *select_id)
{
	struct ui_hhview *hv = (struct ui_hhview *)app->households;

	if (!hv)
		return;
	free(hv->want);
	hv->want = xstrdup(select_id);
	load(app, hv, 0);
}

/* See ui_impl.h. */
void ui_households_tick(struct ui_app *app)
{
	struct ui_hhview *hv = (struct ui_hhview *)app->households;

	if (!hv || app->top != &hv->view)
		return;
	if (hv->search_at && app->now >= hv->search_at) {
		hv->search_at = 0;
		free(hv->query);
		hv->query = str_empty(te_text(&hv->search.te)) ? NULL :
		            xstrdup(te_text(&hv->search.te));
		hv->cur = hv->top = 0;
		load(app, hv, 0);
	}
	if (!hv->complete)
		load_all(app, hv);
	if (app->now >= hv->poll_at) {
		hv->poll_at = app->now + UI_POLL_MS;
		if (store_data_version(app->store) != hv->data_version)
			load(app, hv, 0);
	}
}

/* Free the list view. */
static void hh_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;

	ui_edit_free(app, &hv->search);
	sb_free(&hv->arena);
	free(hv->rows);
	free(hv->query);
	free(hv->want);
	free(hv);
}

/* ---- drawing ----------------------------------------------------------------- */

static const char *status_label(struct ui_app *app, const char *status)
{
	const struct form_section *s = formset_section(&app->fs, "sessions");
	const struct form_field *f = s ? form_section_field(s, "status") : NULL;
	const struct form_choice *c = f ? form_field_choice(f, status) : NULL;

	return c ? c->label : status;
}

/* Draw the title or search line, the headings and the visible rows. */
static void hh_draw(struct ui_app *app, struct ui_view *v, struct ui_rect r)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;
	int x = r.x + UI_PAD, w = r.w - 2 * UI_PAD;
	int namew = w - HH_ID_COLS - HH_VERSION_COLS - HH_STATUS_COLS -
	            HH_DATE_COLS - 4 * HH_GAP;
	int xid = x + namew + HH_GAP, xv = xid + HH_ID_COLS + HH_GAP;
	int xs = xv + HH_VERSION_COLS + HH_GAP, xe = xs + HH_STATUS_COLS + HH_GAP;
	int rows = r.h - HH_HEAD_ROWS, y = r.y;
	struct strbuf sb = {0};

	hv->page = rows;
	/* title and count, or the search line */
	if (hv->searching || hv->query) {
		int used = ui_put(app, y, x, w, "Zoek op naam: ",
		                  ui_look(app, UI_LOOK_HEADING));

		if (hv->searching) {
			ui_edit_draw(app, &hv->search, (struct ui_rect){y, x + used, 1,
			             w / 2}, 1);
		} else {
			ui_put(app, y, x + used, w / 2, hv->query, A_BOLD);
		}
		if (hv->complete && !hv->search_at)
			sb_addf(&sb, "%zu gevonden", hv->n);
	} else {
		ui_put(app, y, x, w, "Huishoudens", ui_look(app, UI_LOOK_HEADING));
		if (hv->complete)
			sb_addf(&sb, "%zu %s", hv->n, hv->n == 1 ? "huishouden" :
			        "huishoudens");
	}
	if (sb.len)
		ui_put(app, y, x + w - ui_width(sb_str(&sb)), w, sb_str(&sb),
		       ui_look(app, UI_LOOK_DIM));
	sb_free(&sb);
	y++;
	ui_put(app, y, x, namew, "Naam", ui_look(app, UI_LOOK_DIM));
	ui_put(app, y, xid, HH_ID_COLS, "Kenmerk", ui_look(app, UI_LOOK_DIM));
	ui_put(app, y, xv, HH_VERSION_COLS, "Versie", ui_look(app, UI_LOOK_DIM));
	ui_put(app, y, xs, HH_STATUS_COLS, "Status", ui_look(app, UI_LOOK_DIM));
	ui_put(app, y, xe, HH_DATE_COLS, "Evaluatie", ui_look(app, UI_LOOK_DIM));
	y++;
	if (hv->n == 0) {
		const char *empty = hv->query ?
			"Geen huishouden gevonden met deze naam. Esc wist de "
			"zoekopdracht." :
			"Er zijn nog geen huishoudens. Druk n om het eerste te maken.";

		ui_put_wrapped(app, (struct ui_rect){y + 1, x, rows - 1, w}, empty,
		               ui_look(app, UI_LOOK_DIM));
		return;
	}
	if (hv->cur >= hv->n)
		hv->cur = hv->n - 1;
	if (hv->cur < hv->top)
		hv->top = hv->cur;
	if (rows > 0 && hv->cur >= hv->top + (size_t)rows)
		hv->top = hv->cur - (size_t)rows + 1;
	for (int i = 0; i < rows && hv->top + (size_t)i < hv->n; i++) {
		const struct hh_row *row = &hv->rows[hv->top + (size_t)i];
		int sel = hv->top + (size_t)i == hv->cur && !hv->searching;
		attr_t a = sel ? ui_look(app, UI_LOOK_SELECTED) : A_NORMAL;
		attr_t dim = sel ? a : ui_look(app, UI_LOOK_DIM);
		const char *eval = arena_str(hv, row->evaluation);
		const char *status = arena_str(hv, row->status);
		char num[16];

		if (sel)
			ui_fill((struct ui_rect){y + i, r.x, 1, r.w}, a);
		ui_put_cut(app, y + i, x, namew, arena_str(hv, row->name), a);
		ui_put(app, y + i, xid, HH_ID_COLS, arena_str(hv, row->id), dim);
		snprintf(num, sizeof num, row->version ? "%d" : "-", row->version);
		ui_put(app, y + i, xv, HH_VERSION_COLS, num, a);
		ui_put_cut(app, y + i, xs, HH_STATUS_COLS,
		           *status ? status_label(app, status) : "-", a);
		if (*eval && strcmp(eval, app->today) < 0 &&
		    !str_eq(status, "herzien")) {
			char *late = xasprintf("%s !", eval);

			ui_put(app, y + i, xe, HH_DATE_COLS, late, sel ? a :
			       ui_look(app, UI_LOOK_URGENT));
			free(late);
		} else {
			ui_put(app, y + i, xe, HH_DATE_COLS, *eval ? eval : "-", a);
		}
	}
}

/* ---- keys ---------------------------------------------------------------------- */

static int hh_scopes(struct ui_app *app, struct ui_view *v,
                     enum ui_scope out[UI_SCOPES_MAX])
{
	struct ui_hhview *hv = (struct ui_hhview *)v;
	int n = 0;

	(void)app;
	if (hv->searching) {
		out[n++] = UI_SC_SEARCH;
		out[n++] = UI_SC_EDIT;
	} else {
		out[n++] = UI_SC_HOUSEHOLDS;
		out[n++] = UI_SC_MOVE;
	}
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* A household needs a name. */
static int name_ok(struct ui_app *app, const char *text, char *msg,
                   size_t len)
{
	(void)app;
	for (const char *p = text; *p; p++)
		if (*p != ' ')
			return 0;
	snprintf(msg, len, "Typ een naam, zoals Gezin Visser.");
	return -1;
}

/* The name of a new household was typed: make it and open it. */
static void new_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	char *name;
	size_t len;

	if (!ok)
		return;
	name = xstrdup(ui_prompt_text(dl));
	for (len = strlen(name); len && name[len - 1] == ' '; len--)
		name[len - 1] = '\0';
	if (ui_case_create(app, name + strspn(name, " ")) == 0) {
		ui_households_reload(app, app->cs.id);
		ui_view_push(app, ui_household_new(app));
		ui_status(app, "Huishouden gemaakt. Voeg de leden toe met n.");
	}
	free(name);
}

/* Stop typing the search; clear: forget it too. */
static void search_stop(struct ui_app *app, struct ui_hhview *hv, int clear)
{
	hv->searching = 0;
	hv->view.typing = 0;
	if (clear) {
		te_set(&hv->search.te, "");
		hv->search_at = 0;
		if (hv->query) {
			free(hv->query);
			hv->query = NULL;
			load(app, hv, 0);
		}
		return;
	}
	if (hv->search_at) {
		hv->search_at = app->now;
		ui_households_tick(app);
	}
}

/* Move, open, make, search, quit; while searching: stop or clear. */
static int hh_action(struct ui_app *app, struct ui_view *v, enum ui_action a,
                     int key)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;
	int page = hv->page > 1 ? hv->page - 1 : 1;

	(void)key;
	if (hv->searching) {
		switch (a) {
		case UI_A_DONE:
			search_stop(app, hv, 0);
			return 1;
		case UI_A_BACK:
			search_stop(app, hv, 1);
			return 1;
		default:
			if (ui_edit_action(&hv->search, a) && hv->search.pending)
				hv->search_at = app->now + UI_SEARCH_MS;
			return a >= UI_A_TE_LEFT;
		}
	}
	switch (a) {
	case UI_A_UP:
		if (hv->cur > 0)
			hv->cur--;
		return 1;
	case UI_A_DOWN:
		if (hv->cur + 1 >= hv->n)
			load_all(app, hv);
		if (hv->cur + 1 < hv->n)
			hv->cur++;
		return 1;
	case UI_A_PGUP:
		hv->cur = hv->cur > (size_t)page ? hv->cur - (size_t)page : 0;
		return 1;
	case UI_A_PGDN:
		load_all(app, hv);
		hv->cur = hv->cur + (size_t)page < hv->n ? hv->cur + (size_t)page :
		          hv->n ? hv->n - 1 : 0;
		return 1;
	case UI_A_TOP:
		hv->cur = 0;
		return 1;
	case UI_A_BOTTOM:
		load_all(app, hv);
		hv->cur = hv->n ? hv->n - 1 : 0;
		return 1;
	case UI_A_OPEN:
		if (hv->cur < hv->n) {
			char *id = xstrdup(arena_str(hv, hv->rows[hv->cur].id));

			ui_app_open_household(app, id);
			free(id);
		}
		return 1;
	case UI_A_NEW:
		ui_prompt(app, "Nieuw huishouden", "Hoe noemen jullie het "
		          "huishouden? Bijvoorbeeld Gezin Visser.", NULL, name_ok,
		          new_done, NULL, NULL);
		return 1;
	case UI_A_SEARCH:
		if (!hv->search.active)
			ui_edit_init(&hv->search, hv->query, 0);
		te_finish(&hv->search.te);
		hv->searching = 1;
		hv->view.typing = 1;
		return 1;
	case UI_A_BACK:
		if (hv->query)
			search_stop(app, hv, 1);
		return 1;
	case UI_A_OVERVIEW:
		ui_view_push(app, ui_overview_new(app));
		return 1;
	case UI_A_QUIT:
		ui_app_flush(app);
		app->quit = 1;
		return 1;
	default:
		return 0;
	}
}

/* A typed key while searching: search again after a pause. */
static int hh_text(struct ui_app *app, struct ui_view *v, int key)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;

	if (!hv->searching)
		return 0;
	ui_edit_type(app, &hv->search, key);
	hv->search_at = app->now + UI_SEARCH_MS;
	return 1;
}

/* Back on top after a household: reload, cursor on that household. */
static void hh_refresh(struct ui_app *app, struct ui_view *v)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;

	/* back from a household: its name or status may have changed */
	if (app->top == v && app->cs.id[0]) {
		free(hv->want);
		hv->want = xstrdup(app->cs.id);
		ui_case_close(app);
		load(app, hv, 0);
	}
}

/* The help line of the list. */
static const char *hh_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;

	(void)app;
	if (hv->searching)
		return "Typ een deel van de naam. De lijst volgt wat je typt. Enter "
		       "of \u2193 gaat naar de lijst, Esc wist de zoekopdracht.";
	return "Kies een huishouden met \u2191 en \u2193 en open het met Enter. "
	       "Een nieuw huishouden maak je met n, zoeken doe je met /. Een ! "
	       "achter de evaluatiedatum: die datum is voorbij.";
}

static const struct ui_view_ops hh_ops = {
	.name = "households",
	.flags = 0,
	.scopes = hh_scopes,
	.draw = hh_draw,
	.action = hh_action,
	.text = hh_text,
	.reload = hh_refresh,
	.help = hh_help,
	.free = hh_free,
};
