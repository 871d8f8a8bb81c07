/*
 * cli.c - the commands of the duo command line: import, export, list and
 * check, and what they share: where the database and the forms are, who the
 * audit trail names, how diagnostics are printed, and an output file that
 * appears whole or not at all.
 *
 * Everything here only calls the core (store, casefile, export, form); no
 * SQL and no YAML. User-facing text is Dutch.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casedoc.h"
#include "casefile.h"
#include "cli.h"
#include "config.h"
#include "export.h"
#include "form.h"
#include "output.h"
#include "paths.h"
#include "plaintext.h"
#include "store.h"
#include "summary.h"

/* The width of the text export. */
#define TEXT_WIDTH 72
/* A short id in `duo list` and in import messages. */
#define SHORT_ID 8

/* ---- options and usage ------------------------------------------------ */

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fputs("duo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c && c->cmd)
		fprintf(stderr, "\nZie 'duo %s --help' of 'duo --help'.\n",
		        c->cmd->name);
	else
		fputs("\nZie 'duo --help'.\n", stderr);
	return CLI_USAGE;
}

void cli_print_synopsis(FILE *f, const char *lead,
                        const struct cli_command *cmd)
{
	int indent = fprintf(f, "%sduo %s%s", lead, cmd->name,
	                     *cmd->synopsis ? " " : "");

	for (const char *p = cmd->synopsis; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fprintf(f, "%*s", indent, "");
	}
	fputc('\n', f);
}

static void print_command_help(const struct cli_command *cmd)
{
	cli_print_synopsis(stdout, "Gebruik: ", cmd);
	printf("\n%s\nOok --db PAD, --forms MAP en --data MAP mogen na de "
	       "opdracht staan.\n", cmd->help);
}

int cli_option(struct cli *c, int ch, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";

	if (ch != '?' && ch != ':' && optarg && !*optarg) {
		/* "--db ''": the option is the word before the value */
		if (optarg == arg && optind >= 2)
			arg = argv[optind - 2];
		return cli_usage_error(c, "optie %.*s vraagt een waarde, niet leeg",
		                       (int)strcspn(arg, "="), arg);
	}
	switch (ch) {
	case CLI_OPT_DB:
		c->db = optarg;
		return -1;
	case CLI_OPT_FORMS:
		c->forms = optarg;
		return -1;
	case CLI_OPT_DATA:
		c->data = optarg;
		return -1;
	case 'h':
		if (c->cmd)
			print_command_help(c->cmd);
		return CLI_OK;
	case ':':
		return cli_usage_error(c, "optie %s vraagt een waarde", arg);
	default:
		if (optopt > 0 && optopt < CLI_OPT_DB)
			return cli_usage_error(c, "onbekende optie: -%c", optopt);
		return cli_usage_error(c, "onbekende optie: %s", arg);
	}
}

/* After the options: min..max arguments (max < 0: no limit). */
static int check_args(const struct cli *c, int argc, char **argv, int min,
                      int max, const char *what)
{
	int n = argc - optind;

	if (n < min)
		return cli_usage_error(c, "%s ontbreekt", what);
	if (max >= 0 && n > max)
		return cli_usage_error(c, "onverwacht argument: %s",
		                       argv[optind + max]);
	return 0;
}

/* ---- printing ---------------------------------------------------------- */

/* Every diagnostic on stderr; those without a file get "duo: " before. */
static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		fprintf(stderr, "%s%s\n", d->v[i].file ? "" : "duo: ", s);
		free(s);
	}
}

/* Print s with control characters shown as '?', so text from a case file
 * cannot send escape sequences to the terminal. */
static void put_clean(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
}

/* Display columns of UTF-8 text (NULL: none). */
static int text_cols(const char *s)
{
	return s ? utf8_width(s, strlen(s)) : 0;
}

static void put_padded(FILE *f, const char *s, int width)
{
	put_clean(f, s);
	for (int w = text_cols(s); w < width; w++)
		fputc(' ', f);
}

/* ---- where things are ---------------------------------------------------- */

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return str_empty(v) ? NULL : v;
}

