"""Round 17 of the held-out pedimento printouts: two more ways a pedimento reaches the reader, written before the
reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo: the ``IDENTIFICADORES`` at the pedimento's level and at the partida's, each a
two-letter key with up to three complements, Apéndice 8 of Anexo 22: ``IM`` with the IMMEX program, ``ED`` with the
number of a digitised document, ``EC`` …); how brokers attach to the printed pedimento a ``RELACIÓN DE NÚMEROS DE
PARTE`` for the importer's inventory control (Anexo 24: each partida's part numbers with the invoice they came on),
printed after the ``FIN DE PEDIMENTO`` line; how a phone's camera photographs a sheet lying on a desk (the page a
trapezoid, its far edge narrower than its near one, a small turn, the light falling off across the sheet, the desk
around it; a JPEG inside a PDF with no text).

* ``fotografia``: a pedimento photographed page by page with a phone and sent as a PDF of the photos: no text layer
  at all, every page a picture of the printed sheet seen at an angle (a perspective trapezoid, a turn of up to three
  degrees, a shadow falling across it, the desk's colour around the paper), so that the printed lines are neither
  level nor parallel; the sheet itself is a broker system's print with ``LABEL: value`` rows in three columns, the
  number as ``25  47  3445  5001234``, dates under ``FECHAS`` (``ENTRADA`` / ``PAGO``), and the partidas as records
  (``SEC`` line with fracción, NICO, units, quantities and countries; the description; ``VAL.ADU/USD``,
  ``IMP.PRECIO PAG.``, ``PRECIO UNIT.``, ``VAL.AGREG.``; ``MARCA  MODELO  CODIGO PRODUCTO`` with the part number);
  the FIN line with the partida count.
* ``relacionpartes``: a broker system's print that carries no part number in the partidas, followed, after the
  ``FIN DE PEDIMENTO`` line, by the broker's ``RELACIÓN DE NÚMEROS DE PARTE`` (``FACTURA | SEC. | NÚM. PARTE |
  DESCRIPCIÓN COMERCIAL | CANTIDAD | UMC``) sorted by part number, not by partida, so that a partida's part number
  is found only through its ``SEC.``; header identifiers (``IM`` with the program, ``ED`` with digitised documents'
  numbers, ``EC``) and, under each partida, the partida's identifiers (``EC 1``, ``TL USA``, ``PS`` with a number);
  ``CLAVE EN EL RFC:`` for the RFC; ``Pag. 2/3`` on later pages.

Both print every partida's part number (the truth keeps it).
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
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("fotografia", "relacionpartes")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "fotografia":
        return _fotografia(truth, path, rng, pages)
    return _relacion(truth, path, rng, pages)


def _dmy(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def spaced(n: str) -> str:
    """``254734455001234`` → ``25  47  3445  5001234``."""
    return f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"


# --------------------------------------------------------------------------------------------------------
# fotografia: the sheet as printed, then photographed


def _sheet(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento")
    regular, bold = "Helvetica", "Helvetica-Bold"
    size = 7.6
    L, R = 34.0, s.width - 34.0
    third = (R - L) / 3

    def head() -> float:
        s.box(L, 22, R, 38)
        s.centre((L + R) / 2, 33, "PEDIMENTO" if s.page == 1 else "ANEXO DEL PEDIMENTO", font=bold, size=10)
        s.right(R - 4, 33, f"Página {s.page} de {pages}", font=regular, size=6.5)
        s.text(L + 4, 50, f"NUM. PEDIMENTO: {spaced(f['pedimento_number'])}", font=bold, size=size + 0.4)
        s.text(L + 230, 50, f"T. OPER: {f['operation_type']}", font=bold, size=size)
        s.text(L + 320, 50, f"CVE. PEDIMENTO: {f['clave']}", font=bold, size=size)
        s.text(L + 430, 50, f"REGIMEN: {f['regimen']}", font=bold, size=size)
        if s.page > 1:
            s.text(L + 4, 61, f"RFC: {f['importer_exporter_rfc']}", font=regular, size=size)
            s.hline(L, R, 66, 0.6)
            return 80.0
        return 64.0

    y = head()
    code = x["transport_code"]
    rows = [
        ("DESTINO:", x["destino"]),
        ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
        ("PESO BRUTO:", f"{f['gross_weight_kg']:,.3f}"),
        ("ADUANA E/S:", f["customs_office"]),
        ("PATENTE:", f["patente"]),
        ("MEDIOS DE TRANSPORTE:", f"{code}   {code}   {code}"),
        ("VALOR DOLARES:", f"{f['usd_value']:,.2f}"),
        ("VALOR ADUANA:", f"{f['customs_value_mxn']:,.0f}"),
        ("PRECIO PAGADO/VALOR COMERCIAL:", f"{f['commercial_value_mxn']:,.0f}"),
        ("RFC:", f["importer_exporter_rfc"]),
        ("CURP:", ""),
        ("ACUSE ELECTRONICO:", x["acuse"]),
    ]
    for k, (label, value) in enumerate(rows):
        cx = L + 4 + third * (k % 3)
        yy = y + 11 * (k // 3)
        end = s.text(cx, yy, label, font=bold, size=size - 0.6)
        s.text(end + 4, yy, value, font=regular, size=size)
    y += 11 * ((len(rows) + 2) // 3) + 2
    s.text(L + 4, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", font=bold, size=size - 0.6)
    s.text(L + 4, y + 10, f["importer_exporter_name"], font=regular, size=size)
    s.text(L + 4, y + 20, x["importer_address"], font=regular, size=size - 0.6)
    s.text(L + third * 2 + 4, y, "FECHAS", font=bold, size=size - 0.6)
    first = ("PRESENTACION", f["presentation_date"]) if export else ("ENTRADA", f["entry_date"])
    s.text(L + third * 2 + 4, y + 10, f"{first[0]}  {_dmy(first[1])}", font=regular, size=size)
    s.text(L + third * 2 + 4, y + 20, f"PAGO  {_dmy(f['payment_date'])}", font=regular, size=size)
    y += 34
    for inv in x["invoices"]:
        s.text(L + 4, y, f"NUM. FACTURA: {inv['number']}   FECHA: {_dmy(str(inv['date']))}", font=regular, size=size)
        s.text(L + 300, y, f"INCOTERM: {inv['incoterm']}   COVE: {inv['cove']}", font=regular, size=size)
        y += 10
    for guide, kind in x["guides"]:
        s.text(L + 4, y, f"GUIA/ORDEN EMBARQUE: {guide}   {kind}", font=regular, size=size)
        y += 10
    for c in x["containers"]:
        s.text(L + 4, y, f"CONTENEDOR: {c}", font=regular, size=size)
        y += 10
    if x["program"]:
        s.text(L + 4, y, f"IDENTIFICADOR: IM   {x['program']}", font=regular, size=size)
        y += 10
    y += 8

    def part_header(y: float) -> float:
        s.shade(L, y - 9, R, y + 22, 0.86)
        s.text(
            L + 4,
            y,
            "SEC  FRACCION    SUBD.  VINC.  MET.  UMC   CANTIDAD UMC    UMT   CANTIDAD UMT    P.V/C   P.O/D",
            font=bold,
            size=size - 0.4,
        )
        s.text(
            L + 4,
            y + 9,
            "DESCRIPCION  /  VAL.ADU/USD   IMP.PRECIO PAG.   PRECIO UNIT.   VAL.AGREG.",
            font=bold,
            size=size - 0.4,
        )
        s.text(L + 4, y + 18, "MARCA   MODELO   CODIGO PRODUCTO", font=bold, size=size - 0.4)
        return y + 34

    s.centre((L + R) / 2, y, "PARTIDAS", font=bold, size=size + 0.6)
    y = part_header(y + 14)
    bottom = s.height - 48
    for ln in lines:
        desc = wrap(ln["description"], R - L - 40, font=regular, size=size)
        h = 10 * (3 + len(desc)) + 6
        if y + h > bottom:
            s.new_page()
            y = part_header(head())
        first_line = (
            f"{ln['sequence']:<4} {ln['tariff_code']}   {ln['nico']}     0      1      {ln['umc']}     "
            f"{ln['umc_quantity']:.3f}       {ln['umt']}     {ln['umt_quantity']:.3f}       "
            f"{ln['seller_buyer_country']}     {ln['origin_destination_country']}"
        )
        s.text(L + 4, y, first_line, font=regular, size=size)
        y += 10
        for part in desc:
            s.text(L + 22, y, part, font=regular, size=size)
            y += 10
        adu = f"{ln['customs_value_mxn']:.2f}" if export else f"{ln['customs_value_mxn']:.0f}"
        values = f"{adu}       {ln['paid_price_mxn']:.0f}       {ln['unit_price']:.5f}       {ln['value_added']:.0f}"
        s.text(L + 22, y, values, font=regular, size=size)
        y += 10
        s.text(L + 22, y, f"S/M      S/M      {ln['part_number']}", font=regular, size=size)
        y += 6
        s.hline(L, R, y, 0.3)
        y += 10
    if y + 16 > bottom:
        s.new_page()
        y = head()
    s.text(
        L + 4,
        y + 6,
        f"****** FIN DE PEDIMENTO ****** NUM. TOTAL DE PARTIDAS: {f['partida_count']} ****** "
        f"CLAVE PREVALIDADOR: {x['prevalidador']} ******",
        font=bold,
        size=size - 0.4,
    )
    s.save()
    return s.page


def _coefficients(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """The eight coefficients PIL's perspective transform takes: for each output pixel (in ``dst``'s frame), the
    input pixel (in ``src``'s frame)."""
    rows = []
    rhs = []
    for (xd, yd), (xs, ys) in zip(dst, src, strict=True):
        rows.append([xd, yd, 1, 0, 0, 0, -xs * xd, -xs * yd])
        rows.append([0, 0, 0, xd, yd, 1, -ys * xd, -ys * yd])
        rhs += [xs, ys]
    solved = np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float))
    return [float(v) for v in solved]


