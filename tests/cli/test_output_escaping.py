"""Terminal escapes in evidence, checklists, baselines and file names reach no terminal.

Every text output runs on a pipe (in-process) and on a pseudo-terminal (a subprocess, where
rich draws colour): the output may hold colour (SGR) sequences sms20k wrote itself, and no
other control, bidi or invisible character; the hostile text shows escaped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from ..conftest import DATA, Invoke

SMALL = DATA / "assess" / "small"
# Each payload and the escaped form it must show as.
TERMINAL = {
    "osc-title": ("\x1b]0;title\x07", r"\x1b]0;title\x07"),
    "clear-screen": ("\x1b[2J", r"\x1b[2J"),
    "osc8-link": ("\x1b]8;;http://x\x1b\\", "\\x1b]8;;http://x\\x1b\\"),
    "c1-csi": ("\x9b31m", r"\x9b31m"),
    "bidi-override": ("\u202e", r"\u202e"),
    "bidi-isolate": ("\u2066", r"\u2066"),
}
EVERYTHING = ("".join(raw for raw, _ in TERMINAL.values()),
              "".join(shown for _, shown in TERMINAL.values()))
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def payload_repo(root: Path, payload: str) -> Path:
    """The small fixture with ``payload`` in names, titles, notes, ids, paths and a file name."""
    repo = root / "repo"
    shutil.copytree(SMALL, repo)
    manifest = repo / "sms20k.yaml"
    _replace(manifest, "name: Stratus <b>Cloud</b> & Co", f"name: {_yaml('Acme' + payload)}")
    _replace(manifest, "title: Fixture gap assessment", f"title: {_yaml('Gaps' + payload)}")
    evidence = repo / "evidence" / "x01.yaml"
    _replace(evidence, 'notes: "+1 export was late; see the log."',
             f"notes: {_yaml('Late' + payload)}")
    _replace(evidence, "path: docs/export-log.csv", f"path: {_yaml('docs/log' + payload)}")
    with evidence.open("a", encoding="utf-8") as out:
        out.write(f"  - item: {_yaml('X01.09' + payload)}\n    status: planned\n")
    checklist = repo / "checklists" / "X01.yaml"
    _replace(checklist, "title: Data export", f"title: {_yaml('Export' + payload)}")
    _replace(checklist, "title: Export log", f"title: {_yaml('Log' + payload)}")
    # A file name holds no '/'; the include pattern evidence/*.yaml picks it up.
    name = repo / "evidence" / f"z{payload.replace('/', '-')}.yaml"
    name.write_text("entries:\n  - item: X03.03\n    status: implemented\n", encoding="utf-8")
    return repo


def broken_repo(root: Path, payload: str) -> Path:
    """A repository that cannot be loaded: an unknown key, so the error path (exit 2) runs."""
    repo = payload_repo(root, payload)
    _replace(repo / "evidence" / "x01.yaml", "  - item: X01.02\n",
             f"  - item: X01.02\n    {_yaml('key' + payload)}: 1\n")
    return repo


def baseline(root: Path, invoke: Invoke, payload: str) -> Path:
    """An earlier report.json, tampered with: ``payload`` in its date, titles and ids."""
    out = root / "baseline"
    invoke(["assess", SMALL, "-f", "json", "-o", out, "-q"])
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    data["meta"]["as_of"] += payload
    gone = dict(data["results"][0], item="X01.99" + payload, title="Gone" + payload,
                finding_class="major")
    data["results"].append(gone)
    for result in data["results"]:
        result["title"] += payload
    path = root / f"old{payload.replace('/', '-')}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_escaped(output: str, shown: str) -> None:
    """Only sms20k's own colour codes and line breaks, and ``shown``, the escaped payload."""
    plain = SGR.sub("", output).replace("\r\n", "\n")
    hidden = [c for c in plain if unicodedata.category(c) in HIDDEN and c not in "\n\t"]
    assert not hidden, f"hidden characters {hidden} in:\n{plain!a}"
    assert shown in plain, f"{shown!r} not shown in:\n{plain}"


Run = tuple[list[object], int, str]


def commands(tmp_path: Path, invoke: Invoke, payload: str, shown: str) -> dict[str, Run]:
    """Each text output: the arguments that make it show ``payload``, the exit code, and
    how the payload must show (ids that name nothing are quoted, as Python's repr does)."""
    repo = payload_repo(tmp_path, payload)
    old = baseline(tmp_path, invoke, payload)
    return {
        "validate": (["validate", repo], 1, shown),
        # The payload repository has repository problems at error level: exit 1, reports written.
        "assess": (["assess", repo, "-o", tmp_path / "out", "-f", "json", "--baseline", old],
                   1, shown),
        "error": (["validate", broken_repo(tmp_path / "broken", payload)], 2, shown),
        "scenarios": (["scenarios", "--checklists", repo / "checklists"], 0, shown),
        "show": (["show", "X01", "--checklists", repo / "checklists"], 0, shown),
        "show-item": (["show", "X01.02", "--checklists", repo / "checklists"], 0, shown),
        "unknown-id": (["show", "X01.77" + payload], 2, repr("X01.77" + payload)),
        "diff": (["diff", old, tmp_path / "out" / "report.json"], 0, shown),
    }


@pytest.mark.parametrize(("payload", "escaped"), TERMINAL.values(), ids=TERMINAL.keys())
def test_every_text_output_on_a_pipe(payload: str, escaped: str, tmp_path: Path,
                                     invoke: Invoke) -> None:
    for args, code, shown in commands(tmp_path, invoke, payload, escaped).values():
        result = invoke(args, code=code)
        assert_escaped(result.stdout + result.stderr, shown)


def run_on_a_terminal(args: list[object], cwd: Path) -> tuple[int, str]:
    """``sms20k ARGS`` with stdout and stderr on a pseudo-terminal, as a user runs it."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "NO_COLOR", "SOURCE_DATE_EPOCH")}
    env.update(TERM="xterm-256color", COLUMNS="200", LINES="50")
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "sms20k", *map(str, args)], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(), b"".join(chunks).decode("utf-8")


def test_every_text_output_on_a_terminal(tmp_path: Path, invoke: Invoke) -> None:
    runs = commands(tmp_path, invoke, *EVERYTHING)
    colour = False
    for name, (args, code, shown) in runs.items():
        exit_code, output = run_on_a_terminal(args, tmp_path)
        assert exit_code == code, f"{name}: exit {exit_code}\n{output}"
        assert_escaped(output, shown)
        colour = colour or bool(SGR.search(output))
    assert colour, "the terminal runs should take rich's colour path"


def test_unknown_ids_are_quoted(invoke: Invoke) -> None:
    result = invoke(["show", "S0\x1b]0;x\x07\u202e"], code=2)
    assert "'S0\\x1b]0;x\\x07\\u202e' is not a scenario" in result.stderr, result.stderr


@pytest.mark.parametrize(("payload", "escaped"), [
    TERMINAL["bidi-override"], TERMINAL["bidi-isolate"], TERMINAL["c1-csi"]])
def test_lock_lists_changed_file_names_escaped(payload: str, escaped: str, tmp_path: Path,
                                               invoke: Invoke) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SMALL, repo)
    (repo / "docs" / f"a{payload}.md").write_text("x", encoding="utf-8")
    _replace(repo / "evidence" / "x01.yaml", "path: docs/export-log.csv",
             f"path: {_yaml('docs/a' + payload + '.md')}")
    out = invoke(["lock", repo]).stdout
    assert_escaped(out, f"  new: docs/a{escaped}.md\n")
