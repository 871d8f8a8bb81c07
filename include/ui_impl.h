/*
 * ui_impl.h - what the files of src/ui share: the app, the view machinery,
 * the keymap, drawing helpers and the small widgets the screens are built
 * from. Not for use outside src/ui (tests and the benchmark use ui.h).
 *
 * Shape (after tig and htop):
 *   ui.c              the app: terminal setup, the loop, key feed, signals
 *   ui_case.c         the open household: load, save, undo, merge, conflicts
 *   keymap.c          THE keymap table; lookup, key names, help and key bar
 *   draw.c            colours, glyphs, text drawing, the frame around views
 *   widget_list.c     a list of rows (headings, fields, items, "+ new" rows)
 *   widget_field.c    field values as text, and the text field editor
 *   widget_form.c     the form of one item: every field of its section
 *   widget_dialog.c   message, confirm, pick one, pick many, prompt, scores
 *   screen_*.c        household list, household, session sidebar, help,
 *                     first start, the team lead's overview, the audit
 *                     trail of a household (log), and the differences
 *                     with another version beside a session (diff)
 *   stage_*.c         the main panel of each stage of a session
 *
 * Every screen is a view on one stack (struct ui_view); dialogs are modal
 * views on the same stack. A key goes to the top view: printable keys to
 * its text field when it is typing, everything else through the keymap of
 * the scopes the view names, so the help screen and the key bar, which are
 * generated from the same table and scopes, always say what a key does.
 */
#ifndef DUO_UI_IMPL_H
#define DUO_UI_IMPL_H

#include <curses.h>
#include <stddef.h>

#include "casedoc.h"
#include "config.h"
#include "doc.h"
#include "review.h"
#include "form.h"
#include "store.h"
#include "textedit.h"
#include "ui.h"
#include "util.h"

/* ---- layout ------------------------------------------------------------ */

#define UI_MIN_COLS      80   /* below this the screen asks for more room */
#define UI_MIN_ROWS      24
#define UI_TITLE_ROWS    1    /* title bar at the top */
#define UI_HELP_ROWS     2    /* help text of what is selected */
#define UI_STATUS_ROWS   1    /* messages, save state */
#define UI_KEYBAR_ROWS   1    /* the main keys of this screen */
#define UI_SIDEBAR_MIN   26   /* the stage sidebar of a session */
#define UI_SIDEBAR_MAX   34
#define UI_SIDEBAR_PART  4    /* sidebar width: a quarter of the screen */
#define UI_PAD           1    /* blank columns at the edges of a panel */
#define UI_DIALOG_MAXW   76   /* widest dialog */
#define UI_DIALOG_MARGIN 2    /* rows/columns kept free around a dialog */

/* ---- timing (milliseconds) ---------------------------------------------- */

#define UI_TICK_MS        150   /* getch timeout: how often timers run */
/* Save this long after the last change, so that with the tick it is at
 * most a second; and at least every five seconds while typing. */
#define UI_SAVE_QUIET_MS  (1000 - UI_TICK_MS - 50)
#define UI_SAVE_MAX_MS    (5000 - UI_TICK_MS - 50)
#define UI_POLL_MS        1000  /* look for changes by another duo */
#define UI_RETRY_MS       5000  /* retry a failed save */
#define UI_SEARCH_MS      120   /* search this long after the last key */
#define UI_UNDO_MAX       64    /* snapshots kept for undo */

/* ---- keys ---------------------------------------------------------------- */

/* Keys duo defines itself (define_key), beyond ncurses' KEY_MAX. */
enum ui_key_custom {
	UI_KC_BASE = 0x1000,
	UI_KC_CTRL_LEFT, UI_KC_CTRL_RIGHT, UI_KC_CTRL_UP, UI_KC_CTRL_DOWN,
	UI_KC_ALT_LEFT, UI_KC_ALT_RIGHT, UI_KC_CTRL_HOME, UI_KC_CTRL_END,
	UI_KC_CTRL_DEL, UI_KC_PASTE_BEGIN, UI_KC_PASTE_END
};

#define UI_KEY_ENTER      13
#define UI_KEY_TAB        9
#define UI_KEY_ESC        27
#define UI_KEY_SPACE      ' '
#define UI_KEY_UP         UI_KEY_FN(KEY_UP)
#define UI_KEY_DOWN       UI_KEY_FN(KEY_DOWN)
#define UI_KEY_LEFT       UI_KEY_FN(KEY_LEFT)
#define UI_KEY_RIGHT      UI_KEY_FN(KEY_RIGHT)
#define UI_KEY_HOME       UI_KEY_FN(KEY_HOME)
#define UI_KEY_END        UI_KEY_FN(KEY_END)
#define UI_KEY_PGUP       UI_KEY_FN(KEY_PPAGE)
#define UI_KEY_PGDN       UI_KEY_FN(KEY_NPAGE)
#define UI_KEY_BACKSPACE  UI_KEY_FN(KEY_BACKSPACE)
#define UI_KEY_DELETE     UI_KEY_FN(KEY_DC)
#define UI_KEY_BTAB       UI_KEY_FN(KEY_BTAB)
#define UI_KEY_RESIZE     UI_KEY_FN(KEY_RESIZE)
#define UI_KEY_F(n)       UI_KEY_FN(KEY_F(n))
#define UI_KEY_CTRL_LEFT  UI_KEY_FN(UI_KC_CTRL_LEFT)
#define UI_KEY_CTRL_RIGHT UI_KEY_FN(UI_KC_CTRL_RIGHT)
#define UI_KEY_CTRL_UP    UI_KEY_FN(UI_KC_CTRL_UP)
#define UI_KEY_CTRL_DOWN  UI_KEY_FN(UI_KC_CTRL_DOWN)
#define UI_KEY_CTRL_HOME  UI_KEY_FN(UI_KC_CTRL_HOME)
#define UI_KEY_CTRL_END   UI_KEY_FN(UI_KC_CTRL_END)
#define UI_KEY_PASTE_BEGIN UI_KEY_FN(UI_KC_PASTE_BEGIN)
#define UI_KEY_PASTE_END  UI_KEY_FN(UI_KC_PASTE_END)

