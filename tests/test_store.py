"""The store on both backends: SQLite (a real file) and PostgreSQL (a real server).

Every test runs once per backend on an empty database of its own: what is saved comes back
equal, a document is stored once, a failed write leaves nothing behind, migrations build
exactly the tables of `schema.py`, and the document queries filter and order the same way.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import given, settings
from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from marsad.ingest.document import document_id
from marsad.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    EventType,
    Evidence,
    Extraction,
    Figure,
    Place,
    Precision,
    Qualifier,
    Quantity,
    Role,
    Source,
    Tally,
    TimeSpan,
    Unit,
)
from marsad.store import AmbiguousId, DocumentFilter, Store
from marsad.store.migrate import alembic_config
from marsad.store.schema import metadata
from strategies import documents_with_reports

EXAMPLES = {"sqlite": 60, "postgresql": 30}
PLUS_3 = dt.timezone(dt.timedelta(hours=3))
PLUS_2 = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


@contextmanager
def engine_for(url: str):
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def row_counts(url: str) -> dict[str, int]:
    """Rows in every table of the schema, to see what a write left behind."""
    with engine_for(url) as engine, engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        }


# -- hand-written documents: a morning in Syrian local news, in Arabic and English --------

AL_BAB = (
    "قُتل ثلاثة مدنيين وأصيب خمسة آخرون، صباح الثلاثاء، جراء انفجار عبوة ناسفة مزروعة في سيارة "
    "وسط مدينة الباب بريف حلب الشرقي، بحسب ما أفاد به الدفاع المدني السوري."
)
MAYADIN = (
    "وثّق المرصد السوري لحقوق الإنسان مقتل 4 عناصر من قوات النظام، بينهم ضابط، إثر هجوم نفذته "
    "خلايا تنظيم «الدولة الإسلامية» على موقع عسكري في بادية الميادين شرقي دير الزور، مساء الثلاثاء."
)
BUSAYRAH = (
    "Two members of the Syrian Democratic Forces (SDF) were killed on Tuesday when an improvised "
    "explosive device struck their vehicle near al-Busayrah in the eastern Deir Ezzor countryside, "
    "local sources told Enab Baladi."
)
IDLIB = (
    "Army units repelled an attack by terrorist groups on military posts in the southern Idlib "
    "countryside on Monday, killing and injuring a number of the attackers, a military source told "
    "the Syrian Arab News Agency (SANA)."
)
DHIBAN = (
    "بفضل الله تعالى، استهدف جنود الخلافة آلية لميليشيا PKK المرتدة بتفجير عبوة ناسفة قرب بلدة ذيبان "
    "بريف دير الزور الشرقي، ما أدى لإعطابها ومقتل وإصابة من فيها."
)


def document(text: str, **meta) -> Document:
    return Document(id=document_id(text), text=text, origin="tests/test_store.py", **meta)


def span(text: str, piece: str) -> Evidence:
    start = text.index(piece)
    return Evidence(start=start, end=start + len(piece), text=piece)


al_bab = document(AL_BAB, language="ar", published=dt.date(2024, 3, 12), outlet="عنب بلدي", role=Role.OUTLET)
mayadin = document(
    MAYADIN,
    language="ar",
    published=dt.datetime(2024, 3, 13, 1, 15, tzinfo=PLUS_3),  # 22:15 UTC on the 12th: its own day is the 13th
    outlet="المرصد السوري لحقوق الإنسان",
    role=Role.MONITOR,
)
busayrah = document(BUSAYRAH, language="en", published=dt.date(2024, 2, 28), outlet="Enab Baladi", role=Role.OUTLET)
idlib = document(IDLIB, language="en", published=dt.datetime(2024, 3, 5, 9, 40, tzinfo=PLUS_2), outlet="SANA", role=Role.OFFICIAL)
dhiban = document(DHIBAN, language="ar", published=None, outlet="وكالة أعماق", role=Role.CLAIMANT)
NEWEST_FIRST = [mayadin, al_bab, idlib, busayrah, dhiban]


def al_bab_extraction() -> Extraction:
    text = AL_BAB
    civil_defence = Source(name="Syrian Civil Defence", mention="الدفاع المدني السوري", role=Role.MONITOR, evidence=span(text, "الدفاع المدني السوري"))
    al_bab_town = Place(
        mention="مدينة الباب", name="Al-Bab", name_ar="الباب", country="SY", admin1="Aleppo", admin2="Al-Bab",
        lat=36.3706, lon=37.5157, geo_precision=1, gazetteer_id="geonames:170017", evidence=span(text, "مدينة الباب"),
    )  # fmt: skip
    killed = Quantity(low=3, best=3, high=3, qualifier=Qualifier.EXACT, text="ثلاثة", evidence=span(text, "ثلاثة"))
    wounded = Quantity(low=5, best=5, high=5, qualifier=Qualifier.EXACT, text="خمسة", evidence=span(text, "خمسة"))
    blast = Event(
        id=f"{al_bab.id}-e0",
        event_type=EventType.EXPLOSIONS,
        sub_event_type="Remote explosive/landmine/IED",
        date=TimeSpan(start=dt.date(2024, 3, 12), end=dt.date(2024, 3, 12), precision=Precision.DAY, evidence=span(text, "صباح الثلاثاء")),
        location=al_bab_town,
        fatalities=killed,
        injured=wounded,
        figures=[Figure(fatalities=killed, injured=wounded, attributed_to=civil_defence, evidence=span(text, "قُتل ثلاثة مدنيين وأصيب خمسة آخرون"))],
        reported_by=civil_defence,
        evidence=[span(text, "انفجار عبوة ناسفة مزروعة في سيارة"), span(text, "وسط مدينة الباب بريف حلب الشرقي")],
        confidence=0.9,
    )
    return Extraction(document=al_bab.meta, events=[blast], places=[al_bab_town])


def mayadin_extraction() -> Extraction:
    text = MAYADIN
    sohr = Source(name="Syrian Observatory for Human Rights", mention="المرصد السوري لحقوق الإنسان", role=Role.MONITOR, evidence=span(text, "المرصد السوري لحقوق الإنسان"))
    islamic_state = Actor(name="Islamic State", mention="تنظيم «الدولة الإسلامية»", kind=ActorKind.REBEL_GROUP, evidence=span(text, "تنظيم «الدولة الإسلامية»"))
    regime = Actor(name="Syrian government forces", mention="قوات النظام", kind=ActorKind.STATE_FORCES, evidence=span(text, "قوات النظام"))
    badia = Place(mention="بادية الميادين", name="Al-Mayadin desert", name_ar="بادية الميادين", country="SY", admin1="Deir ez-Zor", geo_precision=2, evidence=span(text, "بادية الميادين"))
    killed = Quantity(low=4, best=4, high=4, qualifier=Qualifier.EXACT, text="4", evidence=span(text, "4"))
    attack = Event(
        id=f"{mayadin.id}-e0",
        event_type=EventType.BATTLES,
        sub_event_type="Armed clash",
        date=TimeSpan(start=dt.date(2024, 3, 12), end=dt.date(2024, 3, 12), precision=Precision.DAY, evidence=span(text, "مساء الثلاثاء")),
        actor1=islamic_state,
        actor2=regime,
        location=badia,
        fatalities=killed,
        reported_by=sohr,
        evidence=[span(text, "هجوم نفذته خلايا تنظيم «الدولة الإسلامية» على موقع عسكري")],
        confidence=0.8,
    )
    toll = Tally(
        id=f"{mayadin.id}-t0", quantity=killed, unit=Unit.DEATHS, actor=islamic_state, target=regime, claimed=False,
        region=badia, attributed_to=sohr, evidence=[span(text, "مقتل 4 عناصر من قوات النظام")], confidence=0.7,
    )  # fmt: skip
    return Extraction(document=mayadin.meta, events=[attack], tallies=[toll], places=[badia])


# -- round trip ---------------------------------------------------------------------------


def test_round_trip_of_generated_documents(store, backend):
    stored: dict[str, tuple[Document, Extraction]] = {}

    @settings(max_examples=EXAMPLES[backend], deadline=None)
    @given(documents_with_reports())
    def round_trip(pair):
        document, extraction = pair
        saved = store.save(document, extraction)
        # Hypothesis may draw the same text twice (and replays examples): then the first stays.
        assert saved == (document.id not in stored)
        stored.setdefault(document.id, pair)
        first_document, first_extraction = stored[document.id]
        assert store.document(document.id) == first_document
        assert store.extraction(document.id) == first_extraction

    round_trip()


def test_round_trip_of_a_hand_written_extraction(store):
    for doc, extraction in ((al_bab, al_bab_extraction()), (mayadin, mayadin_extraction())):
        assert store.save(doc, extraction) is True
        assert store.extraction(doc.id) == extraction
        assert store.document(doc.id) == doc
    back = store.extraction(mayadin.id)
    assert back.events[0].fatalities.best == 4.0
    assert back.tallies[0].evidence[0].text == "مقتل 4 عناصر من قوات النظام"
    assert back.tallies[0].region == back.events[0].location
    assert store.counts() == {"documents": 2, "events": 2, "tallies": 1, "places": 2}


def test_published_datetime_keeps_its_offset(store):
    store.save(mayadin, Extraction(document=mayadin.meta))
    published = store.document(mayadin.id).published
    assert type(published) is dt.datetime
    assert published.utcoffset() == dt.timedelta(hours=3)
    assert published.isoformat() == "2024-03-13T01:15:00+03:00"
    assert store.extraction(mayadin.id).document.published.isoformat() == "2024-03-13T01:15:00+03:00"


def test_published_date_and_midnight_datetime_keep_their_types(store):
    midnight = document("الساعة الثانية عشرة ليلاً تماماً.", published=dt.datetime(2024, 3, 12, 0, 0, tzinfo=PLUS_3))
    naive = document("Midnight, local time unknown.", published=dt.datetime(2024, 3, 12, 0, 0))
    for doc in (al_bab, midnight, naive):
        store.save(doc, Extraction(document=doc.meta))
    assert type(store.document(al_bab.id).published) is dt.date
    assert store.document(midnight.id).published.isoformat() == "2024-03-12T00:00:00+03:00"
    assert store.document(naive.id).published.isoformat() == "2024-03-12T00:00:00"


# -- idempotence --------------------------------------------------------------------------


def test_saving_a_document_twice_stores_it_once(store, store_url):
    assert store.save(al_bab, al_bab_extraction()) is True
    before = row_counts(store_url)
    assert store.save(al_bab, al_bab_extraction()) is False
    assert row_counts(store_url) == before
    assert before == {
        "actors": 0, "documents": 1, "actor_mentions": 0, "places": 1, "sources": 1,
        "events": 1, "tallies": 0, "evidence": 2, "figures": 1, "incident_reports": 0,
    }  # fmt: skip


def test_same_text_with_other_metadata_keeps_the_first(store, store_url):
    assert store.save(al_bab, al_bab_extraction()) is True
    before = row_counts(store_url)
    again = al_bab.model_copy(update={"outlet": "Syria TV", "published": dt.date(2024, 3, 13)})
    assert store.save(again, Extraction(document=again.meta)) is False
    assert row_counts(store_url) == before
    assert store.document(al_bab.id) == al_bab
    assert store.extraction(al_bab.id) == al_bab_extraction()


# -- atomicity ----------------------------------------------------------------------------


def assert_absent(store: Store, doc: Document) -> None:
    assert not store.has(doc.id)
    assert store.document(doc.id) is None
    assert store.extraction(doc.id) is None


def test_a_write_failing_midway_leaves_nothing(store, store_url):
    store.save(al_bab, al_bab_extraction())
    before = row_counts(store_url)
    extraction = mayadin_extraction()
    twice = extraction.model_copy(update={"events": extraction.events * 2})  # the same event id twice
    with pytest.raises(IntegrityError):
        store.save(mayadin, twice)
    assert_absent(store, mayadin)
    assert row_counts(store_url) == before  # no document, actor, place, source, tally or evidence row
    assert store.extraction(al_bab.id) == al_bab_extraction()
    assert store.save(mayadin, extraction) is True  # nothing left in the way


def test_an_event_id_taken_by_another_document_leaves_nothing(store, store_url):
    store.save(al_bab, al_bab_extraction())
    before = row_counts(store_url)
    taken = mayadin_extraction()
    taken.events[0] = taken.events[0].model_copy(update={"id": f"{al_bab.id}-e0"})
    with pytest.raises(IntegrityError):
        store.save(mayadin, taken)
    assert_absent(store, mayadin)
    assert row_counts(store_url) == before
    assert store.extraction(al_bab.id) == al_bab_extraction()


def test_evidence_that_misses_the_text_is_refused_before_writing(store, store_url):
    store.save(al_bab, al_bab_extraction())
    before = row_counts(store_url)
    extraction = mayadin_extraction()
    wrong = Evidence(start=0, end=5, text="قُتل ")  # al_bab's words, not mayadin's
    extraction.events[0] = extraction.events[0].model_copy(update={"evidence": [wrong]})
    with pytest.raises(ValueError, match="evidence 0-5 does not match the text"):
        store.save(mayadin, extraction)
    assert_absent(store, mayadin)
    assert row_counts(store_url) == before
    assert store.extraction(al_bab.id) == al_bab_extraction()


def wait_until_blocked(engine: Engine, backend: str) -> None:
    """Until another session waits for a lock (PostgreSQL shows it; SQLite gets a moment)."""
    if backend == "sqlite":
        time.sleep(0.5)
        return
    deadline = time.monotonic() + 10
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if connection.execute(query).scalar_one():
                return
        time.sleep(0.02)
    raise AssertionError("the save never waited for the other writer")


def test_two_writers_adding_the_same_actor_both_succeed(store, store_url, backend):
    """A team's ingest processes write at once; naming the same new actor must not fail one."""
    outcome = {}

    def save() -> None:
        try:
            outcome["saved"] = store.save(mayadin, mayadin_extraction())
        except Exception as error:  # reported by the assertion below
            outcome["error"] = error

    with engine_for(store_url) as engine:
        with engine.connect() as other_writer:
            other_writer.execute(text("INSERT INTO actors (name, kind) VALUES ('Islamic State', 'rebel_group')"))
            saving = threading.Thread(target=save)
            saving.start()
            wait_until_blocked(engine, backend)
            other_writer.commit()
            saving.join(timeout=60)
    assert outcome == {"saved": True}
    assert store.extraction(mayadin.id) == mayadin_extraction()
    assert row_counts(store_url)["actors"] == 2


