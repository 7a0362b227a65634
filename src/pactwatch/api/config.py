"""The web app's own settings (secret, debug, limits), next to the library's ``Settings``.

``WebConfig.from_env()`` reads ``PACTWATCH_SECRET`` and ``PACTWATCH_DEBUG``. Outside debug
mode a missing, short or placeholder secret is refused (ConfigError); in debug mode an
ephemeral secret is generated with a warning (sessions end when the server stops).
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass

from pactwatch.errors import ConfigError

log = logging.getLogger("pactwatch.web")

MIN_SECRET_CHARS = 32
PLACEHOLDERS = frozenset(
    {"changethis", "changeme", "change-me", "secret", "placeholder", "please-change", "xxx", "test", "dev"}
)
UPLOAD_OVERHEAD = 64 * 1024  # multipart boundaries and form fields around the file bytes


def check_secret(secret: str | None) -> str:
    """The secret, or ConfigError saying why it cannot sign sessions."""
    if not secret:
        raise ConfigError("PACTWATCH_SECRET is not set: set it to a random string of 32+ characters")
    if secret.strip().lower() in PLACEHOLDERS or len(set(secret)) < 8:
        raise ConfigError("PACTWATCH_SECRET is a placeholder: set it to a random string of 32+ characters")
    if len(secret) < MIN_SECRET_CHARS:
        raise ConfigError(f"PACTWATCH_SECRET is too short ({len(secret)} < {MIN_SECRET_CHARS} characters)")
    return secret


@dataclass(frozen=True, slots=True)
class WebConfig:
    """What the web app needs beyond ``Settings``."""

    secret: str
    debug: bool = False
    session_max_age_s: int = 8 * 3600
    max_upload_bytes: int | None = None  # None: Settings.max_input_bytes
    max_files: int = 20
    ephemeral_secret: bool = False

    def __post_init__(self) -> None:
        if not self.ephemeral_secret:
            check_secret(self.secret)
        if self.session_max_age_s <= 0:
            raise ConfigError("session_max_age_s must be positive")

    @classmethod
    def from_env(cls, *, debug: bool | None = None, secret: str | None = None) -> WebConfig:
        if debug is None:
            debug = os.environ.get("PACTWATCH_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")
        secret = secret or os.environ.get("PACTWATCH_SECRET") or None
        try:
            return cls(secret=check_secret(secret), debug=debug)
        except ConfigError:
            if not debug:
                raise
        log.warning("debug mode: PACTWATCH_SECRET missing or weak; using an ephemeral secret")
        return cls(secret=secrets.token_urlsafe(48), debug=True, ephemeral_secret=True)

    @classmethod
    def for_tests(cls) -> WebConfig:
        return cls(secret=secrets.token_urlsafe(48), debug=True, ephemeral_secret=True)
