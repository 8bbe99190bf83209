"""The `marsad` command line: every feature reachable from here, JSON and CSV out of everything.

Input text is never printed as console markup: everything that came from a source goes
through `plain()`, so a title like "[bold]x[/]" shows as written.
"""

from __future__ import annotations

import datetime as dt
import sys
from json import dumps
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from marsad import __version__
from marsad.errors import InputError
from marsad.export import EXPORT_FORMATS, EXPORT_TABLES, export
from marsad.ingest import Columns, IngestOptions, read_documents
from marsad.ingest.dates import parse_published
from marsad.model import DOCUMENT_ROLES, Document, Published, Reading, Role
from marsad.pipeline import Summary, extract_sources, ingest
from marsad.read.normalize import normalize
from marsad.resolve.geonames_import import gazetteer_app
from marsad.resolve.places import Resolution, resolve_places
from marsad.read import read_text
from marsad.settings import Settings
from marsad.store import AmbiguousId, DocumentFilter, Store

app = typer.Typer(
    help="marsad (مرصد): reporting on armed violence in, a source-attributed event dataset out.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.add_typer(gazetteer_app, name="gazetteer")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

SAMPLES = Path("samples")
# The bundled corpus, each part with the role of its sources and the column names it uses.
DEMO_PLAN = (
    ("articles", Role.OUTLET, Columns()),
    ("html", Role.OUTLET, Columns()),
    ("feeds", Role.OUTLET, Columns()),
    ("records/monitor_weekly.jsonl", Role.MONITOR, Columns()),
    ("records/statements.csv", Role.OFFICIAL, Columns(text="body", title="headline", published="date", outlet="source", url="link")),
    ("telegram", Role.CLAIMANT, Columns()),
)


def plain(value: object) -> Text:
    return Text("" if value is None else str(value))


def _settings(db: str | None) -> Settings:
    try:
        return Settings(**({"db": db} if db else {}))
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def _published(value: str | None) -> Published | None:
    if value is None:
        return None
    published = parse_published(value)
    if published is None:
        raise typer.BadParameter(f"cannot read {value!r} as a date (try 2024-02-05)")
    return published


def _role(value: str) -> Role:
    if value not in DOCUMENT_ROLES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(DOCUMENT_ROLES)}")
    return Role(value)


def _columns(values: list[str] | None) -> Columns:
    mapping = {}
    for value in values or []:
        field, sep, column = value.partition("=")
        if not sep or field not in Columns.__dataclass_fields__ or not column:
            fields = ", ".join(Columns.__dataclass_fields__)
            raise typer.BadParameter(f"{value!r}: use FIELD=COLUMN with FIELD one of {fields}")
        mapping[field] = column
    return Columns(**mapping)


def _date(value: str | None, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"{name} wants a date like 2024-01-31, not {value!r}") from None


DbOption = Annotated[str | None, typer.Option("--db", help="Store URL or SQLite path (env MARSAD_DB; default ./marsad.db).")]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date for inputs that carry none (ISO, or as written: '5 فبراير 2024').")
]
RoleOption = Annotated[str, typer.Option(help="Role of the sources: outlet, claimant, monitor or official.")]
ColumnOption = Annotated[
    list[str] | None,
    typer.Option("--column", help="Record field names, FIELD=COLUMN (text, title, published, outlet, url, role); repeatable."),
]
SourcesArgument = Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for standard input.")]


def _options(settings: Settings, published: str | None, role: str, column: list[str] | None) -> IngestOptions:
    return IngestOptions(settings=settings, published=_published(published), role=_role(role), columns=_columns(column))


def _report_error(error: InputError) -> None:
    err.print(Text("error: ", style="red").append(str(error)), highlight=False)


