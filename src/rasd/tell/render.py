"""The report as one self-contained right-to-left HTML file, or as Markdown.

HTML: Jinja2 with autoescape, so every piece of article text is escaped; a Content-Security-Policy
that forbids every network request and every script; inline CSS with an Arabic font stack; no
image, font or script from anywhere. Markdown: the same content with article text escaped for it.
"""

from __future__ import annotations

import functools
import re

import jinja2

from rasd.present.words import count_ar
from rasd.tell.report import Report

KIND_AR = {
    "killed": "قتلى", "wounded": "جرحى", "casualties": "ضحايا", "captured": "أسرى", "arrested": "معتقلون",
    "missing": "مفقودون", "evacuated": "تم إجلاؤهم", "displaced": "نازحون", "rescued": "تم إنقاذهم",
    "tank": "دبابات", "helicopter": "مروحيات", "drone": "مسيّرات", "aircraft": "طائرات",
    "air_defence": "دفاع جوي", "armoured_vehicle": "مدرعات", "vehicle": "مركبات", "artillery": "مدفعية",
    "missile": "صواريخ", "ship": "سفن", "position": "مواقع", "settlement": "بلدات", "building": "مبانٍ",
    "seats": "مقاعد", "votes": "أصوات", "turnout": "نسبة المشاركة",
}  # fmt: skip
STATUS_AR = {"agree": "متفق", "differ": "متباين", "updated": "محدَّث", "denied": "منفي", "single": "مصدر واحد"}
DATED_AR = {"stated": "تاريخ النشر", "fetched": "وقت الجلب", "undated": "بلا تاريخ", "text": "من النص"}
TOC_TOP = 20  # stories listed at the top; the rest behind "all stories"
PRECISION_AR = {"day": "يوم", "month": "شهر", "year": "سنة", "range": "فترة", "decade": "عقد", "none": "—"}


def kind_label(kind: str) -> str:
    head, *rest = kind.split(" · ")
    return " · ".join([KIND_AR.get(head, head), *rest])


def figure(value: int | None, value_max: int | None, qualifier: str) -> str:
    if value is None:
        return "؟"
    q = {"more_than": "أكثر من ", "at_least": "على الأقل ", "about": "نحو ", "less_than": "أقل من ",
         "up_to": "حتى ", "vague": "عشرات/مئات ≥ "}.get(qualifier, "")
    return f"{value}–{value_max}" if qualifier == "range" and value_max is not None else f"{q}{value}"


def note_ar(note: str) -> str:
    """The ledger's notes in Arabic where they follow its fixed phrasing."""
    note = re.sub(r"(\d+) articles, (\d+) claimants",
                  lambda m: f"{count_ar(int(m[1]), 'article')}، {count_ar(int(m[2]), 'claimant')}", note)
    return note.replace("others differ:", "وتختلف جهات أخرى:").replace("denied by", "نفته").replace(
        "unattributed", "غير منسوب")


def anchor(value: str) -> str:
    """An id usable in an HTML anchor, derived from a rasd id."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("rasd.tell", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(kind=kind_label, anchor=anchor, note=note_ar, count=count_ar)
    env.globals.update(figure=figure, STATUS_AR=STATUS_AR, DATED_AR=DATED_AR, PRECISION_AR=PRECISION_AR,
                       TOC_TOP=TOC_TOP)
    return env


def html(report: Report) -> str:
    return _env().get_template("report.html.j2").render(r=report)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str | None) -> str:
    """Article text made inert in Markdown: its markup characters escaped, line breaks folded."""
    flat = " ".join((text or "").split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def markdown(report: Report) -> str:
    e = md_escape
    c = count_ar
    out = [f"# تقرير رصد: {c(report.articles, 'article')}، {c(len(report.stories), 'story')}، "
           f"{c(report.events, 'event')}", "",
           f"_{e(report.store)} · {e(report.generated)}_", ""]
    for s in report.stories:
        out += [f"## {e(s.title)}", "", f"{e(s.id)} · {e(s.first or '?')} – {e(s.last or '?')} · "
                f"{c(s.articles, 'article')} · {c(len(s.events), 'event')}", ""]
        for ev in s.events:
            sm = ev.summary
            out += [f"### {e(sm.title.text or ev.id)}", "",
                    f"{e(ev.id)} · {e(ev.first or '?')} · {c(sm.articles, 'article')} · {e('، '.join(sm.outlets))}", ""]
            for k, x in enumerate(sm.sentences, start=1):
                cites = " ".join(f"[{ev.number(c.article)}]" for c in x.citations)
                out.append(f"{k}. {e(x.text)} {cites} ({e('، '.join(x.outlets))})")
            out.append("")
            if ev.ledger.lines:
                out += ["| الرقم | الجهة | الحالة | القيمة | المصدر | ملاحظة |", "|---|---|---|---|---|---|"]
                for line in ev.ledger.lines:
                    for r in line.reports:
                        out.append(f"| {e(kind_label(line.kind))} | {e(line.subject_name or '—')} | "
                                   f"{STATUS_AR.get(line.status, line.status)} | "
                                   f"{e(figure(r.value, r.value_max, r.qualifier))} | "
                                   f"{e(r.claimant_name or '—')} | {e(note_ar(line.note))} |")
                out.append("")
            for d in ev.ledger.denials:
                out.append(f"- **نفي**: {e(d.claimant_name or '—')}: {e(d.text[:200])}")
            out += ["", "المصادر:", ""]
            for src in ev.sources:
                copy = f" (نسخة من {e(src.copy_of)})" if src.copy_of else ""
                out.append(f"{src.n}. {e(src.outlet or '—')}: {e(src.title or '—')} · {e(src.when or '?')} "
                           f"({DATED_AR[src.dated_by]}) · {e(src.article)}{copy}")
            out.append("")
        out += ["#### الخط الزمني", ""]
        for t in s.timeline.events:
            out.append(f"- **{e(t.value or '؟')}** {e(t.label)} ({DATED_AR[t.dated_by]})")
        if s.timeline.background:
            out += ["", "خلفية:", ""]
            for t in s.timeline.background:
                outlets = sorted({c.outlet or c.article for c in t.sources})
                out.append(f"- **{e(t.value)}** ({PRECISION_AR.get(t.precision, t.precision)}) {e(t.label)} "
                           f"— {e('، '.join(outlets))}")
        out.append("")
    return "\n".join(out) + "\n"
