"""The entity layer: every kind of entity, both decimal conventions, and every check digit (DOMAIN.md §6)."""

from __future__ import annotations

import pytest

from extractors import checks
from extractors.entities import find_entities
from extractors.entities.normalise import parse_amount


def one(text: str, label: str):
    found = [entity for entity in find_entities(text) if entity.label == label]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "printed",
    ["24  47  3445  4001234", "24 47 3445 4001234", "24-47-3445-4001234", "244734454001234"],
)
def test_pedimento_numbers_in_every_printed_form(printed: str) -> None:
    entity = one(f"Pedimento: {printed} del 26/09/2024", "PEDIMENTO")
    assert entity.value == "244734454001234"
    assert entity.text == printed
    assert entity.valid


def test_pedimento_with_an_unknown_aduana_is_kept_but_not_valid() -> None:
    entity = one("NUM. PEDIMENTO 24  99  3445  4001234", "PEDIMENTO")
    assert entity.value == "249934454001234"
    assert not entity.valid
    assert "aduana 99" in entity.details["problems"][0]


@pytest.mark.parametrize("rfc", ["MAB9307148T4", "GODE561231GR8", "CPP110627SM4"])
def test_rfc_with_a_good_check_digit(rfc: str) -> None:
    entity = one(f"RFC: {rfc}.", "RFC")
    assert entity.value == rfc
    assert entity.valid


def test_rfc_with_a_bad_check_digit_is_found_and_flagged() -> None:
    entity = one("RFC MAB9307148T5", "RFC")
    assert entity.value == "MAB9307148T5"
    assert not entity.valid


def test_curp_and_its_check_digit() -> None:
    good = one("CURP: BOXW310820HNERXN09", "CURP")
    assert good.value == "BOXW310820HNERXN09" and good.valid
    bad = one("CURP: BOXW310820HNERXN08", "CURP")
    assert not bad.valid


@pytest.mark.parametrize(
    ("text", "tariff", "nico"),
    [
        ("Fracción 3923.10.03 NICO 01", "39231003", "01"),
        ("FRACCION ARANCELARIA: 39231003 01", "39231003", "01"),
        ("HS 8471.30.01", "84713001", None),
        ("3923.10.03.01", "39231003", "01"),
    ],
)
def test_fraccion_and_nico(text: str, tariff: str, nico: str | None) -> None:
    entity = one(text, "FRACCION")
    assert entity.value == tariff
    assert entity.details.get("nico") == nico


def test_cove() -> None:
    assert one("Acuse de valor COVE214KNPVU4 transmitido", "COVE").value == "COVE214KNPVU4"


def test_cfdi_uuid_is_upper_cased() -> None:
    entity = one("Folio fiscal: 9fb6ed1a-5f37-4fef-980a-7f8c83b51894", "CFDI_UUID")
    assert entity.value == "9FB6ED1A-5F37-4FEF-980A-7F8C83B51894"


@pytest.mark.parametrize("container", ["CSQU3054383", "MSKU9070323", "TCLU1272634"])
def test_containers_with_good_check_digits(container: str) -> None:
    entity = one(f"Container {container[:4]} {container[4:10]} {container[10]} 40HC", "CONTAINER")
    assert entity.value == container
    assert entity.valid


def test_container_with_a_bad_check_digit_is_flagged() -> None:
    entity = one("CNTR MSKU9070324", "CONTAINER")
    assert not entity.valid


def test_bill_of_lading_numbers() -> None:
    assert one("MASTER MAEU123456789 ONBOARD", "BL").value == "MAEU123456789"
    assert one("B/L No.: SHA-2024-00731", "BL").value == "SHA202400731"


