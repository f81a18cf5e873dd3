"""Where a scope refusal points, for a known and an unknown position (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sms20k.errors import ProblemsError
from sms20k.evidence.limits import SERVICES_VARIABLE, _refuse
from sms20k.evidence.repo import load_repository
from sms20k.yamlio import YamlDocument

from .test_limits import _write


def test_a_refusal_points_at_the_line_and_column_of_the_scope_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVICES_VARIABLE, "2")
    root = _write(tmp_path, 3, 0, 1)
    lines = (root / "sms20k.yaml").read_text().splitlines()
    with pytest.raises(ProblemsError) as caught:
        load_repository(root)
    [finding] = caught.value.findings
    assert finding.line is not None and lines[finding.line - 1] == "  services:"
    assert finding.col == 3  # the key, indented by two under scope:
    assert finding.message == "3 services in scope; sms20k assesses at most 2 in one repository"


def test_a_refusal_without_a_known_position_has_neither_line_nor_column() -> None:
    error = _refuse(YamlDocument("sms20k.yaml", None, None), "services", "too many", "split")
    [finding] = error.findings
    assert (finding.path, finding.line, finding.col) == ("sms20k.yaml", None, None)
    assert (finding.code, finding.message, finding.hint) == ("SCOPE_TOO_LARGE", "too many",
                                                            "split")
