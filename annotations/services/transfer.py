"""Load published claims from our own `json`/`jsonl` export into this database.

This is the one place besides the workflow that writes a claim's status: it does not move a
claim through review, it restores a record that was reviewed and published elsewhere, with its
verdict, evidence, review history and corrections exactly as exported.
"""

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from annotations.anchoring import MAX_CLAIM_CHARS, quote_matches, resolve_anchor
from annotations.models import (
    Article,
    Claim,
    ClaimantType,
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    ReviewEvent,
    Source,
    Verdict,
)
from annotations.public_cache import public_pages_changed
from annotations.services.articles import article_import
from annotations.services.claims import apply_tags
from annotations.services.common import SYSTEM, Actor, credited, parse_date
from annotations.services.evidence import normalize_url
from annotations.tagging import normalize_tags

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "export.schema.json"


@dataclass
class ImportReport:
    """What an import did: created claims, skipped duplicates, failures with their reasons.

    Each entry of `imported`, `duplicates` and `failures` starts with where the record is in
    the file ("line 3 (claim 12)" for JSON Lines, "record 3 (claim 12)" otherwise), and is
    written in the language active during the import. When
    `rolled_back` is set, a failure undid the whole import: nothing in `imported` was kept.
    """

    created: list[int] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)
    rolled_back: bool = False


@dataclass(frozen=True)
class ExportEntry:
    """One record read from an export, with its line (JSON Lines), or why it is unreadable."""

    record: Any
    line: int | None = None
    error: str = ""


# The deepest a record of our export nests is four levels; deeper input is not our export.
_MAX_RECORD_DEPTH = 32


@cache
def export_schema() -> dict[str, Any]:
    """Return the export's JSON Schema (docs/export.schema.json)."""
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


