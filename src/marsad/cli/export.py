"""`marsad export`: the whole store (or its documents of one language or time) as JSON Lines or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.base import DbOption, app, day_option, err, plain, settings_with
from marsad.export import EXPORT_FORMATS, EXPORT_TABLES, export
from marsad.store import DocumentFilter, Store


@app.command("export", epilog="Example: marsad export --format csv --table documents --output documents.csv")
def export_command(
    format: Annotated[str, typer.Option("--format", help=f"One of {', '.join(EXPORT_FORMATS)}.")] = "jsonl",
    table: Annotated[
        str,
        typer.Option(
            help=f"One of {', '.join(EXPORT_TABLES)}. JSON Lines of documents are whole contract objects; of events or "
            "tallies, one report a line with its document, as `marsad events --json` prints them."
        ),
    ] = "documents",
    output: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    db: DbOption = None,
    language: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this day.")] = None,
) -> None:
    """Export the store, or its documents of one language or publication time: JSON Lines or CSV of documents, events or tallies."""
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    if table not in EXPORT_TABLES:
        raise typer.BadParameter(f"--table must be one of {', '.join(EXPORT_TABLES)}")
    where = DocumentFilter(language=language, since=day_option(since, "--since"), until=day_option(until, "--until"))
    with Store(settings_with(db).db) as store:
        if output is None:
            export(store, where, format, table, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = export(store, where, format, table, stream)
            err.print(plain(f"wrote {count} rows to {output}"))
