/*
 * test_plaintext.c - unit tests of the plain-language check (plaintext.c):
 * sentence splitting, word counting, jargon matching, findings and their
 * lines, the jargon list loader with its diagnostics, the real
 * data/jargon.yaml, the walk over the duo's own text of a session, and
 * the summary's own fixed texts (data/summary/nl.yaml) against the list.
 *
 * Run from the top of the tree (as `make test` does): the forms are
 * $DUO_FORMS or forms/, the list data/jargon.yaml, the summary's texts
 * in $DUO_DATA or data/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "form.h"
#include "plaintext.h"
#include "summary.h"
#include "unit.h"
#include "util.h"

#define JARGON_FILE "data/jargon.yaml"

static const char *forms_dir(void)
{
	const char *dir = getenv("DUO_FORMS");

	return dir && *dir ? dir : "forms";
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

/* Split text; check the number of sentences. *sv is owned by the caller. */
static size_t split(const char *text, struct pt_sentence **sv)
{
	return pt_sentences(text, sv);
}

/* Sentence i of text as a new string. */
static char *sentence(const char *text, const struct pt_sentence *sv,
                      size_t i)
{
	return xstrndup(text + sv[i].start, sv[i].len);
}

#define CHECK_SENTENCE(text, sv, i, want) do { \
	char *unit_s = sentence((text), (sv), (i)); \
	int unit_ok = strcmp(unit_s, (want)) == 0; \
	if (!unit_ok) \
		printf("# sentence %d: \"%s\"\n", (int)(i), unit_s); \
	free(unit_s); \
	CHECK(unit_ok); \
} while (0)

/* A small list that the matching tests use. */
static const char small_list[] =
	"jargon:\n"
	"  - term: ondertoezichtstelling\n"
	"    variants: [ondertoezichtstellingen, OTS]\n"
	"    plain: een besluit van de kinderrechter\n"
	"  - term: Veilig Thuis\n"
	"    exact: [VT]\n"
	"    plain: de organisatie bij huiselijk geweld\n"
	"  - term: gezagsbeëindigende maatregel\n"
	"    variants: [gezagsbeëindigende maatregelen]\n"
	"    plain: een ouder mag niet meer beslissen\n"
	"  - term: Openbaar Ministerie\n"
	"    exact: [OM]\n"
	"    plain: de officier van justitie\n"
	"  - term: signaleren\n"
	"    variants: [gesignaleerd]\n"
	"    plain: zien of merken\n"
	"  - term: jeugd-ggz\n"
	"    plain: hulp bij psychische problemen voor kinderen\n"
	"  - term: uithuisplaatsing\n"
	"    variants: [uit huis plaatsing]\n"
	"    plain: het kind gaat ergens anders wonen\n"
	"  - term: machtiging uithuisplaatsing\n"
	"    plain: toestemming van de rechter\n"
	"  - term: gecertificeerde instelling\n"
	"    exact: [GI]\n"
	"    plain: de organisatie van de jeugdbeschermer\n";

static void load_small(struct jargon *j)
{
	struct diags d = {0};

	if (jargon_load_buffer(j, "klein.yaml", small_list,
	                       strlen(small_list), &d) != 0)
		diags_print(stdout, &d);
	CHECK_INT(d.n, 0);
	CHECK_INT(j->n, 9);
	diags_free(&d);
}

/* Check text with the small list; the findings go to r. */
static void check_small(struct pt_report *r, const char *text)
{
	struct jargon j;
	struct pt_place where = {"top3", "1", "what", "TOP-3 1, Wat er gebeurt"};

	load_small(&j);
	pt_check_text(r, &j, text, &where);
	jargon_free(&j);
}

/* The number of jargon findings in r. */
static size_t njargon(const struct pt_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].kind == PT_JARGON;
	return n;
}

/* The only jargon finding of text, or fail. Returns its term (copy). */
static char *only_term(const char *text)
{
	struct pt_report r = {0};
	char *term;

	check_small(&r, text);
	if (njargon(&r) != 1)
		printf("# %zu findings in \"%s\"\n", njargon(&r), text);
	CHECK_INT(njargon(&r), 1);
	term = xstrdup(r.v[0].term);
	pt_report_free(&r);
	return term;
}

static void expect_term(const char *text, const char *term)
{
	char *got = only_term(text);
	int ok = strcmp(got, term) == 0;

	if (!ok)
		printf("# \"%s\": term %s, want %s\n", text, got, term);
	free(got);
	CHECK(ok);
}

static void expect_no_jargon(const char *text)
{
	struct pt_report r = {0};
	size_t n;

	check_small(&r, text);
	n = njargon(&r);
	if (n)
		printf("# \"%s\": unexpected \"%s\"\n", text, r.v[0].text);
	pt_report_free(&r);
	CHECK_INT(n, 0);
}

/* ---------------------------------------------------------------------- */
/* Sentences and words                                                     */

