"""Compare two assessment reports: improved and regressed items, findings, score deltas."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from sms20k.assessment.model import (
    CLASS_RANK,
    FINDING_CLASSES,
    REPORT_FORMAT_VERSION,
    Change,
    Delta,
    ItemResult,
    Report,
    ScoreDelta,
)
from sms20k.errors import InputError
from sms20k.schema_errors import json_problem
from sms20k.yamlio import read_bytes

RESULT_RANK = {"conformant": 0, "partially-conformant": 1, "nonconformant": 2,
               "not-assessed": 2}


def _from_format_1(report: Report) -> Report:
    """A format-1 report in the terms of format 2, so that the two compare sensibly.

    Format 1 scored a not-assessed result 0 with an observation, and gave a waived result no
    verdict at all; format 2 leaves a not-assessed result out of findings and scores, and
    keeps a waived result's verdict, marking it ``waived``.
    """
    results = [
        r.model_copy(update={"finding_class": None, "score": None}) if r.result == "not-assessed"
        else r.model_copy(update={"waived": r.waiver is None or not r.waiver.expired})
        if r.result == "waived" else r
        for r in report.results
    ]
    return report.model_copy(update={"results": results})


def load_report(path: Path) -> Report:
    """A report written by ``assess -f json``, of this format or of format 1."""
    raw = read_bytes(path, str(path))
    try:
        report = Report.model_validate_json(raw)
    except ValidationError as exc:
        known = _not_a_report(raw)
        if known is not None:
            message, hint = known
            line = None
        else:
            message, _, line = json_problem(exc, Report)
            hint = REPORT_HINT
        raise InputError(f"not an sms20k report: {message}", path=str(path), line=line,
                         hint=hint) from None
    if not 1 <= report.format_version <= REPORT_FORMAT_VERSION:
        message, hint = _format_problem(report.format_version)
        raise InputError(f"not an sms20k report: {message}", path=str(path), hint=hint)
    return _from_format_1(report) if report.format_version < 2 else report


REPORT_HINT = "pass a report.json written by `sms20k assess -f json`"


def _not_a_report(raw: bytes) -> tuple[str, str] | None:
    """What a file that does not validate is, when that says more than its first error:
    another kind of document, or a report of a format this version does not read."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    kind = data.get("kind", "assessment")
    if kind != "assessment":
        return f"its kind is {str(kind)[:60]!r}, not 'assessment'", REPORT_HINT
    version = data.get("format_version", REPORT_FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) \
            and not 1 <= version <= REPORT_FORMAT_VERSION:
        return _format_problem(version)
    return None


def _format_problem(version: int) -> tuple[str, str]:
    if version > REPORT_FORMAT_VERSION:
        return (f"format_version {version} is newer than this sms20k reads "
                f"(1 to {REPORT_FORMAT_VERSION})",
                "upgrade sms20k, or compare reports written by this version")
    return (f"format_version {version} is not a report format (1 to {REPORT_FORMAT_VERSION})",
            REPORT_HINT)


def _delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else round(new - old, 1)


def _change(old: ItemResult | None, new: ItemResult | None) -> Change:
    ref = new or old
    assert ref is not None
    return Change(item=ref.item, service=ref.service, title=ref.title,
                  old_result=old.result if old else None, new_result=new.result if new else None,
                  old_class=old.finding_class if old else None,
                  new_class=new.finding_class if new else None)


def _class_rank(finding_class: str | None) -> int:
    """CLASS_RANK, with no finding ranked after the mildest class."""
    return len(FINDING_CLASSES) if finding_class is None else CLASS_RANK[finding_class]


def _worse(old: ItemResult, new: ItemResult) -> int:
    """Positive when ``new`` is worse than ``old``, negative when better, 0 when the same."""
    if old.result in RESULT_RANK and new.result in RESULT_RANK:
        step = RESULT_RANK[new.result] - RESULT_RANK[old.result]
        if step:
            return step
    return _class_rank(old.finding_class) - _class_rank(new.finding_class)


def compare(old: Report, new: Report, old_name: str = "baseline",
            new_name: str = "current") -> Delta:
    before = {(r.item, r.service): r for r in old.results}
    after = {(r.item, r.service): r for r in new.results}
    improved, regressed, appeared, resolved = [], [], [], []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1] or "")):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was.result == "waived" and now.waived:
            # A format-1 waiver hid the verdict that format 2 shows: nothing changed.
            continue
        was_finding = was is not None and was.finding_class is not None
        now_finding = now is not None and now.finding_class is not None
        # Not assessed on one side is no judgement: a finding that is no longer assessed is
        # not resolved, and a result assessed for the first time neither improved nor
        # regressed (its finding, if any, is new).
        unjudged = (was is not None and not was.assessed) or (now is not None and not now.assessed)
        if now_finding and not was_finding:
            appeared.append(_change(was, now))
        elif was_finding and not now_finding and (now is None or now.assessed):
            resolved.append(_change(was, now))
        if was is not None and now is not None and not unjudged:
            step = _worse(was, now)
            if step > 0:
                regressed.append(_change(was, now))
            elif step < 0:
                improved.append(_change(was, now))
    old_scores = {s.id: s for s in old.scenarios}
    scenarios = [
        ScoreDelta(id=s.id, title=s.title, old=old_scores[s.id].score if s.id in old_scores
                   else None, new=s.score,
                   delta=_delta(old_scores[s.id].score if s.id in old_scores else None, s.score))
        for s in new.scenarios
    ]
    overall = ScoreDelta(id="overall", title="Overall", old=old.summary.score,
                         new=new.summary.score,
                         delta=_delta(old.summary.score, new.summary.score))
    return Delta(old=old_name, new=new_name, overall=overall, scenarios=scenarios,
                 improved=improved, regressed=regressed, new_findings=appeared,
                 resolved_findings=resolved)
