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
#include <errno.h>
#include <pthread.h>
#include <signal.h>
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

/* ---- many files: batches, loaded on a thread of their own --------------- */

/*
 * Two threads share the work (see casefile.h). The loader thread asks
 * io->next for files and loads and validates them into batches of at most
 * CASE_BATCH_FILES files or what it can load in CASE_BATCH_MS / 2. The
 * calling thread, the only one that touches the store, takes the batches
 * in order, stores each in a transaction, commits it and reports its
 * files. So loading the next batch overlaps storing this one; for a
 * household of the benchmark the two take about the same time (0.45 and
 * 0.55 ms), and on two cores an import takes little more than the storing.
 *
 * Memory: the loader starts a batch only while fewer than CASE_PIPE_BATCHES
 * (2) are loaded or loading and not yet reported, so at most two batches
 * exist at a time: the one being stored and the one being loaded. A
 * batch that has been stored goes back to the loader, which frees it
 * before it loads the next, so memory is freed by the thread that
 * allocated it, a whole batch at a time. Measured on the benchmark: when
 * the storing thread freed each document once stored, malloc took a third
 * more time in both threads (moving chunks between its per-thread caches
 * and arenas); when the loader freed them a few dozen at a time, between
 * files, to hold one batch instead of two, both threads took some 20%
 * more CPU time (the next documents were laid out in the scattered holes
 * of the last ones).
 *
 * The write lock: a transaction stores the files of one batch, about
 * CASE_BATCH_MS / 2 of work; should it take longer than CASE_BATCH_MS the
 * transaction commits there and the rest of the batch goes into the next
 * one. Between two transactions the lock is left free for at least
 * CASE_GAP_MS, while the files of the last one are reported. Another duo
 * process waiting for the lock tries again every few milliseconds (store.c,
 * its busy handler), so it gets in at the next gap; without the gap the
 * storing thread, no longer waiting for loading, would take the lock again
 * within a fraction of a millisecond and a waiting process could time out.
 */

#define CASE_PIPE_BATCHES 2

/* A file of a batch, kept until its fate is certain. */
struct pending {
	char *name;
	struct doc_node *root;   /* loaded and validated (kept until the
	                            batch is freed) */
	int todo;                /* valid, and not yet stored or refused */
	int stored;              /* in a transaction; on disk once committed */
	char id[UUID_STR_LEN];
	char *household;
	struct diags why;
};

struct batch {
	struct pending *v;       /* the files of the batch, in order */
	size_t n, cap;
	size_t first;            /* the index of v[0] among all files */
	struct batch *next;      /* the next loaded batch, in the queue */
};

/* What the loader thread and the storing thread share. */
struct pipeline {
	/* set before the loader starts; read-only while it runs */
	const struct formset *fs;
	const struct case_import_io *io;
	unsigned flags;
	/* the loader's own, read after it has been joined */
	double load_ms, load_cpu_ms;
	long batches;
	/* guarded by mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;       /* any change below */
	struct batch *head, *tail; /* loaded, not yet taken by the store */
	struct batch *spent;     /* reported, for the loader to free */
	int alive;               /* batches loading or loaded, not reported */
	int done;                /* io has no more files */
};

/* The storing side: the calling thread. */
struct importer {
	struct store *s;
	const struct case_import_io *io;
	unsigned flags;
	long failed;
	double last_end;         /* when the last transaction ended; 0: none */
	struct case_import_stats *st;
};

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The CPU time of the calling thread. */
static double thread_cpu_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(ms / 1e3);
	ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1e3) * 1e6);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Load and validate files into b, at most CASE_BATCH_FILES or for about
 * CASE_BATCH_MS / 2. Returns 1 when io has no more files. */
static int batch_collect(struct batch *b, const struct formset *fs,
                         const struct case_import_io *io, unsigned flags,
                         double *busy_ms)
{
	double start = mono_ms();
	int end = 0;

	while (b->n < CASE_BATCH_FILES &&
	       mono_ms() - start < CASE_BATCH_MS / 2) {
		struct doc_limits lim = doc_limits_default();
		struct case_input in;
		struct pending *p;

		memset(&in, 0, sizeof in);
		if (io->next(io->arg, &in) != 0) {
			end = 1;
			break;
		}
		xgrow(&b->v, &b->cap, b->n + 1, sizeof *b->v);
		p = &b->v[b->n++];
		memset(p, 0, sizeof *p);
		p->name = xstrdup(in.name ? in.name : "(naamloos)");
		p->root = in.buf ? doc_load_buffer(p->name, in.buf, in.len,
		                                   &lim, &p->why) :
		          doc_load_file(p->name, &lim, &p->why);
		if (p->root && validate_case_mode(p->root, fs, p->name,
		                                  case_mode(flags),
		                                  &p->why) != 0) {
			doc_free(p->root);
			p->root = NULL;
		}
		p->todo = p->root != NULL;
	}
	*busy_ms += mono_ms() - start;
	return end;
}

