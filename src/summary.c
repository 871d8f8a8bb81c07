/*
 * summary.c - the summary for the household as a structured document
 * (summary.h): built from the filtered case only, worded by the texts of
 * data/summary/nl.yaml and the team of data/team.yaml.
 *
 * summary_build filters the case first (audience_household_case) and then
 * hands only the filtered copy to the builders below, one per part of the
 * letter, in reading order. The builders name people by their first name
 * (the full name where two members share one), the duo as "wij", choices
 * by what they mean (values in nl.yaml), and dates written out.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "output.h"
#include "summary_impl.h"

/* ---- the document ------------------------------------------------------ */

static struct summary_block *add_block(struct summary *S,
                                       enum summary_block_type type)
{
	struct summary_block *b;

	xgrow(&S->blocks, &S->cap, S->nblocks + 1, sizeof *S->blocks);
	b = &S->blocks[S->nblocks++];
	memset(b, 0, sizeof *b);
	b->type = type;
	return b;
}

/* A copy of text without trailing white space. */
static char *trimmed(const char *text)
{
	size_t n = text ? strlen(text) : 0;

	while (n && (text[n - 1] == ' ' || text[n - 1] == '\n' ||
	             text[n - 1] == '\t' || text[n - 1] == '\r'))
		n--;
	return xstrndup(text ? text : "", n);
}

static void add_heading(struct summary *S, int level, const char *text)
{
	struct summary_block *b = add_block(S, SUMMARY_HEADING);

	b->level = level;
	b->text = trimmed(text);
}

static void add_para(struct summary *S, const char *text)
{
	add_block(S, SUMMARY_PARAGRAPH)->text = trimmed(text);
}

static struct summary_item *list_add(struct summary_block *b,
                                     const char *text)
{
	struct summary_item *it;

	xgrow(&b->items, &b->icap, b->nitems + 1, sizeof *b->items);
	it = &b->items[b->nitems++];
	memset(it, 0, sizeof *it);
	it->text = trimmed(text);
	return it;
}

static void pair_set(struct summary_pair *p, const char *label,
                     const char *value, unsigned flags)
{
	p->label = trimmed(label);
	p->value = trimmed(value);
	p->flags = flags;
}

static void item_pair(struct summary_item *it, const char *label,
                      const char *value, unsigned flags)
{
	xgrow(&it->pairs, &it->cap, it->npairs + 1, sizeof *it->pairs);
	pair_set(&it->pairs[it->npairs++], label, value, flags);
}

static void block_pair(struct summary_block *b, const char *label,
                       const char *value, unsigned flags)
{
	xgrow(&b->pairs, &b->pcap, b->npairs + 1, sizeof *b->pairs);
	pair_set(&b->pairs[b->npairs++], label, value, flags);
}

static void pairs_free(struct summary_pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].value);
	}
	free(v);
}

/* See summary.h. */
void summary_free(struct summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nblocks; i++) {
		struct summary_block *b = &s->blocks[i];

		free(b->text);
		for (size_t j = 0; j < b->nitems; j++) {
			free(b->items[j].text);
			pairs_free(b->items[j].pairs, b->items[j].npairs);
		}
		free(b->items);
		pairs_free(b->pairs, b->npairs);
	}
	free(s->blocks);
	free(s->lang);
	free(s->title);
	free(s->household);
	free(s->date);
	free(s);
}

/* ---- reading the filtered case ----------------------------------------- */

static const char *node_str(const struct doc_node *n)
{
	return n && n->type == DOC_SCALAR && !doc_is_null(n) && *n->text
	       ? n->text : NULL;
}

static const char *item_str(const struct doc_node *item, const char *key)
{
	return item && item->type == DOC_MAP ? node_str(doc_map_get(item, key))
	                                     : NULL;
}

