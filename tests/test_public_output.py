"""What anonymous readers see of the review: the organisation, opted-in names, corrections.

A claim is researched, sent back, published, reopened and published again by people with
distinctive login names, with a distinctive internal comment at every step. No public output
(exports, API, feed, pages) may carry any of them; the desk's export may.
"""

import json
import re
from itertools import product
from pathlib import Path

import jsonschema
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from annotations.exports.stream import export_stream
from annotations.models import Claim, Evidence, PublicProfile
from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
from annotations.services import (
    claim_create,
    claim_transition,
    comment_add,
)
from tests.factories import UserFactory
from tests.helpers import make_article, propose, research

ORGANIZATION = "Desk Of Record"
LOGINS = ("xqlogin-annotator", "xqlogin-reviewer", "xqlogin-editor")
INTERNAL = "XQINTERNAL"  # every internal comment and note carries it
CORRECTION = "PUBLIC CORRECTION: the share was 3.7%, not 3.9%."
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "docs" / "export.schema.json").read_text()
)
FORMATS = ("json", "jsonl", "w3c", "claimreview")


def _member(role: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def organization(settings):
    settings.FACTCHECK_ORGANIZATION_NAME = ORGANIZATION


@pytest.fixture
def desk(db):
    annotator, reviewer, editor = (
        _member(role, login)
        for role, login in zip((ANNOTATOR, REVIEWER, EDITOR), LOGINS, strict=True)
    )
    editor.is_staff = True
    editor.save(update_fields=["is_staff"])
    return annotator, reviewer, editor


@pytest.fixture
def claim(desk) -> Claim:
    """Return a published, corrected claim whose review left internal traces everywhere."""
    annotator, reviewer, editor = desk
    claim = claim_create(
        article=make_article(), actor=annotator, quote="3.9% of trips were late", claimant="Aide"
    )
    research(
        claim,
        annotator,
        url="https://stats.example.gov/punctuality",
        title="Punctuality report",
        excerpt="3.7% of trips ran late.",
        note=f"{INTERNAL} the one given is a guess",
        comment=f"{INTERNAL} start",
    )
    _propose(claim, annotator, "The report says 3.9%.")
    claim_transition(claim=claim, actor=annotator, action="submit", comment=f"{INTERNAL} submit")
    claim_transition(
        claim=claim, actor=reviewer, action="request_changes", comment=f"{INTERNAL} check it"
    )
    claim_transition(claim=claim, actor=annotator, action="submit", comment=f"{INTERNAL} again")
    claim_transition(claim=claim, actor=reviewer, action="approve", comment=f"{INTERNAL} fine")
    claim_transition(claim=claim, actor=editor, action="publish", comment=f"{INTERNAL} ship it")
    claim_transition(
        claim=claim,
        actor=editor,
        action="reopen",
        comment=f"{INTERNAL} we misread the table",
        correction=CORRECTION,
    )
    _propose(claim, annotator, "The report says 3.7%; the claim overstates it slightly.")
    claim_transition(claim=claim, actor=annotator, action="submit")
    claim_transition(claim=claim, actor=reviewer, action="approve")
    claim_transition(claim=claim, actor=editor, action="publish")
    comment_add(claim=claim, actor=reviewer, text=f"{INTERNAL} discussion")
    claim.refresh_from_db()
    return claim


def _propose(claim: Claim, actor, explanation: str) -> None:
    claim.refresh_from_db()
    propose(claim, actor, "mostly-true", explanation)


def assert_nothing_internal(text: str) -> None:
    for login in LOGINS:
        assert login not in text
    assert INTERNAL not in text


def _api_export(client: APIClient, fmt: str, **params) -> str:
    response = client.get("/api/v1/exports/claims/", {"format": fmt, **params})
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode()


def _records(text: str, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return json.loads(text)["claims"]


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


# Exports


@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymous_export_carries_no_login_and_no_internal_comment(claim, fmt, capsys, settings):
    # With no request to take a host from, the command line needs the setting to agree.
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example.org"
    text = _api_export(APIClient(), fmt)
    assert claim.quote in text
    assert_nothing_internal(text)
    call_command("export_claims", format=fmt)
    assert capsys.readouterr().out == text  # the command's default is the public export


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_public_record_credits_the_organisation_and_keeps_the_corrections(claim, fmt):
    (record,) = _records(_api_export(APIClient(), fmt), fmt)
    _validator().validate(record)
    assert record["visibility"] == "public"
    assert "review_history" not in record
    assert "note" not in record["evidence"][0]
    assert record["researcher"] == ORGANIZATION
    assert record["verdict"]["author"] == record["verdict"]["reviewer"] == ORGANIZATION
    assert record["evidence"][0]["added_by"] == ORGANIZATION
    assert [c["note"] for c in record["corrections"]] == [CORRECTION]
    assert record["corrections"][0]["author"] == ORGANIZATION


def test_public_w3c_creator_is_the_organisation(claim):
    (annotation,) = json.loads(_api_export(APIClient(), "w3c"))
    assert annotation["creator"]["type"] == "Organization"
    assert annotation["creator"]["name"] == ORGANIZATION


def test_schema_refuses_a_public_record_with_internal_fields(claim):
    (record,) = _records(_api_export(APIClient(), "jsonl"), "jsonl")
    leaky = {**record, "review_history": []}
    assert not _validator().is_valid(leaky)
    noted = json.loads(json.dumps(record))
    noted["evidence"][0]["note"] = "x"
    assert not _validator().is_valid(noted)


def test_every_schema_property_says_who_may_see_it():
    def walk(node, path):
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                if isinstance(child, dict) and path[-1:] != ("allOf",):
                    yield f"{'/'.join(path)}/{name}", child
            for key, child in node.items():
                yield from walk(child, (*path, key))
        elif isinstance(node, list):
            for child in node:
                yield from walk(child, (*path, "allOf"))

    found = dict(walk(SCHEMA["$defs"], ("$defs",)))
    described = {where: prop for where, prop in found.items() if "allOf" not in where}
    assert len(described) > 40
    missing = [where for where, prop in described.items() if "x-visibility" not in prop]
    assert missing == []
    values = {prop["x-visibility"] for prop in described.values()}
    assert values == {"public", "internal", "credit"}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "w3c"])
