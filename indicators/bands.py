"""Every status an indicator can have in a period, in one place, and the one roll-up of many.

The five predicate bands are the "kriteria tingkat capaian kinerja" of the evaluation forms in
Permendagri No. 86 Tahun 2017 (the intervals of Permendagri No. 54 Tahun 2010): 91-100 Sangat
Tinggi, 76-90 Tinggi, 66-75 Sedang, 51-65 Rendah, <= 50 Sangat Rendah. The printed intervals leave
gaps (90.5 fits none), so a value is classified by lower bound. Every plan uses them: they are the
national form's, and a plan-specific scale would make its figures incomparable with the form the
planning agency hands in.

Three states lie outside the bands: no report (never a zero), a figure without a target, and a
figure withheld from anonymous visitors (indicators.disclosure).

Each state has its key, lower bound (bands only), traffic light, colour (Okabe-Ito: told apart with
common colour-vision deficiencies; the text label is always shown too), mark and labels in
Indonesian and English. Pages, charts, summaries and exports all take them from here.
"""

from collections.abc import Iterable
from dataclasses import dataclass

MARKS = {"green": "●", "amber": "▲", "red": "■", "grey": "○"}


@dataclass(frozen=True)
class Band:
    """One status: a predicate band (values at or above `lower`, below the next band) or a
    state outside the bands (`lower` None)."""

    key: str
    lower: float | None
    light: str  # traffic light: green, amber, red, grey
    colour: str
    id: str  # Indonesian label
    en: str  # English label

    @property
    def mark(self) -> str:
        return MARKS[self.light]

    def label(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


PREDICATES: tuple[Band, ...] = (
    Band("sangat_tinggi", 91.0, "green", "#0072B2", "Sangat Tinggi", "Very high"),
    Band("tinggi", 76.0, "green", "#56B4E9", "Tinggi", "High"),
    Band("sedang", 66.0, "amber", "#F0E442", "Sedang", "Medium"),
    Band("rendah", 51.0, "red", "#E69F00", "Rendah", "Low"),
    Band("sangat_rendah", float("-inf"), "red", "#D55E00", "Sangat Rendah", "Very low"),
)
NO_REPORT = Band("no_report", None, "grey", "#BBBBBB", "Belum ada laporan", "No report")
NO_TARGET = Band("no_target", None, "grey", "#999999", "Tanpa target", "No target")
SUPPRESSED = Band("suppressed", None, "grey", "#E0E0E0", "Dirahasiakan (< k)", "Withheld (< k)")

ALL: dict[str, Band] = {b.key: b for b in (*PREDICATES, NO_REPORT, NO_TARGET, SUPPRESSED)}
BAND_KEYS = tuple(b.key for b in PREDICATES)
STATE_KEYS = tuple(ALL)  # every key, bands first, in the order every page lists them
ALWAYS_SHOWN = (*BAND_KEYS, NO_REPORT.key)
SOURCE_ID = (
    "Predikat capaian: Permendagri 86/2017 (>= 91 Sangat Tinggi, >= 76 Tinggi, >= 66 Sedang, "
    ">= 51 Rendah, selain itu Sangat Rendah). 'Belum ada laporan' bukan nol."
)
SOURCE_EN = (
    "Bands: Permendagri 86/2017 (>= 91 very high, >= 76 high, >= 66 medium, >= 51 low, "
    "else very low). 'No report' is not zero."
)


def shown(count) -> list[str]:
    """The states a count by state lists, in order: the five bands and "no report" always, the
    others (no target, withheld) only where `count(key)` says some indicator is in them."""
    return [k for k in STATE_KEYS if k in ALWAYS_SHOWN or count(k)]


def predicate(value: float) -> Band:
    """The band a capaian percentage falls in, classified by lower bound."""
    for band in PREDICATES:
        if value >= band.lower:
            return band
    return PREDICATES[-1]


def label(key: str, lang: str = "id") -> str:
    return ALL[key].label(lang)


def colour(key: str) -> str:
    return ALL.get(key, NO_REPORT).colour


def rollup(rows: Iterable[tuple[str, float | None]]) -> dict:
    """Many indicators' (band, capaian) as one summary: how many, how many reported (anything
    but "no report": a figure without a target or a withheld one was reported), the count in each
    state, and the mean capaian of those with one, each capped at 100 % so that one
    over-achiever cannot hide the others (None when none has one). The only roll-up: the plan's
    pages, its bidang, the all-plans table and its materialised summary all count with it."""
    counts = dict.fromkeys(STATE_KEYS, 0)
    capped = []
    for band, value in rows:
        counts[band] += 1
        if value is not None and value == value:  # NaN: no capaian
            capped.append(min(float(value), 100.0))
    indicators = sum(counts.values())
    return {
        "indicators": indicators,
        "reported": indicators - counts[NO_REPORT.key],
        **counts,
        "mean_capaian": sum(capped) / len(capped) if capped else None,
    }
