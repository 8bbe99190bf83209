"""`marsad incidents` and `marsad incident`: the incidents linking made, each with every
source's version of it."""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.base import DbOption, app, day_option, out, plain, settings_with
from marsad.cli.reports import ActorOption, CountryOption, LimitOption, SinceOption, UntilOption, _choice, _country, _event_type
from marsad.link.incidents import IncidentRecord
from marsad.model import Role
from marsad.pipeline import incidents
from marsad.resolve.actors import related
from marsad.store import Store

STATUSES = ["claimed", "corroborated", "claim_only", "unclaimed", "attributed", "contested"]
CSV_COLUMNS = [
    "id", "first", "last", "country", "admin1", "event_type", "sub_event_type", "actor1", "actor2", "fatalities",
    "fatalities_low", "fatalities_best", "fatalities_high", "status", "claimed_by", "channel", "claimed_fatalities",
    "n_sources", "source_kinds", "first_reported",
]  # fmt: skip


@app.command("incidents", epilog="Example: marsad incidents --country SY --status corroborated --since 2024-01-01 --json")
def incidents_command(
    db: DbOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    event_type: Annotated[str | None, typer.Option("--type", help="An ACLED event type or sub-event type.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    role: Annotated[str | None, typer.Option(help=f"Only incidents one of whose sources is of this kind ({', '.join(Role)}).")] = None,
    status: Annotated[str | None, typer.Option(help=f"Only incidents of this claim status ({', '.join(STATUSES)}).")] = None,
    limit: LimitOption = None,
    json: Annotated[bool, typer.Option("--json", help="JSON Lines: an incident a line, its reports nested.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV: an incident a row, without its reports.")] = False,
) -> None:
    """List the incidents linking made from the stored reports, latest first: when, where,
    what, who, each source's toll summed up, and whether a claim is corroborated."""
    if json and as_csv:
        raise typer.BadParameter("--json and --csv: choose one")
    wanted = _matcher(actor, _country(country), _event_type(event_type), day_option(since, "--since"), day_option(until, "--until"),
                      _choice(role, "--role", list(Role)), _choice(status, "--status", STATUSES))  # fmt: skip
    with Store(settings_with(db).db) as store:
        found = [record for record in incidents(store) if wanted(record)][:limit]
    if json:
        for record in found:
            sys.stdout.write(record.model_dump_json() + "\n")
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for record in found:
            writer.writerow(record.model_dump(mode="json") | {"source_kinds": " ".join(record.source_kinds)})
    else:
        if found:
            out.print(_table(found))
        out.print(f"{len(found)} incident{'' if len(found) == 1 else 's'}", highlight=False)


@app.command("incident", epilog="Example: marsad incident 3f2a9c  (any unique prefix of the id)")
def incident_command(incident: Annotated[str, typer.Argument(help="The incident's id, or a unique prefix of it.")], db: DbOption = None) -> None:
    """Show one incident with every source's version: its role, its toll and its sentence."""
    with Store(settings_with(db).db) as store:
        found = [record for record in incidents(store) if record.id.startswith(incident)]
    if len(found) != 1:
        raise typer.BadParameter(f"{len(found)} incidents have an id starting with {incident!r}")
    record = found[0]
    days = record.first if record.first == record.last else f"{record.first} – {record.last}"
    out.print(plain(f"{record.id}  {days}  {record.country or '?'} {record.admin1 or ''}  {record.event_type} / {record.sub_event_type or '-'}"))
    out.print(plain(f"{record.actor1 or '?'} → {record.actor2 or '?'}  ·  {record.status}"
                    + (f" by {record.claimed_by} ({record.channel or 'channel not named'})" if record.claimed_by else "")))  # fmt: skip
    out.print(plain(f"fatalities {_number(record.fatalities)}  (low {_number(record.fatalities_low)} · best {_number(record.fatalities_best)} · high {_number(record.fatalities_high)})"))
    for report in record.reports:
        out.print(plain(f"\n— {report.source or '?'} ({report.role}), {report.published or 'undated'}: {_number(report.fatalities)} killed"))
        out.print(plain(report.text))


def _matcher(actor, country, event_type, since, until, role, status):
    def wanted(record: IncidentRecord) -> bool:
        return (
            (actor is None or any(related(actor, name) for name in (record.actor1, record.actor2, record.claimed_by) if name))
            and (country is None or record.country == country)
            and (event_type is None or event_type in (record.event_type, record.sub_event_type))
            and (since is None or (record.last is not None and record.last >= since))
            and (until is None or (record.first is not None and record.first <= until))
            and (role is None or any(report.role == role for report in record.reports))
            and (status is None or record.status == status)
        )

    return wanted


def _table(records: list[IncidentRecord]) -> Table:
    table = Table("incident", "days", "where", "type", "actors", "fatalities", "status", "sources")
    for r in records:
        days = "?" if r.first is None else (str(r.first) if r.first == r.last else f"{r.first}…{r.last}")
        toll = _number(r.fatalities) + ("" if r.fatalities_low == r.fatalities_high else f" ({_number(r.fatalities_low)}–{_number(r.fatalities_high)})")
        table.add_row(
            r.id[:8], days, plain(f"{r.admin1 or ''} {r.country or ''}".strip()), plain(r.sub_event_type or r.event_type),
            plain(f"{r.actor1 or '?'} → {r.actor2 or '?'}"), toll, r.status, str(r.n_sources),
        )  # fmt: skip
    return table


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
