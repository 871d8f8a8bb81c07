/*
 * test_form.c - unit tests of form.c: the real forms in forms/ load clean
 * and match forms/README.md, and broken form directories give each problem
 * at its exact file, line and column.
 *
 * Broken inputs are small inline YAML texts written into a temporary copy
 * of forms/ (under /tmp, made with mkdtemp), so that each test changes one
 * file and every other diagnostic would show up as an unexpected extra.
 * Run from the top of the tree: the real forms are at "forms".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "unit.h"
#include "util.h"

#define FORMS "forms"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

/* The whole file at path; caller frees. NULL if it cannot be read. */
static char *slurp(const char *path)
{
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	sb_add(&sb, "");
	return sb_steal(&sb);
}

/* Write text to dir/name, replacing it. */
static void put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	CHECK(fputs(text, f) >= 0);
	CHECK(fclose(f) == 0);
	free(path);
}

/* Remove dir/name. */
static void del(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	CHECK(unlink(path) == 0);
	free(path);
}

/* A new temporary directory holding a copy of every file of forms/;
 * caller frees the name and removes it with rmtree(). */
static char *copy_forms(void)
{
	char tmpl[] = "/tmp/duo-test-form-XXXXXX";
	DIR *dp;
	const struct dirent *de;
	char *dir;

	CHECK(mkdtemp(tmpl) != NULL);
	dir = xstrdup(tmpl);
	dp = opendir(FORMS);
	CHECK(dp != NULL);
	while ((de = readdir(dp)) != NULL) {
		char *path, *text;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", FORMS, de->d_name);
		text = slurp(path);
		CHECK(text != NULL);
		put(dir, de->d_name, text);
		free(text);
		free(path);
	}
	closedir(dp);
	return dir;
}

/* Remove a flat directory made by copy_forms, and free its name. */
static void rmtree(char *dir)
{
	DIR *dp = opendir(dir);
	const struct dirent *de;

	CHECK(dp != NULL);
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		del(dir, de->d_name);
	}
	closedir(dp);
	CHECK(rmdir(dir) == 0);
	free(dir);
}

/* Print every diagnostic as a TAP comment, to see why a check failed. */
static void show(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		printf("# %s\n", s);
		free(s);
	}
}

/*
 * The diagnostic at dir/name:line:col (name NULL: at dir itself) whose
 * message holds want. Fails the test, after showing all of them, if there
 * is none.
 */
static const struct diag *expect(const struct diags *d, const char *dir,
                                 const char *name, int line, int col,
                                 const char *want)
{
	char *file = name ? xasprintf("%s/%s", dir, name) : xstrdup(dir);
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (str_eq(g->file, file) && g->line == line && g->col == col &&
		    strstr(g->msg, want)) {
			free(file);
			return g;
		}
	}
	printf("# wanted %s:%d:%d: ...%s...\n", file, line, col, want);
	show(d);
	free(file);
	CHECK(!"diagnostic not found");
	return NULL;
}

/* Load dir and expect exactly n problems. */
static void load_expect(struct formset *fs, struct diags *d, const char *dir,
                        size_t n)
{
	int rc = formset_load(fs, dir, d);

	if (d->n != n)
		show(d);
	CHECK_INT(d->n, n);
	CHECK_INT(rc, n ? -1 : 0);
}

/*
 * A small valid review form (stage 6) that the broken variants below
 * change. Line numbers are in the comments; REVIEW_END is the comments
 * section, starting at line 17 when it directly follows REVIEW_FIELDS.
 */
#define REVIEW_HEAD \
	"form: review\n"                                                 /* 1 */ \
	"stage: 6\n"                                                     /* 2 */ \
	"title: Review\n"                                                /* 3 */ \
	"sections:\n"                                                    /* 4 */ \
	"  - key: reviews\n"                                             /* 5 */ \
	"    label: Reviews\n"                                           /* 6 */ \
	"    fields:\n"                                                  /* 7 */
#define REVIEW_REVIEWER \
	"      - {key: reviewer, label: Teamleider, type: text, required: true}\n"
#define REVIEW_DATE \
	"      - {key: date, label: Datum, type: date, required: true}\n"
#define REVIEW_DECISION \
	"      - key: decision\n"                                       /* 10 */ \
	"        label: Besluit\n"                                      /* 11 */ \
	"        type: choice\n"                                        /* 12 */ \
	"        required: true\n"                                      /* 13 */ \
	"        choices: [{value: akkoord, label: Akkoord},\n"         /* 14 */ \
	"          {value: terug, label: Terug},\n"                     /* 15 */ \
	"          {value: vervallen, label: Vervallen}]\n"             /* 16 */
#define REVIEW_FIELDS REVIEW_REVIEWER /* 8 */ REVIEW_DATE /* 9 */ \
	REVIEW_DECISION
#define REVIEW_END \
	"  - key: comments\n"                                           /* 17 */ \
	"    label: Opmerkingen\n"                                      /* 18 */ \
	"    fields:\n"                                                 /* 19 */ \
	"      - {key: on, label: Over, type: target, required: true}\n" /* 20 */ \
	"      - {key: text, label: Opmerking, type: lines, required: true}\n" \
	"      - {key: reply, label: Antwoord, type: lines}\n"         /* 22 */ \
	"      - {key: replied_by, label: Door, type: text}\n"         /* 23 */ \
	"      - {key: resolved, label: Afgehandeld, type: bool}\n"    /* 24 */

/* A copy of forms/ whose 6-review.yaml is text. */
static char *forms_with_review(const char *text)
{
	char *dir = copy_forms();

	put(dir, "6-review.yaml", text);
	return dir;
}

/* Load forms/ with 6-review.yaml replaced by text, expecting n problems. */
static char *load_review(struct formset *fs, struct diags *d,
                         const char *text, size_t n)
{
	char *dir = forms_with_review(text);

	load_expect(fs, d, dir, n);
	return dir;
}

