"""Matching a row to an RAD indicator: by code where there is one, otherwise by the statement,
tolerant of case, spacing, punctuation, bullets and small typing slips. A row that cannot be
matched with certainty is an error naming its closest candidates, never a guess."""

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from indicators.models import Indicator

CERTAIN = 90.0  # similarity (0-100) a statement needs to count as the same indicator
MARGIN = 6.0  # and how far ahead of the runner-up it must be
SHOWN = 3  # candidates named in an error


# Abbreviations agencies type in statements, written out (both sides of a match go through it).
ABBREVIATIONS = {
    "kpd": "kepada",
    "org": "orang",
    "masy": "masyarakat",
    "ttg": "tentang",
    "naker": "tenaga kerja",
    "dlm": "dalam",
    "scr": "secara",
    "sos": "sosial",
    "kec": "kecamatan",
    "kab": "kabupaten",
    "yg": "yang",
    "dg": "dengan",
    "dgn": "dengan",
    "utk": "untuk",
    "thd": "terhadap",
    "pd": "pada",
    "pmi": "tki",  # pekerja migran Indonesia: the newer name of TKI, which the RAD uses
    "tkw": "tki",
    "gt": "gugus tugas",
    "terkait": "tentang",  # the RAD writes both for "about"
}
PHRASES = {"tindak pidana perdagangan orang": "tppo", "tenaga kerja indonesia": "tki"}


def normalise_statement(text: object) -> str:
    """Lower case, no bullets or numbering, digits joined ('5.000' -> '5000'), punctuation out,
    abbreviations written out ('kpd' -> 'kepada', 'TKI/PMI' -> 'tki')."""
    text = str(text).lower().strip()
    text = re.sub(r"^(?:[-\u2022\u2013*]+|\(?[0-9a-z]{1,3}[.)])\s+", "", text)
    text = re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", text)
    text = text.replace("&", " dan ")
    text = re.sub(r"\b([a-z]{3,})2\b", r"\1 \1", text)  # "tempat2": "tempat-tempat"
    text = re.sub(r"[^0-9a-z%]+", " ", text)
    for phrase, short in PHRASES.items():
        text = text.replace(phrase, short)
    words = [ABBREVIATIONS.get(word, word) for word in text.split()]
    out = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1] or w[0].isdigit()]
    return " ".join(out)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)?", text))


@dataclass
class Match:
    """The outcome for one row: the indicator, or why not and what came close."""

    indicator: Indicator | None
    by: str = ""  # code, statement, fuzzy
    score: float = 0.0
    candidates: list[tuple[str, float]] = field(default_factory=list)  # (code, score)
    problem: str = ""  # unknown-indicator, ambiguous-indicator


ROMAN_BIDANG = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}


def tidy_code(code: str) -> str:
    """A code as agencies retype it, tidied: '1.a.1.1.' and '1 .a.1.1' -> '1.a.1.1', a bidang
    in Roman numerals 'I.a.1.3' -> '1.a.1.3'. Nothing else is guessed."""
    parts = "".join(str(code).split()).strip(".").split(".")
    if parts and parts[0].lower() in ROMAN_BIDANG:
        parts[0] = ROMAN_BIDANG[parts[0].lower()]
    return ".".join(parts)


class Matcher:
    """Matches rows to the indicators of one plan."""

    def __init__(self, indicators: list[Indicator]):
        """`indicators`: Indicator objects or rows with their id, code, kind and statement."""
        self.by_code = {ind.code: ind for ind in indicators}
        self.indicators = indicators

    @cached_property
    def texts(self) -> list[str]:
        """Normalised statements, made when a row first comes without a code."""
        return [normalise_statement(ind.statement) for ind in self.indicators]

    @cached_property
    def by_text(self) -> dict[str, Indicator]:
        return dict(zip(self.texts, self.indicators, strict=True))

    def match(self, code: str, statement: object) -> Match:
        """Match on `code` when given, else on `statement`."""
        if code:
            found = self.by_code.get(code) or self.by_code.get(tidy_code(code))
            if found is None:
                # a code that names no indicator ("2.08.04.2.01.01", a budget code) beside a
                # statement written exactly as the RAD's: the statement is the one reading
                text = normalise_statement(statement or "")
                if text and text in self.by_text:
                    return Match(self.by_text[text], by="statement", score=100.0)
            if found is not None:
                if statement and str(statement).strip() != found.statement:
                    other = self._other_reading(found, statement)
                    if other is not None:
                        return Match(None, problem="code-statement-disagree", candidates=[other])
                return Match(found, by="code", score=100.0)
            return Match(None, problem="unknown-indicator", candidates=self._near(statement))
        text = normalise_statement(statement or "")
        if not text:
            return Match(None, problem="unknown-statement")
        if text in self.by_text:
            return Match(self.by_text[text], by="statement", score=100.0)
        ranked = self._ranked(text)
        if not ranked:
            return Match(None, problem="unknown-statement")
        best_index, best = ranked[0][2], ranked[0][1]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        candidates = [(self.indicators[i].code, round(score, 1)) for _, score, i in ranked[:SHOWN]]
        same_numbers = _numbers(text) == _numbers(self.texts[best_index])
        if best >= CERTAIN and best - runner_up >= MARGIN and same_numbers:
            return Match(self.indicators[best_index], by="fuzzy", score=best, candidates=candidates)
        problem = "ambiguous-indicator" if best >= 60 else "unknown-statement"
        return Match(None, problem=problem, candidates=candidates)

    def _other_reading(self, found, statement: object) -> tuple[str, float] | None:
        """(code, score) of another indicator that a row's statement names with certainty while
        its code names `found` (an old template after the RAD was renumbered): two readings."""
        text = normalise_statement(statement)
        if not text or text == self.text_by_code[found.code]:
            return None
        ranked = self._ranked(text)
        if not ranked:
            return None
        best, score, index = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        other = self.indicators[index]
        certain = score >= CERTAIN and score - runner_up >= MARGIN
        if certain and other.code != found.code and _numbers(text) == _numbers(best):
            return other.code, round(score, 1)
        return None

    @cached_property
    def text_by_code(self) -> dict[str, str]:
        return {ind.code: text for ind, text in zip(self.indicators, self.texts, strict=True)}

    def _ranked(self, text: str):
        return process.extract(text, self.texts, scorer=fuzz.ratio, limit=SHOWN + 1)

    def _near(self, statement: object) -> list[tuple[str, float]]:
        text = normalise_statement(statement or "")
        if not text:
            return []
        return [(self.indicators[i].code, round(s, 1)) for _, s, i in self._ranked(text)[:SHOWN]]
