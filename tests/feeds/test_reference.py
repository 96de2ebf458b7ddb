"""The reference hierarchy is consistent, real where the seeds are, and committed as built."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.feeds.geography import LISHUI_GRID
from orchestration.feeds.reference import INSTITUTION_TYPES, LEVELS, Reference, alias_key, load_reference
from orchestration.feeds.reference_builder import build_reference
from orchestration.settings import REFERENCE_DIR


@pytest.fixture(scope="module")
def seed() -> Reference:
    return build_reference("seed")


def test_committed_reference_is_what_the_seed_scale_builds(seed):
    committed = load_reference(REFERENCE_DIR)
    for table in ("org_units", "consortia", "township_population", "institution_aliases"):
        assert getattr(committed, table).equals(getattr(seed, table)), f"raw/reference/{table}.csv is stale: run `feeds reference`"


def test_every_parent_exists_one_level_up_and_codes_nest(seed):
    units = seed.org_units
    assert units["org_unit_id"].is_unique().all()
    parents = units.join(units.select(pl.col("org_unit_id").alias("parent_id"), pl.col("level").alias("parent_level")),
                         on="parent_id", how="left")
    children = parents.filter(pl.col("level") != "province")
    assert children["parent_level"].null_count() == 0
    expected_parent = {child: parent for parent, child in zip(LEVELS, LEVELS[1:])}
    assert (children["parent_level"] == children["level"].replace_strict(expected_parent)).all()
    # A township code extends its county's, an institution code its township's.
    nested = children.filter(pl.col("level").is_in(["township", "institution"]))
    assert nested.select(pl.col("org_unit_id").str.starts_with(pl.col("parent_id"))).to_series().all()


def test_institutions_have_a_known_type_and_the_seed_scale_is_hundreds(seed):
    institutions = seed.institutions
    assert set(institutions["institution_type"]) == set(INSTITUTION_TYPES)
    assert 300 <= institutions.height <= 1000
    assert seed.org_units.filter(pl.col("level") != "institution")["institution_type"].null_count() == \
        seed.org_units.filter(pl.col("level") != "institution").height


def test_real_places_from_the_seed_documents(seed):
    names = set(seed.org_units["name"])
    assert {"思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区"} <= names
    assert {"易县", "唐县", "高阳县", "嘉峪关市", "丽水市", "莲都区"} <= names
    shanxi = seed.org_units.filter((pl.col("level") == "city") & (pl.col("province_id") == "140000"))
    assert set(shanxi["name"]) == {"太原市", "大同市", "朔州市", "忻州市", "阳泉市", "吕梁市", "晋中市", "长治市", "晋城市", "临汾市", "运城市"}


def test_lishui_grid_follows_the_annex(seed):
    lishui = seed.institutions.filter(pl.col("county_id") == "331102")
    leads = lishui.filter(pl.col("is_consortium_lead"))
    assert sorted(leads["name"]) == ["丽水市中医院", "丽水市中心医院", "丽水市人民医院"]
    assert lishui["cluster_name"].drop_nulls().unique().sort().to_list() == ["万象片区", "岩泉片区", "市本级", "白云片区", "紫金片区"]
    assert lishui.filter(pl.col("is_cluster_lead"))["name"].str.contains("街道社区卫生服务中心").all()
    assert lishui.filter(pl.col("is_cluster_lead")).height == 4
    consortia = dict(seed.consortia.select("lead_org_unit_id", "consortium_id").iter_rows())
    for consortium in LISHUI_GRID:
        lead_id = leads.filter(pl.col("name") == consortium.lead_hospital)["org_unit_id"].item()
        for cluster in consortium.clusters:
            for member in cluster.members:
                row = lishui.filter(pl.col("name").str.ends_with(member))
                assert row.height == 1, member
                assert row["consortium_id"].item() == consortia[lead_id]
                assert row["cluster_name"].item() == cluster.name


def test_every_county_consortium_has_one_hospital_lead(seed):
    leads = seed.institutions.filter(pl.col("is_consortium_lead"))
    assert leads["consortium_id"].is_unique().all()
    assert leads["institution_type"].is_in(["三级医院", "二级医院", "县级医院"]).all()
    assert set(leads["consortium_id"]) == set(seed.consortia["consortium_id"])
    members = seed.institutions.filter(pl.col("institution_type") != "三级医院")
    assert members["consortium_id"].null_count() == 0


def test_aliases_resolve_to_exactly_one_institution(seed):
    aliases = seed.institution_aliases
    keys = aliases.select(alias_key(pl.col("alias")).alias("key"), "org_unit_id")
    assert keys["key"].is_unique().all()
    assert set(aliases["org_unit_id"]) == set(seed.institutions["org_unit_id"])
    registered = aliases.filter(pl.col("alias_kind") == "registered_name")
    assert registered.height == seed.institutions.height


def test_township_populations_are_consistent(seed):
    population = seed.township_population
    townships = seed.org_units.filter(pl.col("level") == "township")
    assert set(population["township_id"]) == set(townships["org_unit_id"])
    assert (population["rural_population"] <= population["resident_population"]).all()
    flags = ["population_65_plus", "hypertension_patients", "type2_diabetes_patients", "maternal", "children_0_6",
             "disabled", "severe_mental_disorder", "tuberculosis"]
    assert population.select(pl.max_horizontal(flags) <= pl.col("key_population")).to_series().all()
    assert (population["key_population"] < population["resident_population"]).all()


def test_province_scale_is_the_size_of_a_province():
    province = build_reference("province")
    assert 27_000 <= province.institutions.height <= 33_000
    assert 36_000_000 <= province.township_population["resident_population"].sum() <= 44_000_000
    shanxi_counties = province.org_units.filter((pl.col("level") == "county") & (pl.col("province_id") == "140000"))
    assert shanxi_counties.height == 117
