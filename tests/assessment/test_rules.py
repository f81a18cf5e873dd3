"""``rules:`` and ``policy:`` numbers: finite and in range at validation, never NaN in a report."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from sms20k.assessment.model import ItemResult
from sms20k.assessment.scoring import weighted_score
from sms20k.evidence.rules import MAX_WEIGHT
from sms20k.formats import get_renderer
from sms20k.formats.interface import RenderOptions
from sms20k.formats.summary import summary_text

from ..conftest import DATA, Invoke
from .conftest import MakeReport

BASIC = DATA / "evidence" / "valid" / "basic"
BAD = [".inf", "-.inf", ".nan", ".NaN", "-.Inf", "0", "-0.0", "-1", "1000.0000001", "1001",
       "1.0e+308", "179769313486231570000000000000000000000.0"]


@pytest.fixture
def basic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASIC, repo)
    monkeypatch.chdir(repo)
    return repo


def _append(repo: Path, text: str) -> int:
    """Append YAML to the manifest; return the line of its last line."""
    manifest = repo / "sms20k.yaml"
    manifest.write_text(manifest.read_text() + text)
    return len(manifest.read_text().splitlines())


@pytest.mark.parametrize("key", ["high", "medium", "low"])
@pytest.mark.parametrize("value", BAD)
def test_bad_weights_are_refused_at_their_line(basic: Path, invoke: Invoke, key: str,
                                               value: str) -> None:
    line = _append(basic, f"rules:\n  weights:\n    {key}: {value}\n")
    result = invoke(["validate", "--as-of", "2026-11-29"], code=2)
    assert any(out.startswith(f"sms20k.yaml:{line}:") and f"rules.weights.{key}" in out
               for out in result.output.splitlines()), result.output


@pytest.mark.parametrize("value", ["1000", "1000.0", "0.001", "5.0e-324", "1", "2.5"])
def test_weights_in_range_are_accepted(basic: Path, invoke: Invoke, value: str) -> None:
    _append(basic, f"rules:\n  weights: {{high: {value}, medium: {value}, low: {value}}}\n")
    result = invoke(["validate", "--as-of", "2026-11-29"], code=0)
    assert "0 errors" in result.output, result.output


@pytest.mark.parametrize("key", ["conformant", "partially-conformant", "nonconformant",
                                 "not-assessed"])
@pytest.mark.parametrize("value", [".inf", ".nan", "-.inf", "-0.1", "1.0000001"])
def test_bad_result_scores_are_refused(basic: Path, invoke: Invoke, key: str,
                                       value: str) -> None:
    line = _append(basic, f"rules:\n  scores:\n    {key}: {value}\n")
    result = invoke(["validate", "--as-of", "2026-11-29"], code=2)
    assert f"sms20k.yaml:{line}:" in result.output, result.output


@pytest.mark.parametrize("field", ["fail-under: {v}", "min-scenario-score: {v}",
                                   "scenarios: {{X01: {v}}}"])
@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "-1", "100.5"])
def test_bad_policy_scores_are_refused(basic: Path, invoke: Invoke, field: str,
                                       value: str) -> None:
    line = _append(basic, "policy:\n  " + field.format(v=value) + "\n")
    result = invoke(["validate", "--as-of", "2026-11-29"], code=2)
    assert f"sms20k.yaml:{line}:" in result.output, result.output


@pytest.mark.parametrize("weights", [
    {"high": MAX_WEIGHT, "medium": MAX_WEIGHT, "low": MAX_WEIGHT},
    {"high": 5e-324, "medium": 5e-324, "low": 5e-324},
    {"high": MAX_WEIGHT, "medium": 5e-324, "low": 0.001},
])
def test_extreme_weights_give_finite_scores_and_render(make_report: MakeReport,
                                                       weights: dict[str, float]) -> None:
    report = make_report([{"item": "X01.01", "status": "implemented", "owner": "O",
                           "evidence": [{"url": "https://x.example", "description": "D."}]},
                          {"item": "X01.02", "status": "partial", "owner": "O"}],
                         rules={"weights": weights})
    scores = [report.summary.score, *(s.score for s in report.scenarios),
              *(c.score for c in report.clauses_2011)]
    assert all(s is None or (math.isfinite(s) and 0 <= s <= 100) for s in scores), scores
    markdown = get_renderer("md").encode(report, RenderOptions()).decode()
    summary = summary_text(report, RenderOptions())
    for text in (markdown, summary):
        assert not re.search(r"\b(nan|-?inf(inity)?)\b", text, flags=re.I), text


def _result(weight: float, score: float | None) -> ItemResult:
    return ItemResult.model_construct(weight=weight, score=score)


@pytest.mark.parametrize("rows", [
    [(math.inf, 1.0)], [(math.nan, 1.0)], [(1.0, math.nan)], [(1.0, math.inf)],
    [(1e308, 1.0), (1e308, 1.0)], [(5e-324, 1.0), (5e-324, 0.5)], [(-1.0, 1.0), (1.0, 1.0)],
    [(1.0, 2.0)], [(0.0, 1.0)], [], [(1.0, None)],
])
def test_weighted_score_is_never_nan_nor_out_of_range(
        rows: list[tuple[float, float | None]]) -> None:
    score = weighted_score(_result(w, s) for w, s in rows)
    assert score is None or (math.isfinite(score) and 0 <= score <= 100), score


def test_weighted_score_is_unchanged_for_normal_weights() -> None:
    assert weighted_score([_result(3, 1.0), _result(1, 0.0)]) == 75.0
    assert weighted_score([_result(1, 0.5)]) == 50.0
