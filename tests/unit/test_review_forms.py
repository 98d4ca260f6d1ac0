"""The form's own rules send a reading to review (``extractors.review_forms``): each case is written by hand,
beside the right reading that must pass."""

from __future__ import annotations

from extractors.result import ResultBuilder
from extractors.review_forms import form_checks, printed_dates
from tests.unit.review_builders import flagged as _flagged
from tests.unit.review_builders import reading as _builder


def _codes(doc_type: str, builder: ResultBuilder, page: str = "") -> list[str]:
    form_checks(doc_type, builder, page.splitlines())
    return [warning["code"] for warning in builder.warnings]


FECHAS = "***PAGO ELECTRONICO***\nFECHAS\nPRESENTACION 12/02/2025\nPAGO 14/02/2025\nEXTRACCION 15/02/2025\n"


def test_the_dates_printed_after_their_labels_are_found() -> None:
    assert printed_dates("payment_date", FECHAS.splitlines()) == {"2025-02-14"}
    assert printed_dates("presentation_date", ["FECHA DE PRESENTACIÓN: 12/02/2025"]) == {"2025-02-12"}
    assert printed_dates("entry_date", FECHAS.splitlines()) == set()


def test_a_date_read_from_another_label_goes_to_review() -> None:
    fields = {"operation_type": "EXP", "presentation_date": "2025-02-12"}
    wrong = _builder({**fields, "payment_date": "2025-02-15"})
    assert _codes("pedimento", wrong, FECHAS) == ["value_mismatch"]
    assert _flagged(wrong)
    right = _builder({**fields, "payment_date": "2025-02-14"})
    assert _codes("pedimento", right, FECHAS) == []
    # a page that prints no date after the label says nothing
    assert _codes("pedimento", _builder({**fields, "payment_date": "2025-02-15"}), "PAGO\n") == []


def test_an_import_with_a_presentation_date_goes_to_review() -> None:
    page = "FECHAS\nENTRADA 06/12/2024\nPAGO 09/12/2024\n"
    wrong = _builder({"operation_type": "IMP", "payment_date": "2024-12-09", "presentation_date": "2024-12-09"})
    assert _codes("pedimento", wrong, page) == ["value_mismatch"]
    right = _builder({"operation_type": "IMP", "payment_date": "2024-12-09", "entry_date": "2024-12-06"})
    assert _codes("pedimento", right, page) == []
    export = _builder({"operation_type": "EXP", "presentation_date": "2024-12-09", "entry_date": "2024-12-06"})
    assert _codes("pedimento", export) == ["value_mismatch"]


TRUCK = (
    "Pieces Description of articles Weight kg Weight lb\n"
    "20 CAJA DE CARTON CORRUGADO PARA EMPAQUE 814.2 1,795\n"
    "20 TOTAL 814.2 1,795\n"
)


def test_kilograms_converted_as_if_pounds_go_to_review() -> None:
    wrong = _builder({"gross_weight_kg": 369.3}, ({"package_count": 20, "gross_weight_kg": 369.3},))
    assert _codes("bill_of_lading", wrong, TRUCK) == ["value_mismatch"]
    assert _flagged(wrong)
    right = _builder({"gross_weight_kg": 814.2}, ({"package_count": 20, "gross_weight_kg": 814.2},))
    assert _codes("bill_of_lading", right, TRUCK) == []
    # a page printing pounds alone: the kilograms were rightly converted from them
    pounds = "20 CAJA DE CARTON CORRUGADO PARA EMPAQUE 1,795 lb\n"
    converted = _builder({"gross_weight_kg": 814.2}, ({"package_count": 20, "gross_weight_kg": 814.2},))
    assert _codes("bill_of_lading", converted, pounds) == []


INVOICE = (
    "Exporter\n"
    "SHREE GANESH AUTO COMPONENTS PVT. LTD.\n"
    "Plot No. 42, MIDC Bhosari, Pune 411026, Maharashtra, India\n"
    "GSTIN: 27IPWCD4444T1ZK\n"
    "IEC: 5816842924\n"
    "Consignee\n"
    "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.\n"
    "RFC: KRV101213LS3\n"
)


def test_a_party_tax_id_printed_under_its_name_but_not_read_goes_to_review() -> None:
    parties = {
        "seller_name": "SHREE GANESH AUTO COMPONENTS PVT. LTD.",
        "buyer_name": "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.",
    }
    unread = _builder({**parties, "buyer_tax_id": "KRV101213LS3"})
    assert _codes("commercial_invoice", unread, INVOICE) == ["unread_value"]
    assert _flagged(unread)
    read = _builder({**parties, "seller_tax_id": "27IPWCD4444T1ZK", "buyer_tax_id": "KRV101213LS3"})
    assert _codes("commercial_invoice", read, INVOICE) == []
    # the next party's tax id is not the seller's: the seller's block ends at the next party's name
    page = (
        "SHREE GANESH AUTO COMPONENTS PVT. LTD.\nPune, India\n"
        "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.\nRFC: KRV101213LS3\n"
    )
    no_id = _builder({**parties, "buyer_tax_id": "KRV101213LS3"})
    assert _codes("commercial_invoice", no_id, page) == []


