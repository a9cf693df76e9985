"""Sources and evidence: cite a document for a claim, deduplicated by its normalised URL."""

import contextlib
import datetime
import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from annotations.errors import rule_error
from annotations.models import Claim, Evidence, Source, SourceKind
from annotations.services.archives import source_archive_cited
from annotations.services.common import check_length, parse_date
from annotations.services.research import claim_lock_for_research, require_in_research

# Query parameters that track a click rather than name a document.
_TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|"
    r"ref_src|ref_url|cmpid|ocid)$",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_DEFAULT_PORTS = {80, 443}

_UNSET: Any = object()


def normalize_url(url: str) -> str:
    """Return the key under which two spellings of one web address are the same source.

    Scheme, `www.`, default ports, fragments, tracking parameters, a trailing slash and the
    order of query parameters do not matter; the host is lower-cased (IDNA for non-ASCII) and
    percent-escapes are made uniform. The path keeps its case: servers may tell it apart.
    """
    raw = (url or "").strip()
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise rule_error(
            "url",
            (_("%(raw)r is not a web address (http:// or https://).") % {"raw": raw}),
            code="invalid_url",
        )
    try:
        port = parts.port
    except ValueError:
        raise rule_error(
            "url", (_("%(raw)r has an invalid port.") % {"raw": raw}), code="invalid_url"
        ) from None
    host = parts.hostname.rstrip(".")
    # A host IDNA cannot encode is still a fine key as it is.
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    host = host.lower().removeprefix("www.")
    if port is not None and port not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    path = _uniform_escapes(quote(parts.path, safe="/%:@!$&'()*+,;=-._~"))
    path = path.rstrip("/")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAM.match(key)
        )
    )
    return f"{host}{path}" + (f"?{query}" if query else "")


def source_create(
    *,
    actor: AbstractBaseUser | None,
    url: str = "",
    title: str = "",
    publisher: str = "",
    published_at: datetime.date | str | None = None,
    kind: str = SourceKind.OTHER,
) -> Source:
    """Create a source; refuse one whose URL (normalised) another source already has.

    A source without a URL (an interview, a printed report) needs a title.
    """
    _check_can_add_source(actor)
    source = _build_source(
        actor=actor, url=url, title=title, publisher=publisher, published_at=published_at, kind=kind
    )
    if source.normalized_url:
        existing = Source.objects.filter(normalized_url=source.normalized_url).first()
        if existing is not None:
            raise ValidationError(
                {
                    "url": (
                        _("Source %(existing_pk)s (%(title)s) has this URL; cite it instead.")
                        % {"existing_pk": existing.pk, "title": existing.title}
                    )
                }
            )
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        raise ValidationError({"url": _("A source with this URL already exists.")}) from None
    return source


def source_get_or_create(
    *,
    actor: AbstractBaseUser | None,
    url: str,
    title: str = "",
    publisher: str = "",
    published_at: datetime.date | str | None = None,
    kind: str = SourceKind.OTHER,
) -> tuple[Source, bool]:
    """Return the source with this URL (however it is spelt), creating it if there is none.

    The second value says whether it was created. An existing source is returned unchanged.
    """
    key = normalize_url(url)
    existing = Source.objects.filter(normalized_url=key).first()
    if existing is not None:
        return existing, False
    _check_can_add_source(actor)
    source = _build_source(
        actor=actor, url=url, title=title, publisher=publisher, published_at=published_at, kind=kind
    )
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        # Someone cited the same document at the same moment: theirs is as good as ours.
        return Source.objects.get(normalized_url=key), False
    return source, True


