/*
 * test_casedoc.c - editing a case document (casedoc.h): new households and
 * sessions, refs and ranks of new items, setting fields in form order,
 * removing and moving items with every pointer to them, what is missing
 * per stage, the diff between two versions and the three-way merge, and
 * a run of random edits after which the shape must still hold.
 *
 * Run from the top of the repository: forms are read from "forms" and the
 * shared example from "../shared/examples/gezin-visser.yaml".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "doc.h"
#include "form.h"
#include "store.h"
#include "unit.h"
#include "util.h"
#include "validate.h"

#define EXAMPLE "../shared/examples/gezin-visser.yaml"
#define FORMS "forms"

static struct formset fs;

/* ---- helpers ------------------------------------------------------------ */

/* Put key: value first in map (as store_load_case does with "_id"). */
static void put_first(struct doc_node *map, const char *key,
                      const char *value)
{
	struct doc_pair p;

	doc_map_add_str(map, key, value, DOC_PLAIN);
	p = map->pair[map->len - 1];
	memmove(&map->pair[1], &map->pair[0], (map->len - 1) * sizeof p);
	map->pair[0] = p;
}

static void give_id(struct doc_node *map, const char *key)
{
	if (map && map->type == DOC_MAP && !doc_map_get(map, key)) {
		char id[UUID_STR_LEN];

		uuid_new(id);
		put_first(map, key, id);
	}
}

/* Give every item of list an "_id", and walk into its nested lists. */
static void ids_list(struct doc_node *list)
{
	static const char *const nested[] = {"comments", NULL};
	size_t i, j;

	for (i = 0; list && i < list->len; i++) {
		give_id(list->item[i], STORE_ITEM_ID);
		for (j = 0; nested[j]; j++)
			ids_list(doc_map_get(list->item[i], nested[j]));
	}
}

/* Ids as store_load_case gives them: "_id" on every item, "id" on the
 * household and the sessions. */
static void add_ids(struct doc_node *root)
{
	static const char *const lists[] = {
		"participants", "statements", "top3", "plan", "reviews", NULL
	};
	struct doc_node *hh = doc_map_get(root, "household");
	struct doc_node *sessions = doc_map_get(root, "sessions");
	size_t i, j;

	give_id(hh, "id");
	ids_list(doc_map_get(hh, "members"));
	for (i = 0; sessions && i < sessions->len; i++) {
		struct doc_node *s = sessions->item[i];
		struct doc_node *an = doc_map_get(s, "analysis");

		give_id(s, "id");
		for (j = 0; lists[j]; j++)
			ids_list(doc_map_get(s, lists[j]));
		ids_list(doc_map_get(an, "factors"));
		ids_list(doc_map_get(an, "hypotheses"));
	}
}

static long order_of(const char *section, const char *key);

/* Keys of every item in form order, as store_load_case gives them (the
 * shared example writes holder before about). */
static void sort_keys(const char *section, struct doc_node *map)
{
	size_t i, j;

	for (i = 1; map && map->type == DOC_MAP && i < map->len; i++) {
		struct doc_pair p = map->pair[i];

		for (j = i; j > 0 && order_of(section, map->pair[j - 1].key) >
		     order_of(section, p.key); j--)
			map->pair[j] = map->pair[j - 1];
		map->pair[j] = p;
	}
}

static void sort_tree(const char *section, struct doc_node *map)
{
	const struct skeleton_entry *e;
	size_t i;

	sort_keys(section, map);
	for (e = form_skeleton; e->key; e++) {
		struct doc_node *c;

		if (!str_eq(e->parent, section))
			continue;
		c = doc_map_get(map, e->key);
		if (c && c->type == DOC_SEQ)
			for (i = 0; i < c->len; i++)
				sort_tree(e->key, c->item[i]);
		else if (c)
			sort_tree(e->key, c);
	}
}

static struct doc_node *load(const char *path)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_file(path, NULL, &d);

	if (!root)
		diags_print(stderr, &d);
	diags_free(&d);
	if (root) {
		add_ids(root);
		sort_tree(NULL, root);
	}
	return root;
}

static struct doc_node *example(void)
{
	return load(EXAMPLE);
}

static char *emit(const struct doc_node *n)
{
	struct diags d = {0};
	char *s = doc_emit_string(n, &d);

	diags_free(&d);
	return s;
}

/* The item of a session list with this ref (or rank, for top3). */
static struct doc_node *item(struct doc_node *root, const char *section,
                             const char *ref)
{
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *list = casedoc_list(root, s, section, 0);
	const char *key = strcmp(section, "top3") == 0 ? "rank" : "ref";
	size_t i;

	for (i = 0; list && i < list->len; i++)
		if (str_eq(casedoc_get(list->item[i], key), ref))
			return list->item[i];
	return NULL;
}

static size_t index_of(struct doc_node *root, const char *section,
                       const char *ref)
{
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *list = casedoc_list(root, s, section, 0);
	struct doc_node *it = item(root, section, ref);
	size_t i;

	for (i = 0; list && i < list->len; i++)
		if (list->item[i] == it)
			return i;
	return (size_t)-1;
}

/* The text of a field as the diff shows it ("a, b"), or NULL. */
static char *field(const struct doc_node *it, const char *key)
{
	const struct doc_node *v = doc_map_get(it, key);
	struct strbuf sb = {0};
	size_t i;

	if (!v)
		return NULL;
	if (v->type == DOC_SCALAR)
		return xstrdup(v->text);
	for (i = 0; i < v->len; i++) {
		if (i)
			sb_add(&sb, ", ");
		if (v->type == DOC_MAP)
			sb_addf(&sb, "%s %s", v->pair[i].key,
			        v->pair[i].value->text);
		else
			sb_add(&sb, v->item[i]->text);
	}
	return sb_steal(&sb);
}

/* CHECK_STR on an owned string. */
#define CHECK_FIELD(it, key, want) do { \
	char *unit_f = field((it), (key)); \
	int unit_ok = str_eq(unit_f, (want)); \
	if (!unit_ok) \
		fprintf(stderr, "# %s = %s\n", (key), unit_f ? unit_f : "(null)"); \
	free(unit_f); \
	CHECK(unit_ok); \
} while (0)

static int has_diag(const struct diags *d, const char *msg)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (str_eq(d->v[i].msg, msg))
			return 1;
	return 0;
}

static void print_diags(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(stderr, "# %s\n", d->v[i].msg);
}

static void print_changes(const struct casedoc_change *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(stderr, "# %s [%s %s: %s -> %s]\n", v[i].line,
		        v[i].section, v[i].key ? v[i].key : "-",
		        v[i].before ? v[i].before : "-",
		        v[i].after ? v[i].after : "-");
}

/* The number of changes, showing them when it is wrong. */
#define CHECK_NCHANGES(v, n, want) do { \
	if ((n) != (size_t)(want)) \
		print_changes((v), (n)); \
	CHECK_INT((n), (want)); \
} while (0)

/* ---- the shape rules, checked independently ---------------------------- */

static char shape_why[512];

/* Note why the shape is wrong: what, with up to two values. */
static int shape_fail(const char *what, const char *a, const char *b)
{
	snprintf(shape_why, sizeof shape_why, "%s: %s %s", what, a ? a : "",
	         b ? b : "");
	return 0;
}

/* Position of key in an item of section: "_id", form fields, extras,
 * nested sections. */
static long order_of(const char *section, const char *key)
{
	const struct form_section *sec = formset_section(&fs, section);
	const struct skeleton_entry *e;
	size_t i;

	if (strcmp(key, STORE_ITEM_ID) == 0)
		return -1;
	for (e = form_skeleton, i = 0; e->key; e++, i++)
		if (str_eq(e->parent, section) && strcmp(e->key, key) == 0)
			return 10000 + (long)i;
	for (i = 0; sec && i < sec->nfields; i++)
		if (strcmp(sec->fields[i].key, key) == 0)
			return (long)i;
	return 5000;
}

static int keys_in_order(const char *section, const struct doc_node *it)
{
	size_t i;

	for (i = 1; i < it->len; i++)
		if (order_of(section, it->pair[i - 1].key) >
		    order_of(section, it->pair[i].key))
			return shape_fail("key out of form order",
			                  section, it->pair[i].key);
	return 1;
}

static int in_list(const struct doc_node *list, const char *key,
                   const char *text)
{
	size_t i;

	for (i = 0; list && i < list->len; i++)
		if (str_eq(doc_map_str(list->item[i], key), text))
			return 1;
	return 0;
}

/* Every item: "_id" first, keys in order, refs unique. */
static int items_ok(const char *section, const struct doc_node *list)
{
	size_t i, j;

	for (i = 0; list && i < list->len; i++) {
		const struct doc_node *it = list->item[i];
		const char *ref = doc_map_str(it, "ref");

		if (it->len == 0 || strcmp(it->pair[0].key, STORE_ITEM_ID) != 0)
			return shape_fail("item without _id first",
			                  section, NULL);
		if (!keys_in_order(section, it))
			return 0;
		for (j = 0; ref && j < i; j++)
			if (str_eq(doc_map_str(list->item[j], "ref"), ref))
				return shape_fail("ref twice", section,
				                  ref);
	}
	return 1;
}

