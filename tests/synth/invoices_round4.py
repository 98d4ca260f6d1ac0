"""Round 4 of the held-out invoice arrangements (see ``invoices``), modelled on two kinds of issuer the earlier
arrangements do not draw:

* ``exporter``: an Asian exporter's commercial invoice. The letterhead centred, ``Messrs.`` / ``To:`` for the
  buyer, ``Invoice No.`` / ``Date`` / ``S/C No.`` beside it, a ``From … To … By`` shipping line and shipping
  marks; the table ``Marks & Nos. | Item No. | Description of Goods | Quantity | Unit Price | Amount`` with the
  price term (``FOB SHENZHEN``) and the currency in a second header row, quantities with their unit
  (``1,200 PCS``), money as ``USD 0.4500`` or ``US$540.00``, each description followed by a model line; a total
  row with the total quantity; ``SAY TOTAL US DOLLARS … ONLY``; the company's chop and signature. Tables break
  across pages with ``(Continued)`` headers. The seller's tax id is its registration number (USCC for a
  Chinese company).
* ``rechnung``: a German supplier's invoice. The sender line over the buyer's address window (DIN 5008), a
  bilingual block ``Rechnungs-Nr. / Invoice No.``, ``Datum / Date`` (``12.03.2024``), ``Lieferbedingung /
  Incoterms`` (``FCA Düsseldorf``), ``Währung / Currency EUR``; the table ``Pos. | Artikel-Nr. | Bezeichnung |
  Menge | ME | Einzelpreis | Gesamtpreis`` with numbers as ``1.234,50``, the customs tariff number and origin on
  a labelled line under each description; ``Übertrag`` (carried forward) at a page break; net amount,
  ``MwSt. 0 %`` (tax-free export) and total; the VAT id (``USt-IdNr. DE123456789``) with bank details in the
  footer.

Renderers set the truth to what they print (the seller of that kind, its tax id, the currency, descriptions with
their model line) and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, dmy, wrap

ARRANGEMENTS = ("exporter", "rechnung")
ASIAN_SELLERS = [
    ("SHENZHEN BRIGHTWAY ELECTRONICS CO., LTD.", "CHN", "No. 88 Keji Road, Nanshan District, Shenzhen 518057"),
    ("NINGBO ORIENT PLASTIC PARTS CO., LTD.", "CHN", "12 Yinzhou Avenue, Ningbo, Zhejiang 315100"),
    ("DONGGUAN HUAXIN HARDWARE PRODUCTS CO., LTD.", "CHN", "Block B, Chang'an Industrial Zone, Dongguan"),
    ("HANSOL PRECISION CO., LTD.", "KOR", "55 Gongdan-ro, Seongsan-gu, Changwon, Gyeongnam"),
    ("TAICHUNG MOTION PARTS CORP.", "TWN", "No. 21 Gongye 1st Rd, Taichung 40768"),
]
GERMAN_SELLERS = [
    ("RHEIN METALLTEILE GMBH", "Industriestr. 14", "40231 Düsseldorf"),
    ("SCHWARZWALD PRÄZISIONSTEILE GMBH", "Gewerbestraße 7", "78112 St. Georgen"),
    ("HANSEATISCHE KABELWERKE GMBH & CO. KG", "Billstraße 120", "20539 Hamburg"),
]
PORTS = {"CHN": ["SHENZHEN", "NINGBO", "SHANGHAI"], "KOR": ["BUSAN"], "TWN": ["KAOHSIUNG", "TAICHUNG"]}
DIAL = {"CHN": "+86-755", "KOR": "+82-55", "TWN": "+886-4"}
COUNTRY_NAMES = {"CHN": "CHINA", "KOR": "KOREA", "TWN": "TAIWAN", "DEU": "Deutschland"}
ONES = [
    "ZERO",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
]
ONES += ["FIFTEEN", "SIXTEEN"]
ONES += ["SEVENTEEN", "EIGHTEEN", "NINETEEN"]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def words(n: int) -> str:
    """An amount in English words, as "SAY TOTAL" lines spell it."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    for size, name in ((10**9, "BILLION"), (10**6, "MILLION"), (1000, "THOUSAND"), (100, "HUNDRED")):
        if n >= size:
            head, rest = divmod(n, size)
            tail = "" if rest == 0 else (" AND " if size == 100 else " ") + words(rest)
            return f"{words(head)} {name}{tail}"
    return ""


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_exporter if arrangement == "exporter" else _rechnung)(truth, path, rng)


