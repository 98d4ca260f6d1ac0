"""The document list's thumbnails are drawn small (160 px wide) by the same bounded pool of render processes as
the page images, cached beside them under their own name and pixel limit; a page that cannot be drawn is a
placeholder that says why in the user's language, for the thumbnail and for the page image alike."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from immex.services import build_services
from tests.bombs import flate_bomb_pdf, huge_page_pdf
from tests.conftest import embedded_settings
from tests.e2e.portal_support import PASSWORD, add_document, login, seed_companies, small_pdf
from web import create_app
from web.blueprints import _pages
from web.pagerender import THUMB_MAX_PIXELS, THUMB_WIDTH

pytestmark = pytest.mark.integration


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[dict[str, Any]]:
    services = build_services(embedded_settings(tmp_path, render_workers=1, job_memory_mb=1024))
    ids = seed_companies(services)
    client = create_app(services).test_client()
    assert login(client, "clerk@a.mx", PASSWORD).status_code == 302
    yield {"services": services, "client": client, "a": ids["a"], "tmp": tmp_path}
    services.close()


def _png(response: Any) -> Image.Image:
    assert response.mimetype == "image/png"
    return Image.open(io.BytesIO(response.get_data()))


def test_thumbnails_are_small_cached_and_drawn_without_the_full_page(portal: dict[str, Any]) -> None:
    services, client = portal["services"], portal["client"]
    letter = add_document(services, portal["a"], small_pdf(portal["tmp"] / "letter.pdf"))
    plan = add_document(services, portal["a"], huge_page_pdf(portal["tmp"] / "plano.pdf", 14400), page_text="")
    listing = client.get("/documents").get_data(as_text=True)
    assert f"/documents/{letter}/pages/1/thumb.png" in listing and f"/documents/{letter}/pages/1.png" not in listing

    thumb = client.get(f"/documents/{letter}/pages/1/thumb.png")
    assert thumb.status_code == 200
    image = _png(thumb)
    assert image.width == THUMB_WIDTH and abs(image.height - THUMB_WIDTH * 792 / 612) <= 1  # pdfium rounds up
    huge = _png(client.get(f"/documents/{plan}/pages/1/thumb.png"))
    assert huge.width * huge.height <= THUMB_MAX_PIXELS and huge.width <= THUMB_WIDTH

    with services.db.session() as db:
        from evidence.models import Document

        doc = db.get(Document, letter)
        assert doc is not None
        sha = doc.sha256
    cached = _pages.png_path(services, sha, 1, thumb=True)
    assert cached.exists() and not _pages.png_path(services, sha, 1).exists()  # the full page was never drawn
    assert client.get(f"/documents/{letter}/pages/1/thumb.png").get_data() == cached.read_bytes()
    assert _png(client.get(f"/documents/{letter}/pages/1.png")).width > THUMB_WIDTH * 4


@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "Esta página no se puede mostrar. Este archivo se expande a más de"), ("en", "This page cannot be shown.")],
)
def test_a_page_that_cannot_be_drawn_says_why_in_the_users_language(
    portal: dict[str, Any], language: str, words: str
) -> None:
    services, client = portal["services"], portal["client"]
    bomb = add_document(services, portal["a"], flate_bomb_pdf(portal["tmp"] / "bomb.pdf", 1024), page_text="")
    for url in (f"/documents/{bomb}/pages/1/thumb.png", f"/documents/{bomb}/pages/1.png"):
        response = client.get(url, headers={"Accept-Language": language})
        assert response.status_code == 422
        said = _png(response).text["Description"]
        assert said.startswith(words), said
        if language == "en":
            assert "This file expands to more than" in said
