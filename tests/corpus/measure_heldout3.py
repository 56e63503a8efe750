"""Measure the loader on the third, blind corpus:
`cd /work/main && .venv/bin/python -m tests.corpus.measure_heldout3` (see tests/corpus/heldout3.py;
judged as tests/corpus/measure.py judges the first)."""

import sys

from tests.corpus.heldout3 import HELDOUT3, HELDOUT3_SEQUENCES
from tests.corpus.measure import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], HELDOUT3, HELDOUT3_SEQUENCES, "round-3 "))
