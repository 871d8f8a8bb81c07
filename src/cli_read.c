/*
 * cli_read.c - the commands that read across households and versions
 * without changing anything: search (everything typed, search.h), diff
 * (two versions of a household, versiondiff.h), log (the audit trail,
 * auditlog.h) and overview (what waits for a team lead, overview.h).
 *
 * Like cli.c, everything here only calls the core; user-facing text is
 * Dutch. Text from the database is printed through cli_put_clean, so it
 * cannot send escape sequences to the terminal.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditlog.h"
#include "cli.h"
#include "config.h"
#include "form.h"
#include "overview.h"
#include "search.h"
#include "store.h"
#include "util.h"
#include "versiondiff.h"

/* A short id, as `duo list` prints it. */
#define SHORT_ID 8

/* A whole number lo..hi, else -1. */
static long parse_count(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (str_empty(s) || s[0] == '-' || s[0] == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v < lo || v > hi ? -1 : v;
}

/* Write the stdout of a command out; 0, or -1 after a diagnostic. */
static int flush_out(struct diags *d)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag_add(d, NULL, 0, 0, "schrijven naar de uitvoer mislukt");
		return -1;
	}
	return 0;
}

/* "stap N Titel" of a stage, from the forms ("stap N" when unknown);
 * "Stap" at the start of a line. */
static void put_stage(const struct formset *fs, int stage, int capital)
{
	const struct form *f = stage >= 0 ? formset_stage(fs, stage) : NULL;

	if (stage < 0)
		return;
	printf("%stap %d", capital ? "S" : "s", stage);
	if (f && f->title) {
		fputc(' ', stdout);
		cli_put_clean(stdout, f->title);
	}
}

/* The label of a field of a section from the forms, or its key. */
static const char *field_label(const struct formset *fs, const char *section,
                               const char *key)
{
	const struct form_section *sec = formset_section(fs, section);
	const struct form_field *f = sec && key ? form_section_field(sec, key) :
	                             NULL;

	return f ? f->label : key;
}

/* ---- search ------------------------------------------------------------- */

/* The snippet with its marks: bold on a terminal, [ ] otherwise. */
static void put_snippet(const struct search_hit *h, int tty)
{
	const char *open = tty ? "\033[1m" : "[", *close = tty ? "\033[0m" : "]";
	size_t at = 0, k;

	for (k = 0; k < h->nmarks; k++) {
		const struct search_mark *m = &h->marks[k];
		char *part;

		if (m->off < at)
			continue;
		part = xstrndup(h->snippet + at, m->off - at);
		cli_put_clean(stdout, part);
		free(part);
		part = xstrndup(h->snippet + m->off, m->len);
		fputs(open, stdout);
		cli_put_clean(stdout, part);
		fputs(close, stdout);
		free(part);
		at = m->off + m->len;
	}
	cli_put_clean(stdout, h->snippet + at);
}

static void put_hit(const struct formset *fs, const struct search_hit *h,
                    int tty)
{
	printf("%.*s  ", SHORT_ID, h->household_id);
	cli_put_clean(stdout, h->household_name);
	if (h->version)
		printf(", versie %d", h->version);
	if (h->stage >= 0) {
		fputs(", ", stdout);
		put_stage(fs, h->stage, 0);
	}
	fputs("\n    ", stdout);
	cli_put_clean(stdout, h->name);
	if (h->field) {
		fputs(", ", stdout);
		cli_put_clean(stdout, field_label(fs, h->section, h->field));
	}
	fputs(": ", stdout);
	put_snippet(h, tty);
	fputc('\n', stdout);
}

