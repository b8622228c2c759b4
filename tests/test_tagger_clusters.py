"""Word clusters for the entity tagger (`rasd.extract.tagger_clusters`): learned from unlabelled text we
wrote, saved and read back, used as features by training and by the tagger's own decoding, and the CLI's
--unlabeled option."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli.main import app
from rasd.errors import InputError
from rasd.eval.conll import read_conll
from rasd.extract.entities import find_mentions
from rasd.extract.tagger import Tagger, meta_path
from rasd.extract.tagger_clusters import Clusters, build, clusters_path, read_texts
from rasd.extract.tagger_features import lexical, sentence_features
from rasd.extract.tagger_train import train
from rasd.extract.text import text_mentions
from rasd.extract.tokens import norm_word, tokenize
from rasd.names.gazetteer import find_names

# Invented surnames and real towns, in frames that give each kind its own neighbours.
_NAMES = ["قرطبي", "زيدوني", "حلواني", "سلامي", "نجاري", "نعماني", "حداوي", "شدياقي", "خطابي", "رفاعي",
          "عزيزي", "منصوري", "قباني", "سعداوي", "جبراني", "طرابيشي"]
_TOWNS = ["حلب", "حمص", "صيدا", "صور", "جرش", "مادبا", "طنطا", "اسوان", "سوسة", "صفاقس", "نابل", "قابس",
          "المكلا", "عدن", "زحلة", "جبيل"]


def _unlabelled(n: int = 12) -> list[str]:
    texts = []
    for i in range(n):
        lines = []
        for j, (name, town) in enumerate(zip(_NAMES, _TOWNS, strict=True)):
            other = _TOWNS[(j + i + 3) % len(_TOWNS)]
            lines.append(f"وقال المتحدث {name} للصحفيين امس ان الوفد وصل الى {town} صباحا قادما من {other} برا")
            lines.append(f"واكد السيد {_NAMES[(j + i) % len(_NAMES)]} للصحفيين ان الطريق الى {town} مفتوح")
        texts.append("\n".join(lines))
    return texts


def test_words_in_the_same_frames_share_a_cluster(tmp_path: Path) -> None:
    clusters = build(_unlabelled(), branches=(2, 2, 2), min_count=2)
    assert len(clusters) >= 32
    names = {clusters.of(norm_word(w)) for w in _NAMES}
    towns = {clusters.of(norm_word(w)) for w in _TOWNS}
    assert None not in names and None not in towns
    assert len({c[0] for c in names if c}) == 1 and len({c[0] for c in towns if c}) == 1
    assert {c[0] for c in names if c} != {c[0] for c in towns if c}  # names and towns apart at the top
    path = tmp_path / "c.tsv"
    clusters.save(path)
    again = Clusters.load(path)
    assert again.words == clusters.words
    path.write_text("كلمة\tواحد\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a word clusters file"):
        Clusters.load(path)
    assert len(build(["قال"])) == 0  # too little text: no clusters


def test_cluster_features_of_a_word_and_its_neighbours() -> None:
    clusters = Clusters({"قرطبي": ("1", "1.0", "1.0.1")})
    head, _, near = lexical("قرطبي", False, False, clusters)
    assert {"c1=1", "c2=1.0", "c3=1.0.1"} <= set(head)
    assert "-1:c3=1.0.1" in near[1] and "-2:c1=1" in near[0]
    assert "c=none" in lexical("مجهولة", False, False, clusters)[0]
    t = tokenize("قرطبي مجهولة")  # the pair of middle clusters, "-" for a word without one
    assert "cb=1.0|-" in sentence_features(t, [], [], 0, clusters)[1]
    assert not any(f.startswith("cb=") for f in sentence_features(t, [], [])[1])
    assert not any(f.startswith("c") and "=" in f and f[1] in "=123" for f in lexical("قرطبي", False, False)[0])


def _conll(n: int = 30) -> str:
    lines: list[str] = []
    for i in range(n):
        name, town = _NAMES[i % 8], _TOWNS[(i * 3) % 8]
        lines += ["و\tO", "قال\tO", "المتحدث\tO", f"{name}\tB-Politician", "ان\tO", "الوفد\tO", "وصل\tO",
                  "الى\tO", f"{town}\tB-Population-Center", ".\tO", ""]
    return "\n".join(lines) + "\n"


def test_a_model_trained_with_clusters_reads_them_back(tmp_path: Path) -> None:
    gold = tmp_path / "small.conll"
    gold.write_text(_conll(), encoding="utf-8")
    clusters = build(_unlabelled(), branches=(2, 2, 2), min_count=2)
    model = tmp_path / "m.crfsuite"
    note = train([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in read_conll(gold)], model, "small",
                 iterations=40, clusters=clusters, clusters_from="written")
    assert clusters_path(model).is_file() and note["clusters"]["words"] == len(clusters)  # type: ignore[index]
    tagger = Tagger(model)
    assert tagger.clusters is not None and tagger.clusters.words == clusters.words
    # the tagger's own decoding gives crfsuite's labels with the cluster features too
    for text in ("وقال المتحدث طرابيشي ان الوفد وصل الى صفاقس.", "واكد السيد جبراني ان الطريق الى عدن مفتوح"):
        t, hits = tokenize(text), find_names(text)
        mentions = find_mentions(text, 0, hits)
        feats = sentence_features(t, hits, mentions, 0, tagger.clusters)
        assert tagger.spans(t, hits, mentions) and tagger.labels(feats) == [
            tagger._scorer.names[i] for i in tagger._scorer.label_ids(t, hits, mentions)]  # type: ignore[union-attr]
    # a name the small gold never shows, in its cluster's frame
    got = [(m.type, m.surface) for m in text_mentions("وقال المتحدث طرابيشي ان الوفد وصل الى جبيل.", None, tagger)
           if m.named]
    assert ("PER", "طرابيشي") in got
    # trained again without clusters at the same path: the old clusters file goes
    train([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in read_conll(gold)], model, "small",
          iterations=10)
    assert not clusters_path(model).exists() and Tagger(model).clusters is None
    note2 = json.loads(meta_path(model).read_text(encoding="utf-8"))
    assert "clusters" not in note2


def test_cli_learns_clusters_from_unlabeled_files(tmp_path: Path) -> None:
    gold = tmp_path / "small.conll"
    gold.write_text(_conll(50), encoding="utf-8")
    raw = tmp_path / "news.jsonl.gz"
    with gzip.open(raw, "wt", encoding="utf-8") as fh:
        for i, text in enumerate(_unlabelled(40)):
            fh.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
    assert len(list(read_texts([raw]))) == 40
    model = tmp_path / "m.crfsuite"
    runner = CliRunner()
    r = runner.invoke(app, ["entities", "train", "--conll", str(gold), "--out", str(model), "--part", "all",
                            "--iterations", "20", "--unlabeled", str(raw), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["clusters"]["learned_from"] == "news.jsonl.gz"
    assert clusters_path(model).is_file()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    for arg in (str(bad), str(tmp_path / "missing.jsonl")):
        r = runner.invoke(app, ["entities", "train", "--conll", str(gold), "--out", str(model), "--part", "all",
                                "--unlabeled", arg])
        assert r.exit_code != 0 and "--unlabeled" in str(r.exception)
