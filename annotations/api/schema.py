"""OpenAPI generation: the answers every operation can give, who may call it, and its links.

The schema is checked against the running API (tests/test_api_schemathesis.py), so it states
what the API really does: every error status with the one error shape, anonymous access where
public data is served, bounded inputs, and links from each created object to the operations
that use it, so that a client (or a fuzzer) can walk from one to the next.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from annotations.api.permissions import AuthenticatedOrPublicRead


class ErrorSerializer(serializers.Serializer):
    message = serializers.CharField(help_text=_("What went wrong, in words."))
    code = serializers.CharField(help_text=_("A stable machine-readable code."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("For invalid input: messages by field name."),
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
    "429": "Too many requests: wait the number of seconds in `Retry-After`.",
}
BODY_ERROR_CODES = {
    "413": "The request body is larger than the limit.",
    "415": "The body is not JSON (`Content-Type: application/json`).",
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer", "minimum": 0},
        "description": _("Seconds until a request is accepted again."),
    }
}


class ProjectAutoSchema(AutoSchema):
    """Document JSON bodies, public reads, and the shared error responses of every operation."""

    def map_parsers(self) -> list[str]:
        # Forms are parsed too (for the browsable API), but JSON is the documented contract:
        # a form cannot say null, so it cannot express every body the schema allows.
        return ["application/json"]

    def get_auth(self) -> list[dict]:
        auths = super().get_auth()
        public = any(isinstance(p, AuthenticatedOrPublicRead) for p in self.view.get_permissions())
        if public and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        codes = dict(ERROR_CODES)
        if self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None:
            codes.update(BODY_ERROR_CODES)
        for code, description in codes.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = description
                if code == "429":
                    response["headers"] = RETRY_AFTER
                responses[code] = response
        for code, response in responses.items():
            # An error described only in words still answers with the error shape.
            if code >= "400" and "content" not in response:
                error = self._get_response_for_code(ErrorSerializer, code)
                responses[code] = {**error, "description": response.get("description", "")}
        return responses


# Links: (source operationId, status) -> {name: (target operationId, parameters, body)}.
# "$response.body#/id" is the object the source created; "$request.path.x" the source's own.
_CLAIM = {"id": "$response.body#/id"}
_CHILD_OF_CLAIM = {"claim_id": "$response.body#/id"}
# An evidence item or a comment the source created under its claim.
_CREATED_CHILD = {"claim_id": "$request.path.claim_id", "id": "$response.body#/id"}
LINKS: dict[tuple[str, str], dict[str, tuple[str, dict, dict | None]]] = {
    ("articles_create", "201"): {
        "GetArticle": ("articles_retrieve", {"id": "$response.body#/id"}, None),
        "ChangeArticle": ("articles_partial_update", {"id": "$response.body#/id"}, None),
        "SplitArticle": ("articles_split_create", {"id": "$response.body#/id"}, None),
        "CreateClaim": ("claims_create", {}, {"article": "$response.body#/id"}),
    },
    ("claims_create", "201"): {
        "GetClaim": ("claims_retrieve", _CLAIM, None),
        "EditClaim": ("claims_partial_update", _CLAIM, {"version": "$response.body#/version"}),
        "MoveClaim": ("claims_transitions_create", _CLAIM, None),
        "ClaimEvents": ("claims_events_list", _CLAIM, None),
        "SimilarClaims": ("claims_similar_list", _CLAIM, None),
        "ListEvidence": ("claims_evidence_list", _CHILD_OF_CLAIM, None),
        "CiteSource": ("claims_evidence_create", _CHILD_OF_CLAIM, None),
        "ListVerdicts": ("claims_verdicts_list", _CHILD_OF_CLAIM, None),
        "ProposeVerdict": (
            "claims_verdicts_create",
            _CHILD_OF_CLAIM,
            {"expected_version": "$response.body#/version"},
        ),
        "ListComments": ("claims_comments_list", _CHILD_OF_CLAIM, None),
        "Comment": ("claims_comments_create", _CHILD_OF_CLAIM, None),
    },
    ("claims_evidence_create", "201"): {
        "GetEvidence": ("claims_evidence_retrieve", _CREATED_CHILD, None),
        "ChangeEvidence": ("claims_evidence_partial_update", _CREATED_CHILD, None),
        "RemoveEvidence": ("claims_evidence_destroy", _CREATED_CHILD, None),
    },
    ("claims_comments_create", "201"): {
        "EditComment": ("claims_comments_partial_update", _CREATED_CHILD, None),
        "ModerateComment": ("claims_comments_moderation_create", _CREATED_CHILD, None),
    },
    ("sources_create", "201"): {
        "GetSource": ("sources_retrieve", {"id": "$response.body#/id"}, None),
    },
}


# Rules of request bodies that span several fields, which serializer fields cannot state.
_ONLY_ONE_OF_TEXT_AND_HTML = [
    {"required": ["text"], "properties": {"text": {"minLength": 1}, "html": {"maxLength": 0}}},
    {"required": ["html"], "properties": {"html": {"minLength": 1}, "text": {"maxLength": 0}}},
]
_ID = {"minimum": 1}
BODY_RULES: dict[str, dict] = {
    # Plain text or an HTML page, exactly one of them.
    "ArticleCreateRequest": {"oneOf": _ONLY_ONE_OF_TEXT_AND_HTML},
    # A span by offsets, or a quote to look for.
    "ClaimCreateRequest": {
        "anyOf": [{"required": ["start", "end"]}, {"required": ["quote"]}],
        "properties": {"article": _ID, "start": {"minimum": 0}, "end": {"minimum": 1}},
    },
    # A proposal (the default role) is explained, and names the claim version it was made on.
    "VerdictCreateRequest": {
        "anyOf": [
            {"required": ["role"], "properties": {"role": {"enum": ["review", "adjudication"]}}},
            {
                "required": ["explanation", "expected_version"],
                "properties": {"explanation": {"minLength": 1}},
            },
        ],
        "properties": {"rating": _ID},
    },
    "TransitionRequest": {"properties": {"rating": _ID}},
    # The version may come in an If-Match header instead; the body is the documented way.
    "PatchedClaimUpdateRequest": {
        "required": ["version"],
        "properties": {"start": {"minimum": 0}, "end": {"minimum": 1}},
    },
    "PatchedCommentRequest": {"required": ["text"]},
    # A source needs a URL or at least a title.
    "SourceCreateRequest": {
        "anyOf": [
            {"required": ["url"], "properties": {"url": {"minLength": 1}}},
            {"required": ["title"], "properties": {"title": {"minLength": 1}}},
        ]
    },
    # An existing source by id, or a new one by URL.
    "EvidenceCreateRequest": {
        "anyOf": [
            {"required": ["source"]},
            {"required": ["url"], "properties": {"url": {"minLength": 1}}},
        ],
        "properties": {"source": _ID},
    },
}


def add_body_rules(result: dict, generator, request, public: bool) -> dict:
    """Add the cross-field rules of request bodies (BODY_RULES) and the bounds of ids."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                # Every object's id in a path is a positive integer (`<int:pk>` in the URLs).
                if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"] = {**parameter["schema"], **_ID}
    components = result.get("components", {}).get("schemas", {})
    for name, rules in BODY_RULES.items():
        component = components.get(name)
        if component is None:
            continue
        for key, value in rules.items():
            if key == "required":
                component["required"] = sorted({*component.get("required", []), *value})
            elif key == "properties":
                for field, constraints in value.items():
                    component["properties"][field] = {
                        **component["properties"][field],
                        **constraints,
                    }
            else:
                component[key] = value
    return result


def add_links(result: dict, generator, request, public: bool) -> dict:
    """Link each created object to the operations that read or change it (OpenAPI links)."""
    operations = {
        operation["operationId"]: operation
        for path in result.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for (source, status), links in LINKS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        for name, (target, parameters, body) in links.items():
            if target not in operations:
                continue
            link: dict = {"operationId": target}
            if parameters:
                link["parameters"] = parameters
            if body is not None:
                link["requestBody"] = body
            response.setdefault("links", {})[name] = link
    return result
