/*
 * test_search.c - full-text search (search.h) and the index the store keeps
 * for it: accents and letters folded both ways, several words, prefixes,
 * text that is only in a review comment, the item and snippet a hit
 * names, and the index in step after a save, a replace, a deleted item, a
 * failed import in a batch, a delete by another program, and the
 * migration that builds it for a database of schema 1.
 *
 * Run from the top of the repository: forms are read from "forms", the
 * made-up household with two versions from tests/cases/versions and the
 * shared example from ../shared/examples. Every test works in its own
 * directory under /tmp.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "casedoc.h"
#include "casefile.h"
#include "doc.h"
#include "form.h"
#include "search.h"
#include "store.h"
#include "unit.h"
#include "util.h"

#define FORMS "forms"
#define KRAMER "tests/cases/versions/gezin-kramer.yaml"
#define VISSER "../shared/examples/gezin-visser.yaml"
#define KRAMER_ID "7c0d2a4e-5b1f-4e3a-9c2d-1a2b3c4d5e6f"

/* ---- helpers ------------------------------------------------------------ */

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/duo-search-XXXXXX";

	if (!mkdtemp(tmpl))
		return NULL;
	return xstrdup(tmpl);
}

static void cleanup(char *dir)
{
	char *cmd;

	if (!dir)
		return;
	assert(strncmp(dir, "/tmp/duo-search-", 16) == 0);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

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

static struct store *open_db(const char *dir)
{
	struct diags d = {0};
	char *path = xasprintf("%s/duo.db", dir);
	struct store *s = store_open(path, "tester", &d);

	diags_print(stderr, &d);
	diags_free(&d);
	free(path);
	return s;
}

static int import_file(struct store *s, const char *path, unsigned flags)
{
	struct diags d = {0};
	int rc = case_import_file(s, forms(), path, flags, NULL, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return rc;
}

static int import_text(struct store *s, const char *text)
{
	struct diags d = {0};
	int rc = case_import_buffer(s, forms(), "test.yaml", text,
	                            strlen(text), 0, NULL, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return rc;
}

/* Search, failing the test on an error. */
static struct search_results run(struct store *s, const char *query)
{
	struct search_results r;
	struct diags d = {0};
	int rc = search_run(s, forms(), query, NULL, &r, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	if (rc != 0) {
		search_results_free(&r);
		memset(&r, 0, sizeof r);
		r.nterms = (size_t)-1;
	}
	return r;
}

/* How many hits query has. -1 on an error. */
static long hits(struct store *s, const char *query)
{
	struct search_results r = run(s, query);
	long n = r.nterms == (size_t)-1 ? -1 : (long)r.n;

	search_results_free(&r);
	return n;
}

/* The index of the first hit whose snippet contains text, or -1. */
static long hit_with(const struct search_results *r, const char *text)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strstr(r->v[i].snippet, text))
			return (long)i;
	return -1;
}

/* The marked parts of a hit's snippet, joined by "|". Caller frees. */
static char *marked(const struct search_hit *h)
{
	struct strbuf sb = {0};
	size_t i;

	sb_add(&sb, "");
	for (i = 0; i < h->nmarks; i++) {
		if (i)
			sb_addc(&sb, '|');
		sb_addn(&sb, h->snippet + h->marks[i].off, h->marks[i].len);
	}
	return sb_steal(&sb);
}

static int raw_sql(const char *dir, const char *sql)
{
	char *path = xasprintf("%s/duo.db", dir);
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "# %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	free(path);
	return rc;
}

static int healthy(struct store *s)
{
	struct diags d = {0};
	int rc = store_check(s, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return rc == 0;
}

/* Names with accents and letters that have none to take off. */
static const char accents_yaml[] =
	"format: duo-case/1\n"
	"household:\n"
	"  name: Huishouden Accenten\n"
	"  members:\n"
	"    - {ref: n1, name: Noëlle Aksoy, role: ouder}\n"
	"    - {ref: n2, name: Noelle Bakker, role: netwerk}\n"
	"    - {ref: r1, name: Ruşen Işık, role: partner}\n"
	"    - {ref: l1, name: Loïs, role: kind}\n"
	"    - {ref: y1, name: Barış Yılmaz, role: overig}\n"
	"    - {ref: y2, name: Emre Yilmaz, role: overig}\n"
	"    - {ref: w1, name: Łukasz Wiśniewski, role: overig}\n"
	"    - {ref: s1, name: Jürgen Straße, role: overig}\n"
	"    - {ref: d1, name: Đorđe Søndergaard, role: overig}\n";

/* ---- folding and words -------------------------------------------------- */

TEST(fold_maps_the_letters_without_accent)
{
	char *f = search_fold("Yılmaz Łukasz Straße Đorđe Søren Æsa Œuvre "
	                      "Ĳssel Noëlle");

	CHECK_STR(f, "Yilmaz lukasz Strasse dorde Soren aesa oeuvre ijssel "
	          "Noëlle");
	free(f);
	f = search_fold(NULL);
	CHECK_STR(f, "");
	free(f);
}

/* What unicode61 with remove_diacritics 2 does itself: ë, ş, ï, ç, ğ, ö,
 * ś, é fall away, both ways. */
TEST(accents_fold_both_ways)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);

	CHECK(s != NULL);
	CHECK_INT(import_text(s, accents_yaml), 0);
	CHECK_INT(hits(s, "noelle"), 2);   /* Noëlle and Noelle */
	CHECK_INT(hits(s, "Noëlle"), 2);
	CHECK_INT(hits(s, "NOËLLE aksoy"), 1);
	CHECK_INT(hits(s, "rusen"), 1);
	CHECK_INT(hits(s, "Ruşen"), 1);
	CHECK_INT(hits(s, "lois"), 1);
	CHECK_INT(hits(s, "Loïs"), 1);
	CHECK_INT(hits(s, "wisniewski"), 1);
	CHECK_INT(hits(s, "jurgen"), 1);
	store_close(s);
	cleanup(dir);
}

/* Letters unicode61 keeps (ı ł ß đ ø) are folded too, both ways. */
TEST(letters_without_accent_fold_both_ways)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);

	CHECK(s != NULL);
	CHECK_INT(import_text(s, accents_yaml), 0);
	CHECK_INT(hits(s, "yilmaz"), 2);   /* Yılmaz and Yilmaz */
	CHECK_INT(hits(s, "Yılmaz"), 2);
	CHECK_INT(hits(s, "baris"), 1);
	CHECK_INT(hits(s, "isik"), 1);
	CHECK_INT(hits(s, "lukasz"), 1);
	CHECK_INT(hits(s, "Łukasz"), 1);
	CHECK_INT(hits(s, "strasse"), 1);
	CHECK_INT(hits(s, "Straße"), 1);
	CHECK_INT(hits(s, "dorde"), 1);
	CHECK_INT(hits(s, "sondergaard"), 1);
	store_close(s);
	cleanup(dir);
}

