/*
 * review.c - review and versions over the store (see review.h): what the
 * store cannot check without the forms (is the concept complete? is a
 * comment's target in the session?), reading the comments of a session
 * with their stages, and an evaluation as a new version built by
 * casedoc_new_version. The rules of status and role themselves are the
 * store's (store_review.c), so that nothing gets around them.
 */
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "config.h"
#include "review.h"
#include "store.h"
#include "validate.h"

/* How often an evaluation or a handing-in is tried again when another process saved the
 * household between reading and writing it. */
#define EVALUATE_ROUNDS 3

static long version_of(const struct doc_node *session)
{
	const char *v = doc_map_str(session, "version");

	return v ? strtol(v, NULL, 10) : 0;
}

/* A status whose session may not change: all but concept. */
static int locked_status(const char *status)
{
	return str_eq(status, "ter-review") || str_eq(status, "vastgesteld") ||
	       str_eq(status, "herzien");
}

/* See review.h. */
int review_editable(const struct doc_node *session, char *why, size_t len)
{
	const char *status = doc_map_str(session, "status");
	long v = version_of(session);

	if (!locked_status(status))
		return 1;
	if (str_eq(status, "ter-review"))
		snprintf(why, len, "Versie %ld is ingediend en wacht op de "
		         "teamleider. Aanpassen kan weer als de teamleider haar "
		         "terugstuurt.", v);
	else if (str_eq(status, "herzien"))
		snprintf(why, len, "Versie %ld is herzien: er is een nieuwere "
		         "versie. Deze verandert niet meer.", v);
	else
		snprintf(why, len, "Versie %ld is vastgesteld en verandert niet "
		         "meer. Begin een evaluatie (een nieuwe versie) om verder "
		         "te werken.", v);
	return 0;
}

/* The text of a session, to see whether an edit touched it. */
static char *session_text(const struct doc_node *session)
{
	struct diags d = {0};
	char *text = doc_emit_string(session, &d);

	diags_free(&d);
	return text;
}

/* See review.h: remove the member from a copy and compare every locked
 * session before and after, as the store would. */
long review_member_locked(const struct doc_node *root, const char *ref)
{
	struct doc_node *copy = doc_clone(root);
	struct doc_node *members = casedoc_list(copy, NULL, "members", 0);
	const struct doc_node *before = doc_map_get(root, "sessions");
	const struct doc_node *after;
	long locked = 0;
	size_t i;

	for (i = 0; members && i < members->len; i++)
		if (str_eq(doc_map_str(members->item[i], "ref"), ref))
			break;
	if (!members || i == members->len) {
		doc_free(copy);
		return 0;
	}
	casedoc_remove(copy, NULL, "members", i);
	after = doc_map_get(copy, "sessions");
	for (i = 0; !locked && before && before->type == DOC_SEQ &&
	     i < before->len; i++) {
		char *a, *b;

		if (!locked_status(doc_map_str(before->item[i], "status")))
			continue;
		a = session_text(before->item[i]);
		b = after && i < after->len ? session_text(after->item[i]) :
		    NULL;
		if (!a || !b || strcmp(a, b) != 0)
			locked = version_of(before->item[i]);
		free(a);
		free(b);
	}
	doc_free(copy);
	return locked;
}

/* The latest session of a document, or NULL. */
static const struct doc_node *latest(const struct doc_node *root)
{
	const struct doc_node *list = doc_map_get(root, "sessions");
	const struct doc_node *best = NULL;
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++)
		if (!best || version_of(list->item[i]) > version_of(best))
			best = list->item[i];
	return best;
}

/* See review.h. */
int review_can_evaluate(const struct doc_node *root, char *why, size_t len)
{
	const struct doc_node *last = latest(root);
	const char *status = last ? doc_map_str(last, "status") : NULL;
	long v = version_of(last);

	if (!last) {
		snprintf(why, len, "dit huishouden heeft nog geen sessie; een "
		         "evaluatie begint vanuit een vastgestelde versie");
		return -1;
	}
	if (str_eq(status, "vastgesteld") || str_eq(status, "herzien"))
		return 0;
	if (str_eq(status, "ter-review"))
		snprintf(why, len, "versie %ld is ingediend en wacht op de "
		         "teamleider; een evaluatie begint pas als zij is "
		         "vastgesteld", v);
	else
		snprintf(why, len, "versie %ld is nog een concept; werk daarin "
		         "verder (een evaluatie begint vanuit een vastgestelde "
		         "versie)", v);
	return -1;
}

