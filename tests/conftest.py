"""Shared fixtures: the seeds folder, and small articles written by the team for tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.extract.types import Claim

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Articles written for rasd's tests (not copied from any outlet): {city}, {day}, {n} vary.
TEMPLATES = [
    "فيضانات تجتاح {city} وتخلف {n} قتيلاً\n\n{day} تشرين الثاني/نوفمبر 2021\n\n"
    "قالت السلطات المحلية في {city}، اليوم الأربعاء، إن الفيضانات التي ضربت المدينة أسفرت عن مقتل {n} "
    "شخصاً وإصابة العشرات.\n\nوأضاف المتحدث باسم الدفاع المدني أن فرق الإنقاذ تواصل البحث عن المفقودين.\n\n"
    "شارك المقال\n\nتابعونا على تويتر",
    "الحكومة تعلن خطة جديدة للطاقة في {city}\n\nالخميس {day} أيار 2022 الساعة 10:15\n\n"
    "أعلن وزير الطاقة أمس الأربعاء عن خطة لبناء {n} محطة للطاقة الشمسية بحلول عام 2030.\n\n"
    "وأشار الوزير إلى أن الخطة تأتي بعد أزمة الكهرباء التي عرفتها البلاد بين 2019 و2021.\n\n"
    "المصدر: وكالة الأنباء الرسمية",
    "{city} (رويترز) - قال مسؤولون إن {n} مهاجراً وصلوا إلى السواحل صباح اليوم الجمعة {day} يونيو 2023.\n"
    "وذكر بيان لخفر السواحل أن القوارب انطلقت من ميناء قريب مساء الخميس الماضي.\n\n"
    "اقرأ أيضاً\n\nhttps://example.org/news/{n}",
]
CITIES = ["بنغازي", "عمّان", "صفاقس", "الموصل", "وهران", "صنعاء", "حلب", "الخرطوم"]


def written_article(i: int) -> str:
    """The i-th test article: templates filled with varying places, days and figures."""
    t = TEMPLATES[i % len(TEMPLATES)]
    return t.format(city=CITIES[i % len(CITIES)], day=1 + i % 27, n=3 + i)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder of 12 plain-text articles."""
    d = tmp_path / "corpus"
    d.mkdir()
    for i in range(12):
        (d / f"art_{i:02d}.txt").write_text(written_article(i), encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The seed articles' raw text, by id (file stem)."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the seeds, built once; tests only read it."""
    from rasd.pipeline import run
    from rasd.store import Store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(db) as store:
        run([SEEDS], store)
    return db


def claims_of(paragraphs: list[str]) -> list[Claim]:
    """Claims of paragraphs read in order, the speaker carried from one to the next (no facts)."""
    from rasd.extract.claims import Speaker, attribute
    from rasd.extract.entities import Context, find_mentions
    from rasd.extract.tokens import tokenize

    ctx, speaker, out = Context(), Speaker(None, None), []
    for p in paragraphs:
        found, speaker = attribute(tokenize(p), find_mentions(p, ctx=ctx), [], speaker)
        out.extend(found)
    return out


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    """Each article as `<name>.txt` in `folder` (returned), for a run over the folder."""
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