/* ---------------------------------------------------------------------- */
/* The real forms                                                          */

TEST(real_forms_load_clean)
{
	struct formset fs;
	struct diags d = {0};
	static const int stages[] = {0, 1, 2, 3, 4, 6};
	size_t i;

	load_expect(&fs, &d, FORMS, 0);
	CHECK_STR(fs.dir, FORMS);
	CHECK_INT(fs.nforms, 6);
	CHECK_INT(fs.nmodels, 1);
	for (i = 0; i < fs.nforms; i++) {
		CHECK_INT(fs.forms[i].stage, stages[i]);
		CHECK(formset_stage(&fs, stages[i]) == &fs.forms[i]);
	}
	CHECK_STR(fs.forms[1].name, "feiten");
	CHECK_STR(fs.forms[1].file, FORMS "/1-feiten.yaml");
	CHECK(formset_stage(&fs, 5) == NULL);
	CHECK(formset_stage(&fs, -1) == NULL);
	formset_free(&fs);
	formset_free(&fs);          /* a second free is harmless */
	CHECK(fs.forms == NULL && fs.nforms == 0);
	diags_free(&d);
}

TEST(every_skeleton_section_has_one_form_section)
{
	struct formset fs;
	struct diags d = {0};
	const struct skeleton_entry *e;
	size_t i, j, n = 0;

	load_expect(&fs, &d, FORMS, 0);
	for (e = form_skeleton; e->key; e++) {
		const struct form_section *s = formset_section(&fs, e->key);

		CHECK(s != NULL);
		CHECK(s->form != NULL);
		CHECK(s->line > 0 && s->col > 0);
		CHECK(form_skeleton_get(e->key) == e);
		if (e->parent)
			CHECK(form_skeleton_get(e->parent) != NULL);
		n++;
	}
	CHECK_INT(n, 12);
	/* back-pointers point into the final, sorted array */
	for (i = 0; i < fs.nforms; i++)
		for (j = 0; j < fs.forms[i].nsections; j++)
			CHECK(fs.forms[i].sections[j].form == &fs.forms[i]);
	CHECK_STR(formset_section(&fs, "statements")->form->name, "feiten");
	CHECK_STR(formset_section(&fs, "comments")->form->name, "review");
	CHECK(form_skeleton_get("members")->is_list == 1);
	CHECK(form_skeleton_get("analysis")->is_list == 0);
	CHECK_STR(form_skeleton_get("factors")->parent, "analysis");
	CHECK_STR(form_skeleton_get("comments")->parent, "reviews");
	CHECK(form_skeleton_get("household")->parent == NULL);
	CHECK(form_skeleton_get("huishouden") == NULL);
	CHECK(formset_section(&fs, "huishouden") == NULL);
	formset_free(&fs);
	diags_free(&d);
}

TEST(builtin_keys_present_in_readme_order)
{
	struct formset fs;
	struct diags d = {0};
	const struct skeleton_entry *e;
	size_t i, total = 0;

	load_expect(&fs, &d, FORMS, 0);
	for (e = form_skeleton; e->key; e++) {
		const struct form_section *s = formset_section(&fs, e->key);
		const char *const *keys = form_builtin_keys(e->key);
		const struct form_field *prev = NULL;

		CHECK(keys != NULL);
		for (i = 0; keys[i]; i++) {
			const struct form_field *f = form_section_field(s, keys[i]);

			if (!f)
				printf("# %s.%s missing\n", e->key, keys[i]);
			CHECK(f != NULL);
			CHECK_INT(f->builtin, 1);
			CHECK(f->line > 0 && f->col > 0);
			CHECK(prev == NULL || f > prev);   /* export order */
			prev = f;
			total++;
		}
		for (i = 0; i < s->nfields; i++) {
			size_t k;
			int listed = 0;

			for (k = 0; keys[k]; k++)
				listed |= str_eq(keys[k], s->fields[i].key);
			CHECK_INT(s->fields[i].builtin, listed);
		}
	}
	CHECK_INT(total, 66);   /* the table in forms/README.md */
	CHECK(form_builtin_keys("huishouden") == NULL);
	CHECK(form_builtin_keys(NULL) == NULL);
	formset_free(&fs);
	diags_free(&d);
}

TEST(builtin_types_and_rules_match_readme)
{
	struct formset fs;
	struct diags d = {0};
	static const struct {
		const char *section, *key, *type;
	} want[] = {
		{"household", "id", "id"}, {"members", "born", "year-or-date"},
		{"members", "lives_here", "bool"}, {"sessions", "version", "int"},
		{"participants", "member", "member"},
		{"statements", "about", "members"},
		{"statements", "holder", "person"},
		{"statements", "text", "lines"}, {"top3", "rank", "int"},
		{"top3", "evidence", "statements"}, {"top3", "scores", "scores"},
		{"analysis", "model", "model"}, {"factors", "category", "category"},
		{"factors", "about", "subject"}, {"hypotheses", "factors", "factors"},
		{"hypotheses", "explains", "ranks"}, {"plan", "concern", "rank"},
		{"plan", "who", "person"}, {"comments", "on", "target"},
		{"comments", "reply", "lines"},
		{"comments", "replied_by", "text"},
		{"comments", "resolved", "bool"},
	};
	const struct form_field *f;
	size_t i;

	load_expect(&fs, &d, FORMS, 0);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		f = form_section_field(formset_section(&fs, want[i].section),
		                       want[i].key);
		CHECK(f != NULL);
		CHECK_STR(field_type_name(f->type), want[i].type);
	}
	f = form_section_field(formset_section(&fs, "statements"), "source");
	CHECK_INT(f->required, 0);
	CHECK_STR(f->required_if_key, "kind");
	CHECK_STR(f->required_if_value, "feit");
	f = form_section_field(formset_section(&fs, "plan"), "consequence");
	CHECK_STR(f->required_if_key, "kind");
	CHECK_STR(f->required_if_value, "voorwaarde");
	f = form_section_field(formset_section(&fs, "sessions"), "version");
	CHECK_INT(f->min, 1);
	CHECK_INT(f->max, 9999);
	CHECK_INT(f->required, 1);
	f = form_section_field(formset_section(&fs, "statements"), "kind");
	CHECK_INT(f->nchoices, 3);
	CHECK_STR(f->choices[0].value, "feit");
	CHECK_STR(form_field_choice(f, "mening")->label, "Mening");
	CHECK(form_field_choice(f, "Feit") == NULL);
	CHECK_CONTAINS(form_field_choice(f, "feit")->help, "bron en datum");
	f = form_section_field(formset_section(&fs, "members"), "role");
	CHECK_INT(f->nchoices, 6);
	CHECK_STR(f->choices[3].value, "ex-partner");
	/* a review without a decision is still in progress */
	f = form_section_field(formset_section(&fs, "reviews"), "decision");
	CHECK_INT(f->required, 0);
	CHECK_INT(f->nchoices, 3);
	formset_free(&fs);
	diags_free(&d);
}

