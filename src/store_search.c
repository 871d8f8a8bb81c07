/*
 * store_search.c - the full-text index of everything typed in all
 * households, and the searches of search.h.
 *
 * The index. One FTS5 table, "search", with one row per item that holds
 * typed text: its text fields joined into one column, doc. It is
 * contentless (content=''): the text lives in the item tables only, and
 * a hit is read back from there. It keeps no positions (detail=none) and
 * no sizes (columnsize=0): a query is an AND of words and prefixes, and
 * the snippets are made here, not by FTS5. That keeps the index small
 * (see tests/bench/README.md for what it costs).
 *
 * Row ids. The rowid of an index row says what it is: (code << 40) + the
 * row id of the item, where code (struct kind below) names the table;
 * code + 1 is the row of all extra fields of that item together. Item
 * ids are far below 2^40. Household-level codes are the highest, so that
 * "ORDER BY rowid DESC" lists names of households and members first, then
 * each kind of item, newest first.
 *
 * In step. Each indexed table has a view search_doc_<table>(rid, id, doc)
 * that says what its rows put in the index, and four triggers that use
 * it: after an insert the new row's doc goes in; before a delete, and
 * before an update of one of its text columns, the old doc is taken out
 * (a contentless table must be told the old text to take it out); after
 * the update the new doc goes in. Extra fields (search_doc_extra, grouped
 * by owner) have triggers before and after every change. As the triggers
 * are in the schema, every path that writes (import, save, replace,
 * a delete cascading from a household, another program with the sqlite3
 * shell) keeps the index in step, in its own transaction.
 *
 * Folding. The tokenizer is unicode61 with remove_diacritics 2: case and
 * accents fall away (ë→e, ş→s, ï→i, ç→c, ğ→g, ö→o, ś→s, é→e, İ→i). Letters
 * that are not a base letter with an accent (ı, ł, ø, đ, ß, æ, œ, ĳ) it
 * keeps; the views replace them first (FOLD below), with built-in SQL
 * only, so that any connection can write. The same table folds a query
 * and the tokens of a hit in C (search_fold), so both sides agree.
 *
 * Changing what is indexed (a new text column, a new table) is a
 * migration step that takes the old docs out through the old view, while
 * it is still there ('delete' needs the words as they were indexed):
 *   INSERT INTO search(search, rowid, doc)
 *     SELECT 'delete', rid, doc FROM search_doc_T;
 * then drops the view and the four triggers of T and makes them again
 * with the new columns (DOC_VIEW, DOC_TRIGGERS), and puts the docs back:
 *   INSERT INTO search(rowid, doc) SELECT rid, doc FROM search_doc_T;
 * The queue is empty between transactions, so nothing else is in flight.
 *
 * Privacy: FTS5 of SQLite 3.40 has no secure-delete: the words of a
 * deleted text can stay in the index's b-tree pages until its segments
 * are merged. store_search_build and duo check's 'optimize' rewrite them.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "form.h"
#include "search.h"
#include "store.h"
#include "store_impl.h"
#include "util.h"

/* ---- folding ----------------------------------------------------------- */

/*
 * Letters unicode61 does not fold, with what they become. X(from, to):
 * from is one character, to ASCII lowercase (the tokenizer lowercases
 * after). The SQL of the views and search_fold are both made from this
 * list.
 */
#define SEARCH_FOLDS(X) \
	X("ı", "i") X("ł", "l") X("Ł", "l") X("ø", "o") X("Ø", "o") \
	X("đ", "d") X("Đ", "d") X("ß", "ss") X("æ", "ae") X("Æ", "ae") \
	X("œ", "oe") X("Œ", "oe") X("ĳ", "ij") X("Ĳ", "ij")

#define FOLD_OPEN(f, t) "replace("
#define FOLD_CLOSE(f, t) ", '" f "', '" t "')"
#define FOLD_ENTRY(f, t) { f, t },

/*
 * The SQL of x folded. Text that is all ASCII (as many characters as
 * bytes: one cheap pass) has none of the letters and is left alone; a
 * GLOB for them would read the text a character at a time for every
 * letter, and made building the index three times slower.
 */
#define FOLD(x) \
	"CASE WHEN length(" x ") = length(CAST(" x " AS BLOB)) THEN " x \
	" ELSE " SEARCH_FOLDS(FOLD_OPEN) x SEARCH_FOLDS(FOLD_CLOSE) " END"

static const struct {
	const char *from, *to;
} folds[] = { SEARCH_FOLDS(FOLD_ENTRY) };

/* See search.h. */
char *search_fold(const char *text)
{
	struct strbuf sb = {0};
	const char *p;
	size_t i;

	sb_add(&sb, "");
	for (p = text ? text : ""; *p;) {
		for (i = 0; i < sizeof folds / sizeof *folds; i++) {
			size_t n = strlen(folds[i].from);

			if (strncmp(p, folds[i].from, n) == 0) {
				sb_add(&sb, folds[i].to);
				p += n;
				break;
			}
		}
		if (i == sizeof folds / sizeof *folds)
			sb_addc(&sb, *p++);
	}
	return sb_steal(&sb);
}

/* ---- the schema --------------------------------------------------------- */

/* One text column as part of a doc, folded (a column, not the joined
 * doc: FOLD names its text three times, and SQLite would join them three
 * times). */
#define DOC1(a) "coalesce(" FOLD(a) ", '')"
#define DOC_SEP " || char(10) || "

/* The view of table t: what its rows put in the index. */
#define DOC_VIEW(t, code, concat) \
	"CREATE VIEW search_doc_" t " AS\n" \
	"  SELECT (" #code " << 40) + id AS rid, id,\n    " concat " AS doc\n" \
	"  FROM " t ";\n"

/*
 * The queue (see "In step" above). A row going in is queued by its index
 * rowid alone: its doc is read when the queue is applied, from the row as
 * it is then. A row going out is queued with its doc as it is now (a
 * contentless index must be told the words it takes out). seq numbers
 * the changes of one index row in their order.
 */
#define QSEQ(r) \
	"(SELECT coalesce(max(q.seq), 0) + 1 FROM search_queue q WHERE q.rid = " \
	r ")"
