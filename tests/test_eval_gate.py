"""The quality gate: the extractor's figures on the shared gold sets never fall below their
pinned floors (``eval/baseline.json``; raise them with ``python eval/run_eval.py --update``).

Runs the dev corpus, the canonical article alone and PLOVER once per session; skips cleanly
when ``<repo>/../shared`` is absent.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = json.loads((ROOT / "eval" / "baseline.json").read_text("utf-8"))

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").is_file(), reason=f"no shared eval material at {SHARED}"
)


def _built(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def load_run_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pactwatch_run_eval", ROOT / "eval" / "run_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    if not (_built("pactwatch.ingest") and _built("pactwatch.extract.engine")):
        pytest.skip("the reader (pactwatch.ingest) or the engine (pactwatch.extract.engine) is not built yet")
    run_eval = load_run_eval()
    workdir = tmp_path_factory.mktemp("eval")
    return {
        name: run_eval.run_suite(suite, SHARED, workdir)
        for name, suite in run_eval.suites(SHARED).items()
        if name in BASELINE
    }


PINS = [(suite, key, value) for suite, pins in BASELINE.items() for key, value in pins.items()]


@pytest.mark.parametrize(("suite", "key", "pinned"), PINS, ids=[f"{s}-{k}" for s, k, _ in PINS])
def test_figure_meets_pin(figures: dict[str, dict[str, Any]], suite: str, key: str, pinned: float) -> None:
    if key.endswith("_max"):
        got = figures[suite][key.removesuffix("_max")]
        assert got <= pinned + 1e-9, (
            f"{suite} {key.removesuffix('_max')} {got:.3f} is above its ceiling {pinned}"
        )
    else:
        got = figures[suite][key]
        assert got >= pinned - 1e-9, f"{suite} {key} {got:.3f} fell below its floor {pinned}"


@pytest.mark.parametrize("suite", sorted(BASELINE), ids=sorted(BASELINE))
def test_no_document_lost(figures: dict[str, dict[str, Any]], suite: str) -> None:
    assert figures[suite]["input_errors"] == 0
    assert figures[suite]["missing_documents"] == 0


def test_update_never_lowers() -> None:
    """``--update`` semantics, on made-up figures: floors only go up, ceilings only down."""
    run_eval = load_run_eval()
    baseline = {"dev": {"strict_f1": 0.8, "overall_f1": 0.9}, "plover": {"invented_rate_max": 0.05}}
    worse = {"dev": {"strict_f1": 0.7, "overall_f1": 0.95}, "plover": {"invented_rate": 0.2}}
    new = run_eval.raised(worse, baseline)
    assert new == {"dev": {"strict_f1": 0.8, "overall_f1": 0.95}, "plover": {"invented_rate_max": 0.05}}
    assert run_eval.compare(worse, baseline) == [
        "dev strict_f1 0.700 is below its floor 0.800",
        "plover invented_rate 0.200 is above its ceiling 0.050",
    ]
    better = {"plover": {"invented_rate": 0.03}}
    assert run_eval.raised(better, baseline)["plover"]["invented_rate_max"] == 0.03
    best = {"plover": {"invented_rate": 0.0}}  # a ceiling keeps its slack: one stray record must not fail CI
    assert run_eval.raised(best, baseline)["plover"]["invented_rate_max"] == run_eval.CEILING_SLACK


def test_invented_rate(tmp_path: Path) -> None:
    run_eval = load_run_eval()
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(
        '{"file": "a", "records": []}\n'
        '{"file": "b", "records": []}\n'
        '{"file": "c", "records": [{"type": "accord"}]}\n'
    )
    pred.write_text(
        '{"source": "a", "records": [{"type": "statement"}]}\n'
        '{"source": "b", "records": [{"type": "meeting"}]}\n'
        '{"source": "c", "records": [{"type": "accord"}]}\n'
    )
    assert run_eval.invented_rate(gold, pred) == (0.5, 1, 2)
