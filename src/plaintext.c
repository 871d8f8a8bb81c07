/*
 * plaintext.c - the plain-language check: the jargon list, Dutch sentences
 * and words, findings, and the walk over the duo's own text of a session.
 * See plaintext.h for what each part promises.
 *
 * Text is UTF-8 and handled by code point (util.h's utf8_decode), without
 * the C locale's help, so the check gives the same answer everywhere. For
 * matching, a word is "folded": small letters, accents off (É, é, ë -> e,
 * combining marks dropped, Ĳ -> ij), so "Gezagsbeëindigende" and
 * "gezagsbeeindigende" are the same word. Exact forms of the list (OM)
 * are compared byte for byte instead.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "doc.h"
#include "form.h"
#include "plaintext.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Characters                                                              */

/* The code point at s[i] (s holds n bytes) and its length in *len. */
static unsigned long cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned long cp;

	*len = utf8_decode(s + i, n - i, &cp);
	return cp;
}

static int cp_is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\v' || cp == '\f' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

/* A letter, digit or combining mark: what words are made of. Punctuation,
 * symbols, dashes, quotes and emoji are not. */
static int cp_is_word(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp >= 0xFFF0)
		return 0;
	return 1;
}

/* Capitals of Latin (with Latin-1 and Latin Extended-A), Greek, Cyrillic. */
static int cp_is_upper(unsigned long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 == 0;
	if (cp >= 0x139 && cp <= 0x148)
		return cp % 2 == 1;
	if (cp >= 0x14A && cp <= 0x177)
		return cp % 2 == 0;
	if (cp >= 0x178 && cp <= 0x17E)
		return cp == 0x178 || cp % 2 == 1;
	return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

static int cp_is_lower(unsigned long cp)
{
	if (cp >= 'a' && cp <= 'z')
		return 1;
	if (cp >= 0xDF && cp <= 0xFF)
		return cp != 0xF7;
	if (cp >= 0x100 && cp <= 0x17F)
		return !cp_is_upper(cp);
	return (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F);
}

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F
 * without case and accent; '*' marks the letters that fold to two. */
static const char fold_latin1[] =
	"aaaaaa*ceeeeiiiidnooooo*ouuuuy**"
	"aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
static const char fold_latin_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
	"llllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuu"
	"wwyyyzzzzzzs";

/* The letters that fold to two: Æ, Þ, ß, Ĳ, Œ (either case). */
static const char *fold_two(unsigned long cp)
{
	switch (cp) {
	case 0xC6: case 0xE6:
		return "ae";
	case 0xDE: case 0xFE:
		return "th";
	case 0xDF:
		return "ss";
	case 0x132: case 0x133:
		return "ij";
	case 0x152: case 0x153:
		return "oe";
	default:
		return NULL;
	}
}

/* The folded letter of a Latin letter with an accent, '*' for one that
 * folds to two, 0 for any other code point. */
static char fold_one(unsigned long cp)
{
	if (cp >= 0xC0 && cp <= 0xFF)
		return fold_latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return fold_latin_a[cp - 0x100];
	return 0;
}

/* Append the folded form of the code point cp, written as s[0, len). */
static void fold_cp(struct strbuf *sb, unsigned long cp, const char *s,
                    size_t len)
{
	const char *two = fold_two(cp);
	char one = fold_one(cp);

	if (cp < 0x80)
		sb_addc(sb, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
	else if (cp >= 0x300 && cp <= 0x36F)
		return; /* a combining accent */
	else if (two)
		sb_add(sb, two);
	else if (one && one != '*')
		sb_addc(sb, one);
	else
		sb_addn(sb, s, len);
}

/* ---------------------------------------------------------------------- */
/* Tokens: the words that jargon is matched on                             */

/* How two tokens are joined. */
enum gap_kind {
	GAP_SPACE,  /* white space only: matches white space or one hyphen */
	GAP_HYPHEN, /* one hyphen: matches only a hyphen */
	GAP_OTHER   /* anything else: matches only the same bytes */
};

struct token {
	size_t start, end;   /* bytes in the text */
	char *fold;          /* folded */
	char *raw;           /* as written */
	enum gap_kind gap;   /* the gap before it (not for the first) */
	char *gap_raw;       /* the gap's bytes */
};

static void tokens_free(struct token *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].fold);
		free(v[i].raw);
		free(v[i].gap_raw);
	}
	free(v);
}

