"""Sentence splitting, table-driven from tests/cases/sentences.yaml."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.sentences import split_sentences

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "sentences.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:40] for case in CASES])
def test_sentences(case):
    text = case["text"]
    assert [text[s.start : s.end] for s in split_sentences(text)] == case["sentences"]


def test_seed_article_keeps_comma_clauses_together():
    seed = Path(__file__).parent.parent.parent / "shared" / "seed" / "article_ar.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else None
    if text is None:
        pytest.fail(f"the seed article is missing at {seed}")
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert any(s.startswith("وخلال أقل من شهرين") and s.endswith("البادية السورية.") for s in sentences)
    assert not any(s.strip(" .") == "" for s in sentences)
    assert len(sentences) == 21


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("ab جد.؟!?،؛\n «»“”\"'")) | st.characters(), max_size=200))
def test_sentences_are_ordered_trimmed_and_inside_the_text(text):
    previous_end = 0
    for sentence in split_sentences(text):
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert not text[sentence.start].isspace() and not text[sentence.end - 1].isspace()
        assert "\n" not in text[sentence.start : sentence.end]
        previous_end = sentence.end
