"""Import an article by URL: fetch it safely, extract it, import it (and split it) in one go."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from annotations.htmltext import HtmlArticle
from annotations.intake.extract import extract_page
from annotations.intake.fetch import FetchError, FetchResult, fetch_url
from annotations.models import Article, FetchRecord
from annotations.services.articles import ADD_ARTICLE, URL_VALIDATOR, article_import
from annotations.services.common import Actor, credited, refuse_nul, require_permission
from annotations.services.duplicates import refuse_duplicate
from annotations.services.splitting import article_import_split


def article_import_url(
    *, actor: Actor, url: str, split: bool = True, language: str | None = None
) -> Article:
    """Fetch the page at `url`, import its article (and split it), keep the fetch record.

    Raise PermissionDenied unless the actor may add articles; ValidationError on `url` when
    the URL is malformed, refused by the address guard, or the fetch fails (its cause is the
    FetchError, whose `temporary` says whether trying again may help); DuplicateArticleError
    when the URL (asked for, redirected to or canonical) or the text is already imported.
    Nothing is written unless everything succeeds.
    """
    require_permission(actor, ADD_ARTICLE, doing=_("import an article"))
    url = refuse_nul((url or "").strip(), field="url")
    if not url:
        raise ValidationError({"url": _("Enter the URL of the article to import.")})
    try:
        URL_VALIDATOR(url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from None
    # Known already: say so without fetching it again.
    refuse_duplicate(urls=[url])
    try:
        fetched = fetch_url(url)
    except FetchError as error:
        raise ValidationError({"url": ValidationError(str(error), code="fetch")}) from error
    page = _extract(fetched)
    canonical = page.url or fetched.final_url
    refuse_duplicate(urls=[fetched.final_url, canonical])
    arguments = {
        "extracted": page,
        # PostgreSQL cannot store NUL; the page is kept as it came otherwise.
        "original": fetched.body_text.replace("\x00", "\ufffd"),
        "url": canonical,
        "language": language or "",
        "actor": actor,
    }
    with transaction.atomic():
        if split:
            article, _split = article_import_split(**arguments)
        else:
            article = article_import(**arguments)
        record = FetchRecord(
            requested_url=fetched.requested_url,
            final_url=fetched.final_url,
            status=fetched.status,
            content_type=fetched.content_type,
            charset=fetched.charset,
            content_sha256=fetched.content_sha256,
            redirects=list(fetched.redirects),
            fetched_at=fetched.fetched_at,
            article=article,
            fetched_by=credited(actor),
        )
        # The article was saved just above and the actor is signed in: no need to ask the
        # database whether they exist.
        record.full_clean(exclude=["article", "fetched_by"])
        record.save()
    return article


def _extract(fetched: FetchResult) -> HtmlArticle:
    if not fetched.is_html:
        return HtmlArticle(text=fetched.body_text, html="")
    page = extract_page(fetched.body_text, url=fetched.final_url)
    if not page.text.strip():
        raise ValidationError(
            {
                "url": (
                    _("%(final_url)s holds no readable article text.")
                    % {"final_url": fetched.final_url}
                )
            }
        )
    return page
