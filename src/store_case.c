/*
 * store_case.c - a household in and out of the database as a duo-case/1
 * document tree (doc.h): store_import_case reads a validated case into rows
 * in one transaction, store_export_case builds the same tree back.
 * store_load_case and store_save_case are the same two paths for the
 * screens: the load is the export with every item's integer row id, as
 * decimal text, under "_id", and the save is the import in a lenient
 * "edit" mode (struct imp): the document need not be complete, only its
 * shape must hold; the household's revision guards against saving over
 * another process's save.
 *
 * Row ids. A save deletes the household's rows and inserts them again with
 * the same ids: an item whose "_id" is the id of a row of its table that
 * this household had keeps it; any other item (no "_id", the temporary id
 * of an item the screens added, a row that is gone, an id that came
 * earlier in the document) gets the next id, which is written back into
 * the document; an "_id" of another household's row is refused. The item
 * tables are AUTOINCREMENT, so a new id is always above every id ever
 * given and a removed item's id never returns. An import gives every item
 * a new id (ids mean nothing in another database) and keeps only the
 * household's and its sessions' row ids when it replaces them. Household
 * and sessions are found by their uuid (the format's "id").
 *
 * Both directions are driven by one table per section of the format
 * (struct table below): its built-in fields in format order, how each is
 * stored (struct col), and the SQL that inserts an item and, for export,
 * reads all items of a household or session in list order. A field of a
 * section that is neither a built-in nor a child section is an extra field
 * (see store.c for the shape of extra_field rows); it is stored as it comes
 * and exported by the type its form gives it.
 *
 * Export reads one household with a few statements per session: one per
 * section, one per link table (evidence, scores, ...) and one for the extra
 * fields of each section, all in the order of the items, and merges them
 * as it walks the items. No query runs per item.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "doc.h"
#include "form.h"
#include "store.h"
#include "store_impl.h"
#include "util.h"

/* How a built-in field is stored. */
enum kind {
	K_ID,      /* the uuid of the row (household, session) */
	K_TEXT,    /* text a person typed: exported DOC_AUTO */
	K_PLAIN,   /* a choice or ref: exported plain when safe */
	K_DATE,    /* YYYY-MM-DD, a real calendar day; exported like K_PLAIN */
	K_YEAR_OR_DATE, /* YYYY or a date; exported like K_PLAIN */
	K_INT,     /* a whole number */
	K_BOOL,    /* true / false as 1 / 0 */
	K_MEMBER,  /* a member ref, stored as member_id */
	K_SUBJECT, /* a member ref (member_id) or gezin/omgeving (scope) */
	K_RANK,    /* a top-3 rank, stored as concern_id */
	K_LIST,    /* a list of refs or ranks, stored in a link table */
	K_SCORES   /* person -> score, stored in concern_score */
};

/* What the items of a K_LIST field name. */
enum target { T_NONE, T_MEMBER, T_STATEMENT, T_FACTOR, T_RANK };

struct col {
	const char *key;
	enum kind kind;
	enum target to;          /* K_LIST */
	const char *link_insert; /* K_LIST: ?1 owner, ?2 target id, ?3 pos;
	                            K_SCORES: ?1 owner, ?2 who, ?3 score,
	                            ?4 pos */
	const char *link_select; /* owner id, value (, score) of every item
	                            of a session, in item order */
};

#define F(k, kd) { .key = (k), .kind = (kd) }
#define L(k, kd, t, ins, sel) \
	{ .key = (k), .kind = (kd), .to = (t), .link_insert = (ins), \
	  .link_select = (sel) }

#define MAX_COLS 12

/*
 * One section of duo-case/1, stored in table kind (also the owner_kind of
 * its extras). insert takes ?1 the row id (NULL: a new one), ?2 owner
 * (household, session or review id), ?3 pos, then one parameter per stored
 * field in cols order (K_SUBJECT two, links none). The household takes ?2
 * updated, ?3 rev and sessions ?3 the analysis model instead; for both,
 * ?4 is their uuid (their K_ID field) and the fields follow from ?5. select
 * returns the row id, then one column per col (NULL for links); a nested
 * section adds the id of its parent item as the last column. extras
 * returns owner id, key, pos, name, value for every item in order. Item
 * sections (those with "_id") also have owned, the ids of the section's
 * rows of household ?1, and household, the household of row ?1.
 */