/* Queue index row rid (an expression of the trigger's row) to go in. */
#define QUEUE_IN(rid) \
	"  INSERT INTO search_queue(rid, seq, del) VALUES (" rid ", " \
	QSEQ(rid) ", 0);\n"
/* Queue the doc of the row of view v that where picks to go out. */
#define QUEUE_OUT(v, where) \
	"  INSERT INTO search_queue(rid, seq, del, doc)\n" \
	"  SELECT rid, " QSEQ("d.rid") ", 1, doc\n" \
	"  FROM " v " d WHERE " where ";\n"
#define DOC_IN(code, row) QUEUE_IN("(" #code " << 40) + " row ".id")
#define DOC_OUT(t, row) QUEUE_OUT("search_doc_" t, "id = " row ".id")

/* The triggers that keep the docs of table t in step; cols are its
 * indexed columns. */
#define DOC_TRIGGERS(t, code, cols) \
	"CREATE TRIGGER " t "_search_ai AFTER INSERT ON " t " BEGIN\n" \
	DOC_IN(code, "new") "END;\n" \
	"CREATE TRIGGER " t "_search_bd BEFORE DELETE ON " t " BEGIN\n" \
	DOC_OUT(t, "old") "END;\n" \
	"CREATE TRIGGER " t "_search_bu BEFORE UPDATE OF " cols " ON " t \
	" BEGIN\n" DOC_OUT(t, "old") "END;\n" \
	"CREATE TRIGGER " t "_search_au AFTER UPDATE OF " cols " ON " t \
	" BEGIN\n" DOC_IN(code, "new") "END;\n"

/* The extra fields of one owner are one doc: before a change the doc
 * there is goes out, after it the doc there is then goes in. */
#define EXTRA_WHERE(row) \
	"owner_kind = " row ".owner_kind AND owner_id = " row ".owner_id\n" \
	"    AND rid IS NOT NULL"
#define EXTRA_IN(row) \
	"  INSERT INTO search_queue(rid, seq, del)\n" \
	"  SELECT rid, " QSEQ("d.rid") ", 0 FROM search_doc_extra d\n" \
	"  WHERE " EXTRA_WHERE(row) ";\n"
#define EXTRA_OUT(row) QUEUE_OUT("search_doc_extra", EXTRA_WHERE(row))
#define EXTRA_OTHER \
	"  WHEN new.owner_kind IS NOT old.owner_kind OR\n" \
	"       new.owner_id IS NOT old.owner_id\n"

/* Schema version 3: the index, its views and its triggers. */
const char *const store_search_schema[] = {
	"CREATE VIRTUAL TABLE search USING fts5(doc, content = '',\n"
	"  detail = none, columnsize = 0,\n"
	"  tokenize = 'unicode61 remove_diacritics 2');\n"
	"CREATE TABLE search_queue (\n"
	"  rid  INTEGER NOT NULL,  -- the index row\n"
	"  seq  INTEGER NOT NULL,  -- 1, 2, ...: the order of rid's changes\n"
	"  del  INTEGER NOT NULL CHECK (del IN (0, 1)), -- 1: take doc out\n"
	"  doc  TEXT,              -- del: the words to take out\n"
	"  PRIMARY KEY (rid, seq)\n"
	") WITHOUT ROWID;\n",
	DOC_VIEW("household", 24, DOC1("name") DOC_SEP DOC1("municipality")
	         DOC_SEP DOC1("team"))
	DOC_TRIGGERS("household", 24, "name, municipality, team"),
	DOC_VIEW("member", 22, DOC1("name"))
	DOC_TRIGGERS("member", 22, "name"),
	DOC_VIEW("participant", 18, DOC1("name") DOC_SEP DOC1("organisation"))
	DOC_TRIGGERS("participant", 18, "name, organisation"),
	DOC_VIEW("statement", 16, DOC1("text") DOC_SEP DOC1("source") DOC_SEP
	         DOC1("holder") DOC_SEP DOC1("response"))
	DOC_TRIGGERS("statement", 16, "text, source, holder, response"),
	DOC_VIEW("concern", 14, DOC1("title") DOC_SEP DOC1("what") DOC_SEP
	         DOC1("impact") DOC_SEP DOC1("household_view"))
	DOC_TRIGGERS("concern", 14, "title, what, impact, household_view"),
	DOC_VIEW("factor", 10, DOC1("text"))
	DOC_TRIGGERS("factor", 10, "text"),
	DOC_VIEW("hypothesis", 8, DOC1("text") DOC_SEP
	         DOC1("household_explanation") DOC_SEP DOC1("check_text"))
	DOC_TRIGGERS("hypothesis", 8, "text, household_explanation, check_text"),
	DOC_VIEW("plan_item", 6, DOC1("text") DOC_SEP DOC1("who") DOC_SEP
	         DOC1("consequence"))
	DOC_TRIGGERS("plan_item", 6, "text, who, consequence"),
	DOC_VIEW("review", 4, DOC1("reviewer"))
	DOC_TRIGGERS("review", 4, "reviewer"),
	DOC_VIEW("review_comment", 2, DOC1("text"))
	DOC_TRIGGERS("review_comment", 2, "text"),
	/* the extra fields of one owner are one doc, code + 1 of its kind */
	"CREATE VIEW search_doc_extra AS\n"
	"  SELECT (CASE owner_kind WHEN 'household' THEN 25\n"
	"    WHEN 'member' THEN 23 WHEN 'session' THEN 21\n"
	"    WHEN 'participant' THEN 19 WHEN 'statement' THEN 17\n"
	"    WHEN 'concern' THEN 15 WHEN 'analysis' THEN 13\n"
	"    WHEN 'factor' THEN 11 WHEN 'hypothesis' THEN 9\n"
	"    WHEN 'plan_item' THEN 7 WHEN 'review' THEN 5\n"
	"    WHEN 'review_comment' THEN 3 END << 40) + owner_id AS rid,\n"
	"    owner_kind, owner_id, group_concat(" FOLD("value") ", char(10))\n"
	"    AS doc\n"
	"  FROM extra_field GROUP BY owner_kind, owner_id;\n"
	"CREATE TRIGGER extra_field_search_bi BEFORE INSERT ON extra_field\n"
	"BEGIN\n" EXTRA_OUT("new") "END;\n"
	"CREATE TRIGGER extra_field_search_ai AFTER INSERT ON extra_field\n"
	"BEGIN\n" EXTRA_IN("new") "END;\n"
	"CREATE TRIGGER extra_field_search_bd BEFORE DELETE ON extra_field\n"
	"BEGIN\n" EXTRA_OUT("old") "END;\n"
	"CREATE TRIGGER extra_field_search_ad AFTER DELETE ON extra_field\n"
	"BEGIN\n" EXTRA_IN("old") "END;\n"
	"CREATE TRIGGER extra_field_search_bu BEFORE UPDATE ON extra_field\n"
	"BEGIN\n" EXTRA_OUT("old") "END;\n"
	"CREATE TRIGGER extra_field_search_au AFTER UPDATE ON extra_field\n"
	"BEGIN\n" EXTRA_IN("new") "END;\n"
	"CREATE TRIGGER extra_field_search_bu2 BEFORE UPDATE ON extra_field\n"
	EXTRA_OTHER "BEGIN\n" EXTRA_OUT("new") "END;\n"
	"CREATE TRIGGER extra_field_search_au2 AFTER UPDATE ON extra_field\n"
	EXTRA_OTHER "BEGIN\n" EXTRA_IN("old") "END;\n",
	NULL
};

