"""Review checks that catch values read wrong but still adding up: each cell's shape against its catalogue's
shape, the cells a standard makes mandatory, figures printed twice in different places (a CFDI concepto's
quantity and amount beside its Comercio Exterior mercancía), plausible ranges, repeated identifiers.

All the rules are data tables below; ``value_checks`` runs them on one family's result and warns with codes
that send the document to review (registered here).
"""

from __future__ import annotations

import re
from typing import Any

from extractors.result import ResultBuilder, register_review_codes

# The shape of a line cell, per family: a value of another shape was misread (or read from the wrong column).
LINE_SHAPES: dict[str, dict[str, str]] = {
    "cfdi": {
        "product_key": r"\d{8}",  # c_ClaveProdServ
        "unit": r"[A-Z0-9]{2,3}",  # c_ClaveUnidad
        "tariff_code": r"\d{8}",  # Comercio Exterior: c_FraccionArancelaria
        "customs_unit": r"\d{2}",  # Comercio Exterior: c_UnidadAduana
    },
    "commercial_invoice": {"tariff_code": r"\d{6,10}", "origin_country": r"[A-Z]{2,3}"},
    "bill_of_lading": {"container_number": r"[A-Z]{4}\d{7}"},
    # Anexo 22: 8-digit fracción, 2-digit NICO, UMC/UMT codes of Apéndice 7 (1-22), countries of Apéndice 4
    "pedimento": {
        "tariff_code": r"\d{8}",
        "nico": r"\d{2}",
        "umc": r"0?(?:[1-9]|1\d|2[0-2])",
        "umt": r"0?(?:[1-9]|1\d|2[0-2])",
        "seller_buyer_country": r"[A-Z]{3}",
        "origin_destination_country": r"[A-Z]{3}",
    },
}
# Header fields' shapes, per family.
FIELD_SHAPES: dict[str, dict[str, str]] = {
    "cfdi": {
        "uuid": r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
        "currency": r"[A-Z]{3}",
        "cfdi_type": r"[IETNP]",
    },
    "commercial_invoice": {"currency": r"[A-Z]{3}"},
    # a carrier numbers its voyages: a voyage without a figure is a word read beside its label (a carrier's name)
    "bill_of_lading": {"voyage": r".*\d.*"},
    # Anexo 22: T. OPER, régimen (Apéndice 16), aduana and sección (3 digits), patente (4 digits)
    "pedimento": {
        "operation_type": r"IMP|EXP|TRA",
        "regimen": r"IMD|EXD|ITR|ITE|ETR|ETE|DFI|RFE|TRA|RFS",
        "customs_office": r"\d{3}",
        "patente": r"\d{4}",
        "clave": r"[A-Z0-9]{2}",
    },
}
# Cells every CFDI concepto has (mandatory in CFDI 3.3 and 4.0), and every mercancía of the Comercio Exterior
# complement: a line with a fracción lacks none of them.
CFDI_CONCEPTO_CELLS = ("product_key", "unit", "unit_price")
CCE_MERCANCIA_CELLS = ("tariff_code", "usd_value")
# A SAT unit (ClaveUnidad) and the customs unit (UnidadAduana) that count the same thing: where a concepto's
# unit and its mercancía's customs unit correspond, both quantities are the same figure.
SAME_COUNT_UNITS: dict[str, str] = {"H87": "06", "KGM": "01", "MTR": "03", "LTR": "08", "PR": "09", "SET": "12"}
# The Comercio Exterior's catalogue of customs units (c_UnidadAduana): 01 kilo, 02 gramo, 03 metro lineal, 04 metro
# cuadrado, 05 metro cúbico, 06 pieza, 07 cabeza, 08 litro, 09 par, 10 kilowatt, 11 millar, 12 juego, 13
# kilowatt/hora, 14 tonelada, 15 barril, 16 gramo neto, 17 decenas, 18 cientos, 19 docenas, 20 caja, 21 botella and
# 99 servicio. Any other figure in that cell was read from elsewhere.
CUSTOMS_UNITS = frozenset({f"{code:02d}" for code in range(1, 22)} | {"99"})
# Customs units that count items one by one (pieza, cabeza, par, juego, caja, botella): a concepto counted in
# pieces may be declared in any of them with the same figure. The others measure (kilos, metres, litres, …) or
# count by the dozen, hundred or thousand, and give the same figure as another unit only by chance.
ITEM_COUNTS = frozenset({"06", "07", "09", "12", "20", "21"})
# Exchange rates (pesos per unit of the currency) outside these bounds were misread.
EXCHANGE_RATE_RANGE: dict[str, tuple[float, float]] = {"USD": (8.0, 35.0), "EUR": (8.0, 40.0), "CAD": (6.0, 30.0)}
# A container's gross weight above this (kg) is not one container's (the heaviest ISO boxes rate ~36 t).
MAX_CONTAINER_KG = 36_000.0
RELATIVE_TOLERANCE = 0.005  # amounts printed twice agree to half a percent (rounding of unit values)

