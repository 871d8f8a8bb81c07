/*
 * test_summary.c - the household summary (summary.h): its wording as data
 * (loaded, checked, plain), the model built from the filtered case, and
 * the text renderer.
 *
 * The last test builds the summary of every session of every case file of
 * the repository and checks what a reader would: every top-3 title, every
 * plan item, every consequence and the evaluation date are in the text,
 * and no confidential text, review comment, source or test plan of a
 * hypothesis is.
 *
 * Run from the top of the repository (as `make test` does): forms from
 * $DUO_FORMS or "forms", data from $DUO_DATA or "data".
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "form.h"
#include "summary.h"
#include "unit.h"

static struct formset FS;
static struct summary_texts *TX;

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && *v ? v : dflt;
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

static struct doc_node *load(const char *path)
{
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *n = doc_load_file(path, &lim, &d);

	if (!n)
		diags_print(stdout, &d);
	CHECK(n != NULL);
	diags_free(&d);
	return n;
}

/* The summary of kase in format fmt, or NULL (first diagnostic in *why
 * when why is given). Caller frees. */
static char *render(const char *fmt, const struct doc_node *kase,
                    int version, int width, char **why)
{
	struct summary_render_opts o = {width};
	struct diags d = {0};
	struct summary *s = summary_build(kase, &FS, TX, version, &d);
	char *text = NULL;

	if (s) {
		text = summary_render_string(summary_format_get(fmt)->run, s, &o,
		                             &d);
		CHECK(text != NULL);
	}
	if (why)
		*why = d.n ? diag_format(&d.v[0]) : NULL;
	summary_free(s);
	diags_free(&d);
	return text;
}

static char *text_of(const struct doc_node *kase, int version, int width,
                     char **why)
{
	return render("text", kase, version, width, why);
}

/* What a reader of rendered markdown or HTML sees, as plain text: markdown
 * escapes and emphasis undone; HTML tags left out and entities read.
 * Takes and frees out; caller frees the result. */
static char *as_read(const char *fmt, char *out)
{
	struct strbuf sb = {0};

	if (str_eq(fmt, "text"))
		return out;
	for (const char *p = out; *p; p++) {
		if (str_eq(fmt, "markdown")) {
			if (*p == '\\' && p[1] && strchr("\\`*_[]<>&|~!#-+=.)\n",
			                                   p[1]))
				sb_addc(&sb, *++p);
			else if (*p != '*')
				sb_addc(&sb, *p);
			continue;
		}
		if (*p == '<') {
			p += strcspn(p, ">");
			sb_addc(&sb, ' ');
			if (!*p)
				break;
		} else if (str_has_prefix(p, "&amp;")) {
			sb_addc(&sb, '&');
			p += 4;
		} else if (str_has_prefix(p, "&lt;")) {
			sb_addc(&sb, '<');
			p += 3;
		} else if (str_has_prefix(p, "&gt;")) {
			sb_addc(&sb, '>');
			p += 3;
		} else if (str_has_prefix(p, "&quot;")) {
			sb_addc(&sb, '"');
			p += 5;
		} else if (str_has_prefix(p, "&#39;")) {
			sb_addc(&sb, '\'');
			p += 4;
		} else {
			sb_addc(&sb, *p);
		}
	}
	free(out);
	return sb.len ? sb_steal(&sb) : xstrdup("");
}

/* s with every run of white space made one space: wrapped text reads as
 * one line. Caller frees. */
static char *flat(const char *s)
{
	struct strbuf sb = {0};
	int space = 0;

	for (const char *p = s; p && *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			space = 1;
			continue;
		}
		if (space && sb.len)
			sb_addc(&sb, ' ');
		space = 0;
		sb_addc(&sb, *p);
	}
	return sb.len ? sb_steal(&sb) : xstrdup("");
}

/* Which case, version and format a check is about, for its message. */
static char where[512];

#define CHECK_IN_TEXT(text, want) do { \
	char *unit_f = flat(text), *unit_w = flat(want); \
	if (!strstr(unit_f, unit_w)) \
		printf("# %s: not in the text: %s\n", where, unit_w); \
	CHECK(strstr(unit_f, unit_w) != NULL); \
	free(unit_f); \
	free(unit_w); \
} while (0)

