/*
 * test_import.c - case_import_files, the import of many files (casefile.h):
 * a loader thread loads and validates batches while the calling thread
 * stores them. What must hold whatever the timing: every file reported
 * once, in file order; a stored file reported only once another
 * connection can see it; bad files (unreadable, not YAML, invalid,
 * refused by the store) refused alone wherever they fall; the write lock
 * free while files are reported and for a while between transactions, so
 * that another process gets in during a long import; a transaction that
 * runs long committed early.
 *
 * The batch tests of the store itself are in test_store.c. Run from the
 * top of the repository (forms from "forms"); every test works in its own
 * directory under /tmp.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
#include "form.h"
#include "store.h"
#include "store_impl.h"
#include "unit.h"
#include "util.h"

#define FORMS "forms"

/* ---- helpers ------------------------------------------------------------ */

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/duo-import-XXXXXX";

	if (!mkdtemp(tmpl))
		return NULL;
	return xstrdup(tmpl);
}

static void cleanup(char *dir)
{
	char *cmd;

	if (!dir)
		return;
	assert(strncmp(dir, "/tmp/duo-import-", 16) == 0);
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

static struct store *open_store(const char *path)
{
	struct diags d = {0};
	struct store *s = store_open(path, "tester", &d);

	diags_print(stderr, &d);
	diags_free(&d);
	return s;
}

static long households(struct store *s)
{
	struct store_counts c;
	struct diags d = {0};

	memset(&c, 0xff, sizeof c);
	if (store_counts(s, &c, &d) != 0)
		diags_print(stderr, &d);
	diags_free(&d);
	return c.households;
}

/* The first integer of sql on a connection of its own to path, or -1.
 * With wait 0 a busy database fails at once. */
static long long raw_sql(const char *path, const char *sql, int wait_ms)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_busy_timeout(db, wait_ms);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		v = sqlite3_column_int64(st, 0);
		break;
	case SQLITE_DONE:
		v = 0;
		break;
	default:
		break;
	}
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Every diagnostic as one string, for CHECK_CONTAINS. */
static char *diags_text_all(const struct diags *d)
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

/* Household number i, with a fixed id. */
static char *numbered_case(size_t i)
{
	return xasprintf("format: duo-case/1\n"
	                 "household:\n"
	                 "  id: dddd%04zx-0000-4000-8000-000000000000\n"
	                 "  name: Gezin %04zu\n"
	                 "  members:\n"
	                 "    - {ref: a, name: Ada, role: ouder}\n", i, i);
}

/* A test function, sleep(ms), for triggers that make storing slow. */
static void sql_sleep(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct timespec ts;
	int ms = sqlite3_value_int(argv[0]);

	(void)argc;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
	sqlite3_result_null(ctx);
}

/* Make every import on s take at least ms longer, inside its transaction
 * (the trigger is the connection's own, in its temp schema). */
