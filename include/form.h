/*
 * form.h - the forms the duo walks through, loaded from the YAML files in forms/.
 *
 * A form file describes one stage of a session (or the team lead's review)
 * as sections; a section is one kind of item of duo-case/1 (members,
 * statements, top3, ...) and lists its fields in display and export order:
 * key, Dutch label and help, type, required, choices and limits. A model
 * file (e.g. forms/model-4p.yaml) describes the factor categories of one
 * explanatory model.
 *
 * The nesting of sections is the duo-case/1 format and is fixed here, in
 * form_skeleton; the fields of each section are data. A field whose key the
 * store has no column for is kept as an extra field: stored, exported and
 * imported like any other, with no change to C.
 *
 * Form file syntax (see forms/README.md for the full description):
 *
 *   form: feiten
 *   stage: 1
 *   title: Feiten, zorgen en meningen
 *   help: ...
 *   sections:
 *     - key: statements
 *       label: Feiten, zorgen en meningen
 *       item_label: Uitspraak
 *       max_items: 0              # 0 or absent: no limit
 *       help: ...
 *       fields:
 *         - key: kind
 *           label: Soort
 *           type: choice
 *           required: true
 *           choices:
 *             - {value: feit, label: Feit, help: ...}
 *           household: true      # the household may see it; absent:
 *                                  # hidden from the household
 *         - key: source
 *           label: Bron
 *           type: text
 *           required_if: {kind: feit}
 *
 *   model: 4p                      # a model file instead of a form file
 *   title: 4P-model
 *   categories:
 *     - {value: predisponerend, label: Predisponerend, help: ...}
 */
#ifndef DUO_FORM_H
#define DUO_FORM_H

#include <stddef.h>

#include "util.h"

enum field_type {
	FT_TEXT,       /* one line of text */
	FT_LINES,      /* multi-line text */
	FT_CHOICE,     /* one of choices[].value */
	FT_DATE,       /* YYYY-MM-DD, a real calendar day */
	FT_YEAR_OR_DATE, /* a year (1900..2100) or a date */
	FT_BOOL,       /* true | false */
	FT_INT,        /* whole number within min..max */
	FT_SCORE,      /* whole number 0..10 */
	FT_SCORES,     /* mapping person -> score 0..10 ({duo: 3, anouk: 6}) */
	FT_ID,         /* UUID; made when absent */
	FT_REF,        /* short name unique within its list */
	FT_MEMBER,     /* a member ref */
	FT_MEMBERS,    /* list of member refs */
	FT_SUBJECT,    /* a member ref, or gezin, or omgeving */
	FT_PERSON,     /* a member ref, a participant name, duo, or a named person */
	FT_STATEMENTS, /* list of statement refs */
	FT_FACTORS,    /* list of factor refs */
	FT_RANK,       /* a top-3 rank 1..3 that exists in the session */
	FT_RANKS,      /* list of such ranks */
	FT_TARGET,     /* what a review comment is on: a section, statement
	                  ref, top3/RANK, hypothesis ref or plan ref */
	FT_MODEL,      /* the name of a model file (4p) */
	FT_CATEGORY    /* a category of the session's model */
};

/* The name of a type as written in a form: "text", "lines", ... */
const char *field_type_name(enum field_type t);
/* 0 and *out set for a known name; -1 (and *out untouched) otherwise. */
int field_type_parse(const char *name, enum field_type *out);
/* 1 for the types whose value is a YAML sequence (MEMBERS, STATEMENTS,
 * FACTORS, RANKS), 0 otherwise. FT_SCORES is a mapping. */
int field_type_is_list(enum field_type t);

struct form_choice {
	char *value;   /* what is stored and exported */
	char *label;   /* Dutch, shown */
	char *help;    /* may be NULL */
};

/*
 * Whose words a text field holds: the form's `author:` key. The
 * plain-language check (plaintext.h) reads the duo's own text and leaves
 * the household's own words alone: those are quoted as they were said.
 */
enum field_author {
	FA_NONE,       /* absent: not running text (a name, a source) */
	FA_DUO,        /* author: duo - the duo writes it */
	FA_HOUSEHOLD,  /* author: huishouden - the household's own words */
	FA_FIELD       /* author: FIELD - whoever that person or member field
	                  of the item names: a household member's words are the
	                  household's, anyone else's are the duo's text */
};

