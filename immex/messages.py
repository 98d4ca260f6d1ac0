"""The marker for messages kept in tables and translated when shown: the catalogue extractor finds ``N_("…")``
(``babel.cfg``), and the portal or the report translates the text when it shows it. It lives on the ground floor
so that every package can mark its messages without importing the web layer."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "a message, translated later")
    """Marks ``message`` for the catalogue where it is kept in a table and translated when shown."""
    return message
