/*
 * audience.c - what the household may see (audience.h): the allowlist of
 * sections, fields and items, the pointers that follow hidden items, the
 * search for confidential text in what is shown, and the filtered copy of
 * a case that the summary and the screens read.
 *
 * The copy is made in two passes over the document: first everything that
 * is not known to be for the household is left out, then every value that
 * is left is searched for the text of a confidential item. The second pass
 * reads only the copy, so what is checked is exactly what is shown.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "store.h"

/* ---- reading the document ---------------------------------------------- */

static const char *node_str(const struct doc_node *n)
{
	return n && n->type == DOC_SCALAR ? n->text : NULL;
}

static const char *item_str(const struct doc_node *item, const char *key)
{
	return item && item->type == DOC_MAP ? node_str(doc_map_get(item, key))
	                                     : NULL;
}

static const struct doc_node *find_rank(const struct doc_node *session,
                                        const char *rank)
{
	const struct doc_node *top3 = doc_map_get(session, "top3");
	long want = str_whole(rank);

	for (size_t i = 0; want >= 0 && i < doc_seq_len(top3); i++)
		if (str_whole(item_str(top3->item[i], "rank")) == want)
			return top3->item[i];
	return NULL;
}

static const struct doc_node *members_of(const struct doc_node *kase)
{
	return doc_map_get(doc_map_get(kase, "household"), "members");
}

/* The form field of section, or NULL. */
static const struct form_field *section_field(const struct formset *fs,
                                              const char *section,
                                              const char *key)
{
	const struct form_section *s = formset_section(fs, section);

	return s ? form_section_field(s, key) : NULL;
}

/* The child section of section named key (a form_skeleton entry), or
 * NULL when key is a field. */
static const struct skeleton_entry *child_section(const char *section,
                                                  const char *key)
{
	const struct skeleton_entry *e = form_skeleton_get(key);

	return e && str_eq(e->parent, section) ? e : NULL;
}

/* ---- the allowlist ----------------------------------------------------- */

/* See audience.h. */
int audience_household_section(const char *section)
{
	const struct skeleton_entry *e = form_skeleton_get(section);

	return e && !e->internal;
}

/* See audience.h. */
int audience_household_field(const struct formset *fs, const char *section,
                             const char *key)
{
	const struct form_field *f;

	if (!fs || !key || key[0] == '_' || !audience_household_section(section))
		return 0;
	f = section_field(fs, section, key);
	return f && f->household;
}

/* Confidential unless the key is absent or exactly false: a value that is
 * not understood hides the item (fail closed). */
static int is_confidential(const struct doc_node *item)
{
	const struct doc_node *v = doc_map_get(item, "confidential");

	return v && !(v->type == DOC_SCALAR && str_eq(v->text, "false"));
}

/* See audience.h. */
int audience_household_item(const struct formset *fs, const char *section,
                            const struct doc_node *item)
{
	return fs && audience_household_section(section) &&
	       formset_section(fs, section) && item &&
	       item->type == DOC_MAP && !is_confidential(item);
}

/* A member ref may be shown when the member may; other values of a person
 * (a participant, duo, a named person) may. */
static int person_shown(const struct formset *fs, const struct doc_node *kase,
                        const char *value, int must_be_member)
{
	const struct doc_node *m = doc_seq_find(members_of(kase), "ref", value);

	if (!m)
		return !must_be_member;
	return audience_household_item(fs, "members", m);
}

/* See audience.h. */
int audience_household_ref(const struct formset *fs,
                           const struct doc_node *kase,
                           const struct doc_node *session,
                           const struct form_field *f, const char *value)
{
	const struct doc_node *it;

	if (!f || !value)
		return 0;
	switch (f->type) {
	case FT_STATEMENTS:
		it = doc_seq_find(doc_map_get(session, "statements"), "ref", value);
		return audience_household_item(fs, "statements", it);
	case FT_FACTORS:
		it = doc_seq_find(doc_map_get(doc_map_get(session, "analysis"), "factors"),
		               "ref", value);
		return audience_household_item(fs, "factors", it);
	case FT_RANK:
	case FT_RANKS:
		return audience_household_item(fs, "top3",
		                               find_rank(session, value));
	case FT_MEMBER:
	case FT_MEMBERS:
		return person_shown(fs, kase, value, 1);
	case FT_SUBJECT:
		if (str_eq(value, "gezin") || str_eq(value, "omgeving"))
			return 1;
		return person_shown(fs, kase, value, 1);
	case FT_PERSON:
	case FT_SCORES:
		return person_shown(fs, kase, value, 0);
	case FT_TARGET:
		return 0;
	default:
		return 1;
	}
}

