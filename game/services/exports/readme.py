"""README.txt: what the export holds and every column of every table, in English and in
Chinese (the same translated texts the rest of the game uses)."""

from __future__ import annotations

import io
from typing import BinaryIO

from django.utils import translation
from django.utils.translation import gettext as _

from game.services.exports.context import ExportContext
from game.services.exports.table import Table

LANGUAGES = (("en", "English"), ("zh-hans", "中文"))


def write_readme(raw: BinaryIO, ctx: ExportContext, tables: list[Table], *, with_log: bool) -> None:
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="\r\n")
    session = ctx.session
    text.write(f"Province Contest — {session.code} — {session.title}\n")
    text.write(f"{ctx.scenario.name_en} / {ctx.scenario.name_zh} — {ctx.exported_at.isoformat()}\n")
    for code, label in LANGUAGES:
        with translation.override(code):
            text.write(f"\n==================== {label} ====================\n\n")
            text.write(_("Export of session %(code)s: %(rounds)s of %(total)s rounds played, %(provinces)s "
                         "provinces.") % {"code": session.code, "rounds": len(ctx.scored_rounds()),
                                          "total": session.total_rounds, "provinces": len(ctx.provinces)})
            text.write("\n")
            text.write(_("CSV files are UTF-8 with a byte-order mark; numbers use a dot; true/false for yes/no; "
                         "lists are separated by ';'; JSON cells hold {id: value} objects; times are ISO 8601 "
                         "in UTC."))
            text.write("\n")
            text.write(_("Text that begins with =, +, -, @, a tab or a carriage return (a display name, a chat "
                         "message) is written with a ' in front, so that a spreadsheet program shows it as text "
                         "instead of running it as a formula; remove that first ' to get the text as typed. "
                         "Numbers never get one."))
            text.write("\n")
            if ctx.anonymise:
                text.write(_("Anonymised: every student's name is replaced by a pseudonym (the same in every "
                             "table) and chat text is left out."))
                text.write("\n")
            for table in tables:
                text.write(f"\n{table.name} — {table.help}\n")
                for column in table.columns(ctx):
                    text.write(f"  {column.name}: {column.help}\n")
            if with_log:
                text.write("\nlog.json — ")
                text.write(_("Everything needed to score the session again (schema 1): the scenario as played, "
                             "and for every round and province the rules, offer, state before, sheets, "
                             "agreements, tasks, seed and the recorded result. Check it with: python manage.py "
                             "replay log.json"))
                text.write("\n")
    text.flush()
    text.detach()
