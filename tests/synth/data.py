"""Ground truth for synthetic documents: realistic values that add up, drawn from a seeded random generator.

Every function takes a ``random.Random`` and returns plain dicts in the extraction contract's field names
(``../shared/contracts/extraction-v1.md``), so a rendered document's expected output is the dict itself.
RFCs carry valid check digits, containers valid ISO 6346 check digits, and amounts are computed the way a
broker's system computes them (line values from quantity × price × exchange rate, totals as sums).
"""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from typing import Any

from extractors import checks

# --------------------------------------------------------------------------------------------------------
# Parties

MX_COMPANIES = [
    (
        "MAQUILADORA DEL NORTE",
        "S.A. DE C.V.",
        "Av. Industrial 1200, Parque Industrial Las Américas, Cd. Juárez, Chih.",
    ),
    ("ENSAMBLES ELECTRONICOS DE REYNOSA", "S. DE R.L. DE C.V.", "Blvd. Puerta del Sol 455, Reynosa, Tamps."),
    ("ARNESES Y COMPONENTES DEL BAJIO", "S.A. DE C.V.", "Carr. Celaya-Salvatierra km 4, Celaya, Gto."),
    ("TECNOLOGIA AUTOMOTRIZ QUERETANA", "S.A. DE C.V.", "Av. de la Luz 24, Parque Ind. Benito Juárez, Qro."),
    (
        "MANUFACTURAS PLASTICAS DE TIJUANA",
        "S. DE R.L. DE C.V.",
        "Calle Alfa 300, Ciudad Industrial, Tijuana, B.C.",
    ),
    ("DISPOSITIVOS MEDICOS DE MEXICALI", "S.A. DE C.V.", "Calz. Héctor Terán 1850, Mexicali, B.C."),
]
FOREIGN_COMPANIES = [
    ("PACIFIC COMPONENTS INC", "USA", "1450 Commerce Dr, Laredo, TX 78041"),
    ("GREAT LAKES WIRE & CABLE LLC", "USA", "800 Industrial Pkwy, Toledo, OH 43612"),
    ("SHENZHEN BRIGHTWAY ELECTRONICS CO LTD", "CHN", "No. 88 Keji Road, Nanshan, Shenzhen"),
    ("NINGBO ORIENT PLASTIC PARTS CO LTD", "CHN", "12 Yinzhou Ave, Ningbo, Zhejiang"),
    ("HANSOL PRECISION CO LTD", "KOR", "55 Gongdan-ro, Changwon, Gyeongnam"),
    ("TOKAI SEIMITSU KOGYO KK", "JPN", "3-1 Minato-machi, Nagoya, Aichi"),
    ("RHEIN METALLTEILE GMBH", "DEU", "Industriestr. 14, 40231 Düsseldorf"),
]
BROKERS = [
    ("AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C.", "JUAN CARLOS GARZA TREVIÑO"),
    ("DESPACHOS ADUANALES DEL PACIFICO, S.C.", "MARIA ELENA RUIZ OCHOA"),
    ("GRUPO ADUANAL FRONTERIZO, S.C.", "ROBERTO SALINAS MEDINA"),
]

