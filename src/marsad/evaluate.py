"""Scoring extraction against gold annotations: what `marsad evaluate GOLD...` prints.

Gold is YAML or JSON Lines in the contract's shape (gold/README.md), or an ACLED-style CSV
export whose `notes` are the text. Each gold document goes through `extract`, and what
comes out is paired with what the coder read:

- events pair when their countries agree and their dates lie within a day of each other;
  a side without a country or a date does not block a pair, but a known date counts for it;
- tallies pair when they count the same thing (unit) and give the same figures: the low,
  best and high the gold states, or a vague word ("dozens") for a vague word.

Pairing is an optimal assignment — the most pairs, then the most agreement — not first
come, first served: a monitor's weekly list has incidents on consecutive days, and a
greedy pairing hands one incident's partner to its neighbour.

Precision, recall and F1 are micro-averaged over all documents. Each field's accuracy is
counted over the pairs, for the fields the gold gives (a field left out is not scored,
`null` is), and only on the parts of a value the gold gives (`{best: 2}` scores the figure,
not the hedge). It is strict: an actor is right only under its exact canonical name (a
province is not its group), numbers and dates must be equal. Only what is copied from the
text (`mention`, `text`) is compared loosely, as the gazetteer compares names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from marsad import pipeline
from marsad.errors import InputError
from marsad.ingest.dates import parse_published
from marsad.ingest.decode import decode_text
from marsad.ingest.document import IngestOptions, build_document
from marsad.ingest.inputs import load
from marsad.ingest.records import describe_json_error
from marsad.model import Document, Event, Extraction, Tally
from marsad.read.normalize import normalize
from marsad.resolve.actors import find_actors, registry, state_actor
from marsad.resolve.gazetteer import default_gazetteer, name_key, skeleton
from marsad.settings import Settings

GOLD_SUFFIXES = (".yaml", ".yml", ".jsonl", ".csv")
RECORD_KEYS = ("document", "events", "tallies", "places")
# The fields scored, in the order they are shown; ids, evidence, confidence, figures and a
# tally's unit (a pairing key) are not.
EVENT_FIELDS = (
    "event_type", "sub_event_type", "date", "actor1", "actor2", "location", "fatalities", "injured",
    "claimed_by", "reported_by",
)  # fmt: skip
TALLY_FIELDS = ("quantity", "actor", "target", "claimed", "region", "period", "attributed_to")
# What breaks ties between pairs that are equally admissible, most telling first.
EVENT_TIES = ("event_type", "actor1", "location")
TALLY_TIES = ("actor", "period", "region")
WRITTEN = frozenset({"mention", "text"})  # copied from the text: compared loosely
UNSCORED = frozenset({"evidence"})
BOUNDS = ("low", "best", "high")
DAY = dt.timedelta(days=1)
# Values that let a partial gold object pass the contract's required fields; they never
# reach the scores, which only see the fields the gold gives.
PLACEHOLDERS = {
    "id": "gold", "confidence": 1.0, "event_type": "Battles", "quantity": {"qualifier": "exact", "text": ""},
    "unit": "other", "qualifier": "exact", "text": "", "precision": "day", "mention": "", "role": "unnamed",
    "start": 0, "end": 0,
}  # fmt: skip

# ACLED's export: the columns that must be there, and how it names state actors
# ("Military Forces of Syria (2000-2024)") → marsad's state roles (resolve/actors.yaml).
ACLED_REQUIRED = ("event_date", "notes")
ACLED_STATE_ROLES = {"military forces": "forces", "police forces": "police", "government": "government"}
ACLED_NOTE = re.compile(r"\s*\(([^()]*)\)")  # "(Syria)", "(2000-2024)"


# --- gold ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldDocument:
    """A document and what a coder read out of it, as plain values checked against the
    contract. `events` / `tallies` are None when the gold does not code them (an ACLED row
    codes no tallies): marsad's are then not scored either."""

    document: Document
    events: list[dict] | None = None
    tallies: list[dict] | None = None


