/*
 * store.c - the SQLite database of duo: schema, migrations, opening, and
 * the queries of `duo list`, `duo check` and the audit trail. The exchange
 * of whole households as duo-case/1 documents lives in store_case.c; both
 * share include/store_impl.h. No other file of duo speaks SQL.
 *
 * The schema is the duo-case/1 format made relational, so a person with the
 * sqlite3 shell can read it:
 *
 *   household ─┬─ member                       (the people of the household)
 *              └─ session ─┬─ participant       (who took part; maybe a member)
 *                          ├─ statement ── statement_about ── member
 *                          ├─ concern (top3) ─┬─ concern_evidence ── statement
 *                          │                  └─ concern_score
 *                          ├─ factor           (about a member, or scope)
 *                          ├─ hypothesis ─┬─ hypothesis_factor ── factor
 *                          │              └─ hypothesis_concern ── concern
 *                          ├─ plan_item        (maybe for one concern)
 *                          └─ review ── review_comment
 *   extra_field   fields the forms define but that have no column
 *   audit         who did what, when; outlives the households it names
 *
 * Keys. In every table "id" is the INTEGER PRIMARY KEY (the SQLite rowid),
 * and every column that points at a row ("household_id", "session_id",
 * "member_id", ... and the link tables) holds such an integer. The ids of
 * the duo-case/1 format, which users see and type, are UUIDs and exist
 * only for households and sessions: they are kept in a column of their
 * own, "uuid" (UNIQUE), and the format's "id:" field maps to it. So "id"
 * in SQL is always the integer key, "uuid" always the exchange id. Other
 * items have no UUID: in the format an item is known by its ref (or its
 * rank) within its list, and the screens know it by its row id, as decimal
 * text under "_id" (store_load_case, store_save_case).
 *
 * Why integers: new rows get ever higher ids, so one household's rows are
 * appended at the end of each table and of each index on a parent id,
 * instead of landing on random pages of every index as random UUID keys
 * did. An import then writes a few dozen pages instead of hundreds, and
 * the file is less than half the size. The item tables are AUTOINCREMENT:
 * an id is never used twice, not even after its row was deleted, so an
 * "_id" a screen still holds can never come to mean another item.
 * Household and session row ids are internal (the audit trail and the
 * screens name households by uuid) and are plain rowids.
 *
 * Lists keep the order of the document in pos (the top-3 is ordered by
 * rank). A ref of the document (f1, anouk) is kept in a ref column, but
 * rows point at each other by id, so a later change of a ref or a rank
 * keeps every link. Choice values are not CHECK constraints: the forms own
 * the choice lists (a form may add a value without C or a migration) and
 * validate.c enforces them. Structure is checked here: a bool is 0/1,
 * ranks 1..3, scores 0..10, dates have the YYYY-MM-DD shape, and NULL
 * means absent, so "not given" and "false" stay apart. Owned rows and
 * links go with their owner or target (ON DELETE CASCADE); the two
 * optional pointers, factor.member_id and plan_item.concern_id, become NULL
 * instead, so removing a member or a concern never silently removes
 * analysis or plan. Every pointer column is the first column of an index,
 * so a cascade never scans a table; where the pointer is optional
 * (participant, factor, plan item) the index leaves out the NULLs, which
 * a lookup "= id" never wants and which would otherwise all sort before
 * the new rows.
 *
 * extra_field(owner_kind, owner_id, key, pos, name, value) keeps a form
 * field without a column. owner_kind names the table of the row the field
 * belongs to ('household', 'member', 'statement', ...; 'analysis' for the
 * analysis section, whose owner_id is its session's id) and owner_id is
 * that row's id. A scalar is one row with pos 0; a list is one row per
 * item, pos 1..n; a mapping (scores) one row per key, pos 1..n, with the
 * key in name. So the rows alone say the shape. Triggers delete extras
 * with their owner.
 *
 * PRAGMA application_id is 'duo1' and PRAGMA user_version the number of
 * migration steps applied. store_open applies missing steps in one
 * BEGIN IMMEDIATE transaction and refuses a newer or foreign database
 * before writing anything.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store_impl.h"
#include "util.h"

#define STORE_APPLICATION_ID 0x64756f31 /* 'duo1' */
#define STORE_BUSY_MS 5000
#define STORE_BUSY_POLL_MS 2
#define STORE_CHECKPOINT_PAGES 1000 /* SQLite's default */

/* The trigger that deletes the extras of a row of table t when it goes. */
#define EXTRAS_TRIGGER(t) \
	"CREATE TRIGGER " t "_extras AFTER DELETE ON " t " BEGIN\n" \
	"  DELETE FROM extra_field\n" \
	"  WHERE owner_kind = '" t "' AND owner_id = old.id; END;\n"

