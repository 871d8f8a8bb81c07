/*
 * doc.c - YAML documents as plain trees (see doc.h); the only module that
 * talks to libyaml.
 *
 * Loading runs libyaml's event parser and builds the tree with an explicit
 * stack, so every bound (depth, node count, scalar length) is checked while
 * the events arrive: 200,000 nested '[' stop at level 33, not after libyaml
 * has scanned them all. Everything libyaml would accept but duo must not
 * (aliases, anchors, odd tags, duplicate or non-scalar keys, a second
 * document, NUL bytes) is refused with one Dutch diagnostic. Duplicate keys
 * are found with a small hash index per open mapping, so a mapping with a
 * million keys costs linear time.
 *
 * Emitting feeds libyaml's emitter. The scalar style is chosen here, with
 * rules a little stricter than libyaml's own analysis, so that libyaml never
 * overrides the choice with a style the loader would read back differently:
 * emit, load and emit again gives the same bytes.
 */
#include "doc.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#define DOC_STD_TAG   "tag:yaml.org,2002:"
#define DOC_HASH_FROM 8   /* a mapping gets a key index from this many keys */
#define DOC_READ_STEP 65536

/* ------------------------------------------------------------------ */
/* Nodes                                                               */

static struct doc_node *doc_node_new(enum doc_type type, enum doc_style style)
{
	struct doc_node *n = xcalloc(1, sizeof *n);

	n->type = type;
	n->style = style;
	return n;
}

/* Append a pair whose key the map takes over; returns the new pair. */
static struct doc_pair *doc_map_push(struct doc_node *map, char *key,
                                     struct doc_node *value)
{
	struct doc_pair *p;

	assert(map && map->type == DOC_MAP && key && value);
	xgrow(&map->pair, &map->cap, map->len + 1, sizeof *map->pair);
	p = &map->pair[map->len++];
	p->key = key;
	p->line = p->col = 0;
	p->value = value;
	return p;
}

/* Free n and everything it owns. NULL is fine. */
void doc_free(struct doc_node *n)
{
	size_t i;

	if (!n)
		return;
	switch (n->type) {
	case DOC_SCALAR:
		free(n->text);
		break;
	case DOC_SEQ:
		for (i = 0; i < n->len; i++)
			doc_free(n->item[i]);
		free(n->item);
		break;
	case DOC_MAP:
		for (i = 0; i < n->len; i++) {
			free(n->pair[i].key);
			doc_free(n->pair[i].value);
		}
		free(n->pair);
		break;
	}
	free(n);
}

/* A new scalar holding a copy of text (NULL is taken as ""). */
struct doc_node *doc_new_scalar(const char *text, enum doc_style style)
{
	struct doc_node *n = doc_node_new(DOC_SCALAR, style);

	n->text = xstrdup(text ? text : "");
	return n;
}

/* A new scalar with printf-formatted text. */
struct doc_node *doc_new_scalarf(enum doc_style style, const char *fmt, ...)
{
	struct doc_node *n = doc_node_new(DOC_SCALAR, style);
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	n->text = sb_steal(&sb);
	return n;
}

/* A new empty sequence; DOC_FLOW writes it on one line. */
struct doc_node *doc_new_seq(enum doc_style style)
{
	return doc_node_new(DOC_SEQ, style);
}

/* A new empty mapping; DOC_FLOW writes it on one line. */
struct doc_node *doc_new_map(enum doc_style style)
{
	return doc_node_new(DOC_MAP, style);
}

/* Append item to seq, which takes it over. */
void doc_seq_add(struct doc_node *seq, struct doc_node *item)
{
	assert(seq && seq->type == DOC_SEQ && item && item != seq);
	xgrow(&seq->item, &seq->cap, seq->len + 1, sizeof *seq->item);
	seq->item[seq->len++] = item;
}

/* Append key: value; the map copies key and takes value over. */
void doc_map_add(struct doc_node *map, const char *key, struct doc_node *value)
{
	assert(key && value != map);
	doc_map_push(map, xstrdup(key), value);
}

/* Append key: a new scalar with a copy of text. */
void doc_map_add_str(struct doc_node *map, const char *key, const char *text,
                     enum doc_style style)
{
	doc_map_add(map, key, doc_new_scalar(text, style));
}

