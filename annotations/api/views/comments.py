"""Comments on a claim: list, add, edit your own, and hide or unhide (editors)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api import serializers
from annotations.api.permissions import ModelPermissionOrReadOnly
from annotations.api.views.common import (
    ClaimChildMixin,
    nested_schema,
    valid_input,
    write_schema,
)
from annotations.models import Claim, Comment
from annotations.services import comment_add, comment_edit, comment_hide, comment_unhide


# No docstring: the OpenAPI description of each view is inherited from ClaimChildMixin.
class CommentMixin(ClaimChildMixin):
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.CommentSerializer

    def children(self, claim: Claim) -> QuerySet[Comment]:
        return selectors.comments_for(claim=claim, user=self.request.user)

    def get_comment(self) -> Comment:
        return get_object_or_404(self.children(self.get_claim()), pk=self.kwargs["pk"])


@nested_schema(
    serializers.CommentSerializer,
    get=_("Comments on the claim"),
    post=(_("Comment on the claim"), serializers.CommentSerializer),
)
class CommentListView(CommentMixin, generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    queryset = Comment.objects.none()
    write_model = Comment
    pagination_class = None

    def create(self, request: Request, claim_id: int) -> Response:
        data = valid_input(serializers.CommentSerializer, request.data)
        comment = comment_add(claim=self.get_claim(), actor=request.user, text=data["text"])
        return self.reply(comment, created=True)


@nested_schema(
    serializers.CommentSerializer,
    patch=(_("Edit your comment (within the edit window)"), serializers.CommentSerializer),
)
class CommentDetailView(CommentMixin, generics.GenericAPIView):
    def get_object(self) -> Comment:
        return self.get_comment()

    def patch(self, request: Request, claim_id: int, pk: int) -> Response:
        data = valid_input(serializers.CommentSerializer, request.data)
        comment = comment_edit(comment=self.get_object(), actor=request.user, text=data["text"])
        return self.reply(comment)


@write_schema(
    _("Hide or unhide a comment (editors)"),
    serializers.CommentModerationSerializer,
    serializers.CommentSerializer,
)
class CommentModerationView(CommentMixin, generics.GenericAPIView):
    serializer_class = serializers.CommentModerationSerializer

    def post(self, request: Request, claim_id: int, pk: int) -> Response:
        data = valid_input(serializers.CommentModerationSerializer, request.data)
        comment = self.get_comment()
        if data["hidden"]:
            comment = comment_hide(comment=comment, actor=request.user, reason=data["reason"])
        else:
            comment = comment_unhide(comment=comment, actor=request.user)
        return Response(serializers.CommentSerializer(comment).data)
