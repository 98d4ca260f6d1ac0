"""Classification on text-layer wording, OCR-damaged wording and entity features."""

from __future__ import annotations

import random

import pytest

from extractors.classify import classify_text, normalise_words
from extractors.entities import find_entities

SAMPLES = {
    "pedimento": """PEDIMENTO  Página 1 de 3
NUM. PEDIMENTO: 24  47  3445  4001234  T. OPER: IMP  CVE. PEDIMENTO: IN  RÉGIMEN: ITE
DESTINO/ORIGEN: 9  TIPO CAMBIO: 17.2345  PESO BRUTO: 1,250.000  ADUANA E/S: 470
VALOR DÓLARES: 12,345.00  VALOR ADUANA: 212,345  PRECIO PAGADO/VALOR COMERCIAL: 212,345
ACUSE ELECTRÓNICO DE VALIDACIÓN: 1A2B3C4D  AGENTE ADUANAL PATENTE 3445
PARTIDAS  FRACCIÓN 3923.10.03 NICO 01""",
    "cfdi": """Factura  CFDI 4.0 de Ingreso
Folio fiscal 9FB6ED1A-5F37-4FEF-980A-7F8C83B51894  Fecha y hora de certificación 2024-09-26T10:00:00
RFC emisor CPP110627SM4  Régimen fiscal 601  Uso del CFDI G01  Lugar de expedición 88000
Sello digital del CFDI ...  Sello del SAT ...
Cadena original del complemento de certificación digital del SAT
Este documento es una representación impresa de un CFDI""",
    "commercial_invoice": """COMMERCIAL INVOICE / FACTURA COMERCIAL
Invoice No.: INV-2024-0915   Invoice Date: Sep 26, 2024
Sold to: Maquiladora del Norte SA de CV   Ship to: Reynosa, Tamps.
Part No  Description  Qty  Unit Price  Amount  Country of origin
HAR-100  Wire harness  100  10.00  1,000.00  USA
Incoterm: FCA Laredo   Subtotal 1,000.00   Total USD 1,000.00""",
    "bill_of_lading": """BILL OF LADING  B/L No. MAEU123456789
Shipper: ACME CORP  Consignee: MAQUILADORA DEL NORTE  Notify party: SAME AS CONSIGNEE
Vessel: MAERSK ESSEN  Voyage 412E  Port of loading: SHANGHAI  Port of discharge: MANZANILLO
Container TCLU1272634 seal 123456  Freight collect  Shipped on board 2024-09-26""",
    "packing_list": """PACKING LIST / LISTA DE EMPAQUE
Carton No. 1-10  Part No HAR-100  Qty 100  Net weight 12.0 kg  Gross weight 14.5 kg  Dimensions 40x30x20""",
}


@pytest.mark.parametrize("doc_type", sorted(SAMPLES))
def test_each_type_on_clean_text(doc_type: str) -> None:
    text = SAMPLES[doc_type]
    result = classify_text(text, find_entities(text))
    assert result.doc_type == doc_type, result.scores
    assert result.confidence >= 0.6


def _ocr_noise(text: str, rate: float, seed: int) -> str:
    """Swap letters the way OCR does (I/l/1, O/0, rn/m, dropped accents) at the given rate."""
    swaps = {"I": "l", "O": "0", "E": "F", "A": "4", "S": "5", "N": "M", "Ó": "O", "É": "E", "m": "rn"}
    rng = random.Random(seed)
    return "".join(swaps[ch] if ch in swaps and rng.random() < rate else ch for ch in text)


@pytest.mark.parametrize("doc_type", sorted(SAMPLES))
def test_ocr_noise_keeps_the_type(doc_type: str) -> None:
    noisy = _ocr_noise(SAMPLES[doc_type], 0.12, seed=len(doc_type))
    assert noisy != SAMPLES[doc_type]
    result = classify_text(noisy, find_entities(noisy))
    assert result.doc_type == doc_type, (result.scores, noisy)


def test_noise_lowers_confidence_gracefully() -> None:
    clean = classify_text(SAMPLES["pedimento"]).confidence
    noisy = classify_text(_ocr_noise(SAMPLES["pedimento"], 0.3, seed=3)).confidence
    assert 0 < noisy <= clean


def test_cfdi_printout_is_cfdi_even_though_it_is_an_invoice() -> None:
    text = SAMPLES["cfdi"] + "\nCantidad  Precio unitario  Importe  Subtotal  Total  Factura"
    assert classify_text(text, find_entities(text)).doc_type == "cfdi"


def test_too_little_evidence_is_other() -> None:
    result = classify_text("Dear team, the meeting moved to Thursday. Regards.")
    assert result.doc_type == "other"
    assert 0.5 <= result.confidence <= 0.9


