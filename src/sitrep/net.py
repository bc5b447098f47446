"""One place for the network: an HTTP client with sitrep's timeouts, size cap and address policy.

Only http:// and https:// URLs are fetched, within `fetch_timeout` seconds in all (name
lookup, connection, redirects and body) and `fetch_max_bytes` bytes (after decompression).
Every host is resolved once, every address it resolves to is checked (private, loopback,
link-local, multicast, reserved and unspecified addresses are refused unless the
`allow_private` setting is on), and the connection goes to the address that was checked,
so a second DNS answer cannot move it (DNS rebinding); the Host header, TLS SNI and the
certificate check still use the host name.  Redirects are followed here, a few at most,
and each hop is checked the same way.  Every failure is a `FetchError` whose one-line
message names the URL.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpcore
import httpx

from sitrep.config import Settings
from sitrep.errors import FetchError, InputError

SCHEMES = ("http", "https")
# Browsers follow about 20; news pages and feeds need one or two (http->https, a CDN).
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response: the final URL, its status (200-299 or 304) and body, and validators."""

    url: str
    status: int
    content: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when a conditional request found the resource unchanged (HTTP 304)."""
        return self.status == 304


class _Refused(Exception):
    """An address the policy refuses; raised inside the transport, reported with the URL."""


def address_problem(address: str | Address, allow_private: bool = False) -> str | None:
    """Why sitrep may not connect to this IP address ('a loopback address'), or None if it may."""
    if allow_private:
        return None
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for inner in _embedded_ipv4(ip):
        problem = address_problem(inner)
        if problem:
            return problem
    for flag, name in (
        ("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
        ("is_private", "a private"), ("is_reserved", "a reserved"),
    ):  # fmt: skip
        if getattr(ip, flag):
            return f"{name} address"
    return None if ip.is_global else "not a public address"


def _embedded_ipv4(ip: Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside a 6to4 or Teredo IPv6 address, which reach them."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    teredo = ip.teredo[1] if ip.teredo else None
    return [inner for inner in (ip.sixtofour, teredo) if inner is not None]


def resolve(host: str, port: int, allow_private: bool, timeout: float | None = None) -> list[str]:
    """Resolve a host once and check every address; refuse the host if any address is refused."""
    infos = _getaddrinfo(host, port, timeout)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        problem = address_problem(address.split("%")[0], allow_private)  # drop a scope id
        if problem:
            shown = host if host == address else f"{host} resolves to {address},"
            raise _Refused(f"{shown} {problem}; refused (setting allow_private)")
    return addresses


def _getaddrinfo(host: str, port: int, timeout: float | None) -> list[Any]:
    """getaddrinfo within a time limit (it has none of its own), in a helper thread."""
    found: list[Any] = []
    failed: list[BaseException] = []

    def lookup() -> None:
        try:
            found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            failed.append(exc)

    worker = threading.Thread(target=lookup, name="sitrep-resolve", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"resolving {host} took longer than {timeout:g}s")
    if failed or not found:
        reason = _reason(failed[0]) if failed else "no addresses"
        raise httpcore.ConnectError(f"cannot resolve {host} ({reason})")
    return found


class _CheckedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy allows, by IP, after one resolution."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve, check, then connect to the first checked address that answers."""
        error: Exception | None = None
        for address in resolve(host, port, self.allow_private, timeout):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose network backend applies the policy."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx does not expose httpcore's `network_backend` option, so the pool httpx made
        # is replaced by one with the checking backend (tests/test_net.py shows it is used).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_CheckedBackend(allow_private),
        )


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The one HTTP client factory: timeouts, user agent, no redirects or proxies, address policy.

    Tests may pass their own `transport` (an `httpx.MockTransport`); URLs are still checked
    for scheme and literal addresses, but host names are then not resolved.
    """
    return httpx.Client(
        transport=transport or _CheckedTransport(settings.allow_private),
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        trust_env=False,
    )


class Fetcher:
    """Fetches URLs under sitrep's policy; the client is made on first use and reused."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.transport = transport
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        """The HTTP client (made by `make_client` on first use)."""
        if self._client is None:
            self._client = make_client(self.settings, self.transport)
        return self._client

    def close(self) -> None:
        """Close the client's connections (idempotent)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(self, url: str) -> bytes:
        """The body of a URL (redirects followed, size and time capped); FetchError otherwise."""
        return self.get(url).content

    def fetch_input(self, url: str) -> bytes:
        """`fetch` for URL inputs: a URL that cannot be fetched is reported as a skipped input."""
        try:
            return self.fetch(url)
        except FetchError as exc:
            raise InputError(str(exc).removeprefix(f"{url}: "), url) from None

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET a URL, conditionally when validators are given (a 304 is returned as such)."""
        deadline = time.monotonic() + self.settings.fetch_timeout
        headers = _conditional_headers(etag, last_modified)
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            with self._errors(url, current):
                target = _checked_url(current, self.settings.allow_private)
                response = self.client.send(self._request(target, headers, deadline), stream=True)
                try:
                    location = _redirect_location(response)
                    if location is None:
                        return self._result(response, deadline)
                finally:
                    response.close()
            current = str(target.join(location))
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _request(
        self, target: httpx.URL, headers: dict[str, str], deadline: float
    ) -> httpx.Request:
        remaining = max(deadline - time.monotonic(), 0.001)
        return self.client.build_request("GET", target, headers=headers, timeout=remaining)

    def _result(self, response: httpx.Response, deadline: float) -> Fetched:
        if response.status_code == 304:
            content = b""
        elif 200 <= response.status_code < 300:
            content = self._body(response, deadline)
        else:
            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise FetchError(f"HTTP {response.status_code}{phrase}")
        return Fetched(
            url=str(response.url), status=response.status_code, content=content,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type"),
        )  # fmt: skip

    def _body(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.fetch_max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(_too_large(limit))
        chunks, size = [], 0
        for chunk in response.iter_bytes():  # as it arrives, so the deadline is checked
            size += len(chunk)
            if size > limit:
                raise FetchError(_too_large(limit))
            if time.monotonic() > deadline:
                raise FetchError(self._timed_out())
            chunks.append(chunk)
        return b"".join(chunks)

    def _timed_out(self) -> str:
        return f"timed out after {self.settings.fetch_timeout:g}s (setting fetch_timeout)"

    @contextmanager
    def _errors(self, url: str, current: str) -> Iterator[None]:
        """Turn every transport failure into a FetchError naming the URL (and the hop)."""
        where = url if current == url else f"{url}: redirected to {current}"
        try:
            yield
        except _Refused as exc:
            raise FetchError(f"{where}: {exc}") from None
        except httpx.TimeoutException:
            raise FetchError(f"{where}: {self._timed_out()}") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"{where}: cannot connect ({_reason(exc)})") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"{where}: not a valid URL ({_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{where}: {type(exc).__name__} ({_reason(exc)})") from None
        except FetchError as exc:
            raise FetchError(f"{where}: {exc}") from None


def _checked_url(url: str, allow_private: bool) -> httpx.URL:
    """Parse a URL, refusing other schemes and (before any DNS) literal addresses refused."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"not a valid URL ({_reason(exc)})") from None
    if parsed.scheme not in SCHEMES:
        shown = f", not {parsed.scheme}://" if parsed.scheme else ""
        raise FetchError(f"only http:// and https:// URLs may be fetched{shown}")
    if not parsed.host:
        raise FetchError("not a valid URL (no host)")
    problem = _literal_problem(parsed.host, allow_private)
    if problem:
        raise FetchError(f"{parsed.host} is {problem}; refused (setting allow_private)")
    return parsed


def _literal_problem(host: str, allow_private: bool) -> str | None:
    try:
        ip = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None  # a host name: checked when it is resolved, at connection time
    return address_problem(ip, allow_private)


def _redirect_location(response: httpx.Response) -> str | None:
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location: str | None = response.headers.get("location")
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location header")
    return location


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _too_large(limit: int) -> str:
    return f"response larger than {limit / 1_000_000:.1f} MB (setting fetch_max_bytes)"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
