"""A road carrier's bill printed as several copies in one file, and a forwarder's multimodal (FIATA) bill: read
once, the carrier's own code and number, the party beside another's label, the name signed "as carrier"."""

from __future__ import annotations

from extractors.bill_of_lading import extract_bill_of_lading
from extractors.bl_blocks import clean_description
from extractors.classify import classify_text
from extractors.text import DocumentText, PageText, Word

CHAR = 5.0
LINE = 14.0


def page(number: int, rows: list[tuple[float, str]]) -> PageText:
    """Words placed as printed: (x of the first character, text) per row; spaces keep their width."""
    words: list[Word] = []
    for index, (x, text) in enumerate(rows):
        top = 40.0 + index * LINE
        position = 0
        for token in text.split(" "):
            if token:
                x0 = x + position * CHAR
                words.append(Word(token, x0, top, x0 + len(token) * CHAR, top + 10.0, 1.0))
            position += len(token) + 1
    return PageText(number, "\n".join(row for _, row in rows), words, "text_layer", None, 612, 792, 0)


def read(*pages: list[tuple[float, str]]) -> dict:
    doc = DocumentText("application/pdf", [page(n + 1, rows) for n, rows in enumerate(pages)])
    builder = extract_bill_of_lading(doc)
    return {
        "fields": {k: v["value"] for k, v in builder.fields.items()},
        "lines": [{k: v["value"] for k, v in line.items()} for line in builder.lines],
    }


def waybill(copy: str) -> list[tuple[float, str]]:
    return [
        (20, "AUTOTRANSPORTES DEL GOLFO SA DE CV                      TALON DE EMBARQUE"),
        (20, "RFC AGO010101AB1 CAAT AGDX                                 A AGDX7765432"),
        (20, "                                                            FECHA 12/03/2024"),
        (20, copy),
        (20, "REMITENTE                            DESTINATARIO"),
        (20, " LONE STAR PARTS LLC                  PLASTICOS DEL NORTE S.A. DE C.V."),
        (20, " 12 Main St, Laredo, TX               Av. Uno 5, Monterrey, N.L."),
        (20, ""),
        (20, " BULTOS   EMBALAJE   QUE DICEN CONTENER                      PESO KGS"),
        (20, "      4   TARIMAS    VALVULA DE LATON PARA AGUA                 1,200.5"),
        (20, "     12   CAJAS      TUBO DE COBRE SIN COSTURA                    800.0"),
        (20, ""),
        (20, "     16   TOTAL                                               2,000.5"),
        (20, "CONDICIONES DE PAGO:   [X] PAGADO   [ ] POR COBRAR"),
    ]


def test_a_bill_printed_as_original_and_copy_is_read_once() -> None:
    got = read(waybill("ORIGINAL - CLIENTE"), waybill("COPIA - OPERADOR"))
    fields = got["fields"]
    assert fields["package_count"] == 16
    assert fields["gross_weight_kg"] == 2000.5
    assert [line["package_count"] for line in got["lines"]] == [4, 12]
    assert got["lines"][0]["description"] == "VALVULA DE LATON PARA AGUA"


def test_a_scanned_copy_whose_figures_ocr_read_a_little_otherwise_is_still_read_once() -> None:
    copy = waybill("COPIA - OPERADOR")
    copy[1] = (20, "RFC AG0O10101A81 CAAT AGDX                                 A AGDX7765432")  # O for 0, 8 for B
    copy[2] = (20, "                                                            FECHA 12/03/2024'")  # a tick
    copy[12] = (20, "     16   TOTAL                                                2000.5")  # no separator
    got = read(waybill("ORIGINAL - CLIENTE"), copy)
    assert got["fields"]["package_count"] == 16
    assert [line["package_count"] for line in got["lines"]] == [4, 12]


def test_the_carriers_code_and_its_number_and_the_party_beside_another_label() -> None:
    fields = read(waybill("ORIGINAL"))["fields"]
    assert fields["carrier_scac"] == "AGDX"  # the CAAT, a Mexican carrier's SCAC
    assert fields["bl_number"] == "AGDX7765432"  # the code and a serial, under the title unlabelled
    assert fields["shipper_name"] == "LONE STAR PARTS LLC"
    assert fields["consignee_name"] == "PLASTICOS DEL NORTE S.A. DE C.V."


def test_a_talon_de_embarque_is_a_bill_of_lading() -> None:
    text = "\n".join(row for _, row in waybill("ORIGINAL")).replace("TALON", "TALÓN")
    assert classify_text(text).doc_type == "bill_of_lading"


def forwarders_bill() -> list[tuple[float, str]]:
    return [
        (20, "Consignor                                   NEGOTIABLE FIATA MULTIMODAL TRANSPORT BILL OF LADING"),
        (20, " ACME TRADING CO LTD"),
        (20, " 1 Harbour Rd, Busan"),
        (20, "Consigned to order of                       FBL No."),
        (20, " PLASTICOS DEL NORTE S.A. DE C.V.             HLCU884412345"),
        (20, ""),
        (20, "Place of receipt          Ocean vessel                 Port of loading"),
        (20, " BUSAN, KOREA              NORTHERN STAR / 112E         BUSAN, KOREA"),
        (20, "Port of discharge                                      Place of delivery"),
        (20, " MANZANILLO, MEXICO                                     MONTERREY, N.L."),
        (20, ""),
        (20, "Freight amount                                         Stamp and signature"),
        (20, " AS ARRANGED"),
        (20, "Taken in charge in apparent good order and condition   NORDIC FREIGHT SERVICES A/S"),
        (20, "for transport and delivery as mentioned above."),
        (20, "                                                       as carrier"),
    ]