int cli_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"limit", required_argument, NULL, CLI_OPT_LIMIT},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct search_opts o = {0};
	struct search_results r = {0};
	struct formset fs = {0};
	struct diags d = {0};
	struct strbuf query = {0};
	struct store *s;
	long limit;
	int ch, rc, tty;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_LIMIT) {
			if ((limit = parse_count(optarg, 1, 10000)) < 0)
				return cli_usage_error(c, "--limit vraagt een "
				                       "aantal van 1 tot en met "
				                       "10000, niet: %s", optarg);
			o.limit = (size_t)limit;
		} else if ((rc = cli_option(c, ch, argv)) >= 0) {
			return rc;
		}
	}
	if ((rc = cli_check_args(c, argc, argv, 1, -1, "TEKST")) != 0)
		return rc;
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			sb_addc(&query, ' ');
		sb_add(&query, argv[i]);
	}
	if (cli_load_forms(c, &fs) != 0 || !(s = cli_open_store(c, NULL, NULL))) {
		formset_free(&fs);
		sb_free(&query);
		return CLI_DATA;
	}
	tty = isatty(STDOUT_FILENO);
	o.snippet_cols = 72;
	rc = search_run(s, &fs, sb_str(&query), &o, &r, &d);
	if (rc == 0 && r.nterms == 0) {
		store_close(s);
		formset_free(&fs);
		search_results_free(&r);
		rc = cli_usage_error(c, "geen woord om op te zoeken in '%s'",
		                     sb_str(&query));
		sb_free(&query);
		return rc;
	}
	for (size_t i = 0; rc == 0 && i < r.n; i++)
		put_hit(&fs, &r.v[i], tty);
	if (rc == 0)
		rc = flush_out(&d);
	cli_print_diags(&d);
	if (rc == 0 && r.n == 0) {
		fputs("duo: niets gevonden voor: ", stderr);
		cli_put_clean(stderr, sb_str(&query));
		fputc('\n', stderr);
	} else if (rc == 0 && r.more) {
		fprintf(stderr, "duo: meer dan %zu resultaten; maak de "
		        "zoekvraag preciezer of gebruik --limit\n", r.n);
	}
	diags_free(&d);
	store_close(s);
	formset_free(&fs);
	sb_free(&query);
	rc = rc == 0 && r.n > 0 ? CLI_OK : CLI_DATA;
	search_results_free(&r);
	return rc;
}

/* ---- diff --------------------------------------------------------------- */

/* The width `duo diff` keeps a change on one line within. */
#define DIFF_WIDTH 76

/* A value as people read it (versiondiff_value). */
static const char *shown_value(const struct formset *fs, const char *section,
                               const char *key, const char *value)
{
	return versiondiff_value(fs, section, key, value);
}

/* Text that may hold line breaks: every line after the first indented. */
static void put_text(const char *s, int indent)
{
	for (const char *p = s; p && *p; p++) {
		if (*p == '\n')
			printf("\n%*s", indent, "");
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			fputc('?', stdout);
		else
			fputc(*p, stdout);
	}
}

static void put_change(const struct formset *fs, const struct vd_change *v)
{
	const char *b = shown_value(fs, v->section, v->key, v->before);
	const char *a = shown_value(fs, v->section, v->key, v->after);
	const char *text;
	int cols;

	switch (v->what) {
	case VD_ADDED:
	case VD_REMOVED:
		printf("  %c ", v->what == VD_ADDED ? '+' : '-');
		cli_put_clean(stdout, v->name);
		text = v->what == VD_ADDED ? v->after : v->before;
		/* an item named by its text (a participant, a TOP-3 title)
		 * says it once */
		if (text && !strstr(v->name, text)) {
			fputs(": ", stdout);
			put_text(text, 6);
		}
		fputc('\n', stdout);
		return;
	case VD_ORDER:
		fputs("  ~ ", stdout);
		cli_put_clean(stdout, v->name);
		fputs(": andere volgorde\n      was: ", stdout);
		put_text(b, 11);
		fputs("\n      nu:  ", stdout);
		put_text(a, 11);
		fputc('\n', stdout);
		return;
	case VD_CHANGED:
		break;
	}
	fputs("  ~ ", stdout);
	cli_put_clean(stdout, v->name);
	fputs(", ", stdout);
	cli_put_clean(stdout, v->label);
	if (v->person) {
		fputs(" (", stdout);
		cli_put_clean(stdout, v->person);
		fputc(')', stdout);
	}
	cols = 6 + cli_text_cols(v->name) + cli_text_cols(v->label) +
	       (v->person ? 3 + cli_text_cols(v->person) : 0) +
	       cli_text_cols(b) + cli_text_cols(a) + 5;
	if (cols <= DIFF_WIDTH && !strchr(b, '\n') && !strchr(a, '\n')) {
		fputs(": ", stdout);
		cli_put_clean(stdout, b);
		fputs(" → ", stdout);
		cli_put_clean(stdout, a);
		fputc('\n', stdout);
		return;
	}
	fputs("\n      was: ", stdout);
	put_text(b, 11);
	fputs("\n      nu:  ", stdout);
	put_text(a, 11);
	fputc('\n', stdout);
}

/* "versie N (datum, Status)" */
static void put_version(const struct formset *fs, int version,
                        const char *date, const char *status)
{
	printf("versie %d (", version);
	cli_put_clean(stdout, date ? date : "zonder datum");
	if (status) {
		fputs(", ", stdout);
		cli_put_clean(stdout, shown_value(fs, "sessions", "status",
		                                  status));
	}
	fputc(')', stdout);
}

