/*
 * main.c - the duo command line.
 *
 *   duo [--db PATH] [--forms DIR] [--data DIR] COMMAND [OPTIONS] [ARGS]
 *
 * Global options come before the command, the command's own options after
 * it (where --db, --forms and --data are accepted too). Each command is one row of
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
#include "paths.h"
#include "ui.h"

#ifndef DUO_VERSION
#define DUO_VERSION "0.0.0"
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
	{"export", "[--check] [--format yaml|text|markdown|html]\n"
	 "[--audience professional|huishouden]\n"
	 "[--session N] [-o BESTAND] [--allow-incomplete] HUISHOUDEN",
	 "een huishouden uitvoeren: casusbestand, tekst of samenvatting",
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
	 "  --format markdown, --format html\n"
	 "                    de samenvatting als Markdown, of als een\n"
	 "                    HTML-bestand om te openen of af te drukken\n"
	 "  --audience professional\n"
	 "                    voor wie de tekst is (standaard)\n"
	 "  --audience huishouden\n"
	 "                    de samenvatting voor het huishouden in gewone\n"
	 "                    taal (standaard als text), zonder vertrouwelijke\n"
	 "                    punten, beoordelingen en interne velden; staat\n"
	 "                    er vertrouwelijke tekst in een getoond veld, dan\n"
	 "                    weigert duo en zegt het waar\n"
	 "  --session N       versie N tonen (bij text en de samenvatting;\n"
	 "                    standaard de hoogste versie)\n"
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
	 "                    De woordenlijst is jargon.yaml in de datamap\n"
	 "\n"
	 "De teksten van de samenvatting en de gegevens van het team staan in\n"
	 "de datamap (--data MAP of $DUO_DATA): summary/nl.yaml en team.yaml.\n",
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
	 "formulieren, teksten en database controleren",
	 "Leest alle formulieren en meldt elk probleem als\n"
	 "bestand:regel:kolom: melding. Leest dan de teksten en teamgegevens\n"
	 "van de samenvatting (de datamap) op dezelfde manier. Controleert\n"
	 "daarna de database (opbouw, samenhang en schemaversie). Afsluitcode 0\n"
	 "als alles in orde is.\n",
	 cli_check},
	{"submit", "HUISHOUDEN",
	 "de laatste versie indienen bij de teamleider (het duo)",
	 "Dient de laatste versie van het huishouden in ter beoordeling: de\n"
	 "status gaat van concept naar ter-review. Alleen het duo (rol lokaal of\n"
	 "rvt) dient in, en alleen een concept waarin niets verplichts meer\n"
	 "ontbreekt en waarin elke opmerking is afgehandeld (duo resolve).\n"
	 "Daarna ligt de versie stil tot de teamleider haar vaststelt\n"
	 "(duo approve) of terugstuurt (duo return); op opmerkingen antwoorden\n"
	 "kan wel.\n",
	 cli_submit},
	{"approve", "HUISHOUDEN",
	 "de ingediende versie vaststellen (teamleider)",
	 "Stelt de ingediende versie vast: de status gaat van ter-review naar\n"
	 "vastgesteld, en de vorige vastgestelde versie wordt herzien. Alleen een\n"
	 "teamleider stelt vast; jouw opmerkingen krijgen het besluit akkoord.\n"
	 "Een vastgestelde versie verandert niet meer; een evaluatie begint een\n"
	 "nieuwe versie (duo evaluate).\n",
	 cli_approve},
	{"return", "HUISHOUDEN",
	 "de ingediende versie terugsturen naar het duo (teamleider)",
	 "Stuurt de ingediende versie terug naar het duo: de status gaat van\n"
	 "ter-review naar concept. Alleen een teamleider stuurt terug, en pas als\n"
	 "er minstens een opmerking van jou bij staat (duo comment) die zegt wat\n"
	 "het duo moet aanpassen; jouw opmerkingen krijgen het besluit terug.\n",
	 cli_return},
	{"evaluate", "HUISHOUDEN",
	 "een evaluatie beginnen: een nieuwe versie van de vastgestelde",
	 "Begint versie N+1 als concept, een kopie van de vastgestelde versie N:\n"
	 "aanwezigen, feiten, zorgen en meningen, TOP-3, analyse en plan gaan\n"
	 "mee, zodat niets twee keer getypt hoeft; de beoordelingen en de\n"
	 "evaluatiedatum niet. Versie N blijft vastgesteld tot de nieuwe versie\n"
	 "is vastgesteld; dan wordt zij herzien.\n",
	 cli_evaluate},
	{"comment", "--on ONDERDEEL HUISHOUDEN TEKST",
	 "een opmerking plaatsen bij een onderdeel (teamleider)",
	 "Plaatst een opmerking (tegenspraak) bij een onderdeel van de laatste\n"
	 "versie, als concept of ingediend. Alleen een teamleider plaatst\n"
	 "opmerkingen. Toont het nummer van de opmerking, voor duo reply en\n"
	 "duo resolve. TEKST mag uit meer woorden bestaan.\n"
	 "\n"
	 "ONDERDEEL is een uitspraak (f1, z2, m1), een TOP-3 zorg (top3/1), een\n"
	 "factor of hypothese (a1, h1), een punt uit het plan (p1), of een hele\n"
	 "stap: huishouden, feiten, top3, analyse, plan of samenvatting.\n",
	 cli_comment},
	{"comments", "[--session N] [--open] HUISHOUDEN",
	 "de opmerkingen bij een versie tonen, met het aantal per stap",
	 "Toont de opmerkingen bij een versie, genummerd 1, 2, ...: waar ze over\n"
	 "gaan (en in welke stap), van wie, het antwoord van het duo, en of ze\n"
	 "afgehandeld zijn. Bovenaan staat per stap hoeveel opmerkingen er zijn\n"
	 "en hoeveel daarvan nog open.\n"
	 "\n"
	 "Opties:\n"
	 "  --session N   versie N in plaats van de laatste\n"
	 "  --open        alleen de opmerkingen die nog open zijn\n",
	 cli_comments},
	{"reply", "HUISHOUDEN NUMMER TEKST",
	 "antwoorden op een opmerking (het duo)",
	 "Bewaart het antwoord van het duo bij opmerking NUMMER van de laatste\n"
	 "versie (zie duo comments); een nieuw antwoord vervangt het vorige.\n"
	 "Alleen het duo (rol lokaal of rvt) antwoordt. Afhandelen is een eigen\n"
	 "stap: duo resolve.\n",
	 cli_reply},
	{"resolve", "[--reopen] HUISHOUDEN NUMMER",
	 "een opmerking afhandelen, of weer openzetten",
	 "Zet opmerking NUMMER van de laatste versie op afgehandeld: het duo\n"
	 "heeft haar verwerkt of beantwoord. Een versie met open opmerkingen\n"
	 "kan niet worden ingediend.\n"
	 "\n"
	 "Opties:\n"
	 "  --reopen      de opmerking weer openzetten\n",
	 cli_resolve},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static void print_help(FILE *f)
{
	fputs("Gebruik: duo [--db PAD] [--forms MAP] [--data MAP] OPDRACHT "
	      "[OPTIES]\n"
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
	      "  --data MAP    de map met teksten en teamgegevens voor de\n"
	      "                samenvatting; anders $DUO_DATA, anders de map\n"
	      "                data naast het programma, anders\n"
	      "                " DUO_DATA_DIR "\n"
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
	char *data = cli_data_dir(c);
	int rc;

	if (!db) {
		diags_print(stderr, &d);
		diags_free(&d);
		free(forms);
		free(data);
		return CLI_DATA;
	}
	o.db_path = db;
	o.forms_dir = forms;
	o.data_dir = data;
	rc = ui_main(&o);
	free(db);
	free(forms);
	free(data);
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