/* The builder's state. Everything it reads is in the filtered copy. */
struct bx {
	const struct formset *fs;
	const struct summary_texts *tx;
	const struct doc_node *household;
	const struct doc_node *session;
	const struct doc_node *analysis;
	const struct stx_team *team;
	const struct doc_node **top3;  /* sorted by rank */
	size_t ntop3;
	struct summary *S;
};

static const char *T(const struct bx *b, const char *group, const char *key)
{
	return stx_text(b->tx, group, key);
}

/* A copy with the first letter in upper case (ASCII), for a value that
 * starts a line: "wij" as a name. */
static char *capitalised(const char *s)
{
	char *out = xstrdup(s);

	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
	return out;
}

/* The first word of a name. */
static char *first_name(const char *name)
{
	size_t n = strcspn(name, " ");

	return xstrndup(name, n);
}

/* How a member is named: the first name, or the whole name when another
 * member has the same first name. Caller frees. */
static char *member_name(const struct bx *b, const struct doc_node *m)
{
	const struct doc_node *members = doc_map_get(b->household, "members");
	const char *name = item_str(m, "name");
	char *first;

	if (!name)
		return xstrdup(item_str(m, "ref") ? item_str(m, "ref") : "");
	first = first_name(name);
	for (size_t i = 0; i < doc_seq_len(members); i++) {
		const char *other = item_str(members->item[i], "name");
		char *of;
		int same;

		if (members->item[i] == m || !other)
			continue;
		of = first_name(other);
		same = str_eq(of, first);
		free(of);
		if (same) {
			free(first);
			return xstrdup(name);
		}
	}
	return first;
}

/* A person value (member ref, participant name, duo, a named person) as
 * the household knows them. Caller frees. */
static char *person(const struct bx *b, const char *v)
{
	const struct doc_node *m =
		doc_seq_find(doc_map_get(b->household, "members"), "ref", v);

	if (m)
		return member_name(b, m);
	if (str_eq(v, "duo"))
		return capitalised(T(b, "sentences", "we"));
	return xstrdup(v);
}

/* What a choice value means: values.<field>.<value> of nl.yaml, else the
 * label of the choice in the form, else the value. */
static const char *choice_text(const struct bx *b, const char *section,
                               const char *field, const char *value)
{
	const char *t = stx_value(b->tx, field, value);
	const struct form_section *s;
	const struct form_field *f;
	const struct form_choice *c;

	if (t)
		return t;
	s = formset_section(b->fs, section);
	f = s ? form_section_field(s, field) : NULL;
	c = f ? form_field_choice(f, value) : NULL;
	return c && c->label ? c->label : value;
}

static char *date_text(const struct bx *b, const char *date)
{
	return summary_date(b->tx, date);
}

static const struct doc_node *find_rank(const struct bx *b, long rank)
{
	for (size_t i = 0; i < b->ntop3; i++)
		if (str_whole(item_str(b->top3[i], "rank")) == rank)
			return b->top3[i];
	return NULL;
}

/* "Zorg 1: Ruzies met geweld ..." with the template tmpl. */
static char *concern_name(const char *tmpl, const struct doc_node *c)
{
	const char *vars[] = {"nummer", item_str(c, "rank"),
	                      "titel", item_str(c, "title"), NULL};

	return stx_expand(tmpl, vars);
}

static int is_true(const char *s)
{
	return str_eq(s, "true");
}

/* 1 if the household has a member whose role is kind. */
static int has_children(const struct bx *b)
{
	const struct doc_node *members = doc_map_get(b->household, "members");

	for (size_t i = 0; i < doc_seq_len(members); i++)
		if (str_eq(item_str(members->item[i], "role"), "kind"))
			return 1;
	return 0;
}

/* ---- the parts of the letter ----------------------------------------- */

static void build_intro(struct bx *b)
{
	char *date = date_text(b, item_str(b->session, "date"));
	const char *vars[] = {"datum", date, "versie",
	                      item_str(b->session, "version"), NULL};
	char *s;

	s = stx_expand(T(b, "sentences", "intro"), vars);
	add_para(b->S, s);
	free(s);
	if (str_whole(item_str(b->session, "version")) > 1) {
		s = stx_expand(T(b, "sentences", "intro_update"), vars);
		add_para(b->S, s);
		free(s);
	}
	free(date);
}