def evidence_add(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    stance: str,
    source: Source | None = None,
    url: str = "",
    title: str = "",
    publisher: str = "",
    published_at: datetime.date | str | None = None,
    kind: str = SourceKind.OTHER,
    excerpt: str = "",
    note: str = "",
) -> Evidence:
    """Cite a source for a claim with its stance; give `source`, or a new one's `url` or `title`.

    A URL some source already has cites that source; otherwise the source is created from
    `url`, `title`, `publisher`, `published_at` and `kind`, in the same transaction as its
    citation, so an error leaves no orphan source. Evidence changes only while the claim is a
    candidate or in research, by whoever may research it. Raise ValidationError naming the
    field when the source is already cited.
    """
    with transaction.atomic():
        current = _locked_claim(claim=claim, actor=actor, verb=_("add evidence to"))
        if source is None:
            new_source = {
                "actor": actor,
                "title": title,
                "publisher": publisher,
                "published_at": published_at,
                "kind": kind or SourceKind.OTHER,
            }
            if (url or "").strip():
                source, _created = source_get_or_create(url=url, **new_source)
            elif (title or "").strip():
                source = source_create(**new_source)
            else:
                raise ValidationError({"source": _("Choose a source or give its URL.")})
        cited = Evidence.objects.filter(claim=current, source=source).first()
        if cited is not None:
            raise ValidationError(
                {
                    "source": (
                        _("%(source)s is already cited for this claim (evidence %(cited_pk)s).")
                        % {"source": source, "cited_pk": cited.pk}
                    )
                }
            )
        evidence = Evidence(
            claim=current,
            source=source,
            stance=stance,
            excerpt=check_length((excerpt or "").strip(), field="excerpt"),
            note=check_length((note or "").strip(), field="note"),
            added_by=actor,
        )
        evidence.full_clean()
        evidence._history_user = actor
        evidence.save()
        # Fetched on a worker after commit; a fetch that fails never undoes the citation.
        source_archive_cited(source=source, actor=actor)
    return evidence


def evidence_update(
    *,
    evidence: Evidence,
    actor: AbstractBaseUser | None,
    stance: str = _UNSET,
    excerpt: str = _UNSET,
    note: str = _UNSET,
) -> Evidence:
    """Change a piece of evidence's stance, excerpt or note while its claim is in research."""
    with transaction.atomic():
        _locked_claim(claim=evidence.claim, actor=actor, verb=_("change evidence of"))
        current = Evidence.objects.select_for_update().get(pk=evidence.pk)
        before = (current.stance, current.excerpt, current.note)
        if stance is not _UNSET:
            current.stance = stance
        if excerpt is not _UNSET:
            current.excerpt = check_length((excerpt or "").strip(), field="excerpt")
        if note is not _UNSET:
            current.note = check_length((note or "").strip(), field="note")
        if (current.stance, current.excerpt, current.note) == before:
            # Nothing to change: no save, so the history records no edit that did not happen.
            return current
        current.full_clean()
        current._history_user = actor
        current.save()
    return current


def evidence_remove(*, evidence: Evidence, actor: AbstractBaseUser | None) -> None:
    """Remove a piece of evidence; its history keeps what it said and who removed it."""
    with transaction.atomic():
        _locked_claim(claim=evidence.claim, actor=actor, verb=_("remove evidence from"))
        current = Evidence.objects.select_for_update().filter(pk=evidence.pk).first()
        if current is None:
            raise ValidationError({"evidence": _("This evidence has already been removed.")})
        current._history_user = actor
        current.delete()


def _locked_claim(*, claim: Claim, actor: AbstractBaseUser | None, verb: str) -> Claim:
    current = claim_lock_for_research(
        claim, actor, doing=(_("%(verb)s this claim") % {"verb": verb})
    )
    require_in_research(
        current,
        _(
            "Research rule: evidence changes only while a claim is a candidate "
            "or in research; this one is %(status)s."
        ),
    )
    return current


def _check_can_add_source(actor: AbstractBaseUser | None) -> None:
    if actor is None or not actor.has_perm("annotations.add_source"):
        raise PermissionDenied(
            _(
                "Role rule: adding a source needs the annotator or editor role "
                "(annotations.add_source)."
            )
        )


def _build_source(
    *,
    actor: AbstractBaseUser | None,
    url: str,
    title: str,
    publisher: str,
    published_at: datetime.date | str | None,
    kind: str,
) -> Source:
    url = (url or "").strip()
    title = (title or "").strip()
    if not url and not title:
        raise ValidationError({"title": _("A source without a URL needs a title.")})
    source = Source(
        url=url,
        normalized_url=normalize_url(url) if url else "",
        title=title or url[:500],
        publisher=(publisher or "").strip(),
        published_at=parse_date(published_at, field="published_at"),
        kind=kind,
        created_by=actor,
    )
    # The URL's uniqueness is checked by the callers, which name the source that has it.
    source.full_clean(validate_constraints=False)
    return source


def _uniform_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda match: match.group().upper(), text)
