"""End to end: a real `grade` run tells every outcome apart, and one bad kata never stops
the others from being graded."""


def kata(report, kid):
    return report["by_id"][kid]


def test_a_correct_kata_passes(demo_report):
    assert kata(demo_report, "ex01_passes")["status"] == "passed"


def test_a_wrong_value_fails_with_expected_and_got(demo_report):
    k = kata(demo_report, "ex02_wrong_value")
    assert k["status"] == "failing"
    assert "add(2, 3) must be 5 (got -1)" in k["message"]


def test_an_untouched_stub_is_not_started(demo_report):
    assert kata(demo_report, "ex03_not_started")["status"] == "not started"


def test_an_exception_fails_with_the_learners_traceback(demo_report):
    k = kata(demo_report, "ex04_raises")
    assert k["status"] == "failing"
    assert "raised IndexError" in k["message"]
    assert 'File "ex04_raises.py", line 5, in add' in k["message"]


def test_an_infinite_loop_times_out_once_then_fails_fast(demo_report):
    k = kata(demo_report, "ex05_infinite_loop")
    assert k["status"] == "failing"
    assert "did not return within 2 s" in k["message"]
    assert "timed out" in k["tests"][1]["message"]
    assert k["duration"] < 10


def test_os_exit_fails_that_kata_only(demo_report):
    k = kata(demo_report, "ex06_os_exit")
    assert k["status"] == "failing"
    assert "exited with code 3" in k["message"]


def test_a_segfault_fails_that_kata_only(demo_report):
    k = kata(demo_report, "ex07_segfault")
    assert k["status"] == "failing"
    assert "SIGSEGV" in k["message"]


def test_an_object_whose_eq_is_always_true_fails(demo_report):
    k = kata(demo_report, "ex08_eq_always_true")
    assert k["status"] == "failing"
    assert "must be a number (got Liar" in k["message"]


def test_a_syntax_error_names_file_and_line(demo_report):
    k = kata(demo_report, "ex09_syntax_error")
    assert k["status"] == "failing"
    assert "SyntaxError: ex09_syntax_error.py:5" in k["message"]


def test_learner_prints_are_shown_with_their_kata(demo_report):
    k = kata(demo_report, "ex10_prints_and_fails")
    assert k["status"] == "failing"
    assert "debugging 2 3" in k["output"]
    assert "debugging 2 3" in demo_report["stdout"]


def test_sys_exit_in_a_kata_is_an_error_not_a_pass(demo_report):
    k = kata(demo_report, "ex11_sys_exit")
    assert k["status"] == "failing"
    assert "SystemExit" in k["message"]


def test_katas_after_crashes_and_timeouts_still_grade(demo_report):
    assert kata(demo_report, "ex12_passes_after_crashes")["status"] == "passed"


def test_points_count_passed_katas_only(demo_report):
    assert demo_report["summary"]["points"] == 2
    assert demo_report["summary"]["max_points"] == 12
    assert demo_report["schema"] == "torchkata.report/1"
