"""The JSON Schema of the contract, generated from the model (scripts/generate_schema.py)."""

import json
from pathlib import Path

from marsad.model import CONTRACT_VERSION, Extraction

SCHEMA_PATH = Path(__file__).parent / f"contract-v{CONTRACT_VERSION}.json"


def contract_schema() -> dict:
    """What `marsad extract --json` prints, one object per line, as JSON Schema."""
    schema = Extraction.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:marsad:contract:v{CONTRACT_VERSION}",
        **schema,
        "title": f"marsad extraction, contract v{CONTRACT_VERSION}",
    }


def schema_text() -> str:
    return json.dumps(contract_schema(), ensure_ascii=False, indent=2) + "\n"


def stored_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
