"""Indexes for the lookups every saved comment makes: by permalink, and children waiting for a parent.

Without them each new comment scanned its whole site, which grows quadratically on big blogs.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.create_index("ix_documents_site_id_permalink", ["site_id", "permalink"])
        batch_op.create_index("ix_documents_site_id_parent_key", ["site_id", "parent_key"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_site_id_parent_key")
        batch_op.drop_index("ix_documents_site_id_permalink")
