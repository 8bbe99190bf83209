"""The `marsad` command line: every feature reachable from here, JSON and CSV out of everything.

One module per part of the pipeline, each registering its commands on the one Typer app
(`base.py`, with the consoles and the options several commands share):

    ingest.py     marsad ingest, link        sources → the store, reports → incidents
    read.py       marsad extract, read, places   the pure stages, on files; no store
    documents.py  marsad documents, show     the stored documents
    reports.py    marsad events, tallies     the stored reports, filtered
    incidents.py  marsad incidents, incident the incidents linking made
    export.py     marsad export              the store as JSON Lines or CSV
    demo.py       marsad demo                the sample corpus in, a summary out
    evaluate.py   marsad evaluate            extraction scored against gold annotations

A new command goes in a module of its own, imported below in the order `--help` lists
the commands.
"""

from marsad.cli.base import app
from marsad.resolve.geonames_import import gazetteer_app

# Importing a module registers its commands; `--help` lists them in this order.
from marsad.cli import ingest  # noqa: E402, F401, I001
from marsad.cli import read  # noqa: E402, F401
from marsad.cli import documents  # noqa: E402, F401
from marsad.cli import reports  # noqa: E402, F401
from marsad.cli import incidents  # noqa: E402, F401
from marsad.cli import export  # noqa: E402, F401
from marsad.cli import demo  # noqa: E402, F401
from marsad.cli import evaluate  # noqa: E402, F401

app.add_typer(gazetteer_app, name="gazetteer")

__all__ = ["app"]
