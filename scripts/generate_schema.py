"""Write the contract's JSON Schema from the model; tests/test_contract.py checks it is current."""

from marsad.schema import SCHEMA_PATH, schema_text

if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
