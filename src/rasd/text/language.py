"""Language identification per paragraph and per script segment, lingua only where needed.

Most lines of an Arabic article are plain Arabic script without any Persian or Urdu letter:
those are "ar" at once, and lingua never runs on them. Other lines are split into segments at
brackets, guillemets and curly quotes and wherever the script changes; each segment is then
classified by its script:

- Arabic script with Persian/Urdu letters (پ چ ژ گ ک ی ہ ...): lingua among ar/fa/ur;
- Latin script: lingua among en/fr/tr (too few letters: "und");
- Cyrillic: "ru"; Hebrew: "he" (the only languages of those scripts rasd reports).

A paragraph gets the language covering most of its letters; minority-language segments are
reported as extra `LineLanguage` entries. Lingua is built lazily, one detector per script on the
first segment of that script that needs it (its models cost ~1 s of CPU per script to load, and a
run whose articles hold no Latin segment long enough, or no Persian/Urdu letter, never loads that
script's), and its answers are cached per segment string.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.model import LineLanguage, Span

UNDETERMINED = "und"

_AR_LETTERS = "\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ff"
_AR_SUPPLEMENT = "\u0750-\u077f\u08a0-\u08c9"
_AR_PRES = "\ufb50-\ufdff\ufe70-\ufefc"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_CYRILLIC = "\u0400-\u04ff"
_HEBREW = "\u05d0-\u05ea"
PERSIAN_URDU_LETTERS = "پچژگکیہۀےںٹڈڑۓ"
_BOUNDARIES = "()[]«»“”"

_SCRIPT_RUN = re.compile(
    rf"(?P<ar>[{_AR_LETTERS}{_AR_SUPPLEMENT}{_AR_PRES}]+)|(?P<la>[{_LATIN}]+)|(?P<cy>[{_CYRILLIC}]+)"
    rf"|(?P<he>[{_HEBREW}]+)|(?P<br>[{re.escape(_BOUNDARIES)}])"
)
_AR_LETTER = re.compile(rf"[{_AR_LETTERS}{_AR_SUPPLEMENT}{_AR_PRES}]")
# Anything that makes a paragraph more than plain Arabic: another script or a Persian/Urdu letter.
_NOT_PLAIN_ARABIC = re.compile(rf"[{_LATIN}{_CYRILLIC}{_HEBREW}{PERSIAN_URDU_LETTERS}]")
_PERSIAN_URDU = re.compile(f"[{PERSIAN_URDU_LETTERS}]")

# Fewest letters (and words) for lingua to be asked at all; shorter segments are "und".
MIN_LATIN_LETTERS = 10
MIN_LATIN_WORDS = 2
MIN_ARABIC_SCRIPT_LETTERS = 8
MIN_OTHER_SCRIPT_LETTERS = 3  # Cyrillic, Hebrew

_LINGUA_ARABIC_SCRIPT = ("ARABIC", "PERSIAN", "URDU")
_LINGUA_LATIN = ("ENGLISH", "FRENCH", "TURKISH")
_SCRIPT_LANGUAGE = {"cy": "ru", "he": "he"}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of one script between boundaries: `span` indexes the text it was cut from."""

    span: Span
    script: str  # "ar", "la", "cy", "he"
    letters: int


def script_segments(text: str, base: int = 0) -> list[Segment]:
    """Split `text` at brackets/quotes and script changes; spans are offset by `base`.

    Digits, spaces and punctuation belong to the segment around them; a segment's span runs
    from its first letter to its last.
    """
    out: list[Segment] = []
    cur: list[Any] = []  # [script, start, end, letters]

    def close() -> None:
        if cur:
            out.append(Segment(Span(base + cur[1], base + cur[2]), cur[0], cur[3]))
            cur.clear()

    for m in _SCRIPT_RUN.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        if kind == "br":
            close()
            continue
        if cur and cur[0] != kind:
            close()
        if cur:
            cur[2] = m.end()
            cur[3] += m.end() - m.start()
        else:
            cur.extend([kind, m.start(), m.end(), m.end() - m.start()])
    close()
    return out


def _iso(language: Any) -> str:
    return str(language.iso_code_639_1.name).lower()


