"""`python -m grader` is the same as `grade`."""

from .cli import run

run()