/* Every word must be in the same item; a word of two or more characters
 * is also a prefix, a single character is not. */
TEST(several_words_and_prefixes)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct search_results r;
	char *m;

	CHECK(s != NULL);
	CHECK_INT(import_file(s, VISSER, 0), 0);
	r = run(s, "Sem trap");
	CHECK_INT(r.nterms, 2);
	CHECK_INT(r.n, 2);     /* f1 and TOP-3 1 */
	CHECK(hit_with(&r, "trap") >= 0);
	m = marked(&r.v[hit_with(&r, "stond")]);
	CHECK_STR(m, "Sem|trap");
	free(m);
	search_results_free(&r);
	CHECK_INT(hits(s, "sem schuldhulpverlening"), 0); /* different items */
	CHECK_INT(hits(s, "blauwe plek"), 1);
	CHECK_INT(hits(s, "blauw"), 1);                    /* a prefix */
	CHECK_INT(hits(s, "schuldhulp"), 2);               /* p3, its factor */
	CHECK_INT(hits(s, "t"), 0);     /* one character: a word of its own */
	CHECK_INT(hits(s, "el-amrani"), 2); /* participant and plan item */
	CHECK_INT(hits(s, "!!! ??"), 0);
	r = run(s, "  ");
	CHECK_INT(r.nterms, 0);
	search_results_free(&r);
	store_close(s);
	cleanup(dir);
}

