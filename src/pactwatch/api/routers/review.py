"""``/api/review``: the review log, and reviews (accept/edit/reject, merge) by signed-in users."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from pactwatch.api.accounts import Principal
from pactwatch.api.deps import PagingDep, RegisterDep, WriterDep, page_links
from pactwatch.api.schemas import ERRORS, WRITE_ERRORS, ReviewIn, ReviewPage, ReviewResult
from pactwatch.errors import UsageError
from pactwatch.register import Register

router = APIRouter(prefix="/api", tags=["review"])


@router.get("/review", response_model=ReviewPage, responses=ERRORS, summary="The review log")
def review_log(request: Request, reg: RegisterDep, paging: PagingDep) -> dict[str, Any]:
    """Every analyst decision, newest first: who, when, what, before and after."""
    page = reg.review_log(limit=paging.limit, offset=paging.offset)
    return {**page.to_dict(), "links": page_links(request, page.total, page.limit, page.offset)}


def apply_review(reg: Register, body: ReviewIn, who: Principal) -> dict[str, Any]:
    """Run one review through the Register (logged there; kept across re-ingestion)."""
    if body.action in ("merge_same", "merge_different"):
        if not body.other:
            raise UsageError(f"{body.action} needs 'other': the second event or record id")
        if body.action == "merge_same":
            eid = reg.merge_same(body.target, body.other, who=who.name)
            return {"action": body.action, "event_id": eid, "event_ids": [eid], "who": who.name}
        a, b = reg.merge_different(body.target, body.other, who=who.name)
        return {"action": body.action, "event_id": a, "event_ids": [a, b], "who": who.name}
    changes = dict(body.changes or {})
    if body.note:
        changes = {**changes, "note": body.note} if body.action != "edit" else changes
    before = reg.event_for_record(body.target) or body.target
    rid = reg.review(body.target, body.action, changes, who=who.name)
    eid = reg.event_for_record(body.target) or before  # a rejected record: the event it left
    return {"action": body.action, "review_id": rid, "event_id": eid, "event_ids": [eid], "who": who.name}


@router.post(
    "/review", response_model=ReviewResult, responses=WRITE_ERRORS, summary="Review a record or a merge"
)
def post_review(body: ReviewIn, who: WriterDep, reg: RegisterDep) -> dict[str, Any]:
    """``edit`` sets field values that win over the sources' (and survive re-ingestion);
    ``confirm``/``reject``/``note`` log a decision; ``merge_same``/``merge_different`` say
    whether ``target`` and ``other`` are one event."""
    return apply_review(reg, body, who)
