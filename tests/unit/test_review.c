/*
 * test_review.c - review and versions (review.h, and the store's rules
 * behind it): every step of a version's status, allowed and refused, with
 * the message the user sees and the database unchanged after a refusal;
 * the audit rows with user and role; comments, replies and resolving, and
 * their counts per stage; what a save or an import --replace may not
 * change; the round trip of comments through export and import; and the
 * migration of a schema 1 database.
 *
 * Two handles on one database stand for two people at two machines: the
 * duo (Fatima, lokaal) and the team lead (Marieke, teamleider). Run from
 * the top of the repository (forms in "forms", the shared example in
 * "../shared/examples").
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "casedoc.h"
#include "doc.h"
#include "form.h"
#include "review.h"
#include "store.h"
#include "unit.h"
#include "util.h"
#include "validate.h"

#define EXAMPLE "../shared/examples/gezin-visser.yaml"
#define FORMS "forms"

/* ---- helpers ------------------------------------------------------------ */

static struct formset forms_default;
static int forms_loaded;

static const struct formset *forms(void)
{
	struct diags d = {0};

	if (!forms_loaded) {
		if (formset_load(&forms_default, FORMS, &d) != 0)
			diags_print(stderr, &d);
		diags_free(&d);
		forms_loaded = 1;
	}
	return &forms_default;
}

/* One test's world: a directory, a database with the example in it (its
 * version 1 vastgesteld), and the two people. */
struct world {
	char *dir;
	char *path;
	char id[UUID_STR_LEN];
	struct store *duo;   /* Fatima El Amrani, lokaal */
	struct store *lead;  /* Marieke Jansen, teamleider */
	struct diags d;      /* what the last step said */
};

static struct store *open_as(const char *path, const char *user,
                             const char *role)
{
	struct diags d = {0};
	struct store *s = store_open(path, user, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	if (s)
		store_set_role(s, role);
	return s;
}

static struct doc_node *load_file(const char *path)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_file(path, NULL, &d);

	if (root && validate_case(root, forms(), path, &d) != 0) {
		doc_free(root);
		root = NULL;
	}
	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

static int world_open(struct world *w)
{
	char tmpl[] = "/tmp/duo-review-XXXXXX";
	struct doc_node *root;
	int rc;

	memset(w, 0, sizeof *w);
	setenv("DUO_TODAY", "2026-11-23", 1);
	setenv("DUO_NOW", "2026-11-23T10:00:00Z", 1);
	if (!mkdtemp(tmpl))
		return -1;
	w->dir = xstrdup(tmpl);
	w->path = xasprintf("%s/duo.db", w->dir);
	w->duo = open_as(w->path, "Fatima El Amrani", "lokaal");
	w->lead = open_as(w->path, "Marieke Jansen", "teamleider");
	root = load_file(EXAMPLE);
	if (!w->duo || !w->lead || !root) {
		doc_free(root);
		return -1;
	}
	rc = store_import_case(w->duo, root, "gezin-visser.yaml", 0, w->id,
	                       &w->d);
	doc_free(root);
	diags_print(stderr, &w->d);
	diags_clear(&w->d);
	return rc;
}

static void world_close(struct world *w)
{
	store_close(w->duo);
	store_close(w->lead);
	diags_free(&w->d);
	if (w->dir) {
		char *cmd;

		assert(strncmp(w->dir, "/tmp/duo-review-", 16) == 0);
		cmd = xasprintf("rm -rf '%s'", w->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "# could not remove %s\n", w->dir);
		free(cmd);
	}
	free(w->dir);
	free(w->path);
}

/* All diagnostics of the last step as one string (static buffer). */
static const char *said(struct world *w)
{
	static char buf[2048];
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < w->d.n; i++) {
		char *line = diag_format(&w->d.v[i]);

		sb_add(&sb, line);
		sb_addc(&sb, '\n');
		free(line);
	}
	snprintf(buf, sizeof buf, "%s", sb_str(&sb));
	sb_free(&sb);
	return buf;
}

static char *emit(const struct doc_node *n)
{
	struct diags d = {0};
	char *text = doc_emit_string(n, &d);

	diags_free(&d);
	return text;
}

static char *export_yaml(struct store *s, const char *id)
{
	struct diags d = {0};
	struct doc_node *doc = store_export_case(s, forms(), id, &d);
	char *text = doc ? emit(doc) : NULL;

	diags_print(stderr, &d);
	diags_free(&d);
	doc_free(doc);
	return text;
}

/* Everything that tells whether the database changed. */
static char *snapshot(struct world *w)
{
	struct store_counts c;
	struct diags d = {0};
	long rev = -1;
	char *y, *snap;

	memset(&c, 0, sizeof c);
	(void)store_counts(w->duo, &c, &d);
	(void)store_household_rev(w->duo, w->id, &rev, &d);
	diags_free(&d);
	y = export_yaml(w->duo, w->id);
	snap = xasprintf("%ld %ld %ld %ld %ld rev %ld\n%s", c.sessions,
	                 c.statements, c.reviews, c.comments, c.audit, rev,
	                 y ? y : "(no export)");
	free(y);
	return snap;
}

