"""Label → value by position, tables from word positions, and the value parsers (``extractors.layout``)."""

from __future__ import annotations

import math

import pytest

from extractors.layout import (
    PageLayout,
    TableSpec,
    find_labels,
    find_value,
    group_lines,
    layouts,
    norm,
    parse_country,
    parse_date,
    parse_int,
    parse_number,
    parse_pedimento,
    parse_rfc,
    parse_text,
    read_table,
    skew_angle,
)
from extractors.text import PageText, Word

CHAR = 4.2  # points per character at about 8 pt
SPACE = 2.2  # a space between words at 8 pt


def word(text: str, x0: float, top: float, confidence: float = 1.0, size: float = 8.0) -> Word:
    return Word(text, x0, top, x0 + len(text) * CHAR * size / 8, top + size, confidence)


def row(top: float, *cells: tuple[float, str], confidence: float = 1.0) -> list[Word]:
    """Words of one printed line: each cell's text split on spaces, words placed left to right."""
    out = []
    for x0, text in cells:
        x = x0
        for part in text.split():
            out.append(word(part, x, top, confidence))
            x += len(part) * CHAR + SPACE
    return out


def page(*rows: list[Word], number: int = 1, width: float = 612.0, ocr: bool = False) -> PageText:
    words = [w for r in rows for w in r]
    text = "\n".join(" ".join(w.text for w in r) for r in rows)
    return PageText(number, text, words, "ocr" if ocr else "text_layer", None, width, 792.0, 0)


def test_norm_ignores_case_accents_and_punctuation() -> None:
    assert norm("Cve. Pedimento:") == norm("CVE PEDIMENTO") == "CVEPEDIMENTO"
    assert norm("Régimen") == "REGIMEN"
    assert norm("P. V/C") == "PVC"


def test_words_on_a_drifting_baseline_stay_one_line() -> None:
    words = [word(f"w{i}", 40 + 60 * i, 100 + 0.9 * i) for i in range(9)]  # 8 pt of drift across the page
    words += [word("below", 40, 112)]
    lines = group_lines(words)
    assert [len(line.words) for line in lines] == [9, 1]


def test_a_skewed_scan_is_straightened_before_lines_are_read() -> None:
    angle = math.radians(0.8)
    rows = []
    for r in range(6):
        rows.append(
            [word(f"r{r}c{c}", 40 + 70 * c, 100 + 14 * r + (40 + 70 * c) * math.tan(angle), 0.9) for c in range(7)]
        )
    pg = page(*rows, ocr=True)
    straight = PageLayout.of(pg)
    assert skew_angle(group_lines(pg.words), 612) == pytest.approx(angle, abs=0.002)
    assert [len(line.words) for line in straight.lines] == [7] * 6
    assert [w.text for w in straight.lines[2].words][:3] == ["r2c0", "r2c1", "r2c2"]


LABELS = {
    "clave": ["CVE. PEDIMENTO", "CLAVE DE PEDIMENTO"],
    "rate": ["TIPO CAMBIO", "TIPO DE CAMBIO"],
    "umc_qty": ["CANTIDAD UMC"],
    "umt_qty": ["CANTIDAD UMT"],
    "weight": ["PESO BRUTO"],
    "name": ["RAZON SOCIAL"],
}


def test_labels_are_found_however_they_are_punctuated_or_glued() -> None:
    pg = page(row(100, (40, "Cve.Pedimento: IN"), (200, "TIPO DE CAMBIO 17.0520")))
    hits = find_labels(PageLayout.of(pg), LABELS)
    assert [h.key for h in hits] == ["clave", "rate"]


def test_an_exact_label_wins_over_one_an_edit_away() -> None:
    pg = page(row(100, (40, "CANTIDAD UMC"), (200, "CANTIDAD UMT"), confidence=0.9), ocr=True)
    assert [h.key for h in find_labels(PageLayout.of(pg), LABELS)] == ["umc_qty", "umt_qty"]


def test_ocr_misreadings_of_labels_match_only_on_scanned_pages() -> None:
    misread = row(100, (40, "PES0 BRUT0: 1,234.5"), confidence=0.8)
    assert [h.key for h in find_labels(PageLayout.of(page(misread, ocr=True)), LABELS)] == ["weight"]
    clean = row(100, (40, "PES0 BRUT0: 1,234.5"))
    assert find_labels(PageLayout.of(page(clean)), LABELS) == []


