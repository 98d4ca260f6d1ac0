"""CFDI printouts: a party's name that must not swallow the neighbouring label and its value, and the CFDI
version as titles print it, as its label prints it beside a wide gap, or deduced from what only 4.0 has."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.cfdi_pdf import DEDUCED_VERSION, _version_from_text
from extractors.cfdi_pdf_parties import party_name
from extractors.pipeline import REVIEW_THRESHOLD, extract
from extractors.result import ResultBuilder
from tests.synth.draw import BOLD, Sheet


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("PACIFIC COMPONENTS INC Método de pago: PPD", "PACIFIC COMPONENTS INC"),
        ("ACME WIRE & CABLE LLC Uso CFDI: S01 - Sin efectos fiscales", "ACME WIRE & CABLE LLC"),
        ("MAQUILADORA DEL NORTE S.A. DE C.V. Régimen fiscal: 601", "MAQUILADORA DEL NORTE S.A. DE C.V."),
    ],
)
def test_a_name_ends_at_the_next_label(printed: str, name: str) -> None:
    parsed = party_name(printed)
    assert parsed is not None and parsed[0] == name


@pytest.mark.parametrize(
    "printed",
    ["Por definir Método de pago: PPD", "Forma de pago: 99 - Por definir", "Uso CFDI: G03", "PPD"],
)
def test_a_label_or_a_catalogue_value_is_no_name(printed: str) -> None:
    assert party_name(printed) is None


def test_a_name_with_a_colon_that_is_no_label_stays_whole() -> None:
    parsed = party_name("ACME INC Attn: Purchasing")
    assert parsed is not None and parsed[0] == "ACME INC Attn: Purchasing"


def _version(text: str) -> tuple[str | None, float | None]:
    out = ResultBuilder()
    _version_from_text(out, text)
    cell = out.fields.get("cfdi_version")
    return (cell["value"], cell["confidence"]) if cell else (None, None)


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("FACTURA CFDI 4.0", "4.0"),
        ("CFDI versión 3.3 de Ingreso", "3.3"),
        ("CFDI v4.0", "4.0"),
        ("Comprobante Fiscal Digital por Internet v4.0", "4.0"),
        ("Comprobante Fiscal Digital por Internet versión 3.3", "3.3"),
        ("Cadena original: ||4.0|EXP|123|2025-01-02T10:00:00|99|", "4.0"),
    ],
)
def test_the_version_as_titles_print_it(text: str, version: str) -> None:
    assert _version(text)[0] == version


@pytest.mark.parametrize(
    "text",
    [
        "Régimen fiscal receptor: 616",
        "Domicilio fiscal del receptor: 78000",
        "Exportación: 02",
        "Clave SAT  Cantidad  Importe  Obj. Imp.",
        "COMPLEMENTO COMERCIO EXTERIOR 2.0",
    ],
)
def test_version_4_0_from_what_only_4_0_prints(text: str) -> None:
    assert _version(text) == ("4.0", DEDUCED_VERSION)


@pytest.mark.parametrize(
    "text",
    [
        "Régimen fiscal: 601 - General de Ley Personas Morales",  # the issuer's regime: 3.3 has it too
        "||1.1|8BF5F978-EADF-4FB4-B8A5-8C0D410F0EFD|2025-01-02T10:00:00|SAT970701NN3|",  # the stamp's version
        "Complemento de Comercio Exterior 1.1",
        "Régimen fiscal receptor:",  # a label with no value says nothing
    ],
)
def test_no_version_where_the_page_does_not_tell(text: str) -> None:
    assert _version(text) == (None, None)


def test_receptor_block_and_version_label_of_a_pac_and_an_erp(tmp_path: Path) -> None:
    """The receptor's "Régimen fiscal receptor" is no receptor heading (its value box holds the payment terms
    below), and "Versión CFDI:" is one label even with its value set far right of it."""
    path = tmp_path / "pac.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 52, "RFC: MNO900101AB1", size=8)
    s.text(330, 52, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=7)
    s.text(330, 62, "Versión CFDI:", font=BOLD, size=8)
    s.text(418, 62, "4.0", size=8)
    s.text(33, 100, "Receptor", font=BOLD, size=8)
    for y, left, right in (
        (112, "Nombre: PACIFIC COMPONENTS INC", "RFC: XEXX010101000"),
        (122, "Uso CFDI: S01 - Sin efectos fiscales", "Residencia fiscal: USA"),
        (132, "NumRegIdTrib: 57-3408980", "Régimen fiscal receptor: 616"),
    ):
        s.text(33, y, left, size=8)
        s.text(350, y, right, size=8)
    s.text(30, 146, "Moneda: USD   Tipo de cambio: 18.0632", size=8)
    s.text(330, 146, "Forma de pago: 99 - Por definir   Método de pago: PPD", size=8)
    s.text(30, 170, "Subtotal: 10.00   Total: 10.00", size=8)
    s.save()
    fields = {key: c["value"] for key, c in extract(path, media_type="application/pdf")["fields"].items()}
    assert fields["receiver_name"] == "PACIFIC COMPONENTS INC"
    assert fields["cfdi_version"] == "4.0"


def test_a_deduced_version_is_offered_but_confirmed_by_a_person() -> None:
    """A printout template may print a 4.0 field on a 3.3 comprobante: the version the page did not print
    stays below the review threshold."""
    assert DEDUCED_VERSION < REVIEW_THRESHOLD
