"""Linking: event reports of one incident, across documents and languages, into incidents.

The rules of `score` on reports built by hand; incremental linking (a new document links into
what is there, linking again changes nothing) on a real store, SQLite and PostgreSQL; and end
to end through the CLI: a folder where one attack arrives as a claim post, a wire story and a
monitor's note, beside the same group's attack in the same town two days later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from marsad.cli import app
from marsad.link import LinkReport, Linker, link_report, score
from marsad.link.incidents import incident_record
from marsad.link.measure import b_cubed, pairwise
from marsad.model import Document
from marsad.pipeline import extract, link
from marsad.store import Store

runner = CliRunner()
DAY = dt.date(2024, 3, 11)

BASE = LinkReport(
    id="a", document_id="d1", published=DAY + dt.timedelta(days=1), first=DAY - dt.timedelta(days=1),
    last=DAY + dt.timedelta(days=1), day=DAY, country="SY", admin1="Deir ez-Zor", place="geonames:1", precision=1,
    lat=35.14, lon=40.43, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
    actor1="Islamic State Syria Province", actor2="Syrian Democratic Forces", claimed_by=None, channel=None,
    fatalities=2, injured=None, role="outlet", document_role="outlet", voiced=True, source=None, text="",
)  # fmt: skip


def report(**changes) -> LinkReport:
    return dataclasses.replace(BASE, **changes)


def test_one_incident_told_by_a_claim_and_a_monitor_scores_high():
    claim = report(id="claim", role="claimant", document_role="claimant", claimed_by="Islamic State Syria Province", fatalities=12)
    monitor = report(id="monitor", role="monitor", document_role="monitor", fatalities=2, place="geonames:2", lat=35.16, lon=40.45)
    assert score(claim, monitor) >= 0.6


@pytest.mark.parametrize(
    "other, why",
    [
        (report(day=DAY + dt.timedelta(days=2), first=DAY + dt.timedelta(days=1), last=DAY + dt.timedelta(days=3)), "two days apart"),
        (report(place="geonames:9", lat=35.95, lon=39.01), "the same day in a town 150 km away"),
        (report(country="IQ", admin1="Nineveh", place="geonames:7"), "another country"),
        (report(admin1="Al-Hasakah", place="geonames:8"), "another province"),
        (report(actor1="Hayat Tahrir al-Sham"), "two armed groups each named as the one who acted"),
    ],
)
def test_reports_that_cannot_be_one_incident(other, why):
    assert score(BASE, other) is None, why


def test_a_village_near_the_town_and_the_sides_told_the_other_way_round_agree():
    other = report(place="geonames:3", lat=35.2, lon=40.5, actor1="Syrian Democratic Forces", actor2="Islamic State Syria Province")
    assert score(BASE, other) >= 0.6


def test_linking_is_incremental_and_the_same_either_way():
    reports = [
        report(id="r1"),
        report(id="r2", role="claimant", claimed_by="Islamic State Syria Province", fatalities=9),
        report(id="r3", day=DAY + dt.timedelta(days=3), first=DAY + dt.timedelta(days=2), last=DAY + dt.timedelta(days=4)),
        report(id="r4", country="NG", admin1="Borno", place="geonames:5", actor1="Islamic State West Africa Province"),
    ]
    at_once = Linker().add_all(reports)
    stepwise = Linker()
    for one in reports:
        stepwise.add(one)
    assert stepwise.add_all([]) == {} and {r.id: i for i, members in stepwise.members.items() for r in members} == at_once
    assert len(set(at_once.values())) == 3 and at_once["r1"] == at_once["r2"]


def test_the_incident_record_keeps_every_source_and_the_conservative_toll():
    claim = report(id="claim", role="claimant", document_role="claimant", claimed_by="Islamic State Syria Province", channel="Amaq", fatalities=12)
    monitor = report(id="monitor", role="monitor", document_role="monitor", fatalities=2, source="Deir ez-Zor 24")
    record = incident_record("x", [claim, monitor])
    assert (record.status, record.claimed_by, record.channel, record.claimed_fatalities) == ("contested", "Islamic State Syria Province", "Amaq", 12)
    assert (record.fatalities, record.fatalities_low, record.fatalities_high, record.n_sources) == (2, 2, 12, 2)
    assert incident_record("x", [claim, report(id="m", role="monitor", fatalities=8)]).status == "corroborated"
    assert incident_record("x", [claim]).status == "claim_only"
    assert incident_record("x", [monitor]).status == "attributed"
    assert incident_record("x", [report(actor1=None)]).status == "unclaimed"


# -- through the store and the CLI ---------------------------------------------------------------

CLAIM = """ولاية الخير – بفضل الله تعالى، فجّر جنود الخلافة عبوة ناسفة على آلية لميليشيا قسد المرتدة في بلدة الشحيل بريف دير الزور الشرقي يوم الاثنين، ما أدى إلى هلاك 6 من عناصرها. ولله الحمد."""
WIRE = """DEIR EZ-ZOR, Syria, March 12 (wire) - A roadside bomb struck a vehicle of the Kurdish-led Syrian Democratic Forces in the town of al-Shuhayl in eastern Deir ez-Zor on Monday, killing two fighters, a war monitor said. The Islamic State claimed the attack through its Amaq news agency."""
MONITOR = """On 11 March 2024, an IED planted by Islamic State cells exploded near an SDF vehicle in al-Shuhayl (Deir ez-Zor); 2 SDF fighters killed, 1 wounded."""
LATER = """On 13 March 2024, Islamic State gunmen shot dead an SDF fighter at a checkpoint in al-Shuhayl (Deir ez-Zor)."""


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "incoming"
    root.mkdir()
    for name, text in {"claim.txt": CLAIM, "wire.txt": WIRE, "monitor.txt": MONITOR, "later.txt": LATER}.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_one_attack_told_three_times_is_one_incident_beside_another_two_days_later(folder, tmp_path):
    db = f"sqlite:///{tmp_path / 'marsad.db'}"
    for name, role in (("claim.txt", "claimant"), ("wire.txt", "outlet"), ("monitor.txt", "monitor"), ("later.txt", "monitor")):
        result = runner.invoke(app, ["ingest", str(folder / name), "--role", role, "--published", "2024-03-14", "--db", db])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["incidents", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    incidents = [json.loads(line) for line in result.stdout.splitlines()]
    by_days = {(i["first"], i["last"]): i for i in incidents}
    assert set(by_days) == {("2024-03-11", "2024-03-11"), ("2024-03-13", "2024-03-13")}
    shuhail = by_days[("2024-03-11", "2024-03-11")]
    assert len(shuhail["reports"]) == 3 and shuhail["status"] == "contested"  # the claim says 6, the others 2: 3 times as many
    assert (shuhail["fatalities"], shuhail["claimed_fatalities"], shuhail["claimed_by"]) == (2, 6, "Islamic State Syria Province")
    shown = runner.invoke(app, ["incident", shuhail["id"][:8], "--db", db])
    assert shown.exit_code == 0 and "الشحيل" in shown.stdout and "al-Shuhayl" in shown.stdout


def test_linking_again_changes_nothing_and_a_new_document_joins(store_url, folder, tmp_path):
    with Store(store_url) as store:
        runner.invoke(app, ["ingest", str(folder / "claim.txt"), str(folder / "later.txt"), "--published", "2024-03-14", "--db", store_url])
        first = store.links()
        assert link(store).reports == 0 and store.links() == first
        runner.invoke(app, ["ingest", str(folder / "monitor.txt"), "--role", "monitor", "--db", store_url])
        now = store.links()
    assert {k: v for k, v in now.items() if k in first} == first
    joined = [incident for event, incident in now.items() if event not in first]
    assert len(joined) == 1 and joined[0] in first.values()


def test_the_linking_test_set_stays_above_its_floor():
    """The linking test set (gold/incidents): 47 incidents, 18 of them near-misses, told by
    108 documents. Floors a little under what bench/link.py measured when they were set
    (B-cubed F1 0.84, false merges 0.3 %); the issue's aims are F1 0.95 and under 2 %."""
    path = Path(__file__).parent.parent / "gold" / "incidents" / "incidents.yaml"
    truth, reports = {}, []
    for incident in yaml.safe_load(path.read_text(encoding="utf-8")):
        for item in incident["documents"]:
            document = Document(id=item["id"], text=item["text"], language=item["language"], published=item["published"], role=item["role"], outlet=item.get("outlet"))
            for event in extract(document).events:
                reports.append(link_report(document.meta, event))
                truth[reports[-1].id] = incident["incident"]
    reports.sort(key=lambda r: (r.published, r.document_id))
    linked = Linker().add_all(reports)
    precision, recall = b_cubed(truth, linked)
    assert 2 * precision * recall / (precision + recall) >= 0.8
    assert pairwise(truth, linked)["false_merges"] < 0.02