static const char *home_dir(void)
{
	const struct passwd *pw;

	if (env("HOME"))
		return env("HOME");
	pw = getpwuid(getuid());
	return pw && !str_empty(pw->pw_dir) ? pw->pw_dir : NULL;
}

/* Create dir and its missing parents, new ones mode 0700. */
static int mkdir_p(const char *dir, struct diags *d)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; rc == 0; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			diag_add(d, p, 0, 0, "kan de map niet maken: %s",
			         strerror(errno));
			rc = -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* The database: --db, $DUO_DB, $XDG_DATA_HOME/duo/duo.db or
 * ~/.local/share/duo/duo.db; the default directories are made. Caller
 * frees; NULL after a diagnostic. */
static char *db_path(const struct cli *c, struct diags *d)
{
	const char *xdg = env("XDG_DATA_HOME");
	char *dir, *path;

	if (c->db)
		return xstrdup(c->db);
	if (env("DUO_DB"))
		return xstrdup(env("DUO_DB"));
	if (xdg && xdg[0] == '/')
		dir = xasprintf("%s/duo", xdg);
	else if (home_dir())
		dir = xasprintf("%s/.local/share/duo", home_dir());
	else {
		diag_add(d, NULL, 0, 0, "geen plek voor de database gevonden "
		         "(geen HOME); kies er een met --db of DUO_DB");
		return NULL;
	}
	path = mkdir_p(dir, d) == 0 ? xasprintf("%s/duo.db", dir) : NULL;
	free(dir);
	return path;
}

/* The forms: --forms, $DUO_FORMS, next to the program, installed
 * (paths.h). Caller frees. */
static char *forms_dir(const struct cli *c)
{
	return paths_forms_dir(c->forms);
}

/* Who the audit trail names: $DUO_USER, else the login name. */
static const char *audit_user(void)
{
	const struct passwd *pw;

	if (env("DUO_USER"))
		return env("DUO_USER");
	pw = getpwuid(getuid());
	return pw && !str_empty(pw->pw_name) ? pw->pw_name : "onbekend";
}

/* Load the forms into fs, printing every problem. 0 or -1. */
static int load_forms(const struct cli *c, struct formset *fs)
{
	struct diags d = {0};
	char *dir = forms_dir(c);
	int rc = formset_load(fs, dir, &d);

	print_diags(&d);
	if (rc != 0 && d.n == 0)
		fprintf(stderr, "duo: %s: de formulieren zijn niet te lezen\n", dir);
	diags_free(&d);
	free(dir);
	return rc;
}

/* Progress of a slow migration on stderr: on a terminal one line that
 * counts up, otherwise a line when it starts and one when it is done. */
static void open_progress(void *arg, const char *what, long done, long total)
{
	int *last = arg, pct = total > 0 ? (int)(done * 100 / total) : 100;

	if (isatty(STDERR_FILENO)) {
		if (pct != *last)
			fprintf(stderr, "\rduo: %s: %d%%%s", what, pct,
			        pct == 100 ? "\n" : "");
	} else if (*last < 0) {
		fprintf(stderr, "duo: %s (eenmalig; even geduld)\n", what);
	} else if (pct == 100 && *last != 100) {
		fprintf(stderr, "duo: %s: klaar\n", what);
	}
	*last = pct;
}

/* Open the database as user in role (may be NULL: unknown), printing what
 * went wrong. must_exist: refuse to create it (for check). NULL on
 * failure. */
static struct store *open_store_as(const struct cli *c, int must_exist,
                                   const char *user, const char *role)
{
	struct diags d = {0};
	char *path = db_path(c, &d);
	struct store *s = NULL;

	if (path && must_exist && access(path, F_OK) != 0) {
		diag_add(&d, path, 0, 0, "database bestaat niet");
	} else if (path) {
		int last = -1;

		s = store_open_ex(path, user, open_progress, &last, &d);
		if (last >= 0 && last < 100 && isatty(STDERR_FILENO))
			fputc('\n', stderr);
	}
	if (s)
		store_set_role(s, role);
	if (!s && d.n == 0)
		diag_add(&d, path, 0, 0, "database is niet te openen");
	print_diags(&d);
	diags_free(&d);
	free(path);
	return s;
}

