"""`marsad events` and `marsad tallies` end to end, on a real SQLite file and a real
PostgreSQL database stocked with the hand-written reports of reports_corpus.py.

Every filter is checked through the command line for the exact reports it lists, in order;
then the three outputs (table, JSON Lines, CSV), the store's own query API, and the demo's
summary of what the store holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.cli.reports import quantity_label, span_label
from marsad.export import flat_columns, report_columns
from marsad.model import Actor, ActorKind, DocumentMeta, Event, EventType, Extraction, Precision, Qualifier, Quantity, Tally, TimeSpan
from marsad.schema import stored_schema
from marsad.store import ReportFilter, Store
from reports_corpus import busayrah, dhiban, document, hamrin, idlib, kerman, mayadin, palmyra, reports_by_id, seed, span, stock

runner = CliRunner()
WIDE = {"COLUMNS": "400"}  # wide enough that no table cell wraps
SCHEMA = stored_schema()
SAMPLES = Path(__file__).parent.parent / "samples"


def e(document, number: int = 0) -> str:
    return f"{document.id}-e{number}"


def t(document, number: int = 0) -> str:
    return f"{document.id}-t{number}"


ALL_EVENTS = [e(mayadin), e(idlib), e(idlib, 1), e(palmyra), e(busayrah), e(hamrin), e(kerman), e(dhiban)]
ALL_TALLIES = [t(dhiban), t(mayadin), t(mayadin, 1), t(seed), t(seed, 1), t(hamrin), t(seed, 2)]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def newsroom(request, tmp_path_factory) -> Iterator[str]:
    """The URL of a store holding the corpus, once per backend, for the read-only tests."""
    if request.param == "sqlite":
        database = nullcontext(f"sqlite:///{tmp_path_factory.mktemp('reports') / 'marsad.db'}")
    else:
        database = request.getfixturevalue("new_postgres_database")()
    with database as url:
        with Store(url) as store:
            stock(store)
        yield url


@pytest.fixture(scope="module")
def sqlite_newsroom(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("reports-sqlite") / "marsad.db"
    with Store(f"sqlite:///{path}") as store:
        stock(store)
    return str(path)  # a bare path, as a user types it


def run(db: str, *arguments: str, env: dict | None = None):
    result = runner.invoke(app, [*arguments, "--db", db], env=env, terminal_width=300)
    assert result.exit_code == 0, result.output
    return result


def listed(db: str, command: str, *arguments: str) -> list[str]:
    """The ids of the reports a command lists, in its order (from its JSON lines)."""
    key = {"events": "event", "tallies": "tally"}[command]
    return [json.loads(line)[key]["id"] for line in run(db, command, "--json", *arguments).stdout.splitlines()]


# -- filters ----------------------------------------------------------------------------------


def test_events_newest_first_undated_last(newsroom):
    # Same day (idlib's two): the document's order. Hamrin's span starts before Busayrah's day.
    assert listed(newsroom, "events") == ALL_EVENTS


def test_tallies_newest_period_first(newsroom):
    # Periods starting on 1 January: the longest reaching first, an open end after the closed
    # ones; no period at all last.
    assert listed(newsroom, "tallies") == ALL_TALLIES


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        # actor: either side, canonical names in any case, with everything that belongs to the actor
        (["--actor", "Islamic State"], [e(mayadin), e(busayrah), e(hamrin), e(kerman), e(dhiban)]),
        (["--actor", "islamic state syria province"], [e(mayadin), e(dhiban)]),
        (["--actor", "ISLAMIC STATE IRAQ PROVINCE"], [e(hamrin)]),
        (["--actor", "Syrian government forces"], [e(mayadin), e(idlib), e(idlib, 1), e(palmyra)]),
        (["--actor", "Syrian government"], [e(mayadin), e(idlib), e(idlib, 1), e(palmyra)]),  # the forces belong to it
        (["--actor", "Syrian police"], []),  # belongs to the forces, not the other way round
        (["--actor", "Syrian Democratic Forces"], [e(busayrah), e(dhiban)]),
        (["--actor", "Iraqi forces"], [e(hamrin)]),
        # mentions as written are not searched, however they are spelled
        (["--actor", "terrorist groups"], []),
        (["--actor", "[bold]Soldiers of the Caliphate[/bold]"], []),
        (["--actor", "Islamic"], []),
        # country: the location's code, any case, or a country's name in English or Arabic
        (["--country", "SY"], [e(mayadin), e(idlib), e(idlib, 1), e(palmyra), e(busayrah), e(dhiban)]),
        (["--country", "iq"], [e(hamrin)]),
        (["--country", "Iran"], [e(kerman)]),
        (["--country", "إيران"], [e(kerman)]),
        (["--country", "سوريا", "--limit", "1"], [e(mayadin)]),
        (["--country", "EG"], []),
        # type: an event type (its first word will do) or a sub-event type, any case
        (["--type", "Battles"], [e(mayadin), e(idlib), e(palmyra)]),
        (["--type", "explosions"], [e(idlib, 1), e(busayrah), e(hamrin), e(kerman), e(dhiban)]),
        (["--type", "Explosions/Remote violence"], [e(idlib, 1), e(busayrah), e(hamrin), e(kerman), e(dhiban)]),
        (["--type", "armed clash"], [e(mayadin), e(idlib), e(palmyra)]),
        (["--type", "Air/drone strike"], [e(hamrin)]),
        (["--type", "Remote explosive/landmine/IED"], [e(busayrah), e(dhiban)]),
        (["--type", "Protests"], []),
        # dates: the event's own span overlaps the days given, both ends included; undated never
        (["--since", "2024-03-04"], [e(mayadin), e(idlib), e(idlib, 1)]),
        (["--until", "2024-03-03"], [e(palmyra), e(busayrah), e(hamrin), e(kerman)]),
        (["--since", "2024-03-04", "--until", "2024-03-04"], [e(idlib), e(idlib, 1)]),
        (["--since", "2024-03-05", "--until", "2024-03-11"], []),
        (["--since", "2024-01-24", "--until", "2024-01-24"], [e(hamrin)]),  # the last day of 22–24 January
        (["--since", "2024-01-22", "--until", "2024-01-22"], [e(hamrin)]),  # its first day
        (["--since", "2024-01-25", "--until", "2024-02-26"], []),  # just after it, just before Busayrah
        (["--until", "2024-01-21"], [e(kerman)]),
        (["--since", "2024-01-01"], ALL_EVENTS[:-1]),  # everything dated
        # role: the voice the event is reported by, or the document's own role when none
        (["--role", "monitor"], [e(mayadin)]),  # a monitor's document, no voice named
        (["--role", "claimant"], [e(palmyra), e(dhiban)]),  # claimants' channels
        (["--role", "official"], [e(idlib), e(idlib, 1), e(hamrin), e(kerman)]),  # named officials, in outlets too
        (["--role", "unnamed"], [e(busayrah)]),  # "local sources", in an outlet
        (["--role", "outlet"], []),  # every outlet here names its source
        (["--role", "Official"], [e(idlib), e(idlib, 1), e(hamrin), e(kerman)]),
        # language, document, limit
        (["--language", "ar"], [e(mayadin), e(dhiban)]),
        (["--language", "en"], [e(idlib), e(idlib, 1), e(palmyra), e(busayrah), e(hamrin), e(kerman)]),
        (["--document", idlib.id[:5]], [e(idlib), e(idlib, 1)]),
        (["--document", kerman.id], [e(kerman)]),
        (["--document", "%"], []),  # LIKE wildcards are taken literally
        (["--limit", "2"], ALL_EVENTS[:2]),
        # together
        (["--actor", "Islamic State", "--country", "SY", "--since", "2024-02-01"], [e(mayadin), e(busayrah)]),
        (["--actor", "Islamic State", "--role", "claimant"], [e(dhiban)]),
        (["--type", "battles", "--role", "claimant", "--language", "en"], [e(palmyra)]),
        (["--country", "SY", "--type", "explosions", "--limit", "1"], [e(idlib, 1)]),
    ],
)
def test_event_filters(newsroom, arguments, expected):
    assert listed(newsroom, "events", *arguments) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        # actor: the tally's actor or its target
        (["--actor", "Islamic State"], ALL_TALLIES),
        (["--actor", "Islamic State Syria Province"], [t(dhiban), t(mayadin), t(mayadin, 1)]),
        (["--actor", "Islamic State Iraq Province"], [t(hamrin)]),  # the target of the Iraqi forces' count
        (["--actor", "Iraqi forces"], [t(hamrin)]),
        (["--actor", "syrian government forces"], [t(mayadin, 1)]),
        (["--actor", "Iraqi government"], [t(hamrin)]),
        # country of the region
        (["--country", "SY"], [t(mayadin), t(mayadin, 1), t(seed), t(seed, 1)]),
        (["--country", "Syria"], [t(mayadin), t(mayadin, 1), t(seed), t(seed, 1)]),
        (["--country", "IQ"], []),  # the Iraqi count names no region
        # unit
        (["--unit", "attacks"], [t(dhiban), t(mayadin), t(seed), t(seed, 1)]),
        (["--unit", "Deaths"], [t(mayadin, 1), t(hamrin)]),
        (["--unit", "members"], [t(seed, 2)]),
        (["--unit", "detainees"], []),
        # period overlaps: closed ends included, an open end reaches any later day, none is left out
        (["--since", "2024-02-01"], [t(dhiban), t(mayadin), t(mayadin, 1), t(hamrin)]),
        (["--since", "2024-01-31", "--until", "2024-01-31"], [t(mayadin), t(mayadin, 1), t(seed), t(seed, 1), t(hamrin)]),
        (["--since", "2024-03-13"], [t(mayadin), t(mayadin, 1), t(hamrin)]),
        (["--since", "2024-03-14"], [t(hamrin)]),
        (["--since", "2030-01-01"], [t(hamrin)]),
        (["--until", "2024-03-04"], ALL_TALLIES[:-1]),  # the claimed week starts that day
        (["--until", "2024-03-03"], ALL_TALLIES[1:-1]),
        (["--until", "2023-12-31"], []),
        # role: attributed_to, else the document's role
        (["--role", "monitor"], [t(mayadin), t(mayadin, 1), t(seed, 1)]),  # the monitor's own, and Rojava's in an outlet
        (["--role", "outlet"], [t(seed)]),  # the outlet's own figure
        (["--role", "official"], [t(hamrin), t(seed, 2)]),
        (["--role", "claimant"], [t(dhiban)]),
        # language, document
        (["--language", "ar"], [t(dhiban), t(mayadin), t(mayadin, 1), t(seed), t(seed, 1), t(seed, 2)]),
        (["--document", seed.id[:8], "--unit", "attacks"], [t(seed), t(seed, 1)]),
        (["--unit", "attacks", "--role", "monitor", "--country", "SY", "--since", "2024-02-01"], [t(mayadin)]),
    ],
)
def test_tally_filters(newsroom, arguments, expected):
    assert listed(newsroom, "tallies", *arguments) == expected


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["events", "--type", "bombing"], "--type wants an ACLED event type (Battles, Explosions/Remote violence,"),
        (["tallies", "--unit", "kills"], "--unit wants one of attacks, deaths, injuries,"),
        (["events", "--role", "reporter"], "--role wants one of outlet, claimant, monitor, official, witness, unnamed, not 'reporter'"),
        (["tallies", "--country", "Atlantis"], "--country wants a country code (SY) or a country's name (Syria), not 'Atlantis'"),
        (["events", "--country", "Kerman"], "not 'Kerman'"),  # a province, not a country
        (["events", "--since", "March"], "--since wants a date like 2024-01-31, not 'March'"),
        (["tallies", "--until", "2024-02-30"], "--until wants a date like 2024-01-31, not '2024-02-30'"),
        (["events", "--since", "2024-03-05", "--until", "2024-03-04"], "--since 2024-03-05 is after --until 2024-03-04"),
        (["events", "--json", "--csv"], "--json and --csv: choose one"),
        (["tallies", "--limit", "0"], "Invalid value for '--limit': Input should be greater than or equal to 1"),
        (["tallies", "--type", "Battles"], "No such option: --type"),
        (["events", "--unit", "attacks"], "No such option: --unit"),
    ],
)
def test_bad_options_are_usage_errors(sqlite_newsroom, arguments, message):
    result = runner.invoke(app, [*arguments, "--db", sqlite_newsroom], terminal_width=300)
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())


def test_an_actor_nobody_is_named_gets_a_note(sqlite_newsroom):
    result = run(sqlite_newsroom, "events", "--actor", "Islamic State Syria")
    assert result.stdout == "0 events\n"
    assert result.stderr == "note: no actor is named 'Islamic State Syria' (--actor takes canonical names, such as 'Islamic State')\n"
    assert run(sqlite_newsroom, "events", "--actor", "Syrian police").stderr == ""  # known, just not in these reports


def test_an_empty_store(tmp_path):
    db = str(tmp_path / "empty.db")
    assert run(db, "events").stdout == "0 events\n"
    assert run(db, "tallies", "--unit", "attacks").stdout == "0 tallies\n"
    assert run(db, "events", "--json").stdout == ""
    assert run(db, "tallies", "--csv").stdout.splitlines() == [",".join(report_columns("tallies"))]


# -- JSON Lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "key", "model"), [("events", "event", Event), ("tallies", "tally", Tally)])
def test_json_lines_hold_the_document_and_the_report(newsroom, command, key, model):
    saved = reports_by_id()
    validator = jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{model.__name__}"})
    meta_validator = jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/DocumentMeta"})
    lines = [json.loads(line) for line in run(newsroom, command, "--json").stdout.splitlines()]
    assert len(lines) == len(ALL_EVENTS if command == "events" else ALL_TALLIES)
    for line in lines:
        assert list(line) == ["document", key]
        validator.validate(line[key])
        meta_validator.validate(line["document"])
        document, report = saved[line[key]["id"]]
        assert model.model_validate(line[key]) == report  # evidence text and all, cut again from the stored text
        assert DocumentMeta.model_validate(line["document"]) == document.meta


def test_json_line_of_an_event_as_printed(sqlite_newsroom):
    [line] = run(sqlite_newsroom, "events", "--json", "--country", "IR").stdout.splitlines()
    data = json.loads(line)
    assert data["document"] == {
        "id": kerman.id, "language": "en", "published": "2024-01-05", "outlet": "The National", "url": None,
        "title": None, "role": "outlet", "author": None,
    }  # fmt: skip
    event = data["event"]
    assert event["fatalities"] == {
        "low": None, "best": 90.0, "high": None, "qualifier": "approximately", "text": "about 90",
        "evidence": {"start": kerman.text.index("about 90"), "end": kerman.text.index("about 90") + 8, "text": "about 90"},
    }  # fmt: skip
    assert event["claimed_by"]["channel"] == "Amaq"
    assert event["reported_by"]["mention"] == "Iran's interior minister"
    assert event["figures"][0]["attributed_to"]["role"] == "official"


# -- CSV ----------------------------------------------------------------------------------------


def csv_rows(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames, list(reader)


def test_csv_of_events(newsroom):
    header, rows = csv_rows(run(newsroom, "events", "--csv").stdout)
    assert header == flat_columns(Event) + ["document_id"]
    assert [row["id"] for row in rows] == ALL_EVENTS
    by_id = {row["id"]: row for row in rows}
    blast = by_id[e(kerman)]
    assert {name: blast[name] for name in ("event_type", "sub_event_type", "date_start", "date_end", "date_precision",
                                           "fatalities_best", "fatalities_qualifier", "fatalities_text", "location_name",
                                           "location_country", "location_lat", "claimed_by_name", "claimed_by_channel",
                                           "reported_by_role", "actor2_name", "actor2_mention", "injured_best", "document_id")} == {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "date_start": "2024-01-03",
        "date_end": "2024-01-03", "date_precision": "day", "fatalities_best": "90.0", "fatalities_qualifier": "approximately",
        "fatalities_text": "about 90", "location_name": "Kerman", "location_country": "IR", "location_lat": "30.2832",
        "claimed_by_name": "Islamic State", "claimed_by_channel": "Amaq", "reported_by_role": "official",
        "actor2_name": "", "actor2_mention": "", "injured_best": "", "document_id": kerman.id,
    }  # fmt: skip
    assert json.loads(blast["evidence"]) == [{"start": 65, "end": 105, "text": "the twin bombings in Kerman on January 3"}]
    assert json.loads(blast["figures"])[0]["fatalities"]["text"] == "about 90"
    undated = by_id[e(dhiban)]
    assert (undated["date_start"], undated["date_precision"], undated["reported_by_role"], undated["figures"] != "") == ("", "", "", True)
    assert by_id[e(palmyra)]["actor1_mention"] == "[bold]Soldiers of the Caliphate[/bold]"
    assert by_id[e(mayadin)]["actor1_mention"] == "خلايا تنظيم «الدولة الإسلامية»"


def test_csv_of_tallies_with_filters(newsroom):
    header, rows = csv_rows(run(newsroom, "tallies", "--csv", "--unit", "deaths").stdout)
    assert header == flat_columns(Tally) + ["document_id"]
    assert [row["id"] for row in rows] == [t(mayadin, 1), t(hamrin)]
    iraq = rows[1]
    assert (iraq["quantity_low"], iraq["quantity_best"], iraq["quantity_high"], iraq["quantity_qualifier"]) == ("90.0", "90.0", "", "more_than")
    assert (iraq["period_start"], iraq["period_end"], iraq["period_precision"]) == ("2024-01-01", "", "range")
    assert (iraq["claimed"], iraq["region_country"], iraq["attributed_to_name"], iraq["target_name"]) == (
        "", "", "Security Media Cell", "Islamic State Iraq Province"
    )
    assert rows[0]["claimed"] == "False" and rows[0]["attributed_to_role"] == "" and rows[0]["document_id"] == mayadin.id


@pytest.mark.parametrize("table", ["events", "tallies"])
def test_export_writes_the_same_reports(sqlite_newsroom, table):
    """`marsad export --table events|tallies` (by document) and the listing (by date) share
    their writers: the same rows, the same lines, in another order."""
    exported = csv_rows(run(sqlite_newsroom, "export", "--format", "csv", "--table", table).stdout)
    listed_rows = csv_rows(run(sqlite_newsroom, table, "--csv").stdout)
    assert exported[0] == listed_rows[0] == report_columns(table)
    key = lambda row: row["id"]  # noqa: E731
    assert sorted(exported[1], key=key) == sorted(listed_rows[1], key=key)
    exported_lines = run(sqlite_newsroom, "export", "--format", "jsonl", "--table", table).stdout.splitlines()
    assert sorted(exported_lines) == sorted(run(sqlite_newsroom, table, "--json").stdout.splitlines())


# -- tables -------------------------------------------------------------------------------------


def table_rows(output: str) -> list[list[str]]:
    """The body of a rich table: its cells, a cell's lines joined by newlines. A row starts
    where the last cell (the document id) is filled; the lines below it continue it."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[-1]:
            rows.append(cells)
        else:
            rows[-1] = [f"{above}\n{below}" if below else above for above, below in zip(rows[-1], cells)]
    return rows


