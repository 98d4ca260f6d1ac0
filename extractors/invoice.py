"""Commercial invoices (English, Spanish, mixed; common European wordings too) read by layout, not by vendor.

Header fields are found by their labels (several wordings each) with the value right of the label or in the
box below it (`extractors.layout`); line items come from a table whose header row names enough columns, split
by the columns' positions. What has a shape of its own (currency, incoterm, dates) falls back to the entities.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from extractors import checks, layout
from extractors.entities.normalise import CURRENCY_WORDS, INCOTERMS
from extractors.invoice_issuer import US_ADDRESS, gapped_text, issuer_country
from extractors.invoice_lines import (
    GROUP_SUBTOTALS,
    LINE_COLUMNS,
    TABLE_STOP,
    check_totals,
    group_orders,
    read_lines,
    wordings,
)
from extractors.invoice_parties import buyer_above_tax_id, tax_ids_by_block
from extractors.invoice_totals import check_amount_in_words, goods_footer, row_figure, settle_totals, totals_block
from extractors.invoice_values import (
    SWISS_UID,
    parse_country,
    parse_currency,
    parse_incoterm,
    parse_last_money,
    parse_reference,
    parse_registration_number,
    parse_spanish_nif,
    parse_tax_id,
    rfc_by_check_digit,
)
from extractors.result import ExtractionContext, ResultBuilder
from extractors.text import DocumentText

HEADER_LABELS: dict[str, Sequence[str]] = {
    "invoice_number": wordings(
        "INVOICE NUMBER|INVOICE NO|COMMERCIAL INVOICE NO|FACTURA NO|FACTURA NUM|NO DE FACTURA|"
        "NUMERO DE FACTURA|FOLIO|BILLING DOCUMENT|BILLING DOCUMENT NO|"
        "FACTUURNUMMER|RECHNUNGSNR|RECHNUNGSNUMMER|RECHNUNG NR|FAKTURA NR|INV NO|INVOICE NR|"
        "FACTURA COMERCIAL NO|FACTURA COMERCIAL NUM|FACTURA COMERCIAL NUMERO|"
        # the number's mark before the word ("Nº factura", "N.º de factura", "Núm. factura")
        "Nº FACTURA|NO FACTURA|N FACTURA|Nº DE FACTURA|N DE FACTURA|NUM FACTURA|NUMERO FACTURA|"
        # Portuguese (a Brazilian exporter's "Fatura nº", "Número da fatura")
        "FATURA NO|FATURA Nº|NUMERO DA FATURA|FATURA COMERCIAL Nº|"
        # Italian ("Fattura n.", "Numero fattura", "N. fattura")
        "FATTURA N|FATTURA NO|FATTURA NR|NUMERO FATTURA|N FATTURA|NR FATTURA|"
        # Vietnamese: "Số hóa đơn" (invoice number), "Số / No." (read only where "Số" keeps an accent: a bare
        # "SO No." is a sales order's)
        "SO HOA DON|SO NO"
    ),
    # one box for both: "No. & date of invoice" over "9469497   Nov. 10, 2024"
    "invoice_number_dated": wordings(
        "NO & DATE OF INVOICE|NO AND DATE OF INVOICE|INVOICE NO & DATE|INVOICE NO AND DATE|INVOICE NO & DATE OF ISSUE"
    ),
    "invoice_number_weak": wordings("INVOICE|FACTURA|FACTUUR|FACTURE|RECHNUNG|BOOKING ID"),
    "invoice_date": wordings(
        "INVOICE DATE|DATE OF INVOICE|DATE|FECHA DE FACTURA|FECHA DE EMISION|FECHA|FACTUURDATUM|FACTUUR DATUM|"
        "RECHNUNGSDATUM|DATUM|DATA WYSTAWIENIA"
    ),
    "total_strong": wordings(
        "GRAND TOTAL|TOTAL AMOUNT DUE|AMOUNT DUE|BALANCE DUE|TOTAL DUE|TOTAL AMOUNT|TOTAL FOR THIS INVOICE|"
        "INVOICE TOTAL|TOTAL INVOICE VALUE|TOTAL A PAGAR|IMPORTE TOTAL|TOTAL TTC|SOMME A PAYER|TOTAL FACTURE|"
        "TOTAL FACTURA|TOTAL DE LA FACTURA|"
        "FACTUUR TOTAAL|TE BETALEN|GESAMTBETRAG|GESAMTSUMME|RECHNUNGSBETRAG|ENDBETRAG|NALEZNOSC OGOLEM|TOTAL USD|"
        "TOTAL VALUE|"
        # Italian: "Totale fattura" (invoice total), "Totale documento", "Totale da pagare"
        "TOTALE FATTURA|TOTALE DOCUMENTO|TOTALE DA PAGARE|NETTO A PAGARE|"
        # Vietnamese: "Tổng cộng" (grand total), "Tổng cộng tiền thanh toán" (total payable)
        "TONG CONG|TONG CONG TIEN THANH TOAN|TONG TIEN THANH TOAN"
    ),
    "total_weak": wordings("TOTAL|TOTAAL|GESAMT|SUMME|RAZEM"),
    "subtotal_amount": wordings(
        "SUBTOTAL|SUB TOTAL|TOTAL HT|TOTAL NET|NET AMOUNT|EXCLUSIEF BTW|SUBTOTAAL|NETTOBETRAG|TOTAL EXCL|NET TOTAL|"
        "SUMME NETTO|NETTOSUMME|WARENWERT|WARENWERT NETTO|ZWISCHENSUMME|UNTAXED AMOUNT|TOTAL UNTAXED|NETTO|"
        "AMOUNT BEFORE TAX|TOTAL BEFORE TAX|"
        # the amount VAT would be charged on ("Imponibile / Taxable amount"): an export's goods before charges
        "TAXABLE AMOUNT|IMPONIBILE|TOTALE IMPONIBILE|TOTALE MERCE|BASE IMPONIBLE|"
        # a US distributor's sum of the goods, before freight and charges
        "MERCHANDISE|MERCHANDISE TOTAL|TOTAL MERCHANDISE|MERCHANDISE VALUE|"
        # a British invoice's sum of the goods, before carriage ("Goods Total", "Total Goods Value")
        "GOODS TOTAL|TOTAL GOODS|GOODS VALUE|TOTAL GOODS VALUE|"
        # a US distributor's goods shipped, before the credits for returned parts and freight
        "GOODS SHIPPED|TOTAL GOODS SHIPPED|"
        # Vietnamese: "Cộng" (the sum of the lines; glossed "Cộng / Total"), "Cộng tiền hàng" (the goods' sum, before
        # charges and tax); "Cộng" alone is no label ("Công ty", company, reads the same without its accents)
        "CONG TOTAL|CONG TIEN HANG|"
        # an export invoice's goods at their price term, before the freight and insurance it adds ("FOB value",
        # "Valor FOB", "Valor EXW"): the sum of the lines
        + "|".join(f"{term} VALUE|VALOR {term}|VALOR {term} TOTAL" for term in sorted(INCOTERMS))
    ),
    "seller_name": wordings(
        "SELLER|VENDOR|EXPORTER|SOLD BY|SUPPLIER|VENDEDOR|EXPORTADOR|PROVEEDOR|SPRZEDAWCA|SERVICE PROVIDER|"
        # Vietnamese: "Người bán" (seller), "Đơn vị bán hàng" (the selling unit)
        "NGUOI BAN|DON VI BAN HANG"
    ),
    "buyer_name": wordings(
        "BUYER|SOLD TO|BILL TO|BILLED TO|IMPORTER|COMPRADOR|IMPORTADOR|NABYWCA|BILL TO ADDRESS|"
        "FOR ACCOUNT & RISK OF MESSRS|FOR ACCOUNT AND RISK OF MESSRS|FOR ACCOUNT & RISK OF|FOR ACCOUNT AND RISK OF|"
        "ACCOUNTEE|"
        # a British invoice's addressee ("Invoice To", "Invoice Address")
        "INVOICE TO|INVOICE ADDRESS|INVOICED TO|"
        # French: "Vendu à" (sold to), "Facturé à" (billed to), "Acheteur" (buyer)
        "VENDU A|FACTURE A|ACHETEUR|IMPORTATEUR|"
        # Vietnamese: "Người mua" (buyer), "Người mua hàng", "Đơn vị mua hàng" (the buying unit)
        "NGUOI MUA|NGUOI MUA HANG|DON VI MUA HANG"
    ),
    "buyer_name_weak": wordings("CUSTOMER|CLIENTE|CONSIGNEE|CONSIGNATARIO|DESTINATARIO"),
    # "To:" before the addressee's name (only at the start of a line: "From … To …" is a route)
    "buyer_name_to": wordings("TO"),
    # the addressee's salutation on an export invoice ("Messrs." over the buyer's name): as sure as "Buyer"
    # (Italian "Spett.le", short for "Spettabile", and "Spettabile ditta")
    "buyer_name_messrs": wordings("MESSRS|SPETT LE|SPETTLE|SPETTABILE|SPETTABILE DITTA"),
    "seller_tax_id": wordings(
        "SELLER TAX ID|EXPORTER TAX ID|VAT NO|VAT NUMBER|TAX ID|ID FISCAL|IDENTIFICACION FISCAL|"
        "NUM REG ID TRIB|USTID|NIP|EIN|UST IDNR|UST ID NR|VAT ID|VAT REG NO|TAX ID NO|TAX REGISTRATION NO|USCC|"
        "UNIFIED SOCIAL CREDIT CODE|BUSINESS REG NO|BUSINESS REGISTRATION NO|BUSINESS REGISTRATION NUMBER|"
        "CORPORATE NO|CORPORATE NUMBER|FEDERAL TAX ID|FEDERAL TAX ID NO|FEDERAL ID|FEIN|"
        # Taiwan's unified business number, as an English letterhead names it
        "BUSINESS ID NO|BUSINESS ID NUMBER|BUSINESS ID|"
        # a courier's form names the id's kinds in one box, whichever the shipper has ("Tax ID/VAT/EIN No.")
        "TAX ID VAT NO|TAX ID VAT|TAX ID VAT EIN|TAX ID VAT EIN NO|TAX ID EIN|TAX ID EIN NO|VAT EIN NO|"
        # China's unified social credit code and Taiwan's unified business number, in English and in Chinese
        "UBN|BAN|UNIFORM NO|UNIFIED BUSINESS NO|UNIFIED BUSINESS NUMBER|GUI NO|"
        # India's GST identification number; Switzerland's enterprise number (``UID CHE-123.456.789 MWST``)
        "GSTIN|GSTIN NO|GST NO|GST REG NO|GSTIN UIN|UID|UID NR|UID NO|MWST NR|MWST NO|"
        # Canada's business number (nine digits and a program account, ``123456789 RT0001``), in French and English
        "BN|NE BN|BUSINESS NUMBER|NUMERO D ENTREPRISE|NO D ENTREPRISE|"
        # Brazil's company number (``12.345.678/0001-95``)
        "CNPJ|CNPJ MF|"
        # Italy's VAT number ("P.IVA", "Partita IVA": IT and eleven digits)
        "P IVA|PARTITA IVA|"
        # Spain's tax number ("NIF B-12345674", "N.I.F.", "NIF-IVA ESB12345674": its EU VAT form)
        "NIF|N I F|NIF IVA|NIF CIF|NIF NO|"
        # Vietnam's tax code ("Mã số thuế", MST: ten digits, thirteen with a branch's ``-001``), in English "Tax code"
        "MA SO THUE|MST|TAX CODE|"
        "統一編號|统一编号|統一社會信用代碼|统一社会信用代码"
    ),
    # a Japanese issuer's qualified-invoice number ("Registration No. T1234567890123", 登録番号): read only in that
    # number's shape (a company register's number is printed under the same words)
    "seller_tax_id_registration_shaped": wordings(
        "REGISTRATION NO|REGISTRATION NUMBER|REGISTERED NO|REGISTERED NUMBER|INVOICE REGISTRATION NO|"
        "INVOICE REGISTRATION NUMBER|QUALIFIED INVOICE ISSUER NO|QUALIFIED INVOICE ISSUER NUMBER|"
        "登録番号|適格請求書発行事業者登録番号"
    ),
    # Spain's former name of a company's NIF ("C.I.F. B-12345674"), read only before a NIF's shape: "CIF" is an
    # incoterm too
    "seller_tax_id_cif_shaped": wordings("CIF|C I F|CIF NO"),
    "buyer_tax_id": wordings(
        "BUYER TAX ID|IMPORTER TAX ID|BUYER RFC|RFC DEL CLIENTE|RFC|BUYER S TAX ID|BUYERS TAX ID|"
        # Vietnamese: the buyer's tax code ("Mã số thuế người mua")
        "MA SO THUE NGUOI MUA"
    ),
    "incoterm": wordings(
        "INCOTERM|INCOTERMS|TERMS OF DELIVERY|DELIVERY TERMS|TERMINO DE VENTA|PRICE TERM|PRICE TERMS|TERMS OF PRICE|"
        "TRADE TERMS|TERMS OF SALE|LIEFERBEDINGUNG|LIEFERBEDINGUNGEN|CONDICAO DE VENDA|CONDICOES DE VENDA|"
        # Italian: "Resa" (delivery), "Condizioni di resa"
        "RESA|RESA MERCE|CONDIZIONI DI RESA"
    ),
    "origin_country": wordings(
        "COUNTRY OF ORIGIN|ORIGIN|PAIS DE ORIGEN|ORIGEN|MADE IN|URSPRUNGSLAND|HERKUNFTSLAND|PAIS DE ORIGEM|ORIGEM|"
        "ORIGEN DE LA MERCANCIA|ORIGEN DE LAS MERCANCIAS|ORIGIN OF GOODS|ORIGIN OF THE GOODS|"
        "ORIGINE|PAESE DI ORIGINE|ORIGINE MERCE|"
        # Vietnamese: "Xuất xứ" (origin)
        "XUAT XU"
    ),
    # what a certification of origin says of the goods (the agreement's criterion, the certification's own
    # title): no country
    "_origin_terms": wordings(
        "ORIGIN CRITERION|ORIGIN CRITERIA|ORIG CRIT|CRITERIO DE ORIGEN|CRITERIO PARA TRATO PREFERENCIAL|"
        "PREFERENCE CRITERION|CERTIFICATION OF ORIGIN|CERTIFICATE OF ORIGIN|CERTIFICACION DE ORIGEN|"
        "CERTIFICADO DE ORIGEN|DECLARATION OF ORIGIN|DECLARACION DE ORIGEN|RULES OF ORIGIN"
    ),
    # Vietnamese: "Đồng tiền" (currency), "Loại tiền" (kind of money)
    "currency": wordings("CURRENCY|MONEDA|DIVISA|WAEHRUNG|WAHRUNG|WALUTA|MOEDA|VALUTA|DONG TIEN|LOAI TIEN"),
    # decoys: labels that would otherwise be read as one of the above
    "_other_dates": wordings(
        "DUE DATE|ORDER DATE|FECHA DE VENCIMIENTO|VERVALDATUM|ORDERDATUM|SHIP DATE|DATE LIMITE DE PAIEMENT|"
        "DATE LIMITE|DATE D ECHEANCE|PAYMENT DUE|DUE BY"
    ),
    "_other_totals": wordings(
        "TOTAL TAX|TAX TOTAL|TOTAL QTY|TOTAL QUANTITY|TOTAL WEIGHT|TOTAL IVA|SAY TOTAL|SAY|TOTAL PACKAGES|"
        # weights: "Peso netto / Net weight" is no net amount
        "PESO NETTO|PESO LORDO|PESO NETO|PESO BRUTO|NET WEIGHT|GROSS WEIGHT"
    ),
    # a group of lines' own subtotal (each customer order's, on a consolidated invoice): not the invoice's
    "_group_totals": GROUP_SUBTOTALS,
    # charges between the net value and the amount due (rows of the totals block)
    "_charges": wordings(
        "FREIGHT|OCEAN FREIGHT|AIR FREIGHT|INSURANCE|FLETE|SEGURO|FRACHT|VERSICHERUNG|VERPACKUNG|PACKING|"
        "HANDLING|MWST|UST|VAT|IVA|TAX|DISCOUNT|DESCUENTO|RABATT|FRETE|"
        # credits for returned goods taken off the goods shipped
        "LESS CREDITS|LESS CREDIT|CREDITS|CREDITS APPLIED|"
        # Italian: "Trasporto" (freight), "Imballo" (packing), "Assicurazione" (insurance)
        "TRASPORTO|SPESE DI TRASPORTO|IMBALLO|ASSICURAZIONE"
    ),
    "_titles": wordings("COMMERCIAL INVOICE|FACTURA COMERCIAL|PROFORMA INVOICE|TAX INVOICE|FATURA COMERCIAL"),
    # a party named inside prose ("OCEAN FREIGHT (PREPAID BY SELLER)", "firma del vendedor") labels nothing, nor
    # does the exporter an origin declaration names ("The exporter of the products covered by this document …",
    # the wording European and EFTA agreements set; "El exportador de los productos …" in Spanish)
    "_prose": wordings(
        "BY SELLER|BY THE SELLER|BY BUYER|BY THE BUYER|POR EL VENDEDOR|POR EL COMPRADOR|DEL VENDEDOR|DEL COMPRADOR|"
        "THE EXPORTER OF|EL EXPORTADOR DE|L EXPORTATEUR DES|DER AUSFUHRER DER|"
        # a box that points at a party named elsewhere ("Producer: SAME AS EXPORTER")
        "SAME AS EXPORTER|SAME AS THE EXPORTER|SAME AS SELLER|SAME AS SHIPPER|SAME AS IMPORTER|SAME AS BUYER|"
        "IGUAL AL EXPORTADOR|EL MISMO EXPORTADOR|O MESMO EXPORTADOR|"
        # a declaration's words ("… contained in this invoice to be true and correct"), not "Invoice To"
        "THIS INVOICE TO|THE INVOICE TO"
    ),
    # Vietnamese: "Địa chỉ" (address), the caption of the party's address line under its name
    "_address": wordings("DIA CHI"),
    "_ship_to": wordings(
        "SHIP TO|CONSIGNED TO|DELIVER TO|ENVIAR A|EMBARCAR A|LUGAR DE ENTREGA|EXPEDIE A|LIVRE A|LIVRER A"
    ),
    "purchase_order": wordings(
        "CUSTOMER PO|PO NUMBER|YOUR ORDER|IHRE BESTELLUNG|BESTELLNUMMER|"
        "PO NO|PO|P O|PURCHASE ORDER|PURCHASE ORDER NO|ORDEN DE COMPRA|NO DE ORDEN DE COMPRA|OC|"
        # Italian: "Vs. ordine" (your order), "Vostro ordine", "Rif. ordine"
        "VS ORDINE|VOSTRO ORDINE|RIF ORDINE|"
        "BUYER'S ORDER NO|BUYERS ORDER NO|BUYER'S ORDER|BUYER ORDER NO|CUSTOMER ORDER NO|CUSTOMER'S ORDER NO"
    ),
    # the customer's number or code in the issuer's books, not its name
    "_other_parties": wordings(
        "CUSTOMER NO|CUSTOMER NUMBER|CUSTOMER CARE|CUSTOMER SERVICE|CUSTOMER CODE|CUSTOMER ID|CUSTOMER ACCOUNT|"
        "CUSTOMER REF|CUSTOMER REFERENCE|CLIENT CODE|CLIENT NO|CLIENTE NO|NO DE CLIENTE|NUMERO DE CLIENTE|"
        "CODIGO DE CLIENTE|CODIGO CLIENTE|CLAVE DE CLIENTE|CLAVE CLIENTE"
    ),
    "_other_numbers": wordings(
        "ORDER NUMBER|ORDER NO|ORDERNUMMER|KLANTNUMMER|CUSTOMER NO|ACCOUNT NUMBER|KUNDEN NR|KUNDENNUMMER|STEUER NR|"
        # the customs registration an EU or UK trader prints beside its VAT number (``EORI No. GB123456789000``):
        # no tax id, and the end of the VAT number before it
        "EORI|EORI NO|EORI NUMBER"
    ),
}


_LABELLED_CODE = re.compile(r"[A-Z]{2,5}\s?:\s?[A-Z]{0,3}\d{4,}\b")


def parse_name(text: str) -> tuple[str, tuple[int, int]] | None:
    """A party's name: starts with a capital or digit, a few words (prose after a label is not a name)."""
    stripped = text.strip(" :-/\t").lstrip(".")
    if layout.norm(stripped) in LABEL_WORDS:
        return None
    if len(layout.norm(stripped)) < 2 or not re.search(r"[A-Za-z]", stripped) or text.rstrip().endswith(":"):
        return None
    if not (stripped[0].isupper() or stripped[0].isdigit()) or len(stripped.split()) > 12:
        return None
    if re.search(r"[$€£]\s?\d|\d[.,]\d{2}\b", stripped):
        return None  # an amount: this is a line of figures, not a party
    if _LABELLED_CODE.match(stripped):
        return None  # a short label and its code (``ITN: X20250306464953``): a reference, not a party
    start = text.find(stripped)
    return layout.squash(stripped), (start, start + len(stripped))


