/*
 * main.c - the duo command line.
 *
 *   duo [--db PATH] [--forms DIR] COMMAND [OPTIONS] [ARGS]
 *
 * Global options come before the command, the command's own options after
 * it (where --db and --forms are accepted too). Each command is one row of
 * commands[]: its name, the synopsis and summary that build `duo --help`,
 * its own help text and its function (in cli.c). Without a
 * command duo starts the screen program (ui.h) on the same database and
 * forms the commands would use.
 *
 * Exit status: 0 success, 1 bad input or data (diagnostics on stderr), 2
 * wrong usage (a one-line hint to --help follows the message).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"
#include "ui.h"

#ifndef DUO_VERSION
#define DUO_VERSION "0.0.0"
#endif
#ifndef DUO_FORMS_DIR
#define DUO_FORMS_DIR "/usr/local/share/duo/forms"
#endif

static const struct cli_command commands[] = {
	{"import", "[--replace] [--allow-incomplete] BESTAND...",
	 "casusbestanden (duo-case/1) in de database zetten",
	 "Zet elk bestand als geheel in de database, of helemaal niet: een\n"
	 "bestand met een fout verandert niets. Na een fout gaat duo door met het\n"
	 "volgende bestand. Per ingelezen bestand komt er een regel op de\n"
	 "standaarduitvoer; fouten staan als bestand:regel:kolom: melding op de\n"
	 "standaardfoutuitvoer.\n"
	 "\n"
	 "Opties:\n"
	 "  --replace    een huishouden met hetzelfde kenmerk vervangen\n"
	 "               (zonder deze optie weigert duo dat)\n"
	 "  --allow-incomplete\n"
	 "               ook onaf werk inlezen (een concept waarin nog iets\n"
	 "               ontbreekt); de opbouw moet wel kloppen\n",
	 cli_import},
	{"export", "[--check] [--format yaml|text] [--audience professional]\n"
	 "[--session N] [-o BESTAND] [--allow-incomplete] HUISHOUDEN",
	 "een huishouden uitvoeren als casusbestand of als leesbare tekst",
	 "Schrijft een huishouden naar de standaarduitvoer of naar een bestand.\n"
	 "HUISHOUDEN is het kenmerk (UUID), een uniek begin ervan (minstens 4\n"
	 "tekens) of de precieze naam.\n"
	 "\n"
	 "Opties:\n"
	 "  --format yaml     het hele huishouden als duo-case/1-bestand, dat\n"
	 "                    weer in te lezen is met duo import (standaard)\n"
	 "  --format text     een sessie als tekst voor professionals, alle\n"
	 "                    stappen op volgorde; vertrouwelijke punten staan\n"
	 "                    erin, gemarkeerd met [VERTROUWELIJK]\n"
	 "  --audience professional\n"
	 "                    voor wie de tekst is (standaard; de samenvatting\n"
	 "                    voor het huishouden komt in een volgende versie)\n"
	 "  --session N       versie N tonen (bij --format text; standaard de\n"
	 "                    hoogste versie)\n"
	 "  -o, --output BESTAND\n"
	 "                    naar BESTAND schrijven (modus 0600); het bestand\n"
	 "                    verschijnt pas als alles geschreven is\n"
	 "  --allow-incomplete\n"
	 "                    ook schrijven als er nog iets ontbreekt (zonder\n"
	 "                    deze optie weigert duo een bestand dat niet\n"
	 "                    opnieuw in te lezen is, en zegt het waarom)\n"
	 "  --check           geen export maar een taalcheck van wat het\n"
	 "                    huishouden leest (dus --audience huishouden;\n"
	 "                    niet samen met --format): vaktaal met gewone\n"
	 "                    woorden ervoor en zinnen van meer dan 20 woorden,\n"
	 "                    per punt en veld, en de gemiddelde zinslengte.\n"
	 "                    Alleen de tekst van het duo; de eigen woorden van\n"
	 "                    het huishouden en vertrouwelijke punten niet.\n"
	 "                    Afsluitcode 0: in orde, 1: iets te verbeteren.\n"
	 "                    De woordenlijst is data/jargon.yaml, of\n"
	 "                    $DUO_DATA/jargon.yaml\n",
	 cli_export},
	{"list", "[--status S] [--overdue [--date D]]",
	 "huishoudens tonen met hun laatste versie",
	 "Toont per huishouden een regel: kort kenmerk (8 tekens), naam, laatste\n"
	 "versie, status en evaluatiedatum. Een kopregel staat er alleen boven\n"
	 "als de uitvoer naar een terminal gaat. Zonder sessies staat er -.\n"
	 "\n"
	 "Opties:\n"
	 "  --status S    alleen huishoudens waarvan de laatste versie deze\n"
	 "                status heeft: concept, ter-review, vastgesteld of\n"
	 "                herzien\n"
	 "  --overdue     alleen huishoudens waarvan de evaluatiedatum voorbij\n"
	 "                is (en de laatste versie niet herzien)\n"
	 "  --date D      bij --overdue: voorbij op datum D (JJJJ-MM-DD) in\n"
	 "                plaats van vandaag\n",
	 cli_list},
	{"check", "",
	 "formulieren en database controleren",
	 "Leest alle formulieren en meldt elk probleem als\n"
	 "bestand:regel:kolom: melding. Controleert daarna de database (opbouw,\n"
	 "samenhang en schemaversie). Afsluitcode 0 als alles in orde is.\n",
	 cli_check},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static void print_help(FILE *f)
{
	fputs("Gebruik: duo [--db PAD] [--forms MAP] OPDRACHT [OPTIES]\n"
	      "\n"
	      "duo is het gezamenlijke notitieboek van een duo van lokaal team en\n"
	      "Regionaal Veiligheidsteam: feiten, zorgen en meningen, de TOP-3, de\n"
	      "verklarende analyse en het plan, samen met het huishouden.\n"
	      "\n"
	      "Opdrachten:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Gebruik per opdracht:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		cli_print_synopsis(f, "  ", &commands[i]);
	fputs("\n"
	      "Algemene opties (voor of na de opdracht):\n"
	      "  --db PAD      de database; anders $DUO_DB, anders\n"
	      "                $XDG_DATA_HOME/duo/duo.db, anders\n"
	      "                ~/.local/share/duo/duo.db (wordt gemaakt)\n"
	      "  --forms MAP   de map met formulieren; anders $DUO_FORMS, anders\n"
	      "                de map forms naast het programma, anders\n"
	      "                " DUO_FORMS_DIR "\n"
	      "  -h, --help    deze hulp; duo OPDRACHT --help: hulp bij een opdracht\n"
	      "  --version     het versienummer\n"
	      "\n"
	      "HUISHOUDEN is een kenmerk (UUID), een uniek begin ervan of de\n"
	      "precieze naam. Zonder opdracht start het schermprogramma.\n"
	      "\n"
	      "Afsluitcode: 0 gelukt, 1 fout in invoer of gegevens (bij export\n"
	      "--check ook: iets te verbeteren), 2 verkeerd gebruik. Meer uitleg:\n"
	      "man duo.\n", f);
}

/* No command: the screen program on the database and forms the options
 * and environment name. */
static int run_screens(const struct cli *c)
{
	struct diags d = {0};
	struct ui_options o = {0};
	char *db = cli_db_path(c, &d);
	char *forms = cli_forms_dir(c);
	int rc;

	if (!db) {
		diags_print(stderr, &d);
		diags_free(&d);
		free(forms);
		return CLI_DATA;
	}
	o.db_path = db;
	o.forms_dir = forms;
	rc = ui_main(&o);
	free(db);
	free(forms);
	diags_free(&d);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"version", no_argument, NULL, CLI_OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	struct cli c = {0};
	int ch;

	umask(077);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			print_help(stdout);
			return 0;
		case CLI_OPT_VERSION:
			printf("duo %s\n", DUO_VERSION);
			return 0;
		default:
			if ((ch = cli_option(&c, ch, argv)) >= 0)
				return ch;
		}
	}
	if (optind >= argc)
		return run_screens(&c);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (!str_eq(commands[i].name, argv[optind]))
			continue;
		c.cmd = &commands[i];
		argc -= optind;
		argv += optind;
		optind = 0; /* glibc: start afresh, argv[0] is the command */
		return commands[i].run(&c, argc, argv);
	}
	return cli_usage_error(&c, "onbekende opdracht: %s", argv[optind]);
}
