"""Round 18 of the held-out pedimento printouts: two more ways a pedimento reaches the reader, written before the
reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo); how customs brokers give their clients a web portal to consult each pedimento
(a page of captioned cards over the header's values and an HTML table of the partidas, scrolled, with a sticky
header, a "Mostrando 1 a 15 de 40 registros" counter and the browser's tab and address bar around it), and how
clients send a screenshot of it instead of the printed form; how a sheet printed on both sides and fed to a
scanner shows the other side's print through the paper, mirrored and faint, and how a duplex scan set to the wrong
binding edge turns every back page upside down.

* ``visor``: screenshots of a broker's web viewer of the pedimento, one per scroll, sent as a PDF of images (no text
  layer): the browser's tab strip and address bar, the portal's menu on the left, the header as cards (a small grey
  caption over each value: ``Núm. pedimento``, ``Tipo operación``, ``Clave``, ``Régimen``, ``Aduana-Sección``,
  ``Patente``, ``Tipo de cambio``, ``Peso bruto (kg)``, ``Valor dólares``, ``Valor aduana``, ``Precio pagado``,
  ``RFC importador``, the dates ``Fecha entrada`` / ``Fecha pago`` in ISO form ``2025-08-04``), and the partidas as
  a table (``Sec | Fracción | NICO | Descripción | No. parte | UMC | Cant. UMC | UMT | Cant. UMT | Vend. | Orig. |
  Valor aduana | Precio pagado | Precio unit. | Val. agreg.``), whose header sticks to the top of each later
  screenshot while the rows scroll; every screenshot repeats the browser's chrome; the last shows the count.
* ``traslucido``: the official form printed double-sided and scanned: every front page carries, faint and mirrored,
  the print of its back page showing through the paper, and every back page (the even ones) comes out upside down
  (the scanner's binding edge was set wrong); a one-page pedimento has nothing behind it.

Both print every partida's part number (the truth keeps it) when the form underneath does.
"""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter, ImageOps
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.synth.draw import Sheet

ARRANGEMENTS = ("visor", "traslucido")
UNITS = {"1": "KG", "3": "M", "6": "PZA"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "visor":
        return _visor(truth, path, rng, pages)
    return _traslucido(truth, path, rng, pages)


def _images_pdf(images: list[Image.Image], path: Path, title: str, quality: int) -> None:
    first = images[0]
    size = (612.0, 612.0 * first.size[1] / first.size[0])
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("synthetic")
    for image in images:
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG" if quality else "PNG", quality=quality or 95)
        buffer.seek(0)
        canvas.setPageSize((612.0, 612.0 * image.size[1] / image.size[0]))
        canvas.drawImage(ImageReader(buffer), 0, 0, width=612.0, height=612.0 * image.size[1] / image.size[0])
        canvas.showPage()
    canvas.save()


def _raster(pdf_path: Path, scale: float) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[k].render(scale=scale).to_pil() for k in range(len(pdf))]
    finally:
        pdf.close()


# --------------------------------------------------------------------------------------------------------
# visor: a broker portal's page, screenshotted scroll by scroll


