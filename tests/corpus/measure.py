"""Measure the loader on the corpus: `cd /work/main && .venv/bin/python -m tests.corpus.measure`.

Every file is built into a temporary folder and loaded into a fresh SQLite store holding the
bundled catalogue; what the store then holds is compared with the expectation written in
tests/corpus/files.py. Classes:

  EXACT                      loaded, and the store holds exactly the expected figures
  REFUSED-OK                 refused where refusal is expected or acceptable (missing mentions
                             are listed)
  REFUSED-BUT-EXPECTED-LOAD  refused, nothing stored, but the file should have loaded
  WRONG                      anything stored that differs from the expected figures, anything
                             stored (or the file accepted) where refusal was expected, or a crash

Sequences load their files one after another into one store and compare the final figures.
Exit code 1 when anything is WRONG. Options: -v prints every message; NAME... runs only those.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

from sqlmodel import select

from indicators.catalogue import load_bundled
from indicators.db import make_engine, session
from indicators.models import Achievement, Agency, Indicator
from indicators.schema import upgrade
from loaders.ingest import Overrides, ingest_file
from tests.corpus.files import CASES, SEQUENCES, Exact, ExactOrRefuse, Refuse

EXACT, REFUSED_OK, REFUSED_LOAD, WRONG = (
    "EXACT",
    "REFUSED-OK",
    "REFUSED-BUT-EXPECTED-LOAD",
    "WRONG",
)
TOLERANCE = 1e-6


def period_label(a: Achievement) -> str:
    semester = getattr(a, "semester", None)
    if semester:
        return f"{a.year}-S{semester}"
    if a.quarter:
        return f"{a.year}-TW{a.quarter}"
    return str(a.year)


def stored(engine) -> dict:
    """Everything the store holds: {(code, agency, period, sex, age_group, kecamatan): value}.
    A key held twice is kept as a list, so that it shows up as a difference."""
    with session(engine) as s:
        rows = s.exec(
            select(Indicator.code, Agency.code, Achievement)
            .join(Indicator, Achievement.indicator_id == Indicator.id)
            .join(Agency, Achievement.agency_id == Agency.id)
        ).all()
    out: dict = {}
    for code, agency, a in rows:
        if a.value is None:
            continue  # money reported without a figure (pagu, realisasi): values are compared
        key = (code, agency, period_label(a), a.sex, a.age_group, a.kecamatan)
        value = None if a.value is None else float(a.value)
        if key in out:
            out[key] = (out[key] if isinstance(out[key], list) else [out[key]]) + [value]
        else:
            out[key] = value
    return out


def same(a: dict, b: dict) -> bool:
    if set(a) != set(b):
        return False
    for key, value in a.items():
        other = b[key]
        if isinstance(value, list) or isinstance(other, list) or value is None or other is None:
            if value != other:
                return False
        elif abs(value - other) > TOLERANCE:
            return False
    return True


def diff(got: dict, want: dict) -> str:
    """A short description of how `got` differs from `want`."""

    def k(key):
        code, agency, period, sex, age, kec = key
        extra = "/".join(str(x) for x in (sex, age, kec) if x)
        return f"{code} {agency} {period}" + (f" [{extra}]" if extra else "")

    parts = []
    for key in sorted(set(got) | set(want), key=str):
        if key not in want:
            parts.append(f"+{k(key)}={got[key]}")
        elif key not in got:
            parts.append(f"-{k(key)}={want[key]}")
        elif not same({key: got[key]}, {key: want[key]}):
            parts.append(f"~{k(key)}: {got[key]} (want {want[key]})")
    return "; ".join(parts)


class Stores:
    """Fresh SQLite stores: the schema is built once, then its file is copied."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.head = folder / "head.sqlite"
        engine = make_engine(f"sqlite:///{self.head}")
        upgrade(engine)
        with session(engine) as s:
            load_bundled(s)
            s.commit()
        engine.dispose()
        self.count = 0

    def fresh(self):
        self.count += 1
        path = self.folder / f"store{self.count}.sqlite"
        shutil.copyfile(self.head, path)
        return make_engine(f"sqlite:///{path}")


def message_text(report) -> str:
    """Everything a user is shown about a refusal, both languages, lowercased."""
    parts = []
    for p in report.errors:
        parts += [p.message("id"), p.message("en"), p.place("id"), p.place("en")]
        parts += [p.found, p.expected, p.detail, p.column, p.sheet]
    return " | ".join(str(x) for x in parts if x).lower()


def load(engine, path: Path, overrides: dict):
    """(report or None, crash text or None)."""
    try:
        return ingest_file(engine, path, overrides=Overrides(**overrides)), None
    except Exception as exc:  # a crash is a finding, not the end of the measurement
        tb = traceback.format_exc(limit=3).strip().splitlines()
        return None, f"{type(exc).__name__}: {exc} ({tb[-3].strip() if len(tb) > 2 else ''})"