def load_gold(paths: Iterable[str | Path], on_error: Callable[[InputError], None] | None = None) -> list[GoldDocument]:
    """Every gold document under `paths` (files or folders). A bad file or record goes to
    `on_error` and the rest still load; with no `on_error` it is raised."""
    documents = []
    for item in read_gold(paths):
        if isinstance(item, GoldDocument):
            documents.append(item)
        elif on_error is None:
            raise item
        else:
            on_error(item)
    return documents


def read_gold(paths: Iterable[str | Path]) -> Iterator[GoldDocument | InputError]:
    """Each gold document in order, an InputError in place of whatever cannot be read."""
    settings = Settings()
    first_seen: dict[str, str] = {}
    for path in gold_files(paths):
        if isinstance(path, InputError):
            yield path
            continue
        for item in _read_gold_file(path, settings):
            if isinstance(item, GoldDocument):
                origin = item.document.origin
                first = first_seen.setdefault(item.document.id, origin)
                if first != origin:
                    item = InputError(origin, f"document id {item.document.id!r} is already used at {first}")
            yield item


def gold_files(paths: Iterable[str | Path]) -> list[Path | InputError]:
    """Files as given, folders as every gold file under them (sorted, hidden ones skipped)."""
    found: list[Path | InputError] = []
    kinds = ", ".join(GOLD_SUFFIXES)
    for path in map(Path, paths):
        if path.is_dir():
            inside = [
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in GOLD_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]  # fmt: skip
            found += inside or [InputError(str(path), f"no gold files ({kinds}) in this folder")]
        elif not path.is_file():
            found.append(InputError(str(path), "no such file or folder"))
        elif path.suffix.lower() not in GOLD_SUFFIXES:
            found.append(InputError(str(path), f"not a gold file (one of {kinds})"))
        else:
            found.append(path)
    return found


def _read_gold_file(path: Path, settings: Settings) -> Iterator[GoldDocument | InputError]:
    try:
        raw = load(str(path), settings)
        text = decode_text(raw.data, raw.origin)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            csv.field_size_limit(settings.max_input_bytes)
            yield from _acled_rows(text, str(path))
        else:
            for origin, record in (_jsonl_records if suffix == ".jsonl" else _yaml_records)(text, str(path)):
                yield record if isinstance(record, InputError) else _guarded(gold_document, record, origin)
    except InputError as error:
        yield error
    except RecursionError:
        yield InputError(str(path), "nested too deeply to read")


def _guarded(build: Callable[[object, str], GoldDocument], record: object, origin: str) -> GoldDocument | InputError:
    try:
        return build(record, origin)
    except InputError as error:
        return error


class GoldLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text: the contract checks them, so a bad date
    (2024-02-30) is one record's error rather than the whole file's."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _yaml_records(text: str, path: str) -> Iterator[tuple[str, object]]:
    """Each record with the line it starts on (the node tree knows it)."""
    loader = GoldLoader(text)
    try:
        tree = loader.get_single_node()
        records = loader.construct_document(tree) if tree is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        explained = ", ".join(filter(None, (getattr(error, "context", None), getattr(error, "problem", None))))
        raise InputError(where, f"invalid YAML ({explained or error})") from None
    finally:
        loader.dispose()
    if isinstance(records, Mapping):
        records, nodes = [records], [tree]
    elif isinstance(records, list):
        nodes = tree.value
    else:
        raise InputError(path, "a gold file is a list of documents with their events and tallies")
    for record, node in zip(records, nodes):
        yield f"{path}:{node.start_mark.line + 1}", record


