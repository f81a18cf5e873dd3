from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sms20k.assessment.auditplan import build_plan
from sms20k.checklists.loader import load_catalog

from ..conftest import DATA, Invoke

SMALL = DATA / "assess" / "small"


def test_generic_plan_covers_every_leaf_clause(invoke: Invoke) -> None:
    data = json.loads(invoke(["audit-plan", "-f", "json"]).stdout)
    assert data["kind"] == "audit-plan" and data["repository"] is None
    assert len(data["clauses"]) == 39
    assert all(clause["items"] for clause in data["clauses"])
    first = data["clauses"][0]
    assert first["id"] == "4.1.1"
    request = first["items"][0]["evidence"][0]
    assert request["provided"] == [] and request["missing"] is False


def test_plan_for_2018_is_ordered_by_2018_clauses(invoke: Invoke) -> None:
    data = json.loads(invoke(["audit-plan", "-f", "json", "--edition", "2018"]).stdout)
    assert [c["id"] for c in data["clauses"]][:3] == ["4.1", "4.2", "4.3"]


def test_plan_with_a_repository_shows_provided_and_missing(invoke: Invoke) -> None:
    data = json.loads(invoke(["audit-plan", SMALL, "-f", "json"]).stdout)
    clauses = {c["id"]: c for c in data["clauses"]}
    x0101 = next(i for i in clauses["9.2"]["items"] if i["id"] == "X01.01")
    assert x0101["status"] == ["implemented"]
    procedure = x0101["evidence"][0]
    # References without a kind count towards every kind the item expects.
    assert [p["target"] for p in procedure["provided"]] == [
        "docs/export-procedure.md", "https://wiki.example.com/exports?a=1&b=2", "JIRA:OPS-1234"]
    assert procedure["missing"] is False
    x0202 = next(i for i in clauses["6.3.2"]["items"] if i["id"] == "X02.02")
    assert x0202["status"] == ["app: planned", "infra: not-implemented"]
    assert x0202["evidence"][0]["missing"] is True
    assert all(i["id"] != "X04.01" for c in data["clauses"] for i in c["items"]), "excluded"


def test_sampling_notes_for_records() -> None:
    plan = build_plan(load_catalog([SMALL / "checklists"], builtin=False), "2011")
    x0102 = next(i for c in plan.clauses for i in c.items if i.id == "X01.02")
    assert x0102.evidence[0].sampling == "Sample 3 records dated within the last 3 months."


def test_plan_csv_to_a_file(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    assert invoke(["audit-plan", SMALL, "-f", "csv", "-o", target]).stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert {"clause", "item", "evidence", "provided", "missing", "questions"} <= rows[0].keys()
    assert any(r["item"] == "X02.02" and r["missing"] == "yes" for r in rows)
    result = invoke(["audit-plan", "-f", "csv", "-o", tmp_path], code=2)
    assert "is a directory" in result.stderr


def test_plan_markdown(invoke: Invoke) -> None:
    generic = invoke(["audit-plan"]).stdout
    assert generic.startswith("# Audit plan: ISO/IEC 20000-1:2011, any cloud service provider")
    assert "## 4.5.4.2 Internal audit" in generic and "- [ ] " in generic
    assert "| Provided | Missing |" not in generic
    specific = invoke(["audit-plan", SMALL]).stdout
    assert "Stratus \\<b\\>Cloud\\</b\\>" in specific
    assert "| Request | Max. age | Sampling | Provided | Missing |" in specific
    assert "**missing**" in specific


def test_plan_html(invoke: Invoke) -> None:
    import html5lib

    page = invoke(["audit-plan", SMALL, "-f", "html"]).stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Content-Security-Policy" in page and "<script" not in page
    assert "Stratus &lt;b&gt;Cloud&lt;/b&gt; &amp; Co" in page
    assert 'id="clause-6.3.2"' in page and "<strong>missing</strong>" in page