struct table {
	const char *section;
	const char *kind;
	const struct col *cols;
	size_t ncols;
	const char *const *children;  /* child section keys, NULL-ended */
	const struct table *nested;   /* child list exported with each item */
	const char *insert;
	const char *select;
	const char *extras;
	const char *owned;
	const char *household;
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

/* The extras of the items of a section, in item order: x is the section's
 * table (the owner_kind of their extras), joined on its parent ?1. */
#define ITEM_EXTRAS(tbl, parent, order) \
	"SELECT x.id, e.key, e.pos, e.name, e.value FROM " tbl " x" \
	" JOIN extra_field e ON e.owner_kind = '" tbl "'" \
	" AND e.owner_id = x.id WHERE x." parent " = ?1" \
	" ORDER BY " order ", x.id, e.key, e.pos"
/* The extras of one owner ?1 (household, session, analysis). */
#define OWNER_EXTRAS(kind) \
	"SELECT owner_id, key, pos, name, value FROM extra_field" \
	" WHERE owner_kind = '" kind "' AND owner_id = ?1 ORDER BY key, pos"
/* The ids of a session section's rows of household ?1; the household of
 * its row ?1. */
#define SESSION_OWNED(tbl) \
	"SELECT x.id FROM session s JOIN " tbl " x ON x.session_id = s.id" \
	" WHERE s.household_id = ?1"
#define SESSION_HOUSEHOLD(tbl) \
	"SELECT s.household_id FROM " tbl " x" \
	" JOIN session s ON s.id = x.session_id WHERE x.id = ?1"

static const char *const no_children[] = { NULL };

/* household */
static const struct col household_cols[] = {
	F("id", K_ID), F("name", K_TEXT), F("municipality", K_TEXT),
	F("team", K_TEXT),
};
static const char *const household_children[] = { "members", NULL };
static const struct table household_table = {
	"household", "household", household_cols, NCOLS(household_cols),
	household_children, NULL,
	"INSERT INTO household(id, updated, rev, uuid, name, municipality,"
	" team, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, ?2))",
	"SELECT id, uuid, name, municipality, team, rev FROM household"
	" WHERE id = ?1", /* rev: after the columns, for store_load_case */
	OWNER_EXTRAS("household"), NULL, NULL,
};

/* members */
static const struct col member_cols[] = {
	F("ref", K_PLAIN), F("name", K_TEXT), F("role", K_PLAIN),
	F("born", K_YEAR_OR_DATE), F("lives_here", K_BOOL),
};
static const struct table member_table = {
	"members", "member", member_cols, NCOLS(member_cols), no_children,
	NULL,
	"INSERT INTO member(id, household_id, pos, ref, name, role, born,"
	" lives_here) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT id, ref, name, role, born, lives_here FROM member"
	" WHERE household_id = ?1 ORDER BY pos, id",
	ITEM_EXTRAS("member", "household_id", "x.pos"),
	"SELECT id FROM member WHERE household_id = ?1",
	"SELECT household_id FROM member WHERE id = ?1",
};

/* sessions */
static const struct col session_cols[] = {
	F("id", K_ID), F("version", K_INT), F("date", K_DATE),
	F("status", K_PLAIN), F("evaluation", K_DATE),
};
static const char *const session_children[] = {
	"participants", "statements", "top3", "analysis", "plan", "reviews",
	NULL
};
static const struct table session_table = {
	"sessions", "session", session_cols, NCOLS(session_cols),
	session_children, NULL,
	"INSERT INTO session(id, household_id, model, uuid, version, date,"
	" status, evaluation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT id, uuid, version, date, status, evaluation FROM session"
	" WHERE household_id = ?1 ORDER BY version, id",
	OWNER_EXTRAS("session"), NULL, NULL,
};

/* participants */
static const struct col participant_cols[] = {
	F("member", K_MEMBER), F("name", K_TEXT), F("organisation", K_TEXT),
	F("role", K_PLAIN),
};
static const struct table participant_table = {
	"participants", "participant", participant_cols,
	NCOLS(participant_cols), no_children, NULL,
	"INSERT INTO participant(id, session_id, pos, member_id, name,"
	" organisation, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"SELECT p.id, m.ref, p.name, p.organisation, p.role FROM participant p"
	" LEFT JOIN member m ON m.id = p.member_id WHERE p.session_id = ?1"
	" ORDER BY p.pos, p.id",
	ITEM_EXTRAS("participant", "session_id", "x.pos"),
	SESSION_OWNED("participant"), SESSION_HOUSEHOLD("participant"),
};

/* statements */
static const struct col statement_cols[] = {
	F("ref", K_PLAIN), F("kind", K_PLAIN), F("text", K_TEXT),
	F("source", K_TEXT), F("date", K_DATE),
	L("about", K_LIST, T_MEMBER,
	  "INSERT INTO statement_about(statement_id, member_id, pos)"
	  " VALUES (?1, ?2, ?3)",
	  "SELECT s.id, m.ref FROM statement s"
	  " JOIN statement_about a ON a.statement_id = s.id"
	  " JOIN member m ON m.id = a.member_id WHERE s.session_id = ?1"
	  " ORDER BY s.pos, s.id, a.pos"),
	F("verified", K_BOOL), F("holder", K_TEXT), F("response", K_TEXT),
	F("confidential", K_BOOL),
};
static const struct table statement_table = {
	"statements", "statement", statement_cols, NCOLS(statement_cols),
	no_children, NULL,
	"INSERT INTO statement(id, session_id, pos, ref, kind, text, source,"
	" date, verified, holder, response, confidential)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	"SELECT id, ref, kind, text, source, date, NULL, verified, holder,"
	" response, confidential FROM statement WHERE session_id = ?1"
	" ORDER BY pos, id",
	ITEM_EXTRAS("statement", "session_id", "x.pos"),
	SESSION_OWNED("statement"), SESSION_HOUSEHOLD("statement"),
};

/* top3: ordered by rank */
static const struct col concern_cols[] = {
	F("rank", K_INT), F("title", K_TEXT), F("what", K_TEXT),
	F("impact", K_TEXT),
	L("evidence", K_LIST, T_STATEMENT,
	  "INSERT INTO concern_evidence(concern_id, statement_id, pos)"
	  " VALUES (?1, ?2, ?3)",
	  "SELECT c.id, s.ref FROM concern c"
	  " JOIN concern_evidence v ON v.concern_id = c.id"
	  " JOIN statement s ON s.id = v.statement_id WHERE c.session_id = ?1"
	  " ORDER BY c.rank, c.id, v.pos"),
	F("household_view", K_TEXT), F("agreement", K_PLAIN),
	L("scores", K_SCORES, T_NONE,
	  "INSERT INTO concern_score(concern_id, who, score, pos)"
	  " VALUES (?1, ?2, ?3, ?4)",
	  "SELECT c.id, v.who, v.score FROM concern c"
	  " JOIN concern_score v ON v.concern_id = c.id WHERE c.session_id = ?1"
	  " ORDER BY c.rank, c.id, v.pos"),
	F("urgent", K_BOOL),
};
static const struct table concern_table = {
	"top3", "concern", concern_cols, NCOLS(concern_cols), no_children,
	NULL,
	"INSERT INTO concern(id, session_id, rank, title, what, impact,"
	" household_view, agreement, urgent)"
	" VALUES (?1, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	"SELECT id, rank, title, what, impact, NULL, household_view, agreement,"
	" NULL, urgent FROM concern WHERE session_id = ?1 ORDER BY rank, id",
	ITEM_EXTRAS("concern", "session_id", "x.rank"),
	SESSION_OWNED("concern"), SESSION_HOUSEHOLD("concern"),
};

/* analysis: a mapping kept in its session row (the model) */
static const struct col analysis_cols[] = {
	F("model", K_PLAIN),
};
static const char *const analysis_children[] = {
	"factors", "hypotheses", NULL
};
static const struct table analysis_table = {
	"analysis", "analysis", analysis_cols, NCOLS(analysis_cols),
	analysis_children, NULL,
	NULL, /* stored with the session */
	"SELECT id, model FROM session WHERE id = ?1",
	OWNER_EXTRAS("analysis"), NULL, NULL,
};

/* factors */
static const struct col factor_cols[] = {
	F("ref", K_PLAIN), F("category", K_PLAIN), F("about", K_SUBJECT),
	F("text", K_TEXT),
};
static const struct table factor_table = {
	"factors", "factor", factor_cols, NCOLS(factor_cols), no_children,
	NULL,
	"INSERT INTO factor(id, session_id, pos, ref, category, member_id,"
	" scope, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT f.id, f.ref, f.category, coalesce(m.ref, f.scope), f.text"
	" FROM factor f LEFT JOIN member m ON m.id = f.member_id"
	" WHERE f.session_id = ?1 ORDER BY f.pos, f.id",
	ITEM_EXTRAS("factor", "session_id", "x.pos"),
	SESSION_OWNED("factor"), SESSION_HOUSEHOLD("factor"),
};

/* hypotheses */
static const struct col hypothesis_cols[] = {
	F("ref", K_PLAIN), F("text", K_TEXT),
	L("factors", K_LIST, T_FACTOR,
	  "INSERT INTO hypothesis_factor(hypothesis_id, factor_id, pos)"
	  " VALUES (?1, ?2, ?3)",
	  "SELECT h.id, f.ref FROM hypothesis h"
	  " JOIN hypothesis_factor v ON v.hypothesis_id = h.id"
	  " JOIN factor f ON f.id = v.factor_id WHERE h.session_id = ?1"
	  " ORDER BY h.pos, h.id, v.pos"),
	L("explains", K_LIST, T_RANK,
	  "INSERT INTO hypothesis_concern(hypothesis_id, concern_id, pos)"
	  " VALUES (?1, ?2, ?3)",
	  "SELECT h.id, c.rank FROM hypothesis h"
	  " JOIN hypothesis_concern v ON v.hypothesis_id = h.id"
	  " JOIN concern c ON c.id = v.concern_id WHERE h.session_id = ?1"
	  " ORDER BY h.pos, h.id, v.pos"),
	F("household_explanation", K_TEXT), F("status", K_PLAIN),
	F("check", K_TEXT),
};
static const struct table hypothesis_table = {
	"hypotheses", "hypothesis", hypothesis_cols, NCOLS(hypothesis_cols),
	no_children, NULL,
	"INSERT INTO hypothesis(id, session_id, pos, ref, text,"
	" household_explanation, status, check_text)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT id, ref, text, NULL, NULL, household_explanation, status,"
	" check_text FROM hypothesis WHERE session_id = ?1 ORDER BY pos, id",
	ITEM_EXTRAS("hypothesis", "session_id", "x.pos"),
	SESSION_OWNED("hypothesis"), SESSION_HOUSEHOLD("hypothesis"),
};

/* plan */
static const struct col plan_cols[] = {
	F("ref", K_PLAIN), F("concern", K_RANK), F("phase", K_PLAIN),
	F("kind", K_PLAIN), F("text", K_TEXT), F("who", K_TEXT),
	F("due", K_DATE), F("consequence", K_TEXT), F("done", K_BOOL),
};
static const struct table plan_table = {
	"plan", "plan_item", plan_cols, NCOLS(plan_cols), no_children, NULL,
	"INSERT INTO plan_item(id, session_id, pos, ref, concern_id, phase,"
	" kind, text, who, due, consequence, done)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	"SELECT p.id, p.ref, c.rank, p.phase, p.kind, p.text, p.who, p.due,"
	" p.consequence, p.done FROM plan_item p"
	" LEFT JOIN concern c ON c.id = p.concern_id WHERE p.session_id = ?1"
	" ORDER BY p.pos, p.id",
	ITEM_EXTRAS("plan_item", "session_id", "x.pos"),
	SESSION_OWNED("plan_item"), SESSION_HOUSEHOLD("plan_item"),
};

/* reviews > comments */
static const struct col comment_cols[] = {
	F("on", K_TEXT), F("text", K_TEXT), F("reply", K_TEXT),
	F("replied_by", K_TEXT), F("resolved", K_BOOL),
};
static const struct table comment_table = {
	"comments", "review_comment", comment_cols, NCOLS(comment_cols),
	no_children, NULL,
	"INSERT INTO review_comment(id, review_id, pos, target, text, reply,"
	" replied_by, resolved) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT x.id, x.target, x.text, x.reply, x.replied_by, x.resolved,"
	" x.review_id FROM review r"
	" JOIN review_comment x ON x.review_id = r.id WHERE r.session_id = ?1"
	" ORDER BY r.pos, r.id, x.pos, x.id",
	"SELECT x.id, e.key, e.pos, e.name, e.value FROM review r"
	" JOIN review_comment x ON x.review_id = r.id"
	" JOIN extra_field e ON e.owner_kind = 'review_comment'"
	" AND e.owner_id = x.id WHERE r.session_id = ?1"
	" ORDER BY r.pos, r.id, x.pos, x.id, e.key, e.pos",
	"SELECT x.id FROM session s JOIN review r ON r.session_id = s.id"
	" JOIN review_comment x ON x.review_id = r.id"
	" WHERE s.household_id = ?1",
	"SELECT s.household_id FROM review_comment x"
	" JOIN review r ON r.id = x.review_id"
	" JOIN session s ON s.id = r.session_id WHERE x.id = ?1",
};
static const struct col review_cols[] = {
	F("reviewer", K_TEXT), F("date", K_DATE), F("decision", K_PLAIN),
};
static const char *const review_children[] = { "comments", NULL };
static const struct table review_table = {
	"reviews", "review", review_cols, NCOLS(review_cols), review_children,
	&comment_table,
	"INSERT INTO review(id, session_id, pos, reviewer, date, decision)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"SELECT id, reviewer, date, decision FROM review WHERE session_id = ?1"
	" ORDER BY pos, id",
	ITEM_EXTRAS("review", "session_id", "x.pos"),
	SESSION_OWNED("review"), SESSION_HOUSEHOLD("review"),
};

/* Every table, for lookups by section key; the item sections (those with
 * "_id") from ITEM_FIRST on. */
static const struct table *const all_tables[] = {
	&household_table, &session_table, &analysis_table,
	&member_table, &participant_table, &statement_table, &concern_table,
	&factor_table, &hypothesis_table, &plan_table, &review_table,
	&comment_table,
};
#define ITEM_FIRST 3
#define NTABLES NCOLS(all_tables)

/* The column of t for key, or -1. */
static int col_index(const struct table *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int is_child(const struct table *t, const char *key)
{
	const char *const *c;

	for (c = t->children; *c; c++)
		if (strcmp(*c, key) == 0)
			return 1;
	return 0;
}

/* A value that is there: not NULL and not a YAML null. */
static int present(const struct doc_node *n)
{
	return n && !doc_is_null(n);
}

/* ======================================================================
 * Import
 * ====================================================================== */

/* A row id; 0 for none (SQLite never gives a row id 0 here: ids start at
 * 1 and only grow). */
typedef sqlite3_int64 rowid_t;

/* ref -> row id, for the items of one household or session. The refs point
 * into the document, which outlives the import. */
struct refent {
	const char *ref;
	rowid_t id;
};
struct refmap {
	struct refent *v;
	size_t n, cap;
	int sorted;
};

static int refent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct refent *)a)->ref,
	              ((const struct refent *)b)->ref);
}

static void refmap_add(struct refmap *m, const char *ref, rowid_t id)
{
	xgrow(&m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].ref = ref;
	m->v[m->n].id = id;
	m->n++;
	m->sorted = 0;
}

/* The row id for ref, or 0. Maps are filled before they are read. */
static rowid_t refmap_get(struct refmap *m, const char *ref)
{
	struct refent key = { NULL, 0 }, *hit;

	if (!m->sorted) {
		if (m->n > 1)
			qsort(m->v, m->n, sizeof *m->v, refent_cmp);
		m->sorted = 1;
	}
	if (m->n == 0)
		return 0;
	key.ref = ref;
	hit = bsearch(&key, m->v, m->n, sizeof *m->v, refent_cmp);
	return hit ? hit->id : 0;
}

/*
 * The row ids of one item table that a household had when a save began,
 * sorted; used[i] once an item of the document has taken v[i] back.
 */
struct idset {
	rowid_t *v;
	unsigned char *used;
	size_t n, cap;
};

static int rowid_cmp(const void *a, const void *b)
{
	rowid_t x = *(const rowid_t *)a, y = *(const rowid_t *)b;

	return x < y ? -1 : x > y;
}

/* The index of id in the set, or -1. */
static long idset_find(const struct idset *set, rowid_t id)
{
	const rowid_t *hit;

	if (set->n == 0)
		return -1;
	hit = bsearch(&id, set->v, set->n, sizeof *set->v, rowid_cmp);
	return hit ? (long)(hit - set->v) : -1;
}

/* A session of the household before the change: its uuid and row id; its
 * version and status; and for a session the change may not touch (see
 * check_sessions), what it looked like. */
struct oldsession {
	char uuid[UUID_STR_LEN];
	rowid_t id;
	long version;
	char *status;
	char *print;   /* session_print before; NULL when not guarded */
	int seen;      /* check_sessions: the change kept it */
};

struct imp {
	struct store *s;
	struct diags *d;
	const char *src;          /* the document's name, for diagnostics */
	int bind_rc;              /* first failed bind since the last step */
	rowid_t hid;              /* the household's row id; 0 until known */
	struct refmap members;    /* of the household */
	struct refmap statements; /* of the current session ... */
	struct refmap factors;
	rowid_t concern[4];       /* by rank 1..3; 0 when none */
	long nmembers, nsessions;
	/* the sessions the household had: a session keeps its row id */
	struct oldsession *oldsess;
	size_t noldsess, capoldsess;
	/* store_save_case: the lenient edit mode (see the top of the file) */
	int edit;
	struct idset owned[NTABLES]; /* edit: item row ids of the household
	                                before the save, by all_tables index */
	int hid_made;             /* the household had no id yet */
	long base_rev;            /* the revision the document was loaded at */
	long long rev;            /* the household's revision after this */
	char ctx[160];            /* edit: where in the document we are, for
	                             messages ("sessie 1, statements f3") */
};

/* A problem with the document at node n; always returns -1. In edit mode
 * the document has no file positions, so the message names the item. */
static int bad(struct imp *im, const struct doc_node *n, const char *fmt,
               ...) DUO_PRINTF(3, 4);
