/*
 * store_review.c - the review steps of a session's status (submit, approve,
 * return) and the team lead's comments (add, reply, resolve), enforced
 * where the data lives: each is one BEGIN IMMEDIATE transaction that reads
 * the session's status and the handle's role inside it, so that two duo
 * processes cannot both hand in, and no screen or command can skip a rule.
 * See store.h for the rules; what the session holds is guarded against
 * edits by store_case.c (check_sessions).
 *
 * Every step raises the household's revision, as a save does: a screen
 * that holds the household sees it moved and reloads or merges, and a
 * save from a stale document is a conflict rather than a silent undo of
 * the step.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "config.h"
#include "store.h"
#include "store_impl.h"
#include "util.h"

typedef sqlite3_int64 rowid_t;

/* The session a step works on, read in its transaction. */
struct target {
	char household[UUID_STR_LEN];
	rowid_t hid;
	rowid_t sid;        /* 0: the household has no such session */
	long version;
	char *status;
	char *on;           /* a comment's target (comment steps) */
	long rev;           /* the household's revision */
};

static void target_free(struct target *t)
{
	free(t->status);
	free(t->on);
}

/* Bind text (copied) or NULL; the first failure is kept in *rc. */
static void bind_text(sqlite3_stmt *st, int i, const char *text, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = text ? sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT)
		           : sqlite3_bind_null(st, i);
}

static void bind_id(sqlite3_stmt *st, int i, rowid_t id, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_int64(st, i, id);
}

/* Step a bound write statement to its end. 0 or -1 after a diagnostic. */
static int run(struct store *s, sqlite3_stmt *st, int rc, struct diags *d)
{
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "schrijven", d);
		return -1;
	}
	return 0;
}

/* Step a bound query to its first row: 1 on a row (left standing for the
 * caller to read and reset), 0 when there is none, -1 after a diagnostic. */
static int first_row(struct store *s, sqlite3_stmt *st, int rc,
                     struct diags *d)
{
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	(void)sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	store_db_error(s, rc, "lezen", d);
	return -1;
}

/* ---- finding what a step works on ---------------------------------------- */

/* The household ?1 and its session with version ?2 (0: the highest). */
static const char find_session_sql[] =
	"SELECT h.id, s.id, s.version, s.status, h.rev FROM household h"
	" LEFT JOIN session s ON s.id ="
	"  (SELECT x.id FROM session x WHERE x.household_id = h.id"
	"   AND (?2 = 0 OR x.version = ?2) ORDER BY x.version DESC LIMIT 1)"
	" WHERE h.uuid = ?1";

static int find_session(struct store *s, const char *household_id,
                        int version, struct target *t, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, find_session_sql, d);
	int rc = SQLITE_OK, row;

	memset(t, 0, sizeof *t);
	if (!st)
		return -1;
	if (strlen(household_id) >= UUID_STR_LEN) {
		diag_add(d, NULL, 0, 0, "huishouden '%s' niet gevonden",
		         household_id);
		return -1;
	}
	memcpy(t->household, household_id, strlen(household_id) + 1);
	bind_text(st, 1, household_id, &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 2, version);
	row = first_row(s, st, rc, d);
	if (row < 0)
		return -1;
	if (row == 0) {
		diag_add(d, NULL, 0, 0, "huishouden %s niet gevonden",
		         household_id);
		return -1;
	}
	t->hid = sqlite3_column_int64(st, 0);
	t->sid = sqlite3_column_int64(st, 1);
	t->version = (long)sqlite3_column_int64(st, 2);
	t->status = xstrdup(store_col_text(st, 3));
	t->rev = (long)sqlite3_column_int64(st, 4);
	(void)sqlite3_reset(st);
	if (t->sid)
		return 0;
	if (version)
		diag_add(d, NULL, 0, 0, "versie %d bestaat niet bij dit "
		         "huishouden", version);
	else
		diag_add(d, NULL, 0, 0, "dit huishouden heeft nog geen "
		         "sessies; begin er eerst een");
	return -1;
}

