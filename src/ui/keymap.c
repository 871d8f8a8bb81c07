/*
 * keymap.c - the one keymap of duo's screens, and key names.
 *
 * Every key of every screen is one row of ui_keymap: scope, key, action,
 * a short label for the key bar and a Dutch help text. The help screen
 * (screen_help.c) and the key bar (draw.c) are generated from this table
 * and the scopes of the current view, and the keys are dispatched through
 * ui_keymap_lookup with the same scopes, so they can never disagree.
 *
 * Key names are also the syntax of DUO_KEYS scripts (ui_keys_parse).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define C(ch) UI_KEY_CTRL(ch)

const struct ui_keydef ui_keymap[] = {
	/* everywhere */
	{UI_SC_GLOBAL, UI_KEY_F(1), UI_A_HELP, "hulp",
	 "Hulp: alle toetsen van dit scherm", NULL},
	{UI_SC_GLOBAL, '?', UI_A_HELP, NULL,
	 "Hulp (niet tijdens het typen: gebruik dan F1)", NULL},
	{UI_SC_GLOBAL, C('c'), UI_A_QUIT_NOW, NULL,
	 "duo stoppen; wat je typte wordt eerst bewaard", NULL},
	{UI_SC_GLOBAL, C('l'), UI_A_REDRAW, NULL,
	 "Het scherm opnieuw tekenen", NULL},
	{UI_SC_GLOBAL, UI_KEY_F(3), UI_A_HOUSEHOLD_VIEW, NULL,
	 "Huishouden kijkt mee (aan/uit): alleen laten zien wat het "
	 "huishouden mag zien, zonder vertrouwelijke punten; dan kan er niets "
	 "veranderd worden", NULL},

	/* moving through a list */
	{UI_SC_MOVE, UI_KEY_UP, UI_A_UP, NULL, "Omhoog", NULL},
	{UI_SC_MOVE, 'k', UI_A_UP, NULL, "Omhoog", NULL},
	{UI_SC_MOVE, UI_KEY_DOWN, UI_A_DOWN, NULL, "Omlaag", NULL},
	{UI_SC_MOVE, 'j', UI_A_DOWN, NULL, "Omlaag", NULL},
	{UI_SC_MOVE, UI_KEY_PGUP, UI_A_PGUP, NULL, "Een scherm omhoog", NULL},
	{UI_SC_MOVE, UI_KEY_PGDN, UI_A_PGDN, NULL, "Een scherm omlaag", NULL},
	{UI_SC_MOVE, UI_KEY_HOME, UI_A_TOP, NULL, "Naar het begin", NULL},
	{UI_SC_MOVE, 'g', UI_A_TOP, NULL, "Naar het begin", NULL},
	{UI_SC_MOVE, UI_KEY_END, UI_A_BOTTOM, NULL, "Naar het eind", NULL},
	{UI_SC_MOVE, 'G', UI_A_BOTTOM, NULL, "Naar het eind", NULL},

	/* the household list */
	{UI_SC_HOUSEHOLDS, UI_KEY_ENTER, UI_A_OPEN, "open",
	 "Het gekozen huishouden openen; een gevonden punt: bij zijn stap, "
	 "met het punt gekozen", NULL},
	{UI_SC_HOUSEHOLDS, 'n', UI_A_NEW, "nieuw",
	 "Een nieuw huishouden maken", NULL},
	{UI_SC_HOUSEHOLDS, '/', UI_A_SEARCH, "zoek",
	 "Zoeken in de namen en in alles wat er getypt is; de lijst "
	 "volgt wat je typt", NULL},
	{UI_SC_HOUSEHOLDS, UI_KEY_ESC, UI_A_BACK, NULL,
	 "De zoekopdracht wissen", NULL},
	{UI_SC_HOUSEHOLDS, 'o', UI_A_OVERVIEW, "overzicht",
	 "Overzicht: wat wacht op beoordeling, welke evaluaties te laat zijn "
	 "en welke huishoudens lang geen sessie hadden", NULL},
	{UI_SC_HOUSEHOLDS, 'q', UI_A_QUIT, "stop",
	 "duo afsluiten (alles is al bewaard)", NULL},

	/* typing a search */
	{UI_SC_SEARCH, UI_KEY_ENTER, UI_A_DONE, "naar lijst",
	 "Klaar met typen: naar wat gevonden is", NULL},
	{UI_SC_SEARCH, UI_KEY_DOWN, UI_A_DONE, NULL,
	 "Naar wat gevonden is", NULL},
	{UI_SC_SEARCH, UI_KEY_ESC, UI_A_BACK, "wis",
	 "Zoeken stoppen en de zoekopdracht wissen", NULL},

	/* the household */
	{UI_SC_HOUSEHOLD, 's', UI_A_NEW_SESSION, "nieuwe sessie",
	 "Een nieuwe sessie (versie) beginnen en openen", NULL},
	{UI_SC_HOUSEHOLD, 'L', UI_A_LOG, "logboek",
	 "Logboek: wie wat veranderde en wanneer, het oudste eerst", NULL},
	{UI_SC_HOUSEHOLD, UI_KEY_ESC, UI_A_BACK, "terug",
	 "Terug naar de lijst met huishoudens", NULL},
	{UI_SC_HOUSEHOLD, 'q', UI_A_BACK, NULL,
	 "Terug naar de lijst met huishoudens", NULL},

	/* lists of items: household, stages 0, 2, 3, 4 */
	{UI_SC_ITEMS, UI_KEY_ENTER, UI_A_OPEN, "open",
	 "Openen of invullen wat gekozen is", NULL},
	{UI_SC_ITEMS, 'n', UI_A_NEW, "nieuw",
	 "Een nieuw punt toevoegen (waar de cursor staat)", NULL},
	{UI_SC_ITEMS, 'd', UI_A_DELETE, "weg",
	 "Het gekozen punt verwijderen (duo vraagt het eerst)", NULL},
	{UI_SC_ITEMS, UI_KEY_DELETE, UI_A_DELETE, NULL,
	 "Het gekozen punt verwijderen (duo vraagt het eerst)", NULL},
	{UI_SC_ITEMS, 'u', UI_A_UNDO, "terugdraaien",
	 "De laatste wijziging op dit scherm ongedaan maken", NULL},

	/* feiten, zorgen en meningen */
	{UI_SC_STATEMENTS, UI_KEY_LEFT, UI_A_LEFT, NULL,
	 "Naar de kolom links", NULL},
	{UI_SC_STATEMENTS, 'h', UI_A_LEFT, NULL, "Naar de kolom links", NULL},
	{UI_SC_STATEMENTS, UI_KEY_RIGHT, UI_A_RIGHT, NULL,
	 "Naar de kolom rechts", NULL},
	{UI_SC_STATEMENTS, 'l', UI_A_RIGHT, NULL, "Naar de kolom rechts", NULL},
	{UI_SC_STATEMENTS, '<', UI_A_MOVE_LEFT, "verplaats",
	 "Het punt naar de kolom links verplaatsen", "< >"},
	{UI_SC_STATEMENTS, 'H', UI_A_MOVE_LEFT, NULL,
	 "Het punt naar de kolom links verplaatsen", NULL},
	{UI_SC_STATEMENTS, '>', UI_A_MOVE_RIGHT, NULL,
	 "Het punt naar de kolom rechts verplaatsen", NULL},
	{UI_SC_STATEMENTS, 'L', UI_A_MOVE_RIGHT, NULL,
	 "Het punt naar de kolom rechts verplaatsen", NULL},

	/* TOP-3 */
	{UI_SC_TOP3, 'p', UI_A_PROMOTE, "zorg kiezen",
	 "Een zorg uit stap 1 in de TOP-3 zetten", NULL},
	{UI_SC_TOP3, 'K', UI_A_RANK_UP, "volgorde",
	 "De gekozen zorg een plaats hoger zetten", "K J"},
	{UI_SC_TOP3, '+', UI_A_RANK_UP, NULL,
	 "De gekozen zorg een plaats hoger zetten", NULL},
	{UI_SC_TOP3, 'J', UI_A_RANK_DOWN, NULL,
	 "De gekozen zorg een plaats lager zetten", NULL},
	{UI_SC_TOP3, '-', UI_A_RANK_DOWN, NULL,
	 "De gekozen zorg een plaats lager zetten", NULL},

	/* the session walk */
	{UI_SC_SESSION, '0', UI_A_STAGE_0, "stap",
	 "Naar stap 0: huishouden en aanwezigen", "0-5"},
	{UI_SC_SESSION, '1', UI_A_STAGE_1, NULL,
	 "Naar stap 1: feiten, zorgen en meningen", NULL},
	{UI_SC_SESSION, '2', UI_A_STAGE_2, NULL, "Naar stap 2: TOP-3", NULL},
	{UI_SC_SESSION, '3', UI_A_STAGE_3, NULL,
	 "Naar stap 3: verklarende analyse", NULL},
	{UI_SC_SESSION, '4', UI_A_STAGE_4, NULL, "Naar stap 4: plan", NULL},
	{UI_SC_SESSION, '5', UI_A_STAGE_5, NULL,
	 "Naar stap 5: samenvatting", NULL},
	{UI_SC_SESSION, ']', UI_A_STAGE_NEXT, NULL, "Naar de volgende stap",
	 NULL},
	{UI_SC_SESSION, '[', UI_A_STAGE_PREV, NULL, "Naar de vorige stap",
	 NULL},
	{UI_SC_SESSION, UI_KEY_ESC, UI_A_BACK, "terug",
	 "Terug naar het huishouden", NULL},
	{UI_SC_SESSION, 'q', UI_A_BACK, NULL, "Terug naar het huishouden",
	 NULL},
	/* after Esc: where the bar is short, going back stays */
	{UI_SC_SESSION, 'v', UI_A_DIFF, "vergelijk",
	 "Vergelijken: wat in deze stap veranderde tegenover de vorige "
	 "versie", NULL},

	/* review: the key bar shows a key only to the role it is for and
	 * when the version's status allows it (review_ui.c) */
	{UI_SC_REVIEW, 'i', UI_A_SUBMIT, "indienen",
	 "Indienen (het duo): de versie gaat naar de teamleider en is dan "
	 "alleen te lezen", NULL},
	{UI_SC_REVIEW, 'V', UI_A_APPROVE, "vaststellen",
	 "Vaststellen (teamleider): de ingediende versie ligt daarna vast",
	 NULL},
	{UI_SC_REVIEW, 'T', UI_A_RETURN, "terugsturen",
	 "Terugsturen (teamleider): de versie gaat als concept terug naar het "
	 "duo; eerst een opmerking", NULL},
	{UI_SC_REVIEW, 'c', UI_A_COMMENT, "opmerking",
	 "Opmerking plaatsen (teamleider) bij het gekozen punt, of bij de stap",
	 NULL},
	{UI_SC_REVIEW, 'r', UI_A_REPLY, "reageren",
	 "Reageren (het duo) op de opmerking onder de cursor", NULL},
	{UI_SC_REVIEW, 'x', UI_A_RESOLVE, "afhandelen",
	 "De opmerking onder de cursor afhandelen, of weer openen", NULL},

	/* the summary */
	{UI_SC_PREVIEW, UI_KEY_SPACE, UI_A_PGDN, "verder", "Een scherm omlaag",
	 "Spatie"},
	{UI_SC_PREVIEW, UI_KEY_PGUP, UI_A_PGUP, "omhoog", "Een scherm omhoog",
	 NULL},
	{UI_SC_PREVIEW, 'o', UI_A_SAVE_AS, "opslaan als",
	 "De samenvatting voor het huishouden opslaan als bestand: tekst, "
	 "markdown of html", NULL},
	{UI_SC_PREVIEW, 'u', UI_A_UNDO, NULL,
	 "De laatste wijziging op dit scherm ongedaan maken", NULL},

	/* the form of one item */
	{UI_SC_FORM, UI_KEY_TAB, UI_A_NEXT_FIELD, "volgend veld",
	 "Naar het volgende veld (wat je typte is bewaard)", "Tab"},
	{UI_SC_FORM, UI_KEY_BTAB, UI_A_PREV_FIELD, NULL,
	 "Naar het vorige veld", NULL},
	{UI_SC_FORM, UI_KEY_DOWN, UI_A_NEXT_FIELD, NULL,
	 "Naar het volgende veld", NULL},
	{UI_SC_FORM, UI_KEY_UP, UI_A_PREV_FIELD, NULL, "Naar het vorige veld",
	 NULL},
	{UI_SC_FORM, UI_KEY_ENTER, UI_A_OPEN, "kies",
	 "Kiezen of aanzetten (bij een keuzeveld)", NULL},
	{UI_SC_FORM, UI_KEY_SPACE, UI_A_TOGGLE, NULL,
	 "Ja/nee omzetten, of een keuze openen", NULL},
	{UI_SC_FORM, UI_KEY_F(2), UI_A_DONE, "klaar",
	 "Klaar: het formulier sluiten (alles is bewaard)", NULL},
	{UI_SC_FORM, C('d'), UI_A_DONE, NULL,
	 "Klaar: het formulier sluiten (alles is bewaard)", NULL},
	{UI_SC_FORM, UI_KEY_ESC, UI_A_BACK, "terug",
	 "Terug naar de lijst (alles is bewaard)", NULL},
	{UI_SC_FORM, UI_KEY_DELETE, UI_A_CLEAR, NULL,
	 "Een keuzeveld leegmaken", NULL},

	/* a one-line text field */
	{UI_SC_TEXT, UI_KEY_ENTER, UI_A_NEXT_FIELD, "volgend veld",
	 "Klaar met dit veld: naar het volgende", NULL},

	/* a multi-line text field */
	{UI_SC_LINES, UI_KEY_ENTER, UI_A_TE_NEWLINE, "nieuwe regel",
	 "Een nieuwe regel in de tekst", NULL},
	{UI_SC_LINES, UI_KEY_UP, UI_A_TE_UP, NULL,
	 "Een regel omhoog (op de eerste regel: vorig veld)", NULL},
	{UI_SC_LINES, UI_KEY_DOWN, UI_A_TE_DOWN, NULL,
	 "Een regel omlaag (op de laatste regel: volgend veld)", NULL},

	/* typing */
	{UI_SC_EDIT, UI_KEY_LEFT, UI_A_TE_LEFT, NULL, "Een teken naar links",
	 NULL},
	{UI_SC_EDIT, UI_KEY_RIGHT, UI_A_TE_RIGHT, NULL,
	 "Een teken naar rechts", NULL},
	{UI_SC_EDIT, UI_KEY_CTRL_LEFT, UI_A_TE_WORD_LEFT, NULL,
	 "Een woord naar links", NULL},
	{UI_SC_EDIT, UI_KEY_ALT('b'), UI_A_TE_WORD_LEFT, NULL,
	 "Een woord naar links", NULL},
	{UI_SC_EDIT, UI_KEY_CTRL_RIGHT, UI_A_TE_WORD_RIGHT, NULL,
	 "Een woord naar rechts", NULL},
	{UI_SC_EDIT, UI_KEY_ALT('f'), UI_A_TE_WORD_RIGHT, NULL,
	 "Een woord naar rechts", NULL},
	{UI_SC_EDIT, UI_KEY_HOME, UI_A_TE_HOME, NULL, "Naar het begin van de regel",
	 NULL},
	{UI_SC_EDIT, C('a'), UI_A_TE_HOME, NULL, "Naar het begin van de regel",
	 NULL},
	{UI_SC_EDIT, UI_KEY_END, UI_A_TE_END, NULL, "Naar het eind van de regel",
	 NULL},
	{UI_SC_EDIT, C('e'), UI_A_TE_END, NULL, "Naar het eind van de regel",
	 NULL},
	{UI_SC_EDIT, UI_KEY_CTRL_HOME, UI_A_TE_START, NULL,
	 "Naar het begin van de tekst", NULL},
	{UI_SC_EDIT, UI_KEY_CTRL_END, UI_A_TE_FINISH, NULL,
	 "Naar het eind van de tekst", NULL},
	{UI_SC_EDIT, UI_KEY_BACKSPACE, UI_A_TE_BACKSPACE, NULL,
	 "Het teken voor de cursor wissen", NULL},
	{UI_SC_EDIT, UI_KEY_DELETE, UI_A_TE_DELETE, NULL,
	 "Het teken onder de cursor wissen", NULL},
	{UI_SC_EDIT, C('w'), UI_A_TE_DEL_WORD, NULL,
	 "Het woord voor de cursor wissen", NULL},
	{UI_SC_EDIT, C('k'), UI_A_TE_KILL, NULL,
	 "Wissen tot het eind van de regel", NULL},

	/* yes or no */
	{UI_SC_CONFIRM, 'j', UI_A_YES, "ja", "Ja", NULL},
	{UI_SC_CONFIRM, 'J', UI_A_YES, NULL, "Ja", NULL},
	{UI_SC_CONFIRM, 'n', UI_A_NO, "nee", "Nee (ook Enter en Esc)", NULL},
	{UI_SC_CONFIRM, 'N', UI_A_NO, NULL, "Nee", NULL},
	{UI_SC_CONFIRM, UI_KEY_ENTER, UI_A_NO, NULL, "Nee: de veilige keuze",
	 NULL},
	{UI_SC_CONFIRM, UI_KEY_ESC, UI_A_NO, NULL, "Nee", NULL},

	/* a two-way choice (fill in now, or go back) */
	{UI_SC_CHOOSE, UI_KEY_ENTER, UI_A_YES, NULL, "De eerste keuze", NULL},
	{UI_SC_CHOOSE, UI_KEY_ESC, UI_A_NO, NULL, "De tweede keuze", NULL},

	/* choose one */
	{UI_SC_PICK, UI_KEY_ENTER, UI_A_OPEN, "kies", "Dit kiezen", NULL},
	{UI_SC_PICK, UI_KEY_ESC, UI_A_BACK, "annuleer",
	 "Niets kiezen en terug", NULL},

	/* choose many */
	{UI_SC_PICKMANY, UI_KEY_SPACE, UI_A_TOGGLE, "aan/uit",
	 "Aankruisen of uitzetten", "Spatie"},
	{UI_SC_PICKMANY, UI_KEY_ENTER, UI_A_DONE, "klaar",
	 "Klaar: de aangekruiste bewaren", NULL},
	{UI_SC_PICKMANY, UI_KEY_ESC, UI_A_BACK, "annuleer",
	 "Niets veranderen en terug", NULL},

	/* a line of text asked for */
	{UI_SC_PROMPT, UI_KEY_ENTER, UI_A_DONE, "klaar", "Klaar", NULL},
	{UI_SC_PROMPT, UI_KEY_ESC, UI_A_BACK, "annuleer",
	 "Annuleren en terug", NULL},

	/* safety scores */
	{UI_SC_SCORES, UI_KEY_UP, UI_A_UP, NULL, "Vorige persoon", NULL},
	{UI_SC_SCORES, UI_KEY_DOWN, UI_A_DOWN, NULL, "Volgende persoon", NULL},
	{UI_SC_SCORES, UI_KEY_TAB, UI_A_DOWN, NULL, "Volgende persoon", NULL},
	{UI_SC_SCORES, UI_KEY_RIGHT, UI_A_INC, "cijfer",
	 "Het cijfer een hoger (typ ook 0 tot 10)", "\u2190 \u2192"},
	{UI_SC_SCORES, UI_KEY_LEFT, UI_A_DEC, NULL, "Het cijfer een lager",
	 NULL},
	{UI_SC_SCORES, UI_KEY_DELETE, UI_A_CLEAR, "wis",
	 "Het cijfer van deze persoon wissen", NULL},
	{UI_SC_SCORES, UI_KEY_BACKSPACE, UI_A_CLEAR, NULL,
	 "Het cijfer van deze persoon wissen", NULL},
	{UI_SC_SCORES, UI_KEY_ENTER, UI_A_DONE, "klaar",
	 "Klaar (alles is bewaard)", NULL},
	{UI_SC_SCORES, UI_KEY_ESC, UI_A_DONE, NULL, "Klaar (alles is bewaard)",
	 NULL},

	/* two versions of one field */
	{UI_SC_CONFLICT, 'j', UI_A_MINE, "jouw versie",
	 "Jouw versie houden", NULL},
	{UI_SC_CONFLICT, 'a', UI_A_THEIRS, "andere versie",
	 "De andere versie houden", NULL},

	/* a message */
	{UI_SC_MESSAGE, UI_KEY_ENTER, UI_A_BACK, "verder", "Verder", NULL},
	{UI_SC_MESSAGE, UI_KEY_ESC, UI_A_BACK, NULL, "Verder", NULL},

	/* the team lead's overview */
	{UI_SC_OVERVIEW, UI_KEY_ENTER, UI_A_OPEN, "open",
	 "Openen: de sessie die wacht of te laat is, of het stille "
	 "huishouden", NULL},
	{UI_SC_OVERVIEW, UI_KEY_ESC, UI_A_BACK, "terug",
	 "Terug naar de lijst met huishoudens", NULL},
	{UI_SC_OVERVIEW, 'q', UI_A_BACK, NULL,
	 "Terug naar de lijst met huishoudens", NULL},

	/* the audit trail */
	{UI_SC_LOG, UI_KEY_ESC, UI_A_BACK, "terug", "Terug naar het huishouden",
	 NULL},
	{UI_SC_LOG, 'q', UI_A_BACK, NULL, "Terug naar het huishouden", NULL},

	/* comparing with another version */
	{UI_SC_DIFF, 'v', UI_A_DIFF, "vergelijken uit",
	 "Vergelijken sluiten: terug naar de stap", NULL},
	{UI_SC_DIFF, UI_KEY_ESC, UI_A_DIFF, NULL,
	 "Vergelijken sluiten: terug naar de stap", NULL},
	{UI_SC_DIFF, 'V', UI_A_DIFF_FROM, "andere versie",
	 "Kiezen met welke versie je vergelijkt (eerst de vorige)", NULL},
	{UI_SC_DIFF, '0', UI_A_STAGE_0, "stap",
	 "Vergelijken in stap 0: huishouden en aanwezigen", "0-5"},
	{UI_SC_DIFF, '1', UI_A_STAGE_1, NULL,
	 "Vergelijken in stap 1: feiten, zorgen en meningen", NULL},
	{UI_SC_DIFF, '2', UI_A_STAGE_2, NULL, "Vergelijken in stap 2: TOP-3",
	 NULL},
	{UI_SC_DIFF, '3', UI_A_STAGE_3, NULL,
	 "Vergelijken in stap 3: verklarende analyse", NULL},
	{UI_SC_DIFF, '4', UI_A_STAGE_4, NULL, "Vergelijken in stap 4: plan",
	 NULL},
	{UI_SC_DIFF, '5', UI_A_STAGE_5, NULL,
	 "Alle verschillen, van elke stap", NULL},
	{UI_SC_DIFF, ']', UI_A_STAGE_NEXT, NULL,
	 "Vergelijken in de volgende stap", NULL},
	{UI_SC_DIFF, '[', UI_A_STAGE_PREV, NULL, "Vergelijken in de vorige stap",
	 NULL},
	{UI_SC_DIFF, 'q', UI_A_DIFF, NULL,
	 "Vergelijken sluiten: terug naar de stap", NULL},

	/* the help screen */
	{UI_SC_HELP, UI_KEY_ESC, UI_A_BACK, "terug", "Terug", NULL},
	{UI_SC_HELP, 'q', UI_A_BACK, NULL, "Terug", NULL},
	{UI_SC_HELP, UI_KEY_F(1), UI_A_BACK, NULL, "Terug", NULL},
	{UI_SC_HELP, '?', UI_A_BACK, NULL, "Terug", NULL},
	{UI_SC_HELP, UI_KEY_SPACE, UI_A_PGDN, NULL, "Een scherm omlaag", NULL},
};