static int bad(struct imp *im, const struct doc_node *n, const char *fmt,
               ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (im->ctx[0]) {
		struct strbuf sb = {0};

		sb_vaddf(&sb, fmt, ap);
		diag_add(im->d, im->src, n ? n->line : 0, n ? n->col : 0,
		         "%s: %s", im->ctx, sb_str(&sb));
		sb_free(&sb);
	} else {
		diag_vadd(im->d, im->src, n ? n->line : 0, n ? n->col : 0, fmt,
		          ap);
	}
	va_end(ap);
	return -1;
}

/* Edit mode: append one step to the context of messages and return the
 * length to cut it back to. Import mode keeps file positions instead. */
static size_t ctx_push(struct imp *im, const char *fmt, ...) DUO_PRINTF(2, 3);
static size_t ctx_push(struct imp *im, const char *fmt, ...)
{
	size_t mark = strlen(im->ctx), at = mark;
	va_list ap;

	if (!im->edit)
		return mark;
	if (at && at + 2 < sizeof im->ctx) {
		memcpy(im->ctx + at, ", ", 3);
		at += 2;
	}
	va_start(ap, fmt);
	(void)vsnprintf(im->ctx + at, sizeof im->ctx - at, fmt, ap);
	va_end(ap);
	return mark;
}

static void ctx_pop(struct imp *im, size_t mark)
{
	if (mark < sizeof im->ctx)
		im->ctx[mark] = '\0';
}

/*
 * Edit mode: give map the key with a plain scalar as its FIRST key (a null
 * value the key may have is replaced), so that the caller's document holds
 * the id the row got. The root of store_save_case is the caller's and not
 * const; import mode, whose document is const, never comes here.
 */
static void writeback(struct imp *im, const struct doc_node *cmap,
                      const char *key, const char *text)
{
	struct doc_node *map = (struct doc_node *)cmap; /* see above */
	struct doc_pair first;
	size_t i;

	assert(im->edit && map->type == DOC_MAP);
	(void)im;
	for (i = 0; i < map->len && strcmp(map->pair[i].key, key) != 0; i++)
		;
	if (i < map->len) {
		doc_free(map->pair[i].value);
		map->pair[i].value = doc_new_scalar(text, DOC_PLAIN);
	} else {
		doc_map_add(map, key, doc_new_scalar(text, DOC_PLAIN));
	}
	first = map->pair[i];
	memmove(&map->pair[1], &map->pair[0], i * sizeof *map->pair);
	map->pair[0] = first;
}

static sqlite3_stmt *imp_stmt(struct imp *im, const char *sql)
{
	im->bind_rc = SQLITE_OK;
	return store_stmt(im->s, sql, im->d);
}

/*
 * Bind text without a copy (SQLITE_STATIC): every write statement is
 * stepped right after it is bound, in the scope of what it binds (the
 * document, or a buffer of the caller), and the bindings are cleared
 * before the statement is handed out again (store_stmt) and at the end
 * of the operation (store_stmts_reset), so SQLite never reads a text
 * after its owner let go of it.
 */
static void bind_text(struct imp *im, sqlite3_stmt *st, int i,
                      const char *text)
{
	int rc = text ? sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC) :
	         sqlite3_bind_null(st, i);

	if (rc != SQLITE_OK && im->bind_rc == SQLITE_OK)
		im->bind_rc = rc;
}

static void bind_int(struct imp *im, sqlite3_stmt *st, int i, long long v)
{
	int rc = sqlite3_bind_int64(st, i, v);

	if (rc != SQLITE_OK && im->bind_rc == SQLITE_OK)
		im->bind_rc = rc;
}

/* A row id, NULL for 0 (none; as the id of a new row: the next one). */
static void bind_id(struct imp *im, sqlite3_stmt *st, int i, rowid_t id)
{
	int rc = id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);

	if (rc != SQLITE_OK && im->bind_rc == SQLITE_OK)
		im->bind_rc = rc;
}

/* Run a bound write statement. A constraint the document breaks is
 * reported at the item n it came from. */
static int imp_step(struct imp *im, sqlite3_stmt *st, const struct doc_node *n)
{
	int rc = im->bind_rc;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		(void)sqlite3_reset(st);
		return 0;
	}
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		bad(im, n, "kan niet worden opgeslagen in database %s: %s",
		    im->s->path, sqlite3_errmsg(im->s->db));
	else
		store_db_error(im->s, rc, "schrijven", im->d);
	(void)sqlite3_reset(st);
	return -1;
}

/* A whole number in [lo, hi], written in decimal. */
static int parse_int(const char *text, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!text || !*text)
		return -1;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_bool(const char *text, int *out)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (strcmp(text, t[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(text, f[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* Four digits: the schema's shape of a year. */
static int is_year(const char *text)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)text[i]))
			return 0;
	return text[4] == '\0';
}

/* The concern id of a rank given as text, or 0. */
static rowid_t rank_id(struct imp *im, const char *text)
{
	long r;

	if (parse_int(text, 1, 3, &r) != 0)
		return 0;
	return im->concern[r];
}

/* The row id of a list item that names a member, statement, factor or
 * rank; 0 when there is none. */
static rowid_t target_id(struct imp *im, enum target to, const char *text)
{
	switch (to) {
	case T_MEMBER:    return refmap_get(&im->members, text);
	case T_STATEMENT: return refmap_get(&im->statements, text);
	case T_FACTOR:    return refmap_get(&im->factors, text);
	case T_RANK:      return rank_id(im, text);
	case T_NONE:      break;
	}
	return 0;
}

/* Bind one scalar field from parameter *param on; K_ID and links bind
 * nothing. v is the value or NULL when absent. */
static int bind_col(struct imp *im, sqlite3_stmt *st, int *param,
                    const struct col *c, const struct doc_node *v)
{
	const char *text;
	rowid_t id;
	long n;
	int b;

	if (c->kind == K_ID || c->kind == K_LIST || c->kind == K_SCORES)
		return 0;
	if (!present(v)) {
		bind_text(im, st, (*param)++, NULL);
		if (c->kind == K_SUBJECT)
			bind_text(im, st, (*param)++, NULL);
		return 0;
	}
	if (v->type != DOC_SCALAR)
		return bad(im, v, "'%s' moet een enkele waarde zijn", c->key);
	text = v->text;
	switch (c->kind) {
	case K_TEXT:
	case K_PLAIN:
		bind_text(im, st, (*param)++, text);
		break;
	case K_DATE:
		if (!date_is_valid(text))
			return bad(im, v, "'%s' moet een datum zijn "
			           "(JJJJ-MM-DD): %s", c->key, text);
		bind_text(im, st, (*param)++, text);
		break;
	case K_YEAR_OR_DATE:
		if (!is_year(text) && !date_is_valid(text))
			return bad(im, v, "'%s' moet een jaartal of een datum "
			           "zijn: %s", c->key, text);
		bind_text(im, st, (*param)++, text);
		break;
	case K_INT:
		if (parse_int(text, INT_MIN, INT_MAX, &n) != 0)
			return bad(im, v, "'%s' moet een geheel getal zijn: %s",
			           c->key, text);
		bind_int(im, st, (*param)++, n);
		break;
	case K_BOOL:
		if (parse_bool(text, &b) != 0)
			return bad(im, v, "'%s' moet true of false zijn: %s",
			           c->key, text);
		bind_int(im, st, (*param)++, b);
		break;
	case K_MEMBER:
		id = refmap_get(&im->members, text);
		if (!id)
			return bad(im, v, "'%s': onbekend lid '%s'", c->key,
			           text);
		bind_id(im, st, (*param)++, id);
		break;
	case K_SUBJECT:
		id = refmap_get(&im->members, text);
		if (!id && strcmp(text, "gezin") != 0 &&
		    strcmp(text, "omgeving") != 0)
			return bad(im, v, "'%s': onbekend lid '%s' (of gezin, "
			           "omgeving)", c->key, text);
		bind_id(im, st, (*param)++, id);
		bind_text(im, st, (*param)++, id ? NULL : text);
		break;
	case K_RANK:
		id = rank_id(im, text);
		if (!id)
			return bad(im, v, "'%s': er is geen top-3 zorg met "
			           "rang %s", c->key, text);
		bind_id(im, st, (*param)++, id);
		break;
	case K_ID:
	case K_LIST:
	case K_SCORES:
		assert(0);
		break;
	}
	return 0;
}

/* The fields of one mapping of section t: the value of each built-in
 * field (NULL when absent), and whether there are extra fields. One pass
 * over the mapping, as every item of an import comes here. */
struct fields {
	const struct doc_node *val[MAX_COLS];
	int extras;
};

static void split_fields(const struct table *t, const struct doc_node *map,
                         struct fields *f)
{
	size_t i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < map->len; i++) {
		const char *key = map->pair[i].key;
		int c = col_index(t, key);

		if (c >= 0) {
			if (!f->val[c]) /* doc_map_get: the first one */
				f->val[c] = map->pair[i].value;
		} else if (key[0] != '_' && !is_child(t, key) &&
		           present(map->pair[i].value)) {
			f->extras = 1;
		}
	}
}

/* Bind the scalar built-in fields from parameter first on. */
static int bind_cols(struct imp *im, const struct table *t,
                     const struct fields *f, sqlite3_stmt *st, int first)
{
	size_t i;
	int param = first;

	for (i = 0; i < t->ncols; i++)
		if (bind_col(im, st, &param, &t->cols[i], f->val[i]) != 0)
			return -1;
	assert(param - 1 <= sqlite3_bind_parameter_count(st));
	return 0;
}

/* Store one list field (about, evidence, factors, explains) of row id. */
static int insert_list(struct imp *im, const struct col *c, rowid_t id,
                       const struct doc_node *v)
{
	size_t i;

	if (v->type != DOC_SEQ)
		return bad(im, v, "'%s' moet een lijst zijn", c->key);
	for (i = 0; i < v->len; i++) {
		const struct doc_node *it = v->item[i];
		rowid_t target;
		sqlite3_stmt *st;

		if (it->type != DOC_SCALAR)
			return bad(im, it, "'%s' moet een lijst van namen "
			           "zijn", c->key);
		target = target_id(im, c->to, it->text);
		if (!target)
			return bad(im, it, "'%s': '%s' bestaat niet", c->key,
			           it->text);
		st = imp_stmt(im, c->link_insert);
		if (!st)
			return -1;
		bind_id(im, st, 1, id);
		bind_id(im, st, 2, target);
		bind_int(im, st, 3, (long long)i);
		if (imp_step(im, st, it) != 0)
			return -1;
	}
	return 0;
}

/* Store the scores mapping of concern id. */
static int insert_scores(struct imp *im, const struct col *c, rowid_t id,
                         const struct doc_node *v)
{
	long score;
	size_t i;

	if (v->type != DOC_MAP)
		return bad(im, v, "'%s' moet paren naam: score zijn", c->key);
	for (i = 0; i < v->len; i++) {
		const struct doc_node *sv = v->pair[i].value;
		sqlite3_stmt *st;

		if (sv->type != DOC_SCALAR ||
		    parse_int(sv->text, 0, 10, &score) != 0)
			return bad(im, sv, "'%s': score van '%s' moet 0 t/m 10 "
			           "zijn", c->key, v->pair[i].key);
		st = imp_stmt(im, c->link_insert);
		if (!st)
			return -1;
		bind_id(im, st, 1, id);
		bind_text(im, st, 2, v->pair[i].key);
		bind_int(im, st, 3, score);
		bind_int(im, st, 4, (long long)i);
		if (imp_step(im, st, sv) != 0)
			return -1;
	}
	return 0;
}

