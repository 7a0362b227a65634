"""Merge quality: pairwise precision, recall and F1 over records that belong to the
same event (the usual entity-resolution measure; cost linear in cluster sizes)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from pactwatch.model import Document, Extraction, Record


@dataclass(frozen=True, slots=True)
class MergeScore:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_pairs": self.true_pairs,
            "predicted_pairs": self.predicted_pairs,
            "correct_pairs": self.correct_pairs,
        }


def _pairs(assignment: Mapping[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for record, event in assignment.items():
        groups[event].append(record)
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}  # type: ignore[misc]


def merge_score(gold: Mapping[str, str], predicted: Mapping[str, str]) -> MergeScore:
    """Compare record -> event assignments (event labels need not agree, only groupings).

    Records missing from ``predicted`` count as singletons. With no pairs on a side,
    its measure is 1.0 (nothing to get wrong)."""
    pred = {r: predicted.get(r, f"__single__{r}") for r in gold}
    g, p = _pairs(gold), _pairs(pred)
    correct = len(g & p)
    precision = correct / len(p) if p else 1.0
    recall = correct / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return MergeScore(precision, recall, f1, len(g), len(p), correct)


def load_corpus(path: str | Path) -> tuple[list[Extraction], dict[str, str]]:
    """A merge corpus (JSON Lines: source, outlet, published, text, records with
    ``gold_event``) as extractions, and the gold record-key -> event map, where a
    record key is ``source#index``."""
    extractions: list[Extraction] = []
    gold: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        doc = Document(
            source=d["source"],
            text=d["text"],
            outlet=d.get("outlet"),
            published=date.fromisoformat(d["published"]) if d.get("published") else None,
            language="en",
        )
        records = []
        for i, r in enumerate(d["records"]):
            gold[f"{doc.source}#{i}"] = r["gold_event"]
            records.append(Record.from_dict({k: v for k, v in r.items() if k != "gold_event"}))
        extractions.append(Extraction(doc, tuple(records), records[0].extractor if records else ""))
    return extractions, gold


def cluster_extractions(extractions: list[Extraction]) -> dict[str, str]:
    """Merge in memory (no database): record key -> event, in the given order."""
    from pactwatch.resolve.merge import MergeItem, cluster, day_of

    items = []
    for ex in extractions:
        for i, r in enumerate(ex.records):
            day, precision = day_of(r.date, ex.document.published)
            items.append(
                MergeItem(
                    id=f"{ex.document.source}#{i}",
                    doc=ex.document.source,
                    type=r.type,
                    status=r.status,
                    day=day,
                    precision=precision,
                    parties=tuple(sorted(set(r.parties))),
                    kind=r.kind,
                    title=r.title,
                    item=r.item,
                    quantity=r.quantity,
                    place=r.place,
                    ordinal=r.ordinal,
                    quote=r.quote,
                    speaker=r.speaker.name if r.speaker else None,
                    text=" ".join(e.text for e in r.evidence),
                )
            )
    return cluster(items)
