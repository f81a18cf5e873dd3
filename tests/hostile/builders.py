"""Builders for corpus cases that git cannot store: FIFOs, symlinks, sockets, devices,
unreadable and very large files, and generated deep nesting.

Each corpus case that needs one names it with ``build:`` in its ``case.yaml``; the builder
runs after the base repository and the case's own ``repo/`` files are copied into
``ctx.repo``. Builders only ever touch ``ctx.repo`` and ``ctx.tmp`` (a scratch directory
beside the repository, which is "outside the repository" for symlink cases).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ENTRIES = "evidence/entries.yaml"
PLACEHOLDER = "path: placeholder"


@dataclass
class Context:
    repo: Path
    tmp: Path
    cleanups: list[Callable[[], None]] = field(default_factory=list)


Builder = Callable[[Context], None]
BUILDERS: dict[str, Builder] = {}


def builder(func: Builder) -> Builder:
    BUILDERS[func.__name__] = func
    return func


def _fifo(ctx: Context, path: Path) -> None:
    """A FIFO, with a watchdog so that a regression that opens it cannot hang the suite:
    every second, if a reader is blocked on the FIFO, open and close its write end, which
    hands the reader an end of file (the test then fails on its message, not by hanging)."""
    os.mkfifo(path)
    stop = threading.Event()

    def unblock() -> None:
        while not stop.wait(1.0):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: nobody is reading, which is what we expect
                continue
            os.close(fd)

    thread = threading.Thread(target=unblock, daemon=True)
    thread.start()

    def finish() -> None:
        stop.set()
        thread.join()

    ctx.cleanups.append(finish)


def _unreadable(ctx: Context, path: Path) -> None:
    mode = path.stat().st_mode
    path.chmod(0)
    ctx.cleanups.append(lambda: path.chmod(stat.S_IMODE(mode)))


def _point_reference_at(ctx: Context, target: str) -> None:
    entries = ctx.repo / ENTRIES
    text = entries.read_text(encoding="utf-8")
    assert PLACEHOLDER in text, "the case's entries.yaml needs `path: placeholder`"
    entries.write_text(text.replace(PLACEHOLDER, f"path: {target}"), encoding="utf-8")


# ------------------------------------------------------------------------- deep nesting

@builder
def deep_flow_mapping(ctx: Context) -> None:
    (ctx.repo / "sms20k.yaml").write_text("{a: " * 20_000 + "1" + "}" * 20_000 + "\n")


@builder
def deep_block_sequence(ctx: Context) -> None:
    (ctx.repo / ENTRIES).write_text("entries:\n  " + "- " * 20_000 + "x\n")


@builder
def deep_block_mapping(ctx: Context) -> None:
    lines = ["version: 1"] + [" " * level + "a:" for level in range(1500)]
    (ctx.repo / "sms20k.yaml").write_text("\n".join(lines) + " 1\n")


@builder
def nesting_under_limit(ctx: Context) -> None:
    manifest = ctx.repo / "sms20k.yaml"
    lines = manifest.read_text().splitlines()
    lines.insert(38, "extra: " + "[" * 998 + "]" * 998)  # becomes line 39
    manifest.write_text("\n".join(lines) + "\n")


# ------------------------------------------------------------------------- the manifest

@builder
def manifest_directory(ctx: Context) -> None:
    (ctx.repo / "sms20k.yaml").mkdir()


@builder
def manifest_fifo(ctx: Context) -> None:
    (ctx.repo / "sms20k.yaml").unlink()
    _fifo(ctx, ctx.repo / "sms20k.yaml")


@builder
def manifest_symlink_outside(ctx: Context) -> None:
    outside = ctx.tmp / "elsewhere.yaml"
    shutil.move(ctx.repo / "sms20k.yaml", outside)
    (ctx.repo / "sms20k.yaml").symlink_to(outside)


@builder
def manifest_symlink_loop(ctx: Context) -> None:
    (ctx.repo / "sms20k.yaml").unlink()
    (ctx.repo / "sms20k.yaml").symlink_to("sms20k.yaml")


@builder
def manifest_broken_symlink(ctx: Context) -> None:
    (ctx.repo / "sms20k.yaml").unlink()
    (ctx.repo / "sms20k.yaml").symlink_to("nowhere.yaml")


@builder
def manifest_unreadable(ctx: Context) -> None:
    _unreadable(ctx, ctx.repo / "sms20k.yaml")


@builder
def manifest_sparse_huge(ctx: Context) -> None:
    # 65 MiB by its size, but sparse: no disk is used, and sms20k must not read it anyway.
    with (ctx.repo / "sms20k.yaml").open("r+b") as handle:
        handle.truncate(65 * 1024 * 1024)


# ------------------------------------------------------------------------- evidence files

@builder
def evidence_big(ctx: Context) -> None:
    entries = ctx.repo / ENTRIES
    padding = "# padding to make the file large\n" * 1_000
    entries.write_text(entries.read_text() + padding)


@builder
def evidence_fifo(ctx: Context) -> None:
    _fifo(ctx, ctx.repo / "evidence" / "pipe.yaml")


@builder
def evidence_symlink_loop(ctx: Context) -> None:
    (ctx.repo / "evidence" / "loop.yaml").symlink_to("loop.yaml")


@builder
def evidence_broken_symlink(ctx: Context) -> None:
    (ctx.repo / "evidence" / "gone.yaml").symlink_to("nowhere.yaml")


@builder
def evidence_unreadable(ctx: Context) -> None:
    _unreadable(ctx, ctx.repo / ENTRIES)


@builder
def lockfile_fifo(ctx: Context) -> None:
    _fifo(ctx, ctx.repo / "sms20k.lock.json")


@builder
def lockfile_symlink_loop(ctx: Context) -> None:
    (ctx.repo / "sms20k.lock.json").symlink_to("sms20k.lock.json")


# ------------------------------------------------------------------------- include, checklists

@builder
def include_symlinked_dir_outside(ctx: Context) -> None:
    outside = ctx.tmp / "outside-evidence"
    shutil.move(ctx.repo / "evidence", outside)
    (ctx.repo / "evidence").symlink_to(outside)


@builder
def include_symlinked_file_outside(ctx: Context) -> None:
    stolen = ctx.tmp / "stolen.yaml"
    stolen.write_text("entries: []\n")
    (ctx.repo / "evidence" / "stolen.yaml").symlink_to(stolen)


@builder
def include_symlink_loop_storm(ctx: Context) -> None:
    for name in ("x", "y", "z"):
        (ctx.repo / "evidence" / name).symlink_to(".")
    manifest = ctx.repo / "sms20k.yaml"
    pattern = "evidence/" + "*/" * 40 + "*.yaml"
    manifest.write_text(manifest.read_text().replace("  - evidence/*.yaml", f'  - "{pattern}"'))


@builder
def checklists_symlink_outside(ctx: Context) -> None:
    outside = ctx.tmp / "outside-checklists"
    shutil.move(ctx.repo / "checklists", outside)
    (ctx.repo / "checklists").symlink_to(outside)


@builder
def checklists_symlink_loop(ctx: Context) -> None:
    shutil.rmtree(ctx.repo / "checklists")
    (ctx.repo / "checklists").symlink_to("checklists")


# ------------------------------------------------------------------------- references

@builder
def ref_symlink_outside(ctx: Context) -> None:
    secret = ctx.tmp / "secret.txt"
    secret.write_text("outside\n")
    (ctx.repo / "docs" / "link.txt").symlink_to(secret)


@builder
def ref_symlinked_dir_outside(ctx: Context) -> None:
    (ctx.tmp / "shared").mkdir()
    (ctx.tmp / "shared" / "secret.txt").write_text("outside\n")
    (ctx.repo / "shared").symlink_to(ctx.tmp / "shared")


@builder
def ref_dev_null(ctx: Context) -> None:
    (ctx.repo / "docs" / "null").symlink_to("/dev/null")


@builder
def ref_fifo(ctx: Context) -> None:
    _fifo(ctx, ctx.repo / "docs" / "pipe")


@builder
def ref_socket(ctx: Context) -> None:
    path = ctx.repo / "docs" / "sock"
    if len(os.fsencode(path)) >= 100:  # sun_path is about 108 bytes
        pytest.skip("temporary directory path too long for a Unix socket")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    ctx.cleanups.append(server.close)


@builder
def ref_device(ctx: Context) -> None:
    try:
        os.mknod(ctx.repo / "docs" / "zero", 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc.strerror}")


@builder
def ref_broken_symlink(ctx: Context) -> None:
    (ctx.repo / "docs" / "gone.md").symlink_to("nowhere.md")


@builder
def ref_symlink_loop(ctx: Context) -> None:
    (ctx.repo / "docs" / "loop.md").symlink_to("loop.md")


@builder
def ref_unreadable(ctx: Context) -> None:
    _unreadable(ctx, ctx.repo / "docs" / "export-procedure.md")


@builder
def ref_too_long_for_os(ctx: Context) -> None:
    """A path within sms20k's own limits (4096 characters, 255 per name) that is still
    longer than PATH_MAX once joined to the repository root."""
    room = 4096 - len(os.fsencode(ctx.repo)) + 20
    parts, left = [], room
    while left > 0:
        size = min(200, left)
        parts.append("p" * size)
        left -= size + 1
    target = "/".join(parts)
    assert len(target) <= 4096
    _point_reference_at(ctx, target)


def run_cleanups(ctx: Context) -> None:
    for cleanup in reversed(ctx.cleanups):
        with contextlib.suppress(OSError):
            cleanup()


# ------------------------------------------------------------------------- checklist files

SECRET = "TOP-SECRET-TOKEN: s3cr3t-value-never-printed"


@builder
def checklist_file_symlink_outside(ctx: Context) -> None:
    """A checklist file that is a symlink to a secret outside the repository; the secret is
    YAML-ish so that a regression that reads it would echo it in a schema error."""
    (ctx.tmp / "secret.yaml").write_text(SECRET + "\n")
    (ctx.repo / "checklists" / "X03.yaml").symlink_to(ctx.tmp / "secret.yaml")


@builder
def checklist_file_symlink_into_repo(ctx: Context) -> None:
    (ctx.repo / "docs" / "X03.yaml").write_text(SECRET + "\n")
    (ctx.repo / "checklists" / "X03.yaml").symlink_to("../docs/X03.yaml")


@builder
def checklist_dir_symlink_outside(ctx: Context) -> None:
    (ctx.tmp / "shared").mkdir()
    (ctx.tmp / "shared" / "X03.yaml").write_text(SECRET + "\n")
    (ctx.repo / "checklists" / "shared").symlink_to(ctx.tmp / "shared")


@builder
def checklist_file_symlink_loop(ctx: Context) -> None:
    (ctx.repo / "checklists" / "loop.yaml").symlink_to("loop.yaml")


@builder
def checklist_file_fifo(ctx: Context) -> None:
    _fifo(ctx, ctx.repo / "checklists" / "X03.yaml")


# ---------------------------------------------------------------- include patterns, scope size

INCLUDE_LINE = "  - evidence/*.yaml\n"


def _include(ctx: Context, patterns: list[str]) -> None:
    """Replace the manifest's one include pattern (line 40) by ``patterns``, one a line."""
    manifest = ctx.repo / "sms20k.yaml"
    text = manifest.read_text()
    assert INCLUDE_LINE in text
    manifest.write_text(text.replace(INCLUDE_LINE, "".join(f'  - "{p}"\n' for p in patterns)))


