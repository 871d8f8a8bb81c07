/*
 * validate.c - the rules of duo-case/1 and of each form field, in one place.
 *
 * validate_scalar checks one typed value against its form field (type,
 * choices, bounds) and is shared by the importer and the screens, so both
 * say the same thing in the same words.
 *
 * validate_case walks a loaded document (doc.h) along the fixed nesting of
 * form_skeleton. One generic walk checks every mapping against the fields
 * of its form section: unknown keys, the shape and type of each value,
 * required and required_if fields, and pointers from one item to another.
 * The few rules that belong to one section only (a participant is a member
 * or a named person, a top-3 concern rests on a feit, ranks and versions
 * are distinct) are short functions in a table keyed by section. Pointers
 * are resolved against reference tables collected once per document
 * (members) and once per session (statements, ranks, factors, hypotheses,
 * plan items); the tables borrow their strings from the document and are
 * sorted, and duplicates are found by sorting, so an untrusted file with
 * many items cannot make validation quadratic.
 *
 * Every problem becomes one diagnostic at the line and column of the node
 * that is wrong (the key for an unknown key, the value for a bad value, the
 * item for a missing field); the walk never stops at the first problem.
 */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

#define CASE_FORMAT "duo-case/1"
#define REF_KEY "ref"
#define DEFAULT_MODEL "4p"
#define REF_MAX 40      /* longest ref */
#define SHOWN_MAX 40    /* bytes of a user value repeated in a message */
#define LIST_MAX 12     /* names listed in a hint before "..." */

/* ---- small text helpers ------------------------------------------------ */

/* Write a failure message into msg (may be NULL) and return -1. */
static int fail(char *msg, size_t msglen, const char *fmt, ...) DUO_PRINTF(3, 4);
static int fail(char *msg, size_t msglen, const char *fmt, ...)
{
	if (msg && msglen) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(msg, msglen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A short printable copy of user text for a message: at most SHOWN_MAX
 * bytes cut on a character boundary, control characters as '?'. */
static const char *shown(const char *s, char buf[SHOWN_MAX + 8])
{
	size_t n = strlen(s), i;

	if (!utf8_valid(s, n, NULL))
		return "(ongeldige tekst)";
	if (n > SHOWN_MAX) {
		n = SHOWN_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	buf[n] = '\0';
	if (n < strlen(s))
		memcpy(buf + n, "...", 4);
	return buf;
}

/* 1 if s is a whole number (optional '-', digits) that fits a long. */
static int parse_long(const char *s, long *out)
{
	const char *p = s;
	char *end;
	long v;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != '\0')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || *end != '\0')
		return 0;
	*out = v;
	return 1;
}

/* 1 if s matches [A-Za-z0-9_-]{1,REF_MAX}. */
static int ref_syntax_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > REF_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static const char *field_name(const struct form_field *f)
{
	return f->label ? f->label : f->key;
}

/* ---- validate_scalar ---------------------------------------------------- */

static int check_choice(const struct form_field *f, const char *text,
                        char *msg, size_t msglen)
{
	struct strbuf sb = {0};
	char b[SHOWN_MAX + 8];
	size_t i;

	if (form_field_choice(f, text))
		return 0;
	for (i = 0; i < f->nchoices; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, f->choices[i].value);
	}
	fail(msg, msglen, "onbekende waarde '%s' (kies uit: %s)",
	     shown(text, b), sb_str(&sb));
	sb_free(&sb);
	return -1;
}

static int check_int(const char *text, long min, long max, const char *what,
                     char *msg, size_t msglen)
{
	long v;

	if (!parse_long(text, &v)) {
		char b[SHOWN_MAX + 8];
		return fail(msg, msglen, "'%s' is geen geheel getal (%s verwacht)",
		            shown(text, b), what);
	}
	if (min > max || (v >= min && v <= max))
		return 0;
	return fail(msg, msglen, "%s %ld ligt niet tussen %ld en %ld",
	            what, v, min, max);
}

static int check_year_or_date(const char *text, char *msg, size_t msglen)
{
	char b[SHOWN_MAX + 8];
	long y;

	if (strlen(text) == 4 && parse_long(text, &y)) {
		if (y >= 1900 && y <= 2100)
			return 0;
		return fail(msg, msglen, "jaar %ld ligt niet tussen 1900 en 2100", y);
	}
	if (date_is_valid(text))
		return 0;
	return fail(msg, msglen,
	            "geen geldig jaar of datum '%s' (verwacht JJJJ of JJJJ-MM-DD)",
	            shown(text, b));
}

static int check_text(const struct form_field *f, const char *text,
                      int single_line, char *msg, size_t msglen)
{
	size_t n = strlen(text);

	if (single_line && strpbrk(text, "\r\n"))
		return fail(msg, msglen,
		            "mag maar een regel zijn (gebruik geen regelovergang)");
	if (f->max > 0 && n > (size_t)f->max)
		return fail(msg, msglen, "tekst is te lang: %zu bytes, hoogstens %ld",
		            n, f->max);
	return 0;
}

/* Check one scalar against its field: see validate.h. For list types the
 * text is one element (a ref or a rank); for scores, one score. */
