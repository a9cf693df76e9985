"""A claim's verdicts: those the user may see, and proposing, blind review or adjudication."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api import serializers
from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly
from annotations.api.views.common import ClaimChildMixin, valid_input, write_schema
from annotations.models import Verdict
from annotations.services import verdict_set


@extend_schema_view(
    get=extend_schema(
        summary=_("The claim's verdicts you may see (blind reviews stay sealed until both are in)"),
        responses={200: serializers.VerdictSerializer(many=True)},
    ),
    post=write_schema(
        _("Propose a verdict, give a blind review, or adjudicate"),
        serializers.VerdictCreateSerializer,
        serializers.VerdictSerializer,
        created=True,
        conflict=True,
    ),
)
class VerdictListView(ClaimChildMixin, generics.GenericAPIView):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = serializers.VerdictSerializer
    queryset = Verdict.objects.none()
    write_model = Verdict

    def get(self, request: Request, claim_id: int) -> Response:
        claim = self.get_claim()
        if request.user.is_authenticated:
            verdicts = selectors.verdicts_visible_to(claim=claim, user=request.user)
        else:
            verdicts = list(
                Verdict.objects.filter(claim=claim, is_final=True).select_related(
                    "rating", "author", "approved_by"
                )
            )
        page = self.paginate_queryset(verdicts)
        context = self.get_serializer_context()
        return self.get_paginated_response(
            serializers.VerdictSerializer(page, many=True, context=context).data
        )

    def post(self, request: Request, claim_id: int) -> Response:
        data = valid_input(serializers.VerdictCreateSerializer, request.data)
        verdict = verdict_set(claim=self.get_claim(), actor=request.user, **data)
        return self.reply(verdict, created=True)