def _run_ingest(sources: list[str], options: IngestOptions, store: Store) -> Summary:
    with Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        return ingest(
            sources,
            options,
            store,
            on_error=_report_error,
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
    settings = _settings(db)
    options = _options(settings, published, role, column)
    with Store(settings.db) as store:
        summary = _run_ingest(sources, options, store)
    out.print(str(summary), highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command("extract", epilog="Example: marsad extract article.txt --json --published 2024-02-05")
def extract_command(
    sources: SourcesArgument,
    json: Annotated[bool, typer.Option("--json", help="One JSON contract object per document, one per line.")] = False,
    published: PublishedOption = None,
    role: RoleOption = "outlet",
    column: ColumnOption = None,
) -> None:
    """Read sources and print what marsad finds in each document; touches no store."""
    options = _options(Settings(), published, role, column)
    failed = 0
    for result in extract_sources(sources, options):
        if isinstance(result, InputError):
            failed += 1
            _report_error(result)
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
    options = _options(Settings(), published, "outlet", None)
    failed = 0
    for document in read_documents(sources, options):
        if isinstance(document, InputError):
            failed += 1
            _report_error(document)
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
    for document in read_documents(sources, _options(Settings(), None, "outlet", None)):
        if isinstance(document, InputError):
            failed += 1
            _report_error(document)
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
    where = DocumentFilter(outlet, language, role, _date(since, "--since"), _date(until, "--until"), limit)
    with Store(_settings(db).db) as store:
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
    with Store(_settings(db).db) as store:
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


@app.command("export", epilog="Example: marsad export --format csv --table documents --output documents.csv")
def export_command(
    format: Annotated[str, typer.Option("--format", help=f"One of {', '.join(EXPORT_FORMATS)}.")] = "jsonl",
    table: Annotated[str, typer.Option(help=f"With csv: one of {', '.join(EXPORT_TABLES)}.")] = "documents",
    output: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    db: DbOption = None,
    language: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this day.")] = None,
) -> None:
    """Export the store: JSON Lines of contract objects, or CSV of documents, events or tallies."""
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    if table not in EXPORT_TABLES:
        raise typer.BadParameter(f"--table must be one of {', '.join(EXPORT_TABLES)}")
    where = DocumentFilter(language=language, since=_date(since, "--since"), until=_date(until, "--until"))
    with Store(_settings(db).db) as store:
        if output is None:
            export(store, where, format, table, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = export(store, where, format, table, stream)
            err.print(plain(f"wrote {count} rows to {output}"))


@app.command("demo", epilog="Example: marsad demo --db demo.db")
def demo_command(
    db: DbOption = None,
    samples: Annotated[Path, typer.Option(help="The sample corpus folder.")] = SAMPLES,
) -> None:
    """Ingest the bundled sample corpus into the store and show what was found."""
    settings = _settings(db)
    if not samples.is_dir():
        err.print(plain(f"{samples}: no sample corpus here (run from the repository root, or pass --samples)"))
        raise typer.Exit(1)
    total = Summary()
    with Store(settings.db) as store:
        for part, role, columns in DEMO_PLAN:
            summary = _run_ingest([str(samples / part)], IngestOptions(settings=settings, role=role, columns=columns), store)
            out.print(plain(f"{part:<30} {summary}"))
            total += summary
        documents = store.documents()
        counts = store.counts()
    out.print(plain(f"{'all':<30} {total}"))
    table = Table("language", "role", "documents", title=f"In the store ({settings.db})")
    tally: dict[tuple[str, str], int] = {}
    for document in documents:
        key = (document.language or "?", document.role)
        tally[key] = tally.get(key, 0) + 1
    for (language, role), count in sorted(tally.items()):
        table.add_row(language, role, str(count))
    out.print(table)
    out.print(plain(f"{counts['documents']} documents · {counts['events']} events · {counts['tallies']} tallies · {counts['places']} places"))
    out.print(plain("Next: marsad documents · marsad show ID · marsad export --format csv"))
    if total.failed:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        out.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """marsad (مرصد): reporting on armed violence in, a source-attributed event dataset out."""
