"""Values read wrong rather than left unread send the document to review (``extractors.review_slips``): each
case is a slip a reader made, written by hand, beside the right reading that must pass."""

from __future__ import annotations

import pytest

from extractors.result import ResultBuilder, make_field
from extractors.review_slips import (
    column_words,
    description_problem,
    heading_run,
    name_problem,
    slip_checks,
    spanish_amounts,
)
from tests.unit.review_builders import flagged as _flagged
from tests.unit.review_builders import reading as _builder


def _codes(doc_type: str, builder: ResultBuilder, page: str = "") -> list[str]:
    slip_checks(doc_type, builder, page.splitlines())
    return [warning["code"] for warning in builder.warnings]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("O R I G I N A L", "a document title"),
        ("M A E R S K", "a spaced-out title"),
        ("NON-NEGOTIABLE", "a document title"),
        ("Carrier", "a label"),
        ("Carrier: LONE STAR FREIGHT LINES LLC", "a label"),
        ("TWENTY-NINE THOUSAND", "an amount in words"),
        ("AND SEVEN", "an amount in words"),
        ("601 General de Ley Personas Morales", "a number"),
        ("No. 88 Keji Road, Nanshan, Shenzhen", "a number"),
        ("SAME AS", "a reference to another party"),
        ("Same as consignee", "a reference to another party"),
        ("MISMO QUE EL DESTINATARIO", "a reference to another party"),
        ("party name", "a caption"),
        ("Nombre o razón social", "a caption"),
        ("ONTARIO NORTHLAND FREIGHT LTD. SCAC ONFL", "a name with more after its legal form"),
        ("SHREE GANESH AUTO COMPONENTS PVT. LTD. GSTIN 27IPWCD4444T1ZK", "a name with more after its legal form"),
        ("Linda Vasquez, MIDWEST", "a person's name before a company's"),
        ("Robert J. Chen, GREAT LAKES WIRE & CABLE LLC", "a person's name before a company's"),
    ],
)
def test_a_name_of_another_kind_is_told(text: str, why: str) -> None:
    assert name_problem(text) == why


@pytest.mark.parametrize(
    "text",
    [
        "HAPAG-LLOYD AG",
        "3M COMPANY",
        "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.",
        "SEVEN SEAS SHIPPING LTD.",  # a number word among others is still a name
        "ORIENT STAR FREIGHT (HK) LIMITED",
        "A B C",  # three letters are initials, not a title spaced out
        "SAMEX TRADING S.A. DE C.V.",  # a word that starts like "same" is a name
        "PARTY CITY HOLDINGS INC.",  # one caption word among others is still a name
        "ONTARIO NORTHLAND FREIGHT LTD.",
        "Acme Trading, INC.",  # a legal form alone after the comma is the company's own
        "Rio Grande Industrial Supply",
        "SMITH, JONES & CO",  # capitals on both sides of the comma: one name
    ],
)
def test_real_names_pass(text: str) -> None:
    assert name_problem(text) is None


def test_a_party_name_that_is_an_amount_in_words_goes_to_review() -> None:
    builder = _builder({"seller_name": "TWENTY-NINE THOUSAND", "buyer_name": "ACME INC"})
    assert _codes("commercial_invoice", builder) == ["name_shape"]
    assert _flagged(builder)


@pytest.mark.parametrize(
    ("doc_type", "text"),
    [
        ("cfdi", "Valor unitario aduana Valor dólares"),
        ("cfdi", "Cantidad aduana / Unidad aduana"),
        ("commercial_invoice", "Unit Price Amount"),
        ("bill_of_lading", "GROSS WEIGHT MEASUREMENT"),
    ],
)
def test_a_name_that_is_only_its_familys_column_captions_is_told(doc_type: str, text: str) -> None:
    assert name_problem(text, doc_type) == "a run of column captions"
    assert name_problem(text) is None  # without the family, its captions are unknown


@pytest.mark.parametrize(
    "text",
    ["VALUE LINE INC", "UNIDAD MEDICA DEL NORTE S.A. DE C.V.", "TOTAL PARTS SUPPLY", "PRECISION 2000"],
)
def test_a_name_with_caption_words_among_its_own_is_still_a_name(text: str) -> None:
    assert name_problem(text, "cfdi") is None


def test_a_receiver_read_as_the_mercancias_headings_goes_to_review() -> None:
    builder = _builder({"issuer_name": "MAQUILADORA DEL NORTE S.A. DE C.V.", "receiver_name": "Valor dólares Importe"})
    assert _codes("cfdi", builder) == ["name_shape"]
    assert _flagged(builder)


def test_a_signature_line_read_as_the_seller_goes_to_review() -> None:
    builder = _builder({"seller_name": "Karen Mitchell, GREAT", "buyer_name": "ACME S.A. DE C.V."})
    assert _codes("commercial_invoice", builder) == ["name_shape"]
    assert _flagged(builder)


