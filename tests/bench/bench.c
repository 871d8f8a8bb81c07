/*
 * bench.c - region-scale benchmark of duo (`make bench`).
 *
 *   DUO_FORMS=forms ./build/bench build/bench.db
 *
 * 1. Generates 10,000 made-up households deterministically (a fixed-seed
 *    splitmix64 generator, small Dutch word lists) as duo-case/1 YAML text
 *    and imports them through duo's own code path, case_import_files()
 *    (load, validate, store, in batches of several households to a
 *    transaction: what `duo import FILE...` does). The households are
 *    made as the import's loader thread asks for them, where `duo import`
 *    reads files; the storing thread reports them. About 32 statements
 *    per household, over 1 or 2 sessions, with members, participants,
 *    top-3, factors, hypotheses, plan and reviews: at least 300,000
 *    statements in all.
 * 2. Measures opening the finished database, listing every household,
 *    exporting one household as YAML, typical searches, the team lead's
 *    overview, the database size (and that of its search index), and
 *    peak memory.
 *
 * Figures go to stdout, one per line, as "BENCH name value unit". Progress
 * and a summary with the targets go to stderr. A missed target is reported
 * as "MISSED" but the exit status stays 0: this is a measurement, not a
 * test. A household that fails to import is a bug: its diagnostics are
 * printed, the YAML is kept next to the database, and the exit status is 1.
 *
 * Peak memory of list and export is measured in a child process forked at
 * the very start, before the import has grown this process: it waits on a
 * pipe until the database is ready, then opens it, lists and exports, and
 * reports getrusage(RUSAGE_SELF).ru_maxrss.
 *
 * Every household, person and event generated here is made up.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "casefile.h"
#include "form.h"
#include "overview.h"
#include "plaintext.h"
#include "search.h"
#include "store.h"
#include "summary.h"
#include "util.h"

/* ---- Scale and targets ------------------------------------------------ */

#define BENCH_HOUSEHOLDS     10000
#define STATEMENTS_MIN       30   /* statements per household: 30..34 */
#define STATEMENTS_SPREAD    5
#define TWO_SESSIONS_PERCENT 35   /* households with an evaluation version */
#define PROGRESS_EVERY       1000
#define OPEN_RUNS            5
#define LIST_RUNS            5
#define EXPORT_RUNS          21   /* different households */
#define BENCH_SEED           UINT64_C(0x64756f2d62656e63) /* "duo-benc" */
#define BENCH_USER           "bench"
#define BENCH_TODAY          "2026-11-23" /* for the overdue list */

#define TARGET_IMPORT_PER_S  1000.0
#define TARGET_LIST_MS       50.0
#define TARGET_EXPORT_MS     10.0
#define TARGET_RSS_KB        16384L
#define TARGET_SEARCH_MS     20.0
#define TARGET_OVERVIEW_MS   50.0
#define SEARCH_RUNS          5
#define OVERVIEW_RUNS        5
#define QUIET_DAYS           90

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Deterministic random numbers (splitmix64) ------------------------ */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* 0 .. n-1 */
static int rng_below(struct rng *r, int n)
{
	return (int)(rng_next(r) % (uint64_t)n);
}

/* lo .. hi inclusive */
static int rng_range(struct rng *r, int lo, int hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

static int rng_chance(struct rng *r, int percent)
{
	return rng_below(r, 100) < percent;
}

#define PICK(r, arr) ((arr)[rng_below((r), (int)NELEM(arr))])

/* A random (version 4) UUID drawn from the generator, so ids repeat. */
static void rng_uuid(struct rng *r, char out[UUID_STR_LEN])
{
	uint64_t a = rng_next(r), b = rng_next(r);
	a = (a & ~UINT64_C(0xf000)) | UINT64_C(0x4000);
	b = (b & UINT64_C(0x3fffffffffffffff)) | UINT64_C(0x8000000000000000);
	snprintf(out, UUID_STR_LEN, "%08x-%04x-%04x-%04x-%012llx",
	         (unsigned)(a >> 32), (unsigned)((a >> 16) & 0xffff),
	         (unsigned)(a & 0xffff), (unsigned)(b >> 48),
	         (unsigned long long)(b & UINT64_C(0xffffffffffff)));
}

/* ---- Dates as day numbers --------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

struct date {
	char iso[11];   /* YYYY-MM-DD */
	char nl[11];    /* DD-MM-YYYY, as professionals write it in a source */
};

static struct date date_of(long day)
{
	struct date t;
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(t.iso, sizeof t.iso, "%04d-%02d-%02d", y, m, d);
	snprintf(t.nl, sizeof t.nl, "%02d-%02d-%04d", d, m, y);
	return t;
}

/* ---- Word lists (all made up) ----------------------------------------- */

struct first_name {
	const char *name;  /* as written */
	const char *ref;   /* ASCII, for refs */
};

static const struct first_name women[] = {
	{"Anouk", "anouk"}, {"Zoë", "zoe"}, {"Fatma", "fatma"}, {"Ayşe", "ayse"},
	{"Noor", "noor"}, {"Mariëlle", "marielle"}, {"Sanne", "sanne"},
	{"Joëlle", "joelle"}, {"Iris", "iris"}, {"Lotte", "lotte"},
	{"Emma", "emma"}, {"Sara", "sara"}, {"Yasmina", "yasmina"},
	{"Şeyma", "seyma"}, {"Dewi", "dewi"}, {"Chloë", "chloe"},
	{"Ingrid", "ingrid"}, {"Gerda", "gerda"}, {"Ria", "ria"},
	{"Wilma", "wilma"}, {"Esra", "esra"}, {"Priya", "priya"},
	{"Naomi", "naomi"}, {"Fenna", "fenna"},
};

static const struct first_name men[] = {
	{"Daan", "daan"}, {"Noël", "noel"}, {"Barış", "baris"},
	{"Mehmet", "mehmet"}, {"Sem", "sem"}, {"Bram", "bram"},
	{"Ilyas", "ilyas"}, {"Jeroen", "jeroen"}, {"Daniël", "daniel"},
	{"Kees", "kees"}, {"Henk", "henk"}, {"Mohamed", "mohamed"},
	{"Finn", "finn"}, {"Luuk", "luuk"}, {"Rıza", "riza"}, {"Stijn", "stijn"},
	{"Youssef", "youssef"}, {"Jan", "jan"}, {"Gerrit", "gerrit"},
	{"Raf", "raf"}, {"Kofi", "kofi"}, {"Ravi", "ravi"}, {"Tygo", "tygo"},
	{"Mees", "mees"},
};

static const char *const surnames[] = {
	"de Vries", "Jansen", "Bakker", "Smit", "Meijer", "de Boer", "Mulder",
	"de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
	"Brouwer", "de Wit", "Dijkstra", "de Graaf", "van der Meer", "Yılmaz",
	"Öztürk", "Kaya", "Şahin", "Demir", "El Idrissi", "Bouzid", "Boukhari",
	"Ramdin", "Sitaldin", "Kromodimedjo", "Nguyen", "Haddou", "Çelik",
	"Doğan", "Koç", "van Dam", "Verhoeven", "Kuipers", "Postma", "Hoekstra",
	"Wouters", "Jacobs", "van Wijk", "Willems", "Kok", "Prins", "Huisman",
	"Maas", "Kramer", "Verbeek", "van den Heuvel", "Schouten", "Hermans",
	"van Beek", "Koster", "Gerritsen", "Mensah", "Asante", "Wiśniewski",
};

static const char *const municipalities[] = {
	"Arnhem", "Nijmegen", "Ede", "Apeldoorn", "Zwolle", "Deventer",
	"Enschede", "Hengelo", "Tiel", "Wageningen", "Doetinchem", "Zutphen",
	"Harderwijk", "Barneveld", "Almelo", "Kampen", "Culemborg", "Renkum",
	"Winterswijk", "Oldenzaal",
};

static const char *const districts[] = {
	"Noord", "Zuid", "Oost", "West", "Centrum",
};

static const char *const rvt_regions[] = {
	"Gelderland-Midden", "Gelderland-Zuid", "IJsselland", "Twente",
	"Noord- en Oost-Gelderland", "FoodValley",
};

