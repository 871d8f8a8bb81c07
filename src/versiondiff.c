/*
 * versiondiff.c - what changed between two versions of a household (see
 * versiondiff.h): casedoc_diff_versions does the comparing; here the
 * changes get their stage and labels from the forms, scores are split per
 * person, and everything is ordered by stage.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "doc.h"
#include "form.h"
#include "util.h"
#include "versiondiff.h"

/* The session with this version in root, or NULL. */
static const struct doc_node *find_version(const struct doc_node *root,
                                           int version)
{
	const struct doc_node *list = doc_map_get(root, "sessions");
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++) {
		const char *v = doc_map_str(list->item[i], "version");

		if (v && atoi(v) == version)
			return list->item[i];
	}
	return NULL;
}

/* The versions of root, "1, 2, 3", for a message. Caller frees. */
static char *version_list(const struct doc_node *root)
{
	const struct doc_node *list = doc_map_get(root, "sessions");
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++) {
		const char *v = doc_map_str(list->item[i], "version");

		if (v)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", v);
	}
	return sb_steal(&sb);
}

/* See versiondiff.h. */
int versiondiff_latest(const struct doc_node *root, int *from, int *to)
{
	const struct doc_node *list = doc_map_get(root, "sessions");
	int hi = 0, next = 0;
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++) {
		const char *t = doc_map_str(list->item[i], "version");
		int v = t ? atoi(t) : 0;

		if (v > hi) {
			next = hi;
			hi = v;
		} else if (v > next && v < hi) {
			next = v;
		}
	}
	if (next <= 0)
		return -1;
	*from = next;
	*to = hi;
	return 0;
}

/* See versiondiff.h. */
int versiondiff_previous(const struct doc_node *root, int version)
{
	const struct doc_node *list = doc_map_get(root, "sessions");
	int best = 0;
	size_t i;

	for (i = 0; list && list->type == DOC_SEQ && i < list->len; i++) {
		const char *t = doc_map_str(list->item[i], "version");
		int v = t ? atoi(t) : 0;

		if (v < version && v > best)
			best = v;
	}
	return best;
}

/* See versiondiff.h. */
const char *versiondiff_value(const struct formset *fs, const char *section,
                              const char *key, const char *value)
{
	const struct form_section *sec = fs ? formset_section(fs, section) :
	                                 NULL;
	const struct form_field *f = sec && key ? form_section_field(sec, key) :
	                             NULL;

	if (str_empty(value))
		return "(leeg)";
	if (f && f->type == FT_CHOICE) {
		const struct form_choice *ch = form_field_choice(f, value);

		return ch ? ch->label : value;
	}
	if (f && f->type == FT_BOOL)
		return str_eq(value, "true") ? "ja" : "nee";
	return value;
}

/* The stage of a section's form, -1 when the forms do not know it. */
static int section_stage(const struct formset *fs, const char *section)
{
	const struct form_section *sec = fs ? formset_section(fs, section) :
	                                 NULL;

	return sec && sec->form ? sec->form->stage : -1;
}

static const char *field_label(const struct formset *fs, const char *section,
                               const char *key)
{
	const struct form_section *sec = fs ? formset_section(fs, section) :
	                                 NULL;
	const struct form_field *f = sec ? form_section_field(sec, key) : NULL;

	return f ? f->label : key;
}

static struct vd_change *add(struct versiondiff *vd, size_t *cap)
{
	struct vd_change *c;

	xgrow(&vd->v, cap, vd->n + 1, sizeof *vd->v);
	c = &vd->v[vd->n++];
	memset(c, 0, sizeof *c);
	return c;
}

/* One score of a "person score, ..." text (cd_value_text of a scores
 * mapping): the score of person, or NULL. A person may hold spaces; the
 * score is the last word. Caller frees. */
static char *score_of(const char *text, const char *person)
{
	const char *p = text;

	while (p && *p) {
		const char *end = strstr(p, ", "), *sp;
		size_t n = end ? (size_t)(end - p) : strlen(p);

		for (sp = p + n; sp > p && sp[-1] != ' '; sp--)
			;
		if (sp > p && (size_t)(sp - 1 - p) == strlen(person) &&
		    strncmp(p, person, strlen(person)) == 0)
			return xstrndup(sp, (size_t)(p + n - sp));
		p = end ? end + 2 : NULL;
	}
	return NULL;
}

/* The persons of a scores text, in order, each once, appended to *v. */
static void score_persons(const char *text, char ***v, size_t *n,
                          size_t *cap)
{
	const char *p = text;

	while (p && *p) {
		const char *end = strstr(p, ", "), *sp;
		size_t len = end ? (size_t)(end - p) : strlen(p), i;
		char *who;

		for (sp = p + len; sp > p && sp[-1] != ' '; sp--)
			;
		who = sp > p ? xstrndup(p, (size_t)(sp - 1 - p)) : NULL;
		for (i = 0; who && i < *n && strcmp((*v)[i], who) != 0; i++)
			;
		if (who && i == *n) {
			xgrow(v, cap, *n + 1, sizeof **v);
			(*v)[(*n)++] = who;
		} else {
			free(who);
		}
		p = end ? end + 2 : NULL;
	}
}

