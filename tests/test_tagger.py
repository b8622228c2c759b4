"""The local entity tagger: labels, spans, merging with the rules, training from a CoNLL file, the CLI,
and (when ../shared/data/ner is present) that a model trained on NewsFANE's development part beats the
rules on its held-back part. No model is stored in the repository: the test trains one and caches it
in pytest's cache folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rasd
from rasd.cli.main import app
from rasd.config import settings
from rasd.errors import InputError
from rasd.eval.conll import read_conll
from rasd.eval.entities import evaluate_entities, held_back
from rasd.extract.article import extract
from rasd.extract.tagger import Memory, Span, Tagger, bio_spans, for_claims, merge, meta_path
from rasd.extract.tagger_features import FEATURES_VERSION
from rasd.extract.tagger_train import token_labels, train
from rasd.extract.text import text_mentions
from rasd.extract.tokens import tokenize
from rasd.extract.types import Mention
from rasd.pipeline import process_text, run
from rasd.store import Store

NER = next((p / "shared" / "data" / "ner" / "newsfane-gold-2014.conll" for p in Path(__file__).resolve().parents
            if (p / "shared" / "data" / "ner" / "newsfane-gold-2014.conll").is_file()),
           Path("../shared/data/ner/newsfane-gold-2014.conll"))
RECORD = Path(__file__).parent / "data" / "entities" / "newsfane_held.json"

# Sentences written for this test, NewsFANE-shaped (clitics split, fine classes): invented people,
# real places and bodies, varied so that a tiny model learns the pattern "قال <PER> في <LOC>".
_PEOPLE = [("سامر", "الحلبي"), ("نادر", "قصاب"), ("هالة", "مراد"), ("رامي", "عيسى"), ("ليلى", "حداد"),
           ("كريم", "سلوم"), ("منى", "الخطيب"), ("وسيم", "جابر")]
_PLACES = ["القاهرة", "عمان", "بيروت", "تونس", "الرباط", "دمشق", "بغداد", "الدوحة"]


def _conll(n: int = 40) -> str:
    lines: list[str] = []
    for i in range(n):
        first, last = _PEOPLE[i % len(_PEOPLE)]
        place = _PLACES[(i * 3) % len(_PLACES)]
        lines += ["و\tO", "قال\tO", f"{first}\tB-Politician", f"{last}\tI-Politician", "في\tO", "\u200eب\tO",
                  f"{place}\tB-Population-Center", "ان\tO", "وزارة\tB-Government", "الصحة\tI-Government",
                  "تعمل\tO", ".\tO", ""]
    return "\n".join(lines) + "\n"


def test_bio_spans_and_token_labels() -> None:
    assert bio_spans(["O", "B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-PER"]) == [
        Span("PER", 1, 3), Span("LOC", 4, 5), Span("ORG", 5, 6), Span("PER", 6, 7)]
    text = "وقال سامر الحلبي بالقاهرة"
    t = tokenize(text)
    s = text.index("القاهرة")
    assert token_labels(t, [("PER", 5, 16), ("LOC", s, s + 7)]) == ["O", "B-PER", "I-PER", "B-LOC"]


def test_memory_tags_a_surname_alone_after_the_full_name() -> None:
    memory = Memory()
    first = tokenize("وصل زياد فرحات الى المدينة")
    assert memory.learn_and_extend(first, [Span("PER", 1, 3)]) == [Span("PER", 1, 3)]
    later = tokenize("وقال فرحات ان لفرحات رأيا اخر في فرحات الكبرى")
    # the surname alone (with or without a clitic) is the person; next to a tagged span it is left alone
    assert memory.learn_and_extend(later, [Span("LOC", 8, 9)]) == [Span("PER", 1, 2), Span("PER", 3, 4),
                                                                    Span("LOC", 8, 9)]
    assert Memory().learn_and_extend(later, []) == []


def test_merge_keeps_the_rules_key_and_names_new_spans() -> None:
    text = "وقال وزير الخارجية سامح شكري بالقاهرة ان زياد فرحات وصل"
    rules = [m for m in text_mentions(text)]
    t = tokenize(text)
    k = {w: i for i, w in enumerate(text.split())}
    got = merge(t, [Span("PER", k["سامح"], k["شكري"] + 1), Span("LOC", k["بالقاهرة"], k["بالقاهرة"] + 1),
                    Span("PER", k["زياد"], k["فرحات"] + 1)], rules)
    by_surface = {m.surface: m for m in got}
    cairo = next(m for m in rules if m.surface == "القاهرة")
    assert by_surface["القاهرة"].key == cairo.key  # the rules' gazetteer key survives
    assert by_surface["زياد فرحات"].key == "per:زياد فرحات" and by_surface["زياد فرحات"].type == "PER"
    # a mention the tagger does not keep is dropped, unless it is not a name (a bare institution)
    bare = Mention("army@EG", "ORG", 0, 4, "وقال", "x", named=False)
    assert bare in merge(t, [], [*rules, bare]) and not [m for m in merge(t, [], rules) if m.named]


def test_claims_keep_the_rules_speakers_and_gain_the_taggers_new_ones() -> None:
    text = "وقالت وزارة الدفاع الأرمينية ان زيدون قرطبي وصل"
    rules = list(text_mentions(text))
    assert [m.key for m in rules] == ["mod@AM"]
    t = tokenize(text)
    tagged = merge(t, [Span("ORG", 1, 3), Span("PER", 5, 7)], rules)  # NewsFANE's shorter span, and a new name
    assert [m.surface for m in tagged] == ["وزارة الدفاع", "زيدون قرطبي"]
    assert [m.key for m in for_claims(tagged, rules)] == ["mod@AM", "per:زيدون قرطبي"]


def test_train_and_tag_a_small_written_corpus(tmp_path: Path) -> None:
    gold = tmp_path / "small.conll"
    gold.write_text(_conll(), encoding="utf-8")
    docs = read_conll(gold)
    model = tmp_path / "m.crfsuite"
    note = train([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in docs], model, "small",
                 iterations=60)
    assert note["features"] == FEATURES_VERSION and "CC BY-SA" in str(note["licence"])
    tagger = Tagger(model)
    got = [(m.type, m.surface) for m in text_mentions("وقال عادل منصور في بالرباط ان وزارة الصحة تعمل.", None,
                                                      tagger) if m.named]
    assert ("PER", "عادل منصور") in got and ("ORG", "وزارة الصحة") in got
    # an old or foreign file is refused with one clear message
    meta_path(model).write_text(json.dumps({"features": FEATURES_VERSION + 99}), encoding="utf-8")
    with pytest.raises(InputError, match="train it again"):
        Tagger(model)
    with pytest.raises(InputError, match="no entity model"):
        Tagger(tmp_path / "missing.crfsuite")


def test_the_pipeline_uses_a_model_only_when_given(tmp_path: Path) -> None:
    gold = tmp_path / "small.conll"
    gold.write_text(_conll(), encoding="utf-8")
    model = tmp_path / "m.crfsuite"
    train([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in read_conll(gold)], model, "small",
          iterations=60)
    article = process_text("وقال زيدون قرطبي في بالرباط ان وزارة الصحة تعمل.", "a1")
    rules = [m.surface for m in extract(article).mentions if m.type == "PER"]
    tagged = [m.surface for m in extract(article, tagger=Tagger(model)).mentions if m.type == "PER"]
    assert rules == [] and tagged == ["زيدون قرطبي"]  # a name no list knows, in the learned frame
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a1.txt").write_text(article.raw, encoding="utf-8")
    with Store(tmp_path / "r.db") as store:
        run([corpus], store, config=settings(entity_model=model))
        assert "زيدون قرطبي" in [r.name for r in store.entity_rows("PER")]
    r = CliRunner().invoke(app, ["run", str(corpus), "--db", str(tmp_path / "x.db"),
                                 "--entity-model", str(tmp_path / "none.crfsuite")])
    assert r.exit_code != 0 and "no entity model" in str(r.exception)


def test_cli_trains_and_scores_both(tmp_path: Path) -> None:
    gold = tmp_path / "small.conll"
    gold.write_text(_conll(50), encoding="utf-8")
    model = tmp_path / "models" / "m.crfsuite"
    runner = CliRunner()
    r = runner.invoke(app, ["entities", "train", "--conll", str(gold), "--out", str(model), "--part", "all",
                            "--iterations", "30", "--json"])
    assert r.exit_code == 0, r.output
    assert model.is_file() and json.loads(r.output)["documents"] == 5
    r = runner.invoke(app, ["eval", "entities", "--gold", str(gold), "--part", "all", "--model", str(model), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["all"]["gold"] == data["model"]["all"]["gold"] == 150
    r = runner.invoke(app, ["entities", "train", "--conll", str(gold), "--part", "held", "--out", str(model)])
    assert r.exit_code != 0 and "Traceback" not in r.output
    r = runner.invoke(app, ["eval", "entities", "--gold", str(gold), "--model", str(tmp_path / "none.crfsuite")])
    assert r.exit_code != 0 and "no entity model" in str(r.exception)


def _source_hash() -> str:
    """What a cached model depends on: the extraction code, the name lists and the corpus's size."""
    root = Path(rasd.__file__).parent
    h = hashlib.sha256(str(NER.stat().st_size).encode())
    for p in sorted([*(root / "extract").glob("*.py"), *(root / "names").rglob("*.*")]):
        if p.suffix in (".py", ".tsv", ".txt"):
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def newsfane_model(request: pytest.FixtureRequest) -> Path:
    """A model trained on NewsFANE's development part, cached across runs while the code is unchanged."""
    folder = Path(request.config.cache.mkdir("rasd-entity-model"))
    model = folder / f"newsfane-dev-{_source_hash()}.crfsuite"
    if not model.is_file() or not meta_path(model).is_file():
        for old in folder.glob("newsfane-dev-*"):
            old.unlink()
        docs = held_back(read_conll(NER), "dev")
        train([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in docs], model, NER.name)
    return model


