import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from annotations.models import Article, Claim
from annotations.permissions import user_roles


@pytest.fixture(autouse=True)
def debug_on(settings):
    # The test runner turns DEBUG off; the demo is for development, where it is on.
    settings.DEBUG = True


def test_demo_loads_articles_users_and_claims_and_is_safe_twice(db, capsys):
    call_command("load_demo")
    first_run = sorted(Claim.objects.values_list("status", "start", "end"))
    call_command("load_demo")
    assert sorted(Claim.objects.values_list("status", "start", "end")) == first_run

    out = capsys.readouterr().out
    assert "editor     editor     password: editor-demo" in out
    assert Article.objects.count() >= 3
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {"candidate", "researching", "in_review", "published"} <= statuses
    assert Claim.objects.filter(origin="auto").count() >= 20
    User = get_user_model()
    roles = {user.username: user_roles(user) for user in User.objects.all()}
    assert roles["annotator"] == {"annotator"}
    assert roles["reviewer"] == {"reviewer"}
    assert roles["editor"] == {"editor"}
    assert User.objects.get(username="editor").is_staff


def test_demo_articles_cover_emoji_and_non_latin_scripts(db):
    call_command("load_demo", quiet_users=True)
    texts = "".join(Article.objects.values_list("text", flat=True))
    assert any(unicodedata.category(char) == "So" and ord(char) > 0xFFFF for char in texts)
    assert any("ARABIC" in unicodedata.name(char, "") for char in texts)
    assert any("GREEK" in unicodedata.name(char, "") for char in texts)
    for claim in Claim.objects.select_related("article"):
        assert claim.article.text[claim.start : claim.end] == claim.quote


def test_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("load_demo")
    assert get_user_model().objects.count() == 0


def test_demo_editor_can_use_the_admin(db, client):
    call_command("load_demo", quiet_users=True)
    assert client.login(username="editor", password="editor-demo")
    assert client.get("/admin/").status_code == 200
    for model in ("article", "claim", "source", "evidence", "verdict", "reviewevent", "comment"):
        response = client.get(f"/admin/annotations/{model}/")
        assert response.status_code == 200, model
    claim = Claim.objects.first()
    assert client.get(f"/admin/annotations/claim/{claim.pk}/change/").status_code == 200
