/*
 * casedoc.c - editing a household's case document: the model behind the
 * screens (see casedoc.h). This file holds document access and every edit:
 * the lists of a document, new households and sessions, lookup, setting
 * fields, adding items (refs, ranks, member refs from names), reclassify,
 * promote, and removing and moving items.
 *
 * The document is the duo-case/1 tree of store_load_case: every item
 * mapping starts with "_id", the household and the sessions carry "id".
 * Items point at each other by ref (members, statements, factors,
 * hypotheses, plan items) and by top-3 rank. Every function here that adds,
 * moves or removes an item keeps that web intact: refs stay unique within
 * their list, pointers resolve, top-3 ranks are 1..n in list order. The
 * pointers themselves are walked by casedoc_ptr.c.
 *
 * The rest of the model lives beside this file, sharing casedoc_impl.h:
 * casedoc_tree.c (tree helpers), casedoc_ptr.c (the pointer table and its
 * walker), casedoc_name.c (Dutch names of items), casedoc_missing.c,
 * casedoc_diff.c and casedoc_merge.c.
 *
 * Decisions the header leaves open (the screens may rely on them):
 *  - casedoc_set also takes the text casedoc_diff shows for list and scores
 *    fields ("f1, f2", "duo 3, anouk 6"), so a merge conflict can be
 *    resolved with casedoc_set whatever the field type.
 *  - A removed item that a review comment was on moves the comment to its
 *    section ("statements", "top3", "plan", ...): the team lead's words are
 *    kept and "on" stays a valid target.
 *  - Removing a member cleans its pointers in every session, since members
 *    belong to the household.
 *  - New statement refs use f, z, m by kind (u without a kind); numbers
 *    continue after the highest in use, so a removed ref is not reused.
 *    New hypotheses start with status te-toetsen. A missing analysis
 *    mapping is created with model 4p (the default model).
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "casedoc_impl.h"
#include "doc.h"
#include "form.h"
#include "store.h"
#include "util.h"

#define TITLE_MAX 80            /* characters in a promoted title */
#define MEMBER_REF_MAX 12       /* characters of a ref made from a name */

/* ---------------------------------------------------------------------- */
/* Sections, fields and key order                                         */

/* Text that may be written plain anywhere, flow collections included:
 * refs, numbers, dates, choices (the store's rule for export). */