# (fraccion, nico, description, umc, umt, unit price USD range, kg per unit)
IMPORT_GOODS = [
    (
        "85423999",
        "99",
        "CIRCUITO INTEGRADO MONOLITICO PARA TARJETA ELECTRONICA",
        "6",
        "6",
        (0.12, 4.5),
        0.002,
    ),
    ("85322499", "00", "CAPACITOR CERAMICO MULTICAPA DE MONTAJE SUPERFICIAL", "6", "6", (0.01, 0.2), 0.0005),
    ("85334099", "99", "RESISTENCIA VARIABLE (POTENCIOMETRO)", "6", "6", (0.08, 1.2), 0.004),
    ("39269099", "99", "PIEZA DE PLASTICO MOLDEADA PARA ENSAMBLE DE CARCASA", "6", "1", (0.05, 2.0), 0.03),
    ("73181599", "99", "TORNILLO DE ACERO CON CABEZA, CON ROSCA", "6", "1", (0.01, 0.15), 0.006),
    ("85444999", "99", "CABLE ELECTRICO AISLADO DE COBRE, SIN CONECTORES", "3", "1", (0.2, 3.5), 0.05),
    ("40169399", "99", "EMPAQUE DE HULE VULCANIZADO NO ENDURECIDO", "6", "1", (0.03, 0.9), 0.01),
    (
        "76061299",
        "99",
        "LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM",
        "1",
        "1",
        (2.5, 6.0),
        1.0,
    ),
    ("48191001", "00", "CAJA DE CARTON CORRUGADO PARA EMPAQUE", "6", "1", (0.3, 2.5), 0.4),
    ("85369099", "99", "CONECTOR ELECTRICO PARA CIRCUITO IMPRESO", "6", "6", (0.05, 1.8), 0.003),
    ("85049099", "99", "PARTES PARA TRANSFORMADORES (NUCLEOS DE FERRITA)", "6", "1", (0.1, 2.2), 0.02),
    ("39199099", "99", "CINTA ADHESIVA DE PLASTICO EN ROLLOS", "6", "1", (0.4, 3.0), 0.1),
]
EXPORT_GOODS = [
    ("85443002", "00", "ARNES ELECTRICO PARA VEHICULO AUTOMOTOR", "6", "6", (8.0, 65.0), 0.9),
    ("85371099", "99", "TABLERO ELECTRONICO DE CONTROL ENSAMBLADO", "6", "6", (12.0, 140.0), 0.6),
    ("94054199", "99", "MODULO DE ILUMINACION LED PARA INTERIOR", "6", "6", (4.0, 30.0), 0.3),
    ("90189099", "99", "DISPOSITIVO MEDICO PARA INFUSION, DESECHABLE", "6", "6", (1.5, 12.0), 0.05),
    ("85044099", "99", "FUENTE DE PODER CONMUTADA PARA EQUIPO INDUSTRIAL", "6", "6", (9.0, 80.0), 0.7),
]
COUNTRY_WEIGHTS = [("USA", 5), ("CHN", 4), ("KOR", 1), ("JPN", 1), ("DEU", 1), ("TWN", 1)]

# aduana (2 digits) → (sección, transport mode: ocean/air/truck, port or crossing name)
ADUANAS = {
    "16": ("0", "ocean", "MANZANILLO"),
    "43": ("0", "ocean", "VERACRUZ"),
    "81": ("0", "ocean", "ALTAMIRA"),
    "47": ("0", "air", "AICM"),
    "24": ("0", "truck", "NUEVO LAREDO"),
    "07": ("0", "truck", "CIUDAD JUAREZ"),
    "40": ("0", "truck", "TIJUANA"),
    "30": ("0", "truck", "REYNOSA"),
}


def rfc(rng: random.Random, incorporated: date | None = None) -> str:
    """A persona moral RFC with a valid check digit."""
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVZ") for _ in range(3))
    when = incorporated or date(rng.randint(1985, 2018), rng.randint(1, 12), rng.randint(1, 28))
    homoclave = rng.choice("123456789ABCDEFGHIJKLMNPRSTUV") + rng.choice("123456789ABCDEFGHIJKLMNPRSTUVWXYZ")
    body = f"{letters}{when:%y%m%d}{homoclave}"
    return body + checks.rfc_check_digit(body + "0")


def container(rng: random.Random, owner: str | None = None) -> str:
    """An ISO 6346 container number with a valid check digit."""
    owner = owner or rng.choice(["MSKU", "MAEU", "TCLU", "CSQU", "HLXU", "TGHU", "MSCU", "CMAU", "OOLU"])
    body = owner + f"{rng.randint(0, 999999):06d}"
    return body + checks.iso6346_check_digit(body + "0")


def cove(rng: random.Random) -> str:
    return "COVE" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(9))