/* 1 when an item of list key of map has field == value. */
static int has_item(const struct doc_node *map, const char *key,
                    const char *field, const char *value)
{
	const struct doc_node *list = map ? doc_map_get(map, key) : NULL;
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++)
		if (str_eq(doc_map_str(list->item[i], field), value))
			return 1;
	return 0;
}

/* The stage of a section name (a form name, a skeleton key or
 * samenvatting), -1 when it is none. */
static int section_stage(const struct formset *fs, const char *name)
{
	const struct form_section *sec;
	size_t i;

	if (str_eq(name, "samenvatting"))
		return 5;
	for (i = 0; i < fs->nforms; i++)
		if (str_eq(fs->forms[i].name, name))
			return fs->forms[i].stage;
	if (!form_skeleton_get(name))
		return -1;
	sec = formset_section(fs, name);
	return sec && sec->form ? sec->form->stage : -1;
}

/* See review.h. */
int review_target_stage(const struct formset *fs,
                        const struct doc_node *session, const char *on)
{
	const struct doc_node *an = doc_map_get(session, "analysis");
	int stage;

	if (str_empty(on) || validate_target(fs, session, on, NULL, 0) != 0)
		return -1;
	if (str_has_prefix(on, "top3/"))
		return 2;
	stage = section_stage(fs, on);
	if (stage >= 0)
		return stage < REVIEW_STAGES ? stage : -1;
	if (has_item(session, "statements", "ref", on))
		return 1;
	if (has_item(an, "factors", "ref", on) ||
	    has_item(an, "hypotheses", "ref", on))
		return 3;
	if (has_item(session, "plan", "ref", on))
		return 4;
	return -1;
}

/* See review.h. */
void review_comments(const struct formset *fs, const struct doc_node *session,
                     struct review_comments *out)
{
	const struct doc_node *reviews = doc_map_get(session, "reviews");
	size_t cap = 0, i, j;

	memset(out, 0, sizeof *out);
	for (i = 0; reviews && reviews->type == DOC_SEQ && i < reviews->len;
	     i++) {
		const struct doc_node *r = reviews->item[i];
		const struct doc_node *list = doc_map_get(r, "comments");

		for (j = 0; list && list->type == DOC_SEQ && j < list->len;
		     j++) {
			const struct doc_node *c = list->item[j];
			struct review_comment *rc;
			const char *id = doc_map_str(c, STORE_ITEM_ID);

			xgrow(&out->v, &cap, out->n + 1, sizeof *out->v);
			rc = &out->v[out->n++];
			memset(rc, 0, sizeof *rc);
			rc->number = (int)out->n;
			rc->id = id ? strtol(id, NULL, 10) : 0;
			rc->on = doc_map_str(c, "on");
			rc->text = doc_map_str(c, "text");
			rc->reviewer = doc_map_str(r, "reviewer");
			rc->date = doc_map_str(r, "date");
			rc->decision = doc_map_str(r, "decision");
			rc->reply = doc_map_str(c, "reply");
			rc->replied_by = doc_map_str(c, "replied_by");
			rc->resolved = str_eq(doc_map_str(c, "resolved"),
			                      "true");
			rc->stage = review_target_stage(fs, session, rc->on);
			if (rc->stage < 0)
				rc->stage = REVIEW_STAGES - 1;
			out->count[rc->stage]++;
			if (!rc->resolved) {
				out->open++;
				out->open_count[rc->stage]++;
			}
		}
	}
}

void review_comments_free(struct review_comments *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}

/* ---- steps ------------------------------------------------------------------ */

/* The title of the form of stage, or "stap N". */
static const char *stage_title(const struct formset *fs, int stage)
{
	size_t i;

	for (i = 0; i < fs->nforms; i++)
		if (fs->forms[i].stage == stage && fs->forms[i].title)
			return fs->forms[i].title;
	return NULL;
}

/* Is the concept complete (stages 0..4, casedoc_missing)? 0, or -1 after
 * one diagnostic that lists what is missing. */
static int complete(const struct formset *fs, struct doc_node *root,
                    struct doc_node *session, struct diags *d)
{
	struct strbuf sb = {0};
	int stage;
	size_t i;

	for (stage = 0; stage <= 4; stage++) {
		struct diags m = {0};
		const char *title = stage_title(fs, stage);

		if (casedoc_missing(fs, root, session, stage, &m) > 0) {
			sb_addf(&sb, "%sstap %d%s%s%s: ", sb.len ? "; " : "",
			        stage, title ? " (" : "", title ? title : "",
			        title ? ")" : "");
			for (i = 0; i < m.n; i++)
				sb_addf(&sb, "%s%s", i ? ", " : "", m.v[i].msg);
		}
		diags_free(&m);
	}
	int rc = sb.len ? -1 : 0;

