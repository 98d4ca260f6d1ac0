"""The generator's own promises: deterministic from a seed, realistic values that add up, scans without text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from extractors import checks
from tests.synth import data
from tests.synth.generate import generate_set


def test_same_seed_same_documents(tmp_path: Path) -> None:
    kinds = [("pedimento", "keylist"), ("bill_of_lading", "ocean")]
    first = generate_set(tmp_path / "a", count=2, seed=5, scans=("scan200",), scan_every=2, kinds=kinds)
    second = generate_set(tmp_path / "b", count=2, seed=5, scans=("scan200",), scan_every=2, kinds=kinds)
    assert any(entry.variant == "scan200" for entry in first)
    for a, b in zip(first, second, strict=True):
        assert (tmp_path / "a" / a.truth).read_bytes() == (tmp_path / "b" / b.truth).read_bytes()
        assert (tmp_path / "a" / a.file).read_bytes() == (tmp_path / "b" / b.file).read_bytes()
    other = generate_set(tmp_path / "c", count=1, seed=6, scans=(), kinds=kinds[:1])
    assert (tmp_path / "c" / other[0].truth).read_bytes() != (tmp_path / "a" / first[0].truth).read_bytes()


def test_pedimento_values_are_realistic_and_add_up() -> None:
    for kind in range(len(data.PEDIMENTO_KINDS)):
        truth = data.pedimento(random.Random(kind), kind, 7)
        f, lines = truth["fields"], truth["lines"]
        assert checks.rfc_is_valid(f["importer_exporter_rfc"])
        assert not checks.pedimento_problems(f["pedimento_number"])
        assert f["pedimento_number"][4:8] == f["patente"] and f["customs_office"].startswith(f["pedimento_number"][2:4])
        assert f["commercial_value_mxn"] == sum(ln["paid_price_mxn"] for ln in lines)
        export = f["operation_type"] == "EXP"
        base = f["commercial_value_mxn"] if export else f["customs_value_mxn"]
        assert abs(f["usd_value"] * f["exchange_rate"] - base) <= 0.01 * base
        if not export:
            assert f["customs_value_mxn"] == sum(ln["customs_value_mxn"] for ln in lines)
        assert [ln["sequence"] for ln in lines] == list(range(1, 8)) and f["partida_count"] == 7
        assert all(len(ln["tariff_code"]) == 8 and len(ln["nico"]) == 2 for ln in lines)
        for ref in truth["references"]:
            if ref["kind"] == "container":
                assert checks.container_is_valid(ref["value"])


def test_bills_of_lading_totals_and_check_digits() -> None:
    for kind in ("ocean", "truck"):
        truth = data.bill_of_lading(random.Random(kind), kind, 3)
        assert truth["fields"]["package_count"] == sum(ln["package_count"] for ln in truth["lines"])
        for line in truth["lines"]:
            if "container_number" in line:
                assert checks.container_is_valid(line["container_number"])


def test_scans_are_images_only_with_one_page_upside_down(tmp_path: Path) -> None:
    entries = generate_set(tmp_path, count=1, seed=3, scans=("scan200",), kinds=[("pedimento", "saai")])
    text_pdf, scan = entries
    assert scan.variant == "scan200" and scan.truth == text_pdf.truth
    pdf = pdfium.PdfDocument(str(tmp_path / scan.file))
    original = pdfium.PdfDocument(str(tmp_path / text_pdf.file))
    try:
        assert len(pdf) == text_pdf.pages
        upside_down = []
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            assert textpage.get_text_range().strip() == ""
            textpage.close()
            scanned, printed = _thumbnail(pdf[index]), _thumbnail(original[index])
            upright = np.abs(scanned - printed).mean()
            turned = np.abs(scanned - printed[::-1, ::-1]).mean()
            upside_down.append(turned < upright)
        assert upside_down == [False] * (len(pdf) - 1) + [True]
    finally:
        pdf.close()
        original.close()
    truth = json.loads((tmp_path / scan.truth).read_text("utf-8"))
    assert truth["doc_type"] == "pedimento" and truth["layout"] == "saai"


def _thumbnail(page: pdfium.PdfPage) -> np.ndarray:
    image = page.render(scale=0.5, grayscale=True).to_pil().convert("L").resize((120, 155), Image.Resampling.BOX)
    return np.asarray(image, dtype=np.float32)


def test_every_family_names_its_arrangements_and_holds_some_out(tmp_path: Path) -> None:
    from tests.synth.generate import DEV_KINDS, FAMILIES, HELD_OUT_KINDS, KINDS

    for doc_type, module in FAMILIES.items():
        assert set(module.ARRANGEMENTS) >= module.HELD_OUT, doc_type
        if doc_type != "pedimento":
            assert len(module.HELD_OUT) >= 2 and len(set(module.ARRANGEMENTS) - module.HELD_OUT) >= 2, doc_type
    assert set(DEV_KINDS) | set(HELD_OUT_KINDS) == set(KINDS) and not set(DEV_KINDS) & set(HELD_OUT_KINDS)
    # by default a set holds the development arrangements only (tests and tuning never see the held-out ones)
    entries = generate_set(tmp_path, count=1, seed=2, scans=(), kinds=None)
    assert {(e.doc_type, e.layout) for e in entries} == set(DEV_KINDS)
    assert not any(e.held_out for e in entries)


def test_cfdi_printout_truth_adds_up() -> None:
    truth = data.cfdi_printout(random.Random(4), 6)
    f, lines = truth["fields"], truth["lines"]
    assert checks.uuid_is_valid(f["uuid"]) and checks.rfc_is_valid(f["issuer_rfc"])
    assert abs(f["subtotal"] - sum(ln["amount"] for ln in lines)) < 0.005
    for line in lines:
        assert abs(line["quantity"] * line["unit_price"] - line["amount"]) < 0.005
        assert len(line["product_key"]) == 8 and len(line["tariff_code"]) == 8


def test_round_10_number_formats_are_printed_as_their_countries_print_them() -> None:
    """The Indian invoice groups in lakhs and crores, the Swiss one with apostrophes, the Indian total in words."""
    from tests.synth.invoices_round10 import _lakh, _swiss, _words

    assert _lakh(12345678.9) == "1,23,45,678.90"
    assert _lakh(123456.0, 0) == "1,23,456"
    assert _lakh(999.5) == "999.50"
    assert _swiss(12345.6) == "12'345.60"
    assert _words(71364) == "SEVENTY ONE THOUSAND THREE HUNDRED AND SIXTY FOUR"
    assert _words(1000001) == "ONE MILLION ONE"


def test_round_11_formats_are_printed_as_their_issuers_print_them() -> None:
    """The Brazilian invoice's CNPJ with its check digits and ``1.234,56`` amounts, the air waybill's serial with
    its modulo-7 check digit and IATA's ``27AUG25`` dates."""
    from tests.synth.bills_round11 import _awb_serial, _iata
    from tests.synth.invoices_round11 import _br, _cnpj_of

    assert _cnpj_of("112223330001") == "11.222.333/0001-81"
    assert _br(1234567.891) == "1.234.567,89"
    assert _br(0.4575, 4) == "0,4575"
    assert _awb_serial(1234567) == "12345675"
    assert _iata("2025-08-27") == "27AUG25"