/* Store the link fields of an item, row id. */
static int insert_links(struct imp *im, const struct table *t,
                        const struct fields *f, rowid_t id)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		const struct col *c = &t->cols[i];
		const struct doc_node *v = f->val[i];

		if (!present(v))
			continue;
		if (c->kind == K_LIST && insert_list(im, c, id, v) != 0)
			return -1;
		if (c->kind == K_SCORES && insert_scores(im, c, id, v) != 0)
			return -1;
	}
	return 0;
}

static const char extra_insert_sql[] =
	"INSERT INTO extra_field(owner_kind, owner_id, key, pos, name, value)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static int insert_extra_row(struct imp *im, const char *kind, rowid_t owner,
                            const char *key, long pos, const char *name,
                            const struct doc_node *v)
{
	sqlite3_stmt *st;

	if (v->type != DOC_SCALAR)
		return bad(im, v, "'%s': een waarde binnen een lijst of paar "
		           "moet enkelvoudig zijn", key);
	st = imp_stmt(im, extra_insert_sql);
	if (!st)
		return -1;
	bind_text(im, st, 1, kind);
	bind_id(im, st, 2, owner);
	bind_text(im, st, 3, key);
	bind_int(im, st, 4, pos);
	bind_text(im, st, 5, name);
	bind_text(im, st, 6, v->text);
	return imp_step(im, st, v);
}

/* Store every field of map that is neither built-in nor a child section
 * as extra_field rows of owner (a row of t->kind): a scalar at pos 0,
 * items and pairs 1..n.
 * Keys starting with "_" ("_id" and whatever the screens keep) belong to
 * the program, not to the forms, and are never stored as fields. */
