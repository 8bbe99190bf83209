"""Eight hand-written documents and the reports a careful coder reads out of them.

Syria, Iraq and Iran, winter 2024, in the voices marsad has to keep apart: an outlet, a
monitor, an official news agency, the Islamic State's own channel, a repost that kept its
forum markup. Every evidence span points into its text. Until the assembler lands, these
are how the tests get events and tallies into a store (`stock(store)`).

The reports are chosen for the filters: actors on either side and at every level of the
Islamic State's hierarchy, reports with a named voice and without one (the document's
role then counts), day spans, ranges, open and missing periods, every qualifier.
"""

from __future__ import annotations

import datetime as dt

from marsad.ingest.document import document_id
from marsad.model import (
    Actor,
    ActorKind,
    Claim,
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

PLUS_3 = dt.timezone(dt.timedelta(hours=3))
PLUS_2 = dt.timezone(dt.timedelta(hours=2))

MAYADIN = (
    "وثّق المرصد السوري لحقوق الإنسان مقتل 4 عناصر من قوات النظام، بينهم ضابط، إثر هجوم نفذته "
    "خلايا تنظيم «الدولة الإسلامية» على موقع عسكري في بادية الميادين شرقي دير الزور، مساء الثلاثاء. "
    "وبذلك يرتفع إلى 112 عدد العمليات التي نفذتها خلايا التنظيم في البادية السورية منذ مطلع العام "
    "الجاري، قُتل خلالها 203 من عناصر قوات النظام والميليشيات الموالية لها."
)
DHIBAN = (
    "بفضل الله تعالى، استهدف جنود الخلافة آلية لميليشيا PKK المرتدة بتفجير عبوة ناسفة قرب بلدة ذيبان "
    "بريف دير الزور الشرقي، ما أدى لإعطابها ومقتل وإصابة من فيها. وبذلك ترتفع حصيلة عمليات جنود "
    "الخلافة في ولاية الشام خلال الأسبوع الماضي إلى 11 عملية."
)
BUSAYRAH = (
    "Two members of the Syrian Democratic Forces (SDF) were killed on Tuesday when an improvised "
    "explosive device struck their vehicle near al-Busayrah in the eastern Deir Ezzor countryside, "
    "local sources told Enab Baladi. The Islamic State claimed the attack in a statement carried by "
    "its Amaq news agency the same evening."
)
IDLIB = (
    "Army units repelled an attack by terrorist groups on military posts in the southern Idlib "
    "countryside on Monday, killing and injuring a number of the attackers, a military source told "
    "SANA. Army artillery also shelled terrorist positions in Jabal al-Zawiya, the source added."
)
PALMYRA = (
    'A statement signed by "[bold]Soldiers of the Caliphate[/bold]" said its fighters ambushed a '
    "[red]regime[/red] patrol near Palmyra on Sunday, killing dozens of its members."
)
HAMRIN = (
    "Iraqi warplanes killed between 10 and 15 Islamic State militants in strikes on hideouts in the "
    "Hamrin mountains of Diyala province between Monday and Wednesday, the Security Media Cell said "
    "on Thursday. The cell said Iraqi forces had killed more than 90 militants since the start of the year."
)
KERMAN = (
    "Iran's interior minister said on Friday that the death toll from the twin bombings in Kerman on "
    "January 3 had risen to about 90 people. The Islamic State claimed the attack through its Amaq "
    "news agency on Thursday."
)
SEED = (
    "وتم تسجيل ما لا يقل عن 65 هجوماً لتنظيم داعش في سوريا في يناير، ووثّق مركز معلومات روج آفا "
    "بشكل منفصل 192 هجومًا لتنظيم داعش في شمال شرق سوريا في الفترة نفسها. ومن المحتمل ألا يزيد "
    "عدد أعضاء التنظيم عن 1000 عضو، بحسب مسؤولين أمريكيين."
)


def document(text: str, **meta) -> Document:
    return Document(id=document_id(text), text=text, origin="tests/reports_corpus.py", **meta)


def span(text: str, piece: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return Evidence(start=start, end=start + len(piece), text=piece)


def exact(text: str, piece: str, value: float, occurrence: int = 0) -> Quantity:
    return Quantity(low=value, best=value, high=value, qualifier=Qualifier.EXACT, text=piece, evidence=span(text, piece, occurrence))


def day(text: str, piece: str, when: dt.date) -> TimeSpan:
    return TimeSpan(start=when, end=when, precision=Precision.DAY, evidence=span(text, piece))


mayadin = document(MAYADIN, language="ar", published=dt.datetime(2024, 3, 13, 1, 15, tzinfo=PLUS_3),
                   outlet="المرصد السوري لحقوق الإنسان", role=Role.MONITOR)  # fmt: skip
dhiban = document(DHIBAN, language="ar", published=dt.date(2024, 3, 11), outlet="وكالة أعماق", role=Role.CLAIMANT)
busayrah = document(BUSAYRAH, language="en", published=dt.date(2024, 2, 28), outlet="Enab Baladi", role=Role.OUTLET)
idlib = document(IDLIB, language="en", published=dt.datetime(2024, 3, 5, 9, 40, tzinfo=PLUS_2), outlet="SANA", role=Role.OFFICIAL)
palmyra = document(PALMYRA, language="en", published=dt.date(2024, 3, 4), outlet="[italic]Nashir[/italic] mirror", role=Role.CLAIMANT)
hamrin = document(HAMRIN, language="en", published=dt.date(2024, 1, 25), outlet="Rudaw", role=Role.OUTLET)
kerman = document(KERMAN, language="en", published=dt.date(2024, 1, 5), outlet="The National", role=Role.OUTLET)
seed = document(SEED, language="ar", published=dt.date(2024, 2, 5), outlet="الحرة", role=Role.OUTLET)


def mayadin_extraction() -> Extraction:
    text = MAYADIN
    cells = Actor(name="Islamic State Syria Province", mention="خلايا تنظيم «الدولة الإسلامية»", kind=ActorKind.REBEL_GROUP,
                  evidence=span(text, "خلايا تنظيم «الدولة الإسلامية»"))  # fmt: skip
    regime = Actor(name="Syrian government forces", mention="قوات النظام", kind=ActorKind.STATE_FORCES, evidence=span(text, "قوات النظام"))
    badia_mayadin = Place(mention="بادية الميادين", name="Al-Mayadin desert", name_ar="بادية الميادين", country="SY",
                          admin1="Deir ez-Zor", geo_precision=2, evidence=span(text, "بادية الميادين"))  # fmt: skip
    deir_ezzor = Place(mention="دير الزور", name="Deir ez-Zor", name_ar="دير الزور", country="SY", admin1="Deir ez-Zor",
                       lat=35.3359, lon=40.1408, geo_precision=1, gazetteer_id="geonames:170794", evidence=span(text, "دير الزور"))  # fmt: skip
    desert = Place(mention="البادية السورية", name="Syrian Desert", name_ar="البادية السورية", country="SY", geo_precision=3,
                   evidence=span(text, "البادية السورية"))  # fmt: skip
    since_january = TimeSpan(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 13), precision=Precision.RANGE, evidence=span(text, "منذ مطلع العام الجاري"))
    cells_again = Actor(name="Islamic State Syria Province", mention="خلايا التنظيم", kind=ActorKind.REBEL_GROUP, evidence=span(text, "خلايا التنظيم"))
    attack = Event(
        id=f"{mayadin.id}-e0",
        event_type=EventType.BATTLES,
        sub_event_type="Armed clash",
        date=day(text, "مساء الثلاثاء", dt.date(2024, 3, 12)),
        actor1=cells,
        actor2=regime,
        location=badia_mayadin,
        fatalities=exact(text, "4", 4),
        evidence=[span(text, "هجوم نفذته خلايا تنظيم «الدولة الإسلامية» على موقع عسكري")],
        confidence=0.8,
    )
    attacks = Tally(
        id=f"{mayadin.id}-t0", quantity=exact(text, "112", 112), unit=Unit.ATTACKS, actor=cells_again, claimed=False,
        region=desert, period=since_january, evidence=[span(text, "يرتفع إلى 112 عدد العمليات التي نفذتها خلايا التنظيم")],
        confidence=0.7,
    )  # fmt: skip
    deaths = Tally(
        id=f"{mayadin.id}-t1", quantity=exact(text, "203", 203), unit=Unit.DEATHS, actor=cells_again,
        target=Actor(name="Syrian government forces", mention="عناصر قوات النظام والميليشيات الموالية لها", kind=ActorKind.STATE_FORCES,
                     evidence=span(text, "عناصر قوات النظام والميليشيات الموالية لها")),
        claimed=False, region=desert, period=since_january, evidence=[span(text, "قُتل خلالها 203 من عناصر قوات النظام")],
        confidence=0.7,
    )  # fmt: skip
    return Extraction(document=mayadin.meta, events=[attack], tallies=[attacks, deaths], places=[badia_mayadin, deir_ezzor, desert])


def dhiban_extraction() -> Extraction:
    text = DHIBAN
    soldiers = Actor(name="Islamic State Syria Province", mention="جنود الخلافة", kind=ActorKind.REBEL_GROUP, evidence=span(text, "جنود الخلافة"))
    town = Place(mention="بلدة ذيبان", name="Dhiban", name_ar="ذيبان", country="SY", admin1="Deir ez-Zor", geo_precision=1,
                 evidence=span(text, "بلدة ذيبان"))  # fmt: skip
    blast = Event(
        id=f"{dhiban.id}-e0",
        event_type=EventType.EXPLOSIONS,
        sub_event_type="Remote explosive/landmine/IED",
        actor1=soldiers,
        actor2=Actor(name="Syrian Democratic Forces", mention="ميليشيا PKK المرتدة", kind=ActorKind.REBEL_GROUP, evidence=span(text, "ميليشيا PKK المرتدة")),
        location=town,
        figures=[Figure(casualties=Quantity(qualifier=Qualifier.VAGUE, text="من فيها", evidence=span(text, "من فيها")),
                        evidence=span(text, "مقتل وإصابة من فيها"))],
        claimed_by=Claim(name="Islamic State", mention="جنود الخلافة", channel="Amaq", evidence=span(text, "استهدف جنود الخلافة")),
        evidence=[span(text, "استهدف جنود الخلافة آلية لميليشيا PKK المرتدة بتفجير عبوة ناسفة")],
        confidence=0.75,
    )  # fmt: skip
    week = Tally(
        id=f"{dhiban.id}-t0", quantity=exact(text, "11", 11), unit=Unit.ATTACKS,
        actor=Actor(name="Islamic State Syria Province", mention="جنود الخلافة", kind=ActorKind.REBEL_GROUP, evidence=span(text, "جنود الخلافة", 1)),
        claimed=True,
        period=TimeSpan(start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 10), precision=Precision.WEEK, evidence=span(text, "خلال الأسبوع الماضي")),
        evidence=[span(text, "ترتفع حصيلة عمليات جنود الخلافة في ولاية الشام خلال الأسبوع الماضي إلى 11 عملية")],
        confidence=0.6,
    )  # fmt: skip
    return Extraction(document=dhiban.meta, events=[blast], tallies=[week], places=[town])