/* Schema version 1: every table with its indexes and triggers. */
static const char *const schema_v1[] = {
	"CREATE TABLE household (\n"
	"  id           INTEGER PRIMARY KEY,\n"
	"  uuid         TEXT NOT NULL UNIQUE, -- the id of duo-case/1\n"
	"  name         TEXT NOT NULL,\n"
	"  municipality TEXT,\n"
	"  team         TEXT,\n"
	"  created      TEXT NOT NULL,\n"
	"  updated      TEXT NOT NULL,\n"
	"  rev          INTEGER NOT NULL DEFAULT 1\n"
	");\n"
	"CREATE INDEX household_name\n"
	"  ON household(name COLLATE NOCASE, uuid);\n",
	"CREATE TABLE member (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  household_id INTEGER NOT NULL\n"
	"               REFERENCES household(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  ref          TEXT NOT NULL,\n"
	"  name         TEXT,\n"
	"  role         TEXT,\n"
	"  born         TEXT CHECK (born GLOB '[0-9][0-9][0-9][0-9]' OR born\n"
	"                 GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  lives_here   INTEGER CHECK (lives_here IN (0, 1)),\n"
	"  rev          INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (household_id, ref)\n"
	");\n",
	"CREATE TABLE session (\n"
	"  id           INTEGER PRIMARY KEY,\n"
	"  uuid         TEXT NOT NULL UNIQUE, -- the id of duo-case/1\n"
	"  household_id INTEGER NOT NULL\n"
	"               REFERENCES household(id) ON DELETE CASCADE,\n"
	"  version      INTEGER NOT NULL CHECK (version >= 1),\n"
	"  date         TEXT CHECK (date GLOB\n"
	"                 '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  status       TEXT,\n"
	"  evaluation   TEXT CHECK (evaluation GLOB\n"
	"                 '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  model        TEXT,                 -- analysis.model\n"
	"  rev          INTEGER NOT NULL DEFAULT 1\n"
	");\n"
	"CREATE UNIQUE INDEX session_version\n"
	"  ON session(household_id, version);\n",
	"CREATE TABLE participant (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id   INTEGER NOT NULL\n"
	"               REFERENCES session(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  member_id    INTEGER REFERENCES member(id) ON DELETE CASCADE,\n"
	"  name         TEXT,\n"
	"  organisation TEXT,\n"
	"  role         TEXT,\n"
	"  rev          INTEGER NOT NULL DEFAULT 1,\n"
	"  CHECK (member_id IS NULL OR name IS NULL)\n"
	");\n"
	"CREATE INDEX participant_session ON participant(session_id, pos);\n"
	"CREATE INDEX participant_member ON participant(member_id)\n"
	"  WHERE member_id IS NOT NULL;\n",
	"CREATE TABLE statement (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id   INTEGER NOT NULL\n"
	"               REFERENCES session(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  ref          TEXT NOT NULL,\n"
	"  kind         TEXT,\n"
	"  text         TEXT,\n"
	"  source       TEXT,\n"
	"  date         TEXT CHECK (date GLOB\n"
	"                 '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  verified     INTEGER CHECK (verified IN (0, 1)),\n"
	"  holder       TEXT,          -- a member ref, a participant or duo\n"
	"  response     TEXT,\n"
	"  confidential INTEGER CHECK (confidential IN (0, 1)),\n"
	"  rev          INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (session_id, ref)\n"
	");\n",
	"CREATE TABLE statement_about (\n"
	"  statement_id INTEGER NOT NULL\n"
	"               REFERENCES statement(id) ON DELETE CASCADE,\n"
	"  member_id    INTEGER NOT NULL\n"
	"               REFERENCES member(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  PRIMARY KEY (statement_id, member_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX statement_about_member ON statement_about(member_id);\n",
	"CREATE TABLE concern (\n"
	"  id             INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id     INTEGER NOT NULL\n"
	"                 REFERENCES session(id) ON DELETE CASCADE,\n"
	"  rank           INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),\n"
	"  title          TEXT,\n"
	"  what           TEXT,\n"
	"  impact         TEXT,\n"
	"  household_view TEXT,\n"
	"  agreement      TEXT,\n"
	"  urgent         INTEGER CHECK (urgent IN (0, 1)),\n"
	"  rev            INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (session_id, rank)\n"
	");\n",
	"CREATE TABLE concern_evidence (\n"
	"  concern_id   INTEGER NOT NULL\n"
	"               REFERENCES concern(id) ON DELETE CASCADE,\n"
	"  statement_id INTEGER NOT NULL\n"
	"               REFERENCES statement(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  PRIMARY KEY (concern_id, statement_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX concern_evidence_statement\n"
	"  ON concern_evidence(statement_id);\n",
	"CREATE TABLE concern_score (\n"
	"  concern_id   INTEGER NOT NULL\n"
	"               REFERENCES concern(id) ON DELETE CASCADE,\n"
	"  who          TEXT NOT NULL,        -- duo or a member ref\n"
	"  score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),\n"
	"  pos          INTEGER NOT NULL,\n"
	"  PRIMARY KEY (concern_id, who)\n"
	") WITHOUT ROWID;\n",
	"CREATE TABLE factor (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id   INTEGER NOT NULL\n"
	"               REFERENCES session(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  ref          TEXT NOT NULL,\n"
	"  category     TEXT,                 -- of the session's model\n"
	"  member_id    INTEGER REFERENCES member(id) ON DELETE SET NULL,\n"
	"  scope        TEXT CHECK (scope IN ('gezin', 'omgeving')),\n"
	"  text         TEXT,\n"
	"  rev          INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (session_id, ref),\n"
	"  CHECK (member_id IS NULL OR scope IS NULL)\n"
	");\n"
	"CREATE INDEX factor_member ON factor(member_id)\n"
	"  WHERE member_id IS NOT NULL;\n",
	"CREATE TABLE hypothesis (\n"
	"  id                    INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id            INTEGER NOT NULL\n"
	"                        REFERENCES session(id) ON DELETE CASCADE,\n"
	"  pos                   INTEGER NOT NULL,\n"
	"  ref                   TEXT NOT NULL,\n"
	"  text                  TEXT,\n"
	"  household_explanation TEXT,\n"
	"  status                TEXT,\n"
	"  check_text            TEXT,\n"
	"  rev                   INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (session_id, ref)\n"
	");\n",
	"CREATE TABLE hypothesis_factor (\n"
	"  hypothesis_id INTEGER NOT NULL\n"
	"                REFERENCES hypothesis(id) ON DELETE CASCADE,\n"
	"  factor_id     INTEGER NOT NULL\n"
	"                REFERENCES factor(id) ON DELETE CASCADE,\n"
	"  pos           INTEGER NOT NULL,\n"
	"  PRIMARY KEY (hypothesis_id, factor_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX hypothesis_factor_factor\n"
	"  ON hypothesis_factor(factor_id);\n",
	"CREATE TABLE hypothesis_concern (\n"
	"  hypothesis_id INTEGER NOT NULL\n"
	"                REFERENCES hypothesis(id) ON DELETE CASCADE,\n"
	"  concern_id    INTEGER NOT NULL\n"
	"                REFERENCES concern(id) ON DELETE CASCADE,\n"
	"  pos           INTEGER NOT NULL,\n"
	"  PRIMARY KEY (hypothesis_id, concern_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX hypothesis_concern_concern\n"
	"  ON hypothesis_concern(concern_id);\n",
	"CREATE TABLE plan_item (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id   INTEGER NOT NULL\n"
	"               REFERENCES session(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  ref          TEXT NOT NULL,\n"
	"  concern_id   INTEGER REFERENCES concern(id) ON DELETE SET NULL,\n"
	"  phase        TEXT,\n"
	"  kind         TEXT,\n"
	"  text         TEXT,\n"
	"  who          TEXT,          -- a member ref, participant or person\n"
	"  due          TEXT CHECK (due GLOB\n"
	"                 '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  consequence  TEXT,\n"
	"  done         INTEGER CHECK (done IN (0, 1)),\n"
	"  rev          INTEGER NOT NULL DEFAULT 1,\n"
	"  UNIQUE (session_id, ref)\n"
	");\n"
	"CREATE INDEX plan_item_concern ON plan_item(concern_id)\n"
	"  WHERE concern_id IS NOT NULL;\n",
	"CREATE TABLE review (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  session_id   INTEGER NOT NULL\n"
	"               REFERENCES session(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  reviewer     TEXT,\n"
	"  date         TEXT CHECK (date GLOB\n"
	"                 '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  decision     TEXT,\n"
	"  rev          INTEGER NOT NULL DEFAULT 1\n"
	");\n"
	"CREATE INDEX review_session ON review(session_id, pos);\n",
	"CREATE TABLE review_comment (\n"
	"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  review_id    INTEGER NOT NULL\n"
	"               REFERENCES review(id) ON DELETE CASCADE,\n"
	"  pos          INTEGER NOT NULL,\n"
	"  target       TEXT,          -- on: a section, a ref or top3/RANK\n"
	"  text         TEXT,\n"
	"  rev          INTEGER NOT NULL DEFAULT 1\n"
	");\n"
	"CREATE INDEX review_comment_review\n"
	"  ON review_comment(review_id, pos);\n",
	"CREATE TABLE extra_field (\n"
	"  owner_kind   TEXT NOT NULL,   -- the owner's table, or 'analysis'\n"
	"  owner_id     INTEGER NOT NULL,     -- its id (analysis: session)\n"
	"  key          TEXT NOT NULL,\n"
	"  pos          INTEGER NOT NULL, -- 0: a scalar; 1..n: list/mapping\n"
	"  name         TEXT,                 -- the key of a mapping entry\n"
	"  value        TEXT NOT NULL,\n"
	"  PRIMARY KEY (owner_kind, owner_id, key, pos)\n"
	") WITHOUT ROWID;\n",
	EXTRAS_TRIGGER("household")
	EXTRAS_TRIGGER("member")
	"CREATE TRIGGER session_extras AFTER DELETE ON session BEGIN\n"
	"  DELETE FROM extra_field\n"
	"  WHERE owner_kind IN ('session', 'analysis') AND owner_id = old.id;\n"
	"  END;\n"
	EXTRAS_TRIGGER("participant")
	EXTRAS_TRIGGER("statement")
	EXTRAS_TRIGGER("concern")
	EXTRAS_TRIGGER("factor")
	EXTRAS_TRIGGER("hypothesis")
	EXTRAS_TRIGGER("plan_item")
	EXTRAS_TRIGGER("review")
	EXTRAS_TRIGGER("review_comment"),
	"CREATE TABLE audit (\n"
	"  seq            INTEGER PRIMARY KEY,\n"
	"  at             TEXT NOT NULL,      -- ISO-8601 UTC\n"
	"  user           TEXT,\n"
	"  household_uuid TEXT,     -- no foreign key: the audit outlives it\n"
	"  action         TEXT NOT NULL,\n"
	"  what           TEXT\n"
	");\n"
	"CREATE INDEX audit_household ON audit(household_uuid, seq);\n",
	NULL
};