TEST(sentences_end_at_marks)
{
	const char *t = "Anouk belt de school. Mark komt morgen! Gaat het goed?";
	struct pt_sentence *sv;

	CHECK_INT(split(t, &sv), 3);
	CHECK_SENTENCE(t, sv, 0, "Anouk belt de school.");
	CHECK_SENTENCE(t, sv, 1, "Mark komt morgen!");
	CHECK_SENTENCE(t, sv, 2, "Gaat het goed?");
	CHECK_INT(sv[0].words, 4);
	CHECK_INT(sv[1].words, 3);
	CHECK_INT(sv[2].words, 3);
	CHECK_INT(sv[1].start, 22);
	free(sv);
}

TEST(sentences_keep_abbreviations_and_initials)
{
	const char *t = "Anouk belt o.a. de school en bijv. de huisarts. "
	                "Dhr. Jansen komt ook, i.v.m. de afspraak. "
	                "We spraken A. Visser en J.P. Bakker. Mw. De Wit ook.";
	struct pt_sentence *sv;

	CHECK_INT(split(t, &sv), 4);
	CHECK_SENTENCE(t, sv, 0, "Anouk belt o.a. de school en bijv. de "
	               "huisarts.");
	CHECK_SENTENCE(t, sv, 1, "Dhr. Jansen komt ook, i.v.m. de afspraak.");
	CHECK_SENTENCE(t, sv, 2, "We spraken A. Visser en J.P. Bakker.");
	CHECK_SENTENCE(t, sv, 3, "Mw. De Wit ook.");
	free(sv);
}

TEST(sentences_keep_numbers_dates_and_months)
{
	const char *t = "Op 15-12-2026 om 14.30 uur kijken we weer. Het kost "
	                "1.500 euro. Dat was op 30 sept. 2026 in Ede. Daarna "
	                "kwam 3 okt. De politie kwam op 15.12.2026 terug. "
	                "Sem is 4. Lotte is 6.";
	struct pt_sentence *sv;

	CHECK_INT(split(t, &sv), 7);
	CHECK_SENTENCE(t, sv, 0, "Op 15-12-2026 om 14.30 uur kijken we weer.");
	CHECK_INT(sv[0].words, 8);
	CHECK_SENTENCE(t, sv, 1, "Het kost 1.500 euro.");
	CHECK_SENTENCE(t, sv, 2, "Dat was op 30 sept. 2026 in Ede.");
	CHECK_SENTENCE(t, sv, 3, "Daarna kwam 3 okt.");
	CHECK_SENTENCE(t, sv, 4, "De politie kwam op 15.12.2026 terug.");
	CHECK_SENTENCE(t, sv, 5, "Sem is 4.");
	CHECK_SENTENCE(t, sv, 6, "Lotte is 6.");
	free(sv);
}

TEST(sentences_of_lists_and_lines)
{
	const char *t = "Afspraken:\n"
	                "- Anouk belt Veilig Thuis\n"
	                "* Mark komt niet in huis\n"
	                "1. Oma haalt Sem op\n"
	                "2) Sem gaat naar school\n"
	                "\xe2\x80\xa2 Lotte blijft bij oma\n"
	                "a) Mark belt eerst";
	struct pt_sentence *sv;

	CHECK_INT(split(t, &sv), 7);
	CHECK_SENTENCE(t, sv, 0, "Afspraken:");
	CHECK_SENTENCE(t, sv, 1, "Anouk belt Veilig Thuis");
	CHECK_SENTENCE(t, sv, 2, "Mark komt niet in huis");
	CHECK_SENTENCE(t, sv, 3, "Oma haalt Sem op");
	CHECK_SENTENCE(t, sv, 4, "Sem gaat naar school");
	CHECK_SENTENCE(t, sv, 5, "Lotte blijft bij oma");
	CHECK_SENTENCE(t, sv, 6, "Mark belt eerst");
	CHECK_INT(sv[0].words, 1);
	CHECK_INT(sv[2].words, 5);
	free(sv);
}

TEST(sentences_across_wrapped_lines_and_paragraphs)
{
	const char *t = "Op 30 september kwam de politie\n"
	                "naar het huis. Mark was er niet\n"
	                "Anouk wel\n"
	                "\n"
	                "tweede alinea zonder punt\r\n"
	                "\r\n"
	                "Derde.";
	struct pt_sentence *sv;

	CHECK_INT(split(t, &sv), 5);
	CHECK_SENTENCE(t, sv, 0, "Op 30 september kwam de politie\nnaar het "
	               "huis.");
	CHECK_INT(sv[0].words, 9);
	CHECK_SENTENCE(t, sv, 1, "Mark was er niet");
	CHECK_SENTENCE(t, sv, 2, "Anouk wel");
	CHECK_SENTENCE(t, sv, 3, "tweede alinea zonder punt");
	CHECK_SENTENCE(t, sv, 4, "Derde.");
	free(sv);
}

