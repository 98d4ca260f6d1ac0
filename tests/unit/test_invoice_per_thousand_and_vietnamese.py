"""Invoices from two more kinds of issuer: a US hardware distributor pricing per thousand pieces (``Price | Per``
with ``M`` under it, ``Ord.`` beside ``Shipped``, a note on the prices beside ``Merchandise``) and a Vietnamese maker's
bilingual Vietnamese / English export invoice (the goods heading in Vietnamese over its English gloss, ``Mã HS``
the exporter's own tariff, ``CÁI`` pieces, ``Số / No.``, ``Mã số thuế / Tax code``, ``Cộng / Total``). Each rule is
tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from extractors import layout
from extractors.invoice import _sales_order_number
from extractors.invoice_lines import _basis, check_totals, price_bases
from extractors.layout import tables
from extractors.line_rules import price_of_one
from extractors.result import ResultBuilder
from extractors.review import _arithmetic
from tests.unit.test_invoice import page_from, run
from tests.unit.test_invoice_issuers import line_values, values_of

HARDWARE_ROWS = [
    (30, "BAYOU NUT & WASHER CO                                             INVOICE"),
    (30, "410 Levee Rd, Baton Rouge, LA 70802"),
    (30, "Invoice No.  77120      Invoice Date  05/14/2025      Customer PO  PO-5521      FOB  FCA LAREDO, TX"),
    (30, "Sold To"),
    (30, "ARNESES DEL SURESTE S.A. DE C.V."),
    (30, "RFC: ASU170303AB1"),
    (30, "Line  Item No.   Description              Ord.     Shipped  U/M  Price       Per  Extension"),
    (30, "1     HX-1020    HEX NUT M6 ZINC          12,000   10,000   EA   8.2500      M        82.50"),
    (30, "2     WS-4410    FLAT WASHER 1/4          3,000    3,000    EA   1,240.0000  M     3,720.00"),
    (30, "Prices are per thousand pieces (M = 1,000).                      Merchandise:      3,802.50"),
    (30, "                                                                 Invoice Total USD: 3,802.50"),
    (30, "BAYOU NUT & WASHER CO - Federal Tax ID (EIN) 72-1234567   Page 1 of 1"),
]


def test_price_per_thousand_is_quoted_not_a_unit_price() -> None:
    """``8.2500`` under "Price" and ``M`` under "Per": the price of a thousand pieces, kept as printed with its
    basis; the line has no unit price, and the quantity is the shipped one as printed (10,000, not 10)."""
    lines = line_values(run(HARDWARE_ROWS))
    assert [(line["quantity"], line["quoted_price"], line["price_basis"], line["amount"]) for line in lines] == [
        (10000.0, 8.25, 1000, 82.5),
        (3000.0, 1240.0, 1000, 3720.0),
    ]
    assert all("unit_price" not in line for line in lines)
    assert [line["description"] for line in lines] == ["HEX NUT M6 ZINC", "FLAT WASHER 1/4"]


def test_price_per_thousand_document_checks_out() -> None:
    """The note beside ``Merchandise`` ends the goods; the subtotal is the goods' sum; no warning."""
    out = run(HARDWARE_ROWS)
    assert values_of(out)["subtotal_amount"] == 3802.5
    assert not [w for w in out.warnings if w["code"] in ("line_mismatch", "totals_mismatch")]


def test_top_line_seller_named_again_beside_its_tax_id() -> None:
    """A name without a legal form over a US address, named again in the footer beside its EIN: as sure as a
    letterhead company, so it sends nothing to review."""
    out = run(HARDWARE_ROWS)
    assert out.fields["seller_name"]["value"] == "BAYOU NUT & WASHER CO"
    assert out.fields["seller_name"]["confidence"] >= 0.7


def _line(**cells: object) -> dict[str, dict[str, object]]:
    return {key: {"value": value, "raw": str(value)} for key, value in cells.items()}


def test_basis_words() -> None:
    assert _basis("M") == 1000
    assert _basis("C") == 100
    assert _basis("1,000") == 1000
    assert _basis("1000 PCS") == 1000
    assert _basis("EA") is None
    assert _basis("1 PC") is None


def test_metres_under_per_stay_a_unit_price() -> None:
    """``M`` under "Per" for a price per metre (the quantity in metres): quantity × price gives the amount, so
    the price is the price of one."""
    line = _line(quantity=25.0, unit_price=3.1, amount=77.5, unit="M", _per="M")
    price_bases([line])
    assert "unit_price" in line and "quoted_price" not in line and "_per" not in line


