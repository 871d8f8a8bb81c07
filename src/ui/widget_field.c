/*
 * widget_field.c - one field of an item on screen: its value as readable
 * text (labels, names, "ja"/"nee"), the text editor that types into it,
 * and the dialogs that choose a value for the fields that are not typed
 * (choices, members, persons, statements, factors, ranks).
 *
 * The editor (struct ui_edit) keeps what is typed in a textedit and puts it
 * into the document with casedoc_set: when the field is left, and from the
 * autosave timer while typing. A value that validate_scalar refuses (a date
 * like 2026-02-30) stays in the editor with the Dutch message under the
 * field and is not stored.
 */
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "ui_impl.h"
#include "validate.h"

/* Room for one validation message. */
#define MSG_LEN 256
/* Characters of a statement's text in a pick list. */
#define PICK_TEXT_COLS 200

/* ---- names ------------------------------------------------------------------- */

const char *ui_member_name(struct ui_app *app, const char *ref)
{
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);

	if (!members || !ref)
		return NULL;
	for (size_t i = 0; i < members->len; i++)
		if (str_eq(doc_map_str(members->item[i], "ref"), ref))
			return doc_map_str(members->item[i], "name");
	return NULL;
}

/* See ui_impl.h. */
const char *ui_person_name(struct ui_app *app, const char *value)
{
	const char *name;

	if (str_eq(value, "duo"))
		return "het duo";
	name = ui_member_name(app, value);
	return name ? name : value;
}

/* The label of a choice value, or the value. */
static const char *choice_label(const struct form_field *f, const char *v)
{
	const struct form_choice *c = form_field_choice(f, v);

	return c ? c->label : v;
}

/* The label of a category of the session's model, or the value. */
static const char *category_label(struct ui_app *app, const char *v)
{
	const struct form_model *m = ui_case_model(app);

	for (size_t i = 0; m && i < m->ncategories; i++)
		if (str_eq(m->categories[i].value, v))
			return m->categories[i].label;
	return v;
}

/* The title of a top-3 concern by rank, or NULL. */
static const char *rank_title(struct ui_app *app, const char *rank)
{
	struct doc_node *top3 = casedoc_list(app->cs.doc, ui_case_session(app),
	                                     "top3", 0);

	for (size_t i = 0; top3 && i < top3->len; i++)
		if (str_eq(doc_map_str(top3->item[i], "rank"), rank))
			return doc_map_str(top3->item[i], "title");
	return NULL;
}

/* See ui_impl.h. */
char *ui_item_title(struct ui_app *app, const char *section,
                    const struct doc_node *item)
{
	const struct form_section *sec = formset_section(&app->fs, section);
	const char *word = sec && sec->item_label ? sec->item_label :
	                   sec ? sec->label : section;
	const char *ref = doc_map_str(item, "ref");

	if (str_eq(section, "household"))
		return xstrdup("Het huishouden");
	if (str_eq(section, "sessions"))
		return xasprintf("Sessie versie %s", doc_map_str(item, "version") ?
		                 doc_map_str(item, "version") : "?");
	if (str_eq(section, "analysis"))
		return xstrdup("Het verklaringsmodel");
	if (str_eq(section, "statements")) {
		const struct form_field *f = sec ? form_section_field(sec, "kind")
		                                 : NULL;
		const char *kind = doc_map_str(item, "kind");

		return xasprintf("%s %s", kind && f ? choice_label(f, kind) : word,
		                 ref ? ref : "");
	}
	if (str_eq(section, "top3"))
		return xasprintf("%s %s: %s", word, doc_map_str(item, "rank") ?
		                 doc_map_str(item, "rank") : "?",
		                 doc_map_str(item, "title") ?
		                 doc_map_str(item, "title") : "");
	if (str_eq(section, "members") || str_eq(section, "participants")) {
		const char *name = doc_map_str(item, "name");

		if (!name)
			name = ui_member_name(app, doc_map_str(item, "member"));
		return xasprintf("%s %s", word, name ? name : "");
	}
	return xasprintf("%s %s", word, ref ? ref : "");
}

/* ---- values as text ------------------------------------------------------------ */

int ui_field_is_typed(const struct form_field *f)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_LINES:
	case FT_DATE:
	case FT_YEAR_OR_DATE:
	case FT_INT:
	case FT_SCORE:
	case FT_TARGET:
		return 1;
	default:
		return 0;
	}
}

