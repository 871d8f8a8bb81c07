/*
 * test_versiondiff.c - what changed between two versions of a household
 * (versiondiff.h, casedoc_diff_versions): on the made-up Gezin Kramer
 * (tests/cases/versions), whose second version adds, removes and changes
 * items in every stage, moves a TOP-3 item up and changes scores and
 * status; the other direction; matching by title, ref and name; "_id"s of
 * a loaded document; unknown versions.
 *
 * Run from the top of the repository (forms in "forms").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "doc.h"
#include "form.h"
#include "store.h"
#include "unit.h"
#include "util.h"
#include "validate.h"
#include "versiondiff.h"

#define FORMS "forms"
#define KRAMER "tests/cases/versions/gezin-kramer.yaml"

static struct formset forms_default;
static int forms_loaded;

static const struct formset *forms(void)
{
	struct diags d = {0};

	if (!forms_loaded) {
		if (formset_load(&forms_default, FORMS, &d) != 0)
			diags_print(stderr, &d);
		diags_free(&d);
		forms_loaded = 1;
	}
	return &forms_default;
}

static struct doc_node *load(const char *path)
{
	struct diags d = {0};
	struct doc_node *root = doc_load_file(path, NULL, &d);

	if (root && validate_case(root, forms(), path, &d) != 0) {
		doc_free(root);
		root = NULL;
	}
	diags_print(stderr, &d);
	diags_free(&d);
	return root;
}

/* The change of vd about name (and key, and person; NULL: any), or
 * NULL. */
static const struct vd_change *find(const struct versiondiff *vd,
                                    enum vd_what what, const char *name,
                                    const char *key, const char *person)
{
	size_t i;

	for (i = 0; i < vd->n; i++) {
		const struct vd_change *c = &vd->v[i];

		if (c->what == what && str_eq(c->name, name) &&
		    (!key || str_eq(c->key, key)) &&
		    (!person || str_eq(c->person, person)))
			return c;
	}
	return NULL;
}

/* How many changes of vd are about section. */
static size_t count_in(const struct versiondiff *vd, const char *section)
{
	size_t i, n = 0;

	for (i = 0; i < vd->n; i++)
		if (str_eq(vd->v[i].section, section))
			n++;
	return n;
}

/* The Gezin Kramer, version 1 against version 2. */
static int kramer_diff(struct versiondiff *vd, int from, int to)
{
	struct doc_node *root = load(KRAMER);
	struct diags d = {0};
	int rc;

	if (!root)
		return -1;
	rc = versiondiff_make(forms(), root, from, to, vd, &d);
	diags_print(stderr, &d);
	diags_free(&d);
	doc_free(root);
	return rc;
}

TEST(session_fields_and_participants_stage_0)
{
	struct versiondiff vd;
	const struct vd_change *c;

	CHECK_INT(kramer_diff(&vd, 1, 2), 0);
	CHECK_INT(vd.from, 1);
	CHECK_INT(vd.to, 2);
	CHECK_STR(vd.status_from, "herzien");
	CHECK_STR(vd.status_to, "concept");
	CHECK_STR(vd.date_from, "2026-06-02");
	CHECK_STR(vd.date_to, "2026-09-03");
	c = find(&vd, VD_CHANGED, "sessie 2", "status", NULL);
	CHECK(c != NULL);
	CHECK_INT(c->stage, 0);
	CHECK_STR(c->label, "Status");
	CHECK_STR(c->before, "herzien");
	CHECK_STR(c->after, "concept");
	c = find(&vd, VD_CHANGED, "sessie 2", "evaluation", NULL);
	CHECK(c && str_eq(c->before, "2026-09-01") &&
	      str_eq(c->after, "2026-12-01"));
	CHECK(find(&vd, VD_CHANGED, "sessie 2", "version", NULL) == NULL);
	c = find(&vd, VD_REMOVED, "aanwezige Kees Brouwer", NULL, NULL);
	CHECK(c && c->stage == 0 && str_eq(c->before, "Kees Brouwer"));
	CHECK(find(&vd, VD_ADDED, "aanwezige Sanne Hoekstra", NULL, NULL));
	/* Marloes and the member noelle are in both: no change */
	CHECK_INT(count_in(&vd, "participants"), 2);
	versiondiff_free(&vd);
}