TEST(sentences_with_quotes_ellipses_and_small_letters)
{
	const char *t = "Ze riep 'Help!' en rende weg. Toen belde ze (om 9 "
	                "uur.) Hij wachtte\xe2\x80\xa6 Toen kwam ze... en ging. "
	                "\"Klaar?\" Ja. 's Avonds is het rustig.";
	struct pt_sentence *sv;

	CHECK_INT(split(t, &sv), 7);
	CHECK_SENTENCE(t, sv, 0, "Ze riep 'Help!' en rende weg.");
	CHECK_SENTENCE(t, sv, 1, "Toen belde ze (om 9 uur.)");
	CHECK_SENTENCE(t, sv, 2, "Hij wachtte\xe2\x80\xa6");
	CHECK_SENTENCE(t, sv, 3, "Toen kwam ze... en ging.");
	CHECK_SENTENCE(t, sv, 4, "\"Klaar?\"");
	CHECK_SENTENCE(t, sv, 5, "Ja.");
	CHECK_SENTENCE(t, sv, 6, "'s Avonds is het rustig.");
	free(sv);
}

TEST(sentences_without_words)
{
	struct pt_sentence *sv = NULL;

	CHECK_INT(split("", &sv), 0);
	free(sv);
	CHECK_INT(split(NULL, &sv), 0);
	free(sv);
	CHECK_INT(split("  \n\n ... - !?\n", &sv), 0);
	free(sv);
	CHECK_INT(split("Eén.", &sv), 1);
	CHECK_INT(sv[0].words, 1);
	free(sv);
}

TEST(word_count)
{
	static const struct {
		const char *text;
		int words;
	} cases[] = {
		{"Sem (4) en - Lotte & 15-12-2026 e-mail", 6},
		{"café één geëvalueerd ÉÉN", 4},
		{"  twee   woorden  ", 2},
		{"een\xc2\xa0twee", 2},                  /* no-break space */
		{"\xf0\x9f\x98\x80 \xe2\x80\x93 ...", 0}, /* emoji, dash */
		{"Sem's oma's", 2},
		{"", 0},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int n = pt_count_words(cases[i].text, strlen(cases[i].text));

		if (n != cases[i].words)
			printf("# \"%s\": %d\n", cases[i].text, n);
		CHECK_INT(n, cases[i].words);
	}
}

/* ---------------------------------------------------------------------- */
/* Jargon                                                                  */

TEST(jargon_multi_word_with_place_and_offset)
{
	const char *t = "Het gaat goed. Anouk belt Veilig Thuis morgen.";
	struct pt_report r = {0};
	const struct pt_finding *f;

	check_small(&r, t);
	CHECK_INT(r.n, 1);
	f = &r.v[0];
	CHECK_INT(f->kind, PT_JARGON);
	CHECK_STR(f->text, "Veilig Thuis");
	CHECK_INT(f->offset, 26);
	CHECK_INT(f->len, 12);
	CHECK(memcmp(t + f->offset, "Veilig Thuis", 12) == 0);
	CHECK_STR(f->term, "Veilig Thuis");
	CHECK_STR(f->plain, "de organisatie bij huiselijk geweld");
	CHECK_STR(f->section, "top3");
	CHECK_STR(f->item, "1");
	CHECK_STR(f->field, "what");
	CHECK_STR(f->label, "TOP-3 1, Wat er gebeurt");
	CHECK_INT(r.texts, 1);
	CHECK_INT(r.sentences, 2);
	CHECK_INT(r.words, 8);
	pt_report_free(&r);
}

TEST(jargon_multi_word_stays_in_one_sentence)
{
	expect_term("Sem en de gezagsbeëindigende\nmaatregel.",
	            "gezagsbeëindigende maatregel");
	expect_term("Anouk belt  veilig   thuis.", "Veilig Thuis");
	expect_no_jargon("Het is weer veilig. Thuis gaat het goed.");
	expect_no_jargon("Het is veilig, thuis ook.");
	expect_no_jargon("Het is veilig\n\nthuis ook.");
}

TEST(jargon_ignores_case_and_accents)
{
	expect_term("VEILIG THUIS belt.", "Veilig Thuis");
	expect_term("GEZAGSBEËINDIGENDE MAATREGEL", "gezagsbeëindigende maatregel");
	expect_term("Gezagsbeeindigende maatregel", "gezagsbeëindigende maatregel");
	/* e followed by a combining diaeresis (U+0308) */
	expect_term("gezagsbee\xcc\x88indigende maatregel",
	            "gezagsbeëindigende maatregel");
	expect_term("ots", "ondertoezichtstelling");
	expect_term("Ondertoezichtstelling", "ondertoezichtstelling");
}

TEST(jargon_inflections_only_where_the_list_gives_them)
{
	expect_term("twee ondertoezichtstellingen", "ondertoezichtstelling");
	expect_term("De gezagsbeëindigende maatregelen.",
	            "gezagsbeëindigende maatregel");
	expect_term("Dat is gesignaleerd.", "signaleren");
	expect_no_jargon("Dat signaleerde school.");
}

TEST(jargon_whole_words_only)
{
	expect_no_jargon("Dat was potsierlijk, de bots en de motsregen.");
	expect_no_jargon("Omdat Sem ziek is, gaan we om drie uur.");
	expect_no_jargon("Een gift en een gids.");
	expect_no_jargon("Veilig Thuisfront is iets anders.");
	expect_no_jargon("Onveilig thuis.");
	/* a hyphen or apostrophe splits words: the jargon part is found */
	expect_term("De OTS-verlenging komt.", "ondertoezichtstelling");
	expect_term("Twee OTS'en.", "ondertoezichtstelling");
	expect_term("(OTS)", "ondertoezichtstelling");
}

