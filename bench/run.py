"""`make bench`: the figures of issue #6 on a clearly synthetic national dataset.

Prints every figure with its target and PASS/FAIL and writes them to var/bench.json as a list of
{name, value, unit, target, pass}. Medians of repeated runs in one process. Loopback only.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_calamine import CalamineWorkbook  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlmodel import select  # noqa: E402

from bench import national  # noqa: E402
from indicators import schema  # noqa: E402
from indicators.backup import backup  # noqa: E402
from indicators.db import make_engine, session  # noqa: E402
from indicators.models import Agency, Plan  # noqa: E402
from indicators.queries import indicator_rows  # noqa: E402
from indicators.schema import upgrade  # noqa: E402
from indicators.summary import mark_stale, refresh_stale  # noqa: E402
from loaders.ingest import DEFAULT_JOBS, ingest_files  # noqa: E402
from loaders.template import COLUMNS, DATA_SHEET, HEADER_ROW, write_template  # noqa: E402

VAR = ROOT / "var" / "bench"
PG_ADMIN = os.environ.get(
    "RADTRACK_BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PG_URL = "postgresql://postgres@127.0.0.1:5432/radtrack_bench"
REPEAT = 7
WORKERS = 2 * (os.cpu_count() or 1)  # the load test's gunicorn workers, as issue #18 asks
INGEST_JOBS = DEFAULT_JOBS  # as `radtrack ingest` runs on this machine
PLAN = national.plan_code(300)
results: list[dict] = []


def record(name: str, value: float, unit: str, target: float | None, higher_is_better=False):
    ok = None if target is None else (value >= target if higher_is_better else value <= target)
    results.append(
        {"name": name, "value": round(value, 3), "unit": unit, "target": target, "pass": ok}
    )
    mark = "" if ok is None else ("PASS" if ok else "FAIL")
    bound = "" if target is None else (">= " if higher_is_better else "<= ") + f"{target:g}"
    print(f"  {name:<70} {value:>12,.1f} {unit:<6} {bound:<12} {mark}", flush=True)


def median_ms(fn, repeat=REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fresh_sqlite(name: str):
    path = VAR / name
    for stale in (path, path.with_name(name + "-wal"), path.with_name(name + "-shm")):
        stale.unlink(missing_ok=True)  # a leftover write-ahead log must not meet a new store
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return engine, path


def fresh_postgres():
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS radtrack_bench"))
        conn.execute(text("CREATE DATABASE radtrack_bench"))
    admin.dispose()
    engine = make_engine(PG_URL)
    upgrade(engine)
    return engine


CALLBACKS = {
    # name: (page module, URL query): what the page callback runs for a visit
    "overview": ("overview", {"plan": PLAN}),
    "overview, year + triwulan": ("overview", {"plan": PLAN, "year": "2020", "tw": "2"}),
    "bidang": ("subgroup", {"plan": PLAN, "bidang": "2", "year": "2021"}),
    "indicator": ("indicator", {"plan": PLAN, "code": "2.a.1.1"}),
    "compliance": ("compliance", {"plan": PLAN}),
    "budget": ("budget", {"plan": PLAN}),
    "downloads": ("downloads", {"plan": PLAN}),
    # every plan together (plan=semua), from the materialised summaries
    "overview, all plans": ("overview", {"plan": "semua"}),
    "overview, all plans, one year": ("overview", {"plan": "semua", "year": "2021"}),
    "compliance, all plans": ("compliance", {"plan": "semua"}),
    "budget, all plans": ("budget", {"plan": "semua"}),
    "downloads, all plans": ("downloads", {"plan": "semua"}),
}


COLD_AFTER_CHANGE = ("overview", "overview, year + triwulan", "bidang")


def callbacks(engine, label: str) -> None:
    """Each page's layout as the pages callback runs it: inside a request (so per-request
    work such as who is asking is done once, as in the server), median of REPEAT visits."""
    import dash

    from dashboard.app import create_app

    server = create_app(engine).server
    pages = {p["module"].split(".")[-1]: p["layout"] for p in dash.page_registry.values()}
    for name, (module, query) in CALLBACKS.items():
        layout = pages[module]

        def visit(layout=layout, query=query):
            with server.test_request_context("/_dash-update-component", method="POST"):
                layout(**query)

        visit()  # warm the process (imports, first connection), as a running server is
        record(f"callback {name} ({label})", median_ms(visit), "ms", 100)

    # Pages of one plan reuse its status tables until the plan's figures change. The first
    # visit after a change pays for them: measured by marking the plan changed, as a load does,
    # before each visit.
    with session(engine) as s:
        plan_id = s.exec(select(Plan.id).where(Plan.code == PLAN)).one()
    for name in COLD_AFTER_CHANGE:
        module, query = CALLBACKS[name]
        times = []
        for _ in range(REPEAT):
            with session(engine) as s:
                mark_stale(s, plan_id)
                s.commit()
            with server.test_request_context("/_dash-update-component", method="POST"):
                start = time.perf_counter()
                pages[module](**query)
                times.append((time.perf_counter() - start) * 1000)
        record(
            f"callback {name}, after a load ({label})",
            statistics.median(times),
            "ms",
            100,
        )
    refresh_stale(engine)


def workbooks(count: int = 500) -> tuple[list[Path], object]:
    """`count` real agency templates, filled for the agency's own indicators, and the
    catalogue-only store they are loaded into."""
    engine, _ = fresh_sqlite("ingest.sqlite")
    plans = count // national.AGENCIES + 1
    national.build(engine, plans=plans, achievements=False)
    folder = VAR / "workbooks"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    import openpyxl

    value_col = [c[0] for c in COLUMNS].index("value") + 1
    files = []
    with session(engine) as s:
        for plan in s.exec(select(Plan).order_by(Plan.id)):
            rows = indicator_rows(s, plan)
            agencies = s.exec(select(Agency).where(Agency.region_code == plan.region_code))
            for k, agency in enumerate(sorted(agencies, key=lambda a: a.code)):
                if len(files) == count:
                    break
                path = folder / f"{agency.code}_2020.xlsx"
                write_template(s, plan, agency, 2020, path)
                wb = openpyxl.load_workbook(path)
                ws = wb[DATA_SHEET]
                for offset, row in enumerate(rows, start=1):
                    if offset % national.AGENCIES != k:
                        continue
                    milestone = row["kind"] == "milestone"
                    ws.cell(HEADER_ROW + offset, value_col, "Sudah" if milestone else offset % 7)
                wb.save(path)
                files.append(path)
    return files, engine


def data_rows(path: Path) -> int:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(DATA_SHEET)
    return len(sheet.to_python()) - HEADER_ROW


def raw_read(files: list[Path]) -> None:
    for path in files:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()


def ingest_throughput(files: list[Path], engine) -> None:
    """The 500 workbooks loaded as one `radtrack ingest` run (its default --jobs) into fresh
    copies of the catalogue-only store, each right after a raw read of the same files so that
    both meet the machine in the same mood (its speed drifts by up to 2x over a minute). Three
    runs, each the best of two reads against the best of two ingests; figures are medians of the
    three. The same in one process (--jobs 1, one of each per run), no target."""
    rows = sum(data_rows(p) for p in files)
    catalogue_only = VAR / "ingest-catalogue.sqlite"
    catalogue_only.unlink(missing_ok=True)
    with engine.connect() as conn:
        conn.exec_driver_sql(f"VACUUM INTO '{catalogue_only}'")

    def ingest_once(n: int, jobs: int) -> float:
        store = VAR / f"ingest-run-{n}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            store.with_name(store.name + suffix).unlink(missing_ok=True)
        shutil.copy(catalogue_only, store)
        target = make_engine(f"sqlite:///{store}")
        start = time.perf_counter()
        for report in ingest_files(target, files, jobs=jobs):
            assert report.ok, (report.file, [p.message("en") for p in report.problems][:3])
        loaded = time.perf_counter() - start
        target.dispose()
        return loaded

    def run(n: int, jobs: int, attempts: int) -> tuple[float, float]:
        """The best of `attempts` raw reads and the best of as many ingests, taken in turns:
        each side's least disturbed run, in the same minute."""
        times = [
            (median_ms(lambda: raw_read(files), repeat=1) / 1000, ingest_once(n, jobs))
            for _ in range(attempts)
        ]
        return min(read for read, _ in times), min(loaded for _, loaded in times)

    runs = [run(n, INGEST_JOBS, 2) for n in range(3)]
    alone = [run(n, 1, 1) for n in range(3)]
    raw = rows / statistics.median(read for read, _ in runs)
    ingest = rows / statistics.median(loaded for _, loaded in runs)
    per_file = rows / len(files)
    record("raw calamine read (500 workbooks)", raw, "rows/s", None)
    record("raw calamine read, per workbook", per_file / raw * 1000, "ms", None)
    record(f"ingest (500 workbooks, --jobs {INGEST_JOBS})", ingest, "rows/s", None)
    record("ingest, per workbook", per_file / ingest * 1000, "ms", None)
    ratio = statistics.median(read / loaded * 100 for read, loaded in runs)
    record("ingest / raw read", ratio, "%", 50, higher_is_better=True)
    ratio_alone = statistics.median(read / loaded * 100 for read, loaded in alone)
    record("ingest in one process (--jobs 1) / raw read", ratio_alone, "%", None)