/* Every element of it[key] is a ref in target (key: "ref" or "rank"). */
static int all_in(const struct doc_node *it, const char *key,
                  const struct doc_node *target, const char *tkey)
{
	const struct doc_node *v = doc_map_get(it, key);
	size_t i, j;

	if (!v)
		return 1;
	if (v->type == DOC_SCALAR)
		return in_list(target, tkey, v->text) ? 1 :
		       shape_fail("dangling", key, v->text);
	if (v->len == 0)
		return shape_fail("empty list", key, NULL);
	for (i = 0; i < v->len; i++) {
		if (!in_list(target, tkey, v->item[i]->text))
			return shape_fail("dangling", key,
			                  v->item[i]->text);
		for (j = 0; j < i; j++)
			if (strcmp(v->item[j]->text, v->item[i]->text) == 0)
				return shape_fail("double", key,
				                  v->item[i]->text);
	}
	return 1;
}

static int target_ok(struct doc_node *s, const char *on)
{
	static const char *const lists[] = {
		"statements", "factors", "hypotheses", "plan", NULL
	};
	size_t i;

	if (!on)
		return 1;
	if (str_has_prefix(on, "top3/"))
		return in_list(casedoc_list(NULL, s, "top3", 0), "rank", on + 5);
	if (form_skeleton_get(on))
		return 1;
	for (i = 0; lists[i]; i++)
		if (in_list(casedoc_list(NULL, s, lists[i], 0), "ref", on))
			return 1;
	return 0;
}

static int session_ok(struct doc_node *root, struct doc_node *s)
{
	static const char *const lists[] = {
		"participants", "statements", "top3", "factors", "hypotheses",
		"plan", "reviews", NULL
	};
	struct doc_node *members = casedoc_list(root, NULL, "members", 0);
	struct doc_node *st = casedoc_list(root, s, "statements", 0);
	struct doc_node *top = casedoc_list(root, s, "top3", 0);
	struct doc_node *fac = casedoc_list(root, s, "factors", 0);
	struct doc_node *hyp = casedoc_list(root, s, "hypotheses", 0);
	struct doc_node *plan = casedoc_list(root, s, "plan", 0);
	struct doc_node *part = casedoc_list(root, s, "participants", 0);
	struct doc_node *rev = casedoc_list(root, s, "reviews", 0);
	size_t i, j;
	char buf[24];

	for (i = 0; lists[i]; i++)
		if (!items_ok(lists[i], casedoc_list(root, s, lists[i], 0)))
			return 0;
	if (top && top->len > 3)
		return shape_fail("top3 has more than three", NULL, NULL);
	for (i = 0; top && i < top->len; i++) {
		snprintf(buf, sizeof buf, "%zu", i + 1);
		if (!str_eq(doc_map_str(top->item[i], "rank"), buf))
			return shape_fail("rank at wrong place",
			                  doc_map_str(top->item[i], "rank"), buf);
		if (!all_in(top->item[i], "evidence", st, "ref"))
			return 0;
	}
	for (i = 0; st && i < st->len; i++)
		if (!all_in(st->item[i], "about", members, "ref"))
			return 0;
	for (i = 0; part && i < part->len; i++)
		if (!all_in(part->item[i], "member", members, "ref"))
			return 0;
	for (i = 0; fac && i < fac->len; i++) {
		const char *a = doc_map_str(fac->item[i], "about");
		if (a && !str_eq(a, "gezin") && !str_eq(a, "omgeving") &&
		    !in_list(members, "ref", a))
			return shape_fail("factor about", a, NULL);
	}
	for (i = 0; hyp && i < hyp->len; i++)
		if (!all_in(hyp->item[i], "factors", fac, "ref") ||
		    !all_in(hyp->item[i], "explains", top, "rank"))
			return 0;
	for (i = 0; plan && i < plan->len; i++)
		if (!all_in(plan->item[i], "concern", top, "rank"))
			return 0;
	for (i = 0; rev && i < rev->len; i++) {
		struct doc_node *c = casedoc_list(NULL, rev->item[i],
		                                  "comments", 0);
		if (!items_ok("comments", c))
			return 0;
		for (j = 0; c && j < c->len; j++)
			if (!target_ok(s, doc_map_str(c->item[j], "on")))
				return shape_fail("comment on",
				                  doc_map_str(c->item[j], "on"),
				                  NULL);
	}
	return 1;
}

/* Remove every "_id" key, for validate_case. */
static void strip_ids(struct doc_node *n)
{
	size_t i;

	if (n->type == DOC_SEQ)
		for (i = 0; i < n->len; i++)
			strip_ids(n->item[i]);
	if (n->type != DOC_MAP)
		return;
	for (i = 0; i < n->len; i++) {
		if (strcmp(n->pair[i].key, STORE_ITEM_ID) == 0) {
			free(n->pair[i].key);
			doc_free(n->pair[i].value);
			memmove(&n->pair[i], &n->pair[i + 1],
			        (n->len - i - 1) * sizeof *n->pair);
			n->len--;
			i--;
			continue;
		}
		strip_ids(n->pair[i].value);
	}
}

/* Problems of validate_case that only say something is not filled in. */
static int completeness_only(const char *msg)
{
	return strstr(msg, "verplicht veld") || strstr(msg, "rust niet op") ||
	       strstr(msg, "deelnemer zonder") ||
	       strstr(msg, "deelnemer is een lid") ||
	       strstr(msg, "hoort alleen bij een deelnemer");
}

/* The shape a saved document must have: checked here by hand and by
 * validate_case (ignoring what is merely incomplete). */
static int shape_check(struct doc_node *root)
{
	struct doc_node *sessions = casedoc_list(root, NULL, "sessions", 0);
	struct doc_node *copy;
	struct diags d = {0};
	char *text;
	size_t i;
	int ok = 1;

	if (!items_ok("members", casedoc_list(root, NULL, "members", 0)))
		return 0;
	for (i = 0; sessions && i < sessions->len; i++)
		if (!session_ok(root, sessions->item[i]))
			return 0;
	text = emit(root);
	if (!text)
		return shape_fail("emit failed", NULL, NULL);
	free(text);
	copy = doc_clone(root);
	strip_ids(copy);
	validate_case(copy, &fs, "random", &d);
	for (i = 0; ok && i < d.n; i++)
		if (!completeness_only(d.v[i].msg))
			ok = shape_fail("validate", d.v[i].msg, NULL);
	diags_free(&d);
	doc_free(copy);
	return ok;
}

static int shape_ok(struct doc_node *root)
{
	if (shape_check(root))
		return 1;
	fprintf(stderr, "# shape: %s\n", shape_why);
	return 0;
}

/* ---- new documents ------------------------------------------------------- */

