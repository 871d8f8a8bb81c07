/*
 * test_store.c - the SQLite store: creating and refusing databases, file
 * modes, import and export of duo-case/1 (round trip, ids, extras, all or
 * nothing), finding and listing households, the audit trail, and two
 * connections on one database. Loading and saving from the screens is in
 * test_store_edit.c.
 *
 * Run from the top of the repository: forms are read from "forms" and the
 * shared example from "../shared/examples/gezin-visser.yaml". Every test
 * works in its own directory under /tmp.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "casefile.h"
#include "doc.h"
#include "form.h"
#include "store.h"
#include "store_impl.h"
#include "unit.h"
#include "util.h"
#include "validate.h"

#define EXAMPLE "../shared/examples/gezin-visser.yaml"
#define FORMS "forms"

/* ---- helpers ------------------------------------------------------------ */

/* A fresh directory under /tmp; caller frees (the directory stays for
 * post-mortems only when a test fails: cleanup() removes it). */
static char *tmpdir(void)
{
	char tmpl[] = "/tmp/duo-store-XXXXXX";

	if (!mkdtemp(tmpl))
		return NULL;
	return xstrdup(tmpl);
}

static void cleanup(char *dir)
{
	char *cmd;

	if (!dir)
		return;
	assert(strncmp(dir, "/tmp/duo-store-", 15) == 0);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

static char *path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* The whole file; NULL when unreadable. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb.s ? sb_steal(&sb) : xstrdup("");
}

static int spit(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (fwrite(text, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

/* Every diagnostic as one string, for CHECK_CONTAINS. */
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

/* Load and validate a case file or text; NULL (and diagnostics on stderr)
 * when either fails. */
static struct doc_node *validated(struct doc_node *root, const char *name,
                                  const struct formset *fs, struct diags *d)
{
	if (!root)
		return NULL;
	if (validate_case(root, fs, name, d) != 0) {
		diags_print(stderr, d);
		doc_free(root);
		return NULL;
	}
	return root;
}

static struct doc_node *load_example(void)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_file(EXAMPLE, NULL, &d);

	root = validated(root, EXAMPLE, forms(), &d);
	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

static struct doc_node *load_text(const char *text, const struct formset *fs)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_buffer("test.yaml", text, strlen(text),
	                                        NULL, &d);

	root = validated(root, "test.yaml", fs, &d);
	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

static struct store *open_quiet(const char *path, struct diags *d)
{
	return store_open(path, "tester", d);
}

/* Import root; 0 or -1, diagnostics to stderr on failure unless d given. */
static int import(struct store *s, const struct doc_node *root, int replace,
                  char id[UUID_STR_LEN])
{
	struct diags d = {0};
	int rc = store_import_case(s, root, "gezin-visser.yaml", replace, id,
	                           &d);

	if (rc != 0)
		diags_print(stderr, &d);
	diags_free(&d);
	return rc;
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

/* Export and emit as YAML text; NULL on failure. */
static char *export_yaml(struct store *s, const struct formset *fs,
                         const char *id)
{
	struct diags d = {0};
	struct doc_node *doc = store_export_case(s, fs, id, &d);
	char *text = doc ? doc_emit_string(doc, &d) : NULL;

	if (!text)
		diags_print(stderr, &d);
	doc_free(doc);
	diags_free(&d);
	return text;
}

/* 1 when every value in a is in b at the same place (b may have more). */
static int doc_subset(const struct doc_node *a, const struct doc_node *b)
{
	size_t i;

	if (!a || !b || a->type != b->type)
		return 0;
	switch (a->type) {
	case DOC_SCALAR:
		return strcmp(a->text, b->text) == 0;
	case DOC_SEQ:
		if (a->len != b->len)
			return 0;
		for (i = 0; i < a->len; i++)
			if (!doc_subset(a->item[i], b->item[i]))
				return 0;
		return 1;
	case DOC_MAP:
		for (i = 0; i < a->len; i++) {
			if (doc_is_null(a->pair[i].value))
				continue;
			if (!doc_subset(a->pair[i].value,
			                doc_map_get(b, a->pair[i].key))) {
				fprintf(stderr, "# differs at key %s\n",
				        a->pair[i].key);
				return 0;
			}
		}
		return 1;
	}
	return 0;
}

/* Run one SQL statement on a raw connection to path; its first integer. */
static long long raw_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	                    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "# %s: %s\n", sql, sqlite3_errmsg(db));
		goto out;
	}
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		v = sqlite3_column_int64(st, 0);
		break;
	case SQLITE_DONE:
		v = 0;
		break;
	default:
		fprintf(stderr, "# %s: %s\n", sql, sqlite3_errmsg(db));
	}
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static int file_mode(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

/* A fresh database at dir/name with the example imported; its id in id. */
static struct store *example_db(const char *dir, const char *name,
                                char id[UUID_STR_LEN])
{
	struct diags d = {0};
	char *path = path_in(dir, name);
	struct store *s = open_quiet(path, &d);
	struct doc_node *root = load_example();

	diags_print(stderr, &d);
	diags_free(&d);
	free(path);
	if (!s || !root || import(s, root, 0, id) != 0) {
		doc_free(root);
		store_close(s);
		return NULL;
	}
	doc_free(root);
	return s;
}

/* ---- opening ------------------------------------------------------------ */

/* The db, -wal and -shm files are 0600 and the made directories 0700,
 * whatever the umask. */
static void check_modes_with_umask(mode_t mask)
{
	char *dir = tmpdir();
	char *path = xasprintf("%s/a/b/duo.db", dir);
	char *wal = xasprintf("%s-wal", path);
	char *shm = xasprintf("%s-shm", path);
	char *sub = xasprintf("%s/a/b", dir);
	struct diags d = {0};
	mode_t old = umask(mask);
	struct store *s = open_quiet(path, &d);

	umask(old);
	CHECK(s != NULL);
	CHECK_INT(file_mode(path), 0600);
	CHECK_INT(file_mode(wal), 0600);
	CHECK_INT(file_mode(shm), 0600);
	CHECK_INT(file_mode(sub), 0700);
	store_close(s);
	free(path);
	free(wal);
	free(shm);
	free(sub);
	diags_free(&d);
	cleanup(dir);
}

TEST(open_creates_private_files_umask0)
{
	check_modes_with_umask(0);
}

TEST(open_creates_private_files_umask022)
{
	check_modes_with_umask(022);
}

/* A dangling symlink would let SQLite create its target with the
 * umask's mode: refused. */
TEST(open_refuses_dangling_symlink)
{
	char *dir = tmpdir();
	char *link = path_in(dir, "duo.db");
	char *target = path_in(dir, "elders.db");
	struct diags d = {0};
	char *msg;

	CHECK(symlink(target, link) == 0);
	CHECK(open_quiet(link, &d) == NULL);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "openen mislukt");
	CHECK(access(target, F_OK) != 0);
	free(msg);
	free(link);
	free(target);
	diags_free(&d);
	cleanup(dir);
}

TEST(open_sets_schema_and_reopens)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);

	CHECK(s != NULL);
	CHECK_STR(store_path(s), path);
	CHECK_INT(raw_sql(path, "PRAGMA user_version"), store_schema_version());
	CHECK_INT(raw_sql(path, "PRAGMA application_id"), 0x64756f31);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM sqlite_schema "
	                  "WHERE name = 'household_name'"), 1);
	store_close(s);
	s = open_quiet(path, &d);
	CHECK(s != NULL);
	CHECK_INT(d.n, 0);
	CHECK_INT(store_check(s, &d), 0);
	CHECK_INT(raw_sql(path, "PRAGMA journal_mode") >= 0, 1);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

