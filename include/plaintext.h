/*
 * plaintext.h - the plain-language (B1) check of the text a household
 * reads: jargon with its plain alternative, sentences over 20 words, and
 * the average sentence length.
 *
 * Three layers, each usable alone:
 *   - the jargon list (jargon.yaml in the data directory): loaded with doc.h's safe loader,
 *     every problem one Dutch "file:line:col: message", duplicates refused;
 *   - the text check: Dutch text split into sentences and words, jargon
 *     found by whole words (case and accents ignored, hyphens split
 *     words), each finding with where it is;
 *   - the case check: "the duo's own text" of one session, chosen by the
 *     forms' `author:` key (form.h), never the household's own words.
 *
 * Findings are data (struct pt_finding), so the TUI preview and the
 * command line show the same thing; pt_finding_line gives the Dutch line
 * `duo export --check` prints. Nothing here knows SQL or the terminal.
 *
 * Confidentiality: pt_check_session works on a case document already
 * filtered for the household (what the household may see), so it never
 * reports on confidential text; pt_check_household does that filtering
 * with the summary's filter (audience.h), so the check reads exactly what
 * the summary may show. As a second line of defence pt_check_session also
 * skips every item whose `confidential` is anything but false itself.
 */
#ifndef DUO_PLAINTEXT_H
#define DUO_PLAINTEXT_H

#include <stddef.h>

#include "doc.h"
#include "form.h"
#include "util.h"

/* A sentence of more words than this is flagged. */
#define PT_LONG_SENTENCE 20
/* B1 aims at an average sentence length of at most this many words. */
#define PT_AVERAGE_MAX 15

/* ---------------------------------------------------------------------- */
/* The jargon list                                                         */

/* One entry of the list: a term, its plain alternative, where it is. */
struct jargon_entry {
	char *term;    /* as the list writes it: "ondertoezichtstelling" */
	char *plain;   /* the plain words or a short explanation */
	int line, col; /* of the entry in the list file */
};

struct pt_pattern; /* private: one matchable form, tokenized */

struct jargon {
	struct jargon_entry *entry;
	size_t n;
	struct pt_pattern *pat;  /* every term, variant and exact form, */
	size_t npat;             /* sorted for lookup */
};

/*
 * Load a jargon list into *j (zeroed first). Format (data/jargon.yaml
 * documents it at its top):
 *
 *   jargon:
 *     - term: ondertoezichtstelling
 *       variants: [ondertoezichtstellingen, OTS]   # optional
 *       exact: [OM]            # optional: matched only as written
 *       plain: een besluit van de kinderrechter ...
 *
 * Returns 0, or -1 after adding every problem found to d (unknown keys,
 * missing term or plain, a form without a word in it, a form that is in
 * the list twice, ...). After -1, *j is empty but may be freed.
 */
int jargon_load_file(struct jargon *j, const char *path, struct diags *d);
int jargon_load_buffer(struct jargon *j, const char *name, const char *buf,
                       size_t len, struct diags *d);
void jargon_free(struct jargon *j);

/* The entry whose term or one of whose forms is exactly the whole text
 * (after the same folding as the check), or NULL. */
const struct jargon_entry *jargon_lookup(const struct jargon *j,
                                         const char *text);

/* ---------------------------------------------------------------------- */
/* Sentences and words                                                     */

/* One sentence of a text: its bytes text[start, start + len) (without
 * the list marker before it or the white space after it) and its words. */
struct pt_sentence {
	size_t start, len;
	int words;
};

/*
 * Split Dutch text into sentences; *out (caller frees) gets them in order,
 * the return value is their number. A sentence ends at . ! ? or … followed
 * by white space or the end, unless the word before the full stop is an
 * abbreviation ("bijv.", "o.a.", "dhr.", "i.v.m."), an initial ("A.
 * Visser"), or a month or "enz." not followed by a capital ("30 sept.
 * 2026"), or the next word starts with a small letter. Full stops inside
 * numbers and dates ("1.500", "15.12.2026", "14.30") end nothing. A line
 * break ends a sentence unless the next line goes on with a small letter;
 * a blank line always does. List markers at the start of a line ("- ",
 * "* ", "• ", "1. ", "2) ", "a) ") start a new sentence and are not part
 * of it, so list items without a full stop are sentences of their own.
 * Text without any word (only punctuation) is no sentence.
 */
size_t pt_sentences(const char *text, struct pt_sentence **out);

/* The words of s[0, n): runs between white space that hold at least one
 * letter or digit ("15-12-2026", "e-mail" and "(4)" are one word each,
 * a lone "-" or "&" is none). UTF-8 aware. */
