"""The auditor's pages (read-only for everyone): a dashboard of lots expiring and expired, uncovered exports
and open findings; search; a lot's chain import → BOM → exports with every document one click away."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, render_template, request

from immex.services import Services
from web.accounts.auth import current_identity, login_required
from web.blueprints import _chain, _search
from web.blueprints._util import parse_date


def dashboard_data(db: Any, company_id: int, as_of: Any = None) -> dict[str, Any]:
    lots = _chain.lots(db, company_id, as_of)
    findings = _chain.findings(db, company_id, as_of)
    shas = {s for f in findings for s in f.get("documents", [])}
    return {
        "expired": [lot for lot in lots if lot["status"] == "expired"],
        "expiring": sorted((lot for lot in lots if lot["status"] == "expiring"), key=lambda x: x["due_date"] or ""),
        "uncovered": [f for f in findings if f["code"] == "export_uncovered"],
        "findings": [f for f in findings if f["code"] != "export_uncovered"],
        "lot_count": len(lots),
        "open_count": sum(1 for lot in lots if lot["status"] == "open"),
        "doc_ids": _chain.document_ids_by_sha(db, company_id, shas),
    }


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("auditor", __name__)

    @bp.get("/dashboard")
    @login_required
    def dashboard() -> Any:
        ident = current_identity()
        assert ident is not None
        as_of = parse_date(request.args.get("as_of"))
        with services.db.session() as db:
            data = dashboard_data(db, ident.company_id, as_of)
        return render_template("dashboard.html", as_of=as_of or _chain.today(), **data)

    @bp.get("/search")
    @login_required
    def search() -> Any:
        ident = current_identity()
        assert ident is not None
        criteria = {k: request.args.get(k, "").strip() for k in _search.CRITERIA}
        results = None
        if any(criteria.values()):
            with services.db.session() as db:
                results = _search.search(db, ident.company_id, criteria)
        return render_template("search.html", criteria=criteria, results=results)

    @bp.get("/lots")
    @login_required
    def lots() -> Any:
        ident = current_identity()
        assert ident is not None
        status = request.args.get("status", "")
        with services.db.session() as db:
            rows = _chain.lots(db, ident.company_id)
        if status:
            rows = [r for r in rows if r["status"] == status]
        return render_template("lots.html", lots=rows, status=status)

    @bp.get("/lots/<pedimento>/<int:sequence>")
    @login_required
    def lot(pedimento: str, sequence: int) -> Any:
        ident = current_identity()
        assert ident is not None
        with services.db.session() as db:
            chain = _chain.lot_chain(db, ident.company_id, pedimento, sequence)
            findings = [
                f
                for f in _chain.findings(db, ident.company_id)
                if f.get("pedimento_number") == chain["pedimento_number"]
                and f.get("details", {}).get("sequence") in (None, sequence)
            ]
            from evidence.chain.reconcile_io import reconciliation_report

            sources = (reconciliation_report(db, ident.company_id, chain["pedimento_number"])["pedimentos"] or [None])[
                0
            ]
        return render_template("lot.html", chain=chain, lot=chain["lots"][0], findings=findings, sources=sources)

    app.register_blueprint(bp)
