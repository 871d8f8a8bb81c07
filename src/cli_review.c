/*
 * cli_review.c - the review commands of the duo command line: submit,
 * approve, return and evaluate (the steps of a version's status) and
 * comment, comments, reply and resolve (the team lead's comments and the
 * duo's answers). Everything here calls review.h; the rules themselves
 * are the store's.
 *
 * Who acts: the name and role of the config (config.h: DUO_USER and
 * DUO_ROLE override the file), the name falling back to the login name as
 * for the other commands. A comment is named on the command line by its
 * number within the version (1, 2, ... in the order `duo comments` shows);
 * the store knows it by its row id.
 *
 * Exit status as everywhere: 0 done, 1 refused or bad data (the reason on
 * stderr, the database unchanged), 2 wrong usage.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "cli.h"
#include "config.h"
#include "form.h"
#include "review.h"
#include "store.h"

/* What every review command holds: the actor, the database, the forms and
 * the household. */
struct act {
	struct config cfg;
	struct formset fs;
	struct store *s;
	char id[UUID_STR_LEN];
	char *name;      /* the household's name */
	struct diags d;
};

static void act_free(struct act *a)
{
	cli_print_diags(&a->d);
	diags_free(&a->d);
	store_close(a->s);
	formset_free(&a->fs);
	config_free(&a->cfg);
	free(a->name);
}

/* The household's name, for the lines the commands print. */
static char *household_name(struct act *a)
{
	struct doc_node *root = store_export_case(a->s, NULL, a->id, &a->d);
	char *name = root ? xstrdup(doc_map_str(doc_map_get(root, "household"),
	                                        "name")) : NULL;

	doc_free(root);
	return name ? name : xstrdup(a->id);
}

/* Read the config, the forms and the database, and find the household.
 * 0, or CLI_DATA after the reasons were printed. */
static int act_start(struct cli *c, const char *spec, struct act *a)
{
	struct diags cd = {0};

	memset(a, 0, sizeof *a);
	if (config_load(&a->cfg, &cd) != 0)
		cli_print_diags(&cd); /* a broken line: the rest still counts */
	diags_free(&cd);
	if (cli_load_forms(c, &a->fs) != 0)
		return CLI_DATA;
	a->s = cli_open_store(c, a->cfg.user, a->cfg.role);
	if (!a->s)
		return CLI_DATA;
	if (store_find_household(a->s, spec, a->id, &a->d) != 0)
		return CLI_DATA;
	a->name = household_name(a);
	return 0;
}

/* Parse the options of a command that has only the common ones. Returns
 * -1 to go on, or an exit status. */
static int common_options(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	int ch;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		int rc = cli_option(c, ch, argv);

		if (rc >= 0)
			return rc;
	}
	return -1;
}

