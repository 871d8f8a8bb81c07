/*
 * test_audience.c - the household filter (audience.h) as a security
 * property: every kind of thing the household must not see is left out of
 * the filtered copy, confidential text copied into a shown field refuses
 * the copy, and what the household may see stays.
 *
 * Each test writes a small case with a marker text in each hidden place,
 * filters it and looks for the markers in the YAML of the copy: a marker
 * that shows up is a leak, whatever the path it took. The last tests run
 * the same search over every case file of the repository.
 *
 * Run from the top of the repository (as `make test` does): forms from
 * $DUO_FORMS or "forms", cases from tests/cases, data/demo and $EXAMPLES
 * (else ../shared/examples).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audience.h"
#include "doc.h"
#include "form.h"
#include "store.h"
#include "unit.h"

static const char *forms_dir(void)
{
	const char *dir = getenv("DUO_FORMS");

	return dir && *dir ? dir : "forms";
}

static struct formset FS;

static void load_forms(struct formset *fs, const char *dir)
{
	struct diags d = {0};

	if (formset_load(fs, dir, &d) != 0)
		diags_print(stdout, &d);
	CHECK_INT(d.n, 0);
	diags_free(&d);
}

static struct doc_node *parse(const char *yaml)
{
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *n = doc_load_buffer("test", yaml, strlen(yaml), &lim, &d);

	if (!n)
		diags_print(stdout, &d);
	CHECK(n != NULL);
	diags_free(&d);
	return n;
}

/* The filtered copy of yaml as YAML text (NULL when refused, with the
 * first diagnostic in *why if why is not NULL). Caller frees. */
static char *filtered(const struct formset *fs, const char *yaml,
                      int version, unsigned flags, char **why)
{
	struct doc_node *kase = parse(yaml);
	struct diags d = {0};
	struct doc_node *out = audience_household_case(kase, fs, version, flags,
	                                               &d);
	char *text = NULL;

	if (why)
		*why = d.n ? diag_format(&d.v[0]) : NULL;
	if (out) {
		text = doc_emit_string(out, &d);
		CHECK(text != NULL);
		CHECK_INT(d.n, 0);
	}
	doc_free(out);
	doc_free(kase);
	diags_free(&d);
	return text;
}

#define CHECK_ABSENT(text, marker) do { \
	if (strstr((text), (marker))) { \
		printf("# leaked into:\n%s\n", (text)); \
		CHECK(!"marker leaked: " marker); \
	} \
} while (0)

/* A case with a marker in every place the household must not see
 * (GEHEIM-...) and in places it may see (ZICHTBAAR-...). */
#define CASE_HEAD \
	"format: duo-case/1\n" \
	"household:\n" \
	"  id: 5b0f6a52-3c8e-4d7e-9a51-0f4f3b1c2d11\n" \
	"  name: Gezin Test\n" \
	"  team: Wijkteam Test\n" \
	"  members:\n" \
	"    - {ref: an, name: Anna Test, role: ouder, _id: '7'}\n" \
	"    - {ref: bo, name: Bo Test, role: kind}\n" \
	"    - {ref: geheimlid, name: GEHEIM-LID Nieuwe Partner, role: partner," \
	" confidential: true}\n" \
	"sessions:\n" \
	"  - id: 0e2d6a52-3c8e-4d7e-9a51-0f4f3b1c2d12\n" \
	"    version: 1\n" \
	"    date: 2026-10-14\n" \
	"    status: GEHEIM-STATUS\n" \
	"    evaluation: 2026-12-15\n" \
	"    participants:\n" \
	"      - {member: an}\n" \
	"      - {member: geheimlid}\n" \
	"      - {name: ZICHTBAAR-Fatima, organisation: Team, role: lokaal}\n" \
	"    statements:\n" \
	"      - ref: f1\n" \
	"        kind: feit\n" \
	"        text: ZICHTBAAR-feit\n" \
	"        source: GEHEIM-BRON van een buurvrouw\n" \
	"        about: [an, geheimlid]\n" \
	"        response: ZICHTBAAR-reactie\n" \
	"        confidential: false\n" \
	"      - ref: f2\n" \
	"        kind: feit\n" \
	"        text: GEHEIM-TEKST adres van de opvang\n" \
	"        source: GEHEIM-BRON2\n" \
	"        response: GEHEIM-REACTIE\n" \
	"        holder: an\n" \
	"        confidential: true\n" \
	"      - ref: f3\n" \
	"        kind: mening\n" \
	"        text: GEHEIM-ONBEGREPEN waarde\n" \
	"        confidential: ja\n"
