"""Who reported and for when: agency, plan, year and triwulan from what a file says about itself
(template metadata, title rows, sheet names, the file name). The command line overrides all."""

import re
from collections.abc import Iterable

from indicators.models import Agency, Plan
from loaders.layout import normalise, quarter_in, short_text_cache


def _words(text: str) -> str:
    return f" {normalise(text)} "


def agency_in(text: str, agencies: Iterable[Agency]) -> Agency | None:
    """The one agency whose code, name or alias stands in `text` as whole words.

    Text naming two different agencies names none: the user is asked rather than guessed for.
    """
    haystack = _words(text)
    found = {
        agency.code: agency
        for agency in agencies
        for name in (agency.code, agency.name, *(agency.aliases or []))
        if _words(name).strip() and _words(name) in haystack
    }
    return next(iter(found.values())) if len(found) == 1 else None


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


YEAR_RANGE = re.compile(r"\b20\d\d\s+20\d\d\b")
STATED_YEAR = re.compile(r"\b(?:tahun|ta|tahun anggaran|year)\s+(20\d\d)\b")


@short_text_cache(maxsize=4_096)  # sheet names and titles repeat on every row and file
def period_in(text: str, years: range) -> tuple[int | None, int | None]:
    """(year, quarter) named in free text such as a title row or a sheet name.

    A plan period ("2018-2022") is not a report year; "tahun 2020" is preferred; text that
    names two different years, and no stated one, names none.
    """
    norm = normalise(text)
    stated = {int(y) for y in STATED_YEAR.findall(norm) if int(y) in years}
    if len(stated) == 1:
        year = stated.pop()
    else:
        bare = {int(y) for y in re.findall(r"\b(20\d\d)\b", YEAR_RANGE.sub(" ", norm))}
        bare &= set(years)
        year = bare.pop() if len(bare) == 1 else None
    return year, quarter_in(norm)


def file_stem(file: str) -> str:
    """The file name without folder and extension, separators turned into spaces."""
    stem = re.split(r"[\\/]", file)[-1].rsplit(".", 1)[0]
    return re.sub(r"[_\-.]+", " ", stem)
