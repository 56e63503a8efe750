"""Measure the loader on the fifth, blind corpus (sequences over a year):
`cd /work/main && .venv/bin/python -m tests.corpus.measure_heldout5` (see tests/corpus/heldout5.py;
judged as tests/corpus/measure.py judges the first)."""

import sys

from tests.corpus.heldout5 import HELDOUT5, HELDOUT5_SEQUENCES
from tests.corpus.measure import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], HELDOUT5, HELDOUT5_SEQUENCES, "round-5 "))
