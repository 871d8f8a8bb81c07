/*
 * form.c - load and check the form and model files of forms/ (see form.h
 * and forms/README.md).
 *
 * formset_load reads every *.yaml file of a directory through doc.c and
 * turns each into a struct form or a struct form_model. Checking happens on
 * three levels, and every problem becomes one diagnostic at the exact
 * file:line:col of the node that causes it, after which loading goes on:
 *   - per node: unknown keys, values of the wrong kind, missing key, label
 *     or type, unknown types, choices, bounds;
 *   - per section: duplicate field keys, required_if, and the built-in
 *     fields the store keeps in columns (builtin_sections below, which must
 *     match the table in forms/README.md);
 *   - across files: a section defined twice, a skeleton section defined
 *     nowhere, two forms or models with one name, two forms for one stage,
 *     a category field without any model.
 * Only at the very end are the forms sorted and the section->form
 * back-pointers set, because until then fs->forms may still move.
 *
 * Files whose name starts with '.' (editor swap files) and files not
 * ending in .yaml (README.md) are skipped.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "form.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* The fixed shape: skeleton, field types, built-in fields                 */

const struct skeleton_entry form_skeleton[] = {
	{"household", NULL, 0, 0},
	{"members", "household", 1, 0},
	{"sessions", NULL, 1, 0},
	{"participants", "sessions", 1, 0},
	{"statements", "sessions", 1, 0},
	{"top3", "sessions", 1, 0},
	{"analysis", "sessions", 0, 0},
	{"factors", "analysis", 1, 0},
	{"hypotheses", "analysis", 1, 0},
	{"plan", "sessions", 1, 0},
	{"reviews", "sessions", 1, 1},
	{"comments", "reviews", 1, 1},
	{NULL, NULL, 0, 0}
};

/* The skeleton entry of a section key, or NULL. */
const struct skeleton_entry *form_skeleton_get(const char *key)
{
	const struct skeleton_entry *e;

	if (!key)
		return NULL;
	for (e = form_skeleton; e->key; e++)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static const char *const type_names[] = {
	[FT_TEXT] = "text",
	[FT_LINES] = "lines",
	[FT_CHOICE] = "choice",
	[FT_DATE] = "date",
	[FT_YEAR_OR_DATE] = "year-or-date",
	[FT_BOOL] = "bool",
	[FT_INT] = "int",
	[FT_SCORE] = "score",
	[FT_SCORES] = "scores",
	[FT_ID] = "id",
	[FT_REF] = "ref",
	[FT_MEMBER] = "member",
	[FT_MEMBERS] = "members",
	[FT_SUBJECT] = "subject",
	[FT_PERSON] = "person",
	[FT_STATEMENTS] = "statements",
	[FT_FACTORS] = "factors",
	[FT_RANK] = "rank",
	[FT_RANKS] = "ranks",
	[FT_TARGET] = "target",
	[FT_MODEL] = "model",
	[FT_CATEGORY] = "category",
};
#define NTYPES (sizeof type_names / sizeof type_names[0])

/* The name of a field type as written in form files; "?" for a bad value. */
const char *field_type_name(enum field_type t)
{
	if ((unsigned)t >= NTYPES)
		return "?";
	return type_names[t];
}

/* Parse a type name into *out: 0, or -1 (and *out untouched) if unknown. */
int field_type_parse(const char *name, enum field_type *out)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < NTYPES; i++) {
		if (strcmp(type_names[i], name) == 0) {
			*out = (enum field_type)i;
			return 0;
		}
	}
	return -1;
}

/* 1 for the types whose value is a YAML sequence. */
int field_type_is_list(enum field_type t)
{
	return t == FT_MEMBERS || t == FT_STATEMENTS || t == FT_FACTORS ||
	       t == FT_RANKS;
}

/*
 * The built-in fields of each section: the keys that form_builtin_keys
 * returns, and beside them what the store needs of each field. keys[i] and
 * fields[i] describe the same field (checked by an assert). A built-in
 * choice field must offer at least the values listed; it may add more.
 */
struct builtin_field {
	const char *key;
	enum field_type type;
	int required;
	const char *if_key, *if_value;  /* required_if */
	long min, max;                  /* FT_INT */
	const char *const *choices;     /* FT_CHOICE, NULL-terminated */
};

struct builtin_section {
	const char *section;
	const char *const *keys;
	const struct builtin_field *fields;
};

/* Rows of the tables below. */
#define OPT(k, t) {.key = (k), .type = (t)}
#define REQ(k, t) {.key = (k), .type = (t), .required = 1}
#define REQ_IF(k, t, ik, iv) \
	{.key = (k), .type = (t), .if_key = (ik), .if_value = (iv)}
#define INT(k, lo, hi) \
	{.key = (k), .type = FT_INT, .required = 1, .min = (lo), .max = (hi)}
#define CHOICE(k, req, v) \
	{.key = (k), .type = FT_CHOICE, .required = (req), .choices = (v)}

static const char *const role_choices[] = {
	"ouder", "kind", "partner", "ex-partner", "netwerk", "overig", NULL
};
static const char *const status_choices[] = {
	"concept", "ter-review", "vastgesteld", "herzien", NULL
};
static const char *const participant_role_choices[] = {
	"lokaal", "rvt", "teamleider", "netwerk", NULL
};
static const char *const statement_kind_choices[] = {
	"feit", "zorg", "mening", NULL
};
static const char *const agreement_choices[] = {
	"eens", "deels", "oneens", NULL
};
static const char *const hypothesis_status_choices[] = {
	"te-toetsen", "bevestigd", "verworpen", NULL
};
static const char *const phase_choices[] = {
	"directe-veiligheid", "stabiele-veiligheid", "duurzame-veiligheid", NULL
};
static const char *const plan_kind_choices[] = {
	"doel", "afspraak", "voorwaarde", NULL
};
static const char *const decision_choices[] = {
	"akkoord", "terug", "vervallen", NULL
};

static const char *const household_keys[] = {
	"id", "name", "municipality", "team", NULL
};
static const struct builtin_field household_fields[] = {
	OPT("id", FT_ID),
	REQ("name", FT_TEXT),
	OPT("municipality", FT_TEXT),
	OPT("team", FT_TEXT),
	{0}
};

static const char *const members_keys[] = {
	"ref", "name", "role", "born", "lives_here", NULL
};
static const struct builtin_field members_fields[] = {
	REQ("ref", FT_REF),
	REQ("name", FT_TEXT),
	CHOICE("role", 1, role_choices),
	OPT("born", FT_YEAR_OR_DATE),
	OPT("lives_here", FT_BOOL),
	{0}
};