TEST(new_household)
{
	struct doc_node *root = casedoc_new_household("Gezin de Boer");
	struct doc_node *hh = doc_map_get(root, "household");
	char *text;

	CHECK_STR(casedoc_get(root, "format"), "duo-case/1");
	CHECK(uuid_is_valid(casedoc_get(hh, "id")));
	CHECK_STR(casedoc_get(hh, "name"), "Gezin de Boer");
	CHECK(casedoc_session(root, 0) == NULL);
	CHECK(casedoc_list(root, NULL, "members", 0) == NULL);
	CHECK(casedoc_list(root, NULL, "members", 1) != NULL);
	text = emit(root);
	CHECK(text != NULL);
	CHECK(strstr(text, "format: duo-case/1\nhousehold:\n  id: ") == text);
	free(text);
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(new_sessions)
{
	struct doc_node *root = casedoc_new_household("Gezin de Boer");
	struct doc_node *s1 = casedoc_new_session(root, "2026-11-02");
	struct doc_node *s2 = casedoc_new_session(root, "2027-01-10");

	CHECK_STR(casedoc_get(s1, "version"), "1");
	CHECK_STR(casedoc_get(s2, "version"), "2");
	CHECK_STR(casedoc_get(s2, "date"), "2027-01-10");
	CHECK_STR(casedoc_get(s2, "status"), "concept");
	CHECK(casedoc_get(s2, "evaluation") == NULL);
	CHECK(uuid_is_valid(casedoc_get(s2, "id")));
	CHECK(!str_eq(casedoc_get(s1, "id"), casedoc_get(s2, "id")));
	CHECK(casedoc_session(root, 0) == s2);
	CHECK(casedoc_session(root, 1) == s1);
	CHECK(casedoc_session(root, 3) == NULL);
	doc_free(root);
}

/* An evaluation carries the latest version over with new item ids, but not
 * its reviews, its evaluation date or its status. */
TEST(new_version_carries_the_analysis_over)
{
	struct doc_node *root = example();
	struct doc_node *v1 = casedoc_session(root, 0);
	struct doc_node *v2 = casedoc_new_version(root, "2026-12-15");
	struct doc_node *st1 = casedoc_list(root, v1, "statements", 0);
	struct doc_node *st2 = casedoc_list(root, v2, "statements", 0);

	CHECK(v2 != v1);
	CHECK_STR(casedoc_get(v2, "version"), "2");
	CHECK_STR(casedoc_get(v2, "status"), "concept");
	CHECK_STR(casedoc_get(v2, "date"), "2026-12-15");
	CHECK(casedoc_get(v2, "evaluation") == NULL);
	CHECK(doc_map_get(v2, "reviews") == NULL);
	CHECK(doc_map_get(v1, "reviews") != NULL);
	CHECK(st2 != NULL && st1 != NULL);
	CHECK_INT(st2->len, st1->len);
	CHECK_STR(casedoc_get(st2->item[0], "text"), casedoc_get(st1->item[0], "text"));
	CHECK(!str_eq(casedoc_get(st2->item[0], "_id"), casedoc_get(st1->item[0], "_id")));
	CHECK_INT(casedoc_list(root, v2, "top3", 0)->len, 2);
	CHECK_INT(casedoc_list(root, v2, "plan", 0)->len, 4);
	CHECK_INT(casedoc_list(root, v2, "factors", 0)->len, 6);
	CHECK(shape_ok(root));
	doc_free(root);
}

/* ---- adding -------------------------------------------------------------- */

TEST(add_statement_refs_by_kind)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *f, *z, *m, *u;
	char err[200];

	CHECK(root);
	f = casedoc_add(&fs, root, s, "statements", "feit", NULL, err,
	                sizeof err);
	z = casedoc_add(&fs, root, s, "statements", "zorg", NULL, err,
	                sizeof err);
	m = casedoc_add(&fs, root, s, "statements", "mening", NULL, err,
	                sizeof err);
	u = casedoc_add(&fs, root, s, "statements", NULL, NULL, err,
	                sizeof err);
	CHECK_STR(casedoc_get(f, "ref"), "f4");
	CHECK_STR(casedoc_get(f, "kind"), "feit");
	CHECK_STR(casedoc_get(z, "ref"), "z3");
	CHECK_STR(casedoc_get(m, "ref"), "m3");
	CHECK_STR(casedoc_get(u, "ref"), "u1");
	CHECK(casedoc_get(u, "kind") == NULL);
	CHECK_STR(f->pair[0].key, STORE_ITEM_ID);
	CHECK(uuid_is_valid(f->pair[0].value->text));
	CHECK_STR(f->pair[1].key, "ref");
	CHECK_STR(f->pair[2].key, "kind");
	/* A removed ref is not handed out again. */
	casedoc_remove(root, s, "statements", index_of(root, "statements",
	               "f4"));
	f = casedoc_add(&fs, root, s, "statements", "feit", NULL, err,
	                sizeof err);
	CHECK_STR(casedoc_get(f, "ref"), "f4");
	f = casedoc_add(&fs, root, s, "plan", "doel", NULL, err, sizeof err);
	CHECK_STR(casedoc_get(f, "ref"), "p5");
	CHECK_STR(casedoc_get(f, "kind"), "doel");
	f = casedoc_add(&fs, root, s, "factors", NULL, NULL, err, sizeof err);
	CHECK_STR(casedoc_get(f, "ref"), "a7");
	f = casedoc_add(&fs, root, s, "hypotheses", NULL, NULL, err,
	                sizeof err);
	CHECK_STR(casedoc_get(f, "ref"), "h3");
	CHECK_STR(casedoc_get(f, "status"), "te-toetsen");
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(member_refs_from_names)
{
	struct doc_node *root = casedoc_new_household("Gezin van den Berg");
	struct doc_node *m;
	char err[200];

	m = casedoc_add(&fs, root, NULL, "members", NULL, "Zoë van den Berg",
	                err, sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "zoe");
	CHECK_STR(casedoc_get(m, "name"), "Zoë van den Berg");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "Zoë de Wit", err,
	                sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "zoe2");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "ZOE", err,
	                sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "zoe3");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "", err, sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "lid1");
	CHECK(casedoc_get(m, "name") == NULL);
	m = casedoc_add(&fs, root, NULL, "members", NULL, "— ?", err,
	                sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "lid2");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "Ĳsbrand Ødegård",
	                err, sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "ijsbrand");
	m = casedoc_add(&fs, root, NULL, "members", NULL,
	                "Ångström-Éclair Çelik", err, sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "angstromecla");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "Straße 2", err,
	                sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "strasse");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "  Émile  ", err,
	                sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "emile");
	m = casedoc_add(&fs, root, NULL, "members", NULL, "李 Wei", err,
	                sizeof err);
	CHECK_STR(casedoc_get(m, "ref"), "lid3");
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(top3_refuses_fourth)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *t;
	char err[200] = "";

	t = casedoc_add(&fs, root, s, "top3", NULL, NULL, err, sizeof err);
	CHECK(t != NULL);
	CHECK_STR(casedoc_get(t, "rank"), "3");
	CHECK_STR(t->pair[1].key, "rank");
	t = casedoc_add(&fs, root, s, "top3", NULL, NULL, err, sizeof err);
	CHECK(t == NULL);
	CHECK_CONTAINS(err, "De TOP-3 heeft al drie zorgen.");
	CHECK_INT(casedoc_list(root, s, "top3", 0)->len, 3);
	doc_free(root);
}

TEST(promote_zorg)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *z1 = item(root, "statements", "z1");
	struct doc_node *z = casedoc_add(&fs, root, s, "statements", "zorg",
	                                 NULL, NULL, 0);
	struct doc_node *t;
	char err[200] = "";

	t = casedoc_promote(&fs, root, s, z1, err, sizeof err);
	CHECK(t != NULL);
	CHECK_STR(casedoc_get(t, "rank"), "3");
	CHECK_STR(casedoc_get(t, "title"), "Wij zijn bang dat de ruzies "
	          "opnieuw uit de hand lopen als Ramon na het drinken");
	CHECK_STR(casedoc_get(t, "what"), casedoc_get(z1, "text"));
	CHECK(shape_ok(root));
	/* A short first sentence is the whole title, without its period. */
	casedoc_remove(root, s, "top3", 2);
	casedoc_set(&fs, "statements", z, "text",
	            "Sem eet slecht. Hij is vaak moe op school.");
	t = casedoc_promote(&fs, root, s, z, err, sizeof err);
	CHECK_STR(casedoc_get(t, "title"), "Sem eet slecht");
	/* Full. */
	t = casedoc_promote(&fs, root, s, z, err, sizeof err);
	CHECK(t == NULL);
	CHECK_CONTAINS(err, "drie zorgen");
	doc_free(root);
}

TEST(promote_title_counts_characters)
{
	struct doc_node *root = casedoc_new_household("Gezin Öztürk");
	struct doc_node *s = casedoc_new_session(root, "2026-11-02");
	struct doc_node *z = casedoc_add(&fs, root, s, "statements", "zorg",
	                                 NULL, NULL, 0);
	struct doc_node *t;
	const char *title;
	char *text = xstrdup("Éé ");
	size_t i;

	/* 40 two-byte words of 2 characters: 120 characters, 160 bytes. */
	for (i = 0; i < 39; i++) {
		char *more = xasprintf("%sÉé ", text);
		free(text);
		text = more;
	}
	casedoc_set(&fs, "statements", z, "text", text);
	t = casedoc_promote(&fs, root, s, z, NULL, 0);
	title = casedoc_get(t, "title");
	/* 27 words "Éé" and their spaces are 80 characters, 134 bytes. */
	CHECK_INT(strlen(title), 27 * 5 - 1);
	CHECK(strncmp(title, text, strlen(title)) == 0);
	free(text);
	doc_free(root);
}

TEST(reclassify_keeps_everything)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *f2 = item(root, "statements", "f2");
	char *before = field(f2, "text");

	CHECK_INT(casedoc_reclassify(&fs, root, s, f2, "mening"), 0);
	CHECK_STR(casedoc_get(f2, "kind"), "mening");
	CHECK_STR(casedoc_get(f2, "ref"), "m3");
	CHECK_FIELD(f2, "text", before);
	CHECK_STR(casedoc_get(f2, "source"),
	          "Gesprek met de leerkracht, 07-10-2026");
	CHECK_FIELD(f2, "about", "sem");
	CHECK_INT(casedoc_reclassify(&fs, root, s, f2, "roddel"), -1);
	CHECK_INT(casedoc_reclassify(&fs, root, s, f2, ""), -1);
	CHECK_STR(casedoc_get(f2, "kind"), "mening");
	CHECK_STR(casedoc_get(f2, "ref"), "m3");
	/* the same column again changes nothing */
	CHECK_INT(casedoc_reclassify(&fs, root, s, f2, "mening"), 0);
	CHECK_STR(casedoc_get(f2, "ref"), "m3");
	/* back: the next free feit, not the old f2 */
	CHECK_INT(casedoc_reclassify(&fs, root, s, f2, "feit"), 0);
	CHECK_STR(casedoc_get(f2, "ref"), "f4");
	CHECK(keys_in_order("statements", f2));
	CHECK(shape_ok(root));
	free(before);
	doc_free(root);
}

TEST(reclassify_keeps_a_typed_ref)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *f1 = item(root, "statements", "f1");
	struct doc_node *z = casedoc_add(&fs, root, s, "statements", "zorg",
	                                 NULL, NULL, 0);

	casedoc_set(&fs, "statements", f1, "ref", "school");
	casedoc_set(&fs, "top3", item(root, "top3", "1"), "evidence", "school");
	CHECK_INT(casedoc_reclassify(&fs, root, s, f1, "mening"), 0);
	CHECK_STR(casedoc_get(f1, "ref"), "school");
	CHECK_FIELD(item(root, "top3", "1"), "evidence", "school");
	/* a statement without a ref gets one of its kind */
	casedoc_set(&fs, "statements", z, "ref", NULL);
	CHECK_INT(casedoc_reclassify(&fs, root, s, z, "feit"), 0);
	CHECK_STR(casedoc_get(z, "ref"), "f4");
	doc_free(root);
}

/* ---- setting fields ------------------------------------------------------ */

