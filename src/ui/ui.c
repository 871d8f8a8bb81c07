/*
 * ui.c - the app of duo's screens: terminal set-up, the view stack, one
 * key at a time through the keymap, the frame (title, help line, status
 * line, key bar), timers, and ui_main with its loop and signals.
 *
 * The loop reads a key with a timeout of UI_TICK_MS so that the timers
 * (autosave, looking for another duo's changes) run while nobody types.
 * A burst of keys (a paste) is handled completely before the screen is
 * drawn again. Ctrl-C is a key (raw mode) that saves and quits; SIGHUP,
 * SIGTERM and SIGINT set a flag on which the loop saves and ends.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "audience.h"
#include "ui_impl.h"

#define UI_ESC_DELAY_MS 25   /* how long Esc waits for a key sequence */
#define UI_DEAD_TTY_ERRS 50  /* immediate read errors before checking */
#define PASTE_ON  "\033[?2004h"
#define PASTE_OFF "\033[?2004l"

static volatile sig_atomic_t ui_signalled;

/* See ui_impl.h. */
long long ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the view stack ----------------------------------------------------------- */

void ui_view_push(struct ui_app *app, struct ui_view *v)
{
	v->below = app->top;
	v->gen = 0;
	app->top = v;
}

/* See ui_impl.h. */
void ui_view_pop(struct ui_app *app)
{
	struct ui_view *v = app->top;

	if (!v)
		return;
	app->top = v->below;
	if (v == app->households)
		app->households = NULL;
	v->ops->free(app, v);
	if (app->top && app->top->ops->reload)
		app->top->ops->reload(app, app->top);
}

/* See ui_impl.h. */
void ui_view_replace(struct ui_app *app, struct ui_view *v)
{
	struct ui_view *old = app->top;

	if (old) {
		app->top = old->below;
		old->ops->free(app, old);
	}
	ui_view_push(app, v);
}

/* See ui_impl.h. */
struct ui_view *ui_view_top(struct ui_app *app)
{
	return app->top;
}

/* See ui_impl.h. */
int ui_item_visible(struct ui_app *app, const char *section,
                    const struct doc_node *item)
{
	if (!app->cfg.household_view)
		return 1;
	return audience_household_row(&app->fs, app->cs.doc,
	                              ui_case_session(app), section, item);
}

/* See ui_impl.h. */
int ui_ref_visible(struct ui_app *app, const char *section, const char *key,
                   const char *value)
{
	const struct form_section *s = formset_section(&app->fs, section);
	const struct form_field *f = s ? form_section_field(s, key) : NULL;

	if (!app->cfg.household_view)
		return 1;
	return f && audience_household_field(&app->fs, section, key) &&
	       audience_household_ref(&app->fs, app->cs.doc,
	                              ui_case_session(app), f, value);
}

/* See ui_impl.h. */
int ui_field_visible(struct ui_app *app, const char *section,
                     const char *key)
{
	if (!app->cfg.household_view)
		return 1;
	return audience_household_field(&app->fs, section, key);
}

/* See ui_impl.h. */
int ui_household_view_locked(struct ui_app *app, int tell)
{
	if (!app->cfg.household_view)
		return 0;
	if (tell)
		ui_status(app, "Het huishouden kijkt mee: je kunt nu alleen "
		          "lezen. F3 zet het uit.");
	return 1;
}

/* 1 for the views that may show more than the list under them: an item's
 * form, a dialog, the help screen, the audit trail, the differences with
 * another version. */
static int view_above_list(const struct ui_view *v)
{
	return str_eq(v->ops->name, "form") || str_eq(v->ops->name, "dialog") ||
	       str_eq(v->ops->name, "help") || str_eq(v->ops->name, "log") ||
	       str_eq(v->ops->name, "diff");
}

