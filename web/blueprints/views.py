"""Saved views of the document list (``web.saved_views``): list them, save the list's current filters and sort
under a name, delete one. Each person sees and deletes only their own views in the company they are working in;
forms carry the CSRF token like every other portal form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, flash, jsonify, redirect, request, url_for

from immex.services import Services
from web import saved_views
from web.accounts.auth import current_identity, login_required
from web.blueprints._base import _, wants_json


def init_app(app: Flask, services: Services) -> None:
    from web.blueprints.documents import FILTER_KEYS

    bp = Blueprint("views", __name__)

    @bp.get("/documents/views")
    @login_required
    def index() -> Any:
        ident = current_identity()
        assert ident is not None
        with services.db.session() as db:
            return jsonify(views=saved_views.views_of(db, ident.user_id, ident.company_id))

    @bp.post("/documents/views")
    @login_required
    def save() -> Any:
        ident = current_identity()
        assert ident is not None
        query = saved_views.clean_query(request.form.get("query", ""), FILTER_KEYS)
        with services.db.session() as db:
            row = saved_views.save_view(db, ident, request.form.get("name", ""), query, FILTER_KEYS)
            saved: dict[str, Any] = {"id": row.id, "name": row.name, "query": row.query}
        if wants_json():
            return jsonify(view=saved), 201
        flash(_("View “{name}” saved.", name=saved["name"]), "ok")
        return redirect(url_for("documents.index") + ("?" + saved["query"] if saved["query"] else ""), 303)

    @bp.post("/documents/views/<int:view_id>/delete")
    @login_required
    def delete(view_id: int) -> Any:
        ident = current_identity()
        assert ident is not None
        with services.db.session() as db:
            saved_views.delete_view(db, ident, view_id)
        if wants_json():
            return jsonify(deleted=view_id)
        flash(_("View deleted."), "ok")
        back = saved_views.clean_query(request.form.get("query", ""), FILTER_KEYS)
        return redirect(url_for("documents.index") + ("?" + back if back else ""), 303)

    app.register_blueprint(bp)
