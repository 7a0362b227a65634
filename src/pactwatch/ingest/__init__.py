"""The input layer: files, folders and standard input to Documents.

Plain text (with an optional ``key: value`` header ended by ``---``), HTML (trafilatura),
and news-please JSON / JSON Lines. Bad inputs come back as InputError values in the
stream, in place, so the other inputs still go through.
"""

from pactwatch.ingest.html import document_from_html
from pactwatch.ingest.language import detect_language
from pactwatch.ingest.newsplease import document_from_newsplease, documents_from_newsplease
from pactwatch.ingest.published import Published, find_published, parse_published
from pactwatch.ingest.reader import (
    documents_from_bytes,
    documents_from_string,
    read_inputs,
    read_path,
    read_stream,
)
from pactwatch.ingest.sniff import sniff_format
from pactwatch.ingest.text import document_from_text

__all__ = [
    "Published",
    "detect_language",
    "document_from_html",
    "document_from_newsplease",
    "document_from_text",
    "documents_from_bytes",
    "documents_from_newsplease",
    "documents_from_string",
    "find_published",
    "parse_published",
    "read_inputs",
    "read_path",
    "read_stream",
    "sniff_format",
]