TEST(jargon_exact_forms)
{
	expect_term("Het OM beslist.", "Openbaar Ministerie");
	expect_no_jargon("Om tien uur.");
	expect_no_jargon("Hij belt om drie uur.");
	expect_term("De GI belt.", "gecertificeerde instelling");
	expect_no_jargon("De gi belt.");
	expect_term("Bel VT.", "Veilig Thuis");
	expect_no_jargon("Bel vt.");
	expect_term("Het openbaar ministerie.", "Openbaar Ministerie");
}

TEST(jargon_hyphen_in_the_term_and_longest_match)
{
	struct pt_report r = {0};

	expect_term("Sem gaat naar de jeugd-ggz.", "jeugd-ggz");
	expect_term("Sem gaat naar de Jeugd-GGZ.", "jeugd-ggz");
	expect_no_jargon("De jeugd ggz.");
	expect_term("Een uit huis plaatsing.", "uithuisplaatsing");
	expect_term("Een uit-huis-plaatsing.", "uithuisplaatsing");
	expect_term("De machtiging uithuisplaatsing komt.",
	            "machtiging uithuisplaatsing");
	check_small(&r, "OTS, OTS en Veilig Thuis. De uithuisplaatsing.");
	CHECK_INT(r.n, 4);
	CHECK_INT(r.v[0].offset, 0);
	CHECK_INT(r.v[1].offset, 5);
	CHECK_STR(r.v[2].text, "Veilig Thuis");
	CHECK_STR(r.v[3].text, "uithuisplaatsing");
	CHECK_INT(r.v[3].offset, 29);
	pt_report_free(&r);
}

TEST(long_sentences_and_average)
{
	/* 20 words, then 21 words */
	const char *t =
		"Een twee drie vier vijf zes zeven acht negen tien elf twaalf "
		"dertien veertien vijftien zestien zeventien achttien negentien "
		"twintig. Een twee drie vier vijf zes zeven acht negen tien elf "
		"twaalf dertien veertien vijftien zestien zeventien achttien "
		"negentien twintig eenentwintig.";
	struct pt_report r = {0};
	char *line;

	check_small(&r, t);
	CHECK_INT(r.n, 1);
	CHECK_INT(r.v[0].kind, PT_LONG);
	CHECK_INT(r.v[0].words, 21);
	CHECK(r.v[0].offset > 0);
	CHECK(strncmp(t + r.v[0].offset, "Een twee", 8) == 0);
	CHECK_INT(r.v[0].len, strlen(t) - r.v[0].offset);
	CHECK_INT(r.sentences, 2);
	CHECK_INT(r.words, 41);
	CHECK(pt_average(&r) > 20.4 && pt_average(&r) < 20.6);
	CHECK(!pt_report_clean(&r));
	line = pt_finding_line(&r.v[0]);
	CHECK_STR(line, "TOP-3 1, Wat er gebeurt: zin van 21 woorden "
	          "(hoogstens 20): \"Een twee drie vier vijf zes zeven acht "
	          "negen tien elf twaalf \xe2\x80\xa6\"");
	free(line);
	line = pt_average_line(&r);
	CHECK_STR(line, "Gemiddelde zinslengte: 20,5 woorden per zin "
	          "(2 zinnen): te lang, streef naar hoogstens 15.");
	free(line);
	pt_report_free(&r);
}

TEST(average_over_several_texts)
{
	struct pt_report r = {0};
	char *line;

	check_small(&r, "Een twee drie. Vier vijf.");
	check_small(&r, "Zes zeven acht negen.");
	check_small(&r, "");
	check_small(&r, NULL);
	CHECK_INT(r.texts, 2);
	CHECK_INT(r.sentences, 3);
	CHECK_INT(r.words, 9);
	CHECK(pt_average(&r) == 3.0);
	CHECK(pt_report_clean(&r));
	line = pt_average_line(&r);
	CHECK_STR(line, "Gemiddelde zinslengte: 3,0 woorden per zin "
	          "(3 zinnen); streef naar hoogstens 15.");
	free(line);
	pt_report_free(&r);

	CHECK(pt_average(&r) == 0.0);
	CHECK(pt_report_clean(&r));
	line = pt_average_line(&r);
	CHECK_STR(line, "Geen zinnen om te controleren.");
	free(line);

	/* 16 words in each of two sentences: no long one, but the average
	 * is above 15 */
	check_small(&r, "Aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp. "
	                "Aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp.");
	CHECK_INT(r.sentences, 2);
	CHECK_INT(r.n, 0);
	CHECK(!pt_report_clean(&r));
	pt_report_free(&r);
}

TEST(finding_lines)
{
	struct pt_report r = {0};
	char *line;

	check_small(&r, "De OTS en het\tOpenbaar \t Ministerie.");
	CHECK_INT(r.n, 2);
	line = pt_finding_line(&r.v[0]);
	CHECK_STR(line, "TOP-3 1, Wat er gebeurt: vaktaal \"OTS\" "
	          "(ondertoezichtstelling); in gewone woorden: een besluit "
	          "van de kinderrechter");
	free(line);
	/* control characters do not reach the terminal */
	line = pt_finding_line(&r.v[1]);
	CHECK_STR(line, "TOP-3 1, Wat er gebeurt: vaktaal \"Openbaar "
	          "Ministerie\"; in gewone woorden: de officier van justitie");
	free(line);
	pt_report_free(&r);
}

