"""Every shipped language has every string: makemessages, re-run on a copy, finds none missing.

`scripts/translations` (makemessages for templates, Python and the scripts, then msgfmt) runs
on a temporary copy of the code and its catalogues; any entry it leaves empty or fuzzy is a
string some shipped language lacks. The committed .mo files must match their .po files too.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
# What makemessages reads: the code, the templates, the scripts, and the catalogues themselves.
COPIED = ["manage.py", "factcheck", "annotations", "templates", "static", "locale", "scripts"]
DOMAINS = ("django", "djangojs")


def shipped_locales() -> list[str]:
    """Return the locale folder names of the shipped languages other than English."""
    return [gettext_name(code) for code, _name in settings.LANGUAGES if code != "en"]


def gettext_name(code: str) -> str:
    language, _, country = code.partition("-")
    return f"{language}_{country.upper()}" if country else language


def need_gettext(*tools: str) -> None:
    """Skip, naming the tool, where GNU gettext is not installed."""
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"GNU gettext's {tool} is not installed (apt-get install gettext)")


def entries(po: Path, *flags: str) -> list[str]:
    """Return the msgids msgattrib picks from the catalogue with these flags."""
    out = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *flags, str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [m for m in re.findall(r'^msgid "(.*)"$', out, re.M) if m]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """Return a copy of the project whose catalogues makemessages has just refreshed."""
    need_gettext("xgettext", "msgmerge", "msgfmt", "msgattrib")
    copy = tmp_path_factory.mktemp("project")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy2(source, copy / name)
    environment = {**os.environ, "PYTHON": sys.executable, "DEBUG": "1"}
    subprocess.run(
        [str(copy / "scripts" / "translations")],
        cwd=copy,
        env=environment,
        capture_output=True,
        check=True,
        timeout=600,
    )
    return copy


def test_every_shipped_language_has_catalogues():
    for locale in shipped_locales():
        for domain in DOMAINS:
            for suffix in ("po", "mo"):
                path = LOCALE / locale / "LC_MESSAGES" / f"{domain}.{suffix}"
                assert path.is_file(), path


@pytest.mark.parametrize("locale", shipped_locales())
@pytest.mark.parametrize("domain", DOMAINS)
def test_no_string_is_missing_or_fuzzy(refreshed, locale, domain):
    po = refreshed / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
    shipped = LOCALE / locale / "LC_MESSAGES" / f"{domain}.po"
    # makemessages writes no catalogue for a domain without strings.
    assert po.is_file() == shipped.is_file(), f"{shipped} and the code disagree"
    if not po.is_file():
        return
    untranslated = entries(po, "--untranslated")
    fuzzy = entries(po, "--only-fuzzy")
    assert not untranslated and not fuzzy, (
        f"{locale} {domain}.po misses {len(untranslated)} translations and has {len(fuzzy)} "
        f"fuzzy ones; run scripts/translations, translate them, and run it again. "
        f"Missing: {untranslated[:10]} Fuzzy: {fuzzy[:10]}"
    )


@pytest.mark.parametrize("locale", shipped_locales())
@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_compiled_catalogue_matches_its_source(tmp_path, locale, domain):
    need_gettext("msgfmt")
    folder = LOCALE / locale / "LC_MESSAGES"
    if not (folder / f"{domain}.po").is_file():
        assert not (folder / f"{domain}.mo").is_file()
        return
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(folder / f"{domain}.po")], check=True)
    with (folder / f"{domain}.mo").open("rb") as shipped, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(shipped)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        ), f"locale/{locale}/LC_MESSAGES/{domain}.mo is stale: run scripts/translations"


def test_the_check_finds_a_missing_and_a_fuzzy_string(tmp_path):
    """A string added without a translation, or changed since, makes the check fail."""
    need_gettext("msgattrib")
    po = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    broken = tmp_path / "django.po"
    broken.write_text(
        po.read_text(encoding="utf-8")
        + '\nmsgid "A brand-new string"\nmsgstr ""\n'
        + '\n#, fuzzy\nmsgid "A changed string"\nmsgstr "Une chaîne"\n',
        encoding="utf-8",
    )
    assert "A brand-new string" in entries(broken, "--untranslated")
    assert "A changed string" in entries(broken, "--only-fuzzy")
