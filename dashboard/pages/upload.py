"""Unggah / Upload: drop workbooks, see the same validation report as the command line, confirm
to load. Validation is a dry run; nothing is written before the Load button."""

import base64

import dash
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import store
from dashboard.auth import current_actor
from dashboard.components.grid import grid
from dashboard.components.shell import shell
from dashboard.i18n import pick_lang, t
from indicators.models import Role
from indicators.queries import pending_table
from indicators.summary import refresh_stale
from loaders.ingest import Catalogue, ingest_bytes
from loaders.review import Refused, needs_review, submit
from loaders.safety import MAX_FILE_BYTES, safe_file_name

MAX_FILES = 20  # per batch; the request size limit is in dashboard.auth

dash.register_page(__name__, path="/unggah", name="nav_upload", title="radtrack - unggah", order=5)


def layout(lang: str = "id", **query):
    """The upload page."""
    lang = pick_lang(lang)
    body = [
        html.H1(t("upload_title", lang)),
        dcc.Upload(
            html.Div(t("upload_help", lang)),
            id="upload-files",
            multiple=True,
            max_size=MAX_FILE_BYTES,
            className="upload-zone",
        ),
        dcc.Store(id="upload-lang", data=lang),
        dcc.Store(id="upload-pending"),
        html.Div(html.P(t("upload_nothing", lang)), id="upload-report"),
        html.Button(t("upload_load", lang), id="upload-confirm", disabled=True, n_clicks=0),
        html.Div(id="upload-result"),
    ]
    actor = current_actor()
    if actor.role == Role.UPLOADER:
        body.append(my_uploads(actor.agency, lang))
    return shell(lang, "/unggah", query, body)


def _decode(contents: str) -> bytes:
    return base64.b64decode(contents.split(",", 1)[1])


def report_view(reports, lang: str, table_id: str) -> html.Div:
    """One summary row per file, then every problem with its place, as on the command line."""
    head = html.Tr(
        [
            html.Th(t(k, lang))
            for k in ("col_file", "col_status", "col_agency", "col_period", "col_rows")
        ]
    )
    rows = []
    for r in reports:
        periods = ", ".join(
            f"{p['year']}" + (f" TW {p['quarter']}" if p["quarter"] else "") for p in r.periods
        )
        rows.append(
            html.Tr(
                [
                    html.Td(r.file),
                    html.Td(t(f"status_{r.status}", lang)),
                    html.Td(r.agency or "-"),
                    html.Td(periods or "-"),
                    html.Td(str(r.rows_loaded)),
                ],
                className=f"upload-{r.status}",
            )
        )
    problems = [
        html.Tr(
            [html.Td(p.severity), html.Td(p.place(lang)), html.Td(p.message(lang))],
            className=f"problem-{p.severity}",
        )
        for r in reports
        for p in r.problems
    ]
    parts = [html.Table([html.Thead(head), html.Tbody(rows)], id=table_id, className="grid")]
    if problems:
        parts.append(
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(""),
                                html.Th(t("col_place", lang)),
                                html.Th(t("col_message", lang)),
                            ]
                        )
                    ),
                    html.Tbody(problems),
                ],
                id=f"{table_id}-problems",
                className="grid problems",
            )
        )
    return html.Div(parts)


@callback(
    Output("upload-report", "children"),
    Output("upload-pending", "data"),
    Output("upload-confirm", "disabled"),
    Input("upload-files", "contents"),
    State("upload-files", "filename"),
    State("upload-lang", "data"),
    prevent_initial_call=True,
)
def check_files(contents, names, lang):
    """Validate dropped files without writing anything."""
    actor = current_actor()
    if not contents or not actor.may_upload:  # checked here too: a callback can be called alone
        raise PreventUpdate
    if len(contents) > MAX_FILES:
        return html.P(t("upload_too_many", lang, n=MAX_FILES), id="upload-summary"), [], True
    engine, catalogue = store.engine(), Catalogue()
    reports = [
        ingest_bytes(
            engine,
            _decode(c),
            n,
            dry_run=True,
            lang=lang,
            allowed_agency=actor.agency,
            catalogue=catalogue,
        )
        for c, n in zip(contents, names, strict=True)
    ]
    good = [
        {"name": n, "contents": c}
        for c, n, r in zip(contents, names, reports, strict=True)
        if r.ok and r.status != "unchanged"
    ]
    bad = sum(1 for r in reports if not r.ok)
    summary = html.P(t("upload_ready", lang, ok=len(good), bad=bad), id="upload-summary")
    return [summary, report_view(reports, lang, "upload-checked")], good, not good


@callback(
    Output("upload-result", "children"),
    Output("upload-confirm", "disabled", allow_duplicate=True),
    Input("upload-confirm", "n_clicks"),
    State("upload-pending", "data"),
    State("upload-lang", "data"),
    prevent_initial_call=True,
)
def load_files(clicks, pending, lang):
    """Load the files that passed the check, each in its own transaction; an agency account's
    files go to the secretariat's review instead, where the plan asks for it."""
    actor = current_actor()
    if not clicks or not pending or not actor.may_upload or len(pending) > MAX_FILES:
        raise PreventUpdate
    engine, catalogue = store.engine(), Catalogue()
    reports, submitted = [], 0
    for f in pending:
        data = _decode(f["contents"])
        f = {**f, "name": safe_file_name(str(f.get("name") or ""))}
        if actor.role == Role.UPLOADER:
            checked = ingest_bytes(
                engine,
                data,
                f["name"],
                dry_run=True,
                lang=lang,
                allowed_agency=actor.agency,
                catalogue=catalogue,
            )
            if checked.ok and checked.plan and needs_review(engine, checked.plan):
                try:
                    submit(engine, data, f["name"], checked, actor.audit_name)
                except Refused as exc:  # already waiting, already counting, or over the quota
                    checked.problems.append(exc.problem)
                    checked.status = "rejected"
                    reports.append(checked)
                    continue
                checked.status = "submitted"
                reports.append(checked)
                submitted += 1
                continue
        reports.append(
            ingest_bytes(
                engine,
                data,
                f["name"],
                uploaded_by=actor.audit_name,
                lang=lang,
                allowed_agency=actor.agency,
                catalogue=catalogue,
            )
        )
    loaded = sum(1 for r in reports if r.status in ("loaded", "replaced"))
    refresh_stale(engine)  # the all-plans summaries, once for the whole batch
    done = [html.P(t("upload_done", lang, ok=loaded), id="upload-done")]
    if submitted:
        done.append(html.P(t("upload_submitted", lang, ok=submitted), id="upload-submitted"))
    return [*done, report_view(reports, lang, "upload-loaded")], True


def my_uploads(agency: str, lang: str):
    """An agency account's uploads and where each stands (with the reason when returned)."""
    with store.session() as s:
        table = pending_table(s, agency=agency).head(50)
    table["status"] = [t("state_" + v, lang) for v in table["status"]]
    columns = [
        ("file", "col_file", {}),
        ("year", "year", {}),
        ("quarter", "col_quarter", {}),
        ("status", "col_status", {}),
        ("reason", "review_reason", {"wrapText": True, "autoHeight": True}),
    ]
    return html.Section([html.H2(t("my_uploads", lang)), grid(table, columns, lang, "my-uploads")])