/* See ui_impl.h. */
int ui_field_readonly(const char *section, const struct form_field *f)
{
	if (f->type == FT_ID || f->type == FT_REF)
		return 1;
	if (str_eq(section, "sessions") && (str_eq(f->key, "version") ||
	                                    str_eq(f->key, "status")))
		return 1;
	if (str_eq(section, "top3") && str_eq(f->key, "rank"))
		return 1;
	return 0;
}

/* Append the display form of one element of a list field. */
static void list_elem(struct ui_app *app, struct strbuf *sb,
                      const struct form_field *f, const char *v)
{
	const char *name;

	switch (f->type) {
	case FT_MEMBERS:
		name = ui_member_name(app, v);
		sb_add(sb, name ? name : v);
		break;
	case FT_RANKS:
		sb_add(sb, v);
		break;
	default:
		sb_add(sb, v);
	}
}

/* The text of value n of field f. */
static char *field_text_of(struct ui_app *app, const struct form_field *f,
                           const struct doc_node *n)
{
	const char *v = n->type == DOC_SCALAR ? n->text : NULL;
	struct strbuf sb = {0};
	const char *t;

	if (field_type_is_list(f->type)) {
		if (n->type != DOC_SEQ || n->len == 0)
			return NULL;
		for (size_t i = 0; i < n->len; i++) {
			if (i)
				sb_add(&sb, ", ");
			if (n->item[i]->type == DOC_SCALAR)
				list_elem(app, &sb, f, n->item[i]->text);
		}
		return sb_steal(&sb);
	}
	if (f->type == FT_SCORES) {
		if (n->type != DOC_MAP || n->len == 0)
			return NULL;
		for (size_t i = 0; i < n->len; i++) {
			const struct doc_node *s = n->pair[i].value;

			if (i)
				sb_add(&sb, ui_glyph(app, UI_G_SEP));
			sb_addf(&sb, "%s %s", str_eq(n->pair[i].key, "duo") ? "duo" :
			        ui_person_name(app, n->pair[i].key),
			        s->type == DOC_SCALAR ? s->text : "?");
		}
		return sb_steal(&sb);
	}
	if (!v || !*v)
		return NULL;
	switch (f->type) {
	case FT_CHOICE:
		return xstrdup(choice_label(f, v));
	case FT_BOOL:
		return xstrdup(str_eq(v, "true") ? "ja" : "nee");
	case FT_MEMBER:
		t = ui_member_name(app, v);
		return xstrdup(t ? t : v);
	case FT_PERSON:
		return xstrdup(ui_person_name(app, v));
	case FT_SUBJECT:
		if (str_eq(v, "gezin"))
			return xstrdup("het gezin");
		if (str_eq(v, "omgeving"))
			return xstrdup("de omgeving");
		t = ui_member_name(app, v);
		return xstrdup(t ? t : v);
	case FT_RANK:
		t = rank_title(app, v);
		return t ? xasprintf("%s. %s", v, t) : xstrdup(v);
	case FT_CATEGORY:
		return xstrdup(category_label(app, v));
	case FT_MODEL: {
		const struct form_model *m = formset_model(&app->fs, v);

		return xstrdup(m && m->title ? m->title : v);
	}
	default:
		return xstrdup(v);
	}
}

/* See ui_impl.h. */
char *ui_field_text(struct ui_app *app, const char *section,
                    const struct form_field *f, const struct doc_node *item)
{
	struct doc_node *n = doc_map_get(item, f->key), *shown;
	char *out;

	if (!n || doc_is_null(n))
		return NULL;
	if (!app->cfg.household_view)
		return field_text_of(app, f, n);
	/* while the household watches: no pointer to what they may not see
	 * (audience.h), whatever list or form shows the field */
	shown = audience_household_value(&app->fs, app->cs.doc,
	                                 str_eq(section, "household") ||
	                                 str_eq(section, "members") ? NULL :
	                                 ui_case_session(app), f, n);
	if (!shown)
		return NULL;
	out = field_text_of(app, f, shown);
	doc_free(shown);
	return out;
}

/* 1 when item has no value for field f. */
static int field_empty(const struct doc_node *item, const struct form_field *f)
{
	struct doc_node *n = doc_map_get(item, f->key);

	if (!n || doc_is_null(n))
		return 1;
	if (n->type == DOC_SCALAR)
		return n->text[0] == '\0';
	return n->len == 0;
}

