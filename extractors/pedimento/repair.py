"""Values OCR misread on a scanned pedimento, put back where the form's own arithmetic says what they were.

A pedimento checks itself: each partida's PRECIO UNIT. is its precio pagado divided by its cantidad UMC (Anexo 22,
partida field 15), the partidas' valores aduana and precios pagados add up to the header's, valor dólares is
valor aduana (valor comercial on exports) over the tipo de cambio, an RFC ends in a check digit, and the partidas
are numbered 1..N. On a scan OCR confuses look-alike characters (``I``/``1``, ``O``/``0``, ``S``/``5``), drops or
swaps one digit, and reads a thousands comma as a decimal point. When exactly one reading of the figures involved
is such a slip away from the value the arithmetic gives, that value is taken, and its confidence lowered; when
more than one could be wrong, nothing is changed and the checks in ``review.py`` send the document to review.

Text layers are never touched: their characters are the printer's own.
"""

from __future__ import annotations

import math
import re
from typing import Any

from extractors import checks
from extractors.result import ResultBuilder

# A repaired value is believed a little less than one read cleanly, but not so little that a document whose
# figures all agree after the repair goes to review for it.
REPAIRED = 0.9
# One partida's figures agree to half a percent of the precio pagado (the unit price is rounded to 5 decimals).
PAID_TOLERANCE = 0.005
# Look-alike characters OCR swaps in an RFC's homoclave and date.
_LOOK_ALIKES = {"1": "I", "I": "1", "0": "O", "O": "0", "5": "S", "S": "5", "8": "B", "B": "8", "2": "Z", "Z": "2"}
_LOOK_ALIKES.update({"6": "G", "G": "6", "L": "1", "D": "0", "Q": "0"})
# Letters OCR swaps in the name's letters of an RFC (digits there are already letters again).
_NAME_LOOK_ALIKES = {"I": "L", "L": "I", "O": "DQ", "D": "O", "Q": "O", "E": "F", "F": "E", "H": "N", "N": "H"}


def repair(result: ResultBuilder, ocr: bool) -> None:
    """Put back the figures of a scanned pedimento that its own arithmetic proves misread."""
    if not ocr or (not result.fields and not result.lines):
        return
    _rfc(result)
    export = _value(result.fields, "operation_type") == "EXP"
    for column in _POINTED_COLUMNS:
        _lost_points(result, column)
    paid_confirmed = _adds_up(result, "paid_price_mxn", "commercial_value_mxn")
    for line in result.lines:
        _same_unit_quantities(line)
        _partida(line, paid_confirmed)
    _column(result, "paid_price_mxn", "commercial_value_mxn")
    _column(result, "customs_value_mxn", "usd_value" if export else "customs_value_mxn")
    _header_values(result, export)
    if export:
        _export_customs_value(result)
    _gross_weight(result)
    _partida_count(result)
    _umt_by_fraccion(result)


# The partida columns a broker's system prints with a fixed number of decimals (quantities with three, the unit
# price with five, an export's values with two): a point OCR lost in one of them is put back where the column's
# other cells show that number.
_POINTED_COLUMNS = ("umc_quantity", "umt_quantity", "unit_price", "customs_value_mxn", "paid_price_mxn")
# How many of a column's cells must print a point, all with the same decimals, before a cell without one is read so.
_MIN_POINTED = 3
# the cells of a partida's own arithmetic (precio unitario × cantidad UMC = precio pagado)
_PRODUCT = ("unit_price", "umc_quantity", "paid_price_mxn")
_POINTED_RE = re.compile(r"\d[\d,]*\.(\d+)")


def _lost_points(result: ResultBuilder, column: str) -> None:
    """A partida cell read without its decimal point (``769849``) in a column whose other cells all print the same
    number of decimals (``39963.000``, ``15985.200``) is that number with its point put back (769.849), unless the
    figure is one of the partida's own arithmetic (precio unitario × cantidad UMC = precio pagado) and that holds
    with it as read."""
    decimals: set[int] = set()
    bare = []
    for line in result.lines:
        raw = (line.get(column) or {}).get("raw")
        if not isinstance(raw, str) or not raw.strip():
            continue
        pointed = _POINTED_RE.fullmatch(raw.strip())
        if pointed is not None:
            decimals.add(len(pointed.group(1)))
        elif re.fullmatch(r"\d+", raw.strip()):
            bare.append(line)
    count = sum(1 for line in result.lines if _POINTED_RE.fullmatch(str((line.get(column) or {}).get("raw") or "")))
    if len(decimals) != 1 or count < max(_MIN_POINTED, len(bare)) or not bare:
        return
    places = decimals.pop()
    for line in bare:
        digits = str(line[column]["raw"]).strip()
        if len(digits) <= places or (column in _PRODUCT and _holds(line)):
            continue
        _put(line, column, int(digits) / 10**places)