/* Sentences; '@' stands for a person's first name. */
static const char *const feit_sentences[] = {
	"Op school was @ deze maand vier keer te laat.",
	"De buren belden 's avonds de politie vanwege geschreeuw in huis.",
	"@ had bij het huisbezoek een blauwe plek op de arm.",
	"De huisarts zag @ drie keer in twee maanden met buikpijn.",
	"Er lag een aanmaning van de energieleverancier op tafel.",
	"@ kwam zonder jas en zonder ontbijt op school.",
	"De politie schreef een mutatie na een melding over ruzie.",
	"@ heeft sinds augustus geen werk meer.",
	"De huur is drie maanden niet betaald.",
	"@ sliep twee nachten bij de buurvrouw.",
	"Het consultatiebureau zag dat @ achterloopt in gewicht.",
	"@ is bij de eerste afspraak met het wijkteam niet verschenen.",
	"Er stonden lege flessen in de keuken en de woonkamer.",
	"@ vertelde de mentor dat er thuis vaak wordt geschreeuwd.",
	"Het verzuim van @ is gemeld bij de leerplichtambtenaar.",
	"De deur van de slaapkamer had een gat ter hoogte van een vuist.",
	"@ heeft een afspraak bij de verslavingszorg gemist.",
	"Er is in oktober twee keer contant geld opgenomen met de pas van @.",
	"De wijkverpleegkundige zag dat de medicijnen van @ op waren.",
	"@ belde zelf de huisarts en vroeg om hulp.",
	"Bij het huisbezoek was de koelkast bijna leeg.",
	"@ heeft een schuld van ruim 4.000 euro bij de zorgverzekeraar.",
};

static const char *const zorg_sentences[] = {
	"Wij zijn bang dat @ niet genoeg eten krijgt.",
	"Wij maken ons zorgen dat de ruzies opnieuw uit de hand lopen.",
	"De familie is bang dat @ het thuis niet meer volhoudt.",
	"De school maakt zich zorgen over de stille houding van @.",
	"Wij vrezen dat @ geld kwijtraakt aan anderen.",
	"Het is niet duidelijk wie 's nachts op @ let.",
	"Wij zijn bang dat @ geweld ziet of hoort.",
	"De zorg is dat @ zich steeds meer terugtrekt.",
	"Wij zijn bang dat @ de rekeningen niet meer kan betalen.",
	"Het netwerk is bang dat @ weer gaat drinken.",
};

static const char *const mening_sentences[] = {
	"@ vindt dat het de laatste weken beter gaat.",
	"@ vindt dat de school overdrijft.",
	"@ zegt dat de ruzies niet erger zijn dan in andere gezinnen.",
	"@ wil graag hulp, maar niet van Veilig Thuis.",
	"@ vindt dat iedereen zich met het gezin bemoeit.",
	"@ zegt dat het geld op is door de hoge energierekening.",
	"@ wil dat alles weer wordt zoals vroeger.",
	"@ vindt het fijn dat er iemand meekijkt.",
};

static const char *const filler_sentences[] = {
	"Dit gebeurde in de avond, toen iedereen thuis was.",
	"Het is de eerste keer dat dit zo is vastgelegd.",
	"Eerder dit jaar gebeurde iets vergelijkbaars.",
	"Er waren geen anderen bij.",
	"Dit is besproken in het gesprek van vandaag.",
	"Volgens de melder gebeurt dit vaker, maar dat is niet bevestigd.",
	"Het huishouden was op dat moment al bekend bij het wijkteam.",
	"Daarna bleef het een paar dagen rustig.",
	"Niemand raakte gewond, maar iedereen was erg geschrokken.",
	"@ kon er in het gesprek goed over vertellen.",
};

static const char *const response_sentences[] = {
	"@ herkent dit niet.",
	"@ zegt dat het anders is gegaan.",
	"@ is het hiermee eens.",
	"@ schrok ervan toen het werd voorgelezen.",
	"@ wil hier later op terugkomen.",
	"@ zegt dat het een uitzondering was.",
};

static const char *const sources[] = {
	"Politie, mutatie", "Melding huisarts aan Veilig Thuis",
	"Gesprek met de leerkracht", "Huisbezoek wijkteam",
	"Brief van de verhuurder", "Rapportage wijkverpleging",
	"Melding leerplichtambtenaar", "Bankafschriften, gezien door het duo",
	"Gesprek met de mentor", "Verslag consultatiebureau",
};

static const char *const top3_titles[] = {
	"Ruzies met geweld waar @ bij is", "@ gaat vaak niet naar school",
	"Er is te weinig eten en toezicht", "Geldzorgen en schulden",
	"@ drinkt veel alcohol", "Geld van @ verdwijnt", "@ is bang in huis",
	"@ krijgt niet de zorg die nodig is", "Dreigingen na de scheiding",
	"@ is vaak alleen thuis",
};

static const char *const impact_sentences[] = {
	"@ slaapt slecht en is overdag moe.",
	"@ schrikt van harde geluiden.",
	"@ durft niet meer te zeggen wat er gebeurt.",
	"@ heeft weinig contact met vrienden.",
	"Het vertrouwen tussen @ en de anderen is weg.",
	"@ maakt zich veel zorgen en eet slecht.",
};

static const char *const view_sentences[] = {
	"@ herkent dit deels.",
	"@ zegt dat het niet zo erg is als het lijkt.",
	"@ wil er graag aan werken.",
	"@ vindt dat het vooral aan geld ligt.",
	"@ herkent dit en schaamt zich ervoor.",
};

static const char *const factor_sentences[][4] = {
	{ /* predisponerend */
		"@ groeide op in een gezin met veel geweld.",
		"@ heeft een licht verstandelijke beperking.",
		"@ heeft al lang psychische klachten.",
		"@ heeft nooit geleerd om met geld om te gaan.",
	},
	{ /* uitlokkend */
		"@ verloor dit jaar het werk.",
		"De scheiding in het voorjaar.",
		"Drinken op vrijdagavond.",
		"Een verhuizing naar een kleiner huis.",
	},
	{ /* instandhoudend */
		"Er zijn geen duidelijke afspraken.",
		"@ zoekt geen hulp uit schaamte.",
		"De schulden lopen op.",
		"Niemand buiten het huishouden kijkt mee.",
	},
	{ /* beschermend */
		"@ wil graag hulp.",
		"Een tante woont dichtbij en helpt.",
		"De school let goed op.",
		"@ is open over wat er gebeurt.",
	},
};

static const char *const categories_4p[] = {
	"predisponerend", "uitlokkend", "instandhoudend", "beschermend",
};

static const char *const hypothesis_sentences[] = {
	"@ voelt zich onder druk door geldzorgen; dan lopen ruzies sneller uit de hand.",
	"Zonder vaste afspraken blijft de onrust terugkomen.",
	"Omdat niemand meekijkt, gaat het probleem door.",
	"@ heeft niet geleerd hoe je zonder geweld een ruzie oplost.",
	"Sinds de scheiding voelt @ zich alleen en vraagt geen hulp.",
};

static const char *const explanation_sentences[] = {
	"@ denkt dat het door de stress komt.",
	"@ zegt dat het aan de buren ligt.",
	"@ denkt dat het beter gaat als er meer geld is.",
	"@ herkent dit.",
};

static const char *const check_sentences[] = {
	"Bijhouden in een dagboek en bespreken bij de evaluatie.",
	"Gesprek met @ alleen, binnen twee weken.",
	"Navragen bij school of het verzuim afneemt.",
	"Na aanmelding bij schuldhulp kijken of de spanning afneemt.",
};

static const char *const hypothesis_status[] = {
	"te-toetsen", "te-toetsen", "bevestigd", "verworpen",
};

static const char *const plan_phases[] = {
	"directe-veiligheid", "stabiele-veiligheid", "duurzame-veiligheid",
};

static const char *const doel_sentences[] = {
	"@ voelt zich weer veilig thuis.",
	"Het huishouden lost ruzies op zonder geweld.",
	"@ gaat weer elke dag met plezier naar school.",
	"Er is elke maand genoeg geld voor eten en huur.",
};

static const char *const afspraak_sentences[] = {
	"@ belt elke week met het wijkteam.",
	"@ gaat binnen twee weken naar de huisarts.",
	"Er komt een weekschema voor eten en slapen.",
	"@ meldt zich aan bij de schuldhulpverlening van de gemeente.",
	"De tante van @ past op woensdag en vrijdag op.",
};

static const char *const voorwaarde_sentences[] = {
	"@ komt niet naar huis na het drinken.",
	"@ gaat elke schooldag naar school.",
	"@ gebruikt geen geweld meer, ook niet als er ruzie is.",
	"@ laat de pinpas van een ander met rust.",
};

static const char *const consequence_sentences[] = {
	"Als dit niet lukt, bespreken wij met jullie of de Raad voor de Kinderbescherming moet meekijken.",
	"Als dit toch gebeurt, doen wij een melding bij Veilig Thuis.",
	"Als dit niet gebeurt, vragen wij de politie om een tijdelijk huisverbod.",
};

static const char *const comment_sentences[] = {
	"Maak dit concreter: wie, wat, wanneer?",
	"Goed beschreven.",
	"Waar is de bron van dit feit?",
	"Let op wat het huishouden hier zelf over zegt.",
	"Is dit een feit of een mening? #nagaan",
};

static const char *const agreements[] = { "eens", "deels", "oneens" };

/* ---- Writing YAML text ------------------------------------------------ */

/* Empty the buffer but keep its memory. */
static void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

static void add_indent(struct strbuf *sb, int indent)
{
	for (int i = 0; i < indent; i++)
		sb_addc(sb, ' ');
}

