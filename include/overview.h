/*
 * overview.h - what a team lead keeps an eye on, in three lists:
 *
 *   review   households whose latest version waits for review
 *            (ter-review), the one waiting longest first;
 *   overdue  households whose evaluation date has passed and that have no
 *            later version: the latest version's evaluation date lies
 *            before today (and it is not herzien), most overdue first;
 *   quiet    households with no session for more than quiet_days days:
 *            the latest version's date (for a household without
 *            sessions, the day it was made) lies more than quiet_days
 *            before today, the quietest first.
 *
 * A household can be on more than one list. The first two agree with
 * `duo list --status ter-review` and `duo list --overdue --date TODAY`.
 * The lists are read in one pass over the households (src/store_overview.c;
 * the SQL lives there) and are ordered here; the screens and `duo overview`
 * show them.
 */
#ifndef DUO_OVERVIEW_H
#define DUO_OVERVIEW_H

#include <stddef.h>

#include "store.h"
#include "util.h"

/* One household on a list. Strings are owned by the overview. */
struct overview_item {
	char household_id[UUID_STR_LEN];
	char *name;
	int version;     /* its latest version; 0 without sessions */
	char *status;    /* of that version; NULL without sessions */
	char *date;      /* what the list is about: review: the version's
	                    date; overdue: its evaluation date; quiet: its
	                    date, or the day the household was made */
	long days;       /* today minus date, in days */
};

struct overview_list {
	struct overview_item *v;
	size_t n;
};

struct overview {
	char today[11];
	int quiet_days;
	struct overview_list review, overdue, quiet;
};

/*
 * The three lists as of today (YYYY-MM-DD; NULL: date_today(), so
 * $DUO_TODAY pins it), quiet_days >= 1. 0, or -1 after a diagnostic (a
 * bad date, the database). Free with overview_free, also after an error.
 */
int overview_load(struct store *s, const char *today, int quiet_days,
                  struct overview *out, struct diags *d);
void overview_free(struct overview *o);

#endif