def ingest_in_own_process(files: list[Path]) -> None:
    """ingest_throughput in a new process, as `radtrack ingest` runs: not in this one, which
    by now holds two national stores' worth of objects (a worker process forked from it would
    start with all of them)."""
    (VAR / "ingest-files.json").write_text(json.dumps([str(f) for f in files]))
    subprocess.run([sys.executable, __file__, "--ingest-only"], check=True, cwd=ROOT)
    results.extend(json.loads((VAR / "ingest-results.json").read_text()))


def ingest_only() -> None:
    files = [Path(f) for f in json.loads((VAR / "ingest-files.json").read_text())]
    engine = make_engine(f"sqlite:///{VAR / 'ingest.sqlite'}")
    ingest_throughput(files, engine)
    (VAR / "ingest-results.json").write_text(json.dumps(results))


# Run in the page before its own scripts: once the overview's chart has its bars and its last
# status table is there, wait for the next frame (the one that paints them) and note the time
# since the navigation began.
FIRST_CHART = """
new MutationObserver((changes, observer) => {
  if (!document.querySelector('.js-plotly-plot .bars')) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.radtrackFirstChart = performance.now(); });
}).observe(document, {subtree: true, childList: true});
"""
WIRE = """
const entries = [...performance.getEntriesByType('navigation'),
                 ...performance.getEntriesByType('resource')];
return entries.reduce((sum, e) => sum + (e.transferSize || 0), 0);
"""