/* The household with row ids, and its revision. */
static struct doc_node *load(struct world *w, long *rev)
{
	struct diags d = {0};
	struct doc_node *doc = store_load_case(w->duo, forms(), w->id, rev,
	                                       &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return doc;
}

static const char *status_of(struct world *w, int version)
{
	static char buf[32];
	struct doc_node *doc = load(w, NULL);
	struct doc_node *s = doc ? casedoc_session(doc, version) : NULL;

	snprintf(buf, sizeof buf, "%s", s && doc_map_str(s, "status") ?
	         doc_map_str(s, "status") : "(none)");
	doc_free(doc);
	return buf;
}

/* The last audit row of the household, as "user|role|action|what". */
struct last_audit {
	char *line;
	long n;
};

static int audit_cb(const struct store_audit_row *r, void *arg)
{
	struct last_audit *a = arg;

	free(a->line);
	a->line = xasprintf("%s|%s|%s|%s", r->user ? r->user : "",
	                    r->role ? r->role : "", r->action ? r->action : "",
	                    r->what ? r->what : "");
	a->n++;
	return 0;
}

static char *last_audit(struct world *w, long *n)
{
	struct last_audit a = {NULL, 0};
	struct diags d = {0};

	(void)store_audit(w->duo, w->id, audit_cb, &a, &d);
	diags_free(&d);
	if (n)
		*n = a.n;
	return a.line ? a.line : xstrdup("");
}

#define CHECK_AUDIT(w, want) do { \
	char *unit_a = last_audit((w), NULL); \
	int unit_ok = strcmp(unit_a, (want)) == 0; \
	if (!unit_ok) \
		printf("# audit: %s\n", unit_a); \
	free(unit_a); \
	CHECK(unit_ok); \
} while (0)

/* Save doc as the duo. 0, -1 or STORE_CONFLICT; diagnostics in w->d. */
static int save(struct world *w, struct doc_node *doc, long rev)
{
	diags_clear(&w->d);
	return store_save_case(w->duo, doc, rev, NULL, NULL, 0, &w->d);
}

/* Version 2 as an evaluation of version 1, made complete (the evaluation
 * date is the one thing an evaluation does not carry over). */
static int start_v2(struct world *w)
{
	struct doc_node *doc, *s;
	long rev = 0;
	int v, rc;

	diags_clear(&w->d);
	v = review_evaluate(w->duo, forms(), w->id, &w->d);
	if (v != 2)
		return -1;
	doc = load(w, &rev);
	s = doc ? casedoc_session(doc, 2) : NULL;
	if (!s) {
		doc_free(doc);
		return -1;
	}
	casedoc_set(forms(), "sessions", s, "evaluation", "2027-02-15");
	rc = save(w, doc, rev);
	doc_free(doc);
	return rc;
}

/* Refused, with this in the message, and nothing changed. */
#define CHECK_REFUSED(w, call, msg) do { \
	char *unit_before = snapshot(w), *unit_after; \
	diags_clear(&(w)->d); \
	CHECK_INT((call), -1); \
	CHECK_CONTAINS(said(w), (msg)); \
	unit_after = snapshot(w); \
	CHECK_STR(unit_after, unit_before); \
	free(unit_before); \
	free(unit_after); \
} while (0)

/* text with its first from replaced by to; NULL when from is absent.
 * Caller frees. */
static char *replace_first(const char *text, const char *from,
                           const char *to)
{
	const char *p = strstr(text, from);

	if (!p)
		return NULL;
	return xasprintf("%.*s%s%s", (int)(p - text), text, to,
	                 p + strlen(from));
}

/* The row id of comment number n (1..) of version v. */
static long comment_id(struct world *w, int v, int n)
{
	struct doc_node *doc = load(w, NULL);
	struct review_comments c;
	long id = 0;

	review_comments(forms(), casedoc_session(doc, v), &c);
	if (n >= 1 && (size_t)n <= c.n)
		id = c.v[n - 1].id;
	review_comments_free(&c);
	doc_free(doc);
	return id;
}

/* ---- the steps ---------------------------------------------------------- */

