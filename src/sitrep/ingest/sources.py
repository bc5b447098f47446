"""Expand command-line inputs (files, directories, globs, '-' for stdin) into sources."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.schema import Problem

GLOB_CHARS = frozenset("*?[")
# A folder of articles often carries its own documentation; those files are not news.
# They are still read when named on their own.
DOC_FILE_STEMS = frozenset({"readme", "license", "licence", "changelog", "copying", "notice"})


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file, standard input, or a URL."""

    name: str
    path: Path | None = None
    url: str | None = None

    @property
    def is_stdin(self) -> bool:
        """True for standard input ('-')."""
        return self.path is None and self.url is None


def expand_inputs(inputs: Iterable[str]) -> Iterator[Source | Problem]:
    """Yield a Source for every file named, found under a directory or matched by a glob."""
    for item in inputs:
        if item == "-":
            yield Source(name="<stdin>")
        elif item.startswith(("http://", "https://")):
            yield Source(name=item, url=item)
        elif os.path.isdir(item):
            yield from _walk(Path(item))
        elif os.path.isfile(item):
            yield Source(name=item, path=Path(item))
        elif GLOB_CHARS & set(item):
            yield from _glob(item)
        elif "://" in item:
            yield Problem(item, "only http:// and https:// URLs can be ingested")
        else:
            yield Problem(item, "no such file or directory")


def _walk(root: Path) -> Iterator[Source]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and not _is_doc_file(filename):
                path = Path(dirpath) / filename
                yield Source(name=str(path), path=path)


def _is_doc_file(filename: str) -> bool:
    return filename.split(".", 1)[0].lower() in DOC_FILE_STEMS


def _glob(pattern: str) -> Iterator[Source | Problem]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Problem(pattern, "no files match this pattern")
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(Path(match))
        else:
            yield Source(name=match, path=Path(match))
