/*
 * casedoc_merge.c - the three-way merge of a household document
 * (casedoc_merge, see casedoc.h): mine and theirs both started from base;
 * the result takes the changes made on one side only and lists the
 * conflicts, as casedoc_change entries, for the screen to resolve.
 *
 * How: all three are copied and every pointer in the copies is replaced
 * by the "_id" of its target (symbolize, with the walker of casedoc_ptr.c),
 * so pointers follow their item through moves, renumbering and renames on
 * either side. The result starts as theirs; the fields, items and order of
 * every list are merged into it from the root down (form_skeleton), items
 * matched by cd_item_key as in casedoc_diff.c. Then the shape is made to
 * hold again (top-3 size and ranks, unique refs), pointers are turned back
 * into refs and ranks, and the conflicts are named (casedoc_name.c).
 *
 * Decisions the header leaves open (the screens may rely on them):
 *  - List fields (evidence, about, ...) merge as sets and scores per
 *    person, without conflicts where the two sides do not touch the same
 *    element.
 *  - The result keeps theirs' order; an item only I added goes right after
 *    the item it follows in mine, past the items only they added there. My
 *    order of a list is taken when they did not reorder it; both
 *    reordering differently is a conflict with key "_order".
 *  - The top-3 keeps at most max_items: my added concerns that do not fit
 *    are left out, each with a conflict (key NULL, after NULL).
 *  - My new item whose ref (or session version) they also used gets the
 *    next free one.
 */
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "casedoc_impl.h"
#include "doc.h"
#include "form.h"
#include "store.h"
#include "util.h"

#define SYM '\x01'              /* starts a pointer rewritten to an id */

/* ---------------------------------------------------------------------- */
/* Finding items by key                                                   */

/* The item of list whose cd_item_key is key; its index in *index. */
static struct doc_node *find_key(struct doc_node *list, const char *section,
                                 const char *key, size_t *index)
{
	size_t i;

	for (i = 0; key && i < cd_list_len(list); i++) {
		const char *id = doc_map_str(list->item[i], STORE_ITEM_ID);
		char *k = str_empty(id) ?
		          cd_item_key(section, list->item[i], i) : NULL;
		int hit = strcmp(k ? k : id, key) == 0;

		free(k);
		if (hit) {
			if (index)
				*index = i;
			return list->item[i];
		}
	}
	return NULL;
}

/* The item of section whose key (see cd_item_key; for the analysis: the
 * session's key) is id, anywhere in root; its session and index. */
static struct doc_node *find_item(struct doc_node *root, const char *section,
                                  const char *id, struct doc_node **session,
                                  size_t *index)
{
	struct doc_node *sessions = casedoc_list(root, NULL, "sessions", 0);
	struct doc_node *hit = NULL;
	size_t i, j;

	*session = NULL;
	*index = 0;
	if (strcmp(section, "household") == 0)
		return cd_root_household(root, 0);
	if (strcmp(section, "members") == 0 || strcmp(section, "sessions") == 0)
		return find_key(casedoc_list(root, NULL, section, 0), section,
		                id, index);
	for (i = 0; !hit && i < cd_list_len(sessions); i++) {
		struct doc_node *s = sessions->item[i];
		struct doc_node *reviews = cd_slist(s, "reviews");

		*session = s;
		if (strcmp(section, "analysis") == 0) {
			if (find_key(sessions, "sessions", id, NULL) == s)
				hit = cd_session_analysis(s, 0);
		} else if (strcmp(section, "comments") == 0) {
			for (j = 0; !hit && j < cd_list_len(reviews); j++)
				hit = find_key(cd_slist(reviews->item[j],
				                        "comments"),
				               section, id, index);
		} else {
			hit = find_key(cd_slist(s, section), section, id,
			               index);
		}
	}
	return hit;
}

/* ---------------------------------------------------------------------- */
/* Pointers as ids                                                        */

/* Pointers as ids: a pointer to an item with an "_id" becomes
 * SYM section SYM id, so it follows its item through the merge. */
struct symctx {
	struct doc_node *root, *session;
};