TEST(too_many_words_are_refused)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct search_results r;
	struct diags d = {0};
	struct strbuf q = {0};
	int i;

	CHECK(s != NULL);
	for (i = 0; i < SEARCH_MAX_TERMS + 1; i++)
		sb_addf(&q, "woord%d ", i);
	CHECK_INT(search_run(s, forms(), sb_str(&q), NULL, &r, &d), -1);
	CHECK(d.n == 1);
	CHECK_CONTAINS(d.v[0].msg, "te veel zoekwoorden");
	search_results_free(&r);
	diags_free(&d);
	sb_free(&q);
	store_close(s);
	cleanup(dir);
}

/* A hit says where it is: household, version, stage, section, row id,
 * the item's name, the field and the snippet. */
TEST(hits_name_household_version_stage_and_item)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct search_results r;
	long rev = 0;
	struct diags d = {0};
	struct doc_node *doc;
	const struct search_hit *h;
	char idtext[24];

	CHECK(s != NULL);
	CHECK_INT(import_file(s, KRAMER, 0), 0);
	/* only in a review comment */
	r = run(s, "buurtapp");
	CHECK_INT(r.n, 1);
	h = &r.v[0];
	CHECK_STR(h->household_id, KRAMER_ID);
	CHECK_STR(h->household_name, "Gezin Kramer");
	CHECK_INT(h->version, 1);
	CHECK_STR(h->status, "herzien");
	CHECK_STR(h->section, "comments");
	CHECK_INT(h->stage, 6);
	CHECK_STR(h->item, "top3/1");
	CHECK_STR(h->name, "opmerking op top3/1");
	CHECK_STR(h->field, "text");
	CHECK_STR(h->snippet, "Vraag de buurtapp-berichten op als bron.");
	CHECK_INT(h->nmarks, 1);
	CHECK_INT(h->marks[0].off, 9);
	CHECK_INT(h->marks[0].len, 8);
	/* the row id is the comment's "_id" in the household as loaded */
	doc = store_load_case(s, forms(), KRAMER_ID, &rev, &d);
	CHECK(doc != NULL);
	snprintf(idtext, sizeof idtext, "%ld", h->item_id);
	{
		struct doc_node *sess = casedoc_session(doc, 1);
		struct doc_node *review = casedoc_list(doc, sess, "reviews",
		                                       0)->item[0];

		CHECK(casedoc_find(doc, review, "comments", idtext, NULL) !=
		      NULL);
	}
	doc_free(doc);
	search_results_free(&r);

	/* a statement: the field that matched best, in the newer version
	 * first */
	r = run(s, "arbeidscontract");
	CHECK_INT(r.n, 1);
	CHECK_STR(r.v[0].name, "feit f3");
	CHECK_STR(r.v[0].field, "source");
	CHECK_INT(r.v[0].stage, 1);
	CHECK_INT(r.v[0].version, 2);
	search_results_free(&r);
	r = run(s, "buurvrouw geschreeuw");
	CHECK_INT(r.n, 2);                   /* f1 in both versions */
	CHECK_INT(r.v[0].version, 2);
	CHECK_INT(r.v[1].version, 1);
	search_results_free(&r);

	/* household level: names first, without a version */
	r = run(s, "kramer");
	CHECK(r.n >= 2);
	CHECK_STR(r.v[0].section, "household");
	CHECK_INT(r.v[0].version, 0);
	CHECK_STR(r.v[0].name, "huishouden");
	CHECK_STR(r.v[1].section, "members");
	CHECK_STR(r.v[1].name, "lid noelle");
	search_results_free(&r);
	/* a plan item's kind names it; the TOP-3 by its rank */
	r = run(s, "beschermingsbewind");
	CHECK_INT(r.n, 1);
	CHECK_STR(r.v[0].name, "voorwaarde p3");
	CHECK_STR(r.v[0].field, "consequence");
	CHECK_INT(r.v[0].stage, 4);
	search_results_free(&r);
	r = run(s, "geldzorgen");
	CHECK_INT(r.n, 2);
	CHECK_STR(r.v[0].name, "TOP-3 1");
	CHECK_STR(r.v[1].name, "TOP-3 2");
	search_results_free(&r);
	store_close(s);
	cleanup(dir);
}