static int text_simple(const char *t)
{
	const char *p;

	if (!isalnum((unsigned char)*t))
		return 0;
	for (p = t; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_./+", *p))
			return 0;
	return strcmp(t, "null") != 0 && strcmp(t, "Null") != 0 &&
	       strcmp(t, "NULL") != 0;
}

#define RANK_EXTRA 50000L       /* keys the form does not know */
#define RANK_CHILD 100000L      /* nested sections, in skeleton order */

/* The form field key of section, NULL when the forms do not know it. */
const struct form_field *cd_section_field(const struct formset *fs,
                                          const char *section,
                                          const char *key)
{
	return form_section_field(formset_section(fs, section), key);
}

/* Where key belongs in an item of section: "_id" first, the form's fields
 * in order (the store's built-in order without forms), extras, then the
 * nested sections in skeleton order. */
static long key_rank(const struct form_section *sec, const char *section,
                     const char *key)
{
	const char *const *builtin = form_builtin_keys(section);
	const struct skeleton_entry *e;
	long i;

	if (strcmp(key, STORE_ITEM_ID) == 0)
		return 0;
	for (e = form_skeleton, i = 0; e->key; e++, i++)
		if (str_eq(e->parent, section) && strcmp(e->key, key) == 0)
			return RANK_CHILD + i;
	if (sec) {
		for (i = 0; i < (long)sec->nfields; i++)
			if (strcmp(sec->fields[i].key, key) == 0)
				return 1 + i;
	} else if (builtin) {
		for (i = 0; builtin[i]; i++)
			if (strcmp(builtin[i], key) == 0)
				return 1 + i;
	}
	return RANK_EXTRA;
}

/* 1 if key is a nested section of section (not a field). */
int cd_is_child_key(const char *section, const char *key)
{
	return key_rank(NULL, section, key) >= RANK_CHILD;
}

/* Set item[key] to v (owned): in place when present, else inserted at its
 * place in the form order. */
void cd_item_put(const struct formset *fs, const char *section,
                 struct doc_node *item, const char *key, struct doc_node *v)
{
	const struct form_section *sec = formset_section(fs, section);
	size_t i = cd_map_find(item, key), at;
	long r;

	assert(item->type == DOC_MAP);
	if (i != NPOS) {
		doc_free(item->pair[i].value);
		item->pair[i].value = v;
		return;
	}
	r = key_rank(sec, section, key);
	for (at = 0; at < item->len; at++)
		if (key_rank(sec, section, item->pair[at].key) > r)
			break;
	cd_map_insert_at(item, at, key, v);
}

/* The style of a scalar value of field f (NULL: an extra field). */
static enum doc_style field_style(const struct form_field *f,
                                  const char *text)
{
	if (!f || f->type == FT_TEXT || f->type == FT_LINES ||
	    f->type == FT_PERSON)
		return DOC_AUTO;
	return text_simple(text) ? DOC_PLAIN : DOC_AUTO;
}

/* A list element or a score. */
static struct doc_node *flow_scalar(const char *text)
{
	return doc_new_scalar(text, text_simple(text) ? DOC_PLAIN : DOC_QUOTED);
}

/* Replace the text of scalar n, keeping its style. */
void cd_scalar_set(struct doc_node *n, const char *text)
{
	char *t = xstrdup(text);

	assert(n->type == DOC_SCALAR);
	free(n->text);
	n->text = t;
}

/*
 * owner[key] when it is of type; when it is absent and create is set, a
 * new empty one (*made, if not NULL, says so). NULL when absent, or of
 * another type. owner is an item of owner_section (for the key order).
 */
static struct doc_node *child(struct doc_node *owner,
                              const char *owner_section, const char *key,
                              enum doc_type type, int create, int *made)
{
	struct doc_node *c = doc_map_get(owner, key);

	if (made)
		*made = 0;
	if (c)
		return c->type == type ? c : NULL;
	if (create) {
		c = type == DOC_SEQ ? doc_new_seq(DOC_AUTO) :
		    doc_new_map(DOC_AUTO);
		cd_item_put(NULL, owner_section, owner, key, c);
		if (made)
			*made = 1;
	}
	return c;
}

/* The analysis mapping of a session, made (with the default model) when
 * create is set. */
struct doc_node *cd_session_analysis(struct doc_node *session, int create)
{
	int made;
	struct doc_node *an = child(session, "sessions", "analysis", DOC_MAP,
	                            create, &made);

	if (made)
		doc_map_add_str(an, "model", "4p", DOC_PLAIN);
	return an;
}

/* The household mapping, made when create is set. */
struct doc_node *cd_root_household(struct doc_node *root, int create)
{
	return child(root, NULL, "household", DOC_MAP, create, NULL);
}

/* See casedoc.h. */
struct doc_node *casedoc_list(struct doc_node *root, struct doc_node *session,
                              const char *section, int create)
{
	const struct skeleton_entry *e = form_skeleton_get(section);
	struct doc_node *owner;

	assert(e && e->is_list);
	if (!e->parent)
		owner = root;
	else if (strcmp(e->parent, "household") == 0)
		owner = root ? cd_root_household(root, create) : NULL;
	else if (strcmp(e->parent, "analysis") == 0)
		owner = session ? cd_session_analysis(session, create) : NULL;
	else
		owner = session;
	if (!owner || owner->type != DOC_MAP)
		return NULL;
	if (create && doc_is_null(doc_map_get(owner, section)))
		cd_map_remove(owner, section); /* "statements: ~" */
	return child(owner, e->parent, section, DOC_SEQ, create, NULL);
}

/* A list of a session (or of a review) that may be absent; read only. */
struct doc_node *cd_slist(struct doc_node *session, const char *section)
{
	return casedoc_list(NULL, session, section, 0);
}

/* ---------------------------------------------------------------------- */
/* Households, sessions, lookup and setting fields                        */

/* See casedoc.h. */
struct doc_node *casedoc_new_household(const char *name)
{
	struct doc_node *root = doc_new_map(DOC_AUTO);
	struct doc_node *hh = doc_new_map(DOC_AUTO);
	char id[UUID_STR_LEN];

	uuid_new(id);
	doc_map_add_str(root, "format", "duo-case/1", DOC_PLAIN);
	doc_map_add_str(hh, "id", id, DOC_PLAIN);
	if (!str_empty(name))
		doc_map_add_str(hh, "name", name, DOC_AUTO);
	doc_map_add(root, "household", hh);
	return root;
}

/* The version number of a session, 0 when it has none. */
long cd_session_version(const struct doc_node *session)
{
	int ok;

	return cd_text_long(doc_map_str(session, "version"), &ok);
}

/* See casedoc.h. */
struct doc_node *casedoc_session(struct doc_node *root, int version)
{
	struct doc_node *list = casedoc_list(root, NULL, "sessions", 0);
	struct doc_node *best = NULL;
	size_t i;

	for (i = 0; i < cd_list_len(list); i++) {
		struct doc_node *s = list->item[i];
		long v = cd_session_version(s);

		if (version ? v == version :
		    !best || v > cd_session_version(best))
			best = s;
		if (version && best)
			break;
	}
	return best;
}

/* See casedoc.h. */
struct doc_node *casedoc_new_session(struct doc_node *root, const char *today)
{
	struct doc_node *list = casedoc_list(root, NULL, "sessions", 1);
	struct doc_node *last = casedoc_session(root, 0);
	struct doc_node *s = doc_new_map(DOC_AUTO);
	char id[UUID_STR_LEN], day[11];

	assert(list);
	if (str_empty(today)) {
		date_today(day);
		today = day;
	}
	uuid_new(id);
	doc_map_add_str(s, "id", id, DOC_PLAIN);
	doc_map_add(s, "version", doc_new_scalarf(DOC_PLAIN, "%ld",
	            last ? cd_session_version(last) + 1 : 1));
	doc_map_add_str(s, "date", today, DOC_PLAIN);
	doc_map_add_str(s, "status", "concept", DOC_PLAIN);
	doc_seq_add(list, s);
	return s;
}

/* Give every item under n a new temporary "_id". */
static void fresh_ids(struct doc_node *n)
{
	for (size_t i = 0; n->type != DOC_SCALAR && i < n->len; i++) {
		struct doc_node *v = n->type == DOC_MAP ? n->pair[i].value :
		                     n->item[i];

		if (n->type == DOC_MAP && v->type == DOC_SCALAR &&
		    str_eq(n->pair[i].key, STORE_ITEM_ID)) {
			char id[UUID_STR_LEN];

			uuid_new(id);
			free(v->text);
			v->text = xstrdup(id);
		} else {
			fresh_ids(v);
		}
	}
}

/* 1 for a key of a session that an evaluation carries over. */
static int carried_over(const char *key)
{
	static const char *const own[] = {"id", "version", "date", "status",
	                                  "evaluation", "reviews", NULL};

	for (size_t i = 0; own[i]; i++)
		if (str_eq(key, own[i]))
			return 0;
	return 1;
}

/* See casedoc.h. */
struct doc_node *casedoc_new_version(struct doc_node *root, const char *today)
{
	struct doc_node *prev = casedoc_session(root, 0);
	struct doc_node *s = casedoc_new_session(root, today);

	for (size_t i = 0; prev && i < prev->len; i++) {
		struct doc_node *copy;

		if (!carried_over(prev->pair[i].key))
			continue;
		copy = doc_clone(prev->pair[i].value);
		fresh_ids(copy);
		doc_map_add(s, prev->pair[i].key, copy);
	}
	return s;
}

/* See casedoc.h. */
struct doc_node *casedoc_find(struct doc_node *root, struct doc_node *session,
                              const char *section, const char *item_id,
                              size_t *index)
{
	struct doc_node *list = casedoc_list(root, session, section, 0);
	size_t i;

	for (i = 0; item_id && i < cd_list_len(list); i++) {
		if (str_eq(doc_map_str(list->item[i], STORE_ITEM_ID),
		           item_id)) {
			if (index)
				*index = i;
			return list->item[i];
		}
	}
	return NULL;
}

/* See casedoc.h. */
const char *casedoc_get(const struct doc_node *item, const char *key)
{
	return doc_map_str(item, key);
}

/* Split "a, b" (the text of a list value) into trimmed parts; caller frees
 * the vector and its strings. */
static size_t split_list(const char *text, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = text;

	while (*p) {
		const char *end = strchr(p, ','), *b = p, *e;

		if (!end)
			end = p + strlen(p);
		e = end;
		while (b < e && isspace((unsigned char)*b))
			b++;
		while (e > b && isspace((unsigned char)e[-1]))
			e--;
		if (e > b) {
			xgrow(&v, &cap, n + 1, sizeof *v);
			v[n++] = xstrndup(b, (size_t)(e - b));
		}
		p = *end ? end + 1 : end;
	}
	*out = v;
	return n;
}

/* Set a scores field from its text, "duo 3, anouk 6"; parts without a
 * trailing number are skipped. */
static void set_scores_text(const struct formset *fs, const char *section,
                            struct doc_node *item, const char *key,
                            const char *text)
{
	char **v;
	size_t n = split_list(text, &v), i;

	cd_map_remove(item, key);
	for (i = 0; i < n; i++) {
		char *sp = strrchr(v[i], ' ');
		int ok;
		long score;

		if (!sp)
			continue;
		score = cd_text_long(sp + 1, &ok);
		*sp = '\0';
		while (sp > v[i] && sp[-1] == ' ')
			*--sp = '\0';
		if (ok && score >= 0 && score <= 10 && *v[i])
			casedoc_set_score(fs, section, item, key, v[i],
			                  (int)score);
	}
	cd_strv_free(v, n);
}

/* See casedoc.h. List and scores fields also take their diff text. */
void casedoc_set(const struct formset *fs, const char *section,
                 struct doc_node *item, const char *key, const char *text)
{
	const struct form_field *f = cd_section_field(fs, section, key);

	assert(item && item->type == DOC_MAP && key);
	assert(!cd_is_child_key(section, key));
	if (str_empty(text)) {
		cd_map_remove(item, key);
	} else if (f && field_type_is_list(f->type)) {
		char **v;
		size_t n = split_list(text, &v);

		casedoc_set_list(fs, section, item, key,
		                 (const char *const *)v, n);
		cd_strv_free(v, n);
	} else if (f && f->type == FT_SCORES) {
		set_scores_text(fs, section, item, key, text);
	} else {
		cd_item_put(fs, section, item, key,
		            doc_new_scalar(text, field_style(f, text)));
	}
}

/* See casedoc.h. */
void casedoc_set_list(const struct formset *fs, const char *section,
                      struct doc_node *item, const char *key,
                      const char *const *values, size_t n)
{
	struct doc_node *seq;
	size_t i;

	assert(item && item->type == DOC_MAP && key);
	seq = doc_new_seq(DOC_FLOW);
	for (i = 0; i < n; i++)
		if (!str_empty(values[i]))
			doc_seq_add(seq, flow_scalar(values[i]));
	if (seq->len == 0) {
		doc_free(seq);
		cd_map_remove(item, key);
		return;
	}
	cd_item_put(fs, section, item, key, seq);
}

/* See casedoc.h. */
void casedoc_set_score(const struct formset *fs, const char *section,
                       struct doc_node *item, const char *key,
                       const char *person, int score)
{
	struct doc_node *map = doc_map_get(item, key);
	size_t i;

	assert(item && item->type == DOC_MAP && key && !str_empty(person));
	assert(score <= 10);
	if (map && map->type != DOC_MAP) {
		cd_map_remove(item, key);
		map = NULL;
	}
	if (!map) {
		if (score < 0)
			return;
		map = doc_new_map(DOC_FLOW);
		cd_item_put(fs, section, item, key, map);
	}
	i = cd_map_find(map, person);
	if (score < 0) {
		if (i != NPOS)
			cd_map_remove_at(map, i);
		if (map->len == 0)
			cd_map_remove(item, key);
	} else if (i != NPOS) {
		doc_free(map->pair[i].value);
		map->pair[i].value = doc_new_scalarf(DOC_PLAIN, "%d", score);
	} else {
		doc_map_add(map, person,
		            doc_new_scalarf(DOC_PLAIN, "%d", score));
	}
}

/* ---------------------------------------------------------------------- */
/* Adding items: refs and ranks                                           */

/* The number after prefix in ref ("f12" -> 12), 0 when ref is not prefix
 * and digits; plain prefix counts as 1 when bare_is_one is set. */
static long ref_number(const char *ref, const char *prefix, int bare_is_one)
{
	size_t n = strlen(prefix);
	int ok;
	long v;

	if (!ref || strncmp(ref, prefix, n) != 0)
		return 0;
	if (ref[n] == '\0')
		return bare_is_one ? 1 : 0;
	if (!isdigit((unsigned char)ref[n]))
		return 0;
	v = cd_text_long(ref + n, &ok);
	return ok && v > 0 ? v : 0;
}

/* A ref prefix+N not used in list, N one above the highest in use (at
 * least first); caller frees. */
char *cd_next_ref(const struct doc_node *list, const char *prefix,
                  long first, int bare_is_one)
{
	long n = first - 1;
	size_t i;

	for (i = 0; i < cd_list_len(list); i++) {
		long v = ref_number(doc_map_str(list->item[i], "ref"), prefix,
		                    bare_is_one);
		if (v > n)
			n = v;
	}
	for (;;) {
		char *ref = xasprintf("%s%ld", prefix, ++n);

		if (!cd_find_by(list, "ref", ref))
			return ref;
		free(ref);
	}
}

/*
 * Letters of U+00C0..U+017F folded to ASCII: one letter, '.' to drop, or a
 * digit naming a pair in fold_pairs (ae, ss, th, ij, oe).
 */
static const char fold_latin[] =
	/* U+00C0 */ "aaaaaa0ceeeeiiiidnooooo.ouuuuy21"
	/* U+00E0 */ "aaaaaa0ceeeeiiiidnooooo.ouuuuy2y"
	/* U+0100 */ "aaaaaaccccccccddddeeeeeeeeeegggggggghhhh"
	/* U+0128 */ "iiiiiiiiii33jjkkkllllllllllnnnnnnnnnoooooo44"
	/* U+0154 */ "rrrrrrsssssssstttttt" "uuuuuuuuuuuuwwyyyzzzzzzs";
static const char *const fold_pairs[] = {"ae", "ss", "th", "ij", "oe"};
_Static_assert(sizeof fold_latin == 0x180 - 0xC0 + 1,
               "fold_latin covers U+00C0..U+017F");

/* The ASCII letters or digit for one character, NULL to drop it. */
static const char *fold_cp(unsigned long cp, char one[2])
{
	char c;

	one[1] = '\0';
	if (cp < 0x80) {
		if (!isalnum((int)cp))
			return NULL;
		one[0] = (char)tolower((int)cp);
		return one;
	}
	if (cp < 0xC0 || cp > 0x17F)
		return NULL;
	c = fold_latin[cp - 0xC0];
	if (c == '.')
		return NULL;
	if (c >= '0' && c <= '4')
		return fold_pairs[c - '0'];
	one[0] = c;
	return one;
}

/* The first word of name as lowercase ASCII letters and digits, at most
 * MEMBER_REF_MAX of them; caller frees ("" when nothing is left). */
static char *member_slug(const char *name)
{
	struct strbuf sb = {0};
	const char *p = name ? name : "", *end;

	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
		unsigned long cp;
		char one[2];
		const char *f;

		p += utf8_decode(p, (size_t)(end - p), &cp);
		for (f = fold_cp(cp, one); f && *f; f++)
			if (sb.len < MEMBER_REF_MAX)
				sb_addc(&sb, *f);
	}
	return sb.s ? sb_steal(&sb) : xstrdup("");
}

