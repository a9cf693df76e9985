"""The interface language: Accept-Language, the switcher, a person's preference, the catalogs."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.i18n import SESSION_KEY
from annotations.models import PublicProfile
from annotations.services.people import interface_language_set
from tests.e2e.conftest import PASSWORD

pytestmark = pytest.mark.django_db

# The sign-in page's heading in each shipped language, and the page's direction.
SIGN_IN = {
    "en": ("Sign in", "ltr"),
    "es": ("Iniciar sesión", "ltr"),
    "pt-br": ("Entrar", "ltr"),
    "fr": ("Se connecter", "ltr"),
    "ar": ("تسجيل الدخول", "rtl"),
}


def html_lang(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]*)" dir="([^"]*)">', response.content.decode())
    assert match, "no <html lang dir>"
    return match.group(1), match.group(2)


def heading(response) -> str:
    return re.search(r"<h1>([^<]*)</h1>", response.content.decode()).group(1)


def test_every_shipped_language_has_a_page(client):
    assert [code for code, _name in settings.LANGUAGES] == list(SIGN_IN)


@pytest.mark.parametrize("language", list(SIGN_IN))
def test_the_browser_language_is_honoured(client, language):
    response = client.get(reverse("login"), headers={"accept-language": f"{language},en;q=0.5"})
    text, direction = SIGN_IN[language]
    assert html_lang(response) == (language, direction)
    assert heading(response) == text
    assert response.headers["Content-Language"] == language
    assert "Accept-Language" in response.headers["Vary"]


def test_an_unshipped_browser_language_falls_back_to_english(client):
    response = client.get(reverse("login"), headers={"accept-language": "de-DE,de;q=0.9"})
    assert html_lang(response) == ("en", "ltr")


def test_the_switcher_sets_the_language_for_an_anonymous_reader(client):
    response = client.post(
        reverse("set-language"), {"language": "fr", "next": reverse("factcheck-list")}
    )
    assert response.status_code == 302
    assert response.url == reverse("factcheck-list")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get(reverse("login"), headers={"accept-language": "es"})
    assert html_lang(page) == ("fr", "ltr")
    # Back to the browser's language: the cookie goes.
    client.post(reverse("set-language"), {"language": "", "next": "/"})
    assert html_lang(client.get(reverse("login"), headers={"accept-language": "es"}))[0] == "es"


def test_the_switcher_stays_on_this_site(client):
    response = client.post(
        reverse("set-language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert not response.url.startswith("https://evil.example")


@pytest.mark.parametrize("bad", ["de", "klingon", "en-us-x", "<script>"])
def test_an_unknown_language_is_refused_and_nothing_changes(client, annotator, bad):
    client.force_login(annotator)
    response = client.post(reverse("set-language"), {"language": bad, "next": "/"}, follow=True)
    assert "is not a language of this site" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not PublicProfile.objects.filter(user=annotator).exclude(interface_language="")


def test_the_switcher_is_a_post_form(client):
    assert client.get(reverse("set-language")).status_code == 405


def test_a_signed_in_person_keeps_the_language_as_their_preference(client, annotator):
    client.force_login(annotator)
    client.post(reverse("set-language"), {"language": "ar", "next": "/"})
    assert PublicProfile.objects.get(user=annotator).interface_language == "ar"
    # The preference wins over the browser's language.
    page = client.get(reverse("public-profile"), headers={"accept-language": "fr"})
    assert html_lang(page) == ("ar", "rtl")


def test_the_preference_is_applied_at_sign_in_over_the_browser(client, annotator):
    interface_language_set(user=annotator, actor=annotator, language="pt-br")
    response = client.post(
        reverse("login"),
        {"username": annotator.username, "password": PASSWORD},
        headers={"accept-language": "es"},
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == "pt-br"
    page = client.get(reverse("public-profile"), headers={"accept-language": "es"})
    assert html_lang(page) == ("pt-br", "ltr")
    assert 'value="pt-br" lang="pt-br" selected' in page.content.decode()


def test_following_the_browser_again_clears_the_preference(client, annotator):
    interface_language_set(user=annotator, actor=annotator, language="fr")
    client.force_login(annotator)
    client.post(reverse("set-language"), {"language": "", "next": reverse("public-profile")})
    assert PublicProfile.objects.get(user=annotator).interface_language == ""
    assert SESSION_KEY not in client.session
    page = client.get(reverse("public-profile"), headers={"accept-language": "es"})
    assert html_lang(page) == ("es", "ltr")


def test_the_preference_costs_no_query_per_request(client, annotator):
    interface_language_set(user=annotator, actor=annotator, language="es")
    client.force_login(annotator)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("public-profile"))
    reads = [q["sql"] for q in queries if "publicprofile" in q["sql"].lower()]
    # The profile page reads the profile once itself; the middleware adds none.
    assert len(reads) == 1


def test_only_the_person_sets_their_own_language(annotator, editor):
    with pytest.raises(PermissionDenied):
        interface_language_set(user=annotator, actor=editor, language="es")
    with pytest.raises(PermissionDenied):
        interface_language_set(user=annotator, actor=None, language="es")
    with pytest.raises(ValidationError, match="not a language of this site"):
        interface_language_set(user=annotator, actor=annotator, language="de")
    assert not PublicProfile.objects.filter(user=annotator).exists()


def test_the_profile_page_offers_the_languages(client, annotator):
    client.force_login(annotator)
    page = client.get(reverse("public-profile")).content.decode()
    assert 'name="language"' in page
    assert "العربيّة" in page


def test_the_footer_switcher_is_on_every_page_and_needs_no_inline_script(client):
    page = client.get(reverse("login")).content.decode()
    form = re.search(r'<form method="post" action="/i18n/language/".*?</form>', page, re.S)
    assert form and "<script" not in form.group(0)
    assert '<option value="ar" lang="ar">العربيّة</option>' in form.group(0)


def test_the_javascript_catalog_is_served_in_the_language(client):
    response = client.get(reverse("javascript-catalog"), headers={"accept-language": "fr"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "django.gettext" in body
    # Numbers follow the language: French writes a decimal comma.
    assert '"DECIMAL_SEPARATOR": ","' in body
    # The article scripts' own strings.
    assert '"Selection cleared": "S\\u00e9lection effac\\u00e9e"' in body or (
        '"Selection cleared": "Sélection effacée"' in body
    )
    assert '"not scored": "non not\\u00e9"' in body or '"not scored": "non noté"' in body


def test_the_catalog_script_loads_before_the_page_scripts(client, annotator, article):
    client.force_login(annotator)
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index(reverse("javascript-catalog")) < page.index("annotations/article-text.js")


def test_the_admin_speaks_the_language_and_reads_right_to_left(client, editor):
    client.force_login(editor)
    page = client.get("/admin/", headers={"accept-language": "ar"}).content.decode()
    assert 'dir="rtl"' in page
    assert "إشراف Factcheck" in page  # our site header
    assert "الادعاءات" in page or "ادعاءات" in page  # our models' names


def test_a_services_refusal_reaches_the_page_in_the_readers_language(client, annotator):
    interface_language_set(user=annotator, actor=annotator, language="fr")
    client.force_login(annotator)
    response = client.post(
        reverse("set-language"), {"language": "xx", "next": reverse("public-profile")}, follow=True
    )
    assert "« xx » n’est pas une langue de ce site" in response.content.decode()


def test_choice_labels_and_numbers_follow_the_language(client, annotator):
    from tests.factories import ClaimFactory

    claim = ClaimFactory(checkworthiness=0.5)
    client.force_login(annotator)
    page = client.get(
        reverse("claim-detail", args=[claim.pk]), headers={"accept-language": "es"}
    ).content.decode()
    assert "Candidata" in page  # ClaimStatus.CANDIDATE's label
    assert "0,50" in page  # the check-worthiness with a decimal comma


def test_following_the_browser_without_a_profile_writes_nothing(client, annotator):
    client.force_login(annotator)
    response = client.post(reverse("set-language"), {"next": "/"})
    assert response.status_code == 302
    assert not PublicProfile.objects.filter(user=annotator).exists()
