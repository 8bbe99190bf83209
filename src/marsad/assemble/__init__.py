"""assemble: a document's mentions → its reports, events and tallies (DESIGN.md).

`assemble(document, places)` reads the document with every reader (marsad.read, actors
from marsad.resolve) and puts what they found together: what each figure counts
(`counts`), who says what (`voices`), the incidents the document tells (`events`, with
who did it to whom in `actors` and the toll in `tolls`) and its count statements
(`tallies`). Places come in resolved, from the resolve stage.
"""

from __future__ import annotations

from marsad.assemble.counts import read_counts
from marsad.assemble.events import assemble_events
from marsad.assemble.mentions import read_mentions
from marsad.assemble.tallies import assemble_tallies
from marsad.assemble.voices import read_voices
from marsad.model import Document, Event, Place, Tally
from marsad.read.normalize import Normalized


def assemble(document: Document, places: list[Place], view: Normalized | None = None) -> tuple[list[Event], list[Tally]]:
    """The document's events and tallies; `view` is its normalised text when the caller has
    it already."""
    m = read_mentions(document, places, view)
    counts = read_counts(m)
    voices = read_voices(m)
    events = assemble_events(m, counts, voices)
    told = {m.sentence_of(e.start) for event in events for e in event.evidence}
    return events, assemble_tallies(m, counts, voices, told)
