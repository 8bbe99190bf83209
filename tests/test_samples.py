"""The bundled corpus through `marsad demo`: every file yields what samples/manifest.json says."""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import Store

SAMPLES = Path(__file__).parent.parent / "samples"
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--samples", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return db, result.output


def stored_by_file(db: Path) -> dict[str, list]:
    """Stored documents grouped by the sample file they came from, in reading order."""
    by_file: dict[str, list] = {}
    with Store(f"sqlite:///{db}") as store:
        for document in store.documents():
            path = document.origin.split(str(SAMPLES) + "/", 1)[1].split(":")[0].split("[")[0]
            by_file.setdefault(path, []).append(document)
    for documents in by_file.values():
        documents.sort(key=lambda d: _reading_order(d.origin))
    return by_file


def _reading_order(origin: str) -> int:
    """item 3 / message 17 / line 4 → its number, so documents sort as the file has them."""
    tail = origin.rsplit(":", 1)[-1] if origin.count(":") else "0"
    digits = "".join(ch for ch in tail if ch.isdigit())
    return int(digits or 0)


def test_demo_summary(demo_store):
    _, output = demo_store
    assert f"stored {MANIFEST['total_documents']} · duplicate 1 · failed 0" in output


@pytest.mark.parametrize("entry", MANIFEST["files"], ids=[f["path"] for f in MANIFEST["files"]])
def test_each_sample_file(demo_store, entry):
    db, _ = demo_store
    documents = stored_by_file(db).get(entry["path"], [])
    assert len(documents) == entry["documents"]
    assert [d.language for d in documents] == entry["languages"]
    assert [d.title for d in documents] == entry["titles"]
    assert [d.outlet for d in documents] == entry["outlet"]
    assert [_iso(d.published) for d in documents] == entry["published"]
    if "url" in entry:
        assert [d.url for d in documents] == entry["url"]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def test_rerunning_the_demo_stores_nothing_new(demo_store):
    db, _ = demo_store
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--samples", str(SAMPLES)])
    assert result.exit_code == 0
    assert f"stored 0 · duplicate {MANIFEST['total_documents'] + 1} · failed 0" in result.output