/* The first pair of map with this key, or NULL. */
const struct doc_pair *doc_map_pair(const struct doc_node *map, const char *key)
{
	size_t i;

	if (!map || map->type != DOC_MAP || !key)
		return NULL;
	for (i = 0; i < map->len; i++)
		if (map->pair[i].key[0] == key[0] &&
		    strcmp(map->pair[i].key, key) == 0)
			return &map->pair[i];
	return NULL;
}

/* The value of key in map, or NULL. */
struct doc_node *doc_map_get(const struct doc_node *map, const char *key)
{
	const struct doc_pair *p = doc_map_pair(map, key);

	return p ? p->value : NULL;
}

/* The text of map[key] when it is a scalar, else NULL. */
const char *doc_map_str(const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_map_get(map, key);

	return v && v->type == DOC_SCALAR ? v->text : NULL;
}

/* See doc.h. */
size_t doc_seq_len(const struct doc_node *seq)
{
	return seq && seq->type == DOC_SEQ ? seq->len : 0;
}

/* See doc.h. */
struct doc_node *doc_seq_find(const struct doc_node *seq, const char *key,
                              const char *value)
{
	for (size_t i = 0; i < doc_seq_len(seq); i++)
		if (str_eq(doc_map_str(seq->item[i], key), value))
			return seq->item[i];
	return NULL;
}