/* ---------------------------------------------------------------------- */
/* The list loader                                                         */

/* Load text as a list; expect failure with the diagnostic want at
 * line:col among the problems. */
static void expect_list_error(const char *text, int line, int col,
                              const char *want)
{
	struct jargon j;
	struct diags d = {0};
	int found = 0;

	CHECK_INT(jargon_load_buffer(&j, "lijst.yaml", text, strlen(text), &d),
	          -1);
	CHECK_INT(j.n, 0);
	CHECK(j.entry == NULL && j.pat == NULL);
	for (size_t i = 0; i < d.n; i++)
		if (str_eq(d.v[i].file, "lijst.yaml") && d.v[i].line == line &&
		    d.v[i].col == col && strstr(d.v[i].msg, want))
			found = 1;
	if (!found) {
		printf("# wanted lijst.yaml:%d:%d: %s\n", line, col, want);
		diags_print(stdout, &d);
	}
	diags_free(&d);
	jargon_free(&j);
	CHECK(found);
}

TEST(list_errors_have_file_line_col)
{
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    plain: een besluit\n"
	                  "  - term: ondertoezichtstelling\n"
	                  "    variants: [ots]\n"
	                  "    plain: een besluit\n",
	                  5, 16, "'ots' staat al in de lijst op regel 2 (bij "
	                  "'OTS'); elke vorm mag maar één keer");
	expect_list_error("jargon:\n"
	                  "  - term: gezagsbeëindiging\n"
	                  "    variants: [Gezagsbeeindiging]\n"
	                  "    plain: x\n",
	                  3, 16, "'Gezagsbeeindiging' staat al in de lijst");
	expect_list_error("jargon:\n"
	                  "  - term: Openbaar Ministerie\n"
	                  "    variants: [om]\n"
	                  "    exact: [OM]\n"
	                  "    plain: x\n",
	                  4, 13, "'OM' staat al in de lijst op regel 3");
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    plan: een besluit\n",
	                  3, 5, "onbekende sleutel 'plan' (toegestaan: term, "
	                  "variants, exact, plain)");
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    plan: een besluit\n",
	                  2, 5, "'OTS' mist 'plain'");
	expect_list_error("jargon:\n"
	                  "  - plain: iets\n",
	                  2, 5, "het woord mist 'term'");
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    plain: ''\n",
	                  3, 12, "'plain' is leeg");
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    variants: OTS-en\n"
	                  "    plain: x\n",
	                  3, 15, "'variants' verwacht een lijst");
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    variants: [' ', '--']\n"
	                  "    plain: x\n",
	                  3, 16, "een vorm is leeg");
	expect_list_error("jargon:\n"
	                  "  - term: OTS\n"
	                  "    variants: [' ', '--']\n"
	                  "    plain: x\n",
	                  3, 21, "'--' bevat geen woord");
	expect_list_error("jargon:\n"
	                  "  - OTS\n",
	                  2, 5, "een woord in de lijst is een mapping met term "
	                  "en plain");
	expect_list_error("woorden:\n"
	                  "  - {term: OTS, plain: x}\n",
	                  1, 1, "onbekende sleutel 'woorden' (toegestaan: "
	                  "jargon)");
	expect_list_error("jargon: []\n", 1, 9, "de lijst 'jargon' is leeg");
	expect_list_error("- OTS\n", 1, 1, "verwacht een mapping met 'jargon:'");
	expect_list_error("jargon:\n  - term: [OTS\n", 3, 1, "");
}

TEST(list_exact_forms_may_differ_in_case)
{
	static const char text[] =
		"jargon:\n"
		"  - term: Openbaar Ministerie\n"
		"    exact: [OM, Om]\n"
		"    plain: de officier van justitie\n";
	struct jargon j;
	struct diags d = {0};

	CHECK_INT(jargon_load_buffer(&j, "lijst.yaml", text, strlen(text), &d),
	          0);
	CHECK_INT(d.n, 0);
	CHECK(jargon_lookup(&j, "OM") == &j.entry[0]);
	CHECK(jargon_lookup(&j, "Om") == &j.entry[0]);
	CHECK(jargon_lookup(&j, "om") == NULL);
	CHECK(jargon_lookup(&j, "openbaar ministerie") == &j.entry[0]);
	CHECK(jargon_lookup(&j, "openbaar") == NULL);
	CHECK_INT(j.entry[0].line, 2);
	CHECK_INT(j.entry[0].col, 5);
	jargon_free(&j);
	diags_free(&d);
}

TEST(list_file_missing)
{
	struct jargon j;
	struct diags d = {0};

	CHECK_INT(jargon_load_file(&j, "/nonexistent/jargon.yaml", &d), -1);
	CHECK(d.n >= 1);
	CHECK_STR(d.v[0].file, "/nonexistent/jargon.yaml");
	jargon_free(&j);
	diags_free(&d);
}

