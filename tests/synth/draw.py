"""A thin top-down drawing surface over reportlab, and the number formats printed on customs documents."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
MONO = "Courier"


class Sheet:
    """A PDF being drawn with y measured from the top of the page (as the extraction contract's boxes)."""

    def __init__(self, path: Path, *, wide: bool = False, title: str = "") -> None:
        self.size = landscape(letter) if wide else letter
        self.width, self.height = self.size
        self.canvas = Canvas(str(path), pagesize=self.size, invariant=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("synthetic")
        self.page = 1

    def text(self, x: float, y: float, text: str, *, font: str = REGULAR, size: float = 7.5) -> float:
        """Draw ``text`` with its baseline at ``y`` from the top; returns the x where it ends."""
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, self.height - y, text)
        return x + stringWidth(text, font, size)

    def right(self, x: float, y: float, text: str, *, font: str = REGULAR, size: float = 7.5) -> None:
        """Draw ``text`` right-aligned at ``x``."""
        self.canvas.setFont(font, size)
        self.canvas.drawRightString(x, self.height - y, text)

    def centre(self, x: float, y: float, text: str, *, font: str = REGULAR, size: float = 7.5) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawCentredString(x, self.height - y, text)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - y, x1, self.height - y)

    def vline(self, x: float, y0: float, y1: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x, self.height - y0, x, self.height - y1)

    def box(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(x0, self.height - y1, x1 - x0, y1 - y0)

    def shade(self, x0: float, y0: float, x1: float, y1: float, grey: float = 0.88) -> None:
        self.canvas.setFillGray(grey)
        self.canvas.rect(x0, self.height - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
        self.canvas.setFillGray(0)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1

    def save(self) -> None:
        self.canvas.save()


def wrap(text: str, width: float, *, font: str = REGULAR, size: float = 7.5) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` points."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def money(value: float, decimals: int = 0) -> str:
    """``1,234,567`` or ``1,234.56``."""
    return f"{value:,.{decimals}f}"


def plain(value: float, decimals: int) -> str:
    """``1234.567`` (no thousands separator)."""
    return f"{value:.{decimals}f}"


def dmy(iso: str, sep: str = "/") -> str:
    """``2024-03-12`` → ``12/03/2024``."""
    y, m, d = iso.split("-")
    return f"{d}{sep}{m}{sep}{y}"


MONTHS_ES = ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_EN_LONG = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def dmy_es(iso: str) -> str:
    """``2024-03-12`` → ``12-MAR-2024``."""
    y, m, d = iso.split("-")
    return f"{d}-{MONTHS_ES[int(m) - 1]}-{y}"


def mdy_en(iso: str) -> str:
    """``2024-03-12`` → ``March 12, 2024``."""
    y, m, d = iso.split("-")
    return f"{MONTHS_EN_LONG[int(m) - 1]} {int(d)}, {y}"


def dmy_en(iso: str) -> str:
    """``2024-03-12`` → ``12-Mar-2024``."""
    y, m, d = iso.split("-")
    return f"{d}-{MONTHS_EN[int(m) - 1]}-{y}"


def qty(value: float) -> str:
    """A quantity as pedimentos print it: three decimals, no separators."""
    return f"{value:.3f}"
