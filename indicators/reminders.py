"""Reminders: what each agency owes (overdue or returned reports, with the indicators it answers
for), the message to its focal point in Indonesian, the secretariat's digest, a wa.me link for
agencies reached by WhatsApp, and the log that keeps one reminder per period and day.

Sending is the caller's (radtrack remind over SMTP, or the admin by hand on WhatsApp): this
module claims a reminder in the store first, so two runs on the same day never both send it.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from babel.dates import format_date
from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from indicators import audit
from indicators.compliance import compliance_table
from indicators.models import Agency, Indicator, Plan, Region, Reminder, utcnow
from indicators.responsibility import assignments, due_in, has_matrix

LISTED = 15  # indicator codes written out per period; the rest as "dan N lainnya"


@dataclass
class Owed:
    """One period an agency owes: overdue, or sent back for correction."""

    year: int
    due: date
    state: str  # missing or returned
    note: str = ""  # the secretariat's reason when returned
    codes: list[str] = field(default_factory=list)  # its indicators due that year
    leads: int = 0


@dataclass
class Notice:
    """A reminder to one agency: to whom, how, what it owes, and the words of it."""

    agency: Agency
    channel: str  # email or whatsapp
    recipient: str  # an e-mail address, a phone number, or "" when the agency has none
    owed: list[Owed]
    subject: str = ""
    body: str = ""


def _day(d: date) -> str:
    return format_date(d, "d MMMM y", locale="id")


def upload_link(plan: Plan) -> str:
    """Where an agency uploads its report (the dashboard's upload page of the plan)."""
    base = plan.public_url or "http://127.0.0.1:8050"
    return f"{base}/unggah?plan={quote(plan.code)}"


def owed(session: Session, plan: Plan, today: date) -> dict[int, list[Owed]]:
    """agency id -> the periods it owes on `today`, oldest first (compliance's chase list)."""
    table = compliance_table(session, plan, today)
    # never a real reminder for demo data: a demo upload sent back, or a period the demo's
    # illustrative matrix expects
    chase = table[table["state"].isin(["missing", "returned"]) & ~table["demo"]]
    if chase.empty:
        return {}
    matrix = has_matrix(session, plan)
    given = assignments(session, plan) if matrix else {}
    codes = dict(
        session.exec(
            select(Indicator.id, Indicator.code).where(
                Indicator.plan_id == plan.id, Indicator.retired_at.is_(None)
            )
        ).all()
    )
    ids = {a.code: a.id for a in session.exec(select(Agency))}
    out: dict[int, list[Owed]] = {}
    due_by_year: dict[int, set[int]] = {}
    for r in chase.sort_values(["year"]).itertuples():
        agency_id = ids[r.agency]
        mine: dict[int, bool] = {}
        if matrix:
            due_now = due_by_year.setdefault(r.year, due_in(session, plan, r.year))
            mine = {i: lead for i, lead in given.get(agency_id, {}).items() if i in due_now}
        note = (r.file or "").split(": ", 1)[1] if r.state == "returned" and r.file else ""
        out.setdefault(agency_id, []).append(
            Owed(
                r.year,
                r.due,
                r.state,
                note,
                sorted((codes[i] for i in mine), key=_code_key),
                sum(mine.values()),
            )
        )
    return out


def _code_key(code: str) -> str:
    return ".".join(p.zfill(4) for p in code.split("."))


def compose(plan: Plan, region: str, agency: Agency, items: list[Owed], today: date) -> tuple:
    """(subject, body) of the reminder to `agency`, in Indonesian."""
    years = ", ".join(str(o.year) for o in items)
    subject = f"Pengingat laporan RAD PP-TPPO {region}: {agency.code} {years}"
    lines = [
        f"Yth. {agency.focal_name or 'Narahubung'} ({agency.name}),",
        "",
        f"Menurut catatan Sekretariat Gugus Tugas PP-TPPO {region} per {_day(today)}, laporan "
        f"capaian {plan.title} berikut belum kami terima:",
        "",
    ]
    for o in items:
        if o.state == "returned":
            head = f"- Tahun {o.year}: laporan dikembalikan untuk diperbaiki"
            head += f" ({o.note})." if o.note else "."
        else:
            late = (today - o.due).days
            head = f"- Tahun {o.year}: jatuh tempo {_day(o.due)} (lewat {late} hari)."
        lines.append(head)
        if o.codes:
            shown = ", ".join(o.codes[:LISTED])
            if len(o.codes) > LISTED:
                shown += f" dan {len(o.codes) - LISTED} lainnya"
            lines.append(
                f"  Indikator tanggung jawab {agency.code}: {len(o.codes)} "
                f"(utama: {o.leads}): {shown}."
            )
    lines += [
        "",
        f"Silakan unggah laporan di: {upload_link(plan)}",
        "Templat pengisian terlampir (satu per tahun); isi kolom kuning, lalu unggah apa adanya.",
        "",
        "Terima kasih.",
        f"Sekretariat Gugus Tugas PP-TPPO {region}",
        "(Pesan ini dikirim otomatis oleh radtrack; satu kali sehari paling banyak.)",
    ]
    return subject, "\n".join(lines)


def whatsapp_link(notice: Notice) -> str | None:
    """The reminder as a wa.me link the admin opens and sends by hand (None without phone)."""
    if not notice.agency.focal_phone:
        return None
    text = notice.body.replace("Templat pengisian terlampir (satu per tahun); ", "")
    return f"https://wa.me/{notice.agency.focal_phone}?text={quote(text)}"


def region_name(session: Session, plan: Plan) -> str:
    region = session.get(Region, plan.region_code)
    return region.name if region else plan.region_code


def notices(session: Session, plan: Plan, today: date) -> list[Notice]:
    """Every agency's reminder for `today`, by agency code, periods already reminded today on
    the same channel left out (an agency with nothing left gets none)."""
    region = region_name(session, plan)
    sent = {
        (r.agency_id, r.year, r.channel)
        for r in session.exec(
            select(Reminder).where(Reminder.plan_id == plan.id, Reminder.sent_on == today)
        )
    }
    out = []
    for agency_id, items in owed(session, plan, today).items():
        agency = session.get(Agency, agency_id)
        if agency.retired_on is not None and agency.retired_on < today:
            continue  # no longer a member: the secretariat settles what it left
        channel = agency.channel if agency.channel in ("email", "whatsapp") else "email"
        recipient = agency.focal_email if channel == "email" else agency.focal_phone
        left = [o for o in items if (agency_id, o.year, channel) not in sent]
        if not left:
            continue
        subject, body = compose(plan, region, agency, left, today)
        out.append(Notice(agency, channel, recipient, left, subject, body))
    return sorted(out, key=lambda n: n.agency.code)


def digest(plan: Plan, region: str, done: list[Notice], unreached: list[Notice], today: date):
    """(subject, body) of the secretariat's digest: who was reminded, who could not be (no
    e-mail, or reached by WhatsApp: their wa.me links)."""
    subject = f"Ringkasan pengingat laporan RAD PP-TPPO {region}, {_day(today)}"
    lines = [f"Ringkasan pengingat {plan.title}, {_day(today)}.", ""]
    lines.append(f"Pengingat terkirim lewat e-mail: {len(done)}")
    for n in done:
        years = ", ".join(str(o.year) for o in n.owed)
        lines.append(f"- {n.agency.code} ({n.recipient}): {years}")
    if unreached:
        lines += ["", "Perlu dihubungi sekretariat:"]
        for n in unreached:
            years = ", ".join(str(o.year) for o in n.owed)
            link = whatsapp_link(n)
            how = f"WhatsApp: {link}" if link else "tidak ada e-mail atau telepon narahubung"
            lines.append(f"- {n.agency.code}: {years}. {how}")
    lines += ["", f"Halaman kepatuhan: {(plan.public_url or '')}/kepatuhan?plan={quote(plan.code)}"]
    return subject, "\n".join(lines)


def claim(
    session: Session,
    plan: Plan,
    agency: Agency | None,
    years: list[int],
    channel: str,
    recipient: str,
    today: date,
    actor: str,
) -> bool:
    """Record the reminder (one row per period) and its audit event, committed, before it is
    sent: False when another run already claimed one of these periods today (nothing is
    recorded then). `agency` None with years [0] is the secretariat's digest."""
    rows = [
        {
            "plan_id": plan.id,
            "agency_id": agency.id if agency else None,
            "year": year,
            "quarter": None,
            "channel": channel,
            "recipient": recipient,
            "sent_on": today,
            "at": utcnow(),
            "actor": actor,
        }
        for year in years
    ]
    try:
        # a savepoint: a lost race undoes only this, not the caller's loaded objects
        with session.begin_nested():
            session.connection().execute(insert(Reminder), rows)
            audit.record(
                session,
                actor,
                "reminder.sent",
                agency.code if agency else "sekretariat",
                plan.id,
                channel=channel,
                recipient=recipient,
                period=", ".join(str(y) for y in years),
            )
    except IntegrityError:
        return False
    session.commit()
    return True


def unclaim(session: Session, plan: Plan, agency: Agency | None, years, channel, today, actor, why):
    """A claimed reminder that could not be sent: its rows go, the failure is audited."""
    query = delete(Reminder).where(
        Reminder.plan_id == plan.id,
        Reminder.channel == channel,
        Reminder.sent_on == today,
        Reminder.year.in_(years),
    )
    query = query.where(Reminder.agency_id == agency.id if agency else Reminder.agency_id.is_(None))
    session.connection().execute(query)
    audit.record(
        session,
        actor,
        "reminder.failed",
        agency.code if agency else "sekretariat",
        plan.id,
        channel=channel,
        reason=str(why)[:500],
    )
    session.commit()


def sent_today(session: Session, plan: Plan, today: date) -> set[tuple[int | None, int, str]]:
    """(agency id, year, channel) of every reminder of `plan` on `today`."""
    rows = session.exec(
        select(Reminder).where(Reminder.plan_id == plan.id, Reminder.sent_on == today)
    )
    return {(r.agency_id, r.year, r.channel) for r in rows}