def _us(value: float, decimals: int, plain: bool) -> str:
    return f"{value:.{decimals}f}" if plain else f"{value:,.{decimals}f}"


def _eu(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _qty_text(value: float, fmt: Any) -> str:
    return fmt(value, 0) if value == int(value) else fmt(value, 3)


# --------------------------------------------------------------------------------------------------------


def _exporter(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, country, address = rng.choice(ASIAN_SELLERS)
    tax_label, tax_id = {
        "CHN": ("USCC:", f"9144{rng.randint(10**13, 10**14 - 1)}"),
        "KOR": ("Business Reg. No.:", f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10000, 99999)}"),
        "TWN": ("Tax ID No.:", f"{rng.randint(10**7, 10**8 - 1)}"),
    }[country]
    f.update({"seller_name": name, "origin_country": country, "seller_tax_id": tax_id})
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]  # no order number printed
    port = rng.choice(PORTS[country])
    for ln in lines:
        ln.pop("tariff_code", None)
        model = f"MODEL: {ln['part_number'].split('-')[-1]}{rng.choice(['A', 'B', 'C', '-01', '/S'])}"
        spec = rng.choice([model, f"{model} COLOR: BLACK", f"{model} RoHS COMPLIANT"])
        ln["description"] = f"{ln['description'].upper()} {spec}"
        ln.pop("origin_country", None)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0, 8.5])
    plain = rng.random() < 0.3
    cur = rng.choice(["USD ", "US$", ""])
    s = Sheet(path, title="Commercial Invoice")
    L, R = 36.0, s.width - 36.0
    mid = s.width / 2
    s.centre(mid, 40, name, font=bold, size=13)
    s.centre(mid, 52, address, font=regular, size=size - 0.5)
    s.centre(
        mid,
        62,
        f"TEL: {DIAL[country]}-{rng.randint(2000, 8999)}{rng.randint(1000, 9999)}   {tax_label} {tax_id}",
        font=regular,
        size=size - 0.5,
    )
    s.centre(mid, 84, "COMMERCIAL INVOICE", font=bold, size=14)
    s.hline(mid - 70, mid + 70, 87, 0.8)
    y = 106.0
    s.text(L, y, rng.choice(["Messrs.:", "To:", "TO:"]), font=bold, size=size)
    s.text(L + 44, y, f["buyer_name"], font=regular, size=size)
    for k, part in enumerate(wrap(x["buyer_address"], 220, font=regular, size=size)[:2]):
        s.text(L + 44, y + 11 * (k + 1), part, font=regular, size=size)
    s.text(L + 44, y + 33, f"RFC: {f['buyer_tax_id']}", font=regular, size=size)
    y0, mm = f["invoice_date"].split("-")[0], int(f["invoice_date"].split("-")[1])
    day = int(f["invoice_date"].split("-")[2])
    date_text = rng.choice(
        [f"{MONTHS_EN[mm - 1].upper()}. {day:02d}, {y0}", f["invoice_date"].replace("-", "/"), dmy(f["invoice_date"])]
    )
    right = [
        (rng.choice(["Invoice No.:", "INVOICE NO.:", "Inv. No.:"]), f["invoice_number"]),
        (rng.choice(["Date:", "DATE:", "Invoice Date:"]), date_text),
        ("S/C No.:", f"SC{rng.randint(10**6, 10**7 - 1)}"),
        (rng.choice(["Price Term:", "Terms of Price:"]), f"{f['incoterm']} {port}"),
        ("Payment:", rng.choice(["T/T 30 DAYS", "T/T IN ADVANCE", "L/C AT SIGHT"])),
    ]
    for k, (label, value) in enumerate(right):
        s.text(mid + 40, y + 11 * k, label, font=bold, size=size)
        s.text(mid + 110, y + 11 * k, value, font=regular, size=size)
    y += 64
    dest = rng.choice(["MANZANILLO, MEXICO", "LAZARO CARDENAS, MEXICO", "LAREDO, TX, USA"])
    s.text(
        L,
        y,
        f"From: {port}, {COUNTRY_NAMES[country]}    To: {dest}    By: {rng.choice(['SEA', 'VESSEL'])}",
        font=regular,
        size=size,
    )
    s.text(L, y + 11, f"Country of Origin: {COUNTRY_NAMES[country]}", font=regular, size=size)
    y += 30
    cols = [("_marks", L, "l"), ("part_number", L + 62, "l"), ("description", L + 130, "l")]
    cols += [("quantity", R - 160, "r"), ("unit_price", R - 84, "r"), ("amount", R, "r")]
    heads = {"_marks": "Marks & Nos.", "part_number": rng.choice(["Item No.", "ITEM NO.", "Art. No."])}
    heads |= {"description": "Description of Goods", "quantity": "Quantity", "unit_price": "Unit Price"}
    heads["amount"] = "Amount"
    sub = {"unit_price": f"{f['incoterm']} {port}", "amount": "USD"}
    bottom = rng.choice([560.0, 640.0, 700.0])

    def header(y: float, cont: bool) -> float:
        if cont:
            s.text(L, y - 14, "(Continued)", font=regular, size=size - 1)
        s.hline(L, R, y - 10, 0.6)
        for key, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, heads[key], font=bold, size=size)
            if key in sub:
                (s.right if align == "r" else s.text)(cx, y + 10, sub[key], font=bold, size=size - 1)
        s.hline(L, R, y + 14, 0.6)
        return y + 26

    y = header(y, False)
    desc_width = R - 160 - 60 - (L + 130)
    for index, ln in enumerate(lines):
        desc = wrap(ln["description"], desc_width, font=regular, size=size)
        if y + 11 * (len(desc) + 1) > bottom:
            s.new_page()
            y = header(70.0, True)
        if index == 0:
            s.text(L, y, "N/M", font=regular, size=size)
        s.text(L + 62, y, ln["part_number"], font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(L + 130, y + 11 * k, part, font=regular, size=size)
        s.right(
            R - 160,
            y,
            f"{_qty_text(ln['quantity'], lambda v, d: _us(v, d, plain))} {ln['unit']}",
            font=regular,
            size=size,
        )
        s.right(R - 84, y, f"{cur}{_us(ln['unit_price'], 4, plain)}", font=regular, size=size)
        s.right(R, y, f"{cur}{_us(ln['amount'], 2, plain)}", font=regular, size=size)
        y += 11 * len(desc) + 6
    s.hline(L, R, y - 6, 0.6)
    total_qty = sum(ln["quantity"] for ln in lines)
    rows = [(rng.choice(["Sub Total:", "TOTAL VALUE:"]), f["subtotal_amount"])]
    if x["freight"]:
        rows.append(("Ocean Freight:", x["freight"]))
    rows.append((rng.choice(["TOTAL AMOUNT:", "Total:", "GRAND TOTAL:"]), f["total_amount"]))
    if y + 80 > s.height - 40:
        s.new_page()
        y = 70.0
    y += 6
    s.text(L + 130, y, "TOTAL:", font=bold, size=size)
    s.right(R - 160, y, f"{_us(total_qty, 0, plain)} {lines[0]['unit']}", font=bold, size=size)
    for label, value in rows:
        s.text(R - 200, y + 12, label, font=bold, size=size)
        s.right(R, y + 12, f"{cur}{_us(value, 2, plain)}", font=regular, size=size)
        y += 12
    dollars, cents = divmod(round(f["total_amount"] * 100), 100)
    say = f"SAY TOTAL US DOLLARS {words(int(dollars))} AND CENTS {words(int(cents))} ONLY."
    y += 20
    for part in wrap(say, R - L, font=bold, size=size):
        s.text(L, y, part, font=bold, size=size)
        y += 11
    y += 16
    s.text(R - 200, y, f"FOR AND ON BEHALF OF {name}"[:60], font=bold, size=size - 1)
    s.text(R - 170, y + 20, rng.choice(["(COMPANY CHOP)", "[SEAL]"]), font=bold, size=11)
    s.hline(R - 200, R, y + 36, 0.4)
    s.text(R - 200, y + 46, "Authorized Signature(s)", font=regular, size=size - 1)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _rechnung(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, street, city = rng.choice(GERMAN_SELLERS)
    vat = f"DE{rng.randint(10**8, 10**9 - 1)}"
    f.update({"seller_name": name, "origin_country": "DEU", "seller_tax_id": vat, "currency": "EUR"})
    for ln in lines:
        ln["origin_country"] = "DEU"
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0])
    s = Sheet(path, title="Rechnung")
    L, R = 56.0, s.width - 42.0
    s.right(R, 44, name, font=bold, size=12)
    s.right(R, 56, f"{street} · {city} · Germany", font=regular, size=size - 0.5)
    s.text(L, 110, f"{name} · {street} · {city}", font=regular, size=5.5)
    s.hline(L, L + 240, 113, 0.3)
    s.text(L, 126, f["buyer_name"], font=regular, size=size + 0.5)
    for k, part in enumerate(wrap(x["buyer_address"], 230, font=regular, size=size + 0.5)[:2]):
        s.text(L, 138 + 12 * k, part, font=regular, size=size + 0.5)
    s.text(L, 162, "MEXIKO", font=regular, size=size + 0.5)
    s.text(L, 174, f"RFC: {f['buyer_tax_id']}", font=regular, size=size)
    place = city.split(" ", 1)[1]
    block = [
        (rng.choice(["Rechnungs-Nr. / Invoice No.", "Rechnung Nr.", "Rechnungsnummer"]), f["invoice_number"]),
        (rng.choice(["Datum / Date", "Rechnungsdatum", "Datum"]), dmy(f["invoice_date"], ".")),
        ("Kunden-Nr. / Customer No.", f"{rng.randint(10000, 99999)}"),
        ("Ihre Bestellung / Your order", x["po"]),
        (
            rng.choice(["Lieferbedingung / Incoterms", "Lieferbedingungen", "Incoterms 2020"]),
            f"{f['incoterm']} {place}",
        ),
        (rng.choice(["Währung / Currency", "Währung"]), "EUR"),
    ]
    for k, (label, value) in enumerate(block):
        s.text(R - 230, 110 + 11 * k, label, font=regular, size=size - 0.5)
        s.text(R - 100, 110 + 11 * k, value, font=bold, size=size - 0.5)
    y = 214.0
    s.text(
        L, y, rng.choice(["RECHNUNG / INVOICE", "Handelsrechnung / Commercial Invoice", "Rechnung"]), font=bold, size=13
    )
    y += 22
    cols = [
        ("_pos", L, "l", "Pos."),
        ("part_number", L + 26, "l", rng.choice(["Artikel-Nr.", "Art.-Nr. / Part No.", "Material-Nr."])),
        ("description", L + 96, "l", rng.choice(["Bezeichnung", "Bezeichnung / Description", "Artikel"])),
        ("quantity", R - 170, "r", rng.choice(["Menge", "Menge / Qty"])),
        ("unit", R - 164, "l", "ME"),
        ("unit_price", R - 78, "r", rng.choice(["Einzelpreis", "E-Preis EUR", "Preis/Einh."])),
        ("amount", R, "r", rng.choice(["Gesamtpreis", "Betrag EUR", "Gesamt"])),
    ]
    bottom = rng.choice([560.0, 640.0, 720.0])

    def header(y: float) -> float:
        s.shade(L - 2, y - 9, R + 2, y + 3, 0.9)
        for _key, cx, align, label in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 15

    y = header(y)
    tens = rng.random() < 0.5  # positions 010, 020 … or 1, 2 …
    carried = 0.0
    desc_width = R - 170 - 50 - (L + 96)
    for index, ln in enumerate(lines):
        desc = wrap(ln["description"], desc_width, font=regular, size=size)
        if y + 11 * (len(desc) + 1) + 14 > bottom:
            s.text(L + 96, y + 4, "Übertrag / Carried forward", font=bold, size=size)
            s.right(R, y + 4, _eu(carried, 2), font=bold, size=size)
            s.new_page()
            s.text(L, 50, f"Rechnung Nr. {f['invoice_number']}", font=regular, size=size)
            s.right(R, 50, f"Seite {s.page}", font=regular, size=size)
            s.text(L + 96, 76, "Übertrag", font=bold, size=size)
            s.right(R, 76, _eu(carried, 2), font=bold, size=size)
            y = header(96.0)
        s.text(L, y, f"{(index + 1) * 10:03d}" if tens else str(index + 1), font=regular, size=size)
        s.text(L + 26, y, ln["part_number"], font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(L + 96, y + 11 * k, part, font=regular, size=size)
        s.right(R - 170, y, _qty_text(ln["quantity"], _eu), font=regular, size=size)
        s.text(R - 164, y, ln["unit"], font=regular, size=size)
        s.right(R - 78, y, _eu(ln["unit_price"], 4), font=regular, size=size)
        s.right(R, y, _eu(ln["amount"], 2), font=regular, size=size)
        y += 11 * len(desc)
        tariff = ln["tariff_code"]
        note = f"Zolltarifnr.: {tariff[:4]} {tariff[4:6]} {tariff[6:]}   Ursprungsland: Deutschland"
        s.text(L + 96, y, note, font=regular, size=size - 1)
        y += 15
        carried += ln["amount"]
    s.hline(L, R, y - 6, 0.5)
    if y + 70 > s.height - 80:
        s.new_page()
        y = 70.0
    rows = [(rng.choice(["Nettobetrag / Net amount", "Warenwert netto", "Summe netto"]), f["subtotal_amount"])]
    if x["freight"]:
        rows.append(("Fracht / Freight", x["freight"]))
    rows.append(("MwSt. 0 % (steuerfreie Ausfuhrlieferung)", 0.0))
    rows.append((rng.choice(["Gesamtbetrag EUR", "Rechnungsbetrag / Total", "Endbetrag EUR"]), f["total_amount"]))
    for label, value in rows:
        s.text(R - 240, y + 4, label, font=bold if "Gesamt" in label or "Total" in label else regular, size=size)
        s.right(R, y + 4, _eu(value, 2), font=regular, size=size)
        y += 12
    s.text(
        L,
        y + 20,
        "Zahlungsbedingungen: 30 Tage netto. Ausfuhrlieferung, steuerfrei gemäß § 4 Nr. 1a UStG.",
        font=regular,
        size=size - 1,
    )
    foot = s.height - 48
    s.hline(L, R, foot - 10, 0.3)
    iban = f"DE{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} 00"
    s.text(L, foot, f"{name} · {street} · {city}", font=regular, size=5.5)
    s.text(
        L,
        foot + 8,
        f"Geschäftsführer: {rng.choice(['Dr. K. Weber', 'M. Schneider', 'A. Hoffmann'])} · "
        f"Amtsgericht {place} HRB {rng.randint(1000, 99999)}",
        font=regular,
        size=5.5,
    )
    s.text(L + 260, foot, f"IBAN {iban} · BIC {rng.choice(['COBADEFFXXX', 'DEUTDEDDXXX'])}", font=regular, size=5.5)
    s.text(
        L + 260,
        foot + 8,
        f"USt-IdNr.: {vat} · Steuer-Nr.: {rng.randint(100, 999)}/{rng.randint(1000, 9999)}/{rng.randint(1000, 9999)}",
        font=regular,
        size=5.5,
    )
    s.save()
    return s.page