/* 1 if text can be written as a plain YAML scalar and read back as the
 * same string; conservative. */
static int plain_ok(const char *t)
{
	static const char indicators[] = "-?:,[]{}#&*!|>'\"%@`";
	if (!*t || strchr(indicators, t[0]) || t[0] == ' ' ||
	    t[strlen(t) - 1] == ' ')
		return 0;
	if (strstr(t, ": ") || strstr(t, " #") || strchr(t, '\n'))
		return 0;
	return 1;
}

static void add_scalar(struct strbuf *sb, const char *t)
{
	if (plain_ok(t)) {
		sb_add(sb, t);
		return;
	}
	sb_addc(sb, '"');
	for (const char *p = t; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *p);
	}
	sb_addc(sb, '"');
}

/* "key: value" on its own line; multi-line text as a literal block ("|-":
 * no newline is added at the end). */
static void kv(struct strbuf *sb, int indent, const char *key, const char *val)
{
	add_indent(sb, indent);
	sb_addf(sb, "%s: ", key);
	if (!strchr(val, '\n')) {
		add_scalar(sb, val);
		sb_addc(sb, '\n');
		return;
	}
	sb_add(sb, "|-\n");
	const char *p = val;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		add_indent(sb, indent + 2);
		sb_addn(sb, p, n);
		sb_addc(sb, '\n');
		p += n + (nl ? 1 : 0);
	}
}

static void kv_int(struct strbuf *sb, int indent, const char *key, long v)
{
	add_indent(sb, indent);
	sb_addf(sb, "%s: %ld\n", key, v);
}

static void kv_bool(struct strbuf *sb, int indent, const char *key, int v)
{
	add_indent(sb, indent);
	sb_addf(sb, "%s: %s\n", key, v ? "true" : "false");
}

/* The first key of a list item: "- key: value". */
static void item(struct strbuf *sb, int indent, const char *key,
                 const char *val)
{
	add_indent(sb, indent);
	sb_add(sb, "- ");
	kv(sb, 0, key, val);
}

static void section(struct strbuf *sb, int indent, const char *key)
{
	add_indent(sb, indent);
	sb_addf(sb, "%s:\n", key);
}

/* Append a template with every '@' replaced by name. */
static void add_template(struct strbuf *sb, const char *tmpl, const char *name)
{
	for (const char *p = tmpl; *p; p++) {
		if (*p == '@')
			sb_add(sb, name);
		else
			sb_addc(sb, *p);
	}
}

/* ---- The household generator ------------------------------------------ */

#define MAX_MEMBERS      6
#define MAX_STATEMENTS   40
#define MAX_FACTORS      8
#define NAME_MAX_BYTES   64
#define REF_MAX_BYTES    24
#define SHORT_REF_BYTES  16   /* "f12", "top3/2" and the like, with room */

struct member {
	char name[NAME_MAX_BYTES];   /* full name, as written */
	char first[NAME_MAX_BYTES];  /* for sentences */
	char ref[REF_MAX_BYTES];
	const char *role;
	int born;
	int lives_here;
	int adult_in_house;          /* may hold a view or a score */
};

struct professional {
	char name[NAME_MAX_BYTES];
	char org[2 * NAME_MAX_BYTES];
};

enum household_kind { HK_FAMILY, HK_SINGLE_PARENT, HK_ELDERLY, HK_COUPLE };

struct household {
	struct rng rng;
	enum household_kind kind;
	char id[UUID_STR_LEN];
	char name[2 * NAME_MAX_BYTES];
	const char *surname;
	const char *municipality;
	char team[2 * NAME_MAX_BYTES];
	struct member m[MAX_MEMBERS];
	int nm;
	struct professional lokaal, rvt, lead;
};

/* What one session has, for pointers from later parts. */
struct session_refs {
	char stmt_ref[MAX_STATEMENTS][SHORT_REF_BYTES];
	int stmt_is_feit[MAX_STATEMENTS];
	int nstmt;
	int ntop3;
	int nfactors;
	int nhyp;
	int nplan;
};

static int member_ref_taken(const struct household *h, const char *ref)
{
	for (int i = 0; i < h->nm; i++)
		if (strcmp(h->m[i].ref, ref) == 0)
			return 1;
	return 0;
}

static void add_member(struct household *h, const char *role, int female,
                       int born, int lives_here, int own_surname)
{
	struct member *m = &h->m[h->nm];
	const struct first_name *fn = female ? &PICK(&h->rng, women)
	                                     : &PICK(&h->rng, men);
	snprintf(m->first, sizeof m->first, "%s", fn->name);
	snprintf(m->ref, sizeof m->ref, "%s", fn->ref);
	for (int k = 2; member_ref_taken(h, m->ref); k++)
		snprintf(m->ref, sizeof m->ref, "%s%d", fn->ref, k);
	const char *surname = own_surname ? PICK(&h->rng, surnames) : h->surname;
	/* Children are often named by first name only, as in the field. */
	if (strcmp(role, "kind") == 0 && rng_chance(&h->rng, 60))
		snprintf(m->name, sizeof m->name, "%s", fn->name);
	else
		snprintf(m->name, sizeof m->name, "%s %s", fn->name, surname);
	m->role = role;
	m->born = born;
	m->lives_here = lives_here;
	m->adult_in_house = strcmp(role, "kind") != 0 &&
	                    strcmp(role, "netwerk") != 0;
	h->nm++;
}

static void make_professional(struct rng *r, struct professional *p,
                              const char *org)
{
	const struct first_name *fn = rng_chance(r, 60) ? &PICK(r, women)
	                                                : &PICK(r, men);
	snprintf(p->name, sizeof p->name, "%s %s", fn->name, PICK(r, surnames));
	snprintf(p->org, sizeof p->org, "%s", org);
}

/* "de Vries" -> "Gezin De Vries" */
static void household_name(struct household *h, const char *prefix)
{
	snprintf(h->name, sizeof h->name, "%s %s", prefix, h->surname);
	size_t at = strlen(prefix) + 1;
	if (h->name[at] >= 'a' && h->name[at] <= 'z')
		h->name[at] = (char)(h->name[at] - 'a' + 'A');
}

static void make_household(struct household *h, long index)
{
	memset(h, 0, sizeof *h);
	h->rng.s = BENCH_SEED ^ ((uint64_t)index * UINT64_C(0x2545f4914f6cdd1d));
	struct rng *r = &h->rng;
	rng_uuid(r, h->id);
	h->surname = PICK(r, surnames);
	h->municipality = PICK(r, municipalities);
	if (rng_chance(r, 50))
		snprintf(h->team, sizeof h->team, "Sociaal team %s", h->municipality);
	else
		snprintf(h->team, sizeof h->team, "Wijkteam %s-%s", h->municipality,
		         PICK(r, districts));

	int k = rng_below(r, 100);
	h->kind = k < 55 ? HK_FAMILY : k < 75 ? HK_SINGLE_PARENT
	        : k < 87 ? HK_ELDERLY : HK_COUPLE;
	switch (h->kind) {
	case HK_FAMILY:
		household_name(h, "Gezin");
		add_member(h, "ouder", 1, rng_range(r, 1978, 2000), 1, 0);
		add_member(h, "ouder", 0, rng_range(r, 1975, 1998),
		           rng_chance(r, 70), rng_chance(r, 30));
		for (int c = rng_range(r, 1, 3); c > 0; c--)
			add_member(h, "kind", rng_chance(r, 50),
			           rng_range(r, 2008, 2025), 1, 0);
		break;
	case HK_SINGLE_PARENT:
		household_name(h, "Gezin");
		add_member(h, "ouder", rng_chance(r, 70), rng_range(r, 1975, 2002),
		           1, 0);
		add_member(h, "ex-partner", rng_chance(r, 50),
		           rng_range(r, 1972, 2000), 0, 1);
		for (int c = rng_range(r, 1, 2); c > 0; c--)
			add_member(h, "kind", rng_chance(r, 50),
			           rng_range(r, 2008, 2025), 1, 0);
		break;
	case HK_ELDERLY:
		household_name(h, "Echtpaar");
		add_member(h, "partner", 0, rng_range(r, 1935, 1952), 1, 0);
		add_member(h, "partner", 1, rng_range(r, 1937, 1955), 1, 0);
		add_member(h, "overig", rng_chance(r, 40), rng_range(r, 1962, 1985),
		           rng_chance(r, 60), 0);
		break;
	case HK_COUPLE:
		household_name(h, "Huishouden");
		add_member(h, "partner", 1, rng_range(r, 1960, 2003), 1, 0);
		add_member(h, "partner", 0, rng_range(r, 1958, 2002),
		           rng_chance(r, 60), rng_chance(r, 50));
		break;
	}
	if (h->nm < MAX_MEMBERS && rng_chance(r, 60))
		add_member(h, "netwerk", rng_chance(r, 60), rng_range(r, 1945, 1995),
		           0, 1);

	char org[2 * NAME_MAX_BYTES];
	make_professional(r, &h->lokaal, h->team);
	snprintf(org, sizeof org, "Regionaal Veiligheidsteam %s",
	         PICK(r, rvt_regions));
	make_professional(r, &h->rvt, org);
	make_professional(r, &h->lead, h->team);
}

