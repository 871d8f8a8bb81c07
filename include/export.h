/*
 * export.h - readable renderings of a household's analysis, built from its
 * duo-case/1 document (doc.h) and the forms, so they need no SQL.
 */
#ifndef DUO_EXPORT_H
#define DUO_EXPORT_H

#include <stdio.h>

#include "doc.h"
#include "form.h"
#include "util.h"

/*
 * The professional text view of one session: header (household, version,
 * date, status, evaluation), then every stage in order with the forms'
 * Dutch labels: household members and participants; feiten, zorgen and
 * meningen (each with source, date, whom it concerns, holder, verified and
 * the household's response); TOP-3 with evidence, view, agreement, scores
 * and urgency; verklarende analyse (factors by category, hypotheses); plan
 * by concern and phase; reviews with comments. Confidential items are
 * printed and marked "[VERTROUWELIJK]". Extra fields defined in the forms
 * are printed with their labels. Text is wrapped at width columns (UTF-8
 * aware); multi-line text keeps its line breaks.
 *
 * version selects the session (0: the highest version). Returns 0, or -1
 * after a diagnostic (no such version, no sessions, write error).
 */
int export_text_professional(FILE *out, const struct doc_node *kase,
                             const struct formset *fs, int version, int width,
                             struct diags *d);

#endif
