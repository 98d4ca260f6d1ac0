"""Values the evidence chain needs but cannot read (a pedimento's dates, a partida's quantity...), kept on the
pedimento so that findings name them instead of the chain silently using another value.

Revision ID: 0012
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0008"
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("chain_pedimentos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unusable", JSON_TYPE, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chain_pedimentos", schema=None) as batch_op:
        batch_op.drop_column("unusable")
