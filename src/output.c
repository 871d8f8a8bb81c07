/*
 * output.c - a file that appears whole or not at all (output.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

/* See output.h. */
const char *output_why(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return "je mag in deze map niet schrijven";
	case ENOENT:
		return "de map bestaat niet";
	case ENOTDIR:
		return "een deel van het pad is geen map";
	case EISDIR:
		return "dat is een map, geen bestand";
	case ENOSPC:
		return "de schijf is vol";
#ifdef EDQUOT
	case EDQUOT:
		return "je schijfruimte is op (quotum)";
#endif
	case EROFS:
		return "de schijf kan alleen gelezen worden";
	case ENAMETOOLONG:
		return "de naam is te lang";
	case EFBIG:
		return "het bestand wordt te groot";
	case EIO:
		return "de schijf gaf een fout bij het schrijven";
	case 0:
		return "onbekende fout";
	default:
		return strerror(err);
	}
}

/* See output.h. */
int output_open(struct output *o, const char *path, struct diags *d)
{
	const char *slash;
	int fd;

	o->f = stdout;
	o->path = NULL;
	o->tmp = NULL;
	if (!path || str_eq(path, "-"))
		return 0;
	slash = strrchr(path, '/');
	if (slash)
		o->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
		                   slash + 1);
	else
		o->tmp = xasprintf(".%s.XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(o->f = fdopen(fd, "w"))) {
		int err = errno;

		diag_add(d, path, 0, 0, "kan niet schrijven: %s", output_why(err));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		o->f = NULL;
		return -1;
	}
	o->path = path;
	return 0;
}

/* See output.h. */
int output_commit(struct output *o, struct diags *d)
{
	int err = 0;

	if (!o->path) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diag_add(d, NULL, 0, 0, "schrijven naar de uitvoer mislukt: %s",
			         output_why(errno));
			return -1;
		}
		return 0;
	}
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
		err = errno ? errno : EIO;
	if (fclose(o->f) != 0 && !err)
		err = errno ? errno : EIO;
	o->f = NULL;
	if (!err && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err) {
		diag_add(d, o->path, 0, 0, "schrijven mislukt: %s; er is niets "
		         "opgeslagen", output_why(err));
		unlink(o->tmp);
	} else {
		/* make the rename itself durable */
		const char *slash = strrchr(o->path, '/');
		char *dir = slash ? xstrndup(o->path, (size_t)(slash - o->path) + 1)
		                  : xstrdup(".");
		int dirfd = open(dir, O_RDONLY | O_DIRECTORY);

		if (dirfd >= 0) {
			fsync(dirfd);
			close(dirfd);
		}
		free(dir);
	}
	free(o->tmp);
	o->tmp = NULL;
	return err ? -1 : 0;
}

/* See output.h. */
void output_abort(struct output *o)
{
	if (o->path) {
		if (o->f)
			fclose(o->f);
		unlink(o->tmp);
	}
	o->f = NULL;
	free(o->tmp);
	o->tmp = NULL;
}
