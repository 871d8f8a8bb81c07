/*
 * store.h - the SQLite database of duo: households, their members and their
 * analysis sessions, and the audit trail. All SQL of duo lives behind this
 * header (src/store*.c); nothing else includes sqlite3.h.
 *
 * The database is created readable by its owner only (database, -wal and
 * -shm files mode 0600 whatever the umask), runs in WAL mode with
 * synchronous=FULL and foreign keys on, and carries application_id 'duo1'
 * and a schema version in PRAGMA user_version. Opening migrates an older
 * schema in one transaction and refuses a newer one without touching it.
 * Every change is one BEGIN IMMEDIATE transaction with a busy timeout (a
 * busy lock is tried again every 2 ms for 5 s), so two or three duo
 * processes on one database wait for each other instead of failing; a
 * batch of imports shares one (store_batch_begin).
 *
 * The exchange shape is a duo-case/1 document tree (doc.h): the store reads
 * a validated case into rows and builds a case back from rows, with fields
 * in the order of the forms. Fields the forms define but the store has no
 * column for are kept as extra fields and come back unchanged.
 */
#ifndef DUO_STORE_H
#define DUO_STORE_H

#include "doc.h"
#include "form.h"
#include "util.h"

/* A handle is used by one thread at a time (duo import loads files on
 * a second thread, but only the thread that opened the store uses it). */
struct store;

/* The schema version this build writes. */
int store_schema_version(void);

/*
 * Open (creating if needed, with its parent directory mode 0700) the
 * database at path. user is who the audit trail names for changes made
 * through this handle. NULL after a Dutch diagnostic naming the path when
 * the file is not a SQLite database, not a duo database, corrupt, from a
 * newer duo, unreadable, or cannot be created.
 */
struct store *store_open(const char *path, const char *user, struct diags *d);
/*
 * store_open, telling progress of a slow migration (building the search
 * index of a database made by an older duo can take some seconds for a
 * region): progress(arg, what, done, total) is called now and then with a
 * Dutch description and a count of work done out of total (both >= 0,
 * done <= total). It is not called when there is nothing to migrate.
 */
typedef void store_progress_fn(void *arg, const char *what, long done,
                               long total);
struct store *store_open_ex(const char *path, const char *user,
                            store_progress_fn *progress, void *arg,
                            struct diags *d);
void store_close(struct store *s);
const char *store_path(const struct store *s);

/*
 * The role the handle's user acts in: lokaal, rvt or teamleider (config.h:
 * DUO_ROLE or the config file); NULL or "" for unknown, the default. Every
 * audit row names it beside the user, and the review steps below are
 * allowed by it. The store believes what it is told: duo has no logins.
 */
void store_set_role(struct store *s, const char *role);
const char *store_role(const struct store *s);

/*
 * Store one case that validate_case() accepted. When a household with the
 * same id exists: replace == 0 refuses with a diagnostic, replace == 1
 * replaces it. Ids missing from the document are made (UUID v4). One
 * transaction (in a batch: one savepoint of the batch's transaction): on
 * any failure nothing changes. The household id is written to out_id (may
 * be NULL). source (e.g. the file name) goes into the audit trail.
 * Returns 0 or -1.
 */
int store_import_case(struct store *s, const struct doc_node *root,
                      const char *source, int replace,
                      char out_id[UUID_STR_LEN], struct diags *d);

/*
 * Batches: many imports for the price of one commit.
 *
 * store_batch_begin opens one BEGIN IMMEDIATE transaction (waiting up to
 * the busy timeout for another duo process, like any write); from then on
 * the write lock is held until store_batch_end, so keep batches short:
 * another process waits for them. Inside a batch every store_import_case
 * runs in a SAVEPOINT of its own, its audit row included: a case that
 * fails is rolled back alone, with the same diagnostics as outside a
 * batch, and the cases before and after it stay in the batch. Its return
 * value 0 then means "in the batch", not "on disk". Reads (export, list,
 * counts, find) work inside a batch and see its uncommitted cases; other
 * connections see none of them until the batch is committed.
 * store_save_case is refused inside a batch (-1 after a diagnostic): a
 * save must be on disk when it returns.
 *
 * store_batch_end with commit = 1 commits the batch: one sync for all its
 * cases. If that fails, or SQLite ended the transaction earlier on its
 * own (after an I/O error or with a full disk; every import after that in
 * the batch fails too), nothing of the batch is stored and -1 is returned
 * after a diagnostic; the handle is out of the batch all the same.
 * commit = 0 rolls the whole batch back and returns 0. After a crash or a
 * power cut during a batch, no case of the batch is stored; the batches
 * committed before it are. store_close of a handle in a batch rolls the
 * batch back. Outside a batch, every import is its own transaction, as
 * described above. Returns 0 or -1.
 */
int store_batch_begin(struct store *s, struct diags *d);
int store_batch_end(struct store *s, int commit, struct diags *d);