static enum ptr_act to_symbol(const struct ptr_field *pf, const char *text,
                              char **set, void *arg)
{
	const struct symctx *sc = arg;
	const char *section = pf->target, *id;
	struct doc_node *item = NULL;
	size_t i;

	if (text[0] == SYM)
		return PTR_KEEP;
	if (pf->shape == P_TARGET && str_has_prefix(text, "top3/")) {
		section = "top3";
		item = cd_find_by(cd_slist(sc->session, section), "rank",
		                  text + 5);
	} else if (pf->shape == P_TARGET) {
		for (i = 0; !item && cd_target_sections[i]; i++) {
			section = cd_target_sections[i];
			item = cd_find_by(cd_slist(sc->session, section),
			                  "ref", text);
		}
	} else if (strcmp(section, "members") == 0) {
		item = cd_find_by(casedoc_list(sc->root, NULL, section, 0),
		                  "ref", text);
	} else {
		item = cd_find_by(cd_slist(sc->session, section),
		                  strcmp(section, "top3") == 0 ? "rank" : "ref",
		                  text);
	}
	id = item ? doc_map_str(item, STORE_ITEM_ID) : NULL;
	if (str_empty(id))
		return PTR_KEEP;
	*set = xasprintf("%c%s%c%s", SYM, section, SYM, id);
	return PTR_SET;
}

static void symbolize(struct doc_node *root)
{
	struct doc_node *sessions = casedoc_list(root, NULL, "sessions", 0);
	struct symctx sc;
	size_t i;

	sc.root = root;
	for (i = 0; i < cd_list_len(sessions); i++) {
		sc.session = sessions->item[i];
		cd_ptr_visit_session(sc.session, to_symbol, &sc);
	}
}

/* Where symbols are looked up; render: never drop, show "?". */
struct unsym {
	struct doc_node *roots[4];
	size_t nroots;
	int render;
};

static enum ptr_act from_symbol(const struct ptr_field *pf, const char *text,
                                char **set, void *arg)
{
	const struct unsym *u = arg;
	const char *sep;
	char *section;
	size_t i, index;

	if (text[0] != SYM || !(sep = strchr(text + 1, SYM)))
		return PTR_KEEP;
	section = xstrndup(text + 1, (size_t)(sep - text - 1));
	for (i = 0; i < u->nroots; i++) {
		struct doc_node *s;
		struct doc_node *item = find_item(u->roots[i], section, sep + 1,
		                                  &s, &index);
		int top3 = strcmp(section, "top3") == 0;
		const char *v = doc_map_str(item, top3 ? "rank" : "ref");

		if (str_empty(v))
			continue;
		*set = pf->shape == P_TARGET && top3 ?
		       xasprintf("top3/%s", v) : xstrdup(v);
		free(section);
		return PTR_SET;
	}
	if (u->render || pf->shape == P_TARGET) {
		*set = u->render ? xstrdup("?") : section;
		if (u->render)
			free(section);
		return PTR_SET;
	}
	free(section);
	return PTR_DROP;
}

/* Pointers back to refs and ranks; those whose item is gone go too. */
static void unsymbolize(struct doc_node *root)
{
	struct doc_node *sessions = casedoc_list(root, NULL, "sessions", 0);
	struct unsym u = {{root}, 1, 0};
	size_t i;

	for (i = 0; i < cd_list_len(sessions); i++) {
		cd_ptr_visit_session(sessions->item[i], from_symbol, &u);
		cd_tidy_explains(sessions->item[i]);
	}
}

/* ---------------------------------------------------------------------- */
/* Conflicts, and my new items                                            */

/* Why a conflict was listed. */
enum conf_why {
	C_FIELD,        /* changed on both sides */
	C_NOT_DELETED,  /* I deleted it, they changed it: kept */
	C_KEPT_MINE,    /* they deleted it, I changed it: kept */
	C_FULL,         /* my new item does not fit (top-3 full) */
	C_ORDER         /* both reordered a list differently */
};

/* A conflict as it is found; texts are made at the end. */
struct mconf {
	enum conf_why why;
	char *item_id, *section, *key;
	struct doc_node *mine, *theirs; /* C_FIELD: values (symbolic) */
	char *before, *after;           /* C_ORDER: the two orders */
};

struct merge {
	const struct formset *fs;
	struct doc_node *b, *m, *t, *r;
	struct mconf *v;
	size_t n, cap;
	char **added;                   /* keys of items only mine has */
	size_t nadded, capadded;
};