def _jsonl_records(text: str, path: str) -> Iterator[tuple[str, object]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            origin = f"{path}:{number}"
            try:
                yield origin, json.loads(line)
            except json.JSONDecodeError as error:
                yield origin, InputError(origin, describe_json_error(error, line=False))


def gold_document(record: object, origin: str) -> GoldDocument:
    """One gold object (gold/README.md): its document, and each event and tally with the
    values it gives checked as the contract checks them (enums, dates, bounds)."""
    if not isinstance(record, Mapping):
        raise InputError(origin, f"a gold record is an object, not {type(record).__name__}")
    unknown = sorted(map(str, set(record) - set(RECORD_KEYS)))
    if unknown:
        raise InputError(origin, f"unknown key {', '.join(map(repr, unknown))} (a gold record has {', '.join(RECORD_KEYS)})")
    document = _gold_text_document(record.get("document"), origin)
    return GoldDocument(document, _gold_reports(record, "events", Event, origin), _gold_reports(record, "tallies", Tally, origin))


def _gold_text_document(fields: object, origin: str) -> Document:
    """The document as ingest would make it from the same text (cleaned, content-hash id,
    detected language), with what the gold says about it on top."""
    if not isinstance(fields, Mapping):
        raise InputError(origin, "no 'document' object")
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "the document has no text (gold keeps it in document.text)")
    built = build_document(text, origin, _ingest_options())
    given = {key: value for key, value in fields.items() if key != "text" and value is not None}
    try:
        return Document.model_validate(built.model_dump() | given | {"text": built.text, "origin": origin})
    except ValidationError as error:
        raise InputError(origin, _reason(error, "document")) from None


@cache
def _ingest_options() -> IngestOptions:
    return IngestOptions()


def _gold_reports(record: Mapping, key: str, model: type[BaseModel], origin: str) -> list[dict] | None:
    if key not in record:
        return None
    reports = record[key] or []
    if not isinstance(reports, list):
        raise InputError(origin, f"'{key}' is a list, not {type(reports).__name__}")
    return [_partial(model, report, f"{key}[{number}]", origin) for number, report in enumerate(reports, start=1)]


def _partial(model: type[BaseModel], value: object, where: str, origin: str) -> dict:
    """The fields a gold object gives, validated by the contract model (nested objects
    too); the required fields it leaves out stay out."""
    if not isinstance(value, Mapping):
        raise InputError(origin, f"{where} is an object, not {type(value).__name__}")
    fields = model.model_fields
    unknown = sorted(map(str, set(value) - set(fields)))
    if unknown:
        raise InputError(origin, f"{where}: unknown field {', '.join(map(repr, unknown))}")
    flat, nested = {}, {}
    for key, item in value.items():
        inner, many = _contract_model(fields[key].annotation)
        if inner is None or item is None:
            flat[key] = item
        elif many and isinstance(item, list):
            nested[key] = [_partial(inner, part, f"{where}.{key}[{n}]", origin) for n, part in enumerate(item, start=1)]
        elif many:
            raise InputError(origin, f"{where}.{key} is a list, not {type(item).__name__}")
        else:
            nested[key] = _partial(inner, item, f"{where}.{key}", origin)
    required = {name: PLACEHOLDERS[name] for name, info in fields.items() if info.is_required() and name not in flat}
    try:
        checked = model.model_validate(required | flat)
    except ValidationError as error:
        raise InputError(origin, _reason(error, where)) from None
    return {key: nested[key] if key in nested else getattr(checked, key) for key in value}


def _contract_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model inside `Model | None` or `list[Model]`, and whether it is a list."""
    many = typing.get_origin(annotation) is list
    candidates = typing.get_args(annotation) if many or isinstance(annotation, types.UnionType) else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate, many
    return None, many


def _reason(error: ValidationError, where: str) -> str:
    """pydantic's first complaint in one line: "events[1].event_type: Input should be ..."."""
    first, *rest = error.errors()
    path = ".".join([where, *map(str, first["loc"])])
    got = f" (got {first['input']!r})" if first["loc"] else ""
    more = f"; and {len(rest)} more" if rest else ""
    return f"{path}: {first['msg']}{got}{more}"


# --- ACLED ----------------------------------------------------------------------------------


def _acled_rows(text: str, path: str) -> Iterator[GoldDocument | InputError]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    missing = [column for column in ACLED_REQUIRED if column not in columns]
    if missing:
        found = ", ".join(columns) or "none"
        raise InputError(path, f"not an ACLED-style export: no column {', '.join(missing)} (columns found: {found})")
    line = reader.line_num + 1
    try:
        for row in reader:
            yield _guarded(acled_document, row, f"{path}:{line}")
            line = reader.line_num + 1
    except csv.Error as error:
        yield InputError(f"{path}:{reader.line_num}", f"malformed CSV ({error})")


