"""The pydantic model of one agency-sheet row; what it rejects becomes the user's error report.

Numbers are read the Indonesian way ("5.000" is five thousand, "1.250,5" is 1250.5); a
milestone answer is a word ("Sudah", "Belum", ...) or 1/0; "-" and "N/A" mean not reported.
"""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from indicators.models import Kind
from indicators.vocabulary import MILESTONE_WORDS, unit_group

NOT_REPORTED = {"", "-", "--", "\u2013", "\u2014", "n/a", "na", "tidak ada data"}
DONE_WORDS = re.compile(
    r"^(?:(?:sudah|telah)\s+)?(?:terlaksana|dilaksanakan|dilakukan|sebanyak)\s+"
)
DONE_N_TIMES = re.compile(
    r"^(?:sudah |telah )?(?:terlaksana|dilaksanakan|dilakukan) \d+ ?x?(?: kali)?$"
)

# A number, optionally after "Rp" and before a unit word or "%": "Rp 12.500.000", "60 kali".
NUMBER_TEXT = re.compile(r"^(?:rp\.?\s*)?([+-]?\d[\d.,]*)\s*(?:%|[a-z][a-z ./]*)?$")
# The first word typed after a number ("45 orang", "3 (tiga) kali", "Terlaksana 2 kali").
UNIT_AFTER = re.compile(r"^(?:rp\.?\s*)?[+-]?\d[\d.,\s]*(?:\([a-z ]+\)\s*)?([a-z][a-z/]*)")
RUPIAH = re.compile(r"^rp\b|^rp\.?\s*\d")
COUNTED = (Kind.CUMULATIVE, Kind.RECURRING)  # counts of whole things: people, times, documents
THOUSANDS_DOTS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
THOUSANDS_COMMAS = re.compile(r"[+-]?\d{1,3}(?:,\d{3}){2,}")
ONE_COMMA_GROUP = re.compile(r"[+-]?\d{1,3},\d{3}")


class AmbiguousNumber(ValueError):
    """A number that reads two ways ("1,000": one, or one thousand)."""


def number_readings(text: str) -> str:
    """The two readings of an ambiguous number, for its message: '1,000' -> '1 / 1000'."""
    number = re.sub(r"[^\d,+-]", "", str(text))
    whole, _comma, part = number.partition(",")
    decimals = part.rstrip("0")
    return (f"{whole}.{decimals}" if decimals else whole) + f" / {whole}{part}"


ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
SPELLED = re.compile(r"^([+-]?\d[\d.,]*)\s*\(([a-z ]+)\)\s*(.*)$")  # "3 (tiga) kali"
SEX_SPLIT = re.compile(  # "200 orang (L: 120, P: 80)"
    r"^(.*?)\(\s*l(?:aki laki)?\s*[:=]?\s*(\d[\d.,]*)\s*[,;/]?\s*"
    r"p(?:erempuan)?\s*[:=]?\s*(\d[\d.,]*)\s*\)\s*$"
)
# words in brackets that take back a "Sudah": a draft, a proposal, something under way
UNFINISHED = re.compile(
    r"\b(?:draf|draft|drafting|rancangan|ranperda|ranperbup|konsep|proses|sedang|belum|menunggu|"
    r"usulan|diusulkan|pembahasan|dibahas)\b"
)
NO_ACTIVITY = {"tidak ada kegiatan", "nihil", "tidak ada", "tidak ada kasus", "0 (nihil)"}


def spelled(number: int) -> str:
    """An integer below 1,000 in Indonesian words: 3 -> 'tiga', 12 -> 'dua belas'."""
    if number < 10:
        return ONES[number]
    if number == 10:
        return "sepuluh"
    if number == 11:
        return "sebelas"
    if number < 20:
        return f"{ONES[number - 10]} belas"
    if number < 100:
        tens, rest = divmod(number, 10)
        return f"{ONES[tens]} puluh" + (f" {ONES[rest]}" if rest else "")
    hundreds, rest = divmod(number, 100)
    head = "seratus" if hundreds == 1 else f"{ONES[hundreds]} ratus"
    return head + (f" {spelled(rest)}" if rest else "")