TEST(set_keeps_form_order)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *st = casedoc_add(&fs, root, s, "statements", "feit",
	                                  NULL, NULL, 0);
	static const char *const want[] = {
		"_id", "ref", "kind", "text", "source", "date", "verified",
		"response", "confidential", "extra_note"
	};
	size_t i;
	char *text;

	casedoc_set(&fs, "statements", st, "extra_note", "iets extra's");
	casedoc_set(&fs, "statements", st, "confidential", "true");
	casedoc_set(&fs, "statements", st, "date", "2026-10-01");
	casedoc_set(&fs, "statements", st, "text", "Buren hoorden geschreeuw");
	casedoc_set(&fs, "statements", st, "response", "Klopt niet.");
	casedoc_set(&fs, "statements", st, "source", "Melding buren");
	casedoc_set(&fs, "statements", st, "verified", "false");
	CHECK_INT(st->len, 10);
	for (i = 0; i < st->len; i++)
		CHECK_STR(st->pair[i].key, want[i]);
	CHECK_INT(doc_map_get(st, "date")->style, DOC_PLAIN);
	CHECK_INT(doc_map_get(st, "confidential")->style, DOC_PLAIN);
	CHECK_INT(doc_map_get(st, "kind")->style, DOC_PLAIN);
	CHECK_INT(doc_map_get(st, "text")->style, DOC_AUTO);
	/* Change in place, remove on empty and on NULL. */
	casedoc_set(&fs, "statements", st, "text", "Buren hoorden gegil");
	CHECK_STR(st->pair[3].key, "text");
	CHECK_STR(casedoc_get(st, "text"), "Buren hoorden gegil");
	casedoc_set(&fs, "statements", st, "response", "");
	casedoc_set(&fs, "statements", st, "verified", NULL);
	CHECK(doc_map_get(st, "response") == NULL);
	CHECK(doc_map_get(st, "verified") == NULL);
	CHECK_INT(st->len, 8);
	/* A household field goes back to its place. */
	casedoc_set(&fs, "household", doc_map_get(root, "household"),
	            "municipality", NULL);
	casedoc_set(&fs, "household", doc_map_get(root, "household"),
	            "municipality", "Wageningen");
	text = emit(root);
	CHECK_CONTAINS(text, "name: Gezin Visser\n  municipality: Wageningen"
	               "\n  team: Sociaal team Ede-Zuid\n  members:");
	free(text);
	doc_free(root);
}

TEST(set_list_and_scores)
{
	struct doc_node *root = example();
	struct doc_node *t2 = item(root, "top3", "2");
	struct doc_node *f3 = item(root, "statements", "f3");
	static const char *const about[] = {"ramon", "anouk"};
	char *text;

	casedoc_set_list(&fs, "statements", f3, "about", about, 2);
	CHECK_FIELD(f3, "about", "ramon, anouk");
	CHECK_INT(doc_map_get(f3, "about")->style, DOC_FLOW);
	CHECK_INT(doc_map_get(f3, "about")->item[0]->style, DOC_PLAIN);
	casedoc_set_list(&fs, "statements", f3, "about", NULL, 0);
	CHECK(doc_map_get(f3, "about") == NULL);
	casedoc_set_list(&fs, "statements", f3, "about", about, 1);
	CHECK(keys_in_order("statements", f3));

	casedoc_set_score(&fs, "top3", t2, "scores", "duo", 4);
	casedoc_set_score(&fs, "top3", t2, "scores", "anouk", 7);
	CHECK_FIELD(t2, "scores", "duo 4, ramon 5, anouk 7");
	casedoc_set_score(&fs, "top3", t2, "scores", "ramon", -1);
	casedoc_set_score(&fs, "top3", t2, "scores", "anouk", -1);
	text = emit(t2);
	CHECK_CONTAINS(text, "scores: {duo: 4}\n");
	free(text);
	casedoc_set_score(&fs, "top3", t2, "scores", "duo", -1);
	CHECK(doc_map_get(t2, "scores") == NULL);
	casedoc_set_score(&fs, "top3", t2, "scores", "Fatima El Amrani", 0);
	CHECK_FIELD(t2, "scores", "Fatima El Amrani 0");
	CHECK(keys_in_order("top3", t2));
	/* The diff's text form works through casedoc_set too. */
	casedoc_set(&fs, "top3", t2, "scores", "duo 3, Fatima El Amrani 6, x");
	CHECK_FIELD(t2, "scores", "duo 3, Fatima El Amrani 6");
	casedoc_set(&fs, "top3", t2, "evidence", "f3, f1");
	CHECK_FIELD(t2, "evidence", "f3, f1");
	CHECK_INT(doc_map_get(t2, "evidence")->style, DOC_FLOW);
	CHECK(shape_ok(root));
	doc_free(root);
}

/* ---- removing and moving ------------------------------------------------- */

TEST(remove_member_cleans_pointers)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	size_t i = (size_t)-1, k;
	struct doc_node *members = casedoc_list(root, NULL, "members", 0);
	char *text;

	for (k = 0; k < members->len; k++)
		if (str_eq(casedoc_get(members->item[k], "ref"), "anouk"))
			i = k;
	casedoc_remove(root, NULL, "members", i);
	CHECK_INT(members->len, 4);
	CHECK_FIELD(item(root, "statements", "f1"), "about", "ramon, sem");
	CHECK(doc_map_get(item(root, "statements", "z2"), "about") == NULL);
	CHECK(doc_map_get(item(root, "statements", "m1"), "holder") == NULL);
	CHECK_FIELD(item(root, "statements", "m1"), "about", "ramon");
	CHECK_FIELD(item(root, "top3", "1"), "scores", "duo 3, ramon 8");
	CHECK(doc_map_get(item(root, "factors", "a6"), "about") == NULL);
	CHECK_INT(casedoc_list(root, s, "participants", 0)->len, 3);
	text = emit(root);
	CHECK(strstr(text, "anouk") == NULL);
	free(text);
	CHECK(shape_ok(root));
	/* who and holder too. */
	casedoc_remove(root, NULL, "members", 3); /* oma */
	CHECK(doc_map_get(item(root, "plan", "p2"), "who") == NULL);
	CHECK(doc_map_get(item(root, "statements", "z2"), "holder") == NULL);
	CHECK(doc_map_get(item(root, "factors", "a5"), "about") == NULL);
	CHECK_STR(casedoc_get(item(root, "plan", "p3"), "who"),
	          "Fatima El Amrani");
	CHECK(shape_ok(root));
	doc_free(root);
}

/* Add a review with comments on the given targets. */
static void add_comments(struct doc_node *root, const char *const *on,
                         size_t n)
{
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *rev = casedoc_add(&fs, root, s, "reviews", NULL, NULL,
	                                   NULL, 0);
	size_t i;

	casedoc_set(&fs, "reviews", rev, "reviewer", "Marieke Jansen");
	casedoc_set(&fs, "reviews", rev, "date", "2026-10-20");
	casedoc_set(&fs, "reviews", rev, "decision", "terug");
	for (i = 0; i < n; i++) {
		struct doc_node *c = casedoc_add(&fs, root, rev, "comments", NULL,
		                                 NULL, NULL, 0);
		casedoc_set(&fs, "comments", c, "on", on[i]);
		casedoc_set(&fs, "comments", c, "text", "Waarom?");
	}
}

static const char *comment_on(struct doc_node *root, size_t i)
{
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *rev = casedoc_list(root, s, "reviews", 0);
	struct doc_node *c = casedoc_list(root, rev->item[rev->len - 1],
	                                  "comments", 0);

	return casedoc_get(c->item[i], "on");
}

