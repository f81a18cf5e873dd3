"""``sms20k assess``: validate, assess, and write the reports."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sms20k import outputs
from sms20k.assessment.diff import compare, load_report
from sms20k.assessment.engine import Engine
from sms20k.assessment.gates import evaluate
from sms20k.assessment.model import GateOutcome, Report
from sms20k.atomic import write_all, write_atomic
from sms20k.evidence.checks import Checker
from sms20k.evidence.hashing import Progress
from sms20k.evidence.policy import FailOn
from sms20k.evidence.validate import load_with_catalog
from sms20k.formats import get_renderer
from sms20k.formats.interface import RenderOptions
from sms20k.yamlio import DEFAULT_MAX_BYTES


@dataclass
class Assessment:
    report: Report
    root: Path

    @property
    def failed_gates(self) -> list[GateOutcome]:
        return [g for g in self.report.gates if not g.passed]


def assess(location: Path, checklist_dirs: Sequence[Path] = (), *,
           as_of: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           progress: Progress | None = None, fail_on: FailOn | None = None,
           fail_under: float | None = None, baseline: Path | None = None) -> Assessment:
    """Judge the repository as of ``as_of``, SOURCE_DATE_EPOCH, or the assessment date."""
    repo, catalog = load_with_catalog(location, checklist_dirs, max_bytes=max_bytes)
    if as_of is None:
        from sms20k.asof import resolve_as_of

        as_of = (resolve_as_of() if os.environ.get("SOURCE_DATE_EPOCH")
                 else repo.manifest.assessment.date)
    findings = Checker(repo, catalog, as_of).run(progress)
    report = Engine(repo, catalog, findings, as_of, repo.manifest.rules).report()
    delta = None
    if baseline is not None:
        old = load_report(baseline)
        delta = compare(old, report, old_name=f"{baseline} (as of {old.meta.as_of})",
                        new_name=f"as of {report.meta.as_of}")
    gates = evaluate(report, repo.manifest.policy, fail_on=fail_on, fail_under=fail_under)
    return Assessment(report.model_copy(update={"gates": gates, "baseline": delta}), repo.root)


def prepare_output(directory: Path) -> None:
    """Create the output directory, refusing a symlink or a non-directory on the way."""
    with outputs.directory(directory, create=True):
        pass


def _options(assessment: Assessment, directory: Path, edition: str, by: str) -> RenderOptions:
    """Links in a report are relative to the directory the report is written to."""
    prefix = os.path.relpath(assessment.root.resolve(), directory.resolve()).replace(os.sep, "/")
    return RenderOptions(edition=edition, by=by, link_prefix="" if prefix == "." else prefix)


def write_reports(assessment: Assessment, formats: Sequence[str], directory: Path, *,
                  edition: str = "2011", by: str = "scenario") -> list[Path]:
    """Render every format and check every target first, then write each file atomically."""
    outputs.check_output_dir(directory)
    options = _options(assessment, directory, edition, by)
    rendered: list[tuple[Path, bytes]] = []
    for fmt in dict.fromkeys(formats):
        renderer = get_renderer(fmt)
        if not renderer.filename:
            continue
        path = directory / renderer.filename
        data = renderer.encode(assessment.report, options)
        outputs.check_size(path, len(data))
        rendered.append((path, data))
    if rendered:
        prepare_output(directory)
        write_all(rendered)
    return [path for path, _ in rendered]


def render_template(assessment: Assessment, template: Path, directory: Path, *,
                    edition: str = "2011", by: str = "scenario") -> Path:
    """Render a user's template in Jinja's sandbox with the same context as the HTML report."""
    from sms20k.formats.templates import output_name, render_user_template

    target = directory / output_name(template.name)
    outputs.check_output_file(target)
    options = _options(assessment, directory, edition, by)
    text = render_user_template(template, assessment.report, options)
    write_atomic(target, text, parents=True)
    return target
