"""Spanish and English: every message the portal and the evidence report show (extracted with Babel's own
extractor, as translators' tools do) has a text in both catalogues with the same placeholders and every plural
form, and dates, numbers and the language choice follow the rules in ``immex.i18n``."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from extractors.classify import DOC_TYPES
from immex import i18n
from immex.labels import LABELS

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted() -> dict[str | tuple[str, str], str]:
    """Every message babel.cfg names (templates, Python, the chain report), as ``pybabel extract`` reads it."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str | tuple[str, str], str] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        if message:
            found[message] = filename
    return found


def catalogue(locale: str) -> Catalog:
    with i18n.po_path(locale).open("rb") as fh:
        return read_po(fh, locale=locale)


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_extractor_finds_the_portals_messages() -> None:
    messages = extracted()
    assert {"Sign in", "Documents", "Upload documents", "Review queue"} <= set(messages)
    assert ("{n} page", "{n} pages") in messages
    assert len(messages) > 200


@pytest.mark.parametrize("locale", i18n.SUPPORTED)
def test_every_message_has_a_text_in_each_language(locale: str) -> None:
    cat = catalogue(locale)
    missing = []
    for message, where in extracted().items():
        entry = cat.get(message)
        strings = (entry.string if isinstance(entry.string, tuple) else (entry.string,)) if entry else ("",)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(f"{where}: {message!r}")
    assert sorted(missing) == [], f"run `make messages` and translate these in {i18n.po_path(locale)}"


@pytest.mark.parametrize("locale", i18n.SUPPORTED)
def test_translations_keep_the_placeholders_and_give_every_plural_form(locale: str) -> None:
    cat = catalogue(locale)
    wrong = []
    for entry in cat:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if isinstance(entry.id, tuple) and len(strings) != cat.num_plurals:
            wrong.append(entry.id)
        if any(fields_of(s) - fields_of(ids[-1]) for s in strings if s):
            wrong.append(entry.id)
    assert wrong == []


def test_every_stored_key_has_a_label() -> None:
    keys = set(DOC_TYPES) | {"text_layer", "ocr", "xml", "upload", "email", "clerk", "auditor", "admin"}
    # every warning code an extractor gives (read from the code, as the catalogue extractor reads it)
    import re

    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "extractors").rglob("*.py"))
    keys |= set(re.findall(r'\.warn\(\s*"([a-z_0-9]+)"', source))
    assert keys <= set(LABELS)
    assert i18n.translate("commercial_invoice", "en") == "commercial invoice"
    assert i18n.translate("commercial_invoice", "es") == "factura comercial"
    assert i18n.translate("text_layer", "en") == "text layer"


def test_translate_fills_placeholders_in_each_language() -> None:
    assert (
        i18n.translate("Reviewed and confirmed by {email}", "es", email="a@b.mx") == "Revisado y confirmado por a@b.mx"
    )
    assert i18n.translate_plural("{n} document", "{n} documents", 1204, "es", n="1,204") == "1,204 documentos"
    assert i18n.translate("A message nobody translated", "es") == "A message nobody translated"
    assert i18n.translate("", "es") == ""


def test_plurals_follow_the_number() -> None:
    assert i18n.translate_plural("{n} page", "{n} pages", 1, "en") == "1 page"
    assert i18n.translate_plural("{n} page", "{n} pages", 3, "en") == "3 pages"
    assert i18n.translate_plural("{n} page", "{n} pages", 1, "es") == "1 página"
    assert i18n.translate_plural("{n} page", "{n} pages", 0, "es") == "0 páginas"


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
