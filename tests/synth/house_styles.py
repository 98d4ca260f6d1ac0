"""Supplier "house styles": invoices laid out the way one supplier always prints them, with terse in-house labels
no dictionary knows, values under their labels, decimal commas and day-first dates.

The general reader reads these poorly (most are classified ``other`` with no fields); they exist to measure how
well a clerk's corrections of one document teach the reading of the next ones of the same supplier
(``benchmarks/learning.py``, ``tests/integration/test_layout_learning.py``).

    truth = house_invoice(rng, style="kessler", seller=SELLERS["kessler"], buyer=BUYERS[0])
    render_house_invoice(truth, "kessler", path)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import BOLD, REGULAR, Sheet


@dataclass(frozen=True)
class Party:
    name: str
    tax_id: str
    country: str  # ISO 3166-1 alpha-3


# Each style's own supplier, and a second supplier printing an almost identical layout (same software).
SELLERS: dict[str, Party] = {
    "kessler": Party("KESSLER FEINWERKTECHNIK GMBH", "DE811234567", "DEU"),
    "ferrum": Party("FERRUM TALLERES ASOCIADOS SL", "ESB12345678", "ESP"),
    "nordlys": Party("NORDLYS KOMPONENTER AS", "NO912345678", "NOR"),
    "tokai": Party("TOKAI DENSHI BUHIN KK", "JP7010001234567", "JPN"),
    "meridian": Party("MERIDIAN FASTENER SUPPLY LLC", "74-1234567", "USA"),
    "herrajes": Party("HERRAJES Y TORNILLERIA DEL NORTE SL", "ESB99887766", "ESP"),
}
LOOKALIKES: dict[str, Party] = {
    "kessler": Party("BRANDT PRAEZISIONSTEILE GMBH", "DE298765432", "DEU"),
    "ferrum": Party("ACEROS DEL CANTABRICO SA", "ESA87654321", "ESP"),
    "nordlys": Party("FJORD ELEKTRO AS", "NO998877665", "NOR"),
    "tokai": Party("SANYO KOGU SEISAKUSHO KK", "JP9010009876543", "JPN"),
    "meridian": Party("LONE STAR BOLT AND NUT CO", "75-7654321", "USA"),
    "herrajes": Party("SUMINISTROS INDUSTRIALES DEL EBRO SL", "ESB11223344", "ESP"),
}
BUYERS = [
    Party("MAQUILADORA A SA DE CV", "AAA010101AAA", "MEX"),
    Party("ENSAMBLES B SA DE CV", "BBB020202BBB", "MEX"),
]
STYLES = tuple(SELLERS)

# Longer wordings some suppliers print (they wrap over two lines in a narrow column).
LONG_GOODS = [
    ("Hex flange bolt grade 8 yellow zinc 3/8-16 x 1 1/4 in", "73181599"),
    ("Nylon insert lock nut stainless steel 18-8 1/4-20 thread", "73181699"),
    ("Wiring harness assembly for instrument panel with connectors", "85443099"),
    ("Compression spring music wire 0.5 in OD", "73202099"),
]
GOODS = [
    ("Tornillo hexagonal M8x20 zincado", "73181599"),
    ("Resorte de compresion acero", "73202099"),
    ("Conector electrico 12 vias", "85366999"),
    ("Arnes de cables para tablero", "85443099"),
    ("Carcasa de aluminio fundido", "76169999"),
    ("Empaque de hule nitrilo", "40169399"),
    ("Rodamiento de bolas 6204", "84821099"),
    ("Sensor de temperatura NTC", "90251999"),
    ("Placa de circuito impreso", "85340001"),
    ("Tuerca autoblocante M6", "73181699"),
]
UNITS = ("PCS", "KGM", "SET")
CURRENCIES = ("EUR", "USD")
INCOTERMS = ("FCA", "EXW", "DAP", "CPT")


def _number(value: float, decimals: int, thousands: str, decimal: str) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def house_invoice(
    rng: random.Random, style: str, seller: Party, buyer: Party, n_lines: int | None = None
) -> dict[str, Any]:
    """The ground truth of one invoice of ``seller`` in ``style`` (the fields the style prints)."""
    when = date(2024, 1, 2) + timedelta(days=rng.randint(0, 500))
    currency = rng.choice(CURRENCIES)
    lines = []
    for index in range(n_lines or rng.randint(2, 6)):
        description, tariff = rng.choice(LONG_GOODS if style == "meridian" else GOODS)
        quantity = float(rng.choice([rng.randint(2, 90), rng.randint(100, 4000)]))
        price = round(rng.uniform(0.15, 180.0), 2)
        line: dict[str, Any] = {
            "part_number": f"{style[:2].upper()}{rng.randint(10000, 99999)}-{index + 1}",
            "description": description,
            "quantity": quantity,
            "unit": rng.choice(UNITS),
            "unit_price": price,
            "amount": round(quantity * price, 2),
            "tariff_code": tariff,
        }
        if style in ("kessler", "tokai"):
            line["origin_country"] = seller.country
        if style == "herrajes":
            del line["tariff_code"], line["unit"]
        lines.append(line)
    subtotal = round(sum(line["amount"] for line in lines), 2)
    freight = round(rng.choice([0.0, rng.uniform(50, 400)]), 2)
    fields: dict[str, Any] = {
        "invoice_number": f"{rng.randint(2400000, 2499999)}" if style != "ferrum" else f"F{rng.randint(1000, 9999)}/24",
        "invoice_date": when.isoformat(),
        "seller_name": seller.name,
        "seller_tax_id": seller.tax_id,
        "buyer_name": buyer.name,
        "buyer_tax_id": buyer.tax_id,
        "currency": currency,
        "incoterm": rng.choice(INCOTERMS),
        "subtotal_amount": subtotal,
        "total_amount": round(subtotal + freight, 2),
    }
    if style == "nordlys":
        fields.pop("incoterm")
    if style == "meridian":
        fields["currency"] = "USD"
        fields["origin_country"] = seller.country
    return {
        "doc_type": "commercial_invoice",
        "fields": fields,
        "lines": lines,
        "references": [],
        "extra": {"freight": freight, "style": style, "order": f"{rng.randint(400000, 499999)}"},
    }


def render_house_invoice(truth: dict[str, Any], style: str, path: Path) -> int:
    """Draw the invoice as a one-page text-layer PDF in the style's layout; returns the page count."""
    renderers = {
        "kessler": _kessler,
        "ferrum": _ferrum,
        "nordlys": _nordlys,
        "tokai": _tokai,
        "meridian": _meridian,
        "herrajes": _herrajes,
    }
    return renderers[style](truth, path)


