"""Every example repository under tests/data/evidence, checked against its expected.txt.

expected.txt holds ``exit N`` and then every line sms20k prints (stdout, then stderr).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import DATA, Invoke

CASES = sorted(p for kind in ("valid", "invalid") for p in (DATA / "evidence" / kind).iterdir())
AS_OF = "2026-11-29"
CODE = re.compile(r"\] ([A-Z_]+) ")


def _expected(case: Path) -> tuple[int, list[str]]:
    first, *lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return int(first.removeprefix("exit ")), lines


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = _expected(case)
    monkeypatch.chdir(case)
    result = invoke(["validate", "--as-of", AS_OF], code=code)
    assert (result.stdout + result.stderr).splitlines() == lines
    assert "Traceback" not in result.output
    if case.parent.name == "valid":
        assert code == 0
    else:
        assert code in (1, 2)
        assert any(re.match(r"^[^:]+(:\d+:\d+)?: \[error\] ", line) for line in lines)


def test_cases_cover_every_finding_code() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", (DATA.parents[1] / "docs" /
                                                       "evidence-format.md").read_text(),
                                flags=re.M))
    seen = {m for case in CASES for line in _expected(case)[1] for m in CODE.findall(line)}
    # What git cannot store (FIFOs, modes) and big generated manifests are built by the
    # hostile corpus, tests/hostile/corpus/*/case.yaml, which must then have a case for them.
    runtime_only = {"REF_NOT_FILE", "REF_UNREADABLE", "INCLUDE_TOO_MANY", "SCOPE_TOO_LARGE"}
    assert documented, "docs/evidence-format.md lists no finding codes"
    assert documented - runtime_only <= seen, f"no case for {sorted(documented - seen)}"
    assert seen <= documented, f"undocumented codes {sorted(seen - documented)}"
    corpus = DATA.parent / "hostile" / "corpus"
    built = {m for case in corpus.glob("*/case.yaml")
             for m in re.findall(r"^message: ([A-Z_]+) ", case.read_text(), flags=re.M)}
    assert runtime_only <= built, f"no hostile case for {sorted(runtime_only - built)}"