@builder
def include_duplicate_patterns(ctx: Context) -> None:
    _include(ctx, ["evidence/*.yaml"] * 10_000)


@builder
def include_duplicate_globstar_patterns(ctx: Context) -> None:
    for n in range(50):
        (ctx.repo / "evidence" / f"d{n}" / "e").mkdir(parents=True)
    _include(ctx, ["evidence/*.yaml"] + ["evidence/**/*.yaml"] * 10_000)


@builder
def include_duplicate_patterns_matching_nothing(ctx: Context) -> None:
    _include(ctx, ["evidence/*.yaml"] + ["teams/*.yaml"] * 5_000)


@builder
def include_many_patterns(ctx: Context) -> None:
    _include(ctx, [f"evidence/{'*' * n}.yaml" for n in range(1, 1_002)])


@builder
def include_many_patterns_many_directories(ctx: Context) -> None:
    for n in range(3_000):
        (ctx.repo / "tree" / f"d{n // 100}" / f"e{n}").mkdir(parents=True)
    _include(ctx, ["evidence/*.yaml"] + [f"**/e{n}/*.yaml" for n in range(300)])


SERVICES = "  services:\n"


def _services(ctx: Context, count: int, per_service: str | None = None) -> None:
    """``count`` SaaS services, one a line from line 11, replacing the fixture's two."""
    manifest = ctx.repo / "sms20k.yaml"
    text = manifest.read_text()
    start, end = text.index(SERVICES) + len(SERVICES), text.index("  per_service:")
    services = "".join(f"    - {{id: s{n}, name: S{n}, categories: [SaaS], "
                       f"deployment_models: [public]}}\n" for n in range(count))
    text = text[:start] + services + text[end:]
    if per_service is not None:
        text = text.replace("  per_service: [X02]\n", f"  per_service: {per_service}\n")
    manifest.write_text(text)


