"""Who reported and for when: agency, plan, year and triwulan from what a file says about itself
(template metadata, title rows, sheet names, the file name). The command line overrides all."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from indicators.models import Plan
from loaders.layout import (
    FIRST_SEMESTER,
    MONTH_RANGE,
    MONTH_UP_TO_DATE,
    MONTHS,
    QUARTER_PAIR,
    QUARTER_RE,
    QUARTER_UNREAD,
    TO_DATE_RE,
    month_number,
    month_period,
    normalise,
    quarter_in,
    short_text_cache,
)
from loaders.report import Problem


def _words(text: str) -> str:
    return f" {normalise(text)} "


class AgencyNames:
    """Every agency's code, name and aliases, normalised once for a batch: which agency a text
    (a title, a sheet name, a file name) names. A text is looked up phrase by phrase, so the
    cost follows the text's length, not the number of agencies (a national store has
    thousands)."""

    LONGEST_TEXT = 200  # words of a text looked at: titles, never a sheet's prose

    def __init__(self, rows) -> None:
        """`rows`: (code, name, aliases, region_code) of every agency."""
        self.codes: dict[str, set[str]] = {}
        self.regions: dict[str, str | None] = {}
        for code, name, aliases, region in rows:
            self.regions[code] = region
            for text in (code, name, *(aliases or [])):
                key = normalise(text)
                if key:
                    self.codes.setdefault(key, set()).add(code)
        self.longest = max((len(k.split()) for k in self.codes), default=0)
        self.starts = {k.split()[0] for k in self.codes}

    def find(self, text: str) -> str | None:
        """The code of the one agency named in `text` as whole words; None when none is, or
        when two are (the user is asked rather than guessed for)."""
        words = normalise(text).split()[: self.LONGEST_TEXT]
        found: set[str] = set()
        for i in range(len(words)):
            if words[i] not in self.starts:
                continue
            for j in range(i + 1, min(len(words), i + self.longest) + 1):
                found |= self.codes.get(" ".join(words[i:j]), set())
        return found.pop() if len(found) == 1 else None


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
# A date ("Kefamenanu, 8 Januari 2021", "08 01 2021" once punctuation is folded): when a letter
# was written, never the year it reports on.
DATE = re.compile(
    rf"\b(\d{{1,2}})\s+({MONTHS})\s+(20\d\d)\b|\b(\d{{1,2}})\s+(\d{{1,2}})\s+(20\d\d)\b"
)
# The year of a legal act ("Peraturan Bupati ... Nomor 17 Tahun 2018", "Perbup No 5 Tahun 2019",
# "UU 21/2007"): the year the rule was made, never the reporting year.
LEGAL_ACT = re.compile(
    r"\b(?:nomor|no)\s+[0-9]+[a-z]?(?:\s+[0-9a-z]+)?\s+tahun\s+20\d\d\b"
    r"|\b(?:nomor|no)\s+\d+(?:\s+[a-z]+){1,5}\s+20\d\d\b"  # "Nomor 190/KEP/HK/IV/2018"
    r"|\b(?:uu|pp|perpres|perda|perbup|permendagri|sk)\s+(?:no\s+)?\d+\s+(?:tahun\s+)?20\d\d\b"
)
SEMESTER = re.compile(
    r"\bsemester\s+(i|ii|1|2|satu|dua|pertama|kedua)\b"
    r"|\b(januari|jan|juli|jul)\s+(?:sd|s d|sampai|hingga|to)?\s*(juni|jun|desember|des)\b"
)


def _without_acts_and_dates(norm: str) -> str:
    return DATE.sub(" ", LEGAL_ACT.sub(" ", norm))


def dates_in(text: str) -> list[tuple[int, int, int]]:
    """(year, month, day) of every date written in `text` (a letter's date line)."""
    found = []
    for match in DATE.finditer(normalise(text)):
        if match.group(1):
            month = month_number(match.group(2))
            day, year = int(match.group(1)), int(match.group(3))
        else:
            day, month, year = int(match.group(4)), int(match.group(5)), int(match.group(6))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((year, month, day))
    return found


def semester_in(text: str) -> int | None:
    """1 or 2 when `text` names a semester ("Semester I", "Januari s.d. Juni")."""
    match = SEMESTER.search(normalise(text))
    if not match:
        return None
    word = match.group(1)
    if word:
        return 1 if word in FIRST_SEMESTER else 2
    start, end = match.group(2), match.group(3)
    if start.startswith("jan") and end.startswith("jun"):
        return 1
    if start.startswith("jul") and end.startswith("des"):
        return 2
    return None


@short_text_cache(maxsize=4_096)  # sheet names and titles repeat on every row and file
def period_in(text: str, years: range) -> tuple[int | None, int | None]:
    """(year, quarter) named in free text such as a title row or a sheet name.

    A plan period ("2018-2022") is not a report year, nor is the year of a legal act ("Perbup
    Nomor 17 Tahun 2018") or of a date ("8 Januari 2021"); "tahun 2020" is preferred; text that
    names two different years, and no stated one, names none.
    """
    norm = _without_acts_and_dates(normalise(text))
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


@dataclass
class FilePeriod:
    """The period a file names for itself (title rows, sheet name, file name), read source by
    source; `problems` is non-empty when they disagree or name a period radtrack cannot hold."""

    year: int | None = None
    quarter: int | None = None
    semester: int | None = None  # "Semester I", "Januari-Juni"
    to_date: bool = False  # "s.d. TW II", "kumulatif": figures up to the end of the period
    said_to_date: bool = False  # some text says "kumulatif" or "s.d.", of a triwulan or not
    problems: list[Problem] = field(default_factory=list)


# words that make a report the year's ("Laporan Tahunan", "akhir tahun", "annual")
YEAR_WORDS = re.compile(r"\b(?:tahunan|akhir tahun|annual|year end|end of year)\b")
# "bukan akumulasi tahun sebelumnya" (radtrack's own template says so) is the opposite of to-date
NOT_TO_DATE = re.compile(r"\b(?:bukan|tidak|not)\s+(?:akumulasi|kumulatif|cumulative)\b")


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:70]}…'" if len(text) > 70 else f"'{text}'"


