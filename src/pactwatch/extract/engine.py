"""The extraction engine: a spaCy ``Language`` whose components turn text into records.

Components (registered in ``components.py``), in order:
``pw_analysis`` -> ``pw_accords`` -> ``pw_meetings`` -> ``pw_statements`` -> ``pw_mechanisms``
-> ``pw_records``.
The document's metadata (publication date, url, outlet) travels in ``doc.user_data``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pactwatch.extract.components import PIPELINE, register_extensions, set_meta
from pactwatch.model import Document, Record
from pactwatch.settings import Settings


def build_nlp(settings: Settings) -> Language:
    """A blank English pipeline with pactwatch's rule components (nothing is downloaded)."""
    register_extensions()
    nlp = spacy.blank("en")
    for name in PIPELINE:
        nlp.add_pipe(name, config={"model": settings.model} if name == "pw_analysis" else {})
    return nlp


class Engine:
    """Runs the pipeline over documents, streaming."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = build_nlp(settings)

    def run(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Record]]]:
        def tuples() -> Iterator[tuple[Doc, Document]]:
            for d in docs:
                sdoc = self.nlp.make_doc(d.text)
                set_meta(sdoc, published=d.published, url=d.url, outlet=d.outlet)
                yield sdoc, d

        for sdoc, d in self.nlp.pipe(tuples(), as_tuples=True, batch_size=self.settings.batch_size):
            if d.language and d.language not in self.settings.languages:
                yield d, []
                continue
            yield d, list(sdoc._.pw_records)


@cache
def _engine_for(settings: Settings) -> Engine:
    return Engine(settings)


def get_engine(settings: Settings) -> Engine:
    """The engine for these settings (built once per process and settings)."""
    return _engine_for(settings)
