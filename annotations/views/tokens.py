"""The page where a person lists, creates and revokes their own API tokens."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from annotations import selectors
from annotations.forms import apply_errors
from annotations.services.auth import api_token_create, api_token_revoke


class APITokenForm(forms.Form):
    """Name a new token and say how long it lasts."""

    name = forms.CharField(
        max_length=100,
        label=_("Name"),
        help_text=_("What the token is for, e.g. “nightly export”."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The most comes from the settings, read when the form is built rather than imported.
        most = settings.FACTCHECK_API_TOKEN_DAYS
        self.fields["days"] = forms.IntegerField(
            min_value=1,
            max_value=most,
            initial=most,
            label=_("Lasts (days)"),
            help_text=(_("At most %(most)s days.") % {"most": most}),
        )


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; on POST create one and show its key this once."""
    form = APITokenForm(request.POST or None)
    created = key = None
    if request.method == "POST" and form.is_valid():
        try:
            created, key = api_token_create(
                user=request.user,
                actor=request.user,
                request=request,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            form = APITokenForm()
    status = 400 if request.method == "POST" and created is None else 200
    context = {
        "form": form,
        "tokens": selectors.api_tokens_of(user=request.user),
        "created": created,
        "key": key,
    }
    return render(request, "annotations/token_list.html", context, status=status)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens."""
    # Another person's token is answered as missing, never as forbidden.
    token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=pk)
    api_token_revoke(token=token, actor=request.user, request=request)
    messages.success(
        request,
        (
            _("Revoked the token “%(name)s” (%(key_prefix)s…).")
            % {"name": token.name, "key_prefix": token.key_prefix}
        ),
    )
    return redirect("token-list")
