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


class PublicProfileForm(forms.ModelForm):
    """A public name and the choice to show it, in the words of a person's own page."""

    class Meta:
        model = PublicProfile
        fields = ("public_name", "show_name_publicly")
        labels = {
            "public_name": _("Public name"),
            "show_name_publicly": _(
                "Credit me by this name on published fact-checks, feeds and exports"
            ),
        }
        help_texts = {
            "public_name": _("The name readers see; never your login name."),
            # The label says it all.
            "show_name_publicly": "",
        }


@never_cache
@login_required
def public_profile_edit(request: HttpRequest) -> HttpResponse:
    """Show and change how the signed-in person is named in public output."""
    profile = selectors.public_profile_of(user=request.user)
    # The form only checks the input; the service saves it.
    form = PublicProfileForm(request.POST or None, instance=profile)
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
