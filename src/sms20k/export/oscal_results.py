"""An sms20k assessment report as OSCAL assessment-results."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from sms20k.assessment.model import (
    FINDING_CLASSES,
    EvidenceRef,
    ItemResult,
    Report,
    ServiceInfo,
)
from sms20k.export.oscal_catalog import (
    OSCAL_VERSION,
    Json,
    control_id,
    digest,
    line,
    markup,
    prop,
)
from sms20k.export.oscal_findings import audit_finding, describe, item_finding, item_props, title
from sms20k.export.oscal_profile import PLAN, imported
from sms20k.export.oscal_ssp import midnight, scoped_uuid


def build_results(report: Report, *, href_prefix: str = "") -> Json:
    """``{"assessment-results": ...}``; ``href_prefix`` leads from the output to the repository."""
    return _Builder(report, href_prefix).document()


class _Builder:
    def __init__(self, report: Report, href_prefix: str) -> None:
        self.report = report
        self.meta = report.meta
        self.href_prefix = href_prefix
        self.start = midnight(self.meta.as_of)
        self.services = {s.id: s for s in report.scope.services}

    def uuid(self, kind: str, *names: str) -> str:
        """Scoped to the assessment, so two organisations never share a UUID."""
        return scoped_uuid(self.meta, kind, *names)

    def document(self) -> Json:
        meta = self.meta
        metadata: Json = {
            "title": line(meta.title),
            "published": midnight(meta.date),
            "last-modified": midnight(max(meta.date, meta.as_of)),
            "version": meta.as_of,
            "oscal-version": OSCAL_VERSION,
            "roles": [{"id": "assessor", "title": "Assessor"}],
            "parties": [self.party("organization", meta.organization,
                                   meta.organization_description),
                        self.party("person", meta.assessor, None)],
            "responsible-parties": [{"role-id": "assessor",
                                     "party-uuids": [self.uuid("party", "person")]}],
        }
        if meta.reference:
            metadata["props"] = [prop("assessment-reference", meta.reference)]
        link, back_matter = imported(PLAN, self.uuid("resource", PLAN.key))
        body: Json = {
            "metadata": metadata,
            "import-ap": link,
            "results": [self.result()],
            "back-matter": back_matter,
        }
        doc_uuid = self.uuid("assessment-results", digest(body))
        return {"assessment-results": {"uuid": doc_uuid, **body}}

    def party(self, kind: str, name: str, remarks: str | None) -> Json:
        party: Json = {"uuid": self.uuid("party", kind), "type": kind,
                       "name": " ".join(name.split())}
        if remarks:
            party["remarks"] = markup(remarks)
        return party

    def result(self) -> Json:
        report, meta = self.report, self.meta
        summary = report.summary
        score = "n/a" if summary.score is None else f"{summary.score:g}"
        grades = ", ".join(f"{g} {summary.findings.get(g, 0)}" for g in FINDING_CLASSES)
        result: Json = {
            "uuid": self.uuid("result"),
            "title": line(f"{meta.title} as of {meta.as_of}"),
            "description": markup(
                f"Gap assessment of {meta.organization} against ISO/IEC 20000-1 with the "
                f"sms20k checklists, as of {meta.as_of}, by {meta.assessor}. "
                f"Score of the assessed items: {score} ({summary.assessed} of "
                f"{summary.items_in_scope} item result{'s' * (summary.items_in_scope != 1)} in "
                "scope assessed). Audit findings by grade: "
                f"{grades}. Results under an active waiver, still counted: {summary.waived}."),
            "start": self.start,
            "props": self.summary_props(),
        }
        if self.services:
            result["local-definitions"] = {"components": [self.component(s)
                                                          for s in self.services.values()]}
        result["reviewed-controls"] = self.reviewed_controls()
        # Every judged entry is observed, and whatever lists evidence or has a problem.
        observations = {(r.item, r.service): self.observation(r) for r in report.results
                        if r.evidence or r.problems or (r.assessed and r.location)}
        if observations:
            result["observations"] = list(observations.values())
        # The audit findings first (what a certification audit raises), then each judged
        # item's own conclusion about its objective.
        findings = [audit_finding(self.uuid, f, observations) for f in report.findings]
        findings += [item_finding(self.uuid, r, observations.get((r.item, r.service)))
                     for r in report.results if r.finding_class and r.assessed]
        if findings:
            result["findings"] = findings
        return result

    def summary_props(self) -> list[Json]:
        report, summary = self.report, self.report.summary
        props = [prop("as-of", self.meta.as_of), prop("report-format",
                                                      str(report.format_version))]
        if self.meta.content_version:
            props.append(prop("content-version", self.meta.content_version))
        if summary.score is not None:
            props.append(prop("score", f"{summary.score:g}"))
        props += [prop("items-in-scope", str(summary.items_in_scope)),
                  prop("assessed", str(summary.assessed))]
        coverage = summary.coverage
        if coverage is not None and coverage.percent is not None:
            props.append(prop("coverage", f"{coverage.percent:g}"))
        # Audit findings by grade, the counts to headline; item results by class apart.
        props += [prop("finding-count", str(summary.findings.get(cls, 0)), cls=cls)
                  for cls in FINDING_CLASSES]
        classes = summary.counts.classes
        props += [prop("item-result-count", str(classes.get(cls, 0)), cls=cls)
                  for cls in FINDING_CLASSES]
        props += [prop("waived", str(summary.waived)),
                  prop("repository-errors", str(summary.repository_errors)),
                  prop("repository-warnings", str(summary.repository_warnings))]
        return props

    def component(self, service: ServiceInfo) -> Json:
        kinds = ", ".join([*service.categories, *service.deployment_models])
        description = f"Cloud service ({kinds})." if kinds else "Cloud service."
        props = [prop("service-id", service.id)]
        props += [prop("service-category", c) for c in service.categories]
        props += [prop("deployment-model", d) for d in service.deployment_models]
        return {"uuid": self.uuid("component", service.id), "type": "service",
                "title": line(service.name), "description": markup(description),
                "props": props, "status": {"state": "operational"}}

    def reviewed_controls(self) -> Json:
        """Controls with a judged result are included; not-applicable ones and those nobody
        assessed are excluded, the latter named in ``not-assessed`` properties."""
        judged: dict[str, bool] = {}
        not_assessed: list[str] = []
        for r in self.report.results:
            cid = control_id(r.item)
            judged[cid] = judged.get(cid, False) or r.result not in ("not-applicable",
                                                                    "not-assessed")
            if not r.assessed:
                not_assessed.append(r.label)
        selection: Json = {}
        if not_assessed:
            selection["props"] = [prop("not-assessed", label) for label in not_assessed]
        included = sorted(cid for cid, yes in judged.items() if yes)
        excluded = sorted(cid for cid, yes in judged.items() if not yes)
        if included:
            selection["include-controls"] = [{"control-id": cid} for cid in included]
        else:
            selection["include-all"] = {}
        if excluded:
            selection["exclude-controls"] = [{"control-id": cid} for cid in excluded]
        return {"description": "The checklist items in scope that were assessed; not "
                "applicable and excluded items, and items not assessed (each named in a "
                "not-assessed property), are listed as excluded.",
                "control-selections": [selection]}

    def observation(self, r: ItemResult) -> Json:
        props = item_props(r)
        props += [prop(name, value) for name, value in
                  (("status", r.status), ("owner", r.owner), ("reviewed", r.reviewed)) if value]
        obs: Json = {
            "uuid": self.uuid("observation", r.item, r.service or ""),
            "title": line(title(r)),
            "description": describe(r, problems=True),
            "props": props,
            "methods": ["EXAMINE"],
            "types": ["control-objective"],
        }
        service = self.services.get(r.service or "")
        if service is not None:
            obs["subjects"] = [{"subject-uuid": self.uuid("component", service.id),
                                "type": "component", "title": line(service.name)}]
        if r.evidence:
            obs["relevant-evidence"] = [self.evidence(ref) for ref in r.evidence]
        obs["collected"] = self.start
        return obs

    def evidence(self, ref: EvidenceRef) -> Json:
        props = [prop("evidence-type", ref.type), prop("evidence-target", ref.target)]
        props += [prop(f"evidence-{name}", value) for name, value in
                  (("kind", ref.kind), ("version", ref.version), ("approved", ref.approved),
                   ("reviewed", ref.reviewed)) if value]
        evidence: Json = {}
        href = self.href(ref)
        if href:
            evidence["href"] = href
        evidence["description"] = markup(ref.description) or ref.type
        evidence["props"] = props
        return evidence

    def href(self, ref: EvidenceRef) -> str | None:
        """Only web URLs and relative paths that stay inside the repository."""
        link = ref.link
        if link is None:
            return None
        if ref.type == "url":
            return link if link.split(":", 1)[0].lower() in ("http", "https") else None
        path = PurePosixPath(link)
        if ref.type != "path" or path.is_absolute() or ".." in path.parts or ":" in link \
                or "\\" in link:
            return None
        return quote(f"{self.href_prefix}/{link}" if self.href_prefix else link, safe="/._-~")