TEST(labels_and_help_are_filled_in)
{
	struct formset fs;
	struct diags d = {0};
	size_t i, j, k, c;

	load_expect(&fs, &d, FORMS, 0);
	for (i = 0; i < fs.nforms; i++) {
		const struct form *f = &fs.forms[i];

		CHECK(!str_empty(f->title));
		CHECK(!str_empty(f->help));
		for (j = 0; j < f->nsections; j++) {
			const struct form_section *s = &f->sections[j];

			CHECK(!str_empty(s->label));
			CHECK(!str_empty(s->help));
			if (form_skeleton_get(s->key)->is_list)
				CHECK(!str_empty(s->item_label));
			for (k = 0; k < s->nfields; k++) {
				const struct form_field *fl = &s->fields[k];

				if (str_empty(fl->help))
					printf("# %s.%s has no help\n", s->key, fl->key);
				CHECK(!str_empty(fl->label));
				CHECK(!str_empty(fl->help));
				for (c = 0; c < fl->nchoices; c++) {
					CHECK(!str_empty(fl->choices[c].label));
					CHECK(!str_empty(fl->choices[c].help));
				}
			}
		}
	}
	formset_free(&fs);
	diags_free(&d);
}

TEST(top3_has_at_most_three_items)
{
	struct formset fs;
	struct diags d = {0};
	const struct form_section *s;

	load_expect(&fs, &d, FORMS, 0);
	s = formset_section(&fs, "top3");
	CHECK_INT(s->max_items, 3);
	CHECK_STR(s->form->name, "top3");
	CHECK_INT(s->form->stage, 2);
	CHECK_INT(formset_section(&fs, "statements")->max_items, 0);
	CHECK_INT(form_section_field(s, "rank")->max, 3);
	formset_free(&fs);
	diags_free(&d);
}

TEST(model_4p_has_four_categories_in_order)
{
	struct formset fs;
	struct diags d = {0};
	const struct form_model *m;
	static const char *const want[] = {
		"predisponerend", "uitlokkend", "instandhoudend", "beschermend"
	};
	size_t i;

	load_expect(&fs, &d, FORMS, 0);
	m = formset_model(&fs, "4p");
	CHECK(m != NULL);
	CHECK_STR(m->file, FORMS "/model-4p.yaml");
	CHECK(!str_empty(m->title) && !str_empty(m->help));
	CHECK_INT(m->ncategories, 4);
	for (i = 0; i < 4; i++) {
		CHECK_STR(m->categories[i].value, want[i]);
		CHECK(!str_empty(m->categories[i].label));
		CHECK(!str_empty(m->categories[i].help));
	}
	CHECK(formset_model(&fs, "5g") == NULL);
	formset_free(&fs);
	diags_free(&d);
}

TEST(field_type_names_round_trip)
{
	static const char *const names[] = {
		"text", "lines", "choice", "date", "year-or-date", "bool", "int",
		"score", "scores", "id", "ref", "member", "members", "subject",
		"person", "statements", "factors", "rank", "ranks", "target",
		"model", "category"
	};
	enum field_type t = FT_TEXT;
	size_t i;
	int lists = 0;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		CHECK_INT(field_type_parse(names[i], &t), 0);
		CHECK_INT(t, i);
		CHECK_STR(field_type_name(t), names[i]);
		lists += field_type_is_list(t);
	}
	CHECK_INT(FT_CATEGORY + 1, sizeof names / sizeof names[0]);
	CHECK_INT(lists, 4);
	CHECK(field_type_is_list(FT_MEMBERS) && field_type_is_list(FT_RANKS));
	CHECK(!field_type_is_list(FT_SCORES) && !field_type_is_list(FT_MEMBER));
	t = FT_DATE;
	CHECK_INT(field_type_parse("boolean", &t), -1);
	CHECK_INT(field_type_parse("Text", &t), -1);
	CHECK_INT(field_type_parse(NULL, &t), -1);
	CHECK_INT(t, FT_DATE);
	CHECK_STR(field_type_name((enum field_type)99), "?");
}

/* ---------------------------------------------------------------------- */
/* Changed copies of the forms                                             */