static const struct member *any_member(struct household *h)
{
	return &h->m[rng_below(&h->rng, h->nm)];
}

/* A member who may hold a view or give a score (not a young child). */
static const struct member *adult_member(struct household *h)
{
	for (int tries = 0; tries < 2 * MAX_MEMBERS; tries++) {
		const struct member *m = any_member(h);
		if (m->adult_in_house)
			return m;
	}
	return &h->m[0];
}

/* A text of 1..n sentences; now and then a long one, now and then two
 * paragraphs, so lengths vary as in real notes. */
static void gen_text(struct household *h, struct strbuf *out,
                     const char *const *first, size_t nfirst, int max_extra)
{
	struct rng *r = &h->rng;
	sb_reset(out);
	add_template(out, first[rng_below(r, (int)nfirst)], any_member(h)->first);
	int extra = rng_range(r, 0, max_extra);
	if (rng_chance(r, 8))
		extra += rng_range(r, 4, 8);
	int last = -1;
	for (int i = 0; i < extra; i++) {
		int k = rng_below(r, (int)NELEM(filler_sentences));
		if (k == last)
			k = (k + 1) % (int)NELEM(filler_sentences);
		last = k;
		sb_add(out, rng_chance(r, 6) ? "\n" : " ");
		add_template(out, filler_sentences[k], any_member(h)->first);
	}
}

#define GEN_TEXT(h, out, list, extra) \
	gen_text((h), (out), (list), NELEM(list), (extra))

/* A flow list of 1..max distinct member refs: "[a, b]". */
static void add_member_list(struct household *h, struct strbuf *sb, int max)
{
	int used[MAX_MEMBERS] = {0};
	int n = rng_range(&h->rng, 1, max < h->nm ? max : h->nm);
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		int k = rng_below(&h->rng, h->nm);
		while (used[k])
			k = (k + 1) % h->nm;
		used[k] = 1;
		sb_addf(sb, "%s%s", i ? ", " : "", h->m[k].ref);
	}
	sb_add(sb, "]\n");
}

static void gen_household_part(struct household *h, struct strbuf *y)
{
	sb_add(y, "# Made up by tests/bench/bench.c; no real person.\n");
	sb_add(y, "format: duo-case/1\n");
	section(y, 0, "household");
	kv(y, 2, "id", h->id);
	kv(y, 2, "name", h->name);
	kv(y, 2, "municipality", h->municipality);
	kv(y, 2, "team", h->team);
	section(y, 2, "members");
	for (int i = 0; i < h->nm; i++) {
		const struct member *m = &h->m[i];
		item(y, 4, "ref", m->ref);
		kv(y, 6, "name", m->name);
		kv(y, 6, "role", m->role);
		kv_int(y, 6, "born", m->born);
		kv_bool(y, 6, "lives_here", m->lives_here);
	}
}

static void gen_participants(struct household *h, struct strbuf *y)
{
	section(y, 4, "participants");
	const struct professional *pro[] = { &h->lokaal, &h->rvt };
	static const char *const roles[] = { "lokaal", "rvt" };
	for (size_t i = 0; i < NELEM(pro); i++) {
		item(y, 6, "name", pro[i]->name);
		kv(y, 8, "organisation", pro[i]->org);
		kv(y, 8, "role", roles[i]);
	}
	int present = 0;
	for (int i = 0; i < h->nm && present < 2; i++) {
		if (h->m[i].adult_in_house && h->m[i].lives_here) {
			item(y, 6, "member", h->m[i].ref);
			present++;
		}
	}
}

static void gen_statements(struct household *h, struct strbuf *y,
                           struct strbuf *t, long session_day, int n,
                           struct session_refs *sr)
{
	struct rng *r = &h->rng;
	int nfeit = 0, nzorg = 0, nmening = 0;
	section(y, 4, "statements");
	for (int i = 0; i < n && i < MAX_STATEMENTS; i++) {
		/* The first three are feiten, so every top-3 item has one. */
		int k = i < 3 ? 0 : rng_below(r, 100);
		const char *kind = k < 50 ? "feit" : k < 80 ? "zorg" : "mening";
		char *ref = sr->stmt_ref[sr->nstmt];
		snprintf(ref, sizeof sr->stmt_ref[0], "%c%d", kind[0],
		         kind[0] == 'f' ? ++nfeit : kind[0] == 'z' ? ++nzorg
		                                               : ++nmening);
		sr->stmt_is_feit[sr->nstmt++] = kind[0] == 'f';
		item(y, 6, "ref", ref);
		kv(y, 8, "kind", kind);
		if (kind[0] == 'f')
			GEN_TEXT(h, t, feit_sentences, 3);
		else if (kind[0] == 'z')
			GEN_TEXT(h, t, zorg_sentences, 2);
		else
			GEN_TEXT(h, t, mening_sentences, 2);
		kv(y, 8, "text", sb_str(t));
		struct date when = date_of(session_day - rng_range(r, 0, 120));
		if (kind[0] == 'f') {
			char src[128];
			snprintf(src, sizeof src, "%s, %s", PICK(r, sources), when.nl);
			kv(y, 8, "source", src);
			kv(y, 8, "date", when.iso);
		}
		add_indent(y, 8);
		sb_add(y, "about: ");
		add_member_list(h, y, 3);
		if (kind[0] == 'f')
			kv_bool(y, 8, "verified", rng_chance(r, 60));
		else if (kind[0] == 'z' && rng_chance(r, 50))
			kv(y, 8, "holder", "duo");
		else if (kind[0] == 'z' && rng_chance(r, 30))
			kv(y, 8, "holder", h->lokaal.name);
		else
			kv(y, 8, "holder", adult_member(h)->ref);
		if (rng_chance(r, 25)) {
			GEN_TEXT(h, t, response_sentences, 1);
			kv(y, 8, "response", sb_str(t));
		}
		if (rng_chance(r, 4))
			kv_bool(y, 8, "confidential", 1);
	}
}

/* A feit and up to two other statements, distinct: "[f1, z2]". */
static void add_evidence(struct household *h, struct strbuf *y,
                         const struct session_refs *sr)
{
	struct rng *r = &h->rng;
	int feit;
	do
		feit = rng_below(r, sr->nstmt);
	while (!sr->stmt_is_feit[feit]);
	sb_addf(y, "[%s", sr->stmt_ref[feit]);
	int last = feit;
	for (int extra = rng_range(r, 0, 2); extra > 0; extra--) {
		int k = rng_below(r, sr->nstmt);
		if (k == feit || k == last)
			continue;
		sb_addf(y, ", %s", sr->stmt_ref[k]);
		last = k;
	}
	sb_add(y, "]\n");
}

#define SCORE_MAX 10

static void gen_top3(struct household *h, struct strbuf *y, struct strbuf *t,
                     struct session_refs *sr)
{
	struct rng *r = &h->rng;
	sr->ntop3 = rng_range(r, 2, 3);
	section(y, 4, "top3");
	for (int rank = 1; rank <= sr->ntop3; rank++) {
		add_indent(y, 6);
		sb_addf(y, "- rank: %d\n", rank);
		sb_reset(t);
		add_template(t, PICK(r, top3_titles), any_member(h)->first);
		kv(y, 8, "title", sb_str(t));
		GEN_TEXT(h, t, feit_sentences, 3);
		kv(y, 8, "what", sb_str(t));
		GEN_TEXT(h, t, impact_sentences, 1);
		kv(y, 8, "impact", sb_str(t));
		add_indent(y, 8);
		sb_add(y, "evidence: ");
		add_evidence(h, y, sr);
		GEN_TEXT(h, t, view_sentences, 1);
		kv(y, 8, "household_view", sb_str(t));
		kv(y, 8, "agreement", PICK(r, agreements));
		const struct member *who = adult_member(h);
		add_indent(y, 8);
		sb_addf(y, "scores: {duo: %d, %s: %d}\n", rng_range(r, 1, SCORE_MAX - 3),
		        who->ref, rng_range(r, 2, SCORE_MAX));
		kv_bool(y, 8, "urgent", rank == 1 && rng_chance(r, 30));
	}
}

