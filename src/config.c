/*
 * config.c - who is using duo on this machine (see config.h).
 *
 * The file is plain text, one "key = value" per line, '#' starts a comment
 * line:
 *
 *   # duo: wie er op deze computer met duo werkt
 *   user = Fatima El Amrani
 *   role = lokaal
 *   household_view = 0
 *   quiet_days = 90        (optional: the overview's "no session for")
 *
 * It lives in $XDG_CONFIG_HOME/duo/config (an absolute XDG_CONFIG_HOME),
 * else ~/.config/duo/config, and is written whole through a temporary file
 * in the same directory (mode 0600, fsync, rename), so a crash leaves the
 * old file or the new one, never half of one. $DUO_USER and $DUO_ROLE
 * override what the file says.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

/* A config file larger than this is not a config file. */
#define CONFIG_MAX_BYTES 65536

static const struct {
	const char *role, *label;
} role_labels[] = {
	{"lokaal", "lokaal team"},
	{"rvt", "Regionaal Veiligheidsteam"},
	{"teamleider", "teamleider"},
};

#define NROLES (sizeof role_labels / sizeof *role_labels)

/* See config.h. */
int config_role_valid(const char *role)
{
	for (size_t i = 0; role && i < NROLES; i++)
		if (strcmp(role, role_labels[i].role) == 0)
			return 1;
	return 0;
}

/* See config.h. */
const char *config_role_label(const char *role)
{
	for (size_t i = 0; role && i < NROLES; i++)
		if (strcmp(role, role_labels[i].role) == 0)
			return role_labels[i].label;
	return role ? role : "";
}

/* An environment variable, NULL when unset or empty. */
static const char *env(const char *name)
{
	const char *v = getenv(name);

	return str_empty(v) ? NULL : v;
}

/* The config file's path, or NULL when there is no home. Caller frees. */
static char *config_path(void)
{
	const char *xdg = env("XDG_CONFIG_HOME");
	const char *home = env("HOME");

	if (xdg && xdg[0] == '/')
		return xasprintf("%s/duo/config", xdg);
	if (!home) {
		const struct passwd *pw = getpwuid(getuid());

		home = pw && !str_empty(pw->pw_dir) ? pw->pw_dir : NULL;
	}
	return home ? xasprintf("%s/.config/duo/config", home) : NULL;
}

/* Cut spaces and tabs from both ends of s[0..*len), in place. */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* 1 when s holds a control character (a name must be one clean line). */
static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

/* Apply one "key = value" line; -1 after a diagnostic. */
static int parse_line(struct config *c, char *line, int lineno,
                      struct diags *d)
{
	char *eq = strchr(line, '='), *key, *val;

	if (!eq) {
		diag_add(d, c->path, lineno, 1, "verwacht sleutel = waarde");
		return -1;
	}
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	if (strcmp(key, "user") == 0) {
		if (!*val || has_control(val)) {
			diag_add(d, c->path, lineno, 1, "user: een naam is nodig");
			return -1;
		}
		free(c->user);
		c->user = xstrdup(val);
	} else if (strcmp(key, "role") == 0) {
		if (!config_role_valid(val)) {
			diag_add(d, c->path, lineno, 1, "role: onbekende rol '%s' "
			         "(kies lokaal, rvt of teamleider)", val);
			return -1;
		}
		free(c->role);
		c->role = xstrdup(val);
	} else if (strcmp(key, "household_view") == 0) {
		if (strcmp(val, "0") != 0 && strcmp(val, "1") != 0) {
			diag_add(d, c->path, lineno, 1, "household_view: verwacht 0 "
			         "of 1, niet '%s'", val);
			return -1;
		}
		c->household_view = val[0] == '1';
	} else if (strcmp(key, "quiet_days") == 0) {
		char *end;
		long n = strtol(val, &end, 10);

		if (!*val || *end || n < 1 || n > CONFIG_QUIET_DAYS_MAX) {
			diag_add(d, c->path, lineno, 1, "quiet_days: verwacht een "
			         "aantal dagen van 1 tot en met %d, niet '%s'",
			         CONFIG_QUIET_DAYS_MAX, val);
			return -1;
		}
		c->quiet_days = (int)n;
	} else {
		diag_add(d, c->path, lineno, 1, "onbekende sleutel: %s", key);
		return -1;
	}
	return 0;
}

