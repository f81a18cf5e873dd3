"""Case 7: the client documents of the example (issue 16): the PDF against the HTML report
of the same repository, and the Word and Excel reports beside them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from bench import EXAMPLE, Bench
from measure import Arm, Samples
from results import Row, Target, compare

FORMATS = {"pdf": "report.pdf", "html": "report.html", "docx": "report.docx",
           "xlsx": "report.xlsx"}


def pages(pdf: Path) -> str:
    """The page count, from poppler's pdfinfo or else pypdf; why not, when neither is
    there."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        done = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True)
        found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
        if done.returncode == 0 and found:
            return f"{int(found[1]):,} pages"
    try:
        from pypdf import PdfReader
    except ImportError:
        return "pages not counted (no pdfinfo, no pypdf)"
    return f"{len(PdfReader(pdf).pages):,} pages"


def cpu(samples: Samples) -> str:
    return f"CPU {sorted(samples.cpu)[len(samples.cpu) // 2]:.1f} s"


def documents(bench: Bench, case: str) -> list[Row]:
    out = {name: bench.scratch / f"documents-{name}" for name in FORMATS}

    def assess(name: str, runs: int | None = None, warm: bool = True) -> Arm:
        return bench.arm(f"example {name}",
                         [bench.sms20k, "assess", str(EXAMPLE), "-f", name, "-o",
                          str(out[name]), "-q"],
                         f"sms20k assess examples/nimbus-cloud -f {name} -o TMP -q",
                         runs=runs, warm=warm)

    # The PDF takes minutes: fewer runs, and no warm-up of its own (the HTML's warms
    # sms20k and the example; WeasyPrint's bytecode is compiled when it is installed).
    arms = [assess("html"), assess("pdf", runs=bench.settings.pdf_runs, warm=False),
            assess("docx"), assess("xlsx")]
    s = bench.measure(case, arms, bench.settings.runs)
    html = s["example html"]
    pdf = s["example pdf"]

    def size(name: str) -> str:
        return f"{(out[name] / FORMATS[name]).stat().st_size / 1e6:.1f} MB"

    return [
        compare(case, "example pdf", pdf, "example html", html, Target("<=", 8.0),
                note=f"{pages(out['pdf'] / FORMATS['pdf'])}, {size('pdf')}; {cpu(pdf)} "
                f"against {cpu(html)}; {len(pdf.seconds)} run(s), no warm-up"),
        compare(case, "example docx", s["example docx"], "example html", html,
                note=f"{size('docx')}; {cpu(s['example docx'])}"),
        compare(case, "example xlsx", s["example xlsx"], "example html", html,
                note=f"{size('xlsx')}; {cpu(s['example xlsx'])}"),
    ]
