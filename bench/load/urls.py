"""The product's routes plus `/bench/bare/`, the load test's yardstick (bench/load/settings.py)."""

from django.urls import include, path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly

# A fixed answer of about the size of one claim, so the endpoint measures the framework alone.
BARE_ANSWER = [
    {"id": 1, "status": "candidate", "quote": "The minister said the budget rose 3.1 percent."},
    {"id": 2, "status": "published", "quote": "Ridership fell to 120,000 passengers a day."},
]


class BareView(APIView):
    """Answer a constant list through DRF with the claims list's authentication and permissions."""

    # The same permission classes as the claims list; authentication, throttling, parsers and
    # renderers are the defaults that the claims list uses too.
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]

    def get(self, request: Request) -> Response:
        return Response(BARE_ANSWER)


urlpatterns = [
    path("bench/bare/", BareView.as_view(), name="bench-bare"),
    path("", include("factcheck.urls")),
]
