"""makemessages that also extracts the short aliases the panel (static/js/panel/) and projector.js use.

Those files call `T("…")` (window.gettext) and `F("…", values)` (gettext + interpolate);
xgettext only knows the standard names, so without these keywords their strings would be
missing from djangojs.po. The keywords are added for the JavaScript domain only: in Python,
`F("…")` is django.db.models.F.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    def handle(self, *args, **options):
        if options.get("domain") == "djangojs":
            self.xgettext_options = [*self.xgettext_options, "--keyword=T", "--keyword=F"]
        return super().handle(*args, **options)