TEST(open_refuses_newer_schema_untouched)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	char *before, *after, *msg;
	size_t n1 = 0, n2 = 0;

	CHECK(s != NULL);
	store_close(s);
	CHECK_INT(raw_sql(path, "PRAGMA user_version = 99"), 0);
	before = slurp(path, &n1);
	CHECK(before != NULL);
	s = open_quiet(path, &d);
	CHECK(s == NULL);
	msg = diags_text(&d);
	{
		char *want = xasprintf("is van een nieuwere duo (schema 99; deze "
		                       "duo kent t/m %d)", store_schema_version());

		CHECK_CONTAINS(msg, want);
		free(want);
	}
	CHECK_CONTAINS(msg, path);
	after = slurp(path, &n2);
	CHECK(after != NULL);
	CHECK(n1 == n2 && memcmp(before, after, n1) == 0);
	free(before);
	free(after);
	free(msg);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

TEST(open_refuses_text_file)
{
	static const char text[] = "dit is geen database\n";
	char *dir = tmpdir();
	char *path = path_in(dir, "notes.txt");
	struct diags d = {0};
	char *msg, *after;
	size_t n = 0;

	CHECK(spit(path, text, sizeof text - 1) == 0);
	CHECK(open_quiet(path, &d) == NULL);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "is geen SQLite-database");
	after = slurp(path, &n);
	CHECK(n == sizeof text - 1 && memcmp(after, text, n) == 0);
	free(after);
	free(msg);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

TEST(open_refuses_other_application)
{
	char *dir = tmpdir();
	char *a = path_in(dir, "other.db");
	char *b = path_in(dir, "tagged.db");
	struct diags d = {0};
	char *msg;

	CHECK_INT(raw_sql(a, "CREATE TABLE notes(x)"), 0);
	CHECK(open_quiet(a, &d) == NULL);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "geen duo-database");
	free(msg);
	diags_clear(&d);
	CHECK_INT(raw_sql(a, "SELECT count(*) FROM sqlite_schema"), 1);

	CHECK_INT(raw_sql(b, "PRAGMA application_id = 42"), 0);
	CHECK(open_quiet(b, &d) == NULL);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "geen duo-database");
	CHECK_INT(raw_sql(b, "PRAGMA application_id"), 42);
	free(msg);
	free(a);
	free(b);
	diags_free(&d);
	cleanup(dir);
}

TEST(corrupt_database_is_reported)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "good.db", id);
	char *good = path_in(dir, "good.db");
	char *bad = path_in(dir, "bad.db");
	struct diags d = {0};
	struct store_counts c;
	char *bytes, *msg;
	size_t n = 0, off;

	CHECK(s != NULL);
	store_close(s);
	bytes = slurp(good, &n);
	CHECK(bytes != NULL && n > 3 * 4096);
	/* every page but the first (the header) gets garbage in it */
	for (off = 4096; off + 200 < n; off += 4096)
		memset(bytes + off + 8, 0xa5, 150);
	CHECK(spit(bad, bytes, n) == 0);
	free(bytes);

	s = open_quiet(bad, &d);
	if (s) {
		int rc = store_counts(s, &c, &d);

		if (rc == 0)
			rc = store_check(s, &d);
		CHECK_INT(rc, -1);
		store_close(s);
	}
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "beschadigd");
	CHECK_CONTAINS(msg, bad);
	free(msg);
	free(good);
	free(bad);
	diags_free(&d);
	cleanup(dir);
}

TEST(binding_matches_forms)
{
	struct diags d = {0};
	int rc = store_binding_check(&d);

	diags_print(stderr, &d);
	CHECK_INT(rc, 0);
	diags_free(&d);
}

/* ---- import and export -------------------------------------------------- */

TEST(import_example_counts)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct store_counts c;
	struct diags d = {0};

	CHECK(s != NULL);
	CHECK(uuid_is_valid(id));
	c = counts(s);
	CHECK_INT(c.households, 1);
	CHECK_INT(c.members, 5);
	CHECK_INT(c.sessions, 1);
	CHECK_INT(c.participants, 4);
	CHECK_INT(c.statements, 7);
	CHECK_INT(c.top3, 2);
	CHECK_INT(c.factors, 6);
	CHECK_INT(c.hypotheses, 2);
	CHECK_INT(c.plan, 4);
	CHECK_INT(c.reviews, 1);
	CHECK_INT(c.comments, 1);
	CHECK_INT(c.extras, 0);
	CHECK_INT(c.audit, 1);
	CHECK_INT(store_check(s, &d), 0);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

TEST(round_trip_is_byte_identical)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN], id2[UUID_STR_LEN];
	struct store *s = example_db(dir, "one.db", id);
	struct store *s2;
	struct doc_node *orig = load_example();
	struct doc_node *back;
	struct diags d = {0};
	char *path2 = path_in(dir, "two.db");
	char *y1, *y2;

	CHECK(s != NULL && orig != NULL);
	y1 = export_yaml(s, forms(), id);
	CHECK(y1 != NULL);
	back = load_text(y1, forms());
	CHECK(back != NULL);
	/* every value of the original is in the export, unchanged */
	CHECK(doc_subset(orig, back));
	s2 = open_quiet(path2, &d);
	CHECK(s2 != NULL);
	CHECK_INT(import(s2, back, 0, id2), 0);
	CHECK_STR(id2, id);
	y2 = export_yaml(s2, forms(), id2);
	CHECK(y2 != NULL);
	CHECK_STR(y2, y1);
	free(y1);
	free(y2);
	doc_free(orig);
	doc_free(back);
	store_close(s);
	store_close(s2);
	free(path2);
	diags_free(&d);
	cleanup(dir);
}

