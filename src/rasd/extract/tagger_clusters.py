"""Word clusters for the entity tagger, learned from unlabelled news on the user's machine.

A hand-tagged corpus is small: most names in new text were never seen in it (a foreign surname, a
club, an agency). Words that occur in the same contexts in plenty of raw news (بلير beside اوباما and
السنيورة; رويترز beside الاناضول and واس; القاعدة beside داعش and الحوثيين) fall in one cluster, and the
cluster is a feature the tagger can learn from the words it does know.

Clusters are built from plain text: each word (normalized, leading clitics off, as the tagger's "s="
form) is a row of counts of the words at -2, -1, +1, +2 around it (the 5,000 most frequent as
contexts), weighted by positive PMI, reduced to 100 dimensions by SVD, and split by k-means into a
three-level tree (64 groups, 4 in each, 4 in each again: 1,024 leaves), so a word has a coarse, a
middle and a fine cluster ("12", "12.3", "12.3.1"). Words seen fewer than `MIN_COUNT` times have none.

Clusters computed from a corpus are an adaptation of it (SaudiNewsNet is CC BY-NC-SA 4.0, ANT asks for
a citation): like the model, they are written beside it on the user's machine and never shipped.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rasd.errors import InputError
from rasd.extract.tokens import WORD_RE, norm_word, strip_clitic

MIN_COUNT = 5
MAX_WORDS = 80_000
CONTEXTS = 5_000
DIMS = 100
BRANCHES = (64, 4, 4)


class Clusters:
    """Word (its "s=" form) -> (coarse, middle, fine) cluster names. Hashed by identity, so features
    computed with one table are cached apart from another's."""

    __slots__ = ("__weakref__", "words")

    def __init__(self, words: Mapping[str, tuple[str, str, str]]) -> None:
        self.words = dict(words)

    def __len__(self) -> int:
        return len(self.words)

    def of(self, s: str) -> tuple[str, str, str] | None:
        return self.words.get(s)

    def save(self, path: Path) -> None:
        lines = [f"{w}\t{c[2]}" for w, c in sorted(self.words.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Clusters:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read the word clusters {path}: {e}; train the model again") from None
        words: dict[str, tuple[str, str, str]] = {}
        for line in text.splitlines():
            w, _, leaf = line.partition("\t")
            parts = leaf.split(".")
            if len(parts) != 3 or not w:
                raise InputError(f"{path}: not a word clusters file (line {line[:40]!r}); train the model again")
            words[w] = (parts[0], f"{parts[0]}.{parts[1]}", leaf)
        return cls(words)


def clusters_path(model: Path) -> Path:
    return model.with_name(model.name + ".clusters.tsv")


def read_texts(paths: Iterable[Path]) -> Iterator[str]:
    """The texts of JSONL files (`.jsonl` or `.jsonl.gz`, a `text` field a line) and plain `.txt` files."""
    for path in paths:
        if not path.is_file():
            raise InputError(f"--unlabeled {path}: no such file")
        try:
            if path.suffix == ".txt":
                yield path.read_text(encoding="utf-8")
                continue
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except ValueError:
                        raise InputError(f"--unlabeled {path}: line {n} is not JSON") from None
                    text = row.get("text") if isinstance(row, dict) else None
                    if isinstance(text, str):
                        yield text
        except (OSError, UnicodeDecodeError, EOFError) as e:
            raise InputError(f"--unlabeled {path}: cannot read it ({e})") from None


def _word_ids(texts: Iterable[str]) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Every word's "s=" form as an id, paragraphs apart by -1."""
    vocab: dict[str, int] = {}
    ids: list[int] = []
    forms: dict[str, int] = {}  # raw word -> id (news repeats its words)
    for text in texts:
        for para in text.split("\n"):
            found = WORD_RE.findall(para)
            if not found:
                continue
            for w in found:
                i = forms.get(w)
                if i is None:
                    s = strip_clitic(norm_word(w))
                    i = vocab.setdefault(s, len(vocab)) if s else -1  # harakat or tatweel alone
                    if len(forms) < 2_000_000:
                        forms[w] = i
                if i >= 0:
                    ids.append(i)
            ids.append(-1)
    return list(vocab), np.array(ids, dtype=np.int64)


def build(texts: Iterable[str], seed: int = 0, branches: tuple[int, int, int] = BRANCHES,
          min_count: int = MIN_COUNT) -> Clusters:
    """Clusters of the words of `texts` (see the module's doc): fewer top clusters when there are fewer than
    16 frequent words for each, none under 32 frequent words."""
    from scipy import sparse
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    words, ids = _word_ids(texts)
    if not len(words):
        return Clusters({})
    counts = np.bincount(ids[ids >= 0], minlength=len(words))
    order = np.argsort(-counts, kind="stable")
    rows_of = np.full(len(words) + 1, -1, dtype=np.int64)  # last slot: the paragraph break
    kept = [int(i) for i in order[:MAX_WORDS] if counts[i] >= min_count]
    n_top = len(kept)
    n_groups = min(branches[0], n_top // 16)
    if n_groups < 2:
        return Clusters({})
    rows_of[kept] = np.arange(n_top)
    cols_of = np.full(len(words) + 1, -1, dtype=np.int64)
    n_ctx = min(CONTEXTS, n_top)
    cols_of[kept[:n_ctx]] = np.arange(n_ctx)
    ids = np.where(ids < 0, len(words), ids)
    r_all, c_all = [], []
    for slot, d in enumerate((-2, -1, 1, 2)):
        a, b = (ids[: len(ids) - d], ids[d:]) if d > 0 else (ids[-d:], ids[: len(ids) + d])
        r, c = rows_of[a], cols_of[b]
        ok = (r >= 0) & (c >= 0)
        r_all.append(r[ok])
        c_all.append(c[ok] + slot * n_ctx)
    rows, cols = np.concatenate(r_all), np.concatenate(c_all)
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n_top, 4 * n_ctx)).tocsr()
    m.sum_duplicates()
    m = m.tocoo()
    total = m.data.sum()
    row_sum = np.asarray(m.tocsr().sum(axis=1)).ravel()
    col_sum = np.bincount(m.col, weights=m.data, minlength=m.shape[1]) ** 0.75  # context smoothing
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col] * (total ** 0.25)))
    ok = pmi > 0
    ppmi = sparse.csr_matrix((pmi[ok], (m.row[ok], m.col[ok])), shape=m.shape)
    u, s, _ = randomized_svd(ppmi, min(DIMS, min(ppmi.shape) - 1), random_state=seed)
    x = u * np.sqrt(s)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    top = MiniBatchKMeans(n_groups, random_state=seed, batch_size=4096, n_init=3).fit_predict(x)
    paths = [[str(int(t))] for t in top]
    for k in branches[1:]:
        groups: dict[str, list[int]] = {}
        for i, p in enumerate(paths):
            groups.setdefault(".".join(p), []).append(i)
        for members in groups.values():
            sub: list[int] = [0] * len(members) if len(members) < k * 2 else \
                KMeans(k, random_state=seed, n_init=1).fit_predict(x[members]).tolist()
            for i, leaf in zip(members, sub, strict=True):
                paths[i].append(str(leaf))
    out: dict[str, tuple[str, str, str]] = {}
    for row, i in enumerate(kept):
        p = paths[row]
        out[words[i]] = (p[0], f"{p[0]}.{p[1]}", ".".join(p))
    return Clusters(out)