const size_t ui_keymap_len = sizeof ui_keymap / sizeof *ui_keymap;

static const char *const scope_titles[UI_SC_COUNT] = {
	[UI_SC_GLOBAL] = "Overal",
	[UI_SC_MOVE] = "Bewegen in een lijst",
	[UI_SC_HOUSEHOLDS] = "Huishoudens",
	[UI_SC_SEARCH] = "Zoeken",
	[UI_SC_HOUSEHOLD] = "Huishouden",
	[UI_SC_ITEMS] = "Punten in de lijst",
	[UI_SC_SESSION] = "Sessie",
	[UI_SC_STATEMENTS] = "Feiten, zorgen en meningen",
	[UI_SC_TOP3] = "TOP-3",
	[UI_SC_PREVIEW] = "Samenvatting",
	[UI_SC_FORM] = "Formulier",
	[UI_SC_TEXT] = "Tekstveld van een regel",
	[UI_SC_LINES] = "Tekstveld met meer regels",
	[UI_SC_EDIT] = "Typen",
	[UI_SC_CONFIRM] = "Vraag",
	[UI_SC_CHOOSE] = "Keuze",
	[UI_SC_PICK] = "Kiezen",
	[UI_SC_PICKMANY] = "Aankruisen",
	[UI_SC_PROMPT] = "Invullen",
	[UI_SC_SCORES] = "Veiligheidsscores",
	[UI_SC_CONFLICT] = "Tegelijk veranderd",
	[UI_SC_MESSAGE] = "Melding",
	[UI_SC_HELP] = "Hulp",
	[UI_SC_OVERVIEW] = "Overzicht",
	[UI_SC_LOG] = "Logboek",
	[UI_SC_DIFF] = "Vergelijken met een andere versie",
	[UI_SC_REVIEW] = "Beoordeling",
};

