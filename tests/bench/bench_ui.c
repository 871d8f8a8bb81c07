/*
 * bench_ui.c - how fast the screens of duo start and answer a key
 * (`make bench`, after bench.c built the region-scale database).
 *
 *   DUO_FORMS=forms ./build/bench_ui build/bench.db
 *
 * Drives the program through the headless API of ui.h (ui_app_open,
 * ui_app_key, ui_app_draw) on a real curses SCREEN: newterm() on the slave
 * side of a pseudo-terminal of 100x30 with TERM xterm-256color, whose master
 * side a thread reads and throws away, so every byte ncurses writes really
 * goes through a terminal driver.
 *
 *   ui_start_ms     ui_app_open on the 10,000-household database until the
 *                   first complete ui_app_draw of the household list
 *                   (median of 5; the screen is cleared before each run so
 *                   the draw paints everything)
 *   ui_list_end_ms  then G (to the last household: the whole list must be
 *                   there) and its redraw (median of 5; no target)
 *   ui_key_ms       one key handled and the screen redrawn, in stage 1 of a
 *                   session with 200 statements (median of 500 keys: cursor
 *                   moves and column changes)
 *   ui_key_p99_ms   the 99th percentile of the same 500 keys
 *
 * The session of 200 statements is a generated household imported into a
 * database of its own in a temporary directory; build/bench.db is only
 * read. Figures go to stdout as "BENCH name value unit"; a summary against
 * the targets (start < 50 ms, key < 5 ms) goes to stderr, with MISSED for a
 * missed target. The exit status is 0 either way, 1 only when the program
 * could not be driven at all.
 *
 * Every household, person and event generated here is made up.
 */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "casefile.h"
#include "form.h"
#include "store.h"
#include "ui.h"
#include "util.h"

#define SCREEN_COLS      100
#define SCREEN_ROWS      30
#define START_RUNS       5
#define KEY_RUNS         500
#define SESSION_STATEMENTS 200
#define TARGET_START_MS  50.0
#define TARGET_KEY_MS    5.0

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Timing and statistics -------------------------------------------- */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The p-th percentile (0..100) of v[0..n), nearest rank; sorts v. */
static double percentile(double *v, size_t n, double p)
{
	qsort(v, n, sizeof v[0], cmp_double);
	size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void report(const char *name, double value, const char *unit)
{
	printf("BENCH %s %.3f %s\n", name, value, unit);
	fflush(stdout);
}

/* ---- A terminal to draw on -------------------------------------------- */

/* A pseudo-terminal with a curses SCREEN on its slave side; a thread
 * drains the master so that ncurses never blocks on a full buffer. */
struct term {
	int master, slave;
	FILE *out, *in;
	SCREEN *scr;
	pthread_t drain;
};

static void *drain_master(void *arg)
{
	int fd = *(int *)arg;
	char buf[8192];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n > 0 || (n < 0 && errno == EINTR))
			continue;
		return NULL; /* EIO: the slave side was closed */
	}
}

static int term_open(struct term *t)
{
	struct winsize ws = { .ws_row = SCREEN_ROWS, .ws_col = SCREEN_COLS };

	memset(t, 0, sizeof *t);
	if (openpty(&t->master, &t->slave, NULL, NULL, &ws) != 0) {
		fprintf(stderr, "bench_ui: openpty: %s\n", strerror(errno));
		return -1;
	}
	if (pthread_create(&t->drain, NULL, drain_master, &t->master) != 0) {
		fprintf(stderr, "bench_ui: pthread_create failed\n");
		return -1;
	}
	t->out = fdopen(dup(t->slave), "w");
	t->in = fdopen(dup(t->slave), "r");
	if (!t->out || !t->in) {
		fprintf(stderr, "bench_ui: fdopen: %s\n", strerror(errno));
		return -1;
	}
	t->scr = newterm("xterm-256color", t->out, t->in);
	if (!t->scr) {
		fprintf(stderr, "bench_ui: newterm(xterm-256color) failed\n");
		return -1;
	}
	set_term(t->scr);
	if (LINES != SCREEN_ROWS || COLS != SCREEN_COLS) {
		fprintf(stderr, "bench_ui: the screen is %dx%d, not %dx%d\n",
		        COLS, LINES, SCREEN_COLS, SCREEN_ROWS);
		return -1;
	}
	return 0;
}