#define CHECK_NOT_IN_TEXT(text, bad) do { \
	char *unit_f = flat(text), *unit_b = flat(bad); \
	if (strstr(unit_f, unit_b)) \
		printf("# %s: in the text, and must not be: %s\n", where, \
		       unit_b); \
	CHECK(strstr(unit_f, unit_b) == NULL); \
	free(unit_f); \
	free(unit_b); \
} while (0)

/* ---- the wording -------------------------------------------------------- */

/* Split text into sentences (after . ! ? and at line breaks) and count
 * words; a {placeholder} is one word. */
static void count_sentences(const char *text, int *nsent, int *nwords,
                            int *longest, const char **longest_in)
{
	int words = 0, in_word = 0;

	for (const char *p = text;; p++) {
		int end = !*p || *p == '\n' ||
		          ((*p == '.' || *p == '!' || *p == '?') &&
		           (p[1] == ' ' || p[1] == '\0' || p[1] == '\n'));

		if (*p && *p != ' ' && *p != '\n' && !in_word) {
			in_word = 1;
			words++;
		} else if (!*p || *p == ' ' || *p == '\n') {
			in_word = 0;
		}
		if (end && words) {
			(*nsent)++;
			*nwords += words;
			if (words > *longest) {
				*longest = words;
				*longest_in = text;
			}
			words = 0;
		}
		if (!*p)
			break;
	}
}

TEST(fixed_sentences_are_short_and_plain)
{
	static const char *const jargon[] = {
		"OTS", "ondertoezichtstelling", "RVT", "Veilig Thuis",
		"voorwaarde", "gecertificeerde instelling", "hypothese", "4P",
		"predisponerend", "casus", "cliënt", "interventie", "evaluatie",
		"veiligheidsplan", "Raad voor de Kinderbescherming", "duo",
	};
	size_t n;
	const char *const *all = summary_texts_all(TX, &n);
	int nsent = 0, nwords = 0, longest = 0;
	const char *longest_in = "";

	CHECK(n > 60);
	for (size_t i = 0; i < n; i++) {
		count_sentences(all[i], &nsent, &nwords, &longest, &longest_in);
		for (size_t j = 0; j < sizeof jargon / sizeof *jargon; j++)
			if (strstr(all[i], jargon[j])) {
				printf("# jargon '%s' in: %s\n", jargon[j], all[i]);
				CHECK(!"jargon in a fixed sentence");
			}
	}
	printf("# %zu texts, %d sentences, %.1f words on average, longest %d\n",
	       n, nsent, (double)nwords / nsent, longest);
	if (longest > 20)
		printf("# longest: %s\n", longest_in);
	CHECK(longest <= 20);
	CHECK(nwords <= 15 * nsent);
}

TEST(dates_written_out)
{
	char *s;

	s = summary_date(TX, "2026-12-15");
	CHECK_STR(s, "15 december 2026");
	free(s);
	s = summary_date(TX, "2027-03-01");
	CHECK_STR(s, "1 maart 2027");
	free(s);
	s = summary_date(TX, "2026-02-30");
	CHECK_STR(s, "2026-02-30");
	free(s);
	s = summary_date(TX, "volgende week");
	CHECK_STR(s, "volgende week");
	free(s);
}

/* A temporary data directory with summary/nl.yaml and team.yaml; NULL
 * text: the file of the real data directory. Caller removes it. */
static char *data_dir_with(const char *nl, const char *team)
{
	char tmpl[] = "/tmp/duo-test-summary-XXXXXX";
	const char *real = env_or("DUO_DATA", "data");
	const char *names[2] = {"summary/nl.yaml", "team.yaml"};
	const char *texts[2] = {nl, team};
	char *dir, *sub;

	CHECK(mkdtemp(tmpl) != NULL);
	dir = xstrdup(tmpl);
	sub = xasprintf("%s/summary", dir);
	CHECK(mkdir(sub, 0700) == 0);
	free(sub);
	for (int i = 0; i < 2; i++) {
		char *src = xasprintf("%s/%s", real, names[i]);
		char *dst = xasprintf("%s/%s", dir, names[i]);
		struct strbuf sb = {0};
		FILE *f;

		if (texts[i]) {
			sb_add(&sb, texts[i]);
		} else {
			char buf[4096];
			size_t k;

			f = fopen(src, "rb");
			CHECK(f != NULL);
			while ((k = fread(buf, 1, sizeof buf, f)) > 0)
				sb_addn(&sb, buf, k);
			fclose(f);
		}
		f = fopen(dst, "wb");
		CHECK(f != NULL);
		CHECK(fwrite(sb.s, 1, sb.len, f) == sb.len);
		CHECK(fclose(f) == 0);
		sb_free(&sb);
		free(src);
		free(dst);
	}
	return dir;
}

