/*
 * casefile.c - duo-case/1 files in and out (see casefile.h).
 *
 * Import is three steps with one rule: nothing reaches the database unless
 * all of them pass. doc.c reads the file safely (bounded, no aliases, no
 * duplicate keys), validate.c checks every rule of the format against the
 * forms, and the store writes the case in one transaction.
 */
#include "casefile.h"

#include <stdlib.h>

#include "doc.h"
#include "validate.h"

/* Validate and store an already loaded document; frees it. */
static int case_import_doc(struct store *s, const struct formset *fs,
                           const char *name, struct doc_node *root,
                           int replace, char out_id[UUID_STR_LEN],
                           struct diags *d)
{
	int rc = -1;

	if (!root)
		return -1;
	if (validate_case(root, fs, name, d) == 0)
		rc = store_import_case(s, root, name, replace, out_id, d);
	doc_free(root);
	return rc;
}

int case_import_file(struct store *s, const struct formset *fs,
                     const char *path, int replace,
                     char out_id[UUID_STR_LEN], struct diags *d)
{
	struct doc_limits lim = doc_limits_default();

	return case_import_doc(s, fs, path, doc_load_file(path, &lim, d),
	                       replace, out_id, d);
}

int case_import_buffer(struct store *s, const struct formset *fs,
                       const char *name, const char *buf, size_t len,
                       int replace, char out_id[UUID_STR_LEN],
                       struct diags *d)
{
	struct doc_limits lim = doc_limits_default();

	return case_import_doc(s, fs, name,
	                       doc_load_buffer(name, buf, len, &lim, d),
	                       replace, out_id, d);
}

int case_export_yaml(struct store *s, const struct formset *fs,
                     const char *household_id, FILE *out, const char *outname,
                     struct diags *d)
{
	struct doc_node *root = store_export_case(s, fs, household_id, d);
	int rc;

	if (!root)
		return -1;
	rc = doc_emit(out, outname, root, d);
	doc_free(root);
	return rc;
}
