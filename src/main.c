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
	{"export", "[--format yaml|text] [--audience professional]\n"
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
	 "                    opnieuw in te lezen is, en zegt het waarom)\n",
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
	{"search", "[--limit N] TEKST...",
	 "zoeken in alles wat in alle huishoudens getypt is",
	 "Zoekt in alle huishoudens: namen, feiten, zorgen en meningen (met\n"
	 "bron en reactie), de TOP-3, de verklarende analyse, het plan,\n"
	 "beoordelingen en opmerkingen, en extra velden. Elk woord moet in\n"
	 "hetzelfde punt staan; hoofdletters en accenten tellen niet mee\n"
	 "(noelle vindt Noëlle, yilmaz vindt Yılmaz). Een woord van twee of\n"
	 "meer tekens vindt ook woorden die ermee beginnen (huis vindt\n"
	 "huisarts).\n"
	 "\n"
	 "Per gevonden punt twee regels: kort kenmerk, huishouden, versie en\n"
	 "stap; daaronder het punt, het veld en een stukje tekst met de\n"
	 "gevonden woorden tussen [ ] (op een terminal vet). Namen van\n"
	 "huishoudens en leden komen eerst, daarna per soort punt de nieuwste.\n"
	 "\n"
	 "Opties:\n"
	 "  --limit N   hoogstens N punten tonen (standaard 50)\n"
	 "\n"
	 "Afsluitcode 0 als er iets gevonden is, 1 als er niets gevonden is\n"
	 "(of bij een fout), 2 bij verkeerd gebruik.\n",
	 cli_search},
	{"diff", "[--from N] [--to M] HUISHOUDEN",
	 "wat er veranderd is tussen twee versies van een huishouden",
	 "Toont per stap wat er tussen twee versies (sessies) van een huishouden\n"
	 "veranderd is: punten erbij (+), eraf (-) en gewijzigd (~, met de oude\n"
	 "en de nieuwe tekst), veiligheidsscores per persoon, en de status en\n"
	 "data van de sessie. Punten worden herkend aan hun tekst (een TOP-3\n"
	 "zorg aan zijn titel), anders aan hun korte naam (f1, p2) of plaats,\n"
	 "tenzij de teksten weinig gemeen hebben; een aanwezige aan de naam.\n"
	 "Beoordelingen staan er niet in: die horen bij één versie.\n"
	 "\n"
	 "Opties:\n"
	 "  --from N   de oude versie (standaard: de voorlaatste)\n"
	 "  --to M     de nieuwe versie (standaard: de laatste)\n",
	 cli_diff},
	{"log", "HUISHOUDEN",
	 "wie wat wanneer veranderde aan een huishouden",
	 "Toont het logboek van een huishouden, het oudste eerst: per moment\n"
	 "de tijd (plaatselijk), wie het deed en wat voor wijziging het was\n"
	 "(ingelezen, vervangen door import, bewerkt), met daaronder per regel\n"
	 "wat er veranderde. Het logboek blijft bestaan als het huishouden weg\n"
	 "is: geef dan het hele kenmerk (UUID).\n",
	 cli_log},
	{"overview", "[--date D] [--days N]",
	 "overzicht voor teamleiders: beoordelen, evaluaties, stilte",
	 "Toont drie lijsten. Wachten op beoordeling: huishoudens waarvan de\n"
	 "laatste versie ter beoordeling ligt, de langst wachtende eerst.\n"
	 "Evaluatie te laat: de evaluatiedatum van de laatste versie is\n"
	 "voorbij en er is geen latere versie, de oudste eerst. Geen sessie\n"
	 "in meer dan N dagen: de laatste sessie (of, zonder sessies, het\n"
	 "aanmaken van het huishouden) is langer dan N dagen geleden.\n"
	 "De eerste twee lijsten zijn die van duo list --status ter-review en\n"
	 "duo list --overdue.\n"
	 "\n"
	 "Opties:\n"
	 "  --date D    het overzicht op datum D (JJJJ-MM-DD) in plaats van\n"
	 "              vandaag\n"
	 "  --days N    stilte na N dagen (standaard quiet_days uit de\n"
	 "              instellingen, anders 90)\n",
	 cli_overview},
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
	      "Afsluitcode: 0 gelukt, 1 fout in invoer of gegevens, 2 verkeerd\n"
	      "gebruik. Meer uitleg: man duo.\n", f);
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
