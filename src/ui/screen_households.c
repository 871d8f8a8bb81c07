/*
 * screen_households.c - the first screen: every household with its latest
 * version, status and evaluation date; / searches as you type, n makes a
 * new household, Enter opens one, q quits.
 *
 * The rows come from store_list (name_contains for a search) and live in
 * one string arena, so 10,000 households cost a few hundred kilobytes. To
 * show the first screen fast, the list first loads only what fits on the
 * screen and loads the rest on the next tick (or at once when the cursor
 * goes beyond it). Only visible rows are drawn.
 *
 * While the household watches (F3) the names of other households must
 * not be on the screen: the list holds only the household opened last,
 * and a search finds a household only by its whole name.
 *
 * A search (/) shows two lists in one: the households whose name holds
 * the text, then what the full-text index (search.h) finds in everything
 * typed in all households, two lines per hit: where it is (household,
 * version, stage, item) and a snippet with the matches marked. The
 * cursor goes over both; Enter on a hit opens the household at the
 * hit's stage with the cursor on the item (open_hit). Both searches run
 * UI_SEARCH_MS after the last key. While the household watches (F3) only
 * names are searched: a snippet could show what is not for them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "search.h"
#include "ui_impl.h"

#define HH_HEAD_ROWS    2    /* title/search line and column headings */
#define HH_ID_COLS      8    /* short id */
#define HH_VERSION_COLS 6
#define HH_STATUS_COLS  16
#define HH_DATE_COLS    12   /* a date and a mark when it is overdue */
#define HH_GAP          2
#define HH_FIRST_EXTRA  8    /* rows loaded beyond the first screen */
#define HH_HIT_ROWS     2    /* where a hit is, and its snippet */
#define HH_HIT_INDENT   4    /* columns before a snippet */
#define HH_HITS_MAX     100  /* full-text hits shown at most */

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
	int hiding;             /* loaded while the household watches */
	char *opened;           /* the household opened last, or NULL */
	/* the full-text search of query: hits follow the n rows, so the
	 * cursor cur runs over n + hits.n entries; top is a screen line */
	struct search_results hits;
	int hits_on;            /* hits holds the search of query */
	char *hits_error;       /* why the search failed, or NULL */
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
	/* the household watches: no other household's name */
	if (hv->hiding && (hv->query ? strcasecmp(r->name, hv->query) != 0 :
	                   !hv->opened || !str_eq(r->id, hv->opened)))
		return 0;
	xgrow(&hv->rows, &hv->cap, hv->n + 1, sizeof *hv->rows);
	row = &hv->rows[hv->n++];
	row->id = arena_add(hv, r->id);
	row->name = arena_add(hv, r->name);
	row->status = arena_add(hv, r->status);
	row->evaluation = arena_add(hv, r->evaluation);
	row->version = r->version;
	return 0;
}

/* Forget the full-text hits. */
static void hits_clear(struct ui_hhview *hv)
{
	search_results_free(&hv->hits);
	free(hv->hits_error);
	hv->hits_error = NULL;
	hv->hits_on = 0;
}

/* 1 when household id is one of the rows found by name. */
static int in_rows(const struct ui_hhview *hv, const char *id)
{
	for (size_t i = 0; i < hv->n; i++)
		if (str_eq(arena_str(hv, hv->rows[i].id), id))
			return 1;
	return 0;
}

/* Search everything typed for the query (none without one, and none
 * while the household watches). A household found by its name is among
 * the rows already: its hit on the name is left out. */
static void run_hits(struct ui_app *app, struct ui_hhview *hv)
{
	struct search_opts o = {0};
	struct diags d = {0};
	size_t i, k;

	hits_clear(hv);
	if (!hv->query || app->cfg.household_view)
		return;
	o.limit = HH_HITS_MAX;
	o.snippet_cols = COLS - 2 * UI_PAD - HH_HIT_INDENT;
	if (search_run(app->store, &app->fs, hv->query, &o, &hv->hits,
	               &d) != 0) {
		search_results_free(&hv->hits);
		hv->hits_error = xstrdup(d.n ? d.v[0].msg : "onbekende fout");
		diags_free(&d);
		hv->hits_on = 1;
		return;
	}
	diags_free(&d);
	for (i = k = 0; i < hv->hits.n; i++) {
		struct search_hit *h = &hv->hits.v[i];

		if (str_eq(h->section, "household") && str_eq(h->field, "name") &&
		    in_rows(hv, h->household_id)) {
			search_hit_free(h);
			continue;
		}
		hv->hits.v[k++] = *h;
	}
	hv->hits.n = k;
	hv->hits_on = 1;
}

