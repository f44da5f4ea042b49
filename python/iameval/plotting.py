"""Plots of analysis results, drawn with matplotlib (optional: ``pip install 'iameval[plot]'``).

    >>> import iameval
    >>> from iameval.plotting import access_matrix
    >>> eff = iameval.effective_permissions("arn:aws:iam::111122223333:user/alice",
    ...                                     [iameval.managed_policy("AmazonS3ReadOnlyAccess")])
    >>> m = access_matrix(eff)
    >>> m.services, m.access_levels
    (['s3', 's3-object-lambda'], ['List', 'Read', 'Write', 'Permissions management', 'Tagging'])

:func:`access_matrix` needs nothing but iameval; :func:`access_heatmap` imports matplotlib
when it is called, so ``import iameval.plotting`` works without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from ._core import access_levels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .analysis import EffectivePermissions

__all__ = ["ALLOWED_STATUSES", "AccessMatrix", "access_heatmap", "access_matrix"]

# The EffectivePermissions row statuses that count as allowed ("denied" and "not-allowed" do not).
ALLOWED_STATUSES = ("allowed", "allowed-on-some-resources", "allowed-conditionally")


@dataclass(frozen=True)
class AccessMatrix:
    """Allowed-action counts of one principal, services × access levels.

    Attributes:
        principal: the principal the counts are for.
        services: row labels, sorted by name; when rows were folded (``max_services``) the last
            one is "(N other services)".
        access_levels: column labels, in catalog order (List, Read, Write, Permissions
            management, Tagging).
        allowed: ``allowed[i][j]`` = actions of ``services[i]`` with access level
            ``access_levels[j]`` whose status is one of ``ALLOWED_STATUSES``.
        conditional: the part of ``allowed`` that is allowed only under conditions
            (status "allowed-conditionally").
        other_services: how many services the last row sums (0 when no row is folded).
    """

    principal: str
    services: list[str]
    access_levels: list[str]
    allowed: list[list[int]]
    conditional: list[list[int]]
    other_services: int = 0

    def total(self) -> int:
        """All allowed actions counted in the matrix."""
        return sum(sum(row) for row in self.allowed)


def _sum_rows(rows: list[list[int]]) -> list[int]:
    return [sum(column) for column in zip(*rows)]


def access_matrix(effective: EffectivePermissions, *, max_services: Optional[int] = None) -> AccessMatrix:
    """Counts ``effective``'s allowed actions per service and access level.

    Services without any allowed action are left out. With ``max_services``, only that many
    services (those with the most allowed actions, ties by name) keep a row of their own and
    the rest are summed into a last row "(N other services)", so the totals stay exact.
    """
    levels = access_levels()
    column = {level: j for j, level in enumerate(levels)}
    allowed: dict[str, list[int]] = {}
    conditional: dict[str, list[int]] = {}
    cols = effective.columns     # no per-action dicts
    for service, level, status in zip(cols["service"], cols["access_level"], cols["status"]):
        if status not in ALLOWED_STATUSES:
            continue
        if service not in allowed:
            allowed[service] = [0] * len(levels)
            conditional[service] = [0] * len(levels)
        j = column[level]
        allowed[service][j] += 1
        if status == "allowed-conditionally":
            conditional[service][j] += 1
    services = sorted(allowed)
    other: list[str] = []
    if max_services is not None and len(services) > max(max_services, 0):
        by_count = sorted(services, key=lambda s: (-sum(allowed[s]), s))
        services = sorted(by_count[:max(max_services, 0)])
        other = by_count[max(max_services, 0):]
    labels = list(services)
    allowed_rows = [allowed[s] for s in services]
    conditional_rows = [conditional[s] for s in services]
    if other:
        labels.append(f"({len(other)} other service{'s' if len(other) > 1 else ''})")
        allowed_rows.append(_sum_rows([allowed[s] for s in other]))
        conditional_rows.append(_sum_rows([conditional[s] for s in other]))
    return AccessMatrix(effective.principal, labels, list(levels), allowed_rows, conditional_rows,
                        len(other))


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError(
            "iameval.plotting needs matplotlib, which is optional: install the 'plot' extra "
            "(pip install 'iameval[plot]') or matplotlib itself") from e
    return plt


def access_heatmap(effective: EffectivePermissions, ax: Optional[Axes] = None, *,
                   max_services: Optional[int] = 40, annotate: bool = True, cmap: str = "Blues",
                   colorbar: bool = True, title: Optional[str] = None) -> Axes:
    """Draws a heatmap of a principal's allowed actions, services × access levels.

    Each cell is the number of allowed actions (see :func:`access_matrix`, which computes the
    data; ``max_services`` folds the smaller services into one row). With ``annotate`` the
    cells show their count, and "n (kc)" when k of the n actions are allowed only under
    conditions; empty cells stay blank. Draws on ``ax``, or on a new figure sized to the
    number of rows, and returns the Axes.

    Raises:
        ImportError: matplotlib is not installed (it is the optional ``plot`` extra).
    """
    plt = _pyplot()
    m = access_matrix(effective, max_services=max_services)
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 1.6 + 0.32 * max(len(m.services), 1)))
    assert ax is not None
    data = m.allowed if m.services else [[0] * len(m.access_levels)]
    folded = m.other_services > 0
    # The colour scale spans the services' own rows: a folded "(N other services)" row would
    # otherwise wash them out (it saturates instead; its numbers are written in the cells).
    own = m.allowed[:-1] if folded and len(m.services) > 1 else m.allowed
    peak = max((max(row) for row in own), default=0) or 1
    image = ax.imshow(data, cmap=cmap, aspect="auto", vmin=0, vmax=peak)
    if folded and len(m.services) > 1:
        ax.axhline(len(m.services) - 1.5, color="black", linewidth=1)
    ax.set_xticks(range(len(m.access_levels)), labels=m.access_levels, rotation=30, ha="right")
    ax.set_yticks(range(len(m.services)), labels=m.services)
    ax.set_xlabel("access level")
    ax.set_ylabel("service")
    if title is None:
        title = (f"{m.principal}: {m.total()} allowed actions" if m.principal
                 else f"{m.total()} allowed actions")
    ax.set_title(title, fontsize="medium")
    if annotate and m.services:
        for i, row in enumerate(m.allowed):
            for j, count in enumerate(row):
                if count == 0:
                    continue
                cond = m.conditional[i][j]
                text = f"{count} ({cond}c)" if cond else str(count)
                ax.text(j, i, text, ha="center", va="center", fontsize="small",
                        color="white" if count > 0.6 * peak else "black")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label="allowed actions"
                           + (" (kc: k only under conditions)" if annotate else ""))
    return ax
