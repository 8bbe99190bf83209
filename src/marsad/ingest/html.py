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
from marsad.model import Document, Published

# Metadata that states the publication time outright, with its time of day and offset; only
# when a page has none does htmldate (inside trafilatura) search the page and its URL.
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "dc.date.issued", "dc.date")
DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"}
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object")
# The markup is already decoded; the parser must not second-guess it from a <meta charset>.
UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def read_html(raw: RawInput, options: IngestOptions) -> Iterator[Document]:
    markup = decode_text(raw.data, raw.origin, charset_of(raw.content_type))
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8"), parser=UTF8_PARSER)
        published, canonical = _meta_published(tree), _canonical_url(tree)
        article = trafilatura.bare_extraction(
            tree, url=raw.url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
        )
    except (ValueError, TypeError, ParserError) as error:
        raise InputError(raw.origin, f"unreadable HTML ({error})") from error
    if article is None or not (article.text or "").strip():
        raise InputError(raw.origin, "no article text found in the HTML")
    if published is None and article.date:
        published = parse_published(article.date)
    yield build_document(
        article.text,
        raw.origin,
        options,
        title=article.title,
        published=published,
        outlet=article.sitename,
        url=canonical or raw.url,
        author=article.author,
    )


def _meta_published(tree) -> Published | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and meta.get("content"):
            published = parse_published(meta.get("content"))
            if published is not None:
                return published
    return None


def _canonical_url(tree) -> str | None:
    """The page's own address as it states it (trafilatura would normalise the query string)."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return meta.get("content").strip()
    return None


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
