"""Two more kinds of invoice: an accounting package's customer invoice report (the customer's address block on
the right without a caption, its tax id labelled "Tax ID" like the issuer's in the footer, a "Customer Code" cell,
each description opening with the product's reference in square brackets and the tariff fraction and origin
labelled under it, "Untaxed Amount") and an export invoice typed to a letter of credit's wording ("Messrs." over
the buyer, "P/N:" under the goods' words, the country of origin declared once under the goods). Each rule is
tested on its own small page."""

from __future__ import annotations

from extractors import layout
from extractors.line_rules import bracketed_code, labelled_notes, opens_with_note
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of


def at(*cells: tuple[float, str]) -> tuple[float, str]:
    """One printed row with each text starting at its x (5 points a character, from x = 40)."""
    text = ""
    for x, cell in cells:
        column = int((x - 40) / 5)
        text = text.ljust(column) + cell if len(text) < column else f"{text} {cell}".lstrip()
    return 40, text


ERP_ROWS = [
    at((40, "PACIFIC COMPONENTS INC")),
    at((40, "1450 Commerce Dr, Laredo, TX 78041")),
    at((40, "")),
    at((340, "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.")),
    at((340, "Av. de la Luz 24, Queretaro, Qro.")),
    at((340, "Tax ID: ONA181020T22")),
    at((40, "")),
    at((40, "Invoice A1743-36")),
    at((40, "Invoice Date:"), (140, "Due Date:"), (240, "Source:"), (340, "Customer Code:"), (440, "Incoterm:")),
    at((40, "2025-08-11"), (140, "2025-09-10"), (240, "PO-98691937"), (340, "C9537"), (440, "DAP")),
    at((40, "Description"), (330, "Quantity"), (400, "Unit Price"), (470, "Taxes"), (540, "Amount")),
    at(
        (40, "[A-375556] Tornillo de acero con cabeza"),
        (310, "326.00 Units"),
        (410, "0.1352"),
        (470, "Exempt"),
        (530, "$ 44.08"),
    ),
    at((50, "Fracción arancelaria: 73181599  Origin: USA")),
    at(
        (40, "[SKU-863772] Caja de carton corrugado"),
        (300, "9,637.00 Units"),
        (410, "0.4723"),
        (470, "Exempt"),
        (530, "$ 4,551.56"),
    ),
    at((50, "Fracción arancelaria: 48191001   Origin: China")),
    at((40, "")),
    at((340, "Untaxed Amount"), (520, "$ 4,595.64")),
    at((340, "Freight"), (540, "$ 0.00")),
    at((340, "Total"), (520, "$ 4,595.64")),
    at((40, "")),
    at((200, "+1 916 693 7684   sales@pacific.com   Tax ID: 70-6244490")),
]


def test_erp_report_customer_block_and_tax_ids() -> None:
    """The customer's uncaptioned block is the buyer's (it prints the RFC), "Customer Code" is no name, and the
    "Tax ID" inside the block is the buyer's while the footer's is the seller's."""
    values = values_of(run(ERP_ROWS))
    assert values["buyer_name"] == "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."
    assert values["buyer_tax_id"] == "ONA181020T22"
    assert values["seller_tax_id"] == "70-6244490"
    assert values["seller_name"] == "PACIFIC COMPONENTS INC"
    assert values["subtotal_amount"] == 4595.64
    assert values["total_amount"] == 4595.64


def test_erp_report_lines_with_bracketed_codes_and_notes() -> None:
    """The bracketed reference is the part number; the labelled notes under the description fill the tariff
    fraction and the origin (they start no line of their own)."""
    lines = line_values(run(ERP_ROWS))
    assert len(lines) == 2
    assert lines[0]["part_number"] == "A-375556"
    assert lines[0]["description"] == "Tornillo de acero con cabeza"
    assert lines[0]["tariff_code"] == "73181599" and lines[0]["origin_country"] == "USA"
    assert lines[1]["part_number"] == "SKU-863772"
    assert lines[1]["quantity"] == 9637 and lines[1]["unit"] == "UNITS" and lines[1]["amount"] == 4551.56
    assert lines[1]["tariff_code"] == "48191001" and lines[1]["origin_country"] == "CHN"


def test_a_footer_far_under_the_items_does_not_close_the_gutters() -> None:
    """A page that ends with items (the totals overleaf): the footer centred across the columns is read as
    neither an item's words nor a reason to split a long description."""
    rows = [row for row in ERP_ROWS if not any(word in row[1] for word in ("Untaxed", "Freight", "Total"))]
    rows[11] = at(
        (40, "[A-375556] Tornillo de acero con cabeza, con rosca"),
        (310, "326.00 Units"),
        (410, "0.1352"),
        (470, "Exempt"),
        (530, "$ 44.08"),
    )
    rows[-1:-1] = [at((40, ""))] * 8
    rows[-1] = at((230, "+1 916 693 7684 sales@pacific.com Tax ID: 70-6244490"))
    lines = line_values(run(rows))
    assert len(lines) == 2
    assert lines[0]["description"] == "Tornillo de acero con cabeza, con rosca"
    assert lines[1]["description"] == "Caja de carton corrugado"


