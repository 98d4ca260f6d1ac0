"""The auditor's pages (read-only for everyone): a dashboard of lots expiring and expired, uncovered exports
and open findings; search; a lot's chain import → BOM → exports with every document one click away."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, render_template, request

from immex.messages import N_
from immex.services import Services
from web import lot_view
from web.accounts.auth import current_identity, login_required
from web.blueprints import _chain, _search
from web.blueprints._base import _
from web.blueprints._util import parse_date

LOT_FILTERS = ("status", "part", "fraccion", "pedimento", "date_from", "date_to", "horizon", "sort", "dir")
EXPORT_HEADERS = (
    N_("Pedimento"),
    N_("Partida"),
    N_("Part number"),
    N_("Fracción"),
    N_("Start"),
    N_("Due"),
    N_("Days left"),
    N_("Imported"),
    N_("Discharged"),
    N_("Balance"),
    N_("Unit"),
    N_("USD at risk"),
    N_("Status"),
    N_("Awaiting review"),
)


def lots_with_values(db: Any, company_id: int, as_of: Any = None) -> list[dict[str, Any]]:
    """Every lot with its days left and USD at risk, computed once per company state (see ``web.lot_view``)."""
    day = as_of or _chain.today()
    key = ("lots", company_id, day, lot_view.fingerprint(db, company_id))
    rows = lot_view.cached(
        key, lambda: lot_view.enrich(_chain.lots(db, company_id, day), lot_view.usd_per_unit(db, company_id), day)
    )
    return [dict(r) for r in rows]


def dashboard_data(db: Any, company_id: int, as_of: Any = None) -> dict[str, Any]:
    day = as_of or _chain.today()
    lots = lots_with_values(db, company_id, day)
    key = ("findings", company_id, day, lot_view.fingerprint(db, company_id))
    findings = lot_view.cached(key, lambda: _chain.findings(db, company_id, day))
    shas = {s for f in findings for s in f.get("documents", [])}
    return {
        "expired": [lot for lot in lots if lot["status"] == "expired"],
        "expiring": sorted((lot for lot in lots if lot["status"] == "expiring"), key=lambda x: x["due_date"] or ""),
        "uncovered": [f for f in findings if f["code"] == "export_uncovered"],
        "findings": [f for f in findings if f["code"] != "export_uncovered"],
        "lot_count": len(lots),
        "open_count": sum(1 for lot in lots if lot["status"] == "open"),
        "doc_ids": _chain.document_ids_by_sha(db, company_id, shas),
        "horizons": lot_view.horizon_cards(lots),
        "usd_at_risk": sum(lot.get("usd_at_risk") or 0.0 for lot in lots if lot["status"] != "discharged"),
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
        args = {k: request.args.get(k, "").strip() for k in LOT_FILTERS}
        with services.db.session() as db:
            every = lots_with_values(db, ident.company_id)
        rows = lot_view.select_lots(every, args)
        fmt = request.args.get("format", "")
        if fmt == "csv":
            return Response(
                lot_view.as_csv(rows),
                mimetype="text/csv",
                headers={"Content-Disposition": "attachment; filename=lots.csv"},
            )
        if fmt == "xlsx":
            return Response(
                lot_view.as_xlsx(rows, [_(h) for h in EXPORT_HEADERS]),
                mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                headers={"Content-Disposition": "attachment; filename=lots.xlsx"},
            )
        return render_template(
            "lots.html",
            lots=rows,
            status=args["status"],
            filters=args,
            by_part=lot_view.balances(rows, "part_number"),
            by_fraccion=lot_view.balances(rows, "tariff_code"),
            horizons=lot_view.HORIZONS,
        )

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
