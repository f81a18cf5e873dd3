"""The links of the OSCAL chain (catalog → profile → SSP → assessment plan → results), and the
profile that selects the catalog's controls.

Every import goes through a back-matter resource (``#<uuid>``) whose rlinks give the file
twice: first in the ``trestle://`` form, which compliance-trestle resolves from its workspace
root once ``trestle import -o sms20k`` has moved the file, then as the file name beside the
importing document. Trestle takes the first rlink that names a JSON file, so the order
matters; other tools pick the rlink they can read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sms20k.export.oscal_catalog import OSCAL_VERSION, Json, digest, stable_uuid

TRESTLE_NAME = "sms20k"
"""The model name the docs give to ``trestle import -o``."""
TRESTLE_HREF = "trestle://"


@dataclass(frozen=True)
class Model:
    """One document of the chain: its root key, its file and where trestle files it."""

    key: str
    file: str
    trestle_dir: str
    title: str

    @property
    def media_type(self) -> str:
        return f"application/oscal.{self.key}+json"

    @property
    def trestle_href(self) -> str:
        return f"{TRESTLE_HREF}{self.trestle_dir}/{TRESTLE_NAME}/{self.key}.json"


CATALOG = Model("catalog", "catalog.json", "catalogs", "The sms20k checklists as an OSCAL catalog")
PROFILE = Model("profile", "profile.json", "profiles", "The baseline: the sms20k profile")
SSP = Model("system-security-plan", "ssp.json", "system-security-plans",
            "The system security plan: the services in scope")
PLAN = Model("assessment-plan", "assessment-plan.json", "assessment-plans",
             "The assessment plan")
RESULTS = Model("assessment-results", "assessment-results.json", "assessment-results",
                "The assessment results")
CHAIN = (CATALOG, PROFILE, SSP, PLAN, RESULTS)


def resource(model: Model, resource_uuid: str) -> Json:
    """A back-matter resource that leads to ``model``; import it with ``#`` + its uuid."""
    return {
        "uuid": resource_uuid,
        "title": model.title,
        "rlinks": [{"href": model.trestle_href, "media-type": model.media_type},
                   {"href": model.file, "media-type": model.media_type}],
    }


def imported(model: Model, resource_uuid: str) -> tuple[Json, Json]:
    """The import object (``{"href": "#..."}``) and the back-matter that resolves it."""
    return {"href": f"#{resource_uuid}"}, {"resources": [resource(model, resource_uuid)]}


def build_profile(catalog: Json, *, version: str, last_modified: str) -> Json:
    """``{"profile": ...}`` importing every control of ``catalog``: the checklist set is the
    baseline; scope narrows it in the SSP and the assessment plan, not here, so that every
    control id the results name resolves through the profile."""
    catalog_uuid = catalog["catalog"]["uuid"]
    link, back_matter = imported(CATALOG, stable_uuid("resource", "catalog", catalog_uuid))
    body: Json = {
        "metadata": {
            "title": "sms20k baseline: every checklist item",
            "last-modified": last_modified,
            "version": version,
            "oscal-version": OSCAL_VERSION,
        },
        "imports": [{**link, "include-all": {}}],
        "merge": {"as-is": True},
        "back-matter": back_matter,
    }
    return {"profile": {"uuid": stable_uuid("profile", digest(body)), **body}}
