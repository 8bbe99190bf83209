"""link: event reports of one incident, across documents and languages, into incidents.

`link_report` turns a stored event into what linking compares (`reports.py`); `score`
says how alike two reports are (`score.py`); `Linker` puts reports into incidents one at a
time, comparing each only with the incidents of its blocks (`cluster.py`).
"""

from marsad.link.cluster import Linker, incident_id
from marsad.link.reports import LinkReport, link_report
from marsad.link.score import Weights, score

__all__ = ["LinkReport", "Linker", "Weights", "incident_id", "link_report", "score"]
