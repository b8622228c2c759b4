"""Describe an article: its title (`rasd.text.title`), when it was published
(`rasd.text.pubdate`), and its language(s) (`rasd.text.language`)."""

from __future__ import annotations

import dataclasses

from rasd.model import Article
from rasd.text.language import LanguageDetector, get_detector
from rasd.text.pubdate import SCORES, DateScan, choose_published, scan_dates
from rasd.text.title import find_title

__all__ = ["SCORES", "DateScan", "choose_published", "describe", "find_title", "scan_dates"]


def describe(article: Article, detector: LanguageDetector | None = None) -> Article:
    """The article with title, published date and languages filled in (and notes on each)."""
    scan = scan_dates(article.raw, article.paragraphs)
    title, title_span, title_note = find_title(article, scan.date_only, scan.datelines)
    published, published_note = choose_published(article, scan)
    language, lines = (detector or get_detector()).describe(article.raw, article.paragraphs)
    return dataclasses.replace(
        article,
        title=title,
        title_span=title_span,
        title_note=title_note,
        published=published,
        published_note=published_note,
        language=language,
        line_languages=lines,
    )
