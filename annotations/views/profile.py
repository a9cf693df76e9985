"""The page where a person chooses whether, and by what name, public output credits them."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from annotations import selectors
from annotations.forms import apply_errors
from annotations.models import PublicProfile
from annotations.services import public_profile_set


class PublicProfileForm(forms.Form):
    """A public name and the choice to show it."""

    public_name = forms.CharField(
        max_length=PublicProfile._meta.get_field("public_name").max_length,
        required=False,
        label=_("Public name"),
        help_text=_("The name readers see; never your login name."),
    )
    show_name_publicly = forms.BooleanField(
        required=False,
        label=_("Credit me by this name on published fact-checks, feeds and exports"),
    )


@never_cache
@login_required
def public_profile_edit(request: HttpRequest) -> HttpResponse:
    """Show and change how the signed-in person is named in public output."""
    profile = selectors.public_profile_of(user=request.user)
    initial = (
        {"public_name": profile.public_name, "show_name_publicly": profile.show_name_publicly}
        if profile
        else {}
    )
    form = PublicProfileForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                public_profile_set(user=request.user, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Your public profile is saved."))
                return redirect("public-profile")
        status = 400
    context = {
        "form": form,
        "organization": settings.FACTCHECK_ORGANIZATION_NAME,
        # The language form posts to the switcher (views.language), which keeps it.
        "interface_language": profile.interface_language if profile else "",
    }
    return render(request, "annotations/public_profile.html", context, status=status)