def slow_link(driver, url: str) -> None:
    """Issue #18's figures: bytes on the wire for a first and a repeat visit of the overview,
    and the time to its first chart at 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, with
    an empty and a warm cache."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_CHART})
    driver.execute_cdp_cmd("Network.enable", {})
    conditions = {
        "offline": False,
        "latency": 150,
        "downloadThroughput": 1_600_000 / 8,
        "uploadThroughput": 750_000 / 8,
    }

    def visit() -> tuple[float, int]:
        driver.get(url)
        drawn = WebDriverWait(driver, 120, poll_frequency=0.05).until(
            lambda d: d.execute_script("return window.radtrackFirstChart")
        )
        time.sleep(1.0)  # the page's last answers (status tables) arrive after its first chart
        return drawn, driver.execute_script(WIRE)

    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    _cold, first_bytes = visit()
    _warm, repeat_bytes = visit()
    record("overview, first visit: bytes on the wire", first_bytes / 1024, "KB", 1300)
    record("overview, repeat visit: bytes on the wire", repeat_bytes / 1024, "KB", 100)
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", conditions)
    cold, warm = [], []
    for _ in range(3):
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        cold.append(visit()[0])
        warm.append(visit()[0])
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    record(
        "first chart at 1.6 Mbit/s, 150 ms RTT, empty cache", statistics.median(cold), "ms", 8000
    )
    record("first chart at 1.6 Mbit/s, 150 ms RTT, warm cache", statistics.median(warm), "ms", 2000)


PAGE_DRAWN = """
const lastChart = '#bidang-charts .bidang-chart:last-child .js-plotly-plot .bars';
new MutationObserver((changes, observer) => {
  if (!document.querySelector(lastChart)) return;
  if (!document.querySelector('#bidang-sections > .bidang:last-child .status-table')) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.radtrackPageDrawn = performance.now(); });
}).observe(document, {subtree: true, childList: true});
"""


def page_loads(db_path: Path) -> None:
    """First page load in headless Chromium against `radtrack serve`, and the server's peak
    RSS."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    env = {**os.environ, "RADTRACK_DATABASE_URL": f"sqlite:///{db_path}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "radtrack.cli", "serve", "--port", "8093"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    try:
        wait_for("http://127.0.0.1:8093/_dash-layout")
        options = Options()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu"):
            options.add_argument(arg)
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        driver = webdriver.Chrome(
            service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
            options=options,
        )
        # The moment is taken in the page (milliseconds since the navigation began):
        # WebDriverWait polls, and its default half-second poll would round each load up to the
        # next poll.
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PAGE_DRAWN})
        times = []
        try:
            for _ in range(7):
                driver.delete_all_cookies()
                driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                driver.get(f"http://127.0.0.1:8093/?plan={PLAN}")
                drawn = WebDriverWait(driver, 30, poll_frequency=0.02).until(
                    lambda d: d.execute_script("return window.radtrackPageDrawn")
                )
                times.append(drawn)
            slow_link(driver, f"http://127.0.0.1:8093/?plan={PLAN}")
        finally:
            driver.quit()
        record(
            "first page load, empty cache (overview: chart and status tables drawn)",
            statistics.median(times),
            "ms",
            1000,
        )
        peak = peak_rss_mb(server.pid)
        record("app process peak RSS", peak, "MB", 400)
    finally:
        server.terminate()
        server.wait()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def _loaded(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("select count(*) from submission")).scalar_one()


