"""The signed-in user's own API tokens: list, create (the key is shown once) and revoke."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.serializers.common import read_only
from annotations.api.validation import refuse_mistyped_json
from annotations.api.views.common import OwnRowsMixin
from annotations.models import APIToken
from annotations.services.auth import api_token_create, api_token_revoke


class APITokenSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(
        choices=["active", "expired", "revoked"],
        read_only=True,
        help_text=_("Whether the token still authenticates."),
    )

    Meta = read_only(
        APIToken,
        "id",
        "name",
        "key_prefix",
        "state",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_reason",
    )


class APITokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text=_("What the token is for."))

    def get_fields(self) -> dict:
        fields = super().get_fields()
        # The most comes from the settings when the serializer is built, so that the schema
        # states the limit the server applies.
        most = settings.FACTCHECK_API_TOKEN_DAYS
        fields["days"] = serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=most,
            help_text=(
                _("How many days the token lasts (default and most: %(most)s).") % {"most": most}
            ),
            error_messages={
                "max_value": _("A token lasts at most %(days)d days.") % {"days": most}
            },
        )
        return fields


class APITokenCreatedSerializer(APITokenSerializer):
    key = serializers.CharField(
        read_only=True,
        help_text=_("The key for `Authorization: Token <key>`. Shown only in this response."),
    )

    Meta = read_only(APITokenSerializer.Meta.model, "key", *APITokenSerializer.Meta.fields)


@extend_schema_view(
    get=extend_schema(summary=_("List my API tokens, newest first")),
    post=extend_schema(
        summary=_("Create an API token (its key is shown once, in this response)"),
        request=APITokenCreateSerializer,
        responses={201: APITokenCreatedSerializer},
    ),
)
class MyTokenListView(OwnRowsMixin, generics.ListCreateAPIView):
    model = APIToken
    serializer_class = APITokenSerializer
    filter_backends: list = []

    def own(self, request: Request) -> QuerySet[APIToken]:
        return selectors.api_tokens_of(user=request.user)

    def create(self, request: Request) -> Response:
        form = APITokenCreateSerializer(data=request.data)
        refuse_mistyped_json(form, request.data)
        form.is_valid(raise_exception=True)
        token, key = api_token_create(
            user=request.user, actor=request.user, request=request, **form.validated_data
        )
        token.key = key
        response = Response(APITokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)
        # The key must not linger in any cache between here and the client.
        response["Cache-Control"] = "no-store"
        return response


@extend_schema_view(
    get=extend_schema(summary=_("Get one of my API tokens")),
    delete=extend_schema(summary=_("Revoke one of my API tokens"), responses={204: None}),
)
class MyTokenDetailView(OwnRowsMixin, generics.RetrieveDestroyAPIView):
    model = APIToken
    serializer_class = APITokenSerializer

    def own(self, request: Request) -> QuerySet[APIToken]:
        return selectors.api_tokens_of(user=request.user)

    def destroy(self, request: Request, pk: int) -> Response:
        api_token_revoke(token=self.get_object(), actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
