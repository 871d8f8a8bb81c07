/*
 * ui.h - the full-screen program of duo (ncursesw): the household list, the
 * household, and the walk through one session, stage by stage.
 *
 * The screens are a thin layer over the core: they hold one household as a
 * case document (casedoc.h), change it only through casedoc, and save it
 * whole with store_save_case at most a second after typing stops. Nothing
 * under src/ui knows SQL or YAML.
 *
 * Two ways in:
 *   ui_main()     the real program: checks the locale, starts curses on the
 *                 terminal, runs the loop until the user quits, saves, and
 *                 ends curses. What `duo` without a command runs.
 *   ui_app_*()    the same program without a loop, for tests and the
 *                 benchmark: the caller makes a curses SCREEN (newterm() on
 *                 a pty or /dev/null, set_term), opens the app, feeds keys
 *                 with ui_app_key, runs timers with ui_app_tick and draws
 *                 with ui_app_draw.
 *
 * Deterministic output: nothing on screen depends on the clock except dates
 * derived from date_today() ($DUO_TODAY overrides) and the audit times
 * ($DUO_NOW). $DUO_USER / $DUO_ROLE skip the first-start questions. $NO_COLOR
 * (any value) turns colours off. $DUO_KEYS names a file of keys that is fed
 * before the keyboard is read (see ui_keys_parse in ui_impl.h for the
 * syntax).
 */
#ifndef DUO_UI_H
#define DUO_UI_H

#include "util.h"

struct ui_options {
	const char *db_path;    /* the database; required */
	const char *forms_dir;  /* the directory with the forms; required */
	const char *data_dir;   /* the data directory (paths.h): the wording
	                           of the household summary; may be NULL */
	const char *keys_file;  /* NULL, or a file of key names to feed first;
	                           ui_main falls back to $DUO_KEYS */
};

/*
 * Key codes of ui_app_key: a character is its Unicode code point (control
 * characters included: 13 is Enter, 27 is Esc, 3 is Ctrl-C); a function key
 * of ncurses is UI_KEY_FN(KEY_UP) and so on; Alt plus a character is
 * UI_KEY_ALT(ch).
 */
#define UI_KEY_FN_BIT   0x01000000
#define UI_KEY_ALT_BIT  0x02000000
#define UI_KEY_FN(code) (UI_KEY_FN_BIT | (code))
#define UI_KEY_ALT(ch)  (UI_KEY_ALT_BIT | (ch))
#define UI_KEY_CTRL(ch) ((ch) & 0x1f)

struct ui_app;

/*
 * Open the program on the database and forms of opts, drawing on the
 * current curses screen (stdscr must exist). Loads the forms and the user's
 * configuration; when the name is not yet known (no config file, no
 * $DUO_USER) the first screen asks it. Returns NULL after a diagnostic.
 */
struct ui_app *ui_app_open(const struct ui_options *opts, struct diags *d);
/* Draw the whole screen (only what changed reaches the terminal) and
 * refresh it. */
void ui_app_draw(struct ui_app *app);
/* Handle one key. Returns 1 when the program should end (after quitting,
 * everything is saved), 0 otherwise. */
int ui_app_key(struct ui_app *app, int key);
/* Run the timers: save typed text after a second of quiet (at least every
 * five seconds while typing), notice changes saved by another duo. Call it
 * every 100..200 ms. */
void ui_app_tick(struct ui_app *app);
/* Put what is being typed into the document and save it now. 0, or -1 when
 * saving failed (the reason is on the status line). */
int ui_app_flush(struct ui_app *app);
/* Open the household screen of this household id (as Enter on the list
 * does). 0, or -1 when it does not exist. */
int ui_app_open_household(struct ui_app *app, const char *id);
/* Open the session walk at stage 0..5 of the household's session with this
 * version (0: the highest). 0, or -1. */
int ui_app_open_session(struct ui_app *app, int version, int stage);
/* Save and free everything; curses is left to the caller. */
void ui_app_close(struct ui_app *app);

/*
 * The real program: refuse a non-UTF-8 locale (a Dutch message on stderr,
 * exit status 1), start curses, run until the user quits or the terminal
 * goes away (SIGHUP, SIGTERM: typed text is saved first), end curses.
 * Returns the exit status for main (0, or 1 after a message on stderr).
 * The caller has already called setlocale(LC_ALL, "").
 */
int ui_main(const struct ui_options *opts);

#endif