def file_period(
    file: str, texts: list[str], years: range, today: date, saved: date | None = None
) -> FilePeriod:
    """What the file name and `texts` (each table's title rows; the sheet name of a single
    table) say of the year, triwulan or semester: refused when two of them disagree, or when
    the period had not ended when the file was dated, or today."""
    out = FilePeriod()
    sources = [file_stem(file), *[t for t in texts if t.strip()]]
    said = []
    for text in sources:
        year, quarter = period_in(text, years)
        norm = NOT_TO_DATE.sub(" ", normalise(text))
        semester = semester_in(text) if quarter is None else None
        months = month_period(norm) if quarter is None and semester is None else None
        named_quarters = {quarter_in(m.group(0)) for m in QUARTER_RE.finditer(norm)}
        if (
            len(named_quarters) > 1
            or QUARTER_PAIR.search(norm)
            or (
                quarter is None
                and semester is None
                and months is None
                and QUARTER_UNREAD.search(QUARTER_RE.sub(" ", norm))
            )
        ):
            # "Laporan Triwulan Tahun 2021", "TW ke-2"? which triwulan is not certain: never
            # taken for the whole year
            out.problems.append(Problem("quarter-unclear", file, found=_shown(text)))
            return out
        if quarter is not None and YEAR_WORDS.search(norm):
            # "LAPORAN TRIWULAN IV (AKHIR TAHUN)": the fourth triwulan's own figures, or the
            # year's? Stored as TW IV, a year's figures would count TW I-III twice
            found = f"{_shown(text)} → TW {quarter} / {year or '?'}"
            out.problems.append(Problem("period-disagrees", file, found=found))
            return out
        if months is not None and not months.held:
            # "Bulan Oktober 2021", "Februari - April": figures of a period radtrack holds none
            # for, never to be taken for the year's
            out.problems.append(Problem("period-not-held", file, found=_shown(text)))
            return out
        # "Juli s.d. Desember" is a range of months, not figures to date
        to_date = bool(TO_DATE_RE.search(SEMESTER.sub(" ", MONTH_RANGE.sub(" ", norm))))
        if months is not None:
            quarter, to_date = months.quarter, months.to_date or (to_date and bool(months.quarter))
        if semester and to_date and "semester" not in norm.split():
            quarter, semester = 2 * semester, None  # "kumulatif Januari-Juni": s.d. TW II
        out.said_to_date = out.said_to_date or to_date
        if year is not None or quarter is not None or semester is not None:
            said.append((text, year, quarter, semester, to_date))
    years_said = {y for _t, y, _q, _s, _d in said if y is not None}
    quarters_said = {q for _t, _y, q, _s, _d in said if q is not None}
    semesters_said = {s for _t, _y, _q, s, _d in said if s is not None}
    if (
        len(years_said) > 1
        or len(quarters_said) > 1
        or len(semesters_said) > 1
        or (quarters_said and semesters_said)
    ):
        readings = "; ".join(
            f"{_shown(t)} → {y or '?'}"
            + (f" TW {q}" if q else "")
            + (f" Semester {sm}" if sm else "")
            for t, y, q, sm, _d in said
        )
        out.problems.append(Problem("period-disagrees", file, found=readings))
        return out
    out.year = years_said.pop() if years_said else None
    out.quarter = quarters_said.pop() if quarters_said else None
    out.semester = semesters_said.pop() if semesters_said else None
    out.to_date = out.quarter is not None and any(d for *_r, d in said)
    if out.year is not None:
        if out.quarter:
            last_month, label = 3 * out.quarter, f"{out.year} TW {out.quarter}"
        elif out.semester:
            last_month, label = 6 * out.semester, f"{out.year} Semester {out.semester}"
        else:
            last_month, label = 12, f"{out.year}"
        ends = date(out.year, last_month, 1) + timedelta(days=31)
        ends = date(ends.year, ends.month, 1)  # the day after the period
        # a date figures run up to ("s.d. 30 September 2021") is no date of writing
        written = [
            date(*d)
            for text in sources
            for d in dates_in(MONTH_UP_TO_DATE.sub(" ", normalise(text)))
            if _valid(d)
        ]
        if saved is not None:
            written.append(saved)  # the workbook's own "last saved" date
        for when in [*written, today]:
            if when < ends:
                out.problems.append(
                    Problem("period-not-ended", file, found=label, expected=when.isoformat())
                )
                break
    return out


def _valid(parts: tuple[int, int, int]) -> bool:
    try:
        date(*parts)
    except ValueError:
        return False
    return True
