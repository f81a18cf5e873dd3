"""The report files of ``sms20k assess``: every one rendered first, then all written at once."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from sms20k import outputs
from sms20k.assessment.run import AssessmentResult
from sms20k.atomic import write_all
from sms20k.formats import describe, get_renderer
from sms20k.formats.interface import RenderOptions
from sms20k.modelbase import View


def report_options(root: Path, directory: Path, edition: str, by: str,
                   ci: RenderOptions | None = None) -> RenderOptions:
    """Links in a report are relative to the directory the report is written to; ``ci``
    carries how the CI formats write paths and JUnit locations."""
    prefix = os.path.relpath(root.resolve(), directory.resolve()).replace(os.sep, "/")
    ci = ci or RenderOptions()
    return replace(ci, edition=edition, by=by, link_prefix="" if prefix == "." else prefix)


def render_file(name: str, view: View, path: Path, options: RenderOptions) -> bytes:
    """One format's report file; an error says which format failed."""
    try:
        data = get_renderer(name).encode(view, options)
    except Exception as exc:
        note = f"rendering the {name} format"
        if sys.version_info >= (3, 11):
            exc.add_note(note)
        else:  # the handler reads __notes__ on every Python
            setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
        raise
    outputs.check_size(path, len(data))
    return data


def _rendered(view: View, formats: Iterable[str], directory: Path,
              options: RenderOptions) -> list[tuple[Path, bytes | str]]:
    """Every format of ``formats`` that writes a file, rendered, nothing written yet."""
    rendered: list[tuple[Path, bytes | str]] = []
    for name in dict.fromkeys(formats):
        filename = describe(name).filename
        if filename:
            path = directory / filename
            rendered.append((path, render_file(name, view, path, options)))
    return rendered


def _write(rendered: list[tuple[Path, bytes | str]], directory: Path) -> list[Path]:
    """Write each file atomically: all of them or, on any error, none."""
    if rendered:
        outputs.make_directory(directory)
        write_all(rendered)
    return [path for path, _ in rendered]


def write_reports(result: AssessmentResult, formats: Sequence[str], directory: Path, *,
                  template: Path | None = None, edition: str = "2018",
                  by: str = "scenario", ci: RenderOptions | None = None) -> list[Path]:
    """Render every format that writes a file, and the user's template, then check every
    target and write them all or, on any error, none."""
    outputs.check_output_dir(directory)
    options = report_options(result.root, directory, edition, by, ci)
    rendered = _rendered(result.report, formats, directory, options)
    if template is not None:
        rendered.append(_render_template(result, template, directory, options))
    return _write(rendered, directory)


# The formats a CI job reads: on a repository that cannot be loaded, assess still writes them
# (with the load problems), so the job's artifact is never missing or empty.
CI_FORMATS = ("sarif", "junit", "codequality", "github")


def write_load_failure(view: View, formats: Sequence[str], directory: Path,
                       ci: RenderOptions | None = None) -> list[Path]:
    """The CI formats' report files for a repository that could not be loaded."""
    outputs.check_output_dir(directory)
    chosen = (n for n in formats if n in CI_FORMATS)
    return _write(_rendered(view, chosen, directory, ci or RenderOptions()), directory)


def _render_template(result: AssessmentResult, template: Path, directory: Path,
                     options: RenderOptions) -> tuple[Path, str]:
    """A user's template, in Jinja's sandbox with the same context as the HTML report."""
    from sms20k.formats.user_templates import output_name, render_user_template

    target = directory / output_name(template.name)
    outputs.check_output_file(target)
    return target, render_user_template(template, result.report, options)