TEST(review_fixture_is_valid)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS REVIEW_END, 0);
	const struct form_section *s = formset_section(&fs, "comments");

	CHECK_INT(s->line, 17);
	CHECK_INT(s->col, 5);
	CHECK_INT(form_section_field(s, "text")->line, 21);
	CHECK_INT(form_section_field(s, "text")->col, 9);
	CHECK(s->item_label == NULL);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(extra_field_loads_as_not_builtin)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = copy_forms();
	char *path = xasprintf("%s/1-feiten.yaml", dir);
	char *text = slurp(path);
	char *more = xasprintf("%s"
		"      - key: ernst\n"
		"        label: Ernst\n"
		"        type: choice\n"
		"        help: Hoe ernstig schat het duo dit in?\n"
		"        choices:\n"
		"          - {value: laag, label: Laag}\n"
		"          - {value: hoog, label: Hoog}\n", text);
	const struct form_section *s;
	const struct form_field *f;

	put(dir, "1-feiten.yaml", more);
	load_expect(&fs, &d, dir, 0);
	s = formset_section(&fs, "statements");
	CHECK_INT(s->nfields, 11);
	f = &s->fields[10];
	CHECK_STR(f->key, "ernst");
	CHECK_INT(f->builtin, 0);
	CHECK_INT(f->type, FT_CHOICE);
	CHECK_INT(f->nchoices, 2);
	CHECK_STR(form_field_choice(f, "hoog")->label, "Hoog");
	CHECK(form_field_choice(f, "hoog")->help == NULL);
	CHECK_INT(form_section_field(s, "confidential")->builtin, 1);
	/* no household: true, so hidden from the household */
	CHECK_INT(f->household, 0);
	formset_free(&fs);
	diags_free(&d);
	free(more);
	free(text);
	free(path);
	rmtree(dir);
}

TEST(readme_and_other_files_are_ignored)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = copy_forms();

	put(dir, "README.md", "form: niet\n");
	put(dir, "notities.txt", "geen yaml: [\n");
	put(dir, ".0-huishouden.yaml.swp", "rommel: [\n");
	load_expect(&fs, &d, dir, 0);
	CHECK_INT(fs.nforms, 6);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

/* ---------------------------------------------------------------------- */
/* Broken forms: one problem each, at its exact place                      */

/* household: true is read per field; the real forms mark what the
 * household may see and leave the professionals' fields unmarked. */
TEST(household_attribute_in_the_real_forms)
{
	static const char *const shown[][2] = {
		{"household", "name"}, {"members", "name"}, {"sessions", "date"},
		{"sessions", "evaluation"}, {"statements", "text"},
		{"top3", "title"}, {"top3", "household_view"},
		{"hypotheses", "household_explanation"}, {"plan", "consequence"},
		{"plan", "due"},
	};
	static const char *const hidden[][2] = {
		{"household", "id"}, {"sessions", "id"}, {"sessions", "status"},
		{"statements", "source"}, {"statements", "confidential"},
		{"hypotheses", "check"}, {"reviews", "reviewer"},
		{"reviews", "decision"}, {"comments", "text"}, {"comments", "on"},
	};
	struct formset fs;
	struct diags d = {0};

	load_expect(&fs, &d, FORMS, 0);
	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
		const struct form_field *f =
			form_section_field(formset_section(&fs, shown[i][0]),
			                   shown[i][1]);

		CHECK(f != NULL);
		if (!f->household)
			printf("# %s.%s is not household: true\n", shown[i][0],
			       shown[i][1]);
		CHECK_INT(f->household, 1);
	}
	for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++) {
		const struct form_field *f =
			form_section_field(formset_section(&fs, hidden[i][0]),
			                   hidden[i][1]);

		CHECK(f != NULL);
		CHECK_INT(f->household, 0);
	}
	formset_free(&fs);
	diags_free(&d);
}

/* A review is never for the household: a form that says otherwise is
 * refused where it says so; household takes only true or false. */
