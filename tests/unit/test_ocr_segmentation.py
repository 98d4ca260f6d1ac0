"""Which page segmentation a page is read with, and the orientation check on a page read as empty."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from extractors import ocr
from extractors.ocr import OcrResult, OcrWord, runs_in_text_columns

LINE_HEIGHT = 30
LINE_PITCH = 50


def _line(texts: list[str], left: int, top: int, key: tuple[int, int, int]) -> list[OcrWord]:
    """Words of one line from ``left``, each 15 pixels a letter and a space of 12 pixels apart."""
    words = []
    x = left
    for text in texts:
        right = x + 15 * len(text)
        words.append(OcrWord(text, x, top, right, top + LINE_HEIGHT, 0.95, key))
        x = right + 12
    return words


def _page(rows: list[list[tuple[int, list[str]]]]) -> OcrResult:
    """A page read as one column: each row's pieces (left edge, words) are one line of tesseract's."""
    words: list[OcrWord] = []
    for n, pieces in enumerate(rows):
        for left, texts in pieces:
            words += _line(texts, left, 100 + n * LINE_PITCH, (1, 1, n))
    return OcrResult(text="", words=words, confidence=0.95, width=2400, height=3300)


LEFT_PROSE = [
    "the sequencer is a tool for the working musician",
    "it is powerful yet simple to learn and use",
    "its many remarkable features include these",
    "operation is like that of a tape recorder",
    "each of the sequences holds many tracks",
    "each track may be given one of the channels",
    "and every track plays back in perfect time",
]
RIGHT_PROSE = [
    "songs are made by chaining sequences together",
    "then the whole song is copied into a new one",
    "where the last bars may repeat for a fadeout",
    "the technology should never be so complex",
    "that it stands between you and your music",
    "so the design lets you compose and record",
    "while you give your attention to the song",
]


def test_running_text_in_two_columns_is_told() -> None:
    rows = [[(100, left.split()), (1300, right.split())] for left, right in zip(LEFT_PROSE, RIGHT_PROSE, strict=True)]
    assert runs_in_text_columns(_page(rows))


def test_running_text_across_the_page_is_not_columns() -> None:
    rows = [[(100, (left + " " + right).split())] for left, right in zip(LEFT_PROSE, RIGHT_PROSE, strict=True)]
    assert not runs_in_text_columns(_page(rows))


def test_a_table_of_figures_is_not_running_text() -> None:
    rows = [
        [(100, [str(n)]), (300, ["8471.30.01"]), (700, ["PIEZA", "DE", "ACERO"]), (1400, ["0", "1", "12.50"])]
        for n in range(1, 12)
    ]
    assert not runs_in_text_columns(_page(rows))


def test_two_boxes_of_a_form_side_by_side_are_not_running_text() -> None:
    shipper = ["ACME TOOLS INC", "1200 MAIN STREET", "LAREDO TX 78040", "UNITED STATES", "TAX ID 12-3456789"]
    consignee = ["HERRAMIENTAS DEL NORTE SA", "AV INDUSTRIAL 45", "MONTERREY NL 64000", "MEXICO", "RFC HNO010101AAA"]
    rows = [[(100, a.split()), (1300, b.split())] for a, b in zip(shipper * 2, consignee * 2, strict=True)]
    assert not runs_in_text_columns(_page(rows))


def _words(text: str) -> list[str]:
    return text.split()


def test_an_invoices_boxes_over_its_table_are_not_running_text() -> None:
    rows = [
        [(100, _words("MAQUILADORA DEL NORTE S.A. DE C.V.")), (900, _words("GREAT LAKES WIRE & CABLE LLC"))],
        [(100, ["RFC", "ZLK9702198H3"]), (900, ["RFC", "XEXX010101000"])],
        [(100, _words("Regimen Fiscal 601 - General de Ley Personas Morales")), (900, _words("Num. Reg. Id. Trib."))],
        [(100, _words("Moneda: USD Tipo de cambio: 17.4750")), (900, _words("Uso del CFDI: S01 - Sin efectos"))],
        [(100, _words("Clave No. Ident. Unidad Descripcion")), (1000, _words("Valor unitario Cantidad Importe"))],
        [(100, _words("39269099 FG46502-2 H87 TABLERO ELECTRONICO DE")), (1100, ["$62.99", "692", "$43,589.08"])],
        [(100, _words("39269099 FG46502-3 H87 TABLERO ELECTRONICO DE")), (1100, ["$12.99", "69", "$896.31"])],
    ]
    assert not runs_in_text_columns(_page(rows))


def _tsv(words: list[tuple[str, int]]) -> str:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t{n}\t1\t{left}\t{100 + 50 * n}\t200\t30\t95\t{text}" for n, (text, left) in enumerate(words)]
    return "\n".join([header, *rows])


def test_a_page_in_text_columns_is_read_again_in_automatic_segmentation(monkeypatch: pytest.MonkeyPatch) -> None:
    configs: list[str] = []

    def run(image: Any, *, extension: str, lang: str, config: str, timeout: float) -> str:
        configs.append(config)
        return _tsv([("columns" if "--psm 3" in config else "one", 100)])

    monkeypatch.setattr(ocr, "run_tesseract", run)
    monkeypatch.setattr(ocr, "runs_in_text_columns", lambda result: result.words[0].text == "one")
    result = ocr.recognize(Image.new("L", (100, 100), 255), 300, "eng")
    assert [w.text for w in result.words] == ["columns"]
    assert ["--psm 4" in c for c in configs] == [True, False]


def test_a_form_is_read_once_as_one_column(monkeypatch: pytest.MonkeyPatch) -> None:
    configs: list[str] = []

    def run(image: Any, *, extension: str, lang: str, config: str, timeout: float) -> str:
        configs.append(config)
        return _tsv([("0", 100), ("1", 100)])

    monkeypatch.setattr(ocr, "run_tesseract", run)
    result = ocr.recognize(Image.new("L", (100, 100), 255), 300, "eng")
    assert [w.text for w in result.words] == ["0", "1"]
    assert len(configs) == 1 and "--psm 4" in configs[0]


def _fake_reader(monkeypatch: pytest.MonkeyPatch, osd: tuple[int, float]) -> list[int]:
    """Pages read as empty unless turned 90 degrees; returns the turns each reading was made at."""
    reads: list[int] = []

    def recognize(image: Image.Image, dpi: int, languages: str, timeout: float = 300.0) -> OcrResult:
        turned = image.getpixel((0, 0))  # the fake image carries its turn in its first pixel
        reads.append(int(turned))  # type: ignore[arg-type]
        if turned != 90:
            return OcrResult(text="", words=[], confidence=None)
        word = OcrWord("sparse", 10, 10, 200, 40, 0.9)
        return OcrResult(text="sparse", words=[word], confidence=0.9)

    monkeypatch.setattr(ocr, "recognize", recognize)
    monkeypatch.setattr(ocr, "detect_rotation", lambda image, dpi: osd)
    monkeypatch.setattr(ocr, "rotate", lambda image, angle: Image.new("L", (4, 4), angle))
    return reads


def test_a_sparse_page_read_as_empty_is_still_turned(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _fake_reader(monkeypatch, (90, 5.0))
    result = ocr.ocr_upright(Image.new("L", (4, 4), 0), 300, "eng", deskew=False)
    assert result.rotation == 90 and result.text == "sparse"
    assert reads == [0, 90]


def test_a_blank_page_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _fake_reader(monkeypatch, (0, 0.0))
    result = ocr.ocr_upright(Image.new("L", (4, 4), 0), 300, "eng", deskew=False)
    assert result.rotation == 0 and not result.words
    assert reads == [0]


def test_dark_bands_are_searched_once_a_page_however_often_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page is read as it is, asked its orientation, read turned: the band search (image work over the whole
    page) runs once, before the first reading, and every reading gets the prepared image."""
    reads = _fake_reader(monkeypatch, (90, 5.0))
    searches: list[tuple[int, int]] = []

    def dark_bands(image: Image.Image, dpi: int) -> list[Any]:
        searches.append(image.size)
        return []

    monkeypatch.setattr(ocr, "dark_bands", dark_bands)
    result = ocr.ocr_upright(Image.new("L", (4, 4), 0), 300, "eng")
    assert result.rotation == 90 and reads == [0, 90]
    assert searches == [(4, 4)]
