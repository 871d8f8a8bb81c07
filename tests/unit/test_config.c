/*
 * test_config.c - unit tests of config.c: where the file is, reading it
 * (a missing file is fine, a broken line is named by file and line), the
 * environment overriding it, and writing it atomically with mode 0600 in a
 * directory of mode 0700.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "config.h"
#include "unit.h"

static char tmpdir[] = "/tmp/duo-test-config.XXXXXX";

/* A clean environment: XDG_CONFIG_HOME in a fresh directory. */
static char *fresh_home(const char *name)
{
	char *dir = xasprintf("%s/%s", tmpdir, name);

	mkdir(dir, 0700);
	setenv("XDG_CONFIG_HOME", dir, 1);
	unsetenv("DUO_USER");
	unsetenv("DUO_ROLE");
	return dir;
}

static void write_file(const char *path, const char *text)
{
	char *dir = xstrdup(path);
	FILE *f;

	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0700);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	free(dir);
}

static char *read_all(const char *path)
{
	struct strbuf sb = {0};
	char buf[512];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_steal(&sb);
}

TEST(roles_and_labels)
{
	CHECK(config_role_valid("lokaal"));
	CHECK(config_role_valid("rvt"));
	CHECK(config_role_valid("teamleider"));
	CHECK(!config_role_valid("admin"));
	CHECK(!config_role_valid(""));
	CHECK(!config_role_valid(NULL));
	CHECK_STR(config_role_label("lokaal"), "lokaal team");
	CHECK_STR(config_role_label("rvt"), "Regionaal Veiligheidsteam");
	CHECK_STR(config_role_label("teamleider"), "teamleider");
}

