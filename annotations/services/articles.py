"""Import articles: the only way Article rows are written."""

import datetime
import re
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from annotations.htmltext import HtmlArticle, extract_article
from annotations.models import Article
from annotations.public_cache import public_pages_changed
from annotations.services.common import (
    Actor,
    credited,
    parse_date,
    refuse_nul,
    require_permission,
)
from annotations.services.duplicates import article_fingerprint, lock_text, refuse_duplicate
from annotations.splitting.language import detect_language
from annotations.splitting.metadata import MetadataError, lift_metadata
from annotations.splitting.normalize import normalize_text, text_sha256

TEXT_FILE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_FILE_SUFFIXES = (".html", ".htm")
IMPORT_FILE_SUFFIXES = TEXT_FILE_SUFFIXES + HTML_FILE_SUFFIXES
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_TITLE_LENGTH = 80
# A whole first sentence up to this length makes a better title than its first 80 characters.
_TITLE_MAX_LENGTH = 150
_SENTENCE_END = re.compile(r"[.!?…。！？](?=\s|$)")
CHANGE_ARTICLE = "annotations.change_article"
URL_VALIDATOR = URLValidator(
    schemes=["http", "https"], message=_("Enter a valid URL starting with http:// or https://.")
)


def max_article_bytes() -> int:
    """Return the configured size limit of one article's input, in bytes."""
    return settings.FACTCHECK_MAX_ARTICLE_BYTES


ADD_ARTICLE = "annotations.add_article"


def article_import(*, actor: Actor, **kwargs: Any) -> Article:
    """Import an article from text, HTML or a `.txt`/`.md`/`.html` file; return it saved.

    Takes the arguments of `article_build`. Raise PermissionDenied unless the actor may add
    articles, ValidationError naming the field on bad input; nothing is written then.
    """
    # Checked before the build, so a refused import costs no parsing.
    require_permission(actor, ADD_ARTICLE, doing=_("import an article"))
    # The duplicate check runs once, in article_create, under the text's lock.
    article = article_build(actor=actor, check_duplicates=False, **kwargs)
    return article_create(article=article, actor=actor)


def article_create(*, article: Article, actor: Actor) -> Article:
    """Save an article that `article_build` returned (the admin builds one to check its form).

    Its text's fingerprint is kept, and a near-duplicate of an earlier article is flagged.
    """
    require_permission(actor, ADD_ARTICLE, doing=_("import an article"))
    article.created_by = credited(actor)
    with transaction.atomic():
        # Checked again under the text's lock: a twin import may have saved it meanwhile.
        lock_text(article.text_sha256)
        refuse_duplicate(urls=[article.url], text_sha256=article.text_sha256)
        _save_unique_url(article)
        article_fingerprint(article=article)
    return article


def _save_unique_url(article: Article) -> Article:
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError as error:
        # A concurrent write took the same URL between full_clean() and save().
        raise ValidationError({"url": _("An article with this URL already exists.")}) from error
    return article


