/*
 * export_text.c - the professional text view of one session.
 *
 * The view is built from the household's duo-case/1 document and the forms
 * alone: the stages come in the order of the form files, each section under
 * its form label, and every field is printed by one printer driven by the
 * field's type (a member ref becomes the member's name, a choice its label,
 * a list of statement refs the first words of each statement). A field a
 * form adds is printed with its label with no change here. What differs per
 * section (which field is the item's first line, what the items are grouped
 * by) is one row of the views[] table.
 *
 * Text is wrapped at a given width counting display columns of UTF-8 text
 * (utf8_width in util.h: the library sets no locale). Control
 * characters and invalid bytes are shown as U+FFFD, so a case file cannot
 * send escape sequences to a terminal.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/* A label longer than this (in columns) gets a short hanging indent. */
#define LABEL_HANG_MAX 24
/* How many words of a statement or factor a reference shows. */
#define FIRST_WORDS 8
#define INDENT 2

/* ---- UTF-8 ---------------------------------------------------------- */

/* The longest prefix of s[0..n) (in bytes) that fits in cols columns. */
static size_t text_fit(const char *s, size_t n, int cols)
{
	size_t i = 0, fit = 0;
	int w = 0;

	while (i < n) {
		unsigned long cp;

		i += utf8_decode(s + i, n - i, &cp);
		w += utf8_cp_width(cp);
		if (w > cols)
			break;
		fit = i;
	}
	return fit;
}

/* A copy of s that is safe to print: tabs become spaces, carriage returns
 * go, other control characters and invalid bytes become U+FFFD. Newlines
 * stay, except at the end. Caller frees. */
static char *text_clean(const char *s)
{
	struct strbuf sb = {0};
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t start = i;
		unsigned long cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '\n')
			sb_addc(&sb, '\n');
		else if (cp == '\t')
			sb_addc(&sb, ' ');
		else if (cp == '\r')
			continue;
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xfffd)
			sb_add(&sb, "\xef\xbf\xbd");
		else
			sb_addn(&sb, s + start, i - start);
	}
	while (sb.len && (sb.s[sb.len - 1] == '\n' || sb.s[sb.len - 1] == ' '))
		sb.s[--sb.len] = '\0';
	return sb.len ? sb_steal(&sb) : xstrdup("");
}

/* ---- the output, line by line ---------------------------------------- */

struct tx {
	struct strbuf out;
	const struct formset *fs;
	const struct doc_node *household;  /* may be NULL */
	const struct doc_node *session;
	const struct doc_node *analysis;   /* may be NULL */
	const struct form_model *model;    /* may be NULL */
	int width;                         /* INT_MAX: no wrapping */
	int blank;                         /* a blank line is due */
	int heading;                       /* the last line was a heading */
};

/* Begin an output line at column col, after the blank line that is due. */
static void line_begin(struct tx *t, int col)
{
	if (t->blank) {
		sb_addc(&t->out, '\n');
		t->blank = 0;
	}
	for (int i = 0; i < col; i++)
		sb_addc(&t->out, ' ');
}

/* The state of the physical line being filled by put_text. */
struct wrap {
	struct tx *t;
	int cur;      /* column after what is on the line */
	int hang;     /* column of continuation lines */
	int content;  /* something is on the line after the indent */
};

static void wrap_newline(struct wrap *w)
{
	sb_addc(&w->t->out, '\n');
	line_begin(w->t, w->hang);
	w->cur = w->hang;
	w->content = 0;
}

/* Put one word (no spaces inside, except a leading run that indents the
 * first word of an explicit line) on the line, moving to the next line or
 * cutting the word when it does not fit. */