static void batch_free(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct pending *p = &b->v[i];

		doc_free(p->root);
		free(p->name);
		free(p->household);
		diags_free(&p->why);
	}
	free(b->v);
	free(b);
}

/* Every file of v[from..to) still waiting to be stored, or stored in a
 * transaction that did not commit, fails with the diagnostics bd. */
static void batch_fail(struct batch *b, size_t from, size_t to,
                       const struct diags *bd)
{
	size_t i, j;

	for (i = from; i < to; i++) {
		struct pending *p = &b->v[i];

		if (!p->stored && !p->todo)
			continue;
		p->stored = 0;
		p->todo = 0;
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

/* Leave the write lock free for CASE_GAP_MS after the last transaction,
 * and use the time for the checkpoint its commit left out (store.h). */
static void lock_gap(struct importer *im)
{
	double gap;

	if (im->last_end == 0)
		return;
	store_checkpoint(im->s);
	gap = mono_ms() - im->last_end;
	if (gap < CASE_GAP_MS) {
		sleep_ms(CASE_GAP_MS - gap);
		gap = mono_ms() - im->last_end;
	}
	if (im->st->gap_min_ms < 0 || gap < im->st->gap_min_ms)
		im->st->gap_min_ms = gap;
}

/*
 * Store the validated files of b from v[from] on in one transaction (each
 * in a savepoint of its own) and commit; a file the store refuses is rolled
 * back alone. The transaction ends at the end of the batch or after
 * CASE_BATCH_MS; returns the index of the first file it did not settle.
 * If the transaction cannot begin, or commit, none of its files is stored.
 */
static size_t store_some(struct importer *im, struct batch *b, size_t from)
{
	struct diags bd = {0};
	size_t i = from;
	double t0, held;
	int any = 0;

	while (i < b->n && !b->v[i].todo)
		i++;
	if (i == b->n)
		return b->n; /* nothing valid: never take the lock */
	lock_gap(im);
	if (store_batch_begin(im->s, &bd) != 0) {
		batch_fail(b, from, b->n, &bd);
		diags_free(&bd);
		return b->n;
	}
	t0 = mono_ms();
	for (; i < b->n; i++) {
		struct pending *p = &b->v[i];

		if (!p->todo)
			continue;
		if (any && mono_ms() - t0 >= CASE_BATCH_MS)
			break; /* the rest in the next transaction */
		any = 1;
		p->todo = 0;
		if (store_import_case(im->s, p->root, p->name,
		                      (im->flags & CASE_REPLACE) != 0, p->id,
		                      &p->why) == 0) {
			const char *name = doc_map_str(doc_map_get(p->root,
			                               "household"), "name");

			p->stored = 1;
			p->household = xstrdup(name ? name : "?");
		}
	}
	if (store_batch_end(im->s, 1, &bd) != 0)
		batch_fail(b, from, i, &bd);
	diags_free(&bd);
	im->last_end = mono_ms();
	held = im->last_end - t0;
	im->st->transactions++;
	im->st->store_ms += held;
	if (held > im->st->hold_max_ms)
		im->st->hold_max_ms = held;
	return i;
}

/* Report the files v[from..to) of b, in order. */
static void batch_report(struct importer *im, struct batch *b, size_t from,
                         size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct pending *p = &b->v[i];
		struct case_result r;

		assert(!p->todo);
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
			im->failed++;
		}
		im->io->done(im->io->arg, &r);
	}
}

/* Store a loaded batch and report each of its files. */
static void batch_finish(struct importer *im, struct batch *b)
{
	size_t from = 0;

	while (from < b->n) {
		size_t to = store_some(im, b, from);

		batch_report(im, b, from, to);
		from = to;
	}
}