static void term_close(struct term *t)
{
	if (t->scr) {
		endwin();
		delscreen(t->scr);
	}
	if (t->out)
		fclose(t->out);
	if (t->in)
		fclose(t->in);
	close(t->slave); /* the drain thread now reads EIO and ends */
	pthread_join(t->drain, NULL);
	close(t->master);
}

/* 1 when text (ASCII) is somewhere on the curses screen. */
static int screen_shows(const char *text)
{
	char line[4 * SCREEN_COLS + 1];

	for (int y = 0; y < LINES; y++) {
		if (mvinnstr(y, 0, line, (int)sizeof line - 1) == ERR)
			continue;
		if (strstr(line, text))
			return 1;
	}
	return 0;
}

/* Forget what the terminal shows, so that the next draw paints it all. */
static void term_blank(void)
{
	clear();
	refresh();
	clearok(curscr, TRUE);
}

/* ---- A household with a session of 200 statements --------------------- */

/* duo-case/1 text of a made-up household whose one session has n
 * statements (feiten, zorgen and meningen in turn), a TOP-3, factors and a
 * plan: what a long, real session might hold. */
static void gen_big_household(struct strbuf *y, int n)
{
	static const char *const kinds[] = { "feit", "zorg", "mening" };
	static const char *const words[] = {
		"moeder", "vader", "school", "buren", "ruzie", "avond", "huis",
		"geld", "slaap", "politie", "oma", "afspraak", "weekend", "brief",
		"huisarts", "kinderen", "werk", "schulden", "zorgen", "rust",
	};
	int nf = 0, nz = 0, nm = 0;

	sb_add(y, "format: duo-case/1\n"
	          "household:\n"
	          "  name: Gezin Benchmark\n"
	          "  municipality: Ede\n"
	          "  team: Sociaal team Ede-Zuid\n"
	          "  members:\n"
	          "    - {ref: els, name: Els de Boer, role: ouder, born: 1985, lives_here: true}\n"
	          "    - {ref: tim, name: Tim de Boer, role: ouder, born: 1983, lives_here: true}\n"
	          "    - {ref: noor, name: Noor, role: kind, born: 2016, lives_here: true}\n"
	          "sessions:\n"
	          "  - version: 1\n"
	          "    date: 2026-11-02\n"
	          "    status: concept\n"
	          "    evaluation: 2027-01-15\n"
	          "    participants:\n"
	          "      - {name: Fatima El Amrani, organisation: Sociaal team Ede-Zuid, role: lokaal}\n"
	          "      - {member: els}\n"
	          "    statements:\n");
	for (int i = 0; i < n; i++) {
		const char *kind = kinds[i % 3];
		int num = kind[0] == 'f' ? ++nf : kind[0] == 'z' ? ++nz : ++nm;
		sb_addf(y, "      - ref: %c%d\n        kind: %s\n        text:",
		        kind[0], num, kind);
		for (int w = 0; w < 14 + i % 9; w++)
			sb_addf(y, " %s", words[(i * 7 + w * 3) % NELEM(words)]);
		sb_add(y, ".\n");
		if (kind[0] == 'f')
			sb_addf(y, "        source: Verslag %d\n"
			           "        date: 2026-10-%02d\n"
			           "        about: [noor]\n", i, 1 + i % 28);
		else
			sb_addf(y, "        holder: %s\n", i % 2 ? "duo" : "els");
		if (i % 5 == 0)
			sb_add(y, "        response: Els herkent dit deels.\n");
	}
	sb_add(y, "    top3:\n"
	          "      - rank: 1\n"
	          "        title: Ruzies waar Noor bij is\n"
	          "        evidence: [f1, f2]\n"
	          "        scores: {duo: 4, els: 6}\n"
	          "      - rank: 2\n"
	          "        title: Schulden en spanning\n"
	          "        evidence: [f3]\n"
	          "    analysis:\n"
	          "      model: 4p\n"
	          "      factors:\n"
	          "        - {ref: a1, category: uitlokkend, about: tim, text: Drinken in het weekend.}\n"
	          "        - {ref: a2, category: beschermend, about: gezin, text: Oma helpt.}\n"
	          "    plan:\n"
	          "      - {ref: p1, concern: 1, phase: directe-veiligheid, kind: afspraak, text: Tim belt voor hij komt., who: tim}\n");
}