/*
 * Schema version 2: review and versions. A review comment gets the duo's
 * reply, who replied, and whether it is resolved (NULL: open, 1: resolved;
 * 0 is what a file may say, and comes back as it came). An audit row says
 * in which role its user acted: the transitions of a session's status
 * (store_submit, store_approve, store_return) are allowed by role.
 * A review whose decision is NULL is still in progress: the team lead's
 * comments gather in it until they approve or return the session.
 */
static const char *const schema_v2[] = {
	"ALTER TABLE review_comment ADD COLUMN reply TEXT;\n"
	"ALTER TABLE review_comment ADD COLUMN replied_by TEXT;\n"
	"ALTER TABLE review_comment ADD COLUMN resolved INTEGER\n"
	"  CHECK (resolved IN (0, 1));\n",
	"ALTER TABLE audit ADD COLUMN role TEXT; -- lokaal, rvt, teamleider\n",
	NULL
};

/*
 * The migration steps: step i brings a database from user_version i to
 * i + 1: its statements (a NULL-terminated list), then its fill function
 * if it has one (for data a statement cannot make with progress, such as
 * the search index of the rows already there). Append a step for every
 * schema change; never edit one that has been released.
 */
struct migration {
	const char *const *sql;
	int (*fill)(struct store *s, struct diags *d);
};
static const struct migration store_migrations[] = {
	{ schema_v1, NULL },
	{ schema_v2, NULL },                         /* 2: review */
	{ store_search_schema, store_search_build }, /* 3: search index */
	{ store_search_schema_v4, NULL },            /* 4: replies indexed */
};
#define STORE_NMIGRATIONS \
	((int)(sizeof store_migrations / sizeof store_migrations[0]))

/* The schema version this build writes. */
int store_schema_version(void)
{
	return STORE_NMIGRATIONS;
}

const char *store_path(const struct store *s)
{
	assert(s);
	return s->path;
}

/* The role the handle acts in; see store.h. */
void store_set_role(struct store *s, const char *role)
{
	assert(s);
	free(s->role);
	s->role = str_empty(role) ? NULL : xstrdup(role);
}

const char *store_role(const struct store *s)
{
	assert(s);
	return s->role;
}

static const char audit_insert_sql[] =
	"INSERT INTO audit(at, user, role, household_uuid, action, what)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* One audit row in the open transaction; see store_impl.h. */
int store_audit_add(struct store *s, const char *household_uuid,
                    const char *action, const char *what, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, audit_insert_sql, d);
	char now[21];
	int rc;

	if (!st)
		return -1;
	time_now_iso(now);
	rc = sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, s->user, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, s->role, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, household_uuid, -1,
		                       SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 5, action, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 6, what, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "schrijven", d);
		return -1;
	}
	return 0;
}

/* ---- errors, transactions, statements ---------------------------------- */

/* Add the Dutch diagnostic for result code rc of a call on s->db. */
void store_db_error(struct store *s, int rc, const char *doing,
                    struct diags *d)
{
	const char *msg;

	assert(rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE);
	/* errmsg belongs to the last failing call; bind errors and the like
	 * may leave an older one, so fall back to the text of rc itself. */
	msg = s->db && sqlite3_extended_errcode(s->db) == rc ?
	      sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		diag_add(d, NULL, 0, 0, "database %s is bezet door een ander "
		         "duo-proces; probeer het zo opnieuw", s->path);
		break;
	case SQLITE_CORRUPT:
		diag_add(d, NULL, 0, 0, "database %s is beschadigd", s->path);
		break;
	case SQLITE_NOTADB:
		diag_add(d, NULL, 0, 0, "%s is geen SQLite-database", s->path);
		break;
	default:
		diag_add(d, NULL, 0, 0, "database %s: %s mislukt: %s", s->path,
		         doing, msg);
		break;
	}
}

