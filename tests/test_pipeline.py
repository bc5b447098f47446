"""Ingest end to end over every format: stored once, near-duplicates clustered, skips counted."""

from __future__ import annotations

import pytest

from sitrep.errors import InputError
from sitrep.pipeline import ingest
from sitrep.store import Store
from tests.conftest import ARTICLE, atom_feed, html_page, jsonl_gz, rss_feed, warc_gz

WIRE = (
    "Russian forces loaded armoured vehicles and air-defence systems onto cargo ships at the "
    "port of Tartus on Sunday, residents and a local official said, in the clearest sign yet "
    "that Moscow is scaling back its military footprint in Syria after the fall of Bashar "
    "al-Assad. Satellite images reviewed by analysts showed at least two cargo vessels moored "
    "at the naval facility, with convoys of trucks queuing on the quayside. The Russian defence "
    "ministry did not respond to a request for comment. A Syrian official in Damascus said talks "
    "on the future of the bases were continuing and that no final decision had been taken."
)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as s:
        yield s


def docs(store):
    return store.query("SELECT id, title, cluster_id, source, url FROM documents ORDER BY title")


def test_every_format_is_ingested_once(tmp_path, write_file, store, settings):
    write_file("in/a.txt", ARTICLE)
    write_file(
        "in/b.html",
        html_page(
            "Ceasefire talks resume in Doha", ["Negotiators from both sides met on Sunday in Doha."]
        ),
    )
    write_file(
        "in/c.jsonl.gz",
        jsonl_gz([{"title": "Summit opens", "text": "Leaders met in Brussels on Monday."}]),
    )
    write_file(
        "in/d.rss",
        rss_feed(
            [
                {
                    "title": "Sanctions widen",
                    "link": "https://n.test/s",
                    "content": "<p>The EU adopted new sanctions on Friday.</p>",
                }
            ]
        ),
    )
    write_file(
        "in/e.atom",
        atom_feed(
            [
                {
                    "title": "Vote counted",
                    "link": "https://n.test/v",
                    "content": "<p>Officials counted the votes overnight.</p>",
                }
            ]
        ),
    )
    write_file(
        "in/f.warc.gz",
        warc_gz(
            [
                (
                    "https://n.test/w",
                    html_page(
                        "Port reopens", ["The port of Odesa reopened to grain ships on Tuesday."]
                    ),
                )
            ]
        ),
    )
    report = ingest([str(tmp_path / "in")], store, settings)
    assert report.problems == [] and report.stored == 6
    again = ingest([str(tmp_path / "in")], store, settings)
    assert again.stored == 0 and again.already_stored == 6
    titles = [d["title"] for d in docs(store)]
    assert titles == sorted(
        [
            "Ministers agree to extend grain corridor",
            "Ceasefire talks resume in Doha",
            "Summit opens",
            "Sanctions widen",
            "Vote counted",
            "Port reopens",
        ]
    )


def test_syndicated_copy_joins_the_original_cluster(write_file, store, settings):
    original = write_file("orig.txt", "Russia pulls armour out of Tartus\n\n" + WIRE)
    copy = write_file(
        "copy.txt",
        "Moscow scales back in Syria, ships leave Tartus\n\n"
        + WIRE.replace("on Sunday", "on Sunday morning")
        + "\n\nReporting by staff.",
    )
    other = write_file("other.txt", "Grain deal extended\n\n" + ARTICLE)
    ingest([str(original)], store, settings)
    ingest([str(copy), str(other)], store, settings)
    rows = {d["title"]: d for d in docs(store)}
    first = rows["Russia pulls armour out of Tartus"]
    assert rows["Moscow scales back in Syria, ships leave Tartus"]["cluster_id"] == first["id"]
    assert rows["Grain deal extended"]["cluster_id"] != first["id"]


def test_near_duplicates_in_one_batch_cluster_together(write_file, store, settings):
    a = write_file("a.txt", "Headline one\n\n" + WIRE)
    b = write_file("b.txt", "Headline two\n\n" + WIRE + " Officials gave no timetable.")
    report = ingest([str(a), str(b)], store, settings)
    assert report.near_duplicates == 1
    clusters = {d["cluster_id"] for d in docs(store)}
    assert len(clusters) == 1


def test_skips_are_reported_and_the_rest_is_stored(write_file, tmp_path, store, settings):
    write_file("in/good.txt", ARTICLE)
    write_file("in/empty.txt", b"")
    write_file("in/bad.jsonl", b'{"text": "A fine article about talks in Cairo."}\n{oops\n')
    seen = []
    report = ingest([str(tmp_path / "in")], store, settings, on_problem=seen.append)
    assert report.stored == 2 and len(report.problems) == 2 == len(seen)


def test_strict_stops_at_the_first_problem(write_file, tmp_path, store, settings):
    write_file("in/a-empty.txt", b"")
    write_file("in/b-good.txt", ARTICLE)
    with pytest.raises(InputError, match="empty input"):
        ingest([str(tmp_path / "in")], store, settings, strict=True)


def test_non_english_is_stored_but_not_extracted(write_file, store, settings):
    path = write_file(
        "es.txt",
        "Conversaciones de paz\n\nLos ministros de Exteriores se reunieron "
        "el martes en Madrid para hablar de la guerra y de la ayuda.",
    )
    report = ingest([str(path)], store, settings)
    assert report.stored == 1 and report.not_extracted == 1
    row = store.query("SELECT language, extracted FROM documents")[0]
    assert row == {"language": "es", "extracted": False}