static void conf_add(struct merge *mg, enum conf_why why, const char *id,
                     const char *section, const char *key,
                     const struct doc_node *mine,
                     const struct doc_node *theirs)
{
	struct mconf *c;

	xgrow(&mg->v, &mg->cap, mg->n + 1, sizeof *mg->v);
	c = &mg->v[mg->n++];
	memset(c, 0, sizeof *c);
	c->why = why;
	c->item_id = xstrdup(id);
	c->section = xstrdup(section);
	c->key = xstrdup(key);
	c->mine = mine ? doc_clone(mine) : NULL;
	c->theirs = theirs ? doc_clone(theirs) : NULL;
}

static void added_note(struct merge *mg, const char *key)
{
	xgrow(&mg->added, &mg->capadded, mg->nadded + 1, sizeof *mg->added);
	mg->added[mg->nadded++] = xstrdup(key);
}

/* 1 if the item with this key is one only mine has. */
static int is_added(const struct merge *mg, const char *key)
{
	return cd_strv_find(mg->added, mg->nadded, key) != NPOS;
}

/* ---------------------------------------------------------------------- */
/* Fields                                                                 */

/* 1 if seq (blank counts as empty) holds a scalar with text. */
static int seq_has(const struct doc_node *seq, const char *text)
{
	size_t i;

	for (i = 0; !cd_node_blank(seq) && seq->type == DOC_SEQ &&
	     i < seq->len; i++)
		if (seq->item[i]->type == DOC_SCALAR &&
		    strcmp(seq->item[i]->text, text) == 0)
			return 1;
	return 0;
}

/* 1 if n is blank, or a collection of type that holds only scalars: a
 * value that merges element by element (a list as a set, scores by
 * person). */
static int flat(const struct doc_node *n, enum doc_type type)
{
	size_t i;

	if (cd_node_blank(n))
		return 1;
	if (n->type != type)
		return 0;
	for (i = 0; i < n->len; i++)
		if ((type == DOC_SEQ ? n->item[i] : n->pair[i].value)->type !=
		    DOC_SCALAR)
			return 0;
	return 1;
}

/* out, or NULL (out freed) when it is empty. */
static struct doc_node *unless_empty(struct doc_node *out)
{
	if (out->len == 0) {
		doc_free(out);
		return NULL;
	}
	return out;
}

/* A list field changed on both sides, as sets: theirs, without what I
 * removed, then what I added. NULL when empty. */
static struct doc_node *merge_set(const struct doc_node *vb,
                                  const struct doc_node *vm,
                                  const struct doc_node *vt)
{
	struct doc_node *out = doc_new_seq(DOC_FLOW);
	size_t i;

	for (i = 0; !cd_node_blank(vt) && i < vt->len; i++) {
		const char *x = vt->item[i]->text;

		if (!(seq_has(vb, x) && !seq_has(vm, x)))
			doc_seq_add(out, doc_clone(vt->item[i]));
	}
	for (i = 0; !cd_node_blank(vm) && i < vm->len; i++) {
		const char *x = vm->item[i]->text;

		if (!seq_has(vb, x) && !seq_has(out, x))
			doc_seq_add(out, doc_clone(vm->item[i]));
	}
	return unless_empty(out);
}

/* A mapping field (scores) changed on both sides, key by key. *clash is
 * set when one key was changed differently on both (theirs kept). */
static struct doc_node *merge_keys(const struct doc_node *vb,
                                   const struct doc_node *vm,
                                   const struct doc_node *vt, int *clash)
{
	struct doc_node *out = cd_node_blank(vt) ? doc_new_map(DOC_FLOW) :
	                       doc_clone(vt);
	const struct doc_node *src[2] = {vm, vb};
	size_t s, i;

	for (s = 0; s < 2; s++) {
		for (i = 0; !cd_node_blank(src[s]) && i < src[s]->len; i++) {
			const char *k = src[s]->pair[i].key;
			const struct doc_node *xb = doc_map_get(vb, k);
			const struct doc_node *xm = doc_map_get(vm, k);

			if (s == 1 && cd_map_find(vm, k) != NPOS)
				continue;
			if (cd_node_equal(xm, xb) ||
			    cd_node_equal(xm, doc_map_get(vt, k)))
				continue;
			if (!cd_node_equal(doc_map_get(vt, k), xb)) {
				*clash = 1;
				continue;
			}
			cd_map_remove(out, k);
			if (!cd_node_blank(xm))
				doc_map_add(out, k, doc_clone(xm));
		}
	}
	return unless_empty(out);
}