static void remove_data_dir(char *dir)
{
	char *a = xasprintf("%s/summary/nl.yaml", dir);
	char *b = xasprintf("%s/team.yaml", dir);
	char *c = xasprintf("%s/summary", dir);

	unlink(a);
	unlink(b);
	rmdir(c);
	rmdir(dir);
	free(a);
	free(b);
	free(c);
	free(dir);
}

/* The diagnostic at file:line:col holding want, else fail. */
static void expect_diag(const struct diags *d, const char *dir,
                        const char *file, int line, int col,
                        const char *want)
{
	char *path = xasprintf("%s/%s", dir, file);

	for (size_t i = 0; i < d->n; i++)
		if (str_eq(d->v[i].file, path) && d->v[i].line == line &&
		    d->v[i].col == col && strstr(d->v[i].msg, want)) {
			free(path);
			return;
		}
	printf("# wanted %s:%d:%d: %s\n", path, line, col, want);
	diags_print(stdout, d);
	free(path);
	CHECK(!"diagnostic not found");
}

TEST(wording_mistakes_are_reported_where_they_are)
{
	char *dir = data_dir_with(
		"months: [jan, feb]\n"                                  /* 1 */
		"headings:\n"                                           /* 2 */
		"  title: Voor {huishouden} op {datum}\n"               /* 3 */
		"  kop: Extra\n"                                        /* 4 */
		"labels: {what: Wat}\n"                                 /* 5 */
		"sentences: {intro: 'Hallo {naam'}\n"                   /* 6 */
		"kleur: blauw\n",                                       /* 7 */
		"teams:\n"                                              /* 1 */
		"  - {name: Team A, phone: '1', hours: altijd,"         /* 2 */
		" default: true}\n"
		"  - {name: Team B, hours: nooit, default: true,"       /* 3 */
		" fax: '2'}\n");
	struct diags d = {0};
	struct summary_texts *tx = summary_texts_load(dir, &d);

	CHECK(tx == NULL);
	expect_diag(&d, dir, "summary/nl.yaml", 1, 1,
	            "months verwacht een lijst van 12 maanden");
	expect_diag(&d, dir, "summary/nl.yaml", 3, 10,
	            "'title' mag {datum} niet gebruiken (wel: {huishouden})");
	expect_diag(&d, dir, "summary/nl.yaml", 4, 3,
	            "onbekende tekst 'kop' in headings");
	expect_diag(&d, dir, "summary/nl.yaml", 2, 1,
	            "headings mist de teksten 'participants', 'concerns'");
	expect_diag(&d, dir, "summary/nl.yaml", 6, 20,
	            "'intro': een { zonder }");
	expect_diag(&d, dir, "summary/nl.yaml", 7, 1,
	            "onbekende sleutel 'kleur'");
	expect_diag(&d, dir, "team.yaml", 3, 5, "een team mist 'phone'");
	expect_diag(&d, dir, "team.yaml", 3, 49, "onbekende sleutel 'fax'");
	expect_diag(&d, dir, "team.yaml", 3, 5,
	            "meer dan één team heeft default: true");
	diags_free(&d);
	remove_data_dir(dir);
}

TEST(a_missing_data_file_is_named)
{
	struct diags d = {0};
	struct summary_texts *tx = summary_texts_load("/nonexistent-duo", &d);

	CHECK(tx == NULL);
	CHECK(d.n >= 1);
	CHECK_STR(d.v[0].file, "/nonexistent-duo/summary/nl.yaml");
	diags_free(&d);
}

/* ---- the model ------------------------------------------------------- */