def _holds(line: dict[str, Any]) -> bool:
    """Whether the partida's precio unitario × cantidad UMC = precio pagado holds as read."""
    unit, qty, paid = (_number(line, n) for n in ("unit_price", "umc_quantity", "paid_price_mxn"))
    return unit is not None and qty is not None and paid is not None and _agree(unit, qty, paid)


def _value(cells: dict[str, Any], name: str) -> Any:
    cell = cells.get(name)
    return None if cell is None else cell.get("value")


def _number(cells: dict[str, Any], name: str) -> float | None:
    value = _value(cells, name)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _key(text: str) -> str:
    """The significant digits of a printed figure: separators, leading and trailing zeros dropped."""
    return re.sub(r"\D", "", text).strip("0")


def _figure_key(value: float) -> str:
    return _key(f"{value:.5f}")


def _one_edit(a: str, b: str) -> bool:
    """Whether two digit strings are equal or one substitution, insertion or deletion apart."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def misread(read: float, meant: float, raw: Any = None) -> bool:
    """Whether OCR could have read ``meant`` as ``read``: a separator taken for a decimal point (or the other
    way round: a factor of 1000), the decimals lost, the point lost or moved, or one digit changed, lost or
    added."""
    if meant <= 0 or read < 0 or math.isclose(read, meant, rel_tol=1e-9):
        return False
    ratio = read / meant
    if math.isclose(ratio, 1000, rel_tol=1e-6) or math.isclose(ratio, 0.001, rel_tol=1e-6):
        return True
    if float(read).is_integer() and read == math.trunc(meant) and read >= 1:
        return True  # the decimals lost (``3`` for 3.29597: OCR dropped what followed the point)
    if _point_lost(raw, meant) and _power_of_ten(ratio):
        return True  # every digit printed, the decimal point lost or moved (``24912121`` for 249.12121)
    if _point_as_digit(raw, meant):
        return True  # the decimal point read as a digit (``17260370`` for 17.60370)
    if not 0.05 < ratio < 20:
        return False
    printed = _key(raw) if isinstance(raw, str) and raw.strip() else _figure_key(read)
    return _one_edit(printed, _figure_key(meant))


def _point_lost(raw: Any, meant: float) -> bool:
    """Whether the printed figure holds exactly the digits of ``meant`` to five decimals, zeros included (a unit
    price's, as pedimentos print it): only its point is missing or elsewhere."""
    if not isinstance(raw, str):
        return False
    return re.sub(r"\D", "", raw).lstrip("0") == re.sub(r"\D", "", f"{meant:.5f}").lstrip("0")


def _point_as_digit(raw: Any, meant: float) -> bool:
    """Whether the printed figure is ``meant`` to five decimals with a digit where its point stands, and no point
    of its own: OCR read the point as a digit."""
    if not isinstance(raw, str) or "." in raw.strip().rstrip(".") or "," in raw:
        return False
    digits, figure = re.sub(r"\D", "", raw), f"{meant:.5f}"
    point = figure.index(".")
    return len(digits) == len(figure) and digits[:point] + "." + digits[point + 1 :] == figure


def _power_of_ten(ratio: float) -> bool:
    """Whether a ratio is 10, 100, 0.1… (within the rounding of a five-decimal figure)."""
    exponent = math.log10(ratio)
    return round(exponent) != 0 and math.isclose(ratio, 10.0 ** round(exponent), rel_tol=1e-4)


def _agree(unit: float, qty: float, paid: float) -> bool:
    return abs(unit * qty - paid) <= max(1.0, PAID_TOLERANCE * paid) + 0.00001 * qty


def _put(cells: dict[str, Any], name: str, value: float) -> None:
    cell = cells[name]
    cell["value"] = int(value) if isinstance(cell["value"], int) and float(value).is_integer() else value
    cell["confidence"] = round(min(float(cell.get("confidence", 1.0)), 1.0) * REPAIRED, 4)


def _unique(options: list[tuple[str, float]]) -> tuple[str, float] | None:
    return options[0] if len(options) == 1 else None


def _same_unit_quantities(line: dict[str, Any]) -> None:
    """UMC and UMT the same unit: both quantities count the same thing, so one read a slip away from the other
    is the other (which of the two, the precio unitario decides)."""
    umc, umt = _value(line, "umc"), _value(line, "umt")
    qc, qt = _number(line, "umc_quantity"), _number(line, "umt_quantity")
    if umc is None or umc != umt or qc is None or qt is None or math.isclose(qc, qt):
        return
    unit, paid = _number(line, "unit_price"), _number(line, "paid_price_mxn")
    if unit is None or paid is None:
        return
    if _agree(unit, qc, paid) and misread(qt, qc, line["umt_quantity"].get("raw")):
        _put(line, "umt_quantity", qc)
    elif _agree(unit, qt, paid) and misread(qc, qt, line["umc_quantity"].get("raw")):
        _put(line, "umc_quantity", qt)


def _adds_up(result: ResultBuilder, column: str, total_field: str) -> bool:
    """Whether every partida has the column and the cells add up to the header's total."""
    total = _number(result.fields, total_field)
    parts = [_number(line, column) for line in result.lines]
    if total is None or not parts or any(p is None for p in parts):
        return False
    return abs(sum(p or 0.0 for p in parts) - total) < 0.05 * len(parts) + 0.01


def _partida(line: dict[str, Any], paid_confirmed: bool) -> None:
    """Precio unitario × cantidad UMC = precio pagado: of the three, the one misread is the one a slip away from
    what the other two give (the precio pagado is not the one when the partidas' add up to the header's)."""
    unit, qty, paid = (_number(line, n) for n in ("unit_price", "umc_quantity", "paid_price_mxn"))
    if unit is None or qty is None or paid is None or not unit or not qty or _agree(unit, qty, paid):
        return
    options = []
    meant = float(round(unit * qty))
    if not paid_confirmed and misread(paid, meant, line["paid_price_mxn"].get("raw")):
        options.append(("paid_price_mxn", meant))
    meant = round(paid / qty, 5)
    if misread(unit, meant, line["unit_price"].get("raw")) and _agree(meant, qty, paid):
        options.append(("unit_price", meant))
    # the quantity the price gives, with as few decimals as still agree (it was printed rounded)
    meant = next((round(paid / unit, d) for d in range(4) if _agree(unit, round(paid / unit, d), paid)), 0.0)
    if meant and misread(qty, meant, line["umc_quantity"].get("raw")):
        options.append(("umc_quantity", meant))
    chosen = _unique(options)
    if chosen is not None:
        _put(line, *chosen)
        if chosen[0] == "umc_quantity" and _value(line, "umc") == _value(line, "umt"):
            _same_unit_quantities(line)


def _column(result: ResultBuilder, column: str, total_field: str) -> None:
    """The partidas' column adds up to the header's total: one cell a slip away from the total less the others
    is that difference (a precio pagado only where its partida's own arithmetic agrees)."""
    total = _number(result.fields, total_field)
    lines = result.lines
    values = [_number(line, column) for line in lines]
    if total is None or not lines or any(v is None for v in values):
        return
    numbers = [float(v) for v in values if v is not None]
    if _adds_up(result, column, total_field):
        return
    options = []
    for k, line in enumerate(lines):
        meant = round(total - (sum(numbers) - numbers[k]), 2)
        if not misread(numbers[k], meant, line[column].get("raw")):
            continue
        unit, qty = _number(line, "unit_price"), _number(line, "umc_quantity")
        if column == "paid_price_mxn" and unit and qty and not _agree(unit, qty, meant):
            continue
        options.append((str(k), meant))
    chosen = _unique(options)
    if chosen is not None:
        _put(lines[int(chosen[0])], column, chosen[1])


def _header_values(result: ResultBuilder, export: bool) -> None:
    """Valor dólares × tipo de cambio = valor aduana (valor comercial on exports). The base is trusted when the
    partidas add up to it; of the others, the one a slip away from what the rest give is put back."""
    base_name = "commercial_value_mxn" if export else "customs_value_mxn"
    fields = result.fields
    usd, rate, base = (_number(fields, n) for n in ("usd_value", "exchange_rate", base_name))
    if usd is None or rate is None or base is None or not usd or not rate:
        return
    if abs(usd * rate - base) <= max(0.01 * base, 2.0):
        return
    confirmed = _adds_up(result, "paid_price_mxn" if export else "customs_value_mxn", base_name)
    options = []
    meant = round(base / rate, 2)
    if misread(usd, meant, fields["usd_value"].get("raw")):
        options.append(("usd_value", meant))
    for decimals in (4, 5):
        meant = round(base / usd, decimals)
        if misread(rate, meant, fields["exchange_rate"].get("raw")):
            options.append(("exchange_rate", meant))
            break
    meant = float(round(usd * rate))
    if not confirmed and misread(base, meant, fields[base_name].get("raw")):
        options.append((base_name, meant))
    chosen = _unique(options)
    if chosen is not None:
        _put(fields, *chosen)


def _export_customs_value(result: ResultBuilder) -> None:
    """An export's valor aduana is its valor comercial (Anexo 22): one read a slip away from it (``391,610,215,000``
    for 391,610,215.000, its point read as a comma) is the valor comercial."""
    fields = result.fields
    customs, commercial = _number(fields, "customs_value_mxn"), _number(fields, "commercial_value_mxn")
    if customs is None or commercial is None:
        return
    if not misread(customs, commercial, fields["customs_value_mxn"].get("raw")):
        return
    _put(fields, "customs_value_mxn", commercial)


def _gross_weight(result: ResultBuilder) -> None:
    """Peso bruto is printed with three decimals: on a scan, ``131,824`` is 131.824 and ``50,341,257`` is
    50,341.257 with the point read as a comma, unless the partidas' kilos (UMT 1) say it cannot be that light."""
    cell = result.fields.get("gross_weight_kg")
    raw = (cell or {}).get("raw") or ""
    if cell is None or not re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw.strip()):
        return
    meant = float(cell["value"]) / 1000
    kilos = [_number(line, "umt_quantity") for line in result.lines if _value(line, "umt") == "1"]
    if kilos and all(k is not None for k in kilos) and meant < sum(k or 0 for k in kilos):
        return
    _put(result.fields, "gross_weight_kg", meant)


