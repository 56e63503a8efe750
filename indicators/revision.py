"""A catalogue revision: what loading a revised RAD (YAML or spreadsheet) changes in a plan that is
already in the store, and the changes that keep its figures.

- an indicator whose statement stays but whose code changes is *renumbered*: the same row (and
  so every figure reported on it) takes the new code;
- a code whose statement changes is *renamed*; a changed target is *retargeted*; a changed unit,
  kind, direction or activity is *changed*;
- an indicator that leaves the catalogue is *retired* when figures were reported on it (kept,
  with its figures, out of every current view, flagged in exports) and *deleted* otherwise;
  a retired indicator that comes back is *reinstated*.
A renumbering is recognised only when the statement is unique on both sides; anything else that
moved reads as a retirement plus an addition, which keeps every figure where it was reported.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import delete, exists, func
from sqlmodel import Session, select

from indicators.models import (
    Achievement,
    Activity,
    Indicator,
    IndicatorStatus,
    Plan,
    Programme,
    SubGroup,
    utcnow,
)

CATEGORIES = (
    "added",
    "renamed",
    "renumbered",
    "retargeted",
    "changed",
    "retired",
    "deleted",
    "reinstated",
)
WORDS = {
    "added": ("ditambah", "added"),
    "renamed": ("diganti pernyataannya", "renamed"),
    "renumbered": ("diganti kodenya", "renumbered"),
    "retargeted": ("diganti targetnya", "retargeted"),
    "changed": ("diubah", "changed"),
    "retired": ("dipensiunkan (angkanya disimpan)", "retired (figures kept)"),
    "deleted": ("dihapus (tanpa angka)", "deleted (had no figures)"),
    "reinstated": ("dipulihkan", "reinstated"),
}
FIELDS = ("unit", "kind", "direction", "activity", "sensitive")


def _plain(statement: str) -> str:
    """A statement as compared for a renumbering: case, spacing and end punctuation ignored."""
    return re.sub(r"\s+", " ", statement).strip(" .;:-").casefold()


@dataclass
class Revision:
    """What a catalogue load changes in one plan (codes, and old -> new where useful)."""

    plan: str
    new_plan: bool = False
    added: list[str] = field(default_factory=list)
    renamed: list[dict] = field(default_factory=list)  # code, old, new statement
    renumbered: list[dict] = field(default_factory=list)  # old, new code
    retargeted: list[dict] = field(default_factory=list)  # code, field, old, new
    changed: list[dict] = field(default_factory=list)  # code, field, old, new
    retired: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    reinstated: list[str] = field(default_factory=list)
    # retired indicators whose code the revision gives to another: the code they keep instead
    retired_as: dict[str, str] = field(default_factory=dict)
    stored: Plan | None = None  # the plan as stored, once applied

    @property
    def empty(self) -> bool:
        """Nothing in the plan's indicators changes (a new plan is not a revision)."""
        return self.new_plan or not any(getattr(self, c) for c in CATEGORIES)

    def detail(self) -> dict:
        """The non-empty categories, for the audit log."""
        out = {c: getattr(self, c) for c in CATEGORIES if getattr(self, c)}
        if self.retired_as:
            out["retired_as"] = self.retired_as
        return out

    def lines(self, lang: str = "id") -> list[str]:
        """One line per change, for the command line."""
        en = lang == "en"
        out = []
        for category in CATEGORIES:
            for item in getattr(self, category):
                word = WORDS[category][1 if en else 0]
                if category == "renamed":
                    text = f"{item['code']}: {item['old'][:60]!r} -> {item['new'][:60]!r}"
                elif category == "renumbered":
                    text = f"{item['old']} -> {item['new']}"
                elif category in ("retargeted", "changed"):
                    text = f"{item['code']} {item['field']}: {item['old']} -> {item['new']}"
                elif category == "retired" and item in self.retired_as:
                    text = f"{item} -> {self.retired_as[item]}"
                else:
                    text = item
                out.append(f"{self.plan} {word}: {text}")
        return out


def _activity_key(ind: Indicator, activities: dict, programmes: dict, subgroups: dict) -> str:
    act = activities[ind.activity_id]
    prog = programmes[act.programme_id]
    return f"{subgroups[prog.subgroup_id].number}.{prog.letter}.{act.number}"