TEST(a_whole_round_submit_return_resubmit_approve)
{
	struct world w;
	char *audit;
	long id, n0, n1;

	CHECK_INT(world_open(&w), 0);
	CHECK_STR(status_of(&w, 1), "vastgesteld");
	CHECK_INT(start_v2(&w), 0);
	CHECK_STR(status_of(&w, 2), "concept");
	CHECK_STR(status_of(&w, 1), "vastgesteld");

	/* the duo hands it in */
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	CHECK_STR(status_of(&w, 2), "ter-review");
	CHECK_AUDIT(&w, "Fatima El Amrani|lokaal|submit|versie 2: concept "
	            "\xe2\x86\x92 ter-review");

	/* the team lead comments and sends it back */
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "top3/1",
	                         "Hoe vaak gebeurt dit nu nog?", &id, &w.d), 0);
	CHECK(id > 0);
	CHECK_AUDIT(&w, "Marieke Jansen|teamleider|comment|versie 2: "
	            "opmerking bij top3/1 geplaatst");
	free(last_audit(&w, &n0));
	CHECK_INT(review_return(w.lead, w.id, 0, &w.d), 2);
	CHECK_STR(status_of(&w, 2), "concept");
	CHECK_AUDIT(&w, "Marieke Jansen|teamleider|return|versie 2: "
	            "ter-review \xe2\x86\x92 concept");
	free(last_audit(&w, &n1));
	CHECK_INT(n1, n0 + 1); /* one step, one audit row */

	/* the duo answers, resolves and hands it in again */
	CHECK_INT(review_reply(w.duo, w.id, id, "Twee keer sinds oktober, "
	                       "zegt Anouk.", &w.d), 0);
	CHECK_INT(review_resolve(w.duo, w.id, id, 1, &w.d), 0);
	CHECK_AUDIT(&w, "Fatima El Amrani|lokaal|resolve|versie 2: "
	            "opmerking bij top3/1 afgehandeld");
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);

	/* the team lead fixes it: version 1 becomes herzien in the same
	 * step */
	CHECK_INT(review_approve(w.lead, w.id, 0, &w.d), 2);
	CHECK_STR(status_of(&w, 2), "vastgesteld");
	CHECK_STR(status_of(&w, 1), "herzien");
	audit = last_audit(&w, NULL);
	CHECK_STR(audit, "Marieke Jansen|teamleider|approve|versie 2: "
	          "ter-review \xe2\x86\x92 vastgesteld; versie 1: "
	          "vastgesteld \xe2\x86\x92 herzien");
	free(audit);
	CHECK_INT(w.d.n, 0);

	/* the reviews of version 2: terug with the comment, then akkoord */
	{
		struct doc_node *doc = load(&w, NULL);
		struct doc_node *s = casedoc_session(doc, 2);
		struct doc_node *r = doc_map_get(s, "reviews");

		CHECK(r && r->len == 2);
		CHECK_STR(doc_map_str(r->item[0], "reviewer"), "Marieke Jansen");
		CHECK_STR(doc_map_str(r->item[0], "decision"), "terug");
		CHECK_STR(doc_map_str(r->item[0], "date"), "2026-11-23");
		CHECK_STR(doc_map_str(r->item[1], "decision"), "akkoord");
		CHECK(doc_map_get(r->item[1], "comments") == NULL);
		r = doc_map_get(r->item[0], "comments");
		CHECK(r && r->len == 1);
		CHECK_STR(doc_map_str(r->item[0], "reply"), "Twee keer sinds "
		          "oktober, zegt Anouk.");
		CHECK_STR(doc_map_str(r->item[0], "replied_by"),
		          "Fatima El Amrani");
		CHECK_STR(doc_map_str(r->item[0], "resolved"), "true");
		doc_free(doc);
	}
	/* and an evaluation starts version 3 from it */
	CHECK_INT(review_evaluate(w.duo, forms(), w.id, &w.d), 3);
	CHECK_STR(status_of(&w, 3), "concept");
	CHECK_STR(status_of(&w, 2), "vastgesteld");
	CHECK_AUDIT(&w, "Fatima El Amrani|lokaal|evaluate|versie 2 "
	            "(vastgesteld) \xe2\x86\x92 versie 3 (concept): evaluatie "
	            "begonnen");
	world_close(&w);
}

TEST(a_lokaal_or_rvt_user_cannot_fix_or_return)
{
	struct world w;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	CHECK_REFUSED(&w, review_approve(w.duo, w.id, 0, &w.d),
	              "alleen een teamleider stelt een analyse vast (je rol "
	              "is lokaal team)");
	store_set_role(w.duo, "rvt");
	CHECK_REFUSED(&w, review_approve(w.duo, w.id, 0, &w.d),
	              "alleen een teamleider stelt een analyse vast (je rol "
	              "is Regionaal Veiligheidsteam)");
	CHECK_REFUSED(&w, review_return(w.duo, w.id, 0, &w.d),
	              "alleen een teamleider stuurt een analyse terug");
	CHECK_REFUSED(&w, review_comment(w.duo, forms(), w.id, 0, "f1",
	                                 "Mag dit?", NULL, &w.d),
	              "alleen een teamleider plaatst opmerkingen");
	CHECK_STR(status_of(&w, 2), "ter-review");
	world_close(&w);
}

TEST(a_team_lead_does_not_hand_in_or_reply)
{
	struct world w;
	long id = 0;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	CHECK_REFUSED(&w, review_submit(w.lead, forms(), w.id, 0, &w.d),
	              "het duo (lokaal team of RVT) dient een analyse in; een "
	              "teamleider stelt haar vast of stuurt haar terug");
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "f1", "Bron?", &id,
	                         &w.d), 0);
	CHECK_REFUSED(&w, review_reply(w.lead, w.id, id, "Zo.", &w.d),
	              "het duo (lokaal team of RVT) beantwoordt opmerkingen");
	/* resolving is open to both */
	CHECK_INT(review_resolve(w.lead, w.id, id, 1, &w.d), 0);
	CHECK_AUDIT(&w, "Marieke Jansen|teamleider|resolve|versie 2: "
	            "opmerking bij f1 afgehandeld");
	CHECK_INT(review_resolve(w.lead, w.id, id, 0, &w.d), 0);
	CHECK_AUDIT(&w, "Marieke Jansen|teamleider|reopen|versie 2: "
	            "opmerking bij f1 weer open");
	world_close(&w);
}

