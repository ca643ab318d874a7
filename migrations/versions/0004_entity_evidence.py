"""Entity decisions that can be retyped (with the spans they retyped) and withdrawn, aliases the
text states, and the evidence behind every join of two mentions.

Revision ID: 0004_entity_evidence
Revises: 0002 (to be re-pointed at 0003_statements when that lands)
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_entity_evidence"
down_revision: str | None = "0003_statements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entity_decisions") as batch_op:
        batch_op.add_column(sa.Column("entity_type", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("previous_type", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("target_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by_id", sa.Integer(), nullable=True))

    op.create_table(
        "retyped_spans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["entity_decisions.id"], name=op.f("fk_retyped_spans_decision_id_entity_decisions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_retyped_spans_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retyped_spans")),
    )
    with op.batch_alter_table("retyped_spans") as batch_op:
        batch_op.create_index(batch_op.f("ix_retyped_spans_decision_id"), ["decision_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_retyped_spans_document_id"), ["document_id"], unique=False)

    op.create_table(
        "mention_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("mention_a_id", sa.Integer(), nullable=False),
        sa.Column("mention_b_id", sa.Integer(), nullable=False),
        sa.Column("cue", sa.String(length=64), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_mention_aliases_document_id_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_a_id"], ["mentions.id"], name=op.f("fk_mention_aliases_mention_a_id_mentions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_b_id"], ["mentions.id"], name=op.f("fk_mention_aliases_mention_b_id_mentions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention_aliases")),
        sa.UniqueConstraint("mention_a_id", "mention_b_id", name=op.f("uq_mention_aliases_mention_a_id_mention_b_id")),
    )
    with op.batch_alter_table("mention_aliases") as batch_op:
        batch_op.create_index(batch_op.f("ix_mention_aliases_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_aliases_mention_b_id"), ["mention_b_id"], unique=False)

    op.create_table(
        "join_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention_a_id", sa.Integer(), nullable=False),
        sa.Column("mention_b_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("name_score", sa.Float(), nullable=True),
        sa.Column("context_score", sa.Float(), nullable=True),
        sa.Column("shared_context", sa.Text(), nullable=True),
        sa.Column("blocking_key", sa.String(length=512), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("alias_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["mention_a_id"], ["mentions.id"], name=op.f("fk_join_evidence_mention_a_id_mentions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_b_id"], ["mentions.id"], name=op.f("fk_join_evidence_mention_b_id_mentions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_evidence")),
    )
    with op.batch_alter_table("join_evidence") as batch_op:
        batch_op.create_index(batch_op.f("ix_join_evidence_mention_a_id"), ["mention_a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_join_evidence_mention_b_id"), ["mention_b_id"], unique=False)


def downgrade() -> None:
    op.drop_table("join_evidence")
    op.drop_table("mention_aliases")
    op.drop_table("retyped_spans")
    with op.batch_alter_table("entity_decisions") as batch_op:
        batch_op.drop_column("withdrawn_by_id")
        batch_op.drop_column("target_id")
        batch_op.drop_column("previous_type")
        batch_op.drop_column("entity_type")