def plan_revision(session: Session, catalogue) -> Revision:
    """What loading `catalogue` (a CatalogueFile) would change; reads only."""
    code = catalogue.plan.code
    plan = session.exec(select(Plan).where(Plan.code == code)).first()
    revision = Revision(code)
    if plan is None:
        revision.new_plan = True
        return revision
    stored = {
        i.code: i for i in session.exec(select(Indicator).where(Indicator.plan_id == plan.id))
    }
    activities = {
        a.id: a
        for a in session.exec(
            select(Activity).join(Programme).join(SubGroup).where(SubGroup.plan_id == plan.id)
        )
    }
    programmes = {
        p.id: p
        for p in session.exec(select(Programme).join(SubGroup).where(SubGroup.plan_id == plan.id))
    }
    subgroups = {s.id: s for s in session.exec(select(SubGroup).where(SubGroup.plan_id == plan.id))}
    wanted = {}
    for sg in catalogue.subgroups:
        for pr in sg.programmes:
            for ac in pr.activities:
                for ind in ac.indicators:
                    wanted[ind.code] = (ind, f"{sg.number}.{pr.letter}.{ac.number}")

    live = {c: i for c, i in stored.items() if i.retired_at is None}
    # A renumbering: a live statement found, once on each side, under another code. Matched on
    # statements across the whole plan, so codes that trade places are two renumberings, never
    # two rewordings that would hand one indicator's figures to the other.
    leaving: dict[str, list[str]] = {}
    for c, ind in live.items():
        leaving.setdefault(_plain(ind.statement), []).append(c)
    coming: dict[str, list[str]] = {}
    for c, (entry, _activity) in wanted.items():
        coming.setdefault(_plain(entry.statement), []).append(c)
    moves = {
        olds[0]: coming[text][0]
        for text, olds in leaving.items()
        if len(olds) == 1 and len(coming.get(text, [])) == 1 and coming[text][0] != olds[0]
    }
    # A retired indicator whose statement comes back under a new code: reinstated there.
    retired: dict[str, list[str]] = {}
    for c, ind in stored.items():
        if ind.retired_at is not None:
            retired.setdefault(_plain(ind.statement), []).append(c)
    targets = set(moves.values())
    for text, olds in retired.items():
        news = coming.get(text, [])
        if len(olds) == 1 and len(news) == 1 and text not in leaving:
            if news[0] != olds[0] and news[0] not in stored and news[0] not in targets:
                moves[olds[0]] = news[0]
    revision.renumbered = [{"old": o, "new": n} for o, n in sorted(moves.items())]
    moved_from = {n: o for o, n in moves.items()}
    # A live code given to another indicator (a statement nothing like the old one, or another
    # kind): the old one leaves (retired with its figures, under a code of its own) and the
    # new one is added, so no figure changes meaning under a reworded statement.
    old_texts = [_plain(i.statement) for i in live.values()]
    new_texts = [_plain(e.statement) for e, _activity in wanted.values()]
    recoded = {
        c
        for c, (entry, _activity) in wanted.items()
        if c in live
        and c not in moves
        and c not in moved_from
        and not _same_indicator(live[c], entry, old_texts, new_texts)
    }

    def same(before: Indicator, entry) -> bool:
        return _plain(before.statement) == _plain(entry.statement)

    for c, (entry, activity) in wanted.items():
        if c in moved_from:
            before = stored[moved_from[c]]
        elif c in moves or c not in stored or c in recoded:
            before = None  # its old holder moved away or left: a new indicator takes the code
        elif stored[c].retired_at is not None and not same(stored[c], entry):
            before = None  # a retired indicator's code given to another statement
        else:
            before = stored[c]
        if before is None:
            revision.added.append(c)
            continue
        if before.retired_at is not None:
            revision.reinstated.append(c)
        if before.statement != entry.statement:
            revision.renamed.append({"code": c, "old": before.statement, "new": entry.statement})
        years_before = {str(k): v for k, v in (before.year_targets or {}).items()}
        years_after = {str(k): v for k, v in (entry.year_targets or {}).items()}
        for name, old, now in (
            ("target", before.target, entry.target),
            ("year_targets", years_before or None, years_after or None),
        ):
            if old != now:
                revision.retargeted.append({"code": c, "field": name, "old": old, "new": now})
        was = {
            "unit": before.unit,
            "kind": before.kind.value,
            "direction": before.direction.value,
            "activity": _activity_key(before, activities, programmes, subgroups),
        }
        now = {
            "unit": entry.unit,
            "kind": entry.kind.value,
            "direction": entry.direction.value,
            "activity": activity,
        }
        if entry.sensitive is not None:  # not stated: kept as stored
            was["sensitive"], now["sensitive"] = before.sensitive, entry.sensitive
        for name in FIELDS:
            if name in was and was[name] != now[name]:
                revision.changed.append(
                    {"code": c, "field": name, "old": was[name], "new": now[name]}
                )
    taken = set(stored) | set(wanted)
    for c, ind in live.items():
        if c in moves or (c in wanted and c not in moved_from and c not in recoded):
            continue  # renumbered, or still in the plan under its code
        reported = session.exec(select(exists().where(Achievement.indicator_id == ind.id))).one()
        if not reported:
            revision.deleted.append(c)
            continue
        revision.retired.append(c)
        if c in wanted:  # its code now names another indicator: keep it under a code of its own
            revision.retired_as[c] = _free_code(c, taken)
            taken.add(revision.retired_as[c])
    for c, ind in stored.items():  # an already retired one whose code is given to another
        if ind.retired_at is not None and c in wanted and c not in revision.reinstated:
            if c in moves:
                continue  # reinstated under its new code
            revision.retired_as[c] = _free_code(c, taken)
            taken.add(revision.retired_as[c])
    return revision