/* A unique member ref for name: "zoe", then "zoe2"; "lid1" without a
 * usable name. Caller frees. */
static char *member_ref(const struct doc_node *members, const char *name)
{
	char *base = member_slug(name), *ref;

	if (!*base) {
		free(base);
		return cd_next_ref(members, "lid", 1, 0);
	}
	if (!cd_find_by(members, "ref", base))
		return base;
	ref = cd_next_ref(members, base, 2, 1);
	free(base);
	return ref;
}

/* The ref prefix of new items of a section, NULL when it has no refs. */
static const char *ref_prefix(const char *section, const char *kind)
{
	static const struct {
		const char *section, *kind, *prefix;
	} prefixes[] = {
		{"statements", "feit", "f"}, {"statements", "zorg", "z"},
		{"statements", "mening", "m"}, {"statements", NULL, "u"},
		{"factors", NULL, "a"}, {"hypotheses", NULL, "h"},
		{"plan", NULL, "p"},
	};
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (strcmp(prefixes[i].section, section) == 0 &&
		    (!prefixes[i].kind || str_eq(prefixes[i].kind, kind)))
			return prefixes[i].prefix;
	return NULL;
}

/* The lowest rank 1.. not used in the top-3 list. */
static long first_free_rank(const struct doc_node *list)
{
	long r;
	char buf[24];

	for (r = 1;; r++) {
		snprintf(buf, sizeof buf, "%ld", r);
		if (!cd_find_by(list, "rank", buf))
			return r;
	}
}

