"""GitHub Actions workflow commands: one annotation per finding, escaped, then a summary.

Under GITHUB_ACTIONS=true every line sms20k writes, to stdout or stderr, is one of its own
well-formed annotations or cannot be read as a workflow command; the escaping equals
@actions/core's (checked against the real package, installed with npm).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Finding, Location
from sms20k.formats import get_renderer
from sms20k.formats.annotations import Annotation
from sms20k.formats.github import command
from sms20k.formats.interface import RenderOptions
from sms20k.formats.paths import CiPaths
from sms20k.safetext import WELL_FORMED, core_escape_data, core_escape_property, defang, visible

from ..cli.test_output_escaping import TERMINAL, baseline, broken_repo, payload_repo
from ..conftest import Invoke
from .conftest import SMALL, load_small


def render(view: Report | ValidationView) -> list[str]:
    return get_renderer("github").render(view).splitlines()


def one(**changes: Any) -> ValidationView:
    row = {"path": "evidence/x.yaml", "line": 3, "col": 7, "level": "error",
           "code": "LOCK_MISMATCH", "message": "changed", "hint": None, "field": None,
           "item": None, "service": None}
    return ValidationView(repository="sms20k.yaml", as_of="2026-11-15", evidence_files=1,
                          entries=1, errors=1, warnings=0, findings=[Finding(**(row | changes))])


def test_golden(views: tuple[Report, ValidationView], golden: Callable[[str, str], None]) -> None:
    golden("github.txt", get_renderer("github").render(views[0]))


def test_writes_no_file() -> None:
    assert get_renderer("github").filename == ""


def test_report_annotations(views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    lines = render(report)
    flagged = sum(r.finding_class is not None for r in report.results)
    assert len(lines) == len(report.findings) + flagged + len(report.validation) + 1
    assert ("::error file=evidence/x02.yaml,line=22,col=5,title=X02.02 (app) Tested restore"
            "::Major nonconformity: planned, not yet implemented") in lines
    assert ("::warning file=evidence/x01.yaml,line=28,col=5,title=X01.03 Export format register"
            "::Minor nonconformity: claimed implemented but no evidence") in lines
    # Not assessed: never an annotation.
    assert not [line for line in lines if "X03.03 Complaint handling" in line]
    # A finding keeps its hint in a report as in validate.
    assert "::error file=sms20k.yaml,line=36,col=14,title=WAIVER_EXPIRED::" \
           "waiver for X01.02 expired 2026-10-01 (renew the waiver or close the gap)" in lines
    # A repository problem says so in its title.
    assert any(line.startswith("::warning file=sms20k.yaml,line=30,col=3,"
                               "title=MISSING_ENTRY (repository problem)::X03: ")
               for line in lines)


def test_audit_findings_come_first_at_their_first_item(
        views: tuple[Report, ValidationView]) -> None:
    lines = render(views[0])
    assert lines[0].startswith(
        "::error file=evidence/x02.yaml,line=22,col=5,title=F-8.7.1 Major nonconformity%3A "
        "8.7.1 Service availability management::ISO/IEC 20000-1:2018 8.7.1 Service "
        "availability management is not fully met for app, infra.")
    survey = next(line for line in lines if "title=F-8.3.2 " in line)
    assert survey.startswith("::warning file=evidence/x03.yaml,line=5,col=5,")
    assert survey.endswith("Waived: every item, exempt from the CI gates only.")


def test_a_waived_result_keeps_its_level(views: tuple[Report, ValidationView]) -> None:
    assert ("::warning file=evidence/x03.yaml,line=5,col=5,title=X03.02 Satisfaction survey"
            "::Minor nonconformity: not implemented; waived until 2027-06-30 by Chief "
            "Executive Officer") in render(views[0])


def test_summary_line_is_last_and_no_command(views: tuple[Report, ValidationView]) -> None:
    report, validation = views
    assert render(report)[-1] == (
        "sms20k assess: score 45.8 (9 of 10 item results assessed); audit findings: 1 major, "
        "3 minor, 0 observations, 0 OFI; 1 waived; repository: 0 errors, 1 warning "
        "(as of 2026-11-15)")
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
    # Line breaks are made visible first, so the message stays one line in the log too.
    assert render(view)[0] == ("::error file=docs/a%3Ab%2Cc%25.yaml,line=3,col=7,"
                               "title=LOCK_MISMATCH (repository problem)::100%25 sure"
                               "\\r\\nsecond line: a, b")


def test_injected_commands_stay_inside_their_line() -> None:
    lines = render(one(message="x\n::add-mask::secret", path="e.yaml\n::stop-commands::t"))
    assert len(lines) == 2
    assert lines[0].endswith("::x\\n::add-mask::secret")


@pytest.mark.parametrize(("level", "command"),
                         [("error", "::error "), ("warning", "::warning ")])
def test_levels(level: str, command: str) -> None:
    assert render(one(level=level))[0].startswith(command)


def test_unknown_position_is_omitted() -> None:
    assert render(one(line=None, col=None))[0] == \
        "::error file=evidence/x.yaml,title=LOCK_MISMATCH (repository problem)::changed"
    assert render(one(col=None))[0].startswith("::error file=evidence/x.yaml,line=3,title=")


def test_deterministic(views: tuple[Report, ValidationView]) -> None:
    renderer = get_renderer("github")
    assert renderer.render(views[0]) == renderer.render(load_small()[0])


# Text that forges a command after a line break (any kind), with leading whitespace, or in
# the legacy form that the runner finds anywhere in a line.
INJECTIONS = {
    "newline-error": "\n::error::x",
    "cr-add-mask": "\r::add-mask::s",
    "line-separator-stop-commands": "\u2028::stop-commands::t",
    "paragraph-separator": "\u2029::error::p",
    "nel-warning": "\x85::warning::",
    "indented-error": "\n  ::error::",
    "tab-notice": "\n\t::notice::n",
    "ideographic-space": "\n\u3000::error::i",
    "vertical-tab": "\v::error::v",
    "legacy-error": "##[error]x",
    "legacy-add-mask": " ##[add-mask]secret",
    # No line break at all: the terminal summary wraps long names at its width.
    "wrapped-at-the-width": " " + "w" * 90 + " ::error::wrapped",
}
PAYLOADS = {**INJECTIONS, **{k: raw for k, (raw, _) in TERMINAL.items()}}
COMMAND_START = re.compile(r"\s*::")


def assert_no_forged_command(stream: str, output: str) -> int:
    """Every line is a well-formed annotation of ours or starts no command; returns how many
    annotations there are. Lines are split at every boundary Python knows."""
    own = 0
    for line in output.splitlines():
        if WELL_FORMED.fullmatch(line):
            own += 1
        else:
            assert not COMMAND_START.match(line), f"{stream}: forged command {line!r}\n{output}"
    assert "##[" not in output, f"{stream}: legacy command form in\n{output}"
    return own


def x01_title(catalog: dict[str, Any]) -> str:
    title: str = next(s["title"] for s in catalog["scenarios"] if s["id"] == "X01")
    return title


@pytest.fixture
def on_actions(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    return invoke


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_no_forged_commands_under_github_actions(payload: str, tmp_path: Path,
                                                 invoke: Invoke, on_actions: Invoke) -> None:
    repo = payload_repo(tmp_path, payload)
    old = baseline(tmp_path, invoke, payload)
    runs = [
        # The payload repository has repository problems at error level (exit 1 without
        # --allow-invalid).
        (["assess", repo, "-o", tmp_path / "out", "--baseline", old, "-f", "json",
          "--allow-invalid"], 0, True),
        (["assess", repo, "-o", tmp_path / "out2", "--fail-on", "minor"], 1, True),
        (["validate", repo], 1, True),
        (["validate", repo, "-f", "text"], 1, False),
        # A repository that cannot be loaded still gets its annotations (issue 15).
        (["validate", broken_repo(tmp_path / "broken", payload)], 2, True),
        (["assess", broken_repo(tmp_path / "broken2", payload), "-o", tmp_path / "o3"], 2, True),
        (["diff", old, tmp_path / "out" / "report.json"], 0, False),
        (["show", "X01", "--checklists", repo / "checklists"], 0, False),
        (["show", "X01.77" + payload], 2, False),
        (["validate", repo, "-f", "json"], 1, False),
        (["show", "X01", "-f", "json", "--checklists", repo / "checklists"], 0, False),
    ]
    for args, code, annotates in runs:
        result = on_actions(args, code=code)
        own = assert_no_forged_command("stdout", result.stdout)
        assert_no_forged_command("stderr", result.stderr)
        assert (own > 0) == annotates, f"{own} annotations for {args}:\n{result.stdout}"
        if args[0] != "assess" and "json" in args:
            json.loads(result.stdout)


def test_machine_formats_stay_valid_under_the_guard(tmp_path: Path, on_actions: Invoke) -> None:
    """What the guard changes in JSON decodes to the same text; in YAML it shows visibly."""
    payload = "".join(v for k, v in INJECTIONS.items() if not k.startswith("wrapped"))
    checklists = payload_repo(tmp_path, payload) / "checklists"
    out = on_actions(["catalog", "-f", "json", "--checklists", checklists]).stdout
    assert_no_forged_command("stdout", out)
    assert x01_title(json.loads(out)) == "Export" + payload
    out = on_actions(["catalog", "-f", "yaml", "--checklists", checklists]).stdout
    assert_no_forged_command("stdout", out)
    title = x01_title(yaml.safe_load(out))
    assert title.replace("\\u003a", ":").replace("\\u0023", "#") == "Export" + payload


@pytest.mark.parametrize("payload", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_the_writer_guards_whatever_it_is_given(payload: str, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from sms20k.cli.output import write, write_err

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write(f"Acme{payload}\n{payload}")
    write_err(f"::error::x{payload}\n")
    out, err = capsys.readouterr()
    assert assert_no_forged_command("stdout", out) == 0
    assert assert_no_forged_command("stderr", err) == 0
    monkeypatch.delenv("GITHUB_ACTIONS")
    write(payload)
    assert capsys.readouterr().out == payload, "outside GitHub Actions, text is left alone"


def test_annotations_pass_the_guard_unchanged(tmp_path: Path, on_actions: Invoke,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    report, _ = load_small()
    monkeypatch.chdir(SMALL)
    # Paths relative to the root of the git work tree the fixture lies in, as the CLI writes.
    paths = RenderOptions(ci_paths=CiPaths.for_repository(Path(".")))
    expected = get_renderer("github").render(report, paths).splitlines()[:-1]
    assert expected[0].startswith("::error file=tests/data/assess/small/evidence/"), expected
    lines = on_actions(["assess", ".", "-o", tmp_path / "out"]).stdout.splitlines()
    assert [line for line in lines if line.startswith("::")] == expected
    assert len(expected) == 14


STRINGS = ["plain", "100%", "%25 already escaped", "a\rb", "a\nb", "a\r\nb", "a:b,c", "::", "%0A",
           "ÄÖÜ 日本 👩\u200d💻", "tab\there", " lead and trail ", "a,b:c%d\r\ne::f", "",
           *PAYLOADS.values()]
NODE = """
import { readFileSync } from "node:fs";
const { issueCommand } = await import(process.argv[1]);
const write = process.stdout.write.bind(process.stdout);
const out = [];
for (const [name, props, message] of JSON.parse(readFileSync(0, "utf8"))) {
  let got = "";
  process.stdout.write = (chunk) => { got += chunk; return true; };
  try { issueCommand(name, Object.fromEntries(props), message); }
  finally { process.stdout.write = write; }
  out.push(got.replace(/\\r?\\n$/, ""));
}
write(JSON.stringify(out));
"""


@pytest.fixture(scope="session")
def actions_core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lib/command.js of @actions/core; SMS20K_ACTIONS_CORE names an npm prefix that has it,
    else it is installed into a temporary one. Missing node or npm fails the tests."""
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are needed to compare with @actions/core"
    prefix = os.environ.get("SMS20K_ACTIONS_CORE") or str(tmp_path_factory.mktemp("npm"))
    module = Path(prefix) / "node_modules" / "@actions" / "core" / "lib" / "command.js"
    if not module.is_file():
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", prefix,
                        "@actions/core"], check=True, capture_output=True, timeout=600)
    assert module.is_file(), f"npm installed no {module}"
    return module


