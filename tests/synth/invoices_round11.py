"""Round 11 of the held-out invoice arrangements (see ``invoices``), modelled on two invoice outputs the earlier
arrangements do not draw:

* ``fatura``: a Brazilian maker's bilingual Portuguese / English export invoice (Brazil ships auto parts and
  materials to Mexican plants under the ACE 55 agreement): ``FATURA COMERCIAL / COMMERCIAL INVOICE``, ``Nº /
  No.``, ``Data / Date`` as ``27/08/2025``; the exporter's ``CNPJ`` (the federal company number printed
  ``12.345.678/0001-95``, two check digits) as its tax id; ``Exportador / Exporter``, ``Importador / Importer``
  with the buyer's RFC, ``Notificar / Notify``; a grid of shipment data (``País de origem / Country of origin:
  BRASIL``, ``Porto de embarque / Port of loading``, ``Via de transporte / Mode of transport``, ``Condição de
  venda / Terms of sale`` as ``FOB - SANTOS``, ``Condição de pagamento / Payment terms``, ``Moeda / Currency``,
  ``DU-E`` (the single export declaration's number: not the invoice's); lines ``Item | Código / Code |
  Descrição / Description | NCM | Qtde. / Qty | Unid. / Unit | Preço unit. / Unit price | Total`` with the
  Mercosur eight-digit NCM (not the Mexican fracción: the truth drops it), units in Portuguese (``PC`` peça,
  ``UN`` unidade, ``KG``), money in the Brazilian format (``1.234,56``); ``Peso líquido / Net weight``, ``Peso
  bruto / Gross weight``, ``Volumes``; ``Valor FOB / FOB value``, ``Frete / Freight``, ``Seguro / Insurance``,
  ``Valor total / Total value``; ``Continua / Continued`` at a page break with the header again; the origin
  stated once (the truth keeps it there and drops it from the lines).
* ``usmca``: a US supplier's commercial invoice that carries the USMCA certification of origin on the invoice
  itself (the agreement lets the certification be given on an invoice when it holds the nine minimum data
  elements: certifier, exporter, producer, importer, description and HS classification, origin criterion, blanket
  period, signature): ``Invoice No.``, ``Invoice Date`` as ``08/27/2025``, ``Sold To`` / ``Ship To``, ``Customer
  PO``, ``Incoterms® 2020`` with the named place; lines ``Line | Part Number | Description | HS (6) | Orig.
  Crit. | COO | Qty | UOM | Unit Price | Extended`` with the six-digit HS heading (no Mexican fracción: the
  truth drops it), the origin criterion (``A`` … ``D``, ``N/A`` for goods not covered) and two-letter origin
  codes; ``Subtotal``, ``Freight``, ``Total Invoice Value (USD)``; then the ``USMCA / T-MEC / CUSMA
  CERTIFICATION OF ORIGIN`` block with the numbered data elements, which repeats the exporter's and the importer's
  names and addresses (parties that are the invoice's own), ``Producer: SAME AS EXPORTER`` or ``VARIOUS``, a
  blanket period ``From 01/01/2025 To 12/31/2025`` (dates that are not the invoice's), the certification
  sentence and the signature with its date; the seller's EIN as its tax id.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("fatura", "usmca")
BRAZIL = [
    (
        "METALÚRGICA VALE DO PARAÍBA LTDA.",
        "Av. Industrial 2500, Distrito Industrial, Taubaté - SP, 12072-010",
        "SANTOS",
    ),
    ("AUTOPEÇAS SERRA GAÚCHA S.A.", "Rua Ernesto Dornelles 1180, Caxias do Sul - RS, 95020-470", "RIO GRANDE"),
    ("PLÁSTICOS TÉCNICOS JOINVILLE LTDA.", "Rua Dona Francisca 8300, Joinville - SC, 89219-600", "ITAJAÍ"),
    ("CABOS E FIOS MINAS INDÚSTRIA LTDA.", "Rod. BR-381 km 12, Betim - MG, 32669-120", "SANTOS"),
]
UNITS_PT = {"PCS": "PC", "EA": "UN", "KG": "KG"}
US_SELLERS = [
    ("PACIFIC COMPONENTS INC", "1450 Commerce Dr, Laredo, TX 78041", "LAREDO, TX"),
    ("GREAT LAKES WIRE & CABLE LLC", "800 Industrial Pkwy, Toledo, OH 43612", "TOLEDO, OH"),
    ("MIDWEST FASTENER SUPPLY CO", "2200 Dixie Hwy, Louisville, KY 40210", "LOUISVILLE, KY"),
    ("SUNBELT PLASTICS CORPORATION", "9100 Alameda Ave, El Paso, TX 79907", "EL PASO, TX"),
]
ALPHA2 = {"USA": "US", "CHN": "CN", "KOR": "KR", "JPN": "JP", "DEU": "DE", "TWN": "TW", "CAN": "CA", "MEX": "MX"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_fatura if arrangement == "fatura" else _usmca)(truth, path, rng)


def _cnpj(rng: random.Random) -> str:
    """A CNPJ with its two check digits, printed ``12.345.678/0001-95``."""
    return _cnpj_of("".join(str(rng.randint(0, 9)) for _ in range(8)) + "0001")


def _cnpj_of(body: str) -> str:
    """The twelve digits of a company and branch with the CNPJ's two modulo-11 check digits, punctuated."""
    digits = [int(c) for c in body]
    for weights in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        digits.append(0 if rest < 2 else 11 - rest)
    t = "".join(map(str, digits))
    return f"{t[:2]}.{t[2:5]}.{t[5:8]}/{t[8:12]}-{t[12:]}"