REVIEW_CODES = ("value_shape", "line_incomplete", "value_mismatch", "value_range", "duplicate_value")
register_review_codes(*REVIEW_CODES)


def _value(cell: dict[str, Any] | None) -> Any:
    return None if cell is None else cell.get("value")


def _number(cell: dict[str, Any] | None) -> float | None:
    value = _value(cell)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def value_checks(doc_type: str, builder: ResultBuilder) -> None:
    """Run every table's rule that applies to the family; each rule warns once at most."""
    _shapes(doc_type, builder)
    if doc_type == "cfdi" and not any(warning["code"] == "line_incomplete" for warning in builder.warnings):
        _cfdi_lines(builder)
        _exchange_rate(builder)
    if doc_type == "bill_of_lading":
        _containers(builder)


# A name ends with a word of its own: one ending in a joining word ("... S. DE R.L. DE", "... AND") or
# punctuation that joins was cut short (its end under a neighbouring label or value), in every family.
_NAME_CUT = re.compile(r"(?:^|[\s.,])(?:DE|DEL|Y|LA|LAS|LOS|EL|OF|AND|THE|&|,|-)\s*$", re.IGNORECASE)


def _shapes(doc_type: str, builder: ResultBuilder) -> None:
    for name, pattern in FIELD_SHAPES.get(doc_type, {}).items():
        value = _value(builder.fields.get(name))
        if value not in (None, "") and not re.fullmatch(pattern, str(value)):
            builder.warn("value_shape", f"The {name.replace('_', ' ')} {value!r} is not shaped as it should be.", name)
            return
    for name, cell in builder.fields.items():
        value = _value(cell)
        if name.endswith("_name") and isinstance(value, str) and _NAME_CUT.search(value):
            builder.warn("value_shape", f"The {name.replace('_', ' ')} {value!r} ends cut short; check it.", name)
            return
    shapes = LINE_SHAPES.get(doc_type, {})
    for index, line in enumerate(builder.lines, start=1):
        for name, pattern in shapes.items():
            value = _value(line.get(name))
            if value not in (None, "") and not re.fullmatch(pattern, str(value).upper()):
                builder.warn(
                    "value_shape",
                    f"Line {index}: {name.replace('_', ' ')} {value!r} is not shaped as it should be; check it.",
                    name,
                )
                return


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.01, RELATIVE_TOLERANCE * max(abs(a), abs(b)))


