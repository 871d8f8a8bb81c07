/*
 * review_ui.c - review on screen: the steps of a version's status by key
 * (i indienen, V vaststellen, T terugsturen) with a question that says
 * what follows, the team lead's comments (c) and the duo's replies (r) and
 * resolving (x), the comments inline in the stage lists and their count in
 * the sidebar. The rules are the core's (review.h, store_review.c): this
 * file asks first what the document already tells (role, status, what is
 * missing, open comments) so that a refusal comes before the question,
 * and shows the core's own message when it refuses after all.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"
#include "validate.h"

#define COMMENT_IDENT "comment/"
#define COMMENT_INDENT 2     /* columns a comment sits right of its item */

static int is_lead(struct ui_app *app)
{
	return str_eq(app->cfg.role, "teamleider");
}

static int is_duo(struct ui_app *app)
{
	return str_eq(app->cfg.role, "lokaal") || str_eq(app->cfg.role, "rvt");
}

static const char *status_of(struct ui_app *app)
{
	struct doc_node *sess = ui_case_session(app);

	return sess ? doc_map_str(sess, "status") : NULL;
}

static const char *version_of(struct ui_app *app)
{
	struct doc_node *sess = ui_case_session(app);
	const char *v = sess ? doc_map_str(sess, "version") : NULL;

	return v ? v : "?";
}

static int fixed(const char *status)
{
	return str_eq(status, "vastgesteld") || str_eq(status, "herzien");
}

/* 1 when the session has a comment. */
static int has_comments(struct ui_app *app)
{
	const struct review_comments *rc = ui_case_comments(app);

	return rc && rc->n;
}

/* See ui_impl.h. */
int ui_review_hidden(struct ui_app *app, enum ui_action a)
{
	const char *st = status_of(app);

	if (a < UI_A_SUBMIT || a > UI_A_RESOLVE)
		return 0;
	if (app->cfg.household_view || !st)
		return 1;
	switch (a) {
	case UI_A_SUBMIT:
		return !is_duo(app) || !str_eq(st, "concept");
	case UI_A_APPROVE:
	case UI_A_RETURN:
		return !is_lead(app) || !str_eq(st, "ter-review");
	case UI_A_COMMENT:
		return !is_lead(app) || fixed(st);
	case UI_A_REPLY:
		return !is_duo(app) || fixed(st) || !has_comments(app);
	default:
		return fixed(st) || !has_comments(app);
	}
}

/* The first message of d with a capital, on the status line in red. */
static void refused(struct ui_app *app, const struct diags *d)
{
	const char *m = d->n ? d->v[0].msg : "onbekende fout";
	char first = *m >= 'a' && *m <= 'z' ? (char)(*m - 'a' + 'A') : *m;

	ui_error(app, "%c%s", first, *m ? m + 1 : "");
}

/* ---- comment rows ------------------------------------------------------- */

/* See ui_impl.h. */
long ui_review_row_comment(const struct ui_row *r)
{
	if (!r || !(r->flags & UI_ROW_COMMENT) ||
	    !str_has_prefix(r->ident, COMMENT_IDENT))
		return 0;
	return strtol(r->ident + strlen(COMMENT_IDENT), NULL, 10);
}

/* See ui_impl.h. */
char *ui_review_row_target(struct ui_app *app, const struct ui_row *r)
{
	struct doc_node *sess = ui_case_session(app);

	if (!r || !r->section || !sess || (r->flags & UI_ROW_COMMENT))
		return NULL;
	if (r->kind == UI_ROW_ITEM && r->item_id) {
		struct doc_node *item = ui_case_item(app, r->section, r->item_id);
		const char *ref;

		if (item && str_eq(r->section, "top3") &&
		    doc_map_str(item, "rank"))
			return xasprintf("top3/%s", doc_map_str(item, "rank"));
		ref = item ? doc_map_str(item, "ref") : NULL;
		if (ref && validate_target(&app->fs, sess, ref, NULL, 0) == 0)
			return xstrdup(ref);
	}
	if (validate_target(&app->fs, sess, r->section, NULL, 0) == 0)
		return xstrdup(r->section);
	return NULL;
}

/* The text of a comment as rows show it, and its reply line. */
static char *comment_text(const struct review_comment *c)
{
	return xasprintf("Opmerking van %s: %s", c->reviewer ? c->reviewer :
	                 "de teamleider", c->text ? c->text : "");
}