def test_incoterms_and_currencies() -> None:
    found = {
        (entity.label, entity.value)
        for entity in find_entities("Terms: FOB Laredo, CIF. Moneda USD, en pesos mexicanos, € 10,00")
    }
    assert {
        ("INCOTERM", "FOB"),
        ("INCOTERM", "CIF"),
        ("CURRENCY", "USD"),
        ("CURRENCY", "MXN"),
        ("CURRENCY", "EUR"),
    } <= found


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("26/09/2024", "2024-09-26"),
        ("26 de septiembre de 2024", "2024-09-26"),
        ("Sep 26, 2024", "2024-09-26"),
        ("September 26th, 2024", "2024-09-26"),
        ("2024-09-26", "2024-09-26"),
        ("2017-07-05T09:09:23", "2017-07-05"),
        ("26-SEP-2024", "2024-09-26"),
        ("09/26/2024", "2024-09-26"),
        ("7. Mai 2014", "2014-05-07"),
        ("18 april 2014", "2014-04-18"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert one(f"Fecha: {text} ok", "DATE").value == iso


def test_ambiguous_date_reads_day_first_and_says_so() -> None:
    entity = one("Fecha 03/04/2024", "DATE")
    assert entity.value == "2024-04-03"
    assert entity.details == {"ambiguous": True}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.56", 1234.56),
        ("1.234,56", 1234.56),
        ("6583.5", 6583.5),
        ("12,5", 12.5),
        ("2.321,00", 2321.0),
        ("1,500,000.00", 1500000.0),
        ("1.234", 1234.0),
    ],
)
def test_amounts_in_both_decimal_conventions(text: str, value: float) -> None:
    assert one(f"Total {text} MXN", "AMOUNT").value == value


def test_parse_amount_negative_and_parenthesised() -> None:
    assert parse_amount("-12.50") == -12.5
    assert parse_amount("(7.00)") == -7.0
    assert parse_amount("abc") is None


def test_identifiers_sharing_one_token_are_all_found() -> None:
    text = "||1.1|9FB6ED1A-5F37-4FEF-980A-7F8C83B51894|2017-06-05T09:09:37|SFE0807172W7|"
    labels = [entity.label for entity in find_entities(text)]
    assert labels == ["AMOUNT", "CFDI_UUID", "DATE", "RFC"]


def test_offsets_point_into_the_text() -> None:
    text = "Pedimento 24  47  3445  4001234, contenedor TCLU1272634, total 1,234.56"
    for entity in find_entities(text):
        assert text[entity.start : entity.end] == entity.text


def test_labels_filter() -> None:
    assert [e.label for e in find_entities("RFC CPP110627SM4 total 10.00", {"RFC"})] == ["RFC"]


# check digits directly (DOMAIN.md §6 checked examples)


def test_rfc_check_digit_examples() -> None:
    assert checks.rfc_check_digit("MAB9307148T4") == "4"
    assert checks.rfc_check_digit("GODE561231GR8") == "8"
    assert checks.rfc_is_valid("XAXX010101000")  # generic RFC for the public
    assert not checks.rfc_is_valid("MAB9307148T")


def test_curp_check_digit_example() -> None:
    assert checks.curp_check_digit("BOXW310820HNERXN09") == "9"
    assert not checks.curp_is_valid("BOXW310820HNERXN0")


def test_iso6346_examples() -> None:
    assert checks.iso6346_check_digit("CSQU3054383") == "3"
    assert checks.iso6346_check_digit("MSKU9070323") == "3"
    assert not checks.container_is_valid("CSQU3054384")
    assert not checks.container_is_valid("CSQ3054383")


def test_pedimento_format_rules() -> None:
    assert checks.normalise_pedimento("24  47  3445  4001234") == "244734454001234"
    assert checks.format_pedimento("244734454001234") == "24  47  3445  4001234"
    assert checks.normalise_pedimento("24 47 3445 400123") is None
    assert checks.pedimento_problems("244734454001234", year=2024) == []
    assert checks.pedimento_problems("244734454001234", year=2025)
    assert checks.pedimento_problems("12345") == ["a pedimento number has 15 digits"]


def test_uuid_format() -> None:
    assert checks.uuid_is_valid("9fb6ed1a-5f37-4fef-980a-7f8c83b51894")
    assert not checks.uuid_is_valid("9fb6ed1a-5f37-4fef-980a-7f8c83b5189")
