"""The assessment plan: the controls in scope of the SSP, and its components as subjects."""

from __future__ import annotations

from sms20k.assessment.model import Report
from sms20k.export.oscal_catalog import Json, digest, line, markup
from sms20k.export.oscal_profile import SSP, imported
from sms20k.export.oscal_ssp import chain_metadata, in_scope, scoped_uuid


def build_plan(report: Report, ssp: Json) -> Json:
    """``{"assessment-plan": ...}`` importing ``ssp``."""
    meta = report.meta
    metadata = chain_metadata(meta, f"{meta.title}: assessment plan")
    metadata["roles"] = [{"id": "assessor", "title": "Assessor"}]
    assessor = scoped_uuid(meta, "party", "person")
    metadata["parties"] = [{"uuid": assessor, "type": "person",
                            "name": " ".join(meta.assessor.split())}]
    metadata["responsible-parties"] = [{"role-id": "assessor", "party-uuids": [assessor]}]
    plan = ssp["system-security-plan"]
    link, back_matter = imported(SSP, scoped_uuid(meta, "resource", SSP.key))
    controls = sorted(in_scope(report))
    selection: Json = ({"include-controls": [{"control-id": cid} for cid in controls]}
                       if controls else {"include-all": {}})
    components = plan["system-implementation"]["components"]
    body: Json = {
        "metadata": metadata,
        "import-ssp": link,
        "reviewed-controls": {
            "description": "The checklist items in scope of the system security plan.",
            "control-selections": [selection],
        },
        "assessment-subjects": [{
            "type": "component",
            "description": "The service management system and the services in scope.",
            "include-subjects": [{"subject-uuid": c["uuid"], "type": "component"}
                                 for c in components],
        }],
        "tasks": [{
            "uuid": scoped_uuid(meta, "task", "assessment"),
            "type": "action",
            "title": line(f"Gap assessment as of {meta.as_of}"),
            "description": markup(
                "Examine the evidence the repository lists for each item in scope, and "
                "interview its owner with the checklist questions."),
            "timing": {"on-date": {"date": f"{meta.as_of}T00:00:00Z"}},
        }],
        "back-matter": back_matter,
    }
    return {"assessment-plan": {"uuid": scoped_uuid(meta, "assessment-plan", digest(body)),
                                **body}}