int validate_scalar(const struct form_field *f, const char *text, char *msg,
                    size_t msglen)
{
	char b[SHOWN_MAX + 8];
	long min, max;

	if (msg && msglen)
		msg[0] = '\0';
	if (!f || !text)
		return fail(msg, msglen, "geen waarde");
	if (!utf8_valid(text, strlen(text), NULL))
		return fail(msg, msglen, "geen geldige UTF-8-tekst");
	switch (f->type) {
	case FT_TEXT:
		return check_text(f, text, 1, msg, msglen);
	case FT_LINES:
		return check_text(f, text, 0, msg, msglen);
	case FT_CHOICE:
		return check_choice(f, text, msg, msglen);
	case FT_DATE:
		if (date_is_valid(text))
			return 0;
		return fail(msg, msglen,
		            "geen geldige datum '%s' (verwacht JJJJ-MM-DD)",
		            shown(text, b));
	case FT_YEAR_OR_DATE:
		return check_year_or_date(text, msg, msglen);
	case FT_BOOL:
		if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)
			return 0;
		return fail(msg, msglen, "geen ja/nee-waarde '%s' (kies uit: true, false)",
		            shown(text, b));
	case FT_INT:
		/* min == max == 0: the form gave no bounds */
		min = f->min;
		max = f->max;
		if (min == 0 && max == 0) {
			min = LONG_MIN;
			max = LONG_MAX;
		}
		return check_int(text, min, max, "waarde", msg, msglen);
	case FT_SCORE:
	case FT_SCORES:
		return check_int(text, 0, 10, "score", msg, msglen);
	case FT_RANK:
	case FT_RANKS:
		if (check_int(text, LONG_MIN, LONG_MAX, "rang", msg, msglen) < 0)
			return -1;
		if (strtol(text, NULL, 10) >= 1)
			return 0;
		return fail(msg, msglen, "rang %s bestaat niet (een rang begint bij 1)",
		            text);
	case FT_ID:
		if (uuid_is_valid(text))
			return 0;
		return fail(msg, msglen,
		            "geen geldige UUID '%s' (verwacht 8-4-4-4-12 hexadecimale tekens)",
		            shown(text, b));
	case FT_REF:
	case FT_MEMBER:
	case FT_MEMBERS:
	case FT_SUBJECT:
	case FT_STATEMENTS:
	case FT_FACTORS:
		if (ref_syntax_ok(text))
			return 0;
		return fail(msg, msglen,
		            "geen geldige ref '%s' (1 tot %d letters, cijfers, - of _)",
		            shown(text, b), REF_MAX);
	case FT_PERSON:
	case FT_TARGET:
	case FT_MODEL:
	case FT_CATEGORY:
		if (str_empty(text))
			return fail(msg, msglen, "mag niet leeg zijn");
		return check_text(f, text, 1, msg, msglen);
	}
	return fail(msg, msglen, "onbekend veldtype");
}

/* ---- reference tables -------------------------------------------------- */

/*
 * A table of the refs (or ranks) one list defines, sorted once it is
 * built so lookups are a binary search: a case file is untrusted input and
 * must not make validation quadratic.
 */
struct ref {
	const char *key;   /* borrowed from the document */
	long num;          /* ranks: the number; 0 when not a number */
	int line;
	int feit;          /* statements: kind is feit */
};

struct reftab {
	struct ref *v;
	size_t n, cap;
};

/* What the pointers of one session can point at. */
struct session_refs {
	struct reftab statements, ranks, factors, hypotheses, plan;
	const struct form_model *model;  /* NULL: unknown or none */
	int model_named;                 /* analysis.model was given */
};

/* One scalar in a list of values that must be distinct. */
struct entry {
	const struct doc_node *node;
	const struct doc_node *first;  /* set by mark_duplicates */
	size_t order;                  /* document order */
};

struct entries {
	struct entry *v;
	size_t n, cap;
};

struct ctx {
	const struct formset *fs;
	enum validate_mode mode;
	const char *name;
	struct diags *d;
	int count;
	struct reftab members;
	struct entries ids;         /* every id in the file */
	struct session_refs *sess;  /* never NULL; empty outside a session */
};

static void reftab_add(struct reftab *t, const char *key, long num, int line,
                       int feit)
{
	xgrow(&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n].key = key;
	t->v[t->n].num = num;
	t->v[t->n].line = line;
	t->v[t->n].feit = feit;
	t->n++;
}

static int ref_cmp_key(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int ref_cmp_num(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->num != y->num)
		return (x->num > y->num) - (x->num < y->num);
	return (x->line > y->line) - (x->line < y->line);
}

/* Sort a built table by key (ranks: by number) for the lookups below. */
static void reftab_sort(struct reftab *t, int by_num)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof *t->v, by_num ? ref_cmp_num : ref_cmp_key);
}

/* The first definition of key in a sorted table, or NULL. */
static const struct ref *reftab_find(const struct reftab *t, const char *key)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(t->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && strcmp(t->v[lo].key, key) == 0 ? &t->v[lo] : NULL;
}

/* The first rank num in a table sorted by number, or NULL. */
static const struct ref *reftab_find_num(const struct reftab *t, long num)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].num == num ? &t->v[lo] : NULL;
}

