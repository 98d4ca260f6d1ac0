"""Round 12 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

* ``fattura``: an Italian machinery or components maker's bilingual Italian / English export invoice (Italy is among
  Mexico's larger European suppliers of machinery and parts): the title ``FATTURA / INVOICE``, the seller's
  ``P.IVA / VAT No. IT01234567890`` (the Italian VAT number, the country prefix and eleven digits) and ``Cod.
  EORI``; ``Fattura n. / Invoice No.``, ``Data / Date`` as ``27/08/2025``; ``Spett.le / Messrs.`` over the buyer;
  ``Resa / Terms of delivery: FCA Milano - Incoterms® 2020``, ``Pagamento / Payment``, ``Valuta / Currency``;
  lines ``Pos. | Codice articolo / Item code | Descrizione / Description | Voce doganale / HS code | Q.tà / Qty |
  U.M. | Prezzo unit. / Unit price | Importo / Amount`` with the EU Combined Nomenclature's eight digits (the HS's
  six and two of the EU's own: not a Mexican fracción, dropped from the truth), the unit as Italians print it
  (``PZ``, ``NR``, ``KG``: the truth keeps what is printed), amounts as ``1.234,56``; the VAT exemption of exports
  (``Operazione non imponibile art. 8, c. 1, lett. a) D.P.R. 633/72``); the origin declaration of the EU-Mexico
  agreement for an approved exporter with its authorisation number; net and gross weights and packages; totals
  ``Imponibile / Taxable amount``, ``Trasporto / Freight``, ``Totale fattura / Invoice total``; every page with
  ``n. 1234 del 27/08/2025`` and ``Pag. 1/2`` under the title and, on a continuation, ``segue / continued``.
* ``porpedido``: a US electronics distributor's consolidated invoice for several customer purchase orders shipped
  together: lines grouped under a band per order (``Customer PO: OC-12345678   Sales Order: SO-448812   Ordered:
  08/12/2025``) with a ``PO Subtotal`` under each group (sums of part of the lines, not the invoice's totals); sea terms
  printed as their any-mode equivalents with the dock as named place (``FCA LAREDO, TX`` for an ``FOB``; the truth keeps
  the printed term); columns ``Ln | Mfr Part Number | Description | MX Fracc. | COO | Qty | UOM | Unit Price | Ext.
  Price`` (the Mexican fracción printed for the customer's customs broker), the unit price in four decimals; header
  ``Invoice #``, ``Invoice Date`` as ``Aug 27, 2025``, ``Ship Via``, ``Incoterms``; ``Merchandise Total``, ``Freight``,
  ``Invoice Total USD``; every customer PO in the references; ``Page 1 of 2`` at the foot.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth import data
from tests.synth.draw import MONTHS_EN, Sheet, wrap

ARRANGEMENTS = ("fattura", "porpedido")
ITALY = [
    ("OFFICINE MECCANICHE BRIANZA S.P.A.", "Via Industriale 42, 20841 Carate Brianza (MB)", "Milano"),
    ("COMPONENTI ELETTRICI VENETI S.R.L.", "Viale dell'Industria 18, 35129 Padova (PD)", "Padova"),
    ("TECNOPLAST EMILIA S.R.L.", "Via Emilia Ovest 1150, 41123 Modena (MO)", "Modena"),
    ("FONDERIA BRESCIANA S.P.A.", "Via Orzinuovi 77, 25125 Brescia (BS)", "Brescia"),
]
UNITS_IT = {"PCS": "PZ", "EA": "NR", "KG": "KG"}
US_DISTRIBUTORS = [
    ("SOUTHWEST ELECTRONIC COMPONENTS INC", "2801 Market St, Suite 200, San Antonio, TX 78207"),
    ("BORDERPLEX INDUSTRIAL SUPPLY LLC", "6500 Montana Ave, El Paso, TX 79925"),
    ("ARROWHEAD CONNECTOR SALES CORP", "1200 N Hayden Rd, Scottsdale, AZ 85257"),
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _fattura if arrangement == "fattura" else _porpedido
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


def _it(value: float, decimals: int = 2) -> str:
    """``1.234,56``: the Italian format."""
    return f"{value:,.{decimals}f}".replace(",", "#").replace(".", ",").replace("#", ".")


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --------------------------------------------------------------------------------------------------------


def _fattura(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, city = rng.choice(ITALY)
    vat = "IT" + "".join(str(rng.randint(0, 9)) for _ in range(11))
    f.update({"seller_name": name, "seller_tax_id": vat, "origin_country": "ITA"})
    cn = {}
    for ln in lines:
        ln.pop("origin_country", None)  # stated once for the invoice
        code = ln.pop("tariff_code")  # the EU's eight digits share only the HS's six with the fracción
        tail = f"{rng.randint(10, 99)}"
        cn[id(ln)] = code[:6] + (tail if tail != code[6:] else "90")
        ln["unit"] = UNITS_IT.get(ln["unit"], ln["unit"])
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.0
    s = Sheet(path, title="Fattura")
    L, R = 32.0, s.width - 32.0
    M = (L + R) / 2
    auth = f"IT/{rng.randint(1, 999):03d}/{rng.choice(['MI', 'PD', 'BO', 'BS'])}/{rng.randint(15, 24)}"
    pay = {"NET 30": "Bonifico 30 gg d.f. / Bank transfer 30 days", "NET 60": "Bonifico 60 gg d.f. / 60 days"}
    terms = pay.get(x["terms"], "Anticipato / Prepaid")
    # the term's named place: the works for EXW and FCA, the port of loading for FOB, the destination otherwise
    named = {"EXW": city, "FCA": city, "FOB": "Genova", "FAS": "Genova"}.get(f["incoterm"], "Manzanillo (MX)")

    def top() -> float:
        s.text(L, 34, name, font=bold, size=11)
        s.text(L, 44, address + " - ITALIA", font=regular, size=size - 0.5)
        s.text(L, 53, f"P.IVA / VAT No. {vat}    Cod. EORI {vat}", font=regular, size=size - 0.5)
        s.right(R, 34, "FATTURA / INVOICE", font=bold, size=12)
        s.right(R, 44, f"n. {f['invoice_number']} del {_dmy(f['invoice_date'])}", font=regular, size=size)
        s.right(R, 53, f"Pag. {s.page}/{pages}", font=regular, size=size)
        s.hline(L, R, 59, 1.0)
        return 72.0

    y = top()
    info = [
        ("Fattura n. / Invoice No.", f["invoice_number"]),
        ("Data / Date", _dmy(f["invoice_date"])),
        ("Vs. ordine / Your order", x["po"]),
        ("Resa / Terms of delivery", f"{f['incoterm']} {named} - Incoterms® 2020"),
        ("Pagamento / Payment", terms),
        ("Valuta / Currency", f["currency"]),
    ]
    for k, (label, value) in enumerate(info):
        s.text(M + 10, y + 10 * k, label, font=bold, size=size)
        s.text(M + 112, y + 10 * k, value, font=regular, size=size)
    s.text(L, y, "Spett.le / Messrs.", font=bold, size=size)
    buyer = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 20, font=regular, size=size)[:2], "MESSICO / MEXICO"]
    buyer.append(f"RFC: {f['buyer_tax_id']}")
    for k, row in enumerate(buyer, start=1):
        s.text(L, y + 10 * k, row, font=regular, size=size)
    y += 76
    cols = [
        ("Pos.", L + 2, "l"),
        ("Codice articolo / Item code", L + 24, "l"),
        ("Descrizione / Description", L + 118, "l"),
        ("Voce doganale / HS", L + 300, "l"),
        ("Q.tà / Qty", L + 410, "r"),
        ("U.M.", L + 416, "l"),
        ("Prezzo unit.", R - 62, "r"),
        ("Importo", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.86)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"].upper(), 176, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 170:
            s.right(R, y + 4, "segue / continued", font=regular, size=size)
            s.new_page()
            y = header(top() + 8)
        qd = 0 if ln["quantity"] == int(ln["quantity"]) else 3
        cells = [
            str(k * 10),
            ln["part_number"],
            desc[0],
            cn[id(ln)],
            _it(ln["quantity"], qd),
            ln["unit"],
            _it(ln["unit_price"], 4),
            _it(ln["amount"]),
        ]
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 118, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 3
    s.hline(L, R, y - 4, 0.6)
    y += 8
    net = round(sum(ln["quantity"] for ln in lines) * rng.uniform(0.01, 0.2), 2)
    for j, (label, value) in enumerate(
        [
            ("Peso netto / Net weight", f"{_it(net)} KG"),
            ("Peso lordo / Gross weight", f"{_it(net * 1.1)} KG"),
            ("Colli / Packages", f"{rng.randint(1, 30)} CASSE / CASES"),
            ("Origine / Origin", "ITALIA (UE)"),
        ]
    ):
        s.text(L, y + 10 * j, label, font=regular, size=size)
        s.text(L + 110, y + 10 * j, value, font=regular, size=size)
    totals = [
        ("Imponibile / Taxable amount", f["subtotal_amount"]),
        ("Trasporto / Freight", x["freight"]),
        (f"Totale fattura / Invoice total {f['currency']}", f["total_amount"]),
    ]
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 230, y + 10 * j, label, font=bold if last else regular, size=size)
        s.right(R - 2, y + 10 * j, _it(value), font=bold if last else regular, size=size)
    y += 52
    notes = [
        "Operazione non imponibile art. 8, c. 1, lett. a) D.P.R. 633/72 - Esportazione / VAT exempt export",
        f"The exporter of the products covered by this document (customs authorisation No {auth}) declares that,",
        "except where otherwise clearly indicated, these products are of European Union preferential origin.",
    ]
    for text in notes:
        s.text(L, y, text, font=regular, size=size - 0.5)
        y += 9
    s.right(R, y + 12, f"{city}, {_dmy(f['invoice_date'])}", font=regular, size=size)
    s.hline(R - 170, R, y + 32, 0.5)
    s.right(R, y + 40, "Timbro e firma / Stamp and signature", font=regular, size=size - 0.5)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _porpedido(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address = rng.choice(US_DISTRIBUTORS)
    f.pop("origin_country", None)  # each line states its own
    f["seller_name"] = name
    # a land shipment from the distributor's dock: the sea terms become their any-mode equivalents
    f["incoterm"] = {"CIF": "CIP", "CFR": "CPT", "FOB": "FCA"}.get(f["incoterm"], f["incoterm"])
    issued = date.fromisoformat(f["invoice_date"])
    groups = min(len(lines), rng.randint(2, 3))
    pos = [x["po"]] + [data.po_number(rng) for _ in range(groups - 1)]
    refs = {r["value"] for r in truth["references"] if r["kind"] == "po"}
    for po in pos:
        if po not in refs:
            truth["references"].append({"kind": "po", "value": po})
    cut = sorted(rng.sample(range(1, len(lines)), groups - 1)) if groups > 1 else []
    bounds = [0, *cut, len(lines)]
    regular, bold = "Helvetica", "Helvetica-Bold"
    size = 6.8
    s = Sheet(path, title="Invoice")
    L, R = 30.0, s.width - 30.0

    def when(d: date) -> str:
        return f"{MONTHS_EN[d.month - 1]} {d.day:02d}, {d.year}"

    def top() -> float:
        s.text(L, 34, name, font=bold, size=11)
        s.text(L, 44, address, font=regular, size=size)
        s.text(L, 53, f"Federal Tax ID: {f['seller_tax_id']}", font=regular, size=size)
        s.box(R - 170, 24, R, 58, 0.6)
        s.text(R - 164, 34, "INVOICE", font=bold, size=12)
        s.text(R - 164, 45, "Invoice #", font=bold, size=size)
        s.text(R - 100, 45, f["invoice_number"], font=regular, size=size)
        s.text(R - 164, 54, "Invoice Date", font=bold, size=size)
        s.text(R - 100, 54, when(issued), font=regular, size=size)
        s.right(R, s.height - 18, f"Page {s.page} of {pages}", font=regular, size=size)
        return 72.0

    y = top()
    s.text(L, y, "Bill To:", font=bold, size=size)
    s.text(L + 250, y, "Ship To:", font=bold, size=size)
    addr = wrap(x["buyer_address"], 200, font=regular, size=size)[:2]
    for k, row in enumerate([f["buyer_name"], *addr, f"RFC: {f['buyer_tax_id']}"], start=1):
        s.text(L, y + 9 * k, row, font=regular, size=size)
        s.text(L + 250, y + 9 * k, row if k < 4 else "Attn: Receiving / Almacén", font=regular, size=size)
    y += 52
    info = [
        ("Ship Via", rng.choice(["BEST WAY", "UPS FREIGHT", "CUSTOMER PICK UP"])),
        ("Terms", x["terms"]),
        ("Incoterms", f"{f['incoterm']} LAREDO, TX"),
        ("Currency", f["currency"]),
    ]
    for k, (label, value) in enumerate(info):
        s.text(L + k * 140, y, label, font=bold, size=size)
        s.text(L + k * 140, y + 9, value, font=regular, size=size)
    y += 26
    cols = [
        ("Ln", L + 2, "l"),
        ("Mfr Part Number", L + 20, "l"),
        ("Description", L + 92, "l"),
        ("MX Fracc.", L + 262, "l"),
        ("COO", L + 306, "l"),
        ("Qty", L + 370, "r"),
        ("UOM", L + 376, "l"),
        ("Unit Price", R - 66, "r"),
        ("Ext. Price", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 9, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.hline(L, R, y + 3, 0.8)
        return y + 13

    y = header(y)
    n = 0
    for g in range(groups):
        group = lines[bounds[g] : bounds[g + 1]]
        if y + 40 > s.height - 120:
            s.new_page()
            y = header(top())
        ordered = issued - timedelta(days=rng.randint(5, 40))
        so = f"SO-{rng.randint(100000, 999999)}"
        s.shade(L, y - 8, R, y + 3, 0.9)
        s.text(
            L + 4,
            y,
            f"Customer PO: {pos[g]}     Sales Order: {so}     Ordered: {ordered.strftime('%m/%d/%Y')}",
            font=bold,
            size=size,
        )
        y += 13
        for ln in group:
            n += 1
            desc = wrap(ln["description"].upper(), 164, font=regular, size=size)
            if y + 9 * len(desc) > s.height - 60:
                s.new_page()
                y = header(top())
                s.text(L + 4, y, f"Customer PO: {pos[g]} (continued)", font=bold, size=size)
                y += 12
            qd = 0 if ln["quantity"] == int(ln["quantity"]) else 3
            cells = [
                str(n),
                ln["part_number"],
                desc[0],
                ln["tariff_code"],
                ln["origin_country"],
                f"{ln['quantity']:,.{qd}f}",
                ln["unit"],
                f"{ln['unit_price']:,.4f}",
                f"{ln['amount']:,.2f}",
            ]
            for (_l, cx, align), text in zip(cols, cells, strict=True):
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
            for j, part in enumerate(desc[1:], start=1):
                s.text(L + 92, y + 9 * j, part, font=regular, size=size)
            y += 9 * len(desc) + 2
        sub = round(sum(ln["amount"] for ln in group), 2)
        s.hline(R - 120, R, y - 6, 0.4)
        s.text(R - 160, y + 1, "PO Subtotal", font=bold, size=size)
        s.right(R - 2, y + 1, f"{sub:,.2f}", font=bold, size=size)
        y += 16
    if y + 50 > s.height - 40:
        s.new_page()
        y = top()
    s.hline(L, R, y - 6, 0.8)
    for j, (label, value) in enumerate(
        [
            ("Merchandise Total", f["subtotal_amount"]),
            ("Freight", x["freight"]),
            (f"Invoice Total {f['currency']}", f["total_amount"]),
        ]
    ):
        s.text(R - 160, y + 4 + 10 * j, label, font=bold if j == 2 else regular, size=size)
        s.right(R - 2, y + 4 + 10 * j, f"{value:,.2f}", font=bold if j == 2 else regular, size=size)
    s.text(L, y + 4, "Remit to: Lockbox 84410, Dallas, TX 75284", font=regular, size=size)
    s.save()
    return s.page
