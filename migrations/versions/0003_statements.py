"""statements: claims grouped as one statement with its references; links between statements

Corroborating and repeating claims become references of one statement instead of pairs of
links, so links grow with statements, not with the square of the claims about a subject.
Existing claims get their statement at the next `claimline reconcile` (claims with no
statement are what it groups); reviewed links are kept.

Revision ID: 0003_statements
Revises: 0002
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_statements"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_entity_id", sa.Integer(), nullable=True),
        sa.Column("predicate", sa.String(length=32), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("head_claim_id", sa.Integer(), nullable=True),
        sa.Column("edtf", sa.String(length=128), nullable=True),
        sa.Column("earliest", sa.Date(), nullable=True),
        sa.Column("latest", sa.Date(), nullable=True),
        sa.Column("reference_count", sa.Integer(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["subject_entity_id"], ["entities.id"],
                                name=op.f("fk_statements_subject_entity_id_entities"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    with op.batch_alter_table("statements") as batch_op:
        batch_op.create_index("ix_statements_subject_entity_id_predicate", ["subject_entity_id", "predicate"])
    with op.batch_alter_table("claims") as batch_op:
        batch_op.add_column(sa.Column("statement_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_claims_statement_id_statements"), "statements",
                                    ["statement_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(op.f("ix_claims_statement_id"), ["statement_id"])
    with op.batch_alter_table("claim_links") as batch_op:
        batch_op.add_column(sa.Column("a_statement_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("b_statement_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_claim_links_a_statement_id_statements"), "statements",
                                    ["a_statement_id"], ["id"], ondelete="SET NULL")
        batch_op.create_foreign_key(op.f("fk_claim_links_b_statement_id_statements"), "statements",
                                    ["b_statement_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(op.f("ix_claim_links_a_statement_id"), ["a_statement_id"])
        batch_op.create_index(op.f("ix_claim_links_b_statement_id"), ["b_statement_id"])


def downgrade() -> None:
    with op.batch_alter_table("claim_links") as batch_op:
        batch_op.drop_index(op.f("ix_claim_links_b_statement_id"))
        batch_op.drop_index(op.f("ix_claim_links_a_statement_id"))
        batch_op.drop_constraint(op.f("fk_claim_links_b_statement_id_statements"), type_="foreignkey")
        batch_op.drop_constraint(op.f("fk_claim_links_a_statement_id_statements"), type_="foreignkey")
        batch_op.drop_column("b_statement_id")
        batch_op.drop_column("a_statement_id")
    with op.batch_alter_table("claims") as batch_op:
        batch_op.drop_index(op.f("ix_claims_statement_id"))
        batch_op.drop_constraint(op.f("fk_claims_statement_id_statements"), type_="foreignkey")
        batch_op.drop_column("statement_id")
    with op.batch_alter_table("statements") as batch_op:
        batch_op.drop_index("ix_statements_subject_entity_id_predicate")
    op.drop_table("statements")
