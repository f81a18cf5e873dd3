"""Cases 1 to 6: start-up, parsing, peers, hashing, reports and scaling."""

from __future__ import annotations

import os
import subprocess

import importtime
import stages
from bench import EXAMPLE, Bench, size_label, tool
from measure import Arm, CommandFailed, Samples
from repos import RepoSpec, yaml_files
from results import Row, Target, compare

STACK_IMPORT = "import typer, rich, pydantic, yaml, jinja2"
MODEL_FLOOR = "import typer, yaml, pydantic\nclass M(pydantic.BaseModel): x: int"
"""What any command that parses its arguments with typer and validates one pydantic model
pays before its own work: building the first model loads most of pydantic."""

YAML_LOAD = """\
import sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
docs = []
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        docs.append(yaml.load(handle.read(), Loader=loader))
"""
"""Load the manifest and every evidence file with PyYAML's libyaml loader, and keep them."""

HASH_PHASE = """\
import json, sys, time
from pathlib import Path
root, how = Path(sys.argv[1]), sys.argv[2]
files = json.loads((root / "sms20k.lock.json").read_text())["files"]
paths = [root / rel for rel in files]
if how == "sms20k":
    from sms20k.evidence.hashing import hash_files
    start = time.perf_counter()
    found = hash_files(paths, progress=lambda *_: None)
    digests = [found[p] for p in paths]
else:
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    def sha256(path):
        with open(path, "rb") as handle:
            if hasattr(hashlib, "file_digest"):
                return hashlib.file_digest(handle, "sha256").hexdigest()
            state = hashlib.sha256()  # Python 3.10
            for chunk in iter(lambda: handle.read(1 << 18), b""):
                state.update(chunk)
            return state.hexdigest()

    threads = int(how)
    start = time.perf_counter()
    if threads == 1:
        digests = list(map(sha256, paths))
    else:
        with ThreadPoolExecutor(threads) as pool:
            digests = list(pool.map(sha256, paths))
seconds = time.perf_counter() - start
for rel, digest in zip(files, digests):
    if digest != files[rel]:
        sys.exit(f"{rel}: sha256 differs from the lock file")
print(seconds)
"""
"""Verify every file of a lock file with sms20k's hash_files (with a progress callback, as
validate passes one), or with hashlib.file_digest on 1 or N threads; print the seconds of
the hashing alone."""


def startup(bench: Bench, case: str) -> list[Row]:
    arms = [
        bench.validate("validate example", EXAMPLE, "examples/nimbus-cloud"),
        bench.arm("--version", [bench.sms20k, "--version"], "sms20k --version"),
        bench.arm("show S07.06", [bench.sms20k, "show", "S07.06"], "sms20k show S07.06"),
        bench.python("import stack", STACK_IMPORT, [], f'python -c "{STACK_IMPORT}"'),
        bench.python("one-model floor", MODEL_FLOOR, [],
                     "python -c 'import typer, yaml, pydantic; class M(BaseModel): x: int'"),
        bench.python("python -c pass", "pass", [], "python -c pass"),
    ]
    s = bench.measure(case, arms, bench.settings.startup_runs)
    bench.imports = importtime.summary(
        "sms20k validate examples/nimbus-cloud",
        importtime.profile(["validate", str(EXAMPLE), "-q"], bench.env))
    ours = s["validate example"]
    floor = ("the least a command that parses with typer and validates with pydantic pays "
             "(docs/performance.md)")
    return [compare(case, "validate example", ours, "import stack", s["import stack"],
                    Target("<=", 1.0)),
            compare(case, "validate example", ours, "one-model floor", s["one-model floor"],
                    note=floor),
            compare(case, "validate example", ours, "python -c pass", s["python -c pass"]),
            compare(case, "--version", s["--version"], "import stack", s["import stack"]),
            compare(case, "show S07.06", s["show S07.06"], "import stack", s["import stack"]),
            compare(case, "one-model floor", s["one-model floor"], "import stack",
                    s["import stack"])]


def parsing(bench: Bench, case: str) -> list[Row]:
    arms: list[Arm] = []
    for items in bench.settings.sizes:
        size = size_label(items)
        repo = bench.repo(f"R{size.upper()}", RepoSpec(items))
        files = yaml_files(repo)
        arms.append(bench.validate(f"validate {size}", repo, f"$R{size.upper()}"))
        arms.append(bench.python(
            f"CSafeLoader {size}", YAML_LOAD, files,
            f"python -c 'yaml.load(each file, Loader=yaml.CSafeLoader)' "
            f"$R{size.upper()}/sms20k.yaml $R{size.upper()}/evidence/*.yaml "
            f"({len(files)} files)"))
    s = bench.parsed = bench.measure(case, arms, bench.settings.runs)
    return [compare(case, f"validate {size_label(n)}", s[f"validate {size_label(n)}"],
                    f"CSafeLoader {size_label(n)}", s[f"CSafeLoader {size_label(n)}"],
                    Target("<=", 1.25) if n == 10_000 else None)
            for n in bench.settings.sizes]