static int slow_imports(struct store *s, int ms)
{
	char *sql = xasprintf("CREATE TEMP TRIGGER slow AFTER INSERT ON "
	                      "main.audit BEGIN SELECT test_sleep(%d); END",
	                      ms);
	int rc = sqlite3_create_function(s->db, "test_sleep", 1, SQLITE_UTF8,
	                                 NULL, sql_sleep, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	free(sql);
	return rc;
}

/* test_go(): write one byte to the pipe fd (its user data) the first
 * time, then nothing. */
static void sql_go(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int *fd = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	if (*fd >= 0) {
		if (write(*fd, "g", 1) != 1)
			fprintf(stderr, "# test_go: %s\n", strerror(errno));
		close(*fd);
		*fd = -1;
	}
	sqlite3_result_null(ctx);
}

/* ---- a run of case_import_files ------------------------------------------ */

enum kind { GOOD, GOOD_FILE, NOT_YAML, INVALID, MISSING, A_DIRECTORY, DUP };

struct run {
	const char *dir;
	const char *db;         /* for a second connection */
	enum kind *kinds;       /* what file i is */
	char **texts;           /* GOOD, NOT_YAML, INVALID, DUP: the text */
	char **paths;           /* GOOD_FILE, MISSING, A_DIRECTORY: a path */
	size_t n;
	/* the loader thread's */
	size_t next;
	long calls_after_end;
	int ended;
	pthread_t next_thread;
	char name[64];
	/* the calling thread's */
	pthread_t done_thread;
	struct strbuf log;      /* "+i" or "-i", one line per report */
	struct strbuf why;      /* the diagnostics of the files refused */
	long late;              /* reported stored but not visible */
	long lock_busy;         /* the lock was held during a report */
	int check_lock;         /* look at the lock in every report */
	int quick;              /* report without looking at the database */
};

/* On the loader thread: must not touch the store. */
static int run_next(void *arg, struct case_input *in)
{
	struct run *r = arg;
	size_t i;

	r->next_thread = pthread_self();
	if (r->ended) {
		r->calls_after_end++;
		return 1;
	}
	if (r->next >= r->n) {
		r->ended = 1;
		return 1;
	}
	i = r->next++;
	if (r->paths[i]) {
		in->name = r->paths[i];
		in->buf = NULL;
	} else {
		snprintf(r->name, sizeof r->name, "f%04zu.yaml", i);
		in->name = r->name;
		in->buf = r->texts[i];
		in->len = strlen(r->texts[i]);
	}
	return 0;
}

static void run_done(void *arg, const struct case_result *res)
{
	struct run *r = arg;

	r->done_thread = pthread_self();
	if (res->stored && r->quick) {
		sb_addf(&r->log, "+%zu\n", res->index);
	} else if (res->stored) {
		char *sql = xasprintf("SELECT count(*) FROM household WHERE "
		                      "uuid = '%s'", res->id);

		if (raw_sql(r->db, sql, 5000) != 1)
			r->late++;
		free(sql);
		sb_addf(&r->log, "+%zu\n", res->index);
	} else {
		char *why = diags_text_all(res->why);

		sb_addf(&r->log, "-%zu\n", res->index);
		sb_add(&r->why, why);
		free(why);
	}
	/* between transactions the lock is free: a write gets in at once */
	if (r->check_lock &&
	    raw_sql(r->db, "BEGIN IMMEDIATE; ROLLBACK", 0) != 0)
		r->lock_busy++;
}

/* Files of the given kinds in dir: texts in memory or files on disk. */
static void run_init(struct run *r, const char *dir, const char *db,
                     const enum kind *kinds, size_t n)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->dir = dir;
	r->db = db;
	r->n = n;
	r->kinds = xcalloc(n, sizeof *r->kinds);
	r->texts = xcalloc(n, sizeof *r->texts);
	r->paths = xcalloc(n, sizeof *r->paths);
	for (i = 0; i < n; i++) {
		r->kinds[i] = kinds[i];
		switch (kinds[i]) {
		case GOOD:
			r->texts[i] = numbered_case(i);
			break;
		case GOOD_FILE: {
			char *text = numbered_case(i);
			FILE *f;

			r->paths[i] = xasprintf("%s/f%04zu.yaml", dir, i);
			f = fopen(r->paths[i], "w");
			if (f) {
				fputs(text, f);
				fclose(f);
			}
			free(text);
			break;
		}
		case NOT_YAML:
			r->texts[i] = xstrdup("format: duo-case/1\n"
			                      "household: [kapot\n");
			break;
		case INVALID: /* a member without a ref */
			r->texts[i] = xasprintf("format: duo-case/1\n"
			                        "household:\n"
			                        "  name: Gezin %04zu\n"
			                        "  members:\n"
			                        "    - {name: Ada, role: ouder}\n",
			                        i);
			break;
		case MISSING:
			r->paths[i] = xasprintf("%s/er-niet.yaml", dir);
			break;
		case A_DIRECTORY:
			r->paths[i] = xstrdup(dir);
			break;
		case DUP: /* the household of file 0 again */
			r->texts[i] = numbered_case(0);
			break;
		}
	}
}

