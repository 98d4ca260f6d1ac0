"""Which kind of document this is: keyword and feature scoring that tolerates OCR noise.

Each type has weighted phrases (English and Spanish, some European invoice words) and entity features (a CFDI
UUID, a pedimento number, containers). Phrases are compared word by word on normalised text (upper case, no
accents, letters and digits only); a word of six letters or more may be one edit off, as OCR misreads it, so a
scan loses a little score rather than its type. The confidence grows with the evidence and with the margin
over the runner-up; with too little evidence the document is `other`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors.entities import Entity

DOC_TYPES = ("pedimento", "commercial_invoice", "cfdi", "bill_of_lading", "packing_list", "bom", "other")
MIN_SCORE = 3.0
PROSE_WEIGHT = 0.4

PHRASES: dict[str, dict[str, float]] = {
    "pedimento": {
        "PEDIMENTO": 3,
        "NUM PEDIMENTO": 2,
        "CVE PEDIMENTO": 3,
        "TIPO OPER": 2,
        "T OPER": 1,
        "REGIMEN": 1,
        "ADUANA E S": 2,
        "DESTINO ORIGEN": 1,
        "VALOR DOLARES": 2,
        "VALOR ADUANA": 2,
        "PRECIO PAGADO": 1.5,
        "ACUSE ELECTRONICO DE VALIDACION": 2,
        "CODIGO DE ACEPTACION": 1,
        "PATENTE": 1,
        "AGENTE ADUANAL": 1.5,
        "IDENTIFICADORES": 1,
        "PARTIDAS": 1,
        "FRACCION": 1,
        "LIQUIDACION": 1,
        "MARCAS NUMEROS Y TOTAL DE BULTOS": 1.5,
        # the same captions as a broker's courtesy translation words them for a US parent company
        "PEDIMENTO KEY": 3,
        "CUSTOMS REGIME": 1.5,
        "BROKER LICENSE": 1,
        "VALIDATION RECEIPT": 1,
        "PREVALIDATOR": 1,
        # the partida's tariff unit and quantity (UMT) and the NICO: no invoice's columns
        "TARIFF QTY": 1,
        "TARIFF UOM": 1.5,
        "NICO": 1.5,
    },
    "cfdi": {
        "FOLIO FISCAL": 4,
        "CFDI": 3,
        "COMPROBANTE FISCAL DIGITAL": 4,
        "REPRESENTACION IMPRESA": 2,
        "SELLO DIGITAL": 2,
        "SELLO DEL SAT": 2,
        "SELLO DEL EMISOR": 1,
        "CADENA ORIGINAL": 2,
        "USO CFDI": 2,
        "USO DEL CFDI": 2,
        "REGIMEN FISCAL": 2,
        "CERTIFICADO DEL SAT": 2,
        "FECHA DE CERTIFICACION": 2,
        "FECHA DE TIMBRADO": 2,
        "LUGAR DE EXPEDICION": 1.5,
        "FORMA DE PAGO": 1,
        "METODO DE PAGO": 1,
        "CLAVE PROD SERV": 1.5,
        "RETENCIONES": 1,
        # the same as printouts for a foreign customer word them in English
        "FISCAL FOLIO": 4,
        "PRINTED REPRESENTATION": 2,
        "DIGITAL SEAL": 2,
        "SAT SEAL": 2,
        "ORIGINAL STRING": 2,
        "CFDI USE": 2,
        "USE OF CFDI": 2,
        "SAT CERTIFICATE": 2,
        "CERTIFICATION DATE": 2,
        "FOREIGN TRADE COMPLEMENT": 2,
    },
    "commercial_invoice": {
        "COMMERCIAL INVOICE": 5,
        "FACTURA COMERCIAL": 5,
        "PROFORMA INVOICE": 3,
        "INVOICE": 2.5,
        "FACTURA": 1.5,
        "INVOICE NO": 1.5,
        "INVOICE NUMBER": 1.5,
        "INVOICE DATE": 1.5,
        "SOLD TO": 1.5,
        "BILL TO": 1.5,
        "SHIP TO": 1,
        "UNIT PRICE": 1.5,
        "PRECIO UNITARIO": 1,
        "QTY": 1,
        "QUANTITY": 1,
        "SUBTOTAL": 1,
        "AMOUNT DUE": 1,
        "BALANCE DUE": 1,
        "TOTAL AMOUNT": 1,
        "INCOTERM": 1,
        "COUNTRY OF ORIGIN": 1,
        "PAIS DE ORIGEN": 1,
        "VAT": 0.5,
        "FACTUUR": 2.5,
        "FACTURE": 2.5,
        "RECHNUNG": 2.5,
        "FAKTURA": 2.5,
        "TAX INVOICE": 2,
        "RECEIPT": 2,
        "PAYMENT RECEIPT": 1,
        "GRAND TOTAL": 1,
        "RECHNUNGSNUMMER": 1.5,
        "RECHNUNGSNR": 1.5,
        "RECHNUNGSDATUM": 1.5,
        "GESAMTSUMME": 1,
        "ZWISCHENSUMME": 1,
        "FACTUURDATUM": 1.5,
        "DATE DE FACTURE": 1.5,
        "TOTAL TTC": 1,
        "FACTURA NO": 1.5,
        "INVOICE TOTAL": 1,
        "FACTUURNUMMER": 1.5,
        "BTW": 0.5,
        "TVA": 0.5,
        # German invoices' wordings and an exporter's invoice's ("SAY TOTAL … ONLY")
        "HANDELSRECHNUNG": 5,
        "RECHNUNGS NR": 1.5,
        "RECHNUNG NR": 1.5,
        "RECHNUNGSBETRAG": 1,
        "GESAMTBETRAG": 1,
        "ENDBETRAG": 1,
        "NETTOBETRAG": 1,
        "SUMME NETTO": 1,
        "EINZELPREIS": 1.5,
        "GESAMTPREIS": 1,
        "LIEFERBEDINGUNG": 1,
        "LIEFERBEDINGUNGEN": 1,
        "UST IDNR": 0.5,
        "MWST": 0.5,
        "SAY TOTAL": 1.5,
        "DESCRIPTION OF GOODS": 1,
        "INV NO": 1,
        "TOTAL A PAGAR": 1,
        "DELIVERY TERMS": 1,
        "NO DE PARTE": 1,
        "BUYER": 1,
        "IMPORTER": 1,
        "SUB TOTAL": 1,
        "INVOICE NR": 1.5,
    },
    "packing_list": {
        "PACKING LIST": 6,
        "LISTA DE EMPAQUE": 6,
        "PACKING SLIP": 5,
        "NET WEIGHT": 1,
        "PESO NETO": 1,
        "GROSS WEIGHT": 1,
        "CARTONS": 1,
        "CARTON NO": 1.5,
        "BULTOS": 1,
        "DIMENSIONS": 1,
        "MEASUREMENT": 1,
    },
    "bill_of_lading": {
        "BILL OF LADING": 6,
        "CONOCIMIENTO DE EMBARQUE": 6,
        "SEA WAYBILL": 5,
        "AIR WAYBILL": 5,
        "AIRWAYBILL": 5,
        "STRAIGHT BILL OF LADING": 2,
        "B L": 1.5,
        "SHIPPER": 1.5,
        "CONSIGNEE": 1.5,
        "NOTIFY PARTY": 2,
        "PORT OF LOADING": 2,
        "PORT OF DISCHARGE": 2,
        "PLACE OF RECEIPT": 1,
        "PLACE OF DELIVERY": 1,
        "VESSEL": 1.5,
        "VOYAGE": 1,
        "FREIGHT PREPAID": 2,
        "FREIGHT COLLECT": 2,
        "SHIPPED ON BOARD": 2,
        "SCAC": 1,
        "CARRIER": 1,
        "BOOKING NO": 1,
        # a Mexican road carrier's printed bill, and the Spanish wordings of an ocean one
        "CARTA PORTE": 6,
        "CARTA DE PORTE": 6,
        # the road carrier's own name for its bill ("talón": the stub the consignee signs)
        "TALON DE EMBARQUE": 6,
        "AUTOTRANSPORTE": 2,
        "REMITENTE": 1.5,
        "TRANSPORTISTA": 1.5,
        "FLETE PAGADO": 2,
        "FLETE POR COBRAR": 2,
        "NO DE GUIA": 1.5,
        "REMOLQUE": 1,
        "EMBARCADOR": 1.5,
        "CONSIGNATARIO": 1.5,
        "PUERTO DE CARGA": 2,
        "PUERTO DE EMBARQUE": 2,
        "PUERTO DE DESCARGA": 2,
        "BUQUE": 1.5,
        # a road carrier's crossing papers at the border (its manifest names the truck, the trailer, the driver)
        "MANIFIESTO DE CRUCE": 6,
        "BORDER CROSSING MANIFEST": 6,
        "CARGO MANIFEST": 4,
        "MANIFIESTO DE CARGA": 4,
        "DESTINATARIO": 1,
        "USDOT": 1.5,
        "CAAT": 1.5,
        "OPERADOR": 0.5,
        "DRIVER": 0.5,
        "TRAILER": 0.5,
        "PLACAS": 0.5,
        "PREPAGADO": 1,
        # a US road carrier's freight bill: the NMFC item and class, the carrier's PRO number, who pays the freight
        "NMFC": 2,
        "PRO NUMBER": 1.5,
        "FREIGHT CHARGE TERMS": 1.5,
        # an express courier's waybill (DHL, FedEx, UPS and the like): its number, the receiver, the pieces and
        # their weight, the contents declared for customs, who pays the transportation and who the duties
        "WAYBILL": 3,
        "AWB": 1.5,
        "RECEIVER": 1,
        "RECIPIENT": 1,
        "TOTAL PIECES": 1.5,
        "NUMBER OF PIECES": 1.5,
        "DECLARED VALUE FOR CUSTOMS": 1.5,
        "DESCRIPTION OF CONTENTS": 1.5,
        "TRANSPORTATION CHARGES": 1.5,
        "DUTIES AND TAXES": 0.5,
        "PICKUP DATE": 1,
        "PICK UP DATE": 1,
        "SHIPMENT DETAILS": 0.5,
        "NOT NEGOTIABLE": 1,
        "NON NEGOTIABLE": 1,
    },
    "bom": {
        "BILL OF MATERIALS": 6,
        "LISTA DE MATERIALES": 6,
        "COMPONENT": 1,
        "COMPONENTE": 1,
        "QTY PER": 2,
        "CANTIDAD POR": 1.5,
        "SCRAP": 1,
        "MERMA": 1,
    },
}

# A document's title says what it is more than any field label: a commercial invoice that names its shipper,
# notify party and port of loading is still an invoice, and a CFDI whose title is CARTA PORTE is the transport
# document. A title is one of these phrases printed as a line of its own (a few extra words allowed: ORIGINAL,
# NON-NEGOTIABLE, a number) among the first lines of the document.
TITLES: dict[str, str] = {
    "COMMERCIAL INVOICE": "commercial_invoice",
    "FACTURA COMERCIAL": "commercial_invoice",
    "PROFORMA INVOICE": "commercial_invoice",
    # goods a foreign owner sends its maquiladora without a sale travel under a no-charge invoice of their value
    "CONSIGNMENT INVOICE": "commercial_invoice",
    "NO CHARGE INVOICE": "commercial_invoice",
    "INVOICE": "commercial_invoice",
    "RECHNUNG": "commercial_invoice",
    "FACTURE": "commercial_invoice",
    "BILL OF LADING": "bill_of_lading",
    "SEA WAYBILL": "bill_of_lading",
    "CONOCIMIENTO DE EMBARQUE": "bill_of_lading",
    "CARTA PORTE": "bill_of_lading",
    "CARTA DE PORTE": "bill_of_lading",
    "TALON DE EMBARQUE": "bill_of_lading",
    "MANIFIESTO DE CRUCE": "bill_of_lading",
    "BORDER CROSSING MANIFEST": "bill_of_lading",
    "CARGO MANIFEST": "bill_of_lading",
    "MANIFIESTO DE CARGA": "bill_of_lading",
    "PACKING LIST": "packing_list",
    "LISTA DE EMPAQUE": "packing_list",
    "BILL OF MATERIALS": "bom",
    "LISTA DE MATERIALES": "bom",
}
TITLE_WEIGHT = 6.0
TITLE_LINES = 12  # non-empty lines from the top in which a title is looked for
TITLE_EXTRA_WORDS = 3
# words a title line may carry besides the phrase (numbers too); a label such as "Invoice No." is not a title
TITLE_EXTRAS = frozenset(
    {"ORIGINAL", "COPY", "COPIA", "NON", "NEGOTIABLE", "NEGOCIABLE", "DUPLICATE", "DUPLICADO", "TRIPLICATE"}
    | {"DRAFT", "PAGE", "HOJA", "PAGINA", "OF", "DE", "THE", "Y", "AND", "EXPORT", "EXPORTACION"}
)

# The invoice's labels that only cite one (its number, its date): a transport document or a customs declaration
# prints them for the invoice its goods travel under. Without an invoice's title or body (prices, amounts, the
# parties it bills) they weigh half: what names an invoice is not one.
INVOICE_CITATIONS = frozenset(
    {"INVOICE", "INVOICE NO", "INVOICE NUMBER", "INVOICE NR", "INVOICE DATE", "INV NO", "FACTURA", "FACTURA NO"}
)
CITATION_WEIGHT = 0.5

# Entity features: (label, type, weight for the first one, weight for each further one, cap).
ENTITY_FEATURES: list[tuple[str, str, float, float, float]] = [
    ("CFDI_UUID", "cfdi", 3.0, 0.0, 3.0),
    ("PEDIMENTO", "pedimento", 2.0, 0.5, 3.0),
    ("FRACCION", "pedimento", 0.5, 0.25, 1.5),
    ("CONTAINER", "bill_of_lading", 1.5, 0.25, 2.5),
    ("BL", "bill_of_lading", 1.5, 0.0, 1.5),
    ("INCOTERM", "commercial_invoice", 0.5, 0.0, 0.5),
    ("RFC", "cfdi", 0.5, 0.25, 1.0),
]


# every word of every phrase and title: a document word that is one of them is read as printed, not as a near miss
VOCABULARY = frozenset(
    word for phrases in PHRASES.values() for phrase in [*phrases, *TITLES] for word in phrase.split()
)


@dataclass
class Classification:
    doc_type: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)


def normalise_words(text: str) -> list[str]:
    """Upper case, accents removed, split on anything that is not a letter or digit."""
    return [word for word, _prose in words_and_case(text)]


def words_and_case(text: str) -> list[tuple[str, bool]]:
    """Each normalised word, and whether it was printed in lower case (running prose, not a heading or label)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    out = []
    for word in re.split(r"[^A-Za-z0-9Ññ]+", plain):
        if word:
            out.append((word.upper(), word[0].islower()))
    return out


