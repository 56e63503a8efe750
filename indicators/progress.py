"""Progress rules: expected target, realised value, capaian and its predicate band.

Status is always computed, never stored. "No report" is a status of its own and never a zero.

Capaian (Indonesian regional performance evaluation):
    higher is better:  realisasi / target x 100
    lower is better:   (2 x target - realisasi) / target x 100
Values above 100 are kept as they are.

Predicate bands and the states outside them: indicators.bands.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indicators import bands
from indicators.models import Direction, Kind
from indicators.vocabulary import level_unit

BAND_KEYS = bands.BAND_KEYS
NO_REPORT = bands.NO_REPORT.key
NO_TARGET = bands.NO_TARGET.key


NOT_WHOLE_UNITS = ("%", "persen", "percent", "rp", "rupiah", "juta", "jam", "km", "ha")


def whole_unit(unit: str, kind: str) -> bool:
    """Whether the indicator counts things that come whole (people, Polsek, kecamatan,
    documents, meetings): a count (cumulative or recurring) whose unit is not a percentage,
    money or a measure."""
    text = (unit or "").strip().casefold()
    if kind not in (Kind.CUMULATIVE, Kind.RECURRING, "cumulative", "recurring"):
        return False
    return not any(text.startswith(word) for word in NOT_WHOLE_UNITS)


def planner_target(value: float | None, unit: str, kind: str) -> tuple[float | None, bool]:
    """A target as a planner writes it, and whether that is a rounding: a pro-rata share of
    whole things is rounded up to a whole number, as a planner spreads 24 Polsek over five
    years (5, 10, 15, 20, 24 to date; never 4,8), anything else as it is. Only for showing:
    capaian is always computed from the exact value."""
    if value is None or value != value or not whole_unit(unit, kind):
        return value, False
    whole = float(math.ceil(value - 1e-9))
    return whole, abs(whole - value) > 1e-9


def capaian(
    realised: float, target: float, direction: Direction = Direction.HIGHER
) -> float | None:
    """Achievement as a percentage of target; None when the target is missing or zero."""
    if target is None or target == 0:
        return None
    if direction == Direction.LOWER:
        return (2 * target - realised) / target * 100
    return realised / target * 100


@dataclass(frozen=True)
class Observation:
    """One reported value of an indicator, as progress rules need it."""

    year: int
    value: float | None
    agency: str = ""
    quarter: int | None = (
        None  # the triwulan its period ends with (a semester: 2 or 4); None: a year
    )


@dataclass(frozen=True)
class IndicatorSpec:
    """What progress rules need to know about an indicator and its plan."""

    kind: Kind
    target: float | None
    start_year: int
    end_year: int
    direction: Direction = Direction.HIGHER
    year_targets: dict | None = None
    unit: str = ""

    @property
    def years(self) -> range:
        """The plan's years."""
        return range(self.start_year, self.end_year + 1)

    @property
    def level(self) -> bool:
        """A recurring indicator counting what stands (2 secretariat staff, 24 kecamatan with an
        active group), not what was done (times, activities): a triwulan's figure is the level
        then, so the year is each agency's latest, never the four added up, and the target
        stands all year."""
        return self.kind == Kind.RECURRING and level_unit(self.unit)


@dataclass(frozen=True)
class Status:
    """An indicator's status for a year (or the whole period when year is None)."""

    year: int | None
    expected: float | None
    realised: float | None
    capaian: float | None
    band: str  # a band key, NO_REPORT or NO_TARGET
    light: str  # green, amber, red, grey

    @property
    def reported(self) -> bool:
        """Whether anything was reported for this period."""
        return self.band != NO_REPORT


def year_target(spec: IndicatorSpec, year: int) -> float | None:
    """The target for `year` alone (a cumulative plan target is spread evenly over the years)."""
    if spec.year_targets and str(year) in spec.year_targets:
        return float(spec.year_targets[str(year)])
    if spec.year_targets and year in spec.year_targets:
        return float(spec.year_targets[year])
    if spec.target is None:
        return None
    if spec.kind == Kind.CUMULATIVE:
        return spec.target / len(spec.years)
    return spec.target


def expected_target(spec: IndicatorSpec, year: int) -> float | None:
    """What should have been reached by the end of `year`.

    Cumulative: the plan target pro rata (or the sum of year targets) up to and including `year`.
    Recurring and percentage: that year's target. Milestone: 1 (done).
    """
    if spec.kind == Kind.MILESTONE:
        return 1.0
    if spec.kind == Kind.CUMULATIVE:
        parts = [year_target(spec, y) for y in spec.years if y <= year]
        if not parts or any(p is None for p in parts):
            return None
        return sum(parts)
    return year_target(spec, year)


def _latest(observations: Iterable[Observation]) -> list[float]:
    """Each agency's latest value (annual reports count as after TW IV)."""
    latest: dict[str, tuple[int, float]] = {}
    for obs in observations:
        if obs.value is None:
            continue
        order = obs.quarter if obs.quarter is not None else 5
        if obs.agency not in latest or order >= latest[obs.agency][0]:
            latest[obs.agency] = (order, obs.value)
    return [v for _, v in latest.values()]


def _latest_mean(observations: Iterable[Observation]) -> float | None:
    """Mean over agencies of each agency's latest value."""
    values = _latest(observations)
    return sum(values) / len(values) if values else None