/* The comment ?1 of household ?2, with its session. */
static const char find_comment_sql[] =
	"SELECT h.id, s.id, s.version, s.status, c.target"
	" FROM review_comment c JOIN review r ON r.id = c.review_id"
	" JOIN session s ON s.id = r.session_id"
	" JOIN household h ON h.id = s.household_id"
	" WHERE c.id = ?1 AND h.uuid = ?2";

static int find_comment(struct store *s, const char *household_id,
                        long comment_id, struct target *t, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, find_comment_sql, d);
	int rc = SQLITE_OK, row;

	memset(t, 0, sizeof *t);
	if (!st)
		return -1;
	if (strlen(household_id) >= UUID_STR_LEN) {
		diag_add(d, NULL, 0, 0, "huishouden '%s' niet gevonden",
		         household_id);
		return -1;
	}
	memcpy(t->household, household_id, strlen(household_id) + 1);
	bind_id(st, 1, comment_id, &rc);
	bind_text(st, 2, household_id, &rc);
	row = first_row(s, st, rc, d);
	if (row < 0)
		return -1;
	if (row == 0) {
		diag_add(d, NULL, 0, 0, "opmerking %ld bestaat niet bij dit "
		         "huishouden", comment_id);
		return -1;
	}
	t->hid = sqlite3_column_int64(st, 0);
	t->sid = sqlite3_column_int64(st, 1);
	t->version = (long)sqlite3_column_int64(st, 2);
	t->status = xstrdup(store_col_text(st, 3));
	t->on = xstrdup(store_col_text(st, 4));
	(void)sqlite3_reset(st);
	return 0;
}

/* ---- roles --------------------------------------------------------------- */

/* The role of the handle, or -1 after a diagnostic when it is unknown. */
static int known_role(struct store *s, struct diags *d)
{
	if (config_role_valid(s->role))
		return 0;
	diag_add(d, NULL, 0, 0, "je rol is niet bekend%s%s%s; kies lokaal, "
	         "rvt of teamleider (bij de eerste start van duo, of met "
	         "DUO_ROLE)", s->role ? " ('" : "", s->role ? s->role : "",
	         s->role ? "')" : "");
	return -1;
}

static int is_lead(const struct store *s)
{
	return str_eq(s->role, "teamleider");
}

/* Only a teamleider may do this (what: "stelt een analyse vast"). */
static int need_lead(struct store *s, const char *what, struct diags *d)
{
	if (known_role(s, d) != 0)
		return -1;
	if (is_lead(s))
		return 0;
	diag_add(d, NULL, 0, 0, "alleen een teamleider %s (je rol is %s)",
	         what, config_role_label(s->role));
	return -1;
}

/* Only the duo (lokaal or rvt) may do this. */
static int need_duo(struct store *s, const char *what, const char *instead,
                    struct diags *d)
{
	if (known_role(s, d) != 0)
		return -1;
	if (!is_lead(s))
		return 0;
	diag_add(d, NULL, 0, 0, "het duo (lokaal team of RVT) %s; %s",
	         what, instead);
	return -1;
}

/* ---- the common end of a step -------------------------------------------- */

static const char bump_sql[] =
	"UPDATE household SET rev = rev + 1, updated = ?2 WHERE id = ?1";

/* Raise the household's revision and write the audit row. */
static int finish(struct store *s, const struct target *t,
                  const char *action, const char *what, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, bump_sql, d);
	char now[21];
	int rc = SQLITE_OK;

	if (!st)
		return -1;
	time_now_iso(now);
	bind_id(st, 1, t->hid, &rc);
	bind_text(st, 2, now, &rc);
	if (run(s, st, rc, d) != 0)
		return -1;
	return store_audit_add(s, t->household, action, what, d);
}

/* Commit when rc is 0, else roll back; the statements are reset either
 * way. Returns rc, or -1 when the commit failed. */
