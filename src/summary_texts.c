/*
 * summary_texts.c - the wording of the household summary and the team
 * data, loaded from data/summary/nl.yaml and data/team.yaml (summary.h).
 *
 * Which texts exist, and which {placeholders} each may use, is the table
 * specs[] below: the one place where C and nl.yaml meet. The loader checks
 * the files against it and reports every problem at once as
 * file:line:col, so a wording change that breaks something is caught
 * before a household sees it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "summary_impl.h"

#define MONTHS 12

/* One fixed text: its group and key in nl.yaml and the placeholders it
 * may use (space-separated). */
struct spec {
	const char *group;
	const char *key;
	const char *vars;
};

static const struct spec specs[] = {
	{"headings", "title", "huishouden"},
	{"headings", "participants", ""},
	{"headings", "concerns", ""},
	{"headings", "concern", "nummer titel"},
	{"headings", "strengths", ""},
	{"headings", "explanations", ""},
	{"headings", "plan", ""},
	{"headings", "plan_concern", "nummer titel"},
	{"headings", "plan_general", ""},
	{"headings", "conditions", ""},
	{"headings", "evaluation", ""},
	{"headings", "disagree", ""},
	{"headings", "contacts", ""},
	{"labels", "what", ""},
	{"labels", "impact_children", ""},
	{"labels", "impact_others", ""},
	{"labels", "view", ""},
	{"labels", "agreement", ""},
	{"labels", "scores", ""},
	{"labels", "urgent", ""},
	{"labels", "explains", ""},
	{"labels", "factors", ""},
	{"labels", "own_explanation", ""},
	{"labels", "status", ""},
	{"labels", "kind", ""},
	{"labels", "who", ""},
	{"labels", "due", ""},
	{"labels", "consequence", ""},
	{"labels", "done", ""},
	{"labels", "then", ""},
	{"sentences", "intro", "datum"},
	{"sentences", "intro_update", "versie"},
	{"sentences", "participants_intro", "datum"},
	{"sentences", "participant_org", "naam organisatie"},
	{"sentences", "no_participants", ""},
	{"sentences", "concerns_intro", ""},
	{"sentences", "scores_intro", ""},
	{"sentences", "score", "naam cijfer"},
	{"sentences", "we", ""},
	{"sentences", "no_view", ""},
	{"sentences", "urgent", ""},
	{"sentences", "no_concerns", ""},
	{"sentences", "strengths_intro", ""},
	{"sentences", "no_strengths", ""},
	{"sentences", "explanations_intro", ""},
	{"sentences", "no_own_explanation", ""},
	{"sentences", "no_explanations", ""},
	{"sentences", "plan_intro", ""},
	{"sentences", "due", "datum"},
	{"sentences", "done", ""},
	{"sentences", "no_plan", ""},
	{"sentences", "conditions_intro", ""},
	{"sentences", "no_conditions", ""},
	{"sentences", "no_consequence", ""},
	{"sentences", "evaluation", "datum"},
	{"sentences", "evaluation_call", ""},
	{"sentences", "no_evaluation", ""},
	{"sentences", "disagree_intro", ""},
	{"sentences", "disagree_team_lead", "naam team telefoon"},
	{"sentences", "complaint_intro", ""},
	{"sentences", "complaint_contact", "telefoon email"},
	{"sentences", "support", "naam telefoon"},
	{"sentences", "contacts_intro", ""},
	{"sentences", "contact_person", "naam organisatie"},
	{"sentences", "contact_team", "team telefoon tijden"},
	{"sentences", "contact_email", "email"},
	{"sentences", "emergency", ""},
	{"sentences", "closing", ""},
};
#define NSPECS (sizeof specs / sizeof *specs)

static const char *const groups[] = {"headings", "labels", "sentences"};

struct summary_texts {
	struct doc_node *lang;          /* nl.yaml, owned */
	struct doc_node *teamdoc;       /* team.yaml, owned */
	char *lang_file, *team_file;
	const char *text[NSPECS];       /* borrowed from lang */
	const char *months[MONTHS];
	const struct doc_node *protective;
	const struct doc_node *values;
	struct stx_team *teams;
	size_t nteams;
	const char **all;               /* summary_texts_all */
	size_t nall;
};

