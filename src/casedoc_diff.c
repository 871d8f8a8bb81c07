/*
 * casedoc_diff.c - every difference between two versions of a household
 * document (casedoc_diff, see casedoc.h), each with a Dutch line for the
 * audit trail ("feit f3: Bron gewijzigd", "sessie 2: plan p4 toegevoegd").
 *
 * Items are matched across the versions by key (cd_item_key: the "_id",
 * else the session id, ref or rank); the walk follows form_skeleton from
 * the root down, comparing the fields of matched items, the items that
 * came or went, and the order of each list. The change list and the item
 * keys are shared with casedoc_merge.c, which reports its conflicts in the
 * same struct casedoc_change.
 *
 * Decisions the header leaves open (the screens may rely on them):
 *  - Items inside a session are named with a "sessie N: " prefix only when
 *    the document has more than one session.
 *  - An order change of a list is one change with key "_order" (before
 *    and after: the items in their old and new order). Top-3 rank changes
 *    are reported as changes of the field "rank" besides the "_order"
 *    change.
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

/* ---------------------------------------------------------------------- */
/* Changes and item keys                                                  */

/* Append a change; the strings are copied, line is taken over. */
void cd_change_add(struct changes *c, const char *item_id,
                   const char *section, const char *key, const char *before,
                   const char *after, char *line)
{
	struct casedoc_change *ch;

	xgrow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	ch = &c->v[c->n++];
	ch->item_id = xstrdup(item_id);
	ch->section = xstrdup(section);
	ch->key = xstrdup(key);
	ch->before = xstrdup(before);
	ch->after = xstrdup(after);
	ch->line = line;
	ch->name = NULL;
}

/* See casedoc.h. */
void casedoc_changes_free(struct casedoc_change *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].item_id);
		free(v[i].section);
		free(v[i].key);
		free(v[i].before);
		free(v[i].after);
		free(v[i].line);
		free(v[i].name);
	}
	free(v);
}

/* The key that matches an item across versions: "_id"; for sessions
 * "id" (or the version); without ids the ref or rank, else the position.
 * Caller frees. */
char *cd_item_key(const char *section, const struct doc_node *item,
                  size_t index)
{
	const char *v = doc_map_str(item, STORE_ITEM_ID);

	if (!str_empty(v))
		return xstrdup(v);
	if (strcmp(section, "sessions") == 0) {
		v = doc_map_str(item, "id");
		if (!str_empty(v))
			return xstrdup(v);
		return xasprintf("v:%s", doc_map_str(item, "version") ?
		                 doc_map_str(item, "version") : "");
	}
	if (!str_empty(v = doc_map_str(item, "ref")))
		return xasprintf("r:%s", v);
	if (!str_empty(v = doc_map_str(item, "rank")))
		return xasprintf("k:%s", v);
	return xasprintf("#%zu", index);
}

/* The keys of the items of list (NULL: none), in order. */
void cd_keys_make(struct keys *k, const char *section,
                  const struct doc_node *list)
{
	size_t i;

	k->n = cd_list_len(list);
	k->v = k->n ? xcalloc(k->n, sizeof *k->v) : NULL;
	for (i = 0; i < k->n; i++)
		k->v[i] = cd_item_key(section, list->item[i], i);
}

/* The index of key in k, NPOS when absent. */
size_t cd_keys_find(const struct keys *k, const char *key)
{
	return cd_strv_find(k->v, k->n, key);
}

/* Free the keys; k is empty afterwards. */
void cd_keys_free(struct keys *k)
{
	cd_strv_free(k->v, k->n);
	k->v = NULL;
	k->n = 0;
}

/* 1 if the items both lists share come in a different order. */
static int order_differs(const struct keys *a, const struct keys *b)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < a->n && cd_keys_find(b, a->v[i]) == NPOS)
			i++;
		while (j < b->n && cd_keys_find(a, b->v[j]) == NPOS)
			j++;
		if (i == a->n || j == b->n)
			return 0;
		if (strcmp(a->v[i++], b->v[j++]) != 0)
			return 1;
	}
}

