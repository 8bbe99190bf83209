"""HTML: the article's main text via trafilatura, navigation, ads and comments dropped."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml.etree import ParserError

from marsad.errors import InputError
from marsad.ingest.dates import parse_published
from marsad.ingest.decode import charset_of, decode_text
from marsad.ingest.document import IngestOptions, build_document
from marsad.ingest.raw import RawInput
from marsad.model import Document

# Keep the time of day and offset that <meta article:published_time> gives, not just the day.
DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"}
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object")


def read_html(raw: RawInput, options: IngestOptions) -> Iterator[Document]:
    markup = decode_text(raw.data, raw.origin, charset_of(raw.content_type))
    try:
        article = trafilatura.bare_extraction(
            markup, url=raw.url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
        )
    except (ValueError, TypeError, ParserError) as error:
        raise InputError(raw.origin, f"unreadable HTML ({error})") from error
    if article is None or not (article.text or "").strip():
        raise InputError(raw.origin, "no article text found in the HTML")
    yield build_document(
        article.text,
        raw.origin,
        options,
        title=article.title,
        published=parse_published(article.date) if article.date else None,
        outlet=article.sitename,
        url=article.url or raw.url,
        author=article.author,
    )


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's description), one line per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment
    for element in list(root.iter(*INVISIBLE_TAGS)):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