TEST(an_unknown_role_changes_nothing)
{
	struct world w;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	store_set_role(w.duo, NULL);
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "je rol is niet bekend; kies lokaal, rvt of teamleider");
	store_set_role(w.duo, "baas");
	CHECK_REFUSED(&w, store_approve(w.duo, w.id, 0, &w.d),
	              "je rol is niet bekend ('baas')");
	world_close(&w);
}

TEST(steps_from_the_wrong_status_are_refused)
{
	struct world w;

	CHECK_INT(world_open(&w), 0);
	/* version 1 is vastgesteld */
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "versie 1 is vastgesteld; alleen een concept kan worden "
	              "ingediend");
	CHECK_REFUSED(&w, review_approve(w.lead, w.id, 0, &w.d),
	              "versie 1 is al vastgesteld");
	CHECK_REFUSED(&w, review_return(w.lead, w.id, 0, &w.d),
	              "versie 1 is vastgesteld en gaat niet meer terug");
	CHECK_INT(start_v2(&w), 0);
	/* approving or returning a concept */
	CHECK_REFUSED(&w, review_approve(w.lead, w.id, 0, &w.d),
	              "versie 2 is nog een concept; het duo dient haar eerst "
	              "in");
	CHECK_REFUSED(&w, review_return(w.lead, w.id, 0, &w.d),
	              "versie 2 is een concept en ligt al bij het duo");
	/* handing in twice */
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "versie 2 is al ingediend en wacht op de teamleider");
	/* an older version by number */
	CHECK_REFUSED(&w, review_approve(w.lead, w.id, 1, &w.d),
	              "versie 1 is al vastgesteld");
	CHECK_REFUSED(&w, review_approve(w.lead, w.id, 7, &w.d),
	              "versie 7 bestaat niet bij dit huishouden");
	CHECK_REFUSED(&w, review_approve(w.lead, "0e2d4c1a-1111-4222-8333-"
	                                 "444455556666", 0, &w.d),
	              "niet gevonden");
	world_close(&w);
}

TEST(return_needs_a_comment_and_submit_needs_them_resolved)
{
	struct world w;
	long id;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	CHECK_REFUSED(&w, review_return(w.lead, w.id, 0, &w.d),
	              "schrijf eerst in een opmerking wat het duo moet "
	              "aanpassen; terugsturen zonder opmerking kan niet");
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "f2", "Is dit "
	                         "nagevraagd bij de school?", &id, &w.d), 0);
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "plan", "Wie "
	                         "belt de huisarts?", NULL, &w.d), 0);
	CHECK_INT(review_return(w.lead, w.id, 0, &w.d), 2);
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "versie 2 heeft nog 2 open opmerkingen (bij f2, plan); "
	              "beantwoord ze en handel ze af voordat het duo indient");
	CHECK_INT(review_resolve(w.duo, w.id, id, 1, &w.d), 0);
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "nog 1 open opmerking (bij plan)");
	CHECK_INT(review_resolve(w.duo, w.id, comment_id(&w, 2, 2), 1, &w.d),
	          0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	world_close(&w);
}

TEST(an_incomplete_concept_is_not_handed_in)
{
	struct world w;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(review_evaluate(w.duo, forms(), w.id, &w.d), 2);
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "versie 2 is nog niet af en kan nog niet worden "
	              "ingediend; vul eerst aan: stap 4 (Plan): geen "
	              "evaluatiedatum");
	world_close(&w);
}

TEST(an_evaluation_starts_only_from_a_fixed_version)
{
	struct world w;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	CHECK_REFUSED(&w, review_evaluate(w.duo, forms(), w.id, &w.d),
	              "versie 2 is nog een concept; werk daarin verder");
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	CHECK_REFUSED(&w, review_evaluate(w.duo, forms(), w.id, &w.d),
	              "versie 2 is ingediend en wacht op de teamleider; een "
	              "evaluatie begint pas als zij is vastgesteld");
	world_close(&w);
}

/* ---- comments ------------------------------------------------------------ */