/* See ui_impl.h. */
char *ui_item_missing(const struct form_section *sec,
                      const struct doc_node *item)
{
	struct strbuf sb = {0};

	if (!sec || !item)
		return NULL;
	for (size_t i = 0; i < sec->nfields; i++) {
		const struct form_field *f = &sec->fields[i];
		int need = f->required;

		if (f->type == FT_ID || f->type == FT_REF)
			continue;
		if (f->required_if_key &&
		    str_eq(doc_map_str(item, f->required_if_key),
		           f->required_if_value))
			need = 1;
		if (!need || !field_empty(item, f))
			continue;
		if (sb.len)
			sb_add(&sb, ", ");
		sb_add(&sb, f->label);
	}
	return sb.len ? sb_steal(&sb) : NULL;
}

/* ---- the editor ------------------------------------------------------------------ */

void ui_edit_init(struct ui_edit *e, const char *text, int multiline)
{
	memset(e, 0, sizeof *e);
	te_init(&e->te, text ? text : "", multiline);
	e->te.goal_col = -1;
	e->width = 1;
	e->active = 1;
}

/* See ui_impl.h. */
void ui_edit_begin(struct ui_app *app, struct ui_edit *e, const char *section,
                   const char *item_id, const struct form_field *f,
                   int undo_tag)
{
	struct doc_node *item = ui_case_item(app, section, item_id);
	const char *v = item ? casedoc_get(item, f->key) : NULL;

	ui_edit_init(e, v, f->type == FT_LINES);
	if ((f->type == FT_TEXT || f->type == FT_LINES) && f->max > 0)
		e->te.max_bytes = (size_t)f->max;
	e->field = f;
	e->section = section;
	e->item_id = xstrdup(item_id);
	e->undo_tag = undo_tag;
	app->edit = e;
}

/* See ui_impl.h. */
void ui_edit_free(struct ui_app *app, struct ui_edit *e)
{
	if (!e->active)
		return;
	if (app && app->edit == e)
		app->edit = NULL;
	te_free(&e->te);
	free(e->item_id);
	free(e->msg);
	e->item_id = e->msg = NULL;
	e->active = 0;
}

/* See ui_impl.h. */
int ui_edit_action(struct ui_edit *e, enum ui_action a)
{
	struct textedit *te = &e->te;
	size_t before = te->cur, len = te->text.len;
	int w = e->width > 0 ? e->width : 1;

	switch (a) {
	case UI_A_TE_LEFT: te_left(te); break;
	case UI_A_TE_RIGHT: te_right(te); break;
	case UI_A_TE_UP: return te_up(te, w);
	case UI_A_TE_DOWN: return te_down(te, w);
	case UI_A_TE_WORD_LEFT: te_word_left(te); break;
	case UI_A_TE_WORD_RIGHT: te_word_right(te); break;
	case UI_A_TE_HOME: te_home(te, w); break;
	case UI_A_TE_END: te_end(te, w); break;
	case UI_A_TE_START: te_start(te); break;
	case UI_A_TE_FINISH: te_finish(te); break;
	case UI_A_TE_BACKSPACE: te_backspace(te); break;
	case UI_A_TE_DELETE: te_delete(te); break;
	case UI_A_TE_DEL_WORD: te_delete_word_back(te); break;
	case UI_A_TE_KILL: te_kill_to_end(te); break;
	case UI_A_TE_NEWLINE: te_insert(te, "\n", 1); break;
	default: return 0;
	}
	if (te->changed) {
		te->changed = 0;
		e->pending = 1;
	}
	return te->cur != before || te->text.len != len;
}

