"""Kata tests get the `kata` and `ref` fixtures from the grader's pytest plugin."""

pytest_plugins = ["grader.plugin"]
