"""Geocoding cost: how long the gazetteer takes to load, and what `find_places` adds to reading.

Usage: python bench/geo.py [--rounds N]

1. Load: the bundled gazetteer, in a fresh interpreter (the imports of marsad and its
   dependencies are timed apart), best of three. Target: at most 1 s. The same interpreter
   then times the first `find_places` call, which also loads the place language data and
   builds the name indexes it keeps on the gazetteer (a cost paid once per process).
2. Share: every document of the sample corpus (`samples/`) is geocoded and read N times,
   the two interleaved so that a busy machine slows both alike; the best round of each
   counts. The baseline is the reading layer as the pipeline runs it, `read_text`
   (normalise, split sentences, find quantities and times). Target: geocoding adds at most
   20 % to extract time; extract is reading plus the later stages, so the share of reading
   alone is an upper bound of the share of extract. For reference the old baselines are
   printed too: the cheapest part of reading (normalize + tokenize + split sentences) and
   today's `extract_sources` (decoding, language detection, HTML extraction, ...).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from marsad.ingest import IngestOptions, read_documents
from marsad.pipeline import extract_sources
from marsad.read import read_text
from marsad.read.normalize import normalize
from marsad.read.sentences import split_sentences
from marsad.read.tokens import tokenize
from marsad.resolve import default_gazetteer, find_places
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


def best_times(jobs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The best of `rounds` timings of each job, the jobs taking turns within a round."""
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(rounds):
        for name, job in jobs.items():
            start = time.perf_counter()
            job()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds

    imports, load, first, entries, names = cold_load()
    print(f"gazetteer load      {load:6.3f} s   (target ≤ {LOAD_TARGET:.1f} s: {verdict(load, LOAD_TARGET)}; {entries:,} places, {names:,} names; imports {imports:.3f} s)")
    print(f"first find_places   {first:6.3f} s   (once per process: place language data and name indexes)")

    options = IngestOptions(settings=Settings())
    documents = [document for document in read_documents([str(SAMPLES)], options) if hasattr(document, "text")]
    published = [d.published.date() if isinstance(d.published, dt.datetime) else d.published for d in documents]
    characters = sum(len(document.text) for document in documents)
    default_gazetteer()
    for document in documents:  # warm: indexes built, per-country name lists cached
        find_places(normalize(document.text), document.text)

    def geocode() -> None:
        for document in documents:
            find_places(normalize(document.text), document.text)

    def read() -> None:
        for document, date in zip(documents, published):
            read_text(document.text, date)

    def read_proxy() -> None:
        for document in documents:
            view = normalize(document.text)
            tokenize(view.text)
            split_sentences(document.text)

    def extract() -> None:
        for _ in extract_sources([str(SAMPLES)], options):
            pass

    times = best_times({"geocode": geocode, "read": read, "proxy": read_proxy}, rounds)
    times["extract"] = best_times({"extract": extract}, max(1, rounds // 2))["extract"]
    places, count = times["geocode"], len(documents)
    print(f"corpus              {count} documents, {characters:,} characters (samples/)")
    per_document, per_character = places / count * 1000, places / characters * 1e6
    print(f"find_places         {places * 1000:8.1f} ms   ({per_document:.3f} ms per document, {per_character:.2f} µs per character)")
    share = places / times["read"]
    print(f"read_text           {times['read'] * 1000:8.1f} ms   ({times['read'] / count * 1000:.3f} ms per document: the reading layer)")
    print(f"geocoding share     {share:8.1%}   of reading (target ≤ {SHARE_TARGET:.0%} of extract: {verdict(share, SHARE_TARGET)})")
    for label, key in (("read proxy", "proxy"), ("extract_sources", "extract")):
        print(f"  vs {label:15} {times[key] * 1000:8.1f} ms   geocoding adds {places / times[key]:6.1%}")


if __name__ == "__main__":
    main()
