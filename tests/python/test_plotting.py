"""iameval.plotting: the access-level matrix and heatmap of a principal's effective permissions."""

from __future__ import annotations

import builtins
import importlib
import sys
from typing import Any

import pytest

import iameval
from iameval import plotting

ALICE = "arn:aws:iam::111122223333:user/alice"
ALLOWED = ("allowed", "allowed-on-some-resources", "allowed-conditionally")


@pytest.fixture(scope="module")
def read_only() -> iameval.EffectivePermissions:
    return iameval.effective_permissions(ALICE, [iameval.managed_policy("ReadOnlyAccess")])


@pytest.fixture(scope="module")
def conditional() -> iameval.EffectivePermissions:
    """Unconditional reads, conditional writes, one denied action."""
    return iameval.effective_permissions(ALICE, [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:Get*", "sqs:List*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "s3:Put*", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}])


def _pandas_counts(effective: iameval.EffectivePermissions, status: tuple[str, ...]) -> Any:
    pd = pytest.importorskip("pandas")
    frame = effective.to_pandas()
    frame = frame[frame["status"].isin(status)]
    levels = iameval._core.access_levels()
    table = pd.crosstab(frame["service"], frame["access_level"]).reindex(columns=levels, fill_value=0)
    return table.sort_index()


def _agg() -> Any:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def test_access_matrix_matches_pandas_counts(read_only: iameval.EffectivePermissions) -> None:
    m = plotting.access_matrix(read_only)
    expected = _pandas_counts(read_only, ALLOWED)
    assert m.services == list(expected.index)
    assert m.access_levels == ["List", "Read", "Write", "Permissions management", "Tagging"]
    assert m.allowed == expected.to_numpy().tolist()
    assert m.total() == read_only.allowed
    assert m.principal == ALICE


def test_access_matrix_conditional_part(conditional: iameval.EffectivePermissions) -> None:
    m = plotting.access_matrix(conditional)
    assert m.services == ["s3", "sqs", "sts"]       # sts:GetCallerIdentity is always allowed
    cond = _pandas_counts(conditional, ("allowed-conditionally",)).reindex(m.services, fill_value=0)
    assert m.conditional == cond.to_numpy().tolist()
    s3, write = m.services.index("s3"), m.access_levels.index("Write")
    assert m.conditional[s3][write] == m.allowed[s3][write] > 0      # s3:Put* only with TLS
    assert sum(map(sum, m.conditional)) == conditional.allowed - conditional.allowed_unconditionally
    assert m.allowed[m.services.index("sqs")][write] == 0
    assert m.total() == conditional.allowed                          # s3:GetObject denied


def test_access_matrix_folds_small_services(read_only: iameval.EffectivePermissions) -> None:
    full = plotting.access_matrix(read_only)
    folded = plotting.access_matrix(read_only, max_services=5)
    assert len(folded.services) == 6
    assert folded.services[-1] == f"({len(full.services) - 5} other services)"
    assert folded.total() == full.total()
    assert folded.other_services == len(full.services) - 5 and full.other_services == 0
    top = sorted(full.services, key=lambda s: (-sum(full.allowed[full.services.index(s)]), s))[:5]
    assert folded.services[:5] == sorted(top)
    assert plotting.access_matrix(read_only, max_services=len(full.services)) == full


def test_heatmap_image_is_the_pandas_count_matrix(read_only: iameval.EffectivePermissions) -> None:
    plt = _agg()
    ax = plotting.access_heatmap(read_only, max_services=None)
    try:
        expected = _pandas_counts(read_only, ALLOWED)
        image = ax.get_images()[0]
        assert image.get_array().tolist() == expected.to_numpy().tolist()
        assert [t.get_text() for t in ax.get_yticklabels()] == list(expected.index)
        assert [t.get_text() for t in ax.get_xticklabels()] == list(expected.columns)
        assert ax.get_xlabel() == "access level" and ax.get_ylabel() == "service"
        assert ALICE in ax.get_title()
        ax.figure.canvas.draw()   # renders without error
    finally:
        plt.close(ax.figure)


def test_folded_row_does_not_set_the_colour_scale(read_only: iameval.EffectivePermissions) -> None:
    plt = _agg()
    ax = plotting.access_heatmap(read_only, max_services=5, annotate=False, colorbar=False)
    try:
        m = plotting.access_matrix(read_only, max_services=5)
        image = ax.get_images()[0]
        assert image.get_array().tolist() == m.allowed
        assert image.get_clim() == (0, max(max(row) for row in m.allowed[:-1]))
        assert [t.get_text() for t in ax.get_yticklabels()][-1] == m.services[-1]
        assert not ax.texts
    finally:
        plt.close(ax.figure)


def test_heatmap_marks_conditional_cells_and_uses_given_axes(
        conditional: iameval.EffectivePermissions) -> None:
    plt = _agg()
    fig, given = plt.subplots()
    try:
        ax = conditional.plot_heatmap(given, title="mine", colorbar=False)
        assert ax is given and ax.get_title() == "mine"
        m = plotting.access_matrix(conditional)
        s3, write = m.services.index("s3"), m.access_levels.index("Write")
        n = m.allowed[s3][write]
        texts = {t.get_text() for t in ax.texts}
        assert f"{n} ({n}c)" in texts                         # conditional cell
        assert str(m.allowed[s3][m.access_levels.index("Read")]) in texts
        assert len(ax.texts) == sum(1 for row in m.allowed for c in row if c)   # blanks stay blank
        assert len(fig.axes) == 1                              # no colorbar
    finally:
        plt.close(fig)


def test_heatmap_of_nothing_allowed() -> None:
    plt = _agg()
    eff = iameval.EffectivePermissions("", [], 0, 0, 0, 22000)
    ax = plotting.access_heatmap(eff)
    try:
        assert plotting.access_matrix(eff).services == []
        assert ax.get_title() == "0 allowed actions" and not ax.texts
    finally:
        plt.close(ax.figure)


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                            conditional: iameval.EffectivePermissions) -> None:
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    for name in [n for n in sys.modules if n == "matplotlib" or n.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    importlib.reload(plotting)      # importing the module itself needs no matplotlib
    with pytest.raises(ImportError, match=r"iameval\[plot\]"):
        plotting.access_heatmap(conditional)
    with pytest.raises(ImportError, match="matplotlib"):
        conditional.plot_heatmap()
    assert plotting.access_matrix(conditional).services == ["s3", "sqs", "sts"]
