"""Measure the loader on the held-out corpus:
`cd /work/main && .venv/bin/python -m tests.corpus.measure_heldout`.

The files and expectations are in tests/corpus/heldout.py (written before the loader saw them);
everything else — fresh stores, loading, reading the store back, the classes EXACT /
REFUSED-OK / REFUSED-BUT-EXPECTED-LOAD / WRONG — is tests/corpus/measure.py's, so both corpora
are judged the same way. Exit code 1 when anything is WRONG. Options: -v prints every message;
NAME... runs only those cases or sequences.
"""

import sys

from tests.corpus.heldout import HELDOUT, HELDOUT_SEQUENCES
from tests.corpus.measure import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], HELDOUT, HELDOUT_SEQUENCES, "held-out "))
