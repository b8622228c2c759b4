"""The online copies index: add articles in any order, get each one's links to earlier ones.

Articles can be added one at a time (`add`) or several at once (`add_many`, same links as
adding them one by one in order, several times cheaper: compiled loops and numpy work on the
whole batch). Per batch: fold and hash the words, 5-word shingles, MinHash signatures, LSH
band keys, sampled shingle fingerprints, exact-text keys. All keys go to one `KeyIndex` (the
kind in the low two bits), in article order, each looked up and then posted, so candidates
come only from its lookups, never from a scan, and include the batch's earlier articles.
Each candidate is verified from signatures, and aligned word by word when the signatures
cannot decide (see `CopyConfig`).

Memory per article: 512 bytes of signature and 65 postings (16 bytes a slot) for exact and
near matching, kept for every article; inside the passage window also ~90 fingerprint
postings and 12 bytes per word (alignment n-gram hash and character offsets).
`forget_before` and `CopyConfig.passage_max_docs` bound the window.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rasd.copies.align import Passage, align_many
from rasd.copies.arrays import Column, Signatures, counts, distinct
from rasd.copies.features import I64, U32, U64, Shingles, Words, shingles, words
from rasd.copies.groups import timestamp
from rasd.copies.keyindex import KeyIndex
from rasd.copies.minhash import MinHasher, fingerprints
from rasd.copies.past import CopyRows, Past, PastSource
from rasd.copies.types import CopyConfig, CopyDoc, CopyLink, Kind, SpanPair

F64 = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
_KIND = np.uint64(3)
_EXACT, _BAND, _PRINT = np.uint64(0), np.uint64(1), np.uint64(2)
_LOW32 = np.int64(0xFFFFFFFF)
_NO_LIMIT = np.iinfo(np.int64).max


@dataclass(frozen=True, slots=True)
class _Batch:
    """The features of articles added together; position i is document base + i."""

    base: int
    words: Words
    shingles: Shingles
    sigs: U32  # one row per article
    exact: U64  # one key per article
    keys: U64  # band and fingerprint keys, article by article
    owner: I64  # position of each key's article

    def has_words(self) -> Bools:
        """Which articles have at least one word."""
        out: Bools = np.diff(self.words.bounds) > 0
        return out


@dataclass(frozen=True, slots=True)
class _Pairs:
    """Candidate (article, earlier article) pairs, in the order they are verified."""

    probe: I64  # batch position
    other: I64  # document number
    est: F64  # estimated Jaccard


class CopyIndex:
    """Exact, near and passage copies among articles added in any order."""

    def __init__(self, config: CopyConfig | None = None, past: PastSource | None = None,
                 without: Collection[str] = ()) -> None:
        """An empty index, or (`past`) one that goes on from the documents saved there, but the saved
        versions of the articles `without` (edited ones, about to be placed again): see `copies.past`."""
        self.config = config or CopyConfig()
        c = self.config
        if past is not None and c.passage_max_docs is not None:
            raise ValueError("an index over saved documents keeps every article's words: passage_max_docs must be None")
        self._past = Past(past, c.num_perm, without) if past is not None else None
        self._base0 = self._past.base if self._past is not None else 0  # this process's first document number
        self._hasher = MinHasher(c.num_perm, c.bands, c.rows, c.seed)
        self._ids: list[str] = []
        self._number: dict[str, int] = {}
        self._when = Column(np.float64, math.nan)  # published, or the stream's clock when undated
        self._length = Column(np.int64)  # characters of text
        self._sigs = Signatures(c.num_perm)
        self._keys = KeyIndex()
        self._keys.prunable = self._prunable
        self._in = Column(np.bool_, False)  # words still in the passage window
        self._words: dict[int, U32] = {}  # doc -> (3, n) uint32: alignment n-grams, word starts, word ends
        self._clock = self._past.clock if self._past is not None else -math.inf
        self._dropped = 0  # articles that ever left the passage window
        self._compacted = 0  # ... when the postings were last purged of them
        self._aligned = 0  # candidate pairs aligned word by word, ever

    def __len__(self) -> int:
        """Documents numbered so far (saved ones included)."""
        return self._base0 + len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        if article_id in self._number:
            return True
        return isinstance(article_id, str) and self._past is not None and bool(self._past.numbers([article_id]))

    def add(self, doc: CopyDoc, link: bool = True) -> tuple[CopyLink, ...]:
        """Index `doc`; return its links to articles added before (none when `link` is False).

        An id already in the index is ignored (no links), so a resumed run can replay input.
        An exact copy is linked to the first article with its text and not indexed further:
        whatever matches it matches that one.
        """
        return self.add_many([doc], link)[0]

    def add_many(self, docs: Sequence[CopyDoc], link: bool = True) -> list[tuple[CopyLink, ...]]:
        """`add` each document in order, computing in bulk; the links of each, in the same order."""
        fresh: list[int] = []
        seen: set[str] = self._past.numbers([doc.id for doc in docs]) if self._past is not None else set()
        for i, doc in enumerate(docs):
            if doc.id not in self._number and doc.id not in seen:
                seen.add(doc.id)
                fresh.append(i)
        out: list[tuple[CopyLink, ...]] = [()] * len(docs)
        if fresh:
            batch = [docs[i] for i in fresh]
            for i, links in zip(fresh, self._place(self._featurize(batch), link), strict=True):
                out[i] = tuple(links)
        return out

    def forget_before(self, when: dt.datetime) -> int:
        """Drop from the passage window the articles published before `when` (undated ones: added
        while the latest date seen was before it). Exact and near matching keep them. Returns how many."""
        if self._past is not None:
            raise ValueError("an index over saved documents keeps every article's words")
        cut = timestamp(when)
        if not self._words or cut is None:
            return 0
        docs = np.fromiter(self._words.keys(), dtype=np.int64, count=len(self._words))
        old = docs[self._when.data[docs - self._base0] < cut]
        for d in old.tolist():
            self._drop_words(d)
        self._compact_if_due()
        return len(old)

    @property
    def aligned_pairs(self) -> int:
        """Candidate pairs aligned word by word so far (the costly part of verification)."""
        return self._aligned

    def stats(self) -> dict[str, int]:
        """Sizes, for benchmarks and monitoring."""
        return {
            "articles": len(self),
            "passage_window": len(self._words),
            "postings": len(self._keys),
            "bytes_signatures": self._sigs.nbytes(),
            "bytes_postings": self._keys.nbytes(),
            "bytes_words": sum(a.nbytes for a in self._words.values()),
            "aligned_pairs": self._aligned,
        }

    # -- features ------------------------------------------------------------------------

    def _featurize(self, docs: list[CopyDoc]) -> _Batch:
        """Register the documents and compute everything matching needs, for all of them at once."""
        base = len(self)
        for i, doc in enumerate(docs):
            self._ids.append(doc.id)
            self._number[doc.id] = base + i
        stamps = [timestamp(doc.published) for doc in docs]
        when = []
        for ts in stamps:
            self._clock = max(self._clock, ts) if ts is not None else self._clock
            when.append(ts if ts is not None else self._clock)
        self._when.extend(when)
        self._length.extend([len(doc.text) for doc in docs])
        self._in.extend(np.zeros(len(docs), dtype=np.bool_))
        w, sh, sigs, exact, keys, owner = self._features([doc.text for doc in docs])
        self._sigs.extend(sigs)
        if self._past is not None:
            self._past.added([(base + i, doc.id, len(doc.text), w_, sig.tobytes())
                              for i, (doc, w_, sig) in enumerate(zip(docs, when, sigs, strict=True))],
                             np.zeros(0, np.uint64), np.zeros(0, np.uint32))
        return _Batch(base, w, sh, sigs, exact, keys, owner)

    def _features(self, texts: list[str]) -> tuple[Words, Shingles, U32, U64, U64, I64]:
        """Words, shingles, signatures, exact keys, and the band and fingerprint keys article by article
        with the position of each one's article."""
        c = self.config
        w = words(texts)
        sh = shingles(w, c.shingle, c.align_ngram)
        sigs = self._hasher.signatures(sh.hashes, sh.bounds)
        has_words = np.flatnonzero(np.diff(w.bounds) > 0)
        bands = (self._hasher.band_keys(sigs[has_words]) & ~_KIND) | _BAND
        prints, print_owner = fingerprints(sh.hashes, sh.bounds, c.passage_sample)  # each once a text
        prints = (prints & ~_KIND) | _PRINT
        owner = np.concatenate((np.repeat(has_words, c.bands), print_owner))
        by_article = np.argsort(owner, kind="stable")  # two sorted runs merged
        return (w, sh, sigs, (w.exact & ~_KIND) | _EXACT,
                np.concatenate((bands.ravel(), prints))[by_article], owner[by_article])  # fmt: skip

    def keys_of(self, texts: list[str]) -> list[U64]:
        """Every key a text would be posted under (exact, band and fingerprint), text by text: the
        postings to delete with a saved document."""
        _, _, _, exact, keys, owner = self._features(texts)
        cut = np.searchsorted(owner, np.arange(len(texts) + 1))
        return [np.concatenate(([exact[i]], keys[cut[i] : cut[i + 1]])) for i in range(len(texts))]

    # -- placing a batch -----------------------------------------------------------------

    def _place(self, b: _Batch, link: bool) -> list[list[CopyLink]]:
        """Exact copies, then candidates and their verification, then indexing; links per article."""
        m = len(b.words)
        links: list[list[CopyLink]] = [[] for _ in range(m)]
        if self._base0:  # saved documents: their postings under this batch's keys first
            self._preload(np.concatenate((b.exact, b.keys)))
        dup = self._exact_copies(b)
        if self._past is not None:
            self._past.read(dup[(dup >= 0) & (dup < self._base0)])
        for i in np.flatnonzero(dup >= 0).tolist():
            links[i].append(self._link(b.base + i, int(dup[i]), "exact", 1.0, (self._whole(b.base + i, int(dup[i])),)))
        active = (dup < 0) & b.has_words()  # a text without words is never linked
        keep = active[b.owner]
        keys, owner = b.keys[keep], b.owner[keep]
        self._keep_words(b, np.flatnonzero(active))
        if link and len(keys):
            self._verify(b, self._candidates(b, keys, owner), links)  # posts the keys as it looks them up
        else:
            self._keys.add_run(keys, (b.base + owner).astype(np.uint32))
        self._keys.add_run(b.exact[active], (b.base + np.flatnonzero(active)).astype(np.uint32))
        if self._past is not None:
            self._past.added([], np.concatenate((keys, b.exact[active])),
                             np.concatenate((b.base + owner, b.base + np.flatnonzero(active))).astype(np.uint32))
        limit = self.config.passage_max_docs
        while limit is not None and len(self._words) > limit:
            self._drop_words(next(iter(self._words)))
        self._compact_if_due()
        return links

    def _exact_copies(self, b: _Batch) -> I64:
        """Per article, the document it exactly copies (the first with its text), or -1."""
        m = len(b.words)
        qi, found, _ = self._keys.lookup(b.exact, 1)
        dup = np.full(m, -1, dtype=np.int64)
        dup[qi] = found
        if m == 1:
            return dup if len(b.words.hashes) else np.full(1, -1, dtype=np.int64)
        order = np.lexsort((np.arange(m), b.exact))
        first = np.ones(m, dtype=np.bool_)
        first[1:] = b.exact[order][1:] != b.exact[order][:-1]
        head = np.empty(m, dtype=np.int64)
        head[order] = order[np.maximum.accumulate(np.where(first, np.arange(m), 0))]
        inner = (dup < 0) & (head != np.arange(m))
        dup[inner] = b.base + head[inner]
        dup[~b.has_words()] = -1
        return dup

    def _candidates(self, b: _Batch, keys: U64, owner: I64) -> _Pairs:
        """Candidate pairs, with their estimate, as if the batch's articles were added one by one: each
        key (in article order) is looked up, then posted, so it also finds the batch's earlier
        articles that posted it; a fingerprint held by more than print_max_df articles finds none."""
        c = self.config
        is_print = (keys & _KIND) == _PRINT
        max_df = np.where(is_print, c.print_max_df, _NO_LIMIT)
        qi, found, _ = self._keys.lookup_and_add(keys, (b.base + owner).astype(np.uint32), c.bucket_cap, max_df)
        probe, other, printed = owner[qi], found.astype(np.int64), is_print[qi]
        ok = (other != b.base + probe) & (~printed | self._in_window(other))
        code = (probe[ok] << 32) | other[ok]
        return self._rank(b, distinct(code[~printed[ok]]), *counts(code[printed[ok]]))

    def _rank(self, b: _Batch, lsh: I64, shared: I64, times: I64) -> _Pairs:
        """Keep LSH pairs above align_min_jaccard and the articles sharing most fingerprints; order
        each article's candidates by estimated Jaccard, LSH ones first among ties."""
        c = self.config
        lsh_j = self._agreement(b.sigs, lsh >> 32, lsh & _LOW32)
        lsh, lsh_j = lsh[lsh_j >= c.align_min_jaccard], lsh_j[lsh_j >= c.align_min_jaccard]
        keep = (times >= c.passage_min_shared) & ~np.isin(shared, lsh)
        shared, times = shared[keep], times[keep]
        probe = shared >> 32
        by_count = np.lexsort((shared & _LOW32, -times, probe))
        shared, probe = shared[by_count], probe[by_count]
        start = np.searchsorted(probe, probe)
        shared = shared[np.arange(len(shared)) - start < c.max_candidates]
        shared_j = self._agreement(b.sigs, shared >> 32, shared & _LOW32)
        code, est = np.concatenate((lsh, shared)), np.concatenate((lsh_j, shared_j))
        order = np.lexsort((np.arange(len(code)), -est, code >> 32))
        return _Pairs(code[order] >> 32, code[order] & _LOW32, est[order])

    def _verify(self, b: _Batch, pairs: _Pairs, links: list[list[CopyLink]]) -> None:
        """Near, passage or nothing, for each candidate pair in order; the pairs that need it are
        aligned first, all in one pass."""
        c = self.config
        aligned = np.zeros(len(b.words), dtype=np.int64)
        steps: list[tuple[int, int, float, int]] = []  # (probe, other, estimate, alignment number or -1)
        probe_of: list[int] = []
        their_grams: list[U32] = []
        probes: dict[int, int] = {}
        if self._past is not None:
            self._read_words(pairs.other[(pairs.other < self._base0) & (pairs.est < c.near_jaccard)])
        for i, other, j in zip(pairs.probe.tolist(), pairs.other.tolist(), pairs.est.tolist(), strict=True):
            theirs = self._words.get(other)
            if j >= c.near_jaccard or (theirs is None and j >= c.near_fallback_jaccard):
                steps.append((i, other, j, -1))
            elif theirs is not None and aligned[i] < c.max_candidates:
                aligned[i] += 1
                steps.append((i, other, j, len(their_grams)))
                probe_of.append(probes.setdefault(i, len(probes)))
                their_grams.append(theirs[0, : max(theirs.shape[1] - c.align_ngram + 1, 1)])
        g = b.shingles.gram_bounds
        mine = [b.shingles.grams[g[i] : g[i + 1]] for i in probes]
        found = align_many(mine, their_grams, probe_of, c.align_ngram, c.align_max_gap, c.passage_min_words)
        self._aligned += len(found)
        near = np.zeros(len(b.words), dtype=np.int64)
        for i, other, j, k in steps:
            d = b.base + i
            if k < 0:
                if near[i] < c.max_near_links:
                    near[i] += 1
                    links[i].append(self._link(d, other, "near", j, (self._whole(d, other),)))
                continue
            link = self._judge(b, i, other, self._words[other], j, found[k])
            if link is not None and (link.kind == "passage" or near[i] < c.max_near_links):
                near[i] += link.kind == "near"
                links[i].append(link)

    def _judge(self, b: _Batch, i: int, other: int, theirs: U32, j: float, passages: list[Passage]) -> CopyLink | None:
        """From two texts' shared passages: near when they cover most of both, or when the longer
        contains most of the shorter (a wire cut at another length), else a passage link, else None."""
        c = self.config
        if not passages:
            return None
        lo, hi = int(b.words.bounds[i]), int(b.words.bounds[i + 1])
        na, nb = hi - lo, theirs.shape[1]
        d = b.base + i
        share_a = sum(x.a_end - x.a_start for x in passages) / na
        share_b = sum(x.b_end - x.b_start for x in passages) / nb
        contained = min(na, nb) >= c.contain_min_words and (
            share_a >= c.contain_share and _opens_with(passages, na, lambda x: (x.b_start, x.a_end - x.a_start), c)
            if na <= nb else
            share_b >= c.contain_share and _opens_with(passages, nb, lambda x: (x.a_start, x.b_end - x.b_start), c)
        )  # the shorter is mostly inside the longer, which opens with it (not a roundup quoting it)
        if min(share_a, share_b) >= c.near_coverage or contained:
            return self._link(d, other, "near", j, (self._whole(d, other),))
        starts, ends = b.words.starts[lo:hi], b.words.ends[lo:hi]
        spans = tuple(_char_spans(x, starts, ends, theirs) for x in passages)
        return self._link(d, other, "passage", share_a if na <= nb else share_b, spans)

    # -- bookkeeping ---------------------------------------------------------------------

    def _keep_words(self, b: _Batch, which: I64) -> None:
        """Enter articles of the batch in the passage window: each keeps a (3, words) view of one
        array for the batch (alignment n-grams, word starts, word ends)."""
        if self.config.passage_max_docs == 0 or not len(which):
            return
        for i, rec in zip(which.tolist(), _records(b.words, b.shingles, which), strict=True):
            self._words[b.base + i] = rec
        self._in.data[b.base - self._base0 + which] = True

    # -- saved documents (see `copies.past`) ----------------------------------------------

    def take_rows(self) -> CopyRows:
        """Documents and postings added since the last call, to save (an index over saved documents only)."""
        return self._past.take_rows() if self._past is not None else CopyRows()

    def _preload(self, keys: U64) -> None:
        """Post the saved postings of the keys this process has not met yet, before any of its own."""
        assert self._past is not None
        c = self.config
        uniq = distinct(keys.view(np.int64)).view(np.uint64)
        _, _, total = self._keys.lookup(uniq, 0)
        k, d = self._past.postings(uniq[total == 0], max(c.bucket_cap, c.print_max_df + 1))
        if len(k):
            self._keys.add_run(k, d)

    def _in_window(self, docs: I64) -> Bools:
        """Whether each document's words are in the passage window (saved ones always are)."""
        local = docs - self._base0
        out: Bools = np.ones(len(docs), dtype=np.bool_)
        mine = local >= 0
        out[mine] = self._in.data[local[mine]]
        return out

    def _agreement(self, sigs: U32, probe: I64, docs: I64) -> F64:
        """Estimated Jaccard of sigs[probe[i]] with document docs[i], saved or not."""
        if self._past is None:
            return self._sigs.agreement(sigs, probe, docs)
        out = np.zeros(len(docs), dtype=np.float64)
        mine = docs >= self._base0
        out[mine] = self._sigs.agreement(sigs, probe[mine], docs[mine] - self._base0)
        out[~mine] = self._past.agreement(sigs, probe[~mine], docs[~mine])
        return out

    def _read_words(self, docs: I64) -> None:
        """The words of saved documents (for alignment), from their stored text."""
        assert self._past is not None
        need = sorted(set(docs.tolist()) - self._words.keys())
        if not need:
            return
        texts = self._past.texts(need)
        need = [d for d in need if d in texts]
        w = words([texts[d] for d in need])
        sh = shingles(w, self.config.shingle, self.config.align_ngram)
        for d, rec in zip(need, _records(w, sh, np.arange(len(need))), strict=True):
            self._words[d] = rec

    def _drop_words(self, d: int) -> None:
        """Take article d out of the passage window."""
        del self._words[d]
        self._in.data[d - self._base0] = False
        self._dropped += 1

    def _compact_if_due(self) -> None:
        """Purge the fingerprints of forgotten articles once as many have left as the window holds
        (merges purge them too, but the largest run is rewritten only rarely)."""
        if self._dropped - self._compacted > max(len(self._words), 10_000):
            self._keys.compact()
            self._compacted = self._dropped

    def _prunable(self, keys: U64, docs: U32) -> Bools:
        """Fingerprint postings of articles that left the passage window."""
        if not self._dropped:
            return np.zeros(len(keys), dtype=np.bool_)
        out: Bools = ((keys & _KIND) == _PRINT) & ~self._in_window(docs.astype(np.int64))
        return out

    def _whole(self, d: int, other: int) -> SpanPair:
        """Both texts from start to end."""
        return 0, self._length_of(d), 0, self._length_of(other)

    def _length_of(self, d: int) -> int:
        return int(self._length.data[d - self._base0]) if d >= self._base0 else self._past_().length(d)

    def _past_(self) -> Past:
        assert self._past is not None
        return self._past

    def _link(self, d: int, other: int, kind: Kind, score: float, spans: tuple[SpanPair, ...]) -> CopyLink:
        """A link from document d to an earlier one."""
        ids = self._ids
        other_id = ids[other - self._base0] if other >= self._base0 else self._past_().id(other)
        return CopyLink(ids[d - self._base0], other_id, kind, round(float(score), 4), spans)