/* ---------------------------------------------------------------------- */
/* The real list                                                           */

TEST(real_list_loads_with_sixty_entries_and_no_duplicates)
{
	static const char *const must[] = {
		"OTS", "ondertoezichtstelling", "RVT", "Regionaal Veiligheidsteam",
		"Veilig Thuis", "gecertificeerde instelling", "GI", "voorwaarde",
		"voorwaarden", "raadsonderzoek", "Raad voor de Kinderbescherming",
		"uithuisplaatsing", "gezagsbeëindigende maatregel",
		"jeugdbescherming", "casusregie", "multidisciplinair",
		"hulpverleningstraject", "signaleren",
	};
	struct jargon j;
	struct diags d = {0};

	if (jargon_load_file(&j, JARGON_FILE, &d) != 0)
		diags_print(stdout, &d);
	CHECK_INT(d.n, 0);
	CHECK(j.n >= 60);
	CHECK(j.npat > j.n);
	/* every term finds its own entry: no term is another entry's form */
	for (size_t i = 0; i < j.n; i++) {
		if (jargon_lookup(&j, j.entry[i].term) != &j.entry[i])
			printf("# %s\n", j.entry[i].term);
		CHECK(jargon_lookup(&j, j.entry[i].term) == &j.entry[i]);
		CHECK(!str_empty(j.entry[i].plain));
	}
	for (size_t i = 0; i < sizeof must / sizeof *must; i++) {
		if (!jargon_lookup(&j, must[i]))
			printf("# missing: %s\n", must[i]);
		CHECK(jargon_lookup(&j, must[i]) != NULL);
	}
	jargon_free(&j);
	diags_free(&d);
}

TEST(real_list_plain_words_are_plain)
{
	struct jargon j;
	struct diags d = {0};

	CHECK_INT(jargon_load_file(&j, JARGON_FILE, &d), 0);
	for (size_t i = 0; i < j.n; i++) {
		struct pt_report r = {0};
		struct pt_place where = {NULL, NULL, NULL, j.entry[i].term};

		pt_check_text(&r, &j, j.entry[i].plain, &where);
		if (r.n) {
			char *line = pt_finding_line(&r.v[0]);

			printf("# %s\n", line);
			free(line);
		}
		CHECK_INT(r.n, 0);
		pt_report_free(&r);
	}
	jargon_free(&j);
	diags_free(&d);
}

/* ---------------------------------------------------------------------- */
/* Over a case                                                             */

/* A made-up household: two members; version 1 clean, version 2 with
 * jargon in every kind of field. */
static const char case_text[] =
	"format: duo-case/1\n"
	"household:\n"
	"  name: Gezin Testma\n"
	"  members:\n"
	"    - {ref: ria, name: Ria Testma, role: ouder}\n"
	"    - {ref: bo, name: Bo Testma, role: kind}\n"
	"sessions:\n"
	"  - version: 1\n"
	"    date: 2026-10-01\n"
	"    status: herzien\n"
	"    statements:\n"
	"      - {ref: f1, kind: feit, text: Bo kwam te laat op school.}\n"
	"  - version: 2\n"
	"    date: 2026-11-01\n"
	"    status: concept\n"
	"    statements:\n"
	"      - ref: f1\n"
	"        kind: feit\n"
	"        text: De school heeft het gesignaleerd.\n"
	"        source: Politie, mutatie 30-09-2026 van de OTS\n"
	"        response: Ria zegt dat de OTS niet nodig is.\n"
	"      - ref: m1\n"
	"        kind: mening\n"
	"        holder: ria\n"
	"        text: Die OTS is onzin, zegt Ria.\n"
	"      - ref: z1\n"
	"        kind: zorg\n"
	"        holder: duo\n"
	"        text: Wij maken ons zorgen over de OTS.\n"
	"      - ref: z2\n"
	"        kind: zorg\n"
	"        holder: Juf Ineke\n"
	"        text: De juf belde Veilig Thuis.\n"
	"      - ref: z3\n"
	"        kind: zorg\n"
	"        holder: duo\n"
	"        confidential: true\n"
	"        text: Ria woont in de opvang; het OM weet het.\n"
	"    top3:\n"
	"      - rank: 1\n"
	"        title: Ruzie waar Bo bij is\n"
	"        what: Er is ruzie. Veilig Thuis kreeg een melding.\n"
	"        household_view: Het OM en Veilig Thuis overdrijven.\n"
	"        evidence: [f1]\n"
	"    analysis:\n"
	"      model: 4p\n"
	"      factors:\n"
	"        - {ref: a1, category: beschermend, about: bo, text: Bo heeft "
	"een fijne oma.}\n"
	"      hypotheses:\n"
	"        - ref: h1\n"
	"          text: De ruzies komen door geldzorgen.\n"
	"          household_explanation: Het komt door de GI.\n"
	"          check: We vragen het aan de GI.\n"
	"    plan:\n"
	"      - ref: p1\n"
	"        phase: directe-veiligheid\n"
	"        kind: voorwaarde\n"
	"        text: Ria belt de politie als het misgaat.\n"
	"        who: ria\n"
	"        consequence: Als Ria niet belt wanneer het thuis weer misgaat "
	"dan vragen wij de kinderrechter om een ondertoezichtstelling voor Bo "
	"en Ria.\n"
	"    reviews:\n"
	"      - reviewer: Teamleider Test\n"
	"        date: 2026-11-02\n"
	"        decision: terug\n"
	"        comments:\n"
	"          - {on: top3/1, text: Is de OTS wel nodig?}\n";

