"""Measure the loader on the held-out corpus:
`cd /work/main && .venv/bin/python -m tests.corpus.measure_heldout`.

The files and expectations are in tests/corpus/heldout.py (written before the loader saw them);
everything else — fresh stores, loading, reading the store back, the classes EXACT /
REFUSED-OK / REFUSED-BUT-EXPECTED-LOAD / WRONG — is tests/corpus/measure.py's, so both corpora
are judged the same way. Exit code 1 when anything is WRONG. Options: -v prints every message;
NAME... runs only those cases or sequences.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.corpus.heldout import HELDOUT, HELDOUT_SEQUENCES
from tests.corpus.measure import (
    EXACT,
    REFUSED_LOAD,
    REFUSED_OK,
    WRONG,
    Stores,
    classify,
    diff,
    load,
    same,
    stored,
)


def run_cases(stores: Stores, folder: Path, only: set, verbose: bool) -> Counter:
    counts: Counter = Counter()
    print(f"{'class':<26} {'case':<38} detail")
    for builder in HELDOUT:
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


def run_sequences(stores: Stores, folder: Path, only: set, verbose: bool) -> Counter:
    counts: Counter = Counter()
    print()
    print(f"{'class':<26} {'sequence':<38} detail")
    for seq in HELDOUT_SEQUENCES:
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


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    only = {a for a in argv if not a.startswith("-")}
    with tempfile.TemporaryDirectory(prefix="radtrack-heldout-") as tmp:
        folder = Path(tmp)
        stores = Stores(folder)
        cases = run_cases(stores, folder, only, verbose)
        sequences = run_sequences(stores, folder, only, verbose)
    print()
    order = (EXACT, REFUSED_OK, REFUSED_LOAD, WRONG)
    print(f"held-out cases ({sum(cases.values())}): " + ", ".join(f"{k} {cases[k]}" for k in order))
    print(
        f"held-out sequences ({sum(sequences.values())}): "
        + ", ".join(f"{k} {sequences[k]}" for k in order)
    )
    return 1 if cases[WRONG] or sequences[WRONG] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