def test_price_per_thousand_without_an_amount_needs_another_unit() -> None:
    """Without an amount to check, ``M`` is a basis only beside a quantity counted in another unit."""
    counted = _line(quantity=5000.0, unit_price=12.5, unit="EA", _per="M")
    metres = _line(quantity=5000.0, unit_price=12.5, _per="M")
    price_bases([counted, metres])
    assert counted["quoted_price"]["value"] == 12.5 and counted["price_basis"]["value"] == 1000
    assert "unit_price" in metres


def test_price_suffix_in_the_price_cell() -> None:
    rows = [
        (30, "Item No.   Description          Qty       Price        Amount"),
        (30, "BX-10      CARRIAGE BOLT        4,000     12.50 /M      50.00"),
        (30, "BX-20      LOCK NUT             2,000     3.00 per M     6.00"),
        (30, "                                          Subtotal       56.00"),
    ]
    lines = line_values(run(rows))
    assert [(line["quantity"], line.get("quoted_price"), line.get("price_basis")) for line in lines] == [
        (4000.0, 12.5, 1000),
        (2000.0, 3.0, 1000),
    ]


def test_price_of_one_and_the_line_checks() -> None:
    """The price of one piece is the quoted price over its basis: quantity × that gives the amount, and a wrong
    quantity (the thousands read as units) is still caught by both checks."""
    good = _line(quantity=16421.0, quoted_price=120.4, price_basis=1000, amount=1977.09, description="X")
    assert price_of_one(good) == 120.4 / 1000
    bad = _line(quantity=16.421, quoted_price=120.4, price_basis=1000, amount=1977.09, description="X")
    for lines, warned in (([good], False), ([bad], True)):
        out = ResultBuilder()
        for line in lines:
            out.add_line(line)
        check_totals(out)
        assert any(w["code"] == "line_mismatch" for w in out.warnings) is warned
        out = ResultBuilder()
        for line in lines:
            out.add_line(line)
        _arithmetic("commercial_invoice", out)
        assert any(w["code"] == "line_mismatch" for w in out.warnings) is warned


VIETNAMESE_ROWS = [
    (30, "CÔNG TY TNHH BAO BÌ TRƯỜNG AN                       Ký hiệu / Symbol: 1C25TAA"),
    (30, "TRUONG AN PACKAGING CO., LTD                        Số / No.: TA-2025-0042"),
    (30, "Địa chỉ / Address: KCN Tân Tạo, Bình Tân, TP. HCM   Ngày / Date: 12/09/2025"),
    (30, "Mã số thuế / Tax code: 0301234567-001"),
    (30, "HÓA ĐƠN THƯƠNG MẠI / COMMERCIAL INVOICE"),
    (30, "Người mua / Buyer:                  PLASTICOS DEL BAJIO S.A. DE C.V."),
    (30, "Địa chỉ / Address:                  Av. Tecnologico 100, Celaya, Gto."),
    (30, "Mã số thuế người mua / Buyer's tax ID (RFC): PBA0102039X4"),
    (30, "Đồng tiền / Currency:               USD"),
    (30, "STT  Mã hàng    Tên hàng              Mã HS     ĐVT   Số lượng   Đơn giá     Thành tiền"),
    (30, "No.  Item code  Description           HS code   Unit  Qty        Unit price  Amount"),
    (30, "1    TA-01      THUNG CARTON 5 LOP    48191000  CÁI   1.200      0,4500      540,00"),
    (30, "2    TA-02      BANG KEO DAN          39191099  CUỘN  300        1,2000      360,00"),
    (30, "                                                                 (tiếp theo / continued)"),
    (30, "                                               Cộng / Total:                  900,00"),
    (30, "                                               Tổng cộng / Grand total (USD): 900,00"),
    (30, "Xuất xứ / Origin: VIỆT NAM"),
]


def test_vietnamese_header_labels() -> None:
    """``Số / No.`` is the invoice number, ``Mã số thuế / Tax code`` the seller's tax code (the buyer's is labelled
    apart), ``Người mua / Buyer`` the buyer (not the ``Địa chỉ / Address`` caption under it), ``Cộng / Total`` the
    subtotal and ``Tổng cộng`` the total; the English name of the letterhead is the seller."""
    values = values_of(run(VIETNAMESE_ROWS))
    assert values["invoice_number"] == "TA-2025-0042"
    assert values["seller_tax_id"] == "0301234567-001"
    assert values["buyer_name"] == "PLASTICOS DEL BAJIO S.A. DE C.V."
    assert values["buyer_tax_id"] == "PBA0102039X4"
    assert values["currency"] == "USD"
    assert values["subtotal_amount"] == 900.0
    assert values["total_amount"] == 900.0
    assert values["origin_country"] == "VNM"


