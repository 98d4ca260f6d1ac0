"""A pedimento printed once per party in one file (the carrier's copy, then the importer's, each complete with its
header, partidas and FIN line) is one pedimento; a long label printed over the start of its value still has that
value; a "por factura" report's invoice bands and group subtotals among the partidas are no partidas' words. Text
layers of my own, on the form's legend of destination (Anexo 1 RGCE: each printed copy names the party that carries
or keeps it) and broker systems' reports of the partidas by invoice."""

from __future__ import annotations

from extractors.layout import group_lines
from extractors.pedimento import extract_pedimento
from extractors.pedimento.partidas import _partida_noise
from extractors.text import Word
from tests.unit.test_pedimento_real_formats import Row, _fields, _fin, _lines, _review
from tests.unit.test_pedimento_real_formats_more import COLUMNS, HEADER, _doc, _first_line


def _partidas(second_value: str = "36,000") -> list[Row]:
    return [
        _first_line("1", "85411001", "00", "6", "1,500", "3.000", "2880"),
        [(44, "DIODOS")],
        [(44, "18,000"), (120, "18,000"), (206, "12.00000"), (300, "0")],
        _first_line("2", "85322401", "00", "6", "3,000", "2.000", "5760"),
        [(44, "CAPACITORES")],
        [(44, second_value), (120, "36,000"), (206, "12.00000"), (300, "0")],
    ]


def _copy(legend: str, header: list[Row] = HEADER, second_value: str = "36,000") -> list[Row]:
    return [*header, *COLUMNS, *_partidas(second_value), _fin("2"), [(240, "COPIA"), (270, legend)]]


def test_the_importers_copy_after_the_carriers_adds_no_partida() -> None:
    b = extract_pedimento(_doc([_copy("TRANSPORTISTA"), _copy("IMPORTADOR")]))
    assert _fields(b)["partida_count"] == 2
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2]
    assert [ln["description"] for ln in lines] == ["DIODOS", "CAPACITORES"]
    assert not any(w["code"] == "copy_disagrees" for w in b.warnings)
    assert not _review(b)


def test_a_later_copy_whose_partida_differs_is_warned_of_and_the_first_stands() -> None:
    b = extract_pedimento(_doc([_copy("TRANSPORTISTA"), _copy("IMPORTADOR", second_value="36,500")]))
    lines = _lines(b)
    assert [ln["customs_value_mxn"] for ln in lines] == [18000.0, 36000.0]
    assert any(w["code"] == "copy_disagrees" and "partida 2" in w["message"] for w in b.warnings)
    assert _review(b)


def test_a_later_copy_whose_header_differs_is_warned_of_and_the_first_stands() -> None:
    other = [list(row) for row in HEADER]
    other[1] = [(x, "951.000" if text == "950.000" else text) for x, text in other[1]]
    b = extract_pedimento(_doc([_copy("TRANSPORTISTA"), _copy("IMPORTADOR", header=other)]))
    assert _fields(b)["gross_weight_kg"] == 950.0
    assert len(_lines(b)) == 2
    assert any(
        w["code"] == "copy_disagrees" and w.get("field") == "gross_weight_kg" and "PESO BRUTO" in w["message"]
        for w in b.warnings
    )
    assert _review(b)


def test_a_long_label_printed_over_the_start_of_its_value() -> None:
    # the values' column starts before PRECIO PAGADO/VALOR COMERCIAL: ends: the label runs into its value
    header = [list(row) for row in HEADER]
    for k in (2, 3, 4):
        header[k] = [(x if x < 140 else 145, text) for x, text in header[k]]
    rows = [*header, *COLUMNS, *_partidas(), _fin("2")]
    doc = _doc([rows])
    # the figures' box a little higher than the label's letters: the overlapping value sorts as the line above
    label_top = next(w.top for w in doc.pages[0].words if w.text == "COMERCIAL:")
    for w in doc.pages[0].words:
        if w.text == "54,000" and w.top == label_top:
            w.top, w.bottom = w.top - 0.2, w.bottom - 0.2
    b = extract_pedimento(doc)
    fields = _fields(b)
    assert (fields["usd_value"], fields["customs_value_mxn"]) == (3000.0, 54000)
    assert fields["commercial_value_mxn"] == 54000
    assert not _review(b)


