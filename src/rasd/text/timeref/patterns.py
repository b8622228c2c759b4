"""The word patterns of time references, the candidate type and small text helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rasd.arabic import relative as R
from rasd.arabic.dates import MONTHS, WEEKDAYS
from rasd.arabic.normalize import normalize
from rasd.model import Anchor, Precision

NO_DATE = "no publication date"
FROM_SEEN = "resolved from the fetch time"  # no publication date: the weekday placed by `Article.seen`
YEAR_FROM_P = "year from publication date"
MIN_YEAR = 1000
MAX_YEAR = 2100
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# A word start, allowing one or two attached particles: "وأمس", "بالأمس", "ومنذ", "فبعد".
_B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"


def _start(*words: Iterable[str], extra: str = "") -> str:
    """`_B` behind a cheap look at the first character (speeds the scan several times over)."""
    chars = set("وفبلك" + extra) | {w[0] for ws in words for w in ws}
    return rf"(?=[{re.escape(''.join(sorted(chars)))}]){_B}"


_E = r"(?!\w)"
_SEP = r"\s*[,،]?\s*"
# "اثنين" alone is the number two; "الاثنين" is handled with care below.
_W = _alt({k: v for k, v in WEEKDAYS.items() if k != normalize("اثنين")})
_POD = _alt(R.PARTS_OF_DAY)
_Y = r"(?<![\d.,/])[12]\d{3}(?!\d|[.,/]\d)"
_YEAR_WORD = rf"(?:{_alt(R.YEAR_WORDS)})"
_TO = _alt(R.RANGE_TO)
_WORDS_DAY = (R.PARTS_OF_DAY, (R.TODAY, R.YAWM), R.DAY_WORDS, R.THIS_PART_OF_DAY, WEEKDAYS)

_DAY_RX = re.compile(
    rf"{_start(*_WORDS_DAY)}(?:(?P<pod>{_POD})\s+)?(?:"
    rf"(?P<today>{R.TODAY})(?:{_SEP}(?P<po_t>\(\s*)?(?P<wd_t>{_W})(?(po_t)\s*\)))?"
    rf"|(?:(?P<yawm_d>{R.YAWM})\s+)?(?P<dword>{_alt(R.DAY_WORDS)})(?:{_SEP}(?P<po_d>\(\s*)?(?P<wd_d>{_W})(?(po_d)\s*\)))?"
    rf"|(?P<tpod>{_alt(R.THIS_PART_OF_DAY)})(?:\s+(?P<lastnight>{_alt(R.LAST_NIGHT)}))?"
    rf"|(?:(?P<yawm_w>{R.YAWM})\s+)?(?P<wd>{_W})"
    rf"(?:\s+(?P<dir>{_alt(R.PAST | R.FUTURE)})|{_SEP}(?P<after>{_alt(R.AFTER_WEEKDAY)}))?"
    rf"){_E}"
)
_PERIOD_RX = re.compile(
    rf"{_start(R.THIS, R.PERIOD_UNITS)}(?:(?P<this>{_alt(R.THIS)})\s+(?P<unit_t>{_alt(R.PERIOD_UNITS)})"
    rf"|(?P<unit>{_alt(R.PERIOD_UNITS)})\s+(?P<which>{_alt(R.PAST | R.FUTURE | R.CURRENT)})){_E}"
)
_AGO_RX = re.compile(
    rf"{_start(R.AGO)}(?:{_alt(R.AGO)})\s+(?:(?P<n>\d{{1,4}}|{_alt(R.NUMBER_WORDS)})\s+(?P<unit>{_alt(R.UNITS)})"
    rf"|(?P<dual>{_alt(R.DUAL_UNITS)})|(?P<one>{_alt(R.SINGLE_UNITS)})(?:\s+(?:{_alt(R.ONE)}))?){_E}"
    rf"(?!\s*(?:{_alt(R.AGO_NOT_BEFORE)}){_E})(?!\s*\d)"
)
_YEAR_RX = re.compile(
    rf"{_start(R.YEAR_CUES_WEAK, R.YEAR_CUES_STRONG, extra='12')}"
    rf"(?:(?P<weak>{_alt(R.YEAR_CUES_WEAK)})\s+)?(?:(?P<strong>{_alt(R.YEAR_CUES_STRONG)})\s+)?"
    rf"(?P<y>{_Y})(?:\s*(?:{_alt(R.ERA_AFTER)}){_E})?"
)
_AND_YEAR_RX = re.compile(rf"\s*و\s*(?P<y>{_Y})")
_RANGE_RX = re.compile(
    rf"{_start((R.BETWEEN, R.FROM), R.YEAR_WORDS, R.PLURAL_YEAR_WORDS, extra='12')}(?:"
    rf"(?P<bain>{R.BETWEEN})\s+(?:(?P<noun>{_alt(R.RANGE_NOUNS)})\s+)?(?P<a1>{_Y})"
    rf"\s*(?:و|-|–|—|{_TO})\s*(?:{_YEAR_WORD}\s+)?(?P<b1>{_Y})"
    rf"|{R.FROM}\s+(?:(?P<noun2>{_YEAR_WORD})\s+)?(?P<a2>{_Y})"
    rf"\s*(?:{_TO}|-|–|—)\s*(?:{_YEAR_WORD}\s+)?(?P<b2>{_Y})"
    rf"|(?:(?P<noun3>{_YEAR_WORD}|{_alt(R.PLURAL_YEAR_WORDS)})\s+)?(?P<a3>{_Y})\s*[-–—/]\s*"
    r"(?P<b3>[12]\d{3}(?!\d)|\d\d(?!\d|[.,/:\-]\d)))"
)
_DECADE_RX = re.compile(
    rf"{_start(R.DECADES, ('ال',))}(?:ال)?(?P<stem>{_alt(R.DECADES)})(?:يات|ات)"
    rf"(?:\s+(?:من\s+)?(?P<cent>{_alt(R.CENTURIES)}))?{_E}"
)
_DATE_PREFIX_RX = re.compile(rf"{_B}(?:(?P<pod>{_POD})\s+)?(?:{_alt(R.DATE_PREFIX)})\s*[,،]?\s*$")
_PREV_WORD_RX = re.compile(r"(\w+)[^\w\n]*$")
_NEXT_WORD_RX = re.compile(r"[^\w\n]*(\w+)")
_HIJRI_RX = re.compile(rf"\s*(?:{_alt(R.HIJRI_AFTER)}){_E}")
_DIGIT_RX = re.compile(r"\d")
_YEAR_DIGITS_RX = re.compile(r"[12]\d{3}")
_DATE_NUM_RX = re.compile(r"\d[/.\-]\d")


def _gate(*words: Iterable[str]) -> tuple[str, ...]:
    """The fewest substrings one of which every word contains (for a quick "may match" test)."""
    flat = sorted({w for ws in words for w in ws}, key=lambda w: (" " in w, len(w)))
    out: list[str] = []
    for w in flat:
        if not any(o in w for o in out):
            out.append(w.split()[-1])
    return tuple(out)


_GATE_DAY = _gate((R.TODAY, R.YAWM), R.DAY_WORDS, R.THIS_PART_OF_DAY, WEEKDAYS)
_GATE_PERIOD = _gate(R.PERIOD_UNITS)
_GATE_DECADE = _gate(R.DECADES)
_GATE_MONTH = _gate(MONTHS)


_SeenDay = tuple[dt.date, str]  # the fetch day and its source, for weekdays without a publication date


@dataclass(frozen=True, slots=True)
class _Cand:
    """A time reference in normalized-text coordinates, before overlaps are settled."""

    start: int
    end: int
    value: str | None
    precision: Precision
    anchor: Anchor
    weekday: int | None = None
    part_of_day: str | None = None
    note: str = ""


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _prev_word(norm: str, pos: int) -> str:
    m = _PREV_WORD_RX.search(norm, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _next_word(norm: str, pos: int) -> str:
    m = _NEXT_WORD_RX.match(norm, pos, pos + 40)
    return m.group(1) if m else ""
