"""Round 11 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export CFDI
with the Comercio Exterior complement:

* ``traslado``: a maquiladora's CFDI 4.0 de **Traslado** (``Tipo de comprobante: T - Traslado``) with the Comercio
  Exterior and Carta Porte complements, as plants that export goods they do not sell (their own or their foreign
  parent's, ``Motivo de traslado: 02 - Reubicación de mercancías propias`` or ``05 - Envío de mercancías propiedad
  de terceros`` with the ``Propietario`` and its tax id) print it when their own truck takes the load to the
  border. Anexo 20 asks a Traslado for ``SubTotal`` and ``Total`` of zero while the conceptos keep the goods'
  value for the complement, so the printout shows ``SubTotal 0.00`` and ``Total 0.00`` (the truth keeps those
  zeros) above conceptos whose amounts add up to the complement's ``Total USD``; ``Uso CFDI: S01``, ``Objeto
  imp.: 01 - No objeto de impuesto``; conceptos ``Clave prod./serv. | No. identificación | Cantidad | Clave
  unidad | Descripción | Valor unitario | Importe | Objeto imp.``; the complement's mercancías ``No.
  identificación | Fracción arancelaria | Cantidad aduana | Unidad aduana | Valor unitario aduana | Valor
  dólares``; then the Carta Porte 3.1: ``IdCCP``, ``Transporte internacional: Sí``, ``Entrada/salida de
  mercancía: Salida``, ``Vía: 01 Autotransporte``, ``Total distancia recorrida``, the ``Origen`` and ``Destino``
  locations with their dates and times (``2025-08-27T06:30:00``: not the issue date), its own list of goods
  (``Bienes transp. | Descripción | Cantidad | Clave unidad | Peso en kg | Fracción arancelaria``: the same goods
  again, not more conceptos), ``Peso bruto total``, the truck (``Perm SCT TPAF01``, ``Config. vehicular T3S2``,
  plates, the trailer) and the operator with RFC and licence; the stamp's data, the seals and the QR at the foot.
* ``lateral``: an invoicing service's template with a shaded sidebar down the right of every page holding the
  fiscal data as small captions over their values (``Serie``, ``Folio``, ``Folio fiscal`` broken over two
  lines, ``Fecha de emisión`` as ``27/08/2025 14:03:11``, ``Tipo de comprobante``, ``Versión``, ``Moneda``,
  ``Tipo de cambio``, ``Exportación``, ``Uso CFDI``, ``Incoterm``, ``Clave de pedimento``, ``Total USD``), so the
  text of the sidebar runs on the same lines as the conceptos of the main column; the conceptos in the narrower
  main column as ``Cant. | Unidad | Descripción | P. unitario | Importe USD | Importe M.N.`` with, under each
  description, ``No. ident.`` and ``Clave SAT`` and the complement's ``Fracc. · Cant. adu. · U. adu. · Valor
  USD``; each amount also in pesos at the CFDI's exchange rate (``Importe M.N.``, and ``Total en moneda nacional``
  under the totals: amounts that are not the CFDI's, which is in USD); ``Hoja 1 de 2`` in the sidebar.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("traslado", "lateral")
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}
WEIGHT = {"H87": 0.6, "KGM": 1.0, "MTR": 0.3}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_traslado if arrangement == "traslado" else _lateral)(truth, path, rng, st)


def _dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:6]}.{code[6:]}"


# --------------------------------------------------------------------------------------------------------


def _traslado(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    # a Traslado carries no income: SubTotal and Total are zero (the conceptos keep the goods' value)
    f.update({"cfdi_version": "4.0", "cfdi_type": "T", "subtotal": 0.0, "total": 0.0})
    s = Sheet(path, title="CFDI de traslado")
    L, R = 30.0, s.width - 30.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    bottom = s.height - 44
    own = rng.random() < 0.5
    motive = "02 - Reubicación de mercancías propias" if own else "05 - Envío de mercancías propiedad de terceros"
    leaves = date.fromisoformat(f["issue_date"]) + timedelta(days=rng.randint(0, 1))
    state = {"y": 0.0}

    def lv(x0: float, y: float, label: str, value: str) -> float:
        end = s.text(x0, y, label, font=bold, size=size)
        return s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(s.width / 2, s.height - 18, "Este documento es una representación impresa de un CFDI", size=6)
        s.right(R, s.height - 18, f"Página {s.page}", size=6)

    def need(h: float) -> bool:
        if state["y"] + h > bottom:
            foot()
            s.new_page()
            s.text(
                L,
                32,
                f"CFDI de traslado {f['series']}-{f['folio']}   Folio fiscal {f['uuid']}",
                font=regular,
                size=size,
            )
            state["y"] = 52.0
            return True
        return False

    def band(title: str) -> None:
        need(40)
        y = state["y"]
        s.shade(L, y - 9, R, y + 3, 0.82)
        s.text(L + 3, y, title, font=bold, size=size)
        state["y"] += 14

    def table(cols: list[tuple[str, float, str]], rows: list[list[str]], wrap_col: int | None = None) -> None:
        def head() -> None:
            y = state["y"]
            for label, cx, align in cols:
                (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
            s.hline(L, R, y + 3, 0.4)
            state["y"] += 12

        head()
        for row in rows:
            parts = [""] if wrap_col is None else wrap(row[wrap_col], 150, font=regular, size=size)
            if need(9 * len(parts) + 3):
                head()
            y = state["y"]
            for k, ((_label, cx, align), cell) in enumerate(zip(cols, row, strict=True)):
                text = parts[0] if k == wrap_col else cell
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
            if wrap_col is not None:
                for j, part in enumerate(parts[1:], start=1):
                    s.text(cols[wrap_col][1], y + 9 * j, part, font=regular, size=size)
            state["y"] += 9 * len(parts) + 3
        state["y"] += 6

    bx = R - 230
    for k, part in enumerate(wrap(f["issuer_name"], bx - L - 12, font=bold, size=10)[:2]):
        s.text(L, 36 + 11 * k, part, font=bold, size=10)
    lv(L, 62, "RFC:", f["issuer_rfc"])
    lv(L, 72, "Régimen fiscal:", "601 - General de Ley Personas Morales")
    lv(L, 82, "Lugar de expedición:", x["zip"])
    s.box(bx, 28, R, 108, 0.6)
    s.centre((bx + R) / 2, 39, "CFDI DE TRASLADO", font=bold, size=size + 2)
    head = [
        ("Serie:", f["series"]),
        ("Folio:", f["folio"]),
        ("Folio fiscal:", f["uuid"]),
        ("Fecha de emisión:", f"{f['issue_date']} {x['time']}"),
        ("Tipo de comprobante:", "T - Traslado"),
        ("Versión:", f["cfdi_version"]),
        ("Exportación:", "02 - Definitiva con clave A1"),
    ]
    for k, (label, value) in enumerate(head):
        lv(bx + 4, 51 + 8.5 * k, label, value)
    state["y"] = 124.0
    band("RECEPTOR")
    y = state["y"]
    lv(L + 4, y, "Nombre:", f["receiver_name"])
    lv(L + 300, y, "RFC:", f["receiver_rfc"])
    y += 10
    lv(L + 4, y, "NumRegIdTrib:", x["receiver_tax_id"])
    lv(L + 160, y, "Residencia fiscal:", "USA")
    lv(L + 300, y, "Uso CFDI:", "S01 - Sin efectos fiscales")
    y += 10
    lv(L + 4, y, "Moneda:", f["currency"])
    lv(L + 160, y, "Tipo de cambio:", f"{f['exchange_rate']:.4f}")
    state["y"] = y + 18
    band("CONCEPTOS")
    cols = [
        ("Clave prod./serv.", L + 2, "l"),
        ("No. identificación", L + 66, "l"),
        ("Cantidad", L + 160, "r"),
        ("Clave unidad", L + 166, "l"),
        ("Descripción", L + 210, "l"),
        ("Valor unitario", R - 110, "r"),
        ("Importe", R - 46, "r"),
        ("Obj. imp.", R - 40, "l"),
    ]
    rows = [
        [
            ln["product_key"],
            ln["part_number"],
            f"{ln['quantity']:.2f}",
            ln["unit"],
            ln["description"],
            f"{ln['unit_price']:.2f}",
            f"{ln['amount']:,.2f}",
            "01",
        ]
        for ln in lines
    ]
    table(cols, rows, wrap_col=4)
    need(60)
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    for k, (label, value) in enumerate((("SubTotal", 0.0), ("Total", 0.0))):
        s.text(R - 160, state["y"] + 11 * k, label, font=bold, size=size)
        s.right(R - 2, state["y"] + 11 * k, f"{value:.2f}", font=bold, size=size)
    s.text(L, state["y"], "Objeto de impuesto 01 - No objeto de impuesto.", font=regular, size=size - 0.5)
    s.text(
        L,
        state["y"] + 11,
        f"Valor de la mercancía trasladada (Total USD del complemento): {total_usd:,.2f}",
        font=regular,
        size=size - 0.5,
    )
    state["y"] += 34
    band("COMPLEMENTO COMERCIO EXTERIOR 2.0")
    y = state["y"]
    lv(L + 4, y, "Motivo de traslado:", motive)
    lv(L + 300, y, "Clave de pedimento:", "A1")
    y += 10
    lv(L + 4, y, "Certificado de origen:", "0")
    lv(L + 160, y, "Incoterm:", x["incoterm"])
    lv(L + 300, y, "Tipo de cambio USD:", f"{f['exchange_rate']:.4f}")
    y += 10
    lv(L + 4, y, "Total USD:", f"{total_usd:,.2f}")
    if not own:
        lv(L + 160, y, "Propietario NumRegIdTrib:", f"{x['receiver_tax_id']}   Residencia fiscal: USA")
    state["y"] = y + 16
    cols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 100, "l"),
        ("Cantidad aduana", L + 250, "r"),
        ("Unidad aduana", L + 262, "l"),
        ("Valor unitario aduana", L + 410, "r"),
        ("Valor dólares", R - 2, "r"),
    ]
    rows = [
        [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:.3f}",
            ln["customs_unit"],
            f"{ln['usd_value'] / ln['customs_quantity']:.2f}",
            f"{ln['usd_value']:,.2f}",
        ]
        for ln in lines
    ]
    table(cols, rows)
    band("COMPLEMENTO CARTA PORTE 3.1")
    idccp = "CCC" + f["uuid"][3:]
    km = rng.randint(8, 60)
    y = state["y"]
    lv(L + 4, y, "IdCCP:", idccp)
    lv(L + 300, y, "Transporte internacional:", "Sí")
    y += 10
    lv(L + 4, y, "Entrada/salida de mercancía:", "Salida")
    lv(L + 160, y, "País origen/destino:", "USA")
    lv(L + 300, y, "Vía entrada/salida:", "01 - Autotransporte")
    y += 10
    lv(L + 4, y, "Total distancia recorrida:", f"{km} km")
    state["y"] = y + 14
    out = f"{leaves.isoformat()}T{rng.randint(5, 9):02d}:{rng.randint(0, 59):02d}:00"
    arrive = f"{leaves.isoformat()}T{rng.randint(11, 16):02d}:{rng.randint(0, 59):02d}:00"
    cols = [
        ("Tipo", L + 2, "l"),
        ("ID ubicación", L + 50, "l"),
        ("RFC / NumRegIdTrib", L + 112, "l"),
        ("Fecha y hora", L + 220, "l"),
        ("Domicilio", L + 320, "l"),
    ]
    rows = [
        ["Origen", "OR000001", f["issuer_rfc"], out, f"C.P. {x['zip']}, MÉXICO"],
        ["Destino", "DE000001", x["receiver_tax_id"], arrive, "LAREDO, TX, USA"],
    ]
    table(cols, rows)
    weights = [round(ln["quantity"] * WEIGHT.get(ln["unit"], 0.5), 3) for ln in lines]
    y = state["y"]
    lv(L + 4, y, "Peso bruto total:", f"{sum(weights):,.3f}")
    lv(L + 160, y, "Unidad peso:", "KGM")
    lv(L + 300, y, "Núm. total mercancías:", str(len(lines)))
    state["y"] = y + 14
    cols = [
        ("Bienes transp.", L + 2, "l"),
        ("Descripción", L + 60, "l"),
        ("Cantidad", L + 300, "r"),
        ("Clave unidad", L + 308, "l"),
        ("Peso en kg", L + 420, "r"),
        ("Fracción arancelaria", R - 70, "l"),
    ]
    rows = [
        [ln["product_key"], ln["description"], f"{ln['quantity']:.0f}", ln["unit"], f"{w:,.3f}", ln["tariff_code"]]
        for ln, w in zip(lines, weights, strict=True)
    ]
    table(cols, rows, wrap_col=1)
    need(50)
    y = state["y"]
    plate = f"{rng.randint(10, 99)}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}"
    lv(L + 4, y, "Autotransporte:", f"Perm SCT TPAF01  Núm. permiso SCT {rng.randint(10**6, 10**7 - 1)}")
    lv(L + 300, y, "Config. vehicular:", "T3S2")
    y += 10
    lv(L + 4, y, "Placa:", plate)
    lv(L + 160, y, "Año modelo:", str(rng.randint(2016, 2024)))
    lv(L + 300, y, "Remolque:", f"CTR007  Placa {rng.randint(100, 999)}UY{rng.randint(1, 9)}")
    y += 10
    lv(L + 4, y, "Figura transporte:", "01 - Operador")
    lv(L + 160, y, "Licencia:", f"LFD{rng.randint(10**6, 10**7 - 1)}")
    state["y"] = y + 16
    need(150)
    y = state["y"]
    _qr(s, L, y, rng)
    lv(L + 96, y + 4, "No. de serie del certificado del emisor:", x["certificate"])
    lv(L + 96, y + 14, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 24, "Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}")
    lv(L + 96, y + 34, "RFC del proveedor de certificación:", x["pac_rfc"])
    _seals(s, st, L + 96, y + 50, truth, R - L - 96)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _lateral(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    state = rng.getstate()
    pages = _lateral_draw(truth, path, rng, st, 0)  # drawn once to count the pages for "Hoja 1 de N"
    rng.setstate(state)
    return _lateral_draw(truth, path, rng, st, pages)


def _lateral_draw(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Factura")
    L, R = 30.0, s.width - 30.0
    side = R - 150  # the sidebar's left edge
    main = side - 12  # the main column's right edge
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    tc = f["exchange_rate"]
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    uuid = f["uuid"]
    v4 = f["cfdi_version"].startswith("4")

    def sidebar() -> None:
        s.shade(side, 20, R, s.height - 20, 0.9)
        items = [
            ("FACTURA", ""),
            ("Serie", f["series"]),
            ("Folio", f["folio"]),
            ("Folio fiscal", uuid[:19]),
            ("", uuid[19:]),
            ("Fecha de emisión", f"{f['issue_date'][8:]}/{f['issue_date'][5:7]}/{f['issue_date'][:4]} {x['time']}"),
            ("Tipo de comprobante", "I - Ingreso"),
            ("Versión", f["cfdi_version"]),
            ("Moneda", f"{f['currency']} - Dólar americano"),
            ("Tipo de cambio", f"{tc:.4f}"),
            *([("Exportación", "02 - Definitiva A1")] if v4 else []),  # an attribute CFDI 3.3 did not have
            ("Uso CFDI", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir"),
            ("Forma de pago", "99 - Por definir"),
            ("Método de pago", "PPD"),
            ("Incoterm", x["incoterm"]),
            ("Clave de pedimento", "A1"),
            ("Certificado de origen", "0"),
            ("Total USD", f"{total_usd:,.2f}"),
            ("No. certificado", x["certificate"]),
            ("Hoja", f"{s.page} de {pages or 1}"),
        ]
        y = 40.0
        for label, value in items:
            if label == "FACTURA":
                s.text(side + 8, y, label, font=bold, size=12)
                y += 18
                continue
            if label:
                s.text(side + 8, y, label, font=regular, size=size - 1.5)
                y += 8
            s.text(side + 8, y, value, font=bold, size=size - 0.5)
            y += 13

    def page_top() -> float:
        sidebar()
        s.text(L, 40, f["issuer_name"], font=bold, size=10.5)
        s.text(
            L,
            51,
            f"RFC {f['issuer_rfc']}   ·   Régimen fiscal 601   ·   C.P. {x['zip']}",
            font=regular,
            size=size - 0.5,
        )
        s.hline(L, main, 57, 0.8)
        return 72.0

    cols = [
        ("Cant.", L + 30, "r"),
        ("Unidad", L + 34, "l"),
        ("Descripción", L + 70, "l"),
        ("P. unitario", L + 258, "r"),
        ("Importe USD", L + 318, "r"),
        ("Importe M.N.", main, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, main, y - 9, 0.5)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        s.hline(L, main, y + 3, 0.5)
        return y + 13

    y = page_top()
    s.text(L, y, "CLIENTE", font=bold, size=size)
    y += 10
    s.text(L, y, f["receiver_name"], font=bold, size=size)
    y += 9
    s.text(
        L,
        y,
        f"RFC {f['receiver_rfc']}   ·   NumRegIdTrib {x['receiver_tax_id']}   ·   Residencia fiscal USA",
        font=regular,
        size=size - 0.5,
    )
    y += 20
    y = header(y)
    desc_w = L + 258 - 50 - (L + 70)
    for ln in lines:
        desc = wrap(ln["description"], desc_w, font=regular, size=size)
        extra = [
            f"No. ident.: {ln['part_number']}   Clave SAT: {ln['product_key']}",
            f"Fracc. {_dotted(ln['tariff_code'])} · Cant. adu. {ln['customs_quantity']:.0f} · "
            f"U. adu. {ln['customs_unit']} · Valor USD {ln['usd_value']:,.2f}",
        ]
        tall = 9 * len(desc) + 8 * len(extra) + 6
        if y + tall > s.height - 60:
            s.right(main, y, "Continúa en la siguiente hoja", font=regular, size=size - 1)
            s.new_page()
            y = header(page_top())
        cells = [
            f"{ln['quantity']:,.0f}",
            f"{ln['unit']} {UNIT_NAMES.get(ln['unit'], '')}",
            desc[0],
            f"{ln['unit_price']:,.2f}",
            f"{ln['amount']:,.2f}",
            f"{ln['amount'] * tc:,.2f}",
        ]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 70, y + 9 * j, part, font=regular, size=size)
        yy = y + 9 * len(desc)
        for part in extra:
            s.text(L + 70, yy, part, font=regular, size=size - 1.5)
            yy += 8
        y = yy + 6
        s.hline(L, main, y - 8, 0.1)
    if y + 170 > s.height - 30:
        s.new_page()
        y = page_top()
    y += 4
    totals = [("Subtotal USD", f["subtotal"]), ("IVA 0% (exportación)", 0.0), ("Total USD", f["total"])]
    for k, (label, value) in enumerate(totals):
        s.text(main - 160, y + 11 * k, label, font=bold, size=size)
        s.right(main, y + 11 * k, f"{value:,.2f}", font=bold, size=size)
    y += 38
    s.text(main - 160, y, "Total en moneda nacional", font=regular, size=size - 0.5)
    s.right(main, y, f"$ {f['total'] * tc:,.2f} MXN", font=regular, size=size - 0.5)
    y += 20
    _qr(s, L, y, rng)
    s.text(L + 96, y + 4, f"Fecha y hora de certificación: {f['issue_date']}T{x['stamp_time']}", font=regular, size=6)
    s.text(L + 96, y + 14, f"No. de serie del certificado del SAT: {x['sat_certificate']}", font=regular, size=6)
    s.text(L + 96, y + 24, f"RFC del PAC: {x['pac_rfc']}", font=regular, size=6)
    _seals(s, st, L + 96, y + 40, truth, (main - L - 96) * 0.75)  # the seals stay clear of the sidebar
    s.centre((L + main) / 2, s.height - 18, "Este documento es una representación impresa de un CFDI", size=6)
    s.save()
    return s.page
