"""Reference data: org hierarchy, consortia, township populations and institution aliases.

The hierarchy is province → city → county/district → township/street → institution. Codes
nest: city and county codes are real division codes, a township is its county code plus a
3-digit serial, an institution its township code plus a 3-digit serial (12 digits), so a
code alone says where an institution is. This module holds the tables' shape and their
CSV form; reference_builder.py generates them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

TERTIARY_HOSPITAL = "三级医院"
SECONDARY_HOSPITAL = "二级医院"
COUNTY_HOSPITAL = "县级医院"
TOWNSHIP_HEALTH_CENTRE = "乡镇卫生院"
COMMUNITY_HEALTH_CENTRE = "社区卫生服务中心"
COMMUNITY_HEALTH_STATION = "社区卫生服务站"
VILLAGE_CLINIC = "村卫生室"

INSTITUTION_TYPES = (
    TERTIARY_HOSPITAL, SECONDARY_HOSPITAL, COUNTY_HOSPITAL, TOWNSHIP_HEALTH_CENTRE,
    COMMUNITY_HEALTH_CENTRE, COMMUNITY_HEALTH_STATION, VILLAGE_CLINIC,
)
HOSPITAL_TYPES = (TERTIARY_HOSPITAL, SECONDARY_HOSPITAL, COUNTY_HOSPITAL)
# The institutions 优质服务基层行 assesses and that file the primary-care columns of the monthly report.
HEALTH_CENTRE_TYPES = (TOWNSHIP_HEALTH_CENTRE, COMMUNITY_HEALTH_CENTRE)
PRIMARY_CARE_TYPES = (TOWNSHIP_HEALTH_CENTRE, COMMUNITY_HEALTH_CENTRE, COMMUNITY_HEALTH_STATION, VILLAGE_CLINIC)

CITY_CONSORTIUM = "医联体"
COUNTY_CONSORTIUM = "医共体"

LEVELS = ("province", "city", "county", "township", "institution")

ORG_UNITS_SCHEMA = {
    "org_unit_id": pl.String,
    "parent_id": pl.String,
    "level": pl.String,
    "name": pl.String,
    "division_type": pl.String,
    "institution_type": pl.String,
    "province_id": pl.String,
    "city_id": pl.String,
    "county_id": pl.String,
    "township_id": pl.String,
    "consortium_id": pl.String,
    "is_consortium_lead": pl.Boolean,
    "cluster_name": pl.String,
    "is_cluster_lead": pl.Boolean,
}
CONSORTIA_SCHEMA = {
    "consortium_id": pl.String,
    "consortium_name": pl.String,
    "consortium_type": pl.String,
    "lead_org_unit_id": pl.String,
    "county_id": pl.String,
}
TOWNSHIP_POPULATION_SCHEMA = {
    "township_id": pl.String,
    "resident_population": pl.Int64,
    "rural_population": pl.Int64,
    "rural_share": pl.Float64,
    "population_65_plus": pl.Int64,
    "hypertension_patients": pl.Int64,
    "type2_diabetes_patients": pl.Int64,
    "maternal": pl.Int64,
    "children_0_6": pl.Int64,
    "disabled": pl.Int64,
    "severe_mental_disorder": pl.Int64,
    "tuberculosis": pl.Int64,
    "key_population": pl.Int64,
}
INSTITUTION_ALIASES_SCHEMA = {"alias": pl.String, "org_unit_id": pl.String, "alias_kind": pl.String}

REFERENCE_TABLES = {
    "org_units": ORG_UNITS_SCHEMA,
    "consortia": CONSORTIA_SCHEMA,
    "township_population": TOWNSHIP_POPULATION_SCHEMA,
    "institution_aliases": INSTITUTION_ALIASES_SCHEMA,
}


def alias_key(names: pl.Expr) -> pl.Expr:
    """How a name is compared with the alias table: NFKC folds full-width letters, digits and
    brackets to their half-width forms; whitespace inside names is noise."""
    return names.str.normalize("NFKC").str.replace_all(r"\s+", "")


@dataclass(frozen=True)
class Reference:
    org_units: pl.DataFrame
    consortia: pl.DataFrame
    township_population: pl.DataFrame
    institution_aliases: pl.DataFrame

    @cached_property
    def institutions(self) -> pl.DataFrame:
        return self.org_units.filter(pl.col("level") == "institution")

    @cached_property
    def alias_lookup(self) -> pl.DataFrame:
        """`alias_key` -> `org_unit_id`, one row per key (aliases are unique by construction)."""
        return self.institution_aliases.select(
            alias_key(pl.col("alias")).alias("alias_key"), "org_unit_id"
        ).unique(subset="alias_key", keep="first", maintain_order=True)

    @cached_property
    def cities(self) -> pl.DataFrame:
        return self.org_units.filter(pl.col("level") == "city")


def write_reference(reference: Reference, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for table in REFERENCE_TABLES:
        getattr(reference, table).write_csv(directory / f"{table}.csv")


def load_reference(directory: Path) -> Reference:
    """Read the four reference CSVs (UTF-8), codes kept as text so leading digits survive."""
    tables = {
        table: pl.read_csv(directory / f"{table}.csv", schema=schema)
        for table, schema in REFERENCE_TABLES.items()
    }
    return Reference(**tables)