TEST(bad_household_attribute)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD
		"      - key: reviewer\n"                                 /* 8 */
		"        label: Teamleider\n"                             /* 9 */
		"        type: text\n"                                   /* 10 */
		"        required: true\n"                               /* 11 */
		"        household: true\n"                              /* 12 */
		"      - key: date\n"                                    /* 13 */
		"        label: Datum\n"                                 /* 14 */
		"        type: date\n"                                   /* 15 */
		"        required: true\n"                               /* 16 */
		"        household: ja\n"                                /* 17 */
		REVIEW_DECISION /* 18..24 */
		"  - key: comments\n"                                    /* 25 */
		"    label: Opmerkingen\n"                               /* 26 */
		"    fields:\n"                                          /* 27 */
		"      - {key: on, label: Over, type: target, required: true}\n"
		"      - {key: text, label: Opmerking, type: lines, required: true,"
		" household: true}\n"                                    /* 29 */
		"      - {key: reply, label: Antwoord, type: lines}\n"
		"      - {key: replied_by, label: Beantwoord door, type: text}\n"
		"      - {key: resolved, label: Afgehandeld, type: bool}\n", 3);

	expect(&d, dir, "6-review.yaml", 12, 9,
	       "veld 'reviewer' van sectie 'reviews' kan niet household: true "
	       "zijn: het huishouden ziet deze sectie nooit");
	expect(&d, dir, "6-review.yaml", 17, 20,
	       "'household' verwacht true of false, niet 'ja'");
	expect(&d, dir, "6-review.yaml", 29, 68,
	       "veld 'text' van sectie 'comments' kan niet household: true");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_unknown_keys)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - key: ernst\n"                                    /* 17 */
		"        label: Ernst\n"                                  /* 18 */
		"        type: score\n"                                   /* 19 */
		"        verplicht: true\n"                               /* 20 */
		"    volgorde: 1\n"                                       /* 21 */
		REVIEW_END, 2);

	expect(&d, dir, "6-review.yaml", 20, 9,
	       "onbekende sleutel 'verplicht' in veld (toegestaan: key, label, "
	       "help, type, required, required_if, choices, min, max, "
	       "household, author)");
	expect(&d, dir, "6-review.yaml", 21, 5,
	       "onbekende sleutel 'volgorde' in sectie");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_unknown_top_level_key)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d,
		"form: review\n"
		"stage: 6\n"
		"titel: Review\n"
		"title: Review\n"
		"sections:\n"
		"  - key: reviews\n"
		"    label: Reviews\n"
		"    fields:\n"
		REVIEW_FIELDS REVIEW_END, 1);

	expect(&d, dir, "6-review.yaml", 3, 1,
	       "onbekende sleutel 'titel' in formulier (toegestaan: form, stage, "
	       "title, help, sections)");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_unknown_type)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - key: gezien\n"                                   /* 17 */
		"        label: Gezien\n"                                 /* 18 */
		"        type: boolean\n"                                 /* 19 */
		REVIEW_END, 1);
	const struct diag *g = expect(&d, dir, "6-review.yaml", 19, 15,
	                              "onbekend type 'boolean'");

	CHECK_CONTAINS(g->msg, "(kan zijn: text, lines, choice, date, "
	                       "year-or-date, bool,");
	CHECK_CONTAINS(g->msg, "model, category)");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_missing_label_key_and_type)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - key: gezien\n"                                   /* 17 */
		"        type: bool\n"                                    /* 18 */
		"      - label: Zonder sleutel\n"                         /* 19 */
		"        type: text\n"                                    /* 20 */
		"      - key: zonder_type\n"                              /* 21 */
		"        label: Zonder type\n"                            /* 22 */
		"      - {key: leeg, label: '', type: text}\n"            /* 23 */
		REVIEW_END, 4);

	expect(&d, dir, "6-review.yaml", 17, 9, "veld 'gezien' mist 'label'");
	expect(&d, dir, "6-review.yaml", 19, 9, "veld mist 'key'");
	expect(&d, dir, "6-review.yaml", 21, 9, "veld 'zonder_type' mist 'type'");
	expect(&d, dir, "6-review.yaml", 23, 28, "'label' van veld 'leeg' is leeg");
	/* a field without a key is left out; the others are kept */
	CHECK_INT(formset_section(&fs, "reviews")->nfields, 6);
	CHECK_STR(form_section_field(formset_section(&fs, "reviews"),
	                             "gezien")->label, "gezien");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_duplicate_field_key)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - {key: date, label: Nog een datum, type: date}\n" /* 17 */
		REVIEW_END, 1);

	expect(&d, dir, "6-review.yaml", 17, 15,
	       "veld 'date' staat al in sectie 'reviews' op regel 9");
	/* the first one is kept, the second left out */
	CHECK_INT(formset_section(&fs, "reviews")->nfields, 3);
	CHECK_STR(form_section_field(formset_section(&fs, "reviews"),
	                             "date")->label, "Datum");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_choices)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - key: ernst\n"                                    /* 17 */
		"        label: Ernst\n"                                  /* 18 */
		"        type: choice\n"                                  /* 19 */
		"      - key: toon\n"                                     /* 20 */
		"        label: Toon\n"                                   /* 21 */
		"        type: choice\n"                                  /* 22 */
		"        choices:\n"                                      /* 23 */
		"          - {value: rustig, label: Rustig}\n"            /* 24 */
		"          - {value: rustig, label: Kalm}\n"              /* 25 */
		"          - {value: Boos, label: Boos}\n"                /* 26 */
		"      - key: notitie\n"                                  /* 27 */
		"        label: Notitie\n"                                /* 28 */
		"        type: text\n"                                    /* 29 */
		"        choices: [{value: a, label: A}]\n"               /* 30 */
		REVIEW_END, 4);

	expect(&d, dir, "6-review.yaml", 17, 9,
	       "veld 'ernst' heeft type choice maar geen choices");
	expect(&d, dir, "6-review.yaml", 25, 21,
	       "keuze 'rustig' staat al op regel 24");
	expect(&d, dir, "6-review.yaml", 26, 21, "'Boos' is geen geldige naam");
	expect(&d, dir, "6-review.yaml", 30, 18,
	       "choices hoort alleen bij type choice, niet bij text");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_missing_builtin_key)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_REVIEWER
		REVIEW_DECISION REVIEW_END, 1);

	expect(&d, dir, "6-review.yaml", 5, 5,
	       "sectie 'reviews' mist het ingebouwde veld 'date' (type date)");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_builtin_wrong_type_or_rules)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD
		"      - {key: reviewer, label: Teamleider, type: text}\n" /* 8 */
		"      - key: date\n"                                      /* 9 */
		"        label: Datum\n"                                  /* 10 */
		"        type: text\n"                                    /* 11 */
		"        required: true\n"                                /* 12 */
		"      - key: decision\n"                                 /* 13 */
		"        label: Besluit\n"                                /* 14 */
		"        type: choice\n"                                  /* 15 */
		"        required: true\n"                                /* 16 */
		"        choices:\n"                                      /* 17 */
		"          [{value: akkoord, label: Akkoord}, {value: vervallen, label: Vervallen},\n" /* 18 */
		"           {value: later, label: Later}]\n"              /* 19 */
		REVIEW_END, 3);

	expect(&d, dir, "6-review.yaml", 11, 15,
	       "ingebouwd veld 'date' van sectie 'reviews' moet type date "
	       "hebben, niet text");
	expect(&d, dir, "6-review.yaml", 8, 9,
	       "ingebouwd veld 'reviewer' van sectie 'reviews' moet required: "
	       "true hebben");
	expect(&d, dir, "6-review.yaml", 13, 9,
	       "ingebouwd veld 'decision' van sectie 'reviews' mist de keuze "
	       "'terug'");
	/* still marked built-in, so nothing treats it as an extra */
	CHECK_INT(form_section_field(formset_section(&fs, "reviews"),
	                             "date")->builtin, 1);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_builtin_verified_as_text)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = copy_forms();
	char *path = xasprintf("%s/1-feiten.yaml", dir);
	char *text = slurp(path);
	char *at = strstr(text, "- key: verified");
	char *type;
	int line = 1, col;
	char *p;

	/* turn "type: bool" just after "key: verified" into "type: text" */
	CHECK(at != NULL);
	type = strstr(at, "type: bool");
	CHECK(type != NULL);
	memcpy(type + 6, "text", 4);
	put(dir, "1-feiten.yaml", text);
	for (p = text; p < type; p++)
		line += *p == '\n';
	for (p = type; p > text && p[-1] != '\n'; p--)
		;
	col = (int)(type - p) + 7;
	load_expect(&fs, &d, dir, 1);
	expect(&d, dir, "1-feiten.yaml", line, col,
	       "ingebouwd veld 'verified' van sectie 'statements' moet type bool "
	       "hebben, niet text");
	formset_free(&fs);
	diags_free(&d);
	free(text);
	free(path);
	rmtree(dir);
}

