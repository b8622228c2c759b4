"""BIO CoNLL files of hand-tagged entities, read back into text with character spans.

A file has one token and its tag a line (the tag is the last column, tab- or space-separated),
sentences separated by blank lines, and optionally ``-DOCSTART-`` lines between documents. Tokens
may carry left-to-right marks (U+200E), which are dropped, and may be clitic-split: NewsFANE
writes ``و قال``, ``حصة ها``, ``ب القاهرة`` as separate tokens. The text is rebuilt as a reader
would see it: a proclitic token (و ف ب ل ك) is joined to the next word, a pronoun suffix (ه ها هم
نا ...) to the previous one, every other token is separated by a space. A gold span covers its
tokens only, so an entity after a joined proclitic starts inside the word (بالقاهرة: the span is
القاهرة), which the scorer treats as the same mention as one that keeps the clitic.

Fine classes are mapped to PER / LOC / ORG by a table (`NEWSFANE_CLASSES`); classes it leaves
out (nationality groups, facilities, products, vehicles) count as untagged text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import InputError

# NewsFANE's fine classes (Alotaibi & Lee 2014) -> the three coarse types rasd is scored on.
# People: every individual-person class. Places: geo-political entities and natural locations.
# Organisations: every organisation class. Left out: Group (العرب، المسلمين: nationalities and
# communities, not a named person), facilities (buildings, airports, roads), products, vehicles,
# weapons, celestial bodies.
NEWSFANE_CLASSES: Mapping[str, str] = {
    **dict.fromkeys((
        "Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
        "Lawyer", "Engineer", "Police",
    ), "PER"),
    **dict.fromkeys((
        "Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
        "Water-Body", "Land-Region-Natural",
    ), "LOC"),
    **dict.fromkeys((
        "Government", "Non-Governmental", "Commercial", "Educational", "Media", "Religious_ORG", "Sports",
        "Medical-Science", "Entertainment",
    ), "ORG"),
    # Coarse tag sets of other corpora (CoNLL, ANERcorp, ACE-style).
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "LOC": "LOC", "GPE": "LOC", "LOCATION": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
}  # fmt: skip

PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س", "وب", "ول", "فب", "فل", "وك", "فك"})
ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "كم", "كما", "كن"})
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\ufeff"))


@dataclass(frozen=True, slots=True)
class GoldSpan:
    type: str  # PER, LOC or ORG
    start: int  # [start, end) into the document's text
    end: int
    fine: str  # the tag's class as the file writes it


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One block of sentences rebuilt as text (one sentence a line), with its gold spans."""

    index: int
    text: str
    spans: tuple[GoldSpan, ...]


@dataclass(frozen=True, slots=True)
class _Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def _sentences(path: Path) -> Iterator[_Sentence | None]:
    """Sentences of a file in order; None marks a -DOCSTART- document break."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from None
    toks: list[str] = []
    tags: list[str] = []
    for n, line in enumerate(lines, 1):
        line = line.translate(_MARKS).rstrip("\r\n")
        if not line.strip():
            if toks:
                yield _Sentence(tuple(toks), tuple(tags))
                toks, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if cols[0].startswith("-DOCSTART-"):
            if toks:
                yield _Sentence(tuple(toks), tuple(tags))
                toks, tags = [], []
            yield None
            continue
        if len(cols) < 2:
            raise InputError(f"{path}:{n}: expected a token and a tag, got {line!r}")
        tag = cols[-1].strip()
        if tag != "O" and not tag.startswith(("B-", "I-")):
            raise InputError(f"{path}:{n}: tag {tag!r} is not O, B-X or I-X")
        toks.append(cols[0].strip())
        tags.append(tag)
    if toks:
        yield _Sentence(tuple(toks), tuple(tags))


def _layout(tokens: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as text and each token's [start, end) in it (clitics joined to their word)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue_next = False
    for i, tok in enumerate(tokens):
        word_before = i > 0 and tokens[i - 1].isalpha() and tokens[i - 1] not in PROCLITICS
        attach = glue_next or (tok in ENCLITICS and word_before and not (tok == "ي" and len(tokens[i - 1]) < 2))
        if parts and not attach:
            parts.append(" ")
            pos += 1
        if glue_next and parts and parts[-1].endswith("ل") and tok.startswith("ال"):
            tok_text = tok[1:]  # ل + الامم is written للامم
            parts.append(tok_text)
            spans.append((pos - 1, pos + len(tok_text)))
            pos += len(tok_text)
        else:
            parts.append(tok)
            spans.append((pos, pos + len(tok)))
            pos += len(tok)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        glue_next = tok in PROCLITICS and nxt.isalpha() and len(nxt) > 1  # "د ب ا" stays three letters
    return "".join(parts), spans


def _doc(index: int, sentences: list[_Sentence], classes: Mapping[str, str]) -> GoldDoc:
    lines: list[str] = []
    spans: list[GoldSpan] = []
    base = 0
    for s in sentences:
        text, tok_spans = _layout(s.tokens)
        cur: tuple[str, int, int] | None = None  # (fine class, first token, last token)
        found: list[tuple[str, int, int]] = []
        for i, tag in enumerate(s.tags):
            kind, cls = (tag[:1], tag[2:]) if tag != "O" else ("O", "")
            if kind == "I" and cur is not None and cur[0] == cls:
                cur = (cls, cur[1], i)
                continue
            if cur is not None:
                found.append(cur)
                cur = None
            if kind in ("B", "I"):  # an I- without its B- opens a span, as conlleval reads it
                cur = (cls, i, i)
        if cur is not None:
            found.append(cur)
        for cls, a, b in found:
            coarse = classes.get(cls) or classes.get(cls.upper())
            if coarse is not None:
                spans.append(GoldSpan(coarse, base + tok_spans[a][0], base + tok_spans[b][1], cls))
        lines.append(text)
        base += len(text) + 1
    return GoldDoc(index, "\n".join(lines), tuple(spans))


def read_conll(path: Path, block: int = 10, classes: Mapping[str, str] = NEWSFANE_CLASSES) -> list[GoldDoc]:
    """The documents of a BIO file: its -DOCSTART- documents, else blocks of `block` sentences.

    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".conll", delete=False, encoding="utf-8")
    >>> _ = f.write("و\\tO\\nقال\\tO\\nب\\tO\\nالقاهرة\\tB-Population-Center\\n\\n"); f.close()
    >>> d = read_conll(Path(f.name))[0]; os.unlink(f.name)
    >>> d.text, [(s.type, d.text[s.start:s.end]) for s in d.spans]
    ('وقال بالقاهرة', [('LOC', 'القاهرة')])
    """
    if block < 1:
        raise ValueError(f"block must be at least 1 sentence, got {block}")
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    docs: list[GoldDoc] = []
    pending: list[_Sentence] = []
    marked = False
    for s in _sentences(path):
        if s is None:
            marked = True
            if pending:
                docs.append(_doc(len(docs), pending, classes))
                pending = []
            continue
        pending.append(s)
        if not marked and len(pending) >= block:
            docs.append(_doc(len(docs), pending, classes))
            pending = []
    if pending:
        docs.append(_doc(len(docs), pending, classes))
    if not docs:
        raise InputError(f"{path}: no tagged sentences")
    return docs