static void run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->texts[i]);
		free(r->paths[i]);
	}
	free(r->texts);
	free(r->paths);
	free(r->kinds);
	sb_free(&r->log);
	sb_free(&r->why);
}

/* The log a run must give: every file once, in order. */
static char *run_want(const struct run *r)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < r->n; i++)
		sb_addf(&sb, "%c%zu\n",
		        r->kinds[i] == GOOD || r->kinds[i] == GOOD_FILE ? '+' :
		        '-', i);
	return sb_steal(&sb);
}

static long run_import(struct store *s, struct run *r,
                       struct case_import_stats *st)
{
	struct case_import_io io = { run_next, run_done, r };

	return case_import_files_stats(s, forms(), 0, &io, st);
}

/* ---- tests -------------------------------------------------------------- */

/*
 * Several batches, with a bad file of every kind: some go wrong on the
 * loader thread (cannot be read, not YAML, invalid), one in the store (its
 * household exists). Every file is reported once and in order, the good
 * ones only once another connection sees them, the bad ones with their
 * diagnostics; io->next runs on a thread of its own, io->done on the
 * caller's, and next is not called again after it said there are no more.
 */
TEST(pipeline_reports_every_file_in_order)
{
	char *dir = tmpdir();
	char *db = xasprintf("%s/duo.db", dir);
	size_t n = 3 * CASE_BATCH_FILES + 17, i;
	enum kind *kinds = xcalloc(n, sizeof *kinds);
	struct case_import_stats st;
	struct store *s, *other;
	struct run r;
	char *want;
	long failed, bad = 0;

	for (i = 0; i < n; i++)
		kinds[i] = i % 7 == 3 ? GOOD_FILE : GOOD;
	kinds[1] = NOT_YAML;
	kinds[CASE_BATCH_FILES - 1] = MISSING;
	kinds[CASE_BATCH_FILES] = INVALID;
	kinds[CASE_BATCH_FILES + 1] = A_DIRECTORY;
	kinds[2 * CASE_BATCH_FILES + 5] = DUP;
	kinds[n - 1] = NOT_YAML;
	for (i = 0; i < n; i++)
		bad += kinds[i] != GOOD && kinds[i] != GOOD_FILE;
	s = open_store(db);
	other = open_store(db);
	CHECK(s && other);
	run_init(&r, dir, db, kinds, n);
	failed = run_import(s, &r, &st);
	want = run_want(&r);
	CHECK_STR(sb_str(&r.log), want);
	CHECK_INT(failed, bad);
	CHECK_INT(r.late, 0);
	CHECK_INT(households(other), (long)n - bad);
	CHECK_INT(r.calls_after_end, 0);
	CHECK_INT(st.threads, 2);
	CHECK(!pthread_equal(r.next_thread, pthread_self()));
	CHECK(pthread_equal(r.done_thread, pthread_self()));
	CHECK(st.batches >= 4);
	CHECK(st.transactions >= 4);
	CHECK_CONTAINS(sb_str(&r.why), "f0001.yaml:");
	CHECK_CONTAINS(sb_str(&r.why), "er-niet.yaml: kan niet openen");
	CHECK_CONTAINS(sb_str(&r.why), "is geen gewoon bestand");
	CHECK_CONTAINS(sb_str(&r.why), "bestaat al");
	CHECK_INT(store_busy_statements(s), 0);
	free(want);
	run_free(&r);
	store_close(s);
	store_close(other);
	free(kinds);
	free(db);
	cleanup(dir);
}

/* Only bad files: nothing is stored and the lock is never taken. */
TEST(pipeline_only_bad_files)
{
	char *dir = tmpdir();
	char *db = xasprintf("%s/duo.db", dir);
	enum kind kinds[] = { NOT_YAML, MISSING, INVALID, A_DIRECTORY };
	struct case_import_stats st;
	struct store *s;
	struct run r;
	char *want;

	s = open_store(db);
	CHECK(s != NULL);
	run_init(&r, dir, db, kinds, 4);
	CHECK_INT(run_import(s, &r, &st), 4);
	want = run_want(&r);
	CHECK_STR(sb_str(&r.log), want);
	CHECK_INT(st.transactions, 0);
	CHECK_INT(households(s), 0);
	free(want);
	run_free(&r);
	store_close(s);
	free(db);
	cleanup(dir);
}