/* A positive whole number (a comment or version number), else -1. */
static long parse_number(const char *s)
{
	char *end;
	long v;

	if (!s || s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v < 1 || v > INT_MAX ? -1 : v;
}

/* The words argv[from..argc) joined by spaces: the text of a comment or
 * reply typed without quotes. Caller frees. */
static char *join_words(int argc, char **argv, int from)
{
	struct strbuf sb = {0};
	int i;

	for (i = from; i < argc; i++) {
		if (i > from)
			sb_addc(&sb, ' ');
		sb_add(&sb, argv[i]);
	}
	return sb_steal(&sb);
}

/* ---- the steps -------------------------------------------------------- */

enum step { SUBMIT, APPROVE, RETURN };

static int run_step(struct cli *c, int argc, char **argv, enum step k)
{
	static const char *const done[] = {"ingediend", "vastgesteld",
	                                   "teruggestuurd"};
	static const char *const from_to[] = {"concept → ter-review",
	                                      "ter-review → vastgesteld",
	                                      "ter-review → concept"};
	struct act a;
	int rc;

	if ((rc = common_options(c, argc, argv)) >= 0)
		return rc;
	if ((rc = cli_check_args(c, argc, argv, 1, 1, "HUISHOUDEN")) != 0)
		return rc;
	rc = act_start(c, argv[optind], &a);
	if (rc == 0) {
		int v;

		if (k == SUBMIT)
			v = review_submit(a.s, &a.fs, a.id, 0, &a.d);
		else if (k == APPROVE)
			v = review_approve(a.s, a.id, 0, &a.d);
		else
			v = review_return(a.s, a.id, 0, &a.d);
		if (v > 0) {
			printf("%s: ", done[k]);
			cli_put_clean(stdout, a.name);
			printf(" versie %d (%s)\n", v, from_to[k]);
		} else {
			rc = CLI_DATA;
		}
	}
	act_free(&a);
	return rc;
}

int cli_submit(struct cli *c, int argc, char **argv)
{
	return run_step(c, argc, argv, SUBMIT);
}

int cli_approve(struct cli *c, int argc, char **argv)
{
	return run_step(c, argc, argv, APPROVE);
}

int cli_return(struct cli *c, int argc, char **argv)
{
	return run_step(c, argc, argv, RETURN);
}

int cli_evaluate(struct cli *c, int argc, char **argv)
{
	struct act a;
	int rc;

	if ((rc = common_options(c, argc, argv)) >= 0)
		return rc;
	if ((rc = cli_check_args(c, argc, argv, 1, 1, "HUISHOUDEN")) != 0)
		return rc;
	rc = act_start(c, argv[optind], &a);
	if (rc == 0) {
		int v = review_evaluate(a.s, &a.fs, a.id, &a.d);

		if (v > 0) {
			printf("evaluatie begonnen: ");
			cli_put_clean(stdout, a.name);
			printf(" versie %d (concept), een kopie van versie %d\n",
			       v, v - 1);
		} else {
			rc = CLI_DATA;
		}
	}
	act_free(&a);
	return rc;
}

/* ---- comments ----------------------------------------------------------- */

/* The household's document with row ids, and its version (0: latest). */
static struct doc_node *load_session(struct act *a, int version,
                                     struct doc_node **session)
{
	struct doc_node *root = store_load_case(a->s, &a->fs, a->id, NULL,
	                                        &a->d);

	*session = root ? casedoc_session(root, version) : NULL;
	if (root && !*session) {
		if (version)
			diag_add(&a->d, NULL, 0, 0, "versie %d bestaat niet bij "
			         "dit huishouden", version);
		else
			diag_add(&a->d, NULL, 0, 0, "dit huishouden heeft nog "
			         "geen sessies");
	}
	return root;
}

int cli_comment(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"on", required_argument, NULL, CLI_OPT_ON},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	const char *on = NULL;
	struct act a;
	char *text;
	long id = 0;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_ON)
			on = optarg;
		else if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	}
	if (!on)
		return cli_usage_error(c, "--on ONDERDEEL ontbreekt: waar gaat "
		                       "de opmerking over? (zoals f1, top3/1, "
		                       "h1, p2 of plan)");
	if ((rc = cli_check_args(c, argc, argv, 1, -1, "HUISHOUDEN")) != 0)
		return rc;
	if (argc - optind < 2)
		return cli_usage_error(c, "TEKST ontbreekt: wat wil je het duo "
		                       "vragen of laten weten?");
	rc = act_start(c, argv[optind], &a);
	if (rc != 0) {
		act_free(&a);
		return rc;
	}
	text = join_words(argc, argv, optind + 1);
	if (review_comment(a.s, &a.fs, a.id, 0, on, text, &id, &a.d) != 0) {
		rc = CLI_DATA;
	} else {
		struct review_comments list;
		struct doc_node *session;
		struct doc_node *root = load_session(&a, 0, &session);
		size_t i;

		review_comments(&a.fs, session, &list);
		for (i = 0; i < list.n && list.v[i].id != id; i++)
			;
		printf("opmerking %zu geplaatst bij ", i < list.n ?
		       (size_t)list.v[i].number : list.n);
		cli_put_clean(stdout, on);
		fputs(": ", stdout);
		cli_put_clean(stdout, a.name);
		printf(" versie %s\n", session ? doc_map_str(session, "version")
		                               : "?");
		review_comments_free(&list);
		doc_free(root);
	}
	free(text);
	act_free(&a);
	return rc;
}

