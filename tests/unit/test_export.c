/*
 * test_export.c - unit tests of the professional text export
 * (export_text_professional) on documents loaded from tests/cases/good and
 * from small YAML buffers; no database is needed, since a loaded case has
 * the shape store_export_case produces.
 *
 * Run from the repository root (as `make test` does); $DUO_FORMS names the
 * forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "unit.h"

/* The good case files, relative to the repository root. */
#define GOOD "tests/cases/good/"

static struct formset forms;

static const char *forms_dir(void)
{
	const char *dir = getenv("DUO_FORMS");

	return dir && *dir ? dir : "forms";
}

/* The shared example cases: $EXAMPLES, else ../shared/examples. */
static char *example(const char *name)
{
	const char *dir = getenv("EXAMPLES");

	return xasprintf("%s/%s", dir && *dir ? dir : "../shared/examples", name);
}

/* Export version of doc (freed here) at width. Returns the text (caller
 * frees) or NULL; *rc and d get the result. */
static char *export_node(const struct formset *fs, struct doc_node *doc,
                         int version, int width, int *rc, struct diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (!doc)
		return NULL;
	f = open_memstream(&buf, &len);
	*rc = export_text_professional(f, doc, fs, version, width, d);
	fclose(f);
	doc_free(doc);
	return buf;
}

/* The same for a case file, and for a case in a string. */
static char *export_file(const struct formset *fs, const char *file,
                         int version, int width, int *rc, struct diags *d)
{
	return export_node(fs, doc_load_file(file, NULL, d), version, width, rc,
	                   d);
}

static char *export_yaml(const struct formset *fs, const char *yaml,
                         int version, int width, int *rc, struct diags *d)
{
	return export_node(fs, doc_load_buffer("test", yaml, strlen(yaml), NULL,
	                                       d), version, width, rc, d);
}

/* The line of text that contains needle, as a new string; NULL if none. */
static char *line_with(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *start, *end;

	if (!p)
		return NULL;
	for (start = p; start > text && start[-1] != '\n'; start--)
		;
	end = strchr(p, '\n');
	return strndup(start, end ? (size_t)(end - start) : strlen(start));
}