def busayrah_extraction() -> Extraction:
    text = BUSAYRAH
    town = Place(mention="al-Busayrah", name="Al-Busayrah", name_ar="البصيرة", country="SY", admin1="Deir ez-Zor", geo_precision=2,
                 evidence=span(text, "al-Busayrah"))  # fmt: skip
    blast = Event(
        id=f"{busayrah.id}-e0",
        event_type=EventType.EXPLOSIONS,
        sub_event_type="Remote explosive/landmine/IED",
        date=day(text, "on Tuesday", dt.date(2024, 2, 27)),
        actor1=Actor(name="Islamic State", mention="The Islamic State", kind=ActorKind.REBEL_GROUP, evidence=span(text, "The Islamic State")),
        actor2=Actor(name="Syrian Democratic Forces", mention="Syrian Democratic Forces (SDF)", kind=ActorKind.REBEL_GROUP,
                     evidence=span(text, "Syrian Democratic Forces (SDF)")),
        location=town,
        fatalities=exact(text, "Two", 2),
        claimed_by=Claim(name="Islamic State", mention="The Islamic State", channel="Amaq", evidence=span(text, "The Islamic State claimed the attack")),
        reported_by=Source(mention="local sources", role=Role.UNNAMED, evidence=span(text, "local sources")),
        evidence=[span(text, "an improvised explosive device struck their vehicle")],
        confidence=0.85,
    )  # fmt: skip
    return Extraction(document=busayrah.meta, events=[blast], places=[town])