SAME_STATEMENT = 50.0  # rapidfuzz token-set score below which a statement is another thing


def _same_indicator(before: Indicator, entry, old_texts: list[str], new_texts: list[str]) -> bool:
    """Whether a code's new statement and kind still describe the indicator its figures were
    reported on: the same kind, a statement alike enough, and the two statements each other's
    closest match (a reworded statement that is closer to another indicator's has two readings,
    and is read as a new indicator)."""
    if before.kind != entry.kind:
        return False
    old, new = _plain(before.statement), _plain(entry.statement)
    if old == new:
        return True
    score = fuzz.token_set_ratio(old, new)
    if score < SAME_STATEMENT:
        return False
    closer_old = any(fuzz.token_set_ratio(new, t) > score for t in old_texts if t != old)
    closer_new = any(fuzz.token_set_ratio(old, t) > score for t in new_texts if t != new)
    return not (closer_old or closer_new)


def _free_code(code: str, taken: set[str]) -> str:
    """`code~r1`, `code~r2`, ...: the first not taken."""
    number = 1
    while f"{code}~r{number}" in taken:
        number += 1
    return f"{code}~r{number}"


def renumber(session: Session, plan_id: int, revision: Revision) -> None:
    """Give renumbered indicators their new codes, through temporary ones so that codes which
    trade places never collide on the (plan, code) unique constraint."""
    rows = {i.code: i for i in session.exec(select(Indicator).where(Indicator.plan_id == plan_id))}
    moving = [(rows[m["old"]], m["new"]) for m in revision.renumbered]
    for ind, _new in moving:
        ind.code = f"~{ind.id}"
        session.add(ind)
    session.flush()
    for ind, new in moving:
        ind.code = new
        session.add(ind)
    session.flush()


def retire(session: Session, plan_id: int, revision: Revision) -> None:
    """Retire or delete what left the catalogue, and move retired indicators off codes the
    revision gives to others; runs before renumber() and the upsert, which may take those codes."""
    now = utcnow()
    for code, keep_as in revision.retired_as.items():
        ind = session.exec(
            select(Indicator).where(Indicator.plan_id == plan_id, Indicator.code == code)
        ).one()
        ind.code = keep_as
        session.add(ind)
    session.flush()
    for code, delete_it in [(c, False) for c in revision.retired] + [
        (c, True) for c in revision.deleted
    ]:
        code = revision.retired_as.get(code, code)
        ind = session.exec(
            select(Indicator).where(Indicator.plan_id == plan_id, Indicator.code == code)
        ).one()
        if delete_it:
            session.exec(delete(IndicatorStatus).where(IndicatorStatus.indicator_id == ind.id))
            session.delete(ind)
        elif ind.retired_at is None:
            ind.retired_at = now
            session.add(ind)
    session.flush()


def prune(session: Session, plan_id: int, kept: set[tuple]) -> None:
    """Delete the plan's activities, programmes and bidang that are not in `kept` (keys
    (number,), (number, letter), (number, letter, activity)) and hold no indicator."""
    held = func.count(Indicator.id)
    for act, prog, sg, count in session.exec(
        select(Activity, Programme, SubGroup, held)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .join(Indicator, Indicator.activity_id == Activity.id, isouter=True)
        .where(SubGroup.plan_id == plan_id)
        .group_by(Activity.id, Programme.id, SubGroup.id)
    ).all():
        if count == 0 and (sg.number, prog.letter, act.number) not in kept:
            session.delete(act)
    session.flush()
    for prog, sg in session.exec(
        select(Programme, SubGroup)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .where(SubGroup.plan_id == plan_id)
        .where(~exists().where(Activity.programme_id == Programme.id))
    ).all():
        if (sg.number, prog.letter) not in kept:
            session.delete(prog)
    session.flush()
    for sg in session.exec(
        select(SubGroup)
        .where(SubGroup.plan_id == plan_id)
        .where(~exists().where(Programme.subgroup_id == SubGroup.id))
    ):
        if (sg.number,) not in kept:
            session.delete(sg)
    session.flush()
