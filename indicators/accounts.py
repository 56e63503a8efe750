"""Accounts: adding, removing, listing and checking passwords (argon2id via argon2-cffi).

Who may do what is decided in dashboard.auth; this module only keeps the accounts and logs
every change to them in the audit log.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select
from zxcvbn import zxcvbn

from indicators import audit
from indicators.models import Agency, Role, User

HASHER = PasswordHasher()
MIN_PASSWORD = 10
# zxcvbn's guessability score (0-4): 3 is "safely unguessable: moderate protection from an
# offline slow-hash scenario", which an argon2 hash is. Words of this domain count as guessable.
MIN_STRENGTH = 3
DOMAIN_WORDS = ["radtrack", "tppo", "gugus", "tugas", "sekretariat", "bappeda", "bapelitbang"]


class AccountError(ValueError):
    """A request about accounts that cannot be carried out (message is for the user)."""


ACTIVE_ACCOUNT = select(User.id).where(User.active == True).limit(1)  # noqa: E712


def any_accounts(session: Session) -> bool:
    """Whether the store has at least one active account (else the dashboard is open)."""
    return session.exec(ACTIVE_ACCOUNT).first() is not None


def check_strength(password: str, username: str = "") -> None:
    """Refuse a password shorter than MIN_PASSWORD or one a guesser would try early (common
    passwords, keyboard runs, dates, the user name, words of this domain), saying why."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    result = zxcvbn(password[:100], user_inputs=[username, *DOMAIN_WORDS])
    if result["score"] < MIN_STRENGTH:
        hint = result["feedback"]["warning"] or "it is easy to guess"
        tips = " ".join(result["feedback"]["suggestions"])
        raise AccountError(f"the password is too weak: {hint}. {tips}".strip())


def _active(session: Session, username: str) -> User | None:
    return session.exec(
        select(User).where(User.username == username.strip().lower(), User.active == True)  # noqa: E712
    ).first()


def add_user(
    session: Session, username: str, password: str, role: str, agency: str | None, actor: str
) -> User:
    """Create an account; an uploader must name its agency, others must not. The name of a
    removed account may be given again (the removed one stays, for the audit log)."""
    username = username.strip().lower()
    if not username:
        raise AccountError("a username is needed")
    check_strength(password, username)
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(f"unknown role '{role}': admin, uploader or viewer") from None
    agency_row = None
    if role == Role.UPLOADER:
        if not agency:
            raise AccountError("an uploader belongs to one agency: give --agency")
        agency_row = session.exec(select(Agency).where(Agency.code == agency.upper())).first()
        if agency_row is None:
            raise AccountError(f"unknown agency '{agency}'")
    elif agency:
        raise AccountError("only uploaders belong to an agency")
    if _active(session, username) is not None:
        raise AccountError(f"the account '{username}' exists already")
    user = User(
        username=username,
        password_hash=HASHER.hash(password),
        role=role,
        agency_id=agency_row.id if agency_row else None,
    )
    session.add(user)
    audit.record(
        session,
        actor,
        "user.added",
        username,
        role=role.value,
        agency=agency_row.code if agency_row else "",
    )
    return user


def remove_user(session: Session, username: str, actor: str) -> None:
    """Deactivate an account (kept, so the audit log's names stay meaningful); its sessions end.
    The last active admin cannot be removed: without one nobody could manage accounts, and
    without any account the dashboard would be open to everyone with admin rights."""
    user = _active(session, username)
    if user is None:
        raise AccountError(f"no active account '{username}'")
    if user.role == Role.ADMIN:
        admins = session.exec(
            select(func.count()).where(User.role == Role.ADMIN, User.active == True)  # noqa: E712
        ).one()
        if admins <= 1:
            raise AccountError(
                f"'{user.username}' is the last active admin: removing it would leave nobody to "
                "manage accounts (and with no account left the dashboard opens to everyone); "
                "add another admin first"
            )
    user.active = False
    user.session_version += 1
    session.add(user)
    audit.record(session, actor, "user.removed", user.username, role=user.role.value)


def set_password(session: Session, username: str, password: str, actor: str) -> None:
    """Give an active account a new password; every session of it ends."""
    user = _active(session, username)
    if user is None:
        raise AccountError(f"no active account '{username}'")
    check_strength(password, user.username)
    user.password_hash = HASHER.hash(password)
    user.session_version += 1
    session.add(user)
    audit.record(session, actor, "user.password_changed", user.username)


def end_sessions(session: Session, user_id: int, actor: str) -> None:
    """End every session of an account (logout): a copied cookie stops working too."""
    user = session.get(User, user_id)
    if user is not None:
        user.session_version += 1
        session.add(user)
        audit.record(session, actor, "user.logged_out", user.username)


def list_users(session: Session) -> list[dict]:
    """Every account with its role and agency."""
    query = select(User, Agency.code).join(Agency, User.agency_id == Agency.id, isouter=True)
    return [
        {
            "username": u.username,
            "role": u.role.value,
            "agency": code or "",
            "active": u.active,
            "created_at": u.created_at.strftime("%Y-%m-%d %H:%M"),
        }
        for u, code in session.exec(query.order_by(User.username))
    ]


def check_password(session: Session, username: str, password: str) -> User | None:
    """The active account with this username and password, or None (same work either way)."""
    user = _active(session, username)
    try:
        if user is None:
            HASHER.hash(password)  # spend the same time as a real check
            return None
        HASHER.verify(user.password_hash, password)
        return user
    except (VerificationError, InvalidHashError):
        return None
