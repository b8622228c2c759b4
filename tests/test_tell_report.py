"""The report: one self-contained right-to-left HTML file (or Markdown) with every event, and
article text that can never become markup or script."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.pipeline import run
from rasd.store import Store
from rasd.tell.render import html, markdown
from rasd.tell.report import build

# Written for these tests: two outlets report one event, a hostile page rides along.
HOSTILE_TITLE = 'عاجل: <script>alert("x")</script> انفجار في الميناء'
HOSTILE_BODY = '"><img src=x onerror=alert(1)> وقال شاهد عيان إن الانفجار هز المدينة كلها صباح اليوم الأحد.'
ARTICLES = {
    "a1.txt": (HOSTILE_TITLE + "\n\nالأحد 12 مارس 2023\n\n" + HOSTILE_BODY + "\n\n"
               "أعلنت وزارة الصحة مقتل 14 شخصا وإصابة 40 آخرين في انفجار مستودع للوقود قرب الميناء.\n\n"
               "وقال محافظ المدينة إن فرق الدفاع المدني أخمدت الحريق بعد ساعات من العمل المتواصل."),
    "a2.txt": ("انفجار مستودع وقود في الميناء يوقع 14 قتيلا\n\nالأحد 12 مارس 2023\n\n"
               "أعلنت وزارة الصحة مقتل 14 شخصا وإصابة 40 آخرين في انفجار مستودع للوقود قرب الميناء.\n\n"
               "وفتحت النيابة العامة تحقيقا في أسباب الانفجار الذي وقع في الحي القديم من المدينة."),
    "b1.txt": ("افتتاح معرض الكتاب الدولي في العاصمة\n\nالخميس 20 يوليو 2023\n\n"
               "افتتح وزير الثقافة اليوم معرض الكتاب الدولي بمشاركة أكثر من 300 دار نشر من عشرين بلدا.\n\n"
               "ويستمر المعرض عشرة أيام ويضم ندوات وأمسيات شعرية وورشات للأطفال في كل يوم."),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("report")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    path = root / "r.db"
    with Store(path) as store:
        run([corpus], store)
    yield path


def test_html_is_rtl_self_contained_escaped_and_has_every_event(db: Path) -> None:
    with Store(db, readonly=True) as store:
        report = build(store)
        events = [e.id for e in store.events()]
        listed = {s.id: s.title for s in store.stories()}
    assert {s.id: s.title for s in report.stories} == listed  # one title per story in lists and the report
    page = html(report)
    assert '<html lang="ar" dir="rtl">' in page
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched from anywhere
    assert "default-src 'none'" in page
    for e in events:
        assert e in page
    md = markdown(report)
    from rasd.present.words import count_ar

    for shown in (page, md):  # counts agree in Arabic (not "1 قصة" or "5 مقالاً")
        assert count_ar(report.articles, "article") in shown and count_ar(len(report.stories), "story") in shown
        assert not re.search(r"(?<!\d)(?:[1-9]|10) (?:مقالاً|حدثاً|قصة)", shown)
    assert "<script" not in md and "<img" not in md and "&lt;script&gt;" in md


def test_report_cli_html_and_md(db: Path, tmp_path: Path) -> None:
    def rasd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True)

    out = tmp_path / "report.html"
    r = rasd("report", "--db", str(db), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md = tmp_path / "report.md"
    assert rasd("report", "--db", str(db), "-o", str(md), "--format", "md").returncode == 0
    assert md.read_text(encoding="utf-8").startswith("# ")
    bad = rasd("report", "--db", str(db), "-o", str(out), "--format", "pdf")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert rasd("report", "--db", str(db), "-o", str(db)).returncode != 0  # never the store itself


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_report_renders_in_headless_chromium(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    with Store(db, readonly=True) as store:
        out.write_text(html(build(store)), encoding="utf-8")
        events = [e.id for e in store.events()]
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert 'dir="rtl"' in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()  # shown as text, never run
    assert "&lt;script&gt;" in dom
    for e in events:
        assert e in dom
    shot = tmp_path / "report.png"
    subprocess.run(["chromium", *flags, "--window-size=1280,1600", f"--screenshot={shot}", out.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000
