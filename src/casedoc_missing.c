/*
 * casedoc_missing.c - what a stage of a session still lacks
 * (casedoc_missing, see casedoc.h), as short Dutch lines: "feit f3 heeft
 * geen datum", "TOP-3 1 rust niet op een feit", "geen evaluatiedatum".
 *
 * Two sources, in this order: the required fields of every section of the
 * stage's form (missing_section), then the rules of each stage that a
 * field's "required" cannot say (missing_stage0..4): a top-3 concern
 * resting on a feit, a plan point for every concern, and so on. Items are
 * named as casedoc_name.c names them. Nothing here changes the document.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "casedoc_impl.h"
#include "doc.h"
#include "form.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Required fields of the forms                                           */

struct missing {
	const struct formset *fs;
	struct doc_node *root, *session;
	struct diags *out;
};

static void miss(struct missing *m, const char *fmt, ...) DUO_PRINTF(2, 3);
static void miss(struct missing *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(m->out, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

/* The name of item i of a session list, with the kind for plan items. */
static char *mname(struct missing *m, const char *section,
                   const struct doc_node *item, size_t i)
{
	return cd_item_name(m->fs, section, item, i, 1);
}

/* 1 when item[key] holds no value. */
static int field_blank(const struct doc_node *item, const char *key)
{
	return cd_node_blank(doc_map_get(item, key));
}

/* Required fields the stage rules below describe better themselves. */
static int generic_skip(const char *section, const char *key)
{
	return (strcmp(section, "top3") == 0 &&
	        (strcmp(key, "evidence") == 0 || strcmp(key, "rank") == 0)) ||
	       (strcmp(section, "plan") == 0 &&
	        strcmp(key, "consequence") == 0);
}

/* 1 when field f of item is required here and empty. */
static int field_missing(const struct form_field *f,
                         const struct doc_node *item)
{
	if (!field_blank(item, f->key))
		return 0;
	if (f->required)
		return 1;
	return f->required_if_key &&
	       str_eq(doc_map_str(item, f->required_if_key),
	              f->required_if_value);
}

/* One item against the required fields of its form section. */
static void missing_item(struct missing *m, const struct form_section *sec,
                         const struct doc_node *item, size_t index)
{
	char *name = NULL, *word = NULL;
	size_t i;

	for (i = 0; i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		char *label;

		if (generic_skip(sec->key, f->key) || !field_missing(f, item))
			continue;
		if (!name) {
			name = mname(m, sec->key, item, index);
			word = cd_item_word(m->fs, sec->key);
		}
		label = cd_lc_first(f->label);
		miss(m, "%s heeft geen %s", name,
		     strcmp(label, word) == 0 ? "tekst" : label);
		free(label);
	}
	free(name);
	free(word);
}

/* The items of a form section in the scope of one session. */
static void missing_section(struct missing *m, const struct form_section *sec)
{
	struct doc_node one = {0}, *only[1], *list;
	size_t i;

	one.type = DOC_SEQ;
	one.item = only;
	if (strcmp(sec->key, "household") == 0)
		only[0] = cd_root_household(m->root, 0);
	else if (strcmp(sec->key, "sessions") == 0)
		only[0] = m->session;
	else if (strcmp(sec->key, "analysis") == 0)
		only[0] = cd_session_analysis(m->session, 0);
	else
		only[0] = NULL;
	one.len = only[0] ? 1 : 0;
	if (strcmp(sec->key, "comments") == 0) {
		list = cd_slist(m->session, "reviews");
		for (i = 0; i < cd_list_len(list); i++) {
			struct doc_node *c = cd_slist(list->item[i],
			                              "comments");
			size_t j;

			for (j = 0; j < cd_list_len(c); j++)
				missing_item(m, sec, c->item[j], j);
		}
		return;
	}
	list = form_skeleton_get(sec->key)->is_list ?
	       casedoc_list(m->root, m->session, sec->key, 0) : &one;
	for (i = 0; i < cd_list_len(list); i++)
		missing_item(m, sec, list->item[i], i);
}

/* ---------------------------------------------------------------------- */
/* The rules of each stage                                                */

static int is_kind(const struct doc_node *item, const char *kind)
{
	return str_eq(doc_map_str(item, "kind"), kind);
}

static void missing_stage0(struct missing *m)
{
	struct doc_node *part = cd_slist(m->session, "participants");
	size_t i;

	if (!cd_list_len(casedoc_list(m->root, NULL, "members", 0)))
		miss(m, "het huishouden heeft nog geen leden");
	if (!cd_list_len(part))
		miss(m, "nog geen aanwezigen bij dit gesprek");
	for (i = 0; i < cd_list_len(part); i++) {
		const struct doc_node *p = part->item[i];
		int member = !field_blank(p, "member");
		char *name = mname(m, "participants", p, i);

		if (!member && field_blank(p, "name"))
			miss(m, "%s heeft geen lid en geen naam", name);
		else if (member && !field_blank(p, "name"))
			miss(m, "%s: kies een lid of een naam, niet allebei",
			     name);
		else if (member &&
		         (!field_blank(p, "organisation") ||
		          !field_blank(p, "role")))
			miss(m, "%s: organisatie en rol horen alleen bij "
			     "iemand die geen lid is", name);
		free(name);
	}
}

static void missing_stage1(struct missing *m)
{
	struct doc_node *st = cd_slist(m->session, "statements");
	size_t i, feiten = 0;

	if (!cd_list_len(st)) {
		miss(m, "nog geen feiten, zorgen of meningen");
		return;
	}
	for (i = 0; i < st->len; i++) {
		struct doc_node *s = st->item[i];
		char *name = mname(m, "statements", s, i);

		if (is_kind(s, "feit")) {
			feiten++;
			if (field_blank(s, "date"))
				miss(m, "%s heeft geen datum", name);
		} else if ((is_kind(s, "zorg") || is_kind(s, "mening")) &&
		           field_blank(s, "holder")) {
			miss(m, "bij %s staat niet van wie die is", name);
		}
		free(name);
	}
	if (!feiten)
		miss(m, "nog geen enkel feit");
}

/* 1 if one of the refs in evidence is a feit of the session. */
static int backed_by_feit(struct doc_node *session,
                          const struct doc_node *evidence)
{
	struct doc_node *st = cd_slist(session, "statements");
	size_t i, j;

	for (i = 0; evidence && evidence->type == DOC_SEQ &&
	     i < evidence->len; i++)
		for (j = 0; j < cd_list_len(st); j++)
			if (evidence->item[i]->type == DOC_SCALAR &&
			    str_eq(doc_map_str(st->item[j], "ref"),
			           evidence->item[i]->text) &&
			    is_kind(st->item[j], "feit"))
				return 1;
	return 0;
}

static void missing_stage2(struct missing *m)
{
	struct doc_node *top = cd_slist(m->session, "top3");
	size_t i;

	if (!cd_list_len(top))
		miss(m, "nog geen TOP-3 zorg");
	for (i = 0; i < cd_list_len(top); i++) {
		struct doc_node *t = top->item[i];
		char *name = mname(m, "top3", t, i);

		if (field_blank(t, "what"))
			miss(m, "%s beschrijft niet wat er gebeurt", name);
		if (field_blank(t, "impact"))
			miss(m, "%s beschrijft de gevolgen niet", name);
		if (!backed_by_feit(m->session, doc_map_get(t, "evidence")))
			miss(m, "%s rust niet op een feit", name);
		if (field_blank(t, "household_view"))
			miss(m, "%s mist hoe het huishouden het ziet", name);
		if (field_blank(t, "agreement"))
			miss(m, "%s mist of het huishouden het herkent", name);
		if (field_blank(t, "scores"))
			miss(m, "%s heeft geen veiligheidsscores", name);
		free(name);
	}
}

static void missing_stage3(struct missing *m)
{
	struct doc_node *hyp = cd_slist(m->session, "hypotheses");
	size_t i;

	if (!cd_list_len(cd_slist(m->session, "factors")))
		miss(m, "nog geen factoren");
	if (!cd_list_len(hyp))
		miss(m, "nog geen hypothesen");
	for (i = 0; i < cd_list_len(hyp); i++) {
		char *name = mname(m, "hypotheses", hyp->item[i], i);

		if (field_blank(hyp->item[i], "factors"))
			miss(m, "%s noemt geen factoren", name);
		if (field_blank(hyp->item[i], "explains"))
			miss(m, "%s verklaart geen TOP-3 zorg", name);
		free(name);
	}
}

static void missing_stage4(struct missing *m)
{
	struct doc_node *top = cd_slist(m->session, "top3");
	struct doc_node *plan = cd_slist(m->session, "plan");
	size_t i;

	for (i = 0; i < cd_list_len(top); i++) {
		const char *rank = doc_map_str(top->item[i], "rank");
		char *name;

		if (str_empty(rank) || cd_find_by(plan, "concern", rank))
			continue;
		name = mname(m, "top3", top->item[i], i);
		miss(m, "%s heeft nog geen punt in het plan", name);
		free(name);
	}
	for (i = 0; i < cd_list_len(plan); i++) {
		struct doc_node *p = plan->item[i];
		char *name = mname(m, "plan", p, i);

		if (is_kind(p, "voorwaarde") &&
		    field_blank(p, "consequence"))
			miss(m, "%s zonder gevolg", name);
		if (field_blank(p, "who"))
			miss(m, "%s zegt niet wie het doet", name);
		if (field_blank(p, "due"))
			miss(m, "%s zegt niet wanneer het klaar is", name);
		free(name);
	}
	if (field_blank(m->session, "evaluation"))
		miss(m, "geen evaluatiedatum");
}

/* See casedoc.h. Stage 6 (review) gets the form's required fields. */
int casedoc_missing(const struct formset *fs, struct doc_node *root,
                    struct doc_node *session, int stage, struct diags *out)
{
	static void (*const rules[])(struct missing *) = {
		missing_stage0, missing_stage1, missing_stage2,
		missing_stage3, missing_stage4
	};
	struct missing m = {fs, root, session, out};
	const struct form *form;
	size_t before, i;

	assert(fs && root && out);
	form = formset_stage(fs, stage);
	before = out->n;
	if (!session) {
		miss(&m, "er is nog geen sessie");
		return (int)(out->n - before);
	}
	for (i = 0; form && i < form->nsections; i++)
		missing_section(&m, &form->sections[i]);
	if (stage >= 0 && stage < (int)(sizeof rules / sizeof *rules))
		rules[stage](&m);
	return (int)(out->n - before);
}