/*
 * After a commit that leaves 1000 pages or more in the WAL, a checkpoint
 * copies them into the database file (SQLite's own rule). The commit of a
 * batch leaves that out, so that whoever holds many batches in a row can
 * do it when it has time: store_checkpoint runs it if it is due. It is
 * passive: it neither waits for the write lock nor holds it. The next
 * commit outside a batch, or store_close, checkpoints all the same.
 */
void store_checkpoint(struct store *s);

/*
 * The whole household as a duo-case/1 document: format, household with its
 * members, every session (oldest version first) with all its parts. Keys
 * follow the field order of fs; empty optional values are left out; list
 * fields are flow sequences, scores a flow mapping. Caller frees with
 * doc_free(). NULL after a diagnostic.
 */
struct doc_node *store_export_case(struct store *s, const struct formset *fs,
                                   const char *household_id, struct diags *d);

/*
 * Resolve what a user typed for HOUSEHOLD: a whole UUID, a unique prefix of
 * one (at least 4 characters), or the exact name. Returns 0 and the id, or
 * -1 after a diagnostic that says "niet gevonden" or lists the candidates
 * when it is ambiguous.
 */
int store_find_household(struct store *s, const char *spec,
                         char out_id[UUID_STR_LEN], struct diags *d);

/* One line of `duo list`: a household and its latest session. Strings are
 * valid only during the callback; version is 0 and the session fields NULL
 * for a household without sessions. */
struct store_list_row {
	const char *id;
	const char *name;
	int version;
	const char *status;
	const char *date;
	const char *evaluation;
};
struct store_list_filter {
	const char *status;     /* NULL, or only households whose latest
	                           session has this status */
	const char *overdue_on; /* NULL, or only households whose latest
	                           session's evaluation date lies before this
	                           date and whose status is not herzien */
	const char *name_contains; /* NULL, or only households whose name
	                              contains this text (case-insensitive
	                              for ASCII letters) */
};
/* Calls cb for each matching household ordered by name, then id, streaming
 * (memory does not grow with the number of households). cb returning
 * non-zero stops the walk. Returns 0 or -1 after a diagnostic. */
int store_list(struct store *s, const struct store_list_filter *filter,
               int (*cb)(const struct store_list_row *row, void *arg),
               void *arg, struct diags *d);

/* PRAGMA integrity_check and foreign_key_check, and the schema version.
 * Returns 0 when healthy, -1 with one diagnostic per problem. */
int store_check(struct store *s, struct diags *d);

/* Row counts, for tests ("the database did not change") and benchmarks. */
struct store_counts {
	long households, members, sessions, participants, statements, top3,
	     factors, hypotheses, plan, reviews, comments, extras, audit;
};
int store_counts(struct store *s, struct store_counts *out, struct diags *d);

/* The audit trail of one household (NULL: all), oldest first. Strings are
 * valid only during the callback. */
struct store_audit_row {
	const char *at;       /* ISO-8601 UTC */
	const char *user;
	const char *action;   /* import, replace, edit, submit, approve,
	                         return, evaluate, comment, reply, resolve,
	                         reopen */
	const char *what;     /* what changed, human-readable (Dutch) */
	const char *role;     /* the role the user acted in; NULL: unknown
	                         (and in rows from before schema 2) */
};
int store_audit(struct store *s, const char *household_id,
                int (*cb)(const struct store_audit_row *row, void *arg),
                void *arg, struct diags *d);

/*
 * Editing from the screens.
 *
 * The screens hold a whole household as a document and save it as one.
 * store_load_case is store_export_case with two differences: every item
 * mapping (member, participant, statement, top-3 item, factor, hypothesis,
 * plan item, review, comment) starts with the key "_id" holding its row id,
 * and *rev receives the household's revision (a counter raised by every
 * save, import or replace). "_id" never appears in an export.
 */
#define STORE_ITEM_ID "_id"
struct doc_node *store_load_case(struct store *s, const struct formset *fs,
                                 const char *household_id, long *rev,
                                 struct diags *d);

/*
 * Save a household edited on screen, in one BEGIN IMMEDIATE transaction
 * (never inside a batch: see store_batch_begin).
 *
 * What a save may not change, whatever the document says (checked on the
 * rows, after they are written, so no caller gets around it; the save is
 * then refused with a Dutch diagnostic and nothing changes):
 *  - a session that is vastgesteld or herzien: not one field, item, reply
 *    or comment of it, and it may not be removed. Members of the household
 *    may be renamed or added, but not removed or given another ref while a
 *    fixed session names them. An evaluation starts a new version instead.
 *  - a session that is ter-review: the same. The team lead reads what was
 *    handed in, so it holds still until they fix it or send it back; the
 *    comment thread (store_comment_*) goes on meanwhile.
 *  - the status of any session: it changes only by store_submit,
 *    store_approve and store_return. A new session starts as concept, and
 *    only when every other session is vastgesteld or herzien (one version
 *    at a time is open for work).
 * So in effect only a concept session is edited.
 * Unlike an import the document may be incomplete (a statement without text
 * yet, a top-3 item without evidence, a plan item without a phase): only
 * its shape has to hold (refs unique, pointers resolving, ranks 1..3).
 * Row ids come from "_id" keys (an item without one gets a new id) and from
 * the household and session "id" fields (made when absent and written back
 * into the document). base_rev is the revision the document was loaded at,
 * 0 for a household that is new. When the revision in the database is not
 * base_rev, nothing is written and STORE_CONFLICT is returned, so that the
 * caller can merge with what the other process saved. On success the
 * revision is raised by one and written to *new_rev, and each of the
 * nchanges lines (what changed, in Dutch) goes into the audit trail with
 * action "edit". Returns 0, STORE_CONFLICT, or -1 after a diagnostic.
 */