def _photograph(page: Image.Image, rng: random.Random) -> Image.Image:
    """The sheet lying on a desk as a phone sees it: a trapezoid, turned a little, in uneven light."""
    w, h = page.size
    out_w, out_h = int(w * 1.12), int(w * 1.12 * 4 / 3)
    top_inset = rng.uniform(0.03, 0.07) * out_w
    side = rng.choice([-1, 1]) * rng.uniform(0.0, 0.02) * out_w
    margin_y = rng.uniform(0.03, 0.06) * out_h
    near = rng.uniform(0.02, 0.04) * out_w
    corners = [
        (top_inset + side, margin_y),
        (out_w - top_inset + side, margin_y + rng.uniform(-6, 6)),
        (out_w - near, out_h - margin_y),
        (near, out_h - margin_y + rng.uniform(-6, 6)),
    ]
    coeffs = _coefficients(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    desk = rng.choice([(92, 70, 52), (58, 60, 66), (150, 140, 120)])
    background = Image.new("RGB", (out_w, out_h), desk)
    mask = Image.new("L", (w, h), 255).transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    warped = page.convert("RGB").transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=desk
    )
    background.paste(warped, (0, 0), mask)
    background = background.rotate(rng.uniform(-3.0, 3.0), resample=Image.Resampling.BICUBIC, fillcolor=desk)
    pixels = np.asarray(background, dtype=np.float32)
    yy, xx = np.mgrid[0:out_h, 0:out_w]
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx / out_w + np.sin(angle) * yy / out_h + 1.5) / 3.0
    light = 0.72 + 0.3 * ramp
    tint = np.array([1.0, 0.97, 0.9]) if rng.random() < 0.6 else np.array([0.95, 0.98, 1.0])
    pixels = pixels * light[..., None] * tint
    generator = np.random.default_rng(rng.randint(0, 2**32 - 1))
    pixels += generator.normal(0.0, 5.0, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="RGB")
    return image.filter(ImageFilter.GaussianBlur(radius=0.7))