/* ---- words ------------------------------------------------------------- */

/* A text as words: letters and digits, ASCII and Latin-1 letters folded
 * to lower case. */
struct words {
	char **w;
	size_t *chars;        /* letters and digits in word i */
	unsigned char *flag;  /* WORD_* of word i */
	size_t n, cap;
};

#define WORD_SENTENCE 0x1u  /* the first word of a sentence */
#define WORD_CAPITAL  0x2u  /* written with a capital first letter */
#define WORD_NUMBER   0x4u  /* digits, maybe one letter after: 12, 9a */

/* 1 if code point cp is part of a word. Punctuation of Latin-1 and the
 * general punctuation and symbol blocks separate words. */
static int word_char(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0)
		return 0;
	if (cp == 0xd7 || cp == 0xf7)
		return 0;
	if (cp >= 0x2000 && cp <= 0x2bff)
		return 0;
	return cp != 0xfffd;
}

/* Append cp to sb as UTF-8, folded to lower case where that is simple. */
static void add_folded(struct strbuf *sb, const char *s, size_t n,
                       unsigned long cp)
{
	if (cp >= 'A' && cp <= 'Z') {
		sb_addc(sb, (char)(cp + 32));
	} else if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) {
		unsigned long lc = cp + 0x20;

		sb_addc(sb, (char)(0xc0 | (lc >> 6)));
		sb_addc(sb, (char)(0x80 | (lc & 0x3f)));
	} else {
		sb_addn(sb, s, n);
	}
}

static int sentence_end(unsigned long cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == '\n';
}

/* WORD_CAPITAL and WORD_NUMBER of a folded word whose first code point
 * was first. */
static unsigned word_kind(const char *w, unsigned long first)
{
	unsigned k = 0;
	size_t digits = strspn(w, "0123456789");

	if ((first >= 'A' && first <= 'Z') ||
	    (first >= 0xc0 && first <= 0xde && first != 0xd7))
		k |= WORD_CAPITAL;
	if (digits > 0 && digits <= 5 &&
	    (w[digits] == '\0' ||
	     (w[digits] >= 'a' && w[digits] <= 'z' && w[digits + 1] == '\0')))
		k |= WORD_NUMBER;
	return k;
}

static void words_split(struct words *W, const char *text)
{
	struct strbuf cur = {0};
	size_t n = text ? strlen(text) : 0, i = 0, chars = 0;
	int new_sentence = 1;
	unsigned long first = 0;

	memset(W, 0, sizeof *W);
	while (i <= n) {
		unsigned long cp = 0;
		size_t start = i, len = 0;

		if (i < n) {
			len = utf8_decode(text + i, n - i, &cp);
			i += len;
		} else {
			i++;
		}
		if (start < n && word_char(cp)) {
			if (!cur.len)
				first = cp;
			add_folded(&cur, text + start, len, cp);
			chars++;
			continue;
		}
		if (cur.len) {
			xgrow(&W->w, &W->cap, W->n + 1, sizeof *W->w);
			W->chars = xrealloc(W->chars, W->cap * sizeof *W->chars);
			W->flag = xrealloc(W->flag, W->cap);
			W->chars[W->n] = chars;
			W->flag[W->n] = (unsigned char)(word_kind(cur.s, first) |
			                (new_sentence ? WORD_SENTENCE : 0));
			W->w[W->n++] = sb_steal(&cur);
			chars = 0;
			new_sentence = 0;
		}
		if (start < n && sentence_end(cp))
			new_sentence = 1;
	}
	sb_free(&cur);
}

