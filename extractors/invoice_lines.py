"""An invoice's line items: the goods table read under any of its usual headings (English, Spanish, German,
Dutch, …), whatever the column order, and the checks that compare the lines with each other and with the totals."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from extractors import layout
from extractors.entities.normalise import CURRENCY_CODES, INCOTERMS
from extractors.invoice_repairs import repair_scanned_lines, tidy_scanned_text
from extractors.invoice_values import parse_country, parse_last_money, parse_money, parse_number, parse_quantity
from extractors.line_rules import (
    bracketed_code,
    codes_leading_descriptions,
    codes_left_of_description,
    is_code,
    labelled_notes,
    maker_part_lines,
    opens_with_note,
    price_of_one,
    reconcile_quantity,
    unheaded_code_words,
)
from extractors.result import ResultBuilder, compact_line, line_field


def wordings(text: str) -> list[str]:
    """The wordings of one label, written `A|B|C` to keep the label tables short."""
    return [wording.strip() for wording in text.split("|")]


LINE_COLUMNS: dict[str, Sequence[str]] = {
    "part_number": wordings(
        "PART NO|PART NUMBER|P N|PN|ITEM NO|ITEM CODE|CODE|PRODUCT CODE|SKU|NO PARTE|NO DE PARTE|PARTE|"
        "NUMERO DE PARTE|CODIGO|CLAVE|NO IDENTIFICACION|NO DE IDENTIFICACION|CAT NO|CATALOG NO|CATALOGUE NO|"
        "CATALOG NUMBER|NO DE CATALOGO|ART NO|ARTICLE NO|ARTICULO|NO DE ARTICULO|REF NO|"
        "STYLE|STYLE NO|ARTIKEL|ARTIKELNUMMER|ARTIKEL NR|ART NR|MATERIAL|MATERIAL NO|MATERIAL NR|MATERIALNUMMER|"
        "TEILENUMMER|TEILE NR|SACHNUMMER|BESTELLNUMMER|ITEM NUMBER|PRODUCT NO|REFERENCIA|PARTS NO|ITEM SKU|"
        # Portuguese: "Código" is Spanish too
        "CODIGO DO PRODUTO|REFERENCIA DO PRODUTO|"
        # Italian: "Codice articolo" (item code), "Cod. art."
        "CODICE|CODICE ARTICOLO|COD ART|CODICE PRODOTTO|ARTICOLO|"
        # Vietnamese: "Mã hàng" (item code)
        "MA HANG|MA SAN PHAM"
    ),
    "description": wordings(
        "DESCRIPTION|DESCRIPCION|PRODUCT|PRODUCT TITLE|OMSCHRIJVING|DESIGNATION|NAZWA TOWARU|"
        "GOODS DESCRIPTION|DESCRIPTION OF GOODS|BESCHREIBUNG|BEZEICHNUNG|WARENBEZEICHNUNG|ARTIKELBEZEICHNUNG|"
        "DESCRICAO|DESCRICAO DA MERCADORIA|DESCRICAO DAS MERCADORIAS|DESCRICAO DO PRODUTO|"
        "DESCRIZIONE|DESCRIZIONE MERCE|DESCRIZIONE ARTICOLO|"
        # Vietnamese: "Tên hàng" (name of the goods), "Tên hàng hóa", "Mô tả"
        "TEN HANG|TEN HANG HOA|MO TA"
    ),
    # a back-order invoice prints the quantity ordered beside the quantity shipped: the shipped one is invoiced
    "quantity": wordings(
        "QTY|QUANTITY|CANTIDAD|CANT|AANTAL|HOEVEELHEID|NOMBRE|MENGE|ILOSC|QTY SHIP|QTY SHIPPED|QUANTITY SHIPPED|"
        "SHIPPED|SHIP QTY|CANT ENVIADA|CANT SURTIDA|QTDE|QTD|QUANTIDADE|"
        # Italian: "Q.tà", "Quantità"
        "QTA|QUANTITA|"
        # Vietnamese: "Số lượng"
        "SO LUONG"
    ),
    # Vietnamese: "ĐVT" (đơn vị tính, the unit of count)
    "unit": wordings("UNIT|UOM|UNIDAD|UM|JM|ME|EINHEIT|MENGENEINHEIT|UNID|UNIDADE|DVT|DON VI TINH"),
    "unit_price": wordings(
        "UNIT PRICE|U PRICE|U P|PRICE|RATE|PRECIO UNITARIO|PRECIO UNIT|P UNIT|P UNITARIO|VALOR UNITARIO|"
        "COSTO UNITARIO|UNIT COST|PRECIO|PRIJS|PRIJS PER STUK|P U HT|EINZELPREIS|UNIT VALUE|"
        "PREIS|E PREIS|PREIS EINH|PREIS JE EINHEIT|STUCKPREIS|PRECO UNIT|PRECO UNITARIO|VALOR UNIT|PRECO|"
        # Italian: "Prezzo unit.", "Prezzo unitario"
        "PREZZO|PREZZO UNIT|PREZZO UNITARIO|"
        # Vietnamese: "Đơn giá" (unit price)
        "DON GIA|"
        # the price of the unit the line is sold in (a dozen, a gross), beside a pieces column
        "PRICE PER UM|PRICE PER U M|PRICE PER UOM|PRICE PER UNIT"
    ),
    "amount": wordings(
        "AMOUNT|IMPORTE|BEDRAG|MONTANT HT|LINE TOTAL|EXTENDED|TOTAL|PRIJS INCL BTW|GESAMTPREIS|VALOR|VALUE|"
        "BETRAG|GESAMT|GESAMTBETRAG|WERT|EXT PRICE|EXTENDED PRICE|EXT AMOUNT|EXTENSION|"
        # Italian: "Importo" (amount), "Totale riga"
        "IMPORTO|TOTALE RIGA|"
        # Vietnamese: "Thành tiền" (the line's amount)
        "THANH TIEN"
    ),
    "tariff_code": wordings(
        "HS CODE|HTS|HTS CODE|TARIFF|FRACCION|HS|FRACCION ARANCELARIA|ZOLLTARIFNR|ZOLLTARIFNUMMER|WARENNUMMER|"
        "FRACC|FRACC MX|FRACCION MX|HS CODE MX|HS CODE MEXICO|HS CODE MEX|"
        # a courier's form: "Harmonized Code" (the shipper's HS code: a Mexican fracción only in its eight digits)
        "HARMONIZED CODE|HARMONIZED TARIFF CODE|HARMONIZED TARIFF NO|HARMONIZED SYSTEM CODE|HARMONISED CODE"
    ),
    "origin_country": wordings(
        "ORIGIN|COUNTRY OF ORIGIN|ORIGEN|COO|PAIS DE ORIGEN|URSPRUNGSLAND|URSPRUNG|HERKUNFTSLAND|"
        # where the goods were made, as a courier's form asks it
        "COUNTRY OF MANUFACTURE|COUNTRY OF MFR|COUNTRY OF MFG|MADE IN"
    ),
    # columns that are read only so that their figures do not land in a neighbour's cell
    # "No." alone heads the serial number of the line ("No. | Model No. | P/N | Description")
    # Vietnamese: "STT" (số thứ tự, the serial)
    "_line": wordings("LINE|LN|POS|LINEA|RENGLON|PARTIDA|NO|SR NO|SL NO|S NO|STT"),
    # a code that is the part number only when no part-number column is printed beside it: the maker's model
    # ("Model No." before "P/N"), a bare "Part." (the partida, the line's number, on a Spanish form with a
    # "No. de parte" column), "Item" (the line's number beside a "Part No." column)
    # "Activity" heads an accounting package's item column (the item's name, often its code)
    "_part_weak": wordings("MODEL|MODEL NO|MODEL NUMBER|MODELO|PART|ITEM|ACTIVITY|PRODUCT SERVICE"),
    # "Ord." alone heads the quantity ordered beside a "Shipped" column
    "_ordered": wordings("QTY ORD|QTY ORDERED|QUANTITY ORDERED|ORDERED|ORD QTY|CANT PEDIDA|ORD"),
    # the quantity still owed (ordered less shipped), a column of its own beside the ordered one
    "_back_ordered": wordings("BACK ORDER|BACK ORDERED|BACKORDER|BACKORDERED|QTY BO|BO|B O|QTY B O"),
    "_weight": wordings("NET WT|NET WT KG|NET WEIGHT|PESO NETO|GROSS WT|PESO|WEIGHT"),
    "_tax_rate": wordings("BTW|TAX|TAXES|VAT|IVA|UST|TVA|TAX %|VAT %|GST"),
    "_discount": wordings("DISC|DISC %|DISCOUNT|DESCUENTO|KORTING|RABATT"),
    # India's HSN (its own eight-digit ITC-HS code, or a six-digit HS heading), not the Mexican fracción
    "_hsn": wordings("HSN|HSN CODE|HSN SAC|HSN NO|ITC HS|ITC HS CODE|ITC HSN"),
    # Mercosur's NCM (the Harmonized System's six digits and two of its own), the Andean NANDINA, ALADI's NALADISA:
    # another customs union's eight-digit code, not the Mexican fracción
    # a certification of origin's criterion per item (``A`` … ``D``, ``N/A``), beside the item's country
    "_criterion": wordings(
        "ORIG CRIT|ORIGIN CRIT|ORIGIN CRITERION|PREF CRIT|PREFERENCE CRITERION|CRITERIO|CRITERIO DE ORIGEN"
    ),
    "_ncm": wordings("NCM|NCM SH|NCM SH CODE|CODIGO NCM|NANDINA|NALADISA|NALADI"),
    # the European Union's Combined Nomenclature (the HS's six digits and two of the EU's own: eight digits like a
    # fracción's, but another tariff's), by its Italian, French, Spanish and English names; a bilingual heading
    # names it first and glosses it "HS" (``Voce doganale / HS``): the heading is the EU code's
    "_eu_code": wordings(
        "VOCE DOGANALE|VOCE DOGANALE HS|CODICE DOGANALE|NOMENCLATURA COMBINATA|CN CODE|CN8|TARIC|TARIC CODE|"
        "CODICE TARIC|NOMENCLATURE COMBINEE|NOMENCLATURA COMBINADA|CODICE NC|VOCE NC|"
        # Spanish: "Código NC" (nomenclatura combinada), "Cód. NC", "Código TARIC"
        "CODIGO NC|COD NC|CODIGO TARIC|CODIGO CN|"
        # the UK's and the EU's name for a line of their tariff ("Commodity Code": ten digits in the UK's, eight in
        # the CN), never the Mexican fracción
        "COMMODITY CODE|COMMODITY CODE UK|UK COMMODITY CODE|COMMODITY NO"
    ),
    # the United States' own ten-digit code (its HTS, or the Schedule B of its exports) in a column named for it
    # (``US HTS`` beside ``MX Fracc.``): it shares the heading's six digits with the fracción, not the last two
    "_us_code": wordings(
        "US HTS|HTS US|US HTS CODE|US HTS NO|HTSUS|HTSUS NO|HTSUS CODE|US HS|US HS CODE|US TARIFF|US TARIFF NO|"
        "SCHEDULE B|SCHEDULE B NO|SCHEDULE B CODE|SCHED B|SCHED B NO"
    ),
    # Vietnam's own eight-digit code (the ASEAN tariff's, AHTN, with Vietnam's subheadings) by its Vietnamese name
    # ("Mã HS"): a bilingual heading names it first and glosses it in English (``Mã HS / HS code``), and the
    # code in the column is the exporter's tariff's, not the Mexican fracción
    "_vn_code": wordings("MA HS|MA HS HS CODE|MA SO HS|AHTN|AHTN CODE|MA HANG HOA HS"),
    # the quantity a price is quoted for ("Price | Per": ``12.5000 | M``, a price per thousand pieces)
    "_per": wordings("PER|PRICING UNIT|PRICE BASIS"),
    # the pieces a line's quantity makes when it is counted in a unit of sale of several pieces (``22 | DZ | 264``)
    "_pieces": wordings("PCS|PIECES|PIEZAS|PZAS|PZS|NO OF PCS|TOTAL PCS"),
    "_marks": wordings("MARKS|MARKS & NOS|MARKS AND NOS|MARKS & NUMBERS|MARKS AND NUMBERS|SHIPPING MARKS|MARCAS"),
}
# The same columns when the "item" / "Artikel" column holds product names rather than codes.
NAMED_ITEM_WORDS = ("ITEM", "ARTIKEL", "MATERIAL", "PRODUCT", "ARTICLE")
LINE_COLUMNS_NAMED: dict[str, Sequence[str]] = {
    **LINE_COLUMNS,
    "part_number": [label for label in LINE_COLUMNS["part_number"] if label not in NAMED_ITEM_WORDS],
    "_part_weak": [label for label in LINE_COLUMNS["_part_weak"] if label not in NAMED_ITEM_WORDS],
    "description": [*LINE_COLUMNS["description"], *NAMED_ITEM_WORDS],
}
# The same columns when the weak wordings head the only code column (a "Model" or "Part" column is the part
# number when nothing else names one).
LINE_COLUMNS_WEAK: dict[str, Sequence[str]] = {
    **{key: labels for key, labels in LINE_COLUMNS.items() if key != "_part_weak"},
    "part_number": [*LINE_COLUMNS["part_number"], *LINE_COLUMNS["_part_weak"]],
}
TABLE_STOP = [
    "SUBTOTAL",
    "SUB TOTAL",
    "TOTAL",
    "TOTAAL",
    "GRAND TOTAL",
    "TOTAL HT",
    "RAZEM",
    "NET AMOUNT",
    "FREIGHT",
    "FLETE",
    "SUMME",
    "NETTOBETRAG",
    # German: the goods' net sum ("Netto / Net", "Netto EUR"), the first row of the totals
    "NETTO",
    "WARENWERT",
    "UBERTRAG",
    "CARRIED FORWARD",
    # Spanish: the running sum at a page's foot ("Suma y sigue": carried forward), and the taxable base that
    # opens the totals ("Base imponible")
    "SUMA Y SIGUE",
    "BASE IMPONIBLE",
    # the issuer's page footer, under a table that runs to the foot of the page
    "FEDERAL TAX ID",
    "REMIT TO",
    "PLEASE REMIT",
    # an accounting package's sum of the lines before tax
    "UNTAXED AMOUNT",
    # a US distributor's sum of the goods, the totals' first row ("Merchandise:"), a note on the prices beside it
    "MERCHANDISE",
    # the goods shipped, before the credits for returned parts: the totals' first row, a note on the credits beside it
    "GOODS SHIPPED",
    # an export invoice's goods at their price term ("FOB value", "Valor FOB"), the first row of its totals
    *(f"{term} VALUE" for term in sorted(INCOTERMS)),
    *(f"VALOR {term}" for term in sorted(INCOTERMS)),
]

# A group's own subtotal between the groups of lines (a distributor's consolidated invoice sums each customer
# order's lines under them, ``PO Subtotal``): it ends no table, and it is not the invoice's subtotal
GROUP_SUBTOTALS = wordings(
    "PO SUBTOTAL|P O SUBTOTAL|ORDER SUBTOTAL|GROUP SUBTOTAL|SUBTOTAL FOR PO|SUBTOTAL FOR ORDER|SUBTOTAL PEDIDO|"
    "SUBTOTAL POR PEDIDO|SUBTOTAL ORDEN DE COMPRA|SUBTOTAL DEL PEDIDO"
)


# A blank of this many line heights under the last item ends the goods table on its page: what stands below
# (the issuer's footer, centred across the page) is none of the items' and must not close the columns' gutters.
MAX_GAP = 6.0


def _table_spec(anchor: str, columns: dict[str, Sequence[str]] | None = None) -> layout.TableSpec:
    def anchor_test(text: str) -> bool:
        normalised = layout.norm(text)
        if not normalised or any(normalised.startswith(layout.norm(stop)) for stop in TABLE_STOP):
            return False
        if anchor == "_line":
            return bool(re.fullmatch(r"\d{1,4}\.?", text.strip()))
        if anchor == "quantity":
            return parse_number(text) is not None
        if anchor == "description":
            return not opens_with_note(text)  # an item's labelled particulars under its description
        return anchor not in ("part_number", "_part_weak") or any(ch.isdigit() for ch in text)

    return layout.TableSpec(
        columns=columns or LINE_COLUMNS,
        anchor=anchor,
        anchor_test=anchor_test,
        min_header=3,
        stop=TABLE_STOP,
        free_text="description",
        aside=("_marks",),
        aside_runs=True,
        max_gap=MAX_GAP,
        spaced_colons=True,
        skip_line=_header_subrow,
        heading_test=_may_head,
        not_stop=GROUP_SUBTOTALS,
        row_types={
            "quantity": lambda text: parse_number(text) is not None,
            "unit_price": lambda text: parse_number(text) is not None,
            "amount": lambda text: parse_number(text) is not None,
        },
    )


_TERMS = frozenset(CURRENCY_CODES) | frozenset(INCOTERMS) | {"US$", "$", "€"}


# A page break's notices: "Continued on next page", "Continued", "Page 1/2", "Page 1 of 2", "Página 1 de 2"
_NOTICE = (
    r"(?:(?:TO BE )?CONTINUED(?: ON (?:THE )?(?:NEXT PAGE|PAGE \d+)| OVERLEAF)?|"
    # British: "Please turn over", "P.T.O."
    r"(?:PLEASE )?TURN OVER|P\.? ?T\.? ?O\.?|"
    # Spanish, and Portuguese ("Continua na próxima página / folha")
    r"CONTINUA(?: EN LA SIGUIENTE (?:PAGINA|HOJA)| NA PROXIMA (?:PAGINA|FOLHA))?|"
    r"SUITE(?: (?:A|AU) LA PAGE SUIVANTE| AU VERSO)?|A SUIVRE|"
    # German: "Fortsetzung" (continuation), "Fortsetzung folgt", "Fortsetzung auf der nächsten Seite"
    r"FORTSETZUNG(?: FOLGT| AUF (?:DER )?(?:NACHSTEN|FOLGENDEN) SEITE)?|"
    # Italian: "Segue" (follows), "Segue a pagina successiva", "Continua a pagina successiva"
    r"SEGUE(?: (?:A|ALLA|IN) PAGINA SUCCESSIVA)?|CONTINUA (?:A|ALLA|IN) PAGINA SUCCESSIVA|"
    # Vietnamese: "Tiếp theo" (continued), "Xem trang sau" (see the next page)
    r"TIEP THEO(?: TRANG SAU)?|XEM TRANG SAU|"
    r"(?:PAGE|PAGINA|PAG|HOJA|SEITE)\.? ?\d+(?: ?(?:/|OF|DE|VON) ?\d+)?)(?: ?[.:…]+)?"
)
# a bilingual form prints the notice in both languages, a slash between ("Suite à la page suivante / Continued")
_PAGE_NOTICES = re.compile(rf"{_NOTICE}(?:(?: +| *[/|] *){_NOTICE})*")


def _page_notice(line: layout.Line) -> bool:
    """A line holding only a page break's notices (a table that goes on overleaf) is none of the table's text."""
    text = layout.squash(" ".join(word.text for word in line.words)).upper()
    # set off by dashes or stars ("- TO BE CONTINUED -", "*** CONTINUED ***"; a scan may read a dash as + or ~), or
    # in brackets ("(Continued)", "[Continúa]")
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    if _PAGE_NOTICES.fullmatch(plain.strip(" -–—*+~=_()[]")):
        return True
    # a form printed in two scripts sets the notice in its own script beside the Latin one (``계속 / Continued``),
    # and a scan without the other script's font leaves the slash alone (``/ Continued``): a half in no Latin
    # letter or figure glosses the known half
    halves = [half.strip(" -–—*+~=_()[]") for half in plain.split("/")]
    known = [half for half in halves if _PAGE_NOTICES.fullmatch(half)]
    return bool(known) and len(halves) > 1 and all(half in known or not _LATIN.search(half) for half in halves)


# a Latin letter or a figure: a word of another script has none
_LATIN = re.compile(r"[A-Za-z0-9]")


def _may_head(line: layout.Line, hits: Sequence[layout.LabelHit] = ()) -> bool:
    """A line that opens with a labelled note (``Ursprung / Origin: CN   Zolltarif-Nr. MX / MX tariff no.: …``
    under an item), or holds a label, its colon and a code (a scan may set the note's first words on a line of
    their own), names columns but heads no table: it is the item's particulars. Nor does a sentence that
    happens to name a few (an origin declaration: "The exporter of the products covered by this document
    (customs authorisation No. …)"): most of a heading's words are its labels'."""
    texts = [word.text for word in line.words]
    if opens_with_note(" ".join(texts)):
        return False
    if any(
        text.endswith(":") and sum(ch.isdigit() for ch in after) >= 4
        for text, after in zip(texts, texts[1:], strict=False)
    ):
        return False
    worded = [k for k, text in enumerate(texts) if any(ch.isalpha() for ch in text)]
    labelled = {k for hit in hits for k in range(hit.start, hit.end + 1)} | glossed_words(line, hits)
    return not hits or 2 * sum(1 for k in worded if k in labelled) >= len(worded)


# a heading cell's words stand closer than this many text heights; a column's gutter is wider
CELL_GAP = 1.5


def glossed_words(line: layout.Line, hits: Sequence[layout.LabelHit]) -> set[int]:
    """The words of a bilingual heading's cells that another language glosses (``Descrizione / Description``,
    ``Q.tà / Qty``): in a cell whose halves a slash parts, the half no label names is the known half's wording
    in the form's other language, so it is heading too. A sentence's words stand a word space apart and make one
    long cell, whose halves are mostly not labels: it stays a sentence."""
    labelled = {k for hit in hits for k in range(hit.start, hit.end + 1)}
    words = line.words
    cells: list[list[int]] = []
    for k, word in enumerate(words):
        if cells and word.x0 - words[cells[-1][-1]].x1 <= CELL_GAP * max(1.0, word.bottom - word.top):
            cells[-1].append(k)
        else:
            cells.append([k])
    glossed: set[int] = set()
    for cell in cells:
        halves: list[list[int]] = [[]]
        for k in cell:
            text = words[k].text.strip()
            if text == "/":
                halves.append([])
                continue
            head, slash, tail = text.partition("/")
            if slash and head and tail:
                halves[-1].append(k)  # ``Q.ta/Qty`` glued: one word holds both halves
                continue
            halves[-1].append(k)
            if slash:
                halves.append([])
        halves = [half for half in halves if half]
        if len(halves) < 2:
            continue
        known = [half for half in halves if half and all(k in labelled for k in half)]
        if known:
            glossed.update(k for half in halves for k in half)
    return glossed


# a band over a group of lines naming the customer's order they fill (``Customer PO: OC-12345678   Sales Order:
# SO-448812``, ``PO # 4500012345 (continued)``): the order's label, its mark, and a reference with figures
_GROUP_BAND = re.compile(
    r"(?:CUSTOMER\s+|YOUR\s+)?(?:P\.?\s?O\.?|PURCHASE\s+ORDER|ORDEN\s+DE\s+COMPRA|O\.\s?C\.|PEDIDO)"
    r"\s*(?:NO\.?|N[º°O]\.?|NUMBER|#)?\s*[:#]\s*(?P<order>[A-Z0-9][\w/.\-]*\d[\w/\-]*)",
    re.I,
)


def _group_band(line: layout.Line) -> bool:
    """A line that opens with a customer order's label and its reference, and holds no money figure: the band
    over that order's group of lines, none of an item's text."""
    text = layout.squash(" ".join(word.text for word in line.words))
    return bool(_GROUP_BAND.match(text)) and not re.search(r"\d[.,]\d{2}\b", text)


def group_orders(pages: Sequence[layout.PageLayout]) -> list[str]:
    """The customer orders the bands over groups of lines name, in order (each one once)."""
    orders: list[str] = []
    for page in pages:
        for line in page.lines:
            if _group_band(line):
                match = _GROUP_BAND.match(layout.squash(" ".join(word.text for word in line.words)))
                if match and match.group("order") not in orders:
                    orders.append(match.group("order"))
    return orders


def _header_subrow(line: layout.Line) -> str | None:
    """A header's second row repeated on a continuation page (the price term and currency under the price
    columns: ``FOB SHENZHEN USD``) is no description: a short line without figures, in capitals, naming a
    currency or an incoterm. A page break's notices are skipped too."""
    if _page_notice(line) or _group_band(line):
        return "skip"
    texts = [word.text.strip(" :") for word in line.words if layout.norm(word.text)]
    if not texts or len(texts) > 4 or any(ch.isdigit() or ch.islower() for text in texts for ch in text):
        return None
    return "skip" if any(text in _TERMS for text in texts) else None


def read_lines(out: ResultBuilder, pages: list[layout.PageLayout]) -> None:
    """The line items: the table read with each plausible anchor column; the reading with most lines wins."""
    best: list[dict[str, dict[str, Any]]] = []
    best_spilled = 0
    pages = spelled_dittos(pages)
    for anchor, columns in (
        ("part_number", LINE_COLUMNS),
        ("_line", LINE_COLUMNS),
        ("description", LINE_COLUMNS),
        ("description", LINE_COLUMNS_NAMED),
        ("part_number", LINE_COLUMNS_NAMED),
        ("_line", LINE_COLUMNS_NAMED),
        ("quantity", LINE_COLUMNS),
        # rows that start at an "Item" or "Model" column left of the part number's
        ("_part_weak", LINE_COLUMNS),
        ("part_number", LINE_COLUMNS_WEAK),
        ("_line", LINE_COLUMNS_WEAK),
        ("description", LINE_COLUMNS_WEAK),
    ):
        records = layout.read_table(pages, _table_spec(anchor, columns))
        lines = _lines_of(records)
        serials_before_codes(lines)
        if _reading_score(lines, _spilled(records)) > _reading_score(best, best_spilled):
            best, best_spilled = lines, _spilled(records)
        codes = all(" " not in str(line.get("part_number", {}).get("value", " ")) for line in best)
        worded = all(not _FIGURE.fullmatch(str(line.get("description", {}).get("value", "0"))) for line in best)
        # rows start at their part numbers (codes): the other readings would find the same table. The serials'
        # reading is tried first all the same: on a scan that lost a few serials, the part numbers' reading finds
        # only the rows whose serial was lost, and the rows under them run into its description as text
        if best and codes and worded and not best_spilled and not _swallowed(best) and anchor != "part_number":
            break
    ocr_pages = {page.number for page in pages if page.ocr}
    tidy_scanned_text(best, ocr_pages)
    codes_leading_descriptions(best)
    by_number_convention(best)
    price_bases(best)
    for line in best:
        sold_in_pieces(line)
        reconcile_quantity(line)
    # a Vietnamese goods heading: its unit column is headed "ĐVT" (đơn vị tính)
    vietnamese = any("DVT" in line.tokens for page in pages for line in page.lines)
    repair_scanned_lines(best, ocr_pages, vietnamese)
    for line in best:
        out.add_line(line)


_AMBIGUOUS = re.compile(r"\d{1,3}([.,])\d{3}")


def by_number_convention(lines: list[dict[str, dict[str, Any]]]) -> None:
    """``19,428`` and ``5.724`` read either way (thousands or three decimals), and a line's arithmetic holds both
    ways round (19.428 × 5724 = 19428 × 5.724). The amounts, printed with two decimals, tell the document's
    convention (``111,205.87``: a point for decimals); the quantities and prices read by it."""
    marks = [re.search(r"([.,])\d{2}$", str(line.get("amount", {}).get("raw", "")).strip()) for line in lines]
    decimals = {mark.group(1) for mark in marks if mark}
    if len(decimals) != 1:
        return
    point = decimals.pop()
    for line in lines:
        for key in ("quantity", "unit_price"):
            cell = line.get(key)
            match = _AMBIGUOUS.fullmatch(str(cell.get("raw", "")).strip()) if cell else None
            if cell is None or match is None:
                continue
            digits = match.group(0).replace(match.group(1), "")
            value = float(digits) if match.group(1) != point else float(digits) / 1000
            line[key] = {**cell, "value": value}


def _lines_of(records: list[layout.Record]) -> list[dict[str, dict[str, Any]]]:
    """Line items of the table's records; a record of description words alone (a wrapped description whose
    continuation starts at the column a record starts at) continues the line before it, and so does a record
    of words and labelled particulars without figures (``SUPERIOR A 0.2 MM`` over ``P/N: A-817682``): its
    particulars fill what the line lacks."""
    lines: list[dict[str, dict[str, Any]]] = []
    printed = ""  # the last line's description as printed, up to its last word's stop or comma
    credit = False  # the last item was a credit line: what continues it is not the line before's
    for record in records:
        cells = _cells(record)
        if _is_item(cells):
            credit = is_credit_line(cells, record.text("amount"))
            if not credit:
                resolve_dittos(cells, lines[-1] if lines else None)
                lines.append(cells)
                printed = _printed(record)
            continue
        if credit or not lines or not cells or not set(cells) <= CONTINUATION or "description" not in lines[-1]:
            continue
        line = lines[-1]
        for key, cell in cells.items():
            if key == "description":
                printed = f"{printed} {_printed(record)}"
                parsed = layout.parse_text(printed)
                text = parsed[0] if parsed else layout.squash(f"{line['description']['value']} {cell['value']}")
                line["description"] = {**line["description"], "value": text}
            elif key not in line:
                line[key] = cell
    return lines


# a ditto mark: the value of the line above, repeated (``"``, ``DO.``, ``-do-``, ``ditto``, ``idem``); "DO" without
# its stop is the Dominican Republic's code
DITTO = re.compile(r"(?:[\"”“〃]|''|DO\.|-DO-?|DITTO|IDEM)", re.I)
# the columns a ditto mark may stand in
DITTO_KEYS = ("description", "tariff_code", "origin_country", "unit")


def ditto_keys(record: layout.Record) -> list[str]:
    """The columns of a record whose first line holds only a ditto mark (what a record carried over a page
    break gathers under it, the next page's heading, is none of the line's)."""
    keys = []
    for key in DITTO_KEYS:
        cell = record.cells.get(key)
        if cell is None or not cell.words:
            continue
        first = cell.words[0]  # in reading order: a word of the next page may stand higher on its own page
        text = " ".join(word.text for word in cell.words if abs(word.top - first.top) < 2.0)
        if DITTO.fullmatch(text.strip()):
            keys.append(key)
    return keys


# a ditto mark of quotes alone: no letter or figure, so no table cell would keep it
_QUOTE_DITTO = re.compile(r"[\"”“〃]|''|’’")


def spelled_dittos(pages: list[layout.PageLayout]) -> list[layout.PageLayout]:
    """The pages with every ditto mark printed as quotes alone (a word ``"``) spelled ``DITTO``, so that the
    column it stands in keeps it."""
    out = []
    for page in pages:
        if not any(_QUOTE_DITTO.fullmatch(word.text) for line in page.lines for word in line.words):
            out.append(page)
            continue
        lines = []
        for line in page.lines:
            if any(_QUOTE_DITTO.fullmatch(word.text) for word in line.words):
                words = [
                    dataclasses.replace(word, text="DITTO") if _QUOTE_DITTO.fullmatch(word.text) else word
                    for word in line.words
                ]
                line = dataclasses.replace(line, words=words, tokens=[layout.norm(word.text) for word in words])
            lines.append(line)
        out.append(dataclasses.replace(page, lines=lines))
    return out


def resolve_dittos(line: dict[str, dict[str, Any]], above: dict[str, dict[str, Any]] | None) -> None:
    """A typed invoice prints a value that repeats the line above's as a ditto mark: the line takes that value
    (and nothing when there is no line above, or it has none)."""
    marked = line.pop("_ditto", None)
    if marked is None:
        return
    for key in str(marked["value"]).split(","):
        if above is not None and key in above:
            line[key] = {**above[key], "raw": marked.get("raw", above[key].get("raw"))}


def is_credit_line(line: dict[str, dict[str, Any]], printed: str = "") -> bool:
    """A credit for returned goods among the goods lines (``-50 KG ... (148.68)``): its quantity is negative and
    so is its amount (a minus sign or parentheses, in the amount's cell as ``printed``). It ships nothing: no
    goods line."""
    quantity = line.get("quantity", {}).get("value")
    amount = line.get("amount")
    if not isinstance(quantity, (int, float)) or quantity >= 0 or amount is None:
        return False
    raw = (printed or str(amount.get("raw", ""))).strip()
    value = amount.get("value")
    return (isinstance(value, (int, float)) and value < 0) or raw.startswith(("(", "-")) or raw.endswith((")", "-"))


def _printed(record: layout.Record) -> str:
    """A description cell's words as printed (the marks a ruling line leaves aside): a wrapped description keeps
    the comma its first line ends with."""
    cell = record.cells.get("description")
    return " ".join(word.text.strip("|[]{}") or word.text for word in cell.words) if cell else ""


# what a line's continuation (a record without figures) may carry: more words and the item's labelled particulars
CONTINUATION = frozenset({"description", "part_number", "tariff_code", "origin_country"})


_LEAD = re.compile(r"(\S{1,4}?)\.?\s+(\S.*)")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9/._\-]*\d[A-Z0-9/._\-]*", re.I)