/* "a, b, c" (at most LIST_MAX names, distinct); caller frees. */
static char *reftab_list(const struct reftab *t)
{
	struct strbuf sb = {0};
	size_t i, shown_n = 0;

	for (i = 0; i < t->n && shown_n < LIST_MAX; i++) {
		if (i && strcmp(t->v[i - 1].key, t->v[i].key) == 0)
			continue;
		if (shown_n++)
			sb_add(&sb, ", ");
		sb_add(&sb, t->v[i].key);
	}
	if (i < t->n)
		sb_add(&sb, ", ...");
	if (t->n == 0)
		sb_add(&sb, "geen");
	return sb_steal(&sb);
}

static void session_refs_free(struct session_refs *s)
{
	free(s->statements.v);
	free(s->ranks.v);
	free(s->factors.v);
	free(s->hypotheses.v);
	free(s->plan.v);
	memset(s, 0, sizeof *s);
}

/* ---- distinct values ---------------------------------------------------- */

static void entries_add(struct entries *e, const struct doc_node *node)
{
	xgrow(&e->v, &e->cap, e->n + 1, sizeof *e->v);
	e->v[e->n].node = node;
	e->v[e->n].first = NULL;
	e->v[e->n].order = e->n;
	e->n++;
}

/* Numbers compare by value ("01" is 1) and sort before other text. */
static int value_cmp_num(const char *a, const char *b)
{
	long x = 0, y = 0;
	int na = parse_long(a, &x), nb = parse_long(b, &y);

	if (na && nb)
		return (x > y) - (x < y);
	if (na != nb)
		return na ? -1 : 1;
	return strcmp(a, b);
}

static int entry_cmp_text(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->node->text, y->node->text);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int entry_cmp_num(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = value_cmp_num(x->node->text, y->node->text);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Sort the entries and point each value that occurred before at the
 * first occurrence (first stays NULL for the first one). */
static void mark_duplicates(struct entries *e, int numeric)
{
	size_t i, head = 0;

	if (e->n > 1)
		qsort(e->v, e->n, sizeof *e->v,
		      numeric ? entry_cmp_num : entry_cmp_text);
	for (i = 1; i < e->n; i++) {
		const char *a = e->v[head].node->text, *b = e->v[i].node->text;
		int same = numeric ? value_cmp_num(a, b) == 0 : strcmp(a, b) == 0;
		if (same)
			e->v[i].first = e->v[head].node;
		else
			head = i;
	}
}

/* ---- diagnostics -------------------------------------------------------- */

static void problem(struct ctx *c, int line, int col, const char *fmt, ...)
	DUO_PRINTF(4, 5);
static void problem(struct ctx *c, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(c->d, c->name, line, col, fmt, ap);
	va_end(ap);
	c->count++;
}

struct sorted_diag {
	struct diag g;
	size_t order;
};

static int sorted_diag_cmp(const void *a, const void *b)
{
	const struct sorted_diag *x = a, *y = b;

	if (x->g.line != y->g.line)
		return (x->g.line > y->g.line) - (x->g.line < y->g.line);
	if (x->g.col != y->g.col)
		return (x->g.col > y->g.col) - (x->g.col < y->g.col);
	return (x->order > y->order) - (x->order < y->order);
}

/* Diagnostics from index start on in line:col order (stable). */
static void sort_diags(struct diags *d, size_t start)
{
	size_t n = d->n - start, i;
	struct sorted_diag *v;

	if (n < 2)
		return;
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].g = d->v[start + i];
		v[i].order = i;
	}
	qsort(v, n, sizeof *v, sorted_diag_cmp);
	for (i = 0; i < n; i++)
		d->v[start + i] = v[i].g;
	free(v);
}

/* ---- document helpers --------------------------------------------------- */

/* A value that counts as not given: a plain null, or an empty string,
 * sequence or mapping. */
static int is_empty(const struct doc_node *n)
{
	if (!n || doc_is_null(n))
		return 1;
	if (n->type == DOC_SCALAR)
		return n->text[0] == '\0';
	return n->len == 0;
}

/* The scalar text of map[key] unless absent or null. */
static const char *given_str(const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_map_get(map, key);

	if (!v || v->type != DOC_SCALAR || doc_is_null(v))
		return NULL;
	return v->text;
}

static const char *shape_name(const struct doc_node *n)
{
	switch (n->type) {
	case DOC_SEQ: return "lijst";
	case DOC_MAP: return "mapping";
	case DOC_SCALAR: break;
	}
	return "losse waarde";
}

