"""``pactwatch extract``: formats, standard input, exit codes, error lines, output schema.

Two layers:
* the CLI layer alone, with the reader and the extractor replaced by small fakes (so the
  exit-code and output rules are tested whatever the engine does);
* end to end through the real reader and extractor, on the bundled samples and on bad
  inputs written here (skipped while those parts are not built).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import types
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import pactwatch.pipeline
from pactwatch.cli import build_app
from pactwatch.errors import EmptyInputError, InputError, MalformedInputError
from pactwatch.model import Document, Evidence, Extraction, Money, Person, Record
from pactwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "pactwatch" / "samples"
SCHEMA = json.loads((ROOT / "src" / "pactwatch" / "schema" / "records.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _real_parts_built() -> bool:
    if not (_has("pactwatch.ingest") and _has("pactwatch.extract.engine")):
        return False
    import pactwatch.ingest

    return hasattr(pactwatch.ingest, "read_inputs")


needs_engine = pytest.mark.skipif(
    not _real_parts_built(), reason="pactwatch.ingest.read_inputs / pactwatch.extract.engine not built yet"
)


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), args, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def validate_line(line: str) -> dict:
    obj = json.loads(line)
    errors = sorted(VALIDATOR.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    return obj


# ---------------------------------------------------------------- the CLI layer, with fakes

FAKE_RECORD = Record(
    type="accord",
    status="signed",
    evidence=(Evidence(0, 12, "signed a deal"),),
    kind="contract",
    date="2025-03-13",
    parties=("IND", "ARM"),
    title="supply of artillery shells",
    fields=("defence",),
    quantity=245000,
    item="artillery shell",
    value=Money(62_500_000_000, "INR"),
    participants=(Person("Arvind Mehra", "Defence Minister", "IND"),),
    confidence=0.9,
    extractor="fake/0",
)


def fake_read_inputs(
    paths: Iterable[str], settings: Settings, *, published: date | None = None, stdin: object = None
) -> Iterator[Document | InputError]:
    """Stands in for pactwatch.ingest.read_inputs: 'empty*' fails, 'broken*' fails on line 2."""
    for path in paths:
        if path == "-":
            assert stdin is not None, "'-' must come with a standard input stream"
            text = stdin.read()  # type: ignore[attr-defined]
            yield Document(source="-", text=text.decode() if isinstance(text, bytes) else text)
        elif Path(path).name.startswith("empty"):
            yield EmptyInputError(path, "the file is empty")
        elif Path(path).name.startswith("broken"):
            yield Document(source=f"{path}:1", text="fine")
            yield MalformedInputError(path, "not JSON: Expecting value", line=2)
        else:
            yield Document(source=path, text="signed a deal", published=published, language="en")


def fake_extract_stream(
    items: Iterable[Document | InputError], *, settings: Settings | None = None
) -> Iterator[Extraction | InputError]:
    for item in items:
        if isinstance(item, InputError):
            yield item
        else:
            yield Extraction(document=item, records=(FAKE_RECORD,), extractor="fake/0")


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("pactwatch.ingest")
    module.read_inputs = fake_read_inputs  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pactwatch.ingest", module)
    monkeypatch.setattr(pactwatch.pipeline, "extract_stream", fake_extract_stream)


@pytest.mark.parametrize(
    ("args", "code", "out_lines", "err_parts"),
    [
        (["a.txt", "b.txt"], 0, 2, []),
        (["a.txt", "empty.txt", "b.txt"], 1, 2, [["empty.txt", "empty"]]),
        (["broken.jsonl", "a.txt"], 1, 2, [["broken.jsonl:2", "not JSON"]]),
        (["empty1.txt", "empty2.txt"], 1, 0, [["empty1.txt"], ["empty2.txt"]]),
    ],
    ids=["all-good", "one-empty-others-go-through", "bad-jsonl-line-named", "all-bad"],
)
def test_exit_codes_and_error_lines(
    fakes: None, args: list[str], code: int, out_lines: int, err_parts: list[list[str]]
) -> None:
    exit_code, out, err = run(["extract", *args])
    assert exit_code == code, err
    assert len(out.splitlines()) == out_lines
    lines = err.splitlines()
    assert len(lines) == len(err_parts), f"one stderr line per failed input, got {lines!r}"
    for line, parts in zip(lines, err_parts, strict=True):
        assert line.startswith("pactwatch: error: ")
        for part in parts:
            assert part in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract"], "PATH"),
        (["extract", "a.txt", "--published", "2021-13-40"], "YYYY-MM-DD"),
        (["extract", "a.txt", "--published", "yesterday"], "YYYY-MM-DD"),
        (["extract", "a.txt", "--published", "2021-12"], "YYYY-MM-DD"),
        (["extract", "a.txt", "--format", "xml"], "xml"),
        (["extract", "a.txt", "--no-such-option"], "no-such-option"),
    ],
    ids=["no-paths", "impossible-date", "words-date", "month-only-date", "unknown-format", "unknown-option"],
)
def test_usage_errors_exit_2(fakes: None, args: list[str], message: str) -> None:
    code, out, err = run(args)
    assert code == 2
    assert out == ""
    assert message in err


def test_jsonl_is_one_schema_valid_object_per_document(fakes: None) -> None:
    code, out, _ = run(["extract", "a.txt", "b.txt", "--published", "2025-03-14"])
    assert code == 0
    objs = [validate_line(line) for line in out.splitlines()]
    assert [o["source"] for o in objs] == ["a.txt", "b.txt"]
    assert objs[0]["document"]["published"] == "2025-03-14"
    assert objs[0]["records"][0]["value"] == {"amount": 62500000000, "currency": "INR"}


def test_stdin_dash(fakes: None) -> None:
    code, out, _ = run(["extract", "-"], stdin=b"India and Armenia signed a deal.")
    assert code == 0
    assert validate_line(out.strip())["source"] == "-"


@pytest.mark.parametrize(
    "expected",
    [
        "a.txt",
        "accord",
        "contract",
        "signed",
        "2025-03-13",
        "IND, ARM",
        "supply of",
        "245,000",
        "INR 62.5 billion",
    ],
    ids=["source", "type", "kind", "status", "date", "parties", "title", "quantity", "value"],
)
def test_table_shows_record_columns(fakes: None, expected: str) -> None:
    code, out, _ = run(["extract", "a.txt", "--format", "table"])
    assert code == 0
    assert expected in out


def test_version() -> None:
    code, out, _ = run(["version"])
    assert code == 0
    assert out.startswith("pactwatch ")


# ---------------------------------------------------------------- end to end


@needs_engine
def test_samples_jsonl_one_valid_line_per_sample() -> None:
    samples = sorted(SAMPLES.glob("*.txt"))
    code, out, err = run(["extract", str(SAMPLES)])
    assert code == 0, err
    objs = [validate_line(line) for line in out.splitlines()]
    assert sorted(Path(o["source"]).name for o in objs) == [p.name for p in samples]
    assert all(o["records"] for o in objs), "every sample article has at least one record"


@needs_engine
def test_samples_table() -> None:
    code, out, err = run(["extract", str(SAMPLES), "--format", "table"])
    assert code == 0, err
    for sample in SAMPLES.glob("*.txt"):
        assert sample.stem[:20] in out


@needs_engine
def test_stdin_end_to_end() -> None:
    text = (SAMPLES / "01-india-armenia-defence-contracts.txt").read_bytes()
    code, out, err = run(["extract", "-"], stdin=text)
    assert code == 0, err
    obj = validate_line(out.strip())
    assert any(r["type"] == "accord" for r in obj["records"])


@needs_engine
@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("empty.txt", b"", "empty.txt"),
        ("binary.txt", bytes(range(256)) * 4, "binary.txt"),
        ("latin1.txt", "Caf\u00e9 deal signed in S\u00e3o Paulo".encode("latin-1"), "latin1.txt"),
        ("bad.jsonl", b'{"id": "a1", "maintext": "India and Russia signed a deal."}\n{oops\n', "bad.jsonl:2"),
    ],
    ids=["empty", "binary", "invalid-utf8", "malformed-jsonl-line-2"],
)
def test_bad_input_named_others_go_through(tmp_path: Path, name: str, content: bytes, where: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = SAMPLES / "04-norway-chile-phone-call.txt"
    code, out, err = run(["extract", str(bad), str(good)])
    assert code == 1
    assert any(Path(json.loads(line)["source"]).name == good.name for line in out.splitlines())
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert where in lines[0]


@needs_engine
def test_console_script_subprocess(tmp_path: Path) -> None:
    """The installed entry point (python -m equivalent) runs and maps exit codes."""
    good = SAMPLES / "07-brazil-poland-denial.txt"
    missing = tmp_path / "missing.txt"
    cmd = [sys.executable, "-c", "from pactwatch.cli import main; main()", "extract", str(good), str(missing)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    assert "missing.txt" in proc.stderr
