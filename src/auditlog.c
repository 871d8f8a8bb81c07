/*
 * auditlog.c - the audit trail of a household made readable (auditlog.h):
 * rows of one moment grouped, local times, Dutch names of actions.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auditlog.h"
#include "config.h"
#include "store.h"
#include "util.h"

/* What the actions the store and the screens write are called. */
static const struct {
	const char *action, *label;
} actions[] = {
	{"import", "ingelezen"},
	{"replace", "vervangen door import"},
	{"edit", "bewerkt"},
	{"submit", "ingediend ter beoordeling"},
	{"approve", "vastgesteld"},
	{"return", "teruggestuurd"},
	{"evaluate", "evaluatie begonnen"},
	{"comment", "opmerking geplaatst"},
	{"reply", "opmerking beantwoord"},
	{"resolve", "opmerking afgehandeld"},
	{"reopen", "opmerking heropend"},
};

/* See auditlog.h. */
const char *auditlog_action_label(const char *action)
{
	size_t i;

	for (i = 0; action && i < sizeof actions / sizeof *actions; i++)
		if (strcmp(action, actions[i].action) == 0)
			return actions[i].label;
	return action ? action : "";
}

/* Digits at s[0..n) as a number; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* See auditlog.h. */
int auditlog_local_time(const char *at, char out[17])
{
	struct tm tm;
	time_t t;

	char day[11];

	memset(&tm, 0, sizeof tm);
	if (at && strlen(at) == 20)
		snprintf(day, sizeof day, "%.10s", at);
	else
		day[0] = '\0';
	if (!at || strlen(at) != 20 || !date_is_valid(day) || at[10] != 'T' ||
	    at[13] != ':' || at[16] != ':' || at[19] != 'Z' ||
	    (tm.tm_hour = digits(at + 11, 2)) < 0 || tm.tm_hour > 23 ||
	    (tm.tm_min = digits(at + 14, 2)) < 0 || tm.tm_min > 59 ||
	    (tm.tm_sec = digits(at + 17, 2)) < 0 || tm.tm_sec > 60) {
		snprintf(out, 17, "%s", at ? at : "");
		return -1;
	}
	tm.tm_year = digits(at, 4) - 1900;
	tm.tm_mon = digits(at + 5, 2) - 1;
	tm.tm_mday = digits(at + 8, 2);
	t = timegm(&tm);
	if (t == (time_t)-1 || !localtime_r(&t, &tm) ||
	    strftime(out, 17, "%Y-%m-%d %H:%M", &tm) != 16) {
		snprintf(out, 17, "%s", at);
		return -1;
	}
	return 0;
}

static void add_line(struct auditlog_entry *e, const char *what)
{
	e->lines = xrealloc(e->lines, (e->nlines + 1) * sizeof *e->lines);
	e->lines[e->nlines++] = xstrdup(what ? what : "");
}

struct loading {
	struct auditlog *l;
	size_t cap;
};

/* One audit row: a line of the last entry when it is the same moment,
 * user, role and action; else a new entry. */
static int audit_row(const struct store_audit_row *row, void *arg)
{
	struct loading *ld = arg;
	struct auditlog *l = ld->l;
	struct auditlog_entry *e = l->n ? &l->v[l->n - 1] : NULL;

	if (!e || !str_eq(e->at, row->at) || !str_eq(e->user, row->user) ||
	    !str_eq(e->role, str_empty(row->role) ? NULL : row->role) ||
	    !str_eq(e->action, row->action)) {
		xgrow(&l->v, &ld->cap, l->n + 1, sizeof *l->v);
		e = &l->v[l->n++];
		memset(e, 0, sizeof *e);
		e->at = xstrdup(row->at ? row->at : "");
		e->user = xstrdup(row->user);
		e->role = str_empty(row->role) ? NULL : xstrdup(row->role);
		e->role_label = e->role ? config_role_label(e->role) : NULL;
		e->action = xstrdup(row->action ? row->action : "");
		e->label = auditlog_action_label(e->action);
		(void)auditlog_local_time(e->at, e->when);
	}
	add_line(e, row->what);
	return 0;
}

/* See auditlog.h. */
int auditlog_load(struct store *s, const char *household_id,
                  struct auditlog *out, struct diags *d)
{
	struct loading ld;

	memset(out, 0, sizeof *out);
	ld.l = out;
	ld.cap = 0;
	return store_audit(s, household_id, audit_row, &ld, d);
}

/* See auditlog.h. */
void auditlog_free(struct auditlog *l)
{
	size_t i, j;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		struct auditlog_entry *e = &l->v[i];

		for (j = 0; j < e->nlines; j++)
			free(e->lines[j]);
		free(e->lines);
		free(e->at);
		free(e->user);
		free(e->role);
		free(e->action);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