def _dmy(iso: str, sep: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}{sep}{m}{sep}{y}"


def _kessler(truth: dict[str, Any], path: Path) -> int:
    """German house style: ``Rg.-Nr.`` / ``Dat.`` beside their values, ``1.234,56``, ``dd.mm.yyyy``."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Rechnung")
    L, R = 40.0, s.width - 40.0
    s.text(L, 50, f["seller_name"], font=BOLD, size=12)
    s.text(L, 63, "Industriestr. 14, 73033 Goeppingen", size=7.5)
    s.text(L, 73, f"USt-IdNr. {f['seller_tax_id']}", size=7.5)
    s.text(L, 110, "Empf.", font=BOLD, size=8)
    s.text(L + 40, 110, f["buyer_name"], size=8)
    s.text(L + 40, 120, f"RFC {f['buyer_tax_id']}", size=8)
    for row, (label, value) in enumerate(
        [
            ("Rg.-Nr.", f["invoice_number"]),
            ("Dat.", _dmy(f["invoice_date"], ".")),
            ("Kd.-Auftr.", x["order"]),
            ("Lief.-Bed.", f["incoterm"]),
            ("Whg.", f["currency"]),
        ]
    ):
        s.text(R - 170, 100 + 11 * row, label, font=BOLD, size=8)
        s.text(R - 100, 100 + 11 * row, value, size=8)
    y = 175.0
    cols = [
        ("part_number", L, "l", "Art.-Nr."),
        ("description", L + 70, "l", "Bez."),
        ("tariff_code", L + 250, "l", "Zolltarif"),
        ("origin_country", L + 300, "l", "Urspr."),
        ("quantity", L + 365, "r", "Mg."),
        ("unit", L + 372, "l", "ME"),
        ("unit_price", L + 450, "r", "EP"),
        ("amount", R, "r", "GP"),
    ]
    for _key, cx, align, head in cols:
        (s.right if align == "r" else s.text)(cx, y, head, font=BOLD, size=7.5)
    s.hline(L, R, y + 4)
    y += 16
    for line in lines:
        cells = {
            "part_number": line["part_number"],
            "description": line["description"],
            "tariff_code": line["tariff_code"],
            "origin_country": line["origin_country"],
            "quantity": _number(line["quantity"], 0, ".", ","),
            "unit": line["unit"],
            "unit_price": _number(line["unit_price"], 2, ".", ","),
            "amount": _number(line["amount"], 2, ".", ","),
        }
        for key, cx, align, _head in cols:
            (s.right if align == "r" else s.text)(cx, y, cells[key], size=7.5)
        y += 12
    s.hline(L, R, y - 6)
    y += 8
    for label, value in (
        ("Netto", f["subtotal_amount"]),
        ("Fracht", x["freight"]),
        ("Ges.-Betr.", f["total_amount"]),
    ):
        s.text(R - 170, y, label, font=BOLD, size=8)
        s.right(R, y, _number(value, 2, ".", ","), size=8)
        y += 12
    s.text(L, y + 30, "Zahlbar innerhalb 30 Tagen netto. Es gelten unsere AGB.", size=7)
    s.save()
    return s.page


def _ferrum(truth: dict[str, Any], path: Path) -> int:
    """Spanish house style: a row of terse labels with the values under them, ``1.234,56``, ``dd/mm/yyyy``."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Fra")
    L, R = 36.0, s.width - 36.0
    s.text(L, 48, f["seller_name"], font=BOLD, size=13)
    s.text(L, 60, f"NIF {f['seller_tax_id']}  -  Pol. Ind. Las Arenas 7, Bilbao", size=7.5)
    heads = [("FRA", L), ("F.EM.", L + 110), ("DIV", L + 200), ("COND.", L + 260), ("PED.", L + 340)]
    values = [f["invoice_number"], _dmy(f["invoice_date"], "/"), f["currency"], f["incoterm"], x["order"]]
    for (head, hx), value in zip(heads, values, strict=True):
        s.text(hx, 92, head, font=BOLD, size=7)
        s.text(hx, 104, value, size=8.5)
    s.text(L, 130, "DEST.", font=BOLD, size=7)
    s.text(L, 142, f["buyer_name"], size=8.5)
    s.text(L + 260, 130, "CIF/RFC", font=BOLD, size=7)
    s.text(L + 260, 142, f["buyer_tax_id"], size=8.5)
    y = 180.0
    cols = [
        ("part_number", L, "l", "REF"),
        ("description", L + 75, "l", "CONCEPTO"),
        ("tariff_code", L + 270, "l", "TARIC"),
        ("quantity", L + 370, "r", "UDS"),
        ("unit", L + 378, "l", "UM"),
        ("unit_price", L + 460, "r", "PVP"),
        ("amount", R, "r", "IMP."),
    ]
    s.shade(L - 3, y - 9, R + 3, y + 3)
    for _key, cx, align, head in cols:
        (s.right if align == "r" else s.text)(cx, y, head, font=BOLD, size=7)
    y += 15
    for line in lines:
        cells = {
            "part_number": line["part_number"],
            "description": line["description"],
            "tariff_code": f"{line['tariff_code'][:4]} {line['tariff_code'][4:6]} {line['tariff_code'][6:]}",
            "quantity": _number(line["quantity"], 2, ".", ","),
            "unit": line["unit"],
            "unit_price": _number(line["unit_price"], 2, ".", ","),
            "amount": _number(line["amount"], 2, ".", ","),
        }
        for key, cx, align, _head in cols:
            (s.right if align == "r" else s.text)(cx, y, cells[key], size=7.5)
        y += 13
    y += 14
    for hx, head, value in (
        (R - 250, "B.IMP.", f["subtotal_amount"]),
        (R - 160, "PORTES", x["freight"]),
        (R - 70, "TOT.FRA", f["total_amount"]),
    ):
        s.text(hx, y, head, font=BOLD, size=7)
        s.text(hx, y + 12, _number(value, 2, ".", ","), size=8.5)
    s.text(L, y + 50, "Inscrita en el Registro Mercantil de Bizkaia, tomo 4321, folio 12.", size=6.5)
    s.save()
    return s.page