/* See ui_impl.h. */
void ui_household_view_toggle(struct ui_app *app)
{
	struct diags d = {0};

	ui_app_flush(app);
	while (app->top && app->top->below && view_above_list(app->top))
		ui_view_pop(app);
	app->cfg.household_view = !app->cfg.household_view;
	app->cs.gen++;
	ui_case_refresh_views(app);
	if (config_save(&app->cfg, &d) != 0)
		ui_error(app, "De instelling is niet bewaard: %s",
		         d.n ? d.v[0].msg : "onbekende fout");
	else if (app->cfg.household_view)
		ui_status(app, "Het huishouden kijkt mee: vertrouwelijke punten "
		          "zijn verborgen. F3 zet het uit.");
	else
		ui_status(app, "Het huishouden kijkt niet meer mee: alles is "
		          "weer te zien.");
	diags_free(&d);
}

/* See ui_impl.h. */
int ui_household_view_refuses(struct ui_app *app, const struct ui_view *v,
                              enum ui_action a, int tell)
{
	if (!app->cfg.household_view || str_eq(v->ops->name, "households"))
		return 0;
	switch (a) {
	case UI_A_NEW:
	case UI_A_DELETE:
	case UI_A_UNDO:
	case UI_A_NEW_SESSION:
	case UI_A_MOVE_LEFT:
	case UI_A_MOVE_RIGHT:
	case UI_A_RANK_UP:
	case UI_A_RANK_DOWN:
	case UI_A_PROMOTE:
		return ui_household_view_locked(app, tell);
	default:
		return 0;
	}
}

/* ---- layout ---------------------------------------------------------------------- */

struct ui_rect ui_body_rect(struct ui_app *app)
{
	(void)app;
	return (struct ui_rect){UI_TITLE_ROWS, 0, LINES - UI_TITLE_ROWS -
	                        UI_HELP_ROWS - UI_STATUS_ROWS - UI_KEYBAR_ROWS,
	                        COLS};
}

/* See ui_impl.h. */
int ui_sidebar_width(struct ui_app *app)
{
	int w = COLS / UI_SIDEBAR_PART;

	(void)app;
	if (w < UI_SIDEBAR_MIN)
		w = UI_SIDEBAR_MIN;
	if (w > UI_SIDEBAR_MAX)
		w = UI_SIDEBAR_MAX;
	return w;
}

/* ---- drawing ---------------------------------------------------------------------- */