	if (rc)
		diag_add(d, NULL, 0, 0, "versie %ld is nog niet af en kan nog "
		         "niet worden ingediend; vul eerst aan: %s",
		         version_of(session), sb_str(&sb));
	sb_free(&sb);
	return rc;
}

static int duo_role(const struct store *s)
{
	const char *role = store_role(s);

	return str_eq(role, "lokaal") || str_eq(role, "rvt");
}

int review_submit(struct store *s, const struct formset *fs,
                  const char *household_id, int version, struct diags *d)
{
	int round;

	/* the store says why a step is refused by role or status; the
	 * forms are needed only to see whether a concept is complete. That
	 * is checked on the household at revision rev, and the store hands
	 * in only while it is still at rev: an edit in between makes us
	 * look again */
	if (!duo_role(s))
		return store_submit(s, household_id, version, d);
	for (round = 0; round < EVALUATE_ROUNDS; round++) {
		long rev = 0;
		struct doc_node *root = store_load_case(s, fs, household_id,
		                                        &rev, d);
		struct doc_node *session;
		int rc = 0;

		if (!root)
			return -1;
		session = casedoc_session(root, version);
		if (session && str_eq(doc_map_str(session, "status"), "concept"))
			rc = complete(fs, root, session, d);
		doc_free(root);
		if (rc != 0)
			return -1;
		rc = store_submit_at(s, household_id, version, rev, d);
		if (rc != STORE_MOVED)
			return rc;
	}
	diag_add(d, NULL, 0, 0, "een ander duo-proces veranderde dit huishouden "
	         "steeds tegelijk; probeer het zo opnieuw");
	return -1;
}

int review_approve(struct store *s, const char *household_id, int version,
                   struct diags *d)
{
	return store_approve(s, household_id, version, d);
}

int review_return(struct store *s, const char *household_id, int version,
                  struct diags *d)
{
	return store_return(s, household_id, version, d);
}

int review_evaluate(struct store *s, const struct formset *fs,
                    const char *household_id, struct diags *d)
{
	char why[256], today[11];
	int round;

	date_today(today);
	for (round = 0; round < EVALUATE_ROUNDS; round++) {
		long rev = 0;
		struct doc_node *root = store_load_case(s, fs, household_id,
		                                        &rev, d);
		const struct doc_node *from;
		struct doc_node *fresh;
		char *line;
		long v;
		int rc;

		if (!root)
			return -1;
		if (review_can_evaluate(root, why, sizeof why) != 0) {
			diag_add(d, NULL, 0, 0, "%s", why);
			doc_free(root);
			return -1;
		}
		from = latest(root);
		line = xasprintf("versie %ld (%s) → versie %ld (concept): "
		                 "evaluatie begonnen", version_of(from),
		                 doc_map_str(from, "status"),
		                 version_of(from) + 1);
		fresh = casedoc_new_version(root, today);
		v = version_of(fresh);
		rc = store_save_case_as(s, root, rev, NULL, "evaluate", &line, 1,
		                        d);
		free(line);
		doc_free(root);
		if (rc == 0)
			return (int)v;
		if (rc != STORE_CONFLICT)
			return -1;
	}
	diag_add(d, NULL, 0, 0, "een ander duo-proces veranderde dit huishouden "
	         "steeds tegelijk; probeer het zo opnieuw");
	return -1;
}

int review_comment(struct store *s, const struct formset *fs,
                   const char *household_id, int version, const char *on,
                   const char *text, long *out_id, struct diags *d)
{
	if (str_eq(store_role(s), "teamleider") && !str_empty(on)) {
		struct doc_node *root = store_export_case(s, fs, household_id, d);
		struct doc_node *session;
		char msg[512];
		int rc = 0;

		if (!root)
			return -1;
		session = casedoc_session(root, version);
		if (session && validate_target(fs, session, on, msg,
		                               sizeof msg) != 0) {
			diag_add(d, NULL, 0, 0, "versie %ld: %s",
			         version_of(session), msg);
			rc = -1;
		}
		doc_free(root);
		if (rc != 0)
			return -1;
	}
	return store_comment_add(s, household_id, version, on, text, out_id,
	                         d);
}

int review_reply(struct store *s, const char *household_id, long comment_id,
                 const char *text, struct diags *d)
{
	return store_comment_reply(s, household_id, comment_id, text, d);
}

int review_resolve(struct store *s, const char *household_id,
                   long comment_id, int resolved, struct diags *d)
{
	return store_comment_resolve(s, household_id, comment_id, resolved, d);
}
