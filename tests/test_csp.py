"""Every page carries a Content-Security-Policy without inline script, and a Permissions-Policy.

The policy itself is in factcheck/settings.py; these tests hold the pages (ours and the
third-party ones we serve: admin, date range filter, browsable API, Swagger UI) to it.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# <script> types that hold data, not code: the browser never runs them, so CSP does not apply.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def policy(response) -> dict[str, list[str]]:
    """Return the response's Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class _Scripts(HTMLParser):
    """Collect the attributes of every <script> and every inline event handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self.scripts.append(names)
        self.handlers += [f"<{tag} {name}=…>" for name in names if name.startswith("on")]
        self.handlers += [
            f"<{tag} {name}={value}>"
            for name, value in attrs
            if value and value.strip().lower().startswith("javascript:")
        ]


def is_code(script: dict[str, str | None]) -> bool:
    return (script.get("type") or "text/javascript").lower() not in DATA_SCRIPT_TYPES


@pytest.fixture
def pages(db, client, annotator, editor):
    """Return a function that fetches a page as a given person (None: anonymous)."""
    article = ArticleFactory(text="The mayor said fares fell by 10 cents. Nobody checked.")
    claim = ClaimFactory(article=article, published=True)
    VerdictFactory(
        claim=claim, author=annotator, is_final=True, approved_by=editor, approved_at=timezone.now()
    )
    people = {"anonymous": None, "annotator": annotator, "editor": editor}
    paths = {
        "article": f"/articles/{article.pk}/",
        "claim": f"/claims/{claim.pk}/",
        "factcheck": f"/factchecks/{claim.pk}/",
    }

    def get(path: str, who: str, **headers):
        client.logout()
        if people[who] is not None:
            client.force_login(people[who])
        return client.get(path.format(**paths), **headers)

    return get


# (path, who, headers): the public pages, the workspace, the admin (a change list with the
# date range filter's nonce-carrying script), the API docs and the browsable API.
PAGES = [
    ("/factchecks/", "anonymous", {}),
    ("{factcheck}", "anonymous", {}),
    ("/accounts/login/", "anonymous", {}),
    ("/", "annotator", {}),
    ("{article}", "annotator", {}),
    ("{claim}", "annotator", {}),
    ("/claims/", "annotator", {}),
    ("/admin/", "editor", {}),
    ("/admin/annotations/claim/", "editor", {}),
    ("/admin/login/", "anonymous", {}),
    ("/api/v1/docs/", "anonymous", {}),
    ("/api/v1/claims/", "editor", {"HTTP_ACCEPT": "text/html"}),
]


@pytest.mark.parametrize(("path", "who", "headers"), PAGES)
def test_pages_carry_a_strict_script_policy(pages, path, who, headers):
    response = pages(path, who, **headers)
    assert response.status_code == 200, (path, response.status_code)
    directives = policy(response)
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert not [source for source in script_src if source in {"*", "data:", "http:", "https:"}]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(("path", "who", "headers"), PAGES)
def test_pages_run_no_inline_script_without_the_request_nonce(pages, path, who, headers):
    response = pages(path, who, **headers)
    parser = _Scripts()
    parser.feed(response.content.decode())
    script_src = policy(response)["script-src"]
    nonces = {source[len("'nonce-") : -1] for source in script_src if source.startswith("'nonce-")}
    inline = [script for script in parser.scripts if is_code(script) and not script.get("src")]
    for script in inline:
        assert script.get("nonce") in nonces, (path, script, script_src)
    assert parser.handlers == [], path


def test_a_nonce_used_by_the_page_is_in_its_policy(pages):
    # The admin's date range filter carries an inline script with the request's nonce.
    response = pages("/admin/annotations/claim/", "editor")
    nonce = re.search(r'<script[^>]* nonce="([^"]+)"', response.content.decode())
    assert nonce, "the date range filter's script has no nonce"
    assert f"'nonce-{nonce.group(1)}'" in policy(response)["script-src"]


def test_nonces_differ_from_request_to_request(pages):
    first = policy(pages("/admin/annotations/claim/", "editor"))["script-src"]
    second = policy(pages("/admin/annotations/claim/", "editor"))["script-src"]
    assert [s for s in first if s.startswith("'nonce-")] != [
        s for s in second if s.startswith("'nonce-")
    ]


def test_swagger_ui_starts_from_a_script_file(pages):
    page = pages("/api/v1/docs/", "anonymous")
    parser = _Scripts()
    parser.feed(page.content.decode())
    sources = [script.get("src") for script in parser.scripts]
    start_up = [src for src in sources if src and "script" in src.split("?", 1)[-1]]
    assert start_up, sources
    script = pages(start_up[0], "anonymous")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/factchecks/", "anonymous"),
        ("{article}", "annotator"),
        ("/admin/annotations/claim/", "editor"),
        ("/api/v1/docs/", "anonymous"),
        ("/api/v1/claims/", "anonymous"),
        ("/no-such-page/", "anonymous"),
        ("/static/annotations/favicon.svg", "anonymous"),
    ],
)
def test_every_response_forbids_powerful_browser_features(pages, path, who):
    response = pages(path, who)
    header = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header, (path, header)
    assert response.headers.get("Content-Security-Policy"), path


def _template_problems(path: Path) -> list[str]:
    parser = _Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    problems = [
        f"inline <script> without a nonce: {script}"
        for script in parser.scripts
        if is_code(script) and not script.get("src") and not script.get("nonce")
    ]
    return problems + [f"inline event handler or javascript: URL: {h}" for h in parser.handlers]


def test_templates_hold_no_inline_script_without_a_nonce():
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert templates, TEMPLATES
    problems = {
        str(path.relative_to(TEMPLATES)): found
        for path in templates
        if (found := _template_problems(path))
    }
    assert problems == {}


def test_the_template_scan_finds_inline_script(tmp_path):
    # The scan above passes only if it can fail: show it on the three kinds of inline code.
    sample = tmp_path / "sample.html"
    sample.write_text(
        '<script>alert(1)</script><script type="application/json">{}</script>'
        '<button onclick="go()">Go</button><a href="javascript:go()">Go</a>'
        '<script nonce="{{ request.csp_nonce }}">ok()</script><script src="/x.js"></script>'
    )
    problems = _template_problems(sample)
    assert len(problems) == 3, problems
    assert problems[0].startswith("inline <script> without a nonce")
