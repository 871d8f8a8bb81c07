/*
 * versiondiff.h - what changed between two versions of a household: every
 * evaluation is a new version (a session), and a team lead wants to see,
 * stage by stage, which items came, went or changed (old and new text),
 * how the safety scores moved and how the status changed.
 *
 * The comparison itself is casedoc_diff_versions (casedoc.h), the diff
 * the audit trail uses, matching items between versions by ref, title or
 * name; this module picks the two sessions, orders the changes by stage,
 * and splits a change of the scores into one change per person. It
 * works on a household document (store_export_case or store_load_case)
 * and knows no SQL and no terminal: `duo diff` prints it, the screens can
 * show it beside a session.
 */
#ifndef DUO_VERSIONDIFF_H
#define DUO_VERSIONDIFF_H

#include <stddef.h>

#include "doc.h"
#include "form.h"
#include "util.h"

enum vd_what {
	VD_ADDED,    /* the item is new in the newer version (after) */
	VD_REMOVED,  /* the item is gone (before) */
	VD_CHANGED,  /* one field of an item changed (before -> after) */
	VD_ORDER     /* the items of a list came in another order */
};

/* One change. Strings are owned by the versiondiff; NULL when absent. */
struct vd_change {
	int stage;        /* the stage of the section's form, 0..4; -1 when
	                     the forms do not say */
	char *section;    /* skeleton key: sessions (the session's own
	                     fields: date, status, evaluation), participants,
	                     statements, top3, analysis, factors, hypotheses,
	                     plan */
	enum vd_what what;
	char *name;       /* the item as people call it: "feit f3", "TOP-3 1",
	                     "afspraak p2", "sessie 2"; for VD_ORDER the
	                     section ("plan") */
	char *item_id;    /* the item's "_id" in the newer version (in the
	                     older one when removed), for opening it; NULL
	                     with an exported document */
	char *key;        /* the field (VD_CHANGED); "scores" for a score */
	char *label;      /* the field's label from the forms ("Bron"); for a
	                     score the label of the scores field */
	char *person;     /* a score: whose ("duo", a member ref) */
	char *before;     /* the old value: text, a list joined by ", ", a
	                     score; for VD_REMOVED the item's main text (its
	                     text, title or name); for VD_ORDER the old order */
	char *after;      /* the new value, likewise */
};

struct versiondiff {
	int from, to;                 /* the versions compared */
	char *date_from, *date_to;    /* their dates, NULL when absent */
	char *status_from, *status_to;
	struct vd_change *v;          /* by stage, then in form order */
	size_t n;
};

/*
 * Compare version from with version to of the household document root
 * (to may be lower than from: then "before" is from's). 0 with *out
 * filled (free with versiondiff_free), or -1 after a Dutch diagnostic
 * when a version does not exist ("versie 3 bestaat niet; er zijn 1, 2").
 */
int versiondiff_make(const struct formset *fs, const struct doc_node *root,
                     int from, int to, struct versiondiff *out,
                     struct diags *d);
void versiondiff_free(struct versiondiff *vd);

/* A value of a change as people read it: a choice by its label, a bool
 * as "ja"/"nee", nothing as "(leeg)"; borrowed from the forms or value. */
const char *versiondiff_value(const struct formset *fs, const char *section,
                              const char *key, const char *value);

/* The version before version in root (versions need not be
 * consecutive); 0 when there is none. */
int versiondiff_previous(const struct doc_node *root, int version);

/* The highest version of root and the one before it (versions need not
 * be consecutive). 0, or -1 when root has fewer than two sessions. */
int versiondiff_latest(const struct doc_node *root, int *from, int *to);

#endif
