"""Invoices of two more kinds of issuer: an Indian exporter's GST invoice (amounts grouped in lakhs, the GSTIN as
its tax id, an HSN column of India's own codes, a buyer's box that points at the consignee) and a Swiss maker's
German / English invoice (the apostrophe between thousands, the UID as its VAT number, each item's origin and
tariff number as labelled notes under it, a German page-break notice, the bank named in its payment details).
Each rule is tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from extractors.invoice_lines import _may_head, _page_notice
from extractors.invoice_values import _amounts, country_name, parse_quantity, parse_tax_id
from extractors.layout import Cell, Line, PageLayout, Record, find_labels, norm
from extractors.line_rules import labelled_notes, printed_order
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

GST_ROWS: list[tuple[float, str]] = [
    (200, "TAX INVOICE"),
    (40, "Exporter                                          Invoice No. & Date"),
    (40, "NARMADA WIRES & CABLES PVT LTD                    F880627  dt. 10-01-2025"),
    (40, "Block C-7, GIDC Estate, Vapi 396195, India"),
    (40, "GSTIN: 24SSVCC6095K1ZB"),
    (40, "Consignee                                              Buyer (if other than consignee)"),
    (40, "MANUFACTURAS PLASTICAS DE TIJUANA S.A. DE C.V.         SAME AS CONSIGNEE"),
    (40, "RFC: MPT080808AB1"),
    (40, "S.No.  Item Code   Description of Goods        HSN        Qty     Unit  Rate      Amount"),
    (40, "1      A-994830    CABLE DE COBRE AISLADO      85444919   18,108  EA    1.2877    23,317.67"),
    (40, "2      PN-608443   PARTES PARA TRANSFORMADOR   85049048   72,600  PCS   1.2843    93,240.18"),
    (40, "                                                     Sub Total             1,16,557.85"),
    (40, "                                                     Grand Total (USD)     1,16,557.85"),
]

SWISS_ROWS: list[tuple[float, str]] = [
    (40, "FEINMECHANIK RHEINTAL GMBH"),
    (40, "Werkstrasse 5, 9434 Au SG, Schweiz"),
    (40, "UID CHE-845.929.119 MWST"),
    (40, "MAQUILADORA DEL NORTE S.A. DE C.V.        Rechnungs-Nr. / Invoice no.  R-1234"),
    (40, "Pos. Art.-Nr.   Bezeichnung / Description       Menge / Qty  Einh. / Unit  Preis / Price  Betrag / Amount"),
    (40, " 1  PN-570816  Tornillo de acero                      23'889  EA                 4.6297       110'598.90"),
    (40, "               Ursprung / Origin: US    Zolltarif-Nr. MX / MX tariff no.: 7318.15.99"),
    (40, " 2  A-925281   Caja de carton                            131  PCS                3.1193           408.63"),
    (40, "               Ursprung / Origin: CN    Zolltarif-Nr. MX / MX tariff no.: 4819.10.01"),
    (40, "                                                                   Fortsetzung / continued"),
    (40, "                                                            Netto / Net               111'007.53"),
    (40, "                                                            Total USD                 111'007.53"),
    (40, "The exporter of the products covered by this document declares that these products are of Swiss"),
    (40, "preferential origin."),
    (40, "Bank: UBS Switzerland AG   IBAN CH93 0076 2011 6238 5295 1"),
]


def test_amounts_grouped_in_lakhs_and_with_apostrophes() -> None:
    """``1,16,529.16`` (Indian grouping: three digits, then twos) and ``110'598.90`` (Swiss) are one figure each."""
    assert [value for value, _span, _money in _amounts("Sub Total 1,16,529.16")] == [116529.16]
    assert [value for value, _span, _money in _amounts("1,23,45,678.90")] == [12345678.9]
    assert [value for value, _span, _money in _amounts("110'598.90")] == [110598.9]
    assert [value for value, _span, _money in _amounts("3’640.22")] == [3640.22]
    assert parse_quantity("23'889 EA") == (23889.0, (0, 6))
    # a western grouping is read as before, and two figures a space apart stay two
    assert [value for value, _span, _money in _amounts("127,372 154,225.96")] == [127372.0, 154225.96]


def test_gst_invoice_totals_tax_id_and_consignee() -> None:
    values = values_of(run(GST_ROWS))
    assert values["subtotal_amount"] == 116557.85
    assert values["total_amount"] == 116557.85
    assert values["seller_tax_id"] == "24SSVCC6095K1ZB"
    # "SAME AS CONSIGNEE" names nobody: the buyer is the consignee
    assert values["buyer_name"] == "MANUFACTURAS PLASTICAS DE TIJUANA S.A. DE C.V."


def test_an_hsn_column_is_neither_description_nor_fraccion() -> None:
    lines = line_values(run(GST_ROWS))
    assert [line["description"] for line in lines] == ["CABLE DE COBRE AISLADO", "PARTES PARA TRANSFORMADOR"]
    assert [line["amount"] for line in lines] == [23317.67, 93240.18]
    assert all("tariff_code" not in line for line in lines)