/* Run sql (no rows expected) with sqlite3_exec; -1 after a diagnostic. */
int store_exec(struct store *s, const char *sql, const char *doing,
               struct diags *d)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		store_db_error(s, rc, doing, d);
		return -1;
	}
	return 0;
}

/* The savepoint of one operation inside a batch. */
#define BATCH_SAVEPOINT "duo_op"

/*
 * Is the batch's transaction still open? After some errors (a full disk,
 * an I/O error, out of memory) SQLite rolls the whole transaction back on
 * its own: what the batch held is gone, and a SAVEPOINT now would start a
 * new transaction of its own. Once lost, a batch stays lost until it ends.
 */
static int batch_alive(struct store *s)
{
	assert(s->batch);
	if (!s->batch_lost && sqlite3_get_autocommit(s->db))
		s->batch_lost = 1;
	return !s->batch_lost;
}

/* BEGIN IMMEDIATE for writes, deferred BEGIN for reads; in a batch, the
 * operation's savepoint. */
int store_begin(struct store *s, int write, struct diags *d)
{
	if (s->batch) {
		assert(!s->batch_sp);
		if (!batch_alive(s)) {
			diag_add(d, NULL, 0, 0, "database %s: de reeks "
			         "bestanden waar dit bij hoort is afgebroken "
			         "(zie hierboven); niets ervan is opgeslagen",
			         s->path);
			return -1;
		}
		if (store_exec(s, "SAVEPOINT " BATCH_SAVEPOINT,
		             write ? "schrijven" : "lezen", d) != 0)
			return -1;
		s->batch_sp = 1;
		return 0;
	}
	assert(sqlite3_get_autocommit(s->db));
	s->write_txn = write;
	return store_exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN",
	                write ? "schrijven" : "lezen", d);
}

/* COMMIT, or roll back and report; in a batch, RELEASE the operation's
 * savepoint (its changes stay in the batch's transaction). */
int store_commit(struct store *s, struct diags *d)
{
	if (s->batch) {
		assert(s->batch_sp);
		if (store_exec(s, "RELEASE " BATCH_SAVEPOINT, "schrijven",
		             d) != 0) {
			store_rollback(s);
			return -1;
		}
		s->batch_sp = 0;
		return 0;
	}
	/* the index follows the rows, in their transaction */
	if (s->write_txn && store_search_flush(s, d) != 0) {
		store_rollback(s);
		return -1;
	}
	if (store_exec(s, "COMMIT", "schrijven", d) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* ROLLBACK when a transaction is still open (some errors end it). In a
 * batch: undo the operation's savepoint alone; when that is not possible
 * the batch is lost, as it might hold half an operation. */
void store_rollback(struct store *s)
{
	if (s->batch) {
		if (!s->batch_sp)
			return;
		s->batch_sp = 0;
		if (!batch_alive(s) ||
		    sqlite3_exec(s->db, "ROLLBACK TO " BATCH_SAVEPOINT
		                 "; RELEASE " BATCH_SAVEPOINT, NULL, NULL,
		                 NULL) != SQLITE_OK)
			s->batch_lost = 1;
		return;
	}
	if (!sqlite3_get_autocommit(s->db)) {
		/* Nothing useful to do when even this fails: SQLite rolls
		 * back a hot journal at the next open. */
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
}

/* ---- batches ----------------------------------------------------------- */

/* One BEGIN IMMEDIATE transaction for several operations; see store.h. */
int store_batch_begin(struct store *s, struct diags *d)
{
	assert(s && !s->batch);
	if (store_begin(s, 1, d) != 0)
		return -1;
	s->batch = 1;
	s->batch_sp = 0;
	s->batch_lost = 0;
	return 0;
}

/* Commit (one sync) or roll back the batch; see store.h. */
int store_batch_end(struct store *s, int commit, struct diags *d)
{
	int alive, rc;

	assert(s && s->batch && !s->batch_sp);
	store_stmts_reset(s);
	alive = batch_alive(s);
	s->batch = 0;
	s->batch_lost = 0;
	if (!commit) {
		store_rollback(s);
		return 0;
	}
	if (!alive) {
		store_rollback(s);
		diag_add(d, NULL, 0, 0, "database %s: de reeks bestanden is "
		         "afgebroken door een eerdere fout; niets ervan is "
		         "opgeslagen", s->path);
		return -1;
	}
	s->checkpoint_later = 1;
	rc = store_commit(s, d);
	s->checkpoint_later = 0;
	return rc;
}

/* A passive checkpoint of the main database; errors (busy, I/O) leave
 * the pages in the WAL, where they are safe, for the next one. */
static void checkpoint(struct store *s)
{
	(void)sqlite3_wal_checkpoint_v2(s->db, "main",
	                                SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	s->wal_pages = 0;
}

/*
 * Called by SQLite after every commit with the pages in the WAL: what its
 * own default does (a passive checkpoint from STORE_CHECKPOINT_PAGES on),
 * except after the commit of a batch (see store_checkpoint).
 */
static int wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store *s = arg;

	(void)db;
	(void)name;
	s->wal_pages = pages;
	if (!s->checkpoint_later && pages >= STORE_CHECKPOINT_PAGES)
		checkpoint(s);
	return SQLITE_OK;
}

/* The checkpoint the commit of a batch left out, if it is due. */
void store_checkpoint(struct store *s)
{
	if (s->wal_pages >= STORE_CHECKPOINT_PAGES)
		checkpoint(s);
}

/*
 * The statement for sql from the handle's cache: prepared on first use and
 * kept until store_close, handed out reset and with its bindings cleared.
 * Linear search: there are a few dozen, and the first are the busiest.
 */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct diags *d)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	for (i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].st;
			/* also after SQLITE_DONE: only a reset statement
			 * takes bindings. reset repeats the error of the
			 * last step, which was reported when it happened. */
			(void)sqlite3_reset(st);
			(void)sqlite3_clear_bindings(st);
			return st;
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	                        NULL);
	if (rc != SQLITE_OK) {
		store_db_error(s, rc, "lezen", d);
		sqlite3_finalize(st);
		return NULL;
	}
	xgrow(&s->stmts, &s->capstmts, s->nstmts + 1, sizeof *s->stmts);
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts].st = st;
	s->nstmts++;
	return st;
}