/* 1 for a key that types a character (not a control character). */
int ui_key_printable(int key);
/* Map equivalent codes to one (LF and KEY_ENTER to Enter, DEL and ^H to
 * Backspace, Alt-arrows to Ctrl-arrows, ...). */
int ui_key_normalize(int key);
/* The name of a key for the help screen and key bar ("Enter", "Ctrl-C",
 * "F1", "j"); writes into buf. */
const char *ui_key_name(int key, char *buf, size_t len);
/* Parse one key name (as ui_key_name writes it, also "C-c", "M-b", "S-Tab")
 * into a code; -1 if unknown. */
int ui_key_parse(const char *name);
/*
 * Parse a DUO_KEYS script into key codes: whitespace-separated key names
 * ("Enter", "Down", "C-c", "F2", "j"), and "..." strings typed as text (\"
 * and \\ inside, \n is Enter). '#' starts a comment up to the end of the
 * line. 0, or -1 after a diagnostic naming file and line.
 */
int ui_keys_parse(const char *name, const char *text, int **keys, size_t *n,
                  struct diags *d);

/* ---- the keymap --------------------------------------------------------- */

/* Where a key binding applies; a view lists its scopes, most specific
 * first, and UI_SC_GLOBAL last. */
enum ui_scope {
	UI_SC_GLOBAL, UI_SC_MOVE, UI_SC_HOUSEHOLDS, UI_SC_SEARCH,
	UI_SC_HOUSEHOLD, UI_SC_ITEMS, UI_SC_SESSION, UI_SC_STATEMENTS,
	UI_SC_TOP3, UI_SC_PREVIEW, UI_SC_FORM, UI_SC_TEXT, UI_SC_LINES,
	UI_SC_EDIT, UI_SC_CONFIRM, UI_SC_CHOOSE, UI_SC_PICK, UI_SC_PICKMANY,
	UI_SC_PROMPT, UI_SC_SCORES, UI_SC_CONFLICT, UI_SC_MESSAGE, UI_SC_HELP,
	UI_SC_OVERVIEW, UI_SC_LOG, UI_SC_DIFF,
	UI_SC_REVIEW,
	UI_SC_COUNT
};
#define UI_SCOPES_MAX 8

enum ui_action {
	UI_A_NONE,
	/* everywhere */
	UI_A_HELP, UI_A_QUIT_NOW, UI_A_REDRAW, UI_A_HOUSEHOLD_VIEW,
	/* moving through a list */
	UI_A_UP, UI_A_DOWN, UI_A_LEFT, UI_A_RIGHT, UI_A_PGUP, UI_A_PGDN,
	UI_A_TOP, UI_A_BOTTOM,
	/* screens */
	UI_A_OPEN, UI_A_BACK, UI_A_QUIT, UI_A_NEW, UI_A_DELETE, UI_A_UNDO,
	UI_A_SEARCH, UI_A_NEW_SESSION,
	UI_A_STAGE_0, UI_A_STAGE_1, UI_A_STAGE_2, UI_A_STAGE_3, UI_A_STAGE_4,
	UI_A_STAGE_5, UI_A_STAGE_PREV, UI_A_STAGE_NEXT,
	UI_A_MOVE_LEFT, UI_A_MOVE_RIGHT,     /* statement to another column */
	UI_A_RANK_UP, UI_A_RANK_DOWN,        /* top-3 order */
	UI_A_PROMOTE,
	UI_A_SAVE_AS,                        /* the summary as a file */
	/* review (review_ui.c) */
	UI_A_SUBMIT, UI_A_APPROVE, UI_A_RETURN, UI_A_COMMENT, UI_A_REPLY,
	UI_A_RESOLVE,
	/* forms */
	UI_A_NEXT_FIELD, UI_A_PREV_FIELD, UI_A_DONE, UI_A_TOGGLE,
	/* dialogs */
	UI_A_YES, UI_A_NO, UI_A_MINE, UI_A_THEIRS, UI_A_CLEAR, UI_A_INC,
	UI_A_DEC, UI_A_ALL,
	/* text editing */
	UI_A_TE_LEFT, UI_A_TE_RIGHT, UI_A_TE_UP, UI_A_TE_DOWN,
	UI_A_TE_WORD_LEFT, UI_A_TE_WORD_RIGHT, UI_A_TE_HOME, UI_A_TE_END,
	UI_A_TE_START, UI_A_TE_FINISH, UI_A_TE_BACKSPACE, UI_A_TE_DELETE,
	UI_A_TE_DEL_WORD, UI_A_TE_KILL, UI_A_TE_NEWLINE,
	/* the team lead's screens */
	UI_A_OVERVIEW, UI_A_LOG, UI_A_DIFF, UI_A_DIFF_FROM,
	UI_A_COUNT
};

