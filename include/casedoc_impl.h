/*
 * casedoc_impl.h - what the files of the case document model share, and
 * nothing else needs: tree helpers, the shape of a document (key order,
 * lists), the pointer fields and their walker, Dutch names of items, and
 * the change list with the item keys that diff and merge match on.
 *
 * Private to the casedoc files (the rest of duo uses casedoc.h):
 *   casedoc_tree.c     small helpers on doc_node trees
 *   casedoc.c          document access and editing: lists, fields, adding,
 *                      reclassify, promote, removing and moving items
 *   casedoc_ptr.c      the fields that point at other items, and the walker
 *                      that removal, renumbering and the merge use
 *   casedoc_name.c     what items and fields are called, in Dutch
 *   casedoc_missing.c  casedoc_missing: what a stage still lacks
 *   casedoc_diff.c     casedoc_diff, the change list, matching items by key
 *   casedoc_merge.c    casedoc_merge: the three-way merge
 *
 * The functions here start with cd_ (the public ones in casedoc.h with
 * casedoc_); helpers used in one file only stay static there. Every
 * returned char * is owned by the caller unless its comment says
 * otherwise; returned nodes are borrowed from the tree they were found in.
 */
#ifndef DUO_CASEDOC_IMPL_H
#define DUO_CASEDOC_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "casedoc.h"
#include "doc.h"
#include "form.h"

#define NPOS SIZE_MAX           /* "not found" for indexes */

/* ---- tree helpers (casedoc_tree.c) ----------------------------------- */

/* Index of key in map, NPOS when absent or map is not a mapping. */
size_t cd_map_find(const struct doc_node *map, const char *key);
/* Remove pair i of map, or key (nothing when absent); the value is freed. */
void cd_map_remove_at(struct doc_node *map, size_t i);
void cd_map_remove(struct doc_node *map, const char *key);
/* Insert key: v at position at; map owns v. */
void cd_map_insert_at(struct doc_node *map, size_t at, const char *key,
                      struct doc_node *v);
/* Take item i out of seq; the caller owns it. */
struct doc_node *cd_seq_take(struct doc_node *seq, size_t i);
/* Insert n at position at; seq owns n. */
void cd_seq_insert_at(struct doc_node *seq, size_t at, struct doc_node *n);

/* 1 when n holds no value: absent, null, "", or an empty collection. */
int cd_node_blank(const struct doc_node *n);
/* Deep equality of values, ignoring style and position; blank values
 * (and absent keys) are equal to each other; mapping keys may come in any
 * order. */
int cd_node_equal(const struct doc_node *a, const struct doc_node *b);
/* n when it is of type, else NULL. */
const struct doc_node *cd_as_type(const struct doc_node *n,
                                  enum doc_type type);
/* A value as one line of text: scalars as they are, lists joined by ", ",
 * mappings as "key value, ...". NULL when blank; caller frees. */
char *cd_value_text(const struct doc_node *n);
/* Numeric value of a whole-number text; 0 and *ok = 0 otherwise. */
long cd_text_long(const char *t, int *ok);

/* Items in a list that may be absent (NULL counts as empty). */
size_t cd_list_len(const struct doc_node *list);
/* The first item of list whose key has this text, or NULL. */
struct doc_node *cd_find_by(const struct doc_node *list, const char *key,
                            const char *text);

/* Index of s in v[0..n), NPOS when absent. */
size_t cd_strv_find(char *const *v, size_t n, const char *s);
/* Free v and its n strings. */
void cd_strv_free(char **v, size_t n);

/* ---- the shape of a document (casedoc.c) ----------------------------- */

/* The form field key of section, NULL when the forms do not know it. */
const struct form_field *cd_section_field(const struct formset *fs,
                                          const char *section,
                                          const char *key);
/* 1 if key is a nested section of section (not a field). */
int cd_is_child_key(const char *section, const char *key);
/* Set item[key] to v (owned): in place when present, else inserted at its
 * place in the form order ("_id" first, the form's fields, extras, then
 * the nested sections in skeleton order). */
void cd_item_put(const struct formset *fs, const char *section,
                 struct doc_node *item, const char *key, struct doc_node *v);
/* Replace the text of scalar n, keeping its style. */
void cd_scalar_set(struct doc_node *n, const char *text);

/* The household mapping; the analysis mapping of a session (made with the
 * default model 4p). Made when create is set; NULL when absent or not a
 * mapping. */
struct doc_node *cd_root_household(struct doc_node *root, int create);
struct doc_node *cd_session_analysis(struct doc_node *session, int create);
/* A list of a session (or of a review) that may be absent; read only. */
struct doc_node *cd_slist(struct doc_node *session, const char *section);
/* The version number of a session, 0 when it has none. */
long cd_session_version(const struct doc_node *session);

/* A ref prefix+N not used in list, N one above the highest in use (at
 * least first); plain prefix counts as N = 1 when bare_is_one is set.
 * Caller frees. */
char *cd_next_ref(const struct doc_node *list, const char *prefix,
                  long first, int bare_is_one);
