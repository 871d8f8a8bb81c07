/*
 * test_validate.c - unit tests of validate.c: every field type of
 * validate_scalar, the shared example and tests/cases/good (no problems),
 * every file in tests/cases/bad (the diagnostic its "# expect:" line names),
 * and the forms as data (an extra field, required_if).
 *
 * Runs from the top of the repository: forms in "forms", cases in
 * "tests/cases", the shared example in "../shared/examples".
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "doc.h"
#include "form.h"
#include "util.h"
#include "validate.h"

#define FORMS_DIR "forms"
#define GOOD_DIR "tests/cases/good"
#define BAD_DIR "tests/cases/bad"
#define EXAMPLE "../shared/examples/gezin-visser.yaml"

/* ---- helpers ------------------------------------------------------------ */

static struct formset the_forms;
static int forms_state; /* 0: not loaded, 1: loaded, -1: failed */

/* The project's forms, loaded once. */
static const struct formset *forms(void)
{
	if (forms_state == 0) {
		struct diags d = {0};
		forms_state = formset_load(&the_forms, FORMS_DIR, &d) == 0 ? 1 : -1;
		if (forms_state < 0)
			diags_print(stderr, &d);
		diags_free(&d);
	}
	CHECK(forms_state == 1);
	return &the_forms;
}

static char scalar_msg[512];

/* validate_scalar against a field of type t (int bounds lo..hi). */
static int check_type(enum field_type t, long lo, long hi, const char *text)
{
	struct form_field f;

	memset(&f, 0, sizeof f);
	f.key = (char *)"veld";
	f.label = (char *)"Veld";
	f.type = t;
	f.min = lo;
	f.max = hi;
	return validate_scalar(&f, text, scalar_msg, sizeof scalar_msg);
}

/* Validate YAML text; -1 when the loader refused it. */
static int validate_text(const char *yaml, struct diags *d)
{
	struct doc_limits lim = doc_limits_default();
	struct doc_node *root = doc_load_buffer("t.yaml", yaml, strlen(yaml),
	                                        &lim, d);
	int n;

	if (!root)
		return -1;
	n = validate_case(root, forms(), "t.yaml", d);
	doc_free(root);
	return n;
}

/* Validate a file against fs; -1 when the loader refused it. */
static int validate_path(const char *path, const struct formset *fs,
                         struct diags *d)
{
	struct doc_limits lim = doc_limits_default();
	struct doc_node *root = doc_load_file(path, &lim, d);
	int n;

	if (!root)
		return -1;
	n = validate_case(root, fs, path, d);
	doc_free(root);
	return n;
}

/* 1 if some diagnostic is at line:col and its message holds sub. */
static int has_diag(const struct diags *d, int line, int col, const char *sub)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, sub))
			return 1;
	return 0;
}

