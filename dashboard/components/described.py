"""A chart with its text alternative: a sentence saying what it shows and a "show as table"
toggle with the same numbers, so a reader who cannot see the chart loses nothing of target
against achievement (WCAG 1.1.1). The toggle is a native <details>: it opens with the keyboard
and needs no script or callback."""

from dash import dcc, html

from dashboard.i18n import t


def described(
    graph: dcc.Graph,
    key: str,
    sentence: str,
    head: list[str],
    rows: list[list],
    lang: str,
    class_name: str = "",
) -> html.Figure:
    """`graph` in a <figure> with `sentence` as its caption and `rows` under `head` as a table
    behind a "show as table" toggle; `key` names the parts (`{key}-summary`, `{key}-table`)."""
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
            html.Tbody([html.Tr([html.Td(str(c)) for c in row]) for row in rows]),
        ],
        className="grid chart-data",
    )
    return html.Figure(
        [
            graph,
            html.Figcaption(sentence, id=f"{key}-summary", className="chart-summary"),
            html.Details(
                [html.Summary(t("show_table", lang)), table],
                id=f"{key}-table",
                className="chart-table",
            ),
        ],
        className=f"described-chart {class_name}".strip(),
    )
