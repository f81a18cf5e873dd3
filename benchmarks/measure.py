"""Timing fresh processes in turns, and watching what else the machine is doing."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any


class CommandFailed(Exception):
    """A command exited with a code it was not expected to: its timings mean nothing."""

    def __init__(self, label: str, code: int, stderr: str) -> None:
        last = stderr.strip().splitlines()[-1:] or ["(no output on stderr)"]
        super().__init__(f"{label} exited {code}: {last[0][:200]}")


@dataclass(frozen=True)
class Arm:
    """One command of a case; ``shown`` is how the legend prints it.

    ``exits`` are the exit codes that mean the command did its work (a hostile input is
    refused with 2 on purpose). ``runs`` overrides the case's number of runs, and ``warm``
    says whether the command gets an untimed warm-up run. With ``inner``, the command prints
    on its last line of stdout the seconds of the phase it measures itself, which becomes the
    sample instead of the process's wall time."""

    label: str
    argv: list[str]
    shown: str
    exits: Collection[int] = (0,)
    runs: int | None = None
    warm: bool = True
    inner: bool = False


@dataclass
class Samples:
    """The timed runs of one command: seconds (wall, or the phase it timed itself), CPU
    seconds and peak RSS of each process."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def low(self) -> float:
        return min(self.seconds)

    @property
    def high(self) -> float:
        return max(self.seconds)

    @property
    def span(self) -> str:
        return f"{self.low:.3f}-{self.high:.3f}"

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kib) * 1024 / 1e6

    def data(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.low, "max": self.high,
                "samples": list(self.seconds), "cpu": list(self.cpu),
                "peak_rss_mb": round(self.peak_mb, 1),
                "rss_mb": [round(k * 1024 / 1e6, 1) for k in self.rss_kib]}


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    rss_kib: int


def run_once(arm: Arm, env: dict[str, str]) -> Run:
    """One fresh process; stdout goes to /dev/null unless the command times itself."""
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryFile() as stdout:
        start = time.perf_counter()
        proc = subprocess.Popen(arm.argv, stdin=subprocess.DEVNULL,
                                stdout=stdout if arm.inner else subprocess.DEVNULL,
                                stderr=stderr, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in arm.exits:
            stderr.seek(0)
            raise CommandFailed(arm.label, code, stderr.read().decode(errors="replace"))
        if arm.inner:
            stdout.seek(0)
            lines = stdout.read().decode(errors="replace").split()
            elapsed = float(lines[-1])
    rss = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return Run(elapsed, usage.ru_utime + usage.ru_stime, rss)


def measure(title: str, arms: Sequence[Arm], runs: int, env: dict[str, str]) -> dict[str, Samples]:
    """One untimed warm-up of each arm that wants one, then rounds of A B C A B C ... until
    every arm has its runs (an arm with fewer runs drops out of the later rounds)."""
    wanted = {arm.label: arm.runs or runs for arm in arms}
    progress(f"{title}: {len(arms)} commands, "
             f"{'/'.join(str(n) for n in dict.fromkeys(wanted.values()))} runs each, "
             f"after one warm-up")
    for arm in arms:
        if arm.warm:
            run_once(arm, env)
    samples = {arm.label: Samples() for arm in arms}
    for round_ in range(max(wanted.values())):
        for arm in arms:
            if round_ < wanted[arm.label]:
                done = run_once(arm, env)
                samples[arm.label].seconds.append(done.seconds)
                samples[arm.label].cpu.append(done.cpu)
                samples[arm.label].rss_kib.append(done.rss_kib)
    return samples


def cpu_seconds() -> tuple[float, float] | None:
    """CPU time used so far by the whole machine (steal included) and by us and our
    children, in seconds; None where /proc/stat is missing."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks
    ours = os.times()
    return ((user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK"),
            ours.user + ours.system + ours.children_user + ours.children_system)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
