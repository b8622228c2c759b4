"""`rasd ledger`, `rasd eval claims` and `rasd eval entities` (`rasd entities` is in `rasd.cli.entities`)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, app, check_limit, esc, eval_app, out
from rasd.errors import InputError
from rasd.eval.claims import evaluate_claims
from rasd.eval.claims import read_gold as read_claims_gold
from rasd.eval.conll import read_conll
from rasd.eval.entities import EntityReport, evaluate_entities, held_back
from rasd.extract.ledger import Ledger
from rasd.extract.tagger import Tagger
from rasd.pipeline import run as run_pipeline
from rasd.present.views import ledger_view
from rasd.store import Store

_STATUS_STYLE = {"denied": "bold red", "updated": "bold yellow", "differ": "yellow", "agree": "green", "single": ""}


def _print_ledger(ledger: Ledger) -> None:
    out.print(f"[bold]ledger {esc(ledger.scope)}[/] · {ledger.articles} articles · outlets: "
              f"{esc(', '.join(ledger.outlets) or '—')}")
    table = Table(title="figures")
    for col in ("kind", "side", "status", "figure", "claimant", "articles", "as written", "note"):
        table.add_column(col, overflow="fold", max_width=40 if col in ("note", "as written") else None)
    for line in ledger.lines:
        style = _STATUS_STYLE.get(line.status, "")
        for k, r in enumerate(line.reports):
            figure = f"{r.value}" if r.qualifier == "exact" else f"{r.qualifier} {r.value}"
            if r.value_max is not None:
                figure += f"–{r.value_max}"
            if r.polarity == "denies":
                figure = "DENIED " + figure
            table.add_row(esc(line.kind) if k == 0 else "",
                          esc(line.subject_name or line.subject or "?") if k == 0 else "",
                          f"[{style}]{line.status}[/]" if k == 0 and style else (line.status if k == 0 else ""),
                          esc(figure), esc(r.claimant_name or "— (outlet)"), esc(", ".join(r.articles)),
                          esc(" | ".join(r.surfaces)), esc(line.note) if k == 0 else "")
    out.print(table)
    if ledger.denials:
        out.print("[bold red]denials[/]")
        for d in ledger.denials:
            out.print(f"  {esc(d.claimant_name or '—')} {esc(f'[{d.verb}]')} {esc(d.text[:160])}  "
                      f"({esc(d.article)})")
    if ledger.statements:
        who: dict[str, int] = {}
        for s in ledger.statements:
            who[s.claimant_name or "— (unattributed)"] = who.get(s.claimant_name or "— (unattributed)", 0) + 1
        out.print("statements by claimant: " + ", ".join(f"{esc(k)} ({v})" for k, v in sorted(who.items(),
                                                                                            key=lambda x: -x[1])))


@app.command()
def ledger(scope: Annotated[str | None, typer.Argument(
               help="Event or story id (from `rasd events` / `rasd stories`); none: every event with figures.")] = None,
           db: DbOpt = Path("rasd.db"),
           limit: Annotated[int, typer.Option(help="Events, without an id.", callback=check_limit)] = 20,
           as_json: JsonOpt = False) -> None:
    """The source ledger of an event or story: each figure with its claimant, outlets and time, marked
    agree, differ, updated or denied; then the denials and who made statements."""
    with _open_existing(db) as store:
        if scope is not None:
            views = [ledger_view(store, scope)]
        else:
            views = [v for v in (ledger_view(store, e.id) for e in store.events(limit=limit)) if v.lines or v.denials]
    if as_json:
        _print_json(views[0].to_json() if scope is not None else [v.to_json() for v in views])
        return
    for v in views:
        _print_ledger(v)


@eval_app.command("claims")
def eval_claims(
    gold: Annotated[Path, typer.Option(help="Seeds gold.json, or a JSONL of fact and claim lines.")],
    db: DbOpt = Path("rasd.db"),
    corpus: Annotated[Path | None, typer.Option(help="Ingest this folder into a fresh temporary store first.")] = None,
    show: Annotated[bool, typer.Option(help="List missed and extra facts.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Precision and recall of numeric facts (with claimant and side), statements, and whether the
    ledger flags updates and denials."""
    facts, statements, judge = read_claims_gold(gold)
    if corpus is None:
        with _open_existing(db) as store:
            report = evaluate_claims(store, facts, statements, judge)
    else:
        if not corpus.exists():
            raise InputError(f"no such file or folder: {corpus}")
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.db") as store:
            run_pipeline([corpus], store)
            report = evaluate_claims(store, facts, statements, judge)
    if as_json:
        _print_json(report.to_json())
        return
    table = Table(title=f"rasd eval claims ({esc(gold.name)})")
    for col in ("what", "gold", "predicted", "precision", "recall", "F1", "claimant acc."):
        table.add_column(col, justify="right")
    for name, d in (("facts", report.facts), ("statements", report.statements)):
        if d:
            table.add_row(name, str(int(d["gold"])), str(int(d["predicted"])),
                          f"{d['precision']:.3f}" if judge else "—", f"{d['recall']:.3f}",
                          f"{d['f1']:.3f}" if judge else "—", f"{d['claimant_accuracy']:.3f}")
    out.print(table)
    f = report.facts
    out.print(f"facts with the right claimant: recall {f['facts_and_claimants_recall']:.3f}; "
              f"side accuracy {f['subject_accuracy']:.3f}")
    for k, v in report.flags.items():
        out.print(f"{k.replace('_', ' ')}: {v:.3f}")
    if show:
        for m in report.misses:
            out.print(f"[yellow]missed[/] {esc(m)}")
        for x in report.extras:
            out.print(f"[red]extra[/] {esc(x)}")
        for x in report.misattributed:
            out.print(f"[magenta]claimant[/] {esc(x)}")