static void build_participants(struct bx *b)
{
	const struct doc_node *list = doc_map_get(b->session, "participants");
	char *date = date_text(b, item_str(b->session, "date"));
	const char *vars[] = {"datum", date, NULL};
	struct summary_block *l;
	char *s;

	add_heading(b->S, 2, T(b, "headings", "participants"));
	if (doc_seq_len(list) == 0) {
		add_para(b->S, T(b, "sentences", "no_participants"));
		free(date);
		return;
	}
	s = stx_expand(T(b, "sentences", "participants_intro"), vars);
	add_para(b->S, s);
	free(s);
	free(date);
	l = add_block(b->S, SUMMARY_LIST);
	for (size_t i = 0; i < list->len; i++) {
		const struct doc_node *p = list->item[i];
		const struct doc_node *m = doc_seq_find(doc_map_get(b->household, "members"),
		                                     "ref", item_str(p, "member"));
		const char *name = m ? item_str(m, "name") : item_str(p, "name");
		const char *org = item_str(p, "organisation");

		if (!name)
			continue;
		if (!m && org) {
			const char *v[] = {"naam", name, "organisatie", org, NULL};

			s = stx_expand(T(b, "sentences", "participant_org"), v);
			list_add(l, s);
			free(s);
		} else {
			list_add(l, name);
		}
	}
}

