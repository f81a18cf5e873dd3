"""Compare two assessment reports: improved and regressed items, findings, score deltas."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from sms20k.assessment.model import (
    CLASS_RANK,
    FINDING_CLASSES,
    Change,
    Delta,
    ItemResult,
    Report,
    ScoreDelta,
)
from sms20k.errors import InputError
from sms20k.yamlio import read_bytes

RESULT_RANK = {"conformant": 0, "partially-conformant": 1, "nonconformant": 2,
               "not-assessed": 2}


def load_report(path: Path) -> Report:
    raw = read_bytes(path, str(path))
    try:
        return Report.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "(document)"
        raise InputError(f"not an sms20k report ({where}: {first['msg']})", path=str(path),
                         hint="pass a report.json written by `sms20k assess -f json`") from None


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
        was_finding = was is not None and was.finding_class is not None
        now_finding = now is not None and now.finding_class is not None
        if now_finding and not was_finding:
            appeared.append(_change(was, now))
        elif was_finding and not now_finding:
            resolved.append(_change(was, now))
        if was is not None and now is not None:
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