/* See ui_impl.h. */
const char *ui_scope_title(enum ui_scope sc)
{
	return sc < UI_SC_COUNT && scope_titles[sc] ? scope_titles[sc] : "";
}

/* See ui_impl.h. */
enum ui_action ui_keymap_lookup(const enum ui_scope *scopes, int n, int key)
{
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < ui_keymap_len; k++)
			if (ui_keymap[k].scope == scopes[i] && ui_keymap[k].key == key)
				return ui_keymap[k].action;
	return UI_A_NONE;
}

/* ---- key codes ------------------------------------------------------------ */

int ui_key_printable(int key)
{
	if (key & (UI_KEY_FN_BIT | UI_KEY_ALT_BIT))
		return 0;
	return key >= 0x20 && key != 0x7f && key <= 0x10ffff &&
	       !(key >= 0x80 && key < 0xa0);
}

/* See ui_impl.h. */
int ui_key_normalize(int key)
{
	switch (key) {
	case '\n':
	case UI_KEY_FN(KEY_ENTER):
		return UI_KEY_ENTER;
	case 0x7f:
	case 0x08:
		return UI_KEY_BACKSPACE;
	case UI_KEY_FN(UI_KC_ALT_LEFT):
		return UI_KEY_CTRL_LEFT;
	case UI_KEY_FN(UI_KC_ALT_RIGHT):
		return UI_KEY_CTRL_RIGHT;
	case UI_KEY_FN(KEY_SLEFT):
		return UI_KEY_LEFT;
	case UI_KEY_FN(KEY_SRIGHT):
		return UI_KEY_RIGHT;
	default:
		return key;
	}
}