def test_round_12_formats_are_printed_as_their_issuers_print_them() -> None:
    """The CFDI's total in Spanish words, the Italian ``1.234,56`` amounts and the spreadsheet's ``27-ago-25``
    dates."""
    from tests.synth.cfdi_round12 import _letters, words
    from tests.synth.invoices_round12 import _it
    from tests.synth.pedimentos_round12 import _short

    assert words(663741) == "SEISCIENTOS SESENTA Y TRES MIL SETECIENTOS CUARENTA Y UN"
    assert words(1_100_021) == "UN MILLÓN CIEN MIL VEINTIUN"
    assert words(1000) == "MIL" and words(115) == "CIENTO QUINCE" and words(0) == "CERO"
    assert _letters(253629.97) == "SON: DOSCIENTOS CINCUENTA Y TRES MIL SEISCIENTOS VEINTINUEVE DÓLARES 97/100 USD"
    assert _it(1234567.891) == "1.234.567,89" and _it(0.4575, 4) == "0,4575"
    assert _short("2025-08-27") == "27-ago-25"


def test_every_held_out_arrangement_renders_a_contract_shaped_truth(tmp_path: Path) -> None:
    """The arrangements held out of the readers' development render (imports and exports, one page and several),
    and what their renderers set the truth to is a valid ``immex.extraction/v1`` result; nothing is read here."""
    import jsonschema

    from tests.synth.generate import HELD_OUT_KINDS, make_truth, render
    from tests.unseen_world import WorldDoc, truth_result

    schema_path = Path(__file__).resolve().parents[2].parent / "shared" / "contracts" / "extraction-v1.schema.json"
    schema = json.loads(schema_path.read_text("utf-8")) if schema_path.exists() else None
    several = set()
    for doc_type, arrangement in HELD_OUT_KINDS:
        for index in range(5):
            rng = random.Random(f"held-out-shapes/{doc_type}/{arrangement}/{index}")
            truth = make_truth(doc_type, arrangement, index, rng)
            path = tmp_path / f"{doc_type}-{arrangement}-{index}.pdf"
            pages = render(truth, arrangement, path, rng)
            public = json.loads(json.dumps({k: v for k, v in truth.items() if k != "extra"}, default=str))
            assert public["lines"] and pages >= 1, (doc_type, arrangement)
            if pages > 1:
                several.add((doc_type, arrangement))
            if schema is not None:
                jsonschema.validate(truth_result(WorldDoc(path.name, public, doc_type, arrangement)), schema)
    assert {doc_type for doc_type, _ in several} >= {"pedimento", "commercial_invoice", "cfdi"}


