"""Ingest: document signatures and provenance, the near-duplicate band index, feed polling state.

Revision ID: 0002_ingest
Revises: 0002_review (chained after the review migration so the history has one head)
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_ingest"
down_revision = "0002_review"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("documents", sa.Column("signature", sa.LargeBinary))
    op.add_column("documents", sa.Column("provenance", sa.JSON))
    op.create_index("ix_documents_syndicated_with", "documents", ["syndicated_with"])
    op.create_table(
        "document_bands",
        sa.Column("band", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "feed_state",
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("last_polled_at", TZ),
        sa.Column("last_ok_at", TZ),
        sa.Column("next_poll_at", TZ),
        sa.Column("entries", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_state")
    op.drop_table("document_bands")
    op.drop_index("ix_documents_syndicated_with", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("provenance")
        batch.drop_column("signature")
