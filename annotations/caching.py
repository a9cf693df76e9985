"""Keep a signed-in person's pages out of every cache, the browser's history included.

A workspace page shows the buttons a claim offered when it was served. Back after a workflow
step would show the old page from the back/forward cache, with a button that is no longer
valid; `no-store` makes the browser fetch the page again instead.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class WorkspaceNoStoreMiddleware:
    """Mark the responses to signed-in people `no-store` unless a view chose its own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
