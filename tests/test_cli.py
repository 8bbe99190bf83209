"""The command line end to end: extract, documents, show, export, help and settings."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.export import flat_columns
from marsad.model import Event, Tally
from marsad.schema import stored_schema
from marsad.settings import Settings

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
VALIDATOR = jsonschema.Draft202012Validator(stored_schema())
# Every command the app registers, so that a new one is checked too.
COMMANDS = [command.name for command in app.registered_commands]
TEXT_AR = (
    "كركوك – قُتل جنديان عراقيان وأصيب ثلاثة آخرون بهجوم شنّه مسلحون على نقطة للجيش في "
    "قضاء الحويجة جنوب غربي كركوك مساء الأحد، بحسب مصدر أمني."
)
runner = CliRunner()


@pytest.fixture
def stocked_db(tmp_path):
    db = tmp_path / "store.db"
    assert runner.invoke(app, ["demo", "--db", str(db), "--samples", str(SAMPLES)]).exit_code == 0
    return db


def test_help_lists_the_commands_in_the_order_of_the_pipeline():
    known = ["ingest", "extract", "read", "places", "documents", "show", "events", "tallies", "export", "demo"]
    assert [command for command in COMMANDS if command in known] == known  # new ones may go anywhere


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_shows_an_example(command):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert f"Example: marsad {command}" in result.output


def test_extract_reads_standard_input_and_prints_the_contract(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", "-", "--json", "--published", "2024-02-05"], input=TEXT_AR.encode(),
                           env={"MARSAD_DB": str(tmp_path / "untouched.db")})  # fmt: skip
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    data = json.loads(line)
    VALIDATOR.validate(data)
    assert data["document"]["language"] == "ar"
    assert data["document"]["published"] == "2024-02-05"
    assert data["document"]["role"] == "outlet"
    [event] = data["events"]
    assert (event["event_type"], event["sub_event_type"], event["date"]["start"]) == ("Battles", "Armed clash", "2024-02-04")
    assert (event["actor1"]["name"], event["actor2"]["name"], event["location"]["mention"]) == ("Unidentified armed group", "Iraqi forces", "الحويجة")
    assert (event["fatalities"]["best"], event["injured"]["best"], event["reported_by"]["role"]) == (2, 3, "unnamed")
    assert data["tallies"] == []
    places = [(p["evidence"]["text"], p["country"], p["admin1"], p["geo_precision"]) for p in data["places"]]
    assert places == [("كركوك", "IQ", "Kirkuk", 1), ("الحويجة", "IQ", "Kirkuk", 2), ("جنوب غربي كركوك", "IQ", "Kirkuk", 2)]
    for place in data["places"]:
        assert TEXT_AR[place["evidence"]["start"] : place["evidence"]["end"]] == place["evidence"]["text"]
    assert not list(tmp_path.iterdir()), "extract must not touch a store"


def test_extract_keeps_input_order_and_record_dates_win(tmp_path):
    first = tmp_path / "z.txt"
    first.write_text(TEXT_AR, encoding="utf-8")
    records = SAMPLES / "records" / "monitor_weekly.jsonl"
    result = runner.invoke(app, ["extract", "--json", str(first), str(records), "--published", "2030-01-01", "--role", "official"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    expected = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [line["document"]["published"] for line in lines] == ["2030-01-01"] + [r["published"] for r in expected]
    assert [line["document"]["role"] for line in lines] == ["official"] + [r["role"] for r in expected]


def test_extract_without_json_prints_a_summary_per_document(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT_AR, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert "1 events, 0 tallies, 3 places" in result.stdout


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--published", "the day after"], "cannot read 'the day after' as a date"),
        (["--role", "witness"], "'witness' is not one of outlet, claimant, monitor, official"),
        (["--column", "body"], "'body': use FIELD=COLUMN with FIELD one of text, title"),
        (["--column", "headline=title"], "'headline=title': use FIELD=COLUMN"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, arguments, message):
    result = runner.invoke(app, ["extract", "--json", str(SAMPLES / "articles"), *arguments], terminal_width=300)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_documents_filters(stocked_db):
    def ids(*arguments):
        result = runner.invoke(app, ["documents", "--db", str(stocked_db), "--json", *arguments])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    everything = ids()
    assert len(everything) == 48
    assert {d["language"] for d in ids("--language", "fa")} == {"fa"}
    assert len(ids("--language", "fa")) == 2
    claims = ids("--role", "claimant")
    assert len(claims) == 11 and {d["outlet"] for d in claims} == {"حصاد الولايات"}
    january = ids("--since", "2024-01-10", "--until", "2024-01-15")
    assert january and all("2024-01-10" <= d["published"][:10] <= "2024-01-15" for d in january)
    assert len(ids("--limit", "5")) == 5
    dated = [d["published"][:10] for d in everything if d["published"]]
    assert dated == sorted(dated, reverse=True), "newest first"
    assert len(ids("--outlet", "Frontline Brief")) == 4


def test_documents_table_shows_input_as_text_not_markup(tmp_path):
    db = tmp_path / "s.db"
    record = tmp_path / "r.jsonl"
    record.write_text(json.dumps({"text": TEXT_AR, "title": "[bold red]not markup[/] <script>x</script>"}) + "\n")
    assert runner.invoke(app, ["ingest", str(record), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["documents", "--db", str(db)])
    for piece in ("[bold", "red]not", "markup[/]", "<script>x</script>"):  # the table may wrap the title
        assert piece in result.stdout


def test_show_by_prefix_and_as_json(stocked_db):
    listed = runner.invoke(app, ["documents", "--db", str(stocked_db), "--json", "--outlet", "Frontline Brief", "--limit", "1"])
    document = json.loads(listed.stdout)
    result = runner.invoke(app, ["show", document["id"][:10], "--db", str(stocked_db)], terminal_width=200)
    assert result.exit_code == 0
    assert document["title"] in result.stdout and "Frontline Brief" in result.stdout
    as_json = runner.invoke(app, ["show", document["id"], "--db", str(stocked_db), "--json"])
    VALIDATOR.validate(json.loads(as_json.stdout))
    assert json.loads(as_json.stdout)["document"] == document


def test_show_unknown_and_ambiguous(stocked_db):
    assert runner.invoke(app, ["show", "zzzz", "--db", str(stocked_db)]).exit_code == 1
    assert runner.invoke(app, ["show", "", "--db", str(stocked_db)]).exit_code == 2


def test_export_jsonl_is_the_contract(stocked_db):
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(stocked_db)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 48
    for line in lines:
        VALIDATOR.validate(line)


def test_export_csv_of_documents(stocked_db, tmp_path):
    out = tmp_path / "documents.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--table", "documents", "--language", "ar",
                                 "--output", str(out), "--db", str(stocked_db)])  # fmt: skip
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 30 and {row["language"] for row in rows} == {"ar"}
    assert all(row["text"] for row in rows)
    assert list(rows[0])[:7] == ["id", "language", "published", "outlet", "url", "title", "role"]


@pytest.mark.parametrize("table, model", [("events", Event), ("tallies", Tally)])
def test_export_csv_of_reports_has_a_stable_header(stocked_db, table, model):
    result = runner.invoke(app, ["export", "--format", "csv", "--table", table, "--db", str(stocked_db)])
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header == flat_columns(model) + ["document_id"]
    assert "fatalities_best" in header or "quantity_best" in header


def test_readme_opens_with_the_two_commands_and_documents_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make demo") < 400 and readme.index("make test") < 400
    for name in Settings.model_fields:
        assert f"MARSAD_{name.upper()}" in readme, f"README does not document MARSAD_{name.upper()}"


def test_the_installed_executable(tmp_path):
    """The console script itself, as a user runs it."""
    marsad = Path(sys.executable).parent / "marsad"
    completed = subprocess.run([str(marsad), "extract", "--json", "-", "--published", "2024-01-15"],
                               input=TEXT_AR.encode(), capture_output=True, timeout=120, cwd=tmp_path)  # fmt: skip
    assert completed.returncode == 0, completed.stderr.decode()
    VALIDATOR.validate(json.loads(completed.stdout))
