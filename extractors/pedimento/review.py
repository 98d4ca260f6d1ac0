"""What the pedimento says about itself, checked: when a check fails the document goes to review.

A clerk trusts a pedimento that does not ask for review, so every figure the printout offers to check a reading
against is used: the printed number of partidas (NUM. TOTAL DE PARTIDAS) against the partidas read, the fields the
clave needs for discharge, each partida's precio unitario × cantidad against its precio pagado, the partidas'
values against the header's, and valor aduana against valor dólares × tipo de cambio. Each failure is a warning
in words a clerk understands; ``extractors.result.needs_review`` treats their codes as blocking.
"""

from __future__ import annotations

from typing import Any

from extractors import checks
from extractors.result import ResultBuilder, register_review_codes

# Valor aduana against valor dólares × tipo de cambio: the official figures are rounded to whole pesos and
# cents, so they agree within a fraction of a percent.
VALUE_TOLERANCE = 0.01
TOTAL_TOLERANCE = 1.0  # pesos

# Header fields every pedimento prints and discharge needs; then those per operation type.
REQUIRED_FIELDS = (
    "pedimento_number",
    "operation_type",
    "clave",
    "regimen",
    "customs_office",
    "exchange_rate",
    "importer_exporter_rfc",
    "payment_date",
    "usd_value",
)
REQUIRED_BY_OPERATION = {
    "IMP": ("entry_date", "customs_value_mxn"),
    # an export's dates are presentation and payment (Anexo 22): its PRESENTACION date is always printed
    "EXP": ("commercial_value_mxn", "presentation_date"),
}
# Claves whose partidas carry goods that lots are opened or discharged with: every partida needs its fracción,
# both units and quantities and its value. Tránsitos, rectificaciones and complementarios are left out.
GOODS_CLAVES = frozenset(
    "IN AF E1 E2 E3 E4 RT V1 V2 V5 V6 VD BB F4 F5 A1 A3 A4 BM BO H1 H8 K1 C1 G1".split()  # noqa: SIM905
)
PARTIDA_REQUIRED = (
    "tariff_code",
    "umc",
    "umc_quantity",
    "umt",
    "umt_quantity",
    "customs_value_mxn",
    "paid_price_mxn",
    "unit_price",
    "description",
)
# What the form prints on every partida whatever its clave (Anexo 22: the NICO since 2020, both countries): one
# left empty was lost by the reader, not left blank by the broker.
PARTIDA_PRINTED = ("nico", "seller_buyer_country", "origin_destination_country")
# Names a clerk reads in a warning.
LABELS = {
    "pedimento_number": "NUM. PEDIMENTO",
    "operation_type": "T. OPER",
    "clave": "CVE. PEDIMENTO",
    "regimen": "RÉGIMEN",
    "customs_office": "ADUANA E/S",
    "exchange_rate": "TIPO CAMBIO",
    "importer_exporter_rfc": "RFC",
    "payment_date": "fecha de PAGO",
    "entry_date": "fecha de ENTRADA",
    "presentation_date": "fecha de PRESENTACIÓN",
    "usd_value": "VALOR DÓLARES",
    "customs_value_mxn": "VALOR ADUANA",
    "commercial_value_mxn": "PRECIO PAGADO/VALOR COMERCIAL",
    "tariff_code": "fracción",
    "umc": "UMC",
    "umc_quantity": "cantidad UMC",
    "umt": "UMT",
    "umt_quantity": "cantidad UMT",
    "paid_price_mxn": "precio pagado",
    "unit_price": "precio unitario",
    "description": "descripción",
    "nico": "NICO",
    "seller_buyer_country": "país vendedor/comprador (P. V/C)",
    "origin_destination_country": "país origen/destino (P. O/D)",
}
# A codes review routes on (``extractors.result.needs_review``).
BLOCKING = (
    "partida_count",
    "missing_field",
    "partida_values",
    "value_mismatch",
    "totals_mismatch",
    "pedimento_number",
    # a later copy of the pedimento in the same file printed otherwise than the first
    "copy_disagrees",
    # a line among the partidas the reader could not place in any partida
    "partida_unread",
)
register_review_codes(*BLOCKING)


def partidas_shown(numbers: list[Any], most: int = 8) -> str:
    """The partidas a warning names: the first ``most`` numbers, an ellipsis for the rest."""
    return ", ".join(str(n) for n in numbers[:most]) + ("…" if len(numbers) > most else "")


def check(result: ResultBuilder) -> None:
    """Add a warning for every check the reading fails (nothing to check on a page with no text: a result with
    no fields goes to review anyway)."""
    if not result.fields and not result.lines:
        return
    _partida_count(result)
    _required(result)
    _partida_values(result)
    _totals(result)
    _identity(result)


def _value(result: ResultBuilder, name: str) -> Any:
    return result.fields.get(name, {}).get("value")


def _partida_count(result: ResultBuilder) -> None:
    count, read = _value(result, "partida_count"), len(result.lines)
    if count is not None and int(count) != read:
        what = "none were read" if read == 0 else f"{read} were read"
        result.warn(
            "partida_count",
            f"The pedimento says it has {count} partidas (NUM. TOTAL DE PARTIDAS) but {what}; "
            "some may be missing or misread.",
            "partida_count",
        )
    elif count is None and read == 0:
        result.warn(
            "partida_count",
            "No partidas were read and the printed total (NUM. TOTAL DE PARTIDAS) was not found; "
            "check the partidas against the paper.",
            "partida_count",
        )
    elif count is None:
        result.warn(
            "partida_count",
            f"{read} partidas were read but the printed total (NUM. TOTAL DE PARTIDAS) was not found, so "
            "it cannot be confirmed that none is missing.",
            "partida_count",
        )
    sequences = [ln.get("sequence", {}).get("value") for ln in result.lines]
    if read and sequences != list(range(1, read + 1)):
        result.warn(
            "partida_count",
            "The partidas read are not numbered 1, 2, 3… in order (SEC); one may be missing, doubled or misread.",
            "partida_count",
        )


