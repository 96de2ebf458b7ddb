"""Generate the reference world of a scale tier: everything below the county level.

Provinces, cities and counties come from geography.py; townships, institutions, consortia,
populations and aliases are drawn from REFERENCE_SEED and the scale profile, so the seed
tier committed in raw/reference/ is reproduced exactly by `build_reference("seed")`, and
the feed seed never changes the world.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.feeds.geography import (
    EXPANDED_PROVINCE_CODE,
    LISHUI_GRID,
    LISHUI_GRID_COUNTY_CODE,
    LISHUI_GRID_TOWNSHIPS,
    PROVINCES,
)
from orchestration.feeds.names import unique_names_per_parent
from orchestration.feeds.reference import (
    CITY_CONSORTIUM,
    COMMUNITY_HEALTH_CENTRE,
    COMMUNITY_HEALTH_STATION,
    CONSORTIA_SCHEMA,
    COUNTY_CONSORTIUM,
    COUNTY_HOSPITAL,
    INSTITUTION_ALIASES_SCHEMA,
    LEVELS,
    ORG_UNITS_SCHEMA,
    SECONDARY_HOSPITAL,
    TERTIARY_HOSPITAL,
    TOWNSHIP_HEALTH_CENTRE,
    TOWNSHIP_POPULATION_SCHEMA,
    VILLAGE_CLINIC,
    Reference,
    alias_key,
)
from orchestration.feeds.residents import REFERENCE_SEED, key_population_counts
from orchestration.feeds.scales import ScaleProfile, scale_profile


def build_reference(scale: str | ScaleProfile) -> Reference:
    profile = scale_profile(scale) if isinstance(scale, str) else scale
    rng = np.random.default_rng([REFERENCE_SEED, 0])
    admin = _administrative_units(profile)
    townships = _townships(admin["county"], profile, rng)
    institutions = _institutions(townships, admin, profile, rng)
    institutions, consortia = _consortia(institutions, admin["county"])
    population = _township_population(townships)
    aliases = _aliases(institutions)
    org_units = _org_units(admin, townships, institutions)
    return Reference(
        org_units=org_units.select(list(ORG_UNITS_SCHEMA)).cast(ORG_UNITS_SCHEMA),
        consortia=consortia.select(list(CONSORTIA_SCHEMA)).sort("consortium_id"),
        township_population=population.select(list(TOWNSHIP_POPULATION_SCHEMA)).sort("township_id"),
        institution_aliases=aliases.select(list(INSTITUTION_ALIASES_SCHEMA)).sort("org_unit_id", "alias_kind", "alias"),
    )


# --- provinces, cities, counties (real) -----------------------------------------------------


def _administrative_units(profile: ScaleProfile) -> dict[str, pl.DataFrame]:
    provinces, cities, counties = [], [], []
    for province in PROVINCES:
        provinces.append({"org_unit_id": province.code, "name": province.name, "division_type": "省"})
        expand = profile.expand_province and province.code == EXPANDED_PROVINCE_CODE
        for city in province.cities:
            cities.append({"org_unit_id": city.code, "parent_id": province.code, "name": city.name,
                           "division_type": "地级市", "province_id": province.code})
            for county in city.counties:
                if expand or county.code in city.seed_county_codes:
                    counties.append({
                        "county_id": county.code, "name": county.name, "division_type": county.division_type,
                        "city_id": city.code, "city_name": city.name, "province_id": province.code,
                    })
    return {"province": pl.DataFrame(provinces), "city": pl.DataFrame(cities), "county": pl.DataFrame(counties)}


# --- townships (generated; 莲都区 real) ------------------------------------------------------

_RURAL_SHARE = {"街道": (0.0, 0.12), "镇": (0.55, 0.85), "乡": (0.82, 0.97)}


def _townships(counties: pl.DataFrame, profile: ScaleProfile, rng: np.random.Generator) -> pl.DataFrame:
    generated = counties.filter(pl.col("county_id") != LISHUI_GRID_COUNTY_CODE)
    is_district = (generated["division_type"] == "市辖区").to_numpy()
    low = np.where(is_district, profile.townships_per_district[0], profile.townships_per_county[0])
    high = np.where(is_district, profile.townships_per_district[1], profile.townships_per_county[1])
    counts = generated.select("county_id", "division_type").with_columns(
        pl.Series("needed", rng.integers(low, high + 1))
    )
    slots = counts.with_columns(pl.int_ranges(0, pl.col("needed")).alias("ordinal")).explode("ordinal")
    town_draw = rng.random(slots.height)
    street_count = (
        pl.when(pl.col("division_type") == "市辖区").then((pl.col("needed") * 0.75).ceil().cast(pl.Int64))
        .when(pl.col("division_type") == "县级市").then(pl.lit(profile.streets_per_county_city))
        .otherwise(0)
    )
    slots = slots.with_columns(pl.Series("town_draw", town_draw)).with_columns(
        pl.when(pl.col("ordinal") < street_count).then(pl.lit("街道"))
        .when((pl.col("division_type") == "县") & (pl.col("ordinal") == 0)).then(pl.lit("镇"))
        .when(pl.col("town_draw") < 0.58).then(pl.lit("镇"))
        .otherwise(pl.lit("乡"))
        .alias("township_division")
    )
    # A 县's first township is its seat, which Chinese counties almost always call 城关镇.
    names = unique_names_per_parent(
        rng,
        counts.select(pl.col("county_id").alias("parent_id"), "needed"),
        reserved=counts.select(pl.col("county_id").alias("parent_id"), pl.lit("城关").alias("name")),
    )
    slots = slots.join(
        names.rename({"parent_id": "county_id", "name": "stem"}), on=["county_id", "ordinal"], maintain_order="left"
    ).with_columns(
        pl.when((pl.col("division_type") == "县") & (pl.col("ordinal") == 0))
        .then(pl.lit("城关")).otherwise(pl.col("stem")).alias("stem")
    )
    generated_townships = slots.select(
        "county_id", "ordinal", (pl.col("stem") + pl.col("township_division")).alias("name"), "township_division"
    )
    grid_townships = pl.DataFrame(
        {"name": list(LISHUI_GRID_TOWNSHIPS), "township_division": list(LISHUI_GRID_TOWNSHIPS.values())}
    ).with_columns(
        pl.lit(LISHUI_GRID_COUNTY_CODE).alias("county_id"), pl.int_range(pl.len()).cast(pl.Int64).alias("ordinal")
    )
    townships = pl.concat([generated_townships, grid_townships.select(generated_townships.columns)]).filter(
        pl.col("county_id").is_in(counties["county_id"].implode())
    )
    return _with_population(townships, profile, rng).with_columns(
        (pl.col("county_id") + (pl.col("ordinal") + 1).cast(pl.String).str.zfill(3)).alias("township_id")
    ).join(counties.select("county_id", "city_id", "province_id"), on="county_id", maintain_order="left")


def _with_population(townships: pl.DataFrame, profile: ScaleProfile, rng: np.random.Generator) -> pl.DataFrame:
    bounds = pl.DataFrame({
        "township_division": ["街道", "镇", "乡"],
        "population_low": [profile.street_population[0], profile.town_population[0], profile.xiang_population[0]],
        "population_high": [profile.street_population[1], profile.town_population[1], profile.xiang_population[1]],
        "share_low": [_RURAL_SHARE[d][0] for d in ("街道", "镇", "乡")],
        "share_high": [_RURAL_SHARE[d][1] for d in ("街道", "镇", "乡")],
    })
    joined = townships.join(bounds, on="township_division", maintain_order="left")
    population = rng.integers(joined["population_low"].to_numpy(), joined["population_high"].to_numpy() + 1)
    share = rng.uniform(joined["share_low"].to_numpy(), joined["share_high"].to_numpy())
    return townships.with_columns(
        pl.Series("resident_population", population, dtype=pl.Int64),
        pl.Series("rural_population", np.rint(population * share), dtype=pl.Int64),
    ).with_columns((pl.col("rural_population") / pl.col("resident_population")).round(4).alias("rural_share"))


def _township_population(townships: pl.DataFrame) -> pl.DataFrame:
    counts = key_population_counts(townships)
    return townships.select("township_id", "resident_population", "rural_population", "rural_share").join(
        counts, on="township_id", maintain_order="left"
    )


# --- institutions ----------------------------------------------------------------------------

# Within a township, codes are handed out in this order: the health centre first, as registers do.
_CATEGORY_ORDER = {"centre": 0, "grid": 0, "branch": 1, "hospital": 2, "station": 3, "village": 4}
_TERTIARY_NAMES = ("第一人民医院", "中心医院", "中医院", "第二人民医院", "第三人民医院")
_LISHUI_HOSPITAL_TOWNSHIPS = {"丽水市中心医院": "万象街道", "丽水市人民医院": "紫金街道", "丽水市中医院": "白云街道"}


def _institutions(
    townships: pl.DataFrame, admin: dict[str, pl.DataFrame], profile: ScaleProfile, rng: np.random.Generator
) -> pl.DataFrame:
    """One row per institution: township, type, local name (as staff say it), registered name."""
    counties = admin["county"]
    places = townships.join(
        counties.select("county_id", pl.col("name").alias("county_name"), pl.col("division_type").alias("county_division"), "city_name"),
        on="county_id", maintain_order="left",
    ).rename({"name": "township_name"})
    generated = places.filter(pl.col("county_id") != LISHUI_GRID_COUNTY_CODE)
    grid_places = places.filter(pl.col("county_id") == LISHUI_GRID_COUNTY_CODE)

    centres = generated.select(
        "township_id",
        pl.when(pl.col("township_division") == "街道").then(pl.lit(COMMUNITY_HEALTH_CENTRE))
        .otherwise(pl.lit(TOWNSHIP_HEALTH_CENTRE)).alias("institution_type"),
        (pl.col("township_name") + pl.when(pl.col("township_division") == "街道").then(pl.lit("社区卫生服务中心"))
         .when(pl.col("township_division") == "镇").then(pl.lit("中心卫生院")).otherwise(pl.lit("卫生院"))).alias("local_name"),
        pl.lit("centre").alias("category"),
    )
    branches = _branch_health_centres(generated, profile, rng)
    stations = _units_by_population(
        places.filter(pl.col("township_division") == "街道"), "resident_population",
        profile.residents_per_community_station, rng, kind="community", suffix="社区卫生服务站",
        institution_type=COMMUNITY_HEALTH_STATION, category="station", minimum=1,
    )
    villages = _units_by_population(
        places.filter(pl.col("township_division") != "街道"), "rural_population",
        profile.residents_per_village_clinic, rng, kind="place", suffix="村卫生室",
        institution_type=VILLAGE_CLINIC, category="village", minimum=2,
    )
    hospitals = _hospitals(places, profile, rng)
    grid_members = _lishui_grid_members(grid_places)
    institutions = pl.concat([centres, branches, stations, villages, hospitals, grid_members], how="diagonal")
    institutions = institutions.join(
        places.select("township_id", "township_name", "county_id", "county_name", "county_division", "city_id", "city_name", "province_id"),
        on="township_id", maintain_order="left",
    ).with_columns(pl.col("category").replace_strict(_CATEGORY_ORDER).alias("category_order"))
    institutions = institutions.sort("township_id", "category_order", maintain_order=True).with_columns(
        (pl.col("township_id") + (pl.int_range(pl.len()).over("township_id") + 1).cast(pl.String).str.zfill(3)).alias("org_unit_id")
    )
    return institutions.with_columns(_registered_name().alias("name"))


def _branch_health_centres(places: pl.DataFrame, profile: ScaleProfile, rng: np.random.Generator) -> pl.DataFrame:
    towns = places.filter(pl.col("township_division") == "镇")
    chosen = towns.filter(pl.Series(rng.random(towns.height) < profile.branch_health_centre_share))
    stems = unique_names_per_parent(
        rng, chosen.select(pl.col("township_id").alias("parent_id"), pl.lit(1).alias("needed"))
    )
    return chosen.join(stems.rename({"parent_id": "township_id"}), on="township_id", maintain_order="left").select(
        "township_id",
        pl.lit(TOWNSHIP_HEALTH_CENTRE).alias("institution_type"),
        (pl.col("township_name") + pl.col("name") + pl.lit("卫生院")).alias("local_name"),
        pl.lit("branch").alias("category"),
    )


def _units_by_population(
    places: pl.DataFrame, population_column: str, residents_per_unit: tuple[int, int], rng: np.random.Generator,
    *, kind: str, suffix: str, institution_type: str, category: str, minimum: int,
) -> pl.DataFrame:
    """Community stations or village clinics: one per so many (urban / rural) residents."""
    per_unit = rng.integers(residents_per_unit[0], residents_per_unit[1] + 1, places.height)
    needed = np.maximum(minimum, np.rint(places[population_column].to_numpy() / per_unit)).astype(np.int64)
    names = unique_names_per_parent(
        rng, pl.DataFrame({"parent_id": places["township_id"], "needed": needed}), kind=kind
    )
    return names.join(
        places.select(pl.col("township_id").alias("parent_id"), "township_name"), on="parent_id", maintain_order="left"
    ).select(
        pl.col("parent_id").alias("township_id"),
        pl.lit(institution_type).alias("institution_type"),
        (pl.col("township_name") + pl.col("name") + pl.lit(suffix)).alias("local_name"),
        pl.lit(category).alias("category"),
    )


def _hospitals(places: pl.DataFrame, profile: ScaleProfile, rng: np.random.Generator) -> pl.DataFrame:
    seats = places.sort("township_id").group_by("county_id", maintain_order=True).first()
    ordinary = seats.filter(pl.col("county_id") != LISHUI_GRID_COUNTY_CODE)
    county_general = ordinary.select(
        "township_id",
        pl.when(pl.col("county_division") == "市辖区").then(pl.lit(SECONDARY_HOSPITAL))
        .otherwise(pl.lit(COUNTY_HOSPITAL)).alias("institution_type"),
        (pl.col("county_name") + pl.lit("人民医院")).alias("local_name"),
        pl.lit("hospital").alias("category"),
        pl.lit(True).alias("is_county_general_hospital"),
    )
    county_tcm = ordinary.filter(pl.col("county_division") != "市辖区").select(
        "township_id", pl.lit(COUNTY_HOSPITAL).alias("institution_type"),
        (pl.col("county_name") + pl.lit("中医医院")).alias("local_name"), pl.lit("hospital").alias("category"),
    )
    # City hospitals sit in the city's districts, one district after another; a city whose
    # districts are all outside this tier keeps them in its first county.
    tertiary_rows = []
    tier_cities = seats.select("city_id", "city_name").unique(maintain_order=True)
    counts = rng.integers(profile.tertiary_hospitals_per_city[0], profile.tertiary_hospitals_per_city[1] + 1, tier_cities.height)
    for (city_id, city_name), count in zip(tier_cities.iter_rows(), counts):
        if city_id == LISHUI_GRID_COUNTY_CODE[:4] + "00":
            continue  # its three city hospitals are the grid's lead hospitals
        city_seats = seats.filter(pl.col("city_id") == city_id)
        districts = city_seats.filter(pl.col("county_division") == "市辖区")
        hosts = (districts if districts.height else city_seats)["township_id"].to_list()
        for i in range(int(count)):
            tertiary_rows.append({
                "township_id": hosts[i % len(hosts)], "institution_type": TERTIARY_HOSPITAL,
                "local_name": city_name + _TERTIARY_NAMES[i], "category": "hospital",
            })
    return pl.concat([county_general, county_tcm, pl.DataFrame(tertiary_rows)], how="diagonal")


def _lishui_grid_members(grid_places: pl.DataFrame) -> pl.DataFrame:
    township_ids = dict(grid_places.select("township_name", "township_id").iter_rows())
    rows = []
    for consortium_number, consortium in enumerate(LISHUI_GRID, start=1):
        rows.append({
            "township_id": township_ids[_LISHUI_HOSPITAL_TOWNSHIPS[consortium.lead_hospital]],
            "institution_type": TERTIARY_HOSPITAL, "local_name": consortium.lead_hospital, "category": "hospital",
            "grid_consortium": consortium_number, "grid_lead": True,
        })
        for cluster in consortium.clusters:
            for member in cluster.members:
                rows.append({
                    "township_id": township_ids[_grid_township(member)],
                    "institution_type": COMMUNITY_HEALTH_CENTRE if member.endswith("社区卫生服务中心") else TOWNSHIP_HEALTH_CENTRE,
                    "local_name": member, "category": "grid", "grid_consortium": consortium_number,
                    "grid_cluster": cluster.name,
                    # The annex marks each 片区's leading unit; 市本级 has none.
                    "grid_cluster_lead": cluster.name.endswith("片区") and member == cluster.members[0],
                })
    return pl.DataFrame(rows)


def _grid_township(member: str) -> str:
    for township in sorted(LISHUI_GRID_TOWNSHIPS, key=len, reverse=True):
        if member.startswith(township) or member.startswith(township.removesuffix("街道")):
            return township
    raise ValueError(f"no township for 丽水 grid member {member}")


def _registered_name() -> pl.Expr:
    """The name on the licence: city and district prefix for 市辖区 units, the county for
    县 units; city hospitals already carry their city's name."""
    local = pl.col("local_name")
    district = pl.col("county_division") == "市辖区"
    return (
        pl.when(local.str.starts_with(pl.col("city_name"))).then(local)
        .when(local.str.starts_with(pl.col("county_name")))
        .then(pl.when(district).then(pl.col("city_name") + local).otherwise(local))
        .when(district).then(pl.col("city_name") + pl.col("county_name") + local)
        .otherwise(pl.col("county_name") + local)
    )


