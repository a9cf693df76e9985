"""The commands' language: the one the environment asks for, as gettext reads it.

Every command of the app derives from `TranslatedCommand`, which speaks the first language of
`LANGUAGE`, `LC_ALL`, `LC_MESSAGES` and `LANG` (in that order, as GNU gettext reads them) that
the site offers, else `LANGUAGE_CODE`. A variable set to `C` or `POSIX` asks for untranslated
messages, so `LC_ALL=C` gives English output whatever `LANG` says, as it does for other tools.

A command's `help` may be a `gettext_lazy` string; its arguments' help is written with `gettext`
in `add_arguments`, because argparse formats only real strings.
"""

import os
from collections.abc import Mapping

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
UNTRANSLATED = {"C", "POSIX"}


def command_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the interface language the environment's locale variables ask for."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        # LANGUAGE may list several, colon-separated, in order of preference.
        for locale in environ.get(name, "").split(":"):
            # es_ES.UTF-8@euro: the language and country, without encoding and modifier.
            locale = locale.partition(".")[0].partition("@")[0].strip()
            if not locale:
                continue
            if locale in UNTRANSLATED:
                return settings.LANGUAGE_CODE
            try:
                return translation.get_supported_language_variant(translation.to_language(locale))
            except LookupError:
                continue
    return settings.LANGUAGE_CODE


class TranslatedCommand(BaseCommand):
    """A command whose help, output and errors are in the environment's language."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        # `help` is a lazy string (set at import); argparse formats only real strings. The
        # arguments' help is translated in add_arguments, which runs here.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def run_from_argv(self, argv: list[str]) -> None:
        # From a shell the parser prints --help and usage errors before execute() runs.
        with translation.override(command_language()):
            super().run_from_argv(argv)

    def execute(self, *args, **options):
        with translation.override(command_language()):
            return super().execute(*args, **options)
