"""mail: drop addresses, allowed senders, received messages and their documents, IMAP mailbox state

Revision ID: 0004
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "mail_drop_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_mail_drop_addresses_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_drop_addresses")),
        sa.UniqueConstraint("address", name=op.f("uq_mail_drop_addresses_address")),
    )
    with op.batch_alter_table("mail_drop_addresses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_drop_addresses_company_id"), ["company_id"], unique=False)

    op.create_table(
        "mail_allowed_senders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("pattern", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_mail_allowed_senders_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_allowed_senders")),
        sa.UniqueConstraint("company_id", "pattern", name="uq_mail_allowed_senders_company_pattern"),
    )
    with op.batch_alter_table("mail_allowed_senders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_allowed_senders_company_id"), ["company_id"], unique=False)

    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("object_key", sa.String(length=200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=True),
        sa.Column("envelope_sender", sa.String(length=320), nullable=True),
        sa.Column("recipients", JSON_TYPE, nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("mail_date", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_code", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("documents", JSON_TYPE, nullable=False),
        sa.Column("outcomes", JSON_TYPE, nullable=False),
        sa.Column("defects", JSON_TYPE, nullable=False),
        sa.Column("quarantine_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_mail_messages_company_id_companies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint("company_id", "sha256", name="uq_mail_messages_company_sha256"),
    )
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_messages_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_messages_message_id"), ["message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_messages_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_messages_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_messages_status"), ["status"], unique=False)

    op.create_table(
        "mail_message_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attachment_path", sa.String(length=1000), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_pk"],
            ["mail_messages.id"],
            name=op.f("fk_mail_message_documents_message_pk_mail_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_mail_message_documents_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_message_documents")),
        sa.UniqueConstraint("message_pk", "attachment_path", name="uq_mail_message_documents_message_path"),
    )
    with op.batch_alter_table("mail_message_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_message_documents_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_message_documents_message_pk"), ["message_pk"], unique=False)

    op.create_table(
        "mail_imap_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_imap_state")),
        sa.UniqueConstraint("mailbox", name=op.f("uq_mail_imap_state_mailbox")),
    )


def downgrade() -> None:
    op.drop_table("mail_imap_state")
    with op.batch_alter_table("mail_message_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_message_documents_message_pk"))
        batch_op.drop_index(batch_op.f("ix_mail_message_documents_document_id"))
    op.drop_table("mail_message_documents")
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_messages_status"))
        batch_op.drop_index(batch_op.f("ix_mail_messages_sha256"))
        batch_op.drop_index(batch_op.f("ix_mail_messages_received_at"))
        batch_op.drop_index(batch_op.f("ix_mail_messages_message_id"))
        batch_op.drop_index(batch_op.f("ix_mail_messages_company_id"))
    op.drop_table("mail_messages")
    with op.batch_alter_table("mail_allowed_senders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_allowed_senders_company_id"))
    op.drop_table("mail_allowed_senders")
    with op.batch_alter_table("mail_drop_addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_drop_addresses_company_id"))
    op.drop_table("mail_drop_addresses")