/* One row of the keymap table (keymap.c). */
struct ui_keydef {
	enum ui_scope scope;
	int key;
	enum ui_action action;
	const char *bar;      /* short label in the key bar, or NULL; for a
	                         pair of keys ("< >") one that fits both */
	const char *help;     /* Dutch help text for the help screen */
	const char *barkey;   /* the key as the bar shows it, or NULL: its name */
};

extern const struct ui_keydef ui_keymap[];
extern const size_t ui_keymap_len;
/* Dutch title of a scope, for the help screen. */
const char *ui_scope_title(enum ui_scope sc);
/* The action of key in the first of scopes[0..n) that binds it. */
enum ui_action ui_keymap_lookup(const enum ui_scope *scopes, int n, int key);

/* ---- geometry, colours, glyphs ------------------------------------------ */

struct ui_rect {
	int y, x, h, w;
};

enum ui_look {
	UI_LOOK_NORMAL, UI_LOOK_TITLE, UI_LOOK_HEADING, UI_LOOK_SELECTED,
	UI_LOOK_DIM, UI_LOOK_ERROR, UI_LOOK_URGENT, UI_LOOK_KEY, UI_LOOK_OK,
	UI_LOOK_TAG, UI_LOOK_FRAME, UI_LOOK_COUNT
};

enum ui_glyph {
	UI_G_CHECK, UI_G_WARN, UI_G_ELLIPSIS, UI_G_BULLET, UI_G_ARROW,
	UI_G_SEP, UI_G_BOX_ON, UI_G_BOX_OFF, UI_G_RADIO_ON, UI_G_RADIO_OFF,
	UI_G_MORE_UP, UI_G_MORE_DOWN,   /* a list goes on above / below */
	UI_G_COUNT
};

struct ui_app;
struct ui_view;

/* ---- views ------------------------------------------------------------------ */

#define UI_VIEW_MODAL   1   /* drawn over the view below (dialogs) */
#define UI_VIEW_SIDEBAR 2   /* a panel of the session walk: sidebar beside */
#define UI_VIEW_FULL    4   /* no help line (help screen) */

struct ui_view_ops {
	const char *name;
	int flags;
	/* The scopes of the keys, most specific first; returns how many. */
	int (*scopes)(struct ui_app *app, struct ui_view *v,
	              enum ui_scope out[UI_SCOPES_MAX]);
	void (*draw)(struct ui_app *app, struct ui_view *v, struct ui_rect r);
	/* Do an action of the keymap; 1 when handled. */
	int (*action)(struct ui_app *app, struct ui_view *v, enum ui_action a,
	              int key);
	/* A printable key (or a paste) the keymap did not take, or any
	 * printable key while v->typing; 1 when used. May be NULL. */
	int (*text)(struct ui_app *app, struct ui_view *v, int key);
	/* The document changed or was replaced (undo, reload, merge): rebuild
	 * what was derived from it, keeping the cursor on the same item. */
	void (*reload)(struct ui_app *app, struct ui_view *v);
	/* The help line: the help of what is selected. May return NULL. */
	const char *(*help)(struct ui_app *app, struct ui_view *v);
	/* A session stage: what a comment would be on (validate_target;
	 * owned, NULL: the stage itself) and the row id of the comment under
	 * the cursor in *comment (0: none). May be NULL. */
	char *(*review_target)(struct ui_app *app, struct ui_view *v,
	                       long *comment);
	void (*free)(struct ui_app *app, struct ui_view *v);
	/* Put the cursor on an item: section and "_id" (ui_list_select_item
	 * has the rules; key a field when item_id is NULL). 1 when found.
	 * May be NULL (the view has no items to choose). */
	int (*select)(struct ui_app *app, struct ui_view *v,
	              const char *section, const char *item_id,
	              const char *key);
};

struct ui_view {
	const struct ui_view_ops *ops;
	struct ui_view *below;
	int typing;         /* printable keys go to ops->text first */
	int undo_tag;       /* the screen, for "undo the last change here" */
	unsigned long gen;  /* the document generation it was built from */
};

/* Undo tags: the stage 0..5, or the household screen. */
#define UI_TAG_HOUSEHOLD 10
#define UI_TAG_NONE      -1

void ui_view_push(struct ui_app *app, struct ui_view *v);
/* Remove and free the top view. */
void ui_view_pop(struct ui_app *app);
/* Replace the top view by v (stage switches). */
void ui_view_replace(struct ui_app *app, struct ui_view *v);
struct ui_view *ui_view_top(struct ui_app *app);

/* ---- the text field editor (widget_field.c) ---------------------------- */

/*
 * One field being typed in: the text (textedit), which field of which item
 * it belongs to, and how it is drawn. An item is named by its section and
 * "_id"; the household, the current session and its analysis by section
 * alone (item_id NULL), so the editor survives the document being replaced.
 */
struct ui_edit {
	struct textedit te;
	const struct form_field *field; /* NULL: not a document field (search,
	                                   prompt) */
	const char *section;            /* skeleton key (static) */
	char *item_id;                  /* owned; NULL for the mappings */
	int undo_tag;
	int snap;         /* an undo snapshot was taken for this edit */
	int pending;      /* typed since the text was last put in the document */
	int top;          /* first wrapped line shown */
	int width;        /* columns of the last layout */
	int rows;         /* rows of the last drawing */
	char *msg;        /* validation message under the field, or NULL */
	int active;
};

