"""Geocoding cost: how long the gazetteer takes to load, and what `find_places` adds to extract.

Usage: python bench/geo.py [--copies N] [--rounds N]

1. Load: the bundled gazetteer, in a fresh interpreter (the imports of marsad and its
   dependencies are timed apart), best of three. Target: at most 1 s. The same interpreter
   then times the first `find_places` call, which also loads the place language data and
   builds the name indexes it keeps on the gazetteer (a cost paid once per process).
2. Share: the sample corpus (`samples/`) replicated N times (each copy a distinct text, as in
   bench/extract.py) goes through the real extract, `marsad.pipeline.extract` (normalise,
   find places, assemble events and tallies), with the pipeline's `find_places` wrapped in
   a timer: geocoding's share is the part of extract time spent in it, where it runs —
   between the other stages, caches cold (normalising is not geocoding's: every stage reads
   the one normalised view). Target: at most 20 %.
   For reference, `find_places` on its own, and the extract without places (`assemble`
   given none; the difference also holds what `assemble` does with the places and what
   each stage's caches lose to the other). The jobs take turns within a round; the best
   round of each counts, in CPU time, so that other processes on a busy machine count less.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from marsad.assemble import assemble
from marsad.ingest import IngestOptions, read_documents
from marsad.model import Document
from marsad import pipeline
from marsad.pipeline import extract
from marsad.read.normalize import normalize
from marsad.resolve import find_places
from marsad.settings import Settings

SAMPLES = Path(__file__).parent.parent / "samples"
LOAD_TARGET = 1.0
SHARE_TARGET = 0.20
COLD_LOAD = """
import sys, time
start = time.perf_counter()
import marsad.resolve.gazetteer as gazetteer
from marsad.read.normalize import normalize
from marsad.resolve.places import find_places
imported = time.perf_counter()
table = gazetteer.load_gazetteer()
loaded = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
find_places(normalize(text), text, table)
first = time.perf_counter()
print(imported - start, loaded - imported, first - loaded, len(table), len(table.index))
"""
FIRST_DOCUMENT = SAMPLES / "articles" / "ar_deir_ezzor_thiban_ied.txt"


def cold_load() -> tuple[float, float, float, int, int]:
    runs = []
    for _ in range(3):
        command = [sys.executable, "-c", COLD_LOAD, str(FIRST_DOCUMENT)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        imports, load, first, entries, names = output.split()
        runs.append((float(imports), float(load), float(first), int(entries), int(names)))
    return min(runs, key=lambda run: run[1])


def corpus(copies: int) -> list[Document]:
    documents = [d for d in read_documents([str(SAMPLES)], IngestOptions(settings=Settings())) if isinstance(d, Document)]
    return [d.model_copy(update={"id": f"{d.id}-{n}", "text": d.text + "\n" * n}) for n in range(copies) for d in documents]


class Timed:
    """A stand-in for a function that adds up the CPU time of its calls."""

    def __init__(self, function: Callable) -> None:
        self.function, self.seconds = function, 0.0

    def __call__(self, *arguments: object) -> object:
        start = time.process_time()
        try:
            return self.function(*arguments)
        finally:
            self.seconds += time.process_time() - start


def best_times(jobs: dict[str, Callable[[Document], object]], documents: list[Document], rounds: int, timers: list[Timed]) -> dict[str, float]:
    """The best of `rounds` CPU times of each job over the documents, the jobs taking turns
    within a round; "geocoding" is the time the timers took inside the first job."""
    best = dict.fromkeys([*jobs, "geocoding"], float("inf"))
    for _ in range(rounds):
        for name, job in jobs.items():
            for timer in timers:
                timer.seconds = 0.0
            start = time.process_time()
            for document in documents:
                job(document)
            best[name] = min(best[name], time.process_time() - start)
            if name == next(iter(jobs)):
                best["geocoding"] = min(best["geocoding"], sum(timer.seconds for timer in timers))
    return best


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    imports, load, first, entries, names = cold_load()
    print(f"gazetteer load      {load:6.3f} s   (target ≤ {LOAD_TARGET:.1f} s: {verdict(load, LOAD_TARGET)}; {entries:,} places, {names:,} names; imports {imports:.3f} s)")
    print(f"first find_places   {first:6.3f} s   (once per process: place language data and name indexes)")

    documents = corpus(arguments.copies)
    extract(documents[0])  # language data, automata and the gazetteer loaded once per process
    timers = [Timed(pipeline.find_places)]
    pipeline.find_places = timers[0]
    jobs = {
        "extract": extract,
        "without": lambda document: assemble(document, []),
        "places": lambda document: find_places(normalize(document.text), document.text),
    }
    seconds = best_times(jobs, documents, arguments.rounds, timers)
    times = {name: value / len(documents) * 1000 for name, value in seconds.items()}
    share = times["geocoding"] / times["extract"]
    characters = sum(len(document.text) for document in documents)
    print(f"corpus              {len(documents)} documents ({arguments.copies} copies of samples/), {characters:,} characters")
    print(f"extract             {times['extract']:6.3f} ms per document   (marsad.pipeline.extract)")
    print(f"  of it geocoding   {times['geocoding']:6.3f} ms per document   (find_places, in the extract)")
    print(f"geocoding share     {share:6.1%}   of extract (target ≤ {SHARE_TARGET:.0%}: {verdict(share, SHARE_TARGET)})")
    print(f"find_places alone   {times['places']:6.3f} ms per document   (normalise + find_places, one document after another)")
    print(f"extract w/o places  {times['without']:6.3f} ms per document   (assemble given no places, which also spares its own work on them)")


if __name__ == "__main__":
    main()
