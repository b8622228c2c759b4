"""The tagger's own decoding (`rasd.extract.tagger_score`) gives crfsuite's labels, on sentences we wrote."""

from __future__ import annotations

from pathlib import Path

from rasd.eval.conll import read_conll
from rasd.extract.entities import find_mentions
from rasd.extract.tagger import Tagger
from rasd.extract.tagger_features import sentence_features
from rasd.extract.tagger_score import Scorer
from rasd.extract.tagger_train import train
from rasd.extract.tokens import tokenize
from rasd.names.gazetteer import find_names

_PEOPLE = [("سامر", "الحلبي"), ("نادر", "قصاب"), ("هالة", "مراد"), ("رامي", "عيسى"), ("ليلى", "حداد")]
_PLACES = ["القاهرة", "عمان", "بيروت", "تونس", "الرباط", "دمشق"]


def _conll(n: int = 30) -> str:
    lines: list[str] = []
    for i in range(n):
        first, last = _PEOPLE[i % len(_PEOPLE)]
        place = _PLACES[(i * 5) % len(_PLACES)]
        lines += ["و\tO", "قال\tO", f"{first}\tB-Politician", f"{last}\tI-Politician", "(\tO", "رويترز\tB-Media",
                  ")\tO", "في\tO", f"{place}\tB-Population-Center", "ان\tO", "وزارة\tB-Government",
                  "الصحة\tI-Government", "تعمل\tO", ".\tO", ""]
    return "\n".join(lines) + "\n"


def test_scorer_labels_are_crfsuites(tmp_path: Path) -> None:
    gold = tmp_path / "small.conll"
    gold.write_text(_conll(), encoding="utf-8")
    model = tmp_path / "m.crfsuite"
    train([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in read_conll(gold)], model, "small",
          iterations=40)
    tagger = Tagger(model)
    scorer = Scorer.from_tagger(tagger._tagger)
    for text in ("وقال عادل منصور في بالرباط ان وزارة الصحة تعمل.",
                 "قال الوزير سامر الحلبي (رويترز) إن الوفد وصل إلى القاهرة، ثم غادر: \"نحن هنا\".",
                 "بيروت", "وزارة الصحة في تونس وعمان ودمشق تعمل، وقال نادر قصاب ان 12 شخصا أصيبوا",
                 "BBC و CNN قالتا إن 2024 عام صعب؛ وقالت هالة مراد - في بيروت - ان الوضع مستقر!"):
        for _ in range(2):  # the second time from the scorer's caches
            t, hits = tokenize(text), find_names(text)
            mentions = find_mentions(text, 0, hits)
            assert scorer.labels(t, hits, mentions) == tagger.labels(sentence_features(t, hits, mentions)), text
    assert scorer.labels(tokenize(""), [], []) == []
