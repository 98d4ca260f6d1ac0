"""The importer's or exporter's name on a scan: its legal form put back as printed, and a name OCR left marks in
sent to review.

A Mexican company's name ends in its legal form (``S.A. DE C.V.``, ``S. DE R.L. DE C.V.`` …), printed dotted.
OCR loses or doubles the dots and spaces there (``S. DER.L. DE C.V.``, ``S.A. DE.C.V.``, ``S..DE``): when the
letters of the name's last words are exactly a legal form's, the printed form is put back. A name that still
has marks a name does not carry (a point or colon inside it, a doubled point, quote marks) was misread
somewhere, and its confidence drops below review's threshold so a person types it from the paper.
"""

from __future__ import annotations

import re

from extractors.layout import Found, norm

# Legal forms of Mexican companies (Ley General de Sociedades Mercantiles, Código Civil), as printed.
LEGAL_FORMS = (
    "S.A. DE C.V.",
    "S. DE R.L. DE C.V.",
    "S. DE R.L.",
    "S.A.P.I. DE C.V.",
    "S.A.B. DE C.V.",
    "S.A.S. DE C.V.",
    "S. EN C. DE C.V.",
    "S.A.",
    "S.C.",
    "A.C.",
    "S.A.S.",
)
_BY_LETTERS = {norm(form): form for form in LEGAL_FORMS}
# What a name's own words may carry besides letters and digits.
_NAME_RE = re.compile(r"[\w&'\- ,/]+")
# Confidence of a name left with OCR's marks: below review's threshold.
MANGLED = 0.6


def legal_form(name: str) -> str:
    """``name`` with its legal form as printed, when the letters of its last words are one's and OCR moved its
    dots and spaces (undotted forms, ``SA DE CV``, are a style of their own and kept)."""
    # a form run into the word before it ("MEXICALI.S.A. DE C.V.")
    words = re.sub(r"(?<=[A-Z]{3})\.(?=[A-Z]\.)", " ", name).split()
    for start in range(max(0, len(words) - 7), len(words)):
        tail = words[start:]
        form = _BY_LETTERS.get(norm("".join(tail)))
        if form is None or "." not in "".join(tail):
            continue
        body = " ".join(words[:start]).rstrip()
        return f"{body} {form}" if body else form
    return name


def mangled(name: str) -> bool:
    """Whether the name, its legal form aside, carries a mark no name does."""
    body = name
    for form in sorted(LEGAL_FORMS, key=len, reverse=True):
        if body.endswith(" " + form):
            body = body[: -len(form)].rstrip()
            break
    return _NAME_RE.fullmatch(body) is None


def settle_name(found: Found) -> tuple[str, float]:
    """A scanned name's value and confidence: its legal form put back, the confidence then OCR's on the name's
    own words (the form's words spell a known form, so OCR's doubt on them, a faint ``DE`` in ``S.A. DE C.V.``, or
    its misread marks, put right, say nothing of the name), or its confidence below review's when still mangled."""
    value, confidence = legal_form(str(found.value)), found.confidence
    form = next((f for f in LEGAL_FORMS if value.endswith(" " + f)), None)
    if form is not None:
        body = norm(value[: len(value) - len(form)])
        read = ""
        for k, word in enumerate(found.words):
            read += norm(word.text)
            if read == body:
                words = found.words[: k + 1]
                confidence = min(float(w.confidence) for w in words) * found.certainty
                break
    if mangled(value):
        confidence = min(confidence, MANGLED)
    return value, round(confidence, 4)