static const struct skeleton_entry *skeleton_child(const char *parent,
                                                   const char *key)
{
	const struct skeleton_entry *e;

	for (e = form_skeleton; e->key; e++) {
		int same_parent = parent ? (e->parent && strcmp(e->parent, parent) == 0)
		                         : e->parent == NULL;
		if (same_parent && strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

/* ---- pointers ----------------------------------------------------------- */

static void resolve_member(struct ctx *c, const struct doc_node *v)
{
	char b[SHOWN_MAX + 8];
	char *all;

	if (reftab_find(&c->members, v->text))
		return;
	all = reftab_list(&c->members);
	problem(c, v->line, v->col, "onbekend lid '%s' (leden: %s)",
	        shown(v->text, b), all);
	free(all);
}

static void resolve_subject(struct ctx *c, const struct doc_node *v)
{
	char b[SHOWN_MAX + 8];
	char *all;

	if (strcmp(v->text, "gezin") == 0 || strcmp(v->text, "omgeving") == 0 ||
	    reftab_find(&c->members, v->text))
		return;
	all = reftab_list(&c->members);
	problem(c, v->line, v->col,
	        "onbekend lid '%s' (kies een lid, gezin of omgeving; leden: %s)",
	        shown(v->text, b), all);
	free(all);
}

static void resolve_in(struct ctx *c, const struct doc_node *v,
                       const struct reftab *t, const char *what)
{
	char b[SHOWN_MAX + 8];
	char *all;

	if (reftab_find(t, v->text))
		return;
	all = reftab_list(t);
	problem(c, v->line, v->col, "onbekende %s '%s' in deze sessie (bekend: %s)",
	        what, shown(v->text, b), all);
	free(all);
}

static void resolve_rank(struct ctx *c, const struct doc_node *v)
{
	long r;

	if (parse_long(v->text, &r) && !reftab_find_num(&c->sess->ranks, r))
		problem(c, v->line, v->col,
		        "geen TOP-3 zorg met rang %ld in deze sessie", r);
}

/* A section name a comment may be on: a form name, a skeleton key or the
 * summary (stage 5, which has no form). */
static int section_name(const struct formset *fs, const char *s)
{
	const struct skeleton_entry *e;
	size_t i;

	if (strcmp(s, "samenvatting") == 0)
		return 1;
	for (e = form_skeleton; e->key; e++)
		if (strcmp(e->key, s) == 0)
			return 1;
	for (i = 0; i < fs->nforms; i++)
		if (str_eq(fs->forms[i].name, s))
			return 1;
	return 0;
}

static int is_section_name(const struct ctx *c, const char *s)
{
	return section_name(c->fs, s);
}

static void resolve_target(struct ctx *c, const struct doc_node *v)
{
	const struct session_refs *s = c->sess;
	const char *t = v->text;
	char b[SHOWN_MAX + 8];
	long r;

	if (str_has_prefix(t, "top3/")) {
		if (!parse_long(t + 5, &r))
			problem(c, v->line, v->col,
			        "onbekend doel '%s' (verwacht top3/RANG, zoals top3/1)",
			        shown(t, b));
		else if (!reftab_find_num(&s->ranks, r))
			problem(c, v->line, v->col,
			        "onbekend doel '%s': geen TOP-3 zorg met rang %ld in deze sessie",
			        shown(t, b), r);
		return;
	}
	if (is_section_name(c, t) || reftab_find(&s->statements, t) ||
	    reftab_find(&s->factors, t) || reftab_find(&s->hypotheses, t) ||
	    reftab_find(&s->plan, t))
		return;
	problem(c, v->line, v->col,
	        "onbekend doel '%s' (kies een onderdeel zoals top3 of plan, top3/RANG, "
	        "of de ref van een uitspraak, factor, hypothese of planitem)",
	        shown(t, b));
}

static char *model_list(const struct formset *fs)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < fs->nmodels; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, fs->models[i].name);
	}
	if (fs->nmodels == 0)
		sb_add(&sb, "geen");
	return sb_steal(&sb);
}

static void resolve_model(struct ctx *c, const struct doc_node *v)
{
	char b[SHOWN_MAX + 8];
	char *all;

	if (formset_model(c->fs, v->text))
		return;
	all = model_list(c->fs);
	problem(c, v->line, v->col, "onbekend model '%s' (kies uit: %s)",
	        shown(v->text, b), all);
	free(all);
}

static void resolve_category(struct ctx *c, const struct doc_node *v)
{
	const struct form_model *m = c->sess->model;
	struct strbuf sb = {0};
	char b[SHOWN_MAX + 8];
	size_t i;

	if (!m && c->sess->model_named)
		return;  /* the unknown model is reported */
	if (!m) {
		char *all = model_list(c->fs);
		problem(c, v->line, v->col,
		        "geen model om categorie '%s' aan te toetsen: "
		        "noem het model bij analysis (kies uit: %s)",
		        shown(v->text, b), all);
		free(all);
		return;
	}
	for (i = 0; i < m->ncategories; i++)
		if (str_eq(m->categories[i].value, v->text))
			return;
	for (i = 0; i < m->ncategories; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, m->categories[i].value);
	}
	problem(c, v->line, v->col,
	        "onbekende categorie '%s' in model %s (kies uit: %s)",
	        shown(v->text, b), m->name, sb_str(&sb));
	sb_free(&sb);
}

/* Ids are unique in the whole file: see check_ids. */
static void note_id(struct ctx *c, const struct doc_node *v)
{
	entries_add(&c->ids, v);
}

/* Resolve a valid scalar (or list element) of a pointer type. */
static void resolve(struct ctx *c, const struct form_field *f,
                    const struct doc_node *v)
{
	switch (f->type) {
	case FT_MEMBER:
	case FT_MEMBERS:
		resolve_member(c, v);
		break;
	case FT_SUBJECT:
		resolve_subject(c, v);
		break;
	case FT_STATEMENTS:
		resolve_in(c, v, &c->sess->statements, "uitspraak");
		break;
	case FT_FACTORS:
		resolve_in(c, v, &c->sess->factors, "factor");
		break;
	case FT_RANK:
	case FT_RANKS:
		resolve_rank(c, v);
		break;
	case FT_TARGET:
		resolve_target(c, v);
		break;
	case FT_MODEL:
		resolve_model(c, v);
		break;
	case FT_CATEGORY:
		resolve_category(c, v);
		break;
	case FT_ID:
		note_id(c, v);
		break;
	default:
		break;  /* person: a free name is allowed; others: no pointer */
	}
}

