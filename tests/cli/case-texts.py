#!/usr/bin/env python3
"""tests/cli/case-texts.py CASE.yaml [VERSION] - the texts a household
summary of one version of a duo-case/1 file must show and must hide.

Prints one line per text, "show<TAB>text" or "hide<TAB>text", for the
browser test (tests/cli/summary-pdf.sh). VERSION defaults to the last
session. Shown: every top-3 title, plan item text and consequence, and the
evaluation date written out in Dutch. Hidden, from every session of the
file (a confidential text of an older version must not leak either): the
texts of confidential statements, review comments, sources and hypothesis
checks. A hidden text that is also part of a shown field (a source that
is just a name, say) cannot be tested for absence and is left out."""
import sys
import yaml

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december"]


def dutch_date(d):
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        case = yaml.safe_load(f)
    sessions = case["sessions"]
    s = sessions[-1]
    if len(sys.argv) > 2:
        s = [x for x in sessions if x["version"] == int(sys.argv[2])][0]
    show = [c["title"] for c in s.get("top3") or []]
    for p in s.get("plan") or []:
        show.append(p["text"])
        if p.get("consequence"):
            show.append(p["consequence"])
    show.append(dutch_date(s["evaluation"]))

    shown_fields = []
    for c in s.get("top3") or []:
        shown_fields += [str(v) for v in c.values() if isinstance(v, str)]
    for st in s.get("statements") or []:
        if not st.get("confidential"):
            shown_fields.append(st.get("text", ""))
    for p in s.get("plan") or []:
        shown_fields += [str(v) for v in p.values() if isinstance(v, str)]
    for fac in (s.get("analysis") or {}).get("factors") or []:
        shown_fields.append(fac.get("text", ""))
    for h in (s.get("analysis") or {}).get("hypotheses") or []:
        shown_fields += [h.get("text", ""), h.get("household_explanation", "")]
    shown_fields.append(str(case["household"]["name"]))
    for m in case["household"].get("members") or []:
        shown_fields.append(str(m.get("name", "")))

    hide = []
    for x in sessions:
        for st in x.get("statements") or []:
            if st.get("confidential"):
                hide.append(st["text"])
            if st.get("source"):
                hide.append(st["source"])
        for r in x.get("reviews") or []:
            for c in r.get("comments") or []:
                hide.append(c["text"])
        for h in (x.get("analysis") or {}).get("hypotheses") or []:
            if h.get("check"):
                hide.append(h["check"])
    hide = [h for h in dict.fromkeys(hide)
            if not any(h in f for f in shown_fields)]

    for t in show:
        print("show\t" + " ".join(str(t).split()))
    for t in hide:
        print("hide\t" + " ".join(str(t).split()))


main()