# -- migrations ---------------------------------------------------------------------------


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_migrations_create_exactly_the_schema(store_url):
    Store(store_url).close()
    with engine_for(store_url) as engine, engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == set(metadata.tables) | {"alembic_version"}
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
        assert differences == []
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()


@contextmanager
def statements_run() -> list[str]:
    """Every SQL statement any engine runs inside the block."""
    seen: list[str] = []

    def record(_connection, _cursor, statement, *_):
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_opening_an_existing_store_again_changes_nothing(store_url):
    with Store(store_url) as first:
        first.save(al_bab, al_bab_extraction())
    before = row_counts(store_url)
    with statements_run() as seen, Store(store_url) as again:
        assert again.extraction(al_bab.id) == al_bab_extraction()
    writes = [s for s in seen if s.lstrip().split()[0].upper() in {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert row_counts(store_url) == before
    with engine_for(store_url) as engine, engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()


# -- queries ------------------------------------------------------------------------------


def fill(store: Store) -> Store:
    for doc in (busayrah, dhiban, al_bab, idlib, mayadin):  # not in date order
        store.save(doc, Extraction(document=doc.meta))
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def newsroom(request, tmp_path_factory) -> Iterator[Store]:
    """The five documents above, stored once per backend for the read-only query tests."""
    if request.param == "sqlite":
        database = nullcontext(f"sqlite:///{tmp_path_factory.mktemp('newsroom') / 'marsad.db'}")
    else:
        database = request.getfixturevalue("new_postgres_database")()
    with database as url, Store(url) as store:
        yield fill(store)


def ids(found: list[Document]) -> list[str]:
    return [doc.id for doc in found]


def test_documents_newest_first_undated_last(newsroom):
    assert newsroom.documents() == NEWEST_FIRST


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (DocumentFilter(outlet="Enab Baladi"), [busayrah]),
        (DocumentFilter(outlet="عنب بلدي"), [al_bab]),
        (DocumentFilter(outlet="Enab"), []),
        (DocumentFilter(language="ar"), [mayadin, al_bab, dhiban]),
        (DocumentFilter(language="en"), [idlib, busayrah]),
        (DocumentFilter(role="monitor"), [mayadin]),
        (DocumentFilter(role="claimant"), [dhiban]),
        (DocumentFilter(role="witness"), []),
        # published_day is the day where the source published: 01:15 at +03:00 is the 13th.
        (DocumentFilter(since=dt.date(2024, 3, 13)), [mayadin]),
        (DocumentFilter(since=dt.date(2024, 3, 12)), [mayadin, al_bab]),
        (DocumentFilter(until=dt.date(2024, 3, 12)), [al_bab, idlib, busayrah]),
        (DocumentFilter(until=dt.date(2024, 3, 5)), [idlib, busayrah]),
        (DocumentFilter(until=dt.date(2024, 3, 4)), [busayrah]),
        (DocumentFilter(since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 12)), [al_bab, idlib]),
        (DocumentFilter(since=dt.date(2024, 3, 14)), []),
        (DocumentFilter(limit=2), [mayadin, al_bab]),
        (DocumentFilter(language="ar", limit=2), [mayadin, al_bab]),
        (DocumentFilter(language="en", since=dt.date(2024, 3, 1)), [idlib]),
        (DocumentFilter(language="ar", role="outlet", outlet="عنب بلدي", until=dt.date(2024, 3, 12)), [al_bab]),
    ],
)
def test_document_filters(newsroom, where, expected):
    assert ids(newsroom.documents(where)) == ids(expected)