def _cfdi_lines(builder: ResultBuilder) -> None:
    currency = str(_value(builder.fields.get("currency")) or "").upper()
    foreign_trade = any(_value(line.get("tariff_code")) not in (None, "") for line in builder.lines)
    for index, line in enumerate(builder.lines, start=1):
        wanted = CFDI_CONCEPTO_CELLS + (CCE_MERCANCIA_CELLS if foreign_trade else ())
        missing = [name for name in wanted if _value(line.get(name)) in (None, "")]
        if missing:
            builder.warn(
                "line_incomplete",
                f"Line {index} lacks {', '.join(name.replace('_', ' ') for name in missing)}; check it on the paper.",
                missing[0],
            )
            return
        unit = str(_value(line.get("unit")) or "").upper()
        customs_unit = str(_value(line.get("customs_unit")) or "")
        quantity, customs_quantity = _number(line.get("quantity")), _number(line.get("customs_quantity"))
        if re.fullmatch(r"\d{2}", customs_unit) and customs_unit not in CUSTOMS_UNITS:  # other shapes: above
            builder.warn(
                "value_shape",
                f"Line {index}: the customs unit {customs_unit!r} is no code of the customs units' catalogue "
                "(c_UnidadAduana); it was read from another cell or misread.",
                "customs_unit",
            )
            return
        if _units_disagree(unit, customs_unit, quantity, customs_quantity):
            builder.warn(
                "value_mismatch",
                f"Line {index}: the concepto and its mercancía both count {quantity:g}, in {unit} and in customs "
                f"unit {customs_unit}, which do not count alike; the customs unit was probably misread.",
                "customs_unit",
            )
            return
        if (
            SAME_COUNT_UNITS.get(unit) == customs_unit
            and quantity is not None
            and customs_quantity is not None
            and not _close(quantity, customs_quantity)
        ):
            builder.warn(
                "value_mismatch",
                f"Line {index}: the concepto counts {quantity:g} but its mercancía {customs_quantity:g} in the same "
                "unit; one of them was misread.",
                "customs_quantity",
            )
            return
        amount, usd = _number(line.get("amount")), _number(line.get("usd_value"))
        if currency == "USD" and amount is not None and usd is not None and not _close(amount, usd):
            builder.warn(
                "value_mismatch",
                f"Line {index}: the concepto's amount {amount:,.2f} USD differs from its mercancía's value in "
                f"dollars {usd:,.2f}; one of them was misread (or a discount applies).",
                "usd_value",
            )
            return


def _units_disagree(unit: str, customs_unit: str, quantity: float | None, customs_quantity: float | None) -> bool:
    """Whether a concepto and its mercancía print the same figure in units that cannot give it: the concepto's
    unit has a customs counterpart (H87 → 06 pieza, KGM → 01 kilo), and the customs unit read is neither that one
    nor, for a count of items, another count of items (a piece declared as a set, a box, a bottle). The same
    figure in pieces and in kilos, thousands or dozens is a customs unit read wrong."""
    counterpart = SAME_COUNT_UNITS.get(unit)
    if counterpart is None or customs_unit not in CUSTOMS_UNITS or quantity is None or customs_quantity is None:
        return False
    if quantity == 0 or not _close(quantity, customs_quantity) or customs_unit == counterpart:
        return False
    return not (counterpart in ITEM_COUNTS and customs_unit in ITEM_COUNTS)


def _exchange_rate(builder: ResultBuilder) -> None:
    currency = str(_value(builder.fields.get("currency")) or "").upper()
    rate = _number(builder.fields.get("exchange_rate"))
    bounds = EXCHANGE_RATE_RANGE.get(currency)
    if rate is not None and bounds is not None and not bounds[0] <= rate <= bounds[1]:
        builder.warn(
            "value_range",
            f"An exchange rate of {rate:g} pesos per {currency} is implausible; it was probably misread.",
            "exchange_rate",
        )


def _containers(builder: ResultBuilder) -> None:
    seen: set[str] = set()
    for index, line in enumerate(builder.lines, start=1):
        container = str(_value(line.get("container_number")) or "").upper()
        if container and container in seen:
            builder.warn(
                "duplicate_value",
                f"Container {container} is listed twice; a line may have been read twice or misread.",
                "container_number",
            )
            return
        if container:
            seen.add(container)
        weight, packages = _number(line.get("gross_weight_kg")), _number(line.get("package_count"))
        if container and weight is not None and not 0 < weight <= MAX_CONTAINER_KG:
            builder.warn(
                "value_range",
                f"Line {index}: {weight:,.0f} kg is not one container's gross weight; check it.",
                "gross_weight_kg",
            )
            return
        if packages is not None and packages <= 0:
            builder.warn("value_range", f"Line {index}: {packages:g} packages; check the line.", "package_count")
            return
