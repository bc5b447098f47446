"""The web UI: static files from sitrep/web, front-end libraries from its node_modules.

The libraries come from npm (web/package.json and its lock file) and are served under
/vendor/; when they are not installed, the page still loads and says how to install them.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

VENDOR_MARK = "<!-- vendor -->"
# The files the UI loads, relative to node_modules (versions pinned in web/package.json).
VENDOR_SCRIPTS = (
    "cytoscape/dist/cytoscape.min.js",
    "d3-array/dist/d3-array.min.js",
    "d3-geo/dist/d3-geo.min.js",
    "topojson-client/dist/topojson-client.min.js",
)
VENDOR_DATA = ("world-atlas/countries-110m.json",)
VENDOR_FILES = frozenset((*VENDOR_SCRIPTS, *VENDOR_DATA))  # nothing else is served from npm


def web_root() -> Path:
    """The directory holding index.html, static/ and package.json."""
    return Path(str(resources.files("sitrep").joinpath("web")))


def mount(app: FastAPI) -> None:
    """Serve the UI at /, its files at /static/ and the npm libraries it uses at /vendor/."""
    root = web_root()

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        """The single page of the UI."""
        return HTMLResponse(index_page(root))

    @app.get("/vendor/{name:path}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        """One of the library files the UI loads, from node_modules."""
        path = root / "node_modules" / name
        if name not in VENDOR_FILES or not path.is_file():
            raise HTTPException(404, f"{name} is not one of the UI's installed libraries")
        return FileResponse(path)

    app.mount("/static", StaticFiles(directory=root / "static"), name="static")


def index_page(root: Path) -> str:
    """index.html with the library scripts, or a notice saying how to install them."""
    page = (root / "index.html").read_text(encoding="utf-8")
    missing = missing_vendor_files(root)
    if missing:
        command = html.escape(f"npm ci --prefix {root}")
        notice = (
            '<div id="vendor-missing" class="notice">The graph and the map need front-end '
            f"libraries that are not installed ({html.escape(missing[0])} is missing). Run "
            f"<code>{command}</code> and reload; everything else works without them.</div>"
        )
        return page.replace(VENDOR_MARK, notice)
    scripts = "\n".join(f'<script src="/vendor/{name}"></script>' for name in VENDOR_SCRIPTS)
    return page.replace(VENDOR_MARK, scripts)


def missing_vendor_files(root: Path) -> list[str]:
    """The library files the UI needs that node_modules does not hold."""
    modules = root / "node_modules"
    return sorted(name for name in VENDOR_FILES if not (modules / name).is_file())