static int is_hyphen(unsigned long cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* The kind of the gap s[0, n) between two tokens. */
static enum gap_kind gap_of(const char *s, size_t n)
{
	size_t i = 0, len;
	int spaces = 1;

	while (i < n) {
		if (!cp_is_space(cp_at(s, n, i, &len)))
			spaces = 0;
		i += len;
	}
	if (spaces)
		return GAP_SPACE;
	if (is_hyphen(cp_at(s, n, 0, &len)) && len == n)
		return GAP_HYPHEN;
	return GAP_OTHER;
}

/* The tokens of s[0, n): maximal runs of word characters. Returns their
 * number; *out (caller frees with tokens_free) gets them. */
static size_t tokenize(const char *s, size_t n, struct token **out)
{
	struct token *v = NULL;
	size_t nv = 0, cap = 0, i = 0, len, prev_end = 0;

	while (i < n) {
		struct strbuf fold = {0};
		struct token *t;
		size_t start;
		unsigned long cp = cp_at(s, n, i, &len);

		if (!cp_is_word(cp)) {
			i += len;
			continue;
		}
		start = i;
		while (i < n && cp_is_word(cp = cp_at(s, n, i, &len))) {
			fold_cp(&fold, cp, s + i, len);
			i += len;
		}
		xgrow(&v, &cap, nv + 1, sizeof *v);
		t = &v[nv++];
		t->start = start;
		t->end = i;
		t->fold = fold.s ? sb_steal(&fold) : xstrdup("");
		t->raw = xstrndup(s + start, i - start);
		t->gap = nv > 1 ? gap_of(s + prev_end, start - prev_end) : GAP_SPACE;
		t->gap_raw = nv > 1 ? xstrndup(s + prev_end, start - prev_end) : NULL;
		prev_end = i;
	}
	*out = v;
	return nv;
}

/* ---------------------------------------------------------------------- */
/* The jargon list                                                         */

/* One form of an entry, ready to match: its tokens and the gaps between. */
struct pt_pattern {
	struct token *tok;
	size_t ntok;
	int exact;        /* compare raw bytes, not folded words */
	size_t entry;     /* index in jargon.entry */
	char *form;       /* as the list writes it */
	char *key;        /* folded tokens and gaps, for duplicates */
	int line, col;
};

static const char *pattern_first(const struct pt_pattern *p)
{
	return p->exact ? p->tok[0].raw : p->tok[0].fold;
}

static int pattern_cmp(const void *a, const void *b)
{
	const struct pt_pattern *x = a, *y = b;
	int c = strcmp(pattern_first(x), pattern_first(y));

	if (c)
		return c;
	return x->exact - y->exact;
}

static void pattern_free(struct pt_pattern *p)
{
	tokens_free(p->tok, p->ntok);
	free(p->form);
	free(p->key);
}

void jargon_free(struct jargon *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		free(j->entry[i].term);
		free(j->entry[i].plain);
	}
	free(j->entry);
	for (size_t i = 0; i < j->npat; i++)
		pattern_free(&j->pat[i]);
	free(j->pat);
	memset(j, 0, sizeof *j);
}

struct jload {
	struct jargon *j;
	const char *file;
	struct diags *d;
	int problems;
	size_t ent_cap, pat_cap;
};

static void jreport(struct jload *L, const struct doc_node *at,
                    const char *fmt, ...) DUO_PRINTF(3, 4);

