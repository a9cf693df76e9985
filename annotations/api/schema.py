"""OpenAPI generation: every operation documents the one error shape the API answers with."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    message = serializers.CharField(help_text="What went wrong, in words.")
    code = serializers.CharField(help_text="A stable machine-readable code.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid input: messages by field name.",
    )


class ConflictSerializer(serializers.Serializer):
    message = serializers.CharField()
    code = serializers.CharField()
    current_version = serializers.IntegerField(allow_null=True)
    current_status = serializers.CharField(allow_null=True)
    changed_by = serializers.CharField(allow_null=True)


ERROR_CODES = {
    "400": "Invalid input: a message, a code and the offending fields.",
    "401": "Not signed in (send a session cookie or `Authorization: Token …`).",
    "403": "Signed in, but the role or a workflow rule does not allow it.",
    "404": "No such object, or not visible to you.",
}


class ProjectAutoSchema(AutoSchema):
    """Add the shared error responses to every operation that does not describe its own."""

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        for code, description in ERROR_CODES.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = description
                responses[code] = response
        return responses