/* The row id of comment number n of the latest version; 0 after a
 * diagnostic. *version gets the version's number. */
static long comment_id(struct act *a, long n, const char **version,
                       struct doc_node **root)
{
	struct review_comments list;
	struct doc_node *session;
	long id = 0;

	*root = load_session(a, 0, &session);
	*version = session ? doc_map_str(session, "version") : NULL;
	if (!session)
		return 0;
	review_comments(&a->fs, session, &list);
	if (n >= 1 && (size_t)n <= list.n)
		id = list.v[n - 1].id;
	else if (list.n == 0)
		diag_add(&a->d, NULL, 0, 0, "versie %s heeft geen opmerkingen",
		         *version ? *version : "?");
	else
		diag_add(&a->d, NULL, 0, 0, "opmerking %ld bestaat niet bij "
		         "versie %s (er %s %zu; zie duo comments)", n,
		         *version ? *version : "?", list.n == 1 ? "is er" :
		         "zijn er", list.n);
	review_comments_free(&list);
	return id;
}

int cli_reply(struct cli *c, int argc, char **argv)
{
	struct doc_node *root = NULL;
	const char *version = NULL;
	struct act a;
	char *text;
	long n, id;
	int rc;

	if ((rc = common_options(c, argc, argv)) >= 0)
		return rc;
	if ((rc = cli_check_args(c, argc, argv, 1, -1, "HUISHOUDEN")) != 0)
		return rc;
	if (argc - optind < 2)
		return cli_usage_error(c, "NUMMER ontbreekt: welke opmerking? "
		                       "(zie duo comments)");
	if ((n = parse_number(argv[optind + 1])) < 0)
		return cli_usage_error(c, "NUMMER moet een opmerkingnummer zijn "
		                       "(1, 2, ...), niet: %s", argv[optind + 1]);
	if (argc - optind < 3)
		return cli_usage_error(c, "TEKST ontbreekt: wat is het antwoord?");
	rc = act_start(c, argv[optind], &a);
	if (rc != 0) {
		act_free(&a);
		return rc;
	}
	text = join_words(argc, argv, optind + 2);
	id = comment_id(&a, n, &version, &root);
	if (!id || review_reply(a.s, a.id, id, text, &a.d) != 0) {
		rc = CLI_DATA;
	} else {
		printf("antwoord bij opmerking %ld bewaard: ", n);
		cli_put_clean(stdout, a.name);
		printf(" versie %s\n", version ? version : "?");
	}
	doc_free(root);
	free(text);
	act_free(&a);
	return rc;
}

int cli_resolve(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"reopen", no_argument, NULL, CLI_OPT_REOPEN},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct doc_node *root = NULL;
	const char *version = NULL;
	struct act a;
	int reopen = 0, ch, rc;
	long n, id;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == CLI_OPT_REOPEN)
			reopen = 1;
		else if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	}
	if ((rc = cli_check_args(c, argc, argv, 2, 2,
	                         "HUISHOUDEN of NUMMER")) != 0)
		return rc;
	if ((n = parse_number(argv[optind + 1])) < 0)
		return cli_usage_error(c, "NUMMER moet een opmerkingnummer zijn "
		                       "(1, 2, ...), niet: %s", argv[optind + 1]);
	rc = act_start(c, argv[optind], &a);
	if (rc != 0) {
		act_free(&a);
		return rc;
	}
	id = comment_id(&a, n, &version, &root);
	if (!id || review_resolve(a.s, a.id, id, !reopen, &a.d) != 0) {
		rc = CLI_DATA;
	} else {
		printf("opmerking %ld %s: ", n, reopen ? "staat weer open" :
		       "afgehandeld");
		cli_put_clean(stdout, a.name);
		printf(" versie %s\n", version ? version : "?");
	}
	doc_free(root);
	act_free(&a);
	return rc;
}