static void words_free(struct words *W)
{
	for (size_t i = 0; i < W->n; i++)
		free(W->w[i]);
	free(W->w);
	free(W->chars);
	free(W->flag);
	memset(W, 0, sizeof *W);
}

/* 1 if the words needle[0..k) stand one after another in hay. */
static int words_contain(const struct words *hay, char *const *needle,
                         size_t k)
{
	if (k == 0 || k > hay->n)
		return 0;
	for (size_t i = 0; i + k <= hay->n; i++) {
		size_t j = 0;

		while (j < k && strcmp(hay->w[i + j], needle[j]) == 0)
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

/* ---- secrets ----------------------------------------------------------- */

struct secret {
	char *desc;          /* "uitspraak f5" */
	struct words words;  /* of one text field */
};

struct audience_secrets {
	struct secret *v;
	size_t n, cap;
	size_t items;        /* confidential items seen */
};

/* "uitspraak f5": the item's label in lower case and its ref or rank. */
static char *item_label_lower(const struct formset *fs, const char *section)
{
	const struct form_section *s = formset_section(fs, section);
	const char *label = s ? (s->item_label ? s->item_label : s->label)
	                      : section;
	char *out = xstrdup(label);

	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] + 32);
	return out;
}

/* Text that goes into a message: control characters become '?'. */
static void add_clean(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		sb_addc(sb, *p < 0x20 || *p == 0x7f ? '?' : (char)*p);
}

/* A Dutch name for one item: "uitspraak f5", "zorg 1 'Ruzies ...'",
 * "lid 'Anouk Visser'", "het huishouden". Caller frees. */
static char *item_desc(const struct formset *fs, const char *section,
                       const struct doc_node *item)
{
	struct strbuf sb = {0};
	char *label;
	const char *v;

	if (str_eq(section, "household"))
		return xstrdup("het huishouden");
	if (str_eq(section, "analysis"))
		return xstrdup("de verklarende analyse");
	label = item_label_lower(fs, section);
	sb_add(&sb, label);
	free(label);
	if ((v = item_str(item, "ref")) || (v = item_str(item, "rank"))) {
		sb_addc(&sb, ' ');
		add_clean(&sb, v);
	}
	if ((v = item_str(item, "title")) || (v = item_str(item, "name")) ||
	    (v = item_str(item, "member"))) {
		sb_add(&sb, " '");
		add_clean(&sb, v);
		sb_addc(&sb, '\'');
	}
	return sb_steal(&sb);
}

/* 1 if field f may hold free text worth keeping secret. Keys no form
 * defines count (fail closed). */
static int secret_type(const struct form_field *f)
{
	return !f || f->type == FT_TEXT || f->type == FT_LINES ||
	       f->type == FT_PERSON;
}

static void secret_add(struct audience_secrets *S, const char *desc,
                       const char *text)
{
	struct secret *s;

	xgrow(&S->v, &S->cap, S->n + 1, sizeof *S->v);
	s = &S->v[S->n++];
	s->desc = xstrdup(desc);
	words_split(&s->words, text);
}

/* 1 if session shows (not confidential) an item of section whose text is
 * exactly text: the duo chose to let the household see it. */
static int shown_with_text(const struct formset *fs,
                           const struct doc_node *list, const char *section,
                           const char *text)
{
	for (size_t i = 0; text && i < doc_seq_len(list); i++)
		if (audience_household_item(fs, section, list->item[i]) &&
		    str_eq(item_str(list->item[i], "text"), text))
			return 1;
	return 0;
}

/* The list of section in session (or in the household for members). */
static const struct doc_node *section_list(const struct doc_node *kase,
                                           const struct doc_node *session,
                                           const char *section)
{
	const struct skeleton_entry *e = form_skeleton_get(section);

	if (!e || !e->is_list)
		return NULL;
	if (str_eq(e->parent, "household"))
		return doc_map_get(doc_map_get(kase, "household"), section);
	if (str_eq(e->parent, "sessions"))
		return doc_map_get(session, section);
	if (str_eq(e->parent, "analysis"))
		return doc_map_get(doc_map_get(session, "analysis"), section);
	return NULL; /* comments: in reviews, never shown */
}

