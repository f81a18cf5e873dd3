"""JSON: the views' own stable serialisation."""

from __future__ import annotations

from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View


class JsonRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        return view.model_dump_json(indent=2) + "\n"
