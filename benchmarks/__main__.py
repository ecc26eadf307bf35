"""``python -m benchmarks``: the benchmark runner."""

import sys

from benchmarks.run import main

sys.exit(main())
