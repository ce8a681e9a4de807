"""Entry script that PyInstaller freezes (see packaging/app.spec).

It only hands over to the same entry point as the ``user-cleanup`` console
script, so the frozen app and the pip-installed app behave the same.
"""

from app.cli import main

raise SystemExit(main())
