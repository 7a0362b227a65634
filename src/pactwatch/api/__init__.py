"""The REST API (JSON twins of every page) and the app factory ``create_app``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """See ``pactwatch.api.app.create_app``."""
    from pactwatch.api.app import create_app as _create

    return _create(*args, **kwargs)
