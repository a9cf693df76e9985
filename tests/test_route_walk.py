"""Every route, fed NUL, overlong and deeply nested input, answers below 500 and changes nothing.

The routes come from the URL resolver, so a route added later is walked too; each path
parameter is filled with the id of a real object, and the test fails if a route cannot be
reached. Each route gets, as an anonymous reader and as a signed-in editor (staff), a GET
with such query parameters and POST/PUT/PATCH bodies with such fields, as a form and as JSON.
"""

import json
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

from annotations.models import Claim, Comment, Evidence, RatingScale, Source
from annotations.services import (
    claim_create,
    claims_split,
    comment_add,
)
from tests.helpers import make_article, publish, research

# Field and query names the pages, the admin and the API read.
NAMES = (
    "q", "search", "term", "page", "status", "ordering", "o", "since", "include", "format",
    "text", "html", "title", "url", "publisher", "author", "language", "published_at",
    "start", "end", "quote", "prefix", "suffix", "claim_text", "claimant", "claim_date",
    "action", "do", "comment", "reason", "assignee", "stance", "excerpt", "note", "source",
    "rating", "explanation", "expected_version", "version", "username", "password", "name",
    "article", "next", "_selected_action", "index", "public_name", "show_name_publicly",
)  # fmt: skip
NUL = "a\x00b"
OVERLONG = "x " * 50_000  # 100 KB of words: long and many terms
# Every field in one body, under the body size limit: still four times the longest free text.
OVERLONG_FIELD = "x " * 20_000
DEEP = "[" * 1000 + "]" * 1000
# On these routes any non-empty POST is itself the confirmation (deleting an object, signing
# out); they get the NUL bodies, which must be refused, but not bodies a person could send.
CONFIRMED_BY_ANY_POST = re.compile(r"_delete$|(^|:)logout$|-remove$|-revoke$")
# A refused sign-in is recorded by design (the lockout counts it): these tables may grow there.
SIGN_IN_RECORDS = re.compile(r"^(annotations_authevent|axes_\w+)$")


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield prefix + str(pattern.pattern), name


