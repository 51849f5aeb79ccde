#!/usr/bin/env python
"""Django's command-line utility for Inclusief."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inclusief.settings")
    from django.core.management import (  # noqa: PLC0415 — after the settings variable is set
        execute_from_command_line,
    )

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
