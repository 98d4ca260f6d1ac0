"""The document list's summary per document (number, issuer, date, amount: sortable and pageable in SQL), filled
for every document already read; and saved views of the list per user and company.

Revision ID: 0015
Revises: 0013
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BATCH = 500

documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("company_id", sa.Integer))
extractions = sa.table(
    "extractions",
    sa.column("id", sa.Integer),
    sa.column("document_id", sa.Integer),
    sa.column("doc_type", sa.String),
    sa.column("result", JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
corrections = sa.table(
    "chain_corrections",
    sa.column("id", sa.Integer),
    sa.column("document_id", sa.Integer),
    sa.column("line_index", sa.Integer),
    sa.column("field", sa.String),
    sa.column("corrected_value", JSON),
)


def upgrade() -> None:
    op.create_table(
        "document_summaries",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=True),
        sa.Column("issuer", sa.String(length=255), nullable=True),
        sa.Column("issuer_key", sa.String(length=255), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_summaries_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_summaries")),
    )
    with op.batch_alter_table("document_summaries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_summaries_company_id"), ["company_id"], unique=False)
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_saved_views_company_id_companies")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_saved_views_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
    )
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_views_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_saved_views_user_id"), ["user_id"], unique=False)
    backfill_summaries()


def backfill_summaries() -> None:
    """A summary for every document read so far: its newest reading with its header corrections on top (as
    ``evidence.summary.refresh`` computes it), in batches of documents."""
    from datetime import UTC, datetime

    from evidence.summary import summary_values

    bind = op.get_bind()
    summaries = sa.table(
        "document_summaries",
        sa.column("document_id", sa.Integer),
        sa.column("company_id", sa.Integer),
        *(sa.column(n, sa.String) for n in ("number", "issuer", "issuer_key", "currency")),
        sa.column("doc_date", sa.Date),
        sa.column("amount", sa.Numeric(20, 4)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    last = 0
    while True:
        docs = bind.execute(
            sa.select(documents.c.id, documents.c.company_id)
            .where(documents.c.id > last)
            .order_by(documents.c.id)
            .limit(BATCH)
        ).all()
        if not docs:
            return
        last = docs[-1].id
        ids = [d.id for d in docs]
        newest: dict[int, Any] = {}
        for row in bind.execute(
            sa.select(extractions.c.document_id, extractions.c.doc_type, extractions.c.result)
            .where(extractions.c.document_id.in_(ids))
            .order_by(extractions.c.created_at, extractions.c.id)
        ):
            newest[row.document_id] = row
        fixed: dict[int, dict[str, Any]] = {}
        for row in bind.execute(
            sa.select(corrections.c.document_id, corrections.c.field, corrections.c.corrected_value)
            .where(corrections.c.document_id.in_(ids), corrections.c.line_index.is_(None))
            .order_by(corrections.c.id)
        ):
            if row.field != "doc_type":
                fixed.setdefault(row.document_id, {})[row.field] = row.corrected_value
        now = datetime.now(UTC)
        rows = []
        for doc in docs:
            reading = newest.get(doc.id)
            if reading is None:
                continue
            result = reading.result if isinstance(reading.result, dict) else {}
            fields = {
                k: (v.get("value") if isinstance(v, dict) else v) for k, v in (result.get("fields") or {}).items()
            }
            fields.update(fixed.get(doc.id, {}))
            doc_type = str(result.get("doc_type") or reading.doc_type)
            rows.append(
                {"document_id": doc.id, "company_id": doc.company_id, "updated_at": now}
                | summary_values(doc_type, fields)
            )
        if rows:
            bind.execute(summaries.insert(), rows)


def downgrade() -> None:
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_views_user_id"))
        batch_op.drop_index(batch_op.f("ix_saved_views_company_id"))
    op.drop_table("saved_views")
    with op.batch_alter_table("document_summaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_summaries_company_id"))
    op.drop_table("document_summaries")
