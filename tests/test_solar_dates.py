"""Solar Hijri dates, as Persian pages print them (lines written for these tests)."""

from __future__ import annotations

from rasd.arabic.dates import find_dates
from rasd.arabic.normalize import normalize
from rasd.pipeline import process_text


def days(text: str) -> list[tuple[int | None, int, int | None]]:
    return [(m.year, m.month, m.day) for m in find_dates(normalize(text))]


def test_solar_hijri_day_month_year_is_the_gregorian_day() -> None:
    assert days("تاریخ انتشار: ۱۴ مهر ۱۴۰۱ - ۰۹:۱۵") == [(2022, 10, 6)]
    assert days("2 تير 1399") == [(2020, 6, 22)]  # Arabic yeh, as some sites type it
    assert days("۳۰ اسفند ۱۳۹۹") == [(2021, 3, 20)]


def test_solar_month_words_alone_are_not_dates() -> None:
    assert days("مهر 1400") == []  # no day: مهر is also a common word
    assert days("31 اسفند 1399") == []  # no such day (1399's Esfand has 30)
    assert days("بیش از 20 تیر و کمان") == []


def test_a_persian_date_line_gives_the_publication_date() -> None:
    body = "بازار امروز با رشد شاخص همراه بود و حجم معاملات در نماد های بزرگ افزایش یافت. " * 4
    article = process_text(f"رشد شاخص بورس تهران\n۱۴ مهر ۱۴۰۱ - ۰۹:۱۵\n{body}\n", "fa-page")
    assert article.published is not None and article.published.iso()[:10] == "2022-10-06"
