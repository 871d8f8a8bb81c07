/*
 * paths.c - where the forms and the data directory are (see paths.h).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* option, else $env, else name next to the executable or one or two
 * levels up, else installed. Caller frees. */
static char *find_dir(const char *option, const char *env, const char *name,
                      const char *installed)
{
	const char *v = getenv(env);
	char exe[PATH_MAX];
	ssize_t n;

	if (!str_empty(option))
		return xstrdup(option);
	if (!str_empty(v))
		return xstrdup(v);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (int up = 0; up <= 2; up++) {
			char *dir = xasprintf("%s/%s%s", exe,
			                      up == 0 ? "" : up == 1 ? "../" : "../../",
			                      name);

			if (is_dir(dir))
				return dir;
			free(dir);
		}
	}
	return xstrdup(installed);
}

/* See paths.h. */
char *paths_forms_dir(const char *option)
{
	return find_dir(option, "DUO_FORMS", "forms", DUO_FORMS_DIR);
}

/* See paths.h. */
char *paths_data_dir(const char *option)
{
	return find_dir(option, "DUO_DATA", "data", DUO_DATA_DIR);
}
