"""Assembles the Dash app; pages live in dashboard/pages, one per file."""

import gc
from pathlib import Path

from dash import Dash, Input, Output, State, dcc, html, page_container
from sqlalchemy.engine import Engine

from dashboard import answers, auth, bandwidth, downloads, store
from dashboard.components import filters
from dashboard.guard import guard_pages
from indicators import schema

HERE = Path(__file__).parent


def create_app(engine: Engine | None = None) -> Dash:
    """The dashboard reading `engine` (default: the store at RADTRACK_DATABASE_URL)."""
    if engine is not None:
        store.use_engine(engine)
    # Pages never run on a store behind or ahead of this code (SchemaError says what to do).
    schema.ensure(store.engine())
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        title="radtrack",
        suppress_callback_exceptions=True,
    )
    # the first paint speaks Indonesian, the default; assets/a11y.js follows the page's language
    app.index_string = app.index_string.replace("<html>", '<html lang="id">', 1)
    app.layout = html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            page_container,
            # dcc.Graph's and dcc.Markdown's code loads on demand, and React reveals a component
            # that had to wait for its code no sooner than 300 ms after it first rendered it: an
            # empty, hidden one of each in the shell has the code ready before a page's charts
            # and status tables arrive.
            dcc.Graph(id="graph-code", figure={"data": []}, style={"display": "none"}),
            dcc.Markdown(id="markdown-code", style={"display": "none"}),
        ]
    )
    guard_pages()
    filters.register(app)
    # the phone menu opens and closes in the browser (dashboard.components.shell)
    app.clientside_callback(
        "function (clicks, open) { return clicks ? !open : open; }",
        Output("nav-collapse", "is_open"),
        Input("nav-toggle", "n_clicks"),
        State("nav-collapse", "is_open"),
        prevent_initial_call=True,
    )
    downloads.register(app.server)
    auth.setup(app.server, app.csp_hashes)
    bandwidth.setup(app)  # compression and caching for slow links
    answers.setup(app)  # after both: checked after auth's checks, kept before compression
    # What the app is built from lives as long as the process: keep it out of every garbage
    # collection, which otherwise walks it again and again while pages are drawn (and, under
    # gunicorn, would touch pages shared with the workers).
    gc.freeze()
    return app