def idlib_extraction() -> Extraction:
    text = IDLIB
    army = Actor(name="Syrian government forces", mention="Army units", kind=ActorKind.STATE_FORCES, evidence=span(text, "Army units"))
    terrorists = Actor(mention="terrorist groups", evidence=span(text, "terrorist groups"))
    source = Source(mention="a military source", role=Role.OFFICIAL, evidence=span(text, "a military source"))
    monday = day(text, "on Monday", dt.date(2024, 3, 4))
    countryside = Place(mention="southern Idlib countryside", name="Idlib", country="SY", admin1="Idlib", geo_precision=2,
                        evidence=span(text, "southern Idlib countryside"))  # fmt: skip
    zawiya = Place(mention="Jabal al-Zawiya", name="Jabal al-Zawiya", country="SY", admin1="Idlib", geo_precision=2, evidence=span(text, "Jabal al-Zawiya"))
    repelled = Event(
        id=f"{idlib.id}-e0", event_type=EventType.BATTLES, sub_event_type="Armed clash", date=monday, actor1=army, actor2=terrorists,
        location=countryside,
        figures=[Figure(casualties=Quantity(qualifier=Qualifier.VAGUE, text="a number", evidence=span(text, "a number")),
                        attributed_to=source, evidence=span(text, "killing and injuring a number of the attackers"))],
        reported_by=source, evidence=[span(text, "repelled an attack by terrorist groups on military posts")], confidence=0.7,
    )  # fmt: skip
    shelling = Event(
        id=f"{idlib.id}-e1", event_type=EventType.EXPLOSIONS, sub_event_type="Shelling/artillery/missile attack", date=monday,
        actor1=Actor(name="Syrian government forces", mention="Army artillery", kind=ActorKind.STATE_FORCES, evidence=span(text, "Army artillery")),
        actor2=Actor(mention="terrorist", evidence=span(text, "terrorist", 1)), location=zawiya,
        reported_by=Source(mention="the source", role=Role.OFFICIAL, evidence=span(text, "the source")),
        evidence=[span(text, "Army artillery also shelled terrorist positions in Jabal al-Zawiya")], confidence=0.6,
    )  # fmt: skip
    return Extraction(document=idlib.meta, events=[repelled, shelling], places=[countryside, zawiya])


