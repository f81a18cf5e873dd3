from __future__ import annotations

import pytest

from sms20k.checklists import browse

from ..conftest import Invoke


def _boom(*_: object) -> object:
    raise ZeroDivisionError("synthetic failure")


def test_unexpected_errors_are_reported_as_bugs(invoke: Invoke,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browse, "scenario_list", _boom)
    result = invoke(["scenarios"], code=3)
    assert "internal error: ZeroDivisionError: synthetic failure" in result.stderr
    assert "This is a bug in sms20k" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_debug_shows_the_traceback(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browse, "scenario_list", _boom)
    result = invoke(["--debug", "scenarios"], code=1)
    assert isinstance(result.exception, ZeroDivisionError)


@pytest.mark.parametrize("github", [False, True])
def test_a_bug_report_shows_quoted_input_escaped(invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
                                                 github: bool) -> None:
    def boom(*_: object) -> object:
        raise ValueError("x\n::error::forged\x1b]0;title\x07\u202e")

    monkeypatch.setattr(browse, "scenario_list", boom)
    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke(["scenarios"], code=3)
    assert "internal error: ValueError: x" in result.stderr, result.stderr
    assert "\\n::error::forged\\x1b]0;title\\x07\\u202e" in result.stderr, result.stderr
    assert not any(line.lstrip().startswith("::") for line in result.stderr.splitlines())


class PanicException(BaseException):  # the name pyo3 gives a Rust panic
    pass


@pytest.mark.parametrize("error", [MemoryError(), PanicException("PyObject pointer is null")])
def test_running_out_of_memory_is_an_input_error(invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
                                                 error: BaseException) -> None:
    def boom(*_: object) -> object:
        raise error

    monkeypatch.setattr(browse, "scenario_list", boom)
    result = invoke(["scenarios"], code=2)
    assert "sms20k: error: out of memory" in result.stderr, result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert "internal error" not in result.stderr
