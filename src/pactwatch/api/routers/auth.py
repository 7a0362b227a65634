"""``/api/auth/me``: who the request is made by (session or API token)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from pactwatch.api.deps import UserDep
from pactwatch.api.schemas import WRITE_ERRORS, MePublic

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.get(
    "/me", response_model=MePublic, responses={k: WRITE_ERRORS[k] for k in (401, 429)}, summary="Who am I"
)
def me(who: UserDep) -> dict[str, Any]:
    """The signed-in user or the API token's user; ``name`` is null for anonymous readers."""
    return {"name": who.name if who else None, "via": who.via if who else None}