/*
 * Reset every cached statement that is not, and drop its bindings (copies
 * of what was written or looked up). A statement left standing on a row
 * keeps a read transaction open, which blocks checkpoints of the WAL.
 */
void store_stmts_reset(struct store *s)
{
	size_t i;

	for (i = 0; i < s->nstmts; i++) {
		(void)sqlite3_reset(s->stmts[i].st);
		(void)sqlite3_clear_bindings(s->stmts[i].st);
	}
}

/* How many statements of the connection are not reset (for the tests). */
int store_busy_statements(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	while ((st = sqlite3_next_stmt(s->db, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			n++;
	return n;
}

/* Column i as text; NULL for SQL NULL. */
const char *store_col_text(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return (const char *)sqlite3_column_text(st, i);
}

/* Prepare sql as a single statement of its own; NULL after a diagnostic. */
static sqlite3_stmt *prepare(struct store *s, const char *sql,
                             struct diags *d)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		store_db_error(s, rc, "lezen", d);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* The single integer a query such as a PRAGMA returns, in *out. */
static int query_int(struct store *s, const char *sql, long long *out,
                     struct diags *d)
{
	sqlite3_stmt *st = prepare(s, sql, d);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else
		store_db_error(s, rc, "lezen", d);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* ---- opening ----------------------------------------------------------- */

/* mkdir -p of the directories above path, each made mode 0700. */
static int make_parents(const char *path, struct diags *d)
{
	char *p = xstrdup(path);
	char *slash;
	int ok = 1;

	for (slash = strchr(p + 1, '/'); slash && ok;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0700) == 0) {
			/* whatever the umask took away */
			if (chmod(p, 0700) != 0)
				ok = 0;
		} else if (errno != EEXIST) {
			ok = 0;
		}
		if (!ok)
			diag_add(d, NULL, 0, 0, "map %s kan niet worden "
			         "gemaakt: %s", p, strerror(errno));
		*slash = '/';
	}
	free(p);
	return ok ? 0 : -1;
}

/*
 * Create the database file when it does not exist yet, so that it is mode
 * 0600 whatever the umask; SQLite gives -wal and -shm the mode of the
 * database file.
 */
static int create_file(const char *path, struct diags *d)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0)
		return 0;
	if (errno != ENOENT) {
		diag_add(d, NULL, 0, 0, "database %s: openen mislukt: %s", path,
		         strerror(errno));
		return -1;
	}
	if (lstat(path, &sb) == 0) {
		/* SQLite would create the target with the umask's mode */
		diag_add(d, NULL, 0, 0, "database %s: openen mislukt: verwijst "
		         "naar een bestand dat niet bestaat", path);
		return -1;
	}
	if (make_parents(path, d) != 0)
		return -1;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	          0600);
	if (fd < 0) {
		if (errno == EEXIST) /* another duo was quicker */
			return 0;
		diag_add(d, NULL, 0, 0, "database %s: aanmaken mislukt: %s",
		         path, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0600) != 0) {
		diag_add(d, NULL, 0, 0, "database %s: aanmaken mislukt: %s",
		         path, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		diag_add(d, NULL, 0, 0, "database %s: aanmaken mislukt: %s",
		         path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Is this a duo database we may use? Only reads: a database of another
 * program or of a newer duo is left untouched. Sets *version.
 */
static int check_identity(struct store *s, long long *version,
                          struct diags *d)
{
	long long app, tables;

	if (query_int(s, "PRAGMA application_id", &app, d) != 0 ||
	    query_int(s, "PRAGMA user_version", version, d) != 0 ||
	    query_int(s, "SELECT count(*) FROM sqlite_schema", &tables, d) != 0)
		return -1;
	if (app == STORE_APPLICATION_ID && *version > STORE_NMIGRATIONS) {
		diag_add(d, NULL, 0, 0, "database %s is van een nieuwere duo "
		         "(schema %lld; deze duo kent t/m %d)", s->path,
		         *version, STORE_NMIGRATIONS);
		return -1;
	}
	if ((app != 0 && app != STORE_APPLICATION_ID) ||
	    (app == 0 && (tables > 0 || *version != 0))) {
		diag_add(d, NULL, 0, 0, "%s is geen duo-database", s->path);
		return -1;
	}
	return 0;
}

/* The per-connection settings; outside any transaction. */
static int configure(struct store *s, struct diags *d)
{
	sqlite3_stmt *st;
	const char *mode;
	long long fk = 0;
	int rc, wal;


	if (store_exec(s, "PRAGMA foreign_keys = ON", "openen", d) != 0 ||
	    query_int(s, "PRAGMA foreign_keys", &fk, d) != 0)
		return -1;
	if (fk != 1) {
		diag_add(d, NULL, 0, 0, "database %s: deze SQLite kent geen "
		         "foreign keys", s->path);
		return -1;
	}
	st = prepare(s, "PRAGMA journal_mode = WAL", d);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_db_error(s, rc, "openen", d);
		sqlite3_finalize(st);
		return -1;
	}
	mode = (const char *)sqlite3_column_text(st, 0);
	wal = mode && strcmp(mode, "wal") == 0;
	if (!wal)
		diag_add(d, NULL, 0, 0, "database %s: WAL-modus niet mogelijk "
		         "(journal_mode blijft %s)", s->path,
		         mode ? mode : "onbekend");
	sqlite3_finalize(st);
	if (!wal)
		return -1;
	/*
	 * FULL: a commit is on disk when it returns (in WAL mode NORMAL may
	 * lose the last commits at a power cut). The page cache stays at
	 * SQLite's 2 MB: 8 MB made no measurable difference to an import
	 * (its pages are the ends of the tables it appends to) and raised
	 * the memory of list and export by 3 MB. The WAL is checkpointed
	 * every 1000 pages (the default; see wal_hook), about 4 MB;
	 * journal_size_limit cuts it back to 8 MB after a checkpoint should
	 * a long reader have let it grow, so that no large file of old page
	 * images (deleted text among them) stays behind.
	 * temp_store MEMORY keeps the statement journal of a savepoint (the
	 * old images of the pages an import in a batch changes) in memory:
	 * as a temporary file it was written with a pwrite per page and cost
	 * an import in batches about 15% of its time. It is emptied when
	 * the savepoint is released.
	 */
	return store_exec(s, "PRAGMA synchronous = FULL;"
	                " PRAGMA temp_store = MEMORY;"
	                " PRAGMA journal_size_limit = 8388608", "openen", d);
}

/*
 * Apply the missing migration steps in one write transaction. The version
 * is read again inside it: another duo may have migrated meanwhile.
 */
static int migrate(struct store *s, long long version, struct diags *d)
{
	const char *const *step;
	char *sql;
	int i, rc;

	if (version == STORE_NMIGRATIONS)
		return 0;
	if (store_begin(s, 1, d) != 0)
		return -1;
	if (query_int(s, "PRAGMA user_version", &version, d) != 0)
		goto fail;
	if (version > STORE_NMIGRATIONS) {
		diag_add(d, NULL, 0, 0, "database %s is van een nieuwere duo "
		         "(schema %lld; deze duo kent t/m %d)", s->path,
		         version, STORE_NMIGRATIONS);
		goto fail;
	}
	for (i = (int)version; i < STORE_NMIGRATIONS; i++) {
		for (step = store_migrations[i].sql; *step; step++)
			if (store_exec(s, *step, "bijwerken", d) != 0)
				goto fail;
		if (store_migrations[i].fill &&
		    store_migrations[i].fill(s, d) != 0)
			goto fail;
	}
	sql = xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d",
	                STORE_APPLICATION_ID, STORE_NMIGRATIONS);
	rc = store_exec(s, sql, "bijwerken", d);
	free(sql);
	if (rc != 0)
		goto fail;
	return store_commit(s, d);
fail:
	store_rollback(s);
	return -1;
}


/*
 * Waiting for another duo process that holds the write lock: try again
 * every STORE_BUSY_POLL_MS for STORE_BUSY_MS in all. SQLite's own busy
 * timeout backs off to 100 ms between tries, and so could miss the short
 * gaps a long `duo import` leaves between its transactions (casefile.h);
 * a try that fails costs a few microseconds.
 */
static int store_busy(void *arg, int count)
{
	struct timespec ts = { 0, STORE_BUSY_POLL_MS * 1000000L };

	(void)arg;
	if (count >= STORE_BUSY_MS / STORE_BUSY_POLL_MS)
		return 0;
	(void)nanosleep(&ts, NULL);
	return 1;
}

/* Open or create the database at path; see store.h. */
struct store *store_open(const char *path, const char *user, struct diags *d)
{
	return store_open_ex(path, user, NULL, NULL, d);
}

/* store_open with a progress callback for slow migrations; see store.h. */
struct store *store_open_ex(const char *path, const char *user,
                            store_progress_fn *progress, void *arg,
                            struct diags *d)
{
	struct store *s;
	long long version = 0;
	int rc;

	if (str_empty(path)) {
		diag_add(d, NULL, 0, 0, "geen database opgegeven");
		return NULL;
	}
	if (create_file(path, d) != 0)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->user = xstrdup(str_empty(user) ? "onbekend" : user);
	/* NOMUTEX: a handle is used by one thread at a time (store.h), so
	 * SQLite need not lock the connection around every call; that took
	 * some 5% of the time of storing a case. */
	s->progress = progress;
	s->progress_arg = arg;
	rc = sqlite3_open_v2(path, &s->db,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (s->db)
			store_db_error(s, rc, "openen", d);
		else
			diag_add(d, NULL, 0, 0, "database %s: openen "
			         "mislukt: %s", path, sqlite3_errstr(rc));
		store_close(s);
		return NULL;
	}
	(void)sqlite3_extended_result_codes(s->db, 1);
	rc = sqlite3_busy_handler(s->db, store_busy, NULL);
	assert(rc == SQLITE_OK);
	(void)sqlite3_wal_hook(s->db, wal_hook, s);
	if (check_identity(s, &version, d) != 0 || configure(s, d) != 0 ||
	    migrate(s, version, d) != 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

/* Close the handle: finalize the cached statements; any other statement
 * has been finalized by its operation. */
void store_close(struct store *s)
{
	size_t i;
	int rc;

	if (!s)
		return;
	if (s->batch) /* an unfinished batch stores nothing */
		(void)store_batch_end(s, 0, NULL);
	for (i = 0; i < s->nstmts; i++)
		(void)sqlite3_finalize(s->stmts[i].st);
	free(s->stmts);
	(void)sqlite3_finalize(s->data_version);
	store_search_close(s);
	rc = sqlite3_close(s->db);
	assert(rc == SQLITE_OK); /* SQLITE_BUSY: a statement was leaked */
	(void)rc;
	free(s->path);
	free(s->user);
	free(s->role);
	free(s);
}

/* ---- finding a household ----------------------------------------------- */

struct candidate {
	char *id;
	char *name;
};
struct candidates {
	struct candidate *v;
	size_t n, cap;
	size_t more;  /* how many were not kept */
};

#define FIND_MAX 10

static void candidates_add(struct candidates *c, const char *id,
                           const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].id, id) == 0)
			return;
	if (c->n == FIND_MAX) {
		c->more++;
		return;
	}
	xgrow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n].id = xstrdup(id);
	c->v[c->n].name = xstrdup(name ? name : "");
	c->n++;
}