static void gen_analysis(struct household *h, struct strbuf *y,
                         struct strbuf *t, struct session_refs *sr)
{
	struct rng *r = &h->rng;
	section(y, 4, "analysis");
	kv(y, 6, "model", "4p");
	section(y, 6, "factors");
	sr->nfactors = rng_range(r, 4, MAX_FACTORS);
	for (int i = 1; i <= sr->nfactors; i++) {
		int cat = rng_below(r, (int)NELEM(categories_4p));
		char ref[SHORT_REF_BYTES];
		snprintf(ref, sizeof ref, "a%d", i);
		item(y, 8, "ref", ref);
		kv(y, 10, "category", categories_4p[cat]);
		int about = rng_below(r, 10);
		kv(y, 10, "about", about < 7 ? any_member(h)->ref
		                    : about < 9 ? "gezin" : "omgeving");
		sb_reset(t);
		add_template(t, factor_sentences[cat][rng_below(r, 4)],
		             any_member(h)->first);
		kv(y, 10, "text", sb_str(t));
	}
	section(y, 6, "hypotheses");
	sr->nhyp = rng_range(r, 1, 3);
	for (int i = 1; i <= sr->nhyp; i++) {
		char ref[SHORT_REF_BYTES];
		snprintf(ref, sizeof ref, "h%d", i);
		item(y, 8, "ref", ref);
		GEN_TEXT(h, t, hypothesis_sentences, 1);
		kv(y, 10, "text", sb_str(t));
		int a = rng_range(r, 1, sr->nfactors);
		int b = rng_range(r, 1, sr->nfactors);
		add_indent(y, 10);
		if (a == b)
			sb_addf(y, "factors: [a%d]\n", a);
		else
			sb_addf(y, "factors: [a%d, a%d]\n", a, b);
		add_indent(y, 10);
		int rank = rng_range(r, 1, sr->ntop3);
		if (rank < sr->ntop3 && rng_chance(r, 40))
			sb_addf(y, "explains: [%d, %d]\n", rank, rank + 1);
		else
			sb_addf(y, "explains: [%d]\n", rank);
		GEN_TEXT(h, t, explanation_sentences, 0);
		kv(y, 10, "household_explanation", sb_str(t));
		kv(y, 10, "status", PICK(r, hypothesis_status));
		GEN_TEXT(h, t, check_sentences, 0);
		kv(y, 10, "check", sb_str(t));
	}
}

static void gen_plan(struct household *h, struct strbuf *y, struct strbuf *t,
                     long session_day, struct session_refs *sr)
{
	struct rng *r = &h->rng;
	section(y, 4, "plan");
	sr->nplan = rng_range(r, 3, 6);
	for (int i = 1; i <= sr->nplan; i++) {
		char ref[SHORT_REF_BYTES];
		snprintf(ref, sizeof ref, "p%d", i);
		item(y, 6, "ref", ref);
		kv_int(y, 8, "concern", rng_range(r, 1, sr->ntop3));
		kv(y, 8, "phase", PICK(r, plan_phases));
		int k = rng_below(r, 3);
		kv(y, 8, "kind", k == 0 ? "doel" : k == 1 ? "afspraak" : "voorwaarde");
		if (k == 0)
			GEN_TEXT(h, t, doel_sentences, 0);
		else if (k == 1)
			GEN_TEXT(h, t, afspraak_sentences, 1);
		else
			GEN_TEXT(h, t, voorwaarde_sentences, 0);
		kv(y, 8, "text", sb_str(t));
		if (rng_chance(r, 50))
			kv(y, 8, "who", adult_member(h)->ref);
		else
			kv(y, 8, "who", rng_chance(r, 50) ? h->lokaal.name : h->rvt.name);
		kv(y, 8, "due", date_of(session_day + rng_range(r, 1, 120)).iso);
		if (k == 2)
			kv(y, 8, "consequence", PICK(r, consequence_sentences));
		if (rng_chance(r, 20))
			kv_bool(y, 8, "done", 1);
	}
}

static void gen_comment_target(struct household *h, const struct session_refs *sr,
                               char *out, size_t len)
{
	switch (rng_below(&h->rng, 4)) {
	case 0:
		snprintf(out, len, "top3/%d", rng_range(&h->rng, 1, sr->ntop3));
		break;
	case 1:
		snprintf(out, len, "%s", sr->stmt_ref[rng_below(&h->rng, sr->nstmt)]);
		break;
	case 2:
		snprintf(out, len, "h%d", rng_range(&h->rng, 1, sr->nhyp));
		break;
	default:
		snprintf(out, len, "p%d", rng_range(&h->rng, 1, sr->nplan));
		break;
	}
}

static void gen_review(struct household *h, struct strbuf *y, long day,
                       const char *decision, const struct session_refs *sr)
{
	struct rng *r = &h->rng;
	item(y, 6, "reviewer", h->lead.name);
	kv(y, 8, "date", date_of(day).iso);
	kv(y, 8, "decision", decision);
	int n = rng_range(r, 0, 2);
	if (n == 0)
		return;
	section(y, 8, "comments");
	for (int i = 0; i < n; i++) {
		char on[SHORT_REF_BYTES + 8];
		gen_comment_target(h, sr, on, sizeof on);
		item(y, 10, "on", on);
		kv(y, 12, "text", PICK(r, comment_sentences));
	}
}

static void gen_reviews(struct household *h, struct strbuf *y,
                        const char *status, long session_day,
                        const struct session_refs *sr)
{
	struct rng *r = &h->rng;
	int fixed = strcmp(status, "vastgesteld") == 0 ||
	            strcmp(status, "herzien") == 0;
	int sent_back = strcmp(status, "concept") == 0 && rng_chance(r, 20);
	if (!fixed && !sent_back)
		return;
	section(y, 4, "reviews");
	long day = session_day + rng_range(r, 1, 7);
	if (sent_back || rng_chance(r, 25)) {
		gen_review(h, y, day, "terug", sr);
		day += rng_range(r, 1, 7);
	}
	if (fixed)
		gen_review(h, y, day, "akkoord", sr);
}

/* The latest possible session date, so nothing lies after "today". */
#define LAST_SESSION_DAY  days_from_civil(2026, 11, 20)
#define FIRST_SESSION_DAY days_from_civil(2026, 3, 2)

static void gen_session(struct household *h, struct strbuf *y,
                        struct strbuf *t, int version, const char *status,
                        long day, int nstatements)
{
	struct rng *r = &h->rng;
	struct session_refs sr;
	memset(&sr, 0, sizeof sr);
	char id[UUID_STR_LEN];
	rng_uuid(r, id);

	item(y, 2, "id", id);
	kv_int(y, 4, "version", version);
	kv(y, 4, "date", date_of(day).iso);
	kv(y, 4, "status", status);
	kv(y, 4, "evaluation", date_of(day + 7L * rng_range(r, 6, 20)).iso);
	gen_participants(h, y);
	gen_statements(h, y, t, day, nstatements, &sr);
	gen_top3(h, y, t, &sr);
	gen_analysis(h, y, t, &sr);
	gen_plan(h, y, t, day, &sr);
	gen_reviews(h, y, status, day, &sr);
}

static const char *const latest_status[] = {
	"concept", "ter-review", "vastgesteld", "vastgesteld",
};

/* Household number index as duo-case/1 text in y; its id in id_out and
 * its statement count in *nstatements. */
static void gen_case(long index, struct strbuf *y, struct strbuf *t,
                     char id_out[UUID_STR_LEN], int *nstatements)
{
	struct household h;
	make_household(&h, index);
	struct rng *r = &h.rng;
	sb_reset(y);
	gen_household_part(&h, y);

	int total = STATEMENTS_MIN + rng_below(r, STATEMENTS_SPREAD);
	int two = rng_chance(r, TWO_SESSIONS_PERCENT);
	long span = LAST_SESSION_DAY - FIRST_SESSION_DAY;
	long gap = two ? 7L * rng_range(r, 6, 14) : 0;
	long first_day = FIRST_SESSION_DAY + rng_below(r, (int)(span - gap + 1));

	section(y, 0, "sessions");
	if (two) {
		int first_n = rng_range(r, total / 2 - 3, total / 2);
		gen_session(&h, y, t, 1, "herzien", first_day, first_n);
		gen_session(&h, y, t, 2, PICK(r, latest_status), first_day + gap,
		            total - first_n);
	} else {
		gen_session(&h, y, t, 1, PICK(r, latest_status), first_day, total);
	}
	memcpy(id_out, h.id, UUID_STR_LEN);
	*nstatements = total;
}

/* ---- Timing, statistics and file helpers ------------------------------ */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

static void remove_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < NELEM(suffixes); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		if (unlink(p) != 0 && errno != ENOENT)
			fprintf(stderr, "bench: %s: %s\n", p, strerror(errno));
		free(p);
	}
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss; /* kB on Linux */
}

static void report(const char *name, double value, int decimals,
                   const char *unit)
{
	printf("BENCH %s %.*f %s\n", name, decimals, value, unit);
	fflush(stdout);
}

/* ---- Import ----------------------------------------------------------- */

struct import_result {
	char (*ids)[UUID_STR_LEN];   /* BENCH_HOUSEHOLDS ids, in import order */
	long generated_statements;
	long stored;                 /* households committed */
	double total_ms;             /* the whole loop: generate + import */
	double generate_ms;          /* in bench_next, on the loader thread */
	size_t yaml_bytes;
	struct case_import_stats st;
};

