"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 23:19:01.949070
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_actors'))
    )
    op.create_table('documents',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('published_day', sa.Date(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_language'), ['language'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_published_day'), ['published_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_role'), ['role'], unique=False)

    op.create_table('actor_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('mention', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_actor_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['name'], ['actors.name'], name=op.f('fk_actor_mentions_name_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_mentions'))
    )
    with op.batch_alter_table('actor_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_mentions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_mentions_name'), ['name'], unique=False)

    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('mention', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('name_ar', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('admin2', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('gazetteer_id', sa.String(length=64), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_places_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_admin1'), ['admin1'], unique=False)
        batch_op.create_index(batch_op.f('ix_places_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_places_document_id'), ['document_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('mention', sa.Text(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_sources_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sources_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_sources_role'), ['role'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('event_type', sa.String(length=40), nullable=False),
    sa.Column('sub_event_type', sa.String(length=80), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('date_span_start', sa.Integer(), nullable=True),
    sa.Column('date_span_end', sa.Integer(), nullable=True),
    sa.Column('actor1_id', sa.Integer(), nullable=True),
    sa.Column('actor2_id', sa.Integer(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('fatalities_low', sa.Float(), nullable=True),
    sa.Column('fatalities_best', sa.Float(), nullable=True),
    sa.Column('fatalities_high', sa.Float(), nullable=True),
    sa.Column('fatalities_qualifier', sa.String(length=16), nullable=True),
    sa.Column('fatalities_text', sa.Text(), nullable=True),
    sa.Column('fatalities_span_start', sa.Integer(), nullable=True),
    sa.Column('fatalities_span_end', sa.Integer(), nullable=True),
    sa.Column('injured_low', sa.Float(), nullable=True),
    sa.Column('injured_best', sa.Float(), nullable=True),
    sa.Column('injured_high', sa.Float(), nullable=True),
    sa.Column('injured_qualifier', sa.String(length=16), nullable=True),
    sa.Column('injured_text', sa.Text(), nullable=True),
    sa.Column('injured_span_start', sa.Integer(), nullable=True),
    sa.Column('injured_span_end', sa.Integer(), nullable=True),
    sa.Column('claimed_by_name', sa.Text(), nullable=True),
    sa.Column('claimed_by_mention', sa.Text(), nullable=True),
    sa.Column('claimed_by_channel', sa.Text(), nullable=True),
    sa.Column('claimed', sa.Boolean(), nullable=False),
    sa.Column('claimed_by_span_start', sa.Integer(), nullable=True),
    sa.Column('claimed_by_span_end', sa.Integer(), nullable=True),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['actor1_id'], ['actor_mentions.id'], name=op.f('fk_events_actor1_id_actor_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['actor2_id'], ['actor_mentions.id'], name=op.f('fk_events_actor2_id_actor_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_events_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['location_id'], ['places.id'], name=op.f('fk_events_location_id_places'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reported_by_id'], ['sources.id'], name=op.f('fk_events_reported_by_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_claimed_by_name'), ['claimed_by_name'], unique=False)
        batch_op.create_index('ix_events_date', ['date_start', 'date_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event_type'), ['event_type'], unique=False)

    op.create_table('tallies',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('quantity_low', sa.Float(), nullable=True),
    sa.Column('quantity_best', sa.Float(), nullable=True),
    sa.Column('quantity_high', sa.Float(), nullable=True),
    sa.Column('quantity_qualifier', sa.String(length=16), nullable=True),
    sa.Column('quantity_text', sa.Text(), nullable=True),
    sa.Column('quantity_span_start', sa.Integer(), nullable=True),
    sa.Column('quantity_span_end', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('claimed', sa.Boolean(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('period_precision', sa.String(length=8), nullable=True),
    sa.Column('period_span_start', sa.Integer(), nullable=True),
    sa.Column('period_span_end', sa.Integer(), nullable=True),
    sa.Column('attributed_to_id', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor_mentions.id'], name=op.f('fk_tallies_actor_id_actor_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['attributed_to_id'], ['sources.id'], name=op.f('fk_tallies_attributed_to_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_tallies_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['places.id'], name=op.f('fk_tallies_region_id_places'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['actor_mentions.id'], name=op.f('fk_tallies_target_id_actor_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tallies'))
    )
    with op.batch_alter_table('tallies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tallies_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_tallies_period', ['period_start', 'period_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_tallies_unit'), ['unit'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('tally_id', sa.String(length=64), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_evidence_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_evidence_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tally_id'], ['tallies.id'], name=op.f('fk_evidence_tally_id_tallies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_tally_id'), ['tally_id'], unique=False)

    op.create_table('figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('fatalities_low', sa.Float(), nullable=True),
    sa.Column('fatalities_best', sa.Float(), nullable=True),
    sa.Column('fatalities_high', sa.Float(), nullable=True),
    sa.Column('fatalities_qualifier', sa.String(length=16), nullable=True),
    sa.Column('fatalities_text', sa.Text(), nullable=True),
    sa.Column('fatalities_span_start', sa.Integer(), nullable=True),
    sa.Column('fatalities_span_end', sa.Integer(), nullable=True),
    sa.Column('injured_low', sa.Float(), nullable=True),
    sa.Column('injured_best', sa.Float(), nullable=True),
    sa.Column('injured_high', sa.Float(), nullable=True),
    sa.Column('injured_qualifier', sa.String(length=16), nullable=True),
    sa.Column('injured_text', sa.Text(), nullable=True),
    sa.Column('injured_span_start', sa.Integer(), nullable=True),
    sa.Column('injured_span_end', sa.Integer(), nullable=True),
    sa.Column('casualties_low', sa.Float(), nullable=True),
    sa.Column('casualties_best', sa.Float(), nullable=True),
    sa.Column('casualties_high', sa.Float(), nullable=True),
    sa.Column('casualties_qualifier', sa.String(length=16), nullable=True),
    sa.Column('casualties_text', sa.Text(), nullable=True),
    sa.Column('casualties_span_start', sa.Integer(), nullable=True),
    sa.Column('casualties_span_end', sa.Integer(), nullable=True),
    sa.Column('attributed_to_id', sa.Integer(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['attributed_to_id'], ['sources.id'], name=op.f('fk_figures_attributed_to_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_figures_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figures'))
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figures_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_event_id'))

    op.drop_table('figures')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_tally_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_event_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_document_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('tallies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tallies_unit'))
        batch_op.drop_index('ix_tallies_period')
        batch_op.drop_index(batch_op.f('ix_tallies_document_id'))

    op.drop_table('tallies')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_event_type'))
        batch_op.drop_index(batch_op.f('ix_events_document_id'))
        batch_op.drop_index('ix_events_date')
        batch_op.drop_index(batch_op.f('ix_events_claimed_by_name'))

    op.drop_table('events')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_role'))
        batch_op.drop_index(batch_op.f('ix_sources_name'))
        batch_op.drop_index(batch_op.f('ix_sources_document_id'))

    op.drop_table('sources')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_document_id'))
        batch_op.drop_index(batch_op.f('ix_places_country'))
        batch_op.drop_index(batch_op.f('ix_places_admin1'))

    op.drop_table('places')
    with op.batch_alter_table('actor_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_mentions_name'))
        batch_op.drop_index(batch_op.f('ix_actor_mentions_document_id'))

    op.drop_table('actor_mentions')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_role'))
        batch_op.drop_index(batch_op.f('ix_documents_published_day'))
        batch_op.drop_index(batch_op.f('ix_documents_outlet'))
        batch_op.drop_index(batch_op.f('ix_documents_language'))

    op.drop_table('documents')
    op.drop_table('actors')
