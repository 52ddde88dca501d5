"""Initial schema: documents, mentions, statements, incidents, agreements, assessments, audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("raw_hash", sa.String(64), nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("publisher", sa.String(200), nullable=False),
        sa.Column("affiliation", sa.String(40), nullable=False),
        sa.Column("party_id", sa.String(20)),
        sa.Column("published_at", sa.String(40)),
        sa.Column("retrieved_at", TZ, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("media_type", sa.String(80), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("syndicated_with", sa.String(64)),
        sa.Column("extracted_at", TZ),
        sa.Column("extract_error", sa.Text),
    )
    op.create_index("ix_documents_extracted_at", "documents", ["extracted_at"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_table(
        "statements",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
    )
    op.create_index("ix_statements_document_id", "statements", ["document_id"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("date_start", sa.String(10)),
        sa.Column("event_type", sa.String(80)),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_index("ix_incidents_date_start", "incidents", ["date_start"])
    op.create_table(
        "incident_mentions",
        sa.Column("incident_id", sa.String(64), sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("mention_id", sa.String(100), sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
        sa.UniqueConstraint("mention_id", name="uq_incident_mentions_mention"),
    )
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("loaded_at", TZ, nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(64), sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("agreement_id", sa.String(100), nullable=False),
        sa.Column("commitment_id", sa.String(100), nullable=False),
        sa.Column("reading", sa.String(40), nullable=False),
        sa.Column("verdict", sa.String(30), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("major", sa.Boolean, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("reviewer", sa.String(200)),
        sa.Column("rationale", sa.Text),
        sa.Column("decided_at", TZ),
        sa.Column("lock_version", sa.Integer, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.UniqueConstraint("incident_id", "agreement_id", "commitment_id", "reading", name="uq_assessment_key"),
    )
    op.create_index("ix_assessments_incident_id", "assessments", ["incident_id"])
    op.create_index("ix_assessments_status", "assessments", ["status"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )


def downgrade() -> None:
    for table in ("audit_log", "assessments", "agreements", "incident_mentions", "incidents", "statements",
                  "mentions", "documents"):
        op.drop_table(table)