@eval_app.command("entities")
def eval_entities(
    gold: Annotated[Path, typer.Option(help="A BIO CoNLL file (NewsFANE's fine classes or PER/LOC/ORG tags).")],
    part: Annotated[str, typer.Option(help="held: the held-back part (every 5th document); dev: the rest; all.")]
    = "held",
    block: Annotated[int, typer.Option(help="Sentences a document, when the file has no -DOCSTART- lines.")] = 10,
    show: Annotated[bool, typer.Option(help="List missed and extra mentions.")] = False,
    model: Annotated[Path | None, typer.Option(
        help="A tagger trained by `rasd entities train`: scores the rules and the model side by side.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Person, place and organisation spans against hand-tagged gold: exact (after leading clitics) and
    partial-overlap precision, recall and F1; with --model, the rules' figures and the model's."""
    if part not in ("held", "dev", "all"):
        raise InputError(f"--part must be held, dev or all, not {part!r}")
    if block < 1:
        raise InputError(f"--block must be at least 1, not {block}")
    tagger = Tagger(model) if model is not None else None
    docs = held_back(read_conll(gold, block=block), part)
    report = evaluate_entities(docs)
    with_model = evaluate_entities(docs, tagger) if tagger is not None else None
    if as_json:
        _print_json(report.to_json() if with_model is None else {**report.to_json(), "model": with_model.to_json()})
        return
    _print_entity_report(report, f"rules, {esc(gold.name)}, {part}: {report.docs} documents", show)
    if with_model is not None:
        _print_entity_report(with_model, f"model {esc(model)}, {esc(gold.name)}, {part}", show)


def _print_entity_report(report: EntityReport, title: str, show: bool) -> None:
    table = Table(title=f"rasd eval entities ({title})")
    for col in ("type", "gold", "predicted", "P", "R", "F1", "partial P", "partial R", "partial F1"):
        table.add_column(col, justify="right")
    rows = [*report.by_type.items(), ("all", report.overall)]
    for name, c in rows:
        d = c.as_dict()
        table.add_row(name, str(int(d["gold"])), str(int(d["predicted"])),
                      *(f"{d[k]:.3f}" for k in ("precision", "recall", "f1", "partial_precision",
                                                 "partial_recall", "partial_f1")))
    out.print(table)
    if show:
        for m in report.misses:
            out.print(f"[yellow]missed[/] {esc(m)}")
        for x in report.extras:
            out.print(f"[red]extra[/] {esc(x)}")