def palmyra_extraction() -> Extraction:
    text = PALMYRA
    soldiers = Actor(mention="[bold]Soldiers of the Caliphate[/bold]", evidence=span(text, "[bold]Soldiers of the Caliphate[/bold]"))
    town = Place(mention="Palmyra", name="Palmyra", name_ar="تدمر", country="SY", admin1="Homs", geo_precision=2, evidence=span(text, "Palmyra"))
    ambush = Event(
        id=f"{palmyra.id}-e0", event_type=EventType.BATTLES, sub_event_type="Armed clash",
        date=day(text, "on Sunday", dt.date(2024, 3, 3)), actor1=soldiers,
        actor2=Actor(name="Syrian government forces", mention="[red]regime[/red] patrol", kind=ActorKind.STATE_FORCES,
                     evidence=span(text, "[red]regime[/red] patrol")),
        location=town,
        fatalities=Quantity(low=24, high=99, qualifier=Qualifier.VAGUE, text="dozens", evidence=span(text, "dozens")),
        claimed_by=Claim(mention="[bold]Soldiers of the Caliphate[/bold]", channel="Telegram", evidence=span(text, 'A statement signed by "[bold]Soldiers of the Caliphate[/bold]"')),
        evidence=[span(text, "its fighters ambushed a [red]regime[/red] patrol near Palmyra")], confidence=0.5,
    )  # fmt: skip
    return Extraction(document=palmyra.meta, events=[ambush], places=[town])


