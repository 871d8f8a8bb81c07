/*
 * store_impl.h - what the two halves of the store share, and nothing else
 * needs: the handle, the one way SQLite errors become Dutch diagnostics,
 * transactions, and the cache of prepared statements that lives as long as
 * the connection.
 *
 * Private to src/store.c (schema, open, migrations, queries),
 * src/store_case.c (duo-case/1 import, export, load and save),
 * src/store_search.c (the full-text index and search.h) and
 * src/store_overview.c (overview.h). Together with those files it is the
 * only place in duo that includes sqlite3.h.
 */
#ifndef DUO_STORE_IMPL_H
#define DUO_STORE_IMPL_H

#include <sqlite3.h>

#include "store.h"
#include "util.h"

/* A prepared statement of the handle's cache, keyed by the address of its
 * static SQL text. */
struct store_stmt_entry {
	const char *sql;
	sqlite3_stmt *st;
};

struct search_tok;

struct store {
	sqlite3 *db;
	char *path;   /* as given to store_open, for diagnostics */
	char *user;   /* who the audit trail names */
	char *role;   /* the role they act in (store_set_role); NULL: unknown */
	struct store_stmt_entry *stmts; /* see store_stmt */
	size_t nstmts, capstmts;
	sqlite3_stmt *data_version; /* PRAGMA data_version, kept prepared for
	                               store_data_version; NULL until used */
	/* store_batch_begin .. store_batch_end: one BEGIN IMMEDIATE
	 * transaction is open, and store_begin/commit/rollback work on the
	 * SAVEPOINT of one operation inside it (see store_begin). */
	int batch;
	int batch_sp;   /* the savepoint of an operation is open */
	int write_txn;  /* the open transaction is a write transaction */
	int batch_lost; /* SQLite ended the batch's transaction on its own
	                   (an I/O error, a full disk): nothing of the
	                   batch can be committed any more */
	int wal_pages;  /* pages in the WAL after the last commit */
	int checkpoint_later; /* the commit of a batch: leave the checkpoint
	                         to store_checkpoint */
	/* store_open_ex: who hears about a long migration step */
	store_progress_fn *progress;
	void *progress_arg;
	struct search_tok *tok; /* store_search.c: the index's tokenizer,
	                           made on first use; NULL until then */
};

/*
 * Add the diagnostic for SQLite result code rc, which a call on s->db just
 * returned. doing names what failed in Dutch ("lezen", "schrijven"). Busy,
 * corrupt and not-a-database get their own sentences; everything else is
 * "database PATH: DOING mislukt: <sqlite3_errmsg>".
 */
void store_db_error(struct store *s, int rc, const char *doing,
                    struct diags *d);

/* BEGIN IMMEDIATE (write != 0) or a deferred BEGIN for a consistent read.
 * 0, or -1 after a diagnostic (busy after the timeout, I/O). Inside a
 * batch (store_batch_begin) the operation gets a SAVEPOINT of the batch's
 * transaction instead, and store_commit / store_rollback below RELEASE it
 * or roll back to it: the operation stays all or nothing, and only
 * store_batch_end makes it durable. */
int store_begin(struct store *s, int write, struct diags *d);
/* COMMIT (in a batch: RELEASE the operation's savepoint); on failure the
 * transaction (the savepoint) is rolled back and -1 returned. */
int store_commit(struct store *s, struct diags *d);
/* ROLLBACK if a transaction is open (in a batch: ROLLBACK TO the
 * operation's savepoint, if one is open); never fails visibly. */
void store_rollback(struct store *s);

/*
 * Prepared statements of the connection, kept for its lifetime (finalized
 * by store_close) and keyed by the address of their static SQL text.
 * store_stmt hands out the statement for sql reset and with its bindings
 * cleared, preparing it on first use (NULL after a diagnostic). Every
 * operation (an import, an export, a save) ends with store_stmts_reset,
 * so that no statement keeps a read transaction open after it: that would
 * block WAL checkpoints. The statements are not reentrant: an operation
 * must not run a statement that is still stepping (one cursor per SQL
 * text), and no callback may run while they are in use.
 */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct diags *d);
void store_stmts_reset(struct store *s);
/* The number of statements of s->db that are not reset: 0 between
 * operations (for the tests). */
int store_busy_statements(struct store *s);

/*
 * Check that the store's tables of built-in fields and child sections agree
 * with form_builtin_keys() and form_skeleton (form.h). 0 when they do;
 * otherwise -1 with one diagnostic per difference. For the unit test.
 */
int store_binding_check(struct diags *d);

/* One audit row of household_uuid naming the handle's user and role, in
 * the transaction the caller holds. 0, or -1 after a diagnostic. */
int store_audit_add(struct store *s, const char *household_uuid,
                    const char *action, const char *what, struct diags *d);

/* The text of column i of the current row, NULL for SQL NULL. */
const char *store_col_text(sqlite3_stmt *st, int i);

/* Run sql (no rows expected); -1 after a diagnostic naming doing. */
int store_exec(struct store *s, const char *sql, const char *doing,
               struct diags *d);

/*
 * The full-text index (store_search.c). store_search_schema is the
 * migration step that makes it (the table, one view per indexed table
 * and the triggers that keep it in step); store_search_build fills it
 * from the rows already there, inside the migration's transaction,
 * reporting progress through s->progress. store_search_check runs the
 * index's own integrity check. store_search_close frees what the handle
 * holds for searching.
 */
extern const char *const store_search_schema[];
/* Schema version 4: comment replies in the index. */
extern const char *const store_search_schema_v4[];
int store_search_build(struct store *s, struct diags *d);
/* Apply what the triggers queued to the index (store_commit calls it
 * before every COMMIT of a write transaction). 0 or -1. */
int store_search_flush(struct store *s, struct diags *d);
int store_search_check(struct store *s, struct diags *d);
void store_search_close(struct store *s);

#endif
