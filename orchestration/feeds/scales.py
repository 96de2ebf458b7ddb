"""The two sizes the reference world is built at.

`seed` keeps the counties the seed documents name and small townships, so a full 36-month
run takes seconds; `province` expands 山西省 to all its 117 counties and sizes townships
like real ones (~30,000 institutions, ~40 M residents overall).
"""

from __future__ import annotations

from dataclasses import dataclass

Range = tuple[int, int]


@dataclass(frozen=True)
class ScaleProfile:
    name: str
    expand_province: bool  # every real county of geography.EXPANDED_PROVINCE_CODE, not just the seed ones
    townships_per_district: Range
    townships_per_county: Range
    streets_per_county_city: int  # 街道 of a 县级市 (the rest are 镇 and 乡)
    street_population: Range  # 街道
    town_population: Range  # 镇
    xiang_population: Range  # 乡
    residents_per_village_clinic: Range
    residents_per_community_station: Range
    branch_health_centre_share: float  # 镇 that run a second 卫生院 (分院), as 碧湖镇 does
    tertiary_hospitals_per_city: Range


SCALES: dict[str, ScaleProfile] = {
    "seed": ScaleProfile(
        name="seed",
        expand_province=False,
        townships_per_district=(2, 3),
        townships_per_county=(3, 4),
        streets_per_county_city=1,
        street_population=(4_000, 9_000),
        town_population=(2_500, 6_000),
        xiang_population=(1_500, 3_500),
        residents_per_village_clinic=(500, 900),
        residents_per_community_station=(2_500, 4_500),
        branch_health_centre_share=0.1,
        tertiary_hospitals_per_city=(1, 2),
    ),
    "province": ScaleProfile(
        name="province",
        expand_province=True,
        townships_per_district=(7, 11),
        townships_per_county=(10, 15),
        streets_per_county_city=2,
        street_population=(30_000, 60_000),
        town_population=(18_000, 34_000),
        xiang_population=(8_000, 16_000),
        residents_per_village_clinic=(550, 1_000),
        residents_per_community_station=(7_000, 12_000),
        branch_health_centre_share=0.1,
        tertiary_hospitals_per_city=(3, 5),
    ),
}


def scale_profile(name: str) -> ScaleProfile:
    try:
        return SCALES[name]
    except KeyError:
        raise ValueError(f"unknown scale {name!r}; choose one of {sorted(SCALES)}") from None