static void wrap_word(struct wrap *w, const char *s, size_t n)
{
	int max = w->t->width, ww = utf8_width(s, n);

	if (w->content) {
		if (w->cur + 1 + ww <= max) {
			sb_addc(&w->t->out, ' ');
			sb_addn(&w->t->out, s, n);
			w->cur += 1 + ww;
			return;
		}
		if (ww <= max - w->hang || max - w->cur < 3)
			wrap_newline(w);
		else {
			sb_addc(&w->t->out, ' ');
			w->cur++;
		}
	}
	while (w->cur + ww > max) {
		size_t fit = text_fit(s, n, max - w->cur);

		if (fit == 0) {
			if (w->cur > w->hang) {
				wrap_newline(w);
				continue;
			}
			fit = 1;
			while (fit < n && ((unsigned char)s[fit] & 0xc0) == 0x80)
				fit++;
		}
		sb_addn(&w->t->out, s, fit);
		w->cur += utf8_width(s, fit);
		w->content = 1;
		s += fit;
		n -= fit;
		if (n == 0)
			return;
		ww = utf8_width(s, n);
		wrap_newline(w);
	}
	sb_addn(&w->t->out, s, n);
	w->cur += ww;
	w->content = 1;
}

/* Put one explicit line of text, word by word. Leading spaces stay with the
 * first word, so indented lines of a multi-line text keep their indent. */
static void wrap_line(struct wrap *w, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i == n)
		return;
	size_t start = w->content ? i : 0;
	while (start < n) {
		size_t end = start;

		while (end < n && s[end] == ' ')
			end++;
		while (end < n && s[end] != ' ')
			end++;
		wrap_word(w, s + start, end - start);
		while (end < n && s[end] == ' ')
			end++;
		start = end;
	}
}

/* 1 if s[0..n) holds more than spaces. */
static int has_text(const char *s, size_t n)
{
	return strspn(s, " ") < n;
}

/*
 * Write lead (a tag or "Label:"; may be NULL) at column col, then text after
 * one space, wrapped at the width; continuation lines and every further
 * explicit line of text start at column hang. Blank lines of the text stay
 * blank; no line gets trailing spaces.
 */
static void put_text(struct tx *t, int col, const char *lead, int hang,
                     const char *text)
{
	char *clean = text_clean(text ? text : "");
	struct wrap w = {t, col, hang, 0};
	const char *p = clean;

	for (int first = 1;; first = 0) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		if (first && !str_empty(lead)) {
			line_begin(t, col);
			sb_add(&t->out, lead);
			w.cur = col + utf8_width(lead, strlen(lead));
			w.content = 1;
		} else if (has_text(p, n)) {
			line_begin(t, first ? col : hang);
			w.cur = first ? col : hang;
			w.content = 0;
		} else {
			line_begin(t, 0);
		}
		wrap_line(&w, p, n);
		sb_addc(&t->out, '\n');
		if (!eol)
			break;
		p = eol + 1;
	}
	free(clean);
}

/* A heading underlined with ch (0: not underlined). */
static void put_heading(struct tx *t, int col, const char *text, char ch)
{
	char *clean = text_clean(text);

	t->blank = t->out.len > 0;
	put_text(t, col, NULL, col + INDENT, clean);
	t->heading = 1;
	if (ch) {
		int w = utf8_width(clean, strlen(clean));

		if (w > t->width - col)
			w = t->width - col;
		line_begin(t, col);
		for (int i = 0; i < w; i++)
			sb_addc(&t->out, ch);
		sb_addc(&t->out, '\n');
		t->blank = 1;
	}
	free(clean);
}

/* ---- the document ---------------------------------------------------- */

static const char *node_str(const struct doc_node *n)
{
	return n && n->type == DOC_SCALAR && !doc_is_null(n) ? n->text : NULL;
}

static const char *item_str(const struct doc_node *item, const char *key)
{
	return item && item->type == DOC_MAP ? node_str(doc_map_get(item, key))
	                                     : NULL;
}

static int str_true(const char *s)
{
	return str_eq(s, "true") || str_eq(s, "True") || str_eq(s, "TRUE");
}

static const struct doc_node *find_rank(struct tx *t, const char *rank)
{
	const struct doc_node *top3 = doc_map_get(t->session, "top3");
	long want = str_whole(rank);

	for (size_t i = 0; want >= 0 && i < doc_seq_len(top3); i++)
		if (str_whole(item_str(top3->item[i], "rank")) == want)
			return top3->item[i];
	return NULL;
}

static const char *member_name(struct tx *t, const char *ref)
{
	return item_str(doc_seq_find(doc_map_get(t->household, "members"), "ref", ref),
	                "name");
}

static int is_confidential(const struct doc_node *item)
{
	return str_true(item_str(item, "confidential"));
}