def test_normalise_words_strips_accents_and_punctuation() -> None:
    assert normalise_words("CVE. PEDIMENTO: Régimen ADUANA E/S") == [
        "CVE",
        "PEDIMENTO",
        "REGIMEN",
        "ADUANA",
        "E",
        "S",
    ]


def test_an_article_that_mentions_invoices_is_not_an_invoice() -> None:
    text = (
        "Optical character recognition is widely used to digitise printed documents such as invoices, "
        "bank statements and receipts, and to make scanned books searchable. Early systems needed training "
        "for each font; modern ones handle most typefaces."
    )
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "other"
    assert result.scores["commercial_invoice"] < 3


def test_the_same_words_as_headings_do_count() -> None:
    text = "INVOICE\nReceipt of payment\nInvoice No.: 881\nQty  Unit price  Amount\nSubtotal 10.00"
    assert classify_text(text, find_entities(text)).doc_type == "commercial_invoice"


def test_an_invoice_that_names_its_shipping_parties_is_still_an_invoice() -> None:
    # an exporter's invoice carries the B/L's labels (shipper, notify party, port of loading, carrier); its title
    # says what it is
    text = """INVOICE
Shipper/Exporter  TOYOSHIMA PRECISION TRADING CORPORATION
No. & date of invoice  F95831 Jun. 3, 2024
Consignee  MAQUILADORA DEL NORTE SA DE CV   Notify party  SAME AS CONSIGNEE
Port of loading  YOKOHAMA   Carrier  ONE APUS   B/L No. ONEYTYOA12345
Parts No.  Description of goods  Quantity  Unit price  Amount   Country of origin  JAPAN"""
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "commercial_invoice"
    assert "title INVOICE" in result.evidence["commercial_invoice"]


def test_shipping_labels_without_a_container_weigh_little_against_a_title() -> None:
    """An invoice titled so, naming its shipper, notify party, port and carrier, is read as one with enough
    confidence that a correct reading is not sent to review for its type; a container would keep the labels'
    weight."""
    text = """INVOICE
Shipper/Exporter  NAGOYA AUTO PARTS EXPORT CO., LTD.
No. & date of invoice  9469497  Nov. 10, 2024
For account & risk of Messrs.  DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.
Notify party  SAME AS CONSIGNEE   Remarks  Payment: T/T 60 DAYS AFTER B/L DATE
Port of loading  NAGOYA, JAPAN   Final destination  MANZANILLO   Carrier  ONE HARMONY
Parts No.  Description of Goods  Quantity  Unit Price  Amount   Country of origin  JAPAN
TOTAL PACKAGES: 36 CARTONS"""
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "commercial_invoice"
    assert result.confidence >= 0.7, result.scores
    boxed = classify_text(text + "\nContainer MSCU1234565", find_entities(text + "\nContainer MSCU1234565"))
    assert boxed.scores["bill_of_lading"] > result.scores["bill_of_lading"]


def test_a_label_at_the_top_is_not_a_title() -> None:
    from extractors.classify import document_title

    assert document_title("Invoice No. 4471\nBILL OF LADING\nShipper ACME") == "BILL OF LADING"
    assert document_title("SEA WAYBILL NON-NEGOTIABLE\nShipper ACME") == "SEA WAYBILL"
    assert document_title("COMMERCIAL INVOICE ORIGINAL") == "COMMERCIAL INVOICE"
    assert document_title("Invoice date 2024-01-02\nShipper ACME") is None


def test_a_carta_porte_printed_from_a_cfdi_is_the_transport_document() -> None:
    text = """FLETES Y CARGA TRANSFRONTERIZA SA DE CV
RFC: HCS208061C83   Régimen fiscal: 601   Lugar de expedición: 88000
CARTA PORTE
Folio fiscal: B3216FDA-EEB9-7572-9FAE-923D5A4FD12A   IdCCP: CCC16FDA-1234-4321-ABCD-1234567890AB
Remitente  PROVEEDOR DEL NORTE   Transportista  FLETES Y CARGA   Autotransporte  Remolque
Sello digital del CFDI ...  Sello del SAT ...  Este documento es una representación impresa de un CFDI"""
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "bill_of_lading", result.scores


