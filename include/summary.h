/*
 * summary.h - the summary for the household: what they take home after a
 * session, in plain Dutch (B1), addressed to them as je/jullie.
 *
 * Three parts, each replaceable without touching the others:
 *
 *   1. The wording (struct summary_texts): every heading and fixed
 *      sentence comes from data/summary/nl.yaml, and what differs per team
 *      (phone numbers, the team lead, how to complain) from data/team.yaml.
 *      Both are loaded with duo's safe YAML loader; every mistake is a
 *      "file:line:col: message". Nothing a household reads is written in C.
 *
 *   2. The model (struct summary): built by summary_build from the case
 *      *after* the household filter (audience.h) - the builder never sees
 *      the unfiltered case, so nothing confidential, no review and no
 *      internal field can reach it. It is a structured document: a flat
 *      list of blocks (headings with a level, paragraphs, lists whose items
 *      may carry label/value pairs, label/value lists), all plain UTF-8
 *      text, in reading order.
 *
 *   3. Renderers: one function per format that only walks the blocks:
 *      text (src/summary_text.c), markdown (src/summary_markdown.c) and
 *      html (src/summary_html.c), listed in summary_formats.
 *
 * Writing a renderer (e.g. a src/summary_odt.c):
 *   - int summary_render_odt(FILE *out, const struct summary *s,
 *     const struct summary_render_opts *o, struct diags *d);
 *     Walk s->blocks from first to last; never look at the case.
 *   - Every string is plain text from people: clean it with
 *     summary_clean (summary_impl.h: control characters go), escape it
 *     for the format (markdown: leading #, *, _, [, <, `...; HTML: & < >
 *     " '), and treat '\n' inside a text as a line break.
 *   - Headings: level 1 is the title (once, first), 2 a part of the letter,
 *     3 a concern or a group, 4 a phase within a group.
 *   - Pairs with SUMMARY_OWN_WORDS are the household's own words: set them
 *     apart (quotes, italics) so they recognise them.
 *   - Put the renderer in summary_formats[] in src/summary.c, declare it
 *     here, and it is available to `duo export --format NAME` and to the
 *     screens with no other change. Return 0, or -1 after a diagnostic
 *     (a write error).
 */
#ifndef DUO_SUMMARY_H
#define DUO_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"
#include "form.h"
#include "util.h"

/* ---- the wording ------------------------------------------------------- */

struct summary_texts;

/*
 * Load datadir/summary/nl.yaml and datadir/team.yaml. Every problem (a
 * missing file, a YAML error, an unknown or missing key, a placeholder a
 * text may not use, a team without phone number) is added to d as
 * file:line:col: message. Returns the texts, or NULL after diagnostics.
 */
struct summary_texts *summary_texts_load(const char *datadir,
                                         struct diags *d);
void summary_texts_free(struct summary_texts *tx);

/* The fixed texts (headings, labels, sentences, values; not the month
 * names) as loaded, in file order, for checking the wording: *n gets the
 * count; the array and strings belong to tx. Placeholders ({naam}) are
 * still in them. */
const char *const *summary_texts_all(const struct summary_texts *tx,
                                     size_t *n);

/* A date YYYY-MM-DD written out in Dutch with the month names of nl.yaml:
 * "15 december 2026" (no leading zero). Caller frees; a text that is not a
 * valid date comes back unchanged. */
char *summary_date(const struct summary_texts *tx, const char *date);

/* ---- the model --------------------------------------------------------- */

enum summary_block_type {
	SUMMARY_HEADING,   /* text, level 1..4 */
	SUMMARY_PARAGRAPH, /* text */
	SUMMARY_LIST,      /* items, each a text with optional pairs */
	SUMMARY_PAIRS      /* pairs: label/value lines */
};

/* A pair holds the household's own words (their view of a concern, their
 * own explanation): renderers set these apart. */
#define SUMMARY_OWN_WORDS 0x1u

struct summary_pair {
	char *label;       /* "Wat er gebeurt" */
	char *value;       /* may hold '\n' */
	unsigned flags;    /* SUMMARY_OWN_WORDS */
};

struct summary_item {
	char *text;                  /* may hold '\n' */
	struct summary_pair *pairs;  /* details under the item; may be none */
	size_t npairs, cap;
};

