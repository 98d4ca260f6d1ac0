"""Round 6 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two kinds of transport document
the earlier arrangements do not draw:

* ``original``: a liner's original (negotiable) bill of lading. ``BILL OF LADING FOR PORT-TO-PORT OR COMBINED
  TRANSPORT``, ``B/L No.`` top right, ``ORIGINAL`` across the top; boxes ``Shipper``, ``Consignee (not negotiable
  unless consigned to order)``, ``Notify Party (no claim shall attach for failure to notify)``, ``Vessel`` and
  ``Voyage No.`` apart, ``Port of Loading``, ``Port of Discharge``, ``Place of Delivery``; no container table: the
  columns ``Marks and Numbers | No. of Pkgs. | Description of Packages and Goods | Gross Weight | Measurement``
  hold free text where each container is a paragraph (``1 X 40'HC CONTAINER SAID TO CONTAIN`` / ``14 PALLETS`` /
  the goods / ``CONTAINER/SEAL: TGHU1234567/ML-123456`` / ``G.W.: 12,345.600 KGS``), the marks column repeating
  the container number; the totals in words (``SAY: FOURTEEN (14) PALLETS ONLY``), ``TOTAL No. of Containers or
  Packages (in words)``; ``Freight & Charges`` with ``Prepaid`` / ``Collect`` columns; ``Shipped on Board the
  Vessel`` date block; ``Place and Date of Issue``, ``No. of Original B(s)/L: THREE (3)``; the clauses in small
  type; weights with three decimals.
* ``ferro``: a Mexican railway's waybill (``CARTA DE PORTE - FERROCARRIL``, bilingual ``Waybill``), after the
  printouts of the two national railways: ``No. de talón / Waybill No.``, ``Fecha / Date``, origin and destination
  stations with their codes (``NUEVO LAREDO, TAMPS. (NLD)``), ``Remitente / Shipper``, ``Consignatario /
  Consignee``, ``Pagador del flete / Freight payer``; the equipment table ``Equipo (iniciales y número) | Tipo |
  Sellos | Bultos | Peso bruto kg | Tara kg | Descripción`` with car or container initials and number
  (``TFMX 123456``), several seals per car joined by ``/``; weights as ``12345.6`` without separators and the
  tare beside the gross; ``Peso total``, ``Flete: Pagado en origen`` / ``Por cobrar en destino``; references
  ``Factura`` and ``Pedido``.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, dmy, wrap

ARRANGEMENTS = ("original", "ferro")
KIND = {"original": "ocean", "ferro": "truck"}
NUMBERS = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE"]
NUMBERS += ["THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN"]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]
RAILWAYS = [
    ("FERROCARRILES DEL PACIFICO NORTE S.A. DE C.V.", "FPNM", "FPNX"),
    ("FERROVIA DEL GOLFO Y NORESTE S.A. DE C.V.", "FGNM", "FGNX"),
]
STATIONS = ["NUEVO LAREDO, TAMPS. (NLD)", "PIEDRAS NEGRAS, COAH. (PNG)", "CD. JUAREZ, CHIH. (CJS)"]
DESTINATIONS = ["SAN LUIS POTOSI, S.L.P. (SLP)", "CELAYA, GTO. (CEL)", "MONTERREY, N.L. (MTY)", "SILAO, GTO. (SIL)"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_original if arrangement == "original" else _ferro)(truth, path, rng)


def _words(n: int) -> str:
    if n < 20:
        return NUMBERS[n - 1] if n else "ZERO"
    if n < 100:
        return TENS[n // 10] + ("-" + NUMBERS[n % 10 - 1] if n % 10 else "")
    return f"{NUMBERS[n // 100 - 1]} HUNDRED" + (f" AND {_words(n % 100)}" if n % 100 else "")


def _month(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{MONTHS_EN[int(m) - 1].upper()} {int(d)}, {y}"


def _original(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5])
    kind = rng.choice(["PALLETS", "CARTONS", "CRATES", "PACKAGES"])
    s = Sheet(path, title="Bill of Lading")
    L, R, M = 26.0, s.width - 26.0, 316.0

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 7, label, font=regular, size=size - 2)
        for k, value in enumerate(values):
            s.text(x0 + 6, y0 + 18 + 10 * k, value, font=bold if k == 0 else regular, size=size)

    s.centre(s.width / 2, 18, "O R I G I N A L", font=bold, size=10)
    box(L, 24, M, 78, "Shipper", [f["shipper_name"], *wrap(x["shipper_address"], M - L - 12, size=size)[:2]])
    s.text(M + 8, 36, f["carrier_name"], font=bold, size=10)
    s.text(M + 8, 48, "BILL OF LADING FOR PORT-TO-PORT OR", font=bold, size=8)
    s.text(M + 8, 58, "COMBINED TRANSPORT", font=bold, size=8)
    box(M + 150, 60, R, 84, "B/L No.", [f["bl_number"]])
    box(M, 84, R, 108, "Booking No. / Export references", [f"{x['booking']}   INV {x['invoice']}   PO {x['po']}"])
    consignee = [
        f["consignee_name"],
        *wrap(x["consignee_address"], M - L - 12, size=size)[:1],
        f"RFC {x['consignee_rfc']}",
    ]
    box(L, 78, M, 138, "Consignee (not negotiable unless consigned to order)", consignee)
    box(L, 138, M, 180, "Notify Party (no claim shall attach for failure to notify)", [f["notify_party_name"]])
    box(M, 108, R, 180, "Onward inland routing / Export instructions", [f["place_of_delivery"]])
    q = (M - L) / 2
    box(L, 180, L + q, 206, "Vessel", [f["vessel"]])
    box(L + q, 180, M, 206, "Voyage No.", [f["voyage"]])
    box(M, 180, R, 206, "Place of Receipt", [f["port_of_loading"].split(",")[0] + " CY"])
    box(L, 206, L + q, 232, "Port of Loading", [f["port_of_loading"]])
    box(L + q, 206, M, 232, "Port of Discharge", [f["port_of_discharge"]])
    box(M, 206, R, 232, "Place of Delivery", [f["place_of_delivery"]])
    y = 246.0
    cols = [
        ("Marks and Numbers", L + 2),
        ("No. of Pkgs.", L + 92),
        ("Description of Packages and Goods", L + 150),
        ("Gross Weight", R - 80),
        ("Measurement", R - 30),
    ]
    s.hline(L, R, y - 9, 0.8)
    for label, cx in cols:
        s.text(cx, y, label, font=bold, size=size - 0.5)
    s.hline(L, R, y + 3, 0.5)
    y += 10
    s.text(L + 150, y, "PARTICULARS FURNISHED BY SHIPPER - CARRIER NOT RESPONSIBLE", font=regular, size=size - 1.5)
    y += 14
    size_code = rng.choice(["40'HC", "40'HQ", "20'GP", "40'DV"])
    for ln in lines:
        if y > s.height - 190:
            s.text(L + 150, y, "*** CONTINUED ON ATTACHED RIDER ***", font=bold, size=size)
            s.new_page()
            s.centre(s.width / 2, 36, f"RIDER TO B/L No. {f['bl_number']}", font=bold, size=9)
            y = 60.0
        paragraph = [
            f"1 X {size_code} CONTAINER SAID TO CONTAIN",
            f"{ln['package_count']} {kind}",
            *wrap(ln["description"], R - 100 - (L + 150), font=regular, size=size),
            f"CONTAINER/SEAL: {ln['container_number']}/{ln['seal_number']}",
            f"G.W.: {ln['gross_weight_kg']:,.3f} KGS",
        ]
        s.text(L + 2, y, ln["container_number"], font=regular, size=size)
        s.text(L + 2, y + 10, "N/M", font=regular, size=size)
        s.text(L + 92, y + 10, f"{ln['package_count']} {kind[:3]}", font=regular, size=size)
        s.right(R - 40, y + 10, f"{ln['gross_weight_kg']:,.3f} KGS", font=regular, size=size)
        s.right(R - 2, y + 10, f"{ln['gross_weight_kg'] / rng.uniform(150, 300):.3f} CBM", font=regular, size=size)
        for k, part in enumerate(paragraph):
            s.text(L + 150, y + 10 * k, part, font=regular, size=size)
        y += 10 * len(paragraph) + 8
    y += 4
    s.text(L + 150, y, f"SHIPPER'S LOAD, STOW, WEIGHT AND COUNT. HS {x['fraccion'][:6]}", font=regular, size=size)
    y += 12
    total = f["package_count"]
    s.text(L + 150, y, f"SAY: {_words(total)} ({total}) {kind} ONLY", font=bold, size=size)
    s.right(R - 40, y, f"{f['gross_weight_kg']:,.3f} KGS", font=bold, size=size)
    y += 14
    s.hline(L, R, y - 8, 0.5)
    n = len(lines)
    s.text(L, y, "TOTAL No. of Containers or Packages (in words):", font=regular, size=size - 1)
    s.text(L + 200, y, f"{_words(n)} ({n}) CONTAINER{'S' if n > 1 else ''} ONLY", font=bold, size=size)
    y += 16
    s.text(L, y, "Freight & Charges", font=bold, size=size)
    s.text(L + 200, y, "Prepaid", font=bold, size=size)
    s.text(L + 280, y, "Collect", font=bold, size=size)
    y += 10
    s.text(L, y, "OCEAN FREIGHT AS ARRANGED", font=regular, size=size)
    s.text(L + (200 if f["freight_terms"] == "prepaid" else 280), y, "X", font=bold, size=size)
    y += 20
    box(L, y, M, y + 30, "Shipped on Board the Vessel - Date", [_month(f["shipped_on_board_date"])])
    box(
        M, y, R, y + 30, "Place and Date of Issue", [f"{f['port_of_loading'].split(',')[0]}, {_month(f['issue_date'])}"]
    )
    y += 30
    box(L, y, M, y + 30, "No. of Original B(s)/L", ["THREE (3)"])
    box(M, y, R, y + 30, "Signed for the Carrier", [f"AS AGENT FOR {f['carrier_name']}"])
    y += 42
    clause = (
        "RECEIVED by the Carrier from the Shipper in apparent good order and condition unless otherwise noted herein "
        "the total number or quantity of Containers or other packages or units indicated above, for Carriage subject "
        "to all the terms and conditions hereof. One original Bill of Lading must be surrendered duly endorsed."
    )
    for part in wrap(clause, R - L, font=regular, size=5):
        s.text(L, y, part, font=regular, size=5)
        y += 6
    s.save()
    return s.page


def _ferro(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    railway, scac, initials = rng.choice(RAILWAYS)
    number = f"{rng.randint(100000, 999999)}"
    # a railway's waybill is a rail bill (the contract's ``rail`` kind), not a truck's
    f.update({"carrier_name": railway, "carrier_scac": scac, "bl_number": number, "bl_kind": "rail"})
    regular, bold = rng.choice([("Courier", "Courier-Bold"), ("Helvetica", "Helvetica-Bold")])
    size = 6.5 if regular == "Courier" else 7.0
    s = Sheet(path, wide=True, title="Carta de porte ferroviaria")
    L, R = 26.0, s.width - 26.0
    s.text(L, 34, railway, font=bold, size=11)
    s.text(L, 46, f"SCAC: {scac}", font=regular, size=size)
    s.right(R, 34, "CARTA DE PORTE - FERROCARRIL / RAIL WAYBILL", font=bold, size=11)
    top = [
        ("No. de talón / Waybill No.:", number),
        ("Fecha / Date:", dmy(f["issue_date"], rng.choice(["/", "-"]))),
        ("Origen / Origin:", rng.choice(STATIONS)),
        ("Destino / Destination:", rng.choice(DESTINATIONS)),
    ]
    for k, (label, value) in enumerate(top):
        s.text(R - 300, 50 + 10 * k, label, font=bold, size=size)
        s.text(R - 170, 50 + 10 * k, value, font=regular, size=size)
    y = 100.0
    third = (R - L) / 3
    payer = f["consignee_name"] if f["freight_terms"] == "collect" else f["shipper_name"]
    parties = [
        ("Remitente / Shipper", [f["shipper_name"], *wrap(x["shipper_address"], third - 16, size=size)[:2]]),
        ("Consignatario / Consignee", [f["consignee_name"], f"RFC: {x['consignee_rfc']}"]),
        ("Pagador del flete / Freight payer", [payer]),
    ]
    for k, (title, rows) in enumerate(parties):
        x0 = L + k * third
        s.box(x0, y - 9, x0 + third, y + 36, 0.5)
        s.text(x0 + 3, y, title, font=bold, size=size)
        for j, row in enumerate(rows):
            s.text(x0 + 6, y + 11 + 9 * j, row, font=regular, size=size)
    y += 52
    flete = "Pagado en origen / Prepaid" if f["freight_terms"] == "prepaid" else "Por cobrar en destino / Collect"
    s.text(L, y, f"Flete / Freight: {flete}", font=bold, size=size)
    s.text(L + 260, y, f"Factura: {x['invoice']}    Pedido: {', '.join(x['pos'])}", font=regular, size=size)
    y += 18
    cols = [
        ("Equipo (iniciales y número)", L + 2, "l"),
        ("Tipo", L + 120, "l"),
        ("Sellos", L + 185, "l"),
        ("Bultos", L + 330, "r"),
        ("Peso bruto kg", L + 410, "r"),
        ("Tara kg", L + 470, "r"),
        ("Descripción", L + 484, "l"),
    ]
    s.shade(L, y - 9, R, y + 3, 0.82)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
    y += 14
    seals = list(x["seals"])
    for k, ln in enumerate(lines):
        car = f"{initials} {rng.randint(100000, 999999)}"
        car_type = rng.choice(["FURGON 60'", "CONT. 53'", "BOXCAR 50'"])
        # the bill's seals go on the first car; other cars carry seals of their own, not in the truth
        car_seals = seals if k == 0 else []
        desc = wrap(ln["description"], R - (L + 484), font=regular, size=size)
        cells = [car, car_type, " / ".join(car_seals), str(ln["package_count"]), f"{ln['gross_weight_kg']:.1f}"]
        cells += [f"{rng.randint(28000, 34000)}", desc[0]]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 484, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 5
    s.hline(L, R, y - 5, 0.6)
    y += 6
    s.text(L + 185, y, "TOTALES:", font=bold, size=size)
    s.right(L + 330, y, str(f["package_count"]), font=bold, size=size)
    s.right(L + 410, y, f"{f['gross_weight_kg']:.1f}", font=bold, size=size)
    s.text(L + 484, y, f"Peso total: {f['gross_weight_kg']:.1f} KG", font=bold, size=size)
    y += 28
    for line in (
        "El remitente declara que el contenido, peso y descripción de la mercancía son correctos.",
        "Sujeto a las tarifas y reglas de servicio vigentes del ferrocarril / Subject to the carrier's tariffs.",
    ):
        s.text(L, y, line, font=regular, size=size - 1)
        y += 9
    s.hline(L, L + 200, y + 24, 0.5)
    s.text(L, y + 33, "Firma del remitente / Shipper", font=regular, size=size - 1)
    s.hline(R - 200, R, y + 24, 0.5)
    s.text(R - 200, y + 33, "Recibido por el ferrocarril / Agent", font=regular, size=size - 1)
    s.save()
    return s.page
