/*
 * stage_preview.c - stage 5 of a session: the whole session as text,
 * export_text_professional at the width of the panel: the professionals'
 * view, confidential items marked, not a screen to read with the
 * household. While the household watches (F3) it is their summary
 * instead (summary.h, built from the filtered case: nothing confidential,
 * no review). Scrolls with the arrows, PgUp/PgDn and Space. The text is
 * made again only when the document, the width or the mode changed.
 *
 * o saves the household summary as a file ("opslaan als"): pick a format,
 * type a file name (a default beside the last one saved), confirm before
 * an existing file is replaced. It is written by summary_export, the code
 * `duo export --audience huishouden` runs: the same filter, the same
 * refusal, a temporary file renamed into place, mode 0600.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "summary.h"
#include "ui_impl.h"

#define NOTE_ROWS 2   /* the note under the title, at most */
#define PREVIEW_NOTE "Zo staat de sessie op papier. Vertrouwelijke punten " \
	"zijn gemarkeerd."
#define HOUSEHOLD_NOTE "Zo krijgt het huishouden de samenvatting: zonder " \
	"vertrouwelijke punten."

struct ui_preview {
	struct ui_view view;
	char *text;           /* the export, lines ended by '\n' */
	size_t *line;         /* offset of each line */
	size_t nlines, capl;
	int width;            /* the width the text was made for */
	unsigned long gen;
	int household;        /* the text is the household summary */
	size_t top;
	int page;
};

static const struct ui_view_ops preview_ops;

/* The household summary of version at width (summary.h), or why there
 * is none; owned. It is built from the filtered copy of the case
 * (audience.h), so it holds nothing confidential and no review. */
static char *household_text(struct ui_app *app, int version, int width)
{
	struct diags d = {0};
	struct summary_texts *tx = app->data_dir ?
	                           summary_texts_load(app->data_dir, &d) : NULL;
	struct summary *sum = tx ? summary_build(app->cs.doc, &app->fs, tx,
	                                         version, &d) : NULL;
	struct summary_render_opts o = {width};
	char *text = sum ? summary_render_string(summary_render_text, sum, &o,
	                                         &d) : NULL;

	if (!text)
		text = xasprintf("De samenvatting voor het huishouden is niet te "
		                 "maken: %s\n", d.n ? d.v[0].msg :
		                 "de teksten van de samenvatting ontbreken");
	summary_free(sum);
	summary_texts_free(tx);
	diags_free(&d);
	return text;
}

/* Make the text at width and split it into lines. */
static void make_text(struct ui_app *app, struct ui_preview *pv, int width)
{
	struct doc_node *sess = ui_case_session(app);
	const char *ver = sess ? doc_map_str(sess, "version") : NULL;
	struct diags d = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = NULL;

	free(pv->text);
	pv->text = NULL;
	pv->nlines = 0;
	if (app->cfg.household_view)
		buf = household_text(app, ver ? atoi(ver) : 0, width);
	else
		f = open_memstream(&buf, &len);
	if (buf)
		len = strlen(buf);
	if (f) {
		long first;
		char *note = ui_review_stage_note(app, 5, &first);

		if (note)
			fprintf(f, "Opmerkingen van de teamleider bij deze stap\n"
			        "%s\n", note);
		free(note);
		if (export_text_professional(f, app->cs.doc, &app->fs,
		                             ver ? atoi(ver) : 0, width, &d) != 0)
			fprintf(f, "De tekst is niet te maken: %s\n",
			        d.n ? d.v[0].msg : "onbekende fout");
		fclose(f);
	}
	pv->text = buf ? buf : xstrdup("");
	for (size_t i = 0, start = 0; i <= len && buf; i++) {
		if (i == len || buf[i] == '\n') {
			if (i == len && start == len)
				break;
			xgrow(&pv->line, &pv->capl, pv->nlines + 1, sizeof *pv->line);
			pv->line[pv->nlines++] = start;
			if (i < len)
				buf[i] = '\0';
			start = i + 1;
		}
	}
	pv->width = width;
	pv->gen = app->cs.gen;
	pv->household = app->cfg.household_view;
	if (pv->top >= pv->nlines)
		pv->top = pv->nlines ? pv->nlines - 1 : 0;
	diags_free(&d);
}

/* See ui_impl.h. */
struct ui_view *ui_stage_preview_new(struct ui_app *app)
{
	struct ui_preview *pv = xcalloc(1, sizeof *pv);

