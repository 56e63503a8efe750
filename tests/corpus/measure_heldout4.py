"""Measure the loader on the fourth, blind corpus:
`cd /work/main && .venv/bin/python -m tests.corpus.measure_heldout4` (see tests/corpus/heldout4.py;
judged as tests/corpus/measure.py judges the first)."""

import sys

from tests.corpus.heldout4 import HELDOUT4, HELDOUT4_SEQUENCES
from tests.corpus.measure import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], HELDOUT4, HELDOUT4_SEQUENCES, "round-4 "))
