"""The stored documents: `marsad documents` lists them, `marsad show` shows one."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from marsad.cli.base import DbOption, app, day_option, err, out, plain, settings_with
from marsad.store import AmbiguousId, DocumentFilter, Store


@app.command("documents", epilog="Example: marsad documents --language ar --since 2024-01-01 --outlet 'Deir ez-Zor 24'")
def documents_command(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ar, en, fa, other).")] = None,
    role: Annotated[str | None, typer.Option(help="Only this source role.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this day.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """List stored documents, newest first."""
    where = DocumentFilter(outlet, language, role, day_option(since, "--since"), day_option(until, "--until"), limit)
    with Store(settings_with(db).db) as store:
        found = store.documents(where)
    if json:
        for document in found:
            sys.stdout.write(document.meta.model_dump_json() + "\n")
        return
    table = Table("id", "published", "lang", "role", "outlet", "title")
    for document in found:
        published = document.published.isoformat() if document.published else ""
        table.add_row(*map(plain, (document.id, published[:16], document.language, document.role, document.outlet, document.title or document.text[:60])))
    out.print(table)
    out.print(f"{len(found)} documents", highlight=False)


@app.command("show", epilog="Example: marsad show 3f2a9c  (any unique prefix of the id)")
def show_command(
    document_id: Annotated[str, typer.Argument(metavar="DOC", help="Document id or a unique prefix of it.")],
    db: DbOption = None,
    json: Annotated[bool, typer.Option("--json", help="The JSON contract object, with the text.")] = False,
) -> None:
    """Show one stored document: its metadata, text and reports."""
    with Store(settings_with(db).db) as store:
        try:
            full_id = store.resolve_id(document_id)
        except AmbiguousId as error:
            raise typer.BadParameter(str(error)) from None
        if full_id is None:
            err.print(plain(f"no document with id {document_id!r}"))
            raise typer.Exit(1)
        document, extraction = store.document(full_id), store.extraction(full_id)
    if json:
        sys.stdout.write(extraction.model_dump_json() + "\n")
        return
    for field in ("id", "title", "published", "outlet", "url", "author", "role", "language", "origin"):
        out.print(Text(f"{field:>9}: ", style="bold").append(plain(getattr(document, field))))
    out.print(plain(f"  reports: {len(extraction.events)} events, {len(extraction.tallies)} tallies, {len(extraction.places)} places"))
    out.rule()
    out.print(plain(document.text))
