"""The copies stage: exact, near and passage links, canonical sources, groups.

The Arabic articles here are written for these tests (not taken from any outlet).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import numpy as np
import pytest

from rasd.arabic.normalize import normalize
from rasd.copies import CopyConfig, CopyDoc, CopyIndex, CopyLink, canonical_of, copy_groups
from rasd.copies.align import Passage, align
from rasd.copies.features import words
from rasd.copies.keyindex import KeyIndex

from conftest import SEEDS

HEALTH = [
    "أعلنت وزارة الصحة في العاصمة عن افتتاح مستشفى جديد يضم ثلاثمئة سرير لخدمة سكان الأحياء الشرقية",
    "وقال مدير المستشفى في مؤتمر صحفي إن الطاقم الطبي سيبدأ استقبال المرضى مطلع الشهر المقبل",
    "وأوضح أن المبنى جهز بأحدث الأجهزة الطبية بتمويل مشترك من الحكومة ومنظمات دولية عدة",
    "وأشار إلى أن قسم الطوارئ سيعمل على مدار الساعة لتخفيف الضغط عن المستشفيات القديمة في المدينة",
    "ويعاني القطاع الصحي في البلاد من نقص حاد في الأدوية والكوادر المتخصصة منذ سنوات طويلة",
    "ورحب سكان المنطقة بالخطوة معتبرين أنها ستوفر عليهم عناء السفر إلى المدن المجاورة طلبا للعلاج",
    "وكانت الحكومة قد وعدت العام الماضي ببناء خمسة مستشفيات في المحافظات الأكثر حاجة إليها",
    "ولم تعلن الوزارة حتى الآن عن موعد افتتاح المستشفيات الأربعة الأخرى التي جرى الاتفاق عليها",
    "ويتوقع خبراء أن يسهم المشروع في خفض نسب الوفيات بين الأطفال وكبار السن خلال فصل الشتاء",
    "وختم المدير حديثه بدعوة الأطباء الشباب إلى الالتحاق بالمستشفى مقابل رواتب وحوافز مجزية",
]
FOOTBALL = [
    "فاز فريق النجم الساحلي على ضيفه بثلاثة أهداف مقابل هدف واحد في المباراة التي أقيمت مساء السبت",
    "وسجل المهاجم الشاب هدفين في الشوط الأول قبل أن يضيف زميله الهدف الثالث من ركلة جزاء",
    "وقلص الفريق الضيف الفارق في الدقائق الأخيرة بتسديدة قوية من خارج منطقة الجزاء",
    "وبهذا الفوز يرتقي النجم إلى صدارة الترتيب بفارق نقطتين عن أقرب ملاحقيه قبل ثلاث جولات من النهاية",
    "وأبدى المدرب رضاه عن أداء لاعبيه مؤكدا أن المنافسة على اللقب ما زالت مفتوحة أمام الجميع",
    "وشهد اللقاء حضورا جماهيريا كبيرا ملأ مدرجات الملعب رغم الأمطار الغزيرة التي هطلت طوال المباراة",
    "ويستعد الفريق لمواجهة صعبة الأسبوع المقبل خارج أرضه أمام حامل اللقب في الموسم الماضي",
    "وأعلن الطاقم الطبي للنادي أن قائد الفريق سيغيب عن الملاعب أسبوعين بسبب إصابة في الكاحل",
]
WHEAT = [
    "ارتفعت أسعار القمح في الأسواق المحلية بنسبة كبيرة خلال الشهر الجاري بسبب تراجع الواردات",
    "وعزا تجار الحبوب هذا الارتفاع إلى تأخر وصول الشحنات وارتفاع تكاليف النقل البحري عالميا",
    "وطالبت جمعيات حماية المستهلك الحكومة بالتدخل العاجل لضبط الأسعار ومراقبة المخازن الكبرى",
    "في المقابل أكدت وزارة التجارة أن المخزون الاستراتيجي يكفي لتغطية حاجات البلاد ستة أشهر",
    "وقررت الحكومة دعم المخابز بكميات إضافية من الطحين للحفاظ على سعر الرغيف دون تغيير",
    "ويخشى المزارعون من أن يؤدي الجفاف إلى تراجع المحصول المحلي للموسم الثاني على التوالي",
]
WIRE = (
    "وقال المتحدث باسم المنظمة الدولية للهجرة في بيان صدر مساء الثلاثاء إن أكثر من ألفي مهاجر عبروا الحدود "
    "خلال الأسبوع الماضي وإن فرق الإغاثة تعمل على توفير المأوى والغذاء والدواء لهم في مخيمات مؤقتة أقيمت قرب "
    "المعبر الرئيسي"
)
DAY = dt.datetime(2024, 3, 5, 9, 30)


def article(sentences: list[str]) -> str:
    """Sentences as paragraphs of two, like Article.text (blank-line separated)."""
    paras = [". ".join(sentences[i : i + 2]) + "." for i in range(0, len(sentences), 2)]
    return "\n\n".join(paras)


def edited(text: str, every: int = 10) -> str:
    """Change every `every`-th word: ~10% of the words for the default."""
    out = text.split(" ")
    for i in range(every // 2, len(out), every):
        out[i] = f"مختلفة{i}"
    return " ".join(out)


def doc(i: str, text: str, hours: int | None = 0) -> CopyDoc:
    """A test article published `hours` after DAY (None: undated)."""
    return CopyDoc(i, None if hours is None else DAY + dt.timedelta(hours=hours), text)


def kinds(links: tuple[CopyLink, ...]) -> list[tuple[str, str, str]]:
    """(article, other, kind) of each link."""
    return [(x.article, x.other, x.kind) for x in links]


def test_words_fold_like_normalize() -> None:
    text = "قالَ المتحدثُ: إنّ «قرة بـــاغ» شهدت ٢٧ غارة،  يوم   الأحد!"
    w = words([text])
    mine = [normalize(text[s:e]) for s, e in zip(w.starts.tolist(), w.ends.tolist(), strict=True)]
    assert mine == re.findall(r"[^\W_]+", normalize(text))
    assert mine[2:5] == ["ان", "قره", "باغ"]


def test_words_of_a_batch_with_ligatures_and_astral_characters() -> None:
    """A text with a character that folds to several ("ﻻ" -> "لا") or lies outside the BMP sends
    the batch down the slow fold; words, offsets and exact keys match those of each text alone, empty
    texts included."""
    plain = "قال الوزير إن الاتفاق لا يزال قائما"
    for texts in ([plain, "نص آخر، قصير."], [plain, plain.replace("لا", "\ufefb") + " 🙂 تم", "", "نص آخر، قصير.", ""]):
        batch = words(texts)
        for i, text in enumerate(texts):
            alone = words([text])
            lo, hi = int(batch.bounds[i]), int(batch.bounds[i + 1])
            assert batch.hashes[lo:hi].tolist() == alone.hashes.tolist()
            assert batch.starts[lo:hi].tolist() == alone.starts.tolist()
            assert batch.ends[lo:hi].tolist() == alone.ends.tolist()
            assert batch.exact[i] == alone.exact[0]
    assert batch.exact[2] == batch.exact[4] != batch.exact[3]
    lo, hi = int(batch.bounds[1]), int(batch.bounds[2])
    spelled = [texts[1][s:e] for s, e in zip(batch.starts[lo:hi].tolist(), batch.ends[lo:hi].tolist(), strict=True)]
    assert spelled[4] == "\ufefb" and spelled[-1] == "تم"
    assert batch.hashes[lo + 4] == words(["لا"]).hashes[0]


def test_exact_copy_despite_diacritics_tatweel_and_spacing() -> None:
    index = CopyIndex()
    text = article(HEALTH)
    decorated = text.replace("المستشفى", "المستشـــفى").replace("أعلنت", "أَعْلَنَتْ").replace(" في ", "  في\u00a0")
    assert index.add(doc("a", text)) == ()
    (link,) = index.add(doc("b", decorated, 2))
    assert (link.kind, link.other, link.score) == ("exact", "a", 1.0)
    assert link.spans == ((0, len(decorated), 0, len(text)),)


def test_edited_copy_is_near() -> None:
    index = CopyIndex()
    index.add(doc("orig", article(HEALTH)))
    index.add(doc("other", article(FOOTBALL)))
    links = index.add(doc("copy", edited(article(HEALTH)), 3))
    assert kinds(links) == [("copy", "orig", "near")]
    assert 0.2 < links[0].score < 0.8


def test_unrelated_articles_are_not_linked() -> None:
    index = CopyIndex()
    assert index.add(doc("h", article(HEALTH))) == ()
    assert index.add(doc("f", article(FOOTBALL))) == ()
    assert index.add(doc("w", article(WHEAT))) == ()


def test_shared_wire_paragraph_is_a_passage_with_matching_spans() -> None:
    index = CopyIndex()
    first = article(HEALTH[:6]) + "\n\n" + WIRE + ".\n\n" + article(HEALTH[6:])
    second = article(WHEAT[:3]) + "\n\nوفي سياق متصل، " + WIRE + "، بحسب البيان.\n\n" + article(WHEAT[3:])
    index.add(doc("first", first))
    (link,) = index.add(doc("second", second, 1))
    assert (link.article, link.other, link.kind) == ("second", "first", "passage")
    assert len(link.spans) == 1
    a0, a1, b0, b1 = link.spans[0]
    assert second[a0:a1] == first[b0:b1] == WIRE
    assert 0.1 < link.score < 0.5


def test_passage_survives_a_changed_word() -> None:
    index = CopyIndex()
    changed = WIRE.replace("ألفي", "ثلاثة آلاف")
    index.add(doc("first", article(FOOTBALL[:4]) + "\n\n" + WIRE + "\n\n" + article(FOOTBALL[4:])))
    (link,) = index.add(doc("second", article(WHEAT) + "\n\n" + changed, 1))
    assert link.kind == "passage"
    a0, a1, _, _ = link.spans[0]
    assert a1 - a0 >= len(changed) - 5


def test_canonical_is_earliest_dated_then_id() -> None:
    day = dt.datetime(2024, 1, 2)
    assert canonical_of([("b", day), ("a", day + dt.timedelta(hours=1)), ("c", None)]) == "b"
    assert canonical_of([("b", day), ("a", day)]) == "a"
    assert canonical_of([("x", None), ("w", None)]) == "w"
    aware = dt.datetime(2024, 1, 2, 1, tzinfo=dt.timezone(dt.timedelta(hours=3)))  # 2024-01-01 22:00 UTC
    assert canonical_of([("naive", day), ("aware", aware)]) == "aware"
    with pytest.raises(ValueError):
        canonical_of([])


def test_copy_groups_join_exact_and_near_not_passage() -> None:
    links = [
        CopyLink("b", "a", "near", 0.4, ()),
        CopyLink("c", "b", "exact", 1.0, ()),
        CopyLink("d", "c", "passage", 0.1, ()),
    ]
    assert copy_groups(links) == {"a": "a", "b": "a", "c": "a"}
    published = {"a": DAY + dt.timedelta(hours=5), "b": DAY, "c": None}
    assert copy_groups(links, published) == {"a": "b", "b": "b", "c": "b"}


def test_near_links_do_not_depend_on_order() -> None:
    texts = {
        "orig": article(HEALTH),
        "copy1": edited(article(HEALTH)),
        "copy2": edited(article(HEALTH), 12),
        "football": article(FOOTBALL),
        "wheat": article(WHEAT),
    }
    seen = set()
    for order in itertools.permutations(texts):
        index = CopyIndex()
        pairs = frozenset(
            frozenset((x.article, x.other)) for i in order for x in index.add(doc(i, texts[i])) if x.kind == "near"
        )
        seen.add(pairs)
    copies = {frozenset({"orig", "copy1"}), frozenset({"orig", "copy2"}), frozenset({"copy1", "copy2"})}
    assert seen == {frozenset(copies)}


def test_add_many_gives_the_links_of_adding_one_by_one() -> None:
    texts = [
        article(HEALTH), article(FOOTBALL), edited(article(HEALTH)), article(HEALTH),
        article(WHEAT) + "\n\n" + WIRE, article(FOOTBALL[:3]) + "\n\n" + WIRE, "", "؟!",
    ]  # fmt: skip
    docs = [doc(f"d{i}", t, i) for i, t in enumerate(texts)]
    one = CopyIndex()
    singly = [one.add(d) for d in docs]
    assert CopyIndex().add_many(docs) == singly
    assert [kinds(links) for links in singly] == [
        [], [], [("d2", "d0", "near")], [("d3", "d0", "exact")], [],
        [("d5", "d1", "passage"), ("d5", "d4", "passage")], [], [],
    ]  # fmt: skip
    assert one.add(docs[0]) == ()  # an id seen before is ignored


def test_forget_before_drops_passages_but_keeps_near() -> None:
    index = CopyIndex(CopyConfig())
    index.add(doc("old", article(HEALTH) + "\n\n" + WIRE, hours=0))
    assert index.forget_before(DAY + dt.timedelta(days=1)) == 1
    assert index.add(doc("wire", article(WHEAT) + "\n\n" + WIRE, hours=48)) == ()
    assert kinds(index.add(doc("copy", article(HEALTH) + "\n\n" + WIRE, hours=49))) == [("copy", "old", "exact")]
    near = index.add(doc("edit", edited(article(HEALTH) + "\n\n" + WIRE), hours=50))
    assert ("edit", "old", "near") in kinds(near)


def test_passage_window_by_count() -> None:
    index = CopyIndex(CopyConfig(passage_max_docs=1))
    index.add(doc("a", article(HEALTH) + "\n\n" + WIRE))
    index.add(doc("b", article(FOOTBALL)))
    assert index.add(doc("c", article(WHEAT) + "\n\n" + WIRE)) == ()  # "a" has left the window
    assert index.stats()["passage_window"] == 1


def test_key_index_keeps_the_oldest_postings_and_prunes() -> None:
    keys = KeyIndex(slots=2, bits=1)  # tiny buckets: overflow and doubling on every few postings
    shared, own = np.uint64(1 << 40), np.uint64(7)
    for d in range(10):
        pair = np.array([shared, own * np.uint64(d + 1) << np.uint64(8)], dtype=np.uint64)
        keys.add_run(pair, np.full(2, d, np.uint32))
    keys.add_run(np.array([shared, shared], dtype=np.uint64), np.array([10, 11], dtype=np.uint32))
    query = np.array([shared, np.uint64(3 * 7) << np.uint64(8), np.uint64(99)], dtype=np.uint64)
    qi, found, total = keys.lookup(query, 3)
    assert qi.tolist() == [0, 0, 0, 1] and found.tolist() == [0, 1, 2, 2] and total.tolist() == [12, 1, 0]
    qi, found, _ = keys.lookup(query, 3, np.array([11, 5, 5]))
    assert found.tolist() == [2]  # the shared key has more postings than allowed
    keys.prunable = lambda k, v: v % 2 == 0
    keys.compact()
    assert keys.lookup(query[:1], 20)[1].tolist() == [1, 3, 5, 7, 9, 11]
    assert len(keys) == 11


@pytest.mark.parametrize(("slots", "max_load", "parts"), [(1, 1.0, 1), (2, 0.75, 3), (4, 0.5, 16), (16, 0.75, 16)])
def test_key_index_matches_a_dict_of_lists(slots: int, max_load: float, parts: int) -> None:
    """Whatever overflows, doubles or is compacted, every key's postings come back in the order they
    were posted, capped, with their full count."""
    rng = np.random.default_rng(slots)
    index = KeyIndex(slots=slots, max_load=max_load, bits=1, parts=parts)
    want: dict[int, list[int]] = {}
    pool = np.concatenate((rng.integers(0, 2**64 - 1, 400, dtype=np.uint64), np.zeros(1, np.uint64)))
    hot = pool[:3]  # keys posted again and again, like boilerplate fingerprints
    doc = 0
    for step in range(60):
        keys = np.concatenate((rng.choice(pool, 30), np.repeat(hot, 5)))
        vals = np.arange(doc, doc + len(keys), dtype=np.uint32)
        doc += len(keys)
        index.add_run(keys, vals)
        for k, v in zip(keys.tolist(), vals.tolist(), strict=True):
            want.setdefault(k, []).append(v)
        if step == 40:
            index.prunable = lambda k, v: v % 3 == 0
            index.compact()
            want = {k: [v for v in vs if v % 3] for k, vs in want.items()}
            want = {k: vs for k, vs in want.items() if vs}
    assert len(index) == sum(map(len, want.values()))
    query = np.concatenate((pool, rng.integers(0, 2**64 - 1, 50, dtype=np.uint64)))
    for cap in (1, 7, 10_000):
        qi, found, total = index.lookup(query, cap)
        got: dict[int, list[int]] = {}
        for i, v in zip(qi.tolist(), found.tolist(), strict=True):
            got.setdefault(int(query[i]), []).append(v)
        assert got == {k: vs[:cap] for k, vs in want.items()}
        assert total.tolist() == [len(want.get(int(k), [])) for k in query.tolist()]
    max_df = np.full(len(query), 40)
    qi, _, total = index.lookup(query, 10_000, max_df)
    assert set(qi.tolist()) == {i for i in range(len(query)) if 0 < total[i] <= 40}


def test_a_doubling_while_a_view_of_the_table_is_held_copies_instead_of_remapping() -> None:
    """Doubling remaps a part's memory in place; with a view of it still alive that cannot be done,
    and the rows are copied: either way every posting is kept, in order."""
    held, free = KeyIndex(slots=2, bits=1, parts=1), KeyIndex(slots=2, bits=1, parts=1)
    view = held._parts[0].buckets.tags  # pins the memory that the next doubling would remap
    memory = [index._parts[0]._mem for index in (held, free)]
    keys = np.random.default_rng(5).integers(0, 2**64 - 1, 300, dtype=np.uint64)
    for index in (held, free):
        for step in range(6):
            index.add_run(np.concatenate((keys, keys[:7])), np.full(307, step, dtype=np.uint32))
    assert view.base is not None
    assert held._parts[0]._mem is not memory[0] and free._parts[0]._mem is memory[1]  # copied; remapped
    got, want = held.lookup(keys, 100), free.lookup(keys, 100)
    assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    assert want[2].tolist() == [12 if i < 7 else 6 for i in range(300)]


@pytest.mark.parametrize(("slots", "parts"), [(1, 1), (2, 3), (16, 16)])
def test_lookup_and_add_looks_up_then_posts_each_key_in_turn(slots: int, parts: int) -> None:
    """In one pass, each key sees the postings made before it, those of its earlier occurrences in
    the same call included, even where its bucket is full and spills; then it is posted."""
    rng = np.random.default_rng(slots + parts)
    apart, together = (KeyIndex(slots=slots, bits=1, parts=parts) for _ in range(2))
    pool = rng.integers(0, 2**64 - 1, 200, dtype=np.uint64)
    doc = 0
    for _ in range(20):
        keys = np.concatenate((rng.choice(pool, 40), np.repeat(pool[:2], 6)))
        vals = np.arange(doc, doc + len(keys), dtype=np.uint32)
        max_df = rng.integers(0, 30, len(keys))
        doc += len(keys)
        want: list[tuple[int, int]] = []
        want_total: list[int] = []
        for i in range(len(keys)):
            qi, found, total = apart.lookup(keys[i : i + 1], 5, max_df[i : i + 1])
            want += [(i, v) for v in found.tolist()]
            want_total += total.tolist()
            apart.add_run(keys[i : i + 1], vals[i : i + 1])
        qi, found, total = together.lookup_and_add(keys, vals, 5, max_df)
        assert sorted(zip(qi.tolist(), found.tolist(), strict=True)) == sorted(want)
        assert total.tolist() == want_total
    assert len(apart) == len(together)
    assert [x.tolist() for x in apart.lookup(pool, 10_000)] == [x.tolist() for x in together.lookup(pool, 10_000)]


def test_config_is_checked() -> None:
    with pytest.raises(ValueError):
        CopyConfig(bands=80, rows=2, num_perm=128)
    with pytest.raises(ValueError):
        CopyConfig(align_ngram=6)


def test_seed_articles_share_wire_passages() -> None:
    from rasd.pipeline import process_text

    paths = sorted(SEEDS.glob("*.txt"))
    arts = {p.name[:3]: process_text(p.read_text(encoding="utf-8"), p.stem) for p in paths}
    index = CopyIndex()
    links: list[CopyLink] = []
    for key in sorted(arts):
        a = arts[key]
        links += index.add(CopyDoc(key, a.published.value if a.published else None, a.text))
    passages = [x for x in links if x.kind == "passage"]
    for x in passages:
        for a0, a1, b0, b1 in x.spans:
            mine, theirs = arts[x.article].text[a0:a1], arts[x.other].text[b0:b1]
            assert len(mine.split()) >= 12 and mine.split()[:3] == theirs.split()[:3]
    reached = {"000"}
    for _ in range(3):
        reached |= {e for x in passages for e in (x.article, x.other) if {x.article, x.other} & reached}
    assert {"000", "001", "002"} <= reached
    assert not [x for x in links if x.kind in ("exact", "near") and {x.article, x.other} & {"003", "004"}]


def test_signatures_are_compared_across_blocks_in_any_order() -> None:
    from rasd.copies.arrays import Signatures

    rng = np.random.default_rng(3)
    rows = rng.integers(0, 4, (40_000, 8), dtype=np.uint32)  # three blocks of 16,384 rows
    sigs = Signatures(8)
    for lo in range(0, len(rows), 7_000):
        sigs.extend(rows[lo : lo + 7_000])
    docs = rng.integers(0, len(rows), 5_000)
    probes = rng.integers(0, 4, (10, 8), dtype=np.uint32)
    probe = rng.integers(0, 10, 5_000)
    assert sigs.agreement(probes, probe, docs).tolist() == (probes[probe] == rows[docs]).mean(axis=1).tolist()
    assert len(sigs.agreement(probes, probe[:0], docs[:0])) == 0


def test_align_bridges_an_edit_and_ignores_stray_matches() -> None:
    """b holds a[10:40] with one n-gram changed, after unrelated n-grams; a lone shared n-gram
    elsewhere makes no passage."""
    rng = np.random.default_rng(3)
    a = rng.integers(1, 2**32 - 1, 60, dtype=np.uint32)
    copied = a[10:40].copy()
    copied[15] = 7  # one changed word breaks one n-gram (k=1 here)
    b = np.concatenate((rng.integers(1, 2**32 - 1, 5, dtype=np.uint32), copied, a[50:51]))
    assert align(a, b, 1, 3, 12) == [Passage(10, 40, 5, 35)]
    assert align(a, b, 1, 0, 12) == [Passage(10, 25, 5, 20), Passage(26, 40, 21, 35)]
    assert align(a, b[:5], 1, 3, 12) == []


def test_a_wire_cut_shorter_is_a_copy_and_a_roundup_quoting_it_is_not() -> None:
    """The same agency text cut at two lengths (Jaccard about 0.35) is a near copy because the
    longer contains the shorter; a roundup that quotes the short text in its middle only shares
    a passage with it."""
    full = article(HEALTH)
    cut = article(HEALTH[:4])
    index = CopyIndex()
    index.add(doc("full", full))
    index.add(doc("sport", article(FOOTBALL)))
    (link,) = index.add(doc("cut", cut, 2))
    assert (link.article, link.other, link.kind) == ("cut", "full", "near")
    assert link.score < CopyConfig().near_jaccard  # Jaccard alone would not call it a copy
    roundup = article(WHEAT) + "\n\n" + cut + "\n\n" + article(FOOTBALL[:4])
    links = CopyIndex()
    links.add(doc("cut", cut))
    assert kinds(links.add(doc("roundup", roundup, 1))) == [("roundup", "cut", "passage")]


def test_canonical_copy_is_the_earliest_published_then_seen_then_received() -> None:
    import datetime as dt

    from rasd.copies.groups import Arrival, canonical_of

    day = dt.datetime(2015, 7, 23, 9)
    later = day + dt.timedelta(hours=3)
    assert canonical_of([("a", Arrival(later)), ("b", Arrival(day))]) == "b"  # published wins
    assert canonical_of([("a", Arrival(None, later, 1)), ("z", Arrival(None, day, 2))]) == "z"  # then seen
    assert canonical_of([("a", Arrival(None, None, 7)), ("z", Arrival(None, None, 3))]) == "z"  # then received
    assert canonical_of([("a", Arrival(None, day, 1)), ("z", Arrival(later, None, 2))]) == "z"  # a date beats none