static void candidates_free(struct candidates *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].name);
	}
	free(c->v);
}

/* Households whose uuid starts with the (lowercase) prefix ?1: the uuids
 * from ?1 up to, not including, ?2 (?1 with its last character one
 * higher). */
static const char find_prefix_sql[] =
	"SELECT uuid, name FROM household WHERE uuid >= ?1 AND uuid < ?2 "
	"ORDER BY uuid LIMIT 11";
/* Households named ?1, ignoring case; exact matches (column 2) first. */
static const char find_name_sql[] =
	"SELECT uuid, name, name = ?1 FROM household "
	"WHERE name = ?1 COLLATE NOCASE "
	"ORDER BY name = ?1 DESC, name COLLATE NOCASE, uuid LIMIT 11";

/* Step st and add its rows; exact_col >= 0 keeps only exact names when
 * there is one. */
static int find_rows(struct store *s, sqlite3_stmt *st, int exact_col,
                     struct candidates *c, struct diags *d)
{
	int rc, exact_seen = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = store_col_text(st, 0);
		int exact = exact_col >= 0 && sqlite3_column_int(st, exact_col);

		if (!id)
			continue;
		if (exact)
			exact_seen = 1;
		else if (exact_seen)
			break;
		candidates_add(c, id, store_col_text(st, 1));
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_db_error(s, rc, "lezen", d);
		return -1;
	}
	return 0;
}

