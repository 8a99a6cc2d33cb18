"""The instructor's download of a session's round logs: one zip, during and after play."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import BinaryIO

from django.contrib.auth.decorators import login_required
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from game.services.exports import export_zip, zip_name
from game.views.instructor import _own

CHUNK = 64 * 1024


@login_required
@require_GET
def download(request: HttpRequest, session_id: int) -> StreamingHttpResponse:
    """The zip is built into a temporary file first (database reads stay in this thread,
    memory stays bounded), then streamed in chunks. Under ASGI the chunks come from an
    async iterator: Django would read a sync iterator whole into memory there."""
    session = _own(request, session_id)
    anonymise = request.GET.get("anonymise") == "1"
    fileobj = export_zip(session=session, anonymise=anonymise)
    size = fileobj.seek(0, 2)
    fileobj.seek(0)
    chunks = _async_chunks(fileobj) if isinstance(request, ASGIRequest) else _chunks(fileobj)
    response = StreamingHttpResponse(chunks, content_type="application/zip")
    response["Content-Length"] = str(size)
    response["Content-Disposition"] = f'attachment; filename="{zip_name(session, anonymise)}.zip"'
    response["Cache-Control"] = "no-store"
    return response


def _chunks(fileobj: BinaryIO) -> Iterator[bytes]:
    with fileobj:
        while chunk := fileobj.read(CHUNK):
            yield chunk


async def _async_chunks(fileobj: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(fileobj.read, CHUNK):
            yield chunk
    finally:
        fileobj.close()