	(void)app;
	pv->view.ops = &preview_ops;
	pv->view.undo_tag = 5;
	return &pv->view;
}

/* Free the preview. */
static void preview_free(struct ui_app *app, struct ui_view *v)
{
	struct ui_preview *pv = (struct ui_preview *)v;

	(void)app;
	free(pv->text);
	free(pv->line);
	free(pv);
}

/* Draw the title, the note and the visible lines of the text. */
static void preview_draw(struct ui_app *app, struct ui_view *v,
                         struct ui_rect r)
{
	struct ui_preview *pv = (struct ui_preview *)v;
	struct ui_rect body = ui_stage_title(app, 5, r);
	int w = body.w - 2 * UI_PAD, x = body.x + UI_PAD;
	int note, h;

	if (w < 1)
		return;
	/* the note sits in the blank row under the title, and the next */
	note = ui_put_wrapped(app, (struct ui_rect){body.y - 1, x, NOTE_ROWS, w},
	                      app->cfg.household_view ? HOUSEHOLD_NOTE :
	                      PREVIEW_NOTE, ui_look(app, UI_LOOK_DIM));
	body.y += note - 1;
	body.h -= note - 1;
	h = body.h - 2;
	if (h < 1)
		return;
	if (!pv->text || pv->width != w || pv->gen != app->cs.gen ||
	    pv->household != app->cfg.household_view)
		make_text(app, pv, w);
	pv->page = h;
	if (pv->nlines > (size_t)h && pv->top + (size_t)h > pv->nlines)
		pv->top = pv->nlines - (size_t)h;
	for (int i = 0; i < h && pv->top + (size_t)i < pv->nlines; i++) {
		const char *line = pv->text + pv->line[pv->top + (size_t)i];
		attr_t a = strstr(line, "[VERTROUWELIJK]") ?
		           ui_look(app, UI_LOOK_TAG) : A_NORMAL;

		ui_put(app, body.y + 1 + i, x, w, line, a);
	}
	if (pv->nlines > (size_t)h) {
		char pos[64];

		snprintf(pos, sizeof pos, "regel %zu-%zu van %zu", pv->top + 1,
		         pv->top + (size_t)h < pv->nlines ? pv->top + (size_t)h :
		         pv->nlines, pv->nlines);
		ui_put(app, body.y + body.h - 1, x + w - ui_width(pos), w, pos,
		       ui_look(app, UI_LOOK_DIM));
	}
}

/* The keys of stage 5. */
static int preview_scopes(struct ui_app *app, struct ui_view *v,
                          enum ui_scope out[UI_SCOPES_MAX])
{
	int n = 0;

	(void)app;
	(void)v;
	out[n++] = UI_SC_PREVIEW;
	out[n++] = UI_SC_REVIEW;
	out[n++] = UI_SC_SESSION;
	out[n++] = UI_SC_MOVE;
	out[n++] = UI_SC_GLOBAL;
	return n;
}

/* ---- opslaan als ------------------------------------------------------- */

/* What is being saved, from one dialog to the next. */
struct saveas {
	const struct summary_format *fmt;
	char *path;       /* the file, once typed */
};

static void saveas_free(void *p)
{
	struct saveas *sa = p;

	free(sa->path);
	free(sa);
}

/* The household's name for a file name: lower case letters and digits
 * (accented Latin letters without their accent), the rest one '-'. */
static char *name_slug(const char *name)
{
	/* U+00C0..U+00FF without accent; '-' for the signs among them */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
	                             "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	struct strbuf sb = {0};
	int dash = 0;

	for (const unsigned char *p = (const unsigned char *)(name ? name : "");
	     *p; p++) {
		char c = 0;

		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			c = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			c = (char)(*p - 'A' + 'a');
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf)
			c = latin1[*++p - 0x80];
		else if (*p == 0xc4 && p[1] == 0xb1) /* dotless i */
			c = 'i', p++;
		if (c && c != '-') {
			if (dash && sb.len)
				sb_addc(&sb, '-');
			sb_addc(&sb, c);
			dash = 0;
		} else {
			dash = 1;
			while (p[1] >= 0x80 && p[1] < 0xc0)  /* the rest of it */
				p++;
		}
	}
	if (!sb.len)
		sb_add(&sb, "huishouden");
	return sb_steal(&sb);
}

/* The version of the session being walked (0: none). */
static int session_version(struct ui_app *app)
{
	struct doc_node *sess = ui_case_session(app);
	const char *ver = sess ? doc_map_str(sess, "version") : NULL;

	return ver ? atoi(ver) : 0;
}