def _required(result: ResultBuilder) -> None:
    operation = _value(result, "operation_type")
    wanted = REQUIRED_FIELDS + REQUIRED_BY_OPERATION.get(str(operation), ())
    missing = [name for name in wanted if name not in result.fields]
    if missing:
        names = ", ".join(LABELS.get(name, name) for name in missing)
        result.warn("missing_field", f"Could not read {names} on this pedimento; type it from the paper.", missing[0])
    _unread(result, PARTIDA_PRINTED, "check it against the paper")
    clave = _value(result, "clave")
    if clave is not None and clave not in GOODS_CLAVES:
        return
    _unread(result, PARTIDA_REQUIRED, f"a clave {clave or ''} pedimento needs it to open or discharge lots")


def _unread(result: ResultBuilder, names: tuple[str, ...], why: str) -> None:
    """A missing_field warning for each of ``names`` some partida lacks, naming the partidas."""
    gaps: dict[str, list[int]] = {}
    for index, line in enumerate(result.lines, start=1):
        for name in names:
            if name not in line:
                gaps.setdefault(name, []).append(line.get("sequence", {}).get("value", index))
    for name, where in gaps.items():
        shown = partidas_shown(where)
        result.warn(
            "missing_field",
            f"The {LABELS.get(name, name)} of partida {shown} could not be read; {why}.".replace("  ", " "),
            "lines",
        )


def _partida_values(result: ResultBuilder) -> None:
    """PRECIO UNIT. is the precio pagado divided by the cantidad UMC: a misread quantity or unit code shows."""
    wrong = []
    for index, line in enumerate(result.lines, start=1):
        unit = line.get("unit_price", {}).get("value")
        qty = line.get("umc_quantity", {}).get("value")
        paid = line.get("paid_price_mxn", {}).get("value")
        if not (isinstance(unit, int | float) and isinstance(qty, int | float) and isinstance(paid, int | float)):
            continue
        if not paid:
            continue
        if abs(unit * qty - paid) > max(1.0, 0.005 * paid) + 0.00001 * qty:
            wrong.append(line.get("sequence", {}).get("value", index))
    if wrong:
        shown = partidas_shown(wrong)
        result.warn(
            "partida_values",
            f"In partida {shown} precio unitario × cantidad UMC does not give the precio pagado; "
            "a quantity, unit or value may be misread.",
            "lines",
        )


def _totals(result: ResultBuilder) -> None:
    export = _value(result, "operation_type") == "EXP"
    rate, usd = _value(result, "exchange_rate"), _value(result, "usd_value")
    if result.lines:
        paid = _column(result.lines, "paid_price_mxn")
        total = _value(result, "commercial_value_mxn")
        if total is not None and paid is not None and abs(sum(paid) - total) > TOTAL_TOLERANCE * len(paid):
            result.warn(
                "totals_mismatch",
                f"The partidas' prices paid add up to {sum(paid):,.0f} but the "
                f"pedimento's precio pagado/valor comercial is {total:,.0f}.",
                "commercial_value_mxn",
            )
        customs = _column(result.lines, "customs_value_mxn")
        total_customs = usd if export else _value(result, "customs_value_mxn")
        if total_customs is not None and customs is not None:
            # on exports each partida's dollars come from pesos rounded to the peso: half a peso each, in dollars
            per_line = (0.6 / rate + 0.01) if export and rate else (0.05 if export else TOTAL_TOLERANCE)
            if abs(sum(customs) - total_customs) > per_line * len(customs):
                what = "valor dólares" if export else "valor aduana"
                result.warn(
                    "totals_mismatch",
                    f"The partidas' customs values add up to {sum(customs):,.2f} but "
                    f"the pedimento's {what} is {total_customs:,.2f}.",
                    "usd_value" if export else "customs_value_mxn",
                )
    base = _value(result, "commercial_value_mxn") if export else _value(result, "customs_value_mxn")
    if rate and usd and base:
        expected = usd * rate
        if abs(expected - base) > max(VALUE_TOLERANCE * base, 2.0):
            result.warn(
                "value_mismatch",
                f"Valor dólares {usd:,.2f} × tipo de cambio {rate} = {expected:,.0f}, "
                f"but the pedimento's {'valor comercial' if export else 'valor aduana'} is {base:,.0f} "
                "(more than 1% apart).",
                "customs_value_mxn",
            )


def _identity(result: ResultBuilder) -> None:
    rfc = _value(result, "importer_exporter_rfc")
    if rfc and not checks.rfc_is_valid(rfc):
        result.warn(
            "check_digit",
            f"RFC {rfc} fails its check digit (about 1.5% of real RFCs do); check it against the paper.",
            "importer_exporter_rfc",
        )
    number = _value(result, "pedimento_number")
    if number:
        for problem in checks.pedimento_problems(number):
            result.warn("pedimento_number", f"Pedimento number {number}: {problem}.", "pedimento_number")


def _column(lines: list[dict[str, dict]], name: str) -> list[float] | None:
    """The numbers of one column across all lines, or None when any line lacks it."""
    values = [ln.get(name, {}).get("value") for ln in lines]
    if any(not isinstance(v, int | float) for v in values):
        return None
    return [float(v) for v in values if v is not None]