static const char *example(void)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/gezin-visser.yaml",
	         env_or("EXAMPLES", "../shared/examples"));
	return path;
}

/* The first block of type t holding text (NULL: any), or NULL. */
static const struct summary_block *find_block(const struct summary *s,
                                              enum summary_block_type t,
                                              const char *text)
{
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].type == t &&
		    (!text || (s->blocks[i].text && strstr(s->blocks[i].text, text))))
			return &s->blocks[i];
	return NULL;
}

TEST(model_of_the_shared_example)
{
	struct doc_node *kase = load(example());
	struct diags d = {0};
	struct summary *s = summary_build(kase, &FS, TX, 0, &d);
	const struct summary_block *b;
	int levels[5] = {0};

	CHECK(s != NULL);
	CHECK_STR(s->lang, "nl");
	CHECK_STR(s->title, "Samenvatting voor Gezin Visser");
	CHECK_STR(s->household, "Gezin Visser");
	CHECK_INT(s->version, 1);
	CHECK_STR(s->date, "2026-10-14");
	/* one title first, then parts, concerns and phases */
	CHECK_INT(s->blocks[0].type, SUMMARY_HEADING);
	CHECK_INT(s->blocks[0].level, 1);
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].type == SUMMARY_HEADING)
			levels[s->blocks[i].level]++;
	CHECK_INT(levels[1], 1);
	CHECK(levels[2] >= 9);
	CHECK(find_block(s, SUMMARY_HEADING,
	                 "Zorg 1: Ruzies met geweld waar de kinderen bij zijn"));
	CHECK(find_block(s, SUMMARY_HEADING, "Zorg 2: Geldzorgen van Ramon"));
	CHECK(find_block(s, SUMMARY_PARAGRAPH,
	                 "Op 15 december 2026 kijken we samen"));
	/* the concern's details as pairs; their own view marked */
	b = find_block(s, SUMMARY_PAIRS, NULL);
	CHECK(b != NULL);
	CHECK_STR(b->pairs[0].label, "Wat er gebeurt");
	CHECK_STR(b->pairs[1].label, "Wat dit doet met de kinderen");
	CHECK_STR(b->pairs[2].label, "Zo zien jullie het zelf");
	CHECK(b->pairs[2].flags & SUMMARY_OWN_WORDS);
	CHECK_STR(b->pairs[4].value, "Wij: 3, Anouk: 6, Ramon: 8");
	summary_free(s);
	doc_free(kase);
	diags_free(&d);
}

TEST(names_not_roles)
{
	struct doc_node *kase = load(example());
	char *t = text_of(kase, 0, 72, NULL);

	CHECK(t != NULL);
	/* oma's plan item names her as Ria; the duo is "wij" */
	CHECK_IN_TEXT(t, "Wie: Ria\n");
	CHECK_IN_TEXT(t, "Wij: 3");
	CHECK_NOT_IN_TEXT(t, "Wie: oma");
	CHECK_NOT_IN_TEXT(t, "duo");
	CHECK_NOT_IN_TEXT(t, "ouder");
	free(t);
	doc_free(kase);
}

TEST(a_household_without_children)
{
	struct doc_node *kase =
		load("tests/cases/summary/huishouden-zonder-kinderen.yaml");
	char *t = text_of(kase, 0, 72, NULL);

	CHECK(t != NULL);
	CHECK_IN_TEXT(t, "Wat dit met jullie doet:");
	CHECK_NOT_IN_TEXT(t, "kinderen");
	/* the team is not in team.yaml: the default team answers */
	CHECK_IN_TEXT(t, "Servicepunt Jeugd en Gezin: 0900 000 0500");
	free(t);
	doc_free(kase);
}

TEST(two_versions_each_its_own_summary)
{
	struct doc_node *kase = load("tests/cases/summary/gezin-drie-zorgen.yaml");
	char *v1 = text_of(kase, 1, 72, NULL);
	char *v2 = text_of(kase, 0, 72, NULL);

	CHECK(v1 && v2);
	CHECK_IN_TEXT(v1, "Op 20 augustus 2026 hebben we met jullie gepraat");
	CHECK_IN_TEXT(v1, "Op 29 oktober 2026 kijken we samen");
	CHECK_NOT_IN_TEXT(v1, "Zorg 3");
	CHECK_NOT_IN_TEXT(v1, "Deze brief vervangt de vorige brief");
	CHECK_IN_TEXT(v2, "Zorg 3: Schulden van Mehmet");
	CHECK_IN_TEXT(v2, "Deze brief vervangt de vorige brief");
	CHECK_IN_TEXT(v2, "Op 14 januari 2027 kijken we samen");
	CHECK_IN_TEXT(v2, "Klaar: Dit is gedaan.");
	free(v1);
	free(v2);
	doc_free(kase);
}

