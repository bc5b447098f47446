"""Story clustering on hand-made documents: stories kept apart, copies counted once,
incremental joins, the time window, labels and the stored story lists."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sitrep.errors import NotFoundError
from sitrep.schema import Document, Entity, Extraction, Mention, content_id
from sitrep.store import Store
from sitrep.stories import StoryParams, update_stories
from sitrep.stories.catalog import get_story, list_stories, resolve_story, story_timeline
from sitrep.stories.features import stem, term_counts

ENTITIES = {
    e.id: e
    for e in (
        Entity("RUS", "Russia", "GPE", "RUS", "RUS", "RUS", "country"),
        Entity("SYR", "Syria", "GPE", "SYR", "SYR", "SYR", "country"),
        Entity("CHN", "China", "GPE", "CHN", "CHN", "CHN", "country"),
        Entity("TWN", "Taiwan", "GPE", "TWN", "TWN", "TWN", "country"),
        Entity("ahmed-al-sharaa", "Ahmed al-Sharaa", "PERSON", "ahmed-al-sharaa", "SYR"),
        Entity("al-arabiya", "Al Arabiya", "ORG", "al-arabiya", "SAU", kind="media"),
        Entity("khmeimim-air-base", "Khmeimim Air Base", "FACILITY", kind="air_base"),
        Entity("tartus-naval-base", "Tartus naval base", "FACILITY", kind="naval_base"),
        Entity("kinmen", "Kinmen", "LOC", kind="island"),
    )
}
# The words each entity is named by in the texts below.
NAMES = {
    "RUS": ("Russia", "Russian", "Moscow"), "SYR": ("Syria", "Syrian", "Damascus"),
    "CHN": ("China", "Chinese", "Beijing"), "TWN": ("Taiwan", "Taipei"),
    "ahmed-al-sharaa": ("Sharaa",), "al-arabiya": ("Al Arabiya",),
    "khmeimim-air-base": ("Khmeimim Air Base", "Khmeimim"),
    "tartus-naval-base": ("Tartus naval base", "Tartus"), "kinmen": ("Kinmen",),
}  # fmt: skip

BASES = [
    ("Russian ships load hardware at Tartus as base talks stall",
     "Russian cargo ships loaded military hardware at the Tartus naval base on Friday as talks "
     "between Moscow and Damascus over the future of Russia's bases in Syria stalled. Satellite "
     "images showed vehicles queuing at the port while aircraft left Khmeimim Air Base."),
    ("Russian delegation in Damascus, Khmeimim and Tartus bases left unresolved",
     "A Russian delegation held talks in Damascus with Syria's new rulers. The fate of the "
     "Khmeimim Air Base and the Tartus naval base was left unresolved, officials said, and "
     "Syria asked Russia to address the past before any deal on the bases."),
    ("Sharaa and Putin discuss Russian bases at Khmeimim and Tartus",
     "Sharaa told Al Arabiya that Syria wants to keep ties with Russia. Moscow hopes to keep its "
     "bases at Khmeimim and Tartus, and talks on the naval base and the air base continue in "
     "Damascus, a Russian diplomat said."),
]  # fmt: skip
DRILLS = [
    ("China launches drills around Taiwan, Taipei dispatches warships",
     "China launched large joint military drills around Taiwan on Tuesday, sending warships and "
     "jets toward the island. Taipei dispatched warships and put missile units on alert as "
     "Beijing said the drills were a warning. Chinese coast guard vessels circled Kinmen."),
    ("Chinese warships linger near Taiwan after drills, Taipei raises defence spending",
     "Chinese warships and coast guard vessels lingered near Taiwan after the drills ended, "
     "Taipei said, and jets crossed the median line again. Taiwan will raise defence spending "
     "after the drills, while Beijing warned of more exercises near Kinmen."),
    ("Taiwan tracks Chinese jets and warships in second wave of drills",
     "Taiwan tracked dozens of Chinese jets and several warships in a second wave of drills "
     "around the island. Taipei said coast guard vessels shadowed Chinese ships off Kinmen as "
     "Beijing called the drills a stern warning."),
]  # fmt: skip


def article(title: str, body: str, day: str, source: str = "Wire", copy_of: str | None = None,
            extracted: bool = True) -> Extraction:  # fmt: skip
    """A stored document with a mention for every name of every entity it uses."""
    text = f"{title}\n\n{body}"
    doc_id = content_id(text)
    doc = Document(doc_id, text, title, day, source, None, "en", "test",
                   cluster_id=copy_of or doc_id)  # fmt: skip
    mentions, used = [], set()
    for entity_id, names in NAMES.items():
        for name in names:
            for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                entity = ENTITIES[entity_id]
                mentions.append(Mention(doc_id, *match.span(), name, entity_id, entity.type))
                used.add(entity_id)
    entities = tuple(ENTITIES[e] for e in sorted(used))
    return Extraction(doc, entities, tuple(mentions), extracted=extracted)


def write(store: Store, *extractions: Extraction) -> list[str]:
    """Store documents as the pipeline would (no fingerprints needed here)."""
    store.write([(ex, None) for ex in extractions])
    return [ex.document.id for ex in extractions]


def story_of(store: Store) -> dict[str, str]:
    """Document id -> story id."""
    rows = store.query("SELECT doc_id, story_id FROM story_documents")
    return {row["doc_id"]: row["story_id"] for row in rows}


@pytest.fixture
def store():
    with Store.open(":memory:") as opened:
        yield opened


def interleaved(days: tuple[str, ...] = ("2025-01-03", "2025-01-05", "2025-01-09")):
    """The two stories' articles, alternating, over several days."""
    bases = [article(t, b, d) for (t, b), d in zip(BASES, days, strict=True)]
    drills = [article(t, b, d) for (t, b), d in zip(DRILLS, days, strict=True)]
    return bases, drills