def test_swiss_uid_is_the_vat_number_as_printed() -> None:
    assert parse_tax_id("UID CHE-845.929.119 MWST") == ("CHE-845.929.119 MWST", (4, 24))
    assert parse_tax_id("CHE-845.929.119")[0] == "CHE-845.929.119"  # type: ignore[index]
    values = values_of(run(SWISS_ROWS))
    assert values["seller_tax_id"] == "CHE-845.929.119 MWST"


def test_swiss_invoice_items_with_labelled_notes() -> None:
    """Each item's ``Ursprung / Origin: US   Zolltarif-Nr. MX / MX tariff no.: …`` line heads no table: the
    items are read one by one, with their origin (a country's code right after the label is the value, not a
    qualifier of the next label) and their fracción; "Netto / Net" ends the table."""
    lines = line_values(run(SWISS_ROWS))
    assert [line["part_number"] for line in lines] == ["PN-570816", "A-925281"]
    assert [line["description"] for line in lines] == ["Tornillo de acero", "Caja de carton"]
    assert [line["quantity"] for line in lines] == [23889.0, 131.0]
    assert [line["amount"] for line in lines] == [110598.9, 408.63]
    assert [line["origin_country"] for line in lines] == ["USA", "CHN"]
    assert [line["tariff_code"] for line in lines] == ["73181599", "48191001"]
    values = values_of(run(SWISS_ROWS))
    assert values["subtotal_amount"] == 111007.53
    assert values["total_amount"] == 111007.53


def test_the_bank_and_the_origin_declaration_name_no_seller() -> None:
    """ "Bank: UBS Switzerland AG" is the issuer's bank, and "The exporter of the products …" labels nothing:
    the seller is the letterhead's company."""
    assert values_of(run(SWISS_ROWS))["seller_name"] == "FEINMECHANIK RHEINTAL GMBH"


def test_german_country_names_and_page_notice() -> None:
    assert country_name("Schweiz") == "CHE"
    assert country_name("Österreich") == "AUT"
    assert country_name("Mexiko") == "MEX"
    for texts in (["Fortsetzung", "/", "continued"], ["Fortsetzung", "auf", "der", "nächsten", "Seite"]):
        words = [Word(text, 400 + 40 * k, 700, 435 + 40 * k, 708, 1.0) for k, text in enumerate(texts)]
        assert _page_notice(Line(words=words, top=700, bottom=708, tokens=[norm(w.text) for w in words]))


# --------------------------------------------------------------------------------------------------------
# The same invoices scanned: what OCR does to them


