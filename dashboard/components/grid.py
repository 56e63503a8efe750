"""Sortable, filterable tables (dash-ag-grid) with numbers in the page's language format."""

import dash_ag_grid as dag
import pandas as pd

from dashboard.i18n import t

LOCALE = {"id": "id-ID", "en": "en-GB"}


def number_format(lang: str, digits: int = 1, suffix: str = "") -> dict:
    """An ag-grid valueFormatter: 1.234,5 in Indonesian, 1,234.5 in English; '-' for none."""
    return {
        "function": (
            "params.value == null ? '-' : params.value.toLocaleString("
            f"'{LOCALE.get(lang, 'id-ID')}', {{maximumFractionDigits: {digits}}}) + '{suffix}'"
        )
    }


def grid(
    frame: pd.DataFrame,
    columns: list[tuple[str, str, dict]],
    lang: str,
    grid_id: str,
    height: int | None = None,
) -> dag.AgGrid:
    """`columns` are (field, text key, extra column options); numbers stay numbers so they
    sort as numbers, and are formatted for display only."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=[{"field": f, "headerName": t(k, lang), **extra} for f, k, extra in columns],
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        columnSize="autoSize",
        dashGridOptions={"domLayout": "normal" if height else "autoHeight"},
        style={"height": f"{height}px"} if height else {"height": None},
    )