/* All diagnostics on one string, for failure messages. */
static const char *diags_text(const struct diags *d)
{
	static char buf[2048];
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < d->n && used < sizeof buf - 1; i++) {
		char *s = diag_format(&d->v[i]);
		int w = snprintf(buf + used, sizeof buf - used, "%s | ", s);
		free(s);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

struct expect {
	int line, col;
	char sub[256];
};

/* Read "# expect: LINE:COL: substring" from the first line of path. */
static int read_expect(const char *path, struct expect *e)
{
	FILE *f = fopen(path, "rb");
	char line[512];
	char *nl;
	int used = 0;

	if (!f)
		return 0;
	if (!fgets(line, sizeof line, f)) {
		fclose(f);
		return 0;
	}
	fclose(f);
	nl = strchr(line, '\n');
	if (nl)
		*nl = '\0';
	if (sscanf(line, "# expect: %d:%d: %n", &e->line, &e->col, &used) != 2 ||
	    used == 0)
		return 0;
	snprintf(e->sub, sizeof e->sub, "%s", line + used);
	return e->sub[0] != '\0';
}

/* The sorted *.yaml names in dir; caller frees each and the array. */
static size_t list_yaml(const char *dir, char ***out)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0, i, j;

	*out = NULL;
	if (!dp)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*out = v;
	return n;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Check one bad case: its diagnostic matches its expect line. */
static int bad_case_matches(const char *path, char *why, size_t whylen)
{
	struct diags d = {0};
	struct expect e;
	int n, ok;

	if (!read_expect(path, &e)) {
		snprintf(why, whylen, "%s: no '# expect: L:C: text' line", path);
		return 0;
	}
	n = validate_path(path, forms(), &d);
	ok = n != 0 && has_diag(&d, e.line, e.col, e.sub);
	if (!ok)
		snprintf(why, whylen, "%s: want %d:%d: %s; got %.900s", path, e.line,
		         e.col, e.sub, n == 0 ? "no problems" : diags_text(&d));
	diags_free(&d);
	return ok;
}

static void check_bad_case(const char *file)
{
	char *path = xasprintf("%s/%s", BAD_DIR, file);
	char why[1200];
	int ok = bad_case_matches(path, why, sizeof why);

	free(path);
	if (!ok)
		fprintf(stderr, "%s\n", why);
	CHECK(ok);
}

/* A copy of the forms in a new temporary directory; caller removes it. */
static char *copy_forms(void)
{
	char tmpl[] = "/tmp/duo-forms.XXXXXX";
	char **names;
	size_t n, i;
	char *dir;

	CHECK(mkdtemp(tmpl) != NULL);
	dir = xstrdup(tmpl);
	n = list_yaml(FORMS_DIR, &names);
	CHECK(n > 0);
	for (i = 0; i < n; i++) {
		const char *base = strrchr(names[i], '/') + 1;
		char *to = xasprintf("%s/%s", dir, base);
		FILE *in = fopen(names[i], "rb"), *out = fopen(to, "wb");
		char buf[4096];
		size_t got;

		CHECK(in && out);
		while ((got = fread(buf, 1, sizeof buf, in)) > 0)
			CHECK(fwrite(buf, 1, got, out) == got);
		fclose(in);
		fclose(out);
		free(to);
	}
	free_list(names, n);
	return dir;
}

static void remove_dir(char *dir)
{
	char **names;
	size_t n = list_yaml(dir, &names), i;

	for (i = 0; i < n; i++)
		unlink(names[i]);
	free_list(names, n);
	rmdir(dir);
	free(dir);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = {0};
	char buf[4096];
	size_t got;

	CHECK(f != NULL);
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, got);
	fclose(f);
	return sb_steal(&sb);
}

static void write_all(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	CHECK(fwrite(text, 1, strlen(text), f) == strlen(text));
	fclose(f);
}

/* Insert a field at the top of the first "fields:" list of a form file;
 * extra (may be NULL) is one more "name: value" line of the field. */
static void add_field(const char *path, const char *key, const char *type,
                      const char *extra)
{
	char *text = read_all(path);
	char *at = strstr(text, "fields:\n");
	struct strbuf sb = {0};
	const char *next;
	size_t indent = 0;

	CHECK(at != NULL);
	next = at + strlen("fields:\n");
	while (next[indent] == ' ')
		indent++;
	CHECK(next[indent] == '-');
	sb_addn(&sb, text, (size_t)(next - text));
	sb_addf(&sb, "%*s- key: %s\n%*s  label: Extra\n%*s  type: %s\n",
	        (int)indent, "", key, (int)indent, "", (int)indent, "", type);
	if (extra)
		sb_addf(&sb, "%*s  %s\n", (int)indent, "", extra);
	sb_add(&sb, next);
	write_all(path, sb_str(&sb));
	sb_free(&sb);
	free(text);
}

/* A small valid case; tests splice lines into it at the markers. */
#define CASE_HEAD \
	"format: duo-case/1\n" \
	"household:\n" \
	"  name: Gezin Test\n" \
	"  members:\n" \
	"    - ref: an\n" \
	"      name: An de Boer\n" \
	"      role: ouder\n" \
	"    - ref: bo\n" \
	"      name: Bo\n" \
	"      role: kind\n" \
	"sessions:\n" \
	"  - version: 1\n" \
	"    date: 2026-10-01\n" \
	"    status: concept\n" \
	"    statements:\n" \
	"      - ref: f1\n" \
	"        kind: feit\n" \
	"        text: Bo was om 23 uur nog op straat.\n" \
	"        source: Wijkagent\n" \
	"      - ref: m1\n" \
	"        kind: mening\n" \
	"        text: An vindt het niet erg.\n" \
	"        holder: an\n" \
	"    top3:\n" \
	"      - rank: 1\n" \
	"        title: Bo is 's avonds laat alleen buiten\n" \
	"        evidence: [f1]\n"

/* ---- validate_scalar ---------------------------------------------------- */

