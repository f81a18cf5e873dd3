"""SIGINT in the middle of writing reports leaves no partial report file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import generate_repo

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_interrupted_assess_leaves_only_whole_files(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    generate_repo(3000, repo, seed=1, docs_per_item=0)
    sms20k = Path(sys.executable).with_name("sms20k")
    outcomes = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8):
        out = tmp_path / f"out-{delay}"
        proc = subprocess.Popen(
            [str(sms20k), "assess", str(repo), "-f", "html", "-f", "md", "-f", "json",
             "-f", "csv", "-o", str(out), "-q"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        outcomes.add(proc.returncode)
        assert "Traceback" not in err
        if proc.returncode == 130:
            assert "interrupted" in err
        files = sorted(p.name for p in out.iterdir()) if out.exists() else []
        assert not [n for n in files if n.endswith(".tmp")], files
        if "report.html" in files:
            assert (out / "report.html").read_text().rstrip().endswith("</html>")
        if "report.json" in files:
            assert (out / "report.json").read_text().rstrip().endswith("}")
    assert 130 in outcomes, f"no run was interrupted: {outcomes}"
    assert os.listdir(tmp_path)