static struct doc_node *load_case(void)
{
	struct diags d = {0};
	struct doc_node *doc = doc_load_buffer("case.yaml", case_text,
	                                       strlen(case_text), NULL, &d);

	if (!doc)
		diags_print(stdout, &d);
	diags_free(&d);
	CHECK(doc != NULL);
	return doc;
}

/* The finding lines of r, joined by newlines (caller frees). */
static char *lines_of(const struct pt_report *r)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < r->n; i++) {
		char *line = pt_finding_line(&r->v[i]);

		sb_addf(&sb, "%s\n", line);
		free(line);
	}
	sb_add(&sb, "");
	return sb_steal(&sb);
}

TEST(case_checks_the_duos_text_only)
{
	struct formset fs = {0};
	struct jargon j;
	struct diags d = {0};
	struct pt_report r = {0};
	struct doc_node *doc;
	char *all;

	CHECK_INT(formset_load(&fs, forms_dir(), &d), 0);
	CHECK_INT(jargon_load_file(&j, JARGON_FILE, &d), 0);
	doc = load_case();
	CHECK_INT(pt_check_session(&r, &j, &fs, doc, 0, &d), 0);
	all = lines_of(&r);
	/* the duo's text: statements held by duo, by a professional, or by
	 * no one; top-3, hypothesis check, plan consequence */
	CHECK_CONTAINS(all, "Feit f1, Tekst: vaktaal \"gesignaleerd\" "
	               "(signaleren); in gewone woorden: zien of merken\n");
	CHECK_CONTAINS(all, "Zorg z1, Tekst: vaktaal \"OTS\" "
	               "(ondertoezichtstelling)");
	CHECK_CONTAINS(all, "Zorg z2, Tekst: vaktaal \"Veilig Thuis\"");
	CHECK_CONTAINS(all, "TOP-3 1, Wat er gebeurt: vaktaal \"Veilig Thuis\"");
	CHECK_CONTAINS(all, "Hypothese h1, Zo toetsen we het: vaktaal \"GI\" "
	               "(gecertificeerde instelling)");
	CHECK_CONTAINS(all, "Voorwaarde p1, Als het niet gebeurt: vaktaal "
	               "\"ondertoezichtstelling\"; in gewone woorden:");
	CHECK_CONTAINS(all, "Voorwaarde p1, Als het niet gebeurt: zin van 21 "
	               "woorden (hoogstens 20): \"Als Ria niet belt");
	CHECK_INT(r.n, 7);
	/* never: the household's own words, a source, the confidential
	 * item, review comments */
	CHECK(strstr(all, "Mening m1") == NULL);
	CHECK(strstr(all, "Reactie") == NULL);
	CHECK(strstr(all, "Bron") == NULL);
	CHECK(strstr(all, "z3") == NULL);
	CHECK(strstr(all, "OM") == NULL);
	CHECK(strstr(all, "Zo ziet het huishouden het") == NULL);
	CHECK(strstr(all, "Verklaring van het huishouden") == NULL);
	CHECK(strstr(all, "Opmerking") == NULL);
	/* response, m1's text, household_view, household_explanation */
	CHECK_INT(r.quoted, 4);
	/* f1 z1 z2, title what, a1, h1 text and check, p1 text and
	 * consequence */
	CHECK_INT(r.texts, 10);
	CHECK_STR(r.v[0].section, "statements");
	CHECK_STR(r.v[0].item, "f1");
	CHECK_STR(r.v[0].field, "text");
	CHECK_INT(r.v[0].offset, 20);
	free(all);
	pt_report_free(&r);

	/* version 1 is clean */
	CHECK_INT(pt_check_session(&r, &j, &fs, doc, 1, &d), 0);
	CHECK_INT(r.n, 0);
	CHECK_INT(r.texts, 1);
	CHECK(pt_report_clean(&r));
	pt_report_free(&r);

	CHECK_INT(d.n, 0);
	CHECK_INT(pt_check_session(&r, &j, &fs, doc, 9, &d), -1);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.v[0].msg, "versie 9 bestaat niet (wel: 1, 2)");
	doc_free(doc);
	jargon_free(&j);
	formset_free(&fs);
	diags_free(&d);
}

/* The guard behind the household filter: an item is read only when its
 * confidential key is absent or exactly false. */
