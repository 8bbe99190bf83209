"""The main job: sources → documents → reports → store, one document at a time, then the
stored reports → incidents.

`extract` is the pure part (a document in, its contract object out); `ingest` adds the
store; `link` puts the stored event reports not linked yet into incidents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from marsad.assemble import assemble
from marsad.errors import InputError
from marsad.ingest import IngestOptions, read_documents
from marsad.link import Linker, link_report
from marsad.link.incidents import IncidentRecord, incident_record
from marsad.model import Document, Extraction
from marsad.read.normalize import normalize
from marsad.resolve import find_places
from marsad.store import Store


def extract(document: Document) -> Extraction:
    view = normalize(document.text)  # one normalised view for every stage
    places = find_places(view, document.text)
    events, tallies = assemble(document, places, view)
    return Extraction(document=document.meta, events=events, tallies=tallies, places=places)


def guarded_extract(document: Document) -> Extraction | InputError:
    """`extract`, with a failure on one document reported against it instead of ending the run."""
    try:
        return extract(document)
    except Exception as error:  # noqa: BLE001 - any bug on one input must not cost the others
        return InputError(document.origin, f"extraction failed ({type(error).__name__}: {error})")


@dataclass
class Summary:
    stored: int = 0
    duplicate: int = 0
    failed: int = 0

    def __add__(self, other: Summary) -> Summary:
        return Summary(self.stored + other.stored, self.duplicate + other.duplicate, self.failed + other.failed)

    def __str__(self) -> str:
        return f"stored {self.stored} · duplicate {self.duplicate} · failed {self.failed}"


def extract_sources(sources: list[str], options: IngestOptions) -> Iterator[Extraction | InputError]:
    for item in read_documents(sources, options):
        yield item if isinstance(item, InputError) else guarded_extract(item)


def ingest(
    sources: list[str],
    options: IngestOptions,
    store: Store,
    on_error: Callable[[InputError], None] = lambda error: None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Store every document of `sources` with its reports, each in its own transaction."""
    summary = Summary()
    for item in read_documents(sources, options, progress):
        if not isinstance(item, InputError) and store.has(item.id):
            summary.duplicate += 1
            continue
        result = item if isinstance(item, InputError) else guarded_extract(item)
        if isinstance(result, InputError):
            summary.failed += 1
            on_error(result)
        elif store.save(item, result):
            summary.stored += 1
        else:
            summary.duplicate += 1
    return summary


@dataclass
class Linked:
    reports: int = 0  # newly linked
    joined: int = 0  # ... of them into an incident that was there before
    incidents: int = 0  # new incidents

    def __str__(self) -> str:
        return f"linked {self.reports} reports · {self.incidents} new incidents · {self.joined} into earlier ones"


def link(store: Store) -> Linked:
    """Link the stored event reports that are not linked yet: incidents already made are
    loaded first, so a new document links into them, and linking again changes nothing."""
    known = store.links()
    linker = Linker()
    waiting = []
    for meta, event in store.event_reports():
        report = link_report(meta, event)
        if event.id in known:
            linker.add(report, known[event.id])
        else:
            waiting.append(report)
    before = set(known.values())
    new = {report.id: linker.add(report) for report in waiting}
    store.save_links(new)
    created = set(new.values()) - before
    return Linked(reports=len(new), joined=sum(1 for i in new.values() if i in before), incidents=len(created))


def incidents(store: Store) -> list[IncidentRecord]:
    """Every incident of the store, as its linked reports tell it, the latest first."""
    links = store.links()
    members: dict[str, list] = {}
    for meta, event in store.event_reports():
        if event.id in links:
            members.setdefault(links[event.id], []).append(link_report(meta, event))
    records = [incident_record(incident, reports) for incident, reports in members.items()]
    return sorted(records, key=lambda r: (r.last is None, -(r.last.toordinal() if r.last else 0), r.id))
