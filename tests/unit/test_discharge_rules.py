"""Rule tables: due dates by clave (containers and trailer boxes get 2 years) and the Anexo I exclusions."""

from __future__ import annotations

from datetime import date

import pytest

from evidence.chain.findings import anexo1_rules
from evidence.chain.lots import DueRules, add_months, due_date, pedimento_role
from evidence.chain.models import Pedimento


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 10), 18, date(2025, 7, 10)),
        (date(2024, 8, 31), 18, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 12, 15), 24, date(2026, 12, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_due_dates_by_clave_and_goods() -> None:
    start = date(2025, 3, 1)
    assert due_date("IN", start, "85423999", "CIRCUITO INTEGRADO") == date(2026, 9, 1)
    assert due_date("V1", start, "85423999", "CIRCUITO INTEGRADO") == date(2026, 9, 1)
    assert due_date("AF", start, "84798999", "MAQUINA") is None
    assert due_date("IN", start, "86090001", "CONTENEDOR") == date(2027, 3, 1)  # heading 8609
    assert due_date("IN", start, "87163999", "CAJA DE TRAILER DE 53 PIES") == date(2027, 3, 1)
    assert due_date("IN", start, "39231003", "CONTENEDOR DE PLASTICO PARA PIEZAS") == date(2026, 9, 1)


def test_due_rules_are_data() -> None:
    rules = DueRules.from_dict({"claves": {"IN": 12}, "long_term": {"months": 36, "tariff_prefixes": ["9999"]}})
    start = date(2025, 1, 1)
    assert due_date("IN", start, "99990000", None, rules) == date(2028, 1, 1)
    assert due_date("IN", start, "85423999", None, rules) == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("tariff", "start", "excluded"),
    [
        ("61091001", date(2024, 12, 19), False),
        ("61091001", date(2024, 12, 20), True),
        ("62034201", date(2025, 1, 5), True),
        ("94044001", date(2025, 1, 5), True),
        ("94049099", date(2025, 1, 5), True),
        ("94041001", date(2025, 1, 5), False),
        ("61179099", date(2025, 1, 5), False),  # cuts of fabric stay importable (6117.90)
        ("64039999", date(2025, 8, 27), False),
        ("64039999", date(2025, 8, 28), True),
        ("64061099", date(2025, 9, 1), False),  # parts of footwear (64.06) are not in Anexo I
        ("85423999", date(2025, 9, 1), False),
    ],
)
def test_anexo1_rules_with_effective_dates(tariff: str, start: date, excluded: bool) -> None:
    assert any(rule.applies(tariff, start) for rule in anexo1_rules()) is excluded


@pytest.mark.parametrize(
    ("operation", "clave", "role"),
    [
        ("IMP", "IN", "import"),
        ("IMP", "AF", "import"),
        ("IMP", "V1", "import"),
        ("IMP", "A1", None),
        ("EXP", "RT", "export"),
        ("EXP", "V5", "export"),
        ("EXP", "A1", "export"),
        ("IMP", "F4", "export"),
        ("EXP", "F5", "export"),
        ("EXP", "BO", None),
    ],
)
def test_which_pedimentos_make_lots_and_which_discharge(operation: str, clave: str, role: str | None) -> None:
    assert pedimento_role(Pedimento(operation_type=operation, clave=clave)) == role