TEST(bad_required_if)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - key: reden\n"                                    /* 17 */
		"        label: Reden\n"                                  /* 18 */
		"        type: lines\n"                                   /* 19 */
		"        required_if: {besluit: terug}\n"                 /* 20 */
		"      - key: vervolg\n"                                  /* 21 */
		"        label: Vervolg\n"                                /* 22 */
		"        type: lines\n"                                   /* 23 */
		"        required_if: {decision: misschien}\n"            /* 24 */
		"      - key: toelichting\n"                              /* 25 */
		"        label: Toelichting\n"                            /* 26 */
		"        type: lines\n"                                   /* 27 */
		"        required_if: {decision: terug}\n"                /* 28 */
		REVIEW_END, 2);
	const struct form_field *f;

	expect(&d, dir, "6-review.yaml", 20, 23,
	       "required_if noemt onbekend veld 'besluit' in sectie 'reviews'");
	expect(&d, dir, "6-review.yaml", 24, 33,
	       "'misschien' is geen keuze van veld 'decision' (kan zijn: "
	       "akkoord, terug, vervallen)");
	f = form_section_field(formset_section(&fs, "reviews"), "toelichting");
	CHECK_STR(f->required_if_key, "decision");
	CHECK_STR(f->required_if_value, "terug");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

/* Whose words each text field holds: the household's own words are marked
 * huishouden, the duo's text duo, and a statement follows its holder. */
TEST(real_forms_say_whose_words)
{
	static const struct {
		const char *section, *key;
		enum field_author author;
	} want[] = {
		{"statements", "text", FA_FIELD},
		{"statements", "response", FA_HOUSEHOLD},
		{"statements", "source", FA_NONE},
		{"top3", "title", FA_DUO},
		{"top3", "what", FA_DUO},
		{"top3", "impact", FA_DUO},
		{"top3", "household_view", FA_HOUSEHOLD},
		{"factors", "text", FA_DUO},
		{"hypotheses", "text", FA_DUO},
		{"hypotheses", "household_explanation", FA_HOUSEHOLD},
		{"hypotheses", "check", FA_DUO},
		{"plan", "text", FA_DUO},
		{"plan", "consequence", FA_DUO},
		{"comments", "text", FA_NONE},
		{"members", "name", FA_NONE},
	};
	struct formset fs;
	struct diags d = {0};
	size_t i;

	load_expect(&fs, &d, FORMS, 0);
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		const struct form_field *f = form_section_field(
			formset_section(&fs, want[i].section), want[i].key);

		CHECK(f != NULL);
		if (f->author != want[i].author)
			printf("# %s.%s\n", want[i].section, want[i].key);
		CHECK_INT(f->author, want[i].author);
	}
	CHECK_STR(form_section_field(formset_section(&fs, "statements"),
	                             "text")->author_field, "holder");
	formset_free(&fs);
	diags_free(&d);
}