def test_events_table(sqlite_newsroom):
    result = run(sqlite_newsroom, "events", env=WIDE)
    assert result.stdout.endswith("\n8 events\n")
    assert table_rows(result.stdout) == [
        ["2024-03-12", "Battles\nArmed clash", "Islamic State Syria Province", "Syrian government forces", "Al-Mayadin desert (SY)",
         "4", "", "المرصد السوري لحقوق الإنسان (monitor)", mayadin.id[:8]],
        ["2024-03-04", "Battles\nArmed clash", "Syrian government forces", "“terrorist groups”", "Idlib (SY)",
         "", "", "“a military source” (official)", idlib.id[:8]],
        ["2024-03-04", "Explosions/Remote violence\nShelling/artillery/missile attack", "Syrian government forces", "“terrorist”",
         "Jabal al-Zawiya (SY)", "", "", "“the source” (official)", idlib.id[:8]],
        ["2024-03-03", "Battles\nArmed clash", "“[bold]Soldiers of the Caliphate[/bold]”", "Syrian government forces", "Palmyra (SY)",
         "dozens (24–99)", "“[bold]Soldiers of the Caliphate[/bold]” via Telegram", "[italic]Nashir[/italic] mirror (claimant)", palmyra.id[:8]],
        ["2024-02-27", "Explosions/Remote violence\nRemote explosive/landmine/IED", "Islamic State", "Syrian Democratic Forces",
         "Al-Busayrah (SY)", "2", "Islamic State via Amaq", "“local sources” (unnamed)", busayrah.id[:8]],
        ["2024-01-22 – 2024-01-24", "Explosions/Remote violence\nAir/drone strike", "Iraqi forces", "Islamic State Iraq Province",
         "Hamrin Mountains (IQ)", "10–15", "", "Security Media Cell (official)", hamrin.id[:8]],
        ["2024-01-03", "Explosions/Remote violence\nSuicide bomb", "Islamic State", "", "Kerman (IR)", "~90",
         "Islamic State via Amaq", "“Iran's interior minister” (official)", kerman.id[:8]],
        ["", "Explosions/Remote violence\nRemote explosive/landmine/IED", "Islamic State Syria Province", "Syrian Democratic Forces",
         "Dhiban (SY)", "", "Islamic State via Amaq", "وكالة أعماق (claimant)", dhiban.id[:8]],
    ]  # fmt: skip


