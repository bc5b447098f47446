"""Every reader on valid input, and every kind of bad input with a one-line reason."""

from __future__ import annotations

import gzip
import io

import pytest

from sitrep.config import Settings
from sitrep.errors import UnsupportedFormatError
from sitrep.ingest import read_inputs, read_stream
from sitrep.schema import Article, Problem
from tests.conftest import ARTICLE, atom_feed, html_page, jsonl_gz, rss_feed, warc_gz


def read_all(paths, settings, fmt=None):
    items = list(read_inputs([str(p) for p in paths], settings, fmt=fmt))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


def test_plain_text_file_is_one_article(write_file, settings):
    articles, problems = read_all([write_file("a.txt", ARTICLE)], settings)
    assert problems == []
    assert len(articles) == 1 and not articles[0].is_html
    assert articles[0].content.startswith("Ministers agree")


def test_html_page_is_read_as_html(write_file, settings):
    page = html_page("Talks resume in Doha", ["Negotiators met on Sunday in Doha for talks."])
    articles, _ = read_all([write_file("page.html", page)], settings)
    assert articles[0].is_html and "Doha" in articles[0].content


def test_html_in_legacy_encoding_is_decoded(write_file, settings):
    page = html_page("Café talks", ["Le président a parlé à la presse à Genève."])
    data = page.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("iso-8859-1")
    articles, _ = read_all([write_file("latin.html", data)], settings)
    assert "Genève" in articles[0].content


def test_jsonl_gz_reads_each_line_with_metadata(write_file, settings):
    data = jsonl_gz([
        {"text": "First article body about the summit in Brussels.", "title": "One",
         "url": "https://news.test/1", "published": "2025-02-01", "source": "Wire"},
        {"html": "<p>Second article body about talks.</p>", "title": "Two"},
    ])  # fmt: skip
    articles, problems = read_all([write_file("a.jsonl.gz", data)], settings)
    assert problems == []
    assert [a.title for a in articles] == ["One", "Two"]
    assert articles[0].url == "https://news.test/1" and articles[0].published == "2025-02-01"
    assert articles[1].is_html and articles[0].locator == "line 1"


def test_rss_uses_full_content_when_present_and_summary_otherwise(write_file, settings):
    feed = rss_feed([
        {"title": "Full", "link": "https://news.test/f", "summary": "short",
         "content": "<p>The full text of the article.</p>"},
        {"title": "Summary only", "link": "https://news.test/s", "summary": "Only a summary."},
    ])  # fmt: skip
    articles, problems = read_all([write_file("world.rss", feed)], settings)
    assert problems == []
    assert "full text" in articles[0].content and "Only a summary" in articles[1].content
    assert articles[0].source == "World News"
    assert articles[0].published == "2025-01-05T10:00:00Z"


def test_atom_feed_entries(write_file, settings):
    feed = atom_feed(
        [{"title": "A", "link": "https://news.test/a", "content": "<p>Atom body.</p>"}]
    )
    articles, _ = read_all([write_file("region.atom", feed)], settings)
    assert articles[0].url == "https://news.test/a" and "Atom body" in articles[0].content


def test_warc_gz_yields_html_responses_only(write_file, settings):
    data = warc_gz(
        [
            ("https://news.test/a", "<html><body><p>A</p></body></html>"),
            ("https://news.test/b", "<html><body><p>B</p></body></html>"),
        ]
    )
    articles, problems = read_all([write_file("crawl.warc.gz", data)], settings)
    assert problems == []
    assert [a.url for a in articles] == ["https://news.test/a", "https://news.test/b"]
    assert articles[0].fetched_at is not None


def test_directories_are_read_recursively_and_globs_expand(write_file, settings, tmp_path):
    write_file("d/one.txt", ARTICLE)
    write_file("d/sub/two.txt", ARTICLE.replace("Tuesday", "Monday"))
    write_file("d/.hidden.txt", ARTICLE)
    articles, _ = read_all([tmp_path / "d"], settings)
    assert len(articles) == 2
    articles, _ = read_all([str(tmp_path / "d" / "**" / "*.txt")], settings)
    assert len(articles) == 2


def test_format_is_detected_by_content_not_only_extension(write_file, settings):
    feed = rss_feed([{"title": "X", "link": "https://n.test/x", "summary": "Body text."}])
    articles, _ = read_all([write_file("feed.txt", feed)], settings)
    assert articles[0].format == "feed"


def test_format_can_be_forced(write_file, settings):
    page = html_page("Title", ["Body"])
    articles, _ = read_all([write_file("page.html", page)], settings, fmt="text")
    assert not articles[0].is_html


