"""Small files made on the fly for intake and fault tests (the realistic documents come from tests/synth)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image


def text_pdf(
    path: Path,
    lines: list[str] | None = None,
    *,
    pages: int = 1,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    encrypt = None
    if user_password is not None or owner_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(user_password or "", ownerPassword=owner_password or "owner-secret")
    c = canvas.Canvas(str(path), pagesize=letter, encrypt=encrypt)
    for n in range(pages):
        y = 720
        for line in lines or [
            f"FACTURA COMERCIAL / COMMERCIAL INVOICE page {n + 1}",
            "Invoice No. INV-2024-0001",
        ]:
            c.drawString(72, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def png_bytes(width: int = 400, height: int = 200, color: str = "white") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, format="PNG")
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