/* Load the rows (at most limit, 0: all), keeping the cursor on the same
 * household when it is still there. */
static void load(struct ui_app *app, struct ui_hhview *hv, size_t limit)
{
	struct store_list_filter filter = {0};
	struct diags d = {0};
	char *keep = hv->want ? xstrdup(hv->want) : hv->cur < hv->n ?
	             xstrdup(arena_str(hv, hv->rows[hv->cur].id)) : NULL;
	size_t on_hit = !hv->want && hv->cur >= hv->n ? hv->cur - hv->n + 1 : 0;

	hv->n = 0;
	hv->arena.len = 0;
	if (hv->arena.s)
		hv->arena.s[0] = '\0';
	hv->limit = limit;
	hv->complete = 1;
	hv->hiding = app->cfg.household_view;
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
	run_hits(app, hv);
	if (on_hit && hv->hits.n)
		hv->cur = hv->n + (on_hit <= hv->hits.n ? on_hit : hv->hits.n) - 1;
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
	if (select_id) {
		free(hv->opened);
		hv->opened = xstrdup(select_id);
	}
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
	hits_clear(hv);
	sb_free(&hv->arena);
	free(hv->rows);
	free(hv->query);
	free(hv->want);
	free(hv->opened);
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

/* The screen lines of the list: the rows found by name (a line saying
 * there are none when a search found only text), a blank line and the
 * heading of the hits, two lines per hit, and a last line when there are
 * more hits than shown or the text was not searched. */
static size_t names_lines(const struct ui_hhview *hv)
{
	return hv->n ? hv->n : hv->query ? 1 : 0;
}

static int text_note(struct ui_app *app, const struct ui_hhview *hv)
{
	return hv->query && (hv->hits.more || app->cfg.household_view);
}

/* First line of entry e (a row, then the hits) and its height. */
static size_t entry_line(const struct ui_hhview *hv, size_t e, int *height)
{
	if (e < hv->n) {
		*height = 1;
		return e;
	}
	*height = HH_HIT_ROWS;
	return names_lines(hv) + 2 + (e - hv->n) * HH_HIT_ROWS;
}

static size_t entries(const struct ui_hhview *hv)
{
	return hv->n + hv->hits.n;
}

/* "Gezin Visser · versie 2 · stap 1 Feiten, zorgen en meningen · feit f1":
 * where a hit is. Caller frees. */
static char *hit_where(struct ui_app *app, const struct search_hit *h)
{
	const char *sep = ui_glyph(app, UI_G_SEP);
	const struct form *f = h->stage >= 0 ? formset_stage(&app->fs, h->stage)
	                                     : NULL;
	struct strbuf sb = {0};

	sb_add(&sb, h->household_name ? h->household_name : "");
	if (h->version)
		sb_addf(&sb, "%sversie %d", sep, h->version);
	if (h->version && h->stage >= 0)
		sb_addf(&sb, "%sstap %d%s%s", sep, h->stage, f && f->title ? " " :
		        "", f && f->title ? f->title : "");
	if (h->name)
		sb_addf(&sb, "%s%s", sep, h->name);
	return sb_steal(&sb);
}

/* The snippet of a hit at y, x in w columns, its matches underlined. */
static void draw_snippet(struct ui_app *app, const struct search_hit *h,
                         int y, int x, int w, attr_t a)
{
	const char *t = h->snippet ? h->snippet : "";
	size_t at = 0, len = strlen(t);
	int used = 0;

	for (size_t k = 0; k <= h->nmarks && used < w; k++) {
		size_t from = k < h->nmarks ? h->marks[k].off : len;

		if (from > len)
			from = len;
		if (from > at)
			used += ui_putn(app, y, x + used, w - used, t + at, from - at,
			                a);
		at = from > at ? from : at;
		if (k < h->nmarks && used < w) {
			size_t end = h->marks[k].off + h->marks[k].len;

			if (end > len)
				end = len;
			if (end > at)
				used += ui_putn(app, y, x + used, w - used, t + at,
				                end - at, a | A_BOLD | A_UNDERLINE);
			at = end > at ? end : at;
		}
	}
}

/* Screen line i of the list (0: the first line of the rows). */
static void draw_line(struct ui_app *app, struct ui_hhview *hv, size_t i,
                      int y, struct ui_rect r, const int *cols)
{
	int x = cols[0], namew = cols[1], xid = cols[2], xv = cols[3];
	int xs = cols[4], xe = cols[5], w = r.w - 2 * UI_PAD;
	size_t names = names_lines(hv), e;
	int height;

	if (i < hv->n) {
		const struct hh_row *row = &hv->rows[i];
		int sel = i == hv->cur && !hv->searching;
		attr_t a = sel ? ui_look(app, UI_LOOK_SELECTED) : A_NORMAL;
		attr_t dim = sel ? a : ui_look(app, UI_LOOK_DIM);
		const char *eval = arena_str(hv, row->evaluation);
		const char *status = arena_str(hv, row->status);
		char num[16];

		if (sel)
			ui_fill((struct ui_rect){y, r.x, 1, r.w}, a);
		ui_put_cut(app, y, x, namew, arena_str(hv, row->name), a);
		ui_put(app, y, xid, HH_ID_COLS, arena_str(hv, row->id), dim);
		snprintf(num, sizeof num, row->version ? "%d" : "-", row->version);
		ui_put(app, y, xv, HH_VERSION_COLS, num, a);
		ui_put_cut(app, y, xs, HH_STATUS_COLS,
		           *status ? status_label(app, status) : "-", a);
		if (*eval && strcmp(eval, app->today) < 0 &&
		    !str_eq(status, "herzien")) {
			char *late = xasprintf("%s !", eval);

			ui_put(app, y, xe, HH_DATE_COLS, late, sel ? a :
			       ui_look(app, UI_LOOK_URGENT));
			free(late);
		} else {
			ui_put(app, y, xe, HH_DATE_COLS, *eval ? eval : "-", a);
		}
		return;
	}
	if (i < names) {
		ui_put(app, y, x, w, "Geen huishouden met deze naam.",
		       ui_look(app, UI_LOOK_DIM));
		return;
	}
	if (!hv->hits_on) {
		if (i == names + 1 && text_note(app, hv))
			ui_put_cut(app, y, x, w, "Zoeken in de tekst staat uit terwijl "
			           "het huishouden meekijkt (F3).",
			           ui_look(app, UI_LOOK_DIM));
		return;
	}
	if (i == names + 1 && hv->hits_on) {
		struct strbuf sb = {0};

		if (hv->hits_error)
			sb_addf(&sb, "In de tekst: %s", hv->hits_error);
		else if (hv->hits.n == 0)
			sb_add(&sb, hv->n ? "In de tekst: verder niets gevonden" :
			       "In de tekst: niets gevonden");
		else
			sb_addf(&sb, "In de tekst: %s%zu gevonden",
			        hv->hits.more ? "meer dan " : "", hv->hits.n);
		ui_put_cut(app, y, x, w, sb_str(&sb), hv->hits_error ?
		           ui_look(app, UI_LOOK_ERROR) :
		           ui_look(app, UI_LOOK_HEADING));
		sb_free(&sb);
		return;
	}
	if (i < names + 2)
		return;
	e = hv->n + (i - names - 2) / HH_HIT_ROWS;
	if (e < entries(hv)) {
		const struct search_hit *h = &hv->hits.v[e - hv->n];
		int sel = e == hv->cur && !hv->searching;
		attr_t a = sel ? ui_look(app, UI_LOOK_SELECTED) : A_NORMAL;
		size_t first = entry_line(hv, e, &height);

		if (sel)
			ui_fill((struct ui_rect){y, r.x, 1, r.w}, a);
		if (i == first) {
			char *where = hit_where(app, h);

			ui_put_cut(app, y, x, w, where, a);
			free(where);
		} else {
			draw_snippet(app, h, y, x + HH_HIT_INDENT, w - HH_HIT_INDENT,
			             sel ? a : ui_look(app, UI_LOOK_DIM));
		}
		return;
	}
	if (text_note(app, hv))
		ui_put_cut(app, y, x, w, "Er is meer. Typ meer woorden om het te "
		           "verfijnen.", ui_look(app, UI_LOOK_DIM));
}

/* Lines of the whole list. */
static size_t total_lines(struct ui_app *app, const struct ui_hhview *hv)
{
	if (!hv->hits_on)
		return names_lines(hv) + (text_note(app, hv) ? 2 : 0);
	return names_lines(hv) + 2 + hv->hits.n * HH_HIT_ROWS +
	       (text_note(app, hv) ? 1 : 0);
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
	int rows = r.h - HH_HEAD_ROWS, y = r.y, height;
	int cols[6] = {x, namew, xid, xv, xs, xe};
	struct strbuf sb = {0};
	size_t line, total = total_lines(app, hv);

	hv->page = rows;
	/* title and count, or the search line */
	if (hv->searching || hv->query) {
		int used = ui_put(app, y, x, w, "Zoek: ",
		                  ui_look(app, UI_LOOK_HEADING));

		if (hv->searching) {
			ui_edit_draw(app, &hv->search, (struct ui_rect){y, x + used, 1,
			             w / 2}, 1);
		} else {
			ui_put(app, y, x + used, w / 2, hv->query, A_BOLD);
		}
		if (hv->complete && !hv->search_at)
			sb_addf(&sb, "%zu op naam", hv->n);
	} else {
		ui_put(app, y, x, w, "Huishoudens", ui_look(app, UI_LOOK_HEADING));
		if (hv->complete && !hv->hiding)
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
	if (entries(hv) == 0 && (hv->hiding || !hv->query ||
	                         (hv->hits_on && !hv->hits_error))) {
		char *empty;

		if (hv->search_at)
			return; /* a search is coming */
		empty = hv->hiding && hv->query ? xstrdup(
			"Geen huishouden met precies deze naam: terwijl het "
			"huishouden meekijkt, vindt / alleen de hele naam. Zoeken in "
			"de tekst staat uit terwijl het huishouden meekijkt (F3).") :
			hv->hiding ? xstrdup(
			"Het huishouden kijkt mee: de namen van andere huishoudens "
			"zijn verborgen. Zoek met / op de hele naam, of zet F3 uit.") :
			!hv->query ? xstrdup(
			"Er zijn nog geen huishoudens. Druk n om het eerste te maken.") :
			xasprintf("Niets gevonden voor \u201c%s\u201d, niet in de namen en "
			          "niet in de tekst. Esc wist de zoekopdracht.",
			          hv->query);
		ui_put_wrapped(app, (struct ui_rect){y + 1, x, rows - 1, w}, empty,
		               ui_look(app, UI_LOOK_DIM));
		free(empty);
		return;
	}
	/* the cursor's lines on the screen; the heading of the hits with
	 * the first of them */
	if (entries(hv) && hv->cur >= entries(hv))
		hv->cur = entries(hv) - 1;
	line = entries(hv) ? entry_line(hv, hv->cur, &height) : 0;
	if (!entries(hv))
		height = 0;
	if (hv->cur == hv->n && hv->hits.n && line >= 1)
		line--, height++;
	if (hv->cur == 0)
		line = 0;
	if (hv->cur + 1 == entries(hv) && hv->hits_on && text_note(app, hv))
		height++;
	if (line < hv->top)
		hv->top = line;
	if (rows > 0 && line + (size_t)height > hv->top + (size_t)rows)
		hv->top = line + (size_t)height - (size_t)rows;
	if (hv->top > 0 && total < hv->top + (size_t)rows)
		hv->top = total > (size_t)rows ? total - (size_t)rows : 0;
	for (int i = 0; i < rows && hv->top + (size_t)i < total; i++)
		draw_line(app, hv, hv->top + (size_t)i, y + i, r, cols);
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
			hv->cur = hv->top = 0;
			load(app, hv, 0);
		}
		return;
	}
	if (hv->search_at) {
		hv->search_at = app->now;
		ui_households_tick(app);
	}
}

