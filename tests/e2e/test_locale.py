"""The language switcher in real Chromium: no script needed, the page follows, RTL lays out."""

import pytest
from playwright.sync_api import expect

from annotations.models import PublicProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def switch_to(page, language: str) -> None:
    page.select_option("#interface-language", language)
    page.click(".language-form button[type=submit]")
    page.wait_for_load_state()


def test_an_anonymous_reader_switches_language_and_stays_on_the_page(open_as):
    page = open_as()
    page.goto("/accounts/login/")
    switch_to(page, "fr")
    assert page.url.endswith("/accounts/login/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").text_content() == "Se connecter"
    switch_to(page, "es")
    assert page.locator("h1").text_content() == "Iniciar sesión"


def test_a_signed_in_person_keeps_arabic_on_their_profile_right_to_left(open_as, annotator):
    page = open_as(annotator)
    page.goto("/accounts/profile/")
    page.select_option("#id_interface_language", "ar")
    page.click("#language-h ~ form button[type=submit]")
    page.wait_for_load_state()
    assert PublicProfile.objects.get(user=annotator).interface_language == "ar"
    assert page.evaluate("[document.documentElement.lang, document.dir]") == ["ar", "rtl"]
    assert page.locator("h1").text_content() == "الملف العام"
    # Right to left: the navigation starts at the right edge, the brand on the right.
    brand = page.locator(".brand").bounding_box()
    sign_out = page.locator(".topbar form button").bounding_box()
    assert brand["x"] > sign_out["x"]
    page.screenshot(path="/tmp/locale-profile-ar.png", full_page=True)


def test_the_article_scripts_speak_the_language(open_as, annotator):
    from annotations.services import SYSTEM, article_import, claim_create

    article = article_import(
        actor=SYSTEM, text="La ville a recruté 120 chauffeurs en 2025.", title="Transports"
    )
    claim_create(article=article, actor=annotator, quote="120 chauffeurs")
    page = open_as(annotator)
    page.goto("/accounts/profile/")
    switch_to(page, "fr")
    page.goto(article.get_absolute_url())
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    # Drawn by the panel's script, from the JavaScript catalog.
    expect(page.locator(".claim-list")).to_contain_text("non noté")
    page.keyboard.press("v")
    assert page.locator("#selection-info").inner_text().startswith("Sélection « ")