#define CASE_TOP3 \
	"    top3:\n" \
	"      - rank: 1\n" \
	"        title: ZICHTBAAR-titel\n" \
	"        what: ZICHTBAAR-wat\n" \
	"        evidence: [f1, f2, f3]\n" \
	"        scores: {duo: 3, an: 6, geheimlid: 9}\n"
#define CASE_REST \
	"    analysis:\n" \
	"      model: 4p\n" \
	"      factors:\n" \
	"        - {ref: a1, category: beschermend, about: geheimlid," \
	" text: ZICHTBAAR-factor}\n" \
	"      hypotheses:\n" \
	"        - ref: h1\n" \
	"          text: ZICHTBAAR-hypothese\n" \
	"          factors: [a1]\n" \
	"          explains: [1]\n" \
	"          household_explanation: ZICHTBAAR-uitleg\n" \
	"          check: GEHEIM-TOETS bij de school navragen\n" \
	"    plan:\n" \
	"      - ref: p1\n" \
	"        concern: 1\n" \
	"        phase: directe-veiligheid\n" \
	"        kind: voorwaarde\n" \
	"        text: ZICHTBAAR-voorwaarde\n" \
	"        who: geheimlid\n" \
	"        consequence: ZICHTBAAR-gevolg\n" \
	"    reviews:\n" \
	"      - reviewer: GEHEIM-TEAMLEIDER\n" \
	"        date: 2026-10-16\n" \
	"        decision: terug\n" \
	"        comments:\n" \
	"          - {on: top3/1, text: GEHEIM-OPMERKING}\n" \
	"    geheim_sleutel: GEHEIM-ONBEKENDE-SLEUTEL\n"
#define CASE CASE_HEAD CASE_TOP3 CASE_REST

TEST(confidential_items_and_everything_pointing_at_them_are_gone)
{
	char *why = NULL;
	char *y = filtered(&FS, CASE, 0, 0, &why);

	if (!y)
		printf("# refused: %s\n", why ? why : "?");
	CHECK(y != NULL);
	CHECK_ABSENT(y, "GEHEIM-TEKST");
	CHECK_ABSENT(y, "GEHEIM-REACTIE");
	CHECK_ABSENT(y, "GEHEIM-BRON2");
	CHECK_ABSENT(y, "f2");
	/* a confidential value that is not understood hides the item */
	CHECK_ABSENT(y, "GEHEIM-ONBEGREPEN");
	CHECK_ABSENT(y, "f3");
	/* a confidential member, and every pointer to it */
	CHECK_ABSENT(y, "GEHEIM-LID");
	CHECK_ABSENT(y, "geheimlid");
	CHECK_ABSENT(y, "{}"); /* the participant who was that member */
	/* the shown items are there, with what is theirs */
	CHECK_CONTAINS(y, "ZICHTBAAR-feit");
	CHECK_CONTAINS(y, "ZICHTBAAR-reactie");
	CHECK_CONTAINS(y, "evidence: [f1]");
	CHECK_CONTAINS(y, "ZICHTBAAR-factor");
	CHECK_CONTAINS(y, "ZICHTBAAR-voorwaarde");
	CHECK_CONTAINS(y, "ZICHTBAAR-gevolg");
	CHECK_CONTAINS(y, "an: 6");
	free(why);
	free(y);
}

TEST(reviews_and_comments_are_gone)
{
	char *y = filtered(&FS, CASE, 0, 0, NULL);

	CHECK(y != NULL);
	CHECK_ABSENT(y, "GEHEIM-TEAMLEIDER");
	CHECK_ABSENT(y, "GEHEIM-OPMERKING");
	CHECK_ABSENT(y, "reviews");
	CHECK_ABSENT(y, "terug");
	free(y);
}