def invoice_number(rng: random.Random, when: date) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"INV-{when.year}-{rng.randint(100, 99999):05d}"
    if style == 1:
        return f"F{rng.randint(10000, 999999)}"
    if style == 2:
        return f"{rng.choice('ABCDEFGH')}{rng.randint(100, 9999)}-{rng.randint(10, 99)}"
    return f"{rng.randint(9000000, 9999999)}"


def po_number(rng: random.Random) -> str:
    return rng.choice(["45", "PO-", "OC-"]) + f"{rng.randint(10000000, 99999999)}"


def seal(rng: random.Random) -> str:
    return rng.choice(["ML-", "SH", "", "EU"]) + f"{rng.randint(1000000, 9999999)}"


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _day(rng: random.Random) -> date:
    return date(2024, 1, 1) + timedelta(days=rng.randint(0, 640))


# --------------------------------------------------------------------------------------------------------
# Pedimento

PEDIMENTO_KINDS = [
    # (clave, operation type, régimen, IMMEX identifier present)
    ("IN", "IMP", "ITE", True),
    ("A1", "IMP", "IMD", False),
    ("V1", "IMP", "ITE", True),
    ("RT", "EXP", "ITE", True),
    ("V1", "EXP", "ITE", True),
]


def pedimento(rng: random.Random, kind: int, partidas: int) -> dict[str, Any]:
    """Truth for one pedimento: {"fields", "lines", "references", "extra"} (extra: what is printed but not
    in the contract, for rendering)."""
    clave, op, regimen, immex = PEDIMENTO_KINDS[kind % len(PEDIMENTO_KINDS)]
    virtual = clave == "V1"
    aduana = rng.choice(["24", "07", "40", "30"]) if virtual else rng.choice(sorted(ADUANAS))
    seccion, mode, place = ADUANAS[aduana]
    if virtual:
        mode = "none"
    paid = _day(rng)
    year = paid.year
    patente = f"{rng.randint(1000, 3999):04d}"
    number = f"{year % 100:02d}{aduana}{patente}{year % 10}{rng.randint(1, 400000):06d}"
    tc = round(rng.uniform(16.8, 20.6), 4)
    importer = rng.choice(MX_COMPANIES)
    importer_rfc = rfc(rng)
    supplier = rng.choice(FOREIGN_COMPANIES)
    export = op == "EXP"
    goods_pool = EXPORT_GOODS if export else IMPORT_GOODS
    incr_rate = 0.0 if export else rng.choice([0.0, 0.004, 0.012, 0.025])

    lines: list[dict[str, Any]] = []
    total_usd_lines = 0.0
    gross_kg = 0.0
    for seq in range(1, partidas + 1):
        fr, nico, desc, umc, umt, (lo, hi), kg = rng.choice(goods_pool)
        qty = float(rng.choice([rng.randint(10, 900), rng.randint(1000, 60000)]))
        if umc in ("1", "3"):
            qty = round(rng.uniform(20, 3000), 3)
        unit_usd = round(rng.uniform(lo, hi), 4)
        usd = round(qty * unit_usd, 2)
        value_added = 0
        paid_mxn = round(usd * tc)
        if clave == "RT":
            value_added = round(paid_mxn * rng.uniform(0.08, 0.35))
        customs = paid_mxn + round(paid_mxn * incr_rate)
        umt_qty = qty if umt == umc else round(qty * kg, 3)
        if umt == "1" and umt_qty < 0.001:
            umt_qty = 0.001
        gross_kg += umt_qty if umt == "1" else qty * kg
        country_vc = "USA" if export else supplier[1]
        country_od = "USA" if export else _weighted(rng, COUNTRY_WEIGHTS)
        part = f"{rng.choice(['PN', 'P', 'MX', 'A'])}{rng.randint(1000, 99999)}-{rng.randint(1, 99):02d}"
        line = {
            "sequence": seq,
            "tariff_code": fr,
            "nico": nico,
            "description": desc,
            "umc": umc,
            "umc_quantity": qty,
            "umt": umt,
            "umt_quantity": umt_qty,
            "seller_buyer_country": country_vc,
            "origin_destination_country": country_od,
            "customs_value_mxn": usd if export else customs,
            "paid_price_mxn": paid_mxn,
            "unit_price": round(paid_mxn / qty, 5),
            "value_added": value_added,
            "part_number": part,
        }
        total_usd_lines += usd
        lines.append(line)

    commercial = sum(int(ln["paid_price_mxn"]) for ln in lines)
    if export:
        customs_total = commercial
        usd_value = round(commercial / tc, 2)
    else:
        customs_total = sum(int(ln["customs_value_mxn"]) for ln in lines)
        usd_value = round(customs_total / tc, 2)
    gross = round(gross_kg * rng.uniform(1.05, 1.2) + 1, 3)

    entry = paid - timedelta(days=rng.randint(0, 3))
    fields: dict[str, Any] = {
        "pedimento_number": number,
        "operation_type": op,
        "clave": clave,
        "regimen": regimen,
        "customs_office": aduana + seccion,
        "patente": patente,
        "exchange_rate": tc,
        "gross_weight_kg": gross,
        "usd_value": usd_value,
        "customs_value_mxn": customs_total,
        "commercial_value_mxn": commercial,
        "importer_exporter_rfc": importer_rfc,
        "importer_exporter_name": f"{importer[0]} {importer[1]}",
        "payment_date": paid.isoformat(),
        "partida_count": partidas,
    }
    if export:
        fields["presentation_date"] = entry.isoformat()
    else:
        fields["entry_date"] = entry.isoformat()
    program = f"{rng.randint(100, 9999)}-{rng.randint(2003, 2019)}"
    if immex:
        fields["immex_program"] = program

    references: list[dict[str, str]] = []
    invoices = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        inv_date = paid - timedelta(days=rng.randint(3, 30))
        inv = {
            "number": invoice_number(rng, inv_date),
            "date": inv_date,
            "cove": cove(rng),
            "incoterm": rng.choice(["FCA", "EXW", "CIF", "DAP", "FOB"]),
            "currency": "USD",
            "usd": 0.0,
        }
        invoices.append(inv)
    share = round(total_usd_lines / len(invoices), 2)
    for inv in invoices:
        inv["usd"] = share
        references.append({"kind": "invoice", "value": str(inv["number"])})
        references.append({"kind": "cove", "value": str(inv["cove"])})
    guides: list[tuple[str, str]] = []
    containers: list[str] = []
    if mode == "ocean":
        scac = rng.choice(["MAEU", "MSCU", "HLCU", "CMDU", "ONEY"])
        bl = scac + f"{rng.randint(100000000, 999999999)}"
        guides.append((bl, "M"))
        references.append({"kind": "bl", "value": bl})
        for _ in range(rng.choice([1, 1, 2, 3])):
            c = container(rng)
            containers.append(c)
            references.append({"kind": "container", "value": c})
    elif mode == "air":
        serial = rng.randint(1000000, 9999999)
        awb = f"{rng.choice(['020', '057', '074', '176'])}-{serial}{serial % 7}"
        guides.append((awb, "M"))
        references.append({"kind": "awb", "value": awb.replace("-", "")})
    extra = {
        "mode": mode,
        "place": place,
        "transport_code": {"ocean": "1", "air": "4", "truck": "7", "none": "98"}[mode],
        "importer_address": importer[2],
        "supplier": supplier,
        "supplier_tax_id": f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}",
        "broker": rng.choice(BROKERS),
        "broker_rfc": rfc(rng),
        "invoices": invoices,
        "guides": guides,
        "containers": containers,
        "program": program if immex else None,
        "acuse": "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(8)),
        "incrementables": customs_total - commercial if not export else 0,
        "dta": max(408, round(customs_total * 0.008)) if clave == "A1" else 408,
        "destino": rng.choice(["9", "9", "7"]),
        "prevalidador": rng.choice(["010", "020", "030"]),
    }
    return {
        "doc_type": "pedimento",
        "fields": fields,
        "lines": lines,
        "references": references,
        "extra": extra,
    }


