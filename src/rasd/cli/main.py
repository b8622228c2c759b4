"""The `rasd` command: a thin shell over the library that turns errors into clean exits.

Every command takes `--json`; every failure prints one line (or one JSON error object with
`--json`) and exits non-zero, never a traceback (set RASD_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rasd.cli import (
    corpus,  # noqa: F401  (registers events, event, stories, eval clustering)
    entities,  # noqa: F401  (registers entities, entities train)
    extract,  # noqa: F401  (registers ledger, eval claims, eval entities)
    realdev,  # noqa: F401  (registers eval realdev, eval pairs)
    searcheval,  # noqa: F401  (registers eval search)
    serve,  # noqa: F401  (registers serve)
    tell,  # noqa: F401  (registers summary, timeline, report, eval tell)
    watch,  # noqa: F401  (registers watch)
)
from rasd.cli.common import (
    MAX_LIMIT,
    DbOpt,
    JsonOpt,
    _open_existing,
    _print_json,
    app,
    check_limit,
    err,
    esc,
    eval_app,
    out,
)
from rasd.errors import InputError, RasdError
from rasd.eval.seeds import evaluate_seeds
from rasd.pipeline import run as run_pipeline
from rasd.present import export as exporting
from rasd.present.views import article_view
from rasd.store import Store
from rasd.store.browse import Filters
from rasd.store.lock import writer_lock
from rasd.store.search import search as search_articles

_SHOWN = 50  # rows of the articles table `rasd run` prints (a run of 10,000 spent ~25 s printing them all)

@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html, .jsonl, .warc(.gz).")],
    db: DbOpt = Path("rasd.db"),
    source: Annotated[str | None, typer.Option(help="Outlet name for inputs that carry none.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 200,
    workers: Annotated[int | None, typer.Option(
        help="Processes for the per-article stages of large batches (default: the core count).")] = None,
    no_wait: Annotated[bool, typer.Option("--no-wait", help="Fail at once if another rasd is writing "
                                                             "to the store, instead of waiting.")] = False,
    entity_model: Annotated[Path | None, typer.Option(
        envvar="RASD_ENTITY_MODEL", help="Entity tagger trained by `rasd entities train` (default: rules only).")]
    = None,
    as_json: JsonOpt = False,
) -> None:
    """Read, clean, describe and date articles into the store; prints what it found."""
    from rasd.config import settings

    for p in paths:
        if not p.exists():
            raise InputError(f"no such file or folder: {p}")
    if batch_size > MAX_LIMIT:
        raise InputError(f"--batch-size must be at most {MAX_LIMIT:,}, not {batch_size}")
    try:
        cfg = settings(batch_size=batch_size, workers=workers if workers is not None else os.cpu_count() or 1,
                       entity_model=entity_model)
    except ValueError as e:
        raise InputError(str(e)) from e
    with Store(db) as store:
        with Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                      TimeElapsedColumn(), console=err, transient=True, disable=as_json) as bar:
            task = bar.add_task("read", total=None)

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            def waiting() -> None:
                err.print(f"another rasd process is writing to {esc(db)}: waiting for it to finish "
                          "(Ctrl-C to stop, --no-wait to fail instead)", soft_wrap=True)

            summary = run_pipeline(paths, store, source=source, config=cfg, progress=tick,
                                   wait=not no_wait, on_wait=waiting)
        shown = summary.stored if as_json else summary.stored[:_SHOWN]
        articles = [store.get(i) for i in shown]
        total = store.count()
    if as_json:
        _print_json({
            "files": summary.files, "read": summary.read, "stored": len(summary.stored),
            "unchanged": summary.unchanged, "in_store": total,
            "dropped": [{"origin": d.origin, "reason": d.reason, "detail": d.detail} for d in summary.dropped],
            "articles": [exporting.summary_row(a) for a in articles],
            "placements": [{"article": p.article, "event": p.event, "story": p.story, "new_event": p.new_event,
                            "score": p.score} for p in summary.placements],
        })  # fmt: skip
        return
    if articles:
        more = len(summary.stored) - len(articles)
        title = f"{len(summary.stored)} articles stored" + (
            f" (the first {len(articles)} shown; `rasd export` lists them all)" if more else "")
        table = Table(title=title, show_lines=False)
        table.add_column("id", no_wrap=True, min_width=20)
        table.add_column("title", no_wrap=True, max_width=44, overflow="ellipsis")
        table.add_column("published", no_wrap=True, min_width=16)
        table.add_column("lang", no_wrap=True, min_width=4)
        table.add_column("credits", no_wrap=True, max_width=24, overflow="ellipsis")
        for col in ("removed", "time refs"):
            table.add_column(col, no_wrap=True, min_width=len(col), justify="right")
        for a in articles:
            r = exporting.summary_row(a)
            table.add_row(esc(r["id"]), esc(r["title"] or "— (none)"), r["published"] or "unknown",
                          esc(r["language"]), esc(", ".join(r["credits"])), str(r["removed"]), str(r["time_refs"]))
        out.print(table)
    out.print(f"files {summary.files} · articles read {summary.read} · stored {len(summary.stored)} · "
              f"unchanged {summary.unchanged} · dropped {len(summary.dropped)} · in store {total}")
    if summary.placements:
        links = [x for p in summary.placements for x in p.links]
        out.print(f"events opened {sum(p.new_event for p in summary.placements)} · "
                  f"events joined {sum(not p.new_event for p in summary.placements)} · "
                  f"stories touched {len({p.story for p in summary.placements})} · copy links "
                  + ", ".join(f"{k} {sum(x.kind == k for x in links)}" for k in ("exact", "near", "passage")))
    for d in summary.dropped:
        out.print(f"[yellow]dropped[/] {esc(d.origin)}: {d.reason}" + (f" ({esc(d.detail)})" if d.detail else ""))


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (file name without extension).")],
    db: DbOpt = Path("rasd.db"),
    as_json: JsonOpt = False,
) -> None:
    """One article: cleaned text, removed spans with reasons, title, date and evidence, credits,
    languages and time references."""
    with _open_existing(db) as store:
        article = store.get(article_id)
    view = article_view(article)
    if as_json:
        _print_json(view)
        return
    out.print(f"[bold]{esc(view['id'])}[/]  source: {esc(view['source'] or 'unknown')}  "
              f"language: {esc(view['language'])}")
    note = f"  ({esc(view['title_note'])})" if view["title_note"] else ""
    out.print(f"[bold]title:[/] {esc(view['title'] or 'none')}{note}")
    pub = view["published"]
    if pub["value"]:
        out.print(f"[bold]published:[/] {pub['value']} ({pub['precision']}, {pub['rule']})  evidence: "
                  f"«{esc(pub['evidence_text'])}» at {pub['evidence']}"
                  + ("  [red]weekday disagrees[/]" if pub["weekday_ok"] is False else ""))
    else:
        out.print(f"[bold]published:[/] unknown ({esc(pub['note'] or 'no evidence')})")
    if view["seen"]:
        seen = view["seen"]
        out.print(f"[bold]seen:[/] {seen['value']} ({seen['source']}: the input's fetch or feed time)")
    out.print("[bold]credits:[/] " + (", ".join(f"{esc(c['name'])} ({c['kind']})" for c in view["credits"])
                                      or "none"))
    others = [x for x in view["line_languages"] if x["language"] not in ("ar", view["language"])]
    if others:
        out.print("[bold]other languages:[/] " + "; ".join(f"{x['language']} «{esc(x['text'])}»" for x in others))
    out.print("[bold]time references:[/]")
    for t in view["time_refs"]:
        out.print(f"  «{esc(t['text'])}» -> {t['value'] or 'unknown'} ({t['precision']}, {t['anchor']})"
                  + (f" {t['part_of_day']}" if t["part_of_day"] else "")
                  + (f"  {esc('[' + t['note'] + ']')}" if t["note"] else ""))
    out.print("[bold]removed:[/]")
    for r in view["removed"]:
        if r["reason"] != "blank":
            out.print(f"  [{r['start']}:{r['end']}] {r['reason']}: «{esc(r['text'][:80])}»")
    blanks = sum(1 for r in view["removed"] if r["reason"] == "blank")
    if not view["removed"]:
        out.print("  none")
    if blanks:
        out.print(f"  and {blanks} blank lines")
    out.print("[bold]text:[/]")
    out.print(esc(view["text"]))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; spelling variants (قرة/قره) match.")],
    db: DbOpt = Path("rasd.db"),
    limit: Annotated[int, typer.Option(help="Most hits to show.", callback=check_limit)] = 20,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this day (YYYY-MM-DD).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Full-text Arabic search over titles and cleaned text."""
    for name, day in (("--since", since), ("--until", until)):
        if day is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise InputError(f"{name} takes a day as YYYY-MM-DD, not {day!r}")
    with _open_existing(db) as store:
        hits = search_articles(store, query, limit=limit, filters=Filters(since=since, until=until, source=source))
    if as_json:
        _print_json({"query": query, "hits": hits})
        return
    out.print(f"{len(hits)} articles match «{esc(query)}»")
    for h in hits:
        out.print(f"[bold]{esc(h['id'])}[/]  {h['published'] or 'date unknown'}  {esc(h['title'] or '(no title)')}")
        for s in h["snippets"][:2]:
            out.print(f"    …{esc(s['before'])}[reverse]{esc(s['match'])}[/reverse]{esc(s['after'])}…")