TEST(comments_are_checked_and_counted_per_stage)
{
	static const struct {
		const char *on;
		int stage;
	} on[] = {
		{"f1", 1}, {"m2", 1}, {"top3/2", 2}, {"a3", 3}, {"h1", 3},
		{"p2", 4}, {"plan", 4}, {"samenvatting", 5}, {"huishouden", 0},
		{"feiten", 1}, {"statements", 1},
	};
	struct world w;
	struct doc_node *doc;
	struct review_comments c;
	size_t i;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	for (i = 0; i < sizeof on / sizeof *on; i++)
		CHECK_INT(review_comment(w.lead, forms(), w.id, 0, on[i].on,
		                         "Waarom?", NULL, &w.d), 0);
	CHECK_REFUSED(&w, review_comment(w.lead, forms(), w.id, 0, "top3/3",
	                                 "Waarom?", NULL, &w.d),
	              "versie 2: onbekend doel 'top3/3': geen TOP-3 zorg met "
	              "rang 3 in deze sessie");
	CHECK_REFUSED(&w, review_comment(w.lead, forms(), w.id, 0, "x9",
	                                 "Waarom?", NULL, &w.d),
	              "onbekend doel 'x9'");
	CHECK_REFUSED(&w, review_comment(w.lead, forms(), w.id, 0, "f1", " \n",
	                                 NULL, &w.d),
	              "een opmerking zonder tekst kan niet");
	CHECK_INT(review_resolve(w.duo, w.id, comment_id(&w, 2, 3), 1, &w.d),
	          0);

	doc = load(&w, NULL);
	review_comments(forms(), casedoc_session(doc, 2), &c);
	CHECK_INT(c.n, 11);
	CHECK_INT(c.open, 10);
	for (i = 0; i < c.n; i++) {
		CHECK_INT(c.v[i].number, (int)i + 1);
		CHECK_STR(c.v[i].on, on[i].on);
		CHECK_INT(c.v[i].stage, on[i].stage);
		CHECK_STR(c.v[i].reviewer, "Marieke Jansen");
		CHECK(c.v[i].decision == NULL); /* the review goes on */
		CHECK(c.v[i].id > 0);
	}
	CHECK_INT(c.count[0], 1);
	CHECK_INT(c.count[1], 4);
	CHECK_INT(c.count[2], 1);
	CHECK_INT(c.open_count[2], 0);
	CHECK_INT(c.count[3], 2);
	CHECK_INT(c.count[4], 2);
	CHECK_INT(c.count[5], 1);
	CHECK_INT(c.count[6], 0);
	/* all in one open review of the team lead */
	CHECK_INT(doc_map_get(casedoc_session(doc, 2), "reviews")->len, 1);
	review_comments_free(&c);
	doc_free(doc);
	world_close(&w);
}

TEST(fixed_comments_stay_fixed)
{
	struct world w;
	long id;

	CHECK_INT(world_open(&w), 0);
	id = comment_id(&w, 1, 1);
	CHECK(id > 0);
	CHECK_REFUSED(&w, review_comment(w.lead, forms(), w.id, 1, "f1",
	                                 "Nog iets.", NULL, &w.d),
	              "versie 1 is vastgesteld; de opmerkingen liggen daarmee "
	              "ook vast");
	CHECK_REFUSED(&w, review_reply(w.duo, w.id, id, "Goed.", &w.d),
	              "versie 1 is vastgesteld; de opmerkingen liggen daarmee "
	              "ook vast");
	CHECK_REFUSED(&w, review_resolve(w.duo, w.id, id, 1, &w.d),
	              "versie 1 is vastgesteld");
	/* a comment of another household is not found */
	CHECK_REFUSED(&w, review_reply(w.duo, "0e2d4c1a-1111-4222-8333-"
	                               "444455556666", id, "Goed.", &w.d),
	              "bestaat niet bij dit huishouden");
	world_close(&w);
}

TEST(comments_replies_and_resolution_round_trip)
{
	struct world w;
	struct doc_node *root;
	struct store *other;
	char *a, *b, *c, *path, *file;
	char id2[UUID_STR_LEN];
	long id;
	FILE *f;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "top3/1", "Hoe gaat "
	                         "het nu met Sem?\nEn met Lotte?", &id, &w.d),
	          0);
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "h2", "Toetsen!",
	                         NULL, &w.d), 0);
	CHECK_INT(review_reply(w.duo, w.id, id, "Sem slaapt beter: \"rustig\","
	                       " zegt hij.", &w.d), 0);
	CHECK_INT(review_resolve(w.duo, w.id, id, 1, &w.d), 0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), -1);
	CHECK_INT(review_resolve(w.duo, w.id, comment_id(&w, 2, 2), 1, &w.d),
	          0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	a = export_yaml(w.duo, w.id);
	CHECK(a != NULL);
	CHECK_CONTAINS(a, "Sem slaapt beter: \\\"rustig\\\", zegt hij.");
	CHECK_CONTAINS(a, "replied_by: Fatima El Amrani");
	CHECK_CONTAINS(a, "resolved: true");
	/* the file validates and imports into another database, and comes
	 * out byte for byte the same */
	file = xasprintf("%s/out.yaml", w.dir);
	f = fopen(file, "w");
	CHECK(f != NULL);
	CHECK(fputs(a, f) >= 0);
	CHECK(fclose(f) == 0);
	root = load_file(file);
	CHECK(root != NULL);
	path = xasprintf("%s/other.db", w.dir);
	other = open_as(path, "Ander", "lokaal");
	CHECK(other != NULL);
	CHECK_INT(store_import_case(other, root, file, 0, id2, &w.d), 0);
	CHECK_STR(id2, w.id);
	b = export_yaml(other, id2);
	CHECK_STR(b, a);
	/* resolved: false (a file may say so) comes back as it came */
	doc_free(root);
	c = replace_first(a, "resolved: true", "resolved: false");
	CHECK(c != NULL);
	root = doc_load_buffer("c.yaml", c, strlen(c), NULL, &w.d);
	CHECK(root != NULL);
	CHECK_INT(store_import_case(other, root, "c.yaml", 1, NULL, &w.d), 0);
	free(b);
	b = export_yaml(other, id2);
	CHECK_STR(b, c);
	doc_free(root);
	store_close(other);
	free(a);
	free(b);
	free(c);
	free(path);
	free(file);
	world_close(&w);
}