def hamrin_extraction() -> Extraction:
    text = HAMRIN
    cell = Source(name="Security Media Cell", mention="the Security Media Cell", role=Role.OFFICIAL, evidence=span(text, "the Security Media Cell"))
    mountains = Place(mention="Hamrin mountains", name="Hamrin Mountains", name_ar="جبال حمرين", country="IQ", admin1="Diyala",
                      geo_precision=2, evidence=span(text, "Hamrin mountains"))  # fmt: skip
    diyala = Place(mention="Diyala province", name="Diyala", country="IQ", admin1="Diyala", geo_precision=3, evidence=span(text, "Diyala province"))
    strikes = Event(
        id=f"{hamrin.id}-e0", event_type=EventType.EXPLOSIONS, sub_event_type="Air/drone strike",
        date=TimeSpan(start=dt.date(2024, 1, 22), end=dt.date(2024, 1, 24), precision=Precision.RANGE, evidence=span(text, "between Monday and Wednesday")),
        actor1=Actor(name="Iraqi forces", mention="Iraqi warplanes", kind=ActorKind.STATE_FORCES, evidence=span(text, "Iraqi warplanes")),
        actor2=Actor(name="Islamic State Iraq Province", mention="Islamic State militants", kind=ActorKind.REBEL_GROUP, evidence=span(text, "Islamic State militants")),
        location=mountains,
        fatalities=Quantity(low=10, high=15, qualifier=Qualifier.RANGE, text="between 10 and 15", evidence=span(text, "between 10 and 15")),
        reported_by=cell, evidence=[span(text, "strikes on hideouts in the Hamrin mountains")], confidence=0.8,
    )  # fmt: skip
    so_far = Tally(
        id=f"{hamrin.id}-t0",
        quantity=Quantity(low=90, best=90, qualifier=Qualifier.MORE_THAN, text="more than 90", evidence=span(text, "more than 90")),
        unit=Unit.DEATHS,
        actor=Actor(name="Iraqi forces", mention="Iraqi forces", kind=ActorKind.STATE_FORCES, evidence=span(text, "Iraqi forces")),
        target=Actor(name="Islamic State Iraq Province", mention="militants", kind=ActorKind.REBEL_GROUP, evidence=span(text, "militants", 1)),
        claimed=None,
        period=TimeSpan(start=dt.date(2024, 1, 1), precision=Precision.RANGE, evidence=span(text, "since the start of the year")),
        attributed_to=Source(name="Security Media Cell", mention="The cell", role=Role.OFFICIAL, evidence=span(text, "The cell")),
        evidence=[span(text, "Iraqi forces had killed more than 90 militants since the start of the year")],
        confidence=0.7,
    )  # fmt: skip
    return Extraction(document=hamrin.meta, events=[strikes], tallies=[so_far], places=[mountains, diyala])


def kerman_extraction() -> Extraction:
    text = KERMAN
    city = Place(mention="Kerman", name="Kerman", name_ar="كرمان", country="IR", admin1="Kerman", lat=30.2832, lon=57.0788,
                 geo_precision=1, gazetteer_id="geonames:128234", evidence=span(text, "Kerman"))  # fmt: skip
    minister = Source(mention="Iran's interior minister", role=Role.OFFICIAL, evidence=span(text, "Iran's interior minister"))
    about_90 = Quantity(best=90, qualifier=Qualifier.APPROXIMATELY, text="about 90", evidence=span(text, "about 90"))
    bombings = Event(
        id=f"{kerman.id}-e0", event_type=EventType.EXPLOSIONS, sub_event_type="Suicide bomb",
        date=day(text, "January 3", dt.date(2024, 1, 3)),
        actor1=Actor(name="Islamic State", mention="The Islamic State", kind=ActorKind.REBEL_GROUP, evidence=span(text, "The Islamic State")),
        location=city, fatalities=about_90,
        figures=[Figure(fatalities=about_90, attributed_to=minister, evidence=span(text, "the death toll from the twin bombings in Kerman on January 3 had risen to about 90 people"))],
        claimed_by=Claim(name="Islamic State", mention="The Islamic State", channel="Amaq", evidence=span(text, "claimed the attack through its Amaq news agency")),
        reported_by=minister, evidence=[span(text, "the twin bombings in Kerman on January 3")], confidence=0.9,
    )  # fmt: skip
    return Extraction(document=kerman.meta, events=[bombings], places=[city])