#define STORE_CONFLICT 1
int store_save_case(struct store *s, struct doc_node *root, long base_rev,
                    long *new_rev, char *const *changes, size_t nchanges,
                    struct diags *d);
/* store_save_case with another action than "edit" in the audit rows (for
 * review_evaluate: "evaluate"). */
int store_save_case_as(struct store *s, struct doc_node *root, long base_rev,
                       long *new_rev, const char *action,
                       char *const *changes, size_t nchanges,
                       struct diags *d);

/*
 * Review: the steps of a session's status, and the team lead's comments.
 *
 *   concept --submit (lokaal, rvt)--> ter-review
 *   ter-review --approve (teamleider)--> vastgesteld; the household's
 *       earlier vastgesteld version becomes herzien in the same step
 *   ter-review --return (teamleider, with comments)--> concept
 *
 * Each step is one BEGIN IMMEDIATE transaction that checks the handle's
 * role (store_set_role) and the session's status inside it, changes the
 * status, raises the household's revision (so open screens reload) and
 * writes one audit row: action submit, approve or return, and what
 * "versie 2: concept → ter-review" (approve adds "; versie 1: vastgesteld
 * → herzien"). A step that is not allowed changes nothing and says why,
 * in Dutch, naming the version and its status or the role. version 0 is
 * the household's latest version. Returns the version changed, or -1.
 *
 * submit also refuses while a comment of the session is still open (not
 * resolved): the duo answers every comment before handing in again.
 * Whether the session is complete is review_submit's check (review.h),
 * which needs the forms.
 *
 * The team lead's comments gather in their open review of the session
 * (a review with their name and no decision, made at their first comment);
 * approve and return close it with decision akkoord or terug and today's
 * date (approve without comments adds a review with the decision alone).
 * return needs at least one comment in that open review: the duo must
 * know what to change. approve also ends the reviews other team leads
 * still have open on that version: they get the decision vervallen (the
 * version was fixed before they decided; their comments stay) and the
 * audit line names them ("; beoordeling vervallen van Jan de Wit").
 *
 * store_submit_at is store_submit for a caller that checked the session
 * (complete, review_submit) at household revision rev: inside the step's
 * transaction, a household no longer at rev (another process saved
 * meanwhile) changes nothing and returns STORE_MOVED without a
 * diagnostic, so the caller checks again.
 */
#define STORE_MOVED (-2)
int store_submit(struct store *s, const char *household_id, int version,
                 struct diags *d);
int store_submit_at(struct store *s, const char *household_id, int version,
                    long rev, struct diags *d);
int store_approve(struct store *s, const char *household_id, int version,
                  struct diags *d);
int store_return(struct store *s, const char *household_id, int version,
                 struct diags *d);

/*
 * Comments. A teamleider adds one to a session that is concept or
 * ter-review (version 0: the latest) on target on (a section, a statement,
 * factor, hypothesis or plan ref, or top3/RANK; review_comment checks it
 * against the session, the store only that it is given); the comment's
 * row id (its "_id") goes to *out_id. The duo (lokaal or rvt) replies to a
 * comment (reply and replied_by; a second reply replaces the first); any
 * role resolves it (resolved = 1) or opens it again (0). A fixed session's
 * comments are fixed with it. Each is one transaction with an audit row
 * (comment, reply, resolve, reopen; what names the version and target,
 * never the text) that raises the household's revision. Comments are
 * found by row id and must belong to household_id. 0 or -1 after a Dutch
 * diagnostic; nothing changes on -1.
 */
int store_comment_add(struct store *s, const char *household_id, int version,
                      const char *on, const char *text, long *out_id,
                      struct diags *d);
int store_comment_reply(struct store *s, const char *household_id,
                        long comment_id, const char *text, struct diags *d);
int store_comment_resolve(struct store *s, const char *household_id,
                          long comment_id, int resolved, struct diags *d);

/* The household's revision, 0 when it does not exist. 0 or -1. */
int store_household_rev(struct store *s, const char *household_id, long *rev,
                        struct diags *d);

/* A number that changes when another connection has committed (PRAGMA
 * data_version): cheap enough to poll a few times a second. */
long store_data_version(struct store *s);

#endif