/* The first words of text, with an ellipsis when there is more. */
static void add_first_words(struct strbuf *sb, const char *text)
{
	const char *p = text ? text : "";

	for (int words = 0; *p; words++) {
		p += strspn(p, " \n\t");
		if (!*p)
			break;
		if (words == FIRST_WORDS) {
			sb_add(sb, "\xe2\x80\xa6");
			break;
		}
		size_t n = strcspn(p, " \n\t");
		if (words > 0)
			sb_addc(sb, ' ');
		sb_addn(sb, p, n);
		p += n;
	}
}

/* "f1 [VERTROUWELIJK] Op 30 september 2026 …": an item another points at. */
static void add_ref_line(struct strbuf *sb, const char *ref,
                         const struct doc_node *item, const char *textkey)
{
	sb_add(sb, ref);
	if (!item)
		return;
	if (is_confidential(item))
		sb_add(sb, " [VERTROUWELIJK]");
	sb_addc(sb, ' ');
	add_first_words(sb, item_str(item, textkey));
}

/* "1. Ruzies met geweld waar de kinderen bij zijn" */
static void add_rank_line(struct tx *t, struct strbuf *sb, const char *rank)
{
	const char *title = item_str(find_rank(t, rank), "title");

	sb_addf(sb, "%s.", rank);
	if (title)
		sb_addf(sb, " %s", title);
}

/* "Zorg 1: Ruzies met geweld waar de kinderen bij zijn" */
static void add_concern(struct tx *t, struct strbuf *sb, const char *rank)
{
	const struct form_section *top3 = formset_section(t->fs, "top3");
	const char *title = item_str(find_rank(t, rank), "title");

	sb_addf(sb, "%s %s", top3 && top3->item_label ? top3->item_label
	                                              : "Zorg", rank);
	if (title)
		sb_addf(sb, ": %s", title);
}

static void add_target(struct tx *t, struct strbuf *sb, const char *target)
{
	static const char *const reflists[] = {"statements", "hypotheses",
	                                       "plan", "factors"};
	const struct form_section *sec = formset_section(t->fs, target);

	if (str_has_prefix(target, "top3/")) {
		add_concern(t, sb, target + 5);
		return;
	}
	if (sec) {
		sb_add(sb, sec->label);
		return;
	}
	for (size_t i = 0; i < sizeof reflists / sizeof *reflists; i++) {
		const char *key = reflists[i];
		const struct doc_node *in = str_eq(key, "hypotheses") ||
		                            str_eq(key, "factors")
		                            ? t->analysis : t->session;
		const struct doc_node *item =
			doc_seq_find(doc_map_get(in, key), "ref", target);

		if (item) {
			add_ref_line(sb, target, item, "text");
			return;
		}
	}
	sb_add(sb, target);
}

static const char *choice_label(const struct form_field *f, const char *v)
{
	const struct form_choice *c = form_field_choice(f, v);

	return c && c->label ? c->label : v;
}

static const char *category_label(struct tx *t, const char *v)
{
	for (size_t i = 0; t->model && i < t->model->ncategories; i++)
		if (str_eq(t->model->categories[i].value, v))
			return t->model->categories[i].label;
	return v;
}

/* A person: a member's name, else what was written (a participant, duo). */
static const char *person(struct tx *t, const char *v)
{
	const char *name = member_name(t, v);

	return name ? name : v;
}

/* One scalar of a field, as a reader should see it. */
static void add_scalar(struct tx *t, struct strbuf *sb,
                       const struct form_field *f, const char *v)
{
	const struct form_model *m;
	const struct doc_node *item;

	switch (f->type) {
	case FT_CHOICE:
		sb_add(sb, choice_label(f, v));
		break;
	case FT_BOOL:
		sb_add(sb, str_true(v) ? "ja" : "nee");
		break;
	case FT_MEMBER: case FT_MEMBERS: case FT_SUBJECT: case FT_PERSON:
		sb_add(sb, person(t, v));
		break;
	case FT_STATEMENTS:
		item = doc_seq_find(doc_map_get(t->session, "statements"), "ref", v);
		add_ref_line(sb, v, item, "text");
		break;
	case FT_FACTORS:
		item = doc_seq_find(doc_map_get(t->analysis, "factors"), "ref", v);
		add_ref_line(sb, v, item, "text");
		break;
	case FT_RANK: case FT_RANKS:
		add_rank_line(t, sb, v);
		break;
	case FT_TARGET:
		add_target(t, sb, v);
		break;
	case FT_MODEL:
		m = formset_model(t->fs, v);
		sb_add(sb, m && m->title ? m->title : v);
		break;
	case FT_CATEGORY:
		sb_add(sb, category_label(t, v));
		break;
	default:
		sb_add(sb, v);
		break;
	}
}

