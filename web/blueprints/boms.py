"""The BOM page's list of what is loaded (each product's versions, with their validity, components and the
file they came from) and a template to fill in (CSV with the columns the import reads, one example row)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.chain.models import BomImport, BomLine, BomVersionRow
from immex.services import Services
from web.accounts.auth import current_identity, roles_required

TEMPLATE_ROWS = (
    ("product", "component", "quantity_per_unit", "unit", "scrap_pct", "valid_from", "valid_to"),
    ("ARNES-100", "PN-0001", "2.5", "6", "1.5", "2026-01-01", ""),
    ("ARNES-100", "PN-0002", "0.75", "1", "0", "2026-01-01", ""),
)


def loaded_boms(db: Session, company_id: int) -> list[dict[str, Any]]:
    """Every product with its versions, newest first (components counted, source file named)."""
    counts = select(BomLine.version_id, func.count().label("n")).group_by(BomLine.version_id).subquery()
    rows = db.execute(
        select(BomVersionRow, BomImport.filename, BomImport.actor, BomImport.created_at, counts.c.n)
        .join(BomImport, BomImport.id == BomVersionRow.import_id)
        .outerjoin(counts, counts.c.version_id == BomVersionRow.id)
        .where(BomVersionRow.company_id == company_id)
        .order_by(BomVersionRow.product, BomVersionRow.valid_from.desc(), BomVersionRow.id.desc())
    ).all()
    products: dict[str, dict[str, Any]] = {}
    for version, filename, actor, loaded_at, components in rows:
        entry = products.setdefault(version.product, {"product": version.product, "versions": []})
        entry["versions"].append(
            {
                "valid_from": version.valid_from,
                "valid_to": version.valid_to,
                "components": int(components or 0),
                "filename": filename,
                "actor": actor,
                "loaded_at": loaded_at,
            }
        )
    return list(products.values())


def bom_page(services: Services, **values: Any) -> str:
    """The BOM page with what is already loaded."""
    ident = current_identity()
    assert ident is not None
    with services.db.session() as db:
        boms = loaded_boms(db, ident.company_id)
    return render_template("bom.html", boms=boms, **values)


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("boms", __name__)

    @bp.get("/bom/template.csv")
    @roles_required("admin", "clerk")
    def template() -> Any:
        text = "\r\n".join(",".join(row) for row in TEMPLATE_ROWS) + "\r\n"
        return Response(
            text.encode("utf-8"),
            mimetype="text/csv",
            headers={"Content-Disposition": "attachment; filename=bom-template.csv"},
        )

    app.register_blueprint(bp)