def acled_document(row: Mapping[str, str | None], origin: str) -> GoldDocument:
    """One row of an ACLED export as a gold document: the notes are the text, the row the
    one event read out of it. Columns missing from the export are simply not scored.

    - ACLED gives no publication date, and its notes date things relative to the event
      ("On 11 March 2024, ..."), so the event date stands in as the publication date.
    - The date is scored only when ACLED knows the day (time_precision 1).
    - Fatalities are a number without its hedge (ACLED codes "at least 5" as 5), so only
      the best figure is scored; ACLED's 0 ("no fatalities reported") is marsad's null.
    - Tallies are not coded, so marsad's are not scored.
    """
    cell = lambda column: (row.get(column) or "").strip()  # noqa: E731
    notes = cell("notes")
    if not notes:
        raise InputError(origin, "no notes (an ACLED event's text)")
    day = _acled_day(cell("event_date"), origin)
    country = _acled_country(cell("country"), origin) if cell("country") else None
    event: dict[str, object] = {}
    if "event_type" in row:
        event["event_type"] = cell("event_type")
    if "sub_event_type" in row:
        event["sub_event_type"] = cell("sub_event_type") or None
    if cell("time_precision") in ("", "1"):
        event["date"] = {"start": day, "end": day, "precision": "day"}
    for column in ("actor1", "actor2"):
        if column in row:
            event[column] = {"name": acled_actor(cell(column))} if cell(column) else None
    location = {"mention": cell("location"), "country": country, "admin1": cell("admin1") and _acled_admin1(cell("admin1"), country)}
    if any(location.values()):
        event["location"] = {key: value for key, value in location.items() if value}
    if "fatalities" in row:
        event["fatalities"] = _acled_fatalities(cell("fatalities"), origin)
    document = _gold_text_document({"text": notes, "id": cell("event_id_cnty") or None, "published": day, "outlet": cell("source") or None}, origin)
    return GoldDocument(document, [_partial(Event, event, "event", origin)], None)


def _acled_day(value: str, origin: str) -> dt.date:
    published = parse_published(value) if value else None
    if published is None:
        raise InputError(origin, f"unreadable event_date {value!r}")
    return published.date() if isinstance(published, dt.datetime) else published


def _acled_fatalities(value: str, origin: str) -> dict | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise InputError(origin, f"fatalities {value!r} is not a whole number") from None
    return {"best": number} if number else None


def _acled_country(name: str, origin: str) -> str:
    code = country_code(name)
    if code is None:
        raise InputError(origin, f"unknown country {name!r} (not in marsad's gazetteer)")
    return code


@cache
def _country_codes() -> dict[str, str]:
    """Every name the gazetteer knows a country by → its ISO 3166-1 alpha-2 code; also
    without "the", as ACLED writes "Republic of Congo"."""
    codes: dict[str, str] = {}
    for code, entry in default_gazetteer().countries.items():
        for key in (*entry.keys, name_key(entry.name)):
            codes.setdefault(key, code)
            codes.setdefault(_without_the(key), code)
    return codes


def _without_the(key: str) -> str:
    return " ".join(word for word in key.split(" ") if word != "the")


def country_code(name: str) -> str | None:
    """An ISO 3166-1 alpha-2 code for a country name ("Syria", "Cote d'Ivoire") or code."""
    if re.fullmatch(r"[A-Z]{2}", name) and name in default_gazetteer().countries:
        return name
    key = name_key(name)
    return _country_codes().get(key) or _country_codes().get(_without_the(key))


def _acled_admin1(name: str, country: str | None) -> str:
    """The gazetteer's name of an ACLED admin1 ("Deir-ez-Zor" → "Deir ez-Zor", "Idleb" →
    "Idlib"), so that it compares with marsad's; ACLED's name when the gazetteer has none."""
    gazetteer, key = default_gazetteer(), name_key(name)
    candidates = gazetteer.lookup(key) + gazetteer.lookup_loose(skeleton(key) or "")
    for entry in candidates:
        if entry.kind == "admin1" and entry.admin1 and (country is None or entry.country == country):
            return entry.admin1
    return name


