"""Small HTML renderers for notebook display (``_repr_html_``)."""

from __future__ import annotations

import html
from typing import Any

_COLORS = {"Allow": "#1a7f37", "ExplicitDeny": "#cf222e", "ImplicitDeny": "#9a6700", "Error": "#6e7781"}


def table_html(headers: list[str], rows: list[list[Any]]) -> str:
    """An HTML table with escaped cells."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def decision_html(decision: Any) -> str:
    """A decision with its matched statements."""
    color = _COLORS.get(decision.decision, "#000")
    where = html.escape(decision.layer or "none")
    title = (f'<p><b style="color:{color}">{html.escape(decision.decision)}</b> '
             f"decided by <code>{where}</code>: {html.escape(decision.reason)}</p>")
    if not decision.matched:
        return title
    rows = [[m.get("effect"), m.get("layer"), m.get("policy"), m.get("sid"), m.get("path")]
            for m in decision.matched]
    return title + table_html(["effect", "layer", "policy", "statement", "path"], rows)