static const char *const sessions_keys[] = {
	"id", "version", "date", "status", "evaluation", NULL
};
static const struct builtin_field sessions_fields[] = {
	OPT("id", FT_ID),
	INT("version", 1, 9999),
	REQ("date", FT_DATE),
	CHOICE("status", 1, status_choices),
	OPT("evaluation", FT_DATE),
	{0}
};

static const char *const participants_keys[] = {
	"member", "name", "organisation", "role", NULL
};
static const struct builtin_field participants_fields[] = {
	OPT("member", FT_MEMBER),
	OPT("name", FT_TEXT),
	OPT("organisation", FT_TEXT),
	CHOICE("role", 0, participant_role_choices),
	{0}
};

static const char *const statements_keys[] = {
	"ref", "kind", "text", "source", "date", "about", "verified", "holder",
	"response", "confidential", NULL
};
static const struct builtin_field statements_fields[] = {
	REQ("ref", FT_REF),
	CHOICE("kind", 1, statement_kind_choices),
	REQ("text", FT_LINES),
	REQ_IF("source", FT_TEXT, "kind", "feit"),
	OPT("date", FT_DATE),
	OPT("about", FT_MEMBERS),
	OPT("verified", FT_BOOL),
	OPT("holder", FT_PERSON),
	OPT("response", FT_LINES),
	OPT("confidential", FT_BOOL),
	{0}
};

static const char *const top3_keys[] = {
	"rank", "title", "what", "impact", "evidence", "household_view",
	"agreement", "scores", "urgent", NULL
};
static const struct builtin_field top3_fields[] = {
	INT("rank", 1, 3),
	REQ("title", FT_TEXT),
	OPT("what", FT_LINES),
	OPT("impact", FT_LINES),
	REQ("evidence", FT_STATEMENTS),
	OPT("household_view", FT_LINES),
	CHOICE("agreement", 0, agreement_choices),
	OPT("scores", FT_SCORES),
	OPT("urgent", FT_BOOL),
	{0}
};

static const char *const analysis_keys[] = {"model", NULL};
static const struct builtin_field analysis_fields[] = {
	OPT("model", FT_MODEL),
	{0}
};

static const char *const factors_keys[] = {
	"ref", "category", "about", "text", NULL
};
static const struct builtin_field factors_fields[] = {
	REQ("ref", FT_REF),
	REQ("category", FT_CATEGORY),
	OPT("about", FT_SUBJECT),
	REQ("text", FT_LINES),
	{0}
};

static const char *const hypotheses_keys[] = {
	"ref", "text", "factors", "explains", "household_explanation", "status",
	"check", NULL
};
static const struct builtin_field hypotheses_fields[] = {
	REQ("ref", FT_REF),
	REQ("text", FT_LINES),
	OPT("factors", FT_FACTORS),
	OPT("explains", FT_RANKS),
	OPT("household_explanation", FT_LINES),
	CHOICE("status", 0, hypothesis_status_choices),
	OPT("check", FT_LINES),
	{0}
};

static const char *const plan_keys[] = {
	"ref", "concern", "phase", "kind", "text", "who", "due", "consequence",
	"done", NULL
};
static const struct builtin_field plan_fields[] = {
	REQ("ref", FT_REF),
	OPT("concern", FT_RANK),
	CHOICE("phase", 1, phase_choices),
	CHOICE("kind", 1, plan_kind_choices),
	REQ("text", FT_LINES),
	OPT("who", FT_PERSON),
	OPT("due", FT_DATE),
	REQ_IF("consequence", FT_LINES, "kind", "voorwaarde"),
	OPT("done", FT_BOOL),
	{0}
};

static const char *const reviews_keys[] = {
	"reviewer", "date", "decision", NULL
};
static const struct builtin_field reviews_fields[] = {
	REQ("reviewer", FT_TEXT),
	REQ("date", FT_DATE),
	CHOICE("decision", 0, decision_choices),
	{0}
};

static const char *const comments_keys[] = {
	"on", "text", "reply", "replied_by", "resolved", NULL
};
static const struct builtin_field comments_fields[] = {
	REQ("on", FT_TARGET),
	REQ("text", FT_LINES),
	OPT("reply", FT_LINES),
	OPT("replied_by", FT_TEXT),
	OPT("resolved", FT_BOOL),
	{0}
};

static const struct builtin_section builtin_sections[] = {
	{"household", household_keys, household_fields},
	{"members", members_keys, members_fields},
	{"sessions", sessions_keys, sessions_fields},
	{"participants", participants_keys, participants_fields},
	{"statements", statements_keys, statements_fields},
	{"top3", top3_keys, top3_fields},
	{"analysis", analysis_keys, analysis_fields},
	{"factors", factors_keys, factors_fields},
	{"hypotheses", hypotheses_keys, hypotheses_fields},
	{"plan", plan_keys, plan_fields},
	{"reviews", reviews_keys, reviews_fields},
	{"comments", comments_keys, comments_fields},
	{NULL, NULL, NULL}
};

static const struct builtin_section *builtin_section_get(const char *section)
{
	const struct builtin_section *b;
	size_t i;

	if (!section)
		return NULL;
	for (b = builtin_sections; b->section; b++) {
		if (strcmp(b->section, section) != 0)
			continue;
		for (i = 0; b->keys[i]; i++)
			assert(b->fields[i].key && !strcmp(b->keys[i], b->fields[i].key));
		assert(b->fields[i].key == NULL);
		return b;
	}
	return NULL;
}

/* The built-in keys of a section, NULL-terminated; NULL if unknown. */
const char *const *form_builtin_keys(const char *section)
{
	const struct builtin_section *b = builtin_section_get(section);

	return b ? b->keys : NULL;
}

/* ---------------------------------------------------------------------- */
/* Lookup                                                                  */

/* The first section with this key in any form (forms in stage order). */
const struct form_section *formset_section(const struct formset *fs,
                                           const char *key)
{
	size_t i, j;

	if (!fs || !key)
		return NULL;
	for (i = 0; i < fs->nforms; i++)
		for (j = 0; j < fs->forms[i].nsections; j++)
			if (str_eq(fs->forms[i].sections[j].key, key))
				return &fs->forms[i].sections[j];
	return NULL;
}

