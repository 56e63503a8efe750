"""Sortable, filterable tables (dash-ag-grid) with numbers in the page's language format."""

import dash_ag_grid as dag
import pandas as pd

from dashboard.i18n import t

LOCALE = {"id": "id-ID", "en": "en-GB"}
# AG Grid's own words (its English is the default): empty table, loading and the column filter.
GRID_WORDS_ID = {
    "noRowsToShow": "Tidak ada baris",
    "loadingOoo": "Memuat...",
    "filterOoo": "Saring...",
    "contains": "Memuat teks",
    "notContains": "Tidak memuat teks",
    "equals": "Sama dengan",
    "notEqual": "Tidak sama dengan",
    "startsWith": "Diawali",
    "endsWith": "Diakhiri",
    "blank": "Kosong",
    "notBlank": "Tidak kosong",
    "lessThan": "Kurang dari",
    "greaterThan": "Lebih dari",
    "lessThanOrEqual": "Kurang dari atau sama dengan",
    "greaterThanOrEqual": "Lebih dari atau sama dengan",
    "inRange": "Di antara",
    "inRangeStart": "Dari",
    "inRangeEnd": "Sampai",
    "andCondition": "DAN",
    "orCondition": "ATAU",
    "applyFilter": "Terapkan",
    "resetFilter": "Atur ulang",
    "clearFilter": "Hapus",
    "cancelFilter": "Batal",
    "selectAll": "Pilih semua",
    "searchOoo": "Cari...",
}


def number_format(lang: str, digits: int = 1, suffix: str = "", prefix: str = "") -> dict:
    """An ag-grid valueFormatter: 1.234,5 in Indonesian, 1,234.5 in English ("Rp 84.000.000"
    with prefix "Rp "); '-' for none; text (a withheld "< 11") as it is (a string's
    toLocaleString is itself; dash-ag-grid's safe evaluator knows no `typeof`)."""
    return {
        "function": (
            "params.value == null ? '-' : "
            f"'{prefix}' + params.value.toLocaleString("
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
        dashGridOptions={
            "domLayout": "normal" if height else "autoHeight",
            **({"localeText": GRID_WORDS_ID} if lang != "en" else {}),
        },
        style={"height": f"{height}px"} if height else {"height": None},
    )