def test_a_name_the_page_prints_longer_up_to_its_legal_form_was_cut() -> None:
    page = "Consignatario / Consignee\nDISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.\nRFC: ODD961220HT8"
    builder = _builder({"consignee_name": "DISPOSITIVOS"})
    assert _codes("bill_of_lading", builder, page) == ["name_cut"]
    whole = _builder({"consignee_name": "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."})
    assert _codes("bill_of_lading", whole, page) == []
    # a legal form whose last words ("DE C.V.") wrapped to the next line was read without them
    wrapped = "Destinatario / Consignee\nENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L.\nDE C.V.\nRFC: EAN011105HAA"
    short = _builder({"consignee_name": "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L."})
    assert _codes("bill_of_lading", short, wrapped) == ["name_cut"]
    # OCR may run the form's last letters into the next label ("DE C. Yserie y Folio")
    garbled = _builder({"issuer_name": "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L."})
    page = "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C. Yserie y Folio: A 99315"
    assert _codes("cfdi", garbled, page) == ["name_cut"]
    full = _builder({"consignee_name": "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L."})
    assert _codes("bill_of_lading", full, "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L.\nRFC: EAN011105HAA") == []
    # a name without a legal form printed beside other words (no legal form after it) is left alone
    alone = _builder({"shipper_name": "GREAT LAKES WIRE"})
    assert _codes("bill_of_lading", alone, "GREAT LAKES WIRE 800 Industrial Pkwy, Toledo") == []


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("MAEU 157387-4 5975271 9,115.20 45.073", "a container number"),
        ("TORNILLOS 10,649.70 35.246 20.1", "a row of figures"),
        ("PARTICULARS FURNISHED BY SHIPPER CARRIER NOT RESPONSIBLE", "the carrier's clause"),
        ("CABLE ELECTRICO AISLADO DE COBRE, SIN CONECTORES 85444919", "a tariff code"),
        ("CIRCUITO INTEGRADO MONOLITICO PARA TARJETA 85423923 ELECTRONICA", "a tariff code"),
        ("TORNILLO DE ACERO 7318.15.99", "a tariff code"),
        ("ARNES ELECTRICO PARA VEHICULO AUTOMOTOR VAN 645,726.39", "an amount"),
        ("TUERCA HEXAGONAL 1.234,50", "an amount"),
    ],
)
def test_a_description_of_another_kind_is_told(text: str, held: str) -> None:
    assert description_problem(text) == held


@pytest.mark.parametrize(
    "text",
    [
        "LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM",
        "TUBO DE ACERO 0.5 X 1.5 MM",
        "CAJA DE CARTON CORRUGADO PARA EMPAQUE",
        "ROLLO DE PELICULA 1200 MM X 500 M",  # figures with units are measures, not codes
        "CONECTOR P/N 12345678-01",  # a part number's figures are no tariff code
    ],
)
def test_real_descriptions_pass(text: str) -> None:
    assert description_problem(text) is None
    assert heading_run(text, column_words("pedimento")) is None


def test_a_description_holding_the_contributions_headings_goes_to_review() -> None:
    text = "FUENTE DE PODER CONMUTADA PARA EQUIPO INDUSTRIAL CONTRIB. TASA T.T. F.P. IMPORTE"
    assert heading_run(text, column_words("pedimento")) == "CONTRIB. TASA T.T. F.P. IMPORTE"
    builder = _builder({}, ({"description": text},))
    assert _codes("pedimento", builder) == ["description_shape"]
    assert _flagged(builder)


def test_a_partida_description_ending_in_its_identifier_goes_to_review() -> None:
    page = "1 85334099 99 1 1 6 478.000 6 478.00000 CHN CHN\nLAMINA DE ALEACION DE ALUMINIO\nIGI 0.00000 1 0 0\nTL \n"
    builder = _builder({"immex_program": "6549-2005"}, ({"description": "LAMINA DE ALEACION DE ALUMINIO TL"},))
    assert _codes("pedimento", builder, page) == ["description_shape"]
    right = _builder({"immex_program": "6549-2005"}, ({"description": "LAMINA DE ALEACION DE ALUMINIO"},))
    assert _codes("pedimento", right, page) == []


def test_a_description_ending_in_the_caption_of_the_row_under_it_goes_to_review() -> None:
    page = (
        "1 8544300200 0 1 6 533.000 6 533.000 USA USA 17,371.00 353,201\n"
        "ARNES ELECTRICO PARA VEHICULO AUTOMOTOR IVA 16.00000 1 0 0\n"
        "CODIGO PRODUCTO: PN37687-78\n"
    )
    builder = _builder({}, ({"description": "ARNES ELECTRICO PARA VEHICULO AUTOMOTOR CODIGO PRODUCTO"},))
    assert _codes("pedimento", builder, page) == ["description_shape"]
    assert _flagged(builder)
    right = _builder({}, ({"description": "ARNES ELECTRICO PARA VEHICULO AUTOMOTOR"},))
    assert _codes("pedimento", right, page) == []
    # a word of the description that the page prints as a caption somewhere else, but not at its end, is no slip
    inside = _builder({}, ({"description": "CODIGO DE BARRAS IMPRESO"},))
    assert _codes("pedimento", inside, "CODIGO: 12\n") == []
    # a wrapped description's last word with a speck OCR read as a colon is no caption
    wrapped = _builder({}, ({"description": "CAPACITOR CERAMICO MULTICAPA DE MONTAJE SUPERFICIAL"},))
    assert _codes("commercial_invoice", wrapped, "CAPACITOR CERAMICO MULTICAPA DE MONTAJE\nsuperficial :\n") == []


def test_an_immex_program_printed_as_the_im_identifier_but_not_read_goes_to_review() -> None:
    page = "IDENTIFICADOR: ED COMPLEMENTO 1: 02881713808467\nIDENTIFICADOR: IM COMPLEMENTO 1: 6549-2005\n"
    builder = _builder({"pedimento_number": "244012704011513"})
    assert _codes("pedimento", builder, page) == ["unread_value"]
    read = _builder({"immex_program": "6549-2005"})
    assert _codes("pedimento", read, page) == []


def test_part_numbers_starting_with_their_row_number_go_to_review() -> None:
    lines = ({"part_number": "1 KD-262B SKU-109806"}, {"part_number": "2 SKU-884330"})
    builder = _builder({}, lines)
    assert _codes("commercial_invoice", builder) == ["part_number_shape"]
    right = _builder({}, ({"part_number": "SKU-109806"}, {"part_number": "1 200-44"}))  # row 2 starts with 1
    assert _codes("commercial_invoice", right) == []