TEST(reclassify_pointers_follow_the_ref)
{
	static const char *const on[] = {"f2", "f1", "top3/1", "statements"};
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *f2 = item(root, "statements", "f2");
	struct doc_node *v2, *old1;

	add_comments(root, on, 4);
	CHECK_FIELD(item(root, "top3", "1"), "evidence", "f1, f2");
	CHECK_INT(casedoc_reclassify(&fs, root, s, f2, "zorg"), 0);
	CHECK_STR(casedoc_get(f2, "ref"), "z3");
	CHECK_FIELD(item(root, "top3", "1"), "evidence", "f1, z3");
	CHECK_FIELD(item(root, "top3", "2"), "evidence", "f3");
	CHECK_STR(comment_on(root, 0), "z3");
	CHECK_STR(comment_on(root, 1), "f1");
	CHECK_STR(comment_on(root, 2), "top3/1");
	CHECK_STR(comment_on(root, 3), "statements");
	/* the other refs are untouched */
	CHECK(item(root, "statements", "f2") == NULL);
	CHECK(item(root, "statements", "f1") && item(root, "statements", "f3"));
	CHECK(item(root, "statements", "z1") && item(root, "statements", "z2"));
	CHECK(item(root, "statements", "m1") && item(root, "statements", "m2"));
	CHECK(shape_ok(root));
	/* in a later version; the earlier one keeps its own refs */
	old1 = item(root, "top3", "1");
	v2 = casedoc_new_version(root, "2026-12-15");
	CHECK_INT(casedoc_reclassify(&fs, root, v2,
	                             item(root, "statements", "f1"), "mening"), 0);
	CHECK(item(root, "statements", "m3") != NULL);
	CHECK_FIELD(item(root, "top3", "1"), "evidence", "m3, z3");
	CHECK_FIELD(old1, "evidence", "f1, z3");
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(remove_statement_cleans_evidence)
{
	static const char *const on[] = {"f1", "f2", "top3/1"};
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);

	add_comments(root, on, 3);
	casedoc_remove(root, s, "statements", index_of(root, "statements",
	               "f1"));
	CHECK(item(root, "statements", "f1") == NULL);
	CHECK_FIELD(item(root, "top3", "1"), "evidence", "f2");
	CHECK_STR(comment_on(root, 0), "statements");
	CHECK_STR(comment_on(root, 1), "f2");
	CHECK_STR(comment_on(root, 2), "top3/1");
	casedoc_remove(root, s, "statements", index_of(root, "statements",
	               "f3"));
	CHECK(doc_map_get(item(root, "top3", "2"), "evidence") == NULL);
	/* A factor goes out of the hypotheses. */
	casedoc_remove(root, s, "factors", index_of(root, "factors", "a2"));
	CHECK_FIELD(item(root, "hypotheses", "h1"), "factors", "a3");
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(remove_top3_renumbers)
{
	static const char *const on[] = {"top3/1", "top3/2", "h1"};
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);

	add_comments(root, on, 3);
	casedoc_remove(root, s, "top3", 0);
	CHECK_INT(casedoc_list(root, s, "top3", 0)->len, 1);
	CHECK_STR(casedoc_get(item(root, "top3", "1"), "title"),
	          "Geldzorgen van Ramon");
	CHECK(doc_map_get(item(root, "hypotheses", "h1"), "explains") == NULL);
	CHECK_FIELD(item(root, "hypotheses", "h2"), "explains", "1");
	CHECK(doc_map_get(item(root, "plan", "p1"), "concern") == NULL);
	CHECK(doc_map_get(item(root, "plan", "p2"), "concern") == NULL);
	CHECK_STR(casedoc_get(item(root, "plan", "p3"), "concern"), "1");
	CHECK(doc_map_get(item(root, "plan", "p4"), "concern") == NULL);
	CHECK_STR(comment_on(root, 0), "top3");
	CHECK_STR(comment_on(root, 1), "top3/1");
	CHECK_STR(comment_on(root, 2), "h1");
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(move_top3_pointers_follow)
{
	static const char *const on[] = {"top3/3", "top3/1"};
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *t3 = casedoc_add(&fs, root, s, "top3", NULL, NULL,
	                                  NULL, 0);

	casedoc_set(&fs, "top3", t3, "title", "Oma raakt overbelast");
	casedoc_set(&fs, "plan", item(root, "plan", "p4"), "concern", "3");
	add_comments(root, on, 2);
	casedoc_move(root, s, "top3", 2, 0);
	CHECK_STR(casedoc_get(item(root, "top3", "1"), "title"),
	          "Oma raakt overbelast");
	CHECK_STR(casedoc_get(item(root, "top3", "2"), "title"),
	          "Ruzies met geweld waar de kinderen bij zijn");
	CHECK_STR(casedoc_get(item(root, "top3", "3"), "title"),
	          "Geldzorgen van Ramon");
	CHECK_FIELD(item(root, "hypotheses", "h1"), "explains", "2");
	CHECK_FIELD(item(root, "hypotheses", "h2"), "explains", "2, 3");
	CHECK_STR(casedoc_get(item(root, "plan", "p1"), "concern"), "2");
	CHECK_STR(casedoc_get(item(root, "plan", "p3"), "concern"), "3");
	CHECK_STR(casedoc_get(item(root, "plan", "p4"), "concern"), "1");
	CHECK_STR(comment_on(root, 0), "top3/1");
	CHECK_STR(comment_on(root, 1), "top3/2");
	CHECK(shape_ok(root));
	/* And back. */
	casedoc_move(root, s, "top3", 0, 2);
	CHECK_STR(casedoc_get(item(root, "plan", "p4"), "concern"), "3");
	CHECK_FIELD(item(root, "hypotheses", "h2"), "explains", "1, 2");
	CHECK(shape_ok(root));
	doc_free(root);
}

TEST(move_statements_keeps_refs)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct doc_node *list = casedoc_list(root, s, "statements", 0);

	casedoc_move(root, s, "statements", 0, 2);
	CHECK_STR(casedoc_get(list->item[0], "ref"), "f2");
	CHECK_STR(casedoc_get(list->item[2], "ref"), "f1");
	CHECK_FIELD(item(root, "top3", "1"), "evidence", "f1, f2");
	casedoc_move(root, s, "statements", 6, 6);
	CHECK(shape_ok(root));
	doc_free(root);
}

/* ---- missing ------------------------------------------------------------- */

TEST(missing_nothing_in_example)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct diags d = {0};
	int stage;

	for (stage = 0; stage <= 4; stage++) {
		int n = casedoc_missing(&fs, root, s, stage, &d);
		if (n)
			print_diags(&d);
		CHECK_INT(n, 0);
	}
	diags_free(&d);
	doc_free(root);
}

TEST(missing_in_new_session)
{
	struct doc_node *root = casedoc_new_household(NULL);
	struct doc_node *s = casedoc_new_session(root, "2026-11-02");
	struct diags d = {0};

	CHECK_INT(casedoc_missing(&fs, root, s, 0, &d), 3);
	CHECK(has_diag(&d, "huishouden heeft geen naam"));
	CHECK(has_diag(&d, "het huishouden heeft nog geen leden"));
	CHECK(has_diag(&d, "nog geen aanwezigen bij dit gesprek"));
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, s, 1, &d), 1);
	CHECK(has_diag(&d, "nog geen feiten, zorgen of meningen"));
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, s, 2, &d), 1);
	CHECK(has_diag(&d, "nog geen TOP-3 zorg"));
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, s, 3, &d), 2);
	CHECK(has_diag(&d, "nog geen factoren"));
	CHECK(has_diag(&d, "nog geen hypothesen"));
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, s, 4, &d), 1);
	CHECK(has_diag(&d, "geen evaluatiedatum"));
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, NULL, 1, &d), 1);
	diags_free(&d);
	doc_free(root);
}

TEST(missing_items_named)
{
	struct doc_node *root = casedoc_new_household("Gezin de Boer");
	struct doc_node *s = casedoc_new_session(root, "2026-11-02");
	struct doc_node *z, *t, *p, *h, *part;
	struct diags d = {0};

	casedoc_add(&fs, root, s, "members", NULL, "Zoë de Boer", NULL, 0);
	part = casedoc_add(&fs, root, s, "participants", NULL, NULL, NULL, 0);
	casedoc_set(&fs, "sessions", s, "date", NULL);
	CHECK_INT(casedoc_missing(&fs, root, s, 0, &d), 3);
	CHECK(has_diag(&d, "lid zoe heeft geen rol"));
	CHECK(has_diag(&d, "sessie 1 heeft geen datum"));
	CHECK(has_diag(&d, "aanwezige 1 heeft geen lid en geen naam"));
	casedoc_set(&fs, "participants", part, "member", "zoe");
	casedoc_set(&fs, "participants", part, "name", "Zoë");
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, s, 0, &d), 3);
	CHECK(has_diag(&d, "aanwezige Zoë: kies een lid of een naam, niet "
	               "allebei"));
	casedoc_set(&fs, "participants", part, "name", NULL);
	diags_clear(&d);

	casedoc_add(&fs, root, s, "statements", "feit", NULL, NULL, 0);
	z = casedoc_add(&fs, root, s, "statements", "zorg", NULL, NULL, 0);
	casedoc_set(&fs, "statements", z, "text", "Zoë slaapt slecht.");
	CHECK_INT(casedoc_missing(&fs, root, s, 1, &d), 4);
	CHECK(has_diag(&d, "feit f1 heeft geen tekst"));
	CHECK(has_diag(&d, "feit f1 heeft geen bron"));
	CHECK(has_diag(&d, "feit f1 heeft geen datum"));
	CHECK(has_diag(&d, "bij zorg z1 staat niet van wie die is"));
	diags_clear(&d);

	t = casedoc_promote(&fs, root, s, z, NULL, 0);
	casedoc_set(&fs, "top3", t, "evidence", "z1");
	CHECK_INT(casedoc_missing(&fs, root, s, 2, &d), 5);
	CHECK(has_diag(&d, "TOP-3 1 rust niet op een feit"));
	CHECK(has_diag(&d, "TOP-3 1 mist hoe het huishouden het ziet"));
	CHECK(has_diag(&d, "TOP-3 1 mist of het huishouden het herkent"));
	CHECK(has_diag(&d, "TOP-3 1 heeft geen veiligheidsscores"));
	CHECK(has_diag(&d, "TOP-3 1 beschrijft de gevolgen niet"));
	diags_clear(&d);

	h = casedoc_add(&fs, root, s, "hypotheses", NULL, NULL, NULL, 0);
	casedoc_set(&fs, "hypotheses", h, "text", "Het komt door de drukte.");
	CHECK_INT(casedoc_missing(&fs, root, s, 3, &d), 3);
	CHECK(has_diag(&d, "nog geen factoren"));
	CHECK(has_diag(&d, "hypothese h1 noemt geen factoren"));
	CHECK(has_diag(&d, "hypothese h1 verklaart geen TOP-3 zorg"));
	diags_clear(&d);

	p = casedoc_add(&fs, root, s, "plan", "voorwaarde", NULL, NULL, 0);
	casedoc_set(&fs, "plan", p, "text", "Geen alcohol in huis.");
	casedoc_set(&fs, "plan", p, "phase", "directe-veiligheid");
	CHECK_INT(casedoc_missing(&fs, root, s, 4, &d), 5);
	CHECK(has_diag(&d, "TOP-3 1 heeft nog geen punt in het plan"));
	CHECK(has_diag(&d, "voorwaarde p1 zonder gevolg"));
	CHECK(has_diag(&d, "voorwaarde p1 zegt niet wie het doet"));
	CHECK(has_diag(&d, "voorwaarde p1 zegt niet wanneer het klaar is"));
	CHECK(has_diag(&d, "geen evaluatiedatum"));
	diags_free(&d);
	doc_free(root);
}

