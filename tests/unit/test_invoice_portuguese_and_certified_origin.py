"""Invoices of two more kinds: a Brazilian exporter's Portuguese / English invoice (the CNPJ as its tax id, a row of
captioned boxes with the number under ``Nº / No.``, the origin under its caption beside other boxes', a Mercosur
NCM column that is not the Mexican fracción, the goods' value at their price term as the subtotal, a Portuguese
page-break notice) and a US supplier's invoice carrying a certification of origin (numbered data elements, tick
boxes, a signer's line before the company, an origin criterion per item). Each rule has its own small page."""

from __future__ import annotations

from extractors import layout
from extractors.invoice_lines import LINE_COLUMNS, _page_notice
from extractors.invoice_values import parse_tax_id
from extractors.result import ResultBuilder
from extractors.review import _layout_agreement, _money
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

FATURA_ROWS: list[tuple[float, str]] = [
    (40, "METALURGICA VALE DO PARAIBA LTDA.                              FATURA COMERCIAL"),
    (40, "Av. Industrial 2500, Taubate - SP                              COMMERCIAL INVOICE"),
    (40, "CNPJ: 59.773.069/0001-09    Inscricao Estadual: 302.902.540.782"),
    (40, "No / No.            Data / Date           Pedido / Order        DU-E"),
    (40, "9629089             30/05/2025            4548123056            24BR7341734201"),
    (40, "Importador / Importer"),
    (40, "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."),
    (40, "RFC: LGO9202133N2"),
    (40, "Pais de origem / Country of origin        Pais de destino / Destination        Porto de embarque"),
    (40, "BRASIL                                    MEXICO                               SANTOS"),
    (40, "Item  Codigo / Code   Descricao / Description          NCM          Qtde. / Qty  Unid.  Preco unit.   Total"),
    (
        40,
        "01    PN-766795       RESISTENCIA VARIABLE             85334015          24.589  PC        1,1032  27.126,58",
    ),
    (
        40,
        "02    SKU-294694      CINTA ADHESIVA DE PLASTICO       39199030           7.790  UN        2,1288  16.583,35",
    ),
    (40, "                                                          Continua na proxima pagina / Continued"),
    (40, "Peso liquido / Net weight   1.388,000 KG        Valor FOB / FOB value                    43.709,93"),
    (40, "Peso bruto / Gross weight   1.555,000 KG        Frete / Freight                               0,00"),
    (40, "                                                Valor total / Total value USD            43.709,93"),
]


def test_a_brazilian_exporters_header() -> None:
    values = values_of(run(FATURA_ROWS))
    # the number under a box captioned with a number mark alone, first of a row of captioned boxes
    assert values["invoice_number"] == "9629089"
    assert values["invoice_date"] == "2025-05-30"
    assert values["seller_tax_id"] == "59.773.069/0001-09"
    # "LTDA." (limitada) is a legal form: the letterhead's company is the seller
    assert values["seller_name"] == "METALURGICA VALE DO PARAIBA LTDA."
    # under its own caption, not among the next boxes' values
    assert values["origin_country"] == "BRA"
    assert values["subtotal_amount"] == 43709.93
    assert values["total_amount"] == 43709.93


def test_a_brazilian_exporters_lines() -> None:
    lines = line_values(run(FATURA_ROWS))
    assert [line["part_number"] for line in lines] == ["PN-766795", "SKU-294694"]
    # the notice at the page break is no part of the last description
    assert [line["description"] for line in lines] == ["RESISTENCIA VARIABLE", "CINTA ADHESIVA DE PLASTICO"]
    assert [line["quantity"] for line in lines] == [24589.0, 7790.0]
    assert [line["amount"] for line in lines] == [27126.58, 16583.35]
    # the NCM is Mercosur's code, not the Mexican fracción
    assert all("tariff_code" not in line for line in lines)


def test_a_number_mark_inside_a_longer_caption_numbers_something_else() -> None:
    rows = [
        (40, "ACME LTDA.                                        FATURA COMERCIAL"),
        (40, "Pedido No.           Data / Date"),
        (40, "4548123056           30/05/2025"),
    ]
    assert "invoice_number" not in values_of(run(rows))


def test_cnpj_is_kept_as_printed() -> None:
    assert parse_tax_id("59.773.069/0001-09 Inscricao Estadual: 302.902.540.782") == ("59.773.069/0001-09", (0, 18))
    assert parse_tax_id("59773069000109")[0] == "59773069000109"


def test_portuguese_page_notice() -> None:
    texts = ["Continua", "na", "próxima", "página", "/", "Continued"]
    words = [Word(text, 40 + 40 * k, 0, 70 + 40 * k, 10, 1.0) for k, text in enumerate(texts)]
    line = layout.Line(words=words, top=0, bottom=10, tokens=[layout.norm(w.text) for w in words])
    assert _page_notice(line)