def test_a_header_figure_read_from_another_place_goes_to_review() -> None:
    page = "DESTINO/ORIGEN: | 9 | TIPO CAMBIO: | 19.44090 [PESO BRUTO: | 11.970.098 | ADUANA E/S: | 070\nARRIBO: | 7\n"
    wrong = _builder({"exchange_rate": 19.4409, "gross_weight_kg": 7.0})
    assert _codes("pedimento", wrong, page) == ["value_mismatch"]
    assert _flagged(wrong)
    right = _builder({"exchange_rate": 19.4409, "gross_weight_kg": 11970.098})
    assert _codes("pedimento", right, page) == []
    # two figures run together after the label (a bank stamp printed into the column) say nothing
    glued = "VALOR ADUANA: 362142.00165345.00 9969480\n"
    assert _codes("pedimento", _builder({"customs_value_mxn": 9969480}), glued) == []


def test_a_cfdi_in_dollars_read_without_its_exchange_rate_goes_to_review() -> None:
    unread = _builder({"currency": "USD"})
    assert _codes("cfdi", unread) == ["missing_key_fields"]
    assert _flagged(unread)
    assert _codes("cfdi", _builder({"currency": "USD", "exchange_rate": 17.6877})) == []
    assert _codes("cfdi", _builder({"currency": "MXN"})) == []


# an Italian maker's invoice: its letterhead's name was missed, and the buyer's block was read for the seller
FATTURA = (
    "TORNERIA LOMBARDA S.p.A.   FATTURA / INVOICE\n"
    "P.IVA / VAT No. IT01234567890\n"
    "Spett.le / Messrs.   Fattura n. / Invoice No. 771/25\n"
    "ENSAMBLES DEL NORTE S.A. DE C.V.   Data / Date 03/09/2025\n"
    "Blvd. Industrial 500, Reynosa, Tamps.\n"
    "MESSICO / MEXICO\n"
    "RFC: EDN150101AB1\n"
)


def test_the_seller_read_over_the_buyers_tax_id_goes_to_review() -> None:
    swapped = _builder({"seller_name": "ENSAMBLES DEL NORTE S.A. DE C.V.", "buyer_tax_id": "EDN150101AB1"})
    assert _codes("commercial_invoice", swapped, FATTURA) == ["value_mismatch"]
    assert _flagged(swapped)
    right = _builder(
        {
            "seller_name": "TORNERIA LOMBARDA S.p.A.",
            "seller_tax_id": "IT01234567890",
            "buyer_name": "ENSAMBLES DEL NORTE S.A. DE C.V.",
            "buyer_tax_id": "EDN150101AB1",
        }
    )
    assert _codes("commercial_invoice", right, FATTURA) == []
    # the buyer's block right under the seller's: it starts at the buyer's name
    page = "PACIFIC COMPONENTS INC\nLaredo, TX 78041\nENSAMBLES DEL NORTE S.A. DE C.V.\nRFC: EDN150101AB1\n"
    stacked = _builder(
        {
            "seller_name": "PACIFIC COMPONENTS INC",
            "buyer_name": "ENSAMBLES DEL NORTE S.A. DE C.V.",
            "buyer_tax_id": "EDN150101AB1",
        }
    )
    assert _codes("commercial_invoice", stacked, page) == []


def test_the_parties_blocks_side_by_side_joined_into_lines_say_nothing_of_whose_tax_id_is_whose() -> None:
    """OCR reads the seller's and the buyer's blocks, printed side by side, into one line per row: the buyer's
    tax id then follows the seller's name in the lines below, without being the seller's."""
    page = (
        "Vendedor Comprador\n"
        "RHEIN METALLTEILE GMBH MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V.\n"
        "Industriestr. 14, 40231 Dusseldorf Calle Alfa 300, Tijuana, B.C.\n"
        "Identificacion fiscal: 32-6543078 RFC: AAJ851006A71\n"
    )
    parties = {
        "seller_name": "RHEIN METALLTEILE GMBH",
        "buyer_name": "MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V.",
        "seller_tax_id": "32-6543078",
        "buyer_tax_id": "AAJ851006A71",
    }
    assert _codes("commercial_invoice", _builder(parties), page) == []
    # the buyer's name read as the seller's is still caught (it is no other party's name beside itself)
    swapped = _builder({**parties, "seller_name": parties["buyer_name"], "seller_tax_id": None})
    assert "value_mismatch" in _codes("commercial_invoice", swapped, page)