/* The loader thread: batches into the queue until io has no more. */
static void *loader_main(void *arg)
{
	struct pipeline *pl = arg;
	size_t first = 0;
	int end = 0;

	while (!end) {
		struct batch *b, *spent;

		pthread_mutex_lock(&pl->mu);
		while (pl->alive >= CASE_PIPE_BATCHES)
			pthread_cond_wait(&pl->cv, &pl->mu);
		pl->alive++;
		spent = pl->spent;
		pl->spent = NULL;
		pthread_mutex_unlock(&pl->mu);
		while (spent) {
			b = spent->next;
			batch_free(spent);
			spent = b;
		}

		b = xcalloc(1, sizeof *b);
		b->first = first;
		end = batch_collect(b, pl->fs, pl->io, pl->flags,
		                    &pl->load_ms);
		first += b->n;
		pl->batches++;

		pthread_mutex_lock(&pl->mu);
		if (b->n == 0) {
			pl->alive--;
			free(b);
		} else if (pl->tail) {
			pl->tail->next = b;
			pl->tail = b;
		} else {
			pl->head = pl->tail = b;
		}
		if (end)
			pl->done = 1;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
	pl->load_cpu_ms = thread_cpu_ms();
	return NULL;
}

/* The next loaded batch, waiting for it; NULL when there are no more. */
static struct batch *pipeline_take(struct pipeline *pl, double *wait_ms)
{
	struct batch *b;
	double t0 = mono_ms();

	pthread_mutex_lock(&pl->mu);
	while (!pl->head && !pl->done)
		pthread_cond_wait(&pl->cv, &pl->mu);
	b = pl->head;
	if (b) {
		pl->head = b->next;
		if (!pl->head)
			pl->tail = NULL;
	}
	pthread_mutex_unlock(&pl->mu);
	*wait_ms += mono_ms() - t0;
	return b;
}

/* Batch b, taken from the queue, is reported: hand it back to the loader
 * to free, and let it go on. */
static void pipeline_release(struct pipeline *pl, struct batch *b)
{
	pthread_mutex_lock(&pl->mu);
	b->next = pl->spent;
	pl->spent = b;
	pl->alive--;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
}

/* Without a second thread: load a batch, store it, and so on. */
static void import_in_turn(struct importer *im, const struct formset *fs)
{
	size_t first = 0;
	int end = 0;

	im->st->threads = 1;
	im->st->store_cpu_ms = -thread_cpu_ms();
	while (!end) {
		struct batch *b = xcalloc(1, sizeof *b);

		b->first = first;
		end = batch_collect(b, fs, im->io, im->flags,
		                    &im->st->load_ms);
		first += b->n;
		im->st->batches++;
		batch_finish(im, b);
		batch_free(b);
	}
	/* all of it, as there is one thread */
	im->st->store_cpu_ms += thread_cpu_ms();
}

/* Load on a thread of its own while this one stores. -1 when no thread
 * could be started (nothing has happened yet). */
static int import_pipelined(struct importer *im, const struct formset *fs)
{
	struct pipeline pl;
	struct batch *b;
	pthread_t loader;
	sigset_t all, old;
	double cpu0;
	int rc;

	memset(&pl, 0, sizeof pl);
	pl.fs = fs;
	pl.io = im->io;
	pl.flags = im->flags;
	if (pthread_mutex_init(&pl.mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&pl.cv, NULL) != 0) {
		pthread_mutex_destroy(&pl.mu);
		return -1;
	}
	/* signals go to the calling thread, as without the loader */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&loader, NULL, loader_main, &pl);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&pl.cv);
		pthread_mutex_destroy(&pl.mu);
		return -1;
	}
	im->st->threads = 2;
	cpu0 = thread_cpu_ms();
	while ((b = pipeline_take(&pl, &im->st->wait_ms)) != NULL) {
		batch_finish(im, b);
		pipeline_release(&pl, b);
	}
	im->st->store_cpu_ms = thread_cpu_ms() - cpu0;
	pthread_join(loader, NULL);
	im->st->load_cpu_ms = pl.load_cpu_ms;
	while (pl.spent) {  /* the last ones, stored after the loader ended */
		b = pl.spent->next;
		batch_free(pl.spent);
		pl.spent = b;
	}
	im->st->load_ms = pl.load_ms;
	im->st->batches = pl.batches;
	pthread_cond_destroy(&pl.cv);
	pthread_mutex_destroy(&pl.mu);
	return 0;
}

/* Import the files of io in batches; see casefile.h. */
long case_import_files_stats(struct store *s, const struct formset *fs,
                             unsigned flags, const struct case_import_io *io,
                             struct case_import_stats *st)
{
	struct case_import_stats own;
	struct importer im;

	memset(&own, 0, sizeof own);
	memset(&im, 0, sizeof im);
	im.s = s;
	im.io = io;
	im.flags = flags;
	im.st = st ? st : &own;
	memset(im.st, 0, sizeof *im.st);
	im.st->gap_min_ms = -1;
	if (import_pipelined(&im, fs) != 0)
		import_in_turn(&im, fs);
	store_checkpoint(s); /* the one the last commit left out */
	return im.failed;
}

long case_import_files(struct store *s, const struct formset *fs,
                       unsigned flags, const struct case_import_io *io)
{
	return case_import_files_stats(s, fs, flags, io, NULL);
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
