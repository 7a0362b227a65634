"""WARC and WARC.gz web archives (warcio): HTML response records -> ``Document``.

The source of each document is its ``WARC-Target-URI``. Records that are not HTTP
responses with an HTML body (requests, metadata, images, scripts, ...) are skipped
silently; a response over the size limit or without article text is an ``InputError``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pactwatch.errors import InputError, InputTooLargeError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.convert import document_from_bytes, looks_like_html

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(spec: str) -> bool:
    return spec.lower().endswith(WARC_SUFFIXES)


def read_warc_stream(stream: BinaryIO, settings: Settings, *, name: str) -> Iterator[Document | InputError]:
    """Every HTML response of an open WARC stream (plain or gzip), in archive order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = settings.max_input_bytes
    records = 0
    try:
        for record in ArchiveIterator(stream):
            records += 1
            if record.format != "warc":  # warcio also reads the old ARC format, and takes junk for it
                yield MalformedInputError(name, "not a WARC archive (no WARC record header)")
                return
            if record.rec_type != "response":
                continue
            uri = (
                record.rec_headers.get_header("WARC-Target-URI")
                or f"{name}#{record.rec_headers.get_header('WARC-Record-ID')}"
            )
            http = record.http_headers
            if http is None:
                continue
            status = http.get_statuscode()
            if not status or not status.startswith("2"):
                continue
            ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
            try:
                body = record.content_stream().read(limit + 1)
            except Exception as e:  # warcio raises plain errors for broken chunked/gzip bodies
                yield MalformedInputError(uri, f"unreadable response body in {name}: {e}")
                continue
            if not looks_like_html(ctype, body):
                continue
            if len(body) > limit:
                yield InputTooLargeError(uri, f"response is over the {limit}-byte limit")
                continue
            yield document_from_bytes(body, source=uri, content_type="text/html", settings=settings, url=uri)
    except ArchiveLoadFailed as e:
        yield MalformedInputError(name, f"not a readable WARC archive: {e}")
        return
    if records == 0:
        yield MalformedInputError(name, "not a WARC archive (no WARC records found)")


def read_warc(path: str | Path, settings: Settings) -> Iterator[Document | InputError]:
    """Every HTML response record of a ``.warc`` or ``.warc.gz`` file."""
    name = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in finally, generator-safe
    except OSError as e:
        yield InputError(name, f"cannot open: {e.strerror or e}")
        return
    try:
        yield from read_warc_stream(stream, settings, name=name)
    finally:
        stream.close()
