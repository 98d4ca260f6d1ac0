"""Why a page cannot be drawn is stored and passed on in English (the render pool's words, the file bounds'
refusals) and shown in the user's language: each such sentence is found in the catalogues with its values."""

from __future__ import annotations

from extractors import bounds
from immex import i18n
from web.pagerender import Rendered, _exhausted


def test_every_reason_a_page_is_not_drawn_is_shown_in_spanish() -> None:
    reasons = {
        _exhausted(512).reason: "más de 512 MB",
        bounds.expands_too_much(256).reason: "más de 256 MB",
        bounds.too_many_pixels(20000, 15000, 60_000_000).reason: "20,000 x 15,000 píxeles, más de los 60 millones",
        Rendered("busy", "The page is taking too long to draw; try again in a moment.").reason: "tardando",
        "This page is damaged and cannot be drawn; the original is kept.": "dañada",
    }
    for reason, spanish in reasons.items():
        shown = i18n.translate(reason, "es")
        assert shown != reason and spanish in shown, (reason, shown)
        assert i18n.translate(reason, "en") == reason
