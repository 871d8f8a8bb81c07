/*
 * casedoc.h - editing a household's case document: the model behind the
 * screens.
 *
 * The document is a duo-case/1 tree (doc.h) as store_load_case returns it:
 * every item mapping carries its row id under "_id" (STORE_ITEM_ID). The
 * screens change it only through these functions and save it whole with
 * store_save_case; nothing here knows SQL or the terminal, so every rule of
 * editing is unit tested directly.
 *
 * Sections are named by their form_skeleton keys ("members", "statements",
 * "top3", "factors", ...). Items keep the field order of their form section
 * (casedoc_set inserts a new key at its form position), so a saved and
 * exported document looks the same as an imported one.
 */
#ifndef DUO_CASEDOC_H
#define DUO_CASEDOC_H

#include <stddef.h>

#include "doc.h"
#include "form.h"
#include "util.h"

/* A new household document: format, household with a fresh id and name,
 * no members and no sessions. */
struct doc_node *casedoc_new_household(const char *name);

/* The session mapping with this version, or the highest when version is 0.
 * NULL when there is none. */
struct doc_node *casedoc_session(struct doc_node *root, int version);

/* Start a new session: version one higher than the highest, date today,
 * status concept, a fresh id; the evaluation date empty. Returns it. */
struct doc_node *casedoc_new_session(struct doc_node *root, const char *today);

/* Start an evaluation: a new session as above that carries over the
 * latest version's participants, statements, TOP-3, analysis and plan,
 * every item with a fresh "_id", so nothing is typed twice and what changes
 * stays visible between versions. Reviews (they judged the old version)
 * and the evaluation date are not carried over. With no earlier session it
 * is casedoc_new_session. Returns the new session. */
struct doc_node *casedoc_new_version(struct doc_node *root, const char *today);

/*
 * The sequence of items of a section: members in the household; the lists
 * of a session (participants, statements, top3, plan, reviews); factors and
 * hypotheses in the session's analysis mapping; comments in a review (pass
 * the review as session). With create != 0 a missing list (and analysis
 * mapping) is made, empty. NULL when absent and create == 0.
 */
struct doc_node *casedoc_list(struct doc_node *root, struct doc_node *session,
                              const char *section, int create);

/* The item of a section with this "_id", and its index in *index; NULL if
 * none. */
struct doc_node *casedoc_find(struct doc_node *root, struct doc_node *session,
                              const char *section, const char *item_id,
                              size_t *index);

/* The scalar text of item[key], NULL when absent or not a scalar. */
const char *casedoc_get(const struct doc_node *item, const char *key);

/*
 * Set a scalar field of an item of section; NULL or "" removes the key. The
 * node style follows the field type (plain for dates, numbers, choices,
 * bools; auto for text). A new key is inserted at its form position.
 */
void casedoc_set(const struct formset *fs, const char *section,
                 struct doc_node *item, const char *key, const char *text);
/* Set a list field (members, statements, factors, ranks) to n values;
 * n == 0 removes it. */
void casedoc_set_list(const struct formset *fs, const char *section,
                      struct doc_node *item, const char *key,
                      const char *const *values, size_t n);
/* Set one person's score in a scores field (score < 0 removes it; an empty
 * mapping removes the field). */
void casedoc_set_score(const struct formset *fs, const char *section,
                       struct doc_node *item, const char *key,
                       const char *person, int score);

/*
 * Add an item at the end of a section and return it: a fresh "_id"; a new
 * unique ref where the section has refs (statements f1.., z1.., m1.. by
 * kind; factors a1..; hypotheses h1..; plan p1..; members a lowercase
 * ASCII form of name, or "lid1"..); the first free rank for top3; kind
 * (statements, plan) set when given. NULL when the section is full (top3),
 * with a Dutch reason in err: "De TOP-3 heeft al drie zorgen. ...".
 */
struct doc_node *casedoc_add(const struct formset *fs, struct doc_node *root,
                             struct doc_node *session, const char *section,
                             const char *kind, const char *name, char *err,
                             size_t errlen);

/*
 * Remove item index of a section, and every pointer to it: member refs in
 * about lists, holders, participants, factors and scores; statement refs in
 * evidence; factor refs in hypotheses; a top-3 rank in explains, plan
 * concern and comment targets "top3/N" (later ranks move up by one, so
 * ranks stay 1..n); refs in comment targets.
 */
void casedoc_remove(struct doc_node *root, struct doc_node *session,
                    const char *section, size_t index);

/* Move item from to position to within its list. For top3 the ranks are
 * renumbered 1..n in the new order and every pointer to a rank follows its
 * item. */