/* The descriptions of a list's items in order, joined by ", ". Caller
 * frees. */
char *cd_list_desc(const char *section, const struct doc_node *list)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < cd_list_len(list); i++) {
		char *d = cd_item_desc(section, list->item[i]);

		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, d);
		free(d);
	}
	return sb_steal(&sb);
}

/* ---------------------------------------------------------------------- */
/* The diff                                                               */

/* The id under which a change of an item is listed. */
static const char *change_id(const char *section, const struct doc_node *item,
                             const char *owner_id)
{
	if (strcmp(section, "household") == 0 ||
	    strcmp(section, "sessions") == 0)
		return doc_map_str(item, "id");
	if (strcmp(section, "analysis") == 0)
		return owner_id;
	return doc_map_str(item, STORE_ITEM_ID);
}

struct diff {
	const struct formset *fs;
	const struct doc_node *root;    /* b, for naming */
	const struct doc_node *session; /* the session being compared */
	int versions;                   /* casedoc_diff_versions */
	int rankmap[4];                 /* versions: the rank (1..3) in b of
	                                   the top-3 item that had rank i in
	                                   a; 0 when it is gone */
	struct changes c;
};

/* Version mode: the change just added is about item (index in its list)
 * of section: give it the item's name. */
static void name_last(struct diff *df, const char *section,
                      const struct doc_node *item, size_t index)
{
	struct casedoc_change *ch = &df->c.v[df->c.n - 1];

	const char *title = doc_map_str(item, "title");

	if (!df->versions || ch->name)
		return;
	ch->name = cd_item_name(df->fs, section, item, index, 1);
	if (strcmp(section, "top3") == 0 && !str_empty(title)) {
		char *both = xasprintf("%s (%s)", ch->name, title);

		free(ch->name);
		ch->name = both;
	}
}

/* The main text of an item, for one that came or went between versions;
 * its description when it has none. Caller frees. */
static char *item_text(const char *section, const struct doc_node *item)
{
	static const char *const keys[] = {
		"text", "title", "name", "member", "reviewer", NULL
	};
	size_t i;

	for (i = 0; keys[i]; i++) {
		const char *v = doc_map_str(item, keys[i]);

		if (!str_empty(v))
			return xstrdup(v);
	}
	return cd_item_desc(section, item);
}

static void diff_children(struct diff *df, const char *section,
                          const struct doc_node *a, const struct doc_node *b,
                          const char *owner_id);

/* Between versions: the text of a rank field (a rank, or ranks joined by
 * ", ") of the older version with every rank as the newer version numbers
 * the same top-3 item. Caller frees. */
static char *ranks_moved(const struct diff *df, const char *text)
{
	struct strbuf sb = {0};
	const char *p = text;

	while (p && *p) {
		const char *end = strstr(p, ", ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int r = n == 1 && *p >= '1' && *p <= '3' ? *p - '0' : 0;

		if (sb.len)
			sb_add(&sb, ", ");
		if (r && df->rankmap[r])
			sb_addf(&sb, "%d", df->rankmap[r]);
		else
			sb_addn(&sb, p, n);
		p = end ? end + 2 : NULL;
	}
	return sb_steal(&sb);
}

/* 1 when field key of section points at top-3 ranks. */
static int is_rank_field(const struct formset *fs, const char *section,
                         const char *key)
{
	const struct form_field *f = cd_section_field(fs, section, key);

	return f && (f->type == FT_RANK || f->type == FT_RANKS);
}

/* One field of an item present in both versions; *name (the item's) is
 * made when first needed. */
static void diff_field(struct diff *df, const char *section,
                       const struct doc_node *a, const struct doc_node *b,
                       size_t index, const char *id, const char *key,
                       char **name)
{
	char *ta = cd_value_text(doc_map_get(a, key));
	char *tb = cd_value_text(doc_map_get(b, key));
	int same = str_eq(ta, tb);

	/* a pointer to a top-3 item that only moved has not changed */
	if (!same && df->versions && is_rank_field(df->fs, section, key)) {
		char *moved = ranks_moved(df, ta);

		same = str_eq(moved, tb);
		free(moved);
	}
	if (!same) {
		if (!*name)
			*name = cd_full_name(df->fs, df->root, df->session,
			                     section, b, index, 0);
		cd_change_add(&df->c, id, section, key, ta, tb,
		              xasprintf("%s: %s gewijzigd", *name,
		                        cd_field_label(df->fs, section, key)));
		name_last(df, section, b, index);
	}
	free(ta);
	free(tb);
}

/* Field changes of one item present in both versions. */
static void diff_fields(struct diff *df, const char *section,
                        const struct doc_node *a, const struct doc_node *b,
                        size_t index, const char *id)
{
	const struct doc_node *side[2] = {a, b};
	char *name = NULL;
	size_t s, i;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < side[s]->len; i++) {
			const char *key = side[s]->pair[i].key;

			if ((s == 1 && cd_map_find(a, key) != NPOS) ||
			    strcmp(key, STORE_ITEM_ID) == 0 ||
			    (df->versions && strcmp(section, "sessions") == 0 &&
			     strcmp(key, "version") == 0) ||
			    cd_is_child_key(section, key) ||
			    (strcmp(key, "id") == 0 && !cd_in_session(section)))
				continue;
			diff_field(df, section, a, b, index, id, key, &name);
		}
	}
	free(name);
}