def _name_beside_caption(
    pages: Sequence[layout.PageLayout], hits: Sequence[layout.LabelHit], key: str, found: layout.Found
) -> layout.Found:
    """A party's caption with the company's name on its own line, right of it (``SOLD TO:   ACME S.A. DE C.V.``),
    and the address under it: the value read under the caption is the address's line (it has no legal form)
    where the words beside the caption name a company (they end in one)."""
    if _company_name(str(found.value)) is not None:
        return found
    beside = layout.find_value(pages, hits, key, _company_name, prefer="right", depth=0)
    if beside is None or beside.page != found.page or beside.bbox is None or found.bbox is None:
        return found
    return beside if beside.bbox[1] < found.bbox[1] else found


def _company_name(text: str) -> tuple[str, tuple[int, int]] | None:
    """A party's name that ends in a legal form (``… S.A. DE C.V.``, ``… Inc.``): a company named without a
    label; a town or an address line has none."""
    found = parse_name(text)
    if found is None or not _FORM_AT_END.search(found[0].rstrip(" ,")):
        return None
    return found


HEADER_PARSERS: dict[str, tuple[Any, str, int]] = {
    "invoice_number_dated": (parse_reference, "below", 2),
    "invoice_number": (parse_reference, "right", 2),
    "invoice_number_weak": (parse_reference, "right", 2),
    "invoice_date": (layout.parse_date, "right", 2),
    "total_strong": (parse_last_money, "right", 0),
    "total_weak": (parse_last_money, "right", 0),
    "subtotal_amount": (parse_last_money, "right", 0),
    "seller_name": (parse_name, "below", 2),
    "buyer_name": (parse_name, "below", 2),
    # "Messrs." before the addressee's name, or alone on its line over it
    "buyer_name_messrs": (parse_name, "right", 1),
    "buyer_name_weak": (parse_name, "below", 2),
    "buyer_name_to": (parse_name, "right", 0),
    "seller_tax_id": (parse_tax_id, "right", 0),
    "seller_tax_id_registration_shaped": (parse_registration_number, "right", 0),
    "seller_tax_id_cif_shaped": (parse_spanish_nif, "right", 0),
    "buyer_tax_id": (parse_tax_id, "right", 0),
    "incoterm": (parse_incoterm, "right", 0),
    "purchase_order": (parse_reference, "right", 1),
    "origin_country": (parse_country, "right", 0),
    "currency": (parse_currency, "right", 0),
}

