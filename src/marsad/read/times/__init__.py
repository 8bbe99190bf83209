"""Times in a text, resolved against the publication date.

`find_times(view, published)` reads a normalised view left to right, in three steps, each a
module of this package:

- `windows`: where to read — only around the words no time expression can do without;
- `scanner` (with `points` and `durations`, over a `cursor` on the window's tokens): each
  time expression met, read into what the text *said* (`said`: a day of a month with or
  without a year, a month, a year, a weekday, "last week", a duration, "since …", a range,
  a back-reference);
- `dates` (with `calendars` and `back_references`): what was said, resolved into a
  `TimeMention` {start, end, precision} with the publication date.

All words — month names in every regional naming, weekdays, relative phrases, parts of a
month, durations with their dual forms — come from `lang/<language>/months.yaml` and
`lang/<language>/relative_times.yaml` (schemas in `data`), indexed by `grammar`. The tables
of every language are merged: Arabic and English words never collide, and an Arabic article
quoting "Jan. 7" reads it too.

Rules chosen where the text leaves it open (each also stated in the data or tests):
- A month named without a year is the most recent such month not after the publication
  month ("في يناير" published 5 Feb 2024 → January 2024; "في مارس" → March 2023).
  "الماضي"/"last" makes it strictly before the publication month, "المقبل"/"next" strictly
  after, "الجاري"/"this" the publication's own year.
- A day and month without a year: the most recent such day not after publication, except a
  day later in the publication's own month, which stays in that month (an article of 5
  February that says "20 فبراير" speaks of this February).
- A weekday alone is the most recent such day on or before publication ("said on Thursday"
  in a Thursday wire is that day); with "الماضي"/"last" strictly before it.
- "الأسبوع الماضي"/"last week" is the seven days before publication (news usage: a Friday
  report of "last week" includes Thursday), precision week; "هذا الأسبوع" is the calendar
  week holding publication, starting on the language's first weekday.
- Parts of a month: early = days 1–10, mid = 11–20, late = 21–end; of a year: January–April,
  May–August, September–December; precision range.
- Digits: day/month/year (Arab and wire usage); a four-digit first field is year-month-day.
- A duration before publication ("خلال أقل من شهرين", "over the past two weeks") runs from
  that long before publication to publication; a hedge does not move it. Without a count
  ("خلال الأيام الماضية", "in recent weeks") the start is unknown and stays null.
  "قبل ثلاثة أيام"/"three days ago" is a point, not a span.
- Back-references ("في الفترة نفسها", "in the same period") copy the last mention before
  them; "اليوم نفسه"/"the same day" the last single day.
- Times of day ("الساعة الثالثة فجراً", "at 3 pm") are not time mentions: marsad's
  precision stops at the day. A time-of-day word before a day ("مساء أمس") is left out of
  the span.
- Prepositions are left out of spans ("في يناير" → "يناير") unless they change the meaning:
  a duration keeps its opener ("خلال أقل من شهرين"), "منذ"/"since" and "بين"/"between" are
  kept.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from itertools import compress
from operator import itemgetter

from marsad.model import TimeMention
from marsad.read.normalize import Normalized
from marsad.read.times.data import MonthsData, RelativeTimesData
from marsad.read.times.dates import resolve
from marsad.read.times.grammar import Grammar, answers, grammar
from marsad.read.times.scanner import Scanner
from marsad.read.times.windows import START_REACH, windows
from marsad.read.tokens import Token, tokenize

__all__ = ["MonthsData", "RelativeTimesData", "find_times", "find_times_everywhere"]


def find_times(view: Normalized, published: dt.date | None) -> list[TimeMention]:
    """Every time expression of the text, in text order, resolved against `published`
    (a date or a datetime; None when the document does not say when it was published)."""
    if isinstance(published, dt.datetime):
        published = published.date()
    g = grammar()
    mentions: list[TimeMention] = []
    for start, end, cores in windows(view.text, g):
        _scan(view, tokenize(view.text, start, end), g, published, mentions, cores)
    return mentions


def find_times_everywhere(view: Normalized, published: dt.date | None) -> list[TimeMention]:
    """`find_times` reading every token of the text: what the windows must agree with."""
    if isinstance(published, dt.datetime):
        published = published.date()
    mentions: list[TimeMention] = []
    _scan(view, tokenize(view.text), grammar(), published, mentions)
    return mentions


def _scan(
    view: Normalized,
    tokens: list[Token],
    g: Grammar,
    published: dt.date | None,
    mentions: list[TimeMention],
    cores: set[int] | None = None,
) -> None:
    """Read the time expressions of `tokens` into `mentions` (which holds those before them,
    for back-references). `cores`: where the core words start, when the caller knows."""
    scanner = Scanner(view, tokens, g)
    next_core = _next_core(tokens, g, cores)
    # Only tokens where an expression may start are read (the others would read nothing).
    starters = list(compress(range(len(tokens)), answers(g.starting, list(map(itemgetter(0), tokens)), g.may_start)))
    index = 0
    while (at := bisect_left(starters, index)) < len(starters):
        index = starters[at]
        if next_core[index] - index > START_REACH:
            index = next_core[index] - START_REACH
            continue
        found = scanner.read(index)
        if found is None:
            index += 1
            continue
        try:
            start, end, precision = resolve(found.said, published, mentions)
        except (ValueError, OverflowError):  # 31 February, a Hijri year hijridate cannot convert
            index += 1
            continue
        if start is not None and end is not None and end < start:
            index += 1
            continue
        mentions.append(TimeMention(start=start, end=end, precision=precision, evidence=view.evidence(found.start, found.end)))
        index = max(found.next, index + 1)
        scanner.floor = index


def _next_core(tokens: list[Token], g: Grammar, cores: set[int] | None) -> list[int]:
    """For each token, the index of the first core token from it on (past the end when
    none). Every expression has a core word within START_REACH tokens of its start ("في
    وقت سابق من هذا العام"): no token farther from one is tried."""
    if cores is not None:
        starts = list(map(itemgetter(1), tokens))  # Token is a named tuple: (text, start, end)
        core_indices = [k for core in sorted(cores) if (k := bisect_left(starts, core)) < len(starts) and starts[k] == core]
    else:
        core_indices = [k for k, token in enumerate(tokens) if g.is_core(token.text)]
    next_core: list[int] = []
    for core in core_indices:
        next_core += [core] * (core + 1 - len(next_core))
    return next_core + [len(tokens) + START_REACH + 1] * (len(tokens) - len(next_core))