/* A long text is cut around the match, with "…" where it is cut. */
TEST(snippet_is_cut_around_the_match)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct search_opts o = { 0, 40 };
	struct search_results r;
	struct diags d = {0};
	char *m;

	CHECK(s != NULL);
	CHECK_INT(import_file(s, VISSER, 0), 0);
	CHECK_INT(search_run(s, forms(), "betalingsachterstand", &o, &r, &d),
	          0);
	CHECK_INT(r.n, 1);
	CHECK(str_has_prefix(r.v[0].snippet, "…"));
	CHECK(strlen(r.v[0].snippet) > 3 &&
	      strcmp(r.v[0].snippet + strlen(r.v[0].snippet) - 3, "…") == 0);
	CHECK(utf8_width(r.v[0].snippet, strlen(r.v[0].snippet)) <= 40);
	m = marked(&r.v[0]);
	CHECK_STR(m, "betalingsachterstand");
	free(m);
	search_results_free(&r);
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

TEST(limit_and_more)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct search_opts o = { 2, 0 };
	struct search_results r;
	struct diags d = {0};

	CHECK(s != NULL);
	CHECK_INT(import_file(s, VISSER, 0), 0);
	CHECK_INT(search_run(s, forms(), "sem", &o, &r, &d), 0);
	CHECK_INT(r.n, 2);
	CHECK_INT(r.more, 1);
	search_results_free(&r);
	o.limit = 100;
	CHECK_INT(search_run(s, forms(), "sem", &o, &r, &d), 0);
	CHECK(r.n > 2);
	CHECK_INT(r.more, 0);
	search_results_free(&r);
	store_close(s);
	cleanup(dir);
}

/* ---- in step ------------------------------------------------------------ */

/* A save from the screens: a changed text is found by its new words only,
 * a removed item not at all, an added one at once, the rest as before. */
TEST(index_follows_a_save)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct doc_node *doc, *sess, *st, *list;
	struct diags d = {0};
	long rev = 0, nrev = 0;

	CHECK(s != NULL);
	CHECK_INT(import_file(s, KRAMER, 0), 0);
	CHECK_INT(hits(s, "kerk"), 1);
	doc = store_load_case(s, forms(), KRAMER_ID, &rev, &d);
	CHECK(doc != NULL);
	sess = casedoc_session(doc, 2);
	list = casedoc_list(doc, sess, "statements", 0);
	st = casedoc_find(doc, sess, "statements",
	                  doc_map_str(list->item[0], STORE_ITEM_ID), NULL);
	casedoc_set(forms(), "statements", st, "text",
	            "De wijkagent zag op 20 mei een kapotte ruit.");
	/* remove factor a3 (steun van de kerk) */
	{
		struct doc_node *f = casedoc_list(doc, sess, "factors", 0);
		size_t k;

		for (k = 0; k < f->len; k++)
			if (str_eq(doc_map_str(f->item[k], "ref"), "a3"))
				break;
		CHECK(k < f->len);
		casedoc_remove(doc, sess, "factors", k);
	}
	st = casedoc_add(forms(), doc, sess, "statements", "mening", NULL,
	                 NULL, 0);
	CHECK(st != NULL);
	casedoc_set(forms(), "statements", st, "text",
	            "Noëlle vindt de volkstuin een goede plek om te praten.");
	CHECK_INT(store_save_case(s, doc, rev, &nrev, NULL, 0, &d), 0);
	diags_print(stderr, &d);
	CHECK_INT(hits(s, "wijkagent ruit"), 1);
	CHECK_INT(hits(s, "kerk"), 0);
	CHECK_INT(hits(s, "volkstuin"), 1);
	CHECK_INT(hits(s, "noelle volkstuin"), 1);
	/* version 1's f1 is untouched, version 2's f1 changed */
	CHECK_INT(hits(s, "buurvrouw geschreeuw"), 1);
	CHECK_INT(hits(s, "buurtapp"), 1);
	CHECK(healthy(s));
	/* saving again unchanged changes nothing in the index */
	rev = nrev;
	CHECK_INT(store_save_case(s, doc, rev, &nrev, NULL, 0, &d), 0);
	CHECK_INT(hits(s, "volkstuin"), 1);
	CHECK_INT(hits(s, "wijkagent"), 1);
	CHECK(healthy(s));
	doc_free(doc);
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