def serials_before_codes(lines: list[dict[str, dict[str, Any]]]) -> None:
    """Part numbers that start with the line's own serial number (``1 A-993825``, ``2 SKU-884330``, … in
    order) hold two columns: the serial's column ("Part.", "No.") had a heading read as part of the part
    number's ("Part. No. de parte"). The serial is dropped. Serials out of order are left as they are (a code
    may well start with a number), and so is a single line unless it is "1" before one code; on a scan one
    serial in four may be misread ("E" for "1") or lost."""
    matches = [_LEAD.fullmatch(str(line.get("part_number", {}).get("value", ""))) for line in lines]
    if not lines or (len(lines) < 4 and any(match is None for match in matches)):
        return
    leads = [_serial(match.group(1)) if match else None for match in matches]
    numbered = [(k, lead) for k, lead in enumerate(leads) if lead is not None]
    if not numbered:
        return
    base = numbered[0][1] - numbered[0][0]
    in_order = sum(1 for k, lead in numbered if lead == base + k)
    if len(lines) == 1:
        rest = matches[0].group(2) if matches[0] else ""
        if leads[0] != 1 or not _CODE.fullmatch(rest):
            return  # one line: only "1" before a single code (a code may start with a number and a space)
    elif in_order < 2 or len(lines) - in_order > len(lines) // 4:
        return
    for line, match in zip(lines, matches, strict=True):
        if match:
            line["part_number"] = {**line["part_number"], "value": match.group(2)}