static void draw_too_small(struct ui_app *app)
{
	char *msg = xasprintf("Venster te klein (nu %d\u00d7%d, nodig %d\u00d7%d)",
	                      COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
	int w = ui_width(msg);

	ui_put(app, LINES / 2, w < COLS ? (COLS - w) / 2 : 0, COLS, msg,
	       A_NORMAL);
	free(msg);
}

/* The title bar: household, session and status; the user on the right. */
static void draw_title(struct ui_app *app)
{
	struct strbuf sb = {0}, who = {0};
	struct doc_node *hh = doc_map_get(app->cs.doc, "household");
	struct doc_node *sess = ui_case_session(app);
	int x = UI_PAD, w;

	sb_add(&sb, "duo");
	if (app->cs.doc) {
		sb_add(&sb, "  ");
		sb_add(&sb, doc_map_str(hh, "name") ? doc_map_str(hh, "name") :
		       "(zonder naam)");
	}
	if (sess && ui_session_stage(app) >= 0) {
		const struct form_section *ss = formset_section(&app->fs, "sessions");
		const struct form_field *st = ss ? form_section_field(ss, "status")
		                                 : NULL;
		const char *status = ui_field_visible(app, "sessions", "status") ?
		                     doc_map_str(sess, "status") : NULL;
		const struct form_choice *c = st && status ?
		                              form_field_choice(st, status) : NULL;

		sb_addf(&sb, " %s versie %s", ui_glyph(app, UI_G_ARROW),
		        doc_map_str(sess, "version") ? doc_map_str(sess, "version")
		                                     : "?");
		if (status)
			sb_addf(&sb, " (%s)", c ? c->label : status);
		if (ui_case_locked(app, 0))
			sb_add(&sb, " \u2013 alleen lezen");
	}
	if (app->cfg.household_view) {
		/* the banner takes the place of who is working */
		sb_add(&who, "HUISHOUDEN KIJKT MEE");
	} else if (app->user) {
		sb_add(&who, app->user);
		if (app->cfg.role)
			sb_addf(&who, "%s%s", ui_glyph(app, UI_G_SEP),
			        config_role_label(app->cfg.role));
	}
	w = ui_width(sb_str(&who));
	/* the version's state ("alleen lezen") goes before who is working */
	if (w && !app->cfg.household_view &&
	    ui_width(sb_str(&sb)) > COLS - 2 * UI_PAD - w - 2)
		w = 0;
	x += ui_put_cut(app, 0, x, COLS - 2 * UI_PAD - w - 2, sb_str(&sb),
	                ui_look(app, UI_LOOK_TITLE));
	if (w && x + 2 + w < COLS)
		ui_put(app, 0, COLS - UI_PAD - w, w, sb_str(&who),
		       ui_look(app, app->cfg.household_view ? UI_LOOK_TAG :
		               UI_LOOK_DIM));
	sb_free(&sb);
	sb_free(&who);
}

/* Draw one view (not its modal parents) in the body. */
static void draw_view(struct ui_app *app, struct ui_view *v)
{
	struct ui_rect body = ui_body_rect(app);

	if (v->ops->flags & UI_VIEW_FULL)
		body.h += UI_HELP_ROWS;
	if (v->ops->flags & UI_VIEW_SIDEBAR) {
		int sw = ui_sidebar_width(app);

		ui_sidebar_draw(app, (struct ui_rect){body.y, 0, body.h, sw},
		                ui_session_stage(app));
		ui_vline(app, body.y, sw, body.h, ui_look(app, UI_LOOK_FRAME));
		v->ops->draw(app, v, (struct ui_rect){body.y, sw + 1, body.h,
		             body.w - sw - 1});
	} else {
		v->ops->draw(app, v, body);
	}
}

/* Whether everything is saved, for the right of the status line, and
 * its look; NULL outside a household. */
static const char *save_state(struct ui_app *app, enum ui_look *look)
{
	*look = UI_LOOK_DIM;
	if (!app->cs.doc)
		return NULL;
	if (app->cs.save_failed) {
		*look = UI_LOOK_ERROR;
		return "NIET BEWAARD";
	}
	if (app->cs.dirty || (app->edit && app->edit->pending))
		return "wordt bewaard";
	return "bewaard";
}

/* Columns for text on the status line, left of the save state. */
static int status_room(struct ui_app *app)
{
	enum ui_look look;
	const char *state = save_state(app, &look);

	return COLS - 2 * UI_PAD - (state ? ui_width(state) + 2 : 0);
}

/* The help line above the status line: the help of what is selected, in
 * its rows; a longer help takes the status line too while no message is
 * on it (in the columns left of the save state). */
static void draw_help(struct ui_app *app, int y, const char *help)
{
	struct ui_rect r = {y, UI_PAD, UI_HELP_ROWS, COLS - 2 * UI_PAD};

	if (!app->status && ui_wrapped_rows(help, r.w, 0) > UI_HELP_ROWS) {
		r.h += UI_STATUS_ROWS;
		r.w = status_room(app);
	}
	ui_put_wrapped(app, r, help, ui_look(app, UI_LOOK_DIM));
}

/* The status line, with the save state on the right. A message longer
 * than the line takes the help rows above it too, ending on the status
 * line. */
static void draw_status(struct ui_app *app, int y)
{
	enum ui_look look;
	const char *state = save_state(app, &look);
	int room = status_room(app);

	if (app->status) {
		attr_t a = ui_look(app, app->status_error ? UI_LOOK_ERROR :
		                   UI_LOOK_NORMAL);
		int rows = ui_wrapped_rows(app->status, room,
		                           UI_HELP_ROWS + UI_STATUS_ROWS);

		if (rows > UI_STATUS_ROWS)
			ui_fill((struct ui_rect){y - UI_HELP_ROWS, 0, UI_HELP_ROWS,
			        COLS}, A_NORMAL);
		ui_put_wrapped(app, (struct ui_rect){y - rows + 1, UI_PAD, rows,
		               room}, app->status, a);
	}
	if (state)
		ui_put(app, y, COLS - UI_PAD - ui_width(state), ui_width(state),
		       state, ui_look(app, look));
}

/* See ui.h. */
void ui_app_draw(struct ui_app *app)
{
	struct ui_view *chain[64];
	size_t n = 0;
	const char *help = NULL;
	int help_y = LINES - UI_KEYBAR_ROWS - UI_STATUS_ROWS - UI_HELP_ROWS;

	app->cur_y = app->cur_x = -1;
	erase();
	app->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
	if (app->too_small) {
		draw_too_small(app);
		curs_set(0);
		refresh();
		return;
	}
	/* the top view and the modal ones it sits on, bottom first */
	for (struct ui_view *v = app->top; v && n < sizeof chain / sizeof *chain;
	     v = v->below) {
		chain[n++] = v;
		if (!(v->ops->flags & UI_VIEW_MODAL))
			break;
	}
	draw_title(app);
	while (n-- > 0) {
		/* only the top view may show the text cursor (not a form under
		 * a dialog) */
		app->cur_y = app->cur_x = -1;
		draw_view(app, chain[n]);
		if (chain[n]->ops->help)
			help = chain[n]->ops->help(app, chain[n]);
	}
	if (help && app->top && !(app->top->ops->flags & UI_VIEW_FULL))
		draw_help(app, help_y, help);
	draw_status(app, LINES - UI_KEYBAR_ROWS - UI_STATUS_ROWS);
	ui_keybar_draw(app, LINES - UI_KEYBAR_ROWS, app->top);
	if (app->cur_y >= 0) {
		curs_set(1);
		move(app->cur_y, app->cur_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- keys -------------------------------------------------------------------------- */

static void quit_now(struct ui_app *app)
{
	ui_app_flush(app);
	app->quit = 1;
}

/* After a key: text typed but not yet in the document starts the save
 * timers like a change does. */
static void typed(struct ui_app *app)
{
	if (app->edit && app->edit->pending && app->cs.doc) {
		if (!app->cs.first_change)
			app->cs.first_change = app->now;
		app->cs.changed_at = app->now;
	}
}

/* See ui.h. */
int ui_app_key(struct ui_app *app, int key)
{
	struct ui_view *v = app->top;
	enum ui_scope scopes[UI_SCOPES_MAX];
	enum ui_action a;
	int n;

	app->now = ui_now_ms();
	key = ui_key_normalize(key);
	if (key == UI_KEY_RESIZE)
		return app->quit;
	if (key == UI_KEY_PASTE_BEGIN || key == UI_KEY_PASTE_END) {
		app->pasting = key == UI_KEY_PASTE_BEGIN;
		return app->quit;
	}
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		/* nothing but quitting while the screen cannot show the work */
		if (key == UI_KEY_CTRL('c'))
			quit_now(app);
		return app->quit;
	}
	if (!v)
		return 1;
	if (!app->cs.save_failed) {
		free(app->status);
		app->status = NULL;
	}
	if (v->typing && app->pasting && (key == UI_KEY_ENTER ||
	                                  key == UI_KEY_TAB)) {
		if (v->ops->text)
			v->ops->text(app, v, key == UI_KEY_ENTER ? '\n' : ' ');
		typed(app);
		return app->quit;
	}
	if (v->typing && ui_key_printable(key) && v->ops->text &&
	    v->ops->text(app, v, key)) {
		typed(app);
		return app->quit;
	}
	n = v->ops->scopes(app, v, scopes);
	a = ui_keymap_lookup(scopes, n, key);
	if (a != UI_A_NONE && ui_household_view_refuses(app, v, a, 1)) {
		/* refused, the message is on the status line */
	} else if (a != UI_A_NONE) {
		if (!v->ops->action || !v->ops->action(app, v, a, key)) {
			switch (a) {
			case UI_A_HELP:
				ui_view_push(app, ui_help_new(app, v));
				break;
			case UI_A_QUIT_NOW:
				quit_now(app);
				break;
			case UI_A_REDRAW:
				clearok(curscr, TRUE);
				break;
			case UI_A_HOUSEHOLD_VIEW:
				ui_household_view_toggle(app);
				break;
			default:
				break;
			}
		}
	} else if (ui_key_printable(key) && v->ops->text) {
		v->ops->text(app, v, key);
	}
	typed(app);
	return app->quit;
}

/* See ui.h. */
void ui_app_tick(struct ui_app *app)
{
	app->now = ui_now_ms();
	if (!app->store)
		return;
	ui_case_tick(app);
	ui_households_tick(app);
}

/* See ui.h. */
int ui_app_flush(struct ui_app *app)
{
	app->now = ui_now_ms();
	return ui_case_save(app);
}

/* ---- opening ---------------------------------------------------------------------- */

/* Key sequences ncurses may not know from terminfo. */
static const struct {
	const char *seq;
	int code;
} extra_keys[] = {
	{"\033[1;5D", UI_KC_CTRL_LEFT}, {"\033[1;5C", UI_KC_CTRL_RIGHT},
	{"\033[1;5A", UI_KC_CTRL_UP}, {"\033[1;5B", UI_KC_CTRL_DOWN},
	{"\033[1;3D", UI_KC_ALT_LEFT}, {"\033[1;3C", UI_KC_ALT_RIGHT},
	{"\033[5D", UI_KC_CTRL_LEFT}, {"\033[5C", UI_KC_CTRL_RIGHT},
	{"\033Od", UI_KC_CTRL_LEFT}, {"\033Oc", UI_KC_CTRL_RIGHT},
	{"\033[1;5H", UI_KC_CTRL_HOME}, {"\033[1;5F", UI_KC_CTRL_END},
	{"\033[3;5~", UI_KC_CTRL_DEL},
	{"\033[200~", UI_KC_PASTE_BEGIN}, {"\033[201~", UI_KC_PASTE_END},
	{"\033[Z", KEY_BTAB},
};

/* Keys, timeouts, colours and glyphs for the terminal. */
static void term_setup(struct ui_app *app)
{
	const char *term = getenv("TERM");
	const char *nc = getenv("NO_COLOR");

	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(UI_TICK_MS);
	set_escdelay(UI_ESC_DELAY_MS);
	curs_set(0);
	for (size_t i = 0; i < sizeof extra_keys / sizeof *extra_keys; i++)
		define_key(extra_keys[i].seq, extra_keys[i].code);
	app->colors = str_empty(nc) && has_colors();
	app->ascii = !term || str_has_prefix(term, "linux") ||
	             str_has_prefix(term, "vt") || str_has_prefix(term, "dumb") ||
	             !tigetstr("acsc") || tigetstr("acsc") == (char *)-1;
	ui_draw_init(app);
}

/* Open the database as the user and show the household list. */
static int app_start(struct ui_app *app, struct diags *d)
{
	if (app->store)
		store_close(app->store);
	app->store = store_open(app->db_path, app->user, d);
	if (!app->store)
		return -1;
	store_set_role(app->store, app->cfg.role);
	app->households = ui_households_new(app);
	ui_view_push(app, app->households);
	return 0;
}

/* Called by the first-start screen once name and role are known. */
int ui_app_started(struct ui_app *app)
{
	struct diags d = {0};
	int rc;

	free(app->user);
	app->user = xstrdup(app->cfg.user);
	rc = app_start(app, &d);
	if (rc != 0)
		ui_message(app, "De database is niet te openen",
		           d.n ? d.v[0].msg : app->db_path);
	diags_free(&d);
	return rc;
}

/* See ui.h. */
struct ui_app *ui_app_open(const struct ui_options *opts, struct diags *d)
{
	struct ui_app *app = xcalloc(1, sizeof *app);
	struct diags cd = {0};

	app->db_path = xstrdup(opts->db_path);
	app->forms_dir = xstrdup(opts->forms_dir);
	app->data_dir = opts->data_dir ? xstrdup(opts->data_dir) : NULL;
	app->now = ui_now_ms();
	if (formset_load(&app->fs, app->forms_dir, d) != 0) {
		if (d->n == 0)
			diag_add(d, app->forms_dir, 0, 0, "de formulieren zijn niet "
			         "te lezen");
		ui_app_close(app);
		return NULL;
	}
	if (config_load(&app->cfg, &cd) != 0 && cd.n)
		ui_error(app, "%s", cd.v[0].msg);
	diags_free(&cd);
	date_today(app->today);
	term_setup(app);
	if (!str_empty(app->cfg.user)) {
		app->user = xstrdup(app->cfg.user);
		if (app_start(app, d) != 0) {
			ui_app_close(app);
			return NULL;
		}
	} else {
		/* check the database now, with the name asked for later */
		struct store *s = store_open(app->db_path, "onbekend", d);

		if (!s) {
			ui_app_close(app);
			return NULL;
		}
		store_close(s);
		ui_firstrun_start(app);
	}
	return app;
}

/* See ui.h. */
int ui_app_open_household(struct ui_app *app, const char *id)
{
	struct diags d = {0};

	if (!app->store)
		return -1;
	while (app->top && app->top != app->households)
		ui_view_pop(app);
	if (ui_case_open(app, id, &d) != 0) {
		ui_error(app, "%s", d.n ? d.v[0].msg : "niet gevonden");
		diags_free(&d);
		return -1;
	}
	ui_view_push(app, ui_household_new(app));
	return 0;
}

/* See ui.h. */
int ui_app_open_session(struct ui_app *app, int version, int stage)
{
	struct doc_node *sess;

	if (!app->cs.doc || stage < 0 || stage > 5)
		return -1;
	sess = casedoc_session(app->cs.doc, version);
	if (!sess || !doc_map_str(sess, "id"))
		return -1;
	ui_session_open(app, doc_map_str(sess, "id"), stage);
	return 0;
}

/* See ui.h. */
void ui_app_close(struct ui_app *app)
{
	if (!app)
		return;
	app->now = ui_now_ms();
	while (app->top)
		ui_view_pop(app);
	if (app->store)
		ui_case_close(app);
	if (app->store)
		store_close(app->store);
	formset_free(&app->fs);
	config_free(&app->cfg);
	free(app->feed);
	free(app->status);
	free(app->db_path);
	free(app->forms_dir);
	free(app->data_dir);
	free(app->user);
	free(app->save_dir);
	free(app);
}

/* ---- the real program ---------------------------------------------------------------- */

static void on_signal(int sig)
{
	ui_signalled = sig;
}

/* SIGHUP, SIGTERM and SIGINT end the loop (after saving); SIGPIPE is
 * ignored. */
static void signals_setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* 1 when the keymap binds Alt plus ch. */
static int alt_bound(int ch)
{
	for (size_t k = 0; k < ui_keymap_len; k++)
		if (ui_keymap[k].key == UI_KEY_ALT(ch))
			return 1;
	return 0;
}

/* The next key, or -1 when none came (within UI_TICK_MS, or at once when
 * !wait). Alt plus a key arrives as Esc and the key. */
static int read_key(int wait)
{
	wint_t wch;
	int rc;

	timeout(wait ? UI_TICK_MS : 0);
	rc = get_wch(&wch);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES)
		return UI_KEY_FN((int)wch);
	if (wch == UI_KEY_ESC) {
		/* Alt-b arrives as Esc b; only keys the keymap binds with Alt
		 * are taken that way, so Esc followed quickly by another key
		 * (a script, a fast typist) stays Esc and that key */
		wint_t w2;

		timeout(0);
		rc = get_wch(&w2);
		if (rc == OK && alt_bound((int)w2))
			return UI_KEY_ALT((int)w2);
		if (rc == KEY_CODE_YES)
			ungetch((int)w2);
		else if (rc == OK)
			unget_wch(w2);
	}
	return (int)wch;
}

/* Load $DUO_KEYS (or opts->keys_file) into app->feed. */
static int load_feed(struct ui_app *app, const char *path)
{
	struct diags d = {0};
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "duo: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	if (ui_keys_parse(path, sb_str(&sb), &app->feed, &app->nfeed, &d) != 0) {
		diags_print(stderr, &d);
		diags_free(&d);
		sb_free(&sb);
		return -1;
	}
	sb_free(&sb);
	return 0;
}

/* 1 when the locale's character set is UTF-8. */
static int utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* See ui.h. */
int ui_main(const struct ui_options *opts)
{
	struct diags d = {0};
	struct ui_app *app;
	const char *keys = opts->keys_file ? opts->keys_file : getenv("DUO_KEYS");
	SCREEN *scr;
	int quit = 0, fast_errors = 0, paste = 0;

	setlocale(LC_ALL, "");
	if (!utf8_locale()) {
		fputs("duo heeft een UTF-8-omgeving nodig; zet bijvoorbeeld "
		      "LANG=C.UTF-8\n", stderr);
		return 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("duo: het schermprogramma heeft een terminal nodig; zie "
		      "duo --help voor de opdrachten\n", stderr);
		return 2;
	}
	signals_setup();
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "duo: deze terminal is niet te gebruiken "
		        "(TERM=%s)\n", getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	set_term(scr);
	app = ui_app_open(opts, &d);
	if (!app) {
		endwin();
		delscreen(scr);
		diags_print(stderr, &d);
		diags_free(&d);
		return 1;
	}
	if (!str_empty(keys) && load_feed(app, keys) != 0) {
		ui_app_close(app);
		endwin();
		delscreen(scr);
		return 1;
	}
	ui_app_draw(app);
	/* bracketed paste: a pasted newline is text, never Enter (after the
	 * first draw, so that switching screens does not undo it) */
	paste = !app->ascii;
	if (paste) {
		fputs(PASTE_ON, stdout);
		fflush(stdout);
	}
	while (!quit && !ui_signalled) {
		long long t0 = ui_now_ms();
		int key = app->ifeed < app->nfeed ? app->feed[app->ifeed++] :
		          read_key(1);

		if (ui_signalled)
			break;
		if (key >= 0) {
			fast_errors = 0;
			quit = ui_app_key(app, key);
		} else if (ui_now_ms() - t0 < UI_TICK_MS / 2 &&
		           ++fast_errors > UI_DEAD_TTY_ERRS) {
			struct termios t;

			if (tcgetattr(STDIN_FILENO, &t) != 0)
				break;  /* the terminal is gone */
			fast_errors = 0;
		}
		/* a burst (a paste) is handled whole before drawing */
		while (!quit && !ui_signalled && app->ifeed >= app->nfeed &&
		       (key = read_key(0)) >= 0)
			quit = ui_app_key(app, key);
		ui_app_tick(app);
		if (!quit)
			ui_app_draw(app);
	}
	ui_app_flush(app);
	endwin();
	if (paste) {
		fputs(PASTE_OFF, stdout);
		fflush(stdout);
	}
	ui_app_close(app);
	delscreen(scr);
	diags_free(&d);
	return 0;
}
