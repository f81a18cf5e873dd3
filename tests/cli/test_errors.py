from __future__ import annotations

import pytest

from sms20k import browse

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