/* See ui_impl.h. */
void ui_edit_type(struct ui_app *app, struct ui_edit *e, int key)
{
	char buf[8];
	size_t n;
	unsigned long cp = (unsigned long)key;

	(void)app;
	if (cp < 0x80) {
		buf[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		buf[0] = (char)(0xf0 | cp >> 18);
		buf[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		buf[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	te_insert(&e->te, buf, n);
	if (e->te.changed) {
		e->te.changed = 0;
		e->pending = 1;
		free(e->msg);
		e->msg = NULL;
	}
}

/* See ui_impl.h. */
int ui_edit_commit(struct ui_app *app, struct ui_edit *e, int leaving)
{
	const char *text = te_text(&e->te);
	struct doc_node *item;
	const char *cur;
	char msg[MSG_LEN];

	if (!e->active || !e->field)
		return 0;
	if (*text && validate_scalar(e->field, text, msg, sizeof msg) != 0) {
		if (leaving) {
			free(e->msg);
			e->msg = xstrdup(msg);
		}
		return -1;
	}
	free(e->msg);
	e->msg = NULL;
	item = ui_case_item(app, e->section, e->item_id);
	if (!item) {
		e->pending = 0;
		return -1;
	}
	cur = casedoc_get(item, e->field->key);
	if (str_eq(cur ? cur : "", text)) {
		e->pending = 0;
		return 0;
	}
	if (!e->snap) {
		ui_case_snapshot(app, e->undo_tag);
		e->snap = 1;
	}
	casedoc_set(&app->fs, e->section, item, e->field->key, text);
	e->pending = 0;
	ui_case_changed(app, leaving);
	return 0;
}

/* See ui_impl.h. */
int ui_edit_height(struct ui_edit *e, int width)
{
	struct te_line *lines = NULL;
	size_t n = te_layout(&e->te, width < 1 ? 1 : width, &lines);

	free(lines);
	return (int)n;
}

/* See ui_impl.h. */
void ui_edit_draw(struct ui_app *app, struct ui_edit *e, struct ui_rect r,
                  int focused)
{
	struct te_line *lines = NULL;
	size_t n, line;
	int col;
	const char *t = te_text(&e->te);

	if (r.w < 1 || r.h < 1)
		return;
	e->width = r.w;
	e->rows = r.h;
	n = te_layout(&e->te, r.w, &lines);
	te_cursor_pos(&e->te, r.w, &line, &col);
	if ((int)line < e->top)
		e->top = (int)line;
	if ((int)line >= e->top + r.h)
		e->top = (int)line - r.h + 1;
	if (e->top > 0 && (size_t)e->top + (size_t)r.h > n)
		e->top = n > (size_t)r.h ? (int)(n - (size_t)r.h) : 0;
	for (int i = 0; i < r.h && (size_t)(e->top + i) < n; i++) {
		const struct te_line *l = &lines[e->top + i];

		ui_putn(app, r.y + i, r.x, r.w, t + l->start, l->end - l->start,
		        ui_look(app, UI_LOOK_NORMAL));
	}
	if (focused)
		ui_set_cursor(app, r.y + (int)line - e->top,
		              r.x + (col < r.w ? col : r.w - 1));
	free(lines);
}

/* See ui_impl.h. */
void ui_edit_resync(struct ui_app *app, struct ui_edit *e)
{
	struct doc_node *item;
	const char *v;
	size_t cur = e->te.cur;

	if (!e->active || !e->field || e->pending)
		return;
	item = ui_case_item(app, e->section, e->item_id);
	v = item ? casedoc_get(item, e->field->key) : NULL;
	if (str_eq(v ? v : "", te_text(&e->te)))
		return;
	te_set(&e->te, v ? v : "");
	e->te.changed = 0;
	if (cur < e->te.text.len && ((unsigned char)e->te.text.s[cur] & 0xc0) !=
	    0x80)
		e->te.cur = cur;
	e->snap = 0;
}

/* ---- choosing a value ---------------------------------------------------------- */

struct pick_ctx {
	const char *section;
	char *item_id;
	const struct form_field *f;
	int tag;
	void (*after)(struct ui_app *, void *);
	void *after_ctx;
};

/* Free a pick context. */
static void pick_ctx_free(void *p)
{
	struct pick_ctx *c = p;

	free(c->item_id);
	free(c);
}

/* A context for choosing a value of field f of an item. */
static struct pick_ctx *pick_ctx_new(const char *section, const char *item_id,
                                     const struct form_field *f, int tag,
                                     void (*after)(struct ui_app *, void *),
                                     void *after_ctx)
{
	struct pick_ctx *c = xcalloc(1, sizeof *c);

	c->section = section;
	c->item_id = xstrdup(item_id);
	c->f = f;
	c->tag = tag;
	c->after = after;
	c->after_ctx = after_ctx;
	return c;
}

/* Set the field to text (NULL or "": remove) when it changes. */
static void pick_set(struct ui_app *app, struct pick_ctx *c, const char *text)
{
	struct doc_node *item = ui_case_item(app, c->section, c->item_id);
	char *now;

	if (!item)
		return;
	now = ui_field_text(app, c->section, c->f, item);
	{
		const char *cur = casedoc_get(item, c->f->key);
		int same = str_eq(cur ? cur : "", text ? text : "") &&
		           !field_type_is_list(c->f->type);

		free(now);
		if (same)
			return;
	}
	ui_case_snapshot(app, c->tag);
	if (str_eq(c->section, "statements") && str_eq(c->f->key, "kind") &&
	    !str_empty(text))
		casedoc_reclassify(&app->fs, app->cs.doc, ui_case_session(app),
		                   item, text);
	else
		casedoc_set(&app->fs, c->section, item, c->f->key, text);
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
}

/* A name typed for a person field. */
static void prompt_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct pick_ctx *c = dl->ctx;

	if (ok && !str_empty(ui_prompt_text(dl)))
		pick_set(app, c, ui_prompt_text(dl));
	if (ok && c->after)
		c->after(app, c->after_ctx);
}

/* A name typed instead of chosen (person fields). */
#define PICK_TYPE_NAME "\x01naam"

/* A choice made: set the field (a typed name asks for it first). */
static void pick_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct pick_ctx *c = dl->ctx;

	if (!ok)
		return;
	if (dl->kind == UI_SC_PICKMANY) {
		struct strbuf sb = {0};

		for (size_t i = 0; i < dl->nitems; i++)
			if (dl->items[i].checked && !dl->items[i].heading) {
				if (sb.len)
					sb_add(&sb, ", ");
				sb_add(&sb, dl->items[i].value);
			}
		pick_set(app, c, sb_str(&sb));
		sb_free(&sb);
	} else {
		const struct ui_pick_item *it = ui_pick_chosen(dl);

		if (!it)
			return;
		if (str_eq(it->value, PICK_TYPE_NAME)) {
			struct pick_ctx *c2 = pick_ctx_new(c->section, c->item_id, c->f,
			                                   c->tag, c->after,
			                                   c->after_ctx);

			ui_prompt(app, c->f->label, "Typ de naam van de persoon.",
			          NULL, NULL, prompt_done, c2, pick_ctx_free);
			return;
		}
		pick_set(app, c, it->value);
	}
	if (c->after)
		c->after(app, c->after_ctx);
}

/* 1 when the list field of item holds v. */
static int list_has(const struct doc_node *item, const char *key,
                    const char *v)
{
	struct doc_node *l = doc_map_get(item, key);

	for (size_t i = 0; l && l->type == DOC_SEQ && i < l->len; i++)
		if (l->item[i]->type == DOC_SCALAR && str_eq(l->item[i]->text, v))
			return 1;
	return 0;
}

/* Add the members of the household as choices. */
static void add_members(struct ui_app *app, struct ui_dialog *dl,
                        const struct doc_node *item, const char *key)
{
	struct doc_node *members = casedoc_list(app->cs.doc, NULL, "members", 0);
	const struct form_field *role = NULL;
	const struct form_section *ms = formset_section(&app->fs, "members");

	if (ms)
		role = form_section_field(ms, "role");
	for (size_t i = 0; members && i < members->len; i++) {
		const struct doc_node *m = members->item[i];
		const char *ref = doc_map_str(m, "ref");
		const char *r = doc_map_str(m, "role");
		char *label;
		struct ui_pick_item *it;

		if (!ref)
			continue;
		label = xasprintf("%s%s%s", doc_map_str(m, "name") ?
		                  doc_map_str(m, "name") : ref,
		                  r ? ui_glyph(app, UI_G_SEP) : "",
		                  r ? (role ? choice_label(role, r) : r) : "");
		it = ui_pick_add(dl, ref, label, NULL);
		if (key && list_has(item, key, ref))
			it->checked = 1;
		free(label);
	}
}

/* A statement as one line of a pick list. */
static char *statement_label(struct ui_app *app, const struct doc_node *s)
{
	const char *text = doc_map_str(s, "text");
	const char *conf = str_eq(doc_map_str(s, "confidential"), "true") ?
	                   "[V] " : "";

	(void)app;
	return xasprintf("%s %s%.*s", doc_map_str(s, "ref") ?
	                 doc_map_str(s, "ref") : "?", conf, PICK_TEXT_COLS,
	                 text ? text : "");
}

/* The statements as choices, feiten first, then zorgen and meningen. */
static void add_statements(struct ui_app *app, struct ui_dialog *dl,
                           const struct doc_node *item, const char *key)
{
	static const char *const kinds[] = {"feit", "zorg", "mening"};
	static const char *const heads[] = {"Feiten", "Zorgen", "Meningen"};
	struct doc_node *list = casedoc_list(app->cs.doc, ui_case_session(app),
	                                     "statements", 0);

	for (size_t k = 0; k < 3; k++) {
		int head = 0;

		for (size_t i = 0; list && i < list->len; i++) {
			const struct doc_node *s = list->item[i];
			struct ui_pick_item *it;
			char *label;

			if (!str_eq(doc_map_str(s, "kind"), kinds[k]) ||
			    !doc_map_str(s, "ref") ||
			    !ui_item_visible(app, "statements", s))
				continue;
			if (!head++)
				ui_pick_heading(dl, heads[k]);
			label = statement_label(app, s);
			it = ui_pick_add(dl, doc_map_str(s, "ref"), label, NULL);
			it->checked = list_has(item, key, doc_map_str(s, "ref"));
			free(label);
		}
	}
}

/* The factors as choices. */
static void add_factors(struct ui_app *app, struct ui_dialog *dl,
                        const struct doc_node *item, const char *key)
{
	struct doc_node *list = casedoc_list(app->cs.doc, ui_case_session(app),
	                                     "factors", 0);

	for (size_t i = 0; list && i < list->len; i++) {
		const struct doc_node *fa = list->item[i];
		const char *ref = doc_map_str(fa, "ref");
		char *label;
		struct ui_pick_item *it;

		if (!ref)
			continue;
		label = xasprintf("%s %s: %s", ref,
		                  category_label(app, doc_map_str(fa, "category")
		                                 ? doc_map_str(fa, "category") : "?"),
		                  doc_map_str(fa, "text") ? doc_map_str(fa, "text")
		                                          : "");
		it = ui_pick_add(dl, ref, label, NULL);
		it->checked = list_has(item, key, ref);
		free(label);
	}
}

/* The top-3 concerns as choices, by rank. */
static void add_ranks(struct ui_app *app, struct ui_dialog *dl,
                      const struct doc_node *item, const char *key)
{
	struct doc_node *top3 = casedoc_list(app->cs.doc, ui_case_session(app),
	                                     "top3", 0);

	for (size_t i = 0; top3 && i < top3->len; i++) {
		const char *rank = doc_map_str(top3->item[i], "rank");
		char *label;
		struct ui_pick_item *it;

		if (!rank)
			continue;
		label = xasprintf("%s. %s", rank, doc_map_str(top3->item[i],
		                  "title") ? doc_map_str(top3->item[i], "title")
		                           : "");
		it = ui_pick_add(dl, rank, label, NULL);
		if (key)
			it->checked = list_has(item, key, rank);
		free(label);
	}
}

/* Persons: the duo, members, named participants, or a typed name. */
static void add_persons(struct ui_app *app, struct ui_dialog *dl)
{
	struct doc_node *parts = casedoc_list(app->cs.doc, ui_case_session(app),
	                                      "participants", 0);

	ui_pick_add(dl, "duo", "Het duo", "Het duo zelf: de twee professionals.");
	add_members(app, dl, NULL, NULL);
	for (size_t i = 0; parts && i < parts->len; i++) {
		const char *name = doc_map_str(parts->item[i], "name");
		const char *org = doc_map_str(parts->item[i], "organisation");
		char *label;

		if (str_empty(name))
			continue;
		label = xasprintf("%s%s%s", name, org ? ui_glyph(app, UI_G_SEP) :
		                  "", org ? org : "");
		ui_pick_add(dl, name, label, "Een aanwezige van dit gesprek.");
		free(label);
	}
	ui_pick_add(dl, PICK_TYPE_NAME, "Andere naam typen\u2026",
	            "Iemand die hier niet staat, bijvoorbeeld uit het netwerk.");
}

/* See ui_impl.h. */
void ui_field_pick(struct ui_app *app, const char *section,
                   const char *item_id, const struct form_field *f,
                   int undo_tag, void (*after)(struct ui_app *, void *),
                   void *after_ctx)
{
	struct doc_node *item = ui_case_item(app, section, item_id);
	const char *cur = item ? casedoc_get(item, f->key) : NULL;
	int many = field_type_is_list(f->type);
	struct ui_dialog *dl;
	const struct form_model *m;

	if (!item)
		return;
	if (f->type == FT_SCORES) {
		ui_scores_open(app, section, item_id, f, undo_tag);
		return;
	}
	dl = ui_pick_new(f->label, f->help, many);
	switch (f->type) {
	case FT_CHOICE:
		for (size_t i = 0; i < f->nchoices; i++)
			ui_pick_add(dl, f->choices[i].value, f->choices[i].label,
			            f->choices[i].help);
		break;
	case FT_BOOL:
		ui_pick_add(dl, "true", "ja", NULL);
		ui_pick_add(dl, "false", "nee", NULL);
		break;
	case FT_MEMBER:
	case FT_MEMBERS:
		add_members(app, dl, item, many ? f->key : NULL);
		break;
	case FT_SUBJECT:
		add_members(app, dl, NULL, NULL);
		ui_pick_add(dl, "gezin", "Het gezin",
		            "Het huishouden als geheel.");
		ui_pick_add(dl, "omgeving", "De omgeving",
		            "Buurt, school, werk of andere mensen om het gezin heen.");
		break;
	case FT_PERSON:
		add_persons(app, dl);
		break;
	case FT_STATEMENTS:
		add_statements(app, dl, item, f->key);
		break;
	case FT_FACTORS:
		add_factors(app, dl, item, f->key);
		break;
	case FT_RANK:
	case FT_RANKS:
		add_ranks(app, dl, item, many ? f->key : NULL);
		break;
	case FT_CATEGORY:
		m = ui_case_model(app);
		for (size_t i = 0; m && i < m->ncategories; i++)
			ui_pick_add(dl, m->categories[i].value, m->categories[i].label,
			            m->categories[i].help);
		break;
	case FT_MODEL:
		for (size_t i = 0; i < app->fs.nmodels; i++)
			ui_pick_add(dl, app->fs.models[i].name,
			            app->fs.models[i].title ? app->fs.models[i].title :
			            app->fs.models[i].name, app->fs.models[i].help);
		break;
	default:
		break;
	}
	if (!many && !f->required && f->type != FT_BOOL)
		ui_pick_add(dl, "", "(leeg laten)", "Geen waarde.");
	if (dl->nitems == 0) {
		ui_pick_add(dl, "", "(er is nog niets om uit te kiezen)", NULL);
	}
	if (!many)
		ui_pick_select(dl, cur ? cur : "");
	ui_dialog_show(app, dl, pick_done,
	               pick_ctx_new(section, item_id, f, undo_tag, after,
	                            after_ctx), pick_ctx_free);
}

/* ---- deleting ---------------------------------------------------------------------- */

struct delete_ctx {
	const char *section;
	char *item_id;
	int tag;
};

/* Free a delete context. */
static void delete_ctx_free(void *p)
{
	struct delete_ctx *c = p;

	free(c->item_id);
	free(c);
}

/* Delete confirmed (j): remove the item and every pointer to it. */
static void delete_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	struct delete_ctx *c = dl->ctx;
	int members = str_eq(c->section, "members");
	struct doc_node *sess = members ? NULL : ui_case_session(app);
	size_t index;

	if (!ok || dl->choice != 1)
		return;
	if (!ui_case_find(app, sess, c->section, c->item_id, &index))
		return;
	ui_case_snapshot(app, c->tag);
	casedoc_remove(app->cs.doc, sess, c->section, index);
	ui_case_changed(app, 1);
	ui_case_refresh_views(app);
	ui_status(app, "Verwijderd. Met u draai je het terug.");
}

/* See ui_impl.h. */
void ui_item_delete(struct ui_app *app, const char *section,
                    const char *item_id, int undo_tag)
{
	struct doc_node *item = ui_case_item(app, section, item_id);
	struct delete_ctx *c;
	char *title, *q;

	if (!item)
		return;
	if (str_eq(section, "members")) {
		long v = review_member_locked(app->cs.doc,
		                              doc_map_str(item, "ref"));

		if (v) {
			ui_error(app, "Dit lid staat in versie %ld, en die "
			         "verandert niet meer. Verwijderen kan niet.", v);
			return;
		}
	}
	title = ui_item_title(app, section, item);
	q = xasprintf("%s verwijderen?", title);
	c = xcalloc(1, sizeof *c);
	c->section = section;
	c->item_id = xstrdup(item_id);
	c->tag = undo_tag;
	ui_confirm(app, q, "Ook wat ernaar verwijst, verdwijnt. Met u op dit "
	           "scherm draai je het terug.", delete_done, c, delete_ctx_free);
	free(q);
	free(title);
}