/* Code points in s[0..n). */
static size_t code_points(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

static const char small_case[] =
	"format: duo-case/1\n"
	"household:\n"
	"  name: Huishouden Test\n"
	"  members:\n"
	"    - {ref: a, name: Ëlla Ëëk, role: ouder}\n"
	"sessions:\n"
	"  - version: 1\n"
	"    date: 2026-01-05\n"
	"    status: concept\n"
	"    statements:\n"
	"      - ref: f1\n"
	"        kind: feit\n"
	"        text: \"ëëëë ëëëë ëëëë ëëëë ëëëë ëëëë ëëëë ëëëë ëëëë ëëëë "
	"ëëëë ëëëë 漢字漢字 漢字漢字 漢字漢字 漢字漢字 \\e[31mrood\"\n"
	"        source: Test\n"
	"        about: [a]\n"
	"        followup: Bellen met de huisarts\n";

TEST(every_stage_heading)
{
	struct diags d = {0};
	int rc = -1;
	char *out = export_file(&forms, GOOD "gezin-bos-twee-sessies.yaml",
	                        0, 72, &rc, &d);

	CHECK(out);
	CHECK_INT(rc, 0);
	for (size_t i = 0; i < forms.nforms; i++)
		if (forms.forms[i].stage >= 0)
			CHECK_CONTAINS(out, forms.forms[i].title);
	CHECK_CONTAINS(out, "Versie 2 van 2026-09-02");
	CHECK_INT(d.n, 0);
	free(out);
	diags_free(&d);
}

TEST(confidential_item_marked)
{
	struct diags d = {0};
	int rc = -1;
	char *out = export_file(&forms, GOOD "alle-velden.yaml", 0, 72, &rc, &d);
	char *line;

	CHECK(out);
	CHECK_INT(rc, 0);
	line = line_with(out, "[VERTROUWELIJK]");
	CHECK(line);
	CHECK_CONTAINS(line, "f2 [VERTROUWELIJK] Samira logeert");
	free(line);
	/* the non-confidential f1 is not marked */
	line = line_with(out, "f1 Op 11 oktober");
	CHECK(line);
	CHECK(!strstr(line, "VERTROUWELIJK"));
	free(line);
	free(out);
	diags_free(&d);
}

TEST(member_names_not_refs)
{
	struct diags d = {0};
	int rc = -1;
	char *out = export_file(&forms, GOOD "alle-velden.yaml", 0, 72, &rc, &d);

	CHECK(out);
	CHECK_CONTAINS(out, "Over: Samira Chaouch, Kevin Peters");
	CHECK_CONTAINS(out, "Van wie: Youssra Chaouch");
	CHECK_CONTAINS(out, "wie: Kevin Peters");
	CHECK(!strstr(out, "Over: samira"));
	CHECK(!strstr(out, "wie: kevin"));
	free(out);
	diags_free(&d);
}

TEST(choice_labels_and_groups)
{
	struct diags d = {0};
	int rc = -1;
	char *file = example("gezin-visser.yaml");
	char *out = export_file(&forms, file, 0, 72, &rc, &d);

	free(file);

	CHECK(out);
	CHECK_INT(rc, 0);
	CHECK_CONTAINS(out, "\nFeit\n  f1 Op 30 september");
	CHECK_CONTAINS(out, "\nZorg\n  z1 ");
	CHECK_CONTAINS(out, "\nPredisponerend\n  a1 ");
	CHECK_CONTAINS(out, "Zorg 1: Ruzies met geweld waar de kinderen bij zijn\n"
	                    "  Directe veiligheid\n    [Voorwaarde] Ramon");
	CHECK_CONTAINS(out, "Gevolg als dit niet gebeurt: Als dit toch gebeurt");
	CHECK_CONTAINS(out, "Veiligheidsscores: duo 3, Anouk Visser 6, "
	                    "Ramon Visser 8");
	CHECK_CONTAINS(out, "Onderbouwd met: f1 Op 30 september 2026 is de "
	                    "politie in\xe2\x80\xa6\n");
	free(out);
	diags_free(&d);
}

TEST(wraps_by_characters_not_bytes)
{
	struct diags d = {0};
	int rc = -1, long_in_bytes = 0;
	char *out = export_yaml(&forms, small_case, 0, 30, &rc, &d);

	CHECK(out);
	CHECK_INT(rc, 0);
	for (const char *p = out; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		size_t cols = code_points(p, n);

		/* each 漢 is two columns: count them twice */
		for (const char *k = p; (k = strstr(k, "\xe6\xbc\xa2")) &&
		     k < p + n; k += 3)
			cols++;
		for (const char *k = p; (k = strstr(k, "\xe5\xad\x97")) &&
		     k < p + n; k += 3)
			cols++;
		CHECK(cols <= 30);
		CHECK(n == 0 || p[n - 1] != ' ');
		if (n > 30)
			long_in_bytes = 1;
		p = eol ? eol + 1 : p + n;
	}
	CHECK(long_in_bytes);
	CHECK_CONTAINS(out, "   ëëëë ëëëë ëëëë ëëëë ëëëë\n");
	free(out);
	diags_free(&d);
}

TEST(control_characters_not_passed)
{
	struct diags d = {0};
	int rc = -1;
	char *out = export_yaml(&forms, small_case, 0, 72, &rc, &d);

	CHECK(out);
	CHECK(!strchr(out, '\x1b'));
	CHECK_CONTAINS(out, "\xef\xbf\xbd[31mrood");
	free(out);
	diags_free(&d);
}

TEST(multi_line_text_keeps_lines)
{
	struct diags d = {0};
	int rc = -1;
	char *out = export_file(&forms, GOOD "gezin-aydin-martens-utf8.yaml",
	                        0, 72, &rc, &d);

	CHECK(out);
	CHECK_INT(rc, 0);
	/* "zag dat Zoë" ends a line of the source, so it ends a line here */
	CHECK_CONTAINS(out, "zag dat Zo\xc3\xab\n     drie ochtenden");
	CHECK_CONTAINS(out, "Ru\xc5\x9f" "en Ayd\xc4\xb1n");
	free(out);
	diags_free(&d);
}

TEST(unknown_version_diagnostic)
{
	struct diags d = {0};
	int rc = 0;
	char *out = export_file(&forms, GOOD "gezin-bos-twee-sessies.yaml",
	                        3, 72, &rc, &d);

	CHECK_INT(rc, -1);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.v[0].msg, "versie 3 bestaat niet (wel: 1, 2)");
	CHECK(out == NULL || out[0] == '\0');
	free(out);
	diags_free(&d);
}

