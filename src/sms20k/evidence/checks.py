"""Reference and consistency checks over a loaded repository; each problem is a Finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sms20k import codes
from sms20k.checklists.catalog import Catalog
from sms20k.codes import Code
from sms20k.duration import Duration, parse_duration
from sms20k.evidence.action_checks import action_findings
from sms20k.evidence.hashing import Progress, hash_files
from sms20k.evidence.limits import check_results
from sms20k.evidence.models import Entry, Reference
from sms20k.evidence.placeholders import placeholder_findings
from sms20k.evidence.references import PathProblem, ReferenceResolver, record_problem, url_problem
from sms20k.evidence.repo import Located, Repository, duplicate_patterns
from sms20k.evidence.scope import Expected, ScopeIndex
from sms20k.findings import Finding, Level, label, where
from sms20k.suggest import did_you_mean


@dataclass
class _Pending:
    """Path references whose files must be hashed, grouped so each file is read once."""

    inline: list[tuple[Located[Entry], int, Path, str]] = field(default_factory=list)
    locked: list[tuple[Located[Entry], int, Path, str]] = field(default_factory=list)


class Checker:
    def __init__(self, repo: Repository, catalog: Catalog, as_of: dt.date) -> None:
        self.repo = repo
        self.catalog = catalog
        self.as_of = as_of
        self.scope = ScopeIndex(repo.manifest, catalog)
        options = repo.manifest.options
        age = options.max_evidence_age
        self.max_age = parse_duration(age) if age else None
        self.waiver_level = Level(options.expired_waivers)
        self.paths = ReferenceResolver(repo.root)
        self._cutoffs: dict[Duration, dt.date] = {}
        self.pending = _Pending()
        self._cadences: dict[str, dict[str | None, Duration]] = {}

    def run(self, progress: Progress | None = None) -> list[Finding]:
        check_results(self.scope, self.repo.manifest_doc)
        findings = list(self.repo.alias_findings)
        findings.extend(self._manifest())
        findings.extend(placeholder_findings(self.repo))
        findings.extend(self._entries())
        findings.extend(self._waivers())
        findings.extend(action_findings(self.repo, self.scope, self.catalog.items.keys(),
                                        self.as_of, self._unknown))
        findings.extend(self._hashes(progress))
        return findings

    def _manifest(self) -> Iterator[Finding]:
        manifest = self.repo.manifest
        for index, exclusion in enumerate(manifest.exclusions):
            if not self.scope.known_id(exclusion.id):
                yield self._unknown(self.repo.at_manifest(("exclusions", index, "id")),
                                    exclusion.id)
        for index, ref in enumerate(manifest.scope.per_service):
            if not self.scope.known_id(ref):
                yield self._unknown(self.repo.at_manifest(("scope", "per_service", index)), ref)
        yield from duplicate_patterns(self.repo)

    @cached_property
    def _known_ids(self) -> tuple[str, ...]:  # one tuple, so did_you_mean reuses its matcher
        return (*self.catalog.items, *(s.scenario.id for s in self.catalog.scenarios))

    def _unknown(self, spot: Located[None], ref: str) -> Finding:
        candidates = self._known_ids
        return spot.finding(codes.UNKNOWN_ITEM,
                            f"{ref} is not a scenario or item of the checklists",
                            hint=did_you_mean(ref, candidates) or "see `sms20k scenarios`",
                            item=ref)

    def _entries(self) -> Iterator[Finding]:
        seen: dict[Expected, Located[Entry]] = {}
        for located in self.repo.entries:
            entry = located.value
            known = entry.item in self.catalog.items
            if not known:
                yield self._unknown(Located(None, located.doc, (*located.loc, "item")),
                                    entry.item)
            else:
                yield from self._service(located)
            key = Expected(entry.item, entry.service)
            if key in seen:
                first = seen[key]
                pos = first.doc.locate(first.loc)
                first_at = where(first.doc.display, pos.line if pos else None, None)
                shown = label(entry.item, entry.service)
                yield self._at(located, codes.DUPLICATE_ENTRY,
                               f"second entry for {shown} (the first is at {first_at})",
                               hint="merge the two entries")
            else:
                seen[key] = located
            if known and entry.item in self.scope.excluded:
                yield self._at(located, codes.EXCLUDED_ITEM,
                               f"{entry.item} is excluded from the scope", at=("item",),
                               hint="remove the entry or the exclusion")
            if entry.status == "implemented" and not entry.evidence:
                yield self._at(located, codes.NO_EVIDENCE,
                               f"{entry.item} is claimed implemented but lists no evidence",
                               at=("status",), hint="add evidence references or change the status")
            if entry.status == "not-applicable" and not entry.justification:
                yield self._at(located, codes.JUSTIFICATION_REQUIRED,
                               f"{entry.item} is not-applicable without a justification",
                               at=("status",), hint="add `justification:` saying why")
            yield from self._future(located, ("reviewed",), entry.reviewed)
            for index, reference in enumerate(entry.evidence):
                yield from self._reference(located, index, reference)
        yield from self._missing(seen)

    def _missing(self, seen: dict[Expected, Located[Entry]]) -> Iterator[Finding]:
        """One warning per scenario: an engagement that leaves a scenario out is a scope
        decision, not a hundred problems."""
        by_scenario: dict[str, list[str]] = {}
        for expected in self.scope.expected:
            if expected not in seen:
                scenario = self.catalog.items[expected.item].scenario.id
                by_scenario.setdefault(scenario, []).append(
                    label(expected.item, expected.service))
        for scenario, missing in by_scenario.items():
            total = sum(1 for e in self.scope.expected
                        if self.catalog.items[e.item].scenario.id == scenario)
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more"
                                              if len(missing) > 5 else "")
            what = (f"none of its {total} applicable items has an entry"
                    if len(missing) == total else
                    f"{len(missing)} of its {total} applicable items "
                    f"{'has' if len(missing) == 1 else 'have'} no entry ({shown})")
            yield self.repo.at_manifest(("include",)).finding(
                codes.MISSING_ENTRY, f"{scenario}: {what}; they are not assessed",
                hint="add entries (`status: not-assessed` says so explicitly), or exclude "
                "them with a justification", item=scenario)

    def _service(self, located: Located[Entry]) -> Iterator[Finding]:
        entry = located.value
        if self.scope.per_service(entry.item):
            if entry.service is None:
                yield self._at(located, codes.SERVICE_REQUIRED,
                               f"{entry.item} is assessed per service; name the service",
                               at=("item",),
                               hint="add `service:` with one of " + ", ".join(self.scope.services))
            elif entry.service not in self.scope.services:
                yield self._at(located, codes.UNKNOWN_SERVICE,
                               f"{entry.service!r} is not a service in scope", at=("service",),
                               hint=did_you_mean(entry.service, self.scope.services)
                               or "add it to scope.services")
        elif entry.service is not None:
            yield self._at(located, codes.SERVICE_NOT_EXPECTED,
                           f"{entry.item} is assessed once for the whole scope", at=("service",),
                           hint="remove `service:` or add the item to scope.per_service")

    def _reference(self, located: Located[Entry], index: int, ref: Reference) -> Iterator[Finding]:
        at = ("evidence", index)
        if ref.path is not None:
            try:
                target = self.paths.resolve(ref.path)
            except PathProblem as problem:
                yield self._at(located, problem.code, problem.message,
                               at=(*at, "path"), hint=problem.hint)
            else:
                if ref.sha256 is not None:
                    self.pending.inline.append((located, index, Path(target),
                                                ref.sha256.lower()))
                if self.repo.lock is not None:
                    self.pending.locked.append((located, index, Path(target), ref.path))
        elif ref.url is not None and (bad_url := url_problem(ref.url)):
            yield self._at(located, codes.REF_URL, bad_url, at=(*at, "url"),
                           hint="use an http, https or mailto URL")
        elif ref.record is not None and (bad_record := record_problem(ref.record)):
            yield self._at(located, codes.REF_RECORD, bad_record, at=(*at, "record"),
                           hint="write SYSTEM:ID")
        yield from self._future(located, (*at, "approved"), ref.approved)
        yield from self._future(located, (*at, "reviewed"), ref.reviewed)
        yield from self._stale(located, index, ref)

    def _future(self, located: Located[Entry], at: tuple[str | int, ...],
                day: dt.date | None) -> Iterator[Finding]:
        if day is not None and day > self.as_of:
            yield self._at(located, codes.DATE_IN_FUTURE,
                           f"{at[-1]} date {day.isoformat()} is after the as-of date "
                           f"{self.as_of.isoformat()}", at=at, hint="fix the date")

    def _limit(self, item_id: str, kind: str | None) -> Duration | None:
        if item_id not in self._cadences:
            cadences: dict[str | None, Duration] = {}
            citem = self.catalog.items.get(item_id)
            for expected in citem.item.evidence if citem else ():
                duration = parse_duration(expected.cadence)
                for key in (expected.kind, None):
                    if key not in cadences or duration.approx_days() > cadences[key].approx_days():
                        cadences[key] = duration
            self._cadences[item_id] = cadences
        limits = [d for d in (self._cadences[item_id].get(kind) or
                              self._cadences[item_id].get(None), self.max_age) if d is not None]
        return min(limits, key=Duration.approx_days) if limits else None

    def _stale(self, located: Located[Entry], index: int, ref: Reference) -> Iterator[Finding]:
        day = ref.dated or located.value.reviewed
        limit = self._limit(located.value.item, ref.kind)
        if day is None or limit is None or day > self.as_of:
            return
        cutoff = self._cutoffs.get(limit)
        if cutoff is None:
            cutoff = self._cutoffs[limit] = limit.before(self.as_of)
        if day >= cutoff:
            return
        since = limit.after(day).isoformat()
        yield self._at(located, codes.EVIDENCE_STALE,
                       f"evidence dated {day.isoformat()} is older than its review cadence; "
                       f"stale since {since}", at=("evidence", index),
                       hint="review the evidence and update its `reviewed` date", detail=since)

    def _waivers(self) -> Iterator[Finding]:
        for located in self.repo.waivers:
            waiver = located.value
            if waiver.item not in self.catalog.items:
                yield self._unknown(Located(None, located.doc, (*located.loc, "item")),
                                    waiver.item)
            if not waiver.approved_by or waiver.approved is None:
                yield located.finding(codes.WAIVER_UNAPPROVED,
                                      f"waiver for {waiver.item} has no recorded approval",
                                      hint="add `approved_by:` and `approved:`", item=waiver.item)
            if waiver.approved is not None and waiver.approved > self.as_of:
                yield located.finding(codes.DATE_IN_FUTURE, "approved date is after the as-of date",
                                      at=("approved",), hint="fix the date", item=waiver.item)
            if waiver.expires < self.as_of:
                yield located.finding(codes.WAIVER_EXPIRED,
                                      f"waiver for {waiver.item} expired {waiver.expires}",
                                      level=self.waiver_level, at=("expires",),
                                      hint="renew the waiver or close the gap", item=waiver.item,
                                      service=waiver.service)

    def _hashes(self, progress: Progress | None) -> Iterator[Finding]:
        targets = [t for *_, t, _ in self.pending.inline] + [t for *_, t, _ in self.pending.locked]
        digests = hash_files(targets, progress=progress) if targets else {}
        unreadable = {t for t, d in digests.items() if isinstance(d, OSError)}
        for located, index, target, _ in self.pending.inline + self.pending.locked:
            if target in unreadable:
                unreadable.discard(target)
                yield self._at(located, codes.REF_UNREADABLE, f"cannot read {target.name}: "
                               f"{getattr(digests[target], 'strerror', digests[target])}",
                               at=("evidence", index, "path"), hint="check permissions")
        for located, index, target, expected in self.pending.inline:
            actual = digests[target]
            if isinstance(actual, str) and actual != expected:
                rel = located.value.evidence[index].path
                yield self._at(located, codes.HASH_MISMATCH,
                               f"{rel} changed: sha256 is {actual[:12]}…, "
                               f"the entry says {expected[:12]}…", at=("evidence", index, "sha256"),
                               hint="get the change approved, then update sha256")
        lock = self.repo.lock.files if self.repo.lock else {}
        for located, index, target, rel in self.pending.locked:
            actual = digests[target]
            if rel not in lock:
                yield self._at(located, codes.LOCK_UNLISTED, f"{rel} is not in the lock file",
                               at=("evidence", index, "path"),
                               hint="run `sms20k lock`")
            elif isinstance(actual, str) and actual != lock[rel]:
                yield self._at(located, codes.LOCK_MISMATCH, f"{rel} changed since it was locked",
                               at=("evidence", index, "path"),
                               hint="get the change approved, then run `sms20k lock`")

    def _at(self, located: Located[Entry], code: Code, message: str, *,
            at: tuple[str | int, ...] = (),
            hint: str | None = None, detail: str | None = None) -> Finding:
        entry = located.value
        finding = located.finding(code, message, at=at, hint=hint, item=entry.item,
                                  service=entry.service, detail=detail)
        if len(at) > 1 and at[0] == "evidence" and isinstance(at[1], int):
            return finding.model_copy(update={"evidence": at[1]})
        return finding