def _near(word: str, keyword: str) -> bool:
    """Equal, or one edit apart when the keyword is long enough for OCR errors to be told from other words."""
    if word == keyword:
        return True
    if len(keyword) < 6 or abs(len(word) - len(keyword)) > 1:
        return False
    if len(word) == len(keyword):
        return sum(a != b for a, b in zip(word, keyword, strict=True)) <= 1
    short, long_ = (word, keyword) if len(word) < len(keyword) else (keyword, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _deletions(word: str) -> set[str]:
    """The word and every string made by deleting one of its letters."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Index:
    """Positions of each distinct word, and for each keyword word the document words close to it.

    Near words are found through a deletion index (each word and its one-letter deletions), so a keyword
    is compared only with the few document words that share such a variant, not with every word.
    """

    def __init__(self, words: list[str], prose: list[bool] | None = None) -> None:
        self.words = words
        self.prose = prose or [False] * len(words)
        self.positions: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            self.positions.setdefault(word, []).append(position)
        self._variants: dict[str, set[str]] = {}
        for word in self.positions:
            if len(word) >= 5:
                for variant in _deletions(word):
                    self._variants.setdefault(variant, set()).add(word)
        self._close: dict[str, set[str]] = {}

    def close(self, keyword: str) -> set[str]:
        if keyword not in self._close:
            if len(keyword) < 6:
                self._close[keyword] = {keyword} if keyword in self.positions else set()
            else:
                candidates: set[str] = set()
                for variant in _deletions(keyword):
                    candidates |= self._variants.get(variant, set())
                # a word that is itself another keyword was printed right: FACTURA is not an OCR-damaged FACTURE
                self._close[keyword] = {
                    word for word in candidates if word == keyword or (word not in VOCABULARY and _near(word, keyword))
                }
        return self._close[keyword]

    def phrase_weight(self, phrase: str) -> float:
        """1 when the phrase is printed as a heading or label (capitalised), 0.4 when only inside lower-case
        prose (an article that mentions "invoices" is not one), 0 when absent."""
        parts = phrase.split()
        starts = sorted(p for word in self.close(parts[0]) for p in self.positions[word])
        following = [self.close(part) for part in parts[1:]]
        best = 0.0
        for start in starts:
            if start + len(parts) > len(self.words):
                continue
            if all(self.words[start + 1 + i] in near for i, near in enumerate(following)):
                if not self.prose[start]:
                    return 1.0
                best = PROSE_WEIGHT
        return best

    def has_phrase(self, phrase: str) -> bool:
        return self.phrase_weight(phrase) > 0


# the document's own number after its title ("Invoice INV/2024/00012", "Invoice A1743-36"): one code with a digit
_NUMBER_AFTER_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/.#_\-]*\d[A-Za-z0-9/.#_\-]*")


def document_title(text: str) -> str | None:
    """The title phrase (a key of ``TITLES``) printed as a line of its own near the top, if any; the longest
    phrase wins where two match the same line (COMMERCIAL INVOICE over INVOICE). An accounting package prints
    the title with the document's number after it (``Invoice INV/2024/00012``). A line whose parts stand a
    column's gutter apart (two spaces or more: the letterhead's name, then the title in its own box right of it)
    is read part by part too."""
    lines = [line for line in text.splitlines() if line.strip()][:TITLE_LINES]
    by_length = sorted(TITLES, key=lambda phrase: -len(phrase.split()))
    cells = [cell for line in lines for cell in re.split(r"\s{2,}", line.strip()) if cell.strip()]
    for line in [*lines, *(cell for cell in cells if cell.strip() not in lines)]:
        raw = line.split()
        if len(raw) >= 2 and _NUMBER_AFTER_TITLE.fullmatch(raw[-1]):
            head = normalise_words(" ".join(raw[:-1]))
            named = next((phrase for phrase in by_length if head == phrase.split()), None)
            if named is not None:
                return named
        words = normalise_words(line)
        for phrase in by_length:
            parts = phrase.split()
            if len(words) > len(parts) + TITLE_EXTRA_WORDS:
                continue
            for start in range(len(words) - len(parts) + 1):
                if all(_near(words[start + i], part) for i, part in enumerate(parts)):
                    extras = words[:start] + words[start + len(parts) :]
                    if all(word in TITLE_EXTRAS or word.isdigit() for word in extras):
                        return phrase
    return None


def classify_text(text: str, entities: Iterable[Entity] = ()) -> Classification:
    """Score each type on the text (and its entities); pick the best, or `other` with too little evidence."""
    tokens = words_and_case(text)
    index = _Index([word for word, _ in tokens], [prose for _, prose in tokens])
    scores = dict.fromkeys(DOC_TYPES, 0.0)
    evidence: dict[str, list[str]] = {}
    for doc_type, phrases in PHRASES.items():
        for phrase, weight in phrases.items():
            found = index.phrase_weight(phrase)
            if found:
                scores[doc_type] += weight * found
                evidence.setdefault(doc_type, []).append(phrase)
    title = document_title(text)
    if title:
        scores[TITLES[title]] += TITLE_WEIGHT
        evidence.setdefault(TITLES[title], []).append(f"title {title}")
    counts: dict[str, int] = {}
    for entity in entities:
        counts[entity.label] = counts.get(entity.label, 0) + 1
    for label, doc_type, first, more, cap in ENTITY_FEATURES:
        count = counts.get(label, 0)
        if count:
            scores[doc_type] += min(cap, first + more * (count - 1))
            evidence.setdefault(doc_type, []).append(f"{count}×{label}")
    cited_only = title is None or TITLES[title] != "commercial_invoice"
    if cited_only and evidence.get("commercial_invoice") and set(evidence["commercial_invoice"]) <= INVOICE_CITATIONS:
        scores["commercial_invoice"] *= CITATION_WEIGHT
    # A CFDI printout is also an invoice; a pedimento cites invoices. Their own features decide.
    if scores["cfdi"] >= 6:
        scores["commercial_invoice"] *= 0.5
    # A titled invoice or packing list names its shipper, notify party, port of loading and carrier too: without
    # a container to show for them, those labels say little against the title (the type stays surer of itself).
    if title and TITLES[title] != "bill_of_lading" and not counts.get("CONTAINER"):
        scores["bill_of_lading"] *= 0.5
    # A Carta Porte is printed from a CFDI (folio fiscal, sellos) but is the land transport document.
    # The title may share its top line with the carrier's name (not a line of its own): the complement's name
    # with its own truck section tells the document as surely.
    transport = set(evidence.get("bill_of_lading", []))
    carta_porte = bool(transport & {"CARTA PORTE", "CARTA DE PORTE"}) and "AUTOTRANSPORTE" in transport
    # ... unless the CFDI also carries the Comercio Exterior complement: that is the exporter's own CFDI (a
    # Traslado of its goods to the border prints the Carta Porte complement for its own truck), not the carrier's
    # bill; the truck's words then belong to a complement of the CFDI.
    export_cfdi = carta_porte and scores["cfdi"] >= 6 and index.has_phrase("COMERCIO EXTERIOR")
    if export_cfdi:
        scores["bill_of_lading"] *= 0.5
        evidence.setdefault("cfdi", []).append("Carta Porte beside the Comercio Exterior complement")
    elif carta_porte and title is None:
        scores["bill_of_lading"] += TITLE_WEIGHT
        evidence["bill_of_lading"].append("Carta Porte with its truck section")
    if (title in ("CARTA PORTE", "CARTA DE PORTE") or carta_porte) and not export_cfdi:
        scores["cfdi"] *= 0.5
    if scores["pedimento"] >= 8:
        scores["commercial_invoice"] *= 0.5
        scores["bill_of_lading"] *= 0.5
    ranked = sorted((score, doc_type) for doc_type, score in scores.items() if doc_type != "other")
    best_score, best = ranked[-1]
    runner_up = ranked[-2][0]
    if best_score < MIN_SCORE:
        confidence = round(0.5 + 0.4 * (1 - best_score / MIN_SCORE), 3)
        return Classification("other", confidence, scores, evidence)
    strength = 1 - math.exp(-best_score / 5)
    margin = (best_score - runner_up) / best_score
    confidence = round(min(0.99, strength * (0.55 + 0.45 * margin)), 3)
    return Classification(best, confidence, scores, evidence)