static char *comment_meta(const struct review_comment *c)
{
	const char *state = c->resolved ? "afgehandeld" : "open";

	if (str_eq(c->decision, "vervallen"))
		state = c->resolved ? "afgehandeld" : "open (beoordeling vervallen)";
	if (c->reply)
		return xasprintf("Antwoord van %s: %s \u00b7 %s", c->replied_by ?
		                 c->replied_by : "het duo", c->reply, state);
	return xasprintf("Nog geen antwoord \u00b7 %s", state);
}

static void add_comment_row(struct ui_list *l, const struct review_comment *c)
{
	char ident[40];
	char *text = comment_text(c);
	struct ui_row *r;

	snprintf(ident, sizeof ident, COMMENT_IDENT "%ld", c->id);
	r = ui_list_add(l, UI_ROW_ITEM, ident, text);
	free(text);
	r->flags |= UI_ROW_COMMENT | (c->resolved ? UI_ROW_DIMMED : 0);
	r->meta = comment_meta(c);
	r->indent += COMMENT_INDENT;
	r->maxlines = 3;
	r->help = "Een opmerking van de teamleider. r: reageren (het duo), "
	          "x: afgehandeld of weer open.";
}

/* The comments of the session walked, or NULL when there is none or the
 * household watches: comments are never for them. */
static const struct review_comments *comments_shown(struct ui_app *app)
{
	return app->cfg.household_view ? NULL : ui_case_comments(app);
}

/* See ui_impl.h. */
void ui_review_rows(struct ui_app *app, struct ui_list *l, int stage)
{
	const struct review_comments *rc = comments_shown(app);
	struct ui_list old;
	char **targets;
	char *shown;

	if (!rc || !rc->n)
		return;
	old = *l;
	targets = xcalloc(old.n + 1, sizeof *targets);
	shown = xcalloc(rc->n, 1);
	for (size_t i = 0; i < old.n; i++)
		targets[i] = ui_review_row_target(app, &old.rows[i]);
	memset(l, 0, sizeof *l);
	l->empty = old.empty;
	l->label_w = old.label_w;
	/* the comments on the stage, or on nothing shown here, first */
	for (size_t k = 0; k < rc->n; k++) {
		int here = 0;

		if (rc->v[k].stage != stage &&
		    !(stage == 5 && rc->v[k].stage == REVIEW_STAGES - 1))
			continue;
		for (size_t i = 0; i < old.n && !here; i++)
			here = str_eq(targets[i], rc->v[k].on);
		if (!here) {
			add_comment_row(l, &rc->v[k]);
			l->rows[l->n - 1].indent = COMMENT_INDENT;
			shown[k] = 1;
		}
	}
	for (size_t i = 0; i < old.n; i++) {
		xgrow(&l->rows, &l->cap, l->n + 1, sizeof *l->rows);
		l->rows[l->n++] = old.rows[i];
		for (size_t k = 0; targets[i] && k < rc->n; k++)
			if (!shown[k] && str_eq(targets[i], rc->v[k].on)) {
				add_comment_row(l, &rc->v[k]);
				l->rows[l->n - 1].indent = old.rows[i].indent +
				                           COMMENT_INDENT;
				shown[k] = 1;
			}
		free(targets[i]);
	}
	free(old.rows);
	free(targets);
	free(shown);
}

