"""Repairs of OCR words: hand-written word boxes as tesseract gives them (pixels, (block, paragraph, line))."""

from __future__ import annotations

from extractors.ocr import OcrWord, parse_tsv
from extractors.ocr_repair import (
    drop_specks,
    fix_decimal_marks,
    fix_tax_ids,
    join_cut_amounts,
    number_rows,
    untangle_boxes,
)
from extractors.text import Word

LINE = (1, 1, 1)


def _word(text: str, left: int, right: int, line: tuple[int, int, int] = LINE, conf: float = 0.9) -> OcrWord:
    return OcrWord(text, left, 100, right, 116, conf, line)


def test_an_amount_cut_at_a_thousands_separator_is_one_word_again() -> None:
    words = [_word("USA", 900, 940), _word("2,651", 1060, 1100, conf=0.21), _word(",843.38", 1105, 1164)]
    joined = join_cut_amounts(words)
    assert [w.text for w in joined] == ["USA", "2,651,843.38"]
    assert (joined[1].left, joined[1].right, joined[1].confidence) == (1060, 1164, 0.21)


def test_the_separator_may_stay_with_the_head() -> None:
    assert [w.text for w in join_cut_amounts([_word("12,", 100, 130), _word("500.00", 134, 190)])] == ["12,500.00"]


def test_amounts_a_space_apart_or_without_a_separator_at_the_cut_stay_apart() -> None:
    spaced = [_word("2,651", 100, 140), _word(",843.38", 160, 220)]  # a gap wider than a cut
    bare = [_word("2,651", 100, 140), _word("843.38", 143, 200)]  # two numbers, or a cut that lost its comma
    both = [_word("2,651,", 100, 140), _word(",843", 143, 170)]
    other_line = [_word("2,651", 100, 140), _word(",843.38", 143, 200, line=(1, 1, 2))]
    words = [_word("PIEZA", 100, 150), _word(",843", 152, 180)]
    for case in (spaced, bare, both, other_line, words):
        assert [w.text for w in join_cut_amounts(case)] == [w.text for w in case]


def test_parse_tsv_joins_the_halves_in_words_and_text() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t100\t40\t16\t96\tUSA",
        "5\t1\t1\t1\t1\t2\t200\t100\t40\t16\t21\t2,651",
        "5\t1\t1\t1\t1\t3\t245\t100\t59\t16\t21\t,843.38",
    ]
    result = parse_tsv("\n".join([header, *rows]))
    assert result.text == "USA 2,651,843.38"
    assert [w.text for w in result.words] == ["USA", "2,651,843.38"]


def test_a_mark_glued_to_the_front_of_a_word_is_dropped() -> None:
    words = [_word(".ELECTRONICOS", 130, 260), _word(".PARA-EMPAQUE", 300, 430)]
    cleaned = drop_specks(words)
    assert [w.text for w in cleaned] == ["ELECTRONICOS", "PARA-EMPAQUE"]
    assert cleaned[0].left == 140 and cleaned[0].right == 260


def test_a_dot_between_two_runs_of_letters_is_the_space_it_stands_for() -> None:
    cleaned = drop_specks([_word("DE.MONTAJE", 100, 200)])
    assert [(w.text, w.left, w.right) for w in cleaned] == [("DE", 100, 120), ("MONTAJE", 130, 200)]
    # the speck made tesseract doubt the word: its parts are not dropped as specks themselves
    assert [w.confidence for w in drop_specks([_word("Port.of", 100, 170, conf=0.32)])] == [0.5, 0.5]
    assert all(w.line == LINE for w in cleaned)


def test_abbreviations_numbers_and_addresses_keep_their_dots() -> None:
    kept = ["S.A.", "C.V.", "IND.", "No.", ".5", "1.234", "ACME.COM", "ventas.mx", "F.P.21", "CO.,LTD", "'07."]
    assert [w.text for w in drop_specks([_word(t, 100, 200) for t in kept])] == kept


def test_a_legal_form_whose_dots_ocr_misread_is_written_back() -> None:
    from extractors.layout.values import tidy_company

    assert tidy_company("ENSAMBLES S. DE R.L. DE Civ") == "ENSAMBLES S. DE R.L. DE C.V."
    assert tidy_company("ACME S.A. DE C,V.") == "ACME S.A. DE C.V."
    assert tidy_company("DISPOSITIVOS MEDICOS S.A. DE Cc.v.") == "DISPOSITIVOS MEDICOS S.A. DE C.V."
    assert tidy_company("ACME S. DE R:L. DE C.V.") == "ACME S. DE R.L. DE C.V."
    for kept in ("ACME S.A. DE CV", "ACME S.A. DE C.V.", "COLEGIO DE CIVILES", "CASA DE Civico"):
        assert tidy_company(kept) == kept


def test_a_narrow_space_between_digit_groups_read_as_a_colon_is_a_space_again() -> None:
    assert [w.text for w in drop_specks([_word("65:634,41", 100, 190)])] == ["65", "634,41"]
    kept = ["09:54", "12:30:00", "1:2345", "A:634"]
    assert [w.text for w in drop_specks([_word(t, 100, 200) for t in kept])] == kept


def _row(text: str, x0: float, top: float, x1: float | None = None) -> Word:
    return Word(text, x0, top, x1 if x1 is not None else x0 + 5 * len(text), top + 8, 0.9)


def _table(firsts: list[str]) -> list[Word]:
    words = []
    for k, first in enumerate(firsts):
        top = 100 + 20 * k
        words += [_row(first, 40, top, 45), _row("26121600", 60, top), _row("CAJA", 120, top)]
        words.append(_row("AUTOMOTOR", 120, top + 10))  # a description's second line, not a row
    return words


