"""GitHub Actions workflow commands: one annotation per finding, escaped, then a summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sms20k.assessment.model import Report
from sms20k.formats import get_renderer
from sms20k.views import FindingRow, ValidationView

from .conftest import load_small


def render(view: Report | ValidationView) -> list[str]:
    return get_renderer("github").render(view).splitlines()


def one(**changes: Any) -> ValidationView:
    row = {"path": "evidence/x.yaml", "line": 3, "col": 7, "level": "error",
           "code": "LOCK_MISMATCH", "message": "changed", "hint": None, "field": None,
           "item": None, "service": None}
    return ValidationView(repository="sms20k.yaml", as_of="2026-11-15", evidence_files=1,
                          entries=1, errors=1, warnings=0, findings=[FindingRow(**(row | changes))])


def test_golden(views: tuple[Report, ValidationView], golden: Callable[[str, str], None]) -> None:
    golden("github.txt", get_renderer("github").render(views[0]))


def test_writes_no_file() -> None:
    assert get_renderer("github").filename == ""


def test_report_annotations(views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    lines = render(report)
    flagged = sum(r.finding_class is not None for r in report.results)
    assert len(lines) == flagged + len(report.validation) + 1
    assert ("::error file=evidence/x02.yaml,line=22,col=5,title=X02.02 (app) Tested restore"
            "::Major nonconformity: planned, not yet implemented") in lines
    assert ("::warning file=evidence/x01.yaml,line=28,col=5,title=X01.03 Export format register"
            "::Minor nonconformity: claimed implemented but no evidence") in lines
    # Not assessed: no entry to point at, so the manifest line that reported it missing.
    assert ("::notice file=sms20k.yaml,line=30,col=3,title=X03.03 Complaint handling"
            "::Observation: no evidence entry") in lines
    assert "::error file=sms20k.yaml,line=36,col=14,title=WAIVER_EXPIRED::" \
           "waiver for X01.02 expired 2026-10-01" in lines


def test_summary_line_is_last_and_no_command(views: tuple[Report, ValidationView]) -> None:
    report, validation = views
    assert render(report)[-1] == ("sms20k assess: score 42.3; 2 major, 3 minor, 1 observation, "
                                  "0 OFI; validation: 2 errors, 2 warnings (as of 2026-11-15)")
    assert render(validation)[-1] == ("sms20k validate: 2 errors, 2 warnings in sms20k.yaml "
                                      "(3 evidence files, 9 entries, as of 2026-11-15)")
    assert all(line.startswith("::") for line in render(validation)[:-1])


def test_validation_findings_keep_their_hint(views: tuple[Report, ValidationView]) -> None:
    lines = render(views[1])
    assert len(lines) == len(views[1].findings) + 1
    assert lines[0] == ("::error file=evidence/x01.yaml,line=29,col=13,title=NO_EVIDENCE::"
                        "X01.03 is claimed implemented but lists no evidence "
                        "(add evidence references or change the status)")


def test_escaping() -> None:
    view = one(path="docs/a:b,c%.yaml", message="100% sure\r\nsecond line: a, b",
               code="LOCK_MISMATCH")
    assert render(view)[0] == ("::error file=docs/a%3Ab%2Cc%25.yaml,line=3,col=7,"
                               "title=LOCK_MISMATCH::100%25 sure%0D%0Asecond line: a, b")


def test_injected_commands_stay_inside_their_line() -> None:
    lines = render(one(message="x\n::add-mask::secret", path="e.yaml\n::stop-commands::t"))
    assert len(lines) == 2
    assert lines[0].endswith("::x%0A::add-mask::secret")


@pytest.mark.parametrize(("level", "command"),
                         [("error", "::error "), ("warning", "::warning "), ("info", "::notice ")])
def test_levels(level: str, command: str) -> None:
    assert render(one(level=level))[0].startswith(command)


def test_unknown_position_is_omitted() -> None:
    assert render(one(line=None, col=None))[0] == \
        "::error file=evidence/x.yaml,title=LOCK_MISMATCH::changed"
    assert render(one(col=None))[0].startswith("::error file=evidence/x.yaml,line=3,title=")


def test_deterministic(views: tuple[Report, ValidationView]) -> None:
    renderer = get_renderer("github")
    assert renderer.render(views[0]) == renderer.render(load_small()[0])
