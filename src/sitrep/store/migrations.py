"""Ordered, named schema migrations; the store records which ones it has applied."""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    """One schema change: its version, a name, and the SQL it runs."""

    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, extracted records and near-duplicate fingerprints", """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            text VARCHAR NOT NULL,
            published VARCHAR,
            published_date DATE,
            published_estimated BOOLEAN NOT NULL DEFAULT false,
            source VARCHAR,
            url VARCHAR,
            language VARCHAR,
            origin VARCHAR,
            cluster_id VARCHAR,
            fetched_at VARCHAR,
            extracted BOOLEAN NOT NULL DEFAULT false,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE fingerprints (
            doc_id VARCHAR PRIMARY KEY,
            signature BLOB NOT NULL
        );
        CREATE TABLE lsh_bands (
            band_key BIGINT NOT NULL,
            doc_id VARCHAR NOT NULL
        );
        CREATE TABLE entities (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            kb_id VARCHAR,
            country VARCHAR,
            code VARCHAR,
            kind VARCHAR,
            lat DOUBLE,
            lon DOUBLE
        );
        CREATE TABLE entity_aliases (
            entity_id VARCHAR NOT NULL,
            alias VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            discovered BOOLEAN NOT NULL DEFAULT false
        );
        CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            entity_id VARCHAR,
            label VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            sentence_start INTEGER,
            sentence_end INTEGER
        );
        CREATE TABLE quotes (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            speaker VARCHAR,
            speaker_id VARCHAR,
            cue VARCHAR,
            medium VARCHAR,
            sentence_start INTEGER,
            sentence_end INTEGER,
            topics VARCHAR[]
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            trigger VARCHAR,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            sentence VARCHAR,
            sentence_start INTEGER,
            sentence_end INTEGER,
            source VARCHAR,
            source_id VARCHAR,
            source_code VARCHAR,
            target VARCHAR,
            target_id VARCHAR,
            target_code VARCHAR,
            location VARCHAR,
            location_id VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            date VARCHAR,
            modality VARCHAR NOT NULL,
            negated BOOLEAN NOT NULL,
            cameo VARCHAR,
            goldstein DOUBLE
        );
        CREATE TABLE stances (
            doc_id VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            source_id VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            target_id VARCHAR NOT NULL,
            stance DOUBLE NOT NULL,
            evidence INTEGER[][],
            date VARCHAR
        );
        CREATE TABLE times (
            doc_id VARCHAR NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            value VARCHAR,
            precision VARCHAR
        );
    """),
    Migration(2, "feed watcher state: validators, back-off and seen entries", """
        CREATE TABLE feed_state (
            feed_url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            last_poll TIMESTAMP,
            last_error VARCHAR,
            failures INTEGER NOT NULL DEFAULT 0,
            next_poll TIMESTAMP
        );
        CREATE TABLE feed_entries (
            entry_url VARCHAR PRIMARY KEY,
            feed_url VARCHAR NOT NULL,
            doc_id VARCHAR,
            seen_at TIMESTAMP NOT NULL
        );
    """),
    Migration(3, "estimated publication dates", """
        ALTER TABLE documents ADD COLUMN estimated_published VARCHAR;
    """),
    Migration(4, "stories: documents grouped over days, their centroids and feature counts", """
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            label VARCHAR NOT NULL,
            first_date DATE NOT NULL,
            last_date DATE NOT NULL,
            articles INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE story_documents (
            doc_id VARCHAR PRIMARY KEY,
            story_id VARCHAR NOT NULL,
            counted BOOLEAN NOT NULL,
            similarity DOUBLE
        );
        CREATE TABLE story_features (
            story_id VARCHAR NOT NULL,
            feature VARCHAR NOT NULL,
            weight DOUBLE NOT NULL
        );
        CREATE TABLE story_feature_counts (
            feature VARCHAR PRIMARY KEY,
            documents INTEGER NOT NULL
        );
    """),
    Migration(5, "corroboration: occurrences, their event mentions and accounts, provenance", """
        CREATE TABLE occurrences (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            date VARCHAR,
            precision VARCHAR,
            source VARCHAR,
            source_id VARCHAR,
            target VARCHAR,
            target_id VARCHAR,
            location VARCHAR,
            location_id VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            disputed BOOLEAN NOT NULL DEFAULT false,
            first_event_id VARCHAR NOT NULL,
            first_doc_id VARCHAR NOT NULL,
            first_reported VARCHAR,
            first_outlet VARCHAR,
            n_mentions INTEGER NOT NULL,
            n_reports INTEGER NOT NULL,
            n_independent_sources INTEGER NOT NULL,
            outlets VARCHAR[],
            updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE occurrence_events (
            event_id VARCHAR PRIMARY KEY,
            occurrence_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            reported VARCHAR,
            reported_date DATE,
            outlet VARCHAR,
            origin VARCHAR NOT NULL,
            date_start DATE,
            date_end DATE,
            precision VARCHAR
        );
        CREATE TABLE accounts (
            occurrence_id VARCHAR NOT NULL,
            event_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            value VARCHAR NOT NULL,
            number DOUBLE,
            qualifier VARCHAR,
            actor_id VARCHAR,
            outlet VARCHAR,
            origin VARCHAR,
            reported VARCHAR,
            reported_date DATE,
            char_start INTEGER,
            char_end INTEGER
        );
        CREATE TABLE provenance (
            doc_id VARCHAR PRIMARY KEY,
            outlet VARCHAR,
            outlet_key VARCHAR NOT NULL,
            origin VARCHAR NOT NULL,
            via VARCHAR NOT NULL,
            reported VARCHAR
        );
        CREATE TABLE attributions (
            doc_id VARCHAR NOT NULL,
            outlet VARCHAR NOT NULL,
            outlet_key VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            cue VARCHAR,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL
        );
    """),
    Migration(6, "mentions per actor, kept up to date with every write of mentions", """
        CREATE TABLE entity_mentions (
            entity_id VARCHAR PRIMARY KEY,
            mentions BIGINT NOT NULL
        );
        INSERT INTO entity_mentions
            SELECT entity_id, count(*) FROM mentions WHERE entity_id IS NOT NULL
            GROUP BY entity_id;
    """),
)  # fmt: skip

SCHEMA_VERSION = MIGRATIONS[-1].version
