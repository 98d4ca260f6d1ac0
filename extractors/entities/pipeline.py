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
from extractors.entities.recognisers import RECOGNISERS, Hit

COMPONENT = "immex_identifiers"

HITS_KEY = "immex_hits"


def ruler_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for incoterms and currencies; each pattern's `id` is the normalised value."""
    patterns: list[dict[str, Any]] = []
    for code in sorted(INCOTERMS):
        patterns.append({"label": "INCOTERM", "pattern": [{"ORTH": code}], "id": code})
    for code in sorted(CURRENCY_CODES):
        patterns.append({"label": "CURRENCY", "pattern": [{"ORTH": code}], "id": code})
    for words, code in CURRENCY_WORDS.items():
        patterns.append({"label": "CURRENCY", "pattern": words, "id": code})
    return patterns


@Language.component(COMPONENT)
def identify(doc: Doc) -> Doc:
    """Resolve the ruler's and the recognisers' findings on character offsets (longest first) into
    `doc.user_data[HITS_KEY]`, and show the token-aligned ones as `doc.ents`.

    Several identifiers can share one token (`||1.1|<UUID>|<date>|<RFC>|` is a single token), so the
    authoritative overlap check is on characters; `doc.ents` keeps whichever of those fits the tokens.
    """
    hits: list[Hit] = []
    for span in doc.ents:
        hits.append(Hit(span.label_, span.start_char, span.end_char, span.ent_id_ or span.text))
    text = doc.text
    for recogniser in RECOGNISERS:
        hits.extend(recogniser(text))
    kept: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(hit.start < end and start < hit.end for start, end in taken):
            continue
        kept.append(hit)
        taken.append((hit.start, hit.end))
    kept.sort(key=lambda h: h.start)
    doc.user_data[HITS_KEY] = kept
    spans: list[Span] = []
    for hit in kept:
        aligned = doc.char_span(hit.start, hit.end, label=hit.label, alignment_mode="expand")
        if aligned is not None:
            spans.append(aligned)
    doc.ents = filter_spans(spans)
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The entity pipeline, built on first use and shared by the whole process."""
    nlp = spacy.blank("es")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe(COMPONENT)
    return nlp
