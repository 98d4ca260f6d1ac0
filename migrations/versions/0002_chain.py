"""chain: parts, structured documents, keys, corrections, links, BOM versions, lots, export lines, discharge runs

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "chain_bom_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_chain_bom_imports_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_bom_imports")),
    )
    with op.batch_alter_table("chain_bom_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_bom_imports_company_id"), ["company_id"], unique=False)

    op.create_table(
        "chain_counters",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("rev", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_chain_counters_company_id_companies")),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_chain_counters")),
    )
    op.create_table(
        "chain_discharge_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("parent_run_id", sa.Integer(), nullable=True),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("algorithm_version", sa.String(length=20), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("input_digest", JSON_TYPE, nullable=False),
        sa.Column("input_rev", sa.BigInteger(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("lot_count", sa.Integer(), nullable=False),
        sa.Column("export_line_count", sa.Integer(), nullable=False),
        sa.Column("consumption_count", sa.Integer(), nullable=False),
        sa.Column("uncovered_count", sa.Integer(), nullable=False),
        sa.Column("cursor", JSON_TYPE, nullable=True),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_chain_discharge_runs_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["parent_run_id"],
            ["chain_discharge_runs.id"],
            name=op.f("fk_chain_discharge_runs_parent_run_id_chain_discharge_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_discharge_runs")),
    )
    with op.batch_alter_table("chain_discharge_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_discharge_runs_company_id"), ["company_id"], unique=False)

    op.create_table(
        "chain_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("part_number", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("tariff_code", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_chain_parts_company_id_companies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_parts")),
        sa.UniqueConstraint("company_id", "part_number", name="uq_chain_parts_company_part"),
    )
    op.create_table(
        "chain_bls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("bl_number", sa.String(length=60), nullable=True),
        sa.Column("bl_kind", sa.String(length=10), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("package_count", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("gross_weight_kg", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_chain_bls_company_id_companies")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_chain_bls_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_bls")),
        sa.UniqueConstraint("document_id", name=op.f("uq_chain_bls_document_id")),
    )
    with op.batch_alter_table("chain_bls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_bls_bl_number"), ["bl_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_bls_company_id"), ["company_id"], unique=False)

    op.create_table(
        "chain_bom_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("product", sa.String(length=100), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_chain_bom_versions_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["chain_bom_imports.id"],
            name=op.f("fk_chain_bom_versions_import_id_chain_bom_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_bom_versions")),
    )
    with op.batch_alter_table("chain_bom_versions", schema=None) as batch_op:
        batch_op.create_index("ix_chain_bom_versions_product", ["company_id", "product"], unique=False)

    op.create_table(
        "chain_cfdis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=True),
        sa.Column("cfdi_type", sa.String(length=1), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("issuer_rfc", sa.String(length=13), nullable=True),
        sa.Column("receiver_rfc", sa.String(length=13), nullable=True),
        sa.Column("export_code", sa.String(length=2), nullable=True),
        sa.Column("cce_pedimento_clave", sa.String(length=2), nullable=True),
        sa.Column("total", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_chain_cfdis_company_id_companies")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_chain_cfdis_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_cfdis")),
        sa.UniqueConstraint("document_id", name=op.f("uq_chain_cfdis_document_id")),
    )
    with op.batch_alter_table("chain_cfdis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_cfdis_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_cfdis_uuid"), ["uuid"], unique=False)

    op.create_table(
        "chain_consumptions",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("export_line_id", sa.Integer(), nullable=False),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("bom_version_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "lot_id", "export_line_id", "component", name=op.f("pk_chain_consumptions")),
    )

    op.create_table(
        "chain_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("machine_value", JSON_TYPE, nullable=True),
        sa.Column("corrected_value", JSON_TYPE, nullable=True),
        sa.Column("extraction_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_chain_corrections_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_corrections")),
    )
    with op.batch_alter_table("chain_corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_corrections_document_id"), ["document_id"], unique=False)

    op.create_table(
        "chain_document_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=30), nullable=False),
        sa.Column("role", sa.String(length=4), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_chain_document_keys_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_document_keys")),
    )
    with op.batch_alter_table("chain_document_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_document_keys_document_id"), ["document_id"], unique=False)
        batch_op.create_index("ix_chain_document_keys_lookup", ["company_id", "kind", "value"], unique=False)

    op.create_table(
        "chain_invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("invoice_number", sa.String(length=60), nullable=True),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("seller_name", sa.String(length=255), nullable=True),
        sa.Column("buyer_name", sa.String(length=255), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("total_amount", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_chain_invoices_company_id_companies")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_chain_invoices_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_invoices")),
        sa.UniqueConstraint("document_id", name=op.f("uq_chain_invoices_document_id")),
    )
    with op.batch_alter_table("chain_invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_invoices_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_invoices_invoice_number"), ["invoice_number"], unique=False)

    op.create_table(
        "chain_pedimentos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=True),
        sa.Column("pedimento_number", sa.String(length=15), nullable=True),
        sa.Column("operation_type", sa.String(length=3), nullable=True),
        sa.Column("clave", sa.String(length=2), nullable=True),
        sa.Column("regimen", sa.String(length=3), nullable=True),
        sa.Column("customs_office", sa.String(length=3), nullable=True),
        sa.Column("importer_exporter_rfc", sa.String(length=13), nullable=True),
        sa.Column("entry_date", sa.Date(), nullable=True),
        sa.Column("payment_date", sa.Date(), nullable=True),
        sa.Column("presentation_date", sa.Date(), nullable=True),
        sa.Column("usd_value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("gross_weight_kg", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_chain_pedimentos_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_chain_pedimentos_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_pedimentos")),
        sa.UniqueConstraint("document_id", name=op.f("uq_chain_pedimentos_document_id")),
    )
    with op.batch_alter_table("chain_pedimentos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_pedimentos_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_pedimentos_pedimento_number"), ["pedimento_number"], unique=False)

    op.create_table(
        "chain_uncovered",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("export_line_id", sa.Integer(), nullable=False),
        sa.Column("part_number", sa.String(length=100), nullable=False),
        sa.Column("required_quantity", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.Column("covered_quantity", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.Column("uncovered_quantity", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["chain_discharge_runs.id"],
            name=op.f("fk_chain_uncovered_run_id_chain_discharge_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_uncovered")),
    )
    with op.batch_alter_table("chain_uncovered", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_uncovered_run_id"), ["run_id"], unique=False)

    op.create_table(
        "chain_bl_containers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bl_id", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("container_number", sa.String(length=11), nullable=True),
        sa.Column("seal_number", sa.String(length=40), nullable=True),
        sa.Column("package_count", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("gross_weight_kg", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.ForeignKeyConstraint(["bl_id"], ["chain_bls.id"], name=op.f("fk_chain_bl_containers_bl_id_chain_bls")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_bl_containers")),
        sa.UniqueConstraint("bl_id", "line_index", name="uq_chain_bl_containers_idx"),
    )
    op.create_table(
        "chain_bom_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("quantity_per_unit", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("scrap_pct", sa.Numeric(precision=10, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["chain_bom_versions.id"],
            name=op.f("fk_chain_bom_lines_version_id_chain_bom_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_bom_lines")),
    )
    with op.batch_alter_table("chain_bom_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_bom_lines_version_id"), ["version_id"], unique=False)

    op.create_table(
        "chain_cfdi_conceptos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cfdi_id", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("part_number", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("tariff_code", sa.String(length=10), nullable=True),
        sa.Column("customs_quantity", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("customs_unit", sa.String(length=10), nullable=True),
        sa.Column("usd_value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.ForeignKeyConstraint(
            ["cfdi_id"], ["chain_cfdis.id"], name=op.f("fk_chain_cfdi_conceptos_cfdi_id_chain_cfdis")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_cfdi_conceptos")),
        sa.UniqueConstraint("cfdi_id", "line_index", name="uq_chain_cfdi_conceptos_idx"),
    )
    op.create_table(
        "chain_invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("part_number", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("unit_price", sa.Numeric(precision=20, scale=6), nullable=True),
        sa.Column("amount", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("tariff_code", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["chain_invoices.id"],
            name=op.f("fk_chain_invoice_lines_invoice_id_chain_invoices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_invoice_lines")),
        sa.UniqueConstraint("invoice_id", "line_index", name="uq_chain_invoice_lines_idx"),
    )
    op.create_table(
        "chain_partidas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pedimento_id", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("tariff_code", sa.String(length=10), nullable=True),
        sa.Column("nico", sa.String(length=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("umc", sa.String(length=10), nullable=True),
        sa.Column("umc_quantity", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("umt", sa.String(length=10), nullable=True),
        sa.Column("umt_quantity", sa.Numeric(precision=24, scale=8), nullable=True),
        sa.Column("customs_value_mxn", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("paid_price_mxn", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("printed_part_number", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["pedimento_id"],
            ["chain_pedimentos.id"],
            name=op.f("fk_chain_partidas_pedimento_id_chain_pedimentos"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_partidas")),
        sa.UniqueConstraint("pedimento_id", "sequence", name="uq_chain_partidas_pedimento_seq"),
    )
    op.create_table(
        "chain_export_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("partida_id", sa.Integer(), nullable=True),
        sa.Column("pedimento_id", sa.Integer(), nullable=True),
        sa.Column("pedimento_number", sa.String(length=15), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("clave", sa.String(length=2), nullable=False),
        sa.Column("export_date", sa.Date(), nullable=False),
        sa.Column("part_number", sa.String(length=100), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.BigInteger(), nullable=False),
        sa.Column("created_rev", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_chain_export_lines_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["partida_id"],
            ["chain_partidas.id"],
            name=op.f("fk_chain_export_lines_partida_id_chain_partidas"),
        ),
        sa.ForeignKeyConstraint(
            ["pedimento_id"],
            ["chain_pedimentos.id"],
            name=op.f("fk_chain_export_lines_pedimento_id_chain_pedimentos"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_export_lines")),
        sa.UniqueConstraint("partida_id", name="uq_chain_export_lines_partida"),
    )
    with op.batch_alter_table("chain_export_lines", schema=None) as batch_op:
        batch_op.create_index("ix_chain_export_lines_company_date", ["company_id", "export_date"], unique=False)
        batch_op.create_index("ix_chain_export_lines_company_rev", ["company_id", "rev"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_export_lines_pedimento_id"), ["pedimento_id"], unique=False)

    op.create_table(
        "chain_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("from_document_id", sa.Integer(), nullable=True),
        sa.Column("to_document_id", sa.Integer(), nullable=True),
        sa.Column("partida_id", sa.Integer(), nullable=True),
        sa.Column("part_number", sa.String(length=100), nullable=True),
        sa.Column("key_kind", sa.String(length=30), nullable=True),
        sa.Column("key_value", sa.String(length=200), nullable=True),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=320), nullable=True),
        sa.Column("undo_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_document_id"], ["documents.id"], name=op.f("fk_chain_links_from_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["partida_id"], ["chain_partidas.id"], name=op.f("fk_chain_links_partida_id_chain_partidas")
        ),
        sa.ForeignKeyConstraint(
            ["to_document_id"], ["documents.id"], name=op.f("fk_chain_links_to_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_links")),
    )
    with op.batch_alter_table("chain_links", schema=None) as batch_op:
        batch_op.create_index("ix_chain_links_company_kind", ["company_id", "kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_links_from_document_id"), ["from_document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_links_partida_id"), ["partida_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_links_to_document_id"), ["to_document_id"], unique=False)

    op.create_table(
        "chain_lots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("partida_id", sa.Integer(), nullable=True),
        sa.Column("pedimento_id", sa.Integer(), nullable=True),
        sa.Column("pedimento_number", sa.String(length=15), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("part_number", sa.String(length=100), nullable=True),
        sa.Column("tariff_code", sa.String(length=10), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("clave", sa.String(length=2), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=24, scale=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.BigInteger(), nullable=False),
        sa.Column("created_rev", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_chain_lots_company_id_companies")),
        sa.ForeignKeyConstraint(
            ["partida_id"], ["chain_partidas.id"], name=op.f("fk_chain_lots_partida_id_chain_partidas")
        ),
        sa.ForeignKeyConstraint(
            ["pedimento_id"],
            ["chain_pedimentos.id"],
            name=op.f("fk_chain_lots_pedimento_id_chain_pedimentos"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_lots")),
        sa.UniqueConstraint("partida_id", name="uq_chain_lots_partida"),
    )
    with op.batch_alter_table("chain_lots", schema=None) as batch_op:
        batch_op.create_index("ix_chain_lots_company_rev", ["company_id", "rev"], unique=False)
        batch_op.create_index("ix_chain_lots_company_start", ["company_id", "start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_lots_pedimento_id"), ["pedimento_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("chain_lots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_lots_pedimento_id"))
        batch_op.drop_index("ix_chain_lots_company_start")
        batch_op.drop_index("ix_chain_lots_company_rev")

    op.drop_table("chain_lots")
    with op.batch_alter_table("chain_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_links_to_document_id"))
        batch_op.drop_index(batch_op.f("ix_chain_links_partida_id"))
        batch_op.drop_index(batch_op.f("ix_chain_links_from_document_id"))
        batch_op.drop_index("ix_chain_links_company_kind")

    op.drop_table("chain_links")
    with op.batch_alter_table("chain_export_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_export_lines_pedimento_id"))
        batch_op.drop_index("ix_chain_export_lines_company_rev")
        batch_op.drop_index("ix_chain_export_lines_company_date")

    op.drop_table("chain_export_lines")
    op.drop_table("chain_partidas")
    op.drop_table("chain_invoice_lines")
    op.drop_table("chain_cfdi_conceptos")
    with op.batch_alter_table("chain_bom_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_bom_lines_version_id"))

    op.drop_table("chain_bom_lines")
    op.drop_table("chain_bl_containers")
    with op.batch_alter_table("chain_uncovered", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_uncovered_run_id"))

    op.drop_table("chain_uncovered")
    with op.batch_alter_table("chain_pedimentos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_pedimentos_pedimento_number"))
        batch_op.drop_index(batch_op.f("ix_chain_pedimentos_company_id"))

    op.drop_table("chain_pedimentos")
    with op.batch_alter_table("chain_invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_invoices_invoice_number"))
        batch_op.drop_index(batch_op.f("ix_chain_invoices_company_id"))

    op.drop_table("chain_invoices")
    with op.batch_alter_table("chain_document_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_chain_document_keys_lookup")
        batch_op.drop_index(batch_op.f("ix_chain_document_keys_document_id"))

    op.drop_table("chain_document_keys")
    with op.batch_alter_table("chain_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_corrections_document_id"))

    op.drop_table("chain_corrections")
    op.drop_table("chain_consumptions")
    with op.batch_alter_table("chain_cfdis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_cfdis_uuid"))
        batch_op.drop_index(batch_op.f("ix_chain_cfdis_company_id"))

    op.drop_table("chain_cfdis")
    with op.batch_alter_table("chain_bom_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_chain_bom_versions_product")

    op.drop_table("chain_bom_versions")
    with op.batch_alter_table("chain_bls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_bls_company_id"))
        batch_op.drop_index(batch_op.f("ix_chain_bls_bl_number"))

    op.drop_table("chain_bls")
    op.drop_table("chain_parts")
    with op.batch_alter_table("chain_discharge_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_discharge_runs_company_id"))

    op.drop_table("chain_discharge_runs")
    op.drop_table("chain_counters")
    with op.batch_alter_table("chain_bom_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_bom_imports_company_id"))

    op.drop_table("chain_bom_imports")
