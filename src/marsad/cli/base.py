"""The `marsad` Typer app every command registers on, the two consoles, and what several
commands share: the option types and the reading of their values.

Input text is never printed as console markup: everything that came from a source goes
through `plain()`, so a title like "[bold]x[/]" shows as written.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from marsad import __version__
from marsad.errors import InputError
from marsad.ingest import Columns, IngestOptions
from marsad.ingest.dates import parse_published
from marsad.model import DOCUMENT_ROLES, Published, Role
from marsad.settings import Settings

app = typer.Typer(
    help="marsad (مرصد): reporting on armed violence in, a source-attributed event dataset out.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def plain(value: object) -> Text:
    return Text("" if value is None else str(value))


def report_error(error: InputError) -> None:
    err.print(Text("error: ", style="red").append(str(error)), highlight=False)


# -- option values ----------------------------------------------------------------------------


def settings_with(db: str | None) -> Settings:
    """The settings, with the store the --db option names, if any."""
    try:
        return Settings(**({"db": db} if db else {}))
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def published_option(value: str | None) -> Published | None:
    if value is None:
        return None
    published = parse_published(value)
    if published is None:
        raise typer.BadParameter(f"cannot read {value!r} as a date (try 2024-02-05)")
    return published


def document_role(value: str) -> Role:
    if value not in DOCUMENT_ROLES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(DOCUMENT_ROLES)}")
    return Role(value)


def record_columns(values: list[str] | None) -> Columns:
    mapping = {}
    for value in values or []:
        field, sep, column = value.partition("=")
        if not sep or field not in Columns.__dataclass_fields__ or not column:
            fields = ", ".join(Columns.__dataclass_fields__)
            raise typer.BadParameter(f"{value!r}: use FIELD=COLUMN with FIELD one of {fields}")
        mapping[field] = column
    return Columns(**mapping)


def day_option(value: str | None, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"{name} wants a date like 2024-01-31, not {value!r}") from None


def ingest_options(settings: Settings, published: str | None, role: str, column: list[str] | None) -> IngestOptions:
    return IngestOptions(
        settings=settings, published=published_option(published), role=document_role(role), columns=record_columns(column)
    )


# -- options several commands take ------------------------------------------------------------

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


# -- the app itself ---------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        out.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """marsad (مرصد): reporting on armed violence in, a source-attributed event dataset out."""
