/*
 * auditlog.h - the audit trail of a household made readable: who changed
 * what, when, oldest first.
 *
 * The store writes one audit row per change (store_audit in store.h): a
 * UTC time, the user, an action ("import", "replace", "edit", ...) and a
 * Dutch line saying what changed ("feit f3: Bron gewijzigd"). One save from
 * the screens writes a row per change with the same time; here the rows of
 * one moment, user and action are one entry with several lines, the time
 * is local, and the action has a Dutch name. `duo log` prints it; the
 * log screen (src/ui/screen_log.c) shows the same entries.
 */
#ifndef DUO_AUDITLOG_H
#define DUO_AUDITLOG_H

#include <stddef.h>

#include "store.h"
#include "util.h"

/* One moment of the trail (rows of one time, user, role and action). Strings are owned by the auditlog. */
struct auditlog_entry {
	char when[17];      /* local time, "YYYY-MM-DD HH:MM" (the stored
	                       text when it is not a time duo wrote) */
	char *at;           /* as stored: ISO-8601 UTC */
	char *user;         /* NULL when unknown */
	char *role;         /* the role the user acted in (lokaal, rvt,
	                       teamleider); NULL when unknown, as in rows
	                       from before schema 2 */
	const char *role_label; /* the role in Dutch ("teamleider");
	                       NULL when unknown */
	char *action;       /* as stored */
	const char *label;  /* the action in Dutch ("ingelezen", "bewerkt");
	                       the action itself when duo does not know it */
	char **lines;       /* what changed, one line per audit row */
	size_t nlines;
};

struct auditlog {
	struct auditlog_entry *v;  /* oldest first */
	size_t n;
};

/* The trail of household_id (a uuid; it may name a household that is
 * gone), grouped as above. 0, or -1 after a diagnostic. Free with
 * auditlog_free, also after an error. */
int auditlog_load(struct store *s, const char *household_id,
                  struct auditlog *out, struct diags *d);
void auditlog_free(struct auditlog *l);

/* The Dutch name of an audit action; the action itself when unknown. */
const char *auditlog_action_label(const char *action);

/* An ISO-8601 UTC time "YYYY-MM-DDTHH:MM:SSZ" as local time
 * "YYYY-MM-DD HH:MM" (TZ applies). 0, or -1 when at is not such a time
 * (out then holds as much of at as fits). */
int auditlog_local_time(const char *at, char out[17]);

#endif