static int insert_extras(struct imp *im, const struct table *t,
                         const struct doc_node *map, rowid_t owner)
{
	size_t i, j;

	for (i = 0; i < map->len; i++) {
		const char *key = map->pair[i].key;
		const struct doc_node *v = map->pair[i].value;

		if (key[0] == '_' || col_index(t, key) >= 0 ||
		    is_child(t, key) || !present(v))
			continue;
		if (v->type == DOC_SCALAR) {
			if (insert_extra_row(im, t->kind, owner, key, 0, NULL,
			                     v) != 0)
				return -1;
		} else {
			int seq = v->type == DOC_SEQ;

			for (j = 0; j < v->len; j++) {
				const char *name = seq ? NULL : v->pair[j].key;
				const struct doc_node *it = seq ? v->item[j] :
				                            v->pair[j].value;

				if (insert_extra_row(im, t->kind, owner, key,
				                     (long)j + 1, name,
				                     it) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* The list under key in map: NULL when absent, -1 via *err when it is not
 * a list. */
static const struct doc_node *get_list(struct imp *im,
                                       const struct doc_node *map,
                                       const char *key, int *err)
{
	const struct doc_node *v = doc_map_get(map, key);

	*err = 0;
	if (!present(v))
		return NULL;
	if (v->type != DOC_SEQ) {
		*err = bad(im, v, "'%s' moet een lijst zijn", key);
		return NULL;
	}
	return v;
}

/* A node's text for qsort of scalar nodes. */
static int node_text_cmp(const void *a, const void *b)
{
	const struct doc_node *const *x = a;
	const struct doc_node *const *y = b;

	return strcmp((*x)->text, (*y)->text);
}

/* Every item of a list section with refs has one, and none comes twice
 * (the UNIQUE constraint would say so too, in English). */
static int check_refs(struct imp *im, const struct table *t,
                      const struct doc_node *list)
{
	const struct doc_node **v;
	size_t i, n = 0;
	int rc = 0;

	if (list->len == 0)
		return 0;
	v = xmalloc(list->len * sizeof *v);
	for (i = 0; i < list->len && rc == 0; i++) {
		const struct doc_node *item = list->item[i];
		const struct doc_node *r = doc_map_get(item, "ref");

		if (item->type != DOC_MAP)
			continue; /* import_list says so */
		if (!present(r) || r->type != DOC_SCALAR || !r->text[0])
			rc = bad(im, r ? r : item, "een item van '%s' heeft "
			         "geen 'ref'", t->section);
		else
			v[n++] = r;
	}
	if (rc == 0 && n > 1) {
		qsort(v, n, sizeof *v, node_text_cmp);
		for (i = 1; i < n && rc == 0; i++)
			if (strcmp(v[i - 1]->text, v[i]->text) == 0)
				rc = bad(im, v[i], "'%s' komt twee keer voor "
				         "in '%s'", v[i]->text, t->section);
	}
	free(v);
	return rc;
}

/* The rank of a top-3 item: 1..3 and not yet taken in this session. */
static int check_rank(struct imp *im, const struct doc_node *item, long *r)
{
	const struct doc_node *v = doc_map_get(item, "rank");

	if (!present(v) || v->type != DOC_SCALAR ||
	    parse_int(v->text, 1, 3, r) != 0)
		return bad(im, v ? v : item, "'rank' moet 1, 2 of 3 zijn");
	if (im->concern[*r])
		return bad(im, v, "rang %ld komt twee keer voor in de top-3",
		           *r);
	return 0;
}

/*
 * The uuid in map[key] (lowercased: UUIDs are case-insensitive), or a new
 * one when absent (*made = 1). In edit mode a new uuid is written back
 * into the document by the caller.
 */
static int doc_uuid(struct imp *im, const struct doc_node *map,
                    const char *key, char out[UUID_STR_LEN], int *made)
{
	const struct doc_node *v = doc_map_get(map, key);
	size_t i;

	*made = 0;
	if (!present(v)) {
		uuid_new(out);
		*made = 1;
		return 0;
	}
	if (v->type != DOC_SCALAR || strlen(v->text) != UUID_STR_LEN - 1)
		return bad(im, v, "'%s' moet een UUID zijn", key);
	for (i = 0; i < UUID_STR_LEN; i++)
		out[i] = (char)(v->text[i] >= 'A' && v->text[i] <= 'F' ?
		                v->text[i] - 'A' + 'a' : v->text[i]);
	if (!uuid_is_valid(out))
		return bad(im, v, "'%s' moet een UUID zijn: %s", key, v->text);
	return 0;
}

/* A row id written as the store writes it: decimal, no sign, no leading
 * zero. 0 and *out set, or -1 for any other text. */
static int parse_rowid(const char *text, rowid_t *out)
{
	size_t i, n = strlen(text);
	rowid_t v = 0;

	if (n == 0 || n > 18 || text[0] == '0')
		return -1;
	for (i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		v = v * 10 + (text[i] - '0');
	}
	*out = v;
	return 0;
}

static int table_index(const struct table *t)
{
	size_t i;

	for (i = 0; i < NTABLES && all_tables[i] != t; i++)
		;
	assert(i < NTABLES);
	return (int)i;
}

/* The household of row id of item table t, 0 when there is no such row;
 * -1 after a diagnostic. */
static rowid_t household_of(struct imp *im, const struct table *t,
                            rowid_t id)
{
	sqlite3_stmt *st = imp_stmt(im, t->household);
	rowid_t h = 0;
	int rc;

	if (!st)
		return -1;
	bind_id(im, st, 1, id);
	rc = im->bind_rc == SQLITE_OK ? sqlite3_step(st) : im->bind_rc;
	if (rc == SQLITE_ROW)
		h = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		store_db_error(im->s, rc, "lezen", im->d);
	(void)sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? h : -1;
}

/*
 * The row id to insert an item of t with, in *out: in edit mode its "_id"
 * when that is the id of a row of t the household had (the first item
 * with it takes it back); otherwise 0, a new row. An "_id" of a row of
 * another household is refused: the document is not this household's.
 * Anything else under "_id" (the screens' temporary id of an item not yet
 * saved) makes a new row too.
 */
static int item_rowid(struct imp *im, const struct table *t,
                      const struct doc_node *item, rowid_t *out)
{
	const struct doc_node *v = doc_map_get(item, STORE_ITEM_ID);
	struct idset *set = &im->owned[table_index(t)];
	rowid_t id, h;
	long k;

	*out = 0;
	if (!im->edit || !present(v) || v->type != DOC_SCALAR ||
	    parse_rowid(v->text, &id) != 0)
		return 0;
	k = idset_find(set, id);
	if (k >= 0) {
		if (!set->used[k]) {
			set->used[k] = 1;
			*out = id;
		}
		return 0;
	}
	h = household_of(im, t, id);
	if (h < 0)
		return -1;
	if (h != 0 && h != im->hid)
		return bad(im, v, "'%s' %s hoort bij een ander huishouden",
		           STORE_ITEM_ID, v->text);
	return 0;
}

/* Edit mode: an item that got a new row learns its id as its first key. */
static void item_writeback(struct imp *im, const struct doc_node *item,
                           rowid_t id)
{
	char text[24];

	if (!im->edit)
		return;
	(void)snprintf(text, sizeof text, "%lld", (long long)id);
	writeback(im, item, STORE_ITEM_ID, text);
}

/* Insert the items of list section t found under t->section in map, owned
 * by row parent. refs (may be NULL) learns each item's ref. */
static int import_list(struct imp *im, const struct table *t,
                       const struct doc_node *map, rowid_t parent,
                       struct refmap *refs)
{
	const struct doc_node *list;
	size_t i;
	int err;

	list = get_list(im, map, t->section, &err);
	if (!list)
		return err;
	if (col_index(t, "ref") >= 0 && check_refs(im, t, list) != 0)
		return -1;
	for (i = 0; i < list->len; i++) {
		const struct doc_node *item = list->item[i];
		struct fields f;
		const char *ref;
		sqlite3_stmt *st;
		size_t mark;
		long rank = 0;
		rowid_t id;

		if (item->type != DOC_MAP)
			return bad(im, item, "een item van '%s' moet velden "
			           "hebben", t->section);
		ref = doc_map_str(item, t == &concern_table ? "rank" : "ref");
		mark = ref ? ctx_push(im, "%s %s", t->section, ref) :
		       ctx_push(im, "%s %zu", t->section, i + 1);
		if (t == &concern_table && check_rank(im, item, &rank) != 0)
			return -1;
		if (item_rowid(im, t, item, &id) != 0)
			return -1;
		st = imp_stmt(im, t->insert);
		if (!st)
			return -1;
		split_fields(t, item, &f);
		bind_id(im, st, 1, id);
		bind_id(im, st, 2, parent);
		bind_int(im, st, 3, (long long)i);
		if (bind_cols(im, t, &f, st, 4) != 0 ||
		    imp_step(im, st, item) != 0)
			return -1;
		if (!id) {
			id = sqlite3_last_insert_rowid(im->s->db);
			item_writeback(im, item, id);
		}
		if (refs && t != &concern_table)
			refmap_add(refs, ref, id); /* check_refs: never NULL */
		if (rank)
			im->concern[rank] = id;
		if (insert_links(im, t, &f, id) != 0 ||
		    (f.extras && insert_extras(im, t, item, id) != 0))
			return -1;
		if (t->nested &&
		    import_list(im, t->nested, item, id, NULL) != 0)
			return -1;
		ctx_pop(im, mark);
	}
	return 0;
}

/* The row id the session with uuid had in this household, or 0. */
static rowid_t old_session(const struct imp *im, const char *uuid)
{
	size_t i;

	for (i = 0; i < im->noldsess; i++)
		if (strcmp(im->oldsess[i].uuid, uuid) == 0)
			return im->oldsess[i].id;
	return 0;
}

/* Store one session item of household row im->hid. */
static int import_session(struct imp *im, const struct doc_node *sess)
{
	const struct doc_node *an;
	struct fields f, af;
	sqlite3_stmt *st;
	char uuid[UUID_STR_LEN];
	const char *version;
	rowid_t sid;
	size_t mark;
	int made;

	if (sess->type != DOC_MAP)
		return bad(im, sess, "een sessie moet velden hebben");
	version = doc_map_str(sess, "version");
	mark = ctx_push(im, "sessie %s", version ? version : "zonder versie");
	an = doc_map_get(sess, "analysis");
	if (!present(an))
		an = NULL;
	else if (an->type != DOC_MAP)
		return bad(im, an, "'analysis' moet velden hebben");
	if (doc_uuid(im, sess, "id", uuid, &made) != 0)
		return -1;
	if (made && im->edit)
		writeback(im, sess, "id", uuid);
	sid = made ? 0 : old_session(im, uuid);
	st = imp_stmt(im, session_table.insert);
	if (!st)
		return -1;
	bind_id(im, st, 1, sid);
	bind_id(im, st, 2, im->hid);
	/* the model is the one built-in field of analysis */
	if (an) {
		split_fields(&analysis_table, an, &af);
		if (bind_cols(im, &analysis_table, &af, st, 3) != 0)
			return -1;
	} else {
		bind_text(im, st, 3, NULL);
	}
	bind_text(im, st, 4, uuid);
	split_fields(&session_table, sess, &f);
	if (bind_cols(im, &session_table, &f, st, 5) != 0 ||
	    imp_step(im, st, sess) != 0)
		return -1;
	if (!sid)
		sid = sqlite3_last_insert_rowid(im->s->db);
	if (f.extras && insert_extras(im, &session_table, sess, sid) != 0)
		return -1;

	im->statements.n = im->factors.n = 0;
	memset(im->concern, 0, sizeof im->concern);
	if (import_list(im, &participant_table, sess, sid, NULL) != 0 ||
	    import_list(im, &statement_table, sess, sid,
	                &im->statements) != 0 ||
	    import_list(im, &concern_table, sess, sid, NULL) != 0)
		return -1;
	if (an && ((af.extras &&
	            insert_extras(im, &analysis_table, an, sid) != 0) ||
	           import_list(im, &factor_table, an, sid,
	                       &im->factors) != 0 ||
	           import_list(im, &hypothesis_table, an, sid, NULL) != 0))
		return -1;
	if (import_list(im, &plan_table, sess, sid, NULL) != 0 ||
	    import_list(im, &review_table, sess, sid, NULL) != 0)
		return -1;
	ctx_pop(im, mark);
	im->nsessions++;
	return 0;
}

static const char household_find_sql[] =
	"SELECT id, created, rev FROM household WHERE uuid = ?1";
static const char household_sessions_sql[] =
	"SELECT uuid, id, version, status FROM session WHERE household_id = ?1"
	" ORDER BY version, id";
static const char household_delete_sql[] =
	"DELETE FROM household WHERE id = ?1";

/* Run st (bound) to its end, calling row() for each row; 0 or -1 after a
 * diagnostic. The statement is reset either way. */
static int imp_rows(struct imp *im, sqlite3_stmt *st,
                    void (*row)(struct imp *im, sqlite3_stmt *st, void *arg),
                    void *arg)
{
	int rc = im->bind_rc;

	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			row(im, st, arg);
	(void)sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(im->s, rc, "lezen", im->d);
		return -1;
	}
	return 0;
}

static void oldsession_row(struct imp *im, sqlite3_stmt *st, void *arg)
{
	const char *uuid = store_col_text(st, 0);
	struct oldsession *o;

	(void)arg;
	if (!uuid || strlen(uuid) >= UUID_STR_LEN)
		return; /* not a uuid the document can carry */
	xgrow(&im->oldsess, &im->capoldsess, im->noldsess + 1,
	      sizeof *im->oldsess);
	o = &im->oldsess[im->noldsess++];
	memcpy(o->uuid, uuid, strlen(uuid) + 1);
	o->id = sqlite3_column_int64(st, 1);
	o->version = (long)sqlite3_column_int64(st, 2);
	o->status = xstrdup(store_col_text(st, 3));
	o->print = NULL;
	o->seen = 0;
}

/* ---- what a change may not touch ---------------------------------------- */

static char *session_print(struct store *s, rowid_t sid, struct diags *d);

static int is_fixed(const char *status)
{
	return str_eq(status, "vastgesteld") || str_eq(status, "herzien");
}

/*
 * Is a session with this status guarded against the change? A save
 * (store_save_case) edits only concept sessions: ter-review waits for the
 * team lead, vastgesteld and herzien are fixed. An import that replaces
 * a household moves work between machines, statuses included (a version
 * handed in or fixed elsewhere arrives as such), but never changes what
 * is fixed in this database.
 */
static int guarded(const struct imp *im, const char *status)
{
	return is_fixed(status) ||
	       (im->edit && str_eq(status, "ter-review"));
}

/* Why a guarded session does not change, after "versie N is ...". */
static const char *guard_reason(const char *status)
{
	if (str_eq(status, "ter-review"))
		return "ingediend en wacht op de teamleider; aanpassen kan "
		       "weer als de teamleider haar terugstuurt";
	if (str_eq(status, "herzien"))
		return "herzien (er is een nieuwere versie) en verandert niet "
		       "meer";
	return "vastgesteld en verandert niet meer; begin een evaluatie "
	       "(een nieuwe versie) om verder te werken";
}

/* A session after the change: uuid, row id, version, status. */
struct newsession {
	char *uuid;
	rowid_t id;
	long version;
	char *status;
};
struct newsessions {
	struct newsession *v;
	size_t n, cap;
};

static void newsession_row(struct imp *im, sqlite3_stmt *st, void *arg)
{
	struct newsessions *ns = arg;
	struct newsession *n;

	(void)im;
	xgrow(&ns->v, &ns->cap, ns->n + 1, sizeof *ns->v);
	n = &ns->v[ns->n++];
	n->uuid = xstrdup(store_col_text(st, 0));
	n->id = sqlite3_column_int64(st, 1);
	n->version = (long)sqlite3_column_int64(st, 2);
	n->status = xstrdup(store_col_text(st, 3));
}

static struct oldsession *old_by_uuid(struct imp *im, const char *uuid)
{
	size_t i;

	for (i = 0; uuid && i < im->noldsess; i++)
		if (strcmp(im->oldsess[i].uuid, uuid) == 0)
			return &im->oldsess[i];
	return NULL;
}

/* A change of status that an import may bring to a fixed session: a
 * vastgesteld version that was revised elsewhere comes back herzien. */
static int import_status_ok(const char *was, const char *now)
{
	return str_eq(was, now) ||
	       (str_eq(was, "vastgesteld") && str_eq(now, "herzien"));
}

/* Check one session of the change against what it was; -1 after a
 * diagnostic. *nnew counts the sessions that are new. */
static int check_one_session(struct imp *im, const struct newsession *n,
                             size_t *nnew)
{
	struct oldsession *o = old_by_uuid(im, n->uuid);
	char *now;
	int same;

	if (!o) {
		(*nnew)++;
		if (im->edit && !str_eq(n->status, "concept")) {
			diag_add(im->d, im->src, 0, 0, "een nieuwe versie "
			         "(versie %ld) begint als concept, niet %s%s",
			         n->version, n->status ? "als " : "zonder status",
			         n->status ? n->status : "");
			return -1;
		}
		return 0;
	}
	o->seen = 1;
	if (im->edit && !str_eq(o->status, n->status)) {
		diag_add(im->d, im->src, 0, 0, "de status van versie %ld "
		         "verandert niet door bewerken (nu %s, in het document "
		         "%s); dat gaat met indienen, vaststellen of "
		         "terugsturen", o->version,
		         o->status ? o->status : "leeg",
		         n->status ? n->status : "leeg");
		return -1;
	}
	if (!im->edit && o->print && !import_status_ok(o->status, n->status)) {
		diag_add(im->d, im->src, 0, 0, "dit bestand zet versie %ld op "
		         "%s, maar die is in de database %s", o->version,
		         n->status ? n->status : "geen status", o->status);
		return -1;
	}
	if (!o->print)
		return 0;
	now = session_print(im->s, n->id, im->d);
	if (!now)
		return -1;
	same = strcmp(now, o->print) == 0;
	free(now);
	if (same)
		return 0;
	if (im->edit)
		diag_add(im->d, im->src, 0, 0, "versie %ld is %s", o->version,
		         guard_reason(o->status));
	else
		diag_add(im->d, im->src, 0, 0, "dit bestand verandert versie "
		         "%ld, maar die is in de database %s", o->version,
		         guard_reason(o->status));
	return -1;
}

/*
 * After the household's rows are written again: did the change keep every
 * guarded session exactly as it was (guarded, session_print), and, for a
 * save, every status, with at most one new session, a concept, added only
 * when all others are fixed? Checked on the rows themselves, so that no
 * document gets around it. 0, or -1 after a diagnostic (the caller rolls
 * back).
 */
static int check_sessions(struct imp *im)
{
	static const char sql[] =
		"SELECT uuid, id, version, status FROM session"
		" WHERE household_id = ?1 ORDER BY version, id";
	struct newsessions ns = {0};
	sqlite3_stmt *st;
	size_t i, nnew = 0, nopen = 0;
	int rc = 0;

	if (!im->edit && im->noldsess == 0)
		return 0; /* a new household comes as it is */
	st = imp_stmt(im, sql);
	if (!st)
		return -1;
	bind_id(im, st, 1, im->hid);
	if (imp_rows(im, st, newsession_row, &ns) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < ns.n; i++) {
		if (!is_fixed(ns.v[i].status))
			nopen++;
		rc = check_one_session(im, &ns.v[i], &nnew);
	}
	for (i = 0; rc == 0 && i < im->noldsess; i++) {
		const struct oldsession *o = &im->oldsess[i];

		if (o->seen || !o->print)
			continue;
		if (im->edit)
			diag_add(im->d, im->src, 0, 0, "versie %ld is %s; "
			         "verwijderen kan niet", o->version,
			         str_eq(o->status, "ter-review") ?
			         "ingediend en wacht op de teamleider" :
			         "vastgesteld of herzien en blijft bewaard");
		else
			diag_add(im->d, im->src, 0, 0, "dit bestand mist "
			         "versie %ld, maar die is in de database %s en "
			         "blijft bewaard", o->version, o->status);
		rc = -1;
	}
	if (rc == 0 && im->edit && nnew > 1) {
		diag_add(im->d, im->src, 0, 0, "er kan één nieuwe versie "
		         "tegelijk bijkomen, niet %zu", nnew);
		rc = -1;
	}
	if (rc == 0 && im->edit && nnew == 1 && nopen > 1) {
		for (i = 0; i < ns.n; i++)
			if (!is_fixed(ns.v[i].status) &&
			    old_by_uuid(im, ns.v[i].uuid))
				break;
		assert(i < ns.n);
		diag_add(im->d, im->src, 0, 0, "versie %ld is nog %s; een "
		         "nieuwe versie begint pas als de vorige is "
		         "vastgesteld", ns.v[i].version, ns.v[i].status ?
		         ns.v[i].status : "niet vastgesteld");
		rc = -1;
	}
	for (i = 0; i < ns.n; i++) {
		free(ns.v[i].uuid);
		free(ns.v[i].status);
	}
	free(ns.v);
	return rc;
}

static void idset_row(struct imp *im, sqlite3_stmt *st, void *arg)
{
	struct idset *set = arg;

	(void)im;
	xgrow(&set->v, &set->cap, set->n + 1, sizeof *set->v);
	set->v[set->n++] = sqlite3_column_int64(st, 0);
}

/*
 * What household row im->hid has before it is deleted: its sessions (a
 * session keeps its row id) and, for a save, the row ids of its items (an
 * item of the document keeps its "_id" when it is one of them).
 */
static int read_old_rows(struct imp *im)
{
	sqlite3_stmt *st = imp_stmt(im, household_sessions_sql);
	size_t i;

	if (!st)
		return -1;
	bind_id(im, st, 1, im->hid);
	if (imp_rows(im, st, oldsession_row, NULL) != 0)
		return -1;
	for (i = 0; i < im->noldsess; i++) {
		struct oldsession *o = &im->oldsess[i];

		if (!guarded(im, o->status))
			continue;
		o->print = session_print(im->s, o->id, im->d);
		if (!o->print)
			return -1;
	}
	for (i = ITEM_FIRST; im->edit && i < NTABLES; i++) {
		struct idset *set = &im->owned[i];

		st = imp_stmt(im, all_tables[i]->owned);
		if (!st)
			return -1;
		bind_id(im, st, 1, im->hid);
		if (imp_rows(im, st, idset_row, set) != 0)
			return -1;
		if (set->n > 1)
			qsort(set->v, set->n, sizeof *set->v, rowid_cmp);
		set->used = xcalloc(set->n ? set->n : 1, 1);
	}
	return 0;
}

/*
 * Make room for household uuid and set im->rev to its revision after this
 * change: one more than it had, 1 when new. An import refuses an existing
 * household when replace is 0 and deletes it (everything cascades) when
 * replace is 1; a save returns STORE_CONFLICT unless the revision is still
 * im->base_rev (0: the household must not exist), and deletes it. *created
 * carries over to the new row; *replaced says whether it existed, and then
 * im->hid is its row id.
 *
 * Delete and insert again keep the row ids of the household and its
 * sessions, and a save keeps those of the items (read_old_rows). Nothing
 * outside the household's own rows points into them: the audit names the
 * household by uuid.
 */
static int clear_household(struct imp *im, const char *uuid, int replace,
                           char **created, int *replaced)
{
	sqlite3_stmt *st = imp_stmt(im, household_find_sql);
	long long cur = 0;
	int rc;

	*replaced = 0;
	if (!st)
		return -1;
	bind_text(im, st, 1, uuid);
	rc = im->bind_rc == SQLITE_OK ? sqlite3_step(st) : im->bind_rc;
	if (rc == SQLITE_ROW) {
		*replaced = 1;
		im->hid = sqlite3_column_int64(st, 0);
		*created = xstrdup(store_col_text(st, 1));
		cur = sqlite3_column_int64(st, 2);
	} else if (rc != SQLITE_DONE) {
		store_db_error(im->s, rc, "lezen", im->d);
	}
	(void)sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (im->edit && cur != im->base_rev)
		return STORE_CONFLICT;
	im->rev = cur + 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (!replace && !im->edit) {
		diag_add(im->d, im->src, 0, 0, "huishouden %s bestaat al in de "
		         "database (gebruik --replace om het te vervangen)",
		         uuid);
		return -1;
	}
	if (read_old_rows(im) != 0)
		return -1;
	st = imp_stmt(im, household_delete_sql);
	if (!st)
		return -1;
	bind_id(im, st, 1, im->hid);
	return imp_step(im, st, NULL);
}

/* The household, its members and sessions; inside the transaction.
 * 0, -1, or STORE_CONFLICT in edit mode. */
static int import_household(struct imp *im, const struct doc_node *root,
                            const char *uuid, int replace, int *replaced)
{
	const struct doc_node *hh = doc_map_get(root, "household");
	const struct doc_node *sessions;
	struct fields f;
	char now[21];
	char *created = NULL;
	sqlite3_stmt *st;
	size_t i;
	int err;

	err = clear_household(im, uuid, replace, &created, replaced);
	if (err != 0) {
		free(created);
		return err;
	}
	if (im->edit && im->hid_made)
		writeback(im, hh, "id", uuid);
	time_now_iso(now);
	st = imp_stmt(im, household_table.insert);
	if (!st) {
		free(created);
		return -1;
	}
	bind_id(im, st, 1, im->hid);
	bind_text(im, st, 2, now);
	bind_int(im, st, 3, im->rev);
	bind_text(im, st, 4, uuid);
	bind_text(im, st, 8, created); /* a replaced household keeps it */
	split_fields(&household_table, hh, &f);
	err = bind_cols(im, &household_table, &f, st, 5);
	if (!err)
		err = imp_step(im, st, hh);
	free(created);
	if (err)
		return -1;
	if (!im->hid)
		im->hid = sqlite3_last_insert_rowid(im->s->db);
	if ((f.extras &&
	     insert_extras(im, &household_table, hh, im->hid) != 0) ||
	    import_list(im, &member_table, hh, im->hid, &im->members) != 0)
		return -1;
	im->nmembers = (long)im->members.n;

	sessions = get_list(im, root, "sessions", &err);
	if (err)
		return -1;
	for (i = 0; sessions && i < sessions->len; i++)
		if (import_session(im, sessions->item[i]) != 0)
			return -1;
	return check_sessions(im);
}

/* One audit row of household hid. */
static int audit_row(struct imp *im, const char *hid, const char *action,
                     const char *what)
{
	return store_audit_add(im->s, hid, action, what, im->d);
}

/* One audit row for this import. */
static int import_audit(struct imp *im, const char *hid, int replaced)
{
	char *what;
	int rc;

	what = xasprintf("%s%s%s: %ld %s, %ld %s",
	                 replaced ? "vervangen door import" : "geïmporteerd",
	                 im->src ? " uit " : "", im->src ? im->src : "",
	                 im->nmembers, im->nmembers == 1 ? "lid" : "leden",
	                 im->nsessions, im->nsessions == 1 ? "sessie" :
	                 "sessies");
	rc = audit_row(im, hid, replaced ? "replace" : "import", what);
	free(what);
	return rc;
}

/* The audit rows of a save: one "edit" row per change, or one saying it
 * was saved. */
static int edit_audit(struct imp *im, const char *hid, const char *action,
                      char *const *changes, size_t nchanges)
{
	size_t i;

	if (nchanges == 0)
		return audit_row(im, hid, action, "opgeslagen");
	for (i = 0; i < nchanges; i++)
		if (audit_row(im, hid, action, changes[i]) != 0)
			return -1;
	return 0;
}

/* The top of the document: format, household and sessions, nothing else
 * (edit mode: and keys of the program's own, starting with "_"). */
static int check_root(struct imp *im, const struct doc_node *root)
{
	const struct doc_node *hh;
	size_t i;

	if (!root || root->type != DOC_MAP)
		return bad(im, root, "een duo-case/1 document moet velden "
		           "hebben");
	if (!str_eq(doc_map_str(root, "format"), "duo-case/1"))
		return bad(im, doc_map_get(root, "format"),
		           "'format: duo-case/1' ontbreekt");
	for (i = 0; i < root->len; i++) {
		const char *key = root->pair[i].key;

		if (strcmp(key, "format") != 0 &&
		    strcmp(key, "household") != 0 &&
		    strcmp(key, "sessions") != 0 &&
		    !(im->edit && key[0] == '_'))
			return bad(im, root->pair[i].value, "onbekend veld "
			           "'%s'", key);
	}
	hh = doc_map_get(root, "household");
	if (!hh || hh->type != DOC_MAP)
		return bad(im, hh ? hh : root, "'household' moet velden "
		           "hebben");
	return 0;
}

/* Commit when rc is 0, else roll back; free what the import held. */
static int imp_finish(struct imp *im, int rc)
{
	size_t i;

	store_stmts_reset(im->s);
	if (rc == 0)
		rc = store_commit(im->s, im->d);
	else
		store_rollback(im->s);
	free(im->members.v);
	free(im->statements.v);
	free(im->factors.v);
	for (i = 0; i < im->noldsess; i++) {
		free(im->oldsess[i].status);
		free(im->oldsess[i].print);
	}
	free(im->oldsess);
	for (i = 0; i < NTABLES; i++) {
		free(im->owned[i].v);
		free(im->owned[i].used);
	}
	return rc;
}

/* Store a validated case in one transaction; see store.h. */
int store_import_case(struct store *s, const struct doc_node *root,
                      const char *source, int replace,
                      char out_id[UUID_STR_LEN], struct diags *d)
{
	struct imp im;
	char hid[UUID_STR_LEN];
	int rc, made, replaced = 0;

	assert(s);
	memset(&im, 0, sizeof im);
	im.s = s;
	im.d = d;
	im.src = source;
	if (check_root(&im, root) != 0 ||
	    doc_uuid(&im, doc_map_get(root, "household"), "id", hid,
	             &made) != 0)
		return -1;
	if (store_begin(s, 1, d) != 0)
		return -1;
	rc = import_household(&im, root, hid, replace, &replaced);
	if (rc == 0)
		rc = import_audit(&im, hid, replaced);
	rc = imp_finish(&im, rc);
	if (rc == 0 && out_id)
		memcpy(out_id, hid, UUID_STR_LEN);
	return rc;
}

/* Save a household edited on screen; see store.h. */
int store_save_case(struct store *s, struct doc_node *root, long base_rev,
                    long *new_rev, char *const *changes, size_t nchanges,
                    struct diags *d)
{
	return store_save_case_as(s, root, base_rev, new_rev, "edit", changes,
	                          nchanges, d);
}

/* The same, with another audit action; see store.h. */
int store_save_case_as(struct store *s, struct doc_node *root, long base_rev,
                       long *new_rev, const char *action,
                       char *const *changes, size_t nchanges,
                       struct diags *d)
{
	struct imp im;
	char hid[UUID_STR_LEN];
	int rc, replaced = 0;

	assert(s && action && (changes || nchanges == 0));
	if (s->batch) {
		/* A save must be on disk when it returns (the screen says
		 * so, and raises its revision): never inside a batch. */
		diag_add(d, NULL, 0, 0, "database %s: opslaan kan niet binnen "
		         "een reeks imports (interne fout)", s->path);
		return -1;
	}
	memset(&im, 0, sizeof im);
	im.s = s;
	im.d = d;
	im.edit = 1;
	im.base_rev = base_rev;
	if (check_root(&im, root) != 0 ||
	    doc_uuid(&im, doc_map_get(root, "household"), "id", hid,
	             &im.hid_made) != 0)
		return -1;
	if (store_begin(s, 1, d) != 0)
		return -1;
	rc = import_household(&im, root, hid, 0, &replaced);
	if (rc == 0)
		rc = edit_audit(&im, hid, action, changes, nchanges);
	if (rc == STORE_CONFLICT) {
		(void)imp_finish(&im, -1); /* nothing was written */
		return STORE_CONFLICT;
	}
	rc = imp_finish(&im, rc);
	if (rc == 0 && new_rev)
		*new_rev = (long)im.rev;
	return rc;
}

/* ======================================================================
 * Export
 * ====================================================================== */

struct exp {
	struct store *s;
	const struct formset *fs;
	struct diags *d;
	int ids;      /* store_load_case: items start with "_id" */
	int failed;
};

/* A statement being stepped through; rc is SQLITE_ROW, SQLITE_DONE or the
 * error, already reported. */
struct cursor {
	sqlite3_stmt *st;
	int rc;
};

/* The cursors of one list section: items, one per link col, extras. */
struct cset {
	struct cursor main, link[MAX_COLS], extras;
};

static int cur_next(struct exp *ex, struct cursor *c)
{
	c->rc = sqlite3_step(c->st);
	if (c->rc == SQLITE_ROW || c->rc == SQLITE_DONE)
		return 0;
	store_db_error(ex->s, c->rc, "lezen", ex->d);
	ex->failed = 1;
	return -1;
}

/* Start sql with ?1 = scope (a row id) and step to its first row. */
static int cur_open(struct exp *ex, struct cursor *c, const char *sql,
                    rowid_t scope)
{
	int rc;

	c->rc = SQLITE_DONE;
	c->st = store_stmt(ex->s, sql, ex->d);
	if (!c->st) {
		ex->failed = 1;
		return -1;
	}
	rc = sqlite3_bind_int64(c->st, 1, scope);
	if (rc != SQLITE_OK) {
		store_db_error(ex->s, rc, "lezen", ex->d);
		ex->failed = 1;
		return -1;
	}
	return cur_next(ex, c);
}

/* 1 when the cursor stands on a row whose column col is row id owner. */
static int cur_at(const struct cursor *c, int col, rowid_t owner)
{
	return c->st && c->rc == SQLITE_ROW &&
	       sqlite3_column_type(c->st, col) == SQLITE_INTEGER &&
	       sqlite3_column_int64(c->st, col) == owner;
}

/* The style for a ref, date, choice, number or id: plain when it reads
 * back as the same string in any context, flow collections included;
 * otherwise fallback. */
static enum doc_style plain_style(const char *text, enum doc_style fallback)
{
	const char *p;

	if (!isalnum((unsigned char)*text))
		return fallback;
	for (p = text; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_./+", *p))
			return fallback;
	if (strcmp(text, "null") == 0 || strcmp(text, "Null") == 0 ||
	    strcmp(text, "NULL") == 0)
		return fallback;
	return DOC_PLAIN;
}

static struct doc_node *plain_scalar(const char *text, enum doc_style fb)
{
	return doc_new_scalar(text, plain_style(text, fb));
}

/* The value of a scalar built-in field from column i of row. */
static struct doc_node *scalar_node(const struct col *c, sqlite3_stmt *row,
                                    int i)
{
	const char *text = store_col_text(row, i);

	if (!text)
		return NULL;
	switch (c->kind) {
	case K_TEXT:
		return doc_new_scalar(text, DOC_AUTO);
	case K_INT:
	case K_RANK:
		return doc_new_scalarf(DOC_PLAIN, "%lld",
		                       (long long)sqlite3_column_int64(row, i));
	case K_BOOL:
		return doc_new_scalar(sqlite3_column_int64(row, i) ? "true" :
		                      "false", DOC_PLAIN);
	case K_ID:
	case K_PLAIN:
	case K_DATE:
	case K_YEAR_OR_DATE:
	case K_MEMBER:
	case K_SUBJECT:
		return plain_scalar(text, DOC_AUTO);
	case K_LIST:
	case K_SCORES:
		break;
	}
	assert(0);
	return NULL;
}

/* A list or scores field of item id, from its link cursor: a flow
 * sequence or mapping, NULL when empty. */
static struct doc_node *link_node(struct exp *ex, const struct col *c,
                                  struct cursor *lc, rowid_t id)
{
	struct doc_node *n = NULL;

	while (cur_at(lc, 0, id)) {
		const char *v = store_col_text(lc->st, 1);

		if (!n)
			n = c->kind == K_SCORES ? doc_new_map(DOC_FLOW) :
			    doc_new_seq(DOC_FLOW);
		if (c->kind == K_SCORES)
			doc_map_add(n, v ? v : "",
			            plain_scalar(store_col_text(lc->st, 2) ?
			                         store_col_text(lc->st, 2) : "",
			                         DOC_QUOTED));
		else
			doc_seq_add(n, plain_scalar(v ? v : "", DOC_QUOTED));
		if (cur_next(ex, lc) != 0)
			break;
	}
	return n;
}

/* One extra_field row, copied out of its cursor. */
struct xrow {
	char *key;
	long pos;
	char *name;   /* NULL unless a mapping entry */
	char *value;
	int used;
};
struct xrows {
	struct xrow *v;
	size_t n, cap;
};

static void xrows_free(struct xrows *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->v[i].key);
		free(x->v[i].name);
		free(x->v[i].value);
	}
	free(x->v);
}

/* Take the extras of owner from xc, in key and pos order. */
static void collect_extras(struct exp *ex, struct cursor *xc,
                           rowid_t owner, struct xrows *x)
{
	while (cur_at(xc, 0, owner)) {
		struct xrow *r;

		xgrow(&x->v, &x->cap, x->n + 1, sizeof *x->v);
		r = &x->v[x->n++];
		r->key = xstrdup(store_col_text(xc->st, 1));
		r->pos = (long)sqlite3_column_int64(xc->st, 2);
		r->name = xstrdup(store_col_text(xc->st, 3));
		r->value = xstrdup(store_col_text(xc->st, 4));
		r->used = 0;
		if (!r->key)
			r->key = xstrdup("");
		if (!r->value)
			r->value = xstrdup("");
		if (cur_next(ex, xc) != 0)
			break;
	}
}

/* The style of a scalar extra of field type t (f known). */
static enum doc_style extra_style(const struct form_field *f,
                                  const char *text)
{
	if (!f)
		return DOC_AUTO;
	switch (f->type) {
	case FT_TEXT:
	case FT_LINES:
	case FT_PERSON:
	case FT_TARGET:
		return DOC_AUTO;
	default:
		return plain_style(text, DOC_AUTO);
	}
}

/*
 * The value of extra field rows x[0..n) (one key): a scalar (pos 0), a
 * mapping (named rows) or a list. Styled by its form field f; a field the
 * forms no longer define (f NULL) is written in block style.
 */
static struct doc_node *extra_node(const struct xrow *x, size_t n,
                                   const struct form_field *f)
{
	struct doc_node *node;
	size_t i;
	int flow;

	assert(n > 0);
	if (n == 1 && x[0].pos == 0 && !x[0].name)
		return doc_new_scalar(x[0].value, extra_style(f, x[0].value));
	if (x[0].name) {
		flow = f && f->type == FT_SCORES;
		node = doc_new_map(flow ? DOC_FLOW : DOC_AUTO);
		for (i = 0; i < n; i++)
			doc_map_add(node, x[i].name ? x[i].name : "", flow ?
			            plain_scalar(x[i].value, DOC_QUOTED) :
			            doc_new_scalar(x[i].value, DOC_AUTO));
		return node;
	}
	flow = f && field_type_is_list(f->type);
	node = doc_new_seq(flow ? DOC_FLOW : DOC_AUTO);
	for (i = 0; i < n; i++)
		doc_seq_add(node, flow ? plain_scalar(x[i].value, DOC_QUOTED) :
		            doc_new_scalar(x[i].value, DOC_AUTO));
	return node;
}

/* Add the extras stored under key (if any) to map, and mark them used. */
static void add_extra(struct doc_node *map, struct xrows *x, const char *key,
                      const struct form_field *f)
{
	size_t i, j;

	for (i = 0; i < x->n && strcmp(x->v[i].key, key) != 0; i++)
		;
	for (j = i; j < x->n && strcmp(x->v[j].key, key) == 0; j++)
		x->v[j].used = 1;
	if (j > i)
		doc_map_add(map, key, extra_node(&x->v[i], j - i, f));
}

/*
 * The mapping of the current row of t (row), in the field order of its
 * form: built-in fields from the row and the link cursors, extras from xc;
 * then built-in fields the forms lack, then extras the forms no longer
 * define, in key order. Nothing stored is left out. An item of a list
 * (item != 0) starts with its row id under "_id" when ex->ids is set.
 */
static struct doc_node *build_map(struct exp *ex, const struct table *t,
                                  sqlite3_stmt *row, struct cursor *links,
                                  struct cursor *xc, int item)
{
	rowid_t id = sqlite3_column_int64(row, 0);
	const struct form_section *sec;
	struct doc_node *val[MAX_COLS] = {0};
	struct xrows x = {0};
	struct doc_node *map;
	size_t i;

	assert(id && t->ncols <= MAX_COLS);
	for (i = 0; i < t->ncols; i++) {
		const struct col *cl = &t->cols[i];

		if (cl->kind == K_LIST || cl->kind == K_SCORES) {
			assert(links); /* only list sections have links */
			val[i] = link_node(ex, cl, &links[i], id);
		} else {
			val[i] = scalar_node(cl, row, (int)i + 1);
		}
	}
	collect_extras(ex, xc, id, &x);

	map = doc_new_map(DOC_AUTO);
	if (item && ex->ids)
		doc_map_add(map, STORE_ITEM_ID,
		            doc_new_scalarf(DOC_PLAIN, "%lld", (long long)id));
	sec = ex->fs ? formset_section(ex->fs, t->section) : NULL;
	for (i = 0; sec && i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		int c = col_index(t, f->key);

		if (c < 0) {
			add_extra(map, &x, f->key, f);
		} else if (val[c]) {
			doc_map_add(map, f->key, val[c]);
			val[c] = NULL;
		}
	}
	for (i = 0; i < t->ncols; i++)
		if (val[i]) /* the forms lack this built-in field */
			doc_map_add(map, t->cols[i].key, val[i]);
	for (i = 0; i < x.n; i++)
		if (!x.v[i].used)
			add_extra(map, &x, x.v[i].key, NULL);
	xrows_free(&x);
	return map;
}

/* Open the cursors of list section t for scope (household or session). */
static int cset_open(struct exp *ex, const struct table *t,
                     rowid_t scope, struct cset *cs)
{
	size_t i;

	memset(cs, 0, sizeof *cs);
	if (cur_open(ex, &cs->main, t->select, scope) != 0 ||
	    cur_open(ex, &cs->extras, t->extras, scope) != 0)
		return -1;
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i].link_select &&
		    cur_open(ex, &cs->link[i], t->cols[i].link_select,
		             scope) != 0)
			return -1;
	return 0;
}

/* After the walk every cursor must be done: a row left over belongs to no
 * item, which the shared ORDER BY of the queries rules out. */
static int cset_done(struct exp *ex, const struct table *t,
                     const struct cset *cs)
{
	size_t i;
	int left = cs->main.rc == SQLITE_ROW || cs->extras.rc == SQLITE_ROW;

	for (i = 0; i < t->ncols; i++)
		if (cs->link[i].st && cs->link[i].rc == SQLITE_ROW)
			left = 1;
	if (left && !ex->failed) {
		diag_add(ex->d, NULL, 0, 0, "database %s: %s: rijen zonder "
		         "eigenaar bij het exporteren", ex->s->path,
		         t->section);
		ex->failed = 1;
	}
	return ex->failed ? -1 : 0;
}

/* Add key: list to parent unless the list is empty. */
static void add_list(struct doc_node *parent, const char *key,
                     struct doc_node *list)
{
	if (list->len)
		doc_map_add(parent, key, list);
	else
		doc_free(list);
}

/* Add the items of list section t of scope to parent, with their nested
 * list (review comments) if t has one. */
static int export_list(struct exp *ex, struct doc_node *parent,
                       const struct table *t, rowid_t scope)
{
	const struct table *nt = t->nested;
	struct cset cs, ns;
	struct doc_node *list = doc_new_seq(DOC_AUTO);

	if (cset_open(ex, t, scope, &cs) != 0 ||
	    (nt && cset_open(ex, nt, scope, &ns) != 0)) {
		doc_free(list);
		return -1;
	}
	while (!ex->failed && cs.main.rc == SQLITE_ROW) {
		struct doc_node *m = build_map(ex, t, cs.main.st, cs.link,
		                               &cs.extras, 1);

		if (nt) {
			rowid_t id = sqlite3_column_int64(cs.main.st, 0);
			struct doc_node *sub = doc_new_seq(DOC_AUTO);

			while (!ex->failed &&
			       cur_at(&ns.main, (int)nt->ncols + 1, id)) {
				doc_seq_add(sub, build_map(ex, nt, ns.main.st,
				            ns.link, &ns.extras, 1));
				(void)cur_next(ex, &ns.main);
			}
			add_list(m, nt->section, sub);
		}
		doc_seq_add(list, m);
		(void)cur_next(ex, &cs.main);
	}
	add_list(parent, t->section, list);
	if (cset_done(ex, t, &cs) != 0 || (nt && cset_done(ex, nt, &ns) != 0))
		return -1;
	return 0;
}

/* The mapping of a single-owner section (household, analysis): one row of
 * t->select for row id key, and its extras. */
static struct doc_node *export_single(struct exp *ex, const struct table *t,
                                      rowid_t key, struct cursor *row)
{
	struct cursor xc;
	struct doc_node *map;

	if (cur_open(ex, row, t->select, key) != 0)
		return NULL;
	if (row->rc != SQLITE_ROW)
		return NULL;
	if (cur_open(ex, &xc, t->extras, key) != 0)
		return NULL;
	map = build_map(ex, t, row->st, NULL, &xc, 0);
	if (xc.rc == SQLITE_ROW && !ex->failed) {
		diag_add(ex->d, NULL, 0, 0, "database %s: %s: onverwachte "
		         "extra velden", ex->s->path, t->section);
		ex->failed = 1;
	}
	return map;
}

/* Add the analysis of session sid (model, extras, factors, hypotheses) to
 * the session mapping, unless it is empty. */
static int export_analysis(struct exp *ex, struct doc_node *sess,
                           rowid_t sid)
{
	struct cursor row;
	struct doc_node *an;

	an = export_single(ex, &analysis_table, sid, &row);
	if (!an && !ex->failed) { /* not within one read transaction */
		diag_add(ex->d, NULL, 0, 0, "database %s: sessie %lld verdween "
		         "tijdens het exporteren", ex->s->path, (long long)sid);
		ex->failed = 1;
	}
	if (!an)
		return -1;
	if (export_list(ex, an, &factor_table, sid) != 0 ||
	    export_list(ex, an, &hypothesis_table, sid) != 0) {
		doc_free(an);
		return -1;
	}
	add_list(sess, "analysis", an);
	return 0;
}

/* The session of the current row of st (a select of session_table's
 * columns) with all its parts; NULL when ex->failed. */
static struct doc_node *export_session(struct exp *ex, sqlite3_stmt *st)
{
	static const struct table *const parts[] = {
		&participant_table, &statement_table, &concern_table,
		NULL, /* analysis */
		&plan_table, &review_table,
	};
	rowid_t sid = sqlite3_column_int64(st, 0);
	struct cursor xc;
	struct doc_node *m = NULL;
	size_t i;

	if (cur_open(ex, &xc, session_table.extras, sid) == 0)
		m = build_map(ex, &session_table, st, NULL, &xc, 0);
	for (i = 0; m && !ex->failed && i < NCOLS(parts); i++) {
		assert(strcmp(session_children[i], parts[i] ?
		              parts[i]->section : "analysis") == 0);
		if (parts[i])
			(void)export_list(ex, m, parts[i], sid);
		else
			(void)export_analysis(ex, m, sid);
	}
	return m;
}

/* Every session of household hid, by version, with all its parts. */
static int export_sessions(struct exp *ex, struct doc_node *root,
                           rowid_t hid)
{
	struct doc_node *list = doc_new_seq(DOC_AUTO);
	struct cursor sc;

	if (cur_open(ex, &sc, session_table.select, hid) != 0) {
		doc_free(list);
		return -1;
	}
	while (!ex->failed && sc.rc == SQLITE_ROW) {
		struct doc_node *m = export_session(ex, sc.st);

		if (m)
			doc_seq_add(list, m);
		(void)cur_next(ex, &sc);
	}
	add_list(root, "sessions", list);
	return ex->failed ? -1 : 0;
}

/* One session by row id, in the columns of session_table.select. */
static const char session_by_id_sql[] =
	"SELECT id, uuid, version, date, status, evaluation FROM session"
	" WHERE id = ?1";

/*
 * What session sid holds, as text: its export without forms (fields in
 * the store's order, so the same rows always give the same text) and
 * without its status, which changes by the review steps alone. Two prints
 * are equal exactly when nothing of the session changed: no field, item,
 * link, extra field, review or comment, nor the ref of a member it names.
 * Runs in the caller's transaction. Caller frees; NULL after a diagnostic.
 */
static char *session_print(struct store *s, rowid_t sid, struct diags *d)
{
	struct exp ex;
	struct cursor sc;
	struct doc_node *m = NULL;
	char *text = NULL;

	memset(&ex, 0, sizeof ex);
	ex.s = s;
	ex.d = d;
	if (cur_open(&ex, &sc, session_by_id_sql, sid) == 0 &&
	    sc.rc == SQLITE_ROW)
		m = export_session(&ex, sc.st);
	(void)sqlite3_reset(sc.st);
	if (m && !ex.failed) {
		size_t i;

		for (i = 0; i < m->len &&
		     strcmp(m->pair[i].key, "status") != 0; i++)
			;
		if (i < m->len) {
			free(m->pair[i].key);
			doc_free(m->pair[i].value);
			memmove(&m->pair[i], &m->pair[i + 1],
			        (m->len - i - 1) * sizeof *m->pair);
			m->len--;
		}
		text = doc_emit_string(m, d);
	} else if (!ex.failed) {
		diag_add(d, NULL, 0, 0, "database %s: sessie %lld niet "
		         "gevonden", s->path, (long long)sid);
	}
	doc_free(m);
	return text;
}

static const char household_rowid_sql[] =
	"SELECT id FROM household WHERE uuid = ?1";

/* The row id of the household with uuid, 0 when there is none. */
static int household_rowid(struct exp *ex, const char *uuid, rowid_t *out)
{
	sqlite3_stmt *st = store_stmt(ex->s, household_rowid_sql, ex->d);
	int rc;

	*out = 0;
	if (!st) {
		ex->failed = 1;
		return -1;
	}
	rc = sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	(void)sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_db_error(ex->s, rc, "lezen", ex->d);
		ex->failed = 1;
		return -1;
	}
	return 0;
}