/* ---- what a save may not change ------------------------------------------ */

TEST(a_fixed_version_is_not_edited_through_a_save)
{
	struct world w;
	struct doc_node *doc, *s1, *st, *list;
	long rev = 0;

	CHECK_INT(world_open(&w), 0);
	doc = load(&w, &rev);
	s1 = casedoc_session(doc, 1);
	st = doc_map_get(s1, "statements")->item[0];
	casedoc_set(forms(), "statements", st, "text", "Iets anders.");
	CHECK_REFUSED(&w, save(&w, doc, rev),
	              "versie 1 is vastgesteld en verandert niet meer; begin een "
	              "evaluatie (een nieuwe versie) om verder te werken");
	doc_free(doc);

	/* nor its status */
	doc = load(&w, &rev);
	casedoc_set(forms(), "sessions", casedoc_session(doc, 1), "status",
	            "concept");
	CHECK_REFUSED(&w, save(&w, doc, rev),
	              "de status van versie 1 verandert niet door bewerken (nu "
	              "vastgesteld, in het document concept); dat gaat met "
	              "indienen, vaststellen of terugsturen");
	doc_free(doc);

	/* nor its comments */
	doc = load(&w, &rev);
	list = doc_map_get(doc_map_get(casedoc_session(doc, 1), "reviews")
	                   ->item[0], "comments");
	casedoc_set(forms(), "comments", list->item[0], "resolved", "true");
	CHECK_REFUSED(&w, save(&w, doc, rev), "versie 1 is vastgesteld");
	doc_free(doc);

	/* it is not removed */
	doc = load(&w, &rev);
	casedoc_remove(doc, NULL, "sessions", 0);
	CHECK_REFUSED(&w, save(&w, doc, rev),
	              "versie 1 is vastgesteld of herzien en blijft bewaard; "
	              "verwijderen kan niet");
	doc_free(doc);

	/* nor is a member it names, but a new name is fine (the session
	 * holds the ref) */
	doc = load(&w, &rev);
	CHECK_INT(review_member_locked(doc, "sem"), 1);
	CHECK_INT(review_member_locked(doc, "niemand"), 0);
	casedoc_remove(doc, NULL, "members", 2);
	CHECK_REFUSED(&w, save(&w, doc, rev), "versie 1 is vastgesteld");
	doc_free(doc);
	doc = load(&w, &rev);
	casedoc_set(forms(), "members",
	            doc_map_get(doc_map_get(doc, "household"), "members")
	            ->item[2], "name", "Sem Visser");
	CHECK_INT(save(&w, doc, rev), 0);
	doc_free(doc);
	world_close(&w);
}

TEST(a_handed_in_version_holds_still)
{
	struct world w;
	struct doc_node *doc, *st;
	long rev = 0;
	char why[256];

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	doc = load(&w, &rev);
	CHECK_INT(review_editable(casedoc_session(doc, 2), why, sizeof why), 0);
	CHECK_CONTAINS(why, "Versie 2 is ingediend en wacht op de teamleider");
	CHECK_INT(review_editable(casedoc_session(doc, 1), why, sizeof why), 0);
	CHECK_CONTAINS(why, "Versie 1 is vastgesteld");
	st = doc_map_get(casedoc_session(doc, 2), "statements")->item[1];
	casedoc_set(forms(), "statements", st, "verified", "true");
	CHECK_REFUSED(&w, save(&w, doc, rev),
	              "versie 2 is ingediend en wacht op de teamleider; "
	              "aanpassen kan weer als de teamleider haar terugstuurt");
	doc_free(doc);
	/* after return it is a concept again, and edited */
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "f2", "Geverifieerd?",
	                         NULL, &w.d), 0);
	CHECK_INT(review_return(w.lead, w.id, 0, &w.d), 2);
	doc = load(&w, &rev);
	CHECK_INT(review_editable(casedoc_session(doc, 2), why, sizeof why), 1);
	st = doc_map_get(casedoc_session(doc, 2), "statements")->item[1];
	casedoc_set(forms(), "statements", st, "verified", "true");
	CHECK_INT(save(&w, doc, rev), 0);
	doc_free(doc);
	world_close(&w);
}

