"""Entities named in a paragraph: gazetteer places and actors, institutions of a country, and people.

No model: the gazetteer gives places, nisba adjectives and known actors, found inside a word too
(بالقاهرة، لإسرائيل، وألمانيا: the mention covers the name without its clitics); institutions
are a lexicon completed by a country (`rasd.extract.institutions`); people are the name-like words
after a title ("وزير خارجية أذربيجان جيهون بيراموف") or after a given name ("كوفي أنان"), a full
name learned earlier in the corpus, or a surname alone once the article has named its holder in
full (`rasd.extract.people`). A bare institution ("الجيش", "الحكومة") takes the country of the last
institution named before it in the article but is not a name (`Mention.named` False), and a title
with its body ("الأمين العام للأمم المتحدة") is a title standing for its holder plus the body.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rasd.extract.bodies import GROUP_FIRSTS, ORG_HEADS, named_body
from rasd.extract.institutions import (
    BARE_NEEDS_CONTEXT,
    MINISTRY_WORD,
    after,
    aliases,
    country_after,
    hit_starting,
    institution,
    institution_name,
    phrase_firsts,
)
from rasd.extract.lexicon import COMPLEMENT, FUNCTION, PROFESSIONS, TITLE_HEADS
from rasd.extract.name_shape import not_a_name
from rasd.extract.people import CONNECTORS, NAME_OPENERS, People, given, given_name_run, name_end, person_key
from rasd.extract.sport import CLUB_CITIES, about_sport, club_at
from rasd.extract.tokens import Tokens, norm_word, strip_clitic, tokenize
from rasd.extract.types import Mention
from rasd.extract.verbs import verb_form
from rasd.names.gazetteer import GazetteerHit, canonical_key, entry, find_names
from rasd.names.given import given_names

_TYPES = {"COUNTRY": "GPE", "CITY": "GPE", "REGION": "LOC", "WATER": "LOC", "SITE": "LOC", "PER": "PER", "ORG": "ORG"}

_PERSON_TITLES = TITLE_HEADS | PROFESSIONS
_THAT = frozenset(norm_word(w) for w in ("أن", "إن", "ان", "انه", "إنه", "أنه", "إنها", "أنها", "بأن"))
_OPEN_QUOTES = frozenset({'"', "“", "«", "„"})
_CLOSE_QUOTES = frozenset({'"', "”", "»", "“"})


# Institutions that, named bare, are keyed to a country from context but are not names themselves.
_UNNAMED_BARE = frozenset({"army", "authorities", "government", "presidency", "parliament", "police", "general_staff",
                           "civil_defence", "side"})
# Words before a place name that are not part of it ("مدينة مشهد" names مشهد).
_DESIGNATORS = frozenset(norm_word(w) for w in (
    "مدينة", "دولة", "إقليم", "ولاية", "محافظة", "بلدة", "قرية", "منطقة", "عاصمة", "العاصمة", "المدينة",
))
_DIRECTIONS = frozenset(norm_word(w) for w in ("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي"))
# Agencies credited by their nisba alone in parentheses: "(الفرنسية)" is AFP.
_CREDIT_NISBAS = {norm_word(k): v for k, v in (("الفرنسية", "afp"), ("الألمانية", "dpa"), ("الأوروبية", "epa"))}
# Words before an outlet's or a company's name that are not part of it ("قناة الجزيرة" names الجزيرة).
_KINDS = frozenset(norm_word(w) for w in ("صحيفة", "جريدة", "قناة", "وكالة", "مجلة", "موقع", "شبكة", "نادي", "شركة",
                                          "منظمة", "هيئة"))
# A gazetteer actor that is a title with its body: (the body's key, the title's display name).
_TITLE_OF_BODY = {"un_secretary_general": ("un", "الأمين العام للأمم المتحدة")}


@dataclass(slots=True)
class Context:
    """What earlier paragraphs of the same article named (for bare institutions and surnames)."""

    last_country: dict[str, str] = field(default_factory=dict)  # institution -> country last seen with it
    last_any: str | None = None  # country of the last country-qualified institution
    countries: Counter[str] = field(default_factory=Counter)  # countries named so far, for a bare "وزارة الصحة"
    people: People = field(default_factory=People)  # full names (corpus) and surnames (article) learned
    sport: bool = False  # the article reads as sport: a city that names a club is the club
    article_country: str | None = None  # the country the article is about (`rasd.extract.article`), if clear


def _hits_by_token(t: Tokens, hits: list[GazetteerHit]) -> dict[int, GazetteerHit]:
    """Hits keyed by the start of the token they begin in: بالقاهرة's hit القاهرة is found at its word."""
    out: dict[int, GazetteerHit] = {}
    k = 0
    for h in hits:
        while k + 1 < len(t) and t.starts[k + 1] <= h.start:
            k += 1
        if k < len(t) and t.starts[k] <= h.start < t.ends[k]:
            out.setdefault(t.starts[k], h)
    return out