/* The Dutch reason a section is full. */
static void full_reason(const struct form_section *sec, const char *section,
                        int max, char *err, size_t errlen)
{
	if (!err || !errlen)
		return;
	if (strcmp(section, "top3") == 0 && max == 3)
		snprintf(err, errlen, "De TOP-3 heeft al drie zorgen. Haal er "
		         "eerst een weg, of maak een bestaande zorg scherper.");
	else
		snprintf(err, errlen, "%s heeft al %d onderdelen; meer kan "
		         "niet.", sec ? sec->label : section, max);
}

/* Fill the ref, rank, kind and name of a new item of section. */
static void add_fields(const struct formset *fs, struct doc_node *list,
                       const char *section, struct doc_node *item,
                       const char *kind, const char *name)
{
	const char *prefix = ref_prefix(section, kind);
	char *ref = NULL;

	if (strcmp(section, "members") == 0)
		ref = member_ref(list, name);
	else if (prefix)
		ref = cd_next_ref(list, prefix, 1, 0);
	if (ref)
		casedoc_set(fs, section, item, "ref", ref);
	free(ref);
	if (strcmp(section, "top3") == 0)
		cd_item_put(fs, section, item, "rank",
		            doc_new_scalarf(DOC_PLAIN, "%ld",
		                            first_free_rank(list)));
	if (!str_empty(kind) && (strcmp(section, "statements") == 0 ||
	                         strcmp(section, "plan") == 0))
		casedoc_set(fs, section, item, "kind", kind);
	if (!str_empty(name) && (strcmp(section, "members") == 0 ||
	                         strcmp(section, "participants") == 0))
		casedoc_set(fs, section, item, "name", name);
	if (strcmp(section, "hypotheses") == 0)
		casedoc_set(fs, section, item, "status", "te-toetsen");
}

