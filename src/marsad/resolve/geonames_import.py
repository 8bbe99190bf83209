"""`marsad gazetteer import-geonames`: every village of a country, from GeoNames' own files.

The bundled gazetteer holds places of 500 people or more; analysts who code events at the
village level download a country dump (`SY.txt`, `IQ.txt`, ... from GeoNames' export
folder, the 19-column "geoname" table) and, for more Arabic and English names,
`alternateNamesV2.txt` (10 columns). This command reads them and writes one more table of
the bundled format into the user gazetteer folder (`$XDG_DATA_HOME/marsad/gazetteer`, by
default `~/.local/share/marsad/gazetteer`, or `--dir`), which every later `find_places`
merges in: new places are added, places the bundled table already has gain the new names.

Kept: populated places (feature class P) as towns, first- and second-level divisions
(ADM1, ADM2, ADM3) and regions (L: RGN, AREA). Their Arabic-script names, and Latin names
written with a capital, from the dump's own `alternatenames` column and from the
alternate-names file (languages other than links, codes and abbreviations). The
alternate-names file is streamed, so the 700 MB worldwide one works as well as a country's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from marsad.resolve.gazetteer import (
    Entry,
    is_arabic_script,
    is_latin_name,
    load_gazetteer,
    name_keys,
    never_names,
    table_text,
    user_gazetteer_dir,
    write_table,
)

DUMP_COLUMNS = 19
ALTERNATE_COLUMNS = (8, 10)  # alternateNames.txt and alternateNamesV2.txt
KINDS = {("P", None): "city", ("A", "ADM1"): "admin1", ("A", "ADM2"): "admin2", ("A", "ADM3"): "admin2", ("L", "RGN"): "region", ("L", "AREA"): "region"}
# isolanguage values of alternateNames that are not names in a language
NOT_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid", "phon", "piny"})

gazetteer_app = typer.Typer(help="The user gazetteer: more places for find_places.", no_args_is_help=True)
out = Console(soft_wrap=True)


class GeoNamesFormatError(ValueError):
    """A file that is not a GeoNames table, with the reason."""


@dataclass
class _Place:
    row: list[str]
    names: list[str] = field(default_factory=list)
    preferred_ar: str | None = None


def _kind(row: list[str]) -> str | None:
    feature_class, code = row[6], row[7]
    return KINDS.get((feature_class, None)) or KINDS.get((feature_class, code))


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="\n") as stream:
        for line in stream:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def sniff(path: Path) -> str:
    """'dump' or 'alternates', by the column count of the first row."""
    for row in _rows(path):
        if len(row) == DUMP_COLUMNS:
            return "dump"
        if len(row) in ALTERNATE_COLUMNS:
            return "alternates"
        break
    raise GeoNamesFormatError(
        f"{path.name}: not a GeoNames country dump ({DUMP_COLUMNS} tab-separated columns) "
        f"or alternate-names file ({' or '.join(map(str, ALTERNATE_COLUMNS))} columns)"
    )


def import_geonames(paths: list[Path]) -> list[Entry]:
    """The places of the dumps, named also by the alternate-names files, as table entries."""
    kinds = {path: sniff(path) for path in paths}
    places: dict[str, _Place] = {}
    for path in (p for p in paths if kinds[p] == "dump"):
        for number, row in enumerate(_rows(path), start=1):
            if len(row) != DUMP_COLUMNS:
                raise GeoNamesFormatError(f"{path.name}:{number}: {len(row)} columns, a GeoNames dump has {DUMP_COLUMNS}")
            if _kind(row):
                places[row[0]] = _Place(row, [row[1], row[2], *row[3].split(",")])
    for path in (p for p in paths if kinds[p] == "alternates"):
        for row in _rows(path):
            place = places.get(row[1]) if len(row) >= 4 else None
            if place is None or row[2] in NOT_LANGUAGES:
                continue
            place.names.append(row[3])
            if row[2] == "ar" and len(row) > 4 and row[4] == "1":
                place.preferred_ar = row[3]
    return _entries(places)


def _entries(places: dict[str, _Place]) -> list[Entry]:
    bundled = load_gazetteer()
    admin_names: dict[str, str] = {code: entry.name for code, entry in bundled.admin1s.items()}
    for place in places.values():
        row = place.row
        if row[7] == "ADM1":
            admin_names.setdefault(f"{row[8]}.{row[10]}", row[2])
        elif row[7] == "ADM2":
            admin_names.setdefault(f"{row[8]}.{row[10]}.{row[11]}", row[2])
    never = never_names()
    entries = []
    for geonameid, place in sorted(places.items()):
        row = place.row
        names = [name.strip() for name in place.names if name.strip()]
        names = [name for name in names if is_arabic_script(name) or is_latin_name(name)]
        keys, skeletons = name_keys(names, never)
        if not keys:
            continue
        admin1_code = f"{row[8]}.{row[10]}" if row[10] else None
        admin2_code = f"{admin1_code}.{row[11]}" if admin1_code and row[11] else None
        arabic = place.preferred_ar or next((name for name in names if is_arabic_script(name)), None)
        kind = _kind(row) or "city"
        entries.append(Entry(
            id=f"geonames:{geonameid}", kind=kind, country=row[8] or None, admin1_code=admin1_code,
            admin1=admin_names.get(admin1_code or ""), admin2=admin_names.get(admin2_code or "") if kind != "admin1" else None,
            population=int(row[14] or 0), lat=float(row[4]), lon=float(row[5]), priority=0, name=row[2] or row[1],
            name_ar=arabic, keys=keys, skeletons=skeletons,
        ))  # fmt: skip
    return entries


@gazetteer_app.command(
    "import-geonames",
    epilog="Example: marsad gazetteer import-geonames SY.txt IQ.txt alternateNamesV2.txt",
)
def import_geonames_command(
    files: Annotated[list[Path], typer.Argument(help="GeoNames country dumps (XX.txt) and alternate-names files.", exists=True, dir_okay=False)],
    dir: Annotated[Path | None, typer.Option("--dir", help="The user gazetteer folder (default: $XDG_DATA_HOME/marsad/gazetteer).")] = None,
    name: Annotated[str | None, typer.Option(help="File name of the table written (default: from the dumps' names).")] = None,
) -> None:
    """Add every place of GeoNames country dumps to the gazetteer find_places uses."""
    try:
        entries = import_geonames(files)
    except (GeoNamesFormatError, UnicodeDecodeError, ValueError, IndexError) as error:
        out.print(Text("error: ", style="red").append(str(error)), highlight=False)
        raise typer.Exit(1) from None
    folder = dir or user_gazetteer_dir()
    folder.mkdir(parents=True, exist_ok=True)
    dumps = [path.stem for path in files if sniff(path) == "dump"]
    target = folder / (name or f"geonames-{'-'.join(dumps) or 'names'}.tsv.gz")
    header = ["GeoNames (www.geonames.org, CC-BY 4.0), imported by marsad gazetteer import-geonames from:"]
    header += [f"  {path.name}" for path in files]
    write_table(target, table_text(entries, header))
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[entry.kind] += 1
    detail = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    out.print(Text(f"wrote {target}: {len(entries)} places ({detail})"), highlight=False)