static int end(struct store *s, int rc, struct diags *d)
{
	store_stmts_reset(s);
	if (rc == 0)
		return store_commit(s, d);
	store_rollback(s);
	return -1;
}

/* Refused inside a batch, like a save: a step is on disk when it
 * returns. */
static int begin(struct store *s, struct diags *d)
{
	if (s->batch) {
		diag_add(d, NULL, 0, 0, "database %s: een beoordeling kan niet "
		         "binnen een reeks imports (interne fout)", s->path);
		return -1;
	}
	return store_begin(s, 1, d);
}

/* ---- reviews ------------------------------------------------------------- */

/* The open review of reviewer ?2 in session ?1: no decision yet. */
static const char open_review_sql[] =
	"SELECT id FROM review WHERE session_id = ?1 AND decision IS NULL"
	" AND reviewer = ?2 ORDER BY pos DESC, id DESC LIMIT 1";
static const char add_review_sql[] =
	"INSERT INTO review(session_id, pos, reviewer, date, decision)"
	" VALUES (?1, (SELECT coalesce(max(pos) + 1, 0) FROM review"
	"  WHERE session_id = ?1), ?2, ?3, ?4)";
static const char close_review_sql[] =
	"UPDATE review SET decision = ?2, date = ?3 WHERE id = ?1";
static const char count_comments_sql[] =
	"SELECT count(*) FROM review_comment WHERE review_id = ?1";

/* The row id of the user's open review of session t, 0 when there is none
 * (create == 0) or a new one (create != 0); -1 after a diagnostic. */
static rowid_t open_review(struct store *s, const struct target *t,
                           int create, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, open_review_sql, d);
	char today[11];
	rowid_t id;
	int rc = SQLITE_OK, row;

	if (!st)
		return -1;
	bind_id(st, 1, t->sid, &rc);
	bind_text(st, 2, s->user, &rc);
	row = first_row(s, st, rc, d);
	if (row < 0)
		return -1;
	if (row) {
		id = sqlite3_column_int64(st, 0);
		(void)sqlite3_reset(st);
		return id;
	}
	if (!create)
		return 0;
	st = store_stmt(s, add_review_sql, d);
	if (!st)
		return -1;
	date_today(today);
	rc = SQLITE_OK;
	bind_id(st, 1, t->sid, &rc);
	bind_text(st, 2, s->user, &rc);
	bind_text(st, 3, today, &rc);
	bind_text(st, 4, NULL, &rc);
	if (run(s, st, rc, d) != 0)
		return -1;
	return sqlite3_last_insert_rowid(s->db);
}

/* How many comments review has; -1 after a diagnostic. */
static long count_comments(struct store *s, rowid_t review, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, count_comments_sql, d);
	int rc = SQLITE_OK, row;
	long n = 0;

	if (!st)
		return -1;
	bind_id(st, 1, review, &rc);
	row = first_row(s, st, rc, d);
	if (row < 0)
		return -1;
	if (row) {
		n = (long)sqlite3_column_int64(st, 0);
		(void)sqlite3_reset(st);
	}
	return n;
}

/* Close the user's open review with decision (or add a review with the
 * decision alone when there is none). need_comment: refuse when the open
 * review has no comment. */
static int decide(struct store *s, const struct target *t,
                  const char *decision, int need_comment, struct diags *d)
{
	rowid_t review = open_review(s, t, 0, d);
	sqlite3_stmt *st;
	char today[11];
	long n = review > 0 ? count_comments(s, review, d) : 0;
	int rc = SQLITE_OK;

	if (review < 0 || n < 0)
		return -1;
	if (need_comment && n == 0) {
		diag_add(d, NULL, 0, 0, "schrijf eerst in een opmerking wat het "
		         "duo moet aanpassen; terugsturen zonder opmerking kan "
		         "niet");
		return -1;
	}
	date_today(today);
	rc = SQLITE_OK;
	if (review) {
		st = store_stmt(s, close_review_sql, d);
		if (!st)
			return -1;
		bind_id(st, 1, review, &rc);
		bind_text(st, 2, decision, &rc);
		bind_text(st, 3, today, &rc);
	} else {
		st = store_stmt(s, add_review_sql, d);
		if (!st)
			return -1;
		bind_id(st, 1, t->sid, &rc);
		bind_text(st, 2, s->user, &rc);
		bind_text(st, 3, today, &rc);
		bind_text(st, 4, decision, &rc);
	}
	return run(s, st, rc, d);
}

