"""Places: entities and events with stored coordinates, for the map."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.query.events import UNREALISED
from sitrep.query.filters import RECORD_DAY, Where
from sitrep.store import Store

DAY = RECORD_DAY.format(record="e")


def located_entities(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """Entities with coordinates, most mentioned first."""
    return store.query(
        """WITH e AS (SELECT * FROM entities WHERE lat IS NOT NULL AND lon IS NOT NULL)
           SELECT e.id, e.name, e.type, e.kind, e.country, e.lat, e.lon,
                  coalesce(m.mentions, 0) AS mentions
           FROM e LEFT JOIN entity_mentions m ON m.entity_id = e.id
           ORDER BY mentions DESC, e.name, e.id LIMIT ?""",
        [limit],
    )


def located_events(
    store: Store,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Events that happened somewhere with coordinates, newest first (realised ones only)."""
    where = Where()
    where.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    where.add("NOT e.negated AND NOT list_contains(?, e.modality)", list(UNREALISED))
    if actor:
        where.add("e.source_id = ? OR e.target_id = ?", actor, actor)
    where.dates(DAY, since, until)
    return store.query(
        f"""SELECT e.id, e.doc_id, e.type, e.source, e.source_id, e.target, e.target_id,
                   e.location, e.location_id, e.lat, e.lon, e.modality, e.sentence,
                   {DAY} AS day
            FROM events e JOIN documents d ON d.id = e.doc_id
            WHERE {where.sql()} ORDER BY day DESC NULLS LAST, e.id LIMIT ?""",
        [*where.params, limit],
    )