def _visor(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    with tempfile.TemporaryDirectory() as tmp:
        drawn = Path(tmp) / "screen.pdf"
        s = Sheet(drawn, wide=True, title="Consulta de pedimento")
        W, H = s.width, s.height
        portal = rng.choice(["SIGA Web", "Portal Clientes", "Tráfico en Línea"])
        sans, sans_b = "Helvetica", "Helvetica-Bold"
        blue = rng.choice([(0.12, 0.33, 0.6), (0.05, 0.45, 0.4), (0.4, 0.16, 0.45)])
        rows_per_shot = rng.choice([12, 14, 16])
        comma = rng.random() < 0.6

        def num(v: float, d: int = 2) -> str:
            return f"{v:,.{d}f}" if comma else f"{v:.{d}f}"

        def chrome(shot: int) -> None:
            c = s.canvas
            c.setFillColorRGB(0.87, 0.88, 0.9)
            c.rect(0, H - 42, W, 42, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.roundRect(10, H - 20, 190, 18, 4, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            s.text(18, 14, f"Pedimento {f['pedimento_number'][-7:]} - {portal}", font=sans, size=7)
            s.text(188, 14, "x", font=sans, size=7)
            s.text(212, 14, "+", font=sans_b, size=9)
            c.setFillColorRGB(1, 1, 1)
            c.roundRect(60, H - 39, W - 140, 15, 7, stroke=0, fill=1)
            c.setFillColorRGB(0.25, 0.25, 0.25)
            s.text(14, 34, "<   >   C", font=sans_b, size=8)
            url = (
                f"https://clientes.{portal.split()[0].lower()}.com.mx/trafico/pedimentos/consulta"
                f"?aduana={f['customs_office']}&patente={f['patente']}&ped={f['pedimento_number'][-7:]}"
            )
            s.text(72, 34, url, font=sans, size=7)
            c.setFillColorRGB(*blue)
            c.rect(0, H - 70, W, 28, stroke=0, fill=1)
            c.rect(0, 0, 90, H - 70, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            s.text(14, 60, portal, font=sans_b, size=11)
            s.text(W - 200, 60, f"{x['broker'][0][:34]}", font=sans, size=6.5)
            for k, item in enumerate(["Inicio", "Pedimentos", "Facturas", "COVE", "Anexo 24", "Reportes", "Salir"]):
                s.text(14, 96 + 20 * k, item, font=sans_b if k == 1 else sans, size=8)
            c.setFillColorRGB(0, 0, 0)
            # the scroll bar
            c.setFillColorRGB(0.93, 0.93, 0.93)
            c.rect(W - 8, 0, 8, H - 70, stroke=0, fill=1)
            c.setFillColorRGB(0.6, 0.6, 0.6)
            total = max(1, pages or 1)
            span = (H - 70) / total
            c.rect(W - 7, H - 70 - span * (shot + 1), 6, span, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)

        def card(x0: float, y0: float, caption: str, value: str, w: float = 118) -> None:
            c = s.canvas
            c.setStrokeColorRGB(0.82, 0.82, 0.85)
            c.setFillColorRGB(0.98, 0.98, 0.99)
            c.roundRect(x0, H - y0 - 28, w, 28, 3, stroke=1, fill=1)
            c.setFillColorRGB(0.45, 0.45, 0.5)
            s.text(x0 + 6, y0 + 10, caption, font=sans, size=6)
            c.setFillColorRGB(0, 0, 0)
            s.text(x0 + 6, y0 + 22, value, font=sans_b, size=8)
            c.setStrokeColorRGB(0, 0, 0)

        cols = [
            ("Sec", 4, "l", lambda ln: str(ln["sequence"])),
            ("Fracción", 22, "l", lambda ln: ln["tariff_code"]),
            ("NICO", 62, "l", lambda ln: ln["nico"]),
            ("Descripción", 84, "l", lambda ln: str(ln["description"])[:26]),
            ("No. parte", 200, "l", lambda ln: str(ln["part_number"])),
            ("UMC", 262, "l", lambda ln: UNITS.get(ln["umc"], ln["umc"])),
            ("Cant. UMC", 322, "r", lambda ln: num(ln["umc_quantity"], 3)),
            ("UMT", 328, "l", lambda ln: UNITS.get(ln["umt"], ln["umt"])),
            ("Cant. UMT", 386, "r", lambda ln: num(ln["umt_quantity"], 3)),
            ("Vend.", 392, "l", lambda ln: ln["seller_buyer_country"]),
            ("Orig.", 416, "l", lambda ln: ln["origin_destination_country"]),
            ("Valor aduana", 484, "r", lambda ln: num(ln["customs_value_mxn"], 2 if export else 0)),
            ("Precio pagado", 540, "r", lambda ln: num(ln["paid_price_mxn"], 0)),
            ("Precio unit.", 590, "r", lambda ln: f"{ln['unit_price']:.5f}"),
            ("Val. agreg.", 640, "r", lambda ln: num(ln["value_added"], 0)),
        ]
        X0 = 100.0

        def table_head(y: float) -> float:
            s.canvas.setFillColorRGB(0.9, 0.92, 0.95)
            s.canvas.rect(X0, H - y - 10, W - X0 - 14, 14, stroke=0, fill=1)
            s.canvas.setFillColorRGB(0, 0, 0)
            for label, dx, align, _ in cols:
                (s.right if align == "r" else s.text)(X0 + dx, y + 6, label, font=sans_b, size=6.3)
            return y + 22

        shot = 0
        chrome(shot)
        y = 84.0
        s.text(
            X0,
            y + 6,
            f"Pedimento {f['customs_office'][:2]} {f['patente']} {f['pedimento_number'][-7:]}",
            font=sans_b,
            size=13,
        )
        y += 18
        first = ("Fecha presentación", f["presentation_date"]) if export else ("Fecha entrada", f["entry_date"])
        cards = [
            ("Núm. pedimento", f["pedimento_number"]),
            ("Tipo operación", f["operation_type"]),
            ("Clave", f["clave"]),
            ("Régimen", f["regimen"]),
            ("Aduana-Sección", f["customs_office"]),
            ("Patente", f["patente"]),
            ("Tipo de cambio", f"{f['exchange_rate']:.4f}"),
            ("Peso bruto (kg)", num(f["gross_weight_kg"], 3)),
            ("Valor dólares", num(f["usd_value"], 2)),
            ("Valor aduana", num(f["customs_value_mxn"], 0)),
            ("Precio pagado", num(f["commercial_value_mxn"], 0)),
            (first[0], str(first[1])),
            ("Fecha pago", str(f["payment_date"])),
            ("RFC importador" if not export else "RFC exportador", f["importer_exporter_rfc"]),
        ]
        if x["program"]:
            cards.append(("Programa IMMEX", x["program"]))
        per_row = 5
        for k, (cap, val) in enumerate(cards):
            card(X0 + 128 * (k % per_row), y + 34 * (k // per_row), cap, val)
        y += 34 * ((len(cards) + per_row - 1) // per_row) + 4
        s.text(X0, y + 8, "Razón social", font=sans, size=6)
        s.text(X0 + 60, y + 8, f["importer_exporter_name"], font=sans_b, size=8)
        y += 14
        for inv in x["invoices"]:
            s.text(
                X0,
                y + 8,
                f"Factura {inv['number']}   {inv['date']}   {inv['incoterm']}   COVE {inv['cove']}",
                font=sans,
                size=7,
            )
            y += 11
        y += 10
        s.text(X0, y, f"Partidas ({len(lines)})", font=sans_b, size=10)
        y = table_head(y + 8)
        for k, ln in enumerate(lines):
            if k and k % rows_per_shot == 0:
                s.new_page()
                shot += 1
                chrome(shot)
                y = table_head(84.0)
            if k % 2:
                s.canvas.setFillColorRGB(0.97, 0.97, 0.97)
                s.canvas.rect(X0, H - y - 8, W - X0 - 14, 12, stroke=0, fill=1)
                s.canvas.setFillColorRGB(0, 0, 0)
            for _label, dx, align, value in cols:
                (s.right if align == "r" else s.text)(X0 + dx, y + 5, value(ln), font=sans, size=6.6)
            y += 13
        s.text(
            X0,
            y + 12,
            f"Mostrando {max(1, shot * rows_per_shot + 1)} a {len(lines)} de {len(lines)} registros",
            font=sans,
            size=6.5,
        )
        s.canvas.showPage()
        s.canvas.save()
        count = shot + 1
        if not pages:
            return count
        images = _raster(drawn, rng.choice([1.6, 1.9]))
    _images_pdf(images, path, "Captura de pantalla", 0 if rng.random() < 0.5 else 85)
    # descriptions are cut at 26 characters in the grid: the truth keeps what shows
    for ln in lines:
        ln["description"] = str(ln["description"])[:26].rstrip()
    return count


# --------------------------------------------------------------------------------------------------------
# traslucido: the official form printed duplex, the back showing through, the back pages upside down


def _traslucido(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    from tests.synth import pedimentos  # the official form's own drawing

    with tempfile.TemporaryDirectory() as tmp:
        printed = Path(tmp) / "printed.pdf"
        count = int(pedimentos._saai(truth, printed, rng, pages))
        if not pages:
            return count
        faces = [image.convert("L") for image in _raster(printed, 200 / 72)]
    strength = rng.uniform(0.1, 0.2)
    shift = (rng.randint(-12, 12), rng.randint(-12, 12))
    out: list[Image.Image] = []
    generator = np.random.default_rng(rng.randint(0, 2**32 - 1))
    for k, face in enumerate(faces):
        other = k + 1 if k % 2 == 0 else k - 1
        page = np.asarray(face, dtype=np.float64)
        if 0 <= other < len(faces):
            behind = ImageOps.mirror(faces[other]).filter(ImageFilter.GaussianBlur(radius=1.6))
            behind = behind.transform(
                behind.size, Image.Transform.AFFINE, (1, 0, shift[0], 0, 1, shift[1]), fillcolor=255
            )
            ink = 255.0 - np.asarray(behind, dtype=np.float64)
            page = page - strength * ink
        page = page * rng.uniform(0.95, 0.99) + generator.normal(0.0, 4.0, page.shape)
        image = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), mode="L")
        if k % 2 == 1:
            image = image.rotate(180)
        out.append(image)
    _images_pdf(out, path, "Escaneo", 80)
    return count
