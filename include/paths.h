/*
 * paths.h - where duo finds the files it ships with: the forms (forms/)
 * and the data (data/: the wording of the household summary, the team's
 * contact details, word lists).
 *
 * Both are found the same way, so the command line and the screen program
 * agree: the option given (--forms, --data), else the environment
 * ($DUO_FORMS, $DUO_DATA), else a directory of that name next to the
 * executable or one or two levels up (./duo, build/san/duo run from the
 * source tree), else the directory `make install` filled (DUO_FORMS_DIR,
 * DUO_DATA_DIR, under DATADIR).
 */
#ifndef DUO_PATHS_H
#define DUO_PATHS_H

/* The installed directories (the Makefile sets them from DATADIR). */
#ifndef DUO_FORMS_DIR
#define DUO_FORMS_DIR "/usr/local/share/duo/forms"
#endif
#ifndef DUO_DATA_DIR
#define DUO_DATA_DIR "/usr/local/share/duo/data"
#endif

/* The forms directory; option may be NULL. Caller frees. */
char *paths_forms_dir(const char *option);
/* The data directory; option may be NULL. Caller frees. */
char *paths_data_dir(const char *option);

#endif