/* ---- the steps ------------------------------------------------------------ */

static const char set_status_sql[] =
	"UPDATE session SET status = ?2 WHERE id = ?1";
static const char open_comments_sql[] =
	"SELECT c.target FROM review r"
	" JOIN review_comment c ON c.review_id = r.id"
	" WHERE r.session_id = ?1 AND coalesce(c.resolved, 0) = 0"
	" ORDER BY r.pos, r.id, c.pos, c.id";
static const char open_others_sql[] =
	"SELECT reviewer FROM review WHERE session_id = ?1"
	" AND decision IS NULL ORDER BY pos, id";
static const char lapse_others_sql[] =
	"UPDATE review SET decision = 'vervallen', date = ?2"
	" WHERE session_id = ?1 AND decision IS NULL";
static const char fixed_before_sql[] =
	"SELECT id, version FROM session WHERE household_id = ?1"
	" AND status = 'vastgesteld' AND id <> ?2 ORDER BY version";

/* The session's status is not the one a step starts from: say why. */
static void wrong_status(const struct target *t, const char *step,
                         struct diags *d)
{
	const char *st = t->status ? t->status : "";
	long v = t->version;

	if (str_eq(step, "submit")) {
		if (str_eq(st, "ter-review"))
			diag_add(d, NULL, 0, 0, "versie %ld is al ingediend en "
			         "wacht op de teamleider", v);
		else
			diag_add(d, NULL, 0, 0, "versie %ld is %s; alleen een "
			         "concept kan worden ingediend", v,
			         *st ? st : "zonder status");
	} else if (str_eq(step, "approve")) {
		if (str_eq(st, "concept"))
			diag_add(d, NULL, 0, 0, "versie %ld is nog een concept; "
			         "het duo dient haar eerst in", v);
		else if (str_eq(st, "vastgesteld"))
			diag_add(d, NULL, 0, 0, "versie %ld is al vastgesteld",
			         v);
		else
			diag_add(d, NULL, 0, 0, "versie %ld is %s; alleen een "
			         "ingediende versie (ter-review) kan worden "
			         "vastgesteld", v, *st ? st : "zonder status");
	} else {
		if (str_eq(st, "concept"))
			diag_add(d, NULL, 0, 0, "versie %ld is een concept en "
			         "ligt al bij het duo", v);
		else
			diag_add(d, NULL, 0, 0, "versie %ld is %s en gaat niet "
			         "meer terug; een evaluatie begint een nieuwe "
			         "versie", v, *st ? st : "zonder status");
	}
}

/* Refuse submit while comments are open: "2 open opmerkingen (bij
 * top3/1, f2)". */
static int no_open_comments(struct store *s, const struct target *t,
                            struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, open_comments_sql, d);
	struct strbuf on = {0};
	long n = 0;
	int rc = SQLITE_OK;

	if (!st)
		return -1;
	bind_id(st, 1, t->sid, &rc);
	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *target = store_col_text(st, 0);

			if (n++ < 5)
				sb_addf(&on, "%s%s", n > 1 ? ", " : "",
				        target ? target : "?");
		}
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "lezen", d);
		sb_free(&on);
		return -1;
	}
	if (n)
		diag_add(d, NULL, 0, 0, "versie %ld heeft nog %ld open "
		         "opmerking%s (bij %s%s); beantwoord ze en handel ze af "
		         "voordat het duo indient", t->version, n,
		         n == 1 ? "" : "en", sb_str(&on), n > 5 ? ", ..." : "");
	sb_free(&on);
	return n ? -1 : 0;
}