/* The field of a section with this key, or NULL. */
const struct form_field *form_section_field(const struct form_section *s,
                                            const char *key)
{
	size_t i;

	if (!s || !key)
		return NULL;
	for (i = 0; i < s->nfields; i++)
		if (str_eq(s->fields[i].key, key))
			return &s->fields[i];
	return NULL;
}

/* The model with this name, or NULL. */
const struct form_model *formset_model(const struct formset *fs,
                                       const char *name)
{
	size_t i;

	if (!fs || !name)
		return NULL;
	for (i = 0; i < fs->nmodels; i++)
		if (str_eq(fs->models[i].name, name))
			return &fs->models[i];
	return NULL;
}

/* The form of a stage, or NULL. */
const struct form *formset_stage(const struct formset *fs, int stage)
{
	size_t i;

	if (!fs || stage < 0)
		return NULL;
	for (i = 0; i < fs->nforms; i++)
		if (fs->forms[i].stage == stage)
			return &fs->forms[i];
	return NULL;
}

/* The choice of a field with this value, or NULL. */
const struct form_choice *form_field_choice(const struct form_field *f,
                                            const char *value)
{
	size_t i;

	if (!f || !value)
		return NULL;
	for (i = 0; i < f->nchoices; i++)
		if (str_eq(f->choices[i].value, value))
			return &f->choices[i];
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Freeing                                                                 */

static void choices_free(struct form_choice *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].value);
		free(v[i].label);
		free(v[i].help);
	}
	free(v);
}

static void field_free(struct form_field *f)
{
	free(f->key);
	free(f->label);
	free(f->help);
	free(f->required_if_key);
	free(f->required_if_value);
	free(f->author_field);
	choices_free(f->choices, f->nchoices);
	memset(f, 0, sizeof *f);
}

static void section_free(struct form_section *s)
{
	size_t i;

	for (i = 0; i < s->nfields; i++)
		field_free(&s->fields[i]);
	free(s->fields);
	free(s->key);
	free(s->label);
	free(s->item_label);
	free(s->help);
	memset(s, 0, sizeof *s);
}

static void form_free(struct form *f)
{
	size_t i;

	for (i = 0; i < f->nsections; i++)
		section_free(&f->sections[i]);
	free(f->sections);
	free(f->name);
	free(f->file);
	free(f->title);
	free(f->help);
	memset(f, 0, sizeof *f);
}

static void model_free(struct form_model *m)
{
	free(m->name);
	free(m->file);
	free(m->title);
	free(m->help);
	choices_free(m->categories, m->ncategories);
	memset(m, 0, sizeof *m);
}

/* Free everything fs owns and leave it empty; safe on an empty formset. */
void formset_free(struct formset *fs)
{
	size_t i;

	if (!fs)
		return;
	for (i = 0; i < fs->nforms; i++)
		form_free(&fs->forms[i]);
	for (i = 0; i < fs->nmodels; i++)
		model_free(&fs->models[i]);
	free(fs->forms);
	free(fs->models);
	free(fs->dir);
	memset(fs, 0, sizeof *fs);
}

/* ---------------------------------------------------------------------- */
/* The loader: reporting and reading scalar values                         */

struct pos {
	int line, col;
};

/* Where a form's name and stage stand, parallel to fs->forms until the
 * forms are sorted. */
struct form_src {
	struct pos name, stage;
};

/* While a section is read: the nodes of each kept field, parallel to
 * section->fields. */
struct field_src {
	const struct doc_node *node;      /* the field's mapping */
	const struct doc_node *type;      /* its type: value, or NULL */
	const struct doc_pair *rif;       /* the pair inside required_if */
	const struct doc_node *author;    /* the author: value, or NULL */
	int type_ok;                      /* type is present and known */
};

struct loader {
	struct formset *fs;
	struct diags *d;
	const char *file;                 /* the file being read */
	int problems;
	size_t forms_cap, models_cap;
	struct form_src *form_src;        /* parallel to fs->forms */
	size_t form_src_cap;
	struct pos *model_pos;            /* parallel to fs->models */
	size_t model_pos_cap;
};

static void report_at(struct loader *L, const char *file, int line, int col,
                      const char *fmt, ...) DUO_PRINTF(5, 6);
static void report(struct loader *L, int line, int col, const char *fmt, ...)
	DUO_PRINTF(4, 5);

/* Add one problem at file:line:col and count it. */
static void report_at(struct loader *L, const char *file, int line, int col,
                      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(L->d, file, line, col, fmt, ap);
	va_end(ap);
	L->problems++;
}

/* Add one problem at line:col of the file being read. */
static void report(struct loader *L, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(L->d, L->file, line, col, fmt, ap);
	va_end(ap);
	L->problems++;
}

/* What a node is, in words, for "verwacht ..., geen ..." messages. */
static const char *node_kind(const struct doc_node *n)
{
	switch (n->type) {
	case DOC_SEQ:
		return "lijst";
	case DOC_MAP:
		return "mapping";
	case DOC_SCALAR:
		break;
	}
	return "tekst";
}

/* "a, b, c" of a NULL-terminated list; caller frees. */
static char *join_names(const char *const *v)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; v[i]; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, v[i]);
	}
	sb_add(&sb, "");
	return sb_steal(&sb);
}

static char *join_types(void)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < NTYPES; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, type_names[i]);
	}
	return sb_steal(&sb);
}

static char *join_skeleton(void)
{
	struct strbuf sb = {0};
	const struct skeleton_entry *e;

	for (e = form_skeleton; e->key; e++) {
		if (e != form_skeleton)
			sb_add(&sb, ", ");
		sb_add(&sb, e->key);
	}
	return sb_steal(&sb);
}

static char *join_choices(const struct form_choice *v, size_t n)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, v[i].value);
	}
	sb_add(&sb, "");
	return sb_steal(&sb);
}

