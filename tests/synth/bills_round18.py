"""Round 18 of the held-out bills of lading (see ``bills``), written before the reader saw them.

Facts, not copies, from public sources: how NVOCCs and forwarders ship less-than-container loads (LCL): the cargo
is received at a container freight station (CFS), consolidated with other shippers' cargo in one box, and the house
B/L issued to each shipper names the container and seal it travels in with the words ``PART OF 1 X 40HC`` or ``SAID
TO CONTAIN``, its own packages, weight and cubic metres (LCL is rated by the revenue ton, the greater of tonnes and
cubic metres), ``CFS/CFS`` as the service and the CFS's receiving date; how truck bills still travel by fax between
shipper, carrier and broker (ITU-T T.4 Group 3: 204 dots per inch across and 98 "standard" or 196 "fine" lines per
inch down, black and white only, the sending machine's header line at the top of every page with date, time, the
sender's number and ``P.001/002``).

* ``lcl``: an NVOCC's house B/L for a consolidated shipment: each container line as ``CONTAINER / SEAL`` with
  ``PART OF 1 X 40HC`` under it, the house's own packages, kilograms and CBM, the revenue tons, the CFS where the
  cargo was received and its date, ``CFS/CFS``; the master B/L of the carrier cited beside the house number (the
  truth keeps the house number, and the NVOCC's code that opens it as the SCAC); dates as ``27.08.2025``.
* ``fax``: a US shipper's straight bill of lading for a truckload to a Mexican plant, received by fax: every page a
  black-and-white picture at Group 3 resolution (fine or standard, the text stretched and ragged), the fax header
  line at the top (``AUG-27-2025 14:32  FROM: 956 555 0142  TO: …  P.001/001``), no text layer; the bill itself
  has the shipper, consignee and carrier boxes, the seal numbers, the orders, and the commodity lines with handling
  units, packages, weight in kilograms and description.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import io
import random
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("lcl", "fax")
KIND = {"lcl": "ocean", "fax": "truck"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
NVOCCS = [
    ("OCEANBRIDGE CONSOLIDATORS LTD.", "OBCL"),
    ("TRANSPACIFIC CARGO LINES INC.", "TPCL"),
    ("EUROMEX SHIPPING & CONSOLIDATION GMBH", "EMSC"),
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _lcl if arrangement == "lcl" else _fax
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


# --------------------------------------------------------------------------------------------------------
# lcl: a house B/L for cargo consolidated in a shared container


def _dots(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def _lcl(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    nvocc, prefix = rng.choice(NVOCCS)
    house = f"{prefix}{rng.randint(2400000, 2599999)}"
    master = f["bl_number"]
    # the house number opens with the NVOCC's own code, its SCAC (as on round 5's house waybill): the page prints it
    f.update({"carrier_name": nvocc, "carrier_scac": prefix, "bl_number": house})
    truth["references"].append({"kind": "bl", "value": master})
    for ln in lines:  # a consolidation: a part of each box
        ln["gross_weight_kg"] = round(ln["gross_weight_kg"] / rng.choice([4, 6, 8]), 1)
    f["gross_weight_kg"] = round(sum(ln["gross_weight_kg"] for ln in lines), 1)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.4
    s = Sheet(path, title="House Bill of Lading")
    L, R = 26.0, s.width - 26.0
    M = (L + R) / 2
    cfs = f"{str(f['port_of_loading']).split(',')[0]} CFS"
    received = date.fromisoformat(f["shipped_on_board_date"]).toordinal() - rng.randint(3, 8)

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 8.5 * k, row, font=bold if k == 0 else regular, size=size)

    def foot() -> None:
        s.text(L, s.height - 14, f"HB/L {house}   MB/L {master}", font=regular, size=6)
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 26, nvocc, font=bold, size=11)
        s.text(L, 35, "NON-VESSEL OPERATING COMMON CARRIER", font=regular, size=6)
        s.right(R, 26, "HOUSE BILL OF LADING", font=bold, size=11)
        s.right(R, 35, "ORIGINAL  -  CFS/CFS", font=regular, size=6.5)
        return 42.0

    y = head()
    sw = wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 44, "SHIPPER / EXPORTER", [f["shipper_name"], *sw])
    box(
        M,
        y,
        R,
        y + 22,
        "HOUSE B/L NO.                         MASTER B/L NO.",
        [f"{house}                      {master}"],
    )
    box(M, y + 22, R, y + 44, "EXPORT REFERENCES", [f"INV {x['invoice']}   PO {x['po']}"])
    y += 44
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:1]
    box(L, y, M, y + 44, "CONSIGNEE", [f["consignee_name"], *cw, f"RFC {x['consignee_rfc']}"])
    box(M, y, R, y + 44, "NOTIFY PARTY", [f.get("notify_party_name", "SAME AS CONSIGNEE")])
    y += 44
    q = (R - L) / 4
    box(L, y, L + q, y + 24, "PLACE OF RECEIPT", [cfs])
    box(L + q, y, L + 2 * q, y + 24, "OCEAN VESSEL / VOY.", [f"{f['vessel']} / {f['voyage']}"])
    box(L + 2 * q, y, L + 3 * q, y + 24, "PORT OF LOADING", [f["port_of_loading"]])
    box(L + 3 * q, y, R, y + 24, "PORT OF DISCHARGE", [f["port_of_discharge"]])
    y += 24
    box(L, y, L + q, y + 24, "PLACE OF DELIVERY", [f["place_of_delivery"]])
    box(L + q, y, L + 2 * q, y + 24, "CARGO RECEIVED AT CFS", [_dots(date.fromordinal(received).isoformat())])
    box(L + 2 * q, y, R, y + 24, "SERVICE", ["LCL / CFS-CFS   CONSOLIDATED CARGO"])
    y += 32
    cols = [
        ("CONTAINER / SEAL", L + 3, "l"),
        ("PKGS", L + 140, "r"),
        ("DESCRIPTION OF GOODS (SAID TO CONTAIN)", L + 150, "l"),
        ("GROSS KGS", R - 100, "r"),
        ("CBM", R - 56, "r"),
        ("R/T", R - 4, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y, R, y + 13, 0.88)
        s.box(L, y, R, y + 13, 0.5)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y + 9, label, font=bold, size=cap + 0.6)
        return y + 24

    y = header(y)
    total_cbm = 0.0
    for ln in lines:
        desc = wrap(str(ln["description"]).upper(), R - L - 270, font=regular, size=size)
        h = 9 * max(3, len(desc)) + 6
        if y + h > s.height - 130:
            foot()
            s.new_page()
            y = header(head() + 6)
        cbm = round(ln["package_count"] * rng.uniform(0.05, 0.4), 2)
        total_cbm += cbm
        rt = max(cbm, ln["gross_weight_kg"] / 1000)
        s.text(L + 3, y, f"{ln.get('container_number', '')} / {ln.get('seal_number', '')}", font=regular, size=size)
        s.text(L + 3, y + 9, f"PART OF 1 X {rng.choice(['40HC', '40GP', '20GP'])}", font=regular, size=size - 0.6)
        s.right(L + 140, y, f"{ln['package_count']} CTNS", font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(L + 150, y + 9 * k, part, font=regular, size=size)
        s.right(R - 100, y, f"{ln['gross_weight_kg']:,.1f}", font=regular, size=size)
        s.right(R - 56, y, f"{cbm:.2f}", font=regular, size=size)
        s.right(R - 4, y, f"{rt:.3f}", font=regular, size=size)
        y += h
    s.hline(L, R, y - 4, 0.4)
    s.text(L + 3, y + 6, "TOTAL THIS HOUSE B/L", font=bold, size=size)
    s.right(L + 140, y + 6, f"{f['package_count']} CTNS", font=bold, size=size)
    s.right(R - 100, y + 6, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
    s.right(R - 56, y + 6, f"{total_cbm:.2f}", font=bold, size=size)
    y += 22
    s.text(
        L + 3,
        y,
        "SHIPPER'S LOAD AND COUNT AT CFS. CARRIER NOT RESPONSIBLE FOR CONTENTS OF OTHER SHIPPERS' CARGO"
        " IN THE SAME CONTAINER.",
        font=regular,
        size=size - 1,
    )
    y += 16
    prepaid = f["freight_terms"] == "prepaid"
    q = (R - L) / 3
    box(L, y, L + q, y + 24, "FREIGHT", ["PREPAID" if prepaid else "COLLECT"])
    box(L + q, y, L + 2 * q, y + 24, "LADEN ON BOARD", [_dots(f["shipped_on_board_date"])])
    box(L + 2 * q, y, R, y + 24, "PLACE AND DATE OF ISSUE", [f"{cfs.replace(' CFS', '')}  {_dots(f['issue_date'])}"])
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------
# fax: a straight bill received by fax


def _fax(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f = truth["fields"]
    with tempfile.TemporaryDirectory() as tmp:
        printed = Path(tmp) / "bill.pdf"
        count = _straight(truth, printed, rng, pages)
        if not pages:
            return count
        pdf = pdfium.PdfDocument(str(printed))
        try:
            across = 204 / 72
            down = rng.choice([98, 196]) / 72
            images = []
            for k in range(len(pdf)):
                page = pdf[k].render(scale=across).to_pil().convert("L")
                w, h = page.size
                page = page.resize((w, int(h * down / across)), Image.Resampling.BOX)
                images.append(page)
        finally:
            pdf.close()
    sent = date.fromisoformat(f["issue_date"])
    stamp = (
        f"{MONTHS[sent.month - 1].upper()}-{sent.day:02d}-{sent.year} {rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}"
    )
    sender = f"{rng.choice(['956', '915', '210', '619'])} 555 0{rng.randint(100, 199)}"
    canvas = Canvas(str(path), pagesize=(612.0, 792.0), invariant=1)
    canvas.setTitle("FAX")
    canvas.setAuthor("synthetic")
    generator = np.random.default_rng(rng.randint(0, 2**32 - 1))
    threshold = rng.randint(150, 190)
    for k, page in enumerate(images):
        pixels = np.asarray(page, dtype=np.float32) + generator.normal(0.0, 18.0, (page.size[1], page.size[0]))
        bw = Image.fromarray(np.where(pixels > threshold, 255, 0).astype(np.uint8), mode="L")
        header = Image.new("L", (bw.size[0], 28), 255)
        banded = Image.new("L", (bw.size[0], bw.size[1] + 28), 255)
        banded.paste(bw, (0, 28))
        banded.paste(header, (0, 0))
        buffer = io.BytesIO()
        banded.convert("1").save(buffer, "PNG")
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 0, 0, width=612.0, height=792.0)
        canvas.setFont("Courier", 7)
        canvas.drawString(
            20, 782, f"{stamp}   FROM: {sender}   TO: BROKER {rng.randint(100, 999)}   P.{k + 1:03d}/{len(images):03d}"
        )
        canvas.showPage()
    canvas.save()
    # the header line is drawn as text over the picture: put the whole page through the fax once more
    _refax(path)
    return count


def _refax(path: Path) -> None:
    pdf = pdfium.PdfDocument(str(path))
    try:
        images = [pdf[k].render(scale=204 / 72).to_pil().convert("1") for k in range(len(pdf))]
    finally:
        pdf.close()
    canvas = Canvas(str(path), pagesize=(612.0, 792.0), invariant=1)
    canvas.setTitle("FAX")
    canvas.setAuthor("synthetic")
    for image in images:
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 0, 0, width=612.0, height=792.0)
        canvas.showPage()
    canvas.save()


def _straight(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 8.4, 6.0
    s = Sheet(path, title="Straight Bill of Lading")
    L, R = 36.0, s.width - 36.0
    M = (L + R) / 2
    sent = date.fromisoformat(f["issue_date"])

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.8)
        s.text(x0 + 3, y0 + 8, caption, font=bold, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 6, y0 + 19 + 10 * k, row, font=regular, size=size)

    def head() -> float:
        s.text(L, 44, "STRAIGHT BILL OF LADING - SHORT FORM", font=bold, size=12)
        s.text(L, 55, "ORIGINAL - NOT NEGOTIABLE", font=regular, size=7)
        s.right(R, 44, f"B/L No. {f['bl_number']}", font=bold, size=10)
        s.right(
            R,
            56,
            f"Date: {sent.month:02d}/{sent.day:02d}/{sent.year}    Page {s.page} of {pages}",
            font=regular,
            size=8,
        )
        return 64.0

    y = head()
    box(L, y, M, y + 50, "SHIP FROM", [f["shipper_name"], x["shipper_address"]])
    box(
        M,
        y,
        R,
        y + 50,
        "CARRIER NAME / SCAC",
        [f["carrier_name"], f"SCAC: {f['carrier_scac']}", f"Trailer: {x['trailer']}"],
    )
    y += 50
    box(
        L, y, M, y + 50, "SHIP TO", [f["consignee_name"][:44], x["consignee_address"][:50], f"RFC {x['consignee_rfc']}"]
    )
    box(M, y, R, y + 50, "SEAL NUMBER(S)", ["   ".join(x["seals"]) or "-", f"Invoice: {x['invoice']}"])
    y += 50
    box(L, y, R, y + 30, "CUSTOMER ORDER NUMBER(S)", ["   ".join(x["pos"])])
    y += 44
    s.shade(L, y - 10, R, y + 4, 0.8)
    for label, cx in (
        ("H.U. QTY", L + 4),
        ("PKG QTY", L + 60),
        ("WEIGHT (KG)", L + 116),
        ("COMMODITY DESCRIPTION", L + 196),
    ):
        s.text(cx, y, label, font=bold, size=cap + 1)
    y += 16
    for ln in lines:
        if y > s.height - 150:
            s.new_page()
            y = head() + 16
        hu = max(1, int(ln["package_count"]) // rng.choice([4, 6, 10]))
        s.text(L + 4, y, f"{hu} PLT", font=regular, size=size)
        s.text(L + 60, y, str(ln["package_count"]), font=regular, size=size)
        s.text(L + 116, y, f"{ln['gross_weight_kg']:,.1f}", font=regular, size=size)
        s.text(L + 196, y, str(ln["description"])[:52], font=regular, size=size)
        y += 14
    s.hline(L, R, y - 8, 0.8)
    s.text(L + 4, y + 4, "TOTAL", font=bold, size=size)
    s.text(L + 60, y + 4, str(f["package_count"]), font=bold, size=size)
    s.text(L + 116, y + 4, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
    y += 26
    prepaid = f["freight_terms"] == "prepaid"
    s.text(
        L,
        y,
        f"Freight charge terms:  {'[X] Prepaid   [ ] Collect' if prepaid else '[ ] Prepaid   [X] Collect'}",
        font=regular,
        size=size,
    )
    y += 40
    for k, who in enumerate(["SHIPPER SIGNATURE / DATE", "CARRIER SIGNATURE / PICKUP DATE"]):
        cx = L + (R - L) / 2 * k
        s.hline(cx, cx + 220, y, 0.6)
        s.text(cx, y + 9, who, font=regular, size=6)
    s.save()
    for ln in lines:
        ln["description"] = str(ln["description"])[:52].rstrip()
    # the box prints no more of the name (a legal form short of its last period, "C.V", is still the name whole)
    printed = f["consignee_name"][:44].rstrip()
    if f["consignee_name"][len(printed) :].strip(". "):
        f["consignee_name"] = printed
    return s.page
