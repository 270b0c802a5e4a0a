"""Result records: what grading one kata produced."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["STATUSES", "MAX_CURVE", "KataResult", "TestOutcome"]

# The four statuses a learner sees, in the order the overview lists them.
STATUSES = ("passed", "failing", "not started", "skipped")
MAX_CURVE = 5000  # loss values kept per test: a run that reports more keeps its first ones


@dataclass
class TestOutcome:
    """One test of a kata."""

    name: str  #: the test function's name, e.g. "test_matches_reference"
    outcome: str  #: "passed", "failed" or "skipped"
    status: str = "passed"  #: the kata status this test implies (see STATUSES)
    message: str = ""  #: why it failed or was skipped
    kind: str = ""  #: for a failed test, why: "wrong" (a value), "error", "timeout" or "crashed" (errors.py)
    output: str = ""  #: what the learner's code printed during this test
    duration: float = 0.0  #: seconds, setup and teardown included
    metrics: dict[str, float] = field(default_factory=dict)  #: numbers the test recorded
    curve: list[float] = field(default_factory=list)  #: training losses of the learner's run, in order
    val_curve: list[float] = field(default_factory=list)  #: validation losses, when the run reported them


@dataclass
class KataResult:
    """The verdict on one kata."""

    key: str  #: short name, e.g. "ch03.ex01"
    full_key: str  #: e.g. "ch03_autograd.ex01_derivative"
    status: str  #: one of STATUSES
    message: str = ""  #: the first failure explained, or why it was skipped
    output: str = ""  #: the learner's printed output, all tests together
    duration: float = 0.0  #: seconds spent on all its tests
    tests: list[TestOutcome] = field(default_factory=list)  #: every test, in order
    metrics: dict[str, float] = field(default_factory=dict)  #: e.g. accuracy, train_seconds
    skip: str = ""  #: for a skipped kata, why: "gpu", "data" or "optional" (verdict.skip_kind)
    failure: str = ""  #: for a failing kata, why its first failure happened: a TestOutcome.kind
    mistake: str = ""  #: the catalogued common mistake this failure looks like, in the learner's language
    curve: list[float] = field(default_factory=list)  #: the loss curve of one test's training run (see plot.py)
    val_curve: list[float] = field(default_factory=list)  #: its validation losses, if it reported any

    @property
    def passed_tests(self) -> int:
        return sum(t.outcome == "passed" for t in self.tests)
