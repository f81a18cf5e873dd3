"""JSON: the views' own stable serialisation."""

from __future__ import annotations

from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View


class JsonRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        return self.encode(view, options).decode("utf-8")

    def encode(self, view: View, options: RenderOptions | None = None) -> bytes:
        """pydantic-core's UTF-8 bytes as they are: ``model_dump_json`` decodes them to a
        str that the file then encodes again, three copies of a 45 MB report at 10k."""
        self.require(view)
        return view.__pydantic_serializer__.to_json(view, indent=2) + b"\n"