/*
 * Schema version 4: the duo's reply to a comment is indexed too. The old
 * docs of review_comment go out through the old view, the view and its
 * triggers are made again with reply, and the docs go back in (see
 * "Changing what is indexed" above).
 */
const char *const store_search_schema_v4[] = {
	"INSERT INTO search(search, rowid, doc)\n"
	"  SELECT 'delete', rid, doc FROM search_doc_review_comment;\n"
	"DROP TRIGGER review_comment_search_ai;\n"
	"DROP TRIGGER review_comment_search_bd;\n"
	"DROP TRIGGER review_comment_search_bu;\n"
	"DROP TRIGGER review_comment_search_au;\n"
	"DROP VIEW search_doc_review_comment;\n",
	DOC_VIEW("review_comment", 2, DOC1("text") DOC_SEP DOC1("reply"))
	DOC_TRIGGERS("review_comment", 2, "text, reply"),
	"INSERT INTO search(rowid, doc)\n"
	"  SELECT rid, doc FROM search_doc_review_comment;\n",
	NULL
};

/* ---- the kinds of index rows ------------------------------------------- */

#define CODE_SHIFT 40
#define ID_MASK ((INT64_C(1) << CODE_SHIFT) - 1)

/* The columns every locate query starts with: household uuid and name,
 * session uuid, version and status, the item's name in its list and its
 * kind (statements and plan items). */
#define LOC_HOUSEHOLD "h.uuid, h.name"
#define LOC_SESSION "s.uuid, s.version, s.status"
#define LOC_NOSESSION "NULL, NULL, NULL"
#define JOIN_SESSION(x) \
	" JOIN session s ON s.id = " x ".session_id" \
	" JOIN household h ON h.id = s.household_id"

/*
 * What an index row is. code is the rowid's high part for the items of
 * table (code + 1 for their extra fields); section the skeleton key of
 * the items; fields the format keys of the text columns in doc order, as
 * locate returns them after its six leading columns (?1: the row id).
 */
struct kind {
	int code;
	const char *table;
	const char *section;
	const char *fields[5];
	const char *locate;
	const char *doc;   /* ?1 row id -> its doc now; NULL: no item doc */
	const char *bulk;  /* put in the docs of every queued row of the
	                      table that only came (store_search_flush) */
};

#define ID_MAX "1099511627775" /* ID_MASK */
/* doc and bulk of table t with code. */
#define KIND_SQL(t, code) \
	"SELECT doc FROM search_doc_" t " WHERE id = ?1", \
	"INSERT INTO search(rowid, doc) SELECT v.rid, v.doc\n" \
	"FROM search_queue q JOIN search_doc_" t " v\n" \
	"  ON v.id = q.rid - (" #code " << 40)\n" \
	"WHERE q.rid BETWEEN (" #code " << 40) AND (" #code " << 40) + " \
	ID_MAX "\n" \
	"  AND q.seq = 1 AND q.del = 0 AND NOT EXISTS (SELECT 1\n" \
	"    FROM search_queue r WHERE r.rid = q.rid AND r.seq = 2)"