@builder
def services_201(ctx: Context) -> None:
    _services(ctx, 201)


@builder
def services_2000_all_per_service(ctx: Context) -> None:
    _services(ctx, 2_000, "[X01, X02, " + ", ".join(f"S{n:02d}" for n in range(1, 16)) + "]")


@builder
def results_over_limit_builtin(ctx: Context) -> None:
    # 105 services x the 192 built-in items that apply to them + 3 fixture items
    _services(ctx, 105, "[" + ", ".join(f"S{n:02d}" for n in range(1, 16)) + "]")


@builder
def results_over_limit_custom(ctx: Context) -> None:
    # 200 services x 101 generated items assessed per service = 20,200 results
    checklist = (ctx.repo / "checklists" / "X02.yaml").read_text()
    head, item = checklist.split("items:\n", 1)
    items = "".join(item.replace("X02.01", f"X02.{n:03d}") for n in range(1, 102))
    (ctx.repo / "checklists" / "X02.yaml").write_text(head + "items:\n" + items)
    _services(ctx, 200)


def _template_secret(ctx: Context) -> Path:
    secret = ctx.tmp / "template-secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c\n")
    (ctx.repo / "templates").mkdir(parents=True, exist_ok=True)
    return secret


@builder
def template_symlink_outside(ctx: Context) -> None:
    """templates/link.j2: a symlink to a secret outside the repository."""
    (ctx.repo / "templates" / "link.j2").symlink_to(_template_secret(ctx))