void ui_edit_init(struct ui_edit *e, const char *text, int multiline);
/* Start editing a document field; the text is its current value. */
void ui_edit_begin(struct ui_app *app, struct ui_edit *e, const char *section,
                   const char *item_id, const struct form_field *f,
                   int undo_tag);
void ui_edit_free(struct ui_app *app, struct ui_edit *e);
/* An editing action (UI_A_TE_*) or a typed key; 1 when the text or cursor
 * changed. UI_A_TE_UP/DOWN return 0 when already on the first/last line. */
int ui_edit_action(struct ui_edit *e, enum ui_action a);
void ui_edit_type(struct ui_app *app, struct ui_edit *e, int key);
/*
 * Put the text into the document. leaving: the user leaves the field, so a
 * value that fails validate_scalar sets e->msg (and is not stored); without
 * leaving (autosave) an invalid value is silently kept for later. Returns 0
 * when the document holds the text, -1 when it is invalid.
 */
int ui_edit_commit(struct ui_app *app, struct ui_edit *e, int leaving);
/* Rows the text needs at width columns (at least 1). */
int ui_edit_height(struct ui_edit *e, int width);
/* Draw the text in r (scrolled so the cursor shows), set the terminal
 * cursor when focused. */
void ui_edit_draw(struct ui_app *app, struct ui_edit *e, struct ui_rect r,
                  int focused);
/* The document changed under the editor: take the new value unless the
 * user is typing something else. */
void ui_edit_resync(struct ui_app *app, struct ui_edit *e);

/* Field values as text for lists and forms (owned by the caller):
 * labels for choices, names for members and persons, "ja"/"nee". NULL when
 * the field is empty. */
char *ui_field_text(struct ui_app *app, const char *section,
                    const struct form_field *f, const struct doc_node *item);
/* 1 for the types typed as text (text, lines, date, year-or-date, int,
 * score, target). */
int ui_field_is_typed(const struct form_field *f);
/* 1 when the field cannot be changed on screen (id, ref, session version,
 * top-3 rank). */
int ui_field_readonly(const char *section, const struct form_field *f);
/* The labels of required fields (required, or required_if met) that are
 * empty in item, joined with ", "; NULL when none. Owned by the caller. */
char *ui_item_missing(const struct form_section *sec,
                      const struct doc_node *item);
/* Display name of a person value: member name, "het duo", or the text. */
const char *ui_person_name(struct ui_app *app, const char *value);

/* ---- drawing (draw.c) -------------------------------------------------- */

/* Colours (when app->colors) and the look of each element. */
void ui_draw_init(struct ui_app *app);
attr_t ui_look(struct ui_app *app, enum ui_look look);
const char *ui_glyph(struct ui_app *app, enum ui_glyph g);
/* Draw UTF-8 text at y,x in at most w columns (control characters shown as
 * spaces, cut at a character boundary). Returns the columns used. */
int ui_put(struct ui_app *app, int y, int x, int w, const char *s,
           attr_t attr);
/* The same for the first n bytes. */
int ui_putn(struct ui_app *app, int y, int x, int w, const char *s, size_t n,
            attr_t attr);
/* Text that does not fit in w columns ends in an ellipsis. */
int ui_put_cut(struct ui_app *app, int y, int x, int w, const char *s,
               attr_t attr);
/* Fill a rectangle with blanks of attr. */
void ui_fill(struct ui_rect r, attr_t attr);
void ui_hline(struct ui_app *app, int y, int x, int w, attr_t attr);
void ui_vline(struct ui_app *app, int y, int x, int h, attr_t attr);
void ui_box(struct ui_app *app, struct ui_rect r, attr_t attr);
/* Columns of UTF-8 text (utf8_width of all of it). */
int ui_width(const char *s);
/* Draw s wrapped in r (at most r.h lines, the last one ending in an
 * ellipsis when cut). Returns the rows used. */
int ui_put_wrapped(struct ui_app *app, struct ui_rect r, const char *s,
                   attr_t attr);
/* Rows ui_put_wrapped needs at width (at most max when max > 0). */
int ui_wrapped_rows(const char *s, int width, int max);

/* Set the status line: a calm message, or an error (red). */
void ui_status(struct ui_app *app, const char *fmt, ...) DUO_PRINTF(2, 3);
void ui_error(struct ui_app *app, const char *fmt, ...) DUO_PRINTF(2, 3);
/* Put the terminal cursor here after drawing (the field being typed). */
void ui_set_cursor(struct ui_app *app, int y, int x);

/* ---- the list of rows (widget_list.c) ---------------------------------- */

enum ui_row_kind {
	UI_ROW_HEAD,     /* a heading, not selectable */
	UI_ROW_SUB,      /* a sub-heading, not selectable */
	UI_ROW_INFO,     /* a dim line of explanation, not selectable */
	UI_ROW_FIELD,    /* a field of a mapping: label and value */
	UI_ROW_ITEM,     /* an item of a section */
	UI_ROW_ADD       /* "+ Nieuw ...": Enter adds */
};

#define UI_ROW_URGENT 1  /* marked urgent (red tag) */
#define UI_ROW_WARN   2  /* the warn line is an error (red) */
#define UI_ROW_COMMENT 4 /* a review comment (ident "comment/ID") */
#define UI_ROW_DIMMED 8  /* the text is dim (a resolved comment) */

