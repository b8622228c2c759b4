"""The ledger compares figures across claimants and outlets: agree, differ, updated, denied."""

from __future__ import annotations

from rasd.extract.ledger import ArticleMeta, build
from rasd.store.extract import ClaimRow


def row(article: str, seq: int, kind: str | None, value: int | None, claimant: str | None,
        qualifier: str = "exact", polarity: str = "asserts", subject: str | None = None, pos: int = 0,
        claim: int | None = None) -> ClaimRow:
    return ClaimRow(article, seq, seq if claim is None else claim, pos, pos + 40, "قال", pos, pos + 3, claimant,
                    claimant, polarity, (), "2024-05-02", kind, value, None, qualifier if kind else None, "",
                    subject, "", pos + 5 if kind else None, pos + 15 if kind else None, "نص" if kind else None)


META = {a: ArticleMeta(a, src, "2024-05-02") for a, src in (("a1", "وكالة أ"), ("a2", "صحيفة ب"), ("a3", "قناة ج"))}


def names(key: str | None) -> str | None:
    return None if key is None else f"<{key}>"


def test_same_figure_from_two_outlets_agrees() -> None:
    led = build("ev", [row("a1", 0, "killed", 12, "moh@SD"), row("a2", 0, "killed", 12, "moh@SD")], META, {}, names)
    (line,) = led.lines
    assert line.status == "agree" and line.reports[0].outlets == ["وكالة أ", "صحيفة ب"]


def test_same_claimant_later_figure_is_an_update() -> None:
    rows = [row("a1", 0, "killed", 25, "authorities@X", pos=10), row("a1", 1, "killed", 27, "authorities@X", pos=900)]
    (line,) = build("ev", rows, META, {}, names).lines
    assert line.status == "updated" and "25 → 27" in line.note


def test_an_update_names_the_other_claimants_whose_figures_differ() -> None:
    rows = [row("a1", 0, "killed", 25, "authorities@X", pos=10), row("a1", 1, "killed", 27, "authorities@X", pos=900),
            row("a1", 2, "killed", 2, "army@Y", pos=1200), row("a2", 0, "killed", 27, "un")]
    (line,) = build("ev", rows, META, {}, names).lines
    assert line.status == "updated" and line.note == "<authorities@X>: 25 → 27 · others differ: 2 (<army@Y>)"


def test_different_claimants_with_incompatible_figures_differ() -> None:
    rows = [row("a1", 0, "killed", 12, "moh@SD"), row("a3", 0, "killed", 40, "rsf")]
    assert build("ev", rows, META, {}, names).lines[0].status == "differ"


def test_lower_bound_and_a_figure_above_it_are_compatible() -> None:
    rows = [row("a1", 0, "wounded", 100, "moh@SD", "more_than"), row("a2", 0, "wounded", 130, "un")]
    assert build("ev", rows, META, {}, names).lines[0].status == "agree"


def test_a_denial_of_the_same_kind_marks_the_line_denied_and_is_listed() -> None:
    texts = {"a2": "ونفت وزارة الدفاع إسقاط الطائرة" + " " * 20}
    rows = [row("a1", 0, "helicopter", 1, "mod@K", subject="AZ"),
            row("a2", 0, "helicopter", 1, "mod@AZ", polarity="denies")]
    led = build("ev", rows, META, texts, names)
    (line,) = led.lines
    assert line.status == "denied" and "<mod@AZ>" in line.note
    assert [d.claimant for d in led.denials] == ["mod@AZ"]


def test_statements_without_figures_are_kept_once_per_claim() -> None:
    rows = [row("a1", 0, None, None, "un", claim=0), row("a1", 1, None, None, None, claim=1)]
    led = build("ev", rows, META, {"a1": "x" * 100}, names)
    assert [s.claimant for s in led.statements] == ["un", None] and led.lines == []


def test_a_country_and_its_ministry_with_one_figure_are_one_source() -> None:
    rows = [row("a1", 0, "killed", 12, "SD"), row("a2", 0, "killed", 12, "moh@SD"), row("a3", 0, "killed", 12, "UN")]
    (line,) = build("ev", rows, META, {}, names).lines
    assert [r.claimant for r in line.reports] == ["moh@SD", "UN"]
    assert line.reports[0].articles == ["a2", "a1"] and len(line.reports[0].spans) == 2
    other = build("ev", [row("a1", 0, "killed", 12, "SD"), row("a2", 0, "killed", 15, "moh@SD")], META, {}, names)
    assert [r.claimant for r in other.lines[0].reports] == ["SD", "moh@SD"]  # different figures stay apart