/*
 * The item a comment is on, in session: its stage (review_target_stage),
 * section and "_id" (a TOP-3 rank or a ref; NULL for a comment on a
 * whole section). -1 when the target is gone or is no stage's.
 */
static int comment_target(struct ui_app *app, struct doc_node *sess,
                          const char *on, const char **section,
                          const char **id)
{
	static const char *const lists[] = {"statements", "factors",
	                                    "hypotheses", "plan"};
	int stage = review_target_stage(&app->fs, sess, on);
	const struct form_section *fsec;

	*id = NULL;
	*section = NULL;
	if (stage < 0 || stage > 5)
		return -1;
	for (size_t k = 0; k < sizeof lists / sizeof *lists + 1; k++) {
		int top3 = k == sizeof lists / sizeof *lists;
		const char *sec = top3 ? "top3" : lists[k];
		struct doc_node *l = casedoc_list(app->cs.doc, sess, sec, 0);

		if (top3 && !str_has_prefix(on, "top3/"))
			break;
		for (size_t i = 0; l && l->type == DOC_SEQ && i < l->len; i++)
			if (str_eq(doc_map_str(l->item[i], top3 ? "rank" : "ref"),
			           top3 ? on + 5 : on)) {
				*section = sec;
				*id = doc_map_str(l->item[i], STORE_ITEM_ID);
				return stage;
			}
	}
	fsec = formset_section(&app->fs, on);
	*section = fsec ? fsec->key : NULL;
	return stage;
}