static void put_diff(const struct formset *fs, const char *id,
                     const char *name, const struct versiondiff *vd)
{
	int stage = -2;

	cli_put_clean(stdout, name);
	printf(" (%.*s): ", SHORT_ID, id);
	put_version(fs, vd->from, vd->date_from, vd->status_from);
	fputs(" → ", stdout);
	put_version(fs, vd->to, vd->date_to, vd->status_to);
	fputc('\n', stdout);
	if (vd->n == 0)
		printf("\nGeen verschillen tussen versie %d en versie %d.\n",
		       vd->from, vd->to);
	for (size_t i = 0; i < vd->n; i++) {
		if (vd->v[i].stage != stage) {
			stage = vd->v[i].stage;
			fputc('\n', stdout);
			if (stage >= 0) {
				put_stage(fs, stage, 1);
				fputc('\n', stdout);
			}
		}
		put_change(fs, &vd->v[i]);
	}
}

int cli_diff(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, CLI_OPT_FROM},
		{"to", required_argument, NULL, CLI_OPT_TO},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct formset fs = {0};
	struct diags d = {0};
	struct versiondiff vd = {0};
	struct doc_node *doc = NULL;
	struct store *s;
	char id[UUID_STR_LEN];
	int from = 0, to = 0, ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_FROM || ch == CLI_OPT_TO) {
			int v = cli_parse_version(optarg);

			if (v < 0)
				return cli_usage_error(c, "--%s vraagt een "
				                       "versienummer (1, 2, ...), "
				                       "niet: %s", ch == CLI_OPT_FROM ?
				                       "from" : "to", optarg);
			*(ch == CLI_OPT_FROM ? &from : &to) = v;
		} else if ((rc = cli_option(c, ch, argv)) >= 0) {
			return rc;
		}
	}
	if ((rc = cli_check_args(c, argc, argv, 1, 1, "HUISHOUDEN")) != 0)
		return rc;
	if (from && from == to)
		return cli_usage_error(c, "--from en --to noemen dezelfde "
		                       "versie (%d)", from);
	if (cli_load_forms(c, &fs) != 0 || !(s = cli_open_store(c, NULL, NULL))) {
		formset_free(&fs);
		return CLI_DATA;
	}
	rc = -1;
	if (store_find_household(s, argv[optind], id, &d) == 0)
		doc = store_export_case(s, &fs, id, &d);
	if (doc) {
		int lf = 0, lt = 0;
		int have = versiondiff_latest(doc, &lf, &lt) == 0;
		const char *name = doc_map_str(doc_map_get(doc, "household"),
		                               "name");

		if (!from && !to && have) {
			from = lf;
			to = lt;
		} else if (!from && have) {
			from = to == lt ? lf : lt;
		} else if (!to && have) {
			to = from == lt ? lf : lt;
		}
		if (!from || !to) {
			diag_add(&d, NULL, 0, 0, "%s heeft minder dan twee "
			         "versies; er is niets te vergelijken",
			         name ? name : argv[optind]);
		} else if (versiondiff_make(&fs, doc, from, to, &vd, &d) == 0) {
			put_diff(&fs, id, name ? name : "", &vd);
			rc = flush_out(&d);
		}
	}
	cli_print_diags(&d);
	versiondiff_free(&vd);
	doc_free(doc);
	diags_free(&d);
	store_close(s);
	formset_free(&fs);
	return rc == 0 ? CLI_OK : CLI_DATA;
}

/* ---- log ---------------------------------------------------------------- */

static void put_log(const struct auditlog *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct auditlog_entry *e = &l->v[i];

		cli_put_clean(stdout, e->when);
		fputs("  ", stdout);
		cli_put_clean(stdout, e->user ? e->user : "onbekend");
		if (e->role_label) {
			fputs(" (", stdout);
			cli_put_clean(stdout, e->role_label);
			fputc(')', stdout);
		}
		fputs("  ", stdout);
		cli_put_clean(stdout, e->label);
		fputc('\n', stdout);
		for (size_t j = 0; j < e->nlines; j++) {
			fputs("    ", stdout);
			cli_put_clean(stdout, e->lines[j]);
			fputc('\n', stdout);
		}
	}
}

