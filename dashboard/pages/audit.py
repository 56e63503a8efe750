"""Log audit / Audit log (admins only, enforced in dashboard.guard): every change to the store,
newest first, and the whole log as CSV."""

import dash
from dash import html

from dashboard import store
from dashboard.components.grid import grid
from dashboard.components.shell import shell
from dashboard.i18n import pick_lang, t
from indicators.audit import audit_table

dash.register_page(__name__, path="/audit", name="nav_audit", title="radtrack - audit", order=8)
SHOWN = 1000


def layout(lang: str = "id", **query):
    """The newest events in a sortable grid."""
    lang = pick_lang(lang)
    with store.session() as s:
        table = audit_table(s, SHOWN, words=lang)
    columns = [
        ("at", "col_at", {}),
        ("actor", "col_actor", {}),
        ("action", "col_action", {}),
        ("target", "col_target", {}),
        ("plan", "col_plan", {}),
        ("detail", "col_detail", {}),
    ]
    body = [
        html.H1(t("audit_title", lang)),
        html.P(t("audit_help", lang), className="footnote"),
        html.A(t("audit_download", lang), href="/download/audit.csv", id="audit-download"),
        grid(table, columns, lang, "audit-grid", height=600),
    ]
    return shell(lang, "/audit", query, body)