/* Add the text fields of every confidential item of the list sections
 * of from (a session, or NULL for the household's own lists). */
static void secrets_collect(struct audience_secrets *S,
                            const struct formset *fs,
                            const struct doc_node *kase,
                            const struct doc_node *from,
                            const struct doc_node *session, int household)
{
	const char *version = item_str(from, "version");

	for (const struct skeleton_entry *e = form_skeleton; e->key; e++) {
		const struct doc_node *list, *mine;

		if (!e->is_list || e->internal ||
		    str_eq(e->parent, "household") != household ||
		    str_eq(e->key, "sessions"))
			continue;
		list = section_list(kase, from, e->key);
		mine = section_list(kase, session, e->key);
		for (size_t i = 0; i < doc_seq_len(list); i++) {
			const struct doc_node *it = list->item[i];
			char *desc;

			if (it->type != DOC_MAP || !is_confidential(it))
				continue;
			if (from != session && !household &&
			    shown_with_text(fs, mine, e->key, item_str(it, "text")))
				continue;
			S->items++;
			desc = item_desc(fs, e->key, it);
			if (from != session && !household && version) {
				char *d2 = xasprintf("%s van versie %s", desc, version);

				free(desc);
				desc = d2;
			}
			for (size_t j = 0; j < it->len; j++) {
				const struct doc_pair *p = &it->pair[j];

				if (p->key[0] == '_' || p->value->type != DOC_SCALAR ||
				    !secret_type(section_field(fs, e->key, p->key)))
					continue;
				secret_add(S, desc, p->value->text);
			}
			free(desc);
		}
	}
}

/* See audience.h. */
struct audience_secrets *audience_secrets_new(const struct formset *fs,
                                              const struct doc_node *kase,
                                              const struct doc_node *session)
{
	struct audience_secrets *S = xcalloc(1, sizeof *S);
	const struct doc_node *sessions = doc_map_get(kase, "sessions");

	secrets_collect(S, fs, kase, NULL, NULL, 1);
	if (session)
		secrets_collect(S, fs, kase, session, session, 0);
	for (size_t i = 0; i < doc_seq_len(sessions); i++)
		if (sessions->item[i] != session)
			secrets_collect(S, fs, kase, sessions->item[i], session, 0);
	return S;
}

/* See audience.h. */
size_t audience_secrets_count(const struct audience_secrets *s)
{
	return s ? s->items : 0;
}

/* 1 if hay holds a part of the secret that counts (audience.h). */
static int secret_in(const struct secret *s, const struct words *hay)
{
	const struct words *w = &s->words;

	for (size_t i = 0; i < w->n; i++) {
		size_t chars = 0, j = i;

		/* an address: a name with a capital, then a house number */
		if ((w->flag[i] & (WORD_CAPITAL | WORD_SENTENCE)) == WORD_CAPITAL &&
		    w->chars[i] >= 4 && i + 1 < w->n &&
		    (w->flag[i + 1] & WORD_NUMBER) &&
		    words_contain(hay, w->w + i, 2))
			return 1;
		/* the shortest run from word i that is long enough */
		while (j < w->n && (j - i < AUDIENCE_MIN_WORDS ||
		                    chars < AUDIENCE_MIN_CHARS))
			chars += w->chars[j++];
		if (j - i >= AUDIENCE_MIN_WORDS && chars >= AUDIENCE_MIN_CHARS &&
		    words_contain(hay, w->w + i, j - i))
			return 1;
		if (!(w->flag[i] & WORD_SENTENCE))
			continue;
		/* a whole sentence of at least AUDIENCE_MIN_SENTENCE */
		for (chars = 0, j = i;
		     j < w->n && (j == i || !(w->flag[j] & WORD_SENTENCE)); j++)
			chars += w->chars[j];
		if (chars >= AUDIENCE_MIN_SENTENCE &&
		    words_contain(hay, w->w + i, j - i))
			return 1;
	}
	return 0;
}