def read_export(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Yield the records of a `json` document or a `jsonl` stream, whichever the text is.

    Raise ValidationError naming the line when a line is not JSON.
    """
    for entry in read_export_entries(lines):
        if entry.error:
            raise ValidationError(
                {"file": _("Line %(line)s: %(error)s") % {"line": entry.line, "error": entry.error}}
            )
        yield entry.record


def read_export_entries(lines: Iterable[str]) -> Iterator[ExportEntry]:
    """Yield the entries of a `json` document or a `jsonl` stream, unreadable lines included.

    A JSON Lines entry carries its line number; a line that is not JSON (a truncated file)
    is yielded with the reason, and the lines after it are still read. A `json` document is
    read whole: if it is not JSON, raise ValidationError naming the line.
    """
    iterator = iter(lines)
    first_line, first = 0, ""
    for first_line, first in enumerate(iterator, start=1):  # noqa: B007 - used after the loop
        if first.strip():
            break
    if not first.strip():
        return
    try:
        item = _loads(first)
    except ValueError:
        # A document spread over several lines (pretty-printed): read it whole.
        text = first + "".join(iterator)
        try:
            item = _loads(text)
        except ValueError as error:
            message = getattr(error, "msg", str(error))
            if hasattr(error, "lineno"):
                text = _("Not JSON or JSON Lines: %(error)s (line %(line)s).") % {
                    "error": message,
                    "line": error.lineno + first_line - 1,
                }
            else:
                text = _("Not JSON or JSON Lines: %(error)s.") % {"error": message}
            raise ValidationError({"file": text}) from None
        for record in _document_claims(item):
            yield ExportEntry(record)
        return
    if isinstance(item, dict) and "claims" in item:
        for record in _document_claims(item):
            yield ExportEntry(record)
        return
    yield ExportEntry(item, line=first_line)
    for number, line in enumerate(iterator, start=first_line + 1):
        if not line.strip():
            continue
        try:
            yield ExportEntry(_loads(line), line=number)
        except ValueError as error:
            problem = _("not JSON: %(error)s.") % {"error": getattr(error, "msg", error)}
            yield ExportEntry(None, line=number, error=problem)


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(
            _("nested more than %(depth)s levels deep") % {"depth": _MAX_RECORD_DEPTH}
        ) from None


def claims_import_records(
    records: Iterable[dict[str, Any] | ExportEntry],
    *,
    actor: Actor = SYSTEM,
    partial: bool = False,
) -> ImportReport:
    """Import exported claim records, all or nothing unless `partial`.

    `actor` is who restores them (the command line by default); an article the records bring
    is imported as theirs, so they need the permission to import articles.

    A claim whose article (by text hash) already has a claim on the same span is a duplicate
    and skipped. Every record is checked and each failure reported with its reason; then, if
    any record failed, the whole import is undone (`rolled_back`). With `partial`, each record
    stands alone: the good ones are kept and the failures reported.
    """
    report = ImportReport()
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/$defs/record", "$defs": export_schema()["$defs"]}
    )
    try:
        with transaction.atomic():
            users = _Users(report)
            for index, entry in enumerate(records, start=1):
                if not isinstance(entry, ExportEntry):
                    entry = ExportEntry(entry)
                _import_entry(
                    entry, index, report=report, validator=validator, users=users, actor=actor
                )
            if report.failures and not partial:
                raise _RollBack
    except _RollBack:
        report.rolled_back = True
        report.created.clear()
        report.users_created.clear()
    if report.created:
        # Exports hold published claims: they appear on the public pages.
        public_pages_changed()
    return report


class _RollBack(Exception):
    """Undo an all-or-nothing import that had a failure."""


def _import_entry(
    entry: ExportEntry, index: int, *, report: ImportReport, validator, users: "_Users", actor
) -> None:
    record = entry.record
    claim_id = record.get("id", "?") if isinstance(record, dict) else "?"
    if entry.line is not None:
        where = _("line %(line)s") % {"line": entry.line}
    else:
        where = _("record %(number)s") % {"number": index}
    label = _("%(where)s (claim %(id)s)") % {"where": where, "id": claim_id}
    if entry.error:
        report.failures.append(_at(where, entry.error))
        return
    problem = _unusable(record)
    if problem:
        report.failures.append(_at(label, problem))
        return
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
    if errors:
        path = "/".join(str(part) for part in errors[0].absolute_path) or _("(record)")
        # jsonschema words its messages in English only.
        report.failures.append(_at(label, _at(path, errors[0].message)))
        return
    span = record["selector"]["end"] - record["selector"]["start"]
    longest = max(span, len(record["claim_text"]))
    if longest > MAX_CLAIM_CHARS:
        too_long = _("the claim is %(length)s characters long; a claim may have at most %(most)s.")
        report.failures.append(
            _at(label, too_long % {"length": f"{longest:,}", "most": f"{MAX_CLAIM_CHARS:,}"})
        )
        return
    try:
        # Each record in its own savepoint, so that a failed one leaves none of its rows.
        with transaction.atomic():
            outcome = _import_record(record, actor=actor, users=users)
    except ValidationError as error:
        report.failures.append(_at(label, "; ".join(error.messages)))
        return
    except IntegrityError:
        report.failures.append(_at(label, _("it clashes with a row this database already holds.")))
        return
    if isinstance(outcome, Claim):
        report.created.append(outcome.pk)
        report.imported.append(_at(label, _("imported as claim %(pk)s") % {"pk": outcome.pk}))
    else:
        report.duplicates.append(_at(label, outcome))


def _at(where: str, problem: str) -> str:
    """Return a message prefixed with where it applies (a record, a field)."""
    # A pattern of its own, so that a language may space its colon ("ligne 3 : …").
    return _("%(where)s: %(message)s") % {"where": where, "message": problem}


def _unusable(record: Any) -> str:
    """Return why a record cannot be stored as it is (a NUL character, deep nesting), or ""."""
    pending: list[tuple[Any, str, int]] = [(record, "", 1)]
    while pending:
        value, path, depth = pending.pop()
        if depth > _MAX_RECORD_DEPTH:
            return _("the record is nested more than %(depth)s levels deep") % {
                "depth": _MAX_RECORD_DEPTH
            }
        if isinstance(value, str) and "\x00" in value:
            nul = _("contains a NUL character (U+0000), not allowed in text")
            return _at(path or _("(record)"), nul)
        if isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    return _at(path or _("(record)"), _("a field name contains a NUL character"))
                pending.append((item, f"{path}/{key}" if path else key, depth + 1))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                pending.append((item, f"{path}/{number}" if path else str(number), depth + 1))
    return ""


def _import_record(record: dict[str, Any], *, actor, users: "_Users") -> Claim | str:
    if record.get("visibility") == "public":
        # A public record credits the organisation or a public name, not accounts, and has no
        # review history: restoring it would misattribute the work.
        raise ValidationError(
            _(
                "This is a public export (no usernames, no review history); import the desk's "
                "export instead: export_claims --include internal."
            )
        )
    article = _article(record["article"], actor=actor)
    selector = record["selector"]
    start, end = selector["start"], selector["end"]
    existing = Claim.objects.filter(article=article, start=start, end=end).first()
    if existing is not None:
        return _("article %(article)s already has claim %(claim)s on %(start)s–%(end)s") % {
            "article": article.pk,
            "claim": existing.pk,
            "start": start,
            "end": end,
        }
    if not quote_matches(article.text, start, end, record["quote"]):
        raise ValidationError(
            _(
                "The quote does not match the article text at %(start)s–%(end)s; the export and "
                "the article disagree."
            )
            % {"start": start, "end": end}
        )
    # The same rules as a claim marked by hand: inside the text, on character boundaries.
    anchor = resolve_anchor(article.text, start=start, end=end)
    researcher = users.get(record["researcher"])
    claim = Claim(
        article=article,
        **asdict(anchor),
        claim_text=record["claim_text"],
        claimant=record["claimant"] or "",
        # Records from before 1.2 carry no type; they were published as a Person.
        claimant_type=record.get("claimant_type", ClaimantType.PERSON),
        claim_date=parse_date(record["claim_date"], field="claim_date"),
        origin=record["origin"],
        checkworthiness=record["checkworthiness"],
        reasons=record["reasons"],
        status=ClaimStatus.PUBLISHED,
        researcher=researcher,
        created_by=researcher,
        published_at=_moment(record["published_at"]),
    )
    claim.full_clean()
    claim._history_user = credited(actor)
    claim.save()
    apply_tags(claim, normalize_tags(record.get("tags", [])))

    if record["verdict"] is not None:
        _verdict(claim, record["verdict"], users)
    for item in record["evidence"]:
        _evidence(claim, item, users, actor=actor)
    for event in record["review_history"]:
        ReviewEvent.objects.create(
            claim=claim,
            actor=users.get(event["actor"]),
            action=event["action"],
            from_status=event["from_status"] or "",
            to_status=event["to_status"],
            comment=event["comment"],
            at=_moment(event["at"]),
            data={"imported": True},
        )
    for correction in record["corrections"]:
        Correction.objects.create(
            claim=claim,
            note=correction["note"],
            author=users.get(correction["author"]),
            created_at=_moment(correction["created_at"]),
        )
    # Timestamps are part of the record; restore them after auto_now has stamped the save.
    Claim.objects.filter(pk=claim.pk).update(
        created_at=_moment(record["created_at"]), updated_at=_moment(record["updated_at"])
    )
    return claim


def _article(data: dict[str, Any], *, actor) -> Article:
    article = Article.objects.filter(text_sha256=data["text_sha256"]).order_by("pk").first()
    if article is not None:
        return article
    if "text" not in data:
        raise ValidationError(
            _(
                "Article %(hash)s… is not in this database and the record does not carry its "
                "text; import an export that includes it."
            )
            % {"hash": data["text_sha256"][:12]}
        )
    article = article_import(
        text=data["text"],
        title=data["title"],
        url=data["url"] or "",
        publisher=data["publisher"] or "",
        dateline=data["dateline"] or "",
        author=data["author"] or "",
        language=data["language"],
        published_at=data["published_at"],
        actor=actor,
    )
    if article.text_sha256 != data["text_sha256"]:
        raise ValidationError(_("The article's text does not match its text_sha256."))
    return article


def _verdict(claim: Claim, data: dict[str, Any], users: "_Users") -> None:
    rating = Rating.objects.filter(scale__slug=data["scale"]["slug"], slug=data["rating"]).first()
    if rating is None:
        raise ValidationError(
            _("Rating %(rating)s of scale %(scale)s does not exist here.")
            % {"rating": repr(data["rating"]), "scale": repr(data["scale"]["slug"])}
        )
    verdict = Verdict(
        claim=claim,
        rating=rating,
        explanation=data["explanation"],
        role=data["role"],
        author=users.get(data["author"]),
        is_final=True,
        approved_by=users.get(data["reviewer"]),
        approved_at=_moment(data["reviewed_at"]) or claim.published_at,
    )
    verdict.full_clean()
    verdict.save()


def _evidence(claim: Claim, data: dict[str, Any], users: "_Users", *, actor) -> None:
    source_data = data["source"]
    source = None
    key = normalize_url(source_data["url"]) if source_data["url"] else ""
    if key:
        source = Source.objects.filter(normalized_url=key).first()
    else:
        source = Source.objects.filter(url="", title=source_data["title"]).first()
    if source is None:
        source = Source(
            url=source_data["url"] or "",
            normalized_url=key,
            title=source_data["title"],
            publisher=source_data["publisher"] or "",
            published_at=parse_date(source_data["published_at"], field="source.published_at"),
            kind=source_data["kind"],
            created_by=credited(actor),
        )
        source.full_clean()
        source.save()
    evidence = Evidence(
        claim=claim,
        source=source,
        stance=data["stance"],
        excerpt=data["excerpt"],
        note=data["note"],
        added_by=users.get(data["added_by"]),
    )
    evidence.full_clean()
    evidence.save()
    Evidence.objects.filter(pk=evidence.pk).update(created_at=_moment(data["created_at"]))


class _Users:
    """Find people by username; create an inactive account for a name this database lacks."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.cache: dict[str, AbstractBaseUser] = {}

    def get(self, username: str | None) -> AbstractBaseUser | None:
        if not username:
            return None
        if username not in self.cache:
            User = get_user_model()
            user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
            if user is None:
                # Keeps the attribution of imported history without letting anyone sign in.
                user = User(**{User.USERNAME_FIELD: username}, is_active=False)
                user.set_unusable_password()
                user.save()
                self.report.users_created.append(username)
            self.cache[username] = user
        return self.cache[username]


def _document_claims(document: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        raise ValidationError({"file": _("The JSON document has no list of claims.")})
    yield from document["claims"]


def _moment(value: str | None) -> datetime.datetime | None:
    return parse_datetime(value) if value else None