static const struct kind kinds[] = {
	{ 24, "household", "household", { "name", "municipality", "team" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_NOSESSION ", NULL, NULL, h.name,"
	  " h.municipality, h.team FROM household h WHERE h.id = ?1",
	  KIND_SQL("household", 24) },
	{ 22, "member", "members", { "name" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_NOSESSION ", x.ref, NULL, x.name"
	  " FROM member x JOIN household h ON h.id = x.household_id"
	  " WHERE x.id = ?1",
	  KIND_SQL("member", 22) },
	{ 20, "session", "sessions", { NULL },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", s.version, NULL"
	  " FROM session s JOIN household h ON h.id = s.household_id"
	  " WHERE s.id = ?1",
	  NULL, NULL },
	{ 18, "participant", "participants", { "name", "organisation" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", coalesce(x.name, m.ref),"
	  " NULL, x.name, x.organisation FROM participant x" JOIN_SESSION("x")
	  " LEFT JOIN member m ON m.id = x.member_id WHERE x.id = ?1",
	  KIND_SQL("participant", 18) },
	{ 16, "statement", "statements",
	  { "text", "source", "holder", "response" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.ref, x.kind, x.text, x.source,"
	  " x.holder, x.response FROM statement x" JOIN_SESSION("x")
	  " WHERE x.id = ?1",
	  KIND_SQL("statement", 16) },
	{ 14, "concern", "top3", { "title", "what", "impact", "household_view" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.rank, NULL, x.title, x.what,"
	  " x.impact, x.household_view FROM concern x" JOIN_SESSION("x")
	  " WHERE x.id = ?1",
	  KIND_SQL("concern", 14) },
	{ 12, "analysis", "analysis", { NULL },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", NULL, NULL"
	  " FROM session s JOIN household h ON h.id = s.household_id"
	  " WHERE s.id = ?1",
	  NULL, NULL },
	{ 10, "factor", "factors", { "text" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.ref, NULL, x.text"
	  " FROM factor x" JOIN_SESSION("x") " WHERE x.id = ?1",
	  KIND_SQL("factor", 10) },
	{ 8, "hypothesis", "hypotheses",
	  { "text", "household_explanation", "check" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.ref, NULL, x.text,"
	  " x.household_explanation, x.check_text FROM hypothesis x"
	  JOIN_SESSION("x") " WHERE x.id = ?1",
	  KIND_SQL("hypothesis", 8) },
	{ 6, "plan_item", "plan", { "text", "who", "consequence" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.ref, x.kind, x.text, x.who,"
	  " x.consequence FROM plan_item x" JOIN_SESSION("x")
	  " WHERE x.id = ?1",
	  KIND_SQL("plan_item", 6) },
	{ 4, "review", "reviews", { "reviewer" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.pos + 1, NULL, x.reviewer"
	  " FROM review x" JOIN_SESSION("x") " WHERE x.id = ?1",
	  KIND_SQL("review", 4) },
	{ 2, "review_comment", "comments", { "text", "reply" },
	  "SELECT " LOC_HOUSEHOLD ", " LOC_SESSION ", x.target, NULL, x.text,"
	  " x.reply FROM review_comment x JOIN review r ON r.id = x.review_id"
	  JOIN_SESSION("r") " WHERE x.id = ?1",
	  KIND_SQL("review_comment", 2) },
};

#define NKINDS (sizeof kinds / sizeof *kinds)
#define LOC_LEAD 7 /* the columns before the fields */

/* The kind of an index row's code (item or extras), or NULL. */
static const struct kind *kind_of(int code)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].code == (code & ~1))
			return &kinds[i];
	return NULL;
}

/* ---- building the index ------------------------------------------------ */

/* Rows of one table indexed per statement while building, so that
 * progress can be told. */
#define BUILD_CHUNK 20000

struct build {
	struct store *s;
	struct diags *d;
	long done, total;
};

static void build_progress(struct build *b)
{
	if (b->s->progress)
		b->s->progress(b->s->progress_arg, "zoekindex opbouwen",
		               b->done < b->total ? b->done : b->total,
		               b->total);
}

/* min and max row id of a table (0, 0 when empty). */
static int id_range(struct store *s, const char *table, sqlite3_int64 *lo,
                    sqlite3_int64 *hi, struct diags *d)
{
	char *sql = xasprintf("SELECT coalesce(min(id), 0), coalesce(max(id), 0)"
	                      " FROM %s", table);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	free(sql);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*lo = sqlite3_column_int64(st, 0);
		*hi = sqlite3_column_int64(st, 1);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		store_db_error(s, rc, "zoekindex opbouwen", d);
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Put the docs of every row of table with lo <= id <= hi in the index, a
 * chunk at a time. */
static int build_table(struct build *b, const char *table, sqlite3_int64 lo,
                       sqlite3_int64 hi)
{
	char *sql = xasprintf("INSERT INTO search(rowid, doc) SELECT rid, doc"
	                      " FROM search_doc_%s WHERE id BETWEEN ?1 AND ?2",
	                      table);
	sqlite3_stmt *st = NULL;
	sqlite3_int64 at;
	int rc = sqlite3_prepare_v2(b->s->db, sql, -1, &st, NULL);

	free(sql);
	for (at = lo; rc == SQLITE_OK && at <= hi; at += BUILD_CHUNK) {
		sqlite3_int64 end = hi - at < BUILD_CHUNK ? hi : at + BUILD_CHUNK - 1;

		(void)sqlite3_reset(st);
		rc = sqlite3_bind_int64(st, 1, at);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(st, 2, end);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_DONE)
			rc = SQLITE_OK;
		b->done += (long)(end - at + 1);
		if (rc == SQLITE_OK)
			build_progress(b);
	}
	if (rc != SQLITE_OK)
		store_db_error(b->s, rc, "zoekindex opbouwen", b->d);
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * Fill the index from every row there is, in the migration's transaction
 * (a new database: nothing to do). Progress counts row ids of the item
 * tables; extra fields go last, in one statement.
 */
int store_search_build(struct store *s, struct diags *d)
{
	sqlite3_int64 lo[NKINDS], hi[NKINDS];
	struct build b;
	size_t i;

	memset(&b, 0, sizeof b);
	b.s = s;
	b.d = d;
	for (i = 0; i < NKINDS; i++) {
		lo[i] = hi[i] = 0;
		if (kinds[i].fields[0] &&
		    id_range(s, kinds[i].table, &lo[i], &hi[i], d) != 0)
			return -1;
		if (hi[i])
			b.total += (long)(hi[i] - lo[i] + 1);
	}
	if (b.total == 0)
		return store_exec(s, "INSERT INTO search(rowid, doc) SELECT rid,"
		                  " doc FROM search_doc_extra WHERE rid IS NOT NULL",
		                  "zoekindex opbouwen", d);
	build_progress(&b);
	for (i = 0; i < NKINDS; i++)
		if (hi[i] && build_table(&b, kinds[i].table, lo[i], hi[i]) != 0)
			return -1;
	if (store_exec(s, "INSERT INTO search(rowid, doc) SELECT rid, doc"
	               " FROM search_doc_extra WHERE rid IS NOT NULL;"
	               " INSERT INTO search(search) VALUES ('optimize')",
	               "zoekindex opbouwen", d) != 0)
		return -1;
	b.done = b.total;
	build_progress(&b);
	return 0;
}

/* ---- applying the queue ------------------------------------------------ */

static const char queue_any_sql[] = "SELECT 1 FROM search_queue LIMIT 1";
static const char queue_read_sql[] =
	"SELECT rid, del, doc FROM search_queue ORDER BY rid, seq";
static const char queue_clear_sql[] = "DELETE FROM search_queue";
static const char index_in_sql[] =
	"INSERT INTO search(rowid, doc) VALUES (?1, ?2)";
static const char index_out_sql[] =
	"INSERT INTO search(search, rowid, doc) VALUES ('delete', ?1, ?2)";

/* Put doc in (del 0) or take it out (del 1) of index row rid. */
static int index_op(struct store *s, sqlite3_int64 rid, int del,
                    const char *doc, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, del ? index_out_sql : index_in_sql, d);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_bind_int64(st, 1, rid);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "zoekindex bijwerken", d);
		return -1;
	}
	return 0;
}

static const char extra_doc_sql[] =
	"SELECT doc FROM search_doc_extra WHERE owner_kind = ?1"
	" AND owner_id = ?2";

/* The doc of index row rid as the rows are now, in *doc (NULL when it
 * has none: its row is gone, or an owner has no extra fields left).
 * Caller frees. 0 or -1. */
static int current_doc(struct store *s, sqlite3_int64 rid, char **doc,
                       struct diags *d)
{
	int code = (int)(rid >> CODE_SHIFT);
	const struct kind *k = kind_of(code);
	sqlite3_stmt *st;
	int rc;

	*doc = NULL;
	if (!k || (!(code & 1) && !k->doc))
		return 0;
	st = store_stmt(s, code & 1 ? extra_doc_sql : k->doc, d);
	if (!st)
		return -1;
	if (code & 1) {
		rc = sqlite3_bind_text(st, 1, k->table, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(st, 2, rid & ID_MASK);
	} else {
		rc = sqlite3_bind_int64(st, 1, rid & ID_MASK);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*doc = xstrdup(store_col_text(st, 0));
	(void)sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_db_error(s, rc, "zoekindex bijwerken", d);
		return -1;
	}
	return 0;
}

/* The queued changes of one index row: how many, whether the first takes
 * a doc out (and which: the index holds it), whether the last puts one
 * in. */
struct pending {
	sqlite3_int64 rid;
	long n;
	int first_del, last_del;
	char *out;   /* first_del: the doc the index holds */
};

/*
 * Apply the net change of one index row: take out what the index holds
 * (when the first change took something out), put in the doc of the row
 * as it is now (when the last change put something in); nothing when
 * that is the same doc, as for an item a save left as it was. A row that
 * only came in was put in by the bulk step already.
 */
static int pending_apply(struct store *s, struct pending *p, struct diags *d)
{
	int code = (int)(p->rid >> CODE_SHIFT);
	const struct kind *k = kind_of(code);
	char *now = NULL;
	int rc = 0;

	if (p->n == 1 && !p->first_del && !(code & 1) && k && k->bulk)
		goto done;
	if (!p->last_del && current_doc(s, p->rid, &now, d) != 0) {
		rc = -1;
		goto done;
	}
	if (p->first_del && now && str_eq(p->out, now))
		goto done;
	if (p->first_del && index_op(s, p->rid, 1, p->out, d) != 0)
		rc = -1;
	else if (now && index_op(s, p->rid, 0, now, d) != 0)
		rc = -1;
done:
	free(now);
	free(p->out);
	p->out = NULL;
	return rc;
}

/*
 * Apply the queued changes of this write transaction to the index and
 * empty the queue. Called by store_commit just before COMMIT, so the index
 * changes in the same transaction as the rows, but once per transaction
 * (for a batch of imports, once per batch) instead of once per row and
 * savepoint: FTS5 writes its pending words out at every savepoint, and
 * indexing from the triggers directly made an import four times slower.
 * First, in bulk, the docs of every item that only came in (an import);
 * then per index row the net change of the rest (a save: an item that
 * stays as it was costs a lookup, not its words). Rows another program
 * queued (a write with the sqlite3 shell) are applied by the next write
 * of duo.
 */
int store_search_flush(struct store *s, struct diags *d)
{
	struct pending p;
	sqlite3_stmt *st = store_stmt(s, queue_any_sql, d);
	size_t i;
	int rc, have = 0;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	(void)sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		store_db_error(s, rc, "zoekindex bijwerken", d);
		return -1;
	}
	for (i = 0; i < NKINDS; i++) {
		if (!kinds[i].bulk)
			continue;
		st = store_stmt(s, kinds[i].bulk, d);
		if (!st)
			return -1;
		rc = sqlite3_step(st);
		(void)sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			store_db_error(s, rc, "zoekindex bijwerken", d);
			return -1;
		}
	}
	st = store_stmt(s, queue_read_sql, d);
	if (!st)
		return -1;
	memset(&p, 0, sizeof p);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 rid = sqlite3_column_int64(st, 0);
		int del = sqlite3_column_int(st, 1);

		if (have && rid != p.rid && pending_apply(s, &p, d) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
		if (!have || rid != p.rid) {
			memset(&p, 0, sizeof p);
			p.rid = rid;
			p.first_del = del;
			if (del)
				p.out = xstrdup(store_col_text(st, 2) ?
				                store_col_text(st, 2) : "");
			have = 1;
		}
		p.n++;
		p.last_del = del;
	}
	if (rc == SQLITE_DONE && have && pending_apply(s, &p, d) != 0)
		rc = SQLITE_ERROR;
	free(p.out);
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (rc != SQLITE_ERROR)
			store_db_error(s, rc, "zoekindex bijwerken", d);
		return -1;
	}
	return store_exec(s, queue_clear_sql, "zoekindex bijwerken", d);
}

/* FTS5's own check of the index's structure (a contentless index cannot
 * be compared with the text itself: the tests do that by searching). */
int store_search_check(struct store *s, struct diags *d)
{
	int rc = sqlite3_exec(s->db, "INSERT INTO search(search)"
	                      " VALUES ('integrity-check')", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_CORRUPT)
		diag_add(d, NULL, 0, 0, "database %s: de zoekindex is "
		         "beschadigd", s->path);
	else
		store_db_error(s, rc, "zoekindex controleren", d);
	return -1;
}

/* ---- the tokenizer ------------------------------------------------------- */

/* The index's tokenizer, as FTS5 offers it, for queries and snippets. */
struct search_tok {
	fts5_tokenizer api;
	Fts5Tokenizer *t;
};

void store_search_close(struct store *s)
{
	if (s->tok) {
		if (s->tok->t)
			s->tok->api.xDelete(s->tok->t);
		free(s->tok);
		s->tok = NULL;
	}
}

/* Make s->tok: unicode61 with the options of the index. */
static int tok_open(struct store *s, struct diags *d)
{
	static const char *const args[] = { "remove_diacritics", "2" };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	void *ctx = NULL;
	int rc;

	if (s->tok)
		return 0;
	rc = sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr",
		                          NULL);
	if (rc == SQLITE_OK)
		(void)sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2) {
		diag_add(d, NULL, 0, 0, "database %s: deze SQLite kan niet "
		         "zoeken (geen FTS5)", s->path);
		return -1;
	}
	s->tok = xcalloc(1, sizeof *s->tok);
	if (api->xFindTokenizer(api, "unicode61", &ctx, &s->tok->api) !=
	    SQLITE_OK ||
	    s->tok->api.xCreate(ctx, (const char **)args, 2, &s->tok->t) !=
	    SQLITE_OK) {
		free(s->tok);
		s->tok = NULL;
		diag_add(d, NULL, 0, 0, "database %s: de tokenizer van de "
		         "zoekindex ontbreekt", s->path);
		return -1;
	}
	return 0;
}