def test_both_parties_under_one_name_with_different_rfcs_go_to_review() -> None:
    fields = {
        "issuer_name": "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.",
        "receiver_name": "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.",
        "issuer_rfc": "TOO150306LL0",
        "receiver_rfc": "XEXX010101000",
    }
    assert _codes("cfdi", _builder(fields)) == ["same_party"]
    # a transfer (traslado) between a company and itself prints one name and one RFC twice
    assert _codes("cfdi", _builder({**fields, "receiver_rfc": "TOO150306LL0"})) == []


def test_a_name_with_a_label_glued_after_its_legal_form_goes_to_review() -> None:
    assert name_problem("ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V.RFC") is not None
    assert name_problem("ACME INC 800 Industrial Pkwy") is not None
    assert name_problem("SHENZHEN GUANGMING ELECTRONICS CO., LTD.") is None
    assert name_problem("MEDITERRANEAN SHIPPING COMPANY S.A.") is None


def test_a_description_that_is_a_figure_and_its_unit_goes_to_review() -> None:
    assert description_problem("15,315.1 LBS") is not None
    assert description_problem("TORNILLO M6 X 20 MM") is None


def test_headings_joined_by_slashes_inside_a_description_are_told() -> None:
    text = "Marks and Numbers; Container No./Seal No."
    assert heading_run(text, column_words("bill_of_lading")) is not None


def test_a_vessel_or_place_that_is_small_print_goes_to_review() -> None:
    builder = _builder({"vessel": "(see clause 1 + 19)", "port_of_loading": "NINGBO, CHINA"})
    assert _codes("bill_of_lading", builder) == ["value_shape"]
    place = _builder({"place_of_delivery": "Applicable only when document used as Multimodal Transport"})
    assert _codes("bill_of_lading", place) == ["value_shape"]
    right = _builder({"vessel": "CMA CGM ANTOINE DE SAINT EXUPERY", "place_of_delivery": "QUERETARO, QRO."})
    assert _codes("bill_of_lading", right) == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("(CIENTO SEIS MIL OCHOCIENTOS OCHENTA Y SIETE DÓLARES 50/100 USD)", 106887.5),
        ("DOS MILLONES TRESCIENTOS CUARENTA MIL QUINIENTOS UN PESOS 05/100 M.N.", 2340501.05),
        ("SON: MIL DOSCIENTOS PESOS 00/100 MN", 1200.0),
    ],
)
def test_spanish_amounts_in_words(text: str, amount: float) -> None:
    assert spanish_amounts(text) == [amount]


def test_a_total_read_as_its_cents_goes_to_review() -> None:
    page = "Subtotal 1,338,895.54\nTotal 1,338,895.54\n(UN MILLON TRESCIENTOS TREINTA Y OCHO MIL OCHOCIENTOS NOVENTA Y"
    page += " CINCO DOLARES 54/100 USD)"
    builder = _builder({"total": 54.0})
    assert _codes("cfdi", builder, page) == ["totals_mismatch"]
    right = _builder({"total": 1338895.54, "subtotal": 1338895.54})
    assert _codes("cfdi", right, page) == []
    # words that no figure of the page repeats (a rough "SON:" line) are not trusted
    rough = _builder({"total": 622032.45, "subtotal": 622032.45})
    assert _codes("cfdi", rough, "SON: NUEVE MIL DOS DOLARES 45/100 USD Subtotal USD 622,032.45") == []


def test_a_total_far_from_the_subtotal_goes_to_review() -> None:
    assert _codes("cfdi", _builder({"total": 62.0, "subtotal": 409387.62})) == ["totals_mismatch"]
    assert _codes("cfdi", _builder({"total": 116.0, "subtotal": 100.0})) == []


def test_a_cfdi_with_its_foreign_trade_complement_unread_goes_to_review() -> None:
    page = "COMERCIO EXTERIOR Incoterm: FCA\nNo. Parte Fracción Cant. Aduana\nFG35825-1 94054199 2,506.00 06 52,400.46"
    lines = ({"description": "MODULO LED", "quantity": 2506.0},)
    assert _codes("cfdi", _builder({}, lines), page) == ["unread_value"]
    read = ({"description": "MODULO LED", "quantity": 2506.0, "tariff_code": "94054199"},)
    assert _codes("cfdi", _builder({}, read), page) == []
    assert _codes("cfdi", _builder({}, lines), "Total 2,506.00") == []


def test_a_container_weight_taken_from_the_next_container_goes_to_review() -> None:
    page = (
        "MSCU5146231\n40 DRY 9'6\nSeal Number: EU7945662\n9 CRATES\nCAPACITOR CERAMICO\n12766.500 kgs 67.589 cu. m\n"
        "OOLU2351022\n45G1\nSeal Number: EU5407699\n6 CRATES\nCAPACITOR CERAMICO\n13892.100 kgs 70.1 cu. m\n"
    )
    lines = (
        {"container_number": "MSCU5146231", "gross_weight_kg": 13892.1},
        {"container_number": "OOLU2351022", "gross_weight_kg": 13892.1},
    )
    assert _codes("bill_of_lading", _builder({}, lines), page) == ["value_mismatch"]
    right = (
        {"container_number": "MSCU5146231", "gross_weight_kg": 12766.5},
        {"container_number": "OOLU2351022", "gross_weight_kg": 13892.1},
    )
    assert _codes("bill_of_lading", _builder({}, right), page) == []
    # a row whose container cell sits below its figures reads the other way round, and passes too
    rows = (
        "48 CTNS 1089.3 PIEZA DE PLASTICO\n3045037 CMAU5427962\n45 CTNS 8785.4 PIEZA DE PLASTICO\nML-26 OOLU5510560\n"
    )
    below = (
        {"container_number": "CMAU5427962", "gross_weight_kg": 1089.3},
        {"container_number": "OOLU5510560", "gross_weight_kg": 8785.4},
    )
    assert _codes("bill_of_lading", _builder({}, below), rows) == []