/* See audience.h. */
const char *audience_secrets_find(const struct audience_secrets *s,
                                  const char *text)
{
	struct words hay;
	const char *found = NULL;

	if (!s || str_empty(text) || s->n == 0)
		return NULL;
	words_split(&hay, text);
	for (size_t i = 0; i < s->n && !found; i++)
		if (secret_in(&s->v[i], &hay))
			found = s->v[i].desc;
	words_free(&hay);
	return found;
}

/* See audience.h. */
void audience_secrets_free(struct audience_secrets *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].desc);
		words_free(&s->v[i].words);
	}
	free(s->v);
	free(s);
}

/* ---- the filtered copy ------------------------------------------------- */

struct filt {
	const struct formset *fs;
	const struct doc_node *kase;     /* the whole case, unfiltered */
	const struct doc_node *session;  /* the session being copied, or NULL */
	unsigned flags;
};

/* A copy of value v of field f with every hidden pointer left out; NULL
 * when nothing is left or the value does not have the shape of f. */
static struct doc_node *copy_value(const struct filt *F,
                                   const struct form_field *f,
                                   const struct doc_node *v)
{
	struct doc_node *out;

	if (v->type == DOC_SCALAR) {
		if (field_type_is_list(f->type) || f->type == FT_SCORES)
			return NULL;
		if (!audience_household_ref(F->fs, F->kase, F->session, f, v->text))
			return NULL;
		return doc_clone(v);
	}
	if (v->type == DOC_SEQ) {
		if (!field_type_is_list(f->type))
			return NULL;
		out = doc_new_seq(v->style);
		for (size_t i = 0; i < v->len; i++) {
			const struct doc_node *it = v->item[i];

			if (it->type == DOC_SCALAR &&
			    audience_household_ref(F->fs, F->kase, F->session, f,
			                           it->text))
				doc_seq_add(out, doc_clone(it));
		}
	} else {
		if (f->type != FT_SCORES)
			return NULL;
		out = doc_new_map(v->style);
		for (size_t i = 0; i < v->len; i++) {
			const struct doc_pair *p = &v->pair[i];

			if (p->value->type == DOC_SCALAR &&
			    audience_household_ref(F->fs, F->kase, F->session, f,
			                           p->key))
				doc_map_add(out, p->key, doc_clone(p->value));
		}
	}
	if (out->len == 0) {
		doc_free(out);
		return NULL;
	}
	return out;
}

static struct doc_node *copy_item(const struct filt *F, const char *section,
                                  const struct doc_node *item);

/* 1 if item stands for a hidden member: a field of type member (a
 * participant who is a household member) names one that is hidden. */
static int stands_for_hidden(const struct filt *F, const char *section,
                             const struct doc_node *item)
{
	const struct form_section *s = formset_section(F->fs, section);

	for (size_t i = 0; s && i < s->nfields; i++) {
		const struct form_field *f = &s->fields[i];
		const char *v = item_str(item, f->key);

		if (f->type == FT_MEMBER && v &&
		    !audience_household_ref(F->fs, F->kase, F->session, f, v))
			return 1;
	}
	return 0;
}

/* The items of a list section that may be shown, copied. */
static struct doc_node *copy_list(const struct filt *F, const char *section,
                                  const struct doc_node *list)
{
	struct doc_node *out = doc_new_seq(DOC_AUTO);

	for (size_t i = 0; i < doc_seq_len(list); i++)
		if (audience_household_item(F->fs, section, list->item[i]) &&
		    !stands_for_hidden(F, section, list->item[i]))
			doc_seq_add(out, copy_item(F, section, list->item[i]));
	return out;
}

/* See audience.h. */
struct doc_node *audience_household_value(const struct formset *fs,
                                          const struct doc_node *kase,
                                          const struct doc_node *session,
                                          const struct form_field *f,
                                          const struct doc_node *v)
{
	struct filt F = {fs, kase, session, 0};

	return fs && f && v ? copy_value(&F, f, v) : NULL;
}

