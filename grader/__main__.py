"""`python -m grader` is the same as `grade`.

`python -m grader --judge ...` is one warm judge of `grade batch` (see batch.py). It runs
from here, not as `python -m grader.batch`: multiprocessing would re-run a main module
like grader.batch in every worker it starts, but never a package's __main__."""

import sys

if sys.argv[1:2] == ["--judge"]:
    from .batch import judge_main
    from .cli import exit_now

    exit_now(judge_main(sys.argv[2:]))
else:
    from .cli import run

    run()