/* The value of field f in node n as display text in sb (empty: nothing to
 * show). Lists of things that have text of their own (statements, factors,
 * ranks) give one line each; other lists one line, comma-separated. */
static void add_value(struct tx *t, struct strbuf *sb,
                      const struct form_field *f, const struct doc_node *n)
{
	const char *sep = f->type == FT_MEMBERS ? ", " : "\n";

	if (!n)
		return;
	if (n->type == DOC_SCALAR) {
		if (node_str(n) && *n->text)
			add_scalar(t, sb, f, n->text);
	} else if (n->type == DOC_SEQ) {
		for (size_t i = 0; i < n->len; i++) {
			const char *v = node_str(n->item[i]);

			if (!v)
				continue;
			if (sb->len)
				sb_add(sb, sep);
			add_scalar(t, sb, f, v);
		}
	} else {
		/* scores: person -> score */
		for (size_t i = 0; i < n->len; i++) {
			const char *v = node_str(n->pair[i].value);

			sb_addf(sb, "%s%s %s", i ? ", " : "",
			        person(t, n->pair[i].key), v ? v : "-");
		}
	}
}

/* ---- sections and items ---------------------------------------------- */

/*
 * How the items of a section are shown: the field on the item's first line
 * (the first of title[] that is present), the field before it (a ref, a
 * rank or a kind; none: a bullet), the fields the items are grouped by
 * (outer first), fields appended to the first line after a dash, fields
 * shown elsewhere, and a label that differs from the form's. A section
 * with no row here gets bullets and "Label: value" lines.
 */
struct view {
	const char *section;
	const char *title[2];
	const char *tag;
	const char *group[2];
	int sort_by_tag;
	const char *inline_key[2];
	const char *inline_name[2];
	const char *hide[4];
	const char *relabel_key;
	const char *relabel;
};

static const struct view views[] = {
	{.section = "household", .title = {"name"}},
	{.section = "members", .title = {"name"}},
	{.section = "sessions", .title = {"version"},
	 .hide = {"date", "status", "evaluation"}},
	{.section = "participants", .title = {"name", "member"}},
	{.section = "statements", .title = {"text"}, .tag = "ref",
	 .group = {"kind"}},
	{.section = "top3", .title = {"title"}, .tag = "rank", .sort_by_tag = 1},
	{.section = "factors", .title = {"text"}, .tag = "ref",
	 .group = {"category"}},
	{.section = "hypotheses", .title = {"text"}, .tag = "ref"},
	{.section = "plan", .title = {"text"}, .tag = "kind",
	 .group = {"concern", "phase"},
	 .inline_key = {"who", "due"}, .inline_name = {"wie", "uiterlijk"},
	 .relabel_key = "consequence", .relabel = "Gevolg als dit niet gebeurt"},
	{.section = "reviews", .title = {"reviewer"}},
	{.section = "comments", .title = {"text"}},
};

static const struct view *view_of(const char *section)
{
	static const struct view plain = {.section = NULL};

	for (size_t i = 0; i < sizeof views / sizeof *views; i++)
		if (str_eq(views[i].section, section))
			return &views[i];
	return &plain;
}

static int in_list(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(list[i], key))
			return 1;
	return 0;
}

/* 1 if field f of the section is shown on a line of its own. */
static int field_on_own_line(const struct view *v, const struct form_field *f,
                             const char *title_key)
{
	if (f->type == FT_ID || f->type == FT_REF)
		return 0;
	if (str_eq(f->key, title_key) || str_eq(f->key, v->tag))
		return 0;
	if (str_eq(f->key, "confidential") && f->type == FT_BOOL)
		return 0; /* shown as the [VERTROUWELIJK] mark */
	if (in_list(f->key, v->group, 2) || in_list(f->key, v->inline_key, 2) ||
	    in_list(f->key, v->hide, 4))
		return 0;
	return 1;
}

