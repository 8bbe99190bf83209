"""Reports into incidents, one report at a time.

A new report is compared only with the incidents whose reports share its country and a day
of its time window (the blocks), so the cost grows with the candidates, not with the store.
It joins the incident it is most alike (its best-scoring report, above the threshold) that
none of whose reports rules it out, when no other is about as alike; otherwise it starts an
incident of its own. Incidents
already made are never taken apart by linking: a new document links into them, and linking
the same reports again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable

from marsad.link.reports import LinkReport
from marsad.link.score import Similarity, Weights, score

# Set on data (bench/link.py): on the linking test set B-cubed F1 is flat from 0.4 to 0.6
# (0.84–0.85) and falls above; on synthetic reports precision falls from 0.97 to 0.80 below
# 0.55, where undated reports with no town start to join. The hard rules of `score` do
# most of the work.
THRESHOLD = 0.55
MARGIN = 0.05  # how much more alike the best incident must be than the next
ANYWHERE = ""  # the block of reports whose country is not known


class Linker:
    def __init__(self, threshold: float = THRESHOLD, weights: Weights = Weights(), similarity: Similarity | None = None):
        self.threshold = threshold
        self.weights = weights
        self.similarity = similarity
        self.members: dict[str, list[LinkReport]] = {}
        self.blocks: dict[tuple[str, dt.date | None], set[str]] = defaultdict(set)
        self.days: dict[dt.date | None, set[str]] = defaultdict(set)  # for reports of no known country

    def add(self, report: LinkReport, incident: str | None = None) -> str:
        """Link `report` into an incident (into `incident` when it is already known to belong
        there) and say which."""
        if incident is None:
            incident = self._best(report) or incident_id(report)
        self.members.setdefault(incident, []).append(report)
        for day in _days(report):
            self.blocks[(report.country or ANYWHERE, day)].add(incident)
            self.days[day].add(incident)
        return incident

    def add_all(self, reports: Iterable[LinkReport]) -> dict[str, str]:
        return {report.id: self.add(report) for report in reports}

    def _best(self, report: LinkReport) -> str | None:
        """The incident the report is most alike, if it is alike enough and clearly more
        alike than any other: a report that fits two incidents equally well ("an attack in
        Deir ez-Zor province on Monday", on a day with two) is left on its own."""
        ranked = []
        for incident in sorted(self._candidates(report)):
            scores = [score(report, other, self.weights, self.similarity) for other in self.members[incident]]
            if scores and all(value is not None for value in scores) and max(scores) >= self.threshold:
                ranked.append((max(scores), incident))
        ranked.sort(reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < MARGIN):
            return None
        return ranked[0][1]

    def _candidates(self, report: LinkReport) -> set[str]:
        found: set[str] = set()
        for day in _days(report):
            if report.country is None:
                found.update(self.days.get(day, ()))
            else:
                found.update(self.blocks.get((report.country, day), ()))
                found.update(self.blocks.get((ANYWHERE, day), ()))
        return found


def incident_id(first: LinkReport) -> str:
    """An incident is named after the report that started it: the same reports linked in
    the same order make the same ids."""
    return hashlib.sha256(f"incident|{first.id}".encode()).hexdigest()[:16]


def _days(report: LinkReport) -> list[dt.date | None]:
    if report.first is None:
        return [None]
    return [report.first + dt.timedelta(days=n) for n in range((report.last - report.first).days + 1)]