def acled_actor(name: str) -> str:
    """marsad's canonical name for an ACLED actor, or ACLED's name without its notes when
    marsad has none.

    ACLED notes a group's country or a government's years in brackets: "Islamic State
    (Syria)" is the group's branch there (when marsad knows exactly one), "Military Forces
    of Syria (2000-2024)" the country's forces, "Civilians (Syria)" civilians."""
    base = " ".join(ACLED_NOTE.sub(" ", name).split())
    role, _, where = base.partition(" of ")
    if role.lower() in ACLED_STATE_ROLES and (country := country_code(where)):
        state = state_actor(ACLED_STATE_ROLES[role.lower()], country)
        if state is not None:
            return state.name
    found = next((actor.name for actor in find_actors(normalize(base)) if actor.name), None)
    if found is None:
        return base
    countries = set(filter(None, map(country_code, ACLED_NOTE.findall(name))))
    branches = [actor for actor in registry().by_id.values() if actor.parent == found and countries & set(actor.countries)]
    return branches[0].name if len(branches) == 1 else found


# --- pairing --------------------------------------------------------------------------------


def _span(time: Mapping | None) -> tuple[dt.date, dt.date] | None:
    if not time or (time.get("start") is None and time.get("end") is None):
        return None
    return time.get("start") or time["end"], time.get("end") or time["start"]


def _date_closeness(gold: Mapping, predicted: Mapping) -> int | None:
    """2 for the same dates, 1 within a day of each other, 0 when a side has none, None
    when they are further apart."""
    expected, got = _span(gold.get("date")), _span(predicted.get("date"))
    if expected is None or got is None:
        return 0
    if expected == got:
        return 2
    return 1 if expected[0] - DAY <= got[1] and got[0] <= expected[1] + DAY else None


def _countries_clash(gold: Mapping, predicted: Mapping, key: str) -> bool:
    expected, got = ((report.get(key) or {}).get("country") for report in (gold, predicted))
    return expected is not None and got is not None and expected != got


def _same_figures(gold: Mapping, predicted: Mapping) -> bool:
    """The figures the gold states are marsad's; a vague word matches a vague word."""
    if gold.get("qualifier") == "vague":
        return predicted["qualifier"] == "vague"
    return all(predicted[bound] == gold[bound] for bound in BOUNDS if bound in gold)


def _event_affinity(gold: dict, predicted: dict) -> tuple[int, ...] | None:
    closeness = _date_closeness(gold, predicted)
    if closeness is None or _countries_clash(gold, predicted, "location"):
        return None
    return closeness, *(_agree(gold, predicted, name) for name in EVENT_TIES), _agreements(gold, predicted, EVENT_FIELDS)


def _tally_affinity(gold: dict, predicted: dict) -> tuple[int, ...] | None:
    if "unit" in gold and gold["unit"] != predicted["unit"]:
        return None
    if "quantity" in gold and not _same_figures(gold["quantity"], predicted["quantity"]):
        return None
    return *(_agree(gold, predicted, name) for name in TALLY_TIES), _agreements(gold, predicted, TALLY_FIELDS)


def pair(gold: list[dict], predicted: list[dict], affinity: Callable[[dict, dict], tuple[int, ...] | None]) -> list[tuple[int, int]]:
    """(gold, predicted) index pairs: as many as `affinity` admits (not None), and among
    those the pairing whose summed affinities are greatest, component by component."""
    scores = [[affinity(g, p) for p in predicted] for g in gold]
    admitted = [score for row in scores for score in row if score is not None]
    if not admitted:
        return []
    width = len(admitted[0])
    # Each pair's affinity as one number in base `base`, which no component's sum over the
    # pairs reaches: the sum over a pairing keeps the components apart, and stays below
    # `per_pair`, so one more pair beats any affinity.
    base = min(len(gold), len(predicted)) * max(map(max, admitted)) + 1
    per_pair = base**width
    size = max(len(gold), len(predicted))
    cost = [[0] * size for _ in range(size)]
    for i, row in enumerate(scores):
        for j, score in enumerate(row):
            if score is not None:
                cost[i][j] = -(per_pair + sum(value * base ** (width - 1 - k) for k, value in enumerate(score)))
    columns = _cheapest_assignment(cost)
    return [(i, j) for i, j in enumerate(columns[: len(gold)]) if j < len(predicted) and scores[i][j] is not None]