TEST(bad_author)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"      - {key: notitie, label: Notitie, type: lines, author: duo}\n"
		"      - {key: reden, label: Reden, type: lines, author: reviewer}\n"
		"      - {key: wie, label: Wie, type: person}\n"
		"      - {key: uitleg, label: Uitleg, type: lines, author: wie}\n"
		"      - {key: dag, label: Dag, type: date, author: duo}\n"
		"      - {key: kop, label: Kop, type: text, author: Duo!}\n"
		"      - {key: stem, label: Stem, type: text, author: niemand}\n"
		"      - {key: eigen, label: Eigen, type: lines, author: huishouden}\n"
		REVIEW_END, 4);
	const struct form_section *s;

	expect(&d, dir, "6-review.yaml", 18, 57,
	       "author noemt veld 'reviewer' van type text; dat moet een "
	       "person- of member-veld zijn");
	expect(&d, dir, "6-review.yaml", 21, 52,
	       "author hoort alleen bij type text of lines, niet bij date");
	expect(&d, dir, "6-review.yaml", 22, 52,
	       "author is duo, huishouden of de key van een persoonsveld, niet "
	       "'Duo!'");
	expect(&d, dir, "6-review.yaml", 23, 54,
	       "author noemt onbekend veld 'niemand' in sectie 'reviews'");
	s = formset_section(&fs, "reviews");
	CHECK_INT(form_section_field(s, "notitie")->author, FA_DUO);
	CHECK_INT(form_section_field(s, "reden")->author, FA_NONE);
	CHECK_INT(form_section_field(s, "uitleg")->author, FA_FIELD);
	CHECK_STR(form_section_field(s, "uitleg")->author_field, "wie");
	CHECK_INT(form_section_field(s, "dag")->author, FA_NONE);
	CHECK_INT(form_section_field(s, "stem")->author, FA_NONE);
	CHECK(form_section_field(s, "stem")->author_field == NULL);
	CHECK_INT(form_section_field(s, "eigen")->author, FA_HOUSEHOLD);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_section_defined_twice)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = forms_with_review(REVIEW_HEAD REVIEW_FIELDS REVIEW_END);
	char *first;

	put(dir, "7-extra.yaml",
	    "# also defines comments\n"                                    /* 1 */
	    "form: extra\n"                                                /* 2 */
	    "title: Extra\n"                                               /* 3 */
	    "sections:\n"                                                  /* 4 */
	    "  - key: comments\n"                                          /* 5 */
	    "    label: Opmerkingen\n"                                     /* 6 */
	    "    fields:\n"                                                /* 7 */
	    "      - {key: on, label: Over, type: target, required: true}\n"
	    "      - {key: text, label: Opmerking, type: lines, required: true}\n"
	    "      - {key: reply, label: Antwoord, type: lines}\n"
	    "      - {key: replied_by, label: Door, type: text}\n"
	    "      - {key: resolved, label: Afgehandeld, type: bool}\n");
	load_expect(&fs, &d, dir, 1);
	first = xasprintf("sectie 'comments' staat ook in %s/6-review.yaml:17:5",
	                  dir);
	expect(&d, dir, "7-extra.yaml", 5, 5, first);
	/* a form without stage has stage -1 and sorts first */
	CHECK_INT(fs.forms[0].stage, -1);
	CHECK_STR(fs.forms[0].name, "extra");
	free(first);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_missing_skeleton_section)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS, 1);

	expect(&d, dir, NULL, 0, 0,
	       "geen formulier definieert sectie 'comments'");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_unknown_section)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"  - key: commentaar\n"                                   /* 17 */
		"    label: Opmerkingen\n"                                /* 18 */
		"    fields:\n"                                           /* 19 */
		"      - {key: on, label: Over, type: target, required: true}\n"
		"      - {key: text, label: Opmerking, type: lines, required: true}\n",
		2);

	expect(&d, dir, "6-review.yaml", 17, 10,
	       "onbekende sectie 'commentaar' (kan zijn: household, members,");
	expect(&d, dir, NULL, 0, 0, "geen formulier definieert sectie 'comments'");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_malformed_yaml)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d, REVIEW_HEAD REVIEW_FIELDS
		"  - key: [comments\n"                                    /* 17 */
		"    label: Opmerkingen\n", 3);                           /* 18 */

	/* libyaml notices the unclosed [ where "label:" starts a mapping */
	expect(&d, dir, "6-review.yaml", 18, 10, "YAML-fout");
	/* the file is lost as a whole; the other forms still load */
	expect(&d, dir, NULL, 0, 0, "geen formulier definieert sectie 'reviews'");
	expect(&d, dir, NULL, 0, 0, "geen formulier definieert sectie 'comments'");
	CHECK_INT(fs.nforms, 5);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_value_kinds)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d,
		"form: review\n"                                           /* 1 */
		"stage: zes\n"                                             /* 2 */
		"title: [Review]\n"                                        /* 3 */
		"sections:\n"                                              /* 4 */
		"  - key: reviews\n"                                       /* 5 */
		"    label: Reviews\n"                                     /* 6 */
		"    max_items: -1\n"                                      /* 7 */
		"    fields:\n"                                            /* 8 */
		"      - {key: reviewer, label: Teamleider, type: text, required: ja}\n"
		"      - {key: date, label: Datum, type: date, required: 'true'}\n"
		REVIEW_DECISION                                    /* 11 .. 17 */
		"      - {key: aantal, label: Aantal, type: int, min: 5, max: 3}\n"
		"      - {key: kort, label: Kort, type: text, min: 1, max: 80}\n"
		"      - {key: cijfer, label: Cijfer, type: score, max: 8}\n"
		REVIEW_END, 10);

	expect(&d, dir, "6-review.yaml", 2, 8,
	       "'stage' verwacht een geheel getal van 0 tot en met 6, niet 'zes'");
	expect(&d, dir, "6-review.yaml", 3, 8, "'title' verwacht tekst, geen lijst");
	expect(&d, dir, "6-review.yaml", 7, 16,
	       "'max_items' verwacht een geheel getal van 0 tot en met");
	expect(&d, dir, "6-review.yaml", 9, 66,
	       "'required' verwacht true of false, niet 'ja'");
	expect(&d, dir, "6-review.yaml", 10, 57,
	       "'required' verwacht true of false, niet 'true'");
	/* so the built-in check finds them not required */
	expect(&d, dir, "6-review.yaml", 9, 9, "moet required: true hebben");
	expect(&d, dir, "6-review.yaml", 10, 9, "moet required: true hebben");
	expect(&d, dir, "6-review.yaml", 18, 54, "min (5) is groter dan max (3)");
	expect(&d, dir, "6-review.yaml", 19, 51, "min hoort niet bij type text");
	expect(&d, dir, "6-review.yaml", 20, 56, "max hoort niet bij type score");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_many_problems_all_reported)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = load_review(&fs, &d,
		"form: review\n"                                           /* 1 */
		"stage: 6\n"                                               /* 2 */
		"title: Review\n"                                          /* 3 */
		"kleur: blauw\n"                                           /* 4 */
		"sections:\n"                                              /* 5 */
		"  - key: reviews\n"                                       /* 6 */
		"    label: Reviews\n"                                     /* 7 */
		"    fields:\n"                                            /* 8 */
		"      - {key: reviewer, label: Teamleider, type: tekst, required: true}\n"
		"      - {key: date, label: Datum, type: date, required: true}\n"
		"      - {key: decision, label: Besluit, type: choice, required: true}\n"
		"      - {key: date, type: date}\n"                       /* 12 */
		REVIEW_END, 5);

	expect(&d, dir, "6-review.yaml", 4, 1, "onbekende sleutel 'kleur'");
	expect(&d, dir, "6-review.yaml", 9, 50, "onbekend type 'tekst'");
	expect(&d, dir, "6-review.yaml", 11, 9,
	       "veld 'decision' heeft type choice maar geen choices");
	expect(&d, dir, "6-review.yaml", 12, 9, "veld 'date' mist 'label'");
	expect(&d, dir, "6-review.yaml", 12, 15, "veld 'date' staat al");
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_category_without_model)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = copy_forms();
	char *path = xasprintf("%s/3-analyse.yaml", dir);
	char *text = slurp(path);
	const char *at = strstr(text, "- key: category");
	const char *p;
	int line = 1, col;

	CHECK(at != NULL);
	for (p = text; p < at; p++)
		line += *p == '\n';
	for (p = at; p > text && p[-1] != '\n'; p--)
		;
	col = (int)(at - p) + 3;
	del(dir, "model-4p.yaml");
	load_expect(&fs, &d, dir, 1);
	expect(&d, dir, "3-analyse.yaml", line, col,
	       "veld 'category' heeft type category, maar");
	CHECK_INT(fs.nmodels, 0);
	formset_free(&fs);
	diags_free(&d);
	free(text);
	free(path);
	rmtree(dir);
}

