"""`marsad ingest`: sources into the store."""

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
from marsad.pipeline import Summary, ingest
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
    """Read sources into the store: text, HTML, JSON Lines, CSV/TSV, RSS/Atom, Telegram exports, URLs."""
    settings = settings_with(db)
    options = ingest_options(settings, published, role, column)
    with Store(settings.db) as store:
        summary = run_ingest(sources, options, store)
    out.print(str(summary), highlight=False)
    if summary.failed:
        raise typer.Exit(1)
