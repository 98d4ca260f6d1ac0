"""Round 13 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

Facts, not copies, from public sources: Spain's invoicing regulation (Real Decreto 1619/2012: number and series,
date, the issuer's NIF, the exemption's legal ground when no VAT is charged; exports exempt under art. 21 of the
VAT law, Ley 37/1992) and the Registro Mercantil data Spanish companies print at the foot of their documents; the
EU-Mexico agreement's origin declaration for approved exporters; Japan's qualified-invoice system (in force since
October 2023: the issuer's registration number is ``T`` and thirteen digits, printed on every invoice), the yen's
lack of a minor unit (amounts printed without decimals), the consumption tax exemption of exports and the
``yyyy/mm/dd`` dates of Japanese business documents.

* ``nif``: a Spanish maker's ``FACTURA`` to its Mexican customer, in Spanish and in euros: the seller's ``NIF
  B-12345678`` (the Spanish company tax number, a letter and eight digits) and ``NIF-IVA ESB12345678`` (its
  intra-EU VAT number, the same with the country prefix); ``Nº factura`` with a series (``FV25/001234``), ``Fecha``
  as ``27/08/2025``; ``Cliente`` over the buyer with its RFC; ``Condiciones de entrega: FCA Barcelona (Incoterms®
  2020)``, ``Forma de pago``, ``Divisa: EUR``; lines ``Referencia | Descripción | Código NC | Cantidad | Precio |
  Dto. % | Importe`` with the EU's eight-digit Combined Nomenclature code (not a Mexican fracción: the truth
  drops it), a discount column that reads ``0,00`` (the template always prints it), amounts as ``1.234,56 €`` (the
  sign after the figure), a fixed number of line rows a page (eight or ten, as the template was laid out), ``Suma y
  sigue`` (carried forward) at a page foot with the running sum and ``Suma anterior`` at the next head (running
  sums, not totals); ``Base imponible``, ``Portes`` (freight), ``IVA 0 %
  (Exenta art. 21 Ley 37/1992)``, ``TOTAL FACTURA``; ``Origen de la mercancía: España (UE)`` once for the invoice
  and the origin declaration in Spanish; the Registro Mercantil line (``Inscrita en el Registro Mercantil de
  Barcelona, Tomo … Folio … Hoja …``) at every foot with ``Página 1 de 2``.
* ``yen``: a Japanese maker's English export invoice billed in yen: the company's Japanese name (CJK) over its
  English one, ``Registration No. T1234567890123`` (the qualified-invoice issuer number, the seller's tax id as
  printed), ``Invoice No.`` and ``Date`` as ``2025/08/27``; ``Sold to`` with the buyer's RFC; ``Terms of
  Delivery`` (``FCA NAGOYA``), ``Payment``, ``Currency: JPY``; lines ``Item | Part No. | Description | Q'ty |
  Unit | Unit Price (JPY) | Amount (JPY)`` with unit prices in yen and sen where small parts need them
  (``12.50``) and amounts in whole yen (``1,234,567``, no decimals); ``Sub Total``, ``Freight``, ``Consumption tax
  (export, exempt) 0``, ``TOTAL JPY`` with ``¥12,345,678``; ``Country of Origin: JAPAN`` once; no tariff code (the
  truth drops it); the red square company seal beside the signature; ``Page 1/2`` and ``(Continued)`` at a page
  break with the table's header again.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("nif", "yen")
SPAIN = [
    ("MECANIZADOS DEL VALLÈS, S.L.", "Pol. Ind. Can Roqueta, C/ Fusters 12, 08202 Sabadell (Barcelona)", "Barcelona"),
    ("COMPONENTES ELÉCTRICOS NAVARRA, S.A.", "Pol. Ind. Mutilva Baja, Calle E 8, 31192 Mutilva (Navarra)", "Pamplona"),
    ("PLÁSTICOS TÉCNICOS DE LEVANTE, S.L.", "Avda. de la Industria 45, 46980 Paterna (Valencia)", "Valencia"),
    ("FUNDICIONES DEL NERVIÓN, S.A.", "Barrio Arana 3, 48450 Etxebarri (Bizkaia)", "Bilbao"),
]
JAPAN = [
    (
        "東海精密工業株式会社",
        "TOKAI PRECISION INDUSTRIES CO., LTD.",
        "2-15 Atsuta-ku, Nagoya, Aichi 456-0031",
        "NAGOYA",
    ),
    (
        "浜松電子部品株式会社",
        "HAMAMATSU ELECTRONIC PARTS CO., LTD.",
        "1-8 Nakazawa-cho, Hamamatsu 430-0904",
        "HAMAMATSU",
    ),
    ("大阪樹脂成形株式会社", "OSAKA RESIN MOLDING CO., LTD.", "3-4-7 Nishi-ku, Osaka 550-0005", "OSAKA"),
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _nif if arrangement == "nif" else _yen
    state = rng.getstate()
    original = _copy(truth)
    pages = draw(truth, path, rng, 0)
    rng.setstate(state)
    truth.clear()
    truth.update(original)
    return draw(truth, path, rng, pages)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def es(value: float, decimals: int = 2) -> str:
    """``1.234,56``: the Spanish format."""
    return f"{value:,.{decimals}f}".replace(",", "#").replace(".", ",").replace("#", ".")


def ymd(iso: str) -> str:
    """``2025-08-27`` → ``2025/08/27``, as Japanese documents date."""
    return iso.replace("-", "/")


def _cif_control(seven: str) -> str:
    """A Spanish company NIF's control digit over its seven digits (Orden EHA/451/2008): the digits at even places
    plus the digit sums of the doubled ones at odd places, and what the total lacks to end in zero."""
    digits = [int(ch) for ch in seven]
    total = sum(digits[1::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[0::2])
    return str((10 - total % 10) % 10)


def _corporate_check(twelve: str) -> str:
    """A Japanese corporate number's check digit over its twelve digits (nine less their weighted sum modulo
    nine, weights 1 and 2 from the right)."""
    total = sum(int(ch) * (1 if k % 2 == 0 else 2) for k, ch in enumerate(twelve[::-1]))
    return str(9 - total % 9)


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _reprice(truth: dict[str, Any], rate: float, price_decimals: int, amount_decimals: int) -> None:
    """Bill the invoice in another currency: prices converted at ``rate``, amounts recomputed, totals summed."""
    f, x = truth["fields"], truth["extra"]
    for ln in truth["lines"]:
        ln["unit_price"] = round(ln["unit_price"] * rate, price_decimals)
        ln["amount"] = round(ln["quantity"] * ln["unit_price"], amount_decimals)
        if amount_decimals == 0:
            ln["amount"] = float(int(ln["amount"]))
    x["freight"] = round(x["freight"] * rate, amount_decimals)
    f["subtotal_amount"] = round(sum(ln["amount"] for ln in truth["lines"]), amount_decimals)
    f["total_amount"] = round(f["subtotal_amount"] + x["freight"], amount_decimals)


# --------------------------------------------------------------------------------------------------------


def _nif(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, city = rng.choice(SPAIN)
    letter = "B" if name.endswith("S.L.") else "A"
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    digits = digits[:7] + _cif_control(digits[:7])  # a real NIF ends in its control character
    nif = f"{letter}{digits}"
    _reprice(truth, rng.uniform(0.85, 0.94), 4, 2)  # billed in euros
    f.update({"seller_name": name, "seller_tax_id": nif, "origin_country": "ESP", "currency": "EUR"})
    f["invoice_number"] = f"FV{f['invoice_date'][2:4]}/{rng.randint(100, 9999):06d}"
    nc = {}
    for ln in lines:
        ln.pop("origin_country", None)  # stated once for the invoice
        code = ln.pop("tariff_code")  # the Combined Nomenclature shares only the HS's six digits
        tail = f"{rng.randint(10, 99)}"
        nc[id(ln)] = code[:6] + (tail if tail != code[6:] else "80")
        ln["unit"] = {"PCS": "UD", "EA": "UD"}.get(ln["unit"], ln["unit"])  # unidades, as Spanish forms print it
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.0
    s = Sheet(path, title="Factura")
    L, R = 32.0, s.width - 32.0
    M = (L + R) / 2
    registry = (
        f"Inscrita en el Registro Mercantil de {city}, Tomo {rng.randint(10000, 49999)}, Folio {rng.randint(1, 220)}, "
        f"Hoja {rng.choice(['B', 'BI', 'NA', 'V'])}-{rng.randint(10000, 299999)}, Inscripción {rng.randint(1, 9)}ª"
    )
    auth = f"ES/{rng.randint(1, 999):03d}/{rng.choice(['B', 'V', 'NA', 'BI'])}/{rng.randint(15, 24)}"
    pay = {"NET 30": "Transferencia bancaria a 30 días f.f.", "NET 60": "Transferencia bancaria a 60 días f.f."}
    terms = pay.get(x["terms"], "Pago anticipado")
    named = {"EXW": city, "FCA": city, "FOB": "Barcelona", "FAS": "Valencia"}.get(f["incoterm"], "Manzanillo (México)")

    def foot() -> None:
        s.text(L, s.height - 22, registry, font=regular, size=5.5)
        s.right(R, s.height - 12, f"Página {s.page} de {pages}", font=regular, size=6)

    def top() -> float:
        s.text(L, 34, name, font=bold, size=11)
        s.text(L, 44, address + " - ESPAÑA", font=regular, size=size - 0.5)
        s.text(L, 53, f"NIF {letter}-{digits}    NIF-IVA ES{nif}", font=regular, size=size - 0.5)
        s.right(R, 34, "FACTURA", font=bold, size=14)
        s.hline(L, R, 59, 1.0)
        return 72.0

    y = top()
    info = [
        ("Nº factura:", f["invoice_number"]),
        ("Fecha:", _dmy(f["invoice_date"])),
        ("Su pedido:", x["po"]),
        ("Condiciones de entrega:", f"{f['incoterm']} {named} (Incoterms® 2020)"),
        ("Forma de pago:", terms),
        ("Divisa:", "EUR"),
    ]
    for k, (label, value) in enumerate(info):
        s.text(M + 10, y + 10 * k, label, font=bold, size=size)
        s.text(M + 106, y + 10 * k, value, font=regular, size=size)
    s.text(L, y, "Cliente", font=bold, size=size)
    rows = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 20, font=regular, size=size)[:2], "MÉXICO"]
    rows.append(f"RFC: {f['buyer_tax_id']}")
    for k, row in enumerate(rows, start=1):
        s.text(L, y + 10 * k, row, font=regular, size=size)
    y += 76
    cols = [
        ("Referencia", L + 2, "l"),
        ("Descripción", L + 78, "l"),
        ("Código NC", L + 262, "l"),
        ("Cantidad", L + 356, "r"),
        ("Precio", L + 404, "r"),
        ("Dto. %", L + 438, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.86)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.3)
        return y + 14

    y = header(y)
    running = 0.0
    per_page = rng.choice([8, 10])  # the template's fixed number of line rows a page
    on_page = 0
    for ln in lines:
        desc = wrap(ln["description"], 140, font=regular, size=size)
        if on_page == per_page or y + 9 * len(desc) > s.height - 150:
            on_page = 0
            s.hline(L, R, y - 4, 0.4)
            s.text(R - 200, y + 6, "Suma y sigue", font=bold, size=size)
            s.right(R - 2, y + 6, f"{es(running)} €", font=bold, size=size)
            foot()
            s.new_page()
            y = top()
            s.text(R - 200, y, "Suma anterior", font=bold, size=size)
            s.right(R - 2, y, f"{es(running)} €", font=bold, size=size)
            y = header(y + 16)
        qd = 0 if ln["quantity"] == int(ln["quantity"]) else 3
        cells = [
            ln["part_number"],
            desc[0],
            nc[id(ln)],
            f"{es(ln['quantity'], qd)} {ln['unit']}",
            es(ln["unit_price"], 4),
            "0,00",
            f"{es(ln['amount'])} €",
        ]
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 78, y + 9 * j, part, font=regular, size=size)
        running += ln["amount"]
        on_page += 1
        y += 9 * len(desc) + 5
    s.hline(L, R, y - 4, 0.6)
    y += 8
    packages = rng.randint(1, 24)
    for j, text in enumerate(
        [
            "Origen de la mercancía: España (UE)",
            f"Bultos: {packages} cajas de madera    Peso neto: {es(sum(ln['quantity'] for ln in lines) * 0.03)} kg",
        ]
    ):
        s.text(L, y + 10 * j, text, font=regular, size=size)
    totals = [
        ("Base imponible", f["subtotal_amount"]),
        ("Portes", x["freight"]),
        ("IVA 0 % (Exenta art. 21 Ley 37/1992)", 0.0),
        ("TOTAL FACTURA", f["total_amount"]),
    ]
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 230, y + 10 * j, label, font=bold if last else regular, size=size)
        s.right(R - 2, y + 10 * j, f"{es(value)} €", font=bold if last else regular, size=size)
    y += 56
    notes = [
        f"El exportador de los productos incluidos en el presente documento (autorización aduanera nº {auth})",
        "declara que, salvo indicación en sentido contrario, estos productos gozan de un origen preferencial UE.",
        "Operación exenta de IVA por exportación (art. 21.1º Ley 37/1992).",
    ]
    for text in notes:
        s.text(L, y, text, font=regular, size=size - 0.5)
        y += 9
    s.right(R, y + 12, f"{city}, {_dmy(f['invoice_date'])}", font=regular, size=size)
    s.hline(R - 170, R, y + 32, 0.5)
    s.right(R, y + 40, "Firma y sello", font=regular, size=size - 0.5)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _cjk() -> str:
    if "HeiseiMin-W3" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    return "HeiseiMin-W3"


def _yen(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    jp, name, address, city = rng.choice(JAPAN)
    reg = "".join(str(rng.randint(0, 9)) for _ in range(13))
    reg = "T" + _corporate_check(reg[1:]) + reg[1:]  # the registration number's first digit checks the other twelve
    _reprice(truth, rng.uniform(140.0, 158.0), 2, 0)  # billed in yen
    f.update({"seller_name": name, "seller_tax_id": reg, "origin_country": "JPN", "currency": "JPY"})
    for ln in lines:
        ln.pop("origin_country", None)  # stated once for the invoice
        ln.pop("tariff_code", None)  # no tariff code printed
        ln["unit"] = "PCS" if ln["unit"] == "EA" else ln["unit"]
    regular, bold = "Helvetica", "Helvetica-Bold"
    size = 7.2
    s = Sheet(path, title="Commercial Invoice")
    L, R = 34.0, s.width - 34.0
    M = (L + R) / 2
    named = {"EXW": city, "FCA": city, "FOB": "NAGOYA", "FAS": "NAGOYA"}.get(f["incoterm"], "MANZANILLO")
    pay = {"NET 30": "T/T 30 DAYS AFTER INVOICE DATE", "NET 60": "T/T 60 DAYS AFTER B/L DATE"}

    def yen(value: float) -> str:
        return f"{value:,.0f}"

    def price(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"

    def top() -> float:
        s.text(L, 32, jp, font=_cjk(), size=12)
        s.text(L, 45, name, font=bold, size=10)
        s.text(L, 55, address + ", JAPAN", font=regular, size=size - 0.5)
        s.text(L, 64, f"Registration No. {reg}", font=regular, size=size - 0.5)
        s.right(R, 34, "COMMERCIAL INVOICE", font=bold, size=13)
        s.right(R, 46, f"Page {s.page}/{pages}", font=regular, size=size)
        s.hline(L, R, 70, 1.0)
        return 84.0

    y = top()
    s.text(L, y, "Sold to:", font=bold, size=size)
    rows = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 20, font=regular, size=size)[:2], "MEXICO"]
    rows.append(f"RFC: {f['buyer_tax_id']}")
    for k, row in enumerate(rows, start=1):
        s.text(L, y + 10 * k, row, font=regular, size=size)
    info = [
        ("Invoice No.", f["invoice_number"]),
        ("Date", ymd(f["invoice_date"])),
        ("Your Order No.", x["po"]),
        ("Terms of Delivery", f"{f['incoterm']} {named}"),
        ("Payment", pay.get(x["terms"], "T/T IN ADVANCE")),
        ("Currency", "JPY (JAPANESE YEN)"),
    ]
    for k, (label, value) in enumerate(info):
        s.text(M + 10, y + 10 * k, label, font=bold, size=size)
        s.text(M + 96, y + 10 * k, f": {value}", font=regular, size=size)
    y += 72
    cols = [
        ("Item", L + 2, "l"),
        ("Part No.", L + 28, "l"),
        ("Description", L + 110, "l"),
        ("Q'ty", L + 340, "r"),
        ("Unit", L + 346, "l"),
        ("Unit Price (JPY)", L + 446, "r"),
        ("Amount (JPY)", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 10, 1.0)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.hline(L, R, y + 4, 0.5)
        return y + 15

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"].upper(), 200, font=regular, size=size)
        if y + 10 * len(desc) > s.height - 170:
            s.right(R, y + 4, "(Continued)", font=regular, size=size)
            s.new_page()
            y = header(top() + 10)
        qd = 0 if ln["quantity"] == int(ln["quantity"]) else 3
        cells = [
            str(k),
            ln["part_number"],
            desc[0],
            f"{ln['quantity']:,.{qd}f}",
            ln["unit"],
            price(ln["unit_price"]),
            yen(ln["amount"]),
        ]
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 110, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc) + 3
    s.hline(L, R, y - 4, 0.8)
    y += 8
    totals = [
        ("Sub Total", yen(f["subtotal_amount"])),
        ("Freight", yen(x["freight"])),
        ("Consumption tax (export, exempt)", "0"),
        ("TOTAL JPY", f"¥{yen(f['total_amount'])}"),
    ]
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 210, y + 11 * j, label, font=bold if last else regular, size=size)
        s.right(R - 2, y + 11 * j, value, font=bold if last else regular, size=size)
    s.text(L, y, "Country of Origin: JAPAN", font=regular, size=size)
    s.text(L, y + 11, f"Total quantity: {sum(ln['quantity'] for ln in lines):,.0f}", font=regular, size=size)
    s.text(L, y + 22, f"Packing: {rng.randint(1, 40)} CARTONS ON {rng.randint(1, 6)} PALLETS", font=regular, size=size)
    y += 64
    # the company seal (a red square with the company's name) beside the signature
    c = s.canvas
    c.saveState()
    c.setStrokeColorRGB(0.8, 0.1, 0.1)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.setLineWidth(1.4)
    c.rect(R - 70, s.height - (y + 46), 44, 44)
    c.setFont(_cjk(), 8)
    for j, ch in enumerate(jp[:8]):
        c.drawString(R - 64 + 18 * (j // 4), s.height - (y + 12 + 9 * (j % 4)), ch)
    c.restoreState()
    s.hline(R - 240, R - 80, y + 34, 0.5)
    s.text(R - 240, y + 44, f"{name}", font=regular, size=size - 0.5)
    s.text(R - 240, y + 53, "Authorized Signature", font=regular, size=size - 0.5)
    s.save()
    return s.page