def issue_commands(module: Path, calls: list[tuple[str, list[tuple[str, str]], str]]) -> list[str]:
    """What @actions/core's issueCommand prints for each (command, properties, message)."""
    done = subprocess.run(["node", "--input-type=module", "-e", NODE, module.as_uri()],
                          input=json.dumps(calls), capture_output=True, text=True, check=True,
                          timeout=120)
    out: list[str] = json.loads(done.stdout)
    return out


def test_escaping_equals_actions_core(actions_core: Path) -> None:
    got = issue_commands(actions_core, [("error", [("file", s)], s) for s in STRINGS])
    ours = [f"::error {f'file={core_escape_property(s)}' if s else ''}::{core_escape_data(s)}"
            for s in STRINGS]
    assert ours == got


def test_annotations_equal_actions_core_on_the_visible_text(actions_core: Path) -> None:
    """Our annotation is @actions/core's command for the text made visible and defanged."""
    annotations = [Annotation(rule="R", level=level, title=f"T{s}", message=f"M{s}",
                              location=Location(path=f"p{s}.yaml", line=line, col=col),
                              item=None, service=None)
                   for s in STRINGS for level, line, col in (("error", 3, 7),
                                                            ("note", None, None))]

    def safe(text: str) -> str:
        return defang(visible(text))

    calls = [("error" if a.level == "error" else "notice",
              [("file", safe(a.location.path)),
               *([("line", "3"), ("col", "7")] if a.location.line else []),
               ("title", safe(a.title))], safe(a.message)) for a in annotations]
    assert [command(a) for a in annotations] == issue_commands(actions_core, calls)
    assert all(WELL_FORMED.fullmatch(command(a)) for a in annotations)