/* See casedoc.h. Sessions are added with casedoc_new_session. */
struct doc_node *casedoc_add(const struct formset *fs, struct doc_node *root,
                             struct doc_node *session, const char *section,
                             const char *kind, const char *name, char *err,
                             size_t errlen)
{
	const struct form_section *sec = formset_section(fs, section);
	struct doc_node *list, *item;
	char id[UUID_STR_LEN];
	int max = sec ? sec->max_items : 0;

	assert(section);
	if (strcmp(section, "sessions") == 0)
		return casedoc_new_session(root, NULL);
	if (max <= 0 && strcmp(section, "top3") == 0)
		max = 3;
	list = casedoc_list(root, session, section, 1);
	if (!list) {
		if (err && errlen)
			snprintf(err, errlen, "Er is nog geen sessie.");
		return NULL;
	}
	if (max > 0 && list->len >= (size_t)max) {
		full_reason(sec, section, max, err, errlen);
		return NULL;
	}
	item = doc_new_map(DOC_AUTO);
	uuid_new(id);
	doc_map_add_str(item, STORE_ITEM_ID, id, DOC_PLAIN);
	add_fields(fs, list, section, item, kind, name);
	doc_seq_add(list, item);
	return item;
}

/* 1 when ref has the form duo gives a statement: the prefix of a kind
 * and a number (f3, z1, m2, u1). A ref typed otherwise ("school") is the
 * user's own and is kept when the statement changes column. */
