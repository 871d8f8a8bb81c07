/*
 * cli.h - the commands of the duo command line (src/cli.c) and what they
 * share with main.c: option handling, usage errors and exit codes.
 *
 * A command gets argv with the command name in argv[0] and optind reset,
 * parses its own options with getopt_long (CLI_COMMON_OPTIONS included, so
 * --db, --forms and --help work after the command too) and returns the exit
 * status of duo.
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
	CLI_OPT_OVERDUE, CLI_OPT_DATE, CLI_OPT_INCOMPLETE, CLI_OPT_CHECK
};

/* The options every command accepts, for a struct option array. */
#define CLI_COMMON_OPTIONS \
	{"db", required_argument, NULL, CLI_OPT_DB}, \
	{"forms", required_argument, NULL, CLI_OPT_FORMS}, \
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
 * ~/.local/share/duo/duo.db; default directories are made) and where the
 * forms are (--forms, $DUO_FORMS, next to the program, installed), as the
 * commands resolve them; for the screen program. Caller frees; the
 * database path is NULL after a diagnostic. */
char *cli_db_path(const struct cli *c, struct diags *d);
char *cli_forms_dir(const struct cli *c);

int cli_import(struct cli *c, int argc, char **argv);
int cli_export(struct cli *c, int argc, char **argv);
int cli_list(struct cli *c, int argc, char **argv);
int cli_check(struct cli *c, int argc, char **argv);

#endif
