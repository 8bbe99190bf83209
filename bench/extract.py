"""Extraction throughput: documents per second for the whole extract, on one core.

Usage: python bench/extract.py [--copies N] [--rounds N]

The sample corpus (`samples/`) is read once, replicated N times (each copy a distinct text,
so that no cache sees the same document twice) and extracted document by document:
normalise, read every mention (sentences, quantities, times, triggers, actors, cues,
voices), and assemble events and tallies. Geocoding is left out of the main figure, as the
issue asks — it has its own benchmark (bench/geo.py) — and timed apart for reference.
Target: at least 300 documents/s without geocoding. The best round counts.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from marsad.assemble import assemble
from marsad.ingest import IngestOptions, read_documents
from marsad.model import Document
from marsad.pipeline import extract
from marsad.settings import Settings

SAMPLES = Path(__file__).parent.parent / "samples"
TARGET = 300.0


def corpus(copies: int) -> list[Document]:
    documents = [d for d in read_documents([str(SAMPLES)], IngestOptions(settings=Settings())) if isinstance(d, Document)]
    return [d.model_copy(update={"id": f"{d.id}-{n}", "text": d.text + "\n" * n}) for n in range(copies) for d in documents]


def best(job, documents: list[Document], rounds: int) -> float:
    fastest = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for document in documents:
            job(document)
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    documents = corpus(arguments.copies)
    characters = sum(len(d.text) for d in documents)
    extract(documents[0])  # language data, automata and the gazetteer loaded once per process
    without = best(lambda d: assemble(d, []), documents, arguments.rounds)
    whole = best(extract, documents, arguments.rounds)
    count = len(documents)
    rate = count / without
    events = sum(len(assemble(d, [])[0]) for d in documents[: count // arguments.copies])
    print(f"corpus            {count} documents ({arguments.copies} copies of samples/), {characters / 1e6:.1f} MB, {events} events in one copy")
    print(f"extract           {rate:8.0f} documents/s   {characters / without / 1e6:.2f} MB/s   without geocoding (target ≥ {TARGET:.0f}: {'ok' if rate >= TARGET else 'UNDER'})")
    print(f"extract + places  {count / whole:8.0f} documents/s   (marsad.pipeline.extract; geocoding's own share: bench/geo.py)")


if __name__ == "__main__":
    main()
