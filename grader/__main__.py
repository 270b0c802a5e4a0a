"""`python -m grader` is the same as `grade`.

`python -m grader --judge ...` is one warm judge of `grade batch` (see batch.py): it grades
its share of the submissions one after another, torch and the worker template kept warm."""

import sys

if sys.argv[1:2] == ["--judge"]:
    from .batch import judge_main
    from .cli import exit_now

    exit_now(judge_main(sys.argv[2:]))
else:
    from .cli import run

    run()