def test_two_stories_over_several_days_are_kept_apart(store):
    bases, drills = interleaved()
    write(store, *[x for pair in zip(bases, drills, strict=True) for x in pair])
    report = update_stories(store)
    assert (report.documents, report.new_stories, report.joined) == (6, 2, 4)
    stories = story_of(store)
    assert len({stories[ex.document.id] for ex in bases}) == 1
    assert len({stories[ex.document.id] for ex in drills}) == 1
    assert stories[bases[0].document.id] != stories[drills[0].document.id]
    rows = list_stories(store)
    assert [(r["articles"], r["documents"]) for r in rows] == [(3, 3), (3, 3)]
    assert {(r["first_date"], r["last_date"]) for r in rows} == {
        (date(2025, 1, 3), date(2025, 1, 9))
    }


def test_labels_name_key_actors_then_distinctive_words(store):
    bases, drills = interleaved()
    write(store, *bases, *drills)
    update_stories(store)
    labels = {r["label"] for r in list_stories(store)}
    assert "Russia / Syria: Khmeimim, Tartus" in labels
    drills_label = next(label for label in labels if label.startswith("China / Taiwan: "))
    assert "Kinmen" in drills_label  # a place's name, before common words


def test_a_syndicated_copy_is_counted_once(store):
    bases, drills = interleaved()
    original = bases[0]
    copy = article("Cargo ships load hardware at Tartus", BASES[0][1], "2025-01-04",
                   source="Other Wire", copy_of=original.document.id)  # fmt: skip
    write(store, *bases, copy, *drills)
    report = update_stories(store)
    assert report.copies == 1
    stories = story_of(store)
    assert stories[copy.document.id] == stories[original.document.id]
    story = get_story(store, stories[original.document.id])
    assert (story["articles"], story["documents"]) == (3, 4)
    counted = {m["id"]: m["counted"] for m in story["members"]}
    assert counted[copy.document.id] is False and counted[original.document.id] is True
    # the copy's words were not counted again in the document frequencies
    tartus = store.query(
        "SELECT documents FROM story_feature_counts WHERE feature = 'e:tartus-naval-base'"
    )
    assert tartus == [{"documents": 3}]


def test_a_copy_arriving_later_follows_its_original(store):
    bases, drills = interleaved()
    write(store, *bases, *drills)
    update_stories(store)
    copy = article("Cargo ships load hardware at Tartus", BASES[0][1], "2025-01-20",
                   copy_of=bases[0].document.id)  # fmt: skip
    write(store, copy)
    report = update_stories(store)
    assert (report.copies, report.new_stories, report.joined) == (1, 0, 0)
    stories = story_of(store)
    assert stories[copy.document.id] == stories[bases[0].document.id]
    story = get_story(store, stories[copy.document.id])
    assert (story["articles"], story["documents"], str(story["last_date"])) == (3, 4, "2025-01-09")