@builder
def template_directory_symlink_outside(ctx: Context) -> None:
    """templates/linked/: a symlink to the directory outside that holds a secret."""
    _template_secret(ctx)
    (ctx.repo / "templates" / "linked").symlink_to(ctx.tmp, target_is_directory=True)


@builder
def template_fifo(ctx: Context) -> None:
    """templates/pipe.j2: a FIFO; reading it would block."""
    (ctx.repo / "templates").mkdir(parents=True, exist_ok=True)
    _fifo(ctx, ctx.repo / "templates" / "pipe.j2")


# ------------------------------------------------------------------------- YAML expansion, lookups

def _lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@builder
def alias_bytes_string(ctx: Context) -> None:
    """The issue's payload: a 1 MB string aliased 2,000 times (2 GB once written out)."""
    _lines(ctx.repo / ENTRIES, ["entries:", "  - item: X01.01", "    status: implemented",
                                f"    notes: &n '{'x' * 1_000_000}'", "    evidence:"]
           + ["      - {url: 'https://a.example', description: *n}"] * 2_000)


@builder
def alias_bytes_manifest(ctx: Context) -> None:
    """The same in the manifest: a 1 MB organization name, copied into 2,000 services."""
    manifest = ctx.repo / "sms20k.yaml"
    text = manifest.read_text(encoding="utf-8")
    head = f"version: 1\nbig: &big '{'x' * 1_000_000}'\ncopies:\n"
    manifest.write_text(head + "  - *big\n" * 2_000 + text.replace("version: 1\n", "", 1),
                        encoding="utf-8")


@builder
def alias_bytes_doubling(ctx: Context) -> None:
    """A 100 KB string doubled twenty times through nested lists: 100 GB written out."""
    lines = ["entries: []", f"a0: &a0 '{'y' * 100_000}'"]
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]" for n in range(1, 21)]
    (ctx.repo / ENTRIES).write_text("\n".join(lines) + "\n", encoding="utf-8")


@builder
def alias_bytes_mapping_values(ctx: Context) -> None:
    """A mapping holding a 200 KB text, aliased as the value of 1,000 keys."""
    _lines(ctx.repo / ENTRIES, ["entries: []", f"base: &m {{text: '{'z' * 200_000}'}}"]
           + [f"k{i}: *m" for i in range(1_000)])


@builder
def many_unknown_keys_manifest(ctx: Context) -> None:
    """20,000 unknown keys in the manifest's organization (line 3 onwards)."""
    manifest = ctx.repo / "sms20k.yaml"
    keys = "".join(f"  unknown_key_{i}: 1\n" for i in range(20_000))
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("  name: Fixture Cloud\n", "  name: Fixture Cloud\n" + keys,
                                     1), encoding="utf-8")


@builder
def many_unknown_keys_entry(ctx: Context) -> None:
    """One evidence entry with 20,000 unknown keys, some close to real field names."""
    _lines(ctx.repo / ENTRIES, ["entries:", "  - item: X01.01", "    status: planned"]
           + [f"    {('stat', 'owner', 'x')[i % 3]}{i}: 1" for i in range(20_000)])


@builder
def many_unknown_items(ctx: Context) -> None:
    """20,000 entries, each for a distinct item id that is close to, but not in, the catalog."""
    with (ctx.repo / ENTRIES).open("w", encoding="utf-8") as handle:
        handle.write("entries:\n")
        handle.writelines(f"  - {{item: X{i // 100:03d}.{i % 100:02d}, status: planned}}\n"
                          for i in range(20_000))


@builder
def many_unknown_exclusions(ctx: Context) -> None:
    """20,000 exclusions of ids that do not exist, appended to the manifest's exclusions."""
    manifest = ctx.repo / "sms20k.yaml"
    text = manifest.read_text(encoding="utf-8")
    extra = "".join(f"  - {{id: S{i % 100:02d}.{i:05d}, justification: none}}\n"
                    for i in range(20_000))
    marker = "options:\n"
    manifest.write_text(text.replace(marker, extra + marker, 1), encoding="utf-8")
