/*
 * draw.c - how duo's screens look: colours (calm, optional), glyphs with
 * ASCII fallbacks, UTF-8 text drawn in a given number of columns, word
 * wrapping, the status line and the key bar.
 *
 * Widths are computed with utf8_cp_width (util.c), not the C library, so a
 * line is cut the same way on every machine. Text from the database is
 * never sent to the terminal raw: control characters become spaces.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

/* Colour pairs. */
enum { PAIR_ACCENT = 1, PAIR_RED, PAIR_GREEN, PAIR_DIM };

/* Colours: 256-colour terminals get soft tones, others the basic eight. */
#define ACCENT_256 67   /* steel blue */
#define RED_256    160
#define GREEN_256  71
#define DIM_256    245
#define DIM_16     8    /* bright black */

static attr_t looks[UI_LOOK_COUNT];

/* Set up colours (when app->colors) and the look of each element. */
void ui_draw_init(struct ui_app *app)
{
	attr_t accent = 0, red = 0, green = 0, dim = A_DIM;

	if (app->colors && has_colors() && start_color() == OK) {
		int rich = COLORS >= 256;

		use_default_colors();
		init_pair(PAIR_ACCENT, rich ? ACCENT_256 : COLOR_CYAN, -1);
		init_pair(PAIR_RED, rich ? RED_256 : COLOR_RED, -1);
		init_pair(PAIR_GREEN, rich ? GREEN_256 : COLOR_GREEN, -1);
		accent = COLOR_PAIR(PAIR_ACCENT);
		red = COLOR_PAIR(PAIR_RED);
		green = COLOR_PAIR(PAIR_GREEN);
		if (COLORS >= 16) {
			init_pair(PAIR_DIM, rich ? DIM_256 : DIM_16, -1);
			dim = COLOR_PAIR(PAIR_DIM);
		}
	} else {
		app->colors = 0;
	}
	looks[UI_LOOK_NORMAL] = A_NORMAL;
	looks[UI_LOOK_TITLE] = A_BOLD | accent;
	looks[UI_LOOK_HEADING] = A_BOLD | accent;
	looks[UI_LOOK_SELECTED] = A_REVERSE | accent;
	looks[UI_LOOK_DIM] = dim;
	looks[UI_LOOK_ERROR] = A_BOLD | red;
	looks[UI_LOOK_URGENT] = A_BOLD | red;
	looks[UI_LOOK_KEY] = A_REVERSE | accent;
	looks[UI_LOOK_OK] = green;
	looks[UI_LOOK_TAG] = A_BOLD | accent;
	looks[UI_LOOK_FRAME] = dim;
}

/* See ui_impl.h. */
attr_t ui_look(struct ui_app *app, enum ui_look look)
{
	(void)app;
	return look < UI_LOOK_COUNT ? looks[look] : A_NORMAL;
}

static const char *const glyphs_utf8[UI_G_COUNT] = {
	[UI_G_CHECK] = "\u2713", [UI_G_WARN] = "!",
	[UI_G_ELLIPSIS] = "\u2026", [UI_G_BULLET] = "\u2022",
	[UI_G_ARROW] = "\u203a", [UI_G_SEP] = " \u00b7 ",
	[UI_G_BOX_ON] = "[x]", [UI_G_BOX_OFF] = "[ ]",
	[UI_G_RADIO_ON] = "(\u2022)", [UI_G_RADIO_OFF] = "( )",
	[UI_G_MORE_UP] = "\u25b2", [UI_G_MORE_DOWN] = "\u25bc",
};
static const char *const glyphs_ascii[UI_G_COUNT] = {
	[UI_G_CHECK] = "v", [UI_G_WARN] = "!", [UI_G_ELLIPSIS] = "...",
	[UI_G_BULLET] = "*", [UI_G_ARROW] = ">", [UI_G_SEP] = " - ",
	[UI_G_BOX_ON] = "[x]", [UI_G_BOX_OFF] = "[ ]",
	[UI_G_RADIO_ON] = "(*)", [UI_G_RADIO_OFF] = "( )",
	[UI_G_MORE_UP] = "^", [UI_G_MORE_DOWN] = "v",
};

/* See ui_impl.h. */
const char *ui_glyph(struct ui_app *app, enum ui_glyph g)
{
	return (app->ascii ? glyphs_ascii : glyphs_utf8)[g];
}

/* ---- text ------------------------------------------------------------------ */

int ui_width(const char *s)
{
	return s ? utf8_width(s, strlen(s)) : 0;
}

