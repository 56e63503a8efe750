"""Laporan Tahunan (one plan year) and Laporan Lima Tahunan (the whole plan period, the baseline
of the next RAD), as an editable DOCX (python-docx: the text is edited before the Bupati signs)
and a PDF (the same content as HTML, printed by headless Chromium).

Contents: cover; summary; per bidang the capaian table with predicate bands, a chart (Plotly to
PNG with kaleido) and the narratives (faktor pendorong, penghambat, tindak lanjut); reporting
compliance; pagu against realisasi; context figures with their citations; the sources of the
figures. Demo figures are left out unless asked for, and then every page says DEMO.
"""

import base64
import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date
from babel.numbers import format_decimal
from sqlmodel import Session, select

from indicators import bands, narrative
from indicators.compliance import compliance_table
from indicators.models import Agency, Plan, Region, Submission, SubmissionStatus
from indicators.queries import (
    budget_table,
    context_figures,
    has_demo_data,
    has_real_reports,
    status_table,
)

DEMO_MARK = "DATA DEMO - ilustrasi, bukan capaian nyata"
WORDS = {
    "id": {
        "annual": "LAPORAN TAHUNAN",
        "five": "LAPORAN LIMA TAHUNAN",
        "task_force": "GUGUS TUGAS PENCEGAHAN DAN PENANGANAN TINDAK PIDANA PERDAGANGAN ORANG",
        "year": "TAHUN",
        "summary": "Ringkasan",
        "bidang": "Bidang",
        "compliance": "Kepatuhan pelaporan instansi",
        "budget": "Pagu dan realisasi anggaran",
        "context": "Data konteks yang dipublikasikan",
        "sources": "Sumber angka",
        "cols": ["Kode", "Indikator", "Target", "Realisasi", "Capaian (%)", "Predikat"],
        "pendorong": "Faktor pendorong",
        "penghambat": "Faktor penghambat",
        "tindak_lanjut": "Tindak lanjut",
        "no_narrative": "Belum ada narasi untuk bidang ini.",
        "summary_text": (
            "{indicators} indikator; {reported} dilaporkan; rata-rata capaian indikator yang "
            "dilaporkan (masing-masing paling tinggi 100 %): {mean}."
        ),
        "bands": "Sebaran predikat",
        "budget_cols": ["Bidang", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"],
        "compliance_cols": ["Instansi", "Keadaan", "Diterima"],
        "context_cols": ["Ukuran", "Tahun", "Nilai", "Sumber"],
        "sources_cols": ["Instansi", "Periode", "Berkas", "Dimuat"],
        "made": "Dibuat oleh radtrack dari data yang dimuat, {day}. Teks boleh disunting.",
        "planning": "Badan perencanaan: {planning}",
        "chart": "Capaian indikator bidang {n} (%)",
        "none": "-",
    },
    "en": {
        "annual": "ANNUAL REPORT",
        "five": "FIVE-YEAR REPORT",
        "task_force": "TASK FORCE FOR THE PREVENTION AND HANDLING OF TRAFFICKING IN PERSONS",
        "year": "YEAR",
        "summary": "Summary",
        "bidang": "Sub-group",
        "compliance": "Agencies' reporting compliance",
        "budget": "Budget and spending",
        "context": "Published context figures",
        "sources": "Sources of the figures",
        "cols": ["Code", "Indicator", "Target", "Achieved", "Capaian (%)", "Band"],
        "pendorong": "Driving factors",
        "penghambat": "Obstacles",
        "tindak_lanjut": "Follow-up",
        "no_narrative": "No narrative for this sub-group yet.",
        "summary_text": (
            "{indicators} indicators; {reported} reported; mean capaian of the reported "
            "indicators (each capped at 100 %): {mean}."
        ),
        "bands": "Bands",
        "budget_cols": ["Sub-group", "Budget (Rp)", "Spent (Rp)", "Absorption (%)"],
        "compliance_cols": ["Agency", "State", "Received"],
        "context_cols": ["Measure", "Year", "Value", "Source"],
        "sources_cols": ["Agency", "Period", "File", "Loaded"],
        "made": "Made by radtrack from the loaded data, {day}. The text may be edited.",
        "planning": "Planning agency: {planning}",
        "chart": "Capaian of sub-group {n} indicators (%)",
        "none": "-",
    },
}
STATE_WORDS = {
    "id": {"on_time": "tepat waktu", "late": "terlambat", "missing": "belum ada",
           "not_due": "belum jatuh tempo", "submitted": "menunggu tinjauan",
           "returned": "dikembalikan", "not_expected": "tidak diharapkan"},
    "en": {"on_time": "on time", "late": "late", "missing": "missing", "not_due": "not due",
           "submitted": "awaiting review", "returned": "returned",
           "not_expected": "not expected"},
}  # fmt: skip


class ReportError(ValueError):
    """The report cannot be made as asked (message for the user)."""


@dataclass
class Table:
    head: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[tuple[str, bytes]] = field(default_factory=list)  # (caption, PNG)


@dataclass
class Report:
    """A report's content, written once and rendered as DOCX and as PDF."""

    title: list[str]
    demo: bool
    sections: list[Section]
    footer: str


def _number(value, lang: str, digits: int = 1) -> str:
    if value is None or value != value:
        return "-"
    return format_decimal(round(float(value), digits), locale="id_ID" if lang == "id" else "en")


def _figure(value, kind: str, lang: str) -> str:
    """A target or realisation as planners write it: a milestone is done or not yet."""
    if kind == "milestone" and value is not None and value == value:
        done = value >= 1
        return ("Sudah" if done else "Belum") if lang == "id" else ("done" if done else "not yet")
    return _number(value, lang)


def _chart(table: pd.DataFrame, caption: str, lang: str) -> bytes:
    """Capaian per indicator of a bidang, capped at 150 % for the scale, in band colours."""
    shown = table.dropna(subset=["capaian"])
    colours = [bands.ALL[b].colour for b in shown["band"]]
    figure = go.Figure(
        go.Bar(
            x=shown["code"],
            y=shown["capaian"].clip(upper=150),
            marker={"color": colours, "line": {"color": "#333", "width": 0.5}},
            text=[_number(v, lang, 0) for v in shown["capaian"]],
            textposition="outside",
        )
    )
    figure.add_hline(y=100, line_dash="dash", line_color="#333")
    figure.update_layout(
        title=caption,
        width=900,
        height=360,
        margin={"l": 50, "r": 20, "t": 50, "b": 60},
        yaxis={"range": [0, 165], "title": "%"},
        plot_bgcolor="white",
        font={"size": 13},
    )
    return figure.to_image(format="png", scale=1.5)


def build(
    session: Session,
    plan: Plan,
    year: int | None,
    include_demo: bool = False,
    lang: str = "id",
    today: date | None = None,
) -> Report:
    """The annual report of `year`, or the five-year report (year None) of `plan`."""
    words = WORDS[lang]
    today = today or date.today()
    if year is not None and not plan.start_year <= year <= plan.end_year:
        raise ReportError(f"year {year} is outside {plan.code} ({plan.start_year}-{plan.end_year})")
    demo = include_demo and has_demo_data(session, plan)
    if not include_demo and not has_real_reports(session, plan):
        raise ReportError(
            "no real report is loaded for this plan (only demo data, or nothing): a report "
            "with demo figures needs --include-demo, and says DEMO on every page"
        )
    region = session.get(Region, plan.region_code)
    region_name = region.name if region else plan.region_code
    status = status_table(session, plan, year, include_demo=include_demo)
    period = f"{words['year']} {year}" if year else f"{plan.start_year}-{plan.end_year}"
    title = [
        words["annual" if year else "five"],
        words["task_force"],
        f"KABUPATEN {region_name.upper()}",
        period,
    ]
    reported = status[status["band"] != bands.NO_REPORT.key]
    values = reported["capaian"].dropna().clip(upper=100)
    mean = _number(values.mean(), lang) + " %" if len(values) else "-"
    counts = status["band"].value_counts()
    summary = Section(
        words["summary"],
        [
            plan.title,
            words["summary_text"].format(indicators=len(status), reported=len(reported), mean=mean),
            words["planning"].format(planning=plan.planning_agency or "Bappeda"),
        ],
        [
            Table(
                [words["bands"], "n"],
                [[bands.label(k, lang), str(int(counts.get(k, 0)))] for k in bands.ALWAYS_SHOWN],
            )
        ],
    )
    sections = [summary]
    texts = narrative.current(session, plan, year, include_demo=include_demo)
    for number, group in status.groupby("subgroup_number", sort=True):
        name = group["subgroup"].iloc[0]
        rows = [
            [
                r.code,
                r.statement,
                _figure(r.expected, r.kind, lang),
                _figure(r.realised, r.kind, lang),
                _number(r.capaian, lang),
                bands.label(r.band, lang),
            ]
            for r in group.itertuples()
        ]
        caption = words["chart"].format(n=number)
        section = Section(f"{words['bidang']} {number}: {name}", [], [Table(words["cols"], rows)])
        if group["capaian"].notna().any():
            section.charts.append((caption, _chart(group, caption, lang)))
        mine = texts[texts["subgroup"] == number]
        for key in narrative.FIELDS:
            said = narrative.joined(mine, key)
            if said:
                section.paragraphs.append(f"{words[key]}: {said}")
        if not section.paragraphs:
            section.paragraphs.append(words["no_narrative"])
        sections.append(section)
    table = compliance_table(session, plan, today)
    if year is not None:
        table = table[table["year"] == year]
    sections.append(
        Section(
            words["compliance"],
            [],
            [
                Table(
                    words["compliance_cols"] if year else ["", *words["compliance_cols"]],
                    [
                        ([] if year else [str(r.year)])
                        + [r.agency, STATE_WORDS[lang][r.state], str(r.received or "-")]
                        for r in table.itertuples()
                        if include_demo or not r.demo
                    ],
                )
            ],
        )
    )
    money = budget_table(session, plan, year, include_demo=include_demo)
    sections.append(
        Section(
            words["budget"],
            [],
            [
                Table(
                    words["budget_cols"],
                    [
                        [
                            r.name,
                            _number(r.budget, lang, 0),
                            _number(r.spent, lang, 0),
                            _number(r.absorption, lang),
                        ]
                        for r in money.itertuples()
                    ],  # fmt: skip
                )
            ],
        )
    )
    figures = context_figures(session, plan.region_code)
    if year is not None:
        figures = figures[figures["year"] <= year]
    sections.append(
        Section(
            words["context"],
            [],
            [
                Table(
                    words["context_cols"],
                    [
                        [r.measure, str(r.year), _number(r.value, lang, 0), r.citation]
                        for r in figures.itertuples()
                    ],
                )
            ],
        )
    )
    sources = session.exec(
        select(Submission, Agency.code)
        .join(Agency, Submission.agency_id == Agency.id)
        .where(Submission.plan_id == plan.id, Submission.status == SubmissionStatus.LOADED)
        .order_by(Agency.code, Submission.year, Submission.quarter)
    ).all()
    sections.append(
        Section(
            words["sources"],
            [],
            [
                Table(
                    words["sources_cols"],
                    [
                        [
                            code,
                            f"{s.year}" + (f" TW {s.quarter}" if s.quarter else ""),
                            s.file_name + (" (DEMO)" if s.is_demo else ""),
                            s.uploaded_at.strftime("%Y-%m-%d"),
                        ]
                        for s, code in sources
                        if (year is None or s.year == year) and (include_demo or not s.is_demo)
                    ],  # fmt: skip
                )
            ],
        )
    )
    day = format_date(today, "d MMMM y", locale="id" if lang == "id" else "en")
    return Report(title, demo, sections, words["made"].format(day=day))


def to_docx(report: Report, path: Path) -> Path:
    """The report as an editable Word document."""
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    if report.demo:
        for part in (section.header, section.footer):
            run = part.paragraphs[0].add_run(DEMO_MARK)
            run.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0, 0)
    for i, line in enumerate(report.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = 1
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(18 if i == 0 else 14)
    document.add_paragraph(report.footer).alignment = 1
    for part in report.sections:
        if part is report.sections[0]:
            document.add_page_break()  # the cover stands alone
        document.add_heading(part.title, level=1)
        for text in part.paragraphs:
            document.add_paragraph(text)
        for caption, png in part.charts:
            document.add_picture(_stream(png), width=Cm(16))
            document.add_paragraph().add_run(caption).italic = True
        for table in part.tables:
            grid = document.add_table(rows=1, cols=len(table.head))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, table.head, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in table.rows:
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def _stream(png: bytes):
    import io

    return io.BytesIO(png)


def to_html(report: Report) -> str:
    """The report as one HTML page for printing (A4, a DEMO line on every page when demo)."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='id'><head><meta charset='utf-8'><style>",
        "@page { size: A4; margin: 18mm 15mm; }",
        "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; }",
        ".cover { text-align: center; margin-top: 60mm; page-break-after: always; }",
        ".cover h1 { font-size: 20pt; } .cover p { font-size: 13pt; font-weight: bold; }",
        "table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; }",
        "th, td { border: 1px solid #555; padding: 3pt 4pt; vertical-align: top; }",
        "th { background: #1F4E79; color: white; } h2 { page-break-before: always; }",
        ".demo { position: fixed; top: 0; left: 0; right: 0; text-align: center;",
        " color: #C00000; font-weight: bold; background: white; }",
        "body.demo-report { padding-top: 8mm; }",
        "img { width: 100%; }",
        "</style></head>",
        "<body class='demo-report'>" if report.demo else "<body>",
    ]
    if report.demo:
        parts.append(f"<div class='demo'>{e(DEMO_MARK)}</div>")
    parts.append("<div class='cover'>")
    parts.append(f"<h1>{e(report.title[0])}</h1>")
    parts += [f"<p>{e(line)}</p>" for line in report.title[1:]]
    parts.append(f"<p style='font-weight:normal'>{e(report.footer)}</p></div>")
    for part in report.sections:
        parts.append(f"<h2>{e(part.title)}</h2>")
        parts += [f"<p>{e(text)}</p>" for text in part.paragraphs]
        for caption, png in part.charts:
            data = base64.b64encode(png).decode()
            parts.append(f"<img alt='{e(caption)}' src='data:image/png;base64,{data}'>")
        for table in part.tables:
            parts.append("<table><thead><tr>")
            parts += [f"<th>{e(h)}</th>" for h in table.head]
            parts.append("</tr></thead><tbody>")
            for row in table.rows:
                parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
            parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


def chromium() -> str:
    """The Chromium that prints PDFs (Debian's, installed by make browser)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise ReportError("a PDF needs Chromium: sudo apt-get install chromium (make browser)")


def to_pdf(report: Report, path: Path) -> Path:
    """The report as PDF: its HTML printed by headless Chromium."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "laporan.html"
        page.write_text(to_html(report), encoding="utf-8")
        done = subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={work}/profile",
                f"--print-to-pdf={path}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    if done.returncode != 0 or not path.exists():
        raise ReportError(f"Chromium could not print the PDF: {done.stderr.decode()[-300:]}")
    return path