/* ---- checking --------------------------------------------------------- */

struct ld {
	const char *file;
	struct diags *d;
	int problems;
};

static void problem(struct ld *L, const struct doc_node *n, const char *fmt,
                    ...) DUO_PRINTF(3, 4);
static void problem(struct ld *L, const struct doc_node *n, const char *fmt,
                    ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(L->d, L->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	L->problems++;
}

static void problem_at(struct ld *L, const struct doc_pair *p,
                       const char *fmt, ...) DUO_PRINTF(3, 4);
static void problem_at(struct ld *L, const struct doc_pair *p,
                       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(L->d, L->file, p->line, p->col, fmt, ap);
	va_end(ap);
	L->problems++;
}

/* 1 if word (n bytes) is one of the space-separated names in list. */
static int in_words(const char *list, const char *word, size_t n)
{
	const char *p = list;

	while (*p) {
		size_t k = strcspn(p, " ");

		if (k == n && strncmp(p, word, n) == 0)
			return 1;
		p += k;
		p += strspn(p, " ");
	}
	return 0;
}

/* Report every {placeholder} of text that vars does not allow. */
static void check_placeholders(struct ld *L, const struct doc_node *n,
                               const char *key, const char *vars)
{
	for (const char *p = strchr(n->text, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');

		if (!end) {
			problem(L, n, "'%s': een { zonder } (een invulplek is "
			        "{naam})", key);
			return;
		}
		if (!in_words(vars, p + 1, (size_t)(end - p - 1))) {
			if (*vars)
				problem(L, n, "'%s' mag {%.*s} niet gebruiken (wel: {%s})",
				        key, (int)(end - p - 1), p + 1, vars);
			else
				problem(L, n, "'%s' mag {%.*s} niet gebruiken (hier kan "
				        "geen invulplek)", key, (int)(end - p - 1), p + 1);
		}
	}
}

/* A non-empty scalar, or NULL after a problem. */
static const char *want_text(struct ld *L, const struct doc_node *n,
                             const char *key)
{
	if (n->type != DOC_SCALAR) {
		problem(L, n, "'%s' verwacht tekst", key);
		return NULL;
	}
	if (doc_is_null(n) || !*n->text) {
		problem(L, n, "'%s' is leeg", key);
		return NULL;
	}
	return n->text;
}

static const struct spec *spec_get(const char *group, const char *key,
                                   size_t *index)
{
	for (size_t i = 0; i < NSPECS; i++)
		if (str_eq(specs[i].group, group) && str_eq(specs[i].key, key)) {
			if (index)
				*index = i;
			return &specs[i];
		}
	return NULL;
}

static void add_all(struct summary_texts *tx, const char *s, size_t *cap)
{
	xgrow(&tx->all, cap, tx->nall + 1, sizeof *tx->all);
	tx->all[tx->nall++] = s;
}

/* headings, labels or sentences: every key of the table, no other. */
static void load_group(struct ld *L, struct summary_texts *tx,
                       const char *group, const struct doc_node *map,
                       const struct doc_pair *at, size_t *allcap)
{
	if (!map || map->type != DOC_MAP) {
		problem_at(L, at, "'%s' verwacht een mapping van naam naar tekst",
		           group);
		return;
	}
	for (size_t i = 0; i < map->len; i++) {
		const struct doc_pair *p = &map->pair[i];
		const struct spec *s;
		const char *text;
		size_t k;

		if (!(s = spec_get(group, p->key, &k))) {
			problem_at(L, p, "onbekende tekst '%s' in %s", p->key, group);
			continue;
		}
		if (!(text = want_text(L, p->value, p->key)))
			continue;
		check_placeholders(L, p->value, p->key, s->vars);
		tx->text[k] = text;
		add_all(tx, text, allcap);
	}
	{
		struct strbuf missing = {0};
		size_t n = 0;

		for (size_t i = 0; i < NSPECS; i++)
			if (str_eq(specs[i].group, group) &&
			    !doc_map_get(map, specs[i].key)) {
				sb_addf(&missing, "%s'%s'", n++ ? ", " : "", specs[i].key);
			}
		if (n)
			problem_at(L, at, "%s mist %s %s", group,
			           n == 1 ? "de tekst" : "de teksten", missing.s);
		sb_free(&missing);
	}
}

static void load_months(struct ld *L, struct summary_texts *tx,
                        const struct doc_pair *p)
{
	const struct doc_node *v = p->value;

	if (v->type != DOC_SEQ || v->len != MONTHS) {
		problem_at(L, p, "months verwacht een lijst van %d maanden", MONTHS);
		return;
	}
	for (size_t i = 0; i < MONTHS; i++)
		tx->months[i] = want_text(L, v->item[i], "months");
}

static void load_values(struct ld *L, struct summary_texts *tx,
                        const struct doc_pair *p, size_t *allcap)
{
	const struct doc_node *v = p->value;

	if (v->type != DOC_MAP) {
		problem_at(L, p, "values verwacht per veld een mapping van keuze "
		           "naar tekst");
		return;
	}
	for (size_t i = 0; i < v->len; i++) {
		const struct doc_node *m = v->pair[i].value;

		if (m->type != DOC_MAP) {
			problem_at(L, &v->pair[i], "values.%s verwacht een mapping van "
			           "keuze naar tekst", v->pair[i].key);
			continue;
		}
		for (size_t j = 0; j < m->len; j++) {
			const char *text = want_text(L, m->pair[j].value,
			                             m->pair[j].key);

			if (!text)
				continue;
			check_placeholders(L, m->pair[j].value, m->pair[j].key, "");
			add_all(tx, text, allcap);
		}
	}
	tx->values = v;
}

static void load_lang(struct ld *L, struct summary_texts *tx)
{
	const struct doc_node *root = tx->lang;
	size_t allcap = 0;
	int seen_groups = 0;

	if (root->type != DOC_MAP) {
		problem(L, root, "verwacht een mapping met months, protective, "
		        "headings, labels, sentences en values");
		return;
	}
	for (size_t i = 0; i < root->len; i++) {
		const struct doc_pair *p = &root->pair[i];
		size_t g;

		for (g = 0; g < sizeof groups / sizeof *groups; g++)
			if (str_eq(p->key, groups[g]))
				break;
		if (g < sizeof groups / sizeof *groups) {
			load_group(L, tx, groups[g], p->value, p, &allcap);
			seen_groups |= 1 << g;
		} else if (str_eq(p->key, "months")) {
			load_months(L, tx, p);
		} else if (str_eq(p->key, "protective")) {
			if (p->value->type != DOC_SEQ)
				problem_at(L, p, "protective verwacht een lijst van "
				           "categorieën");
			else
				tx->protective = p->value;
		} else if (str_eq(p->key, "values")) {
			load_values(L, tx, p, &allcap);
		} else {
			problem_at(L, p, "onbekende sleutel '%s' (kan zijn: months, "
			           "protective, headings, labels, sentences, values)",
			           p->key);
		}
	}
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++)
		if (!(seen_groups & (1 << g)))
			problem(L, root, "'%s' ontbreekt", groups[g]);
	if (!doc_map_get(root, "months"))
		problem(L, root, "'months' ontbreekt");
}

/* ---- team.yaml --------------------------------------------------------- */

/* Read keys of map into out[] by name; unknown keys are problems. need
 * says for each name whether it is required. */
static void take_fields(struct ld *L, const struct doc_node *map,
                        const char *what, const char *const *names,
                        const int *need, const char **out)
{
	for (size_t i = 0; i < map->len; i++) {
		const struct doc_pair *p = &map->pair[i];
		size_t k;

		for (k = 0; names[k]; k++)
			if (str_eq(names[k], p->key))
				break;
		if (!names[k]) {
			struct strbuf list = {0};

			for (k = 0; names[k]; k++)
				sb_addf(&list, "%s%s", k ? ", " : "", names[k]);
			problem_at(L, p, "onbekende sleutel '%s' bij %s (kan zijn: %s)",
			           p->key, what, list.s);
			sb_free(&list);
			continue;
		}
		out[k] = want_text(L, p->value, p->key);
		if (out[k])
			check_placeholders(L, p->value, p->key, "");
	}
	for (size_t k = 0; names[k]; k++)
		if (need[k] && !doc_map_get(map, names[k]))
			problem(L, map, "%s mist '%s'", what, names[k]);
}

/* A mapping at map[key] with fields names into out[]; absent is fine. */
static void take_sub(struct ld *L, const struct doc_node *team,
                     const char *key, const char *const *names,
                     const int *need, const char **out)
{
	const struct doc_node *v = doc_map_get(team, key);

	if (!v)
		return;
	if (v->type != DOC_MAP) {
		problem(L, v, "'%s' verwacht een mapping", key);
		return;
	}
	take_fields(L, v, key, names, need, out);
}

static void load_team(struct ld *L, const struct doc_node *n,
                      struct stx_team *t)
{
	static const char *const top[] = {
		"name", "phone", "hours", "email", "default", "team_lead",
		"complaints", "support", NULL
	};
	static const int top_need[] = {1, 1, 1, 0, 0, 0, 0, 0};
	static const char *const lead[] = {"name", "phone", NULL};
	static const int lead_need[] = {1, 1};
	static const char *const compl[] = {"text", "phone", "email", NULL};
	static const int compl_need[] = {1, 1, 1};
	const char *v[8] = {0}, *lv[2] = {0}, *cv[3] = {0}, *sv[2] = {0};
	const struct doc_node *def;

	memset(t, 0, sizeof *t);
	if (n->type != DOC_MAP) {
		problem(L, n, "een team verwacht een mapping met name en phone");
		return;
	}
	/* the nested mappings are read by take_sub, not as text */
	for (size_t i = 0; i < n->len; i++) {
		const struct doc_pair *p = &n->pair[i];
		size_t k;

		for (k = 0; top[k]; k++)
			if (str_eq(top[k], p->key))
				break;
		if (!top[k]) {
			problem_at(L, p, "onbekende sleutel '%s' bij een team (kan "
			           "zijn: name, phone, hours, email, default, "
			           "team_lead, complaints, support)", p->key);
			continue;
		}
		if (k >= 4)
			continue;
		v[k] = want_text(L, p->value, p->key);
	}
	for (size_t k = 0; k < 3; k++)
		if (top_need[k] && !doc_map_get(n, top[k]))
			problem(L, n, "een team mist '%s'", top[k]);
	def = doc_map_get(n, "default");
	if (def && !(def->type == DOC_SCALAR && def->style == DOC_PLAIN &&
	             (str_eq(def->text, "true") || str_eq(def->text, "false"))))
		problem(L, def, "'default' verwacht true of false");
	take_sub(L, n, "team_lead", lead, lead_need, lv);
	take_sub(L, n, "complaints", compl, compl_need, cv);
	take_sub(L, n, "support", lead, lead_need, sv);
	t->name = v[0];
	t->phone = v[1];
	t->hours = v[2];
	t->email = v[3];
	t->is_default = def && str_eq(def->text, "true");
	t->lead_name = lv[0];
	t->lead_phone = lv[1];
	t->complaints_text = cv[0];
	t->complaints_phone = cv[1];
	t->complaints_email = cv[2];
	t->support_name = sv[0];
	t->support_phone = sv[1];
}

static void load_teams(struct ld *L, struct summary_texts *tx)
{
	const struct doc_node *root = tx->teamdoc, *list;
	int defaults = 0;

	if (root->type != DOC_MAP) {
		problem(L, root, "verwacht een mapping met teams");
		return;
	}
	for (size_t i = 0; i < root->len; i++)
		if (!str_eq(root->pair[i].key, "teams"))
			problem_at(L, &root->pair[i], "onbekende sleutel '%s' (kan "
			           "zijn: teams)", root->pair[i].key);
	list = doc_map_get(root, "teams");
	if (!list || list->type != DOC_SEQ || list->len == 0) {
		problem(L, list ? list : root, "'teams' verwacht een lijst met "
		        "minstens één team");
		return;
	}
	tx->teams = xcalloc(list->len, sizeof *tx->teams);
	for (size_t i = 0; i < list->len; i++) {
		struct stx_team *t = &tx->teams[tx->nteams];

		load_team(L, list->item[i], t);
		for (size_t j = 0; t->name && j < tx->nteams; j++)
			if (str_eq(tx->teams[j].name, t->name))
				problem(L, list->item[i], "team '%s' staat er twee keer "
				        "in", t->name);
		if (t->is_default && defaults++)
			problem(L, list->item[i], "meer dan één team heeft "
			        "default: true");
		tx->nteams++;
	}
}

/* ---- loading ---------------------------------------------------------- */

/* See summary.h. */
struct summary_texts *summary_texts_load(const char *datadir,
                                         struct diags *d)
{
	struct summary_texts *tx = xcalloc(1, sizeof *tx);
	struct doc_limits lim = doc_limits_default();
	struct ld L = {NULL, d, 0};

	tx->lang_file = xasprintf("%s/summary/nl.yaml", datadir);
	tx->team_file = xasprintf("%s/team.yaml", datadir);
	tx->lang = doc_load_file(tx->lang_file, &lim, d);
	tx->teamdoc = doc_load_file(tx->team_file, &lim, d);
	if (!tx->lang || !tx->teamdoc) {
		summary_texts_free(tx);
		return NULL;
	}
	L.file = tx->lang_file;
	load_lang(&L, tx);
	L.file = tx->team_file;
	load_teams(&L, tx);
	if (L.problems) {
		summary_texts_free(tx);
		return NULL;
	}
	return tx;
}

/* See summary.h. */
void summary_texts_free(struct summary_texts *tx)
{
	if (!tx)
		return;
	doc_free(tx->lang);
	doc_free(tx->teamdoc);
	free(tx->lang_file);
	free(tx->team_file);
	free(tx->teams);
	free(tx->all);
	free(tx);
}

/* See summary.h. */
const char *const *summary_texts_all(const struct summary_texts *tx,
                                     size_t *n)
{
	*n = tx->nall;
	return tx->all;
}

/* ---- reading ---------------------------------------------------------- */

/* See summary_impl.h. */
const char *stx_text(const struct summary_texts *tx, const char *group,
                     const char *key)
{
	size_t k;
	const struct spec *s = spec_get(group, key, &k);

	assert(s && tx->text[k]);
	return s ? tx->text[k] : "";
}

/* See summary_impl.h. */
const char *stx_value(const struct summary_texts *tx, const char *field,
                      const char *value)
{
	const struct doc_node *m = tx->values ? doc_map_get(tx->values, field)
	                                      : NULL;

	return m && value ? doc_map_str(m, value) : NULL;
}

/* See summary_impl.h. */
int stx_protective(const struct summary_texts *tx, const char *category)
{
	const struct doc_node *p = tx->protective;

	for (size_t i = 0; p && i < p->len; i++)
		if (p->item[i]->type == DOC_SCALAR &&
		    str_eq(p->item[i]->text, category))
			return 1;
	return 0;
}

/* See summary_impl.h. */
const struct stx_team *stx_team(const struct summary_texts *tx,
                                const char *name)
{
	const struct stx_team *def = NULL;

	for (size_t i = 0; i < tx->nteams; i++) {
		if (name && str_eq(tx->teams[i].name, name))
			return &tx->teams[i];
		if (tx->teams[i].is_default)
			def = &tx->teams[i];
	}
	return def;
}

/* See summary_impl.h. */
const char *stx_team_file(const struct summary_texts *tx)
{
	return tx->team_file;
}

/* See summary_impl.h. */
char *stx_expand(const char *tmpl, const char *const *vars)
{
	struct strbuf sb = {0};
	const char *p = tmpl;

	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;

		if (!open || !close) {
			sb_add(&sb, p);
			break;
		}
		sb_addn(&sb, p, (size_t)(open - p));
		for (size_t i = 0; vars && vars[i]; i += 2) {
			size_t n = strlen(vars[i]);

			if (n == (size_t)(close - open - 1) &&
			    strncmp(vars[i], open + 1, n) == 0) {
				if (vars[i + 1])
					sb_add(&sb, vars[i + 1]);
				break;
			}
		}
		p = close + 1;
	}
	return sb.len ? sb_steal(&sb) : xstrdup("");
}

/* See summary.h. */
char *summary_date(const struct summary_texts *tx, const char *date)
{
	int y, m, d;

	if (!date_is_valid(date) || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3 ||
	    m < 1 || m > MONTHS || !tx->months[m - 1])
		return xstrdup(date ? date : "");
	return xasprintf("%d %s %d", d, tx->months[m - 1], y);
}
