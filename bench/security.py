"""Attack a running instance the way docs/security.md describes, and print what it answered.

    .venv/bin/python bench/security.py [--port N] [--keep]

Sets up a scratch instance in a temporary folder (SQLite unless DATABASE_URL is set, in which
case a scratch database `factcheck_security` is created on that server), with DEBUG off, the
production settings and a few people, articles and claims made through the services. Starts
the app with `manage.py runserver` (threaded) and sends every attack over HTTP from this
process, many of them from threads at once. Prints one Markdown table row per attack class:
how many tries, what came back, and whether the result is the one the threat model promises.
Exits non-zero when any attack class got an answer it should not have.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from security_http import Browser, Outcome, all_at_once, describe, server_errors
from security_scratch import (
    INTERNAL_NOTE,
    ROOT,
    USERNAMES,
    free_port,
    prepare,
    scratch_environment,
    start_server,
)

# The attacks.


def history_rewrite(port: int, data: dict) -> Outcome:
    from django.forms.models import model_to_dict

    from annotations.models import Comment, Evidence, Verdict

    claim = data["published"]
    targets = {
        "verdict": Verdict.objects.get(claim=claim, is_final=True),
        "evidence": Evidence.objects.filter(claim=claim).first(),
        "comment": Comment.objects.filter(claim=claim).first(),
    }
    before = {name: model_to_dict(obj) for name, obj in targets.items()}
    browser = Browser(port)
    browser.login("sec_editor")
    counts: Counter = Counter()
    for name, obj in targets.items():
        record = obj.history.order_by("-history_id").first()
        for _ in range(5):
            status, _, _ = browser.post_form(
                f"/admin/annotations/{name}/{obj.pk}/history/{record.history_id}/",
                {
                    "explanation": "Forged.",
                    "excerpt": "Forged.",
                    "text": "Forged.",
                    "rating": 1,
                    "_change_history": "1",
                },
            )
            counts[status] += 1
    for obj in targets.values():
        obj.refresh_from_db()
    unchanged = before == {name: model_to_dict(obj) for name, obj in targets.items()}
    return Outcome(
        "Rewrite a published verdict, evidence or comment through the admin's history form",
        sum(counts.values()),
        f"{describe(counts)}; record {'unchanged' if unchanged else 'CHANGED'}",
        unchanged and set(counts) == {403},
    )


def lost_update(port: int, data: dict, token: str) -> Outcome:
    from annotations.models import Claim, Rating, Verdict

    claim = Claim.objects.get(pk=data["open"].pk)
    rating = Rating.objects.get(scale__is_default=True, slug="true")

    def propose(n: int) -> Callable[[], int]:
        def call() -> int:
            browser = Browser(port, headers={"Authorization": f"Token {token}"})
            return browser.post_json(
                f"/api/v1/claims/{claim.pk}/verdicts/",
                {
                    "rating": rating.pk,
                    "explanation": f"Try {n}.",
                    "expected_version": claim.version,
                },
            )[0]

        return call

    counts = all_at_once([propose(n) for n in range(20)])
    kept = Verdict.objects.filter(claim=claim, role="proposal").count()
    return Outcome(
        "Two or more people propose a verdict from the same page state (20 at once, API)",
        20,
        f"{describe(counts)}; {kept} proposal on record",
        counts == Counter({201: 1, 409: 19}) and kept == 1,
    )


def concurrent_edits(port: int, data: dict, token: str) -> Outcome:
    from annotations.models import Claim

    claim = Claim.objects.get(pk=data["open"].pk)

    def edit(n: int) -> Callable[[], int]:
        def call() -> int:
            browser = Browser(port, headers={"Authorization": f"Token {token}"})
            return browser.post_json(
                f"/api/v1/claims/{claim.pk}/",
                {"version": claim.version, "claimant": f"Writer {n}"},
                method="PATCH",
            )[0]

        return call

    counts = all_at_once([edit(n) for n in range(20)])
    return Outcome(
        "Twenty writers edit one claim at the same moment",
        20,
        describe(counts),
        counts == Counter({200: 1, 409: 19}),
    )


def public_leaks(port: int, data: dict) -> Outcome:
    claim = data["published"]
    paths = [
        *(f"/api/v1/exports/claims/?format={f}" for f in ("json", "jsonl", "w3c", "claimreview")),
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/verdicts/",
        f"/api/v1/claims/{claim.pk}/evidence/",
        f"/api/v1/claims/{claim.pk}/comments/",
        "/api/v1/claims/",
        "/factchecks/",
        f"/factchecks/{claim.pk}/",
        "/factchecks/feed/",
    ]
    browser = Browser(port)
    leaks = []
    for path in paths:
        status, _, body = browser.get(path)
        text = body.decode("utf-8", "replace")
        found = [word for word in (*USERNAMES, INTERNAL_NOTE) if word in text]
        if found:
            leaks.append(f"{path}: {', '.join(found)}")
    status, _, _ = browser.get("/api/v1/exports/claims/?format=json&include=internal")
    return Outcome(
        "Read staff usernames or internal comments as an anonymous reader",
        len(paths) + 1,
        (
            f"{len(paths)} public outputs, {len(leaks)} with internal data"
            f"{': ' + '; '.join(leaks) if leaks else ''}; include=internal → {status}"
        ),
        not leaks and status in (401, 403),
    )


def hostile_input(port: int, data: dict, token: str) -> Outcome:
    claim = data["published"]
    nul = quote("a\x00b")
    anonymous = Browser(port)
    editor = Browser(port)
    editor.login("sec_editor")
    api = Browser(port, headers={"Authorization": f"Token {token}"})
    deep = "[" * 1000 + "]" * 1000
    calls = [
        lambda: anonymous.get(f"/articles/?q={nul}"),
        lambda: anonymous.get(f"/claims/?q={nul}"),
        lambda: anonymous.get(f"/factchecks/?q={nul}"),
        lambda: api.get(f"/api/v1/claims/?search={nul}"),
        lambda: api.get(f"/api/v1/articles/?search={nul}"),
        lambda: api.get("/api/v1/articles/?search=" + "+".join(f"w{i}" for i in range(8000))),
        lambda: api.get("/api/v1/claims/?q=" + "+".join(f"w{i}" for i in range(8000))),
        lambda: editor.get(f"/admin/annotations/claim/?q={nul}"),
        lambda: editor.get(f"/admin/annotations/claim/?status={nul}"),
        lambda: editor.get(
            "/admin/autocomplete/?app_label=annotations&model_name=claim"
            f"&field_name=assignee&term={nul}"
        ),
        lambda: api.request(
            "POST", "/api/v1/articles/", body=deep, headers={"Content-Type": "application/json"}
        ),
        lambda: api.request(
            "POST",
            f"/api/v1/claims/{claim.pk}/comments/",
            body=deep,
            headers={"Content-Type": "application/json"},
        ),
        lambda: api.post_json("/api/v1/articles/", {"title": "x", "text": "a\x00b"}),
        lambda: api.request(
            "POST",
            "/api/v1/articles/",
            body=b"x" * (6 * 1024 * 1024),
            headers={"Content-Type": "application/json"},
        ),
        lambda: api.post_json(
            "/api/v1/articles/",
            {
                "title": "Words",
                "split": True,
                "text": " ".join(f"w{i:06d}" for i in range(190_000)) + ".",
            },
        ),
        lambda: editor.post_form(
            "/claims/1/transition/", {"action": "assign", "assignee": "a\x00"}
        ),
    ]
    labels = [
        "NUL in the article list's q",
        "NUL in the claims search's q",
        "NUL in the fact-check list's q",
        "NUL in the API claims search",
        "NUL in the API articles search",
        "8,000-term API articles search",
        "8,000-term API claims search",
        "NUL in the admin's search",
        "NUL in an admin list filter",
        "NUL in the admin's autocomplete",
        "1000-deep JSON article",
        "1000-deep JSON comment",
        "NUL in an article's text",
        "6 MB body",
        "190,000 distinct words with split",
        "NUL in a form's assignee",
    ]
    counts: Counter = Counter()
    accepted = []
    api_shape_missing = 0
    for index, call in enumerate(calls):
        status, _, body = call()
        counts[status] += 1
        if status < 400:
            accepted.append(f"{labels[index]} → {status}")
        if 400 <= status < 500 and index in (3, 4, 5, 6, 10, 11, 12, 13):
            try:
                api_shape_missing += "message" not in json.loads(body)
            except ValueError:
                api_shape_missing += 1
    return Outcome(
        "NUL bytes, 1000-deep JSON, a 6 MB body, 8,000 search terms, 190,000 distinct words",
        len(calls),
        f"{describe(counts)} (taken: {'; '.join(accepted) or 'none'}); "
        f"{api_shape_missing} API refusals outside the error shape",
        server_errors(counts) == 0 and api_shape_missing == 0,
    )


def password_guessing(port: int) -> Outcome:
    browser = Browser(port)
    counts: Counter = Counter()
    for _ in range(30):
        counts[browser.login("sec_other", "wrong-password")[0]] += 1
    right, _, _ = browser.login("sec_other")
    signed_in = Browser(port, cookies=dict(browser.cookies)).get("/api/v1/users/me/")[0] == 200
    admin = Browser(port)
    admin_counts: Counter = Counter()
    for _ in range(30):
        admin_counts[admin.login("sec_reviewer", "wrong", page="/admin/login/")[0]] += 1
    admin_right, _, _ = admin.login("sec_reviewer", page="/admin/login/")
    return Outcome(
        "Guess passwords: 30 wrong ones, then the right one (web sign-in and admin)",
        62,
        f"web: {describe(counts)}, right password → {right}; admin: {describe(admin_counts)}, "
        f"right password → {admin_right}",
        right == 429 and admin_right == 429 and not signed_in,
    )


def export_flood(port: int) -> Outcome:
    browser = Browser(port)
    counts: Counter = Counter()
    retry_after = None
    started = time.perf_counter()
    for _ in range(300):
        status, headers, _ = browser.get("/api/v1/exports/claims/?format=json")
        counts[status] += 1
        if status == 429:
            retry_after = headers.get("retry-after")
    seconds = time.perf_counter() - started
    return Outcome(
        "Anonymous export flood (300 requests)",
        300,
        f"{describe(counts)} in {seconds:.1f} s; Retry-After: {retry_after}",
        counts.get(429, 0) > 0 and retry_after is not None,
    )


def stale_tokens(port: int) -> Outcome:
    from django.contrib.auth import get_user_model

    from annotations.services.auth import api_token_create

    user = get_user_model().objects.get(username="sec_reviewer")
    _, key = api_token_create(user=user, name="security bench")
    api = Browser(port, headers={"Authorization": f"Token {key}"})
    before = api.get("/api/v1/users/me/")[0]
    user.set_password("another-long-password-8")
    user.save()
    after = api.get("/api/v1/users/me/")[0]
    forged = Browser(port, headers={"Authorization": "Token not-a-real-token"}).get(
        "/api/v1/users/me/"
    )[0]
    return Outcome(
        "Use an API token after its owner changed the password; use a made-up token",
        3,
        f"before the change → {before}, after → {after}, made-up → {forged}",
        before == 200 and after == 401 and forged == 401,
    )


def debug_and_headers(port: int) -> Outcome:
    browser = Browser(port)
    status, _, body = browser.get("/no-such-page/")
    debug_page = b"Traceback" in body or b"DEBUG = True" in body or b"URLconf" in body
    weak = []
    for path in ("/", "/factchecks/", "/accounts/login/", "/admin/login/", "/api/v1/docs/"):
        _, headers, _ = browser.get(path)
        policy = headers.get("content-security-policy", "")
        script = re.search(r"script-src([^;]*)", policy)
        if (
            not script
            or "'unsafe-inline'" in script.group(1)
            or "permissions-policy" not in headers
        ):
            weak.append(path)
    return Outcome(
        "Look for debug pages and for pages without a script policy",
        6,
        f"unknown page → {status} {'with' if debug_page else 'without'} debug details; "
        f"{5 - len(weak)} of 5 pages with a CSP free of 'unsafe-inline' scripts and a "
        "Permissions-Policy",
        status == 404 and not debug_page and not weak,
    )


def half_import(env: dict[str, str], folder: Path) -> Outcome:
    from annotations.models import Claim

    before = Claim.objects.count()
    exported = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "export_claims", "--format", "jsonl"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    truncated = folder / "truncated.jsonl"
    lines = exported.splitlines()
    truncated.write_text("\n".join([*lines, lines[-1][: len(lines[-1]) // 2]]) + "\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "import_claims", str(truncated)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    after = Claim.objects.count()
    return Outcome(
        "Import a truncated claims file",
        1,
        f"exit status {result.returncode}; claims {before} → {after}",
        result.returncode != 0 and before == after,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="factcheck-security-"))
    env = scratch_environment(folder)
    data = prepare(env)
    from django.contrib.auth import get_user_model

    from annotations.services.auth import api_token_create

    annotator = get_user_model().objects.get(username="sec_annotator")
    _, token = api_token_create(user=annotator, name="security bench")
    args.port = args.port or free_port()
    server = start_server(env, args.port)
    try:
        outcomes = [
            history_rewrite(args.port, data),
            lost_update(args.port, data, token),
            concurrent_edits(args.port, data, token),
            public_leaks(args.port, data),
            hostile_input(args.port, data, token),
            stale_tokens(args.port),
            debug_and_headers(args.port),
            half_import(env, folder),
            # Last: these two trip the rate limits the others would then run into.
            password_guessing(args.port),
            export_flood(args.port),
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"Database: {database}; DEBUG off; {time.strftime('%Y-%m-%d')}\n")
    print("| attack | tries | result | holds |")
    print("|---|---:|---|---|")
    for outcome in outcomes:
        print(
            f"| {outcome.attack} | {outcome.tries} | {outcome.result} | "
            f"{'yes' if outcome.held else '**no**'} |"
        )
    if not args.keep:
        subprocess.run(["rm", "-rf", str(folder)], check=False)
    sys.exit(0 if all(outcome.held for outcome in outcomes) else 1)


if __name__ == "__main__":
    main()