_COMPANY_RE = re.compile(
    r"^(?P<name>[^\n\f]{2,80}?\b(?:Inc\.?|LLC|L\.L\.C\.|Ltda\.?|Ltd\.?|Limited|Lt[ée]e|Limit[ée]e|B\.V\."
    r"|GmbH & Co\. KG|GmbH|AG"
    r"|S\.A\.(?: de C\.V\.)?"
    r"|S\.A\.P\.I\.|S\.?a\.?r\.?l\.?|S\. de R\.L\.(?: de C\.V\.)?|SA DE CV|SAS|Corp\.?|Corporation"
    # Spain's limited company (sociedad limitada; unipersonal, laboral)
    r"|S\.L\.(?:U\.|L\.)?"
    r"|Co\., Ltd\.?|Co\.|S\.r\.l\.|S\.p\.A\.?|S\.a\.s\.|S\.n\.c\."
    r"|Pvt\.? Ltd\.?|spółka akcyjna|KK|K\.K\.|Kabushiki Kaisha|JSC|J\.S\.C\.|Joint Stock Company))(?=[\s,.]|$)",
    re.MULTILINE | re.IGNORECASE,
)


def extract_invoice(doc_text: DocumentText, context: ExtractionContext) -> ResultBuilder:
    """Header fields and line items of a commercial invoice (or a packing list, which shares its layout)."""
    out = ResultBuilder()
    pages = layout.layouts(doc_text.pages)
    hits = _first_of_each_key((hit for page in pages for hit in layout.find_labels(page, HEADER_LABELS)), pages)
    hits = [hit for hit in hits if hit.key not in LINE_START_KEYS or hit.start == 0]
    hits = [hit for hit in hits if not _names_the_tax_of_an_id(pages, hit)]
    hits = [hit for hit in hits if not _sales_order_number(pages, hit)]
    hits = [hit for hit in hits if not _shapeless_id_label(pages, hit)]
    hits = [hit for hit in hits if not _in_company_register(pages, hit)]
    hits = [hit for hit in hits if not _ticked_option(pages, hit)]
    hits = [hit for hit in hits if not _other_than(pages, hit)]
    hits = [hit for hit in hits if not _refers_to_another_party(pages, hits, hit)]
    item_notes = [hit for hit in hits if hit.key in ITEM_KEYS and _under_goods_heading(pages, hit, hits)]
    hits = [hit for hit in hits if hit not in item_notes]
    ocr_pages = {page.number: page.ocr for page in pages}
    hits = [_over_its_value(pages, hits, hit) if hit.key in SPANNED_VALUES else hit for hit in hits]
    month_first = layout.month_first_dates(doc_text.text, default=_us_dates(doc_text.text))
    for key, (parser, prefer, depth) in HEADER_PARSERS.items():
        if key == "invoice_date":
            parser = accent_blind(layout.date_parser(month_first))
        if key in ROW_KEYS:
            found = _rest_of_row(pages, hits, key, parser)
        else:
            numbered = [hit for hit in hits if hit.key == key and _numbered_caption(pages, hit)]
            unnumbered = [hit for hit in hits if hit not in numbered]
            found = layout.find_value(pages, unnumbered, key, parser, prefer=prefer, depth=depth)
            if found is None and prefer == "right":
                # a value set in its own column, far right of its label
                found = _rest_of_row(pages, hits, key, parser, certainty=0.9)
            if found is None and depth:
                # a header row of labels with the values right-aligned under them
                found = _under_label(pages, unnumbered, key, parser, depth)
            if found is None and numbered and key in PARTY_KEYS:
                found = _numbered_party(pages, hits, numbered)
            if found is None and key in BELOW_LAST:
                # a code or country printed under its label (a row of labels above their values), never a
                # column header of the goods table
                header_free = [hit for hit in hits if not _is_table_header(pages, hit)]
                found = layout.find_value(pages, header_free, key, parser, prefer="below", depth=2)
                if found is None:
                    # a row of boxes whose other captions name nothing read here: the value stands under its
                    # own caption, left of the next one
                    boxed = header_free + _captions(pages, header_free, key)
                    found = layout.find_value(pages, boxed, key, parser, prefer="below", depth=2)
        if key == "invoice_number_dated":
            _date_beside_number(out, pages, hits, layout.date_parser(month_first))
        if found is None:
            continue
        name = "total_amount" if key.startswith("total_") else key.removesuffix("_weak").removesuffix("_to")
        name = name.removesuffix("_dated").removesuffix("_messrs")
        name = "seller_tax_id" if name in SHAPED_IDS else name
        if name in out.fields:
            continue
        if name in ("seller_name", "buyer_name"):
            found = _name_beside_caption(pages, hits, key, found)
            found = _wrapped_legal_form(pages, _first_block(found))
        certainty = 0.85 if key.endswith(("_weak", "_to")) else 1.0
        out.set(name, found.value, found.confidence * certainty, page=found.page, bbox=found.bbox, raw=found.raw)
    _scanned_rfcs(out, ocr_pages)
    if "invoice_number" not in out.fields:
        _number_by_title(out, pages, hits)
    if "invoice_number" not in out.fields:
        _number_in_box(out, pages, hits)
    if "purchase_order" in out.fields:
        out.add_reference("po", str(out.fields["purchase_order"]["value"]))
    for order in group_orders(pages):
        out.add_reference("po", order)  # every customer order a consolidated invoice fills
    buyer_above_tax_id(out, pages, _company_name)
    _fallbacks(out, doc_text, context)
    if "buyer_name" not in out.fields:
        _buyer_from_window(out, pages)
    tax_ids_by_block(out, pages, hits)
    _scanned_rfcs(out, ocr_pages)  # a tax id the buyer's block gave is read as the scan printed it
    _tidy_scanned_names(out, ocr_pages)
    read_lines(out, pages)
    _origin_under_goods(out, hits)
    if item_notes:
        _origin_from_items(out, doc_text.text)
    else:
        _origin_from_issuer(out, doc_text.text, pages[0].lines if pages else ())
    goods_footer(out, pages, hits)
    settle_totals(out, totals_block(pages, hits))
    _totals_lost_point(out, ocr_pages)
    check_totals(out)
    check_amount_in_words(out, doc_text.text)
    _check_tax_ids(out)
    _unread_checked_ids(out, doc_text.text)
    return out


_MONTH_FIRST_NOTE = re.compile(r"\bMM\s?/\s?DD\s?/\s?(?:YY)?YY\b", re.I)


_SPANISH_LABELS = re.compile(
    r"\b(?:COMPRADOR|VENDEDOR|CLIENTE|FECHA|FACTURA|CANTIDAD|CANT|DESCRIPCI[OÓ]N|PRECIO|IMPORTE|EMBARCAR|"
    r"IMPORTADOR|EXPORTADOR|MONEDA|UNIDAD)\b",
    re.I,
)