/* 1 for a plain scalar YAML reads as null; 0 otherwise, also for NULL. */
int doc_is_null(const struct doc_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (!n || n->type != DOC_SCALAR || n->style != DOC_PLAIN)
		return 0;
	/* the text of most values starts with none of these: no compares */
	if (n->text[0] && !strchr("~nN", n->text[0]))
		return 0;
	for (i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (strcmp(n->text, nulls[i]) == 0)
			return 1;
	return 0;
}

/* A deep copy of n (NULL gives NULL); the caller owns it. */
struct doc_node *doc_clone(const struct doc_node *n)
{
	struct doc_node *c;
	size_t i;

	if (!n)
		return NULL;
	c = doc_node_new(n->type, n->style);
	c->line = n->line;
	c->col = n->col;
	switch (n->type) {
	case DOC_SCALAR:
		c->text = xstrdup(n->text);
		break;
	case DOC_SEQ:
		for (i = 0; i < n->len; i++)
			doc_seq_add(c, doc_clone(n->item[i]));
		break;
	case DOC_MAP:
		for (i = 0; i < n->len; i++) {
			struct doc_pair *p = doc_map_push(c,
				xstrdup(n->pair[i].key), doc_clone(n->pair[i].value));
			p->line = n->pair[i].line;
			p->col = n->pair[i].col;
		}
		break;
	}
	return c;
}

/* Bounds that suit a case file typed by people: generous, still safe. */
struct doc_limits doc_limits_default(void)
{
	struct doc_limits lim;

	lim.max_bytes = (size_t)8 << 20;
	lim.max_depth = 32;
	lim.max_nodes = 1000000;
	lim.max_scalar = (size_t)1 << 20;
	return lim;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

/* One open collection while loading. */
struct doc_frame {
	struct doc_node *node;
	char *key;          /* DOC_MAP: key waiting for its value, owned */
	int kline, kcol;
	size_t *slot;       /* DOC_MAP: hash index of pair numbers + 1, or NULL */
	size_t nslot;       /* a power of two */
};

/* The state of one load; everything it owns is freed by doc_load_buffer. */
struct doc_loader {
	const char *name;
	const char *buf;
	size_t len;
	const struct doc_limits *lim;
	struct diags *d;
	struct doc_node *root;
	struct doc_frame *stack;
	size_t depth;
	size_t cap;
	size_t nodes;
	int docs;
	int failed;
};

/* A 1-based position from a 0-based libyaml count. */
static int doc_pos(size_t v)
{
	return v >= (size_t)INT_MAX ? INT_MAX : (int)v + 1;
}

/* Line and column (1-based, columns in characters) of byte off in buf. */
static void doc_offset_pos(const char *buf, size_t len, size_t off,
                           int *line, int *col)
{
	size_t i, l = 0, c = 0;

	for (i = 0; i < off && i < len; i++) {
		unsigned char b = (unsigned char)buf[i];

		if (b == '\n' || (b == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
			l++;
			c = 0;
		} else if ((b & 0xC0) != 0x80 && b != '\r') {
			c++;
		}
	}
	*line = doc_pos(l);
	*col = doc_pos(c);
}

static void doc_fail(struct doc_loader *ld, int line, int col,
                     const char *fmt, ...) DUO_PRINTF(4, 5);

/* Report the one problem of this load; later ones are dropped. */
static void doc_fail(struct doc_loader *ld, int line, int col,
                     const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return;
	ld->failed = 1;
	va_start(ap, fmt);
	diag_vadd(ld->d, ld->name, line, col, fmt, ap);
	va_end(ap);
}

#define DOC_AT(m) doc_pos((m).line), doc_pos((m).column)

/* FNV-1a, enough to spread keys over a table. */
static size_t doc_hash(const char *s)
{
	size_t h = (size_t)2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= (size_t)16777619u;
	}
	return h;
}

/* Put pair number pairno into the (large enough) hash index. */
static void doc_index_put(struct doc_frame *f, size_t pairno)
{
	size_t i = doc_hash(f->node->pair[pairno].key) & (f->nslot - 1);

	while (f->slot[i])
		i = (i + 1) & (f->nslot - 1);
	f->slot[i] = pairno + 1;
}

/* Record the map's newest pair in the key index, building or growing it. */
static void doc_index_add(struct doc_frame *f)
{
	struct doc_node *m = f->node;

	if (!f->slot && m->len < DOC_HASH_FROM)
		return;
	if (!f->slot || m->len * 2 > f->nslot) {
		size_t n = f->nslot ? f->nslot : 16, i;

		while (m->len * 2 > n)
			n *= 2;
		free(f->slot);
		f->slot = xcalloc(n, sizeof *f->slot);
		f->nslot = n;
		for (i = 0; i < m->len; i++)
			doc_index_put(f, i);
		return;
	}
	doc_index_put(f, m->len - 1);
}

/* The pair of the open map with this key, or NULL. */
static const struct doc_pair *doc_index_find(const struct doc_frame *f,
                                             const char *key)
{
	size_t i;

	if (!f->slot)
		return doc_map_pair(f->node, key);
	for (i = doc_hash(key) & (f->nslot - 1); f->slot[i];
	     i = (i + 1) & (f->nslot - 1)) {
		const struct doc_pair *p = &f->node->pair[f->slot[i] - 1];

		if (strcmp(p->key, key) == 0)
			return p;
	}
	return NULL;
}

/* "!!str" for a standard tag, the tag itself otherwise. */
static char *doc_tag_name(const char *tag)
{
	if (str_has_prefix(tag, DOC_STD_TAG))
		return xasprintf("!!%s", tag + strlen(DOC_STD_TAG));
	return xstrdup(tag);
}

/*
 * Refuse anchors and tags other than the standard ones that fit the kind
 * of node. Returns 0 after reporting.
 */
static int doc_check_props(struct doc_loader *ld, const yaml_event_t *ev,
                           const yaml_char_t *anchor, const yaml_char_t *tag,
                           enum doc_type type)
{
	static const char *const scalar_tags[] = {
		"str", "int", "float", "bool", "null", "timestamp"
	};
	const char *t = (const char *)tag;
	int ok = 0;

	if (anchor) {
		doc_fail(ld, DOC_AT(ev->start_mark), "anker &%s: aliassen (*x) en "
		         "ankers (&x) zijn niet toegestaan", (const char *)anchor);
		return 0;
	}
	if (!t)
		return 1;
	if (str_has_prefix(t, DOC_STD_TAG)) {
		const char *s = t + strlen(DOC_STD_TAG);

		if (type == DOC_SEQ)
			ok = strcmp(s, "seq") == 0;
		else if (type == DOC_MAP)
			ok = strcmp(s, "map") == 0;
		else {
			size_t i;

			for (i = 0; i < sizeof scalar_tags / sizeof *scalar_tags; i++)
				ok |= strcmp(s, scalar_tags[i]) == 0;
		}
	}
	if (!ok) {
		char *name = doc_tag_name(t);

		doc_fail(ld, DOC_AT(ev->start_mark),
		         "tag '%s' is niet toegestaan", name);
		free(name);
	}
	return ok;
}

/* Count one more node against the limit. Returns 0 after reporting. */
static int doc_count(struct doc_loader *ld, const yaml_event_t *ev)
{
	if (++ld->nodes > ld->lim->max_nodes) {
		doc_fail(ld, DOC_AT(ev->start_mark),
		         "te veel elementen (meer dan %zu)", ld->lim->max_nodes);
		return 0;
	}
	return 1;
}

/* The innermost open collection, or NULL at the top level. */
static struct doc_frame *doc_top(struct doc_loader *ld)
{
	return ld->depth ? &ld->stack[ld->depth - 1] : NULL;
}

/* Hang a new node under the open collection (or make it the root). */
static void doc_attach(struct doc_loader *ld, struct doc_node *n)
{
	struct doc_frame *f = doc_top(ld);

	if (!f) {
		assert(!ld->root);
		ld->root = n;
	} else if (f->node->type == DOC_SEQ) {
		doc_seq_add(f->node, n);
	} else {
		struct doc_pair *p;

		assert(f->node->type == DOC_MAP && f->key);
		p = doc_map_push(f->node, f->key, n);
		p->line = f->kline;
		p->col = f->kcol;
		f->key = NULL;
		doc_index_add(f);
	}
}

/* 1 when the next node of the open mapping is a key. */
static int doc_wants_key(struct doc_loader *ld)
{
	struct doc_frame *f = doc_top(ld);

	return f && f->node->type == DOC_MAP && !f->key;
}

/* A scalar: either the next key of the open mapping or a value. */
static void doc_on_scalar(struct doc_loader *ld, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	struct doc_node *node;

	if (!doc_check_props(ld, ev, ev->data.scalar.anchor,
	                     ev->data.scalar.tag, DOC_SCALAR) ||
	    !doc_count(ld, ev))
		return;
	if (n > ld->lim->max_scalar) {
		doc_fail(ld, DOC_AT(ev->start_mark),
		         "tekst is te lang (%zu bytes, hoogstens %zu)", n,
		         ld->lim->max_scalar);
		return;
	}
	if (memchr(v, '\0', n)) {
		doc_fail(ld, DOC_AT(ev->start_mark),
		         "een NUL-teken (\\0) is niet toegestaan");
		return;
	}
	if (doc_wants_key(ld)) {
		struct doc_frame *f = doc_top(ld);
		const struct doc_pair *dup = doc_index_find(f, v);

		if (dup) {
			doc_fail(ld, DOC_AT(ev->start_mark),
			         "dubbele sleutel '%s' (eerder op regel %d)", v,
			         dup->line);
			return;
		}
		f->key = xstrndup(v, n);
		f->kline = doc_pos(ev->start_mark.line);
		f->kcol = doc_pos(ev->start_mark.column);
		return;
	}
	node = doc_node_new(DOC_SCALAR, DOC_PLAIN);
	node->text = xstrndup(v, n);
	node->line = doc_pos(ev->start_mark.line);
	node->col = doc_pos(ev->start_mark.column);
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		node->style = DOC_QUOTED;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		node->style = DOC_LITERAL;
		break;
	default:
		node->style = DOC_PLAIN;
		break;
	}
	/* "!!str 12" is text, not a number: let callers see it as quoted. */
	if (node->style == DOC_PLAIN && ev->data.scalar.tag &&
	    strcmp((const char *)ev->data.scalar.tag, DOC_STD_TAG "str") == 0)
		node->style = DOC_QUOTED;
	doc_attach(ld, node);
}

/* The start of a sequence or mapping: check, attach, open a frame. */
static void doc_on_start(struct doc_loader *ld, const yaml_event_t *ev,
                         enum doc_type type)
{
	struct doc_frame *f;
	struct doc_node *node;
	int flow;

	if (type == DOC_SEQ) {
		if (!doc_check_props(ld, ev, ev->data.sequence_start.anchor,
		                     ev->data.sequence_start.tag, type))
			return;
		flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	} else {
		if (!doc_check_props(ld, ev, ev->data.mapping_start.anchor,
		                     ev->data.mapping_start.tag, type))
			return;
		flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	}
	if (doc_wants_key(ld)) {
		doc_fail(ld, DOC_AT(ev->start_mark), "een sleutel moet een enkele "
		         "waarde zijn, geen %s", type == DOC_SEQ ? "lijst" : "mapping");
		return;
	}
	if (ld->depth >= (size_t)(ld->lim->max_depth > 0 ? ld->lim->max_depth : 0)) {
		doc_fail(ld, DOC_AT(ev->start_mark),
		         "te diep genest (meer dan %d niveaus)", ld->lim->max_depth);
		return;
	}
	if (!doc_count(ld, ev))
		return;
	node = doc_node_new(type, flow ? DOC_FLOW : DOC_AUTO);
	node->line = doc_pos(ev->start_mark.line);
	node->col = doc_pos(ev->start_mark.column);
	doc_attach(ld, node);
	xgrow(&ld->stack, &ld->cap, ld->depth + 1, sizeof *ld->stack);
	f = &ld->stack[ld->depth++];
	memset(f, 0, sizeof *f);
	f->node = node;
}

/* The end of the innermost collection. */
static void doc_on_end(struct doc_loader *ld)
{
	assert(ld->depth > 0 && !ld->stack[ld->depth - 1].key);
	ld->depth--;
	free(ld->stack[ld->depth].slot);
}

/* Dispatch one parser event; a refusal sets ld->failed. */
static void doc_on_event(struct doc_loader *ld, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->docs > 1)
			doc_fail(ld, DOC_AT(ev->start_mark), "meer dan één document");
		break;
	case YAML_ALIAS_EVENT:
		doc_fail(ld, DOC_AT(ev->start_mark), "alias *%s: aliassen (*x) en "
		         "ankers (&x) zijn niet toegestaan",
		         (const char *)ev->data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		doc_on_scalar(ld, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		doc_on_start(ld, ev, DOC_SEQ);
		break;
	case YAML_MAPPING_START_EVENT:
		doc_on_start(ld, ev, DOC_MAP);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		doc_on_end(ld);
		break;
	case YAML_STREAM_END_EVENT:
		/* "---" alone gives one empty plain scalar: as empty as no text. */
		if (!ld->root || (ld->root->type == DOC_SCALAR &&
		                  ld->root->style == DOC_PLAIN && !ld->root->text[0]))
			doc_fail(ld, 1, 1, "leeg bestand");
		break;
	default:
		break;
	}
}

/* Turn a libyaml parser failure into one diagnostic. */
static void doc_parser_error(struct doc_loader *ld, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "onbekende fout";
	int line, col;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		doc_fail(ld, 0, 0, "YAML-fout: geen geheugen");
		break;
	case YAML_READER_ERROR:
		doc_offset_pos(ld->buf, ld->len, p->problem_offset, &line, &col);
		doc_fail(ld, line, col, "ongeldige tekens: %s (byte %zu)", problem,
		         p->problem_offset);
		break;
	default:
		line = doc_pos(p->problem_mark.line);
		col = doc_pos(p->problem_mark.column);
		if (p->context && p->context_mark.line != p->problem_mark.line)
			doc_fail(ld, line, col, "YAML-fout: %s (%s, begonnen op regel %d)",
			         problem, p->context, doc_pos(p->context_mark.line));
		else if (p->context)
			doc_fail(ld, line, col, "YAML-fout: %s (%s)", problem, p->context);
		else
			doc_fail(ld, line, col, "YAML-fout: %s", problem);
		break;
	}
}

