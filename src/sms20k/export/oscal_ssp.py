"""The organization's system security plan: the services in scope as components and one
implemented requirement per checklist item in scope. It says where each item is implemented,
never how well: that is for the assessment results."""

from __future__ import annotations

from sms20k.assessment.model import ItemResult, Meta, Report, ServiceInfo
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
from sms20k.export.oscal_profile import PROFILE, imported


def midnight(day: str) -> str:
    return f"{day}T00:00:00Z"


def scoped_uuid(meta: Meta, kind: str, *names: str) -> str:
    """Scoped to the assessment, so two organizations never share a UUID."""
    return stable_uuid(kind, meta.organization, meta.title, meta.date, *names)


def chain_metadata(meta: Meta, title: str) -> Json:
    """The metadata every assessment document of the chain shares, dated from the report."""
    metadata: Json = {
        "title": line(title),
        "published": midnight(meta.date),
        "last-modified": midnight(max(meta.date, meta.as_of)),
        "version": meta.as_of,
        "oscal-version": OSCAL_VERSION,
    }
    if meta.reference:
        metadata["props"] = [prop("assessment-reference", meta.reference)]
    return metadata


def in_scope(report: Report) -> dict[str, list[ItemResult]]:
    """Each control in scope (one result or more that is not not-applicable), with those
    results, in report order."""
    controls: dict[str, list[ItemResult]] = {}
    for r in report.results:
        if r.result != "not-applicable":
            controls.setdefault(control_id(r.item), []).append(r)
    return controls


def this_system_uuid(meta: Meta) -> str:
    return scoped_uuid(meta, "component", "this-system")


def service_uuid(meta: Meta, service: ServiceInfo) -> str:
    # The same UUID as the service's component in the assessment results.
    return scoped_uuid(meta, "component", service.id)


def build_ssp(report: Report) -> Json:
    """``{"system-security-plan": ...}`` importing the profile."""
    meta = report.meta
    services = {s.id: s for s in report.scope.services}
    organization = scoped_uuid(meta, "party", "organization")
    metadata = chain_metadata(meta, f"{meta.title}: system security plan")
    metadata["roles"] = [{"id": "system-owner", "title": "System Owner"}]
    party: Json = {"uuid": organization, "type": "organization",
                   "name": " ".join(meta.organization.split())}
    if meta.organization_description:
        party["remarks"] = markup(meta.organization_description)
    metadata["parties"] = [party]
    metadata["responsible-parties"] = [{"role-id": "system-owner",
                                        "party-uuids": [organization]}]
    resource_uuid = scoped_uuid(meta, "resource", PROFILE.key)
    _, back_matter = imported(PROFILE, resource_uuid)
    # compliance-trestle resolves an SSP's profile without its back-matter, so a "#uuid"
    # href fails its import; it reads the trestle:// form, the same as the resource's first
    # rlink, which names the file beside this one second.
    link: Json = {"href": PROFILE.trestle_href, "remarks": (
        f"Outside a trestle workspace: back-matter resource {resource_uuid}, "
        f"{PROFILE.file} beside this file.")}
    system = " ".join(meta.organization.split())
    body: Json = {
        "metadata": metadata,
        "import-profile": link,
        "system-characteristics": {
            "system-ids": [{"identifier-type": "https://sms20k.invalid/ns/oscal",
                            "id": scoped_uuid(meta, "system")}],
            "system-name": f"{system} service management system",
            "description": markup(
                f"The service management system of {meta.organization} for the cloud services "
                f"in scope, assessed against ISO/IEC 20000-1 with the sms20k checklists."),
            "system-information": {"information-types": [{
                "uuid": scoped_uuid(meta, "information-type", "records"),
                "title": "Service management records",
                "description": "The documented information the evidence repository lists: "
                               "policies, plans, procedures and records of the services.",
            }]},
            "status": {"state": "operational"},
            "authorization-boundary": {"description": markup(
                "The services in scope of the assessment"
                + (": " + ", ".join(s.name for s in services.values()) if services else "")
                + ".")},
        },
        "system-implementation": {"components": [
            {"uuid": this_system_uuid(meta), "type": "this-system",
             "title": line(f"{system} service management system"),
             "description": "The organization's service management system as a whole: "
                            "items assessed once for the scope are implemented here.",
             "status": {"state": "operational"}},
            *(_component(meta, s) for s in services.values()),
        ]},
        "control-implementation": {
            "description": "One implemented requirement per checklist item in scope, by the "
                           "service it is assessed for, or by the whole system.",
            "implemented-requirements": [
                _requirement(meta, cid, results, services)
                for cid, results in in_scope(report).items()],
        },
        "back-matter": back_matter,
    }
    return {"system-security-plan": {"uuid": scoped_uuid(meta, "system-security-plan",
                                                         digest(body)), **body}}


def _component(meta: Meta, service: ServiceInfo) -> Json:
    kinds = ", ".join([*service.categories, *service.deployment_models])
    props = [prop("service-id", service.id)]
    props += [prop("service-category", c) for c in service.categories]
    props += [prop("deployment-model", d) for d in service.deployment_models]
    return {"uuid": service_uuid(meta, service), "type": "service",
            "title": line(service.name),
            "description": markup(f"Cloud service ({kinds})." if kinds else "Cloud service."),
            "props": props, "status": {"state": "operational"}}


def _requirement(meta: Meta, cid: str, results: list[ItemResult],
                 services: dict[str, ServiceInfo]) -> Json:
    label = results[0].item
    by: list[Json] = []
    for r in results:
        service = services.get(r.service or "")
        component = this_system_uuid(meta) if service is None else service_uuid(meta, service)
        where = "the service management system" if service is None else line(service.name)
        entry: Json = {"component-uuid": component,
                       "uuid": scoped_uuid(meta, "by-component", r.item, r.service or ""),
                       "description": f"{label} {line(r.title)}, implemented for {where}; "
                                      "the evidence repository lists the evidence."}
        if r.owner:
            entry["props"] = [prop("owner", r.owner)]
        by.append(entry)
    return {"uuid": scoped_uuid(meta, "implemented-requirement", label), "control-id": cid,
            "props": [prop("label", label, ns=None)], "by-components": by}