/* An item that came or went. */
static void diff_whole(struct diff *df, const char *section,
                       const struct doc_node *item, size_t index,
                       const char *owner_id, int added)
{
	char *name = cd_full_name(df->fs, df->root, df->session, section,
	                          item, index, 0);
	char *desc = df->versions ? item_text(section, item) :
	             cd_item_desc(section, item);

	cd_change_add(&df->c, change_id(section, item, owner_id), section,
	              NULL, added ? NULL : desc, added ? desc : NULL,
	              xasprintf("%s %s", name, added ? "toegevoegd" :
	                        "verwijderd"));
	name_last(df, section, item, index);
	free(name);
	free(desc);
}

/* Compare one item (of a list or a single mapping) and what it holds. */
static void diff_item(struct diff *df, const char *section,
                      const struct doc_node *a, const struct doc_node *b,
                      size_t index, const char *owner_id)
{
	const struct doc_node *saved = df->session;
	const char *id = change_id(section, b, owner_id);

	if (strcmp(section, "sessions") == 0)
		df->session = b;
	diff_fields(df, section, a, b, index, id);
	diff_children(df, section, a, b, id);
	df->session = saved;
}

/* The key of an item between versions: its ref, a participant's member
 * or name, a top-3 rank; else its position. Caller frees. */
static char *version_key(const char *section, const struct doc_node *item,
                         size_t index)
{
	const char *v;

	if (strcmp(section, "participants") == 0) {
		if (!str_empty(v = doc_map_str(item, "member")))
			return xasprintf("m:%s", v);
		if (!str_empty(v = doc_map_str(item, "name")))
			return xasprintf("n:%s", v);
	}
	if (!str_empty(v = doc_map_str(item, "ref")))
		return xasprintf("r:%s", v);
	if (!str_empty(v = doc_map_str(item, "rank")))
		return xasprintf("k:%s", v);
	return xasprintf("#%zu", index);
}

/* The field that says what an item is about, for matching between
 * versions: a top-3 item's title, else its text. */
static const char *match_field(const char *section)
{
	if (strcmp(section, "top3") == 0)
		return "title";
	if (strcmp(section, "statements") == 0 ||
	    strcmp(section, "factors") == 0 ||
	    strcmp(section, "hypotheses") == 0 || strcmp(section, "plan") == 0)
		return "text";
	return NULL;
}

/* The different words of a text of four or more bytes (the words that
 * carry meaning, not "de", "en", "dat"), lowercased (ASCII), for a rough
 * likeness. */