def _serial(text: str) -> int | None:
    """A serial number as printed (``1``, ``01``, ``3.``), or None."""
    return int(text) if text.isdigit() else None


_FIGURE = re.compile(r"[\d.,\s]+")
# a sum of money inside a description: a price or an amount (``0.0415``, ``14,406.51``)
_MONEY_IN_TEXT = re.compile(r"(?<![\w.,])\d[\d,]*\.\d{2,4}(?![\w.,])")


def _swallowed(lines: list[dict[str, dict[str, Any]]]) -> bool:
    """Whether a description holds two sums of money or more: rows of the table (their prices and amounts) taken
    for a line's wrapped text, because they did not start the way the reading's rows start."""
    return any(len(_MONEY_IN_TEXT.findall(str(line.get("description", {}).get("value", "")))) >= 2 for line in lines)


def _reading_score(lines: list[dict[str, dict[str, Any]]], spilled: int = 0) -> tuple[int, int, int, int, int]:
    """More lines is better; among equals, part numbers that look like codes (no spaces) are better, then
    descriptions that are words, then figure columns that hold figures (``spilled``: records whose words of
    text fell in a figure's column), then more cells read (a heading two readings give to different columns,
    like "Artikel" for the part number or for the description beside an "Art.-Nr." column, is right where every
    line gets both)."""
    named = sum(1 for line in lines if " " in str(line.get("part_number", {}).get("value", "")))
    # a description that is a bare figure is a serial's column read as the description ("Item" over 1, 2, 3)
    figures = sum(1 for line in lines if _FIGURE.fullmatch(str(line.get("description", {}).get("value", "x"))))
    return len(lines), -named, -figures, -spilled, sum(len(line) for line in lines)