def test_a_row_number_ocr_misread_is_put_back_between_its_neighbours() -> None:
    fixed = number_rows(_table(["1", "2", "3", "4", "5", "6", "y", "8", "9"]))
    assert [w.text for w in fixed if w.x0 == 40] == ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    fixed = number_rows(_table(["i", "2", "3"]))
    assert [w.text for w in fixed if w.x0 == 40] == ["1", "2", "3"]


def test_row_numbers_are_left_alone_without_both_neighbours_saying_so() -> None:
    for firsts in (["1", "2", "y", "5"], ["y", "2", "3"], ["1", "2", "y"], ["A", "B", "C"]):
        assert [w.text for w in number_rows(_table(firsts)) if w.x0 == 40] == firsts
    shifted = _table(["1", "2", "3"])
    shifted[4] = _row("y", 90, 120)  # the second row's first word is not in the numbers' column
    assert [w.text for w in number_rows(shifted)] == [w.text for w in shifted]


def test_a_box_stretched_over_the_next_words_is_cut_back() -> None:
    words = [_word("Origine", 554, 685), _word("/", 621, 628), _word("Origin", 636, 685), _word(":", 692, 695)]
    assert [(w.left, w.right) for w in untangle_boxes(words)] == [(554, 620), (621, 628), (636, 685), (692, 695)]
    apart = [_word("SH/HS", 100, 150), _word("4819.10", 160, 220), _word("x", 5, 9, line=(1, 1, 2))]
    assert untangle_boxes(apart) == apart
    below = OcrWord("CORRUGADO", 120, 130, 200, 146, 0.9, LINE)  # the next printed line, in one tesseract line
    assert untangle_boxes([_word("CARTON", 100, 180), below])[0].right == 180


def test_a_speck_read_as_a_dot_between_a_code_and_the_next_word_is_a_space() -> None:
    cleaned = drop_specks([_word("PN-11882.Circuito", 100, 270)])
    assert [w.text for w in cleaned] == ["PN-11882", "Circuito"]
    kept = ["3.5mm", "7606.12.99", "No.5", "1.234,56", "v2.beta"]
    assert [w.text for w in drop_specks([_word(t, 100, 200) for t in kept])] == kept


def test_an_rfc_misread_in_one_look_alike_character_is_put_back_by_its_check_digit() -> None:
    # ZHF950817MB0 and IRZ9802026YA are valid RFCs (their check digits agree)
    words = [_word("RFC:", 40, 80), _word("ZHF950817MBO", 100, 260), _word("ZHF95O817MB0,", 300, 460)]
    assert [w.text for w in fix_tax_ids(words)] == ["RFC:", "ZHF950817MB0", "ZHF950817MB0,"]
    # valid ones, words that are no RFC, and a misreading no single swap explains stay as read
    kept = ["ZHF950817MB0", "IRZ9802026YA", "INVOICE", "ABC123456XYZ", "ZHF950817XXO"]
    assert [w.text for w in fix_tax_ids([_word(t, 100, 260) for t in kept])] == kept


def test_an_rfc_cut_before_its_check_digit_is_one_word_again() -> None:
    joined = fix_tax_ids([_word("IRZ9802026Y", 100, 250), _word("A", 256, 266)])
    assert [(w.text, w.left, w.right) for w in joined] == [("IRZ9802026YA", 100, 266)]
    far = [_word("IRZ9802026Y", 100, 250), _word("A", 400, 410)]  # another column's word
    other_line = [_word("IRZ9802026Y", 100, 250), _word("A", 256, 266, line=(1, 1, 2))]
    for case in (far, other_line):
        assert [w.text for w in fix_tax_ids(case)] == [w.text for w in case]


def test_an_amount_with_one_mark_for_thousands_and_decimals_gets_the_other_decimal_mark() -> None:
    fixed = fix_decimal_marks([_word(t, 100, 200) for t in ("7,910,43", "1.234.56", "$12,345,67)")])
    assert [w.text for w in fixed] == ["7,910.43", "1.234,56", "$12,345.67)"]
    kept = ["7606.12.99", "1,234,567", "12,50", "1,234.56", "12.345.678,90", "1.234.5"]
    assert [w.text for w in fix_decimal_marks([_word(t, 100, 200) for t in kept])] == kept


def test_a_one_letter_word_glued_to_the_figure_after_it_is_split() -> None:
    cleaned = drop_specks([_word("a0.2", 100, 140)])
    assert [(w.text, w.left, w.right) for w in cleaned] == [("a", 100, 110), ("0.2", 110, 140)]
    kept = ["A0.2", "x2.5", "ab0.2", "a02", "v1.2"]
    assert [w.text for w in drop_specks([_word(t, 100, 200) for t in kept])] == kept


def test_an_initial_run_into_the_word_after_its_dot_is_split() -> None:
    """``C. unidad`` printed with a narrow space comes back as one word; the caption is two."""
    cleaned = drop_specks([_word("C.unidad", 100, 180), _word("V.Unitario", 200, 300)])
    assert [w.text for w in cleaned] == ["C.", "unidad", "V.", "Unitario"]
    assert cleaned[0].right <= cleaned[1].left
    # initials alone, and a capital word after an initial's dot, keep their dots
    kept = ["S.A.", "R.L.", "C.V.", "e.g.", "N.UNIDAD"]
    assert [w.text for w in drop_specks([_word(t, 100, 200) for t in kept])] == kept


def test_an_rfc_whose_s_ocr_read_as_an_8_is_put_back() -> None:
    from extractors.checks import rfc_check_digit

    rfc = "GOM850312SA" + rfc_check_digit("GOM850312SA0")
    misread = rfc[:9] + "8" + rfc[10:]
    assert [w.text for w in fix_tax_ids([_word(misread, 100, 260)])] == [rfc]