/* "Anouk: 6, Ramon: 8, Wij: 3" in the order of the case. */
static char *scores_text(const struct bx *b, const struct doc_node *scores)
{
	struct strbuf sb = {0};

	for (size_t i = 0; scores && scores->type == DOC_MAP &&
	                   i < scores->len; i++) {
		char *who = person(b, scores->pair[i].key);
		const char *v[] = {"naam", who, "cijfer",
		                   node_str(scores->pair[i].value), NULL};
		char *s = stx_expand(T(b, "sentences", "score"), v);

		sb_addf(&sb, "%s%s", i ? ", " : "", s);
		free(s);
		free(who);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

static void build_concern(struct bx *b, const struct doc_node *c,
                          int children)
{
	struct summary_block *p;
	const char *v;
	char *s;

	s = concern_name(T(b, "headings", "concern"), c);
	add_heading(b->S, 3, s);
	free(s);
	p = add_block(b->S, SUMMARY_PAIRS);
	if ((v = item_str(c, "what")))
		block_pair(p, T(b, "labels", "what"), v, 0);
	if ((v = item_str(c, "impact")))
		block_pair(p, T(b, "labels", children ? "impact_children"
		                                      : "impact_others"), v, 0);
	if ((v = item_str(c, "household_view")))
		block_pair(p, T(b, "labels", "view"), v, SUMMARY_OWN_WORDS);
	else
		block_pair(p, T(b, "labels", "view"), T(b, "sentences", "no_view"),
		           0);
	if ((v = item_str(c, "agreement")))
		block_pair(p, T(b, "labels", "agreement"),
		           choice_text(b, "top3", "agreement", v), 0);
	if ((s = scores_text(b, doc_map_get(c, "scores")))) {
		block_pair(p, T(b, "labels", "scores"), s, 0);
		free(s);
	}
	if (is_true(item_str(c, "urgent")))
		block_pair(p, T(b, "labels", "urgent"), T(b, "sentences", "urgent"),
		           0);
}

static void build_concerns(struct bx *b)
{
	int children = has_children(b), scores = 0;

	add_heading(b->S, 2, T(b, "headings", "concerns"));
	if (b->ntop3 == 0) {
		add_para(b->S, T(b, "sentences", "no_concerns"));
		return;
	}
	add_para(b->S, T(b, "sentences", "concerns_intro"));
	for (size_t i = 0; i < b->ntop3; i++)
		if (doc_map_get(b->top3[i], "scores"))
			scores = 1;
	if (scores)
		add_para(b->S, T(b, "sentences", "scores_intro"));
	for (size_t i = 0; i < b->ntop3; i++)
		build_concern(b, b->top3[i], children);
}

static void build_strengths(struct bx *b)
{
	const struct doc_node *factors = doc_map_get(b->analysis, "factors");
	struct summary_block *l = NULL;

	add_heading(b->S, 2, T(b, "headings", "strengths"));
	for (size_t i = 0; i < doc_seq_len(factors); i++) {
		const struct doc_node *f = factors->item[i];

		if (!stx_protective(b->tx, item_str(f, "category")) ||
		    !item_str(f, "text"))
			continue;
		if (!l) {
			add_para(b->S, T(b, "sentences", "strengths_intro"));
			l = add_block(b->S, SUMMARY_LIST);
		}
		list_add(l, item_str(f, "text"));
	}
	if (!l)
		add_para(b->S, T(b, "sentences", "no_strengths"));
}

/* The texts of the items of list named by the refs in seq, one a line. */
static char *texts_of(const struct doc_node *list, const struct doc_node *seq)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < doc_seq_len(seq); i++) {
		const struct doc_node *it =
			doc_seq_find(list, "ref", node_str(seq->item[i]));
		const char *t = item_str(it, "text");

		if (t)
			sb_addf(&sb, "%s%s", sb.len ? "\n" : "", t);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* "Zorg 1: ..." for each rank in seq, one a line. */
static char *concerns_of(const struct bx *b, const struct doc_node *seq)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < doc_seq_len(seq); i++) {
		const struct doc_node *c = find_rank(b, str_whole(node_str(seq->item[i])));
		char *s;

		if (!c)
			continue;
		s = concern_name(T(b, "headings", "concern"), c);
		sb_addf(&sb, "%s%s", sb.len ? "\n" : "", s);
		free(s);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

static void build_explanations(struct bx *b)
{
	const struct doc_node *hyp = doc_map_get(b->analysis, "hypotheses");
	const struct doc_node *factors = doc_map_get(b->analysis, "factors");
	struct summary_block *l;

	add_heading(b->S, 2, T(b, "headings", "explanations"));
	if (doc_seq_len(hyp) == 0) {
		add_para(b->S, T(b, "sentences", "no_explanations"));
		return;
	}
	add_para(b->S, T(b, "sentences", "explanations_intro"));
	l = add_block(b->S, SUMMARY_LIST);
	for (size_t i = 0; i < hyp->len; i++) {
		const struct doc_node *h = hyp->item[i];
		struct summary_item *it;
		const char *v;
		char *s;

		if (!item_str(h, "text"))
			continue;
		it = list_add(l, item_str(h, "text"));
		if ((s = concerns_of(b, doc_map_get(h, "explains")))) {
			item_pair(it, T(b, "labels", "explains"), s, 0);
			free(s);
		}
		if ((s = texts_of(factors, doc_map_get(h, "factors")))) {
			item_pair(it, T(b, "labels", "factors"), s, 0);
			free(s);
		}
		if ((v = item_str(h, "household_explanation")))
			item_pair(it, T(b, "labels", "own_explanation"), v,
			          SUMMARY_OWN_WORDS);
		else
			item_pair(it, T(b, "labels", "own_explanation"),
			          T(b, "sentences", "no_own_explanation"), 0);
		if ((v = item_str(h, "status")))
			item_pair(it, T(b, "labels", "status"),
			          choice_text(b, "hypotheses", "status", v), 0);
	}
}

/* One plan item as a list item with its details. */
static void plan_item(struct bx *b, struct summary_block *l,
                      const struct doc_node *p)
{
	struct summary_item *it = list_add(l, item_str(p, "text"));
	const char *kind = item_str(p, "kind"), *v;
	char *s;

	if (kind)
		item_pair(it, T(b, "labels", "kind"),
		          choice_text(b, "plan", "kind", kind), 0);
	if ((v = item_str(p, "who"))) {
		s = person(b, v);
		item_pair(it, T(b, "labels", "who"), s, 0);
		free(s);
	}
	if ((v = item_str(p, "due"))) {
		char *date = date_text(b, v);
		const char *vars[] = {"datum", date, NULL};

		s = stx_expand(T(b, "sentences", "due"), vars);
		item_pair(it, T(b, "labels", "due"), s, 0);
		free(s);
		free(date);
	}
	if (str_eq(kind, "voorwaarde") || item_str(p, "consequence"))
		item_pair(it, T(b, "labels", "consequence"),
		          item_str(p, "consequence")
		          ? item_str(p, "consequence")
		          : T(b, "sentences", "no_consequence"), 0);
	if (is_true(item_str(p, "done")))
		item_pair(it, T(b, "labels", "done"), T(b, "sentences", "done"), 0);
}

/* 1 if plan item p belongs to the group of concern c (NULL: the items
 * of no concern that is shown). */
static int in_group(const struct bx *b, const struct doc_node *p,
                    const struct doc_node *c)
{
	long rank = str_whole(item_str(p, "concern"));

	if (c)
		return rank >= 0 && rank == str_whole(item_str(c, "rank"));
	return rank < 0 || !find_rank(b, rank);
}

/* The phases in the order of the form, then any other value. */
static void plan_group(struct bx *b, const struct doc_node *c)
{
	const struct doc_node *plan = doc_map_get(b->session, "plan");
	const struct form_section *sec = formset_section(b->fs, "plan");
	const struct form_field *phase = sec ? form_section_field(sec, "phase")
	                                     : NULL;
	size_t nphases = phase ? phase->nchoices : 0, n = 0;
	const char **order = xcalloc(nphases + doc_seq_len(plan) + 1,
	                             sizeof *order);
	char *s;

	for (size_t i = 0; i < doc_seq_len(plan); i++)
		n += in_group(b, plan->item[i], c);
	if (n == 0) {
		free(order);
		return;
	}
	s = c ? concern_name(T(b, "headings", "plan_concern"), c)
	      : xstrdup(T(b, "headings", "plan_general"));
	add_heading(b->S, 3, s);
	free(s);

	n = 0;
	for (size_t i = 0; i < nphases; i++)
		order[n++] = phase->choices[i].value;
	for (size_t i = 0; i < doc_seq_len(plan); i++) {
		const char *v = item_str(plan->item[i], "phase");
		size_t k;

		for (k = 0; k < n && !str_eq(order[k], v ? v : ""); k++)
			;
		if (k == n)
			order[n++] = v ? v : "";
	}
	for (size_t k = 0; k < n; k++) {
		struct summary_block *l = NULL;

		for (size_t i = 0; i < doc_seq_len(plan); i++) {
			const struct doc_node *p = plan->item[i];
			const char *v = item_str(p, "phase");

			if (!in_group(b, p, c) || !str_eq(v ? v : "", order[k]) ||
			    !item_str(p, "text"))
				continue;
			if (!l) {
				if (*order[k])
					add_heading(b->S, 4, choice_text(b, "plan", "phase",
					                                 order[k]));
				l = add_block(b->S, SUMMARY_LIST);
			}
			plan_item(b, l, p);
		}
	}
	free(order);
}

static void build_plan(struct bx *b)
{
	const struct doc_node *plan = doc_map_get(b->session, "plan");

	add_heading(b->S, 2, T(b, "headings", "plan"));
	if (doc_seq_len(plan) == 0) {
		add_para(b->S, T(b, "sentences", "no_plan"));
		return;
	}
	add_para(b->S, T(b, "sentences", "plan_intro"));
	for (size_t i = 0; i < b->ntop3; i++)
		plan_group(b, b->top3[i]);
	plan_group(b, NULL);
}

static void build_conditions(struct bx *b)
{
	const struct doc_node *plan = doc_map_get(b->session, "plan");
	struct summary_block *l = NULL;

	add_heading(b->S, 2, T(b, "headings", "conditions"));
	for (size_t i = 0; i < doc_seq_len(plan); i++) {
		const struct doc_node *p = plan->item[i];
		const char *cons = item_str(p, "consequence");
		struct summary_item *it;

		if (!str_eq(item_str(p, "kind"), "voorwaarde") ||
		    !item_str(p, "text"))
			continue;
		if (!l) {
			add_para(b->S, T(b, "sentences", "conditions_intro"));
			l = add_block(b->S, SUMMARY_LIST);
		}
		it = list_add(l, item_str(p, "text"));
		item_pair(it, T(b, "labels", "then"),
		          cons ? cons : T(b, "sentences", "no_consequence"), 0);
	}
	if (!l)
		add_para(b->S, T(b, "sentences", "no_conditions"));
}

static void build_evaluation(struct bx *b)
{
	const char *when = item_str(b->session, "evaluation");

	add_heading(b->S, 2, T(b, "headings", "evaluation"));
	if (when) {
		char *date = date_text(b, when);
		const char *vars[] = {"datum", date, NULL};
		char *s = stx_expand(T(b, "sentences", "evaluation"), vars);

		add_para(b->S, s);
		add_para(b->S, T(b, "sentences", "evaluation_call"));
		free(s);
		free(date);
	} else {
		add_para(b->S, T(b, "sentences", "no_evaluation"));
	}
}

static void build_disagree(struct bx *b)
{
	const struct stx_team *t = b->team;
	char *s;

	add_heading(b->S, 2, T(b, "headings", "disagree"));
	add_para(b->S, T(b, "sentences", "disagree_intro"));
	if (t->lead_name) {
		const char *v[] = {"naam", t->lead_name, "team", t->name,
		                   "telefoon", t->lead_phone, NULL};

		s = stx_expand(T(b, "sentences", "disagree_team_lead"), v);
		add_para(b->S, s);
		free(s);
	}
	if (t->complaints_text) {
		const char *v[] = {"telefoon", t->complaints_phone,
		                   "email", t->complaints_email, NULL};
		struct strbuf sb = {0};

		s = stx_expand(T(b, "sentences", "complaint_contact"), v);
		sb_addf(&sb, "%s %s %s", T(b, "sentences", "complaint_intro"),
		        t->complaints_text, s);
		add_para(b->S, sb.s);
		sb_free(&sb);
		free(s);
	}
	if (t->support_name) {
		const char *v[] = {"naam", t->support_name,
		                   "telefoon", t->support_phone, NULL};

		s = stx_expand(T(b, "sentences", "support"), v);
		add_para(b->S, s);
		free(s);
	}
}

/* 1 for a participant of the duo itself: a named lokaal or rvt person. */
static int is_duo(const struct doc_node *p)
{
	const char *role = item_str(p, "role");

	return item_str(p, "name") && !item_str(p, "member") &&
	       (str_eq(role, "lokaal") || str_eq(role, "rvt"));
}

static void build_contacts(struct bx *b)
{
	const struct doc_node *parts = doc_map_get(b->session, "participants");
	const struct stx_team *t = b->team;
	struct summary_block *l;
	char *s;

	add_heading(b->S, 2, T(b, "headings", "contacts"));
	add_para(b->S, T(b, "sentences", "contacts_intro"));
	l = add_block(b->S, SUMMARY_LIST);
	for (size_t i = 0; i < doc_seq_len(parts); i++) {
		const struct doc_node *p = parts->item[i];
		const char *org = item_str(p, "organisation");

		if (!is_duo(p))
			continue;
		if (org) {
			const char *v[] = {"naam", item_str(p, "name"),
			                   "organisatie", org, NULL};

			s = stx_expand(T(b, "sentences", "contact_person"), v);
			list_add(l, s);
			free(s);
		} else {
			list_add(l, item_str(p, "name"));
		}
	}
	{
		const char *v[] = {"team", t->name, "telefoon", t->phone,
		                   "tijden", t->hours, NULL};

		s = stx_expand(T(b, "sentences", "contact_team"), v);
		list_add(l, s);
		free(s);
	}
	if (t->email) {
		const char *v[] = {"email", t->email, NULL};

		s = stx_expand(T(b, "sentences", "contact_email"), v);
		list_add(l, s);
		free(s);
	}
	add_para(b->S, T(b, "sentences", "emergency"));
}

static void build_closing(struct bx *b)
{
	const struct doc_node *parts = doc_map_get(b->session, "participants");
	struct strbuf sb = {0};

	add_para(b->S, T(b, "sentences", "closing"));
	for (size_t i = 0; i < doc_seq_len(parts); i++)
		if (is_duo(parts->item[i]))
			sb_addf(&sb, "%s%s", sb.len ? "\n" : "",
			        item_str(parts->item[i], "name"));
	if (sb.len)
		add_para(b->S, sb.s);
	sb_free(&sb);
}

/* ---- building ---------------------------------------------------------- */

/* The highest version among the sessions, or 0. Only the numbers are
 * read: which session to show, not what is in it. */
static int highest_version(const struct doc_node *kase)
{
	const struct doc_node *sessions = doc_map_get(kase, "sessions");
	long best = 0;

	for (size_t i = 0; i < doc_seq_len(sessions); i++) {
		long v = str_whole(item_str(sessions->item[i], "version"));

		if (v > best && v <= 1000000)
			best = v;
	}
	return (int)best;
}

/* The top-3 of the session sorted by rank. */
static void sort_top3(struct bx *b)
{
	const struct doc_node *top3 = doc_map_get(b->session, "top3");

	b->ntop3 = doc_seq_len(top3);
	b->top3 = xcalloc(b->ntop3 + 1, sizeof *b->top3);
	for (size_t i = 0; i < b->ntop3; i++)
		b->top3[i] = top3->item[i];
	for (size_t i = 1; i < b->ntop3; i++)
		for (size_t j = i; j > 0 &&
		     str_whole(item_str(b->top3[j - 1], "rank")) >
		     str_whole(item_str(b->top3[j], "rank")); j--) {
			const struct doc_node *tmp = b->top3[j];

			b->top3[j] = b->top3[j - 1];
			b->top3[j - 1] = tmp;
		}
}

/* The letter, from the filtered copy shown only. */
static struct summary *build(const struct doc_node *shown,
                             const struct formset *fs,
                             const struct summary_texts *tx,
                             struct diags *d)
{
	struct bx b = {0};
	const struct doc_node *sessions = doc_map_get(shown, "sessions");
	const char *name, *team;
	const char *vars[4];
	struct summary *S;

	b.fs = fs;
	b.tx = tx;
	b.household = doc_map_get(shown, "household");
	b.session = doc_seq_len(sessions) ? sessions->item[0] : NULL;
	if (!b.session) {
		diag_add(d, NULL, 0, 0, "dit huishouden heeft nog geen sessies");
		return NULL;
	}
	b.analysis = doc_map_get(b.session, "analysis");
	team = item_str(b.household, "team");
	b.team = stx_team(tx, team);
	if (!b.team) {
		diag_add(d, stx_team_file(tx), 0, 0,
		         "geen gegevens voor team '%s' en geen team met default: "
		         "true. Zet het team erin, zodat de samenvatting zegt wie "
		         "het huishouden kan bellen.", team ? team : "(geen)");
		return NULL;
	}
	name = item_str(b.household, "name");

	S = xcalloc(1, sizeof *S);
	b.S = S;
	S->lang = xstrdup("nl");
	S->household = xstrdup(name ? name : "");
	S->version = (int)str_whole(item_str(b.session, "version"));
	S->date = xstrdup(item_str(b.session, "date") ? item_str(b.session, "date")
	                                              : "");
	vars[0] = "huishouden";
	vars[1] = name;
	vars[2] = NULL;
	S->title = stx_expand(T(&b, "headings", "title"), vars);
	sort_top3(&b);

	add_heading(S, 1, S->title);
	build_intro(&b);
	build_participants(&b);
	build_concerns(&b);
	build_strengths(&b);
	build_explanations(&b);
	build_plan(&b);
	build_conditions(&b);
	build_evaluation(&b);
	build_disagree(&b);
	build_contacts(&b);
	build_closing(&b);
	free(b.top3);
	return S;
}

/* See summary.h. */
struct summary *summary_build(const struct doc_node *kase,
                              const struct formset *fs,
                              const struct summary_texts *tx, int version,
                              struct diags *d)
{
	struct doc_node *shown;
	struct summary *S;

	if (version == 0 && (version = highest_version(kase)) == 0) {
		diag_add(d, NULL, 0, 0, "dit huishouden heeft nog geen sessies");
		return NULL;
	}
	shown = audience_household_case(kase, fs, version, 0, d);
	if (!shown)
		return NULL;
	S = build(shown, fs, tx, d);
	doc_free(shown);
	return S;
}

/* ---- formats ----------------------------------------------------------- */

/* See summary_impl.h. */
char *summary_clean(const char *s)
{
	struct strbuf sb = {0};
	size_t n = s ? strlen(s) : 0, i = 0;

	while (i < n) {
		size_t start = i;
		unsigned long cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '\n')
			sb_addc(&sb, '\n');
		else if (cp == '\t')
			sb_addc(&sb, ' ');
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xfffd)
			continue;
		else
			sb_addn(&sb, s + start, i - start);
	}
	while (sb.len && (sb.s[sb.len - 1] == '\n' || sb.s[sb.len - 1] == ' '))
		sb.s[--sb.len] = '\0';
	return sb.len ? sb_steal(&sb) : xstrdup("");
}

