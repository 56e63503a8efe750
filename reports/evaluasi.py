"""The Permendagri 86/2017 evaluation form ("Evaluasi terhadap Hasil Renja Perangkat Daerah"),
filled from the store: the form the regional planning agency collects every triwulan, so RAD
figures reach budget talks without retyping.

Layout as the regulation prints it: three header rows (Realisasi Kinerja pada Triwulan over
I | II | III | IV over K | Rp), the numbered column row (1)..(17), a row per bidang (Roman
numeral), per programme and activity, one row per indicator; then the footer (rata-rata capaian,
predikat, faktor pendorong / penghambat, tindak lanjut) and the signature block (Disusun /
Dievaluasi: place, date, title, name, NIP) from the plan's settings, blank lines where a
setting is unset (never an invented name).

Column rules: K is the indicator's figure, Rp the spending (realisasi anggaran) beside it; a
target in Rp is the pagu. (5) the plan's target at its end (Rp: no five-year budget target is
held: blank); (6) realised before this year; (7) this year's target and pagu; (8)-(11) each
triwulan's figure and spending; (12) the year by the indicator's kind (a count adds up, a
percentage is the latest, a milestone is done or not); (13) capaian of the year (K) and
absorption (Rp); (14) realised to date; (15) capaian to date against the plan's target. Only
what was reported is written: an empty cell is "not reported", never 0.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.dates import format_date
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from sqlmodel import Session, select

from indicators import bands, narrative
from indicators.models import Achievement, Agency, Indicator, Kind, Plan, Region, Submission
from indicators.progress import (
    Observation,
    capaian,
    expected_target,
    realised_value,
    year_target,
)
from indicators.queries import indicator_rows, planned_year_target, spec_for

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
SHEET = "Evaluasi Renja"
HEADER_TOP = 7  # three header rows 7-9, the column numbers on row 10
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# (first column, header text, K|Rp pair?) in the form's order; {y}: the year evaluated
HEADS = [  # the regulation's own words (Renstra PD: here the RAD), as planners know them
    (1, "No", False),
    (2, "Sasaran", False),
    (3, "Program/Kegiatan", False),
    (4, "Indikator Kinerja Program (outcome)/ Kegiatan (output)", False),
    (
        5,
        "Target Kinerja Capaian Renstra PD (RAD) pada Tahun {end} (Akhir Periode Renstra PD)",
        True,
    ),
    (
        7,
        "Realisasi Capaian Kinerja Renstra PD (RAD) sampai dengan Renja PD Tahun Lalu ({prev})",
        True,
    ),
    (9, "Target Kinerja dan Anggaran Renja PD Tahun Berjalan ({y}) yang Dievaluasi", True),
    (11, "Realisasi Kinerja Pada Triwulan", True),
    (19, "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", True),
    (21, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang dievaluasi (%)", True),
    (
        23,
        "Realisasi Kinerja dan Anggaran Renstra PD (RAD) s/d Tahun {y} "
        "(Akhir Tahun Pelaksanaan Renja PD)",
        True,
    ),
    (25, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD (RAD) s/d Tahun {y} (%)", True),
    (27, "Unit PD Penanggung Jawab", False),
    (28, "Keterangan", False),
]
LAST_COLUMN = 28


class EvaluasiError(ValueError):
    """The form cannot be made as asked (message for the user)."""


@dataclass
class Line:
    """One indicator's row of the form, as numbers (None: not reported / not known)."""

    code: str
    statement: str
    unit: str
    kind: str
    plan_target: float | None
    before_k: float | None
    before_rp: float | None
    target_k: float | None
    pagu: float | None
    quarters: list[tuple[float | None, float | None]]  # (K, Rp) per triwulan
    year_k: float | None
    year_rp: float | None
    capaian_year: float | None
    absorption: float | None
    to_date_k: float | None
    to_date_rp: float | None
    capaian_to_date: float | None
    agencies: str
    note: str