def test_documents_on_the_same_day_are_ordered_by_id(store):
    same_day = [
        document(f"بيان رقم {n} صادر عن قيادة الشرطة في مدينة إدلب.", published=dt.date(2024, 3, 12), outlet="Idlib police")
        for n in range(1, 5)
    ]
    for doc in same_day:
        store.save(doc, Extraction(document=doc.meta))
    assert ids(store.documents()) == sorted(ids(same_day))


def test_extractions_follow_the_document_order(store):
    fill(store)
    assert store.save(al_bab, al_bab_extraction()) is False  # already there: stays without reports
    found = list(store.extractions(DocumentFilter(language="ar")))
    assert [doc for doc, _ in found] == [mayadin, al_bab, dhiban]
    assert [extraction.document for _, extraction in found] == [mayadin.meta, al_bab.meta, dhiban.meta]


def test_resolve_id(newsroom):
    # Content hashes of the texts above: al_bab and idlib share their first hex digit.
    assert al_bab.id[0] == idlib.id[0] and al_bab.id[:2] != idlib.id[:2]
    for doc in NEWEST_FIRST:
        assert newsroom.resolve_id(doc.id) == doc.id
        assert newsroom.resolve_id(doc.id[:6]) == doc.id
    assert newsroom.resolve_id(al_bab.id[:2]) == al_bab.id
    with pytest.raises(AmbiguousId, match=f"more than one document id starts with '{al_bab.id[0]}'"):
        newsroom.resolve_id(al_bab.id[0])
    with pytest.raises(AmbiguousId):
        newsroom.resolve_id("")
    assert newsroom.resolve_id(document_id("never stored")) is None
    assert newsroom.resolve_id(al_bab.id + "0") is None
    # LIKE wildcards are taken literally, not as "any character".
    assert newsroom.resolve_id("_") is None
    assert newsroom.resolve_id("%") is None
    assert newsroom.resolve_id(al_bab.id[:3] + "%") is None
