"""spaCy components of the extractor. Each declares what it reads and what it writes.

Computing lives in the finder modules (``analysis``, ``accords``, ``meetings``,
``statements``, ``mechanisms``, ``assemble``); the components only store results on the Doc.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from pactwatch.errors import ConfigError
from pactwatch.extract.accords import find_accords
from pactwatch.extract.analysis import NerFn, analyse
from pactwatch.extract.assemble import assemble
from pactwatch.extract.candidates import Candidate
from pactwatch.extract.mechanisms import find_mechanisms
from pactwatch.extract.meetings import find_meetings
from pactwatch.extract.statements import find_statements

PIPELINE = ("pw_analysis", "pw_accords", "pw_meetings", "pw_statements", "pw_mechanisms", "pw_records")
META_KEY = "pactwatch_meta"


def register_extensions() -> None:
    """Doc extensions the components write (idempotent; called when a pipeline is built)."""
    for name, default in (("pw_analysis", None), ("pw_candidates", None), ("pw_records", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def set_meta(doc: Doc, *, published: date | None, url: str | None, outlet: str | None) -> None:
    doc.user_data[META_KEY] = {"published": published, "url": url, "outlet": outlet}


class Analysis:
    """The ``pw_analysis`` component; with ``model`` set, that spaCy model's NER finds person
    names in the sentences that need them (quotes, meetings, signings)."""

    def __init__(self, model: str | None) -> None:
        self.model_name = model
        self._ner: NerFn | None = None
        if model:
            import spacy

            try:
                nlp = spacy.load(
                    model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]
                )
            except OSError as e:
                raise ConfigError(f"spaCy model {model!r} is not installed: {e}") from e

            def ner(texts: list[str]) -> list[list[tuple[int, int]]]:
                return [
                    [(ent.start_char, ent.end_char) for ent in d.ents if ent.label_ == "PERSON"]
                    for d in nlp.pipe(texts, batch_size=64)
                ]

            self._ner = ner

    def __call__(self, doc: Doc) -> Doc:
        meta = doc.user_data.get(META_KEY, {})
        doc._.pw_analysis = analyse(
            doc.text,
            published=meta.get("published"),
            url=meta.get("url"),
            outlet=meta.get("outlet"),
            ner=self._ner,
        )
        doc._.pw_candidates = []
        return doc


@Language.factory(
    "pw_analysis",
    default_config={"model": None},
    requires=["doc.text"],
    assigns=["doc._.pw_analysis", "doc._.pw_candidates"],
)
def make_analysis(nlp: Language, name: str, model: str | None) -> Analysis:
    return Analysis(model)


def _finder_component(finder: Callable[..., Iterator[Candidate]]) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        doc._.pw_candidates.extend(finder(doc._.pw_analysis))
        return doc

    return component


def _accords(doc: Doc) -> Doc:
    doc._.pw_candidates.extend(find_accords(doc._.pw_analysis))
    return doc


Language.component(
    "pw_accords", requires=["doc._.pw_analysis"], assigns=["doc._.pw_candidates"], func=_accords
)
Language.component(
    "pw_meetings",
    requires=["doc._.pw_analysis"],
    assigns=["doc._.pw_candidates"],
    func=_finder_component(find_meetings),
)
Language.component(
    "pw_statements",
    requires=["doc._.pw_analysis"],
    assigns=["doc._.pw_candidates"],
    func=_finder_component(find_statements),
)
Language.component(
    "pw_mechanisms",
    requires=["doc._.pw_analysis"],
    assigns=["doc._.pw_candidates"],
    func=_finder_component(find_mechanisms),
)


@Language.component("pw_records", requires=["doc._.pw_candidates"], assigns=["doc._.pw_records"])
def pw_records(doc: Doc) -> Doc:
    doc._.pw_records = assemble(doc._.pw_analysis, doc._.pw_candidates)
    return doc
