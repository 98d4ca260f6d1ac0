"""What a bundle covers, as a clerk types it, and the names originals get inside the zip."""

from __future__ import annotations

from datetime import date

import pytest

from evidence.bundle_report import ScopeError, parse_scope
from evidence.bundles import document_entry_name

SHA = "a" * 64


def test_pedimento_with_or_without_separators() -> None:
    for text in ("24 47 3807 4001234", "24  47  3807  4001234", "24-47-3807-4001234", "244738074001234"):
        scope = parse_scope(pedimento=text)
        assert (scope.kind, scope.value, scope.pedimento) == ("pedimento", "244738074001234", "244738074001234")


def test_lot() -> None:
    scope = parse_scope(lot="24 47 3807 4001234:03")
    assert (scope.kind, scope.value, scope.pedimento, scope.sequence) == (
        "lot",
        "244738074001234:3",
        "244738074001234",
        3,
    )


def test_period_is_inclusive_days() -> None:
    scope = parse_scope(period="2025-01-01..2025-03-31")
    assert (scope.date_from, scope.date_to) == (date(2025, 1, 1), date(2025, 3, 31))
    assert "2025-01-01" in scope.describe() and "2025-03-31" in scope.describe()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "one of"),
        ({"pedimento": "1", "period": "2025-01-01..2025-01-02"}, "one of"),
        ({"pedimento": "24 47 3807 400123"}, "15 digits"),
        ({"lot": "244738074001234"}, "is not a lot"),
        ({"lot": "244738074001234:x"}, "is not a lot"),
        ({"period": "2025-01-01"}, "is not a period"),
        ({"period": "2025-13-01..2025-14-01"}, "is not a period"),
        ({"period": "2025-03-01..2025-01-01"}, "ends before it starts"),
    ],
)
def test_bad_scopes_say_what_to_type(given: dict[str, str], message: str) -> None:
    with pytest.raises(ScopeError, match=message):
        parse_scope(**given)


def test_entry_names_keep_the_hash_and_are_safe_everywhere() -> None:
    assert document_entry_name(SHA, "factura 12.pdf") == f"documents/{SHA}-factura 12.pdf"
    assert document_entry_name(SHA, 'a<b>:"c"|?*.pdf') == f"documents/{SHA}-a_b___c____.pdf"
    assert document_entry_name(SHA, "..") == f"documents/{SHA}-unnamed"
    assert document_entry_name(SHA, "pedimento ñandú.xml").endswith("pedimento ñandú.xml")
    assert len(document_entry_name(SHA, "x" * 400)) == len("documents/") + 65 + 180