/* Approve, after the user's own review is closed: the reviews other team
 * leads still have open on this version can no longer end, since a fixed
 * version takes no comments and no decision. They get the decision
 * vervallen and today's date (their comments stay as they are); their
 * reviewers are added to what. */
static int lapse_others(struct store *s, const struct target *t,
                        struct strbuf *what, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, open_others_sql, d);
	char today[11];
	int rc = SQLITE_OK, n = 0;

	if (!st)
		return -1;
	bind_id(st, 1, t->sid, &rc);
	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *who = store_col_text(st, 0);

			sb_addf(what, "%s%s", n++ ? ", " : "; beoordeling "
			        "vervallen van ", who ? who : "?");
		}
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "lezen", d);
		return -1;
	}
	if (!n)
		return 0;
	st = store_stmt(s, lapse_others_sql, d);
	if (!st)
		return -1;
	date_today(today);
	rc = SQLITE_OK;
	bind_id(st, 1, t->sid, &rc);
	bind_text(st, 2, today, &rc);
	return run(s, st, rc, d);
}

/* Approve: the earlier vastgesteld versions become herzien; their
 * versions are added to what. */
static int revise_earlier(struct store *s, const struct target *t,
                          struct strbuf *what, struct diags *d)
{
	sqlite3_stmt *st = store_stmt(s, fixed_before_sql, d);
	rowid_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc = SQLITE_OK;

	if (!st)
		return -1;
	bind_id(st, 1, t->hid, &rc);
	bind_id(st, 2, t->sid, &rc);
	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			xgrow(&ids, &cap, n + 1, sizeof *ids);
			ids[n++] = sqlite3_column_int64(st, 0);
			sb_addf(what, "; versie %lld: vastgesteld → herzien",
			        (long long)sqlite3_column_int64(st, 1));
		}
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "lezen", d);
		free(ids);
		return -1;
	}
	for (i = 0; i < n; i++) {
		st = store_stmt(s, set_status_sql, d);
		rc = SQLITE_OK;
		if (!st)
			break;
		bind_id(st, 1, ids[i], &rc);
		bind_text(st, 2, "herzien", &rc);
		if (run(s, st, rc, d) != 0)
			break;
	}
	free(ids);
	return i == n ? 0 : -1;
}

/* One step: submit, approve or return; rev != 0: only while the household
 * is still at that revision (else STORE_MOVED, nothing said). */
static int step(struct store *s, const char *household_id, int version,
                long rev, const char *name, struct diags *d)
{
	static const struct {
		const char *name, *from, *to, *decision;
	} steps[] = {
		{"submit", "concept", "ter-review", NULL},
		{"approve", "ter-review", "vastgesteld", "akkoord"},
		{"return", "ter-review", "concept", "terug"},
	};
	struct target t;
	struct strbuf what = {0};
	sqlite3_stmt *st;
	size_t k;
	int rc;

	assert(s && household_id);
	for (k = 0; !str_eq(steps[k].name, name); k++)
		assert(k + 1 < sizeof steps / sizeof *steps);
	if (begin(s, d) != 0)
		return -1;
	rc = find_session(s, household_id, version, &t, d);
	if (rc == 0 && rev && t.rev != rev) {
		end(s, -1, d);
		target_free(&t);
		return STORE_MOVED;
	}
	if (rc == 0) {
		if (k == 0)
			rc = need_duo(s, "dient een analyse in", "een "
			              "teamleider stelt haar vast of stuurt haar "
			              "terug", d);
		else
			rc = need_lead(s, k == 1 ? "stelt een analyse vast" :
			               "stuurt een analyse terug", d);
	}
	if (rc == 0 && !str_eq(t.status, steps[k].from)) {
		wrong_status(&t, name, d);
		rc = -1;
	}
	if (rc == 0 && k == 0)
		rc = no_open_comments(s, &t, d);
	if (rc == 0 && steps[k].decision)
		rc = decide(s, &t, steps[k].decision, k == 2, d);
	if (rc == 0) {
		sb_addf(&what, "versie %ld: %s → %s", t.version, steps[k].from,
		        steps[k].to);
		st = store_stmt(s, set_status_sql, d);
		rc = st ? SQLITE_OK : -1;
		if (st) {
			bind_id(st, 1, t.sid, &rc);
			bind_text(st, 2, steps[k].to, &rc);
			rc = run(s, st, rc, d);
		}
	}
	if (rc == 0 && k == 1)
		rc = lapse_others(s, &t, &what, d);
	if (rc == 0 && k == 1)
		rc = revise_earlier(s, &t, &what, d);
	if (rc == 0)
		rc = finish(s, &t, name, sb_str(&what), d);
	rc = end(s, rc, d);
	sb_free(&what);
	target_free(&t);
	return rc == 0 ? (int)t.version : -1;
}