def _fotografia(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        printed = Path(tmp) / "printed.pdf"
        count = _sheet(truth, printed, rng, pages)
        if not pages:
            return count  # a first drawing only counts the pages
        pdf = pdfium.PdfDocument(str(printed))
        try:
            images = [pdf[k].render(scale=2.0).to_pil() for k in range(len(pdf))]
        finally:
            pdf.close()
    size = (612.0, 816.0)  # a phone photo's 3:4
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    canvas.setTitle("WhatsApp Image")
    canvas.setAuthor("synthetic")
    for image in images:
        photo = _photograph(image, rng)
        buffer = io.BytesIO()
        photo.save(buffer, "JPEG", quality=72)
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 0, 0, width=size[0], height=size[1])
        canvas.showPage()
    canvas.save()
    return count


# --------------------------------------------------------------------------------------------------------
# relacionpartes


def _relacion(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.2
    L, R = 26.0, s.width - 26.0
    W = R - L
    bottom = s.height - 40
    sep = rng.random() < 0.5
    reference = f"{rng.choice(['A', 'I', 'E'])}{rng.randint(10, 99)}-{rng.randint(1000, 99999)}"
    user = f"CAPTURA{rng.randint(1, 9)}"

    def num(v: float, d: int = 0) -> str:
        return f"{v:,.{d}f}" if sep else f"{v:.{d}f}"

    def head() -> float:
        s.text(L, 26, x["broker"][0], font=bold, size=9)
        s.text(L, 35, f"Referencia: {reference}    Usuario: {user}", font=regular, size=6)
        s.right(R, 26, "PEDIMENTO" if s.page == 1 else "ANEXO DEL PEDIMENTO", font=bold, size=10)
        s.right(R, 35, f"Pag. {s.page}/{pages}", font=regular, size=6.5)
        s.hline(L, R, 39, 0.8)
        if s.page == 1:
            return 52.0
        s.text(L, 50, f"NUM. PEDIMENTO: {spaced(f['pedimento_number'])}", font=bold, size=size)
        s.text(L + 240, 50, f"T. OPER: {f['operation_type']}  CVE. PEDIMENTO: {f['clave']}", font=bold, size=size)
        s.text(L + 420, 50, f"CLAVE EN EL RFC: {f['importer_exporter_rfc']}", font=regular, size=size - 0.6)
        s.hline(L, R, 55, 0.4)
        return 68.0

    y = head()
    first = ("FECHA PRESENTACION:", f["presentation_date"]) if export else ("FECHA ENTRADA:", f["entry_date"])
    code = x["transport_code"]
    rows = [
        ("NUM. PEDIMENTO:", spaced(f["pedimento_number"])),
        ("T. OPER:", f["operation_type"]),
        ("CVE. PEDIMENTO:", f["clave"]),
        ("REGIMEN:", f["regimen"]),
        ("CERT.ORIGEN:", "0"),
        ("DESTINO/ORIGEN:", x["destino"]),
        ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
        ("PESO BRUTO:", num(f["gross_weight_kg"], 3)),
        ("ADUANA E/S:", f["customs_office"]),
        ("ENTRADA/SALIDA:", code),
        ("ARRIBO:", code),
        ("SALIDA:", code),
        ("VALOR DOLARES:", num(f["usd_value"], 2)),
        ("VALOR ADUANA:", num(f["customs_value_mxn"])),
        ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"])),
        (first[0], _dmy(first[1])),
        ("FECHA PAGO:", _dmy(f["payment_date"])),
        ("PATENTE:", f["patente"]),
    ]
    for k, (label, value) in enumerate(rows):
        cx = L + (W / 3) * (k % 3)
        yy = y + 10 * (k // 3)
        end = s.text(cx, yy, label, font=bold, size=size - 0.5)
        s.text(end + 4, yy, value, font=regular, size=size)
    y += 10 * ((len(rows) + 2) // 3) + 4
    s.text(L, y, "DATOS DEL IMPORTADOR/EXPORTADOR", font=bold, size=size)
    y += 10
    s.text(L, y, f"CLAVE EN EL RFC: {f['importer_exporter_rfc']}", font=regular, size=size)
    s.text(L + 200, y, "CURP:", font=regular, size=size)
    y += 10
    s.text(L, y, f"NOMBRE, DENOMINACION O RAZON SOCIAL: {f['importer_exporter_name']}", font=regular, size=size)
    y += 10
    s.text(L, y, f"DOMICILIO: {x['importer_address']}", font=regular, size=size - 0.5)
    y += 14
    for inv in x["invoices"]:
        s.text(L, y, f"NUM. CFDI O DOCUMENTO EQUIVALENTE: {inv['number']}", font=regular, size=size)
        s.text(L + 290, y, f"FECHA: {_dmy(str(inv['date']))}  INCOTERM: {inv['incoterm']}", font=regular, size=size)
        s.text(L + 440, y, f"COVE: {inv['cove']}", font=regular, size=size)
        y += 10
    for guide, kind in x["guides"]:
        s.text(L, y, f"NUMERO (GUIA/ORDEN EMBARQUE)/ID: {guide}   {kind}", font=regular, size=size)
        y += 10
    for c in x["containers"]:
        s.text(L, y, f"NUMERO/TIPO CONTENEDOR: {c}   {rng.choice(['5', '6', '8'])}", font=regular, size=size)
        y += 10
    y += 4
    idents: list[tuple[str, str, str]] = []
    if x["program"]:
        idents.append(("IM", x["program"], ""))
    for _ in range(rng.choice([1, 2, 3])):
        idents.append(("ED", f"0{rng.randint(100, 999)}{rng.randint(20, 25)}{rng.randint(10000, 99999)}ABC", ""))
    idents.append(("EC", "1", ""))
    s.shade(L, y - 8, R, y + 3, 0.86)
    s.text(L + 2, y, "IDENTIFICADORES (NIVEL PEDIMENTO)", font=bold, size=size)
    s.text(L + 230, y, "CLAVE     COMPLEMENTO 1          COMPLEMENTO 2", font=bold, size=size - 0.6)
    y += 11
    for key, c1, c2 in idents:
        s.text(L + 230, y, key, font=regular, size=size)
        s.text(L + 270, y, c1, font=regular, size=size)
        s.text(L + 370, y, c2, font=regular, size=size)
        y += 9
    y += 8

    def part_header(y: float) -> float:
        s.hline(L, R, y - 9, 0.6)
        s.text(
            L,
            y,
            "SEC  FRACCION   SUBD.  VINC.  MET VAL  UMC   CANTIDAD UMC   UMT   CANTIDAD UMT   P.V/C  P.O/D",
            font=bold,
            size=size - 0.3,
        )
        s.text(L, y + 9, "     DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", font=bold, size=size - 0.3)
        s.text(
            L, y + 18, "     VAL ADU/USD    IMP. PRECIO PAG.    PRECIO UNIT.    VAL. AGREG.", font=bold, size=size - 0.3
        )
        s.text(L, y + 27, "     IDENTIF.   COMPLEMENTO 1   COMPLEMENTO 2", font=bold, size=size - 0.3)
        s.hline(L, R, y + 31, 0.6)
        return y + 42

    if y + 90 > bottom:
        s.new_page()
        y = head()
    y = part_header(y)
    for ln in lines:
        desc = wrap(ln["description"], W - 40, font=regular, size=size)
        pidents = [("EC", "1", "")]
        if ln["origin_destination_country"] in ("USA", "CAN"):
            pidents.append(("TL", ln["origin_destination_country"], ""))
        if rng.random() < 0.4:
            pidents.append(("PS", f"{rng.randint(100000, 999999)}", ""))
        h = 9 * (2 + len(desc) + len(pidents)) + 6
        if y + h > bottom:
            s.new_page()
            y = part_header(head())
        s.text(
            L,
            y,
            f"{ln['sequence']:<5}{ln['tariff_code']}   {ln['nico']}     0      1        {ln['umc']}     "
            f"{num(ln['umc_quantity'], 3)}      {ln['umt']}     {num(ln['umt_quantity'], 3)}      "
            f"{ln['seller_buyer_country']}    {ln['origin_destination_country']}",
            font=regular,
            size=size,
        )
        y += 9
        for part in desc:
            s.text(L + 20, y, part, font=regular, size=size)
            y += 9
        adu = num(ln["customs_value_mxn"], 2) if export else num(ln["customs_value_mxn"])
        s.text(
            L + 20,
            y,
            f"{adu}        {num(ln['paid_price_mxn'])}        {ln['unit_price']:.5f}        {num(ln['value_added'])}",
            font=regular,
            size=size,
        )
        y += 9
        for key, c1, c2 in pidents:
            s.text(L + 20, y, f"{key:<8}{c1:<16}{c2}", font=regular, size=size - 0.4)
            y += 9
        y += 5
    if y + 14 > bottom:
        s.new_page()
        y = head()
    s.text(
        L,
        y + 2,
        f"******* FIN DE PEDIMENTO ******* NUM. TOTAL DE PARTIDAS: {f['partida_count']} ******* "
        f"CLAVE PREVALIDADOR: {x['prevalidador']} *******",
        font=bold,
        size=size,
    )
    y += 22
    # the broker's relation of part numbers, sorted by part number
    cols = [
        ("FACTURA", 0.0, "l"),
        ("SEC.", 0.17, "r"),
        ("NUM. PARTE", 0.2, "l"),
        ("DESCRIPCION COMERCIAL", 0.35, "l"),
        ("CANTIDAD", 0.88, "r"),
        ("UMC", 0.9, "l"),
    ]

    def rel_header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.82)
        s.text(L + 2, y, "RELACION DE NUMEROS DE PARTE", font=bold, size=size)
        y += 13
        for label, dx, align in cols:
            (s.right if align == "r" else s.text)(L + W * dx + 2, y, label, font=bold, size=size - 0.5)
        s.hline(L, R, y + 3, 0.4)
        return y + 12

    if y + 50 > bottom:
        s.new_page()
        y = head()
    y = rel_header(y)
    invoices = [str(inv["number"]) for inv in x["invoices"]]
    for ln in sorted(lines, key=lambda item: str(item["part_number"])):
        desc = wrap(str(ln["description"]).title(), W * 0.5, font=regular, size=size - 0.3)[:2]
        h = 9 * len(desc) + 2
        if y + h > bottom:
            s.new_page()
            y = rel_header(head())
        cells = [
            invoices[(int(ln["sequence"]) - 1) % len(invoices)],
            str(ln["sequence"]),
            str(ln["part_number"]),
            None,
            num(ln["umc_quantity"], 3),
            ln["umc"],
        ]
        for (_label, dx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + W * dx + 2, y + 9 * j, part, font=regular, size=size - 0.3)
            else:
                (s.right if align == "r" else s.text)(L + W * dx + 2, y, text, font=regular, size=size - 0.3)
        y += h
    s.save()
    return s.page
