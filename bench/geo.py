"""Geocoding cost: how long the gazetteer takes to load, and what `find_places` adds to reading.

Usage: python bench/geo.py [--rounds N]

1. Load: the bundled gazetteer, in a fresh interpreter (the imports of marsad and its
   dependencies are timed apart), best of three. Target: at most 1 s.
2. Share: every document of the sample corpus (`samples/`) is read N times. The reading
   stage does not exist in full yet, so its cost is stood in for by what it will always do
   — normalize + tokenize + split sentences — and, as a second baseline, by today's
   `extract_sources` (decoding, language detection, HTML extraction, ...). Geocoding's share
   is find_places time / baseline time. Target: at most 20 % of the full extract; against
   the read-stage proxy the figure is an upper bound, since the proxy is the cheapest part
   of reading (C-speed `str.translate` and one regex).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from marsad.ingest import IngestOptions, read_documents
from marsad.pipeline import extract_sources
from marsad.read.normalize import normalize
from marsad.read.sentences import split_sentences
from marsad.read.tokens import tokenize
from marsad.resolve import default_gazetteer, find_places
from marsad.settings import Settings

SAMPLES = Path(__file__).parent.parent / "samples"
LOAD_TARGET = 1.0
SHARE_TARGET = 0.20
COLD_LOAD = """
import time
start = time.perf_counter()
import marsad.resolve.gazetteer as gazetteer
imported = time.perf_counter()
table = gazetteer.load_gazetteer()
loaded = time.perf_counter()
print(imported - start, loaded - imported, len(table), len(table.index))
"""


def cold_load() -> tuple[float, float, int, int]:
    runs = []
    for _ in range(3):
        output = subprocess.run([sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True).stdout
        imports, load, entries, names = output.split()
        runs.append((float(imports), float(load), int(entries), int(names)))
    return min(runs, key=lambda run: run[1])


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    imports, load, entries, names = cold_load()
    verdict = "ok" if load <= LOAD_TARGET else "OVER"
    print(f"gazetteer load      {load:6.3f} s   (target ≤ {LOAD_TARGET:.1f} s: {verdict}; {entries:,} places, {names:,} names; imports {imports:.3f} s)")

    options = IngestOptions(settings=Settings())
    documents = [document for document in read_documents([str(SAMPLES)], options) if hasattr(document, "text")]
    characters = sum(len(document.text) for document in documents)
    default_gazetteer()
    find_places(normalize(documents[0].text), documents[0].text)  # one-time indexes built on first use

    def read_proxy() -> None:
        for document in documents:
            view = normalize(document.text)
            tokenize(view.text)
            split_sentences(document.text)

    def geocode() -> None:
        for document in documents:
            find_places(normalize(document.text), document.text)

    def extract() -> None:
        for _ in extract_sources([str(SAMPLES)], options):
            pass

    proxy = min(timed(read_proxy) for _ in range(rounds))
    places = min(timed(geocode) for _ in range(rounds))
    full = min(timed(extract) for _ in range(max(1, rounds // 2)))
    print(f"corpus              {len(documents)} documents, {characters:,} characters (samples/)")
    print(f"find_places         {places * 1000:8.1f} ms   ({places / characters * 1e6:.2f} µs per character)")
    for label, baseline in (("read proxy", proxy), ("extract_sources", full)):
        share = places / baseline
        verdict = "ok" if share <= SHARE_TARGET else "OVER"
        print(f"vs {label:16} {baseline * 1000:8.1f} ms   geocoding adds {share:6.1%}   (target ≤ {SHARE_TARGET:.0%}: {verdict})")
    print("note: the read proxy stands in for the reading stage until the full extract exists (see the docstring)")


if __name__ == "__main__":
    main()