def test_a_labelled_value_the_reading_lacks_goes_to_review() -> None:
    page = "Incoterm: FCA Country of origin: CHINA\nCurrency: USD"
    builder = _builder({"incoterm": "FCA", "currency": "USD"})
    assert _codes("commercial_invoice", builder, page) == ["unread_value"]
    assert builder.warnings[0]["field"] == "origin_country"
    read = _builder({"incoterm": "FCA", "currency": "USD", "origin_country": "CHN"})
    assert _codes("commercial_invoice", read, page) == []
    # a one-word label inside a longer one ("MEDIO DE PRESENTACION:") is not the label
    pedimento = _builder({"pedimento_number": "244012704011513"})
    assert _codes("pedimento", pedimento, "NUMERO DE OPERACION: 145180549 MEDIO DE PRESENTACION: 1") == []


def test_a_totals_row_the_reading_lacks_goes_to_review() -> None:
    """A totals block prints its label and a figure on one row without a colon ("Subtotal $227.26", even broken
    by OCR): a subtotal printed so and not read was left unread; one read, or a label in running text, is not."""
    page = "Subtotal 5227520\nFreight $4.55\nTotal Due (USD) $231.81"
    builder = _builder({"total_amount": 231.81})
    assert _codes("commercial_invoice", builder, page) == ["unread_value"]
    assert builder.warnings[0]["field"] == "subtotal_amount"
    read = _builder({"total_amount": 231.81, "subtotal_amount": 227.26})
    assert _codes("commercial_invoice", read, page) == []
    prose = "Subtotal of the goods in 3 boxes\nTotal Due (USD) $231.81"
    assert _codes("commercial_invoice", _builder({"total_amount": 231.81}), prose) == []


def test_a_label_under_each_item_is_the_items_not_a_header_value_left_unread() -> None:
    page = "10 MAT-1 Empaque 100 PC 1.00 100.00\nUrsprungsland / Country of origin: UNITED STATES\nIncoterm: FCA"
    items = ({"part_number": "MAT-1", "quantity": 100, "origin_country": "USA"},)
    assert _codes("commercial_invoice", _builder({"incoterm": "FCA"}, items), page) == []
    # lines that carry no origin leave the printed one unread
    bare = ({"part_number": "MAT-1", "quantity": 100},)
    assert _codes("commercial_invoice", _builder({"incoterm": "FCA"}, bare), page) == ["unread_value"]


def test_a_value_under_a_label_that_fills_its_line_the_reading_lacks_goes_to_review() -> None:
    page = (
        "RFC\nTIH940502AR6\nNOMBRE, DENOMINACION O RAZON SOCIAL\nENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V."
    )
    builder = _builder({"importer_exporter_rfc": "TIH940502AR6"})
    assert _codes("pedimento", builder, page) == ["unread_value"]
    assert builder.warnings[0]["field"] == "importer_exporter_name"
    # a label of no field (DESTINO) over its value, or a label over another label, says nothing
    assert _codes("pedimento", _builder({"clave": "A1"}), "DESTINO\n9\nRFC\nCURP\n") == []


def test_a_line_figure_taken_from_another_row_goes_to_review() -> None:
    page = (
        "ITEM PART NO. DESCRIPTION QTY UNIT PRICE AMOUNT\n1 SKU-1001 CABLE 10 2.50 25.00\n2 SKU-1002 TAPE 4 1.00 4.00"
    )
    lines = (
        {"part_number": "SKU-1001", "quantity": 10.0, "unit_price": 2.5, "amount": 25.0},
        {"part_number": "SKU-1002", "quantity": 10.0, "unit_price": 1.0, "amount": 4.0},
    )
    assert _codes("commercial_invoice", _builder({}, lines), page) == ["value_mismatch"]
    right = (
        {"part_number": "SKU-1001", "quantity": 10.0, "unit_price": 2.5, "amount": 25.0},
        {"part_number": "SKU-1002", "quantity": 4.0, "unit_price": 1.0, "amount": 4.0},
    )
    assert _codes("commercial_invoice", _builder({}, right), page) == []


def test_a_line_figure_ocr_read_apart_in_its_columns_block_is_no_mismatch() -> None:
    """A scan's OCR may read a table column by column: the unit prices come as a block of lone figures under
    their heading, away from their rows. Their rows cannot gainsay them; a figure in another row still can."""
    page = (
        "Cantidad Clave No. identificación Descripción\n2,297.00 H87 M68545-7 TABLERO\n2,352.00 H87 EX3652-1 ARNES\n"
        "Valor unitario\n$26.77\n\n$108.90\nImporte\n$61,490.69\n$256,132.80"
    )
    lines = (
        {"part_number": "M68545-7", "quantity": 2297.0, "unit_price": 26.77, "amount": 61490.69},
        {"part_number": "EX3652-1", "quantity": 2352.0, "unit_price": 108.9, "amount": 256132.8},
    )
    assert _codes("cfdi", _builder({}, lines), page) == []
    swapped = (lines[0], {**lines[1], "quantity": 2297.0})
    assert _codes("cfdi", _builder({}, swapped), page) == ["value_mismatch"]


def test_a_mark_ocr_left_between_words_of_a_name_or_description_goes_to_review() -> None:
    """A point glued between two words, a point or dash after a joining word, an 8 for an ampersand: marks a
    scan leaves that the print has not."""
    for name in ("GREAT.LAKES WIRE & CABLE LLC", "GREAT LAKES WIRE 8 CABLE LLC", "ARNESES DEL BAJIO S.A. DE-C.V."):
        assert _codes("commercial_invoice", _builder({"buyer_name": name})) == ["name_shape"]
    lines = ({"description": "MODULO DE. ILUMINACION LED PARA INTERIOR"},)
    assert _codes("commercial_invoice", _builder({}, lines)) == ["description_shape"]


