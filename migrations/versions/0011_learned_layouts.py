"""learned layouts: a company's layout memory per issuer, its versions and the readings made with it

Revision ID: 0011
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0011"
down_revision = "0012"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "learned_layouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=30), nullable=False),
        sa.Column("issuer_key", sa.String(length=255), nullable=False),
        sa.Column("issuer_name", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rules", JSON, nullable=False),
        sa.Column("source_documents", JSON, nullable=False),
        sa.Column("stats", JSON, nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("flag_reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=320), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_learned_layouts_company_id_companies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learned_layouts")),
    )
    with op.batch_alter_table("learned_layouts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learned_layouts_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_learned_layouts_issuer_key"), ["issuer_key"], unique=False)
    op.create_table(
        "learned_layout_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layout_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rules", JSON, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_learned_layout_versions_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["layout_id"], ["learned_layouts.id"], name=op.f("fk_learned_layout_versions_layout_id_learned_layouts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learned_layout_versions")),
        sa.UniqueConstraint("layout_id", "version", name="uq_learned_layout_versions_layout_version"),
    )
    with op.batch_alter_table("learned_layout_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learned_layout_versions_layout_id"), ["layout_id"], unique=False)
    op.create_table(
        "learned_readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layout_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=False),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_learned_readings_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["extraction_id"], ["extractions.id"], name=op.f("fk_learned_readings_extraction_id_extractions")
        ),
        sa.ForeignKeyConstraint(
            ["layout_id"], ["learned_layouts.id"], name=op.f("fk_learned_readings_layout_id_learned_layouts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learned_readings")),
    )
    with op.batch_alter_table("learned_readings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learned_readings_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_learned_readings_layout_id"), ["layout_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("learned_readings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learned_readings_layout_id"))
        batch_op.drop_index(batch_op.f("ix_learned_readings_document_id"))
    op.drop_table("learned_readings")
    with op.batch_alter_table("learned_layout_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learned_layout_versions_layout_id"))
    op.drop_table("learned_layout_versions")
    with op.batch_alter_table("learned_layouts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learned_layouts_issuer_key"))
        batch_op.drop_index(batch_op.f("ix_learned_layouts_company_id"))
    op.drop_table("learned_layouts")
