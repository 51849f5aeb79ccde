"""Downloads written while they are sent: CSV and JSON from generators, in constant memory.

The exports read the database in fixed-size batches (see :func:`batched`) and hand each
batch's text to a :class:`~django.http.StreamingHttpResponse`, so neither the rows nor the
finished document are ever held whole. The text is byte for byte what the old whole-document
writers produced: CSV with the ``csv`` module's defaults (``\\r\\n`` line ends), a byte order
mark first (Dutch Excel reads UTF-8 only with it); JSON as ``json.dumps(…, indent=2)``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from django.http import StreamingHttpResponse

T = TypeVar("T")

# Rows per chunk sent to the client: big enough that a chunk costs one write, small enough
# that it never matters for memory.
ROWS_PER_CHUNK = 500


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter); ``itertools.batched`` is 3.12+."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Echo:
    """A file-like object whose ``write`` hands the text back, for ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterable[list[Any]], *, delimiter: str, bom: bool = True) -> Iterator[str]:
    """The CSV text of ``rows`` in chunks of ``ROWS_PER_CHUNK`` rows."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    if bom:
        yield "\ufeff"
    for batch in batched(rows, ROWS_PER_CHUNK):
        yield "".join(writer.writerow(row) for row in batch)


def json_chunks(head: dict[str, Any], key: str, records: Iterable[Any]) -> Iterator[str]:
    """``json.dumps({**head, key: list(records)}, ensure_ascii=False, indent=2)``, written
    one chunk of records at a time (``key`` comes last)."""
    opening = json.dumps(head, ensure_ascii=False, indent=2)
    # '{\n  "a": 1\n}' -> '{\n  "a": 1,\n  "key": [' (an empty head has no line to follow)
    opening = opening[:-2] + ",\n" if head else "{\n"
    yield opening + f"  {json.dumps(key)}: ["
    first = True
    for batch in batched(records, ROWS_PER_CHUNK):
        parts = []
        for record in batch:
            text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            parts.append(("\n    " if first else ",\n    ") + text)
            first = False
        yield "".join(parts)
    yield "]\n}" if first else "\n  ]\n}"


def streaming_download(
    chunks: Iterator[str], *, content_type: str, filename: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
