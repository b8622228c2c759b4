"""`rasd eval realdev` and `rasd eval pairs`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, err, eval_app, out
from rasd.errors import InputError
from rasd.eval import pairs as pairs_eval
from rasd.eval.realdev import PARTS, compare, evaluate_realdev, headline
from rasd.eval.realdev_stream import MODES

DEFAULT_DATA = Path(os.environ.get("RASD_DATA", "../shared/data"))


@eval_app.command("realdev")
def eval_realdev(
    labels: Annotated[Path, typer.Option(help="Labels folder (events, dates, copies, facts, stream.json).")] = Path(
        "tests/data/realdev"),
    data: Annotated[Path, typer.Option(help="Folder of the shared sets (JSONL files and html/).")] = DEFAULT_DATA,
    part: Annotated[list[str] | None, typer.Option(help=f"Only these parts ({', '.join(PARTS)}); repeatable.")] = None,
    mode: Annotated[list[str] | None, typer.Option(help="Only these runs: text (times removed) or times "
                                                        "(feed/crawl times given); repeatable.")] = None,
    keep: Annotated[Path | None, typer.Option(help="Keep each run's store in this folder (realdev-MODE.db).")] = None,
    check: Annotated[Path | None, typer.Option(help="Recorded scores (scores.json): exit 1 when a figure falls "
                                                    "more than 0.02 below.")] = None,
    entity_model: Annotated[Path | None, typer.Option(
        help="Entity tagger trained by `rasd entities train` (default: rules only).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score rasd inside the full stream of the labelled days: events and stories (text alone and
    with times), stated dates, copies, facts, the stream's event sizes, and the HTML pages."""
    result = evaluate_realdev(labels, data, parts=tuple(part or PARTS), modes=tuple(mode or MODES), keep=keep,
                              log=None if as_json else err.print, entity_model=entity_model)
    result["headline"] = headline(result)
    fell: list[str] = []
    if check is not None:
        try:
            recorded = json.loads(check.read_text(encoding="utf-8"))["headline"]
        except (OSError, ValueError, KeyError) as e:
            raise InputError(f"cannot read recorded scores {check}: {e!r}") from e
        fell = compare(result["headline"], recorded)
        result["fell"] = fell
    if as_json:
        _print_json(result)
    else:
        _print(result)
    if fell:
        raise typer.Exit(1)


def _print(result: dict[str, Any]) -> None:
    if "stream_articles" in result:
        out.print(f"[bold]stream[/]: {result['stream_articles']} articles of the labelled days")
    for mode, s in result["modes"].items():
        out.print(f"[bold]{mode}[/] ({s['seconds']} s)")
        for level in ("events", "stories"):
            if level in s:
                d = s[level]
                out.print(f"  {level:8} B³ P {d['bcubed_p']:.3f} R {d['bcubed_r']:.3f} F1 {d['bcubed_f1']:.3f} · "
                          f"pairwise P {d['pairwise_p']:.3f} R {d['pairwise_r']:.3f} · {d['items']} articles")
        if "event_errors" in s:
            e = s["event_errors"]
            worst = ", ".join("+".join(m["gold_events"])[:80] for m in e["merged"][:3])
            out.print(f"  {len(e['split'])} gold events split over several rasd events; {len(e['merged'])} rasd events "
                      f"hold several gold events" + (f" (largest: {worst})" if worst else ""))
        if s.get("missing"):
            out.print(f"  [yellow]labelled but not placed[/]: {len(s['missing'])}")
        st = s["stream"]
        out.print(f"  stream: {st['events']} events ({st['singletons']} of one article) · in events ≥20: "
                  f"{st['in_events_20']} ({st['share_20']:.0%}) · ≥50: {st['in_events_50']} ({st['share_50']:.0%}) · "
                  f"largest event {st['largest_event']} · largest story {st['largest_story']}")
        if "dates" in s:
            d = s["dates"]
            out.print(f"  dates: {d['stated']} stated, exact {d['exact']:.3f} · {d['false_dates']} of {d['unstated']} "
                      f"without a stated date got one · {d['weekday_only']} weekday only")
        if "crawl_dates" in s:
            d = s["crawl_dates"]
            out.print(f"  crawl time reported as published: {d['false_dates']} of {d['unstated']} articles "
                      f"that state no date")
        if "copies" in s:
            c = s["copies"]
            out.print(f"  copies: recall {c['recall']:.3f} precision {c['precision']:.3f} canonical exact "
                      f"{c['canonical_exact']:.3f} ({c['gold_copies']} copies in {c['groups']} groups)")
        if "facts" in s:
            f = s["facts"]
            out.print(f"  facts: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} · claimant accuracy "
                      f"{f['claimant_accuracy']:.3f} · right fact with right claimant "
                      f"{f['facts_and_claimants_recall']:.3f}")
    if "html" in result:
        h = result["html"]
        out.print(f"[bold]html[/] ({h['pages']} pages): dates {h['dates']:.2f} of {h['dates_judged']} · titles "
                  f"{h['titles']:.2f} of {h['titles_judged']} · main text starts right {h['text_start']:.2f} · "
                  f"must-have {h['with']:.2f} · must-not kept {h['without_kept']}/{h['without_total']}")
        for m in h["misses"]:
            out.print(f"  [red]miss[/] {m}")
    for f in result.get("fell", []):
        out.print(f"[red]fell[/] {f}")


@eval_app.command("pairs")
def eval_pairs(
    db: DbOpt = Path("rasd.db"),
    n: Annotated[int, typer.Option(help="Pairs to draw.")] = 150,
    out_path: Annotated[Path | None, typer.Option("--out", help="File to write the pairs to (JSONL); the ids go "
                                                                "to FILE.key.jsonl beside it.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    score: Annotated[Path | None, typer.Option(help="Score this judged file instead of drawing.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Draw N pairs uniformly from the same-event pairs of a stored run for blind judging
    (same_event / same_story / unrelated), or score a judged file with --score."""
    if score is not None:
        report = pairs_eval.score(score)
        if as_json:
            _print_json(report)
        else:
            out.print(f"{report['judged']} of {report['pairs']} pairs judged: same event {report['same_event']:.0%} · "
                      f"same story {report['same_story']:.0%} · unrelated {report['unrelated']:.0%}")
        return
    if out_path is None:
        raise InputError("give --out FILE to draw pairs, or --score FILE to score judged ones")
    with _open_existing(db) as store:
        lines, keys = pairs_eval.draw(store, n, seed)
    key_path = pairs_eval.write(lines, keys, out_path)
    if as_json:
        _print_json({"pairs": len(lines), "path": str(out_path), "key": str(key_path)})
    else:
        err.print(f"wrote {len(lines)} pairs to {out_path} (ids in {key_path}); fill each 'judgement' with "
                  f"{', '.join(pairs_eval.JUDGEMENTS)} and run: rasd eval pairs --score {out_path}")