def _nordlys(truth: dict[str, Any], path: Path) -> int:
    """Nordic house style: a key column at the left margin, ``1 234,56`` with spaces, ISO dates, no incoterm."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Faktura")
    L, R = 50.0, s.width - 50.0
    s.right(R, 50, f["seller_name"], font=BOLD, size=11)
    s.right(R, 62, f"Org.nr {f['seller_tax_id']} MVA", size=7.5)
    rows = [
        ("Fakt.nr", f["invoice_number"]),
        ("Fakt.dato", f["invoice_date"]),
        ("Valuta", f["currency"]),
        ("Deres ref.", x["order"]),
        ("Kunde", f["buyer_name"]),
        ("Kunde-ID", f["buyer_tax_id"]),
    ]
    for row, (label, value) in enumerate(rows):
        s.text(L, 100 + 12 * row, label, font=REGULAR, size=8)
        s.text(L + 75, 100 + 12 * row, value, font=BOLD, size=8)
    y = 200.0
    cols = [
        ("part_number", L, "l", "Varenr"),
        ("description", L + 70, "l", "Tekst"),
        ("tariff_code", L + 255, "l", "Tollnr"),
        ("quantity", L + 345, "r", "Ant."),
        ("unit", L + 352, "l", "Enh."),
        ("unit_price", L + 425, "r", "A-pris"),
        ("amount", R, "r", "Belop"),
    ]
    for _key, cx, align, head in cols:
        (s.right if align == "r" else s.text)(cx, y, head, font=BOLD, size=7.5)
    s.hline(L, R, y + 4)
    y += 16
    for line in lines:
        cells = {
            "part_number": line["part_number"],
            "description": line["description"],
            "tariff_code": line["tariff_code"],
            "quantity": _number(line["quantity"], 0, " ", ","),
            "unit": line["unit"],
            "unit_price": _number(line["unit_price"], 2, " ", ","),
            "amount": _number(line["amount"], 2, " ", ","),
        }
        for key, cx, align, _head in cols:
            (s.right if align == "r" else s.text)(cx, y, cells[key], size=7.5)
        y += 12
    s.hline(L, R, y - 6)
    y += 10
    for label, value in (("Sum eks.", f["subtotal_amount"]), ("Frakt", x["freight"]), ("A betale", f["total_amount"])):
        s.text(R - 150, y, label, size=8)
        s.right(R, y, _number(value, 2, " ", ","), font=BOLD, size=8)
        y += 12
    s.save()
    return s.page


def _tokai(truth: dict[str, Any], path: Path) -> int:
    """Japanese exporter style: boxed header cells with the value under a tiny caption, ``P/N``, ``Q'TY``."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="INV")
    L, R = 36.0, s.width - 36.0
    s.centre(s.width / 2, 46, f["seller_name"], font=BOLD, size=12)
    s.centre(s.width / 2, 58, f"Corp. No. {f['seller_tax_id']}", size=7.5)
    cells = [
        ("No.", f["invoice_number"]),
        ("Dt.", _dmy(f["invoice_date"], "/")),
        ("Cur.", f["currency"]),
        ("T/D", f["incoterm"]),
        ("Ord.", x["order"]),
    ]
    width = (R - L) / len(cells)
    for index, (caption, value) in enumerate(cells):
        x0 = L + index * width
        s.box(x0, 76, x0 + width, 104)
        s.text(x0 + 4, 84, caption, size=6)
        s.text(x0 + 4, 99, value, font=BOLD, size=9)
    s.text(L, 124, "Messrs.", size=7)
    s.text(L + 45, 124, f["buyer_name"], font=BOLD, size=8.5)
    s.text(L + 45, 135, f"Tax No. {f['buyer_tax_id']}", size=8)
    y = 165.0
    cols = [
        ("part_number", L + 2, "l", "P/N"),
        ("description", L + 72, "l", "GOODS"),
        ("tariff_code", L + 240, "l", "H.S."),
        ("origin_country", L + 295, "l", "C/O"),
        ("quantity", L + 370, "r", "Q'TY"),
        ("unit", L + 376, "l", "U/M"),
        ("unit_price", L + 450, "r", "U/P"),
        ("amount", R - 2, "r", "AMT"),
    ]
    s.box(L, y - 10, R, y + 4)
    for _key, cx, align, head in cols:
        (s.right if align == "r" else s.text)(cx, y, head, font=BOLD, size=7)
    y += 16
    for line in lines:
        values = {
            "part_number": line["part_number"],
            "description": line["description"],
            "tariff_code": f"{line['tariff_code'][:4]}.{line['tariff_code'][4:6]}.{line['tariff_code'][6:]}",
            "origin_country": "JAPAN",
            "quantity": _number(line["quantity"], 0, ",", "."),
            "unit": line["unit"],
            "unit_price": _number(line["unit_price"], 2, ",", "."),
            "amount": _number(line["amount"], 2, ",", "."),
        }
        for key, cx, align, _head in cols:
            (s.right if align == "r" else s.text)(cx, y, values[key], size=7.5)
        y += 12
    y += 10
    for label, value in (("S/T", f["subtotal_amount"]), ("FRT", x["freight"]), ("G/T", f["total_amount"])):
        s.text(R - 140, y, label, font=BOLD, size=8)
        s.right(R - 2, y, _number(value, 2, ",", "."), size=8)
        y += 12
    s.save()
    return s.page