def accent_blind(parser: Any) -> Any:
    """The parser, tried again without accents when it finds nothing: OCR puts accents where none are printed
    (``25 de énero de 2025``). Each letter keeps its place, so the span found still points at the words."""

    def parse(text: str) -> Any:
        found = parser(text)
        if found is None:
            plain = "".join(_unaccented(ch) for ch in text)
            found = parser(plain) if plain != text else None
        return found

    return parse


def _unaccented(ch: str) -> str:
    base = "".join(part for part in unicodedata.normalize("NFD", ch) if not unicodedata.combining(part))
    return base if len(base) == 1 else ch


def _us_form(text: str) -> bool:
    """A US issuer's own form: its letterhead (the first lines) gives an address in the United States
    (``El Paso, TX 79905``) and the labels are English only (a border supplier labelling its form in Spanish
    for its Mexican customer follows Mexican habits)."""
    letterhead = "\n".join([line for line in text.splitlines() if line.strip()][:3])  # a scan's blank lines aside
    return bool(US_ADDRESS.search(letterhead)) and not _SPANISH_LABELS.search(text)


_EXPORTER = re.compile(r"\b(?:EXPORTER|EXPORTADOR)\b", re.I)


def _us_dates(text: str) -> bool:
    """Whether ambiguous numeric dates are month first: the form says so (``MM/DD/YYYY``), or it is a US
    issuer's own form, or a form made in the United States (a courier's online commercial invoice, whoever
    fills it in): its English captions ask for what only US export forms ask (an EIN, the "country of ultimate
    destination" of the US export rules, the USPPI, a Schedule B number)."""
    if _MONTH_FIRST_NOTE.search(text) or _us_form(text):
        return True
    return bool(_US_CAPTIONS.search(text)) and not _SPANISH_LABELS.search(text)


_US_CAPTIONS = re.compile(
    r"(?:\bEIN\b|/EIN\b|\bCOUNTRY OF ULTIMATE DESTINATION\b|\bUSPPI\b|\bU\.S\. PRINCIPAL PARTY IN INTEREST\b|"
    r"\bSCHEDULE B (?:NO|NUMBER|CODE)\b)",
    re.I,
)


def _scanned_rfcs(out: ResultBuilder, ocr_pages: dict[int, bool]) -> None:
    """A tax id read from a scan in an RFC's length but not its layout: the reading its check digit confirms."""
    for name in ("seller_tax_id", "buyer_tax_id"):
        cell = out.fields.get(name)
        if cell is None or not ocr_pages.get(cell.get("page") or 0):
            continue
        fixed = rfc_by_check_digit(str(cell["value"]))
        if fixed is not None:
            confidence = min(0.8, float(cell["confidence"]))
            out.set(name, fixed, confidence, page=cell.get("page"), bbox=cell.get("bbox"), raw=cell.get("raw"))


def _totals_lost_point(out: ResultBuilder, ocr_pages: dict[int, bool]) -> None:
    """A scanned subtotal or total whose printed digits are exactly the lines' sum's, its decimal point lost
    (``£18,33429`` for ``£18,334.29``, read as a hundred times the sum), is that sum. Text layers are never
    touched, and a total that differs by any digit (charges, a misread digit) is left for review."""
    amounts = [float(line["amount"]["value"]) for line in out.lines if "amount" in line]
    if not amounts or len(amounts) != len(out.lines):
        return
    total = round(sum(amounts), 2)
    digits = re.sub(r"\D", "", f"{total:.2f}").lstrip("0")
    for name in ("subtotal_amount", "total_amount"):
        cell = out.fields.get(name)
        if cell is None or not ocr_pages.get(cell.get("page") or 0) or abs(float(cell["value"]) - total) < 0.005:
            continue
        if digits and re.sub(r"\D", "", str(cell.get("raw") or "")).lstrip("0") == digits:
            confidence = min(0.7, float(cell["confidence"]))
            out.set(name, total, confidence, page=cell.get("page"), bbox=cell.get("bbox"), raw=cell.get("raw"))


def _check_tax_ids(out: ResultBuilder) -> None:
    """A Mexican RFC whose check digit fails is worth a look (it is never rejected: 1.5% of real ones fail); so is
    a Spanish NIF whose control character fails, or a Japanese registration number whose check digit does (both
    are issued with it: a failure is a misprint or a misreading)."""
    for name in ("seller_tax_id", "buyer_tax_id"):
        value = str(out.fields.get(name, {}).get("value", ""))
        if SWISS_UID.fullmatch(value.upper()):
            continue  # a Swiss enterprise number's letters and digits fall in an RFC's layout; it is none
        if checks.rfc_is_valid_format(value) and not checks.rfc_is_valid(value):
            out.warn("check_digit", f"The RFC {value} fails its check digit; check it against the invoice.", name)
        nif = _SPANISH_FORM.fullmatch(value.upper())
        if nif is not None and not checks.spanish_nif_is_valid(re.sub(r"[ -]", "", nif.group(1) or nif.group(2))):
            out.warn("check_digit", f"The NIF {value} fails its control character; check it against the invoice.", name)
        registration = parse_registration_number(value)
        if registration is not None and not checks.japan_registration_is_valid(registration[0]):
            out.warn(
                "check_digit",
                f"The registration number {value} fails its check digit; check it against the invoice.",
                name,
            )


# a tax id printed with a label before it that its own check character vouches for: a Spanish company's NIF or any
# NIF in its VAT form after a tax label (``NIF B-12345674``, ``VAT ESB12345674``), a Japanese registration number
_CHECKED_IDS = re.compile(
    r"\b(?:N\.?I\.?F|C\.?I\.?F|VAT|IVA|TAX)\b[^\n]{0,24}?(?<![A-Z0-9])(?:ES[ -]?)?"
    r"(?P<nif>[ABCDEFGHJNPQRSUVW][ -]?\d{7}[ -]?[0-9A-J])(?![A-Z0-9])|(?<![A-Z0-9])(?P<t>T\d{13})(?![0-9])"
)


def _unread_checked_ids(out: ResultBuilder, text: str) -> None:
    """A tax id the invoice prints whose check character holds (so it is one: the chance that other figures pass
    is small) but that no party's tax id was read as, was left unread: the seller's, most often, printed in
    the letterhead under a label of its own."""
    read = {re.sub(r"[ -]", "", str(out.fields.get(name, {}).get("value", ""))).upper() for name in TAX_FIELDS}
    read |= {value.removeprefix("ES") for value in read}
    for match in _CHECKED_IDS.finditer(text.upper()):
        value = re.sub(r"[ -]", "", match.group("nif") or match.group("t"))
        valid = checks.spanish_nif_is_valid(value) or checks.japan_registration_is_valid(value)
        if valid and value not in read:
            field = "seller_tax_id" if "seller_tax_id" not in out.fields else "buyer_tax_id"
            out.warn(
                "unread_value",
                f"The page prints the tax id {value} but it was not read as any party's; enter it.",
                field,
            )
            return


TAX_FIELDS = ("seller_tax_id", "buyer_tax_id")


# a Spanish company's NIF (a form's letter, seven digits, a control character), or any NIF in its VAT form (``ES``)
_SPANISH_FORM = re.compile(
    r"(?:ES[ -]?)?([ABCDEFGHJNPQRSUVW][ -]?\d{7}[ -]?[0-9A-J])|ES[ -]?(\d{8}[ -]?[A-Z]|[KLMXYZ][ -]?\d{7}[ -]?[A-Z])"
)


_NUMBER_MARK = re.compile(r"\s*(?:N[OÚU]M(?:ERO)?|N[OºO°]|NR|#)\.?\s*:?\s*", re.I)


def parse_numbered(text: str) -> tuple[str, tuple[int, int]] | None:
    """A reference printed after a number mark (``No. H6638-77``, ``Nº 1024``, ``# 5531``), and only then."""
    mark = _NUMBER_MARK.match(text)
    if mark is None or not mark.group(0).strip():
        return None
    found = parse_reference(text[mark.end() :])
    if found is None:
        return None
    value, (start, end) = found
    return value, (mark.end() + start, mark.end() + end)


