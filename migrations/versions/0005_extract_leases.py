"""Extraction leases: which run or worker holds which thread, until when.

Revision ID: 0005_extract_leases
Revises: 0004_entity_evidence
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_extract_leases"
down_revision: str | None = "0004_entity_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "extract_leases",
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_extract_leases_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_extract_leases")),
    )
    with op.batch_alter_table("extract_leases") as batch_op:
        batch_op.create_index(batch_op.f("ix_extract_leases_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_extract_leases_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("extract_leases") as batch_op:
        batch_op.drop_index(batch_op.f("ix_extract_leases_expires_at"))
        batch_op.drop_index(batch_op.f("ix_extract_leases_owner"))
    op.drop_table("extract_leases")
