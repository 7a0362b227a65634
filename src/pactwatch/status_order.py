"""How statuses rank when two reports of one event disagree (later, stronger news wins)."""

from __future__ import annotations

RANK = {
    "ongoing": 0,
    "proposed": 1,
    "expected": 2,
    "held": 3,
    "signed": 3,
    "failed": 4,
    "denied": 4,
    "cancelled": 5,
}


def stronger_status(new: str, old: str) -> bool:
    """True when ``new`` should replace ``old`` for the same event."""
    return RANK.get(new, 0) > RANK.get(old, 0)
