"""Progress rules: capaian, predicate bands, expected targets per kind, and 'no report'."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.bands import PREDICATES, predicate
from indicators.models import Direction, Kind
from indicators.progress import (
    NO_REPORT,
    NO_TARGET,
    IndicatorSpec,
    Observation,
    capaian,
    expected_target,
    status_for_period,
    status_for_year,
)


def spec(kind, target, **kw):
    return IndicatorSpec(kind=kind, target=target, start_year=2018, end_year=2022, **kw)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (100, "sangat_tinggi"),
        (91, "sangat_tinggi"),
        (90.99, "tinggi"),
        (90.5, "tinggi"),  # in the printed gap between 90 and 91: classified by lower bound
        (76, "tinggi"),
        (75.5, "sedang"),
        (66, "sedang"),
        (65.9, "rendah"),
        (51, "rendah"),
        (50, "sangat_rendah"),
        (0, "sangat_rendah"),
        (-20, "sangat_rendah"),
        (250, "sangat_tinggi"),
    ],
)
def test_predicate_bands_follow_permendagri_86_2017_lower_bounds(value, band):
    assert predicate(value).key == band


def test_capaian_higher_is_better_is_realised_over_target():
    assert capaian(1200, 2000) == 60.0
    assert capaian(3000, 2000) == 150.0  # above 100 is kept as it is


def test_capaian_lower_is_better_uses_twice_target_minus_realised():
    # 8 cases against a ceiling of 10: (2*10 - 8) / 10 = 120 %
    assert capaian(8, 10, Direction.LOWER) == 120.0
    assert capaian(15, 10, Direction.LOWER) == 50.0


def test_capaian_without_target_is_none_not_zero():
    assert capaian(5, 0) is None
    assert capaian(5, None) is None


def test_cumulative_target_is_pro_rata_over_plan_years():
    s = spec(Kind.CUMULATIVE, 5000)
    assert [expected_target(s, y) for y in range(2018, 2023)] == [1000, 2000, 3000, 4000, 5000]


def test_cumulative_year_targets_override_pro_rata():
    s = spec(Kind.CUMULATIVE, 100, year_targets={"2018": 10, "2019": 40, "2020": 20})
    assert expected_target(s, 2019) == 50
    # years without a year target fall back to the even share
    assert expected_target(s, 2021) == 10 + 40 + 20 + 20


def test_cumulative_status_adds_up_all_years_and_agencies():
    s = spec(Kind.CUMULATIVE, 5000)
    obs = [
        Observation(2018, 800, "A"),
        Observation(2019, 700, "A"),
        Observation(2019, 500, "B"),
    ]
    st_ = status_for_year(s, obs, 2019)
    assert st_.expected == 2000
    assert st_.realised == 2000
    assert st_.capaian == 100
    assert st_.band == "sangat_tinggi"


def test_year_without_report_is_no_report_never_zero():
    s = spec(Kind.CUMULATIVE, 5000)
    st_ = status_for_year(s, [Observation(2018, 800, "A")], 2019)
    assert st_.band == NO_REPORT
    assert st_.realised is None and st_.capaian is None
    assert st_.light == "grey"


def test_reported_zero_is_a_real_zero():
    s = spec(Kind.RECURRING, 2)
    st_ = status_for_year(s, [Observation(2020, 0.0, "A")], 2020)
    assert st_.realised == 0 and st_.capaian == 0 and st_.band == "sangat_rendah"


def test_recurring_counts_only_that_year_against_the_yearly_target():
    s = spec(Kind.RECURRING, 2)
    obs = [Observation(2019, 5, "A"), Observation(2020, 1, "A")]
    st_ = status_for_year(s, obs, 2020)
    assert (st_.expected, st_.realised, st_.capaian) == (2, 1, 50)


def test_percentage_takes_latest_quarter_per_agency_then_mean():
    s = spec(Kind.PERCENTAGE, 50)
    obs = [
        Observation(2020, 20, "A", 1),
        Observation(2020, 40, "A", 3),
        Observation(2020, 60, "B", None),  # annual counts as the latest
        Observation(2020, 90, "B", 2),
    ]
    st_ = status_for_year(s, obs, 2020)
    assert st_.realised == 50  # mean of A's TW III (40) and B's annual (60)
    assert st_.capaian == 100


def test_milestone_done_stays_done_in_later_years_without_report():
    s = spec(Kind.MILESTONE, 1)
    obs = [Observation(2019, 1.0, "A")]
    assert status_for_year(s, obs, 2018).band == NO_REPORT
    assert status_for_year(s, obs, 2019).capaian == 100
    assert status_for_year(s, obs, 2021).capaian == 100


def test_milestone_not_done_is_zero_only_in_the_year_reported():
    s = spec(Kind.MILESTONE, 1)
    obs = [Observation(2019, 0.0, "A")]
    assert status_for_year(s, obs, 2019).capaian == 0
    assert status_for_year(s, obs, 2020).band == NO_REPORT


def test_period_status_recurring_leaves_unreported_years_out():
    s = spec(Kind.RECURRING, 4)
    obs = [Observation(2018, 4, "A"), Observation(2020, 2, "A")]
    st_ = status_for_period(s, obs)
    assert st_.capaian == 75  # mean of 100 % and 50 %, not divided by five years


def test_period_status_cumulative_against_plan_total():
    s = spec(Kind.CUMULATIVE, 24)
    st_ = status_for_period(s, [Observation(2018, 6, "A"), Observation(2021, 12, "B")])
    assert (st_.expected, st_.realised, st_.capaian) == (24, 18, 75)


def test_period_status_without_any_report_is_no_report():
    assert status_for_period(spec(Kind.CUMULATIVE, 24), []).band == NO_REPORT


def test_indicator_without_target_reports_no_target():
    st_ = status_for_year(spec(Kind.CUMULATIVE, None), [Observation(2018, 3, "A")], 2018)
    assert st_.band == NO_TARGET and st_.realised == 3


def test_a_recurring_period_is_a_years_worth_never_a_sum():
    """24 kecamatan each year is not 120 kecamatan over five years; a year target missing for
    some years (target null, year_targets for others) is no TypeError."""
    s = spec(Kind.RECURRING, 24)
    obs = [Observation(2018, 24, "A"), Observation(2019, 12, "A")]
    st_ = status_for_period(s, obs)
    assert (st_.expected, st_.realised, st_.capaian) == (24, 18, 75)
    partial = spec(Kind.RECURRING, None, year_targets={2019: 10})
    st_ = status_for_period(partial, obs)
    assert (st_.expected, st_.realised) == (10, 18)


finite = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(finite)
def test_every_value_falls_in_exactly_one_band(value):
    matching = [b for b in PREDICATES if value >= b.lower]
    assert predicate(value) == matching[0]


@given(finite, finite, positive)
def test_more_achievement_never_lowers_capaian_when_higher_is_better(a, b, target):
    low, high = sorted((a, b))
    assert capaian(low, target) <= capaian(high, target)


@given(finite, finite, positive)
def test_more_cases_never_raise_capaian_when_lower_is_better(a, b, target):
    low, high = sorted((a, b))
    assert capaian(low, target, Direction.LOWER) >= capaian(high, target, Direction.LOWER)


@given(positive)
def test_meeting_the_target_exactly_is_100_either_direction(target):
    assert math.isclose(capaian(target, target), 100)
    assert math.isclose(capaian(target, target, Direction.LOWER), 100)


@given(st.lists(st.tuples(st.integers(2018, 2022), finite), max_size=20))
def test_cumulative_realised_is_monotone_over_years(entries):
    s = spec(Kind.CUMULATIVE, 100)
    obs = [Observation(y, v, "A") for y, v in entries]
    from indicators.progress import realised_value

    values = [realised_value(s, obs, y) or 0 for y in range(2018, 2023)]
    assert values == sorted(values)
    assert math.isclose(values[-1], sum(v for _, v in entries), rel_tol=1e-9, abs_tol=1e-6)


@given(st.lists(st.tuples(st.integers(2018, 2022), finite), max_size=20), st.integers(2018, 2022))
def test_status_is_no_report_exactly_when_nothing_reported_that_year(entries, year):
    s = spec(Kind.RECURRING, 10)
    obs = [Observation(y, v, "A") for y, v in entries]
    reported = any(y == year for y, _ in entries)
    assert (status_for_year(s, obs, year).band == NO_REPORT) == (not reported)


def test_status_at_the_end_of_a_quarter_prorates_the_year_and_leaves_annual_figures_out():
    from indicators.progress import expected_by_quarter, status_for_quarter

    trained = spec(Kind.CUMULATIVE, 25)  # 5 a year
    meetings = spec(Kind.RECURRING, 4)
    assert expected_by_quarter(trained, 2019, 1) == 5 + 1.25
    assert expected_by_quarter(trained, 2018, 4) == 5
    assert expected_by_quarter(meetings, 2019, 2) == 2
    assert expected_by_quarter(spec(Kind.MILESTONE, None), 2019, 1) == 1
    values = [
        Observation(2018, 4, "A"),  # annual 2018: counts before 2019 for a cumulative indicator
        Observation(2019, 1, "A", quarter=1),
        Observation(2019, 3, "A", quarter=3),
        Observation(2019, 9, "B"),  # annual 2019: cannot be placed in a quarter
    ]
    at_q2 = status_for_quarter(trained, values, 2019, 2)
    assert (at_q2.expected, at_q2.realised) == (7.5, 5)
    at_q3 = status_for_quarter(meetings, values, 2019, 3)
    assert (at_q3.expected, at_q3.realised, at_q3.capaian) == (3, 4, pytest.approx(133.33, 0.01))
    assert status_for_quarter(trained, values, 2020, 1).band == NO_REPORT
    done = [Observation(2018, 1, "A")]
    assert status_for_quarter(spec(Kind.MILESTONE, None), done, 2019, 1).realised == 1.0


def test_targets_of_whole_things_are_shown_rounded_up_and_marked():
    from indicators.progress import planner_target

    assert [planner_target(v, "Polsek", "cumulative") for v in (4.8, 9.6, 24.0)] == [
        (5.0, True),
        (10.0, True),
        (24.0, False),
    ]
    assert planner_target(0.4, "dokumen", "cumulative") == (1.0, True)
    assert planner_target(33.3, "%", "percentage") == (33.3, False)
    assert planner_target(12.5, "Rp", "cumulative") == (12.5, False)
    # the capaian is still exact: 5 Polsek against 4,8 to date
    assert capaian(5, 4.8) == pytest.approx(104.1666, rel=1e-4)


def test_statements_are_cut_at_a_word_with_an_ellipsis_and_units_speak_english():
    from indicators.vocabulary import shorten, unit_text

    text = "Terlatihnya 25 penyidik polisi di tingkat polres dan polsek tentang perlindungan"
    assert shorten(text, 40) == "Terlatihnya 25 penyidik polisi di…"
    assert shorten("pendek", 40) == "pendek"
    assert (unit_text("orang", "en"), unit_text("orang", "id")) == ("people", "orang")
    assert unit_text("Polsek", "en") == "Polsek (police sectors)"
    assert unit_text("ekor", "en") == "ekor"  # a word it does not know stays as the RAD wrote it


def test_a_recurring_level_is_its_latest_figure_and_its_target_stands_all_year():
    """2 secretariat staff reported in each triwulan were 8 staff for the year (400 %), and
    'about 1 person' was expected at the end of TW I; 24 kecamatan likewise 96. A level is
    each agency's latest figure, added up over agencies; things done still add up."""
    from indicators.progress import expected_by_quarter, status_for_quarter

    staff = spec(Kind.RECURRING, 2, unit="orang")
    meetings = spec(Kind.RECURRING, 2, unit="kali")
    quarters = [Observation(2021, 2, "DP3A", quarter=q) for q in (1, 2, 3, 4)]
    assert status_for_year(staff, quarters, 2021).realised == 2
    assert status_for_year(staff, quarters, 2021).capaian == 100
    assert status_for_year(meetings, quarters, 2021).realised == 8
    assert expected_by_quarter(staff, 2021, 1) == 2
    assert expected_by_quarter(meetings, 2021, 1) == 0.5
    at_q2 = status_for_quarter(staff, quarters, 2021, 2)
    assert (at_q2.expected, at_q2.realised) == (2, 2)
    two = [*quarters, Observation(2021, 1, "YTB", quarter=2)]
    assert status_for_year(staff, two, 2021).realised == 3  # each agency's own level, added