static void jreport(struct jload *L, const struct doc_node *at,
                    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(L->d, L->file, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
	L->problems++;
}

/* 1 if a scalar holds nothing but white space (or is YAML null). */
static int blank(const struct doc_node *v)
{
	if (doc_is_null(v))
		return 1;
	for (const char *s = v->text; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Add one form (the node of its text) of entry e as a pattern. */
static void add_form(struct jload *L, const struct doc_node *v, size_t e,
                     int exact)
{
	struct jargon *j = L->j;
	struct pt_pattern p = {0};
	struct strbuf key = {0};

	if (v->type != DOC_SCALAR || blank(v)) {
		jreport(L, v, v->type != DOC_SCALAR ?
		        "een vorm is tekst, geen lijst of mapping" :
		        "een vorm is leeg");
		return;
	}
	p.ntok = tokenize(v->text, strlen(v->text), &p.tok);
	if (p.ntok == 0) {
		jreport(L, v, "'%s' bevat geen woord", v->text);
		tokens_free(p.tok, 0);
		return;
	}
	p.exact = exact;
	p.entry = e;
	p.form = xstrdup(v->text);
	p.line = v->line;
	p.col = v->col;
	for (size_t i = 0; i < p.ntok; i++) {
		if (i > 0) {
			if (p.tok[i].gap == GAP_OTHER)
				sb_add(&key, p.tok[i].gap_raw);
			else
				sb_addc(&key, p.tok[i].gap == GAP_SPACE ? ' ' : '-');
		}
		sb_add(&key, p.tok[i].fold);
	}
	p.key = sb_steal(&key);
	xgrow(&j->pat, &L->pat_cap, j->npat + 1, sizeof *j->pat);
	j->pat[j->npat++] = p;
}

/* Add every form of the list at map[key] (variants or exact). */
static void add_forms(struct jload *L, const struct doc_node *map,
                      const char *key, size_t e, int exact)
{
	const struct doc_node *seq = doc_map_get(map, key);

	if (!seq || doc_is_null(seq))
		return;
	if (seq->type != DOC_SEQ) {
		jreport(L, seq, "'%s' verwacht een lijst, zoals [OTS, "
		        "ondertoezichtstellingen]", key);
		return;
	}
	for (size_t i = 0; i < seq->len; i++)
		add_form(L, seq->item[i], e, exact);
}

/* The text of map[key], reported when missing, empty or not text. */
static const struct doc_node *need_text(struct jload *L,
                                        const struct doc_node *map,
                                        const char *key, const char *owner)
{
	const struct doc_node *v = doc_map_get(map, key);

	if (!v)
		jreport(L, map, "%s mist '%s'", owner, key);
	else if (v->type != DOC_SCALAR)
		jreport(L, v, "'%s' verwacht tekst, geen lijst of mapping", key);
	else if (blank(v))
		jreport(L, v, "'%s' is leeg", key);
	else
		return v;
	return NULL;
}

static void load_entry(struct jload *L, const struct doc_node *n)
{
	static const char *const keys[] = {"term", "variants", "exact", "plain"};
	struct jargon *j = L->j;
	const struct doc_node *term, *plain;
	struct jargon_entry *e;
	char *owner;

	if (n->type != DOC_MAP) {
		jreport(L, n, "een woord in de lijst is een mapping met term en "
		        "plain");
		return;
	}
	for (size_t i = 0; i < n->len; i++) {
		size_t k;

		for (k = 0; k < sizeof keys / sizeof *keys; k++)
			if (strcmp(n->pair[i].key, keys[k]) == 0)
				break;
		if (k == sizeof keys / sizeof *keys) {
			L->problems++;
			diag_add(L->d, L->file, n->pair[i].line, n->pair[i].col,
			         "onbekende sleutel '%s' (toegestaan: term, variants, "
			         "exact, plain)", n->pair[i].key);
		}
	}
	term = need_text(L, n, "term", "het woord");
	owner = term ? xasprintf("'%s'", term->text) : xstrdup("het woord");
	plain = need_text(L, n, "plain", owner);
	free(owner);
	if (!term)
		return;
	xgrow(&j->entry, &L->ent_cap, j->n + 1, sizeof *j->entry);
	e = &j->entry[j->n];
	e->term = xstrdup(term->text);
	e->plain = plain ? xstrdup(plain->text) : NULL;
	e->line = n->line;
	e->col = n->col;
	add_form(L, term, j->n, 0);
	add_forms(L, n, "variants", j->n, 0);
	add_forms(L, n, "exact", j->n, 1);
	j->n++;
}

/* Sort by duplicate key (folded form), then position. */
static int dup_cmp(const void *a, const void *b)
{
	const struct pt_pattern *x = *(const struct pt_pattern *const *)a;
	const struct pt_pattern *y = *(const struct pt_pattern *const *)b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line - y->line;
	return x->col - y->col;
}

/* Report every form that is in the list twice: the same folded words,
 * unless both are exact and differ in their bytes (OM and Om). */
static void check_duplicates(struct jload *L)
{
	struct jargon *j = L->j;
	const struct pt_pattern **v = xcalloc(j->npat ? j->npat : 1, sizeof *v);

	for (size_t i = 0; i < j->npat; i++)
		v[i] = &j->pat[i];
	qsort(v, j->npat, sizeof *v, dup_cmp);
	for (size_t i = 1; i < j->npat; i++) {
		const struct pt_pattern *b = v[i];

		for (size_t k = i; k > 0 && strcmp(v[k - 1]->key, b->key) == 0;
		     k--) {
			const struct pt_pattern *a = v[k - 1];

			if (a->exact && b->exact && strcmp(a->form, b->form) != 0)
				continue;
			L->problems++;
			diag_add(L->d, L->file, b->line, b->col,
			         "'%s' staat al in de lijst op regel %d (bij '%s'); "
			         "elke vorm mag maar één keer", b->form, a->line,
			         j->entry[a->entry].term);
			break;
		}
	}
	free(v);
}

static int load_tree(struct jload *L, const struct doc_node *root)
{
	const struct doc_node *list;

	if (root->type != DOC_MAP) {
		jreport(L, root, "verwacht een mapping met 'jargon:' en een lijst");
		return -1;
	}
	for (size_t i = 0; i < root->len; i++)
		if (strcmp(root->pair[i].key, "jargon") != 0) {
			L->problems++;
			diag_add(L->d, L->file, root->pair[i].line, root->pair[i].col,
			         "onbekende sleutel '%s' (toegestaan: jargon)",
			         root->pair[i].key);
		}
	list = doc_map_get(root, "jargon");
	if (!list) {
		jreport(L, root, "'jargon' ontbreekt");
		return -1;
	}
	if (list->type != DOC_SEQ || list->len == 0) {
		jreport(L, list, list->type != DOC_SEQ && !doc_is_null(list) ?
		        "'jargon' verwacht een lijst" : "de lijst 'jargon' is leeg");
		return -1;
	}
	for (size_t i = 0; i < list->len; i++)
		load_entry(L, list->item[i]);
	check_duplicates(L);
	return L->problems ? -1 : 0;
}

static int load_done(struct jargon *j, struct doc_node *root,
                     struct jload *L)
{
	int rc = root ? load_tree(L, root) : -1;

	doc_free(root);
	if (rc != 0) {
		jargon_free(j);
		return -1;
	}
	qsort(j->pat, j->npat, sizeof *j->pat, pattern_cmp);
	return 0;
}

int jargon_load_file(struct jargon *j, const char *path, struct diags *d)
{
	struct doc_limits lim = doc_limits_default();
	struct jload L;

	memset(j, 0, sizeof *j);
	memset(&L, 0, sizeof L);
	L.j = j;
	L.file = path;
	L.d = d;
	return load_done(j, doc_load_file(path, &lim, d), &L);
}

int jargon_load_buffer(struct jargon *j, const char *name, const char *buf,
                       size_t len, struct diags *d)
{
	struct doc_limits lim = doc_limits_default();
	struct jload L;

	memset(j, 0, sizeof *j);
	memset(&L, 0, sizeof L);
	L.j = j;
	L.file = name;
	L.d = d;
	return load_done(j, doc_load_buffer(name, buf, len, &lim, d), &L);
}

/* ---------------------------------------------------------------------- */
/* Matching                                                                */

/* The index of the first pattern whose first token is key, with this
 * exactness; j->npat if none. */
static size_t first_pattern(const struct jargon *j, const char *key,
                            int exact)
{
	size_t lo = 0, hi = j->npat;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(pattern_first(&j->pat[mid]), key);

		if (c < 0 || (c == 0 && j->pat[mid].exact < exact))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 if the text gap t matches the pattern gap p. */
static int gap_match(const struct token *p, const struct token *t)
{
	switch (p->gap) {
	case GAP_SPACE:
		return t->gap == GAP_SPACE || t->gap == GAP_HYPHEN;
	case GAP_HYPHEN:
		return t->gap == GAP_HYPHEN;
	case GAP_OTHER:
		break;
	}
	return t->gap == GAP_OTHER && strcmp(p->gap_raw, t->gap_raw) == 0;
}

/* 1 if pattern p matches the text tokens t[0, n) from t[0] on. */
static int pattern_match(const struct pt_pattern *p, const struct token *t,
                         size_t n)
{
	if (p->ntok > n)
		return 0;
	for (size_t i = 0; i < p->ntok; i++) {
		const char *want = p->exact ? p->tok[i].raw : p->tok[i].fold;
		const char *got = p->exact ? t[i].raw : t[i].fold;

		if (strcmp(want, got) != 0)
			return 0;
		if (i > 0 && !gap_match(&p->tok[i], &t[i]))
			return 0;
	}
	return 1;
}

/* The longest pattern that matches at t[0] (of n tokens), or NULL. */
static const struct pt_pattern *match_at(const struct jargon *j,
                                         const struct token *t, size_t n)
{
	const struct pt_pattern *best = NULL;

	for (int exact = 0; exact <= 1; exact++) {
		const char *key = exact ? t[0].raw : t[0].fold;

		for (size_t i = first_pattern(j, key, exact);
		     i < j->npat && j->pat[i].exact == exact &&
		     strcmp(pattern_first(&j->pat[i]), key) == 0; i++)
			if ((!best || j->pat[i].ntok > best->ntok) &&
			    pattern_match(&j->pat[i], t, n))
				best = &j->pat[i];
	}
	return best;
}

const struct jargon_entry *jargon_lookup(const struct jargon *j,
                                         const char *text)
{
	struct token *t;
	size_t n;
	const struct pt_pattern *p = NULL;

	if (!j || !text)
		return NULL;
	n = tokenize(text, strlen(text), &t);
	for (size_t i = 0; n > 0 && i < j->npat; i++)
		if (j->pat[i].ntok == n && pattern_match(&j->pat[i], t, n)) {
			p = &j->pat[i];
			break;
		}
	tokens_free(t, n);
	return p ? &j->entry[p->entry] : NULL;
}

/* ---------------------------------------------------------------------- */
/* Sentences and words                                                     */

int pt_count_words(const char *s, size_t n)
{
	size_t i = 0, len;
	int words = 0, in_word = 0, has_alnum = 0;

	while (i < n) {
		unsigned long cp = cp_at(s, n, i, &len);

		if (cp_is_space(cp)) {
			words += in_word && has_alnum;
			in_word = has_alnum = 0;
		} else {
			in_word = 1;
			if (cp_is_word(cp))
				has_alnum = 1;
		}
		i += len;
	}
	return words + (in_word && has_alnum);
}

/* Past spaces and tabs (not line breaks) from i. */
static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	return i;
}

/* Past all white space from i; *newline is set when a line break was
 * crossed. */
static size_t skip_space(const char *s, size_t n, size_t i, int *newline)
{
	size_t len;

	while (i < n && cp_is_space(cp_at(s, n, i, &len))) {
		if (s[i] == '\n' && newline)
			*newline = 1;
		i += len;
	}
	return i;
}

/* If a list marker starts at s[i] ("- ", "* ", "• ", "– ", "1. ", "12) ",
 * "a) "), the index after it and its spaces; else i. */
static size_t skip_marker(const char *s, size_t n, size_t i)
{
	size_t j = i, len;
	unsigned long cp = i < n ? cp_at(s, n, i, &len) : 0;

	if (cp == '-' || cp == '*' || cp == 0x2022 || cp == 0x2013 ||
	    cp == 0x2014 || cp == 0xB7) {
		j = i + len;
	} else if (s[i] >= '0' && s[i] <= '9') {
		while (j < n && j - i < 3 && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j < n && (s[j] == '.' || s[j] == ')'))
			j++;
		else
			return i;
	} else if (((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
	           && i + 1 < n && s[i + 1] == ')') {
		j = i + 2;
	} else {
		return i;
	}
	if (j >= n || (s[j] != ' ' && s[j] != '\t'))
		return i;
	return skip_blanks(s, n, j);
}

static int is_marker(const char *s, size_t n, size_t i)
{
	return skip_marker(s, n, i) != i;
}

/* Abbreviations after which a full stop never ends a sentence: titles,
 * and words that introduce what follows. Compared in small letters, with
 * their inner full stops. */
static const char *const abbr_never[] = {
	"bijv", "bv", "b.v", "o.a", "d.w.z", "dhr", "mevr", "mw", "mr", "dr",
	"drs", "ir", "ing", "prof", "st", "nr", "tel", "ca", "blz", "resp",
	"evt", "incl", "excl", "vs", "i.p.v", "ipv", "t.a.v", "tav", "m.b.t",
	"mbt", "i.v.m", "ivm", "m.n", "n.a.v", "nav", "o.b.v", "i.o.m",
	"v.w.b", "t/m", "z.g", "zgn", "m.u.v", "a.d.h.v", "i.s.m", "vgl",
	"i.h.k.v", "e.e.a", "jr", "sr", "fam", "mvg", NULL
};
/* Abbreviations that may end a sentence: when a capital follows. */
static const char *const abbr_maybe[] = {
	"enz", "etc", "e.d", "e.a", "jl", "j.l", "a.s", "z.s.m", "zsm",
	"jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
	"nov", "dec", "ma", "di", "wo", "do", "vr", "za", "zo", "u", "min",
	"max", NULL
};

static int in_strv(const char *const *v, const char *s)
{
	for (size_t i = 0; v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* How the word after a sentence mark starts. */
enum next_start { NEXT_UPPER, NEXT_LOWER, NEXT_OTHER };

static enum next_start next_start(const char *s, size_t n, size_t j)
{
	size_t len;
	unsigned long cp;

	/* 's Avonds, 't Is: an elided article starts a sentence */
	if (j + 2 < n && (s[j] == '\'') && (s[j + 1] == 's' || s[j + 1] == 't')
	    && s[j + 2] == ' ')
		return NEXT_UPPER;
	while (j < n) {
		cp = cp_at(s, n, j, &len);
		if (cp != '"' && cp != '\'' && cp != '(' && cp != '[' &&
		    cp != 0x201C && cp != 0x2018 && cp != 0x201E && cp != 0xAB)
			break;
		j += len;
	}
	if (j >= n)
		return NEXT_OTHER;
	cp = cp_at(s, n, j, &len);
	if (cp_is_upper(cp))
		return NEXT_UPPER;
	if (cp_is_lower(cp))
		return NEXT_LOWER;
	return NEXT_OTHER;
}

/* 1 if s[w, dot) are initials: capitals each followed by a full stop
 * but the last ("A", "J.P"). */
static int initials(const char *s, size_t w, size_t dot)
{
	size_t len;

	while (w < dot) {
		if (!cp_is_upper(cp_at(s, dot, w, &len)))
			return 0;
		w += len;
		if (w < dot && s[w++] != '.')
			return 0;
	}
	return 1;
}

/*
 * 1 if the single full stop at s[dot] belongs to an abbreviation or to
 * initials, and does not end the sentence given how the next word starts.
 * start is where the sentence began (the word never reaches before it).
 */
static int abbreviation_holds(const char *s, size_t start, size_t dot,
                              enum next_start next)
{
	size_t w = dot, k = 0;
	char low[16];
	int dotted = 0;

	while (w > start && s[w - 1] != ' ' && s[w - 1] != '\t' &&
	       s[w - 1] != '\n' && s[w - 1] != '(' && s[w - 1] != '"' &&
	       s[w - 1] != '\'')
		w--;
	if (w == dot)
		return 0;
	if (initials(s, w, dot))
		return 1; /* "A. Visser", "J.P. Visser" */
	if (dot - w >= sizeof low)
		return 0;
	for (size_t i = w; i < dot; i++) {
		char c = s[i];

		dotted |= c == '.';
		low[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	low[k] = '\0';
	if (in_strv(abbr_never, low))
		return 1;
	/* an abbreviation that may end a sentence, or one we do not know
	 * with full stops inside ("z.s.m."): ends it before a capital */
	if (dotted || in_strv(abbr_maybe, low))
		return next != NEXT_UPPER;
	return 0;
}

/* 1 for the bytes of a sentence mark at s[i]: . ! ? or … (U+2026). */
static size_t mark_len(const char *s, size_t n, size_t i)
{
	if (s[i] == '.' || s[i] == '!' || s[i] == '?')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA6)
		return 3;
	return 0;
}

/* 1 for what may close a sentence after its mark: quotes and brackets. */
static size_t closer_len(const char *s, size_t n, size_t i)
{
	size_t len;
	unsigned long cp = cp_at(s, n, i, &len);

	if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0xBB ||
	    cp == 0x201D || cp == 0x2019)
		return len;
	return 0;
}

/*
 * Where the sentence that starts at s[start] ends: returns its end (white
 * space after it not included) and sets *next to where the next one may
 * start.
 */
static size_t sentence_end(const char *s, size_t n, size_t start,
                           size_t *next)
{
	size_t i = start, len;

	while (i < n) {
		if (s[i] == '\n') {
			size_t j = skip_blanks(s, n, i + 1);
			size_t l2;

			if (j >= n || s[j] == '\n' || is_marker(s, n, j) ||
			    !cp_is_lower(cp_at(s, n, j, &l2))) {
				*next = j;
				return i;
			}
			i = j; /* a wrapped line goes on with a small letter */
			continue;
		}
		if ((len = mark_len(s, n, i)) > 0) {
			size_t k = i, after, j, l;
			int single_dot = s[i] == '.', nl = 0;
			enum next_start ns;

			while (k < n && (l = mark_len(s, n, k)) > 0)
				k += l;
			single_dot = single_dot && k == i + 1;
			while (k < n && (l = closer_len(s, n, k)) > 0)
				k += l;
			after = k;
			if (after < n && !cp_is_space(cp_at(s, n, after, &l))) {
				i = after; /* 1.500, 15.12.2026, www.example.nl, o.a. */
				continue;
			}
			j = skip_space(s, n, after, &nl);
			ns = next_start(s, n, j);
			if (j >= n || nl ||
			    !((single_dot && abbreviation_holds(s, start, i, ns)) ||
			      ns == NEXT_LOWER)) {
				*next = j;
				return after;
			}
			i = after;
			continue;
		}
		cp_at(s, n, i, &len);
		i += len;
	}
	*next = n;
	return n;
}

size_t pt_sentences(const char *text, struct pt_sentence **out)
{
	struct pt_sentence *v = NULL;
	size_t nv = 0, cap = 0, i = 0, n = text ? strlen(text) : 0;

	while (i < n) {
		size_t start, end, next, len;
		int words;

		i = skip_space(text, n, i, NULL);
		if (i >= n)
			break;
		i = skip_marker(text, n, i);
		start = i;
		end = sentence_end(text, n, start, &next);
		while (end > start) {
			/* trim trailing white space, byte by byte back to a
			 * character start */
			size_t b = end - 1;

			while (b > start && ((unsigned char)text[b] & 0xC0) == 0x80)
				b--;
			if (!cp_is_space(cp_at(text, n, b, &len)))
				break;
			end = b;
		}
		words = pt_count_words(text + start, end - start);
		if (words > 0) {
			xgrow(&v, &cap, nv + 1, sizeof *v);
			v[nv].start = start;
			v[nv].len = end - start;
			v[nv].words = words;
			nv++;
		}
		i = next > start ? next : start + 1;
	}
	*out = v;
	return nv;
}

/* ---------------------------------------------------------------------- */
/* Findings                                                                */

static struct pt_finding *add_finding(struct pt_report *r, enum pt_kind kind,
                                      const struct pt_place *where,
                                      const char *text, size_t offset,
                                      size_t len)
{
	struct pt_finding *f;

	xgrow(&r->v, &r->cap, r->n + 1, sizeof *r->v);
	f = &r->v[r->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	if (where) {
		f->section = xstrdup(where->section);
		f->item = xstrdup(where->item);
		f->field = xstrdup(where->field);
		f->label = xstrdup(where->label);
	}
	f->offset = offset;
	f->len = len;
	f->text = xstrndup(text + offset, len);
	return f;
}

void pt_check_text(struct pt_report *r, const struct jargon *j,
                   const char *text, const struct pt_place *where)
{
	struct pt_sentence *sv;
	size_t ns;

	if (str_empty(text))
		return;
	r->texts++;
	ns = pt_sentences(text, &sv);
	for (size_t s = 0; s < ns; s++) {
		struct token *t;
		size_t nt = tokenize(text + sv[s].start, sv[s].len, &t);

		r->sentences++;
		r->words += (size_t)sv[s].words;
		for (size_t i = 0; j && i < nt;) {
			const struct pt_pattern *p = match_at(j, t + i, nt - i);
			struct pt_finding *f;
			size_t from, to;

			if (!p) {
				i++;
				continue;
			}
			from = sv[s].start + t[i].start;
			to = sv[s].start + t[i + p->ntok - 1].end;
			f = add_finding(r, PT_JARGON, where, text, from, to - from);
			f->term = xstrdup(j->entry[p->entry].term);
			f->plain = xstrdup(j->entry[p->entry].plain);
			i += p->ntok;
		}
		tokens_free(t, nt);
		if (sv[s].words > PT_LONG_SENTENCE)
			add_finding(r, PT_LONG, where, text, sv[s].start,
			            sv[s].len)->words = sv[s].words;
	}
	free(sv);
}

double pt_average(const struct pt_report *r)
{
	return r->sentences ? (double)r->words / (double)r->sentences : 0.0;
}

int pt_report_clean(const struct pt_report *r)
{
	return r->n == 0 && r->words <= (size_t)PT_AVERAGE_MAX * r->sentences;
}

void pt_report_free(struct pt_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct pt_finding *f = &r->v[i];

		free(f->section);
		free(f->item);
		free(f->field);
		free(f->label);
		free(f->text);
		free(f->term);
		free(f->plain);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* Append s with white space runs and control characters as one space;
 * at most max_words words (0: all), then " …". */
static void add_clean(struct strbuf *sb, const char *s, int max_words)
{
	size_t n = strlen(s), i = 0, len;
	int words = 0, space = 0;

	while (i < n && cp_is_space(cp_at(s, n, i, &len)))
		i += len;
	while (i < n) {
		unsigned long cp = cp_at(s, n, i, &len);

		if (cp_is_space(cp) || cp < 0x20 || cp == 0x7F) {
			space = 1;
		} else {
			if (space) {
				if (max_words && ++words >= max_words) {
					sb_add(sb, " \xe2\x80\xa6");
					return;
				}
				sb_addc(sb, ' ');
				space = 0;
			}
			sb_addn(sb, s + i, len);
		}
		i += len;
	}
}

/* 1 if a and b are the same words, case, accents and spacing aside. */
static int same_words(const char *a, const char *b)
{
	struct token *ta, *tb;
	size_t na = tokenize(a, strlen(a), &ta), nb = tokenize(b, strlen(b), &tb);
	int same = na == nb;

	for (size_t i = 0; same && i < na; i++)
		same = strcmp(ta[i].fold, tb[i].fold) == 0;
	tokens_free(ta, na);
	tokens_free(tb, nb);
	return same;
}

char *pt_finding_line(const struct pt_finding *f)
{
	struct strbuf sb = {0};

	if (!str_empty(f->label)) {
		add_clean(&sb, f->label, 0);
		sb_add(&sb, ": ");
	}
	if (f->kind == PT_JARGON) {
		sb_add(&sb, "vaktaal \"");
		add_clean(&sb, f->text, 0);
		sb_add(&sb, "\"");
		if (f->term && !same_words(f->text, f->term)) {
			sb_add(&sb, " (");
			add_clean(&sb, f->term, 0);
			sb_add(&sb, ")");
		}
		if (!str_empty(f->plain)) {
			sb_add(&sb, "; in gewone woorden: ");
			add_clean(&sb, f->plain, 0);
		}
	} else {
		sb_addf(&sb, "zin van %d woorden (hoogstens %d): \"", f->words,
		        PT_LONG_SENTENCE);
		add_clean(&sb, f->text, 12);
		sb_add(&sb, "\"");
	}
	return sb_steal(&sb);
}

char *pt_average_line(const struct pt_report *r)
{
	size_t tenths;

	if (r->sentences == 0)
		return xstrdup("Geen zinnen om te controleren.");
	tenths = (r->words * 10 + r->sentences / 2) / r->sentences;
	return xasprintf("Gemiddelde zinslengte: %zu,%zu woorden per zin "
	                 "(%zu %s)%s hoogstens %d.", tenths / 10, tenths % 10,
	                 r->sentences, r->sentences == 1 ? "zin" : "zinnen",
	                 r->words > (size_t)PT_AVERAGE_MAX * r->sentences ?
	                 ": te lang, streef naar" : "; streef naar",
	                 PT_AVERAGE_MAX);
}

/* ---------------------------------------------------------------------- */
/* Over a case                                                             */

struct walk {
	struct pt_report *r;
	const struct jargon *j;
	const struct formset *fs;
	const struct doc_node *members; /* the household's members list */
};

/* 1 if ref is the ref of a household member. */
static int is_member(const struct walk *w, const char *ref)
{
	if (str_empty(ref) || !w->members || w->members->type != DOC_SEQ)
		return 0;
	for (size_t i = 0; i < w->members->len; i++)
		if (str_eq(doc_map_str(w->members->item[i], "ref"), ref))
			return 1;
	return 0;
}

/* What people call an item: "TOP-3 1", "Zorg z2", "Voorwaarde p3",
 * "Factor a1"; its id (rank or ref, else its number) in *id. Both owned
 * by the caller. */
static char *item_name(const struct formset *fs, const char *section,
                       const struct doc_node *item, size_t index, char **id)
{
	const struct form_section *sec = formset_section(fs, section);
	const char *ref = doc_map_str(item, strcmp(section, "top3") == 0 ?
	                              "rank" : "ref");
	const char *kind = doc_map_str(item, "kind");
	const char *word;
	char *name;

	*id = !str_empty(ref) ? xstrdup(ref) : xasprintf("%zu", index + 1);
	if (strcmp(section, "top3") == 0)
		return xasprintf("%s %s", sec ? sec->label : "TOP-3", *id);
	if (!str_empty(kind) && (strcmp(section, "statements") == 0 ||
	                         strcmp(section, "plan") == 0))
		word = kind;
	else if (sec && sec->item_label)
		word = sec->item_label;
	else
		word = sec ? sec->label : section;
	name = xasprintf("%s %s", word, *id);
	if (name[0] >= 'a' && name[0] <= 'z')
		name[0] = (char)(name[0] - 32);
	return name;
}

/* Check the duo's own text fields of one item. */
static void check_item(struct walk *w, const struct form_section *sec,
                       const struct doc_node *item, size_t index)
{
	char *name = NULL, *id = NULL;

	for (size_t i = 0; i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		const char *text = doc_map_str(item, f->key);
		struct pt_place where;
		char *label;

		if (f->author == FA_NONE || str_empty(text))
			continue;
		if (f->author == FA_HOUSEHOLD ||
		    (f->author == FA_FIELD &&
		     is_member(w, doc_map_str(item, f->author_field)))) {
			w->r->quoted++;
			continue;
		}
		if (!name)
			name = item_name(w->fs, sec->key, item, index, &id);
		label = xasprintf("%s, %s", name, f->label);
		where.section = sec->key;
		where.item = id;
		where.field = f->key;
		where.label = label;
		pt_check_text(w->r, w->j, text, &where);
		free(label);
	}
	free(name);
	free(id);
}

/* 1 unless the item says plainly that it is not confidential: a key
 * "confidential" that is absent or exactly false. */
static int is_confidential(const struct doc_node *item)
{
	const struct doc_pair *p = doc_map_pair(item, "confidential");

	return p && !(p->value->type == DOC_SCALAR &&
	              strcmp(p->value->text, "false") == 0);
}

/* Walk section key under parent (a session, an item or the analysis),
 * then the sections nested in it. */
static void walk_section(struct walk *w, const struct doc_node *parent,
                         const char *key)
{
	const struct skeleton_entry *sk = form_skeleton_get(key);
	const struct form_section *sec = formset_section(w->fs, key);
	const struct doc_node *node = doc_map_get(parent, key);
	size_t n = 1;

	if (!sk || !node)
		return;
	if (sk->is_list)
		n = node->type == DOC_SEQ ? node->len : 0;
	else if (node->type != DOC_MAP)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct doc_node *item = sk->is_list ? node->item[i] : node;

		if (item->type != DOC_MAP || is_confidential(item))
			continue;
		if (sec)
			check_item(w, sec, item, i);
		for (const struct skeleton_entry *c = form_skeleton; c->key; c++)
			if (str_eq(c->parent, key))
				walk_section(w, item, c->key);
	}
}

/* The session with this version (0: the highest), or NULL after a
 * diagnostic. */
static const struct doc_node *pick_session(const struct doc_node *kase,
                                           int version, struct diags *d)
{
	const struct doc_node *sessions = doc_map_get(kase, "sessions");
	const struct doc_node *best = NULL;
	long best_v = -1;
	struct strbuf have = {0};

	for (size_t i = 0; sessions && sessions->type == DOC_SEQ &&
	     i < sessions->len; i++) {
		const char *vs = doc_map_str(sessions->item[i], "version");
		char *end;
		long v = vs ? strtol(vs, &end, 10) : -1;

		if (!vs || *end || v < 1)
			continue;
		if ((version == 0 && v > best_v) || v == version) {
			best = sessions->item[i];
			best_v = v;
		}
		sb_addf(&have, "%s%ld", have.len ? ", " : "", v);
	}
	if (!best && have.len)
		diag_add(d, NULL, 0, 0, "versie %d bestaat niet (wel: %s)",
		         version, have.s);
	else if (!best)
		diag_add(d, NULL, 0, 0, "dit huishouden heeft nog geen sessies");
	sb_free(&have);
	return best;
}

int pt_check_session(struct pt_report *r, const struct jargon *j,
                     const struct formset *fs, const struct doc_node *kase,
                     int version, struct diags *d)
{
	struct walk w = {r, j, fs, NULL};
	const struct doc_node *session;

	if (!kase || kase->type != DOC_MAP || !fs) {
		diag_add(d, NULL, 0, 0, "geen huishouden om te controleren");
		return -1;
	}
	session = pick_session(kase, version, d);
	if (!session)
		return -1;
	w.members = doc_map_get(doc_map_get(kase, "household"), "members");
	for (const struct skeleton_entry *c = form_skeleton; c->key; c++)
		if (str_eq(c->parent, "sessions"))
			walk_section(&w, session, c->key);
	return 0;
}

int pt_check_household(struct pt_report *r, const struct jargon *j,
                       const struct formset *fs, const struct doc_node *kase,
                       int version, struct diags *d)
{
	const struct doc_node *session;
	struct doc_node *shown;
	const char *vs;
	int rc;

	if (!kase || kase->type != DOC_MAP || !fs) {
		diag_add(d, NULL, 0, 0, "geen huishouden om te controleren");
		return -1;
	}
	session = pick_session(kase, version, d);
	if (!session)
		return -1;
	/* pick_session only returns a session with a number of 1 or more. */
	vs = doc_map_str(session, "version");
	version = (int)strtol(vs, NULL, 10);
	shown = audience_household_case(kase, fs, version, 0, d);
	if (!shown)
		return -1;
	rc = pt_check_session(r, j, fs, shown, version, d);
	doc_free(shown);
	return rc == 0 ? version : -1;
}