# --------------------------------------------------------------------------------------------------------
# Commercial invoice


def commercial_invoice(rng: random.Random, n_lines: int) -> dict[str, Any]:
    """Truth for a supplier's commercial invoice to a Mexican IMMEX company."""
    when = _day(rng)
    seller = rng.choice(FOREIGN_COMPANIES)
    buyer = rng.choice(MX_COMPANIES)
    lines: list[dict[str, Any]] = []
    for _ in range(n_lines):
        fr, _nico, desc, _umc, _umt, (lo, hi), _kg = rng.choice(IMPORT_GOODS)
        qty = float(rng.choice([rng.randint(10, 900), rng.randint(1000, 25000)]))
        unit = rng.choice(["PCS", "EA", "PCS", "KG"]) if fr[:2] in ("76", "39") else rng.choice(["PCS", "EA"])
        price = round(rng.uniform(lo, hi), 4)
        lines.append(
            {
                "part_number": f"{rng.choice(['PN', 'SKU', 'A'])}-{rng.randint(10000, 999999)}",
                "description": desc.capitalize(),
                "quantity": qty,
                "unit": unit,
                "unit_price": price,
                "amount": round(qty * price, 2),
                "tariff_code": fr,
                "origin_country": seller[1] if rng.random() < 0.7 else _weighted(rng, COUNTRY_WEIGHTS),
            }
        )
    subtotal = round(sum(float(ln["amount"]) for ln in lines), 2)
    freight = rng.choice([0.0, 0.0, round(subtotal * 0.02, 2)])
    fields = {
        "invoice_number": invoice_number(rng, when),
        "invoice_date": when.isoformat(),
        "seller_name": seller[0],
        "seller_tax_id": f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}",
        "buyer_name": f"{buyer[0]} {buyer[1]}",
        "buyer_tax_id": rfc(rng),
        "currency": "USD",
        "incoterm": rng.choice(["FCA", "EXW", "DAP", "CIF", "FOB"]),
        "subtotal_amount": subtotal,
        "total_amount": round(subtotal + freight, 2),
        "origin_country": seller[1],
    }
    extra = {
        "seller_address": seller[2],
        "buyer_address": buyer[2],
        "freight": freight,
        "po": po_number(rng),
        "terms": rng.choice(["NET 30", "NET 60", "PREPAID"]),
    }
    return {
        "doc_type": "commercial_invoice",
        "fields": fields,
        "lines": lines,
        "references": [{"kind": "po", "value": extra["po"]}],
        "extra": extra,
    }


