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


def _doc(rfc_label: str, patente: str, name_label: tuple[str, str] = ("RAZON", "SOCIAL")) -> DocumentText:
    header: list[Row] = [
        [(24, "NUM.PEDIMENTO......"), (111, ":"), (118, "24"), (134, "40"), (150, "1834"), (173, ".4258834")],
        [(24, rfc_label), (111, ":"), (118, "RNG951228872")],
        [(24, "PROVEEDOR"), (111, ":"), (118, "HANSOL"), (150, "PRECISION"), (200, "CO"), (214, "LTD")],
        [(24, name_label[0]), (48, name_label[1]), (111, ":"), (118, "MAQUILADORA"), (170, "DEL"), (186, "NORTE")]
        + [(212, "S.A."), (232, "DE.C.V.")],
    ]
    footer: list[Row] = [
        [(24, "*****"), (54, "FIN"), (70, "DE"), (84, "PEDIMENTO"), (130, "*****")],
        [(24, "AGENTE"), (60, "ADUANAL")],
        [(24, "NOMBRE"), (56, "O"), (64, "RAZ.SOC"), (111, "JUAN"), (134, "CARLOS"), (166, "GARZA")],
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


def test_the_importers_name_is_the_company_before_the_partidas_when_its_label_was_lost() -> None:
    fields = extract_pedimento(_doc("R.F.C.", "1834", ("RAGON", "SOCTAL"))).fields
    assert fields["importer_exporter_name"]["value"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    labelled = extract_pedimento(_doc("R.F.C.", "1834")).fields
    assert labelled["importer_exporter_name"]["value"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_an_rfc_shaped_guide_number_after_the_importers_rfc_is_not_taken() -> None:
    """What stands before the table is searched in order: the importer's own RFC, met first, ends the search."""
    from extractors.layout import layouts, parse_rfc
    from extractors.pedimento import _before

    rows: list[Row] = [[(24, "RFC:"), (60, "MVF101124V14")], [(24, "GUIA:"), (60, "CMDU861207155")]]
    pages = layouts([_page(rows + HEADER)])
    assert _before(pages, (1, 2), parse_rfc, "MVF101124V14") is None
    assert _before(pages, (1, 2), parse_rfc, "KPK060714K16").value == "MVF101124V14"


def test_an_rfc_whose_check_digit_ocr_read_as_a_letter() -> None:
    from extractors.layout import parse_rfc

    assert parse_rfc("RFC: DML890126JHO") == ("DML890126JH0", (5, 17))


def test_only_the_brokers_rfc_read_goes_to_review() -> None:
    doc = _doc("la", "1834")
    doc.pages[0].words = [w for w in doc.pages[0].words if w.text != "RNG951228872"]
    b = extract_pedimento(doc)
    assert b.fields["importer_exporter_rfc"]["value"] == "BKZ870616NT3"  # all there is
    assert any(w["code"] == "missing_field" and w.get("field") == "importer_exporter_rfc" for w in b.warnings)
    assert needs_review({"doc_type_confidence": 0.95, "fields": b.fields, "lines": b.lines, "warnings": b.warnings})