static int statement_auto_ref(const char *ref)
{
	static const char *const kinds[] = {"feit", "zorg", "mening"};
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (ref_number(ref, ref_prefix("statements", kinds[i]), 0) > 0)
			return 1;
	return ref_number(ref, ref_prefix("statements", NULL), 0) > 0;
}

/* A ref of section that was renamed. */
struct renamed {
	const char *section;
	const char *from, *to;
};

/* Rewrite the pointers to a renamed ref (comment targets too). */
static enum ptr_act follow_rename(const struct ptr_field *pf,
                                  const char *text, char **set, void *arg)
{
	const struct renamed *r = arg;

	if (strcmp(text, r->from) != 0)
		return PTR_KEEP;
	if (pf->shape == P_TARGET ? !cd_target_section(r->section) :
	    !str_eq(pf->target, r->section))
		return PTR_KEEP;
	*set = xstrdup(r->to);
	return PTR_SET;
}

/* See casedoc.h. */
int casedoc_reclassify(const struct formset *fs, struct doc_node *root,
                       struct doc_node *session, struct doc_node *statement,
                       const char *kind)
{
	const struct form_field *f = cd_section_field(fs, "statements", "kind");
	struct doc_node *list = casedoc_list(root, session, "statements", 0);
	const char *prefix, *ref;
	struct renamed r;
	char *from, *to;

	assert(statement && statement->type == DOC_MAP);
	assert(list);
	if (str_empty(kind))
		return -1;
	if (f && f->nchoices ? !form_field_choice(f, kind) :
	    strcmp(kind, "feit") != 0 && strcmp(kind, "zorg") != 0 &&
	    strcmp(kind, "mening") != 0)
		return -1;
	casedoc_set(fs, "statements", statement, "kind", kind);
	prefix = ref_prefix("statements", kind);
	ref = doc_map_str(statement, "ref");
	if ((ref && !statement_auto_ref(ref)) || ref_number(ref, prefix, 0) > 0)
		return 0;
	/* a ref duo gave follows the column: f2 becomes m4 */
	from = ref ? xstrdup(ref) : NULL;
	to = cd_next_ref(list, prefix, 1, 0);
	casedoc_set(fs, "statements", statement, "ref", to);
	if (from) {
		r.section = "statements";
		r.from = from;
		r.to = to;
		cd_ptr_visit_session(session, follow_rename, &r);
	}
	free(from);
	free(to);
	return 0;
}

