"""The article admin's "Import from URL" page: a form that calls the URL import service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from annotations.errors import DuplicateArticleError
from annotations.services import article_import_url


class ArticleUrlImportForm(forms.Form):
    """The URL to fetch, whether to suggest candidate claims, and the language if known."""

    url = forms.CharField(
        max_length=2000,
        label="URL",
        widget=forms.URLInput(attrs={"size": 80, "placeholder": "https://"}),
        help_text=_("The page is fetched and its article text extracted."),
    )
    split = forms.BooleanField(required=False, initial=True, label=_("Suggest candidate claims"))
    language = forms.CharField(
        required=False,
        max_length=35,
        help_text=_("A language tag such as en; default: the page's."),
    )


class ImportFromUrlMixin:
    """Add an "Import from URL" page to a ModelAdmin of articles."""

    def get_urls(self):
        own = [
            path(
                "import-url/",
                self.admin_site.admin_view(self.import_url_view),
                name="annotations_article_import_url",
            )
        ]
        return own + super().get_urls()

    def import_url_view(self, request: HttpRequest) -> HttpResponse:
        """Fetch and import the article at the URL posted; show errors on the form."""
        if not self.has_add_permission(request):
            raise PermissionDenied(_("Importing articles needs the annotator or editor role."))
        form = ArticleUrlImportForm(request.POST or None)
        status = 200
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    article = article_import_url(
                        actor=request.user,
                        url=form.cleaned_data["url"],
                        split=form.cleaned_data["split"],
                        language=form.cleaned_data["language"] or None,
                    )
                except DuplicateArticleError as duplicate:
                    messages.warning(request, _already_here(duplicate))
                    status = 409
                except ValidationError as error:
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    messages.success(
                        request,
                        (_("Imported “%(title)s” from its URL.") % {"title": article.title}),
                    )
                    return redirect(reverse("admin:annotations_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import an article from its URL"),
            "form": form,
        }
        return TemplateResponse(
            request, "admin/annotations/article/import_url.html", context, status=status
        )


def _already_here(duplicate: DuplicateArticleError) -> str:
    url = reverse("admin:annotations_article_change", args=[duplicate.article.pk])
    return format_html('{} <a href="{}">{}</a>.', duplicate.summary, url, _("Open it"))