/* The database as the user of the config (DUO_USER, else the name given
 * at the first start of the screens, else the login name) in their role
 * (DUO_ROLE, else the config's); see open_store_as. A config file that
 * cannot be read is no reason to refuse these commands: the review
 * commands, which need the role, report it (cli_review.c). */
static struct store *open_store(const struct cli *c, int must_exist)
{
	struct config cfg = {0};
	struct diags d = {0};
	struct store *s;

	(void)config_load(&cfg, &d);
	diags_free(&d);
	s = open_store_as(c, must_exist, cfg.user ? cfg.user : audit_user(),
	                  cfg.role);
	config_free(&cfg);
	return s;
}

/* ---- import ------------------------------------------------------------ */

/* The files of `duo import`, one by one, for case_import_files. */
struct import_files {
	char **argv;
	int next, argc;
};

static int import_next(void *arg, struct case_input *in)
{
	struct import_files *f = arg;

	if (f->next >= f->argc)
		return 1;
	in->name = f->argv[f->next++];
	in->buf = NULL; /* read the file */
	return 0;
}

/* A file's fate, once it is certain: a stored file is on disk. */
static void import_done(void *arg, const struct case_result *r)
{
	(void)arg;
	if (r->stored) {
		fputs("ge\xc3\xafmporteerd: ", stdout);
		put_clean(stdout, r->household);
		printf(" (%.*s) uit ", SHORT_ID, r->id);
		put_clean(stdout, r->name);
		fputc('\n', stdout);
		fflush(stdout);
	} else {
		print_diags(r->why);
	}
}

int cli_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"replace", no_argument, NULL, CLI_OPT_REPLACE},
		{"allow-incomplete", no_argument, NULL, CLI_OPT_INCOMPLETE},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct formset fs = {0};
	struct import_files files;
	struct case_import_io io;
	struct store *s;
	unsigned flags = 0;
	long failed;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == CLI_OPT_REPLACE)
			flags |= CASE_REPLACE;
		else if (ch == CLI_OPT_INCOMPLETE)
			flags |= CASE_ALLOW_INCOMPLETE;
		else if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	}
	if ((rc = check_args(c, argc, argv, 1, -1, "BESTAND")) != 0)
		return rc;
	for (int i = optind; i < argc; i++)
		if (!*argv[i])
			return cli_usage_error(c, "een lege bestandsnaam");
	if (load_forms(c, &fs) != 0) {
		formset_free(&fs);
		return CLI_DATA;
	}
	if (!(s = open_store(c, 0))) {
		formset_free(&fs);
		return CLI_DATA;
	}
	/* In batches (casefile.h): a line says "geïmporteerd" only once
	 * the file is on disk, and lines come in the order of the files. */
	files.argv = argv;
	files.next = optind;
	files.argc = argc;
	io.next = import_next;
	io.done = import_done;
	io.arg = &files;
	failed = case_import_files(s, &fs, flags, &io);
	store_close(s);
	formset_free(&fs);
	return failed ? CLI_DATA : CLI_OK;
}

/* ---- export ------------------------------------------------------------ */

/* A version number for --session: 1..INT_MAX, else -1. */
static int parse_version(const char *s)
{
	char *end;
	long v;

	if (str_empty(s) || s[0] == '-' || s[0] == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v < 1 || v > INT_MAX ? -1 : (int)v;
}

/* Write household id in the chosen format to o. 0 or -1 after diagnostics. */
static int export_to(struct store *s, const struct formset *fs,
                     const char *id, int text, int version, unsigned flags,
                     struct output *o, struct diags *d)
{
	struct doc_node *doc;
	int rc;

	if (!text)
		return case_export_yaml(s, fs, id, o->f,
		                        o->path ? o->path : "(uitvoer)", flags, d);
	doc = store_export_case(s, fs, id, d);
	if (!doc)
		return -1;
	rc = export_text_professional(o->f, doc, fs, version, TEXT_WIDTH, d);
	doc_free(doc);
	return rc;
}

/* The household summary of household id in format fmt: built (and so
 * filtered) completely before the output is opened, so a refusal leaves
 * no file behind. 0 or -1 after diagnostics. */
static int export_summary(const struct cli *c, struct store *s,
                          const struct formset *fs, const char *id,
                          const struct summary_format *fmt, int version,
                          const char *path, struct diags *d)
{
	char *datadir = cli_data_dir(c);
	struct summary_texts *tx = summary_texts_load(datadir, d);
	struct doc_node *doc = NULL;
	int rc = -1;

	free(datadir);
	if (tx && (doc = store_export_case(s, fs, id, d)) != NULL)
		rc = summary_export(doc, fs, tx, version, fmt, path, d);
	doc_free(doc);
	summary_texts_free(tx);
	return rc;
}

/* The names of the summary's formats, "text, markdown of html". */
static char *summary_format_names(void)
{
	struct strbuf sb = {0};
	size_t n = 0;

	while (summary_formats[n].name)
		n++;
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == n ? " of " : ", ",
		        summary_formats[i].name);
	return sb_steal(&sb);
}

