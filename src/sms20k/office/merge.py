"""Plan the merge of questionnaire answers into the evidence files: what changes in which
entry, which answers conflict with edits made since the export, and the new files' text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sms20k import codes
from sms20k.errors import ProblemsError
from sms20k.evidence.models import Entry, Reference
from sms20k.evidence.repo import Located, Repository
from sms20k.findings import Finding, Level, label
from sms20k.office.answers import Answer, Problems
from sms20k.office.layout import INDEX, entry_hash
from sms20k.office.reflines import same_target
from sms20k.office.rows import entries_by_key, relative_file
from sms20k.office.yamledit import EntryEdit
from sms20k.schema_errors import describe

SCALARS = ("status", "owner", "reviewed", "notes")


@dataclass
class Change:
    """One entry updated or added, and the words the plan says about it."""

    item: str
    service: str | None
    file: str
    line: int | None
    added: bool
    fields: list[str]
    edit: EntryEdit | None = None
    new_entry: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return label(self.item, self.service)


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    """Rows with answers that the repository already holds."""


def plan_merge(repo: Repository, answers: list[Answer], display: str, into: str, *,
               force: bool) -> Plan:
    """The changes the answers make; a ProblemsError lists invalid results and conflicts."""
    problems = Problems(display)
    conflicts: list[Finding] = []
    current = entries_by_key(repo)
    plan = Plan()
    for answer in answers:
        if not answer.given:
            continue
        located = current.get((answer.item, answer.service))
        change = _change(repo, answer, located, into, problems)
        if change is None:
            plan.unchanged += 1
            continue
        now = entry_hash(located.value if located else None)
        if now != answer.record.entry_sha256 and not force:
            conflicts.append(_conflict(answer, located, display))
            continue
        plan.changes.append(change)
    if problems.found or conflicts:
        raise ProblemsError([*problems.found, *conflicts])
    return plan


def _conflict(answer: Answer, located: Located[Entry] | None, display: str) -> Finding:
    what = "was added" if answer.record.entry_sha256 == "absent" else (
        "was removed" if located is None else "changed")
    place = f"{display}:{answer.place('item')}"
    message = (f"{label(answer.item, answer.service)} {what} in the repository since the "
               f"questionnaire was exported; its answers (row {answer.row} of "
               f"{answer.sheet!r}) are not applied")
    hint = "compare the two, then import again with --force to apply the answers over it"
    if located is None:
        return codes.SCHEMA.at(place, None, None, message, level=Level.ERROR, hint=hint,
                               item=answer.item, service=answer.service)
    return located.finding(codes.SCHEMA, message, level=Level.ERROR, hint=hint,
                           item=answer.item, service=answer.service)


def _change(repo: Repository, answer: Answer, located: Located[Entry] | None, into: str,
            problems: Problems) -> Change | None:
    given = answer.given
    entry = located.value if located else None
    fields = {key: given[key] for key in SCALARS
              if key in given and (entry is None or getattr(entry, key) != given[key])}
    references, appended = _evidence(entry.evidence if entry else [], given.get("evidence", []))
    if not (fields or references or appended):
        return None
    data: dict[str, Any] = (entry.model_dump(exclude_unset=True) if entry else
                            {"item": answer.item, **({"service": answer.service}
                                                     if answer.service else {})})
    data.update(fields)
    evidence = [dict(r) for r in data.get("evidence", [])]
    for index, update in references.items():
        evidence[index].update(update)
    if evidence or appended:
        data["evidence"] = [*evidence, *appended]
    if not _valid(data, answer, problems):
        return None
    words = [_word(key, entry, given[key]) for key in fields]
    words += [f"evidence {len(references)} updated"] if references else []
    words += [f"evidence +{len(appended)}"] if appended else []
    if located is None:
        return Change(answer.item, answer.service, into, None, True, words,
                      new_entry=_ordered(data))
    pos = located.doc.locate(located.loc)
    position = located.loc[-1]
    assert isinstance(position, int)
    return Change(answer.item, answer.service, relative_file(repo.root, located.doc.display),
                  pos.line if pos else None, False, words,
                  edit=EntryEdit(position, fields, references, appended))


def _evidence(existing: list[Reference], lines: list[dict[str, Any]]
              ) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    """Updates to existing references (same target) and the new ones; a reference left out
    of the cell is kept."""
    updates: dict[int, dict[str, Any]] = {}
    appended: list[dict[str, Any]] = []
    for line in lines:
        index = next((n for n, ref in enumerate(existing) if same_target(ref, line)), None)
        if index is None:
            if not any(same_target(Reference.model_validate(a), line) for a in appended):
                appended.append(line)
            continue
        ref = existing[index]
        update = {}
        if " ".join(ref.description.split()) != line["description"]:
            update["description"] = line["description"]
        if line.get("kind") and line["kind"] != ref.kind:
            update["kind"] = line["kind"]
        if update:
            updates.setdefault(index, {}).update(update)
    return updates, appended


def _valid(data: dict[str, Any], answer: Answer, problems: Problems) -> bool:
    before = len(problems.found)
    if "status" not in data:
        problems.add(codes.SCHEMA, answer.place("status"), f"{label(answer.item, answer.service)}"
                     " has no entry yet, so its answers need a status", "choose a status",
                     answer.item, answer.service)
        return False
    try:
        entry = Entry.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else "status"
            column = key if key in INDEX else "status"
            message, hint = describe(error, Entry)
            problems.add(codes.SCHEMA, answer.place(column), message, hint, answer.item,
                         answer.service)
        return False
    if entry.status == "not-applicable" and not entry.justification:
        problems.add(codes.JUSTIFICATION_REQUIRED, answer.place("status"),
                     "not-applicable needs a justification, which the questionnaire does not "
                     "record", "say why in the notes and leave the status to the assessor",
                     answer.item, answer.service)
    return len(problems.found) == before


def _word(key: str, entry: Entry | None, value: Any) -> str:
    old = getattr(entry, key) if entry else None
    if key == "notes":
        return "notes"
    shown = value.isoformat() if isinstance(value, dt.date) else str(value)
    if old is None:
        return f"{key} {shown}"
    was = old.isoformat() if isinstance(old, dt.date) else str(old)
    return f"{key} {was} -> {shown}"


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    order = ("item", "service", "status", "owner", "reviewed", "notes", "evidence")
    refs = [{k: v for k, v in ref.items() if v is not None} for ref in data.get("evidence", [])]
    result = {k: data[k] for k in order if data.get(k) is not None and k != "evidence"}
    if refs:
        result["evidence"] = refs
    return result


def into_file(repo: Repository, into: str) -> Path:
    return repo.root / into