TEST(a_leak_refuses_the_summary)
{
	struct doc_node *kase = load("tests/cases/summary/lek-vertrouwelijk.yaml");
	char *why = NULL;
	char *t = text_of(kase, 0, 72, &why);

	CHECK(t == NULL);
	CHECK_CONTAINS(why, "Gezin Van Leeuwen, versie 1, zorg 1");
	CHECK_CONTAINS(why, "veld 'Wat er gebeurt'");
	CHECK_CONTAINS(why, "uitspraak f2");
	free(why);
	doc_free(kase);
}

TEST(no_team_data_refuses_the_summary)
{
	char *dir = data_dir_with(NULL, "teams:\n"
		"  - {name: Ander team, phone: '1', hours: altijd}\n");
	struct diags d = {0};
	struct summary_texts *tx = summary_texts_load(dir, &d);
	struct doc_node *kase = load(example());
	struct summary *s;

	CHECK(tx != NULL);
	s = summary_build(kase, &FS, tx, 0, &d);
	CHECK(s == NULL);
	CHECK_INT(d.n, 1);
	CHECK_CONTAINS(d.v[0].msg, "geen gegevens voor team 'Sociaal team "
	               "Ede-Zuid' en geen team met default: true");
	CHECK(strstr(d.v[0].file, "team.yaml") != NULL);
	summary_texts_free(tx);
	doc_free(kase);
	diags_free(&d);
	remove_data_dir(dir);
}

TEST(no_sessions_or_no_such_version)
{
	struct doc_node *kase = parse("format: duo-case/1\n"
		"household: {name: Leeg, members: []}\n");
	char *why = NULL, *t = text_of(kase, 0, 72, &why);

	CHECK(t == NULL);
	CHECK_CONTAINS(why, "nog geen sessies");
	free(why);
	doc_free(kase);
	kase = load(example());
	t = text_of(kase, 4, 72, &why);
	CHECK(t == NULL);
	CHECK_CONTAINS(why, "versie 4 bestaat niet (wel: 1)");
	free(why);
	doc_free(kase);
}

/* ---- the text ----------------------------------------------------------- */

TEST(text_is_wrapped_and_clean)
{
	struct doc_node *kase = parse("format: duo-case/1\n"
		"household: {name: \"Gezin \\e[31mRood\", team: X, members:"
		" [{ref: an, name: An, role: ouder}]}\n"
		"sessions:\n"
		"  - version: 1\n"
		"    date: 2026-10-14\n"
		"    status: concept\n"
		"    top3:\n"
		"      - rank: 1\n"
		"        title: Een zorg\n"
		"        what: \"Een heel lang woord: Zeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
		"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeer lang. Tab\\there en\\nregel"
		" twee met Zoë en 日本語 in een zin die lang genoeg is om te"
		" breken.\"\n");
	char *t = text_of(kase, 0, 40, NULL);
	const char *p = t;

	CHECK(t != NULL);
	CHECK(strchr(t, '\x1b') == NULL);
	CHECK(strchr(t, '\t') == NULL);
	CHECK_IN_TEXT(t, "Samenvatting voor Gezin [31mRood");
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (utf8_width(p, n) > 40)
			printf("# too wide: %.*s\n", (int)n, p);
		CHECK(utf8_width(p, n) <= 40);
		CHECK(n == 0 || p[n - 1] != ' ');
		p += n;
		if (*p)
			p++;
	}
	CHECK_IN_TEXT(t, "Tab here en\n");
	free(t);
	doc_free(kase);
}

