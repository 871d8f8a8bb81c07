/*
 * validate.h - the rules a value or a whole case must meet, in one place,
 * so the importer and the screens say the same thing in the same words.
 *
 * Messages are Dutch and name the field by its form label where that helps.
 */
#ifndef DUO_VALIDATE_H
#define DUO_VALIDATE_H

#include <stddef.h>

#include "doc.h"
#include "form.h"
#include "util.h"

/*
 * Check one scalar value typed by a user against a field: its type (date,
 * year-or-date, bool, int, score, UUID, ref syntax), its choices and its
 * bounds. Cross-references (does this member exist?) are not checked here.
 * Returns 0 when valid; otherwise -1 and a Dutch message in msg, e.g.
 * "geen geldige datum '2026-02-30' (verwacht JJJJ-MM-DD)".
 */
int validate_scalar(const struct form_field *f, const char *text, char *msg,
                    size_t msglen);

/*
 * Check a whole duo-case/1 document against every rule of
 * shared/case-format.md and the forms: the format line; known keys (root,
 * skeleton sections and the fields of each form section); value types,
 * choices, dates, scores 0..10; required fields including required_if
 * (source for a feit, consequence for a voorwaarde); refs unique within
 * their list and every pointer resolving (members, statements, factors,
 * top-3 ranks, participant names for holder/who, comment targets, the
 * analysis model and its categories); at most three top-3 items with
 * distinct ranks 1..3, each backed by at least one feit; unique session
 * versions; a participant is either a member or a named person; ids valid
 * and unique. Every problem is added to d as name:line:col: message.
 * Returns the number of problems (0: the document may be imported).
 */
int validate_case(const struct doc_node *root, const struct formset *fs,
                  const char *name, struct diags *d);

/*
 * How strict a case check is. VALIDATE_COMPLETE is every rule above: what
 * an import requires. VALIDATE_SHAPE keeps every rule of the shape (keys,
 * types, choices, dates, scores, refs unique, pointers resolving, ranks)
 * but lets through what an unfinished concept may still lack: required
 * fields other than refs, ranks, versions and the household's name; a
 * top-3 item not yet resting on a feit; a participant not yet named. It is
 * what the screens store, so an export of work in progress can be moved
 * to another machine (duo export/import --allow-incomplete).
 */
/*
 * What a review comment may be on (the target field type), for one
 * session document: a section (a form name such as feiten, a skeleton key
 * such as statements or top3, or samenvatting), top3/RANK of a rank the
 * session has, or the ref of one of its statements, factors, hypotheses or
 * plan items. 0, or -1 with the same Dutch message an import gives.
 */
int validate_target(const struct formset *fs, const struct doc_node *session,
                    const char *on, char *msg, size_t msglen);

enum validate_mode { VALIDATE_COMPLETE, VALIDATE_SHAPE };
int validate_case_mode(const struct doc_node *root, const struct formset *fs,
                       const char *name, enum validate_mode mode,
                       struct diags *d);

#endif