/* The file name offered: samenvatting-gezin-visser-versie-2.html in the
 * directory of the last file saved, else the current one. Owned. */
static char *default_path(struct ui_app *app, const struct summary_format *f)
{
	const char *name = doc_map_str(doc_map_get(app->cs.doc, "household"),
	                               "name");
	char *slug = name_slug(name);
	char *path = xasprintf("%s%ssamenvatting-%s-versie-%d.%s",
	                       app->save_dir ? app->save_dir : "",
	                       app->save_dir ? "/" : "", slug,
	                       session_version(app), f->extension);

	free(slug);
	return path;
}

/* The typed name as a path: blanks around it gone, ~/ the home
 * directory, and a directory gets the default file name. Owned. */
static char *typed_path(struct ui_app *app, const struct summary_format *f,
                        const char *text)
{
	size_t len;
	char *t, *path;
	struct stat st;

	text += strspn(text, " ");
	t = xstrdup(text);
	for (len = strlen(t); len && t[len - 1] == ' '; len--)
		t[len - 1] = '\0';
	if ((str_eq(t, "~") || strncmp(t, "~/", 2) == 0) && getenv("HOME") &&
	    *getenv("HOME")) {
		path = xasprintf("%s%s", getenv("HOME"), t + 1);
		free(t);
		t = path;
	}
	if ((len = strlen(t)) && (t[len - 1] == '/' ||
	    (stat(t, &st) == 0 && S_ISDIR(st.st_mode)))) {
		char *def = default_path(app, f);
		const char *base = strrchr(def, '/');

		path = xasprintf("%s%s%s", t, t[len - 1] == '/' ? "" : "/",
		                 base ? base + 1 : def);
		free(def);
		free(t);
		t = path;
	}
	return t;
}

/* A file name must be typed. */
static int path_ok(struct ui_app *app, const char *text, char *msg,
                   size_t len)
{
	(void)app;
	if (text[strspn(text, " ")])
		return 0;
	snprintf(msg, len, "Typ een bestandsnaam, zoals samenvatting.html.");
	return -1;
}

/* Write the file and say how it went. */
static void saveas_write(struct ui_app *app, struct saveas *sa)
{
	struct diags d = {0};
	struct summary_texts *tx = app->data_dir ?
	                           summary_texts_load(app->data_dir, &d) : NULL;
	int rc = -1;

	if (!app->data_dir)
		diag_add(&d, NULL, 0, 0, "de teksten van de samenvatting ontbreken "
		         "(geef de map met --data)");
	if (tx)
		rc = summary_export(app->cs.doc, &app->fs, tx,
		                    session_version(app), sa->fmt, sa->path, &d);
	summary_texts_free(tx);
	if (rc == 0) {
		char *slash = strrchr(sa->path, '/');
		char *dir = slash ? xstrndup(sa->path, slash == sa->path ? 1 :
		                             (size_t)(slash - sa->path)) :
		                    xstrdup(".");
		char *abs = realpath(dir, NULL);

		free(app->save_dir);
		app->save_dir = abs ? abs : xstrdup(dir);
		app->save_format = sa->fmt->name;
		ui_status(app, "Opgeslagen: %s%s%s", abs ? abs : "",
		          abs && !str_eq(abs, "/") ? "/" : "",
		          abs ? (slash ? slash + 1 : sa->path) : sa->path);
		free(dir);
	} else {
		struct strbuf sb = {0};

		for (size_t i = 0; i < d.n; i++) {
			char *m = diag_format(&d.v[i]);

			sb_addf(&sb, "%s\n", m);
			free(m);
		}
		sb_add(&sb, "Er is geen bestand geschreven.");
		ui_error(app, "Niet opgeslagen: %s", d.n ? d.v[0].msg :
		         "onbekende fout");
		ui_message(app, "Niet opgeslagen", sb_str(&sb));
		sb_free(&sb);
	}
	diags_free(&d);
}

/* Replace the existing file, or not. */
static void overwrite_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	if (ok && dl->choice == 1)
		saveas_write(app, dl->ctx);
	else
		ui_status(app, "Niet opgeslagen: het bestaande bestand is "
		          "gebleven.");
}

