"""`rasd entities` (the store's entities) and `rasd entities train` (the local entity tagger)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, app, check_limit, err, esc, out
from rasd.errors import InputError
from rasd.eval.conll import read_conll
from rasd.eval.entities import held_back
from rasd.extract.tagger import ENV_VAR, default_model_path
from rasd.present.views import entity_view

entities_app = typer.Typer(help="Entities of the store; `train` fits the local entity tagger.",
                           invoke_without_command=True)
app.add_typer(entities_app, name="entities")


@entities_app.callback()
def entities(ctx: typer.Context,
             db: DbOpt = Path("rasd.db"),
             type_: Annotated[str | None, typer.Option("--type", help="PER, ORG, GPE or LOC.")] = None,
             limit: Annotated[int, typer.Option(help="At most this many rows.", callback=check_limit)] = 50,
             as_json: JsonOpt = False) -> None:
    """Entities, most mentioned first, with their spelling variants merged."""
    if ctx.invoked_subcommand is not None:
        return
    with _open_existing(db) as store:
        rows = [entity_view(e) for e in store.entity_rows(type_, limit)]
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} entities")
    for col in ("id", "type", "name", "mentions", "variants"):
        table.add_column(col, overflow="fold", max_width=60 if col == "variants" else None)
    for r in rows:
        table.add_row(esc(r["id"]), esc(r["type"]), esc(r["name"]), str(r["mentions"]), esc(" | ".join(r["variants"])))
    out.print(table)


@entities_app.command("train")
def train(
    conll: Annotated[Path, typer.Option(
        help="A BIO CoNLL file you have (e.g. ../shared/data/ner/newsfane-gold-2014.conll).")],
    out_path: Annotated[Path | None, typer.Option("--out", help=f"Where to write the model (default: ${ENV_VAR}, "
                                                  "else ~/.local/share/rasd/entities.crfsuite).")] = None,
    part: Annotated[str, typer.Option(help="dev: all but the held-back part (every 5th document); all.")] = "dev",
    block: Annotated[int, typer.Option(help="Sentences a document, when the file has no -DOCSTART- lines.")] = 10,
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations.")] = 150,
    unlabeled: Annotated[list[Path] | None, typer.Option(
        help="Unlabelled news to learn word clusters from (JSONL with a text field, .jsonl.gz, or .txt); "
             "repeatable. e.g. ../shared/data/ant-2018-dev.jsonl.gz")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Train the entity tagger (a CRF over words, the rules' mentions among its features) on a hand-tagged
    file, by default on all but its held-back part. The model stays on this machine: weights trained on a
    CC BY-SA corpus are an adaptation of it. Use it with `--model PATH` or RASD_ENTITY_MODEL=PATH."""
    from rasd.extract.tagger_train import train as train_model

    if part not in ("dev", "all"):
        raise InputError(f"--part must be dev or all, not {part!r} (the held-back part is for scoring)")
    if block < 1 or iterations < 1:
        raise InputError("--block and --iterations must be at least 1")
    target = out_path or default_model_path()
    if target.exists() and target.is_dir():
        raise InputError(f"--out {target} is a folder; give a file path")
    docs = held_back(read_conll(conll, block=block), part)
    clusters = None
    if unlabeled:
        from rasd.extract.tagger_clusters import build, read_texts

        if not as_json:
            err.print(f"learning word clusters from {len(unlabeled)} file(s) ...")
        clusters = build(read_texts(unlabeled))
        if not len(clusters):
            raise InputError("--unlabeled: too little text to learn word clusters from")
    note = train_model([(d.text, [(s.type, s.start, s.end) for s in d.spans]) for d in docs], target,
                       source=f"{conll.name} ({part})", iterations=iterations, clusters=clusters,
                       clusters_from=", ".join(p.name for p in unlabeled or []))
    if as_json:
        _print_json({"model": str(target), **note})
        return
    out.print(f"trained on {note['documents']} documents ({note['sentences']} sentences, {note['tokens']} words) "
              f"in {note['seconds']} s -> {esc(target)}")
    out.print(f"use it: rasd eval entities --gold {esc(conll)} --model {esc(target)}   or   "
              f"{ENV_VAR}={esc(target)} rasd run ...")
    out.print("the weights are an adaptation of the training corpus (NewsFANE: CC BY-SA 3.0): keep them local")