/* Check --format against --audience. 0, or the exit status of a usage
 * error. *fmt is set for the household. */
static int check_format(const struct cli *c, const char *format,
                        int household, const struct summary_format **fmt)
{
	const struct summary_format *f = summary_format_get(format);

	*fmt = NULL;
	if (household) {
		char *names;
		int rc;

		if (str_eq(format, "yaml"))
			return cli_usage_error(c, "--format yaml is het hele dossier "
			                       "en nooit voor het huishouden; kies "
			                       "--format text");
		if (f) {
			*fmt = f;
			return 0;
		}
		names = summary_format_names();
		rc = cli_usage_error(c, "onbekend formaat: %s (kies %s)", format,
		                     names);
		free(names);
		return rc;
	}
	if (str_eq(format, "yaml") || str_eq(format, "text"))
		return 0;
	if (f)
		return cli_usage_error(c, "--format %s is er alleen voor de "
		                       "samenvatting: --audience huishouden",
		                       format);
	return cli_usage_error(c, "onbekend formaat: %s (kies yaml of text)",
	                       format);
}

/* Print the check of one session of doc: header, findings, average and
 * verdict. */
static void check_print(FILE *f, struct doc_node *doc, int version,
                        const struct pt_report *r)
{
	const struct doc_node *session = casedoc_session(doc, version);
	size_t njargon = 0;
	char *line;

	fputs("Taalcheck van de tekst voor het huishouden: ", f);
	put_clean(f, doc_map_str(doc_map_get(doc, "household"), "name"));
	fputs(", versie ", f);
	put_clean(f, doc_map_str(session, "version"));
	fputs(".\nGecontroleerd: de tekst van het duo.", f);
	if (r->quoted)
		fprintf(f, " Niet gecontroleerd, want in de eigen woorden van het "
		        "huishouden: %zu %s.", r->quoted,
		        r->quoted == 1 ? "tekst" : "teksten");
	fputs("\n\n", f);
	for (size_t i = 0; i < r->n; i++) {
		line = pt_finding_line(&r->v[i]);
		fprintf(f, "%s\n", line);
		free(line);
		njargon += r->v[i].kind == PT_JARGON;
	}
	if (r->n)
		fputc('\n', f);
	line = pt_average_line(r);
	fprintf(f, "%s\n", line);
	free(line);
	if (r->n)
		fprintf(f, "%zu %s om te verbeteren: %zu keer vaktaal, %zu %s van "
		        "meer dan %d woorden.\n", r->n,
		        r->n == 1 ? "punt" : "punten", njargon, r->n - njargon,
		        r->n - njargon == 1 ? "zin" : "zinnen", PT_LONG_SENTENCE);
	else if (!pt_report_clean(r))
		fputs("Geen vaktaal en geen lange zinnen, maar de zinnen zijn "
		      "gemiddeld te lang.\n", f);
	else
		fprintf(f, "In orde: geen vaktaal en geen zinnen van meer dan %d "
		        "woorden.\n", PT_LONG_SENTENCE);
}

/* The plain-language check of the duo's text that the household reads,
 * in one session of household id. 0 clean, 1 something to improve, -1
 * after diagnostics. */
