"""What the API views share: input checking, the visible claims, and the nested views' plumbing."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from annotations import selectors
from annotations.api.schema import ConflictSerializer
from annotations.api.validation import refuse_mistyped_json
from annotations.models import Claim, ClaimStatus

CONFLICT = {409: ConflictSerializer}
# Summaries are gettext_lazy strings, so the schema speaks the language asked for (?lang=).
StrOrPromise = str | Promise


def write_schema(
    summary: StrOrPromise,
    request: type[Serializer] | None,
    output: type[Serializer],
    *,
    created: bool = False,
    conflict: bool = False,
) -> Callable:
    """Describe a write: what it takes, and what it answers (201 when it creates)."""
    responses = {status.HTTP_201_CREATED if created else status.HTTP_200_OK: output}
    return extend_schema(
        summary=summary, request=request, responses={**responses, **(CONFLICT if conflict else {})}
    )


def claim_list_action(
    summary: StrOrPromise, description: StrOrPromise, output: type[Serializer], **options: Any
) -> Callable:
    """Declare `GET /claims/{id}/<name>/`: one claim's whole list, neither paged nor filtered."""
    responses = {200: output(many=True)}

    def declare(method: Callable) -> Callable:
        listed = action(
            detail=True, methods=["get"], pagination_class=None, filter_backends=[], **options
        )(method)
        return extend_schema(summary=summary, description=description, responses=responses)(listed)

    return declare


def nested_schema(
    output: type[Serializer],
    *,
    get: StrOrPromise | None = None,
    post: tuple[StrOrPromise, type[Serializer]] | None = None,
    patch: tuple[StrOrPromise, type[Serializer]] | None = None,
    delete: StrOrPromise | None = None,
) -> Callable:
    """Describe a view under a claim: a summary per method, and the input of each write."""
    methods = {}
    if get:
        methods["get"] = extend_schema(summary=get, responses={200: output})
    if post:
        methods["post"] = write_schema(*post, output, created=True)
    if patch:
        methods["patch"] = write_schema(*patch, output)
    if delete:
        methods["delete"] = extend_schema(summary=delete, responses={204: None})
    return extend_schema_view(**methods)


def valid_input(serializer_class: type[Serializer], data) -> dict:
    """Return the validated input, or raise the serializer's field errors."""
    serializer = serializer_class(data=data)
    refuse_mistyped_json(serializer, data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def without_empty(data: dict) -> dict:
    """Drop the fields sent empty, so the service applies its own defaults."""
    return {key: value for key, value in data.items() if value not in ("", None)}


def if_match_version(request: Request) -> int | None:
    """Return the claim version carried by an If-Match header, if any."""
    header = request.headers.get("If-Match", "").strip().strip('W/"').strip('"')
    if not header:
        return None
    try:
        return int(header)
    except ValueError:
        raise ValidationError(
            {
                "version": (
                    _("If-Match must carry the claim's version number, not %(header)r.")
                    % {"header": header}
                )
            }
        ) from None


def claim_queryset(user) -> QuerySet[Claim]:
    """Return the claims this user may see, with what the serializer needs in three queries."""
    claims = Claim.objects.select_related("assignee", "researcher", "created_by").prefetch_related(
        selectors.final_verdicts_prefetch(), "tags"
    )
    return readable_claims(claims, user)


def request_claims(request: Request) -> QuerySet[Claim]:
    """Return the claims this request may reach: ready to serialize for a read, bare for a write."""
    if request.method in SAFE_METHODS:
        return claim_queryset(request.user)
    # A write's service reads the claim again, locked, and the answer reads it afresh: the
    # serializer's joins and prefetches would be read for nothing.
    return readable_claims(Claim.objects.all(), request.user)


def readable_claims(claims: QuerySet, user) -> QuerySet:
    """Narrow `claims` (instances or rows) to those this user may read: anonymous, published."""
    return claims if user.is_authenticated else claims.filter(status=ClaimStatus.PUBLISHED)


# `POST` on a list: check the input, create through the service, answer 201 with the row; its
# OpenAPI description comes from the same attributes. No docstrings here: the schema would give
# them to every view as its description.
class CreateThroughService:
    create_input: type[Serializer]
    create_output: type[Serializer]
    create_summary: StrOrPromise
    # The service that creates the row from the checked input and the caller (`actor=`).
    create_service: Callable[..., Model]

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "create_input" in cls.__dict__:
            schema = write_schema(
                cls.create_summary, cls.create_input, cls.create_output, created=True
            )
            extend_schema_view(create=schema)(cls)

    def create(self, request: Request) -> Response:
        data = valid_input(self.create_input, request.data)
        row = type(self).create_service(actor=request.user, **data)
        return Response(self.created(row), status=status.HTTP_201_CREATED)

    def created(self, row: Model) -> dict:
        return self.create_output(row, context=self.get_serializer_context()).data


class ListReadCreateViewSet(
    CreateThroughService,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    pass


class OwnRowsMixin:
    """Views of the caller's own rows: someone else's are as unknown as missing ones."""

    permission_classes = [IsAuthenticated]
    model: type[Model]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.own(self.request)

    def own(self, request: Request) -> QuerySet:
        """Return the rows of the signed-in caller that this view serves."""
        raise NotImplementedError


class ClaimChildMixin:
    """Views nested under /claims/{claim_id}/: the claim must be visible to the user."""

    write_model: type[Model]

    def get_claim(self) -> Claim:
        if getattr(self, "swagger_fake_view", False):
            return Claim()
        if not hasattr(self, "_claim"):
            self._claim = get_object_or_404(
                request_claims(self.request), pk=self.kwargs["claim_id"]
            )
        return self._claim

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.write_model.objects.none()
        return self.children(self.get_claim())

    def children(self, claim: Claim) -> QuerySet:
        """Return the claim's children this view serves."""
        raise NotImplementedError

    def reply(self, instance: Model, *, created: bool = False) -> Response:
        """Answer with `instance` in the view's output shape."""
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.serializer_class(instance).data, status=code)