def _cheapest_assignment(cost: list[list[int]]) -> list[int]:
    """The column of each row in a cheapest assignment of a square matrix (Kuhn–Munkres
    with potentials, O(n³)); exact on integers."""
    n = len(cost)
    infinity = float("inf")
    row_potential, column_potential = [0] * (n + 1), [0] * (n + 1)
    row_of = [0] * (n + 1)  # 1-based row assigned to each column; column 0 is the free slot
    previous = [0] * (n + 1)
    for row in range(1, n + 1):
        row_of[0], column = row, 0
        least, used = [infinity] * (n + 1), [False] * (n + 1)
        while row_of[column]:
            used[column] = True
            current, delta, chosen = row_of[column], infinity, 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[current - 1][j - 1] - row_potential[current] - column_potential[j]
                    if reduced < least[j]:
                        least[j], previous[j] = reduced, column
                    if least[j] < delta:
                        delta, chosen = least[j], j
            for j in range(n + 1):
                if used[j]:
                    row_potential[row_of[j]] += delta
                    column_potential[j] -= delta
                else:
                    least[j] -= delta
            column = chosen
        while column:
            row_of[column] = row_of[previous[column]]
            column = previous[column]
    assigned = [0] * n
    for j in range(1, n + 1):
        assigned[row_of[j] - 1] = j - 1
    return assigned


# --- comparing values -----------------------------------------------------------------------


def as_gold_sees(expected: object, got: object) -> object:
    """marsad's value cut to the parts the gold gives (all of it, less nulls and evidence,
    when the gold says null)."""
    if not isinstance(got, dict):
        return got
    if isinstance(expected, dict):
        return {key: got.get(key) for key in expected if key not in UNSCORED}
    return {key: value for key, value in got.items() if key not in UNSCORED and value is not None}


def agrees(expected: object, got: object) -> bool:
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(
            same_writing(value, got.get(key)) if key in WRITTEN else agrees(value, got.get(key))
            for key, value in expected.items()
            if key not in UNSCORED
        )
    return expected == got


def same_writing(expected: object, got: object) -> bool:
    """Two ways of writing the same words: equal lookup keys (case, hamza, hyphens),
    one inside the other (a proclitic: "بالشحيل" / "الشحيل"), or one transliteration
    skeleton ("Kerman" / "Kirman")."""
    if expected == got:
        return True
    if not isinstance(expected, str) or not isinstance(got, str):
        return False
    a, b = name_key(expected), name_key(got)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) >= 3 and shorter in longer) or (skeleton(a) is not None and skeleton(a) == skeleton(b))


def _agree(gold: Mapping, predicted: Mapping, name: str) -> int:
    return int(name in gold and agrees(gold[name], as_gold_sees(gold[name], predicted.get(name))))


def _agreements(gold: Mapping, predicted: Mapping, names: tuple[str, ...]) -> int:
    return sum(_agree(gold, predicted, name) for name in names)


# --- scores ---------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.correct + other.correct, self.total + other.total)


@dataclass
class Scores:
    """One kind of report (events or tallies), in one document or summed over many.
    A ratio with nothing to divide by (no predictions, no gold) is None, not 0 or 1."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    fields: dict[str, FieldScore] = field(default_factory=dict)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        names = list(self.fields) + [name for name in other.fields if name not in self.fields]
        fields = {name: self.fields.get(name, FieldScore()) + other.fields.get(name, FieldScore()) for name in names}
        return Scores(self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched, fields)

    def to_dict(self, order: tuple[str, ...]) -> dict:
        figures = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        fields = {
            name: {"correct": score.correct, "total": score.total, "accuracy": _rounded(score.accuracy)}
            for name in order if (score := self.fields.get(name))
        }  # fmt: skip
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched} | {
            key: _rounded(value) for key, value in figures.items()
        } | {"fields": fields}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class Unpaired:
    """A gold report marsad missed, or a report of marsad's the gold does not have."""

    kind: str  # "event" | "tally"
    report: dict

    def __str__(self) -> str:
        return describe(self.kind, self.report)