TEST(fields_the_forms_do_not_mark_are_gone)
{
	char *y = filtered(&FS, CASE, 0, 0, NULL);

	CHECK(y != NULL);
	CHECK_ABSENT(y, "GEHEIM-BRON van een buurvrouw"); /* source */
	CHECK_ABSENT(y, "GEHEIM-TOETS");                  /* check */
	CHECK_ABSENT(y, "GEHEIM-STATUS");                 /* status */
	CHECK_ABSENT(y, "5b0f6a52");                      /* ids */
	CHECK_ABSENT(y, "0e2d6a52");
	CHECK_ABSENT(y, "confidential");                  /* the mark */
	CHECK_ABSENT(y, "GEHEIM-ONBEKENDE-SLEUTEL");      /* no form has it */
	CHECK_ABSENT(y, "_id");                           /* row ids */
	CHECK_CONTAINS(y, "ZICHTBAAR-uitleg");
	CHECK_CONTAINS(y, "evaluation: 2026-12-15");
	free(y);
}

/* The forms copied to a temporary directory with one field added to the
 * statements; attr is appended to its definition. Caller removes it. */
static char *forms_with_field(const char *attr)
{
	char tmpl[] = "/tmp/duo-test-audience-XXXXXX";
	DIR *dp;
	const struct dirent *de;
	char *dir;

	CHECK(mkdtemp(tmpl) != NULL);
	dir = xstrdup(tmpl);
	dp = opendir(forms_dir());
	CHECK(dp != NULL);
	while ((de = readdir(dp)) != NULL) {
		struct strbuf sb = {0};
		char buf[4096], *src, *dst;
		size_t n;
		FILE *in, *out;

		if (de->d_name[0] == '.')
			continue;
		src = xasprintf("%s/%s", forms_dir(), de->d_name);
		dst = xasprintf("%s/%s", dir, de->d_name);
		in = fopen(src, "rb");
		CHECK(in != NULL);
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			sb_addn(&sb, buf, n);
		fclose(in);
		if (strcmp(de->d_name, "1-feiten.yaml") == 0)
			sb_addf(&sb, "      - key: notitie\n"
			        "        label: Notitie\n"
			        "        type: lines\n%s", attr);
		out = fopen(dst, "wb");
		CHECK(out != NULL);
		CHECK(fwrite(sb.s, 1, sb.len, out) == sb.len);
		CHECK(fclose(out) == 0);
		sb_free(&sb);
		free(src);
		free(dst);
	}
	closedir(dp);
	return dir;
}

