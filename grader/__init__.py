"""torchkata's grader: runs hidden-reference tests against a learner's kata files."""

__version__ = "0.1.0"
