"""Where an export's files go: a directory (the command line) or a zip archive (the
panel). Both hand out one binary file at a time, written as it streams."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO, Protocol


class Sink(Protocol):
    def open(self, name: str) -> BinaryIO: ...


class DirSink:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def open(self, name: str) -> BinaryIO:
        return (self.directory / name).open("wb")


class ZipSink:
    """Each entry is compressed as it is written (ZipFile.open(name, "w")), so an entry is
    never held whole in memory (level 1: the CSVs still shrink ~6×, at a fraction of the
    CPU of the default level); the archive goes to `fileobj` (a temporary file)."""

    def __init__(self, fileobj: BinaryIO, folder: str) -> None:
        self.zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self.folder = folder

    def open(self, name: str) -> BinaryIO:
        return self.zip.open(f"{self.folder}/{name}", "w", force_zip64=True)  # type: ignore[return-value]

    def close(self) -> None:
        self.zip.close()