TEST(submit_checks_the_state_it_hands_in)
{
	struct world w;
	struct doc_node *doc, *sess;
	long rev = 0, rev2 = 0;

	CHECK_INT(world_open(&w), 0);
	CHECK_INT(start_v2(&w), 0);
	/* checked complete at rev; another process empties the evaluation
	 * date before the step: the step refuses to hand in that state */
	doc = load(&w, &rev);
	sess = casedoc_session(doc, 2);
	casedoc_set(forms(), "sessions", sess, "evaluation", NULL);
	CHECK_INT(save(&w, doc, rev), 0);
	doc_free(doc);
	diags_clear(&w.d);
	CHECK_INT(store_submit_at(w.duo, w.id, 0, rev, &w.d), STORE_MOVED);
	CHECK_INT(w.d.n, 0);
	CHECK_STR(status_of(&w, 2), "concept");
	/* review_submit looks again and says what is missing now */
	CHECK_REFUSED(&w, review_submit(w.duo, forms(), w.id, 0, &w.d),
	              "geen evaluatiedatum");
	doc = load(&w, &rev2);
	CHECK(rev2 > rev);
	casedoc_set(forms(), "sessions", casedoc_session(doc, 2), "evaluation",
	            "2027-02-15");
	CHECK_INT(save(&w, doc, rev2), 0);
	doc_free(doc);
	diags_clear(&w.d);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	world_close(&w);
}

TEST(fixing_ends_another_team_leads_open_review)
{
	struct world w;
	struct store *jan;
	struct doc_node *doc, *r;
	char *audit;

	CHECK_INT(world_open(&w), 0);
	jan = open_as(w.path, "Jan de Wit", "teamleider");
	CHECK(jan != NULL);
	CHECK_INT(start_v2(&w), 0);
	CHECK_INT(review_submit(w.duo, forms(), w.id, 0, &w.d), 2);
	CHECK_INT(review_comment(jan, forms(), w.id, 0, "f2", "Bron?", NULL,
	                         &w.d), 0);
	CHECK_INT(review_approve(w.lead, w.id, 0, &w.d), 2);
	audit = last_audit(&w, NULL);
	CHECK_CONTAINS(audit, "beoordeling vervallen van Jan de Wit");
	free(audit);
	doc = load(&w, NULL);
	r = doc_map_get(casedoc_session(doc, 2), "reviews");
	CHECK(r && r->len == 2);
	CHECK_STR(doc_map_str(r->item[0], "reviewer"), "Jan de Wit");
	CHECK_STR(doc_map_str(r->item[0], "decision"), "vervallen");
	CHECK_STR(doc_map_str(r->item[1], "decision"), "akkoord");
	doc_free(doc);
	store_close(jan);
	world_close(&w);
}

TEST(a_save_adds_one_concept_version_after_a_fixed_one)
{
	struct world w;
	struct doc_node *doc, *s;
	long rev = 0;

	CHECK_INT(world_open(&w), 0);
	/* a new version that is not a concept */
	doc = load(&w, &rev);
	s = casedoc_new_version(doc, "2026-11-23");
	casedoc_set(forms(), "sessions", s, "status", "vastgesteld");
	CHECK_REFUSED(&w, save(&w, doc, rev), "een nieuwe versie (versie 2) "
	              "begint als concept, niet als vastgesteld");
	doc_free(doc);
	/* two at once */
	doc = load(&w, &rev);
	casedoc_new_version(doc, "2026-11-23");
	casedoc_new_session(doc, "2026-11-23");
	CHECK_REFUSED(&w, save(&w, doc, rev), "er kan één nieuwe versie "
	              "tegelijk bijkomen, niet 2");
	doc_free(doc);
	/* one, then another while the first is still a concept */
	doc = load(&w, &rev);
	casedoc_new_version(doc, "2026-11-23");
	CHECK_INT(save(&w, doc, rev), 0);
	doc_free(doc);
	doc = load(&w, &rev);
	casedoc_new_version(doc, "2026-11-23");
	CHECK_REFUSED(&w, save(&w, doc, rev), "versie 2 is nog concept; een "
	              "nieuwe versie begint pas als de vorige is vastgesteld");
	doc_free(doc);
	world_close(&w);
}

/* ---- what an import --replace may not change ------------------------------ */

/* Replace the household with its export changed by fn. */
static int replace_with(struct world *w, void (*fn)(struct doc_node *root))
{
	struct doc_node *root = store_export_case(w->duo, forms(), w->id,
	                                          &w->d);
	int rc;

	if (!root)
		return -1;
	fn(root);
	diags_clear(&w->d);
	rc = store_import_case(w->duo, root, "visser.yaml", 1, NULL, &w->d);
	doc_free(root);
	return rc;
}

static struct doc_node *session_at(struct doc_node *root, size_t i)
{
	return doc_map_get(root, "sessions")->item[i];
}

static void change_text(struct doc_node *root)
{
	struct doc_node *st = doc_map_get(session_at(root, 0), "statements");

	free(doc_map_get(st->item[0], "text")->text);
	doc_map_get(st->item[0], "text")->text = xstrdup("Anders.");
}

static void drop_v1(struct doc_node *root)
{
	struct doc_node *list = doc_map_get(root, "sessions");

	doc_free(list->item[0]);
	list->item[0] = list->item[--list->len];
}

static void to_concept(struct doc_node *root)
{
	struct doc_node *v = doc_map_get(session_at(root, 0), "status");

	free(v->text);
	v->text = xstrdup("concept");
}

static void to_herzien(struct doc_node *root)
{
	struct doc_node *v = doc_map_get(session_at(root, 0), "status");

	free(v->text);
	v->text = xstrdup("herzien");
}