/* A case with ids of its own keeps them, also written in capitals. */
TEST(import_keeps_document_ids)
{
	static const char text[] =
		"format: duo-case/1\n"
		"household:\n"
		"  id: 5B0F6A52-3C8E-4D7E-9A51-0F4F3B1C2D11\n"
		"  name: Gezin Met Id\n"
		"  members:\n"
		"    - {ref: a, name: Ada, role: ouder}\n"
		"sessions:\n"
		"  - id: 0e2d4c1a-1111-4222-8333-444455556666\n"
		"    version: 1\n"
		"    date: 2026-01-05\n"
		"    status: concept\n"
		"  - id: 0e2d4c1a-1111-4222-8333-777788889999\n"
		"    version: 2\n"
		"    date: 2026-03-05\n"
		"    status: concept\n";
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	struct doc_node *root = load_text(text, forms());
	struct doc_node *exp;
	const struct doc_node *sessions;
	char id[UUID_STR_LEN];

	CHECK(s && root);
	CHECK_INT(import(s, root, 0, id), 0);
	CHECK_STR(id, "5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11");
	exp = store_export_case(s, forms(), id, &d);
	CHECK(exp != NULL);
	CHECK_STR(doc_map_str(doc_map_get(exp, "household"), "id"), id);
	sessions = doc_map_get(exp, "sessions");
	CHECK(sessions && sessions->len == 2);
	CHECK_STR(doc_map_str(sessions->item[0], "id"),
	          "0e2d4c1a-1111-4222-8333-444455556666");
	CHECK_STR(doc_map_str(sessions->item[1], "id"),
	          "0e2d4c1a-1111-4222-8333-777788889999");
	CHECK_STR(doc_map_str(sessions->item[1], "version"), "2");
	doc_free(exp);
	doc_free(root);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

TEST(import_same_id_refused_then_replaced)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN], id2[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *exp;
	struct store_counts before, after;
	struct diags d = {0};
	char *msg, *y1, *y2;

	CHECK(s != NULL);
	exp = store_export_case(s, forms(), id, &d);
	CHECK(exp != NULL);
	y1 = doc_emit_string(exp, &d);
	before = counts(s);
	CHECK_INT(store_import_case(s, exp, "kopie.yaml", 0, id2, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "bestaat al in de database (gebruik --replace om "
	               "het te vervangen)");
	CHECK_CONTAINS(msg, id);
	free(msg);
	after = counts(s);
	CHECK(counts_equal(&before, &after));

	diags_clear(&d);
	CHECK_INT(store_import_case(s, exp, "kopie.yaml", 1, id2, &d), 0);
	CHECK_STR(id2, id);
	after = counts(s);
	CHECK_INT(after.households, 1);
	CHECK_INT(after.members, before.members);
	CHECK_INT(after.statements, before.statements);
	CHECK_INT(after.audit, before.audit + 1);
	y2 = export_yaml(s, forms(), id);
	CHECK_STR(y2, y1);
	CHECK_INT(raw_sql(store_path(s), "SELECT count(*) FROM audit "
	                  "WHERE action = 'replace'"), 1);
	CHECK_INT(store_check(s, &d), 0);
	free(y1);
	free(y2);
	doc_free(exp);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* Change the scalar at map[key] of a node in place. */
static void set_scalar(struct doc_node *map, const char *key, const char *text)
{
	struct doc_node *v = doc_map_get(map, key);

	assert(v && v->type == DOC_SCALAR);
	free(v->text);
	v->text = xstrdup(text);
}

TEST(failed_import_changes_nothing)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *root = load_example();
	struct doc_node *sess, *top3, *ev, *hh;
	struct store_counts before, after;
	struct diags d = {0};
	char *msg;

	CHECK(s && root);
	before = counts(s);
	/* a second household whose last top-3 item points at a statement
	 * that does not exist: members, statements and the first concern
	 * are written before the store finds out */
	hh = doc_map_get(root, "household");
	set_scalar(hh, "name", "Gezin Anders");
	sess = doc_map_get(root, "sessions")->item[0];
	top3 = doc_map_get(sess, "top3");
	ev = doc_map_get(top3->item[1], "evidence");
	doc_seq_add(ev, doc_new_scalar("f9", DOC_PLAIN));
	CHECK_INT(store_import_case(s, root, "anders.yaml", 0, NULL, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "f9");
	CHECK_CONTAINS(msg, "anders.yaml");
	free(msg);
	after = counts(s);
	CHECK(counts_equal(&before, &after));

	/* a constraint of the database: two sessions with one version */
	doc_free(root);
	root = load_example();
	CHECK(root != NULL);
	sess = doc_map_get(root, "sessions");
	doc_seq_add(sess, doc_clone(sess->item[0]));
	diags_clear(&d);
	CHECK_INT(store_import_case(s, root, "dubbel.yaml", 0, NULL, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "kan niet worden opgeslagen");
	free(msg);
	after = counts(s);
	CHECK(counts_equal(&before, &after));

	/* not a case at all */
	diags_clear(&d);
	CHECK_INT(store_import_case(s, sess, "lijst.yaml", 0, NULL, &d), -1);
	CHECK(d.n > 0);
	after = counts(s);
	CHECK(counts_equal(&before, &after));
	doc_free(root);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

TEST(absent_and_false_stay_apart)
{
	static const char text[] =
		"format: duo-case/1\n"
		"household:\n"
		"  name: Gezin Waar\n"
		"  members:\n"
		"    - {ref: a, name: Ada, role: ouder, lives_here: false}\n"
		"    - {ref: b, name: Bo, role: kind}\n"
		"sessions:\n"
		"  - version: 1\n"
		"    date: 2026-01-05\n"
		"    status: concept\n"
		"    statements:\n"
		"      - {ref: m1, kind: mening, text: 'Ja: echt', holder: a,\n"
		"         confidential: false}\n"
		"      - {ref: m2, kind: mening, text: \"true\", holder: b}\n"
		"      - {ref: m3, kind: mening, text: \"null\", holder: duo,\n"
		"         confidential: true}\n";
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	struct doc_node *root = load_text(text, forms());
	struct doc_node *exp;
	const struct doc_node *st, *mem;
	char id[UUID_STR_LEN];

	CHECK(s && root);
	CHECK_INT(import(s, root, 0, id), 0);
	exp = store_export_case(s, forms(), id, &d);
	CHECK(exp != NULL);
	mem = doc_map_get(doc_map_get(exp, "household"), "members");
	CHECK_STR(doc_map_str(mem->item[0], "lives_here"), "false");
	CHECK(doc_map_get(mem->item[1], "lives_here") == NULL);
	st = doc_map_get(doc_map_get(exp, "sessions")->item[0], "statements");
	CHECK_STR(doc_map_str(st->item[0], "confidential"), "false");
	CHECK_STR(doc_map_str(st->item[0], "text"), "Ja: echt");
	CHECK(doc_map_get(st->item[1], "confidential") == NULL);
	CHECK_STR(doc_map_str(st->item[1], "text"), "true");
	CHECK_STR(doc_map_str(st->item[2], "confidential"), "true");
	CHECK_STR(doc_map_str(st->item[2], "text"), "null");
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM statement "
	                  "WHERE confidential IS NULL"), 1);
	doc_free(exp);
	doc_free(root);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* Put text before the first line of the file at path that equals marker. */
static int insert_before(const char *path, const char *marker,
                         const char *text)
{
	size_t n = 0;
	char *old = slurp(path, &n);
	char *at = old ? strstr(old, marker) : NULL;
	struct strbuf sb = {0};
	int rc;

	if (!at) {
		free(old);
		return -1;
	}
	sb_addn(&sb, old, (size_t)(at - old));
	sb_add(&sb, text);
	sb_add(&sb, at);
	rc = spit(path, sb.s, sb.len);
	sb_free(&sb);
	free(old);
	return rc;
}

/* Forms with extra fields in several sections, in dir/forms. */
static int extra_forms(const char *dir, struct formset *fs)
{
	char *cmd = xasprintf("cp -r %s '%s/forms'", FORMS, dir);
	char *f0 = xasprintf("%s/forms/0-huishouden.yaml", dir);
	char *f1 = xasprintf("%s/forms/1-feiten.yaml", dir);
	char *f2 = xasprintf("%s/forms/2-top3.yaml", dir);
	char *f3 = xasprintf("%s/forms/3-analyse.yaml", dir);
	char *fdir = xasprintf("%s/forms", dir);
	struct diags d = {0};
	int rc = system(cmd);

	if (rc == 0)
		rc = insert_before(f0, "      - key: municipality\n",
		                   "      - key: dossier\n"
		                   "        label: Dossiernummer\n"
		                   "        type: text\n");
	if (rc == 0)
		rc = insert_before(f0, "      - key: lives_here\n",
		                   "      - key: contacts\n"
		                   "        label: Contact met\n"
		                   "        type: members\n");
	if (rc == 0)
		rc = insert_before(f0, "      - key: evaluation\n",
		                   "      - key: location\n"
		                   "        label: Plaats\n"
		                   "        type: text\n");
	if (rc == 0)
		rc = insert_before(f1, "      - key: confidential\n",
		                   "      - key: related\n"
		                   "        label: Hangt samen met\n"
		                   "        type: statements\n"
		                   "      - key: note\n"
		                   "        label: Notitie\n"
		                   "        type: lines\n");
	if (rc == 0)
		rc = insert_before(f2, "      - key: urgent\n",
		                   "      - key: network_scores\n"
		                   "        label: Scores van het netwerk\n"
		                   "        type: scores\n");
	if (rc == 0)
		rc = insert_before(f3, "      - key: model\n",
		                   "      - key: summary\n"
		                   "        label: Samenvatting\n"
		                   "        type: lines\n");
	if (rc == 0 && formset_load(fs, fdir, &d) != 0) {
		diags_print(stderr, &d);
		rc = -1;
	}
	diags_free(&d);
	free(cmd);
	free(f0);
	free(f1);
	free(f2);
	free(f3);
	free(fdir);
	return rc;
}

static const char extras_case[] =
	"format: duo-case/1\n"
	"household:\n"
	"  name: Gezin Extra\n"
	"  dossier: 'D-12: map 3'\n"
	"  members:\n"
	"    - {ref: a, name: Ada, role: ouder, contacts: [b]}\n"
	"    - {ref: b, name: Bo, role: kind}\n"
	"sessions:\n"
	"  - version: 1\n"
	"    date: 2026-01-05\n"
	"    status: concept\n"
	"    location: Bij Ada thuis\n"
	"    statements:\n"
	"      - ref: f1\n"
	"        kind: feit\n"
	"        text: Gezien.\n"
	"        source: Duo\n"
	"        note: |\n"
	"          Regel een\n"
	"          regel twee\n"
	"      - {ref: f2, kind: feit, text: Ook gezien., source: Duo,\n"
	"         related: [f1]}\n"
	"    top3:\n"
	"      - {rank: 1, title: Zorg, evidence: [f1],\n"
	"         network_scores: {b: 4, a: 7}}\n"
	"    analysis:\n"
	"      summary: Kort.\n"
	"      model: 4p\n";

TEST(extra_fields_survive_round_trip)
{
	char *dir = tmpdir();
	char *p1 = path_in(dir, "one.db");
	char *p2 = path_in(dir, "two.db");
	struct formset fs = {0};
	struct diags d = {0};
	struct store *s1 = NULL, *s2 = NULL;
	struct doc_node *root = NULL, *back = NULL, *edit;
	char id[UUID_STR_LEN], id2[UUID_STR_LEN];
	char *y1, *y2, *y3, *y4;
	long rev = 0;

	CHECK(extra_forms(dir, &fs) == 0);
	root = load_text(extras_case, &fs);
	CHECK(root != NULL);
	s1 = open_quiet(p1, &d);
	s2 = open_quiet(p2, &d);
	CHECK(s1 && s2);
	CHECK_INT(import(s1, root, 0, id), 0);
	/* dossier, contacts, location, note, related: one row each;
	 * network_scores two; summary one */
	CHECK_INT(counts(s1).extras, 8);
	y1 = export_yaml(s1, &fs, id);
	CHECK(y1 != NULL);
	/* in form order: after name, before municipality and members */
	CHECK_CONTAINS(y1, "  name: Gezin Extra\n  dossier: \"D-12: map 3\"\n"
	               "  members:");
	CHECK_CONTAINS(y1, "contacts: [b]\n");
	CHECK_CONTAINS(y1, "related: [f1]\n");
	CHECK_CONTAINS(y1, "network_scores: {b: 4, a: 7}\n");
	CHECK_CONTAINS(y1, "location: Bij Ada thuis\n");
	CHECK_CONTAINS(y1, "analysis:\n    summary: Kort.\n    model: 4p\n");
	back = load_text(y1, &fs);
	CHECK(back != NULL);
	CHECK(doc_subset(root, back));
	CHECK_INT(import(s2, back, 0, id2), 0);
	y2 = export_yaml(s2, &fs, id2);
	CHECK_STR(y2, y1);
	/* replacing deletes the old extras (triggers, through the cascade) */
	CHECK_INT(import(s2, back, 1, id2), 0);
	CHECK_INT(counts(s2).extras, 8);
	/* and so does a save, which keeps them with their items */
	edit = store_load_case(s2, &fs, id2, &rev, &d);
	CHECK(edit != NULL);
	CHECK_INT(store_save_case(s2, edit, rev, NULL, NULL, 0, &d), 0);
	CHECK_INT(counts(s2).extras, 8);
	y4 = export_yaml(s2, &fs, id2);
	CHECK_STR(y4, y1);
	free(y4);
	doc_free(edit);

	/* with forms that no longer define them, nothing is dropped */
	y3 = export_yaml(s2, forms(), id2);
	CHECK(y3 != NULL);
	CHECK_CONTAINS(y3, "dossier:");
	CHECK_CONTAINS(y3, "network_scores:");
	CHECK_CONTAINS(y3, "summary: Kort.");
	CHECK_CONTAINS(y3, "Regel een");
	free(y1);
	free(y2);
	free(y3);
	doc_free(root);
	doc_free(back);
	store_close(s1);
	store_close(s2);
	formset_free(&fs);
	free(p1);
	free(p2);
	diags_free(&d);
	cleanup(dir);
}

/* ---- finding, listing, audit ------------------------------------------- */

static char *small_case(const char *id, const char *name, const char *sessions)
{
	return xasprintf("format: duo-case/1\n"
	                 "household:\n"
	                 "%s%s%s"
	                 "  name: %s\n"
	                 "  members:\n"
	                 "    - {ref: a, name: Ada, role: ouder}\n"
	                 "%s",
	                 id ? "  id: " : "", id ? id : "", id ? "\n" : "",
	                 name, sessions ? sessions : "");
}

static int add_small(struct store *s, const char *id, const char *name,
                     const char *sessions)
{
	char *text = small_case(id, name, sessions);
	struct doc_node *root = load_text(text, forms());
	int rc = root ? import(s, root, 0, NULL) : -1;

	doc_free(root);
	free(text);
	return rc;
}

TEST(find_household)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	char id[UUID_STR_LEN];
	char *msg;

	CHECK(s != NULL);
	CHECK_INT(add_small(s, "aaaa1111-0000-4000-8000-000000000001",
	                    "Gezin Visser", NULL), 0);
	CHECK_INT(add_small(s, "aaaa2222-0000-4000-8000-000000000002",
	                    "Gezin Jansen", NULL), 0);
	CHECK_INT(add_small(s, "bbbb3333-0000-4000-8000-000000000003",
	                    "Gezin Jansen", NULL), 0);

	CHECK_INT(store_find_household(s,
	          "aaaa2222-0000-4000-8000-000000000002", id, &d), 0);
	CHECK_STR(id, "aaaa2222-0000-4000-8000-000000000002");
	CHECK_INT(store_find_household(s, "aaaa1", id, &d), 0);
	CHECK_STR(id, "aaaa1111-0000-4000-8000-000000000001");
	CHECK_INT(store_find_household(s, "BBBB", id, &d), 0);
	CHECK_STR(id, "bbbb3333-0000-4000-8000-000000000003");
	CHECK_INT(store_find_household(s, "Gezin Visser", id, &d), 0);
	CHECK_STR(id, "aaaa1111-0000-4000-8000-000000000001");
	CHECK_INT(store_find_household(s, "gezin visser", id, &d), 0);
	CHECK_STR(id, "aaaa1111-0000-4000-8000-000000000001");
	CHECK_INT(d.n, 0);

	CHECK_INT(store_find_household(s, "aaaa", id, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "'aaaa' is niet eenduidig: ");
	CHECK_CONTAINS(msg, "aaaa1111 Gezin Visser");
	CHECK_CONTAINS(msg, "aaaa2222 Gezin Jansen");
	free(msg);
	diags_clear(&d);
	CHECK_INT(store_find_household(s, "Gezin Jansen", id, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "is niet eenduidig");
	CHECK_CONTAINS(msg, "bbbb3333 Gezin Jansen");
	free(msg);
	diags_clear(&d);
	CHECK_INT(store_find_household(s, "aaa", id, &d), -1);
	CHECK_INT(store_find_household(s, "Gezin%", id, &d), -1);
	CHECK_INT(store_find_household(s, "cccc", id, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "huishouden 'aaa' niet gevonden");
	CHECK_CONTAINS(msg, "huishouden 'Gezin%' niet gevonden");
	CHECK_CONTAINS(msg, "huishouden 'cccc' niet gevonden");
	free(msg);
	store_close(s);
	free(path);
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

	sb_addf(&l->sb, "%s|%d|%s|%s;", row->name, row->version,
	        row->status ? row->status : "-",
	        row->evaluation ? row->evaluation : "-");
	l->n++;
	return 0;
}

static char *list_text(struct store *s, const char *status,
                       const char *overdue)
{
	struct store_list_filter f = { status, overdue, NULL };
	struct listed l = { {0}, 0 };
	struct diags d = {0};

	if (store_list(s, &f, list_cb, &l, &d) != 0)
		diags_print(stderr, &d);
	diags_free(&d);
	return l.sb.s ? sb_steal(&l.sb) : xstrdup("");
}

TEST(list_order_and_filters)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	char *t;

	CHECK(s != NULL);
	CHECK_INT(add_small(s, NULL, "Gezin Visser",
		"sessions:\n"
		"  - {version: 1, date: 2026-10-14, status: vastgesteld,"
		" evaluation: 2026-12-15}\n"), 0);
	CHECK_INT(add_small(s, NULL, "aap",
		"sessions:\n"
		"  - {version: 1, date: 2026-10-01, status: ter-review,"
		" evaluation: 2026-11-01}\n"), 0);
	CHECK_INT(add_small(s, NULL, "Gezin Bakker",
		"sessions:\n"
		"  - {version: 2, date: 2026-11-01, status: concept,"
		" evaluation: 2027-01-10}\n"
		"  - {version: 1, date: 2026-06-01, status: herzien,"
		" evaluation: 2026-08-01}\n"), 0);
	CHECK_INT(add_small(s, NULL, "Herzien",
		"sessions:\n"
		"  - {version: 1, date: 2025-06-01, status: herzien,"
		" evaluation: 2025-08-01}\n"), 0);
	CHECK_INT(add_small(s, NULL, "Zonder Sessie", NULL), 0);

	t = list_text(s, NULL, NULL);
	CHECK_STR(t, "aap|1|ter-review|2026-11-01;"
	          "Gezin Bakker|2|concept|2027-01-10;"
	          "Gezin Visser|1|vastgesteld|2026-12-15;"
	          "Herzien|1|herzien|2025-08-01;"
	          "Zonder Sessie|0|-|-;");
	free(t);
	t = list_text(s, "concept", NULL);
	CHECK_STR(t, "Gezin Bakker|2|concept|2027-01-10;");
	free(t);
	t = list_text(s, "herzien", NULL);
	CHECK_STR(t, "Herzien|1|herzien|2025-08-01;");
	free(t);
	t = list_text(s, NULL, "2026-12-01");
	CHECK_STR(t, "aap|1|ter-review|2026-11-01;");
	free(t);
	t = list_text(s, NULL, "2027-02-01");
	CHECK_STR(t, "aap|1|ter-review|2026-11-01;"
	          "Gezin Bakker|2|concept|2027-01-10;"
	          "Gezin Visser|1|vastgesteld|2026-12-15;");
	free(t);
	t = list_text(s, "vastgesteld", "2027-02-01");
	CHECK_STR(t, "Gezin Visser|1|vastgesteld|2026-12-15;");
	free(t);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

static int stop_cb(const struct store_list_row *row, void *arg)
{
	(void)row;
	return ++*(int *)arg >= 2;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 10,000 households with one or two sessions each, listed in name order. */
TEST(list_ten_thousand_is_fast)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	sqlite3 *db = NULL;
	sqlite3_stmt *hs = NULL, *ss = NULL;
	struct listed l = { {0}, 0 };
	struct store_list_filter contains = { NULL, NULL, "GEZIN 0999" };
	double t0, t1;
	int i, stop = 0, ok = 1;

	CHECK(s != NULL);
	store_close(s);
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "INSERT INTO household(uuid, name,"
	      " created, updated) VALUES (?1, ?2, 'x', 'x')", -1, &hs, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "INSERT INTO session(uuid, household_id,"
	      " version, date, status, evaluation) VALUES (?1, ?2, ?3,"
	      " '2026-01-01', ?4, '2026-06-01')", -1, &ss, NULL) == SQLITE_OK);
	for (i = 0; i < 10000 && ok; i++) {
		char hid[UUID_STR_LEN], sid[UUID_STR_LEN];
		char name[32];
		sqlite3_int64 hrow;
		int v;

		uuid_new(hid);
		snprintf(name, sizeof name, "Gezin %05d", (i * 7919) % 10000);
		sqlite3_bind_text(hs, 1, hid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(hs, 2, name, -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(hs) == SQLITE_DONE;
		sqlite3_reset(hs);
		hrow = sqlite3_last_insert_rowid(db);
		for (v = 1; ok && v <= 1 + i % 2; v++) {
			uuid_new(sid);
			sqlite3_bind_text(ss, 1, sid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ss, 2, hrow);
			sqlite3_bind_int(ss, 3, v);
			sqlite3_bind_text(ss, 4, v == 1 + i % 2 ? "concept" :
			                  "herzien", -1, SQLITE_STATIC);
			ok = sqlite3_step(ss) == SQLITE_DONE;
			sqlite3_reset(ss);
		}
	}
	sqlite3_finalize(hs);
	sqlite3_finalize(ss);
	CHECK(ok);
	CHECK(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);

	s = open_quiet(path, &d);
	CHECK(s != NULL);
	t0 = now_seconds();
	CHECK_INT(store_list(s, NULL, list_cb, &l, &d), 0);
	t1 = now_seconds();
	CHECK_INT(l.n, 10000);
	CHECK(strncmp(l.sb.s, "Gezin 00000|", 12) == 0);
	CHECK(strstr(l.sb.s, "herzien") == NULL); /* only latest sessions */
	printf("# store_list: 10,000 households in %.1f ms (sanitizers on)\n",
	       (t1 - t0) * 1e3);
	CHECK(t1 - t0 < 1.0);
	/* the name filter, as the household screen types it */
	sb_free(&l.sb);
	l.n = 0;
	t0 = now_seconds();
	CHECK_INT(store_list(s, &contains, list_cb, &l, &d), 0);
	t1 = now_seconds();
	CHECK_INT(l.n, 10);
	CHECK(strncmp(l.sb.s, "Gezin 09990|", 12) == 0);
	printf("# store_list: name filter on 10,000 households in %.1f ms "
	       "(sanitizers on)\n", (t1 - t0) * 1e3);
	CHECK(t1 - t0 < 1.0);
	CHECK_INT(store_list(s, NULL, stop_cb, &stop, &d), 0);
	CHECK_INT(stop, 2);
	sb_free(&l.sb);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

struct audit_seen {
	int n;
	char *action, *user, *what, *at;
};

static int audit_cb(const struct store_audit_row *row, void *arg)
{
	struct audit_seen *a = arg;

	if (a->n++ == 0) {
		a->action = xstrdup(row->action);
		a->user = xstrdup(row->user);
		a->what = xstrdup(row->what);
		a->at = xstrdup(row->at);
	}
	return 0;
}

TEST(audit_names_import_and_user)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct audit_seen a = {0}, all = {0}, none = {0};
	struct diags d = {0};

	CHECK(s != NULL);
	CHECK_INT(store_audit(s, id, audit_cb, &a, &d), 0);
	CHECK_INT(a.n, 1);
	CHECK_STR(a.action, "import");
	CHECK_STR(a.user, "tester");
	CHECK_STR(a.what, "geïmporteerd uit gezin-visser.yaml: 5 leden, "
	          "1 sessie");
	CHECK(a.at && strlen(a.at) == 20 && a.at[10] == 'T');
	CHECK_INT(store_audit(s, NULL, audit_cb, &all, &d), 0);
	CHECK_INT(all.n, 1);
	CHECK_INT(store_audit(s, "nope", audit_cb, &none, &d), 0);
	CHECK_INT(none.n, 0);
	free(a.action);
	free(a.user);
	free(a.what);
	free(a.at);
	free(all.action);
	free(all.user);
	free(all.what);
	free(all.at);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

TEST(check_reports_broken_reference)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct diags d = {0};
	char *path, *msg;

	CHECK(s != NULL);
	path = xstrdup(store_path(s));
	CHECK_INT(store_check(s, &d), 0);
	/* a raw connection has foreign keys off */
	CHECK_INT(raw_sql(path, "INSERT INTO member(household_id, pos, ref)"
	                  " VALUES (999999, 0, 'x')"), 0);
	CHECK_INT(store_check(s, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "member");
	CHECK_CONTAINS(msg, "household");
	free(msg);
	free(path);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* ---- keys and statements ------------------------------------------------ */

/* Give map the id text, replacing the one it has. */
static void set_id(struct doc_node *map, const char *text)
{
	if (doc_map_get(map, "id"))
		set_scalar(map, "id", text);
	else
		doc_map_add(map, "id", doc_new_scalar(text, DOC_PLAIN));
}

/* Rows point at each other by integer row ids; one household's rows come
 * after those of the household imported before it; the uuids of the
 * format are kept for households and sessions only. */
TEST(rows_are_keyed_by_integers)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *root = load_example();
	struct diags d = {0};
	char *path;

	CHECK(s && root);
	path = xstrdup(store_path(s));
	set_id(doc_map_get(root, "household"),
	       "aaaa1111-0000-4000-8000-000000000001");
	set_id(doc_map_get(root, "sessions")->item[0],
	       "aaaa1111-0000-4000-8000-000000000002");
	CHECK_INT(import(s, root, 0, NULL), 0);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM statement_about"
	                  " WHERE typeof(statement_id) = 'integer'"
	                  " AND typeof(member_id) = 'integer'"),
	          raw_sql(path, "SELECT count(*) FROM statement_about"));
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM session"
	                  " WHERE typeof(household_id) = 'integer'"), 2);
	/* every statement of the second household after the first's */
	CHECK_INT(raw_sql(path, "SELECT min(t.id) > (SELECT max(t2.id)"
	                  " FROM statement t2 JOIN session s2"
	                  " ON s2.id = t2.session_id JOIN household h2"
	                  " ON h2.id = s2.household_id WHERE h2.uuid <>"
	                  " 'aaaa1111-0000-4000-8000-000000000001')"
	                  " FROM statement t JOIN session s ON s.id ="
	                  " t.session_id JOIN household h ON h.id ="
	                  " s.household_id WHERE h.uuid ="
	                  " 'aaaa1111-0000-4000-8000-000000000001'"), 1);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM session WHERE uuid ="
	                  " 'aaaa1111-0000-4000-8000-000000000002'"), 1);
	CHECK_INT(store_check(s, &d), 0);
	free(path);
	doc_free(root);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* The statements of the store's cache and its operations; FTS5 prepares
 * statements of its own on its shadow tables ('main'.'search_data', ...)
 * when it first needs them, a merge of its segments for one. */
static int count_statements(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	while ((st = sqlite3_next_stmt(s->db, st)) != NULL)
		if (!strstr(sqlite3_sql(st), "'main'.'search_"))
			n++;
	return n;
}

/*
 * Prepared statements live as long as the connection: a second import
 * and export prepare nothing new. Between operations none of them is left
 * standing on a row, which would keep a read transaction open and stop
 * another process from checkpointing the WAL.
 */
TEST(statements_are_kept_and_left_reset)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN], found[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *root = load_example();
	struct doc_node *doc;
	struct diags d = {0};
	int n1, stop = 0;
	long rev = 0;
	char *y;

	CHECK(s && root);
	CHECK_INT(store_busy_statements(s), 0);
	y = export_yaml(s, forms(), id);
	CHECK(y != NULL);
	free(y);
	CHECK_INT(store_busy_statements(s), 0);
	n1 = count_statements(s);
	set_id(doc_map_get(root, "household"),
	       "aaaa1111-0000-4000-8000-000000000001");
	set_id(doc_map_get(root, "sessions")->item[0],
	       "aaaa1111-0000-4000-8000-000000000002");
	CHECK_INT(import(s, root, 0, NULL), 0);
	y = export_yaml(s, forms(), "aaaa1111-0000-4000-8000-000000000001");
	CHECK(y != NULL);
	free(y);
	CHECK_INT(count_statements(s), n1);
	CHECK_INT(store_busy_statements(s), 0);
	/* a failed import, load and save, list stopped early, find, audit */
	CHECK_INT(store_import_case(s, root, "x.yaml", 0, NULL, &d), -1);
	CHECK_INT(store_busy_statements(s), 0);
	doc = store_load_case(s, forms(), id, &rev, &d);
	CHECK(doc != NULL);
	CHECK_INT(store_busy_statements(s), 0);
	CHECK_INT(store_save_case(s, doc, rev, NULL, NULL, 0, &d), 0);
	CHECK_INT(store_busy_statements(s), 0);
	CHECK_INT(store_list(s, NULL, stop_cb, &stop, &d), 0);
	CHECK_INT(store_find_household(s, "Gezin Visser", found, &d), -1);
	CHECK_INT(store_household_rev(s, id, &rev, &d), 0);
	CHECK_INT(store_busy_statements(s), 0);
	/* another connection can checkpoint the whole WAL meanwhile */
	CHECK_INT(raw_sql(store_path(s), "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	doc_free(doc);
	doc_free(root);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* ---- two connections ---------------------------------------------------- */

TEST(second_connection_sees_writes)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *a = open_quiet(path, &d);
	struct store *b = open_quiet(path, &d);
	struct doc_node *root = load_example();
	char id[UUID_STR_LEN], found[UUID_STR_LEN];

	CHECK(a && b && root);
	CHECK_INT(counts(b).households, 0);
	CHECK_INT(import(a, root, 0, id), 0);
	CHECK_INT(counts(b).households, 1);
	CHECK_INT(counts(b).statements, 7);
	CHECK_INT(store_find_household(b, "Gezin Visser", found, &d), 0);
	CHECK_STR(found, id);
	doc_free(root);
	store_close(a);
	store_close(b);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/*
 * Another process holds the write lock for 300 ms; an import waits for it
 * (busy timeout) and then succeeds. The child is forked before this
 * process opens the database, as SQLite asks.
 */
TEST(writer_waits_for_other_process)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	struct doc_node *root = load_example();
	int fds[2], status = 0;
	double t0, t1;
	pid_t pid;
	char c;

	CHECK(s && root);
	store_close(s);
	CHECK(pipe(fds) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		sqlite3 *db = NULL;
		int ok;

		close(fds[0]);
		ok = sqlite3_open(path, &db) == SQLITE_OK &&
		     sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
		     SQLITE_OK;
		if (write(fds[1], ok ? "y" : "n", 1) != 1)
			ok = 0;
		usleep(300 * 1000);
		if (ok)
			ok = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) ==
			     SQLITE_OK;
		sqlite3_close(db);
		_exit(ok ? 0 : 1);
	}
	close(fds[1]);
	CHECK(read(fds[0], &c, 1) == 1 && c == 'y');
	close(fds[0]);
	s = open_quiet(path, &d);
	CHECK(s != NULL);
	t0 = now_seconds();
	CHECK_INT(import(s, root, 0, NULL), 0);
	t1 = now_seconds();
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(t1 - t0 > 0.1);
	CHECK_INT(counts(s).households, 1);
	doc_free(root);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}


/* ---- batches ------------------------------------------------------------ */

#define BATCH_ID1 "bbbb0001-0000-4000-8000-000000000001"
#define BATCH_ID2 "bbbb0002-0000-4000-8000-000000000002"
#define BATCH_ID3 "bbbb0003-0000-4000-8000-000000000003"

/* A document that passes check_root but fails in the store after the
 * household row and its first member were written: the second member's
 * year of birth is no year. Not validated, on purpose. */
static struct doc_node *half_bad_case(void)
{
	static const char text[] =
		"format: duo-case/1\n"
		"household:\n"
		"  id: " BATCH_ID2 "\n"
		"  name: Gezin Half\n"
		"  members:\n"
		"    - {ref: a, name: Ada, role: ouder}\n"
		"    - {ref: b, name: Bo, role: kind, born: gisteren}\n";
	struct diags d = {0};
	struct doc_node *root = doc_load_buffer("half.yaml", text,
	                                        strlen(text), NULL, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

static int import_small(struct store *s, const char *id, const char *name,
                        struct diags *d)
{
	char *text = small_case(id, name, NULL);
	struct doc_node *root = load_text(text, forms());
	int rc = root ? store_import_case(s, root, name, 0, NULL, d) : -2;

	doc_free(root);
	free(text);
	return rc;
}

static long audit_count(struct store *s, const char *id)
{
	struct audit_seen a = {0};
	struct diags d = {0};

	if (store_audit(s, id, audit_cb, &a, &d) != 0)
		a.n = -1;
	free(a.action);
	free(a.user);
	free(a.what);
	free(a.at);
	diags_free(&d);
	return a.n;
}

/*
 * Three imports in one batch, the second failing half-way in the store:
 * it is rolled back alone, with its diagnostic; the first and third are
 * stored with one audit row each once the batch commits. Until then a
 * second connection sees nothing of the batch, while the batch's own
 * connection reads its uncommitted households.
 */
TEST(batch_keeps_good_imports_around_a_bad_one)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *a = open_quiet(path, &d);
	struct store *b = open_quiet(path, &d);
	struct doc_node *bad_doc = half_bad_case();
	struct store_counts c;
	char *msg, *y;

	CHECK(a && b && bad_doc);
	CHECK_INT(store_batch_begin(a, &d), 0);
	CHECK_INT(import_small(a, BATCH_ID1, "Gezin Een", &d), 0);
	CHECK_INT(store_import_case(a, bad_doc, "half.yaml", 0, NULL, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "half.yaml:");
	CHECK_CONTAINS(msg, "gisteren");
	free(msg);
	diags_clear(&d);
	CHECK(!sqlite3_get_autocommit(a->db)); /* the batch goes on */
	CHECK_INT(import_small(a, BATCH_ID3, "Gezin Drie", &d), 0);
	/* the batch's connection sees its own work, another sees none */
	c = counts(a);
	CHECK_INT(c.households, 2);
	CHECK_INT(c.members, 2);
	CHECK_INT(c.audit, 2);
	y = export_yaml(a, forms(), BATCH_ID3);
	CHECK(y != NULL);
	free(y);
	CHECK_INT(counts(b).households, 0);
	CHECK_INT(counts(b).audit, 0);
	CHECK_INT(store_batch_end(a, 1, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(store_busy_statements(a), 0);

	c = counts(b);
	CHECK_INT(c.households, 2);
	CHECK_INT(c.members, 2);
	CHECK_INT(c.audit, 2);
	CHECK_INT(audit_count(b, BATCH_ID1), 1);
	CHECK_INT(audit_count(b, BATCH_ID2), 0);
	CHECK_INT(audit_count(b, BATCH_ID3), 1);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM household WHERE uuid = '"
	                  BATCH_ID2 "'"), 0);
	CHECK_INT(store_check(b, &d), 0);
	/* outside a batch, an import is its own transaction again */
	CHECK_INT(import_small(a, "bbbb0004-0000-4000-8000-000000000004",
	                       "Gezin Vier", &d), 0);
	CHECK_INT(counts(b).households, 3);
	doc_free(bad_doc);
	store_close(a);
	store_close(b);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* store_batch_end(commit = 0) stores nothing, audit rows included. */
TEST(batch_rolled_back_stores_nothing)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct store_counts before, after;
	struct diags d = {0};
	char *path = path_in(dir, "duo.db");

	CHECK(s != NULL);
	before = counts(s);
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(import_small(s, BATCH_ID1, "Gezin Een", &d), 0);
	CHECK_INT(import_small(s, BATCH_ID3, "Gezin Drie", &d), 0);
	CHECK_INT(counts(s).households, before.households + 2);
	CHECK_INT(store_batch_end(s, 0, &d), 0);
	after = counts(s);
	CHECK(counts_equal(&before, &after));
	CHECK_INT(audit_count(s, BATCH_ID1), 0);
	CHECK_INT(d.n, 0);
	/* a batch left open when the handle closes is rolled back too */
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(import_small(s, BATCH_ID1, "Gezin Een", &d), 0);
	store_close(s);
	s = open_quiet(path, &d);
	CHECK(s != NULL);
	after = counts(s);
	CHECK(counts_equal(&before, &after));
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* A save from the screens must be on disk when it returns: refused inside
 * a batch, which goes on unharmed. */
TEST(batch_refuses_save)
{
	char *dir = tmpdir();
	char id[UUID_STR_LEN];
	struct store *s = example_db(dir, "duo.db", id);
	struct doc_node *doc;
	struct diags d = {0};
	long rev = 0, new_rev = 0;
	char *msg;

	CHECK(s != NULL);
	doc = store_load_case(s, forms(), id, &rev, &d);
	CHECK(doc != NULL);
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(store_save_case(s, doc, rev, &new_rev, NULL, 0, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "reeks");
	free(msg);
	diags_clear(&d);
	CHECK_INT(import_small(s, BATCH_ID1, "Gezin Een", &d), 0);
	CHECK_INT(store_batch_end(s, 1, &d), 0);
	CHECK_INT(counts(s).households, 2);
	CHECK_INT(store_save_case(s, doc, rev, &new_rev, NULL, 0, &d), 0);
	CHECK_INT(new_rev, rev + 1);
	doc_free(doc);
	store_close(s);
	diags_free(&d);
	cleanup(dir);
}

/* When SQLite ends the batch's transaction on its own (here: a ROLLBACK
 * behind the store's back, as after an I/O error), the batch is lost:
 * further imports in it fail, and committing it stores nothing and says
 * so. Outside a batch an import never starts a transaction by accident. */
TEST(batch_lost_stores_nothing)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);
	char *msg;

	CHECK(s != NULL);
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(import_small(s, BATCH_ID1, "Gezin Een", &d), 0);
	CHECK_INT(sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(import_small(s, BATCH_ID3, "Gezin Drie", &d), -1);
	CHECK(sqlite3_get_autocommit(s->db));
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "afgebroken");
	free(msg);
	diags_clear(&d);
	CHECK_INT(store_batch_end(s, 1, &d), -1);
	msg = diags_text(&d);
	CHECK_CONTAINS(msg, "afgebroken");
	CHECK_CONTAINS(msg, "niets ervan is opgeslagen");
	free(msg);
	diags_clear(&d);
	CHECK_INT(counts(s).households, 0);
	CHECK_INT(counts(s).audit, 0);
	CHECK_INT(import_small(s, BATCH_ID3, "Gezin Drie", &d), 0);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM household"), 1);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* Make the batch's COMMIT fail: a broken reference checked only at
 * COMMIT (defer_foreign_keys lasts until the transaction ends). */
static int break_commit(struct store *s)
{
	return sqlite3_exec(s->db, "PRAGMA defer_foreign_keys = ON;"
	                    " INSERT INTO member(household_id, pos, ref)"
	                    " VALUES (999999, 0, 'x')", NULL, NULL, NULL);
}

/* A COMMIT that fails: -1 after a diagnostic, nothing of the batch is
 * stored, and the handle is usable again. */
TEST(batch_commit_failure_stores_nothing)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct store *s = open_quiet(path, &d);

	CHECK(s != NULL);
	CHECK_INT(store_batch_begin(s, &d), 0);
	CHECK_INT(import_small(s, BATCH_ID1, "Gezin Een", &d), 0);
	CHECK_INT(break_commit(s), SQLITE_OK);
	CHECK_INT(import_small(s, BATCH_ID3, "Gezin Drie", &d), 0);
	CHECK_INT(store_batch_end(s, 1, &d), -1);
	CHECK(d.n >= 1);
	diags_clear(&d);
	CHECK(sqlite3_get_autocommit(s->db));
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM household"), 0);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM member"), 0);
	CHECK_INT(raw_sql(path, "SELECT count(*) FROM audit"), 0);
	CHECK_INT(import_small(s, BATCH_ID1, "Gezin Een", &d), 0);
	CHECK_INT(counts(s).households, 1);
	store_close(s);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* ---- case_import_files: the batching loop of duo import ----------------- */

/* Make the COMMIT of every later transaction fail, from outside one: each
 * audit row brings a broken reference of a deferred foreign key, which is
 * checked only at COMMIT (the tables and trigger are the connection's
 * own, in its temp schema). */
static int break_later_commit(struct store *s)
{
	return sqlite3_exec(s->db,
	                    "CREATE TEMP TABLE brk_p(id INTEGER PRIMARY KEY);"
	                    " CREATE TEMP TABLE brk_c(p INTEGER REFERENCES"
	                    " brk_p(id) DEFERRABLE INITIALLY DEFERRED);"
	                    " CREATE TEMP TRIGGER brk AFTER INSERT ON"
	                    " main.audit BEGIN INSERT INTO brk_c VALUES (9);"
	                    " END", NULL, NULL, NULL);
}

struct files_run {
	struct store *s;        /* the importing handle */
	struct store *other;    /* another connection: what is on disk */
	char **texts;           /* the files, in memory */
	size_t n, next;
	struct strbuf log;      /* "+index name household id8" or
	                           "-index name", one line per report */
	struct strbuf why;      /* the diagnostics of the files refused */
	long late;              /* reported stored but not visible */
	char name[32];
};

/* On the import's loader thread: must not touch the store. */
static int files_next(void *arg, struct case_input *in)
{
	struct files_run *r = arg;

	if (r->next >= r->n)
		return 1;
	snprintf(r->name, sizeof r->name, "f%03zu.yaml", r->next);
	in->name = r->name;
	in->buf = r->texts[r->next];
	in->len = strlen(r->texts[r->next]);
	r->next++;
	return 0;
}

static void files_done(void *arg, const struct case_result *res)
{
	struct files_run *r = arg;

	if (res->stored) {
		char *sql = xasprintf("SELECT count(*) FROM household WHERE "
		                      "uuid = '%s'", res->id);

		/* "stored" only once another connection can see it */
		if (raw_sql(store_path(r->other), sql) != 1)
			r->late++;
		free(sql);
		sb_addf(&r->log, "+%zu %s %s %.8s\n", res->index, res->name,
		        res->household, res->id);
	} else {
		char *why = diags_text(res->why);

		sb_addf(&r->log, "-%zu %s\n", res->index, res->name);
		sb_add(&r->why, why);
		free(why);
	}
}

static char *numbered_case(size_t i)
{
	char id[UUID_STR_LEN], name[32];

	snprintf(id, sizeof id, "cccc%04zx-0000-4000-8000-000000000000", i);
	snprintf(name, sizeof name, "Gezin %03zu", i);
	return small_case(id, name, NULL);
}

/*
 * More files than fit in one batch, two of them bad: one that does not
 * load, and one the store refuses inside the batch (its household exists
 * already). Every good file is stored, and reported once another
 * connection can see it; each bad one alone is refused; the reports come
 * in file order.
 */
TEST(import_files_in_batches)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct files_run r;
	size_t i, n = CASE_BATCH_FILES + 44, bad_at = CASE_BATCH_FILES - 2;
	size_t dup_at = 10; /* the household of file 3 again */
	struct strbuf want = {0};
	char *bad_name;
	long failed;

	memset(&r, 0, sizeof r);
	r.s = open_quiet(path, &d);
	r.other = open_quiet(path, &d);
	CHECK(r.s && r.other);
	r.n = n;
	r.texts = xcalloc(n, sizeof *r.texts);
	for (i = 0; i < n; i++) {
		r.texts[i] = i == bad_at ?
		             xstrdup("format: duo-case/1\nhousehold: [kapot\n") :
		             numbered_case(i == dup_at ? 3 : i);
		if (i != bad_at && i != dup_at)
			sb_addf(&want, "+%zu f%03zu.yaml Gezin %03zu cccc%04zx\n",
			        i, i, i, i);
		else
			sb_addf(&want, "-%zu f%03zu.yaml\n", i, i);
	}
	bad_name = xasprintf("f%03zu.yaml:", bad_at);
	{
		struct case_import_io io = { files_next, files_done, &r };

		failed = case_import_files(r.s, forms(), 0, &io);
	}
	CHECK_INT(failed, 2);
	CHECK_INT(r.late, 0);
	CHECK_INT(counts(r.other).households, (long)n - 2);
	CHECK_INT(counts(r.other).members, (long)n - 2);
	CHECK_INT(counts(r.other).audit, (long)n - 2);
	/* every file reported once, in file order */
	CHECK_STR(sb_str(&r.log), sb_str(&want));
	CHECK_CONTAINS(sb_str(&r.why), bad_name);
	CHECK_CONTAINS(sb_str(&r.why), "f010.yaml: huishouden cccc0003");
	CHECK_CONTAINS(sb_str(&r.why), "bestaat al");
	free(bad_name);
	CHECK_INT(store_busy_statements(r.s), 0);
	for (i = 0; i < n; i++)
		free(r.texts[i]);
	free(r.texts);
	sb_free(&r.log);
	sb_free(&r.why);
	sb_free(&want);
	store_close(r.s);
	store_close(r.other);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

/* A batch whose commit fails: each of its files is reported as not
 * stored, with the reason, and nothing of it is in the database. */
TEST(import_files_commit_failure_reports_each_file)
{
	char *dir = tmpdir();
	char *path = path_in(dir, "duo.db");
	struct diags d = {0};
	struct files_run r;
	size_t i, n = 3;
	long failed;
	const char *log;

	memset(&r, 0, sizeof r);
	r.s = open_quiet(path, &d);
	r.other = open_quiet(path, &d);
	CHECK(r.s && r.other);
	r.n = n;
	r.texts = xcalloc(n, sizeof *r.texts);
	for (i = 0; i < n; i++)
		r.texts[i] = numbered_case(i);
	CHECK_INT(break_later_commit(r.s), SQLITE_OK);
	{
		struct case_import_io io = { files_next, files_done, &r };

		failed = case_import_files(r.s, forms(), 0, &io);
	}
	CHECK_INT(failed, 3);
	CHECK_STR(sb_str(&r.log), "-0 f000.yaml\n-1 f001.yaml\n-2 f002.yaml\n");
	log = sb_str(&r.why);
	CHECK_CONTAINS(log, "f000.yaml: niet ingelezen: database ");
	CHECK_CONTAINS(log, "f001.yaml: niet ingelezen: database ");
	CHECK_CONTAINS(log, "f002.yaml: niet ingelezen: database ");
	CHECK_INT(counts(r.other).households, 0);
	CHECK_INT(counts(r.other).members, 0);
	CHECK_INT(counts(r.other).audit, 0);
	for (i = 0; i < n; i++)
		free(r.texts[i]);
	free(r.texts);
	sb_free(&r.log);
	sb_free(&r.why);
	store_close(r.s);
	store_close(r.other);
	free(path);
	diags_free(&d);
	cleanup(dir);
}

int main(void)
{
	RUN(open_creates_private_files_umask0);
	RUN(open_creates_private_files_umask022);
	RUN(open_refuses_dangling_symlink);
	RUN(open_sets_schema_and_reopens);
	RUN(open_refuses_newer_schema_untouched);
	RUN(open_refuses_text_file);
	RUN(open_refuses_other_application);
	RUN(corrupt_database_is_reported);
	RUN(binding_matches_forms);
	RUN(import_example_counts);
	RUN(round_trip_is_byte_identical);
	RUN(import_keeps_document_ids);
	RUN(import_same_id_refused_then_replaced);
	RUN(failed_import_changes_nothing);
	RUN(absent_and_false_stay_apart);
	RUN(extra_fields_survive_round_trip);
	RUN(find_household);
	RUN(list_order_and_filters);
	RUN(list_ten_thousand_is_fast);
	RUN(audit_names_import_and_user);
	RUN(check_reports_broken_reference);
	RUN(rows_are_keyed_by_integers);
	RUN(statements_are_kept_and_left_reset);
	RUN(second_connection_sees_writes);
	RUN(writer_waits_for_other_process);
	RUN(batch_keeps_good_imports_around_a_bad_one);
	RUN(batch_rolled_back_stores_nothing);
	RUN(batch_refuses_save);
	RUN(batch_lost_stores_nothing);
	RUN(batch_commit_failure_stores_nothing);
	RUN(import_files_in_batches);
	RUN(import_files_commit_failure_reports_each_file);
	if (forms_loaded)
		formset_free(&forms_default);
	return unit_done();
}