def test_a_forwarders_fiata_bill() -> None:
    fields = read(forwarders_bill())["fields"]
    assert fields["shipper_name"] == "ACME TRADING CO LTD"
    assert fields["vessel"] == "NORTHERN STAR"
    assert fields["voyage"] == "112E"
    assert fields["carrier_name"] == "NORDIC FREIGHT SERVICES A/S"  # who signs as carrier, not the title's FBL
    assert "carrier_scac" not in fields  # a liner's code opening the forwarder's number is not the issuer's


def test_particulars_under_the_goods_are_no_description() -> None:
    assert clean_description("HS CODE 853224 INVOICE NO. 9656651 P.O. PO-26213154 TOTAL") == ""
    assert clean_description("TUBO DE COBRE INVOICE F-1234") == "TUBO DE COBRE"
    assert clean_description("TUBO DE COBRE PARA P.O. BOX") == "TUBO DE COBRE PARA P.O. BOX"


def references(rows: list[tuple[float, str]]) -> set[tuple[str, str]]:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page(1, rows)]))
    return {(r["kind"], r["value"]) for r in builder.references}


def test_references_under_plural_labels_and_seals_under_their_box() -> None:
    rows = waybill("ORIGINAL")[:7] + [
        (20, "ORIGEN              DESTINO             REMOLQUE       SELLOS"),
        (20, " LAREDO, TX          MONTERREY, N.L.     TR1234         EU5238999 SH4105027"),
        (20, "FACTURA(S): INV-2024-0548, F-7781   PEDIDO(S): 4552554782, OC-90870162"),
        (20, "Invoice Reference: 9739606          Purchase Order Reference: PO-55615865"),
    ]
    assert references(rows) >= {
        ("seal", "EU5238999"),
        ("seal", "SH4105027"),
        ("invoice", "INV-2024-0548"),
        ("invoice", "F-7781"),
        ("po", "4552554782"),
        ("po", "OC-90870162"),
        ("invoice", "9739606"),
        ("po", "PO-55615865"),
    }
    assert not any(kind == "seal" and value.startswith("TR") for kind, value in references(rows))


def test_a_continuation_page_with_other_cargo_is_no_copy() -> None:
    second = waybill("ORIGINAL")
    second[9] = (20, "      7   TARIMAS    LLAVE DE PASO DE BRONCE                    300.0")
    second[10] = (20, "      9   CAJAS      CODO DE COBRE                              155.5")
    got = read(waybill("ORIGINAL"), second)
    assert [line["package_count"] for line in got["lines"]] == [4, 12, 7, 9]


def scanned(rows: list[tuple[float, str]]) -> dict:
    """The rows as OCR reads them (words with a confidence under 1)."""
    text = page(1, rows)
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, 0.9) for w in text.words]
    doc = DocumentText("application/pdf", [PageText(1, text.text, words, "ocr", None, 612, 792, 0)])
    return {k: v["value"] for k, v in extract_bill_of_lading(doc).fields.items()}


def test_a_scanned_mark_before_por_cobrar_and_a_box_edge_glued_to_its_option() -> None:
    rows = waybill("ORIGINAL")[:7]
    # the mark stands nearer POR (the phrase's first word) than PAGADO, further from COBRAR than from PAGADO
    marked = [(20, "CONDICIONES DE PAGO:   PAGADO   X POR     COBRAR")]
    assert scanned(rows + marked)["freight_terms"] == "collect"
    glued = [(20, "CONDICIONES DE PAGO:   JPAGADO  X POR     COBRAR")]
    assert scanned(rows + glued)["freight_terms"] == "collect"


def test_an_eight_between_a_names_words_is_its_ampersand() -> None:
    rows = waybill("ORIGINAL")
    rows[5] = (20, " LAKES WIRE 8 CABLE LLC               PLASTICOS DEL NORTE S.A. DE C.V.")
    assert scanned(rows)["shipper_name"] == "LAKES WIRE & CABLE LLC"


def test_a_forwarders_bill_told_by_its_fbl_number_when_the_title_is_lost() -> None:
    rows = [(x, text.replace("NEGOTIABLE FIATA ", "")) for x, text in forwarders_bill()]
    assert "carrier_scac" not in read(rows)["fields"]


def test_a_speck_read_as_a_colon_after_the_owner_code() -> None:
    from extractors.bl_blocks import read_container

    assert read_container("MAEU: 364550-4") == "MAEU3645504"
    assert read_container("MAEU. 364550-4 16 CARTONS") == "MAEU3645504"


def test_a_vessel_beside_a_misread_label_and_over_the_next_box() -> None:
    rows = forwarders_bill()
    rows[6] = (20, "Place of receipt          Ocean vessel    Pon of loading")
    rows[7] = (20, " BUSAN, KOREA              NORTHERN STAR / 112E       BUSAN, KOREA")
    fields = read(rows)["fields"]
    assert fields["vessel"] == "NORTHERN STAR"
    assert fields["voyage"] == "112E"


def test_goods_cut_short_are_completed_by_words_not_by_a_speck() -> None:
    from extractors.bill_of_lading import _goods_completed
    from extractors.layout import FamilyResult

    for tail, expected in ((" SUPERFICIAL", "CAPACITOR DE MONTAJE SUPERFICIAL"), (" a", "CAPACITOR DE MONTAJE")):
        result = FamilyResult()
        result.set("goods_description", "CAPACITOR DE MONTAJE", 0.9)
        lines = [{"description": {"value": "CAPACITOR DE MONTAJE" + tail}}]
        _goods_completed(lines, result)
        assert result.fields["goods_description"]["value"] == expected