/* Import the big household into a new database at path; its id to id. */
static int make_big_db(const struct formset *fs, const char *path,
                       char id[UUID_STR_LEN])
{
	struct diags d = {0};
	struct strbuf y = {0};
	struct store *st;
	int rc = -1;

	gen_big_household(&y, SESSION_STATEMENTS);
	if ((st = store_open(path, "bench", &d))) {
		rc = case_import_buffer(st, fs, "gezin-benchmark.yaml", y.s, y.len,
		                        0, id, &d);
		store_close(st);
	}
	diags_print(stderr, &d);
	diags_free(&d);
	sb_free(&y);
	return rc;
}

/* ---- The measurements ------------------------------------------------- */

static struct ui_app *app_open(const char *db, const char *forms)
{
	struct ui_options o = { .db_path = db, .forms_dir = forms };
	struct diags d = {0};
	struct ui_app *app = ui_app_open(&o, &d);
	if (!app) {
		fprintf(stderr, "bench_ui: ui_app_open(%s) failed\n", db);
		diags_print(stderr, &d);
	}
	diags_free(&d);
	return app;
}

/*
 * Median ms from ui_app_open to the first complete ui_app_draw of the list
 * (*start), and of the first G (to the last household, which needs the
 * whole list) with its redraw right after (*end).
 */
static int measure_start(const char *db, const char *forms, double *start,
                         double *end)
{
	double v[START_RUNS], w[START_RUNS];
	for (size_t i = 0; i < START_RUNS; i++) {
		term_blank();
		double t0 = now_ms();
		struct ui_app *app = app_open(db, forms);
		if (!app)
			return -1;
		ui_app_draw(app);
		v[i] = now_ms() - t0;
		if (!screen_shows("Huishoudens")) {
			fprintf(stderr, "bench_ui: the household list is not on "
			        "the screen\n");
			ui_app_close(app);
			return -1;
		}
		t0 = now_ms();
		ui_app_key(app, 'G');
		ui_app_draw(app);
		w[i] = now_ms() - t0;
		ui_app_close(app);
	}
	*start = median(v, START_RUNS);
	*end = median(w, START_RUNS);
	return 0;
}

/*
 * The keys of the key benchmark, in cycles of 42: 20 times down a column,
 * 20 times back up, then two column changes; the columns go right, right,
 * left, left, so every column of feiten, zorgen and meningen is walked, as
 * a duo going through a long list of statements would.
 */
static int bench_key(int i)
{
	static const int cycle_len = 42;
	int k = i % cycle_len;
	if (k < 20)
		return UI_KEY_FN(KEY_DOWN);
	if (k < 40)
		return UI_KEY_FN(KEY_UP);
	return (i / cycle_len) % 2 == 0 ? UI_KEY_FN(KEY_RIGHT)
	                                : UI_KEY_FN(KEY_LEFT);
}

/* Per-key ms of KEY_RUNS keys in stage 1 of the big session. */
static int measure_keys(const char *db, const char *forms, const char *id,
                        double *med, double *p99)
{
	static double v[KEY_RUNS];
	struct ui_app *app = app_open(db, forms);
	if (!app)
		return -1;
	if (ui_app_open_household(app, id) != 0 ||
	    ui_app_open_session(app, 0, 1) != 0) {
		fprintf(stderr, "bench_ui: stage 1 of the session did not open\n");
		ui_app_close(app);
		return -1;
	}
	ui_app_draw(app);
	if (!screen_shows("Feiten (67)") || !screen_shows("Zorgen (67)")) {
		fprintf(stderr, "bench_ui: stage 1 does not show the 200 "
		        "statements\n");
		ui_app_close(app);
		return -1;
	}
	for (int i = 0; i < KEY_RUNS; i++) {
		double t0 = now_ms();
		if (ui_app_key(app, bench_key(i))) {
			fprintf(stderr, "bench_ui: a cursor key ended the program\n");
			ui_app_close(app);
			return -1;
		}
		ui_app_draw(app);
		v[i] = now_ms() - t0;
	}
	ui_app_close(app);
	*med = median(v, KEY_RUNS);
	*p99 = percentile(v, KEY_RUNS, 99.0);
	return 0;
}

