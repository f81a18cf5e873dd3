"""What the CI formats (SARIF, JUnit, GitHub) share: findings reduced to what CI tools show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sms20k.assessment.model import CLASS_LABELS, ItemResult, Location, Problem, Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.modelbase import View

Level = Literal["error", "warning", "note"]
CLASS_LEVELS: dict[str, Level] = {
    "major": "error", "minor": "warning", "observation": "note", "ofi": "note",
}
PROBLEM_LEVELS: dict[str, Level] = {"error": "error", "warning": "warning", "info": "note"}
MANIFEST = "sms20k.yaml"

# Mirrors the finding-code tables of docs/evidence-format.md: (level, what is wrong, fix).
FINDING_CODES: dict[str, tuple[str, str, str]] = {
    "YAML": ("error", "The file is not valid YAML.", "Fix the YAML at the position given."),
    "SCHEMA": ("error", "A field is missing, unknown, of the wrong type, or has a value that "
               "is not allowed.", "Follow the hint; `sms20k schema evidence` gives the schema."),
    "INCLUDE_EMPTY": ("error", "An include pattern matches no file.",
                      "Fix the pattern or remove it."),
    "INCLUDE_OUTSIDE": ("error", "An include pattern, or a file it matches, lies outside the "
                        "repository.", "Keep evidence files inside the repository."),
    "INCLUDE_TOO_MANY": ("error", "More than 1,000 distinct include patterns.",
                         "Match the files with fewer patterns, such as `evidence/**/*.yaml`."),
    "INCLUDE_DUPLICATE": ("warning", "An include pattern is listed more than once.",
                          "Remove the copies."),
    "SCOPE_TOO_LARGE": ("error", "More than 200 services, or more than 20,000 results.",
                        "Narrow scope.per_service, or split the repository by service."),
    "CHECKLISTS_OUTSIDE": ("error", "A checklists directory lies outside the repository.",
                           "Keep custom checklists inside the repository."),
    "NO_CHECKLISTS": ("error", "builtin_checklists is false and no checklists are listed.",
                      "List your checklist directories."),
    "UNKNOWN_ITEM": ("error", "An entry, waiver, exclusion or per_service id is not in the "
                     "checklists.", "Fix the id."),
    "DUPLICATE_ENTRY": ("error", "Two entries for the same item and service.", "Merge them."),
    "EXCLUDED_ITEM": ("warning", "An entry for an excluded item.",
                      "Remove the entry or the exclusion."),
    "MISSING_ENTRY": ("warning", "An applicable item (or item and service) has no entry.",
                      "Add an entry, or exclude the item with a justification."),
    "NO_EVIDENCE": ("error", "Implemented without any evidence reference.",
                    "Add references or change the status."),
    "JUSTIFICATION_REQUIRED": ("error", "Not applicable without a justification.",
                               "Add `justification:`."),
    "SERVICE_REQUIRED": ("error", "An item assessed per service has an entry without a service.",
                         "Add `service:`."),
    "UNKNOWN_SERVICE": ("error", "The service names no service in scope.",
                        "Fix the id or add the service."),
    "SERVICE_NOT_EXPECTED": ("error", "A service on an item assessed once for the whole scope.",
                             "Remove it, or add the item to `scope.per_service`."),
    "REF_MISSING": ("error", "A referenced path does not exist.",
                    "Commit the file or fix the path."),
    "REF_DIRECTORY": ("error", "A referenced path names a directory.", "Name a file in it."),
    "REF_NOT_FILE": ("error", "A referenced path names a FIFO, socket or device.",
                     "Reference a regular file."),
    "REF_ABSOLUTE": ("error", "A referenced path is absolute.",
                     "Write it relative to the repository root."),
    "REF_ESCAPE": ("error", "A referenced path leaves the repository.",
                   "Copy the file into the repository."),
    "REF_INVALID": ("error", "A referenced path has a NUL byte, backslashes, glob characters or "
                    "is too long.", "Write a plain relative path with `/`."),
    "REF_UNREADABLE": ("error", "A referenced path cannot be read.", "Check permissions."),
    "REF_URL": ("error", "A URL is malformed or not http, https or mailto.", "Fix the URL."),
    "REF_RECORD": ("error", "A record is not SYSTEM:ID.", "Fix the record id."),
    "HASH_MISMATCH": ("error", "A file's sha256 differs from the sha256 in its reference.",
                      "Get the change approved, then update `sha256`."),
    "LOCK_MISMATCH": ("error", "A file changed since `sms20k lock` recorded it.",
                      "Get the change approved, then run `sms20k lock`."),
    "LOCK_UNLISTED": ("warning", "The lock file does not list a referenced file.",
                      "Run `sms20k lock`."),
    "DATE_IN_FUTURE": ("error", "A reviewed or approved date lies after the as-of date.",
                       "Fix the date."),
    "EVIDENCE_STALE": ("warning", "Evidence is older than its review cadence or "
                       "max_evidence_age.", "Review it and update `reviewed`."),
    "WAIVER_UNAPPROVED": ("error", "A waiver without approved_by or approved.",
                          "Record the approval."),
    "WAIVER_EXPIRED": ("error", "A waiver's expiry date has passed.",
                       "Renew the waiver or close the gap."),
}


@dataclass(frozen=True)
class Issue:
    """A validation finding, whether it came with a report or from ``sms20k validate``."""

    code: str
    level: str
    message: str
    hint: str | None
    path: str
    line: int | None
    col: int | None
    item: str | None
    service: str | None

    @property
    def text(self) -> str:
        return self.message + (f" ({self.hint})" if self.hint else "")


@dataclass(frozen=True)
class Annotation:
    """One thing a CI tool should flag: a result with a finding class, or an issue."""

    rule: str
    level: Level
    title: str
    message: str
    path: str
    line: int | None
    col: int | None
    item: str | None
    service: str | None
    result: ItemResult | None = None


def item_label(r: ItemResult) -> str:
    return f"{r.item} ({r.service})" if r.service else r.item


def result_location(r: ItemResult) -> Location:
    """Where to point: the entry, else the manifest line that reported it missing."""
    if r.location is not None:
        return r.location
    missing = next((p.location for p in r.problems
                    if p.code == "MISSING_ENTRY" and p.location is not None), None)
    return missing or Location(path=MANIFEST, line=None, col=None)


def issues(view: View) -> list[Issue]:
    if isinstance(view, ValidationView):
        return [Issue(f.code, f.level, f"{f.field}: {f.message}" if f.field else f.message,
                      f.hint, f.path, f.line, f.col, f.item, f.service) for f in view.findings]
    assert isinstance(view, Report)
    # A report's problems carry no item; the results that list them do.
    owners: dict[Problem, tuple[str | None, str | None]] = {}
    for r in view.results:
        for p in r.problems:
            item, service = owners.setdefault(p, (r.item, r.service))
            if (item, service) != (r.item, r.service):  # shared, e.g. by all services
                owners[p] = (item if item == r.item else None, None)
    found = []
    for p in view.validation:
        loc = p.location or Location(path=MANIFEST, line=None, col=None)
        item, service = owners.get(p, (None, None))
        found.append(Issue(p.code, p.level, p.message, None, loc.path, loc.line, loc.col,
                           item, service))
    return found


def annotate(view: View) -> list[Annotation]:
    """Results with a finding class (reports only), then validation issues, in view order."""
    found: list[Annotation] = []
    if isinstance(view, Report):
        for r in view.results:
            if r.finding_class is None:
                continue
            loc = result_location(r)
            message = f"{CLASS_LABELS[r.finding_class]}: {'; '.join(r.reasons) or r.result}"
            found.append(Annotation(r.item, CLASS_LEVELS[r.finding_class],
                                    f"{item_label(r)} {r.title}", message, loc.path, loc.line,
                                    loc.col, r.item, r.service, r))
    for i in issues(view):
        found.append(Annotation(i.code, PROBLEM_LEVELS.get(i.level, "note"), i.code, i.text,
                                i.path, i.line, i.col, i.item, i.service))
    return found


def summary_line(view: View) -> str:
    if isinstance(view, ValidationView):
        return (f"sms20k validate: {_count(view.errors, 'error')}, "
                f"{_count(view.warnings, 'warning')} in {view.repository} "
                f"({view.evidence_files} evidence files, {view.entries} entries, "
                f"as of {view.as_of})")
    assert isinstance(view, Report)
    s, classes = view.summary, view.summary.counts.classes
    score = "n/a" if s.score is None else f"{s.score:g}"
    observations = _count(classes.get("observation", 0), "observation")
    return (f"sms20k assess: score {score}; {classes.get('major', 0)} major, "
            f"{classes.get('minor', 0)} minor, {observations}, {classes.get('ofi', 0)} OFI; "
            f"validation: {_count(s.validation_errors, 'error')}, "
            f"{_count(s.validation_warnings, 'warning')} (as of {view.meta.as_of})")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