# a word of text: three letters or more (a unit beside a quantity, ``PCS``, ``UD``, is one such word at most)
_TEXT_WORD = re.compile(r"[^\W\d_]{3,}")
FIGURE_KEYS = ("quantity", "unit_price", "amount")
# columns of tariff codes: figures too, never words of text
CODE_KEYS = ("tariff_code", "_hsn", "_ncm", "_eu_code", "_us_code", "_vn_code")


def _spilled(records: list[layout.Record]) -> int:
    """How many records hold words of text in a figure's column (quantity, price, amount) beyond a unit, or in a
    tariff code's: the columns were read off by one (an "Item" column of serials taken for the description's, the
    description pushed into the quantity's, ``PARTES PARA TRANSFORMADORES 88``, or into the commodity code's)."""
    keys = (*FIGURE_KEYS, *CODE_KEYS)
    return sum(1 for record in records if any(len(_TEXT_WORD.findall(record.text(key))) >= 2 for key in keys))


def _cell(record: layout.Record, key: str, parser: Any, certainty: float = 0.9) -> layout.Found | None:
    return layout.found_from_cell(record.cells.get(key), parser, certainty)


def _unheaded_codes(record: layout.Record) -> None:
    """A part-number column whose heading no wording names lands in a neighbour's cell (the quantity's, or the
    description's end): its code moves to the part number."""
    if record.text("part_number").strip():
        return
    for key, side in (("quantity", "left"), ("description", "right")):
        cell = record.cells.get(key)
        if cell is None:
            continue
        code = unheaded_code_words(cell.words, side)
        if code:
            cell.words = [w for w in cell.words if w not in code]
            record.cells["part_number"] = layout.Cell(words=code, page=cell.page)
            return