static size_t words_of(const char *t, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;

	while (t && *t) {
		size_t len = 0, i;

		while (*t && !isalnum((unsigned char)*t) &&
		       !((unsigned char)*t & 0x80))
			t++;
		while (t[len] && (isalnum((unsigned char)t[len]) ||
		                  ((unsigned char)t[len] & 0x80)))
			len++;
		if (!len)
			break;
		if (len < 4) {
			t += len;
			continue;
		}
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n] = xstrndup(t, len);
		for (i = 0; i < len; i++)
			v[n][i] = (char)tolower((unsigned char)v[n][i]);
		if (cd_strv_find(v, n, v[n]) == NPOS)
			n++;
		else
			free(v[n]);
		t += len;
	}
	*out = v;
	return n;
}

/* 1 when two texts have less than a third of their words in common
 * (those of words_of):
 * not the same item told again, but another one under the same ref. */
static int unlike(const char *a, const char *b)
{
	char **wa, **wb;
	size_t na = words_of(a, &wa), nb = words_of(b, &wb), i, common = 0;
	size_t most = na > nb ? na : nb;

	for (i = 0; i < na; i++)
		if (cd_strv_find(wb, nb, wa[i]) != NPOS)
			common++;
	cd_strv_free(wa, na);
	cd_strv_free(wb, nb);
	return most > 0 && common * 3 < most;
}

/*
 * The keys of both lists between versions. An item whose text (a top-3
 * item: title) is the same in both is matched by it, even when its ref
 * changed (a feit that became mening m4); the others by ref or rank,
 * unless the two texts have little in common: then the ref (or the
 * place in the TOP-3) was used again for another item, which came while
 * the first went.
 */
static void version_keys(const char *section, const struct doc_node *la,
                         const struct doc_node *lb, struct keys *ka,
                         struct keys *kb)
{
	const struct doc_node *l[2] = {la, lb};
	struct keys *k[2] = {ka, kb};
	const char *field = match_field(section);
	size_t s, i, j;

	for (s = 0; s < 2; s++) {
		k[s]->n = cd_list_len(l[s]);
		k[s]->v = k[s]->n ? xcalloc(k[s]->n, sizeof *k[s]->v) : NULL;
	}
	for (i = 0; field && i < kb->n; i++) {
		const char *t = doc_map_str(lb->item[i], field);

		for (j = 0; !str_empty(t) && j < ka->n; j++) {
			if (ka->v[j] || !str_eq(t, doc_map_str(la->item[j],
			                                       field)))
				continue;
			ka->v[j] = xasprintf("t:%zu", i);
			kb->v[i] = xasprintf("t:%zu", i);
			break;
		}
	}
	for (s = 0; s < 2; s++)
		for (i = 0; i < k[s]->n; i++)
			if (!k[s]->v[i])
				k[s]->v[i] = version_key(section, l[s]->item[i],
				                         i);
	for (i = 0; field && i < kb->n; i++) {
		j = cd_keys_find(ka, kb->v[i]);
		if (j == NPOS || str_has_prefix(kb->v[i], "t:") ||
		    !unlike(doc_map_str(la->item[j], field),
		            doc_map_str(lb->item[i], field)))
			continue;
		free(ka->v[j]);
		ka->v[j] = xasprintf("old:%zu", j);
		free(kb->v[i]);
		kb->v[i] = xasprintf("new:%zu", i);
	}
}

/* The items of a list in both versions: those that went, those that
 * came, those in both, and a change of their order. */
static void diff_list(struct diff *df, const char *section,
                      const struct doc_node *la, const struct doc_node *lb,
                      const char *owner_id)
{
	struct keys ka = {0}, kb = {0};
	size_t i;

	if (df->versions) {
		version_keys(section, la, lb, &ka, &kb);
	} else {
		cd_keys_make(&ka, section, la);
		cd_keys_make(&kb, section, lb);
	}
	for (i = 0; i < ka.n; i++)
		if (cd_keys_find(&kb, ka.v[i]) == NPOS)
			diff_whole(df, section, la->item[i], i, owner_id, 0);
	for (i = 0; i < kb.n; i++) {
		size_t j = cd_keys_find(&ka, kb.v[i]);

		if (j == NPOS)
			diff_whole(df, section, lb->item[i], i, owner_id, 1);
		else
			diff_item(df, section, la->item[j], lb->item[i], i,
			          owner_id);
	}
	/* between versions a top-3 item that moved says so in its rank */
	if (!(df->versions && strcmp(section, "top3") == 0) &&
	    order_differs(&ka, &kb)) {
		char *before = cd_list_desc(section, la);
		char *after = cd_list_desc(section, lb);
		char *word = cd_section_word(df->fs, section);
		char *pre = cd_name_prefix(df->fs, df->root, df->session,
		                           section);

		cd_change_add(&df->c, owner_id, section, "_order", before,
		              after, xasprintf("%s%s: volgorde gewijzigd", pre,
		                               word));
		free(before);
		free(after);
		free(word);
		free(pre);
	}
	cd_keys_free(&ka);
	cd_keys_free(&kb);
}