/* One token as FTS5 sees it, with where it stands in the text. */
struct token {
	char *text;   /* folded: lowercase, no accents, search_fold */
	int start, end;
};
struct tokens {
	struct token *v;
	size_t n, cap;
};

static int token_cb(void *ctx, int flags, const char *tok, int ntok,
                    int start, int end)
{
	struct tokens *ts = ctx;
	char *raw;

	(void)flags;
	xgrow(&ts->v, &ts->cap, ts->n + 1, sizeof *ts->v);
	raw = xstrndup(tok, (size_t)ntok);
	ts->v[ts->n].text = search_fold(raw);
	ts->v[ts->n].start = start;
	ts->v[ts->n].end = end;
	ts->n++;
	free(raw);
	return SQLITE_OK;
}

static void tokens_free(struct tokens *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->v[i].text);
	free(ts->v);
	memset(ts, 0, sizeof *ts);
}

/* The tokens of text (s->tok made). 0, or -1 when the text is too long
 * for the tokenizer (it is then treated as having none). */
static int tokenize(struct store *s, const char *text, struct tokens *out)
{
	size_t n = strlen(text);

	memset(out, 0, sizeof *out);
	if (n > INT32_MAX)
		return -1;
	return s->tok->api.xTokenize(s->tok->t, out, FTS5_TOKENIZE_DOCUMENT,
	                             text, (int)n, token_cb) == SQLITE_OK ?
	       0 : -1;
}