struct ui_row {
	enum ui_row_kind kind;
	char *ident;          /* owned: stable identity to keep the cursor */
	char *text;           /* owned: main text (wrapped) */
	char *label;          /* owned, UI_ROW_FIELD: the label column */
	char *meta;           /* owned, optional: a dim line below */
	char *warn;           /* owned, optional: what is missing (red) */
	char *tag;            /* owned, optional: tag before the text */
	const char *section;  /* static skeleton key */
	char *item_id;        /* owned: the item's "_id" (or session id) */
	const char *key;      /* UI_ROW_FIELD: the field key (form-owned) */
	const char *help;     /* form-owned help for the help line */
	int a, b;             /* view-specific (category, rank, phase, ...) */
	int maxlines;         /* wrapped lines of text shown (0: 1) */
	int indent;           /* columns before the text (set by ui_list_add) */
	int flags;
	int height;           /* cached rows at the list's width; 0 unknown */
};

struct ui_list {
	struct ui_row *rows;
	size_t n, cap;
	size_t cur, top;
	int width;            /* the width the heights were computed for */
	int label_w;          /* width of the label column of field rows */
	const char *empty;    /* shown when there are no rows */
};

void ui_list_clear(struct ui_list *l);
void ui_list_free(struct ui_list *l);
/* Append a row; text and ident are copied. Returns it for the optional
 * parts (meta, warn, ...: assign owned strings). */
struct ui_row *ui_list_add(struct ui_list *l, enum ui_row_kind kind,
                           const char *ident, const char *text);
int ui_row_selectable(const struct ui_row *r);
struct ui_row *ui_list_current(struct ui_list *l);
/* Put the cursor on the row with this ident (1), or keep its index. */
int ui_list_select(struct ui_list *l, const char *ident);
/* Put the cursor on the item row of section with this "_id"; with
 * item_id NULL on the field row key of section, else on the section's
 * first row. 1 when found; 0 leaves the cursor where it was. */
int ui_list_select_item(struct ui_list *l, const char *section,
                        const char *item_id, const char *key);
/* Move the cursor by delta selectable rows, or to the first/last. */
void ui_list_move(struct ui_list *l, int delta);
void ui_list_page(struct ui_list *l, int dir, int h);
void ui_list_first(struct ui_list *l);
void ui_list_last(struct ui_list *l);
/* Draw the visible rows in r; the selected one highlighted when focused. */
void ui_list_draw(struct ui_app *app, struct ui_list *l, struct ui_rect r,
                  int focused);
/* The movement actions (UP, DOWN, PGUP, PGDN, TOP, BOTTOM); 1 if handled. */
int ui_list_action(struct ui_list *l, enum ui_action a, int h);

/* ---- the form of one item (widget_form.c) ------------------------------ */

/* Open the form of an item (section + "_id"; NULL for the household,
 * the current session or its analysis) with the focus on field key (NULL:
 * the first field that can be typed). */
void ui_form_open(struct ui_app *app, const char *section, const char *item_id,
                  const char *focus_key);

/* Mark the form on top as made for a new item: closed while still empty,
 * the item is taken away again. */
void ui_form_mark_fresh(struct ui_app *app);

/* ---- dialogs (widget_dialog.c) ----------------------------------------- */

struct ui_pick_item {
	char *value;   /* owned */
	char *label;   /* owned */
	char *help;    /* owned, may be NULL */
	int checked;   /* pick many: chosen */
	int ident;     /* indented under the previous heading */
	int heading;   /* a heading, not choosable */
};

struct ui_dialog;
/* Called when a dialog closes. ok: confirmed (yes, chosen, typed);
 * the dialog is still readable and is freed afterwards. */
typedef void (*ui_dialog_done)(struct ui_app *app, struct ui_dialog *dl,
                               int ok);

struct ui_dialog {
	struct ui_view view;
	int kind;
	char *title;
	char *text;
	struct ui_pick_item *items;
	size_t nitems, capitems;
	size_t cur, top;
	struct ui_edit edit;          /* prompt */
	int (*check)(struct ui_app *app, const char *text, char *msg,
	             size_t msglen);  /* prompt: 0 when acceptable */
	char *msg;                    /* prompt: why the text is refused */
	ui_dialog_done done;
	void *ctx;                    /* for done; freed with ctx_free */
	void (*ctx_free)(void *ctx);
	const char *yes, *no;         /* confirm: labels */
	int choice;                   /* confirm: 1 yes; conflict: 1 mine,
	                                 2 theirs */
	/* scores */
	const char *section;
	char *item_id;
	const struct form_field *field;
	int undo_tag;
	int digits;                   /* score typed so far, -1 none */
	/* conflict */
	char *mine, *theirs;
	int closing;
};

void ui_message(struct ui_app *app, const char *title, const char *text);
/* Ask a yes/no question; the default (Enter) is no. */
struct ui_dialog *ui_confirm(struct ui_app *app, const char *title,
                             const char *text, ui_dialog_done done,
                             void *ctx, void (*ctx_free)(void *));
/* Ask which of two ways on: Enter takes yes, Esc takes no (dl->choice
 * is 1 for yes). */
struct ui_dialog *ui_choose(struct ui_app *app, const char *title,
                            const char *text, const char *yes,
                            const char *no, ui_dialog_done done, void *ctx,
                            void (*ctx_free)(void *));
/* A list to choose one (UI_SC_PICK) or many (UI_SC_PICKMANY) items from:
 * make it, add items, then show it. */
struct ui_dialog *ui_pick_new(const char *title, const char *text, int many);
struct ui_pick_item *ui_pick_add(struct ui_dialog *dl, const char *value,
                                 const char *label, const char *help);
