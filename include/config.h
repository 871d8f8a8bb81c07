/*
 * config.h - who is using duo on this machine: name and role, kept in
 * $XDG_CONFIG_HOME/duo/config (~/.config/duo/config), mode 0600. DUO_USER
 * and DUO_ROLE override the file, so tests and shared hosts are never
 * asked. The name goes into the audit trail.
 */
#ifndef DUO_CONFIG_H
#define DUO_CONFIG_H

#include "util.h"

/* The team lead's overview lists a household whose latest session is
 * more than this many days old (config key quiet_days). */
#define CONFIG_QUIET_DAYS_DEFAULT 90
#define CONFIG_QUIET_DAYS_MAX 3650

struct config {
	char *user;      /* NULL when unknown: ask on first start */
	char *role;      /* lokaal | rvt | teamleider; NULL when unknown */
	int household_view; /* 1: the screen shows only what the household may see */
	int quiet_days;  /* quiet_days = N (1..CONFIG_QUIET_DAYS_MAX); 0 when
	                    the file does not say: use
	                    CONFIG_QUIET_DAYS_DEFAULT */
	char *path;      /* the config file */
	int from_env;    /* user and role came from the environment */
};

/* 1 for lokaal, rvt and teamleider. */
int config_role_valid(const char *role);
/* Dutch label of a role: "lokaal team", "Regionaal Veiligheidsteam",
 * "teamleider". */
const char *config_role_label(const char *role);

/* Read the file (a missing file is no error) and apply DUO_USER and
 * DUO_ROLE. 0, or -1 after a diagnostic naming file and line for a
 * malformed file (the values read so far are kept). */
int config_load(struct config *c, struct diags *d);
/* Write the file atomically (temporary file, fsync, rename), mode 0600,
 * creating its directory (0700). 0 or -1 after a diagnostic. */
int config_save(const struct config *c, struct diags *d);
void config_free(struct config *c);

/* The quiet_days to use: the file's, else CONFIG_QUIET_DAYS_DEFAULT. */
int config_quiet_days(const struct config *c);

#endif