def _sum(values) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def form_lines(
    session: Session, plan: Plan, year: int, agency: str | None = None, include_demo=False
) -> list[tuple[dict, Line]]:
    """Each current indicator of `plan` with its numbers for `year` (one agency's, or every
    agency's together)."""
    query = (
        select(Achievement, Agency.code)
        .join(Agency, Achievement.agency_id == Agency.id)
        .join(Submission, Achievement.submission_id == Submission.id)
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .where(Indicator.plan_id == plan.id, Achievement.year <= year)
    )
    if agency:
        query = query.where(Agency.code == agency.upper())
    if not include_demo:
        query = query.where(Achievement.is_demo == False)  # noqa: E712
    figures: dict[int, list[tuple[Achievement, str]]] = defaultdict(list)
    for achievement, code in session.exec(query):
        figures[achievement.indicator_id].append((achievement, code))
    out = []
    for row in indicator_rows(session, plan):
        ind: Indicator = row["indicator"]
        spec = spec_for(ind, plan)
        mine = figures.get(ind.id, [])
        obs = [
            Observation(
                a.year,
                a.value,
                code,
                a.quarter if a.quarter is not None else (2 * a.semester if a.semester else None),
            )
            for a, code in mine
        ]
        this_year = [(a, c) for a, c in mine if a.year == year]
        quarters = []
        for q in (1, 2, 3, 4):
            in_q = [a for a, _ in this_year if a.quarter == q]
            q_obs = [o for o in obs if o.year == year and o.quarter == q and o.value is not None]
            k = _year_figure(spec, q_obs, year) if q_obs else None
            quarters.append((k, _sum(a.spent for a in in_q)))
        this_obs = [o for o in obs if o.year == year]
        year_k = _year_figure(spec, this_obs, year) if this_obs else None
        before = [o for o in obs if o.year < year]
        before_k = realised_value(spec, before, year - 1) if before else None
        if ind.kind in (Kind.RECURRING, Kind.PERCENTAGE) and before:
            before_k = realised_value(spec, before, max(o.year for o in before))
        to_date_k = realised_value(spec, obs, year) if obs else None
        if ind.kind in (Kind.RECURRING, Kind.PERCENTAGE):
            to_date_k = year_k if year_k is not None else before_k
        target_k = planned_year_target(ind, plan, year)
        if ind.kind == Kind.MILESTONE:
            target_k = 1.0
        plan_target = expected_target(spec, plan.end_year)
        pagu = _sum(a.budget for a, _ in this_year)
        year_rp = _sum(a.spent for a, _ in this_year)
        notes = sorted({a.note for a, _ in this_year if a.note})
        line = Line(
            code=ind.code,
            statement=ind.statement,
            unit=ind.unit,
            kind=ind.kind.value,
            plan_target=plan_target,
            before_k=before_k,
            before_rp=_sum(a.spent for a, _ in mine if a.year < year),
            target_k=target_k,
            pagu=pagu,
            quarters=quarters,
            year_k=year_k,
            year_rp=year_rp,
            capaian_year=_capaian_year(spec, year_k, year),
            absorption=year_rp / pagu * 100 if year_rp is not None and pagu else None,
            to_date_k=to_date_k,
            to_date_rp=_sum(a.spent for a, _ in mine),
            capaian_to_date=(
                capaian(to_date_k, plan_target, spec.direction)
                if to_date_k is not None and plan_target
                else None
            ),
            agencies=", ".join(sorted({c for _, c in this_year})),
            note="; ".join(notes),
        )
        out.append((row, line))
    return out


def _has_demo(session: Session, plan: Plan, year: int, who: Agency | None) -> bool:
    query = (
        select(Achievement.id)
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .where(
            Indicator.plan_id == plan.id,
            Achievement.year <= year,
            Achievement.is_demo == True,  # noqa: E712
        )
    )
    if who is not None:
        query = query.where(Achievement.agency_id == who.id)
    return session.exec(query.limit(1)).first() is not None


def _capaian_year(spec, year_k: float | None, year: int) -> float | None:
    """Capaian of the year's own figure against the year's own target (a milestone: done)."""
    if year_k is None:
        return None
    target = 1.0 if spec.kind == Kind.MILESTONE else year_target(spec, year)
    return capaian(year_k, target, spec.direction) if target else None


def _year_figure(spec, observations: list[Observation], year: int) -> float | None:
    """The year's own figure by the indicator's kind: a count adds up (this year only, for a
    cumulative count too), a percentage is the latest, a milestone done or not."""
    if spec.kind == Kind.CUMULATIVE:
        return _sum(o.value for o in observations)
    return realised_value(spec, observations, year)


def _k(value: float | None, kind: str):
    """A K cell: a milestone as Sudah/Belum, numbers as numbers, None as empty."""
    if value is None:
        return None
    if kind == Kind.MILESTONE:
        return "Sudah" if value >= 1 else "Belum"
    return round(value, 2)


def _pct(value: float | None):
    return None if value is None else round(value, 2)


def _signature(plan: Plan, role: str) -> dict:
    return (plan.signatories or {}).get(role, {}) if isinstance(plan.signatories, dict) else {}


