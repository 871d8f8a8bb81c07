/*
 * review.h - review and versions: the steps of a session's status, the
 * team lead's comments and the duo's replies, and an evaluation as a new
 * version. What the command line and the screens call; nothing here knows
 * SQL or the terminal.
 *
 * The life of one version of the analysis:
 *
 *   concept --submit--> ter-review --approve--> vastgesteld --> herzien
 *      ^                    |                        |
 *      +------return--------+                  evaluate: version N+1,
 *                                              a concept copy of it
 *
 *   submit    the duo (role lokaal or rvt) hands the concept in; refused
 *             while something required is missing (casedoc_missing) or
 *             a comment is still open. Both are checked against the
 *             same state that is handed in: completeness on the
 *             household at revision R, and the store's transaction hands
 *             in only while the household is still at R (else it looks
 *             again), the open comments inside that transaction
 *   approve   a teamleider fixes it; the household's earlier vastgesteld
 *             version becomes herzien in the same transaction. Another
 *             team lead's review of the version still in progress ends
 *             there too, with the decision vervallen: a fixed version
 *             takes no more comments, so it could never end otherwise
 *   return    a teamleider sends it back with at least one comment
 *   evaluate  anyone starts version N+1 from the vastgesteld latest
 *             version (casedoc_new_version: a concept with everything
 *             carried over but the reviews and the evaluation date)
 *
 * Who may edit what (enforced by the store, store.h): only a concept is
 * edited. A ter-review session holds still while the team lead reads it:
 * the duo who wants to change something asks for it back (return); the
 * comment thread goes on meanwhile (comments, replies, resolving). A
 * vastgesteld or herzien session, its comments included, never changes.
 *
 * Comments: a teamleider comments on a target (validate_target: a section,
 * a statement, factor, hypothesis or plan ref, or top3/RANK) of a concept
 * or ter-review session; the comments of one team lead gather in their
 * open review until they approve or return. The duo replies; anyone marks
 * a comment resolved or opens it again. Comments live in the session's
 * reviews (duo-case/1 reviews[].comments[] with on, text, reply,
 * replied_by, resolved), travel with the professional export and the case
 * file, and never with the household's summary.
 *
 * Every step is one transaction with an audit row naming user and role
 * (store_set_role) and what changed ("versie 2: concept → ter-review").
 * Functions that change something return -1 after a Dutch diagnostic that
 * says what was refused and why; the database is then unchanged.
 */
#ifndef DUO_REVIEW_H
#define DUO_REVIEW_H

#include <stddef.h>

#include "doc.h"
#include "form.h"
#include "store.h"
#include "util.h"

/* Stages 0..6 of a session walk: 0 huishouden .. 5 samenvatting, 6 the
 * review itself. */
#define REVIEW_STAGES 7

/* ---- reading a document (the household as store_load_case or
 * store_export_case gives it) ---- */

/* 1 when the session may be edited (concept), else 0 and a Dutch reason
 * in why ("Versie 2 is ingediend en wacht op de teamleider; ..."). */
int review_editable(const struct doc_node *session, char *why, size_t len);

/*
 * Would removing member ref change a session that may not change (any but
 * a concept)? Returns the first such version, 0 when the member may go.
 * The store refuses such a save; screens ask this first.
 */
long review_member_locked(const struct doc_node *root, const char *ref);

/* May an evaluation start? 0 when the latest version is vastgesteld (or
 * herzien); otherwise -1 and a Dutch reason in why, a clause as in a
 * diagnostic ("versie 2 is nog een concept; ..."). */
int review_can_evaluate(const struct doc_node *root, char *why, size_t len);

/* The stage (0..6) the target of a comment lies in: top3/N 2; a statement
 * ref 1; a factor or hypothesis ref 3; a plan ref 4; a section by the form
 * that holds it (samenvatting 5); -1 when the session has no such target. */
int review_target_stage(const struct formset *fs,
                        const struct doc_node *session, const char *on);

/* One comment of a session, in the order of its reviews and their
 * comments. Strings point into the document. */
struct review_comment {
	int number;           /* 1..n within the session: what the command
	                         line calls it */
	long id;              /* its row id ("_id"), 0 in an export */
	int stage;            /* review_target_stage; 6 when unknown */
	const char *on, *text;
	const char *reviewer; /* of its review */
	const char *date;     /* of its review */
	const char *decision; /* of its review: akkoord, terug, vervallen
	                         (another team lead fixed the version
	                         first), or NULL while it is in progress */
	const char *reply, *replied_by;
	int resolved;
};

/* Every comment of a session, and how many per stage (for a sidebar). */
struct review_comments {
	struct review_comment *v;
	size_t n;
	size_t open;                    /* not resolved */
	int count[REVIEW_STAGES];       /* per stage, all */
	int open_count[REVIEW_STAGES];  /* per stage, not resolved */
};
void review_comments(const struct formset *fs, const struct doc_node *session,
                     struct review_comments *out);
void review_comments_free(struct review_comments *c);

/* ---- changing the database (version 0: the latest version) ---- */

/* The steps. Each returns the version it changed, or -1. */
int review_submit(struct store *s, const struct formset *fs,
                  const char *household_id, int version, struct diags *d);
int review_approve(struct store *s, const char *household_id, int version,
                   struct diags *d);
int review_return(struct store *s, const char *household_id, int version,
                  struct diags *d);
/* Start version N+1 as a concept copy of the vastgesteld version N; one
 * transaction with audit action "evaluate". Returns N+1, or -1. */
int review_evaluate(struct store *s, const struct formset *fs,
                    const char *household_id, struct diags *d);

/* Add a comment on target on (checked against the session); its row id
 * goes to *out_id (may be NULL). 0 or -1. */
int review_comment(struct store *s, const struct formset *fs,
                   const char *household_id, int version, const char *on,
                   const char *text, long *out_id, struct diags *d);
/* Reply to, resolve (resolved = 1) or reopen (0) the comment with this
 * row id (review_comment.id). 0 or -1. */
int review_reply(struct store *s, const char *household_id, long comment_id,
                 const char *text, struct diags *d);
int review_resolve(struct store *s, const char *household_id,
                   long comment_id, int resolved, struct diags *d);

#endif
