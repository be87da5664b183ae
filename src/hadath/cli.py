"""The ``hadath`` command. Only this module prints; logs go to stderr, results to stdout or files."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

import click
from tqdm import tqdm

from hadath import pipeline, serve
from hadath.engine import Engine, EngineError
from hadath.store import Store, StoreError

DEFAULT_DB = "hadath.db"


@click.group()
@click.version_option(package_name="hadath")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def main(verbose: bool) -> None:
    """hadath: Arabic news in, a de-duplicated, sourced dataset of political events out."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--all-events", is_flag=True, help="List background events in the timeline too.")
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Local worker processes for cleaning, analysis and coding.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786) instead of this machine.",
)
def run(inputs: tuple[str, ...], db: str, all_events: bool, workers: int, scheduler: str | None) -> None:
    """Process files, folders and globs into the database.

    Reads .txt, .html/.htm, .jsonl, .warc/.warc.gz, RSS/Atom feeds and zip/gzip/tar archives of them.
    """
    engine = Engine(workers=workers, scheduler=scheduler)
    with _open(db) as store:
        bar = tqdm(desc="hadath", unit="input", file=sys.stderr, disable=None, leave=False)
        try:
            summary = pipeline.run(inputs, store, progress=lambda _source: bar.update(1), engine=engine)
        except EngineError as e:
            raise click.ClickException(str(e)) from e
        bar.close()
        _report(store, db, summary, all_events)
    if summary.inputs == 0:
        raise SystemExit(1)


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--allow-private", is_flag=True, help="Permit private and loopback addresses (local tests).")
@click.option(
    "--timeout", default=20.0, show_default=True, help="Seconds to wait on each connection or read."
)
def fetch(targets: tuple[str, ...], db: str, allow_private: bool, timeout: float) -> None:
    """Fetch pages and RSS/Atom feeds over HTTP (robots.txt respected) into the database."""
    from hadath.ingest.fetch import fetch as fetch_targets

    with _open(db) as store:
        bar = tqdm(desc="hadath", unit="page", file=sys.stderr, disable=None, leave=False)
        items = fetch_targets(targets, allow_private=allow_private, timeout=timeout)
        summary = pipeline.run_items(items, store, progress=lambda _source: bar.update(1))
        bar.close()
        _report(store, db, summary, all_events=False)
    if summary.inputs == 0:
        raise SystemExit(1)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File (default stdout).")
def export(db: str, fmt: str, output: str | None) -> None:
    """Write every record (articles, events, entities, rejected) in the export contract."""
    _require(db)
    with _open(db, readonly=True) as store:
        if output is None:
            n = serve.write_jsonl(store, sys.stdout) if fmt == "jsonl" else serve.write_csv(store, sys.stdout)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = serve.write_jsonl(store, out) if fmt == "jsonl" else serve.write_csv(store, out)
            click.echo(f"{n} records → {output}", err=True)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--all", "all_events", is_flag=True, help="Include background events, not only main ones.")
def events(db: str, all_events: bool) -> None:
    """List events: date, type/mode, actors, sources, title, id."""
    _require(db)
    with _open(db, readonly=True) as store:
        click.echo(serve.timeline(store, main_only=not all_events), nl=False)


@main.command()
@click.argument("record_id")
@click.option("--db", default=DEFAULT_DB, show_default=True)
def show(record_id: str, db: str) -> None:
    """Show one event, article or entity by id as JSON."""
    _require(db)
    with _open(db, readonly=True) as store:
        text = serve.show(store, record_id)
    if text is None:
        raise click.UsageError(f"no record with id {record_id!r}; list ids with `hadath events --db {db}`")
    click.echo(text)


@main.command()
@click.option(
    "--conll",
    "conll",
    type=click.File("r", encoding="utf-8"),
    required=True,
    help="Pre-tokenised CoNLL: a token a line (first column), a blank line between sentences; '-' for stdin.",
)
def tag(conll: TextIO) -> None:
    """Append the predicted named-entity tag (ANERcorp names: B-PERS, I-LOC, O, ...) to every token line."""
    from hadath.language import ner  # the CRF model loads only for this command

    for line in ner.tag_conll(conll):
        click.echo(line)


def _report(store: Store, db: str, summary: pipeline.Summary, all_events: bool) -> None:
    click.echo(summary.line())
    counts = store.counts()
    click.echo(
        f"database {db}: {counts['articles']} articles, {counts['events']} events, "
        f"{counts['entities']} entities, {counts['rejected']} rejected"
    )
    lines = serve.timeline(store, main_only=not all_events)
    if lines:
        click.echo("")
        click.echo(lines, nl=False)


def _require(db: str) -> None:
    if not Path(db).exists():
        raise click.UsageError(f"database {db} not found; create it with `hadath run INPUT... --db {db}`")


def _open(db: str, *, readonly: bool = False) -> Store:
    """The database, or a clean error when it cannot be opened (not SQLite, not hadath's, locked)."""
    try:
        return Store(db, readonly=readonly)
    except StoreError as e:
        raise click.ClickException(str(e)) from e


@main.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="HADATH_TOKEN",
    help="Enable the ingest endpoints, for requests with `Authorization: Bearer TOKEN` (or $HADATH_TOKEN).",
)
def serve_command(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web UI and the REST API (read-only unless a token is given)."""
    _require(db)
    import uvicorn

    from hadath.serve.api import create_app

    try:
        app = create_app(db, token=token)
    except ValueError as e:
        raise click.UsageError(
            f"{e}; generate one with `python -c 'import secrets; print(secrets.token_urlsafe())'`"
        ) from e
    with _open(db) as store:
        # Built (or caught up) before the first search asks, which on a large database takes a while.
        indexed = store.sync_search()
    if indexed:
        click.echo(f"hadath: indexed {indexed} records for search", err=True)
    click.echo(f"hadath: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