def test_value_right_of_its_label_stops_at_the_next_label() -> None:
    pg = layouts([page(row(100, (40, "TIPO CAMBIO: 17.05200"), (200, "PESO BRUTO: 1,234.560 KG")))])
    hits = find_labels(pg[0], LABELS)
    rate = find_value(pg, hits, "rate", parse_number)
    weight = find_value(pg, hits, "weight", parse_number)
    assert rate is not None and rate.value == pytest.approx(17.052)
    assert weight is not None and weight.value == pytest.approx(1234.56)
    assert rate.bbox[0] > hits[0].x1 and rate.raw == "17.05200"


def test_value_in_the_box_below_its_label() -> None:
    pg = layouts(
        [
            page(
                row(100, (40, "TIPO DE CAMBIO"), (200, "RAZON SOCIAL")),
                row(112, (40, "19.8821"), (200, "ACME S.A. DE C.V.")),
            )
        ]
    )
    hits = find_labels(pg[0], LABELS)
    assert find_value(pg, hits, "rate", parse_number).value == pytest.approx(19.8821)  # type: ignore[union-attr]
    name = find_value(pg, hits, "name", parse_text)
    assert name is not None and name.value == "ACME S.A. DE C.V." and name.page == 1


def test_no_value_is_taken_from_under_another_label() -> None:
    pg = layouts([page(row(100, (40, "RAZON SOCIAL")), row(112, (40, "TIPO CAMBIO 17.1")))])
    assert find_value(pg, find_labels(pg[0], LABELS), "name", parse_text) is None


def test_confidence_is_ocr_confidence_times_rule_certainty() -> None:
    pg = layouts([page(row(100, (40, "TIPO CAMBIO 17.1"), confidence=0.8), ocr=True)])
    found = find_value(pg, find_labels(pg[0], LABELS), "rate", parse_number)
    assert found is not None and found.confidence == pytest.approx(0.8 * 0.97)


SPEC = TableSpec(
    columns={
        "seq": ["SEC"],
        "code": ["FRACCION"],
        "qty": ["CANTIDAD"],
        "desc": ["DESCRIPCION"],
        "value": ["VALOR"],
        "part": ["PARTE"],
    },
    anchor="seq",
    anchor_test=lambda text: text.isdigit(),
    min_header=3,
    stop=["TOTAL DE PARTIDAS"],
    free_text="desc",
    row_types={
        "seq": str.isdigit,
        "code": lambda t: t.replace(".", "").isdigit(),
        "qty": lambda t: parse_number(t) is not None,
        "value": lambda t: parse_number(t) is not None,
        "part": lambda t: any(c.isdigit() for c in t),
    },
)


def _two_row_header(top: float) -> list[list[Word]]:
    return [
        row(top, (40, "SEC"), (70, "FRACCION"), (160, "CANTIDAD")),
        row(top + 10, (70, "DESCRIPCION"), (300, "VALOR"), (400, "PARTE")),
    ]


def test_multi_line_records_across_pages_with_the_header_repeated() -> None:
    first = page(
        *_two_row_header(100),
        row(125, (40, "1"), (70, "8542.39.99"), (160, "1,500.000")),
        row(135, (70, "CIRCUITO INTEGRADO MONOLITICO PARA TARJETA ELECTRONICA"), (300, "12,345"), (400, "PN-1")),
        row(145, (70, "DE CONTROL")),
        row(160, (40, "2"), (70, "7318.15.99"), (160, "20.000")),
        number=1,
    )
    second = page(
        row(60, (40, "ANEXO DEL PEDIMENTO")),
        *_two_row_header(80),
        row(105, (70, "TORNILLO DE ACERO"), (300, "99"), (400, "PN-2")),  # partida 2 continues here
        row(120, (40, "3"), (70, "3926.90.99"), (160, "7.000")),
        row(130, (70, "PIEZA DE PLASTICO"), (300, "1,000"), (400, "PN-3")),
        row(150, (40, "TOTAL DE PARTIDAS: 3")),
        row(162, (40, "9"), (70, "NOT A PARTIDA")),
        number=2,
    )
    consumed: set[tuple[int, int]] = set()
    records = read_table(layouts([first, second]), SPEC, consumed=consumed)
    assert [r.text("seq") for r in records] == ["1", "2", "3"]
    assert records[0].text("desc") == "CIRCUITO INTEGRADO MONOLITICO PARA TARJETA ELECTRONICA DE CONTROL"
    assert records[0].text("value") == "12,345" and records[0].text("part") == "PN-1"
    assert records[1].text("desc") == "TORNILLO DE ACERO" and records[1].text("value") == "99"
    assert records[2].cells["value"].page == 2
    assert (1, 2) in consumed and (2, 6) not in consumed  # a record line is consumed, the line after the stop not