/* "Label: value" for every field of the item that has its own line. */
static void put_fields(struct tx *t, const struct form_section *sec,
                       const struct view *v, const struct doc_node *item,
                       const char *title_key, int col)
{
	struct strbuf val = {0}, lead = {0};

	for (size_t i = 0; i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		const char *label = str_eq(f->key, v->relabel_key) ? v->relabel
		                                                    : f->label;

		if (!field_on_own_line(v, f, title_key))
			continue;
		sb_free(&val);
		add_value(t, &val, f, doc_map_get(item, f->key));
		if (!val.len)
			continue;
		sb_free(&lead);
		sb_add(&lead, label ? label : f->key);
		if (lead.s[lead.len - 1] != '?')
			sb_addc(&lead, ':');
		int lw = utf8_width(lead.s, lead.len) + 1;
		put_text(t, col, lead.s, lw > LABEL_HANG_MAX ? col + 2 * INDENT
		                                             : col + lw, val.s);
	}
	sb_free(&val);
	sb_free(&lead);
}

static void put_section_items(struct tx *t, const struct form_section *sec,
                              const struct doc_node *list, int col);

/* One item: its first line (tag, mark, title, inline fields), its fields,
 * and the sections nested in it (the comments of a review). */
static void put_item(struct tx *t, const struct form_section *sec,
                     const struct doc_node *item, int col)
{
	const struct view *v = view_of(sec->key);
	const struct form_field *f;
	const char *title_key = NULL, *tag;
	struct strbuf lead = {0}, title = {0};

	tag = v->tag ? item_str(item, v->tag) : NULL;
	f = v->tag ? form_section_field(sec, v->tag) : NULL;
	if (tag && f && f->type == FT_CHOICE)
		sb_addf(&lead, "[%s]", choice_label(f, tag));
	else if (tag && f && (f->type == FT_INT || f->type == FT_RANK))
		sb_addf(&lead, "%s.", tag);
	else
		sb_add(&lead, tag ? tag : "-");

	if (is_confidential(item))
		sb_add(&title, "[VERTROUWELIJK] ");
	for (size_t i = 0; i < 2 && v->title[i] && !title_key; i++) {
		f = form_section_field(sec, v->title[i]);
		if (f && doc_map_get(item, f->key)) {
			title_key = f->key;
			add_value(t, &title, f, doc_map_get(item, f->key));
		}
	}
	for (size_t i = 0, n = 0; i < 2 && v->inline_key[i]; i++) {
		f = form_section_field(sec, v->inline_key[i]);
		const char *val = item_str(item, v->inline_key[i]);

		if (!f || !val)
			continue;
		sb_add(&title, n++ ? ", " : " \xe2\x80\x94 ");
		sb_addf(&title, "%s: ", v->inline_name[i]);
		add_scalar(t, &title, f, val);
	}

	int hang = col + utf8_width(lead.s, lead.len) + 1;
	put_text(t, col, lead.s, hang, title.s);
	t->heading = 0;
	put_fields(t, sec, v, item, title_key, hang);

	for (const struct skeleton_entry *e = form_skeleton; e->key; e++) {
		const struct form_section *child = formset_section(t->fs, e->key);

		if (!child || !str_eq(e->parent, sec->key) || !e->is_list)
			continue;
		put_heading(t, hang, child->label, 0);
		put_section_items(t, child, doc_map_get(item, e->key), hang + INDENT);
	}
	t->blank = 1;
	sb_free(&lead);
	sb_free(&title);
}

static int has_str(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(v[i], s))
			return 1;
	return 0;
}

/* The values a grouping field takes, in display order: its choices (the
 * model's categories, the TOP-3 ranks), then other values as they come,
 * then "" for items that have none. Returns an array of borrowed strings
 * (caller frees the array) and its length in *out_n. */
