"""What ``export oscal`` reports: each OSCAL document written, with what it holds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from sms20k.modelbase import MessageView


class WrittenDocument(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    path: str
    summary: str
    """What the document holds, e.g. how many controls or findings."""


class OscalExportView(MessageView):
    kind: Literal["export-oscal"] = "export-oscal"
    documents: list[WrittenDocument]

    def lines(self) -> list[str]:
        return [f"wrote {doc.path}: {doc.summary}" for doc in self.documents]