def test_points_and_figures_a_name_or_description_does_print_are_no_mark() -> None:
    names = ("INDUSTRIAS DEL NORTE S. DE R.L. DE C.V.", "AMAZON.COM SERVICES LLC", "MFG. CO. LTD.", "CIA. DE MINAS")
    for name in names:
        assert _codes("commercial_invoice", _builder({"buyer_name": name})) == []
    lines = ({"description": "CONECTOR DE 8 PINES, CON CABLE"},)
    assert _codes("commercial_invoice", _builder({}, lines)) == []


def test_a_partida_quantity_taken_from_another_partida_goes_to_review() -> None:
    page = (
        "1 85334099 99 1 1 6 478.000 6 478.00000 CHN CHN\nRESISTENCIA VARIABLE\n8563 8354 17.47699 0\n"
        "2 85423999 99 1 1 6 755.000 6 755.00000 CHN USA\nCIRCUITO INTEGRADO\n56161 55495 73.50331 0\n"
    )
    first = {"sequence": 1, "tariff_code": "85334099", "umc_quantity": 478.0, "customs_value_mxn": 8563.0}
    second = {"sequence": 2, "tariff_code": "85423999", "umc_quantity": 755.0, "customs_value_mxn": 56161.0}
    assert _codes("pedimento", _builder({}, (first, second)), page) == []
    swapped = {**second, "customs_value_mxn": 8563.0}
    assert _codes("pedimento", _builder({}, (first, swapped)), page) == ["value_mismatch"]


def test_figures_ocr_read_as_a_block_apart_or_with_parted_decimals_are_still_printed() -> None:
    # a scan's right-hand columns read top to bottom as a block after the table: the figures lost their rows
    page = (
        "1 85334099 99 1 1 6 478.000 6 478.00000 CHN CHN\nRESISTENCIA VARIABLE\n"
        "2 85423999 99 1 1 6 755.000 6 755.00000 CHN USA\nCIRCUITO INTEGRADO\n"
        "3 85423999 99 1 1 6 12.000 6 12.00000 CHN USA\nCIRCUITO INTEGRADO\n"
        "Valor aduana Precio pagado\n8,563.00 8354\n56,161.00 55495\n1,150.00 1140 PN-44871\n"
    )
    first = {"sequence": 1, "tariff_code": "85334099", "umc_quantity": 478.0, "customs_value_mxn": 8563.0}
    second = {"sequence": 2, "tariff_code": "85423999", "umc_quantity": 755.0, "customs_value_mxn": 56161.0}
    third = {"sequence": 3, "tariff_code": "85423999", "umc_quantity": 12.0, "customs_value_mxn": 1150.0}
    assert _codes("pedimento", _builder({}, (first, second, third)), page) == []
    # a figure no row nor block prints is still told
    wrong = {**third, "customs_value_mxn": 1510.0}
    assert _codes("pedimento", _builder({}, (first, second, wrong)), page) == ["value_mismatch"]
    # the decimals OCR set apart by a space belong to their figure
    parted = "1 85334099 99 1 1 6 478.000 6 478.00000\n1724718 .96 29511149\n2 85423999 99 1 1 6 755.000\n56161\n"
    big = {**first, "customs_value_mxn": 1724718.96}
    assert _codes("pedimento", _builder({}, (big, second)), parted) == []


def test_money_columns_ocr_read_as_a_block_with_blank_lines_between_are_still_printed() -> None:
    page = (
        "No. Ident.\nFG7093-1\n\nM37352-9\n\nFG51927-8\n"
        "P. Unitario Importe\n$13.94 $30,891.04\n\n$34.99 $130,932.58\n$113.93 $97,182.29.\n"
    )
    rows = (("FG7093-1", 2216.0, 13.94, 30891.04), ("M37352-9", 3742.0, 34.99, 130932.58))
    rows += (("FG51927-8", 853.0, 113.93, 97182.29),)
    # (each column read apart from the rows, its figures in the lines' order)
    lines = tuple({"part_number": p, "quantity": q, "unit_price": u, "amount": a} for p, q, u, a in rows)
    page += "Cant.\n2,216.000 H87\n\n3,742.000 H87\n853.000 H87\n"
    assert _codes("cfdi", _builder({}, lines), page) == []


def test_a_description_cut_short_goes_to_review() -> None:
    page = "1 48191001 CAJA DE CARTON CORRUGADO PARA EMPAQUE 10 2.50 25.00"
    cut = _builder({}, ({"description": "CAJA DE CARTON CORRUGADO"},))
    assert _codes("commercial_invoice", cut, page) == ["description_shape"]
    joined = _builder({}, ({"description": "MODULO DE ILUMINACION LED PARA"},))
    assert _codes("commercial_invoice", joined, "MODULO DE ILUMINACION LED PARA\nINTERIOR") == ["description_shape"]
    whole = _builder({}, ({"description": "CAJA DE CARTON CORRUGADO PARA EMPAQUE"},))
    assert _codes("commercial_invoice", whole, page) == []
    # a description followed by its unit or a short code on its row is whole
    unit = _builder({}, ({"description": "Cable electrico aislado", "part_number": "A-752288"},))
    assert _codes("commercial_invoice", unit, "1 A-752288 Cable electrico aislado PCS 10.097") == []


def test_an_rfc_whose_check_character_was_misread_as_a_letter_goes_to_review() -> None:
    assert _codes("commercial_invoice", _builder({"buyer_tax_id": "ZJJ030910TMO"})) == ["value_shape"]
    assert _codes("commercial_invoice", _builder({"buyer_tax_id": "ZJJ030910TM0"})) == []
    assert _codes("commercial_invoice", _builder({"seller_tax_id": "64211620"})) == []  # not an RFC at all
    assert name_problem("Reference") == "a label"