/* A lowercase copy of spec if it can be the start of a UUID, else NULL. */
static char *uuid_prefix(const char *spec)
{
	size_t i, n = strlen(spec);
	char *p;

	if (n < 4 || n > UUID_STR_LEN - 1)
		return NULL;
	p = xstrdup(spec);
	for (i = 0; i < n; i++) {
		char ch = p[i];

		if (ch >= 'A' && ch <= 'F')
			p[i] = (char)(ch - 'A' + 'a');
		else if (!isxdigit((unsigned char)ch) && ch != '-') {
			free(p);
			return NULL;
		}
	}
	return p;
}

static int find_by_prefix(struct store *s, const char *prefix,
                          struct candidates *c, struct diags *d)
{
	sqlite3_stmt *st = prepare(s, find_prefix_sql, d);
	char *upper = xstrdup(prefix);
	size_t n = strlen(upper);
	int rc;

	assert(n > 0);
	upper[n - 1]++; /* '0'-'9', 'a'-'f', '-': never overflows */
	if (!st) {
		free(upper);
		return -1;
	}
	rc = sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, upper, -1, SQLITE_TRANSIENT);
	free(upper);
	if (rc != SQLITE_OK) {
		store_db_error(s, rc, "lezen", d);
		sqlite3_finalize(st);
		return -1;
	}
	rc = find_rows(s, st, -1, c, d);
	sqlite3_finalize(st);
	return rc;
}

static int find_by_name(struct store *s, const char *name,
                        struct candidates *c, struct diags *d)
{
	sqlite3_stmt *st = prepare(s, find_name_sql, d);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (rc != SQLITE_OK) {
		store_db_error(s, rc, "lezen", d);
		sqlite3_finalize(st);
		return -1;
	}
	rc = find_rows(s, st, 2, c, d);
	sqlite3_finalize(st);
	return rc;
}

/* Resolve a uuid, a uuid prefix of 4+ characters or a name; see store.h. */
int store_find_household(struct store *s, const char *spec,
                         char out_id[UUID_STR_LEN], struct diags *d)
{
	struct candidates c = {0};
	char *prefix;
	int rc = 0;
	size_t i, shortlen;

	assert(s && out_id);
	if (str_empty(spec)) {
		diag_add(d, NULL, 0, 0, "geen huishouden opgegeven");
		return -1;
	}
	prefix = uuid_prefix(spec);
	if (prefix)
		rc = find_by_prefix(s, prefix, &c, d);
	if (rc == 0)
		rc = find_by_name(s, spec, &c, d);
	if (rc != 0) {
		/* error already reported */
	} else if (c.n == 0) {
		diag_add(d, NULL, 0, 0, "huishouden '%s' niet gevonden", spec);
		rc = -1;
	} else if (c.n > 1 || c.more) {
		struct strbuf sb = {0};

		/* enough of each id to tell them apart where a prefix
		 * was typed */
		shortlen = prefix && strlen(prefix) >= 8 ?
		           strlen(prefix) + 4 : 8;
		if (shortlen > UUID_STR_LEN - 1)
			shortlen = UUID_STR_LEN - 1;
		for (i = 0; i < c.n; i++)
			sb_addf(&sb, "%s%.*s %s", i ? ", " : "", (int)shortlen,
			        c.v[i].id, c.v[i].name);
		if (c.more)
			sb_add(&sb, ", ...");
		diag_add(d, NULL, 0, 0, "'%s' is niet eenduidig: %s", spec,
		         sb_str(&sb));
		sb_free(&sb);
		rc = -1;
	} else {
		if (strlen(c.v[0].id) >= UUID_STR_LEN) {
			diag_add(d, NULL, 0, 0, "database %s: huishouden heeft "
			         "een ongeldig id: %s", s->path, c.v[0].id);
			rc = -1;
		} else {
			memcpy(out_id, c.v[0].id, strlen(c.v[0].id) + 1);
		}
	}
	free(prefix);
	candidates_free(&c);
	return rc;
}

/* ---- list -------------------------------------------------------------- */

/*
 * Each household with its latest session, in name order. The plan (checked
 * with EXPLAIN QUERY PLAN) scans the covering index household_name, so
 * there is no sort and nothing is held in memory; per household one seek
 * in session_version finds the rowid of the highest version, and one seek
 * by rowid reads that session:
 *   SCAN h USING COVERING INDEX household_name
 *   SEARCH s USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN
 *   CORRELATED SCALAR SUBQUERY: SEARCH x USING COVERING INDEX
 *     session_version (household_id=?)
 * The name filter (LIKE '%text%') reads the name from that same index and
 * is tested before the session is looked up.
 */
static const char list_sql[] =
	"SELECT h.uuid, h.name, s.version, s.status, s.date, s.evaluation\n"
	"FROM household h\n"
	"LEFT JOIN session s ON s.id =\n"
	"  (SELECT x.id FROM session x WHERE x.household_id = h.id\n"
	"   ORDER BY x.version DESC LIMIT 1)\n"
	"WHERE (?1 IS NULL OR s.status = ?1)\n"
	"  AND (?2 IS NULL OR (s.evaluation < ?2 AND s.status <> 'herzien'))\n"
	"  AND (?3 IS NULL OR h.name LIKE ?3 ESCAPE '\\')\n"
	"ORDER BY h.name COLLATE NOCASE, h.uuid";

/*
 * The LIKE pattern for "name contains text": text between % signs, with
 * its own \, % and _ escaped by \ (the ESCAPE of list_sql). LIKE ignores
 * the case of ASCII letters only. NULL for NULL.
 */
static char *contains_pattern(const char *text)
{
	struct strbuf sb = {0};
	const char *p;

	if (!text)
		return NULL;
	sb_addc(&sb, '%');
	for (p = text; *p; p++) {
		if (*p == '\\' || *p == '%' || *p == '_')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *p);
	}
	sb_addc(&sb, '%');
	return sb_steal(&sb);
}

