/*
 * stage_preview.c - stage 5 of a session: the whole session as text,
 * export_text_professional at the width of the panel: the professionals'
 * view, confidential items marked, not a screen to read with the
 * household. While the household watches (F3) it is their summary
 * instead (summary.h, built from the filtered case: nothing confidential,
 * no review). Scrolls with the arrows, PgUp/PgDn and Space. The text is
 * made again only when the document, the width or the mode changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Scroll, or the session's actions. */
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
	default:
		return ui_session_action(app, v, a);
	}
}

/* The help line of stage 5. */
static const char *preview_help(struct ui_app *app, struct ui_view *v)
{
	(void)v;
	if (app->cfg.household_view)
		return "Dit is de samenvatting zoals het huishouden die krijgt. F3 "
		       "zet de weergave voor professionals terug.";
	return "Dit is de weergave voor professionals, met vertrouwelijke "
	       "punten gemarkeerd. F3 toont de samenvatting voor het "
	       "huishouden, zonder die punten.";
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