int store_submit(struct store *s, const char *household_id, int version,
                 struct diags *d)
{
	return step(s, household_id, version, 0, "submit", d);
}

int store_submit_at(struct store *s, const char *household_id, int version,
                    long rev, struct diags *d)
{
	return step(s, household_id, version, rev, "submit", d);
}

int store_approve(struct store *s, const char *household_id, int version,
                  struct diags *d)
{
	return step(s, household_id, version, 0, "approve", d);
}

int store_return(struct store *s, const char *household_id, int version,
                 struct diags *d)
{
	return step(s, household_id, version, 0, "return", d);
}

/* ---- comments ------------------------------------------------------------- */

static const char add_comment_sql[] =
	"INSERT INTO review_comment(review_id, pos, target, text)"
	" VALUES (?1, (SELECT coalesce(max(pos) + 1, 0) FROM review_comment"
	"  WHERE review_id = ?1), ?2, ?3)";
static const char reply_sql[] =
	"UPDATE review_comment SET reply = ?2, replied_by = ?3 WHERE id = ?1";
static const char resolve_sql[] =
	"UPDATE review_comment SET resolved = ?2 WHERE id = ?1";

/* Text someone typed: not empty or only white space, valid UTF-8. */
static int text_ok(const char *text, const char *what, struct diags *d)
{
	const char *p;

	for (p = text ? text : ""; *p && strchr(" \t\r\n", *p); p++)
		;
	if (!*p) {
		diag_add(d, NULL, 0, 0, "%s zonder tekst kan niet", what);
		return -1;
	}
	if (!utf8_valid(text, strlen(text), NULL)) {
		diag_add(d, NULL, 0, 0, "%s: de tekst is geen geldige UTF-8",
		         what);
		return -1;
	}
	return 0;
}

/* Comments change with a session that is still open for work. */
static int comments_open(const struct target *t, struct diags *d)
{
	if (str_eq(t->status, "concept") || str_eq(t->status, "ter-review"))
		return 0;
	diag_add(d, NULL, 0, 0, "versie %ld is %s; de opmerkingen liggen "
	         "daarmee ook vast (een evaluatie begint een nieuwe versie)",
	         t->version, t->status ? t->status : "zonder status");
	return -1;
}

int store_comment_add(struct store *s, const char *household_id, int version,
                      const char *on, const char *text, long *out_id,
                      struct diags *d)
{
	struct target t;
	struct strbuf what = {0};
	rowid_t id = 0;
	int rc;

