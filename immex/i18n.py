"""Spanish and English for the portal and the evidence report: gettext catalogues
(``web/translations/<locale>/LC_MESSAGES/messages.po``, English text → text in that language), the locale of a
request (the user's choice, else the session's, else the browser's Accept-Language, else Spanish) and small
formatters for dates, numbers and units.

Messages are English with ``{name}`` placeholders: ``translate("{n} documents", "es", n=3)``. Plurals go through
``translate_plural`` (gettext's ``ngettext``), which fills ``{n}`` with the number. A ``.po`` file is read and
compiled in memory the first time its language is asked for, so no compiled ``.mo`` file has to be built or kept;
the portal reaches the same catalogues through Flask-Babel (``web.blueprints._base``). It sits in ``immex``, below
both the portal and the evidence report (``evidence.bundle_render``), so the report never imports the web layer.

Spanish follows Mexican conventions (CLDR ``es_MX``): ``1,234.56`` and ``26/11/2026``; English uses
``1,234.56`` and ``Nov 26, 2026``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.support import NullTranslations

SUPPORTED = ("es", "en")
DEFAULT = "es"
# the catalogues live beside the portal's templates, where the translators' tools (babel.cfg, ``make messages``)
# keep them; the report, the command line and the portal all read them through this module
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "web" / "translations"
DOMAIN = "messages"

_MONTHS = {
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
# (group separator, decimal separator, percent suffix)
_NUMBERS = {"es": (",", ".", " %"), "en": (",", ".", "%")}


def po_path(locale: str) -> Path:
    return TRANSLATIONS_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(locale: str) -> NullTranslations:
    """The gettext catalogue of ``locale``, compiled in memory from its ``.po`` file (empty if there is none)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    path = po_path(locale)
    if locale not in SUPPORTED or not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def fill(text: str, fallback: str, values: dict[str, Any]) -> str:
    """``text`` with its ``{name}`` placeholders filled; the English ``fallback`` if a translation broke them."""
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return fallback.format(**values)


def gettext_in(catalogue: NullTranslations, message: str, **values: Any) -> str:
    """``message`` from ``catalogue``; a known key (``commercial_invoice``) is shown by its label, and a sentence
    stored in English (``"The RFC X fails its check digit; …"``) by the message it was made from, filled with the
    values it holds."""
    from immex.labels import LABELS

    message = LABELS.get(message, message)
    if not message:
        return message
    if not values and not known(message):
        from immex.stored_messages import match_stored

        hit = match_stored(message)
        if hit is not None:  # a sentence an engine stored in English, with its values in it
            template, found = hit
            found = {k: gettext_in(catalogue, v) for k, v in found.items()}  # a value may be a sentence too
            return fill(catalogue.gettext(template), template, found)
    return fill(catalogue.gettext(message), message, values)


def ngettext_in(catalogue: NullTranslations, singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form of ``singular``/``plural`` for ``count`` in ``catalogue``; ``{n}`` is the number unless given
    (``n=formatted``)."""
    text = catalogue.ngettext(singular, plural, count)
    values.setdefault("n", count)
    return fill(text, singular if count == 1 else plural, values)


def translate(message: str, locale: str, **values: Any) -> str:
    """``message`` (English) in ``locale``; ``{name}`` placeholders are filled from ``values``."""
    return gettext_in(translations(locale), message, **values)


def translate_plural(singular: str, plural: str, count: int, locale: str, /, **values: Any) -> str:
    """The plural form for ``count`` of an English message pair in ``locale`` (``{n} page``/``{n} pages``)."""
    return ngettext_in(translations(locale), singular, plural, count, **values)


def normalise(locale: str | None) -> str | None:
    if not locale:
        return None
    code = locale.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED else None


def from_accept_language(header: str | None) -> str | None:
    """The best supported language of an Accept-Language header (``es-MX,es;q=0.9,en;q=0.8``)."""
    best: tuple[float, str] | None = None
    for part in (header or "").split(","):
        lang, _, params = part.strip().partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        code = normalise(lang)
        if code and q > 0 and (best is None or q > best[0]):
            best = (q, code)
    return best[1] if best else None


def pick_locale(user_locale: str | None, session_locale: str | None, accept_language: str | None) -> str:
    return normalise(user_locale) or normalise(session_locale) or from_accept_language(accept_language) or DEFAULT


# -- formatters ----------------------------------------------------------------------------------------------


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value: Any, locale: str) -> str:
    d = _as_date(value)
    if d is None:
        return "" if value in (None, "") else str(value)
    if locale == "en":
        return f"{_MONTHS['en'][d.month - 1]} {d.day}, {d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_datetime(value: Any, locale: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return format_date(value, locale)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return f"{format_date(value, locale)} {value:%H:%M} UTC"


def format_number(value: Any, locale: str, decimals: int | None = None) -> str:
    """Grouped digits and the locale's decimal separator; ``decimals=None`` keeps the value's own (up to 6)"""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if not number.is_finite():
        return str(value)
    group, point, _ = _NUMBERS.get(locale, _NUMBERS[DEFAULT])
    if decimals is None:
        text = f"{number.normalize():f}"
        if "." in text:
            whole, frac = text.split(".")
            frac = frac[:6].rstrip("0")
        else:
            whole, frac = text, ""
    else:
        text = f"{number:.{decimals}f}"
        whole, _, frac = text.partition(".")
    sign = ""
    if whole.startswith("-"):
        sign, whole = "-", whole[1:]
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + group.join(groups)
    return f"{out}{point}{frac}" if frac else out


def format_value(value: Any, locale: str) -> str:
    """An extracted value for reading: numbers and ISO dates in the locale's form, anything else as it is."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | Decimal):
        return format_number(value, locale)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-" and _as_date(value):
        return format_date(value, locale)
    return str(value)


def format_unit(code: Any, locale: str) -> str:
    """A pedimento unit code as a word in ``locale`` (``6`` → ``pieza``/``piece``); other units as written."""
    from evidence.units import UNIT_NAMES, unit_name

    if code is None:
        return ""
    name = unit_name(code)
    return translate(name, locale) if str(code).strip() in UNIT_NAMES else name


def format_percent(value: Any, locale: str) -> str:
    """A 0..1 ratio as a whole percentage (``0.873`` → ``87 %`` / ``87%``)."""
    if value is None or value == "":
        return ""
    try:
        pct = round(float(value) * 100)
    except (TypeError, ValueError):
        return str(value)
    return f"{pct}{_NUMBERS.get(locale, _NUMBERS[DEFAULT])[2]}"


@cache
def catalogue_ids() -> tuple[str, ...]:
    """Every singular message of the catalogues (the English ``msgid``s)."""
    from babel.messages.pofile import read_po

    path = po_path("en")
    if not path.exists():
        return ()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="en", domain=DOMAIN)
    return tuple(m.id for m in catalog if m.id and isinstance(m.id, str))


@cache
def _known() -> frozenset[str]:
    return frozenset(catalogue_ids())


def known(message: str) -> bool:
    """Whether ``message`` is in the catalogues as it is."""
    return message in _known()