def test_tallies_table(sqlite_newsroom):
    result = run(sqlite_newsroom, "tallies", env=WIDE)
    assert result.stdout.endswith("\n7 tallies\n")
    assert table_rows(result.stdout) == [
        ["11", "attacks", "Islamic State Syria Province", "", "", "2024-03-04 – 2024-03-10", "claims", "وكالة أعماق (claimant)", dhiban.id[:8]],
        ["112", "attacks", "Islamic State Syria Province", "", "Syrian Desert (SY)", "2024-01-01 – 2024-03-13", "recorded",
         "المرصد السوري لحقوق الإنسان (monitor)", mayadin.id[:8]],
        ["203", "deaths", "Islamic State Syria Province", "Syrian government forces", "Syrian Desert (SY)", "2024-01-01 – 2024-03-13",
         "recorded", "المرصد السوري لحقوق الإنسان (monitor)", mayadin.id[:8]],
        ["≥65", "attacks", "Islamic State", "", "Syria (SY)", "2024-01", "", "الحرة (outlet)", seed.id[:8]],
        ["192", "attacks", "Islamic State", "", "North-east Syria (SY)", "2024-01", "", "Rojava Information Center (monitor)", seed.id[:8]],
        [">90", "deaths", "Iraqi forces", "Islamic State Iraq Province", "", "2024-01-01 – …", "", "Security Media Cell (official)", hamrin.id[:8]],
        ["≤1,000", "members", "Islamic State", "", "", "", "", "“مسؤولين أمريكيين” (official)", seed.id[:8]],
    ]  # fmt: skip


