/*
 * casefile.c - duo-case/1 files in and out (see casefile.h).
 *
 * Import is three steps with one rule: nothing reaches the database unless
 * all of them pass. doc.c reads the file safely (bounded, no aliases, no
 * duplicate keys), validate.c checks every rule of the format against the
 * forms, and the store writes the case in one transaction.
 *
 * Export holds itself to the same rules: the text it writes is read back
 * and validated before it leaves, so a file from duo export always imports
 * again (or the user is told why, at the line and column of the file).
 */
#include "casefile.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "validate.h"

static enum validate_mode case_mode(unsigned flags)
{
	return flags & CASE_ALLOW_INCOMPLETE ? VALIDATE_SHAPE : VALIDATE_COMPLETE;
}

/* Validate and store an already loaded document; frees it. */
static int case_import_doc(struct store *s, const struct formset *fs,
                           const char *name, struct doc_node *root,
                           unsigned flags, char out_id[UUID_STR_LEN],
                           struct diags *d)
{
	int rc = -1;

	if (!root)
		return -1;
	if (validate_case_mode(root, fs, name, case_mode(flags), d) == 0)
		rc = store_import_case(s, root, name, (flags & CASE_REPLACE) != 0,
		                       out_id, d);
	doc_free(root);
	return rc;
}

int case_import_file(struct store *s, const struct formset *fs,
                     const char *path, unsigned flags,
                     char out_id[UUID_STR_LEN], struct diags *d)
{
	struct doc_limits lim = doc_limits_default();

	return case_import_doc(s, fs, path, doc_load_file(path, &lim, d),
	                       flags, out_id, d);
}

int case_import_buffer(struct store *s, const struct formset *fs,
                       const char *name, const char *buf, size_t len,
                       unsigned flags, char out_id[UUID_STR_LEN],
                       struct diags *d)
{
	struct doc_limits lim = doc_limits_default();

	return case_import_doc(s, fs, name,
	                       doc_load_buffer(name, buf, len, &lim, d),
	                       flags, out_id, d);
}

/* Read text back as import would and check it; 0 when it would import. */
static int case_check_export(const struct formset *fs, const char *name,
                             const char *text, unsigned flags,
                             struct diags *d)
{
	struct doc_limits lim = doc_limits_default();
	struct diags probs = {0};
	struct doc_node *back;
	int rc = 0;

	back = doc_load_buffer(name, text, strlen(text), &lim, &probs);
	if (!back || validate_case_mode(back, fs, name, case_mode(flags),
	                                &probs) > 0) {
		diag_add(d, NULL, 0, 0,
		         "dit huishouden is nog niet af: het bestand zou niet "
		         "opnieuw in te lezen zijn. Vul aan wat hieronder staat, of "
		         "schrijf het toch met --allow-incomplete (en lees het in "
		         "met duo import --allow-incomplete):");
		for (size_t i = 0; i < probs.n; i++)
			diag_add(d, probs.v[i].file, probs.v[i].line, probs.v[i].col,
			         "%s", probs.v[i].msg);
		rc = -1;
	}
	doc_free(back);
	diags_free(&probs);
	return rc;
}

int case_export_yaml(struct store *s, const struct formset *fs,
                     const char *household_id, FILE *out, const char *outname,
                     unsigned flags, struct diags *d)
{
	struct doc_node *root = store_export_case(s, fs, household_id, d);
	char *text;
	int rc = -1;

	if (!root)
		return -1;
	text = doc_emit_string(root, d);
	doc_free(root);
	if (!text)
		return -1;
	if (case_check_export(fs, outname, text, flags, d) == 0) {
		size_t n = strlen(text);
		if (fwrite(text, 1, n, out) == n && fflush(out) == 0)
			rc = 0;
		else
			diag_add(d, outname, 0, 0, "schrijven mislukt");
	}
	free(text);
	return rc;
}
