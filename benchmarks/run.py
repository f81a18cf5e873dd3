"""Benchmark sms20k against baselines measured in the same run, and print a table.

    python benchmarks/run.py [--quick] [--runs N] [--case N]... [--cache-dir DIR]

Every case times an sms20k command and one or more baselines in fresh processes, one after
the other in rounds (A B A B ...), so that noise on a shared machine hits all of them alike.
Each command first runs once untimed (page cache, bytecode), then ``--runs`` times; the
table shows the median, the min-max range, the baseline's median and their ratio, and
whether the target is met. The cases:

1. start-up: ``sms20k validate`` on examples/nimbus-cloud against importing our own stack
   (typer, rich, pydantic, yaml, jinja2) and against ``python -c pass``;
2. parsing: ``sms20k validate`` on generated repositories of 1k, 10k and 100k entries
   against loading the same YAML files with ``yaml.CSafeLoader`` alone;
3. peer: check-jsonschema validating the same files of the 10k repository against
   ``sms20k schema evidence``;
4. hashing: ``sms20k validate`` verifying about 1 GB of evidence against its lock file,
   against single-threaded ``hashlib.file_digest`` over the same files (and, for scale,
   the same on one thread per core: what the machine allows at that moment);
5. reports: ``sms20k assess -f html -f md -f json -f csv`` at 10k entries against
   ``sms20k validate`` on the same repository;
6. scaling: validate at 100k over validate at 10k, and the peak RSS at each size.

Generated repositories are cached outside the source tree (``$TMPDIR/sms20k-bench`` unless
``--cache-dir`` or SMS20K_BENCH_CACHE says otherwise), keyed by their parameters and by a
digest of generate.py and the built-in checklists. ``--quick`` skips 100k, hashes about
100 MB and runs everything 3 times. Below the table, a line says how many cores other
processes kept busy during each case, and a warning appears if sms20k's source changed
during the run. The exit code is 0 whenever the benchmark ran, met or not; it is 1 only when
a command failed (a non-zero exit), which makes its timings void.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GENERATE = HERE / "generate.py"
EXAMPLE = ROOT / "examples" / "nimbus-cloud"
CHECKLISTS = ROOT / "checklists"

CASES = ("1 start-up", "2 parsing", "3 peer", "4 hashing", "5 reports", "6 scaling")

AS_OF = dt.datetime(2026, 11, 15, tzinfo=dt.timezone.utc)
"""The as-of date of generate.py, pinned through SOURCE_DATE_EPOCH so results do not age."""

STACK_IMPORT = "import typer, rich, pydantic, yaml, jinja2"

YAML_LOAD = """\
import sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
docs = []
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        docs.append(yaml.load(handle.read(), Loader=loader))
"""
"""Load the manifest and every evidence file with PyYAML's libyaml loader, and keep them."""

HASH_FILES = """\
import hashlib, json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
root, threads = Path(sys.argv[1]), int(sys.argv[2])
files = json.loads((root / "sms20k.lock.json").read_text())["files"]

def sha256(rel):
    with open(root / rel, "rb") as handle:
        if hasattr(hashlib, "file_digest"):
            return hashlib.file_digest(handle, "sha256").hexdigest()
        state = hashlib.sha256()
        for chunk in iter(lambda: handle.read(1 << 18), b""):
            state.update(chunk)
        return state.hexdigest()

if threads == 1:
    digests = list(map(sha256, files))
else:
    with ThreadPoolExecutor(threads) as pool:
        digests = list(pool.map(sha256, files))
for rel, digest in zip(files, digests):
    if digest != files[rel]:
        sys.exit(f"{rel}: sha256 differs from the lock file")
"""
"""Verify every file of a lock file, one after another or on a pool of threads."""


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    runs: int
    startup_runs: int
    sizes: tuple[int, ...]
    hash_items: int
    quick: bool


def settings(quick: bool, runs: int | None) -> Settings:
    if quick:
        return Settings(runs=runs or 3, startup_runs=max(runs or 0, 5), sizes=(1_000, 10_000),
                        hash_items=100, quick=True)
    return Settings(runs=runs or 5, startup_runs=max(runs or 0, 15),
                    sizes=(1_000, 10_000, 100_000), hash_items=1_000, quick=False)