class Ids:
    """Pick, for each path parameter of a route, the id of an object that exists."""

    def __init__(self, *, article, published, researching, evidence, comment) -> None:
        self.article, self.published, self.researching = article, published, researching
        self.evidence, self.comment = evidence, comment

    def admin_object(self, route: str):
        match = re.match(r"admin/(\w+)/(\w+)/", route)
        assert match, f"no model in the admin route {route}"
        model = apps.get_model(match[1], match[2])
        return model._default_manager.order_by("pk").first()

    def value(self, name: str, route: str, position: int) -> str:
        if route.startswith("admin/"):
            if name == "app_label":
                return "annotations"
            if name == "url":
                return "nowhere/"
            if name == "content_type_id":  # the admin's "view on site" redirect
                return str(ContentType.objects.get_for_model(Claim).pk)
            if route.startswith("admin/r/"):
                return str(self.published.pk)
            instance = self.admin_object(route)
            if instance is None:  # a model nothing here creates: its missing-object answer
                return "1"
            if position == 1:  # the history id of simple_history's history form
                return str(instance.history.order_by("history_id").first().history_id)
            return str(instance.pk)
        if name == "format":
            return "json"
        if name == "evidence_pk" or (name == "pk" and "/evidence/" in route):
            return str(self.evidence.pk)
        if name == "pk" and "/comments/" in route:
            return str(self.comment.pk)
        if "articles" in route:
            return str(self.article.pk)
        if "sources" in route:
            return str(Source.objects.order_by("pk").first().pk)
        if "rating-scales" in route:
            return str(RatingScale.objects.order_by("pk").first().pk)
        if "factchecks" in route:
            return str(self.published.pk)
        if route.endswith(".*$"):
            return ""
        return str(self.researching.pk)

    def url(self, route: str) -> str:
        """Return a concrete address for a route: its parameters filled, its regex resolved."""
        position = 0

        def fill(match: re.Match) -> str:
            nonlocal position
            value = self.value(match["name"] or "", route, position)
            position += 1
            return value

        def convert(match: re.Match) -> str:
            # DRF's format suffix converter takes the dot with the format.
            return ".json" if match["converter"] == "drf_format_suffix" else fill(match)

        path = re.sub(r"\((?:\?P<(?P<name>\w+)>)?(?:[^()\\]|\\.)*\)", fill, route)
        path = re.sub(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>", convert, path)
        path = path.replace("^", "").replace("$", "").replace("/?", "").replace("\\.", ".")
        return "/" + path.replace(".*", "nowhere/")


def _row_counts() -> dict[str, int]:
    """Return every model's row count in one query (sessions left out: signing in writes one)."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed and model._meta.label != "sessions.Session"
    )
    quote = connection.ops.quote_name
    select = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


@pytest.fixture
def ids(db, annotator, reviewer, editor) -> Ids:
    article = make_article()
    claims_split(article=article, actor=annotator)  # so that splitting again changes nothing
    published = publish(
        claim_create(article=article, actor=annotator, quote="ridership rose 12% in 2025"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    researching = claim_create(article=article, actor=annotator, quote="3.9% of trips were late")
    evidence = research(
        researching,
        annotator,
        stance="refutes",
        url="https://stats.example.gov/punctuality",
        title="Punctuality 2025",
        excerpt="5.1% of trips were late.",
    )
    comment = comment_add(claim=researching, actor=annotator, text="Which year is it?")
    assert Claim.objects.filter(origin="manual").count() == 2 and Evidence.objects.count() == 2
    assert Comment.objects.count() == 1
    return Ids(
        article=article,
        published=published,
        researching=researching,
        evidence=evidence,
        comment=comment,
    )


def _requests(route_name: str):
    """Yield (method, data, content type) of the hostile requests a route gets."""
    yield "get", dict.fromkeys(NAMES, NUL), None
    yield "post", dict.fromkeys(NAMES, NUL), None
    yield "get", dict.fromkeys(NAMES[:10], OVERLONG), None
    for name in ("q", "search", "term"):  # alone, so that no other parameter refuses first
        yield "get", {name: OVERLONG}, None
    if CONFIRMED_BY_ANY_POST.search(route_name):
        return
    overlong = dict.fromkeys(NAMES, OVERLONG_FIELD)
    yield "post", overlong, None
    for method in ("post", "put", "patch"):
        yield method, json.dumps(overlong), "application/json"
    nested = json.dumps({name: json.loads(DEEP[:60] + DEEP[-60:]) for name in NAMES})
    for method in ("post", "put", "patch"):
        yield method, json.dumps(dict.fromkeys(NAMES, NUL)), "application/json"
        yield method, DEEP, "application/json"
        yield method, nested, "application/json"


def test_every_route_refuses_hostile_input_without_a_5xx_or_a_change(ids, editor):
    routes = list(_walk(get_resolver().url_patterns))
    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(editor)  # once: each sign-in is logged, and the log is rows too
    before = _row_counts()
    problems: list[str] = []
    for route, name in routes:
        url = ids.url(route)
        try:
            match = resolve(url)
        except Exception as error:
            problems.append(f"{route}: {url} does not resolve ({error})")
            continue
        if match.route.replace("^", "") != route.replace("^", ""):
            problems.append(f"{route}: {url} reaches {match.route} instead")
            continue
        for who, client in (("anonymous", anonymous), ("staff", staff)):
            for method, data, content_type in _requests(name):
                kwargs = {"content_type": content_type} if content_type else {}
                if method == "get":
                    response = client.get(url, data)
                elif content_type is None:
                    response = client.post(url, data)
                else:
                    response = getattr(client, method)(url, data, **kwargs)
                if response.status_code >= 500:
                    problems.append(f"{who} {method.upper()} {url} ({content_type}): 5xx")
            after = _row_counts()
            changed = {t: (before[t], after[t]) for t in after if after[t] != before[t]}
            if name.endswith("login"):
                changed = {t: n for t, n in changed.items() if not SIGN_IN_RECORDS.match(t)}
            if changed:
                problems.append(f"{who} {url}: the database changed: {changed}")
            before = after
    assert len(routes) > 100
    assert not problems, "\n".join(problems)
