"""`make screenshots`: every page at 1366x768 in headless Chromium, on a fresh demo store; the
phone views at 390x844, the projector view at 1280x720, and the budget print view as the PDF
Chromium prints (A4 landscape).

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