def test_a_scanned_buyer_block_under_a_swiss_letterhead() -> None:
    """The letterhead's UID (``CHE-845.929.119``: its letters and digits fall in an RFC's layout) is no RFC, so
    the letterhead is not taken for the buyer's block; the buyer's block is the one whose RFC a scan misread
    (``…RBO`` for ``…RB0``), which its check digit restores."""
    rows: list[tuple[float, str]] = [
        (40, "FEINMECHANIK RHEINTAL GMBH"),
        (40, "Werkstrasse 5, 9434 Au SG, Schweiz"),
        (40, "UID CHE-845.929.119 MWST"),
        (40, ""),
        (40, ""),
        (40, "MAQUILADORA DEL NORTE S.A. DE C.V."),
        (40, "Av. Industrial 1200, Cd. Juarez"),
        (40, "RFC BMZ080912RBO"),
        (40, ""),
        (40, "Rechnungs-Nr. / Invoice no.  R-1234"),
    ]
    values = values_of(run(rows, confidence=0.9))
    assert values["seller_name"] == "FEINMECHANIK RHEINTAL GMBH"
    assert values["seller_tax_id"] == "CHE-845.929.119 MWST"
    assert values["buyer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    assert values["buyer_tax_id"] == "BMZ080912RB0"


def _words(specs: list[tuple[str, float, float]]) -> list[Word]:
    return [Word(text, x0, top, x0 + 5 * len(text), top + 8, 0.9) for text, x0, top in specs]


def test_a_note_line_a_scan_split_in_two_reads_as_one() -> None:
    """OCR set ``/ Origin:`` a point higher than the rest of its printed line, on a line of its own: the note
    is read in print order, and a line with a label, its colon and a code heads no table."""
    first = _words(
        [("Ursprung", 143, 203), ("CN", 191, 203), ("Zolltarif-Nr.", 208, 204), ("MX", 240, 204), ("/", 250, 204)]
        + [("MX", 254, 204), ("tariff", 264, 204), ("no.:", 278, 205), ("4819.10.01", 289, 204)]
    )
    second = _words([("/", 168, 202), ("Origin:", 173, 203)])
    assert [w.text for w in printed_order([*first, *second])][:4] == ["Ursprung", "/", "Origin:", "CN"]
    description = _words([("Caja", 143, 192), ("de", 165, 192), ("carton", 180, 192)])
    record = Record(cells={"description": Cell(words=[*description, *first, *second], page=1)}, page=1)
    labelled_notes(record)
    assert record.text("description") == "Caja de carton"
    assert record.text("origin_country") == "CN"
    assert record.text("tariff_code") == "4819.10.01"
    assert not _may_head(Line(words=first, top=203, bottom=212, tokens=[norm(w.text) for w in first]))
    header = _words([("Pos.", 40, 100), ("Bezeichnung", 140, 100), ("Menge", 350, 100), ("Betrag", 520, 100)])
    assert _may_head(Line(words=header, top=100, bottom=108, tokens=[norm(w.text) for w in header]))


def test_a_note_whose_value_a_scan_lost_leaves_the_next_label_whole() -> None:
    """OCR dropped the country after ``Origin:`` (a speck it doubted) and read one word of the next label a
    few points higher (a taller box): the tariff's label is still a label, and its value is read."""
    words = _words([("Caja", 143, 192), ("de", 165, 192), ("Ursprung", 143, 204), ("Origin:", 172, 203)])
    words += _words([("Zolltarif-Nr.", 208, 204), ("MX", 239, 204)])
    words.append(Word("MX", 255, 200, 265, 211, 0.9))  # a taller box, its top higher
    words += _words([("tariff", 264, 204), ("no.:", 278, 205), ("4819.10.01", 289, 204)])
    record = Record(cells={"description": Cell(words=words, page=1)}, page=1)
    labelled_notes(record)
    assert record.text("description") == "Caja de"
    assert record.text("tariff_code") == "4819.10.01"
    assert record.text("origin_country") == ""


def test_rows_read_at_their_serials_when_a_scan_lost_one() -> None:
    """The part numbers' reading finds only the row whose serial OCR lost (its part number opens the line); the
    serials' reading finds every row, and is tried before the part numbers' is settled on."""
    rows: list[tuple[float, str]] = [
        (40, "COMMERCIAL INVOICE        Invoice No.: 5531"),
        (40, "S.No.  Item Code   Description         Qty      Rate       Amount"),
        (40, "1      A-994830    CABLE DE COBRE      100      1.0000     100.00"),
        (40, "2      PN-608443   TRANSFORMADOR       50       2.0000     100.00"),
        (40, "       SKU-12345   TORNILLO            10       0.5000       5.00"),
        (40, "                                     Sub Total             205.00"),
    ]
    lines = line_values(run(rows, confidence=0.9))
    assert [line["part_number"] for line in lines] == ["A-994830", "PN-608443", "SKU-12345"]


def test_a_sentence_naming_columns_heads_no_table() -> None:
    """The origin declaration under the goods names a description ("products"), a serial ("No.") and an origin;
    most of its words are no labels, so it heads no table (and the footer under it joins no item)."""
    from extractors.invoice_lines import LINE_COLUMNS

    text = "The exporter of the products covered by this document (customs authorisation No. CH/269/0012) declares"
    text += " that, except where otherwise clearly indicated, these products are of Swiss preferential origin."
    words = _words([(token, 42 + 30 * k, 393) for k, token in enumerate(text.split())])
    line = Line(words=words, top=393, bottom=401, tokens=[norm(w.text) for w in words])
    page = PageLayout(1, 612, 792, [line], ocr=True)  # a scan's labels match one edit away ("PRODUCTS")
    hits = find_labels(page, LINE_COLUMNS)
    assert len({hit.key for hit in hits}) >= 3
    assert not _may_head(line, hits)
    header = _words([(t, 40 + 60 * k, 100) for k, t in enumerate(["Pos.", "Description", "Qty", "Amount", "Origin"])])
    head = Line(words=header, top=100, bottom=108, tokens=[norm(w.text) for w in header])
    assert _may_head(head, find_labels(PageLayout(1, 612, 792, [head]), LINE_COLUMNS))


def test_a_scanned_buyer_block_with_a_blank_address_line() -> None:
    """The address takes one of its two lines and the RFC stands under the blank one: a scan's word boxes hug
    the letters, so the blank looks wider than on the text layer; it is still the block's."""
    rows: list[tuple[float, str]] = [
        (40, "FEINMECHANIK RHEINTAL GMBH"),
        (40, "Werkstrasse 5, 9434 Au SG, Schweiz"),
        (40, ""),
        (40, ""),
        (40, "MAQUILADORA DEL NORTE S.A. DE C.V."),
        (40, "Av. Industrial 1200, Cd. Juarez"),
        (40, ""),
        (40, "RFC BMZ080912RB0"),
        (40, ""),
        (40, "Rechnungs-Nr. / Invoice no.  R-1234"),
    ]
    assert values_of(run(rows, confidence=0.9))["buyer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_a_gstin_a_scan_spaced_is_one_token() -> None:
    assert parse_tax_id("GSTIN: 24SS VCC6095K1ZB")[0] == "24SSVCC6095K1ZB"  # type: ignore[index]
    assert parse_tax_id("EIN 12-3456789")[0] == "12-3456789"  # type: ignore[index]


def test_quote_marks_ocr_put_before_a_part_number_go() -> None:
    from extractors.invoice_repairs import tidy_scanned_text

    line = {"part_number": {"value": "“PN-326817", "page": 1}, "description": {"value": "CAJA", "page": 1}}
    tidy_scanned_text([line], {1})
    assert line["part_number"]["value"] == "PN-326817"