/* ---- the query ----------------------------------------------------------- */

struct term {
	char *text;   /* a folded token */
	int prefix;   /* also words that begin with it */
};
struct query {
	struct term v[SEARCH_MAX_TERMS];
	size_t n;
};

/* Characters of a token (UTF-8). */
static size_t char_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void query_free(struct query *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		free(q->v[i].text);
	q->n = 0;
}

/* Add a term unless it is there already; -1 when there are too many. */
static int query_add(struct query *q, const char *text, int prefix)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->v[i].text, text) == 0 && q->v[i].prefix == prefix)
			return 0;
	if (q->n == SEARCH_MAX_TERMS)
		return -1;
	q->v[q->n].text = xstrdup(text);
	q->v[q->n].prefix = prefix;
	q->n++;
	return 0;
}

/* The minimum length (characters) of a word that also finds longer words:
 * a one-letter prefix would read most of the index. */
#define PREFIX_MIN 2

/* Split the user's text into terms: the tokens of every word (split at
 * white space); the last token of a word is a prefix. */
static int query_parse(struct store *s, const char *text, struct query *q,
                       struct diags *d)
{
	char *folded = search_fold(text);
	const char *p = folded;
	int rc = 0;

	while (*p && rc == 0) {
		struct tokens ts;
		size_t n = strcspn(p, " \t\r\n\f\v"), i;
		char *word;

		if (n == 0) {
			p++;
			continue;
		}
		word = xstrndup(p, n);
		p += n;
		if (tokenize(s, word, &ts) != 0) {
			free(word);
			continue;
		}
		for (i = 0; i < ts.n && rc == 0; i++)
			rc = query_add(q, ts.v[i].text, i + 1 == ts.n &&
			               char_count(ts.v[i].text) >= PREFIX_MIN);
		tokens_free(&ts);
		free(word);
	}
	free(folded);
	if (rc != 0)
		diag_add(d, NULL, 0, 0, "te veel zoekwoorden (hoogstens %d)",
		         SEARCH_MAX_TERMS);
	return rc;
}

/* The FTS5 expression of q: every term quoted, AND between them. */
static char *query_match(const struct query *q)
{
	struct strbuf sb = {0};
	size_t i;
	const char *c;

	for (i = 0; i < q->n; i++) {
		if (i)
			sb_add(&sb, " AND ");
		sb_addc(&sb, '"');
		for (c = q->v[i].text; *c; c++) {
			if (*c == '"')
				sb_addc(&sb, '"');
			sb_addc(&sb, *c);
		}
		sb_addc(&sb, '"');
		if (q->v[i].prefix)
			sb_addc(&sb, '*');
	}
	return sb_steal(&sb);
}

/* The term index token matches, or -1. */
static int term_match(const struct query *q, const char *token)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		const char *t = q->v[i].text;

		if (q->v[i].prefix ? str_has_prefix(token, t) :
		    strcmp(token, t) == 0)
			return (int)i;
	}
	return -1;
}

/* ---- snippets ------------------------------------------------------------ */

/* A match in a field's text: bytes [start, end). */
struct span {
	int start, end;
};

/* The matches of q in text: their spans (at most max, in order) and how
 * many different terms matched. */