static void remove_dir(char *dir)
{
	DIR *dp = opendir(dir);
	const struct dirent *de;

	while (dp && (de = readdir(dp)) != NULL) {
		char *p;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
	free(dir);
}

#define NOTE_CASE \
	"format: duo-case/1\n" \
	"household: {name: Gezin Notitie, members: [{ref: an, name: An," \
	" role: ouder}]}\n" \
	"sessions:\n" \
	"  - version: 1\n" \
	"    date: 2026-10-14\n" \
	"    status: concept\n" \
	"    statements:\n" \
	"      - {ref: f1, kind: feit, text: Iets wat gezien is, source: x," \
	" notitie: NOTITIE-VAN-HET-TEAM}\n"

/* A field a team adds to a form is hidden until the form says
 * household: true; with it, it is shown. No C changes either way. */
TEST(a_field_added_to_a_form_is_hidden_unless_marked)
{
	char *dir = forms_with_field("");
	struct formset fs = {0};
	char *y;

	load_forms(&fs, dir);
	CHECK_INT(audience_household_field(&fs, "statements", "notitie"), 0);
	y = filtered(&fs, NOTE_CASE, 0, 0, NULL);
	CHECK(y != NULL);
	CHECK_ABSENT(y, "NOTITIE-VAN-HET-TEAM");
	CHECK_CONTAINS(y, "Iets wat gezien is");
	free(y);
	formset_free(&fs);
	remove_dir(dir);

	dir = forms_with_field("        household: true\n");
	memset(&fs, 0, sizeof fs);
	load_forms(&fs, dir);
	CHECK_INT(audience_household_field(&fs, "statements", "notitie"), 1);
	y = filtered(&fs, NOTE_CASE, 0, 0, NULL);
	CHECK(y != NULL);
	CHECK_CONTAINS(y, "NOTITIE-VAN-HET-TEAM");
	free(y);
	formset_free(&fs);
	remove_dir(dir);
}

TEST(per_field_and_per_item_answers_for_the_screens)
{
	struct doc_node *kase = parse(CASE);
	const struct doc_node *session = doc_map_get(kase, "sessions")->item[0];
	const struct doc_node *st = doc_map_get(session, "statements");
	const struct doc_node *top3 = doc_map_get(session, "top3")->item[0];
	const struct form_field *ev =
		form_section_field(formset_section(&FS, "top3"), "evidence");
	const struct form_field *who =
		form_section_field(formset_section(&FS, "plan"), "who");

	CHECK_INT(audience_household_section("top3"), 1);
	CHECK_INT(audience_household_section("reviews"), 0);
	CHECK_INT(audience_household_section("comments"), 0);
	CHECK_INT(audience_household_section("nergens"), 0);
	CHECK_INT(audience_household_field(&FS, "top3", "title"), 1);
	CHECK_INT(audience_household_field(&FS, "statements", "source"), 0);
	CHECK_INT(audience_household_field(&FS, "statements", "confidential"),
	          0);
	CHECK_INT(audience_household_field(&FS, "hypotheses", "check"), 0);
	CHECK_INT(audience_household_field(&FS, "sessions", "status"), 0);
	CHECK_INT(audience_household_field(&FS, "comments", "text"), 0);
	CHECK_INT(audience_household_field(&FS, "statements", "_id"), 0);
	CHECK_INT(audience_household_field(&FS, "statements", "onbekend"), 0);
	CHECK_INT(audience_household_item(&FS, "statements", st->item[0]), 1);
	CHECK_INT(audience_household_item(&FS, "statements", st->item[1]), 0);
	CHECK_INT(audience_household_item(&FS, "statements", st->item[2]), 0);
	CHECK_INT(audience_household_item(&FS, "top3", top3), 1);
	CHECK_INT(audience_household_item(&FS, "reviews",
	          doc_map_get(session, "reviews")->item[0]), 0);
	CHECK_INT(audience_household_ref(&FS, kase, session, ev, "f1"), 1);
	CHECK_INT(audience_household_ref(&FS, kase, session, ev, "f2"), 0);
	CHECK_INT(audience_household_ref(&FS, kase, session, ev, "f9"), 0);
	CHECK_INT(audience_household_ref(&FS, kase, session, who, "an"), 1);
	CHECK_INT(audience_household_ref(&FS, kase, session, who, "geheimlid"),
	          0);
	CHECK_INT(audience_household_ref(&FS, kase, session, who, "duo"), 1);
	CHECK_INT(audience_household_ref(&FS, kase, session, who,
	                                 "Buurvrouw Els"), 1);
	doc_free(kase);
}

/* A session where one of each thing a pointer can reach is hidden: member
 * geheimlid, statement f2, factor a9, concern 2. */
#define PTR_CASE \
	"format: duo-case/1\n" \
	"household:\n" \
	"  name: Gezin Test\n" \
	"  members:\n" \
	"    - {ref: an, name: Anna Test, role: ouder}\n" \
	"    - {ref: geheimlid, name: Nieuwe Partner, role: partner," \
	" confidential: true}\n" \
	"sessions:\n" \
	"  - version: 1\n" \
	"    participants:\n" \
	"      - {member: an}\n" \
	"      - {member: geheimlid}\n" \
	"      - {name: Fatima, role: lokaal}\n" \
	"    statements:\n" \
	"      - {ref: f1, kind: feit, text: a}\n" \
	"      - {ref: f2, kind: feit, text: b, confidential: true}\n" \
	"    top3:\n" \
	"      - {rank: 1, title: a}\n" \
	"      - {rank: 2, title: b, confidential: true}\n" \
	"    analysis:\n" \
	"      factors:\n" \
	"        - {ref: a1, category: beschermend, text: a}\n" \
	"        - {ref: a9, category: beschermend, text: b," \
	" confidential: true}\n"

/* A value for a field of type t that points at what is shown and at
 * what is hidden, as YAML; "" for types that point at nothing. */
static const char *both_values(enum field_type t)
{
	switch (t) {
	case FT_MEMBER: case FT_SUBJECT: case FT_PERSON: return "geheimlid";
	case FT_MEMBERS: return "[an, geheimlid]";
	case FT_SCORES: return "{an: 6, geheimlid: 9}";
	case FT_STATEMENTS: return "[f1, f2]";
	case FT_FACTORS: return "[a1, a9]";
	case FT_RANK: return "2";
	case FT_RANKS: return "[1, 2]";
	case FT_TARGET: return "top3/1";
	default: return "";
	}
}

/* Every pointer field of every form, given a value that names something
 * hidden: what the screens show of it (audience_household_value) names
 * only what is shown. This is what a list row or a form draws while the
 * household watches (plan who, participants, hypothesis factors and
 * concerns, scores, about, holder, evidence, ...). */
TEST(every_pointer_field_of_every_form_drops_what_is_hidden)
{
	static const char *const hidden[] = {"geheimlid", "f2", "a9", "2",
	                                     "top3"};
	struct doc_node *kase = parse(PTR_CASE);
	const struct doc_node *session = doc_map_get(kase, "sessions")->item[0];
	const struct doc_node *parts = doc_map_get(session, "participants");
	size_t tested = 0;
	int seen_who = 0, seen_explains = 0, seen_factors = 0, seen_scores = 0;

	for (size_t i = 0; i < FS.nforms; i++)
		for (size_t j = 0; j < FS.forms[i].nsections; j++) {
			const struct form_section *sec = &FS.forms[i].sections[j];

			for (size_t k = 0; k < sec->nfields; k++) {
				const struct form_field *f = &sec->fields[k];
				const char *yaml = both_values(f->type);
				struct doc_node *v, *out;
				struct diags d = {0};
				char *text;

				if (!*yaml)
					continue;
				v = parse(yaml);
				out = audience_household_value(&FS, kase, session, f, v);
				text = out ? doc_emit_string(out, &d) : xstrdup("");
				for (size_t h = 0; h < sizeof hidden / sizeof *hidden; h++)
					if (strstr(text, hidden[h])) {
						printf("# %s.%s shows %s\n", sec->key, f->key,
						       text);
						CHECK(!"a pointer to a hidden item is shown");
					}
				/* what is shown stays, where the value holds some */
				if (f->type == FT_MEMBERS || f->type == FT_SCORES)
					CHECK_CONTAINS(text, "an");
				if (f->type == FT_STATEMENTS)
					CHECK_CONTAINS(text, "f1");
				if (f->type == FT_FACTORS)
					CHECK_CONTAINS(text, "a1");
				if (f->type == FT_RANKS)
					CHECK_CONTAINS(text, "1");
				seen_who += str_eq(sec->key, "plan") &&
				            str_eq(f->key, "who");
				seen_explains += str_eq(sec->key, "hypotheses") &&
				                 str_eq(f->key, "explains");
				seen_factors += str_eq(sec->key, "hypotheses") &&
				                str_eq(f->key, "factors");
				seen_scores += f->type == FT_SCORES;
				tested++;
				free(text);
				doc_free(out);
				doc_free(v);
				diags_free(&d);
			}
		}
	printf("# %zu pointer fields\n", tested);
	CHECK(tested >= 10);
	CHECK_INT(seen_who, 1);
	CHECK_INT(seen_explains, 1);
	CHECK_INT(seen_factors, 1);
	CHECK(seen_scores >= 1);

	/* the visible ends pass, one at a time */
	{
		const struct form_field *who =
			form_section_field(formset_section(&FS, "plan"), "who");
		const struct form_field *concern =
			form_section_field(formset_section(&FS, "plan"), "concern");
		struct doc_node *an = parse("an"), *one = parse("1");
		struct doc_node *o1 = audience_household_value(&FS, kase, session,
		                                               who, an);
		struct doc_node *o2 = audience_household_value(&FS, kase, session,
		                                               concern, one);

		CHECK(o1 != NULL);
		CHECK(o2 != NULL);
		doc_free(o1);
		doc_free(o2);
		doc_free(an);
		doc_free(one);
	}
	/* a participant who is a hidden member is no row at all */
	CHECK_INT(audience_household_row(&FS, kase, session, "participants",
	                                 parts->item[0]), 1);
	CHECK_INT(audience_household_row(&FS, kase, session, "participants",
	                                 parts->item[1]), 0);
	CHECK_INT(audience_household_row(&FS, kase, session, "participants",
	                                 parts->item[2]), 1);
	doc_free(kase);
}

TEST(item_ids_only_when_asked)
{
	char *y = filtered(&FS, CASE, 0, AUDIENCE_KEEP_ITEM_IDS, NULL);

	CHECK(y != NULL);
	CHECK_CONTAINS(y, "_id: \"7\"");
	free(y);
}

/* ---- confidential text inside a shown field --------------------------- */

#define LEAK_HEAD \
	"format: duo-case/1\n" \
	"household: {name: Gezin Lek, members: [{ref: an, name: An," \
	" role: ouder}]}\n" \
	"sessions:\n" \
	"  - version: 1\n" \
	"    date: 2026-10-14\n" \
	"    status: concept\n" \
	"    statements:\n" \
	"      - {ref: f1, kind: feit, text: Gezien, source: x}\n" \
	"      - ref: f7\n" \
	"        kind: feit\n" \
	"        text: An en de kinderen wonen nu aan de Lindelaan 12 in" \
	" Zwolle. Zeg het tegen niemand. Ze is bang dat Piet haar komt" \
	" zoeken.\n" \
	"        source: An\n" \
	"        confidential: true\n" \
	"    top3:\n" \
	"      - rank: 1\n" \
	"        title: Ruzie\n" \
	"        evidence: [f1]\n" \
	"        what: "

/* A case whose top-3 'what' is what. */
static char *leak_case(const char *what)
{
	return xasprintf(LEAK_HEAD "'%s'\n", what);
}

static void expect_refused(const char *what, const char *field)
{
	char *yaml = leak_case(what), *why = NULL;
	char *y = filtered(&FS, yaml, 0, 0, &why);

	if (y)
		printf("# not refused: %s\n", what);
	CHECK(y == NULL);
	CHECK(why != NULL);
	CHECK_CONTAINS(why, "Gezin Lek, versie 1, zorg 1 'Ruzie'");
	CHECK_CONTAINS(why, field);
	CHECK_CONTAINS(why, "uitspraak f7");
	CHECK_CONTAINS(why, "Haal de tekst uit dit veld");
	free(why);
	free(yaml);
}

static void expect_allowed(const char *what)
{
	char *yaml = leak_case(what), *why = NULL;
	char *y = filtered(&FS, yaml, 0, 0, &why);

	if (!y)
		printf("# refused: %s: %s\n", what, why ? why : "?");
	CHECK(y != NULL);
	free(y);
	free(why);
	free(yaml);
}

TEST(confidential_text_in_a_shown_field_refuses_the_copy)
{
	/* the whole sentence, copied */
	expect_refused("An en de kinderen wonen nu aan de Lindelaan 12 in "
	               "Zwolle.", "veld 'Wat er gebeurt'");
	/* the address inside other text, other case and punctuation */
	expect_refused("Sinds maandag: NU AAN DE LINDELAAN 12, bij vrienden.",
	               "veld 'Wat er gebeurt'");
	/* six words of a sentence */
	expect_refused("Volgens An is ze bang dat Piet haar komt zoeken.",
	               "veld 'Wat er gebeurt'");
	/* a short sentence of it, whole */
	expect_refused("Ze zei: zeg het tegen niemand!", "veld 'Wat er gebeurt'");
	/* common words shared with the secret are not a leak */
	expect_allowed("An en de kinderen zijn bang.");
	expect_allowed("An en de kinderen wonen nu bij oma.");
	expect_allowed("Het gaat om de kinderen.");
	expect_allowed("Zwolle. Nummer 12.");
	expect_allowed("Piet komt op 12 december.");
}

TEST(confidential_text_anywhere_shown_is_found)
{
	const char *secret = "Lindelaan 12 in Zwolle. Zeg het tegen niemand.";
	char *yaml = xasprintf(LEAK_HEAD "Ruzie\n"
		"    plan:\n"
		"      - {ref: p1, phase: directe-veiligheid, kind: afspraak,"
		" text: 'Naar de %s'}\n", secret);
	char *why = NULL, *y = filtered(&FS, yaml, 0, 0, &why);

	CHECK(y == NULL);
	CHECK_CONTAINS(why, "punt p1");
	CHECK_CONTAINS(why, "veld 'Omschrijving'");
	free(why);
	free(yaml);
}

#define TWO_VERSIONS(v2_f7) \
	"format: duo-case/1\n" \
	"household: {name: Gezin Twee, members: [{ref: an, name: An," \
	" role: ouder}]}\n" \
	"sessions:\n" \
	"  - version: 1\n" \
	"    date: 2026-09-01\n" \
	"    status: herzien\n" \
	"    statements:\n" \
	"      - {ref: f7, kind: feit, text: 'An woont in de opvang aan de" \
	" Berkenweg 4 in Olst.', source: An, confidential: true}\n" \
	"  - version: 2\n" \
	"    date: 2026-10-14\n" \
	"    status: concept\n" \
	"    statements:\n" \
	"      - {ref: f1, kind: feit, text: 'Gezien, toen An in de opvang" \
	" aan de Berkenweg 4 in Olst woonde.', source: x}\n" \
	v2_f7

TEST(confidential_text_of_an_earlier_version_counts)
{
	char *why = NULL;
	char *y = filtered(&FS, TWO_VERSIONS(""), 2, 0, &why);

	CHECK(y == NULL);
	CHECK_CONTAINS(why, "Gezin Twee, versie 2, uitspraak f1");
	CHECK_CONTAINS(why, "uitspraak f7 van versie 1");
	free(why);
	/* unless the duo since decided that the household may see it */
	y = filtered(&FS, TWO_VERSIONS(
		"      - {ref: f7, kind: feit, text: 'An woont in de opvang aan de"
		" Berkenweg 4 in Olst.', source: An, confidential: false}\n"),
		2, 0, &why);
	CHECK(y != NULL);
	CHECK_CONTAINS(y, "Berkenweg 4");
	free(y);
	free(why);
}

TEST(one_version_or_all)
{
	char *why = NULL;
	char *y = filtered(&FS, TWO_VERSIONS(""), 1, 0, &why);

	CHECK(y != NULL);
	CHECK_CONTAINS(y, "version: 1");
	CHECK_ABSENT(y, "version: 2");
	CHECK_ABSENT(y, "Berkenweg");
	free(y);
	y = filtered(&FS, TWO_VERSIONS(""), 3, 0, &why);
	CHECK(y == NULL);
	CHECK_CONTAINS(why, "versie 3 bestaat niet (wel: 1, 2)");
	free(why);
}

TEST(secrets_api)
{
	struct doc_node *kase = parse(LEAK_HEAD "Ruzie\n");
	const struct doc_node *session = doc_map_get(kase, "sessions")->item[0];
	struct audience_secrets *s = audience_secrets_new(&FS, kase, session);

	CHECK_INT(audience_secrets_count(s), 1);
	CHECK_STR(audience_secrets_find(s, "ergens: lindelaan 12"),
	          "uitspraak f7");
	CHECK_STR(audience_secrets_find(s, "Zeg het tegen niemand"),
	          "uitspraak f7");
	CHECK(audience_secrets_find(s, "Lindelaan") == NULL);
	CHECK(audience_secrets_find(s, "het tegen niemand") == NULL);
	CHECK(audience_secrets_find(s, "") == NULL);
	CHECK(audience_secrets_find(s, NULL) == NULL);
	audience_secrets_free(s);
	doc_free(kase);
}

/* ---- every case file of the repository -------------------------------- */

/* Add each line (of at least 12 bytes) of every scalar of the items of
 * list to *v: texts the household must not see. */
static void collect_lines(const struct doc_node *n, char ***v, size_t *nv,
                          size_t *cap)
{
	const char *p;

	if (!n || n->type != DOC_SCALAR)
		return;
	for (p = n->text; *p;) {
		size_t len = strcspn(p, "\n");

		if (len >= 12) {
			xgrow(v, cap, *nv + 1, sizeof **v);
			(*v)[(*nv)++] = xstrndup(p, len);
		}
		p += len;
		if (*p)
			p++;
	}
}

/* The texts of a case the household must never see: every text of a
 * confidential statement, every review comment, every hypothesis check and
 * every source. */
static size_t hidden_texts(const struct doc_node *kase, char ***out)
{
	const struct doc_node *sessions = doc_map_get(kase, "sessions");
	size_t n = 0, cap = 0;

	*out = NULL;
	for (size_t i = 0; sessions && i < sessions->len; i++) {
		const struct doc_node *s = sessions->item[i];
		const struct doc_node *st = doc_map_get(s, "statements");
		const struct doc_node *rv = doc_map_get(s, "reviews");
		const struct doc_node *an = doc_map_get(s, "analysis");
		const struct doc_node *hy = an ? doc_map_get(an, "hypotheses") : NULL;

		for (size_t j = 0; st && j < st->len; j++) {
			const struct doc_node *it = st->item[j];

			collect_lines(doc_map_get(it, "source"), out, &n, &cap);
			if (!str_eq(doc_map_str(it, "confidential"), "true"))
				continue;
			collect_lines(doc_map_get(it, "text"), out, &n, &cap);
			collect_lines(doc_map_get(it, "response"), out, &n, &cap);
		}
		for (size_t j = 0; hy && j < hy->len; j++)
			collect_lines(doc_map_get(hy->item[j], "check"), out, &n, &cap);
		for (size_t j = 0; rv && j < rv->len; j++) {
			const struct doc_node *cm = doc_map_get(rv->item[j], "comments");

			for (size_t k = 0; cm && k < cm->len; k++)
				collect_lines(doc_map_get(cm->item[k], "text"), out, &n,
				              &cap);
		}
	}
	return n;
}

/* Filter every session of file on its own and search the copy for every
 * hidden text. Returns 1 if the file was refused (a leak). */
static int check_file(const char *path)
{
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *kase = doc_load_file(path, &lim, &d);
	const struct doc_node *sessions;
	char **hidden;
	size_t nh;
	int refused = 0;

	if (!kase)
		diags_print(stdout, &d);
	CHECK(kase != NULL);
	nh = hidden_texts(kase, &hidden);
	sessions = doc_map_get(kase, "sessions");
	for (size_t i = 0; sessions && i < sessions->len; i++) {
		int v = atoi(doc_map_str(sessions->item[i], "version"));
		struct doc_node *out = audience_household_case(kase, &FS, v, 0, &d);
		char *y;

		if (!out) {
			refused = 1;
			continue;
		}
		y = doc_emit_string(out, &d);
		CHECK(y != NULL);
		for (size_t k = 0; k < nh; k++)
			if (strstr(y, hidden[k])) {
				printf("# %s, version %d shows: %s\n", path, v, hidden[k]);
				CHECK(!"a hidden text is in the household's copy");
			}
		free(y);
		doc_free(out);
	}
	for (size_t k = 0; k < nh; k++)
		free(hidden[k]);
	free(hidden);
	doc_free(kase);
	diags_free(&d);
	return refused;
}

/* Every *.yaml in dir; names starting with "lek-" must be refused, the
 * others not. Returns the number of files. */
static int check_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	const struct dirent *de;
	int n = 0;

	CHECK(dp != NULL);
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		char *path;
		int refused;

		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		refused = check_file(path);
		if (refused != (strncmp(de->d_name, "lek-", 4) == 0))
			printf("# %s: refused %d\n", path, refused);
		CHECK_INT(refused, strncmp(de->d_name, "lek-", 4) == 0);
		free(path);
		n++;
	}
	closedir(dp);
	return n;
}

