"""The incoming desk: new candidate claims across recent imports, best first, with "checked
before?" matches, filters, and bulk accept (start research) or dismiss."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from annotations.errors import error_message
from annotations.models import ReviewAction
from annotations.selectors.incoming import (
    IncomingFilters,
    checked_before,
    feeds_for_filter,
    incoming_claims,
)
from annotations.services.incoming import incoming_triage
from annotations.views.article_page import _claim_and_version
from annotations.views.common import report_triage, safe_next

CLAIMS_PER_PAGE = 50
DONE = {ReviewAction.START: _("moved to research"), ReviewAction.DISMISS: _("dismissed")}


class IncomingFilterForm(forms.Form):
    """Narrow the incoming claims by feed, language, import date and score."""

    feed = forms.ModelChoiceField(queryset=None, required=False, empty_label=_("All feeds"))
    language = forms.RegexField(
        regex=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
        required=False,
        max_length=35,
        error_messages={"invalid": _("Enter a language tag such as en or pt-BR.")},
    )
    since = forms.DateField(required=False, label=_("Imported from"))
    until = forms.DateField(required=False, label=_("Imported until"))
    min_score = forms.FloatField(
        required=False, min_value=0, max_value=1, label=_("Score at least")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["feed"].queryset = feeds_for_filter()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError(_("“Imported from” must not be after “Imported until”."))
        return data


@never_cache
@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    """List new candidate claims, most check-worthy first, each with its likely matches."""
    form = IncomingFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "page": None, "rows": []}
        return render(request, "annotations/incoming.html", context, status=400)
    filters = IncomingFilters(**form.cleaned_data) if form.is_bound else IncomingFilters()
    page = Paginator(incoming_claims(filters=filters), CLAIMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    claims = list(page.object_list)
    matches = checked_before(claims)
    rows = [(claim, matches.get(claim.pk, [])) for claim in claims]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "annotations/incoming.html", context)


@login_required
@require_POST
def incoming_act(request: HttpRequest) -> HttpResponse:
    """Start research on, or dismiss, the selected claims; report each refusal."""
    back = safe_next(request, reverse("incoming"))
    action = request.POST.get("action", "")
    try:
        picked = [_claim_and_version(value) for value in request.POST.getlist("claim")]
        results = incoming_triage(
            actor=request.user,
            action=action,
            claims=picked,
            comment=request.POST.get("reason", "") if action == ReviewAction.DISMISS else "",
        )
    except ValueError:
        messages.error(request, _("The selected claims could not be read; select them again."))
        return HttpResponseRedirect(back)
    except ValidationError as error:
        messages.error(
            request,
            (_("Nothing was changed: %(error_message)s") % {"error_message": error_message(error)}),
        )
        return HttpResponseRedirect(back)
    report_triage(request, results, done=DONE[action])
    return HttpResponseRedirect(back)
