"""Labels inside a value: a name or description read past its own end swallows the next label and its value
("PACIFIC COMPONENTS INC Método de pago: PPD", or only "Por definir Método de pago: PPD" when the name itself
was missed). A reader uses ``label_start`` to cut such a value at the label; review routing uses it, and
``code_phrase``, to tell that a value holds what no name or description holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.layout import norm

# The longest label looked for inside a value, in words ("Nombre o razón social del receptor").
MAX_LABEL_WORDS = 7
# Words and phrases of the SAT's catalogues and of the CFDI's own labels, printed beside the parties but never
# part of a party's name or of a concepto's description: payment method codes (c_MetodoPago PUE / PPD), the
# labels of payment form, use and tax regime, and "Por definir" (c_FormaPago 99).
CODE_PHRASES = (
    "METODO DE PAGO",
    "FORMA DE PAGO",
    "USO CFDI",
    "USO DEL CFDI",
    "REGIMEN FISCAL",
    "POR DEFINIR",
    "PPD",
    "PUE",
)
_WORD = re.compile(r"\S+")
_PHRASES = [
    re.compile(r"(?<![A-Z0-9])" + r"\s+".join(re.escape(word) for word in phrase.split()) + r"(?![A-Z0-9])")
    for phrase in CODE_PHRASES
]


def normalised(labels: Iterable[str]) -> frozenset[str]:
    """Label wordings as ``label_start`` compares them (``layout.norm``: letters and digits only)."""
    return frozenset(filter(None, (norm(label) for label in labels)))


def label_start(text: str, labels: frozenset[str]) -> int | None:
    """Where, in ``text``, a label of ``labels`` followed by a colon begins (the longest such label ending at
    the first colon that ends one); None when the text holds none."""
    words = [(match.start(), match.group(0)) for match in _WORD.finditer(text)]
    for i, (_start, word) in enumerate(words):
        if ":" not in word:
            continue
        head = word.partition(":")[0]
        for k in range(max(0, i - MAX_LABEL_WORDS + 1), i + 1):
            joined = "".join(norm(w) for _s, w in words[k:i]) + norm(head)
            if joined and joined in labels:
                return words[k][0]
    return None


def code_phrase(text: str) -> str | None:
    """The first catalogue phrase of ``CODE_PHRASES`` that ``text`` holds as whole words (accents ignored)."""
    upper = _without_accents(text.upper())
    for phrase, pattern in zip(CODE_PHRASES, _PHRASES, strict=True):
        if pattern.search(upper):
            return phrase
    return None


_ACCENTS = str.maketrans("ÁÉÍÓÚÜ", "AEIOUU")


def _without_accents(text: str) -> str:
    return text.translate(_ACCENTS)