def test_an_incremental_add_joins_the_right_story_without_reclustering(store):
    bases, drills = interleaved()
    write(store, *bases[:2], *drills[:2])
    update_stories(store)
    before = store.query("SELECT * FROM story_documents ORDER BY doc_id")
    write(store, drills[2], bases[2])
    report = update_stories(store)
    assert (report.documents, report.new_stories, report.joined) == (2, 0, 2)
    stories = story_of(store)
    assert stories[drills[2].document.id] == stories[drills[0].document.id]
    assert stories[bases[2].document.id] == stories[bases[0].document.id]
    unchanged = store.query(
        "SELECT * FROM story_documents WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id",
        [[row["doc_id"] for row in before]],
    )
    assert unchanged == before
    assert update_stories(store).documents == 0  # nothing left to do


def test_clustering_in_small_steps_gives_the_same_stories(store):
    bases, drills = interleaved()
    write(store, *bases, *drills)
    update_stories(store, StoryParams(chunk=1))
    stepwise = sorted(sorted(ids) for ids in _groups(story_of(store)))
    store.connection.execute(
        "DELETE FROM story_documents; DELETE FROM stories; DELETE FROM story_features;"
        " DELETE FROM story_feature_counts"
    )
    update_stories(store)
    assert sorted(sorted(ids) for ids in _groups(story_of(store))) == stepwise


def _groups(stories: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for doc_id, story_id in stories.items():
        groups.setdefault(story_id, []).append(doc_id)
    return list(groups.values())


def test_a_story_closes_after_its_window(store):
    bases, _ = interleaved()
    late = article(BASES[0][0], BASES[0][1] + " Months later, the ships returned.", "2025-06-01")
    write(store, *bases, late)
    update_stories(store)
    stories = story_of(store)
    assert len(list_stories(store)) == 2
    assert stories[late.document.id] != stories[bases[0].document.id]
    store.connection.execute(
        "DELETE FROM story_documents; DELETE FROM stories; DELETE FROM story_features;"
        " DELETE FROM story_feature_counts"
    )
    update_stories(store, StoryParams(window_days=365))
    assert len(list_stories(store)) == 1


def test_documents_not_extracted_get_no_story(store):
    bases, _ = interleaved()
    foreign = article("Rusia carga buques en Tartus", "Texto en otro idioma.", "2025-01-04",
                      extracted=False)  # fmt: skip
    write(store, *bases, foreign)
    assert update_stories(store).documents == 3
    assert foreign.document.id not in story_of(store)


def test_story_lists_filter_by_dates_and_ids_resolve_by_prefix(store):
    bases, drills = interleaved()
    late = [article(t, f"{b} Weeks later, again.", "2025-03-01") for t, b in DRILLS]
    write(store, *bases, *drills, *late)
    update_stories(store)
    assert len(list_stories(store)) == 3
    assert len(list_stories(store, since=date(2025, 2, 1))) == 1
    assert len(list_stories(store, until=date(2025, 1, 2))) == 0
    first = list_stories(store)[0]
    assert resolve_story(store, first["id"][:6]) == first["id"]
    with pytest.raises(NotFoundError, match="no story with id 'ffffffffffff'"):
        resolve_story(store, "ffffffffffff")
    with pytest.raises(NotFoundError, match="too short"):
        get_story(store, "ab")


def test_story_timeline_holds_its_documents_records_oldest_first(store):
    bases, drills = interleaved()
    write(store, *bases, *drills)
    update_stories(store)
    story_id = story_of(store)[bases[0].document.id]
    assert story_timeline(store, story_id) == []  # these hand-made documents hold no records


def test_words_drop_stopwords_possessives_and_plural_endings():
    counts = term_counts("Russia’s bases: the talks on Tartus stalled", title="Talks")
    assert counts == {"russia": 1, "base": 1, "talk": 2, "tartus": 1, "stalled": 1}
    assert [stem(w) for w in ("countries", "crisis", "missiles", "Tartus", "gas")] == [
        "country", "crisis", "missile", "tartus", "gas",
    ]  # fmt: skip


def test_cli_update_clusters_documents_stored_another_way(tmp_path):
    from click.testing import CliRunner

    from sitrep.cli import main

    path = tmp_path / "store.duckdb"
    bases, drills = interleaved()
    with Store.open(path) as opened:
        write(opened, *bases, *drills)  # stored without clustering, as a loader might
    runner = CliRunner()
    empty = runner.invoke(main, ["stories", "--db", str(path)])
    assert empty.exit_code == 0 and "no stories in this store" in empty.output
    listed = runner.invoke(main, ["stories", "--update", "--db", str(path)])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.strip().splitlines()
    assert len(lines) == 2 and all("3 articles  2025-01-03 to 2025-01-09" in x for x in lines)