def test_vietnamese_goods_heading_over_its_english_gloss() -> None:
    """The Vietnamese heading names the columns; its gloss under it is no second row of columns: ``Mã HS`` is
    Vietnam's code (no fracción) though its gloss says "HS code"; units keep their accents; the page-break notice
    ``(tiếp theo / continued)`` is no description."""
    lines = line_values(run(VIETNAMESE_ROWS))
    assert [(line["part_number"], line["quantity"], line["unit"], line["unit_price"]) for line in lines] == [
        ("TA-01", 1200.0, "CÁI", 0.45),
        ("TA-02", 300.0, "CUỘN", 1.2),
    ]
    assert [line["description"] for line in lines] == ["THUNG CARTON 5 LOP", "BANG KEO DAN"]
    assert all("tariff_code" not in line for line in lines)


def test_joint_stock_company_is_a_legal_form() -> None:
    rows = [
        (30, "MEKONG STEEL JSC"),
        (30, "Lô A2, KCN Hiệp Phước, TP. HCM"),
        (30, "COMMERCIAL INVOICE        Invoice No.: MS-771"),
        (30, "MEKONG STEEL JSC - Tax code 0312345678"),
    ]
    assert values_of(run(rows))["seller_name"] == "MEKONG STEEL JSC"


def test_sales_order_number_is_no_invoice_number() -> None:
    """``Số / No.`` keeps an accent (``Só`` as OCR reads it); ``SO No.`` (a sales order) has none."""
    page = layout.layouts([page_from([(30, "Số / No.: 123"), (30, "SO No.: 456"), (30, "Só / No.: 789")])])
    hits = [hit for hit in layout.find_labels(page[0], {"invoice_number": ["SO NO"]})]
    assert [_sales_order_number(page, hit) for hit in hits] == [False, True, False]


def test_d_with_stroke_compares_as_d() -> None:
    assert layout.norm("Đơn giá") == "DONGIA"
    assert layout.norm("ĐVT") == "DVT"


def test_gloss_row_keeps_the_upper_headings() -> None:
    """A lower header row whose headings each stand under one above, most of the same column, is a translation:
    a heading of another column in it (``HS code`` under ``Mã HS``) names nothing; one under no heading above (the
    upper heading lost to a scan) joins the top row; a real second row is no translation."""

    def hit(key: str, x0: float, x1: float) -> layout.LabelHit:
        return layout.LabelHit(key=key, page=1, line=0, start=0, end=0, x0=x0, x1=x1, top=0.0, bottom=10.0)

    upper = [hit("_line", 0, 10), hit("description", 20, 60), hit("_vn_code", 70, 90), hit("quantity", 100, 120)]
    lower = [hit("_line", 0, 8), hit("description", 20, 50), hit("tariff_code", 70, 95), hit("quantity", 105, 118)]
    assert tables._gloss_columns(lower, upper) == []
    lost = [*lower, hit("amount", 130, 150)]
    assert [h.key for h in tables._gloss_columns(lost, upper) or []] == ["amount"]
    second_row = [hit("tariff_code", 20, 40), hit("origin_country", 70, 90), hit("_weight", 100, 120)]
    assert tables._gloss_columns(second_row, upper) is None
    repeated = [hit("_line", 0, 8), hit("description", 20, 50), hit("quantity", 105, 118)]
    assert tables._gloss_columns(repeated, upper) is None


def test_vietnamese_units_get_their_accents_back_on_a_scan() -> None:
    """OCR without the Vietnamese letters reads ``CÁI`` as ``CAI``: on a Vietnamese table the unit is put back;
    ``KG`` and units of other tables are left alone."""
    from extractors.invoice_repairs import repair_scanned_lines

    def scanned(unit: str) -> dict[str, dict[str, object]]:
        return {"unit": {"value": unit, "page": 1, "confidence": 0.9}, "description": {"value": "X", "page": 1}}

    lines = [scanned("CAI"), scanned("KG"), scanned("BO")]
    repair_scanned_lines(lines, {1}, vietnamese=True)
    assert [line["unit"]["value"] for line in lines] == ["CÁI", "KG", "BỘ"]
    other = [scanned("CAI")]
    repair_scanned_lines(other, {1})
    assert other[0]["unit"]["value"] == "CAI"
