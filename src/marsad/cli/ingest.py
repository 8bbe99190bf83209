"""`marsad ingest` and `marsad link`: sources into the store, reports into incidents."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from marsad.cli.base import (
    ColumnOption,
    DbOption,
    PublishedOption,
    RoleOption,
    SourcesArgument,
    app,
    err,
    ingest_options,
    out,
    report_error,
    settings_with,
)
from marsad.ingest import IngestOptions
from marsad.pipeline import Summary, ingest, link
from marsad.store import Store


def run_ingest(sources: list[str], options: IngestOptions, store: Store) -> Summary:
    """`pipeline.ingest` with a progress bar on a terminal and errors reported as they come."""
    with Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    ) as progress:  # fmt: skip
        task = progress.add_task("ingest", total=None)
        return ingest(
            sources,
            options,
            store,
            on_error=report_error,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )


@app.command("ingest", epilog="Example: marsad ingest samples/articles feed.xml https://example.org/news --role outlet")
def ingest_command(
    sources: SourcesArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    role: RoleOption = "outlet",
    column: ColumnOption = None,
) -> None:
    """Read sources into the store: text, HTML, JSON Lines, CSV/TSV, RSS/Atom, Telegram exports,
    URLs; then link the new event reports into incidents."""
    settings = settings_with(db)
    options = ingest_options(settings, published, role, column)
    with Store(settings.db) as store:
        summary = run_ingest(sources, options, store)
        linked = link(store)
    out.print(str(linked), highlight=False)
    out.print(str(summary), highlight=False)  # last: the line scripts read
    if summary.failed:
        raise typer.Exit(1)


@app.command("link", epilog="Example: marsad link --db team.db")
def link_command(db: DbOption = None) -> None:
    """Link the stored event reports not linked yet into incidents (ingest does it too)."""
    with Store(settings_with(db).db) as store:
        out.print(str(link(store)), highlight=False)