def _records(w: Words, sh: Shingles, which: I64) -> list[U32]:
    """Per text i in `which`, a (3, words) view of one array: alignment n-grams, word starts, word ends."""
    b, g = w.bounds, sh.gram_bounds
    record = np.zeros((3, len(w.hashes)), dtype=np.uint32)
    record[1], record[2] = w.starts, w.ends
    n_grams = g[1:] - g[:-1]
    at = np.repeat(b[:-1], n_grams) + np.arange(g[-1]) - np.repeat(g[:-1], n_grams)
    record[0, at] = sh.grams  # a text's n-grams from its first word; its last k - 1 words have none
    return [record[:, lo:hi] for lo, hi in zip(b[which].tolist(), b[which + 1].tolist(), strict=True)]


def _opens_with(passages: list[Passage], short: int, where: Callable[[Passage], tuple[int, int]],
                c: CopyConfig) -> bool:
    """Does one passage start near the longer text's opening and hold half of the shorter text?
    `where` gives a passage's start in the longer text and its length in the shorter."""
    return any(start <= c.contain_lead_words and 2 * words >= short for start, words in map(where, passages))


def _char_spans(x: Passage, starts: I64, ends: I64, theirs: U32) -> SpanPair:
    """Word ranges of a passage as character ranges into both texts."""
    return int(starts[x.a_start]), int(ends[x.a_end - 1]), int(theirs[1, x.b_start]), int(theirs[2, x.b_end - 1])
