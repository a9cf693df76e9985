"""Commands speak the language the environment asks for, as gettext reads LANGUAGE and LC_*."""

import subprocess

import pytest
from django.core.management import CommandError, call_command

from annotations.management.base import LOCALE_VARIABLES, command_language
from tests.helpers import manage_in_child


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "pt_BR.UTF-8"}, "pt-br"),
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"LC_ALL": "ar_EG.UTF-8@latn", "LANG": "fr_FR.UTF-8"}, "ar"),
        ({"LANGUAGE": "de:fr", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_locale_variables(environ, language):
    assert command_language(environ) == language


@pytest.mark.django_db
def test_a_command_prints_spanish_with_a_spanish_locale(locale_is, capsys):
    locale_is("es_ES.UTF-8")
    call_command("fingerprint_articles")
    assert (
        "0 artículo(s) con huella, 0 marcado(s) como posible duplicado." in capsys.readouterr().out
    )


@pytest.mark.django_db
def test_a_command_prints_english_with_the_c_locale(locale_is, capsys):
    locale_is("C")
    call_command("fingerprint_articles")
    assert "0 article(s) fingerprinted, 0 flagged" in capsys.readouterr().out


def test_a_command_refuses_in_spanish(locale_is):
    locale_is("es_ES.UTF-8")
    with pytest.raises(CommandError, match=r"Indica ids de artículos o --all \(no ambos\)\."):
        call_command("split_articles")


def run_manage(lang: str, *args: str) -> subprocess.CompletedProcess:
    return manage_in_child(*args, leave_out=LOCALE_VARIABLES, LANG=lang, DEBUG="1")


def test_help_and_errors_from_the_shell_follow_lang():
    spanish = run_manage("es_ES.UTF-8", "split_articles", "--help")
    assert "Dividir todos los artículos." in spanish.stdout
    assert "Las afirmaciones en las que alguien ha trabajado nunca se cambian." in spanish.stdout
    refused = run_manage("es_ES.UTF-8", "split_articles")
    assert refused.returncode == 1
    assert "Indica ids de artículos o --all (no ambos)." in refused.stderr
    english = run_manage("C", "split_articles")
    assert "Give article ids or --all (not both)." in english.stderr
