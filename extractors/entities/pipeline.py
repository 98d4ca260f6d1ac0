"""The spaCy pipeline of the entity layer: `spacy.blank("es")` + an EntityRuler + the identifier component.

Nothing is downloaded: the blank Spanish tokenizer ships with spaCy and the rules ship with this package.
The pipeline is built once per process (`get_nlp()`).
"""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.entities.normalise import CURRENCY_CODES, CURRENCY_WORDS, INCOTERMS
from extractors.entities.recognisers import RECOGNISERS

COMPONENT = "immex_identifiers"

for _name in ("value", "valid", "details", "char_range"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def ruler_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for incoterms and currencies; each pattern's `id` is the normalised value."""
    patterns: list[dict[str, Any]] = []
    for code in sorted(INCOTERMS):
        patterns.append({"label": "INCOTERM", "pattern": [{"ORTH": code}], "id": code})
        patterns.append({"label": "INCOTERM", "pattern": [{"ORTH": code.title()}], "id": code})
    for code in sorted(CURRENCY_CODES):
        patterns.append({"label": "CURRENCY", "pattern": [{"ORTH": code}], "id": code})
    for words, code in CURRENCY_WORDS.items():
        patterns.append({"label": "CURRENCY", "pattern": words, "id": code})
    return patterns


@Language.component(COMPONENT)
def identify(doc: Doc) -> Doc:
    """Add the regex-recognised identifiers, dates and amounts to the ruler's entities (longest span wins)."""
    spans: list[Span] = []
    for span in doc.ents:
        span._.value = span.ent_id_ or span.text
        span._.valid = True
        span._.details = {}
        span._.char_range = (span.start_char, span.end_char)
        spans.append(span)
    text = doc.text
    for recogniser in RECOGNISERS:
        for hit in recogniser(text):
            found = doc.char_span(hit.start, hit.end, label=hit.label, alignment_mode="expand")
            if found is None:
                continue
            span = found
            span._.value = hit.value
            span._.valid = hit.valid
            span._.details = hit.details
            span._.char_range = (hit.start, hit.end)
            spans.append(span)
    kept = filter_spans(spans)
    doc.ents = kept
    # doc.ents re-creates the Span objects; carry the attributes over by position.
    by_position = {(span.start, span.end, span.label_): span for span in kept}
    for ent in doc.ents:
        original = by_position.get((ent.start, ent.end, ent.label_))
        if original is not None:
            for name in ("value", "valid", "details", "char_range"):
                setattr(ent._, name, getattr(original._, name))
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The entity pipeline, built on first use and shared by the whole process."""
    nlp = spacy.blank("es")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe(COMPONENT)
    return nlp
