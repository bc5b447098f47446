"""Resolve stage: mentions become canonical entities; quotes, events and stances get actors."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.kb import AliasEntry, KnowledgeBase
from sitrep.resolve.coref import (
    merge_links,
    resolve_definites,
    resolve_pronouns,
    resolve_roles,
    short_forms,
)  # fmt: skip
from sitrep.resolve.linking import OUTPUT_TYPES, Link, link_names
from sitrep.resolve.records import build_extraction
from sitrep.schema import Extraction, Findings, RawMention

__all__ = ["Link", "link_mentions", "resolve"]


def resolve(
    findings: Findings, kb: KnowledgeBase, extra: dict[str, list[AliasEntry]] | None = None
) -> Extraction:
    """Resolve everything found in one document into records with canonical actors."""
    day = (findings.document.date or "")[:10] or None
    links = link_mentions(findings.mentions, findings.alias_links, kb, day, extra)
    return build_extraction(findings, links, kb, day)


def link_mentions(
    mentions: Sequence[RawMention], alias_links: Sequence[tuple[int, int]], kb: KnowledgeBase,
    day: str | None, extra: dict[str, list[AliasEntry]] | None = None,
) -> dict[int, Link]:  # fmt: skip
    """A link for every mention that can be resolved.

    1. names, seats and demonyms to the knowledge base or local entities;
    2. short names to the full names they repeat;
    3. aliases the text itself declares ("X, also known as Y");
    4. pronouns to their antecedents;
    5. role nouns to office holders ("his spokesman" needs the pronoun first);
    6. definite descriptions ("the ministry") to the body named before.
    """
    links = link_names(mentions, kb, day, extra)  # 1
    links = short_forms(mentions, links)  # 2
    links = merge_links(alias_links, links)  # 3
    links = resolve_pronouns(mentions, links)  # 4
    links = resolve_roles(mentions, links, kb, day)  # 5
    return resolve_definites(mentions, links)  # 6


def output_type(label: str) -> str:
    """The contract's entity type for an NER label (FAC is written FACILITY)."""
    return OUTPUT_TYPES.get(label, label)