TEST(scalar_date)
{
	CHECK_INT(check_type(FT_DATE, 0, 0, "2026-10-14"), 0);
	CHECK_INT(check_type(FT_DATE, 0, 0, "2028-02-29"), 0);
	CHECK_INT(check_type(FT_DATE, 0, 0, "2000-02-29"), 0);
	CHECK_INT(check_type(FT_DATE, 0, 0, "2026-02-29"), -1);
	CHECK_INT(check_type(FT_DATE, 0, 0, "1900-02-29"), -1);
	CHECK_INT(check_type(FT_DATE, 0, 0, "2026-02-30"), -1);
	CHECK_STR(scalar_msg, "geen geldige datum '2026-02-30' (verwacht JJJJ-MM-DD)");
	CHECK_INT(check_type(FT_DATE, 0, 0, "2026-13-01"), -1);
	CHECK_INT(check_type(FT_DATE, 0, 0, "14-10-2026"), -1);
	CHECK_INT(check_type(FT_DATE, 0, 0, "2026-1-4"), -1);
	CHECK_INT(check_type(FT_DATE, 0, 0, ""), -1);
}

TEST(scalar_year_or_date)
{
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "1990"), 0);
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "1900"), 0);
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "2100"), 0);
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "2017-05-31"), 0);
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "1899"), -1);
	CHECK_CONTAINS(scalar_msg, "1900 en 2100");
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "2101"), -1);
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "90"), -1);
	CHECK_INT(check_type(FT_YEAR_OR_DATE, 0, 0, "2017-02-29"), -1);
	CHECK_CONTAINS(scalar_msg, "JJJJ of JJJJ-MM-DD");
}

TEST(scalar_bool)
{
	CHECK_INT(check_type(FT_BOOL, 0, 0, "true"), 0);
	CHECK_INT(check_type(FT_BOOL, 0, 0, "false"), 0);
	CHECK_INT(check_type(FT_BOOL, 0, 0, "ja"), -1);
	CHECK_CONTAINS(scalar_msg, "true, false");
	CHECK_INT(check_type(FT_BOOL, 0, 0, "yes"), -1);
	CHECK_INT(check_type(FT_BOOL, 0, 0, "True"), -1);
	CHECK_INT(check_type(FT_BOOL, 0, 0, "1"), -1);
}

TEST(scalar_int)
{
	CHECK_INT(check_type(FT_INT, 1, 9999, "1"), 0);
	CHECK_INT(check_type(FT_INT, 1, 9999, "9999"), 0);
	CHECK_INT(check_type(FT_INT, 1, 9999, "0"), -1);
	CHECK_STR(scalar_msg, "waarde 0 ligt niet tussen 1 en 9999");
	CHECK_INT(check_type(FT_INT, 1, 9999, "10000"), -1);
	CHECK_INT(check_type(FT_INT, 1, 9999, "1.5"), -1);
	CHECK_CONTAINS(scalar_msg, "geen geheel getal");
	CHECK_INT(check_type(FT_INT, 1, 9999, "twee"), -1);
	CHECK_INT(check_type(FT_INT, 1, 9999, ""), -1);
	CHECK_INT(check_type(FT_INT, 1, 9999, "99999999999999999999999"), -1);
	CHECK_INT(check_type(FT_INT, -5, 5, "-5"), 0);
	CHECK_INT(check_type(FT_INT, 0, 0, "123456"), 0); /* no bounds given */
}

TEST(scalar_score)
{
	CHECK_INT(check_type(FT_SCORE, 0, 0, "0"), 0);
	CHECK_INT(check_type(FT_SCORE, 0, 0, "10"), 0);
	CHECK_INT(check_type(FT_SCORE, 0, 0, "11"), -1);
	CHECK_STR(scalar_msg, "score 11 ligt niet tussen 0 en 10");
	CHECK_INT(check_type(FT_SCORE, 0, 0, "-1"), -1);
	CHECK_INT(check_type(FT_SCORE, 0, 0, "7.5"), -1);
	CHECK_INT(check_type(FT_SCORES, 0, 0, "5"), 0);
	CHECK_INT(check_type(FT_SCORES, 0, 0, "12"), -1);
}

TEST(scalar_id)
{
	CHECK_INT(check_type(FT_ID, 0, 0, "5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11"), 0);
	CHECK_INT(check_type(FT_ID, 0, 0, "5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d1"), -1);
	CHECK_CONTAINS(scalar_msg, "geen geldige UUID");
	CHECK_INT(check_type(FT_ID, 0, 0, "5b0f6a523c8e4d7e9a510f4f3b1c2d11"), -1);
	CHECK_INT(check_type(FT_ID, 0, 0, "5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2dxx"), -1);
}