/* Three-way merge of one field of an item into r. */
static void merge_field(struct merge *mg, const char *section,
                        const char *key, const struct doc_node *vb,
                        const struct doc_node *vm, const struct doc_node *vt,
                        struct doc_node *r, const char *id)
{
	struct doc_node *v = NULL;
	int clash = 0;

	if (cd_node_equal(vm, vb) || cd_node_equal(vm, vt))
		return;
	if (cd_node_equal(vt, vb)) {
		v = cd_node_blank(vm) ? NULL : doc_clone(vm);
	} else if (flat(vm, DOC_SEQ) && flat(vt, DOC_SEQ) &&
	           flat(vb, DOC_SEQ)) {
		v = merge_set(vb, vm, vt);
	} else if (flat(vm, DOC_MAP) && flat(vt, DOC_MAP) &&
	           flat(vb, DOC_MAP)) {
		v = merge_keys(vb, vm, vt, &clash);
		if (clash)
			conf_add(mg, C_FIELD, id, section, key, vm, vt);
	} else {
		conf_add(mg, C_FIELD, id, section, key, vm, vt);
		return;
	}
	if (v)
		cd_item_put(mg->fs, section, r, key, v);
	else
		cd_map_remove(r, key);
}

/* The fields of one item: b and m may be NULL (absent there). */
static void merge_fields(struct merge *mg, const char *section,
                         const struct doc_node *b, const struct doc_node *m,
                         const struct doc_node *t, struct doc_node *r,
                         const char *id)
{
	const struct doc_node *src[3] = {t, m, b};
	size_t s, i;

	for (s = 0; s < 3; s++) {
		for (i = 0; src[s] && i < src[s]->len; i++) {
			const char *key = src[s]->pair[i].key;

			if ((s >= 1 && cd_map_find(t, key) != NPOS) ||
			    (s == 2 && cd_map_find(m, key) != NPOS) ||
			    strcmp(key, STORE_ITEM_ID) == 0 ||
			    cd_is_child_key(section, key) ||
			    (str_eq(section, "top3") &&
			     strcmp(key, "rank") == 0))
				continue;
			merge_field(mg, section, key, doc_map_get(b, key),
			            doc_map_get(m, key), doc_map_get(t, key), r,
			            id);
		}
	}
}

static void merge_children(struct merge *mg, const char *section,
                           const struct doc_node *b, const struct doc_node *m,
                           const struct doc_node *t, struct doc_node *r,
                           const char *owner_id);

/* One item present in theirs (t, and r its copy in the result). */
static void merge_item(struct merge *mg, const char *section,
                       const struct doc_node *b, const struct doc_node *m,
                       const struct doc_node *t, struct doc_node *r,
                       const char *id)
{
	merge_fields(mg, section, b, m, t, r, id);
	merge_children(mg, section, b, m, t, r, id);
}

/* ---------------------------------------------------------------------- */
/* Lists: items and order                                                 */

/* The keys of a that are also in x and y, borrowed. */
static size_t common_keys(const struct keys *a, const struct keys *x,
                          const struct keys *y, const char **out)
{
	size_t i, n = 0;

	for (i = 0; i < a->n; i++)
		if (cd_keys_find(x, a->v[i]) != NPOS &&
		    cd_keys_find(y, a->v[i]) != NPOS)
			out[n++] = a->v[i];
	return n;
}