def write_form(
    session: Session,
    plan: Plan,
    year: int,
    path: Path,
    agency: str | None = None,
    quarter: int | None = None,
    include_demo: bool = False,
    today: date | None = None,
    narratives: dict | None = None,
) -> Path:
    """Write the form for `year` (up to triwulan `quarter` when given) to `path`."""
    region = session.get(Region, plan.region_code)
    region_name = region.name if region else plan.region_code
    who = None
    if agency:
        who = session.exec(select(Agency).where(Agency.code == agency.strip().upper())).first()
        if who is None:
            known = ", ".join(session.exec(select(Agency.code).order_by(Agency.code)))
            raise EvaluasiError(f"unknown agency '{agency}'; known: {known}")
    lines = form_lines(session, plan, year, agency, include_demo)
    demo = include_demo and _has_demo(session, plan, year, who)
    if quarter is not None:  # the form as it stands after triwulan `quarter`
        for _row, line in lines:
            line.quarters = [
                v if i < quarter else (None, None) for i, v in enumerate(line.quarters)
            ]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    planning = plan.planning_agency or "Bappeda"
    title_rows = [
        f"EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN {region_name.upper()}",
        f"RAD GUGUS TUGAS PP-TPPO: {plan.title}",
        (f"PERANGKAT DAERAH: {who.name}" if who else "SELURUH INSTANSI ANGGOTA GUGUS TUGAS"),
        f"PERIODE PELAKSANAAN: TAHUN {year}"
        + (f" s.d. TRIWULAN {ROMAN[quarter - 1]}" if quarter else ""),
        f"Dievaluasi oleh {planning}; dibuat oleh radtrack dari data yang dimuat ({plan.code}).",
    ]
    if demo:  # on top of the form, where nobody can miss it
        title_rows[4] = (
            "DATA DEMO - ilustrasi, bukan capaian nyata: form ini memuat angka demo radtrack. "
            + title_rows[4]
        )
    for r, text in enumerate(title_rows, start=1):  # each across the whole form, centred
        cell = ws.cell(r, 1, text)
        cell.font = Font(bold=r <= 4, color="C00000" if demo and r == 5 else None)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=LAST_COLUMN)
    if demo:
        ws.title = "DEMO Evaluasi Renja"
    _header(ws, plan, year)
    r = HEADER_TOP + 4
    current = (None, None, None)
    for row, line in lines:
        sg, prog, act = row["subgroup_number"], row["programme_letter"], row["activity_number"]
        if current[0] != sg:
            ws.cell(r, 1, ROMAN[sg - 1] if sg <= len(ROMAN) else str(sg))
            ws.cell(r, 2, row["subgroup"].upper()).font = Font(bold=True)
            r += 1
        if current[:2] != (sg, prog):  # codes in the text: the Kode column is indicators'
            ws.cell(r, 3, f"Program {sg}.{prog}: {row['programme']}")
            r += 1
        if current != (sg, prog, act):
            ws.cell(r, 3, f"Kegiatan {sg}.{prog}.{act}: {row['activity']}")
            r += 1
        current = (sg, prog, act)
        _indicator_row(ws, r, line)
        r += 1
    last_table_row = r - 1
    for row_cells in ws.iter_rows(min_row=HEADER_TOP, max_row=last_table_row, max_col=LAST_COLUMN):
        for cell in row_cells:
            cell.border = BOX
    if narratives is None:  # what agencies and the secretariat wrote for the year
        texts = narrative.current(session, plan, year, agency, include_demo)
        if quarter is not None:
            texts = texts[texts["quarter"].isna() | (texts["quarter"] <= quarter)]
        narratives = {f: narrative.joined(texts, f) for f in narrative.FIELDS}
    r = _footer(ws, r, lines, narratives)
    _signatures(ws, r + 1, plan, who, today or date.today(), planning, region_name)
    ws.freeze_panes = ws.cell(HEADER_TOP + 4, 5)
    for c, width in ((1, 9), (2, 18), (3, 30), (4, 45), (27, 20), (28, 24)):
        ws.column_dimensions[get_column_letter(c)].width = width
    for c in range(5, 27):
        ws.column_dimensions[get_column_letter(c)].width = 11
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if hasattr(ws, "PAPERSIZE_A4") else 9
    ws.page_setup.fitToWidth = 1
    for row_cells in ws.iter_rows():
        for cell in row_cells:
            if cell.data_type == "f":
                # openpyxl takes any text starting with "=" for a formula: an agency's note
                # '=HYPERLINK("http://...?"&A2)' would run in the planner's Excel. No cell of
                # this form is a formula: each is kept as the text it is.
                cell.data_type = "s"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _header(ws, plan: Plan, year: int) -> None:
    top = HEADER_TOP
    number = 0
    for col, text, pair in HEADS:
        cell = ws.cell(top, col, text.format(end=plan.end_year, prev=year - 1, y=year))
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.font = Font(bold=True)
        width = 8 if col == 11 else (2 if pair else 1)
        if width == 1:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
        elif width == 8:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + 7)
            for q, roman in enumerate(ROMAN[:4]):
                ws.cell(top + 1, col + 2 * q, roman).alignment = Alignment(horizontal="center")
                ws.merge_cells(
                    start_row=top + 1,
                    start_column=col + 2 * q,
                    end_row=top + 1,
                    end_column=col + 2 * q + 1,
                )
        else:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col + 1)
        for c in range(col, col + width, 1 if width == 1 else 2):
            number += 1
            ws.cell(top + 3, c, f"({number})").alignment = Alignment(horizontal="center")
            if width >= 2:
                ws.cell(top + 2, c, "K").alignment = Alignment(horizontal="center")
                ws.cell(top + 2, c + 1, "Rp").alignment = Alignment(horizontal="center")
                ws.merge_cells(start_row=top + 3, start_column=c, end_row=top + 3, end_column=c + 1)
    ws.row_dimensions[top].height = 90


