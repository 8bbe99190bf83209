"""Quantities: the figures a text gives, with their hedges and what they count.

`find_quantities(view, taken)` finds every figure in a normalised view — "ما لا يقل عن 65
هجوماً", "حوالي 9000 مقاتل أسير", "more than 60,000 people", "عشرات المسلحين", "قُتل جنديان"
— and returns them as `QuantityMention`s whose evidence points into the original text.
`taken` are view spans the times reader has already claimed ("خلال أقل من شهرين"): numbers
in them are not quantities.

Low / best / high follow UCDP: best is the figure the text supports as most likely, low
and high the bounds it states; what the text does not state stays null, never guessed.

    qualifier      text                       low    best   high
    exact          "192 هجوماً"               n      n      n
    approximately  "نحو 215", "about 40"      null   n      null
    at_least       "ما لا يقل عن 65"          n      n      null
    more_than      "أكثر من 30", "over 30"    n      n      null
    at_most        "لا يزيد عن 1000"          null   null   n
    fewer_than     "أقل من 10"                null   null   n
    range          "بين 10 و15", "10-15"      a      null   b
    vague          "عشرات", "dozens"          data   null   data

- more_than keeps low = n rather than n + 1: figures may be fractional or rounded ("أكثر من
  1.5 مليون"), and the qualifier already says the bound is strict. at_least and more_than
  take best = n because the stated floor is the conservative figure ACLED and UCDP code;
  at_most and fewer_than give no best, since a ceiling says nothing of the likely value.
- range: best stays null — a midpoint is an invention. A hedge before a range narrows it:
  "لا تتجاوز أربعة أو خمسة" is at_most 5, "at least 10 to 15" at_least 10.
- vague bounds come from hedges.yaml (the smallest value the word literally means, up to
  the largest before the next word up would be used); a few-word before a multiplier
  multiplies them ("بضعة آلاف" 3,000–9,000).
- percentages are quantities with unit "percent".

Not quantities (see `context`): years, ordinals, dates, times of day, periods and
frequencies, identifiers, phone-like numbers.

The package reads in two steps: `candidates` finds where a figure may start and makes the
tokens around it only when asked, and `reader` (over `context`) reads the figure there.
Every word lives in `lang/<language>/{numbers,hedges,units,months}.yaml` (schemas in
`data`), indexed by `grammar` and matched by `phrases`; the code is language-neutral and
reads the data of all languages at once (their scripts do not overlap).

A dual noun counts two on its own ("قُتل جنديان"), and a lone "one" (واحد، أحد، one)
counts only next to a counted noun ("عنصر واحد", "أحد المسلحين"), since it is as often a
pronoun ("لم يعلن أحد", "one of the largest").
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.model import QuantityMention
from marsad.read.normalize import Normalized
from marsad.read.quantities.candidates import LazyTokens, candidates
from marsad.read.quantities.grammar import grammar
from marsad.read.quantities.reader import FigureReader

__all__ = ["find_quantities", "grammar"]


def find_quantities(view: Normalized, taken: Sequence[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Every quantity in `view`, in text order; `taken` are view spans that are not figures."""
    g = grammar()
    found: list[QuantityMention] = []
    blocked = sorted(taken)
    blocked_starts = [start for start, _ in blocked]
    consumed = 0
    reversed_text = view.text[::-1]
    reader = FigureReader(g, view, blocked, blocked_starts)
    for position in candidates(g, view.text):
        if position < consumed:
            continue
        reading = reader.read(LazyTokens(view.text, reversed_text, position))
        if reading is None:
            continue
        mention, until = reading
        consumed = max(consumed, until)
        if mention is not None:
            found.append(mention)
    return found