void ui_pick_heading(struct ui_dialog *dl, const char *label);
/* Put the cursor on the item with this value. */
void ui_pick_select(struct ui_dialog *dl, const char *value);
void ui_dialog_show(struct ui_app *app, struct ui_dialog *dl,
                    ui_dialog_done done, void *ctx, void (*ctx_free)(void *));
/* Free a dialog made with ui_pick_new that is not going to be shown. */
void ui_dialog_discard(struct ui_app *app, struct ui_dialog *dl);
/* The chosen item of a pick-one dialog, or NULL. */
const struct ui_pick_item *ui_pick_chosen(const struct ui_dialog *dl);
/* Ask for one line of text; check (may be NULL) refuses with a message. */
struct ui_dialog *ui_prompt(struct ui_app *app, const char *title,
                            const char *text, const char *initial,
                            int (*check)(struct ui_app *, const char *,
                                         char *, size_t),
                            ui_dialog_done done, void *ctx,
                            void (*ctx_free)(void *));
const char *ui_prompt_text(const struct ui_dialog *dl);
/* The scores table of a top-3 item: one row per person (duo and each
 * member), 0..10 typed or with Left/Right, Delete removes. */
void ui_scores_open(struct ui_app *app, const char *section,
                    const char *item_id, const struct form_field *f,
                    int undo_tag);
/* Ask which of two versions of one field to keep. */
struct ui_dialog *ui_conflict(struct ui_app *app, const char *title,
                              const char *mine, const char *theirs,
                              ui_dialog_done done, void *ctx,
                              void (*ctx_free)(void *));

/* A choice dialog for a field of an item (choice, member(s), person,
 * statements, factors, rank(s), subject, category, model); sets the
 * value when confirmed, then calls after (may be NULL). */
void ui_field_pick(struct ui_app *app, const char *section,
                   const char *item_id, const struct form_field *f,
                   int undo_tag, void (*after)(struct ui_app *, void *),
                   void *after_ctx);

/* ---- the open household (ui_case.c) ------------------------------------ */

struct ui_undo {
	struct doc_node *doc;  /* the document before the change */
	int tag;               /* the screen it was made on */
};

/* An item's id that the store replaced on its first save: the screens'
 * temporary "_id" (made by casedoc_add) became the row id. */
struct ui_rename {
	char *from, *to;
};

struct ui_case {
	char id[UUID_STR_LEN];
	struct doc_node *doc;     /* what the screens show and change */
	struct doc_node *base;    /* as last loaded or saved */
	long rev;                 /* revision of base */
	unsigned long gen;        /* raised by every change of doc */
	int dirty;                /* doc differs from base */
	long long changed_at;     /* ms of the last change or typed key */
	long long first_change;   /* ms of the first unsaved one; 0 none */
	int save_now;             /* save at the next tick */
	long long retry_at;       /* after a failed save */
	int save_failed;
	char *save_error;
	char sess_id[UUID_STR_LEN]; /* the session being walked, or "" */
	struct ui_undo *undo;
	size_t nundo, capundo;
	long data_version;
	long long poll_at;
	int merging;              /* a conflict dialog is open */
	struct ui_rename *ren;    /* ids renamed by saves, oldest first */
	size_t nren, capren;
	/* sidebar: what is missing per stage, for generation missing_gen */
	unsigned long missing_gen;
	int missing_n[5];
	char *missing_first[5];
	/* the session's comments (review_comments), for comments_gen */
	unsigned long comments_gen;
	struct review_comments comments;
};

int ui_case_open(struct ui_app *app, const char *id, struct diags *d);
/* Save what is pending and forget the household. */
void ui_case_close(struct ui_app *app);
/* Make a new household with this name, save it and open it. */
int ui_case_create(struct ui_app *app, const char *name);
struct doc_node *ui_case_session(struct ui_app *app);
/* A new version of the analysis (an evaluation): casedoc_new_session,
 * starting from the content of the latest version (participants,
 * statements, TOP-3, analysis, plan, and extra fields), each copied item
 * with a new id. The latest version itself is not changed. */
struct doc_node *ui_case_new_version(struct ui_app *app);
/* The id an item has now: id itself, or what a save renamed it to (the
 * store gives a new item its row id on its first save). */
const char *ui_case_follow(struct ui_app *app, const char *id);
/* casedoc_find in the open household, following renamed ids. */
struct doc_node *ui_case_find(struct ui_app *app, struct doc_node *session,
                              const char *section, const char *item_id,
                              size_t *index);
/* The mapping or item a section + id names (see struct ui_edit). */
struct doc_node *ui_case_item(struct ui_app *app, const char *section,
                              const char *item_id);
/* 1 when the current session may not be changed (vastgesteld, herzien,
 * or the household watches); then says so on the status line when tell. */
int ui_case_locked(struct ui_app *app, int tell);
/* Before a change: keep a snapshot for undo, tagged with the screen. */
void ui_case_snapshot(struct ui_app *app, int tag);
/* After a change: raise the generation, mark unsaved; soon: save at the
 * next tick instead of after a second of quiet. */
void ui_case_changed(struct ui_app *app, int soon);
/* Put what is typed into the document and save it (0), or -1. */
int ui_case_save(struct ui_app *app);
/* Quietly take back the last change (an add that failed). */
void ui_case_revert_last(struct ui_app *app);
/* Take back a new item left empty: the document as it was before undo
 * snapshot mark - 1 (the add), or, when that is gone, remove the item. */