/* The cursor of the view on top on an item (see ui_view_ops.select). */
static void select_on_top(struct ui_app *app, const char *section,
                          const char *item_id, const char *key)
{
	struct ui_view *v = app->top;

	if (v && v->ops->select)
		(void)v->ops->select(app, v, section, item_id, key);
}

/*
 * Enter on a hit: open its household; a hit in the household or a member
 * stays on the household screen with the cursor on it; an item opens its
 * session at its stage with the cursor on it; a comment opens the stage
 * and item it is on. A review, or a comment whose item is gone: the
 * household screen on that version.
 */
static void open_hit(struct ui_app *app, const struct search_hit *hit)
{
	char hh[UUID_STR_LEN], sid[UUID_STR_LEN], num[32];
	const char *section = hit->section, *item = NULL, *key = NULL;
	struct doc_node *sess;
	int stage = hit->stage, version = hit->version;

	snprintf(hh, sizeof hh, "%s", hit->household_id);
	snprintf(sid, sizeof sid, "%s", hit->session_id);
	if (hit->item_id) {
		snprintf(num, sizeof num, "%ld", hit->item_id);
		item = num;
	} else {
		key = hit->field;
	}
	if (str_eq(section, "comments"))
		key = NULL;
	if (ui_app_open_household(app, hh) != 0)
		return;
	if (!sid[0]) {
		select_on_top(app, section, item, key);
		return;
	}
	sess = casedoc_session(app->cs.doc, version);
	if (!sess || !str_eq(doc_map_str(sess, "id"), sid)) {
		ui_error(app, "Versie %d is er niet meer.", version);
		return;
	}
	if (str_eq(section, "comments")) {
		char *on = xstrdup(hit->item);

		stage = comment_target(app, sess, on, &section, &item);
		free(on);
	}
	if (stage < 0 || stage > 5) {
		select_on_top(app, "sessions", sid, NULL);
		return;
	}
	ui_session_open_at(app, sid, stage, section, item, key);
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
		if (hv->cur + 1 < entries(hv))
			hv->cur++;
		return 1;
	case UI_A_PGUP:
		hv->cur = hv->cur > (size_t)page ? hv->cur - (size_t)page : 0;
		return 1;
	case UI_A_PGDN:
		load_all(app, hv);
		hv->cur = hv->cur + (size_t)page < entries(hv) ?
		          hv->cur + (size_t)page : entries(hv) ? entries(hv) - 1 : 0;
		return 1;
	case UI_A_TOP:
		hv->cur = 0;
		return 1;
	case UI_A_BOTTOM:
		load_all(app, hv);
		hv->cur = entries(hv) ? entries(hv) - 1 : 0;
		return 1;
	case UI_A_OPEN:
		if (hv->cur < hv->n) {
			char *id = xstrdup(arena_str(hv, hv->rows[hv->cur].id));

			free(hv->opened);
			hv->opened = xstrdup(id);
			ui_app_open_household(app, id);
			free(id);
		} else if (hv->cur < entries(hv)) {
			open_hit(app, &hv->hits.v[hv->cur - hv->n]);
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

	/* the household watches (F3) or stopped: hits go or come back */
	if (app->cfg.household_view ? hv->hits_on : hv->query && !hv->hits_on)
		load(app, hv, 0);
	/* back from a household: its name or status may have changed */
	if (app->top == v && app->cs.id[0]) {
		free(hv->want);
		/* back from a hit: the cursor stays on it */
		hv->want = hv->cur < hv->n ? xstrdup(app->cs.id) : NULL;
		free(hv->opened);
		hv->opened = xstrdup(app->cs.id);
		ui_case_close(app);
		load(app, hv, 0);
	} else if (hv->hiding != app->cfg.household_view) {
		load(app, hv, 0);  /* F3: hide or show the other households */
	}
}

/* The help line of the list. */
static const char *hh_help(struct ui_app *app, struct ui_view *v)
{
	struct ui_hhview *hv = (struct ui_hhview *)v;

	(void)app;
	if (hv->hiding)
		return "Het huishouden kijkt mee: alleen het huishouden dat open "
		       "was staat hier. Een ander vind je met / en de hele naam.";
	if (hv->searching)
		return "Typ een deel van een naam, of woorden uit wat er in de "
		       "huishoudens getypt is; accenten tellen niet. Enter of \u2193 "
		       "gaat naar wat gevonden is, Esc wist de zoekopdracht.";
	if (hv->cur >= hv->n && hv->cur < entries(hv))
		return "Enter opent dit punt: het huishouden, bij de stap waar het "
		       "staat, met het punt gekozen. Esc wist de zoekopdracht.";
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
