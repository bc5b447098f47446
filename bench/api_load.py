#!/usr/bin/env python3
"""API latency: `sitrep serve` in its own process, a local client in a bounded loop.

    python bench/api_load.py [--db FILE] [--seconds 5] [--clients 1] [--actor ID] [--query Q]
                             [--writable]

Without --db, builds the hand-made fixture store (tests/api/fixtures.py) in a temporary
directory. For each endpoint (/api/actors/{id}, /api/search?q=...) it sends requests one
after another from each client thread for --seconds, after a short warm-up, and prints p50
and p99 latency in milliseconds and requests per second.  --writable serves the store
writable, which rebuilds its full-text index first (use it on a store ingested without one;
the timing then excludes the rebuild).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 20  # requests per endpoint before timing: first queries load caches
START_TIMEOUT = 120.0  # seconds; a writable start on a large store rebuilds its search index
REQUEST_TIMEOUT = 30.0


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fixture_store(directory: Path) -> Path:
    """The hand-made fixture store (five documents), written into `directory`."""
    sys.path.insert(0, str(ROOT))
    from tests.api.fixtures import build_store

    return build_store(directory / "fixture.duckdb")


@contextmanager
def served(db: Path, writable: bool) -> Iterator[str]:
    """`sitrep serve` on a free 127.0.0.1 port in a child process; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen([*command, *(["--writable"] if writable else [])])
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll /api/health until the server answers (or fail if it exits or takes too long)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"api_load: the server exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"api_load: the server did not answer within {START_TIMEOUT:.0f} s")


def timed_loop(url: str, seconds: float, clients: int) -> list[float]:
    """Latencies (ms) of sequential GETs from `clients` threads for `seconds`."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        """One client: GET after GET until the time is up."""
        mine = []
        with httpx.Client(timeout=REQUEST_TIMEOUT) as http:
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                response = http.get(url)
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"api_load: {url} gave {response.status_code}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def measure(base: str, path: str, seconds: float, clients: int) -> str:
    """One endpoint: warm up, time it, and return a result line."""
    with httpx.Client(timeout=REQUEST_TIMEOUT) as http:
        for _ in range(WARM_UP):
            http.get(base + path).raise_for_status()
    latencies = timed_loop(base + path, seconds, clients)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    rate = len(latencies) / seconds
    return (
        f"{path:48}  n={len(latencies):6}  p50={cuts[49]:7.2f} ms  p99={cuts[98]:7.2f} ms  "
        f"{rate:7.1f} req/s"
    )


def targets(base: str, actor: str | None, query: str | None) -> tuple[str, str, bool]:
    """The actor id and search query to use (default: the most mentioned actor's)."""
    top = httpx.get(f"{base}/api/actors", params={"limit": 1}, timeout=REQUEST_TIMEOUT).json()
    if not top["items"] and actor is None:
        raise SystemExit("api_load: the store holds no actors; give --actor")
    found = top["items"][0] if top["items"] else {"id": actor, "name": actor}
    indexed = httpx.get(f"{base}/api/health", timeout=REQUEST_TIMEOUT).json()["search_index"]
    return actor or found["id"], query or found["name"], bool(indexed)


def main() -> None:
    """Build or take a store, serve it, time the endpoints, print p50/p99."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: the fixture store)")
    parser.add_argument("--seconds", type=float, default=5.0, help="timed seconds per endpoint")
    parser.add_argument("--clients", type=int, default=1, help="client threads per endpoint")
    parser.add_argument("--actor", help="actor id for /api/actors/{id}")
    parser.add_argument("--query", help="text for /api/search?q=")
    parser.add_argument("--writable", action="store_true", help="serve writable (builds index)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or fixture_store(Path(scratch))
        with served(db, args.writable) as base:
            actor, query, indexed = targets(base, args.actor, args.query)
            documents = httpx.get(f"{base}/api/stats", timeout=REQUEST_TIMEOUT).json()
            print(
                f"store {db}: {documents['counts']['documents']} documents; search "
                f"{'full-text index' if indexed else 'ILIKE (no index)'}; {args.clients} client(s)"
            )
            for path in (
                f"/api/actors/{actor}",
                f"/api/search?q={quote(query)}",
            ):
                print(measure(base, path, args.seconds, args.clients), flush=True)


if __name__ == "__main__":
    main()
