"""Sending reminders over SMTP: `radtrack remind`. The server is RADTRACK_SMTP_URL:
smtp://[user:password@]host[:port] (STARTTLS when the server offers it), or smtps:// for TLS from
the first byte; the sender is RADTRACK_MAIL_FROM (default radtrack@<host>).

Each reminder is claimed in the store before it is sent (indicators.reminders.claim), so two
runs on one day, or a run repeated after a failure, never send one twice; a send that fails
gives its claim back and is in the audit log.
"""

import os
import smtplib
import ssl
import tempfile
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlalchemy.engine import Engine

from indicators import reminders
from indicators.db import session
from indicators.queries import get_plan
from loaders.template import template_name, write_template

ACTOR = "radtrack remind"


class MailError(RuntimeError):
    """The mail server cannot be used (message for the user)."""


@dataclass
class Outcome:
    """What a run did (or, dry, would do)."""

    sent: list[reminders.Notice] = field(default_factory=list)
    by_hand: list[reminders.Notice] = field(default_factory=list)  # WhatsApp, or no address
    failed: list[tuple[reminders.Notice, str]] = field(default_factory=list)
    digest_to: str = ""
    digest_sent: bool = False


def smtp_settings(url: str | None = None) -> dict:
    """Host, port, TLS mode and login of RADTRACK_SMTP_URL."""
    url = url if url is not None else os.environ.get("RADTRACK_SMTP_URL", "")
    if not url:
        raise MailError(
            "RADTRACK_SMTP_URL is not set (e.g. smtp://user:password@mail.example.go.id:587); "
            "use --dry-run to see the reminders without sending"
        )
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise MailError("RADTRACK_SMTP_URL must look like smtp://host:port or smtps://host:port")
    return {
        "host": parts.hostname,
        "port": parts.port or (465 if parts.scheme == "smtps" else 25),
        "tls": parts.scheme == "smtps",
        "user": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
    }


def _connect(settings: dict) -> smtplib.SMTP:
    try:
        if settings["tls"]:
            server = smtplib.SMTP_SSL(
                settings["host"], settings["port"], context=ssl.create_default_context(), timeout=30
            )
        else:
            server = smtplib.SMTP(settings["host"], settings["port"], timeout=30)
            server.ehlo()
            if server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
        if settings["user"]:
            server.login(settings["user"], settings["password"] or "")
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"the mail server {settings['host']}:{settings['port']}: {exc}") from None
    return server


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
    message.set_content(body)
    return message


def remind(
    engine: Engine,
    plan_code: str | None = None,
    today: date | None = None,
    dry_run: bool = False,
    smtp_url: str | None = None,
) -> Outcome:
    """Remind every agency that owes a report on `today` (e-mail to its focal point, its
    templates attached), then send the secretariat its digest. Dry: compose, send nothing,
    record nothing."""
    from datetime import UTC, datetime

    today = today or datetime.now(UTC).date()
    outcome = Outcome()
    settings = None if dry_run else smtp_settings(smtp_url)
    with session(engine) as s:
        plan = get_plan(s, plan_code)
        if plan is None:
            raise MailError(f"unknown plan '{plan_code}'" if plan_code else "no plan in the store")
        sender = os.environ.get("RADTRACK_MAIL_FROM") or (
            f"radtrack@{settings['host']}" if settings else "radtrack@localhost"
        )
        sender = formataddr(
            (f"Sekretariat Gugus Tugas PP-TPPO {reminders.region_name(s, plan)}", sender)
        )
        due = reminders.notices(s, plan, today)
        by_mail = [n for n in due if n.channel == "email" and n.recipient]
        outcome.by_hand = [n for n in due if n not in by_mail]
        outcome.digest_to = plan.secretariat_email
        if dry_run:
            outcome.sent = by_mail
            return outcome
        server = _connect(settings) if by_mail or plan.secretariat_email else None
        try:
            with tempfile.TemporaryDirectory() as work:
                for notice in by_mail:
                    years = [o.year for o in notice.owed]
                    if not reminders.claim(
                        s, plan, notice.agency, years, "email", notice.recipient, today, ACTOR
                    ):
                        continue  # another run reminded it a moment ago
                    try:  # whatever fails after the claim gives it back, audited
                        message = _message(sender, notice.recipient, notice.subject, notice.body)
                        for year in years:
                            path = Path(work) / template_name(plan, notice.agency, year)
                            write_template(s, plan, notice.agency, year, path)
                            message.add_attachment(
                                path.read_bytes(),
                                maintype="application",
                                subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                filename=path.name,
                            )
                        server.send_message(message)
                    except Exception as exc:  # noqa: BLE001  (any failure: the claim goes back)
                        reminders.unclaim(s, plan, notice.agency, years, "email", today, ACTOR, exc)
                        outcome.failed.append((notice, str(exc)))
                        continue
                    outcome.sent.append(notice)
            # a digest per run that reminded anyone (a later run the same day has its own:
            # the secretariat hears of every reminder); by hand only, once a day
            runs = sum(1 for a, _y, c in reminders.sent_today(s, plan, today) if c == "digest")
            if plan.secretariat_email and (outcome.sent or (outcome.by_hand and not runs)):
                if reminders.claim(
                    s, plan, None, [-runs], "digest", plan.secretariat_email, today, ACTOR
                ):
                    region = reminders.region_name(s, plan)
                    subject, body = reminders.digest(
                        plan, region, outcome.sent, outcome.by_hand, today
                    )
                    try:
                        server.send_message(_message(sender, plan.secretariat_email, subject, body))
                        outcome.digest_sent = True
                    except (OSError, smtplib.SMTPException) as exc:
                        reminders.unclaim(s, plan, None, [-runs], "digest", today, ACTOR, exc)
                        outcome.failed.append((None, str(exc)))
        finally:
            if server is not None:
                try:
                    server.quit()
                except (OSError, smtplib.SMTPException):
                    pass
    return outcome