/* No files at all: next is asked once, done never. */
TEST(pipeline_no_files)
{
	char *dir = tmpdir();
	char *db = xasprintf("%s/duo.db", dir);
	struct store *s = open_store(db);
	struct run r;

	CHECK(s != NULL);
	run_init(&r, dir, db, NULL, 0);
	CHECK_INT(run_import(s, &r, NULL), 0);
	CHECK_STR(sb_str(&r.log), "");
	CHECK_INT(r.calls_after_end, 0);
	CHECK(r.ended);
	run_free(&r);
	store_close(s);
	free(db);
	cleanup(dir);
}

/*
 * Storing that runs long: a transaction commits after CASE_BATCH_MS even
 * though files of its batch remain, and the rest go into the next one; the
 * lock is free while the files are reported and stays free for
 * CASE_GAP_MS between transactions.
 */
TEST(pipeline_long_transaction_commits_early)
{
	char *dir = tmpdir();
	char *db = xasprintf("%s/duo.db", dir);
	enum kind kinds[40];
	struct case_import_stats st;
	struct store *s;
	struct run r;
	size_t i;
	char *want;

	for (i = 0; i < 40; i++)
		kinds[i] = i == 17 ? INVALID : GOOD;
	s = open_store(db);
	CHECK(s != NULL);
	/* 40 files at 30 ms: 1.2 s of storing; loading them takes a few ms
	 * each, so they come in a few batches at most */
	CHECK_INT(slow_imports(s, 30), SQLITE_OK);
	run_init(&r, dir, db, kinds, 40);
	r.check_lock = 1;
	CHECK_INT(run_import(s, &r, &st), 1);
	want = run_want(&r);
	CHECK_STR(sb_str(&r.log), want);
	CHECK_INT(r.late, 0);
	CHECK_INT(r.lock_busy, 0);
	CHECK(st.transactions > st.batches);
	CHECK(st.gap_min_ms >= CASE_GAP_MS);
	CHECK_INT(households(s), 39);
	free(want);
	run_free(&r);
	store_close(s);
	free(db);
	cleanup(dir);
}

/*
 * Another process that wants to write while a long import runs gets in
 * during the import, in a gap between two of its transactions, and does
 * not time out: its household is stored before the import's last one.
 */
TEST(other_process_writes_during_long_import)
{
	char *dir = tmpdir();
	char *db = xasprintf("%s/duo.db", dir);
	enum kind kinds[60];
	struct store *s;
	struct run r;
	int go[2], status = 0;
	pid_t pid;
	size_t i;
	long long other_id, last_id;

	for (i = 0; i < 60; i++)
		kinds[i] = GOOD;
	s = open_store(db);
	CHECK(s != NULL);
	CHECK(pipe(go) == 0);
	/* forked before the import starts its thread */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct diags d = {0};
		char c0;
		long failed = 1;
		static const char text[] =
			"format: duo-case/1\nhousehold:\n  name: Ander proces\n"
			"  members:\n    - {ref: a, name: Bo, role: ouder}\n";

		close(go[1]);
		if (read(go[0], &c0, 1) == 1) {
			struct store *c = store_open(db, "ander", &d);

			if (c) {
				failed = case_import_buffer(c, forms(),
				                            "ander.yaml", text,
				                            strlen(text), 0,
				                            NULL, &d) != 0;
				store_close(c);
			}
		}
		diags_print(stderr, &d);
		_exit(failed ? 1 : 0);
	}
	close(go[0]);
	/* 60 files at 25 ms each: 1.5 s, in transactions of at most
	 * CASE_BATCH_MS; the child starts to wait once the first holds
	 * the lock */
	CHECK_INT(slow_imports(s, 25), SQLITE_OK);
	CHECK_INT(sqlite3_create_function(s->db, "test_go", 0, SQLITE_UTF8,
	                                  &go[1], sql_go, NULL, NULL),
	          SQLITE_OK);
	CHECK_INT(sqlite3_exec(s->db, "CREATE TEMP TRIGGER go AFTER INSERT ON "
	                       "main.household WHEN new.name = 'Gezin 0000' "
	                       "BEGIN SELECT test_go(); END", NULL, NULL,
	                       NULL), SQLITE_OK);
	run_init(&r, dir, db, kinds, 60);
	r.quick = 1; /* so the lock is free only in the gaps */
	CHECK_INT(run_import(s, &r, NULL), 0);
	if (go[1] >= 0)
		close(go[1]);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	other_id = raw_sql(db, "SELECT id FROM household WHERE name = "
	                   "'Ander proces'", 5000);
	last_id = raw_sql(db, "SELECT max(id) FROM household WHERE name LIKE "
	                  "'Gezin %'", 5000);
	CHECK(other_id > 0);
	CHECK(other_id < last_id);
	CHECK_INT(households(s), 61);
	run_free(&r);
	store_close(s);
	free(db);
	cleanup(dir);
}