struct form_field {
	char *key;
	char *label;
	char *help;               /* may be NULL */
	enum field_type type;
	int required;             /* 1: must be present and non-empty */
	char *required_if_key;    /* required when field required_if_key ... */
	char *required_if_value;  /* ... has this value (e.g. kind = feit) */
	struct form_choice *choices; /* FT_CHOICE only */
	size_t nchoices;
	long min, max;            /* FT_INT bounds; FT_TEXT/FT_LINES: max is
	                             the maximum length in bytes (0: none) */
	enum field_author author; /* whose words (text and lines only) */
	char *author_field;       /* FA_FIELD: the key of that field */
	int builtin;              /* 1 if the store has a column for it */
	int household;            /* 1: the form says the household may see
	                             it (household: true); absent or false:
	                             hidden from the household (audience.h) */
	int line, col;            /* where the field is defined */
};

struct form_section {
	char *key;                /* a key of form_skeleton */
	char *label;
	char *item_label;         /* what one item is called; may be NULL */
	char *help;               /* "" when absent */
	int max_items;            /* 0: unlimited (top3: 3) */
	struct form_field *fields;
	size_t nfields;
	const struct form *form;  /* the form file it belongs to */
	int line, col;
};

struct form {
	char *name;               /* form: value, e.g. "feiten" */
	char *file;               /* path it was loaded from */
	int stage;                /* 0..6; -1 when absent */
	char *title;
	char *help;
	struct form_section *sections;
	size_t nsections;
};

struct form_model {
	char *name;               /* model: value, e.g. "4p" */
	char *file;
	char *title;
	char *help;
	struct form_choice *categories;
	size_t ncategories;
};

struct formset {
	char *dir;
	struct form *forms;       /* sorted by stage, then name */
	size_t nforms;
	struct form_model *models;
	size_t nmodels;
};

/*
 * The fixed nesting of duo-case/1. Each entry is one section key, the key of
 * its parent (NULL at the top level) and whether it is a list of items (1)
 * or a single mapping (0):
 *   household(map) > members(list)
 *   sessions(list) > participants, statements, top3 (lists), analysis(map),
 *                    plan, reviews (lists);  analysis > factors, hypotheses;
 *   reviews > comments
 * reviews and comments are internal: the team lead's review is never for
 * the household, and a form may not mark their fields household: true.
 * The array ends with an entry whose key is NULL.
 */
struct skeleton_entry {
	const char *key;
	const char *parent;
	int is_list;
	int internal;   /* 1: never shown to the household, whatever the form
	                   says (reviews, comments); see audience.h */
};
extern const struct skeleton_entry form_skeleton[];
const struct skeleton_entry *form_skeleton_get(const char *key);

/*
 * The keys of each section that the store keeps in columns, NULL-terminated.
 * A form must define every one of them (with the type given in the store's
 * binding); other keys are extras. NULL for an unknown section.
 */
const char *const *form_builtin_keys(const char *section);

/*
 * Load every *.yaml file in dir (not recursive), in name order. Every
 * problem is added to d as file:line:col: message and loading goes on, so a
 * user sees all problems at once. Returns 0 when there were none, -1
 * otherwise (fs is then still valid and may be freed or used partially).
 * Checks include: unknown keys, missing label/type, unknown type, choice
 * without choices, duplicate field keys in a section, a section key that is
 * not in form_skeleton or defined twice, a skeleton section missing, a
 * built-in key missing, required_if naming an unknown field, a model with no
 * categories.
 */
int formset_load(struct formset *fs, const char *dir, struct diags *d);
void formset_free(struct formset *fs);

const struct form_section *formset_section(const struct formset *fs,
                                           const char *key);
const struct form_field *form_section_field(const struct form_section *s,
                                            const char *key);
const struct form_model *formset_model(const struct formset *fs,
                                       const char *name);
/* The form of a stage (0..6), or NULL. */
const struct form *formset_stage(const struct formset *fs, int stage);
/* The choice with this value, or NULL. */
const struct form_choice *form_field_choice(const struct form_field *f,
                                            const char *value);

#endif