TEST(statements_stage_1)
{
	struct versiondiff vd;
	const struct vd_change *c;

	CHECK_INT(kramer_diff(&vd, 1, 2), 0);
	c = find(&vd, VD_REMOVED, "feit f2", NULL, NULL);
	CHECK(c && c->stage == 1 &&
	      str_eq(c->before, "Loïs was in mei vijf dagen niet op school."));
	c = find(&vd, VD_ADDED, "feit f3", NULL, NULL);
	CHECK(c && str_eq(c->after, "Ruşen heeft sinds augustus weer werk."));
	c = find(&vd, VD_CHANGED, "feit f1", "source", NULL);
	CHECK(c != NULL);
	CHECK_STR(c->label, "Bron");
	CHECK_STR(c->before, "Melding Veilig Thuis");
	CHECK_STR(c->after, "Melding Veilig Thuis, bevestigd door de politie");
	c = find(&vd, VD_CHANGED, "feit f1", "verified", NULL);
	CHECK(c && str_eq(c->before, "false") && str_eq(c->after, "true"));
	/* m1 now says something else altogether: another opinion under the
	 * same ref, not an edit of the first */
	CHECK(find(&vd, VD_CHANGED, "mening m1", "text", NULL) == NULL);
	c = find(&vd, VD_REMOVED, "mening m1", NULL, NULL);
	CHECK(c && str_eq(c->before, "Ruşen vindt dat de buurvrouw "
	                  "overdrijft."));
	CHECK(find(&vd, VD_ADDED, "mening m1", NULL, NULL) != NULL);
	/* z1 is the same in both */
	CHECK(find(&vd, VD_CHANGED, "zorg z1", NULL, NULL) == NULL);
	CHECK_INT(count_in(&vd, "statements"), 6);
	versiondiff_free(&vd);
}

/* "Geldzorgen" moved from 2 to 1 and is still "Geldzorgen": matched by
 * title, with a change of its place; scores per person. */
TEST(top3_moves_and_scores_stage_2)
{
	struct versiondiff vd;
	const struct vd_change *c;

	CHECK_INT(kramer_diff(&vd, 1, 2), 0);
	c = find(&vd, VD_CHANGED, "TOP-3 1 (Geldzorgen)", "rank", NULL);
	CHECK(c && c->stage == 2 && str_eq(c->before, "2") &&
	      str_eq(c->after, "1"));
	c = find(&vd, VD_CHANGED, "TOP-3 1 (Geldzorgen)", "scores", "duo");
	CHECK(c && str_eq(c->before, "5") && str_eq(c->after, "6"));
	CHECK_STR(c->label, "Veiligheidsscores");
	c = find(&vd, VD_CHANGED, "TOP-3 2 (Ruzies waar Loïs bij is)",
	         "rank", NULL);
	CHECK(c && str_eq(c->before, "1") && str_eq(c->after, "2"));
	c = find(&vd, VD_CHANGED, "TOP-3 2 (Ruzies waar Loïs bij is)",
	         "scores", "noelle");
	CHECK(c && str_eq(c->before, "6") && str_eq(c->after, "7"));
	c = find(&vd, VD_CHANGED, "TOP-3 2 (Ruzies waar Loïs bij is)",
	         "scores", "rusen");
	CHECK(c && c->before == NULL && str_eq(c->after, "6"));
	c = find(&vd, VD_CHANGED, "TOP-3 2 (Ruzies waar Loïs bij is)",
	         "what", NULL);
	CHECK(c != NULL);
	c = find(&vd, VD_CHANGED, "TOP-3 2 (Ruzies waar Loïs bij is)",
	         "urgent", NULL);
	CHECK(c && str_eq(c->before, "true") && str_eq(c->after, "false"));
	/* no removed or added concern, and no order change besides ranks */
	CHECK(find(&vd, VD_REMOVED, "TOP-3 1 (Ruzies waar Loïs bij is)",
	           NULL, NULL) == NULL);
	CHECK_INT(count_in(&vd, "top3"), 8);
	versiondiff_free(&vd);
}

/* A pointer to a TOP-3 item that only moved (h1 explains it, p1 serves
 * it) is no change; other changes are. */