def _br(value: float, decimals: int = 2) -> str:
    """``1.234,56``: the Brazilian format."""
    return f"{value:,.{decimals}f}".replace(",", "#").replace(".", ",").replace("#", ".")


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --------------------------------------------------------------------------------------------------------


def _fatura(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, port = rng.choice(BRAZIL)
    cnpj = _cnpj(rng)
    f.update({"seller_name": name, "seller_tax_id": cnpj, "origin_country": "BRA"})
    ncm = {}
    for ln in lines:
        ln.pop("origin_country", None)  # stated once for the invoice
        # the NCM shares the Harmonized System's six digits and adds two of the Mercosur's own
        code = ln.pop("tariff_code")
        tail = f"{rng.randint(10, 99)}"
        ncm[id(ln)] = code[:6] + (tail if tail != code[6:] else "10" if code[6:] != "10" else "20")
        ln["unit"] = UNITS_PT.get(ln["unit"], ln["unit"])
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.0
    s = Sheet(path, title="Fatura Comercial")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    state_id = f"{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}"
    due = f"{rng.randint(24, 26)}BR{rng.randint(10**9, 10**10 - 1)}"
    mode = rng.choice(["MARÍTIMA / SEA", "RODOVIÁRIA / ROAD"])
    named = "MANZANILLO" if f["incoterm"] in ("CIF", "DAP") else port  # the named place of the term
    days = x["terms"].removeprefix("NET ")
    terms = f"{days} DIAS / {days} DAYS" if days.isdigit() else "ANTECIPADO / PREPAID"

    def cell(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 8, caption, font=bold, size=size - 1)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 18 + 9 * k, row, font=regular, size=size)

    def top() -> float:
        s.text(L, 34, name, font=bold, size=11)
        s.text(L, 45, address, font=regular, size=size - 0.5)
        s.text(L, 54, f"CNPJ: {cnpj}    Inscrição Estadual: {state_id}", font=regular, size=size - 0.5)
        s.right(R, 34, "FATURA COMERCIAL", font=bold, size=12)
        s.right(R, 45, "COMMERCIAL INVOICE", font=bold, size=10)
        s.right(R, 54, f"Página / Page {s.page}", font=regular, size=size - 0.5)
        s.hline(L, R, 60, 1.0)
        return 66.0

    y = top()
    w = (R - L) / 4
    cell(L, y, L + w, y + 28, "Nº / No.", [f["invoice_number"]])
    cell(L + w, y, L + 2 * w, y + 28, "Data / Date", [_dmy(f["invoice_date"])])
    cell(L + 2 * w, y, L + 3 * w, y + 28, "Pedido / Order", [x["po"]])
    cell(L + 3 * w, y, R, y + 28, "DU-E", [due])
    y += 28
    importer = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 12, font=regular, size=size)[:2]]
    importer.append(f"RFC: {f['buyer_tax_id']}")
    cell(L, y, M, y + 56, "Importador / Importer", importer)
    cell(M, y, R, y + 56, "Consignatário / Consignee", ["O MESMO / SAME AS IMPORTER"])
    y += 56
    row = [
        ("País de origem / Country of origin", "BRASIL"),
        ("País de destino / Destination", "MÉXICO"),
        ("Porto de embarque / Port of loading", port),
        ("Via de transporte / Mode of transport", mode),
    ]
    for k, (caption, value) in enumerate(row):
        cell(L + k * w, y, L + (k + 1) * w, y + 28, caption, [value])
    y += 28
    row = [
        ("Condição de venda / Terms of sale", f"{f['incoterm']} - {named}"),
        ("Condição de pagamento / Payment terms", terms),
        ("Moeda / Currency", f["currency"]),
        ("Notificar / Notify", "AGENTE ADUANAL DO IMPORTADOR"),
    ]
    for k, (caption, value) in enumerate(row):
        cell(L + k * w, y, L + (k + 1) * w, y + 28, caption, [value])
    y += 40
    cols = [
        ("Item", L + 3, "l"),
        ("Código / Code", L + 26, "l"),
        ("Descrição / Description", L + 90, "l"),
        ("NCM", L + 290, "l"),
        ("Qtde. / Qty", L + 385, "r"),
        ("Unid.", L + 391, "l"),
        (f"Preço unit. {f['currency']}", R - 72, "r"),
        (f"Total {f['currency']}", R - 3, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"].upper(), 190, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 150:
            s.right(R, y + 4, "Continua na próxima página / Continued", font=regular, size=size)
            s.new_page()
            y = header(top() + 16)
        qd = 0 if ln["quantity"] == int(ln["quantity"]) else 3
        cells = [f"{k:02d}", ln["part_number"], desc[0], ncm[id(ln)], _br(ln["quantity"], qd), ln["unit"]]
        cells += [_br(ln["unit_price"], 4), _br(ln["amount"])]
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 90, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 3
    s.hline(L, R, y - 4, 0.6)
    y += 8
    net = round(sum(ln["quantity"] for ln in lines) * rng.uniform(0.01, 0.2), 3)
    weights = [
        ("Peso líquido / Net weight", f"{_br(net, 3)} KG"),
        ("Peso bruto / Gross weight", f"{_br(net * 1.12, 3)} KG"),
        ("Volumes / Packages", f"{rng.randint(2, 40)} PALLETS"),
    ]
    for j, (label, value) in enumerate(weights):
        s.text(L, y + 10 * j, label, font=regular, size=size)
        s.text(L + 120, y + 10 * j, value, font=regular, size=size)
    totals = [
        (f"Valor {f['incoterm']} / {f['incoterm']} value", f["subtotal_amount"]),
        ("Frete / Freight", x["freight"]),
        ("Seguro / Insurance", 0.0),
        (f"Valor total / Total value {f['currency']}", f["total_amount"]),
    ]
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 220, y + 10 * j, label, font=bold if last else regular, size=size)
        s.right(R - 3, y + 10 * j, _br(value), font=bold if last else regular, size=size)
    y += 10 * len(totals) + 14
    for text in (
        "Declaramos que as informações acima são verdadeiras e corretas.",
        "We declare that the information above is true and correct.",
    ):
        s.text(L, y, text, font=regular, size=size - 0.5)
        y += 9
    s.right(R, y + 10, name, font=bold, size=size)
    s.hline(R - 180, R, y + 28, 0.5)
    s.right(R, y + 36, "Exportador / Exporter", font=regular, size=size - 0.5)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _usmca(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, place = rng.choice(US_SELLERS)
    # no origin for the whole invoice (each line states its own); the sea terms become their land equivalents
    f.pop("origin_country", None)
    f.update({"seller_name": name, "incoterm": {"CIF": "CPT", "FOB": "FCA"}.get(f["incoterm"], f["incoterm"])})
    hs = {}
    for ln in lines:
        hs[id(ln)] = ln.pop("tariff_code")[:6]  # the six-digit heading only
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.0
    s = Sheet(path, title="Commercial Invoice")
    L, R = 32.0, s.width - 32.0
    M = (L + R) / 2
    d = date.fromisoformat(f["invoice_date"])
    when = f"{d.month:02d}/{d.day:02d}/{d.year}"
    phone = f"({rng.randint(200, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    signer = rng.choice(["Karen Mitchell", "David Okafor", "Linda Vasquez", "Robert Chen"])

    def top() -> float:
        s.text(L, 36, name, font=bold, size=12)
        s.text(L, 47, address, font=regular, size=size)
        s.text(L, 56, f"Tel. {phone}    Federal Tax ID (EIN): {f['seller_tax_id']}", font=regular, size=size)
        s.right(R, 36, "COMMERCIAL INVOICE", font=bold, size=12)
        s.right(R, 47, f"Page {s.page}", font=regular, size=size)
        s.hline(L, R, 62, 1.0)
        return 74.0

    y = top()
    info = [
        ("Invoice No.", f["invoice_number"]),
        ("Invoice Date", when),
        ("Customer PO", x["po"]),
        ("Terms", x["terms"]),
        ("Incoterms® 2020", f"{f['incoterm']} {place}"),
        ("Currency", f["currency"]),
    ]
    for k, (label, value) in enumerate(info):
        s.text(M + 40, y + 10 * k, label, font=bold, size=size)
        s.text(M + 130, y + 10 * k, value, font=regular, size=size)
    s.text(L, y, "Sold To", font=bold, size=size)
    sold = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 30, font=regular, size=size)[:2]]
    sold.append(f"RFC: {f['buyer_tax_id']}")
    for k, row in enumerate(sold, start=1):
        s.text(L, y + 10 * k, row, font=regular, size=size)
    y += 70
    cols = [
        ("Line", L + 2, "l"),
        ("Part Number", L + 24, "l"),
        ("Description", L + 84, "l"),
        ("HS (6)", L + 250, "l"),
        ("Orig. Crit.", L + 286, "l"),
        ("COO", L + 326, "l"),
        ("Qty", L + 382, "r"),
        ("UOM", L + 388, "l"),
        ("Unit Price", R - 62, "r"),
        ("Extended", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 9, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.hline(L, R, y + 4, 0.4)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 160, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 60:
            s.right(R, y + 2, "Continued on next page", font=regular, size=size)
            s.new_page()
            y = header(top() + 10)
        origin = ln.get("origin_country", "USA")
        crit = rng.choice(["A", "B", "C"]) if origin in ("USA", "MEX", "CAN") else "N/A"
        qd = 0 if ln["quantity"] == int(ln["quantity"]) else 2
        cells = [str(k), ln["part_number"], desc[0], hs[id(ln)], crit, ALPHA2.get(origin, origin)]
        cells += [f"{ln['quantity']:,.{qd}f}", ln["unit"], f"{ln['unit_price']:,.4f}", f"{ln['amount']:,.2f}"]
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 84, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 3
    s.hline(L, R, y - 4, 0.6)
    y += 8
    totals = [("Subtotal", f["subtotal_amount"]), ("Freight", x["freight"])]
    totals.append((f"Total Invoice Value ({f['currency']})", f["total_amount"]))
    if y + 36 + 230 > s.height - 30:
        for j, (label, value) in enumerate(totals):
            s.text(R - 190, y + 10 * j, label, font=bold if j == 2 else regular, size=size)
            s.right(R - 2, y + 10 * j, f"{value:,.2f}", font=bold if j == 2 else regular, size=size)
        s.new_page()
        y = top()
    else:
        for j, (label, value) in enumerate(totals):
            s.text(R - 190, y + 10 * j, label, font=bold if j == 2 else regular, size=size)
            s.right(R - 2, y + 10 * j, f"{value:,.2f}", font=bold if j == 2 else regular, size=size)
        y += 40
    # the certification of origin, with its nine minimum data elements
    s.shade(L, y - 9, R, y + 4, 0.82)
    s.text(L + 4, y, "USMCA / T-MEC / CUSMA CERTIFICATION OF ORIGIN", font=bold, size=size + 1)
    y += 16
    year = d.year
    producer = rng.choice(["SAME AS EXPORTER", "VARIOUS - AVAILABLE UPON REQUEST OF THE AUTHORITIES"])
    elements = [
        ("1. Certifier", "[X] Exporter   [ ] Producer   [ ] Importer"),
        ("2. Certifier", f"{signer}, {name}, {address}, {phone}"),
        ("3. Exporter", f"{name}, {address}"),
        ("4. Producer", producer),
        ("5. Importer", f"{f['buyer_name']}, {x['buyer_address']}, RFC {f['buyer_tax_id']}"),
        ("6. Description / HS tariff classification", "AS LISTED ABOVE (PART NUMBER, DESCRIPTION, HS (6))"),
        ("7. Origin criterion", "AS LISTED ABOVE (ORIG. CRIT.)"),
        ("8. Blanket period", f"From 01/01/{year} To 12/31/{year}"),
    ]
    for label, value in elements:
        parts = wrap(value, R - L - 170, font=regular, size=size)
        s.text(L + 4, y, label, font=bold, size=size)
        for k, part in enumerate(parts):
            s.text(L + 170, y + 9 * k, part, font=regular, size=size)
        y += 9 * len(parts) + 3
    y += 4
    sentence = (
        "I certify that the goods described in this document qualify as originating and the information contained "
        "in this document is true and accurate. I assume responsibility for proving such representations and agree "
        "to maintain and present upon request or to make available during a verification visit, documentation "
        "necessary to support this certification."
    )
    for part in wrap(sentence, R - L - 8, font=regular, size=size - 0.5):
        s.text(L + 4, y, part, font=regular, size=size - 0.5)
        y += 8
    y += 6
    s.text(L + 4, y, "9. Authorized signature", font=bold, size=size)
    s.hline(L + 170, L + 330, y + 2, 0.5)
    s.text(L + 340, y, f"Name: {signer}   Title: Export Compliance Manager   Date: {when}", font=regular, size=size)
    s.save()
    return s.page