LC_ROWS = [
    at((200, "HANBIT INTERNATIONAL CORPORATION")),
    at((170, "233 Songdo-dong, Yeonsu-gu, Incheon, Korea")),
    at((260, "INVOICE")),
    at((48, "Messrs."), (310, "Invoice No. & Date")),
    at((56, "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V."), (330, "INV-2024-61746   21-Sep-2024")),
    at((56, "Blvd. Puerta del Sol 455, Reynosa, Tamps."), (310, "Buyer's Order No.")),
    at((56, "RFC: ALN100319GF2"), (330, "PO-90010885")),
    at((40, "Marks & Nos."), (140, "Description of Goods"), (360, "Quantity"), (430, "Unit Price"), (520, "Amount")),
    at((450, "CIF INCHEON")),
    at((40, "ENOR"), (140, "LAMINA DE ALEACION DE ALUMINIO,"), (350, "1,000 PCS"), (430, "2.8488"), (510, "2,848.80")),
    at((40, "MEXICO"), (140, "ESPESOR SUPERIOR A 0.2 MM")),
    at((40, "C/NO. 1-213"), (140, "P/N: A-817682")),
    at((140, "CAJA DE CARTON CORRUGADO"), (360, "100 PCS"), (430, "1.6288"), (520, "162.88")),
    at((140, "P/N: SKU-42340")),
    at((480, "- TO BE CONTINUED -")),
    at((140, "TOTAL :"), (350, "1,100 PCS"), (490, "USD 3,011.68")),
    at((140, "GRAND TOTAL (CIF INCHEON)"), (490, "USD 3,011.68")),
    at((140, "Country of Origin : SOUTH KOREA")),
    at((340, "HANBIT INTERNATIONAL CORPORATION")),
    at((340, "Authorized Signature")),
]


def test_letter_of_credit_invoice_parties() -> None:
    """The buyer under "Messrs." (alone on its line); the seller the letterhead's company, not the buyer; the
    buyer's order number is the purchase order."""
    out = run(LC_ROWS)
    values = values_of(out)
    assert {"kind": "po", "value": "PO-90010885"} in out.references  # "Buyer's Order No." over its number
    assert values["buyer_name"] == "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V."
    assert values["buyer_tax_id"] == "ALN100319GF2"
    assert values["seller_name"] == "HANBIT INTERNATIONAL CORPORATION"
    assert values["origin_country"] == "KOR"


def test_letter_of_credit_invoice_lines() -> None:
    """A wrapped description, the "P/N:" under it as the part number, the page-break notice set off by dashes
    left out, and the origin declared under the goods said of every item."""
    lines = line_values(run(LC_ROWS))
    assert len(lines) == 2
    assert lines[0]["description"] == "LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM"
    assert lines[0]["part_number"] == "A-817682"
    assert lines[1]["description"] == "CAJA DE CARTON CORRUGADO"
    assert lines[1]["part_number"] == "SKU-42340"
    assert [line["origin_country"] for line in lines] == ["KOR", "KOR"]


def test_an_origin_in_the_header_is_not_every_items() -> None:
    rows = [row for row in LC_ROWS if "Country of Origin" not in row[1]]
    rows.insert(3, at((40, "Country of Origin: SOUTH KOREA")))
    out = run(rows)
    assert values_of(out)["origin_country"] == "KOR"
    assert all("origin_country" not in line for line in line_values(out))


def words(text: str, x0: float, top: float) -> list[Word]:
    out, x = [], x0
    for token in text.split():
        out.append(Word(token, x, top, x + 5 * len(token), top + 10, 1.0))
        x += 5 * len(token) + 5
    return out


def test_a_labelled_part_number_must_open_its_line() -> None:
    """ "P/N:" at the head of its line is the item's code; after a maker's word ("Mfr P/N:") it is not."""
    cell = layout.Cell(words=[*words("Conector electrico", 100, 0), *words("P/N: PN-1234", 100, 14)], page=1)
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert record.text("part_number") == "PN-1234" and record.text("description") == "Conector electrico"
    cell = layout.Cell(words=[*words("Conector electrico", 100, 0), *words("Mfr P/N: TE-47086", 100, 14)], page=1)
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert "part_number" not in record.cells


def test_only_a_code_in_brackets_leads_as_the_part_number() -> None:
    for text, code in (("[P84212-20] Plastic housing", "P84212-20"), ("[NEW] Plastic housing", None)):
        record = layout.Record(cells={"description": layout.Cell(words=words(text, 40, 0), page=1)}, page=1)
        bracketed_code(record)
        assert (record.text("part_number") or None) == (f"[{code}]" if code else None)


def test_lines_that_open_with_a_note() -> None:
    assert opens_with_note("Fracción arancelaria: 85444999   Origin: China")
    assert opens_with_note("HS Code: 8536.90")
    assert opens_with_note("P/N: A-1234")
    assert not opens_with_note("Kit de origen mexicano: incluye tornillos")
    assert not opens_with_note("Cable de cobre, sin conectores")