# --- consortia -------------------------------------------------------------------------------


def _consortia(institutions: pl.DataFrame, counties: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every institution of a 县 joins its county's 医共体 led by the county 人民医院; a 市辖区
    has one 医联体 led by the first city hospital inside it (else the district hospital);
    莲都区 follows the real grid. Further city hospitals of a district stay outside."""
    ordinary = institutions.filter(pl.col("county_id") != LISHUI_GRID_COUNTY_CODE)
    district = pl.col("county_division") == "市辖区"
    lead_rank = (
        pl.when(pl.col("institution_type") == TERTIARY_HOSPITAL).then(0)
        .when(pl.col("is_county_general_hospital").fill_null(False)).then(1)
        .otherwise(None)
    )
    leads = (
        ordinary.with_columns(lead_rank.alias("lead_rank"))
        .filter(pl.col("lead_rank").is_not_null() & (district | (pl.col("lead_rank") == 1)))
        .sort("county_id", "lead_rank", "org_unit_id")
        .group_by("county_id", maintain_order=True).first()
        .select(
            "county_id", pl.col("org_unit_id").alias("lead_org_unit_id"),
            pl.when(district).then(pl.lit("YLT")).otherwise(pl.lit("YGT")).alias("prefix"),
            pl.when(district).then(pl.lit(CITY_CONSORTIUM)).otherwise(pl.lit(COUNTY_CONSORTIUM)).alias("consortium_type"),
            pl.when(district).then(pl.col("local_name") + "医联体").otherwise(pl.col("county_name") + "县域医共体").alias("consortium_name"),
        )
        .with_columns((pl.col("prefix") + pl.col("county_id") + "01").alias("consortium_id"))
    )
    ordinary = ordinary.join(leads.select("county_id", "consortium_id", "lead_org_unit_id"), on="county_id", how="left", maintain_order="left")
    outside = (pl.col("institution_type") == TERTIARY_HOSPITAL) & (pl.col("org_unit_id") != pl.col("lead_org_unit_id"))
    ordinary = ordinary.with_columns(
        pl.when(outside).then(None).otherwise(pl.col("consortium_id")).alias("consortium_id"),
        (pl.col("org_unit_id") == pl.col("lead_org_unit_id")).alias("is_consortium_lead"),
        pl.lit(None, pl.String).alias("cluster_name"),
        pl.lit(None, pl.Boolean).alias("is_cluster_lead"),
    )
    grid, grid_consortia = _lishui_consortia(institutions.filter(pl.col("county_id") == LISHUI_GRID_COUNTY_CODE))
    consortia = pl.concat([leads.select(list(CONSORTIA_SCHEMA)), grid_consortia.select(list(CONSORTIA_SCHEMA))])
    columns = [*institutions.columns, "consortium_id", "is_consortium_lead", "cluster_name", "is_cluster_lead"]
    members = pl.concat([ordinary.select(columns), grid.select(columns)], how="vertical_relaxed")
    return members.sort("org_unit_id"), consortia


def _lishui_consortia(grid_institutions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    consortium_ids = pl.lit("YLT" + LISHUI_GRID_COUNTY_CODE) + pl.col("grid_consortium").cast(pl.String).str.zfill(2)
    named = grid_institutions.with_columns(consortium_ids.alias("consortium_id"))
    # Stations and village clinics join the consortium and 片区 of their township's first member.
    township_membership = (
        named.filter(pl.col("category") == "grid").sort("org_unit_id")
        .group_by("township_id", maintain_order=True)
        .agg(pl.col("consortium_id").first().alias("township_consortium"), pl.col("grid_cluster").first().alias("township_cluster"))
    )
    named = named.join(township_membership, on="township_id", how="left", maintain_order="left").with_columns(
        pl.col("consortium_id").fill_null(pl.col("township_consortium")),
        # Lead hospitals serve the whole consortium and belong to no 片区.
        pl.when(pl.col("category").is_in(["station", "village"])).then(pl.col("township_cluster"))
        .otherwise(pl.col("grid_cluster")).alias("cluster_name"),
        pl.col("grid_lead").fill_null(False).alias("is_consortium_lead"),
        pl.col("grid_cluster_lead").fill_null(False).alias("is_cluster_lead"),
    )
    consortia = named.filter(pl.col("is_consortium_lead")).select(
        "consortium_id", (pl.col("local_name") + "城市医联体").alias("consortium_name"),
        pl.lit(CITY_CONSORTIUM).alias("consortium_type"), pl.col("org_unit_id").alias("lead_org_unit_id"), "county_id",
    )
    return named, consortia


# --- aliases ---------------------------------------------------------------------------------

_ABBREVIATIONS = (
    ("社区卫生服务中心", "社区中心"),
    ("社区卫生服务站", "社区服务站"),
    ("中心卫生院", "卫生院"),
    ("村卫生室", "村卫生所"),
    ("中医医院", "中医院"),
    ("第一人民医院", "一院"),
    ("人民医院", "医院"),
)


def _aliases(institutions: pl.DataFrame) -> pl.DataFrame:
    """Names feeds use for an institution: the registered name, the local name, a common
    abbreviation, and for 市辖区 units the name without the city. An alias two institutions
    could share is dropped, so every alias in the table resolves to exactly one code."""
    abbreviated = pl.col("local_name")
    for long, short in _ABBREVIATIONS:
        abbreviated = abbreviated.str.replace(long + "$", short)
    candidates = pl.concat([
        institutions.select(pl.col("name").alias("alias"), "org_unit_id", pl.lit("registered_name").alias("alias_kind")),
        institutions.select(pl.col("local_name").alias("alias"), "org_unit_id", pl.lit("local_name").alias("alias_kind")),
        institutions.select(abbreviated.alias("alias"), "org_unit_id", pl.lit("abbreviation").alias("alias_kind")),
        institutions.filter((pl.col("county_division") == "市辖区") & ~pl.col("local_name").str.starts_with(pl.col("city_name"))).select(
            pl.col("name").str.strip_prefix(pl.col("city_name")).alias("alias"), "org_unit_id", pl.lit("without_city").alias("alias_kind")
        ),
    ])
    candidates = candidates.unique(subset=["alias", "org_unit_id"], keep="first", maintain_order=True)
    # Kinds collapse when two rules give the same text; the first kind listed above wins.
    shared = candidates.group_by(alias_key(pl.col("alias")).alias("key")).agg(pl.col("org_unit_id").n_unique().alias("owners"))
    return (
        candidates.with_columns(alias_key(pl.col("alias")).alias("key"))
        .join(shared, on="key", maintain_order="left")
        .filter(pl.col("owners") == 1)
        .unique(subset="key", keep="first", maintain_order=True)
        .drop("key", "owners")
    )


# --- assembly --------------------------------------------------------------------------------


def _org_units(admin: dict[str, pl.DataFrame], townships: pl.DataFrame, institutions: pl.DataFrame) -> pl.DataFrame:
    provinces = admin["province"].with_columns(
        pl.lit("province").alias("level"), pl.col("org_unit_id").alias("province_id")
    )
    cities = admin["city"].filter(pl.col("org_unit_id").is_in(admin["county"]["city_id"].implode())).with_columns(
        pl.lit("city").alias("level"), pl.col("org_unit_id").alias("city_id")
    )
    counties = admin["county"].select(
        pl.col("county_id").alias("org_unit_id"), pl.col("city_id").alias("parent_id"), pl.lit("county").alias("level"),
        "name", "division_type", "province_id", "city_id", "county_id",
    )
    township_units = townships.select(
        pl.col("township_id").alias("org_unit_id"), pl.col("county_id").alias("parent_id"), pl.lit("township").alias("level"),
        "name", pl.col("township_division").alias("division_type"), "province_id", "city_id", "county_id", "township_id",
    )
    institution_units = institutions.select(
        "org_unit_id", pl.col("township_id").alias("parent_id"), pl.lit("institution").alias("level"), "name",
        "institution_type", "province_id", "city_id", "county_id", "township_id",
        "consortium_id", "is_consortium_lead", "cluster_name", "is_cluster_lead",
    )
    return pl.concat([provinces, cities, counties, township_units, institution_units], how="diagonal_relaxed").sort(
        pl.col("level").replace_strict({level: i for i, level in enumerate(LEVELS)}), "org_unit_id"
    )