/* Compare the nested sections of an item (or of the root). */
static void diff_children(struct diff *df, const char *section,
                          const struct doc_node *a, const struct doc_node *b,
                          const char *owner_id)
{
	const struct skeleton_entry *e;
	struct doc_node empty = {0};

	empty.type = DOC_MAP;
	for (e = form_skeleton; e->key; e++) {
		const struct doc_node *ca, *cb;

		if (!str_eq(e->parent, section) ||
		    (df->versions && strcmp(e->key, "reviews") == 0))
			continue;
		ca = doc_map_get(a, e->key);
		cb = doc_map_get(b, e->key);
		if (e->is_list) {
			diff_list(df, e->key, cd_as_type(ca, DOC_SEQ),
			          cd_as_type(cb, DOC_SEQ), owner_id);
		} else {
			ca = cd_as_type(ca, DOC_MAP);
			cb = cd_as_type(cb, DOC_MAP);
			diff_item(df, e->key, ca ? ca : &empty,
			          cb ? cb : &empty, 0, owner_id);
		}
	}
}

/* See casedoc.h. */
size_t casedoc_diff(const struct formset *fs, const struct doc_node *a,
                    const struct doc_node *b, struct casedoc_change **out)
{
	struct diff df;

	assert(a && b && out);
	memset(&df, 0, sizeof df);
	df.fs = fs;
	df.root = b;
	diff_children(&df, NULL, a, b, NULL);
	*out = df.c.v;
	return df.c.n;
}

/* Between versions: which rank each top-3 item of la has in lb, matched
 * as diff_list matches them. */
static void rank_map(struct diff *df, const struct doc_node *la,
                     const struct doc_node *lb)
{
	struct keys ka = {0}, kb = {0};
	size_t i, j;

	version_keys("top3", la, lb, &ka, &kb);
	for (i = 0; i < ka.n; i++) {
		int ok, ra = (int)cd_text_long(doc_map_str(la->item[i], "rank"),
		                               &ok);

		if (!ok || ra < 1 || ra > 3)
			continue;
		j = cd_keys_find(&kb, ka.v[i]);
		if (j != NPOS) {
			int okb, rb = (int)cd_text_long(
				doc_map_str(lb->item[j], "rank"), &okb);

			df->rankmap[ra] = okb && rb >= 1 && rb <= 3 ? rb : 0;
		}
	}
	cd_keys_free(&ka);
	cd_keys_free(&kb);
}

/* See casedoc.h. */
size_t casedoc_diff_versions(const struct formset *fs,
                             const struct doc_node *sa,
                             const struct doc_node *sb,
                             struct casedoc_change **out)
{
	struct diff df;
	struct doc_node none = {0};

	assert(sa && sb && out);
	none.type = DOC_MAP; /* names without a "sessie N: " prefix */
	memset(&df, 0, sizeof df);
	df.fs = fs;
	df.root = &none;
	df.versions = 1;
	rank_map(&df, cd_as_type(doc_map_get(sa, "top3"), DOC_SEQ),
	         cd_as_type(doc_map_get(sb, "top3"), DOC_SEQ));
	diff_item(&df, "sessions", sa, sb, 0, doc_map_str(sb, "id"));
	*out = df.c.v;
	return df.c.n;
}