def bench_env() -> dict[str, str]:
    """The one environment of every subprocess: ours, with the as-of date pinned."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(int(AS_OF.timestamp()))
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "PYTHONPROFILEIMPORTTIME", "PYTHONTRACEMALLOC"):
        env.pop(name, None)
    # The scaling case (100k entries over 569 services) lies above the default scope limits
    # on purpose: it measures cost per entry, so the run raises them as a CI job may.
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


# --------------------------------------------------------------------------- repositories


class CommandFailed(Exception):
    """A command exited non-zero: its timings mean nothing."""

    def __init__(self, label: str, code: int, stderr: str) -> None:
        last = stderr.strip().splitlines()[-1:] or ["(no output on stderr)"]
        super().__init__(f"{label} exited {code}: {last[0][:200]}")


@dataclass(frozen=True)
class RepoSpec:
    """Arguments of generate.py."""

    items: int
    docs_per_item: int = 1
    doc_bytes: int = 2048
    lock: bool = False
    seed: int = 0

    def args(self) -> list[str]:
        args = ["--items", str(self.items), "--docs-per-item", str(self.docs_per_item),
                "--doc-bytes", str(self.doc_bytes), "--seed", str(self.seed)]
        return [*args, "--lock"] if self.lock else args

    def key(self, digest: str) -> str:
        lock = "-lock" if self.lock else ""
        return (f"items{self.items}-docs{self.docs_per_item}-bytes{self.doc_bytes}"
                f"-seed{self.seed}{lock}-{digest}")


def generator_digest() -> str:
    """Changes when generate.py or the built-in checklists change, and with them the output."""
    state = hashlib.sha256(GENERATE.read_bytes())
    for path in sorted(CHECKLISTS.rglob("*.yaml")):
        state.update(path.relative_to(CHECKLISTS).as_posix().encode())
        state.update(path.read_bytes())
    return state.hexdigest()[:12]


class RepoCache:
    """Generated repositories, written once under a temporary name and renamed when whole."""

    def __init__(self, directory: Path, env: dict[str, str]) -> None:
        self.directory = directory
        self.env = env
        self.digest = generator_digest()

    def get(self, spec: RepoSpec) -> Path:
        final = self.directory / spec.key(self.digest)
        if final.is_dir():
            return final
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(f"{final.name}.partial-{os.getpid()}")
        progress(f"generating {final.name} (once; cached in {self.directory})")
        try:
            done = subprocess.run(
                [sys.executable, str(GENERATE), *spec.args(), "--out", str(partial)],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise CommandFailed("generate.py", done.returncode, done.stderr)
            try:
                partial.rename(final)
            except OSError:
                if not final.is_dir():  # a directory there means another run won the race
                    raise
        finally:
            if partial.exists():
                shutil.rmtree(partial)
        return final


def yaml_files(repo: Path) -> list[str]:
    """The manifest and the evidence files generate.py writes (``include: evidence/*.yaml``)."""
    return [str(repo / "sms20k.yaml"), *map(str, sorted((repo / "evidence").glob("*.yaml")))]


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Arm:
    """One command of a case; ``shown`` is how the legend prints it."""

    label: str
    argv: list[str]
    shown: str


@dataclass
class Samples:
    """The timed runs of one command: wall seconds and peak RSS of each."""

    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def span(self) -> str:
        return f"{min(self.seconds):.3f}-{max(self.seconds):.3f}"

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kib) * 1024 / 1e6


def run_once(arm: Arm, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one fresh process; stdout goes to /dev/null."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(arm.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=stderr, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            raise CommandFailed(arm.label, proc.returncode, stderr.read().decode(errors="replace"))
    rss = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return elapsed, rss


def measure(title: str, arms: Sequence[Arm], runs: int, env: dict[str, str]) -> dict[str, Samples]:
    """One untimed warm-up of each arm, then ``runs`` rounds of A B C A B C ..."""
    progress(f"{title}: {len(arms)} commands x {runs} runs, after one warm-up each")
    for arm in arms:
        run_once(arm, env)
    samples = {arm.label: Samples() for arm in arms}
    for _ in range(runs):
        for arm in arms:
            seconds, rss = run_once(arm, env)
            samples[arm.label].seconds.append(seconds)
            samples[arm.label].rss_kib.append(rss)
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


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Target:
    op: str
    limit: float
    unit: str = "x"

    def met(self, value: float) -> bool:
        return value <= self.limit if self.op == "<=" else value >= self.limit

    def text(self) -> str:
        return f"{self.op} {self.limit:g}{'x' if self.unit == 'x' else ' ' + self.unit}"


OURS_OVER_BASE = "ours/base"
BASE_OVER_OURS = "base/ours"


@dataclass
class Row:
    """One line of the table; ``measure`` says what ``result`` is."""

    case: str
    command: str
    ours: Samples | None = None
    baseline: str = ""
    base: Samples | None = None
    measure: str = ""
    result: str = ""
    target: Target | None = None
    met: bool | None = None
    note: str = ""


def compare(case: str, ours_label: str, ours: Samples, base_label: str, base: Samples,
            target: Target | None = None, *, inverse: bool = False, note: str = "") -> Row:
    """Our median time over the baseline's; with ``inverse`` the baseline's over ours
    (how many times faster we are, or our throughput over the baseline's)."""
    ratio = base.median / ours.median if inverse else ours.median / base.median
    return Row(case, ours_label, ours, base_label, base,
               BASE_OVER_OURS if inverse else OURS_OVER_BASE, f"{ratio:.2f}x", target,
               target.met(ratio) if target else None, note)


def failed(case: str, exc: CommandFailed) -> Row:
    return Row(case, "", note=f"ERROR: {exc}")


# --------------------------------------------------------------------------- the cases


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

    def measure(self, title: str, arms: Sequence[Arm], runs: int) -> dict[str, Samples]:
        before, start = cpu_seconds(), time.perf_counter()
        samples = measure(title, arms, runs, self.env)
        after, wall = cpu_seconds(), time.perf_counter() - start
        if before is not None and after is not None:
            busy, ours = after[0] - before[0], after[1] - before[1]
            self.others[title] = max(0.0, busy - ours) / wall
        return samples

    def arm(self, label: str, argv: list[str], shown: str | None = None) -> Arm:
        self.legend.setdefault(label, shown or shlex.join(argv))
        return Arm(label, argv, self.legend[label])

    def repo(self, name: str, spec: RepoSpec) -> Path:
        self.repos[name] = self.cache.get(spec)
        return self.repos[name]

    def python(self, label: str, code: str, args: Sequence[str], shown: str) -> Arm:
        return self.arm(label, [sys.executable, "-c", code, *args], shown)

    def validate(self, label: str, repo: Path, shown_repo: str) -> Arm:
        return self.arm(label, [self.sms20k, "validate", str(repo)],
                        f"sms20k validate {shown_repo}")

    def startup(self) -> list[Row]:
        case = CASES[0]
        arms = [
            self.validate("validate example", EXAMPLE, "examples/nimbus-cloud"),
            self.python("import stack", STACK_IMPORT, [], f'python -c "{STACK_IMPORT}"'),
            self.python("python -c pass", "pass", [], "python -c pass"),
        ]
        s = self.measure(case, arms, self.settings.startup_runs)
        ours = s["validate example"]
        return [compare(case, "validate example", ours, "import stack", s["import stack"],
                        Target("<=", 1.0)),
                compare(case, "validate example", ours, "python -c pass",
                        s["python -c pass"])]

    def parsing(self) -> list[Row]:
        case = CASES[1]
        arms: list[Arm] = []
        for items in self.settings.sizes:
            size = size_label(items)
            repo = self.repo(f"R{size.upper()}", RepoSpec(items))
            files = yaml_files(repo)
            arms.append(self.validate(f"validate {size}", repo, f"$R{size.upper()}"))
            arms.append(self.python(
                f"CSafeLoader {size}", YAML_LOAD, files,
                f"python -c 'yaml.load(each file, Loader=yaml.CSafeLoader)' "
                f"$R{size.upper()}/sms20k.yaml $R{size.upper()}/evidence/*.yaml "
                f"({len(files)} files)"))
        s = self.parsed = self.measure(case, arms, self.settings.runs)
        rows = []
        for items in self.settings.sizes:
            size = size_label(items)
            rows.append(compare(case, f"validate {size}", s[f"validate {size}"],
                                f"CSafeLoader {size}", s[f"CSafeLoader {size}"],
                                Target("<=", 1.25) if items == 10_000 else None))
        return rows

    def peer(self) -> list[Row]:
        case = CASES[2]
        checker = tool("check-jsonschema")
        if checker is None:
            return [Row(case, "check-jsonschema 10k",
                        note="skipped: check-jsonschema not installed (pip install -e '.[bench]')")]
        repo = self.repo("R10K", RepoSpec(10_000))
        schema = self.scratch / "evidence.schema.json"
        done = subprocess.run([self.sms20k, "schema", "evidence"], env=self.env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise CommandFailed("sms20k schema evidence", done.returncode, done.stderr)
        schema.write_text(done.stdout, encoding="utf-8")
        files = yaml_files(repo)
        arms = [
            self.validate("validate 10k", repo, "$R10K"),
            self.arm("check-jsonschema 10k", [checker, "--schemafile", str(schema), *files],
                     f"check-jsonschema --schemafile $(sms20k schema evidence) "
                     f"$R10K/sms20k.yaml $R10K/evidence/*.yaml ({len(files)} files)"),
        ]
        s = self.measure(case, arms, self.settings.runs)
        return [compare(case, "validate 10k", s["validate 10k"], "check-jsonschema 10k",
                        s["check-jsonschema 10k"], Target(">=", 3.0), inverse=True,
                        note="how many times faster sms20k is")]

    def hashing(self) -> list[Row]:
        case = CASES[3]
        spec = RepoSpec(self.settings.hash_items, doc_bytes=1_000_000, lock=True)
        repo = self.repo("RHASH", spec)
        docs = [p for p in (repo / "docs").rglob("*") if p.is_file()]
        mb = sum(p.stat().st_size for p in docs) / 1e6
        cores = os.cpu_count() or 1
        parallel = f"hashlib {cores} threads"
        arms = [
            self.validate("validate + lock", repo, "$RHASH"),
            self.python("hashlib 1 thread", HASH_FILES, [str(repo), "1"],
                        "python -c 'hashlib.file_digest of each locked file, in turn' $RHASH"),
            self.python(parallel, HASH_FILES, [str(repo), str(cores)],
                        f"the same on a pool of {cores} threads (what this machine allows)"),
        ]
        s = self.measure(case, arms, self.settings.runs)
        ours = s["validate + lock"]

        def rate(label: str) -> str:
            return f"{mb / s[label].median:,.0f} MB/s"

        return [compare(case, "validate + lock", ours, "hashlib 1 thread",
                        s["hashlib 1 thread"], Target(">=", 1.6), inverse=True,
                        note=f"{rate('validate + lock')} vs {rate('hashlib 1 thread')}; "
                        f"{len(docs)} files, {mb:,.0f} MB"),
                compare(case, "validate + lock", ours, parallel, s[parallel], inverse=True,
                        note=f"{rate(parallel)} with {cores} threads, no start-up")]

    def reports(self) -> list[Row]:
        case = CASES[4]
        repo = self.repo("R10K", RepoSpec(10_000))
        out = self.scratch / "reports"
        arms = [
            self.arm("assess 10k", [self.sms20k, "assess", str(repo), "-f", "html", "-f", "md",
                                    "-f", "json", "-f", "csv", "-o", str(out), "-q"],
                     "sms20k assess $R10K -f html -f md -f json -f csv -o TMP -q"),
            self.validate("validate 10k", repo, "$R10K"),
        ]
        s = self.measure(case, arms, self.settings.runs)
        html = (out / "report.html").stat().st_size / 1e6
        return [compare(case, "assess 10k", s["assess 10k"], "validate 10k",
                        s["validate 10k"], Target("<=", 2.5),
                        note=f"report.html {html:.1f} MB")]

    def scaling(self, parsed: dict[str, Samples]) -> list[Row]:
        case = CASES[5]
        rows = []
        if "validate 100k" in parsed:
            rows.append(compare(case, "validate 100k", parsed["validate 100k"],
                                "validate 10k", parsed["validate 10k"], Target("<=", 11.0),
                                note="timings of case 2"))
        else:
            rows.append(Row(case, "validate 100k", note="skipped with --quick"))
        for items in self.settings.sizes:
            label = f"validate {size_label(items)}"
            target = Target("<=", 600, unit="MB") if items == 100_000 else None
            peak = parsed[label].peak_mb
            rows.append(Row("6 peak RSS", label, parsed[label], measure="peak RSS",
                            result=f"{peak:,.0f} MB",
                            target=target, met=target.met(peak) if target else None,
                            note="highest of the runs of case 2"))
        return rows

    def run(self, only: Sequence[int] = ()) -> list[Row]:
        """The cases in turn (``only`` these, if given; 6 needs 2); a command that fails
        voids its case, not the others."""
        rows: list[Row] = []
        cases = [self.startup, self.parsing, self.peer, self.hashing, self.reports]
        wanted = set(only) | ({2} if 6 in only else set())
        for number, step in enumerate(cases, start=1):
            if wanted and number not in wanted:
                continue
            try:
                rows += step()
            except CommandFailed as exc:
                rows.append(failed(CASES[number - 1], exc))
        if self.parsed and (not wanted or 6 in wanted):
            rows += self.scaling(self.parsed)
        return rows


# --------------------------------------------------------------------------- output


HEADER = ("Case", "Command", "Median s", "Min-max s", "Baseline", "Median s", "Measure",
          "Result", "Target", "Met", "Notes")


def cells(row: Row) -> tuple[str, ...]:
    met = "" if row.met is None else ("met" if row.met else "NOT MET")
    return (row.case, row.command,
            f"{row.ours.median:.3f}" if row.ours else "", row.ours.span if row.ours else "",
            row.baseline, f"{row.base.median:.3f}" if row.base else "", row.measure, row.result,
            row.target.text() if row.target else "", met, row.note)


def table(rows: Sequence[Row]) -> str:
    grid = [HEADER, *map(cells, rows)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(HEADER))]
    right = {2, 3, 5, 7}

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if i in right else v.ljust(w)
                 for i, (v, w) in enumerate(zip(values, widths, strict=True))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(HEADER), rule, *(line(values) for values in grid[1:])])


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for text in info:
                if text.startswith("model name"):
                    return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def source_stamps() -> dict[str, int]:
    """Modification times of the sms20k package, its checklists and templates: others may be
    editing them while the benchmark runs."""
    spec = importlib.util.find_spec("sms20k")
    roots = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    roots += [CHECKLISTS, ROOT / "templates"]
    return {str(path): path.stat().st_mtime_ns for root in roots if root.is_dir()
            for path in sorted(root.rglob("*")) if path.is_file() and path.suffix != ".pyc"}


def changed_sources(before: dict[str, int]) -> list[str]:
    after = source_stamps()
    return sorted(path for path in before.keys() | after.keys()
                  if before.get(path) != after.get(path))


def machine(s: Settings, load_before: str) -> str:
    try:
        import yaml

        libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    except ImportError:
        libyaml = "PyYAML not installed"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    versions = ", ".join(f"{name} {package_version(name)}" for name in
                         ("typer", "pydantic", "PyYAML", "rich", "Jinja2", "check-jsonschema"))
    return "\n".join([
        f"Machine: {cpu_model()}, {os.cpu_count()} cores ({usable} usable), "
        f"{platform.system()} {platform.release()}",
        f"Python {platform.python_version()} ({sys.executable}), "
        f"sms20k {package_version('sms20k')}, libyaml {libyaml}",
        f"Packages: {versions}",
        f"Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; load average "
        f"{load_before} before, {load} after",
        f"Runs: {s.runs} per command ({s.startup_runs} for start-up) after one untimed warm-up, "
        f"alternating command and baselines{'; --quick' if s.quick else ''}",
    ])


def others(bench: Bench) -> list[str]:
    if not bench.others:
        return []
    cases = ", ".join(f"{case} {cores:.2f}" for case, cores in bench.others.items())
    return [f"Cores kept busy by other processes (and steal) while each case ran, of "
            f"{os.cpu_count()}: {cases}"]


def report(bench: Bench, rows: Sequence[Row], load_before: str) -> str:
    legend = [f"  {label:<22} {shown}" for label, shown in bench.legend.items()]
    repos = [f"  ${name:<21} {path}" for name, path in bench.repos.items()]
    return "\n".join([
        table(rows), "",
        "ours/base: our median time over the baseline's (lower is better); base/ours: the "
        "baseline's over ours, i.e. how many times faster, or our throughput over its.",
        *others(bench),
        "Commands:", *legend,
        "Repositories (benchmarks/generate.py, cached):", *repos, "",
        machine(bench.settings, load_before),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 runs, no 100k repository, about 100 MB to hash")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5, quick 3)")
    parser.add_argument("--case", type=int, action="append", default=[],
                        choices=range(1, len(CASES) + 1), metavar="N",
                        help="run only case N (repeatable; 6 also runs 2)")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(os.environ.get("SMS20K_BENCH_CACHE")
                                     or Path(tempfile.gettempdir()) / "sms20k-bench"),
                        help="where generated repositories are kept (default %(default)s)")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    sms20k = tool("sms20k")
    if sms20k is None:
        parser.error("sms20k is not installed next to this Python; run it with the venv's "
                     "python after pip install -e '.[bench]'")
    env = bench_env()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    stamps = source_stamps()
    with tempfile.TemporaryDirectory(prefix="sms20k-bench-") as scratch:
        bench = Bench(settings(args.quick, args.runs), env, RepoCache(args.cache_dir, env),
                      Path(scratch), sms20k)
        rows = bench.run(args.case)
    print(report(bench, rows, load_before))
    changed = changed_sources(stamps)
    if changed:
        print(f"WARNING: {len(changed)} source files changed during the run, so the timings "
              f"mix versions: {', '.join(os.path.relpath(p, ROOT) for p in changed[:5])}"
              f"{' ...' if len(changed) > 5 else ''}")
    return 1 if any(row.note.startswith("ERROR") for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