def load_test(files: list[Path], readers: int = 50, seconds: float = 20) -> None:
    """`radtrack serve --workers <2 x cores>` on PostgreSQL; `readers` threads, each on its own
    plan, render the overview and read the API while a second process loads workbooks into
    ten of those plans; latency percentiles, throughput and errors.

    Each reader first opens its page and its table once, before the clock starts: those first
    visits are drawn afresh (no other reader shares a plan here) and are printed on their own,
    without a target. The target is on what follows: the same readers reading on while the
    loads move their plans' versions, so every answer of a loaded plan is drawn again."""
    env = {**os.environ, "RADTRACK_DATABASE_URL": PG_URL}
    server = subprocess.Popen(
        [sys.executable, "-m", "radtrack.cli", "serve", "--workers", str(WORKERS),
         "--port", "8094"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    engine = make_engine(PG_URL)
    uploader = None
    try:
        wait_for("http://127.0.0.1:8094/_dash-layout")

        def requests_of(n: int) -> tuple[urllib.request.Request, urllib.request.Request]:
            plan = national.plan_code(n % national.PLANS + 1)
            page = json.dumps(
                {
                    "output": ".._pages_content.children..._pages_store.data..",
                    "outputs": [
                        {"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"},
                    ],
                    "inputs": [
                        {"id": "_pages_location", "property": "pathname", "value": "/"},
                        {"id": "_pages_location", "property": "search", "value": f"?plan={plan}"},
                    ],
                    "changedPropIds": ["_pages_location.search"],
                    "state": [],
                }
            ).encode()
            return (
                urllib.request.Request(
                    "http://127.0.0.1:8094/_dash-update-component", data=page,
                    headers={"Content-Type": "application/json"},
                ),
                urllib.request.Request(
                    f"http://127.0.0.1:8094/api/indicator_progress?plan={plan}&year=2020"
                ),
            )  # fmt: skip

        latencies: list[float] = []
        errors, drawn = [0], [0]
        lock = threading.Lock()

        def ask(request: urllib.request.Request) -> None:
            start = time.perf_counter()
            shared = False
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
                    shared = response.headers.get("X-Radtrack-Answer") == "shared"
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
                drawn[0] += 0 if shared else 1

        def together(work) -> None:
            threads = [threading.Thread(target=work, args=(n,)) for n in range(readers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        together(lambda n: [ask(r) for r in requests_of(n)])
        first = sorted(latencies)
        record(f"load test, first visits ({len(first)}, cold), median", first[len(first) // 2],
               "ms", None)  # fmt: skip
        record("load test, first visits, slowest", first[-1], "ms", None)
        latencies.clear()
        errors[0] = drawn[0] = 0
        before = _loaded(engine)
        batch = min(60, len(files))
        uploader = subprocess.Popen(
            [sys.executable, "-m", "radtrack.cli", "ingest", *map(str, files[:batch])],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip
        began = time.time()
        stop = began + seconds

        def reader(n: int) -> None:
            asked = requests_of(n)
            i = 0
            # for `seconds`, and on until the whole batch has loaded: every load inside
            while time.time() < stop or uploader.poll() is None:
                i += 1
                ask(asked[i % 2])

        together(reader)
        seconds = time.time() - began
        loaded = _loaded(engine) - before
        quantiles = statistics.quantiles(latencies, n=100)
        record(f"load test requests ({readers} readers)", len(latencies), "req", None)
        record("load test: seconds (until every file has loaded)", seconds, "s", None)
        # every file of the batch must load inside the window, or the test measured no loads
        record("load test: files loaded meanwhile", loaded, "files", batch, higher_is_better=True)
        record("load test: answers drawn anew meanwhile", drawn[0], "req", None)
        record("load test p50", quantiles[49], "ms", None)
        record("load test p95", quantiles[94], "ms", None)
        record("load test throughput", len(latencies) / seconds, "req/s", None)
        record("load test p99", quantiles[98], "ms", 500)
        record("load test errors", errors[0], "req", 0)
    finally:
        if uploader is not None:
            uploader.wait(timeout=600)
        server.terminate()
        server.wait()
        engine.dispose()


def upgrade_figures(engine, label: str) -> None:
    """What an operator waits for when `radtrack init` upgrades a store of this size: the backup
    taken first, then the migrations from the baseline to the newest revision (the store is put
    back at the baseline first, by the migrations' own downgrades)."""
    schema.downgrade(engine, schema.BASELINE)
    engine.dispose()
    target = VAR / ("upgrade-backup.sqlite" if label == "SQLite" else "upgrade-backup.dump")
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    backup(engine, target)
    record(f"backup before an upgrade, 1M rows ({label})", time.perf_counter() - start, "s", None)
    record(f"backup file size ({label})", target.stat().st_size / 1e6, "MB", None)
    target.unlink()
    start = time.perf_counter()
    upgrade(engine)
    record(f"upgrade 0001 -> head, 1M rows ({label})", time.perf_counter() - start, "s", None)


def cpu_probe() -> float:
    """A fixed piece of pure Python work: how fast this machine is during this run (shared
    virtual machines vary; every figure above scales with it)."""
    return median_ms(lambda: sum(range(30_000_000)), repeat=5)


def main() -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    began = time.time()
    print("radtrack benchmark: SYNTHETIC national data (552 plans), not real figures", flush=True)
    record("machine speed probe: sum(range(30M)) in Python, median of 5", cpu_probe(), "ms", None)
    engine, db_path = fresh_sqlite("national.sqlite")
    start = time.perf_counter()
    rows = national.build(engine)
    record("achievement rows (synthetic)", rows, "rows", None)
    record("bulk build of the national store (SQLite)", time.perf_counter() - start, "s", None)
    start = time.perf_counter()
    refresh_stale(engine)
    record("summary refresh, all 552 plans (SQLite)", time.perf_counter() - start, "s", None)
    callbacks(engine, "SQLite, 1M rows")
    # Ingest and the first page load before PostgreSQL's bulk load, whose background work
    # (checkpoints, autovacuum) would otherwise share the two cores with them.
    files, ingest_engine = workbooks()
    ingest_engine.dispose()
    ingest_in_own_process(files)
    page_loads(db_path)
    upgrade_figures(engine, "SQLite")
    pg = fresh_postgres()
    start = time.perf_counter()
    national.build(pg)
    record("bulk build of the national store (PostgreSQL)", time.perf_counter() - start, "s", None)
    start = time.perf_counter()
    refresh_stale(pg)
    record("summary refresh, all 552 plans (PostgreSQL)", time.perf_counter() - start, "s", None)
    # a running store is vacuumed by autovacuum (index-only scans need its visibility map):
    # measure that steady state, not the minutes after a bulk load
    with pg.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
        conn.execute(text("CHECKPOINT"))  # the bulk load's writes flushed before measuring
    callbacks(pg, "PostgreSQL, 1M rows")
    load_test(files)
    upgrade_figures(pg, "PostgreSQL")
    record("machine speed probe, again at the end", cpu_probe(), "ms", None)
    record("benchmark wall time", (time.time() - began) / 60, "min", 10)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench.json").write_text(json.dumps(results, indent=2))
    print(f"written: {ROOT / 'var' / 'bench.json'}")


if __name__ == "__main__":
    ingest_only() if "--ingest-only" in sys.argv else main()