/* Refuse what must not reach libyaml: too many bytes, NUL, bad UTF-8. */
static int doc_check_bytes(struct doc_loader *ld)
{
	size_t bad = 0;
	int line, col;

	if (ld->len > ld->lim->max_bytes) {
		doc_fail(ld, 0, 0, "bestand is te groot (%zu bytes, hoogstens %zu)",
		         ld->len, ld->lim->max_bytes);
		return 0;
	}
	if (utf8_valid(ld->buf, ld->len, &bad))
		return 1;
	doc_offset_pos(ld->buf, ld->len, bad, &line, &col);
	if (bad < ld->len && ld->buf[bad] == '\0')
		doc_fail(ld, line, col, "een NUL-byte is niet toegestaan (byte %zu)",
		         bad);
	else
		doc_fail(ld, line, col, "ongeldige UTF-8 (byte %zu)", bad);
	return 0;
}

/* Parse buf[0..len) into a tree; see doc.h. name is used in diagnostics. */
struct doc_node *doc_load_buffer(const char *name, const char *buf, size_t len,
                                 const struct doc_limits *lim, struct diags *d)
{
	struct doc_limits def = doc_limits_default();
	struct doc_loader ld;
	yaml_parser_t parser;
	size_t i;

	assert(d && (buf || len == 0));
	memset(&ld, 0, sizeof ld);
	ld.name = name;
	ld.buf = buf ? buf : "";
	ld.len = len;
	ld.lim = lim ? lim : &def;
	ld.d = d;
	if (!doc_check_bytes(&ld))
		return NULL;
	if (!yaml_parser_initialize(&parser)) {
		doc_fail(&ld, 0, 0, "YAML-fout: geen geheugen");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)ld.buf, len);
	while (!ld.failed) {
		yaml_event_t ev;
		int end;

		if (!yaml_parser_parse(&parser, &ev)) {
			doc_parser_error(&ld, &parser);
			break;
		}
		end = ev.type == YAML_STREAM_END_EVENT;
		doc_on_event(&ld, &ev);
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	for (i = 0; i < ld.depth; i++) {
		free(ld.stack[i].key);
		free(ld.stack[i].slot);
	}
	free(ld.stack);
	if (ld.failed) {
		doc_free(ld.root);
		return NULL;
	}
	assert(ld.root && ld.depth == 0);
	return ld.root;
}