/* ---- values ------------------------------------------------------------- */

/* Type-check one scalar; 1 if valid. */
static int check_scalar(struct ctx *c, const struct form_field *f,
                        const struct doc_node *v)
{
	char msg[512];

	if (validate_scalar(f, v->text, msg, sizeof msg) == 0)
		return 1;
	problem(c, v->line, v->col, "%s (%s): %s", field_name(f), f->key, msg);
	return 0;
}

static void check_list_value(struct ctx *c, const struct form_field *f,
                             const struct doc_node *v)
{
	struct entries valid = {0};
	char b[SHOWN_MAX + 8];
	size_t i;

	if (v->type != DOC_SEQ) {
		problem(c, v->line, v->col,
		        "%s (%s): verwacht een lijst, zoals [a, b], geen %s",
		        field_name(f), f->key, shape_name(v));
		return;
	}
	for (i = 0; i < v->len; i++) {
		const struct doc_node *e = v->item[i];
		if (e->type != DOC_SCALAR)
			problem(c, e->line, e->col,
			        "%s (%s): verwacht een enkele waarde in de lijst, geen %s",
			        field_name(f), f->key, shape_name(e));
		else if (check_scalar(c, f, e))
			entries_add(&valid, e);
	}
	mark_duplicates(&valid, f->type == FT_RANKS);
	for (i = 0; i < valid.n; i++) {
		const struct entry *e = &valid.v[i];
		if (e->first)
			problem(c, e->node->line, e->node->col,
			        "%s (%s): '%s' staat al eerder in deze lijst",
			        field_name(f), f->key, shown(e->node->text, b));
		else
			resolve(c, f, e->node);
	}
	free(valid.v);
}

static void check_scores_value(struct ctx *c, const struct form_field *f,
                               const struct doc_node *v)
{
	size_t i;

	if (v->type != DOC_MAP) {
		problem(c, v->line, v->col,
		        "%s (%s): verwacht een mapping persoon: score, zoals {duo: 3}, geen %s",
		        field_name(f), f->key, shape_name(v));
		return;
	}
	for (i = 0; i < v->len; i++) {
		const struct doc_pair *p = &v->pair[i];
		if (str_empty(p->key) || strpbrk(p->key, "\r\n"))
			problem(c, p->line, p->col,
			        "%s (%s): een score hoort bij een persoon met een naam op een regel",
			        field_name(f), f->key);
		if (p->value->type != DOC_SCALAR)
			problem(c, p->value->line, p->value->col,
			        "%s (%s): verwacht een score 0 tot en met 10, geen %s",
			        field_name(f), f->key, shape_name(p->value));
		else
			check_scalar(c, f, p->value);
	}
}

/* Check the value of one known field: shape, type and pointers. A plain
 * null counts as absent (the required check reports it if needed). */
static void check_value(struct ctx *c, const struct form_field *f,
                        const struct doc_node *v)
{
	if (doc_is_null(v))
		return;
	if (field_type_is_list(f->type)) {
		check_list_value(c, f, v);
		return;
	}
	if (f->type == FT_SCORES) {
		check_scores_value(c, f, v);
		return;
	}
	if (v->type != DOC_SCALAR) {
		problem(c, v->line, v->col, "%s (%s): verwacht een enkele waarde, geen %s",
		        field_name(f), f->key, shape_name(v));
		return;
	}
	if (check_scalar(c, f, v))
		resolve(c, f, v);
}

/* ---- rules per section -------------------------------------------------- */

/* A participant is a member or a named person, and only a named person has
 * an organisation and a role. */
static void rule_participant(struct ctx *c, const struct doc_node *item)
{
	static const char *const named_only[] = {"organisation", "role", NULL};
	int member = !is_empty(doc_map_get(item, "member"));
	int name = !is_empty(doc_map_get(item, "name"));
	size_t i;

	if (member && name)
		problem(c, item->line, item->col,
		        "een deelnemer is een lid (member) of een persoon met naam (name), "
		        "niet allebei");
	else if (!member && !name && c->mode == VALIDATE_COMPLETE)
		problem(c, item->line, item->col,
		        "deelnemer zonder member of name: noem een lid of een persoon");
	if (name || !member)
		return;
	for (i = 0; named_only[i]; i++) {
		const struct doc_pair *p = doc_map_pair(item, named_only[i]);
		if (p && !doc_is_null(p->value))
			problem(c, p->line, p->col,
			        "'%s' hoort alleen bij een deelnemer met name, niet bij een lid",
			        named_only[i]);
	}
}

/* Each top-3 concern rests on at least one feit. */
static void rule_top3_feit(struct ctx *c, const struct doc_node *item)
{
	const struct doc_node *ev = doc_map_get(item, "evidence");
	int resolved = 0, feit = 0;
	size_t i;

	if (!ev || ev->type != DOC_SEQ || ev->len == 0 ||
	    c->mode != VALIDATE_COMPLETE)
		return;  /* missing or malformed: reported as such */
	for (i = 0; i < ev->len; i++) {
		const struct ref *r;
		if (ev->item[i]->type != DOC_SCALAR)
			continue;
		r = reftab_find(&c->sess->statements, ev->item[i]->text);
		if (r) {
			resolved++;
			feit |= r->feit;
		}
	}
	if (resolved && !feit) {
		const char *rank = given_str(item, "rank");
		char b[SHOWN_MAX + 8];
		problem(c, ev->line, ev->col,
		        "TOP-3 %s rust niet op een feit: noem bij evidence minstens "
		        "een uitspraak van soort feit", rank ? shown(rank, b) : "?");
	}
}