/* A change as casedoc_diff_versions gave it, with its stage and label:
 * borrowed strings. */
struct raw {
	int stage;
	enum vd_what what;
	const char *section, *name, *item_id, *key, *label, *before, *after;
};

/* A change of the scores of a top-3 item: one change per person whose
 * score is new, gone or other. */
static void add_scores(struct versiondiff *vd, size_t *cap,
                       const struct raw *base)
{
	char **who = NULL;
	size_t n = 0, wcap = 0, i;

	score_persons(base->before, &who, &n, &wcap);
	score_persons(base->after, &who, &n, &wcap);
	for (i = 0; i < n; i++) {
		char *b = score_of(base->before, who[i]);
		char *a = score_of(base->after, who[i]);
		struct vd_change *c;

		if (str_eq(a, b)) {
			free(a);
			free(b);
			free(who[i]);
			continue;
		}
		c = add(vd, cap);
		c->stage = base->stage;
		c->section = xstrdup(base->section);
		c->what = VD_CHANGED;
		c->name = xstrdup(base->name);
		c->item_id = xstrdup(base->item_id);
		c->key = xstrdup(base->key);
		c->label = xstrdup(base->label);
		c->person = who[i];
		c->before = b;
		c->after = a;
	}
	free(who);
}

static void change_free(struct vd_change *c)
{
	free(c->section);
	free(c->name);
	free(c->item_id);
	free(c->key);
	free(c->label);
	free(c->person);
	free(c->before);
	free(c->after);
}

/* Stable order by stage (changes without one go last). */
static void sort_by_stage(struct vd_change *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct vd_change t = v[i];
		unsigned ti = (unsigned)t.stage; /* -1 sorts last */

		for (j = i; j > 0 && (unsigned)v[j - 1].stage > ti; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/* See versiondiff.h. */
int versiondiff_make(const struct formset *fs, const struct doc_node *root,
                     int from, int to, struct versiondiff *out,
                     struct diags *d)
{
	const struct doc_node *sa = find_version(root, from);
	const struct doc_node *sb = find_version(root, to);
	struct casedoc_change *ch = NULL;
	size_t n, i, cap = 0;

	assert(root && out);
	memset(out, 0, sizeof *out);
	if (!sa || !sb) {
		char *have = version_list(root);

		diag_add(d, NULL, 0, 0, "versie %d bestaat niet; %s%s",
		         sa ? to : from, str_empty(have) ? "er zijn geen "
		         "versies" : "er zijn: ", str_empty(have) ? "" : have);
		free(have);
		return -1;
	}
	out->from = from;
	out->to = to;
	out->date_from = xstrdup(doc_map_str(sa, "date"));
	out->date_to = xstrdup(doc_map_str(sb, "date"));
	out->status_from = xstrdup(doc_map_str(sa, "status"));
	out->status_to = xstrdup(doc_map_str(sb, "status"));

	n = casedoc_diff_versions(fs, sa, sb, &ch);
	for (i = 0; i < n; i++) {
		const struct casedoc_change *c = &ch[i];
		struct vd_change *dst;
		struct raw t;

		memset(&t, 0, sizeof t);
		t.stage = section_stage(fs, c->section);
		t.section = c->section;
		t.name = c->name;
		t.item_id = c->item_id;
		t.key = str_eq(c->key, "_order") ? NULL : c->key;
		t.before = c->before;
		t.after = c->after;
		if (!c->key)
			t.what = c->after ? VD_ADDED : VD_REMOVED;
		else if (str_eq(c->key, "_order"))
			t.what = VD_ORDER;
		else
			t.what = VD_CHANGED;
		if (t.what == VD_CHANGED)
			t.label = field_label(fs, c->section, c->key);
		if (t.what == VD_CHANGED && str_eq(c->key, "scores")) {
			add_scores(out, &cap, &t);
			continue;
		}
		dst = add(out, &cap);
		dst->stage = t.stage;
		dst->section = xstrdup(t.section);
		dst->what = t.what;
		dst->name = t.what == VD_ORDER ? xstrdup(c->section) :
		            xstrdup(t.name);
		if (t.what == VD_ORDER) {
			const struct form_section *sec =
				fs ? formset_section(fs, c->section) : NULL;

			if (sec) {
				free(dst->name);
				dst->name = xstrdup(sec->label);
			}
		}
		dst->item_id = xstrdup(t.item_id);
		dst->key = xstrdup(t.key);
		dst->label = xstrdup(t.label);
		dst->before = xstrdup(t.before);
		dst->after = xstrdup(t.after);
	}
	casedoc_changes_free(ch, n);
	sort_by_stage(out->v, out->n);
	return 0;
}

/* See versiondiff.h. */
void versiondiff_free(struct versiondiff *vd)
{
	size_t i;

	if (!vd)
		return;
	for (i = 0; i < vd->n; i++)
		change_free(&vd->v[i]);
	free(vd->v);
	free(vd->date_from);
	free(vd->date_to);
	free(vd->status_from);
	free(vd->status_to);
	memset(vd, 0, sizeof *vd);
}
