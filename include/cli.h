/*
 * cli.h - the commands of the duo command line (src/cli.c) and what they
 * share with main.c: option handling, usage errors and exit codes.
 *
 * A command gets argv with the command name in argv[0] and optind reset,
 * parses its own options with getopt_long (CLI_COMMON_OPTIONS included, so
 * --db, --forms, --data and --help work after the command too) and returns
 * the exit status of duo.
 */
#ifndef DUO_CLI_H
#define DUO_CLI_H

#include <stdio.h>

#include "util.h"

enum cli_exit { CLI_OK = 0, CLI_DATA = 1, CLI_USAGE = 2 };

/* getopt_long values of the long options without a short letter. */
enum cli_opt {
	CLI_OPT_DB = 256, CLI_OPT_FORMS, CLI_OPT_VERSION, CLI_OPT_REPLACE,
	CLI_OPT_FORMAT, CLI_OPT_AUDIENCE, CLI_OPT_SESSION, CLI_OPT_STATUS,
	CLI_OPT_OVERDUE, CLI_OPT_DATE, CLI_OPT_INCOMPLETE, CLI_OPT_ON,
	CLI_OPT_OPEN, CLI_OPT_REOPEN, CLI_OPT_DATA, CLI_OPT_LIMIT,
	CLI_OPT_FROM, CLI_OPT_TO, CLI_OPT_DAYS, CLI_OPT_CHECK
};

/* The options every command accepts, for a struct option array. */
#define CLI_COMMON_OPTIONS \
	{"db", required_argument, NULL, CLI_OPT_DB}, \
	{"forms", required_argument, NULL, CLI_OPT_FORMS}, \
	{"data", required_argument, NULL, CLI_OPT_DATA}, \
	{"help", no_argument, NULL, 'h'}

struct cli;

/* One command: the name, the synopsis (its lines separated by "\n") and
 * one-line summary `duo --help` lists, the body of `duo NAME --help`, and
 * the code. */
struct cli_command {
	const char *name;
	const char *synopsis;
	const char *summary;
	const char *help;
	int (*run)(struct cli *c, int argc, char **argv);
};

/* What the options before and after the command chose. */
struct cli {
	const char *db;                /* --db, or NULL */
	const char *forms;             /* --forms, or NULL */
	const char *data;              /* --data, or NULL */
	const struct cli_command *cmd; /* NULL until the command is known */
};

/* Handle an option every command has, one getopt_long refused ('?', ':'),
 * or any option given an empty value. Returns -1 to go on parsing, or the
 * exit status: 0 after printing the command's help, CLI_USAGE after a
 * usage error. */
int cli_option(struct cli *c, int ch, char **argv);

/* Print lead, "duo NAME" and the synopsis, its continuation lines indented
 * to line up after the name. */
void cli_print_synopsis(FILE *f, const char *lead,
                        const struct cli_command *cmd);

/* Print "duo: MESSAGE" and a one-line hint to --help on stderr; returns
 * CLI_USAGE. */
int cli_usage_error(const struct cli *c, const char *fmt, ...) DUO_PRINTF(2, 3);

/* Where the database is (--db, $DUO_DB, $XDG_DATA_HOME/duo/duo.db or
 * ~/.local/share/duo/duo.db; default directories are made), where the
 * forms are (--forms, $DUO_FORMS, next to the program, installed) and
 * where the data is (--data, $DUO_DATA, next to the program, installed;
 * paths.h), as the commands resolve them; for the screen program. Caller
 * frees; the database path is NULL after a diagnostic. */
char *cli_db_path(const struct cli *c, struct diags *d);
char *cli_forms_dir(const struct cli *c);
char *cli_data_dir(const struct cli *c);

/* What the command files share with cli.c: the database opened as user
 * (NULL: $DUO_USER, else the login name) in role (NULL: unknown; see
 * store_set_role), the forms, diagnostics on stderr
 * ("duo: " before those without a file), min..max arguments after the
 * options (max < 0: no limit; CLI_USAGE after a message), and text printed
 * with control characters as '?'. */
struct formset;
struct store *cli_open_store(const struct cli *c, const char *user,
                             const char *role);
int cli_load_forms(const struct cli *c, struct formset *fs);
void cli_print_diags(const struct diags *d);
int cli_check_args(const struct cli *c, int argc, char **argv, int min,
                   int max, const char *what);
void cli_put_clean(FILE *f, const char *s);

int cli_import(struct cli *c, int argc, char **argv);
int cli_export(struct cli *c, int argc, char **argv);
int cli_list(struct cli *c, int argc, char **argv);
int cli_check(struct cli *c, int argc, char **argv);
/* Review and versions (src/cli_review.c). */
int cli_submit(struct cli *c, int argc, char **argv);
int cli_approve(struct cli *c, int argc, char **argv);
int cli_return(struct cli *c, int argc, char **argv);
int cli_evaluate(struct cli *c, int argc, char **argv);
int cli_comment(struct cli *c, int argc, char **argv);
int cli_comments(struct cli *c, int argc, char **argv);
int cli_reply(struct cli *c, int argc, char **argv);
int cli_resolve(struct cli *c, int argc, char **argv);

/* The read-only commands over all households and their versions
 * (cli_read.c). */
int cli_search(struct cli *c, int argc, char **argv);
int cli_diff(struct cli *c, int argc, char **argv);
int cli_log(struct cli *c, int argc, char **argv);
int cli_overview(struct cli *c, int argc, char **argv);

/*
 * More that cli.c shares with the command files: cli_text_cols, the
 * display columns of UTF-8 text (NULL: 0); cli_parse_version, a version
 * number 1..INT_MAX, else -1.
 */
int cli_text_cols(const char *s);
int cli_parse_version(const char *s);

#endif
