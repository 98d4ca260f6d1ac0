"""Label → value by position on the page, and tables from word positions.

This is the mechanism every document family uses instead of per-broker templates: a family names its
fields by the labels that print beside them (several wordings each), and this package finds those labels on
the page, whatever the layout, and reads the value to the right of the label or in the box below it. Tables
are found the same way: a header line that carries enough column labels fixes the columns, and the lines
under it are split into records.

Words come from ``extractors.text`` (``PageText.words``, PDF points, origin top-left). Labels are matched on
normalised text (upper case, no accents, no punctuation), so ``CVE. PEDIMENTO:``, ``Cve.Pedimento`` and an
OCR'd ``CVE PEDlMENTO`` are the same label.

Modules: ``lines`` (words into lines, deskew, OCR clean-up), ``labels`` (labels and the values next to
them), ``tables`` (header bands, column borders, records), ``cards`` (records printed as blocks of labelled
cells), ``transposed`` (records printed as columns, one row per field), ``values`` (parsers of printed values).
"""

from __future__ import annotations

from extractors.layout.cards import read_cards
from extractors.layout.labels import (
    Found,
    LabelHit,
    apply_parser,
    column_below,
    field_value,
    find_labels,
    find_value,
    words_below,
    words_right_of,
)
from extractors.layout.lines import (
    Line,
    PageLayout,
    PageLike,
    WordLike,
    group_lines,
    layouts,
    median_line_height,
    norm,
    skew_angle,
    squash,
)
from extractors.layout.tables import (
    Cell,
    Column,
    Record,
    TableSpec,
    found_from_cell,
    pdf_rules,
    read_table,
    vertical_rules,
)
from extractors.layout.transposed import read_transposed
from extractors.layout.values import (
    Parser,
    date_parser,
    month_first_dates,
    ocr_digits,
    parse_choice,
    parse_country,
    parse_date,
    parse_int,
    parse_name,
    parse_number,
    parse_pedimento,
    parse_regex,
    parse_rfc,
    parse_text,
    tidy_company,
)
from extractors.result import ResultBuilder

# The family result is part A's builder: fields, lines, references and warnings, with the helpers that
# keep them inside the contract. The name the pipeline uses for what a family returns.
FamilyResult = ResultBuilder

__all__ = [
    "Cell",
    "Column",
    "FamilyResult",
    "Found",
    "LabelHit",
    "Line",
    "PageLayout",
    "PageLike",
    "Parser",
    "Record",
    "TableSpec",
    "WordLike",
    "apply_parser",
    "column_below",
    "date_parser",
    "field_value",
    "find_labels",
    "find_value",
    "found_from_cell",
    "group_lines",
    "layouts",
    "median_line_height",
    "month_first_dates",
    "norm",
    "ocr_digits",
    "parse_choice",
    "parse_country",
    "parse_date",
    "parse_int",
    "parse_name",
    "parse_number",
    "parse_pedimento",
    "parse_regex",
    "parse_rfc",
    "parse_text",
    "pdf_rules",
    "read_cards",
    "read_table",
    "read_transposed",
    "skew_angle",
    "squash",
    "tidy_company",
    "vertical_rules",
    "words_below",
    "words_right_of",
]
