"""The task force's member agencies, kept by the secretariat: add, rename, alias, retire, list.

Every change is checked against what the loader will do with it: a name or alias that another
agency already answers to would make a file's agency uncertain, so it is refused, naming both
agencies. Retiring keeps every figure and its history; the agency is expected to report nothing
after the day it retired. Every change is in the audit log, in the caller's transaction.
"""

import re
from dataclasses import dataclass
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, select

from indicators import audit
from indicators.models import Agency, Region
from indicators.vocabulary import fold

KINDS = ("government", "police", "ngo", "international", "other")
CHANNELS = ("email", "whatsapp")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_-]{1,23}$")


class AgencyError(ValueError):
    """A change to agencies that cannot be made; the message says why, in both languages."""

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.texts = {"id": id_text, "en": en_text}

    def message(self, lang: str = "id") -> str:
        return self.texts.get(lang, self.texts["en"])


@dataclass
class Contact:
    """A focal point: who answers for an agency's reports and how reminders reach them."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    channel: str | None = None


def find(session: Session, code: str) -> Agency:
    """The agency of `code` (any case), or an error listing the known codes."""
    found = session.exec(select(Agency).where(Agency.code == code.strip().upper())).first()
    if found is None:
        known = ", ".join(session.exec(select(Agency.code).order_by(Agency.code)))
        raise AgencyError(
            f"instansi '{code}' tidak dikenal; yang dikenal: {known}",
            f"unknown agency '{code}'; known: {known}",
        )
    return found


def phone_number(text: str) -> str:
    """An Indonesian phone number as wa.me wants it: country code and digits, no '+'
    ('0812-3456-7890' -> '6281234567890'); an error when it is not a valid number."""
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise AgencyError(
            f"nomor telepon '{text}' tidak valid (contoh: 0812 3456 7890 atau +62 812 3456 7890)",
            f"phone number '{text}' is not valid (e.g. 0812 3456 7890 or +62 812 3456 7890)",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")


def email_address(text: str) -> str:
    """`text` as a valid e-mail address (syntax only: no network lookup), or an error."""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise AgencyError(
            f"alamat e-mail '{text}' tidak valid: {exc}", f"e-mail '{text}' is not valid: {exc}"
        ) from None


def _names_taken(session: Session, names: list[str], own: int | None) -> None:
    """Refuse a code, name or alias that another agency answers to (the loader could no
    longer tell which agency a file is from)."""
    wanted = {fold(n): n for n in names if fold(n)}
    for other in session.exec(select(Agency)):
        if other.id == own:
            continue
        for text in (other.code, other.name, *(other.aliases or [])):
            if fold(text) in wanted:
                shown = wanted[fold(text)]
                raise AgencyError(
                    f"'{shown}' sudah menjadi nama instansi {other.code} ({other.name}); "
                    "satu nama hanya boleh menunjuk satu instansi",
                    f"'{shown}' already names agency {other.code} ({other.name}); "
                    "a name may point at one agency only",
                )


def _set_contact(agency: Agency, contact: Contact) -> None:
    if contact.name is not None:
        agency.focal_name = contact.name.strip()
    if contact.email is not None:
        agency.focal_email = email_address(contact.email) if contact.email.strip() else ""
    if contact.phone is not None:
        agency.focal_phone = phone_number(contact.phone) if contact.phone.strip() else ""
    if contact.channel is not None:
        if contact.channel not in CHANNELS:
            raise AgencyError(
                f"saluran '{contact.channel}' tidak dikenal: {', '.join(CHANNELS)}",
                f"unknown channel '{contact.channel}': {', '.join(CHANNELS)}",
            )
        agency.channel = contact.channel
    if agency.channel == "whatsapp" and not agency.focal_phone:
        raise AgencyError(
            "saluran WhatsApp memerlukan nomor telepon narahubung (--phone)",
            "the WhatsApp channel needs the focal point's phone number (--phone)",
        )


def _detail(agency: Agency) -> dict:
    return {
        "name": agency.name,
        "kind": agency.kind,
        "region": agency.region_code,
        "aliases": list(agency.aliases or []),
        "focal_name": agency.focal_name,
        "focal_email": agency.focal_email,
        "focal_phone": agency.focal_phone,
        "channel": agency.channel,
    }


def add(
    session: Session,
    code: str,
    name: str,
    kind: str,
    region_code: str | None,
    actor: str,
    aliases: list[str] | None = None,
    contact: Contact | None = None,
    active_from: date | None = None,
) -> Agency:
    """A new member agency; its code, name and aliases must not name another agency."""
    code, name = code.strip().upper(), " ".join(name.split())
    aliases = [" ".join(a.split()) for a in aliases or [] if a.strip()]
    if not CODE_RE.match(code):
        raise AgencyError(
            f"kode '{code}' tidak valid: huruf besar, angka, - atau _, 2-24 karakter "
            "(contoh: DUKCAPIL)",
            f"code '{code}' is not valid: capitals, digits, - or _, 2-24 characters "
            "(e.g. DUKCAPIL)",
        )
    if not name:
        raise AgencyError("nama instansi diperlukan", "the agency needs a name")
    if kind not in KINDS:
        raise AgencyError(
            f"jenis '{kind}' tidak dikenal: {', '.join(KINDS)}",
            f"unknown kind '{kind}': {', '.join(KINDS)}",
        )
    if session.exec(select(Agency.id).where(Agency.code == code)).first() is not None:
        raise AgencyError(f"instansi {code} sudah ada", f"agency {code} exists already")
    if region_code and session.get(Region, region_code) is None:
        raise AgencyError(
            f"kode wilayah '{region_code}' tidak dikenal (contoh: 53.03 untuk TTU)",
            f"unknown region code '{region_code}' (e.g. 53.03 for TTU)",
        )
    _names_taken(session, [code, name, *aliases], None)
    agency = Agency(
        code=code,
        name=name,
        kind=kind,
        region_code=region_code or None,
        aliases=aliases,
        source="sekretariat",
        active_from=active_from,
    )
    _set_contact(agency, contact or Contact())
    session.add(agency)
    session.flush()
    audit.record(session, actor, "agency.added", code, **_detail(agency))
    return agency


def update(session: Session, code: str, actor: str, contact: Contact) -> Agency:
    """Set the focal point of an agency."""
    agency = find(session, code)
    _set_contact(agency, contact)
    session.add(agency)
    audit.record(session, actor, "agency.contact", agency.code, **_detail(agency))
    return agency


def rename(session: Session, code: str, name: str, actor: str) -> Agency:
    """A new name (an OPD restructured: 'Dinas Sosial' -> 'Dinas Sosial P3A'). The old name
    stays an alias, so files written under it still find the agency; the code is kept."""
    agency = find(session, code)
    name = " ".join(name.split())
    if not name:
        raise AgencyError("nama baru diperlukan", "a new name is needed")
    _names_taken(session, [name], agency.id)
    old = agency.name
    if fold(old) != fold(name) and all(fold(a) != fold(old) for a in agency.aliases or []):
        agency.aliases = [*(agency.aliases or []), old]
    agency.aliases = [a for a in agency.aliases if fold(a) != fold(name)]
    agency.name = name
    session.add(agency)
    audit.record(session, actor, "agency.renamed", agency.code, old=old, new=name)
    return agency


def alias(
    session: Session, code: str, actor: str, add: list[str] = (), remove: list[str] = ()
) -> Agency:
    """Add or remove names the loader matches to this agency."""
    agency = find(session, code)
    add = [" ".join(a.split()) for a in add if a.strip()]
    _names_taken(session, add, agency.id)
    gone = {fold(a) for a in remove}
    missing = [a for a in remove if fold(a) not in {fold(x) for x in agency.aliases or []}]
    if missing:
        raise AgencyError(
            f"{agency.code} tidak punya alias '{missing[0]}'",
            f"{agency.code} has no alias '{missing[0]}'",
        )
    kept = [a for a in agency.aliases or [] if fold(a) not in gone]
    own = {fold(x) for x in (agency.code, agency.name, *kept)}
    agency.aliases = kept + [a for a in dict.fromkeys(add) if fold(a) not in own]
    session.add(agency)
    audit.record(
        session, actor, "agency.aliases", agency.code, added=list(add), removed=list(remove)
    )
    return agency


def retire(session: Session, code: str, actor: str, on: date, undo: bool = False) -> Agency:
    """The agency leaves the task force on `on` (or, with undo, is a member again). Its
    figures, submissions and accounts' history stay; no report is expected after `on`."""
    agency = find(session, code)
    if undo:
        agency.retired_on = None
    else:
        if agency.active_from and on < agency.active_from:
            raise AgencyError(
                f"tanggal pensiun {on} sebelum {agency.code} aktif ({agency.active_from})",
                f"retirement {on} is before {agency.code} became active ({agency.active_from})",
            )
        agency.retired_on = on
    session.add(agency)
    audit.record(
        session,
        actor,
        "agency.reactivated" if undo else "agency.retired",
        agency.code,
        **({} if undo else {"retired_on": on.isoformat()}),
    )
    return agency


def active_on(agency: Agency, start: date, end: date) -> bool:
    """Whether `agency` was a member at some day from `start` to `end`."""
    return (agency.active_from is None or agency.active_from <= end) and (
        agency.retired_on is None or agency.retired_on >= start
    )


def active(session: Session, today: date) -> list[Agency]:
    """Agencies that are members on `today`, by code."""
    every = session.exec(select(Agency).order_by(Agency.code))
    return [a for a in every if active_on(a, today, today)]


def table(session: Session) -> list[dict]:
    """Every agency as a row: what `radtrack agency list` and the admin page show."""
    return [
        {
            "code": a.code,
            "name": a.name,
            "kind": a.kind,
            "region": a.region_code or "",
            "aliases": "; ".join(a.aliases or []),
            "focal_name": a.focal_name,
            "focal_email": a.focal_email,
            "focal_phone": a.focal_phone,
            "channel": a.channel,
            "active_from": a.active_from.isoformat() if a.active_from else "",
            "retired_on": a.retired_on.isoformat() if a.retired_on else "",
        }
        for a in session.exec(select(Agency).order_by(Agency.code))
    ]
