"""A person's notifications page (mark one or all read) and their email preferences."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from annotations.models import NotificationKind
from annotations.selectors.notifications import email_kinds_of, notifications_for
from annotations.services.notifications import (
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
)
from annotations.views.common import refusal_on_form, safe_next

NOTIFICATIONS_PER_PAGE = 50


class EmailPreferencesForm(forms.Form):
    """Tick the kinds of notification that should also come by email."""

    email_kinds = forms.MultipleChoiceField(
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Email me when"),
    )
    # Unticking every box posts no kinds at all: this field tells that apart from a post that
    # did not come from the form, which must change nothing.
    choosing = forms.BooleanField(
        widget=forms.HiddenInput,
        initial=True,
        error_messages={"required": _("Send your choices from the email preferences form.")},
    )


@never_cache
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """List the user's notifications, newest first (`?unread=1`: only the unread ones)."""
    unread = request.GET.get("unread") == "1"
    notifications = notifications_for(user=request.user, unread=unread)
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "annotations/notification_list.html",
        {"page": page, "notifications": page.object_list, "unread_only": unread},
    )


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read, then open its claim (or go back)."""
    # Another person's notification is answered as missing, never as forbidden.
    notification = get_object_or_404(notifications_for(user=request.user), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    if request.POST.get("open") and notification.claim_id:
        return redirect("claim-detail", notification.claim_id)
    return redirect(safe_next(request, reverse("notification-list")))


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    """Mark every notification of the user read."""
    marked = notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)s notification read.", "Marked %(count)s notifications read.", marked
        )
        % {"count": marked},
    )
    return redirect(safe_next(request, reverse("notification-list")))


@never_cache
@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """Show and change which notifications the user also gets by email."""
    initial = {"email_kinds": email_kinds_of(request.user)}
    form = EmailPreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with refusal_on_form(form) as refusal:
                notification_preferences_set(
                    user=request.user, email_kinds=form.cleaned_data["email_kinds"]
                )
            if not refusal.status:
                messages.success(request, _("Saved your email choices."))
                return redirect("notification-preferences")
            status = refusal.status
        else:
            status = 400
    return render(
        request,
        "annotations/notification_preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=status,
    )
