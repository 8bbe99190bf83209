"""Linking: how well reports of one incident are joined, and how fast linking grows.

Usage: python bench/link.py [--sizes 10000 30000 100000] [--seed 7]

1. Quality on the linking test set (`gold/incidents/`): every document is extracted, its
   event reports linked, and the incidents compared with the set's: pairwise precision and
   recall (of the pairs of reports put together), false merges (pairs put together that
   are apart), B-cubed precision, recall and F1, and how many incidents get their
   expected claim status. Aims: false merges below 2 %, B-cubed F1 above 0.95.
2. Speed on synthetic reports (made here: incidents spread over three years and the
   countries marsad follows, weighted as conflict reporting is, each told by one to five
   reports with the dates, places, actors and tolls sources give, noise included): the time
   to link 10 k, 30 k and 100 k reports on one core. Aim: 100 k in under 60 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import defaultdict
from pathlib import Path

import yaml

from marsad.link import LinkReport, Linker, link_report
from marsad.link.incidents import incident_record
from marsad.link.measure import b_cubed, pairwise
from marsad.model import Document
from marsad.pipeline import extract
from marsad.resolve.gazetteer import default_gazetteer

GOLD = Path(__file__).parent.parent / "gold" / "incidents"
COUNTRIES = {"SY": 30, "IQ": 15, "NG": 14, "ML": 6, "BF": 6, "NE": 4, "SO": 10, "MZ": 3, "CD": 4, "AF": 3, "PK": 3, "YE": 2}
ACTORS = {
    "SY": ["Islamic State Syria Province", "Syrian government forces", "Syrian Democratic Forces", "Hayat Tahrir al-Sham"],
    "IQ": ["Islamic State Iraq Province", "Iraqi forces", "Popular Mobilization Forces"],
    "NG": ["Islamic State West Africa Province", "Boko Haram (JAS)", "Nigerian forces"],
    "ML": ["JNIM", "Islamic State Sahel Province", "Malian forces"],
    "BF": ["JNIM", "Burkinabe forces"],
    "NE": ["Islamic State Sahel Province", "JNIM", "Nigerien forces"],
    "SO": ["al-Shabaab", "Somali forces"],
    "MZ": ["Islamic State Mozambique Province", "Mozambican forces"],
    "CD": ["Allied Democratic Forces", "Congolese forces"],
    "AF": ["Islamic State Khorasan Province", "Taliban"],
    "PK": ["Tehrik-i-Taliban Pakistan", "Pakistani forces"],
    "YE": ["Houthis", "al-Qaeda in the Arabian Peninsula", "Yemeni government forces"],
}
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack")]  # fmt: skip
START = dt.date(2022, 1, 1)


# -- quality on the test set ------------------------------------------------------------------


def gold_quality() -> None:
    records = [incident for path in sorted(GOLD.glob("*.yaml")) for incident in yaml.safe_load(path.read_text(encoding="utf-8"))]
    if not records:
        print(f"linking test set   none found in {GOLD}")
        return
    truth: dict[str, str] = {}  # report id → the incident the set says
    reports: list[LinkReport] = []
    for incident in records:
        for item in incident["documents"]:
            document = Document(
                id=item["id"], text=item["text"], language=item.get("language"), published=item.get("published"),
                role=item.get("role", "outlet"), outlet=item.get("outlet"),
            )  # fmt: skip
            extraction = extract(document)
            for event in extraction.events:
                found = link_report(document.meta, event)
                reports.append(found)
                truth[found.id] = incident["incident"]
    reports.sort(key=lambda r: (r.published or START, r.document_id))
    linked = Linker().add_all(reports)
    pairs = pairwise(truth, linked)
    b_precision, b_recall = b_cubed(truth, linked)
    f1 = 2 * b_precision * b_recall / (b_precision + b_recall) if b_precision + b_recall else 0.0
    members = defaultdict(list)
    for report in reports:
        members[linked[report.id]].append(report)
    expected = {r["incident"]: r.get("status") for r in records}
    statuses = [expected[truth[m[0].id]] == incident_record(i, m).status for i, m in members.items() if len({truth[r.id] for r in m}) == 1]
    documents = sum(len(r["documents"]) for r in records)
    print(f"linking test set   {len(records)} incidents, {documents} documents, {len(reports)} event reports, {len(set(linked.values()))} incidents made")
    print(f"pairwise           precision {pairs['precision']:.3f}  recall {pairs['recall']:.3f}  false merges {pairs['false_merges']:.1%} (aim < 2%)")
    print(f"B-cubed            precision {b_precision:.3f}  recall {b_recall:.3f}  F1 {f1:.3f} (aim > 0.95)")
    print(f"claim status       {sum(statuses)} of {len(statuses)} pure incidents as expected")


# -- speed on synthetic reports ------------------------------------------------------------------


def synthetic(count: int, rng: random.Random) -> list[LinkReport]:
    towns = _towns()
    countries = list(COUNTRIES)
    weights = [COUNTRIES[c] for c in countries]
    reports: list[LinkReport] = []
    incident = 0
    while len(reports) < count:
        incident += 1
        country = rng.choices(countries, weights)[0]
        town = rng.choice(towns[country])
        day = START + dt.timedelta(days=rng.randrange(3 * 365))
        kind = rng.choice(TYPES)
        actor1, actor2 = rng.sample(ACTORS[country], 2)
        toll = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20])
        for n in range(min(1 + int(rng.expovariate(0.8)), 5)):
            reports.append(_told(f"s{incident}-{n}", town, country, day, kind, actor1, actor2, toll, rng))
    return reports[:count]


def _told(id_, town, country, day, kind, actor1, actor2, toll, rng: random.Random) -> LinkReport:
    role = rng.choices(["outlet", "monitor", "claimant", "official"], [5, 3, 2, 1])[0]
    dated = rng.random() < 0.85
    precise = rng.random() < 0.75
    published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3]))
    first, last = (day - dt.timedelta(days=1), day + dt.timedelta(days=1)) if dated else (published - dt.timedelta(days=4), published)
    return LinkReport(
        id=id_, document_id=id_, published=published, first=first, last=last, day=day if dated else None,
        country=country, admin1=town[1], place=town[0] if precise else None, precision=1 if precise else 3,
        lat=town[2] if precise else None, lon=town[3] if precise else None, event_type=kind[0], sub_event_type=kind[1],
        actor1=actor1, actor2=actor2, claimed_by=actor1 if role == "claimant" else None, channel=None,
        fatalities=toll * (3 if role == "claimant" else 1), injured=None, role=role, document_role=role, voiced=False, source=None, text="",
    )  # fmt: skip


def _towns() -> dict[str, list[tuple[str, str, float, float]]]:
    """Each followed country's towns: (gazetteer id, admin1, lat, lon)."""
    towns: dict[str, list] = defaultdict(list)
    for entry in default_gazetteer().entries:
        if entry.country in COUNTRIES and entry.kind == "city" and entry.lat is not None:
            towns[entry.country].append((entry.id, entry.admin1, entry.lat, entry.lon))
    return towns


def speed(sizes: list[int], seed: int) -> None:
    rng = random.Random(seed)
    pool = synthetic(max(sizes), rng)
    pool.sort(key=lambda r: (r.published, r.id))
    for size in sizes:
        reports = pool[:size]
        start = time.process_time()
        linked = Linker().add_all(reports)
        seconds = time.process_time() - start
        truth = {r.id: r.id.split("-")[0] for r in reports}
        b_precision, b_recall = b_cubed(truth, linked)
        print(f"synthetic {size:>7,}  {seconds:6.1f} s on one core  {size / seconds:8,.0f} reports/s  B-cubed P {b_precision:.3f} R {b_recall:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    gold_quality()
    speed(arguments.sizes, arguments.seed)


if __name__ == "__main__":
    main()