TEST(scalar_ref)
{
	CHECK_INT(check_type(FT_REF, 0, 0, "f1"), 0);
	CHECK_INT(check_type(FT_REF, 0, 0, "oma_de-groot"), 0);
	CHECK_INT(check_type(FT_REF, 0, 0, "1234567890123456789012345678901234567890"), 0);
	CHECK_INT(check_type(FT_REF, 0, 0, "12345678901234567890123456789012345678901"), -1);
	CHECK_INT(check_type(FT_REF, 0, 0, "f 1"), -1);
	CHECK_CONTAINS(scalar_msg, "geen geldige ref 'f 1'");
	CHECK_INT(check_type(FT_REF, 0, 0, ""), -1);
	CHECK_INT(check_type(FT_REF, 0, 0, "zoë"), -1);
	CHECK_INT(check_type(FT_MEMBER, 0, 0, "anouk"), 0);
	CHECK_INT(check_type(FT_MEMBERS, 0, 0, "an/ouk"), -1);
	CHECK_INT(check_type(FT_RANK, 0, 0, "2"), 0);
	CHECK_INT(check_type(FT_RANKS, 0, 0, "een"), -1);
}

TEST(scalar_choice)
{
	struct form_choice ch[] = {
		{(char *)"eens", (char *)"Eens", NULL},
		{(char *)"deels", (char *)"Deels", NULL},
		{(char *)"oneens", (char *)"Oneens", NULL},
	};
	struct form_field f;

	memset(&f, 0, sizeof f);
	f.key = (char *)"agreement";
	f.label = (char *)"Herkenning";
	f.type = FT_CHOICE;
	f.choices = ch;
	f.nchoices = 3;
	CHECK_INT(validate_scalar(&f, "deels", scalar_msg, sizeof scalar_msg), 0);
	CHECK_STR(scalar_msg, "");
	CHECK_INT(validate_scalar(&f, "misschien", scalar_msg, sizeof scalar_msg), -1);
	CHECK_STR(scalar_msg, "onbekende waarde 'misschien' (kies uit: eens, deels, oneens)");
	CHECK_INT(validate_scalar(&f, "Eens", scalar_msg, sizeof scalar_msg), -1);
	/* a NULL message buffer is allowed */
	CHECK_INT(validate_scalar(&f, "nee", NULL, 0), -1);
}

TEST(scalar_text_and_lines)
{
	CHECK_INT(check_type(FT_TEXT, 0, 0, "Zoë en Ruşen 😢"), 0);
	CHECK_INT(check_type(FT_TEXT, 0, 0, ""), 0);
	CHECK_INT(check_type(FT_TEXT, 0, 0, "twee\nregels"), -1);
	CHECK_CONTAINS(scalar_msg, "regel");
	CHECK_INT(check_type(FT_LINES, 0, 0, "twee\nregels\n"), 0);
	CHECK_INT(check_type(FT_TEXT, 0, 5, "vijf!"), 0);
	CHECK_INT(check_type(FT_TEXT, 0, 5, "zesjes"), -1);
	CHECK_CONTAINS(scalar_msg, "te lang");
	CHECK_INT(check_type(FT_LINES, 0, 4, "Zoë!"), -1); /* 5 bytes */
	CHECK_INT(check_type(FT_TEXT, 0, 0, "bad \xff byte"), -1);
	CHECK_CONTAINS(scalar_msg, "UTF-8");
	CHECK_INT(check_type(FT_LINES, 0, 0, "\xc3\x28"), -1);
}

TEST(scalar_person_target_model)
{
	CHECK_INT(check_type(FT_PERSON, 0, 0, "duo"), 0);
	CHECK_INT(check_type(FT_PERSON, 0, 0, "Fatima El Amrani"), 0);
	CHECK_INT(check_type(FT_PERSON, 0, 0, ""), -1);
	CHECK_CONTAINS(scalar_msg, "leeg");
	CHECK_INT(check_type(FT_PERSON, 0, 0, "Fatima\nEl Amrani"), -1);
	CHECK_INT(check_type(FT_TARGET, 0, 0, "top3/1"), 0);
	CHECK_INT(check_type(FT_TARGET, 0, 0, ""), -1);
	CHECK_INT(check_type(FT_MODEL, 0, 0, "4p"), 0);
	CHECK_INT(check_type(FT_CATEGORY, 0, 0, ""), -1);
}

