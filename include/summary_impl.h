/*
 * summary_impl.h - what the parts of the household summary share inside
 * duo (src/summary*.c): the loaded wording and team data, and building
 * sentences from templates. Not for other modules: use summary.h.
 */
#ifndef DUO_SUMMARY_IMPL_H
#define DUO_SUMMARY_IMPL_H

#include "summary.h"

/* One team of data/team.yaml; absent strings are NULL. */
struct stx_team {
	const char *name, *phone, *hours, *email;
	const char *lead_name, *lead_phone;
	const char *complaints_text, *complaints_phone, *complaints_email;
	const char *support_name, *support_phone;
	int is_default;
};

/* A fixed text of nl.yaml: group is "headings", "labels" or "sentences".
 * Never NULL for a key of the loader's table (loading checked it); an
 * unknown key is a programming error (assert). */
const char *stx_text(const struct summary_texts *tx, const char *group,
                     const char *key);
/* values.<field>.<value> of nl.yaml (what a choice means, plainly), or
 * NULL when the file does not say. */
const char *stx_value(const struct summary_texts *tx, const char *field,
                      const char *value);
/* 1 if category is listed under protective. */
int stx_protective(const struct summary_texts *tx, const char *category);
/* The team named name, else the default team, else NULL. */
const struct stx_team *stx_team(const struct summary_texts *tx,
                                const char *name);
/* Where team data comes from, for messages. */
const char *stx_team_file(const struct summary_texts *tx);

/*
 * A template with every {name} replaced by its value: vars holds name,
 * value, name, value, ... and ends with NULL. A value that is NULL, and a
 * name not in vars, give "". Caller frees.
 */
char *stx_expand(const char *tmpl, const char *const *vars);

/* A copy of s fit for any output: tabs become spaces; CR, other control
 * characters and invalid UTF-8 are dropped; trailing white space goes;
 * newlines stay. Caller frees. Every renderer cleans text with it. */
char *summary_clean(const char *s);

#endif
