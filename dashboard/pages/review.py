"""Tinjauan / Review (admins only, enforced in dashboard.guard and again in the callback):
uploads by agency accounts wait here; approve loads one through the normal ingest, return
sends it back with a reason. Both are in the audit log."""

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import store
from dashboard.auth import current_actor
from dashboard.components.grid import grid
from dashboard.components.shell import shell
from dashboard.i18n import pick_lang, t
from indicators.models import ReviewStatus
from indicators.queries import pending_table
from indicators.summary import refresh_stale
from loaders.review import ReviewError, approve, send_back

dash.register_page(__name__, path="/tinjau", name="nav_review", title="radtrack - tinjau", order=9)


def waiting(lang: str) -> html.Div:
    """One row per waiting upload with its Approve and Return controls."""
    with store.session() as s:
        table = pending_table(s, status=ReviewStatus.SUBMITTED)
    if table.empty:
        return html.Div(html.P(t("review_none", lang)), id="review-list")
    rows = []
    for r in table.itertuples():
        period = f"{r.year}" + (f" TW {r.quarter}" if r.quarter == r.quarter and r.quarter else "")
        rows.append(
            html.Tr(
                [
                    html.Td(r.plan),
                    html.Td(r.agency),
                    html.Td(period),
                    html.Td(r.file),
                    html.Td(r.rows, className="num"),
                    html.Td(r.uploaded_by),
                    html.Td(r.uploaded_at.strftime("%Y-%m-%d %H:%M")),
                    html.Td(
                        html.Button(
                            t("review_approve", lang),
                            id={"type": "review-approve", "id": int(r.id)},
                            className="btn btn-primary btn-sm",
                        )
                    ),
                    html.Td(
                        [
                            dcc.Input(
                                id={"type": "review-reason", "id": int(r.id)},
                                placeholder=t("review_reason", lang),
                                debounce=False,
                            ),
                            html.Button(
                                t("review_return", lang),
                                id={"type": "review-return", "id": int(r.id)},
                                className="btn btn-outline-danger btn-sm ms-1",
                            ),
                        ]
                    ),
                ],
                id=f"review-{int(r.id)}",
            )
        )
    head = html.Tr(
        [
            html.Th(t(k, lang))
            for k in (
                "col_plan",
                "col_agency",
                "col_period",
                "col_file",
                "col_rows",
                "col_by",
                "col_uploaded",
                "review_approve",
                "review_return",
            )
        ]  # fmt: skip
    )
    return html.Div(
        html.Table([html.Thead(head), html.Tbody(rows)], className="grid"), id="review-list"
    )


def history(lang: str):
    """The latest decisions."""
    with store.session() as s:
        table = pending_table(s)
    table = table[table["status"] != ReviewStatus.SUBMITTED.value].head(100).copy()
    table["status"] = [t("state_" + v, lang) for v in table["status"]]
    columns = [
        ("plan", "col_plan", {}),
        ("agency", "col_agency", {}),
        ("file", "col_file", {}),
        ("status", "col_status", {}),
        ("reason", "review_reason", {}),
        ("decided_by", "col_by", {}),
    ]
    return grid(table, columns, lang, "review-history")


def layout(lang: str = "id", **query):
    """The waiting uploads and the latest decisions."""
    lang = pick_lang(lang)
    body = [
        html.H1(t("review_title", lang)),
        html.P(t("review_help", lang), className="footnote"),
        dcc.Store(id="review-lang", data=lang),
        html.Div(id="review-result", role="status"),
        waiting(lang),
        html.H2(t("review_history", lang)),
        html.Div(history(lang), id="review-history-box"),
    ]
    return shell(lang, "/tinjau", query, body)


@callback(
    Output("review-result", "children"),
    Output("review-list", "children"),
    Output("review-history-box", "children"),
    Input({"type": "review-approve", "id": ALL}, "n_clicks"),
    Input({"type": "review-return", "id": ALL}, "n_clicks"),
    State({"type": "review-reason", "id": ALL}, "value"),
    State({"type": "review-reason", "id": ALL}, "id"),
    State("review-lang", "data"),
    prevent_initial_call=True,
)
def decide(_approvals, _returns, reasons, reason_ids, lang):
    """Approve or return the upload whose button was pressed (admins only)."""
    actor = current_actor()
    pressed = ctx.triggered_id
    if not actor.is_admin or pressed is None or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    pending_id = pressed["id"]
    engine = store.engine()
    try:
        if pressed["type"] == "review-approve":
            report = approve(engine, pending_id, actor.audit_name, lang)
            refresh_stale(engine)
            if report.ok and report.status == "unchanged":
                message = t("review_unchanged", lang, file=report.file)
            elif report.ok:
                message = t("review_approved", lang, file=report.file)
            else:
                message = "; ".join(p.message(lang) for p in report.errors)
        else:
            reason = dict(zip([i["id"] for i in reason_ids], reasons, strict=True)).get(pending_id)
            if not (reason or "").strip():
                return html.P(t("review_reason_needed", lang)), no_update, no_update
            name = send_back(engine, pending_id, actor.audit_name, reason)
            message = t("review_returned", lang, file=name)
    except ReviewError as exc:
        message = str(exc)
    return html.P(message, id="review-message"), waiting(lang).children, history(lang)