TEST(scalar_rank)
{
	CHECK_INT(check_type(FT_RANK, 0, 0, "1"), 0);
	CHECK_INT(check_type(FT_RANKS, 0, 0, "3"), 0);
	CHECK_INT(check_type(FT_RANK, 0, 0, "0"), -1);
	CHECK_STR(scalar_msg, "rang 0 bestaat niet (een rang begint bij 1)");
	CHECK_INT(check_type(FT_RANK, 0, 0, "top3/1"), -1);
	CHECK_CONTAINS(scalar_msg, "geen geheel getal");
}

TEST(message_shows_user_text_safely)
{
	char big[200];
	char *nl;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_INT(check_type(FT_DATE, 0, 0, big), -1);
	CHECK_CONTAINS(scalar_msg, "xxx...'");
	CHECK(strlen(scalar_msg) < 120);
	/* a newline in a value never reaches the one-line message */
	CHECK_INT(check_type(FT_BOOL, 0, 0, "ja\nnee"), -1);
	nl = strchr(scalar_msg, '\n');
	CHECK(nl == NULL);
	CHECK_CONTAINS(scalar_msg, "'ja?nee'");
	/* a long multi-byte value is cut on a character boundary */
	CHECK_INT(check_type(FT_DATE, 0, 0,
	          "ëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëë"), -1);
	CHECK(utf8_valid(scalar_msg, strlen(scalar_msg), NULL));
}

/* ---- whole cases: good ------------------------------------------------- */

TEST(shared_example_valid)
{
	struct diags d = {0};
	int n = validate_path(EXAMPLE, forms(), &d);

	if (n != 0)
		fprintf(stderr, "%s\n", diags_text(&d));
	CHECK_INT(n, 0);
	CHECK_INT(d.n, 0);
	diags_free(&d);
}

TEST(good_cases_valid)
{
	char **names;
	size_t n = list_yaml(GOOD_DIR, &names), i;
	int bad = 0;

	CHECK(n >= 4);
	for (i = 0; i < n; i++) {
		struct diags d = {0};
		if (validate_path(names[i], forms(), &d) != 0) {
			fprintf(stderr, "%s: %s\n", names[i], diags_text(&d));
			bad++;
		}
		diags_free(&d);
	}
	free_list(names, n);
	CHECK_INT(bad, 0);
}

TEST(minimal_case_valid)
{
	struct diags d = {0};

	CHECK_INT(validate_text(CASE_HEAD, &d), 0);
	diags_free(&d);
}

/* ---- whole cases: bad -------------------------------------------------- */

TEST(bad_cases_match_expect)
{
	char **names;
	size_t n = list_yaml(BAD_DIR, &names), i;
	int bad = 0;

	CHECK(n >= 30);
	for (i = 0; i < n; i++) {
		char why[1200];
		if (!bad_case_matches(names[i], why, sizeof why)) {
			fprintf(stderr, "%s\n", why);
			bad++;
		}
	}
	free_list(names, n);
	CHECK_INT(bad, 0);
}

TEST(bad_no_format)       { check_bad_case("no-format.yaml"); }
TEST(bad_date_feb_30)     { check_bad_case("bad-date.yaml"); }
TEST(bad_evidence_no_feit) { check_bad_case("evidence-no-feit.yaml"); }
TEST(bad_four_top3)       { check_bad_case("four-top3.yaml"); }
TEST(bad_voorwaarde)      { check_bad_case("voorwaarde-no-consequence.yaml"); }
TEST(bad_participant_both) { check_bad_case("participant-both.yaml"); }
TEST(bad_comment_target)  { check_bad_case("comment-target-missing.yaml"); }
TEST(bad_duplicate_key)   { check_bad_case("duplicate-key.yaml"); }

TEST(unknown_key_at_key)
{
	struct diags d = {0};

	CHECK_INT(validate_text(CASE_HEAD "        bron: politie\n", &d), 1);
	CHECK_INT(d.v[0].line, 28);
	CHECK_INT(d.v[0].col, 9);
	CHECK_CONTAINS(d.v[0].msg, "onbekende sleutel 'bron' in top3");
	CHECK_CONTAINS(d.v[0].msg, "evidence");  /* the hint lists valid keys */
	CHECK_STR(d.v[0].file, "t.yaml");
	diags_free(&d);
}

