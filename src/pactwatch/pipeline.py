"""The public extraction API: documents in, records out (streaming)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from pactwatch.errors import InputError, UnsupportedLanguageError
from pactwatch.model import Document, Extraction, Record
from pactwatch.settings import Settings
from pactwatch.version import EXTRACTOR_VERSION


def _coerce_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def extract(
    text_or_document: str | Document,
    *,
    published: date | str | None = None,
    settings: Settings | None = None,
) -> list[Record]:
    """Extract the records of one text or document."""
    if isinstance(text_or_document, Document):
        doc = text_or_document
        if published is not None:
            doc = doc.with_published(_coerce_date(published))
    else:
        doc = Document(
            source="<text>", text=text_or_document, published=_coerce_date(published), language="en"
        )
    return list(next(extract_documents([doc], settings=settings)).records)


def extract_documents(docs: Iterable[Document], *, settings: Settings | None = None) -> Iterator[Extraction]:
    """Extract many documents lazily, in order. Non-English documents give no records."""
    from pactwatch.extract.engine import get_engine

    engine = get_engine(settings or Settings())
    for doc, records in engine.run(docs):
        yield Extraction(document=doc, records=tuple(records), extractor=EXTRACTOR_VERSION)


def extract_stream(
    items: Iterable[Document | InputError], *, settings: Settings | None = None
) -> Iterator[Extraction | InputError]:
    """Like ``extract_documents`` but passes reading errors through in place, and turns a
    non-English document into an ``UnsupportedLanguageError`` instead of guessing."""
    settings = settings or Settings()
    pending: list[Document] = []

    def flush() -> Iterator[Extraction]:
        if pending:
            yield from extract_documents(list(pending), settings=settings)
            pending.clear()

    for item in items:
        if isinstance(item, InputError):
            yield from flush()
            yield item
        elif item.language and item.language not in settings.languages:
            yield from flush()
            yield UnsupportedLanguageError(
                item.source, f"text is not in English (detected {item.language!r}); nothing extracted"
            )
        else:
            pending.append(item)
            if len(pending) >= settings.batch_size:
                yield from flush()
    yield from flush()