static int summary_line(const char *what, double got, double target)
{
	int met = got < target;
	fprintf(stderr, "  %-9s %8.2f ms   doel < %4.0f ms   %s\n", what, got,
	        target, met ? "ok" : "MISSED");
	return !met;
}

/* ---- main ------------------------------------------------------------- */

/* A private temporary directory for the configuration and the big
 * database, so that nothing of the user's is read or written. */
static char *make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/duo-bench-ui.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "bench_ui: mkdtemp: %s\n", strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

static void remove_tmpdir(const char *dir, const char *db)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < NELEM(suffixes); i++) {
		char *p = xasprintf("%s%s", db, suffixes[i]);
		unlink(p);
		free(p);
	}
	char *cfg = xasprintf("%s/config/duo/config", dir);
	unlink(cfg);
	free(cfg);
	cfg = xasprintf("%s/config/duo", dir);
	rmdir(cfg);
	free(cfg);
	cfg = xasprintf("%s/config", dir);
	rmdir(cfg);
	free(cfg);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	const char *db = argc > 1 ? argv[1] : "build/bench.db";
	const char *forms = getenv("DUO_FORMS") ? getenv("DUO_FORMS") : "forms";
	struct formset fs;
	struct diags d = {0};
	struct term t;
	char id[UUID_STR_LEN];
	double start_ms = 0, end_ms = 0, key_med = 0, key_p99 = 0;
	int rc = 1, missed = 0;

	if (access(db, R_OK) != 0) {
		fprintf(stderr, "bench_ui: %s: %s (run build/bench first)\n", db,
		        strerror(errno));
		return 1;
	}
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	setenv("DUO_USER", "bench", 1);
	setenv("DUO_ROLE", "lokaal", 1);
	setenv("DUO_TODAY", "2026-11-23", 1);
	setenv("DUO_NOW", "2026-11-23T10:00:00Z", 1);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	unsetenv("DUO_KEYS");

	char *dir = make_tmpdir();
	if (!dir)
		return 1;
	char *cfg = xasprintf("%s/config", dir);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	free(cfg);
	char *big = xasprintf("%s/big.db", dir);

	memset(&fs, 0, sizeof fs);
	if (formset_load(&fs, forms, &d) != 0) {
		fprintf(stderr, "bench_ui: formulieren in %s:\n", forms);
		diags_print(stderr, &d);
		goto out_fs;
	}
	if (make_big_db(&fs, big, id) != 0)
		goto out_fs;
	if (term_open(&t) != 0)
		goto out_term;

	if (measure_start(db, forms, &start_ms, &end_ms) != 0 ||
	    measure_keys(big, forms, id, &key_med, &key_p99) != 0)
		goto out_term;
	rc = 0;
out_term:
	term_close(&t);
	if (rc == 0) {
		report("ui_start_ms", start_ms, "ms");
		report("ui_list_end_ms", end_ms, "ms");
		report("ui_key_ms", key_med, "ms");
		report("ui_key_p99_ms", key_p99, "ms");
		fprintf(stderr, "bench_ui: gemeten tegen de doelen\n");
		missed += summary_line("start", start_ms, TARGET_START_MS);
		missed += summary_line("toets", key_med, TARGET_KEY_MS);
		if (missed)
			fprintf(stderr, "bench_ui: %d doel(en) MISSED\n", missed);
		else
			fprintf(stderr, "bench_ui: alle doelen gehaald\n");
	}
out_fs:
	formset_free(&fs);
	diags_free(&d);
	remove_tmpdir(dir, big);
	free(big);
	free(dir);
	return rc;
}