/* Byte length of the first sentence of t: up to a newline, or through a
 * '.', '!' or '?' that ends the text or is followed by a space. */
static size_t sentence_len(const char *t)
{
	size_t i;

	for (i = 0; t[i]; i++) {
		if (t[i] == '\n')
			return i;
		if (strchr(".!?", t[i]) &&
		    (t[i + 1] == '\0' || isspace((unsigned char)t[i + 1])))
			return i + 1;
	}
	return i;
}

/* A title made from text: its first sentence, at most TITLE_MAX
 * characters cut at a word, without trailing punctuation. Caller frees. */
static char *title_from(const char *text)
{
	size_t end, i = 0, cut, space = 0, chars = 0;

	while (isspace((unsigned char)*text))
		text++;
	end = cut = sentence_len(text);
	while (i < end) {
		unsigned long cp;

		if (chars == TITLE_MAX) {
			cut = text[i] == ' ' || !space ? i : space;
			break;
		}
		if (text[i] == ' ')
			space = i;
		i += utf8_decode(text + i, end - i, &cp);
		chars++;
	}
	while (cut > 0 && strchr(" \t.,;:", text[cut - 1]))
		cut--;
	return xstrndup(text, cut);
}

/* See casedoc.h. */
struct doc_node *casedoc_promote(const struct formset *fs,
                                 struct doc_node *root,
                                 struct doc_node *session,
                                 const struct doc_node *zorg, char *err,
                                 size_t errlen)
{
	const char *text = casedoc_get(zorg, "text");
	struct doc_node *item;
	char *title;

	assert(zorg && zorg->type == DOC_MAP);
	item = casedoc_add(fs, root, session, "top3", NULL, NULL, err, errlen);
	if (!item || str_empty(text))
		return item;
	title = title_from(text);
	casedoc_set(fs, "top3", item, "title", title);
	casedoc_set(fs, "top3", item, "what", text);
	free(title);
	return item;
}

/* ---------------------------------------------------------------------- */
/* Removing and moving                                                    */

/* A ref of section that went away. */
struct gone {
	const char *section;
	const char *ref;
};

/* Drop pointers to a removed ref; a comment on it moves to the section. */
static enum ptr_act drop_gone(const struct ptr_field *pf, const char *text,
                              char **set, void *arg)
{
	const struct gone *g = arg;

	if (strcmp(text, g->ref) != 0)
		return PTR_KEEP;
	if (pf->shape != P_TARGET)
		return str_eq(pf->target, g->section) ? PTR_DROP : PTR_KEEP;
	if (!cd_target_section(g->section))
		return PTR_KEEP;
	*set = xstrdup(g->section);
	return PTR_SET;
}

/* Room for the items of a top-3 list (max_items is 3; the rest of a
 * broken list keeps its ranks). */
#define TOP3_ROOM 16

/* What happened to each top-3 rank: old rank -> new rank, 0 removed. */
struct rankmap {
	size_t n;
	long from[TOP3_ROOM];
	long to[TOP3_ROOM];
};

