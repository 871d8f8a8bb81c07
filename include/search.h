/*
 * search.h - full-text search over everything typed in all households:
 * household and member names, participants, statements (text, source,
 * holder, response), the TOP-3, factors, hypotheses, plan items, reviews
 * and their comments (and the duo's replies), and every extra field the
 * forms add.
 *
 * The index is kept by the store (src/store_search.c): SQLite FTS5, filled
 * by triggers in the same transaction as every import, save and delete,
 * so a search never sees text that is gone or misses text that was saved.
 *
 * How a query matches (search_run):
 *  - The query is split into words at white space; every word must occur
 *    in one item (in any of its fields). A word that holds punctuation
 *    ("El-Amrani", "4.000") is the words between the punctuation.
 *  - Case and accents do not count: "noelle" finds "Noëlle", "rusen"
 *    "Ruşen", "lois" "Loïs", and the other way round. Letters that are not
 *    a base letter with an accent are folded too: ı→i (Yılmaz), ł→l,
 *    ø→o, đ→d, ß→ss, æ→ae, œ→oe, ĳ→ij.
 *  - Every word of two or more characters also finds the words it begins
 *    ("huis" finds "huisarts"), so a search can run while the user types.
 *    A single character must match a whole word.
 *
 * The index changes when a write transaction commits (the store applies
 * what its triggers queued just before COMMIT): a search inside an import
 * batch does not see the batch's households yet, and what another program
 * wrote with the sqlite3 shell is indexed at duo's next write.
 *
 * Hits are items, newest first within each kind, household-level hits
 * (names of households and members) first; each says where the item is
 * (household, version, stage, section, row id) so that the screens can
 * open it, and carries a snippet of the field that matched best with the
 * matches marked.
 */
#ifndef DUO_SEARCH_H
#define DUO_SEARCH_H

#include <stddef.h>

#include "form.h"
#include "store.h"
#include "util.h"

/* At most this many words in a query (after splitting at punctuation). */
#define SEARCH_MAX_TERMS 16
/* At most this many matches are marked in one snippet. */
#define SEARCH_MAX_MARKS 8
/* Defaults of struct search_opts. */
#define SEARCH_DEFAULT_LIMIT 50
#define SEARCH_DEFAULT_COLS 60

/* A match inside a snippet: bytes [off, off + len) of it. */
struct search_mark {
	size_t off, len;
};

/* One item found. Strings are owned by the results. */
struct search_hit {
	char household_id[UUID_STR_LEN];
	char *household_name;
	char session_id[UUID_STR_LEN]; /* "" for the household and members */
	int version;                   /* 0 for the household and members */
	char *status;                  /* of that session; NULL without one */
	const char *section;           /* the skeleton key of the item:
	                                  household, members, sessions,
	                                  participants, statements, top3,
	                                  analysis, factors, hypotheses, plan,
	                                  reviews, comments (static) */
	int stage;                     /* the stage (0..6) of the section's
	                                  form; -1 without forms */
	long item_id;                  /* the item's row id: its "_id" in
	                                  store_load_case; 0 for the household,
	                                  a session and an analysis */
	char *name;                    /* the item as people call it, from
	                                  the forms' labels: "feit f1",
	                                  "TOP-3 2", "lid anouk", "afspraak
	                                  p3", "opmerking op top3/1",
	                                  "huishouden", "sessie 2" */
	char *item;                    /* how people name it within its list:
	                                  a ref, a top-3 rank, a participant,
	                                  a review's number, a comment's
	                                  target; NULL for household, session
	                                  and analysis */
	char *field;                   /* the key of the field that matched
	                                  best (a form field key; an extra
	                                  field's own key) */
	char *snippet;                 /* one line of that field around the
	                                  first match, "…" where it is cut;
	                                  control characters become spaces */
	struct search_mark marks[SEARCH_MAX_MARKS];
	size_t nmarks;
};

struct search_results {
	struct search_hit *v;
	size_t n;
	int more;      /* there are more hits than the limit */
	size_t nterms; /* the words searched for; 0: the query had none */
};

struct search_opts {
	size_t limit;     /* at most this many hits; 0: SEARCH_DEFAULT_LIMIT */
	int snippet_cols; /* display columns of a snippet, "…" included;
	                     0: SEARCH_DEFAULT_COLS; at least 10 */
};

/*
 * Search every household for query (UTF-8, as the user typed it). o may be
 * NULL (the defaults); fs (may be NULL) gives each hit its stage. A query
 * without letters or digits finds nothing (nterms 0; not an error).
 * Returns 0 with *out filled (free with search_results_free, also after
 * an error), or -1 after a Dutch diagnostic: more than SEARCH_MAX_TERMS
 * words, or the database failed.
 */
int search_run(struct store *s, const struct formset *fs, const char *query,
               const struct search_opts *o, struct search_results *out,
               struct diags *d);
void search_results_free(struct search_results *r);
/* Free the strings of one hit (to drop it from results: move the others
 * down and lower n). */
void search_hit_free(struct search_hit *h);

/* The folding of letters without an accent to take off (ı→i, ß→ss, ...),
 * the same the index applies before its tokenizer. Caller frees. */
char *search_fold(const char *text);

#endif
