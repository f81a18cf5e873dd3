"""What every case shares: the settings of a run, its environment, and the Bench that
measures commands, remembers their legend and watches the rest of the machine."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import sys
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from measure import Arm, Samples, cpu_seconds, measure
from repos import ROOT, RepoCache, RepoSpec

EXAMPLE = ROOT / "examples" / "nimbus-cloud"

AS_OF = dt.datetime(2026, 11, 15, tzinfo=dt.timezone.utc)
"""The as-of date of generate.py, pinned through SOURCE_DATE_EPOCH so results do not age."""


@dataclass(frozen=True)
class Settings:
    runs: int
    startup_runs: int
    sizes: tuple[int, ...]
    hash_items: int
    pdf_runs: int
    quick: bool


def settings(quick: bool, runs: int | None) -> Settings:
    if quick:
        return Settings(runs=runs or 3, startup_runs=max(runs or 0, 5), sizes=(1_000, 10_000),
                        hash_items=100, pdf_runs=runs or 1, quick=True)
    return Settings(runs=runs or 5, startup_runs=max(runs or 0, 15),
                    sizes=(1_000, 10_000, 100_000), hash_items=1_000, pdf_runs=runs or 3,
                    quick=False)


def bench_env() -> dict[str, str]:
    """The one environment of every subprocess: ours, with the as-of date pinned."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(int(AS_OF.timestamp()))
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "PYTHONPROFILEIMPORTTIME", "PYTHONTRACEMALLOC"):
        env.pop(name, None)
    # The scaling case (100k entries over 569 services) and the services growth case lie
    # above the default scope limits on purpose: they measure cost per entry or per
    # service, so the run raises them as a CI job may.
    env["SMS20K_MAX_SERVICES"] = "1000"
    env["SMS20K_MAX_RESULTS"] = "200000"
    return env


def tool(name: str) -> str | None:
    """A console script of the interpreter running us, else one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def size_label(items: int) -> str:
    return f"{items // 1000}k" if items >= 1000 and items % 1000 == 0 else str(items)


@dataclass
class Bench:
    settings: Settings
    env: dict[str, str]
    cache: RepoCache
    scratch: Path
    sms20k: str
    legend: dict[str, str] = field(default_factory=dict)
    repos: dict[str, Path] = field(default_factory=dict)
    parsed: dict[str, Samples] = field(default_factory=dict)
    """The timings of case 2, which case 6 reuses."""
    others: dict[str, float] = field(default_factory=dict)
    """Cores that other processes kept busy, on average, while each case ran."""
    imports: dict[str, Any] | None = None
    """Case 1's python -X importtime of validate (importtime.summary)."""
    stages: dict[str, Any] | None = None
    """Case 5's stages of assess at 10k (stages.summary)."""

    def measure(self, title: str, arms: Sequence[Arm], runs: int) -> dict[str, Samples]:
        before, start = cpu_seconds(), time.perf_counter()
        samples = measure(title, arms, runs, self.env)
        after, wall = cpu_seconds(), time.perf_counter() - start
        if before is not None and after is not None:
            busy, ours = after[0] - before[0], after[1] - before[1]
            self.others[title] = max(0.0, busy - ours) / wall
        return samples

    def arm(self, label: str, argv: list[str], shown: str | None = None, *,
            exits: Collection[int] = (0,), runs: int | None = None, warm: bool = True,
            inner: bool = False) -> Arm:
        self.legend.setdefault(label, shown or shlex.join(argv))
        return Arm(label, argv, self.legend[label], exits=exits, runs=runs, warm=warm,
                   inner=inner)

    def repo(self, name: str, spec: RepoSpec) -> Path:
        self.repos[name] = self.cache.get(spec)
        return self.repos[name]

    def python(self, label: str, code: str, args: Sequence[str], shown: str, *,
               inner: bool = False) -> Arm:
        return self.arm(label, [sys.executable, "-c", code, *args], shown, inner=inner)

    def validate(self, label: str, repo: Path, shown_repo: str, *,
                 exits: Collection[int] = (0,)) -> Arm:
        return self.arm(label, [self.sms20k, "validate", str(repo)],
                        f"sms20k validate {shown_repo}", exits=exits)