TEST(duplicate_ref_names_earlier_line)
{
	struct diags d = {0};

	CHECK_INT(validate_text(CASE_HEAD
		"    plan:\n"
		"      - ref: p1\n"
		"        phase: directe-veiligheid\n"
		"        kind: doel\n"
		"        text: Bo is om 21 uur thuis.\n"
		"      - ref: p1\n"
		"        phase: directe-veiligheid\n"
		"        kind: afspraak\n"
		"        text: An haalt Bo op.\n", &d), 1);
	CHECK(has_diag(&d, 33, 14, "ref 'p1' komt al voor op regel 29"));
	diags_free(&d);
}

TEST(three_problems_all_reported)
{
	struct diags d = {0};
	const char *yaml =
		"format: duo-case/1\n"
		"household:\n"
		"  name: Gezin Drie\n"
		"  members:\n"
		"    - ref: an\n"
		"      name: An\n"
		"      role: moeder\n"              /* 7: bad choice */
		"sessions:\n"
		"  - version: 1\n"
		"    date: 2026-02-30\n"            /* 10: bad date */
		"    status: concept\n"
		"    statements:\n"
		"      - ref: f1\n"
		"        kind: feit\n"
		"        text: Iets gezien.\n";     /* 13: feit without source */

	CHECK_INT(validate_text(yaml, &d), 3);
	CHECK_INT(d.n, 3);
	CHECK(has_diag(&d, 7, 13, "onbekende waarde 'moeder'"));
	CHECK(has_diag(&d, 10, 11, "geen geldige datum '2026-02-30'"));
	CHECK(has_diag(&d, 13, 9, "verplicht veld 'source'"));
	/* reported in file order */
	CHECK_INT(d.v[0].line, 7);
	CHECK_INT(d.v[1].line, 10);
	CHECK_INT(d.v[2].line, 13);
	diags_free(&d);
}

TEST(null_optional_is_absent)
{
	struct diags d = {0};

	CHECK_INT(validate_text(CASE_HEAD
		"        what: ~\n"
		"        scores: null\n"
		"        urgent:\n"
		"    plan:\n", &d), 0);
	diags_free(&d);
}

TEST(null_or_empty_required_is_missing)
{
	struct diags d = {0};

	CHECK_INT(validate_text(CASE_HEAD
		"    plan:\n"
		"      - ref: p1\n"
		"        phase: ~\n"
		"        kind: doel\n"
		"        text: \"\"\n", &d), 2);
	CHECK(has_diag(&d, 30, 9, "verplicht veld 'phase'"));
	CHECK(has_diag(&d, 32, 9, "verplicht veld 'text'"));
	diags_free(&d);
}

TEST(default_model_categories)
{
	struct diags d = {0};

	/* no model named: 4p applies */
	CHECK_INT(validate_text(CASE_HEAD
		"    analysis:\n"
		"      factors:\n"
		"        - ref: a1\n"
		"          category: oorzaak\n"
		"          about: omgeving\n"
		"          text: Onveilige buurt.\n", &d), 1);
	CHECK(has_diag(&d, 31, 21, "onbekende categorie 'oorzaak' in model 4p"));
	diags_free(&d);
}

TEST(every_comment_target)
{
	struct diags d = {0};

	CHECK_INT(validate_text(CASE_HEAD
		"    analysis:\n"
		"      factors:\n"
		"        - {ref: a1, category: beschermend, about: an, text: Betrokken.}\n"
		"      hypotheses:\n"
		"        - {ref: h1, text: Verveling., factors: [a1], explains: [1]}\n"
		"    plan:\n"
		"      - {ref: p1, phase: stabiele-veiligheid, kind: doel, text: Club.}\n"
		"    reviews:\n"
		"      - reviewer: Marieke Jansen\n"
		"        date: 2026-10-02\n"
		"        decision: terug\n"
		"        comments:\n"
		"          - {on: top3, text: a}\n"
		"          - {on: feiten, text: a}\n"
		"          - {on: samenvatting, text: a}\n"
		"          - {on: statements, text: a}\n"
		"          - {on: m1, text: a}\n"
		"          - {on: top3/1, text: a}\n"
		"          - {on: a1, text: a}\n"
		"          - {on: h1, text: a}\n"
		"          - {on: p1, text: a}\n"
		"          - {on: top3/2, text: a}\n"
		"          - {on: p2, text: a}\n", &d), 2);
	CHECK(has_diag(&d, 49, 18, "top3/2"));
	CHECK(has_diag(&d, 50, 18, "onbekend doel 'p2'"));
	diags_free(&d);
}