void ui_case_revert_to(struct ui_app *app, size_t mark, const char *section,
                       const char *item_id);
/* Undo the last change if it was made on screen tag. */
void ui_case_undo(struct ui_app *app, int tag);
/* Timers: save, retry, poll for another duo's changes. */
void ui_case_tick(struct ui_app *app);
/* What is missing in stage 0..4: count and first line (cached). */
int ui_case_missing(struct ui_app *app, int stage, const char **first);
/* The comments of the session being walked (cached per generation of the
 * document; strings point into it), or NULL when no session is open. */
const struct review_comments *ui_case_comments(struct ui_app *app);
/* The model form of the current session (4p by default), or NULL. */
const struct form_model *ui_case_model(struct ui_app *app);
/* Tell every view that the document changed. */
void ui_case_refresh_views(struct ui_app *app);
/* Load the household again after a review step of this process (the
 * poll sees only other processes' changes). */
void ui_case_reload(struct ui_app *app);

/* ---- the app -------------------------------------------------------------- */

struct ui_app {
	struct formset fs;
	struct config cfg;
	struct store *store;
	char *db_path;
	char *forms_dir;
	char *data_dir;           /* the wording of the household summary; may be NULL */
	char *user;
	struct ui_view *top;
	struct ui_case cs;
	struct ui_edit *edit;     /* the document field being typed, if any */
	char *status;
	int status_error;
	char today[11];
	int colors;               /* colours are on */
	int ascii;                /* ASCII glyphs only */
	int quit;
	int too_small;
	int cur_y, cur_x;         /* terminal cursor after drawing; -1 hidden */
	int pasting;              /* inside a bracketed paste */
	long long now;            /* ms, monotonic, at the last key or tick */
	int *feed;                /* keys from DUO_KEYS still to come */
	size_t nfeed, ifeed;
	struct ui_view *households; /* the bottom view */
	char *save_dir;           /* where the last summary was saved */
	const char *save_format;  /* and in which format (static) */
};

long long ui_now_ms(void);
/* Layout of the screen: the body between title and help line, and the
 * panel beside the sidebar. */
struct ui_rect ui_body_rect(struct ui_app *app);
int ui_sidebar_width(struct ui_app *app);

/* ---- screens ----------------------------------------------------------------- */

struct ui_view *ui_households_new(struct ui_app *app);
/* Reload the list (after a household was made or renamed), keeping the
 * cursor on id when given. */
void ui_households_reload(struct ui_app *app, const char *select_id);
/* Timers of the list: searching after typing stops, loading the rest. */
void ui_households_tick(struct ui_app *app);
struct ui_view *ui_household_new(struct ui_app *app);
/* Ask the name of a new member, add it and open its form. */
void ui_member_new(struct ui_app *app);

/*
 * A stage shown as a list of rows (stages 0, 2, 3, 4): build fills the
 * list from the document (called whenever it changed); act may take an
 * action on the current row (r may be NULL) first and returns 1 when it
 * did. The rest is shared: moving, Enter opening the form of a field or
 * item, d deleting an item, u undoing, 0-5 and Esc.
 */
struct ui_stageview {
	struct ui_view view;
	int stage;
	struct ui_list list;
	int page;
	void (*build)(struct ui_app *app, struct ui_stageview *sv);
	int (*act)(struct ui_app *app, struct ui_stageview *sv,
	           enum ui_action a, struct ui_row *r);
	enum ui_scope extra;     /* a scope of its own, or UI_SC_COUNT */
};
struct ui_view *ui_stageview_new(struct ui_app *app, int stage,
                                 void (*build)(struct ui_app *,
                                               struct ui_stageview *),
                                 int (*act)(struct ui_app *,
                                            struct ui_stageview *,
                                            enum ui_action, struct ui_row *),
                                 enum ui_scope extra);
/* Draw the title of a stage at the top of its panel; returns the rect
 * below it. */
struct ui_rect ui_stage_title(struct ui_app *app, int stage, struct ui_rect r);
/* A warn line "nog invullen: ..." for an item (owned), or NULL. */
char *ui_row_missing(struct ui_app *app, const char *section,
                     const struct doc_node *item);

/* The main panel of stage 0..5 of the current session. */
struct ui_view *ui_stage_new(struct ui_app *app, int stage);
struct ui_view *ui_stage_members_new(struct ui_app *app);
struct ui_view *ui_stage_statements_new(struct ui_app *app);
struct ui_view *ui_stage_top3_new(struct ui_app *app);
struct ui_view *ui_stage_analysis_new(struct ui_app *app);
struct ui_view *ui_stage_plan_new(struct ui_app *app);
struct ui_view *ui_stage_preview_new(struct ui_app *app);
/* Go to stage 0..5 of the session (replacing the stage view on top). */
void ui_session_goto(struct ui_app *app, int stage);
/* Open the session walk of the session with this id at stage. */
void ui_session_open(struct ui_app *app, const char *sess_id, int stage);
/* The same, with the cursor on an item of the stage (see the select op
 * of a view; section NULL: where the stage starts). 1 when the item was
 * found, 0 when the stage opened without it. */
int ui_session_open_at(struct ui_app *app, const char *sess_id, int stage,
                       const char *section, const char *item_id,
                       const char *key);