def test_a_narrow_table_wraps_but_shows_every_value(sqlite_newsroom):
    result = run(sqlite_newsroom, "events", "--country", "IR", env={"COLUMNS": "80"})
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert kerman.id[:8] in result.stdout and "2024-01-03" in result.stdout and "~90" in result.stdout
    assert "…" not in result.stdout


@pytest.mark.parametrize(
    ("quantity", "label"),
    [
        (Quantity(low=4, best=4, high=4, qualifier=Qualifier.EXACT, text="4"), "4"),
        (Quantity(best=90, qualifier=Qualifier.APPROXIMATELY, text="about 90"), "~90"),
        (Quantity(low=65, best=65, qualifier=Qualifier.AT_LEAST, text="at least 65"), "≥65"),
        (Quantity(low=30, best=30, qualifier=Qualifier.MORE_THAN, text="أكثر من 30"), ">30"),
        (Quantity(high=1000, qualifier=Qualifier.AT_MOST, text="no more than 1,000"), "≤1,000"),
        (Quantity(high=10, qualifier=Qualifier.FEWER_THAN, text="fewer than 10"), "<10"),
        (Quantity(low=10, high=15, qualifier=Qualifier.RANGE, text="10 to 15"), "10–15"),
        (Quantity(low=20, high=99, qualifier=Qualifier.VAGUE, text="عشرات"), "عشرات (20–99)"),
        (Quantity(qualifier=Qualifier.VAGUE, text="a number"), "a number"),
        (Quantity(qualifier=Qualifier.AT_LEAST, text="at least a dozen"), "at least a dozen"),  # no bound: as written
        (Quantity(low=2.5, best=2.5, high=2.5, qualifier=Qualifier.EXACT, text="2.5"), "2.5"),
        (Quantity(low=12000, best=12000, high=12000, qualifier=Qualifier.EXACT, text="12 ألف"), "12,000"),
        (None, ""),
    ],
)
def test_quantity_labels(quantity, label):
    assert quantity_label(quantity) == label