def peer(bench: Bench, case: str) -> list[Row]:
    """check-jsonschema (the target) and yamllint (a second reference point) on the files
    of the 10k repository."""
    checker, linter = tool("check-jsonschema"), tool("yamllint")
    missing = "not installed (pip install -e '.[bench]')"
    rows = [Row(case, name, note=f"skipped: {name} {missing}")
            for name, path in (("check-jsonschema", checker), ("yamllint", linter)) if not path]
    if checker is None and linter is None:
        return rows
    repo = bench.repo("R10K", RepoSpec(10_000))
    files = yaml_files(repo)
    shown_files = f"$R10K/sms20k.yaml $R10K/evidence/*.yaml ({len(files)} files)"
    arms = [bench.validate("validate 10k", repo, "$R10K")]
    if checker:
        schema = bench.scratch / "evidence.schema.json"
        done = subprocess.run([bench.sms20k, "schema", "evidence"], env=bench.env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise CommandFailed("sms20k schema evidence", done.returncode, done.stderr)
        schema.write_text(done.stdout, encoding="utf-8")
        arms.append(bench.arm("check-jsonschema 10k",
                              [checker, "--schemafile", str(schema), *files],
                              f"check-jsonschema --schemafile $(sms20k schema evidence) "
                              f"{shown_files}"))
    if linter:
        arms.append(bench.arm("yamllint 10k", [linter, "-d", "relaxed", *files],
                              f"yamllint -d relaxed {shown_files}"))
    s = bench.measure(case, arms, bench.settings.runs)
    if checker:
        rows.append(compare(case, "validate 10k", s["validate 10k"], "check-jsonschema 10k",
                            s["check-jsonschema 10k"], Target(">=", 8.0), inverse=True,
                            note="how many times faster sms20k is"))
    if linter:
        rows.append(compare(case, "validate 10k", s["validate 10k"], "yamllint 10k",
                            s["yamllint 10k"], inverse=True,
                            note="how many times faster; yamllint checks style, not the schema"))
    return rows


def hashing(bench: Bench, case: str) -> list[Row]:
    """The hashing phase alone, timed inside each process (start-up, reading the lock file
    and comparing digests excluded), then the whole of validate with and without its lock."""
    repo = bench.repo("RHASH", RepoSpec(bench.settings.hash_items, doc_bytes=1_000_000,
                                        lock=True))
    unlocked = bench.repos["RHASH_NOLOCK"] = bench.cache.unlocked(repo)
    docs = [p for p in (repo / "docs").rglob("*") if p.is_file()]
    mb = sum(p.stat().st_size for p in docs) / 1e6
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    parallel = f"hashlib {cores} threads"
    arms = [
        bench.python("hash_files", HASH_PHASE, [str(repo), "sms20k"],
                     "sms20k.evidence.hashing.hash_files over each locked file of $RHASH, "
                     "timed inside the process", inner=True),
        bench.python("hashlib 1 thread", HASH_PHASE, [str(repo), "1"],
                     "hashlib.file_digest of each locked file of $RHASH, in turn, timed "
                     "inside the process", inner=True),
        bench.python(parallel, HASH_PHASE, [str(repo), str(cores)],
                     f"the same on a pool of {cores} threads, one per usable core",
                     inner=True),
        bench.validate("validate + lock", repo, "$RHASH"),
        bench.validate("validate, no lock", unlocked,
                       "$RHASH_NOLOCK (the same files, hard-linked, without the lock file)"),
    ]
    s = bench.measure(case, arms, bench.settings.runs)

    def rate(samples: Samples) -> str:
        return f"{mb / samples.median:,.0f} MB/s"

    ours = s["hash_files"]
    phase = s["validate + lock"].median - s["validate, no lock"].median
    return [
        compare(case, "hash_files", ours, "hashlib 1 thread", s["hashlib 1 thread"],
                Target(">=", 1.6), inverse=True,
                note=f"hashing phase only: {rate(ours)} vs {rate(s['hashlib 1 thread'])}; "
                f"{len(docs)} files, {mb:,.0f} MB"),
        compare(case, "hash_files", ours, parallel, s[parallel], inverse=True,
                note=f"{rate(s[parallel])} with {cores} threads"),
        compare(case, "validate + lock", s["validate + lock"], "validate, no lock",
                s["validate, no lock"],
                note=f"lock verification in validate: {phase:.3f} s"
                f"{f', {mb / phase:,.0f} MB/s' if phase > 0 else ''} (difference of medians)"),
    ]


def reports(bench: Bench, case: str) -> list[Row]:
    from browser import chromium_rows

    repo = bench.repo("R10K", RepoSpec(10_000))
    out = bench.scratch / "reports"
    arms = [
        bench.arm("assess 10k", [bench.sms20k, "assess", str(repo), "-f", "html", "-f", "md",
                                 "-f", "json", "-f", "csv", "-o", str(out), "-q"],
                  "sms20k assess $R10K -f html -f md -f json -f csv -o TMP -q"),
        bench.validate("validate 10k", repo, "$R10K"),
    ]
    s = bench.measure(case, arms, bench.settings.runs)
    bench.stages = stages.profile("sms20k assess $R10K -f html -f md -f json -f csv", repo,
                                  bench.env, bench.settings.runs)
    html = (out / "report.html").stat().st_size / 1e6
    return [compare(case, "assess 10k", s["assess 10k"], "validate 10k", s["validate 10k"],
                    Target("<=", 2.0), note=f"report.html {html:.1f} MB"),
            *chromium_rows(bench, case, out / "report.html")]


def scaling(bench: Bench, case: str) -> list[Row]:
    parsed = bench.parsed
    rows = []
    if "validate 100k" in parsed:
        rows.append(compare(case, "validate 100k", parsed["validate 100k"], "validate 10k",
                            parsed["validate 10k"], Target("<=", 10.5),
                            note="timings of case 2"))
    else:
        rows.append(Row(case, "validate 100k", note="skipped with --quick"))
    for items in bench.settings.sizes:
        label = f"validate {size_label(items)}"
        target = Target("<=", 400, unit="MB") if items == 100_000 else None
        peak = parsed[label].peak_mb
        rows.append(Row("6 peak RSS", label, parsed[label], measure="peak RSS",
                        result=f"{peak:,.0f} MB", target=target,
                        met=target.met(peak) if target else None,
                        note="highest of the runs of case 2", value=peak))
    return rows
