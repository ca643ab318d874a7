"""Review presence: who has a claim link open for review, last seen when (a heartbeat in the
store, so reviewers on several `claimline serve` processes see each other).

Revision ID: 0007_review_presence
Revises: 0006_reliability_indexes
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_review_presence"
down_revision: str | None = "0006_reliability_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_presence",
        sa.Column("link_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reviewer", sa.String(length=256), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["link_id"], ["claim_links.id"],
                                name=op.f("fk_review_presence_link_id_claim_links"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("link_id", "reviewer", name=op.f("pk_review_presence")),
    )
    with op.batch_alter_table("review_presence") as batch_op:
        batch_op.create_index(batch_op.f("ix_review_presence_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_presence") as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_presence_seen_at"))
    op.drop_table("review_presence")
