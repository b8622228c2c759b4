"""Value types of the extraction stage: mentions, numeric facts and attributed claims.

Every `start`/`end` is a half-open character offset into `Article.raw` (or into the text given
to a finder, plus the `base` it was given). Nothing here imports another rasd module.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a numeric fact counts. People first, then equipment, then places and elections.
PEOPLE_KINDS = (
    "killed", "wounded", "casualties", "captured", "arrested", "missing", "evacuated", "displaced", "rescued",
)  # fmt: skip
EQUIPMENT_KINDS = (
    "tank", "helicopter", "drone", "aircraft", "air_defence", "armoured_vehicle", "vehicle", "artillery",
    "missile", "ship",
)  # fmt: skip
OTHER_KINDS = ("position", "settlement", "building", "seats", "votes", "turnout")
KINDS = PEOPLE_KINDS + EQUIPMENT_KINDS + OTHER_KINDS

# How a figure is qualified: "أكثر من مئة" is more_than 100, "نحو سبعة آلاف" about 7000,
# "عشرات" vague with value 10 (the lower bound), "بين 10 و20" range 10..20.
QUALIFIERS = ("exact", "more_than", "at_least", "about", "less_than", "up_to", "vague", "range")

ASSERTS = "asserts"
DENIES = "denies"


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in an article."""

    key: str  # stable entity key: gazetteer key ("AM", "ilham_aliyev"), "mod@AM", "per:<name>"
    type: str  # "PER", "ORG", "GPE", "LOC"
    start: int
    end: int
    surface: str  # the text as written
    name: str  # canonical display name
    named: bool = True  # False: a bare institution keyed from context ("الجيش"), a title standing for its holder


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure a text gives: how many of what, whose, and how sure."""

    kind: str  # one of KINDS
    value: int | None  # the figure (the lower bound for vague and range), None when not a number
    qualifier: str  # one of QUALIFIERS
    start: int  # the number and its noun: "3 دبابات", "مروحيتين", "أكثر من مئتي جريح"
    end: int
    surface: str
    action: str = ""  # what happened to them when the text says: "killed", "destroyed", "downed", "lost", ...
    subject: str | None = None  # entity key of the side they belong to ("AM"), None when unknown
    side: str = ""  # "own" when the text says they are the speaker's ("لديها", "في صفوفها")
    value_max: int | None = None  # upper bound of a range


@dataclass(frozen=True, slots=True)
class Claim:
    """Something a text attributes to someone (or states without attribution), with its facts."""

    start: int  # the clause the reporting verb governs (or the sentence of an unattributed fact)
    end: int
    verb: str | None  # the reporting verb as written ("وأضافت", "نفت"), None when unattributed
    verb_start: int | None
    verb_end: int | None
    claimant: str | None  # entity key of who says it, None when unknown
    claimant_text: str | None  # the claimant as written in the text
    polarity: str  # ASSERTS or DENIES
    quotes: tuple[tuple[int, int], ...] = ()  # quoted spans inside the claim
    facts: tuple[Fact, ...] = ()
    time: str | None = None  # ISO date of the statement when known