CERTIFIED_ROWS: list[tuple[float, str]] = [
    (40, "GREAT LAKES WIRE & CABLE LLC                                 COMMERCIAL INVOICE"),
    (40, "800 Industrial Pkwy, Toledo, OH 43612"),
    (40, "Federal Tax ID (EIN): 31-7042861"),
    (40, "Sold To                                                Invoice No.    D5982-49"),
    (40, "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V.           Invoice Date   04/23/2025"),
    (40, "RFC: MFE960408AB0"),
    (40, "Line  Part Number   Description                 HS (6)   Orig. Crit.  COO   Qty     Unit Price    Extended"),
    (40, "1     A-768393      Resistencia variable        853340   A            US    100     2.0000          200.00"),
    (40, "2     PN-20011      Tornillo de acero           731815   A            US    50      1.0000           50.00"),
    (40, "                                                           Subtotal                                250.00"),
    (40, "                                                           Total Invoice Value (USD)               250.00"),
    (40, "USMCA / T-MEC / CUSMA CERTIFICATION OF ORIGIN"),
    (40, "1. Certifier                    [X] Exporter [ ] Producer [ ] Importer"),
    (40, "2. Certifier                    Karen Mitchell, GREAT LAKES WIRE & CABLE LLC, 800 Industrial Pkwy"),
    (40, "3. Exporter                     GREAT LAKES WIRE & CABLE LLC, 800 Industrial Pkwy, Toledo, OH 43612"),
    (40, "4. Producer                     SAME AS EXPORTER"),
    (40, "5. Importer                     ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V., Blvd. Norte 12"),
    (40, "7. Origin criterion             AS LISTED ABOVE (ORIG. CRIT.)"),
    (40, "8. Blanket period               From 01/01/2025 To 12/31/2025"),
]


def test_a_certification_of_origin_on_the_invoice() -> None:
    values = values_of(run(CERTIFIED_ROWS))
    # a ticked option is no label; the numbered element's value stands beside it, up to the address
    assert values["seller_name"] == "GREAT LAKES WIRE & CABLE LLC"
    assert values["buyer_name"] == "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."
    # each item's origin is certified with its criterion: the invoice states none of its own
    assert "origin_country" not in values
    assert [line["origin_country"] for line in line_values(run(CERTIFIED_ROWS))] == ["USA", "USA"]


def test_a_numbered_element_names_its_party_beside_it() -> None:
    rows = [
        (40, "Certification"),
        (40, "3. Exporter                     MIDWEST FASTENER SUPPLY CO, 2200 Dixie Hwy, Louisville, KY 40210"),
        (40, "4. Producer                     VARIOUS"),
    ]
    assert values_of(run(rows))["seller_name"] == "MIDWEST FASTENER SUPPLY CO"


def test_identifiers_grouped_in_thousands_are_no_sums() -> None:
    assert _money("CNPJ: 59.773.069/0001-09 Inscricao Estadual: 302.902.540.782") == []
    assert _money("01 PN-1 PECA 24.589 PC 1,1032 27.126,58") == ["24.589", "1,1032", "27.126,58"]
    builder = ResultBuilder()
    builder.add_line({"amount": {"value": 27126.58, "confidence": 1.0}})
    _layout_agreement(
        "commercial_invoice",
        builder,
        [
            "CNPJ: 59.773.069/0001-09 Inscricao Estadual: 302.902.540.782",
            "01 PN-1 PECA 24.589 PC 1,1032 27.126,58",
            "Peso liquido / Net weight 1,388 KG   Valor FOB / FOB value 27.126,58",
        ],
    )
    assert not builder.warnings


def test_a_ticked_option_as_a_scan_reads_it_is_no_label() -> None:
    """A scan keeps the tick's ``X`` and loses the boxes' lines: the option after it still labels nothing."""
    rows = [
        (40, "GREAT LAKES WIRE & CABLE LLC"),
        (40, "1. Certifier                    X Exporter Producer Importer"),
        (40, "2. Certifier                    Karen Mitchell, GREAT LAKES WIRE & CABLE LLC, 800 Industrial Pkwy"),
        (40, "3. Exporter                     GREAT LAKES WIRE & CABLE LLC, 800 Industrial Pkwy, Toledo, OH 43612"),
    ]
    assert values_of(run(rows))["seller_name"] == "GREAT LAKES WIRE & CABLE LLC"


def test_the_origin_criterion_heads_a_column_of_its_own() -> None:
    line = layout.Line(
        words=[
            Word(text, 40 + 40 * k, 0, 70 + 40 * k, 10, 1.0)
            for k, text in enumerate(["HS", "(6)", "Orig.", "Crit.", "COO"])
        ],
        top=0,
        bottom=10,
        tokens=[layout.norm(text) for text in ["HS", "(6)", "Orig.", "Crit.", "COO"]],
    )
    page = layout.PageLayout(1, 612, 792, [line])
    keys = [hit.key for hit in layout.find_labels(page, LINE_COLUMNS)]
    assert keys == ["tariff_code", "_criterion", "origin_country"]