def article_build(
    *,
    text: str | bytes | None = None,
    html: str | bytes | None = None,
    file: IO[bytes] | None = None,
    filename: str = "",
    title: str = "",
    url: str = "",
    publisher: str = "",
    dateline: str = "",
    author: str = "",
    language: str = "",
    published_at: datetime.date | str | None = None,
    actor: Actor = None,
    extracted: HtmlArticle | None = None,
    original: str = "",
    check_duplicates: bool = True,
) -> Article:
    """Return a validated, unsaved article built from text, HTML or a `.txt`/`.md`/`.html` file.

    HTML (`html=` or a `.html`/`.htm` file) is reduced to its main text and sanitised HTML,
    and the metadata of its head (title, canonical url, publisher, author, language, date)
    fills the fields that no argument gives. The text is normalised (NFC, `\\n` line ends),
    a leading `date YYYY-MM-DD` marker and a closing `(Publisher – Dateline)` credit are
    lifted into fields, and the input is kept unchanged in `original`. Explicit arguments
    override what was lifted. `extracted` is a page already fetched and extracted (import by
    URL), with `original` the page as it came. Raise ValidationError naming the field on bad
    input, DuplicateArticleError when an article has the same URL or the same text (unless
    `check_duplicates` is off: `article_create` asks again under the text's lock); nothing is
    written then.
    """
    for name, value in (
        ("filename", filename),
        ("title", title),
        ("url", url),
        ("publisher", publisher),
        ("dateline", dateline),
        ("author", author),
        ("language", language),
    ):
        refuse_nul(value or "", field=name)
    if extracted is not None:
        if text is not None or html is not None or file is not None:
            raise ValidationError({"url": _("Give either a fetched page or text, HTML or a file.")})
        field, raw, page = "url", refuse_nul(original or extracted.text, field="url"), extracted
    else:
        field, raw, page = _read_page(text=text, html=html, file=file, filename=filename)
    if not page.text.strip():
        raise ValidationError({field: _("The HTML holds no readable text.")})
    canonical = normalize_text(page.text)
    try:
        lifted = lift_metadata(canonical)
    except MetadataError as error:
        raise ValidationError({error.field: str(error)}) from None
    if not lifted.text:
        raise ValidationError({field: _("Nothing claimable remains once the metadata is lifted.")})

    page_language = page.language.replace("_", "-")
    if not _LANGUAGE_TAG.match(page_language):
        # A page's own lang attribute is only a hint; a malformed one is ignored, not an error.
        page_language = ""
    # No language given: detect it (the configured default when the text is too short to tell).
    language = _check_language(
        (language or "").strip() or page_language or detect_language(lifted.text)
    )

    article = Article(
        title=(title or "").strip() or page.title or lifted.title or derive_title(lifted.text),
        url=(url or "").strip() or page.url,
        publisher=(publisher or "").strip() or page.publisher or lifted.publisher,
        dateline=(dateline or "").strip() or lifted.dateline,
        author=(author or "").strip() or page.author,
        language=language,
        published_at=parse_date(published_at, field="published_at")
        or page.published_at
        or lifted.published_at,
        text=lifted.text,
        html=page.html,
        original=raw,
        original_filename=PurePath(filename).name if filename else "",
        text_sha256=text_sha256(lifted.text),
        created_by=credited(actor),
    )
    if check_duplicates:
        refuse_duplicate(urls=[article.url], text_sha256=article.text_sha256)
    _check_url(article)
    # Both of the table's rules are checked just above (a set URL is unique, the text is not
    # empty) and the database holds them on save; asking it again costs two queries a page.
    article.full_clean(validate_constraints=False)
    return article


def _read_page(
    *, text: str | bytes | None, html: str | bytes | None, file: IO[bytes] | None, filename: str
) -> tuple[str, str, HtmlArticle]:
    """Return the input's field name, its text as given and the article it holds."""
    if html is not None and (text is not None or file is not None):
        raise ValidationError({"html": _("Give either the text, the HTML or a file, not several.")})
    field = "file" if file is not None else "html" if html is not None else "text"
    is_html = html is not None or PurePath(filename).suffix.lower() in HTML_FILE_SUFFIXES
    raw = _read_input(
        text=html if html is not None else text, file=file, filename=filename, field=field
    )
    if not raw.strip():
        raise ValidationError({field: _("The text is empty.")})
    return field, raw, extract_article(raw) if is_html else HtmlArticle(text=raw, html="")


METADATA_FIELDS = ("title", "url", "publisher", "dateline", "author", "language", "published_at")


