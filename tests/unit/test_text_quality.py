"""The error-rate helpers the OCR tests and benchmarks rely on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.quality import cer, edit_distance, normalize, wer


def _reference_distance(a: str, b: str) -> int:
    """Textbook dynamic programme, to check the bit-parallel version against."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


@given(st.text(alphabet="abcñ é", max_size=40), st.text(alphabet="abcdñ", max_size=40))
def test_edit_distance_matches_the_textbook_definition(a: str, b: str) -> None:
    assert edit_distance(a, b) == _reference_distance(a, b)
    assert edit_distance(b, a) == _reference_distance(a, b)


def test_edit_distance_on_long_texts() -> None:
    reference = "Pedimento 24  47  3445  4001234, fracción 8471.30.01 NICO 00. " * 40
    damaged = reference.replace("3445", "3A45", 5).replace("fracción", "fraccion", 3)
    assert edit_distance(damaged, reference) == 5 + 3
    assert edit_distance("", reference) == len(reference)


def test_normalize_ignores_layout_and_ligatures() -> None:
    assert normalize("  the ﬁrst\n\n track\t") == "the first track"


def test_cer_and_wer() -> None:
    assert cer("abcdefghij", "abcdefghij") == 0.0
    assert cer("abcdefghiX", "abcdefghij") == 0.1
    assert cer("the   ﬁrst\ntrack", "the first track") == 0.0
    assert cer("", "") == 0.0
    assert cer("something", "") == 1.0
    assert wer("one two three four", "one two tree four") == 0.25
