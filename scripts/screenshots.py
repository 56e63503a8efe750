"""`make screenshots`: every page at 1366x768 in headless Chromium, on a fresh demo store.

Writes PNGs into screenshots/ (git-ignored). Serves on 127.0.0.1 only.
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
    "ringkasan-semua-rad": "/?plan=semua",
    "masuk": "/login",
}


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
        for name, path in PAGES.items():
            target = out / f"{name}.png"
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
                    "--window-size=1366,768",
                    "--virtual-time-budget=8000",
                    f"--screenshot={target}",
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