def test_an_export_cfdi_de_traslado_with_the_carta_porte_complement_stays_a_cfdi() -> None:
    """A plant's own CFDI de Traslado of its goods to the border carries the Comercio Exterior complement beside
    the Carta Porte one (its own truck): the exporter's CFDI, not the carrier's bill."""
    text = """MANUFACTURAS DEL NORTE S.A. DE C.V.
RFC: MNO150101AB1   Régimen fiscal: 601   Lugar de expedición: 88000
CFDI DE TRASLADO
Folio fiscal: B3216FDA-EEB9-7572-9FAE-923D5A4FD12A  Tipo de comprobante: T - Traslado  Versión: 4.0
Uso CFDI: S01   Moneda: USD   Clave prod./serv.  Descripción  Importe
COMPLEMENTO COMERCIO EXTERIOR 2.0   Motivo de traslado: 02   Clave de pedimento: A1
COMPLEMENTO CARTA PORTE 3.1   IdCCP: CCC16FDA-1234-4321-ABCD-1234567890AB
Autotransporte  Perm SCT TPAF01  Placas 12-AK-345  Remolque  Operador JUAN PEREZ
Sello digital del CFDI ...  Sello del SAT ...  Este documento es una representación impresa de un CFDI"""
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "cfdi", result.scores
    # the same page without the Comercio Exterior complement is the carrier's Carta Porte
    carrier = text.replace("COMPLEMENTO COMERCIO EXTERIOR 2.0   Motivo de traslado: 02   Clave de pedimento: A1\n", "")
    assert classify_text(carrier, find_entities(carrier)).doc_type == "bill_of_lading"


def test_a_border_crossing_manifest_is_a_transport_document() -> None:
    """A road carrier's crossing manifest cites the pedimento, the invoice column and the customs broker; its
    title and its truck, trailer and driver labels still say it is the transport document."""
    text = """ACME TRUCKING LLC
SCAC: ACMT CAAT: 12AB USDOT 1234567
MANIFIESTO DE CRUCE
BORDER CROSSING MANIFEST
Folio / Manifest No.: ACMT1234567
Caja / Trailer: TR100  Operador / Driver: JUAN PEREZ  Placas / Plates: NL 123-45
Remitente / Shipper  Destinatario / Consignee  Agente aduanal / Customs broker
Pedimento: 24 30 2516 4520255
Bultos / Pcs  Descripción / Description  Factura / Invoice  Peso bruto kg
10 TARIMAS / PALLETS  CABLE DE COBRE  F1234  1,000.0
Flete / Freight: [X] Prepagado / Prepaid [ ] Por cobrar / Collect"""
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "bill_of_lading"


def test_a_word_printed_right_is_not_a_near_miss_of_another_keyword() -> None:
    """FACTURA in a column header is one Spanish word, not also a damaged FACTURE and FAKTURA: one printed word
    counts once."""
    result = classify_text("Factura / Invoice")
    assert set(result.evidence["commercial_invoice"]) == {"INVOICE", "FACTURA"}
    damaged = classify_text("FACTURF No. 123")
    assert "FACTURE" in damaged.evidence.get("commercial_invoice", [])


COURIER_WAYBILL = """FEDEX INTERNATIONAL
Express shipment - sender's copy (not negotiable)
WAYBILL 81 2233 4455
1 From (Shipper)  Account no. 123456789
ACME PARTS LLC  100 Main St, Laredo, TX
2 To (Receiver)  PLANTA NORTE S.A. DE C.V.  Tax id (RFC) PNO010101AB1
3 Shipment details  Total pieces 2  Total weight kg 14.5
4 Full description of contents  Pieces  Weight kg  Contents
2  14.5  BRACKETS OF STEEL
5 Declared value for customs  Value 1,200.00 USD  Invoice no. A-1001
7 Payment  Bill transportation charges to: [X] Shipper [ ] Receiver
Bill duties and taxes to: [X] Receiver
Pickup date 02 SEP 2025"""


def test_a_courier_waybill_that_cites_its_invoice_is_a_transport_document() -> None:
    result = classify_text(COURIER_WAYBILL, find_entities(COURIER_WAYBILL))
    assert result.doc_type == "bill_of_lading", result.scores
    assert result.scores["bill_of_lading"] > 2 * result.scores["commercial_invoice"]


def test_an_invoice_cited_by_number_weighs_half() -> None:
    cited = "Invoice No. A-1001  Invoice date 2025-09-02"
    weight = classify_text(cited).scores["commercial_invoice"]
    # the same labels with an invoice's body (prices and amounts) count in full
    billed = cited + "\nQty  Unit price  Amount\n2  600.00  1,200.00\nSubtotal 1,200.00"
    assert classify_text(billed).scores["commercial_invoice"] >= 2 * weight + 3


def test_an_invoice_that_names_the_courier_waybill_stays_an_invoice() -> None:
    text = """COMMERCIAL INVOICE
Invoice No. A-1001   Invoice date Sep 2, 2025   Shipped via FedEx, waybill 812233445
Sold to: PLANTA NORTE S.A. DE C.V.   Receiver: same
Part No  Description  Qty  Unit price  Amount
BR-10  Brackets of steel  2  600.00  1,200.00
Subtotal 1,200.00  Total USD 1,200.00"""
    result = classify_text(text, find_entities(text))
    assert result.doc_type == "commercial_invoice", result.scores