/* import --replace: the old words are gone, the new ones found. */
TEST(index_follows_a_replace)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	char *yaml = NULL, *changed, *path;
	size_t n = 0;
	FILE *f;

	CHECK(s != NULL);
	CHECK_INT(import_file(s, KRAMER, 0), 0);
	f = fopen(KRAMER, "r");
	CHECK(f != NULL);
	yaml = xmalloc(65536);
	n = fread(yaml, 1, 65535, f);
	fclose(f);
	yaml[n] = '\0';
	changed = xstrdup(yaml);
	{
		/* in version 2, the concept: version 1 is herzien and the
		 * store refuses to change it */
		char *v2 = strstr(changed, "version: 2");
		char *at = v2 ? strstr(v2, "de kerk") : NULL;

		CHECK(at != NULL);
		memcpy(at, "de zaal", 7);
	}
	path = xasprintf("%s/kramer2.yaml", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	fputs(changed, f);
	fclose(f);
	CHECK_INT(import_file(s, path, CASE_REPLACE), 0);
	CHECK_INT(hits(s, "kerk"), 0);
	CHECK_INT(hits(s, "zaal"), 1);
	CHECK_INT(hits(s, "buurtapp"), 1);
	CHECK(healthy(s));
	free(yaml);
	free(changed);
	free(path);
	store_close(s);
	cleanup(dir);
}

/* A household that fails in a batch leaves no words behind; the others of
 * the batch are found once it is committed. */
TEST(index_follows_a_batch_with_a_failure)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);
	struct diags d = {0};

	CHECK(s != NULL);
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(import_file(s, KRAMER, 0), 0);
	CHECK_INT(import_file(s, KRAMER, 0), -1); /* exists: refused */
	CHECK_INT(import_file(s, VISSER, 0), 0);
	CHECK_INT(store_batch_end(s, 1, &d), 0);
	CHECK_INT(hits(s, "buurtapp"), 1);
	CHECK_INT(hits(s, "trap"), 2);
	CHECK(healthy(s));
	/* a batch rolled back stores no words */
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(import_text(s, accents_yaml), 0);
	CHECK_INT(store_batch_end(s, 0, &d), 0);
	CHECK_INT(hits(s, "lukasz"), 0);
	CHECK_INT(import_text(s, accents_yaml), 0);
	CHECK_INT(hits(s, "lukasz"), 1);
	CHECK(healthy(s));
	diags_free(&d);
	store_close(s);
	cleanup(dir);
}

/* Another program deletes a household with the sqlite3 shell: its words
 * are queued to go, no hit names what is gone, and the next write of duo
 * takes them out. */
TEST(index_follows_a_delete_by_another_program)
{
	char *dir = tmpdir();
	struct store *s = open_db(dir);

	CHECK(s != NULL);
	CHECK_INT(import_file(s, KRAMER, 0), 0);
	CHECK_INT(import_file(s, VISSER, 0), 0);
	store_close(s);
	CHECK_INT(raw_sql(dir, "PRAGMA foreign_keys = ON; DELETE FROM household"
	                  " WHERE name = 'Gezin Kramer'"), SQLITE_OK);
	s = open_db(dir);
	CHECK(s != NULL);
	CHECK_INT(hits(s, "buurtapp"), 0);
	CHECK_INT(hits(s, "trap"), 2);
	CHECK_INT(import_text(s, accents_yaml), 0); /* applies the queue */
	CHECK_INT(hits(s, "buurtapp"), 0);
	CHECK_INT(hits(s, "yilmaz"), 2);
	CHECK(healthy(s));
	store_close(s);
	cleanup(dir);
}

/* ---- the migration ------------------------------------------------------ */

struct progress {
	long calls, last_done, last_total;
};

static void on_progress(void *arg, const char *what, long done, long total)
{
	struct progress *p = arg;

	assert(strstr(what, "zoekindex"));
	assert(done >= 0 && done <= total);
	p->calls++;
	p->last_done = done;
	p->last_total = total;
}

/* A database of schema 2 (rows, no index) gets its index built when it
 * is opened, with progress, and is then searched like any other. */