/* The stage shown by the top views, or -1 outside a session. */
int ui_session_stage(struct ui_app *app);
/* Draw the stage sidebar in r. */
void ui_sidebar_draw(struct ui_app *app, struct ui_rect r, int stage);
/* The actions every stage shares (0..5, [ ], Esc, u, v); 1 if handled. */
int ui_session_action(struct ui_app *app, struct ui_view *v,
                      enum ui_action a);
struct ui_view *ui_help_new(struct ui_app *app, struct ui_view *of);
/* The team lead's overview (screen_overview.c): waiting for review,
 * evaluations overdue, quiet households, as `duo overview` lists them;
 * Enter opens the session or the household. */
struct ui_view *ui_overview_new(struct ui_app *app);
/* The audit trail of the open household, oldest first (screen_log.c). */
struct ui_view *ui_log_new(struct ui_app *app);
/* What changed in stage 0..5 of the current session against version
 * from (0: the version before it), beside the sidebar (screen_diff.c);
 * stage 5 shows every stage. v or Esc closes it, 0-5 keeps it open on
 * another stage. */
struct ui_view *ui_diff_new(struct ui_app *app, int stage, int from);
/* Open the diff on the stage shown, unless the household watches. */
void ui_diff_open(struct ui_app *app);
/* First start: ask name and role, save them, then ui_app_started. */
void ui_firstrun_start(struct ui_app *app);
/* Open the database as app->cfg.user and show the household list. */
int ui_app_started(struct ui_app *app);

/* ---- review on screen (review_ui.c) ------------------------------------ */

/* The review steps and the comment thread of the current session, by key
 * (UI_A_SUBMIT .. UI_A_RESOLVE) on a stage view v; 1 when a is one. */
int ui_review_action(struct ui_app *app, struct ui_view *v, enum ui_action a);
/* 1 when review action a does nothing for this user's role and the
 * session's status (the key bar leaves it out); 0 for other actions. */
int ui_review_hidden(struct ui_app *app, enum ui_action a);
/* Put the comments of the session on stage (0..5) into a list of rows:
 * each under the first row of its target, the ones on the stage itself
 * (or on nothing the list shows) at the top. Comment rows are
 * UI_ROW_ITEM with UI_ROW_COMMENT. */
void ui_review_rows(struct ui_app *app, struct ui_list *l, int stage);
/* The comment id of a comment row, 0 for another row. */
long ui_review_row_comment(const struct ui_row *r);
/* The comment target of a row of a stage list (owned), or NULL. */
char *ui_review_row_target(struct ui_app *app, const struct ui_row *r);
/* Lines that show the comments on target on (owned), or NULL; *first
 * gets the id of the first open one (else the first). */
char *ui_review_note(struct ui_app *app, const char *on, long *first);
/* Every comment of stage (5: also those on no known target) as text
 * lines (owned), or NULL; *first gets the id of one of them. For the
 * panels that are no list (stage 5). */
char *ui_review_stage_note(struct ui_app *app, int stage, long *first);
/* The sidebar line of stage (0..5): "opmerkingen: 1 open van 2" (owned),
 * or NULL; *open gets the open count. */
char *ui_review_sidebar(struct ui_app *app, int stage, int *open);

/* Key bar and help line of the top view. */
void ui_keybar_draw(struct ui_app *app, int y, struct ui_view *v);

/*
 * The single place where items are filtered before they are drawn: 1 when
 * item (of section) may be on the screen. Everything is shown, except
 * while the household watches (app->cfg.household_view, F3): then only
 * what audience_household_item allows (audience.h), so confidential items
 * and reviews are gone from every list.
 */
int ui_item_visible(struct ui_app *app, const char *section,
                    const struct doc_node *item);
/* 1 when value of the pointer field key of section (a member, person,
 * subject, rank, statement or factor) may be on the screen: always,
 * except while the household watches: then only when the field may be
 * shown and what it points at may be (audience_household_ref). */
int ui_ref_visible(struct ui_app *app, const char *section, const char *key,
                   const char *value);
/* 1 when field key of section may be on the screen: always, except while
 * the household watches (audience_household_field). */
int ui_field_visible(struct ui_app *app, const char *section,
                     const char *key);
/*
 * "Huishouden kijkt mee" (F3): switch the screen to what the household may
 * see, or back. Forms, dialogs and the help screen above the list are
 * closed first (they may show a hidden field), the setting is saved in the
 * configuration (it survives a restart), and every view is told. While it
 * is on nothing can be changed: see ui_household_view_locked.
 */
void ui_household_view_toggle(struct ui_app *app);
/* 1 (and, with tell, a calm message on the status line) while the
 * household watches: the screen is read-only then. */
int ui_household_view_locked(struct ui_app *app, int tell);
/* 1 (and, with tell, that calm message) when action a on view v changes
 * the document and the household watches: new, delete, undo, a new
 * session, moving and ranking. The household list may still make a new
 * household (it shows nothing of one). The key bar leaves these out. */
int ui_household_view_refuses(struct ui_app *app, const struct ui_view *v,
                              enum ui_action a, int tell);

/* Shared helpers for stage views built on a row list. */
const char *ui_member_name(struct ui_app *app, const char *ref);
/* "Feit f1", "Zorg 2", ... for conflict dialogs and confirmations. */
char *ui_item_title(struct ui_app *app, const char *section,
                    const struct doc_node *item);
/* Ask "... verwijderen?" and remove the item of section when confirmed. */
void ui_item_delete(struct ui_app *app, const char *section,
                    const char *item_id, int undo_tag);

#endif
