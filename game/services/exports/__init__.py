"""Exported round logs (DESIGN §9): CSV tables, a bilingual README.txt and log.json,
written to a directory or a zip. Rows are streamed from the database table by table and
written as they come; nothing holds a whole table in memory."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from game.models import GameSession
from game.services.exports.context import ExportContext, build_context, cell
from game.services.exports.log import write_log
from game.services.exports.readme import write_readme
from game.services.exports.sinks import DirSink, Sink, ZipSink
from game.services.exports.tables import TABLES

FORMATS = ("csv", "json", "both")


def export_session(*, session: GameSession, sink: Sink, fmt: str = "both", anonymise: bool = False) -> list[str]:
    """Write the export of a session to `sink`; returns the file names written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    ctx = build_context(session, anonymise=anonymise)
    written = []
    if fmt in ("csv", "both"):
        tables = [t for t in TABLES if not (anonymise and t.anonymised_out)]
        for table in tables:
            with sink.open(table.name) as raw:
                write_csv(raw, [c.name for c in table.columns(ctx)], table.rows(ctx))
            written.append(table.name)
        with sink.open("README.txt") as raw:
            write_readme(raw, ctx, tables, with_log=fmt == "both")
        written.append("README.txt")
    if fmt in ("json", "both"):
        with sink.open("log.json") as raw:
            write_log(raw, ctx)
        written.append("log.json")
    return written


def write_csv(raw: BinaryIO, columns: list[str], rows: Iterable[dict]) -> None:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese names."""
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text)
    writer.writerow(columns)
    write = writer.writerow
    for row in rows:
        write([cell(row.get(c)) for c in columns])
    text.flush()
    text.detach()


def export_to_dir(*, session: GameSession, directory: Path, fmt: str = "both", anonymise: bool = False) -> list[str]:
    return export_session(session=session, sink=DirSink(directory), fmt=fmt, anonymise=anonymise)


def zip_name(session: GameSession, anonymise: bool = False) -> str:
    return f"province-contest-{session.code}{'-anonymised' if anonymise else ''}"


def export_zip(*, session: GameSession, anonymise: bool = False) -> BinaryIO:
    """The whole export as a zip in a temporary file (deleted when closed), rewound. Built
    on disk rather than streamed while it is written: the database is read in one thread
    and the response is then served in chunks, under ASGI as under WSGI."""
    fileobj = tempfile.TemporaryFile()
    sink = ZipSink(fileobj, zip_name(session, anonymise))
    try:
        export_session(session=session, sink=sink, fmt="both", anonymise=anonymise)
        sink.close()
    except BaseException:
        fileobj.close()
        raise
    fileobj.seek(0)
    return fileobj


__all__ = ["ExportContext", "FORMATS", "export_session", "export_to_dir", "export_zip", "write_csv", "zip_name"]
