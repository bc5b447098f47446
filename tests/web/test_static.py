"""The UI's files: served at /, libraries from npm under /vendor/, a clear page without them."""

from __future__ import annotations

import json
import re
import warnings

from sitrep.api import create_app
from sitrep.api.web import VENDOR_DATA, VENDOR_SCRIPTS, web_root
from sitrep.config import Settings

with warnings.catch_warnings():  # see tests/api/conftest.py
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def test_index_loads_every_library_from_vendor(store_path):
    with TestClient(create_app(str(store_path), Settings())) as client:
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        for name in VENDOR_SCRIPTS:
            assert f'<script src="/vendor/{name}"></script>' in page.text
        for name in (*VENDOR_SCRIPTS, *VENDOR_DATA):
            assert client.get(f"/vendor/{name}").status_code == 200, name
        assert client.get("/static/app.js").status_code == 200
        assert "vendor-missing" not in page.text


def test_without_node_modules_the_page_says_how_to_install_them(store_path, bare_web_root):
    with TestClient(create_app(str(store_path), Settings())) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert 'id="vendor-missing"' in page.text
        assert f"npm ci --prefix {bare_web_root}" in page.text
        assert "/vendor/" not in page.text  # no script that would 404
        assert client.get("/static/app.js").status_code == 200
        assert client.get("/vendor/cytoscape/dist/cytoscape.min.js").status_code == 404


def test_libraries_are_pinned_exactly_and_locked():
    root = web_root()
    package = json.loads((root / "package.json").read_text())
    lock = json.loads((root / "package-lock.json").read_text())
    for name, version in package["dependencies"].items():
        assert EXACT_VERSION.match(version), f"{name} {version} is not an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    used = {name.split("/")[0] for name in (*VENDOR_SCRIPTS, *VENDOR_DATA)}
    assert used <= set(package["dependencies"])


def test_the_ui_needs_no_network():
    root = web_root()
    for name in ("index.html", "static/app.js", "static/style.css"):
        text = (root / name).read_text()
        assert not re.search(r"(src|href)=[\"']?https?://", text), name
        assert 'fetch("http' not in text and "url(http" not in text, name


def test_only_the_libraries_the_ui_uses_are_served(store_path):
    with TestClient(create_app(str(store_path), Settings())) as client:
        assert client.get("/vendor/cytoscape/package.json").status_code == 404
        assert client.get("/vendor/../package.json").status_code == 404
        assert client.get("/vendor/%2e%2e/package.json").status_code == 404
