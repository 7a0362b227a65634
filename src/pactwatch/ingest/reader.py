"""Paths (files, folders, ``-``) to a stream of Documents, with an InputError in place of each
input that cannot be read. Reading never stops at a bad input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from pactwatch.errors import EmptyInputError, InputError, InputTooLargeError
from pactwatch.ingest.html import document_from_html
from pactwatch.ingest.newsplease import documents_from_newsplease
from pactwatch.ingest.sniff import GZIP_MAGIC, Format, decode, format_of_name, gunzip, sniff_format
from pactwatch.ingest.text import document_from_text
from pactwatch.model import Document
from pactwatch.settings import Settings

STDIN = "-"
Item = Document | InputError


def documents_from_string(
    text: str, source: str, fmt: Format | None = None, *, published: date | None = None
) -> Iterator[Item]:
    """The documents of decoded ``text`` in format ``fmt`` (sniffed when None)."""
    fmt = fmt or sniff_format(text)
    if fmt in ("json", "jsonl"):
        yield from documents_from_newsplease(
            text, source, published=published, lines=True if fmt == "jsonl" else None
        )
        return
    try:
        if fmt == "html":
            yield document_from_html(text, source, published=published)
        else:
            yield document_from_text(text, source, published=published)
    except InputError as e:
        yield e


def documents_from_bytes(
    data: bytes,
    source: str,
    settings: Settings,
    *,
    name: str | None = None,
    published: date | None = None,
) -> Iterator[Item]:
    """The documents of raw input bytes; ``name`` (a file name) picks the format, else it is sniffed."""
    try:
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, source, limit=settings.max_input_bytes)
        text = decode(data, source)
    except InputError as e:
        yield e
        return
    yield from documents_from_string(
        text, source, format_of_name(name) if name else None, published=published
    )


def is_input_file(path: Path) -> bool:
    """True for a file a folder walk reads: a known extension (or its .gz), not hidden."""
    return not path.name.startswith(".") and format_of_name(path.name) is not None


def walk(folder: Path) -> Iterator[Path]:
    """The input files under ``folder``, recursively, in sorted order, skipping hidden entries."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if is_input_file(path) and path.is_file():
                yield path


def read_file(
    path: Path, source: str, settings: Settings, *, published: date | None = None
) -> Iterator[Item]:
    """The documents of one file; the size is checked before it is read."""
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            raise InputTooLargeError(
                source, f"{size} bytes is over the input size limit of {settings.max_input_bytes} bytes"
            )
        if size == 0:
            raise EmptyInputError(source, "the file is empty")
        data = path.read_bytes()
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(source, f"cannot be read: {e.strerror or e}")
        return
    yield from documents_from_bytes(data, source, settings, name=path.name, published=published)


def read_path(path: str | Path, settings: Settings, *, published: date | None = None) -> Iterator[Item]:
    """The documents of a file or of every input file in a folder (``-`` is not read here)."""
    source = os.fspath(path)
    p = Path(path)
    if p.is_dir():
        found = False
        for file in walk(p):
            found = True
            yield from read_file(
                file, os.path.join(source, os.path.relpath(file, p)), settings, published=published
            )
        if not found:
            yield EmptyInputError(source, "the folder holds no .txt, .md, .html, .json or .jsonl files")
    elif p.exists():
        yield from read_file(p, source, settings, published=published)
    else:
        yield InputError(source, "no such file or folder")


def read_stream(
    stream: BinaryIO, settings: Settings, *, source: str = STDIN, published: date | None = None
) -> Iterator[Item]:
    """The documents of a byte stream (standard input), its format sniffed."""
    try:
        data = stream.read(settings.max_input_bytes + 1)
    except OSError as e:
        yield InputError(source, f"cannot be read: {e.strerror or e}")
        return
    if len(data) > settings.max_input_bytes:
        yield InputTooLargeError(source, f"over the input size limit of {settings.max_input_bytes} bytes")
        return
    yield from documents_from_bytes(data, source, settings, published=published)


def read_inputs(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Documents from every path in order (``-`` is standard input), an InputError for each bad
    input; never raises for one. ``published`` overrides every document's date."""
    for path in paths:
        if os.fspath(path) == STDIN:
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                yield InputError(STDIN, "there is no standard input to read")
            else:
                yield from read_stream(stream, settings, published=published)
        else:
            yield from read_path(path, settings, published=published)
