"""Spanish and English: every message the portal shows has a Spanish text with the same placeholders, and
dates, numbers and the language choice follow the rules in ``web.i18n``."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from web import i18n
from web.accounts import company_admin, service
from web.blueprints import _base, intake

WEB = Path(i18n.__file__).resolve().parent
CALL = re.compile(r"""(?<![\w.])_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def used_messages() -> set[str]:
    found = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("blueprints/*.py")]:
        for m in CALL.finditer(path.read_text(encoding="utf-8")):
            found.add(m.group(1) if m.group(1) is not None else m.group(2))
    found |= set(_base.MESSAGES.values()) | set(intake.REASONS.values())
    found |= {text for _status, text in company_admin.REFUSALS.values()} | {service.BAD_CURRENT_PASSWORD}
    return {m.replace('\\"', '"').replace("\\'", "'") for m in found}


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_the_portals_messages() -> None:
    messages = used_messages()
    assert {"Sign in", "Documents", "Upload documents", "Review queue"} <= messages
    assert len(messages) > 150


def test_every_message_has_a_spanish_text() -> None:
    spanish = i18n.catalogue("es")
    missing = sorted(m for m in used_messages() if m not in spanish)
    assert missing == []


def test_spanish_texts_keep_the_placeholders() -> None:
    wrong = {k: v for k, v in i18n.catalogue("es").items() if fields_of(k) != fields_of(v)}
    assert wrong == {}


def test_translate_fills_placeholders_in_each_language() -> None:
    assert i18n.translate("{n} documents", "es", n="1,204") == "1,204 documentos"
    assert i18n.translate("{n} documents", "en", n="1,204") == "1,204 documents"
    assert i18n.translate("A message nobody translated", "es") == "A message nobody translated"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9,es;q=0.5", "en"),
        ("fr-FR,fr;q=0.9,en;q=0.4", "en"),
        ("fr-FR", None),
        ("en;q=0, es;q=0.1", "es"),
        ("", None),
        (None, None),
        ("garbage;;;q=x", None),
    ],
)
def test_accept_language(header: str | None, expected: str | None) -> None:
    assert i18n.from_accept_language(header) == expected


def test_the_users_choice_wins_then_the_session_then_the_browser_then_spanish() -> None:
    assert i18n.pick_locale("en", "es", "es-MX") == "en"
    assert i18n.pick_locale(None, "en", "es-MX") == "en"
    assert i18n.pick_locale(None, None, "en-GB") == "en"
    assert i18n.pick_locale(None, None, "de-DE") == "es"
    assert i18n.pick_locale("xx", None, None) == "es"


def test_dates_per_locale() -> None:
    d = date(2026, 3, 7)
    assert i18n.format_date(d, "es") == "07/03/2026"
    assert i18n.format_date(d, "en") == "Mar 7, 2026"
    assert i18n.format_date("2026-03-07", "es") == "07/03/2026"
    assert i18n.format_date(None, "es") == ""
    assert i18n.format_date("not a date", "en") == "not a date"
    moment = datetime(2026, 3, 7, 23, 5, tzinfo=UTC)
    assert i18n.format_datetime(moment, "es") == "07/03/2026 23:05 UTC"
    assert i18n.format_datetime(moment.isoformat(), "en") == "Mar 7, 2026 23:05 UTC"


def test_numbers_per_locale() -> None:
    assert i18n.format_number(1234567.5, "es") == "1,234,567.5"
    assert i18n.format_number(Decimal("1234567.50"), "en", 2) == "1,234,567.50"
    assert i18n.format_number(-1234, "es") == "-1,234"
    assert i18n.format_number(0.000123, "en") == "0.000123"
    assert i18n.format_number(999, "es", 0) == "999"
    assert i18n.format_number(None, "es") == ""
    assert i18n.format_number("n/a", "es") == "n/a"
    assert i18n.format_percent(0.873, "es") == "87 %"
    assert i18n.format_percent(0.873, "en") == "87%"


def test_extracted_values_read_in_the_locale() -> None:
    assert i18n.format_value(6583.5, "es") == "6,583.5"
    assert i18n.format_value("2024-09-26", "es") == "26/09/2024"
    assert i18n.format_value("2024-09-26", "en") == "Sep 26, 2024"
    assert i18n.format_value("244735774007432", "en") == "244735774007432"  # identifiers stay as they are
    assert i18n.format_value(None, "es") == "—"
    assert i18n.format_unit("6", "es") == "pieza" and i18n.format_unit("6", "en") == "piece"
    assert i18n.format_unit("KGM", "es") == "KGM"
