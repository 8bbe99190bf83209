"""Phrases that name something by nationality: a head and an adjective ("الجيش السوري",
"القوات التركية", "جنديان نيجيريان", "US officials"), made from `lang/*/nationalities.yaml`.

Phrase lists (actors, voices) give heads; `national_phrases` returns every head-adjective
phrase with its country, in the word order and agreement of the head's language, so that a
new nationality is one line of data for all of them. The phrases go into the same automaton
as every other phrase (`marsad.read.phrases`): composing them at load time keeps matching a
single pass.

`demonym(code)` is the country's English label, which marsad's canonical names use ("Syrian
government forces", "US officials") whatever the language of the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Literal

from pydantic import BaseModel

from marsad.lang import topic, topics

NAMES_LANGUAGE = "en"  # canonical names are English


class NationalityData(BaseModel):
    """Schema of `lang/<language>/nationalities.yaml`."""

    order: Literal["head_first", "adjective_first"]
    article: str = ""
    endings: dict[str, list[str]] = {}
    adjectives: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    case_sensitive: list[str] = []


def nationality(language: str) -> NationalityData | None:
    return topics("nationalities", NationalityData).get(language)


@cache
def adjectives(language: str) -> tuple[tuple[str, str], ...]:
    """(adjective, ISO code) of a language: its demonyms and other adjectives."""
    data = nationality(language)
    if data is None:
        return ()
    pairs = [(label, code) for code, label in data.demonyms.items()] + list(data.adjectives.items())
    return tuple(pairs)


def national_phrases(language: str, head: str, agreement: str = "masculine") -> Iterator[tuple[str, str, bool]]:
    """(phrase, ISO code, case sensitive) for every adjective of the language with `head`.

    `agreement` names the ending set a head-first language uses (masculine, feminine,
    plural, dual); an adjective-first language ignores it."""
    data = nationality(language)
    if data is None:
        return
    sensitive = set(data.case_sensitive)
    if data.order == "adjective_first":
        for adjective, code in adjectives(language):
            yield f"{adjective} {head}", code, adjective in sensitive
        return
    if agreement not in data.endings:
        raise ValueError(f"{language}/nationalities.yaml has no endings for {agreement!r} (head {head!r})")
    definite = bool(data.article) and head.split()[-1].startswith(data.article)
    article = data.article if definite else ""
    for adjective, code in adjectives(language):
        for ending in data.endings[agreement]:
            yield f"{head} {article}{adjective}{ending}", code, adjective in sensitive


@cache
def demonym(code: str) -> str:
    """The English label of a country ("SY" → "Syrian")."""
    labels = topic(NAMES_LANGUAGE, "nationalities", NationalityData).demonyms
    if code not in labels:
        raise KeyError(f"{NAMES_LANGUAGE}/nationalities.yaml has no demonym for {code!r}")
    return labels[code]