/*
 * The household as a duo-case/1 document, read in one read transaction:
 * for store_export_case (ids 0) and store_load_case (ids 1: every item
 * with its "_id", and the household's revision in *rev).
 */
static struct doc_node *export_case(struct store *s, const struct formset *fs,
                                    const char *household_id, int ids,
                                    long *rev, struct diags *d)
{
	struct exp ex;
	struct cursor row;
	struct doc_node *root = NULL, *hh = NULL;
	rowid_t hid = 0;

	assert(s && household_id);
	memset(&ex, 0, sizeof ex);
	ex.s = s;
	ex.fs = fs;
	ex.d = d;
	ex.ids = ids;
	if (store_begin(s, 0, d) != 0)
		return NULL;
	if (household_rowid(&ex, household_id, &hid) == 0 && hid)
		hh = export_single(&ex, &household_table, hid, &row);
	if (!hh && !ex.failed) {
		diag_add(d, NULL, 0, 0, "huishouden %s niet gevonden",
		         household_id);
		ex.failed = 1;
	}
	if (hh) {
		if (rev) /* the column after those of the fields */
			*rev = (long)sqlite3_column_int64(row.st,
			       (int)household_table.ncols + 1);
		root = doc_new_map(DOC_AUTO);
		doc_map_add(root, "format",
		            doc_new_scalar("duo-case/1", DOC_PLAIN));
		doc_map_add(root, "household", hh);
		(void)export_list(&ex, hh, &member_table, hid);
		(void)export_sessions(&ex, root, hid);
	}
	store_stmts_reset(s);
	if (ex.failed) {
		store_rollback(s);
		doc_free(root);
		return NULL;
	}
	if (store_commit(s, d) != 0) {
		doc_free(root);
		return NULL;
	}
	return root;
}

