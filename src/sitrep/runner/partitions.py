"""Partitions of a run's inputs: slices of large files, or groups of small whole files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest import expand_inputs
from sitrep.ingest.ranges import Slice, split_file
from sitrep.schema import Problem, content_id


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's share of the input: its position in the run and the slices it reads."""

    order: int
    slices: tuple[Slice, ...]

    @property
    def id(self) -> str:
        """A stable id from what the partition reads (the same inputs give the same ids)."""
        return content_id(*(repr(piece) for piece in self.slices))

    @property
    def name(self) -> str:
        """How reports name the partition: its slice, or its first file and how many more."""
        first = self.slices[0].name
        more = len(self.slices) - 1
        return f"{first} (and {more} more file{'s' if more > 1 else ''})" if more else first


def plan_partitions(
    inputs: Iterable[str], settings: Settings
) -> tuple[list[Partition], list[Problem]]:
    """Split the inputs into partitions of about `partition_size` articles, in input order.

    A JSON Lines or WARC file larger than that is cut into slices; smaller files are
    grouped.  Inputs that are not files (URLs, standard input, missing paths) are Problems.
    """
    size = max(1, settings.partition_size)
    slices: list[Slice | None] = []  # None ends a group of small files
    problems = []
    for source in expand_inputs(inputs):
        if isinstance(source, Problem):
            problems.append(source)
        elif source.path is None:
            problems.append(Problem(source.name, "sitrep run reads files; use sitrep ingest"))
        else:
            slices.extend(_slices(os.path.abspath(source.path), settings, size))
    return _group(slices, size), problems


def _slices(path: str, settings: Settings, size: int) -> list[Slice | None]:
    try:
        pieces = split_file(path, settings, size)
    except (OSError, InputError):
        return [Slice(path)]  # its task meets the same error and reports it
    if len(pieces) == 1 and pieces[0].format is None:
        return [pieces[0]]
    return [None, *pieces, None]


def _group(slices: list[Slice | None], size: int) -> list[Partition]:
    partitions: list[Partition] = []
    group: list[Slice] = []
    for piece in [*slices, None]:
        if piece is not None and piece.format is not None:
            partitions.append(Partition(len(partitions), (piece,)))
            continue
        if piece is not None:
            group.append(piece)
        if group and (piece is None or len(group) >= size):
            partitions.append(Partition(len(partitions), tuple(group)))
            group = []
    return partitions