static const char **group_values(struct tx *t, const struct form_field *f,
                                 const struct doc_node *const *items, size_t n,
                                 size_t *out_n)
{
	const struct doc_node *top3 = doc_map_get(t->session, "top3");
	size_t ntop3 = doc_seq_len(top3), k = 0;
	size_t nknown = f->type == FT_CHOICE ? f->nchoices
	              : f->type == FT_CATEGORY && t->model ? t->model->ncategories
	              : f->type == FT_RANK ? ntop3 : 0;
	const char **v = xcalloc(nknown + n + 1, sizeof *v);

	if (f->type == FT_CHOICE)
		for (size_t i = 0; i < f->nchoices; i++)
			v[k++] = f->choices[i].value;
	if (f->type == FT_CATEGORY && t->model)
		for (size_t i = 0; i < t->model->ncategories; i++)
			v[k++] = t->model->categories[i].value;
	if (f->type == FT_RANK)
		for (long r = 1; r <= 3; r++)
			for (size_t i = 0; i < ntop3; i++) {
				const char *rank = item_str(top3->item[i], "rank");

				if (str_whole(rank) == r && !has_str(v, k, rank))
					v[k++] = rank;
			}
	for (size_t i = 0; i < n; i++) {
		const char *iv = item_str(items[i], f->key);

		if (iv && !has_str(v, k, iv))
			v[k++] = iv;
	}
	v[k++] = "";
	*out_n = k;
	return v;
}

static void put_group_heading(struct tx *t, const struct form_field *f,
                              const char *value, int col)
{
	struct strbuf sb = {0};

	if (!*value)
		sb_add(&sb, "Overig");
	else if (f->type == FT_RANK)
		add_concern(t, &sb, value);
	else
		add_scalar(t, &sb, f, value);
	if (t->out.len > 0 && !t->heading)
		t->blank = 1;
	put_text(t, col, NULL, col + INDENT, sb.s);
	t->heading = 1;
	sb_free(&sb);
}

/* The items, grouped by the view's group fields from level on. */
static void put_grouped(struct tx *t, const struct form_section *sec,
                        const struct doc_node *const *items, size_t n,
                        int level, int col)
{
	const struct view *v = view_of(sec->key);
	const struct form_field *f =
		level < 2 && v->group[level]
		? form_section_field(sec, v->group[level]) : NULL;
	const struct doc_node **subset;
	const char **values;
	size_t nvalues;

	if (!f) {
		for (size_t i = 0; i < n; i++)
			put_item(t, sec, items[i], col);
		return;
	}
	values = group_values(t, f, items, n, &nvalues);
	subset = xcalloc(n, sizeof *subset);
	for (size_t g = 0; g < nvalues; g++) {
		size_t k = 0;

		for (size_t i = 0; i < n; i++) {
			const char *iv = item_str(items[i], f->key);

			if (str_eq(iv ? iv : "", values[g]))
				subset[k++] = items[i];
		}
		if (!k)
			continue;
		put_group_heading(t, f, values[g], col);
		put_grouped(t, sec, subset, k, level + 1, col + INDENT);
	}
	free(values);
	free(subset);
}

/* The items of a list section, "(geen)" when there are none. */
static void put_section_items(struct tx *t, const struct form_section *sec,
                              const struct doc_node *list, int col)
{
	const struct view *v = view_of(sec->key);
	size_t n = doc_seq_len(list);
	const struct doc_node **items;

	if (n == 0) {
		put_text(t, col, NULL, col, "(geen)");
		t->blank = 1;
		return;
	}
	items = xcalloc(n, sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = list->item[i];
	if (v->sort_by_tag) /* insertion sort: stable, and n is small */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 &&
			     str_whole(item_str(items[j - 1], v->tag)) >
			     str_whole(item_str(items[j], v->tag)); j--) {
				const struct doc_node *tmp = items[j];

				items[j] = items[j - 1];
				items[j - 1] = tmp;
			}
	put_grouped(t, sec, items, n, 0, col);
	free(items);
}

/* Where the data of a section lives in this session's document: the
 * household, the session, or the session's analysis. NULL for a section
 * nested in list items (comments), which put_item prints. */
static const struct doc_node *section_node(struct tx *t, const char *key)
{
	const struct skeleton_entry *e = form_skeleton_get(key);
	const struct skeleton_entry *parent;

	if (!e)
		return NULL;
	if (!e->parent)
		return str_eq(key, "household") ? t->household : NULL;
	if (str_eq(e->parent, "sessions"))
		return doc_map_get(t->session, key);
	parent = form_skeleton_get(e->parent);
	if (!parent || parent->is_list)
		return NULL;
	return doc_map_get(section_node(t, e->parent), key);
}

