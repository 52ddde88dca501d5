"""Alerts: who resolved an alert, when, and why (open -> acknowledged -> resolved).

Revision ID: 0003_alert_resolution
Revises: 0002_ingest
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_alert_resolution"
down_revision = "0002_ingest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:  # batch: SQLite cannot alter tables in place
        batch.add_column(sa.Column("resolved_by", sa.String(200)))
        batch.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("resolution", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("resolution")
        batch.drop_column("resolved_at")
        batch.drop_column("resolved_by")
