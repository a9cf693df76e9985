"""A claim's evidence: list, cite a source, change, remove."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api import serializers
from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly
from annotations.api.views.common import ClaimChildMixin, nested_schema, valid_input
from annotations.models import Claim, Evidence
from annotations.services import evidence_add, evidence_remove, evidence_update


# No docstring: the OpenAPI description of each view is inherited from ClaimChildMixin.
class EvidenceMixin(ClaimChildMixin):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = serializers.EvidenceSerializer
    queryset = Evidence.objects.none()
    write_model = Evidence


@nested_schema(
    serializers.EvidenceSerializer,
    get=_("A claim's evidence"),
    post=(
        _("Cite a source (existing by id, or new by url/title) for the claim"),
        serializers.EvidenceCreateSerializer,
    ),
)
class EvidenceListView(EvidenceMixin, generics.ListCreateAPIView):
    pagination_class = None

    def children(self, claim: Claim) -> QuerySet[Evidence]:
        return (
            Evidence.objects.filter(claim=claim)
            .select_related("source", "source__created_by", "added_by")
            .order_by("created_at", "id")
        )

    def create(self, request: Request, claim_id: int) -> Response:
        data = valid_input(serializers.EvidenceCreateSerializer, request.data)
        evidence = evidence_add(claim=self.get_claim(), actor=request.user, **data)
        return self.reply(evidence, created=True)


@nested_schema(
    serializers.EvidenceSerializer,
    get=_("One piece of evidence"),
    patch=(_("Change evidence"), serializers.EvidenceUpdateSerializer),
    delete=_("Remove evidence"),
)
class EvidenceDetailView(EvidenceMixin, generics.RetrieveUpdateDestroyAPIView):
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def children(self, claim: Claim) -> QuerySet[Evidence]:
        return Evidence.objects.filter(claim=claim).select_related("source", "added_by")

    def partial_update(self, request: Request, claim_id: int, pk: int) -> Response:
        data = valid_input(serializers.EvidenceUpdateSerializer, request.data)
        evidence = evidence_update(evidence=self.get_object(), actor=request.user, **data)
        return self.reply(evidence)

    def destroy(self, request: Request, claim_id: int, pk: int) -> Response:
        evidence_remove(evidence=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