/* Keep the YAML of a household that failed, next to the database. */
static void keep_failed_yaml(const char *db, const struct strbuf *y)
{
	char *path = xasprintf("%s.failed.yaml", db);
	FILE *f = fopen(path, "w");
	if (f) {
		fwrite(y->s, 1, y->len, f);
		fclose(f);
		fprintf(stderr, "bench: de YAML staat in %s\n", path);
	}
	free(path);
}

/* The households, made one at a time as case_import_files asks for them.
 * bench_next runs on the import's loader thread and bench_done on this
 * one, at the same time: they share only failed. */
struct bench_source {
	struct import_result *res;
	const char *db;
	struct strbuf y, t;
	char name[64];
	long next;                   /* the index of the next household */
	atomic_int failed;           /* one failed: make no more */
};

static int bench_next(void *arg, struct case_input *in)
{
	struct bench_source *b = arg;
	int nst;

	if (atomic_load(&b->failed) || b->next >= BENCH_HOUSEHOLDS)
		return 1;
	double t0 = now_ms();
	gen_case(b->next, &b->y, &b->t, b->res->ids[b->next], &nst);
	b->res->generate_ms += now_ms() - t0;
	snprintf(b->name, sizeof b->name, "bench-%05ld.yaml", b->next + 1);
	b->res->generated_statements += nst;
	b->res->yaml_bytes += b->y.len;
	b->next++;
	in->name = b->name;
	in->buf = b->y.s;
	in->len = b->y.len;
	return 0;
}

/* Called in household order, after each batch is committed. */
static void bench_done(void *arg, const struct case_result *r)
{
	struct bench_source *b = arg;

	if (!r->stored) {
		fprintf(stderr, "bench: import van huishouden %zu (%s) "
		        "mislukt:\n", r->index + 1, r->name);
		diags_print(stderr, r->why);
		if (!atomic_exchange(&b->failed, 1)) {
			/* made again: the buffer was reused meanwhile */
			struct strbuf y = {0}, t = {0};
			char id[UUID_STR_LEN];
			int nst;

			gen_case((long)r->index, &y, &t, id, &nst);
			keep_failed_yaml(b->db, &y);
			sb_free(&y);
			sb_free(&t);
		}
		return;
	}
	if (strcmp(r->id, b->res->ids[r->index]) != 0)
		fprintf(stderr, "bench: %s: id %s werd %s\n", r->name,
		        b->res->ids[r->index], r->id);
	b->res->stored++;
	if (b->res->stored % PROGRESS_EVERY == 0)
		fprintf(stderr, "bench: %ld/%d huishoudens…\n",
		        b->res->stored, BENCH_HOUSEHOLDS);
}

/* Import every household the way `duo import` does: case_import_files,
 * in its batches. */
static int import_all(struct store *st, const struct formset *fs,
                      const char *db, struct import_result *res)
{
	struct bench_source src;
	struct case_import_io io = { bench_next, bench_done, &src };

	memset(&src, 0, sizeof src);
	atomic_init(&src.failed, 0);
	src.res = res;
	src.db = db;
	double loop_start = now_ms();
	long failed = case_import_files_stats(st, fs, 0, &io, &res->st);
	res->total_ms = now_ms() - loop_start;
	sb_free(&src.y);
	sb_free(&src.t);
	return failed || res->stored != BENCH_HOUSEHOLDS ? -1 : 0;
}

/* ---- List and export -------------------------------------------------- */

#define LIST_LINE_MAX 512

/* What `duo list` does with each row: format it into a line. */
struct list_sink {
	char line[LIST_LINE_MAX];
	long rows;
	size_t bytes;
};

static int list_cb(const struct store_list_row *row, void *arg)
{
	struct list_sink *k = arg;
	int n = snprintf(k->line, sizeof k->line,
	                 "%.8s  %-32s  v%-3d %-11s %-10s  %-10s\n", row->id,
	                 row->name, row->version,
	                 row->status ? row->status : "-",
	                 row->date ? row->date : "-",
	                 row->evaluation ? row->evaluation : "-");
	k->rows++;
	k->bytes += n > 0 ? (size_t)n : 0;
	return 0;
}

/* One full walk; returns its time in ms, or -1 on error. *rows is set. */
static double time_list(struct store *st, const struct store_list_filter *flt,
                        long *rows)
{
	struct list_sink sink;
	struct diags d = {0};
	memset(&sink, 0, sizeof sink);
	double t0 = now_ms();
	int rc = store_list(st, flt, list_cb, &sink, &d);
	double ms = now_ms() - t0;
	if (rc != 0) {
		diags_print(stderr, &d);
		ms = -1;
	}
	diags_free(&d);
	*rows = sink.rows;
	return ms;
}

static double time_export(struct store *st, const struct formset *fs,
                          const char *id, FILE *devnull)
{
	struct diags d = {0};
	double t0 = now_ms();
	int rc = case_export_yaml(st, fs, id, devnull, "/dev/null", 0, &d);
	fflush(devnull);
	double ms = now_ms() - t0;
	if (rc != 0) {
		fprintf(stderr, "bench: export van %s mislukt:\n", id);
		diags_print(stderr, &d);
		ms = -1;
	}
	diags_free(&d);
	return ms;
}

/* The households to export: spread evenly over the import order. */
static void pick_export_ids(const struct import_result *res,
                            char out[EXPORT_RUNS][UUID_STR_LEN])
{
	for (int i = 0; i < EXPORT_RUNS; i++) {
		long k = (long)i * BENCH_HOUSEHOLDS / EXPORT_RUNS +
		         BENCH_HOUSEHOLDS / (2 * EXPORT_RUNS);
		memcpy(out[i], res->ids[k], UUID_STR_LEN);
	}
}

/* ---- The memory child ------------------------------------------------- */

/* Sent to the child when the database is ready. */
struct rss_job {
	char ids[EXPORT_RUNS][UUID_STR_LEN];
};

/* Sent back by the child. */
struct rss_result {
	int ok;
	long rss_kb;
	long rows;
};

struct rss_child {
	pid_t pid;
	int job_fd;      /* write end */
	int result_fd;   /* read end */
};