def test_desk_export_keeps_the_internal_history(claim, desk, fmt):
    client = APIClient()
    client.force_authenticate(desk[1])  # a reviewer: holds view_reviewevent
    response = client.get("/api/v1/exports/claims/", {"format": fmt, "include": "internal"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = b"".join(response.streaming_content).decode()
    if fmt == "w3c":
        assert json.loads(text)[0]["creator"] == {"type": "Person", "nickname": LOGINS[0]}
        return
    (record,) = _records(text, fmt)
    _validator().validate(record)
    assert record["visibility"] == "internal"
    assert record["researcher"] == LOGINS[0]
    assert f"{INTERNAL} we misread the table" in [e["comment"] for e in record["review_history"]]
    assert record["evidence"][0]["note"] == f"{INTERNAL} the one given is a guess"


def test_internal_export_is_refused_to_anonymous_readers(claim):
    response = APIClient().get("/api/v1/exports/claims/", {"include": "internal"})
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "permission_denied"
    assert "include=internal" in body["message"]
    assert claim.quote not in response.content.decode()


def test_internal_export_is_refused_to_someone_without_a_role(claim):
    client = APIClient()
    client.force_authenticate(UserFactory(username="outsider"))
    response = client.get("/api/v1/exports/claims/", {"include": "internal", "format": "jsonl"})
    assert response.status_code == 403
    assert "annotations.view_reviewevent" in response.json()["message"]
    assert claim.quote not in response.content.decode()


def test_unknown_include_is_named(claim):
    response = APIClient().get("/api/v1/exports/claims/", {"include": "everything"})
    assert response.status_code == 400
    assert "include" in response.json()["fields"]


def test_cli_writes_the_desk_export_on_request(claim, capsys):
    call_command("export_claims", format="jsonl", include="internal")
    (record,) = _records(capsys.readouterr().out, "jsonl")
    assert record["visibility"] == "internal"
    assert record["review_history"]
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("export_claims", "--include", "secrets")


def test_admin_export_keeps_the_history_for_the_desk(claim, desk, client):
    client.force_login(desk[2])
    response = client.post(
        "/admin/annotations/claim/",
        {"action": "export_json", "_selected_action": [claim.pk]},
    )
    assert response.status_code == 200
    (record,) = json.loads(b"".join(response.streaming_content))["claims"]
    assert record["visibility"] == "internal" and record["review_history"]


# Opt-in names


@pytest.fixture
def profiles(claim, desk):
    annotator, reviewer, _ = desk
    PublicProfile.objects.create(user=annotator, public_name="Ana Públic", show_name_publicly=True)
    PublicProfile.objects.create(user=reviewer, public_name="Rita Private")
    return claim


def test_an_opted_in_name_is_credited_and_others_are_not(profiles):
    (record,) = json.loads(_api_export(APIClient(), "json"))["claims"]
    assert record["researcher"] == record["verdict"]["author"] == "Ana Públic"
    assert record["verdict"]["reviewer"] == ORGANIZATION
    (annotation,) = json.loads(_api_export(APIClient(), "w3c"))
    assert annotation["creator"] == {"type": "Person", "name": "Ana Públic"}
    for fmt in FORMATS:
        assert "Rita Private" not in "".join(export_stream(fmt))


def test_opted_in_name_on_the_api_page_and_feed(profiles, client):
    claim_data = APIClient().get(f"/api/v1/claims/{profiles.pk}/").json()
    assert claim_data["researcher"] == "Ana Públic"
    page = client.get(f"/factchecks/{profiles.pk}/").content.decode()
    assert 'Fact-checked by <span class="byline">Ana Públic</span>' in page
    feed = client.get("/factchecks/feed/").content.decode()
    assert "<name>Ana Públic</name>" in feed
    assert "Rita Private" not in page + feed


def test_a_name_shown_publicly_must_be_given(desk):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="public name is required"):
        PublicProfile(user=desk[0], show_name_publicly=True).full_clean()


# The API, the feed and the pages


def test_public_api_endpoints_carry_no_login_and_no_internal_comment(claim):
    evidence = Evidence.objects.get(claim=claim)
    api = APIClient()
    for path in (
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/events/",
        f"/api/v1/claims/{claim.pk}/evidence/",
        f"/api/v1/claims/{claim.pk}/evidence/{evidence.pk}/",
        f"/api/v1/claims/{claim.pk}/verdicts/",
    ):
        response = api.get(path)
        assert response.status_code == 200, path
        assert_nothing_internal(response.content.decode())


def test_anonymous_events_are_the_public_log(claim):
    events = APIClient().get(f"/api/v1/claims/{claim.pk}/events/").json()
    assert [e["action"] for e in events] == ["publish", "reopen", "publish"]
    assert [e["comment"] for e in events] == ["", CORRECTION, ""]
    assert {e["actor"] for e in events} == {ORGANIZATION}


def test_the_desk_still_sees_who_did_what(claim, desk):
    client = APIClient()
    client.force_authenticate(desk[0])
    events = client.get(f"/api/v1/claims/{claim.pk}/events/").json()
    assert len(events) == 10
    assert f"{INTERNAL} check it" in [e["comment"] for e in events]
    assert client.get(f"/api/v1/claims/{claim.pk}/").json()["researcher"] == LOGINS[0]


def test_feed_and_public_pages_carry_no_login_and_no_internal_comment(claim, client):
    for path in ("/factchecks/", f"/factchecks/{claim.pk}/", "/factchecks/feed/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_nothing_internal(response.content.decode())
    page = client.get(f"/factchecks/{claim.pk}/").content.decode()
    assert CORRECTION in page and ORGANIZATION in page


def _routes(resolvers, prefix=""):
    """Yield (regex of the whole path, names of its parameters) for every route."""
    for entry in resolvers:
        pattern = prefix + str(entry.pattern.regex.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, pattern)
        elif isinstance(entry, URLPattern):
            yield pattern, list(entry.pattern.regex.groupindex)


def _paths(pattern: str, names: list[str], values: list[int]):
    """Yield the concrete paths of a route, trying every value for each parameter."""
    for combination in product(values, repeat=len(names)):
        path = pattern.rstrip("$").replace("\\Z", "").replace("\\", "")
        for name, value in zip(names, combination, strict=True):
            path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
        if not re.search(r"[()?*+\[\]]", path):
            yield "/" + path


@override_settings(DEBUG=False)
def test_no_route_shows_an_anonymous_reader_a_login_or_an_internal_comment(claim):
    evidence = Evidence.objects.get(claim=claim)
    values = sorted({claim.pk, claim.article_id, evidence.pk, claim.verdicts.first().pk})
    api = APIClient()
    checked = 0
    for pattern, names in _routes(get_resolver().url_patterns):
        if pattern.startswith("admin/") or "format" in names:
            continue  # the admin answers anonymous readers with its login page
        for path in _paths(pattern, names, values):
            response = api.get(path)
            if response.status_code != 200:
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert_nothing_internal(body.decode("utf-8", "replace"))
            checked += 1
    assert checked >= 12


def test_anonymous_readers_cannot_probe_login_names_through_filters(claim, desk):
    Claim.objects.filter(pk=claim.pk).update(assignee=desk[0])
    response = APIClient().get("/api/v1/claims/", {"assignee": LOGINS[0]})
    assert response.status_code == 400
    assert "assignee" in response.json()["fields"]
    signed_in = APIClient()
    signed_in.force_authenticate(desk[1])
    found = signed_in.get("/api/v1/claims/", {"assignee": LOGINS[0]}).json()["results"]
    assert [c["id"] for c in found] == [claim.pk]