def classify(case, report, crash, got: dict) -> tuple[str, str]:
    expect = case.expect
    expected_sets = []
    if isinstance(expect, (Exact, ExactOrRefuse)):
        expected_sets = [expect.figures, *expect.alternatives]
    if crash:
        return WRONG, f"crashed: {crash}" + (f"; stored {diff(got, {})}" if got else "")
    refused = bool(report.errors)
    codes = ",".join(sorted({p.code for p in report.errors}))
    if isinstance(expect, Refuse):
        if got:
            return WRONG, f"refusal expected, stored: {diff(got, {})}"
        if not refused:
            return WRONG, f"refusal expected, accepted (status {report.status}), stored nothing"
        return REFUSED_OK, _mentions(expect.mentions, report, codes)
    # Exact or ExactOrRefuse
    if refused:
        if got:
            return WRONG, f"refused ({codes}) yet stored: {diff(got, {})}"
        if isinstance(expect, ExactOrRefuse):
            return REFUSED_OK, _mentions(expect.mentions, report, codes)
        return REFUSED_LOAD, f"[{codes}] {_first_message(report)}"
    for want in expected_sets:
        if same(got, want):
            alt = "" if want is expected_sets[0] else " (alternative reading)"
            return EXACT, f"{len(got)} figure(s){alt}"
    nearest = min(expected_sets, key=lambda w: len(diff(got, w)))
    return WRONG, f"status {report.status}: {diff(got, nearest) or 'nothing stored'}"


def _first_message(report) -> str:
    if not report.errors:
        return ""
    p = report.errors[0]
    more = f" (+{len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
    return f"{p.place('en')}: {p.message('en')}{more}"


def _mentions(mentions, report, codes) -> str:
    text = message_text(report)
    missing = [m for m in mentions if m.lower() not in text]
    note = f"missing mentions {missing}" if missing else "mentions ok"
    return f"[{codes}] {note}; {_first_message(report)}"


def run_cases(stores: Stores, folder: Path, only: set, verbose: bool, cases=CASES) -> Counter:
    counts: Counter = Counter()
    print(f"{'class':<26} {'case':<38} detail")
    for builder in cases:
        if only and builder.__name__ not in only:
            continue
        case_folder = folder / builder.__name__
        case_folder.mkdir()
        case = builder(case_folder)
        engine = stores.fresh()
        report, crash = load(engine, case.path, case.overrides)
        got = stored(engine)
        engine.dispose()
        label, detail = classify(case, report, crash, got)
        counts[label] += 1
        print(f"{label:<26} {case.name:<38} {detail}")
        if verbose and report is not None:
            for p in report.problems:
                print(f"{'':<27}{p.severity}: {p.place('en')}: {p.message('en')}")
    return counts


def run_sequences(
    stores: Stores, folder: Path, only: set, verbose: bool, sequences=SEQUENCES
) -> Counter:
    counts: Counter = Counter()
    print()
    print(f"{'class':<26} {'sequence':<38} detail")
    for seq in sequences:
        if only and seq.name not in only:
            continue
        seq_folder = folder / f"seq_{seq.name}"
        seq_folder.mkdir()
        engine = stores.fresh()
        built: dict = {}
        steps = []
        for builder in seq.steps:
            if builder.__name__ not in built:
                built[builder.__name__] = builder(seq_folder)
            case = built[builder.__name__]
            report, crash = load(engine, case.path, case.overrides)
            if crash:
                steps.append(f"{case.name}: CRASH {crash}")
            else:
                codes = ",".join(sorted({p.code for p in report.errors}))
                steps.append(f"{case.name}: {report.status}" + (f" [{codes}]" if codes else ""))
                if verbose:
                    for p in report.problems:
                        steps.append(f"  {p.severity}: {p.place('en')}: {p.message('en')}")
        got = stored(engine)
        engine.dispose()
        wants = [seq.final, *seq.alternatives]
        if any(same(got, w) for w in wants):
            alt = "" if same(got, seq.final) else " (alternative reading)"
            label, detail = EXACT, f"{len(got)} figure(s){alt}"
        else:
            wrong = any(
                key not in seq.final or not same({key: v}, {key: seq.final[key]})
                for key, v in got.items()
            )
            label = WRONG if wrong else REFUSED_LOAD
            detail = diff(got, seq.final)
        counts[label] += 1
        print(f"{label:<26} {seq.name:<38} {detail}")
        print(f"{'':<27}steps: " + " → ".join(steps))
    return counts


def main(argv: list[str], cases=CASES, sequences=SEQUENCES, title: str = "") -> int:
    """Measure `cases` and `sequences`; print a line per file and the counts."""
    verbose = "-v" in argv
    only = {a for a in argv if not a.startswith("-")}
    with tempfile.TemporaryDirectory(prefix="radtrack-corpus-") as tmp:
        folder = Path(tmp)
        stores = Stores(folder)
        counted = run_cases(stores, folder, only, verbose, cases)
        counted_sequences = run_sequences(stores, folder, only, verbose, sequences)
    print()
    order = (EXACT, REFUSED_OK, REFUSED_LOAD, WRONG)
    for name, counts in (("cases", counted), ("sequences", counted_sequences)):
        shown = ", ".join(f"{k} {counts[k]}" for k in order)
        print(f"{title}{name} ({sum(counts.values())}): {shown}")
    return 1 if counted[WRONG] or counted_sequences[WRONG] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