class LanguageDetector:
    """Script rules plus lingua, built on first use with preloaded models for a few languages."""

    def __init__(self) -> None:
        self._detectors: dict[str, Any] = {}  # script ("ar", "la") -> lingua detector, built when first asked
        self._lingua: Callable[[str, str], str] = functools.lru_cache(maxsize=65536)(self._ask_lingua)

    @property
    def lingua_loaded(self) -> bool:
        """Whether any of lingua's models have been built (only a non-plain-Arabic segment builds them)."""
        return bool(self._detectors)

    def _detector(self, script: str) -> Any:
        detector = self._detectors.get(script)
        if detector is None:
            from lingua import Language, LanguageDetectorBuilder

            names = _LINGUA_LATIN if script == "la" else _LINGUA_ARABIC_SCRIPT
            langs = [getattr(Language, n) for n in names]
            detector = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()
            self._detectors[script] = detector
        return detector

    def _ask_lingua(self, text: str, script: str) -> str:
        found = self._detector(script).detect_language_of(text)
        return _iso(found) if found is not None else UNDETERMINED

    def segment_language(self, text: str, script: str) -> str:
        """The language of one single-script segment (`script` as in `Segment.script`)."""
        if script == "ar":
            if not _PERSIAN_URDU.search(text):
                return "ar"
            if len(_AR_LETTER.findall(text)) < MIN_ARABIC_SCRIPT_LETTERS:
                return UNDETERMINED
            return self._lingua(text, "ar")
        if script == "la":
            letters = sum(1 for ch in text if ch.isalpha())
            if letters < MIN_LATIN_LETTERS or len(text.split()) < MIN_LATIN_WORDS:
                return UNDETERMINED
            return self._lingua(text, "la")
        if sum(1 for ch in text if ch.isalpha()) < MIN_OTHER_SCRIPT_LETTERS:
            return UNDETERMINED
        return _SCRIPT_LANGUAGE.get(script, UNDETERMINED)

    def paragraph(self, raw: str, span: Span) -> tuple[list[LineLanguage], Counter[str]]:
        """One paragraph: its majority entry, then minority-language segments; letters per language."""
        text = raw[span.start : span.end]
        if not _NOT_PLAIN_ARABIC.search(text):
            # Plain Arabic: letters counted roughly (non-space characters), which is enough to
            # weigh paragraphs against each other and much cheaper than counting letters.
            if not _AR_LETTER.search(text):
                return [LineLanguage(span, UNDETERMINED)], Counter()
            return [LineLanguage(span, "ar")], Counter({"ar": len(text) - text.count(" ")})
        parts = [
            (seg, self.segment_language(raw[seg.span.start : seg.span.end], seg.script))
            for seg in script_segments(text, span.start)
        ]
        letters: Counter[str] = Counter()
        for seg, lang in parts:
            letters[lang] += seg.letters
        major = majority(letters)
        entries = [LineLanguage(span, major)]
        for seg, lang in parts:
            if lang in (major, UNDETERMINED):
                continue
            last = entries[-1]
            if len(entries) > 1 and last.language == lang and _only_gap(raw, last.span.end, seg.span.start):
                entries[-1] = LineLanguage(Span(last.span.start, seg.span.end), lang)
            else:
                entries.append(LineLanguage(seg.span, lang))
        return entries, letters

    def describe(self, raw: str, paragraphs: Sequence[Span]) -> tuple[str, tuple[LineLanguage, ...]]:
        """Article language (most letters) and the `line_languages` of its kept paragraphs."""
        total: Counter[str] = Counter()
        lines: list[LineLanguage] = []
        for span in paragraphs:
            entries, letters = self.paragraph(raw, span)
            lines.extend(entries)
            total.update(letters)
        return majority(total), tuple(lines)

    def detect(self, text: str) -> str:
        """The language of a free-standing text (most letters over its segments)."""
        lang, _ = self.describe(text, [Span(0, len(text))])
        return lang


def _only_gap(raw: str, start: int, end: int) -> bool:
    """True when raw[start:end] holds no letter (segments separated only by punctuation)."""
    return all(m.lastgroup == "br" for m in _SCRIPT_RUN.finditer(raw, start, end))


def majority(letters: Counter[str]) -> str:
    """The language with most letters, ignoring "und"; "und" when there is none."""
    best = [(n, lang) for lang, n in letters.items() if lang != UNDETERMINED and n > 0]
    if not best:
        return UNDETERMINED
    return max(best)[1]


@functools.cache
def get_detector() -> LanguageDetector:
    """The shared detector (lingua inside is still built only when first needed)."""
    return LanguageDetector()
