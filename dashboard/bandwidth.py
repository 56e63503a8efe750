"""Fewer bytes for readers on slow links (kabupaten offices, mobile data in NTT).

- Every text response is compressed: brotli when the browser accepts it, gzip otherwise
  (flask-compress; callbacks at a fast level). The static files (Dash's component bundles, the
  vendored plotly.js, the CSS) are compressed at brotli's best level once per worker, in a
  thread started with the app, and kept in a bounded in-process cache.
- Fingerprinted files (Dash's component suites carry their version in the name; our assets carry
  `?m=<mtime>`) are cached by the browser for a year: a repeat visit fetches almost nothing.
- The page does not load dash_table's bundle: no page uses a DataTable (the grids are AG Grid).
- AG Grid's bundle (dash_ag_grid, 1.3 MB) is not loaded with the page either: it is named in a
  <meta> and assets/lazy_grid.js loads it when a page first draws a grid (the overview has none).
"""

import html
import re
import threading
from threading import Lock

import brotli
from dash import Dash
from flask import Flask, request
from flask_compress import Compress

from indicators.lru import Lru

YEAR = "public, max-age=31536000, immutable"
VERSIONED = re.compile(r"^/_dash-component-suites/.*\.v\d+_\d+_\d+m\d+")
STATIC = ("/_dash-component-suites/", "/assets/", "/_favicon.ico")
UNUSED_SCRIPT = re.compile(r'<script src="[^"]*/dash_table/[^"]*"></script>\s*')
GRID_SCRIPT = re.compile(r'<script src="([^"]*/dash_ag_grid/dash_ag_grid\.[^"]*\.js)"></script>\s*')
MIMETYPES = [
    "text/html",
    "text/css",
    "text/csv",
    "text/plain",
    "application/javascript",
    "text/javascript",
    "application/json",
    "image/svg+xml",
    "image/x-icon",
    "image/vnd.microsoft.icon",
]
STATIC_QUALITY = 11  # brotli's smallest: 1.8 s for plotly.js, once per worker, off the request


# the static files' compressed bodies, by address (which holds their version): one set per
# process, whatever number of apps it makes (the tests make many)
STATIC_BODIES = Lru(32 * 1024 * 1024, weigh=len)  # bytes: the bundles are ~1.3 MB
COMPRESSING = Lock()


def _warm(server: Flask) -> None:
    """Compress every file the index names once, before the first reader asks for it."""
    try:
        client = server.test_client()
        page = client.get("/", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
        for url in re.findall(r'(?:src|href|content)="(/[^"]+)"', page):
            client.get(url, headers={"Accept-Encoding": "br"})
    except BaseException:  # noqa: BLE001  (a cold cache only costs the first reader time;
        return  # a server stopping under it ends the thread)


def setup(app: Dash) -> None:
    """Compression, long-lived caching of fingerprinted files, no unused bundle."""
    server: Flask = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_MIMETYPES=MIMETYPES,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_BR_LEVEL=5,  # callbacks: fast; static bodies are compressed once (cached)
        COMPRESS_LEVEL=6,
    )
    Compress(server)
    static = STATIC_BODIES

    @server.after_request
    def static_brotli(response):  # runs before flask-compress (registered after it)
        if (
            request.method == "GET"
            and request.path.startswith(STATIC)
            and response.status_code == 200
            and response.mimetype in MIMETYPES
            and "br" in request.headers.get("Accept-Encoding", "")
            and "Content-Encoding" not in response.headers
        ):
            body = static.get(request.full_path)
            if body is None:
                response.direct_passthrough = False
                with COMPRESSING:  # one file at a time: a second asker finds it done
                    body = static.get(request.full_path)
                    if body is None:
                        body = brotli.compress(response.get_data(), quality=STATIC_QUALITY)
                        static.put(request.full_path, body)
            response.direct_passthrough = False
            response.set_data(body)
            response.headers["Content-Encoding"] = "br"
            response.headers["Vary"] = "Accept-Encoding"
        return response

    warming = []

    @server.before_request
    def warm_once():  # on the first request: the app is set up by then
        if not warming:
            warming.append(True)
            threading.Thread(target=_warm, args=(server,), daemon=True, name="warm").start()

    @server.after_request
    def long_lived(response):
        # Dash names a bundle with its version ("...v4_4_1m1796061703.min.js"); our assets and
        # the favicon carry ?m=<mtime> / ?v=<version>: a new version is a new address. An
        # unversioned file (a lazily loaded chunk) keeps Dash's own headers.
        fingerprinted = bool(VERSIONED.search(request.path)) or (
            request.path.startswith(STATIC) and ("m" in request.args or "v" in request.args)
        )
        if fingerprinted and response.status_code == 200:
            response.headers["Cache-Control"] = YEAR
        return response

    index = app.interpolate_index

    def without_unused(**parts):
        scripts = UNUSED_SCRIPT.sub("", parts["scripts"])
        grid = GRID_SCRIPT.search(scripts)
        if grid:  # loaded by assets/lazy_grid.js when a grid is drawn
            scripts = scripts.replace(grid.group(0), "")
            bundle = html.escape(grid.group(1), quote=True)
            parts["metas"] += f'<meta name="radtrack-grid-bundle" content="{bundle}">'
        parts["scripts"] = scripts
        return index(**parts)

    app.interpolate_index = without_unused
