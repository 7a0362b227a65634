"""Paths, folders and standard input to a stream of Documents and InputErrors."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from pactwatch.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    NoArticleError,
)
from pactwatch.ingest import read_inputs, read_path
from pactwatch.model import Document
from pactwatch.settings import Settings

ARTICLE = "url: null\npublished: 2021-12-06\n---\nIndia and Russia signed an agreement on Monday.\n"

# id, file name, bytes, error class, expected line (None: no line), words the message must hold
BAD_FILES = [
    ("empty", "empty.txt", b"", EmptyInputError, None, "empty"),
    ("whitespace", "blank.txt", b" \n\t\n", EmptyInputError, None, "white space"),
    (
        "nul-bytes",
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        BinaryInputError,
        3,
        "NUL",
    ),
    (
        "control-chars",
        "noise.txt",
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20]) * 20,
        BinaryInputError,
        None,
        "binary",
    ),
    (
        "invalid-utf8",
        "latin1.txt",
        b"line one\nline two caf\xe9 au lait\n",
        BinaryInputError,
        2,
        "byte 0xe9 at offset 21",
    ),
    ("invalid-utf8-after-bom", "bom.txt", b"\xef\xbb\xbfok\n\xff", BinaryInputError, 2, "offset 6"),
    ("header-no-body", "head.txt", b"url: null\n---\n", EmptyInputError, None, "no text after the header"),
    (
        "html-no-article",
        "page.html",
        b"<html><body><nav>Home</nav></body></html>",
        NoArticleError,
        None,
        "article",
    ),
    ("broken-json", "one.json", b'{"maintext": "x",', MalformedInputError, 1, "malformed JSON"),
    ("bad-gzip", "a.jsonl.gz", b"\x1f\x8bnot really gzip", BinaryInputError, None, "gzip"),
]


@pytest.mark.parametrize(
    ("name", "data", "error", "line", "words"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_file_is_one_error_naming_it(
    tmp_path: Path,
    settings: Settings,
    name: str,
    data: bytes,
    error: type[InputError],
    line: int | None,
    words: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_inputs([path], settings))
    assert len(items) == 1
    [item] = items
    assert isinstance(item, error), item
    assert item.source == str(path)
    assert item.line == line
    assert words in str(item)
    assert "\n" not in str(item)  # one line


def test_bad_inputs_do_not_stop_the_others(tmp_path: Path, settings: Settings) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd")
    items = list(read_inputs([bad, tmp_path / "missing.txt", good], settings))
    assert [type(i).__name__ for i in items] == ["BinaryInputError", "InputError", "Document"]
    assert isinstance(items[1], InputError) and "no such file" in str(items[1])


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("India and Russia signed an agreement. " * 10, "utf-8")

    def no_read(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a file over the limit must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    [item] = read_inputs([path], Settings(db_url="sqlite://", max_input_bytes=100))
    assert isinstance(item, InputTooLargeError)
    assert item.source == str(path)
    assert "100" in str(item)


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(b" " * 10_000))
    [item] = read_inputs([path], Settings(db_url="sqlite://", max_input_bytes=1000))
    assert isinstance(item, InputTooLargeError)


def test_gzip_jsonl(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "wire.jsonl.gz"
    lines = [{"id": f"n{i}", "maintext": "The two sides signed a treaty."} for i in range(3)]
    path.write_bytes(gzip.compress("\n".join(json.dumps(x) for x in lines).encode()))
    assert [getattr(i, "source", i) for i in read_inputs([path], settings)] == ["n0", "n1", "n2"]


def test_bom_and_crlf_kept_exact(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfurl: null\r\npublished: 2021-12-06\r\n---\r\nTitle\r\nBody.\r\n")
    [doc] = read_inputs([path], settings)
    assert isinstance(doc, Document)
    assert doc.text == "Title\r\nBody.\r\n"
    assert doc.title == "Title"
    assert doc.published == date(2021, 12, 6)


def test_utf16_with_bom(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("India and Japan signed a pact.".encode("utf-16"))
    [doc] = read_inputs([path], settings)
    assert isinstance(doc, Document) and doc.text == "India and Japan signed a pact."


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "2.txt").write_text(ARTICLE, "utf-8")
    (root / "b" / "1.md").write_text(ARTICLE, "utf-8")
    (root / "a" / "z.html").write_text(
        "<html><body><article><p>"
        + "India and Japan signed a space pact on Tuesday. " * 3
        + "</p></article></body></html>",
        "utf-8",
    )
    (root / "top.jsonl").write_text('{"id": "j1", "maintext": "The sides signed it."}\n', "utf-8")
    (root / ".secret.txt").write_text(ARTICLE, "utf-8")
    (root / ".hidden" / "x.txt").write_text(ARTICLE, "utf-8")
    (root / "notes.csv").write_text("a,b\n", "utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\x00")


def test_folder_walk_sorted_skips_hidden_and_unknown(tmp_path: Path, settings: Settings) -> None:
    _tree(tmp_path / "in")
    items = list(read_path(str(tmp_path / "in"), settings))
    assert all(isinstance(i, Document) for i in items), items
    root = str(tmp_path / "in")
    # a folder's own files first, then its sub-folders, each in name order; JSON keeps its id
    assert [i.source for i in items] == ["j1", f"{root}/a/z.html", f"{root}/b/1.md", f"{root}/b/2.txt"]


def test_empty_folder(tmp_path: Path, settings: Settings) -> None:
    [item] = read_inputs([tmp_path], settings)
    assert isinstance(item, EmptyInputError)


STDIN_CASES = [
    ("text", ARTICLE.encode(), ["-"]),
    (
        "html",
        b"<!DOCTYPE html><html><body><article><p>"
        + b"India and Japan signed a pact. " * 4
        + b"</p></article></body></html>",
        ["-"],
    ),
    ("json", b'{"maintext": "The sides signed a treaty."}', ["-"]),
    ("jsonl", b'{"maintext": "One treaty."}\n{"maintext": "Two treaties.", "id": "x"}\n', ["-:1", "x"]),
    ("gzip", gzip.compress(ARTICLE.encode()), ["-"]),
]


@pytest.mark.parametrize(("data", "sources"), [c[1:] for c in STDIN_CASES], ids=[c[0] for c in STDIN_CASES])
def test_stdin_is_sniffed(settings: Settings, data: bytes, sources: list[str]) -> None:
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(data)))
    assert all(isinstance(i, Document) for i in items), items
    assert [i.source for i in items] == sources


def test_stdin_too_large() -> None:
    [item] = read_inputs(["-"], Settings(db_url="sqlite://", max_input_bytes=10), stdin=io.BytesIO(b"x" * 11))
    assert isinstance(item, InputTooLargeError) and item.source == "-"


def test_published_override_for_every_input(tmp_path: Path, settings: Settings) -> None:
    _tree(tmp_path / "in")
    items = list(read_inputs([tmp_path / "in"], settings, published=date(2022, 2, 2)))
    assert items and all(isinstance(i, Document) and i.published == date(2022, 2, 2) for i in items)


def test_language_of_fixture_files(fixtures: Path, settings: Settings) -> None:
    by_name = {
        Path(i.source).name: i.language
        for i in read_inputs(
            [fixtures / "german.txt", fixtures / "french.txt", fixtures / "header-article.txt"], settings
        )
        if isinstance(i, Document)
    }
    assert by_name == {"german.txt": "de", "french.txt": "fr", "header-article.txt": "en"}


def test_no_stdin_at_all(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    [item] = read_inputs(["-"], settings)
    assert isinstance(item, InputError) and item.source == "-"
