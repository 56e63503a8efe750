"""Numbers for the screen: Indonesian format (1.234,5; Rp 1.234) in Indonesian mode.

Exports keep raw numbers; formatting is for people only.
"""

from functools import lru_cache

from babel.numbers import format_decimal

LOCALES = {"id": "id_ID", "en": "en_US"}


def number(value: float | None, lang: str = "id", digits: int = 1) -> str:
    """1234.5 -> '1.234,5' (id) or '1,234.5' (en); None -> '-'."""
    if value is None or value != value:  # None or NaN
        return "-"
    return _formatted(float(value), lang, digits)


@lru_cache(maxsize=65_536)  # a page shows the same targets and counts again and again
def _formatted(value: float, lang: str, digits: int) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "id_ID"))


def percent(value: float | None, lang: str = "id") -> str:
    """A percentage already scaled to 0-100: 85.67 -> '85,7%'."""
    if value is None or value != value:
        return "-"
    return number(value, lang, 1) + "%"


def rupiah(value: float | None, lang: str = "id") -> str:
    """12500000 -> 'Rp 12.500.000'."""
    if value is None or value != value:
        return "-"
    return "Rp " + number(value, lang, 0)


def plotly_separators(lang: str = "id") -> str:
    """Plotly's `separators` layout value: decimal mark then thousands mark."""
    return ",." if lang == "id" else ".,"