def _codes_under_serial_heading(record: layout.Record) -> None:
    """A "No." column that holds codes (``A-1234``), not serials, is the part number's when none other is."""
    cell = record.cells.get("_line")
    if cell is not None and not record.text("part_number").strip() and is_code(cell.text.strip()):
        record.cells["part_number"] = cell


_PER_UNITS = re.compile(r"/?\s*\d{1,5}\s*[A-Za-z]{1,5}\.?")


def _price_per_unit(record: layout.Record) -> None:
    """A price quoted per pricing unit (``0,2804 USD / 1 PC``) is wider than its heading: where its figure
    lands in the unit's cell and the price's cell keeps only the ``/ 1 PC``, the figure (and what follows it)
    goes back to the price; the unit's cell keeps the words before the figure."""
    unit, price = record.cells.get("unit"), record.cells.get("unit_price")
    if unit is None or price is None or not _PER_UNITS.fullmatch(price.text.strip()):
        return
    first = next((k for k, word in enumerate(unit.words) if any(ch.isdigit() for ch in word.text)), None)
    if first is None:
        return
    moved = unit.words[first:]
    unit.words = unit.words[:first]
    price.words = [*moved, *price.words]


def _description_overrun(record: layout.Record) -> None:
    """A description longer than its column runs under the next heading (a right-aligned quantity's, its label
    far right of the description's, so that no gutter parts the two columns and the border falls at the midpoint
    between the labels). The figure's cell then holds the description's end before its own figure (``ESPESOR
    SUPERIOR A 0.2 MM`` before ``41 KG``, the two a point apart; or its last word printed across the figure): the
    words before the cell's last figure, and words set over that figure, that follow the description's last word
    on its printed line a word space apart, words among them, go back to the description. A column's gutter is
    wider than a word space, so a figure column's own words stay."""
    cell = record.cells.get("description")
    if cell is None or not cell.words:
        return
    for key in (*FIGURE_KEYS, "unit"):
        other = record.cells.get(key)
        if other is None or not other.words:
            continue
        figures = [k for k, word in enumerate(other.words) if any(ch.isdigit() for ch in word.text)]
        if not figures:
            continue
        figure = other.words[figures[-1]]
        # words set over the figure itself (the description's last word printed across the figure's start)
        over = [
            word
            for word in other.words[figures[-1] + 1 :]
            if word.x0 < figure.x1 and word.x1 > figure.x0 and not any(ch.isdigit() for ch in word.text)
        ]
        moved = sorted([*other.words[: figures[-1]], *over], key=lambda w: w.x0)
        if not any(_TEXT_WORD.search(word.text) for word in moved):
            continue
        first = moved[0]
        height = max(1.0, first.bottom - first.top)
        row = [w for w in cell.words if abs(w.top - first.top) < height / 2 and w.x1 <= first.x0]
        chained = [max(row, key=lambda w: w.x1), *moved] if row else []
        if not chained or any(
            abs(b.top - first.top) >= height / 2 or b.x0 - a.x1 > _WORD_SPACE * height
            for a, b in zip(chained, chained[1:], strict=False)
        ):
            continue
        other.words = [word for word in other.words if word not in moved]
        cell.words = [*cell.words, *moved]


