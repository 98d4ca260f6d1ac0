"""Invoices from two more kinds of issuer: an Italian maker's bilingual Italian / English export invoice (a goods
heading whose Italian halves no label names, ``Spett.le / Messrs.`` over the buyer, ``S.p.A.``, the EU's eight-digit
code, ``Imponibile``, weights beside the totals, the origin under them) and a US distributor's consolidated invoice
(lines grouped under a band per customer order, each group with its own subtotal, a COO column). Each rule is
tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from extractors import layout
from extractors.invoice_lines import LINE_COLUMNS, _group_band, _may_head, _page_notice, glossed_words
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

ITALIAN_ROWS = [
    (36, "TORNERIA LOMBARDA S.p.A.                                           FATTURA / INVOICE"),
    (36, "Via Roma 12, 24100 Bergamo (BG) - ITALIA                           n. 771/25 del 03/09/2025"),
    (36, "P.IVA / VAT No. IT01234567890"),
    (36, "Spett.le / Messrs.                       Fattura n. / Invoice No.   771/25"),
    (36, "ENSAMBLES DEL NORTE S.A. DE C.V.         Data / Date                03/09/2025"),
    (36, "Blvd. Industrial 500, Reynosa, Tamps.    Valuta / Currency          EUR"),
    (36, "RFC: EDN150101AB1                        Resa / Terms of delivery   FCA Bergamo"),
    (36, "Pos. Codice / Item code Descrizione / Description  Voce doganale / HS  Q.tà / Qty U.M. Prezzo unit. Importo"),
    (36, "10   TL-100             BOCCOLA IN OTTONE          74199990                 100 PZ       2,5000  250,00"),
    (36, "20   TL-200             PERNO IN ACCIAIO           73182900                  40 PZ       5,0000  200,00"),
    (36, "                                                                             segue / continued"),
    (36, "Peso netto / Net weight   12,50 KG            Imponibile / Taxable amount                     450,00"),
    (36, "Peso lordo / Gross weight 14,00 KG            Trasporto / Freight                              50,00"),
    (36, "Origine / Origin          ITALIA (UE)         Totale fattura / Invoice total EUR              500,00"),
]


def test_italian_header_labels_parties_and_legal_form() -> None:
    """``Spett.le / Messrs.`` opens its line over the buyer; the letterhead's company ends in ``S.p.A.``;
    ``Imponibile`` is the subtotal, not the net weight beside it; ``Totale fattura`` the total."""
    values = values_of(run(ITALIAN_ROWS))
    assert values["buyer_name"] == "ENSAMBLES DEL NORTE S.A. DE C.V."
    assert values["seller_name"] == "TORNERIA LOMBARDA S.p.A."
    assert values["invoice_number"] == "771/25"
    assert values["currency"] == "EUR"
    assert values["incoterm"] == "FCA"
    assert values["subtotal_amount"] == 450.0
    assert values["total_amount"] == 500.0


def test_origin_under_the_totals_is_the_invoices() -> None:
    """``Origine / Origin`` under the goods but beside the totals' rows: the goods have ended, the origin is the
    invoice's, not an item's note."""
    assert values_of(run(ITALIAN_ROWS))["origin_country"] == "ITA"


def test_bilingual_goods_heading_with_italian_halves() -> None:
    """Every line is read under the bilingual heading; the EU's eight-digit code is no fracción; the page-break
    notice ``segue / continued`` is no description."""
    lines = line_values(run(ITALIAN_ROWS))
    assert [line["part_number"] for line in lines] == ["TL-100", "TL-200"]
    assert [line["description"] for line in lines] == ["BOCCOLA IN OTTONE", "PERNO IN ACCIAIO"]
    assert [(line["quantity"], line["unit_price"], line["amount"]) for line in lines] == [
        (100.0, 2.5, 250.0),
        (40.0, 5.0, 200.0),
    ]
    assert all("tariff_code" not in line for line in lines)


def _line(text: str) -> layout.Line:
    """A printed line: words a space apart, two spaces or more part cells."""
    words, x = [], 0.0
    for token in text.split(" "):
        if token:
            words.append(Word(token, x, 0.0, x + 5.0 * len(token), 10.0, 1.0))
            x += 5.0 * len(token)
        x += 5.0
    return layout.Line(words=words, top=0.0, bottom=10.0, tokens=[layout.norm(w.text) for w in words])


def _hits(line: layout.Line) -> list[layout.LabelHit]:
    page = layout.PageLayout(number=1, width=612, height=792, lines=[line])
    return layout.find_labels(page, LINE_COLUMNS)


def test_a_heading_glossed_in_a_known_language_heads_the_table() -> None:
    """A heading whose halves in a language no wording names are glossed after a slash (Albanian here) is a
    heading; a sentence with a slash in it is not."""
    heading = _line("Nr.     Kodi / Item code     Pershkrimi / Description     Sasia / Qty     Vlera / Amount")
    hits = _hits(heading)
    assert {k for k, word in enumerate(heading.words) if word.text == "Pershkrimi"} <= glossed_words(heading, hits)
    assert _may_head(heading, hits)
    sentence = _line("The exporter of the goods / merchandise described in this document declares their origin")
    assert not glossed_words(sentence, _hits(sentence))
    assert not _may_head(sentence, _hits(sentence))


def test_italian_page_notice() -> None:
    assert _page_notice(_line("segue / continued"))
    assert _page_notice(_line("Segue a pagina successiva"))
    assert not _page_notice(_line("seguente articolo 12 PZ"))


ORDERS_ROWS = [
    (36, "BORDER CONNECTOR SUPPLY LLC                                       INVOICE"),
    (36, "900 Industrial Blvd, Laredo, TX 78045                            Invoice #      L-5521"),
    (36, "Federal Tax ID: 74-1234567                                        Invoice Date   Aug 27, 2025"),
    (36, "Bill To:"),
    (36, "ENSAMBLES DEL NORTE S.A. DE C.V."),
    (36, "RFC: EDN150101AB1"),
    (36, "Ln  Mfr Part Number   Description          MX Fracc.   COO   Qty    UOM   Unit Price   Ext. Price"),
    (36, "    Customer PO: OC-11112222     Sales Order: SO-100200     Ordered: 08/01/2025"),
    (36, "1   AB-1001           CONECTOR ELECTRICO   85369099    CHN   100    EA    1.0000       100.00"),
    (36, "2   AB-1002           RESISTENCIA          85334099    JPN   50     EA    2.0000       100.00"),
    (36, "                                                           PO Subtotal               200.00"),
    (36, "    Customer PO: OC-33334444     Sales Order: SO-100300     Ordered: 08/05/2025"),
    (36, "3   AB-2001           CAPACITOR            85322499    KOR   10     EA    5.0000        50.00"),
    (36, "                                                           PO Subtotal                50.00"),
    (36, "Remit to: Lockbox 1, Dallas, TX 75284                      Merchandise Total          250.00"),
    (36, "                                                           Freight                      0.00"),
    (36, "                                                           Invoice Total USD          250.00"),
]


def test_lines_grouped_under_customer_orders() -> None:
    """A customer order's band and its group's subtotal end no table: every line of every group is read, and
    no band runs into the line before it."""
    lines = line_values(run(ORDERS_ROWS))
    assert [line["part_number"] for line in lines] == ["AB-1001", "AB-1002", "AB-2001"]
    assert [line["description"] for line in lines] == ["CONECTOR ELECTRICO", "RESISTENCIA", "CAPACITOR"]
    assert [line["origin_country"] for line in lines] == ["CHN", "JPN", "KOR"]


def test_a_group_subtotal_is_not_the_invoices() -> None:
    values = values_of(run(ORDERS_ROWS))
    assert values["subtotal_amount"] == 250.0
    assert values["total_amount"] == 250.0


def test_a_distributor_whose_lines_state_origins_states_none() -> None:
    """A US distributor's form with a COO column: the letterhead's country is no origin of the invoice."""
    assert "origin_country" not in values_of(run(ORDERS_ROWS))


def test_group_bands() -> None:
    assert _group_band(_line("Customer PO: OC-11112222     Sales Order: SO-100200"))
    assert _group_band(_line("PO # 4500012345 (continued)"))
    assert not _group_band(_line("PO Box 7632, Dallas TX 75265"))
    assert not _group_band(_line("PO: 4500012345   12 EA   1.50   18.00"))


def test_every_customer_order_is_a_reference() -> None:
    references = {(ref["kind"], ref["value"]) for ref in run(ORDERS_ROWS).references}
    assert {("po", "OC-11112222"), ("po", "OC-33334444")} <= references
