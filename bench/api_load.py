#!/usr/bin/env python3
"""API latency: `sitrep serve` in its own process, a local client in a bounded loop.

    python bench/api_load.py [--db FILE] [--label NAME] [--seconds 5] [--clients 1]
                             [--actor ID] [--query Q]... [--writable] [--no-save]

Without --db, builds the hand-made fixture store (tests/api/fixtures.py) in a temporary
directory. For each endpoint (/api/actors/{id}, /api/search?q=...) it sends requests one
after another from each client thread for --seconds, after a short warm-up, and prints p50
and p99 latency in milliseconds and requests per second.  Search cycles through its queries
(by default the names of the five most mentioned actors).  Results are kept in
bench/out/results/api.json, one run per store label, and bench/results.md is re-rendered.
--writable serves the store writable, which rebuilds its full-text index first (use it on a
store ingested without one; the timing then excludes the rebuild).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "out" / "results"
SEARCH_QUERIES = 5  # default queries: the names of this many most mentioned actors
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


def timed_loop(urls: list[str], seconds: float, clients: int) -> list[float]:
    """Latencies (ms) of sequential GETs, cycling through `urls`, from `clients` threads."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(first: int) -> None:
        """One client: GET after GET until the time is up."""
        mine = []
        with httpx.Client(timeout=REQUEST_TIMEOUT) as http:
            for url in itertools.islice(itertools.cycle(urls), first, None):
                if time.monotonic() >= stop_at:
                    break
                started = time.perf_counter()
                response = http.get(url)
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"api_load: {url} gave {response.status_code}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def measure(base: str, paths: list[str], seconds: float, clients: int) -> dict[str, Any]:
    """One endpoint (its paths in turn): warm up, time it, p50/p99 in ms and requests/s."""
    with httpx.Client(timeout=REQUEST_TIMEOUT) as http:
        for path in itertools.islice(itertools.cycle(paths), WARM_UP):
            http.get(base + path).raise_for_status()
    latencies = timed_loop([base + path for path in paths], seconds, clients)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "paths": paths, "requests": len(latencies), "p50": cuts[49], "p99": cuts[98],
        "rate": len(latencies) / seconds,
    }  # fmt: skip


def targets(base: str, actor: str | None, queries: list[str]) -> tuple[str, list[str], bool]:
    """The actor id and search queries (default: the most mentioned actor's, and the names
    of the most mentioned actors)."""
    top = httpx.get(
        f"{base}/api/actors", params={"limit": SEARCH_QUERIES}, timeout=REQUEST_TIMEOUT
    ).json()
    if not top["items"] and actor is None:
        raise SystemExit("api_load: the store holds no actors; give --actor")
    indexed = httpx.get(f"{base}/api/health", timeout=REQUEST_TIMEOUT).json()["search_index"]
    names = [item["name"] for item in top["items"]]
    return actor or top["items"][0]["id"], queries or names, bool(indexed)


def save(label: str, run: dict[str, Any]) -> None:
    """Keep this run in bench/out/results/api.json (one per store label) and re-render
    bench/results.md, whose API section is drawn from that file."""
    known = RESULTS / "api.json"
    runs = json.loads(known.read_text())["runs"] if known.exists() else {}
    runs[label] = run
    RESULTS.mkdir(parents=True, exist_ok=True)
    known.write_text(json.dumps({"runs": runs}, indent=1))
    subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--render"], check=True)


def main() -> None:
    """Build or take a store, serve it, time the endpoints, print and keep p50/p99."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: the fixture store)")
    parser.add_argument("--label", help="name of the store in results.md (default: its file)")
    parser.add_argument("--seconds", type=float, default=5.0, help="timed seconds per endpoint")
    parser.add_argument("--clients", type=int, default=1, help="client threads per endpoint")
    parser.add_argument("--actor", help="actor id for /api/actors/{id}")
    parser.add_argument(
        "--query", action="append", default=[], help="text for /api/search?q= (repeatable)"
    )
    parser.add_argument("--writable", action="store_true", help="serve writable (builds index)")
    parser.add_argument("--no-save", action="store_true", help="print only; leave results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or fixture_store(Path(scratch))
        with served(db, args.writable) as base:
            actor, queries, indexed = targets(base, args.actor, args.query)
            stats = httpx.get(f"{base}/api/stats", timeout=REQUEST_TIMEOUT).json()
            run: dict[str, Any] = {
                "documents": stats["counts"]["documents"], "search_index": indexed,
                "clients": args.clients, "seconds": args.seconds,
                "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "load": os.getloadavg()[0], "endpoints": {},
            }  # fmt: skip
            print(
                f"store {db}: {run['documents']} documents; search "
                f"{'full-text index' if indexed else 'ILIKE (no index)'}; {args.clients} client(s)"
            )
            for endpoint, paths in (
                ("/api/actors/{id}", [f"/api/actors/{quote(actor)}"]),
                ("/api/search?q=", [f"/api/search?q={quote(q)}" for q in queries]),
            ):
                result = run["endpoints"][endpoint] = measure(
                    base, paths, args.seconds, args.clients
                )
                print(
                    f"{endpoint:20} n={result['requests']:6}  p50={result['p50']:7.2f} ms  "
                    f"p99={result['p99']:7.2f} ms  {result['rate']:7.1f} req/s  "
                    f"({len(paths)} path(s): {', '.join(paths)[:80]})",
                    flush=True,
                )
    if not args.no_save:
        save(args.label or (args.db.name if args.db else "fixture (5 documents)"), run)


if __name__ == "__main__":
    main()