/* Text on lines of its own, each indented; control characters as '?'. */
static void put_lines(const char *lead, const char *text)
{
	const char *p = text, *nl;

	while (p && *p) {
		char *line;

		nl = strchr(p, '\n');
		line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		fputs(lead, stdout);
		cli_put_clean(stdout, line);
		fputc('\n', stdout);
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

/* The Dutch title of stage k, from the forms. */
static const char *stage_title(const struct formset *fs, int k)
{
	size_t i;

	if (k == 5)
		return "Samenvatting voor het huishouden";
	for (i = 0; i < fs->nforms; i++)
		if (fs->forms[i].stage == k && fs->forms[i].title)
			return fs->forms[i].title;
	return "";
}

static void print_comments(const struct act *a, const struct doc_node *session,
                           const struct review_comments *l, int only_open)
{
	const char *status = doc_map_str(session, "status");
	size_t i;
	int k;

	cli_put_clean(stdout, a->name);
	printf(", versie %s (%s): %zu opmerking%s, %zu open\n",
	       doc_map_str(session, "version") ? doc_map_str(session, "version")
	                                       : "?",
	       status ? status : "-", l->n, l->n == 1 ? "" : "en", l->open);
	for (k = 0; k < REVIEW_STAGES; k++) {
		if (!l->count[k])
			continue;
		printf("  stap %d ", k);
		cli_put_clean(stdout, stage_title(&a->fs, k));
		printf(": %d, open %d\n", l->count[k], l->open_count[k]);
	}
	for (i = 0; i < l->n; i++) {
		const struct review_comment *m = &l->v[i];

		if (only_open && m->resolved)
			continue;
		printf("\n%d. ", m->number);
		cli_put_clean(stdout, m->on ? m->on : "?");
		printf(" (stap %d) · %s\n", m->stage,
		       m->resolved ? "afgehandeld" : "open");
		fputs("   van ", stdout);
		cli_put_clean(stdout, m->reviewer ? m->reviewer : "?");
		printf(", %s, %s\n", m->date ? m->date : "?",
		       str_eq(m->decision, "akkoord") ? "akkoord" :
		       str_eq(m->decision, "terug") ? "teruggestuurd" :
		       str_eq(m->decision, "vervallen") ? "vervallen (een andere "
		       "teamleider stelde vast)" :
		       "beoordeling loopt");
		put_lines("   ", m->text);
		if (m->reply) {
			fputs("   antwoord van ", stdout);
			cli_put_clean(stdout, m->replied_by ? m->replied_by :
			              "het duo");
			fputs(":\n", stdout);
			put_lines("     ", m->reply);
		}
	}
}

int cli_comments(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"session", required_argument, NULL, CLI_OPT_SESSION},
		{"open", no_argument, NULL, CLI_OPT_OPEN},
		CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	const char *vs = NULL;
	struct act a;
	int only_open = 0, ch, rc;
	long version = 0;

	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (optarg && !*optarg)
			return cli_option(c, ch, argv);
		if (ch == CLI_OPT_SESSION)
			vs = optarg;
		else if (ch == CLI_OPT_OPEN)
			only_open = 1;
		else if ((rc = cli_option(c, ch, argv)) >= 0)
			return rc;
	}
	if ((rc = cli_check_args(c, argc, argv, 1, 1, "HUISHOUDEN")) != 0)
		return rc;
	if (vs && (version = parse_number(vs)) < 0)
		return cli_usage_error(c, "--session vraagt een versienummer "
		                       "(1, 2, ...), niet: %s", vs);
	rc = act_start(c, argv[optind], &a);
	if (rc == 0) {
		struct review_comments list;
		struct doc_node *session;
		struct doc_node *root = load_session(&a, (int)version, &session);

		if (session) {
			review_comments(&a.fs, session, &list);
			print_comments(&a, session, &list, only_open);
			review_comments_free(&list);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				diag_add(&a.d, NULL, 0, 0, "schrijven naar de "
				         "uitvoer mislukt");
				rc = CLI_DATA;
			}
		} else {
			rc = CLI_DATA;
		}
		doc_free(root);
	}
	act_free(&a);
	return rc;
}
