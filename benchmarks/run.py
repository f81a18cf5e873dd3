"""Benchmark sms20k against baselines measured in the same run, and print a table.

    python benchmarks/run.py [--quick] [--runs N] [--case N]... [--cache-dir DIR] [--json FILE]

Every case times an sms20k command and one or more baselines in fresh processes, one after
the other in rounds (A B A B ...), so that noise on a shared machine hits all of them alike.
Each command first runs once untimed (page cache, bytecode), then ``--runs`` times; the
table shows the median, the min-max range, the baseline's median and their ratio, and
whether the target is met. The cases:

1. start-up: ``sms20k validate`` on examples/nimbus-cloud against importing our own stack
   (typer, rich, pydantic, yaml, jinja2), against the one-model floor (importing typer,
   yaml and pydantic and building one pydantic model) and against ``python -c pass``;
   ``sms20k --version`` and ``sms20k show S07.06`` against the stack import; and, below the
   table, ``python -X importtime`` of that validate by package and by slowest module;
2. parsing: ``sms20k validate`` on generated repositories of 1k, 10k and 100k entries
   against loading the same YAML files with ``yaml.CSafeLoader`` alone;
3. peers: check-jsonschema validating the same files of the 10k repository against
   ``sms20k schema evidence``, and yamllint linting them;
4. hashing: sms20k's ``hash_files`` over about 1 GB of locked evidence against
   single-threaded ``hashlib.file_digest`` over the same files (and, for scale, on one
   thread per core), each timing its hashing phase inside its own process; then the whole
   ``sms20k validate`` with the lock file against the same repository without it;
5. reports: ``sms20k assess -f html -f md -f json -f csv`` at 10k entries against
   ``sms20k validate`` on the same repository; then the report.html it wrote against the
   example's, each opened from file:// in Debian's Chromium through Playwright (a fresh
   context per load, cache disabled, in turns after one untimed round): the median
   loadEventEnd of their Navigation Timing, with DOMContentLoaded and first contentful
   paint in the note (no target; the note says so when Chromium or Playwright is missing);
   and, below the table, the CPU time of each stage of that assess in a fresh process
   (stages.py), shared with validate or beyond it;
6. scaling: validate at 100k over validate at 10k, and the peak RSS at each size;
7. documents: the example's PDF against its HTML report (fewer runs, no warm-up: it takes
   minutes), and its Word and Excel reports;
8. growth: hostile inputs (unknown keys, include patterns, services, unknown item ids,
   written by hostile.py) at N and 2N.

Generated repositories are cached outside the source tree (``$TMPDIR/sms20k-bench`` unless
``--cache-dir`` or SMS20K_BENCH_CACHE says otherwise), keyed by their parameters and by a
digest of the generators and the built-in checklists. ``--quick`` skips 100k, hashes about
100 MB and runs everything 3 times (the PDF once). Below the table, a line says how many
cores other processes kept busy during each case, and a warning appears if sms20k's source
changed during the run. ``--json FILE`` also writes every figure (each sample, the machine,
the legend) for benchmarks/compare.py. The exit code is 0 whenever the benchmark ran, met or
not; it is 1 only when a command failed (an unexpected exit code), which voids its case.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import importtime
import stages
from bench import Bench, bench_env, settings, tool
from cases import hashing, parsing, peer, reports, scaling, startup
from documents import documents
from growth import growth
from machine import changed_sources, load_average, machine, machine_text, source_stamps
from measure import CommandFailed
from repos import RepoCache
from results import Row, failed, table

CASES: dict[int, tuple[str, Callable[[Bench, str], list[Row]]]] = {
    1: ("1 start-up", startup), 2: ("2 parsing", parsing), 3: ("3 peer", peer),
    4: ("4 hashing", hashing), 5: ("5 reports", reports), 6: ("6 scaling", scaling),
    7: ("7 documents", documents), 8: ("8 growth", growth),
}
JSON_VERSION = 1


def run_cases(bench: Bench, only: Sequence[int] = ()) -> list[Row]:
    """The cases in turn (``only`` these, if given; 6 needs 2); a command that fails voids
    its case, not the others."""
    wanted = set(only) | ({2} if 6 in only else set())
    rows: list[Row] = []
    for number, (title, step) in CASES.items():
        if wanted and number not in wanted:
            continue
        if number == 6 and not bench.parsed:
            continue
        try:
            rows += step(bench, title)
        except CommandFailed as exc:
            rows.append(failed(title, exc))
    return rows


def others(bench: Bench) -> list[str]:
    if not bench.others:
        return []
    cases = ", ".join(f"{case} {cores:.2f}" for case, cores in bench.others.items())
    return [f"Cores kept busy by other processes (and steal) while each case ran, of "
            f"{os.cpu_count()}: {cases}"]


def report(bench: Bench, rows: Sequence[Row], info: dict[str, Any]) -> str:
    legend = [f"  {label:<22} {shown}" for label, shown in bench.legend.items()]
    repos = [f"  ${name:<21} {path}" for name, path in bench.repos.items()]
    return "\n".join([
        table(rows), "",
        "ours/base: our median time over the baseline's (lower is better); base/ours: the "
        "baseline's over ours, i.e. how many times faster, or our throughput over its; "
        "2N/N: the time at twice the size over the time at the size.",
        *others(bench),
        *(importtime.text(bench.imports) if bench.imports else []),
        *(stages.text(bench.stages) if bench.stages else []),
        "Commands:", *legend,
        "Repositories (benchmarks/generate.py and hostile.py, cached):", *repos, "",
        machine_text(info),
    ])


def document(bench: Bench, rows: Sequence[Row], info: dict[str, Any],
             changed: list[str]) -> dict[str, Any]:
    """Every figure of the run, for compare.py and for the record."""
    return {"version": JSON_VERSION, "machine": info, "cores_kept_busy": bench.others,
            "rows": [row.data() for row in rows], "commands": bench.legend,
            "repositories": {name: str(path) for name, path in bench.repos.items()},
            "changed_sources": changed, "importtime": bench.imports,
            "stages": bench.stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 runs (the PDF 1), no 100k repository, about 100 MB to hash")
    parser.add_argument("--runs", type=int,
                        help="timed runs per command, the PDF's too (default 5, quick 3; "
                        "PDF 3, quick 1)")
    parser.add_argument("--case", type=int, action="append", default=[],
                        choices=sorted(CASES), metavar="N",
                        help="run only case N (repeatable; 6 also runs 2)")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(os.environ.get("SMS20K_BENCH_CACHE")
                                     or Path(tempfile.gettempdir()) / "sms20k-bench"),
                        help="where generated repositories are kept (default %(default)s)")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write every figure to FILE, for benchmarks/compare.py")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    sms20k = tool("sms20k")
    if sms20k is None:
        parser.error("sms20k is not installed next to this Python; run it with the venv's "
                     "python after pip install -e '.[bench]'")
    env = bench_env()
    load_before = load_average()
    stamps = source_stamps()
    run = settings(args.quick, args.runs)
    with tempfile.TemporaryDirectory(prefix="sms20k-bench-") as scratch:
        bench = Bench(run, env, RepoCache(args.cache_dir, env), Path(scratch), sms20k)
        rows = run_cases(bench, args.case)
    info = machine(run, load_before)
    print(report(bench, rows, info))
    changed = changed_sources(stamps)
    if changed:
        print(f"WARNING: {len(changed)} source files changed during the run, so the timings "
              f"mix versions: {', '.join(changed[:5])}{' ...' if len(changed) > 5 else ''}")
    if args.json:
        args.json.write_text(json.dumps(document(bench, rows, info, changed), indent=2) + "\n",
                             encoding="utf-8")
    return 1 if any(row.note.startswith("ERROR") for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
