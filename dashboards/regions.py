"""The org-unit hierarchy as a session may see it: pickers, breadcrumbs, children, scope checks.

Every region a page queries comes through here, checked against the session's access scope
on the server; widgets only ever offer units inside the scope, and a unit named in the URL
is checked the same way.
"""

from __future__ import annotations

import pandas as pd

from dashboards import warehouse
from dashboards.access import AccessScope

LEVEL_LABELS = {"province": "省", "city": "市", "county": "县（区）", "township": "乡镇（街道）", "institution": "机构"}
# A unit and its ancestors' ids: the column list every "in the subtree of ?" test uses.
LINEAGE_COLUMNS = ("org_unit_id", "province_id", "city_id", "county_id", "township_id")


def in_subtree(alias: str) -> str:
    """SQL: the unit aliased `alias` lies in the subtree of the bound parameter."""
    return f"? in ({', '.join(f'{alias}.{column}' for column in LINEAGE_COLUMNS)})"


def org_unit(unit_id: str) -> pd.Series | None:
    frame = warehouse.query(
        """
        select org_unit_id, org_unit_name, org_level, org_level_rank, full_path, parent_org_unit_id,
               province_id, city_id, county_id, township_id, institution_type
        from marts.dim_org_units where org_unit_id = ?
        """,
        (unit_id,),
    )
    return None if frame.empty else frame.iloc[0]


def lineage(unit: pd.Series) -> tuple[str | None, ...]:
    return tuple(None if pd.isna(unit[column]) else unit[column] for column in LINEAGE_COLUMNS)


def is_within(scope: AccessScope, unit_id: str | None) -> bool:
    if unit_id is None:
        return False
    unit = org_unit(unit_id)
    return unit is not None and scope.contains(lineage(unit))


def selectable_regions(scope: AccessScope) -> pd.DataFrame:
    """Provinces, cities and counties in the scope, plus the scope's own roots, in hierarchy order."""
    regions = warehouse.query(
        """
        select org_unit_id, org_unit_name, org_level, org_level_rank, full_path,
               province_id, city_id, county_id, township_id
        from marts.dim_org_units
        where org_level in ('province', 'city', 'county')
        order by province_id, coalesce(city_id, ''), coalesce(county_id, ''), org_level_rank
        """
    )
    if scope.sees_everything:
        return regions
    visible = regions[[scope.contains(tuple(row)) for row in regions[list(LINEAGE_COLUMNS)].itertuples(index=False)]]
    # A user bound to a township or an institution still gets that unit as their region.
    missing_roots = [root for root in scope.root_org_unit_ids if root not in set(visible["org_unit_id"])]
    roots = [org_unit(root) for root in missing_roots]
    extra = pd.DataFrame([root for root in roots if root is not None], columns=regions.columns)
    return pd.concat([extra, visible], ignore_index=True) if not extra.empty else visible.reset_index(drop=True)


def region_label(region: pd.Series) -> str:
    return region["full_path"]


def breadcrumb(scope: AccessScope, unit_id: str) -> list[tuple[str, str]]:
    """(id, name) from the top the scope allows down to the unit."""
    unit = org_unit(unit_id)
    if unit is None:
        return []
    ids = [value for value in lineage(unit)[1:] if value is not None and value != unit_id] + [unit_id]
    names = warehouse.query(
        "select org_unit_id, org_unit_name, org_level_rank from marts.dim_org_units where org_unit_id in (select unnest(?))",
        (ids,),
    ).sort_values("org_level_rank")
    trail = list(zip(names["org_unit_id"], names["org_unit_name"]))
    if not scope.sees_everything:
        # Ancestors above the user's own roots are not theirs to open.
        first_visible = next(index for index, (unit_id_, _) in enumerate(trail) if unit_id_ in scope.root_org_unit_ids)
        trail = trail[first_visible:]
    return trail


def children(unit_id: str) -> pd.DataFrame:
    return warehouse.query(
        """
        select org_unit_id, org_unit_name, org_level, institution_type
        from marts.dim_org_units where parent_org_unit_id = ? order by org_unit_id
        """,
        (unit_id,),
    )