def _number_by_title(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """The invoice's number under (or after) the form's title, marked "No." alone (``FACTURA COMERCIAL`` over
    ``No. H6638-77``): the title says what is numbered."""
    found = layout.find_value(pages, hits, "_titles", parse_numbered, prefer="right", depth=1)
    if found is not None:
        out.set("invoice_number", found.value, found.confidence * 0.95, page=found.page, bbox=found.bbox, raw=found.raw)


def _phrases(words: list[Any]) -> list[list[Any]]:
    """A line's words grouped at its wide gaps (a gap of several text heights starts the next box's text)."""
    groups: list[list[Any]] = []
    for word in sorted(words, key=lambda word: word.x0):
        if groups and word.x0 - groups[-1][-1].x1 <= 2.5 * max(1.0, word.bottom - word.top):
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _phrase_hit(key: str, page: layout.PageLayout, line: int, words: list[Any]) -> layout.LabelHit:
    """A label hit over a phrase of one line's words."""
    indices = [page.lines[line].words.index(word) for word in words]
    return layout.LabelHit(
        key=key,
        page=page.number,
        line=line,
        start=min(indices),
        end=max(indices),
        x0=min(word.x0 for word in words),
        x1=max(word.x1 for word in words),
        top=min(word.top for word in words),
        bottom=max(word.bottom for word in words),
    )


def _captions(pages: list[layout.PageLayout], hits: list[layout.LabelHit], key: str) -> list[layout.LabelHit]:
    """The other boxes' captions on the line of each of ``key``'s labels (``País de destino / Destination``
    beside ``País de origem / Country of origin``), named by no label: each ends the box left of it."""
    by_page = {page.number: page for page in pages}
    captions: list[layout.LabelHit] = []
    for hit in hits:
        if hit.key != key:
            continue
        page = by_page[hit.page]
        taken = {
            k
            for other in hits
            if other.page == hit.page and other.line == hit.line
            for k in range(other.start, other.end + 1)
        }
        words = page.lines[hit.line].words
        after = [word for k, word in enumerate(words) if k > hit.end]
        for phrase in _phrases(after):
            if phrase[0].x0 - hit.x1 <= 2.5 * max(1.0, hit.bottom - hit.top):
                continue  # the label's own phrase (its other language after a slash)
            if any(words.index(word) in taken for word in phrase):
                continue
            captions.append(_phrase_hit("_caption", page, hit.line, phrase))
    return captions


# a number's caption alone, in one language or two (``Nº / No.``, ``No.``, ``Número / Number``)
_NUMBER_CAPTION = re.compile(
    r"(?:N\s?[º°o]\.?|NO\.?|NR\.?|N[UÚ]M(?:ERO|\.)?|NUMBER|#)(?:\s*/\s*(?:N\s?[º°o]\.?|NO\.?|NR\.?|N[UÚ]M(?:ERO|\.)?|NUMBER|#))*",
    re.I,
)
# how far down the first page a box of the invoice's header may stand (its first lines)
HEADER_BOX_LINES = 12


def _number_in_box(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """An invoice (its title says so) whose header is a row of captioned boxes, the first captioned with a
    number mark alone (``Nº / No.`` beside ``Data / Date``, over ``9629089``): the number under it is the
    invoice's. A mark inside a longer caption (``RFC No.``) numbers something else."""
    if not pages or not any(hit.key == "_titles" for hit in hits):
        return
    page = pages[0]
    for index, line in enumerate(page.lines[:HEADER_BOX_LINES]):
        phrases = _phrases(line.words)
        if len(phrases) < 2 or not _NUMBER_CAPTION.fullmatch(" ".join(w.text for w in phrases[0]).strip()):
            continue
        if index + 1 >= len(page.lines):
            return
        # every box of the row is captioned: the line under the captions holds their values
        boxes = [_phrase_hit("_number_box", page, index, phrases[0])]
        boxes += [_phrase_hit("_caption", page, index, phrase) for phrase in phrases[1:]]
        found = layout.find_value(pages, boxes, "_number_box", parse_reference, prefer="below", depth=1)
        if found is not None and any(ch.isdigit() for ch in str(found.value)):
            out.set(
                "invoice_number", found.value, found.confidence * 0.95, page=found.page, bbox=found.bbox, raw=found.raw
            )
        return


# Captions whose value, under them, may start left of the caption's words, and the widest space between the
# value's words, in text heights: a name's words stand a word space apart, a number and the date after it in one
# box ("No. & date of invoice" over ``INV-2024-41772   2024. 08. 27.``) a little more
SPANNED_VALUES = {"invoice_number_dated": 2.5, "seller_name": 1.0, "buyer_name": 1.0, "buyer_name_weak": 1.0}


def _over_its_value(
    pages: Sequence[layout.PageLayout], hits: Sequence[layout.LabelHit], hit: layout.LabelHit
) -> layout.LabelHit:
    """A box's caption whose value, under it, starts left of the caption's words: a caption printed in two
    languages, or after its box's number, sets the words read here right in the box (``② 수입자 For account &
    risk of Messrs.``, ``⑧ 송장번호 및 일자 No. & date of invoice``), and the value starts at the box's left, or
    is wider than the words (a number and its date). The caption spans the whole value: words that run left
    from under the caption a space apart (``SPANNED_VALUES``), none of them a label's. A value in the box beside
    stands a gutter away."""
    page = next((page for page in pages if page.number == hit.page), None)
    if page is None:
        return hit
    space = SPANNED_VALUES[hit.key]
    labelled = {(h.line, k) for h in hits if h.page == hit.page for k in range(h.start, h.end + 1)}
    height = max(1.0, page.lines[hit.line].height)
    for li in range(hit.line + 1, min(len(page.lines), hit.line + 3)):
        words = page.lines[li].words
        under = next((k for k, w in enumerate(words) if hit.x0 <= (w.x0 + w.x1) / 2 <= hit.x1), None)
        if under is None:
            continue
        # the wider space only between a number and the date under the caption; else a value's words stand a word
        # space apart (a name that ends a little left of the number is another box's)
        first = under
        while first > 0 and (li, first - 1) not in labelled:
            date = layout.parse_date(" ".join(word.text for word in words[first:]))
            gap = words[first].x0 - words[first - 1].x1
            if gap > (space if date is not None and date[1][0] == 0 else 1.0) * height:
                break
            first -= 1
        if first == under or words[first].x0 >= hit.x0 - 1.5 * height:
            return hit
        return replace(hit, x0=words[first].x0)
    return hit


def _date_beside_number(
    out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit], parser: Any
) -> None:
    """The date a "No. & date of invoice" box prints after the number (before any other date label's)."""
    found = layout.find_value(pages, hits, "invoice_number_dated", parser, prefer="below", depth=2)
    if found is not None:
        out.set("invoice_date", found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)


def _tidy_scanned_names(out: ResultBuilder, ocr_pages: dict[int, bool]) -> None:
    for name in ("seller_name", "buyer_name"):
        cell = out.fields.get(name)
        if cell is not None and ocr_pages.get(cell.get("page") or 0):
            tidy = tidy_scanned_name(str(cell["value"]))
            if tidy != cell["value"]:
                out.fields[name] = {**cell, "value": tidy}


_SCAN_NAME_FIXES = [
    # an ampersand read as a pound sign or a dollar ("FASTENER £ MRO SUPPLY")
    (re.compile(r"(?<=[A-Za-z]) [£$€] (?=[A-Za-z])"), " & "),
    # or as an eight, a speck read as its stop ("GLOVES 8. TRIMS CO., LTD."): no figure stands alone between words
    (re.compile(r"(?<=[A-Za-z]{2}) 8\.? (?=[A-Za-z]{2})"), " & "),
    # a speck before a word (".COMPONENTS")
    (re.compile(r"(?<=\s)[.,:;'`]+(?=[A-Za-z])"), ""),
    # the legal form's last letter doubled or its period read as a comma ("C.Vv.", "DEC.V,")
    (re.compile(r"C\.\s?V(?:[vV]\.|,)$"), "C.V."),
    # the period of "S." read as a colon or a semicolon before "DE R.L." ("S: DE R.L.")
    (re.compile(r"\bS[:;](?=\s?DE\s?R\.)"), "S."),
    # the space after "DE" read as a period before "C.V." or "R.L." ("DE.C.V.")
    (re.compile(r"\bDE\.\s?(?=(?:C\.\s?V|R\.\s?L)\.)"), "DE "),
]


def tidy_scanned_name(name: str) -> str:
    """A party's name as a scan's OCR read it, with the specks OCR adds taken out and the spaces it dropped
    from a Mexican legal form put back (``S. DER.L. DEC.V,`` → ``S. DE R.L. DE C.V.``)."""
    for pattern, replacement in _SCAN_NAME_FIXES:
        name = pattern.sub(replacement, name)
    return layout.tidy_company(name)


def _first_block(found: layout.Found) -> layout.Found:
    """A name ends at a wide gap: what follows is the next column (a ship-to address beside the buyer)."""
    kept = _first_block_words(found.words)
    if len(kept) == len(found.words):
        return found
    text = layout.squash(" ".join(word.text for word in kept)).strip(" :-/")
    return layout.Found(text, found.page, kept, text, found.certainty)


_LEGAL_FORM_ALONE = re.compile(
    r"(?:S\.?\s?A\.?(?:\s?P\.?\s?I\.?)?(?:\s?DE\s?C\.?\s?V\.?)?|S\.?\s?DE\s?R\.?\s?L\.?(?:\s?DE\s?C\.?\s?V\.?)?"
    r"|INC\.?|LLC|L\.L\.C\.|LTDA\.?|LTD\.?|LIMITED|LT[EÉ]E|LIMIT[EÉ]E|GMBH|AG|CORP\.?|CORPORATION|CO\.,?\s?LTD\.?|B\.V\.|S\.?R\.?L\.?|SAS"
    r"|S\.?P\.?A\.?|S\.L\.(?:U\.|L\.)?"
    # a joint stock company (Vietnam's "Công ty cổ phần" in English: "… JSC", "… Joint Stock Company")
    r"|J\.?S\.?C\.?|JOINT STOCK COMPANY)",
    re.I,
)


_FORM_AT_END = re.compile(rf"(?:^|(?<=\s))(?:{_LEGAL_FORM_ALONE.pattern})$", re.I)


def _wrapped_legal_form(pages: list[layout.PageLayout], found: layout.Found) -> layout.Found:
    """A party's name wrapped in a narrow box goes on under it, where it starts, up to its legal form
    (``ENSAMBLES ELECTRONICOS DE`` over ``REYNOSA S. DE R.L. DE C.V.``, ``… BAJIO S.A.`` over ``DE C.V.``): the
    next line joins the name when the two end in a legal form that the name alone lacks or that spans the
    break. A line with figures (an address) or its own company after a complete name does not."""
    if not found.words or not isinstance(found.value, str):
        return found
    page = next((page for page in pages if page.number == found.page), None)
    first = found.words[0]
    index = next((k for k, line in enumerate(page.lines) if first in line.words), None) if page else None
    if page is None or index is None or index + 1 >= len(page.lines):
        return found
    below = [word for word in page.lines[index + 1].words if word.x0 > first.x0 - 3]
    if not below or abs(below[0].x0 - first.x0) >= 3:
        return found
    tail = layout.squash(" ".join(word.text for word in _first_block_words(below))).strip(" ,")
    if not tail or any(ch.isdigit() for ch in tail) or len(tail.split()) > 6:
        return found
    name = found.value.rstrip(" ,")
    joined = f"{name} {tail}"
    form = _FORM_AT_END.search(joined)
    if form is None or (_FORM_AT_END.search(name) and form.start() > len(name)):
        return found
    return layout.Found(joined, found.page, [*found.words, *_first_block_words(below)], joined, found.certainty)


def _first_block_words(words: list[Any]) -> list[Any]:
    """The words left of the first wide gap (a gap of several text heights starts the next column)."""
    ordered = sorted(words, key=lambda word: word.x0)
    kept = ordered[:1]
    for word in ordered[1:]:
        if word.x0 - kept[-1].x1 > 2.5 * max(1.0, word.bottom - word.top):
            break
        kept.append(word)
    return kept


def _under_label(
    pages: list[layout.PageLayout], hits: list[layout.LabelHit], key: str, parser: Any, depth: int
) -> layout.Found | None:
    """The words in the next lines whose span overlaps the label's span (values right-aligned in a column)."""
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key != key or sum(1 for h in hits if h.page == hit.page and h.line == hit.line) < 2:
            continue  # only under a header row of several labels
        lines = by_page[hit.page].lines
        for index in range(hit.line + 1, min(len(lines), hit.line + 1 + depth)):
            words = [word for word in lines[index].words if word.x0 < hit.x1 and word.x1 > hit.x0]
            found = layout.found_from_cell(layout.Cell(words=words, page=hit.page), parser, 0.85) if words else None
            if found is not None:
                return found
    return None


def _is_table_header(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """Whether the label stands on a line that names three or more line-item columns."""
    page = next(page for page in pages if page.number == hit.page)
    columns = layout.find_labels(page, LINE_COLUMNS, line_range=(hit.line, hit.line + 1))
    return len({column.key for column in columns}) >= 3


# a party's box that names no party but points at another ("SAME AS CONSIGNEE", "Same as above", "Idem")
_SAME_AS = re.compile(
    r"\W*(?:SAME\s+AS|AS\s+ABOVE|AS\s+PER\s+CONSIGNEE|IGUAL\s+QUE|IGUAL\s+AL?|MISMO\s+QUE|IDEM|ID\.)(?:\W|$)", re.I
)
PARTY_KEYS = ("seller_name", "buyer_name", "buyer_name_weak", "buyer_name_messrs")


def _name_or_same_as(text: str) -> tuple[str, tuple[int, int]] | None:
    """A party's name, or ``_SAME_AS`` when the text points at another party."""
    match = _SAME_AS.match(text)
    return ("_SAME_AS", match.span()) if match else parse_name(text)


# words that make a party's name that follows them a pointer at that party, no caption: "if other than", "same as"
_POINTS_AT = re.compile(
    r"(?:\bOTHER\s+TH[AÁ]N|\bDISTINTO\s+(?:DEL?|AL)|\bSAME\s+AS|\bIGUAL\s+(?:QUE|AL?))(?:\s+(?:THE|EL))?\W*$", re.I
)


def _other_than(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """A party's word inside another party's caption (``Importer - if other than consignee``), or in a box that
    points at that party (``SAME AS CONSIGNEE``), captions no box of its own: on a scan that lost the consignee's
    own caption it would take the box under it for the consignee's."""
    if hit.key not in PARTY_KEYS or hit.start == 0:
        return False
    page = next(page for page in pages if page.number == hit.page)
    before = " ".join(word.text for word in page.lines[hit.line].words[: hit.start])
    return bool(_POINTS_AT.search(before))


def _refers_to_another_party(pages: list[layout.PageLayout], hits: list[layout.LabelHit], hit: layout.LabelHit) -> bool:
    """A party's label whose box says the party is another one ("Buyer (if other than consignee)" over "SAME AS
    CONSIGNEE"): the label names nobody, and the party is read where the other one is."""
    if hit.key not in PARTY_KEYS:
        return False
    _parser, prefer, depth = HEADER_PARSERS[hit.key]
    alone = [other for other in hits if other.key != hit.key or other is hit]
    found = layout.find_value(pages, alone, hit.key, _name_or_same_as, prefer=prefer, depth=depth)
    return found is not None and found.value == "_SAME_AS"


# a tick box before an option: ``[X]``, ``[ ]`` (its brackets apart), ``(X)``, a box's glyph, or the tick alone
# (a scan's reading loses the box's lines and keeps its ``X``)
_TICK_BOX = re.compile(r"[\[(|]\s*[Xx✓✔]?\s*[\])|]|[\])]|[☐☑☒□■✓✔Xx]")


_NUMBER_OF_ELEMENT = re.compile(r"\d{1,2}[.)]")


def _numbered_caption(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """A label that a number opens its line with (``3. Exporter``): one of a form's numbered elements, whose
    value stands beside it in the form's value column; under it is the next element."""
    if hit.start != 1:
        return False
    page = next(page for page in pages if page.number == hit.page)
    return bool(_NUMBER_OF_ELEMENT.fullmatch(page.lines[hit.line].words[0].text.strip()))


# where a party's address starts after its name on one line: a comma and a street number
_ADDRESS_AFTER = re.compile(r",\s*(?=\d)")


def _numbered_party(
    pages: list[layout.PageLayout], hits: list[layout.LabelHit], numbered: list[layout.LabelHit]
) -> layout.Found | None:
    """A party's name beside its numbered element's caption (``3. Exporter    ACME INC, 100 Main St, …``),
    however far right the value column stands; the name ends where its address starts (a comma and a street
    number, or a comma after its legal form)."""
    by_page = {page.number: page for page in pages}
    for hit in numbered:
        line = by_page[hit.page].lines[hit.line]
        ends = [other.x0 for other in hits if other.page == hit.page and other.line == hit.line and other.x0 > hit.x1]
        words = [word for word in line.words[hit.end + 1 :] if word.x1 <= min(ends, default=float("inf"))]
        text = " ".join(word.text for word in words)
        cut = _ADDRESS_AFTER.search(text)
        company = _COMPANY_RE.match(text)
        end = min(cut.start() if cut else len(text), company.end() if company else len(text))
        found = parse_name(text[:end])
        if found is None:
            continue
        used, at = [], 0
        for word in words:
            if at < end:
                used.append(word)
            at += len(word.text) + 1
        return layout.Found(found[0], hit.page, used, found[0], 0.97)
    return None


def _ticked_option(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """A party's word after a tick box (``Certifier: [X] Exporter  [ ] Producer  [ ] Importer``) is one of a
    form's options, ticked or not: it labels no name (the one under it is another box's)."""
    if hit.key.startswith("_") or hit.start == 0:
        return False
    page = next(page for page in pages if page.number == hit.page)
    before = page.lines[hit.line].words[hit.start - 1].text.strip()
    return bool(_TICK_BOX.fullmatch(before))


# labels of an id read only in its own shape (words that label other things too): the id's parser
SHAPED_IDS = {
    "seller_tax_id_registration_shaped": parse_registration_number,
    "seller_tax_id_cif_shaped": parse_spanish_nif,
}
# how many words after such a label its id may stand (``C.I.F.: B-12345674``, ``Registration No. : T…``)
SHAPED_ID_WORDS = 3


def _sales_order_number(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """``Số / No.`` is Vietnamese for the invoice's number, ``S.O. No.`` a sales order's: the invoice number's
    label that starts with ``SO`` is the Vietnamese one only where that word keeps an accent (OCR without the
    Vietnamese letters reads ``Só``)."""
    if hit.key != "invoice_number":
        return False
    page = next(page for page in pages if page.number == hit.page)
    first = page.lines[hit.line].words[hit.start].text
    return layout.norm(first) == "SO" and first.isascii()


def _shapeless_id_label(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """A label of an id read only in its shape (``CIF``, ``Registration No.``) without that id right after it
    on its line labels nothing here: ``CIF`` before a port is the incoterm, a company register's number is no tax
    id. Left as a label, it would end the value of the label before it (``Terms of delivery: CIF Manzanillo``)."""
    parser = SHAPED_IDS.get(hit.key)
    if parser is None:
        return False
    page = next(page for page in pages if page.number == hit.page)
    after = page.lines[hit.line].words[hit.end + 1 : hit.end + 1 + SHAPED_ID_WORDS]
    return parser(" ".join(word.text for word in after)) is None


# a company's entry in Spain's commercial register, printed at the foot of its documents (``Inscrita en el Registro
# Mercantil de Barcelona, Tomo 47003, Folio 143, Hoja B-197097``, ``R.M. Madrid T. 1234 F. 56 H. M-7890``): the
# register's volume, folio and sheet
_COMPANY_REGISTER = re.compile(r"\bREGISTRO\s+MERCANTIL\b|\bR\.\s?M\.|\bTOMO\b.*\bHOJA\b", re.I)


def _in_company_register(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """A number label inside a company register's entry (its ``Folio``, the register's page) numbers no
    invoice: the entry is the issuer's registration, printed at every foot."""
    if hit.key not in ("invoice_number", "invoice_number_weak"):
        return False
    page = next(page for page in pages if page.number == hit.page)
    return bool(_COMPANY_REGISTER.search(" ".join(word.text for word in page.lines[hit.line].words)))


def _names_the_tax_of_an_id(pages: list[layout.PageLayout], hit: layout.LabelHit) -> bool:
    """A tax's name right after an enterprise number (``CHE-123.456.789 MWST``: the Swiss VAT number) is part of
    the number, not a charge's label that would end it."""
    if hit.key != "_charges" or hit.start == 0:
        return False
    page = next(page for page in pages if page.number == hit.page)
    # the words before it (a scan may split the number at a point: ``CHE-896. 136.510``)
    before = " ".join(word.text for word in page.lines[hit.line].words[max(0, hit.start - 3) : hit.start]).upper()
    return any(match.end() == len(before) for match in SWISS_UID.finditer(before))


def _first_of_each_key(
    hits: Iterable[layout.LabelHit], pages: Sequence[layout.PageLayout] = ()
) -> list[layout.LabelHit]:
    """Bilingual labels ("Sold to / Comprador:") name one field twice on a line: keep the first wording only,
    so that the second neither ends the first one's box nor passes for its value. The second wording right
    after the first, a slash between, with the value after it on the line (``Origine / Origin   ITALIA``), is the
    first's gloss: the label runs on to its end. (A caption over its box, ``País de origen / Country of origin``
    beside the next caption, keeps its first wording's span: the value under it stands there.)"""
    hits = list(hits)
    lines = {(page.number, index): line for page in pages for index, line in enumerate(page.lines)}
    starts = {(hit.page, hit.line, hit.start) for hit in hits}
    kept: list[layout.LabelHit] = []
    first: dict[tuple[int, int, str], int] = {}
    for hit in hits:
        where = (hit.page, hit.line, hit.key)
        if where not in first:
            first[where] = len(kept)
            kept.append(hit)
            continue
        label = kept[first[where]]
        line = lines.get((hit.page, hit.line))
        between = line.words[label.end + 1 : hit.start] if line is not None else []
        valued = line is not None and hit.end + 1 < len(line.words) and (hit.page, hit.line, hit.end + 1) not in starts
        if between and valued and all(word.text.strip() == "/" for word in between) and not label.rest:
            kept[first[where]] = replace(
                label, end=hit.end, x1=hit.x1, bottom=max(label.bottom, hit.bottom), rest=hit.rest
            )
    return kept


# Short values that may stand under their label when nothing is printed beside it (tried last).
BELOW_LAST = ("incoterm", "origin_country", "currency")
LINE_START_KEYS = ("buyer_name_to", "buyer_name_messrs")
LABEL_WORDS = frozenset(layout.norm(label) for labels in HEADER_LABELS.values() for label in labels)
ROW_KEYS = ("total_strong", "total_weak", "subtotal_amount")
# labels a line item may repeat under its description (its own particulars, not the invoice's)
ITEM_KEYS = ("origin_country",)


def _rest_of_row(
    pages: list[layout.PageLayout], hits: list[layout.LabelHit], key: str, parser: Any, certainty: float = 0.97
) -> layout.Found | None:
    """A totals row: the figures right of the label up to the next label on the row, however far apart."""
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key != key:
            continue
        found = row_figure(by_page[hit.page], hit, hits, parser, certainty)
        if found is not None:
            return found
    return None


def _fallbacks(out: ResultBuilder, doc_text: DocumentText, context: ExtractionContext) -> None:
    """Values with a shape of their own, from the entity layer, when no label gave them (lower confidence)."""
    entities = [(page, entity) for page, found in sorted(context.entities.items()) for entity in found]
    if "currency" not in out.fields:
        texts = {page.number: page.text for page in doc_text.pages}
        counted = Counter(
            entity.value
            for page, entity in entities
            if entity.label == "CURRENCY" and not _sign_between_words(texts.get(page, ""), entity)
        )
        if counted:
            value, count = counted.most_common(1)[0]
            out.set("currency", value, min(0.9, 0.6 + 0.1 * count), raw=value)
        elif "$" in doc_text.text:
            out.set("currency", "USD", 0.4, raw="$")
    if "incoterm" not in out.fields:
        terms = [(page, entity) for page, entity in entities if entity.label == "INCOTERM"]
        texts = {page.number: page.text for page in doc_text.pages}
        # a term is quoted with its place ("CIF El Paso"); a bare one may be a box's caption ("FOB" over the box)
        placed = [(page, entity) for page, entity in terms if _names_a_place(texts.get(page, ""), entity.end)]
        if terms:
            page, entity = (placed or terms)[0]
            # one term, the only one the document quotes with a place, is as sure as a labelled one
            sure = len({entity.value for _page, entity in placed}) == 1 and len({e.value for _p, e in terms}) <= 2
            out.set("incoterm", entity.value, 0.75 if sure else 0.6, page=page, raw=entity.text)
    if "invoice_date" not in out.fields:
        dates = [(page, entity) for page, entity in entities if entity.label == "DATE"]
        if dates:
            page, entity = dates[0]
            out.set("invoice_date", entity.value, 0.5, page=page, raw=entity.text)
    if "seller_name" not in out.fields and doc_text.pages:
        _seller_from_letterhead(out, doc_text)
    if "seller_name" not in out.fields and doc_text.pages:
        _seller_from_top_line(out, doc_text)
    if "total_amount" not in out.fields:
        money = [(page, entity) for page, entity in entities if entity.label == "AMOUNT"]
        if money:
            page, entity = max(money, key=lambda item: item[1].value)
            out.set("total_amount", entity.value, 0.4, page=page, raw=entity.text)
    currency = out.fields.get("currency", {}).get("value")
    if currency is None:
        symbols = {symbol: code for symbol, code in CURRENCY_WORDS.items() if len(symbol) == 1}
        for symbol, code in symbols.items():
            if symbol in doc_text.text:
                out.set("currency", code, 0.5, raw=symbol)
                break


def _origin_from_issuer(out: ResultBuilder, text: str, rows: Sequence[layout.Line] = ()) -> None:
    """Without a label, the goods go from where the issuer is: a maker's own goods, an exporter's. A US
    distributor resells many makers' goods: its country is their origin only where it labels itself the
    exporter and its lines state no origins of their own; a distributor's form whose lines state each item's
    origin (a ``COO`` column) states none for the invoice, whatever those origins are."""
    issuer = issuer_country(text) if "origin_country" not in out.fields else None
    if issuer is None and "origin_country" not in out.fields and rows:
        # the text joins a letterhead's line with the form's boxes beside it: the page's rows keep them apart
        issuer = issuer_country(gapped_text(rows))
    if issuer is None or _CERTIFIED_PER_ITEM.search(" ".join(text.split())):
        return
    stated = any("origin_country" in line for line in out.lines)
    if stated and _DECLARED_PER_ITEM.search(" ".join(text.split())):
        return
    if issuer == "USA" and (not _EXPORTER.search(text) or (stated and _us_form(text))):
        return
    out.set("origin_country", issuer, 0.75, raw=issuer)


# The origin declaration of the European, EFTA and UK agreements ("… declares that, except where otherwise clearly
# indicated, these products are of … preferential origin") leaves each product's origin to where it is stated:
# with the lines stating theirs, the invoice states none of its own
_DECLARED_PER_ITEM = re.compile(
    r"\b(?:EXCEPT WHERE OTHERWISE CLEARLY INDICATED|SALVO INDICACI[OÓ]N EN SENTIDO CONTRARIO|"
    r"SAUF INDICATION CLAIRE DU CONTRAIRE|SOFERN NICHT ANDERS ANGEGEBEN|SALVO INDICAZIONE CONTRARIA)\b",
    re.I,
)


_PER_ITEM = re.compile(
    r"\b(?:ORIGIN|ORIGEN|URSPRUNG)\w*\s+(?:IS\s+|ES\s+)?(?:STATED|SHOWN|INDICATED|GIVEN|DECLARED|INDICAD[OA]|"
    r"SE[NÑ]ALAD[OA]|DECLARAD[OA]|ANGEGEBEN)\s+(?:PER|FOR EACH|ON EACH|BY|POR|EN CADA|JE)\s+"
    r"(?:ITEM|LINE|POSITION|PARTIDA|ART[IÍ]CULO|L[IÍ]NEA|POSITION)",
    re.I,
)


# A certification of origin given on the invoice (the USMCA's, a free-trade agreement's) qualifies each item by
# its origin criterion: its column or its element names one, and the origin is the items' each, none the invoice's
_CERTIFIED_PER_ITEM = re.compile(
    r"\b(?:ORIGIN CRITERI(?:ON|A)|PREFERENCE CRITERION|CRITERIO DE ORIGEN|CRITERIO PARA TRATO PREFERENCIAL|"
    r"ORIG\. ?CRIT\b)",
    re.I,
)


def _origin_from_items(out: ResultBuilder, text: str) -> None:
    """The origin labelled under each item is the invoice's too when every line states the same one, unless
    the form declares that the origin is the one stated per item (``… of the origin stated per item``), or the
    letterhead places the issuer in another country: a seller of goods made in a third country states their
    origin per item, and the invoice none (a maker's own goods, or an issuer of unstated country, keep it)."""
    origins = {line["origin_country"]["value"] for line in out.lines if "origin_country" in line}
    if len(origins) != 1 or len(out.lines) != sum("origin_country" in line for line in out.lines):
        return
    if _PER_ITEM.search(" ".join(text.split())) or _CERTIFIED_PER_ITEM.search(" ".join(text.split())):
        return
    origin = origins.pop()
    if issuer_country(text) not in (None, origin):
        return
    out.set("origin_country", origin, 0.85, raw=str(origin))


def _origin_under_goods(out: ResultBuilder, hits: list[layout.LabelHit]) -> None:
    """A country of origin declared under the goods, in their description's column (an export invoice typed to
    a letter of credit's wording: the goods, their totals, then ``Country of Origin : KOREA``), is said of every
    item listed above it. An origin in the header's boxes is the invoice's only."""
    origin = out.fields.get("origin_country")
    if origin is None or not origin.get("bbox") or not out.lines:
        return
    if any("origin_country" in line for line in out.lines):
        return
    last = out.lines[-1].get("description") or {}
    box, page = origin["bbox"], origin.get("page")
    if not last.get("bbox") or last.get("page") != page or box[1] <= last["bbox"][3]:
        return
    # the label on the value's printed line (a scan's boxes stand a little apart), where the descriptions start
    label = next(
        (h for h in hits if h.key == "origin_country" and h.page == page and h.top < box[3] and h.bottom > box[1]),
        None,
    )
    if label is None or abs(label.x0 - last["bbox"][0]) >= max(3.0, 1.5 * (label.bottom - label.top)):
        return
    for line in out.lines:
        line["origin_country"] = {**origin, "confidence": min(0.9, float(origin["confidence"]))}


def _under_goods_heading(
    pages: list[layout.PageLayout], hit: layout.LabelHit, hits: Sequence[layout.LabelHit] = ()
) -> bool:
    """Whether a label stands inside the goods table, below its heading row and above the row that ends it
    (``Ursprungsland / Country of origin:`` under each item): it labels the item's particular, not the
    invoice's. Such a form states the origin per item and the invoice has none of its own. A row of the totals
    on the way up (``Imponibile / Taxable amount`` beside the weights, not at the start of its line) has ended
    the goods: a label under it is the invoice's."""
    page = next(page for page in pages if page.number == hit.page)
    totals = {other.line for other in hits if other.page == hit.page and other.key in ROW_KEYS}
    if hit.line in totals:
        return False  # beside the first row of the totals (``Country of Origin: JAPAN    Sub Total 17,311``)
    for index in range(hit.line - 1, -1, -1):
        line = page.lines[index]
        text = layout.norm(" ".join(word.text for word in line.words))
        if index in totals or any(text.startswith(layout.norm(stop)) for stop in TABLE_STOP):
            return False
        columns = layout.find_labels(page, LINE_COLUMNS, line_range=(index, index + 1))
        if len({column.key for column in columns}) >= 3:
            return True
    return False


def _sign_between_words(text: str, entity: Any) -> bool:
    """A currency sign alone between two words, no figure beside it (``FASTENER £ MRO``): an ampersand OCR
    misread, not a currency."""
    if len(entity.text) != 1 or entity.text.isalnum():
        return False
    before = text[: entity.start].rstrip()[-1:]
    after = text[entity.end :].lstrip()[:1]
    return before.isalpha() and after.isalpha()


def _names_a_place(text: str, end: int) -> bool:
    """Whether a word follows the incoterm on its printed line (its named place)."""
    rest = text[end:].split("\n", 1)[0]
    return bool(re.match(r"\s+[A-Za-z]{2,}", rest))


_SELLER_MARKS = re.compile(
    r"\b(?:IBAN|SWIFT|BIC|KVK|BTW|VAT|UST-?ID|SIRET|SIREN|TAX ID|GSTIN|CIN|NIP|UID|MWST|IEC)\b", re.I
)
# a bank's label in the payment details ("Bank: UBS Switzerland AG  IBAN …", "Bankverbindung: …", "Banco: …")
_BANK_LABEL = re.compile(
    r"\b(?:BANK|BANKVERBINDUNG|BANK NAME|BANK DETAILS|BENEFICIARY BANK|CORRESPONDENT BANK|INTERMEDIARY BANK|"
    r"BANCO|BANQUE|NOMBRE DEL BANCO)\s*:",
    re.I,
)
_BUYER_MARKS = re.compile(
    r"(?:T\.?a\.?v\.?|ATTN|Bill to|Sold to|Ship to|Customer|Cliente|Comprador|Factuuradres|Bestellt von"
    r"|Empf\w{1,2}nger|\bTo:)\W*$",
    re.I,
)


# "E. & O.E." (errors and omissions excepted), printed on the signature block's line before the issuer's name
_ERRORS_EXCEPTED = re.compile(r"^E\.?\s?&\s?O\.?\s?E\.?\s+", re.I)
_SIGNED_FOR = re.compile(
    r"(?:FOR AND ON BEHALF OF|ON BEHALF OF|FOR AND BEHALF OF|POR Y EN NOMBRE DE|F(?:Ü|UE)R)\s+", re.I
)
# A party's label printed on the name's own line without a colon ("Ship-to party ACME S.A. DE C.V.", "c/o …"):
# the name that follows is the customer's. "for" before a name is stripped but says nothing by itself (a delivery
# "for" the customer, or a signature block "For ACME Inc."): the name is then compared with the buyer's. A scan's
# reading may join the words before it on the line ("Cd. Juárez, Chih. for ACME S.A."): they go too.
_PARTY_LEAD = re.compile(
    r"(?:(?:SHIP|SOLD|BILL|DELIVER|BILLED|SHIPPED)[\s-]?TO(?:[\s-]PARTY)?|CONSIGNEE|C/O|ATTN)\b\W*", re.I
)
_FOR = re.compile(r"(?:.*\s)?FOR\s+", re.I)
_ADDRESSEE = re.compile(r"\W*(?:T\.?a\.?v\.?|Attn|c/o|Atenci[oó]n)\b", re.I)


def _seller_from_letterhead(out: ResultBuilder, doc_text: DocumentText) -> None:
    """Without a seller label: the company (a name with a legal form) the document names most, in its
    letterhead and in the footer with its bank and registration details; a name right after "Attn" or
    "Bill to" is the buyer's."""
    buyer = layout.norm(out.fields.get("buyer_name", {}).get("value", ""))
    text = _despaced_letterhead(doc_text)
    scores: dict[str, float] = {}
    first_seen: dict[str, tuple[int, str, int]] = {}
    for match in _COMPANY_RE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _BANK_LABEL.search(text[line_start : match.start()] + match.group("name")):
            continue  # the issuer's bank, named in its payment details, is not the issuer
        name = re.sub(r"^.*?:\s*", "", layout.squash(match.group("name"))).strip(" ,:")
        name = _ERRORS_EXCEPTED.sub("", name)
        signed = _SIGNED_FOR.match(name)
        name = name[signed.end() :] if signed else name
        addressed = _PARTY_LEAD.match(name)
        name = name[addressed.end() :] if addressed else name
        addressee = _FOR.match(name)
        name = name[addressee.end() :] if addressee else name
        key = layout.norm(name)
        if not key or (buyer and (buyer.startswith(key) or buyer.endswith(key))):
            continue
        score = 2.0 if signed else 1.0  # the signature block ("For and on behalf of …") names the issuer
        if match.start() < LETTERHEAD_CHARS:
            score += 0.5  # letterhead
        if _SELLER_MARKS.search(text[match.end() : match.end() + 300]):
            score += 1.0
        if (
            addressed
            or _BUYER_MARKS.search(text[max(0, match.start() - 40) : match.start()])
            or _ADDRESSEE.match(text[match.end() : match.end() + 30])
        ):
            score -= 2.0
        scores[key] = scores.get(key, 0.0) + score
        page = text.count("\f", 0, match.start()) + 1
        first_seen.setdefault(key, (page, name, match.start()))
    if not scores:
        return
    best = max(scores, key=lambda key: (scores[key], -first_seen[key][2]))
    if scores[best] <= 0:
        return
    page, name, start = first_seen[best]
    runner_up = max((score for key, score in scores.items() if key != best), default=0.0)
    confidence = min(0.7, 0.35 + 0.1 * scores[best])
    if start < LETTERHEAD_CHARS and scores[best] - runner_up >= SELLER_MARGIN:
        # the letterhead's company, named clearly more than any other (the buyer's name left out): as sure as
        # a labelled name
        confidence = LETTERHEAD_SELLER
    out.set("seller_name", name, confidence, page=page, raw=name)


# a letter-spaced line: this many letters at least, nearly all of its words single characters
SPACED_LETTERS = 6
SPACED_SHARE = 0.8
# a gap this many times the line's usual gap between letters parts two words
SPACED_WORD_GAP = 1.8


def _despaced_letterhead(doc_text: DocumentText) -> str:
    """The text with the first page's letter-spaced lines set as words (``D A E S U N G   T R A D I N G``
    → ``DAESUNG TRADING``): a letterhead spaces its capitals out, and the wider gaps part its words."""
    text = doc_text.text
    if not doc_text.pages:
        return text
    for line in layout.layouts(doc_text.pages[:1])[0].lines[:LETTERHEAD_LINES]:
        words = [w for w in line.words if w.text.strip()]
        singles = sum(1 for w in words if len(w.text.strip()) == 1)
        if singles < SPACED_LETTERS or singles < SPACED_SHARE * len(words):
            continue
        gaps = sorted(b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False))
        usual = max(0.5, gaps[len(gaps) // 2])
        joined = words[0].text.strip()
        for before, word in zip(words, words[1:], strict=False):
            joined += (" " if word.x0 - before.x1 > SPACED_WORD_GAP * usual else "") + word.text.strip()
        spaced = re.search(r"[ \t]+".join(re.escape(w.text.strip()) for w in words), text)
        if spaced is not None:
            text = text[: spaced.start()] + joined + text[spaced.end() :]
    return text


LETTERHEAD_LINES = 3  # the first lines of the first page, where a letter-spaced name is the issuer's


_TOP_LINE_CONFIRMS = re.compile(r"\b(?:PAYABLE TO|REMIT TO|PAY TO|ON BEHALF OF)\b\W*$", re.I)


_TITLE_AT_END = re.compile(r"\s+(?:COMMERCIAL\s+|PROFORMA\s+|TAX\s+)?INVOICE\s*$", re.I)


def _seller_from_top_line(out: ResultBuilder, doc_text: DocumentText) -> None:
    """A small issuer's name without a legal form (``Rio Grande Industrial Supply``) on the first line of its
    letterhead: the seller when an address in the United States follows it in the letterhead's next lines, or
    when the document names it again where payment goes (``make checks payable to …``, ``Remit to …``). Named
    again with the issuer's tax id beside it (a footer), as well as over a US address, it is as sure as a
    letterhead's company."""
    lines = [line for line in doc_text.pages[0].text.splitlines() if line.strip()]
    if not lines:
        return
    head = re.split(r"\s{3,}", lines[0].strip())[0]
    # the title set right on the name's line, a space apart as OCR joins the words (``… CO INVOICE``)
    head = _TITLE_AT_END.sub("", head)
    found = parse_name(head)
    if found is None or any(ch.isdigit() for ch in found[0]) or len(found[0].split()) < 2:
        return
    name = found[0]
    key = layout.norm(name)
    if key in LABEL_WORDS or any(layout.norm(title) in key for title in HEADER_LABELS["_titles"]):
        return
    if key in layout.norm(out.fields.get("buyer_name", {}).get("value", "")):
        return
    text = doc_text.text
    addressed = bool(US_ADDRESS.search("\n".join(lines[1:4])))
    again = [match for match in re.finditer(re.escape(name), text) if match.start() > 0]
    payee = any(_TOP_LINE_CONFIRMS.search(text[: match.start()]) for match in again)
    # named again beside the issuer's tax id or bank (a footer's ``… CO - Federal Tax ID (EIN) 55-4662673``)
    marked = addressed and any(_SELLER_MARKS.search(text[match.end() :].split("\n", 1)[0][:60]) for match in again)
    if addressed or payee:
        out.set("seller_name", name, 0.75 if payee or marked else 0.6, page=1, raw=name)


LETTERHEAD_CHARS = 400  # the letterhead: the first characters of the text
SELLER_MARGIN = 1.0  # how far the letterhead's company must lead every other one
LETTERHEAD_SELLER = 0.75


_SEPARATED = re.compile(r"\s[·•|]\s")


def _buyer_from_window(out: ResultBuilder, pages: list[layout.PageLayout]) -> None:
    """A European letter's address window, without a label: the sender's return address on one small line
    (``Company GmbH · Street 1 · 12345 City``) with the addressee's name the first line under it that starts
    where it starts."""
    for page in pages[:1]:
        for index, line in enumerate(page.lines):
            block = _first_block_words(line.words)
            text = " ".join(word.text for word in block)
            if len(_SEPARATED.findall(f" {text} ")) < 2 or not _COMPANY_RE.match(_SEPARATED.split(text)[0]):
                continue
            x0 = block[0].x0
            for below in page.lines[index + 1 : index + 4]:
                words = [word for word in below.words if abs(word.x0 - x0) < 3 or word.x0 > x0 + 3]
                if not words or abs(words[0].x0 - x0) >= 3:
                    continue
                name = parse_name(" ".join(word.text for word in _first_block_words(words)))
                if name is not None:
                    out.set("buyer_name", name[0], 0.7, page=page.number, raw=name[0])
                return