@pytest.mark.parametrize("text", ["SAME AS", "SAME AS CONSIGNEE", "As above", "IDEM", "Igual que el consignatario"])
def test_a_name_that_points_at_another_party_goes_to_review(text: str) -> None:
    """ "Buyer (if other than consignee)" over "SAME AS CONSIGNEE" names nobody: the buyer read as "SAME AS" is
    no name."""
    assert name_problem(text) == "a reference to another party"
    builder = _builder({"buyer_name": text, "seller_name": "NARMADA WIRES & CABLES PVT LTD"})
    assert _codes("commercial_invoice", builder) == ["name_shape"]
    assert _flagged(builder)


@pytest.mark.parametrize("text", ["SAME DAY DELIVERY LLC", "SAMEX S.A. DE C.V.", "IGUALDAD INDUSTRIAL S.A."])
def test_names_that_start_like_a_pointer_pass(text: str) -> None:
    assert name_problem(text) is None


def test_a_name_read_with_its_label_goes_to_review() -> None:
    """The bank's line of the payment details read whole ("Bank: UBS Switzerland") is a label and its value."""
    assert name_problem("Bank: UBS Switzerland") == "a label"
    assert name_problem("UBS Switzerland AG") is None


def test_a_tariff_number_inside_an_invoice_description_goes_to_review() -> None:
    """An HSN or fracción column read into the goods' words (``… SIN CONECTORES 85444919``)."""
    for text in ("CABLE ELECTRICO AISLADO DE COBRE, SIN CONECTORES 85444919", "PIEZA DE 39269045 CARCASA"):
        builder = _builder({}, ({"description": text},))
        assert _codes("commercial_invoice", builder) == ["description_shape"]
        assert _flagged(builder)
    for text in ("Partes para transformadores 8504.90.99",):
        assert _codes("commercial_invoice", _builder({}, ({"description": text},))) == ["description_shape"]
    for text in ("BEARING 6204-2RS", "TORNILLO M8 X 20 MM", "LOTE 2024-05-12", "LAMINA ESPESOR 0.2 MM"):
        assert _codes("commercial_invoice", _builder({}, ({"description": text},))) == []


def test_a_totals_row_read_into_the_last_description_goes_to_review() -> None:
    builder = _builder({}, ({"description": "Conector electrico para circuito impreso Netto Net 487.53"},))
    assert _codes("commercial_invoice", builder) == ["description_shape"]
    for text in ("CABLE TOTAL LENGTH 2.50", "NET WEIGHT 2.50", "TORNILLO M8 12.50"):
        assert _codes("commercial_invoice", _builder({}, ({"description": text},))) == []


def test_a_label_with_a_dash_after_it_says_the_field_is_empty_not_that_the_next_line_is_its_value() -> None:
    pedimento = _builder({"pedimento_number": "243022154324536"})
    assert _codes("pedimento", pedimento, "IMMEX program -\nValidation receipt NI1D6SJ2") == []
    assert _codes("pedimento", pedimento, "PROGRAMA IMMEX\n8525-2016") == ["unread_value"]


def test_columns_read_one_after_the_other_in_the_lines_order_agree_a_swap_does_not() -> None:
    page = (
        "MSCU8142311\nSeal Number: 1416067\nMAEU 4410280\nSeal Number: SH6033909\n"
        "47 CRATES\nCABLE ELECTRICO\n54 CRATES\nCABLE ELECTRICO\n17861.500 kgs\n\n17675.800 kgs\n"
    )
    first = {"container_number": "MSCU8142311", "package_count": 47, "gross_weight_kg": 17861.5}
    second = {"container_number": "MAEU4410280", "package_count": 54, "gross_weight_kg": 17675.8}
    assert _codes("bill_of_lading", _builder({}, (first, second)), page) == []
    swapped = ({**first, "package_count": 54}, {**second, "package_count": 47})
    assert _codes("bill_of_lading", _builder({}, swapped), page) == ["value_mismatch"]


def test_a_figure_the_reader_put_right_from_the_lines_arithmetic_is_no_slip() -> None:
    page = (
        "A-757925 Cable electrico 8544.49.99 4 PCS 2.1376 87.64\n"
        "A-988286 Cable electrico 8544.49.99 503 PCS 0.3353 168.66\n"
    )
    first = {
        "part_number": make_field("A-757925", 0.9, raw="A-757925"),
        "quantity": make_field(41.0, 0.7, raw="4"),  # OCR lost a digit; 41 x 2.1376 = 87.64
        "unit_price": make_field(2.1376, 0.9, raw="2.1376"),
        "amount": make_field(87.64, 0.9, raw="87.64"),
    }
    second = {
        "part_number": make_field("A-988286", 0.9, raw="A-988286"),
        "quantity": make_field(503.0, 0.9, raw="503"),
        "unit_price": make_field(0.3353, 0.9, raw="0.3353"),
        "amount": make_field(168.66, 0.9, raw="168.66"),
    }
    builder = ResultBuilder()
    builder.add_line(first)
    builder.add_line(second)
    assert _codes("commercial_invoice", builder, page) == []
    # a quantity the arithmetic does not give is still told
    wrong = ResultBuilder()
    wrong.add_line({**first, "quantity": make_field(42.0, 0.7, raw="4")})
    wrong.add_line(second)
    assert _codes("commercial_invoice", wrong, page) == ["value_mismatch"]