# --------------------------------------------------------------------------------------------------------
# Bills of lading

CARRIERS = {
    "ocean": [
        ("MAERSK A/S", "MAEU"),
        ("MEDITERRANEAN SHIPPING COMPANY S.A.", "MSCU"),
        ("HAPAG-LLOYD AG", "HLCU"),
        ("CMA CGM S.A.", "CMDU"),
        ("OCEAN NETWORK EXPRESS PTE. LTD.", "ONEY"),
    ],
    "truck": [
        ("TRANSPORTES FRONTERIZOS DEL NORTE SA DE CV", "TFNR"),
        ("CELADON LOGISTICS INC", "CLDN"),
        ("LONE STAR FREIGHT LINES LLC", "LSFL"),
        ("AUTOTRANSPORTES DEL BAJIO SA DE CV", "ATBJ"),
    ],
}
VESSELS = ["MAERSK KENSINGTON", "MSC ANNA", "BERLIN EXPRESS", "CMA CGM TAGE", "ONE HARMONY", "MSC LORETO"]
PORTS_LOADING = ["SHANGHAI, CHINA", "NINGBO, CHINA", "BUSAN, KOREA", "YOKOHAMA, JAPAN", "KAOHSIUNG, TAIWAN"]
PORTS_DISCHARGE = ["MANZANILLO, MEXICO", "LAZARO CARDENAS, MEXICO", "VERACRUZ, MEXICO", "ALTAMIRA, MEXICO"]
PLACES_DELIVERY = [
    "GUADALAJARA, JAL.",
    "QUERETARO, QRO.",
    "CELAYA, GTO.",
    "MONTERREY, N.L.",
    "MANZANILLO, MEXICO",
]