def test_round_13_formats_are_printed_as_their_issuers_print_them() -> None:
    """The Spanish ``1.234,56`` amounts, the Japanese ``2025/08/27`` dates, the B/L's ``SAY`` total in words, the peso
    sign before every figure and the CFDI's total in letters in euros."""
    from tests.synth.bills_round13 import say
    from tests.synth.cfdi_round13 import in_letters
    from tests.synth.invoices_round13 import es, ymd
    from tests.synth.pedimentos_round13 import peso

    assert es(1234567.891) == "1.234.567,89" and es(0.4575, 4) == "0,4575"
    assert ymd("2025-08-27") == "2025/08/27"
    assert say(14) == "FOURTEEN" and say(217) == "TWO HUNDRED AND SEVENTEEN" and say(40) == "FORTY"
    assert say(45) == "FORTY-FIVE"
    assert peso(123456) == "$ 123,456" and peso(7.123454, 5) == "$ 7.12345"
    assert in_letters(736300.43) == "SON: SETECIENTOS TREINTA Y SEIS MIL TRESCIENTOS EUROS 43/100 EUR"


def test_round_15_formats_and_pages_are_printed_as_their_issuers_print_them(tmp_path: Path) -> None:
    """The Korean ``2025. 08. 27.`` dates and ``8542.39-0000`` HSK codes; the pedimento printed two pages a sheet
    (fewer sheets than pages, each sheet landscape); the pedimento whose annex pages are landscape pages the viewer
    turns (``/Rotate 90``), which the scanner gives back landscape."""
    from tests.synth.generate import make_truth, render
    from tests.synth.invoices_round15 import hsk, korean_date
    from tests.synth.scan import scan_pdf

    assert korean_date("2025-08-27") == "2025. 08. 27."
    code = hsk("85423999", random.Random(1))
    assert code.startswith("8542.39-") and len(code) == 12
    rng = random.Random("round-15")
    truth = data.pedimento(rng, 0, 24)
    sheets = render(truth, "doshojas", tmp_path / "two-up.pdf", rng)
    pdf = pdfium.PdfDocument(str(tmp_path / "two-up.pdf"))
    try:
        assert len(pdf) == sheets and all(pdf[k].get_size()[0] > pdf[k].get_size()[1] for k in range(len(pdf)))
    finally:
        pdf.close()
    rng = random.Random("round-15-turned")
    truth = make_truth("pedimento", "rotado", 3, rng)
    pages = render(truth, "rotado", tmp_path / "turned.pdf", rng)
    pdf = pdfium.PdfDocument(str(tmp_path / "turned.pdf"))
    try:
        assert pages >= 2 and [pdf[k].get_rotation() for k in range(pages)] == [0] + [90] * (pages - 1)
    finally:
        pdf.close()
    scan_pdf(tmp_path / "turned.pdf", tmp_path / "turned.scan.pdf", dpi=50, rng=rng)
    scanned = pdfium.PdfDocument(str(tmp_path / "turned.scan.pdf"))
    try:
        widths = [scanned[k].get_size() for k in range(len(scanned))]
        assert widths[0][0] < widths[0][1] and all(w > h for w, h in widths[1:])
    finally:
        scanned.close()


def test_round_17_formats_and_photographs_are_printed_as_their_issuers_print_them(tmp_path: Path) -> None:
    """Credits in parentheses, ``Aug. 27, 2025`` dates, the master air waybill's modulo-7 check digit; the
    photographed pedimento has no text at all and one photo per printed page; the switch bill keeps the voyage's
    on-board date and takes its own, later issue date; the credit lines are not goods."""
    from tests.synth.bills_round17 import mawb
    from tests.synth.generate import make_truth, render
    from tests.synth.invoices_round17 import long_date, paren

    assert paren(-1234.5) == "(1,234.50)" and paren(12.0) == "12.00"
    assert long_date("2025-08-27") == "Aug. 27, 2025" and long_date("2025-05-03") == "May 3, 2025"
    assert mawb("057", 1234567) == "057-12345675"
    rng = random.Random("round-17-photo")
    truth = data.pedimento(rng, 0, 14)
    pages = render(truth, "fotografia", tmp_path / "photo.pdf", rng)
    pdf = pdfium.PdfDocument(str(tmp_path / "photo.pdf"))
    try:
        assert len(pdf) == pages >= 1
        for k in range(len(pdf)):
            textpage = pdf[k].get_textpage()
            assert textpage.get_text_range().strip() == ""
            textpage.close()
    finally:
        pdf.close()
    rng = random.Random("round-17-switch")
    truth = make_truth("bill_of_lading", "switch", 0, rng)
    on_board = truth["fields"]["shipped_on_board_date"]
    render(truth, "switch", tmp_path / "switch.pdf", rng)
    assert truth["fields"]["shipped_on_board_date"] == on_board < truth["fields"]["issue_date"]
    rng = random.Random("round-17-credits")
    truth = make_truth("commercial_invoice", "abono", 0, rng)
    render(truth, "abono", tmp_path / "abono.pdf", rng)
    f, lines = truth["fields"], truth["lines"]
    assert all(ln["quantity"] > 0 and ln["amount"] > 0 for ln in lines)
    assert abs(f["subtotal_amount"] - sum(ln["amount"] for ln in lines)) < 0.005
    assert f["total_amount"] < f["subtotal_amount"] + truth["extra"]["freight"]  # the credits come off the total
