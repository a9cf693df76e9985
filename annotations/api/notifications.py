"""The signed-in user's notifications (list, mark read) and the people a comment may mention."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.serializers.common import read_only
from annotations.api.views.common import OwnRowsMixin
from annotations.models import Notification, NotificationKind
from annotations.selectors.notifications import mentionable_users, notifications_for
from annotations.services.notifications import (
    VIEW_CLAIM,
    notification_mark_read,
    notifications_mark_all_read,
)

_FLAGS = {"1": True, "true": True, "0": False, "false": False}
MAX_USER_QUERY = 150


class NotificationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=NotificationKind.choices, read_only=True)
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    claim_url = serializers.SerializerMethodField(help_text=_("The claim's page in the workspace."))
    unread = serializers.SerializerMethodField()
    text = serializers.CharField(
        source="message", read_only=True, help_text=_("What happened, in the reader's language.")
    )

    Meta = read_only(
        Notification,
        "id",
        "kind",
        "text",
        "claim",
        "claim_url",
        "actor",
        "created_at",
        "read_at",
        "unread",
    )

    def get_claim_url(self, notification: Notification) -> str | None:
        if notification.claim_id is None:
            return None
        return reverse("claim-detail", args=[notification.claim_id])

    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many notifications were unread."))


class MentionableUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class IsDeskMember(BasePermission):
    """Only people who may see claims (any role) may look up who else works on them."""

    @property
    def message(self) -> str:
        return _("Looking up desk members needs a role (%(permission)s).") % {
            "permission": VIEW_CLAIM
        }

    def has_permission(self, request, view) -> bool:
        return bool(request.user.is_authenticated and request.user.has_perm(VIEW_CLAIM))


def _unread_flag(request: Request) -> bool:
    raw = request.query_params.get("unread")
    if raw is None:
        return False
    if raw.strip().lower() not in _FLAGS:
        raise ValidationError(
            {"unread": [(_("Give 1 or 0 (true or false), not %(raw)r.") % {"raw": raw})]}
        )
    return _FLAGS[raw.strip().lower()]


@extend_schema_view(
    get=extend_schema(
        summary=_("List my notifications, newest first"),
        parameters=[
            OpenApiParameter(
                "unread",
                OpenApiTypes.STR,
                enum=["1", "0", "true", "false"],
                description=_("1: only the unread ones."),
            )
        ],
    )
)
class NotificationListView(OwnRowsMixin, generics.ListAPIView):
    model = Notification
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def own(self, request: Request) -> QuerySet[Notification]:
        return notifications_for(user=request.user, unread=_unread_flag(request))


@extend_schema(
    summary=_("Mark one of my notifications read"),
    request=None,
    responses={200: NotificationSerializer},
)
class NotificationReadView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer

    def post(self, request: Request, pk: int) -> Response:
        # Someone else's notification is as unknown as a missing one.
        notification = get_object_or_404(notifications_for(user=request.user), pk=pk)
        notification = notification_mark_read(notification=notification, user=request.user)
        return Response(NotificationSerializer(notification).data)


@extend_schema(
    summary=_("Mark all my notifications read"), request=None, responses={200: ReadAllSerializer}
)
class NotificationReadAllView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ReadAllSerializer

    def post(self, request: Request) -> Response:
        return Response({"marked": notifications_mark_all_read(user=request.user)})


@extend_schema(
    summary=_("Desk members whose username starts with q (for @mentions)"),
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            required=True,
            description=format_lazy(
                _("The start of a username (1 to {most} characters)."), most=MAX_USER_QUERY
            ),
        )
    ],
    responses={200: MentionableUserSerializer(many=True)},
)
class UserSearchView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated, IsDeskMember]
    serializer_class = MentionableUserSerializer
    filter_backends: list = []
    pagination_class = None

    def get(self, request: Request) -> Response:
        query = request.query_params.get("q", "").strip().lstrip("@")
        if not query or len(query) > MAX_USER_QUERY:
            raise ValidationError(
                {
                    "q": [
                        (
                            _("Give the start of a username, 1 to %(max_user_query)s characters.")
                            % {"max_user_query": MAX_USER_QUERY}
                        )
                    ]
                }
            )
        users = mentionable_users(query=query)
        return Response(MentionableUserSerializer(users, many=True).data)