def _partida_count(result: ResultBuilder) -> None:
    """NUM. TOTAL DE PARTIDAS read a digit away from the partidas read, when those are numbered 1..N without a
    gap and add up to the header's totals: the count is the one misread. It stays below review's threshold
    of belief, so a person still looks."""
    cell = result.fields.get("partida_count")
    count = _number(result.fields, "partida_count")
    read = len(result.lines)
    if cell is None or count is None or not read or count == read:
        return
    if [_value(line, "sequence") for line in result.lines] != list(range(1, read + 1)):
        return
    if not _one_edit(str(int(count)), str(read)):
        return
    export = _value(result.fields, "operation_type") == "EXP"
    customs_total = "usd_value" if export else "customs_value_mxn"
    sums = (("paid_price_mxn", "commercial_value_mxn"), ("customs_value_mxn", customs_total))
    for column, total_field in sums:
        if _adds_up(result, column, total_field):
            cell["value"] = read
            cell["confidence"] = round(min(float(cell.get("confidence", 1.0)), 1.0) * 0.6, 4)
            return


def _rfc(result: ResultBuilder) -> None:
    """An RFC whose check digit fails, one look-alike character away from exactly one RFC whose check digit
    holds, is that RFC (about 1.5% of real RFCs fail their check digit: those have no such neighbour more often
    than not, and keep their warning)."""
    cell = result.fields.get("importer_exporter_rfc")
    rfc = _value(result.fields, "importer_exporter_rfc")
    if not isinstance(rfc, str) or checks.rfc_is_valid(rfc):
        return
    head = len(rfc) - 9  # letters of the name, then the date and the homoclave
    found = set()
    for k in range(len(rfc)):
        others = _NAME_LOOK_ALIKES.get(rfc[k], "") if k < head else _LOOK_ALIKES.get(rfc[k], "")
        for other in others:
            candidate = rfc[:k] + other + rfc[k + 1 :]
            if checks.rfc_is_valid(candidate):
                found.add(candidate)
    if len(found) == 1 and cell is not None:
        cell["value"] = found.pop()
        cell["confidence"] = round(min(float(cell.get("confidence", 1.0)), 1.0) * REPAIRED, 4)


# How sure a UMT taken from another partida with the same fracción is: the law fixes it, OCR read it there.
UMT_FROM_FRACCION = 0.85


def _umt_by_fraccion(result: ResultBuilder) -> None:
    """The UMT is fixed by the fracción (the TIGIE gives each its unit of the tariff): a partida whose UMT code OCR
    lost (a lone ``1`` often goes) has the one read on another partida with the same fracción, when those agree."""
    units: dict[Any, set[Any]] = {}
    for line in result.lines:
        if _value(line, "umt") is not None:
            units.setdefault(_value(line, "tariff_code"), set()).add(_value(line, "umt"))
    for line in result.lines:
        known = units.get(_value(line, "tariff_code"), set())
        if "umt" in line or len(known) != 1 or _value(line, "tariff_code") is None:
            continue
        fraccion = _value(line, "tariff_code")
        source = next(o["umt"] for o in result.lines if "umt" in o and _value(o, "tariff_code") == fraccion)
        line["umt"] = {**source, "confidence": UMT_FROM_FRACCION}
