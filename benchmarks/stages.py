"""Where ``assess`` goes beyond ``validate`` (case 5): each stage of one assess, timed in a
fresh process through the library calls the command makes, in the order it makes them.

The stages ``validate`` also runs (its imports, loading, the checks) are marked shared; the
rest is what the reports add. Each figure is the least CPU time of the runs (the stage's
own cost, least disturbed by other processes), with the wall time of that run beside it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from measure import CommandFailed

FORMATS = ("html", "md", "json", "csv")
PROBE = """\
import contextlib, gc, json, sys, time
from pathlib import Path
gc.set_threshold(50_000, 20, 20)  # as sms20k.cli.main sets it
marks = []

@contextlib.contextmanager
def stage(name, shared):
    cpu, wall = time.process_time(), time.perf_counter()
    yield
    marks.append([name, shared, time.process_time() - cpu, time.perf_counter() - wall])

repo_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
with stage("imports", True):
    from sms20k.asof import resolve_as_of
    from sms20k.evidence.checks import Checker
    from sms20k.evidence.repo_catalog import load_with_catalog
with stage("load", True):
    repo, catalog = load_with_catalog(repo_dir, ())
with stage("checks", True):
    as_of = resolve_as_of(None, default=repo.manifest.assessment.date)
    findings = Checker(repo, catalog, as_of).run(None)
with stage("imports of assess", False):
    from sms20k.assessment.engine import Engine
    from sms20k.atomic import write_all
    from sms20k.formats import describe, get_renderer
    from sms20k.formats.interface import RenderOptions
with stage("report", False):
    report = Engine(repo, catalog, findings, as_of, repo.manifest.rules).report()
files = []
for name in sys.argv[3:]:
    with stage(name, False):
        files.append((out / describe(name).filename,
                      get_renderer(name).encode(report, RenderOptions())))
with stage("write", False):
    write_all(files, parents=True)
print(json.dumps(marks))
"""


def run_once(repo: Path, env: Mapping[str, str], formats: Sequence[str] = FORMATS,
             ) -> list[list[Any]]:
    """One fresh process: ``[name, shared, cpu s, wall s]`` per stage."""
    with tempfile.TemporaryDirectory(prefix="sms20k-stages-") as out:
        done = subprocess.run([sys.executable, "-c", PROBE, str(repo), out, *formats],
                              capture_output=True, text=True, env=dict(env), timeout=600,
                              check=False)
    if done.returncode != 0:  # as for a failed command: the case has no numbers, the run goes on
        raise CommandFailed("stages of assess", done.returncode, done.stderr)
    marks: list[list[Any]] = json.loads(done.stdout.splitlines()[-1])
    return marks


def least(runs: Sequence[list[list[Any]]]) -> list[dict[str, Any]]:
    """Per stage, the run with the least CPU time."""
    stages = []
    for n, (name, shared, _, _) in enumerate(runs[0]):
        cpu, wall = min((run[n][2], run[n][3]) for run in runs)
        stages.append({"stage": name, "shared": shared, "cpu_s": round(cpu, 3),
                       "wall_s": round(wall, 3)})
    return stages


def summary(command: str, runs: Sequence[list[list[Any]]]) -> dict[str, Any]:
    stages = least(runs)
    return {
        "command": command, "runs": len(runs), "stages": stages,
        "shared_cpu_s": round(sum(s["cpu_s"] for s in stages if s["shared"]), 3),
        "beyond_cpu_s": round(sum(s["cpu_s"] for s in stages if not s["shared"]), 3),
    }


def profile(command: str, repo: Path, env: Mapping[str, str], runs: int,
            formats: Sequence[str] = FORMATS) -> dict[str, Any]:
    return summary(command, [run_once(repo, env, formats) for _ in range(max(1, runs))])


def text(data: Mapping[str, Any]) -> list[str]:
    def shown(stages: list[dict[str, Any]]) -> str:
        return ", ".join(f"{s['stage']} {s['cpu_s']:.3f}" for s in stages)

    stages = data["stages"]
    shared = [s for s in stages if s["shared"]]
    beyond = [s for s in stages if not s["shared"]]
    ratio = (f" ({data['beyond_cpu_s'] / data['shared_cpu_s']:.2f}x the shared part)"
             if data["shared_cpu_s"] else "")
    return [f"Stages of `{data['command']}` (CPU s, least of {data['runs']} fresh "
            f"processes, through the library):",
            f"  shared with validate {data['shared_cpu_s']:.3f}: {shown(shared)}",
            f"  beyond validate {data['beyond_cpu_s']:.3f}{ratio}: {shown(beyond)}"]
