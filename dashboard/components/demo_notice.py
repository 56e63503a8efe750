"""The banner every page shows while demo data counts in what it displays."""

from dash import html

from dashboard.i18n import t


def demo_notice(lang: str) -> html.Div:
    """A visible, labelled warning that the figures are illustrative demo data."""
    return html.Div(
        [html.Strong(t("demo_badge", lang), className="badge"), " ", t("demo_notice", lang)],
        id="demo-notice",
        className="demo-notice",
        role="alert",
    )