TEST(analysis_and_plan_stages_3_and_4)
{
	struct versiondiff vd;
	const struct vd_change *c;

	CHECK_INT(kramer_diff(&vd, 1, 2), 0);
	c = find(&vd, VD_REMOVED, "factor a2", NULL, NULL);
	CHECK(c && c->stage == 3 &&
	      str_eq(c->before, "Noëlle zoekt zelf hulp."));
	CHECK(find(&vd, VD_ADDED, "factor a3", NULL, NULL));
	CHECK(find(&vd, VD_CHANGED, "factor a1", "text", NULL));
	c = find(&vd, VD_CHANGED, "hypothese h1", "status", NULL);
	CHECK(c && str_eq(c->before, "te-toetsen") &&
	      str_eq(c->after, "bevestigd"));
	CHECK(find(&vd, VD_CHANGED, "hypothese h1", "explains", NULL) == NULL);
	c = find(&vd, VD_REMOVED, "afspraak p2", NULL, NULL);
	CHECK(c && c->stage == 4);
	c = find(&vd, VD_ADDED, "voorwaarde p3", NULL, NULL);
	CHECK(c && str_eq(c->after, "De huur wordt elke maand op tijd "
	                  "betaald."));
	c = find(&vd, VD_CHANGED, "afspraak p1", "done", NULL);
	CHECK(c && str_eq(c->before, "false") && str_eq(c->after, "true"));
	CHECK(find(&vd, VD_CHANGED, "afspraak p1", "concern", NULL) == NULL);
	CHECK_INT(count_in(&vd, "plan"), 3);
	/* reviews judge one version: not compared */
	CHECK_INT(count_in(&vd, "reviews"), 0);
	CHECK_INT(count_in(&vd, "comments"), 0);
	versiondiff_free(&vd);
}

TEST(changes_are_ordered_by_stage)
{
	struct versiondiff vd;
	size_t i;

	CHECK_INT(kramer_diff(&vd, 1, 2), 0);
	CHECK(vd.n > 20);
	for (i = 1; i < vd.n; i++)
		CHECK(vd.v[i - 1].stage <= vd.v[i].stage);
	CHECK_INT(vd.v[0].stage, 0);
	CHECK_INT(vd.v[vd.n - 1].stage, 4);
	versiondiff_free(&vd);
}

TEST(backwards_swaps_added_and_removed)
{
	struct versiondiff vd;
	const struct vd_change *c;

	CHECK_INT(kramer_diff(&vd, 2, 1), 0);
	CHECK(find(&vd, VD_ADDED, "feit f2", NULL, NULL));
	CHECK(find(&vd, VD_REMOVED, "feit f3", NULL, NULL));
	c = find(&vd, VD_CHANGED, "sessie 1", "status", NULL);
	CHECK(c && str_eq(c->before, "concept") &&
	      str_eq(c->after, "herzien"));
	versiondiff_free(&vd);
}

TEST(same_version_has_no_changes)
{
	struct versiondiff vd;

	CHECK_INT(kramer_diff(&vd, 2, 2), 0);
	CHECK_INT(vd.n, 0);
	versiondiff_free(&vd);
}

TEST(unknown_version_is_said)
{
	struct doc_node *root = load(KRAMER);
	struct versiondiff vd;
	struct diags d = {0};
	int from = 0, to = 0;

	CHECK(root != NULL);
	CHECK_INT(versiondiff_make(forms(), root, 1, 3, &vd, &d), -1);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.v[0].msg, "versie 3 bestaat niet; er zijn: 1, 2");
	versiondiff_free(&vd);
	CHECK_INT(versiondiff_latest(root, &from, &to), 0);
	CHECK_INT(from, 1);
	CHECK_INT(to, 2);
	diags_free(&d);
	doc_free(root);
}

/* Versions need not follow each other; one version is not enough. */
TEST(latest_two_versions)
{
	static const char one[] =
		"format: duo-case/1\nhousehold: {name: Gezin Een}\n"
		"sessions:\n  - {version: 3, date: 2026-01-01, status: concept}\n";
	static const char three[] =
		"format: duo-case/1\nhousehold: {name: Gezin Drie}\n"
		"sessions:\n"
		"  - {version: 1, date: 2026-01-01, status: herzien}\n"
		"  - {version: 7, date: 2026-03-01, status: concept}\n"
		"  - {version: 4, date: 2026-02-01, status: herzien}\n";
	struct diags d = {0};
	struct doc_node *a = doc_load_buffer("a", one, strlen(one), NULL, &d);
	struct doc_node *b = doc_load_buffer("b", three, strlen(three), NULL,
	                                     &d);
	int from = 0, to = 0;

	CHECK(a && b);
	CHECK_INT(versiondiff_latest(a, &from, &to), -1);
	CHECK_INT(versiondiff_latest(b, &from, &to), 0);
	CHECK_INT(from, 4);
	CHECK_INT(to, 7);
	doc_free(a);
	doc_free(b);
	diags_free(&d);
}

/* Items carry "_id" (a loaded document): each change names the newer
 * item's, or the older one's when removed; an evaluation's fresh _ids do
 * not make every item new. */
