"""Browser forms: parse and label input; the services decide what is valid and write it."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from annotations.models import ClaimantType, Rating, ReviewAction, Source, SourceKind, Stance
from annotations.rating_labels import shipped_text
from annotations.services.articles import IMPORT_FILE_SUFFIXES
from annotations.tagging import MAX_TAG_LENGTH, MAX_TAGS_PER_CLAIM


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages)
        else:
            form.add_error(None, messages)


class ArticleImportForm(forms.Form):
    """Paste or upload an article, or give the URL to fetch it from, with optional metadata."""

    fetch_url = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Import from URL"),
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
        help_text=_("The page is fetched and its article text extracted."),
    )
    text = forms.CharField(
        required=False,
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_("Or paste the article text, or upload a file below."),
    )
    file = forms.FileField(
        required=False,
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(IMPORT_FILE_SUFFIXES)}),
        help_text=_(
            "Plain text, Markdown or HTML (the main text is extracted; scripts are removed)."
        ),
    )
    title = forms.CharField(required=False, max_length=500, label=_("Title"))
    url = forms.CharField(required=False, max_length=2000, label=_("URL"))
    publisher = forms.CharField(required=False, max_length=200, label=_("Publisher"))
    author = forms.CharField(required=False, max_length=200, label=_("Author"))
    published_at = forms.DateField(required=False, label=_("Published on"), widget=DateInput())
    language = forms.CharField(
        required=False,
        max_length=35,
        label=_("Language"),
        help_text=_("A language tag such as en or pt-BR."),
    )
    split = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Suggest candidate claims"),
        help_text=_("Split the text into sentences and score how check-worthy each one is."),
    )

    def clean(self) -> dict:
        data = super().clean()
        has_text = bool((data.get("text") or "").strip())
        fetch = bool((data.get("fetch_url") or "").strip())
        if fetch and (has_text or data.get("file")):
            self.add_error("fetch_url", _("Give a URL, pasted text or a file: only one of them."))
        elif has_text and data.get("file"):
            self.add_error("file", _("Give either pasted text or a file, not both."))
        elif not fetch and not has_text and not data.get("file") and not self.has_error("file"):
            self.add_error(
                "text", _("Paste the article text or choose a file. Or give its URL to fetch it.")
            )
        return data


class ClaimSpanForm(forms.Form):
    """A span of the article text in code points, with the quote the browser saw there."""

    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    quote = forms.CharField(strip=False)
    version = forms.IntegerField(required=False, min_value=1)


class ClaimEditForm(forms.Form):
    """The claim restated, who made it and when; `version` is the one the editor saw."""

    claim_text = forms.CharField(
        label=_("Claim"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Restated so it stands alone."),
    )
    claimant = forms.CharField(
        required=False, max_length=300, label=_("Claimant"), help_text=_("Who made the claim.")
    )
    claimant_type = forms.ChoiceField(
        choices=ClaimantType.choices,
        initial=ClaimantType.PERSON,
        required=False,
        label=_("Claimant is"),
        help_text=_("ClaimReview names an organisation's claims as an Organization's."),
    )
    claim_date = forms.DateField(
        required=False, label=_("Claim date"), widget=DateInput(), help_text=_("When it was made.")
    )
    tags = forms.CharField(
        required=False,
        # Checked by the service's tag rules; this only stops a runaway paste early.
        max_length=(MAX_TAG_LENGTH + 2) * MAX_TAGS_PER_CLAIM,
        label=_("Tags"),
        help_text=_("Separate tags with commas; they are stored in lower case."),
        widget=forms.TextInput(
            attrs={
                "list": "tag-suggestions",
                "autocomplete": "off",
                "data-tags-url": reverse_lazy("api:tags"),
            }
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EvidenceForm(forms.Form):
    """Cite a known source, or a new one by URL (reused when another claim cites it already)."""

    source = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        required=False,
        label=_("Known source"),
        empty_label=_("— a new source —"),
    )
    url = forms.CharField(required=False, max_length=2000, label=_("Source URL"))
    title = forms.CharField(required=False, max_length=500, label=_("Source title"))
    publisher = forms.CharField(required=False, max_length=200, label=_("Source publisher"))
    published_at = forms.DateField(required=False, label=_("Source date"), widget=DateInput())
    kind = forms.ChoiceField(
        choices=SourceKind.choices, initial=SourceKind.OTHER, required=False, label=_("Source kind")
    )
    stance = forms.ChoiceField(choices=Stance.choices, widget=forms.RadioSelect, label=_("Stance"))
    excerpt = forms.CharField(
        required=False,
        label=_("Excerpt"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The passage that matters."),
    )
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sources=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if sources is not None:
            self.fields["source"].queryset = sources

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("source") and not (data.get("url") or data.get("title")):
            self.add_error(
                "url", _("Choose a known source, or give the URL (or title) of a new one.")
            )
        return data


class RatingChoiceField(forms.ModelChoiceField):
    """Ratings shown with their descriptions, so the choice is an informed one."""

    def label_from_instance(self, rating: Rating) -> str:
        label = shipped_text(rating.label)
        return f"{label} — {shipped_text(rating.description)}" if rating.description else label


class VerdictForm(forms.Form):
    """A rating of the claim with its explanation for readers."""

    rating = RatingChoiceField(
        queryset=Rating.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Rating"),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this rating: readers see it."),
    )
    comment = forms.CharField(
        required=False,
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For adjudication: tell the reviewers why."),
    )
    role = forms.CharField(widget=forms.HiddenInput, initial="proposal")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ratings=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if ratings is not None:
            self.fields["rating"].queryset = ratings


class TransitionForm(forms.Form):
    """One workflow step, with the status and version the person saw."""

    action = forms.ChoiceField(choices=ReviewAction.choices)
    expected_status = forms.CharField()
    expected_version = forms.IntegerField(min_value=1)
    comment = forms.CharField(
        required=False, label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(required=False)


class CommentForm(forms.Form):
    """A message in the claim's discussion."""

    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ArticleDetailsForm(forms.Form):
    """An article's details (never its text); `title` is required, the rest may be empty."""

    title = forms.CharField(max_length=500)
    url = forms.CharField(required=False, max_length=2000, label="URL")
    publisher = forms.CharField(required=False, max_length=200)
    author = forms.CharField(required=False, max_length=200)
    dateline = forms.CharField(required=False, max_length=200)
    published_at = forms.DateField(required=False, label=_("Published on"), widget=DateInput())
    language = forms.CharField(max_length=35, help_text=_("A language tag such as en or pt-BR."))