struct summary_block {
	enum summary_block_type type;
	int level;                   /* SUMMARY_HEADING: 1..4 */
	char *text;                  /* SUMMARY_HEADING, SUMMARY_PARAGRAPH */
	struct summary_item *items;  /* SUMMARY_LIST */
	size_t nitems, icap;
	struct summary_pair *pairs;  /* SUMMARY_PAIRS */
	size_t npairs, pcap;
};

struct summary {
	char *lang;                  /* "nl" */
	char *title;                 /* the level-1 heading, for a page title */
	char *household;             /* the household's name */
	int version;                 /* the session summarised */
	char *date;                  /* its date, YYYY-MM-DD */
	struct summary_block *blocks;
	size_t nblocks, cap;
};

/*
 * The summary of one session of kase (version 0: the highest version).
 * kase is the whole case as the store gives it; the builder filters it
 * first (audience_household_case) and reads only the filtered copy.
 * Returns NULL after diagnostics: no such session, confidential text in a
 * field the household would see (audience.h), no team data for the
 * household's team. Caller frees with summary_free.
 */
struct summary *summary_build(const struct doc_node *kase,
                              const struct formset *fs,
                              const struct summary_texts *tx, int version,
                              struct diags *d);
void summary_free(struct summary *s);

/* ---- rendering --------------------------------------------------------- */

struct summary_render_opts {
	int width;   /* text: wrap at this many columns (0: 72) */
};

/*
 * Plain text: the title underlined with '=', parts with '-', concerns and
 * groups with '~', a phase on its own line with its list indented, lists
 * with "- ", pairs as "Label: value" (or the value indented under its
 * label when it does not fit), wrapped at o->width display columns (UTF-8
 * aware). Control characters in text are dropped, so a case cannot send
 * escape sequences to a terminal.
 */
int summary_render_text(FILE *out, const struct summary *s,
                        const struct summary_render_opts *o,
                        struct diags *d);
/*
 * Markdown (CommonMark): # to #### headings, "- " lists with the details
 * as a nested list of "**Label:** value", own words in italics, line
 * breaks as hard breaks; everything Markdown could read as syntax is
 * escaped. o may be NULL (no option applies).
 */
int summary_render_markdown(FILE *out, const struct summary *s,
                            const struct summary_render_opts *o,
                            struct diags *d);
/*
 * One self-contained HTML file: lang="nl", UTF-8, a viewport for phones,
 * inline CSS with a print style for A4, no script and no external
 * resource; h1..h4, ul with dl details, own words in q; every text
 * escaped. o may be NULL (no option applies).
 */
int summary_render_html(FILE *out, const struct summary *s,
                        const struct summary_render_opts *o,
                        struct diags *d);

typedef int (*summary_render_fn)(FILE *out, const struct summary *s,
                                 const struct summary_render_opts *o,
                                 struct diags *d);

/* The formats of the summary; the array ends with a NULL name. */
struct summary_format {
	const char *name;        /* "text", "markdown", "html" */
	summary_render_fn run;
	const char *extension;   /* "txt", "md", "html": for a file name */
};
extern const struct summary_format summary_formats[];
/* The format with this name, or NULL. */
const struct summary_format *summary_format_get(const char *name);

/* Render s into an owned string (for a screen preview). NULL after a
 * diagnostic. */
char *summary_render_string(summary_render_fn run, const struct summary *s,
                            const struct summary_render_opts *o,
                            struct diags *d);

/* The width of the text format in a file: what `duo export` and the
 * screens' "opslaan als" both write. */
#define SUMMARY_TEXT_WIDTH 72

/*
 * The one way the summary goes into a file, for `duo export --audience
 * huishouden` and the screens' "opslaan als" alike: build the summary of
 * version of kase (summary_build: filtered, refused when confidential
 * text would show) completely before anything is opened, so a refusal
 * writes nothing; then render it in format fmt (text at
 * SUMMARY_TEXT_WIDTH) to path (NULL or "-": stdout) through output.h: a
 * temporary file beside it, mode 0600, renamed into place, so the file
 * appears whole or not at all. 0, or -1 after diagnostics.
 */
int summary_export(const struct doc_node *kase, const struct formset *fs,
                   const struct summary_texts *tx, int version,
                   const struct summary_format *fmt, const char *path,
                   struct diags *d);

#endif