def test_a_sec_misread_in_the_first_copy_still_tells_the_later_copy_apart() -> None:
    # OCR read the first copy's SEC 2 as 5: the run is still the first copy's two partidas, the copy after it
    # adds none, and the SEC out of order sends the reading to review
    first = _copy("TRANSPORTISTA")
    second_row = next(k for k, row in enumerate(first) if row and row[0] == (24, "2"))
    first[second_row] = [(24, "5"), *first[second_row][1:]]
    b = extract_pedimento(_doc([first, _copy("IMPORTADOR")]))
    assert [ln["description"] for ln in _lines(b)] == ["DIODOS", "CAPACITORES"]
    assert _review(b)


def test_two_copies_of_a_pedimento_of_one_partida() -> None:
    rows = [*HEADER, *COLUMNS, *_partidas()[:3]]
    rows[rows.index(HEADER[3])] = [(24, "VALOR"), (52, "ADUANA:"), (200, "18,000")]
    copy = [*rows, _fin("1")]
    b = extract_pedimento(_doc([copy, copy]))
    assert [ln["description"] for ln in _lines(b)] == ["DIODOS"]
    assert not any(w["code"] in ("copy_disagrees", "partida_count") for w in b.warnings)


def _band(number: str) -> Row:
    words = ["FACTURA", number, "FECHA", "22/08/2025", "INCOTERM", "FOB", "MONEDA", "USD", "VALOR", "USD", "1,000.00"]
    return [(24 + 40 * k, word) for k, word in enumerate([*words, "COVE", "COVEQ1T06YW80"][:12])]


def test_partidas_grouped_under_invoice_bands_with_subtotal_lines() -> None:
    # a "pedimento por factura" report: each invoice's band over its partidas, a subtotal line closing the group;
    # the second invoice's band heads page 2, under the column header, right after the first group's subtotal
    subtotal = [(200, "SUBTOTAL"), (240, "FACTURA"), (276, "A-1:"), (300, "PARTIDAS"), (340, "1"), (360, "VAL.ADU")]
    partidas = _partidas()
    first = [*HEADER, *COLUMNS, _band("A-1"), *partidas[:3], [*subtotal, (400, "18,000")]]
    second = [*COLUMNS, _band("B-2"), *partidas[3:], [*subtotal, (400, "36,000")], _fin("2")]
    b = extract_pedimento(_doc([first, second]))
    lines = _lines(b)
    assert [ln["description"] for ln in lines] == ["DIODOS", "CAPACITORES"]
    assert [ln["customs_value_mxn"] for ln in lines] == [18000.0, 36000.0]
    assert not _review(b)


def test_an_invoice_band_and_a_group_subtotal_are_no_partidas_words() -> None:
    def verdict(row: Row) -> str | None:
        return _partida_noise(group_lines([Word(t, x, 100, x + 4.2 * len(t), 107, 1.0) for x, t in row])[0])

    assert verdict(_band("9175341")) == "skip"
    # as OCR glues a label to its value on a scan
    assert verdict([(24, "FACTURA"), (64, "9175341"), (110, "INCOTERMEXW"), (170, "COVE1CVF0959J")]) == "skip"
    assert verdict([(200, "SUBTOTAL"), (240, "FACTURA"), (276, "9175341:"), (320, "PARTIDAS"), (360, "13")]) == "skip"
    # a partida's own reference to its invoice is left to the partida
    assert verdict([(44, "FACTURA"), (84, "FX-2025-0117"), (144, "PARTIDA"), (180, "2")]) is None


def test_the_two_country_headings_run_together_by_ocr() -> None:
    # OCR ran P.V/C and P.O/D into one word (reading the C as IC): split at the second heading, each country column
    # keeps its own, and neither country runs into the description
    columns = [list(row) for row in COLUMNS]
    columns[1] = [(x, text) for x, text in columns[1] if text not in ("P.V/C", "P.O/D")] + [(372, "P.V/ICP.O/D")]
    rows = [*HEADER, *columns, *_partidas(), _fin("2")]
    lines = _lines(extract_pedimento(_doc([rows])))
    assert [(ln["seller_buyer_country"], ln["origin_destination_country"]) for ln in lines] == [("USA", "CHN")] * 2
    assert [ln["description"] for ln in lines] == ["DIODOS", "CAPACITORES"]