TEST(bad_models_and_names)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = copy_forms();
	char *first;

	put(dir, "model-leeg.yaml",
	    "model: leeg\n"
	    "title: Leeg model\n"
	    "categories: []\n");
	put(dir, "model-tweede.yaml",
	    "model: 4p\n"
	    "title: Nog een 4P\n"
	    "categories:\n"
	    "  - {value: a, label: A}\n"
	    "  - {value: a, label: B}\n");
	put(dir, "notitie.yaml", "wat: dit is geen formulier\n");
	put(dir, "lijst.yaml", "- form: lijst\n");
	load_expect(&fs, &d, dir, 5);
	expect(&d, dir, "model-leeg.yaml", 3, 13, "model 'leeg' heeft geen categorieën");
	first = xasprintf("model '4p' staat ook in %s/model-4p.yaml:3:8", dir);
	expect(&d, dir, "model-tweede.yaml", 1, 8, first);
	expect(&d, dir, "model-tweede.yaml", 5, 13, "categorie 'a' staat al op regel 4");
	expect(&d, dir, "notitie.yaml", 1, 1,
	       "geen formulier (form:) en geen model (model:)");
	expect(&d, dir, "lijst.yaml", 1, 1, "verwacht een mapping");
	CHECK_INT(fs.nmodels, 3);
	free(first);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_duplicate_form_name_and_stage)
{
	struct formset fs;
	struct diags d = {0};
	char *dir = forms_with_review(REVIEW_HEAD REVIEW_FIELDS);
	char *name, *stage;

	put(dir, "7-review.yaml",
	    "form: review\n"
	    "stage: 6\n"
	    "title: Opmerkingen\n"
	    "sections:\n"
	    "  - key: comments\n"
	    "    label: Opmerkingen\n"
	    "    fields:\n"
	    "      - {key: on, label: Over, type: target, required: true}\n"
	    "      - {key: text, label: Opmerking, type: lines, required: true}\n"
	    "      - {key: reply, label: Antwoord, type: lines}\n"
	    "      - {key: replied_by, label: Door, type: text}\n"
	    "      - {key: resolved, label: Afgehandeld, type: bool}\n");
	load_expect(&fs, &d, dir, 2);
	name = xasprintf("formulier 'review' staat ook in %s/6-review.yaml:1:7",
	                 dir);
	stage = xasprintf("stage 6 hoort ook bij formulier 'review' "
	                  "(%s/6-review.yaml:2:8)", dir);
	expect(&d, dir, "7-review.yaml", 1, 7, name);
	expect(&d, dir, "7-review.yaml", 2, 8, stage);
	free(name);
	free(stage);
	formset_free(&fs);
	diags_free(&d);
	rmtree(dir);
}

TEST(bad_directory)
{
	struct formset fs;
	struct diags d = {0};
	char tmpl[] = "/tmp/duo-test-form-XXXXXX";

	CHECK(formset_load(&fs, "/nonexistent/duo-forms", &d) == -1);
	CHECK_INT(d.n, 1);
	expect(&d, "/nonexistent/duo-forms", NULL, 0, 0,
	       "kan de map met formulieren niet openen");
	formset_free(&fs);
	diags_clear(&d);

	CHECK(mkdtemp(tmpl) != NULL);
	CHECK(formset_load(&fs, tmpl, &d) == -1);
	CHECK_INT(d.n, 1);
	expect(&d, tmpl, NULL, 0, 0, "bevat geen formulieren (*.yaml)");
	formset_free(&fs);
	CHECK(rmdir(tmpl) == 0);
	diags_free(&d);
}

int main(void)
{
	RUN(real_forms_load_clean);
	RUN(every_skeleton_section_has_one_form_section);
	RUN(builtin_keys_present_in_readme_order);
	RUN(builtin_types_and_rules_match_readme);
	RUN(labels_and_help_are_filled_in);
	RUN(top3_has_at_most_three_items);
	RUN(model_4p_has_four_categories_in_order);
	RUN(field_type_names_round_trip);
	RUN(review_fixture_is_valid);
	RUN(extra_field_loads_as_not_builtin);
	RUN(readme_and_other_files_are_ignored);
	RUN(household_attribute_in_the_real_forms);
	RUN(bad_household_attribute);
	RUN(bad_unknown_keys);
	RUN(bad_unknown_top_level_key);
	RUN(bad_unknown_type);
	RUN(bad_missing_label_key_and_type);
	RUN(bad_duplicate_field_key);
	RUN(bad_choices);
	RUN(bad_missing_builtin_key);
	RUN(bad_builtin_wrong_type_or_rules);
	RUN(bad_builtin_verified_as_text);
	RUN(bad_required_if);
	RUN(real_forms_say_whose_words);
	RUN(bad_author);
	RUN(bad_section_defined_twice);
	RUN(bad_missing_skeleton_section);
	RUN(bad_unknown_section);
	RUN(bad_malformed_yaml);
	RUN(bad_value_kinds);
	RUN(bad_many_problems_all_reported);
	RUN(bad_category_without_model);
	RUN(bad_models_and_names);
	RUN(bad_duplicate_form_name_and_stage);
	RUN(bad_directory);
	return unit_done();
}