/* See ui_impl.h. */
char *ui_review_note(struct ui_app *app, const char *on, long *first)
{
	const struct review_comments *rc = comments_shown(app);
	struct strbuf sb = {0};

	*first = 0;
	if (!rc || !on)
		return NULL;
	for (size_t k = 0; k < rc->n; k++) {
		char *t, *m;

		if (!str_eq(rc->v[k].on, on))
			continue;
		if (!*first)
			*first = rc->v[k].id;
		t = comment_text(&rc->v[k]);
		m = comment_meta(&rc->v[k]);
		sb_addf(&sb, "%s%s (%s)", sb.len ? "\n" : "", t, m);
		free(t);
		free(m);
	}
	for (size_t k = 0; k < rc->n; k++)
		if (str_eq(rc->v[k].on, on) && !rc->v[k].resolved) {
			*first = rc->v[k].id;
			break;
		}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* See ui_impl.h. */
char *ui_review_stage_note(struct ui_app *app, int stage, long *first)
{
	const struct review_comments *rc = comments_shown(app);
	struct strbuf sb = {0};
	long open_one = 0;

	*first = 0;
	if (!rc)
		return NULL;
	for (size_t k = 0; k < rc->n; k++) {
		char *t, *m;

		if (rc->v[k].stage != stage &&
		    !(stage == 5 && rc->v[k].stage == REVIEW_STAGES - 1))
			continue;
		if (!*first)
			*first = rc->v[k].id;
		if (!rc->v[k].resolved && !open_one)
			open_one = rc->v[k].id;
		t = comment_text(&rc->v[k]);
		m = comment_meta(&rc->v[k]);
		sb_addf(&sb, "%s (bij %s)\n    %s\n", t, rc->v[k].on ? rc->v[k].on :
		        "?", m);
		free(t);
		free(m);
	}
	if (open_one)
		*first = open_one;
	return sb.len ? sb_steal(&sb) : NULL;
}

/* See ui_impl.h. */
char *ui_review_sidebar(struct ui_app *app, int stage, int *open)
{
	const struct review_comments *rc = comments_shown(app);
	int n, o;

	*open = 0;
	if (!rc)
		return NULL;
	n = rc->count[stage];
	o = rc->open_count[stage];
	if (stage == 5) {
		n += rc->count[REVIEW_STAGES - 1];
		o += rc->open_count[REVIEW_STAGES - 1];
	}
	*open = o;
	if (!n)
		return NULL;
	return xasprintf("opmerkingen: %d/%d open", o, n);
}

/* ---- the steps ----------------------------------------------------------- */

/* After a step of ours: load the household again and say what happened
 * (msg, owned). */
static void stepped(struct ui_app *app, char *msg)
{
	ui_case_reload(app);
	ui_status(app, "%s", msg);
	free(msg);
}

static void submit_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct diags d = {0};
	char *v = xstrdup(version_of(app));

	(void)dl;
	if (ok) {
		if (review_submit(app->store, &app->fs, app->cs.id,
		                  atoi(v), &d) < 0)
			refused(app, &d);
		else
			stepped(app, xasprintf("Versie %s is ingediend: de "
			        "teamleider leest haar. Tot dan kun je niets "
			        "aanpassen.", v));
	}
	free(v);
	diags_free(&d);
}

static void approve_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct diags d = {0};
	char *v = xstrdup(version_of(app));

	(void)dl;
	if (ok) {
		if (review_approve(app->store, app->cs.id, atoi(v), &d) < 0)
			refused(app, &d);
		else
			stepped(app, xasprintf("Versie %s is vastgesteld. Een "
			        "evaluatie begint een nieuwe versie (s bij het "
			        "huishouden).", v));
	}
	free(v);
	diags_free(&d);
}

static void return_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct diags d = {0};
	char *v = xstrdup(version_of(app));

	(void)dl;
	if (ok) {
		if (review_return(app->store, app->cs.id, atoi(v), &d) < 0)
			refused(app, &d);
		else
			stepped(app, xasprintf("Versie %s is teruggestuurd naar "
			        "het duo, met je opmerkingen.", v));
	}
	free(v);
	diags_free(&d);
}

/* How many comments this user has in their open review of the session. */
static int my_open_comments(struct ui_app *app)
{
	const struct doc_node *reviews = doc_map_get(ui_case_session(app),
	                                             "reviews");
	int n = 0;

	for (size_t i = 0; reviews && reviews->type == DOC_SEQ &&
	     i < reviews->len; i++) {
		const struct doc_node *r = reviews->item[i];
		const struct doc_node *c = doc_map_get(r, "comments");

		if (str_eq(doc_map_str(r, "reviewer"), app->cfg.user) &&
		    !doc_map_str(r, "decision") && c && c->type == DOC_SEQ)
			n += (int)c->len;
	}
	return n;
}

