"""What a link rests on: the confidence of the rule that made it and the evidence it weighed.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("chain_links") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("evidence", JSON_TYPE, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chain_links") as batch:
        batch.drop_column("evidence")
        batch.drop_column("confidence")
