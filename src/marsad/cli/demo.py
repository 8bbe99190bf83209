"""`marsad demo`: the bundled sample corpus into the store, and what it yields."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.base import DbOption, app, err, out, plain, settings_with
from marsad.cli.ingest import run_ingest
from marsad.ingest import Columns, IngestOptions
from marsad.model import Role
from marsad.pipeline import Summary, link
from marsad.store import Store

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
NEXT = "Next: marsad documents · marsad events --country SY · marsad tallies --unit attacks · marsad incidents · marsad show ID · marsad export --format csv"


@app.command("demo", epilog="Example: marsad demo --db demo.db")
def demo_command(
    db: DbOption = None,
    samples: Annotated[Path, typer.Option(help="The sample corpus folder.")] = SAMPLES,
) -> None:
    """Ingest the bundled sample corpus into the store and show what was found."""
    settings = settings_with(db)
    if not samples.is_dir():
        err.print(plain(f"{samples}: no sample corpus here (run from the repository root, or pass --samples)"))
        raise typer.Exit(1)
    total = Summary()
    with Store(settings.db) as store:
        for part, role, columns in DEMO_PLAN:
            summary = run_ingest([str(samples / part)], IngestOptions(settings=settings, role=role, columns=columns), store)
            out.print(plain(f"{part:<30} {summary}"))
            total += summary
        linked = link(store)
        documents = store.documents()
        counts = store.counts()
        reports = store.report_counts()
    out.print(plain(f"{'all':<30} {total}"))
    table = Table("language", "role", "documents", title=plain(f"In the store ({settings.db})"))
    tally: dict[tuple[str, str], int] = {}
    for document in documents:
        key = (document.language or "?", document.role)
        tally[key] = tally.get(key, 0) + 1
    for (language, role), count in sorted(tally.items()):
        table.add_row(language, role, str(count))
    out.print(table)
    out.print(plain(f"{counts['documents']} documents · {counts['events']} events · {counts['tallies']} tallies · {counts['places']} places"))
    out.print(plain(f"events by type:   {_counted(reports['events'])}"))
    out.print(plain(f"tallies by unit:  {_counted(reports['tallies'])}"))
    out.print(plain(f"incidents:        {linked}"))
    out.print(plain(NEXT))
    if total.failed:
        raise typer.Exit(1)


def _counted(counts: dict[str, int]) -> str:
    return " · ".join(f"{name} {count}" for name, count in counts.items()) or "none yet"