def _indicator_row(ws, r: int, line: Line) -> None:
    kind = line.kind
    values = {
        1: line.code,  # the RAD's own numbering: bidang.programme.activity.indicator
        4: line.statement + (f" ({line.unit})" if line.unit else ""),
        5: _k(line.plan_target, kind),
        7: _k(line.before_k, kind),
        8: line.before_rp,
        9: _k(line.target_k, kind),
        10: line.pagu,
        19: _k(line.year_k, kind),
        20: line.year_rp,
        21: _pct(line.capaian_year),
        22: _pct(line.absorption),
        23: _k(line.to_date_k, kind),
        24: line.to_date_rp,
        25: _pct(line.capaian_to_date),
        27: line.agencies,
        28: line.note,
    }
    for q, (k, rp) in enumerate(line.quarters):
        values[11 + 2 * q] = _k(k, kind)
        values[12 + 2 * q] = rp
    for col, value in values.items():
        if value is not None and value != "":
            cell = ws.cell(r, col, value)
            if col in (8, 10, 12, 14, 16, 18, 20, 24):
                cell.number_format = "#,##0"
            elif col in (21, 22, 25):
                cell.number_format = "0.00"
    ws.cell(r, 4).alignment = Alignment(wrap_text=True, vertical="top")


def footer_figures(lines: list[tuple[dict, Line]]) -> tuple[float | None, float | None]:
    """(mean capaian of the reported indicators, each capped at 100 %; mean absorption)."""
    values = [min(line.capaian_year, 100.0) for _r, line in lines if line.capaian_year is not None]
    absorbed = [line.absorption for _r, line in lines if line.absorption is not None]
    mean = sum(values) / len(values) if values else None
    money = sum(absorbed) / len(absorbed) if absorbed else None
    return mean, money


def _footer(ws, r: int, lines, narratives: dict) -> int:
    mean, money = footer_figures(lines)
    ws.cell(r, 3, "Rata-rata capaian kinerja (%)")
    if mean is not None:
        ws.cell(r, 21, round(mean, 2))
    if money is not None:
        ws.cell(r, 22, round(money, 2))
    r += 1
    ws.cell(r, 3, "Predikat kinerja")
    if mean is not None:
        ws.cell(r, 21, bands.predicate(mean).id)
    if money is not None:
        ws.cell(r, 22, bands.predicate(money).id)
    r += 1
    for key, label in (
        ("pendorong", "Faktor pendorong keberhasilan pencapaian:"),
        ("penghambat", "Faktor penghambat pencapaian kinerja:"),
        ("tindak_lanjut", "Tindak lanjut yang diperlukan dalam triwulan berikutnya:"),
    ):
        ws.cell(r, 3, label)
        text = narratives.get(key) or ""
        if text:
            ws.cell(r, 4, text).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    return r


def _signatures(ws, r: int, plan, who, today: date, planning: str, region_name: str) -> None:
    place = plan.place or "........................"
    when = format_date(today, "d MMMM y", locale="id")
    left, right = 3, 21
    compiled, evaluated = _signature(plan, "disusun"), _signature(plan, "dievaluasi")
    compiled_title = compiled.get("title") or (
        f"Kepala {who.name}" if who else "Ketua Harian Gugus Tugas PP-TPPO"
    )
    evaluated_title = evaluated.get("title") or f"Kepala {planning} Kabupaten {region_name}"
    rows = [
        ("Disusun", "Dievaluasi"),
        (f"{place}, {when}", f"{place}, ........................"),
        (compiled_title, evaluated_title),
        ("", ""),
        ("", ""),
        (
            compiled.get("name") or "(............................................)",
            evaluated.get("name") or "(............................................)",
        ),
        (
            f"NIP. {compiled.get('nip') or '..............................'}",
            f"NIP. {evaluated.get('nip') or '..............................'}",
        ),
    ]
    for offset, (a, b) in enumerate(rows):
        if a:
            ws.cell(r + offset, left, a)
        if b:
            ws.cell(r + offset, right, b)