/* Stream the households through cb; see store.h. */
int store_list(struct store *s, const struct store_list_filter *filter,
               int (*cb)(const struct store_list_row *row, void *arg),
               void *arg, struct diags *d)
{
	sqlite3_stmt *st;
	char *pattern;
	int rc;

	assert(s && cb);
	st = prepare(s, list_sql, d);
	if (!st)
		return -1;
	pattern = contains_pattern(filter ? filter->name_contains : NULL);
	rc = sqlite3_bind_text(st, 1, filter ? filter->status : NULL, -1,
	                       SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2,
		                       filter ? filter->overdue_on : NULL, -1,
		                       SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, pattern, -1, SQLITE_TRANSIENT);
	free(pattern);
	if (rc != SQLITE_OK) {
		store_db_error(s, rc, "lezen", d);
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_list_row row;

		row.id = store_col_text(st, 0);
		row.name = store_col_text(st, 1);
		row.version = sqlite3_column_int(st, 2);
		row.status = store_col_text(st, 3);
		row.date = store_col_text(st, 4);
		row.evaluation = store_col_text(st, 5);
		if (cb(&row, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		store_db_error(s, rc, "lezen", d);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- revisions ---------------------------------------------------------- */

static const char household_rev_sql[] =
	"SELECT rev FROM household WHERE uuid = ?1";

/* The household's revision, 0 when it does not exist; see store.h. */
int store_household_rev(struct store *s, const char *household_id, long *rev,
                        struct diags *d)
{
	sqlite3_stmt *st;
	int rc;

	assert(s && household_id && rev);
	st = prepare(s, household_rev_sql, d);
	if (!st)
		return -1;
	rc = sqlite3_bind_text(st, 1, household_id, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*rev = (long)sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*rev = 0;
	else
		store_db_error(s, rc, "lezen", d);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/*
 * PRAGMA data_version: the same number until another connection commits
 * (our own commits leave it alone). The statement is kept for the life of
 * the handle, as this is polled a few times a second, and reset after each
 * step so that it never holds a read transaction open. -1 on an error.
 */
long store_data_version(struct store *s)
{
	long v = -1;

	assert(s);
	if (!s->data_version &&
	    sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1,
	                       &s->data_version, NULL) != SQLITE_OK) {
		sqlite3_finalize(s->data_version);
		s->data_version = NULL;
		return -1;
	}
	if (sqlite3_step(s->data_version) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s->data_version, 0);
	(void)sqlite3_reset(s->data_version);
	return v;
}

/* ---- check, counts, audit ---------------------------------------------- */

/* Every row of integrity_check or foreign_key_check is one problem. */
static int check_rows(struct store *s, const char *sql, int fk,
                      struct diags *d)
{
	sqlite3_stmt *st = prepare(s, sql, d);
	int rc, problems = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = store_col_text(st, 0);

		if (!fk && str_eq(a, "ok"))
			continue;
		problems++;
		if (fk)
			diag_add(d, NULL, 0, 0, "database %s: %s rij %lld "
			         "verwijst naar een ontbrekende rij in %s",
			         s->path, a ? a : "?",
			         sqlite3_column_int64(st, 1),
			         store_col_text(st, 2) ? store_col_text(st, 2) :
			         "?");
		else
			diag_add(d, NULL, 0, 0, "database %s is beschadigd: %s",
			         s->path, a ? a : "?");
	}
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "controleren", d);
		problems++;
	}
	sqlite3_finalize(st);
	return problems ? -1 : 0;
}

/* integrity_check, foreign_key_check and the schema version. */
int store_check(struct store *s, struct diags *d)
{
	long long version = 0, app = 0;
	int bad = 0;

	assert(s);
	if (check_rows(s, "PRAGMA integrity_check", 0, d) != 0)
		bad = 1;
	if (check_rows(s, "PRAGMA foreign_key_check", 1, d) != 0)
		bad = 1;
	if (store_search_check(s, d) != 0)
		bad = 1;
	if (query_int(s, "PRAGMA user_version", &version, d) != 0 ||
	    query_int(s, "PRAGMA application_id", &app, d) != 0)
		return -1;
	if (version != STORE_NMIGRATIONS || app != STORE_APPLICATION_ID) {
		diag_add(d, NULL, 0, 0, "database %s heeft schema %lld "
		         "(application_id %lld); verwacht schema %d", s->path,
		         version, app, STORE_NMIGRATIONS);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static const char counts_sql[] =
	"SELECT (SELECT count(*) FROM household),"
	" (SELECT count(*) FROM member),"
	" (SELECT count(*) FROM session), (SELECT count(*) FROM participant),"
	" (SELECT count(*) FROM statement), (SELECT count(*) FROM concern),"
	" (SELECT count(*) FROM factor), (SELECT count(*) FROM hypothesis),"
	" (SELECT count(*) FROM plan_item), (SELECT count(*) FROM review),"
	" (SELECT count(*) FROM review_comment),"
	" (SELECT count(*) FROM extra_field), (SELECT count(*) FROM audit)";

/* Row counts of every table, read in one statement (one snapshot). */
int store_counts(struct store *s, struct store_counts *out, struct diags *d)
{
	long *field[] = {
		&out->households, &out->members, &out->sessions,
		&out->participants, &out->statements, &out->top3,
		&out->factors, &out->hypotheses, &out->plan, &out->reviews,
		&out->comments, &out->extras, &out->audit,
	};
	sqlite3_stmt *st;
	int rc;

	assert(s && out);
	st = prepare(s, counts_sql, d);
	if (!st)
		return -1;
	assert((size_t)sqlite3_column_count(st) ==
	       sizeof field / sizeof field[0]);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		size_t i;

		for (i = 0; i < sizeof field / sizeof field[0]; i++)
			*field[i] = (long)sqlite3_column_int64(st, (int)i);
	} else {
		store_db_error(s, rc, "lezen", d);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static const char audit_all_sql[] =
	"SELECT at, user, action, what, role FROM audit ORDER BY seq";
static const char audit_household_sql[] =
	"SELECT at, user, action, what, role FROM audit WHERE household_uuid = ?1 "
	"ORDER BY seq";

/* The audit trail, oldest first; see store.h. */
int store_audit(struct store *s, const char *household_id,
                int (*cb)(const struct store_audit_row *row, void *arg),
                void *arg, struct diags *d)
{
	sqlite3_stmt *st;
	int rc = SQLITE_OK;

	assert(s && cb);
	st = prepare(s, household_id ? audit_household_sql : audit_all_sql, d);
	if (!st)
		return -1;
	if (household_id)
		rc = sqlite3_bind_text(st, 1, household_id, -1,
		                       SQLITE_TRANSIENT);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct store_audit_row row;

			row.at = store_col_text(st, 0);
			row.user = store_col_text(st, 1);
			row.action = store_col_text(st, 2);
			row.what = store_col_text(st, 3);
			row.role = store_col_text(st, 4);
			if (cb(&row, arg) != 0) {
				rc = SQLITE_DONE;
				break;
			}
		}
	}
	if (rc != SQLITE_DONE)
		store_db_error(s, rc, "lezen", d);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
