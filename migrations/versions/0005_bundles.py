"""bundles: bundle jobs (scope, progress, where the finished zip is kept)

Revision ID: 0005
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bundle_jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("scope_kind", sa.String(length=12), nullable=False),
        sa.Column("scope_value", sa.String(length=60), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=True),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("object_key", sa.String(length=200), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("file_count", sa.Integer(), nullable=True),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_bundle_jobs_company_id_companies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_jobs")),
    )
    with op.batch_alter_table("bundle_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bundle_jobs_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bundle_jobs_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bundle_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bundle_jobs_status"))
        batch_op.drop_index(batch_op.f("ix_bundle_jobs_company_id"))
    op.drop_table("bundle_jobs")
