/*
 * store_overview.c - the team lead's three lists (overview.h): one pass
 * over the households with their latest session, in the way store_list
 * finds it, then each list ordered in memory.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "overview.h"
#include "store.h"
#include "store_impl.h"
#include "util.h"

/*
 * Every household that belongs on a list, with its latest session and,
 * per list, its date and the days since (NULL when not on that list).
 * ?1 is today, ?2 the first day that is not quiet (today - quiet_days).
 * The conditions of review and overdue are those of store_list's filters.
 * The plan is store_list's: a scan of the covering index household_name
 * and one seek per household for its latest session.
 */
static const char overview_sql[] =
	"SELECT h.uuid, h.name, s.version, s.status,\n"
	"  CASE WHEN s.status = 'ter-review' THEN s.date END,\n"
	"  CASE WHEN s.evaluation < ?1 AND s.status <> 'herzien'\n"
	"    THEN s.evaluation END,\n"
	"  CASE WHEN coalesce(s.date, substr(h.created, 1, 10)) < ?2\n"
	"    THEN coalesce(s.date, substr(h.created, 1, 10)) END\n"
	"FROM household h\n"
	"LEFT JOIN session s ON s.id =\n"
	"  (SELECT x.id FROM session x WHERE x.household_id = h.id\n"
	"   ORDER BY x.version DESC LIMIT 1)\n"
	"WHERE s.status = 'ter-review'\n"
	"   OR (s.evaluation < ?1 AND s.status <> 'herzien')\n"
	"   OR coalesce(s.date, substr(h.created, 1, 10)) < ?2";

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian);
 * 0 when it is not one. */
static long day_number(const char *date)
{
	int y, m, d;
	long era, yoe, doy, doe;

	if (!date || !date_is_valid(date))
		return 0;
	y = atoi(date);
	m = atoi(date + 5);
	d = atoi(date + 8);
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date days after day number z, as YYYY-MM-DD. */
static void date_of_day(long z, char out[11])
{
	long era, doe, yoe, doy, mp;
	int y, m, d;
	char buf[40];

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	snprintf(out, 11, "%.10s", buf);
}

static void list_add(struct overview_list *l, size_t *cap, sqlite3_stmt *st,
                     const char *date, long today)
{
	struct overview_item *it;
	const char *id = store_col_text(st, 0);

	xgrow(&l->v, cap, l->n + 1, sizeof *l->v);
	it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	if (id && strlen(id) < UUID_STR_LEN)
		memcpy(it->household_id, id, strlen(id) + 1);
	it->name = xstrdup(store_col_text(st, 1) ? store_col_text(st, 1) : "");
	it->version = sqlite3_column_int(st, 2);
	it->status = xstrdup(store_col_text(st, 3));
	it->date = xstrdup(date);
	it->days = day_number(date) ? today - day_number(date) : 0;
}

/* Oldest date first, then by name, then by id. */
static int item_cmp(const void *a, const void *b)
{
	const struct overview_item *x = a, *y = b;
	int c = strcmp(x->date ? x->date : "", y->date ? y->date : "");

	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->household_id, y->household_id);
}

static void list_free(struct overview_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].status);
		free(l->v[i].date);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* See overview.h. */
void overview_free(struct overview *o)
{
	if (!o)
		return;
	list_free(&o->review);
	list_free(&o->overdue);
	list_free(&o->quiet);
}

/* See overview.h. */
int overview_load(struct store *s, const char *today, int quiet_days,
                  struct overview *out, struct diags *d)
{
	struct overview_list *lists[3];
	size_t caps[3] = {0, 0, 0}, i;
	sqlite3_stmt *st;
	char cutoff[11];
	long day;
	int rc;

	assert(s && out);
	memset(out, 0, sizeof *out);
	if (today)
		snprintf(out->today, sizeof out->today, "%s", today);
	else
		date_today(out->today);
	if (!date_is_valid(out->today) || quiet_days < 1) {
		diag_add(d, NULL, 0, 0, "overzicht: ongeldige datum '%s' of "
		         "aantal dagen %d", out->today, quiet_days);
		return -1;
	}
	out->quiet_days = quiet_days;
	day = day_number(out->today);
	date_of_day(day - quiet_days, cutoff);
	lists[0] = &out->review;
	lists[1] = &out->overdue;
	lists[2] = &out->quiet;

	st = store_stmt(s, overview_sql, d);
	if (!st)
		return -1;
	rc = sqlite3_bind_text(st, 1, out->today, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, cutoff, -1, SQLITE_TRANSIENT);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 3; i++) {
			const char *date = store_col_text(st, 4 + (int)i);

			if (date)
				list_add(lists[i], &caps[i], st, date, day);
		}
		rc = SQLITE_OK;
	}
	store_stmts_reset(s);
	if (rc != SQLITE_DONE) {
		store_db_error(s, rc, "lezen", d);
		return -1;
	}
	for (i = 0; i < 3; i++)
		if (lists[i]->n > 1)
			qsort(lists[i]->v, lists[i]->n, sizeof *lists[i]->v,
			      item_cmp);
	return 0;
}