/* Read the whole of fd, a regular file of about size bytes, refusing more
 * than max. Returns the bytes (caller frees) or NULL after reporting. */
static char *doc_read_fd(int fd, const char *path, size_t size, size_t max,
                         size_t *len, struct diags *d)
{
	size_t cap = size + 1, n = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (n == cap)
			xgrow(&buf, &cap, n + DOC_READ_STEP, 1);
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(d, path, 0, 0, "lezen mislukt: %s", strerror(errno));
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {  /* the file grew while we read it */
			diag_add(d, path, 0, 0, "bestand is te groot (meer dan %zu bytes, "
			         "hoogstens %zu)", n, max);
			free(buf);
			return NULL;
		}
	}
	*len = n;
	return buf;
}

/* Load the file at path; see doc.h. */
struct doc_node *doc_load_file(const char *path, const struct doc_limits *lim,
                               struct diags *d)
{
	struct doc_limits def = doc_limits_default();
	struct doc_node *root;
	struct stat st;
	size_t len = 0;
	char *buf;
	int fd;

	assert(path && d);
	if (!lim)
		lim = &def;
	/* O_NONBLOCK: a FIFO must not hang us before fstat refuses it. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		diag_add(d, path, 0, 0, "kan niet openen: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		diag_add(d, path, 0, 0, "kan niet openen: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, path, 0, 0, "is geen gewoon bestand");
		close(fd);
		return NULL;
	}
	if (st.st_size < 0 || (unsigned long long)st.st_size > lim->max_bytes) {
		diag_add(d, path, 0, 0, "bestand is te groot (%lld bytes, hoogstens "
		         "%zu)", (long long)st.st_size, lim->max_bytes);
		close(fd);
		return NULL;
	}
	buf = doc_read_fd(fd, path, (size_t)st.st_size, lim->max_bytes, &len, d);
	close(fd);
	if (!buf)
		return NULL;
	root = doc_load_buffer(path, buf, len, lim, d);
	free(buf);
	return root;
}

/* ------------------------------------------------------------------ */
/* Emitting                                                            */

/* Where emitted bytes go: a FILE or a string buffer. */
struct doc_out {
	FILE *f;
	struct strbuf *sb;
	int err;            /* errno of the first failed write */
};

/* libyaml's write handler: 1 on success, 0 (errno kept) on failure. */
static int doc_write(void *data, unsigned char *buf, size_t size)
{
	struct doc_out *o = data;

	if (size == 0)
		return 1;
	if (o->sb) {
		sb_addn(o->sb, (const char *)buf, size);
		return 1;
	}
	errno = 0;
	if (fwrite(buf, 1, size, o->f) != size) {
		o->err = errno ? errno : EIO;
		return 0;
	}
	return 1;
}

/*
 * 1 if the character at s is one libyaml's emitter writes as it is outside
 * double quotes: printable, inside the BMP, no line break, no BOM. This
 * mirrors its IS_PRINTABLE test; s is NUL-terminated so peeking is safe.
 */
static int doc_char_ok(const unsigned char *s)
{
	if (s[0] < 0x20 || s[0] == 0x7F || s[0] >= 0xF0)
		return 0;
	if (s[0] == 0xC2 && s[1] < 0xA0)                       /* C1, NEL */
		return 0;
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
		return 0;                                           /* LS, PS */
	if (s[0] == 0xEF && ((s[1] == 0xBB && s[2] == 0xBF) ||
	                     (s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))))
		return 0;                                           /* BOM etc. */
	if (s[0] == 0xED && s[1] >= 0xA0)                       /* surrogates */
		return 0;
	return 1;
}

