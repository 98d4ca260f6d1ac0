"""A scanned pedimento's header where OCR lost labels: the importer's RFC is the one printed before the partidas,
not the broker's labelled one at the end; a PATENTE read apart that disagrees with the pedimento number's is
replaced by the number's and sent to review (extractors/pedimento/__init__.py)."""

from __future__ import annotations

from extractors.pedimento import extract_pedimento
from extractors.result import needs_review
from extractors.text import DocumentText, PageText, Word
from tests.unit.test_pedimento_sequence import HEADER, P1, Row, _partida


def _page(rows: list[Row]) -> PageText:
    words = []
    for i, row in enumerate(rows):
        y = 40 + i * 11.0
        for x, text in row:
            words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 0.9))
    return PageText(1, "\n".join(" ".join(t for _x, t in r) for r in rows), words, "ocr", 0.9, 612, 792, 0)


def _doc(rfc_label: str, patente: str) -> DocumentText:
    header: list[Row] = [
        [(24, "NUM.PEDIMENTO......"), (111, ":"), (118, "24"), (134, "40"), (150, "1834"), (173, ".4258834")],
        [(24, rfc_label), (111, ":"), (118, "RNG951228872")],
    ]
    footer: list[Row] = [
        [(24, "*****"), (54, "FIN"), (70, "DE"), (84, "PEDIMENTO"), (130, "*****")],
        [(24, "AGENTE"), (60, "ADUANAL")],
        [(24, "RFC"), (50, "BKZ870616NT3"), (200, "PATENTE"), (240, "O"), (250, "AUTORIZACION"), (320, patente)],
    ]
    rows = header + HEADER + _partida("1", "1,000.000", "FUENTE DE PODER", P1) + footer
    return DocumentText("application/pdf", [_page(rows)])


def test_the_importers_rfc_is_the_one_before_the_partidas_when_its_label_was_lost() -> None:
    fields = extract_pedimento(_doc("la", "1834")).fields
    assert fields["pedimento_number"]["value"] == "244018344258834"
    assert fields["importer_exporter_rfc"]["value"] == "RNG951228872"
    assert fields["patente"]["value"] == "1834"


def test_the_labelled_importer_rfc_is_kept() -> None:
    assert extract_pedimento(_doc("R.F.C.", "1834")).fields["importer_exporter_rfc"]["value"] == "RNG951228872"


def test_a_patente_that_disagrees_with_the_pedimento_numbers_is_the_numbers_for_review() -> None:
    b = extract_pedimento(_doc("R.F.C.", "0040"))
    assert b.fields["patente"]["value"] == "1834" and b.fields["patente"]["confidence"] < 0.7
    assert needs_review({"doc_type_confidence": 0.95, "fields": b.fields, "lines": b.lines, "warnings": b.warnings})