const struct summary_format summary_formats[] = {
	{"text", summary_render_text, "txt"},
	{"markdown", summary_render_markdown, "md"},
	{"html", summary_render_html, "html"},
	{NULL, NULL, NULL},
};

/* See summary.h. */
const struct summary_format *summary_format_get(const char *name)
{
	for (const struct summary_format *f = summary_formats; f->name; f++)
		if (str_eq(f->name, name))
			return f;
	return NULL;
}

/* See summary.h. */
char *summary_render_string(summary_render_fn run, const struct summary *s,
                            const struct summary_render_opts *o,
                            struct diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f) {
		diag_add(d, NULL, 0, 0, "geen geheugen voor de tekst");
		return NULL;
	}
	rc = run(f, s, o, d);
	fclose(f);
	if (rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* See summary.h. */
int summary_export(const struct doc_node *kase, const struct formset *fs,
                   const struct summary_texts *tx, int version,
                   const struct summary_format *fmt, const char *path,
                   struct diags *d)
{
	struct summary_render_opts opts = {SUMMARY_TEXT_WIDTH};
	struct summary *sum = summary_build(kase, fs, tx, version, d);
	struct output o;
	int rc = -1;

	if (sum && output_open(&o, path, d) == 0) {
		struct diags rd = {0};

		rc = fmt->run(o.f, sum, &opts, &rd);
		if (rc == 0)
			rc = output_commit(&o, d);
		else
			output_abort(&o);
		/* the renderer does not know the file: name it */
		for (size_t i = 0; i < rd.n; i++)
			diag_add(d, o.path ? o.path : rd.v[i].file, 0, 0, "%s%s",
			         rd.v[i].msg, o.path ? "; er is niets opgeslagen" : "");
		diags_free(&rd);
	}
	summary_free(sum);
	return rc;
}
