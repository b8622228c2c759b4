"""The copies index saved in the store (copies/past.py, store/copies.py): runs that add to a store
read what their articles touch and link exactly as one run over everything would."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from rasd.copies import CopyConfig
from rasd.events.corpus import _fill
from rasd.pipeline import run
from rasd.store import Store

from conftest import written_article


def _articles() -> list[dict[str, str]]:
    """Written articles with exact copies, edited copies and shared passages among them."""
    out = [{"id": f"a{i:02d}", "text": written_article(i)} for i in range(24)]
    for i in range(0, 24, 3):
        out.append({"id": f"c{i:02d}", "text": written_article(i)})  # exact copy
        out.append({"id": f"n{i:02d}", "text": written_article(i).replace("المحلية", "الرسمية")})  # edited copy
    for i in range(0, 20, 4):  # a paragraph of one inside another
        para = written_article(i + 1).split("\n\n")[2]
        out.append({"id": f"p{i:02d}", "text": written_article(i + 30) + "\n\n" + para + " وأضاف شهود عيان."})
    return out


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _ingest(db: Path, feed: Path, rows: list[dict[str, str]]) -> None:
    """One `rasd run` of `rows` (written to `feed`) into the store at `db`."""
    with Store(db) as store:
        run([_write(feed, rows)], store)


def _links(db: Path) -> list[tuple[str, str, str, float, tuple[tuple[int, int, int, int], ...]]]:
    with Store(db, readonly=True) as store:
        return [(x.article, x.other, x.kind, x.score, x.spans) for x in store.links()]


def _saved(db: Path) -> list[tuple[str, int, bytes, list[int]]]:
    """The saved index, document by document in order: article, length, signature, its keys."""
    with Store(db, readonly=True) as store:
        docs = store._db.execute("SELECT doc, article, length, sig FROM copy_docs ORDER BY doc").fetchall()
        keys: dict[int, list[int]] = {}
        for k, d in store._db.execute("SELECT key, doc FROM copy_keys ORDER BY key, doc"):
            keys.setdefault(d, []).append(k)
    return [(a, n, s, keys.get(d, [])) for d, a, n, s in docs]


def test_runs_that_add_to_a_store_link_as_one_run(tmp_path: Path) -> None:
    rows = _articles()
    one = tmp_path / "one.db"
    _ingest(one, tmp_path / "all.jsonl", rows)
    parts = tmp_path / "parts.db"
    for k, lo in enumerate(range(0, len(rows), 11)):
        _ingest(parts, tmp_path / f"part{k}.jsonl", rows[lo : lo + 11])
    links = _links(one)
    assert {x[2] for x in links} == {"exact", "near", "passage"}
    assert _links(parts) == links
    assert _saved(parts) == _saved(one)


def test_the_saved_index_is_the_one_the_texts_give_after_an_edit(tmp_path: Path) -> None:
    rows = _articles()
    db = tmp_path / "e.db"
    _ingest(db, tmp_path / "1.jsonl", rows[:20])
    edited = [{"id": "a00", "text": written_article(40)}, {"id": "a03", "text": written_article(5)}]
    _ingest(db, tmp_path / "2.jsonl", edited + rows[20:])
    with Store(db, readonly=True) as store, Store() as empty:
        filled = list(_fill(store, CopyConfig(), into=empty))  # from the texts, in placement order
    rebuilt = [row for docs, _ in filled for row in docs]
    fill_keys = [k for _, keys in filled for k in keys]
    saved = _saved(db)
    assert [(a, n, s) for a, n, s, _ in saved] == [(a, n, s) for _, a, n, _, s in rebuilt]
    number = {a: i for i, (_, a, _, _, _) in enumerate(rebuilt)}  # doc numbers differ (the edits left gaps)
    with Store(db, readonly=True) as store:
        doc_article = dict(store._db.execute("SELECT doc, article FROM copy_docs").fetchall())
        ours = sorted((k, number[doc_article[d]]) for k, d in store._db.execute("SELECT key, doc FROM copy_keys"))
    assert ours == sorted((k, d) for k, d in fill_keys)
    assert ("a03", "a05", "exact") in {x[:3] for x in _links(db)}  # the new version is linked
    assert not [x for x in _links(db) if x[0] == "c00" and x[1] == "a00"]  # the old one's link went with it


def test_a_store_saved_without_the_index_gets_it_from_its_texts(tmp_path: Path) -> None:
    rows = _articles()
    whole = tmp_path / "whole.db"
    _ingest(whole, tmp_path / "all.jsonl", rows)
    old = tmp_path / "old.db"
    with Store(old) as store:
        run([_write(tmp_path / "first.jsonl", rows[:25])], store)
        store._db.execute("DELETE FROM copy_keys")  # as a store an older rasd wrote
        store._db.execute("DELETE FROM copy_docs")
        assert store.copy_index_missing()
    _ingest(old, tmp_path / "rest.jsonl", rows[25:])
    assert _links(old) == _links(whole)
    assert _saved(old) == _saved(whole)
    sigs = [np.frombuffer(s, np.uint32) for _, _, s, _ in _saved(old)]
    assert all(len(s) == CopyConfig().num_perm for s in sigs)
