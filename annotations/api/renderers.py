"""The API's JSON renderer: DRF's output, written by orjson.

DRF's renderer runs `json.dumps` with its own encoder; orjson writes the same compact UTF-8
JSON several times faster, which counts on the lists (50 to 500 items a page). Values JSON
has no type for (times, decimals, lazy translations, ...) still go through DRF's encoder, so
they read exactly as before; pretty-printed answers (`; indent=`, the browsable API), the
ASCII-only and spaced settings, and anything orjson refuses fall back to DRF's renderer.
One difference: a float that is not a number is written as null, where DRF's strict JSON
fails the whole answer.
"""

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_encoder = JSONEncoder()


class JSONRenderer(renderers.JSONRenderer):
    """Render JSON as DRF's renderer does, with orjson doing the writing."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if (
            data is None
            or self.ensure_ascii
            or not self.compact
            or self.get_indent(accepted_media_type, renderer_context or {}) is not None
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            text = orjson.dumps(data, default=_encoder.default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            # Integers past 64 bits, cycles, types DRF's encoder refuses: its message stands.
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF does: these two are valid JSON but end a line in JavaScript source.
        return text.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