def test_unknown_format_is_rejected_with_the_valid_list(settings):
    with pytest.raises(UnsupportedFormatError, match="valid formats: auto, text"):
        list(read_inputs(["x"], settings, fmt="pdf"))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"  \n\n ", "empty input"),
        ("binary.bin", bytes(range(256)) * 40, "binary data"),
        ("noise.txt", b"\x01\x02\x03\x04\x05\x06abc" * 100, "binary data"),
        ("notafeed.xml", b"<rss><channel><title>x</title>", "not a valid RSS or Atom feed"),
        ("nothing.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                        b"</channel></rss>", "feed has no entries"),
        ("garbage.warc", b"WARC/1.0\r\nnonsense\r\n\r\n", "malformed WARC record"),
    ],
)  # fmt: skip
def test_bad_inputs_are_named_problems(write_file, settings, name, data, reason):
    articles, problems = read_all([write_file(name, data)], settings)
    assert articles == []
    assert len(problems) == 1
    assert problems[0].where.startswith(str(write_file(name, data)))
    assert reason in problems[0].message
    assert "\n" not in str(problems[0])


def test_bad_jsonl_lines_are_skipped_and_the_rest_is_read(write_file, settings):
    data = (
        b'{"text": "Good one about talks in Geneva."}\n{broken\n[1]\n{"title": "no body"}\n'
        b'{"text": "Another good article about Kyiv."}\n'
    )
    articles, problems = read_all([write_file("mixed.jsonl", data)], settings)
    assert len(articles) == 2
    assert [p.where.rsplit(": ", 1)[1] for p in problems] == ["line 2", "line 3", "line 4"]


def test_truncated_gzip_keeps_whole_lines_and_reports_the_cut(write_file, settings):
    records = [
        {"text": f"Article {i}: " + " ".join(str(i * j) for j in range(300))} for i in range(50)
    ]
    data = jsonl_gz(records)
    articles, problems = read_all([write_file("cut.jsonl.gz", data[: len(data) // 2])], settings)
    assert 0 < len(articles) < 50
    assert all(a.content.startswith("Article") for a in articles)
    assert len(problems) == 1 and "truncated or corrupt gzip" in problems[0].message


def test_truncated_warc_keeps_whole_records_and_reports_the_rest(write_file, settings):
    data = warc_gz(
        [(f"https://news.test/{i}", "<p>" + "word " * 400 + "</p>") for i in range(3)],
        extra_records=False,
    )
    articles, problems = read_all([write_file("cut.warc.gz", data[: len(data) - 200])], settings)
    assert 1 <= len(articles) < 3
    assert len(problems) == 1
    # record 1 is the warcinfo record, so the last whole article is record len + 1
    assert f"truncated or corrupt gzip data after record {len(articles) + 1}" in problems[0].message


def test_truncated_uncompressed_warc_record_is_detected(write_file, settings):
    data = warc_gz([("https://news.test/x", "<p>" + "word " * 400 + "</p>")], extra_records=False)
    plain = gzip.decompress(data)
    articles, problems = read_all([write_file("cut.warc", plain[:-600])], settings)
    assert articles == []
    assert any("truncated" in p.message or "malformed" in p.message for p in problems)


def test_document_larger_than_the_cap_is_refused(write_file):
    small = Settings(max_document_bytes=1000)
    articles, problems = read_all([write_file("big.txt", "word " * 1000)], small)
    assert articles == [] and "larger than 0.0 MB" in problems[0].message


def test_200_mb_file_is_refused_without_reading_it_all(tmp_path, settings):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: costs no disk
    articles, problems = read_all([path], settings)
    assert articles == [] and "larger than 5.0 MB" in problems[0].message


def test_gzip_bomb_is_stopped_by_ratio(write_file, settings):
    bomb = gzip.compress(b"{" + b" " * 50_000_000)
    articles, problems = read_all([write_file("bomb.jsonl.gz", bomb)], settings)
    assert articles == []
    assert "decompression bomb" in problems[0].message or "larger than" in problems[0].message


def test_gzip_output_is_capped_by_size(write_file):
    capped = Settings(max_decompressed_bytes=100_000, max_compression_ratio=10_000)
    data = jsonl_gz([{"text": "word " * 50_000}])
    _, problems = read_all([write_file("big.jsonl.gz", data)], capped)
    assert "exceeds 0.1 MB" in problems[0].message


def test_mixed_encodings_decode_line_by_line(write_file, settings):
    data = (
        "Ankara talks\n\nThe minister said “yes”.\n".encode()
        + "Caf\xe9 owners in Gen\xe8ve.\n".encode("cp1252")
    )
    articles, _ = read_all([write_file("mixed.txt", data)], settings)
    assert "“yes”" in articles[0].content and "Café" in articles[0].content


def test_missing_path_and_unmatched_glob_are_problems(tmp_path, settings):
    _, problems = read_all([tmp_path / "nope.txt", str(tmp_path / "*.none")], settings)
    assert [p.message for p in problems] == [
        "no such file or directory",
        "no files match this pattern",
    ]


def test_stdin_stream_is_read(settings):
    items = list(read_stream(io.BytesIO(ARTICLE.encode()), "<stdin>", settings))
    assert isinstance(items[0], Article) and items[0].origin == "<stdin>"
