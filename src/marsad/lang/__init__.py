"""Language data: one folder per language (`ar/`, `en/`, `fa/`), one YAML file per topic.

Everything language-specific — letters to fold, number words, hedges, units, month names,
relative dates — lives in these files, reviewed like code. Code asks for a topic with
`topic(language, name, Schema)`, which validates the file against the reader's schema once
and caches it; adding a language is adding a folder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel

LANGUAGES = ("ar", "en", "fa")

Schema = TypeVar("Schema", bound=BaseModel)


class LanguageDataError(ValueError):
    """A language data file is missing or does not match its schema."""


def topic(language: str, name: str, schema: type[Schema]) -> Schema:
    return _load(language, name, schema)


def topics(name: str, schema: type[Schema]) -> dict[str, Schema]:
    """The topic for every language that has a file for it."""
    return {language: _load(language, name, schema) for language in LANGUAGES if _path(language, name).is_file()}


@cache
def _load(language: str, name: str, schema: type[Schema]) -> Schema:
    path = _path(language, name)
    if not path.is_file():
        raise LanguageDataError(f"no language data {language}/{name}.yaml")
    try:
        return schema.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (yaml.YAMLError, ValueError) as error:
        raise LanguageDataError(f"{language}/{name}.yaml: {error}") from error


def _path(language: str, name: str):
    return resources.files(__package__).joinpath(language, f"{name}.yaml")