/* See ui_impl.h. */
int ui_putn(struct ui_app *app, int y, int x, int w, const char *s, size_t n,
            attr_t attr)
{
	size_t i = 0, run = 0;
	int used = 0;

	(void)app;
	if (w <= 0 || !s)
		return 0;
	attrset(attr);
	move(y, x);
	while (i < n) {
		unsigned long cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int cw = utf8_cp_width(cp);

		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0xfffd) {
			/* flush, then a blank instead of the control character */
			if (run)
				addnstr(s + i - run, (int)run);
			run = 0;
			if (used + 1 > w)
				break;
			addch(' ');
			used++;
			i += len;
			continue;
		}
		if (used + cw > w)
			break;
		used += cw;
		run += len;
		i += len;
	}
	if (run)
		addnstr(s + i - run, (int)run);
	attrset(A_NORMAL);
	return used;
}

/* See ui_impl.h. */
int ui_put(struct ui_app *app, int y, int x, int w, const char *s, attr_t attr)
{
	return s ? ui_putn(app, y, x, w, s, strlen(s), attr) : 0;
}

/* See ui_impl.h. */
int ui_put_cut(struct ui_app *app, int y, int x, int w, const char *s,
               attr_t attr)
{
	const char *ell = ui_glyph(app, UI_G_ELLIPSIS);
	int ew = ui_width(ell);

	if (!s)
		return 0;
	if (ui_width(s) <= w)
		return ui_put(app, y, x, w, s, attr);
	if (w <= ew)
		return ui_put(app, y, x, w, ell, attr);
	{
		int used = ui_put(app, y, x, w - ew, s, attr);

		return used + ui_put(app, y, x + used, ew, ell, attr);
	}
}

/* See ui_impl.h. */
void ui_fill(struct ui_rect r, attr_t attr)
{
	attrset(attr);
	for (int y = r.y; y < r.y + r.h; y++)
		mvhline(y, r.x, ' ', r.w);
	attrset(A_NORMAL);
}

/* Line characters: the terminal's own (ACS), or plain ASCII on the
 * Linux console, vt100 and terminals without an alternate character set,
 * where ACS often shows as letters. */
static chtype line_char(struct ui_app *app, chtype acs, chtype ascii)
{
	return app->ascii ? ascii : acs;
}

/* See ui_impl.h. */
void ui_hline(struct ui_app *app, int y, int x, int w, attr_t attr)
{
	attrset(attr);
	mvhline(y, x, line_char(app, ACS_HLINE, '-'), w);
	attrset(A_NORMAL);
}

/* See ui_impl.h. */
void ui_vline(struct ui_app *app, int y, int x, int h, attr_t attr)
{
	attrset(attr);
	mvvline(y, x, line_char(app, ACS_VLINE, '|'), h);
	attrset(A_NORMAL);
}

/* See ui_impl.h. */
void ui_box(struct ui_app *app, struct ui_rect r, attr_t attr)
{
	if (r.w < 2 || r.h < 2)
		return;
	ui_hline(app, r.y, r.x + 1, r.w - 2, attr);
	ui_hline(app, r.y + r.h - 1, r.x + 1, r.w - 2, attr);
	ui_vline(app, r.y + 1, r.x, r.h - 2, attr);
	ui_vline(app, r.y + 1, r.x + r.w - 1, r.h - 2, attr);
	attrset(attr);
	mvaddch(r.y, r.x, line_char(app, ACS_ULCORNER, '+'));
	mvaddch(r.y, r.x + r.w - 1, line_char(app, ACS_URCORNER, '+'));
	mvaddch(r.y + r.h - 1, r.x, line_char(app, ACS_LLCORNER, '+'));
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, line_char(app, ACS_LRCORNER, '+'));
	attrset(A_NORMAL);
}

/* Wrap s at width into lines of te's normalised copy of the text. */
static size_t wrap(struct textedit *te, const char *s, int width,
                   struct te_line **lines)
{
	te_init(te, s ? s : "", 1);
	return te_layout(te, width < 1 ? 1 : width, lines);
}

/* See ui_impl.h. */
int ui_wrapped_rows(const char *s, int width, int max)
{
	struct textedit te;
	struct te_line *lines = NULL;
	size_t n = wrap(&te, s, width, &lines);

	free(lines);
	te_free(&te);
	if (max > 0 && n > (size_t)max)
		n = (size_t)max;
	return (int)n;
}