int pt_count_words(const char *s, size_t n);

/* ---------------------------------------------------------------------- */
/* Findings                                                                */

enum pt_kind {
	PT_JARGON,   /* a jargon word or phrase */
	PT_LONG      /* a sentence of more than PT_LONG_SENTENCE words */
};

/* Where a text comes from, as the caller names it (all may be NULL). */
struct pt_place {
	const char *section; /* skeleton key: "top3", "plan", ... */
	const char *item;    /* the item: a top-3 rank, a ref ("p3") */
	const char *field;   /* the field key: "what", "consequence" */
	const char *label;   /* Dutch, for people: "TOP-3 1, Wat er gebeurt" */
};

/* One finding; every string is owned by the report. */
struct pt_finding {
	enum pt_kind kind;
	char *section, *item, *field, *label;  /* copies of the pt_place */
	size_t offset, len;  /* bytes in the field's text: the jargon as
	                        written, or the whole sentence */
	char *text;          /* those bytes: "OTS", or the sentence */
	char *term;          /* PT_JARGON: the list's term */
	char *plain;         /* PT_JARGON: its plain alternative */
	int words;           /* PT_LONG: the sentence's word count */
};

/* The findings of one or more texts, and what was read. Zero-initialise;
 * pt_report_free releases. */
struct pt_report {
	struct pt_finding *v;
	size_t n, cap;
	size_t texts;      /* texts checked */
	size_t quoted;     /* texts left alone: the household's own words */
	size_t sentences;  /* sentences in the texts checked */
	size_t words;      /* their words */
};

/* Check one text: add its jargon (left to right, the longest form at each
 * place) and its long sentences to r, and count its sentences and words.
 * NULL or empty text adds nothing. */
void pt_check_text(struct pt_report *r, const struct jargon *j,
                   const char *text, const struct pt_place *where);

/* Words per sentence over everything checked; 0 when there were none. */
double pt_average(const struct pt_report *r);

/* 1 when r has no findings and the average is at most PT_AVERAGE_MAX. */
int pt_report_clean(const struct pt_report *r);

void pt_report_free(struct pt_report *r);

/*
 * A finding as one Dutch line without a newline (caller frees); control
 * characters become spaces, so it is safe on a terminal:
 *   TOP-3 1, Wat er gebeurt: vaktaal "OTS" (ondertoezichtstelling); in
 *     gewone woorden: een besluit van de kinderrechter ...
 *   Voorwaarde p3, Als het niet gebeurt: zin van 27 woorden (hoogstens
 *     20): "Als Mark zich niet aan de afspraak houdt en ..."
 * (each on one line).
 */
char *pt_finding_line(const struct pt_finding *f);

/* "Gemiddelde zinslengte: 12,4 woorden per zin (31 zinnen); streef naar
 * hoogstens 15." or, above PT_AVERAGE_MAX, "...: te lang, streef naar
 * hoogstens 15."; "Geen zinnen om te controleren." without sentences.
 * Caller frees. */
char *pt_average_line(const struct pt_report *r);

/* ---------------------------------------------------------------------- */
/* Over a case                                                             */

/*
 * Check the duo's own text of one session of kase (a duo-case/1 document,
 * already filtered for the household; see the top of this file). version
 * 0 is the highest. The fields are those the forms mark `author: duo`,
 * and `author: FIELD` where that field does not name a household member;
 * `author: huishouden` fields and a member's statements are counted in
 * r->quoted and left alone. Items are named as people know them ("TOP-3
 * 1", "zorg z2", "voorwaarde p3", "factor a1") with the field's label.
 * Returns 0, or -1 after a diagnostic (no such version, no sessions).
 */
int pt_check_session(struct pt_report *r, const struct jargon *j,
                     const struct formset *fs, const struct doc_node *kase,
                     int version, struct diags *d);

/*
 * What `duo export --check` checks: one session of kase, a whole case as
 * the store exports it, filtered for the household first with the
 * summary's own filter (audience_household_case, audience.h: only fields
 * marked `household: true`, no confidential item or what points at it),
 * then pt_check_session on that copy. version 0 is the highest. Returns
 * the version checked (1 or more), or -1 after a diagnostic: no such
 * version, or confidential text copied into a shown field, which the
 * filter refuses as it refuses the summary.
 */
int pt_check_household(struct pt_report *r, const struct jargon *j,
                       const struct formset *fs, const struct doc_node *kase,
                       int version, struct diags *d);

#endif