TEST(formats_table)
{
	CHECK(summary_format_get("text")->run == summary_render_text);
	CHECK(summary_format_get("markdown")->run == summary_render_markdown);
	CHECK(summary_format_get("html")->run == summary_render_html);
	CHECK_STR(summary_format_get("html")->extension, "html");
	CHECK(summary_format_get("pdf") == NULL);
}

/* Text that HTML or Markdown could read as markup comes out as text. */
TEST(markup_in_text_is_escaped)
{
	struct doc_node *kase = load("tests/cases/summary/tekens-in-tekst.yaml");
	char *h = render("html", kase, 0, 72, NULL);
	char *m = render("markdown", kase, 0, 72, NULL);

	CHECK(h && m);
	CHECK(strstr(h, "<script") == NULL);
	CHECK(strstr(h, "<b>") == NULL);
	CHECK(strstr(h, "<i>") == NULL);
	CHECK_CONTAINS(h, "<title>Samenvatting voor Gezin &lt;b&gt;Smit&lt;/b&gt; "
	               "&amp; &quot;Zonen&quot;</title>");
	CHECK_CONTAINS(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	CHECK_CONTAINS(h, "<q>Jan zegt &lt;nee&gt; &amp; &#39;nooit&#39;.</q>");
	CHECK_CONTAINS(h, "1. eerst dit<br>\n- dan dat<br>");
	CHECK_CONTAINS(m, "# Samenvatting voor Gezin \\<b\\>Smit\\</b\\> "
	               "\\& \"Zonen\"\n");
	CHECK_CONTAINS(m, "\\<script\\>alert('x')\\</script\\> \\& "
	               "\\*sterren\\* \\_streep\\_ \\`code\\`");
	CHECK_CONTAINS(m, "1\\. eerst dit\\\n  \\- dan dat\\\n"
	               "  \\# geen kop\\\n  \\> geen citaat\\\n"
	               "  \\[geen link\\](http://example.invalid)");
	CHECK_CONTAINS(m, "*Jan zegt \\<nee\\> \\& 'nooit'.*");
	free(h);
	free(m);
	doc_free(kase);
}

/* One file, nothing fetched: no script, no link, no src, no url(). */
TEST(html_is_self_contained)
{
	struct doc_node *kase = load(example());
	char *h = render("html", kase, 0, 72, NULL);

	CHECK(h != NULL);
	CHECK(str_has_prefix(h, "<!DOCTYPE html>\n<html lang=\"nl\">\n"));
	CHECK_CONTAINS(h, "<meta charset=\"utf-8\">");
	CHECK_CONTAINS(h, "<meta name=\"viewport\"");
	CHECK_CONTAINS(h, "@page{size:A4");
	CHECK(strstr(h, "<script") == NULL);
	CHECK(strstr(h, "<link") == NULL);
	CHECK(strstr(h, "src=") == NULL);
	CHECK(strstr(h, "url(") == NULL);
	CHECK(strstr(h, "@import") == NULL);
	CHECK_CONTAINS(h, "<h1>Samenvatting voor Gezin Visser</h1>");
	CHECK_CONTAINS(h, "<h2>Wat er gaat gebeuren</h2>");
	CHECK_CONTAINS(h, "<h3>Zorg 1: Ruzies met geweld waar de kinderen bij "
	               "zijn</h3>");
	CHECK_CONTAINS(h, "<h4>Nu meteen: veilig zijn</h4>");
	CHECK(str_has_prefix(h + strlen(h) - 16, "</body>\n</html>\n"));
	free(h);
	doc_free(kase);
}

/* Phone numbers (a 0 or + and at least 8 digits) and e-mail addresses
 * stay on one line in HTML; dates, years, times and short numbers are
 * left alone. */
TEST(html_keeps_phone_numbers_and_mail_whole)
{
	struct summary_block b = {.type = SUMMARY_PARAGRAPH, .text = (char *)
		"Bel 0318 000 101, 06-12345678 of +31 6 1234 5678. Mail naar "
		"a.b@team.example. Op 14 oktober 2026 om 9.30 uur, huisnummer 12, "
		"2026-10-14, 112 of 0800 1234, en x@y of @ alleen."};
	struct summary s = {.lang = (char *)"nl", .title = (char *)"T",
	                    .blocks = &b, .nblocks = 1};
	struct diags d = {0};
	char *h = summary_render_string(summary_render_html, &s, NULL, &d);

	CHECK(h != NULL);
	CHECK_CONTAINS(h, ".nw{white-space:nowrap}");
	CHECK_CONTAINS(h, "Bel <span class=\"nw\">0318 000 101</span>, "
	               "<span class=\"nw\">06-12345678</span> of "
	               "<span class=\"nw\">+31 6 1234 5678</span>. Mail naar "
	               "<span class=\"nw\">a.b@team.example</span>. Op 14 "
	               "oktober 2026 om 9.30 uur, huisnummer 12, 2026-10-14, "
	               "112 of <span class=\"nw\">0800 1234</span>, en x@y of "
	               "@ alleen.</p>");
	free(h);
	diags_free(&d);
}

/* summary_export: the file is the rendering, mode 0600; a refused
 * summary and a missing directory leave nothing, with a message that
 * names the file. */
TEST(export_to_a_file)
{
	struct doc_node *kase = load(example());
	struct doc_node *leak = load("tests/cases/summary/lek-vertrouwelijk.yaml");
	char dir[] = "/tmp/duo-summary-XXXXXX", *path, *want, *got, *msg;
	struct diags d = {0};
	struct stat st;
	FILE *f;
	long n;

	CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/brief.html", dir);
	CHECK_INT(summary_export(kase, &FS, TX, 0, summary_format_get("html"),
	                         path, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	want = render("html", kase, 0, 72, NULL);
	f = fopen(path, "r");
	CHECK(f != NULL);
	got = xcalloc(1, (size_t)st.st_size + 1);
	n = f ? (long)fread(got, 1, (size_t)st.st_size, f) : 0;
	CHECK_INT(n, st.st_size);
	CHECK_STR(got, want);
	if (f)
		fclose(f);
	free(got);
	free(want);
	unlink(path);

	/* refused: nothing at all in the directory */
	CHECK_INT(summary_export(leak, &FS, TX, 0, summary_format_get("text"),
	                         path, &d), -1);
	CHECK(d.n > 0);
	CHECK_INT(rmdir(dir), 0);  /* empty: no file, no temporary file */
	diags_free(&d);

	/* a directory that is not there */
	CHECK_INT(summary_export(kase, &FS, TX, 0, summary_format_get("text"),
	                         path, &d), -1);
	CHECK_INT(d.n, 1);
	msg = d.n ? diag_format(&d.v[0]) : NULL;
	CHECK_CONTAINS(msg ? msg : "", "brief.html");
	CHECK_CONTAINS(msg ? msg : "", "de map bestaat niet");
	free(msg);
	diags_free(&d);
	free(path);
	doc_free(leak);
	doc_free(kase);
}

/* ---- every case of the repository --------------------------------------- */

typedef void (*text_fn)(const struct doc_node *n, void *arg);

/* Call fn for every scalar of key in the items of session's list. */
static void each(const struct doc_node *list, const char *key, text_fn fn,
                 void *arg, int skip_confidential)
{
	for (size_t i = 0; list && i < list->len; i++) {
		const struct doc_node *v = doc_map_get(list->item[i], key);

		if (skip_confidential &&
		    str_eq(doc_map_str(list->item[i], "confidential"), "true"))
			continue;
		if (v && v->type == DOC_SCALAR)
			fn(v, arg);
	}
}

static void must_show(const struct doc_node *n, void *arg)
{
	CHECK_IN_TEXT((const char *)arg, n->text);
}

/* Lines of 12 bytes or more of a hidden text must not show. */
static void must_hide(const struct doc_node *n, void *arg)
{
	for (const char *p = n->text; *p;) {
		size_t len = strcspn(p, "\n");

		if (len >= 12) {
			char *line = xstrndup(p, len);

			CHECK_NOT_IN_TEXT((const char *)arg, line);
			free(line);
		}
		p += len;
		if (*p)
			p++;
	}
}

static void check_session(const struct doc_node *kase,
                          const struct doc_node *session, const char *t)
{
	const struct doc_node *sessions = doc_map_get(kase, "sessions");
	const char *eval = doc_map_str(session, "evaluation");

	each(doc_map_get(session, "top3"), "title", must_show, (void *)t, 1);
	each(doc_map_get(session, "plan"), "text", must_show, (void *)t, 1);
	each(doc_map_get(session, "plan"), "consequence", must_show, (void *)t,
	     1);
	if (eval) {
		char *date = summary_date(TX, eval);

		CHECK_IN_TEXT(t, date);
		free(date);
	}
	/* hidden: of this and every other version */
	for (size_t i = 0; sessions && i < sessions->len; i++) {
		const struct doc_node *s = sessions->item[i];
		const struct doc_node *st = doc_map_get(s, "statements");
		const struct doc_node *rv = doc_map_get(s, "reviews");
		const struct doc_node *a = doc_map_get(s, "analysis");

		for (size_t j = 0; st && j < st->len; j++) {
			const struct doc_node *it = st->item[j];

			if (doc_map_get(it, "source"))
				must_hide(doc_map_get(it, "source"), (void *)t);
			if (!str_eq(doc_map_str(it, "confidential"), "true"))
				continue;
			must_hide(doc_map_get(it, "text"), (void *)t);
			if (doc_map_get(it, "response"))
				must_hide(doc_map_get(it, "response"), (void *)t);
		}
		each(a ? doc_map_get(a, "hypotheses") : NULL, "check", must_hide,
		     (void *)t, 0);
		for (size_t j = 0; rv && j < rv->len; j++)
			each(doc_map_get(rv->item[j], "comments"), "text", must_hide,
			     (void *)t, 0);
	}
}

static int check_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	const struct dirent *de;
	int n = 0;

	CHECK(dp != NULL);
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		const struct doc_node *sessions;
		struct doc_node *kase;
		char *path;

		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 ||
		    strncmp(de->d_name, "lek-", 4) == 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		kase = load(path);
		sessions = doc_map_get(kase, "sessions");
		for (size_t i = 0; sessions && i < sessions->len; i++)
			for (const struct summary_format *f = summary_formats;
			     f->name; f++) {
				int v = atoi(doc_map_str(sessions->item[i], "version"));
				char *why = NULL;
				char *t = render(f->name, kase, v, 72, &why);

				if (!t)
					printf("# %s version %d refused: %s\n", path, v,
					       why ? why : "?");
				CHECK(t != NULL);
				t = as_read(f->name, t);
				snprintf(where, sizeof where, "%s, version %d, as %s",
				         path, v, f->name);
				check_session(kase, sessions->item[i], t);
				free(t);
				free(why);
			}
		doc_free(kase);
		free(path);
		n++;
	}
	closedir(dp);
	return n;
}

TEST(every_case_shows_what_it_must_and_hides_what_it_must)
{
	char *examples = xstrdup(env_or("EXAMPLES", "../shared/examples"));

	CHECK(check_dir("tests/cases/good") >= 4);
	CHECK(check_dir("tests/cases/summary") >= 2);
	CHECK(check_dir("data/demo") >= 4);
	CHECK(check_dir(examples) >= 1);
	free(examples);
}

int main(void)
{
	struct diags d = {0};

	if (formset_load(&FS, env_or("DUO_FORMS", "forms"), &d) != 0 ||
	    !(TX = summary_texts_load(env_or("DUO_DATA", "data"), &d))) {
		diags_print(stdout, &d);
		printf("not ok - load forms and data\n");
		return 1;
	}
	RUN(fixed_sentences_are_short_and_plain);
	RUN(dates_written_out);
	RUN(wording_mistakes_are_reported_where_they_are);
	RUN(a_missing_data_file_is_named);
	RUN(model_of_the_shared_example);
	RUN(names_not_roles);
	RUN(a_household_without_children);
	RUN(two_versions_each_its_own_summary);
	RUN(a_leak_refuses_the_summary);
	RUN(no_team_data_refuses_the_summary);
	RUN(no_sessions_or_no_such_version);
	RUN(text_is_wrapped_and_clean);
	RUN(formats_table);
	RUN(markup_in_text_is_escaped);
	RUN(html_is_self_contained);
	RUN(html_keeps_phone_numbers_and_mail_whole);
	RUN(export_to_a_file);
	RUN(every_case_shows_what_it_must_and_hides_what_it_must);
	summary_texts_free(TX);
	formset_free(&FS);
	diags_free(&d);
	return unit_done();
}
