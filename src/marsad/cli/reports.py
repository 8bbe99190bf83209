"""The stored reports: `marsad events` and `marsad tallies` list them, filtered, as a table,
JSON Lines or CSV.

The filters are the store's (`marsad.store.ReportFilter`); this module turns what a user
types into them — a country's name into its code, "battles" into ACLED's "Battles" — and
shows each value the way the text gave it: a hedged toll as "~90" or "≥65", never bare.
"""

from __future__ import annotations

import sys
from calendar import monthrange
from collections.abc import Iterable
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from marsad.cli.base import DbOption, app, day_option, err, out, plain, settings_with
from marsad.export import write_reports
from marsad.model import Actor, Claim, DocumentMeta, EventType, Place, Qualifier, Quantity, Role, Source, TimeSpan, Unit
from marsad.read.triggers import SUB_EVENT_TYPES
from marsad.store import ReportFilter, Store

DOCUMENT_ID_SHOWN = 8  # characters of a document id in a table: enough for `marsad show`

ActorOption = Annotated[
    str | None,
    typer.Option(
        help="A canonical actor name, in any case, with every actor that belongs to it ('Islamic State' also finds "
        "Islamic State Syria Province; 'Syrian government forces' the Syrian police). Either side counts: an event's "
        "actor1 or actor2, a tally's actor or target. Names as the text writes them are not searched."
    ),
]
CountryOption = Annotated[
    str | None, typer.Option(help="Where it happened: an ISO country code (SY) or a country's name (Syria, سوريا).")
]
SinceOption = Annotated[str | None, typer.Option(help="Only reports whose date or period reaches this day or later.")]
UntilOption = Annotated[str | None, typer.Option(help="Only reports whose date or period begins on this day or before.")]
RoleOption = Annotated[
    str | None,
    typer.Option(
        help=f"Only what this kind of voice says ({', '.join(Role)}): the source a report is attributed to, or the "
        "document's own role when the text names none."
    ),
]
LanguageOption = Annotated[str | None, typer.Option(help="Only from documents in this language (ar, en, fa, other).")]
DocumentOption = Annotated[str | None, typer.Option("--document", help="Only from the document whose id starts so.")]
LimitOption = Annotated[int | None, typer.Option(help="At most this many.", min=1)]
EventsJsonOption = Annotated[
    bool, typer.Option("--json", help='JSON Lines, an event a line with its document: {"document": {...}, "event": {...}}.')
]
TalliesJsonOption = Annotated[
    bool, typer.Option("--json", help='JSON Lines, a tally a line with its document: {"document": {...}, "tally": {...}}.')
]
EventsCsvOption = Annotated[
    bool, typer.Option("--csv", help="CSV: the event's fields flattened (fatalities_best, location_country, ...) and document_id.")
]
TalliesCsvOption = Annotated[
    bool, typer.Option("--csv", help="CSV: the tally's fields flattened (quantity_best, region_country, ...) and document_id.")
]


