"""gzip- and zstd-compressed JSONL archives (one news-please JSON object per line).

Decompression streams line by line (an archive of millions of articles is never held in
memory); every line goes through the news-please reader of ``pactwatch.ingest``; a line
over ``settings.max_input_bytes`` is an ``InputTooLargeError`` and decompression stops
at neither: the next line is read.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO

from pactwatch.errors import InputError, InputTooLargeError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.convert import document_from_json_line

ARCHIVE_SUFFIXES = (
    ".jsonl.gz",
    ".json.gz",
    ".jsonl.zst",
    ".json.zst",
    ".jsonl.zstd",
    ".ndjson.gz",
    ".ndjson.zst",
)


def is_archive(spec: str) -> bool:
    return spec.lower().endswith(ARCHIVE_SUFFIXES)


def _open_decompressed(raw: BinaryIO, name: str) -> IO[bytes]:
    lower = name.lower()
    if lower.endswith((".zst", ".zstd")):
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True))
    return io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"))


def _broken_stream_errors() -> tuple[type[BaseException], ...]:
    import zstandard

    # gzip.BadGzipFile is an OSError; a truncated gzip raises EOFError; zstd its own error.
    return (OSError, EOFError, zstandard.ZstdError)


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line over ``limit`` (skipped unread)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line in pieces
                line = stream.readline(limit + 1)
            yield number, None
            continue
        yield number, line


def read_jsonl_archive(path: str | Path, settings: Settings) -> Iterator[Document | InputError]:
    """Every article of a ``.jsonl.gz`` / ``.jsonl.zst`` archive, errors carrying their line."""
    name = str(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed in finally, generator-safe
    except OSError as e:
        yield InputError(name, f"cannot open: {e.strerror or e}")
        return
    try:
        stream = _open_decompressed(raw, name)
        number = 0
        try:
            for number, line in _lines(stream, settings.max_input_bytes):
                if line is None:
                    yield InputTooLargeError(
                        name, f"line over the {settings.max_input_bytes}-byte limit", line=number
                    )
                    continue
                if not line.strip():
                    continue
                yield document_from_json_line(line, source=name, line_number=number, settings=settings)
        except _broken_stream_errors() as e:
            yield MalformedInputError(name, f"broken compressed stream: {e}", line=number + 1)
    finally:
        raw.close()