/* See ui_impl.h. */
int ui_put_wrapped(struct ui_app *app, struct ui_rect r, const char *s,
                   attr_t attr)
{
	struct textedit te;
	struct te_line *lines = NULL;
	size_t n = wrap(&te, s, r.w, &lines);
	const char *t = te_text(&te);
	int rows = 0;

	for (size_t i = 0; i < n && rows < r.h; i++, rows++) {
		size_t len = lines[i].end - lines[i].start;

		/* a newline at the end of a line is not drawn */
		while (len && t[lines[i].start + len - 1] == '\n')
			len--;
		if (rows == r.h - 1 && i + 1 < n) {
			/* the last row that fits: show that more follows */
			struct strbuf sb = {0};

			sb_addn(&sb, t + lines[i].start, len);
			sb_add(&sb, ui_glyph(app, UI_G_ELLIPSIS));
			ui_put_cut(app, r.y + rows, r.x, r.w, sb_str(&sb), attr);
			sb_free(&sb);
		} else {
			ui_putn(app, r.y + rows, r.x, r.w, t + lines[i].start, len,
			        attr);
		}
	}
	free(lines);
	te_free(&te);
	return rows;
}

/* ---- status line and cursor ------------------------------------------------- */

static void set_status(struct ui_app *app, int error, const char *fmt,
                       va_list ap)
{
	struct strbuf sb = {0};

	sb_vaddf(&sb, fmt, ap);
	free(app->status);
	app->status = sb_steal(&sb);
	app->status_error = error;
}

/* See ui_impl.h. */
void ui_status(struct ui_app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(app, 0, fmt, ap);
	va_end(ap);
}

/* See ui_impl.h. */
void ui_error(struct ui_app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(app, 1, fmt, ap);
	va_end(ap);
}

/* See ui_impl.h. */
void ui_set_cursor(struct ui_app *app, int y, int x)
{
	app->cur_y = y;
	app->cur_x = x;
}

/* ---- the key bar --------------------------------------------------------------- */

/* 1 when key is bound in one of scopes[0..upto). */
static int bound_before(const enum ui_scope *scopes, int upto, int key)
{
	return ui_keymap_lookup(scopes, upto, key) != UI_A_NONE;
}

/* One entry of the key bar. */
struct bar_item {
	const char *key, *label;
	int global;
	char name[32];
};

/* See ui_impl.h. */
void ui_keybar_draw(struct ui_app *app, int y, struct ui_view *v)
{
	enum ui_scope scopes[UI_SCOPES_MAX];
	enum ui_action shown[UI_A_COUNT] = {0};
	struct bar_item items[UI_A_COUNT + 1];
	int n = v && v->ops->scopes ? v->ops->scopes(app, v, scopes) : 0;
	int x = UI_PAD, cols = COLS, nitems = 0, need = UI_PAD;

	move(y, 0);
	clrtoeol();
	if (app->cfg.household_view) {
		/* the mode is on: how to switch it off comes first and stays */
		struct bar_item *it = &items[nitems++];

		it->key = ui_key_name(UI_KEY_F(3), it->name, sizeof it->name);
		it->label = "huishouden kijkt mee uitzetten";
		it->global = 1;
		need += ui_width(it->key) + 1 + ui_width(it->label) + 2;
	}
	for (int s = 0; s < n; s++) {
		for (size_t k = 0; k < ui_keymap_len; k++) {
			const struct ui_keydef *kd = &ui_keymap[k];
			struct bar_item *it;

			if (kd->scope != scopes[s] || !kd->bar || shown[kd->action])
				continue;
			if (ui_household_view_refuses(app, v, kd->action, 0) ||
			    ui_review_hidden(app, kd->action))
				continue;
			if (v->typing && ui_key_printable(kd->key))
				continue;
			if (bound_before(scopes, s, kd->key))
				continue;
			shown[kd->action] = 1;
			it = &items[nitems++];
			it->key = kd->barkey ? kd->barkey :
			          ui_key_name(kd->key, it->name, sizeof it->name);
			it->label = kd->bar;
			it->global = kd->scope == UI_SC_GLOBAL;
			need += ui_width(it->key) + 1 + ui_width(it->label) + 2;
		}
	}
	/* when it does not fit, the keys of everywhere (F1 hulp) stay */
	for (int i = nitems - 1; i >= 0 && need > cols; i--) {
		if (items[i].global)
			continue;
		need -= ui_width(items[i].key) + 1 + ui_width(items[i].label) + 2;
		items[i].key = NULL;
	}
	for (int i = 0; i < nitems; i++) {
		if (!items[i].key)
			continue;
		x += ui_put(app, y, x, cols - x, items[i].key,
		            ui_look(app, UI_LOOK_KEY));
		x += 1;
		x += ui_put(app, y, x, cols - x, items[i].label,
		            ui_look(app, UI_LOOK_NORMAL));
		x += 2;
	}
}
