"""The registry of finding codes: every code sms20k emits, with its level and its texts.

Code sites name a code by its constant (``codes.NO_EVIDENCE``), so a typo is a NameError and
never a silent new code. SARIF rules, the code tables of docs/cli.md and
docs/evidence-format.md and the JSON Schema's enum are built from ``CODES``. Descriptions
and help are Markdown (backticks only); ``plain`` gives the text for plain-text formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sms20k.findings import Finding, Level

Stage = Literal["checklist", "load", "check"]
STAGES: dict[Stage, str] = {
    "checklist": "Checklist problems (exit 2: a custom checklist that cannot be used)",
    "load": "Loading problems (exit 2, nothing else is checked until they are fixed)",
    "check": "Checks on a loaded repository",
}


@dataclass(frozen=True)
class Code:
    code: str
    level: Level
    stage: Stage
    title: str
    description: str
    help: str
    level_note: str = ""
    """Said after the level in the docs, for a code whose level an option changes."""
    audit: bool = False
    """An audit matter judged in the item's verdict; every other code is a repository problem
    (the evidence repository, not the client's service management, is at fault)."""

    def at(self, path: str, line: int | None, col: int | None, message: str, *,
           level: Level | None = None, hint: str | None = None, field: str | None = None,
           item: str | None = None, service: str | None = None,
           detail: str | None = None, subject: str | None = None) -> Finding:
        """A finding of this code, at its default level unless ``level`` says otherwise."""
        return Finding(path=path, line=line, col=col, level=level or self.level, code=self.code,
                       message=message, hint=hint, field=field, item=item, service=service,
                       detail=detail, subject=subject)


def plain(markdown: str) -> str:
    return markdown.replace("`", "")


E, W = Level.ERROR, Level.WARNING

CHECKLIST_ID = Code(
    "CHECKLIST_ID", E, "checklist", "Bad checklist item id",
    "an item id does not start with its scenario id, is used twice in the scenario, or the item "
    "names itself as an alias or cross-reference",
    "rename the item")
CHECKLIST_REFERENCE = Code(
    "CHECKLIST_REFERENCE", E, "checklist", "Unknown reference",
    "an item's `references` names a companion-standard section sms20k does not know, or its "
    "`see_also` names an item that does not exist", "fix the key or the item id")
CHECKLIST_CLAUSE = Code(
    "CHECKLIST_CLAUSE", E, "checklist", "Unknown clause",
    "an item names a clause that the edition does not have", "see `sms20k clauses`")
CHECKLIST_APPLICABILITY = Code(
    "CHECKLIST_APPLICABILITY", E, "checklist", "Item applicability wider than its scenario",
    "an item's applicability names a value its scenario's applicability does not list",
    "an item can only narrow its scenario's applicability")
CHECKLIST_COLLISION = Code(
    "CHECKLIST_COLLISION", E, "checklist", "Checklist id already defined",
    "a custom scenario, item or alias id is already defined by another checklist file",
    "give custom checklists their own ids, e.g. `X01`")

YAML = Code(
    "YAML", E, "load", "Invalid YAML",
    "the file is not valid YAML: syntax, tabs, duplicate keys, non-UTF-8 bytes, unsupported "
    "tags such as `!!python/object`, anchors that expand too far",
    "fix the YAML at the position given")
SCHEMA = Code(
    "SCHEMA", E, "load", "Schema violation",
    "a field is missing, unknown (with a \"did you mean\"), of the wrong type, or has a value "
    "that is not allowed", "follow the hint; `sms20k schema evidence` gives the full schema")
INCLUDE_EMPTY = Code(
    "INCLUDE_EMPTY", E, "load", "Include pattern matches nothing",
    "an `include` pattern matches no file", "fix the pattern or remove it")
INCLUDE_OUTSIDE = Code(
    "INCLUDE_OUTSIDE", E, "load", "Include outside the repository",
    "an `include` pattern, or a file it matches, lies outside the repository",
    "keep evidence files inside the repository")
INCLUDE_TOO_MANY = Code(
    "INCLUDE_TOO_MANY", E, "load", "Too many include patterns",
    "more than 1,000 distinct `include` patterns",
    "match the files with fewer patterns, such as `evidence/**/*.yaml`")
SCOPE_TOO_LARGE = Code(
    "SCOPE_TOO_LARGE", E, "load", "Scope too large",
    "more than 200 services, or more than 20,000 results",
    "narrow `scope.per_service`, or split the repository by service")
CHECKLISTS_OUTSIDE = Code(
    "CHECKLISTS_OUTSIDE", E, "load", "Checklists outside the repository",
    "a `checklists` directory lies outside the repository",
    "keep custom checklists inside the repository")
NO_CHECKLISTS = Code(
    "NO_CHECKLISTS", E, "load", "No checklists",
    "`options.builtin_checklists` is false and no `checklists` are listed",
    "list your checklist directories")

INCLUDE_DUPLICATE = Code(
    "INCLUDE_DUPLICATE", W, "check", "Include pattern listed twice",
    "an `include` pattern is listed more than once (reported once, at its second listing)",
    "remove the copies")
UNKNOWN_ITEM = Code(
    "UNKNOWN_ITEM", E, "check", "Unknown item",
    "an entry, waiver, exclusion or `per_service` id is not in the checklists (the nearest ids "
    "are suggested)", "fix the id")
DUPLICATE_ENTRY = Code(
    "DUPLICATE_ENTRY", E, "check", "Duplicate entry",
    "two entries for the same item and service", "merge them")
EXCLUDED_ITEM = Code(
    "EXCLUDED_ITEM", W, "check", "Entry for an excluded item",
    "an entry for an excluded item", "remove the entry or the exclusion")
MISSING_ENTRY = Code(
    "MISSING_ENTRY", W, "check", "Items without an entry",
    "applicable items of a scenario have no entry, so they are not assessed (one warning per "
    "scenario)", "add entries (`status: not-assessed` says so explicitly), or exclude the items "
    "with a justification")
DEPRECATED_ID = Code(
    "DEPRECATED_ID", W, "check", "Id of a merged item",
    "an entry, waiver, exclusion or `per_service` id names an item that was merged into another; "
    "it is read as the new id (an entry whose new item has its own entry is set aside)",
    "rename it to the id the message names")
PLACEHOLDER = Code(
    "PLACEHOLDER", W, "check", "Placeholder left in the manifest",
    "a value written by `sms20k init` (such as `Name of the assessor`) was never replaced",
    "replace it with the real value")
NO_EVIDENCE = Code(
    "NO_EVIDENCE", E, "check", "Implemented without evidence",
    "`implemented` without any evidence reference", "add references or change the status",
    audit=True)
JUSTIFICATION_REQUIRED = Code(
    "JUSTIFICATION_REQUIRED", E, "check", "Justification required",
    "`not-applicable` without a justification", "add `justification:`")
SERVICE_REQUIRED = Code(
    "SERVICE_REQUIRED", E, "check", "Service required",
    "an item assessed per service has an entry without `service`", "add `service:`")
UNKNOWN_SERVICE = Code(
    "UNKNOWN_SERVICE", E, "check", "Unknown service",
    "`service` names no service in scope", "fix the id or add the service")
SERVICE_NOT_EXPECTED = Code(
    "SERVICE_NOT_EXPECTED", E, "check", "Service not expected",
    "`service` on an item assessed once for the whole scope",
    "remove it, or add the item to `scope.per_service`")
REF_MISSING = Code(
    "REF_MISSING", E, "check", "Evidence file missing",
    "a `path` does not exist (or is a broken symlink)", "commit the file or fix the path")
REF_DIRECTORY = Code(
    "REF_DIRECTORY", E, "check", "Evidence path is a directory",
    "a `path` names a directory", "name a file in it")
REF_NOT_FILE = Code(
    "REF_NOT_FILE", E, "check", "Evidence path is not a regular file",
    "a `path` names a FIFO, socket or device", "reference a regular file")
REF_ABSOLUTE = Code(
    "REF_ABSOLUTE", E, "check", "Absolute evidence path",
    "a `path` is absolute (`/…`, `C:…`)", "write it relative to the repository root")
REF_ESCAPE = Code(
    "REF_ESCAPE", E, "check", "Evidence path leaves the repository",
    "a `path` leaves the repository through `..` or a symlink",
    "copy the file into the repository")
REF_INVALID = Code(
    "REF_INVALID", E, "check", "Invalid evidence path",
    "a `path` has a NUL byte, backslashes, glob characters or is too long",
    "write a plain relative path with `/`")
REF_UNREADABLE = Code(
    "REF_UNREADABLE", E, "check", "Evidence file unreadable",
    "a `path` cannot be read", "check permissions")
REF_URL = Code(
    "REF_URL", E, "check", "Malformed evidence URL",
    "a `url` is malformed or not `http`, `https` or `mailto` (`javascript:` is refused)",
    "fix the URL")
REF_RECORD = Code(
    "REF_RECORD", E, "check", "Malformed record id",
    "a `record` is not `SYSTEM:ID`", "fix the record id")
HASH_MISMATCH = Code(
    "HASH_MISMATCH", E, "check", "Evidence changed after approval",
    "a file's sha256 differs from the `sha256` in its reference",
    "get the change approved, then update `sha256`")
LOCK_MISMATCH = Code(
    "LOCK_MISMATCH", E, "check", "Evidence changed since locked",
    "a file changed since `sms20k lock` recorded it",
    "get the change approved, then run `sms20k lock`")
LOCK_UNLISTED = Code(
    "LOCK_UNLISTED", W, "check", "Evidence not in the lock file",
    "a lock file exists but does not list a referenced file", "run `sms20k lock`")
DATE_IN_FUTURE = Code(
    "DATE_IN_FUTURE", E, "check", "Date in the future",
    "a `reviewed` or `approved` date lies after the as-of date", "fix the date")
EVIDENCE_STALE = Code(
    "EVIDENCE_STALE", W, "check", "Stale evidence",
    "evidence is older than its review cadence or `max_evidence_age`",
    "review it and update `reviewed`", audit=True)
WAIVER_UNAPPROVED = Code(
    "WAIVER_UNAPPROVED", E, "check", "Waiver not approved",
    "a waiver without `approved_by` or `approved`", "record the approval")
WAIVER_EXPIRED = Code(
    "WAIVER_EXPIRED", E, "check", "Waiver expired",
    "a waiver's `expires` date has passed", "renew the waiver or close the gap",
    level_note="(or warning with `options.expired_waivers: warning`)", audit=True)
ACTION_DUPLICATE = Code(
    "ACTION_DUPLICATE", E, "check", "Duplicate action id",
    "two corrective actions under `actions:` have the same `id`", "give each action its own id")
ACTION_INCOMPLETE = Code(
    "ACTION_INCOMPLETE", W, "check", "Corrective action without owner or due date",
    "an open or in-progress action names no `owner` or no `due` date",
    "record who owns the action and by when it is due")

CODES: dict[str, Code] = {c.code: c for c in (
    CHECKLIST_ID, CHECKLIST_REFERENCE, CHECKLIST_CLAUSE, CHECKLIST_APPLICABILITY,
    CHECKLIST_COLLISION,
    YAML, SCHEMA, INCLUDE_EMPTY, INCLUDE_OUTSIDE, INCLUDE_TOO_MANY, SCOPE_TOO_LARGE,
    CHECKLISTS_OUTSIDE, NO_CHECKLISTS,
    INCLUDE_DUPLICATE, UNKNOWN_ITEM, DEPRECATED_ID, DUPLICATE_ENTRY, EXCLUDED_ITEM,
    MISSING_ENTRY, PLACEHOLDER,
    NO_EVIDENCE, JUSTIFICATION_REQUIRED, SERVICE_REQUIRED, UNKNOWN_SERVICE,
    SERVICE_NOT_EXPECTED, REF_MISSING, REF_DIRECTORY, REF_NOT_FILE, REF_ABSOLUTE, REF_ESCAPE,
    REF_INVALID, REF_UNREADABLE, REF_URL, REF_RECORD, HASH_MISMATCH, LOCK_MISMATCH,
    LOCK_UNLISTED, DATE_IN_FUTURE, EVIDENCE_STALE, WAIVER_UNAPPROVED, WAIVER_EXPIRED,
    ACTION_DUPLICATE, ACTION_INCOMPLETE,
)}


def is_repository_problem(finding: Finding) -> bool:
    """A problem of the evidence repository (shown apart, never a nonconformity); a code
    sms20k does not know (from an old report) counts as one."""
    code = CODES.get(finding.code)
    return code is None or not code.audit


def code_table(stage: Stage | None = None) -> list[str]:
    """The Markdown table of the codes of one stage (all when None), as in the docs."""
    rows = ["| code | level | what is wrong | how to fix it |", "|---|---|---|---|"]
    for c in CODES.values():
        if stage is None or c.stage == stage:
            level = f"{c.level.value} {c.level_note}".strip()
            rows.append(f"| `{c.code}` | {level} | {c.description} | {c.help} |")
    return rows
