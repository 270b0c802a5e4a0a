"""`grade batch` and `grade merge`: grade a whole class's submissions into one gradebook.

    grade batch SUBMISSION... [--targets CH ...] [--jobs 2] [--out grade-batch] [--shard K/N] [--budget 1800]
    grade merge DIR... --out DIR

(The command line is in commands/batch.py and commands/merge.py.)

--jobs judge processes (`python -m grader --judge`) each grade a share of the submissions
one after another, with torch and the worker template kept warm; a submission that runs past
--budget gets its judge killed (process group and workers) and an error row, and a fresh judge
takes the rest of the share. A submission that breaks its grading never stops the batch. The
output folder:

    OUT/students/<name>.json   the student's report (torchkata.report/1), or, when grading broke,
                               an error record (torchkata.batch-error/1) saying why
    OUT/logs/<name>.txt        what the grading process printed
    OUT/gradebook.csv          one row per student: points per kata, total, max_total, error, notes
    OUT/statuses.csv           the same grid, each cell why: passed, wrong, error, timeout, crashed,
                               not started, skipped
    OUT/lms-import.csv         with --roster: the roster's rows and columns with the points added
    OUT/run.json               what OUT holds: the katas, the course, the shard, the students
    OUT/report.html            the class report to look at: score histogram, pass rate and most
                               common failures per kata, a sortable table of students

The gradebook is always built from OUT/students/*.json by `gradebook_csv`, so merging the outputs
of sharded runs (`--shard 1/3`, `2/3`, `3/3`, e.g. on three machines) gives the same gradebook as
one unsharded run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .errors import GradeError
from .files import write_atomic
from .report_json import SCHEMA

__all__ = ["ERROR_SCHEMA", "Row", "batch", "gradebook_csv", "judge_main", "load_row", "merge", "student_names"]

ERROR_SCHEMA = "torchkata.batch-error/1"


# -- the gradebook ------------------------------------------------------------------------

@dataclass
class Row:
    """One student's line of the gradebook."""

    student: str
    points: dict[str, Any] = field(default_factory=dict)  #: kata key -> points earned
    katas: list[str] = field(default_factory=list)  #: the kata keys graded, in course order
    total: Any = 0
    max_total: Any = 0
    error: str = ""
    notes: str = ""  #: the report's notes on the submission (files ignored, placed, ...), joined by " | "
    statuses: dict[str, str] = field(default_factory=dict)  #: kata key -> STATUS_WORDS entry


def load_row(path: Path) -> Row:
    """The gradebook row of OUT/students/<name>.json: a report, or an error record."""
    name = path.stem
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return Row(name, error=f"unreadable JSON report: {e}")
    schema = data.get("schema") if isinstance(data, dict) else None
    listed = data.get("notes") if isinstance(data, dict) else None
    notes = " | ".join(str(n) for n in listed) if isinstance(listed, list) else ""
    if schema == ERROR_SCHEMA:
        katas = [str(key) for key in data.get("katas", [])]
        return Row(name, katas=katas, max_total=data.get("max_points", 0),
                   error=str(data.get("error") or "grading failed"), notes=notes)
    if schema != SCHEMA:
        return Row(name, error=f"not a {SCHEMA} report (schema {schema!r})")
    try:
        points = {str(kata["key"]): kata["points"] for kata in data["katas"]}
        statuses = {str(kata["key"]): _status_word(kata) for kata in data["katas"]}
        return Row(name, points, list(points), data["summary"]["points"], data["summary"]["max_points"],
                   notes=notes, statuses=statuses)
    except (KeyError, TypeError) as e:
        return Row(name, error=f"malformed JSON report ({e!r})")


# What statuses.csv says of a kata: a failing kata is split by why it failed (see errors.py).
STATUS_WORDS = ("passed", "wrong", "error", "timeout", "crashed", "not started", "skipped")


def _status_word(kata: dict[str, Any]) -> str:
    status = str(kata.get("status", ""))
    return str(kata.get("failure") or "wrong") if status == "failing" else status


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def gradebook_csv(rows: list[Row]) -> str:
    """The gradebook: students sorted by name; a column per kata, in the order the reports list
    them (course order); then total, max_total, error and notes. A kata not in a report is empty."""
    rows = sorted(rows, key=lambda r: r.student)
    columns: dict[str, None] = {}  # an ordered set
    for row in rows:
        columns.update(dict.fromkeys(row.katas))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *columns, "total", "max_total", "error", "notes"])
    for row in rows:
        katas = [_cell(row.points[key]) if key in row.points else "" for key in columns]
        writer.writerow([row.student, *katas, _cell(row.total), _cell(row.max_total), row.error, row.notes])
    return out.getvalue()