/* Names of the special keys, both ways. */
static const struct {
	int key;
	const char *name;
} key_names[] = {
	{UI_KEY_ENTER, "Enter"},
	{UI_KEY_ESC, "Esc"},
	{UI_KEY_TAB, "Tab"},
	{UI_KEY_BTAB, "Shift-Tab"},
	{UI_KEY_SPACE, "Spatie"},
	{UI_KEY_UP, "\u2191"},
	{UI_KEY_DOWN, "\u2193"},
	{UI_KEY_LEFT, "\u2190"},
	{UI_KEY_RIGHT, "\u2192"},
	{UI_KEY_UP, "Up"},
	{UI_KEY_DOWN, "Down"},
	{UI_KEY_LEFT, "Left"},
	{UI_KEY_RIGHT, "Right"},
	{UI_KEY_HOME, "Home"},
	{UI_KEY_END, "End"},
	{UI_KEY_PGUP, "PgUp"},
	{UI_KEY_PGDN, "PgDn"},
	{UI_KEY_BACKSPACE, "Backspace"},
	{UI_KEY_DELETE, "Delete"},
	{UI_KEY_CTRL_LEFT, "Ctrl-\u2190"},
	{UI_KEY_CTRL_RIGHT, "Ctrl-\u2192"},
	{UI_KEY_CTRL_LEFT, "C-Left"},
	{UI_KEY_CTRL_RIGHT, "C-Right"},
	{UI_KEY_CTRL_HOME, "Ctrl-Home"},
	{UI_KEY_CTRL_END, "Ctrl-End"},
	{UI_KEY_RESIZE, "Resize"},
	{UI_KEY_PASTE_BEGIN, "PasteBegin"},
	{UI_KEY_PASTE_END, "PasteEnd"},
	{UI_KEY_SPACE, "Space"},
	{UI_KEY_BTAB, "S-Tab"},
	{UI_KEY_BTAB, "BTab"},
	/* the names tmux send-keys uses, so a script reads the same */
	{UI_KEY_ESC, "Escape"},
	{UI_KEY_BACKSPACE, "BSpace"},
	{UI_KEY_DELETE, "DC"},
	{UI_KEY_PGUP, "PageUp"},
	{UI_KEY_PGDN, "PageDown"},
	{UI_KEY_PGUP, "PPage"},
	{UI_KEY_PGDN, "NPage"},
	{UI_KEY_CTRL_HOME, "C-Home"},
	{UI_KEY_CTRL_END, "C-End"},
};