/* Refuse (1) a step not for this role or status, with the reason. */
static int wrong_role_or_status(struct ui_app *app, enum ui_action a)
{
	const char *st = status_of(app), *v = version_of(app);
	const char *role = app->cfg.role;

	if (!config_role_valid(role)) {
		ui_error(app, "Je rol is niet bekend; kies lokaal, rvt of "
		         "teamleider (bij de eerste start van duo, of met "
		         "DUO_ROLE).");
		return 1;
	}
	if (a == UI_A_SUBMIT && !is_duo(app)) {
		ui_error(app, "Alleen het duo (lokaal team of RVT) dient een "
		         "analyse in; een teamleider stelt haar vast of stuurt "
		         "haar terug.");
		return 1;
	}
	if ((a == UI_A_APPROVE || a == UI_A_RETURN || a == UI_A_COMMENT) &&
	    !is_lead(app)) {
		ui_error(app, "Alleen een teamleider kan %s (je rol is %s).",
		         a == UI_A_APPROVE ? "vaststellen" :
		         a == UI_A_RETURN ? "terugsturen" :
		         "opmerkingen plaatsen", config_role_label(role));
		return 1;
	}
	if (a == UI_A_REPLY && !is_duo(app)) {
		ui_error(app, "Het duo (lokaal team of RVT) beantwoordt "
		         "opmerkingen; jij kunt een opmerking plaatsen (c).");
		return 1;
	}
	if (a == UI_A_SUBMIT && !str_eq(st, "concept")) {
		ui_error(app, "Versie %s is %s; alleen een concept kan worden "
		         "ingediend.", v, str_eq(st, "ter-review") ?
		         "al ingediend en wacht op de teamleider" : st);
		return 1;
	}
	if ((a == UI_A_APPROVE || a == UI_A_RETURN) &&
	    !str_eq(st, "ter-review")) {
		ui_error(app, "Versie %s is %s; alleen een ingediende versie kan "
		         "worden %s.", v, str_eq(st, "concept") ?
		         "nog een concept (het duo dient haar eerst in)" : st,
		         a == UI_A_APPROVE ? "vastgesteld" : "teruggestuurd");
		return 1;
	}
	if (a >= UI_A_COMMENT && fixed(st)) {
		ui_error(app, "Versie %s is %s; de opmerkingen liggen daarmee "
		         "ook vast.", v, st);
		return 1;
	}
	return 0;
}

static void do_submit(struct ui_app *app)
{
	const struct review_comments *rc;
	const char *first = NULL;
	char *text;
	int missing = 0, stage = -1;

	for (int s = 0; s < 5; s++) {
		const char *f = NULL;
		int n = ui_case_missing(app, s, &f);

		if (n > 0 && stage < 0) {
			stage = s;
			first = f;
		}
		missing += n;
	}
	if (missing) {
		ui_error(app, "Versie %s is nog niet af: stap %d: %s%s. Vul eerst "
		         "aan, dan kun je indienen.", version_of(app), stage,
		         first ? first : "niet compleet",
		         missing > 1 ? " (en meer, zie de zijbalk)" : "");
		return;
	}
	rc = ui_case_comments(app);
	if (rc && rc->open) {
		ui_error(app, "Versie %s heeft nog %zu open opmerking%s; "
		         "beantwoord ze (r) en handel ze af (x) voordat je "
		         "indient.", version_of(app), rc->open,
		         rc->open == 1 ? "" : "en");
		return;
	}
	text = xasprintf("De teamleider krijgt versie %s te lezen. Tot zij haar "
	                 "vaststelt of terugstuurt, kan niemand haar "
	                 "aanpassen.", version_of(app));
	ui_confirm(app, "Indienen?", text, submit_done, NULL, NULL);
	free(text);
}

static void do_approve(struct ui_app *app)
{
	char *text = xasprintf("Versie %s ligt daarna vast en verandert niet "
	                       "meer; een eerder vastgestelde versie wordt "
	                       "herzien. Verder werken kan alleen in een "
	                       "evaluatie (een nieuwe versie).",
	                       version_of(app));

	ui_confirm(app, "Vaststellen?", text, approve_done, NULL, NULL);
	free(text);
}

static void do_return(struct ui_app *app)
{
	int n = my_open_comments(app);
	char *text;

	if (!n) {
		ui_error(app, "Terugsturen kan niet zonder opmerking: schrijf "
		         "eerst met c wat het duo moet aanpassen.");
		return;
	}
	text = xasprintf("Versie %s gaat terug naar het duo als concept, met "
	                 "je %d opmerking%s. Het duo past haar aan en dient "
	                 "haar opnieuw in.", version_of(app), n,
	                 n == 1 ? "" : "en");
	ui_confirm(app, "Terugsturen?", text, return_done, NULL, NULL);
	free(text);
}

/* A prompt's context: the target of a new comment, or the comment. */
struct prompt_ctx {
	char *on;
	long comment;
};

static void prompt_ctx_free(void *p)
{
	struct prompt_ctx *c = p;

	free(c->on);
	free(c);
}

