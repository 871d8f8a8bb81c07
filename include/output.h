/*
 * output.h - a file that appears whole or not at all.
 *
 * What duo writes for people to keep (an export, the household summary
 * saved from the screens) is written to a temporary file beside the
 * target, mode 0600 from the start (it names a household), then flushed,
 * synced and renamed over the target, and the directory synced. A full
 * disk, a directory that cannot be written or a crash leaves the old file
 * (or none) and no half-written one.
 *
 * Messages are Dutch and name the file: "PATH: kan niet schrijven: de map
 * bestaat niet". Nothing here knows the terminal or the case.
 */
#ifndef DUO_OUTPUT_H
#define DUO_OUTPUT_H

#include <stdio.h>

#include "util.h"

struct output {
	FILE *f;           /* write here */
	const char *path;  /* the target (not copied); NULL: stdout */
	char *tmp;         /* the temporary file beside path */
};

/* Open path (NULL or "-": stdout) for writing. 0, or -1 after a
 * diagnostic (nothing is left on disk). */
int output_open(struct output *o, const char *path, struct diags *d);
/* Make the output final: flushed, synced and renamed into place. 0, or -1
 * after a diagnostic (the temporary file is then gone; an older file at
 * path is untouched). */
int output_commit(struct output *o, struct diags *d);
/* Give up: remove the temporary file. */
void output_abort(struct output *o);

/* Why a file could not be written, in Dutch, for the usual errno values
 * ("de schijf is vol", "je mag in deze map niet schrijven"); else the
 * system's text. */
const char *output_why(int err);

#endif
