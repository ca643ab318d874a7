"""Indexes that let reliability read its graph without reading document texts: copies found by
content hash, and each document's site and author from an index.

Revision ID: 0006_reliability_indexes
Revises: 0005_extract_leases
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_reliability_indexes"
down_revision: str | None = "0005_extract_leases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.create_index("ix_documents_content_hash", ["content_hash"], unique=False)
        batch_op.create_index("ix_documents_site_id_author_name", ["site_id", "author_name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_site_id_author_name")
        batch_op.drop_index("ix_documents_content_hash")
