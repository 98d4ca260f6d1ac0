"""Values a scanned pedimento confirms itself, believed despite OCR's doubt about the words they were read from.

OCR gives a short word (a clave, a unit code, a ``0``) or a figure beside a ruling line a low confidence even when
it read it right, and a field below review's threshold sends the document to a person. Where the form's own
arithmetic or catalogues agree with what was read, independent readings agree, and a misread value would have
to be misread into exactly the value that agrees: precio unitario × cantidad UMC = precio pagado; the partidas'
values add up to the header's; valor dólares × tipo de cambio = valor aduana; SEC 1..N against the printed
total; the pedimento number's patente and aduana against the fields printed apart; an RFC's check digit; a
clave in the catalogue (Apéndice 2); the same fracción and NICO, or the same country, read alike on two
partidas.

Only values as read are confirmed: this runs before ``repair``, so a figure the repair puts back keeps the
lower confidence it gives. Text layers are left alone (their confidence is already 1.0).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from extractors import checks
from extractors.entities.normalise import country_code
from extractors.layout import norm
from extractors.pedimento.labels import KNOWN_CLAVES
from extractors.result import ResultBuilder

# The confidence of a confirmed value: above review's threshold, below a clean text layer's.
CONFIRMED = 0.9
# One partida's figures agree to half a percent of the precio pagado (the unit price is rounded to 5 decimals).
PAID_TOLERANCE = 0.005


def confirm(result: ResultBuilder, ocr: bool) -> None:
    """Raise to ``CONFIRMED`` the confidence of every value the pedimento's own checks agree with."""
    if not ocr:
        return
    fields, lines = result.fields, result.lines
    for line in lines:
        _partida(line)
    export = _value(fields, "operation_type") == "EXP"
    _column(result, "paid_price_mxn", "commercial_value_mxn")
    _column(result, "customs_value_mxn", "usd_value" if export else "customs_value_mxn")
    _header_values(fields, export)
    _sequences(result)
    _number_parts(fields)
    rfc = _value(fields, "importer_exporter_rfc")
    if isinstance(rfc, str) and checks.rfc_is_valid(rfc):
        _raise(fields, "importer_exporter_rfc")
    if _value(fields, "clave") in KNOWN_CLAVES and len(norm(str(fields["clave"].get("raw")))) == 2:
        _raise(fields, "clave")  # a clave of the catalogue, read alone or with one look-alike put right
    if export and _value(fields, "customs_value_mxn") == _value(fields, "commercial_value_mxn"):
        # an export's valor aduana is its valor comercial, printed apart: two readings alike
        _raise(fields, "customs_value_mxn", "commercial_value_mxn")
    _read_alike(lines)
    for line in lines:
        cell = line.get("value_added")
        if cell is not None and cell.get("value") == 0 and str(cell.get("raw")).strip() == "0":
            # a lone 0, which OCR always doubts: a value added in pesos is none or a figure of several digits
            _raise(line, "value_added")


def _value(cells: dict[str, Any], name: str) -> Any:
    cell = cells.get(name)
    return None if cell is None else cell.get("value")


def _number(cells: dict[str, Any], name: str) -> float | None:
    value = _value(cells, name)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _raise(cells: dict[str, Any], *names: str) -> None:
    for name in names:
        cell = cells.get(name)
        if cell is not None and float(cell.get("confidence") or 0.0) < CONFIRMED:
            cell["confidence"] = CONFIRMED


def _partida(line: dict[str, Any]) -> None:
    """Precio unitario × cantidad UMC = precio pagado; the UMT's quantity equal to the UMC's under the same unit."""
    unit, qty, paid = (_number(line, n) for n in ("unit_price", "umc_quantity", "paid_price_mxn"))
    if unit is None or qty is None or paid is None or not unit or not qty or not paid:
        return
    if abs(unit * qty - paid) > max(1.0, PAID_TOLERANCE * paid) + 0.00001 * qty:
        return
    _raise(line, "unit_price", "umc_quantity", "paid_price_mxn")
    umc, umt, qt = _value(line, "umc"), _value(line, "umt"), _number(line, "umt_quantity")
    if umc is not None and umc == umt and qt is not None and abs(qt - qty) < 0.0005:
        _raise(line, "umc", "umt", "umt_quantity")


def _column(result: ResultBuilder, column: str, total_field: str) -> None:
    """The partidas' column adds up to the header's total: each cell and the total."""
    total = _number(result.fields, total_field)
    parts = [_number(line, column) for line in result.lines]
    if total is None or not parts or any(p is None for p in parts):
        return
    if abs(sum(p or 0.0 for p in parts) - total) > 0.05 * len(parts) + 0.01:
        return
    _raise(result.fields, total_field)
    for line in result.lines:
        _raise(line, column)


def _header_values(fields: dict[str, Any], export: bool) -> None:
    """Valor dólares × tipo de cambio = valor aduana (valor comercial on exports), to the rounding of the pesos."""
    base_name = "commercial_value_mxn" if export else "customs_value_mxn"
    usd, rate, base = (_number(fields, n) for n in ("usd_value", "exchange_rate", base_name))
    if not usd or not rate or not base:
        return
    if abs(usd * rate - base) <= max(0.0005 * base, 1.0):
        _raise(fields, "usd_value", "exchange_rate", base_name)


def _sequences(result: ResultBuilder) -> None:
    """SEC 1..N with N the printed total: every SEC and the total."""
    count = _value(result.fields, "partida_count")
    sequences = [_value(line, "sequence") for line in result.lines]
    if not isinstance(count, int) or count != len(sequences) or sequences != list(range(1, count + 1)):
        return
    _raise(result.fields, "partida_count")
    for line in result.lines:
        cell = line.get("sequence", {})
        if cell.get("raw") is not None:  # a SEC put in by order stays as believed as its neighbours make it
            _raise(line, "sequence")


def _number_parts(fields: dict[str, Any]) -> None:
    """The pedimento number carries the aduana (digits 3-4) and the patente (5-8), printed apart on the form:
    when both agree with the fields read apart and the number passes its format rules, all three are right."""
    number, patente, aduana = (_value(fields, n) for n in ("pedimento_number", "patente", "customs_office"))
    if not isinstance(number, str) or len(number) != 15 or not patente or not aduana:
        return
    if checks.pedimento_problems(number):
        return
    if number[4:8] == str(patente).zfill(4) and number[2:4] == str(aduana)[:2]:
        _raise(fields, "pedimento_number", "patente", "customs_office")


def _read_alike(lines: list[dict[str, Any]]) -> None:
    """A fracción with its NICO, or a country, read the same on two partidas or more: two readings of different
    print agree, which a misreading seldom does."""
    pairs = Counter((_value(line, "tariff_code"), _value(line, "nico")) for line in lines)
    countries = Counter(
        _value(line, key) for line in lines for key in ("seller_buyer_country", "origin_destination_country")
    )
    for line in lines:
        pair = (_value(line, "tariff_code"), _value(line, "nico"))
        if pair[0] is not None and pair[1] is not None and pairs[pair] >= 2:
            _raise(line, "tariff_code", "nico")
        for key in ("seller_buyer_country", "origin_destination_country"):
            code = _value(line, key)
            if isinstance(code, str) and countries[code] >= 2 and country_code(code) == code:
                _raise(line, key)