TEST(missing_voorwaarde_in_example)
{
	struct doc_node *root = example();
	struct doc_node *s = casedoc_session(root, 0);
	struct diags d = {0};

	casedoc_set(&fs, "plan", item(root, "plan", "p1"), "consequence", "");
	casedoc_set(&fs, "statements", item(root, "statements", "f2"),
	            "source", "");
	CHECK_INT(casedoc_missing(&fs, root, s, 4, &d), 1);
	CHECK_STR(d.v[0].msg, "voorwaarde p1 zonder gevolg");
	diags_clear(&d);
	CHECK_INT(casedoc_missing(&fs, root, s, 1, &d), 1);
	CHECK_STR(d.v[0].msg, "feit f2 heeft geen bron");
	diags_clear(&d);
	casedoc_set(&fs, "top3", item(root, "top3", "2"), "evidence", "z1");
	CHECK_INT(casedoc_missing(&fs, root, s, 2, &d), 1);
	CHECK_STR(d.v[0].msg, "TOP-3 2 rust niet op een feit");
	diags_free(&d);
	doc_free(root);
}

/* ---- diff ---------------------------------------------------------------- */

TEST(diff_lists_each_edit)
{
	struct doc_node *a = example(), *b = doc_clone(a);
	struct doc_node *s = casedoc_session(b, 0);
	struct casedoc_change *v;
	size_t n, i;
	static const char *const want[] = {
		"huishouden: Naam gewijzigd",
		"sessie 1: Evaluatie op gewijzigd",
		"feit f3: Bron gewijzigd",
		"zorg z3 toegevoegd",
		"TOP-3 2 verwijderd",
		"hypothese h2: Verklaart zorg gewijzigd",
		"plan p3: Bij zorg gewijzigd",
		"plan p4: Wie gewijzigd",
	};

	casedoc_set(&fs, "household", doc_map_get(b, "household"), "name",
	            "Gezin Visser-de Groot");
	casedoc_set(&fs, "sessions", s, "evaluation", "2027-01-12");
	casedoc_set(&fs, "statements", item(b, "statements", "f3"), "source",
	            "Brief van de verhuurder");
	casedoc_set(&fs, "statements", casedoc_add(&fs, b, s, "statements",
	            "zorg", NULL, NULL, 0), "text", "Lotte huilt veel.");
	casedoc_remove(b, s, "top3", 1);
	casedoc_set(&fs, "plan", item(b, "plan", "p4"), "who", "Fatima El "
	            "Amrani");
	n = casedoc_diff(&fs, a, b, &v);
	CHECK_NCHANGES(v, n, sizeof want / sizeof *want);
	for (i = 0; i < n; i++)
		CHECK_STR(v[i].line, want[i]);
	CHECK_STR(v[0].before, "Gezin Visser");
	CHECK_STR(v[0].after, "Gezin Visser-de Groot");
	CHECK_STR(v[0].section, "household");
	CHECK_STR(v[0].item_id, casedoc_get(doc_map_get(b, "household"), "id"));
	CHECK_STR(v[2].key, "source");
	CHECK_STR(v[2].item_id, casedoc_get(item(b, "statements", "f3"),
	          STORE_ITEM_ID));
	CHECK(v[3].key == NULL && v[3].before == NULL);
	CHECK_STR(v[3].after, "z3");
	CHECK_STR(v[4].before, "Geldzorgen van Ramon");
	CHECK(v[4].after == NULL);
	CHECK_STR(v[5].before, "1, 2");
	CHECK_STR(v[5].after, "1");
	CHECK_STR(v[6].before, "2");
	CHECK(v[6].after == NULL);
	casedoc_changes_free(v, n);
	n = casedoc_diff(&fs, b, b, &v);
	CHECK_INT(n, 0);
	casedoc_changes_free(v, n);
	doc_free(a);
	doc_free(b);
}

TEST(diff_order_and_sessions)
{
	struct doc_node *a = example(), *b = doc_clone(a);
	struct doc_node *s = casedoc_session(b, 0), *s2;
	struct casedoc_change *v;
	size_t n;

	casedoc_move(b, s, "statements", 1, 0);
	n = casedoc_diff(&fs, a, b, &v);
	CHECK_NCHANGES(v, n, 1);
	CHECK_STR(v[0].key, "_order");
	CHECK_STR(v[0].line, "feiten, zorgen en meningen: volgorde gewijzigd");
	CHECK_STR(v[0].before, "f1, f2, f3, z1, z2, m1, m2");
	CHECK_STR(v[0].after, "f2, f1, f3, z1, z2, m1, m2");
	CHECK_STR(v[0].item_id, casedoc_get(s, "id"));
	casedoc_changes_free(v, n);
	/* A second session: items are named with their session. */
	doc_free(a);
	a = doc_clone(b);
	s2 = casedoc_new_session(b, "2026-12-15");
	casedoc_add(&fs, b, s2, "statements", "feit", NULL, NULL, 0);
	casedoc_set(&fs, "statements", item(b, "statements", "f1"), "text",
	            "Nieuw.");
	n = casedoc_diff(&fs, a, b, &v);
	CHECK_NCHANGES(v, n, 1);
	CHECK_STR(v[0].line, "sessie 2 toegevoegd");
	CHECK_STR(v[0].after, "versie 2");
	casedoc_changes_free(v, n);
	doc_free(a);
	a = doc_clone(b);
	casedoc_set(&fs, "statements", item(b, "statements", "f1"), "text",
	            "Anders.");
	n = casedoc_diff(&fs, a, b, &v);
	CHECK_INT(n, 1);
	CHECK_STR(v[0].line, "sessie 2: feit f1: Tekst gewijzigd");
	casedoc_changes_free(v, n);
	doc_free(a);
	doc_free(b);
}

/* ---- merge --------------------------------------------------------------- */