static int in_list(const char *const *v, const char *s)
{
	size_t i;

	for (i = 0; v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* Report every key of map that is not in allowed; what names the level
 * ("formulier", "sectie", ...). */
static void check_keys(struct loader *L, const struct doc_node *map,
                       const char *const *allowed, const char *what)
{
	size_t i;

	for (i = 0; i < map->len; i++) {
		const struct doc_pair *p = &map->pair[i];
		char *list;

		if (in_list(allowed, p->key))
			continue;
		list = join_names(allowed);
		report(L, p->line, p->col,
		       "onbekende sleutel '%s' in %s (toegestaan: %s)", p->key, what,
		       list);
		free(list);
	}
}

/* 1 if s is a name: a lowercase letter or digit, then letters, digits,
 * '-' or '_'. Field keys, form, model and choice names are names. */
static int is_name(const char *s)
{
	size_t i;

	if (!s || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/* 1 if a scalar holds no text: YAML null, "" or only white space. */
static int scalar_blank(const struct doc_node *v)
{
	const char *s;

	if (doc_is_null(v))
		return 1;
	for (s = v->text; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/*
 * The text of map[key] as an owned string, or NULL. need: report a missing
 * or blank value ("<owner> mist '<key>'" at the mapping, "... is leeg" at
 * the value). A value that is not a scalar is always reported.
 */
static char *take_text(struct loader *L, const struct doc_node *map,
                       const char *key, int need, const char *owner)
{
	const struct doc_node *v = doc_map_get(map, key);

	if (!v) {
		if (need)
			report(L, map->line, map->col, "%s mist '%s'", owner, key);
		return NULL;
	}
	if (v->type != DOC_SCALAR) {
		report(L, v->line, v->col, "'%s' verwacht tekst, geen %s", key,
		       node_kind(v));
		return NULL;
	}
	if (scalar_blank(v)) {
		if (need)
			report(L, v->line, v->col, "'%s' van %s is leeg", key, owner);
		return NULL;
	}
	return xstrdup(v->text);
}

/* Like take_text for a name (see is_name). */
static char *take_name(struct loader *L, const struct doc_node *map,
                       const char *key, const char *owner)
{
	char *s = take_text(L, map, key, 1, owner);

	if (s && !is_name(s)) {
		const struct doc_node *v = doc_map_get(map, key);

		report(L, v->line, v->col,
		       "'%s' is geen geldige naam: gebruik kleine letters, cijfers, "
		       "- en _", s);
		free(s);
		return NULL;
	}
	return s;
}

/* A plain true/false at map[key] into *out; absent leaves *out. Returns
 * 0, or -1 after reporting a value of another kind. */
static int take_bool(struct loader *L, const struct doc_node *map,
                     const char *key, int *out)
{
	const struct doc_node *v = doc_map_get(map, key);

	if (!v)
		return 0;
	if (v->type == DOC_SCALAR && v->style == DOC_PLAIN) {
		if (strcmp(v->text, "true") == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(v->text, "false") == 0) {
			*out = 0;
			return 0;
		}
	}
	if (v->type == DOC_SCALAR)
		report(L, v->line, v->col, "'%s' verwacht true of false, niet '%s'",
		       key, v->text);
	else
		report(L, v->line, v->col, "'%s' verwacht true of false, geen %s",
		       key, node_kind(v));
	return -1;
}

/* A whole number lo..hi at map[key] into *out. Returns 1 when present and
 * valid, 0 when absent, -1 after reporting a bad value. */
static int take_long(struct loader *L, const struct doc_node *map,
                     const char *key, long lo, long hi, long *out)
{
	const struct doc_node *v = doc_map_get(map, key);
	char *end;
	long n;

	if (!v)
		return 0;
	if (v->type != DOC_SCALAR) {
		report(L, v->line, v->col, "'%s' verwacht een geheel getal, geen %s",
		       key, node_kind(v));
		return -1;
	}
	errno = 0;
	n = strtol(v->text, &end, 10);
	if (v->style != DOC_PLAIN || end == v->text || *end || errno ||
	    n < lo || n > hi) {
		report(L, v->line, v->col,
		       "'%s' verwacht een geheel getal van %ld tot en met %ld, "
		       "niet '%s'", key, lo, hi, v->text);
		return -1;
	}
	*out = n;
	return 1;
}

/* The sequence at map[key], or NULL; a value of another kind is reported. */
static const struct doc_node *take_seq(struct loader *L,
                                       const struct doc_node *map,
                                       const char *key)
{
	const struct doc_node *v = doc_map_get(map, key);

	if (!v || v->type == DOC_SEQ)
		return v;
	if (v->type == DOC_SCALAR && doc_is_null(v))
		return NULL;
	report(L, v->line, v->col, "'%s' verwacht een lijst, geen %s", key,
	       node_kind(v));
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Choices and model categories                                            */

/*
 * Read a list of {value, label, help} into *out / *n. what names one item
 * ("keuze", "categorie"). Items with problems are reported and left out;
 * a value given twice is reported at the second.
 */
static void parse_choices(struct loader *L, const struct doc_node *seq,
                          const char *what, struct form_choice **out,
                          size_t *n)
{
	static const char *const keys[] = {"value", "label", "help", NULL};
	struct pos *seen = NULL;   /* where each kept value stands */
	size_t cap = 0, seen_cap = 0, i, j;

	*out = NULL;
	*n = 0;
	for (i = 0; i < seq->len; i++) {
		const struct doc_node *it = seq->item[i];
		const struct doc_node *vn;
		struct form_choice c = {0};
		int dup = 0;

		if (it->type != DOC_MAP) {
			report(L, it->line, it->col,
			       "%s verwacht een mapping met value en label, geen %s",
			       what, node_kind(it));
			continue;
		}
		check_keys(L, it, keys, what);
		c.value = take_name(L, it, "value", what);
		c.label = take_text(L, it, "label", 1, what);
		c.help = take_text(L, it, "help", 0, what);
		vn = doc_map_get(it, "value");
		for (j = 0; c.value && j < *n; j++) {
			if (strcmp((*out)[j].value, c.value) == 0) {
				report(L, vn->line, vn->col,
				       "%s '%s' staat al op regel %d", what, c.value,
				       seen[j].line);
				dup = 1;
				break;
			}
		}
		if (!c.value || !c.label || dup) {
			free(c.value);
			free(c.label);
			free(c.help);
			continue;
		}
		xgrow(out, &cap, *n + 1, sizeof **out);
		xgrow(&seen, &seen_cap, *n + 1, sizeof *seen);
		seen[*n].line = vn->line;
		seen[*n].col = vn->col;
		(*out)[(*n)++] = c;
	}
	free(seen);
}

/* ---------------------------------------------------------------------- */
/* Fields                                                                  */

/* Read min and max of a field, with the rules of its type. */
static void parse_bounds(struct loader *L, const struct doc_node *n,
                         struct form_field *f, int type_ok)
{
	const struct doc_node *minv = doc_map_get(n, "min");
	const struct doc_node *maxv = doc_map_get(n, "max");
	long lo = 0, hi = 0;
	int has_lo, has_hi;

	has_lo = take_long(L, n, "min", LONG_MIN, LONG_MAX, &lo);
	has_hi = take_long(L, n, "max", LONG_MIN, LONG_MAX, &hi);
	if (!type_ok)
		return;
	if (f->type == FT_INT) {
		if (has_lo == 1 && has_hi == 1 && lo > hi) {
			report(L, minv->line, minv->col,
			       "min (%ld) is groter dan max (%ld)", lo, hi);
			return;
		}
		if (has_lo == 1 || has_hi == 1) {
			/* validate.c reads min == max == 0 as "no bounds" */
			f->min = has_lo == 1 ? lo : LONG_MIN;
			f->max = has_hi == 1 ? hi : LONG_MAX;
		}
		return;
	}
	if (f->type == FT_TEXT || f->type == FT_LINES) {
		if (minv)
			report(L, minv->line, minv->col,
			       "min hoort niet bij type %s (alleen bij int)",
			       field_type_name(f->type));
		if (has_hi == 1 && hi < 0)
			report(L, maxv->line, maxv->col,
			       "max is een lengte in bytes en mag niet negatief zijn");
		else if (has_hi == 1)
			f->max = hi;
		return;
	}
	if (minv)
		report(L, minv->line, minv->col,
		       "min hoort niet bij type %s (alleen bij int)",
		       field_type_name(f->type));
	if (maxv)
		report(L, maxv->line, maxv->col,
		       "max hoort niet bij type %s (alleen bij int, text en lines)",
		       field_type_name(f->type));
}

/* Read the required_if mapping of a field: exactly one other field and
 * one value. Whether that field exists is checked per section. */
static void parse_required_if(struct loader *L, const struct doc_node *n,
                              struct form_field *f, struct field_src *src)
{
	const struct doc_node *v = doc_map_get(n, "required_if");
	const struct doc_pair *p;

	if (!v)
		return;
	if (v->type != DOC_MAP || v->len != 1) {
		report(L, v->line, v->col,
		       "required_if verwacht één veld met één waarde, zoals "
		       "{kind: feit}");
		return;
	}
	p = &v->pair[0];
	if (p->value->type != DOC_SCALAR || scalar_blank(p->value)) {
		report(L, p->value->line, p->value->col,
		       "required_if verwacht één waarde bij '%s'", p->key);
		return;
	}
	if (f->required) {
		report(L, p->line, p->col,
		       "gebruik required of required_if, niet allebei");
		return;
	}
	f->required_if_key = xstrdup(p->key);
	f->required_if_value = xstrdup(p->value->text);
	src->rif = p;
}

/*
 * author: whose words a text field holds: duo, huishouden, or the key of a
 * person or member field of the same section (checked in check_author once
 * every field is read). Only text and lines fields hold words.
 */
static void parse_author(struct loader *L, const struct doc_node *n,
                         struct form_field *f, struct field_src *src)
{
	const struct doc_node *v = doc_map_get(n, "author");
	char *a;

	if (!v)
		return;
	a = take_text(L, n, "author", 1, "veld");
	if (!a)
		return;
	if (src->type_ok && f->type != FT_TEXT && f->type != FT_LINES)
		report(L, v->line, v->col,
		       "author hoort alleen bij type text of lines, niet bij %s",
		       field_type_name(f->type));
	else if (strcmp(a, "duo") == 0)
		f->author = FA_DUO;
	else if (strcmp(a, "huishouden") == 0)
		f->author = FA_HOUSEHOLD;
	else if (is_name(a)) {
		f->author = FA_FIELD;
		f->author_field = a;
		src->author = v;
		return;
	} else
		report(L, v->line, v->col,
		       "author is duo, huishouden of de key van een persoonsveld, "
		       "niet '%s'", a);
	free(a);
}

/*
 * Read one field mapping into f. Returns 0 when f is kept (it has a
 * valid key; other problems are reported and f is filled as far as
 * possible), -1 when it is left out (f is then freed).
 */
static int parse_field(struct loader *L, const struct doc_node *n,
                       struct form_field *f, struct field_src *src)
{
	static const char *const keys[] = {
		"key", "label", "help", "type", "required", "required_if",
		"choices", "min", "max", "household", "author", NULL
	};
	const struct doc_node *choices;
	char *owner, *type;

	memset(f, 0, sizeof *f);
	memset(src, 0, sizeof *src);
	if (n->type != DOC_MAP) {
		report(L, n->line, n->col,
		       "veld verwacht een mapping met key, label en type, geen %s",
		       node_kind(n));
		return -1;
	}
	src->node = n;
	f->line = n->line;
	f->col = n->col;
	check_keys(L, n, keys, "veld");
	f->key = take_name(L, n, "key", "veld");
	owner = f->key ? xasprintf("veld '%s'", f->key) : xstrdup("veld");
	f->label = take_text(L, n, "label", 1, owner);
	f->help = take_text(L, n, "help", 0, owner);

	type = take_text(L, n, "type", 1, owner);
	if (type) {
		src->type = doc_map_get(n, "type");
		if (field_type_parse(type, &f->type) == 0) {
			src->type_ok = 1;
		} else {
			char *list = join_types();

			report(L, src->type->line, src->type->col,
			       "onbekend type '%s' (kan zijn: %s)", type, list);
			free(list);
		}
		free(type);
	}

	take_bool(L, n, "required", &f->required);
	take_bool(L, n, "household", &f->household);
	parse_required_if(L, n, f, src);
	parse_bounds(L, n, f, src->type_ok);
	parse_author(L, n, f, src);

	choices = doc_map_get(n, "choices");
	if (choices && src->type_ok && f->type != FT_CHOICE) {
		report(L, choices->line, choices->col,
		       "choices hoort alleen bij type choice, niet bij %s",
		       field_type_name(f->type));
	} else if (choices) {
		const struct doc_node *seq = take_seq(L, n, "choices");

		if (seq)
			parse_choices(L, seq, "keuze", &f->choices, &f->nchoices);
	}
	if (src->type_ok && f->type == FT_CHOICE &&
	    (!choices || doc_is_null(choices) ||
	     (choices->type == DOC_SEQ && choices->len == 0)))
		report(L, n->line, n->col, "%s heeft type choice maar geen choices",
		       owner);
	free(owner);

	if (!f->key) {
		field_free(f);
		return -1;
	}
	if (!f->label)
		f->label = xstrdup(f->key);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Sections                                                                */

/* Check required_if of every field against the other fields. */
static void check_required_if(struct loader *L, const struct form_section *s,
                              const struct field_src *src)
{
	size_t i;

	for (i = 0; i < s->nfields; i++) {
		const struct form_field *f = &s->fields[i];
		const struct form_field *t;
		const struct doc_pair *p = src[i].rif;

		if (!p)
			continue;
		t = form_section_field(s, f->required_if_key);
		if (!t) {
			report(L, p->line, p->col,
			       "required_if noemt onbekend veld '%s' in sectie '%s'",
			       f->required_if_key, s->key);
			continue;
		}
		if (t == f) {
			report(L, p->line, p->col,
			       "required_if van veld '%s' noemt het veld zelf", f->key);
			continue;
		}
		if (t->type == FT_CHOICE && t->nchoices > 0 &&
		    !form_field_choice(t, f->required_if_value)) {
			char *list = join_choices(t->choices, t->nchoices);
			report(L, p->value->line, p->value->col,
			       "'%s' is geen keuze van veld '%s' (kan zijn: %s)",
			       f->required_if_value, t->key, list);
			free(list);
		} else if (t->type == FT_BOOL &&
		           !str_eq(f->required_if_value, "true") &&
		           !str_eq(f->required_if_value, "false")) {
			report(L, p->value->line, p->value->col,
			       "veld '%s' is true of false, niet '%s'", t->key,
			       f->required_if_value);
		}
	}
}

/* Check that every author: FIELD names a person or member field of the
 * same section; a wrong one is reported and dropped (FA_NONE). */
static void check_author(struct loader *L, struct form_section *s,
                         const struct field_src *src)
{
	size_t i;

	for (i = 0; i < s->nfields; i++) {
		struct form_field *f = &s->fields[i];
		const struct form_field *t;
		const struct doc_node *v = src[i].author;

		if (f->author != FA_FIELD)
			continue;
		t = form_section_field(s, f->author_field);
		if (!t)
			report(L, v->line, v->col,
			       "author noemt onbekend veld '%s' in sectie '%s' (of "
			       "bedoel je duo of huishouden?)", f->author_field, s->key);
		else if (t->type != FT_PERSON && t->type != FT_MEMBER)
			report(L, v->line, v->col,
			       "author noemt veld '%s' van type %s; dat moet een "
			       "person- of member-veld zijn", t->key,
			       field_type_name(t->type));
		else
			continue;
		f->author = FA_NONE;
		free(f->author_field);
		f->author_field = NULL;
	}
}

/* Check one built-in field against what the store needs of it. */
static void check_builtin_field(struct loader *L, const char *section,
                                const struct builtin_field *b,
                                const struct form_field *f,
                                const struct field_src *src)
{
	size_t i;

	if (f->type != b->type) {
		report(L, src->type->line, src->type->col,
		       "ingebouwd veld '%s' van sectie '%s' moet type %s hebben, "
		       "niet %s", b->key, section, field_type_name(b->type),
		       field_type_name(f->type));
		return;
	}
	if (b->required && !f->required)
		report(L, f->line, f->col,
		       "ingebouwd veld '%s' van sectie '%s' moet required: true "
		       "hebben", b->key, section);
	if (b->if_key && !f->required &&
	    !(str_eq(f->required_if_key, b->if_key) &&
	      str_eq(f->required_if_value, b->if_value)))
		report(L, f->line, f->col,
		       "ingebouwd veld '%s' van sectie '%s' moet required_if: "
		       "{%s: %s} hebben", b->key, section, b->if_key, b->if_value);
	if (b->type == FT_INT && (f->min != b->min || f->max != b->max))
		report(L, f->line, f->col,
		       "ingebouwd veld '%s' van sectie '%s' moet min %ld en max %ld "
		       "hebben", b->key, section, b->min, b->max);
	for (i = 0; b->choices && b->choices[i]; i++)
		if (f->nchoices > 0 && !form_field_choice(f, b->choices[i]))
			report(L, f->line, f->col,
			       "ingebouwd veld '%s' van sectie '%s' mist de keuze '%s'",
			       b->key, section, b->choices[i]);
}

/* Mark the built-in fields of a section and report missing or wrong ones. */
static void check_builtins(struct loader *L, struct form_section *s,
                           const struct field_src *src)
{
	const struct builtin_section *bs = builtin_section_get(s->key);
	const struct builtin_field *b;
	size_t i;

	if (!bs)
		return;
	for (b = bs->fields; b->key; b++) {
		for (i = 0; i < s->nfields; i++)
			if (strcmp(s->fields[i].key, b->key) == 0)
				break;
		if (i == s->nfields) {
			report(L, s->line, s->col,
			       "sectie '%s' mist het ingebouwde veld '%s' (type %s)",
			       s->key, b->key, field_type_name(b->type));
			continue;
		}
		s->fields[i].builtin = 1;
		if (src[i].type_ok)
			check_builtin_field(L, s->key, b, &s->fields[i], &src[i]);
	}
}

/* A section the household never sees (form_skeleton: internal) may not
 * mark a field household: true; the form would promise what the filter
 * (audience.c) never does. */
static void check_household(struct loader *L, const struct form_section *s,
                            const struct field_src *src)
{
	const struct skeleton_entry *e = form_skeleton_get(s->key);

	for (size_t i = 0; e && e->internal && i < s->nfields; i++) {
		const struct doc_pair *p;

		if (!s->fields[i].household)
			continue;
		p = doc_map_pair(src[i].node, "household");
		report(L, p->line, p->col,
		       "veld '%s' van sectie '%s' kan niet household: true zijn: "
		       "het huishouden ziet deze sectie nooit", s->fields[i].key,
		       s->key);
	}
}

/* Read the fields of a section, leaving out fields without a key and
 * fields whose key was already used. */
static void parse_fields(struct loader *L, const struct doc_node *seq,
                         struct form_section *s, struct field_src **srcp)
{
	struct field_src *src = NULL;
	size_t cap = 0, src_cap = 0, i;

	for (i = 0; i < seq->len; i++) {
		struct form_field f;
		struct field_src fsrc;
		const struct form_field *old;

		if (parse_field(L, seq->item[i], &f, &fsrc) != 0)
			continue;
		old = form_section_field(s, f.key);
		if (old) {
			const struct doc_node *k = doc_map_get(fsrc.node, "key");

			report(L, k->line, k->col,
			       "veld '%s' staat al in sectie '%s' op regel %d", f.key,
			       s->key ? s->key : "?", old->line);
			field_free(&f);
			continue;
		}
		xgrow(&s->fields, &cap, s->nfields + 1, sizeof *s->fields);
		xgrow(&src, &src_cap, s->nfields + 1, sizeof *src);
		src[s->nfields] = fsrc;
		s->fields[s->nfields++] = f;
	}
	*srcp = src;
}

/*
 * Read one section mapping into s. Returns 0 when it is kept, -1 when it
 * is left out (no key, or a key that is not in form_skeleton); s is then
 * freed.
 */
static int parse_section(struct loader *L, const struct doc_node *n,
                         struct form_section *s)
{
	static const char *const keys[] = {
		"key", "label", "item_label", "help", "max_items", "fields", NULL
	};
	const struct doc_node *fields, *kv;
	struct field_src *src = NULL;
	char *owner;
	long max_items = 0;
	int known = 0, has_max;

	memset(s, 0, sizeof *s);
	if (n->type != DOC_MAP) {
		report(L, n->line, n->col,
		       "sectie verwacht een mapping met key, label en fields, "
		       "geen %s", node_kind(n));
		return -1;
	}
	s->line = n->line;
	s->col = n->col;
	check_keys(L, n, keys, "sectie");
	s->key = take_text(L, n, "key", 1, "sectie");
	kv = doc_map_get(n, "key");
	if (s->key && form_skeleton_get(s->key)) {
		known = 1;
	} else if (s->key) {
		char *list = join_skeleton();

		report(L, kv->line, kv->col, "onbekende sectie '%s' (kan zijn: %s)",
		       s->key, list);
		free(list);
	}
	owner = s->key ? xasprintf("sectie '%s'", s->key) : xstrdup("sectie");
	s->label = take_text(L, n, "label", 1, owner);
	s->item_label = take_text(L, n, "item_label", 0, owner);
	s->help = take_text(L, n, "help", 0, owner);
	if (!s->help)
		s->help = xstrdup("");

	has_max = take_long(L, n, "max_items", 0, INT_MAX, &max_items);
	if (str_eq(s->key, "top3")) {
		if (has_max == 0)
			max_items = 3;
		else if (has_max == 1 && (max_items < 1 || max_items > 3)) {
			kv = doc_map_get(n, "max_items");
			report(L, kv->line, kv->col,
			       "de TOP-3 heeft hoogstens 3 zorgen: zet max_items op 1, "
			       "2 of 3");
		}
	}
	s->max_items = (int)max_items;

	fields = take_seq(L, n, "fields");
	kv = doc_map_get(n, "fields");
	if (!kv)
		report(L, n->line, n->col, "%s mist 'fields'", owner);
	else if (doc_is_null(kv) || (fields && fields->len == 0))
		report(L, kv->line, kv->col, "%s heeft geen velden", owner);
	if (fields)
		parse_fields(L, fields, s, &src);
	free(owner);

	if (!known) {
		free(src);
		section_free(s);
		return -1;
	}
	if (!s->label)
		s->label = xstrdup(s->key);
	check_required_if(L, s, src);
	check_author(L, s, src);
	check_builtins(L, s, src);
	check_household(L, s, src);
	free(src);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Form and model files                                                    */

/* Read a form file (a mapping with form:) and add it to the set. */
static void load_form(struct loader *L, const struct doc_node *root)
{
	static const char *const keys[] = {
		"form", "stage", "title", "help", "sections", NULL
	};
	struct formset *fs = L->fs;
	struct form f = {0};
	struct form_src fsrc = {{0, 0}, {0, 0}};
	const struct doc_node *v, *seq;
	size_t cap = 0, i;
	long stage = -1;

	check_keys(L, root, keys, "formulier");
	f.file = xstrdup(L->file);
	f.name = take_name(L, root, "form", "formulier");
	if (!f.name)
		f.name = xstrdup("");
	if ((v = doc_map_get(root, "form")) != NULL)
		fsrc.name = (struct pos){v->line, v->col};
	if (take_long(L, root, "stage", 0, 6, &stage) == 1) {
		v = doc_map_get(root, "stage");
		fsrc.stage = (struct pos){v->line, v->col};
	}
	f.stage = (int)stage;
	f.title = take_text(L, root, "title", 1, "formulier");
	if (!f.title)
		f.title = xstrdup(f.name);
	f.help = take_text(L, root, "help", 0, "formulier");
	if (!f.help)
		f.help = xstrdup("");

	seq = take_seq(L, root, "sections");
	if (!seq || seq->len == 0) {
		v = doc_map_get(root, "sections");
		if (!v)
			report(L, root->line, root->col, "formulier mist 'sections'");
		else if (seq)
			report(L, v->line, v->col, "formulier heeft geen secties");
	}
	for (i = 0; seq && i < seq->len; i++) {
		struct form_section s;

		if (parse_section(L, seq->item[i], &s) != 0)
			continue;
		xgrow(&f.sections, &cap, f.nsections + 1, sizeof *f.sections);
		f.sections[f.nsections++] = s;
	}

	xgrow(&fs->forms, &L->forms_cap, fs->nforms + 1, sizeof *fs->forms);
	xgrow(&L->form_src, &L->form_src_cap, fs->nforms + 1, sizeof *L->form_src);
	L->form_src[fs->nforms] = fsrc;
	fs->forms[fs->nforms++] = f;
}

/* Read a model file (a mapping with model:) and add it to the set. */
static void load_model(struct loader *L, const struct doc_node *root)
{
	static const char *const keys[] = {
		"model", "title", "help", "categories", NULL
	};
	struct formset *fs = L->fs;
	struct form_model m = {0};
	struct pos at = {0, 0};
	const struct doc_node *v, *seq;

	check_keys(L, root, keys, "model");
	m.file = xstrdup(L->file);
	m.name = take_name(L, root, "model", "model");
	if (!m.name)
		m.name = xstrdup("");
	if ((v = doc_map_get(root, "model")) != NULL)
		at = (struct pos){v->line, v->col};
	m.title = take_text(L, root, "title", 1, "model");
	if (!m.title)
		m.title = xstrdup(m.name);
	m.help = take_text(L, root, "help", 0, "model");
	if (!m.help)
		m.help = xstrdup("");
	seq = take_seq(L, root, "categories");
	if (seq)
		parse_choices(L, seq, "categorie", &m.categories, &m.ncategories);
	if (m.ncategories == 0 && !(seq && seq->len > 0)) {
		v = doc_map_get(root, "categories");
		if (!v)
			v = root;
		report(L, v->line, v->col, "model '%s' heeft geen categorieën",
		       m.name);
	}

	xgrow(&fs->models, &L->models_cap, fs->nmodels + 1, sizeof *fs->models);
	xgrow(&L->model_pos, &L->model_pos_cap, fs->nmodels + 1,
	      sizeof *L->model_pos);
	L->model_pos[fs->nmodels] = at;
	fs->models[fs->nmodels++] = m;
}

/* Load one file: a form, a model, or a problem. */
static void load_file(struct loader *L, const char *path)
{
	struct doc_limits lim = doc_limits_default();
	struct doc_node *root;
	size_t before = L->d->n;

	L->file = path;
	root = doc_load_file(path, &lim, L->d);
	if (!root) {
		/* doc.c reported why; make sure it counts even if it did not */
		if (L->d->n == before)
			report(L, 0, 0, "kan het bestand niet lezen");
		else
			L->problems++;
		return;
	}
	if (root->type != DOC_MAP)
		report(L, root->line, root->col,
		       "verwacht een mapping die begint met form: of model:, "
		       "geen %s", node_kind(root));
	else if (doc_map_get(root, "form"))
		load_form(L, root);
	else if (doc_map_get(root, "model"))
		load_model(L, root);
	else
		report(L, root->line, root->col,
		       "geen formulier (form:) en geen model (model:)");
	doc_free(root);
	L->file = NULL;
}

/* ---------------------------------------------------------------------- */
/* Checks across files                                                     */

/* Two forms with one name, two forms for one stage, two models with one
 * name: each reported at the later one, naming the earlier. */
static void check_names(struct loader *L)
{
	const struct formset *fs = L->fs;
	size_t i, j;

	for (i = 0; i < fs->nforms; i++) {
		const struct form *a = &fs->forms[i];
		const struct form_src *as = &L->form_src[i];

		for (j = 0; j < i; j++) {
			const struct form *b = &fs->forms[j];
			const struct form_src *bs = &L->form_src[j];

			if (*a->name && strcmp(a->name, b->name) == 0)
				report_at(L, a->file, as->name.line, as->name.col,
				          "formulier '%s' staat ook in %s:%d:%d", a->name,
				          b->file, bs->name.line, bs->name.col);
			if (a->stage >= 0 && a->stage == b->stage)
				report_at(L, a->file, as->stage.line, as->stage.col,
				          "stage %d hoort ook bij formulier '%s' (%s:%d:%d)",
				          a->stage, b->name, b->file, bs->stage.line,
				          bs->stage.col);
		}
	}
	for (i = 0; i < fs->nmodels; i++)
		for (j = 0; j < i; j++)
			if (*fs->models[i].name &&
			    strcmp(fs->models[i].name, fs->models[j].name) == 0)
				report_at(L, fs->models[i].file, L->model_pos[i].line,
				          L->model_pos[i].col,
				          "model '%s' staat ook in %s:%d:%d",
				          fs->models[i].name, fs->models[j].file,
				          L->model_pos[j].line, L->model_pos[j].col);
}

/* Every skeleton section defined exactly once, over all forms. */
static void check_sections(struct loader *L, const char *dir)
{
	const struct formset *fs = L->fs;
	const struct skeleton_entry *e;
	size_t i, j, fi, si;

	for (e = form_skeleton; e->key; e++) {
		int found = 0;
		const struct form *first = NULL;
		const struct form_section *fsec = NULL;

		for (fi = 0; fi < fs->nforms; fi++) {
			const struct form *f = &fs->forms[fi];

			for (si = 0; si < f->nsections; si++) {
				const struct form_section *s = &f->sections[si];

				if (strcmp(s->key, e->key) != 0)
					continue;
				if (!found) {
					found = 1;
					first = f;
					fsec = s;
					continue;
				}
				report_at(L, f->file, s->line, s->col,
				          "sectie '%s' staat ook in %s:%d:%d", e->key,
				          first->file, fsec->line, fsec->col);
			}
		}
		if (!found)
			report_at(L, dir, 0, 0, "geen formulier definieert sectie '%s'",
			          e->key);
	}
	if (fs->nmodels > 0)
		return;
	for (i = 0; i < fs->nforms; i++)
		for (j = 0; j < fs->forms[i].nsections; j++) {
			const struct form_section *s = &fs->forms[i].sections[j];

			for (si = 0; si < s->nfields; si++)
				if (s->fields[si].type == FT_CATEGORY)
					report_at(L, fs->forms[i].file, s->fields[si].line,
					          s->fields[si].col,
					          "veld '%s' heeft type category, maar %s "
					          "bevat geen model (model:)",
					          s->fields[si].key, dir);
		}
}

static int form_cmp(const void *a, const void *b)
{
	const struct form *x = a, *y = b;

	int c;

	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->file, y->file);
}

static int str_cmp(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

/* The *.yaml names in dir, sorted; NULL (after a diagnostic) when dir
 * cannot be read. Caller frees each name and the array. */
static char **list_yaml(struct loader *L, const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	const struct dirent *de;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (!dp) {
		report_at(L, dir, 0, 0, "kan de map met formulieren niet openen: %s",
		          strerror(errno));
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		xgrow(&names, &cap, *n + 1, sizeof *names);
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n > 1)
		qsort(names, *n, sizeof *names, str_cmp);
	return names;
}

/* Load and check every form and model file of dir; see form.h. */
int formset_load(struct formset *fs, const char *dir, struct diags *d)
{
	struct loader L;
	char **names;
	size_t n = 0, i, j;
	size_t dlen = strlen(dir);

	memset(fs, 0, sizeof *fs);
	memset(&L, 0, sizeof L);
	L.fs = fs;
	L.d = d;
	fs->dir = xstrdup(dir);

	names = list_yaml(&L, dir, &n);
	if (!names && L.problems)
		return -1;
	for (i = 0; i < n; i++) {
		char *path = dlen && dir[dlen - 1] == '/'
		             ? xasprintf("%s%s", dir, names[i])
		             : xasprintf("%s/%s", dir, names[i]);

		load_file(&L, path);
		free(path);
		free(names[i]);
	}
	free(names);

	if (n == 0) {
		report_at(&L, dir, 0, 0, "%s bevat geen formulieren (*.yaml)", dir);
	} else {
		check_names(&L);
		check_sections(&L, dir);
	}
	free(L.form_src);
	free(L.model_pos);

	/* fs->forms stops moving here: sort, then point sections at forms */
	if (fs->nforms > 1)
		qsort(fs->forms, fs->nforms, sizeof *fs->forms, form_cmp);
	for (i = 0; i < fs->nforms; i++)
		for (j = 0; j < fs->forms[i].nsections; j++)
			fs->forms[i].sections[j].form = &fs->forms[i];
	return L.problems ? -1 : 0;
}