def article_update_metadata(*, article: Article, actor: Actor, **changes: object) -> Article:
    """Change an article's metadata (never its text, which claims point into), recorded.

    Raise PermissionDenied unless the actor may change articles (annotators and editors),
    ValidationError naming the field on bad input; nothing is written then. The article's
    history keeps who changed what.
    """
    require_permission(actor, CHANGE_ARTICLE, doing="edit an article's details")
    unknown = set(changes) - set(METADATA_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationError(
            {field: (_("%(field)s cannot be changed; only metadata can.") % {"field": field})}
        )
    for field, value in changes.items():
        if isinstance(value, str):
            refuse_nul(value, field=field)
        if field == "published_at":
            value = parse_date(value, field="published_at")
        elif field == "language":
            value = _check_language(str(value or "").strip())
        else:
            value = str(value or "").strip()
        setattr(article, field, value)
    if not article.title:
        raise ValidationError({"title": _("The title must not be empty.")})
    _check_url(article)
    article.full_clean()
    article._history_user = credited(actor)
    article = _save_unique_url(article)
    # Published fact-checks name their article (title, link, publisher).
    public_pages_changed()
    return article


def _check_url(article: Article) -> None:
    if not article.url:
        return
    try:
        URL_VALIDATOR(article.url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from None
    clash = Article.objects.filter(url=article.url).exclude(pk=article.pk).values("pk").first()
    if clash is not None:
        raise ValidationError(
            {
                "url": (
                    _("An article with this URL already exists (article %(clash)s).")
                    % {"clash": clash["pk"]}
                )
            }
        )


def _check_language(language: str) -> str:
    if not _LANGUAGE_TAG.match(language):
        raise ValidationError(
            {
                "language": (
                    _("%(language)r is not a language tag such as 'en' or 'pt-BR'.")
                    % {"language": language}
                )
            }
        )
    return language


def derive_title(text: str) -> str:
    """Return a title from the text: a short heading line, its first sentence, or its first words.

    A cut falls between words (between characters where a script has no spaces), never inside
    one; annotators can correct the title on the article's details page.
    """
    first_line = text.split("\n", 1)[0].strip().lstrip("#").strip()
    if "\n" in text and len(first_line) <= 150 and not first_line.endswith((".", "!", "?", "…")):
        return first_line
    if len(first_line) <= _TITLE_LENGTH:
        return first_line
    sentence = _SENTENCE_END.search(first_line)
    if sentence and sentence.end() <= _TITLE_MAX_LENGTH:
        return first_line[: sentence.end()]
    head = first_line[: _TITLE_LENGTH + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head[:_TITLE_LENGTH]
    return cut.rstrip(",;:–—- ") + "…"


def _read_input(
    *, text: str | bytes | None, file: IO[bytes] | None, filename: str, field: str = "text"
) -> str:
    """Return the input as a string, enforcing the size limit and the file type."""
    if (text is None) == (file is None):
        raise ValidationError({"text": _("Give either the text or a file, not both or neither.")})
    limit = max_article_bytes()
    if file is not None:
        field = "file"
        suffix = PurePath(filename).suffix.lower()
        if filename and suffix not in IMPORT_FILE_SUFFIXES:
            raise ValidationError(
                {
                    "file": (
                        _("%(name)s: unsupported file type %(value)s; use %(join)s.")
                        % {
                            "name": PurePath(filename).name,
                            "value": suffix or "(none)",
                            "join": ", ".join(IMPORT_FILE_SUFFIXES),
                        }
                    )
                }
            )
        data = file.read(limit + 1)
        text = data if isinstance(data, bytes | str) else bytes(data)
    if isinstance(text, str):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(
                {field: _("The text contains unpaired surrogate code points.")}
            ) from None
        size = len(text.encode("utf-8"))
    else:
        size = len(text)
    if size > limit:
        raise ValidationError(
            {
                field: (
                    _("The text is larger than the limit of %(human_size)s per article.")
                    % {"human_size": _human_size(limit)}
                )
            }
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                {
                    field: (
                        _("The text is not valid UTF-8 (byte %(start)s cannot be decoded).")
                        % {"start": error.start}
                    )
                }
            ) from None
    return refuse_nul(text, field=field)


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"