def parse_number_text(text: str) -> float:
    """Read a number as Indonesian agencies type it.

    "5.000" and "1.250.000" group thousands with dots; "1.250,5" and "12,5" use a decimal comma;
    "12.5" (a dot not followed by exactly three digits) is a decimal point, as machine exports
    write it; with both marks the last one is the decimal mark. "Rp", "%" and a trailing unit
    word ("60 kali") are allowed. Anything else raises ValueError.
    """
    compact = re.sub(r"(?<=\d)[\s\u00a0](?=\d)", "", text.strip().lower())
    compact = re.sub(r"\s*[,.]-$", "", compact)  # "Rp. 12.500.000,-" as rupiah are written
    compact = DONE_WORDS.sub("", compact)  # "Terlaksana 2 kali", "sebanyak 3 kali": the count
    split = SEX_SPLIT.match(compact)
    if split:  # a total with its L/P split: the total, when the split adds up to it
        total = parse_number_text(split.group(1))
        if abs(parse_number_text(split.group(2)) + parse_number_text(split.group(3)) - total) > 0:
            raise ValueError(text)
        return total
    words = SPELLED.match(compact)
    if words:  # "3 (tiga) kali": the figure and its words must say the same
        number = parse_number_text(words.group(1))
        if (
            not number.is_integer()
            or number >= 1000
            or spelled(int(number)) != " ".join(words.group(2).split())
        ):
            raise ValueError(text)
        compact = f"{words.group(1)} {words.group(3)}".strip()
    match = NUMBER_TEXT.match(compact)
    if not match:
        raise ValueError(text)
    number = match.group(1)
    if "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        number = number.replace(grouping, "").replace(decimal, ".")
    elif "," in number:
        if THOUSANDS_COMMAS.fullmatch(number):
            number = number.replace(",", "")
        elif ONE_COMMA_GROUP.fullmatch(number):
            # "1,000": 1 with a decimal comma, or 1000 as an English-locale export groups it
            raise AmbiguousNumber(text)
        elif number.count(",") == 1:
            number = number.replace(",", ".")
        else:
            raise ValueError(text)
    elif "." in number:
        if THOUSANDS_DOTS.fullmatch(number):
            number = number.replace(".", "")
        elif number.count(".") > 1:
            raise ValueError(text)
    return float(number)