static int check_to(const struct cli *c, struct store *s,
                    const struct formset *fs, const char *id, int version,
                    struct output *o, struct diags *d)
{
	struct pt_report r = {0};
	struct jargon j;
	struct doc_node *doc;
	char *dir = cli_data_dir(c);
	char *path = xasprintf("%s/jargon.yaml", dir);
	int rc = jargon_load_file(&j, path, d);

	free(dir);
	free(path);
	if (rc != 0)
		return -1;
	/* Only what the household may see of the one session, through the
	 * summary's filter (pt_check_household): never confidential text or
	 * a field the household is not shown, and refused, as the summary
	 * is, when confidential text was copied into a shown field. */
	doc = store_export_case(s, fs, id, d);
	rc = doc ? pt_check_household(&r, &j, fs, doc, version, d) : -1;
	if (rc > 0) {
		check_print(o->f, doc, rc, &r);
		rc = pt_report_clean(&r) ? 0 : 1;
	}
	pt_report_free(&r);
	jargon_free(&j);
	doc_free(doc);
	return rc;
}

/* duo export --check: the plain-language check of what the household
 * reads, instead of an export. It implies --audience huishouden and
 * writes a report, so --format is refused. Exit 0 when the text is in
 * order, 1 when there is something to improve (or after an error). */
static int export_check(struct cli *c, const char *audience,
                        const char *format, const char *session,
                        const char *path, const char *household)
{
	struct formset fs = {0};
	struct diags d = {0};
	struct output o;
	struct store *s = NULL;
	char id[UUID_STR_LEN];
	int version = 0, rc = -1;

	if (audience && !str_eq(audience, "huishouden"))
		return cli_usage_error(c, "--check controleert de tekst voor het "
		                       "huishouden; laat --audience weg of kies "
		                       "--audience huishouden");
	if (format)
		return cli_usage_error(c, "--check schrijft een taalcheck, geen "
		                       "export; laat --format weg");
	if (session && (version = parse_version(session)) < 0)
		return cli_usage_error(c, "--session vraagt een versienummer "
		                       "(1, 2, ...), niet: %s", session);
	if (load_forms(c, &fs) != 0 || !(s = open_store(c, 0))) {
		formset_free(&fs);
		return CLI_DATA;
	}
	if (store_find_household(s, household, id, &d) == 0 &&
	    output_open(&o, path, &d) == 0) {
		rc = check_to(c, s, &fs, id, version, &o, &d);
		if (rc >= 0 && output_commit(&o, &d) != 0)
			rc = -1;
		else if (rc < 0)
			output_abort(&o);
	}
	print_diags(&d);
	diags_free(&d);
	store_close(s);
	formset_free(&fs);
	return rc == 0 ? CLI_OK : CLI_DATA;
}

