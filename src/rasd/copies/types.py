"""Value types of the copies stage: what goes in, what comes out, and the knobs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Kind = Literal["exact", "near", "passage"]
SpanPair = tuple[int, int, int, int]  # (article_start, article_end, other_start, other_end)


@dataclass(frozen=True, slots=True)
class CopyDoc:
    """One article as the copies stage sees it: `text` is `Article.text`, the displayed text."""

    id: str
    published: dt.datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class CopyLink:
    """`article` (the one being added) shares text with `other` (already in the index).

    exact: the same text once normalized (whitespace ignored); score 1.0.
    near: an edited copy, or a truncated one (the longer text contains most of the shorter);
    score is the estimated Jaccard of their 5-word shingle sets.
    passage: they share passages; score is the share of the shorter article's words inside them.
    `spans` are half-open character ranges into each article's text: the whole texts for
    exact and near, one range pair per shared passage for passage links.
    """

    article: str
    other: str
    kind: Kind
    score: float
    spans: tuple[SpanPair, ...]


@dataclass(frozen=True, slots=True)
class CopyConfig:
    """Thresholds of the copies stage, chosen on the generated corpus (bench/cluster.py).

    Measured there (20k and 100k articles; planted copies are edited 5-20%: words replaced,
    deleted or inserted): the 5-word-shingle Jaccard of copy/original pairs is 0.17 at the
    minimum, 0.22 at the 1st percentile, 0.39 at the median; pairs that are not copies (one
    event, or random) never exceed 0.013. Jaccard alone cannot tell a heavily edited copy
    (~0.2) from an article that quotes a third of another (also ~0.2), so below `near_jaccard`
    the two texts are aligned word by word and called near only when most of both is shared.
    """

    # MinHash and LSH. 64 bands of 2 rows: a pair at Jaccard 0.17 becomes a candidate with
    # probability 0.85, at 0.22 0.95, at 0.3 0.9997 (measured: 99.9% of planted pairs), with
    # ~3 candidates an article on 20k. A signature is 128 uint32 (512 bytes).
    num_perm: int = 128
    bands: int = 64
    rows: int = 2
    shingle: int = 5  # words per shingle
    seed: int = 1  # fixes the hash functions: signatures compare only under one seed
    bucket_cap: int = 64  # postings read per LSH bucket or fingerprint (the earliest)

    # near: outright at near_jaccard; from align_min_jaccard the texts are aligned, and near
    # when the shared passages cover near_coverage of each. Planted copies cover >= 0.55 of
    # both (0.1st percentile 0.69, median 0.94; 16,666 pairs), articles of one event <= 0.06.
    # near_fallback_jaccard decides alone when the earlier text has left the passage window
    # (bench, 100k with a 5,000-article window, most originals gone: copy recall 0.985).
    near_jaccard: float = 0.5
    align_min_jaccard: float = 0.08
    near_coverage: float = 0.5
    near_fallback_jaccard: float = 0.2
    # Truncated and retitled copies: the same agency text cut at different lengths is a copy
    # when the longer text contains contain_share of the shorter one's words and the shorter
    # has at least contain_min_words words (a quoted paragraph is a passage, not a copy), and
    # the longer opens with it (a roundup that quotes a short item in its middle is no copy).
    contain_share: float = 0.8
    contain_min_words: int = 60
    contain_lead_words: int = 30  # and the shared text starts within this many words of the longer's start
    max_near_links: int = 8  # an article joins its group through any one; the best are kept

    # passages: texts are aligned on align_ngram-word n-grams, gaps of up to align_max_gap
    # words bridged; a passage has >= passage_min_words words. Candidates share at least
    # passage_min_shared sampled shingles (the passage_sample of them with the lowest hash,
    # ~90 an article). Found on planted wire paragraphs (300 pairs each): 12 words 54%,
    # 15 words 79%, 20 words 92%, 30 words and more 100%; with one word changed in it,
    # 20 words 81%, 30 words 99%. At 2 shared the short ones come out better (12 words 80%),
    # but on the corpus, built from recombined sentences, an article then needs 3 alignments
    # instead of 0.5 (4.0k instead of 7.0k articles/s on 20k).
    align_ngram: int = 3
    align_max_gap: int = 3
    passage_min_words: int = 12
    passage_sample: float = 1 / 3
    passage_min_shared: int = 3
    print_max_df: int = 32  # a fingerprint held by more articles is skipped: boilerplate, or linked long ago
    max_candidates: int = 16  # aligned per article, most similar first
    passage_max_docs: int | None = None  # keep only the latest-added N articles' words (None: all)

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands * rows must be <= num_perm ({self.bands}*{self.rows} > {self.num_perm})")
        if min(self.num_perm, self.bands, self.rows, self.shingle, self.align_ngram) < 1:
            raise ValueError("num_perm, bands, rows, shingle and align_ngram must be >= 1")
        if self.align_ngram > self.shingle:
            raise ValueError("align_ngram must be <= shingle (both come from one pass over the words)")
        if not 0.0 < self.passage_sample <= 1.0:
            raise ValueError("passage_sample must lie in (0, 1]")
        for name in ("near_jaccard", "align_min_jaccard", "near_coverage", "near_fallback_jaccard", "contain_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1]")
        if self.passage_min_words < self.align_ngram:
            raise ValueError("passage_min_words must be >= align_ngram")
        if self.passage_max_docs is not None and self.passage_max_docs < 0:
            raise ValueError("passage_max_docs must be >= 0 or None")
        if min(self.bucket_cap, self.max_near_links, self.max_candidates, self.passage_min_shared) < 1:
            raise ValueError("bucket_cap, max_near_links, max_candidates and passage_min_shared must be >= 1")