TEST(case_skips_anything_not_plainly_open)
{
	static const char text[] =
		"format: duo-case/1\n"
		"household: {name: Gezin Open}\n"
		"sessions:\n"
		"  - version: 1\n"
		"    statements:\n"
		"      - {ref: f1, kind: feit, confidential: false, text: De OTS.}\n"
		"      - {ref: f2, kind: feit, confidential: ja, text: Het RVT.}\n"
		"      - {ref: f3, kind: feit, confidential: [true], text: De GI.}\n"
		"      - {ref: f4, kind: feit, confidential: True, text: Het OM.}\n"
		"    plan:\n"
		"      - {ref: p1, kind: doel, confidential: '', text: De RvdK.}\n";
	struct formset fs = {0};
	struct jargon j;
	struct diags d = {0};
	struct pt_report r = {0};
	struct doc_node *doc;

	CHECK_INT(formset_load(&fs, forms_dir(), &d), 0);
	CHECK_INT(jargon_load_file(&j, JARGON_FILE, &d), 0);
	doc = doc_load_buffer("open.yaml", text, strlen(text), NULL, &d);
	CHECK(doc != NULL);
	CHECK_INT(pt_check_session(&r, &j, &fs, doc, 0, &d), 0);
	CHECK_INT(r.n, 1);
	CHECK_STR(r.v[0].item, "f1");
	CHECK_STR(r.v[0].text, "OTS");
	CHECK_INT(r.texts, 1);
	pt_report_free(&r);
	doc_free(doc);
	jargon_free(&j);
	formset_free(&fs);
	diags_free(&d);
}

TEST(case_without_sessions)
{
	static const char text[] =
		"format: duo-case/1\nhousehold: {name: Gezin Leeg}\n";
	struct formset fs = {0};
	struct jargon j;
	struct diags d = {0};
	struct pt_report r = {0};
	struct doc_node *doc;

	CHECK_INT(formset_load(&fs, forms_dir(), &d), 0);
	CHECK_INT(jargon_load_file(&j, JARGON_FILE, &d), 0);
	doc = doc_load_buffer("leeg.yaml", text, strlen(text), NULL, &d);
	CHECK(doc != NULL);
	CHECK_INT(pt_check_session(&r, &j, &fs, doc, 0, &d), -1);
	CHECK_STR(d.v[0].msg, "dit huishouden heeft nog geen sessies");
	CHECK_INT(r.n, 0);
	doc_free(doc);
	jargon_free(&j);
	formset_free(&fs);
	diags_free(&d);
}

/*
 * The summary wraps the duo's text in its own headings and sentences
 * (data/summary/nl.yaml). The household reads those too, so they must
 * pass the same check the duo's text must: no jargon of the list, no
 * sentence over 20 words, on average at most 15.
 */
TEST(summary_fixed_texts_pass_the_check)
{
	const char *data = getenv("DUO_DATA");
	struct summary_texts *tx;
	struct pt_report r = {0};
	struct jargon j;
	struct diags d = {0};
	const char *const *all;
	size_t n = 0;

	if (!data || !*data)
		data = "data";
	tx = summary_texts_load(data, &d);
	if (!tx)
		diags_print(stdout, &d);
	CHECK(tx != NULL);
	CHECK_INT(jargon_load_file(&j, JARGON_FILE, &d), 0);
	all = summary_texts_all(tx, &n);
	CHECK(n > 60);
	for (size_t i = 0; i < n; i++) {
		struct pt_place where = {"summary", "nl.yaml", "tekst",
		                         "Vaste tekst van de samenvatting"};
		size_t before = r.n;

		pt_check_text(&r, &j, all[i], &where);
		for (size_t k = before; k < r.n; k++) {
			char *line = pt_finding_line(&r.v[k]);

			printf("# %s\n#   in: %s\n", line, all[i]);
			free(line);
		}
	}
	printf("# %zu texts, %zu sentences, %.1f words per sentence\n", n,
	       r.sentences, pt_average(&r));
	CHECK(r.sentences > 60);
	CHECK_INT(r.n, 0);
	CHECK(pt_report_clean(&r));
	pt_report_free(&r);
	jargon_free(&j);
	summary_texts_free(tx);
	diags_free(&d);
}

int main(void)
{
	RUN(sentences_end_at_marks);
	RUN(sentences_keep_abbreviations_and_initials);
	RUN(sentences_keep_numbers_dates_and_months);
	RUN(sentences_of_lists_and_lines);
	RUN(sentences_across_wrapped_lines_and_paragraphs);
	RUN(sentences_with_quotes_ellipses_and_small_letters);
	RUN(sentences_without_words);
	RUN(word_count);
	RUN(jargon_multi_word_with_place_and_offset);
	RUN(jargon_multi_word_stays_in_one_sentence);
	RUN(jargon_ignores_case_and_accents);
	RUN(jargon_inflections_only_where_the_list_gives_them);
	RUN(jargon_whole_words_only);
	RUN(jargon_exact_forms);
	RUN(jargon_hyphen_in_the_term_and_longest_match);
	RUN(long_sentences_and_average);
	RUN(average_over_several_texts);
	RUN(finding_lines);
	RUN(list_errors_have_file_line_col);
	RUN(list_exact_forms_may_differ_in_case);
	RUN(list_file_missing);
	RUN(real_list_loads_with_sixty_entries_and_no_duplicates);
	RUN(real_list_plain_words_are_plain);
	RUN(case_checks_the_duos_text_only);
	RUN(case_skips_anything_not_plainly_open);
	RUN(case_without_sessions);
	RUN(summary_fixed_texts_pass_the_check);
	return unit_done();
}
