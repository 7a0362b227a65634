"""HTML pages: the article text and its metadata, by trafilatura (no network)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pactwatch.errors import MalformedInputError, NoArticleError
from pactwatch.ingest.language import detect_language
from pactwatch.ingest.published import is_null, resolve
from pactwatch.model import Document

#: an extraction with fewer words than this is page furniture, not an article
MIN_ARTICLE_WORDS = 8
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def _extract(html: str, source: str) -> Any:
    import trafilatura  # slow to import: only when an HTML page is met

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (ValueError, TypeError, AttributeError) as e:  # lxml and trafilatura on broken markup
        raise MalformedInputError(source, f"HTML could not be parsed: {e}") from e


def _clean(value: object) -> str | None:
    return None if is_null(value) else str(value).strip()


def document_from_html(html: str, source: str, *, published: date | None = None) -> Document:
    """A Document from an HTML page: its main text, title, url, date and site name.

    Raises NoArticleError when the page holds no article text, DateFormatError when its
    date metadata cannot be read.
    """
    meta = _extract(html, source)
    text = (getattr(meta, "text", None) or "") if meta is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticleError(source, "no article text found in the HTML page")
    when = resolve(getattr(meta, "date", None), text, source, given=published)
    return Document(
        source=source,
        text=text,
        title=_clean(getattr(meta, "title", None)),
        url=_clean(getattr(meta, "url", None)),
        outlet=_clean(getattr(meta, "sitename", None)) or _clean(getattr(meta, "hostname", None)),
        published=when.date if when else None,
        published_at=when.at if when else None,
        language=detect_language(text),
    )
