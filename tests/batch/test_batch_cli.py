"""make_engine (the --engine/--workers/--scheduler options) and the watch command's --help."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pactwatch.batch.dask_engine import DaskEngine
from pactwatch.batch.engine import LocalEngine
from pactwatch.cli import build_app
from pactwatch.cli.scale_cmd import make_engine
from pactwatch.errors import UsageError
from pactwatch.settings import Settings


@pytest.mark.parametrize(
    ("engine", "workers", "scheduler", "kind", "n"),
    [
        ("local", 1, None, LocalEngine, 1),
        ("local", 3, None, LocalEngine, 3),
        ("dask", 2, None, DaskEngine, 2),
        ("local", 2, "tcp://10.0.0.5:8786", DaskEngine, 2),
    ],
    ids=["local", "local-3", "dask", "scheduler-implies-dask"],
)
def test_make_engine(engine: str, workers: int, scheduler: str | None, kind: type, n: int) -> None:
    made = make_engine(engine, workers, scheduler, Settings(db_url="sqlite://"))
    assert isinstance(made, kind) and made.workers == n  # nothing started yet
    if isinstance(made, DaskEngine):
        assert made.scheduler == scheduler and made._client is None
    made.close()


@pytest.mark.parametrize(
    ("engine", "workers", "scheduler"),
    [("spark", 1, None), ("local", 0, None), ("dask", 1, "10.0.0.5:8786")],
    ids=["unknown-engine", "no-workers", "scheduler-without-scheme"],
)
def test_make_engine_refuses(engine: str, workers: int, scheduler: str | None) -> None:
    with pytest.raises(UsageError):
        make_engine(engine, workers, scheduler, Settings(db_url="sqlite://"))


def test_watch_help() -> None:
    result = CliRunner().invoke(build_app(), ["watch", "--help"])
    assert result.exit_code == 0
    for option in ("--every", "--once", "--state", "--engine", "--workers", "--scheduler"):
        assert option in result.output


def test_watch_bad_interval_is_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n")
    result = CliRunner().invoke(
        build_app(),
        ["watch", str(feeds), "--every", "soon", "--once", "--db", f"sqlite:///{tmp_path}/db.sqlite"],
    )
    assert result.exit_code == 2