def _meridian(truth: dict[str, Any], path: Path) -> int:
    """US distributor style: labels glued to values (``INV#:M-1001``), ``$1,234.56``, month-name dates, and long
    descriptions wrapped over two lines. The general reader knows some of its words (Qty, Description, Total)."""
    from tests.synth.draw import mdy_en, wrap

    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Invoice")
    L, R = 40.0, s.width - 40.0
    s.right(R, 48, f["seller_name"], font=BOLD, size=12)
    s.right(R, 60, f"FEIN {f['seller_tax_id']}  |  Houston, Texas, United States", size=7.5)
    s.text(L, 48, f"INV#:{f['invoice_number']}", font=BOLD, size=10)
    s.text(L, 62, "Dated", size=8)
    s.text(L + 36, 62, mdy_en(f["invoice_date"]), size=8)
    s.text(L, 74, f"PO#:{x['order']}", size=8)
    s.text(L, 86, f"Ship via:{f['incoterm']}", size=8)
    s.text(L, 112, "Bill-to", font=BOLD, size=8)
    s.text(L, 123, f["buyer_name"], size=8)
    s.text(L, 133, f"Tax reg. {f['buyer_tax_id']}", size=8)
    s.text(L + 300, 112, "Made in", font=BOLD, size=8)
    s.text(L + 300, 123, "United States", size=8)
    y = 165.0
    cols = [
        ("part_number", L, "l", "Item"),
        ("description", L + 80, "l", "Description"),
        ("tariff_code", L + 240, "l", "Sched B"),
        ("quantity", L + 340, "r", "Qty"),
        ("unit", L + 346, "l", "UM"),
        ("unit_price", L + 430, "r", "Each"),
        ("amount", R, "r", "Ext."),
    ]
    for _key, cx, align, head in cols:
        (s.right if align == "r" else s.text)(cx, y, head, font=BOLD, size=7.5)
    s.hline(L, R, y + 4)
    y += 16
    for line in lines:
        wrapped = wrap(line["description"], 140, size=7.5)
        cells = {
            "part_number": line["part_number"],
            "tariff_code": f"{line['tariff_code'][:4]}.{line['tariff_code'][4:6]}.{line['tariff_code'][6:]}",
            "quantity": _number(line["quantity"], 0, ",", "."),
            "unit": line["unit"],
            "unit_price": "$" + _number(line["unit_price"], 2, ",", "."),
            "amount": "$" + _number(line["amount"], 2, ",", "."),
        }
        for key, cx, align, _head in cols:
            if key == "description":
                for k, part in enumerate(wrapped):
                    s.text(cx, y + 10 * k, part, size=7.5)
                continue
            (s.right if align == "r" else s.text)(cx, y, cells[key], size=7.5)
        y += 10 * len(wrapped) + 4
    s.hline(L, R, y - 6)
    y += 8
    for label, value in (
        ("Merchandise", f["subtotal_amount"]),
        ("Freight", x["freight"]),
        ("BAL DUE", f["total_amount"]),
    ):
        s.text(R - 160, y, label, font=BOLD, size=8)
        s.right(R, y, "$" + _number(value, 2, ",", "."), size=8)
        y += 12
    s.text(L, y + 20, f"All amounts in {f['currency']}.", size=7)
    s.save()
    return s.page


