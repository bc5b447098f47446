"""The one HTTP client: address policy, redirects, caps, timeouts and conditional requests.

Every test talks to a real server on 127.0.0.1 (so fetching it needs allow_private) or to
an httpx mock transport; host names other than localhost go through a fake resolver.
"""

from __future__ import annotations

import socket
import time
from dataclasses import replace

import httpx
import pytest
from click.testing import CliRunner

import sitrep.net
import sitrep.pipeline
from sitrep.analysis import Analyzer
from sitrep.cli import main
from sitrep.config import Settings
from sitrep.errors import FetchError, InputError
from sitrep.net import Fetcher, address_problem
from sitrep.store import Store
from tests.conftest import html_page
from tests.local_server import LocalServer, Reply

PAGE = html_page("Talks resume in Doha", ["Negotiators met on Sunday in Doha for a third round."])


@pytest.fixture
def server():
    with LocalServer().running() as running:
        yield running


@pytest.fixture
def open_fetcher():
    fetchers: list[Fetcher] = []

    def make(**overrides) -> Fetcher:
        fetcher = Fetcher(Settings(**{"allow_private": True, "fetch_timeout": 5.0, **overrides}))
        fetchers.append(fetcher)
        return fetcher

    yield make
    for fetcher in fetchers:
        fetcher.close()


@pytest.fixture
def resolver(monkeypatch):
    """Fake DNS: names in `answers` resolve as given (a list is consumed one answer per call)."""
    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}
    calls: list[str] = []

    def fake(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in answers:
            return real(host, port, *args, **kwargs)
        calls.append(name)
        if name.startswith("slow-dns."):
            time.sleep(1.5)
        queue = answers[name]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return answers, calls


# --- address policy -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.9", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fc00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "not a public address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("2002:7f00:1::", "a loopback address"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_address_policy(address, problem):
    assert address_problem(address) == problem
    assert address_problem(address, allow_private=True) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page",
        "http://localhost:{port}/page",
        "http://[::1]:{port}/page",
        "http://[::ffff:127.0.0.1]:{port}/page",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[fe80::1]/",
    ],
)
def test_private_addresses_are_refused_without_allow_private(server, open_fetcher, url):
    server.routes["/page"] = Reply(body=PAGE.encode())
    url = url.format(port=server.port)
    with pytest.raises(FetchError) as caught:
        open_fetcher(allow_private=False).fetch(url)
    message = str(caught.value)
    assert message.startswith(f"{url}: ") and "refused (setting allow_private)" in message
    assert "\n" not in message
    assert server.requests == []


def test_host_names_are_checked_after_resolution(server, open_fetcher, resolver):
    answers, _ = resolver
    answers["intranet.test"] = ["192.168.0.10"]
    with pytest.raises(FetchError, match=r"intranet.test resolves to 192.168.0.10, a private"):
        open_fetcher(allow_private=False).fetch("http://intranet.test/")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://ftp.test/a.txt", "gopher://x.test/"])
def test_other_schemes_are_refused(open_fetcher, url):
    with pytest.raises(FetchError, match="only http:// and https:// URLs may be fetched"):
        open_fetcher().fetch(url)


def test_connects_to_the_checked_address_with_the_host_name_kept(server, open_fetcher, resolver):
    # A second DNS answer would point elsewhere (a rebinding attack); it must never be asked.
    answers, calls = resolver
    answers["news.test"] = ["127.0.0.1", "127.0.0.2"]
    server.routes["/a"] = Reply(body=b"article")
    assert open_fetcher().fetch(f"http://news.test:{server.port}/a") == b"article"
    assert calls == ["news.test"]
    assert server.requests[0][1]["host"] == f"news.test:{server.port}"


# --- redirects ------------------------------------------------------------------------------


def test_redirects_are_followed_and_the_final_url_kept(server, open_fetcher):
    server.routes["/old"] = Reply(301, headers={"Location": "/moved"})
    server.routes["/moved"] = Reply(302, headers={"Location": server.url("/page")})
    server.routes["/page"] = Reply(body=b"here")
    fetched = open_fetcher().get(server.url("/old"))
    assert (fetched.status, fetched.content, fetched.url) == (200, b"here", server.url("/page"))


def test_more_than_five_redirects_fail(server, open_fetcher):
    for i in range(7):
        server.routes[f"/r{i}"] = Reply(302, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match=r"/r0: more than 5 redirects$"):
        open_fetcher().fetch(server.url("/r0"))
    assert server.hits("/r5") == 1 and server.hits("/r6") == 0


def test_a_redirect_to_a_private_address_is_refused(server, open_fetcher, resolver, monkeypatch):
    # 127.0.0.1 plays a public site here; the redirect points at an intranet name.
    real_problem = sitrep.net.address_problem
    monkeypatch.setattr(
        sitrep.net,
        "address_problem",
        lambda a, allow_private=False: None if str(a) == "127.0.0.1" else real_problem(a),
    )
    answers, calls = resolver
    answers["public.test"] = ["127.0.0.1"]
    answers["intranet.test"] = ["10.0.0.7"]
    server.routes["/go"] = Reply(302, headers={"Location": "http://intranet.test/admin"})
    url = f"http://public.test:{server.port}/go"
    with pytest.raises(FetchError) as caught:
        open_fetcher(allow_private=False).fetch(url)
    assert str(caught.value) == (
        f"{url}: redirected to http://intranet.test/admin: intranet.test resolves to "
        "10.0.0.7, a private address; refused (setting allow_private)"
    )
    assert calls == ["public.test", "intranet.test"]