TEST(duplicate_ids_in_file)
{
	struct diags d = {0};
	const char *yaml =
		"format: duo-case/1\n"
		"household:\n"
		"  id: 5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11\n"
		"  name: Gezin Test\n"
		"sessions:\n"
		"  - id: 5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11\n"
		"    version: 1\n"
		"    date: 2026-10-01\n"
		"    status: herzien\n"
		"  - id: 5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11\n"
		"    version: 01\n"
		"    date: 2026-11-01\n"
		"    status: concept\n";

	CHECK_INT(validate_text(yaml, &d), 3);
	CHECK(has_diag(&d, 6, 9, "komt al voor op regel 3"));
	CHECK(has_diag(&d, 10, 9, "komt al voor op regel 3"));
	CHECK(has_diag(&d, 11, 14, "versie 01 komt al voor op regel 7"));
	diags_free(&d);
}

TEST(not_a_mapping)
{
	struct diags d = {0};

	CHECK_INT(validate_text("- format: duo-case/1\n", &d), 1);
	CHECK_CONTAINS(d.v[0].msg, "mapping");
	diags_free(&d);
}

/* ---- the forms are data ------------------------------------------------- */

/* CASE_HEAD with one line inserted before the line "before". */
static char *case_with(const char *before, const char *line)
{
	const char *at = strstr(CASE_HEAD, before);
	struct strbuf sb = {0};

	CHECK(at != NULL);
	sb_addn(&sb, CASE_HEAD, (size_t)(at - CASE_HEAD));
	sb_add(&sb, line);
	sb_add(&sb, at);
	return sb_steal(&sb);
}

TEST(extra_field_from_forms)
{
	char *dir = copy_forms();
	char *feiten = xasprintf("%s/1-feiten.yaml", dir);
	char *with_extra = case_with("        source: Wijkagent\n",
	                             "        interpreter: Tolk Arabisch aanwezig\n");
	char *with_bad = case_with("        source: Wijkagent\n",
	                           "        tolk: ja\n");
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *root;
	struct formset fs;

	add_field(feiten, "interpreter", "text", NULL);
	CHECK_INT(formset_load(&fs, dir, &d), 0);
	CHECK(form_section_field(formset_section(&fs, "statements"),
	                         "interpreter") != NULL);

	/* the extra field is accepted in a statement ... */
	root = doc_load_buffer("x.yaml", with_extra, strlen(with_extra), &lim, &d);
	CHECK(root != NULL);
	CHECK_INT(validate_case(root, &fs, "x.yaml", &d), 0);
	/* ... but not by the project's own forms */
	CHECK_INT(validate_case(root, forms(), "x.yaml", &d), 1);
	CHECK(has_diag(&d, 19, 9, "onbekende sleutel 'interpreter'"));
	doc_free(root);
	diags_clear(&d);

	/* an unknown key is still refused with the extra field in place */
	root = doc_load_buffer("x.yaml", with_bad, strlen(with_bad), &lim, &d);
	CHECK(root != NULL);
	CHECK_INT(validate_case(root, &fs, "x.yaml", &d), 1);
	CHECK(has_diag(&d, 19, 9, "onbekende sleutel 'tolk' in statements"));
	CHECK_CONTAINS(d.v[0].msg, "interpreter"); /* listed as a valid key */
	doc_free(root);

	diags_free(&d);
	formset_free(&fs);
	free(with_extra);
	free(with_bad);
	free(feiten);
	remove_dir(dir);
}

TEST(required_if_from_forms)
{
	char *dir = copy_forms();
	char *feiten = xasprintf("%s/1-feiten.yaml", dir);
	struct doc_limits lim = doc_limits_default();
	struct formset fs;
	struct diags d = {0};
	struct doc_node *root;
	const char *yaml =
		"format: duo-case/1\n"
		"household:\n"
		"  name: Gezin Test\n"
		"sessions:\n"
		"  - version: 1\n"
		"    date: 2026-10-01\n"
		"    status: concept\n"
		"    statements:\n"
		"      - {ref: f1, kind: feit, text: Gezien.}\n"
		"      - {ref: m1, kind: mening, text: Vindt het goed.}\n"
		"      - {ref: m2, kind: mening, text: Eens., heard_by: Lieke}\n";

	/* the project's forms: a feit needs a source, heard_by is unknown */
	CHECK_INT(validate_text(yaml, &d), 2);
	CHECK(has_diag(&d, 9, 9, "verplicht veld 'source'"));
	CHECK(has_diag(&d, 11, 46, "onbekende sleutel 'heard_by'"));
	diags_clear(&d);

	/* a form whose extra field is required for a mening */
	add_field(feiten, "heard_by", "person", "required_if: {kind: mening}");
	CHECK_INT(formset_load(&fs, dir, &d), 0);
	root = doc_load_buffer("y.yaml", yaml, strlen(yaml), &lim, &d);
	CHECK(root != NULL);
	CHECK_INT(validate_case(root, &fs, "y.yaml", &d), 2);
	CHECK(has_diag(&d, 9, 9, "verplicht veld 'source'"));
	CHECK(has_diag(&d, 10, 9, "verplicht veld 'heard_by' (Extra) ontbreekt: "
	                          "nodig als kind mening is"));
	doc_free(root);
	diags_free(&d);
	formset_free(&fs);
	free(feiten);
	remove_dir(dir);
}