static int text_given(struct ui_app *app, const char *text, char *msg,
                      size_t len)
{
	(void)app;
	for (const char *p = text; p && *p; p++)
		if (*p != ' ')
			return 0;
	snprintf(msg, len, "Typ eerst de tekst (of Esc om niets te doen).");
	return -1;
}

static void comment_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct prompt_ctx *c = dl->ctx;
	struct diags d = {0};
	int v = atoi(version_of(app));

	if (ok) {
		if (review_comment(app->store, &app->fs, app->cs.id, v, c->on,
		                   ui_prompt_text(dl), NULL, &d) != 0)
			refused(app, &d);
		else {
			ui_case_reload(app);
			ui_status(app, "Opmerking bij %s geplaatst. Het duo ziet "
			          "haar bij dat onderdeel.", c->on);
		}
	}
	diags_free(&d);
}

static void reply_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct prompt_ctx *c = dl->ctx;
	struct diags d = {0};

	if (ok) {
		if (review_reply(app->store, app->cs.id, c->comment,
		                 ui_prompt_text(dl), &d) != 0)
			refused(app, &d);
		else {
			ui_case_reload(app);
			ui_status(app, "Antwoord bewaard. Handel de opmerking af "
			          "met x als ze verwerkt is.");
		}
	}
	diags_free(&d);
}

/* The comment with this row id in the session, or NULL. */
static const struct review_comment *find_comment(const struct review_comments *rc,
                                                 long id)
{
	for (size_t k = 0; k < rc->n; k++)
		if (rc->v[k].id == id)
			return &rc->v[k];
	return NULL;
}

static void do_comment(struct ui_app *app, struct ui_view *v)
{
	struct prompt_ctx *c = xcalloc(1, sizeof *c);
	long comment = 0;
	const struct form *f = formset_stage(&app->fs, v->undo_tag);
	char *title;

	c->on = v->ops->review_target ? v->ops->review_target(app, v,
	                                                      &comment) : NULL;
	if (!c->on && f && f->name)
		c->on = xstrdup(f->name);
	if (!c->on)
		c->on = xstrdup("samenvatting");
	title = xasprintf("Opmerking bij %s", c->on);
	ui_prompt(app, title, "Wat moet het duo weten of aanpassen?", NULL,
	          text_given, comment_done, c, prompt_ctx_free);
	free(title);
}

static void do_reply_or_resolve(struct ui_app *app, struct ui_view *v,
                                enum ui_action a)
{
	const struct review_comments *rc;
	const struct review_comment *m;
	long comment = 0;
	char *on = v->ops->review_target ? v->ops->review_target(app, v,
	                                                         &comment)
	                                 : NULL;

	free(on);
	rc = ui_case_comments(app);
	m = rc && comment ? find_comment(rc, comment) : NULL;
	if (!m) {
		ui_error(app, "Zet de cursor eerst op een opmerking (onder het "
		         "punt waar zij over gaat).");
	} else if (a == UI_A_REPLY) {
		struct prompt_ctx *c = xcalloc(1, sizeof *c);

		c->comment = comment;
		ui_prompt(app, "Antwoord op de opmerking", m->text, m->reply,
		          text_given, reply_done, c, prompt_ctx_free);
	} else {
		struct diags d = {0};
		int to = !m->resolved;

		if (review_resolve(app->store, app->cs.id, comment, to, &d) != 0)
			refused(app, &d);
		else {
			ui_case_reload(app);
			ui_status(app, to ? "Opmerking afgehandeld." :
			          "Opmerking staat weer open.");
		}
		diags_free(&d);
	}
}

/* See ui_impl.h. */
int ui_review_action(struct ui_app *app, struct ui_view *v, enum ui_action a)
{
	if (a < UI_A_SUBMIT || a > UI_A_RESOLVE)
		return 0;
	if (!ui_case_session(app) || ui_household_view_locked(app, 1))
		return 1;
	if (wrong_role_or_status(app, a))
		return 1;
	ui_case_save(app);
	if (app->cs.dirty) {
		ui_error(app, "Wat je typte is nog niet bewaard; probeer het zo "
		         "opnieuw.");
		return 1;
	}
	switch (a) {
	case UI_A_SUBMIT:
		do_submit(app);
		break;
	case UI_A_APPROVE:
		do_approve(app);
		break;
	case UI_A_RETURN:
		do_return(app);
		break;
	case UI_A_COMMENT:
		do_comment(app, v);
		break;
	default:
		do_reply_or_resolve(app, v, a);
		break;
	}
	return 1;
}
