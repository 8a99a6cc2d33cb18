"""The language of manage.py's own output (errors, reports).

The site's default language is Chinese (LANGUAGE_CODE) because the students are; a command
runs in an operator's terminal, so it follows the terminal's locale the way other command-line
tools do: Chinese when LANGUAGE, LC_ALL, LC_MESSAGES or LANG (the first one set) starts with
`zh`, English otherwise."""

from __future__ import annotations

from collections.abc import Mapping

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def cli_language(environ: Mapping[str, str]) -> str:
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return "zh-hans" if value.lower().startswith("zh") else "en"
    return "en"
