"""The cloud companion standards that checklist items cite (numbers and sections only)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from sms20k.checklists.models import COMPANION_REF
from sms20k.modelbase import InputModel


class Standard(InputModel):
    id: str = Field(pattern=r"^[0-9]{5}(-[0-9])?$")
    edition: str = Field(pattern=r"^[0-9]{4}$")
    title: str = Field(min_length=1)


class Section(InputModel):
    key: str = Field(pattern=COMPANION_REF)
    topic: str = Field(min_length=1, max_length=100)


class CompanionFile(InputModel):
    standards: list[Standard] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)


@dataclass(frozen=True)
class CompanionRef:
    key: str
    standard: str
    edition: str
    section: str | None
    topic: str

    @property
    def citation(self) -> str:
        """``ISO/IEC 27017:2015 CLD.9.5.1``: what a report prints."""
        base = f"ISO/IEC {self.standard}:{self.edition}"
        return f"{base} {self.section}" if self.section else base


@dataclass(frozen=True)
class Companion:
    refs: dict[str, CompanionRef]

    @classmethod
    def build(cls, data: CompanionFile) -> Companion:
        editions = {s.id: s.edition for s in data.standards}
        refs: dict[str, CompanionRef] = {}
        for section in data.sections:
            standard, _, part = section.key.partition(":")
            if standard not in editions:
                raise ValueError(f"companion section {section.key} names an unknown standard")
            refs[section.key] = CompanionRef(section.key, standard, editions[standard],
                                             part or None, section.topic)
        return cls(refs)