int cli_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, CLI_OPT_FORMAT},
		{"audience", required_argument, NULL, CLI_OPT_AUDIENCE},
		{"session", required_argument, NULL, CLI_OPT_SESSION},
		{"output", required_argument, NULL, 'o'},
		{"allow-incomplete", no_argument, NULL, CLI_OPT_INCOMPLETE},
		{"check", no_argument, NULL, CLI_OPT_CHECK},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	const char *format = NULL, *audience = NULL, *path = NULL;
	const struct summary_format *fmt = NULL;
	unsigned flags = 0;
	int check = 0;
	const char *session = NULL;
	struct formset fs = {0};
	struct diags d = {0};
	struct output o;
	struct store *s = NULL;
	char id[UUID_STR_LEN];
	int version = 0, household, ch, rc;

	while ((ch = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_FORMAT)
			format = optarg;
		else if (ch == CLI_OPT_AUDIENCE)
			audience = optarg;
		else if (ch == CLI_OPT_SESSION)
			session = optarg;
		else if (ch == 'o')
			path = optarg;
		else if (ch == CLI_OPT_INCOMPLETE)
			flags |= CASE_ALLOW_INCOMPLETE;
		else if (ch == CLI_OPT_CHECK)
			check = 1;
		else if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	}
	if ((rc = check_args(c, argc, argv, 1, 1, "HUISHOUDEN")) != 0)
		return rc;
	if (check)
		return export_check(c, audience, format, session, path,
		                    argv[optind]);
	if (!audience)
		audience = "professional";
	if (!str_eq(audience, "professional") && !str_eq(audience, "huishouden"))
		return cli_usage_error(c, "onbekend publiek: %s (kies professional "
		                       "of huishouden)", audience);
	household = str_eq(audience, "huishouden");
	if (!format)
		format = household ? "text" : "yaml";
	if ((rc = check_format(c, format, household, &fmt)) != 0)
		return rc;
	if (session && (version = parse_version(session)) < 0)
		return cli_usage_error(c, "--session vraagt een versienummer "
		                       "(1, 2, ...), niet: %s", session);
	if (session && str_eq(format, "yaml"))
		return cli_usage_error(c, "--session hoort bij --format text; "
		                       "yaml bevat altijd alle versies");

	if (load_forms(c, &fs) != 0 || !(s = open_store(c, 0))) {
		formset_free(&fs);
		return CLI_DATA;
	}
	rc = -1;
	if (store_find_household(s, argv[optind], id, &d) != 0) {
		rc = -1;
	} else if (household) {
		rc = export_summary(c, s, &fs, id, fmt, version, path, &d);
	} else if (output_open(&o, path, &d) == 0) {
		rc = export_to(s, &fs, id, str_eq(format, "text"), version, flags,
		               &o, &d);
		if (rc == 0)
			rc = output_commit(&o, &d);
		else
			output_abort(&o);
	}
	print_diags(&d);
	diags_free(&d);
	store_close(s);
	formset_free(&fs);
	return rc == 0 ? CLI_OK : CLI_DATA;
}

/* ---- list -------------------------------------------------------------- */

/* The column widths of `duo list`, measured in a first pass over the rows
 * so that memory does not grow with the number of households. */
struct list_cols {
	int name, version, status;
	int header;  /* print a header line */
};

static const char *const list_header[] = {"KENMERK", "NAAM", "VERSIE",
                                          "STATUS", "EVALUATIE"};

static int list_measure(const struct store_list_row *r, void *arg)
{
	struct list_cols *w = arg;
	char v[16];
	int n;

	n = text_cols(r->name);
	if (n > w->name)
		w->name = n;
	n = r->version ? snprintf(v, sizeof v, "%d", r->version) : 1;
	if (n > w->version)
		w->version = n;
	n = text_cols(r->status ? r->status : "-");
	if (n > w->status)
		w->status = n;
	return 0;
}

static int list_print(const struct store_list_row *r, void *arg)
{
	const struct list_cols *w = arg;
	char v[16];

	snprintf(v, sizeof v, r->version ? "%d" : "-", r->version);
	printf("%-*.*s  ", SHORT_ID, SHORT_ID, r->id ? r->id : "");
	put_padded(stdout, r->name ? r->name : "", w->name);
	printf("  %*s  ", w->version, v);
	put_padded(stdout, r->status ? r->status : "-", w->status);
	printf("  %s\n", r->evaluation ? r->evaluation : "-");
	return ferror(stdout) ? 1 : 0;
}

static int is_status(const char *s)
{
	static const char *const statuses[] = {"concept", "ter-review",
	                                       "vastgesteld", "herzien"};

	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		if (str_eq(s, statuses[i]))
			return 1;
	return 0;
}