TEST(merge_disjoint_edits)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *r;
	struct casedoc_change *c;
	size_t n;

	casedoc_set(&fs, "statements", item(mine, "statements", "f1"), "text",
	            "Mijn tekst.");
	casedoc_set(&fs, "sessions", casedoc_session(mine, 0), "evaluation",
	            "2027-02-01");
	casedoc_set(&fs, "statements", item(theirs, "statements", "f2"),
	            "source", "Hun bron");
	casedoc_set(&fs, "household", doc_map_get(theirs, "household"),
	            "municipality", "Wageningen");
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 0);
	CHECK_STR(casedoc_get(item(r, "statements", "f1"), "text"),
	          "Mijn tekst.");
	CHECK_STR(casedoc_get(item(r, "statements", "f2"), "source"),
	          "Hun bron");
	CHECK_STR(casedoc_get(casedoc_session(r, 0), "evaluation"),
	          "2027-02-01");
	CHECK_STR(casedoc_get(doc_map_get(r, "household"), "municipality"),
	          "Wageningen");
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_same_field_conflicts)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *r;
	struct casedoc_change *c;
	size_t n;

	casedoc_set(&fs, "statements", item(mine, "statements", "f3"),
	            "source", "Mijn bron");
	casedoc_set(&fs, "statements", item(theirs, "statements", "f3"),
	            "source", "Hun bron");
	casedoc_set(&fs, "statements", item(mine, "statements", "f2"),
	            "verified", "true");
	casedoc_set(&fs, "statements", item(theirs, "statements", "f2"),
	            "verified", "true");
	casedoc_set_score(&fs, "top3", item(mine, "top3", "1"), "scores",
	                  "duo", 4);
	casedoc_set_score(&fs, "top3", item(theirs, "top3", "1"), "scores",
	                  "duo", 5);
	casedoc_set_score(&fs, "top3", item(theirs, "top3", "1"), "scores",
	                  "sem", 2);
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 2);
	CHECK_STR(c[0].key, "source");
	CHECK_STR(c[0].before, "Mijn bron");
	CHECK_STR(c[0].after, "Hun bron");
	CHECK_STR(c[0].line, "feit f3: Bron ook door een ander gewijzigd");
	CHECK_STR(c[0].item_id, casedoc_get(item(base, "statements", "f3"),
	          STORE_ITEM_ID));
	CHECK_STR(c[1].key, "scores");
	CHECK_STR(c[1].before, "duo 4, anouk 6, ramon 8");
	CHECK_STR(c[1].after, "duo 5, anouk 6, ramon 8, sem 2");
	CHECK_STR(casedoc_get(item(r, "statements", "f3"), "source"),
	          "Hun bron");
	CHECK_STR(casedoc_get(item(r, "statements", "f2"), "verified"), "true");
	CHECK_FIELD(item(r, "top3", "1"), "scores",
	            "duo 5, anouk 6, ramon 8, sem 2");
	/* The screen applies my choice with casedoc_set. */
	casedoc_set(&fs, "top3", item(r, "top3", "1"), c[1].key, c[1].before);
	CHECK_FIELD(item(r, "top3", "1"), "scores", "duo 4, anouk 6, ramon 8");
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_delete_against_edit)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *r;
	struct casedoc_change *c;
	size_t n;

	/* I delete m2, they edit it; they delete m1, I edit it; I delete
	 * z2, nobody edits it. */
	casedoc_remove(mine, casedoc_session(mine, 0), "statements",
	               index_of(mine, "statements", "m2"));
	casedoc_set(&fs, "statements", item(theirs, "statements", "m2"),
	            "response", "Ramon trekt het in.");
	casedoc_remove(theirs, casedoc_session(theirs, 0), "statements",
	               index_of(theirs, "statements", "m1"));
	casedoc_set(&fs, "statements", item(mine, "statements", "m1"), "text",
	            "Anouk vindt het nu beter gaan.");
	casedoc_remove(mine, casedoc_session(mine, 0), "statements",
	               index_of(mine, "statements", "z2"));
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 2);
	CHECK(c[0].key == NULL);
	CHECK(c[0].before == NULL);
	CHECK_STR(c[0].after, "m2");
	CHECK_STR(c[0].line, "mening m2: door een ander gewijzigd, daarom "
	          "niet verwijderd");
	CHECK(c[1].key == NULL);
	CHECK_STR(c[1].before, "m1");
	CHECK(c[1].after == NULL);
	CHECK_STR(casedoc_get(item(r, "statements", "m2"), "response"),
	          "Ramon trekt het in.");
	CHECK_STR(casedoc_get(item(r, "statements", "m1"), "text"),
	          "Anouk vindt het nu beter gaan.");
	CHECK(item(r, "statements", "z2") == NULL);
	/* m1 stays in its place: after z1 (z2 is gone). */
	CHECK_INT(index_of(r, "statements", "m1"), 4);
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_both_added_get_distinct_refs)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *r, *f;
	struct casedoc_change *c;
	size_t n;

	f = casedoc_add(&fs, mine, casedoc_session(mine, 0), "statements",
	                "feit", NULL, NULL, 0);
	casedoc_set(&fs, "statements", f, "text", "Mijn feit.");
	casedoc_set(&fs, "top3", item(mine, "top3", "2"), "evidence", "f3, f4");
	f = casedoc_add(&fs, theirs, casedoc_session(theirs, 0), "statements",
	                "feit", NULL, NULL, 0);
	casedoc_set(&fs, "statements", f, "text", "Hun feit.");
	casedoc_set(&fs, "top3", item(theirs, "top3", "1"), "evidence",
	            "f1, f2, f4");
	casedoc_add(&fs, mine, NULL, "members", NULL, "Kees", NULL, 0);
	casedoc_add(&fs, theirs, NULL, "members", NULL, "Kees Jansen", NULL,
	            0);
	casedoc_set(&fs, "statements", item(mine, "statements", "f4"), "about",
	            "kees");
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 0);
	CHECK_STR(casedoc_get(item(r, "statements", "f4"), "text"),
	          "Hun feit.");
	CHECK_STR(casedoc_get(item(r, "statements", "f5"), "text"),
	          "Mijn feit.");
	CHECK_INT(index_of(r, "statements", "f4"), 7);
	CHECK_INT(index_of(r, "statements", "f5"), 8);
	CHECK_FIELD(item(r, "top3", "1"), "evidence", "f1, f2, f4");
	CHECK_FIELD(item(r, "top3", "2"), "evidence", "f3, f5");
	CHECK_FIELD(item(r, "statements", "f5"), "about", "kees2");
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_mine_unchanged_gives_theirs)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *s = casedoc_session(theirs, 0), *r;
	struct casedoc_change *c;
	size_t n;
	char *want, *got;

	casedoc_remove(theirs, s, "top3", 0);
	casedoc_move(theirs, s, "statements", 6, 0);
	casedoc_add(&fs, theirs, s, "factors", NULL, NULL, NULL, 0);
	casedoc_remove(theirs, NULL, "members", 4);
	casedoc_set(&fs, "sessions", s, "status", "concept");
	casedoc_new_session(theirs, "2026-12-15");
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_INT(n, 0);
	want = emit(theirs);
	got = emit(r);
	CHECK_STR(got, want);
	free(want);
	free(got);
	casedoc_changes_free(c, n);
	doc_free(r);
	/* And the other way round: theirs unchanged gives mine. */
	r = casedoc_merge(&fs, base, theirs, mine, &c, &n);
	CHECK_INT(n, 0);
	want = emit(theirs);
	got = emit(r);
	CHECK_STR(got, want);
	free(want);
	free(got);
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_ranks_follow_items)
{
	struct doc_node *base = example();
	struct doc_node *mine, *theirs, *r, *t;
	struct casedoc_change *c;
	size_t n;

	t = casedoc_add(&fs, base, casedoc_session(base, 0), "top3", NULL,
	                NULL, NULL, 0);
	casedoc_set(&fs, "top3", t, "title", "Oma raakt overbelast");
	mine = doc_clone(base);
	theirs = doc_clone(base);
	/* They move 3 to the top; I point p2 at concern 2 and h1 at 3. */
	casedoc_move(theirs, casedoc_session(theirs, 0), "top3", 2, 0);
	casedoc_set(&fs, "plan", item(mine, "plan", "p2"), "concern", "2");
	casedoc_set(&fs, "hypotheses", item(mine, "hypotheses", "h1"),
	            "explains", "1, 3");
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 0);
	CHECK_STR(casedoc_get(item(r, "top3", "1"), "title"),
	          "Oma raakt overbelast");
	CHECK_STR(casedoc_get(item(r, "plan", "p2"), "concern"), "3");
	CHECK_STR(casedoc_get(item(r, "plan", "p1"), "concern"), "2");
	CHECK_FIELD(item(r, "hypotheses", "h1"), "explains", "1, 2");
	CHECK_FIELD(item(r, "hypotheses", "h2"), "explains", "2, 3");
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	/* Both add a concern to a top-3 of two: mine does not fit. */
	doc_free(mine);
	doc_free(theirs);
	casedoc_remove(base, casedoc_session(base, 0), "top3", 2);
	mine = doc_clone(base);
	theirs = doc_clone(base);
	t = casedoc_add(&fs, mine, casedoc_session(mine, 0), "top3", NULL,
	                NULL, NULL, 0);
	casedoc_set(&fs, "top3", t, "title", "Mijn zorg");
	casedoc_set(&fs, "plan", item(mine, "plan", "p4"), "concern", "3");
	t = casedoc_add(&fs, theirs, casedoc_session(theirs, 0), "top3", NULL,
	                NULL, NULL, 0);
	casedoc_set(&fs, "top3", t, "title", "Hun zorg");
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 1);
	CHECK(c[0].key == NULL);
	CHECK_STR(c[0].before, "Mijn zorg");
	CHECK_STR(c[0].line, "TOP-3 3: niet toegevoegd, TOP-3 is vol");
	CHECK_STR(casedoc_get(item(r, "top3", "3"), "title"), "Hun zorg");
	CHECK(doc_map_get(item(r, "plan", "p4"), "concern") == NULL);
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_lists_and_order)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *r, *list;
	struct casedoc_change *c;
	size_t n;

	/* List fields merge as sets. */
	casedoc_set(&fs, "statements", item(mine, "statements", "f1"), "about",
	            "anouk, sem");
	casedoc_set(&fs, "statements", item(theirs, "statements", "f1"),
	            "about", "anouk, ramon, sem, lotte");
	/* I reorder the factors, they edit one. */
	casedoc_move(mine, casedoc_session(mine, 0), "factors", 5, 0);
	casedoc_set(&fs, "factors", item(theirs, "factors", "a6"), "text",
	            "Anouk vraagt zelf om hulp.");
	/* Both reorder the plan differently. */
	casedoc_move(mine, casedoc_session(mine, 0), "plan", 3, 0);
	casedoc_move(theirs, casedoc_session(theirs, 0), "plan", 0, 3);
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 1);
	CHECK_STR(c[0].key, "_order");
	CHECK_STR(c[0].section, "plan");
	CHECK_STR(c[0].before, "p4, p1, p2, p3");
	CHECK_STR(c[0].after, "p2, p3, p4, p1");
	CHECK_STR(c[0].line, "plan: volgorde ook door een ander gewijzigd");
	CHECK_FIELD(item(r, "statements", "f1"), "about", "anouk, sem, lotte");
	list = casedoc_list(r, casedoc_session(r, 0), "factors", 0);
	CHECK_STR(casedoc_get(list->item[0], "ref"), "a6");
	CHECK_STR(casedoc_get(list->item[0], "text"),
	          "Anouk vraagt zelf om hulp.");
	CHECK_STR(casedoc_get(list->item[1], "ref"), "a1");
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