/* Values of key are distinct within the list (refs, ranks, versions);
 * numeric values compare as numbers and are shown without quotes. */
static void rule_unique(struct ctx *c, const struct doc_node *seq,
                        const char *key, const char *what, int numeric)
{
	struct entries e = {0};
	char b[SHOWN_MAX + 8];
	size_t i;

	for (i = 0; i < seq->len; i++) {
		const struct doc_node *v = doc_map_get(seq->item[i], key);
		if (v && v->type == DOC_SCALAR && !is_empty(v))
			entries_add(&e, v);
	}
	mark_duplicates(&e, numeric);
	for (i = 0; i < e.n; i++) {
		const struct doc_node *v = e.v[i].node;
		if (e.v[i].first)
			problem(c, v->line, v->col, numeric ?
			        "%s %s komt al voor op regel %d" :
			        "%s '%s' komt al voor op regel %d",
			        what, shown(v->text, b), e.v[i].first->line);
	}
	free(e.v);
}

/* Ids (of the household and the sessions) are unique in the file. */
static void check_ids(struct ctx *c)
{
	size_t i;

	mark_duplicates(&c->ids, 0);
	for (i = 0; i < c->ids.n; i++) {
		const struct entry *e = &c->ids.v[i];
		if (e->first)
			problem(c, e->node->line, e->node->col,
			        "id '%s' komt al voor op regel %d", e->node->text,
			        e->first->line);
	}
}

static void rule_top3_list(struct ctx *c, const struct doc_node *seq)
{
	rule_unique(c, seq, "rank", "rang", 1);
}

static void rule_sessions_list(struct ctx *c, const struct doc_node *seq)
{
	rule_unique(c, seq, "version", "versie", 1);
}

/* Rules that belong to one section; the rest is the generic walk. */
static const struct section_rule {
	const char *section;
	void (*item)(struct ctx *c, const struct doc_node *item);
	void (*list)(struct ctx *c, const struct doc_node *seq);
} section_rules[] = {
	{"participants", rule_participant, NULL},
	{"top3", rule_top3_feit, rule_top3_list},
	{"sessions", NULL, rule_sessions_list},
	{NULL, NULL, NULL}
};

static const struct section_rule *rules_for(const char *section)
{
	const struct section_rule *r;

	for (r = section_rules; r->section; r++)
		if (strcmp(r->section, section) == 0)
			return r;
	return NULL;
}

/* ---- the generic walk --------------------------------------------------- */

static void walk_section(struct ctx *c, const struct skeleton_entry *sk,
                         const struct doc_node *n);

/* "ref, kind, text, ..." : the keys a mapping of this section may have. */
static char *known_keys(const struct form_section *sec, const char *section)
{
	const struct skeleton_entry *e;
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; sec && i < sec->nfields; i++) {
		if (sb.len)
			sb_add(&sb, ", ");
		sb_add(&sb, sec->fields[i].key);
	}
	for (e = form_skeleton; e->key; e++) {
		if (!e->parent || strcmp(e->parent, section) != 0)
			continue;
		if (sb.len)
			sb_add(&sb, ", ");
		sb_add(&sb, e->key);
	}
	return sb_steal(&sb);
}

static void unknown_key(struct ctx *c, const struct form_section *sec,
                        const char *section, const struct doc_pair *p)
{
	char b[SHOWN_MAX + 8];
	char *keys = known_keys(sec, section);

	problem(c, p->line, p->col, "onbekende sleutel '%s' in %s (bekend: %s)",
	        shown(p->key, b), section, keys);
	free(keys);
}

/* Required and required_if fields, reported at the item. */
/* A field that identifies its item or holds the shape together: required
 * even in an unfinished concept (VALIDATE_SHAPE). */
static int required_for_shape(const struct form_section *sec,
                              const struct form_field *f)
{
	return f->type == FT_REF || f->type == FT_INT ||
	       (str_eq(sec->key, "household") && str_eq(f->key, "name"));
}

static void check_required(struct ctx *c, const struct form_section *sec,
                           const struct doc_node *item)
{
	size_t i;

	for (i = 0; sec && i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		const struct doc_pair *p;
		int conditional = 0;

		if (c->mode == VALIDATE_SHAPE && !required_for_shape(sec, f))
			continue;
		if (!f->required && f->required_if_key) {
			const char *v = given_str(item, f->required_if_key);
			conditional = v && str_eq(v, f->required_if_value);
		}
		if (!f->required && !conditional)
			continue;
		p = doc_map_pair(item, f->key);
		if (p && !is_empty(p->value))
			continue;
		if (p)
			problem(c, p->line, p->col, "verplicht veld '%s' (%s) is leeg",
			        f->key, field_name(f));
		else if (conditional)
			problem(c, item->line, item->col,
			        "verplicht veld '%s' (%s) ontbreekt: nodig als %s %s is",
			        f->key, field_name(f), f->required_if_key,
			        f->required_if_value);
		else
			problem(c, item->line, item->col,
			        "verplicht veld '%s' (%s) ontbreekt in %s",
			        f->key, field_name(f), sec->key);
	}
}

