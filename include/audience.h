/*
 * audience.h - what the household may see. The one filter behind the
 * household summary (summary.h), every format it is written in, and the
 * screen when the household watches ("huishouden kijkt mee").
 *
 * The summary may be read by the very person someone must be protected
 * from, so this is a security property, and it is an allowlist: something
 * is shown only when it is known to be for the household.
 *
 *   - A section is shown unless form_skeleton marks it internal: reviews
 *     and their comments never are.
 *   - A field is shown only when its form says `household: true`
 *     (forms/README.md). A field a team adds to a form file is hidden until
 *     the form says otherwise; keys no form defines are always hidden, and
 *     so are keys beginning with '_' (the store's row ids).
 *   - An item with `confidential` set to anything but false is hidden whole,
 *     in any section, and so is every pointer to it: a statement ref in the
 *     evidence of a concern, a factor ref in a hypothesis, a rank, a member
 *     ref in about/who/holder/scores, a participant who is that member.
 *     A dangling pointer is hidden too.
 *
 * Defence in depth: the duo may have copied confidential text into a field
 * that is shown (a shelter address typed into a concern). Every value the
 * filtered copy holds is compared with the text of the confidential items
 * (audience_secrets_*); a match refuses the whole copy with a Dutch message
 * that names household, session, item and field and says what to do.
 *
 * Nothing here knows SQL, YAML files or the terminal.
 */
#ifndef DUO_AUDIENCE_H
#define DUO_AUDIENCE_H

#include "doc.h"
#include "form.h"
#include "util.h"

/* 1 if items of section (a form_skeleton key) may ever be shown to the
 * household; 0 for reviews and comments and for unknown keys. */
int audience_household_section(const char *section);

/* 1 if field key of section may be shown: the section may be shown and
 * its form marks the field household: true. 0 otherwise, also for a key
 * no form defines. */
int audience_household_field(const struct formset *fs, const char *section,
                             const char *key);

/* 1 if item (one mapping of section) may be shown: the section may be
 * shown, the forms define it, and the item is not confidential (a key
 * "confidential" that is absent or exactly false). It says nothing about
 * the item's fields (audience_household_field) or the items its pointers
 * name (audience_household_ref). */
int audience_household_item(const struct formset *fs, const char *section,
                            const struct doc_node *item);

/*
 * 1 if value, one scalar of field f, may be shown: for a pointer (a
 * statement or factor ref, a rank, a member ref in a member, subject or
 * person field, a person in scores) only when what it points at exists in
 * kase/session and may be shown itself; a person that is no member (a
 * participant, duo, a named network person) and gezin/omgeving may be
 * shown. A comment target is never shown. Values of other types: 1.
 * session is the session the value belongs to (NULL at the household).
 */
int audience_household_ref(const struct formset *fs,
                           const struct doc_node *kase,
                           const struct doc_node *session,
                           const struct form_field *f, const char *value);

/*
 * For the screens, which draw the unfiltered document while the household
 * watches: a copy of value v of field f (a scalar, a list or the scores
 * mapping) with every pointer audience_household_ref refuses left out,
 * or NULL when nothing is left (or v has not the shape of f). The same
 * code makes the filtered copy below. Caller frees with doc_free.
 */
struct doc_node *audience_household_value(const struct formset *fs,
                                          const struct doc_node *kase,
                                          const struct doc_node *session,
                                          const struct form_field *f,
                                          const struct doc_node *v);

/* 1 if item of section may be shown as a row: audience_household_item,
 * and it does not stand for a hidden member (a participant who is a
 * confidential member). The filtered copy keeps exactly these items. */
int audience_household_row(const struct formset *fs,
                           const struct doc_node *kase,
                           const struct doc_node *session,
                           const char *section, const struct doc_node *item);

/*
 * The confidential text that must not appear anywhere the household looks
 * at one session: the text fields (type text, lines and person, and any
 * key no form defines) of every confidential item of the session, and of
 * the confidential items of the household's other sessions too, unless
 * this session shows an item with the very same text (the duo decided
 * since that it may be seen).
 *
 * Text is compared as words: letters and digits, case folded, punctuation
 * and line breaks ignored. A shown text holds a secret when it contains
 *   - a whole sentence of a confidential text with at least
 *     AUDIENCE_MIN_SENTENCE letters and digits ("Zeg het tegen niemand."),
 *   - a run of at least AUDIENCE_MIN_WORDS words of it with at least
 *     AUDIENCE_MIN_CHARS letters and digits (part of a sentence copied), or
 *   - an address from it: a word written with a capital (not the first of
 *     a sentence, at least 4 letters) followed by a house number
 *     ("Lindelaan 12", "Meeuwenweg 9a").
 * So a copied address or sentence is caught, and the common words two
 * texts about one household share ("Sanne en de kinderen") are not.
 */
#define AUDIENCE_MIN_WORDS 6
#define AUDIENCE_MIN_CHARS 24
#define AUDIENCE_MIN_SENTENCE 16

struct audience_secrets;

/* The secrets of session (a session mapping of kase). Never NULL. */
struct audience_secrets *audience_secrets_new(const struct formset *fs,
                                              const struct doc_node *kase,
                                              const struct doc_node *session);
/* The number of confidential items it knows. */
size_t audience_secrets_count(const struct audience_secrets *s);
/* If text holds confidential text, which item it comes from, in Dutch
 * ("uitspraak f5", "uitspraak f5 van versie 1"; owned by s); else NULL. */
const char *audience_secrets_find(const struct audience_secrets *s,
                                  const char *text);
void audience_secrets_free(struct audience_secrets *s);

/* Keep each item's row id ("_id", STORE_ITEM_ID) in the filtered copy, so
 * a screen can find a shown item back in the document it edits. The ids
 * are numbers the store uses; no format prints them. */
#define AUDIENCE_KEEP_ITEM_IDS 0x1u

/*
 * A filtered deep copy of kase (a duo-case/1 document: format, household,
 * sessions) holding only what the household may see (the rules above).
 * version 0 copies every session; version N only that one (a diagnostic
 * when there is none). Items and fields keep their order; a list left
 * empty by the filter (evidence that was all confidential) is left out.
 *
 * The copy is then searched for confidential text (audience_secrets_find,
 * each session against its own secrets, the household's fields against
 * those of every session copied). Each finding is one Dutch diagnostic
 * naming household, version, item and field, and the copy is refused.
 *
 * Returns the copy (caller frees with doc_free), or NULL after at least
 * one diagnostic. The copy is not a valid duo-case/1 file (required fields
 * may be gone); it is for reading, not for import.
 */
struct doc_node *audience_household_case(const struct doc_node *kase,
                                         const struct formset *fs,
                                         int version, unsigned flags,
                                         struct diags *d);

#endif