def realised_value(
    spec: IndicatorSpec, observations: Sequence[Observation], year: int
) -> float | None:
    """What was reached by `year` by all agencies together, per the indicator's kind."""
    valued = [o for o in observations if o.value is not None]
    if spec.kind == Kind.CUMULATIVE:
        upto = [o.value for o in valued if o.year <= year]
        return sum(upto) if upto else None
    if spec.kind == Kind.RECURRING:
        this_year = [o for o in valued if o.year == year]
        if spec.level and this_year:
            return sum(_latest(this_year))  # each agency's level at its latest, added up
        return sum(o.value for o in this_year) if this_year else None
    if spec.kind == Kind.PERCENTAGE:
        return _latest_mean(o for o in valued if o.year == year)
    upto = [o for o in valued if o.year <= year]
    if not upto:
        return None
    return 1.0 if any(o.value > 0 for o in upto) else 0.0


def _status(year, expected, realised, spec) -> Status:
    if realised is None:
        return Status(year, expected, None, None, NO_REPORT, "grey")
    value = capaian(realised, expected, spec.direction) if expected is not None else None
    if value is None:
        return Status(year, expected, realised, None, NO_TARGET, "grey")
    band = bands.predicate(value)
    return Status(year, expected, realised, value, band.key, band.light)


def status_for_year(
    spec: IndicatorSpec,
    observations: Sequence[Observation],
    year: int,
) -> Status:
    """Status of an indicator in `year`.

    A year with nothing reported is "no report", except a milestone done in an earlier year,
    which stays done.
    """
    reported_this_year = any(o.year == year and o.value is not None for o in observations)
    realised = realised_value(spec, observations, year)
    if not reported_this_year and not (spec.kind == Kind.MILESTONE and realised == 1.0):
        realised = None
    return _status(year, expected_target(spec, year), realised, spec)


def expected_by_quarter(spec: IndicatorSpec, year: int, quarter: int) -> float | None:
    """What should have been reached by the end of triwulan `quarter` of `year`: the year's
    target pro rata (quarter / 4) for cumulative and recurring indicators, on top of the earlier
    years for cumulative ones; the year's target for percentages; 1 (done) for milestones."""
    if spec.kind in (Kind.MILESTONE, Kind.PERCENTAGE):
        return expected_target(spec, year)
    this_year = year_target(spec, year)
    if this_year is None:
        return None
    if spec.level:
        return this_year  # a level stands all year: 2 staff in TW I too, never half a person
    share = this_year * quarter / 4
    if spec.kind == Kind.CUMULATIVE:
        earlier = expected_target(spec, year - 1) if year > spec.start_year else 0.0
        return None if earlier is None else earlier + share
    return share


def status_for_quarter(
    spec: IndicatorSpec,
    observations: Sequence[Observation],
    year: int,
    quarter: int,
) -> Status:
    """Status at the end of triwulan `quarter` of `year`.

    Counts that year's quarterly figures up to `quarter` (an annual figure of `year` cannot be
    placed in a quarter and is left out) and, for cumulative indicators and milestones, the
    earlier years. Nothing reported in those quarters is "no report", except a milestone
    already done.
    """
    in_quarters = [
        o for o in observations if o.year == year and o.quarter is not None and o.quarter <= quarter
    ]
    kept = [o for o in observations if o.year < year] + in_quarters
    realised = realised_value(spec, kept, year)
    reported = any(o.value is not None for o in in_quarters)
    if not reported and not (spec.kind == Kind.MILESTONE and realised == 1.0):
        realised = None
    return _status(year, expected_by_quarter(spec, year, quarter), realised, spec)


def status_for_period(
    spec: IndicatorSpec,
    observations: Sequence[Observation],
) -> Status:
    """Status over the whole plan period.

    Cumulative: everything reported against the plan target. Percentage: the latest reported
    year. Milestone: done at any time. Recurring: the mean of the yearly capaian of the years
    that were reported (years with no report are left out, never counted as zero), shown as a
    year's worth: the mean yearly target and the mean yearly figure of those years, never a sum
    over the period (24 kecamatan each year is not 120 kecamatan).
    """
    years = sorted({o.year for o in observations if o.value is not None and o.year in spec.years})
    if not years:
        return _status(None, expected_target(spec, spec.end_year), None, spec)
    if spec.kind == Kind.RECURRING:
        yearly = [status_for_year(spec, observations, y) for y in years]
        values = [s.capaian for s in yearly if s.capaian is not None]
        if not values:
            return Status(None, None, None, None, NO_TARGET, "grey")
        mean = sum(values) / len(values)
        band = bands.predicate(mean)
        realised = sum(s.realised for s in yearly) / len(yearly)
        targets = [s.expected for s in yearly if s.expected is not None]
        expected = sum(targets) / len(targets) if targets else None
        return Status(None, expected, realised, mean, band.key, band.light)
    if spec.kind == Kind.PERCENTAGE:
        latest = years[-1]
        return _status(
            None,
            expected_target(spec, latest),
            realised_value(spec, observations, latest),
            spec,
        )
    return _status(
        None,
        expected_target(spec, spec.end_year),
        realised_value(spec, observations, spec.end_year),
        spec,
    )