TEST(merge_sessions_and_reviews)
{
	struct doc_node *base = example();
	struct doc_node *mine = doc_clone(base), *theirs = doc_clone(base);
	struct doc_node *r, *s, *rev, *com;
	struct casedoc_change *c;
	size_t n;

	/* They comment on f3, which I remove: the comment moves to the
	 * section. */
	s = casedoc_session(theirs, 1);
	rev = casedoc_add(&fs, theirs, s, "reviews", NULL, NULL, NULL, 0);
	casedoc_set(&fs, "reviews", rev, "reviewer", "Marieke Jansen");
	com = casedoc_add(&fs, theirs, rev, "comments", NULL, NULL, NULL, 0);
	casedoc_set(&fs, "comments", com, "on", "f3");
	casedoc_remove(mine, casedoc_session(mine, 1), "statements",
	               index_of(mine, "statements", "f3"));
	/* Both start an evaluation: two sessions with version 2. */
	s = casedoc_new_session(mine, "2026-12-15");
	casedoc_add(&fs, mine, s, "statements", "feit", NULL, NULL, 0);
	casedoc_new_session(theirs, "2026-12-16");
	r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
	CHECK_NCHANGES(c, n, 0);
	CHECK_INT(casedoc_list(r, NULL, "sessions", 0)->len, 3);
	CHECK_STR(casedoc_get(casedoc_session(r, 2), "date"), "2026-12-16");
	CHECK_STR(casedoc_get(casedoc_session(r, 3), "date"), "2026-12-15");
	rev = casedoc_list(r, casedoc_session(r, 1), "reviews", 0);
	com = casedoc_list(r, rev->item[1], "comments", 0);
	CHECK_STR(casedoc_get(com->item[0], "on"), "statements");
	CHECK(shape_ok(r));
	casedoc_changes_free(c, n);
	doc_free(r);
	doc_free(base);
	doc_free(mine);
	doc_free(theirs);
}

/* ---- random edits keep the shape ----------------------------------------- */

static unsigned long rng_state = 20261014;

static size_t rnd(size_t n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return n ? (size_t)((rng_state >> 33) % n) : 0;
}

/* A random ref (or rank) of a list, or NULL when it is empty. */
static const char *pick(struct doc_node *list, const char *key)
{
	if (!list || list->len == 0)
		return NULL;
	return casedoc_get(list->item[rnd(list->len)], key);
}

static const char *const sections[] = {
	"members", "participants", "statements", "top3", "factors",
	"hypotheses", "plan", "reviews", "comments"
};
#define NSECTIONS (sizeof sections / sizeof *sections)

/* The list of a section (comments: of a random review). */
static struct doc_node *rlist(struct doc_node *root, const char *section,
                              struct doc_node **owner)
{
	struct doc_node *s = casedoc_session(root, 0);

	*owner = s;
	if (strcmp(section, "comments") == 0) {
		struct doc_node *rev = casedoc_list(root, s, "reviews", 0);
		if (!rev || rev->len == 0)
			return NULL;
		*owner = rev->item[rnd(rev->len)];
	}
	return casedoc_list(root, *owner, section, 0);
}

/* Set a random field of it to a valid value. */
static void random_set(struct doc_node *root, const char *section,
                       struct doc_node *it)
{
	struct doc_node *s = casedoc_session(root, 0);
	const struct form_section *sec = formset_section(&fs, section);
	const struct form_field *f = &sec->fields[rnd(sec->nfields)];
	struct doc_node *members = casedoc_list(root, NULL, "members", 0);
	const char *v = NULL;
	char buf[64];

	switch (f->type) {
	case FT_TEXT:
	case FT_LINES:
		snprintf(buf, sizeof buf, "tekst %zu", rnd(1000));
		v = rnd(5) ? buf : NULL;
		break;
	case FT_CHOICE:
		v = f->choices[rnd(f->nchoices)].value;
		break;
	case FT_DATE:
		v = "2026-10-20";
		break;
	case FT_BOOL:
		v = rnd(2) ? "true" : "false";
		break;
	case FT_MEMBER:
	case FT_MEMBERS:
		v = pick(members, "ref");
		break;
	case FT_SUBJECT:
		v = rnd(3) ? pick(members, "ref") : "gezin";
		break;
	case FT_PERSON:
		v = rnd(2) ? pick(members, "ref") : "duo";
		break;
	case FT_STATEMENTS:
		v = pick(casedoc_list(root, s, "statements", 0), "ref");
		break;
	case FT_FACTORS:
		v = pick(casedoc_list(root, s, "factors", 0), "ref");
		break;
	case FT_RANK:
	case FT_RANKS:
		v = pick(casedoc_list(root, s, "top3", 0), "rank");
		break;
	case FT_TARGET:
		v = rnd(2) ? pick(casedoc_list(root, s, "statements", 0), "ref")
		           : "plan";
		break;
	case FT_SCORES:
		if (pick(members, "ref"))
			casedoc_set_score(&fs, section, it, f->key,
			                  pick(members, "ref"), (int)rnd(11));
		return;
	default:
		return; /* refs, ranks, ids, versions: not edited here */
	}
	if (strcmp(section, "participants") == 0 &&
	    strcmp(f->key, "member") == 0) {
		casedoc_set(&fs, section, it, "name", NULL);
		casedoc_set(&fs, section, it, "organisation", NULL);
		casedoc_set(&fs, section, it, "role", NULL);
	} else if (strcmp(section, "participants") == 0) {
		casedoc_set(&fs, section, it, "member", NULL);
	}
	casedoc_set(&fs, section, it, f->key, v);
}

static void random_op(struct doc_node *root, char *what, size_t len)
{
	static const char *const kinds[] = {"feit", "zorg", "mening"};
	static const char *const plan_kinds[] = {
		"doel", "afspraak", "voorwaarde"
	};
	static const char *const names[] = {
		"Zoë van den Berg", "Émile", "Sem", "", "Lotte Visser"
	};
	const char *section = sections[rnd(NSECTIONS)];
	struct doc_node *owner, *list = rlist(root, section, &owner);
	struct doc_node *s = casedoc_session(root, 0);
	size_t n = list ? list->len : 0, op = rnd(7);

	snprintf(what, len, "op %zu on %s (%zu items)", op, section, n);
	if (op <= 1 || n == 0) {
		if (strcmp(section, "comments") == 0 && !owner)
			return;
		if (strcmp(section, "comments") == 0 && owner == s)
			return;
		casedoc_add(&fs, root, owner, section,
		            strcmp(section, "plan") == 0 ? plan_kinds[rnd(3)] :
		            kinds[rnd(3)], names[rnd(5)], NULL, 0);
	} else if (op == 2 && rnd(2)) {
		casedoc_remove(root, owner, section, rnd(n));
	} else if (op == 3) {
		casedoc_move(root, owner, section, rnd(n), rnd(n));
	} else if (op == 4 && strcmp(section, "statements") == 0) {
		casedoc_reclassify(&fs, root, owner, list->item[rnd(n)],
		                   kinds[rnd(3)]);
	} else if (op == 4 && strcmp(section, "top3") == 0) {
		struct doc_node *st = casedoc_list(root, s, "statements", 0);
		if (st && st->len)
			casedoc_promote(&fs, root, s, st->item[rnd(st->len)],
			                NULL, 0);
	} else {
		random_set(root, section, list->item[rnd(n)]);
	}
}

TEST(random_edits_keep_shape)
{
	struct doc_node *root = example();
	char what[128];
	int i;

	CHECK(shape_ok(root));
	for (i = 0; i < 200; i++) {
		random_op(root, what, sizeof what);
		if (!shape_ok(root)) {
			fprintf(stderr, "# after %d: %s: %s\n", i, what,
			        shape_why);
			CHECK(0);
		}
	}
	doc_free(root);
}

TEST(random_merges_keep_shape)
{
	struct doc_node *base = example();
	char what[128];
	int round, i;

	for (round = 0; round < 20; round++) {
		struct doc_node *mine = doc_clone(base);
		struct doc_node *theirs = doc_clone(base), *r;
		struct casedoc_change *c;
		size_t n;

		for (i = 0; i < 8; i++) {
			random_op(mine, what, sizeof what);
			random_op(theirs, what, sizeof what);
		}
		r = casedoc_merge(&fs, base, mine, theirs, &c, &n);
		if (!shape_ok(r)) {
			fprintf(stderr, "# round %d: %s\n", round, shape_why);
			CHECK(0);
		}
		casedoc_changes_free(c, n);
		doc_free(mine);
		doc_free(theirs);
		doc_free(base);
		base = r;
	}
	doc_free(base);
}

int main(void)
{
	struct diags d = {0};

	if (formset_load(&fs, FORMS, &d) != 0) {
		diags_print(stderr, &d);
		return 1;
	}
	diags_free(&d);
	RUN(new_household);
	RUN(new_sessions);
	RUN(new_version_carries_the_analysis_over);
	RUN(add_statement_refs_by_kind);
	RUN(member_refs_from_names);
	RUN(top3_refuses_fourth);
	RUN(promote_zorg);
	RUN(promote_title_counts_characters);
	RUN(reclassify_keeps_everything);
	RUN(reclassify_pointers_follow_the_ref);
	RUN(reclassify_keeps_a_typed_ref);
	RUN(set_keeps_form_order);
	RUN(set_list_and_scores);
	RUN(remove_member_cleans_pointers);
	RUN(remove_statement_cleans_evidence);
	RUN(remove_top3_renumbers);
	RUN(move_top3_pointers_follow);
	RUN(move_statements_keeps_refs);
	RUN(missing_nothing_in_example);
	RUN(missing_in_new_session);
	RUN(missing_items_named);
	RUN(missing_voorwaarde_in_example);
	RUN(diff_lists_each_edit);
	RUN(diff_order_and_sessions);
	RUN(merge_disjoint_edits);
	RUN(merge_same_field_conflicts);
	RUN(merge_delete_against_edit);
	RUN(merge_both_added_get_distinct_refs);
	RUN(merge_mine_unchanged_gives_theirs);
	RUN(merge_ranks_follow_items);
	RUN(merge_lists_and_order);
	RUN(merge_sessions_and_reviews);
	RUN(random_edits_keep_shape);
	RUN(random_merges_keep_shape);
	formset_free(&fs);
	return unit_done();
}
