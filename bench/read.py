"""Reading throughput and time recall, marsad against dateparser's search_dates.

Usage: python bench/read.py [--megabytes 10] [--baseline-kilobytes 150]

1. Speed: the sample corpus (every document of samples/) replicated to at least
   `--megabytes` MB goes through the whole reading layer — normalise, split sentences, find
   quantities and times — on one core. search_dates runs on the first `--baseline-kilobytes`
   KB of the same texts (it is too slow for all of them) and its rate is compared.
2. Recall on the time test cases (tests/cases/times_*.yaml): an expected time counts as found
   by marsad when a mention has its span and dates exactly; by search_dates when a result's
   text overlaps the span and its date falls inside the expected period.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import warnings
from pathlib import Path

import yaml

from marsad.ingest import IngestOptions, read_documents
from marsad.read import read_text
from marsad.read.normalize import normalize
from marsad.read.times import find_times

ROOT = Path(__file__).parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("times_*.yaml"))
LANGUAGES = ["ar", "en"]  # told, search_dates skips its own language detection (about 3x faster)


def corpus(megabytes: float) -> list[tuple[str, dt.date | None]]:
    documents = [d for d in read_documents([str(ROOT / "samples")], IngestOptions()) if not isinstance(d, Exception)]
    base = [(d.text, d.published.date() if isinstance(d.published, dt.datetime) else d.published) for d in documents]
    size = sum(len(text.encode()) for text, _ in base)
    return base * max(1, int(megabytes * 1e6 / size + 0.999))


def search_dates(text: str, published: dt.date | None, languages: list[str] | None = LANGUAGES):
    from dateparser.search import search_dates as baseline

    base = dt.datetime.combine(published, dt.time()) if published else dt.datetime.now()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return baseline(text, languages=languages, settings={"RELATIVE_BASE": base}) or []


def recall() -> tuple[int, int, int]:
    expected = ours = theirs = 0
    for path in CASES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            text, published = case["text"], case.get("published")
            found = find_times(normalize(text), published)
            baseline = search_dates(text, published) if published else []
            for span, start, end, precision in case["times"]:
                expected += 1
                ours += any((t.evidence.text, t.start, t.end, t.precision) == (span, start, end, precision) for t in found)
                theirs += bool(start and end) and any(
                    (piece in span or span in piece) and start <= when.date() <= end for piece, when in baseline
                )
    return expected, ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--baseline-kilobytes", type=float, default=150)
    arguments = parser.parse_args()

    texts = corpus(arguments.megabytes)
    megabytes = sum(len(text.encode()) for text, _ in texts) / 1e6
    read_text(*texts[0])  # load the language data once, outside the timing
    started = time.perf_counter()
    for text, published in texts:
        read_text(text, published)
    ours = time.perf_counter() - started

    sample, size = [], 0
    for text, published in texts:
        if size >= arguments.baseline_kilobytes * 1000:
            break
        sample.append((text, published))
        size += len(text.encode())
    our_rate = megabytes / ours
    print(f"corpus: {len(texts)} documents, {megabytes:.1f} MB")
    print(f"marsad read (normalise + sentences + quantities + times): {our_rate:6.2f} MB/s  {len(texts) / ours:7.0f} docs/s")
    for label, languages in (("languages detected", None), (f"languages={','.join(LANGUAGES)}", LANGUAGES)):
        search_dates(*sample[0], languages=languages)
        started = time.perf_counter()
        for text, published in sample:
            search_dates(text, published, languages)
        their_rate = size / 1e6 / (time.perf_counter() - started)
        print(f"dateparser search_dates, {label}, on {size / 1000:.0f} KB: {their_rate:6.3f} MB/s "
              f"(marsad is {our_rate / their_rate:.0f}x faster)")  # fmt: skip
    expected, found_ours, found_theirs = recall()
    print(f"time recall on {expected} test-case times: marsad {found_ours / expected:.1%}, search_dates {found_theirs / expected:.1%}")


if __name__ == "__main__":
    main()
