"""Generated repositories, cached outside the source tree and keyed by what made them."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measure import CommandFailed, progress

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GENERATE = HERE / "generate.py"
HOSTILE = HERE / "hostile.py"
CHECKLISTS = ROOT / "checklists"


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


def generator_digest(*scripts: Path) -> str:
    """Changes when generate.py, the other ``scripts`` or the built-in checklists change,
    and with them the output."""
    state = hashlib.sha256(GENERATE.read_bytes())
    for script in scripts:
        state.update(script.read_bytes())
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
        self.hostile_digest = generator_digest(HOSTILE)

    def get(self, spec: RepoSpec) -> Path:
        def write(partial: Path) -> None:
            done = subprocess.run(
                [sys.executable, str(GENERATE), *spec.args(), "--out", str(partial)],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise CommandFailed("generate.py", done.returncode, done.stderr)

        return self.make(spec.key(self.digest), write)

    def make(self, name: str, write: Callable[[Path], None]) -> Path:
        """The cached directory ``name``, written by ``write(partial)`` the first time."""
        final = self.directory / name
        if final.is_dir():
            return final
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(f"{final.name}.partial-{os.getpid()}")
        progress(f"generating {final.name} (once; cached in {self.directory})")
        try:
            write(partial)
            try:
                partial.rename(final)
            except OSError:
                if not final.is_dir():  # a directory there means another run won the race
                    raise
        finally:
            if partial.exists():
                shutil.rmtree(partial)
        return final

    def hostile(self, kind: str, n: int) -> Path:
        """An input of benchmarks/hostile.py."""
        def write(partial: Path) -> None:
            done = subprocess.run(
                [sys.executable, str(HOSTILE), kind, str(n), "--out", str(partial)],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise CommandFailed("hostile.py", done.returncode, done.stderr)

        return self.make(f"hostile-{kind}-{n}-{self.hostile_digest}", write)

    def unlocked(self, repo: Path) -> Path:
        """The same repository without its lock file: hard links, so no data is copied and
        the page cache holds the same files."""
        def write(partial: Path) -> None:
            shutil.copytree(repo, partial, copy_function=os.link,
                            ignore=lambda _dir, names: [n for n in names
                                                        if n == "sms20k.lock.json"])

        return self.make(f"{repo.name}-unlocked", write)


def yaml_files(repo: Path) -> list[str]:
    """The manifest and the evidence files generate.py writes (``include: evidence/*.yaml``)."""
    return [str(repo / "sms20k.yaml"), *map(str, sorted((repo / "evidence").glob("*.yaml")))]
