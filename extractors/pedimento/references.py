"""Invoices, COVE, guías, containers and the IMMEX program, wherever the pedimento prints them."""

from __future__ import annotations

import re

from extractors.entities import recognisers
from extractors.layout import PageLayout, apply_parser, column_below, find_labels, norm, words_below, words_right_of
from extractors.pedimento.labels import PARSERS
from extractors.result import ResultBuilder

# Words that label an identifier line rather than being its code or complement.
_IDENTIFIER_LABELS = frozenset({"IDENTIFICADOR", "IDENTIFICADORES", "IDENTIF", "CLAVE", "CVE", "COMPLEMENTO", "1", "2"})
# The words that name the code right after them an identifier's (``IDENTIFICADOR IM: 1234-2006``).
_CODE_LABELS = frozenset({"IDENTIFICADOR", "IDENTIFICADORES", "IDENTIF", "CLAVE", "CVE"})


def identifiers(pages: list[PageLayout], consumed: set[tuple[int, int]], result: ResultBuilder) -> None:
    """``immex_program`` from the identifiers block: a line whose identifier is IM — first on its line, or
    after an IDENTIFICADOR label, also one of several identifiers printed side by side on the line
    (``IDENTIFICADOR ED: 0567… IDENTIFICADOR IM: 5531-2004``) — then its complement, maybe after a COMPLEMENTO 1
    label (when no ``PROGRAMA IMMEX`` label gave it already)."""
    if "immex_program" in result.fields:
        return
    parser = PARSERS["immex_program"]
    for lay in pages:
        for li, line in enumerate(lay.lines):
            if (lay.number, li) in consumed:
                continue
            words = [w for w in line.words if norm(w.text)]
            texts = [norm(w.text) for w in words]
            if "IM" not in texts:
                continue
            at = texts.index("IM")
            labelled = at > 0 and texts[at - 1] in _CODE_LABELS
            if not labelled and any(text not in _IDENTIFIER_LABELS for text in texts[:at]):
                continue
            for k in range(at + 1, min(at + 5, len(words))):
                if texts[k] in _IDENTIFIER_LABELS:
                    continue
                found = apply_parser(parser, words[k : k + 1], lay.number, 0.95)
                if found is not None:
                    result.set(
                        "immex_program", found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw
                    )
                    return
                break


_AWB_RE = re.compile(r"(?<![\dA-Z])(\d{3})-?(\d{8})(?![\dA-Z])")


def references(pages: list[PageLayout], result: ResultBuilder) -> None:
    """Invoices, COVE, guías (B/L or air waybill) and containers, wherever the pedimento prints them."""
    invoice_labels = {
        "invoice": [
            "NUM. CFDI O DOCUMENTO EQUIVALENTE",
            "FACTURA",
            "FACTURAS",
            "NUM. FACTURA",
            "NUMERO DE FACTURA",
            "CFDI O DOCUMENTO EQUIVALENTE",
            # the official form's label shortened (``NUM. CFDI O DOC. EQUIVALENTE: D4447-99``)
            "NUM. CFDI O DOC. EQUIVALENTE",
            "CFDI O DOC. EQUIVALENTE",
            # the invoice and its CFDI in one column, as line printers head it
            "FACTURA/CFDI",
            "CFDI/FACTURA",
            # a broker's English translation of the pedimento
            "INVOICE",
            "INVOICES",
            "INVOICE NO.",
        ],
        "guide": [
            "NUMERO (GUIA/ORDEN EMBARQUE)/ID",
            "NO. (GUIA/ORDEN EMBARQUE)/ID",
            "GUIA / B.L. / AWB",
            "GUIA / CONOCIMIENTO",
            "GUIA/ORDEN EMBARQUE",
            "GUIA/B.L.",
            "GUIA",
            "CONOCIMIENTO DE EMBARQUE",
            "NUMERO GUIA",
            # the single window's name for it, with the master's or house's mark
            "GUIA / MANIFIESTO (M)",
            "GUIA / MANIFIESTO (H)",
            "GUIA / MANIFIESTO",
            "GUIA/MANIFIESTO",
        ],
        "_stop": [
            "FECHA",
            "INCOTERM",
            "MONEDA FACT",
            "VAL. MON. FACT",
            "FACTOR MON. FACT",
            "VAL. DOLARES",
            "COVE",
            "E-DOCUMENTS COVE",
            "CONTENEDORES",
            "ACUSE DE VALOR (COVE)",
            "E-DOCUMENT",
            "IDENTIFICADOR",
        ],
    }
    for lay in pages:
        text = "\n".join(line.text for line in lay.lines)
        for hit in recognisers.coves(text):
            result.add_reference("cove", hit.value)
        for hit in recognisers.containers(text.upper()):
            result.add_reference("container", hit.value)
            if not hit.valid:
                result.warn(
                    "check_digit",
                    f"Container {hit.value} fails its ISO 6346 check digit; it may be misprinted or misread.",
                    "references",
                )
        labels = find_labels(lay, invoice_labels)
        blocked = {(h.line, k) for h in labels for k in range(h.start, h.end + 1)}
        for label in labels:
            if label.key not in ("invoice", "guide"):
                continue
            groups = [words_right_of(lay, label, blocked)]
            if not any(ch.isdigit() for w in groups[0] for ch in w.text):
                # nothing, or only the label's qualifier (a guía's ``(M)`` master or ``(H)`` house), beside it
                after = [h.x0 for h in labels if h.line == label.line and h.x0 > label.x1]
                edge = min(after, default=lay.width)
                # a table of invoices: every line under the header while the first column holds a number
                groups = []
                if words_below(lay, label, blocked, edge, 1):
                    groups = column_below(lay, label, edge, skip=("ACUSE", "COVE"), centred=True)
            for words in groups:
                printed = _GROUPED_AMOUNT.sub(" ", " ".join(w.text for w in words))
                for token in printed.replace(",", " ").split():
                    _add_document_reference(result, label.key, token)


# What an invoice's line prints beside its number: its date and its amounts (``9171497 07/09/2025 EXW USD
# 1,939,427.41``, ``10022.000``), never an invoice number.
_GROUPED_AMOUNT = re.compile(r"(?<![\w,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])")
_NOT_AN_INVOICE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d+\.\d+")


def _add_document_reference(result: ResultBuilder, key: str, token: str) -> None:
    token = token.strip(" .;:")
    if not token or not any(ch.isdigit() for ch in token) or len(token) < 3:
        return
    if key == "invoice":
        if token.upper().startswith("COVE") or _NOT_AN_INVOICE.fullmatch(token):
            return
        result.add_reference("invoice", token)
        return
    if recognisers.CONTAINER_RE.fullmatch(token.upper()):
        return
    awb = _AWB_RE.fullmatch(token)
    if awb:
        result.add_reference("awb", awb.group(1) + awb.group(2))
    elif re.fullmatch(r"[A-Z0-9\-]{6,}", token.upper()):
        result.add_reference("bl", token.upper().replace("-", ""))