@pytest.mark.parametrize(
    ("span", "label"),
    [
        (TimeSpan(start=dt.date(2024, 1, 3), end=dt.date(2024, 1, 3), precision=Precision.DAY), "2024-01-03"),
        (TimeSpan(start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 29), precision=Precision.MONTH), "2024-02"),
        (TimeSpan(start=dt.date(2023, 2, 1), end=dt.date(2023, 2, 28), precision=Precision.MONTH), "2023-02"),
        (TimeSpan(start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 28), precision=Precision.RANGE), "2024-02-01 – 2024-02-28"),
        (TimeSpan(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), precision=Precision.YEAR), "2023"),
        (TimeSpan(start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 10), precision=Precision.WEEK), "2024-03-04 – 2024-03-10"),
        (TimeSpan(start=dt.date(2024, 1, 1), precision=Precision.RANGE), "2024-01-01 – …"),
        (TimeSpan(end=dt.date(2024, 2, 5), precision=Precision.RANGE), "… – 2024-02-05"),
        (TimeSpan(precision=Precision.DAY), ""),
        (None, ""),
    ],
)
def test_span_labels(span, label):
    assert span_label(span) == label


# -- the store's API ----------------------------------------------------------------------------


def test_store_queries_return_documents_and_reports(newsroom):
    saved = reports_by_id()
    with Store(newsroom) as store:
        found = list(store.events(ReportFilter(actor="Islamic State", country="sy", since=dt.date(2024, 2, 1))))
        assert [(document, event) for document, event in found] == [
            (mayadin.meta, saved[e(mayadin)][1]), (busayrah.meta, saved[e(busayrah)][1])
        ]
        tallies = list(store.tallies(ReportFilter(unit="attacks", role="monitor")))
        assert tallies == [(mayadin.meta, saved[t(mayadin)][1]), (seed.meta, saved[t(seed, 1)][1])]
        assert [event.id for _, event in store.events(ReportFilter(event_type="Suicide bomb"))] == [e(kerman)]
        assert store.actor_family("islamic state iraq province") == {"Islamic State Iraq Province"}
        assert {"Islamic State", "Islamic State Syria Province", "Islamic State West Africa Province"} <= store.actor_family("ISLAMIC STATE")
        assert store.actor_family("Daesh") == set()
        assert store.report_counts() == {
            "events": {"Explosions/Remote violence": 5, "Battles": 3},
            "tallies": {"attacks": 4, "deaths": 2, "members": 1},
        }
        with pytest.raises(ValueError, match="a unit selects tallies"):
            store.events(ReportFilter(unit="attacks"))
        with pytest.raises(ValueError, match="an event type selects events"):
            store.tallies(ReportFilter(event_type="Battles"))