int cli_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct auditlog l = {0};
	struct diags d = {0}, nf = {0};
	struct store *s;
	char id[UUID_STR_LEN];
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1)
		if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	if ((rc = cli_check_args(c, argc, argv, 1, 1, "HUISHOUDEN")) != 0)
		return rc;
	if (!(s = cli_open_store(c, NULL, NULL)))
		return CLI_DATA;
	rc = store_find_household(s, argv[optind], id, &nf);
	if (rc != 0 && uuid_is_valid(argv[optind])) {
		/* the trail outlives its household: a whole id still has one */
		snprintf(id, sizeof id, "%s", argv[optind]);
		for (char *p = id; *p; p++)
			if (*p >= 'A' && *p <= 'F')
				*p = (char)(*p - 'A' + 'a');
		rc = 0;
	}
	if (rc == 0)
		rc = auditlog_load(s, id, &l, &d);
	if (rc == 0 && l.n == 0 && nf.n) {
		rc = -1;
	} else if (rc == 0) {
		put_log(&l);
		rc = flush_out(&d);
	}
	if (rc != 0 && nf.n && d.n == 0)
		cli_print_diags(&nf);
	cli_print_diags(&d);
	auditlog_free(&l);
	diags_free(&d);
	diags_free(&nf);
	store_close(s);
	return rc == 0 ? CLI_OK : CLI_DATA;
}

/* ---- overview ----------------------------------------------------------- */

/* One list of the overview: a title with the count, then per household
 * short id, name, version, what the date is, the date and the days. */
static void put_list(const char *title, const char *order,
                     const struct overview_list *l, const char *what,
                     const char *days_word)
{
	int w = 0;

	printf("\n%s (%zu), %s\n", title, l->n, order);
	if (l->n == 0)
		fputs("  (geen)\n", stdout);
	for (size_t i = 0; i < l->n; i++)
		if (cli_text_cols(l->v[i].name) > w)
			w = cli_text_cols(l->v[i].name);
	for (size_t i = 0; i < l->n; i++) {
		const struct overview_item *it = &l->v[i];

		printf("  %.*s  ", SHORT_ID, it->household_id);
		cli_put_clean(stdout, it->name);
		printf("%*s  ", w - cli_text_cols(it->name), "");
		if (it->version)
			printf("versie %-3d  ", it->version);
		else
			printf("%-10s  ", "geen sessie");
		printf("%s %s  (%ld %s%s)\n", it->version ? what : "aangemaakt",
		       it->date, it->days,
		       it->days == 1 ? "dag" : "dagen", days_word);
	}
}

int cli_overview(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, CLI_OPT_DATE},
		{"days", required_argument, NULL, CLI_OPT_DAYS},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct overview o = {0};
	struct config conf;
	struct diags d = {0};
	struct store *s;
	const char *date = NULL;
	long days = 0;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_DATE) {
			date = optarg;
			if (!date_is_valid(date))
				return cli_usage_error(c, "geen geldige datum: %s "
				                       "(gebruik JJJJ-MM-DD)", date);
		} else if (ch == CLI_OPT_DAYS) {
			days = parse_count(optarg, 1, CONFIG_QUIET_DAYS_MAX);
			if (days < 0)
				return cli_usage_error(c, "--days vraagt een "
				                       "aantal dagen van 1 tot en "
				                       "met %d, niet: %s",
				                       CONFIG_QUIET_DAYS_MAX, optarg);
		} else if ((rc = cli_option(c, ch, argv)) >= 0) {
			return rc;
		}
	}
	if ((rc = cli_check_args(c, argc, argv, 0, 0, "")) != 0)
		return rc;
	if (!days) {
		/* the user's setting; a broken file is said, not fatal */
		(void)config_load(&conf, &d);
		days = config_quiet_days(&conf);
		config_free(&conf);
		cli_print_diags(&d);
		diags_clear(&d);
	}
	if (!(s = cli_open_store(c, NULL, NULL)))
		return CLI_DATA;
	rc = overview_load(s, date, (int)days, &o, &d);
	if (rc == 0) {
		char *quiet = xasprintf("Geen sessie in meer dan %d dagen",
		                        o.quiet_days);

		printf("Overzicht op %s\n", o.today);
		put_list("Wachten op beoordeling", "de langst wachtende eerst",
		         &o.review, "sinds", "");
		put_list("Evaluatie te laat", "de oudste eerst", &o.overdue,
		         "evaluatie", " te laat");
		put_list(quiet, "de langst stille eerst", &o.quiet,
		         "laatste sessie", "");
		free(quiet);
		rc = flush_out(&d);
	}
	cli_print_diags(&d);
	overview_free(&o);
	diags_free(&d);
	store_close(s);
	return rc == 0 ? CLI_OK : CLI_DATA;
}
