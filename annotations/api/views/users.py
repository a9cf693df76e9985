"""The signed-in user."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api import serializers


@extend_schema(
    summary=_("The signed-in user and their roles"), responses={200: serializers.UserSerializer}
)
class MeView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.UserSerializer

    def get(self, request: Request) -> Response:
        return Response(serializers.UserSerializer(request.user).data)