/* One mapping of a section: every key a field or a child section, every
 * value right, every required field there, then the section's own rule. */
static void walk_item(struct ctx *c, const struct skeleton_entry *sk,
                      const struct doc_node *item)
{
	const struct form_section *sec = formset_section(c->fs, sk->key);
	const struct section_rule *rule = rules_for(sk->key);
	size_t i;

	for (i = 0; i < item->len; i++) {
		const struct doc_pair *p = &item->pair[i];
		const struct skeleton_entry *child = skeleton_child(sk->key, p->key);
		const struct form_field *f;

		if (child) {
			walk_section(c, child, p->value);
			continue;
		}
		f = sec ? form_section_field(sec, p->key) : NULL;
		if (f)
			check_value(c, f, p->value);
		else
			unknown_key(c, sec, sk->key, p);
	}
	check_required(c, sec, item);
	if (rule && rule->item)
		rule->item(c, item);
}

/* The values of key in one list section, for pointers into it, sorted
 * by text (numeric: by number). Duplicates stay in; the walk reports them
 * and lookups find the first. */
static void collect_refs(struct reftab *t, const struct doc_node *seq,
                         const char *key, int numeric)
{
	size_t i;

	if (!seq || seq->type != DOC_SEQ)
		return;
	for (i = 0; i < seq->len; i++) {
		const struct doc_node *v = doc_map_get(seq->item[i], key);
		long num = 0;

		if (!v || v->type != DOC_SCALAR || is_empty(v))
			continue;
		if (!parse_long(v->text, &num))
			num = 0;
		reftab_add(t, v->text, num, v->line,
		           str_eq(given_str(seq->item[i], "kind"), "feit"));
	}
	reftab_sort(t, numeric);
}

/* The tables of one session: what its pointers can point at, and the model
 * its factor categories come from. */
static void session_refs_build(struct session_refs *s,
                               const struct formset *fs,
                               const struct doc_node *session)
{
	const struct doc_node *analysis = doc_map_get(session, "analysis");

	if (analysis && analysis->type != DOC_MAP)
		analysis = NULL;
	collect_refs(&s->statements, doc_map_get(session, "statements"), REF_KEY, 0);
	collect_refs(&s->ranks, doc_map_get(session, "top3"), "rank", 1);
	collect_refs(&s->factors, doc_map_get(analysis, "factors"), REF_KEY, 0);
	collect_refs(&s->hypotheses, doc_map_get(analysis, "hypotheses"), REF_KEY, 0);
	collect_refs(&s->plan, doc_map_get(session, "plan"), REF_KEY, 0);
	/* the model: analysis.model, else the default when the forms have it */
	s->model_named = given_str(analysis, "model") != NULL;
	s->model = formset_model(fs, s->model_named ? given_str(analysis, "model")
	                                            : DEFAULT_MODEL);
}

/* List-level rules of a section: at most max_items, refs unique. */
static void check_list(struct ctx *c, const struct skeleton_entry *sk,
                       const struct doc_node *seq)
{
	const struct form_section *sec = formset_section(c->fs, sk->key);
	const struct section_rule *rule = rules_for(sk->key);
	size_t i;

	if (sec && sec->max_items > 0 && seq->len > (size_t)sec->max_items) {
		for (i = (size_t)sec->max_items; i < seq->len; i++)
			problem(c, seq->item[i]->line, seq->item[i]->col,
			        "te veel in %s: hoogstens %d (dit is nummer %zu)",
			        sec->label ? sec->label : sk->key, sec->max_items, i + 1);
	}
	for (i = 0; sec && i < sec->nfields; i++)
		if (sec->fields[i].type == FT_REF)
			rule_unique(c, seq, sec->fields[i].key, sec->fields[i].key, 0);
	if (rule && rule->list)
		rule->list(c, seq);
}

/* One item of a list section; a session item brings its own tables. */
static void walk_list_item(struct ctx *c, const struct skeleton_entry *sk,
                           const struct doc_node *item)
{
	struct session_refs sess = {0};
	struct session_refs *outer = c->sess;

	if (item->type != DOC_MAP) {
		problem(c, item->line, item->col,
		        "een item van %s moet een mapping zijn (sleutel: waarde), geen %s",
		        sk->key, shape_name(item));
		return;
	}
	if (strcmp(sk->key, "sessions") != 0) {
		walk_item(c, sk, item);
		return;
	}
	session_refs_build(&sess, c->fs, item);
	c->sess = &sess;
	walk_item(c, sk, item);
	c->sess = outer;
	session_refs_free(&sess);
}

/* A skeleton section: a list of mappings or one mapping; a plain null is
 * an empty section. */
static void walk_section(struct ctx *c, const struct skeleton_entry *sk,
                         const struct doc_node *n)
{
	size_t i;

	if (doc_is_null(n))
		return;
	if (sk->is_list && n->type != DOC_SEQ) {
		problem(c, n->line, n->col,
		        "%s moet een lijst zijn (items met -), geen %s",
		        sk->key, shape_name(n));
		return;
	}
	if (!sk->is_list && n->type != DOC_MAP) {
		problem(c, n->line, n->col,
		        "%s moet een mapping zijn (sleutel: waarde), geen %s",
		        sk->key, shape_name(n));
		return;
	}
	if (!sk->is_list) {
		walk_item(c, sk, n);
		return;
	}
	for (i = 0; i < n->len; i++)
		walk_list_item(c, sk, n->item[i]);
	check_list(c, sk, n);
}