TEST(migration_builds_the_index_of_schema_1)
{
	char *dir = tmpdir();
	char *path = xasprintf("%s/duo.db", dir);
	struct store *s = open_db(dir);
	struct progress p = {0, 0, 0};
	struct diags d = {0};

	CHECK(s != NULL);
	CHECK_INT(import_file(s, KRAMER, 0), 0);
	CHECK_INT(import_file(s, VISSER, 0), 0);
	store_close(s);
	/* back to schema 2: what an older duo left */
	CHECK_INT(raw_sql(dir,
	      "BEGIN;"
	      " DROP TABLE search; DROP TABLE search_queue;"
	      " PRAGMA user_version = 2; COMMIT"), SQLITE_OK);
	{
		/* views and triggers of the index */
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;
		struct strbuf sql = {0};

		CHECK(sqlite3_open(path, &db) == SQLITE_OK);
		CHECK(sqlite3_prepare_v2(db, "SELECT type, name FROM"
		      " sqlite_schema WHERE name LIKE '%search%'", -1, &st,
		      NULL) == SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_addf(&sql, "DROP %s %s;", sqlite3_column_text(st, 0),
			        sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		CHECK(sqlite3_exec(db, sb_str(&sql), NULL, NULL, NULL) ==
		      SQLITE_OK);
		sqlite3_close(db);
		sb_free(&sql);
	}
	s = store_open_ex(path, "tester", on_progress, &p, &d);
	diags_print(stderr, &d);
	CHECK(s != NULL);
	CHECK(p.calls >= 2);
	CHECK(p.last_total > 0);
	CHECK_INT(p.last_done, p.last_total);
	CHECK_INT(hits(s, "buurtapp"), 1);
	CHECK_INT(hits(s, "yilmaz"), 1);
	CHECK_INT(hits(s, "sem trap"), 2);
	CHECK(healthy(s));
	store_close(s);
	/* opening again migrates nothing and says nothing */
	p.calls = 0;
	s = store_open_ex(path, "tester", on_progress, &p, &d);
	CHECK(s != NULL);
	CHECK_INT(p.calls, 0);
	store_close(s);
	/* a new database says nothing either */
	free(path);
	path = xasprintf("%s/new.db", dir);
	s = store_open_ex(path, "tester", on_progress, &p, &d);
	CHECK(s != NULL);
	CHECK_INT(p.calls, 0);
	store_close(s);
	diags_free(&d);
	free(path);
	cleanup(dir);
}

/* A reply of the duo to a comment: in the index from schema 4 on. */
#define KRAMER_COMMENT "            text: Vraag de buurtapp-berichten op als bron.\n"
#define KRAMER_REPLY "            reply: De wijkagent stuurt de schermafdrukken.\n"

/* Kramer with a reply to the team lead's comment. Caller frees. */
static char *kramer_with_reply(void)
{
	struct strbuf sb = {0};
	char buf[4096], *text, *at, *out;
	FILE *f = fopen(KRAMER, "r");
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	text = sb_steal(&sb);
	at = strstr(text, KRAMER_COMMENT);
	assert(at);
	at += strlen(KRAMER_COMMENT);
	out = xasprintf("%.*s%s%s", (int)(at - text), text, KRAMER_REPLY, at);
	free(text);
	return out;
}

/* One number from the database, read with SQLite alone; -1 on an error. */
static long raw_count(const char *dir, const char *sql)
{
	char *path = xasprintf("%s/duo.db", dir);
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
	return n;
}

/* What schema 3 had for comments: the text alone in the index. */
#define V3_QUEUE_OUT(row) \
	"INSERT INTO search_queue(rid, seq, del, doc) SELECT rid," \
	" (SELECT coalesce(max(q.seq), 0) + 1 FROM search_queue q" \
	" WHERE q.rid = d.rid), 1, doc FROM search_doc_review_comment d" \
	" WHERE id = " row ".id;"
#define V3_QUEUE_IN(row) \
	"INSERT INTO search_queue(rid, seq, del) VALUES ((2 << 40) + " row \
	".id, (SELECT coalesce(max(q.seq), 0) + 1 FROM search_queue q" \
	" WHERE q.rid = (2 << 40) + " row ".id), 0);"
static const char back_to_schema_3[] =
	"BEGIN;"
	" INSERT INTO search(search, rowid, doc)"
	"  SELECT 'delete', rid, doc FROM search_doc_review_comment;"
	" DROP TRIGGER review_comment_search_ai;"
	" DROP TRIGGER review_comment_search_bd;"
	" DROP TRIGGER review_comment_search_bu;"
	" DROP TRIGGER review_comment_search_au;"
	" DROP VIEW search_doc_review_comment;"
	" CREATE VIEW search_doc_review_comment AS SELECT (2 << 40) + id"
	"  AS rid, id, coalesce(text, '') AS doc FROM review_comment;"
	" CREATE TRIGGER review_comment_search_ai AFTER INSERT ON"
	"  review_comment BEGIN " V3_QUEUE_IN("new") " END;"
	" CREATE TRIGGER review_comment_search_bd BEFORE DELETE ON"
	"  review_comment BEGIN " V3_QUEUE_OUT("old") " END;"
	" CREATE TRIGGER review_comment_search_bu BEFORE UPDATE OF text ON"
	"  review_comment BEGIN " V3_QUEUE_OUT("old") " END;"
	" CREATE TRIGGER review_comment_search_au AFTER UPDATE OF text ON"
	"  review_comment BEGIN " V3_QUEUE_IN("new") " END;"
	" INSERT INTO search(rowid, doc)"
	"  SELECT rid, doc FROM search_doc_review_comment;"
	" PRAGMA user_version = 3;"
	"COMMIT";

/* A database of schema 3 (comments indexed without their reply) finds
 * the replies once the new duo opened it; and they stay in step. */
TEST(migration_4_indexes_the_replies)
{
	char *dir = tmpdir();
	char *kramer = kramer_with_reply();
	struct store *s = open_db(dir);
	struct search_results r;

	CHECK(s != NULL && kramer != NULL);
	CHECK_INT(import_text(s, kramer), 0);
	CHECK_INT(hits(s, "wijkagent"), 1);
	store_close(s);
	CHECK_INT(raw_sql(dir, back_to_schema_3), SQLITE_OK);
	/* what the old duo had: the comment, not its reply */
	CHECK_INT(raw_count(dir, "SELECT count(*) FROM search"
	                    " WHERE search MATCH 'buurtapp'"), 1);
	CHECK_INT(raw_count(dir, "SELECT count(*) FROM search"
	                    " WHERE search MATCH 'wijkagent'"), 0);
	s = open_db(dir);
	CHECK(s != NULL);
	CHECK_INT(raw_count(dir, "PRAGMA user_version"), store_schema_version());
	CHECK_INT(store_schema_version(), 4);
	r = run(s, "wijkagent schermafdrukken");
	CHECK_INT((long)r.n, 1);
	if (r.n == 1) {
		char *m = marked(&r.v[0]);

		CHECK_STR(r.v[0].section, "comments");
		CHECK_STR(r.v[0].field, "reply");
		CHECK_STR(r.v[0].item, "top3/1");
		CHECK_STR(m, "wijkagent|schermafdrukken");
		free(m);
	}
	search_results_free(&r);
	/* the comment's own text is found once, not twice */
	CHECK_INT(hits(s, "buurtapp"), 1);
	/* words of the comment and of its reply together: one item */
	CHECK_INT(hits(s, "buurtapp wijkagent"), 1);
	CHECK(healthy(s));
	store_close(s);
	/* a changed reply (another program) follows at the next write */
	CHECK_INT(raw_sql(dir, "UPDATE review_comment SET reply ="
	                  " 'De huisarts belt terug.' WHERE reply IS NOT NULL"),
	          SQLITE_OK);
	s = open_db(dir);
	CHECK(s != NULL);
	CHECK_INT(import_text(s, accents_yaml), 0);
	CHECK_INT(hits(s, "wijkagent"), 0);
	CHECK_INT(hits(s, "huisarts belt terug"), 1);
	CHECK(healthy(s));
	store_close(s);
	free(kramer);
	cleanup(dir);
}

int main(void)
{
	RUN(fold_maps_the_letters_without_accent);
	RUN(accents_fold_both_ways);
	RUN(letters_without_accent_fold_both_ways);
	RUN(several_words_and_prefixes);
	RUN(too_many_words_are_refused);
	RUN(hits_name_household_version_stage_and_item);
	RUN(snippet_is_cut_around_the_match);
	RUN(limit_and_more);
	RUN(index_follows_a_save);
	RUN(index_follows_a_replace);
	RUN(index_follows_a_batch_with_a_failure);
	RUN(index_follows_a_delete_by_another_program);
	RUN(migration_builds_the_index_of_schema_1);
	RUN(migration_4_indexes_the_replies);
	formset_free(&forms_default);
	return unit_done();
}