/* The rank text of a remapped pointer; PTR_KEEP for ranks not in m. */
static enum ptr_act remap_rank(const struct ptr_field *pf, const char *text,
                               char **set, void *arg)
{
	const struct rankmap *m = arg;
	const char *num = text;
	long r;
	size_t i;
	int ok;

	if (pf->shape == P_TARGET) {
		if (!str_has_prefix(text, "top3/"))
			return PTR_KEEP;
		num = text + 5;
	} else if (!str_eq(pf->target, "top3")) {
		return PTR_KEEP;
	}
	r = cd_text_long(num, &ok);
	for (i = 0; ok && i < m->n; i++) {
		if (m->from[i] != r)
			continue;
		if (m->to[i] == r)
			return PTR_KEEP;
		if (m->to[i] == 0 && pf->shape != P_TARGET)
			return PTR_DROP;
		*set = m->to[i] ? xasprintf(pf->shape == P_TARGET ?
		                            "top3/%ld" : "%ld", m->to[i]) :
		       xstrdup("top3");
		return PTR_SET;
	}
	return PTR_KEEP;
}

/* Ranks of the top-3 items before a change, by node. */
struct rank_snap {
	size_t n;
	const struct doc_node *node[TOP3_ROOM];
	long rank[TOP3_ROOM];
};

/* Note the rank of each item of the top-3 list. */
static void rank_snapshot(const struct doc_node *list, struct rank_snap *s)
{
	size_t i;
	int ok;

	s->n = 0;
	for (i = 0; i < cd_list_len(list) && s->n < TOP3_ROOM; i++) {
		s->node[s->n] = list->item[i];
		s->rank[s->n++] = cd_text_long(doc_map_str(list->item[i],
		                                           "rank"), &ok);
	}
}

/* Set the ranks of the top-3 list to 1..n in list order (pointers to the
 * ranks are not touched). */
void cd_top3_renumber(const struct formset *fs, struct doc_node *list)
{
	size_t i;

	for (i = 0; i < cd_list_len(list); i++) {
		struct doc_node *r = doc_map_get(list->item[i], "rank");
		char buf[24];

		snprintf(buf, sizeof buf, "%zu", i + 1);
		if (r && r->type == DOC_SCALAR)
			cd_scalar_set(r, buf);
		else
			cd_item_put(fs, "top3", list->item[i], "rank",
			            doc_new_scalar(buf, DOC_PLAIN));
	}
}

/* After a change of the top-3 list: ranks 1..n in list order, and every
 * pointer to a rank follows its item (gone is the removed item, or NULL). */
static void rank_follow(const struct formset *fs, struct doc_node *session,
                        struct doc_node *list, const struct rank_snap *s,
                        const struct doc_node *gone)
{
	struct rankmap m = {0};
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		m.from[m.n] = s->rank[i];
		m.to[m.n] = 0;
		for (j = 0; s->node[i] != gone && j < cd_list_len(list); j++)
			if (list->item[j] == s->node[i])
				m.to[m.n] = (long)j + 1;
		if (s->rank[i] > 0)
			m.n++;
	}
	cd_top3_renumber(fs, list);
	cd_ptr_visit_session(session, remap_rank, &m);
	cd_tidy_explains(session);
}

/* See casedoc.h. */
void casedoc_remove(struct doc_node *root, struct doc_node *session,
                    const char *section, size_t index)
{
	struct doc_node *list = casedoc_list(root, session, section, 0);
	struct doc_node *item;
	struct rank_snap snap;
	struct gone g;

	assert(list && index < list->len);
	rank_snapshot(list, &snap);
	item = cd_seq_take(list, index);
	g.section = section;
	g.ref = doc_map_str(item, "ref");
	if (strcmp(section, "top3") == 0)
		rank_follow(NULL, session, list, &snap, item);
	else if (strcmp(section, "members") == 0 && g.ref)
		cd_ptr_visit_root(root, drop_gone, &g);
	else if (g.ref && session)
		cd_ptr_visit_session(session, drop_gone, &g);
	doc_free(item);
}

/* See casedoc.h. */
void casedoc_move(struct doc_node *root, struct doc_node *session,
                  const char *section, size_t from, size_t to)
{
	struct doc_node *list = casedoc_list(root, session, section, 0);
	struct rank_snap snap;

	assert(list && from < list->len && to < list->len);
	if (from == to)
		return;
	rank_snapshot(list, &snap);
	cd_seq_insert_at(list, to, cd_seq_take(list, from));
	if (strcmp(section, "top3") == 0)
		rank_follow(NULL, session, list, &snap, NULL);
}