static size_t field_matches(struct store *s, const struct query *q,
                            const char *text, struct span *spans,
                            size_t max, size_t *nspans)
{
	struct tokens ts;
	uint32_t seen = 0;
	size_t i, kinds_seen = 0;

	*nspans = 0;
	if (str_empty(text) || tokenize(s, text, &ts) != 0)
		return 0;
	for (i = 0; i < ts.n; i++) {
		int t = term_match(q, ts.v[i].text);

		if (t < 0)
			continue;
		if (!(seen & (UINT32_C(1) << t))) {
			seen |= UINT32_C(1) << t;
			kinds_seen++;
		}
		if (*nspans < max) {
			spans[*nspans].start = ts.v[i].start;
			spans[*nspans].end = ts.v[i].end;
			(*nspans)++;
		}
	}
	tokens_free(&ts);
	return kinds_seen;
}

static int is_space_byte(char c)
{
	return c == ' ' || (unsigned char)c < 0x20 || c == 0x7f;
}

#define ELLIPSIS "…"

/*
 * The snippet of text in hit: one line of at most cols display columns
 * around the first span, starting at a word up to a quarter of the width
 * before it, with "…" where the text is cut; the spans inside it marked.
 * Control characters become spaces byte for byte, so a position in the
 * text is one in the snippet, shifted.
 */
static void make_snippet(struct search_hit *hit, const char *text,
                         const struct span *spans, size_t nspans, int cols)
{
	struct strbuf sb = {0};
	size_t n = strlen(text), from = 0, at, lead, k;
	int width = 0;

	if (nspans > 0) {
		/* back from the match by about a quarter of the width ... */
		size_t i = (size_t)spans[0].start;
		int w = 0;

		while (i > 0 && w < cols / 4) {
			size_t j = i - 1;
			unsigned long cp;

			while (j > 0 && ((unsigned char)text[j] & 0xc0) == 0x80)
				j--;
			(void)utf8_decode(text + j, i - j, &cp);
			w += is_space_byte(text[j]) ? 1 : utf8_cp_width(cp);
			i = j;
		}
		/* ... then on to the start of a word */
		while (i > 0 && i < (size_t)spans[0].start &&
		       !is_space_byte(text[i - 1]))
			i++;
		from = i;
	}
	while (from < n && is_space_byte(text[from]))
		from++;
	if (from > 0) {
		sb_add(&sb, ELLIPSIS);
		width = 1;
	}
	lead = sb.len;
	for (at = from; at < n;) {
		unsigned long cp;
		size_t len = utf8_decode(text + at, n - at, &cp);
		int w = is_space_byte(text[at]) ? 1 : utf8_cp_width(cp);

		/* keep a column for the "…" unless this is the end */
		if (width + w > cols - (at + len < n ? 1 : 0))
			break;
		if (is_space_byte(text[at]))
			sb_addc(&sb, ' ');
		else
			sb_addn(&sb, text + at, len);
		width += w;
		at += len;
	}
	/* text[from, at) is in the snippet, from byte lead on */
	hit->nmarks = 0;
	for (k = 0; k < nspans && hit->nmarks < SEARCH_MAX_MARKS; k++) {
		size_t a = (size_t)spans[k].start, b = (size_t)spans[k].end;

		if (a < from || a >= at)
			continue;
		if (b > at)
			b = at;
		hit->marks[hit->nmarks].off = a - from + lead;
		hit->marks[hit->nmarks].len = b - a;
		hit->nmarks++;
	}
	if (at < n)
		sb_add(&sb, ELLIPSIS);
	hit->snippet = sb_steal(&sb);
	if (!hit->snippet)
		hit->snippet = xstrdup("");
}

/* ---- search -------------------------------------------------------------- */

static const char search_sql[] =
	"SELECT rowid FROM search WHERE search MATCH ?1"
	" ORDER BY rowid DESC LIMIT ?2";
static const char extras_sql[] =
	"SELECT key, value FROM extra_field WHERE owner_kind = ?1"
	" AND owner_id = ?2 ORDER BY key, pos";

/* The text fields of one hit: key and text, both owned. */
struct field {
	char *key, *text;
};
struct fields {
	struct field v[8];
	size_t n;
};

static void fields_free(struct fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].key);
		free(f->v[i].text);
	}
	f->n = 0;
}

/* The extra fields of owner (a row of table), one per key with the values
 * of a list joined by ", " (at most as many keys as fields holds). */
static int read_extras(struct store *s, const char *table, sqlite3_int64 id,
                       struct fields *f, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, extras_sql, d);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = store_col_text(st, 0);
		const char *val = store_col_text(st, 1);

		if (!key || !val)
			continue;
		if (f->n && strcmp(f->v[f->n - 1].key, key) == 0) {
			char *both = xasprintf("%s, %s", f->v[f->n - 1].text,
			                       val);

			free(f->v[f->n - 1].text);
			f->v[f->n - 1].text = both;
		} else if (f->n < sizeof f->v / sizeof *f->v) {
			f->v[f->n].key = xstrdup(key);
			f->v[f->n].text = xstrdup(val);
			f->n++;
		}
		rc = SQLITE_OK;
	}
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "zoeken", d);
		return -1;
	}
	return 0;
}

/* label with its first letter in lowercase, unless it is an
 * abbreviation ("TOP-3"). Caller frees. */
static char *lc_first(const char *label)
{
	char *t = xstrdup(label ? label : "");

	if (t[0] >= 'A' && t[0] <= 'Z' && !(t[1] >= 'A' && t[1] <= 'Z'))
		t[0] = (char)(t[0] - 'A' + 'a');
	return t;
}

/* The Dutch name of an item of kind k (see search.h): its kind's label
 * (statements, plan), else what one item of its section is called, and
 * item. Caller frees. */
static char *hit_name(const struct formset *fs, const struct kind *k,
                      const char *item, const char *item_kind)
{
	const struct form_section *sec = fs ? formset_section(fs, k->section) :
	                                 NULL;
	const char *word = k->section;
	char *lc, *name;

	if (sec)
		word = sec->item_label ? sec->item_label : sec->label;
	if (strcmp(k->section, "top3") == 0 && sec)
		return xasprintf("%s %s", sec->label, item ? item : "");
	if (strcmp(k->section, "analysis") == 0 && sec && sec->form)
		word = sec->form->title;
	if (item_kind) {
		const struct form_field *f = sec ? form_section_field(sec, "kind") :
		                             NULL;
		const struct form_choice *c = f ? form_field_choice(f, item_kind) :
		                              NULL;

		word = c ? c->label : item_kind;
	}
	lc = lc_first(word);
	if (!item)
		return lc;
	name = xasprintf("%s%s%s", lc, strcmp(k->section, "comments") == 0 ?
	                 " op " : " ", item);
	free(lc);
	return name;
}

