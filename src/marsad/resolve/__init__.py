"""resolve: mentions → real things. Places to gazetteer entries with coordinates, admin
hierarchy and ACLED's geo-precision.

`find_places(view, original_text)` lists the places a text mentions, in text order, each a
`Place` with its evidence span; `resolve_places` adds the candidates weighed and the rules
that decided (what `marsad places` shows). The gazetteer (`gazetteer.py`) is the bundled
table plus the user's GeoNames imports (`geonames_import.py`).
"""

from marsad.resolve.gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from marsad.resolve.places import Resolution, find_places, resolve_places

__all__ = ["Gazetteer", "Resolution", "default_gazetteer", "find_places", "load_gazetteer", "resolve_places"]
