"""Round 9 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement:

* ``subsidiaria``: the printout a US parent's ERP makes for its Mexican maquiladora, every caption in English
  (the SAT asks the XML to be right, not the printout to be in Spanish): ``INVOICE`` with ``CFDI 4.0 - Income
  (I)``, ``Series-Folio``, ``Issue date`` as ``Aug 27 2025 14:03:11``, ``Fiscal folio (UUID)``, ``Issuer Tax ID
  (RFC)``, ``Tax regime``, ``Place of issue (ZIP)``; ``Bill to`` with ``Customer Tax ID (RFC)`` (the generic
  foreign RFC), ``Foreign Tax ID`` and ``Tax residence``; concepts ``Item | Prod./Serv. Key | Qty | Unit Key |
  Part No. | Description | Unit Price | Amount``; the Foreign Trade complement NOT under each concept but as a
  table of its own after the totals (``Part No. | Tariff Code | Customs Qty | Customs UoM | Customs Unit Value |
  USD Value``), joined to the concepts by the part number, as the complement's ``Mercancia`` nodes are keyed by
  ``NoIdentificacion``; ``Exchange rate``, ``Subtotal``, ``VAT 0%``, ``Total``; the stamp's data under English
  captions (``Digital seal of the CFDI``, ``SAT seal``, ``SAT certificate No.``, ``Certification date``).
* ``europea``: a European group's ERP printing the CFDI of its Mexican plant with the group's locale: amounts
  as ``1.234,56``, quantities as ``1.200,000``, dates as ``27.08.2025``, the ERP's own billing document number
  (``Factura 90012345``) beside the CFDI's ``Serie`` and ``Folio``; positions numbered in tens (``10``,
  ``20`` ...) with ``Material | Denominación | Cantidad | UM | Precio unitario | Importe``; under each position a
  small line with the SAT keys and that position's mercancía of the complement (``Clave prod./serv.``, ``Clave
  unidad``, ``Fracción arancelaria``, ``Cantidad aduana``, ``Unidad aduana``, ``Valor dólares``); the ``Folio
  fiscal`` and the certificates in a block at the foot, the seals cut to the page's width.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.draw import MONTHS_EN, Sheet, wrap

ARRANGEMENTS = ("subsidiaria", "europea")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_subsidiaria if arrangement == "subsidiaria" else _europea)(truth, path, rng, st)


def _us(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS_EN[d.month - 1]} {d.day:02d} {d.year}"


def _eu(value: float, decimals: int = 2) -> str:
    """``1.234,56``: dots between thousands, a comma before the decimals."""
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _dotted(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


# --------------------------------------------------------------------------------------------------------


def _subsidiaria(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Invoice")
    L, R = 32.0, s.width - 32.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")
    state = {"y": 0.0}

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(s.width / 2, s.height - 20, "This document is a printed representation of a CFDI", size=6)
        s.right(R, s.height - 20, f"Page {s.page}", size=6)

    def need(h: float) -> bool:
        if state["y"] + h > s.height - 44:
            foot()
            s.new_page()
            s.text(L, 34, f"{f['issuer_name']}  -  Invoice {f['series']}-{f['folio']}  (continued)", size=size)
            state["y"] = 54.0
            return True
        return False

    s.text(L, 38, f["issuer_name"], font=bold, size=11)
    lv(L, 50, "Issuer Tax ID (RFC):", f["issuer_rfc"])
    lv(L, 60, "Tax regime:", "601 - General Law for Legal Entities")
    lv(L, 70, "Place of issue (ZIP):", x["zip"])
    bx = R - 230
    s.shade(bx, 28, R, 42, 0.2)
    s.canvas.setFillGray(1)
    s.text(bx + 6, 38, "INVOICE", font=bold, size=size + 2)
    s.right(R - 6, 38, f"CFDI {f['cfdi_version']} - Income (I)", font=bold, size=size)
    s.canvas.setFillGray(0)
    lv(bx + 4, 54, "Series-Folio:", f"{f['series']}-{f['folio']}")
    lv(bx + 4, 64, "Issue date:", f"{_us(f['issue_date'])} {x['time']}")
    lv(bx + 4, 74, "Fiscal folio (UUID):", f["uuid"])
    lv(bx + 4, 84, "Export:", "02 - Definitive" if v4 else "N/A")
    y = 104.0
    s.box(L, y - 10, R, y + 36, 0.5)
    s.text(L + 4, y, "Bill to", font=bold, size=size + 0.5)
    lv(L + 8, y + 11, "Customer:", f["receiver_name"])
    lv(L + 8, y + 21, "Customer Tax ID (RFC):", f["receiver_rfc"])
    lv(L + 230, y + 21, "Foreign Tax ID:", x["receiver_tax_id"])
    lv(L + 8, y + 31, "CFDI use:", "S01 - No tax effects" if v4 else "P01 - To be defined")
    lv(L + 230, y + 31, "Tax residence:", "USA")
    y += 50
    pay = [
        ("Currency:", f["currency"]),
        ("Exchange rate:", f"{f['exchange_rate']:.4f}"),
        ("Payment method:", "PPD"),
        ("Payment form:", "99"),
    ]
    for k, (label, value) in enumerate(pay):
        lv(L + 135 * k, y, label, value)
    state["y"] = y + 18
    cols = [
        ("Item", L + 2, "l"),
        ("Prod./Serv. Key", L + 24, "l"),
        ("Qty", L + 112, "r"),
        ("Unit Key", L + 118, "l"),
        ("Part No.", L + 156, "l"),
        ("Description", L + 220, "l"),
        ("Unit Price", R - 70, "r"),
        ("Amount", R - 2, "r"),
    ]

    def header() -> None:
        y = state["y"]
        s.shade(L, y - 9, R, y + 3, 0.82)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        state["y"] += 13

    header()
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], R - 150 - (L + 220), font=regular, size=size)
        if need(9 * len(desc) + 6):
            header()
        y = state["y"]
        cells = [str(k), ln["product_key"], st.qty(ln["quantity"]), ln["unit"], ln["part_number"], desc[0]]
        cells += [st.money(ln["unit_price"]), st.money(ln["amount"])]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 220, y + 9 * j, part, font=regular, size=size)
        state["y"] += 9 * len(desc) + 4
        s.hline(L, R, state["y"] - 8, 0.15)
    need(50)
    y = state["y"] + 6
    for k, (label, value) in enumerate((("Subtotal", f["subtotal"]), ("VAT 0%", 0.0), ("Total", f["total"]))):
        s.text(R - 160, y + 11 * k, label, font=bold, size=size)
        s.right(R - 2, y + 11 * k, f"{st.money(value)} {f['currency']}", font=bold, size=size)
    state["y"] = y + 44
    need(40)
    s.text(L, state["y"], "Foreign Trade Complement (Comercio Exterior)", font=bold, size=size + 1)
    total_usd = sum(ln["usd_value"] for ln in lines)
    state["y"] += 12
    summary = f"Incoterm: {x['incoterm']}   Certificate of origin: No   Total USD: {total_usd:,.2f}"
    s.text(L, state["y"], summary, font=regular, size=size)
    state["y"] += 14
    cce = [
        ("Part No.", L + 2, "l"),
        ("Tariff Code", L + 100, "l"),
        ("Customs Qty", L + 230, "r"),
        ("Customs UoM", L + 250, "l"),
        ("Customs Unit Value", L + 400, "r"),
        ("USD Value", R - 2, "r"),
    ]

    def cce_header() -> None:
        y = state["y"]
        s.shade(L, y - 9, R, y + 3, 0.88)
        for label, cx, align in cce:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        state["y"] += 13

    cce_header()
    for ln in lines:
        if need(12):
            cce_header()
        unit_value = ln["usd_value"] / ln["customs_quantity"]
        cells = [ln["part_number"], ln["tariff_code"], f"{ln['customs_quantity']:,.3f}", ln["customs_unit"]]
        cells += [f"{unit_value:,.2f}", f"{ln['usd_value']:,.2f}"]
        for (_l, cx, align), cell in zip(cce, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, state["y"], cell, font=regular, size=size)
        state["y"] += 10
    need(150)
    y = state["y"] + 12
    _qr(s, L, y, rng)
    lv(L + 96, y + 4, "Fiscal folio (UUID):", f["uuid"])
    lv(L + 96, y + 14, "Issuer certificate No.:", x["certificate"])
    lv(L + 96, y + 24, "SAT certificate No.:", x["sat_certificate"])
    lv(L + 96, y + 34, "Certification date:", f"{f['issue_date']}T{x['stamp_time']}")
    lv(L + 96, y + 44, "PAC RFC:", x["pac_rfc"])
    y += 60
    for label, text in (("Digital seal of the CFDI:", x["seal"]), ("SAT seal:", x["seal"][::-1])):
        s.text(L + 96, y, label, font=bold, size=6)
        for part in wrap(" ".join(text[i : i + 60] for i in range(0, len(text), 60)), R - L - 100, size=5)[:4]:
            y += 6
            s.text(L + 96, y, part.replace(" ", ""), size=5)
        y += 9
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _europea(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Factura")
    L, R = 40.0, s.width - 36.0
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0])
    billing = f"90{rng.randint(100000, 999999)}"
    customer = f"{rng.randint(1000000, 1999999)}"
    qd = rng.choice([0, 3])

    def lv(x0: float, y: float, label: str, value: str, width: float = 90) -> None:
        s.text(x0, y, label, font=regular, size=size)
        s.text(x0 + width, y, value, font=bold, size=size)

    def letterhead() -> None:
        s.text(L, 40, f["issuer_name"], font=bold, size=10)
        s.text(L, 51, f"RFC {f['issuer_rfc']}  ·  Régimen fiscal 601  ·  C.P. {x['zip']}", font=regular, size=size - 1)
        s.hline(L, R, 58, 0.4)

    def foot() -> None:
        s.text(L, s.height - 22, f"Factura {billing}  ·  Folio fiscal {f['uuid']}", font=regular, size=6)
        s.right(R, s.height - 22, f"Página {s.page}", font=regular, size=6)

    letterhead()
    y = 80.0
    for k, row in enumerate((f["receiver_name"], f"R.F.C. {f['receiver_rfc']}", f"Tax ID {x['receiver_tax_id']}")):
        s.text(L, y + 10 * k, row, font=bold if k == 0 else regular, size=size)
    s.text(
        L, y + 30, "Residencia fiscal: USA  ·  Uso CFDI: " + ("S01" if f["cfdi_version"] >= "4" else "P01"), size=size
    )
    bx = R - 200
    s.text(bx, y - 4, "Factura", font=bold, size=14)
    info = [
        ("Número", billing),
        ("Fecha", _dotted(f["issue_date"])),
        ("Serie / Folio", f"{f['series']} / {f['folio']}"),
        ("No. de cliente", customer),
        ("Versión CFDI", f["cfdi_version"]),
        ("Tipo de comprobante", "I Ingreso"),
        ("Moneda / T.C.", f"{f['currency']} / {_eu(f['exchange_rate'], 4)}"),
        ("Incoterm", x["incoterm"]),
    ]
    for k, (label, value) in enumerate(info):
        lv(bx, y + 10 + 10 * k, label, value)
    y += 104
    cols = [
        ("Pos.", L + 2, "l"),
        ("Material", L + 28, "l"),
        ("Denominación", L + 110, "l"),
        ("Cantidad", R - 200, "r"),
        ("UM", R - 194, "l"),
        ("Precio unitario", R - 80, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 10, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.hline(L, R, y + 4, 0.8)
        return y + 16

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], R - 255 - (L + 110), font=regular, size=size)
        if y + 10 * len(desc) + 22 > s.height - 50:
            s.right(R, y, "Continúa en la página siguiente", font=regular, size=size - 1)
            foot()
            s.new_page()
            letterhead()
            y = header(80.0)
        cells = [str(10 * k), ln["part_number"], desc[0], _eu(ln["quantity"], qd), ln["unit"]]
        cells += [_eu(ln["unit_price"]), _eu(ln["amount"])]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 110, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc)
        keys = (
            f"Clave prod./serv. {ln['product_key']}  ·  Clave unidad {ln['unit']}  ·  Fracción arancelaria "
            f"{ln['tariff_code']}  ·  Cantidad aduana {_eu(ln['customs_quantity'], 3)}  ·  Unidad aduana "
            f"{ln['customs_unit']}  ·  Valor dólares {_eu(ln['usd_value'])}"
        )
        s.canvas.setFillGray(0.3)
        s.text(L + 28, y, keys, font=regular, size=size - 2)
        s.canvas.setFillGray(0)
        y += 14
    if y + 230 > s.height - 50:
        foot()
        s.new_page()
        letterhead()
        y = 80.0
    s.hline(R - 220, R, y - 6, 0.6)
    for k, (label, value) in enumerate((("Subtotal", f["subtotal"]), ("IVA 0 %", 0.0), ("Total", f["total"]))):
        s.text(R - 220, y + 6 + 11 * k, label, font=bold if label == "Total" else regular, size=size)
        s.right(R - 2, y + 6 + 11 * k, f"{_eu(value)} {f['currency']}", font=bold, size=size)
    y += 48
    total_usd = sum(ln["usd_value"] for ln in lines)
    s.text(
        L,
        y,
        f"Comercio exterior: clave de pedimento A1 · certificado de origen 0 · total USD {_eu(total_usd)}",
        size=size,
    )
    y += 16
    _qr(s, L, y, rng)
    lv(L + 96, y + 4, "Folio fiscal:", f["uuid"], 110)
    lv(L + 96, y + 14, "No. certificado emisor:", x["certificate"], 110)
    lv(L + 96, y + 24, "No. certificado SAT:", x["sat_certificate"], 110)
    lv(L + 96, y + 34, "Fecha de timbrado:", f"{_dotted(f['issue_date'])} {x['stamp_time']}", 110)
    lv(L + 96, y + 44, "RFC proveedor de cert.:", x["pac_rfc"], 110)
    _seals(s, st, L + 96, y + 60, truth, R - L - 96)
    foot()
    s.save()
    return s.page