def test_an_rfc_under_an_unknown_label_in_the_buyers_block() -> None:
    rows = [(x, text.replace("Tax ID: ONA181020T22", "VAT: ONA181020T22")) for x, text in ERP_ROWS]
    values = values_of(run(rows))
    assert values["buyer_tax_id"] == "ONA181020T22"
    assert values["seller_tax_id"] == "70-6244490"


PRICE_HEADINGS = ((330, "Quantity"), (420, "Unit Price"), (510, "Amount"))


def test_shipping_marks_that_run_past_their_column() -> None:
    """``MADE IN SOUTH KOREA`` typed in the marks column runs under the description's heading: the words that
    carry it on are the marks', not a description's."""
    rows = [
        at((40, "INVOICE")),
        at((40, "Marks & Nos."), (120, "Description of Goods"), *PRICE_HEADINGS),
        at((40, "ENOR"), (120, "CAJA DE CARTON"), (340, "100 PCS"), (430, "1.6288"), (520, "162.88")),
        at((40, "MADE IN SOUTH KOREA")),
        at((120, "P/N: SKU-42340")),
        at((120, "CONECTOR ELECTRICO"), (350, "10 PCS"), (430, "2.0000"), (525, "20.00")),
        at((120, "P/N: PN-1234")),
    ]
    lines = line_values(run(rows))
    assert [line["description"] for line in lines] == ["CAJA DE CARTON", "CONECTOR ELECTRICO"]
    assert [line["part_number"] for line in lines] == ["SKU-42340", "PN-1234"]


def test_a_title_with_the_documents_number_after_it() -> None:
    from extractors.classify import document_title

    assert document_title("ACME INC\nInvoice INV/2024/00012\nInvoice Date: 2024-01-02") == "INVOICE"
    assert document_title("ACME INC\nInvoice A1743-36") == "INVOICE"
    assert document_title("Invoice No. 4471\nShipper ACME") is None
    assert document_title("Invoice Date 2024-01-02") is None


def test_a_letter_spaced_letterhead_names_the_seller() -> None:
    """``D A E S U N G   T R A D I N G   C O . ,   L T D .``: the letters are set as words by their gaps, and
    the letterhead's company (named again over the signature) is the seller, surely enough not to be doubted."""
    spaced = "   ".join(" ".join(word) for word in ["DAESUNG", "TRADING", "CO.,", "LTD."])
    rows = [(150, spaced), *LC_ROWS[1:]]
    rows = [(x, text.replace("HANBIT INTERNATIONAL CORPORATION", "DAESUNG TRADING CO., LTD.")) for x, text in rows]
    out = run(rows)
    assert values_of(out)["seller_name"] == "DAESUNG TRADING CO., LTD."
    assert out.fields["seller_name"]["confidence"] >= 0.7


def test_messrs_read_is_no_unread_label() -> None:
    """The buyer read under "Messrs." is the label's value: the review finds nothing left unread."""
    from extractors.review import review_checks

    out = run(LC_ROWS)
    review_checks("commercial_invoice", out, [text for _x, text in LC_ROWS])
    assert not [w for w in out.warnings if w["code"] == "unread_value"]
    assert out.fields["buyer_name"]["confidence"] >= 0.9


def test_a_page_notice_whose_dashes_a_scan_misread() -> None:
    rows = [(x, text.replace("- TO BE CONTINUED -", "+ TO BE CONTINUED ~")) for x, text in LC_ROWS]
    lines = line_values(run(rows))
    assert lines[1]["description"] == "CAJA DE CARTON CORRUGADO"


def test_a_unit_a_scan_glued_on_with_a_stop() -> None:
    from extractors.invoice_values import parse_quantity

    assert parse_quantity("583.00.Units") == (583.0, (0, 6))
    assert parse_quantity("1,000PCS") == (1000.0, (0, 5))
    assert parse_quantity("12 EA.") == (12.0, (0, 2))


def test_specks_beside_a_comma_and_after_a_decimal() -> None:
    from tests.unit.test_invoice_scan_repairs import line, repaired

    got = repaired(line(description="LAMINA DE ALUMINIO,.ESPESOR SUPERIOR A 0.2. MM"))[0]
    assert got["description"] == "LAMINA DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM"
    assert repaired(line(description="Cable de 1,5 mm"))[0]["description"] == "Cable de 1,5 mm"  # a decimal comma


def test_a_block_headed_by_a_town_names_no_buyer() -> None:
    """Only a company's name (a legal form at its end) heads the buyer's uncaptioned block: a town over the RFC
    (the name lost above it) is no buyer."""
    rows = [row for row in ERP_ROWS if "TECNOLOGIA" not in row[1] and "Av. de la Luz" not in row[1]]
    rows.insert(3, at((340, "Juarez, Chih.")))
    assert values_of(run(rows)).get("buyer_name") != "Juarez, Chih."