/* 1 if every character of t passes doc_char_ok, '\n' allowed if nl. */
static int doc_chars_ok(const char *t, int nl)
{
	const unsigned char *s = (const unsigned char *)t;

	for (; *s; s++) {
		if (*s == '\n' && nl)
			continue;
		if ((*s & 0xC0) != 0x80 && !doc_char_ok(s))
			return 0;
	}
	return 1;
}

/* 1 if t written plain reads back as the same characters (not the same
 * type: "true" passes here, doc_special catches it). */
static int doc_plain_ok(const char *t, int in_flow)
{
	size_t n = strlen(t);

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` \t", t[0]))
		return 0;
	if (t[n - 1] == ' ' || t[n - 1] == ':' || strncmp(t, "...", 3) == 0)
		return 0;
	if (strstr(t, ": ") || strstr(t, " #"))
		return 0;
	if (in_flow && strpbrk(t, ",?[]{}:#"))
		return 0;
	return doc_chars_ok(t, 0);
}

/* ASCII case-insensitive equality, independent of the locale; b is
 * lowercase. */
static int doc_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;

		if (x != *b)
			return 0;
	}
	return *a == *b;
}

static int doc_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if a YAML 1.1 or 1.2 reader could take plain t for something other
 * than a string: a boolean, null, a number or a date. Errs on the side of
 * quoting. */
static int doc_special(const char *t)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "y", "n",
		"null", "~", "<<", "="
	};
	const char *p = t;
	size_t i;

	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (doc_ieq(t, words[i]))
			return 1;
	/* YYYY-M-D at the start: a date or a YAML 1.1 timestamp. */
	if (doc_digit(p[0]) && doc_digit(p[1]) && doc_digit(p[2]) &&
	    doc_digit(p[3]) && p[4] == '-' && doc_digit(p[5]))
		return 1;
	/* Numbers of any base, floats, .inf, .nan, 1:30 sexagesimals. */
	if (*p == '+' || *p == '-')
		p++;
	if (!doc_digit(*p) && *p != '.')
		return 0;
	for (; *p; p++)
		if (!(doc_digit(*p) || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || strchr("_.:+-", *p)))
			return 0;
	return 1;
}

/* 1 if libyaml writes t as a literal block that reads back exactly, with
 * clip or strip chomping (keep chomping would make it end the document
 * with "..."). */
static int doc_literal_ok(const char *t)
{
	size_t n = strlen(t), i;

	if (n == 0 || t[0] == ' ' || t[0] == '\n' || t[n - 1] == ' ')
		return 0;
	if (n >= 2 && t[n - 1] == '\n' && t[n - 2] == '\n')
		return 0;
	for (i = 1; i < n; i++)
		if (t[i] == '\n' && t[i - 1] == ' ')
			return 0;
	return doc_chars_ok(t, 1);
}

/* The libyaml style for a scalar; keys are always DOC_AUTO. */
static yaml_scalar_style_t doc_scalar_style(const char *t,
                                            enum doc_style style,
                                            int in_flow, int is_key)
{
	int block = !in_flow && !is_key;

	switch (style) {
	case DOC_PLAIN:
		if (doc_plain_ok(t, in_flow) || (block && !t[0]))
			return YAML_PLAIN_SCALAR_STYLE;
		break;
	case DOC_QUOTED:
		break;
	case DOC_LITERAL:
		if (block && doc_literal_ok(t))
			return YAML_LITERAL_SCALAR_STYLE;
		break;
	default:
		if (strchr(t, '\n')) {
			if (block && doc_literal_ok(t))
				return YAML_LITERAL_SCALAR_STYLE;
		} else if (doc_plain_ok(t, in_flow) && !doc_special(t)) {
			return YAML_PLAIN_SCALAR_STYLE;
		}
		break;
	}
	return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
}

/* The state of one emit. */
struct doc_emitter {
	yaml_emitter_t em;
	struct doc_out out;
	const char *name;
	struct diags *d;
	int failed;
};

/* Report why libyaml stopped. */
static void doc_emit_error(struct doc_emitter *e)
{
	if (e->failed)
		return;
	e->failed = 1;
	if (e->out.err)
		diag_add(e->d, e->name, 0, 0, "schrijven mislukt: %s",
		         strerror(e->out.err));
	else if (e->em.error == YAML_MEMORY_ERROR)
		diag_add(e->d, e->name, 0, 0, "schrijven mislukt: geen geheugen");
	else
		diag_add(e->d, e->name, 0, 0, "schrijven mislukt: %s",
		         e->em.problem ? e->em.problem : "onbekende fout");
}

/* Emit ev (libyaml takes it over). Returns 0 after reporting. */
static int doc_put(struct doc_emitter *e, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(&e->em, ev)) {
		doc_emit_error(e);
		return 0;
	}
	return 1;
}

/* Emit one scalar in the given libyaml style. */
static int doc_put_scalar(struct doc_emitter *e, const char *t,
                          yaml_scalar_style_t style)
{
	yaml_event_t ev;
	size_t n = strlen(t), bad = 0;

	if (n > INT_MAX || !utf8_valid(t, n, &bad)) {
		e->failed = 1;
		diag_add(e->d, e->name, 0, 0, "schrijven mislukt: tekst is geen "
		         "geldige UTF-8 (byte %zu)", bad);
		return 0;
	}
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)t,
	                                  (int)n, 1, 1, style)) {
		doc_emit_error(e);
		return 0;
	}
	return doc_put(e, &ev);
}

/* Emit n and its children; in_flow is set inside a flow collection. */
static int doc_emit_node(struct doc_emitter *e, const struct doc_node *n,
                         int in_flow)
{
	yaml_event_t ev;
	size_t i;
	int flow = in_flow || n->style == DOC_FLOW, ok;

	switch (n->type) {
	case DOC_SCALAR:
		assert(n->text);
		return doc_put_scalar(e, n->text,
		                      doc_scalar_style(n->text, n->style, in_flow, 0));
	case DOC_SEQ:
		ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
		if (!ok || !doc_put(e, &ev))
			break;
		for (i = 0; i < n->len; i++)
			if (!doc_emit_node(e, n->item[i], flow))
				return 0;
		if (!yaml_sequence_end_event_initialize(&ev))
			break;
		return doc_put(e, &ev);
	case DOC_MAP:
		ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
		if (!ok || !doc_put(e, &ev))
			break;
		for (i = 0; i < n->len; i++) {
			const char *k = n->pair[i].key;

			if (!doc_put_scalar(e, k, doc_scalar_style(k, DOC_AUTO, flow, 1)) ||
			    !doc_emit_node(e, n->pair[i].value, flow))
				return 0;
		}
		if (!yaml_mapping_end_event_initialize(&ev))
			break;
		return doc_put(e, &ev);
	}
	doc_emit_error(e);
	return 0;
}

/* Run the whole stream for n into o. Returns 0 or -1 after reporting. */
static int doc_emit_to(const struct doc_out *o, const char *name,
                       const struct doc_node *n, struct diags *d)
{
	struct doc_emitter e;
	yaml_event_t ev;
	int ok;

	memset(&e, 0, sizeof e);
	e.out = *o;
	e.name = name;
	e.d = d;
	if (!yaml_emitter_initialize(&e.em)) {
		diag_add(d, name, 0, 0, "schrijven mislukt: geen geheugen");
		return -1;
	}
	yaml_emitter_set_output(&e.em, doc_write, &e.out);
	yaml_emitter_set_unicode(&e.em, 1);
	yaml_emitter_set_width(&e.em, -1);
	yaml_emitter_set_indent(&e.em, 2);
	yaml_emitter_set_break(&e.em, YAML_LN_BREAK);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	     doc_put(&e, &ev) &&
	     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	     doc_put(&e, &ev) &&
	     doc_emit_node(&e, n, 0) &&
	     yaml_document_end_event_initialize(&ev, 1) &&
	     doc_put(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) &&
	     doc_put(&e, &ev);
	if (ok && !yaml_emitter_flush(&e.em))
		ok = 0;
	if (!ok)
		doc_emit_error(&e);
	yaml_emitter_delete(&e.em);
	return ok ? 0 : -1;
}

/* Write n to out as one YAML document; see doc.h. */
int doc_emit(FILE *out, const char *name, const struct doc_node *n,
             struct diags *d)
{
	struct doc_out o = { out, NULL, 0 };

	assert(out && n && d);
	if (doc_emit_to(&o, name, n, d) != 0)
		return -1;
	if (fflush(out) != 0 || ferror(out)) {
		diag_add(d, name, 0, 0, "schrijven mislukt: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* n as YAML text (caller frees), or NULL after a diagnostic. */
char *doc_emit_string(const struct doc_node *n, struct diags *d)
{
	struct strbuf sb = {0};
	struct doc_out o = { NULL, &sb, 0 };

	assert(n && d);
	if (doc_emit_to(&o, NULL, n, d) != 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_steal(&sb);
}