int cli_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"status", required_argument, NULL, CLI_OPT_STATUS},
		{"overdue", no_argument, NULL, CLI_OPT_OVERDUE},
		{"date", required_argument, NULL, CLI_OPT_DATE},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct store_list_filter filter = {0};
	struct list_cols w = {0};
	struct diags d = {0};
	struct store *s;
	const char *date = NULL;
	char today[11];
	int overdue = 0, ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_STATUS)
			filter.status = optarg;
		else if (ch == CLI_OPT_OVERDUE)
			overdue = 1;
		else if (ch == CLI_OPT_DATE)
			date = optarg;
		else if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	}
	if ((rc = check_args(c, argc, argv, 0, 0, "")) != 0)
		return rc;
	if (filter.status && !is_status(filter.status))
		return cli_usage_error(c, "onbekende status: %s (kies concept, "
		                       "ter-review, vastgesteld of herzien)",
		                       filter.status);
	if (date && !overdue)
		return cli_usage_error(c, "--date hoort bij --overdue");
	if (date && !date_is_valid(date))
		return cli_usage_error(c, "geen geldige datum: %s (gebruik "
		                       "JJJJ-MM-DD)", date);
	if (overdue && !date) {
		date_today(today);
		date = today;
	}
	filter.overdue_on = overdue ? date : NULL;

	if (!(s = open_store(c, 0)))
		return CLI_DATA;
	w.header = isatty(STDOUT_FILENO);
	if (w.header) {
		w.name = text_cols(list_header[1]);
		w.version = text_cols(list_header[2]);
		w.status = text_cols(list_header[3]);
	}
	rc = store_list(s, &filter, list_measure, &w, &d);
	if (rc == 0 && w.header)
		printf("%-*s  %-*s  %*s  %-*s  %s\n", SHORT_ID, list_header[0],
		       w.name, list_header[1], w.version, list_header[2],
		       w.status, list_header[3], list_header[4]);
	if (rc == 0)
		rc = store_list(s, &filter, list_print, &w, &d);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		diag_add(&d, NULL, 0, 0, "schrijven naar de uitvoer mislukt");
		rc = -1;
	}
	print_diags(&d);
	diags_free(&d);
	store_close(s);
	return rc == 0 ? CLI_OK : CLI_DATA;
}

/* ---- check ------------------------------------------------------------- */

int cli_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct formset fs = {0};
	struct diags d = {0};
	struct store *s;
	int ch, rc, bad = 0;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1)
		if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	if ((rc = check_args(c, argc, argv, 0, 0, "")) != 0)
		return rc;

	if (load_forms(c, &fs) == 0)
		printf("forms: in orde (%zu bestanden)\n", fs.nforms + fs.nmodels);
	else
		bad = 1;
	formset_free(&fs);

	{
		char *datadir = cli_data_dir(c);
		struct summary_texts *tx = summary_texts_load(datadir, &d);

		if (tx)
			printf("data: in orde (%s)\n", datadir);
		else
			bad = 1;
		print_diags(&d);
		diags_clear(&d);
		summary_texts_free(tx);
		free(datadir);
	}

	if ((s = open_store(c, 1)) != NULL) {
		if (store_check(s, &d) == 0)
			printf("database: in orde (schema %d)\n",
			       store_schema_version());
		else
			bad = 1;
		print_diags(&d);
		store_close(s);
	} else {
		bad = 1;
	}
	diags_free(&d);
	fflush(stdout);
	return bad ? CLI_DATA : CLI_OK;
}

/* ---- for the screen program ------------------------------------------- */

/* ---- for the other command files (cli.h) ------------------------------- */

int cli_text_cols(const char *s)
{
	return text_cols(s);
}

int cli_parse_version(const char *s)
{
	return parse_version(s);
}

/* See cli.h. */
char *cli_db_path(const struct cli *c, struct diags *d)
{
	return db_path(c, d);
}

/* See cli.h. */
char *cli_forms_dir(const struct cli *c)
{
	return forms_dir(c);
}

/* ---- for the other command files ------------------------------------- */

/* See cli.h. */
struct store *cli_open_store(const struct cli *c, const char *user,
                             const char *role)
{
	return open_store_as(c, 0, user ? user : audit_user(), role);
}

/* See cli.h. */
int cli_load_forms(const struct cli *c, struct formset *fs)
{
	return load_forms(c, fs);
}

/* See cli.h. */
void cli_print_diags(const struct diags *d)
{
	print_diags(d);
}

/* See cli.h. */
int cli_check_args(const struct cli *c, int argc, char **argv, int min,
                   int max, const char *what)
{
	return check_args(c, argc, argv, min, max, what);
}

/* See cli.h. */
void cli_put_clean(FILE *f, const char *s)
{
	put_clean(f, s);
}

/* See cli.h. */
char *cli_data_dir(const struct cli *c)
{
	return paths_data_dir(c->data);
}
