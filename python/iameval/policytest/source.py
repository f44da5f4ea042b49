"""Reading test files (JSON, or YAML when PyYAML is installed) with the position of every value.

Schema errors point at a line and column of the test file, so each value's JSON Pointer is
mapped to where it starts. JSON is read by the standard library (duplicate keys are errors);
YAML through ``yaml.compose`` so node marks give the positions.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

__all__ = ["SourceError", "SourceFile", "escape_pointer", "read_source", "YAML_SUFFIXES"]

YAML_SUFFIXES = (".yaml", ".yml")
_WS = re.compile(r"[ \t\r\n]*")


def escape_pointer(token: str) -> str:
    """One JSON Pointer reference token (RFC 6901: ``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return token.replace("~", "~0").replace("/", "~1")


class SourceError(Exception):
    """A test file that cannot be read or parsed; ``line``/``column`` are 1-based (0: unknown)."""

    def __init__(self, file: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column


@dataclass
class SourceFile:
    """A parsed test file: its data and the (line, column) where each JSON Pointer starts."""

    path: Path
    display: str  # the path as the user gave it (for messages)
    data: Any
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def locate(self, pointer: str) -> tuple[int, int]:
        """The (line, column) of the value at ``pointer``, or of its nearest located parent."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]


def read_source(path: Path, display: str) -> SourceFile:
    """Reads and parses one test file; raises SourceError when it is unreadable or malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SourceError(display, f"cannot read the file: {e}") from e
    if path.suffix.lower() in YAML_SUFFIXES:
        return _read_yaml(path, display, text)
    return _read_json(path, display, text)


# ------------------------------------------------------------------------------------ JSON
def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _read_json(path: Path, display: str, text: str) -> SourceFile:
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as e:
        raise SourceError(display, f"invalid JSON: {e.msg}", e.lineno, e.colno) from e
    except ValueError as e:  # a duplicate key: locate it by a second, positional pass
        line, column = _find_duplicate(text)
        raise SourceError(display, f"invalid JSON: {e}", line, column) from e
    return SourceFile(path, display, data, _json_positions(text))


def _find_duplicate(text: str) -> tuple[int, int]:
    try:
        _json_positions(text, fail_on_duplicate=True)
    except _Duplicate as d:
        return d.where
    return (0, 0)


class _Duplicate(Exception):
    def __init__(self, where: tuple[int, int]) -> None:
        super().__init__("duplicate key")
        self.where = where


def _json_positions(text: str, fail_on_duplicate: bool = False) -> dict[str, tuple[int, int]]:
    """Maps the JSON Pointer of every value of valid JSON ``text`` to its (line, column)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    decoder = json.JSONDecoder()
    offsets: dict[str, int] = {}

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def skip(i: int) -> int:
        m = _WS.match(text, i)
        return m.end() if m else i

    def value(i: int, pointer: str) -> int:
        i = skip(i)
        offsets[pointer] = i
        if text.startswith("{", i):
            i = skip(i + 1)
            seen: set[str] = set()
            if text.startswith("}", i):
                return i + 1
            while True:
                key_at = i
                key, i = scanstring(text, i + 1)
                if fail_on_duplicate and key in seen:
                    raise _Duplicate(where(key_at))
                seen.add(key)
                i = skip(skip(i) + 1)  # past ":"
                i = skip(value(i, f"{pointer}/{escape_pointer(key)}"))
                if text.startswith(",", i):
                    i = skip(i + 1)
                    continue
                return i + 1
        if text.startswith("[", i):
            i = skip(i + 1)
            index = 0
            if text.startswith("]", i):
                return i + 1
            while True:
                i = skip(value(i, f"{pointer}/{index}"))
                index += 1
                if text.startswith(",", i):
                    i += 1
                    continue
                return i + 1
        _, end = decoder.raw_decode(text, i)
        return int(end)

    value(0, "")
    return {p: where(o) for p, o in offsets.items()}


# ------------------------------------------------------------------------------------ YAML
def _read_yaml(path: Path, display: str, text: str) -> SourceFile:
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError as e:
        raise SourceError(display, "YAML test files need PyYAML (pip install pyyaml); "
                                   "JSON test files work without it") from e
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise SourceError(display, f"invalid YAML: {e.problem or e}", line, column) from e
    except yaml.YAMLError as e:
        raise SourceError(display, f"invalid YAML: {e}") from e
    positions: dict[str, tuple[int, int]] = {}
    if node is not None:
        _yaml_positions(node, "", positions, display)
    return SourceFile(path, display, data, positions)


def _yaml_positions(node: Any, pointer: str, out: dict[str, tuple[int, int]], display: str) -> None:
    import yaml

    out[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise SourceError(display, f"invalid YAML: duplicate key {key!r}",
                                  key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            seen.add(key)
            _yaml_positions(value_node, f"{pointer}/{escape_pointer(key)}", out, display)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _yaml_positions(item, f"{pointer}/{index}", out, display)