static void unchanged(struct doc_node *root)
{
	(void)root;
}

TEST(an_import_does_not_change_what_is_fixed)
{
	struct world w;

	CHECK_INT(world_open(&w), 0);
	CHECK_REFUSED(&w, replace_with(&w, change_text),
	              "visser.yaml: dit bestand verandert versie 1, maar die is "
	              "in de database vastgesteld en verandert niet meer");
	CHECK_REFUSED(&w, replace_with(&w, drop_v1),
	              "dit bestand mist versie 1, maar die is in de database "
	              "vastgesteld en blijft bewaard");
	CHECK_REFUSED(&w, replace_with(&w, to_concept),
	              "dit bestand zet versie 1 op concept, maar die is in de "
	              "database vastgesteld");
	CHECK_INT(replace_with(&w, unchanged), 0);
	/* a version fixed elsewhere makes this one herzien */
	CHECK_INT(replace_with(&w, to_herzien), 0);
	CHECK_STR(status_of(&w, 1), "herzien");
	CHECK_REFUSED(&w, replace_with(&w, to_concept),
	              "dit bestand zet versie 1 op concept, maar die is in de "
	              "database herzien");
	world_close(&w);
}

/* ---- the schema ----------------------------------------------------------- */

static int raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* Remove what schema 3 added (the search index: tables, views,
 * triggers), so that the steps back to schema 1 below can be taken. */
static int drop_search_index(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct strbuf sql = {0};
	int rc = sqlite3_open(path, &db);

	sb_add(&sql, "DROP TABLE search; DROP TABLE search_queue;");
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT type, name FROM sqlite_schema"
		                        " WHERE name LIKE '%search%' AND type IN"
		                        " ('view', 'trigger')", -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&sql, "DROP %s %s;", sqlite3_column_text(st, 0),
		        sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sb_str(&sql), NULL, NULL, NULL);
	sqlite3_close(db);
	sb_free(&sql);
	return rc;
}

TEST(a_schema_1_database_is_migrated_and_keeps_its_data)
{
	struct world w;
	char *before, *after;
	struct store *s;
	long n;
	char *audit;

	CHECK_INT(world_open(&w), 0);
	before = export_yaml(w.duo, w.id);
	store_close(w.duo);
	store_close(w.lead);
	/* what a database of schema 1 looked like */
	CHECK_INT(drop_search_index(w.path), SQLITE_OK);
	CHECK_INT(raw_exec(w.path,
	                   "ALTER TABLE review_comment DROP COLUMN reply;"
	                   "ALTER TABLE review_comment DROP COLUMN replied_by;"
	                   "ALTER TABLE review_comment DROP COLUMN resolved;"
	                   "ALTER TABLE audit DROP COLUMN role;"
	                   "PRAGMA user_version = 1;"), SQLITE_OK);
	s = open_as(w.path, "Fatima El Amrani", "lokaal");
	CHECK(s != NULL);
	w.duo = s;
	w.lead = open_as(w.path, "Marieke Jansen", "teamleider");
	CHECK_INT(store_check(s, &w.d), 0);
	after = export_yaml(s, w.id);
	CHECK_STR(after, before);
	/* the old audit rows have no role; new ones do */
	audit = last_audit(&w, &n);
	CHECK_STR(audit, "Fatima El Amrani||import|geïmporteerd uit "
	          "gezin-visser.yaml: 5 leden, 1 sessie");
	free(audit);
	CHECK_INT(start_v2(&w), 0);
	CHECK_INT(review_comment(w.lead, forms(), w.id, 0, "f1", "Bron?", NULL,
	                         &w.d), 0);
	CHECK_AUDIT(&w, "Marieke Jansen|teamleider|comment|versie 2: "
	            "opmerking bij f1 geplaatst");
	free(before);
	free(after);
	world_close(&w);
}

int main(void)
{
	RUN(a_whole_round_submit_return_resubmit_approve);
	RUN(submit_checks_the_state_it_hands_in);
	RUN(fixing_ends_another_team_leads_open_review);
	RUN(a_lokaal_or_rvt_user_cannot_fix_or_return);
	RUN(a_team_lead_does_not_hand_in_or_reply);
	RUN(an_unknown_role_changes_nothing);
	RUN(steps_from_the_wrong_status_are_refused);
	RUN(return_needs_a_comment_and_submit_needs_them_resolved);
	RUN(an_incomplete_concept_is_not_handed_in);
	RUN(an_evaluation_starts_only_from_a_fixed_version);
	RUN(comments_are_checked_and_counted_per_stage);
	RUN(fixed_comments_stay_fixed);
	RUN(comments_replies_and_resolution_round_trip);
	RUN(a_fixed_version_is_not_edited_through_a_save);
	RUN(a_handed_in_version_holds_still);
	RUN(a_save_adds_one_concept_version_after_a_fixed_one);
	RUN(an_import_does_not_change_what_is_fixed);
	RUN(a_schema_1_database_is_migrated_and_keeps_its_data);
	formset_free(&forms_default);
	return unit_done();
}