def test_a_price_whose_point_ocr_read_as_a_colon_is_no_slip_where_the_arithmetic_holds() -> None:
    page = (
        "1 EX91905-4 ARNES ELECTRICO 336.000 H87 25:52 8,574.72\n2 EX46428-9 DISPOSITIVO 1,897.000 H87 5.44 10,319.68\n"
    )
    first = {
        "part_number": make_field("EX91905-4", 0.9, raw="EX91905-4"),
        "quantity": make_field(336.0, 0.9, raw="336.000"),
        "unit_price": make_field(25.52, 0.9, raw="25:52"),
        "amount": make_field(8574.72, 0.9, raw="8,574.72"),
    }
    second = {
        "part_number": make_field("EX46428-9", 0.9, raw="EX46428-9"),
        "quantity": make_field(1897.0, 0.9, raw="1,897.000"),
        "unit_price": make_field(5.44, 0.9, raw="5.44"),
        "amount": make_field(10319.68, 0.9, raw="10,319.68"),
    }
    builder = ResultBuilder()
    builder.add_line(first)
    builder.add_line(second)
    assert _codes("cfdi", builder, page) == []
    # the same price where the arithmetic does not hold is still told
    wrong = ResultBuilder()
    wrong.add_line({**first, "unit_price": make_field(25.62, 0.9, raw="25:62")})
    wrong.add_line(second)
    assert _codes("cfdi", wrong, page) == ["value_mismatch"]


def test_a_field_the_page_marks_empty_is_no_unread_value() -> None:
    builder = _builder({"pedimento_number": "254334445055902"})
    assert _codes("pedimento", builder, "Programa IMMEX: N/A\nVencimiento: N/A\n") == []
    assert "unread_value" in _codes("pedimento", builder, "Programa IMMEX: 7246-2013\n")


def test_a_description_that_names_no_goods_or_ends_in_a_stray_figure_goes_to_review() -> None:
    """``mm``, a wrapped description's tail read alone; ``… ENSAMBLADO 2``, a page count's last figure read under the
    last partida. A description ending in a figure the page prints after it stays unflagged."""
    page = "1 85371099 99 tablero electronico de control ensamblado 6 890.000 USA\nhoja 1 de 2\ncable cal. 12\n"
    for description in ("mm", "tablero electronico de control ensamblado 2", "cable cal. 12"):
        codes = _codes("pedimento", _builder({}, ({"description": description},)), page)
        assert codes == ([] if description == "cable cal. 12" else ["description_shape"]), description


def test_a_party_name_made_of_column_captions_goes_to_review() -> None:
    # the heading row of a Comercio Exterior annex read where the receiver's name stands
    builder = _builder({"issuer_name": "ACME S.A. DE C.V.", "receiver_name": "Valor unitario aduana Valor dólares"})
    assert _codes("cfdi", builder) == ["name_shape"]
    assert _flagged(builder)
    named = _builder({"issuer_name": "ACME S.A. DE C.V.", "receiver_name": "PACIFIC COMPONENTS INC"})
    assert _codes("cfdi", named) == []
    # a name with a word or two that are also captions is still a name
    assert _codes("commercial_invoice", _builder({"seller_name": "TOTAL PARTS SUPPLY"})) == []
    assert _codes("commercial_invoice", _builder({"seller_name": "Descripción Cantidad Importe"})) == ["name_shape"]


def _origin_reading(origin: dict[str, object] | None, line_origins: tuple[str, ...]) -> ResultBuilder:
    builder = _builder(
        {"seller_name": "BORDER INDUSTRIAL SUPPLY LLC", "buyer_name": "ACME S.A. DE C.V."},
        tuple({"description": "Tornillo de acero", "origin_country": country} for country in line_origins),
    )
    if origin is not None:
        builder.fields["origin_country"] = origin
    return builder


def test_an_invoice_origin_printed_nowhere_beside_per_item_origins_goes_to_review() -> None:
    page = "\n".join(
        ["BORDER INDUSTRIAL SUPPLY LLC", "6500 Montana Ave, El Paso, TX 79925", "Ln Description COO Qty", "1 A-1 US 5"]
    )
    inferred = {"value": "USA", "confidence": 0.75, "page": None, "bbox": None, "raw": "USA"}
    builder = _origin_reading(inferred, ("USA", "CHN"))
    assert _codes("commercial_invoice", builder, page) == ["unstated_value"]
    assert _flagged(builder)
    # read at its label on the page: a reading, not an inference
    read = {"value": "USA", "confidence": 0.9, "page": 1, "bbox": [10.0, 10.0, 30.0, 18.0], "raw": "USA"}
    assert _codes("commercial_invoice", _origin_reading(read, ("USA",)), page) == []
    # the lines state no origin: the letterhead's country is the only one the invoice offers
    assert _codes("commercial_invoice", _origin_reading(inferred, ()), page) == []
    # the issuer names itself the exporter: its country is the shipment's
    exporter = page + "\nExporter: BORDER INDUSTRIAL SUPPLY LLC"
    assert _codes("commercial_invoice", _origin_reading(inferred, ("USA",)), exporter) == []


def test_a_quantity_worked_out_from_the_lines_arithmetic_where_ocr_read_letters_is_no_slip() -> None:
    # OCR read the quantity 505 as "SUS": the reader gave it from price and amount (no raw of its own)
    page = "5 A-400980 Resistencia variable SUS ROS 0,9721 490,91\n6 A-988286 Cable electrico 503 PCS 0,3353 168,66\n"
    first = {
        "part_number": make_field("A-400980", 0.9, raw="A-400980"),
        "quantity": make_field(505.0, 0.7),
        "unit_price": make_field(0.9721, 0.9, raw="0,9721"),
        "amount": make_field(490.91, 0.9, raw="490,91"),
    }
    second = {
        "part_number": make_field("A-988286", 0.9, raw="A-988286"),
        "quantity": make_field(503.0, 0.9, raw="503"),
        "unit_price": make_field(0.3353, 0.9, raw="0,3353"),
        "amount": make_field(168.66, 0.9, raw="168,66"),
    }
    builder = ResultBuilder()
    builder.add_line(first)
    builder.add_line(second)
    assert _codes("commercial_invoice", builder, page) == []
    # one the arithmetic does not give (taken from elsewhere) is still told
    wrong = ResultBuilder()
    wrong.add_line({**first, "quantity": make_field(503.0, 0.7)})
    wrong.add_line(second)
    assert _codes("commercial_invoice", wrong, page) == ["value_mismatch"]