static int same_order(const char **a, const char **b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

/* Take my order of the items all three share when only I changed it. */
static void merge_order(struct merge *mg, const char *section,
                        const struct keys *kb, const struct keys *km,
                        const struct doc_node *lm, struct doc_node *rl,
                        const char *owner_id)
{
	struct keys kr;
	const char **ob, **om, **or;
	size_t n;

	cd_keys_make(&kr, section, rl);
	n = kb->n + 1;
	ob = xcalloc(n, sizeof *ob);
	om = xcalloc(n, sizeof *om);
	or = xcalloc(n, sizeof *or);
	n = common_keys(kb, km, &kr, ob);
	(void)common_keys(km, kb, &kr, om);
	(void)common_keys(&kr, kb, km, or);
	if (!same_order(ob, om, n) && same_order(ob, or, n)) {
		struct doc_node **nodes = xcalloc(n + 1, sizeof *nodes);
		size_t i, j;

		for (i = 0; i < n; i++)
			nodes[i] = rl->item[cd_keys_find(&kr, om[i])];
		for (i = j = 0; i < kr.n; i++)
			if (cd_keys_find(kb, kr.v[i]) != NPOS &&
			    cd_keys_find(km, kr.v[i]) != NPOS)
				rl->item[i] = nodes[j++];
		assert(j == n);
		free(nodes);
	} else if (!same_order(ob, om, n) && !same_order(om, or, n)) {
		conf_add(mg, C_ORDER, owner_id, section, "_order", NULL, NULL);
		mg->v[mg->n - 1].before = cd_list_desc(section, lm);
		mg->v[mg->n - 1].after = cd_list_desc(section, rl);
	}
	free(ob);
	free(om);
	free(or);
	cd_keys_free(&kr);
}

/* The section key of the map holding the items of section (for inserting
 * the list at its place), or NULL for the root. */
static const char *parent_of(const char *section)
{
	const struct skeleton_entry *e = form_skeleton_get(section);

	assert(e);
	return e->parent;
}

/* Put my item lm->item[i] into the result list: after the item it follows
 * in mine, past the items only theirs has there. */
static void merge_insert(struct merge *mg, const char *section,
                         const struct keys *kb, const struct keys *km,
                         const struct doc_node *lm, size_t i,
                         struct doc_node *rowner)
{
	struct doc_node *rl = doc_map_get(rowner, section);
	size_t pos = 0, k, at;

	if (!rl) {
		rl = doc_new_seq(DOC_AUTO);
		cd_item_put(mg->fs, parent_of(section), rowner, section, rl);
	}
	for (k = i; k-- > 0;)
		if (find_key(rl, section, km->v[k], &at)) {
			pos = at + 1;
			break;
		}
	while (pos < rl->len) {
		char *key = cd_item_key(section, rl->item[pos], pos);
		int theirs_new = cd_keys_find(kb, key) == NPOS &&
		                 cd_keys_find(km, key) == NPOS;

		free(key);
		if (!theirs_new)
			break;
		pos++;
	}
	cd_seq_insert_at(rl, pos, doc_clone(lm->item[i]));
}

/* Three-way merge of the items of one list into rowner's copy. */
static void merge_list(struct merge *mg, const char *section,
                       const struct doc_node *lb, const struct doc_node *lm,
                       const struct doc_node *lt, struct doc_node *rowner,
                       const char *owner_id)
{
	struct doc_node *rl = doc_map_get(rowner, section);
	struct keys kb, km, kt;
	unsigned char *del;
	size_t i, j;

	cd_keys_make(&kb, section, lb);
	cd_keys_make(&km, section, lm);
	cd_keys_make(&kt, section, lt);
	assert(cd_list_len(rl) == kt.n);
	del = xcalloc(kt.n + 1, 1);
	for (j = 0; j < kt.n; j++) {
		size_t bi = cd_keys_find(&kb, kt.v[j]);
		size_t mi = cd_keys_find(&km, kt.v[j]);

		if (mi != NPOS)
			merge_item(mg, section,
			           bi != NPOS ? lb->item[bi] : NULL,
			           lm->item[mi], lt->item[j], rl->item[j],
			           kt.v[j]);
		else if (bi != NPOS && cd_node_equal(lb->item[bi], lt->item[j]))
			del[j] = 1;
		else if (bi != NPOS)
			conf_add(mg, C_NOT_DELETED, kt.v[j], section, NULL,
			         NULL, NULL);
	}
	for (j = kt.n; j-- > 0;)
		if (del[j])
			doc_free(cd_seq_take(rl, j));
	free(del);
	if (rl)
		merge_order(mg, section, &kb, &km, lm, rl, owner_id);
	for (i = 0; i < km.n; i++) {
		size_t bi = cd_keys_find(&kb, km.v[i]);

		if (cd_keys_find(&kt, km.v[i]) != NPOS)
			continue;
		if (bi == NPOS) {
			added_note(mg, km.v[i]);
		} else if (!cd_node_equal(lb->item[bi], lm->item[i])) {
			added_note(mg, km.v[i]);
			conf_add(mg, C_KEPT_MINE, km.v[i], section, NULL, NULL,
			         NULL);
		} else {
			continue;
		}
		merge_insert(mg, section, &kb, &km, lm, i, rowner);
	}
	cd_keys_free(&kb);
	cd_keys_free(&km);
	cd_keys_free(&kt);
}

/* The nested sections of an item (or of the root: section NULL). */
static void merge_children(struct merge *mg, const char *section,
                           const struct doc_node *b, const struct doc_node *m,
                           const struct doc_node *t, struct doc_node *r,
                           const char *owner_id)
{
	const struct skeleton_entry *e;

	for (e = form_skeleton; e->key; e++) {
		const struct doc_node *cb, *cm, *ct;

		if (!str_eq(e->parent, section))
			continue;
		cb = doc_map_get(b, e->key);
		cm = doc_map_get(m, e->key);
		ct = doc_map_get(t, e->key);
		if (e->is_list) {
			if (ct && ct->type != DOC_SEQ)
				continue; /* not ours to repair */
			merge_list(mg, e->key, cd_as_type(cb, DOC_SEQ),
			           cd_as_type(cm, DOC_SEQ), ct, r, owner_id);
		} else if (ct && ct->type == DOC_MAP) {
			const char *id = strcmp(e->key, "household") == 0 ?
			                 doc_map_str(ct, "id") : owner_id;

			merge_item(mg, e->key, cd_as_type(cb, DOC_MAP),
			           cd_as_type(cm, DOC_MAP), ct,
			           doc_map_get(r, e->key), id);
		} else if (!ct && cm && !cd_node_equal(cm, cb)) {
			cd_item_put(mg->fs, section, r, e->key, doc_clone(cm));
		}
	}
}

/* ---------------------------------------------------------------------- */
/* After the merge: the shape holds again                                 */

/* Leave out my new top-3 items that do not fit. */
static void post_full(struct merge *mg, struct doc_node *session)
{
	const struct form_section *sec = formset_section(mg->fs, "top3");
	struct doc_node *top = cd_slist(session, "top3");
	size_t max = sec && sec->max_items > 0 ? (size_t)sec->max_items : 3;
	size_t i;

	while (cd_list_len(top) > max) {
		char *key = NULL;

		for (i = top->len; i-- > 0;) {
			key = cd_item_key("top3", top->item[i], i);
			if (is_added(mg, key))
				break;
			free(key);
			key = NULL;
		}
		if (!key)
			return;
		conf_add(mg, C_FULL, key, "top3", NULL, NULL, NULL);
		doc_free(cd_seq_take(top, i));
		free(key);
	}
}

/* A ref (or version) of one of my new items that another item of the
 * list already has gets the next free one. */
static void post_unique(struct merge *mg, const char *section,
                        struct doc_node *list, const char *key)
{
	size_t i, j;

	for (i = 0; i < cd_list_len(list); i++) {
		const char *v = doc_map_str(list->item[i], key);
		char *k, *fresh;

		if (str_empty(v))
			continue;
		for (j = 0; j < list->len; j++)
			if (j != i &&
			    str_eq(doc_map_str(list->item[j], key), v))
				break;
		k = cd_item_key(section, list->item[i], i);
		if (j == list->len || !is_added(mg, k)) {
			free(k);
			continue;
		}
		free(k);
		if (strcmp(key, "version") == 0) {
			struct doc_node *last = casedoc_session(mg->r, 0);

			fresh = xasprintf("%ld", cd_session_version(last) + 1);
		} else {
			size_t n = strlen(v);
			char *prefix;

			while (n > 0 && isdigit((unsigned char)v[n - 1]))
				n--;
			prefix = xstrndup(v, n);
			fresh = cd_next_ref(list, prefix, 1, 1);
			free(prefix);
		}
		cd_scalar_set(doc_map_get(list->item[i], key), fresh);
		free(fresh);
	}
}

/* Make the merged document's shape hold again. */
static void merge_post(struct merge *mg)
{
	static const char *const ref_lists[] = {
		"statements", "factors", "hypotheses", "plan", NULL
	};
	struct doc_node *sessions = casedoc_list(mg->r, NULL, "sessions", 0);
	size_t i, j;

	post_unique(mg, "members", casedoc_list(mg->r, NULL, "members", 0),
	            "ref");
	post_unique(mg, "sessions", sessions, "version");
	for (i = 0; i < cd_list_len(sessions); i++) {
		struct doc_node *s = sessions->item[i];

		post_full(mg, s);
		cd_top3_renumber(mg->fs, cd_slist(s, "top3"));
		for (j = 0; ref_lists[j]; j++)
			post_unique(mg, ref_lists[j], cd_slist(s, ref_lists[j]),
			            "ref");
	}
}

/* ---------------------------------------------------------------------- */
/* Conflicts as changes, and the merge                                    */

/* The text of a symbolic value, pointers shown as the refs they have in
 * the result (or in mine or theirs when gone). Caller frees. */
static char *render_value(const struct merge *mg, const char *section,
                          const char *key, const struct doc_node *v)
{
	struct unsym u = {{mg->r, mg->m, mg->t, mg->b}, 4, 1};
	struct doc_node *tmp;
	char *text;

	if (!v)
		return NULL;
	tmp = doc_new_map(DOC_AUTO);
	doc_map_add(tmp, key, doc_clone(v));
	cd_ptr_apply_key(section, key, tmp, from_symbol, &u);
	text = cd_value_text(doc_map_get(tmp, key));
	doc_free(tmp);
	return text;
}

/* The final change entry of one conflict. */
static void conf_finish(struct merge *mg, struct mconf *c,
                        struct changes *out)
{
	struct doc_node *roots[3] = {mg->r, mg->m, mg->t}, *session = NULL;
	struct doc_node *item = NULL, *root = mg->r;
	char *name, *before = NULL, *after = NULL, *line, *word;
	size_t i, index = 0;

	for (i = 0; !item && i < 3; i++)
		if ((item = find_item(roots[i], c->section, c->item_id,
		                      &session, &index)))
			root = roots[i];
	name = item ? cd_full_name(mg->fs, root, session, c->section, item,
	                           index, 0) :
	       cd_item_word(mg->fs, c->section);
	word = cd_section_word(mg->fs, c->section);
	switch (c->why) {
	case C_FIELD:
		before = render_value(mg, c->section, c->key, c->mine);
		after = render_value(mg, c->section, c->key, c->theirs);
		line = xasprintf("%s: %s ook door een ander gewijzigd", name,
		                 cd_field_label(mg->fs, c->section, c->key));
		break;
	case C_NOT_DELETED:
		after = item ? cd_item_desc(c->section, item) : NULL;
		line = xasprintf("%s: door een ander gewijzigd, daarom niet "
		                 "verwijderd", name);
		break;
	case C_KEPT_MINE:
		before = item ? cd_item_desc(c->section, item) : NULL;
		line = xasprintf("%s: door een ander verwijderd, jouw versie "
		                 "is bewaard", name);
		break;
	case C_FULL:
		before = item ? cd_item_desc(c->section, item) : NULL;
		line = xasprintf("%s: niet toegevoegd, %s is vol", name, word);
		break;
	default:
		before = c->before;
		after = c->after;
		c->before = c->after = NULL;
		line = xasprintf("%s: volgorde ook door een ander gewijzigd",
		                 word);
		break;
	}
	cd_change_add(out, c->item_id, c->section, c->key, before, after, line);
	free(before);
	free(after);
	free(name);
	free(word);
}

/* See casedoc.h. */
struct doc_node *casedoc_merge(const struct formset *fs,
                               const struct doc_node *base,
                               const struct doc_node *mine,
                               const struct doc_node *theirs,
                               struct casedoc_change **conf, size_t *nconf)
{
	struct merge mg;
	struct changes out = {0};
	struct doc_node *r;
	size_t i;

	assert(base && mine && theirs && conf && nconf);
	memset(&mg, 0, sizeof mg);
	mg.fs = fs;
	mg.b = doc_clone(base);
	mg.m = doc_clone(mine);
	mg.t = doc_clone(theirs);
	symbolize(mg.b);
	symbolize(mg.m);
	symbolize(mg.t);
	mg.r = doc_clone(mg.t);
	merge_fields(&mg, NULL, mg.b, mg.m, mg.t, mg.r, NULL);
	merge_children(&mg, NULL, mg.b, mg.m, mg.t, mg.r, NULL);
	merge_post(&mg);
	unsymbolize(mg.r);
	for (i = 0; i < mg.n; i++) {
		conf_finish(&mg, &mg.v[i], &out);
		free(mg.v[i].item_id);
		free(mg.v[i].section);
		free(mg.v[i].key);
		doc_free(mg.v[i].mine);
		doc_free(mg.v[i].theirs);
		free(mg.v[i].before);
		free(mg.v[i].after);
	}
	free(mg.v);
	cd_strv_free(mg.added, mg.nadded);
	doc_free(mg.b);
	doc_free(mg.m);
	doc_free(mg.t);
	r = mg.r;
	*conf = out.v;
	*nconf = out.n;
	return r;
}
