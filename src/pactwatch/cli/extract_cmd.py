"""``pactwatch extract`` (documents in, one JSON line or one table per document out) and
``pactwatch version``.

A few lines over the library: ``pactwatch.ingest.read_inputs`` reads the inputs,
``pactwatch.pipeline.extract_stream`` extracts, ``pactwatch.render`` draws tables.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, BinaryIO

import typer

from pactwatch.cli.common import Outcome, handle_errors, parse_date_option, stdout_console, usage_error
from pactwatch.errors import InputError
from pactwatch.model import Extraction

STDIN = "-"


class OutputFormat(StrEnum):
    """How ``extract`` prints its results."""

    jsonl = "jsonl"
    table = "table"


def extraction_line(extraction: Extraction) -> str:
    """One output line of ``--format jsonl``: the extraction contract, as compact JSON."""
    return json.dumps(extraction.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _stdin_stream() -> BinaryIO:
    # Bytes, so that the reader can tell binary input and invalid UTF-8 from text.
    return typer.get_binary_stream("stdin")


def extract_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Files or folders (searched recursively) of plain text, text with a header block, "
            "HTML, or news-please JSON/JSONL; '-' reads standard input.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="jsonl: one JSON object per input document (the extraction contract); "
            "table: a readable table of each document's records.",
        ),
    ] = OutputFormat.jsonl,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="YYYY-MM-DD",
            help="Publication date for every input, overriding the one in the document; "
            "it anchors relative dates such as 'on Monday'.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Extract accords, meetings, statements and mechanisms from news articles.

    A bad input gets a one-line error on standard error naming the input (and line); the others go on.

    Exit code: 0 every input went through, 1 some input failed, 2 usage error.
    """
    if not paths:
        raise usage_error("give at least one PATH (or '-' to read standard input)")
    published_date = parse_date_option(published)

    from pactwatch.ingest import read_inputs
    from pactwatch.pipeline import extract_stream
    from pactwatch.render import render_extraction
    from pactwatch.settings import Settings

    outcome = Outcome()
    with handle_errors():
        settings = Settings.from_env()
        stdin = _stdin_stream() if STDIN in paths else None
        items = read_inputs(paths, settings, published=published_date, stdin=stdin)
        console = stdout_console() if output_format is OutputFormat.table else None
        for item in extract_stream(items, settings=settings):
            if isinstance(item, InputError):
                outcome.failed_with(item)
                continue
            if console is not None:
                console.print(render_extraction(item))
            else:
                sys.stdout.write(extraction_line(item) + "\n")
                sys.stdout.flush()
            outcome.succeeded()
    raise typer.Exit(outcome.exit_code)


def version_command() -> None:
    """Print the pactwatch version and the extractor version stamped on every record."""
    from pactwatch.version import EXTRACTOR_VERSION, __version__

    typer.echo(f"pactwatch {__version__} (extractor {EXTRACTOR_VERSION})")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
    app.command("version")(version_command)