def test_a_figure_whose_thousands_comma_ocr_read_as_a_point_is_still_printed() -> None:
    page = (
        "39269099 FUENTE DE PODER EX38288-6 4.482.000 H87 $26.07 $116,845.74\n"
        "43201800 ARNES ELECTRICO EX4770-1 3,125.000 H87 $11.05 $34,531.25\n"
    )
    first = {"part_number": "EX38288-6", "quantity": 4482.0, "unit_price": 26.07, "amount": 116845.74}
    second = {"part_number": "EX4770-1", "quantity": 3125.0, "unit_price": 11.05, "amount": 34531.25}
    assert _codes("cfdi", _builder({}, (first, second)), page) == []
    # a quantity the row does not print is still told
    assert _codes("cfdi", _builder({}, ({**first, "quantity": 3125.0}, second)), page) == ["value_mismatch"]


def test_part_numbers_every_row_prints_but_no_line_read_go_to_review() -> None:
    page = (
        "ACTIVITY DESCRIPTION QTY RATE AMOUNT\n"
        "SKU-252951 Empaque de hule vulcanizado no endurecido 11,318 0.4907 5,553.74\n"
        "Plastics:PN-380871 Conector electrico para circuito impreso 109 0.9375 102.19\n"
    )
    lines = (
        {"description": "Empaque de hule vulcanizado no endurecido", "quantity": 11318.0},
        {"description": "Conector electrico para circuito impreso", "quantity": 109.0},
    )
    builder = _builder({}, lines)
    assert _codes("commercial_invoice", builder, page) == ["unread_value"]
    assert _flagged(builder)
    # read into the descriptions: the same column lost
    glued = _builder({}, tuple({**line, "description": "SKU-1" + "23456 " + line["description"]} for line in lines))
    assert _codes("commercial_invoice", glued, page.replace("SKU-252951", "SKU-123456")) == ["unread_value"]
    # read: nothing to say; rows without such codes: nothing to say
    read = _builder({}, tuple({**line, "part_number": code} for line, code in zip(lines, ("SKU-252951", "PN-380871"))))
    assert _codes("commercial_invoice", read, page) == []
    plain = "Empaque de hule vulcanizado no endurecido 11,318 0.4907 5,553.74\nConector electrico para circuito 109\n"
    assert _codes("commercial_invoice", _builder({}, lines), plain) == []


def test_a_folio_fiscal_read_from_another_identifiers_label_goes_to_review() -> None:
    page = (
        "IdCCP: CCC03A16-19DC-41E0-A5A1-CAF1D896ED80 Transporte internacional: Si\n"
        "||1.1|06C03A16-19DC-41E0-A5A1-CAF1D896ED80|2025-01-12T11:37:37|SAT970701NN3||\n"
    )
    wrong = _builder({"uuid": "CCC03A16-19DC-41E0-A5A1-CAF1D896ED80"})
    assert _codes("cfdi", wrong, page) == ["value_mismatch"]
    assert _flagged(wrong)
    right = _builder({"uuid": "06C03A16-19DC-41E0-A5A1-CAF1D896ED80"})
    assert _codes("cfdi", right, page) == []
    labelled = _builder({"uuid": "06C03A16-19DC-41E0-A5A1-CAF1D896ED80"})
    assert _codes("cfdi", labelled, "Folio fiscal: 06C03A16-19DC-41E0-A5A1-CAF1D896ED80") == []


def test_a_partida_description_holding_a_currency_code_goes_to_review() -> None:
    # the value column's currency (``USD 1,360.50`` beside the description's first line) read into the words
    builder = _builder({}, ({"description": "FUENTE DE PODER CONMUTADA USD PARA EQUIPO INDUSTRIAL"},))
    assert _codes("pedimento", builder) == ["description_shape"]
    assert _flagged(builder)
    assert _codes("pedimento", _builder({}, ({"description": "VALVULA DE ACERO M.N. PARA GAS"},))) == [
        "description_shape"
    ]
    # the right reading, and words that only hold those letters, pass
    for text in ("FUENTE DE PODER CONMUTADA PARA EQUIPO INDUSTRIAL", "CABLE USB PARA CARGADOR", "EUROCONECTOR"):
        assert _codes("pedimento", _builder({}, ({"description": text},))) == []
    # an invoice line may name its currency (a freight or service charge): not checked there
    assert _codes("commercial_invoice", _builder({}, ({"description": "FREIGHT CHARGE USD"},))) == []


def test_a_name_followed_on_its_line_by_the_other_partys_name_was_not_cut() -> None:
    """Two parties' blocks side by side, joined into one line (as OCR reads them): the words after the seller's
    name are the buyer's name, not the rest of the seller's."""
    page = "Proveedor: Bill To\nTOKAI SEIMITSU KOGYO KK DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.\n"
    beside = _builder(
        {"seller_name": "TOKAI SEIMITSU KOGYO KK", "buyer_name": "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."}
    )
    assert _codes("commercial_invoice", beside, page) == []
    cut = _builder({"seller_name": "TOKAI SEIMITSU", "buyer_name": "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."})
    assert _codes("commercial_invoice", cut, "TOKAI SEIMITSU KOGYO S.A. DE C.V.\n") == ["name_cut"]
