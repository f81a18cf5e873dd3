"""The PDF report: WeasyPrint is optional, offline, and its absence is an input error."""

from __future__ import annotations

import builtins
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.errors import InputError, UsageError
from sms20k.formats import get_renderer
from sms20k.formats.pdf import html_to_pdf, load_weasyprint, offline_fetcher

from ..conftest import DATA, Invoke


def _weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


# .ci/run sets SMS20K_REQUIRE_PDF=1 once Pango is installed: from then on a WeasyPrint that
# cannot load fails the PDF tests instead of skipping them.
REQUIRE_PDF = os.environ.get("SMS20K_REQUIRE_PDF") == "1"
needs_weasyprint = pytest.mark.skipif(not REQUIRE_PDF and not _weasyprint_loads(),
                                      reason="WeasyPrint or its system libraries missing")


@pytest.mark.skipif(not REQUIRE_PDF, reason="SMS20K_REQUIRE_PDF is not set")
def test_weasyprint_loads_where_its_libraries_were_installed() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.fail(f"SMS20K_REQUIRE_PDF=1 but WeasyPrint cannot load: {exc}")
needs_html = pytest.mark.skipif(importlib.util.find_spec("sms20k.formats.html") is None,
                                reason="the HTML report is not there yet")


@pytest.fixture(scope="module")
def report() -> Report:
    return assess(DATA / "assess" / "small").report


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(DATA)
    return Path("assess/small")


def pdf_text(pdf: bytes, tmp_path: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    (tmp_path / "r.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", tmp_path / "r.pdf", "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int | None:
    if shutil.which("pdfinfo") is None:
        return None
    (tmp_path / "r.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", tmp_path / "r.pdf"], check=True, capture_output=True,
                          text=True).stdout
    return next(int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:"))


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError


def test_missing_weasyprint_is_an_input_error(no_weasyprint: None, report: Report) -> None:
    with pytest.raises(InputError) as info:
        get_renderer("pdf").encode(report)
    assert "pip install 'sms20k[pdf]'" in str(info.value) and "Pango" in str(info.value)
    assert info.value.exit_code == 2


def test_missing_system_libraries_are_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(InputError, match=r"libpango-1\.0-0.*sms20k\[pdf\]"):
        load_weasyprint()


def test_cli_without_weasyprint_exits_2(no_weasyprint: None, invoke: Invoke, in_data: Path,
                                        tmp_path: Path) -> None:
    result = invoke(["assess", in_data, "-f", "pdf", "-o", tmp_path, "-q"], code=2)
    assert "sms20k[pdf]" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "report.pdf").exists()


def test_pdf_is_binary_only(report: Report) -> None:
    renderer = get_renderer("pdf")
    assert renderer.filename == "report.pdf" and renderer.supports(report)
    with pytest.raises(UsageError, match="binary"):
        renderer.render(report)


@needs_weasyprint
def test_fetcher_allows_only_data_urls() -> None:
    fetch = offline_fetcher(load_weasyprint())
    for url in ("http://example.com/x.css", "https://example.com/x.png", "file:///etc/passwd",
                "ftp://example.com/x"):
        with pytest.raises(ValueError):
            fetch(url)
    assert fetch("data:text/plain,hello") is not None


@needs_weasyprint
def test_conversion_stays_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: calls.append(address))
    secret = tmp_path / "secret.css"
    secret.write_text("h1 { color: red }")
    pdf = html_to_pdf(
        f'<link rel="stylesheet" href="{secret.as_uri()}"><h1>Stratus &lt;b&gt;Cloud</h1>'
        '<img src="http://127.0.0.1:9/pixel.png"><img src="https://example.com/p.png">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 '
        'width=%2210%22 height=%2210%22/%3E">')
    assert pdf.startswith(b"%PDF") and calls == []
    text = pdf_text(pdf, tmp_path)
    assert text is None or "Stratus <b>Cloud" in text


@needs_weasyprint
@needs_html
def test_report_pdf(report: Report, tmp_path: Path) -> None:
    pdf = get_renderer("pdf").encode(report)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    pages = pdf_pages(pdf, tmp_path)
    assert pages is None or pages > 1
    assert len(pdf) > 10_000
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    text = pdf_text(pdf, tmp_path)
    if text is not None:
        assert "Stratus <b>Cloud</b> & Co" in text and "X02.02" in text


@needs_weasyprint
@needs_html
def test_cli_writes_report_pdf(invoke: Invoke, in_data: Path, tmp_path: Path) -> None:
    invoke(["assess", in_data, "-f", "pdf", "-f", "md", "-o", tmp_path, "-q"])
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "report.md").is_file()



def _catalog(pdf: bytes) -> Any:
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).trailer["/Root"]


def _structure_types(node: Any, found: set[str]) -> set[str]:
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _structure_types(child, found)
    elif hasattr(node, "keys") and "/S" in node:
        found.add(str(node["/S"]))
        if "/K" in node:
            _structure_types(node["/K"], found)
    return found


@needs_weasyprint
@needs_html
def test_report_pdf_is_tagged(report: Report) -> None:
    """PDF/UA-1: a structure tree a screen reader can follow, marked content, a language."""
    catalog = _catalog(get_renderer("pdf").encode(report))
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert catalog["/Lang"] == "en"
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/Type"] == "/StructTreeRoot" and "/ParentTree" in tree
    found = _structure_types(tree["/K"], set())
    assert {"/Document", "/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/Link"} <= found


@needs_weasyprint
def test_a_fragment_without_lang_gets_english() -> None:
    catalog = _catalog(html_to_pdf("<h1>Stratus</h1><p>no lang attribute</p>"))
    assert catalog["/Lang"] == "en" and "/StructTreeRoot" in catalog
    assert _catalog(html_to_pdf('<html lang="de"><p>Bericht</p></html>'))["/Lang"] == "de"