/* ---- the root ----------------------------------------------------------- */

static void check_format(struct ctx *c, const struct doc_node *root)
{
	const struct doc_pair *p = doc_map_pair(root, "format");
	char b[SHOWN_MAX + 8];

	if (!p) {
		problem(c, 1, 1, "format ontbreekt: begin het bestand met 'format: %s'",
		        CASE_FORMAT);
		return;
	}
	if (p->value->type != DOC_SCALAR)
		problem(c, p->value->line, p->value->col,
		        "onbekend formaat (verwacht format: %s)", CASE_FORMAT);
	else if (strcmp(p->value->text, CASE_FORMAT) != 0)
		problem(c, p->value->line, p->value->col,
		        "onbekend formaat '%s' (verwacht %s)",
		        shown(p->value->text, b), CASE_FORMAT);
}

static void walk_root(struct ctx *c, const struct doc_node *root)
{
	size_t i;

	check_format(c, root);
	for (i = 0; i < root->len; i++) {
		const struct doc_pair *p = &root->pair[i];
		const struct skeleton_entry *sk = skeleton_child(NULL, p->key);
		char b[SHOWN_MAX + 8];

		if (sk)
			walk_section(c, sk, p->value);
		else if (strcmp(p->key, "format") != 0)
			problem(c, p->line, p->col,
			        "onbekende sleutel '%s' in het bestand "
			        "(bekend: format, household, sessions)",
			        shown(p->key, b));
	}
	if (is_empty(doc_map_get(root, "household")))
		problem(c, root->line, root->col,
		        "household ontbreekt: een bestand beschrijft een huishouden");
}

/* Check a whole case: see validate.h. */
int validate_case(const struct doc_node *root, const struct formset *fs,
                  const char *name, struct diags *d)
{
	return validate_case_mode(root, fs, name, VALIDATE_COMPLETE, d);
}

/* Check a whole case as strictly as mode says: see validate.h. */
int validate_case_mode(const struct doc_node *root, const struct formset *fs,
                       const char *name, enum validate_mode mode,
                       struct diags *d)
{
	struct session_refs none = {0};
	struct ctx c;
	size_t start;

	assert(fs && d);
	start = d->n;
	memset(&c, 0, sizeof c);
	c.fs = fs;
	c.mode = mode;
	c.name = name;
	c.d = d;
	c.sess = &none;
	if (!root || root->type != DOC_MAP) {
		problem(&c, root ? root->line : 1, root ? root->col : 1,
		        "het bestand moet een mapping zijn met format, household en sessions");
		return c.count;
	}
	{
		const struct doc_node *h = doc_map_get(root, "household");
		if (h && h->type == DOC_MAP)
			collect_refs(&c.members, doc_map_get(h, "members"), REF_KEY, 0);
	}
	walk_root(&c, root);
	check_ids(&c);
	free(c.members.v);
	free(c.ids.v);
	sort_diags(d, start);
	return c.count;
}

/* ---- one comment target ------------------------------------------------- */

/* 1 when an item of list key of map has ref (or, for top3, rank). */
static int doc_list_has(const struct doc_node *map, const char *key,
                        const char *field, const char *value)
{
	const struct doc_node *list = map ? doc_map_get(map, key) : NULL;
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++)
		if (str_eq(doc_map_str(list->item[i], field), value))
			return 1;
	return 0;
}

/* See validate.h. */
int validate_target(const struct formset *fs, const struct doc_node *session,
                    const char *on, char *msg, size_t msglen)
{
	const struct doc_node *an = session ? doc_map_get(session, "analysis")
	                                    : NULL;
	char b[SHOWN_MAX + 8];
	long r;

	if (str_empty(on))
		return fail(msg, msglen, "een opmerking gaat over iets: kies een "
		            "onderdeel zoals top3 of plan, top3/RANG, of de ref van "
		            "een uitspraak, factor, hypothese of planitem");
	if (str_has_prefix(on, "top3/")) {
		char rank[24];

		if (!parse_long(on + 5, &r))
			return fail(msg, msglen, "onbekend doel '%s' (verwacht "
			            "top3/RANG, zoals top3/1)", shown(on, b));
		snprintf(rank, sizeof rank, "%ld", r);
		if (!doc_list_has(session, "top3", "rank", rank))
			return fail(msg, msglen, "onbekend doel '%s': geen TOP-3 "
			            "zorg met rang %ld in deze sessie", shown(on, b),
			            r);
		return 0;
	}
	if (section_name(fs, on) ||
	    doc_list_has(session, "statements", "ref", on) ||
	    doc_list_has(an, "factors", "ref", on) ||
	    doc_list_has(an, "hypotheses", "ref", on) ||
	    doc_list_has(session, "plan", "ref", on))
		return 0;
	return fail(msg, msglen, "onbekend doel '%s' (kies een onderdeel zoals "
	            "top3 of plan, top3/RANG, of de ref van een uitspraak, "
	            "factor, hypothese of planitem)", shown(on, b));
}