def _person_after_title(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[int, int, int] | None:
    """(first token of the body after the title, [a, b) of the name) a title at token i introduces."""
    k = i + 1
    steps = 0
    while k < len(t) and steps < 12 and not t.punct_before[k].strip():
        h = hit_starting(hits_at, t, k)
        if h is not None and h.type == "PER":
            break
        w = t.norms[k]
        if h is not None or w.startswith(("ال", "لل", "بال", "وال")) or w in COMPLEMENT:
            k += 1
            steps += 1
            if h is not None:
                k = after(t, k, h.end)
            continue
        break
    if k >= len(t) or (k == i + 1 and t.punct_before[k].strip()):
        return None
    quoted = _quoted_name(t, k)
    if quoted is not None:
        return i + 1, k, quoted
    if t.punct_before[k].strip() and "،" not in t.punct_before[k] and "," not in t.punct_before[k]:
        return None
    h = hit_starting(hits_at, t, k)
    if h is not None and h.type == "PER":
        return i + 1, k, after(t, k, h.end)
    w = t.norms[k]
    if not (given(t, k) is not None or w in CONNECTORS or _name_like(t, k)):
        return None
    end = name_end(t, k, hits_at)
    return (i + 1, k, end) if end > k else None


def _quoted_name(t: Tokens, k: int) -> int | None:
    """End of a name of two or three words in quotation marks right after a title, the sentence going
    on after it ("وقال مدير مكتب الصحة "فلان الفلاني" إن..."); the marks are not part of it."""
    if t.punct_before[k].strip(" ") not in _OPEN_QUOTES:
        return None
    for j in range(k + 2, min(k + 4, len(t))):
        if t.punct_before[j - 1].strip():
            return None
        closes = t.punct_before[j].strip(" ")
        if closes in _CLOSE_QUOTES:  # the quote closes and a word follows: a name, not a quoted statement
            names = t.norms[k:j]
            ok = all(len(w) >= 2 and w.isalpha() and w not in FUNCTION and verb_form(w) is None for w in names)
            return j if ok else None
        if closes:
            return None
    return None


def _name_like(t: Tokens, k: int) -> bool:
    w = t.norms[k]
    return (len(w) >= 2 and not w.isdigit() and w not in FUNCTION and not w.startswith("ال")
            and strip_clitic(w) not in FUNCTION and strip_clitic(w) not in TITLE_HEADS and verb_form(w) is None
            and not (w[0] == "و" and strip_clitic(w).startswith("نظير")) and not not_a_name(w))


def find_mentions(text: str, base: int = 0, hits: list[GazetteerHit] | None = None,
                  ctx: Context | None = None, tokens: Tokens | None = None) -> list[Mention]:
    """Entities named in one paragraph, in text order, with spans offset by `base` (`tokens`:
    `tokenize(text)`, when the caller has it already).

    >>> [(m.key, m.surface) for m in find_mentions("وأعلنت وزارة الدفاع الأرمينية مقتل 16 جنديا")]
    [('mod@AM', 'وزارة الدفاع الأرمينية')]
    """
    ctx = ctx if ctx is not None else Context()
    hits = find_names(text) if hits is None else hits
    t = tokens if tokens is not None else tokenize(text)
    ctx.sport = ctx.sport or about_sport(t)
    hits_at = _hits_by_token(t, hits)
    out: list[Mention] = []
    covered_until = -1
    i = 0
    n = len(t)
    while i < n:
        if t.starts[i] < covered_until:
            i += 1
            continue
        found = _mention_at(t, i, hits_at, ctx) if _may_start(t, i, hits_at, ctx) else None
        if found is None:
            i += 1
            continue
        mentions, nxt = found
        for m in mentions:
            out.append(Mention(m.key, m.type, m.start + base, m.end + base, m.surface, m.name, m.named))
            covered_until = max(covered_until, m.end)
        i = max(nxt, i + 1)
    return out


@cache
def _triggers() -> frozenset[str]:
    """Words (bare or without their clitic) that can begin a mention other than a gazetteer hit, a
    credit or a learned name: institution phrases, the ministry, groups, bodies, titles, given names,
    عبد/أبو/ابن, club cities."""
    return frozenset({*phrase_firsts(), MINISTRY_WORD, *GROUP_FIRSTS, *ORG_HEADS, *_PERSON_TITLES, *given_names(),
                      *NAME_OPENERS, *CLUB_CITIES})


_STATIC_START: dict[str, tuple[bool, str]] = {}


def _static_start(w: str) -> tuple[bool, str]:
    """(whether a list or lexicon reading can begin at the word, the word without its clitic)."""
    got = _STATIC_START.get(w)
    if got is None:
        trig = _triggers()
        bare = strip_clitic(w)
        ok = (w in trig or bare in trig or bare.removeprefix("ال") in ORG_HEADS
              or (len(w) > 3 and w[0] == "و" and w[1:] in trig))
        if len(_STATIC_START) > 1 << 20:
            _STATIC_START.clear()
        got = _STATIC_START[w] = (ok, bare)
    return got


def _may_start(t: Tokens, i: int, hits_at: dict[int, GazetteerHit], ctx: Context) -> bool:
    """False only when no reading of `_mention_at` can begin at token i (most words begin none): a quick
    filter over the conditions it tests, in the same terms, so what is found is unchanged."""
    if t.starts[i] in hits_at or "(" in t.punct_before[i]:
        return True
    w = t.norms[i]
    ok, bare = _static_start(w)
    return ok or ctx.people.may_start(w, bare) or (i > 0 and _after_reporting_verb(t, i))


def _place(t: Tokens, h: GazetteerHit, end: int, ctx: Context) -> list[Mention]:
    """A place hit as a mention: designators left out (مدينة مشهد), a direction of a country is the country."""
    e_ = entry(h.key)
    if h.type == "COUNTRY":
        ctx.countries[h.key] += 1
    s, e, surface = h.start, h.end, h.surface
    words = surface.split()
    if len(words) >= 2 and norm_word(words[0]) in _DESIGNATORS:
        s += surface.index(words[1])
        surface = t.text[s:e]
    elif len(words) == 2 and h.type == "REGION" and norm_word(words[0]) in _DIRECTIONS:
        country = canonical_key(words[1])
        ce = entry(country) if country else None
        if ce is not None and ce.type == "COUNTRY":  # جنوب لبنان: the named place is لبنان
            s += surface.index(words[1])
            return [Mention(ce.key, "GPE", s, e, t.text[s:e], ce.name_ar)]
    return [Mention(h.key, _TYPES.get(h.type, "LOC"), s, e, surface, e_.name_ar if e_ else surface)]


def _body_in(surface: str, key: str) -> GazetteerHit | None:
    """The body named inside a title ("للأمم المتحدة" in "الأمين العام للأمم المتحدة"), offsets into `surface`."""
    pos = surface.find(" ")
    while pos >= 0:
        pos += 1
        for b in find_names(surface[pos:]):
            if b.key == key:
                return GazetteerHit(b.key, b.type, b.country, b.start + pos, b.end + pos, b.surface, b.form)
        pos = surface.find(" ", pos)
    return None


def _title_and_body(t: Tokens, i: int, h: GazetteerHit, hits_at: dict[int, GazetteerHit],
                    ctx: Context) -> tuple[list[Mention], int]:
    """"الأمين العام للأمم المتحدة [كوفي أنان]": the holder when named, else the title; and the body."""
    body_key, title_name = _TITLE_OF_BODY[h.key]
    body = _body_in(h.surface, body_key)
    end = after(t, i, h.end)
    out: list[Mention] = []
    person = _person_after_title(t, end - 1, hits_at) if end < len(t) else None
    holder = person is not None and person[1] == end
    if not holder:
        s = h.start
        e = s + len(h.surface[: body.start if body else len(h.surface)].rstrip())
        out.append(Mention(h.key, "PER", s, e, t.text[s:e], title_name, named=False))
    if body is not None:
        be = entry(body_key)
        bs = h.start + body.start
        out.append(Mention(body_key, "ORG", bs, h.start + body.end, body.surface, be.name_ar if be else body.surface))
    if holder and person is not None:
        out.append(_person(t, (person[1], person[2]), hits_at, ctx))
        end = person[2]
    return out, end


def _mention_at(t: Tokens, i: int, hits_at: dict[int, GazetteerHit],
                ctx: Context) -> tuple[list[Mention], int] | None:
    text = t.text
    h = hit_starting(hits_at, t, i)
    credit = _credit_at(t, i)
    if credit is not None:
        return [credit], i + 1
    club = club_at(t, i) if ctx.sport and (h is None or h.type == "CITY") else None
    if club is not None and (h is None or after(t, i, h.end) == i + 1):
        key, name, skip = club
        return [Mention(key, "ORG", t.starts[i] + skip, t.ends[i], text[t.starts[i] + skip : t.ends[i]], name)], i + 1
    if h is not None and h.type == "ORG" and h.form == "name":
        if h.key in _TITLE_OF_BODY:
            return _title_and_body(t, i, h, hits_at, ctx)
        end = after(t, i, h.end)
        inst = institution(t, i, {})
        if inst is not None and h.country:
            ctx.last_country[inst[0]] = h.country
            ctx.last_any = h.country
        return [_org(t, h)], end
    inst = institution(t, i, hits_at)
    if inst is not None:
        name, j = inst
        country = country_after(t, j, hits_at)
        named = True
        if country is not None:
            key, j = country
            ctx.last_country[name] = key
            ctx.last_any = key
        elif name in BARE_NEEDS_CONTEXT and (name in ctx.last_country or ctx.last_any or ctx.countries
                                             or ctx.article_country):
            key = (ctx.last_country.get(name) or ctx.last_any
                   or (ctx.countries.most_common(1)[0][0] if ctx.countries else ctx.article_country) or "")
            named = name not in _UNNAMED_BARE
        else:
            return None
        s, e = t.starts[i], t.ends[j - 1]
        if name == "side":
            return [Mention(key, "GPE", s, e, text[s:e], institution_name(name, key), named=False)], j
        full = f"{name}@{key}"
        alias = aliases().get(full)
        if alias is not None:
            e_ = entry(alias)
            return [Mention(alias, "ORG", s, e, text[s:e], e_.name_ar if e_ else text[s:e], named)], j
        return [Mention(full, "ORG", s, e, text[s:e], institution_name(name, key), named)], j
    bare_ministry = t.norms[i] in (MINISTRY_WORD, "و" + MINISTRY_WORD)
    if bare_ministry and ctx.last_any:  # "الوزارة": the ministry named last
        last = next((k for k in ("mod", "mfa", "moi", "moh", "emergencies") if k in ctx.last_country), None)
        if last:
            key = ctx.last_country[last]
            s, e = t.starts[i], t.ends[i]
            return [Mention(f"{last}@{key}", "ORG", s, e, text[s:e], institution_name(last, key), named=False)], i + 1
    org = named_body(t, i, hits_at) if t.starts[i] not in hits_at else None  # the gazetteer knows better
    if org is not None:
        return [org[0]], org[1]
    if strip_clitic(t.norms[i]) in _PERSON_TITLES or t.norms[i] in _PERSON_TITLES:
        rng = _person_after_title(t, i, hits_at)
        if rng is not None:
            body, a, b = rng
            between = [m for k in range(body, a) if (x := hit_starting(hits_at, t, k)) is not None
                       and x.form == "name" and x.type != "PER" for m in _hit_mention(t, k, x, hits_at, ctx)[0]]
            return [*between, _person(t, (a, b), hits_at, ctx)], b
    if h is not None and h.form == "name" and not _surname_over_city(t, i, h, ctx):
        return _hit_mention(t, i, h, hits_at, ctx)
    learned = ctx.people.full_at(t, i)
    if learned is not None:
        skip, end, (key, name) = learned
        s, e = t.starts[i] + skip, t.ends[end - 1]
        return [Mention(key, "PER", s, e, text[s:e], name)], end
    run = given_name_run(t, i, hits_at)
    if run is not None:
        skip, end = run
        return [_person(t, (i, end), hits_at, ctx, skip)], end
    w = t.norms[i]
    sur = ctx.people.surname(w) or (ctx.people.surname(strip_clitic(w)) if w[:1] in "وبلفك" else None)
    if sur is not None:
        skip = 0 if ctx.people.surname(w) else len(w) - len(strip_clitic(w))
        s, e = t.starts[i] + max(skip, 0), t.ends[i]
        return [Mention(sur[0], "PER", s, e, text[s:e], sur[1])], i + 1
    speaker = _speaker_after_verb(t, i)
    return ([speaker], i + 1) if speaker is not None else None


def _speaker_after_verb(t: Tokens, i: int) -> Mention | None:
    """A one-word name right after a reporting verb and before "أن"/"إن", a colon or a comma ("وقال كينيون
    إن ..."، "وأوضح لارسن أن ..."): who speaks, though no list knows the name."""
    if i == 0 or t.punct_before[i].strip() or not _after_reporting_verb(t, i):
        return None
    w = t.norms[i]
    if not _name_like(t, i) or w in given_names() or not w.isalpha() or len(w) < 3:
        return None
    nxt = t.norms[i + 1] if i + 1 < len(t) else ""
    closes = i + 1 >= len(t) or t.punct_before[i + 1].strip(" ") in (":", "،", ",", '"', "«", "\"") or nxt in _THAT
    if not closes:
        return None
    s, e = t.starts[i], t.ends[i]
    return Mention(person_key((w,)), "PER", s, e, t.text[s:e], t.text[s:e])


def _after_reporting_verb(t: Tokens, i: int) -> bool:
    v = verb_form(t.norms[i - 1])
    return v is not None and v.role == "verb"


def _surname_over_city(t: Tokens, i: int, h: GazetteerHit, ctx: Context) -> bool:
    """A one-word GeoNames city that is the surname of a person named before (روزفلت، تايلور) is the person."""
    e = entry(h.key)
    return (e is not None and not e.anchor and h.type == "CITY" and " " not in h.surface
            and ctx.people.surname(norm_word(h.surface)) is not None)


def _credit_at(t: Tokens, i: int) -> Mention | None:
    """An agency credited in parentheses: "(الفرنسية)", "( قنا )"."""
    closes = t.punct_before[i + 1] if i + 1 < len(t) else t.text[t.ends[i] :]
    if "(" not in t.punct_before[i] or ")" not in closes:
        return None
    key = _CREDIT_NISBAS.get(t.norms[i]) or canonical_key(t.text[t.starts[i] : t.ends[i]])
    e = entry(key) if key else None
    if e is None or e.type != "ORG" or e.anchor:  # an agency or outlet (names_media.tsv), not any body
        return None
    s, end = t.starts[i], t.ends[i]
    return Mention(e.key, "ORG", s, end, t.text[s:end], e.name_ar)


def _hit_mention(t: Tokens, i: int, h: GazetteerHit, hits_at: dict[int, GazetteerHit],
                 ctx: Context) -> tuple[list[Mention], int]:
    end = after(t, i, h.end)
    if h.type == "PER":
        return [_person(t, (i, end), hits_at, ctx)], end
    if h.type == "ORG":
        return [_org(t, h)], end
    return _place(t, h, end, ctx), end


def _org(t: Tokens, h: GazetteerHit) -> Mention:
    """An organisation hit as a mention, its kind left out when the rest is its name (قناة الجزيرة → الجزيرة)."""
    e = entry(h.key)
    s, surface = h.start, h.surface
    words = surface.split()
    if len(words) >= 2 and norm_word(words[0]) in _KINDS and canonical_key(" ".join(words[1:])) == h.key:
        s += surface.index(words[1])
        surface = t.text[s : h.end]
    return Mention(h.key, "ORG", s, h.end, surface, e.name_ar if e else surface)


def _person(t: Tokens, rng: tuple[int, int], hits_at: dict[int, GazetteerHit], ctx: Context, skip: int = 0) -> Mention:
    a, b = rng
    h = hit_starting(hits_at, t, a)
    s, e = (h.start if h is not None and h.type == "PER" else t.starts[a] + skip), t.ends[b - 1]
    words = (t.norms[a][skip:], *t.norms[a + 1 : b])
    if h is not None and h.type == "PER":
        e_ = entry(h.key)
        key, name = h.key, (e_.name_ar if e_ else h.surface)
    else:
        key, name = person_key(words), t.text[s:e]
    ctx.people.learn(words, key, name)
    return Mention(key, "PER", s, e, t.text[s:e], name)