TEST(item_ids_of_a_loaded_document)
{
	struct doc_node *root = load(KRAMER);
	struct versiondiff vd;
	struct diags d = {0};
	struct doc_node *s1, *s2;
	const struct vd_change *c;
	size_t i;
	int next = 100;

	CHECK(root != NULL);
	s1 = casedoc_session(root, 1);
	s2 = casedoc_session(root, 2);
	/* give every statement an _id, as store_load_case does */
	for (i = 0; i < casedoc_list(root, s1, "statements", 0)->len; i++)
		doc_map_add(casedoc_list(root, s1, "statements", 0)->item[i],
		            STORE_ITEM_ID, doc_new_scalarf(DOC_PLAIN, "%d",
		                                           next++));
	for (i = 0; i < casedoc_list(root, s2, "statements", 0)->len; i++)
		doc_map_add(casedoc_list(root, s2, "statements", 0)->item[i],
		            STORE_ITEM_ID, doc_new_scalarf(DOC_PLAIN, "%d",
		                                           next++));
	CHECK_INT(versiondiff_make(forms(), root, 1, 2, &vd, &d), 0);
	c = find(&vd, VD_CHANGED, "feit f1", "source", NULL);
	CHECK(c && str_eq(c->item_id, "104"));
	c = find(&vd, VD_REMOVED, "feit f2", NULL, NULL);
	CHECK(c && str_eq(c->item_id, "101"));
	c = find(&vd, VD_ADDED, "feit f3", NULL, NULL);
	CHECK(c && str_eq(c->item_id, "107"));
	CHECK_INT(count_in(&vd, "statements"), 6);
	versiondiff_free(&vd);
	diags_free(&d);
	doc_free(root);
}

/* A statement moved to another column between versions (feit f2 became
 * mening m4, its text the same) is one item that changed kind and ref; a
 * concern renamed with most of its words kept keeps its history. */
TEST(moved_and_renamed_items_keep_their_history)
{
	static const char text[] =
		"format: duo-case/1\n"
		"household: {name: Gezin Test}\n"
		"sessions:\n"
		"  - version: 1\n"
		"    date: 2026-01-01\n"
		"    status: herzien\n"
		"    statements:\n"
		"      - {ref: f1, kind: feit, text: De juf zag dat Tim huilde.,"
		" source: school}\n"
		"      - {ref: f2, kind: feit, text: Tim zegt dat papa schreeuwt.,"
		" source: Tim}\n"
		"    top3:\n"
		"      - {rank: 1, title: Ruzies met geweld, evidence: [f1]}\n"
		"  - version: 2\n"
		"    date: 2026-03-01\n"
		"    status: concept\n"
		"    statements:\n"
		"      - {ref: f1, kind: feit, text: De juf zag dat Tim huilde.,"
		" source: school}\n"
		"      - {ref: m4, kind: mening, text: Tim zegt dat papa "
		"schreeuwt., holder: duo}\n"
		"    top3:\n"
		"      - {rank: 1, title: Ruzies met geweld waar Tim bij is,"
		" evidence: [f1]}\n";
	struct diags d = {0};
	struct doc_node *root = doc_load_buffer("t.yaml", text, strlen(text),
	                                        NULL, &d);
	struct versiondiff vd;
	const struct vd_change *c;

	diags_print(stderr, &d);
	CHECK(root != NULL);
	CHECK_INT(versiondiff_make(forms(), root, 1, 2, &vd, &d), 0);
	c = find(&vd, VD_CHANGED, "mening m4", "kind", NULL);
	CHECK(c && str_eq(c->before, "feit") && str_eq(c->after, "mening"));
	c = find(&vd, VD_CHANGED, "mening m4", "ref", NULL);
	CHECK(c && str_eq(c->before, "f2") && str_eq(c->after, "m4"));
	CHECK_INT(count_in(&vd, "statements") >= 3, 1);
	CHECK(find(&vd, VD_REMOVED, "feit f2", NULL, NULL) == NULL);
	CHECK(find(&vd, VD_ADDED, "mening m4", NULL, NULL) == NULL);
	c = find(&vd, VD_CHANGED, "TOP-3 1 (Ruzies met geweld waar Tim bij is)",
	         "title", NULL);
	CHECK(c && str_eq(c->before, "Ruzies met geweld"));
	versiondiff_free(&vd);
	doc_free(root);
	diags_free(&d);
}

int main(void)
{
	RUN(session_fields_and_participants_stage_0);
	RUN(statements_stage_1);
	RUN(top3_moves_and_scores_stage_2);
	RUN(analysis_and_plan_stages_3_and_4);
	RUN(changes_are_ordered_by_stage);
	RUN(backwards_swaps_added_and_removed);
	RUN(same_version_has_no_changes);
	RUN(unknown_version_is_said);
	RUN(latest_two_versions);
	RUN(item_ids_of_a_loaded_document);
	RUN(moved_and_renamed_items_keep_their_history);
	formset_free(&forms_default);
	return unit_done();
}
