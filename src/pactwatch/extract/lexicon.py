"""Trigger words and cue phrases (``data/triggers.json``), loaded once and compiled to regexes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pactwatch.errors import ConfigError


def phrase_regex(
    phrases: Iterable[str], *, plural: bool = False, after_hyphen: bool = False
) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries, longest first.

    ``after_hyphen`` also matches at the end of a hyphenated word ("UN-brokered")."""
    alts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    suffix = r"(?:s|es)?" if plural else ""
    before = r"(?<!\w)" if after_hyphen else r"(?<![\w-])"
    return re.compile(rf"{before}(?:{body}){suffix}(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    accord_nouns: Mapping[str, str]
    accord_weak: frozenset[str]
    accord_anaphora: frozenset[str]
    meeting_nouns: Mapping[str, str]
    mechanism_heads: Mapping[str, str]
    mechanism_markers: frozenset[str]
    procurement: re.Pattern[str]
    item_stop: frozenset[str]
    accord_re: re.Pattern[str]
    meeting_re: re.Pattern[str]
    mechanism_re: re.Pattern[str]
    signed_re: re.Pattern[str]
    expected_re: re.Pattern[str]
    proposed_re: re.Pattern[str]
    cancelled_re: re.Pattern[str]
    denied_re: re.Pattern[str]
    failed_re: re.Pattern[str]
    ongoing_re: re.Pattern[str]
    negation_re: re.Pattern[str]
    meeting_past_re: re.Pattern[str]
    meeting_future_re: re.Pattern[str]
    call_re: re.Pattern[str]
    mechanism_expected_re: re.Pattern[str]
    past_re: re.Pattern[str]
    future_re: re.Pattern[str]
    speech_re: re.Pattern[str]


@cache
def load_lexicon() -> Lexicon:
    path = resources.files("pactwatch.extract") / "data" / "triggers.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigError(f"cannot load {path}: {e}") from e
    try:
        return Lexicon(
            accord_nouns=data["accord_nouns"],
            accord_weak=frozenset(data["accord_weak_nouns"]),
            accord_anaphora=frozenset(data["accord_anaphora"]),
            meeting_nouns=data["meeting_nouns"],
            mechanism_heads=data["mechanism_heads"],
            mechanism_markers=frozenset(data["mechanism_markers"]),
            procurement=phrase_regex(data["procurement_verbs"]),
            item_stop=frozenset(data["item_stop"]),
            accord_re=phrase_regex(data["accord_nouns"]),
            meeting_re=phrase_regex(data["meeting_nouns"]),
            mechanism_re=phrase_regex(data["mechanism_heads"]),
            signed_re=phrase_regex(data["signed_cues"], after_hyphen=True),
            expected_re=phrase_regex(data["expected_cues"]),
            proposed_re=phrase_regex(data["proposed_cues"]),
            cancelled_re=phrase_regex(data["cancelled_cues"]),
            denied_re=phrase_regex(data["denied_cues"]),
            failed_re=phrase_regex(data["failed_cues"]),
            ongoing_re=phrase_regex(data["ongoing_cues"]),
            negation_re=phrase_regex(data["negations"]),
            meeting_past_re=phrase_regex(data["meeting_verbs_past"]),
            meeting_future_re=phrase_regex(data["meeting_verbs_future"]),
            call_re=phrase_regex(data["call_verbs"]),
            mechanism_expected_re=phrase_regex(data["mechanism_verbs_expected"]),
            past_re=phrase_regex(data["past_markers"]),
            future_re=phrase_regex(data["future_markers"]),
            speech_re=phrase_regex(data["speech_verbs"]),
        )
    except KeyError as e:
        raise ConfigError(f"{path}: missing key {e}") from e
