"""Round 6 of the held-out invoice arrangements (see ``invoices``), modelled on two kinds of issuer the earlier
arrangements do not draw:

* ``proforma``: a Chinese or Taiwanese electronics maker's commercial invoice in the proforma style. The letterhead
  with the factory's Chinese name over its English one (CJK font), ``商業發票 COMMERCIAL INVOICE`` (or
  ``商业发票``); a two-column block of bilingual labels (``發票號碼 Invoice No.:``, ``日期 Date:`` as
  ``2024.03.12``, ``買方 Buyer:``, ``Shipping Marks:``, ``Trade Terms: FOB SHENZHEN``, ``Payment: 30% T/T in
  advance``); the table ``No. | Model No. | P/N | Description | Q'ty | Unit | U/Price | Amount`` with bilingual
  column heads, the model number (the maker's catalogue name) before the part number, quantities with ``PCS`` or
  ``SETS`` in their own column, unit prices in four decimals without separators (``0.4500``), amounts with
  separators and no currency sign (the column head says ``USD``); ``TOTAL:`` then ``TOTAL AMOUNT IN WORDS: U.S.
  DOLLARS … AND … CENTS ONLY``; bank details (beneficiary, SWIFT) and a round company chop in red; the table
  broken across pages with ``To be continued`` and the header repeated. The tax id is the unified social credit
  code (18 characters) or, in Taiwan, the 8-digit business number (統一編號).
* ``factura``: a Mexican-border supplier's Spanish ``FACTURA COMERCIAL`` to its client across the border (a US
  company in Laredo or El Paso billing a maquiladora). ``FACTURA COMERCIAL No.`` with the number, ``Fecha:`` as
  ``12 de marzo de 2024``, ``Vendedor`` / ``Comprador`` / ``Consignatario`` blocks with ``Tax ID (EIN)`` and
  ``R.F.C.``; ``Incoterm / Condiciones de entrega: FCA LAREDO, TX``; the table ``Part. | No. de parte |
  Descripción | Fracción arancelaria | País de origen | Cantidad | Unidad | Precio unitario | Importe`` in a narrow
  description column, so descriptions run over two or three lines; countries named in Spanish; units in Spanish
  (``PZA``, ``KG``), money as ``$1,234.50 USD`` on totals only; ``Subtotal``, ``Flete``, ``Seguro``, ``Total
  USD``; ``Declaramos bajo protesta de decir verdad …`` and the signature line; an ``ORIGINAL`` stamp at an angle.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from tests.synth.draw import Sheet, wrap
from tests.synth.invoices_round4 import words

ARRANGEMENTS = ("proforma", "factura")
MAKERS = [
    ("深圳市光明電子有限公司", "SHENZHEN GUANGMING ELECTRONICS CO., LTD.", "CHN", "SHENZHEN", "STSong-Light"),
    ("東莞科達電子科技有限公司", "DONGGUAN KEDA ELECTRONIC TECHNOLOGY CO., LTD.", "CHN", "SHENZHEN", "STSong-Light"),
    ("台灣精密電子股份有限公司", "TAIWAN PRECISION ELECTRONICS CORP.", "TWN", "KAOHSIUNG", "MSung-Light"),
    ("新竹電源科技股份有限公司", "HSINCHU POWER TECHNOLOGY CO., LTD.", "TWN", "TAIPEI", "MSung-Light"),
]
BORDER_SUPPLIERS = [
    ("LAREDO INDUSTRIAL COMPONENTS, INC.", "5210 Bob Bullock Loop, Laredo, TX 78041", "LAREDO, TX"),
    ("PASO DEL NORTE MANUFACTURING SUPPLY LLC", "9600 Pan American Dr, El Paso, TX 79927", "EL PASO, TX"),
    ("VALLEY PLASTICS & METALS CORP.", "3100 N Cage Blvd, Pharr, TX 78577", "PHARR, TX"),
]
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre"]
MESES += ["noviembre", "diciembre"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_proforma if arrangement == "proforma" else _factura)(truth, path, rng)


def _cjk(name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _n(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _qty(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3f}"


# --------------------------------------------------------------------------------------------------------


def _proforma(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    cn, name, country, port, cid = rng.choice(MAKERS)
    if country == "CHN":
        tax_id = "91440300" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))
    else:
        tax_id = f"{rng.randint(10**7, 10**8 - 1)}"
    f.update({"seller_name": name, "origin_country": country, "seller_tax_id": tax_id, "incoterm": "FOB"})
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]
    for ln in lines:
        ln.pop("tariff_code", None)
        ln.pop("origin_country", None)
        ln["unit"] = {"EA": "PCS"}.get(ln["unit"], ln["unit"])
        if ln["unit"] == "PCS" and rng.random() < 0.2:
            ln["unit"] = "SETS"
    zh = _cjk(cid)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5, 8.0])
    s = Sheet(path, title="Commercial Invoice")
    L, R = 30.0, s.width - 30.0
    s.centre(s.width / 2, 36, cn, font=zh, size=13)
    s.centre(s.width / 2, 50, name, font=bold, size=11)
    s.centre(s.width / 2, 61, f"ADD: {port} {rng.choice(['BAOAN', 'LONGHUA', 'NEIHU', 'CIANJHEN'])} DISTRICT", size=7)
    tax_label = "統一社會信用代碼 USCC" if country == "CHN" else "統一編號 BAN"
    s.centre(
        s.width / 2, 71, f"TEL: {'+86-755' if country == 'CHN' else '+886-2'}-{rng.randint(10**7, 10**8 - 1)}", size=7
    )
    title = "商业发票" if country == "CHN" and rng.random() < 0.5 else "商業發票"
    s.centre(s.width / 2 - 60, 92, title, font=zh, size=14)
    s.centre(s.width / 2 + 50, 92, "COMMERCIAL INVOICE", font=bold, size=14)
    yy, mm, dd = f["invoice_date"].split("-")
    left = [
        ("買方 Buyer:", [f["buyer_name"], *wrap(x["buyer_address"], 220, font=regular, size=size)[:2]]),
        ("", [f"RFC: {f['buyer_tax_id']}"]),
        ("嘜頭 Shipping Marks:", ["N/M"]),
    ]
    right = [
        ("發票號碼 Invoice No.:", f["invoice_number"]),
        ("日期 Date:", f"{yy}.{mm}.{dd}"),
        ("價格條款 Trade Terms:", f"FOB {port}"),
        ("付款方式 Payment:", rng.choice(["30% T/T IN ADVANCE, 70% BEFORE SHIPMENT", "T/T 45 DAYS"])),
        (f"{tax_label}:", tax_id),
        ("起運港 From:", f"{port} TO MANZANILLO, MEXICO"),
    ]
    y = 114.0

    def bilingual(x0: float, y0: float, label: str) -> None:
        """A label's Chinese words in the CJK font, its English words after them in the Latin one."""
        chinese, english = label.split(" ", 1)
        end = s.text(x0, y0, chinese, font=zh, size=size)
        s.text(end + 6, y0, english, font=bold, size=size)

    for label, values in left:
        if label:
            bilingual(L, y, label)
            y += 10
        for value in values:
            s.text(L + 8, y, value, font=regular, size=size)
            y += 10
    for k, (label, value) in enumerate(right):
        bilingual(330, 114 + 11 * k, label)
        s.text(440, 114 + 11 * k, value, font=regular, size=size)
    cols = [
        ("序號", "No.", L + 2, "l"),
        ("型號", "Model No.", L + 24, "l"),
        ("料號", "P/N", L + 90, "l"),
        ("品名規格", "Description", L + 168, "l"),
        ("數量", "Q'ty", R - 175, "r"),
        ("單位", "Unit", R - 170, "l"),
        ("單價", "U/Price (USD)", R - 80, "r"),
        ("金額", "Amount (USD)", R - 2, "r"),
    ]
    bottom = rng.choice([620.0, 700.0])

    def header(y: float) -> float:
        s.box(L, y - 10, R, y + 14, 0.6)
        for zh_head, en, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, zh_head, font=zh, size=size)
            (s.right if align == "r" else s.text)(cx, y + 10, en, font=bold, size=size - 0.5)
        return y + 28

    y = header(max(y, 186.0) + 12)
    width = R - 175 - 40 - (L + 168)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"].upper(), width, font=regular, size=size)
        if y + 10 * len(desc) > bottom:
            s.right(R, y + 4, "To be continued", font=regular, size=size)
            s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
            s.new_page()
            s.text(L, 40, f"Invoice No.: {f['invoice_number']}", font=regular, size=size)
            y = header(66.0)
        model = f"{rng.choice(['GM', 'KD', 'TP', 'HP'])}-{rng.randint(100, 999)}{rng.choice(['A', 'B', 'S', ''])}"
        cells = [str(k), model, ln["part_number"], "", _qty(ln["quantity"]), ln["unit"]]
        cells += [f"{ln['unit_price']:.4f}", _n(ln["amount"], 2)]
        for (_zh, _en, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc):
            s.text(L + 168, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc) + 4
    if y + 150 > s.height - 30:
        s.new_page()
        y = 60.0
    s.hline(L, R, y - 4, 0.6)
    y += 8
    s.text(L + 168, y, "TOTAL:", font=bold, size=size)
    s.right(R - 175, y, _qty(sum(ln["quantity"] for ln in lines)), font=bold, size=size)
    s.right(R - 2, y, _n(f["subtotal_amount"], 2), font=bold, size=size)
    if x["freight"]:
        y += 11
        s.text(L + 168, y, "OCEAN FREIGHT (PREPAID BY SELLER):", font=regular, size=size)
        s.right(R - 2, y, _n(x["freight"], 2), font=regular, size=size)
        y += 11
        s.text(L + 168, y, "TOTAL AMOUNT:", font=bold, size=size)
        s.right(R - 2, y, _n(f["total_amount"], 2), font=bold, size=size)
    dollars, cents = divmod(round(f["total_amount"] * 100), 100)
    cents_words = f" AND {words(int(cents))} CENTS" if cents else ""
    y += 16
    for part in wrap(f"TOTAL AMOUNT IN WORDS: U.S. DOLLARS {words(int(dollars))}{cents_words} ONLY", R - L, size=size):
        s.text(L, y, part, font=bold, size=size)
        y += 10
    y += 8
    for line in (
        "BANK INFORMATION:",
        f"BENEFICIARY: {name}",
        f"BANK: {rng.choice(['BANK OF CHINA', 'CHINA MERCHANTS BANK', 'MEGA INTERNATIONAL COMMERCIAL BANK'])}",
        f"SWIFT: {rng.choice(['BKCHCNBJ400', 'CMBCCNBS', 'ICBCTWTP'])}   A/C NO.: {rng.randint(10**11, 10**12 - 1)}",
    ):
        s.text(L, y, line, font=regular, size=size - 0.5)
        y += 9
    # the company chop: a red ring with the name around its edge
    c = s.canvas
    c.saveState()
    c.setStrokeColorRGB(0.85, 0.1, 0.1)
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.setLineWidth(1.5)
    c.circle(R - 70, s.height - (y - 10), 34, stroke=1, fill=0)
    c.setFont(zh, 8)
    c.drawCentredString(R - 70, s.height - (y - 8), cn[:6])
    c.restoreState()
    s.text(R - 150, y + 34, "AUTHORIZED SIGNATURE", font=bold, size=size - 0.5)
    if s.page > 1:
        s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _factura(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, city = rng.choice(BORDER_SUPPLIERS)
    incoterm = rng.choice(["FCA", "DAP", "EXW"])
    f.update({"seller_name": name, "origin_country": "USA", "incoterm": incoterm})
    for ln in lines:
        ln["unit"] = {"PCS": "PZA", "EA": "PZA"}.get(ln["unit"], ln["unit"])
    regular, bold = rng.choice(
        [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold")]
    )
    size = 6.5 if regular == "Courier" else rng.choice([7.0, 7.5])
    s = Sheet(path, title="Factura comercial")
    L, R = 28.0, s.width - 28.0
    s.text(L, 38, name, font=bold, size=12)
    s.text(L, 50, address, font=regular, size=size)
    s.text(L, 60, f"Tax ID (EIN): {f['seller_tax_id']}", font=regular, size=size)
    s.right(R, 38, "FACTURA COMERCIAL", font=bold, size=14)
    s.right(R, 52, f"No. {f['invoice_number']}", font=bold, size=10)
    yy, mm, dd = f["invoice_date"].split("-")
    s.right(R, 64, f"Fecha: {int(dd)} de {MESES[int(mm) - 1]} de {yy}", font=regular, size=size + 0.5)
    # the ORIGINAL stamp at an angle
    c = s.canvas
    c.saveState()
    c.setFillGray(0.55)
    c.setFont(bold, 22)
    c.translate(R - 150, s.height - 100)
    c.rotate(12)
    c.drawCentredString(0, 0, "ORIGINAL")
    c.restoreState()
    blocks = [
        ("Vendedor / Exportador", [name, address, f"Tax ID (EIN): {f['seller_tax_id']}"]),
        ("Comprador / Importador", [f["buyer_name"], x["buyer_address"], f"R.F.C.: {f['buyer_tax_id']}"]),
        ("Consignatario", [rng.choice(["El mismo", f["buyer_name"]])]),
    ]
    y = 120.0
    for title, rows in blocks:
        s.shade(L, y - 8, R, y + 3, 0.88)
        s.text(L + 3, y, title, font=bold, size=size)
        y += 11
        for row in rows:
            for part in wrap(row, R - L - 20, font=regular, size=size):
                s.text(L + 10, y, part, font=regular, size=size)
                y += 10
        y += 4
    s.text(L, y, f"Incoterm / Condiciones de entrega: {incoterm} {city}", font=regular, size=size)
    s.text(L + 300, y, f"Orden de compra: {x['po']}", font=regular, size=size)
    y += 10
    s.text(L, y, "Moneda: USD (dólares americanos)", font=regular, size=size)
    s.text(
        L + 300,
        y,
        f"Condiciones de pago: {rng.choice(['Crédito 30 días', 'Contado', 'Crédito 60 días'])}",
        font=regular,
        size=size,
    )
    y += 18
    cols = [
        ("Part.", L + 2, "l"),
        ("No. de parte", L + 24, "l"),
        ("Descripción", L + 92, "l"),
        ("Fracción arancelaria", L + 232, "l"),
        ("País de origen", L + 306, "l"),
        ("Cantidad", L + 400, "r"),
        ("Unidad", L + 406, "l"),
        ("Precio unitario", R - 58, "r"),
        ("Importe", R - 2, "r"),
    ]
    bottom = rng.choice([600.0, 690.0])

    def header(y: float) -> float:
        s.hline(L, R, y - 10, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        s.hline(L, R, y + 4, 0.8)
        return y + 15

    y = header(y)
    countries = {"USA": "ESTADOS UNIDOS", "CHN": "CHINA", "KOR": "COREA", "JPN": "JAPÓN", "DEU": "ALEMANIA"}
    countries |= {"TWN": "TAIWÁN", "MEX": "MÉXICO"}
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 130, font=regular, size=size)
        if y + 10 * len(desc) > bottom:
            s.right(R, y + 4, "Continúa en la siguiente hoja ...", font=regular, size=size - 0.5)
            s.right(R, s.height - 30, f"Hoja {s.page}", font=regular, size=size - 1)
            s.new_page()
            s.text(L, 40, f"{name} - Factura comercial No. {f['invoice_number']}", font=bold, size=size)
            y = header(64.0)
        origin = countries.get(ln["origin_country"], ln["origin_country"])
        cells = [str(k), ln["part_number"], "", ln["tariff_code"], origin, _qty(ln["quantity"]), ln["unit"]]
        cells += [_n(ln["unit_price"], 4), _n(ln["amount"], 2)]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc):
            s.text(L + 92, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc) + 5
        s.hline(L, R, y - 8, 0.2)
    if y + 110 > s.height - 40:
        s.right(R, s.height - 30, f"Hoja {s.page}", font=regular, size=size - 1)
        s.new_page()
        y = 60.0
    rows = [("Subtotal:", f["subtotal_amount"]), ("Flete:", x["freight"]), ("Seguro:", 0.0)]
    rows.append(("Total USD:", f["total_amount"]))
    for label, value in rows:
        y += 12
        big = label.startswith("Total")
        s.text(R - 190, y, label, font=bold if big else regular, size=size)
        s.right(R - 2, y, f"${_n(value, 2)} USD", font=bold if big else regular, size=size)
    y += 24
    for part in wrap(
        "Declaramos bajo protesta de decir verdad que los datos contenidos en esta factura son verdaderos y correctos, "
        "y que el origen de las mercancías es el indicado.",
        R - L,
        font=regular,
        size=size - 0.5,
    ):
        s.text(L, y, part, font=regular, size=size - 0.5)
        y += 9
    y += 26
    s.hline(L, L + 200, y, 0.5)
    s.text(L, y + 10, "Nombre y firma del vendedor", font=regular, size=size - 0.5)
    if s.page > 1:
        s.right(R, s.height - 30, f"Hoja {s.page}", font=regular, size=size - 1)
    s.save()
    return s.page
