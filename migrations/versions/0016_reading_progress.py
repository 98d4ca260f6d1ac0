"""How far the reading of a document has got (stage, pages done of pages total), for the upload page.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("progress_stage", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("pages_done", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("pages_total", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("pages_total")
        batch.drop_column("pages_done")
        batch.drop_column("progress_stage")