@pytest.mark.skipif(not NER.is_file(), reason="../shared/data/ner not present")
def test_model_beats_the_rules_on_the_held_back_part(newsfane_model: Path) -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    held = held_back(read_conll(NER, block=record["block"]))
    rules = evaluate_entities(held).to_json()
    model = evaluate_entities(held, Tagger(newsfane_model)).to_json()
    assert model["all"]["f1"] >= rules["all"]["f1"] + 0.10  # type: ignore[index]
    assert model["all"]["f1"] >= record["model"]["all_f1"] - 0.02
    for t in ("PER", "LOC", "ORG"):
        assert model["types"][t]["f1"] > rules["types"][t]["f1"]  # type: ignore[index]


def test_a_persons_first_letter_is_kept_when_it_is_the_names_own() -> None:
    # كارلوس, لارسن, فريد begin with a letter that is also a clitic; لسامر and وبوتين have one
    text = "وقال كارلوس تريدو ان لارسن غادر وان فريد وصل وقال لسامر الحلبي ان وبوتين رحل"
    t = tokenize(text)
    k = {w: i for i, w in enumerate(text.split())}
    got = merge(t, [Span("PER", k["كارلوس"], k["تريدو"] + 1), Span("PER", k["لارسن"], k["لارسن"] + 1),
                    Span("PER", k["فريد"], k["فريد"] + 1), Span("PER", k["لسامر"], k["الحلبي"] + 1),
                    Span("PER", k["وبوتين"], k["وبوتين"] + 1)], [])
    assert [m.surface for m in got] == ["كارلوس تريدو", "لارسن", "فريد", "سامر الحلبي", "بوتين"]
    assert got[0].key == "per:كارلوس تريدو"
