"""`make screenshots`: every page at 1366x768 in headless Chromium, on a fresh demo store; the
phone views at 390x844, the projector view at 1280x720, the budget print view as the PDF
Chromium prints (A4 landscape), and the first page of each document radtrack makes (the annual
and five-year reports from their PDF, rendered by pypdfium2; the Permendagri 86/2017 form as
its sheet looks, drawn as HTML), all marked DEMO.

Writes PNGs (and the PDF) into screenshots/ (git-ignored). Serves on 127.0.0.1 only.
"""

import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "ringkasan": "/",
    "ringkasan-2020-en": "/?year=2020&lang=en",
    "bidang-1": "/bidang?n=1",
    "indikator": "/indikator?code=1.a.1.1",
    "anggaran": "/anggaran",
    "anggaran-cetak": "/anggaran?view=print",
    "anggaran-proyektor": "/anggaran?view=projector",
    "kepatuhan": "/kepatuhan",
    "konteks": "/konteks",
    "unduh": "/unduh",
    "unggah": "/unggah",
    "tinjauan": "/tinjau",
    "log-audit": "/audit",
    "instansi": "/instansi",
    "mulai": "/mulai",
    "ringkasan-semua-rad": "/?plan=semua",
    "masuk": "/login",
}
SIZED = {  # name: (path, window size)
    "ringkasan-hp": ("/", "390,844"),
    "ringkasan-hp-en": ("/?lang=en", "390,844"),
    "bidang-1-hp": ("/bidang?n=1", "390,844"),
    "indikator-hp": ("/indikator?code=2.a.1.3", "390,844"),
    "anggaran-hp": ("/anggaran", "390,844"),
    "anggaran-proyektor-1280x720": ("/anggaran?view=projector", "1280,720"),
}
PRINTED = {"anggaran-cetak": "/anggaran?view=print"}  # name: path, printed to PDF


def main() -> int:
    """Build a demo store, serve it, and shoot every page."""
    from dashboard.app import create_app
    from indicators.catalogue import load_bundled
    from indicators.db import make_engine, session
    from indicators.schema import upgrade
    from loaders.demo import load_demo

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("Error: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        engine = make_engine(f"sqlite:///{Path(work) / 'shots.sqlite'}")
        upgrade(engine)
        with session(engine) as s:
            load_bundled(s)
            s.commit()
        load_demo(engine, Path(work) / "demo")
        server = make_server("127.0.0.1", 0, create_app(engine).server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        shots = [(f"{n}.png", p, "1366,768") for n, p in PAGES.items()]
        shots += [(f"{n}.png", p, size) for n, (p, size) in SIZED.items()]
        shots += [(f"{n}.pdf", p, "1366,768") for n, p in PRINTED.items()]
        for name, path, size in shots:
            target = out / name
            output = (
                ["--no-pdf-header-footer", f"--print-to-pdf={target}"]
                if name.endswith(".pdf")
                else [f"--screenshot={target}"]
            )
            subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={Path(work) / 'chrome'}",
                    f"--window-size={size}",
                    "--virtual-time-budget=8000",
                    *output,
                    base + path,
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            print(f"{target.relative_to(ROOT)}")
        server.shutdown()
        documents(engine, Path(work), out, browser)
    return 0


def documents(engine, work: Path, out: Path, browser: str) -> None:
    """The first page of the annual report (2021), the five-year report and the form."""
    import pypdfium2

    from indicators.db import session
    from indicators.queries import get_plan
    from reports import annual
    from reports.evaluasi import write_form

    with session(engine) as s:
        plan = get_plan(s)
        reports = {
            "laporan-tahunan-2021": annual.build(s, plan, 2021, include_demo=True),
            "laporan-lima-tahunan": annual.build(s, plan, None, include_demo=True),
        }
        form = write_form(s, plan, 2021, work / "form.xlsx", "DINSOS", include_demo=True)
    for name, content in reports.items():
        pdf = annual.to_pdf(content, work / f"{name}.pdf")
        document = pypdfium2.PdfDocument(pdf)
        document[0].render(scale=1.5).to_pil().save(out / f"{name}.png")
        print(f"screenshots/{name}.png")
        # and its first bidang: the capaian table, the chart and the narratives
        document[2].render(scale=1.2).to_pil().save(out / f"{name}-bidang-1.png")
        print(f"screenshots/{name}-bidang-1.png")
    page = work / "form.html"
    page.write_text(_sheet_html(form), encoding="utf-8")
    target = out / "form-evaluasi-2021.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1600,900",
         f"--user-data-dir={work / 'chrome-form'}", f"--screenshot={target}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"screenshots/{target.name}")


def _sheet_html(path: Path, rows: int = 40) -> str:
    """The first rows of a workbook's sheet as an HTML table, merged cells merged."""
    import html

    import openpyxl

    ws = openpyxl.load_workbook(path).active
    spans, hidden = {}, set()
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (
            merged.max_row - merged.min_row + 1,
            merged.max_col - merged.min_col + 1,
        )
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    hidden.add((r, c))
    lines = [
        "<html><head><meta charset='utf-8'><style>body{font:11px sans-serif}",
        "table{border-collapse:collapse}td{border:1px solid #999;padding:2px 4px;",
        "max-width:260px;vertical-align:top}</style></head><body><table>",
    ]
    for r in range(1, min(ws.max_row, rows) + 1):
        cells = []
        for c in range(1, ws.max_column + 1):
            if (r, c) in hidden:
                continue
            value = ws.cell(r, c).value
            down, across = spans.get((r, c), (1, 1))
            text = html.escape("" if value is None else str(value))
            cells.append(f"<td rowspan={down} colspan={across}>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table></body></html>")
    return "".join(lines)


if __name__ == "__main__":
    sys.exit(main())
