"""Learned layouts: the company's layout memory, for admins in the portal and over the API.

Portal (admins): ``/admin/layouts`` lists each learned layout (issuer, documents it came from, fields, hit rate,
flag) with rename, delete and "read earlier documents again"; ``/admin/layouts/<id>`` shows one with its versions.
API: ``GET /api/v1/layouts``, ``GET /api/v1/layouts/<id>``; admins also ``POST /api/v1/layouts/<id>/rename``
(``{"name"}``), ``DELETE /api/v1/layouts/<id>`` and ``POST /api/v1/layouts/<id>/reread``. Every change is audited.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, jsonify, redirect, render_template, request, url_for
from sqlalchemy.orm import Session

from evidence.layouts import memory
from evidence.layouts.reread import reread_candidates, reread_layout
from immex.errors import ImmexError
from immex.services import Services
from web.accounts.auth import api_auth, current_identity, roles_required
from web.accounts.service import Identity
from web.blueprints._base import _


def _ident() -> Identity:
    ident = current_identity()
    assert ident is not None
    return ident


def _admin(ident: Identity) -> None:
    if ident.role != "admin":
        abort(403)


def layout_detail(db: Session, company_id: int, layout_id: int) -> dict[str, Any]:
    layout = memory.get_layout(db, company_id, layout_id)
    data = layout.to_dict()
    data["documents"] = memory.layout_documents(db, layout)
    data["versions"] = memory.versions(db, layout)
    return data


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("layouts", __name__)

    # -- portal ------------------------------------------------------------------------------------------------

    def _page(status: int = 200, **extra: Any) -> Any:
        ident = _ident()
        with services.db.session() as db:
            rows = [layout.to_dict() for layout in memory.active_layouts(db, ident.company_id)]
        return render_template("learned_layouts.html", layouts=rows, **extra), status

    @bp.get("/admin/layouts")
    @roles_required("admin")
    def index() -> Any:
        return _page()

    @bp.get("/admin/layouts/<int:layout_id>")
    @roles_required("admin")
    def show(layout_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            data = layout_detail(db, ident.company_id, layout_id)
            candidates = reread_candidates(db, ident.company_id, layout_id)
        return render_template("learned_layout.html", layout=data, candidates=candidates)

    @bp.post("/admin/layouts/<int:layout_id>/rename")
    @roles_required("admin")
    def rename(layout_id: int) -> Any:
        ident = _ident()
        try:
            with services.db.session() as db:
                memory.rename(db, ident.company_id, layout_id, request.form.get("name", ""), actor=ident.email)
        except ImmexError as exc:
            if exc.http_status == 404:
                raise
            return _page(422, error=_("Give the layout a name of 1 to 200 characters."))
        return redirect(url_for("layouts.index"))

    @bp.post("/admin/layouts/<int:layout_id>/delete")
    @roles_required("admin")
    def delete(layout_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            memory.delete(db, ident.company_id, layout_id, actor=ident.email, reason=request.form.get("reason"))
        return redirect(url_for("layouts.index"))

    @bp.post("/admin/layouts/<int:layout_id>/reread")
    @roles_required("admin")
    def reread(layout_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            done = reread_layout(services, db, ident.company_id, layout_id, actor=ident.email)
            layout = memory.get_layout(db, ident.company_id, layout_id)
            memory.unflag(db, layout, actor=ident.email)
        return _page(200, reread=len(done))

    # -- API ---------------------------------------------------------------------------------------------------

    @bp.get("/api/v1/layouts")
    @api_auth()
    def api_list() -> Any:
        ident = _ident()
        with services.db.session() as db:
            return jsonify(layouts=[layout.to_dict() for layout in memory.active_layouts(db, ident.company_id)])

    @bp.get("/api/v1/layouts/<int:layout_id>")
    @api_auth()
    def api_show(layout_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            return jsonify(layout_detail(db, ident.company_id, layout_id))

    @bp.post("/api/v1/layouts/<int:layout_id>/rename")
    @api_auth(write=True)
    def api_rename(layout_id: int) -> Any:
        ident = _ident()
        _admin(ident)
        body = request.get_json(silent=True)
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str):
            raise memory.LayoutError('Send the new name as {"name": "..."}.')
        with services.db.session() as db:
            return jsonify(memory.rename(db, ident.company_id, layout_id, name, actor=ident.email).to_dict())

    @bp.delete("/api/v1/layouts/<int:layout_id>")
    @api_auth(write=True)
    def api_delete(layout_id: int) -> Any:
        ident = _ident()
        _admin(ident)
        with services.db.session() as db:
            return jsonify(memory.delete(db, ident.company_id, layout_id, actor=ident.email).to_dict())

    @bp.post("/api/v1/layouts/<int:layout_id>/reread")
    @api_auth(write=True)
    def api_reread(layout_id: int) -> Any:
        ident = _ident()
        _admin(ident)
        with services.db.session() as db:
            done = reread_layout(services, db, ident.company_id, layout_id, actor=ident.email)
            memory.unflag(db, memory.get_layout(db, ident.company_id, layout_id), actor=ident.email)
        return jsonify(documents=done)

    app.register_blueprint(bp)
