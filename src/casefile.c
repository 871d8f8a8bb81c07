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

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* ---- many files, batched ------------------------------------------------ */

/*
 * A batch is made in two steps, so that the write lock is free half of
 * the time even while a long import runs: first files are loaded and
 * validated without any lock, for CASE_BATCH_MS / 2 or CASE_BATCH_FILES
 * files; then the batch's transaction stores them and commits. Storing a
 * validated household takes about as long as loading and validating it
 * (0.5 ms against 0.4 ms for a household of the benchmark), so a batch is
 * about CASE_BATCH_MS of work, half of it under the lock, and another duo
 * process whose busy handler polls for the lock (at most 100 ms apart)
 * finds it free within a batch or two. Time also bounds the memory of the
 * documents held between the two steps: what can be parsed in 100 ms.
 */

/* A file of the current batch, kept until its fate is certain. */
struct pending {
	char *name;
	struct doc_node *root;   /* loaded and validated, not yet stored */
	int stored;              /* in the batch; on disk once committed */
	char id[UUID_STR_LEN];
	char *household;
	struct diags why;
};

struct batch {
	struct store *s;
	const struct case_import_io *io;
	unsigned flags;
	struct pending *v;       /* the files of the batch, in order */
	size_t n, cap;
	size_t first;            /* the index of v[0] */
	long failed;
};

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Step 1: load and validate files into the batch, without the lock.
 * Returns 1 when io has no more files. */
static int batch_collect(struct batch *b, const struct formset *fs)
{
	double start = mono_ms();

	while (b->n < CASE_BATCH_FILES &&
	       mono_ms() - start < CASE_BATCH_MS / 2) {
		struct doc_limits lim = doc_limits_default();
		struct case_input in;
		struct pending *p;

		memset(&in, 0, sizeof in);
		if (b->io->next(b->io->arg, &in) != 0)
			return 1;
		xgrow(&b->v, &b->cap, b->n + 1, sizeof *b->v);
		p = &b->v[b->n++];
		memset(p, 0, sizeof *p);
		p->name = xstrdup(in.name ? in.name : "(naamloos)");
		p->root = in.buf ? doc_load_buffer(p->name, in.buf, in.len,
		                                   &lim, &p->why) :
		          doc_load_file(p->name, &lim, &p->why);
		if (p->root && validate_case_mode(p->root, fs, p->name,
		                                  case_mode(b->flags),
		                                  &p->why) != 0) {
			doc_free(p->root);
			p->root = NULL;
		}
	}
	return 0;
}

/* Every file still waiting to be stored fails with the diagnostics bd. */
static void batch_fail(struct batch *b, const struct diags *bd)
{
	size_t i, j;

	for (i = 0; i < b->n; i++) {
		struct pending *p = &b->v[i];

		if (!p->stored && !p->root)
			continue;
		p->stored = 0;
		doc_free(p->root);
		p->root = NULL;
		for (j = 0; j < bd->n; j++) {
			char *msg = diag_format(&bd->v[j]);

			diag_add(&p->why, p->name, 0, 0, "niet ingelezen: %s",
			         msg);
			free(msg);
		}
		if (bd->n == 0)
			diag_add(&p->why, p->name, 0, 0, "niet ingelezen");
	}
}

/* Step 2: store the validated files in one transaction (each in a
 * savepoint of its own) and commit; a file the store refuses is rolled
 * back alone. If the batch cannot begin or commit, none of it is stored. */
static void batch_store(struct batch *b)
{
	struct diags bd = {0};
	size_t i;

	for (i = 0; i < b->n && !b->v[i].root; i++)
		;
	if (i == b->n)
		return; /* nothing valid: never take the lock */
	if (store_batch_begin(b->s, &bd) != 0) {
		batch_fail(b, &bd);
		diags_free(&bd);
		return;
	}
	for (; i < b->n; i++) {
		struct pending *p = &b->v[i];

		if (!p->root)
			continue;
		if (store_import_case(b->s, p->root, p->name,
		                      (b->flags & CASE_REPLACE) != 0, p->id,
		                      &p->why) == 0) {
			const char *name = doc_map_str(doc_map_get(p->root,
			                               "household"), "name");

			p->stored = 1;
			p->household = xstrdup(name ? name : "?");
		}
		doc_free(p->root);
		p->root = NULL;
	}
	if (store_batch_end(b->s, 1, &bd) != 0)
		batch_fail(b, &bd);
	diags_free(&bd);
}

/* Report every file of the batch, in order, and empty it. */
static void batch_report(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct pending *p = &b->v[i];
		struct case_result r;

		assert(!p->root);
		memset(&r, 0, sizeof r);
		r.index = b->first + i;
		r.name = p->name;
		r.stored = p->stored;
		if (p->stored) {
			r.id = p->id;
			r.household = p->household;
		} else {
			if (p->why.n == 0)
				diag_add(&p->why, p->name, 0, 0,
				         "niet ingelezen");
			r.why = &p->why;
			b->failed++;
		}
		b->io->done(b->io->arg, &r);
		free(p->name);
		free(p->household);
		diags_free(&p->why);
	}
	b->first += b->n;
	b->n = 0;
}

/* Import the files of io in batches; see casefile.h. */
long case_import_files(struct store *s, const struct formset *fs,
                       unsigned flags, const struct case_import_io *io)
{
	struct batch b;
	int end;

	memset(&b, 0, sizeof b);
	b.s = s;
	b.io = io;
	b.flags = flags;
	do {
		end = batch_collect(&b, fs);
		batch_store(&b);
		batch_report(&b);
	} while (!end);
	free(b.v);
	return b.failed;
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