@dataclass(frozen=True)
class Mismatch:
    """A field of a paired report that marsad got wrong. `number` counts the gold's
    reports of that kind in the document, from 1."""

    kind: str
    number: int
    field: str
    expected: object
    got: object

    def __str__(self) -> str:
        return f"{self.kind} {self.number} {self.field}: expected {show(self.expected)}, got {show(self.got)}"


@dataclass
class DocumentResult:
    id: str
    origin: str
    events: Scores = field(default_factory=Scores)
    tallies: Scores = field(default_factory=Scores)
    missed: list[Unpaired] = field(default_factory=list)
    spurious: list[Unpaired] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.missed or self.spurious or self.mismatches or self.error)

    def failures(self) -> list[str]:
        """One line per failure, as `marsad evaluate` and the test runs print them."""
        lines = [f"error: {self.error}"] if self.error else []
        lines += [f"missed {item.kind}: {item}" for item in self.missed]
        lines += [f"spurious {item.kind}: {item}" for item in self.spurious]
        return lines + [str(mismatch) for mismatch in self.mismatches]

    def to_dict(self) -> dict:
        unpaired = lambda items: [{"kind": item.kind, "report": item.report} for item in items]  # noqa: E731
        return to_jsonable_python({
            "id": self.id, "origin": self.origin, "error": self.error,
            "missed": unpaired(self.missed), "spurious": unpaired(self.spurious),
            "mismatches": [
                {"kind": m.kind, "number": m.number, "field": m.field, "expected": m.expected, "got": m.got}
                for m in self.mismatches
            ],
        })  # fmt: skip


@dataclass
class Evaluation:
    documents: list[DocumentResult] = field(default_factory=list)

    @property
    def events(self) -> Scores:
        return sum((document.events for document in self.documents), Scores())

    @property
    def tallies(self) -> Scores:
        return sum((document.tallies for document in self.documents), Scores())

    @property
    def failed(self) -> list[DocumentResult]:
        return [document for document in self.documents if document.failed]

    def to_dict(self) -> dict:
        return {
            "documents": len(self.documents),
            "events": self.events.to_dict(EVENT_FIELDS),
            "tallies": self.tallies.to_dict(TALLY_FIELDS),
            "failures": [document.to_dict() for document in self.failed],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def evaluate(gold: Iterable[GoldDocument], extract: Callable[[Document], Extraction] = pipeline.extract) -> Evaluation:
    """Run `extract` on every gold document and score what it finds. A document that
    `extract` fails on is reported, and its gold reports count as missed."""
    return Evaluation([score_document(item, extract) for item in gold])


def score_document(gold: GoldDocument, extract: Callable[[Document], Extraction]) -> DocumentResult:
    document = gold.document
    result = DocumentResult(document.id, document.origin)
    try:
        extraction = extract(document)
    except Exception as error:  # noqa: BLE001 - a bug on one document must not cost the others
        result.error = f"extraction failed ({type(error).__name__}: {error})"
        extraction = Extraction(document=document.meta)
    if gold.events is not None:
        predicted = [event.model_dump() for event in extraction.events]
        result.events = _score_reports("event", gold.events, predicted, _event_affinity, EVENT_FIELDS, result)
    if gold.tallies is not None:
        predicted = [tally.model_dump() for tally in extraction.tallies]
        result.tallies = _score_reports("tally", gold.tallies, predicted, _tally_affinity, TALLY_FIELDS, result)
    return result


def _score_reports(kind, gold, predicted, affinity, names, result: DocumentResult) -> Scores:
    pairs = pair(gold, predicted, affinity)
    scores = Scores(len(gold), len(predicted), len(pairs))
    for i, j in sorted(pairs):
        for name in names:
            if name not in gold[i]:
                continue
            expected, got = gold[i][name], as_gold_sees(gold[i][name], predicted[j].get(name))
            correct = agrees(expected, got)
            scores.fields[name] = scores.fields.get(name, FieldScore()) + FieldScore(int(correct), 1)
            if not correct:
                result.mismatches.append(Mismatch(kind, i + 1, name, _without_evidence(expected), got))
    paired_gold, paired_predicted = {i for i, _ in pairs}, {j for _, j in pairs}
    result.missed += [Unpaired(kind, report) for i, report in enumerate(gold) if i not in paired_gold]
    result.spurious += [Unpaired(kind, _without_evidence(report)) for j, report in enumerate(predicted) if j not in paired_predicted]
    return scores


def _without_evidence(value: object) -> object:
    if isinstance(value, dict):
        return {key: _without_evidence(item) for key, item in value.items() if key not in UNSCORED}
    if isinstance(value, list):
        return [_without_evidence(item) for item in value]
    return value


# --- showing --------------------------------------------------------------------------------


def show(value: object) -> str:
    """A value in one short line: `null`, `2024-03-11`, `{best: 2, qualifier: exact}`."""
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {show(item)}" for key, item in value.items() if key not in UNSCORED) + "}"
    return str(value)