	assert(s && household_id);
	if (str_empty(on)) {
		diag_add(d, NULL, 0, 0, "een opmerking gaat over iets: geef "
		         "een onderdeel, een ref of top3/RANG");
		return -1;
	}
	if (text_ok(text, "een opmerking", d) != 0 ||
	    text_ok(on, "het onderdeel van een opmerking", d) != 0)
		return -1;
	if (begin(s, d) != 0)
		return -1;
	rc = find_session(s, household_id, version, &t, d);
	if (rc == 0)
		rc = need_lead(s, "plaatst opmerkingen", d);
	if (rc == 0)
		rc = comments_open(&t, d);
	if (rc == 0) {
		rowid_t review = open_review(s, &t, 1, d);
		sqlite3_stmt *st = review > 0 ?
		                   store_stmt(s, add_comment_sql, d) : NULL;

		if (st) {
			rc = SQLITE_OK;
			bind_id(st, 1, review, &rc);
			bind_text(st, 2, on, &rc);
			bind_text(st, 3, text, &rc);
			rc = run(s, st, rc, d);
			id = sqlite3_last_insert_rowid(s->db);
		} else {
			rc = -1;
		}
	}
	if (rc == 0) {
		sb_addf(&what, "versie %ld: opmerking bij %s geplaatst",
		        t.version, on);
		rc = finish(s, &t, "comment", sb_str(&what), d);
	}
	rc = end(s, rc, d);
	sb_free(&what);
	target_free(&t);
	if (rc == 0 && out_id)
		*out_id = (long)id;
	return rc;
}

int store_comment_reply(struct store *s, const char *household_id,
                        long comment_id, const char *text, struct diags *d)
{
	struct target t;
	struct strbuf what = {0};
	sqlite3_stmt *st;
	int rc;

	assert(s && household_id);
	if (text_ok(text, "een antwoord", d) != 0)
		return -1;
	if (begin(s, d) != 0)
		return -1;
	rc = find_comment(s, household_id, comment_id, &t, d);
	if (rc == 0)
		rc = need_duo(s, "beantwoordt opmerkingen", "een teamleider "
		              "plaatst een nieuwe opmerking", d);
	if (rc == 0)
		rc = comments_open(&t, d);
	if (rc == 0) {
		st = store_stmt(s, reply_sql, d);
		rc = st ? SQLITE_OK : -1;
		if (st) {
			bind_id(st, 1, comment_id, &rc);
			bind_text(st, 2, text, &rc);
			bind_text(st, 3, s->user, &rc);
			rc = run(s, st, rc, d);
		}
	}
	if (rc == 0) {
		sb_addf(&what, "versie %ld: opmerking bij %s beantwoord",
		        t.version, t.on ? t.on : "?");
		rc = finish(s, &t, "reply", sb_str(&what), d);
	}
	rc = end(s, rc, d);
	sb_free(&what);
	target_free(&t);
	return rc;
}

int store_comment_resolve(struct store *s, const char *household_id,
                          long comment_id, int resolved, struct diags *d)
{
	struct target t;
	struct strbuf what = {0};
	sqlite3_stmt *st;
	int rc;

	assert(s && household_id);
	if (begin(s, d) != 0)
		return -1;
	rc = find_comment(s, household_id, comment_id, &t, d);
	if (rc == 0)
		rc = known_role(s, d);
	if (rc == 0)
		rc = comments_open(&t, d);
	if (rc == 0) {
		st = store_stmt(s, resolve_sql, d);
		rc = st ? SQLITE_OK : -1;
		if (st) {
			bind_id(st, 1, comment_id, &rc);
			if (rc == SQLITE_OK)
				rc = resolved ? sqlite3_bind_int(st, 2, 1) :
				     sqlite3_bind_null(st, 2);
			rc = run(s, st, rc, d);
		}
	}
	if (rc == 0) {
		sb_addf(&what, "versie %ld: opmerking bij %s %s", t.version,
		        t.on ? t.on : "?", resolved ? "afgehandeld" :
		        "weer open");
		rc = finish(s, &t, resolved ? "resolve" : "reopen",
		            sb_str(&what), d);
	}
	rc = end(s, rc, d);
	sb_free(&what);
	target_free(&t);
	return rc;
}