/* The household as a duo-case/1 document; see store.h. */
struct doc_node *store_export_case(struct store *s, const struct formset *fs,
                                   const char *household_id, struct diags *d)
{
	return export_case(s, fs, household_id, 0, NULL, d);
}

/* The household for the screens: ids and revision; see store.h. */
struct doc_node *store_load_case(struct store *s, const struct formset *fs,
                                 const char *household_id, long *rev,
                                 struct diags *d)
{
	long r = 0;
	struct doc_node *root = export_case(s, fs, household_id, 1, &r, d);

	if (root && rev)
		*rev = r;
	return root;
}

/* Do the tables agree with form_builtin_keys() and form_skeleton? */
int store_binding_check(struct diags *d)
{
	size_t i, j;
	int bad_count = 0;

	for (i = 0; i < NCOLS(all_tables); i++) {
		const struct table *t = all_tables[i];
		const char *const *keys = form_builtin_keys(t->section);
		const struct skeleton_entry *e;
		size_t nkeys = 0;

		if (!keys) {
			diag_add(d, NULL, 0, 0, "%s: geen ingebouwde velden",
			         t->section);
			bad_count++;
			continue;
		}
		for (; keys[nkeys]; nkeys++)
			if (col_index(t, keys[nkeys]) < 0) {
				diag_add(d, NULL, 0, 0, "%s.%s: geen kolom",
				         t->section, keys[nkeys]);
				bad_count++;
			}
		for (j = 0; j < t->ncols; j++) {
			size_t k;

			for (k = 0; k < nkeys &&
			     strcmp(keys[k], t->cols[j].key) != 0; k++)
				;
			if (k == nkeys) {
				diag_add(d, NULL, 0, 0, "%s.%s: niet ingebouwd "
				         "volgens form.c", t->section,
				         t->cols[j].key);
				bad_count++;
			}
		}
		for (e = form_skeleton; e->key; e++)
			if (str_eq(e->parent, t->section) &&
			    !is_child(t, e->key)) {
				diag_add(d, NULL, 0, 0, "%s > %s ontbreekt",
				         t->section, e->key);
				bad_count++;
			}
	}
	return bad_count ? -1 : 0;
}