@app.command(
    "events",
    epilog="Example: marsad events --actor 'Islamic State' --country SY --since 2024-01-01 --until 2024-01-31 --csv",
)
def events_command(
    db: DbOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    event_type: Annotated[
        str | None,
        typer.Option("--type", help=f"An ACLED event type ({', '.join(EventType)}; 'Explosions' will do) or sub-event type ('Armed clash')."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    role: RoleOption = None,
    language: LanguageOption = None,
    document: DocumentOption = None,
    limit: LimitOption = None,
    json: EventsJsonOption = False,
    csv: EventsCsvOption = False,
) -> None:
    """List stored events, newest first: date, type, actors, place, toll, claim and source.

    --since and --until select by the event's own date, which must overlap the days given;
    events without a date are then left out.
    """
    where = _filter(actor, country, since, until, role, language, document, limit, event_type=_event_type(event_type))
    _list("events", where, db, json, csv)


@app.command("tallies", epilog="Example: marsad tallies --unit attacks --country SY --role monitor --json")
def tallies_command(
    db: DbOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    unit: Annotated[str | None, typer.Option(help=f"What the tally counts: {', '.join(Unit)}.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    role: RoleOption = None,
    language: LanguageOption = None,
    document: DocumentOption = None,
    limit: LimitOption = None,
    json: TalliesJsonOption = False,
    csv: TalliesCsvOption = False,
) -> None:
    """List stored tallies (count statements), newest period first: the figure, what it counts, whose, where, when, and who says so.

    --since and --until select by the tally's period, which must overlap the days given;
    tallies without a period are then left out.
    """
    where = _filter(actor, country, since, until, role, language, document, limit, unit=_choice(unit, "--unit", list(Unit)))
    _list("tallies", where, db, json, csv)


# -- options to filters ---------------------------------------------------------------------


def _filter(actor, country, since, until, role, language, document, limit, **kind) -> ReportFilter:
    first, last = day_option(since, "--since"), day_option(until, "--until")
    if first and last and first > last:
        raise typer.BadParameter(f"--since {first} is after --until {last}")
    return ReportFilter(
        actor=actor,
        country=_country(country),
        since=first,
        until=last,
        role=_choice(role, "--role", list(Role)),
        language=language,
        document=document,
        limit=limit,
        **kind,
    )


def _choice(value: str | None, option: str, choices: list[str]) -> str | None:
    if value is None:
        return None
    for choice in choices:
        if choice.casefold() == value.casefold():
            return choice
    raise typer.BadParameter(f"{option} wants one of {', '.join(choices)}, not {value!r}")


def _event_type(value: str | None) -> str | None:
    """ACLED's spelling of an event type or sub-event type typed in any case; an event
    type may be given by its first word ("explosions")."""
    if value is None:
        return None
    names = {name.casefold(): name for name in [*EventType, *(sub for subs in SUB_EVENT_TYPES.values() for sub in subs)]}
    names |= {kind.split("/")[0].casefold(): kind.value for kind in EventType if kind.split("/")[0].casefold() not in names}
    if value.casefold() in names:
        return names[value.casefold()]
    raise typer.BadParameter(f"--type wants an ACLED event type ({', '.join(EventType)}) or sub-event type, not {value!r}")


def _country(value: str | None) -> str | None:
    """A country code as given, or the code of the country a name names in the gazetteer."""
    if value is None:
        return None
    if len(value) == 2 and value.isascii() and value.isalpha():
        return value.upper()
    from marsad.resolve.gazetteer import default_gazetteer, name_key  # loads the gazetteer: only for a name

    codes = {entry.country for entry in default_gazetteer().lookup(name_key(value)) if entry.kind == "country"}
    if len(codes) != 1:
        raise typer.BadParameter(f"--country wants a country code (SY) or a country's name (Syria), not {value!r}")
    return codes.pop()


# -- output ---------------------------------------------------------------------------------------


def _list(table: str, where: ReportFilter, db: str | None, json: bool, csv: bool) -> None:
    if json and csv:
        raise typer.BadParameter("--json and --csv: choose one")
    with Store(settings_with(db).db) as store:
        if where.actor is not None and not store.actor_family(where.actor):
            err.print(plain(f"note: no actor is named {where.actor!r} (--actor takes canonical names, such as 'Islamic State')"))
        found = store.events(where) if table == "events" else store.tallies(where)
        if json or csv:
            write_reports(found, table, "jsonl" if json else "csv", sys.stdout)
            return
        rows = list(found)
    if rows:
        out.print(_events_table(rows) if table == "events" else _tallies_table(rows))
    noun = {"events": ("event", "events"), "tallies": ("tally", "tallies")}[table][len(rows) != 1]
    out.print(f"{len(rows)} {noun}", highlight=False)


def _table(*headers: str, fixed: tuple[str, ...]) -> Table:
    """A table whose cells wrap rather than hide anything; the `fixed` columns (a date, a
    figure, an id) never wrap, so a narrow terminal squeezes the names instead."""
    table = Table()
    for header in headers:
        if header in fixed:
            table.add_column(header, no_wrap=True)
        else:
            table.add_column(header, overflow="fold")
    return table


def _events_table(rows: Iterable) -> Table:
    table = _table("date", "type", "actor 1", "actor 2", "location", "fatalities", "claimed by", "reported by", "document",
                   fixed=("date", "document"))  # fmt: skip
    for document, event in rows:
        kind = plain(event.event_type)
        if event.sub_event_type:
            kind.append("\n").append(plain(event.sub_event_type))
        table.add_row(
            plain(span_label(event.date)),
            kind,
            actor_label(event.actor1),
            actor_label(event.actor2),
            place_label(event.location),
            plain(quantity_label(event.fatalities)),
            claim_label(event.claimed_by),
            voice_label(event.reported_by, document),
            plain(document.id[:DOCUMENT_ID_SHOWN]),
        )
    return table


def _tallies_table(rows: Iterable) -> Table:
    table = _table("value", "unit", "actor", "target", "region", "period", "claimed", "attributed to", "document",
                   fixed=("value", "document"))  # fmt: skip
    for document, tally in rows:
        claimed = {True: "claims", False: "recorded", None: ""}[tally.claimed]
        table.add_row(
            plain(quantity_label(tally.quantity)),
            plain(tally.unit),
            actor_label(tally.actor),
            actor_label(tally.target),
            place_label(tally.region),
            plain(span_label(tally.period)),
            plain(claimed),
            voice_label(tally.attributed_to, document),
            plain(document.id[:DOCUMENT_ID_SHOWN]),
        )
    return table


# -- values as a table shows them ---------------------------------------------------------------------

QUALIFIER_SIGNS = {
    Qualifier.APPROXIMATELY: "~",
    Qualifier.AT_LEAST: "≥",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_MOST: "≤",
    Qualifier.FEWER_THAN: "<",
}


def quantity_label(quantity: Quantity | None) -> str:
    """A number with its hedge: "12", "~90", "≥65", ">30", "≤1,000", "10–15"; a vague amount
    as written, with its bounds ("dozens (24–99)"); the text itself where the bound a
    qualifier needs is missing."""
    if quantity is None:
        return ""
    low, best, high, qualifier = quantity.low, quantity.best, quantity.high, quantity.qualifier
    if qualifier == Qualifier.RANGE or qualifier == Qualifier.VAGUE:
        bounds = f"{_number(low)}–{_number(high)}" if low is not None and high is not None else None
        if qualifier == Qualifier.RANGE:
            return bounds or quantity.text
        return f"{quantity.text} ({bounds})" if bounds else quantity.text
    if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        value = low if low is not None else best
    elif qualifier in (Qualifier.AT_MOST, Qualifier.FEWER_THAN):
        value = high if high is not None else best
    else:
        value = next((v for v in (best, low, high) if v is not None), None)
    if value is None:
        return quantity.text
    return QUALIFIER_SIGNS.get(qualifier, "") + _number(value)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def span_label(span: TimeSpan | None) -> str:
    """"2024-01-03" for a day, "2024-01" for a whole month, "2023" for a whole year, else
    "start – end" with "…" for an end the text leaves open."""
    if span is None or (span.start is None and span.end is None):
        return ""
    start, end = span.start, span.end
    if start is not None and end is not None:
        if start == end:
            return start.isoformat()
        if start.day == 1 and (start.year, start.month) == (end.year, end.month) and end.day == monthrange(end.year, end.month)[1]:
            return start.strftime("%Y-%m")
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
            return str(start.year)
    return f"{start or '…'} – {end or '…'}"


def actor_label(actor: Actor | None) -> Text:
    """The canonical name; a mention the registry does not name, as written and quoted."""
    if actor is None:
        return Text()
    return plain(actor.name) if actor.name else plain(f"“{actor.mention}”")


def place_label(place: Place | None) -> Text:
    if place is None:
        return Text()
    name = place.name or place.mention
    return plain(f"{name} ({place.country})" if place.country else name)


def claim_label(claim: Claim | None) -> Text:
    if claim is None:
        return Text()
    who = claim.name or (f"“{claim.mention}”" if claim.mention else "")
    return plain(f"{who} via {claim.channel}" if claim.channel else who)


def voice_label(source: Source | None, document: DocumentMeta) -> Text:
    """Who a report comes from: the voice the text names, with its role; where it names
    none, the document itself (dim), whose role the --role filter then uses."""
    if source is None:
        return Text(f"{document.outlet or 'the document'} ({document.role})", style="dim")
    who = source.name or (f"“{source.mention}”" if source.mention else "")
    return plain(f"{who} ({source.role})" if who else f"({source.role})")
