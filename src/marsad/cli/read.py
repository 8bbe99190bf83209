"""The pure stages, on sources given on the command line; no store is touched:
`marsad extract` (the contract), `marsad read` (sentences, quantities, times) and
`marsad places` (places and how they were chosen)."""

from __future__ import annotations

import datetime as dt
import sys
from json import dumps
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from marsad.cli.base import ColumnOption, PublishedOption, RoleOption, SourcesArgument, app, ingest_options, out, plain, report_error
from marsad.errors import InputError
from marsad.ingest import read_documents
from marsad.model import Document, Reading
from marsad.pipeline import extract_sources
from marsad.read import read_text
from marsad.read.normalize import normalize
from marsad.resolve.places import Resolution, resolve_places
from marsad.settings import Settings


@app.command("extract", epilog="Example: marsad extract article.txt --json --published 2024-02-05")
def extract_command(
    sources: SourcesArgument,
    json: Annotated[bool, typer.Option("--json", help="One JSON contract object per document, one per line.")] = False,
    published: PublishedOption = None,
    role: RoleOption = "outlet",
    column: ColumnOption = None,
) -> None:
    """Read sources and print what marsad finds in each document; touches no store."""
    options = ingest_options(Settings(), published, role, column)
    failed = 0
    for result in extract_sources(sources, options):
        if isinstance(result, InputError):
            failed += 1
            report_error(result)
        elif json:
            sys.stdout.write(result.to_json() + "\n")
        else:
            meta = result.document
            out.print(
                plain(f"{meta.id}  {meta.language}  {meta.published or '-'}  {meta.title or ''}"),
                plain(f"  {len(result.events)} events, {len(result.tallies)} tallies, {len(result.places)} places"),
                sep="\n",
            )
    if failed:
        raise typer.Exit(1)


@app.command("read", epilog="Example: marsad read article.txt --published 2024-02-05   (or --json; - for standard input)")
def read_command(
    sources: SourcesArgument,
    published: PublishedOption = None,
    json: Annotated[bool, typer.Option("--json", help="Sentences, quantities and times as JSON, one object per document.")] = False,
) -> None:
    """Show what the reading stage finds: sentences, quantities with hedges, and resolved times."""
    options = ingest_options(Settings(), published, "outlet", None)
    failed = 0
    for document in read_documents(sources, options):
        if isinstance(document, InputError):
            failed += 1
            report_error(document)
            continue
        day = document.published.date() if isinstance(document.published, dt.datetime) else document.published
        reading = read_text(document.text, day)
        if json:
            sys.stdout.write(reading.model_dump_json() + "\n")
        else:
            _show_reading(document, reading)
    if failed:
        raise typer.Exit(1)


def _show_reading(document: Document, reading: Reading) -> None:
    """Each sentence on its own line, quantities and times marked, then what they were read as."""
    text = document.text
    out.rule(plain(f"{document.origin}  ({document.language}, published {document.published or 'unknown'})"))
    for number, sentence in enumerate(reading.sentences, start=1):
        line = plain(text[sentence.start : sentence.end])
        inside = lambda m: sentence.start <= m.evidence.start < sentence.end  # noqa: E731
        quantities = [q for q in reading.quantities if inside(q)]
        times = [t for t in reading.times if inside(t)]
        for mention, style in [(q, "bold yellow") for q in quantities] + [(t, "bold cyan") for t in times]:
            line.stylize(style, mention.evidence.start - sentence.start, mention.evidence.end - sentence.start)
        out.print(Text(f"[{number}] ", style="dim").append(line))
        for q in quantities:
            bounds = " ".join(f"{k}={v:g}" for k, v in (("low", q.low), ("best", q.best), ("high", q.high)) if v is not None)
            out.print(Text("      quantity  ", style="yellow").append(plain(f"{q.evidence.text}  →  {q.qualifier} {bounds} ({q.unit or 'no unit'})")))
        for t in times:
            out.print(Text("      time      ", style="cyan").append(plain(f"{t.evidence.text}  →  {t.start or '?'} … {t.end or '?'} ({t.precision})")))


def _resolution_json(document_id: str, resolution: Resolution) -> dict:
    return {
        "document": document_id,
        "mention": resolution.mention,
        "start": resolution.start,
        "end": resolution.end,
        "place": resolution.place.model_dump(mode="json") if resolution.place else None,
        "candidates": [
            {"gazetteer_id": c.entry.id, "name": c.entry.name, "kind": c.entry.kind, "country": c.entry.country,
             "admin1": c.entry.admin1, "score": round(c.score, 1)}
            for c in resolution.candidates[:5]
        ],  # fmt: skip
        "rules": resolution.rules,
    }


@app.command("places", epilog="Example: marsad places article.txt --json   (also folders, feeds, URLs, - for standard input)")
def places_command(
    sources: SourcesArgument,
    json: Annotated[bool, typer.Option("--json", help="One JSON object per place mention, one per line.")] = False,
    rejected: Annotated[bool, typer.Option("--rejected", help="Also show the names that were judged not to be places here.")] = False,
) -> None:
    """Show the places found in each document: the mention, the gazetteer entry chosen, the candidates weighed and the rules that decided."""
    failed = 0
    for document in read_documents(sources, ingest_options(Settings(), None, "outlet", None)):
        if isinstance(document, InputError):
            failed += 1
            report_error(document)
            continue
        resolutions = [r for r in resolve_places(normalize(document.text), document.text) if r.place or rejected]
        if json:
            for resolution in resolutions:
                sys.stdout.write(dumps(_resolution_json(document.id, resolution), ensure_ascii=False) + "\n")
            continue
        table = Table("mention", "place", "precision", "candidates", "why", title=plain(f"{document.id}  {document.title or ''}"))
        for resolution in resolutions:
            place = resolution.place
            where = f"{place.name} ({place.country or '-'}{' / ' + place.admin1 if place.admin1 else ''})" if place else "not a place"
            candidates = "; ".join(f"{c.entry.name} {c.entry.country or ''} {c.entry.kind} {c.score:.0f}" for c in resolution.candidates[:3])
            table.add_row(*map(plain, (resolution.mention, where, place.geo_precision if place else "", candidates, "; ".join(resolution.rules))))
        out.print(table)
    if failed:
        raise typer.Exit(1)
