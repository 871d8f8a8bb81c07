/*
 * casedoc_tree.c - small helpers on doc_node trees that the files of the
 * case document model share (see casedoc_impl.h): editing mappings and
 * sequences in place, blank values and deep equality, a value as one line
 * of text, numbers in text, and lookups in lists of items and of strings.
 *
 * Nothing here knows sections, forms or pointers; that is casedoc.c and
 * casedoc_ptr.c. doc.h owns the tree itself (nodes, building, parsing).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc_impl.h"
#include "doc.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Mappings and sequences                                                 */

/* Index of key in map, NPOS when absent or map is not a mapping. */
size_t cd_map_find(const struct doc_node *map, const char *key)
{
	size_t i;

	if (!map || map->type != DOC_MAP)
		return NPOS;
	for (i = 0; i < map->len; i++)
		if (strcmp(map->pair[i].key, key) == 0)
			return i;
	return NPOS;
}

/* Remove pair i of map; its value is freed. */
void cd_map_remove_at(struct doc_node *map, size_t i)
{
	assert(map->type == DOC_MAP && i < map->len);
	free(map->pair[i].key);
	doc_free(map->pair[i].value);
	memmove(&map->pair[i], &map->pair[i + 1],
	        (map->len - i - 1) * sizeof *map->pair);
	map->len--;
}

/* Remove key from map, if it is there. */
void cd_map_remove(struct doc_node *map, const char *key)
{
	size_t i = cd_map_find(map, key);

	if (i != NPOS)
		cd_map_remove_at(map, i);
}

/* Insert key: v at position at; map owns v. */
void cd_map_insert_at(struct doc_node *map, size_t at, const char *key,
                      struct doc_node *v)
{
	struct doc_pair p;

	assert(at <= map->len);
	doc_map_add(map, key, v);
	p = map->pair[map->len - 1];
	memmove(&map->pair[at + 1], &map->pair[at],
	        (map->len - 1 - at) * sizeof p);
	map->pair[at] = p;
}

/* Take item i out of seq; the caller owns it. */
struct doc_node *cd_seq_take(struct doc_node *seq, size_t i)
{
	struct doc_node *n;

	assert(seq->type == DOC_SEQ && i < seq->len);
	n = seq->item[i];
	memmove(&seq->item[i], &seq->item[i + 1],
	        (seq->len - i - 1) * sizeof *seq->item);
	seq->len--;
	return n;
}

/* Insert n at position at; seq owns n. */
void cd_seq_insert_at(struct doc_node *seq, size_t at, struct doc_node *n)
{
	assert(at <= seq->len);
	doc_seq_add(seq, n);
	memmove(&seq->item[at + 1], &seq->item[at],
	        (seq->len - 1 - at) * sizeof *seq->item);
	seq->item[at] = n;
}

/* 1 when n holds no value: absent, null, "", or an empty collection. */
int cd_node_blank(const struct doc_node *n)
{
	if (!n)
		return 1;
	if (n->type == DOC_SCALAR)
		return n->text[0] == '\0' || doc_is_null(n);
	return n->len == 0;
}

/* 1 if every key of a has an equal value in b (absent counts as blank). */
static int map_within(const struct doc_node *a, const struct doc_node *b)
{
	size_t i;

	for (i = 0; i < a->len; i++)
		if (!cd_node_equal(a->pair[i].value,
		                   doc_map_get(b, a->pair[i].key)))
			return 0;
	return 1;
}

/* Deep equality of values, ignoring style and position; blank values
 * (and absent keys) are equal to each other; mapping keys may come in any
 * order. */
int cd_node_equal(const struct doc_node *a, const struct doc_node *b)
{
	size_t i;

	if (cd_node_blank(a) || cd_node_blank(b))
		return cd_node_blank(a) && cd_node_blank(b);
	if (a->type != b->type)
		return 0;
	if (a->type == DOC_SCALAR)
		return strcmp(a->text, b->text) == 0;
	if (a->type == DOC_MAP)
		return map_within(a, b) && map_within(b, a);
	if (a->len != b->len)
		return 0;
	for (i = 0; i < a->len; i++)
		if (!cd_node_equal(a->item[i], b->item[i]))
			return 0;
	return 1;
}

/* A value as one line of text: scalars as they are, lists joined by ", ",
 * mappings as "key value, ...". NULL when blank; caller frees. */
char *cd_value_text(const struct doc_node *n)
{
	struct strbuf sb = {0};
	size_t i;

	if (cd_node_blank(n))
		return NULL;
	if (n->type == DOC_SCALAR)
		return xstrdup(n->text);
	for (i = 0; i < n->len; i++) {
		const struct doc_node *v = n->type == DOC_SEQ ? n->item[i] :
		                           n->pair[i].value;
		if (i)
			sb_add(&sb, ", ");
		if (n->type == DOC_MAP)
			sb_addf(&sb, "%s ", n->pair[i].key);
		sb_add(&sb, v->type == DOC_SCALAR ? v->text : "?");
	}
	return sb_steal(&sb);
}

/* Numeric value of a whole-number text; 0 and *ok = 0 otherwise. */
long cd_text_long(const char *t, int *ok)
{
	char *end;
	long v;

	*ok = 0;
	if (!t || !*t)
		return 0;
	v = strtol(t, &end, 10);
	if (*end)
		return 0;
	*ok = 1;
	return v;
}

/* ---------------------------------------------------------------------- */
/* Lists of items and of strings                                          */

/* See casedoc_impl.h. */
size_t cd_list_len(const struct doc_node *list)
{
	return list ? list->len : 0;
}

/* The first item of list whose key has this text, or NULL. */
struct doc_node *cd_find_by(const struct doc_node *list, const char *key,
                            const char *text)
{
	size_t i;

	for (i = 0; i < cd_list_len(list); i++)
		if (str_eq(doc_map_str(list->item[i], key), text))
			return list->item[i];
	return NULL;
}

/* n when it is of type, else NULL. */
const struct doc_node *cd_as_type(const struct doc_node *n,
                                  enum doc_type type)
{
	return n && n->type == type ? n : NULL;
}

/* Index of s in v[0..n), NPOS when absent. */
size_t cd_strv_find(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return NPOS;
}

/* See casedoc_impl.h. */
void cd_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