/* An unfinished concept passes the shape check but not the full one;
 * a broken pointer fails both. */
TEST(shape_mode_allows_unfinished_work_only)
{
	static const char *unfinished =
		"format: duo-case/1\n"
		"household:\n"
		"  name: Gezin Test\n"
		"  members:\n"
		"    - {ref: a, name: A, role: ouder}\n"
		"sessions:\n"
		"  - version: 1\n"
		"    date: 2026-11-01\n"
		"    status: concept\n"
		"    participants:\n"
		"      - {organisation: Sociaal team}\n"
		"    statements:\n"
		"      - {ref: f1, kind: feit}\n"
		"      - {ref: z1, kind: zorg, text: Zorg}\n"
		"    top3:\n"
		"      - {rank: 1, title: Zorg, evidence: [z1]}\n"
		"    plan:\n"
		"      - {ref: p1, phase: directe-veiligheid, kind: voorwaarde, text: X}\n";
	static const char *broken =
		"format: duo-case/1\nhousehold:\n  name: X\nsessions:\n"
		"  - version: 1\n    statements:\n"
		"      - {ref: f1, about: [niemand]}\n";
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *root;

	CHECK(forms() != NULL);
	root = doc_load_buffer("t.yaml", unfinished, strlen(unfinished), &lim, &d);
	CHECK(root != NULL);
	CHECK_INT(validate_case_mode(root, forms(), "t.yaml", VALIDATE_SHAPE, &d), 0);
	CHECK(validate_case(root, forms(), "t.yaml", &d) >= 4);
	CHECK_CONTAINS(diags_text(&d), "'text'");
	CHECK_CONTAINS(diags_text(&d), "'source'");
	CHECK_CONTAINS(diags_text(&d), "'consequence'");
	CHECK_CONTAINS(diags_text(&d), "rust niet op een feit");
	diags_clear(&d);
	doc_free(root);

	root = doc_load_buffer("t.yaml", broken, strlen(broken), &lim, &d);
	CHECK(root != NULL);
	CHECK(validate_case_mode(root, forms(), "t.yaml", VALIDATE_SHAPE, &d) == 1);
	CHECK_CONTAINS(diags_text(&d), "niemand");
	doc_free(root);
	diags_free(&d);
}

int main(void)
{
	RUN(scalar_date);
	RUN(scalar_year_or_date);
	RUN(scalar_bool);
	RUN(scalar_int);
	RUN(scalar_score);
	RUN(scalar_id);
	RUN(scalar_ref);
	RUN(scalar_choice);
	RUN(scalar_text_and_lines);
	RUN(scalar_person_target_model);
	RUN(scalar_rank);
	RUN(message_shows_user_text_safely);
	RUN(shared_example_valid);
	RUN(good_cases_valid);
	RUN(minimal_case_valid);
	RUN(bad_cases_match_expect);
	RUN(bad_no_format);
	RUN(bad_date_feb_30);
	RUN(bad_evidence_no_feit);
	RUN(bad_four_top3);
	RUN(bad_voorwaarde);
	RUN(bad_participant_both);
	RUN(bad_comment_target);
	RUN(bad_duplicate_key);
	RUN(unknown_key_at_key);
	RUN(duplicate_ref_names_earlier_line);
	RUN(three_problems_all_reported);
	RUN(null_optional_is_absent);
	RUN(null_or_empty_required_is_missing);
	RUN(default_model_categories);
	RUN(every_comment_target);
	RUN(duplicate_ids_in_file);
	RUN(not_a_mapping);
	RUN(extra_field_from_forms);
	RUN(required_if_from_forms);
	RUN(shape_mode_allows_unfinished_work_only);
	if (forms_state == 1)
		formset_free(&the_forms);
	return unit_done();
}