# the widest space between two words of one text, in text heights (a column's gutter is wider)
_WORD_SPACE = 0.6


def _is_item(line: dict[str, dict[str, Any]]) -> bool:
    """A line item has a price or an amount, and a description or a part number."""
    return ("amount" in line or "unit_price" in line) and ("description" in line or "part_number" in line)


def _cells(record: layout.Record) -> dict[str, dict[str, Any]]:
    """Every field a record's cells give, read by its column's parser (figures or none)."""
    dittos = ditto_keys(record)
    _codes_under_serial_heading(record)
    _price_per_unit(record)
    _description_overrun(record)
    _unheaded_codes(record)
    codes_left_of_description(record)
    labelled_notes(record)
    maker_part_lines(record)
    bracketed_code(record)
    line: dict[str, dict[str, Any] | None] = {}
    for key, parser in (
        ("part_number", layout.parse_text),
        ("description", layout.parse_text),
        ("quantity", parse_quantity),
        ("unit_price", parse_money),
        ("amount", parse_last_money),
        ("tariff_code", layout.parse_regex(r"\d{4}[ .]?\d{2}[ .]?\d{2}(?:[ .]?\d{2})?", digits=True)),
        ("origin_country", parse_country),
        ("_pieces", parse_quantity),
    ):
        found = None if key in dittos else _cell(record, key, parser)
        if found is None:
            continue
        value = found.value
        if key == "tariff_code":
            value = str(value)[:8]
        line[key] = line_field(value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
    unit_cell = record.cells.get("unit")
    quantity_cell = record.cells.get("quantity")
    unit_text = unit_cell.text if unit_cell else ""
    if not unit_text and quantity_cell is not None:
        trailing = re.search(r"\d[.,]?\s*([A-Za-z]{1,5})\s*$", quantity_cell.text)
        unit_text = trailing.group(1) if trailing else ""
    price_cell = record.cells.get("unit_price")
    if not unit_text and price_cell is not None:
        # a unit column without a header of its own ("Unit Price" read as one label) lands before the price
        leading = re.match(r"\s*([A-Za-z]{1,5})\.?\s+\d", price_cell.text)
        unit_text = leading.group(1) if leading else ""
    unit_text = unit_text.strip(" .:;,-")  # a scan's specks beside the unit ("PZA:", "-PZA")
    glued = _QUANTITY_GLUED.fullmatch(unit_text) if "quantity" not in line and unit_cell is not None else None
    if glued is not None and (count := parse_quantity(glued.group(1))) is not None:
        # the quantity a scan read as one word with the unit beside it (``33:<DZ``): it stood at the unit's column
        line["quantity"] = line_field(count[0], 0.8, page=record.page, raw=glued.group(1))
        unit_text = glued.group(2)
    # a unit as a language spells it, accents and all (Vietnamese ``CÁI`` pieces, ``BỘ`` sets)
    if unit_text and "unit" not in dittos and re.fullmatch(r"(?:[^\W\d_]|\.){1,8}", unit_text):
        line["unit"] = line_field(unit_text.strip(" .").upper(), 0.8, page=record.page, raw=unit_text)
    _code_under_category(line)
    _whole_figures(record, line)
    if dittos:
        marks = " ".join(record.text(key).strip() for key in dittos)
        line["_ditto"] = line_field(",".join(dittos), 0.9, page=record.page, raw=marks)
    per = record.text("_per").strip() or _price_suffix(record.text("unit_price"))
    if per:
        line["_per"] = line_field(per, 0.9, page=record.page, raw=per)
    return compact_line(line)


# a figure and a unit a scan read as one word, specks between (``33:<DZ``, ``1,440~GRS``)
_QUANTITY_GLUED = re.compile(r"(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)[^\w\s]{1,3}([A-Za-z]{1,5})")


# what a price is quoted for, after it in its own cell: ``12.50 /M``, ``12.50 per M``, ``0.28 / 1000 PCS``
_PRICE_SUFFIX = re.compile(r"\d\s*(?:/|\bPER\b)\s*([A-Z0-9][A-Z0-9,.]*(?:\s+[A-Z]{1,5})?)\.?\s*$", re.I)


def _price_suffix(text: str) -> str:
    match = _PRICE_SUFFIX.search(text.strip())
    return match.group(1) if match else ""


# the quantities a price may be quoted for, by the trade's letters and words: M (the Roman thousand), C (the
# Roman hundred), "thousand", "millar", "ciento"
_BASIS_WORDS = {"M": 1000, "MIL": 1000, "MILLAR": 1000, "THOUSAND": 1000, "C": 100, "CIENTO": 100, "HUNDRED": 100}
# letters that name a unit of measure as well (M for metres): a basis only where the line's arithmetic says so
_BASIS_LETTERS = frozenset({"M", "C"})


def _basis(text: str) -> int | None:
    """The number of pieces a price is quoted for, from what the price's "per" says (``M``, ``1,000``,
    ``1000 PCS``, ``C``), or None (``EA``, ``1 PC``: the price of one)."""
    words = layout.squash(text).upper().replace(".", " ").split()
    if not words:
        return None
    if re.fullmatch(r"\d{1,3}(?:,?\d{3})*", words[0]):
        number = int(words[0].replace(",", ""))
        return number if number in (10, 100, 1000, 10000) else None
    return _BASIS_WORDS.get(words[0]) if len(words) == 1 else None


def price_bases(lines: list[dict[str, dict[str, Any]]]) -> None:
    """A price quoted per thousand pieces (``12.5000`` under "Price", ``M`` under "Per"; or ``12.50 /M``) is no
    unit price: the price of one piece is printed nowhere, and the line's amount is the quantity in thousands
    times it. The price stays as printed (``quoted_price``) with the pieces it is for (``price_basis``), and the
    line has no ``unit_price``. The letters M and C also name units (metres), so they are a basis only where
    quantity × price ÷ basis gives the amount, or where the line counts its quantity in another unit (``EA``), and
    quantity × price does not give the amount."""
    for line in lines:
        per = line.pop("_per", None)
        price = line.get("unit_price")
        if per is None or price is None:
            continue
        basis = _basis(str(per["value"]))
        if basis is None:
            continue
        quantity, amount = (line.get(key, {}).get("value") for key in ("quantity", "amount"))
        unit = str(line.get("unit", {}).get("value", "")).upper()
        letter = layout.squash(str(per["value"])).upper().strip(" .")
        checked = isinstance(quantity, int | float) and isinstance(amount, int | float)
        if checked:
            assert isinstance(quantity, int | float) and isinstance(amount, int | float)
            tolerance = max(0.02, 0.005 * abs(amount))
            if abs(quantity * float(price["value"]) - amount) <= tolerance:
                continue  # the price of one: what the "per" column says is the line's unit
            checked = abs(quantity * float(price["value"]) / basis - amount) <= tolerance
        if letter in _BASIS_LETTERS and not checked and (not unit or unit == letter):
            continue  # M or C as the unit the quantity counts (metres), not a number of pieces
        line["quoted_price"] = line.pop("unit_price")
        line["price_basis"] = {**per, "value": basis}


# units that measure rather than count: a pieces column beside them is no multiple of them ("GR" is left out: a
# gram's, or the gross's 144 pieces)
_MEASURES = frozenset(wordings("KG|KGS|G|LB|LBS|T|TON|TONS|M|MT|MTS|M2|M3|CM|MM|FT|IN|YD|L|LT|LTS|ML|GAL|KM|KWH"))


def sold_in_pieces(line: dict[str, dict[str, Any]]) -> None:
    """A line counted in a unit of sale of several pieces beside the pieces it makes (``22 | DZ | 264 | 0.7368``,
    priced per dozen) is a line of that many pieces: the quantity is the pieces, in the pieces' unit, and the
    price, quoted per unit of sale, is the price of as many pieces as one unit holds (``quoted_price`` and
    ``price_basis``), not of one. The pieces must be a whole multiple of the quantity and quantity × price must
    give the amount; a line sold by the piece (``583 | PCS | 583``) keeps its price. A measure (``KG``) counts
    no pieces."""
    pieces = line.pop("_pieces", None)
    quantity, price, amount = (line.get(key, {}).get("value") for key in ("quantity", "unit_price", "amount"))
    if pieces is None or not all(isinstance(v, int | float) for v in (pieces["value"], quantity, price, amount)):
        return
    count, sold = float(pieces["value"]), float(quantity)  # type: ignore[arg-type]
    unit = str(line.get("unit", {}).get("value", "")).upper().strip(". ")
    if sold <= 0 or count < sold or unit in _MEASURES:
        return
    per = count / sold
    tolerance = max(0.02, 0.005 * abs(float(amount)))  # type: ignore[arg-type]
    if abs(per - round(per)) > 1e-6 or abs(sold * float(price) - float(amount)) > tolerance:  # type: ignore[arg-type]
        return
    line["quantity"] = {**pieces, "value": count}
    if round(per) == 1:
        return
    line["unit"] = {**pieces, "value": "PCS", "raw": pieces.get("raw")}
    line["quoted_price"] = line.pop("unit_price")
    line["price_basis"] = {**line["quoted_price"], "value": int(round(per))}


_WHOLE = re.compile(r"\d{1,3}")


def _whole_figures(record: layout.Record, line: dict[str, Any]) -> None:
    """A price or an amount printed as a bare whole figure (``207``, ``128``: a currency without a minor unit,
    the yen's, prints no decimals, and under a thousand no separator either) does not look like money by
    itself; the line's arithmetic says it is: quantity × price gives the amount (rounded to the whole unit)."""
    quantity = (line.get("quantity") or {}).get("value")
    if not isinstance(quantity, int | float) or quantity <= 0:
        return
    for key, other in (("amount", "unit_price"), ("unit_price", "amount")):
        cell, known = record.cells.get(key), line.get(other)
        if line.get(key) is not None or cell is None or known is None or not _WHOLE.fullmatch(cell.text.strip()):
            continue
        value = float(cell.text.strip())
        price, amount = (float(known["value"]), value) if key == "amount" else (value, float(known["value"]))
        # the amount rounded to the whole unit, and the price to its last printed decimal on every piece
        decimals = _price_decimals(known) if key == "amount" else None
        tolerance = 0.5 + (quantity * 0.5 * 10.0**-decimals if decimals is not None else 0.0)
        if abs(quantity * price - amount) <= tolerance:
            found = _cell(record, key, parse_number)
            if found is not None:
                line[key] = line_field(value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)


# An accounting package names a sub-item after its parent: ``Fasteners:A-461293`` (category, colon, the item).
_SUB_ITEM = re.compile(r"(?:[^\W\d_](?:[^\W\d]|[&. \-])*:)+(?P<code>[A-Z0-9][A-Z0-9/._\-]*\d[A-Z0-9/._\-]*)", re.I)


def _code_under_category(line: dict[str, Any]) -> None:
    """A part number printed as ``Category:CODE`` is the code: the category (a word without digits) groups
    items in the issuer's books, it is no part of the part number."""
    cell = line.get("part_number")
    match = _SUB_ITEM.fullmatch(str(cell["value"]).strip()) if cell else None
    if cell and match:
        line["part_number"] = {**cell, "value": match.group("code")}


def _price_decimals(cell: dict[str, Any]) -> int | None:
    """The decimals a unit price is printed with (``0.0321``: 4), or None when its print does not tell."""
    match = re.search(r"[.,](\d+)\D*$", str(cell.get("raw") or ""))
    if match is None:
        return None
    value = cell.get("value")
    if len(match.group(1)) == 3 and isinstance(value, int | float) and float(value).is_integer():
        return None  # ``1,000``: a thousands separator
    return len(match.group(1))


def _line_tolerance(
    quantity: float, price_cell: dict[str, Any], amount: float, amount_cell: dict[str, Any] | None = None
) -> float:
    """How far quantity × price may miss the amount: half a unit of the price's last printed decimal on every
    piece (the price is printed rounded) and half a cent, within 0.5 % of the amount. So a quantity a few pieces
    off (the ordered figure beside the shipped one, 19,497 for 19,447 at 0.0321) still misses. An amount printed
    in whole units (a currency without a minor unit: ``207`` yen for 22 × 9.39) is rounded to half a unit."""
    loose = max(0.02, 0.005 * abs(amount))
    decimals = _price_decimals(price_cell)
    if decimals is None:
        return loose
    rounding = 0.5 if amount_cell is not None and _whole_units(amount_cell) else 0.005
    return max(0.02, min(loose, abs(quantity) * 0.5 * 10**-decimals + rounding + 1e-9 * abs(amount)))


def _whole_units(cell: dict[str, Any]) -> bool:
    """Whether an amount is printed without decimals (``207``, ``1,234,567``, ``¥17,657``): a whole value whose
    print ends in no decimal mark and one or two digits."""
    value = cell.get("value")
    raw = str(cell.get("raw") or "").strip()
    return (
        isinstance(value, int | float)
        and float(value).is_integer()
        and bool(raw)
        and not re.search(r"[.,]\d{1,2}\D*$", raw)
    )


def check_totals(out: ResultBuilder) -> None:
    amounts = [line["amount"]["value"] for line in out.lines if "amount" in line]
    for line in out.lines:
        quantity, amount = (line.get(key, {}).get("value") for key in ("quantity", "amount"))
        price = price_of_one(line)
        if quantity is None or price is None or amount is None:
            continue
        price_cell = line.get("unit_price", line.get("quoted_price", {}))
        basis = line.get("price_basis", {}).get("value") or 1
        if abs(quantity * price - amount) > _line_tolerance(quantity / basis, price_cell, amount, line.get("amount")):
            out.warn(
                "line_mismatch",
                f"A line says {quantity} × {price} = {amount}; check the line (a discount may explain it).",
                "amount",
            )
    subtotal = out.fields.get("subtotal_amount", {}).get("value")
    if subtotal is not None and amounts and abs(sum(amounts) - subtotal) > 0.01 * max(1, len(amounts)):
        out.warn(
            "totals_mismatch",
            f"The lines add up to {sum(amounts):.2f} but the subtotal printed is {subtotal:.2f}.",
            "subtotal_amount",
        )