void casedoc_move(struct doc_node *root, struct doc_node *session,
                  const char *section, size_t from, size_t to);

/*
 * Move a statement of session to another column: set its kind (feit, zorg,
 * mening), keeping text and every other field. A ref duo gave (a kind's
 * letter and a number) becomes the next free ref of the new kind (feit f2
 * becomes mening m4), and every pointer to the old ref follows: evidence
 * of the TOP-3, comment targets. A ref the user typed otherwise stays.
 * 0, or -1 for an unknown kind.
 */
int casedoc_reclassify(const struct formset *fs, struct doc_node *root,
                       struct doc_node *session, struct doc_node *statement,
                       const char *kind);

/* Make a top-3 item of a zorg: title from its first sentence (at most 80
 * characters, cut at a word), what = its text. NULL with a reason in err
 * when the top-3 is full. */
struct doc_node *casedoc_promote(const struct formset *fs,
                                 struct doc_node *root,
                                 struct doc_node *session,
                                 const struct doc_node *zorg, char *err,
                                 size_t errlen);

/*
 * What is still missing in one stage of a session (0 huishouden en
 * aanwezigen, 1 feiten/zorgen/meningen, 2 TOP-3, 3 verklarende analyse,
 * 4 plan), as short Dutch lines added to *out ("2 feiten zonder bron",
 * "TOP-3 1 rust niet op een feit", "voorwaarde p2 zonder gevolg", "geen
 * evaluatiedatum"). Required fields come from the forms. Returns the number
 * of lines: 0 means the stage is complete.
 */
int casedoc_missing(const struct formset *fs, struct doc_node *root,
                    struct doc_node *session, int stage, struct diags *out);

/* One difference between two versions of a household document. */
struct casedoc_change {
	char *item_id;   /* "_id" of the item, or the household/session id */
	char *section;   /* skeleton key */
	char *key;       /* field key; NULL when a whole item came or went */
	char *before;    /* old value as text (lists joined by ", "); NULL */
	char *after;     /* new value; NULL when removed */
	char *line;      /* Dutch, for the audit trail: "feit f3: Bron gewijzigd" */
	char *name;      /* casedoc_diff_versions only (else NULL): the item
	                    as people call it, "feit f3", "TOP-3 1" */
};
void casedoc_changes_free(struct casedoc_change *v, size_t n);

/* Every difference from a to b, items matched by "_id" (household and
 * sessions by id). Returns the count; *out is owned by the caller. */
size_t casedoc_diff(const struct formset *fs, const struct doc_node *a,
                    const struct doc_node *b, struct casedoc_change **out);

/*
 * Every difference between two sessions (versions) of one household, sa
 * the older: the session's own fields (its version and id left out), and
 * its participants, statements, TOP-3, analysis and plan. Reviews are left
 * out: they judge one version and are not carried over to the next.
 *
 * An evaluation gives every item a fresh "_id", so items are matched by
 * what stays the same between versions: first the same text (a TOP-3
 * item: title), so that a statement moved to another column (f2 became
 * m4) or a concern that moved up keeps its history (changes of "ref",
 * "kind", "rank"); then the ref (statements, factors, hypotheses, plan)
 * or the rank, unless the two texts have less than a third of their words
 * in common: then the ref was used again for another item, and one item
 * went while another came. A participant is matched by member or name. A
 * change's item_id is the "_id" of the
 * item in sb (in sa when it was removed), when the documents have them.
 * A whole item that came or went has the item's main text (text, title
 * or name) as after or before. Returns the count; *out is owned by the
 * caller.
 */
size_t casedoc_diff_versions(const struct formset *fs,
                             const struct doc_node *sa,
                             const struct doc_node *sb,
                             struct casedoc_change **out);

/*
 * Three-way merge: mine and theirs both started from base. The result takes
 * every field, item and order change made on one side only; a field changed
 * on both sides to different values is a conflict: the result holds theirs
 * and the conflict is listed (item, key, mine, theirs) so the screen can let
 * the user choose and apply the choice with casedoc_set. An item deleted on
 * one side and edited on the other is kept, with a conflict whose key is
 * NULL. Returns the merged document (caller frees); *conf is owned by the
 * caller (free with casedoc_changes_free; before = mine, after = theirs).
 */
struct doc_node *casedoc_merge(const struct formset *fs,
                               const struct doc_node *base,
                               const struct doc_node *mine,
                               const struct doc_node *theirs,
                               struct casedoc_change **conf, size_t *nconf);

#endif
