"""Layout memory: how one issuer's documents are read, learned from a person's corrections (pure functions; the
memory itself is stored by ``evidence.layouts``)."""

from extractors.learned.learn import issuer_key, issuer_of, learn_layout
from extractors.learned.read import LearnedReading, best_reading, read_layout

__all__ = ["LearnedReading", "best_reading", "issuer_key", "issuer_of", "learn_layout", "read_layout"]
