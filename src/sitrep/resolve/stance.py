"""Stance: how each actor stands toward another in one document, from events and quotes."""

from __future__ import annotations

from sitrep.resolve.linking import Link
from sitrep.schema import Entity, Event, Findings, Quote, Stance


def document_stances(
    doc_id: str, events: tuple[Event, ...], quotes: tuple[Quote, ...], findings: Findings,
    links: dict[int, Link], names: dict[str, Entity], day: str | None,
) -> tuple[Stance, ...]:  # fmt: skip
    """Directed stance scores in [-1, 1] with their evidence spans."""
    return ()
