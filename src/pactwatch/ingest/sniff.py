"""Bytes to text, and which reader a text needs.

Decoding refuses what is not text, with the place of the problem: NUL bytes or mostly
control characters (binary), a byte sequence that is not UTF-8 (with its byte offset and
line), no text at all. A UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark is
read too. Nothing else is changed: CRLF line ends stay, so offsets hold.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from pathlib import PurePath
from typing import Literal

from pactwatch.errors import BinaryInputError, EmptyInputError, InputTooLargeError

Format = Literal["text", "html", "json", "jsonl"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
GZIP_MAGIC = b"\x1f\x8b"

_CONTROL_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title|section|h1)\b", re.IGNORECASE
)


def format_of_name(name: str) -> Format | None:
    """The reader a file name asks for (``x.jsonl.gz`` -> jsonl), or None for an unknown extension."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return EXTENSIONS.get(suffixes[-1]) if suffixes else None


def is_gzip_name(name: str) -> bool:
    return name.lower().endswith(".gz")


def sniff_format(text: str) -> Format:
    """The reader a text of unknown kind needs, judged by how it starts."""
    head = text.lstrip()[:4096]
    if head.startswith(("{", "[")):
        return "json"  # the news-please reader tells one JSON value from JSON Lines
    if head.startswith("<") and _HTML_START.search(head):
        return "html"
    return "text"


def gunzip(data: bytes, source: str, *, limit: int) -> bytes:
    """The content of gzip ``data``, refusing more than ``limit`` bytes of it."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise BinaryInputError(source, f"not a readable gzip file: {e}") from e
    if len(out) > limit:
        raise InputTooLargeError(source, f"unpacks to more than the limit of {limit} bytes")
    return out


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, source: str) -> str:
    """UTF-8 (or BOM-marked UTF-16) bytes as text; raises an InputError for anything else."""
    if not data:
        raise EmptyInputError(source, "the input is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise BinaryInputError(source, f"not valid UTF-16 at byte offset {e.start}") from e
    else:
        skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        nul = data.find(b"\x00", skip)
        if nul >= 0:
            raise BinaryInputError(
                source, f"binary data (NUL byte at offset {nul}), not text", line=_line_of(data, nul)
            )
        try:
            text = data[skip:].decode("utf-8")
        except UnicodeDecodeError as e:
            at = skip + e.start
            raise BinaryInputError(
                source,
                f"not valid UTF-8: byte 0x{data[at]:02x} at offset {at}",
                line=_line_of(data, at),
            ) from e
    sample = text[:_CONTROL_SAMPLE]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(source, "binary data (mostly control characters), not text")
    if not text.strip():
        raise EmptyInputError(source, "the input holds only white space")
    return text
