/*
 * test_store_edit.c - the store as the screens use it: store_load_case
 * ("_id" on every item: its integer row id as decimal text; the revision),
 * store_save_case (row ids kept through saves and moves, new ones written
 * back and never used twice, ids of another household refused, the
 * revision guard, incomplete documents, what it still refuses, the audit
 * trail), store_household_rev, store_data_version and the name filter of
 * store_list.
 *
 * Run from the top of the repository: forms are read from "forms" and the
 * shared example from "../shared/examples/gezin-visser.yaml". Every test
 * works in its own directory under /tmp.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "doc.h"
#include "form.h"
#include "store.h"
#include "unit.h"
#include "util.h"
#include "validate.h"

#define EXAMPLE "../shared/examples/gezin-visser.yaml"
#define FORMS "forms"

/* ---- helpers ------------------------------------------------------------ */

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/duo-edit-XXXXXX";

	if (!mkdtemp(tmpl))
		return NULL;
	return xstrdup(tmpl);
}

static void cleanup(char *dir)
{
	char *cmd;

	if (!dir)
		return;
	assert(strncmp(dir, "/tmp/duo-edit-", 14) == 0);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

static char *diags_text(const struct diags *d)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);

		sb_add(&sb, line);
		sb_addc(&sb, '\n');
		free(line);
	}
	return sb.s ? sb_steal(&sb) : xstrdup("");
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