def test_store_queries_read_in_batches(sqlite_newsroom, monkeypatch):
    """Batches smaller than the listing, and a document's reports split between batches,
    change nothing."""
    monkeypatch.setattr("marsad.store.store.REPORTS_PER_BATCH", 3)
    with Store(f"sqlite:///{sqlite_newsroom}") as store:
        assert [event.id for _, event in store.events()] == ALL_EVENTS
        assert [tally.id for _, tally in store.tallies()] == ALL_TALLIES


def test_an_actor_stored_but_not_in_the_registry(tmp_path):
    """Names stored count too, in any case: written by a newer registry, or by hand."""
    text = "Gunmen of the Ansar al-Tawhid brigade attacked an army checkpoint near Sarmin on Friday."
    doc = document(text, language="en", published=dt.date(2024, 3, 9))
    brigade = Actor(name="Ansar al-Tawhid", mention="the Ansar al-Tawhid brigade", kind=ActorKind.REBEL_GROUP,
                    evidence=span(text, "the Ansar al-Tawhid brigade"))  # fmt: skip
    attack = Event(id=f"{doc.id}-e0", event_type=EventType.BATTLES, actor1=brigade, evidence=[span(text, "attacked an army checkpoint")], confidence=0.5)
    with Store(f"sqlite:///{tmp_path / 'marsad.db'}") as store:
        store.save(doc, Extraction(document=doc.meta, events=[attack]))
        assert store.actor_family("ANSAR AL-TAWHID") == {"Ansar al-Tawhid"}
        assert list(store.events(ReportFilter(actor="ansar al-tawhid"))) == [(doc.meta, attack)]


# -- the demo -----------------------------------------------------------------------------------


def test_demo_summarises_the_reports_in_the_store(tmp_path):
    db = tmp_path / "demo.db"
    with Store(f"sqlite:///{db}") as store:
        stock(store)
    result = runner.invoke(app, ["demo", "--db", str(db), "--samples", str(SAMPLES)], env=WIDE)
    assert result.exit_code == 0, result.output
    with Store(f"sqlite:///{db}") as store:
        counts = store.report_counts()
    # The corpus above, plus whatever the pipeline reads out of the samples.
    assert counts["events"]["Battles"] >= 3 and counts["tallies"]["attacks"] >= 4
    events_line = " · ".join(f"{name} {count}" for name, count in counts["events"].items())
    tallies_line = " · ".join(f"{name} {count}" for name, count in counts["tallies"].items())
    lines = result.stdout.splitlines()
    assert f"events by type:   {events_line}" in lines
    assert f"tallies by unit:  {tallies_line}" in lines
    assert lines[-1].startswith("Next: ") and "marsad events" in lines[-1] and "marsad tallies" in lines[-1]
