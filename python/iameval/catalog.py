"""The AWS action catalog embedded in the library: expand patterns, look up actions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._core import Catalog, access_levels
from ._errors import NotFoundError

__all__ = ["Action", "CatalogInfo", "ResourceType", "action", "catalog_info", "expand", "services"]


@dataclass(frozen=True)
class ResourceType:
    """A resource type an action applies to; ``required`` as the catalog marks it."""

    name: str
    required: bool


@dataclass(frozen=True)
class Action:
    """One catalog action, e.g. ``s3:GetObject``."""

    service: str
    name: str
    access_level: str
    resource_types: tuple[ResourceType, ...] = ()
    condition_keys: tuple[str, ...] = ()
    wildcard_only: bool = False

    @property
    def full_name(self) -> str:
        """The canonical "service:Action" name."""
        return f"{self.service}:{self.name}"


@dataclass(frozen=True)
class CatalogInfo:
    """Where the catalog came from and what it holds."""

    package: str
    version: str
    generated: str
    service_count: int
    action_count: int
    wildcard_only_count: int
    access_levels: dict[str, int] = field(default_factory=dict)


def expand(pattern: str) -> list[str]:
    """Returns the canonical names of the actions an IAM action pattern matches.

    Matching is case-insensitive, as in IAM: ``*``, ``s3:*``, ``s3:Get*``, ``*:Describe*``,
    ``iam:?etUser``. The result is sorted by service, then action. A malformed pattern (no
    colon, spaces, ...) matches nothing and yields an empty list.
    """
    return Catalog.default().expand(pattern)


def action(full_name: str) -> Action:
    """Looks up one action by "service:Action" (case-insensitive).

    Raises:
        NotFoundError: (a KeyError) when the catalog has no such action.
    """
    info = Catalog.default().find_action(full_name)
    if info is None:
        raise NotFoundError(f"unknown action {full_name!r}")
    return Action(
        service=info.service,
        name=info.name,
        access_level=info.access_level,
        resource_types=tuple(ResourceType(r.name, r.required) for r in info.resource_types),
        condition_keys=tuple(info.condition_keys),
        wildcard_only=info.wildcard_only,
    )


def services() -> list[str]:
    """Returns every service prefix of the catalog, sorted."""
    return sorted(s.prefix for s in Catalog.default().services())


def catalog_info() -> CatalogInfo:
    """Returns the catalog's source and counts (services, actions, per access level)."""
    catalog = Catalog.default()
    source = catalog.source
    counts = catalog.access_level_counts()
    return CatalogInfo(
        package=source.package,
        version=source.version,
        generated=source.generated,
        service_count=len(catalog.services()),
        action_count=catalog.action_count,
        wildcard_only_count=catalog.wildcard_only_count(),
        # In catalog order (List, Read, Write, ...), not alphabetical.
        access_levels={level: counts[level] for level in access_levels()},
    )