def seed_extraction() -> Extraction:
    text = SEED
    daesh = Actor(name="Islamic State", mention="تنظيم داعش", kind=ActorKind.REBEL_GROUP, evidence=span(text, "تنظيم داعش"))
    syria = Place(mention="سوريا", name="Syria", name_ar="سوريا", country="SY", geo_precision=4, evidence=span(text, "سوريا"))
    north_east = Place(mention="شمال شرق سوريا", name="North-east Syria", country="SY", geo_precision=3, evidence=span(text, "شمال شرق سوريا"))
    january = TimeSpan(start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31), precision=Precision.MONTH, evidence=span(text, "في يناير"))
    same_period = TimeSpan(start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31), precision=Precision.MONTH, evidence=span(text, "في الفترة نفسها"))
    at_least = Tally(
        id=f"{seed.id}-t0", quantity=Quantity(low=65, best=65, qualifier=Qualifier.AT_LEAST, text="ما لا يقل عن 65", evidence=span(text, "ما لا يقل عن 65")),
        unit=Unit.ATTACKS, actor=daesh, region=syria, period=january,
        evidence=[span(text, "تسجيل ما لا يقل عن 65 هجوماً لتنظيم داعش في سوريا في يناير")], confidence=0.8,
    )  # fmt: skip
    rojava = Tally(
        id=f"{seed.id}-t1", quantity=exact(text, "192", 192), unit=Unit.ATTACKS,
        actor=Actor(name="Islamic State", mention="تنظيم داعش", kind=ActorKind.REBEL_GROUP, evidence=span(text, "تنظيم داعش", 1)),
        region=north_east, period=same_period,
        attributed_to=Source(name="Rojava Information Center", mention="مركز معلومات روج آفا", role=Role.MONITOR, evidence=span(text, "مركز معلومات روج آفا")),
        evidence=[span(text, "192 هجومًا لتنظيم داعش في شمال شرق سوريا في الفترة نفسها")], confidence=0.8,
    )  # fmt: skip
    members = Tally(
        id=f"{seed.id}-t2", quantity=Quantity(high=1000, qualifier=Qualifier.AT_MOST, text="ألا يزيد عدد أعضاء التنظيم عن 1000",
                                              evidence=span(text, "ألا يزيد عدد أعضاء التنظيم عن 1000")),
        unit=Unit.MEMBERS, actor=Actor(name="Islamic State", mention="التنظيم", kind=ActorKind.REBEL_GROUP, evidence=span(text, "التنظيم")),
        attributed_to=Source(mention="مسؤولين أمريكيين", role=Role.OFFICIAL, evidence=span(text, "مسؤولين أمريكيين")),
        evidence=[span(text, "ومن المحتمل ألا يزيد عدد أعضاء التنظيم عن 1000 عضو")], confidence=0.6,
    )  # fmt: skip
    return Extraction(document=seed.meta, tallies=[at_least, rojava, members], places=[syria, north_east])


EXTRACTIONS = {
    "mayadin": (mayadin, mayadin_extraction),
    "dhiban": (dhiban, dhiban_extraction),
    "busayrah": (busayrah, busayrah_extraction),
    "idlib": (idlib, idlib_extraction),
    "palmyra": (palmyra, palmyra_extraction),
    "hamrin": (hamrin, hamrin_extraction),
    "kerman": (kerman, kerman_extraction),
    "seed": (seed, seed_extraction),
}


def stock(store) -> None:
    """Every document above with its reports, saved in an order that is not the listing's."""
    for name in ("seed", "kerman", "busayrah", "mayadin", "palmyra", "dhiban", "hamrin", "idlib"):
        doc, extraction = EXTRACTIONS[name]
        assert store.save(doc, extraction()) is True


def reports_by_id() -> dict[str, tuple[Document, Event | Tally]]:
    """Every report of the corpus by its id, with its document."""
    found = {}
    for doc, extraction in EXTRACTIONS.values():
        for report in [*extraction().events, *extraction().tallies]:
            found[report.id] = (doc, report)
    return found
