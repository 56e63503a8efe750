"""The pydantic model of one agency-sheet row; what it rejects becomes the user's error report.

Numbers are read the Indonesian way ("5.000" is five thousand, "1.250,5" is 1250.5); a
milestone answer is a word ("Sudah", "Belum", ...) or 1/0; "-" and "N/A" mean not reported.
"""

from datetime import date, datetime
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal
from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from indicators.models import Kind
from indicators.vocabulary import MILESTONE_WORDS

NOT_REPORTED = {"", "-", "n/a", "na"}


def parse_number(raw: object) -> float | None:
    """A cell as a number: None when empty; Indonesian separators in text are understood."""
    if raw is None or isinstance(raw, bool):
        if isinstance(raw, bool):
            raise PydanticCustomError("not-a-number", "not a number")
        return None
    if isinstance(raw, int | float | Decimal):
        return float(raw)
    if isinstance(raw, date | datetime):
        raise PydanticCustomError("not-a-number", "a date, not a number")
    text = str(raw).strip()
    if text.lower() in NOT_REPORTED:
        return None
    text = text.replace(" ", "").replace("\u00a0", "")
    try:
        return float(parse_decimal(text, locale="id"))
    except (NumberFormatError, ValueError):
        raise PydanticCustomError("not-a-number", "not a number") from None


class AgencyRow(BaseModel):
    """One filled row of an agency report. Validate with context={"kind": Kind}."""

    code: str
    value: float | None = None
    budget: float | None = None
    spent: float | None = None
    note: str = ""

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
        if isinstance(raw, str) and raw.strip().endswith("%"):
            raw = raw.strip()[:-1]
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
        if isinstance(raw, str):
            raw = raw.strip()
            if raw.lower().startswith("rp"):
                raw = raw[2:].strip()
        number = parse_number(raw)
        if number is not None and number < 0:
            raise PydanticCustomError("negative-value", "negative")
        return number

    @property
    def is_empty(self) -> bool:
        """True when nothing was reported on this row."""
        return self.value is None and self.budget is None and self.spent is None


def validate_row(cells: dict[str, object], kind: Kind | None) -> tuple[AgencyRow | None, list]:
    """Validate one row's cells. Returns (row, [(field, error_code), ...])."""
    data = {k: v for k, v in cells.items() if k in AgencyRow.model_fields}
    try:
        return AgencyRow.model_validate(data, context={"kind": kind}), []
    except ValidationError as exc:
        failures = []
        for error in exc.errors():
            code = error["type"]
            if code not in {
                "not-a-number",
                "negative-value",
                "percentage-out-of-range",
                "bad-milestone",
            }:
                code = "not-a-number"
            failures.append((str(error["loc"][0]), code))
        return None, failures