def _herrajes(truth: dict[str, Any], path: Path) -> int:
    """Spanish hardware distributor: labels flush right against their values (``Numero :  F1234/24``), dates as
    ``05-mar-2024``, a table header on two lines, and long orders that run onto a second page past a footer."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
    y_, m_, d_ = f["invoice_date"].split("-")
    s = Sheet(path, title="Factura")
    L, R = 40.0, s.width - 40.0
    s.text(L, 50, "FACTURA PROFORMA / INVOICE", font=BOLD, size=14)
    s.text(L, 80, f["seller_name"], size=9)
    s.text(L, 92, f"NIF: {f['seller_tax_id']}", size=8)
    block = [
        ("Numero :", f["invoice_number"]),
        ("Fecha emision :", f"{d_}-{months[int(m_) - 1]}-{y_}"),
        ("Cliente :", f["buyer_name"]),
        ("Id cliente :", f["buyer_tax_id"]),
        ("Divisa :", f["currency"]),
        ("Entrega :", f["incoterm"]),
    ]
    for row, (label, value) in enumerate(block):
        s.right(R - 150, 80 + 11 * row, label, font=BOLD, size=8)
        s.right(R, 80 + 11 * row, value, size=8)
    y = 170.0
    cols = [
        ("part_number", L, "l", ("Codigo", "art.")),
        ("description", L + 80, "l", ("Descripcion", "")),
        ("quantity", L + 330, "r", ("Cant.", "uds")),
        ("unit_price", L + 420, "r", ("Precio", "unit.")),
        ("amount", R, "r", ("Importe", "neto")),
    ]
    for _key, cx, align, heads in cols:
        for row, head in enumerate(heads):
            if head:
                (s.right if align == "r" else s.text)(cx, y + 9 * row, head, font=BOLD, size=7.5)
    y += 22
    for line in lines:
        if y > s.height - 80:
            s.text(L, s.height - 40, f"Pagina {s.page} - sigue", size=7)
            s.new_page()
            s.text(L, 40, f"Factura {f['invoice_number']} (continuacion)", size=7)
            y = 60.0
        cells = {
            "part_number": line["part_number"],
            "description": line["description"],
            "quantity": _number(line["quantity"], 0, ".", ","),
            "unit_price": _number(line["unit_price"], 2, ".", ","),
            "amount": _number(line["amount"], 2, ".", ","),
        }
        for key, cx, align, _heads in cols:
            (s.right if align == "r" else s.text)(cx, y, cells[key], size=7.5)
        y += 11
    y += 10
    s.text(R - 150, y, "Base imponible", size=8)
    s.right(R, y, _number(f["subtotal_amount"], 2, ".", ","), size=8)
    s.text(R - 150, y + 11, "Portes", size=8)
    s.right(R, y + 11, _number(x["freight"], 2, ".", ","), size=8)
    s.text(R - 150, y + 22, "TOTAL FACTURA", font=BOLD, size=9)
    s.right(R, y + 22, _number(f["total_amount"], 2, ".", ","), font=BOLD, size=9)
    s.save()
    return s.page


def house_set(
    style: str, count: int, *, seed: int = 1, seller: Party | None = None, buyer: Party | None = None
) -> list[dict[str, Any]]:
    """``count`` truths of one supplier in one style; in the ``herrajes`` style every third one after the first
    is a long order that runs onto a second page."""
    rng = random.Random(f"{style}-{seed}")
    return [
        house_invoice(
            rng,
            style,
            seller or SELLERS[style],
            buyer or BUYERS[0],
            n_lines=rng.randint(52, 70) if style == "herrajes" and index % 3 == 2 else None,
        )
        for index in range(count)
    ]