def bill_of_lading(rng: random.Random, kind: str, n_lines: int) -> dict[str, Any]:
    """Truth for an ocean or truck bill of lading."""
    carrier, scac = rng.choice(CARRIERS[kind])
    shipper = rng.choice(FOREIGN_COMPANIES if kind == "ocean" else FOREIGN_COMPANIES[:2])
    consignee = rng.choice(MX_COMPANIES)
    issued = _day(rng)
    invoice = invoice_number(rng, issued)
    po = po_number(rng)
    fr, _n, desc, *_ = rng.choice(IMPORT_GOODS)
    goods = desc
    lines = []
    references: list[dict[str, str]] = []
    for _ in range(n_lines):
        pkgs = rng.randint(4, 60) if kind == "ocean" else rng.randint(2, 26)
        weight = round(rng.uniform(400, 18000) if kind == "ocean" else rng.uniform(150, 9000), 1)
        line: dict[str, Any] = {"package_count": pkgs, "gross_weight_kg": weight}
        if kind == "ocean":
            c = container(rng)
            s = seal(rng)
            line.update({"container_number": c, "seal_number": s, "description": goods})
            references += [{"kind": "container", "value": c}, {"kind": "seal", "value": s}]
        else:
            line["description"] = rng.choice(IMPORT_GOODS)[2]
        lines.append(line)
    fields: dict[str, Any] = {
        "bl_kind": kind,
        "carrier_name": carrier,
        "carrier_scac": scac,
        "shipper_name": shipper[0],
        "consignee_name": f"{consignee[0]} {consignee[1]}",
        "issue_date": issued.isoformat(),
        "package_count": sum(ln["package_count"] for ln in lines),
        "gross_weight_kg": round(sum(ln["gross_weight_kg"] for ln in lines), 1),
        "freight_terms": rng.choice(["prepaid", "collect"]),
    }
    extra: dict[str, Any] = {
        "shipper_address": shipper[2],
        "consignee_address": consignee[2],
        "consignee_rfc": rfc(rng),
        "invoice": invoice,
        "po": po,
        "fraccion": fr,
    }
    if kind == "ocean":
        fields["bl_number"] = scac + f"{rng.randint(100000000, 999999999)}"
        notify = rng.choice(BROKERS)[0]
        fields.update(
            {
                "notify_party_name": notify,
                "vessel": rng.choice(VESSELS),
                "voyage": f"{rng.randint(100, 499)}{rng.choice('NSEW')}",
                "port_of_loading": rng.choice(PORTS_LOADING),
                "port_of_discharge": rng.choice(PORTS_DISCHARGE),
                "place_of_delivery": rng.choice(PLACES_DELIVERY),
                "shipped_on_board_date": (issued - timedelta(days=rng.randint(0, 2))).isoformat(),
                "goods_description": goods,
            }
        )
        extra["booking"] = f"{rng.randint(100000000, 999999999)}"
    else:
        fields["bl_number"] = f"{scac}{rng.randint(1000000, 9999999)}"
        seals = [seal(rng) for _ in range(rng.choice([1, 2]))]
        extra["seals"] = seals
        extra["trailer"] = f"{rng.choice(['TR', 'CJ', 'UTX'])}{rng.randint(10000, 99999)}"
        extra["pos"] = [po] + [po_number(rng) for _ in range(rng.randint(0, 2))]
        references += [{"kind": "seal", "value": s} for s in seals]
        references += [{"kind": "po", "value": p} for p in extra["pos"]]
    references.append({"kind": "invoice", "value": invoice})
    if kind == "ocean":
        references.append({"kind": "po", "value": po})
    return {
        "doc_type": "bill_of_lading",
        "fields": fields,
        "lines": lines,
        "references": references,
        "extra": extra,
    }


