/*
 * test_overview.c - the team lead's overview (overview.h) on made-up
 * households with pinned dates: who waits for review, whose evaluation is
 * overdue, who had no session for too long, in which order, agreeing with
 * store_list's filters; and the audit trail made readable (auditlog.h):
 * grouped per moment, local times, Dutch action names.
 *
 * Run from the top of the repository (forms in "forms").
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "casedoc.h"
#include "casefile.h"
#include "form.h"
#include "overview.h"
#include "store.h"
#include "unit.h"
#include "util.h"

#define FORMS "forms"

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

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/duo-overview-XXXXXX";

	if (!mkdtemp(tmpl))
		return NULL;
	return xstrdup(tmpl);
}

static void cleanup(char *dir)
{
	char *cmd;

	if (!dir)
		return;
	assert(strncmp(dir, "/tmp/duo-overview-", 18) == 0);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

static struct store *open_db(const char *dir)
{
	struct diags d = {0};
	char *path = xasprintf("%s/duo.db", dir);
	struct store *s = store_open(path, "Fatima El Amrani", &d);

	diags_print(stderr, &d);
	diags_free(&d);
	free(path);
	return s;
}

/* A household named name with sessions given as YAML flow mappings. */
static int add(struct store *s, const char *name, const char *sessions)
{
	struct diags d = {0};
	char *text = xasprintf("format: duo-case/1\nhousehold: {name: %s}\n%s",
	                       name, sessions);
	int rc = case_import_buffer(s, forms(), name, text, strlen(text),
	                            CASE_ALLOW_INCOMPLETE, NULL, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	free(text);
	return rc;
}

/* The names on a list, joined by ", ". Caller frees. */
static char *names(const struct overview_list *l)
{
	struct strbuf sb = {0};
	size_t i;

	sb_add(&sb, "");
	for (i = 0; i < l->n; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", l->v[i].name);
	return sb_steal(&sb);
}

struct names_cb {
	struct strbuf sb;
};

static int list_name(const struct store_list_row *row, void *arg)
{
	struct names_cb *c = arg;

	sb_addf(&c->sb, "%s%s", c->sb.len ? ", " : "", row->name);
	return 0;
}

/* The names store_list gives with filter f, sorted like names() of a
 * list sorted by name. Caller frees. */
static char *listed(struct store *s, const struct store_list_filter *f)
{
	struct names_cb c;
	struct diags d = {0};

	memset(&c, 0, sizeof c);
	sb_add(&c.sb, "");
	(void)store_list(s, f, list_name, &c, &d);
	diags_free(&d);
	return sb_steal(&c.sb);
}

/* The made-up region, as of 2026-11-23. */
static struct store *region(const char *dir)
{
	struct store *s = open_db(dir);

	if (!s)
		return NULL;
	setenv("DUO_NOW", "2026-01-05T09:00:00Z", 1); /* made long ago */
	if (add(s, "Gezin Anker", "sessions:\n"
	        "  - {version: 1, date: 2026-10-01, status: ter-review,"
	        " evaluation: 2027-02-01}\n") != 0 ||
	    add(s, "Gezin Bosman", "sessions:\n"
	        "  - {version: 1, date: 2026-11-10, status: ter-review,"
	        " evaluation: 2027-03-01}\n") != 0 ||
	    add(s, "Gezin Claes", "sessions:\n"
	        "  - {version: 1, date: 2026-09-01, status: vastgesteld,"
	        " evaluation: 2026-11-01}\n") != 0 ||
	    add(s, "Gezin Dekker", "sessions:\n"
	        "  - {version: 1, date: 2026-05-01, status: vastgesteld,"
	        " evaluation: 2026-08-01}\n") != 0 ||
	    /* evaluated: version 1's date passed, version 2 is later */
	    add(s, "Gezin Evers", "sessions:\n"
	        "  - {version: 1, date: 2026-06-01, status: herzien,"
	        " evaluation: 2026-09-01}\n"
	        "  - {version: 2, date: 2026-09-05, status: concept,"
	        " evaluation: 2026-12-20}\n") != 0 ||
	    /* a session exactly 90 days ago is not quiet; 91 is */
	    add(s, "Gezin Fokker", "sessions:\n"
	        "  - {version: 1, date: 2026-08-25, status: concept}\n") != 0 ||
	    add(s, "Gezin Groen", "sessions:\n"
	        "  - {version: 1, date: 2026-08-24, status: concept}\n") != 0 ||
	    add(s, "Gezin Haas", "") != 0) {
		store_close(s);
		s = NULL;
	}
	unsetenv("DUO_NOW");
	return s;
}

TEST(three_lists_in_their_order)
{
	char *dir = tmpdir();
	struct store *s = region(dir);
	struct overview o;
	struct diags d = {0};
	char *n;

	CHECK(s != NULL);
	CHECK_INT(overview_load(s, "2026-11-23", 90, &o, &d), 0);
	CHECK_STR(o.today, "2026-11-23");
	n = names(&o.review);
	CHECK_STR(n, "Gezin Anker, Gezin Bosman");   /* longest waiting first */
	free(n);
	CHECK_STR(o.review.v[0].date, "2026-10-01");
	CHECK_INT(o.review.v[0].days, 53);
	CHECK_INT(o.review.v[0].version, 1);
	CHECK_STR(o.review.v[0].status, "ter-review");
	n = names(&o.overdue);
	CHECK_STR(n, "Gezin Dekker, Gezin Claes");   /* most overdue first */
	free(n);
	CHECK_STR(o.overdue.v[0].date, "2026-08-01");
	CHECK_INT(o.overdue.v[0].days, 114);
	n = names(&o.quiet);
	CHECK_STR(n, "Gezin Haas, Gezin Dekker, Gezin Groen");
	free(n);
	CHECK_INT(o.quiet.v[0].version, 0);          /* no session: made */
	CHECK_STR(o.quiet.v[0].date, "2026-01-05");
	CHECK_INT(o.quiet.v[2].days, 91);
	overview_free(&o);
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

/* The first two lists are duo list --status ter-review and --overdue. */
TEST(agrees_with_the_list_filters)
{
	static const char *const days[] = {
		"2026-11-23", "2026-08-02", "2027-01-01", "2027-06-01",
	};
	char *dir = tmpdir();
	struct store *s = region(dir);
	struct store_list_filter f;
	struct diags d = {0};
	size_t i;

	CHECK(s != NULL);
	for (i = 0; i < sizeof days / sizeof *days; i++) {
		struct overview o;
		char *a, *b;
		struct overview_list sorted;

		CHECK_INT(overview_load(s, days[i], 30, &o, &d), 0);
		memset(&f, 0, sizeof f);
		f.status = "ter-review";
		a = listed(s, &f);
		sorted = o.review;
		b = names(&sorted);
		/* same households; the list is by name, the overview by
		 * date, which here gives the same order */
		CHECK_STR(b, a);
		free(a);
		free(b);
		memset(&f, 0, sizeof f);
		f.overdue_on = days[i];
		a = listed(s, &f);
		b = names(&o.overdue);
		{
			/* compare as sets: count and each name */
			size_t k;

			for (k = 0; k < o.overdue.n; k++)
				CHECK(strstr(a, o.overdue.v[k].name) != NULL);
			CHECK_INT(strlen(a), strlen(b));
		}
		free(a);
		free(b);
		overview_free(&o);
	}
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

TEST(today_comes_from_duo_today)
{
	char *dir = tmpdir();
	struct store *s = region(dir);
	struct overview o;
	struct diags d = {0};

	CHECK(s != NULL);
	setenv("DUO_TODAY", "2027-06-01", 1);
	CHECK_INT(overview_load(s, NULL, 90, &o, &d), 0);
	unsetenv("DUO_TODAY");
	CHECK_STR(o.today, "2027-06-01");
	CHECK_INT(o.overdue.n, 5); /* all but Fokker, Groen, Haas */
	overview_free(&o);
	CHECK_INT(overview_load(s, "2026-02-30", 90, &o, &d), -1);
	CHECK(d.n == 1);
	overview_free(&o);
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

/* ---- the audit trail ---------------------------------------------------- */

TEST(audit_trail_grouped_and_local)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct auditlog l;
	struct diags d = {0};
	struct doc_node *doc;
	char *changes[] = { (char *)"feit f1: Bron gewijzigd",
	                    (char *)"plan p1 toegevoegd" };
	char id[UUID_STR_LEN] = "";
	long rev = 0, nrev = 0;
	char when[17];

	CHECK(s != NULL);
	setenv("TZ", "Europe/Amsterdam", 1);
	setenv("DUO_NOW", "2026-11-23T10:00:00Z", 1);
	CHECK_INT(add(s, "Gezin Ijzer", "sessions:\n"
	          "  - {version: 1, date: 2026-11-20, status: concept}\n"), 0);
	CHECK_INT(store_find_household(s, "Gezin Ijzer", id, &d), 0);
	doc = store_load_case(s, forms(), id, &rev, &d);
	CHECK(doc != NULL);
	setenv("DUO_NOW", "2026-06-01T12:30:00Z", 1); /* summer time */
	CHECK_INT(store_save_case(s, doc, rev, &nrev, changes, 2, &d), 0);
	unsetenv("DUO_NOW");
	CHECK_INT(auditlog_load(s, id, &l, &d), 0);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.v[0].when, "2026-11-23 11:00");
	CHECK_STR(l.v[0].user, "Fatima El Amrani");
	CHECK_STR(l.v[0].action, "import");
	CHECK_STR(l.v[0].label, "ingelezen");
	CHECK_INT(l.v[0].nlines, 1);
	CHECK_CONTAINS(l.v[0].lines[0], "1 sessie");
	CHECK_STR(l.v[1].when, "2026-06-01 14:30");
	CHECK_STR(l.v[1].label, "bewerkt");
	CHECK_INT(l.v[1].nlines, 2);
	CHECK_STR(l.v[1].lines[0], "feit f1: Bron gewijzigd");
	CHECK_STR(l.v[1].lines[1], "plan p1 toegevoegd");
	auditlog_free(&l);
	/* an unknown household has an empty trail */
	CHECK_INT(auditlog_load(s, "00000000-0000-4000-8000-000000000000", &l,
	                        &d), 0);
	CHECK_INT(l.n, 0);
	auditlog_free(&l);
	CHECK_STR(auditlog_action_label("replace"), "vervangen door import");
	CHECK_STR(auditlog_action_label("iets-nieuws"), "iets-nieuws");
	CHECK_INT(auditlog_local_time("gisteren", when), -1);
	CHECK_STR(when, "gisteren");
	CHECK_INT(auditlog_local_time("2026-13-01T00:00:00Z", when), -1);
	unsetenv("TZ");
	doc_free(doc);
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

int main(void)
{
	RUN(three_lists_in_their_order);
	RUN(agrees_with_the_list_filters);
	RUN(today_comes_from_duo_today);
	RUN(audit_trail_grouped_and_local);
	formset_free(&forms_default);
	return unit_done();
}
