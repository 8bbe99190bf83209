"""read: a document's text → mentions (sentences, quantities, times), as spans of the original.

Everything here works on a normalised view of the text (`normalize`) and reports offsets
into the text as published. Times are read first: a number inside a date ("3 يناير") is not
a quantity.
"""

from __future__ import annotations

import datetime as dt

from marsad.model import Reading
from marsad.read.normalize import normalize
from marsad.read.quantities import find_quantities
from marsad.read.sentences import split_sentences
from marsad.read.times import find_times


def read_text(text: str, published: dt.date | None = None) -> Reading:
    view = normalize(text)
    times = find_times(view, published)
    taken = [(view.view_offset(t.evidence.start), view.view_offset(t.evidence.end)) for t in times]
    return Reading(sentences=split_sentences(text), quantities=find_quantities(view, taken), times=times)
