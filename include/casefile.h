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
 * Import many files, several to a transaction (store_batch_begin): what
 * `duo import FILE...` and the benchmark do. Each file is still all or
 * nothing (a savepoint of its own) and a bad file is refused alone; the
 * files around it are stored.
 *
 * Loading and storing overlap: a loader thread of its own calls io->next
 * and loads and validates the files into batches of at most
 * CASE_BATCH_FILES files or about CASE_BATCH_MS / 2 milliseconds of
 * loading, while the calling thread stores the batch before, in one
 * transaction, and commits it with one sync. Only the calling thread uses
 * the store. At most two batches of loaded documents are held at a time.
 * (Should no thread be available, the calling thread loads and stores in
 * turn, with the same results.)
 *
 * The write lock: a transaction holds it for about as long as its batch
 * took to load, and commits after at most about CASE_BATCH_MS even if
 * files of its batch remain (they go into the next transaction). Between
 * two transactions the lock stays free for at least CASE_GAP_MS; a duo
 * process waiting for it tries again every 2 ms (store.h) and gets in at
 * the next gap, so it is not kept waiting long. A batch without a valid file never takes the lock.
 *
 * The files come from io->next, one at a time, as a name and either text
 * in memory or (buf NULL) a file to read at that name. io->next is called
 * on the loader thread, one call at a time and never again after it
 * returned 1, while io->done runs on the calling thread: the two may run
 * at the same time, so they must not share state without a lock, and
 * io->next must not use the store. io->done is called once for every
 * file, in the order of the files, when its fate is certain: a stored file
 * only after its transaction was committed, so nothing is reported as
 * stored before it is on disk. A file that fails is reported with its
 * diagnostics (at its turn in the order, at the latest when its batch
 * ends). If a transaction cannot begin (the lock stays busy) or be
 * committed, every file that was to be stored in it is reported as not
 * stored, with the reason. After a crash during a transaction its files
 * are not stored and were not reported as stored; the transactions before
 * it are and were.
 *
 * Returns the number of files not stored (0: all of them are on disk).
 *
 * (128 files: on the benchmark, batches of 256 imported no faster and
 * held the import at about 50 MB instead of 30, and the lock longer.)
 */
#define CASE_BATCH_FILES 128
#define CASE_BATCH_MS 200
#define CASE_GAP_MS 10

struct case_input {
	const char *name;  /* for diagnostics and the audit trail */
	const char *buf;   /* the text, or NULL: read the file at name */
	size_t len;
};
struct case_result {
	size_t index;            /* 0-based, in the order of io->next */
	const char *name;
	int stored;              /* 1: committed to the database */
	const char *id;          /* stored: the household's id */
	const char *household;   /* stored: the household's name */
	const struct diags *why; /* not stored: at least one diagnostic */
};
struct case_import_io {
	/* The next file in *in (valid until the next call) and 0, or 1
	 * when there are no more. */
	int (*next)(void *arg, struct case_input *in);
	/* Strings of r are valid only during the call. */
	void (*done)(void *arg, const struct case_result *r);
	void *arg;
};
long case_import_files(struct store *s, const struct formset *fs,
                       unsigned flags, const struct case_import_io *io);

/* The same, measuring itself (for the benchmark). Times in ms. */
struct case_import_stats {
	int threads;          /* 2: loaded on a thread of its own; 1: in turn */
	long batches;         /* batches loaded */
	long transactions;    /* write transactions */
	double load_ms;       /* the loader: io->next, loading, validating */
	double load_cpu_ms;   /* the loader thread's CPU time */
	double wait_ms;       /* the calling thread waiting for the loader */
	double store_ms;      /* the write lock held, commits included */
	double store_cpu_ms;  /* the calling thread's CPU time */
	double hold_max_ms;   /* the longest one transaction held it */
	double gap_min_ms;    /* the shortest time it was left free between
	                         two transactions; -1 with fewer than two */
};
long case_import_files_stats(struct store *s, const struct formset *fs,
                             unsigned flags, const struct case_import_io *io,
                             struct case_import_stats *st);

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