def statuses_csv(rows: list[Row]) -> str:
    """Beside the gradebook: the same students and katas, each cell saying what happened
    (STATUS_WORDS), so that a timeout, a crash, an error and "not started" can be told apart;
    a submission that could not be graded has its cells empty and its error at the end."""
    rows = sorted(rows, key=lambda r: r.student)
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row.katas))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *columns, "error"])
    for row in rows:
        writer.writerow([row.student, *(row.statuses.get(key, "") for key in columns), row.error])
    return out.getvalue()


def lms_csv(rows: list[Row], roster: Path) -> tuple[str, list[str]]:
    """The roster (a CSV with a `submission` column naming each student as the gradebook
    does, and the LMS's own columns: an ID, an e-mail, ...) with `points` and `max_points`
    added, ready for a Canvas or Moodle grade import; and warnings for students in only one
    of the two. GradeError for a roster that cannot be used."""
    try:
        with open(roster, encoding="utf-8-sig", newline="") as f:
            table = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise GradeError(f"the roster {roster} cannot be read: {e}") from None
    if not table or "submission" not in table[0]:
        raise GradeError(f"the roster {roster} needs a header row with a `submission` column (the name each student "
                         "has in the gradebook) beside the LMS's own columns")
    by_name = {row.student: row for row in rows}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table[0], "points", "max_points"])
    for entry in table:
        row = by_name.get(entry["submission"])
        writer.writerow([*entry.values(), _cell(row.total) if row else "", _cell(row.max_total) if row else ""])
    listed = {entry["submission"] for entry in table}
    warnings = [f"in the roster but not graded: {name}" for name in sorted(listed - set(by_name))]
    warnings += [f"graded but not in the roster: {name}" for name in sorted(set(by_name) - listed)]
    return out.getvalue(), warnings


def _write_gradebook(out: Path, names: list[str], excel: bool = False, roster: Path | None = None) -> Path:
    """OUT/gradebook.csv and OUT/statuses.csv (with a byte-order mark for Excel when `excel`),
    OUT/lms-import.csv from a roster, and the class report OUT/report.html (report_html.py)."""
    from . import report_html

    rows = [load_row(out / "students" / f"{name}.json") for name in names]
    bom = "\ufeff" if excel else ""  # Excel reads UTF-8 (张三, José) only with it
    path = out / "gradebook.csv"
    write_atomic(path, bom + gradebook_csv(rows))
    write_atomic(out / "statuses.csv", bom + statuses_csv(rows))
    if roster is not None:
        text, warnings = lms_csv(rows, roster)
        write_atomic(out / "lms-import.csv", bom + text)
        for warning in warnings:
            print(f"roster: {warning}", file=sys.stderr)
    report_html.write(out, names)
    return path


# -- names and shards ---------------------------------------------------------------------

def _base_name(path: Path) -> str:
    name = path.name if path.name not in ("", ".", "..") else path.resolve().name
    for suffix in (".zip", ".ipynb"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    # Letters (any script), digits, "_", "." and "-"; never hidden, never starting like an option.
    return re.sub(r"[^\w.-]+", "_", name).strip("._-") or "submission"


def student_names(submissions: list[Path]) -> list[tuple[str, Path]]:
    """(name, submission) sorted by name: each name the submission's file or folder name without
    .zip/.ipynb, filesystem-safe, made unique (also ignoring case) with -2, -3, ..."""
    taken: set[str] = set()
    named = []
    for path in sorted(submissions, key=lambda p: (_base_name(p), str(p))):
        base = name = _base_name(path)
        n = 2
        while name.lower() in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name.lower())
        named.append((name, path))
    return sorted(named, key=lambda item: item[0])


def _shard(text: str | None, env: Mapping[str, str] = os.environ) -> tuple[int, int] | None:
    """(K, N) from `--shard K/N`, or, for `--shard auto`, from the job engine running this
    shard (see `_auto_shard`); None without --shard."""
    if text is None:
        return None
    if text.strip() == "auto":
        return _auto_shard(env)
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ValueError(f"--shard must look like 2/5, or be auto (got {text!r})")
    return int(m.group(1)), int(m.group(2))