static void copy_uuid(char out[UUID_STR_LEN], const char *text)
{
	out[0] = '\0';
	if (text && strlen(text) < UUID_STR_LEN)
		memcpy(out, text, strlen(text) + 1);
}

/*
 * Fill hit from index row rowid: where it is (the kind's locate query),
 * which of its fields matches q best, and the snippet. 0, 1 when the row
 * is not there (the index is never out of step, but a hit must not name
 * what is gone), or -1 after a diagnostic.
 */
static int resolve(struct store *s, const struct formset *fs,
                   const struct query *q, sqlite3_int64 rowid, int cols,
                   struct search_hit *hit, struct diags *d)
{
	int code = (int)(rowid >> CODE_SHIFT);
	sqlite3_int64 id = rowid & ID_MASK;
	const struct kind *k = kind_of(code);
	const struct form_section *sec;
	struct span spans[SEARCH_MAX_MARKS], best_spans[SEARCH_MAX_MARKS];
	struct fields f;
	sqlite3_stmt *st;
	size_t i, best = 0, best_terms = 0, nbest = 0;
	int rc;

	memset(hit, 0, sizeof *hit);
	if (!k)
		return 1;
	st = store_stmt(s, k->locate, d);
	if (!st)
		return -1;
	rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		(void)sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return 1;
		store_db_error(s, rc, "zoeken", d);
		return -1;
	}
	copy_uuid(hit->household_id, store_col_text(st, 0));
	hit->household_name = xstrdup(store_col_text(st, 1));
	copy_uuid(hit->session_id, store_col_text(st, 2));
	hit->version = sqlite3_column_int(st, 3);
	hit->status = xstrdup(store_col_text(st, 4));
	hit->item = xstrdup(store_col_text(st, 5));
	hit->name = hit_name(fs, k, hit->item, store_col_text(st, 6));
	hit->section = k->section;
	hit->item_id = k->fields[0] && strcmp(k->table, "household") != 0 ?
	               (long)id : 0;
	f.n = 0;
	for (i = 0; !(code & 1) && k->fields[i]; i++) {
		f.v[f.n].key = xstrdup(k->fields[i]);
		f.v[f.n].text = xstrdup(store_col_text(st, LOC_LEAD + (int)i));
		f.n++;
	}
	(void)sqlite3_reset(st);
	if ((code & 1) && read_extras(s, k->table, id, &f, d) != 0) {
		fields_free(&f);
		return -1;
	}

	for (i = 0; i < f.n; i++) {
		size_t nspans, terms = field_matches(s, q, f.v[i].text, spans,
		                                     SEARCH_MAX_MARKS, &nspans);

		if (terms > best_terms) {
			best = i;
			best_terms = terms;
			nbest = nspans;
			memcpy(best_spans, spans, nspans * sizeof *spans);
		}
	}
	if (f.n > 0) {
		hit->field = xstrdup(f.v[best].key);
		make_snippet(hit, f.v[best].text ? f.v[best].text : "",
		             best_spans, nbest, cols);
	} else {
		hit->snippet = xstrdup("");
	}
	fields_free(&f);
	sec = fs ? formset_section(fs, k->section) : NULL;
	hit->stage = sec && sec->form ? sec->form->stage : -1;
	return 0;
}

/* See search.h. */
void search_hit_free(struct search_hit *h)
{
	free(h->household_name);
	free(h->status);
	free(h->item);
	free(h->name);
	free(h->field);
	free(h->snippet);
}

/* See search.h. */
void search_results_free(struct search_results *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		search_hit_free(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* The row ids of the first limit + 1 hits, newest first by kind. */
static int find_rows(struct store *s, const char *match, size_t limit,
                     sqlite3_int64 **rows, size_t *nrows, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, search_sql, d);
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*nrows = 0;
	if (!st)
		return -1;
	rc = sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)limit + 1);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(rows, &cap, *nrows + 1, sizeof **rows);
		(*rows)[(*nrows)++] = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "zoeken", d);
		return -1;
	}
	return 0;
}

/* See search.h. */
int search_run(struct store *s, const struct formset *fs, const char *query,
               const struct search_opts *o, struct search_results *out,
               struct diags *d)
{
	struct query q;
	sqlite3_int64 *rows = NULL;
	size_t limit = o && o->limit ? o->limit : SEARCH_DEFAULT_LIMIT;
	int cols = o && o->snippet_cols ? o->snippet_cols : SEARCH_DEFAULT_COLS;
	size_t nrows = 0, i;
	char *match;
	int rc;

	assert(s && out);
	memset(out, 0, sizeof *out);
	memset(&q, 0, sizeof q);
	if (cols < 10)
		cols = 10;
	if (tok_open(s, d) != 0)
		return -1;
	if (query_parse(s, query ? query : "", &q, d) != 0) {
		query_free(&q);
		return -1;
	}
	out->nterms = q.n;
	if (q.n == 0)
		return 0;
	match = query_match(&q);
	rc = store_begin(s, 0, d);
	if (rc == 0)
		rc = find_rows(s, match, limit, &rows, &nrows, d);
	if (rc == 0 && nrows > limit) {
		out->more = 1;
		nrows = limit;
	}
	if (nrows)
		out->v = xcalloc(nrows, sizeof *out->v);
	for (i = 0; rc == 0 && i < nrows; i++) {
		int r = resolve(s, fs, &q, rows[i], cols, &out->v[out->n], d);

		if (r < 0) {
			search_hit_free(&out->v[out->n]);
			rc = -1;
		} else if (r == 0) {
			out->n++;
		} else {
			search_hit_free(&out->v[out->n]);
		}
	}
	store_stmts_reset(s);
	if (rc == 0)
		rc = store_commit(s, d);
	else
		store_rollback(s);
	free(rows);
	free(match);
	query_free(&q);
	return rc;
}
