"""PDF: the HTML report, printed by WeasyPrint (the optional extra ``sms20k[pdf]``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sms20k.assessment.model import Meta, Report
from sms20k.errors import InputError, UsageError
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View

INSTALL_HINT = (
    "install it with `pip install 'sms20k[pdf]'`; WeasyPrint also needs the Pango system "
    "libraries, e.g. `apt-get install libpango-1.0-0 libpangoft2-1.0-0` on Debian or Ubuntu, "
    "`brew install pango` on macOS"
)


def load_weasyprint() -> Any:
    """WeasyPrint, or an InputError (exit 2) that says how to install it."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:
        # OSError: the package is there but cannot load Pango or its other C libraries.
        raise InputError(f"the pdf format needs WeasyPrint, which cannot be loaded ({exc})",
                         hint=INSTALL_HINT) from None
    return weasyprint


def offline_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that refuses everything but data: URLs, so a report never phones home
    nor embeds local files named in the evidence."""
    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    if fetcher_class is not None:  # WeasyPrint 68 and later take a fetcher object
        return fetcher_class(allowed_protocols=("data",), allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.lower().startswith("data:"):
            raise ValueError(f"PDF reports fetch no external resources: {url}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


# Reports are written in English; <html lang> overrides it, a bare fragment gets it.
DEFAULT_LANG = "en"


def _silent(message: str) -> None:
    """No progress line."""


def html_to_pdf(html: str, meta: Meta | None = None,
                progress: Callable[[str], None] | None = None) -> bytes:
    """Tagged PDF (PDF/UA-1: a structure tree, /MarkInfo, the document language), so screen
    readers and PDF/UA checkers can follow headings, tables and reading order."""
    tell = progress or _silent
    weasyprint = load_weasyprint()
    tell("laying out the PDF pages")
    # No base URL: relative links stay relative to the report directory, and relative
    # stylesheets or images are never resolved against the working directory.
    document = weasyprint.HTML(string=html, base_url=None,
                               url_fetcher=offline_fetcher(weasyprint)).render()
    tell(f"writing the PDF ({len(document.pages)} pages)")
    metadata = document.metadata
    metadata.created = metadata.modified = None  # same inputs, same dates: none
    metadata.lang = metadata.lang or DEFAULT_LANG
    if meta is not None:
        metadata.title = f"{meta.organization}: {meta.title}"
        metadata.authors = [meta.assessor]
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


class PdfRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        raise UsageError("the pdf format is binary; it writes report.pdf and prints nothing")

    def encode(self, view: View, options: RenderOptions | None = None) -> bytes:
        self.require(view)
        assert isinstance(view, Report)
        load_weasyprint()  # fail on the missing extra before any other work
        from sms20k.formats.html import report_html

        # Evidence paths stay repository-relative: a PDF travels without the repository, and
        # the way from the report directory to it would show where it lies on this machine.
        options = replace(options or RenderOptions(), link_prefix="")
        tell = options.progress or _silent
        tell("rendering the HTML for the PDF")
        html = report_html(view, options, printed=True)
        return html_to_pdf(html, view.meta, tell)
