/*
 * casedoc_name.c - what the items and fields of a case document are
 * called, in Dutch, for the lines people read: "feit f3", "TOP-3 1",
 * "sessie 2: plan p4", "voorwaarde p2", a field's label.
 *
 * casedoc_missing.c names the items that lack something, casedoc_diff.c
 * the items that changed, casedoc_merge.c those in conflict. The words
 * come from the forms (section and field labels) where they have them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc_impl.h"
#include "doc.h"
#include "form.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Words and names                                                        */

/* label with its first letter lowercase, unless it is an abbreviation
 * ("TOP-3"). Caller frees. */
char *cd_lc_first(const char *label)
{
	char *s = xstrdup(label ? label : "");

	if (isupper((unsigned char)s[0]) && !isupper((unsigned char)s[1]))
		s[0] = (char)tolower((unsigned char)s[0]);
	return s;
}

/* What the section is called ("plan", "TOP-3"), lowercase but for an
 * abbreviation; its key when the forms do not know it. Caller frees. */
char *cd_section_word(const struct formset *fs, const char *section)
{
	const struct form_section *sec = formset_section(fs, section);

	return sec ? cd_lc_first(sec->label) : xstrdup(section);
}

/* What one item of section is called ("lid", "sessie"), lowercase; the
 * section's word when the form gives no item label. Caller frees. */
char *cd_item_word(const struct formset *fs, const char *section)
{
	const struct form_section *sec = formset_section(fs, section);

	if (sec && sec->item_label)
		return cd_lc_first(sec->item_label);
	return cd_section_word(fs, section);
}

/*
 * A short Dutch name of an item: "huishouden", "lid anouk", "sessie 2",
 * "feit f3", "TOP-3 1", "plan p4" (by_kind: "voorwaarde p4"), "factor a1",
 * "aanwezige Fatima El Amrani", "beoordeling 1", "opmerking 2". index is
 * its position, used when it has no ref. Caller frees.
 */
char *cd_item_name(const struct formset *fs, const char *section,
                   const struct doc_node *item, size_t index, int by_kind)
{
	const char *id = NULL, *kind = doc_map_str(item, "kind");
	char *word, *s, num[24];

	if (strcmp(section, "household") == 0 ||
	    strcmp(section, "analysis") == 0)
		return cd_section_word(fs, section);
	snprintf(num, sizeof num, "%zu", index + 1);
	if (strcmp(section, "top3") == 0) {
		const struct form_section *sec = formset_section(fs, "top3");
		id = doc_map_str(item, "rank");
		return xasprintf("%s %s", sec ? sec->label : "TOP-3",
		                 str_empty(id) ? num : id);
	}
	if (strcmp(section, "sessions") == 0)
		id = doc_map_str(item, "version");
	else if (strcmp(section, "participants") == 0)
		id = str_empty(doc_map_str(item, "name")) ?
		     doc_map_str(item, "member") : doc_map_str(item, "name");
	else
		id = doc_map_str(item, "ref");
	if ((strcmp(section, "statements") == 0 ||
	     (by_kind && strcmp(section, "plan") == 0)) && !str_empty(kind))
		word = xstrdup(kind);
	else if (strcmp(section, "plan") == 0)
		word = cd_section_word(fs, section);
	else
		word = cd_item_word(fs, section);
	s = xasprintf("%s %s", word, str_empty(id) ? num : id);
	free(word);
	return s;
}

/* 1 if section lies inside a session. */
int cd_in_session(const char *section)
{
	return strcmp(section, "household") != 0 &&
	       strcmp(section, "members") != 0 &&
	       strcmp(section, "sessions") != 0;
}

/* "sessie N: " when root has more than one session and section lies in
 * one, else "". Caller frees. */
char *cd_name_prefix(const struct formset *fs, const struct doc_node *root,
                     const struct doc_node *session, const char *section)
{
	struct doc_node *sessions = doc_map_get(root, "sessions");
	char *sn, *s;

	if (!session || !section || !cd_in_session(section) || !sessions ||
	    sessions->type != DOC_SEQ || sessions->len < 2)
		return xstrdup("");
	sn = cd_item_name(fs, "sessions", session, 0, 0);
	s = xasprintf("%s: ", sn);
	free(sn);
	return s;
}

/* cd_item_name with cd_name_prefix in front. Caller frees. */
char *cd_full_name(const struct formset *fs, const struct doc_node *root,
                   const struct doc_node *session, const char *section,
                   const struct doc_node *item, size_t index, int by_kind)
{
	char *pre = cd_name_prefix(fs, root, session, section);
	char *name = cd_item_name(fs, section, item, index, by_kind);
	char *s = xasprintf("%s%s", pre, name);

	free(pre);
	free(name);
	return s;
}

/* A short description of an item for a change: its ref, a top-3 title,
 * a participant's name, a reviewer, a comment target, a version. Caller
 * frees. */
char *cd_item_desc(const char *section, const struct doc_node *item)
{
	static const char *const keys[] = {
		"ref", "title", "name", "member", "reviewer", "on", "version",
		"rank", NULL
	};
	size_t i;

	for (i = 0; keys[i]; i++) {
		const char *v = doc_map_str(item, keys[i]);

		if (!str_empty(v))
			return strcmp(keys[i], "version") == 0 ?
			       xasprintf("versie %s", v) : xstrdup(v);
	}
	return xstrdup(section);
}

/* A field's label, or its key when the forms do not know it. */
const char *cd_field_label(const struct formset *fs, const char *section,
                           const char *key)
{
	const struct form_field *f = cd_section_field(fs, section, key);

	return f ? f->label : key;
}
