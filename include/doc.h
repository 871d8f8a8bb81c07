/*
 * doc.h - a YAML document as a plain tree of mappings, sequences and
 * scalars, with the source position of every node.
 *
 * This is the only module that talks to libyaml. Loading is safe for
 * untrusted files: libyaml 0.2.5 itself accepts duplicate mapping keys,
 * alias cycles and unbounded nesting, so the loader refuses aliases, anchors,
 * tags other than the standard ones, duplicate keys, non-scalar keys, more
 * than one document, an empty document and invalid UTF-8, and it bounds
 * input size, nesting depth and node count. Every refusal is one diagnostic
 * "file:line:col: message" in Dutch.
 *
 * Emitting writes canonical block-style YAML through libyaml's emitter, so
 * the same tree always gives the same bytes.
 */
#ifndef DUO_DOC_H
#define DUO_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

enum doc_type { DOC_SCALAR, DOC_SEQ, DOC_MAP };

/*
 * How a node is written by doc_emit, and for loaded scalars how it was read.
 *   DOC_AUTO    scalar: plain when a YAML reader would read it back as the
 *               same string (not true/false/null/~/a number/a date, no
 *               leading indicator, no ": " or " #", no leading/trailing
 *               space), a literal block "|" when it holds a newline,
 *               double-quoted otherwise.  Collections: block style.
 *   DOC_PLAIN   scalar written plain: for numbers, booleans and dates the
 *               caller knows to be safe.  Loaded plain scalars get this.
 *   DOC_QUOTED  scalar written double-quoted.  Loaded '...' / "..." get this.
 *   DOC_LITERAL scalar written as a literal block.  Loaded | and > get this.
 *   DOC_FLOW    sequence or mapping written on one line: [a, b], {a: 1}.
 */
enum doc_style { DOC_AUTO, DOC_PLAIN, DOC_QUOTED, DOC_LITERAL, DOC_FLOW };

struct doc_node;

struct doc_pair {
	char *key;              /* owned, UTF-8 */
	int line, col;          /* 1-based position of the key; 0 if built */
	struct doc_node *value; /* owned */
};

struct doc_node {
	enum doc_type type;
	enum doc_style style;
	int line, col;          /* 1-based start of the node; 0 if built */
	char *text;             /* DOC_SCALAR: owned UTF-8 text, never NULL */
	size_t len;             /* DOC_SEQ: items; DOC_MAP: pairs */
	size_t cap;
	struct doc_node **item; /* DOC_SEQ: owned items */
	struct doc_pair *pair;  /* DOC_MAP: owned pairs, in document order */
};

/* Bounds for loading untrusted input. doc_limits_default() gives:
 * 8 MiB, depth 32, 1,000,000 nodes, 1 MiB per scalar. */
struct doc_limits {
	size_t max_bytes;
	int max_depth;
	size_t max_nodes;
	size_t max_scalar;
};
struct doc_limits doc_limits_default(void);

/*
 * Load one YAML document. name is used in diagnostics (usually the path).
 * Returns the root (caller frees with doc_free) or NULL after adding at
 * least one diagnostic to d. An empty file or a file with only comments is
 * an error ("leeg bestand"), as is a second document.
 */
struct doc_node *doc_load_file(const char *path, const struct doc_limits *lim,
                               struct diags *d);
struct doc_node *doc_load_buffer(const char *name, const char *buf, size_t len,
                                 const struct doc_limits *lim, struct diags *d);
void doc_free(struct doc_node *n);

/* Builders (positions 0). The node returned is owned by the caller until it
 * is added to a parent, which then owns it. */
struct doc_node *doc_new_scalar(const char *text, enum doc_style style);
struct doc_node *doc_new_scalarf(enum doc_style style, const char *fmt, ...)
	DUO_PRINTF(2, 3);
struct doc_node *doc_new_seq(enum doc_style style);
struct doc_node *doc_new_map(enum doc_style style);
void doc_seq_add(struct doc_node *seq, struct doc_node *item);
/* Append key: value (keys are not checked for duplicates here). */
void doc_map_add(struct doc_node *map, const char *key, struct doc_node *value);
/* Shortcut: append key with a scalar value. */
void doc_map_add_str(struct doc_node *map, const char *key, const char *text,
                     enum doc_style style);

/* Lookup. NULL when absent or when n is not a mapping. */
struct doc_node *doc_map_get(const struct doc_node *map, const char *key);
const struct doc_pair *doc_map_pair(const struct doc_node *map, const char *key);
/* The scalar text of map[key], or NULL if absent or not a scalar. */
const char *doc_map_str(const struct doc_node *map, const char *key);
/* The number of items of seq; 0 when seq is NULL or not a sequence. */
size_t doc_seq_len(const struct doc_node *seq);
/* The first item of seq that is a mapping whose key has the scalar value,
 * or NULL. */
struct doc_node *doc_seq_find(const struct doc_node *seq, const char *key,
                              const char *value);

/* A plain scalar that YAML reads as null: "", "~", "null", "Null", "NULL". */
int doc_is_null(const struct doc_node *n);

/* Deep copy, positions included. */
struct doc_node *doc_clone(const struct doc_node *n);

/*
 * Write n as one YAML document (no "---" or "..." markers), block style
 * except where a node asks for DOC_FLOW, indent 2, no line folding, UTF-8
 * unescaped. Two libyaml 0.2.5 habits remain: a sequence under a key starts
 * at the key's column ("members:\n- ref: a"), and characters outside the
 * Basic Multilingual Plane (emoji) are written as \U escapes inside double
 * quotes; both read back exactly. Returns 0, or -1 after adding a
 * diagnostic (write error). doc_emit_string returns an owned string.
 */
int doc_emit(FILE *out, const char *name, const struct doc_node *n,
             struct diags *d);
char *doc_emit_string(const struct doc_node *n, struct diags *d);

#endif