static void put_section(struct tx *t, const struct form_section *sec)
{
	const struct skeleton_entry *e = form_skeleton_get(sec->key);
	const struct skeleton_entry *parent =
		e && e->parent ? form_skeleton_get(e->parent) : NULL;

	/* the household and session are the header; comments are nested */
	if (!e || !e->parent)
		return;
	if (parent && parent->is_list && !str_eq(parent->key, "sessions"))
		return;
	if (!sec->form || !str_eq(sec->label, sec->form->title))
		put_heading(t, 0, sec->label, '-');
	if (e->is_list)
		put_section_items(t, sec, section_node(t, sec->key), 0);
	else
		put_fields(t, sec, view_of(sec->key), section_node(t, sec->key),
		           NULL, 0);
	t->blank = 1;
}

/* "Huishouden: Gezin Visser", the household's other fields, "Versie 1 van
 * 2026-10-14, status: ..., evaluatie: ...", the session's other fields. */
static void put_header(struct tx *t)
{
	const struct form_section *hh = formset_section(t->fs, "household");
	const struct form_section *ss = formset_section(t->fs, "sessions");
	const struct form_field *status = ss ? form_section_field(ss, "status")
	                                     : NULL;
	const char *v;
	struct strbuf sb = {0};

	sb_addf(&sb, "%s:", hh && hh->label ? hh->label : "Huishouden");
	put_text(t, 0, sb.s, INDENT, item_str(t->household, "name"));
	if (hh)
		put_fields(t, hh, view_of("household"), t->household, "name", 0);

	sb_free(&sb);
	v = item_str(t->session, "version");
	sb_addf(&sb, "Versie %s", v ? v : "?");
	if ((v = item_str(t->session, "date")))
		sb_addf(&sb, " van %s", v);
	if ((v = item_str(t->session, "status")))
		sb_addf(&sb, ", status: %s", status ? choice_label(status, v) : v);
	if ((v = item_str(t->session, "evaluation")))
		sb_addf(&sb, ", evaluatie: %s", v);
	put_text(t, 0, NULL, INDENT, sb.s);
	sb_free(&sb);
	if (ss)
		put_fields(t, ss, view_of("sessions"), t->session, "version", 0);
	t->blank = 1;
}

/* The session with this version (0: the highest), or NULL after a
 * diagnostic. */
static const struct doc_node *pick_session(const struct doc_node *sessions,
                                           int version, struct diags *d)
{
	const struct doc_node *best = NULL;
	long best_v = -1;
	struct strbuf have = {0};

	for (size_t i = 0; i < doc_seq_len(sessions); i++) {
		long v = str_whole(item_str(sessions->item[i], "version"));

		if (v < 0)
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

int export_text_professional(FILE *out, const struct doc_node *kase,
                             const struct formset *fs, int version, int width,
                             struct diags *d)
{
	struct tx t = {0};
	const char *model;

	if (!kase || kase->type != DOC_MAP || !fs) {
		diag_add(d, NULL, 0, 0, "geen huishouden om te tonen");
		return -1;
	}
	t.session = pick_session(doc_map_get(kase, "sessions"), version, d);
	if (!t.session)
		return -1;
	t.fs = fs;
	t.household = doc_map_get(kase, "household");
	t.analysis = doc_map_get(t.session, "analysis");
	model = item_str(t.analysis, "model");
	t.model = formset_model(fs, model ? model : "4p");
	t.width = width > 0 ? width : INT_MAX;

	put_header(&t);
	for (size_t i = 0; i < fs->nforms; i++) {
		const struct form *form = &fs->forms[i];

		if (form->stage < 0)
			continue;
		put_heading(&t, 0, form->title ? form->title : form->name, '=');
		for (size_t j = 0; j < form->nsections; j++)
			put_section(&t, &form->sections[j]);
	}

	errno = 0;
	if (fwrite(t.out.s, 1, t.out.len, out) != t.out.len || fflush(out)) {
		diag_add(d, NULL, 0, 0, "schrijven mislukt: %s",
		         errno ? strerror(errno) : "onbekende fout");
		sb_free(&t.out);
		return -1;
	}
	sb_free(&t.out);
	return 0;
}
