/*
 * casefile.h - duo-case/1 files in and out: read a file safely, validate it
 * against the forms and every rule of the format, store it all or nothing;
 * and write a household back as canonical YAML.
 */
#ifndef DUO_CASEFILE_H
#define DUO_CASEFILE_H

#include <stdio.h>

#include "form.h"
#include "store.h"
#include "util.h"

/* Flags of import and export. */
enum {
	CASE_REPLACE = 1,          /* import: replace a household with the same id */
	CASE_ALLOW_INCOMPLETE = 2  /* import and export: unfinished work in
	                              progress is fine (VALIDATE_SHAPE) */
};

/* Import one file: load (doc.h limits), validate, store. Returns 0, or -1
 * with diagnostics naming path:line:col; the database is then unchanged. */
int case_import_file(struct store *s, const struct formset *fs,
                     const char *path, unsigned flags,
                     char out_id[UUID_STR_LEN], struct diags *d);
/* The same for text already in memory; name is used in diagnostics. */
int case_import_buffer(struct store *s, const struct formset *fs,
                       const char *name, const char *buf, size_t len,
                       unsigned flags, char out_id[UUID_STR_LEN],
                       struct diags *d);

/*
 * Write the household as a duo-case/1 document to out. What export writes
 * must import again, so the text is read back and checked with the import
 * rules before anything is written: if the household holds unfinished work
 * (an item without its required text, a voorwaarde without its consequence)
 * the problems are reported at outname:line:col, nothing is written and -1
 * returned, unless flags has CASE_ALLOW_INCOMPLETE. Returns 0 or -1.
 */
int case_export_yaml(struct store *s, const struct formset *fs,
                     const char *household_id, FILE *out, const char *outname,
                     unsigned flags, struct diags *d);

#endif
