"""Actors: lists and filters, one actor's names, roles and counts, and resolving any alias."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import NotFoundError
from sitrep.query.actors import get_actor, list_actors, resolve_actor
from tests.api.fixtures import BOGDANOV_ID, DAMASCUS


def ids(rows):
    return [row["id"] for row in rows]


def test_actors_are_ordered_by_mentions_then_name(store, kb):
    rows = list_actors(store, kb)
    assert len(rows) == 20
    counts = [row["mentions"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert ids(rows)[:3] == ["ahmed-al-sharaa", "SYR", "RUS"]  # 9, 9, 8: ties by name
    assert set(rows[0]) >= {"id", "name", "type", "country", "kb_id", "mentions"}


def test_type_and_country_filters(store, kb):
    assert set(ids(list_actors(store, kb, type="person", country="syr"))) == {
        "ahmed-al-sharaa", "bashar-al-assad",
    }  # fmt: skip
    assert ids(list_actors(store, kb, type="FACILITY")) == [
        "khmeimim-air-base",
        "tartus-naval-base",
    ]
    assert list_actors(store, kb, country="FRA") == []


@pytest.mark.parametrize(
    "q", ["Jolani", "jolani", "Sharaa", "Abu Mohammad al-Golani", "ahmed-al-sharaa"]
)
def test_name_query_matches_stored_and_kb_aliases(store, kb, q):
    assert "ahmed-al-sharaa" in ids(list_actors(store, kb, q=q))


def test_name_query_escapes_like_wildcards(store, kb):
    assert list_actors(store, kb, q="%") == []
    assert list_actors(store, kb, q="_") == []


def test_limit_and_offset_page_through_actors(store, kb):
    everyone = ids(list_actors(store, kb))
    assert ids(list_actors(store, kb, limit=5, offset=5)) == everyone[5:10]


def test_one_actor_has_kb_roles_aliases_counts_and_dates(store, kb):
    actor = get_actor(store, kb, "ahmed-al-sharaa")
    assert (actor["name"], actor["type"], actor["country"]) == ("Ahmed al-Sharaa", "PERSON", "SYR")
    assert ("leader", "Hay'at Tahrir al-Sham") in [
        (r["title"], r["of_name"]) for r in actor["roles"]
    ]
    seen = {a["name"]: a for a in actor["aliases"] if a["documents"]}
    assert set(seen) == {
        "Abu Mohammad Al Jolani",
        "Al Sharaa",
        "Jolani",
        "Ahmed al-Sharaa",
        "Al-Sharaa",
    }
    assert seen["Jolani"]["in_kb"] and seen["Al Sharaa"]["in_kb"]  # a derived KB form
    known_only = [a["name"] for a in actor["aliases"] if not a["documents"]]
    assert "Ahmed Hussein al-Sharaa" in known_only
    assert "Abu Mohammad al-Jolani" not in known_only  # same name as a seen one, once
    assert (actor["mentions"], actor["quotes"], actor["events"], actor["documents"]) == (9, 4, 3, 2)
    assert (actor["first_seen"], actor["last_seen"]) == (date(2024, 12, 29), date(2025, 1, 28))


def test_actor_outside_the_kb_has_stored_names_only(store, kb):
    actor = get_actor(store, kb, BOGDANOV_ID)
    assert actor["roles"] == [] and actor["kb_id"] is None
    assert actor["aliases"] == [
        {"name": "Mikhail Bogdanov", "documents": 1, "discovered": False, "in_kb": False}
    ]


def test_unknown_actor_id_is_not_found(store, kb):
    with pytest.raises(NotFoundError, match="no actor with id 'nobody'"):
        get_actor(store, kb, "nobody")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jolani", "ahmed-al-sharaa"),
        ("  JOLANI ", "ahmed-al-sharaa"),
        ("al sharaa", "ahmed-al-sharaa"),
        ("Abu Mohammad al-Golani", "ahmed-al-sharaa"),  # a KB spelling the store never saw
        ("ahmed-al-sharaa", "ahmed-al-sharaa"),  # an id
        ("Kremlin", "RUS"),  # a KB seat of government
        ("mikhail bogdanov", BOGDANOV_ID),  # only in the store, any case
        ("Syrian rebel groups", None),
        (DAMASCUS, DAMASCUS),
        ("HTS", "hayat-tahrir-al-sham"),
    ],
)
def test_resolve_accepts_any_alias(store, kb, name, expected):
    found = resolve_actor(store, kb, name)
    if expected is None:
        assert get_actor(store, kb, found)["name"] == "Syrian rebel groups"
    else:
        assert found == expected


def test_resolve_failures_say_what_to_do(store, kb):
    with pytest.raises(
        NotFoundError, match=r"no actor named 'Peskow' in this store; did you mean Dmitry Peskov\?"
    ):
        resolve_actor(store, kb, "Peskow")
    with pytest.raises(NotFoundError, match=r"no stored document mentions 'Putin'.*vladimir-putin"):
        resolve_actor(store, kb, "Putin")
    with pytest.raises(NotFoundError, match="no actor name given"):
        resolve_actor(store, kb, "   ")
