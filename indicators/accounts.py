"""Accounts: adding, removing, listing and checking passwords (argon2id via argon2-cffi).

Who may do what is decided in dashboard.auth; this module only keeps the accounts and logs
every change to them in the audit log.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from indicators import audit
from indicators.models import Agency, Role, User

HASHER = PasswordHasher()
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A request about accounts that cannot be carried out (message is for the user)."""


def any_accounts(session: Session) -> bool:
    """Whether the store has at least one active account (else the dashboard is open)."""
    return session.exec(select(User.id).where(User.active == True).limit(1)).first() is not None  # noqa: E712


def add_user(
    session: Session, username: str, password: str, role: str, agency: str | None, actor: str
) -> User:
    """Create an account; an uploader must name its agency, others must not."""
    username = username.strip().lower()
    if not username:
        raise AccountError("a username is needed")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
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
    if session.exec(select(User).where(User.username == username)).first() is not None:
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
    """Deactivate an account (kept, so the audit log's names stay meaningful)."""
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None or not user.active:
        raise AccountError(f"no active account '{username}'")
    user.active = False
    session.add(user)
    audit.record(session, actor, "user.removed", user.username, role=user.role.value)


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
    user = session.exec(
        select(User).where(User.username == username.strip().lower(), User.active == True)  # noqa: E712
    ).first()
    try:
        if user is None:
            HASHER.hash(password)  # spend the same time as a real check
            return None
        HASHER.verify(user.password_hash, password)
        return user
    except (VerificationError, InvalidHashError):
        return None
