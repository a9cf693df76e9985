"""Schemathesis finds no failure and no warning: the API does what its OpenAPI schema says.

The whole API is fuzzed over HTTP (a live server on the test database) by the schemathesis
command line, signed in with the token of a user who holds every role: the schema's
examples, generated requests that keep to the schema and that break it, then the stateful
phase, which follows the schema's links from each created object to the operations that use
it. The seed, the number of cases and the steps are fixed, so a run is repeatable and takes
under a minute on two cores.

Every check runs except `positive_data_acceptance`, which would demand that every request
the schema allows succeed: a schema cannot state the rules that depend on the database (a
transition must be allowed from the claim's current status, a comment already hidden cannot
be hidden again, the four-eyes rule). Every warning fails the run, so an operation that
rejects most valid data (the schema under-states validation) or that no request reaches
(no links, no test data) fails it as a broken promise would. The coverage phase (boundary
values of every field, deterministic) is left out for time: it takes longer than all the
rest together, and the fuzzing phase sends both kinds of requests too.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from annotations.models import Job, JobKind, Rating, RatingScale
from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
    comment_add,
    comment_hide,
    evidence_add,
    source_create,
)
from annotations.services.auth import api_token_create
from tests.factories import UserFactory
from tests.helpers import published_claim

SEED = 20261126
MAX_EXAMPLES = 12
STATEFUL_STEPS = 16
STATEFUL_SCENARIOS = 40
RUN_TIMEOUT_S = 300


def _world(annotator, reviewer, editor) -> dict:
    """Create a user in every role with a token, and objects of each kind to work on."""
    everyone = UserFactory(username="omni", is_staff=True)
    everyone.groups.set(Group.objects.filter(name__in=[ANNOTATOR, REVIEWER, EDITOR]))
    _, key = api_token_create(user=everyone, name="schemathesis")
    spare, _ = api_token_create(user=everyone, name="spare, revoked by the run")

    published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    # Long enough that most small offsets a fuzzer picks make a new span.
    text = " ".join(
        f"Official {n} said the count rose by {n * 7} in {1990 + n}." for n in range(120)
    )
    article = article_import(
        actor=SYSTEM, text=text, url="https://news.example.org/long", title="Counts"
    )
    claim = claim_create(article=article, actor=everyone, quote="Official 3 said")
    claim_transition(claim=claim, actor=everyone, action="start")
    moved = claim_create(article=article, actor=everyone, quote="Official 4 said")
    sources = [
        source_create(actor=everyone, url=f"https://stats.example.gov/table/{n}", title=f"T{n}")
        for n in range(40)
    ]
    evidence = [
        evidence_add(claim=claim, actor=everyone, stance="refutes", source=source).pk
        for source in sources[:20]
    ]
    comment = comment_add(claim=claim, actor=everyone, text="Check the 2024 counts too.")
    # Each proposal bumps its claim's version: fresh claims, each at the version they start at.
    proposable = [
        claim_transition(
            claim=claim_create(article=article, actor=everyone, quote=f"Official {n} said"),
            actor=everyone,
            action="start",
        )
        for n in range(10, 30)
    ]
    # Hiding or unhiding is refused when the comment is that already: some of each.
    moderated = [comment_add(claim=claim, actor=everyone, text=f"Note {n}.") for n in range(20)]
    for hidden in moderated[::2]:
        comment_hide(comment=hidden, actor=everyone, reason="Off topic.")
    return {
        "key": key,
        "article": article.pk,
        "claim": claim.pk,
        # Edits keep the claim's span: a fuzzed offset almost never falls inside the text.
        "span": (claim.start, claim.end),
        "moved": moved.pk,
        "evidence": evidence,
        "sources": [source.pk for source in sources[20:]],
        "comment": comment.pk,
        "moderated": [c.pk for c in moderated],
        "proposable": [c.pk for c in proposable],
        "proposable_version": proposable[0].version,
        "scale": RatingScale.objects.get(is_default=True).pk,
        "rating": Rating.objects.get(scale__is_default=True, slug="false").pk,
        "spare_token": spare.pk,
        "job": Job.objects.create(kind=JobKind.URL_IMPORT, created_by=everyone).pk,
    }


def _config(world: dict) -> str:
    """Return a schemathesis.toml pointing each operation at existing objects.

    Ids in paths and bodies must name objects that exist, which no schema can say. The first
    entry whose pattern matches an operation applies, so the narrower patterns come first.
    """
    work, moved = world["claim"], world["moved"]
    targets = [
        (r"^/api/v1/claims/\{id\}/transitions/$", {"path.id": moved, "body.rating": "rating"}),
        (
            r"^/api/v1/claims/\{id\}/",
            {"path.id": work, "body.start": world["span"][0], "body.end": world["span"][1]},
        ),
        (r"^/api/v1/claims/$", {"body.article": world["article"]}),
        (
            r"^/api/v1/claims/\{claim_id\}/evidence/$",
            {"path.claim_id": work, "body.source": "sources"},
        ),
        (
            r"^/api/v1/claims/\{claim_id\}/evidence/\{id\}/$",
            {"path.claim_id": work, "path.id": "evidence"},
        ),
        (
            r"^/api/v1/claims/\{claim_id\}/verdicts/$",
            {
                "path.claim_id": "proposable",
                "body.rating": "rating",
                "body.expected_version": world["proposable_version"],
            },
        ),
        (
            r"^/api/v1/claims/\{claim_id\}/comments/\{id\}/moderation/$",
            {"path.claim_id": work, "path.id": "moderated"},
        ),
        (r"^/api/v1/claims/\{claim_id\}/comments/$", {"path.claim_id": work}),
        (
            r"^/api/v1/claims/\{claim_id\}/comments/\{id\}/",
            {"path.claim_id": work, "path.id": world["comment"]},
        ),
        (r"^/api/v1/articles/\{id\}/", {"path.id": world["article"]}),
        (r"^/api/v1/rating-scales/\{id\}/$", {"path.id": world["scale"]}),
        (r"^/api/v1/sources/\{id\}/$", {"path.id": world["sources"][0]}),
        (r"^/api/v1/users/me/tokens/\{id\}/$", {"path.id": world["spare_token"]}),
        (r"^/api/v1/jobs/\{id\}/$", {"path.id": world["job"]}),
    ]
    lines = [
        f"seed = {SEED}",
        "workers = 1",
        # A loaded CI machine may answer slowly: correctness, not speed, is what is checked.
        'suppress-health-check = ["too_slow"]',
        "request-timeout = 60",
        "[warnings]",
        "fail-on = true",
        "[generation]",
        f"max-examples = {MAX_EXAMPLES}",
        "database = 'none'",
        "[phases.stateful]",
        f"max-steps = {STATEFUL_STEPS}",
        # Only the links the schema declares: links guessed from names would also walk from a
        # new token to revoking it and reading it again, which DELETE leaves readable (revoked)
        # by design; the schema declares no such link.
        "[phases.stateful.inference]",
        "algorithms = []",
        "[phases.stateful.generation]",
        f"max-examples = {STATEFUL_SCENARIOS}",
        "[dictionaries]",
        f"rating = {{ values = [{world['rating']}] }}",
        f"sources = {{ values = {world['sources']} }}",
        f"evidence = {{ values = {world['evidence']} }}",
        f"proposable = {{ values = {world['proposable']} }}",
        f"moderated = {{ values = {world['moderated']} }}",
    ]
    for regex, parameters in targets:
        values = ", ".join(
            f'"{name}" = {{ dictionary = "{value}", probability = 1.0 }}'
            if isinstance(value, str)
            else f'"{name}" = {value}'
            for name, value in parameters.items()
        )
        lines += [
            "[[operations]]",
            f"include-path-regex = '{regex}'",
            f"parameters = {{ {values} }}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def unthrottled(settings):
    # The run sends thousands of requests from one address in a minute, by design.
    settings.FACTCHECK_THROTTLE_RATES = {
        scope: "1000000/minute" for scope in settings.FACTCHECK_THROTTLE_RATES
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_no_failure_and_no_warning(
    live_server, tmp_path: Path, unthrottled, annotator, reviewer, editor
):
    world = _world(annotator, reviewer, editor)
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(world))
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{live_server.url}/api/v1/schema/",
        "--header",
        f"Authorization: Token {world['key']}",
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance",
        "--generation-deterministic",
        "--phases",
        "examples,fuzzing,stateful",
        # Every request and response, for reading after a failure.
        # The summary to check, and every request and response, for reading after a failure.
        "--report",
        "json,har",
        "--report-json-path",
        str(tmp_path / "report" / "run.json"),
        "--report-dir",
        str(tmp_path / "report"),
    ]
    # Hooks a developer may have set up for other work must not change this run.
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    run = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S
    )
    output = run.stdout + run.stderr + f"\nRequests and responses: {tmp_path / 'report'}\n"
    assert run.returncode == 0, output[-20000:]
    summary = json.loads((tmp_path / "report" / "run.json").read_text())
    operations = summary["operations"]
    assert summary["complete"] and operations["tested"] == operations["total"], output[-5000:]
    assert summary["failures"] == [] and summary["errors"] == [], output[-20000:]
    warned = {kind: labels for kind, labels in summary["warnings"].items() if labels}
    assert warned == {}, output[-20000:]
    # Every operation served at least one valid request: none is tested only at its doorstep.
    never_served = [
        label
        for label, phases in summary["valid_rates"].items()
        if not any(rate["accepted"] for rate in phases.values())
    ]
    assert never_served == [], output[-20000:]
    assert len(summary["valid_rates"]) == operations["total"]
