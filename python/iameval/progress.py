"""Progress bars for long runs: tqdm when it is installed and someone is watching, else nothing.

    >>> from iameval.progress import progress
    >>> with progress(total=3, desc="files", enabled=False) as bar:
    ...     for _ in range(3):
    ...         bar.update()
    >>> bar.count
    3

``enabled=None`` (the default) shows a bar only when the session is interactive: standard error
is a terminal, or the code runs in a Jupyter kernel (where ``tqdm.auto`` draws a widget).
``enabled=False`` never shows one; ``enabled=True`` shows one whenever tqdm is installed. tqdm
is an optional dependency: without it every bar is a silent counter.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, Optional, TypeVar

__all__ = ["ProgressBar", "in_notebook", "is_interactive", "iterate", "progress", "tqdm_available"]

T = TypeVar("T")


def tqdm_available() -> bool:
    """True when tqdm can be imported."""
    try:
        importlib.import_module("tqdm")
    except ImportError:
        return False
    return True


def in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython with a ZMQ shell)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # pragma: no cover - IPython half-imported
        return False
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def is_interactive() -> bool:
    """True when a person is likely watching: stderr is a terminal, or in a notebook."""
    try:
        tty = sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty or in_notebook()


class ProgressBar:
    """A progress bar that is tqdm when shown and a plain counter when not.

    Use it as a context manager (or call :meth:`close`); :attr:`count` is the number of units
    done whether a bar is drawn or not, and :attr:`shown` says whether one is.
    """

    def __init__(self, total: Optional[int] = None, desc: Optional[str] = None,
                 enabled: Optional[bool] = None, unit: str = "it") -> None:
        self.total = total
        self.count = 0
        self._bar: Any = None
        show = is_interactive() if enabled is None else enabled
        if show and tqdm_available():
            # importlib: tqdm is optional and ships no type stubs.
            tqdm: Any = importlib.import_module("tqdm.auto" if in_notebook() else "tqdm").tqdm
            self._bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=True)

    @property
    def shown(self) -> bool:
        """True when a tqdm bar is drawn."""
        return self._bar is not None

    def update(self, n: int = 1) -> None:
        """Marks ``n`` more units done."""
        self.count += n
        if self._bar is not None:
            self._bar.update(n)

    def set_postfix(self, text: str) -> None:
        """Shows ``text`` after the bar (e.g. the file just finished); no-op when hidden."""
        if self._bar is not None:
            self._bar.set_postfix_str(text, refresh=False)

    def close(self) -> None:
        """Finishes the bar (idempotent)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self.close()


def progress(total: Optional[int] = None, *, desc: Optional[str] = None, enabled: Optional[bool] = None,
             unit: str = "it") -> ProgressBar:
    """A :class:`ProgressBar` for ``total`` units (None when unknown); see the module doc for
    when it is drawn."""
    return ProgressBar(total, desc, enabled, unit)


def iterate(items: Iterable[T], *, total: Optional[int] = None, desc: Optional[str] = None,
            enabled: Optional[bool] = None, unit: str = "it") -> Iterator[T]:
    """Yields ``items`` while advancing a bar, e.g. over chunks of a long batch::

        for chunk in iterate(chunks, desc="requests"):
            decisions += policies.decide_batch(principal, chunk)
    """
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with ProgressBar(total, desc, enabled, unit) as bar:
        for item in items:
            yield item
            bar.update()
