"""Page titles: og:title or <title> minus the site's name and sections (pages written by us)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.model import RawDoc
from rasd.pipeline import process
from rasd.read import read_path

HEADLINE = "ارتفاع أسعار القمح في الأسواق المحلية"
BODY = "".join(
    f"<p>{p}</p>"
    for p in (
        "شهدت أسعار القمح في الأسواق المحلية ارتفاعا ملحوظا خلال الأسبوع الماضي، إذ زاد سعر الطن بنحو خمسة "
        "عشر في المئة مقارنة بالشهر السابق، وفق ما أعلنته وزارة التجارة.",
        "وقال متحدث باسم الوزارة إن الارتفاع يعود إلى تراجع الواردات من الموانئ الرئيسية بسبب سوء الأحوال "
        "الجوية، مشيرا إلى أن الحكومة تدرس خططا لزيادة المخزون الاستراتيجي.",
    )
)


def _page(head: str, h1: str = "") -> str:
    return (f'<html lang="ar"><head><meta charset="utf-8">{head}</head><body>'
            f"<header><h1>جريدة الأفق</h1><ul><li>سياسة</li><li>اقتصاد</li></ul></header>"
            f"<article>{h1}{BODY}</article></body></html>")  # fmt: skip


@pytest.mark.parametrize(
    ("head", "h1"),
    [
        (f"<title>{HEADLINE} - جريدة الأفق</title><meta property='og:site_name' content='جريدة الأفق'>", ""),
        (f"<title>{HEADLINE} | اقتصاد | جريدة الأفق</title>", f"<h1>{HEADLINE}</h1>"),
        (f"<meta property='og:title' content='جريدة الأفق - {HEADLINE}'><title>{HEADLINE} - جريدة الأفق</title>", ""),
        (f"<title>{HEADLINE} – Alofoq News</title><link rel='canonical' href='https://www.alofoq.example/a'>", ""),
        (f"<meta property='og:title' content='{HEADLINE}'><title>{HEADLINE} - أخبار - الأفق</title>", ""),
    ],
)
def test_site_name_and_sections_are_not_the_title(tmp_path: Path, head: str, h1: str) -> None:
    f = tmp_path / "p.html"
    f.write_text(_page(head, h1), encoding="utf-8")
    doc = next(iter(read_path(f)))
    assert isinstance(doc, RawDoc)
    assert process(doc).title == HEADLINE


def test_title_with_a_dash_inside_it_is_kept(tmp_path: Path) -> None:
    title = "غزة - رفح: إعادة فتح المعبر أمام المسافرين"
    f = tmp_path / "p.html"
    f.write_text(_page(f"<title>{title} - جريدة الأفق</title>", f"<h1>{title}</h1>"), encoding="utf-8")
    doc = next(iter(read_path(f)))
    assert isinstance(doc, RawDoc) and doc.title == title


@pytest.mark.parametrize(
    "head",
    [
        "<title>جريدة الأفق</title><meta property='og:site_name' content='جريدة الأفق'>",
        "<title>الرئيسية - جريدة الأفق</title><meta property='og:site_name' content='جريدة الأفق'>",
        "<title>سياسة | جريدة الأفق</title>",
    ],
)
def test_a_page_without_a_headline_has_no_title(tmp_path: Path, head: str) -> None:
    f = tmp_path / "p.html"
    f.write_text(_page(head), encoding="utf-8")
    doc = next(iter(read_path(f)))
    assert isinstance(doc, RawDoc) and doc.title is None
    assert process(doc).title is None  # the first paragraph is body text, not a headline
