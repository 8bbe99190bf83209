"""Plain text: the whole input is one document."""

from collections.abc import Iterator

from marsad.ingest.decode import charset_of, decode_text
from marsad.ingest.document import IngestOptions, build_document
from marsad.ingest.raw import RawInput
from marsad.model import Document


def read_text(raw: RawInput, options: IngestOptions) -> Iterator[Document]:
    text = decode_text(raw.data, raw.origin, charset_of(raw.content_type))
    yield build_document(text, raw.origin, options, url=raw.url)
