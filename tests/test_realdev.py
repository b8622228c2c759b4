"""`rasd eval realdev` and `rasd eval pairs` on a small stream written for the tests (the real
labels and their gate are in test_realdev_gate.py)."""

from __future__ import annotations

import gzip
import json
from itertools import combinations
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli.main import app
from rasd.errors import InputError
from rasd.eval import pairs
from rasd.eval.realdev import compare, evaluate_realdev, headline
from rasd.eval.realdev_stream import read_spec, read_stream, write_stream
from rasd.pipeline import run
from rasd.store import Store

from conftest import written_article

# Two outlets carry one agency text (the second cut and retitled); a third article is another
# happening; a fourth is on a day outside the stream.
WIRE = ("أعلنت وزارة الداخلية في بيان اليوم الخميس 23 يوليو 2015 أن فرق الإنقاذ انتشلت جثث 12 شخصا "
        "بعد غرق مركب في النهر قرب المدينة، فيما تواصل البحث عن آخرين.\n\nوقال المتحدث باسم الوزارة إن "
        "المركب كان يقل عددا كبيرا من الركاب خلال رحلة مسائية، وإن التحقيقات جارية لمعرفة أسباب الحادث "
        "الذي وقع قرب الجسر القديم في ساعة متأخرة من الليل.\n\nوأضاف أن السلطات ضبطت قائد القارب الآخر.")


def _line(i: str, text: str, when: str, source: str, title: str) -> dict[str, str]:
    return {"id": i, "source": source, "title": title, "text": text, "fetched": when}


@pytest.fixture
def realdev(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    rows = [
        _line("w1", WIRE, "2015-07-23 10:00:00", "a", "غرق مركب في النهر"),
        _line("w2", WIRE.rsplit("\n\n", 1)[0], "2015-07-23 11:00:00", "b", "انتشال 12 جثة"),
        _line("o1", written_article(0), "2015-07-23 12:00:00", "c", "فيضانات"),
        _line("n1", "قال مسؤولون إن الطرق أغلقت بسبب الأمطار الغزيرة التي هطلت على المنطقة طوال الليل.\n\n"
                    "وأضافوا أن فرق الصيانة تعمل على فتحها قبل عودة الموظفين إلى أعمالهم.",
              "2015-07-23 13:00:00", "d", "أمطار"),
        _line("x1", written_article(1), "2015-07-24 12:00:00", "c", "خارج اليوم"),
    ]
    with gzip.open(data / "snn.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "stream.json").write_text(json.dumps(
        {"sets": [{"file": "snn.jsonl.gz", "time": "fetched", "days": ["2015-07-23"]}]}), encoding="utf-8")

    def jl(name: str, items: list[dict[str, object]]) -> None:
        (labels / name).write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")

    jl("events.jsonl", [{"id": "w1", "event": "boat", "story": "boat"}, {"id": "w2", "event": "boat", "story": "boat"},
                        {"id": "o1", "event": "flood", "story": "flood"}])
    jl("dates.jsonl", [{"id": "w1", "stated": "2015-07-23", "partial": None, "weekday": "الخميس"},
                       {"id": "o1", "stated": "2021-11-01", "partial": None, "weekday": None},
                       {"id": "n1", "stated": None, "partial": None, "weekday": None}])
    jl("copies.jsonl", [{"id": "w1", "copy_of": None}, {"id": "w2", "copy_of": "w1"}])
    jl("facts.jsonl", [{"article": "w1", "type": "fact", "kind": "killed", "value": 12, "qualifier": "exact",
                        "value_max": None, "subject": None, "claimant": None, "polarity": "asserts",
                        "surface": "جثث 12 شخصا"}])
    return labels, data


def test_stream_takes_the_days_in_time_order_and_text_mode_drops_the_times(realdev: tuple[Path, Path],
                                                                           tmp_path: Path) -> None:
    labels, data = realdev
    docs = read_stream(data, read_spec(labels))
    assert [d["id"] for d in docs] == ["w1", "w2", "o1", "n1"]
    out = tmp_path / "s.jsonl"
    write_stream(docs, out, "text")
    assert all("fetched" not in json.loads(x) for x in out.read_text(encoding="utf-8").splitlines())
    write_stream(docs, out, "times")
    assert all("fetched" in json.loads(x) for x in out.read_text(encoding="utf-8").splitlines())