def describe(kind: str, report: Mapping) -> str:
    """A report in one line, from what it has: type, date, place, actors, figures."""
    if kind == "event":
        parts = [report.get("event_type"), _when(report.get("date")), _where(report.get("location"))]
        actors = [_who(report.get(name)) for name in ("actor1", "actor2")]
        parts.append(" vs ".join(actor for actor in actors if actor) or None)
        if report.get("fatalities"):
            parts.append(f"{_figure(report['fatalities'])} killed")
    else:
        parts = [" ".join(filter(None, (_figure(report.get("quantity")), report.get("unit")))) or None]
        parts += [_who(report.get("actor")), _where(report.get("region")), _when(report.get("period"))]
        if report.get("attributed_to"):
            parts.append(f"according to {_who(report['attributed_to'])}")
    return ", ".join(str(part) for part in parts if part) or "(nothing)"


def _when(time: Mapping | None) -> str | None:
    span = _span(time)
    if span is None:
        return None
    return span[0].isoformat() if span[0] == span[1] else f"{span[0].isoformat()}…{span[1].isoformat()}"


def _where(place: Mapping | None) -> str | None:
    if not place:
        return None
    named = place.get("mention") or place.get("name") or ""
    return f"{named} ({place['country']})".strip() if place.get("country") else named or None


def _who(actor: Mapping | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("mention") or actor.get("role")


def _figure(quantity: Mapping | None) -> str | None:
    if not quantity:
        return None
    if quantity.get("qualifier") == "vague":
        return quantity.get("text") or "vague"
    figures = [show(quantity[bound]) for bound in BOUNDS if quantity.get(bound) is not None]
    number = "–".join(dict.fromkeys(figures))
    qualifier = quantity.get("qualifier")
    return f"{number} ({qualifier})" if qualifier and qualifier not in ("exact", "range") else number


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render(evaluation: Evaluation, failures: bool = True) -> list[RenderableType]:
    """What `marsad evaluate` prints, in order: precision / recall / F1, accuracy per
    field, then each document's failures. Everything from the gold or the text is plain
    Text, never console markup."""
    events, tallies = evaluation.events, evaluation.tallies
    scores = Table("", "gold", "marsad", "matched", "precision", "recall", "F1", title=f"gold documents: {len(evaluation.documents)}")
    for label, score in (("events", events), ("tallies", tallies)):
        scores.add_row(label, str(score.gold), str(score.predicted), str(score.matched), _percent(score.precision), _percent(score.recall), _percent(score.f1))
    fields = Table("field", "correct", "of", "accuracy", title="accuracy of paired reports")
    for label, score, order in (("event", events, EVENT_FIELDS), ("tally", tallies, TALLY_FIELDS)):
        for name in order:
            if name in score.fields:
                field_score = score.fields[name]
                fields.add_row(f"{label} {name}", str(field_score.correct), str(field_score.total), _percent(field_score.accuracy))
    shown: list[RenderableType] = [scores, fields]
    if failures:
        for document in evaluation.failed:
            shown.append(Text(f"{document.id}  {document.origin}", style="bold"))
            shown += [Text("  ").append(Text(line)) for line in document.failures()]
    return shown