TEST(no_hidden_text_in_any_case_of_the_repository)
{
	const char *ex = getenv("EXAMPLES");
	char *examples = xstrdup(ex && *ex ? ex : "../shared/examples");

	CHECK(check_dir("tests/cases/good") >= 4);
	CHECK(check_dir("tests/cases/summary") >= 3);
	CHECK(check_dir("data/demo") >= 4);
	CHECK(check_dir(examples) >= 1);
	free(examples);
}

int main(void)
{
	load_forms(&FS, forms_dir());
	RUN(confidential_items_and_everything_pointing_at_them_are_gone);
	RUN(reviews_and_comments_are_gone);
	RUN(fields_the_forms_do_not_mark_are_gone);
	RUN(a_field_added_to_a_form_is_hidden_unless_marked);
	RUN(per_field_and_per_item_answers_for_the_screens);
	RUN(every_pointer_field_of_every_form_drops_what_is_hidden);
	RUN(item_ids_only_when_asked);
	RUN(confidential_text_in_a_shown_field_refuses_the_copy);
	RUN(confidential_text_anywhere_shown_is_found);
	RUN(confidential_text_of_an_earlier_version_counts);
	RUN(one_version_or_all);
	RUN(secrets_api);
	RUN(no_hidden_text_in_any_case_of_the_repository);
	formset_free(&FS);
	return unit_done();
}
