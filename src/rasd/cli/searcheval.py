"""`rasd eval search`: recall, precision and MRR of search on hand-judged queries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from rasd.cli.common import JsonOpt, _print_json, err, esc, eval_app, out
from rasd.cli.realdev import DEFAULT_DATA
from rasd.eval.search import evaluate_search


@eval_app.command("search")
def eval_search(
    queries: Annotated[Path, typer.Option(help="Judged queries (JSONL: id, set, class, query, relevant).")] = Path(
        "tests/data/search/queries.jsonl"),
    seeds: Annotated[Path, typer.Option(help="Seeds folder (the `seeds` set).")] = Path("../shared/seeds"),
    data: Annotated[Path, typer.Option(help="Folder of the shared sets (the `realdev` set).")] = DEFAULT_DATA,
    labels: Annotated[Path, typer.Option(help="realdev labels folder (its stream.json names the days).")] = Path(
        "tests/data/realdev"),
    realdev_db: Annotated[Path | None, typer.Option(
        help="Search this store for the realdev set instead of building one (e.g. realdev-text.db "
             "from `rasd eval realdev --keep`).")] = None,
    seeds_db: Annotated[Path | None, typer.Option(help="Search this store for the seeds set.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per query.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Run the judged queries on the seeds and on the realdev stream; print recall (of everything
    found), precision and MRR per query class."""
    result = evaluate_search(queries, seeds=seeds, data=data, labels=labels,
                             stores={"seeds": seeds_db, "realdev": realdev_db},
                             log=None if as_json else err.print)  # fmt: skip
    if as_json:
        _print_json(result)
    else:
        _print(result, verbose)


def _print(result: dict[str, Any], verbose: bool) -> None:
    if verbose:
        for r in result["queries"]:
            out.print(f"{r['id']:4} {r['set']:7} {r['class']:8} R {r['recall']:.2f} P {r['precision']:.2f} "
                      f"RR {r['rr']:.2f} found {r['found']:4} of {r['relevant']:4} relevant  {esc(r['query'])}")
    table = Table(title="rasd eval search")
    for col in ("", "queries", "recall", "precision", "MRR"):
        table.add_column(col, justify="left" if not col else "right")
    s = result["summary"]
    for key in ("class", "set"):
        for name, v in s[key].items():
            table.add_row(f"{key} {name}", str(v["queries"]), f"{v['recall']:.3f}", f"{v['precision']:.3f}",
                          f"{v['mrr']:.3f}")
    a = s["all"]
    table.add_row("all", str(a["queries"]), f"{a['recall']:.3f}", f"{a['precision']:.3f}", f"{a['mrr']:.3f}")
    out.print(table)
