"""A correction is read by its field's type in the person's locale (``evidence.chain.typed_values``): dates as the
portal shows them, numbers in either convention, codes in their normalised form; anything else is refused with a
message that has a Spanish text."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from evidence.chain import typed_values
from evidence.chain.build import to_decimal
from evidence.chain.typed_values import CODES, DATE_HINT, ValueRefused, parse_correction
from immex import i18n


@pytest.mark.parametrize(
    ("field", "typed", "locale", "expected"),
    [
        ("entry_date", "05/07/2026", "es", "2026-07-05"),
        ("entry_date", "5/7/2026", "es", "2026-07-05"),
        ("entry_date", "5 de julio de 2026", "es", "2026-07-05"),
        ("entry_date", "05-JUL-2026", "es", "2026-07-05"),
        ("entry_date", "07/05/2026", "en", "2026-07-05"),
        ("entry_date", "Jul 5, 2026", "en", "2026-07-05"),
        ("entry_date", "2026-07-05", "en", "2026-07-05"),
        ("entry_date", "2026-07-05", "es", "2026-07-05"),
        ("entry_date", "29/02/2028", "es", "2028-02-29"),
        ("umc_quantity", "1.234,50", "es", 1234.5),
        ("umc_quantity", "1,234.50", "es", 1234.5),
        ("umc_quantity", "1,234", "en", 1234),
        ("umc_quantity", "12,5", "es", 12.5),
        ("umc_quantity", "0.125", "en", 0.125),
        ("umc_quantity", "1.234.567", "es", 1234567),
        ("total_amount", "$ 1 234,5", "es", 1234.5),
        ("total_amount", 99.5, "es", 99.5),
        ("sequence", "3", "es", 3),
        ("pedimento_number", "26 24 3456 6001234", "es", "262434566001234"),
        ("tariff_code", "8471.30.01", "es", "84713001"),
        ("importer_exporter_rfc", "cpp-110627-sm4", "es", "CPP110627SM4"),
        ("umc", "06", "es", "6"),
        ("operation_type", "importación", "es", "IMP"),
        ("description", "  Tornillos  ", "en", "Tornillos"),
        ("entry_date", "  ", "es", None),
        ("a_field_the_contract_does_not_name", "anything", "es", "anything"),
    ],
)
def test_a_correction_becomes_its_canonical_value(field: str, typed: object, locale: str, expected: object) -> None:
    assert parse_correction(field, typed, locale=locale) == expected


@pytest.mark.parametrize(
    ("field", "typed", "locale", "words"),
    [
        ("entry_date", "31/02/2026", "es", "month 2 of 2026 has no day 31"),
        ("entry_date", "32/13/2023", "es", "there is no month 13"),
        ("entry_date", "13/25/2026", "en", "there is no month 13"),
        ("entry_date", "05/07/26", "es", "four digits"),
        ("entry_date", "mañana", "es", "is not a date"),
        ("entry_date", 20260705, "es", "is not a date"),
        ("umc_quantity", "1.2.3", "es", "is not a number"),
        ("umc_quantity", "1,23,4", "es", "is not a number"),
        ("umc_quantity", "doce", "es", "is not a number"),
        ("umc_quantity", "NaN", "es", "is not a number"),
        ("umc_quantity", float("inf"), "es", "is not a number"),
        ("sequence", "2,5", "es", "not a whole number"),
        ("pedimento_number", "26 24 3456", "es", "15 digits"),
        ("importer_exporter_rfc", "XX", "es", "RFC"),
        ("umc", "99", "es", "Apéndice 7"),
        ("description", "x" * (typed_values.MAX_TEXT + 1), "es", "too long"),
        ("total_amount", "1" * 10_000_000, "es", "too long"),
        ("total_amount", True, "es", "text or a number"),
    ],
)
def test_what_cannot_be_read_is_refused(field: str, typed: object, locale: str, words: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        parse_correction(field, typed, locale=locale)
    assert words in refused.value.message


def test_the_refusal_reads_in_spanish() -> None:
    with pytest.raises(ValueRefused) as refused:
        parse_correction("entry_date", "31/02/2026", locale="es")
    text = refused.value.translated(lambda m, **v: i18n.translate(m, "es", **v))
    assert text == "31/02/2026 no es una fecha real: el mes 2 de 2026 no tiene día 31."
    with pytest.raises(ValueRefused) as refused:
        parse_correction("tariff_code", "84.71", locale="es")
    text = refused.value.translated(lambda m, **v: i18n.translate(m, "es", **v))
    assert text == "84.71 no es válido: una fracción arancelaria tiene 8 dígitos (por ejemplo 8471.30.01)."


def _messages() -> set[str]:
    source = Path(typed_values.__file__).read_text(encoding="utf-8")
    found = set(re.findall(r'ValueRefused\(\s*"((?:[^"\\]|\\.)*)"', source))
    return found | {rule for _strip, _pattern, rule in CODES.values()} | set(DATE_HINT.values())


def test_every_refusal_has_a_spanish_text_with_the_same_placeholders() -> None:
    messages = _messages()
    assert len(messages) > 25

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(text) if n}

    spanish = {m: i18n.translations("es").gettext(m) for m in messages}
    assert sorted(m for m, text in spanish.items() if text == m) == []
    assert {m: text for m, text in spanish.items() if names(m) != names(text)} == {}


def test_stored_text_is_read_as_numbers_are_typed() -> None:
    """Rows built from a value stored as text (older corrections) read it the same way: never 1.2345."""
    assert str(to_decimal("1.234,50")) == "1234.50"
    assert to_decimal("doce") is None
