#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    from config.cli_language import cli_language

    # Commands speak the terminal's language, not the site's default (config/cli_language.py).
    django.setup()
    translation.activate(cli_language(os.environ))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