#define NKEY_NAMES (sizeof key_names / sizeof *key_names)

/* Append the UTF-8 form of code point cp to buf (room for 5 bytes). */
static size_t put_utf8(char *buf, unsigned long cp)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | cp >> 18);
	buf[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	buf[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* See ui_impl.h. */
const char *ui_key_name(int key, char *buf, size_t len)
{
	char ch[8];

	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (key_names[i].key == key) {
			snprintf(buf, len, "%s", key_names[i].name);
			return buf;
		}
	if (key & UI_KEY_FN_BIT) {
		int code = key & ~UI_KEY_FN_BIT;

		if (code >= KEY_F(1) && code <= KEY_F(24))
			snprintf(buf, len, "F%d", code - KEY_F0);
		else
			snprintf(buf, len, "<%d>", code);
		return buf;
	}
	if (key & UI_KEY_ALT_BIT) {
		ch[put_utf8(ch, (unsigned long)(key & ~UI_KEY_ALT_BIT) & 0x1fffff)] =
			'\0';
		snprintf(buf, len, "Alt-%s", ch);
		return buf;
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, len, "Ctrl-%c", 'A' + key - 1);
		return buf;
	}
	if (key <= 0 || key > 0x10ffff) {
		snprintf(buf, len, "?");
		return buf;
	}
	ch[put_utf8(ch, (unsigned long)key)] = '\0';
	snprintf(buf, len, "%s", ch);
	return buf;
}

/* See ui_impl.h. */
int ui_key_parse(const char *name)
{
	size_t n = strlen(name);
	unsigned long cp;

	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (strcmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3 &&
	    strspn(name + 1, "0123456789") == n - 1) {
		int f = atoi(name + 1);

		return f >= 1 && f <= 24 ? UI_KEY_F(f) : -1;
	}
	if ((str_has_prefix(name, "C-") || str_has_prefix(name, "Ctrl-")) &&
	    strlen(strchr(name, '-') + 1) == 1) {
		char c = strchr(name, '-')[1];

		if (c >= 'a' && c <= 'z')
			return C(c);
		if (c >= 'A' && c <= 'Z')
			return C(c);
		return -1;
	}
	if (str_has_prefix(name, "M-") || str_has_prefix(name, "Alt-")) {
		const char *p = strchr(name, '-') + 1;

		if (!*p || utf8_decode(p, strlen(p), &cp) != strlen(p))
			return -1;
		return UI_KEY_ALT((int)cp);
	}
	if (n > 0 && utf8_decode(name, n, &cp) == n && cp != 0xfffd)
		return (int)cp;
	return -1;
}

/* ---- DUO_KEYS scripts ------------------------------------------------------- */

static void feed_add(int **keys, size_t *n, size_t *cap, int key)
{
	xgrow(keys, cap, *n + 1, sizeof **keys);
	(*keys)[(*n)++] = key;
}

/* See ui_impl.h. */
int ui_keys_parse(const char *name, const char *text, int **keys, size_t *n,
                  struct diags *d)
{
	const char *p = text;
	size_t cap = 0;
	int line = 1;

	*keys = NULL;
	*n = 0;
	while (*p) {
		if (*p == '\n') {
			line++;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
		} else if (*p == '#') {
			while (*p && *p != '\n')
				p++;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; ) {
				unsigned long cp;
				size_t len;

				if (*p == '\n') {
					diag_add(d, name, line, 0, "tekst zonder "
					         "afsluitend aanhalingsteken");
					goto fail;
				}
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\')) {
					feed_add(keys, n, &cap, p[1]);
					p += 2;
					continue;
				}
				if (*p == '\\' && p[1] == 'n') {
					feed_add(keys, n, &cap, UI_KEY_ENTER);
					p += 2;
					continue;
				}
				len = utf8_decode(p, strlen(p), &cp);
				feed_add(keys, n, &cap, (int)cp);
				p += len;
			}
			if (*p != '"') {
				diag_add(d, name, line, 0, "tekst zonder afsluitend "
				         "aanhalingsteken");
				goto fail;
			}
			p++;
		} else {
			size_t len = strcspn(p, " \t\r\n");
			char *word = xstrndup(p, len);
			int key = ui_key_parse(word);

			if (key < 0) {
				diag_add(d, name, line, 0, "onbekende toets: %s", word);
				free(word);
				goto fail;
			}
			free(word);
			feed_add(keys, n, &cap, key);
			p += len;
		}
	}
	return 0;
fail:
	free(*keys);
	*keys = NULL;
	*n = 0;
	return -1;
}