/* See audience.h. */
int audience_household_row(const struct formset *fs,
                           const struct doc_node *kase,
                           const struct doc_node *session,
                           const char *section, const struct doc_node *item)
{
	struct filt F = {fs, kase, session, 0};

	return audience_household_item(fs, section, item) &&
	       !stands_for_hidden(&F, section, item);
}

/* A copy of one item (or the household, a session, the analysis) with
 * only the fields and nested sections that may be shown. */
static struct doc_node *copy_item(const struct filt *F, const char *section,
                                  const struct doc_node *item)
{
	struct doc_node *out = doc_new_map(DOC_AUTO);

	for (size_t i = 0; i < item->len; i++) {
		const struct doc_pair *p = &item->pair[i];
		const struct skeleton_entry *child = child_section(section, p->key);
		const struct form_field *f;
		struct doc_node *v;

		if (child) {
			if (!audience_household_section(child->key))
				continue;
			if (child->is_list)
				doc_map_add(out, p->key,
				            copy_list(F, child->key, p->value));
			else if (audience_household_item(F->fs, child->key, p->value))
				doc_map_add(out, p->key,
				            copy_item(F, child->key, p->value));
			continue;
		}
		if ((F->flags & AUDIENCE_KEEP_ITEM_IDS) &&
		    str_eq(p->key, STORE_ITEM_ID) && p->value->type == DOC_SCALAR) {
			doc_map_add(out, p->key, doc_clone(p->value));
			continue;
		}
		if (!audience_household_field(F->fs, section, p->key))
			continue;
		f = section_field(F->fs, section, p->key);
		if ((v = copy_value(F, f, p->value)) != NULL)
			doc_map_add(out, p->key, v);
	}
	return out;
}

/* ---- searching the copy for confidential text ------------------------ */

struct scan {
	const struct formset *fs;
	const char *household;           /* its name, for messages */
	const char *version;             /* NULL at the household */
	struct audience_secrets **sec;   /* the secrets to search for */
	size_t nsec;
	struct diags *d;
	int found;
};

static void scan_text(struct scan *S, const char *section,
                      const struct doc_node *item, const char *key,
                      const char *text)
{
	const struct form_field *f = section_field(S->fs, section, key);
	const char *which = NULL;
	struct strbuf where = {0};
	char *desc;

	for (size_t i = 0; i < S->nsec && !which; i++)
		which = audience_secrets_find(S->sec[i], text);
	if (!which)
		return;
	desc = item_desc(S->fs, section, item);
	add_clean(&where, S->household ? S->household : "het huishouden");
	if (S->version)
		sb_addf(&where, ", versie %s", S->version);
	if (!str_eq(section, "sessions")) {
		sb_add(&where, ", ");
		sb_add(&where, desc);
	}
	diag_add(S->d, NULL, 0, 0,
	         "%s, veld '%s': hier staat tekst uit %s, die vertrouwelijk "
	         "is. Het huishouden mag die niet zien, dus er is niets "
	         "gemaakt. Haal de tekst uit dit veld. Of zet %s niet meer op "
	         "vertrouwelijk, als het huishouden dit mag weten.",
	         where.s, f && f->label ? f->label : key, which, which);
	S->found++;
	sb_free(&where);
	free(desc);
}

/* Search every value of item and of the sections nested in it. */
static void scan_item(struct scan *S, const char *section,
                      const struct doc_node *item)
{
	for (size_t i = 0; item && item->type == DOC_MAP && i < item->len; i++) {
		const struct doc_pair *p = &item->pair[i];
		const struct skeleton_entry *child = child_section(section, p->key);
		const struct doc_node *v = p->value;

		if (child && child->is_list) {
			for (size_t j = 0; j < doc_seq_len(v); j++)
				scan_item(S, child->key, v->item[j]);
			continue;
		}
		if (child) {
			scan_item(S, child->key, v);
			continue;
		}
		if (str_eq(p->key, STORE_ITEM_ID))
			continue;
		if (v->type == DOC_SCALAR) {
			scan_text(S, section, item, p->key, v->text);
			continue;
		}
		for (size_t j = 0; j < v->len; j++) {
			if (v->type == DOC_SEQ && v->item[j]->type == DOC_SCALAR)
				scan_text(S, section, item, p->key, v->item[j]->text);
			if (v->type == DOC_MAP) {
				scan_text(S, section, item, p->key, v->pair[j].key);
				if (v->pair[j].value->type == DOC_SCALAR)
					scan_text(S, section, item, p->key,
					          v->pair[j].value->text);
			}
		}
	}
}