def parse_number(raw: object) -> float | None:
    """A cell as a number: None when empty or "-"; see parse_number_text for text."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise PydanticCustomError("not-a-number", "not a number")
    if isinstance(raw, int | float | Decimal):
        return float(raw)
    if isinstance(raw, date | datetime | time | timedelta):
        raise PydanticCustomError("not-a-number", "a date, not a number")
    text = str(raw).strip()
    if text.lower() in NOT_REPORTED:
        return None
    try:
        return parse_number_text(text)
    except AmbiguousNumber:
        raise PydanticCustomError("ambiguous-number", "reads two ways") from None
    except ValueError:
        raise PydanticCustomError("not-a-number", "not a number") from None


SEX_WORDS = {
    "l": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "male": "L",
    "m": "L",
    "p": "P",
    "perempuan": "P",
    "wanita": "P",
    "female": "P",
    "f": "P",
}


def normalise_word(raw: object) -> str:
    """Lower case, hyphens and extra spaces folded: 'Laki-laki' -> 'laki laki'."""
    return " ".join(re.sub(r"[-_/]+", " ", str(raw if raw is not None else "")).lower().split())


class AgencyRow(BaseModel):
    """One filled row of an agency report. Validate with context={"kind": Kind, "unit": str}."""

    code: str
    value: float | None = None
    budget: float | None = None
    spent: float | None = None
    note: str = ""
    sex: str | None = None
    age_group: str | None = None
    kecamatan: str | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, raw: object) -> str:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return str(raw if raw is not None else "").strip()

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, raw: object) -> str:
        return "" if raw is None else str(raw).strip()

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, raw: object, info: ValidationInfo) -> float | None:
        kind = (info.context or {}).get("kind")
        if kind == Kind.MILESTONE:
            if isinstance(raw, str):
                # "Ada (SK No. 5/2020)": the answer, and its evidence in brackets; "Sudah
                # (draft)" is no evidence but a doubt: done, or a draft not yet adopted?
                bracketed = "(" in raw
                word = " ".join(
                    (re.sub(r"\(.*?\)", " ", raw) if bracketed else raw).strip().lower().split()
                )
                if word in MILESTONE_WORDS or DONE_N_TIMES.match(word):
                    # "Terlaksana 2 kali": done
                    answer = MILESTONE_WORDS.get(word, 1.0)
                    brackets = " ".join(re.findall(r"\((.*?)\)", raw.lower())) if bracketed else ""
                    if answer == 1.0 and UNFINISHED.search(brackets):
                        raise PydanticCustomError("bad-milestone", "not a milestone answer")
                    return answer
                if word in NO_ACTIVITY:
                    return 0.0
                if word == "":
                    return None
            try:
                number = parse_number(raw)
            except PydanticCustomError:
                raise PydanticCustomError("bad-milestone", "not a milestone answer") from None
            if number not in (None, 0.0, 1.0):
                raise PydanticCustomError("bad-milestone", "not a milestone answer")
            return number
        if isinstance(raw, str) and "%" in raw and kind != Kind.PERCENTAGE:
            raise PydanticCustomError("percent-for-count", "a percentage for a count")
        if isinstance(raw, str):
            _same_unit(raw, (info.context or {}).get("unit"))
        if isinstance(raw, str) and " ".join(raw.lower().split()) in NO_ACTIVITY:
            if kind == Kind.PERCENTAGE:  # no activity is no percentage, not 0 %
                raise PydanticCustomError("not-a-number", "not a number")
            return 0.0  # nothing was done: a real zero, unlike an empty cell (not reported)
        number = parse_number(raw)
        if number is None:
            return None
        if number < 0:
            raise PydanticCustomError("negative-value", "negative")
        if kind == Kind.PERCENTAGE and number > 100:
            raise PydanticCustomError("percentage-out-of-range", "outside 0-100")
        if kind in COUNTED and abs(number - round(number)) > 1e-9:
            # "1,5" people: a decimal typed for thousands (1.500 in an English-locale Excel)
            # or a figure of something else; whole things are counted in whole numbers
            raise PydanticCustomError("fraction-for-count", "not a whole number")
        if kind == Kind.PERCENTAGE and 0 < number < 1 and not (isinstance(raw, str) and "%" in raw):
            # 0.615: a fraction of one (61.5 %, a share Excel keeps unformatted) or 0.615 %
            raise PydanticCustomError("ambiguous-percentage", "a fraction or a percentage")
        return float(round(number)) if kind in COUNTED else number

    @field_validator("budget", "spent", mode="before")
    @classmethod
    def _money(cls, raw: object) -> float | None:
        number = parse_number(raw)
        if number is not None and number < 0:
            raise PydanticCustomError("negative-value", "negative")
        return number

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, raw: object) -> str | None:
        text = normalise_word(raw)
        if not text:
            return None
        if text not in SEX_WORDS:
            raise PydanticCustomError("bad-disaggregation", "unknown sex")
        return SEX_WORDS[text]

    @field_validator("age_group", "kecamatan", mode="before")
    @classmethod
    def _label(cls, raw: object) -> str | None:
        text = " ".join(str(raw if raw is not None else "").split())
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        return text or None

    @property
    def is_empty(self) -> bool:
        """True when nothing was reported on this row."""
        return self.value is None and self.budget is None and self.spent is None


def _same_unit(raw: str, unit: str | None) -> None:
    """Refuse a typed figure that is money ("Rp 15.000.000"), or whose unit word counts another
    kind of thing than the indicator's unit ("45 orang" for sessions)."""
    text = DONE_WORDS.sub("", " ".join(raw.lower().split()))
    if RUPIAH.match(text):
        raise PydanticCustomError("money-for-count", "rupiah in an achievement column")
    word = UNIT_AFTER.match(text)
    if word is None or not unit:
        return
    typed, own = unit_group(word.group(1)), unit_group(unit)
    if typed is not None and typed is not own and word.group(1) != unit.strip().casefold():
        raise PydanticCustomError("unit-disagrees", "counts another thing")


FIELDS = frozenset(AgencyRow.model_fields)

KNOWN_ERRORS = {
    "not-a-number",
    "ambiguous-number",
    "percent-for-count",
    "negative-value",
    "percentage-out-of-range",
    "bad-milestone",
    "bad-disaggregation",
    "money-for-count",
    "unit-disagrees",
    "fraction-for-count",
    "ambiguous-percentage",
}


def validate_row(
    cells: dict[str, object], kind: Kind | None, unit: str | None = None
) -> tuple[AgencyRow | None, list]:
    """Validate one row's cells for an indicator of `kind` counted in `unit`. Returns (row,
    [(field, error_code), ...])."""
    data = cells if cells.keys() <= FIELDS else {k: cells[k] for k in cells.keys() & FIELDS}
    try:
        return AgencyRow.model_validate(data, context={"kind": kind, "unit": unit}), []
    except ValidationError as exc:
        failures = []
        for error in exc.errors():
            code = error["type"]
            if code not in KNOWN_ERRORS:
                code = "not-a-number"
            failures.append((str(error["loc"][0]), code))
        return None, failures