/* YAML text as a tree, not validated (the screens' documents are not). */
static struct doc_node *parse(const char *text)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_buffer("test.yaml", text,
	                                        strlen(text), NULL, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

static struct doc_node *load_example(void)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_file(EXAMPLE, NULL, &d);

	if (root && validate_case(root, forms(), EXAMPLE, &d) != 0) {
		doc_free(root);
		root = NULL;
	}
	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

/* Set a scalar of a mapping (added at the end when absent). */
static void set_scalar(struct doc_node *map, const char *key,
                       const char *text);

/* A fresh database dir/name with the example imported, its version 1 with
 * this status; its id in id. */
static struct store *example_db_as(const char *dir, const char *name,
                                   char id[UUID_STR_LEN], const char *status)
{
	struct diags d = {0};
	char *path = xasprintf("%s/%s", dir, name);
	struct store *s = store_open(path, "tester", &d);
	struct doc_node *root = load_example();

	if (root)
		set_scalar(doc_map_get(root, "sessions")->item[0], "status",
		           status);
	if (s && root &&
	    store_import_case(s, root, "gezin-visser.yaml", 0, id, &d) != 0) {
		store_close(s);
		s = NULL;
	}
	diags_print(stderr, &d);
	diags_free(&d);
	doc_free(root);
	free(path);
	return s;
}

/* The example as a concept: a save edits only a concept (the store keeps
 * a version that is handed in or fixed as it is; see test_review.c). */
static struct store *example_db(const char *dir, const char *name,
                                char id[UUID_STR_LEN])
{
	return example_db_as(dir, name, id, "concept");
}

static struct store_counts counts(struct store *s)
{
	struct store_counts c;
	struct diags d = {0};

	memset(&c, 0xff, sizeof c);
	if (store_counts(s, &c, &d) != 0)
		diags_print(stderr, &d);
	diags_free(&d);
	return c;
}

static int counts_equal(const struct store_counts *a,
                        const struct store_counts *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

static char *emit(const struct doc_node *n)
{
	struct diags d = {0};
	char *text = doc_emit_string(n, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return text;
}

static char *export_yaml(struct store *s, const char *id)
{
	struct diags d = {0};
	struct doc_node *doc = store_export_case(s, forms(), id, &d);
	char *text = doc ? emit(doc) : NULL;

	diags_print(stderr, &d);
	doc_free(doc);
	diags_free(&d);
	return text;
}

/* store_load_case, diagnostics to stderr. */
static struct doc_node *load(struct store *s, const char *id, long *rev)
{
	struct diags d = {0};
	struct doc_node *doc = store_load_case(s, forms(), id, rev, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return doc;
}

static char *load_yaml(struct store *s, const char *id, long *rev)
{
	struct doc_node *doc = load(s, id, rev);
	char *text = doc ? emit(doc) : NULL;

	doc_free(doc);
	return text;
}

/* store_save_case without changes lines; diagnostics to stderr. */
static int save(struct store *s, struct doc_node *root, long base,
                long *new_rev)
{
	struct diags d = {0};
	int rc = store_save_case(s, root, base, new_rev, NULL, 0, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return rc;
}

static long rev_of(struct store *s, const char *id)
{
	struct diags d = {0};
	long rev = -1;

	if (store_household_rev(s, id, &rev, &d) != 0)
		diags_print(stderr, &d);
	diags_free(&d);
	return rev;
}

/* Everything that tells whether the database changed: counts, the export
 * and the revision, as one string. */
static char *snapshot(struct store *s, const char *id)
{
	struct store_counts c = counts(s);
	char *y = export_yaml(s, id);
	char *snap = xasprintf("%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld "
	                       "%ld %ld rev %ld\n%s", c.households, c.members,
	                       c.sessions, c.participants, c.statements,
	                       c.top3, c.factors, c.hypotheses, c.plan,
	                       c.reviews, c.comments, c.extras, c.audit,
	                       rev_of(s, id), y ? y : "(no export)");

	free(y);
	return snap;
}

/* The sections whose items carry "_id". */
static int is_item_list(const char *key)
{
	static const char *const keys[] = {
		"members", "participants", "statements", "top3", "factors",
		"hypotheses", "plan", "reviews", "comments",
	};
	size_t i;

	for (i = 0; key && i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* Call fn on every item mapping of the document. */
static void each_item(struct doc_node *n, const char *key,
                      void (*fn)(struct doc_node *item, void *arg),
                      void *arg)
{
	size_t i;

	if (n->type == DOC_MAP) {
		for (i = 0; i < n->len; i++)
			each_item(n->pair[i].value, n->pair[i].key, fn, arg);
	} else if (n->type == DOC_SEQ) {
		for (i = 0; i < n->len; i++) {
			if (is_item_list(key) && n->item[i]->type == DOC_MAP)
				fn(n->item[i], arg);
			each_item(n->item[i], NULL, fn, arg);
		}
	}
}

/* An item's row id as the store writes it under "_id": a whole number
 * above 0 in decimal, without sign or leading zeros. */
static int is_row_id(const char *text)
{
	size_t i;

	if (!text || !text[0] || text[0] == '0' || strlen(text) > 18)
		return 0;
	for (i = 0; text[i]; i++)
		if (text[i] < '0' || text[i] > '9')
			return 0;
	return 1;
}

/* The "_id" of an item as a number; 0 when it is not a row id. */
static long long row_id(const struct doc_node *item)
{
	const char *t = doc_map_str(item, "_id");

	return is_row_id(t) ? atoll(t) : 0;
}

struct id_check {
	int items, first, valid;
	long long max;        /* the highest "_id" seen */
	struct strbuf ids;
};

static void check_item_id(struct doc_node *item, void *arg)
{
	struct id_check *c = arg;

	c->items++;
	if (item->len && strcmp(item->pair[0].key, "_id") == 0) {
		c->first++;
		if (item->pair[0].value->type == DOC_SCALAR &&
		    is_row_id(item->pair[0].value->text)) {
			if (row_id(item) > c->max)
				c->max = row_id(item);
			c->valid++;
			sb_addf(&c->ids, "%s;", item->pair[0].value->text);
		}
	}
}

/* Remove "_id" from an item (it is the first key when present). */
static void strip_id(struct doc_node *item, void *arg)
{
	(void)arg;
	if (item->len && strcmp(item->pair[0].key, "_id") == 0) {
		free(item->pair[0].key);
		doc_free(item->pair[0].value);
		memmove(&item->pair[0], &item->pair[1],
		        (item->len - 1) * sizeof *item->pair);
		item->len--;
	}
}

static struct doc_node *first_session(struct doc_node *root)
{
	struct doc_node *sessions = doc_map_get(root, "sessions");

	return sessions && sessions->len ? sessions->item[0] : NULL;
}

/* The item of list under key in map at index i. */
static struct doc_node *item_at(struct doc_node *map, const char *key,
                                size_t i)
{
	struct doc_node *list = doc_map_get(map, key);

	return list && list->type == DOC_SEQ && i < list->len ?
	       list->item[i] : NULL;
}

/* Add a mapping parsed from flow YAML text to the list under key. */
static struct doc_node *add_item(struct doc_node *map, const char *key,
                                 const char *flow)
{
	struct doc_node *list = doc_map_get(map, key);
	struct doc_node *item = parse(flow);

	assert(item && item->type == DOC_MAP);
	if (!list) {
		list = doc_new_seq(DOC_AUTO);
		doc_map_add(map, key, list);
	}
	doc_seq_add(list, item);
	return item;
}

static void set_scalar(struct doc_node *map, const char *key, const char *text)
{
	struct doc_node *v = doc_map_get(map, key);

	assert(v && v->type == DOC_SCALAR);
	free(v->text);
	v->text = xstrdup(text);
}

/* The first integer of one query on a separate raw connection. */
static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "# %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static int healthy(struct store *s)
{
	struct diags d = {0};
	int rc = store_check(s, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return rc == 0;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- load --------------------------------------------------------------- */

TEST(load_puts_id_first_in_every_item)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct id_check c = { 0, 0, 0, 0, {0} };
	struct doc_node *doc;
	long rev = -1;
	char *y, *x;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	CHECK_INT(rev, 1);
	each_item(doc, NULL, check_item_id, &c);
	/* 5 members, 4 participants, 7 statements, 2 top-3, 6 factors,
	 * 2 hypotheses, 4 plan items, 1 review, 1 comment */
	CHECK_INT(c.items, 32);
	CHECK_INT(c.first, 32);
	CHECK_INT(c.valid, 32);
	/* household and session keep their "id", and no "_id" */
	CHECK(doc_map_get(doc_map_get(doc, "household"), "_id") == NULL);
	CHECK_STR(doc_map_str(doc_map_get(doc, "household"), "id"), id);
	CHECK(doc_map_get(first_session(doc), "_id") == NULL);
	CHECK(doc_map_get(doc_map_get(first_session(doc), "analysis"),
	                  "_id") == NULL);
	/* otherwise exactly the export */
	each_item(doc, NULL, strip_id, NULL);
	y = emit(doc);
	x = export_yaml(s, id);
	CHECK(y && x);
	CHECK_STR(y, x);
	CHECK(strstr(x, "_id") == NULL);
	free(y);
	free(x);
	sb_free(&c.ids);
	doc_free(doc);
	store_close(s);
	cleanup(dir);
}

TEST(load_and_rev_of_unknown_household)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct diags d = {0};
	long rev = 7;
	char *msg;

	CHECK(s != NULL);
	CHECK(store_load_case(s, forms(), "0e2d4c1a-1111-4222-8333-444455556666",
	                      &rev, &d) == NULL);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "niet gevonden");
	free(msg);
	CHECK_INT(rev, 7);
	CHECK_INT(rev_of(s, "0e2d4c1a-1111-4222-8333-444455556666"), 0);
	CHECK_INT(rev_of(s, id), 1);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* ---- save --------------------------------------------------------------- */

TEST(save_unchanged_keeps_every_row_id)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct store_counts before, after;
	struct doc_node *doc;
	long rev = 0, new_rev = 0, rev2 = 0;
	char *y1, *y2;

	CHECK(s != NULL);
	y1 = load_yaml(s, id, &rev);
	CHECK(y1 != NULL);
	before = counts(s);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	CHECK_INT(setenv("DUO_NOW", "2030-01-02T03:04:05Z", 1), 0);
	CHECK_INT(save(s, doc, rev, &new_rev), 0);
	unsetenv("DUO_NOW");
	CHECK_INT(new_rev, 2);
	CHECK_INT(rev_of(s, id), 2);
	/* created stays, updated is the time of the save */
	CHECK_INT(raw_int(store_path(s), "SELECT created <> updated AND "
	                  "updated = '2030-01-02T03:04:05Z' FROM household"), 1);
	CHECK(healthy(s));
	y2 = load_yaml(s, id, &rev2);
	CHECK_INT(rev2, 2);
	/* every "_id", household and session id, and every value */
	CHECK_STR(y2, y1);
	after = counts(s);
	before.audit++; /* one "opgeslagen" row */
	CHECK(counts_equal(&before, &after));
	/* again from the same document: it is rev 2 now */
	CHECK_INT(save(s, doc, new_rev, &new_rev), 0);
	CHECK_INT(new_rev, 3);
	free(y2);
	y2 = load_yaml(s, id, NULL);
	CHECK_STR(y2, y1);
	free(y1);
	free(y2);
	doc_free(doc);
	store_close(s);
	cleanup(dir);
}

TEST(save_with_stale_rev_is_a_conflict)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *mine, *theirs;
	struct diags d = {0};
	long rev_m = 0, rev_t = 0, new_rev = 0;
	char *snap1, *snap2;

	CHECK(s != NULL);
	mine = load(s, id, &rev_m);
	theirs = load(s, id, &rev_t);
	CHECK(mine && theirs && rev_m == 1 && rev_t == 1);
	set_scalar(doc_map_get(theirs, "household"), "team", "Wijkteam Oost");
	CHECK_INT(save(s, theirs, rev_t, &new_rev), 0);
	CHECK_INT(new_rev, 2);

	snap1 = snapshot(s, id);
	set_scalar(doc_map_get(mine, "household"), "team", "Wijkteam West");
	add_item(first_session(mine), "statements",
	         "{ref: n1, kind: feit, text: Nieuw}");
	new_rev = 99;
	CHECK_INT(store_save_case(s, mine, rev_m, &new_rev, NULL, 0, &d),
	          STORE_CONFLICT);
	CHECK_INT(new_rev, 99);
	CHECK_INT(d.n, 0);
	snap2 = snapshot(s, id);
	CHECK_STR(snap2, snap1);
	CHECK_CONTAINS(snap2, "team: Wijkteam Oost");
	/* rev 0 ("new") for a household that exists is a conflict too */
	CHECK_INT(store_save_case(s, mine, 0, &new_rev, NULL, 0, &d),
	          STORE_CONFLICT);
	free(snap2);
	snap2 = snapshot(s, id);
	CHECK_STR(snap2, snap1);
	free(snap1);
	free(snap2);
	doc_free(mine);
	doc_free(theirs);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

TEST(save_accepts_incomplete_items)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc, *sess, *back, *st, *c3, *p;
	long rev = 0, new_rev = 0;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	sess = first_session(doc);
	/* a statement with only a ref, a top-3 item with only a rank, a
	 * plan item without phase, kind or text, a review without anything */
	add_item(sess, "statements", "{ref: z9}");
	add_item(sess, "top3", "{rank: 3}");
	add_item(sess, "plan", "{ref: p9, who: duo}");
	add_item(sess, "reviews", "{comments: [{on: top3/3}]}");
	CHECK_INT(save(s, doc, rev, &new_rev), 0);
	CHECK_INT(new_rev, 2);

	back = load(s, id, &rev);
	CHECK(back != NULL);
	CHECK_INT(rev, 2);
	sess = first_session(back);
	st = item_at(sess, "statements", 7);
	CHECK(st != NULL);
	CHECK_INT(st->len, 2); /* _id, ref */
	CHECK_STR(doc_map_str(st, "ref"), "z9");
	CHECK(doc_map_get(st, "text") == NULL && doc_map_get(st, "kind") == NULL);
	c3 = item_at(sess, "top3", 2);
	CHECK(c3 != NULL);
	CHECK_INT(c3->len, 2);
	CHECK_STR(doc_map_str(c3, "rank"), "3");
	p = item_at(sess, "plan", 4);
	CHECK(p != NULL);
	CHECK_STR(doc_map_str(p, "ref"), "p9");
	CHECK_STR(doc_map_str(p, "who"), "duo");
	CHECK(doc_map_get(p, "phase") == NULL);
	CHECK(item_at(sess, "reviews", 1) != NULL);
	CHECK_STR(doc_map_str(item_at(item_at(sess, "reviews", 1), "comments",
	                              0), "on"), "top3/3");
	CHECK_INT(counts(s).sessions, 1);
	CHECK_INT(counts(s).statements, 8);
	CHECK_INT(counts(s).top3, 3);
	CHECK(healthy(s));
	doc_free(back);
	doc_free(doc);
	store_close(s);
	cleanup(dir);
}

TEST(save_writes_new_ids_back)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db_as(dir, "duo.db", id, "vastgesteld");
	struct doc_node *doc, *item, *tmp, *sess2, *back;
	struct id_check c0 = { 0, 0, 0, 0, {0} };
	struct id_check c = { 0, 0, 0, 0, {0} }, cb = { 0, 0, 0, 0, {0} };
	long rev = 0, new_rev = 0;
	char sid[UUID_STR_LEN];
	size_t i;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	each_item(doc, NULL, check_item_id, &c0);
	/* a new version (version 1 is fixed), without an id yet */
	sess2 = parse("{version: 2, status: concept, statements: [{ref: f1}],"
	              " analysis: {model: 4p}}");
	doc_seq_add(doc_map_get(doc, "sessions"), sess2);
	CHECK(doc_map_get(sess2, "id") == NULL);
	item = add_item(sess2, "statements",
	                "{ref: f9, kind: feit, text: Nieuw, _id: ~}");
	/* a new item as casedoc_add makes it: a temporary id of its own */
	tmp = add_item(doc_map_get(sess2, "analysis"),
	               "factors", "{_id: 0e2d4c1a-1111-4222-8333-444455556666,"
	               " ref: a9, about: gezin}");
	CHECK_INT(save(s, doc, rev, &new_rev), 0);
	/* "_id" is the first key now, and only once: a new row id, above
	 * every id the household had */
	CHECK_STR(item->pair[0].key, "_id");
	CHECK(is_row_id(item->pair[0].value->text));
	for (i = 0; i < 7; i++)
		CHECK(row_id(item) >
		      row_id(item_at(first_session(doc), "statements", i)));
	CHECK_INT(item->len, 4);
	CHECK_STR(tmp->pair[0].key, "_id");
	CHECK(is_row_id(tmp->pair[0].value->text));
	CHECK_INT(tmp->len, 3);
	/* the session has a uuid, written back as its first key */
	CHECK_STR(sess2->pair[0].key, "id");
	CHECK(uuid_is_valid(sess2->pair[0].value->text));
	memcpy(sid, sess2->pair[0].value->text, UUID_STR_LEN);
	each_item(doc, NULL, check_item_id, &c);
	CHECK_INT(c.items, 35);
	CHECK_INT(c.valid, 35);
	/* the database has exactly the ids the document has now */
	back = load(s, id, &rev);
	CHECK(back != NULL);
	each_item(back, NULL, check_item_id, &cb);
	CHECK_STR(sb_str(&cb.ids), sb_str(&c.ids));
	CHECK_STR(doc_map_str(doc_map_get(back, "sessions")->item[1], "id"),
	          sid);
	sb_free(&c0.ids);
	sb_free(&c.ids);
	sb_free(&cb.ids);
	doc_free(back);
	doc_free(doc);
	store_close(s);
	cleanup(dir);
}

TEST(save_refuses_dangling_evidence)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc, *ev;
	struct diags d = {0};
	long rev = 0, new_rev = 42;
	char *snap1, *snap2, *msg;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	snap1 = snapshot(s, id);
	/* items before the bad one are written before it is found */
	add_item(first_session(doc), "statements", "{ref: f8, text: x}");
	ev = doc_map_get(item_at(first_session(doc), "top3", 1), "evidence");
	CHECK(ev != NULL);
	doc_seq_add(ev, doc_new_scalar("f9", DOC_PLAIN));
	CHECK_INT(store_save_case(s, doc, rev, &new_rev, NULL, 0, &d), -1);
	CHECK_INT(new_rev, 42);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "sessie 1, top3 2: 'evidence': 'f9' bestaat niet");
	free(msg);
	snap2 = snapshot(s, id);
	CHECK_STR(snap2, snap1);
	free(snap1);
	free(snap2);
	doc_free(doc);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* What would break the schema is refused, each time with nothing changed. */
TEST(save_refuses_broken_shapes)
{
	static const struct {
		const char *list;   /* a list of the first session */
		const char *item;   /* an item added to it */
		const char *why;    /* in the diagnostic */
	} cases[] = {
		{ "statements", "{ref: f1, text: dubbel}",
		  "'f1' komt twee keer voor in 'statements'" },
		{ "statements", "{kind: feit}", "geen 'ref'" },
		{ "top3", "{rank: 4}", "top3 4: 'rank' moet 1, 2 of 3 zijn" },
		{ "top3", "{title: geen rang}", "'rank' moet 1, 2 of 3 zijn" },
		{ "top3", "{rank: 2}", "rang 2 komt twee keer voor" },
		{ "top3", "{rank: 3, scores: {duo: 11}}",
		  "score van 'duo' moet 0 t/m 10 zijn" },
		{ "statements", "{ref: f9, date: 2026-02-30}",
		  "statements f9: 'date' moet een datum zijn (JJJJ-MM-DD): "
		  "2026-02-30" },
		{ "plan", "{ref: p9, due: morgen}", "'due' moet een datum zijn" },
		{ "plan", "{ref: p9, concern: 3}",
		  "er is geen top-3 zorg met rang 3" },
		{ "statements", "{ref: f9, about: [anouk, nina]}",
		  "'about': 'nina' bestaat niet" },
		{ "participants", "{member: anouk, name: Anouk}",
		  "kan niet worden opgeslagen" },
	};
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct diags d = {0};
	char *snap1, *snap2, *msg;
	size_t i;

	CHECK(s != NULL);
	snap1 = snapshot(s, id);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long rev = 0;
		struct doc_node *doc = load(s, id, &rev);

		CHECK(doc != NULL);
		add_item(first_session(doc), cases[i].list, cases[i].item);
		diags_clear(&d);
		if (store_save_case(s, doc, rev, NULL, NULL, 0, &d) != -1) {
			fprintf(stderr, "# case %zu saved\n", i);
			CHECK(0);
		}
		msg = diags_text(&d);
		if (!strstr(msg, cases[i].why))
			fprintf(stderr, "# case %zu: %s", i, msg);
		CHECK_CONTAINS(msg, cases[i].why);
		free(msg);
		doc_free(doc);
		snap2 = snapshot(s, id);
		CHECK_STR(snap2, snap1);
		free(snap2);
	}
	free(snap1);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

struct listed {
	struct strbuf sb;
	int n;
};

static int list_cb(const struct store_list_row *row, void *arg)
{
	struct listed *l = arg;

	sb_addf(&l->sb, "%s|%d;", row->name, row->version);
	l->n++;
	return 0;
}

static char *list_names(struct store *s, const char *status,
                        const char *contains)
{
	struct store_list_filter f = { status, NULL, contains };
	struct listed l = { {0}, 0 };
	struct diags d = {0};

	if (store_list(s, &f, list_cb, &l, &d) != 0)
		diags_print(stderr, &d);
	diags_free(&d);
	return l.sb.s ? sb_steal(&l.sb) : xstrdup("");
}

TEST(save_new_household_is_created_and_listed)
{
	char *dir = tmpdir();
	char *path = xasprintf("%s/duo.db", dir);
	struct diags d = {0};
	struct store *s = store_open(path, "tester", &d);
	struct doc_node *doc, *hh;
	long new_rev = 0;
	char hid[UUID_STR_LEN];
	char *t;

	CHECK(s != NULL);
	doc = parse("format: duo-case/1\n"
	            "household:\n"
	            "  name: Gezin Nieuw\n"
	            "  members: [{ref: ada, name: Ada}]\n"
	            "sessions:\n"
	            "  - {version: 1, date: 2026-11-02, status: concept}\n");
	CHECK(doc != NULL);
	CHECK_INT(save(s, doc, 0, &new_rev), 0);
	CHECK_INT(new_rev, 1);
	hh = doc_map_get(doc, "household");
	CHECK_STR(hh->pair[0].key, "id");
	CHECK(uuid_is_valid(hh->pair[0].value->text));
	memcpy(hid, hh->pair[0].value->text, UUID_STR_LEN);
	CHECK_INT(rev_of(s, hid), 1);
	t = list_names(s, NULL, NULL);
	CHECK_STR(t, "Gezin Nieuw|1;");
	free(t);
	CHECK_INT(counts(s).members, 1);
	/* saving it "as new" again is a conflict: it exists now */
	CHECK_INT(store_save_case(s, doc, 0, &new_rev, NULL, 0, &d),
	          STORE_CONFLICT);
	CHECK_INT(save(s, doc, 1, &new_rev), 0);
	CHECK_INT(new_rev, 2);
	CHECK_INT(counts(s).households, 1);
	doc_free(doc);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

TEST(export_after_save_has_no_ids_or_program_keys)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc, *back;
	long rev = 0;
	char *x1, *x2;
	struct diags d = {0};

	CHECK(s != NULL);
	x1 = export_yaml(s, id);
	doc = load(s, id, &rev);
	CHECK(x1 && doc);
	/* keys of the program's own are not fields */
	doc_map_add(doc, "_screen", doc_new_scalar("x", DOC_PLAIN));
	doc_map_add(item_at(first_session(doc), "statements", 0), "_open",
	            doc_new_scalar("true", DOC_PLAIN));
	doc_map_add(first_session(doc), "_cursor",
	            doc_new_scalar("3", DOC_PLAIN));
	CHECK_INT(save(s, doc, rev, NULL), 0);
	CHECK_INT(counts(s).extras, 0);
	x2 = export_yaml(s, id);
	CHECK(x2 != NULL);
	CHECK(strstr(x2, "_id") == NULL);
	CHECK(strstr(x2, "_open") == NULL);
	CHECK_STR(x2, x1);
	/* and the export is a valid case */
	back = parse(x2);
	CHECK(back != NULL);
	CHECK_INT(validate_case(back, forms(), "export.yaml", &d), 0);
	free(x1);
	free(x2);
	doc_free(back);
	doc_free(doc);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

struct audit_seen {
	struct strbuf sb;
	int n;
};

static int audit_cb(const struct store_audit_row *row, void *arg)
{
	struct audit_seen *a = arg;

	sb_addf(&a->sb, "%s|%s|%s;", row->user, row->action,
	        row->what ? row->what : "-");
	a->n++;
	return 0;
}

TEST(save_audit_names_user_and_changes)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct audit_seen a = { {0}, 0 };
	struct diags d = {0};
	struct doc_node *doc;
	char *changes[] = {
		xstrdup("feit f3: Bron gewijzigd"),
		xstrdup("zorg z2 verwijderd"),
	};
	long rev = 0, new_rev = 0;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	CHECK_INT(store_save_case(s, doc, rev, &new_rev, changes, 2, &d), 0);
	CHECK_INT(store_save_case(s, doc, new_rev, &new_rev, NULL, 0, &d), 0);
	CHECK_INT(store_audit(s, id, audit_cb, &a, &d), 0);
	CHECK_INT(a.n, 4);
	CHECK_STR(sb_str(&a.sb),
	          "tester|import|geïmporteerd uit gezin-visser.yaml: 5 leden, "
	          "1 sessie;"
	          "tester|edit|feit f3: Bron gewijzigd;"
	          "tester|edit|zorg z2 verwijderd;"
	          "tester|edit|opgeslagen;");
	free(changes[0]);
	free(changes[1]);
	sb_free(&a.sb);
	doc_free(doc);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

TEST(import_and_replace_raise_rev)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc;
	struct diags d = {0};
	long new_rev = 0;

	CHECK(s != NULL);
	CHECK_INT(rev_of(s, id), 1);
	doc = store_export_case(s, forms(), id, &d);
	CHECK(doc != NULL);
	CHECK_INT(store_import_case(s, doc, "x.yaml", 1, NULL, &d), 0);
	CHECK_INT(rev_of(s, id), 2);
	CHECK_INT(store_import_case(s, doc, "x.yaml", 1, NULL, &d), 0);
	CHECK_INT(rev_of(s, id), 3);
	/* a refused import leaves it */
	CHECK_INT(store_import_case(s, doc, "x.yaml", 0, NULL, &d), -1);
	CHECK_INT(rev_of(s, id), 3);
	doc_free(doc);
	doc = store_load_case(s, forms(), id, NULL, &d);
	CHECK(doc != NULL);
	CHECK_INT(store_save_case(s, doc, 3, &new_rev, NULL, 0, &d), 0);
	CHECK_INT(new_rev, 4);
	doc_free(doc);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* A loaded document (with "_id") imported into another database: row ids
 * belong to one database, so the import gives the items ids of its own
 * and stores nothing of "_id" (validate_case refuses it in files). */
TEST(import_ignores_item_ids)
{
	char *dir = tmpdir();
	char *path2 = xasprintf("%s/two.db", dir);
	char id[UUID_STR_LEN], id2[UUID_STR_LEN], other[UUID_STR_LEN];
	struct store *s = example_db(dir, "one.db", id);
	struct store *s2;
	struct doc_node *doc, *doc2, *first;
	struct diags d = {0};
	char *x1, *x2;

	CHECK(s != NULL);
	doc = load(s, id, NULL);
	CHECK(doc != NULL);
	x1 = export_yaml(s, id);
	s2 = store_open(path2, "tester", &d);
	CHECK(s2 != NULL);
	/* another household first, so that the ids of two.db differ */
	first = parse("format: duo-case/1\n"
	              "household: {name: Eerst, members: [{ref: a}]}\n"
	              "sessions: [{version: 1, statements: [{ref: f1}]}]\n");
	CHECK(first != NULL);
	CHECK_INT(store_import_case(s2, first, "eerst", 0, other, &d), 0);
	CHECK_INT(store_import_case(s2, doc, "kopie", 0, id2, &d), 0);
	CHECK_STR(id2, id);
	x2 = export_yaml(s2, id2);
	CHECK_STR(x2, x1);
	CHECK_INT(counts(s2).extras, 0);
	doc2 = load(s2, id2, NULL);
	CHECK(doc2 != NULL);
	/* the first statement of the example is the second of two.db */
	CHECK_STR(doc_map_str(item_at(first_session(doc), "statements", 0),
	                      "_id"), "1");
	CHECK_STR(doc_map_str(item_at(first_session(doc2), "statements", 0),
	                      "_id"), "2");
	free(x1);
	free(x2);
	doc_free(first);
	doc_free(doc);
	doc_free(doc2);
	store_close(s);
	store_close(s2);
	free(path2);
	diags_free(&d);
	cleanup(dir);
}

/* Items keep their row ids through saves and moves; a
 * removed item's id is never given out again, not even to the next new
 * item; an id that comes twice, or names a row that is gone, makes a new
 * row. */
TEST(save_keeps_ids_through_moves_and_never_reuses_them)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc, *back, *st, *moved, *added, *dup, *stale;
	long rev = 0;
	long long first_id, last_id, removed_id;
	char *ref0;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	st = doc_map_get(first_session(doc), "statements");
	CHECK(st && st->len == 7);
	first_id = row_id(st->item[0]);
	last_id = row_id(st->item[6]);
	CHECK(first_id > 0 && last_id > first_id);
	ref0 = xstrdup(doc_map_str(st->item[0], "ref"));
	/* move the first statement to the end and remove the last one */
	moved = st->item[0];
	memmove(&st->item[0], &st->item[1], 6 * sizeof *st->item);
	st->item[6] = moved;
	removed_id = row_id(st->item[5]);
	CHECK_INT(removed_id, last_id);
	doc_free(st->item[5]);
	st->item[5] = st->item[6];
	st->len = 6;
	CHECK_INT(save(s, doc, rev, &rev), 0);
	back = load(s, id, &rev);
	CHECK(back != NULL);
	st = doc_map_get(first_session(back), "statements");
	CHECK(st && st->len == 6);
	CHECK_INT(row_id(st->item[5]), first_id);
	CHECK_STR(doc_map_str(st->item[5], "ref"), ref0);
	doc_free(doc);
	doc = back;

	/* a new item gets an id above every id ever given, also above that
	 * of the removed last statement; a copy of an item (same "_id") and
	 * an "_id" of a row that is gone make new rows too */
	added = add_item(first_session(doc), "statements",
	                 "{ref: n1, kind: feit, text: Nieuw}");
	dup = doc_clone(item_at(first_session(doc), "statements", 0));
	set_scalar(dup, "ref", "n2");
	doc_seq_add(doc_map_get(first_session(doc), "statements"), dup);
	stale = add_item(first_session(doc), "statements", "{ref: n3}");
	doc_map_add(stale, "_id", doc_new_scalarf(DOC_PLAIN, "%lld",
	                                          removed_id));
	CHECK_INT(save(s, doc, rev, &rev), 0);
	CHECK(row_id(added) > last_id);
	CHECK(row_id(dup) > row_id(added));
	CHECK(row_id(stale) > row_id(dup));
	CHECK_STR(stale->pair[0].key, "_id");
	CHECK_INT(stale->len, 2); /* the stale "_id" was replaced */
	back = load(s, id, NULL);
	CHECK(back != NULL);
	CHECK_INT(row_id(item_at(first_session(back), "statements", 6)),
	          row_id(added));
	CHECK_INT(row_id(item_at(first_session(back), "statements", 7)),
	          row_id(dup));
	CHECK_INT(counts(s).statements, 9);
	CHECK(healthy(s));
	free(ref0);
	doc_free(back);
	doc_free(doc);
	store_close(s);
	cleanup(dir);
}

/* An "_id" that is a row of another household is refused: the document
 * is not this household's (or has been tampered with). Nothing changes. */
TEST(save_refuses_ids_of_another_household)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN], other[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc, *theirs, *item;
	struct diags d = {0};
	long rev = 0, orev = 0, new_rev = 0;
	char *snap1, *snap2, *msg, *want;
	const char *sid;

	CHECK(s != NULL);
	doc = parse("format: duo-case/1\n"
	            "household: {name: Ander, members: [{ref: a}]}\n"
	            "sessions: [{version: 1, status: concept,"
	            " statements: [{ref: f1}]}]\n");
	CHECK(doc != NULL);
	CHECK_INT(save(s, doc, 0, NULL), 0);
	memcpy(other, doc_map_str(doc_map_get(doc, "household"), "id"),
	       UUID_STR_LEN);
	doc_free(doc);
	theirs = load(s, other, &orev);
	CHECK(theirs != NULL);
	sid = doc_map_str(item_at(first_session(theirs), "statements", 0),
	                  "_id");
	CHECK(is_row_id(sid));
	snap1 = snapshot(s, id);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	item = add_item(first_session(doc), "statements", "{ref: f9}");
	doc_map_add(item, "_id", doc_new_scalar(sid, DOC_PLAIN));
	CHECK_INT(store_save_case(s, doc, rev, &new_rev, NULL, 0, &d), -1);
	msg = diags_text(&d);
	want = xasprintf("sessie 1, statements f9: '_id' %s hoort bij een "
	                 "ander huishouden", sid);
	CHECK_CONTAINS(msg, want);
	snap2 = snapshot(s, id);
	CHECK_STR(snap2, snap1);
	/* the other household is untouched too */
	CHECK_INT(rev_of(s, other), orev);
	free(want);
	free(msg);
	free(snap1);
	free(snap2);
	doc_free(doc);
	doc_free(theirs);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

TEST(data_version_sees_other_connections_only)
{
	char *dir = tmpdir();
	char *path = xasprintf("%s/duo.db", dir);
	struct diags d = {0};
	struct store *a = store_open(path, "a", &d);
	struct store *b = store_open(path, "b", &d);
	struct doc_node *root = load_example();
	struct doc_node *doc;
	char id[UUID_STR_LEN];
	long v0, v1, v2, rev = 0;

	CHECK(a && b && root);
	v0 = store_data_version(a);
	CHECK(v0 >= 0);
	CHECK_INT(store_data_version(a), v0); /* polling changes nothing */
	CHECK_INT(store_import_case(a, root, "x.yaml", 0, id, &d), 0);
	CHECK_INT(store_data_version(a), v0); /* our own commit */
	v1 = store_data_version(b);
	doc = store_load_case(b, forms(), id, &rev, &d);
	CHECK(doc != NULL);
	CHECK_INT(store_save_case(b, doc, rev, NULL, NULL, 0, &d), 0);
	CHECK_INT(store_data_version(b), v1);
	v2 = store_data_version(a);
	CHECK(v2 != v0);
	CHECK_INT(store_data_version(a), v2);
	/* a read by a does not count either */
	CHECK_INT(rev_of(a, id), 2);
	CHECK_INT(store_data_version(a), v2);
	CHECK_INT(d.n, 0);
	doc_free(doc);
	doc_free(root);
	store_close(a);
	store_close(b);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* A small household named name, imported (a save would start a version
 * as a concept). */
static int add_named(struct store *s, const char *name, const char *status)
{
	char *text = xasprintf("format: duo-case/1\nhousehold: {name: \"%s\"}\n"
	                       "%s%s%s", name, status ?
	                       "sessions: [{version: 1, status: " : "",
	                       status ? status : "", status ? "}]\n" : "");
	struct doc_node *doc = parse(text);
	struct diags d = {0};
	int rc = doc ? store_import_case(s, doc, "test", 0, NULL, &d) : -1;

	diags_print(stderr, &d);
	diags_free(&d);
	doc_free(doc);
	free(text);
	return rc;
}

TEST(list_filters_on_name_contains)
{
	char *dir = tmpdir();
	char *path = xasprintf("%s/duo.db", dir);
	struct diags d = {0};
	struct store *s = store_open(path, "tester", &d);
	char *t;

	CHECK(s != NULL);
	CHECK_INT(add_named(s, "Gezin Visser", "concept"), 0);
	CHECK_INT(add_named(s, "gezin de vries", "vastgesteld"), 0);
	CHECK_INT(add_named(s, "100% Jansen", NULL), 0);
	CHECK_INT(add_named(s, "1000 Bakker", NULL), 0);
	CHECK_INT(add_named(s, "Gezin_X", NULL), 0);
	CHECK_INT(add_named(s, "GezinYX", NULL), 0);
	CHECK_INT(add_named(s, "back\\\\slash", NULL), 0);
	CHECK_INT(add_named(s, "Ölmez", NULL), 0);

	t = list_names(s, NULL, "VISSER");
	CHECK_STR(t, "Gezin Visser|1;");
	free(t);
	t = list_names(s, NULL, "gezin ");
	CHECK_STR(t, "gezin de vries|1;Gezin Visser|1;");
	free(t);
	t = list_names(s, "concept", "gezin");
	CHECK_STR(t, "Gezin Visser|1;");
	free(t);
	t = list_names(s, NULL, "0%");
	CHECK_STR(t, "100% Jansen|0;");
	free(t);
	t = list_names(s, NULL, "%");
	CHECK_STR(t, "100% Jansen|0;");
	free(t);
	t = list_names(s, NULL, "n_");
	CHECK_STR(t, "Gezin_X|0;");
	free(t);
	t = list_names(s, NULL, "\\");
	CHECK_STR(t, "back\\slash|0;");
	free(t);
	t = list_names(s, NULL, "Ölm");
	CHECK_STR(t, "Ölmez|0;");
	free(t);
	t = list_names(s, NULL, "niemand");
	CHECK_STR(t, "");
	free(t);
	t = list_names(s, NULL, "");
	CHECK_CONTAINS(t, "Ölmez");
	CHECK_CONTAINS(t, "1000 Bakker");
	free(t);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* Save times: the example, and a session with 200 statements (printed;
 * the limit is loose, this build has sanitizers). */
TEST(save_is_fast)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc, *sess;
	long rev = 0;
	double t0, t1, t2;
	int i;

	CHECK(s != NULL);
	doc = load(s, id, &rev);
	CHECK(doc != NULL);
	t0 = now_seconds();
	CHECK_INT(save(s, doc, rev, &rev), 0);
	t1 = now_seconds();
	sess = first_session(doc);
	for (i = 1; i <= 200; i++) {
		char *item = xasprintf("{ref: s%d, kind: feit, text: \"Op de "
		                       "%d-e dag is gezien dat het huis rommelig "
		                       "was en de kinderen laat naar bed gingen."
		                       "\", source: Verslag, date: 2026-10-01, "
		                       "about: [sem, lotte], verified: true}",
		                       i, i);

		add_item(sess, "statements", item);
		free(item);
	}
	CHECK_INT(save(s, doc, rev, &rev), 0);
	t2 = now_seconds();
	CHECK_INT(save(s, doc, rev, &rev), 0);
	t2 = now_seconds() - t2;
	printf("# store_save_case: example %.1f ms, 207 statements %.1f ms "
	       "(sanitizers on)\n", (t1 - t0) * 1e3, t2 * 1e3);
	CHECK_INT(counts(s).statements, 207);
	CHECK(t1 - t0 < 0.5 && t2 < 0.5);
	doc_free(doc);
	store_close(s);
	cleanup(dir);
}

int main(void)
{
	RUN(load_puts_id_first_in_every_item);
	RUN(load_and_rev_of_unknown_household);
	RUN(save_unchanged_keeps_every_row_id);
	RUN(save_with_stale_rev_is_a_conflict);
	RUN(save_accepts_incomplete_items);
	RUN(save_writes_new_ids_back);
	RUN(save_refuses_dangling_evidence);
	RUN(save_refuses_broken_shapes);
	RUN(save_new_household_is_created_and_listed);
	RUN(export_after_save_has_no_ids_or_program_keys);
	RUN(save_audit_names_user_and_changes);
	RUN(import_and_replace_raise_rev);
	RUN(import_ignores_item_ids);
	RUN(save_keeps_ids_through_moves_and_never_reuses_them);
	RUN(save_refuses_ids_of_another_household);
	RUN(data_version_sees_other_connections_only);
	RUN(list_filters_on_name_contains);
	RUN(save_is_fast);
	formset_free(&forms_default);
	return unit_done();
}