@app.command()
def index(
    db: DbOpt = Path("rasd.db"),
    rebuild: Annotated[bool, typer.Option(help="Build it anew instead of adding what it lacks.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Bring the search word index beside the store (DB.search/) up to date; `rasd run` does it too."""
    if not db.exists():
        raise InputError(f"no store at {db}: run 'rasd run PATH --db {db}' first")
    t = time.perf_counter()
    with writer_lock(str(db)), Store(db) as store:
        added = store.sync_search_index(rebuild=rebuild) or 0
        total = store.count()
    took = round(time.perf_counter() - t, 1)
    if as_json:
        _print_json({"indexed": added, "articles": total, "seconds": took})
        return
    out.print(f"search index: {added:,} articles added ({total:,} in the store) in {took} s")


@app.command()
def export(
    db: DbOpt = Path("rasd.db"),
    fmt: Annotated[str, typer.Option("--format", help="jsonl, json, csv or md.")] = "jsonl",
    out_path: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")] = None,
    what: Annotated[str, typer.Option("--what", help="articles, claims or entities.")] = "articles",
    as_json: JsonOpt = False,
) -> None:
    """Export articles (one JSON object per line is the stable contract), claims (one line per claim and
    numeric fact) or entities (id, type, name, variants), as JSONL, JSON, CSV or Markdown."""
    if fmt not in exporting.FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(exporting.FORMATS)}")
    if what not in exporting.WHAT:
        raise InputError(f"unknown --what {what!r}: use one of {', '.join(exporting.WHAT)}")
    if out_path is not None:
        _refuse_store_output(out_path, db)
    with _open_existing(db) as store:
        if out_path is None:
            n = exporting.write_what(store, what, fmt, sys.stdout)
        else:
            try:
                f = out_path.open("w", encoding="utf-8", newline="")
            except OSError as e:
                raise InputError(f"cannot write {out_path}: {e.strerror or e}") from e
            with f:
                n = exporting.write_what(store, what, fmt, f)
    if out_path is not None:
        if as_json:
            _print_json({"written": n, "path": str(out_path), "format": fmt, "what": what})
        else:
            err.print(f"wrote {n} {what} to {esc(out_path)} ({fmt})")


def _refuse_store_output(out_path: Path, db: Path) -> None:
    """Refuse to write over the store or one of the files SQLite keeps beside it (opening the
    output for writing would truncate it before a single row is read)."""
    for used in (db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))):
        same = out_path.resolve() == used.resolve()
        if not same and out_path.exists() and used.exists():
            same = os.path.samefile(out_path, used)  # a hard or symbolic link to it
        if same:
            raise InputError(f"--out {out_path} is the store's own file ({used}): choose another path")


