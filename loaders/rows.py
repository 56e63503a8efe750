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
from indicators.vocabulary import MILESTONE_WORDS

NOT_REPORTED = {"", "-", "--", "n/a", "na", "tidak ada data"}

# A number, optionally after "Rp" and before a unit word or "%": "Rp 12.500.000", "60 kali".
NUMBER_TEXT = re.compile(r"^(?:rp\.?\s*)?([+-]?\d[\d.,]*)\s*(?:%|[a-z][a-z ./]*)?$")
THOUSANDS_DOTS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
THOUSANDS_COMMAS = re.compile(r"[+-]?\d{1,3}(?:,\d{3}){2,}")


def parse_number_text(text: str) -> float:
    """Read a number as Indonesian agencies type it.

    "5.000" and "1.250.000" group thousands with dots; "1.250,5" and "12,5" use a decimal comma;
    "12.5" (a dot not followed by exactly three digits) is a decimal point, as machine exports
    write it; with both marks the last one is the decimal mark. "Rp", "%" and a trailing unit
    word ("60 kali") are allowed. Anything else raises ValueError.
    """
    compact = re.sub(r"(?<=\d)[\s\u00a0](?=\d)", "", text.strip().lower())
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
    """One filled row of an agency report. Validate with context={"kind": Kind}."""

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
                word = " ".join(raw.strip().lower().split())
                if word in MILESTONE_WORDS:
                    return MILESTONE_WORDS[word]
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
        number = parse_number(raw)
        if number is None:
            return None
        if number < 0:
            raise PydanticCustomError("negative-value", "negative")
        if kind == Kind.PERCENTAGE and number > 100:
            raise PydanticCustomError("percentage-out-of-range", "outside 0-100")
        return number

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


FIELDS = frozenset(AgencyRow.model_fields)

KNOWN_ERRORS = {
    "not-a-number",
    "percent-for-count",
    "negative-value",
    "percentage-out-of-range",
    "bad-milestone",
    "bad-disaggregation",
}


def validate_row(cells: dict[str, object], kind: Kind | None) -> tuple[AgencyRow | None, list]:
    """Validate one row's cells. Returns (row, [(field, error_code), ...])."""
    data = cells if cells.keys() <= FIELDS else {k: cells[k] for k in cells.keys() & FIELDS}
    try:
        return AgencyRow.model_validate(data, context={"kind": kind}), []
    except ValidationError as exc:
        failures = []
        for error in exc.errors():
            code = error["type"]
            if code not in KNOWN_ERRORS:
                code = "not-a-number"
            failures.append((str(error["loc"][0]), code))
        return None, failures