/* Read and parse the file; a missing file is fine. */
static int read_file(struct config *c, struct diags *d)
{
	FILE *f = fopen(c->path, "r");
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	int rc = 0, lineno = 0;
	char *p;

	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		diag_add(d, c->path, 0, 0, "kan de instellingen niet lezen: %s",
		         strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 &&
	       sb.len <= CONFIG_MAX_BYTES)
		sb_addn(&sb, buf, n);
	fclose(f);
	if (sb.len > CONFIG_MAX_BYTES) {
		diag_add(d, c->path, 0, 0, "te groot voor een instellingenbestand");
		sb_free(&sb);
		return -1;
	}
	p = sb.len ? sb.s : NULL;
	while (p && *p) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		lineno++;
		char *line = trim(p);
		if (*line && *line != '#' && parse_line(c, line, lineno, d) != 0)
			rc = -1;
		p = nl ? nl + 1 : NULL;
	}
	sb_free(&sb);
	return rc;
}

/* See config.h. */
int config_load(struct config *c, struct diags *d)
{
	int rc = 0;

	memset(c, 0, sizeof *c);
	c->path = config_path();
	if (c->path && read_file(c, d) != 0)
		rc = -1;
	if (env("DUO_USER")) {
		free(c->user);
		c->user = xstrdup(env("DUO_USER"));
		c->from_env = 1;
	}
	if (env("DUO_ROLE")) {
		if (config_role_valid(env("DUO_ROLE"))) {
			free(c->role);
			c->role = xstrdup(env("DUO_ROLE"));
		} else {
			diag_add(d, NULL, 0, 0, "DUO_ROLE: onbekende rol '%s' (kies "
			         "lokaal, rvt of teamleider)", env("DUO_ROLE"));
			rc = -1;
		}
	}
	return rc;
}

/* Create dir and its missing parents, new ones mode 0700. */
static int make_dirs(const char *dir, struct diags *d)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; ; s++) {
		char ch = *s;

		if (ch != '/' && ch != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			diag_add(d, p, 0, 0, "kan de map niet maken: %s",
			         strerror(errno));
			rc = -1;
			break;
		}
		*s = ch;
		if (ch == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Write all of s to fd; 0 or -1. */
static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* See config.h. */
int config_save(const struct config *c, struct diags *d)
{
	struct strbuf sb = {0};
	char *dir, *tmp, *slash;
	int fd, rc = 0;

	if (!c->path) {
		diag_add(d, NULL, 0, 0, "geen plek voor de instellingen gevonden "
		         "(geen HOME)");
		return -1;
	}
	if (c->user && (has_control(c->user) || !*c->user)) {
		diag_add(d, c->path, 0, 0, "een naam is één regel tekst");
		return -1;
	}
	if (c->role && !config_role_valid(c->role)) {
		diag_add(d, c->path, 0, 0, "onbekende rol '%s'", c->role);
		return -1;
	}
	dir = xstrdup(c->path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	if (slash && slash != dir && make_dirs(dir, d) != 0) {
		free(dir);
		return -1;
	}
	sb_add(&sb, "# duo: wie er op deze computer met duo werkt\n");
	if (c->user)
		sb_addf(&sb, "user = %s\n", c->user);
	if (c->role)
		sb_addf(&sb, "role = %s\n", c->role);
	sb_addf(&sb, "household_view = %d\n", c->household_view ? 1 : 0);
	if (c->quiet_days > 0)
		sb_addf(&sb, "quiet_days = %d\n", c->quiet_days);
	tmp = xasprintf("%s.XXXXXX", c->path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(d, c->path, 0, 0, "kan de instellingen niet schrijven: %s",
		         strerror(errno));
		rc = -1;
	} else {
		if (fchmod(fd, 0600) != 0 || write_all(fd, sb.s, sb.len) != 0 ||
		    fsync(fd) != 0)
			rc = -1;
		if (close(fd) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp, c->path) != 0)
			rc = -1;
		if (rc != 0) {
			diag_add(d, c->path, 0, 0, "kan de instellingen niet "
			         "schrijven: %s", strerror(errno));
			unlink(tmp);
		} else {
			int dfd = open(dir, O_RDONLY | O_DIRECTORY);

			if (dfd >= 0) {
				fsync(dfd);
				close(dfd);
			}
		}
	}
	free(tmp);
	free(dir);
	sb_free(&sb);
	return rc;
}

/* See config.h. */
void config_free(struct config *c)
{
	free(c->user);
	free(c->role);
	free(c->path);
	c->user = c->role = c->path = NULL;
}

/* See config.h. */
int config_quiet_days(const struct config *c)
{
	return c && c->quiet_days > 0 ? c->quiet_days :
	       CONFIG_QUIET_DAYS_DEFAULT;
}
