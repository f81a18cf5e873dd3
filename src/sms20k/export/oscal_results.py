"""An sms20k assessment report as OSCAL assessment-results."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from sms20k.assessment.model import (
    CLASS_LABELS,
    FINDING_CLASSES,
    RESULT_LABELS,
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
    stable_uuid,
)

IMPORT_AP = "#"


def midnight(day: str) -> str:
    return f"{day}T00:00:00Z"


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
        return stable_uuid(kind, self.meta.organization, self.meta.title, self.meta.date, *names)

    def document(self) -> Json:
        meta = self.meta
        metadata: Json = {
            "title": line(meta.title),
            "published": midnight(meta.date),
            "last-modified": midnight(max(meta.date, meta.as_of)),
            "version": meta.as_of,
            "oscal-version": OSCAL_VERSION,
            "links": [{"href": "catalog.json", "rel": "reference",
                       "text": "The checklists as an OSCAL catalog"}],
            "roles": [{"id": "assessor", "title": "Assessor"}],
            "parties": [self.party("organization", meta.organization,
                                   meta.organization_description),
                        self.party("person", meta.assessor, None)],
            "responsible-parties": [{"role-id": "assessor",
                                     "party-uuids": [self.uuid("party", "person")]}],
        }
        if meta.reference:
            metadata["props"] = [prop("assessment-reference", meta.reference)]
        body: Json = {
            "metadata": metadata,
            "import-ap": {"href": IMPORT_AP, "remarks": "sms20k writes no assessment plan; "
                          "the controls are those of catalog.json."},
            "results": [self.result()],
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
        score = "n/a" if report.summary.score is None else f"{report.summary.score:g}"
        result: Json = {
            "uuid": self.uuid("result"),
            "title": line(f"{meta.title} as of {meta.as_of}"),
            "description": markup(
                f"Gap assessment of {meta.organization} against ISO/IEC 20000-1 with the "
                f"sms20k checklists, as of {meta.as_of}, by {meta.assessor}. "
                f"Overall score: {score}."),
            "start": self.start,
            "props": self.summary_props(),
        }
        if self.services:
            result["local-definitions"] = {"components": [self.component(s)
                                                          for s in self.services.values()]}
        result["reviewed-controls"] = self.reviewed_controls()
        observations = {(r.item, r.service): self.observation(r) for r in report.results
                        if r.evidence or r.problems}
        if observations:
            result["observations"] = list(observations.values())
        findings = [self.finding(r, observations.get((r.item, r.service)))
                    for r in report.results if r.finding_class]
        if findings:
            result["findings"] = findings
        return result

    def summary_props(self) -> list[Json]:
        summary = self.report.summary
        props = [prop("score", f"{summary.score:g}")] if summary.score is not None else []
        props += [prop("items-in-scope", str(summary.items_in_scope)),
                  prop("assessed", str(summary.assessed))]
        classes = summary.counts.classes
        props += [prop("finding-count", str(classes.get(cls, 0)), cls=cls)
                  for cls in FINDING_CLASSES]
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
        applicable: dict[str, bool] = {}
        for r in self.report.results:
            cid = control_id(r.item)
            applicable[cid] = applicable.get(cid, False) or r.result != "not-applicable"
        selection: Json = {}
        included = sorted(cid for cid, yes in applicable.items() if yes)
        excluded = sorted(cid for cid, yes in applicable.items() if not yes)
        if included:
            selection["include-controls"] = [{"control-id": cid} for cid in included]
        else:
            selection["include-all"] = {}
        if excluded:
            selection["exclude-controls"] = [{"control-id": cid} for cid in excluded]
        return {"description": "The checklist items in scope; excluded and not applicable "
                "items are listed as excluded.", "control-selections": [selection]}

    def item_props(self, r: ItemResult) -> list[Json]:
        props = [prop("item", r.item)]
        if r.service:
            props.append(prop("service", r.service))
        props += [prop("criticality", r.criticality), prop("result", r.result)]
        return props

    def observation(self, r: ItemResult) -> Json:
        props = self.item_props(r)
        props += [prop(name, value) for name, value in
                  (("status", r.status), ("owner", r.owner), ("reviewed", r.reviewed)) if value]
        obs: Json = {
            "uuid": self.uuid("observation", r.item, r.service or ""),
            "title": line(_title(r)),
            "description": _describe(r, problems=True),
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

    def finding(self, r: ItemResult, observation: Json | None) -> Json:
        cls = r.finding_class or ""
        # The objective is met only when the item is conformant; the class says how badly not.
        if r.result == "conformant":
            status = {"state": "satisfied", "reason": "pass"}
        else:
            status = {"state": "not-satisfied", "reason": "fail"}
        finding: Json = {
            "uuid": self.uuid("finding", r.item, r.service or ""),
            "title": line(f"{CLASS_LABELS[cls]}: {_title(r)}"),
            "description": _describe(r, problems=False),
            "props": [prop("finding-class", cls), *self.item_props(r)],
            "target": {"type": "objective-id", "target-id": f"{control_id(r.item)}_obj",
                       "status": status},
        }
        if observation is not None:
            finding["related-observations"] = [{"observation-uuid": observation["uuid"]}]
        if r.notes:
            finding["remarks"] = markup(r.notes)
        return finding


def _title(r: ItemResult) -> str:
    return f"{r.label} {r.title}"


def _describe(r: ItemResult, *, problems: bool) -> str:
    parts = [f"Result: {RESULT_LABELS[r.result]}."]
    if r.reasons:
        parts.append("\n".join(f"- {line(reason)}" for reason in r.reasons))
    if problems and r.problems:
        parts.append("Problems found:\n\n" + "\n".join(
            f"- {p.level} {p.code}: {line(p.message)}" for p in r.problems))
    if problems and r.notes:
        parts.append(f"Notes: {markup(r.notes)}")
    return "\n\n".join(parts)