TEST(older_version_selected)
{
	struct diags d = {0};
	int rc = -1;
	char *out = export_file(&forms, GOOD "gezin-bos-twee-sessies.yaml",
	                        1, 72, &rc, &d);

	CHECK(out);
	CHECK_INT(rc, 0);
	CHECK_CONTAINS(out, "Versie 1 van ");
	CHECK(!strstr(out, "Versie 2 van "));
	free(out);
	diags_free(&d);
}

TEST(no_sessions_diagnostic)
{
	static const char yaml[] =
		"format: duo-case/1\nhousehold:\n  name: Leeg\n";
	struct diags d = {0};
	int rc = 0;
	char *out = export_yaml(&forms, yaml, 0, 72, &rc, &d);

	CHECK_INT(rc, -1);
	CHECK_INT(d.n, 1);
	CHECK_CONTAINS(d.v[0].msg, "geen sessies");
	free(out);
	diags_free(&d);
}

TEST(deterministic)
{
	struct diags d = {0};
	int rc = -1;
	char *a = export_file(&forms, GOOD "alle-velden.yaml", 0, 72, &rc, &d);
	char *b = export_file(&forms, GOOD "alle-velden.yaml", 0, 72, &rc, &d);

	CHECK(a && b);
	CHECK_STR(a, b);
	free(a);
	free(b);
	diags_free(&d);
}

TEST(write_error_reported)
{
	struct diags d = {0};
	struct doc_node *doc = doc_load_buffer("test", small_case,
	                                       strlen(small_case), NULL, &d);
	FILE *f = fopen("/dev/full", "w");

	CHECK(doc);
	if (!f) { /* no /dev/full here: nothing to test */
		doc_free(doc);
		return;
	}
	CHECK_INT(export_text_professional(f, doc, &forms, 0, 72, &d), -1);
	CHECK(d.n >= 1);
	CHECK_CONTAINS(d.v[d.n - 1].msg, "schrijven mislukt");
	fclose(f);
	doc_free(doc);
	diags_free(&d);
}

/* A field added to a form shows up with its label, with no change in C. */
TEST(extra_field_printed_with_label)
{
	char dir[] = "/tmp/duo-test-forms.XXXXXX";
	struct formset fs = {0};
	struct diags d = {0};
	int rc = -1;
	char *out, *cmd;

	CHECK(mkdtemp(dir));
	cmd = xasprintf("cp '%s'/*.yaml %s/ && printf '%%s\\n' "
	                "'      - key: followup' '        label: Vervolgactie' "
	                "'        type: text' >> %s/1-feiten.yaml",
	                forms_dir(), dir, dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	CHECK_INT(formset_load(&fs, dir, &d), 0);
	out = export_yaml(&fs, small_case, 0, 72, &rc, &d);
	cmd = xasprintf("rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	CHECK(out);
	CHECK_INT(rc, 0);
	CHECK_CONTAINS(out, "Vervolgactie: Bellen met de huisarts");
	free(out);
	formset_free(&fs);
	diags_free(&d);
}

int main(void)
{
	struct diags d = {0};

	if (formset_load(&forms, forms_dir(), &d) != 0) {
		diags_print(stdout, &d);
		printf("not ok - load_forms: %s\n", forms_dir());
		return 1;
	}
	RUN(every_stage_heading);
	RUN(confidential_item_marked);
	RUN(member_names_not_refs);
	RUN(choice_labels_and_groups);
	RUN(wraps_by_characters_not_bytes);
	RUN(control_characters_not_passed);
	RUN(multi_line_text_keeps_lines);
	RUN(unknown_version_diagnostic);
	RUN(older_version_selected);
	RUN(no_sessions_diagnostic);
	RUN(deterministic);
	RUN(write_error_reported);
	RUN(extra_field_printed_with_label);
	formset_free(&forms);
	diags_free(&d);
	return unit_done();
}