static int read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n > 0) {
		ssize_t k = read(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* In the child: what `duo list` and `duo export` would do, in one fresh
 * process, then its peak memory. */
static struct rss_result rss_measure(const char *db, const char *forms,
                                     const struct rss_job *job)
{
	struct rss_result res = {0, 0, 0};
	struct formset fs;
	struct diags d = {0};
	memset(&fs, 0, sizeof fs);
	if (formset_load(&fs, forms, &d) != 0) {
		diags_print(stderr, &d);
		goto out;
	}
	struct store *st = store_open(db, BENCH_USER, &d);
	if (!st) {
		diags_print(stderr, &d);
		goto out;
	}
	FILE *devnull = fopen("/dev/null", "w");
	res.ok = devnull != NULL && time_list(st, NULL, &res.rows) >= 0;
	for (int i = 0; res.ok && i < EXPORT_RUNS; i++)
		res.ok = time_export(st, &fs, job->ids[i], devnull) >= 0;
	if (devnull)
		fclose(devnull);
	store_close(st);
	res.rss_kb = peak_rss_kb();
out:
	formset_free(&fs);
	diags_free(&d);
	return res;
}

/* Fork the child now, while this process is still small. */
static int rss_child_start(struct rss_child *c, const char *db,
                           const char *forms)
{
	int job[2], result[2];
	if (pipe(job) != 0)
		return -1;
	if (pipe(result) != 0) {
		close(job[0]);
		close(job[1]);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		close(job[1]);
		close(result[0]);
		struct rss_job j;
		if (read_full(job[0], &j, sizeof j) != 0)
			_exit(0); /* the parent gave up */
		struct rss_result r = rss_measure(db, forms, &j);
		_exit(write_full(result[1], &r, sizeof r) == 0 ? 0 : 1);
	}
	close(job[0]);
	close(result[1]);
	c->job_fd = job[1];
	c->result_fd = result[0];
	return 0;
}

static int rss_child_run(struct rss_child *c, const struct rss_job *job,
                         struct rss_result *out)
{
	int rc = write_full(c->job_fd, job, sizeof *job);
	close(c->job_fd);
	if (rc == 0)
		rc = read_full(c->result_fd, out, sizeof *out);
	close(c->result_fd);
	waitpid(c->pid, NULL, 0);
	c->pid = -1;
	return rc == 0 && out->ok ? 0 : -1;
}

/* ---- Measurements ----------------------------------------------------- */

struct figures {
	double import_per_s;
	double list_ms;
	double export_ms;
	double search_ms;
	double overview_ms;
	long rss_kb;
};

static int measure_open(const char *db)
{
	double v[OPEN_RUNS];
	for (int i = 0; i < OPEN_RUNS; i++) {
		struct diags d = {0};
		double t0 = now_ms();
		struct store *st = store_open(db, BENCH_USER, &d);
		if (st)
			store_close(st);
		v[i] = now_ms() - t0;
		if (!st) {
			diags_print(stderr, &d);
			diags_free(&d);
			return -1;
		}
		diags_free(&d);
	}
	report("open_ms", median(v, OPEN_RUNS), 2, "ms");
	return 0;
}

/* The full list, and the list team leads ask for: evaluations overdue. */
static int measure_list(struct store *st, struct figures *fig)
{
	double v[LIST_RUNS];
	long rows = 0;
	for (int i = 0; i < LIST_RUNS; i++) {
		v[i] = time_list(st, NULL, &rows);
		if (v[i] < 0)
			return -1;
	}
	if (rows != BENCH_HOUSEHOLDS) {
		fprintf(stderr, "bench: store_list gaf %ld huishoudens, verwacht "
		        "%d\n", rows, BENCH_HOUSEHOLDS);
		return -1;
	}
	fig->list_ms = median(v, LIST_RUNS);
	report("list_ms", fig->list_ms, 2, "ms");

	struct store_list_filter overdue;
	memset(&overdue, 0, sizeof overdue);
	overdue.overdue_on = BENCH_TODAY;
	for (int i = 0; i < LIST_RUNS; i++) {
		v[i] = time_list(st, &overdue, &rows);
		if (v[i] < 0)
			return -1;
	}
	report("list_overdue_ms", median(v, LIST_RUNS), 2, "ms");
	report("list_overdue_rows", (double)rows, 0, "households");
	return 0;
}

/* The plain-language check of one household as `duo export --check`
 * does it: read the case from the store, filter its latest session for
 * the household (audience.h, with the search for copied confidential
 * text) and check that. A household the filter refuses is counted, as in
 * measure_summary; its time counts too. The word list is loaded once,
 * outside the timing. */
static int measure_check(struct store *st, const struct formset *fs,
                         char ids[EXPORT_RUNS][UUID_STR_LEN])
{
	const char *data = getenv("DUO_DATA");
	char *path = xasprintf("%s/jargon.yaml", data && *data ? data : "data");
	double v[EXPORT_RUNS];
	struct jargon j;
	struct diags d = {0};
	size_t findings = 0, sentences = 0, checked = 0;
	int refused = 0, rc = jargon_load_file(&j, path, &d);

	free(path);
	if (rc != 0) {
		diags_print(stderr, &d);
		diags_free(&d);
		return -1;
	}
	for (int i = 0; i < EXPORT_RUNS; i++) {
		struct pt_report r = {0};
		double t0 = now_ms();
		struct doc_node *doc = store_export_case(st, fs, ids[i], &d);

		rc = doc ? pt_check_household(&r, &j, fs, doc, 0, &d) : -1;
		v[i] = now_ms() - t0;
		if (rc > 0) {
			findings += r.n;
			sentences += r.sentences;
			checked++;
		} else if (doc) {
			refused++;
		}
		pt_report_free(&r);
		if (!doc) {
			diags_print(stderr, &d);
			diags_free(&d);
			jargon_free(&j);
			return -1;
		}
		doc_free(doc);
		diags_clear(&d);
	}
	jargon_free(&j);
	diags_free(&d);
	report("check_ms", median(v, EXPORT_RUNS), 2, "ms");
	report("check_refused", refused, 0, "households");
	report("check_sentences_per_household",
	       checked ? (double)sentences / (double)checked : 0, 1, "sentences");
	report("check_findings_per_household",
	       checked ? (double)findings / (double)checked : 0, 1, "findings");
	return 0;
}

static int measure_export(struct store *st, const struct formset *fs,
                          char ids[EXPORT_RUNS][UUID_STR_LEN],
                          struct figures *fig)
{
	double v[EXPORT_RUNS];
	FILE *devnull = fopen("/dev/null", "w");
	if (!devnull) {
		perror("bench: /dev/null");
		return -1;
	}
	for (int i = 0; i < EXPORT_RUNS; i++) {
		v[i] = time_export(st, fs, ids[i], devnull);
		if (v[i] < 0) {
			fclose(devnull);
			return -1;
		}
	}
	fclose(devnull);
	fig->export_ms = median(v, EXPORT_RUNS);
	report("export_yaml_ms", fig->export_ms, 2, "ms");
	return 0;
}

/*
 * A save from the screens (store_save_case) of a whole household, loaded
 * and saved unchanged: every row written again, and every version that is
 * handed in or fixed compared before and after (the store's guard), which
 * is what a save of a household with a long history costs.
 */
static int measure_save(struct store *st, const struct formset *fs,
                        char ids[EXPORT_RUNS][UUID_STR_LEN])
{
	double v[EXPORT_RUNS];
	for (int i = 0; i < EXPORT_RUNS; i++) {
		struct diags d = {0};
		long rev = 0;
		struct doc_node *doc = store_load_case(st, fs, ids[i], &rev, &d);
		double t0 = now_ms();
		int rc = doc ? store_save_case(st, doc, rev, NULL, NULL, 0, &d)
		             : -1;
		v[i] = now_ms() - t0;
		doc_free(doc);
		if (rc != 0) {
			fprintf(stderr, "bench: opslaan van %s mislukt:\n", ids[i]);
			diags_print(stderr, &d);
			diags_free(&d);
			return -1;
		}
		diags_free(&d);
	}
	report("save_household_ms", median(v, EXPORT_RUNS), 2, "ms");
	return 0;
}

/*
 * The household's summary of the same households: read from the store,
 * filtered (audience.h, with its search for copied confidential text),
 * built and written as HTML, the largest format. A household whose
 * generated text repeats a confidential sentence in a shown field is
 * refused, as duo would; that takes the whole search too, so it is timed
 * as well and counted.
 */
static int measure_summary(struct store *st, const struct formset *fs,
                           char ids[EXPORT_RUNS][UUID_STR_LEN])
{
	const char *data = getenv("DUO_DATA");
	struct summary_render_opts o = {72};
	struct diags d = {0};
	struct summary_texts *tx = summary_texts_load(data && *data ? data
	                                                            : "data", &d);
	double v[EXPORT_RUNS];
	int refused = 0;
	FILE *devnull = fopen("/dev/null", "w");

	if (!tx || !devnull) {
		diags_print(stderr, &d);
		diags_free(&d);
		summary_texts_free(tx);
		if (devnull)
			fclose(devnull);
		return -1;
	}
	for (int i = 0; i < EXPORT_RUNS; i++) {
		double t0 = now_ms();
		struct doc_node *kase = store_export_case(st, fs, ids[i], &d);
		struct summary *s = kase ? summary_build(kase, fs, tx, 0, &d) : NULL;

		if (s)
			summary_render_html(devnull, s, &o, &d);
		else if (kase)
			refused++;
		v[i] = now_ms() - t0;
		summary_free(s);
		doc_free(kase);
		diags_clear(&d);
	}
	fclose(devnull);
	summary_texts_free(tx);
	diags_free(&d);
	report("summary_html_ms", median(v, EXPORT_RUNS), 2, "ms");
	report("summary_refused", refused, 0, "households");
	return 0;
}

/*
 * Typical searches: a name, a word of the notes, two words, a word with a
 * letter folded (ı), a word as it is being typed, a word of a source. Each
 * is run SEARCH_RUNS times and its median taken; search_ms is the median
 * of those, search_max_ms the slowest. search_prefix2_ms is the worst
 * case of typing: two letters, a prefix of many words.
 */
static const char *const typical_searches[] = {
	"yilmaz", "huisarts", "sem school", "blauwe plek", "schuld",
	"joelle", "verhuurder", "baris", "leerplicht", "energierekening",
};

static double time_search(struct store *st, const struct formset *fs,
                          const char *query, size_t *hits)
{
	double v[SEARCH_RUNS];
	for (int i = 0; i < SEARCH_RUNS; i++) {
		struct search_results r;
		struct diags d = {0};
		double t0 = now_ms();
		int rc = search_run(st, fs, query, NULL, &r, &d);
		v[i] = now_ms() - t0;
		*hits = r.n;
		search_results_free(&r);
		if (rc != 0) {
			fprintf(stderr, "bench: zoeken naar '%s' mislukt:\n", query);
			diags_print(stderr, &d);
			diags_free(&d);
			return -1;
		}
		diags_free(&d);
	}
	return median(v, SEARCH_RUNS);
}

static int measure_search(struct store *st, const struct formset *fs,
                          struct figures *fig)
{
	double v[NELEM(typical_searches)], worst = 0;
	size_t hits = 0, total = 0;
	for (size_t i = 0; i < NELEM(typical_searches); i++) {
		v[i] = time_search(st, fs, typical_searches[i], &hits);
		if (v[i] < 0)
			return -1;
		if (hits == 0) {
			fprintf(stderr, "bench: '%s' vond niets\n",
			        typical_searches[i]);
			return -1;
		}
		total += hits;
		if (v[i] > worst)
			worst = v[i];
	}
	fig->search_ms = median(v, NELEM(typical_searches));
	report("search_ms", fig->search_ms, 2, "ms");
	report("search_max_ms", worst, 2, "ms");
	report("search_hits", (double)total, 0, "hits");
	double p = time_search(st, fs, "sc", &hits);
	if (p < 0)
		return -1;
	report("search_prefix2_ms", p, 2, "ms");
	return 0;
}

static int measure_overview(struct store *st, struct figures *fig)
{
	double v[OVERVIEW_RUNS];
	size_t rows = 0;
	for (int i = 0; i < OVERVIEW_RUNS; i++) {
		struct overview o;
		struct diags d = {0};
		double t0 = now_ms();
		int rc = overview_load(st, BENCH_TODAY, QUIET_DAYS, &o, &d);
		v[i] = now_ms() - t0;
		rows = o.review.n + o.overdue.n + o.quiet.n;
		overview_free(&o);
		if (rc != 0) {
			diags_print(stderr, &d);
			diags_free(&d);
			return -1;
		}
		diags_free(&d);
	}
	fig->overview_ms = median(v, OVERVIEW_RUNS);
	report("overview_ms", fig->overview_ms, 2, "ms");
	report("overview_rows", (double)rows, 0, "households");
	return 0;
}

static void report_import(const struct import_result *res,
                          const struct store_counts *c, struct figures *fig)
{
	fig->import_per_s = BENCH_HOUSEHOLDS / (res->total_ms / 1e3);
	report("import_households", BENCH_HOUSEHOLDS, 0, "households");
	report("import_households_per_s", fig->import_per_s, 0, "households/s");
	report("import_total_s", res->total_ms / 1e3, 1, "s");
	report("generate_ms", res->generate_ms, 0, "ms");
	report("import_threads", res->st.threads, 0, "threads");
	report("import_load_ms", res->st.load_ms, 0, "ms");
	report("import_store_ms", res->st.store_ms, 0, "ms");
	report("import_store_wait_ms", res->st.wait_ms, 0, "ms");
	report("import_load_cpu_ms", res->st.load_cpu_ms, 0, "ms");
	report("import_store_cpu_ms", res->st.store_cpu_ms, 0, "ms");
	report("import_batches", (double)res->st.batches, 0, "batches");
	report("import_transactions", (double)res->st.transactions, 0,
	       "transactions");
	report("import_lock_max_ms", res->st.hold_max_ms, 1, "ms");
	report("import_lock_gap_min_ms", res->st.gap_min_ms, 1, "ms");
	report("import_yaml_bytes", (double)res->yaml_bytes, 0, "bytes");
	report("import_statements", (double)c->statements, 0, "statements");
	report("import_sessions", (double)c->sessions, 0, "sessions");
	report("import_members", (double)c->members, 0, "members");
	report("import_top3", (double)c->top3, 0, "items");
	report("import_plan", (double)c->plan, 0, "items");
	report("peak_rss_import_kb", (double)peak_rss_kb(), 0, "kB");
}

/* The pages of the search index (its FTS5 shadow tables), read with the
 * dbstat table of the sqlite3 shell's build; -1 when it has none. Only a
 * measurement: duo itself leaves SQL to the store. */
static long search_index_bytes(const char *db)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long bytes = -1;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT sum(pgsize) FROM dbstat"
	                       " WHERE name LIKE 'search%'", -1, &st,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		bytes = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return bytes;
}

static void report_size(const char *db)
{
	char *wal = xasprintf("%s-wal", db);
	long main_bytes = file_size(db), wal_bytes = file_size(wal);
	long index_bytes = search_index_bytes(db);
	report("db_bytes", (double)main_bytes, 0, "bytes");
	report("db_wal_bytes", (double)wal_bytes, 0, "bytes");
	report("db_total_bytes", (double)(main_bytes + wal_bytes), 0, "bytes");
	if (index_bytes >= 0)
		report("search_index_bytes", (double)index_bytes, 0, "bytes");
	free(wal);
}

static int summary_line(const char *what, double got, int decimals,
                        const char *unit, const char *cmp, double target,
                        int met)
{
	fprintf(stderr, "  %-7s %9.*f %-14s doel %-2s %6.0f %-14s %s\n", what,
	        decimals, got, unit, cmp, target, unit, met ? "ok" : "MISSED");
	return met ? 0 : 1;
}

static void summary(const struct figures *f)
{
	int missed = 0;
	fprintf(stderr, "bench: gemeten tegen de doelen\n");
	missed += summary_line("import", f->import_per_s, 0, "huishoudens/s",
	                       ">=", TARGET_IMPORT_PER_S,
	                       f->import_per_s >= TARGET_IMPORT_PER_S);
	missed += summary_line("list", f->list_ms, 2, "ms", "<", TARGET_LIST_MS,
	                       f->list_ms < TARGET_LIST_MS);
	missed += summary_line("export", f->export_ms, 2, "ms", "<",
	                       TARGET_EXPORT_MS, f->export_ms < TARGET_EXPORT_MS);
	missed += summary_line("search", f->search_ms, 2, "ms", "<",
	                       TARGET_SEARCH_MS, f->search_ms < TARGET_SEARCH_MS);
	missed += summary_line("overv.", f->overview_ms, 2, "ms", "<",
	                       TARGET_OVERVIEW_MS,
	                       f->overview_ms < TARGET_OVERVIEW_MS);
	missed += summary_line("RSS", (double)f->rss_kb, 0, "kB", "<",
	                       (double)TARGET_RSS_KB, f->rss_kb < TARGET_RSS_KB);
	if (missed)
		fprintf(stderr, "bench: %d doel(en) MISSED\n", missed);
	else
		fprintf(stderr, "bench: alle doelen gehaald\n");
}

/* ---- main ------------------------------------------------------------- */

static int run(const char *db, const char *forms, struct rss_child *child)
{
	struct formset fs;
	struct diags d = {0};
	struct figures fig;
	struct import_result res;
	struct store_counts counts;
	char export_ids[EXPORT_RUNS][UUID_STR_LEN];
	struct store *st = NULL;
	int rc = -1;

	memset(&fs, 0, sizeof fs);
	memset(&fig, 0, sizeof fig);
	memset(&res, 0, sizeof res);
	if (formset_load(&fs, forms, &d) != 0) {
		fprintf(stderr, "bench: formulieren in %s:\n", forms);
		goto out;
	}
	remove_db(db);
	if (!(st = store_open(db, BENCH_USER, &d)))
		goto out;
	res.ids = xcalloc(BENCH_HOUSEHOLDS, sizeof res.ids[0]);
	fprintf(stderr, "bench: %d huishoudens maken en importeren in %s\n",
	        BENCH_HOUSEHOLDS, db);
	if (import_all(st, &fs, db, &res) != 0)
		goto out;
	if (store_counts(st, &counts, &d) != 0)
		goto out;
	report_import(&res, &counts, &fig);
	store_close(st);
	st = NULL;
	report_size(db);

	if (measure_open(db) != 0)
		goto out;
	if (!(st = store_open(db, BENCH_USER, &d)))
		goto out;
	pick_export_ids(&res, export_ids);
	if (measure_list(st, &fig) != 0 ||
	    measure_export(st, &fs, export_ids, &fig) != 0 ||
	    measure_save(st, &fs, export_ids) != 0 ||
	    measure_summary(st, &fs, export_ids) != 0 ||
	    measure_search(st, &fs, &fig) != 0 ||
	    measure_overview(st, &fig) != 0 ||
	    measure_check(st, &fs, export_ids) != 0)
		goto out;
	store_close(st);
	st = NULL;

	struct rss_job job;
	struct rss_result rr;
	memcpy(job.ids, export_ids, sizeof job.ids);
	if (rss_child_run(child, &job, &rr) != 0) {
		fprintf(stderr, "bench: het meetproces voor geheugen faalde\n");
		goto out;
	}
	fig.rss_kb = rr.rss_kb;
	report("peak_rss_kb", (double)rr.rss_kb, 0, "kB");
	summary(&fig);
	rc = 0;
out:
	diags_print(stderr, &d);
	if (st)
		store_close(st);
	free(res.ids);
	formset_free(&fs);
	diags_free(&d);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "gebruik: %s DATABASE\n", argv[0]);
		return 2;
	}
	const char *db = argv[1];
	const char *forms = getenv("DUO_FORMS");
	if (!forms || !*forms)
		forms = "forms";

	struct rss_child child;
	if (rss_child_start(&child, db, forms) != 0) {
		perror("bench: fork");
		return 1;
	}
	int rc = run(db, forms, &child);
	if (child.pid > 0) {
		/* Closing the job pipe tells the waiting child to stop. */
		close(child.job_fd);
		close(child.result_fd);
		waitpid(child.pid, NULL, 0);
	}
	return rc == 0 ? 0 : 1;
}