TEST(missing_file_is_no_error)
{
	struct config c;
	struct diags d = {0};
	char *dir = fresh_home("missing");
	char *want = xasprintf("%s/duo/config", dir);

	CHECK_INT(config_load(&c, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK(c.user == NULL);
	CHECK(c.role == NULL);
	CHECK_INT(c.from_env, 0);
	CHECK_STR(c.path, want);
	config_free(&c);
	free(want);
	free(dir);
}

TEST(save_then_load)
{
	struct config c = {0}, back;
	struct diags d = {0};
	char *dir = fresh_home("roundtrip");
	struct stat st;
	char *cdir = xasprintf("%s/duo", dir);

	CHECK_INT(config_load(&c, &d), 0);
	c.user = xstrdup("Fatima El Amrani");
	c.role = xstrdup("lokaal");
	c.household_view = 1;
	CHECK_INT(config_save(&c, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK(stat(c.path, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK(stat(cdir, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0700);
	CHECK_INT(config_load(&back, &d), 0);
	CHECK_STR(back.user, "Fatima El Amrani");
	CHECK_STR(back.role, "lokaal");
	CHECK_INT(back.household_view, 1);
	config_free(&back);
	config_free(&c);
	free(cdir);
	free(dir);
}

TEST(save_leaves_no_temporary_file)
{
	struct config c = {0};
	struct diags d = {0};
	char *dir = fresh_home("notemp");
	char *cdir = xasprintf("%s/duo", dir);
	DIR *dp;
	const struct dirent *e;
	int files = 0;

	config_load(&c, &d);
	c.user = xstrdup("Joost Bakker");
	CHECK_INT(config_save(&c, &d), 0);
	CHECK_INT(config_save(&c, &d), 0);
	dp = opendir(cdir);
	CHECK(dp != NULL);
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			files++;
	closedir(dp);
	CHECK_INT(files, 1);
	config_free(&c);
	free(cdir);
	free(dir);
}

TEST(environment_overrides_file)
{
	struct config c;
	struct diags d = {0};
	char *dir = fresh_home("env");
	char *path = xasprintf("%s/duo/config", dir);

	write_file(path, "user = Iemand Anders\nrole = rvt\n");
	setenv("DUO_USER", "Test Gebruiker", 1);
	setenv("DUO_ROLE", "teamleider", 1);
	CHECK_INT(config_load(&c, &d), 0);
	CHECK_STR(c.user, "Test Gebruiker");
	CHECK_STR(c.role, "teamleider");
	CHECK_INT(c.from_env, 1);
	config_free(&c);
	unsetenv("DUO_USER");
	unsetenv("DUO_ROLE");
	CHECK_INT(config_load(&c, &d), 0);
	CHECK_STR(c.user, "Iemand Anders");
	CHECK_STR(c.role, "rvt");
	CHECK_INT(c.from_env, 0);
	config_free(&c);
	free(path);
	free(dir);
}

TEST(bad_role_in_environment)
{
	struct config c;
	struct diags d = {0};
	char *dir = fresh_home("badenv");

	setenv("DUO_ROLE", "baas", 1);
	CHECK_INT(config_load(&c, &d), -1);
	CHECK_INT(d.n, 1);
	CHECK_CONTAINS(d.v[0].msg, "DUO_ROLE");
	CHECK(c.role == NULL);
	config_free(&c);
	diags_free(&d);
	unsetenv("DUO_ROLE");
	free(dir);
}

TEST(broken_lines_named_by_line)
{
	struct config c;
	struct diags d = {0};
	char *dir = fresh_home("broken");
	char *path = xasprintf("%s/duo/config", dir);

	write_file(path, "# comment\n"
	                 "user = Anouk de Vries\n"
	                 "dit is geen regel\n"
	                 "role = baas\n"
	                 "kleur = blauw\n"
	                 "household_view = 2\n");
	CHECK_INT(config_load(&c, &d), -1);
	CHECK_INT(d.n, 4);
	CHECK_STR(d.v[0].file, path);
	CHECK_INT(d.v[0].line, 3);
	CHECK_INT(d.v[1].line, 4);
	CHECK_CONTAINS(d.v[1].msg, "baas");
	CHECK_INT(d.v[2].line, 5);
	CHECK_CONTAINS(d.v[2].msg, "kleur");
	CHECK_INT(d.v[3].line, 6);
	/* what was read before and after is kept */
	CHECK_STR(c.user, "Anouk de Vries");
	CHECK(c.role == NULL);
	config_free(&c);
	diags_free(&d);
	free(path);
	free(dir);
}

/* quiet_days: the overview's days without a session; 90 when absent. */
TEST(quiet_days_read_written_and_checked)
{
	struct config c, back;
	struct diags d = {0};
	char *dir = fresh_home("quiet");
	char *path = xasprintf("%s/duo/config", dir);

	CHECK_INT(config_load(&c, &d), 0);
	CHECK_INT(c.quiet_days, 0);
	CHECK_INT(config_quiet_days(&c), CONFIG_QUIET_DAYS_DEFAULT);
	CHECK_INT(CONFIG_QUIET_DAYS_DEFAULT, 90);
	c.user = xstrdup("Anouk de Vries");
	c.quiet_days = 120;
	CHECK_INT(config_save(&c, &d), 0);
	CHECK_INT(config_load(&back, &d), 0);
	CHECK_INT(config_quiet_days(&back), 120);
	config_free(&back);
	config_free(&c);
	write_file(path, "quiet_days = 0\nquiet_days = veel\n"
	                 "quiet_days = 3651\nquiet_days = 30\n");
	CHECK_INT(config_load(&c, &d), -1);
	CHECK_INT(d.n, 3);
	CHECK_INT(d.v[0].line, 1);
	CHECK_CONTAINS(d.v[1].msg, "quiet_days");
	CHECK_CONTAINS(d.v[1].msg, "veel");
	CHECK_INT(d.v[2].line, 3);
	CHECK_INT(config_quiet_days(&c), 30);
	config_free(&c);
	diags_free(&d);
	free(path);
	free(dir);
}

TEST(spaces_and_utf8_kept)
{
	struct config c;
	struct diags d = {0};
	char *dir = fresh_home("utf8");
	char *path = xasprintf("%s/duo/config", dir);

	write_file(path, "  user   =   Zoë  Ça\u011fr\u0131 = Öztürk  \r\n"
	                 "\n   # indented comment\nrole=rvt");
	CHECK_INT(config_load(&c, &d), 0);
	CHECK_STR(c.user, "Zoë  Ça\u011fr\u0131 = Öztürk");
	CHECK_STR(c.role, "rvt");
	config_free(&c);
	free(path);
	free(dir);
}

TEST(save_refuses_a_name_with_a_newline)
{
	struct config c = {0};
	struct diags d = {0};
	char *dir = fresh_home("newline");
	char *text;

	config_load(&c, &d);
	c.user = xstrdup("Fatima\nrole = teamleider");
	CHECK_INT(config_save(&c, &d), -1);
	CHECK_INT(d.n, 1);
	CHECK(access(c.path, F_OK) != 0);
	text = read_all(c.path);
	CHECK(text == NULL);
	config_free(&c);
	diags_free(&d);
	free(dir);
}

TEST(home_when_no_xdg)
{
	struct config c;
	struct diags d = {0};
	char *home = xasprintf("%s/home", tmpdir);
	char *want = xasprintf("%s/.config/duo/config", home);

	mkdir(home, 0700);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", home, 1);
	CHECK_INT(config_load(&c, &d), 0);
	CHECK_STR(c.path, want);
	config_free(&c);
	/* a relative XDG_CONFIG_HOME is ignored, as the spec says */
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	CHECK_INT(config_load(&c, &d), 0);
	CHECK_STR(c.path, want);
	config_free(&c);
	free(want);
	free(home);
}

TEST(unwritable_directory)
{
	struct config c = {0};
	struct diags d = {0};
	char *dir = fresh_home("readonly");

	if (getuid() == 0) {
		/* root writes anywhere: use a path under a file instead */
		char *file = xasprintf("%s/file", dir);

		write_file(file, "x");
		setenv("XDG_CONFIG_HOME", file, 1);
		free(file);
	} else {
		chmod(dir, 0500);
	}
	config_load(&c, &d);
	c.user = xstrdup("Iemand");
	CHECK_INT(config_save(&c, &d), -1);
	CHECK(d.n >= 1);
	chmod(dir, 0700);
	config_free(&c);
	diags_free(&d);
	free(dir);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(roles_and_labels);
	RUN(missing_file_is_no_error);
	RUN(save_then_load);
	RUN(save_leaves_no_temporary_file);
	RUN(environment_overrides_file);
	RUN(bad_role_in_environment);
	RUN(broken_lines_named_by_line);
	RUN(quiet_days_read_written_and_checked);
	RUN(spaces_and_utf8_kept);
	RUN(save_refuses_a_name_with_a_newline);
	RUN(home_when_no_xdg);
	RUN(unwritable_directory);
	if (system(NULL)) {
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);

		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
		free(cmd);
	}
	return unit_done();
}