/* The sessions to copy: all (version 0) or the one with that version. */
static size_t pick_sessions(const struct doc_node *sessions, int version,
                            const struct doc_node ***out, struct diags *d)
{
	size_t n = 0;
	struct strbuf have = {0};

	*out = xcalloc(doc_seq_len(sessions) + 1, sizeof **out);
	for (size_t i = 0; i < doc_seq_len(sessions); i++) {
		const struct doc_node *s = sessions->item[i];
		long v = str_whole(item_str(s, "version"));

		if (s->type != DOC_MAP)
			continue;
		if (version == 0 || v == version)
			(*out)[n++] = s;
		if (v >= 0)
			sb_addf(&have, "%s%ld", have.len ? ", " : "", v);
	}
	if (version != 0 && n == 0) {
		if (have.len)
			diag_add(d, NULL, 0, 0, "versie %d bestaat niet (wel: %s)",
			         version, have.s);
		else
			diag_add(d, NULL, 0, 0, "dit huishouden heeft nog geen "
			         "sessies");
	}
	sb_free(&have);
	return n;
}

/* See audience.h. */
struct doc_node *audience_household_case(const struct doc_node *kase,
                                         const struct formset *fs,
                                         int version, unsigned flags,
                                         struct diags *d)
{
	struct filt F = {fs, kase, NULL, flags};
	const struct doc_node *household = doc_map_get(kase, "household");
	const struct doc_node **sess;
	struct audience_secrets **sec;
	struct doc_node *out, *list, *hh = NULL;
	struct scan S = {0};
	size_t n;

	if (!kase || kase->type != DOC_MAP || !fs ||
	    !household || household->type != DOC_MAP) {
		diag_add(d, NULL, 0, 0, "geen huishouden om te tonen");
		return NULL;
	}
	n = pick_sessions(doc_map_get(kase, "sessions"), version, &sess, d);
	if (version != 0 && n == 0) {
		free(sess);
		return NULL;
	}

	/* pass 1: leave out what is not known to be for the household */
	out = doc_new_map(DOC_AUTO);
	if (item_str(kase, "format"))
		doc_map_add_str(out, "format", item_str(kase, "format"), DOC_PLAIN);
	if (audience_household_item(fs, "household", household)) {
		hh = copy_item(&F, "household", household);
		doc_map_add(out, "household", hh);
	}
	list = doc_new_seq(DOC_AUTO);
	for (size_t i = 0; i < n; i++) {
		F.session = sess[i];
		doc_seq_add(list, copy_item(&F, "sessions", sess[i]));
	}
	doc_map_add(out, "sessions", list);

	/* pass 2: search what is left for confidential text */
	sec = xcalloc(n + 1, sizeof *sec);
	for (size_t i = 0; i < n; i++)
		sec[i] = audience_secrets_new(fs, kase, sess[i]);
	if (n == 0)
		sec[0] = audience_secrets_new(fs, kase, NULL);
	S.fs = fs;
	S.household = item_str(hh, "name");
	S.d = d;
	S.sec = sec;
	S.nsec = n ? n : 1;
	scan_item(&S, "household", hh);
	for (size_t i = 0; i < n; i++) {
		S.version = item_str(list->item[i], "version");
		S.sec = &sec[i];
		S.nsec = 1;
		scan_item(&S, "sessions", list->item[i]);
	}
	for (size_t i = 0; i < (n ? n : 1); i++)
		audience_secrets_free(sec[i]);
	free(sec);
	free(sess);
	if (S.found) {
		doc_free(out);
		return NULL;
	}
	return out;
}