/* Household number i with a team name of 60,000 bytes: some 15 pages. */
static char *big_case(size_t i)
{
	char *team = xmalloc(60001), *text;

	memset(team, 'x', 60000);
	team[60000] = '\0';
	text = xasprintf("format: duo-case/1\n"
	                 "household:\n"
	                 "  name: Gezin %04zu\n"
	                 "  team: %s\n"
	                 "  members:\n"
	                 "    - {ref: a, name: Ada, role: ouder}\n", i, team);
	free(team);
	return text;
}

static long long file_bytes(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

static int import_big(struct store *s, size_t i)
{
	struct diags d = {0};
	char *text = big_case(i);
	int rc = case_import_buffer(s, forms(), "big.yaml", text, strlen(text),
	                            0, NULL, &d);

	diags_print(stderr, &d);
	diags_free(&d);
	free(text);
	return rc;
}

/*
 * The commit of a batch leaves the checkpoint to store_checkpoint (which
 * duo import runs while it leaves the lock free): the pages stay in the
 * WAL until it is called. Outside a batch a commit checkpoints once the
 * WAL holds 1000 pages, as SQLite does by default.
 */
TEST(batch_leaves_checkpoint_for_later)
{
	char *dir = tmpdir();
	char *db = xasprintf("%s/duo.db", dir);
	char *db2 = xasprintf("%s/duo2.db", dir);
	struct diags d = {0};
	struct store *s = open_store(db), *s2 = open_store(db2);
	long long empty;
	size_t i;

	CHECK(s && s2);
	empty = file_bytes(db);
	CHECK_INT(store_batch_begin(s, &d), 0);
	for (i = 0; i < 80; i++)
		CHECK_INT(import_big(s, i), 0);
	CHECK_INT(store_batch_end(s, 1, &d), 0);
	CHECK(s->wal_pages >= 1000);
	CHECK(file_bytes(db) == empty);   /* all of it still in the WAL */
	store_checkpoint(s);
	CHECK_INT(s->wal_pages, 0);
	CHECK(file_bytes(db) > 4000000);   /* 80 x 60 kB */
	CHECK_INT(households(s), 80);
	/* one at a time: checkpointed on the way, with no call */
	for (i = 0; i < 80; i++)
		CHECK_INT(import_big(s2, i), 0);
	CHECK(file_bytes(db2) > 2000000); /* 1000 pages: 4 MB */
	store_close(s);
	store_close(s2);
	diags_free(&d);
	free(db);
	free(db2);
	cleanup(dir);
}

int main(void)
{
	RUN(pipeline_reports_every_file_in_order);
	RUN(pipeline_only_bad_files);
	RUN(pipeline_no_files);
	RUN(pipeline_long_transaction_commits_early);
	RUN(other_process_writes_during_long_import);
	RUN(batch_leaves_checkpoint_for_later);
	if (forms_loaded)
		formset_free(&forms_default);
	return unit_done();
}
