"""Sentences the engines store in English (warnings, BOM problems, reasons, findings, errors) are shown in the
user's language: each is matched to the catalogue message it was made from and translated with its values."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from evidence.chain.bom import BomFileError, validate_rows
from extractors.checks import rfc_check_digit
from immex import i18n
from immex.settings import Settings
from immex.stored_messages import extract_stored, match_stored, message_of

BAD_BOM = [
    ["producto", "componente", "cantidad", "unidad", "merma", "vigencia_desde"],
    ["P1", "", "x", "6", "150", "mañana"],
    ["P1", "P1", "-2", "6", "", "2024-01-01"],
]


def test_every_bom_problem_reads_in_spanish() -> None:
    with pytest.raises(BomFileError) as caught:
        validate_rows(BAD_BOM)
    problems = caught.value.problems
    assert len(problems) >= 4
    for problem in problems:
        assert match_stored(problem.message) or i18n.known(problem.message), problem.message
        assert i18n.translate(problem.message, "es") != problem.message, problem.message


def test_a_warning_keeps_its_values_in_the_translation() -> None:
    stored = "The RFC DMQ190101AB1 fails its check digit; check it against the invoice."
    assert (
        i18n.translate(stored, "es") == "El RFC DMQ190101AB1 no pasa su dígito verificador; compárelo con la factura."
    )
    assert i18n.translate(stored, "en") == stored


def test_the_review_note_and_a_reason_inside_a_finding_are_translated() -> None:
    assert (
        i18n.translate("Reviewed and confirmed by ana@empresa.mx", "es") == "Revisado y confirmado por ana@empresa.mx"
    )
    # a value that is itself a message is translated too
    nested = "Pedimento number 123: {}.".format("is empty")
    assert i18n.translate(nested, "es") == "Número de pedimento 123: está vacío."


@pytest.mark.parametrize(
    ("data", "said"),
    [(b"just some words", "de un tipo que no reconocemos"), (b"PK\x03\x04rest", "archivo ZIP")],
)
def test_a_refused_upload_names_what_it_is_in_spanish(tmp_path: Path, data: bytes, said: str) -> None:
    """The refusal's ``{what}`` (the file's kind) is a message too: no English left inside the Spanish."""
    from intake import sniff
    from intake.accept import _check, _Spooled

    path = tmp_path / "n.txt"
    path.write_bytes(data)
    services = SimpleNamespace(settings=Settings.from_env({}, data_dir=tmp_path))
    spooled = _Spooled(path, "0" * 64, len(data), data, owned=False)
    refusal = _check(services, spooled, sniff.sniff(data), "n.txt")  # type: ignore[arg-type]
    assert refusal is not None and refusal[0] == "unsupported_type"
    assert i18n.translate(refusal[1], "es").startswith(f"n.txt es {said}: solo se pueden procesar"), refusal


def test_unknown_text_is_shown_as_it_is() -> None:
    assert i18n.translate("Something nobody wrote in the code", "es") == "Something nobody wrote in the code"


def test_the_extractor_turns_f_strings_into_messages_with_placeholders() -> None:
    source = b"""
def check(out, value, raw, filename):
    out.warn("check_digit", f"The RFC {value} fails its check digit; check it with the sender.", "rfc")
    raise NotFound(f"There is no document {raw!r}.")
    return ("empty", f"{filename} is empty (0 bytes): there is nothing to read.")
    log.info(f"not for people {value}")
"""
    found = [m for _, _, m, _ in extract_stored(io.BytesIO(source), {"_": None}, [], {})]
    assert sorted(found) == [
        "The RFC {value} fails its check digit; check it with the sender.",
        "There is no document {raw}.",
        "{filename} is empty (0 bytes): there is nothing to read.",
    ]


def test_literal_braces_survive() -> None:
    import ast

    node = ast.parse('f"{{x}} {y}"').body[0].value  # type: ignore[attr-defined]
    assert message_of(node) == "{{x}} {y}"


def test_the_demo_rfc_passes_its_check_digit() -> None:
    from immex.demo import DEMO_RFC

    assert rfc_check_digit(DEMO_RFC) == DEMO_RFC[-1]