# --------------------------------------------------------------------------------------------------------
# CFDI printouts (an IMMEX company's export CFDI with the Comercio Exterior complement)

SAT_UNITS = {"H87": ("PIEZA", "06"), "KGM": ("KILOGRAMO", "01"), "MTR": ("METRO", "03")}
PRODUCT_KEYS = ["26121600", "39269099", "25174200", "31161800", "39121000", "43201800", "32101600"]


def uuid4(rng: random.Random) -> str:
    """A random RFC 4122 version-4 UUID in upper case, as the folio fiscal is printed."""
    digits = "".join(rng.choice("0123456789ABCDEF") for _ in range(32))
    text = digits[:12] + "4" + digits[13:16] + rng.choice("89AB") + digits[17:]
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def cfdi_printout(rng: random.Random, n_lines: int) -> dict[str, Any]:
    """Truth for the printout of an export CFDI (Ingreso, USD, Comercio Exterior with mercancías)."""
    when = _day(rng)
    issuer = rng.choice(MX_COMPANIES)
    receiver = rng.choice(FOREIGN_COMPANIES[:2])
    tc = round(rng.uniform(16.8, 20.6), 4)
    lines: list[dict[str, Any]] = []
    for _ in range(n_lines):
        fr, _nico, desc, _umc, _umt, (lo, hi), kg = rng.choice(EXPORT_GOODS)
        unit = rng.choice(["H87", "H87", "KGM"]) if fr.startswith("39") else "H87"
        qty = float(rng.randint(10, 5000))
        price = round(rng.uniform(lo, hi), 2)
        amount = round(qty * price, 2)
        customs_unit = SAT_UNITS[unit][1]
        lines.append(
            {
                "product_key": rng.choice(PRODUCT_KEYS),
                "part_number": f"{rng.choice(['EX', 'FG', 'M'])}{rng.randint(1000, 99999)}-{rng.randint(1, 9)}",
                "quantity": qty,
                "unit": unit,
                "description": desc,
                "unit_price": price,
                "amount": amount,
                "tariff_code": fr,
                "customs_quantity": qty,
                "customs_unit": customs_unit,
                "usd_value": amount,
            }
        )
    subtotal = round(sum(float(ln["amount"]) for ln in lines), 2)
    version = rng.choice(["4.0", "4.0", "3.3"])
    fields: dict[str, Any] = {
        "uuid": uuid4(rng),
        "cfdi_version": version,
        "cfdi_type": "I",
        "series": rng.choice(["A", "EXP", "FE", "E"]),
        "folio": str(rng.randint(100, 99999)),
        "issue_date": when.isoformat(),
        "issuer_rfc": rfc(rng),
        "issuer_name": f"{issuer[0]} {issuer[1]}",
        "receiver_rfc": "XEXX010101000",
        "receiver_name": receiver[0],
        "currency": "USD",
        "exchange_rate": tc,
        "subtotal": subtotal,
        "total": subtotal,
    }
    extra = {
        "time": f"{rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
        "stamp_time": f"{rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
        "zip": f"{rng.randint(20000, 89999)}",
        "receiver_tax_id": f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}",
        "certificate": "".join(rng.choice("0123456789") for _ in range(20)),
        "sat_certificate": "".join(rng.choice("0123456789") for _ in range(20)),
        "pac_rfc": rng.choice(["SPR190613I52", "LSO1306189R5", "SAT970701NN3"]),
        "incoterm": rng.choice(["FCA", "EXW", "DAP"]),
        "seal": "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(344)),
    }
    return {
        "doc_type": "cfdi",
        "fields": fields,
        "lines": lines,
        "references": [],
        "extra": extra,
    }
