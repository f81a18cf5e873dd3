"""YAML: the same data as JSON, for people who prefer to read YAML."""

from __future__ import annotations

import yaml

from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View


class YamlRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        data = view.model_dump(mode="json")
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        return text