def test_realdev_scores_every_part_and_the_stream(realdev: tuple[Path, Path]) -> None:
    labels, data = realdev
    result = evaluate_realdev(labels, data, parts=("events", "dates", "copies", "facts"), modes=("text", "times"))
    text = result["modes"]["text"]
    assert result["stream_articles"] == 4
    assert text["stream"]["articles"] == 4
    assert text["events"]["items"] == 3
    assert set(text["event_errors"]) == {"split", "merged"}
    assert text["dates"]["stated"] == 2 and text["dates"]["exact"] == 1.0
    assert text["dates"]["false_dates"] == 0
    assert text["copies"]["gold_copies"] == 1 and text["copies"]["recall"] == 1.0
    assert text["facts"]["gold"] == 1
    assert "dates" not in result["modes"]["times"]  # scored on the text-alone run only
    crawl = result["modes"]["times"]["crawl_dates"]  # but the crawl time must not become published
    assert crawl["unstated"] == 1 and crawl["false_dates"] == 0
    figures = headline(result)
    assert figures["text.copies.recall"] == 1.0
    assert compare(figures, {**figures, "text.copies.recall": 1.05}) != []
    assert compare(figures, {k: v - 0.01 for k, v in figures.items()}) == []


def test_realdev_rejects_unknown_parts_and_missing_data(realdev: tuple[Path, Path], tmp_path: Path) -> None:
    labels, data = realdev
    with pytest.raises(InputError):
        evaluate_realdev(labels, data, parts=("nothing",))
    with pytest.raises(InputError):
        evaluate_realdev(labels, tmp_path / "nowhere", parts=("events",))


def test_cli_realdev_json_and_gate(realdev: tuple[Path, Path], tmp_path: Path) -> None:
    labels, data = realdev
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "realdev", "--labels", str(labels), "--data", str(data), "--part", "events",
                              "--mode", "text", "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    recorded = tmp_path / "scores.json"
    recorded.write_text(json.dumps({"headline": {k: v + 0.5 for k, v in report["headline"].items()}}),
                        encoding="utf-8")
    res = runner.invoke(app, ["eval", "realdev", "--labels", str(labels), "--data", str(data), "--part", "events",
                              "--mode", "text", "--check", str(recorded)])
    assert res.exit_code == 1
    assert "fell" in res.output


def test_unrank_gives_every_pair_once() -> None:
    for k in (2, 3, 7):
        got = [pairs._unrank(r, k) for r in range(k * (k - 1) // 2)]
        assert got == list(combinations(range(k), 2))


@pytest.fixture
def stream_store(tmp_path: Path) -> Store:
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(16):
        (folder / f"a{i:02d}.txt").write_text(written_article(i % 8), encoding="utf-8")
    store = Store(tmp_path / "r.db")
    run([folder], store)
    return store


def test_pairs_are_drawn_from_same_event_pairs_with_ids_hidden(stream_store: Store, tmp_path: Path) -> None:
    lines, keys = pairs.draw(stream_store, 5, seed=1)
    placed = stream_store.placements()
    assert len(lines) == len(keys) <= 5
    assert len({(k["a"], k["b"]) for k in keys}) == len(keys)
    for k in keys:
        assert placed[k["a"]][0] == placed[k["b"]][0] == k["event"]
    text = json.dumps(lines, ensure_ascii=False)
    assert not any(k["event"] in text or k["a"] in text for k in keys)
    out = tmp_path / "pairs.jsonl"
    key_path = pairs.write(lines, keys, out)
    assert key_path.exists()
    judged = [dict(x, judgement=j) for x, j in zip(lines, ("same_event", "unrelated", "same_story", None, None),
                                                     strict=False)]
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in judged), encoding="utf-8")
    s = pairs.score(out)
    assert s["judged"] == min(3, len(lines))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"pair": 1, "judgement": "maybe"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError):
        pairs.score(bad)


def test_cli_pairs_needs_out_or_score(stream_store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "pairs", "--db", str(stream_store.path)])
    assert res.exit_code != 0
    out = tmp_path / "p.jsonl"
    res = runner.invoke(app, ["eval", "pairs", "--db", str(stream_store.path), "--n", "3", "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    assert out.exists()