def test_a_redirect_to_a_literal_private_address_is_refused_before_connecting(open_fetcher):
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/meta"})

    fetcher = Fetcher(Settings(), transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError, match=r"169\.254\.169\.254 is a link-local address; refused"):
        fetcher.fetch("https://news.example/a")
    assert seen == ["https://news.example/a"]


def test_redirect_to_another_scheme_is_refused(server, open_fetcher):
    server.routes["/x"] = Reply(302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(
        FetchError, match=r"redirected to file:.*etc/passwd: only http:// and https://"
    ):
        open_fetcher().fetch(server.url("/x"))


# --- size, time, errors ---------------------------------------------------------------------


def test_declared_size_over_the_cap_is_refused(server, open_fetcher):
    server.routes["/big"] = Reply(body=b"x" * 5000)
    with pytest.raises(FetchError, match=r"larger than 0.0 MB \(setting fetch_max_bytes\)"):
        open_fetcher(fetch_max_bytes=1000).fetch(server.url("/big"))
    assert open_fetcher(fetch_max_bytes=5000).fetch(server.url("/big")) == b"x" * 5000


def test_streamed_size_over_the_cap_stops_reading():
    sent: list[int] = []

    def chunks():
        for _ in range(1000):
            sent.append(1)
            yield b"y" * 1024

    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=chunks()))
    fetcher = Fetcher(Settings(fetch_max_bytes=10_000), transport=transport)
    with pytest.raises(FetchError, match="setting fetch_max_bytes"):
        fetcher.fetch("https://news.example/endless")
    assert len(sent) < 20  # stopped soon after the cap, not after the whole megabyte


def test_a_slow_server_times_out(server, open_fetcher):
    server.routes["/slow"] = Reply(body=b"late", delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/slow: timed out after 0.3s \(setting fetch_timeout\)"):
        open_fetcher(fetch_timeout=0.3).fetch(server.url("/slow"))
    assert time.monotonic() - started < 2.0


def test_a_slow_dns_lookup_times_out(open_fetcher, resolver):
    answers, _ = resolver
    answers["slow-dns.test"] = ["127.0.0.1"]
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"slow-dns\.test/: timed out after 0\.3s"):
        open_fetcher(fetch_timeout=0.3).fetch("http://slow-dns.test/")
    assert time.monotonic() - started < 1.0


def test_a_drip_feeding_server_hits_the_whole_fetch_deadline(server, open_fetcher):
    server.routes["/drip"] = Reply(body=b"z" * 200, drip=0.02)  # 4 s in all, 20 ms per byte
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.5s"):
        open_fetcher(fetch_timeout=0.5).fetch(server.url("/drip"))
    assert time.monotonic() - started < 2.0


def test_http_errors_and_closed_ports_are_one_line(server, open_fetcher):
    with pytest.raises(FetchError, match=r"/missing: HTTP 404 Not Found$"):
        open_fetcher().fetch(server.url("/missing"))
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(FetchError, match=rf"127.0.0.1:{port}/: cannot connect \("):
        open_fetcher().fetch(f"http://127.0.0.1:{port}/")


def test_user_agent_is_sent(server, open_fetcher):
    server.routes["/ua"] = Reply(body=b"ok")
    open_fetcher(user_agent="sitrep-test/9").fetch(server.url("/ua"))
    assert server.requests[0][1]["user-agent"] == "sitrep-test/9"


def test_fetch_input_reports_a_skippable_input(server, open_fetcher):
    url = server.url("/gone")
    with pytest.raises(InputError) as caught:
        open_fetcher().fetch_input(url)
    assert (caught.value.where, caught.value.reason) == (url, "HTTP 404 Not Found")


# --- conditional requests -------------------------------------------------------------------


def test_conditional_requests_get_304(server, open_fetcher):
    etag, modified = '"v1"', "Sun, 05 Jan 2025 10:00:00 GMT"

    def feed(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == etag or headers.get("if-modified-since") == modified:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=b"<rss/>", headers={"ETag": etag, "Last-Modified": modified})

    server.routes["/feed"] = feed
    fetcher = open_fetcher()
    first = fetcher.get(server.url("/feed"))
    assert (first.status, first.etag, first.last_modified) == (200, etag, modified)
    again = fetcher.get(server.url("/feed"), etag=first.etag)
    assert again.not_modified and again.content == b""
    by_date = fetcher.get(server.url("/feed"), last_modified=first.last_modified)
    assert by_date.status == 304
    assert server.requests[1][1]["if-none-match"] == etag
    assert server.requests[2][1]["if-modified-since"] == modified


# --- URL ingest on the command line ---------------------------------------------------------


class NoAnalysis(Analyzer):
    """The real Analyzer with extraction switched off: these tests are about fetching and
    feeds, not extraction (documents are stored unextracted, as with --no-extract)."""

    def __init__(self, settings=None):
        super().__init__(replace(settings or Settings(), extract=False))


def test_ingest_a_url(server, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sitrep.pipeline, "Analyzer", NoAnalysis)
    server.routes["/story"] = Reply(body=PAGE.encode(), headers={"Content-Type": "text/html"})
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    url = server.url("/story")
    refused = runner.invoke(main, ["ingest", url, "--db", db], catch_exceptions=False)
    assert refused.exit_code == 1
    assert f"sitrep: skipped {url}: 127.0.0.1 is a loopback address; refused" in refused.stderr
    assert server.requests == []
    result = runner.invoke(
        main, ["ingest", url, "--db", db, "--allow-private"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT title, url FROM documents")
    assert rows == [{"title": "Talks resume in Doha", "url": url}]
