"""Words that never start or continue a person's name (``data/name_stop.json``), loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from pactwatch.errors import ConfigError


@cache
def name_stop() -> frozenset[str]:
    path = resources.files("pactwatch.extract") / "data" / "name_stop.json"
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8"))["words"])
    except (OSError, ValueError, KeyError) as e:
        raise ConfigError(f"cannot load {path}: {e}") from e
