"""Who reported and for when: agency, plan, year and triwulan from what a file says about itself
(template metadata, title rows, sheet names, the file name). The command line overrides all."""

import re
from collections.abc import Iterable

from indicators.models import Agency, Plan
from loaders.layout import normalise, quarter_in, year_in


def _words(text: str) -> str:
    return f" {normalise(text)} "


def agency_in(text: str, agencies: Iterable[Agency]) -> Agency | None:
    """The one agency whose code, name or alias stands in `text` as whole words.

    The longest match wins ("Dinas Sosial" over "Sosial"); two different agencies named with
    equally long names is no answer at all.
    """
    haystack = _words(text)
    best: list[tuple[int, Agency]] = []
    for agency in agencies:
        for name in (agency.code, agency.name, *(agency.aliases or [])):
            needle = _words(name)
            if needle.strip() and needle in haystack:
                best.append((len(needle), agency))
    if not best:
        return None
    best.sort(key=lambda item: item[0], reverse=True)
    top = [a for length, a in best if length == best[0][0]]
    return top[0] if len({a.code for a in top}) == 1 else None


def plan_in(text: str, plans: Iterable[Plan], region_names: dict[str, str]) -> Plan | None:
    """The one plan whose region is named in `text` (TTU also by its common abbreviation)."""
    haystack = _words(text)
    found = []
    for plan in plans:
        name = region_names.get(plan.region_code, "")
        names = {name, *(ABBREVIATIONS.get(plan.region_code, ()))}
        if any(n and _words(n) in haystack for n in names):
            found.append(plan)
    return found[0] if len(found) == 1 else None


ABBREVIATIONS = {"53.03": ("TTU", "Kefamenanu"), "53.02": ("TTS", "Soe"), "53.07": ("Maumere",)}


def period_in(text: str, years: range) -> tuple[int | None, int | None]:
    """(year, quarter) named in free text such as a title row or a sheet name."""
    norm = normalise(text)
    return year_in(norm, years), quarter_in(norm)


def file_stem(file: str) -> str:
    """The file name without folder and extension, separators turned into spaces."""
    stem = re.split(r"[\\/]", file)[-1].rsplit(".", 1)[0]
    return re.sub(r"[_\-.]+", " ", stem)
