"""Reminders through a real SMTP server (aiosmtpd, started here on the loopback address):
what each overdue agency receives, the secretariat's digest, the log, never two a day."""

import email
import io
import socket
from datetime import date
from email import policy
from urllib.parse import parse_qs, unquote, urlsplit

import openpyxl
import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from sqlmodel import select

from indicators import reminders
from indicators.db import session
from indicators.models import AuditEvent, Reminder
from indicators.queries import get_plan
from loaders.demo import load_demo
from radtrack.cli import main

TODAY = "2026-11-30"


class Inbox:
    """An aiosmtpd handler that keeps what it receives; refuses RCPT to refused@ addresses."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused@"):
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, f"smtp://127.0.0.1:{port}"
    controller.stop()


def _cli(engine, smtp_url, *args):
    env = {
        "RADTRACK_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "RADTRACK_SMTP_URL": smtp_url,
        "RADTRACK_MAIL_FROM": "sekretariat@ttu.example.go.id",
    }
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _live(store, tmp_path):
    """A live task force (no demo): a matrix, real reports with gaps (YTB 2019, IOM 2021),
    an upload sent back (IOM 2022), focal points."""
    from loaders.ingest import ingest_file
    from loaders.responsibility import import_matrix
    from loaders.review import send_back, submit
    from tests.conftest import fill, make_template

    matrix = "kode,instansi,utama\n1.a.1.1,YTB,\n1.b.2,YTB,\n2.a.1.3,IOM,ya\n"
    with session(store) as s:
        assert import_matrix(s, get_plan(s), matrix.encode(), "matriks.csv", "t").ok
        s.commit()
    for code, years, indicator in (
        ("YTB", (2018, 2020, 2021, 2022), "1.a.1.1"),
        ("IOM", (2018, 2019, 2020), "2.a.1.3"),
    ):
        for year in years:
            path = make_template(store, tmp_path / f"{code}{year}.xlsx", code, year)
            assert ingest_file(store, fill(path, {indicator: {"value": 3}})).ok
    late = fill(make_template(store, tmp_path / "IOM2022.xlsx", "IOM", 2022), {
        "2.a.1.3": {"value": 4},
    })  # fmt: skip
    checked = ingest_file(store, late, dry_run=True)
    pending = submit(store, late.read_bytes(), late.name, checked, "iom-ttu")
    send_back(store, pending, "sekretariat", "kolom realisasi anggaran kosong")
    for args in (
        ("agency", "contact", "YTB", "--email", "ytb@example.org", "--focal-name", "Yohanes"),
        ("agency", "contact", "IOM", "--phone", "0811-3800-100", "--channel", "whatsapp"),
        ("settings", "TTU-2018-2022", "--secretariat-email", "gugus.tppo@ttu.example.go.id"),
        ("settings", "TTU-2018-2022", "--url", "https://radtrack.ttu.example.go.id"),
    ):
        result = _cli(store, "smtp://unused", *args)
        assert result.exit_code == 0, result.output


def test_remind_delivers_records_and_never_twice_a_day(store, tmp_path, smtp):
    inbox, url = smtp
    _live(store, tmp_path)
    dry = _cli(store, url, "remind", "--dry-run", "--today", TODAY)
    assert dry.exit_code == 0, dry.output
    assert "Akan dikirim: YTB <ytb@example.org>: 2019" in dry.output
    assert "Hubungi sendiri: IOM: 2021, 2022" in dry.output
    assert inbox.messages == []

    result = _cli(store, url, "remind", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert [to for to, _ in inbox.messages] == [
        ["ytb@example.org"],
        ["gugus.tppo@ttu.example.go.id"],
    ]
    ytb = inbox.messages[0][1]
    assert ytb["Subject"] == "Pengingat laporan RAD PP-TPPO Timor Tengah Utara: YTB 2019"
    body = ytb.get_body(("plain",)).get_content()
    assert body.startswith("Yth. Yohanes (Yayasan Tapen Bikomi),")
    assert "- Tahun 2019: jatuh tempo 31 Januari 2020 (lewat 2495 hari)." in body
    assert "Indikator tanggung jawab YTB: 3 (utama: 0): 1.a.1.1, 1.b.2.1, 1.b.2.2." in body
    assert "https://radtrack.ttu.example.go.id/unggah?plan=TTU-2018-2022" in body
    (attachment,) = list(ytb.iter_attachments())
    assert attachment.get_filename() == "TTU-2018-2022_YTB_2019.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
    assert book["radtrack"]["B3"].value == "YTB" and book["radtrack"]["B4"].value == 2019

    digest = inbox.messages[1][1].get_body(("plain",)).get_content()
    assert "- YTB (ytb@example.org): 2019" in digest
    link = next(w for w in digest.split() if w.startswith("https://wa.me/"))
    parts = urlsplit(link)
    assert parts.path == "/628113800100"
    text = unquote(parse_qs(parts.query)["text"][0])
    assert "- Tahun 2021: jatuh tempo 31 Januari 2022" in text
    assert "- Tahun 2022: laporan dikembalikan untuk diperbaiki (kolom realisasi anggaran" in text
    assert "Indikator tanggung jawab IOM: 1 (utama: 1): 2.a.1.3." in text

    with session(store) as s:
        rows = s.exec(select(Reminder).order_by(Reminder.id)).all()
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "reminder.sent")).all()
    assert [(r.channel, r.year, r.recipient) for r in rows] == [
        ("email", 2019, "ytb@example.org"),
        ("digest", 0, "gugus.tppo@ttu.example.go.id"),
    ]
    assert sorted(e.target for e in events) == ["YTB", "sekretariat"]

    # the same day again: nothing more is sent
    again = _cli(store, url, "remind", "--today", TODAY)
    assert again.exit_code == 0 and len(inbox.messages) == 2
    assert "Terkirim" not in again.output
    # the next day: reminded again
    assert _cli(store, url, "remind", "--today", "2026-12-01").exit_code == 0
    assert len(inbox.messages) == 4


def test_a_refused_message_gives_its_claim_back(store, tmp_path, smtp):
    inbox, url = smtp
    _live(store, tmp_path)
    assert (
        _cli(store, url, "agency", "contact", "YTB", "--email", "refused@example.org").exit_code
        == 0
    )
    result = _cli(store, url, "remind", "--today", TODAY)
    assert result.exit_code == 1 and "GAGAL: YTB" in result.output
    with session(store) as s:
        assert not s.exec(select(Reminder).where(Reminder.channel == "email")).all()
        failed = s.exec(select(AuditEvent).where(AuditEvent.action == "reminder.failed")).one()
    assert failed.target == "YTB"
    # fixed address, same day: it is sent now
    assert _cli(store, url, "agency", "contact", "YTB", "--email", "ytb@example.org").exit_code == 0
    assert _cli(store, url, "remind", "--today", TODAY).exit_code == 0
    assert ["ytb@example.org"] in [to for to, _ in inbox.messages]


def test_a_claim_is_taken_once(store, tmp_path):
    """Two runs at the same moment: the store's unique index lets one claim a period."""
    _live(store, tmp_path)
    day = date(2026, 11, 30)
    with session(store) as s:
        plan = get_plan(s)
        notice = next(n for n in reminders.notices(s, plan, day) if n.channel == "email")
        args = (plan, notice.agency, [o.year for o in notice.owed], "email", "x@y.id", day, "t")
        assert reminders.claim(s, *args)
        assert not reminders.claim(s, *args)
        left = {n.agency.code for n in reminders.notices(s, plan, day)}
    assert notice.agency.code not in left and left  # the others are still to remind


def test_demo_data_is_never_chased(store, tmp_path):
    """The demo's missing periods and its upload sent back are illustrations: no reminder."""
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    with session(store) as s:
        assert reminders.notices(s, get_plan(s), date(2026, 11, 30)) == []


def test_no_server_configured_is_a_clear_error(store, tmp_path):
    _live(store, tmp_path)
    result = _cli(store, "", "remind", "--today", TODAY)
    assert result.exit_code == 1 and "RADTRACK_SMTP_URL is not set" in result.output