/* The file name was typed: ask before replacing a file, then write. */
static void path_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct saveas *sa = dl->ctx;
	struct stat st;

	if (!ok)
		return;
	dl->ctx = NULL;  /* it goes on to the next dialog */
	free(sa->path);
	sa->path = typed_path(app, sa->fmt, ui_prompt_text(dl));
	if (lstat(sa->path, &st) == 0) {
		char *q = xasprintf("%s bestaat al. Wil je het vervangen door de "
		                    "samenvatting?", sa->path);

		ui_confirm(app, "Bestand vervangen?", q, overwrite_done, sa,
		           saveas_free);
		free(q);
		return;
	}
	saveas_write(app, sa);
	saveas_free(sa);
}

/* The format was chosen: ask for the file name. */
static void format_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	const struct ui_pick_item *it = ui_pick_chosen(dl);
	struct saveas *sa;
	char *def;

	if (!ok || !it)
		return;
	sa = xcalloc(1, sizeof *sa);
	sa->fmt = summary_format_get(it->value);
	if (!sa->fmt) {
		saveas_free(sa);
		return;
	}
	def = default_path(app, sa->fmt);
	ui_prompt(app, "Opslaan als", "Onder welke naam? Alleen jij kunt het "
	          "bestand lezen. Typ een andere map of naam als je wilt.", def,
	          path_ok, path_done, sa, saveas_free);
	free(def);
}

/* o: which format. */
static void saveas_start(struct ui_app *app)
{
	static const char *const labels[][3] = {
		{"text", "Tekst (.txt)", "Gewone tekst: om te mailen of in een "
		 "brief te plakken."},
		{"markdown", "Markdown (.md)", "Tekst met kopjes, voor een "
		 "programma dat markdown leest."},
		{"html", "Html (.html)", "Een pagina om te openen op een telefoon "
		 "of computer, en om af te drukken."},
	};
	struct ui_dialog *dl;

	if (!ui_case_session(app))
		return;
	dl = ui_pick_new("Opslaan als", "De samenvatting voor het huishouden, "
	                 "zonder vertrouwelijke punten (F3 laat hem zien). In "
	                 "welke vorm?", 0);
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (summary_format_get(labels[i][0]))
			ui_pick_add(dl, labels[i][0], labels[i][1], labels[i][2]);
	if (app->save_format)
		ui_pick_select(dl, app->save_format);
	ui_dialog_show(app, dl, format_done, NULL, NULL);
}

/* Scroll, save as, or the session's actions. */
static int preview_action(struct ui_app *app, struct ui_view *v,
                          enum ui_action a, int key)
{
	struct ui_preview *pv = (struct ui_preview *)v;
	size_t page = pv->page > 1 ? (size_t)pv->page - 1 : 1;
	size_t last = pv->nlines > (size_t)pv->page ?
	              pv->nlines - (size_t)pv->page : 0;

	(void)key;
	switch (a) {
	case UI_A_UP:
		if (pv->top > 0)
			pv->top--;
		return 1;
	case UI_A_DOWN:
		if (pv->top < last)
			pv->top++;
		return 1;
	case UI_A_PGUP:
		pv->top = pv->top > page ? pv->top - page : 0;
		return 1;
	case UI_A_PGDN:
		pv->top = pv->top + page < last ? pv->top + page : last;
		return 1;
	case UI_A_TOP:
		pv->top = 0;
		return 1;
	case UI_A_BOTTOM:
		pv->top = last;
		return 1;
	case UI_A_SAVE_AS:
		saveas_start(app);
		return 1;
	default:
		return ui_session_action(app, v, a);
	}
}

/* The help line of stage 5. */
static const char *preview_help(struct ui_app *app, struct ui_view *v)
{
	(void)v;
	if (app->cfg.household_view)
		return "Dit is de samenvatting zoals het huishouden die krijgt. "
		       "o slaat hem op als bestand. F3 zet de weergave voor "
		       "professionals terug.";
	return "Dit is de weergave voor professionals, met vertrouwelijke "
	       "punten gemarkeerd. F3 toont de samenvatting voor het "
	       "huishouden, zonder die punten; o slaat die op als bestand.";
}

/* A comment here is on the stage; r and x act on its first comment. */
static char *preview_target(struct ui_app *app, struct ui_view *v,
                            long *comment)
{
	char *note = ui_review_stage_note(app, 5, comment);

	(void)v;
	free(note);
	return NULL;
}

static const struct ui_view_ops preview_ops = {
	.name = "preview",
	.flags = UI_VIEW_SIDEBAR,
	.scopes = preview_scopes,
	.review_target = preview_target,
	.draw = preview_draw,
	.action = preview_action,
	.help = preview_help,
	.free = preview_free,
};
