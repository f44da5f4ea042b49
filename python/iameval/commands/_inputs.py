"""Reading policy documents for `iameval validate`: files, directories, stdin, JSON Lines.

Each document keeps where it came from so diagnostics can point into the input file: for a
JSON Lines record whose ``document`` is an object, the object's exact source text is handed to
the parser and positions are shifted to the record's line and column.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Union

STDIN = "-"
_WHITESPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class Document:
    """One policy document and how to map its positions back to the input."""

    file: str
    text: bytes | str
    name: str | None = None  # the record's name (JSON Lines input)
    line: int = 0  # input line of the record (JSON Lines); 0 for a whole file
    column_offset: int = 0  # byte offset of the document within that line
    inline: bool = True  # False: a JSON string holds the text; positions are inside it

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """Maps a (line, column) of the document text to one in the input file."""
        if self.line == 0:
            return line, column
        if self.inline and line == 1:
            return self.line, self.column_offset + column
        # Inside a string-valued document: point at the string itself.
        return self.line, self.column_offset + 1


@dataclass(frozen=True)
class InputError:
    """An input that could not be read as documents (reported as an error diagnostic)."""

    file: str
    kind: str
    message: str
    line: int = 0
    column: int = 0


Item = Union[Document, InputError]


def iter_documents(paths: list[str], jsonl: bool) -> Iterator[Item]:
    """Yields the documents of every path in order: files, directories (recursively, sorted:
    ``*.json``, or ``*.jsonl`` with ``jsonl``) and ``-`` for stdin."""
    for path in paths:
        if path == STDIN:
            yield from _read_bytes("<stdin>", sys.stdin.buffer.read(), jsonl)
            continue
        p = Path(path)
        if p.is_dir():
            pattern = "*.jsonl" if jsonl else "*.json"
            # Policy test files and authorization-details snapshots live next to policies
            # (see policies/); they are not policies, so a directory sweep skips them.
            files = sorted(f for f in p.rglob(pattern) if f.is_file() and not _is_companion(f))
            if not files:
                print(f"iameval validate: no {pattern} files under {path}", file=sys.stderr)
            for f in files:
                yield from _read_file(str(f), jsonl)
        else:
            yield from _read_file(path, jsonl)


def _is_companion(path: Path) -> bool:
    """True for files in a policy folder that are not policies: `*.test.json` and
    authorization-details snapshots (`*authorization-details*.json`)."""
    name = path.name
    return name.endswith(".test.json") or "authorization-details" in name


def _read_file(path: str, jsonl: bool) -> Iterator[Item]:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        yield InputError(path, "unreadable_file", f"cannot read {path}: {e.strerror or e}")
        return
    yield from _read_bytes(path, data, jsonl)


def _read_bytes(file: str, data: bytes, jsonl: bool) -> Iterator[Item]:
    if not jsonl:
        yield Document(file, data)
        return
    for number, raw in enumerate(data.split(b"\n"), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith(b"#"):
            continue  # blank lines and comments, as in tests/data/*.jsonl
        yield _read_record(file, number, raw)


def _read_record(file: str, number: int, raw: bytes) -> Item:
    try:
        line = raw.decode("utf-8")
        members = _top_level_members(line)
    except (UnicodeDecodeError, ValueError) as e:
        return InputError(file, "invalid_jsonl", f"line is not a JSON object: {e}", number, 1)
    name = members.get("name", (None, 0, 0))[0]
    name = name if isinstance(name, str) else None
    if "document" not in members:
        return InputError(file, "invalid_jsonl", "record has no `document` member", number, 1)
    value, start, end = members["document"]
    column_offset = len(line[:start].encode("utf-8"))
    if isinstance(value, dict):
        return Document(file, line[start:end].encode("utf-8"), name, number, column_offset)
    if isinstance(value, str):
        return Document(file, value, name, number, column_offset, inline=False)
    return InputError(file, "invalid_jsonl", "`document` must be an object or a string",
                      number, column_offset + 1)


def _top_level_members(line: str) -> dict[str, tuple[Any, int, int]]:
    """The members of the JSON object on ``line``: name -> (value, start, end) in characters.

    The json module gives no positions, so this walks the top level itself and lets
    ``raw_decode`` parse each value; ``json.loads`` first so errors read as usual.
    """
    if not isinstance(json.loads(line), dict):
        raise ValueError("not an object")
    decoder = json.JSONDecoder()

    def skip(pos: int) -> int:
        match = _WHITESPACE.match(line, pos)
        return match.end() if match else pos

    members: dict[str, tuple[Any, int, int]] = {}
    pos = skip(skip(0) + 1)  # past "{"
    if line.startswith("}", pos):
        return members
    while True:
        key, pos = decoder.raw_decode(line, pos)
        pos = skip(pos)
        pos = skip(pos + 1)  # past ":"
        start = pos
        value, pos = decoder.raw_decode(line, pos)
        members[key] = (value, start, pos)  # a duplicate name: the last wins, as in json.loads
        pos = skip(pos)
        if line.startswith("}", pos):
            return members
        pos = skip(pos + 1)  # past ","