/* Set the ranks of the top-3 list to 1..n in list order (pointers to the
 * ranks are not touched). */
void cd_top3_renumber(const struct formset *fs, struct doc_node *list);

/* ---- pointers between items (casedoc_ptr.c) -------------------------- */

enum ptr_shape {
	P_SCALAR,   /* the value is one pointer */
	P_LIST,     /* a sequence of pointers */
	P_KEYS,     /* the keys of a mapping (scores by member) */
	P_TARGET    /* a review comment target: a ref, top3/N or a section */
};

/* One built-in field that points at other items. */
struct ptr_field {
	const char *section, *key;
	const char *target;     /* the section pointed at; NULL: P_TARGET */
	enum ptr_shape shape;
};

/* The sections a comment target may name by ref, in lookup order;
 * NULL-terminated. */
extern const char *const cd_target_sections[];
/* 1 when a comment target may name an item of section by its ref. */
int cd_target_section(const char *section);

enum ptr_act { PTR_KEEP, PTR_SET, PTR_DROP };

/* Decide about one pointer text; on PTR_SET *set is the new text (owned).
 * PTR_DROP removes the pointer (and a participant whose member it was). */
typedef enum ptr_act (*ptr_fn)(const struct ptr_field *pf, const char *text,
                               char **set, void *arg);

/* Apply fn to every pointer of every item of one session; of every
 * session of root. */
void cd_ptr_visit_session(struct doc_node *session, ptr_fn fn, void *arg);
void cd_ptr_visit_root(struct doc_node *root, ptr_fn fn, void *arg);
/* Apply fn to item[key] when section.key is a pointer field (for one
 * value: that the item itself should go is not told). */
void cd_ptr_apply_key(const char *section, const char *key,
                      struct doc_node *item, ptr_fn fn, void *arg);
/* Keep the explains lists of a session sorted and without doubles after
 * its rank pointers changed. */
void cd_tidy_explains(struct doc_node *session);

/* ---- naming items, for people (casedoc_name.c) ----------------------- */

/* label with its first letter lowercase, unless it is an abbreviation
 * ("TOP-3"). Caller frees. */
char *cd_lc_first(const char *label);
/* What one item of section is called ("lid", "sessie"); what the section
 * is called ("plan", "TOP-3"); lowercase but for abbreviations. Caller
 * frees. */
char *cd_item_word(const struct formset *fs, const char *section);
char *cd_section_word(const struct formset *fs, const char *section);
/*
 * A short Dutch name of an item: "huishouden", "lid anouk", "sessie 2",
 * "feit f3", "TOP-3 1", "plan p4" (by_kind: "voorwaarde p4"), "factor a1",
 * "aanwezige Fatima El Amrani", "beoordeling 1", "opmerking 2". index is
 * its position, used when it has no ref. Caller frees.
 */
char *cd_item_name(const struct formset *fs, const char *section,
                   const struct doc_node *item, size_t index, int by_kind);
/* 1 if section lies inside a session. */
int cd_in_session(const char *section);
/* "sessie N: " when root has more than one session and section lies in
 * one, else "". Caller frees. */
char *cd_name_prefix(const struct formset *fs, const struct doc_node *root,
                     const struct doc_node *session, const char *section);
/* cd_item_name with cd_name_prefix in front. Caller frees. */
char *cd_full_name(const struct formset *fs, const struct doc_node *root,
                   const struct doc_node *session, const char *section,
                   const struct doc_node *item, size_t index, int by_kind);
/* A short description of an item for a change: its ref, a top-3 title,
 * a participant's name, a reviewer, a comment target, a version. Caller
 * frees. */
char *cd_item_desc(const char *section, const struct doc_node *item);
/* A field's label, or its key when the forms do not know it; borrowed. */
const char *cd_field_label(const struct formset *fs, const char *section,
                           const char *key);

/* ---- changes and item keys (casedoc_diff.c) -------------------------- */

/* A growing list of changes (or conflicts), as casedoc.h hands it out. */
struct changes {
	struct casedoc_change *v;
	size_t n, cap;
};

/* Append a change; the strings are copied, line is taken over. */
void cd_change_add(struct changes *c, const char *item_id,
                   const char *section, const char *key, const char *before,
                   const char *after, char *line);

/* The key that matches an item across versions: "_id"; for sessions
 * "id" (or the version); without ids the ref or rank, else the position.
 * Caller frees. */
char *cd_item_key(const char *section, const struct doc_node *item,
                  size_t index);

/* The keys of every item of a list, in list order. */
struct keys {
	char **v;
	size_t n;
};
void cd_keys_make(struct keys *k, const char *section,
                  const struct doc_node *list);
size_t cd_keys_find(const struct keys *k, const char *key); /* or NPOS */
void cd_keys_free(struct keys *k);

/* The descriptions of a list's items in order, joined by ", ". Caller
 * frees. */
char *cd_list_desc(const char *section, const struct doc_node *list);

#endif