# Where each engine says which of the shards this one is (index from 0), and how many there are.
SHARD_SOURCES = (
    ("a SLURM job array", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN"),
    ("a Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", "TORCHKATA_SHARD_COUNT", None),
    ("the environment (a GitHub Actions matrix sets it)", "TORCHKATA_SHARD_INDEX", "TORCHKATA_SHARD_COUNT", None),
)


def _auto_shard(env: Mapping[str, str]) -> tuple[int, int]:
    """`--shard auto`: the first engine of SHARD_SOURCES whose variables are set. Kubernetes
    has no variable for the number of completions: set TORCHKATA_SHARD_COUNT beside it."""
    for engine, index_var, count_var, first_var in SHARD_SOURCES:
        if index_var not in env:
            continue
        try:
            index = int(env[index_var]) - int(env.get(first_var or "", "0") or 0)
            count = int(env.get(count_var, ""))
        except ValueError:
            raise ValueError(f"--shard auto: {engine}: {index_var} and {count_var} must be whole numbers "
                             f"(got {env.get(index_var)!r} and {env.get(count_var)!r})") from None
        if not 0 <= index < count:
            raise ValueError(f"--shard auto: {engine} says shard {index + 1} of {count}")
        return index + 1, count
    raise ValueError("--shard auto found no shard index: run it in a SLURM job array, a Kubernetes Indexed Job "
                     "(with TORCHKATA_SHARD_COUNT), or set TORCHKATA_SHARD_INDEX (from 0) and TORCHKATA_SHARD_COUNT")


# -- grading one submission ---------------------------------------------------------------

class _Processes:
    """The grading processes alive now, so that an interrupt can kill them all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._alive: set[subprocess.Popen[bytes]] = set()
        self._stopped = False

    def start(self, cmd: list[str], log: Any, stdout: Any = None) -> subprocess.Popen[bytes] | None:
        with self._lock:
            if self._stopped:
                return None
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout or log,
                                    stderr=log if stdout else subprocess.STDOUT, start_new_session=True)
            self._alive.add(proc)
            return proc

    def finished(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._alive.discard(proc)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for proc in self._alive:
                _kill_group(proc)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the grading process and everything it started (its workers)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@dataclass(frozen=True)
class _Job:
    targets: list[str]
    out: Path
    budget: float
    katas: list[str]  #: keys of the katas graded
    max_points: int  #: their points together
    processes: _Processes
    partial: bool = False  #: points in proportion to the tests passed (report_json.points)


def _write_error(job: _Job, name: str, submission: Path, error: str, code: int | None) -> None:
    """The student's error record, in place of the report: 0 points, and why."""
    record = {"schema": ERROR_SCHEMA, "student": name, "submission": str(submission), "error": error,
              "returncode": code, "katas": job.katas, "max_points": job.max_points, "log": f"logs/{name}.txt"}
    write_atomic(job.out / "students" / f"{name}.json", json.dumps(record, indent=2, ensure_ascii=False))


# -- the commands -------------------------------------------------------------------------

def _exercises() -> Path:
    """exercises/ of the repository graded: TORCHKATA_ROOT as it is now (the grading processes
    inherit it), else the grader's own."""
    root = os.environ.get("TORCHKATA_ROOT")
    return Path(root) / "exercises" if root else paths.EXERCISES


def batch(submissions: list[Path], targets: list[str] | None, jobs: int, out: Path, shard: str | None,
          budget: float, no_color: bool, update: bool = False, excel: bool = False,
          roster: Path | None = None, partial: bool = False) -> int:
    """`grade batch`: 0 when every submission could be graded (whatever the students scored),
    1 when some could not (their error rows say why); GradeError for a usage error; a
    KeyboardInterrupt stops it with every grading process killed. With `update`, the named
    submissions are regraded into an existing OUT and everyone else's grades are kept."""
    try:
        shard_of = _shard(shard)
    except ValueError as e:
        raise GradeError(str(e)) from None
    if jobs < 1 or not budget > 0:
        raise GradeError("--jobs must be at least 1 and --budget more than 0")
    from .discovery import resolve
    from .manifest import load_chapters

    chapters = load_chapters(_exercises())
    targets = targets or [c.key for c in chapters]
    katas = resolve(targets, chapters)
    named = student_names(submissions)
    if shard_of:
        named = [item for i, item in enumerate(named) if i % shard_of[1] == shard_of[0] - 1]
    students = _students_of_run(out, katas, [name for name, _ in named], shard_of, update)
    (out / "students").mkdir(parents=True, exist_ok=True)
    (out / "logs").mkdir(exist_ok=True)
    job = _Job(targets, out, budget, [k.key for k in katas], sum(k.points for k in katas), _Processes(), partial)
    from .i18n import t
    from .sandbox import unconfined_reason

    if why := unconfined_reason():
        print(f"grade batch: warning: {t('unconfined', 'en', why=why)}", file=sys.stderr)
    errors = _run_all(job, named, jobs, no_color)
    gradebook = _write_gradebook(out, students, excel, roster)
    print(f"grade batch: {len(named)} submissions graded, {errors} with errors; gradebook: {gradebook}",
          file=sys.stderr)
    _job_summary(out, students)
    return 1 if errors else 0


# -- one run's identity -------------------------------------------------------------------
# OUT/run.json says what OUT holds: the katas, the course that judged them (course.py), the
# shard and the students. `--update` may only add to an OUT of the same identity; `grade
# merge` only joins shards of one identity that cover every shard once.

RUN_SCHEMA = "torchkata.batch-run/1"


def _read_run(out: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise GradeError(f"{out / 'run.json'} cannot be read ({e}); it is not a `grade batch` output") from None
    if not isinstance(data, dict) or data.get("schema") != RUN_SCHEMA:
        raise GradeError(f"{out / 'run.json'} is not a {RUN_SCHEMA} record")
    return data


def _same_course(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a.get("targets"), a.get("content")) == (b.get("targets"), b.get("content"))


def _students_of_run(out: Path, katas: list[Any], names: list[str], shard: tuple[int, int] | None,
                     update: bool) -> list[str]:
    """Check that grading `names` into `out` loses and mixes nothing, record the run in
    OUT/run.json, and return every student the gradebook lists."""
    from . import course

    this = {"schema": RUN_SCHEMA, **course.identity(katas), "shard": list(shard) if shard else None}
    before = _read_run(out)
    present = sorted(p.stem for p in (out / "students").glob("*.json"))
    others = sorted(set(present) - set(names))
    if others and not update:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        raise GradeError(f"{out} already holds the grades of {len(others)} students not in this run ({shown}): "
                         "pass --update to regrade these submissions and keep the others, or choose a new --out")
    if update and present and (before is None or not _same_course(before, this)):
        raise GradeError(f"{out} was graded for other katas or by another version of the course; regrading into it "
                         "would mix grades: regrade the whole class into a new --out")
    students = sorted(set(names) | (set(present) if update else set()))
    write_atomic(out / "run.json", json.dumps({**this, "students": students}, indent=2, ensure_ascii=False))
    return students


def _job_summary(out: Path, students: list[str]) -> None:
    """Under GitHub Actions, a table of the class in the job summary."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not summary:
        return
    from .github import batch_summary

    with open(summary, "a", encoding="utf-8") as f:
        f.write("\n" + batch_summary([load_row(out / "students" / f"{name}.json") for name in students]))


def _run_all(job: _Job, named: list[tuple[str, Path]], jobs: int, no_color: bool) -> int:
    """Grade every submission, `jobs` at a time, with a progress bar; the number that broke.
    Interrupted, it kills every grading process before it lets the interrupt through."""
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False, no_color=no_color or None)
    columns = (TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    errors, finished = 0, False
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("grading", total=len(named))
            lock = threading.Lock()

            def done(name: str, error: str) -> None:
                nonlocal errors
                with lock:
                    if error:
                        errors += 1
                        progress.console.print(f"[yellow]{escape(name)}[/]: {escape(error)}")
                    progress.advance(task)

            chunks = [named[i::jobs] for i in range(jobs) if named[i::jobs]]
            for future in as_completed([pool.submit(_grade_chunk, job, chunk, done) for chunk in chunks]):
                future.result()
        finished = True
    finally:
        if not finished:  # interrupted (or a bug): no grading process may outlive the batch
            job.processes.stop()
        pool.shutdown(wait=True, cancel_futures=True)
    return errors


# -- warm judges --------------------------------------------------------------------------
# A fresh `python -m grader` per submission pays the torch import and pytest start-up every
# time (about 3 s of 5). Instead, each of the --jobs threads runs one judge process that
# grades its share of submissions one after another, torch and the worker template staying
# warm. The judge says "start NAME" and "done NAME" on stdout; a submission that runs past
# --budget gets the whole judge killed (process group and workers) and an error row, and a
# new judge takes over the rest of the share.

def _judge_command(job: _Job, todo: list[tuple[str, Path]]) -> list[str]:
    pairs = [f"{name}={path.absolute()}" for name, path in todo]
    options = ["--partial"] if job.partial else []
    return [sys.executable, "-m", "grader", "--judge", str(job.out.absolute()), *options, *job.targets, "--", *pairs]


def _grade_chunk(job: _Job, chunk: list[tuple[str, Path]], done: Any) -> None:
    """Grade `chunk` with warm judges, calling done(name, error) for each submission."""
    import queue

    todo = list(chunk)
    while todo:
        log = open(job.out / "logs" / f"_judge-{todo[0][0]}.txt", "ab")  # noqa: SIM115 - closed below
        proc = job.processes.start(_judge_command(job, todo), log, stdout=subprocess.PIPE)
        if proc is None:
            log.close()
            return
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
        todo = _follow_judge(job, proc, lines, todo, done)
        log.close()


def _pump(stream: Any, lines: Any) -> None:
    """Pass a judge's stdout lines on, then None when it closes."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def _follow_judge(job: _Job, proc: Any, lines: Any, todo: list[tuple[str, Path]], done: Any) -> list[tuple[str, Path]]:
    """Read one judge's progress; return the submissions it did not get to."""
    import queue

    current: tuple[str, Path] | None = None
    while True:
        try:
            line = lines.get(timeout=job.budget if current else None)
        except queue.Empty:  # the current submission ran past its budget
            _kill_group(proc)
            proc.wait()
            job.processes.finished(proc)
            assert current is not None
            error = f"took longer than the budget of {job.budget:g} s; killed"
            _write_error(job, *current, error, None)
            done(current[0], error)
            return todo[todo.index(current) + 1 :]
        if line is None:  # the judge exited
            code = proc.wait()
            job.processes.finished(proc)
            if current is None:
                return []
            error = f"the grader exited with code {code}"
            _write_error(job, *current, error, code)
            done(current[0], error)
            return todo[todo.index(current) + 1 :]
        word, _, name = line.decode(errors="replace").strip().partition(" ")
        if word == "start":
            current = next((item for item in todo if item[0] == name), None)
        elif word == "done" and current is not None:
            report = job.out / "students" / f"{name}.json"
            done(name, load_row(report).error if report.is_file() else "the grader wrote no JSON report")
            current = None


def judge_main(argv: list[str]) -> int:
    """The judge: grade NAME=PATH submissions one after another in this process."""
    from rich.console import Console

    from . import report_json, sandbox, submission
    from .course import identity
    from .discovery import resolve
    from .manifest import load_chapters
    from .pipeline import grade, sandbox_for
    from .run import GradingRun
    from .terminal import KataPrinter

    out, rest = Path(argv[0]), argv[1:]
    partial = rest[:1] == ["--partial"]
    rest = rest[1:] if partial else rest
    targets, pairs = rest[: rest.index("--")], rest[rest.index("--") + 1 :]
    chapters = load_chapters(_exercises())
    katas = resolve(targets, chapters)
    course = [k for c in chapters for k in c.katas]  # a file of another kata: "not graded in this run"
    judged_by = identity(katas)  # once: it hashes the grader and the katas' files
    job = _Job(targets, out, 0, [k.key for k in katas], sum(k.points for k in katas), _Processes())
    # No worker may read another student's submission, or the gradebook so far.
    protected = tuple(sorted({out.resolve(), *(Path(p.partition("=")[2]).resolve().parent for p in pairs)}))
    warm = sandbox_for(GradingRun(tuple(katas), paths.EXERCISES, protected=protected))  # one template for all
    import pytest  # noqa: F401 - warm up before the first "start": --budget is for grading, not for start-up

    from . import plugin  # noqa: F401

    try:
        warm.check()  # the template has imported torch
    except sandbox.SandboxError:
        pass  # the first submission's grading reports it
    for pair in pairs:
        name, _, where = pair.partition("=")
        report = out / "students" / f"{name}.json"
        report.unlink(missing_ok=True)  # a stale report from an earlier run must not pass for this one
        print(f"start {name}", flush=True)
        with open(out / "logs" / f"{name}.txt", "w", encoding="utf-8") as log, \
                sandbox.temporary_folder("batch") as scratch:
            console = Console(file=log, no_color=True, width=120, highlight=False)
            try:
                prepared = submission.prepare(Path(where), katas, Path(scratch), course, "en")
                for note in prepared.notes:
                    console.print(f"submission: {note}")
                run = GradingRun(tuple(katas), Path(scratch), protected=protected,
                                 on_result=KataPrinter(console, chapters, "en"))
                report_json.write(report, katas, grade(run, warm), Path(where), notes=prepared.notes, student=name,
                                  graded=Path(scratch), partial=partial, judged_by=judged_by)
            except GradeError as e:
                console.print(f"grade: error: {e}")
                _write_error(job, name, Path(where), f"the grader exited with code 2: error: {e}", 2)
        print(f"done {name}", flush=True)
    return 0


def merge(dirs: list[Path], out: Path, excel: bool = False, roster: Path | None = None) -> int:
    """`grade merge`: join the outputs of sharded `grade batch` runs into one gradebook. The
    shards must be of one run (the same katas and course, see OUT/run.json) and cover every
    shard once; a report the shard's run did not write (a stale one) stops the merge."""
    runs = _check_shards(dirs)
    found: dict[str, Path] = {}
    for folder, run in zip(dirs, runs, strict=True):
        listed = set(run.get("students") or [])
        for report in sorted((folder / "students").glob("*.json")):
            if report.stem not in listed:
                raise GradeError(f"{report} was not graded by the run that made {folder} (a stale report from an "
                                 "earlier run?): remove it, or regrade that shard into a new folder")
            if report.stem in found:
                raise GradeError(f"student {report.stem!r} is in two shards: {found[report.stem]} and {report}; "
                                 "merge each student once")
            found[report.stem] = report
        missing = sorted(listed - {p.stem for p in (folder / "students").glob("*.json")})
        if missing:
            raise GradeError(f"{folder} has no report for {', '.join(missing[:5])}: that shard did not finish")
    stale = sorted({p.stem for p in (out / "students").glob("*.json")} - set(found))
    if stale and out.resolve() not in {d.resolve() for d in dirs}:
        raise GradeError(f"{out} already holds grades of students not in these shards ({', '.join(stale[:5])}): "
                         "merge into a new --out")
    for name, report in found.items():
        for source, target in ((report, out / "students" / report.name),
                               (report.parent.parent / "logs" / f"{name}.txt", out / "logs" / f"{name}.txt")):
            if source.is_file() and not (target.exists() and target.samefile(source)):
                write_atomic(target, source.read_text(encoding="utf-8", errors="replace"))
    merged = {k: v for k, v in runs[0].items() if k not in ("shard", "students")}
    write_atomic(out / "run.json", json.dumps({**merged, "shard": None, "students": sorted(found)}, indent=2,
                                              ensure_ascii=False))
    gradebook = _write_gradebook(out, sorted(found), excel, roster)
    print(f"grade merge: {len(found)} students from {len(dirs)} folders; gradebook: {gradebook}", file=sys.stderr)
    _job_summary(out, sorted(found))
    return 0


def _check_shards(dirs: list[Path]) -> list[dict[str, Any]]:
    """Each folder's run record; GradeError unless they are shards of one run, each once."""
    runs = []
    for folder in dirs:
        if not (folder / "students").is_dir():
            raise GradeError(f"{folder} has no students/ folder; is it the --out of `grade batch`?")
        run = _read_run(folder)
        if run is None:
            raise GradeError(f"{folder} has no run.json: it was not written by this version of `grade batch`; "
                             "regrade it")
        runs.append(run)
    for folder, run in zip(dirs[1:], runs[1:], strict=True):
        if not _same_course(runs[0], run):
            what = "katas" if run.get("targets") != runs[0].get("targets") else "course (tests, solutions or grader)"
            raise GradeError(f"{dirs[0]} and {folder} were graded with different {what}: their grades cannot share "
                             "a gradebook")
    shards = [tuple(r["shard"]) if r.get("shard") else None for r in runs]
    if any(shards) or len(dirs) > 1:
        if not all(shards):
            raise GradeError("merge joins shards (`grade batch --shard K/N`); a folder without a shard covers the "
                             "whole class already")
        counts = {s[1] for s in shards if s}
        if len(counts) > 1:
            raise GradeError(f"the shards come from splits into different numbers of shards: {sorted(counts)}")
        total = counts.pop()
        seen = [s[0] for s in shards if s]
        twice = sorted({k for k in seen if seen.count(k) > 1})
        if twice:
            raise GradeError(f"shard {twice[0]}/{total} is given twice")
        absent = sorted(set(range(1, total + 1)) - set(seen))
        if absent:
            raise GradeError(f"shard{'s' if len(absent) > 1 else ''} {', '.join(f'{k}/{total}' for k in absent)} "
                             "missing: give every shard's folder")
    return runs
