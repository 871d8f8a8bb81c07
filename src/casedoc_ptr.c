/*
 * casedoc_ptr.c - the pointers between the items of a case document: the
 * table that names every built-in field pointing at another item (by ref,
 * by top-3 rank, or a review comment's target), and the walker that hands
 * each pointer to a callback that keeps, rewrites or drops it.
 *
 * casedoc.c walks with it when an item is removed (drop the pointers to
 * it), when a statement's ref follows its new kind (rename them) and when
 * top-3 ranks change (follow the items); casedoc_merge.c
 * turns every pointer into the "_id" of its target and back. A new pointer
 * field needs one line in ptr_fields and nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "casedoc_impl.h"
#include "doc.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* The table and the walker                                               */

static const struct ptr_field ptr_fields[] = {
	{"participants", "member", "members", P_SCALAR},
	{"statements", "about", "members", P_LIST},
	{"statements", "holder", "members", P_SCALAR},
	{"top3", "evidence", "statements", P_LIST},
	{"top3", "scores", "members", P_KEYS},
	{"factors", "about", "members", P_SCALAR},
	{"hypotheses", "factors", "factors", P_LIST},
	{"hypotheses", "explains", "top3", P_LIST},
	{"plan", "concern", "top3", P_SCALAR},
	{"plan", "who", "members", P_SCALAR},
	{"comments", "on", NULL, P_TARGET},
};
#define NPTR (sizeof ptr_fields / sizeof *ptr_fields)

/* The sections a comment target may name by ref, in lookup order. */
const char *const cd_target_sections[] = {
	"statements", "factors", "hypotheses", "plan", NULL
};

/* See casedoc_impl.h. */
int cd_target_section(const char *section)
{
	size_t i;

	for (i = 0; cd_target_sections[i]; i++)
		if (str_eq(cd_target_sections[i], section))
			return 1;
	return 0;
}

/* Apply fn to one pointer scalar; 1 when it must go. */
static int ptr_one(const struct ptr_field *pf, struct doc_node *v, ptr_fn fn,
                   void *arg)
{
	char *set = NULL;
	enum ptr_act a;

	if (v->type != DOC_SCALAR || cd_node_blank(v))
		return 0;
	a = fn(pf, v->text, &set, arg);
	if (a == PTR_SET) {
		free(v->text);
		v->text = set;
	}
	return a == PTR_DROP;
}

/* Apply fn to field pf of item. Returns 1 when the item itself must go (a
 * participant whose member went). */
static int ptr_apply(const struct ptr_field *pf, struct doc_node *item,
                     ptr_fn fn, void *arg)
{
	struct doc_node *v = doc_map_get(item, pf->key);
	size_t i;

	if (!v)
		return 0;
	if (pf->shape == P_LIST && v->type == DOC_SEQ) {
		for (i = v->len; i-- > 0;)
			if (ptr_one(pf, v->item[i], fn, arg))
				doc_free(cd_seq_take(v, i));
	} else if (pf->shape == P_KEYS && v->type == DOC_MAP) {
		for (i = v->len; i-- > 0;) {
			char *set = NULL;
			enum ptr_act a = fn(pf, v->pair[i].key, &set, arg);

			if (a == PTR_SET && cd_map_find(v, set) == NPOS) {
				free(v->pair[i].key);
				v->pair[i].key = set;
			} else if (a != PTR_KEEP) {
				free(set); /* dropped, or a second score */
				cd_map_remove_at(v, i);
			}
		}
	} else if (ptr_one(pf, v, fn, arg)) {
		if (strcmp(pf->section, "participants") == 0)
			return 1;
		cd_map_remove(item, pf->key);
		return 0;
	}
	if (v->type != DOC_SCALAR && v->len == 0)
		cd_map_remove(item, pf->key);
	return 0;
}

/* Apply fn to the pointer fields of every item of list. */
static void ptr_apply_list(const struct ptr_field *pf, struct doc_node *list,
                           ptr_fn fn, void *arg)
{
	size_t i;

	for (i = cd_list_len(list); i-- > 0;)
		if (ptr_apply(pf, list->item[i], fn, arg))
			doc_free(cd_seq_take(list, i));
}

/* Apply fn to every pointer of every item of one session. */
void cd_ptr_visit_session(struct doc_node *session, ptr_fn fn, void *arg)
{
	struct doc_node *reviews = cd_slist(session, "reviews");
	size_t i, j;

	for (i = 0; i < NPTR; i++) {
		const struct ptr_field *pf = &ptr_fields[i];

		if (strcmp(pf->section, "comments") != 0) {
			ptr_apply_list(pf, cd_slist(session, pf->section), fn,
			               arg);
			continue;
		}
		for (j = 0; j < cd_list_len(reviews); j++)
			ptr_apply_list(pf,
			               cd_slist(reviews->item[j], "comments"),
			               fn, arg);
	}
}

/* Apply fn to every pointer in every session of root. */
void cd_ptr_visit_root(struct doc_node *root, ptr_fn fn, void *arg)
{
	struct doc_node *sessions = casedoc_list(root, NULL, "sessions", 0);
	size_t i;

	for (i = 0; i < cd_list_len(sessions); i++)
		cd_ptr_visit_session(sessions->item[i], fn, arg);
}

/* Apply fn to item[key] when section.key is a pointer field. Whether the
 * item itself must go is not told: for values, not for items in a list. */
void cd_ptr_apply_key(const char *section, const char *key,
                      struct doc_node *item, ptr_fn fn, void *arg)
{
	size_t i;

	for (i = 0; i < NPTR; i++)
		if (str_eq(ptr_fields[i].section, section) &&
		    strcmp(ptr_fields[i].key, key) == 0)
			(void)ptr_apply(&ptr_fields[i], item, fn, arg);
}

/* ---------------------------------------------------------------------- */
/* After a change of ranks                                                */

static int cmp_rank_node(const void *a, const void *b)
{
	int oka, okb;
	long x = cd_text_long((*(struct doc_node *const *)a)->text, &oka);
	long y = cd_text_long((*(struct doc_node *const *)b)->text, &okb);

	return (x > y) - (x < y);
}

/* Keep explains lists sorted and without doubles after a remap. */
void cd_tidy_explains(struct doc_node *session)
{
	struct doc_node *hyp = cd_slist(session, "hypotheses");
	size_t i, j;

	for (i = 0; i < cd_list_len(hyp); i++) {
		struct doc_node *ex = doc_map_get(hyp->item[i], "explains");

		if (!ex || ex->type != DOC_SEQ)
			continue;
		for (j = 0; j < ex->len; j++)
			if (ex->item[j]->type != DOC_SCALAR)
				break;
		if (j < ex->len)
			continue;
		qsort(ex->item, ex->len, sizeof *ex->item, cmp_rank_node);
		for (j = ex->len; j-- > 1;)
			if (strcmp(ex->item[j]->text,
			           ex->item[j - 1]->text) == 0)
				doc_free(cd_seq_take(ex, j));
	}
}