def test_a_wide_column_under_a_short_label_keeps_its_words() -> None:
    """DESCRIPCIÓN is short but its column is wide: the border sits in the blank gutter, not at the midpoint."""
    spec = TableSpec(
        columns={"seq": ["SEC"], "desc": ["DESCRIPCION"], "umc": ["UMC"], "qty": ["CANT"]},
        anchor="seq",
        anchor_test=str.isdigit,
        free_text="desc",
    )
    pg = page(
        row(100, (40, "SEC"), (60, "DESCRIPCION"), (300, "UMC"), (330, "CANT")),
        row(115, (40, "1"), (60, "CINTA ADHESIVA DE PLASTICO EN ROLLOS DE 50 MM"), (300, "6"), (330, "466.000")),
        row(127, (40, "2"), (60, "CAJA"), (300, "6"), (330, "12.000")),
    )
    records = read_table(layouts([pg]), spec)
    assert records[0].text("desc") == "CINTA ADHESIVA DE PLASTICO EN ROLLOS DE 50 MM"
    assert records[0].text("umc") == "6" and records[0].text("qty") == "466.000"


@pytest.mark.parametrize(
    "printed",
    ["24  47  3445  4001234", "24 47 3445 4001234", "24-47-3445-4001234", "244734454001234", "Ped. 24 47 3445 4OO1234"]
    + ["24 47 3445 .4001234"],  # a speck of a dot leader between two groups
)
def test_pedimento_numbers_printed_every_way(printed: str) -> None:
    parsed = parse_pedimento(printed)
    assert parsed is not None and parsed[0] == "244734454001234"


def test_numbers_dates_countries_and_rfcs() -> None:
    assert parse_number("$ 1,234,567.89 MXN")[0] == pytest.approx(1234567.89)  # type: ignore[index]
    assert parse_number("1O,500")[0] == 10500  # type: ignore[index]
    assert parse_number("N/A") is None
    assert parse_int("14 partidas")[0] == 14  # type: ignore[index]
    assert parse_date("PAGO 03/04/2024")[0] == "2024-04-03"  # type: ignore[index]
    assert parse_date("02-ABR-2024")[0] == "2024-04-02"  # type: ignore[index]
    assert parse_country("CHN")[0] == "CHN"  # type: ignore[index]
    assert parse_country("Estados Unidos")[0] == "USA"  # type: ignore[index]
    assert parse_rfc("RFC: MAB9307148T4")[0] == "MAB9307148T4"  # type: ignore[index]
    assert parse_text("  : ACME S.A. DE C.V. ")[0] == "ACME S.A. DE C.V."  # type: ignore[index]


def test_ruling_lines_split_columns_the_words_leave_no_gutter_between() -> None:
    spec = TableSpec(
        columns={"seq": ["SEC"], "desc": ["DESCRIPCION"], "qty": ["CANT"]},
        anchor="seq",
        anchor_test=str.isdigit,
        free_text="desc",
        row_types={"qty": lambda t: parse_number(t) is not None},
    )
    # the description runs from 60 to 299.6 and the quantity starts at 300.4: no gutter, only the drawn rule
    description = ["CABLE", "ELECTRICO", "AISLADO", "DE", "COBRE", "SIN", "CONECTORES", "PARA", "ARNES", "AUTOMOTRIZ"]
    words, x = [], 60.0
    for text in description:
        words.append(word(text, x, 115))
        x = words[-1].x1 + SPACE
    stretch = (299.6 - 60.0) / (words[-1].x1 - 60.0)
    words = [Word(w.text, 60 + (w.x0 - 60) * stretch, w.top, 60 + (w.x1 - 60) * stretch, w.bottom, 1.0) for w in words]
    pg = page(row(100, (40, "SEC"), (60, "DESCRIPCION"), (300, "CANT")), row(115, (40, "1"), (300.4, "12.000")) + words)
    asked: list[int] = []

    def rules(page_number: int) -> list[float]:
        asked.append(page_number)
        return [36.0, 56.0, 300.0, 360.0]

    without = read_table(layouts([pg]), spec)
    assert without[0].text("qty") != "12.000"  # the midpoint between the labels cuts the description
    records = read_table(layouts([pg]), spec, rules=rules)
    assert records[0].text("desc") == " ".join(description)
    assert records[0].text("qty") == "12.000"
    assert asked == [1]