@eval_app.command("seeds")
def eval_seeds(
    db: DbOpt = Path("rasd.db"),
    gold: Annotated[Path, typer.Option(help="Gold annotation (gold.json of the seeds).")] = Path(
        "../shared/seeds/gold.json"),
    as_json: JsonOpt = False,
) -> None:
    """Per-field accuracy against the seeds' gold.json: titles, dates, relative dates,
    background dates, credits, boilerplate lines and repeated paragraphs."""
    if not gold.exists():
        raise InputError(f"no gold file at {gold}")
    with _open_existing(db) as store:
        report = evaluate_seeds(store, gold)
    if as_json:
        _print_json(report.to_json())
        return
    table = Table(title="rasd eval seeds")
    for col in ("field", "right", "total", "accuracy"):
        table.add_column(col)
    for name, score in report.fields.items():
        table.add_row(name, str(score.right), str(score.total), f"{score.accuracy:.2f}")
    out.print(table)
    for miss in report.misses:
        out.print(f"[red]miss[/] {esc(miss)}")


def main() -> None:
    """Entry point: run the app, turning every error into one line and a non-zero exit."""
    as_json = "--json" in sys.argv
    if sys.stdout is None:  # started with stdout closed (`rasd export >&-`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
        _fail({"error": "bad_output", "message": "standard output is closed"}, 74, False)
    try:
        for arg in sys.argv[1:]:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:  # bytes the locale could not decode come back as lone surrogates
                raise InputError(f"argument {os.fsencode(arg)!r} is not valid UTF-8") from None
        app()  # usage errors are handled (exit 2) by typer itself
    except BrokenPipeError:  # `rasd export | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    except RasdError as e:
        _fail(e.to_json(), e.exit_code, as_json)
    except KeyboardInterrupt:
        _fail({"error": "interrupted", "message": "interrupted; rerun to resume"}, 130, as_json)
    except Exception as e:  # the last guard against tracebacks
        if os.environ.get("RASD_DEBUG"):
            raise
        _fail({"error": "internal", "message": f"{type(e).__name__}: {e}"}, 70, as_json)


def _fail(payload: dict[str, str], code: int, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(f"rasd: {payload['message']}\n")
    sys.exit(code)
